"""Generate chalicelib/domain/guards/textdata/confusables.json from Unicode TR39 data.

    python -m devtools.confusables_table

The data comes from the `confusable-homoglyphs` package (its confusables.json is built from
Unicode's confusables.txt). The package ships 0.9 MB of JSON and parses it at import; the
guards only need the characters that pass for a Latin letter or a digit, so this keeps those
(about 600 entries, 7 KB) and a test checks the table still equals the package's answer.
"""
from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import confusable_homoglyphs
from confusable_homoglyphs import confusables

OUT = Path(__file__).resolve().parents[1] / "chalicelib" / "domain" / "guards" / "textdata" / "confusables.json"
_TARGETS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _latin_with_marks(ch: str) -> bool:
    """Accented Latin letters ("é", "ç") are not disguises: accents are folded elsewhere."""
    base = unicodedata.normalize("NFKD", ch)[:1]
    return base.isascii() and base.isalpha()


def table() -> dict:
    """{character: ascii letter or digit it passes for}, lower-case targets."""
    data = confusables.confusables_data
    out: dict[str, str] = {}
    for ch, homoglyphs in data.items():
        if len(ch) != 1 or ch.isascii() or _latin_with_marks(ch):
            continue
        targets = [h["c"] for h in homoglyphs if len(h["c"]) == 1 and h["c"].lower() in _TARGETS]
        if targets:
            out[ch] = targets[0].lower()
    return {
        "source": f"Unicode TR39 confusables via confusable-homoglyphs {confusable_homoglyphs.__version__}",
        "map": dict(sorted(out.items())),
    }


def render() -> str:
    return json.dumps(table(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
