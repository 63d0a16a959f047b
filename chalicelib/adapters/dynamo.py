"""DynamoDB adapter: the client, the tables' key schemas, and one small store per table.

Items are written with the low-level client so values stay plain strings and numbers (no
Decimal). The ledger record is stored as its canonical JSON text: read back byte-identical.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Iterator

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from ..domain.errors import Unavailable

# Bounded, jittered retries ("standard" mode) and short timeouts: a Lambda must answer 503
# quickly rather than hang until API Gateway's 29 s limit.
CLIENT_CONFIG = Config(
    connect_timeout=2,
    read_timeout=5,
    retries={"max_attempts": 3, "mode": "standard"},
)

TABLES: dict[str, dict[str, Any]] = {
    "ledger": {
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "seq", "KeyType": "RANGE"}],
        "AttributeDefinitions": [
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "seq", "AttributeType": "N"},
        ],
        "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
    },
    "keys": {
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
    },
    "lookup": {
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        "AttributeDefinitions": [
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
    },
    "auth": {
        "KeySchema": [{"AttributeName": "key_id", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "key_id", "AttributeType": "S"}],
    },
    "idempotency": {
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
    },
    "tlog": {
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        "AttributeDefinitions": [
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
    },
}


class ConditionFailed(Exception):
    """A conditional write lost: the item already exists (or the condition is false)."""


class KeyClaimed(Exception):
    """The Idempotency-Key a ledger write claims is held by another request (not a lost race
    for the seq: retrying the write cannot help; the request is a replay or a reuse)."""


def make_client(endpoint_url: str | None, region: str):
    kwargs: dict[str, Any] = {"region_name": region, "config": CLIENT_CONFIG}
    if endpoint_url:
        # DynamoDB Local accepts any credentials; set dummy ones so no real profile is needed.
        kwargs.update(endpoint_url=endpoint_url, aws_access_key_id="local", aws_secret_access_key="local")  # nosec B106 - DynamoDB Local ignores credentials
    return boto3.client("dynamodb", **kwargs)


def call(fn, **kwargs):
    """Run a DynamoDB call, translating failures into ConditionFailed or Unavailable."""
    try:
        return fn(**kwargs)
    except ClientError as exc:
        raise translated(exc) from exc
    except BotoCoreError as exc:  # timeouts, connection refused, ...
        raise Unavailable("DynamoDB unreachable") from exc


def translated(exc: ClientError) -> Exception:
    code = exc.response.get("Error", {}).get("Code", "")
    if code in ("ConditionalCheckFailedException", "TransactionCanceledException"):
        return ConditionFailed(code)
    if code == "ResourceNotFoundException":
        return Unavailable("a ledger table is missing")
    return Unavailable(f"DynamoDB error {code}")


def batch_get(client, table: str, keys: list[dict]) -> list[dict]:
    """Raw items for these keys: BatchGetItem by 100, unprocessed keys retried with back-off."""
    found: list[dict] = []
    for i in range(0, len(keys), 100):
        pending = keys[i:i + 100]
        for attempt in range(6):
            resp = call(client.batch_get_item, RequestItems={table: {"Keys": pending, "ConsistentRead": True}})
            found.extend(resp.get("Responses", {}).get(table, []))
            pending = resp.get("UnprocessedKeys", {}).get(table, {}).get("Keys", [])
            if not pending:
                break
            time.sleep(0.05 * (attempt + 1))
        if pending:
            raise Unavailable(f"could not read all items of {table}")
    return found


def create_tables(client, prefix: str, wait: bool = True) -> list[str]:
    """Create missing tables (idempotent). Returns the names created."""
    existing = set()
    for page in client.get_paginator("list_tables").paginate():
        existing.update(page["TableNames"])
    created = []
    for name, spec in TABLES.items():
        full = prefix + name
        if full in existing:
            continue
        try:
            client.create_table(TableName=full, BillingMode="PAY_PER_REQUEST", **spec)
            created.append(full)
        except ClientError as exc:
            if exc.response["Error"]["Code"] != "ResourceInUseException":
                raise
    if wait:
        for full in created:
            client.get_waiter("table_exists").wait(TableName=full, WaiterConfig={"Delay": 0.2, "MaxAttempts": 100})
    return created


@dataclass
class Tables:
    client: Any
    prefix: str

    def name(self, logical: str) -> str:
        return self.prefix + logical


class LedgerStore:
    """The append-only journal: PutItem-if-absent, GetItem, Query. Never Update or Delete."""

    def __init__(self, tables: Tables):
        self._client = tables.client
        self._table = tables.name("ledger")
        self._idempotency_table = tables.name("idempotency")
        self._lookup_table = tables.name("lookup")

    @staticmethod
    def pk(tenant_id: str, case_id: str) -> str:
        return f"{tenant_id}#{case_id}"

    def put_new(self, tenant_id: str, case_id: str, seq: int, record_text: str, record_hash: str, mac: str,
                completes: tuple | None = None,
                reserves: tuple[str, str, dict[str, str]] | None = None) -> None:
        """Put the record if its seq is free. ``completes`` = (Idempotency-Key claim, response,
        request hash, now, expires_at): the key's answer is written in the same transaction, so
        an acknowledged append and its idempotent response are committed together or not at
        all. With a request hash the claim is taken there (a Put, conditional on the key being
        free: KeyClaimed if it is not); without, a claim taken before is completed (an Update).
        ``reserves`` = (pk, sk, attributes) of a `lookup` item that must not exist yet (a
        uniqueness reservation): it is put in the same transaction, so a reservation never
        exists without its record."""
        put = {
            "TableName": self._table,
            "Item": {
                "pk": {"S": self.pk(tenant_id, case_id)},
                "seq": {"N": str(seq)},
                "tenant_id": {"S": tenant_id},
                "hash": {"S": record_hash},
                "mac": {"S": mac},
                "record": {"S": record_text},
            },
            "ConditionExpression": "attribute_not_exists(pk)",
        }
        if completes is None and reserves is None:
            call(self._client.put_item, **put)
            return
        items: list[dict] = [{"Put": put}]
        if reserves is not None:
            pk, sk, attributes = reserves
            items.append({"Put": {
                "TableName": self._lookup_table,
                "Item": {"pk": {"S": pk}, "sk": {"S": sk}, **{k: {"S": v} for k, v in attributes.items()}},
                "ConditionExpression": "attribute_not_exists(pk)",
            }})
        if completes is not None and completes[2] is not None:
            claim, response_text, request_hash, now, expires_at = completes
            items.append({"Put": {
                "TableName": self._idempotency_table,
                "Item": {"pk": {"S": claim}, "request_hash": {"S": request_hash}, "state": {"S": "completed"},
                         "response": {"S": response_text}, "expires_at": {"N": str(expires_at)}},
                "ConditionExpression": IdempotencyStore.FREE,
                "ExpressionAttributeNames": {"#s": "state"},
                "ExpressionAttributeValues": {":now": {"N": str(now)}, ":busy": {"S": "in_progress"},
                                              ":rh": {"S": request_hash}},
            }})
        elif completes is not None:
            claim, response_text = completes[:2]
            items.append({"Update": {
                "TableName": self._idempotency_table,
                "Key": {"pk": {"S": claim}},
                "UpdateExpression": "SET #s = :done, #r = :resp",
                "ExpressionAttributeNames": {"#s": "state", "#r": "response"},
                "ExpressionAttributeValues": {":done": {"S": "completed"}, ":resp": {"S": response_text}},
            }})
        try:
            self._client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            reasons = exc.response.get("CancellationReasons") or []
            if (completes is not None and completes[2] is not None and len(reasons) == len(items)
                    and reasons[-1].get("Code") == "ConditionalCheckFailed"):
                raise KeyClaimed(completes[0]) from exc
            raise translated(exc) from exc
        except BotoCoreError as exc:
            raise Unavailable("DynamoDB unreachable") from exc

    def exists(self, tenant_id: str, case_id: str) -> bool:
        item = call(self._client.get_item, TableName=self._table, ProjectionExpression="seq",
                    Key={"pk": {"S": self.pk(tenant_id, case_id)}, "seq": {"N": "0"}}).get("Item")
        return item is not None

    def get_many(self, keys: list[tuple[str, str, int]]) -> dict[tuple[str, str, int], str]:
        """Record texts for (tenant, case, seq) keys."""
        wanted = [{"pk": {"S": self.pk(t, c)}, "seq": {"N": str(s)}} for t, c, s in dict.fromkeys(keys)]
        found: dict[tuple[str, str, int], str] = {}
        for item in batch_get(self._client, self._table, wanted):
            tenant, case = item["pk"]["S"].split("#", 1)
            found[(tenant, case, int(item["seq"]["N"]))] = item["record"]["S"]
        return found

    def last(self, tenant_id: str, case_id: str) -> str | None:
        """The newest record's text of a journal (None if it has none)."""
        page = call(self._client.query, TableName=self._table, Limit=1, ScanIndexForward=False, ConsistentRead=True,
                    KeyConditionExpression="pk = :pk",
                    ExpressionAttributeValues={":pk": {"S": self.pk(tenant_id, case_id)}})
        items = page.get("Items", [])
        return items[0]["record"]["S"] if items else None

    def records(self, tenant_id: str, case_id: str, after_seq: int = -1, limit: int | None = None,
                consistent: bool = True) -> Iterator[str]:
        """Record texts in seq order, from seq after_seq+1; paginates through the query."""
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk AND seq > :after",
            "ExpressionAttributeValues": {":pk": {"S": self.pk(tenant_id, case_id)}, ":after": {"N": str(after_seq)}},
            "ProjectionExpression": "#r",
            "ExpressionAttributeNames": {"#r": "record"},
            "ConsistentRead": consistent,
        }
        remaining = limit
        while True:
            if remaining is not None:
                kwargs["Limit"] = remaining
            page = call(self._client.query, **kwargs)
            for item in page.get("Items", []):
                yield item["record"]["S"]
            if remaining is not None:
                remaining -= len(page.get("Items", []))
                if remaining <= 0:
                    return
            if "LastEvaluatedKey" not in page:
                return
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


class _ItemStore:
    """Items addressed by one string key attribute and holding string attributes."""

    key_name = "pk"
    logical = ""

    def __init__(self, tables: Tables):
        self._client = tables.client
        self._table = tables.name(self.logical)

    def put_new(self, key: str, attributes: dict[str, str]) -> None:
        item = {self.key_name: {"S": key}, **{k: {"S": v} for k, v in attributes.items()}}
        call(self._client.put_item, TableName=self._table, Item=item,
             ConditionExpression=f"attribute_not_exists({self.key_name})")

    def get(self, key: str) -> dict[str, str] | None:
        item = call(self._client.get_item, TableName=self._table, Key={self.key_name: {"S": key}},
                    ConsistentRead=True).get("Item")
        return {k: v["S"] for k, v in item.items() if "S" in v} if item else None


class KeyStore(_ItemStore):
    """Wrapped subject keys (and the tenant's secrets). DeleteItem = crypto-shredding."""

    logical = "keys"

    def delete(self, pk: str) -> None:
        """Destroy a wrapped key: what was sealed to it can never be opened again."""
        call(self._client.delete_item, TableName=self._table, Key={"pk": {"S": pk}})

    def get_many(self, pks: list[str]) -> dict[str, dict[str, str]]:
        items = batch_get(self._client, self._table, [{"pk": {"S": pk}} for pk in dict.fromkeys(pks)])
        return {item["pk"]["S"]: {k: v["S"] for k, v in item.items()} for item in items}


class LookupStore:
    """Blind-index entries and per-subject case lists: (pk, sk) pairs with small attributes."""

    def __init__(self, tables: Tables):
        self._client = tables.client
        self._table = tables.name("lookup")

    def put(self, pk: str, sk: str, attributes: dict[str, str] | None = None) -> None:
        item = {"pk": {"S": pk}, "sk": {"S": sk}, **{k: {"S": v} for k, v in (attributes or {}).items()}}
        call(self._client.put_item, TableName=self._table, Item=item)

    def query(self, pk: str, limit: int = 100) -> list[dict[str, str]]:
        """Items of a partition in sk order, up to ``limit`` (pages through DynamoDB's 1 MB pages)."""
        kwargs: dict[str, Any] = {"TableName": self._table, "KeyConditionExpression": "pk = :pk",
                                  "ExpressionAttributeValues": {":pk": {"S": pk}}}
        out: list[dict[str, str]] = []
        while len(out) < limit:
            kwargs["Limit"] = limit - len(out)
            resp = call(self._client.query, **kwargs)
            out.extend({k: v["S"] for k, v in item.items()} for item in resp.get("Items", []))
            if "LastEvaluatedKey" not in resp:
                break
            kwargs["ExclusiveStartKey"] = resp["LastEvaluatedKey"]
        return out

    def query_range(self, pk: str, sk_from: str, sk_to: str, limit: int = 1000) -> list[dict[str, str]]:
        resp = call(self._client.query, TableName=self._table, Limit=limit,
                    KeyConditionExpression="pk = :pk AND sk BETWEEN :a AND :b",
                    ExpressionAttributeValues={":pk": {"S": pk}, ":a": {"S": sk_from}, ":b": {"S": sk_to}})
        return [{k: v["S"] for k, v in item.items()} for item in resp.get("Items", [])]

    def delete(self, pk: str, sk: str) -> None:
        call(self._client.delete_item, TableName=self._table, Key={"pk": {"S": pk}, "sk": {"S": sk}})


    def query_from(self, pk: str, sk_from: str, limit: int = 1000) -> list[dict[str, str]]:
        resp = call(
            self._client.query,
            TableName=self._table,
            KeyConditionExpression="pk = :pk AND sk >= :from",
            ExpressionAttributeValues={":pk": {"S": pk}, ":from": {"S": sk_from}},
            Limit=limit,
        )
        return [{k: v["S"] for k, v in item.items()} for item in resp.get("Items", [])]


class AuthStore(_ItemStore):
    """API keys by key id (hash of the secret, tenant, role, revocation) and failure counters."""

    key_name = "key_id"
    logical = "auth"

    def count_failure(self, bucket: str, expires_at: int) -> int:
        """Atomically count one failed authentication in a time bucket; returns the new count."""
        resp = call(
            self._client.update_item,
            TableName=self._table,
            Key={"key_id": {"S": bucket}},
            UpdateExpression="ADD failures :one SET expires_at = if_not_exists(expires_at, :exp)",
            ExpressionAttributeValues={":one": {"N": "1"}, ":exp": {"N": str(expires_at)}},
            ReturnValues="UPDATED_NEW",
        )
        return int(resp["Attributes"]["failures"]["N"])

    def set_revoked(self, key_id: str, revoked_at: str) -> None:
        call(
            self._client.update_item,
            TableName=self._table,
            Key={"key_id": {"S": key_id}},
            UpdateExpression="SET revoked_at = :at",
            ConditionExpression="attribute_exists(key_id)",
            ExpressionAttributeValues={":at": {"S": revoked_at}},
        )


class IdempotencyStore:
    """Claims on Idempotency-Key values; each expires (DynamoDB TTL on ``expires_at``)."""

    def __init__(self, tables: Tables):
        self._client = tables.client
        self._table = tables.name("idempotency")

    # free, expired, or an abandoned in-progress lease of the same request
    FREE = "attribute_not_exists(pk) OR expires_at < :now OR (#s = :busy AND lease_until < :now AND request_hash = :rh)"

    def claim(self, pk: str, request_hash: str, now: int, lease_until: int, expires_at: int) -> None:
        """Take the key if free, expired, or an abandoned in-progress lease; else ConditionFailed."""
        call(
            self._client.put_item,
            TableName=self._table,
            Item={
                "pk": {"S": pk},
                "request_hash": {"S": request_hash},
                "state": {"S": "in_progress"},
                "lease_until": {"N": str(lease_until)},
                "expires_at": {"N": str(expires_at)},
            },
            ConditionExpression=self.FREE,
            ExpressionAttributeNames={"#s": "state"},
            ExpressionAttributeValues={":now": {"N": str(now)}, ":busy": {"S": "in_progress"}, ":rh": {"S": request_hash}},
        )

    def get(self, pk: str) -> dict[str, str] | None:
        item = call(self._client.get_item, TableName=self._table, Key={"pk": {"S": pk}}, ConsistentRead=True).get("Item")
        if not item:
            return None
        return {k: (v.get("S") if "S" in v else v.get("N")) for k, v in item.items()}

    def complete(self, pk: str, response_text: str) -> None:
        call(
            self._client.update_item,
            TableName=self._table,
            Key={"pk": {"S": pk}},
            UpdateExpression="SET #s = :done, #r = :resp",
            ExpressionAttributeNames={"#s": "state", "#r": "response"},
            ExpressionAttributeValues={":done": {"S": "completed"}, ":resp": {"S": response_text}},
        )

    def release(self, pk: str) -> None:
        """Drop an in-progress claim (a completed one stays: its work was committed)."""
        try:
            call(self._client.delete_item, TableName=self._table, Key={"pk": {"S": pk}},
                 ConditionExpression="#s = :busy", ExpressionAttributeNames={"#s": "state"},
                 ExpressionAttributeValues={":busy": {"S": "in_progress"}})
        except ConditionFailed:
            pass


class TlogStore:
    """The tenant-wide transparency log: leaves, perfect-subtree nodes, head state, checkpoints.

    pk `<tenant>#leaves` sk index -> leaf hash and the (case, seq, hash) it commits to
    pk `<tenant>#pos#<case>` sk seq -> leaf index (an event is integrated at most once)
    pk `<tenant>#nodes` sk `<level>:<index>` -> hash of a perfect subtree (level >= 1)
    pk `<tenant>#state` sk `head` -> size, frontier, root, case-heads map root (a cache of what
        the leaves imply; the one overwritten item, conditional on the size it replaces)
    pk `<tenant>#checkpoints` sk size -> signed note
    pk `<tenant>#casemap` sk `<depth>:<hash>` -> a case-heads branch (content-addressed, write-once)
    pk `<tenant>#casemap-roots` sk size -> the map's root at that tree size (write-once)
    """

    def __init__(self, tables: Tables):
        self._client = tables.client
        self._table = tables.name("tlog")

    @staticmethod
    def _idx(n: int) -> str:
        return f"{n:015d}"

    def _query(self, pk: str, start_sk: str | None = None, end_sk: str | None = None, limit: int | None = None,
               forward: bool = True) -> list[dict]:
        cond, values = "pk = :pk", {":pk": {"S": pk}}
        if start_sk is not None and end_sk is not None:
            cond += " AND sk BETWEEN :a AND :b"
            values.update({":a": {"S": start_sk}, ":b": {"S": end_sk}})
        elif start_sk is not None:
            cond += " AND sk >= :a"
            values[":a"] = {"S": start_sk}
        kwargs: dict[str, Any] = {"TableName": self._table, "KeyConditionExpression": cond,
                                  "ExpressionAttributeValues": values, "ConsistentRead": True,
                                  "ScanIndexForward": forward}
        out: list[dict] = []
        while True:
            if limit is not None:
                kwargs["Limit"] = limit - len(out)
            page = call(self._client.query, **kwargs)
            out.extend({k: (v.get("S") if "S" in v else v.get("N")) for k, v in item.items()} for item in page["Items"])
            if "LastEvaluatedKey" not in page or (limit is not None and len(out) >= limit):
                return out
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    # head state
    def get_state(self, tenant_id: str) -> dict | None:
        item = call(self._client.get_item, TableName=self._table, ConsistentRead=True,
                    Key={"pk": {"S": f"{tenant_id}#state"}, "sk": {"S": "head"}}).get("Item")
        return {k: v.get("S", v.get("N")) for k, v in item.items()} if item else None

    def put_state(self, tenant_id: str, old_size: int, size: int, frontier_hex: str, root_hex: str,
                  map_root: str, map_hash_hex: str) -> None:
        """Advance the head from old_size to size (conditional: never backwards, never twice) and
        record the case-heads map root of that size, in one transaction: a head never names a
        map other than the one of its own leaves."""
        head = {"pk": {"S": f"{tenant_id}#state"}, "sk": {"S": "head"}, "size": {"N": str(size)},
                "frontier": {"S": frontier_hex}, "root": {"S": root_hex}, "map_root": {"S": map_root},
                "map_hash": {"S": map_hash_hex}}
        version = {"pk": {"S": f"{tenant_id}#casemap-roots"}, "sk": {"S": self._idx(size)},
                   "map_root": {"S": map_root}, "map_hash": {"S": map_hash_hex}}
        call(self._client.transact_write_items, TransactItems=[
            {"Put": {"TableName": self._table, "Item": head,
                     "ConditionExpression": "attribute_not_exists(pk) OR size = :old",
                     "ExpressionAttributeValues": {":old": {"N": str(old_size)}}}},
            {"Put": {"TableName": self._table, "Item": version, "ConditionExpression": "attribute_not_exists(pk)"}},
        ])

    # case-heads map
    def put_map_branches(self, tenant_id: str, branches: dict[str, tuple[str, str]]) -> None:
        """Branches by address `<depth>:<hash>` -> (left ref, right ref). Content-addressed: a
        rewrite (a retried batch) puts the same bytes, so no condition is needed."""
        self._batch_put([{"pk": {"S": f"{tenant_id}#casemap"}, "sk": {"S": address}, "l": {"S": left},
                          "r": {"S": right}} for address, (left, right) in branches.items()])

    def get_map_branches(self, tenant_id: str, addresses: list[str]) -> dict[str, tuple[str, str]]:
        keys = [{"pk": {"S": f"{tenant_id}#casemap"}, "sk": {"S": a}} for a in dict.fromkeys(addresses)]
        return {item["sk"]: (item["l"], item["r"]) for item in self._batch_get(keys)}

    def map_root(self, tenant_id: str, size: int) -> tuple[str, str] | None:
        """(root ref, root hash) of the case-heads map at this tree size, if a batch ended there."""
        rows = self._query(f"{tenant_id}#casemap-roots", self._idx(size), self._idx(size))
        return (rows[0]["map_root"], rows[0]["map_hash"]) if rows else None

    # leaves
    def put_leaves(self, tenant_id: str, leaves: list[dict]) -> None:
        """Each leaf with its position marker, atomically: a taken index or an already integrated
        event cancels the whole transaction (ConditionFailed)."""
        items = []
        for leaf in leaves:
            items.append({"Put": {"TableName": self._table, "ConditionExpression": "attribute_not_exists(pk)", "Item": {
                "pk": {"S": f"{tenant_id}#leaves"}, "sk": {"S": self._idx(leaf["index"])},
                "leaf": {"S": leaf["leaf"]}, "case_id": {"S": leaf["case_id"]}, "seq": {"N": str(leaf["seq"])},
                "hash": {"S": leaf["hash"]}}}})
            items.append({"Put": {"TableName": self._table, "ConditionExpression": "attribute_not_exists(pk)", "Item": {
                "pk": {"S": f"{tenant_id}#pos#{leaf['case_id']}"}, "sk": {"S": self._idx(leaf["seq"])},
                "index": {"N": str(leaf["index"])}}}})
        call(self._client.transact_write_items, TransactItems=items)

    def leaves(self, tenant_id: str, start: int, end: int | None = None, limit: int | None = None) -> list[dict]:
        rows = self._query(f"{tenant_id}#leaves", self._idx(start), self._idx(end - 1) if end is not None else None,
                           limit)
        return [{"index": int(r["sk"]), "leaf": r["leaf"], "case_id": r["case_id"], "seq": int(r["seq"]),
                 "hash": r["hash"]} for r in rows]

    def positions(self, tenant_id: str, events: list[tuple[str, int]]) -> dict[tuple[str, int], int]:
        keys = [{"pk": {"S": f"{tenant_id}#pos#{c}"}, "sk": {"S": self._idx(s)}} for c, s in dict.fromkeys(events)]
        return {(item["pk"].split("#pos#", 1)[1], int(item["sk"])): int(item["index"])
                for item in self._batch_get(keys)}

    def case_positions(self, tenant_id: str, case_id: str) -> list[tuple[int, int]]:
        """(seq, leaf index) of every integrated event of a case."""
        return [(int(r["sk"]), int(r["index"])) for r in self._query(f"{tenant_id}#pos#{case_id}")]

    def checkpoints(self, tenant_id: str, limit: int = 1) -> list[tuple[int, str]]:
        """The oldest checkpoints, oldest first."""
        return [(int(r["sk"]), r["note"]) for r in self._query(f"{tenant_id}#checkpoints", limit=limit)]

    # nodes
    def put_nodes(self, tenant_id: str, nodes: dict[tuple[int, int], str]) -> None:
        self._batch_put([{"pk": {"S": f"{tenant_id}#nodes"}, "sk": {"S": f"{lvl:02d}:{self._idx(i)}"},
                          "hash": {"S": h}} for (lvl, i), h in nodes.items() if lvl > 0])

    def get_nodes(self, tenant_id: str, addresses: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
        keys = []
        for lvl, i in dict.fromkeys(addresses):
            if lvl == 0:
                keys.append({"pk": {"S": f"{tenant_id}#leaves"}, "sk": {"S": self._idx(i)}})
            else:
                keys.append({"pk": {"S": f"{tenant_id}#nodes"}, "sk": {"S": f"{lvl:02d}:{self._idx(i)}"}})
        out = {}
        for item in self._batch_get(keys):
            if item["pk"].endswith("#leaves"):
                out[(0, int(item["sk"]))] = item["leaf"]
            else:
                lvl, idx = item["sk"].split(":")
                out[(int(lvl), int(idx))] = item["hash"]
        return out

    # checkpoints
    def put_checkpoint(self, tenant_id: str, size: int, note: str) -> None:
        try:
            call(self._client.put_item, TableName=self._table, ConditionExpression="attribute_not_exists(pk)",
                 Item={"pk": {"S": f"{tenant_id}#checkpoints"}, "sk": {"S": self._idx(size)}, "note": {"S": note}})
        except ConditionFailed:
            pass  # Ed25519 is deterministic: the same size yields the same note

    def latest_checkpoint(self, tenant_id: str) -> tuple[int, str] | None:
        rows = self._query(f"{tenant_id}#checkpoints", limit=1, forward=False)
        return (int(rows[0]["sk"]), rows[0]["note"]) if rows else None

    def checkpoint(self, tenant_id: str, size: int) -> str | None:
        rows = self._query(f"{tenant_id}#checkpoints", self._idx(size), self._idx(size))
        return rows[0]["note"] if rows else None

    # local stream cursors (DynamoDB Local only; in AWS Lambda's event source mapping keeps them)
    def get_cursor(self, shard_id: str) -> str | None:
        rows = self._query("__local__#stream", shard_id, shard_id)
        return rows[0]["after"] if rows else None

    def put_cursor(self, shard_id: str, sequence_number: str) -> None:
        call(self._client.put_item, TableName=self._table,
             Item={"pk": {"S": "__local__#stream"}, "sk": {"S": shard_id}, "after": {"S": sequence_number}})

    # batches
    def _batch_get(self, keys: list[dict]) -> list[dict]:
        return [{k: (v.get("S") if "S" in v else v.get("N")) for k, v in item.items()}
                for item in batch_get(self._client, self._table, keys)]

    def _batch_put(self, items: list[dict]) -> None:
        for i in range(0, len(items), 25):
            pending = [{"PutRequest": {"Item": it}} for it in items[i:i + 25]]
            for attempt in range(6):
                resp = call(self._client.batch_write_item, RequestItems={self._table: pending})
                pending = resp.get("UnprocessedItems", {}).get(self._table, [])
                if not pending:
                    break
                time.sleep(0.05 * (attempt + 1))
            if pending:
                raise Unavailable("transparency log write incomplete")
