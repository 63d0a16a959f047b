"""Generate chalicelib/domain/guards/packs/<j>/lemmas.json from the `simplemma` package.

    python -m devtools.lemma_table          # rewrite the FR pack's table

The guards read this table at run time instead of importing `simplemma` in the Lambda:
its French and English dictionaries take ~0.4 MB of zip and 1-2 s to load, for the few
hundred lemmas the rules name with ``~lemma``. Only those lemmas are kept, with every
inflected form the lemmatiser maps to them. A test checks the table is up to date.
"""
from __future__ import annotations

import json
import sys

import simplemma
from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

from chalicelib.domain.guards.lemmas import lemma_names
from chalicelib.domain.guards.pack import PACKS_DIR, read_pack_data
from chalicelib.domain.guards.text import fold

LANGUAGES = ("fr", "en")


def table(jurisdiction: str = "FR") -> dict:
    data = read_pack_data(PACKS_DIR / jurisdiction.lower())
    wanted = {fold(name) for name in lemma_names({k: v for k, v in data.items() if k != "lemmas"})}
    forms: dict[str, set[str]] = {w: set() for w in wanted}
    factory = DefaultDictionaryFactory()
    for lang in LANGUAGES:
        for form, lemma in factory.get_dictionary(lang).items():
            lemma = lemma.decode("utf-8") if isinstance(lemma, bytes) else lemma
            form = form.decode("utf-8") if isinstance(form, bytes) else form
            key = fold(lemma)
            if key in forms and fold(form) != key and " " not in form:
                forms[key].add(fold(form))
    return {
        "source": f"simplemma {simplemma.__version__}, dictionaries {', '.join(LANGUAGES)}; "
                  "only the lemmas the pack names",
        "lemmas": {k: sorted(v) for k, v in sorted(forms.items())},
    }


def render(jurisdiction: str = "FR") -> str:
    """One lemma a line, so a change of the table reads as a small diff."""
    t = table(jurisdiction)
    lines = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in t["lemmas"].items()]
    return ("{\n\"source\": " + json.dumps(t["source"], ensure_ascii=False) + ",\n\"lemmas\": {\n"
            + ",\n".join(lines) + "\n}}\n")


if __name__ == "__main__":
    path = PACKS_DIR / "fr" / "lemmas.json"
    path.write_text(render("FR"), encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
