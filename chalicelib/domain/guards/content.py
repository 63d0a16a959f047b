"""Apply a rule's content spec to a communication's fields (text, subject, envelope, and the
preview of an SMS: the start of its text as a locked phone shows it).

A pattern hit is dropped when it is negated (negation.py) or overlaps an exclusion
match (a sense-disambiguation pattern such as "saisie de votre IBAN"). Spans are
character offsets into the ORIGINAL field.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Mapping

from . import detectors, literals, quotes
from .context import Communication
from .frames import frame_hits
from .pack import ContentSpec
from .patterns import AtomIndex, Patterns, TokenAtoms
from .text import Normaliser, TokenizedText
from .unmask import NO_VOCABULARY, Reading, Vocabulary, readings


@dataclass(frozen=True)
class Span:
    field: str     # "text" | "subject" | "envelope" (a preview's spans are in "text")
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text}


class TextView:
    """The communication's fields and their readings (unmask.py), tokenized lazily, once per
    judgement. Reading 0 is the field as written."""

    def __init__(self, comm: Communication, normaliser: Normaliser, words: Vocabulary = NO_VOCABULARY,
                 preview_chars: int = 0, answers_debtor: bool = False):
        self.raw = {"text": comm.text or "", "subject": comm.subject or "", "envelope": comm.envelope or "",
                    "preview": sms_preview(comm, preview_chars)}
        self._normaliser = normaliser
        self._words = words
        self._readings: dict[str, tuple[Reading, ...]] = {}
        self._tt: dict[tuple[str, int], TokenizedText] = {}
        self._atoms: dict[tuple[str, int, int], TokenAtoms] = {}
        self._folded: dict[tuple[str, int], str] = {}
        self._quotes: dict[str, list[tuple[int, int]]] = {}
        self._answers_debtor = answers_debtor    # the ledger holds a recent message of the debtor's
        self._reported: list[tuple[int, int]] | None = None   # the body's reported words (_body_reported)

    def debtor_quotes(self, field: str) -> list[tuple[int, int]]:
        """Where the field quotes the debtor's own words, or words the sender disowns (quotes.py),
        read as written and only when nothing in the field can be hidden: they make a verdict
        milder."""
        found = self._quotes.get(field)
        if found is None:
            raw = self.raw[field]
            found = self._quotes[field] = ([] if not raw or _may_hide_text(raw)
                                           else quotes.debtor_quotes(raw) + quotes.disowned_quotes(raw) + quotes.answered_no(raw)
                                           + quotes.denied_list(raw) + quotes.transcript_others(raw)
                                           + (quotes.replied_question(raw, self._asked_in_body())
                                              if field == "subject" and self._answers_something() else []))
        return found

    def _body_reported(self) -> list[tuple[int, int]]:
        """The debtor's words and questions the body reports, read as written (none when something
        in the body can be hidden), found once for the two questions a reply's subject asks below."""
        if self._reported is None:
            text = self.raw["text"]
            self._reported = [] if not text or _may_hide_text(text) else quotes.debtor_quotes(text)
        return self._reported

    def _asked_in_body(self) -> tuple[str, ...]:
        """The debtor's questions and words the body reports and answers with a denial, which a
        reply's subject may name as its topic. An unanswered report is not enough: "Re: saisie de
        vos biens" over "Vous nous demandez si la saisie de vos biens aura lieu." is still read."""
        text = self.raw["text"]
        return tuple(text[a:b] for a, b in self._body_reported() if quotes.denial_follows(text, b))

    def _answers_something(self) -> bool:
        """The message answers the debtor: the ledger holds a recent message of theirs, or the body
        itself reports their words or question ("Vous nous demandez si …", read as written)."""
        return self._answers_debtor or bool(self._body_reported())

    def readings(self, field: str) -> tuple[Reading, ...]:
        found = self._readings.get(field)
        if found is None:
            found = self._readings[field] = readings(self.raw[field], self._words)
        return found

    def tokens(self, field: str, reading: int = 0) -> TokenizedText:
        k = (field, reading)
        tt = self._tt.get(k)
        if tt is None:
            tt = self._tt[k] = self._normaliser.tokenize(self.readings(field)[reading].text)
        return tt

    def folded(self, field: str, reading: int = 0) -> str:
        """The reading case-folded the way regexes compare it (literals.py), once."""
        k = (field, reading)
        found = self._folded.get(k)
        if found is None:
            found = self._folded[k] = literals.fold(self.readings(field)[reading].text)
        return found

    def atoms(self, field: str, index: AtomIndex, reading: int = 0) -> TokenAtoms:
        k = (field, reading, id(index))
        ta = self._atoms.get(k)
        if ta is None:
            ta = self._atoms[k] = TokenAtoms(self.tokens(field, reading), index)
        return ta


def match_content(spec: ContentSpec, view: TextView, index: AtomIndex,
                  holds: Callable[[Mapping], bool] | None = None) -> tuple[list[Span], list[str]]:
    """(spans where the rule's content matched, names of required items missing).

    Hits are pooled over every reading of a field, each judged with its own negation and
    exclusions, so an unmasked reading can add hits but never remove one. ``holds`` evaluates
    the predicates of conditional exclusions against the case."""
    spans: list[Span] = []

    def exclusions(part: ContentSpec) -> list:
        # pattern lists (patterns.Patterns), kept apart so each is asked only for what may start
        out = [part.exclude] if part.exclude else []
        if part.exclude_when and holds is not None:
            out += [patterns for pred, patterns in part.exclude_when if patterns and holds(pred)]
        return out

    # the rule's own patterns, then each pattern set it names, each with its own exclusions
    matched = [(part, exclusions(part)) for part in (spec, *spec.parts)
               if part.with_ is None or _present(part.with_, view, index, fields=spec.fields)]
    for field in spec.fields:
        raw = view.raw[field]
        if not raw:
            continue
        hits: set[tuple[int, int]] = set()
        field_readings = view.readings(field)
        if spec.as_written:
            # a rule that may soften another reads the field as written, and only when nothing
            # in it can be hidden from the reader (markup, comments, invisible characters)
            if _may_hide_text(raw):
                continue
            field_readings = field_readings[:1]
        for r, reading in enumerate(field_readings):
            for part, exclude in matched:
                for start, end in _reading_hits(part, exclude, view, index, field, r, reading.text, holds):
                    hits.add(reading.span(start, end))
        quoted = view.debtor_quotes(field) if hits and not spec.reads_reported else []
        for start, end in sorted(hits):
            if quoted and quotes.inside((start, end), quoted, raw):
                continue             # the debtor's own words, quoted back (quotes.py)
            # a preview is the start of the text: same offsets, reported where the reader finds them
            spans.append(Span("text" if field == "preview" else field, start, end, raw[start:end]))
    if (spans and spec.unless is not None and _present(spec.unless, view, index, as_written=True)
            and not (spec.unless_except is not None and _present(spec.unless_except, view, index))):
        spans = []
    missing: list[str] = []
    if spec.require:
        for item in spec.require:
            if not _present(item, view, index):
                missing.append(item.name)
    return spans, missing


def _reading_hits(spec: ContentSpec, exclude: list[Patterns], view: TextView, index: AtomIndex, field: str, r: int,
                  text: str, holds: Callable[[Mapping], bool] | None = None) -> list[tuple[int, int]]:
    hits: list[tuple[int, int]] = []
    if spec.patterns:
        ta = view.atoms(field, index, r)
        tt = ta.tt
        for _src, steps, negatable in spec.patterns.startable(ta.present):
            for first, last in ta.find(steps):
                if negatable and spec.negation is not None and spec.negation.negated(tt, first, last):
                    continue
                hits.append((tt.tokens[first].start, tt.tokens[last].end))
    if spec.frames:
        ta = view.atoms(field, index, r)
        for first, last in frame_hits(spec.frames, ta, spec.negation):
            hits.append((ta.tt.tokens[first].start, ta.tt.tokens[last].end))
    for _src, rx, group, needs in spec.regexes:
        if needs is not None and needs.absent(text, view.folded(field, r)):
            continue
        for m in rx.finditer(text):
            hits.append(m.span(group))
    if field in spec.detector_fields:
        for det in spec.detectors:
            names = tuple(item["names"] for item in det.get("case_names_when", ())
                          if holds is not None and holds(item["when"]))
            # a letter stops asking as a whole: its subject line need not say it again (only the
            # restricted case's detector reads the other fields)
            others = (tuple(view.raw[f] for f in spec.detector_fields if f != field and f in view.raw)
                      if det.get("unless_reassured") else ())
            hits.extend(detectors.run(det, text, names, others))
    if hits and exclude:
        ta = view.atoms(field, index, r)
        tt = ta.tt
        excluded = [(tt.tokens[f].start, tt.tokens[l].end) for patterns in exclude
                    for _src, steps, _n in patterns.startable(ta.present) for f, l in ta.find(steps, longest=True)]
        hits = [h for h in hits if not any(s < h[1] and h[0] < e for s, e in excluded)]
    return hits


_WORD_REST = re.compile(r"\S*")       # to the next space: a cut word is read whole


def sms_preview(comm: Communication, chars: int) -> str:
    """What a locked phone shows of an SMS: its first ``chars`` visible characters, the word cut
    there included (a half-shown word is read whole), or "" for other channels. Invisible and
    combining characters and runs of white space do not count, so padding cannot push a word
    out of the preview that the phone would still show."""
    text = comm.text or ""
    if comm.channel != "sms" or chars <= 0:
        return ""
    seen, previous_space = 0, False
    for i, ch in enumerate(text):
        if ch.isspace():
            if previous_space:
                continue
            previous_space = True
        elif unicodedata.category(ch) in ("Cf", "Cc", "Mn", "Me"):
            continue
        else:
            previous_space = False
        seen += 1
        if seen == chars:
            return text[:_WORD_REST.match(text, i + 1).end()]
    return text


_MARKUP = re.compile(r"<\s*[A-Za-z!/?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


def _may_hide_text(raw: str) -> bool:
    # hidden characters are never ASCII; each distinct character is looked up once, not each of
    # the thousands of a long text (this ran for every as-written rule)
    return bool(_MARKUP.search(raw)) or any(
        unicodedata.category(ch) in ("Cf", "Co", "Cs") for ch in set(raw) if not ch.isascii())


def _present(item, view: TextView, index: AtomIndex, as_written: bool = False,
             fields: tuple[str, ...] = ("text", "subject")) -> bool:
    """Whether the item's wording is in the text or subject (or ``fields``). ``as_written``: only
    in a field where nothing can be hidden from its reader (wording that softens a rule, threat
    model)."""
    for field in fields:
        raw = view.raw[field]
        if not raw or (as_written and _may_hide_text(raw)):
            continue
        for _src, rx, _g, needs in item.regexes:
            if needs is not None and needs.absent(raw, view.folded(field)):
                continue
            if rx.search(raw):
                return True
        if item.patterns:
            ta = view.atoms(field, index)
            for _src, steps, _n in item.patterns:
                for _ in ta.find(steps):
                    return True
    return False
