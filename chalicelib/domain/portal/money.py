"""Amounts as a French reader expects them: ``1 234,56 €`` (no-break space between thousands
and before the sign, so an amount never breaks across lines; comma before cents). English pages
show the same amount the English way (``€1,234.56``).

U+00A0 rather than CLDR's narrow U+202F: browsers' and test tools' text extraction turn U+00A0
into a plain space, so the page reads ``1 234,56 €`` to a person, a screen reader and a script."""
from __future__ import annotations

NBSP = "\u00a0"


def format_eur(cents: int, language: str = "fr") -> str:
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(int(cents)), 100)
    if language == "en":
        return f"{sign}€{euros:,}.{rest:02d}"
    grouped = f"{euros:,}".replace(",", NBSP)
    return f"{sign}{grouped},{rest:02d}{NBSP}€"
