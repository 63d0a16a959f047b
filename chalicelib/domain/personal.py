"""Personal fields of a record <-> sealed envelopes, one envelope per data subject.

The associated data binds each envelope to its place in the journal, so a ciphertext moved to
another record, case, tenant or subject does not open:
    aad = JCS({"tenant_id", "case_id", "seq", "type", "subject_id"})
The envelope lists the JSON Pointers it covers (structure, not personal data), so a reader can
show "[erased]" at those places once the subject's key is destroyed.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Mapping

from ledger_verify.canonical import canonical_bytes
from .crypto import DecryptionFailed, b64d, open_sealed, seal
from .events import merge_personal

ERASED = "[erased]"


def record_aad(tenant_id: str, case_id: str, seq: int, kind: str, subject_id: str) -> bytes:
    return canonical_bytes(
        {"tenant_id": tenant_id, "case_id": case_id, "seq": seq, "type": kind, "subject_id": subject_id}
    )


def seal_fields(
    fields_by_subject: Mapping[str, Mapping[str, Any]],
    public_keys: Mapping[str, str],
    header: Mapping[str, Any],
    entropy: Callable[[int], bytes],
) -> list[dict]:
    """Seal each subject's {pointer: value} map to that subject's public key."""
    sealed = []
    for subject_id in sorted(fields_by_subject):
        fields = fields_by_subject[subject_id]
        aad = record_aad(header["tenant_id"], header["case_id"], header["seq"], header["type"], subject_id)
        plaintext = canonical_bytes(dict(fields))
        envelope = seal(plaintext, b64d(public_keys[subject_id]), aad, entropy(32), entropy(12))
        sealed.append({"subject_id": subject_id, "fields": sorted(fields), **envelope})
    return sealed


def open_record(record: Mapping[str, Any], private_keys: Mapping[str, bytes | None]) -> dict:
    """The record's data with personal fields restored; "[erased]" where a key is gone."""
    data = json.loads(json.dumps(record.get("data", {})))
    for envelope in record.get("sealed", []):
        subject_id = envelope["subject_id"]
        key = private_keys.get(subject_id)
        fields: dict[str, Any]
        if key is None:
            fields = {pointer: ERASED for pointer in envelope["fields"]}
        else:
            aad = record_aad(record["tenant_id"], record["case_id"], record["seq"], record["type"], subject_id)
            try:
                fields = json.loads(open_sealed(envelope, key, aad))
            except DecryptionFailed:
                fields = {pointer: "[unreadable]" for pointer in envelope["fields"]}
        merge_personal(data, fields)
    return data


def open_subject_fields(record: Mapping[str, Any], subject_id: str, private_key: bytes) -> dict[str, Any]:
    """{pointer: value} of the fields sealed to one subject in this record (others untouched)."""
    fields: dict[str, Any] = {}
    for envelope in record.get("sealed", []):
        if envelope["subject_id"] != subject_id:
            continue
        aad = record_aad(record["tenant_id"], record["case_id"], record["seq"], record["type"], subject_id)
        try:
            fields.update(json.loads(open_sealed(envelope, private_key, aad)))
        except DecryptionFailed:
            fields.update({pointer: "[unreadable]" for pointer in envelope["fields"]})
    return fields
