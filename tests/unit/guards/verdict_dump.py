"""Dump every judgement of the labelled corpus, as written and disguised, to compare two versions
of the guard code (a performance change must not change one verdict, rule, span or rewrite).

    .venv/bin/python tests/unit/guards/verdict_dump.py before.json
    (change the code)
    .venv/bin/python tests/unit/guards/verdict_dump.py after.json --diff before.json

Judged: every message of tests/guards_corpus/*.jsonl and holdout_pending/*.jsonl as written, then
each of the disguise families of test_guards_disguises.py applied to about a third of its words
(seeded, so both runs judge the same texts), and the stacked families on the blocking spans. The
unmasked readings of each text are dumped as well (text and offsets, hashed), so a change of a
reading no rule happens to see is also caught.
"""
from __future__ import annotations

import hashlib
import json
import random
import re
import sys
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
for p in (str(HERE.parents[2]), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

from chalicelib.domain.guards import CaseFacts, Communication, judge, load_pack  # noqa: E402
from chalicelib.domain.guards.unmask import readings  # noqa: E402
from guards_corpus_eval import CORPUS_DIR, load_file  # noqa: E402
from test_guards_disguises import WORD_FAMILIES, disguise  # noqa: E402

_WORD_RE = re.compile(r"[^\W\d_]{3,}")


def _some_words(text: str, fn, rng: random.Random) -> str:
    out, pos = [], 0
    for m in _WORD_RE.finditer(text):
        if rng.random() < 0.33:
            out.append(text[pos:m.start()])
            out.append(fn(m.group(), rng))
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _readings_digest(text: str, pack) -> str:
    h = hashlib.sha256()
    for r in readings(text, pack):
        h.update(json.dumps([r.text, r.starts, r.ends]).encode())
    return h.hexdigest()[:16]


def dump() -> dict:
    pack = load_pack("FR")
    paths = sorted(CORPUS_DIR.glob("*.jsonl")) + sorted((CORPUS_DIR / "holdout_pending").glob("*.jsonl"))
    out: dict = {}
    for path in paths:
        for case in load_file(path):
            variants = {"as written": case.comm}
            for family, fn in WORD_FAMILIES.items():
                rng = random.Random(f"{path.name}/{case.id}/{family}")
                variants[family] = replace(case.comm, text=_some_words(case.comm.text, fn, rng))
            j = judge(case.comm, case.facts, case.history, pack)
            spans = [s for f in j.findings if f.severity == "block" for s in f.spans if s.field == "text"]
            if spans:
                for k, families in enumerate((["lookalike letters", "digits for letters", "spaced letters"],
                                              ["zero-width space", "inner hyphen"],
                                              ["combining accents", "line break in a word"],
                                              "NFD text", "moved to the envelope")):
                    rng = random.Random(f"{path.name}/{case.id}/stacked{k}")
                    variants[f"stacked {families}"] = disguise(case, spans, families, rng)
            for name, comm in variants.items():
                j = judge(comm, case.facts, case.history, pack)
                out[f"{path.name}/{case.id}/{name}"] = {
                    "findings": [f.to_dict() for f in j.findings], "verdict": j.verdict,
                    "readings": [_readings_digest(comm.text or "", pack),
                                 _readings_digest(comm.subject or "", pack),
                                 _readings_digest(comm.envelope or "", pack)],
                }
    sent_at = datetime(2026, 11, 17, 10, 0, tzinfo=timezone.utc)
    for name, text in BENCH_TEXTS.items():
        comm = Communication("contact.sent", "email", "debtor", text, "Facture impayée", sent_at)
        j = judge(comm, CaseFacts(collector_kind="creditor"), [], pack)
        out[f"bench/{name}"] = {"findings": [f.to_dict() for f in j.findings], "verdict": j.verdict,
                                "readings": [_readings_digest(text, pack)]}
    return out


# the texts bench_guards (bench/__main__.py) judges
BENCH_TEXTS = {
    "lawful": ("Madame, Monsieur, sauf erreur de notre part, la facture F-1001 du 01/07/2026 d'un montant de "
               "450,00 EUR reste impayée malgré nos précédents courriers. Nous vous remercions de bien vouloir "
               "régulariser cette situation ou de nous contacter au 01 23 45 67 89 afin de convenir d'un "
               "échéancier adapté. " * 10)[:2048],
    "disguised": ("Madame, Monsieur, sauf erreur de notre part, la factυre F-1001 du 01/07/2026 d'un m0ntant de "
                  "450,00 EUR reste impayée malgré nos précédents c o u r r i e r s. Un hu&#105;ssier pourra "
                  "procéder à la sai<b></b>sie de vos bi\u200bens ou de nous contacter au 01 23 45 67 89 afin "
                  "de convenir d'un éch-éancier adapté. " * 10)[:2048],
}


def main(argv: list[str]) -> int:
    t = time.perf_counter()
    result = dump()
    Path(argv[1]).write_text(json.dumps(result, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
    print(f"{len(result)} judgements in {time.perf_counter() - t:.0f} s -> {argv[1]}")
    if len(argv) > 3 and argv[2] == "--diff":
        before = json.loads(Path(argv[3]).read_text(encoding="utf-8"))
        keys = sorted(set(before) | set(result))
        diff = [k for k in keys if before.get(k) != result.get(k)]
        for k in diff[:20]:
            print("DIFF", k, "\n  before:", json.dumps(before.get(k), ensure_ascii=False)[:600],
                  "\n  after: ", json.dumps(result.get(k), ensure_ascii=False)[:600])
        print(f"differences: {len(diff)} of {len(keys)}")
        return 1 if diff else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
