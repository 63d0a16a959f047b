"""Data subjects: their key pairs (private key wrapped by the KEK) and blind-index look-ups.

A subject is found again by any identifier (e-mail, then company id, then phone) through keyed
HMAC indexes, so one debtor across several cases shares one key and one GDPR identity.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Iterable, Mapping

from ..domain.crypto import b64d, b64e, blind_index, subject_keypair
from .runtime import Runtime
from .tenant_keys import BLIND_INDEX, tenant_secret

IDENTIFIER_KINDS = ("email", "company_id", "phone")  # in order of trust for matching


@dataclass(frozen=True)
class Subject:
    subject_id: str
    public_key: str  # base64 X25519 public key


def _key_pk(tenant_id: str, subject_id: str) -> str:
    return f"{tenant_id}#{subject_id}"


def _context(tenant_id: str, subject_id: str, purpose: str) -> dict[str, str]:
    return {"app": "amiable-ledger", "tenant": tenant_id, "subject": subject_id, "purpose": purpose}


def index_key(rt: Runtime, tenant_id: str) -> bytes:
    """The tenant's HMAC key for blind indexes, created on first use."""
    return tenant_secret(rt, tenant_id, BLIND_INDEX)


def _index_pk(tenant_id: str, kind: str, digest: str) -> str:
    return f"{tenant_id}#bidx#{kind}#{digest}"


def find_subject(rt: Runtime, tenant_id: str, identifiers: Mapping[str, str]) -> Subject | None:
    key = index_key(rt, tenant_id)
    for kind in IDENTIFIER_KINDS:
        value = identifiers.get(kind)
        if not value:
            continue
        for entry in rt.lookup.query(_index_pk(tenant_id, kind, blind_index(key, kind, value)), limit=1):
            item = rt.keys.get(_key_pk(tenant_id, entry["sk"]))
            if item is not None:  # an erased subject is not found again
                return Subject(entry["sk"], item["public_key"])
    return None


def create_subject(rt: Runtime, tenant_id: str, role: str) -> Subject:
    subject_id = "s_" + uuid.uuid4().hex
    pair = subject_keypair(rt.entropy(32))
    wrapped = rt.key_provider.wrap(pair.private_raw, _context(tenant_id, subject_id, "subject-key"))
    rt.keys.put_new(
        _key_pk(tenant_id, subject_id),
        {
            "wrapped": b64e(wrapped),
            "public_key": b64e(pair.public_raw),
            "kek_id": rt.key_provider.kek_id,
            "role": role,
            "created_at": rt.clock.now().isoformat(),
        },
    )
    return Subject(subject_id, b64e(pair.public_raw))


def index_subject(rt: Runtime, tenant_id: str, subject_id: str, identifiers: Mapping[str, str]) -> None:
    key = index_key(rt, tenant_id)
    for kind in IDENTIFIER_KINDS:
        if identifiers.get(kind):
            pk = _index_pk(tenant_id, kind, blind_index(key, kind, identifiers[kind]))
            rt.lookup.put(pk, subject_id)
            # reverse entry, so erasure can find and delete every index entry of the subject
            rt.lookup.put(f"{tenant_id}#bidx-of#{subject_id}", pk)


def cases_of(rt: Runtime, tenant_id: str, subject_id: str) -> list[str]:
    return [row["sk"] for row in rt.lookup.query(f"{tenant_id}#cases-of#{subject_id}", limit=10_000)]


def subject_record(rt: Runtime, tenant_id: str, subject_id: str) -> dict[str, str] | None:
    """The subject's key item (role, public key); None once erased."""
    return rt.keys.get(_key_pk(tenant_id, subject_id))


def shred(rt: Runtime, tenant_id: str, subject_id: str) -> dict:
    """Crypto-shredding: destroy the subject's wrapped key and every blind-index entry.

    What was sealed to the subject stays in the journal, unreadable forever; the chain is
    untouched. Nothing else held a copy: data keys are never cached beyond a request.
    """
    removed = 0
    for row in rt.lookup.query(f"{tenant_id}#bidx-of#{subject_id}", limit=1000):
        rt.lookup.delete(row["sk"], subject_id)
        rt.lookup.delete(row["pk"], row["sk"])
        removed += 1
    for row in rt.lookup.query(f"{tenant_id}#contacts#{subject_id}", limit=100_000):
        rt.lookup.delete(row["pk"], row["sk"])
    rt.keys.delete(_key_pk(tenant_id, subject_id))
    return {"subject_id": subject_id, "index_entries_removed": removed}


def find_or_create(rt: Runtime, tenant_id: str, role: str, identifiers: Mapping[str, str]) -> Subject:
    """The subject these identifiers point to, or a new one; new identifiers are indexed."""
    subject = find_subject(rt, tenant_id, identifiers) if any(identifiers.values()) else None
    if subject is None:
        subject = create_subject(rt, tenant_id, role)
    index_subject(rt, tenant_id, subject.subject_id, identifiers)
    return subject


def link_case(rt: Runtime, tenant_id: str, subject_id: str, case_id: str) -> None:
    """Remember that a subject appears in a case (for GDPR answers and per-debtor limits)."""
    rt.lookup.put(f"{tenant_id}#cases-of#{subject_id}", case_id)


def open_private_keys(rt: Runtime, tenant_id: str, subject_ids: Iterable[str]) -> dict[str, bytes | None]:
    """Unwrap subjects' private keys for this request only (None where the key is destroyed).

    Never cached: once a key is deleted no process may still decrypt with it.
    """
    ids = sorted(set(subject_ids))
    items = rt.keys.get_many([_key_pk(tenant_id, s) for s in ids])
    keys: dict[str, bytes | None] = {}
    for subject_id in ids:
        item = items.get(_key_pk(tenant_id, subject_id))
        keys[subject_id] = (
            rt.key_provider.unwrap(b64d(item["wrapped"]), _context(tenant_id, subject_id, "subject-key")) if item else None
        )
    return keys


def unlink_case(rt: Runtime, tenant_id: str, subject_id: str, case_id: str) -> None:
    """Undo ``link_case`` for a case whose genesis record was never written."""
    rt.lookup.delete(f"{tenant_id}#cases-of#{subject_id}", case_id)
