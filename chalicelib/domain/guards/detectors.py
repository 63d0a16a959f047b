"""Typographic detectors the pack can name (shouting): parameters live in the pack.

    {"type": "uppercase_ratio", "min_letters": 40, "ratio": 0.3}
    {"type": "caps_run", "min_words": 3, "min_word_len": 2, "acronym_max_len": 4}

Words with digits (references: "F-2024-12") and short acronyms ("FICP", "IBAN") are
not counted as shouting.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
KNOWN = ("uppercase_ratio", "caps_run")


def validate(spec: Mapping[str, Any], where: str) -> None:
    if spec.get("type") not in KNOWN:
        raise ValueError(f"{where}: unknown detector {spec.get('type')!r}")


def _is_caps_word(word: str, min_len: int, acronym_max: int) -> bool:
    if any(ch.isdigit() for ch in word):
        return False
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= max(min_len, acronym_max + 1) and all(ch.isupper() for ch in letters)


def run(spec: Mapping[str, Any], text: str) -> list[tuple[int, int]]:
    """Spans (start, end) in ``text`` where the detector fires; [] when it does not."""
    kind = spec["type"]
    acronym_max = int(spec.get("acronym_max_len", 4))
    if kind == "uppercase_ratio":
        upper = total = 0
        for m in _WORD_RE.finditer(text):
            w = m.group()
            if any(ch.isdigit() for ch in w) or (w.isupper() and len(w) <= acronym_max):
                continue
            for ch in w:
                if ch.isalpha():
                    total += 1
                    upper += ch.isupper()
        if total >= int(spec.get("min_letters", 40)) and upper / total > float(spec.get("ratio", 0.3)):
            return [(0, len(text))]
        return []
    if kind == "caps_run":
        min_words = int(spec.get("min_words", 3))
        min_len = int(spec.get("min_word_len", 2))
        spans: list[tuple[int, int]] = []
        run_start = run_end = None
        count = 0
        for m in _WORD_RE.finditer(text):
            if _is_caps_word(m.group(), min_len, acronym_max):
                if count == 0:
                    run_start = m.start()
                run_end = m.end()
                count += 1
            elif m.group().isupper() and count:
                continue  # short caps words ("DE", "AVIS") inside a run neither count nor break it
            else:
                if count >= min_words:
                    spans.append((run_start, run_end))
                count = 0
        if count >= min_words:
            spans.append((run_start, run_end))
        return spans
    raise ValueError(f"unknown detector {kind!r}")
