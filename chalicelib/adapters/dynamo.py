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
}


class ConditionFailed(Exception):
    """A conditional write lost: the item already exists (or the condition is false)."""


def make_client(endpoint_url: str | None, region: str):
    kwargs: dict[str, Any] = {"region_name": region, "config": CLIENT_CONFIG}
    if endpoint_url:
        # DynamoDB Local accepts any credentials; set dummy ones so no real profile is needed.
        kwargs.update(endpoint_url=endpoint_url, aws_access_key_id="local", aws_secret_access_key="local")
    return boto3.client("dynamodb", **kwargs)


def call(fn, **kwargs):
    """Run a DynamoDB call, translating failures into ConditionFailed or Unavailable."""
    try:
        return fn(**kwargs)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if code in ("ConditionalCheckFailedException", "TransactionCanceledException"):
            raise ConditionFailed(code) from exc
        if code == "ResourceNotFoundException":
            raise Unavailable("a ledger table is missing") from exc
        raise Unavailable(f"DynamoDB error {code}") from exc
    except BotoCoreError as exc:  # timeouts, connection refused, ...
        raise Unavailable("DynamoDB unreachable") from exc


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

    @staticmethod
    def pk(tenant_id: str, case_id: str) -> str:
        return f"{tenant_id}#{case_id}"

    def put_new(self, tenant_id: str, case_id: str, seq: int, record_text: str, record_hash: str) -> None:
        call(
            self._client.put_item,
            TableName=self._table,
            Item={
                "pk": {"S": self.pk(tenant_id, case_id)},
                "seq": {"N": str(seq)},
                "tenant_id": {"S": tenant_id},
                "hash": {"S": record_hash},
                "record": {"S": record_text},
            },
            ConditionExpression="attribute_not_exists(pk)",
        )

    def exists(self, tenant_id: str, case_id: str) -> bool:
        item = call(self._client.get_item, TableName=self._table, ProjectionExpression="seq",
                    Key={"pk": {"S": self.pk(tenant_id, case_id)}, "seq": {"N": "0"}}).get("Item")
        return item is not None

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


class KeyStore:
    """Wrapped subject keys (and the tenant's blind-index key). DeleteItem = crypto-shredding."""

    def __init__(self, tables: Tables):
        self._client = tables.client
        self._table = tables.name("keys")

    def put_new(self, pk: str, attributes: dict[str, str]) -> None:
        item = {"pk": {"S": pk}, **{k: {"S": v} for k, v in attributes.items()}}
        call(self._client.put_item, TableName=self._table, Item=item, ConditionExpression="attribute_not_exists(pk)")

    def get(self, pk: str) -> dict[str, str] | None:
        item = call(self._client.get_item, TableName=self._table, Key={"pk": {"S": pk}}, ConsistentRead=True).get("Item")
        return {k: v["S"] for k, v in item.items()} if item else None

    def get_many(self, pks: list[str]) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = {}
        pending = [{"pk": {"S": pk}} for pk in dict.fromkeys(pks)]
        for attempt in range(5):
            if not pending:
                break
            for i in range(0, len(pending), 100):
                resp = call(
                    self._client.batch_get_item,
                    RequestItems={self._table: {"Keys": pending[i:i + 100], "ConsistentRead": True}},
                )
                for item in resp.get("Responses", {}).get(self._table, []):
                    found[item["pk"]["S"]] = {k: v["S"] for k, v in item.items()}
                pending = resp.get("UnprocessedKeys", {}).get(self._table, {}).get("Keys", [])
            if pending:
                time.sleep(0.05 * (attempt + 1))
        if pending:
            raise Unavailable("could not read subject keys")
        return found


class LookupStore:
    """Blind-index entries and per-subject case lists: (pk, sk) pairs with small attributes."""

    def __init__(self, tables: Tables):
        self._client = tables.client
        self._table = tables.name("lookup")

    def put(self, pk: str, sk: str, attributes: dict[str, str] | None = None) -> None:
        item = {"pk": {"S": pk}, "sk": {"S": sk}, **{k: {"S": v} for k, v in (attributes or {}).items()}}
        call(self._client.put_item, TableName=self._table, Item=item)

    def query(self, pk: str, limit: int = 100) -> list[dict[str, str]]:
        resp = call(
            self._client.query,
            TableName=self._table,
            KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": {"S": pk}},
            Limit=limit,
        )
        return [{k: v["S"] for k, v in item.items()} for item in resp.get("Items", [])]


class AuthStore:
    def __init__(self, tables: Tables):
        self._client = tables.client
        self._table = tables.name("auth")

    def put_new(self, key_id: str, attributes: dict[str, str]) -> None:
        item = {"key_id": {"S": key_id}, **{k: {"S": v} for k, v in attributes.items()}}
        call(self._client.put_item, TableName=self._table, Item=item, ConditionExpression="attribute_not_exists(key_id)")

    def get(self, key_id: str) -> dict[str, str] | None:
        item = call(self._client.get_item, TableName=self._table, Key={"key_id": {"S": key_id}}, ConsistentRead=True).get("Item")
        return {k: v["S"] for k, v in item.items()} if item else None

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
            ConditionExpression="attribute_not_exists(pk) OR expires_at < :now OR (#s = :busy AND lease_until < :now AND request_hash = :rh)",
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
        call(self._client.delete_item, TableName=self._table, Key={"pk": {"S": pk}})
