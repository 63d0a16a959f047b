"""Thin webhook events: ids, positions and the event's clear facts, never personal data.

A receiver learns that something happened and fetches details through the API. The record's
`data` already holds only clear facts (personal fields are sealed in `sealed`); the schema's
personal pointers are removed again here so that a schema mistake cannot leak one outbound.
"""
from __future__ import annotations

import copy
import hashlib
from typing import Any, Callable, Iterable

CHECKPOINT_SIGNED = "checkpoint.signed"
GDPR_DUE_SOON = "gdpr.request.due_soon"
EXTRA_TYPES = (CHECKPOINT_SIGNED, GDPR_DUE_SOON)


def event_types(ledger_types: Iterable[str]) -> tuple[str, ...]:
    """Every type a webhook may subscribe to: the ledger's event types and the two notices."""
    return tuple(sorted(set(ledger_types) | set(EXTRA_TYPES)))


def event_id(*parts: Any) -> str:
    """Stable across retries and redeliveries: the receiver dedupes on it (webhook-id)."""
    digest = hashlib.sha256("\x00".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return "evt_" + digest[:32]


def _without(data: Any, pointers: Iterable[str]) -> Any:
    clear = copy.deepcopy(data)
    for pointer in sorted(pointers, key=lambda p: -p.count("/")):
        parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
        parent = clear
        for part in parts[:-1]:
            parent = parent[int(part)] if isinstance(parent, list) else parent.get(part)
            if parent is None:
                break
        else:
            if isinstance(parent, dict):
                parent.pop(parts[-1], None)
    return clear


def ledger_event(record: dict, personal_pointers: Callable[[str, Any], Iterable[str]]) -> dict:
    """The thin event of a ledger record. ``personal_pointers(type, data)`` names the fields the
    schema marks personal."""
    data = record.get("data") or {}
    return {
        "id": event_id(record["tenant_id"], record["case_id"], record["seq"], record["hash"]),
        "type": record["type"],
        "tenant_id": record["tenant_id"],
        "case_id": record["case_id"],
        "seq": record["seq"],
        "hash": record["hash"],
        "occurred_at": record["occurred_at"],
        "recorded_at": record["recorded_at"],
        "data": _without(data, personal_pointers(record["type"], data)),
    }


def checkpoint_event(tenant_id: str, tree_size: int, root_hash_hex: str, note: str, signed_at: str) -> dict:
    return {"id": event_id(tenant_id, CHECKPOINT_SIGNED, tree_size), "type": CHECKPOINT_SIGNED,
            "tenant_id": tenant_id, "case_id": None, "seq": None, "hash": root_hash_hex,
            "occurred_at": signed_at, "recorded_at": signed_at,
            "data": {"tree_size": tree_size, "root_hash": root_hash_hex, "checkpoint": note}}


def due_soon_event(tenant_id: str, request_id: str, kind: str, due_by: str, noticed_at: str) -> dict:
    """A GDPR request's deadline is near. The request id names no one; the DPO reads the rest."""
    return {"id": event_id(tenant_id, GDPR_DUE_SOON, request_id, due_by), "type": GDPR_DUE_SOON,
            "tenant_id": tenant_id, "case_id": None, "seq": None, "hash": None,
            "occurred_at": noticed_at, "recorded_at": noticed_at,
            "data": {"request_id": request_id, "kind": kind, "due_by": due_by}}
