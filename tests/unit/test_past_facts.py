"""Past-fact dates: declared in the schemas (x-past-fact), checked by one function."""
from datetime import datetime, timezone

import pytest

from chalicelib.domain import events as ev
from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.past_facts import check_past_facts, past_fact_pointers

AT = datetime(2026, 12, 1, 23, 30, tzinfo=timezone.utc)  # already 2 December in Paris


def _check(kind, data, at=AT, tz="Europe/Paris"):
    check_past_facts(ev.event_type(kind).schema, data, at, tz, prefix="/data")


def test_the_dates_that_state_past_facts_are_declared_and_due_dates_are_not():
    declared = {
        name: sorted(p for p, _ in past_fact_pointers(t.schema, _example(t.schema)))
        for name, t in ev.catalogue().items()
    }
    assert declared["payment.received"] == ["/paid_on"]
    assert declared["mandate.recorded"] == ["/signed_on"]
    assert declared["title.obtained"] == ["/decided_on", "/obtained_on"]  # decided_on: issue 11, by data only
    assert declared["insolvency.flagged"] == ["/opened_on"]
    assert declared["insolvency.lifted"] == ["/lifted_on"]
    assert declared["case.opened"] == ["/claim/invoices/0/issued_on"]
    assert declared["promise.made"] == [] and declared["agreement.signed"] == []


def _example(schema):
    """Every property present (one item per array), to see which ones are annotated."""
    if schema.get("type") == "array" or "items" in schema:
        return [_example(schema.get("items", {}))]
    if "properties" in schema:
        return {k: _example(v) for k, v in schema["properties"].items()}
    return "2000-01-01"


def test_a_payment_after_the_event_date_is_refused_naming_the_field():
    with pytest.raises(ValidationFailed) as caught:
        _check("payment.received", {"amount_cents": 100, "paid_on": "2031-05-01", "method": "card"})
    assert [d.pointer for d in caught.value.details] == ["/data/paid_on"]
    assert "2026-12-02" in caught.value.details[0].message


def test_the_event_date_is_taken_in_the_case_time_zone():
    # 23:30 UTC on 1 December is 2 December in Paris but still 1 December in New York.
    _check("payment.received", {"amount_cents": 100, "paid_on": "2026-12-02", "method": "card"})
    with pytest.raises(ValidationFailed):
        _check("payment.received", {"amount_cents": 100, "paid_on": "2026-12-02", "method": "card"},
               tz="America/New_York")


@pytest.mark.parametrize("kind,data,pointer", [
    ("mandate.recorded", {"creditor_kind": "energy", "creditor_name": "X", "signed_on": "2027-01-01"}, "/data/signed_on"),
    ("title.obtained", {"kind": "judgment", "reference": "R", "obtained_on": "2027-01-01"}, "/data/obtained_on"),
    ("insolvency.flagged", {"kind": "overindebtedness", "reference": "R", "opened_on": "2027-01-01"}, "/data/opened_on"),
])
def test_every_declared_past_fact_is_checked(kind, data, pointer):
    with pytest.raises(ValidationFailed) as caught:
        _check(kind, data)
    assert caught.value.details[0].pointer == pointer


def test_due_dates_may_be_in_the_future():
    _check("promise.made", {"amount_cents": 100, "due_on": "2031-05-01"})
    _check("agreement.signed", {"installments": [{"due_on": "2031-05-01", "amount_cents": 100}]})
