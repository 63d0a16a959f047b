"""Webhook endpoints, their delivery log and the local queue, in the `lookup` table.

pk `<tenant>#webhooks` sk webhook id -> url, event types, enabled, sealed secrets
pk `<tenant>#webhook-deliveries#<webhook id>` sk delivery id (time-ordered) -> one attempt:
    event id, status code, attempted_at, latency, and what to rebuild the event from (never a body)
pk `__webhooks__` sk tenant -> the tenants that have webhooks (the scheduled notices walk them)
pk `__local__#webhook-queue` sk `<enqueued ns>#<dedup id>` -> a queued delivery (DynamoDB Local
    only: the twin of the SQS FIFO queue `make run` and the tests use)
pk `__local__#webhook-stream` sk shard -> the local fan-out's stream position
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from .dynamo import ConditionFailed, Tables, call

_S = "S"


def _plain(item: dict) -> dict[str, str]:
    return {k: v[_S] if _S in v else v.get("N") for k, v in item.items()}


class WebhookStore:
    def __init__(self, tables: Tables):
        self._client = tables.client
        self._table = tables.name("lookup")

    def _put(self, pk: str, sk: str, attributes: dict[str, str], condition: str | None = None) -> None:
        item = {"pk": {_S: pk}, "sk": {_S: sk}, **{k: {_S: v} for k, v in attributes.items() if v is not None}}
        kwargs: dict[str, Any] = {"TableName": self._table, "Item": item}
        if condition:
            kwargs["ConditionExpression"] = condition
        call(self._client.put_item, **kwargs)

    def _get(self, pk: str, sk: str) -> dict[str, str] | None:
        item = call(self._client.get_item, TableName=self._table, ConsistentRead=True,
                    Key={"pk": {_S: pk}, "sk": {_S: sk}}).get("Item")
        return _plain(item) if item else None

    def _query(self, pk: str, limit: int, newest_first: bool = False) -> list[dict[str, str]]:
        kwargs: dict[str, Any] = {"TableName": self._table, "KeyConditionExpression": "pk = :pk",
                                  "ExpressionAttributeValues": {":pk": {_S: pk}}, "ConsistentRead": True,
                                  "ScanIndexForward": not newest_first}
        out: list[dict[str, str]] = []
        while len(out) < limit:
            kwargs["Limit"] = limit - len(out)
            page = call(self._client.query, **kwargs)
            out.extend(_plain(i) for i in page.get("Items", []))
            if "LastEvaluatedKey" not in page:
                break
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        return out

    # endpoints
    def create(self, tenant_id: str, webhook_id: str, attributes: dict[str, str]) -> None:
        self._put(f"{tenant_id}#webhooks", webhook_id, attributes, "attribute_not_exists(pk)")
        self._put("__webhooks__", tenant_id, {})

    def replace(self, tenant_id: str, webhook_id: str, attributes: dict[str, str]) -> bool:
        """Overwrite an existing endpoint; False if it no longer exists (deleted meanwhile)."""
        try:
            self._put(f"{tenant_id}#webhooks", webhook_id, attributes, "attribute_exists(pk)")
        except ConditionFailed:
            return False
        return True

    def get(self, tenant_id: str, webhook_id: str) -> dict[str, str] | None:
        return self._get(f"{tenant_id}#webhooks", webhook_id)

    def list(self, tenant_id: str) -> list[dict[str, str]]:
        return self._query(f"{tenant_id}#webhooks", 1000)

    def delete(self, tenant_id: str, webhook_id: str) -> bool:
        try:
            call(self._client.delete_item, TableName=self._table, ConditionExpression="attribute_exists(pk)",
                 Key={"pk": {_S: f"{tenant_id}#webhooks"}, "sk": {_S: webhook_id}})
        except ConditionFailed:
            return False
        return True

    def tenants(self) -> list[str]:
        return [row["sk"] for row in self._query("__webhooks__", 100_000)]

    # delivery log
    def log_delivery(self, tenant_id: str, webhook_id: str, delivery_id: str, attributes: dict[str, str]) -> None:
        self._put(f"{tenant_id}#webhook-deliveries#{webhook_id}", delivery_id, attributes)

    def deliveries(self, tenant_id: str, webhook_id: str, limit: int) -> list[dict[str, str]]:
        return self._query(f"{tenant_id}#webhook-deliveries#{webhook_id}", limit, newest_first=True)

    def delivery(self, tenant_id: str, webhook_id: str, delivery_id: str) -> dict[str, str] | None:
        return self._get(f"{tenant_id}#webhook-deliveries#{webhook_id}", delivery_id)

    # notices sent once (a GDPR deadline's "due soon")
    def first_notice(self, tenant_id: str, key: str) -> bool:
        try:
            self._put(f"{tenant_id}#webhook-notices", key, {}, "attribute_not_exists(pk)")
        except ConditionFailed:
            return False
        return True

    # the local fan-out's position in the ledger stream
    def stream_cursor(self, shard_id: str) -> str | None:
        row = self._get("__local__#webhook-stream", shard_id)
        return row["after"] if row else None

    def put_stream_cursor(self, shard_id: str, sequence_number: str) -> None:
        self._put("__local__#webhook-stream", shard_id, {"after": sequence_number})


@dataclass
class QueuedMessage:
    """One delivery to make, as the dispatcher receives it (from SQS or the local twin)."""
    message_id: str
    group: str
    body: dict
    receive_count: int
    handle: Any = None  # what the queue needs to acknowledge or delay it


class LocalWebhookQueue:
    """A FIFO queue with message groups, visibility timeouts and receive counts, kept in
    DynamoDB Local, with SQS FIFO's delivery rules: a group's messages in order, none while
    one of the group is in flight, a message deleted only once handled (at least once)."""

    PK = "__local__#webhook-queue"

    def __init__(self, tables: Tables, visibility_s: float = 30.0):
        self._client = tables.client
        self._table = tables.name("lookup")
        self._visibility_ms = int(visibility_s * 1000)

    @staticmethod
    def _now_ms() -> int:
        return int(time.time() * 1000)

    def send(self, messages: list[tuple[str, str, dict]]) -> None:
        """(group, dedup id, body) in order."""
        for group, dedup_id, body in messages:
            sk = f"{time.time_ns():020d}#{dedup_id}"
            call(self._client.put_item, TableName=self._table, Item={
                "pk": {_S: self.PK}, "sk": {_S: sk}, "group": {_S: group}, "body": {_S: json.dumps(body)},
                "visible_at": {"N": "0"}, "receive_count": {"N": "0"}})

    def receive(self, max_messages: int = 10, per_group: int = 10) -> list[QueuedMessage]:
        now = self._now_ms()
        items, kwargs = [], {"TableName": self._table, "KeyConditionExpression": "pk = :pk",
                             "ExpressionAttributeValues": {":pk": {_S: self.PK}}, "ConsistentRead": True}
        while True:
            page = call(self._client.query, **kwargs)
            items.extend(page.get("Items", []))
            if "LastEvaluatedKey" not in page or len(items) >= 5000:
                break
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        blocked: set[str] = set()
        taken: dict[str, int] = {}
        out: list[QueuedMessage] = []
        for item in items:
            group = item["group"][_S]
            if group in blocked:
                continue
            if int(item["visible_at"]["N"]) > now:  # in flight or waiting its back-off: the group waits
                blocked.add(group)
                continue
            if taken.get(group, 0) >= per_group or len(out) >= max_messages:
                blocked.add(group)
                continue
            count = int(item["receive_count"]["N"])
            try:
                call(self._client.update_item, TableName=self._table,
                     Key={"pk": item["pk"], "sk": item["sk"]},
                     UpdateExpression="SET visible_at = :v, receive_count = :n",
                     ConditionExpression="receive_count = :old",
                     ExpressionAttributeValues={":v": {"N": str(now + self._visibility_ms)},
                                                ":n": {"N": str(count + 1)}, ":old": {"N": str(count)}})
            except ConditionFailed:  # another dispatcher took it
                blocked.add(group)
                continue
            taken[group] = taken.get(group, 0) + 1
            out.append(QueuedMessage(item["sk"][_S], group, json.loads(item["body"][_S]), count + 1, item["sk"][_S]))
        return out

    def delete(self, message: QueuedMessage) -> None:
        call(self._client.delete_item, TableName=self._table, Key={"pk": {_S: self.PK}, "sk": {_S: message.handle}})

    def retry_after(self, message: QueuedMessage, delay_s: float) -> None:
        call(self._client.update_item, TableName=self._table, Key={"pk": {_S: self.PK}, "sk": {_S: message.handle}},
             UpdateExpression="SET visible_at = :v",
             ExpressionAttributeValues={":v": {"N": str(self._now_ms() + int(delay_s * 1000))}})

    def depth(self) -> int:
        page = call(self._client.query, TableName=self._table, Select="COUNT", KeyConditionExpression="pk = :pk",
                    ExpressionAttributeValues={":pk": {_S: self.PK}}, ConsistentRead=True)
        return int(page.get("Count", 0))


class SqsWebhookQueue:
    """The SQS FIFO queue in AWS: the message group keeps a case's events in order per
    endpoint; the deduplication id absorbs a fan-out retried within SQS's 5-minute window."""

    def __init__(self, queue_url: str, region: str | None = None, client: Any | None = None):
        if client is None:
            import boto3
            from botocore.config import Config

            client = boto3.client("sqs", region_name=region,
                                  config=Config(connect_timeout=2, read_timeout=5, retries={"max_attempts": 3}))
        self._client, self._url = client, queue_url

    def send(self, messages: list[tuple[str, str, dict]]) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        from ..domain.errors import Unavailable

        for i in range(0, len(messages), 10):
            entries = [{"Id": str(n), "MessageBody": json.dumps(body), "MessageGroupId": group[:128],
                        "MessageDeduplicationId": dedup[:128]}
                       for n, (group, dedup, body) in enumerate(messages[i:i + 10])]
            try:
                resp = self._client.send_message_batch(QueueUrl=self._url, Entries=entries)
            except (BotoCoreError, ClientError) as exc:
                raise Unavailable("webhook queue unreachable") from exc
            if resp.get("Failed"):
                raise Unavailable(f"webhook queue refused {len(resp['Failed'])} messages")

    def retry_after(self, message: QueuedMessage, delay_s: float) -> None:
        self._client.change_message_visibility(QueueUrl=self._url, ReceiptHandle=message.handle,
                                               VisibilityTimeout=int(min(delay_s, 43200)))

    def delete(self, message: QueuedMessage) -> None:
        """Lambda deletes the messages the handler does not report as failed."""
