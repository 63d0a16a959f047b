"""Offline verification of an exported journal file: no AWS, no keys, streaming.

Records of several cases may be interleaved; each case's records must appear in seq order.
Memory grows with the number of cases, not of records.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.canonical import ZERO_HASH
from ..domain.chain import check_record


@dataclass
class JournalResult:
    exit_code: int  # 0 valid, 1 tampered, 2 unusable input
    cases: dict[str, dict] = field(default_factory=dict)
    first_bad: dict | None = None
    error: str | None = None

    def to_dict(self) -> dict:
        return {"valid": self.exit_code == 0, "cases": self.cases, "first_bad": self.first_bad, "error": self.error}


def verify_journal_file(path: Path) -> JournalResult:
    heads: dict[str, tuple[int, str]] = {}  # case -> (next seq, hash of last record)
    try:
        handle = path.open("r", encoding="utf-8")
    except OSError as exc:
        return JournalResult(2, error=str(exc))
    with handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                case_id = record["case_id"]
            except (ValueError, KeyError, TypeError):
                return JournalResult(2, error=f"line {line_no}: not a journal record")
            seq, prev = heads.get(case_id, (0, ZERO_HASH))
            reason = check_record(record, seq, prev, case_id)
            if reason:
                bad = {"case_id": case_id, "seq": seq, "line": line_no, "reason": reason}
                return JournalResult(1, _summary(heads), bad)
            heads[case_id] = (seq + 1, record["hash"])
    if not heads:
        return JournalResult(2, error="no records")
    return JournalResult(0, _summary(heads))


def _summary(heads: dict[str, tuple[int, str]]) -> dict[str, dict]:
    return {case: {"events": seq, "head": {"seq": seq - 1, "hash": h}} for case, (seq, h) in heads.items()}
