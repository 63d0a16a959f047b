"""Event schemas: strict types, JSON Pointer errors, personal-field split."""
from __future__ import annotations

import pytest

from chalicelib.domain import events as ev
from chalicelib.domain.errors import ValidationFailed


def errors_of(kind, data):
    with pytest.raises(ValidationFailed) as info:
        ev.validate(ev.event_type(kind).validator, data, prefix="/data")
    return {d.pointer: d.message for d in info.value.details}


def test_every_type_has_a_schema():
    assert set(ev.catalogue()) == {
        "case.opened", "contact.sent", "contact.received", "dispute.opened", "dispute.resolved", "promise.made",
        "agreement.proposed", "agreement.signed", "payment.received", "formal_notice.sent", "title.obtained",
        "insolvency.flagged", "insolvency.lifted", "case.closed", "note.added", "mandate.recorded",
        "preferences.updated", "vulnerability.flagged", "vulnerability.cleared", "guard.blocked",
        "gdpr.request.received", "gdpr.request.extended", "gdpr.erasure.assessed", "gdpr.erasure.decided",
        "gdpr.request.fulfilled", "subject.restricted", "subject.restriction_lifted", "data.rectified",
        "subject.erased", "legal_hold.placed", "legal_hold.lifted", "portal.link.issued", "portal.link.revoked"}


def test_floats_are_not_integers_even_when_whole():
    assert "/data/amount_cents" in errors_of("promise.made", {"amount_cents": 10.0, "due_on": "2026-01-01"})


def test_impossible_dates():
    assert "/data/due_on" in errors_of("promise.made", {"amount_cents": 10, "due_on": "2026-02-29"})
    ev.validate(ev.event_type("promise.made").validator, {"amount_cents": 10, "due_on": "2028-02-29"})


def test_errors_never_echo_values():
    errs = errors_of("contact.sent", {"channel": "secret@example.org", "recipient": {"role": "debtor"}, "text": "x"})
    assert "secret@example.org" not in str(errs)


def test_split_and_merge_personal_fields():
    kind = ev.event_type("contact.sent")
    data = {"channel": "sms", "recipient": {"role": "third_party", "name": "Ana", "phone": "0612345678"},
            "subject": "Objet", "text": "Bonjour"}
    clear, personal = ev.split_personal(kind, data)
    assert clear == {"channel": "sms", "recipient": {"role": "third_party"}}
    assert personal == {"recipient": {"/recipient/name": "Ana", "/recipient/phone": "0612345678"},
                        "debtor": {"/subject": "Objet", "/text": "Bonjour"}}
    merged = ev.merge_personal(clear, {**personal["recipient"], **personal["debtor"]})
    assert merged == data


def test_instants_have_one_spelling():
    assert ev.format_instant(ev.parse_instant("2026-11-23T11:00:00+01:00")) == "2026-11-23T10:00:00Z"
    assert ev.format_instant(ev.parse_instant("2026-11-23T10:00:00.123456789Z")) == "2026-11-23T10:00:00.123456Z"


def test_implausible_years_are_refused():
    kind = ev.event_type("promise.made")
    assert "/data/due_on" in errors_of("promise.made", {"amount_cents": 10, "due_on": "0193-03-02"})
    with pytest.raises(ValidationFailed):
        ev.validate(ev.api_validator("event_request"),
                    {"type": "note.added", "occurred_at": "0001-01-01T00:00:00+00:01", "data": {}})
    assert kind
