"""CaseState folding and the business rules of an append."""
from __future__ import annotations

from datetime import date

import pytest

from chalicelib.domain.errors import BusinessRuleViolation, Conflict
from chalicelib.domain.projection import apply, check_event, initial_state

GENESIS = {
    "tenant_id": "t", "case_id": "c", "seq": 0, "hash": "h0", "type": "case.opened",
    "occurred_at": "2026-11-01T09:00:00Z",
    "subjects": [{"subject_id": "s1", "role": "debtor", "public_key": "pk"}],
    "data": {"external_ref": "R1", "jurisdiction": "FR", "collector": {"kind": "agency"}, "debtor": {"kind": "person"},
             "consumer": True, "claim": {"currency": "EUR", "invoices": [
                 {"number": "1", "issued_on": "2026-01-01", "due_on": "2026-02-01", "amount_cents": 10000}]}},
}


def rec(seq, kind, data):
    return {"seq": seq, "hash": f"h{seq}", "type": kind, "occurred_at": "2026-11-02T09:00:00Z", "data": data}


def test_payments_and_overpayment():
    state = initial_state(GENESIS)
    state = apply(state, rec(1, "payment.received", {"amount_cents": 4000, "paid_on": "2026-11-02", "method": "card"}))
    assert (state.outstanding_cents, state.last_interruption_on) == (6000, "2026-11-02")
    state = apply(state, rec(2, "payment.received", {"amount_cents": 7000, "paid_on": "2026-11-03", "method": "card"}))
    assert (state.outstanding_cents, state.overpaid_cents) == (0, 1000)


def test_agreement_total_and_partial():
    state = initial_state(GENESIS)
    with pytest.raises(BusinessRuleViolation):
        check_event(state, "agreement.proposed", {"installments": [{"due_on": "2027-01-01", "amount_cents": 9999}]},
                    date(2026, 11, 2))
    check_event(state, "agreement.proposed", {"installments": [{"due_on": "2027-01-01", "amount_cents": 10000}]},
                date(2026, 11, 2))
    check_event(state, "agreement.proposed", {"partial": True,
                                              "installments": [{"due_on": "2027-01-01", "amount_cents": 10}]},
                date(2026, 11, 2))


def test_closed_case_refuses_everything():
    state = apply(initial_state(GENESIS), rec(1, "case.closed", {"reason": "paid"}))
    with pytest.raises(Conflict):
        check_event(state, "note.added", {"text": "x"}, date(2026, 11, 2))


def test_dispute_lifecycle():
    state = initial_state(GENESIS)
    with pytest.raises(Conflict):
        check_event(state, "dispute.resolved", {"outcome": "x"}, date(2026, 11, 2))
    state = apply(state, rec(1, "dispute.opened", {}))
    assert state.to_dict()["flags"]["open_dispute"]
    state = apply(state, rec(2, "dispute.resolved", {}))
    assert not state.open_dispute


def test_stage_counts_contacts():
    state = initial_state(GENESIS)
    state = apply(state, rec(1, "contact.sent", {"channel": "email"}))
    state = apply(state, rec(2, "formal_notice.sent", {"channel": "letter", "deadline_days": 8}))
    assert state.to_dict()["stage"] == 2 and state.to_dict()["flags"]["formal_notice_sent"]
