"""What the write path refuses before the guards judge a communication, in one place, so that
`POST .../communications/check` (and the contact window) give the same answer as the append.

The append raises these refusals (409/422); the check turns them into a blocking finding. The
pack's rules ``FR-CASE-CLOSED`` and ``EU-GDPR-ERASED-SUBJECT`` already block the known ones
with their basis; ``LEDGER-WRITE-REFUSED`` names any refusal no pack rule explains, so a refusal
added to the write path later can never leave the check answering ``allow``.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from .errors import BusinessRuleViolation, Conflict, FieldError, LedgerError
from .projection import CaseState, check_event

WRITE_REFUSED_RULE = "LEDGER-WRITE-REFUSED"
# The pack rule that explains each refusal code (a finding with it is already a block).
EXPLAINED_BY = {"case_closed": "FR-CASE-CLOSED", "subject_erased": "EU-GDPR-ERASED-SUBJECT"}
_BASIS = {"code": "ledger", "status": "policy", "source": "the ledger's write path (services/cases.py)"}


def erased_subject_refusal() -> Conflict:
    return Conflict("subject_erased", "the debtor's data was erased: no personal data may be added",
                    [FieldError("/data", "holds personal data of an erased subject")])


def refuse_erased_debtor(state: CaseState, carries_debtor_data: bool) -> None:
    """An erased debtor gets no new personal data (a communication's text is sealed to them)."""
    if carries_debtor_data and state.debtor_subject_id in state.erased_subjects:
        raise erased_subject_refusal()


def communication_refusal(state: CaseState, kind: str, data: Mapping[str, Any], occurred_on: date) -> LedgerError | None:
    """The refusal the append would answer for this communication before judging it, or None.
    A communication always carries the debtor's free text (its ``text``)."""
    try:
        check_event(state, kind, data, occurred_on)
        refuse_erased_debtor(state, carries_debtor_data=True)
    except (Conflict, BusinessRuleViolation) as refusal:
        return refusal
    return None


def agree_with_write_path(judgement: dict, refusal: LedgerError | None) -> dict:
    """The judgement, made a block if the write path would refuse and no finding says so yet."""
    if refusal is None:
        return judgement
    explained = EXPLAINED_BY.get(refusal.code)
    if any(f["rule_id"] == explained and f["severity"] == "block" for f in judgement["findings"]):
        return judgement
    finding = {
        "rule_id": WRITE_REFUSED_RULE,
        "severity": "block",
        "legal_basis": {**_BASIS, "article": refusal.code},
        "explanation": {
            "fr": f"Le registre refuserait d'enregistrer cette communication ({refusal.code}) : {refusal.message}.",
            "en": f"The ledger would refuse to record this communication ({refusal.code}): {refusal.message}.",
        },
        "spans": [],
    }
    return {**judgement, "verdict": "block", "findings": [finding, *judgement["findings"]]}
