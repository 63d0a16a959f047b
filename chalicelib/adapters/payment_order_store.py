"""Payment orders in the `lookup` table: ``psp-order#<order id>`` holds the order's terms (sk
``order``, written once) and its latest status (sk ``status``). The order id is random and
global because a PSP's notification names the order, not the tenant. Nothing personal: ids,
amounts, currency, purpose."""
from __future__ import annotations

from .dynamo import ConditionFailed, Tables, call


def _pk(order_id: str) -> str:
    return f"psp-order#{order_id}"


class PaymentOrderStore:
    def __init__(self, tables: Tables):
        self._client = tables.client
        self._table = tables.name("lookup")

    def add(self, order_id: str, attributes: dict[str, str]) -> bool:
        """False when the id is taken (an order is never overwritten)."""
        item = {"pk": {"S": _pk(order_id)}, "sk": {"S": "order"}, **{k: {"S": v} for k, v in attributes.items()}}
        try:
            call(self._client.put_item, TableName=self._table, Item=item, ConditionExpression="attribute_not_exists(pk)")
        except ConditionFailed:
            return False
        return True

    def get(self, order_id: str) -> dict[str, str] | None:
        """The terms and, under ``status``, the latest status (absent: never notified)."""
        resp = call(self._client.query, TableName=self._table, ConsistentRead=True,
                    KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": {"S": _pk(order_id)}})
        rows = {item["sk"]["S"]: {k: v["S"] for k, v in item.items() if "S" in v and k not in ("pk", "sk")}
                for item in resp.get("Items", [])}
        if "order" not in rows:
            return None
        terms = dict(rows["order"])
        if "status" in rows:
            terms["status"] = rows["status"]["status"]
        return terms

    def set_status(self, order_id: str, status: str, at: str) -> None:
        """A paid order stays paid: a later refused attempt or a stale notification cannot
        undo it (conditional put)."""
        try:
            call(self._client.put_item, TableName=self._table,
                 Item={"pk": {"S": _pk(order_id)}, "sk": {"S": "status"}, "status": {"S": status}, "at": {"S": at}},
                 ConditionExpression="attribute_not_exists(pk) OR #s <> :paid",
                 ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":paid": {"S": "paid"}})
        except ConditionFailed:
            pass
