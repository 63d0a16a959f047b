"""Held-out batches judged once and not yet fixed for (guards README, held-out protocol).

Their figures are reported, not asserted: asserting them would either fail the suite until the
pack is fixed or freeze today's misses as expected behaviour. What is asserted is that each
batch stays well-formed and unchanged, so its first-run figures remain reproducible."""
from __future__ import annotations

import hashlib
import json

import pytest

from guards_corpus_eval import CORPUS_DIR, load_file

PENDING = CORPUS_DIR / "holdout_pending"
# SHA-256 of each batch as written by its author; a held-out batch is never edited.
WRITTEN = {
    "zz_holdout_2026_12_02a.jsonl": "6b3f28beca290ffa839be95c14260ff115bc45d564b5feecb4164353af5345a4",
    "zz_holdout_2026_12_02b.jsonl": "a8a96138d4875f8630b94522aa61e58d27593cba944f26e4014729b03711b7a2",
}


@pytest.mark.parametrize("name", sorted(WRITTEN))
def test_pending_batch_is_as_written_and_loads(name):
    path = PENDING / name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == WRITTEN[name], "a held-out batch is never edited"
    cases = load_file(path)
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(cases) == len(ids) == len(set(ids))
    assert {c.expect_verdict for c in cases} == {"allow", "warn", "block"}
