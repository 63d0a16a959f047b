"""Amounts as a French reader expects them: ``1 234,56 €`` (narrow no-break space between
thousands, comma before cents, no-break space before the sign). English pages show the same
amount the English way (``€1,234.56``)."""
from __future__ import annotations

NNBSP = "\u202f"  # thousands separator (CLDR fr)
NBSP = "\u00a0"


def format_eur(cents: int, language: str = "fr") -> str:
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(int(cents)), 100)
    if language == "en":
        return f"{sign}€{euros:,}.{rest:02d}"
    grouped = f"{euros:,}".replace(",", NNBSP)
    return f"{sign}{grouped},{rest:02d}{NBSP}€"
