"""Versioned settings in the `lookup` table: one item per version under one partition, never
overwritten (each version is a conditional PutItem on a new sort key), so the history is kept
and two concurrent writers cannot both become version N."""
from __future__ import annotations

from .dynamo import ConditionFailed, Tables, call


def _sk(version: int) -> str:
    return f"v{version:010d}"  # fixed width: sort order is version order


class VersionedItems:
    def __init__(self, tables: Tables):
        self._client = tables.client
        self._table = tables.name("lookup")

    def _rows(self, pk: str, newest_first: bool, limit: int | None) -> list[dict]:
        kwargs: dict = {"TableName": self._table, "KeyConditionExpression": "pk = :pk AND begins_with(sk, :v)",
                        "ExpressionAttributeValues": {":pk": {"S": pk}, ":v": {"S": "v"}},
                        "ScanIndexForward": not newest_first, "ConsistentRead": True}
        out: list[dict] = []
        while limit is None or len(out) < limit:
            if limit is not None:
                kwargs["Limit"] = limit - len(out)
            resp = call(self._client.query, **kwargs)
            for item in resp.get("Items", []):
                row = {k: v["S"] for k, v in item.items() if "S" in v and k not in ("pk", "sk")}
                row["version"] = int(item["sk"]["S"][1:])
                out.append(row)
            if "LastEvaluatedKey" not in resp:
                break
            kwargs["ExclusiveStartKey"] = resp["LastEvaluatedKey"]
        return out

    def latest(self, pk: str) -> dict | None:
        rows = self._rows(pk, newest_first=True, limit=1)
        return rows[0] if rows else None

    def history(self, pk: str) -> list[dict]:
        return self._rows(pk, newest_first=False, limit=None)

    def add(self, pk: str, version: int, attributes: dict[str, str]) -> bool:
        """False when that version already exists (another writer took it)."""
        item = {"pk": {"S": pk}, "sk": {"S": _sk(version)}, **{k: {"S": v} for k, v in attributes.items()}}
        try:
            call(self._client.put_item, TableName=self._table, Item=item,
                 ConditionExpression="attribute_not_exists(sk)")
        except ConditionFailed:
            return False
        return True
