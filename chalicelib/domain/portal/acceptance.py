"""The exact terms a debtor accepts, as text: what the accept page shows and what
agreement.signed's evidence hashes (``terms_sha256`` = SHA-256 of this text in UTF-8).

Changing the wording means a new ``TERMS_VERSION``: an old hash must stay reproducible from
the version it names.
"""
from __future__ import annotations

import hashlib
from typing import Sequence

from .dates import format_date
from .money import format_eur
from .texts import text

TERMS_VERSION = "portal-plan-terms/1"


def terms_text(language: str, external_ref: str, creditor: str, instalments: Sequence[dict]) -> str:
    lines = [text(language, "terms.title"),
             text(language, "terms.reference", reference=external_ref),
             text(language, "terms.creditor", creditor=creditor),
             text(language, "terms.total", amount=format_eur(sum(i["amount_cents"] for i in instalments), language))]
    for number, item in enumerate(instalments, 1):
        lines.append(text(language, "terms.instalment", number=number, due_on=format_date(item["due_on"], language),
                          amount=format_eur(item["amount_cents"], language)))
    lines.append(text(language, "terms.default"))
    return "\n".join(lines) + "\n"


def terms_sha256(terms: str) -> str:
    return hashlib.sha256(terms.encode("utf-8")).hexdigest()


def consent_text(language: str) -> str:
    return text(language, "accept.consent")
