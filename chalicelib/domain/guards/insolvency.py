"""Which claims an insolvency freezes, and whether a message is about them.

Collective proceedings stay actions for claims born before the opening judgment
(L622-21 C. com.), while claims born after it are paid when due (L622-17); a
surendettement's recevabilité freezes the debts born before it (L722-2, L722-5 C. conso)
but not current consumption billed afterwards. A claim's birth date (the service or
delivery), not its due date, decides.
"""
from __future__ import annotations

from .context import CaseFacts
from .references import citer


def about_frozen_claims(facts: CaseFacts, text: str) -> bool | None:
    """None without an insolvency. Otherwise False only when the message can be tied to
    post-opening claims alone: every claim of the case is born on or after the opening,
    or the message cites only post-opening claims by reference. Unknown dates count as
    frozen, so a missing fact never softens the verdict."""
    if facts.insolvency is None:
        return None
    opened = facts.insolvency_opened_on
    if opened is None or not facts.claims:
        return True
    before = [c for c in facts.claims if c.born_on < opened]
    after = [c for c in facts.claims if c.born_on >= opened]
    if not before:
        return False
    if not after:
        return True
    cites = citer(text)
    return not (any(cites(c.ref) for c in after) and not any(cites(c.ref) for c in before))


def claims_dated(facts: CaseFacts) -> bool | None:
    """None without an insolvency; otherwise whether the case records what the law compares:
    the opening (or recevabilité) date and the birth date of at least one claim. Without them
    the guard cannot tell a payable post-opening claim from a frozen one by itself."""
    if facts.insolvency is None:
        return None
    return facts.insolvency_opened_on is not None and bool(facts.claims)
