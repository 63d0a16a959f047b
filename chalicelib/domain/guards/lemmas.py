"""Lemmas: which dictionary word an inflected form belongs to ("saisirons", "saisissez" ->
"saisir"; "reported" -> "report").

The table ``packs/<j>/lemmas.json`` lists, for every lemma a pattern names with ``~lemma``,
the inflected forms a French and English lemmatiser (simplemma) gives for it. It is
generated at build time (``python -m devtools.lemma_table``) because loading the
lemmatiser's whole dictionaries costs seconds of cold start and ~0.5 MB of zip for the
few hundred lemmas the rules use; a test checks the table against the package. The table
also lists the dictionary words one edit away from those forms that belong to other lemmas
("seine" is not a misspelt "seize"), so typo tolerance never swallows a real word.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Mapping

from .text import Normaliser

LEMMA_PREFIX = "~"


class LemmaTable:
    """Inflected form (in the normaliser's plain form) -> lemmas it may belong to."""

    def __init__(self, lemmas: Mapping[str, Iterable[str]], normaliser: Normaliser,
                 near_words: Iterable[str] = ()):
        self._forms: dict[str, set[str]] = {}
        self._by_lemma: dict[str, set[str]] = {}
        for lemma, forms in lemmas.items():
            base = normaliser.plain(lemma)
            plain_forms = {normaliser.plain(form) for form in (lemma, *forms)}
            self._by_lemma.setdefault(base, set()).update(plain_forms)
            for form in plain_forms:
                self._forms.setdefault(form, set()).add(base)
        self.lemmas = frozenset(self._by_lemma)
        # dictionary words one edit from a form but of another lemma: never read as typos
        self.near_words = frozenset(normaliser.plain(w) for w in near_words)

    def forms_of(self, lemma: str) -> frozenset[str]:
        return frozenset(self._by_lemma.get(lemma, ()))

    def lemmas_of(self, plain: str) -> frozenset[str]:
        return frozenset(self._forms.get(plain, ()))


def pattern_alternatives(data: object, skip: Iterable[str] = ("lemmas", "lemma_near_words")) -> Iterator[str]:
    """Every alternative of every pattern element in pack data ("~saisir", "saisi*", "=fcc"...),
    walking mappings and lists but not the keys in ``skip``."""
    skipped = frozenset(skip)
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            for element in item.split():
                yield from element.lstrip("!").split("|")
        elif isinstance(item, Mapping):
            stack.extend(v for k, v in item.items() if k not in skipped)
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def lemma_names(data: object) -> set[str]:
    """Every ``~lemma`` named anywhere in pack data (patterns, sets, classes)."""
    return {alt[1:] for alt in pattern_alternatives(data) if alt.startswith(LEMMA_PREFIX) and len(alt) > 1}
