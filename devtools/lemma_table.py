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

from chalicelib.domain.guards.lemmas import lemma_names, pattern_alternatives
from chalicelib.domain.guards.pack import PACKS_DIR, read_pack_data
from chalicelib.domain.guards.patterns import FUZZY_MIN_LEN, within_one_edit
from chalicelib.domain.guards.text import fold, phonetic

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
        "near_words": sorted(set(near_words(forms, lemmas_of)) | set(typo_near_words(data, lemmas_of))),
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


def _pattern_words(data: object) -> set[str]:
    """Every plain word alternative of the pack's patterns (no ``~``, ``=``, ``@``, ``*``)."""
    return {fold(alt) for alt in pattern_alternatives(data, SKIPPED_KEYS)
            if alt and alt[0].isalpha() and not alt.endswith("*")}


# prose and generated data, not patterns
SKIPPED_KEYS = ("lemmas", "lemma_near_words", "legal_basis", "explanation", "compliant_rewrite",
                "description", "params", "params_status", "placeholders", "lexicon", "suggestion",
                "missing", "title")


def _same_family(a: str, b: str) -> bool:
    """Two spellings that share all but their last three letters ("restent", "restant") are
    inflections of one word as often as not: leave them to the typo tolerance."""
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    return common >= 4 and common >= min(len(a), len(b)) - 3


def typo_near_words(data: dict, lemmas_of: dict[str, set[str]]) -> list[str]:
    """Dictionary words whose matching key equals a pattern word's key ("cesse" and "seize") or
    is one edit from a typo-tolerant one's ("cesserons" next to "saisirons"), but which belong to
    another lemma: words of their own, which the runtime matches only as themselves, never by
    key or typo tolerance."""
    by_key: dict[str, set[str]] = {}      # typo-tolerant words: one edit away
    same_key: dict[str, set[str]] = {}    # every word: the same key ("cesse" and "seize")
    for word in _pattern_words(data):
        key = phonetic(word)
        if key.isdigit():
            continue
        if len(key) >= 3:
            same_key.setdefault(key, set()).add(word)
        if len(key) >= FUZZY_MIN_LEN:
            by_key.setdefault(key, set()).add(word)
    variants: dict[str, set[str]] = {}
    for key in by_key:
        for v in {key} | {key[:i] + key[i + 1:] for i in range(len(key))}:
            variants.setdefault(v, set()).add(key)
    near: set[str] = set()
    for form, owners in lemmas_of.items():
        if not form.isalpha():
            continue
        key = phonetic(form)
        for word in same_key.get(key, ()):
            theirs = lemmas_of.get(word, {word})
            if form != word and not (owners & theirs) and not _same_family(form, word):
                near.add(form)
        if len(key) < FUZZY_MIN_LEN - 1:
            continue
        candidates = set(variants.get(key, ()))
        for i in range(len(key)):
            candidates |= variants.get(key[:i] + key[i + 1:], set())
        for pk in candidates:
            if pk == key or pk[0] != key[0] or not within_one_edit(key, pk):
                continue
            for word in by_key[pk]:
                theirs = lemmas_of.get(word, {word})
                if form != word and not (owners & theirs) and not _same_family(form, word):
                    near.add(form)
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
