"""Chain rules of a case journal: how a record links to its predecessor, and how to check it.

These rules are public (docs/journal-format.md): an auditor can re-implement them with
nothing but SHA-256 and RFC 8785.
- ``seq`` starts at 0 (``case.opened``) and is contiguous;
- ``prev_hash`` of seq 0 is 64 zeros, of seq n the ``hash`` of seq n-1;
- ``hash`` = SHA-256 of the JCS form of the record without ``hash``.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterable, Mapping
from typing import Any

from .canonical import ZERO_HASH, canonical_bytes, record_hash

RECORD_SCHEMA = "amiable-ledger.record/1"
# A journal is a case (opened by case.opened) or a GDPR request (opened by gdpr.request.received).
GENESIS_TYPES = ("case.opened", "gdpr.request.received")


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str

    def to_dict(self) -> dict:
        return {"seq": self.seq, "hash": self.hash}


def seal_record(fields: Mapping[str, Any]) -> tuple[dict, str]:
    """Add ``schema`` and ``hash`` to a record's fields; return it with its canonical text."""
    record = dict(fields)
    record["schema"] = RECORD_SCHEMA
    record.pop("hash", None)
    record["hash"] = record_hash(record)
    return record, canonical_bytes(record).decode("utf-8")


def next_link(head: Head | None) -> tuple[int, str]:
    """The (seq, prev_hash) a new record must carry after ``head`` (None: empty chain)."""
    if head is None:
        return 0, ZERO_HASH
    return head.seq + 1, head.hash


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    events: int
    head: Head | None
    first_bad_seq: int | None = None
    reason: str | None = None

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "events": self.events,
            "head": self.head.to_dict() if self.head else None,
            "first_bad_seq": self.first_bad_seq,
            "reason": self.reason,
        }


def verify_chain(records: Iterable[Mapping[str, Any]], case_id: str | None = None) -> ChainReport:
    """Check hashes, linkage and seq contiguity of one case's records, in order.

    Stops at the first bad record and names its position (the seq it should have had).
    """
    expected_seq, expected_prev = 0, ZERO_HASH
    head: Head | None = None
    count = 0
    for record in records:
        bad = check_record(record, expected_seq, expected_prev, case_id)
        if bad:
            return ChainReport(False, count, head, expected_seq, bad)
        case_id = record["case_id"]
        head = Head(record["seq"], record["hash"])
        expected_seq, expected_prev = record["seq"] + 1, record["hash"]
        count += 1
    if count == 0:
        return ChainReport(False, 0, None, 0, "empty journal")
    return ChainReport(True, count, head)


def check_record(record: Mapping[str, Any], seq: int, prev: str, case_id: str | None,
                 computed_hash: str | None = None) -> str | None:
    """Why ``record`` cannot be the record at ``seq`` after ``prev`` (None when it can)."""
    fault = record_fault(record, seq, prev, case_id, computed_hash)
    return fault[1] if fault else None


def record_fault(record: Mapping[str, Any], seq: int, prev: str, case_id: str | None,
                 computed_hash: str | None = None) -> tuple[str, str] | None:
    """(fault code, reason) why ``record`` cannot be the record at ``seq`` after ``prev``.

    The codes are stable (docs/journal-format.md lists them). ``computed_hash`` may carry the
    record's hash already computed from its line (canonical.read_record_line).
    """
    if not isinstance(record, Mapping):
        return "not-a-record", "record is not a JSON object"
    if record.get("schema") != RECORD_SCHEMA:
        return "schema", f"unknown record schema {record.get('schema')!r}"
    if record.get("seq") != seq or type(record.get("seq")) is not int:
        return "seq", f"seq {record.get('seq')!r} where {seq} was expected (missing or reordered record)"
    if case_id is not None and record.get("case_id") != case_id:
        return "case-id", "record belongs to another case"
    if (seq == 0) != (record.get("type") in GENESIS_TYPES):
        return "genesis", f"{' or '.join(GENESIS_TYPES)} opens a journal, at seq 0 and only there"
    if record.get("prev_hash") != prev:
        return "prev-hash", "prev_hash does not match the previous record's hash"
    try:
        computed = computed_hash or record_hash(record)
    except (TypeError, ValueError) as exc:  # not JCS-serialisable: floats out of range, etc.
        return "not-canonical", f"record cannot be canonicalised: {exc}"
    if computed != record.get("hash"):
        return "hash", "hash does not match the record's content"
    return None
