"""Concurrent writers (separate processes' caches) never fork a chain or skip a seq."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from chalicelib.domain.chain import verify_chain
from chalicelib.services import cases
from chalicelib.services.auth import authenticate
from chalicelib.services.runtime import build_runtime
from tests.support import case_body, event


def test_concurrent_appends_to_one_case(rt, settings, keys):
    principal = authenticate(rt, "Bearer " + keys["collector"])
    case_id = cases.open_case(rt, principal, case_body())["case_id"]
    # Four runtimes = four warm Lambdas, each with its own (soon stale) head cache.
    runtimes = [build_runtime(settings, key_provider=rt.key_provider) for _ in range(4)]

    def write(i):
        worker = runtimes[i % len(runtimes)]
        return cases.append_event(worker, principal, case_id, event("note.added", {"text": f"note {i}"}))

    with ThreadPoolExecutor(16) as pool:
        acks = list(pool.map(write, range(80)))
    seqs = sorted(a["seq"] for a in acks)
    assert seqs == list(range(1, 81))  # every acknowledged event once, no gap, no duplicate
    records = [json.loads(t) for t in rt.ledger.records(principal.tenant_id, case_id)]
    assert len(records) == 81
    assert verify_chain(records).ok
    by_seq = {r["seq"]: r["hash"] for r in records}
    assert all(by_seq[a["seq"]] == a["hash"] for a in acks)
