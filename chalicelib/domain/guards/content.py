"""Apply a rule's content spec to a communication's text and subject.

A pattern hit is dropped when it is negated (negation.py) or overlaps an exclusion
match (a sense-disambiguation pattern such as "saisie de votre IBAN"). Spans are
character offsets into the ORIGINAL field.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from . import detectors
from .context import Communication
from .frames import frame_hits
from .pack import ContentSpec
from .patterns import AtomIndex, TokenAtoms
from .text import Normaliser, TokenizedText


@dataclass(frozen=True)
class Span:
    field: str     # "text" | "subject" | "envelope"
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text}


class TextView:
    """The communication's fields, tokenized lazily, once per judgement."""

    def __init__(self, comm: Communication, normaliser: Normaliser):
        self.raw = {"text": comm.text or "", "subject": comm.subject or "", "envelope": comm.envelope or ""}
        self._normaliser = normaliser
        self._tt: dict[str, TokenizedText] = {}
        self._atoms: dict[tuple[str, int], TokenAtoms] = {}

    def tokens(self, field: str) -> TokenizedText:
        tt = self._tt.get(field)
        if tt is None:
            tt = self._tt[field] = self._normaliser.tokenize(self.raw[field])
        return tt

    def atoms(self, field: str, index: AtomIndex) -> TokenAtoms:
        k = (field, id(index))
        ta = self._atoms.get(k)
        if ta is None:
            ta = self._atoms[k] = TokenAtoms(self.tokens(field), index)
        return ta


def match_content(spec: ContentSpec, view: TextView, index: AtomIndex,
                  holds: Callable[[Mapping], bool] | None = None) -> tuple[list[Span], list[str]]:
    """(spans where the rule's content matched, names of required items missing).
    ``holds`` evaluates the predicates of conditional exclusions against the case."""
    spans: list[Span] = []
    exclude = spec.exclude
    if spec.exclude_when and holds is not None:
        exclude = exclude + tuple(p for pred, patterns in spec.exclude_when if holds(pred) for p in patterns)
    for field in spec.fields:
        raw = view.raw[field]
        if not raw:
            continue
        hits: list[tuple[int, int]] = []
        if spec.patterns:
            ta = view.atoms(field, index)
            tt = ta.tt
            present = ta.present
            for _src, steps, negatable in spec.patterns:
                if steps[0].isdisjoint(present):
                    continue                     # first word absent: no match possible
                for first, last in ta.find(steps):
                    if negatable and spec.negation is not None and spec.negation.negated(tt, first, last):
                        continue
                    hits.append((tt.tokens[first].start, tt.tokens[last].end))
        if spec.frames:
            ta = view.atoms(field, index)
            for first, last in frame_hits(spec.frames, ta, spec.negation):
                hits.append((ta.tt.tokens[first].start, ta.tt.tokens[last].end))
        for _src, rx, group in spec.regexes:
            for m in rx.finditer(raw):
                hits.append(m.span(group))
        for det in spec.detectors:
            hits.extend(detectors.run(det, raw))
        if hits and exclude:
            ta = view.atoms(field, index)
            tt = ta.tt
            excluded = [(tt.tokens[f].start, tt.tokens[l].end)
                        for _src, steps, _n in exclude for f, l in ta.find(steps)]
            hits = [h for h in hits if not any(s < h[1] and h[0] < e for s, e in excluded)]
        for start, end in sorted(set(hits)):
            spans.append(Span(field, start, end, raw[start:end]))
    missing: list[str] = []
    if spec.require:
        for item in spec.require:
            if not _present(item, view, index):
                missing.append(item.name)
    return spans, missing


def _present(item, view: TextView, index: AtomIndex) -> bool:
    for field in ("text", "subject"):
        raw = view.raw[field]
        if not raw:
            continue
        for _src, rx, _g in item.regexes:
            if rx.search(raw):
                return True
        if item.patterns:
            ta = view.atoms(field, index)
            for _src, steps, _n in item.patterns:
                for _ in ta.find(steps):
                    return True
    return False
