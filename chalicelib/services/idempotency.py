"""Idempotency-Key: a retry with the same key and body gets the first response and records
nothing; the same key with another body is a 409.

A claim is taken with a conditional PutItem before the work, completed with the response
after it, and released if the work fails (so a corrected retry may run). Claims live 24 h.
An in-progress claim older than its lease (a crashed invocation) may be taken over by a retry
of the same body; the ledger's conditional append still prevents a fork.

The ledger write that does the work completes the claim in the same transaction
(``commit_slot``: the write path asks for the claim and reports that it committed), so an
acknowledged append and its stored response exist together or not at all: a failure after
the append, or a lost completion, can no longer make a retry record the event twice. A work
that fails after its write committed keeps the claim, and its retry gets the stored response.

Where the work's one write is a ledger append whose answer is known before it is written (an
event, a case opening: ``claim_in_write``), no claim is taken first: the append's transaction
puts the key with its answer, conditional on the key being free. A replay or a reuse then runs
the work up to that write (its earlier writes are keyed by content: the contact index, a
recipient's subject) and loses there, or fails before it; either way the key's stored answer
decides: the same body replays it, another is a 409. Concurrent requests with one key write
one event (one transaction wins; the others find the key taken).
"""
from __future__ import annotations

import json
import time
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Callable

from ..adapters.dynamo import ConditionFailed, KeyClaimed
from ledger_verify.canonical import canonical_bytes, sha256_hex
from ..domain.errors import Conflict, FieldError, GuardBlocked, LedgerError, ValidationFailed
from .runtime import Runtime

TTL_SECONDS = 24 * 3600
LEASE_SECONDS = 60
WAIT_STEPS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.0)
HEADER = "Idempotency-Key"


@dataclass
class CommitSlot:
    """The claim of the request being served, for the write that does its work."""
    claim: str
    committed: bool = False
    request_hash: str | None = None  # set when the write takes the claim itself
    now: int = 0
    expires_at: int = 0

    def completion(self, response_text: str) -> tuple:
        """What the ledger write commits with its record (LedgerStore.put_new's ``completes``)."""
        return (self.claim, response_text, self.request_hash, self.now, self.expires_at)


_SLOT: ContextVar[CommitSlot | None] = ContextVar("idempotency_slot", default=None)


def commit_slot() -> CommitSlot | None:
    """The claim the current ledger write should complete, if the request has an Idempotency-Key."""
    return _SLOT.get()


def blocked_response(judgement: dict, evidence: dict) -> dict:
    """What a retry of a blocked request is answered (stored in place of a response). Spans keep
    their offsets but not the matched words: those are the message's free text (personal data),
    which this table must not hold in clear."""
    findings = [{**f, "spans": [{k: v for k, v in s.items() if k != "text"} for s in f.get("spans", [])]}
                for f in judgement.get("findings", [])]
    return {"__blocked__": {"judgement": {**judgement, "findings": findings}, "evidence": evidence}}


def _check_key(key: str) -> None:
    if not (1 <= len(key) <= 128) or not key.isascii() or not key.isprintable():
        raise ValidationFailed([FieldError("header Idempotency-Key", "1 to 128 printable ASCII characters")])


def run_once(rt: Runtime, tenant_id: str, key: str | None, scope: str, body: Any,
             work: Callable[[], dict], claim_in_write: bool = False) -> tuple[dict, bool]:
    """Run ``work`` at most once per (tenant, key). Returns (response, replayed).
    ``claim_in_write``: the work's write is a ledger append answering with ``respond`` (see
    the module's docstring); it must write nothing else that a replay would write twice."""
    if key is None:
        return work(), False
    _check_key(key)
    pk = f"{tenant_id}#{key}"
    request_hash = sha256_hex(canonical_bytes({"scope": scope, "body": body}))
    now = int(time.time())
    if claim_in_write:
        return _run_claiming_in_write(rt, pk, request_hash, now, work)
    try:
        rt.idempotency.claim(pk, request_hash, now, now + LEASE_SECONDS, now + TTL_SECONDS)
    except ConditionFailed:
        return _replay(rt, pk, request_hash), True
    slot = CommitSlot(pk)
    token = _SLOT.set(slot)
    try:
        response = work()
    except GuardBlocked as blocked:
        # The block was recorded as evidence: a retry must see the same answer, not a second block.
        if not slot.committed:
            rt.idempotency.complete(pk, json.dumps(blocked_response(blocked.judgement, blocked.evidence)))
        raise
    except Exception:
        if not slot.committed:  # nothing was written: a corrected retry may run
            try:
                rt.idempotency.release(pk)
            except LedgerError:
                pass  # the lease expires on its own; the original error matters more
        raise
    finally:
        _SLOT.reset(token)
    if not slot.committed:
        rt.idempotency.complete(pk, json.dumps(response))
    return response, False


def _run_claiming_in_write(rt: Runtime, pk: str, request_hash: str, now: int,
                           work: Callable[[], dict]) -> tuple[dict, bool]:
    slot = CommitSlot(pk, request_hash=request_hash, now=now, expires_at=now + TTL_SECONDS)
    token = _SLOT.set(slot)
    try:
        response = work()
    except KeyClaimed:
        return _replay(rt, pk, request_hash), True
    except Exception:
        # Nothing of this request was committed, or its answer was: either way a key already
        # answered decides (a replay whose work now fails, e.g. a reopened external_ref, still
        # gets the first answer; a reuse with another body gets its 409 as before).
        if not slot.committed and _answered(rt, pk, now):
            return _replay(rt, pk, request_hash), True
        raise
    finally:
        _SLOT.reset(token)
    if not slot.committed:
        raise RuntimeError("claim_in_write: the work wrote no ledger record carrying the key's answer")
    return response, False


def _answered(rt: Runtime, pk: str, now: int) -> bool:
    item = rt.idempotency.get(pk)
    return item is not None and int(item.get("expires_at") or 0) >= now


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
