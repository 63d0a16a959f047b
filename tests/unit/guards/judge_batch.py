"""Judge one labelled batch with the current pack and print its first-run figures.

    .venv/bin/python -m tests.unit.guards.judge_batch tests/guards_corpus/holdout_pending/zz_holdout_2026_12_02a.jsonl
    .venv/bin/python -m tests.unit.guards.judge_batch --write-read-as-labelled   # after fixing

``--write-read-as-labelled`` rewrites ``holdout_pending/read_as_labelled.json``: the messages of
each pending batch the pack now reads as labelled (verdict, and every blocking rule labelled),
which test_holdout_pending.py keeps from regressing while the batch cannot yet join the corpus.

The held-out protocol (guards README) records these figures once, before any fix is made for the
batch; this module is how they were produced, so anyone can reproduce them on the same pack.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from chalicelib.domain.guards import judge, load_pack

from .guards_corpus_eval import load_file


def figures(path: Path) -> tuple[str, list[tuple]]:
    pack = load_pack("FR")
    cases = load_file(path)
    tally: Counter = Counter()
    wrong = []
    for case in cases:
        j = judge(case.comm, case.facts, case.history, pack)
        tally[(case.expect_verdict, j.verdict)] += 1
        if j.verdict != case.expect_verdict:
            wrong.append((case.id, case.expect_verdict, j.verdict, sorted(j.rule_ids)))
    blockable = sum(n for (want, _), n in tally.items() if want == "block")
    lawful = sum(n for (want, _), n in tally.items() if want == "allow")
    agree = sum(n for (want, got), n in tally.items() if want == got)
    head = (f"pack {pack.version}, {len(cases)} messages: blockable blocked {tally[('block', 'block')]}/{blockable}, "
            f"lawful blocked {tally[('allow', 'block')]}/{lawful}, verdicts agreeing {agree}/{len(cases)}")
    return head, wrong


def read_as_labelled(path: Path) -> list[str]:
    """Ids of the batch's messages judged with the labelled verdict and every labelled rule
    that blocks (after label reviews)."""
    pack = load_pack("FR")
    severity = {r.id: r.severity for r in pack.rules}
    out = []
    for case in load_file(path):
        j = judge(case.comm, case.facts, case.history, pack)
        if j.verdict == case.expect_verdict and all(
                r in j.rule_ids for r in case.expect_rules if severity.get(r) == "block"):
            out.append(case.id)
    return out


def write_read_as_labelled() -> Path:
    from .guards_corpus_eval import CORPUS_DIR
    pending = CORPUS_DIR / "holdout_pending"
    data = {p.name: read_as_labelled(p) for p in sorted(pending.glob("*.jsonl"))}
    target = pending / "read_as_labelled.json"
    target.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    if argv == ["--write-read-as-labelled"]:
        print(write_read_as_labelled())
        return 0
    for name in argv:
        head, wrong = figures(Path(name))
        print(f"{name}\n{head}")
        for row in wrong:
            print("  ", *row)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
