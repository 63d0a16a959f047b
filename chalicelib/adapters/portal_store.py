"""The portal's credentials and counters in DynamoDB: links (by the SHA-256 of their token),
sessions (by the SHA-256 of their cookie), wrong-answer counters and rate-limit buckets.

They live in the `auth` table beside API keys: the same kind of thing (hashed bearer
secrets, counters), the same IAM grants (GetItem, PutItem, UpdateItem) and the table's TTL on
`expires_at` (epoch seconds) removes what expired. Keys start with `portal#` so they never
meet an API key id (`k` + 16 hex).
"""
from __future__ import annotations

from typing import Any

from .dynamo import ConditionFailed, Tables, call


def _to_item(attributes: dict[str, Any]) -> dict:
    return {k: ({"N": str(v)} if isinstance(v, int) and not isinstance(v, bool) else {"S": str(v)})
            for k, v in attributes.items()}


def _from_item(item: dict) -> dict[str, Any]:
    return {k: (int(v["N"]) if "N" in v else v["S"]) for k, v in item.items() if "N" in v or "S" in v}


class DynamoPortalStore:
    def __init__(self, tables: Tables):
        self._client = tables.client
        self._table = tables.name("auth")

    def put_new(self, key: str, attributes: dict[str, Any]) -> None:
        call(self._client.put_item, TableName=self._table,
             Item={"key_id": {"S": key}, **_to_item(attributes)}, ConditionExpression="attribute_not_exists(key_id)")

    def get(self, key: str) -> dict[str, Any] | None:
        item = call(self._client.get_item, TableName=self._table, Key={"key_id": {"S": key}},
                    ConsistentRead=True).get("Item")
        return _from_item(item) if item else None

    def set_fields(self, key: str, attributes: dict[str, Any], only_if_missing: str | None = None) -> bool:
        """SET the attributes on an existing item; with ``only_if_missing``, only while that
        attribute is absent (False when the condition fails)."""
        names = {f"#a{i}": name for i, name in enumerate(attributes)}
        values = {f":v{i}": value for i, value in enumerate(_to_item(attributes).values())}
        condition = "attribute_exists(key_id)"
        if only_if_missing:
            names["#m"] = only_if_missing
            condition += " AND attribute_not_exists(#m)"
        try:
            call(self._client.update_item, TableName=self._table, Key={"key_id": {"S": key}},
                 UpdateExpression="SET " + ", ".join(f"#a{i} = :v{i}" for i in range(len(attributes))),
                 ConditionExpression=condition, ExpressionAttributeNames=names, ExpressionAttributeValues=values)
        except ConditionFailed:
            return False
        return True

    def count(self, key: str, expires_at: int) -> int:
        """Atomically add one to a counter item (created on first use); the new count."""
        resp = call(self._client.update_item, TableName=self._table, Key={"key_id": {"S": key}},
                    UpdateExpression="ADD hits :one SET expires_at = if_not_exists(expires_at, :exp)",
                    ExpressionAttributeValues={":one": {"N": "1"}, ":exp": {"N": str(expires_at)}},
                    ReturnValues="UPDATED_NEW")
        return int(resp["Attributes"]["hits"]["N"])

    def reset(self, key: str, expires_at: int) -> None:
        call(self._client.put_item, TableName=self._table,
             Item={"key_id": {"S": key}, "hits": {"N": "0"}, "expires_at": {"N": str(expires_at)}})
