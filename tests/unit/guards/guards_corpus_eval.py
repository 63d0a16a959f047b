"""Load the labelled corpus (tests/guards_corpus/*.jsonl), judge it, compute metrics."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from chalicelib.domain.guards import CaseFacts, Communication, PriorContact, judge, load_pack

CORPUS_DIR = Path(__file__).resolve().parents[2] / "guards_corpus"
DEFAULT_SENT_AT = "2026-11-24T10:00:00+01:00"   # a Tuesday, 10:00 in Paris


@dataclass
class Case:
    id: str
    comm: Communication
    facts: CaseFacts
    history: list
    expect_verdict: str
    expect_rules: frozenset


def load_corpus() -> list[Case]:
    """Every labelled batch in tests/guards_corpus/*.jsonl (not holdout_pending/, see the guards README)."""
    return [case for path in sorted(CORPUS_DIR.glob("*.jsonl")) for case in load_file(path)]


def label_reviews() -> dict[tuple[str, str], str]:
    """(message id, rule labelled) -> rule expected instead (tests/guards_corpus/label_reviews.json)."""
    data = json.loads((CORPUS_DIR / "label_reviews.json").read_text(encoding="utf-8"))
    return {(r["id"], r["label"]): r["read_as"] for r in data["reviews"]}


def load_file(path: Path) -> list[Case]:
    reviews = label_reviews()
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        comm = Communication(
            kind=d.get("kind", "contact.sent"), channel=d["channel"],
            recipient_role=d.get("recipient_role", "debtor"), text=d["text"],
            subject=d.get("subject"),
            sent_at=datetime.fromisoformat(d.get("sent_at") or DEFAULT_SENT_AT),
            callback_requested=d.get("callback_requested", False),
            caller_id=d.get("caller_id"), automated=d.get("automated", False),
            recorded=d.get("recorded", False), envelope=d.get("envelope"),
            recipient_authority=d.get("recipient_authority"),
        )
        history = [PriorContact(at=datetime.fromisoformat(h["at"]), channel=h["channel"],
                                blocked=h.get("blocked", False), conversation=h.get("conversation", False),
                                inbound=h.get("inbound", False)) for h in d.get("history", [])]
        rules = frozenset(reviews.get((d["id"], r), r) for r in d["expect"]["rules"])
        cases.append(Case(d["id"], comm, CaseFacts.from_dict(d.get("facts", {})), history,
                          d["expect"]["verdict"], rules))
    return cases


@dataclass
class Report:
    rows: list            # (rule_id, severity, tp, fn, fp, recall, precision)
    results: list         # (case, judgement)
    table: str
    allow_total: int
    allow_blocked: list
    verdict_mismatches: list
    missed_block_rules: list   # (case id, rule id): an expected block rule that did not fire


def evaluate() -> Report:
    pack = load_pack("FR")
    severity = {r.id: r.severity for r in pack.rules}
    tp, fn, fp = defaultdict(int), defaultdict(int), defaultdict(int)
    results, allow_blocked, mismatches, missed = [], [], [], []
    for case in load_corpus():
        j = judge(case.comm, case.facts, case.history, pack)
        results.append((case, j))
        got = set(j.rule_ids)
        for r in case.expect_rules | got:
            if r in case.expect_rules and r in got:
                tp[r] += 1
            elif r in case.expect_rules:
                fn[r] += 1
                if case.expect_verdict == "block" and any(
                        f.rule_id == r for f in ()) or severity.get(r) == "block":
                    missed.append((case.id, r))
            else:
                fp[r] += 1
        if case.expect_verdict == "allow" and j.verdict == "block":
            allow_blocked.append(case.id)
        if j.verdict != case.expect_verdict:
            mismatches.append((case.id, case.expect_verdict, j.verdict, sorted(got)))
    rows = []
    for rid in [r.id for r in pack.rules]:
        t, n, p = tp[rid], fn[rid], fp[rid]
        recall = t / (t + n) if t + n else None
        precision = t / (t + p) if t + p else None
        rows.append((rid, severity[rid], t, n, p, recall, precision))
    allow_total = sum(1 for c, _ in results if c.expect_verdict == "allow")
    lines = [f"{'rule':36} {'sev':5} {'TP':>3} {'FN':>3} {'FP':>3} {'recall':>7} {'prec':>7}"]
    fmt = lambda x: "   -   " if x is None else f"{x:7.1%}"
    for rid, sev, t, n, p, rc, pr in rows:
        lines.append(f"{rid:36} {sev:5} {t:3d} {n:3d} {p:3d} {fmt(rc)} {fmt(pr)}")
    verdict_ok = len(results) - len(mismatches)
    lines.append(f"messages: {len(results)}; verdict exact: {verdict_ok}/{len(results)} "
                 f"({verdict_ok / len(results):.1%}); lawful (allow) blocked: "
                 f"{len(allow_blocked)}/{allow_total} ({len(allow_blocked) / allow_total:.1%})")
    return Report(rows, results, "\n".join(lines), allow_total, allow_blocked, mismatches, missed)
