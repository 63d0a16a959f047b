"""Euro amounts written in a matched span, and caps that scale with the case's invoices.

A B2B creditor may claim the 40 EUR recovery indemnity once per late invoice (C. com. D441-5):
"indemnités forfaitaires : 80,00 €" is lawful on two invoices and not on one. The pack names the
cap (``amount_cap``) and the engine reads the case's invoice count from the facts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .context import CaseFacts

# 1 234,56 € / 1.234,56 EUR / 80 euros / € 80 / EUR 1,234.50 / 4,250.00 EUR (English thousands before the
# currency: read as 250.00, a capital line vanished from the statement and its 14 % indemnity with it)
AMOUNT_RE = re.compile(
    r"(?:(?:€|\bEUR)\s?(?P<pre>\d{1,3}(?:[ \u00a0\u202f.,]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?))"
    r"|(?P<post>\d{1,3}(?:[ \u00a0\u202f.,]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s?(?:€|\bEUR\b|\beuros?\b)",
    re.IGNORECASE)


def cents_of(number: str) -> int:
    digits = re.sub(r"[ \u00a0\u202f]", "", number)
    whole, cents = digits, "0"
    m = re.fullmatch(r"(.*?)[.,](\d{1,2})", digits)
    if m:
        whole, cents = m.group(1), m.group(2).ljust(2, "0")
    return int(re.sub(r"[.,]", "", whole) or "0") * 100 + int(cents)


def match_cents(m: re.Match) -> int:
    """The cents of one ``AMOUNT_RE`` match (or of a pattern embedding it), wherever its figure stood."""
    return cents_of(m.group("pre") or m.group("post"))


def largest_cents(text: str) -> int | None:
    """The largest euro amount written in ``text``, in cents (None when there is none)."""
    found = [match_cents(m) for m in AMOUNT_RE.finditer(text)]
    return max(found) if found else None


@dataclass(frozen=True)
class AmountCap:
    cents: int
    per_invoice: bool = False

    def exceeded_by(self, text: str, facts: CaseFacts) -> bool:
        """Whether the span claims more than the cap allows on this case (a span with no
        amount we can read is kept: the rule's wording matched and nothing shows it lawful)."""
        amount = largest_cents(text)
        if amount is None:
            return True
        invoices = max(len(facts.claims), len(facts.invoice_due_dates), 1) if self.per_invoice else 1
        return amount > self.cents * invoices
