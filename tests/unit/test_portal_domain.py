"""The portal's pure parts: money and dates the French way, monthly schedules and the
auto-approval policy, document types by content, the accepted terms' text and hash, and the
guards' verdict on every text the portal shows."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from chalicelib.domain.guards.context import CaseFacts, Communication
from chalicelib.domain.guards.engine import judge
from chalicelib.domain.portal import acceptance
from chalicelib.domain.portal.dates import format_date
from chalicelib.domain.portal.documents import sniff_media_type
from chalicelib.domain.portal.money import format_eur
from chalicelib.domain.portal.plan_policy import (DEFAULT_AUTO_APPROVAL, AutoApproval, add_months, monthly_schedule,
                                                  within_policy)
from chalicelib.domain.portal.texts import LANGUAGES, catalogue
from chalicelib.services.guarding import pack_of


@pytest.mark.parametrize("cents, fr, en", [
    (123456, "1\u00a0234,56\u00a0€", "€1,234.56"), (5, "0,05\u00a0€", "€0.05"), (100000000, "1\u00a0000\u00a0000,00\u00a0€",
                                                                               "€1,000,000.00"),
    (-2500, "-25,00\u00a0€", "-€25.00")])
def test_amounts(cents, fr, en):
    assert format_eur(cents) == fr and format_eur(cents, "en") == en


def test_dates():
    assert format_date("2027-01-05") == "05/01/2027" and format_date("2027-01-05", "en") == "5 Jan 2027"


def test_monthly_schedule_adds_up_and_clamps_month_ends():
    schedule = monthly_schedule(100001, 3, date(2027, 1, 31))
    assert [i["amount_cents"] for i in schedule] == [33335, 33333, 33333]
    assert [i["due_on"] for i in schedule] == ["2027-01-31", "2027-02-28", "2027-03-31"]
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


def test_auto_approval_defaults_and_limits():
    today = date(2027, 1, 1)
    assert DEFAULT_AUTO_APPROVAL.to_dict() == {"max_instalments": 6, "min_instalment_cents": 3000,
                                               "first_due_within_days": 30}
    ok = monthly_schedule(60000, 6, date(2027, 1, 31))
    assert within_policy(DEFAULT_AUTO_APPROVAL, ok, date(2027, 1, 31), today) == []
    assert within_policy(DEFAULT_AUTO_APPROVAL, monthly_schedule(60000, 7, date(2027, 1, 10)), date(2027, 1, 10),
                         today) == ["max_instalments"]
    assert within_policy(DEFAULT_AUTO_APPROVAL, monthly_schedule(5000, 2, date(2027, 1, 10)), date(2027, 1, 10),
                         today) == ["min_instalment_cents"]
    assert within_policy(DEFAULT_AUTO_APPROVAL, ok, date(2027, 2, 1), today) == ["first_due_within_days"]
    with pytest.raises(ValueError, match="max_instalments"):
        AutoApproval.from_dict({"max_instalments": 0})
    with pytest.raises(ValueError, match="unknown"):
        AutoApproval.from_dict({"max": 3})


@pytest.mark.parametrize("content, media_type", [
    (b"%PDF-1.7\n...", "application/pdf"), (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"), (b"GIF89a", None), (b"<svg/>", None), (b"", None),
    (b" %PDF-1.7", None)])
def test_document_types_are_read_from_the_content(content, media_type):
    assert sniff_media_type(content) == media_type


def test_terms_text_is_stable_and_hashed():
    schedule = [{"due_on": "2027-01-05", "amount_cents": 25000}, {"due_on": "2027-02-05", "amount_cents": 25000}]
    terms = acceptance.terms_text("fr", "INV-1", "Énergie Durand SA", schedule)
    assert terms.splitlines()[4] == "Mensualité 1 : 250,00\u00a0€ au plus tard le 05/01/2027"
    assert acceptance.terms_sha256(terms) == acceptance.terms_sha256(
        acceptance.terms_text("fr", "INV-1", "Énergie Durand SA", schedule))
    assert acceptance.terms_text("en", "INV-1", "X", schedule) != terms


def test_both_languages_have_the_same_texts():
    data = catalogue()
    assert set(data) == set(LANGUAGES) and set(data["fr"]) == set(data["en"])


# Texts shown only while no dispute is open (pay, plan, contest forms): the guards refuse a
# payment demand on a disputed claim, and the portal does not show these pages then.
ASKS_FOR_MONEY = {"summary.pay_intro", "action.pay_outstanding", "action.pay_instalment", "contest.reason.already_paid",
                  "plan.intro", "accept.consent", "terms.default"}


@pytest.mark.parametrize("open_dispute", [False, True])
def test_the_guards_let_every_portal_text_through(open_dispute):
    facts = CaseFacts(jurisdiction="FR", consumer=True, debtor_kind="person", collector_kind="agency",
                      open_dispute=open_dispute)
    refused = []
    for language in LANGUAGES:
        for key, value in catalogue()[language].items():
            if open_dispute and key in ASKS_FOR_MONEY:
                continue
            comm = Communication(kind="contact.sent", channel="email", recipient_role="debtor", text=value,
                                 subject=None, sent_at=datetime(2026, 12, 2, 10, tzinfo=timezone.utc))
            judgement = judge(comm, facts, (), pack_of("FR")).to_dict()
            if any(f["severity"] == "block" and f["spans"] for f in judgement["findings"]):
                refused.append((language, key))
    assert refused == []
