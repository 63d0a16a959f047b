"""Delivering webhooks: fan-out from the ledger's stream, notices, and the dispatcher.

At least once, in order per case and endpoint: the fan-out turns each new record into one
queued message per subscribed endpoint, in the message group `<tenant>#<webhook>#<case>` of a
FIFO queue (SQS in AWS, its twin in DynamoDB Local otherwise). The dispatcher posts a group's
messages in order and stops a group at its first failure; a failed message is tried again
after an exponential, jittered back-off, for up to 3 days after it was queued; then the
endpoint is disabled, and the tenant sees why on GET /v1/admin/webhooks/{id} (the error log
line `webhook_disabled` is there for the operator's alarm). A message is acknowledged only after
its attempt was logged, so a dispatcher that dies mid-batch leaves it to be delivered again.

Messages carry references (case and seq, tree size, request id), never a payload: the event is
rebuilt from the ledger at each attempt, so neither the queue nor the delivery log holds one.
"""
from __future__ import annotations

import hmac
import json
import random
import time
import uuid
from datetime import datetime
from typing import Any, Protocol

from ..domain import events as ev
from ..domain.errors import LedgerError
from ..domain.webhooks import events as thin
from ..domain.webhooks import retry
from .runtime import Runtime
from .tenant_keys import record_mac
from .webhooks import signing_secrets


class Queue(Protocol):
    def send(self, messages: list[tuple[str, str, dict]]) -> None: ...
    def retry_after(self, message: Any, delay_s: float) -> None: ...
    def delete(self, message: Any) -> None: ...


class Sender(Protocol):
    def post(self, url: str, body: bytes, headers: dict[str, str]) -> Any: ...


def _logger():
    from ..http import logger

    return logger()


def _subscribers(rt: Runtime, tenant_id: str, event_type: str, cache: dict, recorded_at: str = "") -> list[str]:
    """Enabled endpoints of the tenant subscribed to the type (for a ledger record: registered
    before it was recorded, so a new endpoint does not get the tenant's history)."""
    if tenant_id not in cache:
        cache[tenant_id] = [(w["sk"], set(json.loads(w["event_types"])), ev.parse_instant(w["created_at"]))
                            for w in rt.webhooks.list(tenant_id) if w.get("enabled") == "true"]
    moment = ev.parse_instant(recorded_at) if recorded_at else None
    return [webhook_id for webhook_id, types, created_at in cache[tenant_id]
            if event_type in types and (moment is None or created_at <= moment)]


def _message(tenant_id: str, webhook_id: str, event_id: str, event_type: str, source: dict, group_key: str,
             nonce: str = "") -> tuple[str, str, dict]:
    body = {"tenant_id": tenant_id, "webhook_id": webhook_id, "event_id": event_id, "type": event_type,
            "source": source, "enqueued_at": time.time()}
    return f"{tenant_id}#{webhook_id}#{group_key}", f"{webhook_id}:{event_id}:{nonce}", body


def enqueue(rt: Runtime, tenant_id: str, webhook_id: str, event_id: str, event_type: str, source: dict,
            nonce: str = "") -> None:
    rt.webhook_queue.send([_message(tenant_id, webhook_id, event_id, event_type, source,
                                    source.get("case_id") or "-", nonce)])


# --- fan-out ------------------------------------------------------------------------------

def fan_out(rt: Runtime, stream_records: list[dict]) -> dict:
    """Queue one delivery per new ledger record and subscribed endpoint, in stream order.
    Records the integrator would refuse (bad hash, bad MAC) are announced to nobody."""
    from .transparency import parse_stream_record

    messages, poison, cache = [], [], {}
    for record in stream_records:
        try:
            entry, mac = parse_stream_record(record)
            if not hmac.compare_digest(mac, record_mac(rt, entry.tenant_id, entry.hash)):
                raise ValueError("record not written by the ledger service (bad MAC)")
            stored = json.loads(record["dynamodb"]["NewImage"]["record"]["S"])
        except ValueError as exc:
            poison.append({"sequence_number": record.get("dynamodb", {}).get("SequenceNumber", ""),
                           "reason": str(exc)})
            continue
        event_id = thin.event_id(entry.tenant_id, entry.case_id, entry.seq, entry.hash)
        source = {"kind": "ledger", "case_id": entry.case_id, "seq": entry.seq}
        for webhook_id in _subscribers(rt, entry.tenant_id, stored["type"], cache, stored["recorded_at"]):
            messages.append(_message(entry.tenant_id, webhook_id, event_id, stored["type"], source, entry.case_id))
    if messages:
        rt.webhook_queue.send(messages)
    return {"queued": len(messages), "poison": poison}


def checkpoints_signed(rt: Runtime, summaries: list[dict]) -> int:
    """Announce the checkpoints an integration signed (checkpoint.signed)."""
    messages, cache = [], {}
    signed_at = ev.format_instant(rt.clock.now())
    for summary in summaries:
        if not summary.get("checkpoint"):
            continue  # a retried batch announces its checkpoint again: same event id, deduped
        tenant_id, size = summary["tenant_id"], summary["tree_size"]
        event_id = thin.event_id(tenant_id, thin.CHECKPOINT_SIGNED, size)
        source = {"kind": "checkpoint", "tree_size": size, "signed_at": signed_at}
        for webhook_id in _subscribers(rt, tenant_id, thin.CHECKPOINT_SIGNED, cache):
            messages.append(_message(tenant_id, webhook_id, event_id, thin.CHECKPOINT_SIGNED, source, "-log"))
    if messages:
        rt.webhook_queue.send(messages)
    return len(messages)


def gdpr_deadlines(rt: Runtime, within_days: int = 7) -> int:
    """gdpr.request.due_soon, once per request and deadline, for open requests due within
    ``within_days`` (run daily in AWS, by the local dispatcher's loop locally)."""
    from datetime import timedelta

    from .gdpr import _register_pk

    now = rt.clock.now()
    start, horizon = ev.format_instant(now), ev.format_instant(now + timedelta(days=within_days))
    noticed_at = start
    sent = 0
    for tenant_id in rt.webhooks.tenants():
        cache: dict = {}
        if not _subscribers(rt, tenant_id, thin.GDPR_DUE_SOON, cache):
            continue
        messages = []
        for row in rt.lookup.query(_register_pk(tenant_id), limit=10_000):
            if row["status"] != "open" or not start < row["due_by"] <= horizon:
                continue
            if not rt.webhooks.first_notice(tenant_id, f"due-soon#{row['sk']}#{row['due_by']}"):
                continue
            event_id = thin.event_id(tenant_id, thin.GDPR_DUE_SOON, row["sk"], row["due_by"])
            source = {"kind": "due_soon", "request_id": row["sk"], "request_kind": row["kind"],
                      "due_by": row["due_by"], "noticed_at": noticed_at}
            for webhook_id in _subscribers(rt, tenant_id, thin.GDPR_DUE_SOON, cache):
                messages.append(_message(tenant_id, webhook_id, event_id, thin.GDPR_DUE_SOON, source,
                                         f"-gdpr-{row['sk']}"))
        if messages:
            rt.webhook_queue.send(messages)
            sent += len(messages)
    return sent


# --- the event, rebuilt ---------------------------------------------------------------------

def _personal_pointers(event_type: str, data: Any) -> list[str]:
    kind = ev.catalogue().get(event_type)
    return [p for p, _ in ev.personal_pointers(kind.schema, data)] if kind else []


def build_event(rt: Runtime, tenant_id: str, source: dict) -> dict | None:
    """The thin event a message refers to; None if its source no longer exists."""
    kind = source.get("kind")
    if kind == "ledger":
        text = rt.ledger.get_many([(tenant_id, source["case_id"], source["seq"])]).get(
            (tenant_id, source["case_id"], source["seq"]))
        return thin.ledger_event(json.loads(text), _personal_pointers) if text else None
    if kind == "checkpoint":
        note = rt.tlog.checkpoint(tenant_id, source["tree_size"])
        if note is None:
            return None
        from ledger_verify import checkpoint as notes

        body = notes.Checkpoint.parse(note.split("\n\n", 1)[0] + "\n")
        return thin.checkpoint_event(tenant_id, body.tree_size, body.root_hash.hex(), note, source["signed_at"])
    if kind == "due_soon":
        return thin.due_soon_event(tenant_id, source["request_id"], source["request_kind"], source["due_by"],
                                   source["noticed_at"])
    return None


def signed_headers(secrets: list[str], event_id: str, at: datetime, payload: str) -> dict[str, str]:
    """Standard Webhooks headers; during a rotation both secrets sign (space-separated)."""
    from standardwebhooks import Webhook  # the dispatcher's import, off the API's cold path

    return {"webhook-id": event_id, "webhook-timestamp": str(int(at.timestamp())),
            "webhook-signature": " ".join(Webhook(s).sign(event_id, at, payload) for s in secrets)}


# --- the dispatcher -------------------------------------------------------------------------

def _log_attempt(rt: Runtime, tenant_id: str, webhook_id: str, body: dict, result, attempted_at: str) -> str:
    delivery_id = f"{int(time.time() * 1000):013d}-{uuid.UUID(bytes=rt.entropy(16), version=4).hex[:12]}"
    rt.webhooks.log_delivery(tenant_id, webhook_id, delivery_id, {
        "event_id": body["event_id"], "event_type": body["type"], "attempted_at": attempted_at,
        "status_code": str(result.status_code) if result.status_code is not None else None,
        "latency_ms": str(result.latency_ms), "error": result.error, "source": json.dumps(body["source"])})
    return delivery_id


class _Skipped:
    status_code = None
    latency_ms = 0

    def __init__(self, error: str):
        self.error = error


def deliver(rt: Runtime, body: dict, receive_count: int, sender: Sender) -> float | None:
    """One attempt. None: done with this message (delivered, or nothing left to do); a number:
    try again after that many seconds."""
    tenant_id, webhook_id = body["tenant_id"], body["webhook_id"]
    item = rt.webhooks.get(tenant_id, webhook_id)
    if item is None:
        return None  # endpoint deleted: nobody to tell
    now = rt.clock.now()
    attempted_at = ev.format_instant(now)
    if item.get("enabled") != "true":
        _log_attempt(rt, tenant_id, webhook_id, body, _Skipped("endpoint disabled: not sent (redeliver once "
                                                              "re-enabled)"), attempted_at)
        return None
    event = build_event(rt, tenant_id, body["source"])
    if event is None:
        return None
    payload = json.dumps(event, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    headers = signed_headers(signing_secrets(rt, tenant_id, item, now), event["id"], now, payload)
    result = sender.post(item["url"], payload.encode("utf-8"), headers)
    _log_attempt(rt, tenant_id, webhook_id, body, result, attempted_at)
    if result.ok:
        return None
    if retry.gives_up(body["enqueued_at"], time.time()):
        disable(rt, tenant_id, webhook_id, f"deliveries failed for 3 days (last: "
                                           f"{result.status_code or result.error})")
        return None
    return retry.delay_s(receive_count, random.uniform, rt.settings.webhook_retry_base_s)  # nosec B311 - jitter spreads retries; not a secret


def disable(rt: Runtime, tenant_id: str, webhook_id: str, reason: str) -> None:
    item = rt.webhooks.get(tenant_id, webhook_id)
    if item is None:
        return
    stored = {k: v for k, v in item.items() if k not in ("pk", "sk")}
    stored.update(enabled="false", disabled_reason=reason, disabled_at=ev.format_instant(rt.clock.now()))
    rt.webhooks.replace(tenant_id, webhook_id, stored)
    _logger().error("webhook_disabled", extra={"tenant_id": tenant_id, "webhook_id": webhook_id, "reason": reason})


def dispatch(rt: Runtime, messages: list, queue: Queue | None = None, sender: Sender | None = None) -> list[str]:
    """Deliver a batch (in queue order). Returns the ids of the messages not done, as Lambda's
    partial batch response wants them; those were given their back-off on the queue. A group
    stops at its first failure: its later messages wait behind it (order per case)."""
    queue = queue or rt.webhook_queue
    sender = sender or rt.webhook_sender()
    failed_groups: set[str] = set()
    not_done: list[str] = []
    for message in messages:
        if message.group in failed_groups:
            queue.retry_after(message, 0)
            not_done.append(message.message_id)
            continue
        try:
            delay = deliver(rt, message.body, message.receive_count, sender)
        except (LedgerError, KeyError, ValueError) as exc:  # our side failed: retry soon, in order
            _logger().warning("webhook dispatch failed", extra={"error": exc.__class__.__name__})
            delay = retry.delay_s(message.receive_count, random.uniform, rt.settings.webhook_retry_base_s)  # nosec B311 - jitter
        if delay is None:
            queue.delete(message)
            continue
        failed_groups.add(message.group)
        queue.retry_after(message, delay)
        not_done.append(message.message_id)
    return not_done


def sqs_messages(records: list[dict]) -> list:
    """Lambda's SQS event records as queued messages."""
    from ..adapters.webhook_store import QueuedMessage

    out = []
    for r in records:
        attributes = r.get("attributes", {})
        out.append(QueuedMessage(r["messageId"], attributes.get("MessageGroupId", ""), json.loads(r["body"]),
                                 int(attributes.get("ApproximateReceiveCount", "1")), r["receiptHandle"]))
    return out


# --- locally: the same dispatcher, in a loop ------------------------------------------------

def run_local_once(rt: Runtime, notices: bool = False) -> dict:
    """Fan out what the ledger stream holds past the saved position, then deliver until the
    queue has nothing visible. `make run` calls this in a loop."""
    from ..adapters.ledger_stream import LedgerStreamReader

    reader = LedgerStreamReader(rt.tables, rt.settings.dynamodb_endpoint, rt.settings.region)
    queued = 0
    for shard_id, records in reader.batches(rt.webhooks.stream_cursor):
        queued += fan_out(rt, records)["queued"]
        rt.webhooks.put_stream_cursor(shard_id, records[-1]["dynamodb"]["SequenceNumber"])
    if notices:
        queued += gdpr_deadlines(rt)
    delivered = attempts = 0
    sender = rt.webhook_sender()
    while True:
        batch = rt.webhook_queue.receive(10)
        if not batch:
            break
        not_done = dispatch(rt, batch, sender=sender)
        attempts += len(batch)
        delivered += len(batch) - len(not_done)
    return {"queued": queued, "attempts": attempts, "done": delivered}

