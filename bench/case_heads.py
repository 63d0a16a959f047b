"""`make bench`: the case-heads map's cost per integrated batch, on maps of growing size."""
from __future__ import annotations

import hashlib
import os
import secrets
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench_case_heads(sizes=(1_000, 10_000), batches: int = 10, batch: int = 100) -> dict:
    """Integrate `batches` stream batches of `batch` events, each touching `batch` distinct cases,
    into a tenant whose map already holds n cases; the map update is timed apart from the rest."""
    from chalicelib.adapters.dynamo import create_tables
    from chalicelib.config import Settings
    from chalicelib.services import case_heads, transparency
    from chalicelib.services.runtime import build_runtime

    settings = Settings("local", f"benchm{secrets.token_hex(3)}-", os.environ["AL_DYNAMODB_ENDPOINT"], "eu-west-3",
                        "local", str(ROOT / ".cache" / "bench-kek.key"), None,
                        checkpoint_key_file=str(ROOT / ".cache" / "bench-checkpoint.key"))
    rt = build_runtime(settings, create_key_file=True)
    create_tables(rt.tables.client, settings.table_prefix)

    timings: list[float] = []
    real_advance = case_heads.advance

    def timed_advance(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return real_advance(*args, **kwargs)
        finally:
            timings.append(time.perf_counter() - t0)

    def entry(tenant, case, seq):
        return transparency.Entry(tenant, f"case-{case:07d}", seq, hashlib.sha256(f"{case}/{seq}".encode()).hexdigest())

    rows = []
    case_heads.advance = timed_advance
    try:
        for n in sizes:
            tenant = f"bench{n}"
            for start in range(0, n, 500):  # the map of n cases, built in batches of 500 new cases
                transparency.integrate(rt, tenant, [entry(tenant, c, 0) for c in range(start, min(n, start + 500))])
            step = max(1, n // batch)
            for warm in (False, True):
                per_batch = []
                for b in range(batches):
                    cases = [(i * step + b) % n for i in range(batch)]
                    if not warm:
                        case_heads.BRANCHES.clear()  # a cold Lambda: the whole paths come from the table
                    timings.clear()
                    t0 = time.perf_counter()
                    seq = b + 1 + (batches if warm else 0)
                    summary = transparency.integrate(rt, tenant, [entry(tenant, c, seq) for c in cases])
                    total = time.perf_counter() - t0
                    per_batch.append({"total": total, "map": sum(timings), "touched": summary["case_heads"]["cases"],
                                      **{k: summary["case_heads"][k] for k in (
                                          "branches_read", "read_rounds", "branches_written", "branches_cached")}})
                rows.append({"cases": n, "batch": batch, "warm": warm,
                             **{k: statistics.median(p[k] for p in per_batch)
                                for k in ("total", "map", "branches_read", "read_rounds", "branches_written",
                                          "branches_cached", "touched")}})
    finally:
        case_heads.advance = real_advance
    return {"rows": rows, "batches": batches}


def report(result: dict) -> list[str]:
    lines = [
        "## Case-heads map: cost per integrated batch",
        "",
        f"A stream batch of events of distinct cases integrated into a tenant whose map already holds n cases "
        f"(median of {result['batches']} batches). The map update (load the touched paths, compute, write the new "
        "branches) is timed apart; the rest is the log's own work (positions, leaves, nodes, head, checkpoint).",
        "",
        "| cases in map | process | cases per batch | branches read from the table | from the process cache "
        "| read round trips (BatchGetItem) | branches written (BatchWriteItem) | map update | whole batch |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in result["rows"]:
        lines.append(f"| {r['cases']:,} | {'warm' if r['warm'] else 'cold'} | {r['touched']:.0f} | "
                     f"{r['branches_read']:.0f} | {r['branches_cached']:.0f} | {r['read_rounds']:.0f} | "
                     f"{r['branches_written']:.0f} | {r['map'] * 1000:.0f} ms | {r['total'] * 1000:.0f} ms |")
    lines += [
        "",
        "Branches read and written grow with log2(n) per case (about 1 per doubling; the levels near the root are",
        "shared by the batch's paths), never with n; each read round trip is one BatchGetItem level of the touched",
        "paths (split by 100 keys). Branches are named by their hash, so a warm process keeps the ones it saw and",
        "reads only new ones (the warm rows start from what the cold rows left: the last batch's paths). Every new",
        "leaf costs up to 256 SHA-256 (its one-sided path up to its branch), the floor of a 256-level sparse tree. The head write that commits the map root is the log's conditional head",
        "write, now a two-item transaction (head + write-once root version).",
        "",
    ]
    return lines
