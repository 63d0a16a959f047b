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


def _lemmas_of(factory) -> dict[str, set[str]]:
    """Folded dictionary form -> folded lemmas (fr and en)."""
    out: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        for form, lemma in factory.get_dictionary(lang).items():
            lemma = lemma.decode("utf-8") if isinstance(lemma, bytes) else lemma
            form = form.decode("utf-8") if isinstance(form, bytes) else form
            if " " not in form:
                out.setdefault(fold(form), set()).add(fold(lemma))
    return out


def _participles(lemma: str) -> set[str]:
    """Regular past participles of a French -er/-ir verb, accents folded ("informer" ->
    "informe", "informee"...). The lemmatiser files them under an adjective lemma of their
    own ("informé"), so they would be missing from the verb's forms."""
    if lemma.endswith("er"):
        base = lemma[:-2] + "e"
    elif lemma.endswith("ir"):
        base = lemma[:-1]
    else:
        return set()
    return {base, base + "e", base + "s", base + "es"}


def _stem(lemma: str) -> str:
    return lemma[:-2] if lemma.endswith(("er", "ir", "re")) and len(lemma) > 4 else lemma


def table(jurisdiction: str = "FR") -> dict:
    data = read_pack_data(PACKS_DIR / jurisdiction.lower())
    wanted = {fold(name) for name in lemma_names(data)}
    lemmas_of = _lemmas_of(DefaultDictionaryFactory())
    forms: dict[str, set[str]] = {w: set() for w in wanted}
    for form, owners in lemmas_of.items():
        for lemma in owners & wanted:
            if form != lemma:
                forms[lemma].add(form)
    for lemma in wanted:
        forms[lemma] |= {p for p in _participles(lemma) if p in lemmas_of and p != lemma}
    return {
        "source": f"simplemma {simplemma.__version__}, dictionaries {', '.join(LANGUAGES)}; "
                  "only the lemmas the pack names, with regular French past participles",
        "lemmas": {k: sorted(v) for k, v in sorted(forms.items())},
        "near_words": near_words(forms, lemmas_of),
    }


def near_words(forms: dict[str, set[str]], lemmas_of: dict[str, set[str]]) -> list[str]:
    """Dictionary words one edit away from a lemma form but belonging to another lemma of
    another stem ("seine" next to "seize"): a token spelt so is a word of its own, never a
    misspelt form, so the runtime's typo tolerance leaves it alone."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    near: set[str] = set()
    for lemma, inflected in forms.items():
        stem = _stem(lemma)
        for form in inflected | {lemma}:
            if len(form) < 4:
                continue
            variants = {form[:i] + form[i + 1:] for i in range(len(form))}
            variants |= {form[:i] + c + form[i + 1:] for i in range(len(form)) for c in letters}
            variants |= {form[:i] + c + form[i:] for i in range(len(form) + 1) for c in letters}
            variants |= {form[:i] + form[i + 1] + form[i] + form[i + 2:] for i in range(len(form) - 1)}
            for v in variants:
                owners = lemmas_of.get(v)
                # only what the runtime would take for a typo: 5+ letters, same first two
                if (owners and len(v) >= 5 and v[:2] == form[:2] and v not in inflected
                        and lemma not in owners and not v.startswith(stem)):
                    near.add(v)
    return sorted(near)


def render(jurisdiction: str = "FR") -> str:
    """One lemma a line, so a change of the table reads as a small diff."""
    t = table(jurisdiction)
    lines = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in t["lemmas"].items()]
    return ("{\n\"source\": " + json.dumps(t["source"], ensure_ascii=False) + ",\n\"lemmas\": {\n"
            + ",\n".join(lines) + "\n},\n\"near_words\": " + json.dumps(t["near_words"], ensure_ascii=False) + "\n}\n")


if __name__ == "__main__":
    path = PACKS_DIR / "fr" / "lemmas.json"
    path.write_text(render("FR"), encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
