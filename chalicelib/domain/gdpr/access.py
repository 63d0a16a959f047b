"""The machine-readable access / portability answer (Art. 15, 20): every event held about the
subject, each tied to the journal by case, seq and hash, with the controller and the FR/EN
texts on purposes, bases, retention, recipients, source and rights."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Mapping, Sequence

from .texts import section

ACCESS_FORMAT = "amiable-ledger.gdpr-access/1"


def _iso(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return _iso(value)


def access_document(
    subject: Mapping[str, Any],
    items: Sequence[Mapping[str, Any]],
    generated_at: datetime,
    controller: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Machine-readable art. 15 / art. 20 answer; each event is tied to the journal by case, seq, hash."""
    if not isinstance(generated_at, datetime):
        raise TypeError("generated_at must be a datetime")
    if generated_at.tzinfo is None or generated_at.utcoffset() is None:
        raise ValueError("generated_at must be timezone-aware")

    by_case: dict[str, dict[int, dict]] = {}
    for item in items:
        case_id = str(item["case_id"])
        seq = item["seq"]
        if isinstance(seq, bool) or not isinstance(seq, int):
            raise ValueError(f"case {case_id}: seq must be an int")
        events = by_case.setdefault(case_id, {})
        if seq in events:
            raise ValueError(f"case {case_id}: duplicate seq {seq}")
        events[seq] = {
            "seq": seq,
            "hash": item["hash"],
            "type": item["type"],
            "occurred_at": _iso(item.get("occurred_at")),
            "data": _jsonable(item.get("data") or {}),
        }

    return {
        "format": ACCESS_FORMAT,
        "generated_at": generated_at.isoformat(),
        "subject": {
            "subject_id": subject.get("subject_id"),
            "role": subject.get("role"),
            "identifiers": _jsonable(subject.get("identifiers") or {}),
        },
        "controller": _jsonable(controller) if controller is not None else None,
        "purposes": section("purposes"),
        "legal_bases": section("legal_bases"),
        "retention": section("retention"),
        "recipients": section("recipients"),
        "source": section("source"),
        "rights": section("rights"),
        "answer_deadline": section("answer_deadline"),
        "automated_decisions": section("automated_decisions"),
        "cases": [
            {"case_id": case_id, "events": [events[s] for s in sorted(events)]}
            for case_id, events in sorted(by_case.items())
        ],
    }
