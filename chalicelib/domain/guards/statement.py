"""The arithmetic of a statement of account written in a message.

A calm letter can break the law by its numbers alone: "indemnité légale de défaillance :
812,50 €" beside "capital restant dû : 6 250,00 €" is 13 % where C. conso D312-16 allows 8 %,
and "intérêts au taux légal depuis le 03/11/2026 : 48,00 €" on a principal of 300 € a month
later is a rate no legal rate comes near. No wording rule can see that. This module reads the
lines of a statement (a label, a colon, then an amount on the same line) and returns two ratios the
rules compare with the pack's caps; each is None when the message does not give what it needs,
so a message without a statement is never judged by it.

- ``indemnity_pct_of_capital``: a default indemnity ("indemnité ... défaillance / légale /
  contractuelle / de résiliation", "default indemnity") over the outstanding capital plus the
  unpaid instalments it lists (the most generous base D312-16 and D312-17 allow), in %.
- ``interest_annual_pct``: interest over a principal, for the days from the date the interest
  line says it runs from ("depuis le", "à compter du", "since") to the statement's date ("au
  04/12/2026", "situation au ...") or the day judged, as a yearly rate in %. Only periods of at
  least ``MIN_DAYS`` days are read: over a few days, rounding to the cent makes any rate.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable

from .amounts import AMOUNT_RE, cents_of
from .text import fold

MIN_DAYS = 15
_LINE_RE = re.compile(r"[^\n;]+")
_DATE_RE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)\b")
_FROM_RE = re.compile(r"\b(?:depuis|compter\s+du|partir\s+du|courus\s+du|since|from)\s+(?:le\s+|the\s+)?"
                      r"(?:[^\d\n]{0,40}?\s)?(\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d)", re.IGNORECASE)
_AS_OF_RE = re.compile(r"\b(?:au|as\s+(?:of|at)|arr[eê]t[eé]e?\s+au|jusqu['’]au)\s+(\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d)",
                       re.IGNORECASE)

_INDEMNITY = re.compile(r"\bindemnit\w*\b.*\b(?:defaillance|legale|contractuelle|resiliation|exigibilite)\b"
                        r"|\bdefault\s+(?:indemnity|charge|compensation)\b")
_CAPITAL = re.compile(r"\bcapital\b.*\b(?:restant|du|outstanding)\b|\boutstanding\s+(?:capital|principal)\b")
_UNPAID = re.compile(r"\b(?:echeances?|mensualites?)\b.*\b(?:impayees?|echues?|en\s+retard)\b"
                     r"|\b(?:unpaid|missed|overdue)\s+(?:instalments?|installments?|repayments?)\b")
_INTEREST = re.compile(r"\binterets?\b|\binterest\b")
_PRINCIPAL = re.compile(r"\bprincipal\b|\bmontant\s+(?:de\s+la\s+|des\s+)?factures?\b|\bmontant\s+initial\b"
                        r"|\binvoice\s+amount\b|\bamount\s+of\s+the\s+invoice\b")
_NEEDS = ("intér", "inter", "indemn", "default")
_NOT_A_CHARGE = re.compile(r"\b(?:sans|aucun|aucuns|hors|no|without)\b")


def _date(text: str) -> date | None:
    m = _DATE_RE.search(text)
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def items(text: str) -> list[tuple[str, str, int]]:
    """(folded label, label as written, cents) for each amount written after a colon: its label
    is what precedes it on its line, back to the line's start or the amount before ("principal :
    920,00 € ; intérêts depuis le 15/09/2026 : 11,63 €. Montant total : 931,63 €" is three)."""
    out = []
    for line in _LINE_RE.findall(text):
        start = 0
        for m in AMOUNT_RE.finditer(line):
            label = line[start:m.start()]
            start = m.end()
            # only "label : amount", the layout of a statement: in prose the label may as well
            # follow its amount ("6 200,00 € en principal, outre 38,54 € d'intérêts")
            if label.rstrip().endswith(":"):
                out.append((fold(label), label, cents_of(m.group("pre") or m.group("post"))))
    return out


def statement_facts(text: str, on: date) -> dict[str, Any]:
    """The ratios of the message's statement of account (see the module docstring)."""
    out: dict[str, Any] = {"indemnity_pct_of_capital": None, "interest_annual_pct": None}
    # most messages name neither interest nor an indemnity: a few substring tests, then nothing
    lowered = text.lower()
    if not any(word in lowered for word in _NEEDS):
        return out
    lines = items(text)
    if not lines:
        return out
    capital = max((c for label, _, c in lines if _CAPITAL.search(label) and not _INDEMNITY.search(label)),
                  default=0)
    unpaid = max((c for label, _, c in lines if _UNPAID.search(label) and not _INDEMNITY.search(label)
                  and not _INTEREST.search(label)), default=0)
    indemnity = max((c for label, _, c in lines if _INDEMNITY.search(label)), default=0)
    if capital and indemnity:
        out["indemnity_pct_of_capital"] = round(100 * indemnity / (capital + unpaid), 2)

    principal = max((c for label, _, c in lines if _PRINCIPAL.search(label) and not _INTEREST.search(label)),
                    default=0)
    as_of = None
    for m in _AS_OF_RE.finditer(text):
        d = _date(m.group(1))
        if d is not None and d <= on and (as_of is None or d > as_of):  # a statement is not dated ahead
            as_of = d
    rates = []
    for label, written, cents in lines:
        if not _INTEREST.search(label) or _NOT_A_CHARGE.search(label) or not principal:
            continue
        start = _FROM_RE.search(written)
        since = _date(start.group(1)) if start else None
        until = as_of or on
        if since is None or (until - since).days < MIN_DAYS:
            continue
        rates.append(100 * cents / principal * 365 / (until - since).days)
    if rates:
        out["interest_annual_pct"] = round(max(rates), 2)
    return out


def strictest_statement_facts(texts: Iterable[str], on: date) -> dict[str, Any]:
    """The highest of each ratio over several readings of one field (as written, and unmasked:
    "inté-\nrêts" is read whole), so that a disguise can never make a statement pass."""
    out: dict[str, Any] = {"indemnity_pct_of_capital": None, "interest_annual_pct": None}
    for text in texts:
        for key, value in statement_facts(text, on).items():
            if value is not None and (out[key] is None or value > out[key]):
                out[key] = value
    return out
