"""Which claims an insolvency freezes, and whether a message is about them.

Collective proceedings stay actions for claims born before the opening judgment
(L622-21 C. com.), while claims born after it are paid when due (L622-17); a
surendettement's recevabilité freezes the debts born before it (L722-2, L722-5 C. conso)
but not current consumption billed afterwards. A claim's birth date (the service or
delivery), not its due date, decides.
"""
from __future__ import annotations

import re

from .context import CaseFacts
from .references import citer
from .text import SENTENCE_BREAK_RE

# A sentence that says pre-opening claims were declared to the proceedings or are not asked
# of the debtor cites them to set them aside, not to claim them ("Notre créance antérieure
# (facture E-2026-097510) a été déclarée le 19/11/2026 ; elle ne vous est pas réclamée").
_SET_ASIDE = re.compile(
    r"ne\s+vous\s+(?:est|sont|sera|seront)\s+pas\s+r[ée]clam|not\s+(?:being\s+)?claimed\s+from\s+you"
    r"|will\s+not\s+be\s+claimed|(?:a|ont)\s+[ée]t[ée]\s+d[ée]clar[ée]|(?:were|was|have\s+been|has\s+been)\s+"
    r"(?:filed|declared|lodged)\b|d[ée]clar[ée]e?s?\s+(?:le\s+(?:\S+\s+){1,3})?(?:au|à|aupr[èe]s)"
    # "nous avons déclaré notre créance antérieure", "we have filed our claim"
    r"|(?:avons|avez|ont)\s+d[ée]clar[ée]\b|(?:we\s+have|we)\s+(?:filed|declared|lodged)\b"
    # "nous ne vous demandons aucun paiement pour la facture ...", "aucune demande de paiement ne
    # vous est adressée"
    r"|ne\s+vous\s+(?:demandons|r[ée]clamons)\s+(?:aucun|pas\s+de|plus\s+de|plus\s+aucun|rien)"
    r"|aucune?\s+(?:demande\s+de\s+)?(?:paiement|r[èe]glement)\s+ne\s+vous\s+(?:est|sera)"
    r"|ne\s+vous\s+(?:est|sont|sera|seront)\s+pas\s+demand"
    # "nous ne vous en demandons pas le paiement", "elles sont traitées dans le cadre de la procédure"
    r"|ne\s+vous\s+en\s+(?:demandons|r[ée]clamons)\s+(?:pas|plus|aucun|rien)"
    # (not "dans le cadre de la procédure de saisie": an enforcement is no setting aside)
    r"|(?:est|sera|sont|seront)\s+trait[ée]e?s?\s+dans\s+le\s+cadre\s+de\s+(?:la\s+proc[ée]dure|ce\s+plan|la\s+mesure)"
    r"(?!\s+(?:de|d['’])\s*(?:saisie|recouvrement|ex[ée]cution|injonction))", re.IGNORECASE)


# A sentence that asks for payment is a demand, whatever else it says: "merci de régler aussi la facture
# SR-1, qui sera traitée dans le cadre de la procédure" claims SR-1 (never milder for a setting-aside
# phrase tacked on)
_DEMAND = re.compile(r"\b(?:(?:merci|veuillez|je\s+vous\s+remercie)\s+(?:de\s+)?(?:bien\s+vouloir\s+)?"
                     r"(?:la\s+|les\s+|le\s+|nous\s+)?(?:r[ée]gler|payer|verser|solder)|r[ée]glez|payez|versez|soldez)\b",
                     re.IGNORECASE)


def _claiming_part(text: str) -> str:
    """The text without the sentences that set pre-opening claims aside (and ask nothing)."""
    bounds = [0, *(m.end() for m in SENTENCE_BREAK_RE.finditer(text)), len(text)]
    return " ".join(sentence for sentence in (text[a:b] for a, b in zip(bounds, bounds[1:]))
                    if not _SET_ASIDE.search(sentence) or _DEMAND.search(sentence))


def about_frozen_claims(facts: CaseFacts, text: str) -> bool | None:
    """None without an insolvency. Otherwise False only when the message can be tied to
    post-opening claims alone: every claim of the case is born on or after the opening,
    or the message cites post-opening claims by reference and pre-opening ones only in
    sentences that set them aside (declared to the proceedings, not asked of the debtor).
    Unknown dates count as frozen, so a missing fact never softens the verdict."""
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
    if not any(cites(c.ref) for c in after):
        return True
    # the pre-opening claims may be named where the message sets them aside
    claiming = citer(_claiming_part(text))
    return any(claiming(c.ref) for c in before)


# The recipient's own surendettement, told in the letter: a guarantor is pursued despite an
# insolvency of the debtor, but not despite their own ("Malgré la recevabilité de votre dossier
# de surendettement, votre engagement de caution reste dû"). A guarantee is a personal debt of
# the guarantor, frozen by their recevabilité like any other (L722-2 C. conso).
_RECIPIENTS_OWN = re.compile(
    r"\b(?:votre|vos)\s+(?:propres?\s+)?(?:dossier|proc[ée]dure|demande|d[ée]p[ôo]t|plan|situation"
    r"|mesures?)\s+(?:de\s+)?(?:traitement\s+(?:de\s+(?:votre\s+|la\s+)?)?)?surendettement"
    r"|\bvous\s+(?:avez|aviez)\s+(?:d[ée]pos[ée]|saisi\s+la\s+commission)\b[^.;!?]{0,40}surendettement"
    r"|\byour\s+(?:own\s+)?(?:over-?indebtedness|debt\s+relief|surendettement)\s+"
    r"(?:file|case|procedure|application|plan)", re.IGNORECASE)


def recipients_own_overindebtedness(text: str) -> bool:
    """Whether the message itself speaks of the recipient's own surendettement file."""
    return bool(_RECIPIENTS_OWN.search(text))


def claims_dated(facts: CaseFacts) -> bool | None:
    """None without an insolvency; otherwise whether the case records what the law compares:
    the opening (or recevabilité) date and the birth date of at least one claim. Without them
    the guard cannot tell a payable post-opening claim from a frozen one by itself."""
    if facts.insolvency is None:
        return None
    return facts.insolvency_opened_on is not None and bool(facts.claims)
