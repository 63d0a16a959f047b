"""Idempotency-Key: a retry with the same key and body gets the first response and records
nothing; the same key with another body is a 409.

A claim is taken with a conditional PutItem before the work, completed with the response
after it, and released if the work fails (so a corrected retry may run). Claims live 24 h.
An in-progress claim older than its lease (a crashed invocation) may be taken over by a retry
of the same body; the ledger's conditional append still prevents a fork.

Residual window, accepted for now: if the append succeeds and then completing the claim fails
(DynamoDB failing between the two writes) or the invocation dies there, a retry after the
lease re-runs the work and records the event a second time. Closing it needs the claim's
completion in the same transaction as the ledger put (TransactWriteItems).
"""
from __future__ import annotations

import json
import time
from typing import Any, Callable

from ..adapters.dynamo import ConditionFailed
from ..domain.canonical import canonical_bytes, sha256_hex
from ..domain.errors import Conflict, FieldError, GuardBlocked, LedgerError, ValidationFailed
from .runtime import Runtime

TTL_SECONDS = 24 * 3600
LEASE_SECONDS = 60
WAIT_STEPS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.0)
HEADER = "Idempotency-Key"


def _check_key(key: str) -> None:
    if not (1 <= len(key) <= 128) or not key.isascii() or not key.isprintable():
        raise ValidationFailed([FieldError("header Idempotency-Key", "1 to 128 printable ASCII characters")])


def run_once(rt: Runtime, tenant_id: str, key: str | None, scope: str, body: Any,
             work: Callable[[], dict]) -> tuple[dict, bool]:
    """Run ``work`` at most once per (tenant, key). Returns (response, replayed)."""
    if key is None:
        return work(), False
    _check_key(key)
    pk = f"{tenant_id}#{key}"
    request_hash = sha256_hex(canonical_bytes({"scope": scope, "body": body}))
    now = int(time.time())
    try:
        rt.idempotency.claim(pk, request_hash, now, now + LEASE_SECONDS, now + TTL_SECONDS)
    except ConditionFailed:
        return _replay(rt, pk, request_hash), True
    try:
        response = work()
    except GuardBlocked as blocked:
        # The block was recorded as evidence: a retry must see the same answer, not a second block.
        rt.idempotency.complete(pk, json.dumps({"__blocked__": {"judgement": blocked.judgement,
                                                                "evidence": blocked.evidence}}))
        raise
    except Exception:
        try:
            rt.idempotency.release(pk)
        except LedgerError:
            pass  # the lease expires on its own; the original error matters more
        raise
    rt.idempotency.complete(pk, json.dumps(response))
    return response, False


def _replay(rt: Runtime, pk: str, request_hash: str) -> dict:
    for pause in (0.0, *WAIT_STEPS):
        time.sleep(pause)
        item = rt.idempotency.get(pk)
        if item is None:
            break
        if item["request_hash"] != request_hash:
            raise Conflict("idempotency_key_reused",
                           "this Idempotency-Key was used with another request body",
                           [FieldError("header Idempotency-Key", "already used for a different request")])
        if item.get("state") == "completed":
            response = json.loads(item["response"])
            if "__blocked__" in response:
                raise GuardBlocked(response["__blocked__"]["judgement"], response["__blocked__"]["evidence"])
            return response
    raise Conflict("idempotency_in_progress", "a request with this Idempotency-Key is still in progress; retry shortly",
                   [FieldError("header Idempotency-Key", "in progress")])
