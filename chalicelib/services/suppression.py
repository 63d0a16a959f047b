"""Erasure sticks: the blind-index entries of an erased subject become a suppression list.

Shredding deletes a subject's key and blind-index entries, so nothing would stop a collector
from opening a new case with the same e-mail and silently re-creating the erased data. Before
the shredding, each of the subject's index entries (a keyed HMAC of an identifier, nothing
readable) is copied to ``<tenant>#erased#<kind>#<hmac>`` with the erasure's date and request.
Opening a case whose debtor matches one is refused (409 subject_erased) unless the body states
the legal basis of the new, separate claim (``new_legal_basis``, sealed in case.opened).

Keeping these hashes is what honouring the erasure takes (like an objection list); they are
keyed with the tenant's blind-index key, so without it they reveal nothing, and they hold no
identifier, key or name.
"""
from __future__ import annotations

from datetime import date
from typing import Mapping, Protocol

from ..domain.crypto import blind_index
from ..domain.errors import ConflictWithFacts, FieldError
from . import subjects
from .runtime import Runtime

_INDEX_MARK, _ERASED_MARK = "#bidx#", "#erased#"


class Rows(Protocol):
    """The slice of the lookup store this module needs."""

    def put(self, pk: str, sk: str, attributes: dict[str, str] | None = None) -> None: ...
    def query(self, pk: str, limit: int = 100) -> list[dict[str, str]]: ...


def _rows(rt: Runtime) -> Rows:
    return rt.lookup


def _erased_pk(index_pk: str) -> str:
    tenant, rest = index_pk.split(_INDEX_MARK, 1)
    return f"{tenant}{_ERASED_MARK}{rest}"


def suppress_subject(rt: Runtime, tenant_id: str, subject_id: str, erased_on: date, request_id: str | None) -> int:
    """Copy the subject's index entries to the suppression list; how many were copied.

    ``request_id`` is the erasure request, or None for the retention job (which has no request;
    ``erased_by`` says which). One row per erased subject and identifier, so a retried erasure
    writes the same rows again.
    """
    rows = _rows(rt)
    attributes = {"erased_on": erased_on.isoformat(), "erased_by": "request" if request_id else "retention"}
    if request_id:
        attributes["request_id"] = request_id
    copied = 0
    for row in rows.query(f"{tenant_id}#bidx-of#{subject_id}", limit=1000):
        rows.put(_erased_pk(row["sk"]), subject_id, attributes)
        copied += 1
    return copied


def erasure_matching(rt: Runtime, tenant_id: str, identifiers: Mapping[str, str]) -> dict | None:
    """The latest erasure any of these identifiers matches: {erased_on, request_id, erased_by}."""
    key = subjects.index_key(rt, tenant_id)
    rows = _rows(rt)
    found: list[dict[str, str]] = []
    for kind in subjects.IDENTIFIER_KINDS:
        value = identifiers.get(kind)
        if value:
            found += rows.query(f"{tenant_id}{_ERASED_MARK}{kind}#{blind_index(key, kind, value)}", limit=100)
    if not found:
        return None
    latest = max(found, key=lambda r: (r["erased_on"], r.get("request_id", "")))
    return {"erased_on": latest["erased_on"], "request_id": latest.get("request_id"),
            "erased_by": latest["erased_by"]}


def check_not_erased(rt: Runtime, tenant_id: str, identifiers: Mapping[str, str], new_legal_basis: str | None) -> None:
    """409 subject_erased when the debtor of a new case matches an erased subject and the body
    states no legal basis for a new, separate claim."""
    if new_legal_basis:
        return
    erasure = erasure_matching(rt, tenant_id, identifiers)
    if erasure is None:
        return
    raise ConflictWithFacts(
        "subject_erased",
        "the debtor matches a data subject whose data were erased on "
        f"{erasure['erased_on']}; a new, separate claim states its legal basis in \"new_legal_basis\"",
        erasure,
        [FieldError("/debtor", "matches an erased data subject"),
         FieldError("/new_legal_basis", "required to open a new claim against an erased data subject")])
