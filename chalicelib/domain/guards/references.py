"""Whether a message cites a case reference: an invoice, a claim, the agency's first letter.

References are compared "compact": folded, with every separator removed, so "AT 3390/01",
"at-3390-01" and "AT339001" are one reference. A disguise can hide a citation but never
create one, so reading a reference can only make a verdict harsher, never milder.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from .text import fold

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)

# Month names of the languages senders write to debtors in France (folded, no accents).
# They only serve to recognise "our letter of 18 November": a date recalled in words.
_MONTHS = (
    # fr
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre "
    "janv fevr sept oct nov dec "
    # en
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep "
    # es, pt, it
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre "
    "diciembre janeiro fevereiro marco maio junho julho setembro outubro dezembro gennaio "
    "febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    # de, ro, pl, tr
    "januar februar marz juni juli oktober dezember ianuarie februarie martie aprilie iunie "
    "iulie septembrie octombrie noiembrie decembrie stycznia lutego marca kwietnia maja "
    "czerwca lipca sierpnia wrzesnia pazdziernika listopada grudnia ocak subat mart nisan "
    "mayis haziran temmuz agustos eylul ekim kasim aralik"
).split()
_MONTH = "(?:" + "|".join(sorted(set(_MONTHS), key=len, reverse=True)) + r")\.?"
_DATE = re.compile(
    r"(?<![0-9])(?:"
    r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}"               # 18/11/2026, 18.11.26
    r"|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}"                # 2026-11-18, 2026/11/27
    r"|\d{1,2}(?:er|st|nd|rd|th|o|º)?\s+(?:de\s+|of\s+)?" + _MONTH +   # 18 novembre, 9 de novembro
    r"|" + _MONTH + r"\s+\d{1,2}(?![0-9])"             # November 18
    r")"
)
# How far from the reference the date may stand: "dossier AT-3390 (notre courrier du
# 18 novembre 2026)", "dossier SG-10588, faisant suite à notre courrier du 30 novembre".
_DATE_REACH = 120


def compact(text: str) -> str:
    return _NON_ALNUM.sub("", fold(text))


def citer(text: str, minimum: int = 3) -> Callable[[str], bool]:
    """Whether the text cites a reference: the reference, compact, appears in the text,
    compact. The text is compacted once for every reference asked about. References shorter
    than ``minimum`` characters cite nothing (they would match by chance)."""
    body = compact(text)

    def cites(reference: str) -> bool:
        ref = compact(reference)
        return len(ref) >= minimum and ref in body
    return cites


def cites(reference: str, text: str, minimum: int = 3) -> bool:
    return citer(text, minimum)(reference)


def _file_stem(reference: str) -> list[str] | None:
    """The case-file part of a letter reference: "AT-3390-01" -> ["at", "3390"].

    Agencies number a file's letters with a short suffix ("-01", "-P", "-L1"); a later step
    that names the file and the letter's date recalls the letter as well as its full
    reference does. Only a suffix of at most three characters is dropped, and the stem must
    keep five characters with a digit, so "AR-26-4471" has no stem ("AR-26" is too vague)."""
    segments = [s for s in _NON_ALNUM.split(fold(reference)) if s]
    if len(segments) < 2 or len(segments[-1]) > 3:
        return None
    stem = segments[:-1]
    joined = "".join(stem)
    if len(joined) < 5 or not any(ch.isdigit() for ch in joined):
        return None
    return stem


def recalls_first_letter(reference: str, text: str, claim_refs: Iterable[str] = ()) -> bool:
    """R124-4 CPCE, last paragraph: every later step recalls the reference and date of the
    first letter. True when the full reference is cited, or when the file's stem is cited
    as a whole reference (not "AT-3390-02", another letter) with a date close to it. A stem
    that is also a claim's reference ("CP-1180" for letter "CP-1180-R") names the invoice,
    not the letter, and recalls nothing."""
    if cites(reference, text):
        return True
    stem = _file_stem(reference)
    if stem is None or "".join(stem) in {compact(ref) for ref in claim_refs}:
        return False
    folded = fold(text)
    pattern = re.compile(
        r"(?<![0-9a-z])" + r"[\W_]*".join(map(re.escape, stem)) + r"(?![0-9a-z]|[\-/._][0-9a-z])")
    for match in pattern.finditer(folded):
        start = max(0, match.start() - _DATE_REACH)
        if _DATE.search(folded, start, match.end() + _DATE_REACH):
            return True
    return False
