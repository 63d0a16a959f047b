"""Typographic detectors the pack can name (shouting): parameters live in the pack.

    {"type": "uppercase_ratio", "min_letters": 40, "ratio": 0.3}
    {"type": "caps_run", "min_words": 3, "min_word_len": 2, "acronym_max_len": 4}
    {"type": "unreadable_language", "readable": ["fr", "en"], "min_words": 3}   (language.py)
      with "pressure": true, only the sentences holding pressure words; with "unless_reassured":
      true, nothing when the unreadable text stops asking and holds no pressure word; with
      "case_names_when": [{"when": predicate, "names": "collective_proceedings"}], the words
      naming what those facts declare are not pressure (textdata/pressure.json ``case_names``)

Words with digits (references: "F-2024-12") and short acronyms ("FICP", "IBAN") are
not counted as shouting, nor what a shouting detector's ``exempt`` regexes match, read
case-sensitively: the capitals a letterhead or a dispatch mention is written in ("LETTRE
RECOMMANDÉE AVEC AVIS DE RÉCEPTION", "SELARL MORAND & ASSOCIÉS").
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Mapping

from . import language, literals

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
KNOWN = ("uppercase_ratio", "caps_run", "unreadable_language")


def validate(spec: Mapping[str, Any], where: str) -> None:
    if spec.get("type") not in KNOWN:
        raise ValueError(f"{where}: unknown detector {spec.get('type')!r}")
    for i, pattern in enumerate(spec.get("exempt", [])):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{where}.exempt[{i}]: {exc}") from None
    if spec["type"] == "unreadable_language":
        language.validate(spec, where)


def _is_caps_word(word: str, min_len: int, acronym_max: int) -> bool:
    """An all-caps word long enough not to be an acronym (words with digits never are)."""
    return len(word) >= max(min_len, acronym_max + 1) and word.isupper() and word.isalpha()


@lru_cache(maxsize=64)
def _exempt_regex(pattern: str) -> tuple[re.Pattern, literals.Literals | None]:
    compiled = re.compile(pattern)
    return compiled, literals.required(compiled)


def _lowered(match: re.Match) -> str:
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in match.group())


def _without_exempt(spec: Mapping[str, Any], text: str) -> str:
    """The text with what the ``exempt`` regexes match lowered, letter for letter, so offsets
    still point into the text as written (a letter whose lower case is longer is kept). A regex
    runs only on a text holding the literal text it needs ("SARL", "BANQUE"): most texts are
    skipped at once (literals.py)."""
    for pattern in spec.get("exempt", ()):
        compiled, needs = _exempt_regex(pattern)
        if needs is not None and needs.absent(text, text):
            continue
        text = compiled.sub(_lowered, text)
    return text


def run(spec: Mapping[str, Any], text: str, case_names: tuple[str, ...] = (),
        other_fields: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Spans (start, end) in ``text`` where the detector fires; [] when it does not.
    ``case_names``: the names of ``case_names_when`` whose facts hold (language.py);
    ``other_fields``: the message's other fields, for what is said of the message as a whole."""
    kind = spec["type"]
    if kind == "unreadable_language":
        if spec.get("pressure"):
            return language.pressure_spans(spec, text, case_names)
        if spec.get("unless_reassured"):
            return language.restricted_spans(spec, text, case_names, other_fields)
        return language.unreadable_spans(spec, text)
    text = _without_exempt(spec, text)
    acronym_max = int(spec.get("acronym_max_len", 4))
    if kind == "uppercase_ratio":
        words = _WORD_RE.findall(text)
        # lower-case words count only their letters: counted at once on their concatenation
        # (most words of a letter are lower-case; a loop over them was most of this detector)
        lower = "".join([w for w in words if w.islower()])
        total = len(lower) if lower.isalpha() else sum(map(str.isalpha, lower))
        upper = 0
        for w in [w for w in words if not w.islower()]:
            if not w.isalpha() or (w.isupper() and len(w) <= acronym_max):
                if not w.isalpha() and not any(map(str.isdigit, w)):
                    total += sum(map(str.isalpha, w))
                    upper += sum(map(str.isupper, w))
                continue
            total += len(w)
            upper += len(w) if w.isupper() else sum(map(str.isupper, w))
        if total >= int(spec.get("min_letters", 40)) and upper / total > float(spec.get("ratio", 0.3)):
            return [(0, len(text))]
        return []
    if kind == "caps_run":
        # a run starts on a long all-caps word; short all-caps words ("DE", "AVIS") inside
        # it count as words; it fires with >= min_words words of which >= 2 are long.
        if not any(map(str.isupper, text)):
            return []
        min_words = int(spec.get("min_words", 3))
        min_len = int(spec.get("min_word_len", 2))
        # a run starts only on a long all-caps word: without one there is none to walk
        if not any(_is_caps_word(w, min_len, acronym_max) for w in _WORD_RE.findall(text) if w.isupper()):
            return []
        spans: list[tuple[int, int]] = []
        run_start = run_end = 0
        words = long_words = 0
        for m in _WORD_RE.finditer(text):
            w = m.group()
            if w.islower():
                caps = False
            elif _is_caps_word(w, min_len, acronym_max):
                if words == 0:
                    run_start = m.start()
                run_end = m.end()
                words += 1
                long_words += 1
                continue
            else:
                caps = bool(words) and w.isupper() and w.isalpha()
            if caps:
                run_end = m.end()
                words += 1
                continue
            if words >= min_words and long_words >= 2:
                spans.append((run_start, run_end))
            words = long_words = 0
        if words >= min_words and long_words >= 2:
            spans.append((run_start, run_end))
        return spans
    raise ValueError(f"unknown detector {kind!r}")
