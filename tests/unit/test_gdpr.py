"""Tests for chalicelib.domain.gdpr (pure DPO workflow helpers) and the access page's template."""

import json
import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from markupsafe import escape

from chalicelib.domain import gdpr
from chalicelib.domain.gdpr import (
    KINDS,
    Assessment,
    CaseSnapshot,
    access_document,
    assess_erasure,
    due_by,
    extended_due_by,
    retention_due,
)
from chalicelib.domain.gdpr.texts import section
from chalicelib.rendering import render_access_html

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2026, 11, 23)
XSS = "<script>alert(1)</script>"


def closed(case_id="c1", on=date(2020, 3, 15), reason="paid", outstanding=0, **kw):
    return CaseSnapshot(case_id, "closed", outstanding, on, reason, **kw)


def opened(case_id="c1", outstanding=10_000, **kw):
    return CaseSnapshot(case_id, "open", outstanding, None, None, **kw)


def articles(assessment):
    return [b["article"] for b in assessment.basis]


# --- deadlines ------------------------------------------------------------------------------------

def test_kinds():
    assert KINDS == ("access", "portability", "rectification", "erasure", "restriction", "objection")
    assert set(section("kind_labels")) == set(KINDS)
    for label in section("kind_labels").values():
        assert label["fr"] and label["en"]


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (datetime(2025, 3, 2, 10, 30), datetime(2025, 4, 2, 10, 30)),
        (datetime(2025, 1, 31, 9, 0), datetime(2025, 2, 28, 9, 0)),     # non-leap
        (datetime(2024, 1, 31, 9, 0), datetime(2024, 2, 29, 9, 0)),     # leap
        (datetime(2024, 1, 30, 9, 0), datetime(2024, 2, 29, 9, 0)),
        (datetime(2024, 2, 29, 9, 0), datetime(2024, 3, 29, 9, 0)),     # from 29 Feb (leap)
        (datetime(2025, 2, 28, 9, 0), datetime(2025, 3, 28, 9, 0)),     # non-leap end of Feb
        (datetime(2025, 3, 31, 23, 59, 59), datetime(2025, 4, 30, 23, 59, 59)),
        (datetime(2025, 5, 31), datetime(2025, 6, 30)),
        (datetime(2025, 12, 31, 8, 0), datetime(2026, 1, 31, 8, 0)),    # year rollover
        (datetime(2025, 12, 15), datetime(2026, 1, 15)),
    ],
)
def test_due_by_calendar_month(received, expected):
    assert due_by(received) == expected


def test_due_by_keeps_timezone():
    utc = datetime(2025, 1, 31, 22, 15, tzinfo=timezone.utc)
    assert due_by(utc) == datetime(2025, 2, 28, 22, 15, tzinfo=timezone.utc)
    assert due_by(utc).tzinfo is timezone.utc

    paris = datetime(2025, 3, 10, 12, 0, tzinfo=PARIS)               # CET -> CEST in between
    result = due_by(paris)
    assert result.tzinfo is PARIS
    assert (result.year, result.month, result.day, result.hour) == (2025, 4, 10, 12)
    assert result.utcoffset() == timedelta(hours=2)

    plus5 = timezone(timedelta(hours=5, minutes=30))
    assert due_by(datetime(2024, 1, 31, tzinfo=plus5)).tzinfo is plus5

    naive = datetime(2025, 3, 31)
    assert due_by(naive).tzinfo is None


def test_due_by_rejects_dates():
    with pytest.raises(TypeError):
        due_by(date(2025, 1, 31))


@pytest.mark.parametrize(
    ("received", "months", "expected"),
    [
        (datetime(2025, 3, 2), 1, datetime(2025, 5, 2)),
        (datetime(2025, 3, 2), 2, datetime(2025, 6, 2)),
        (datetime(2025, 1, 31), 1, datetime(2025, 3, 31)),   # not chained through 28 Feb
        (datetime(2025, 1, 31), 2, datetime(2025, 4, 30)),
        (datetime(2023, 12, 31), 1, datetime(2024, 2, 29)),
        (datetime(2025, 11, 30), 2, datetime(2026, 2, 28)),
    ],
)
def test_extended_due_by(received, months, expected):
    assert extended_due_by(received, months) == expected


def test_extended_due_by_keeps_timezone():
    received = datetime(2025, 1, 31, 17, 0, tzinfo=PARIS)
    result = extended_due_by(received, 2)
    assert result.tzinfo is PARIS and (result.month, result.day, result.hour) == (4, 30, 17)
    assert result > due_by(received)


@pytest.mark.parametrize("months", [0, 3, -1, 12, True, 1.0, "1", None])
def test_extended_due_by_limits(months):
    with pytest.raises(ValueError):
        extended_due_by(datetime(2025, 3, 2), months)


# --- erasure assessment ---------------------------------------------------------------------------

def test_no_cases_means_erase():
    a = assess_erasure([], TODAY)
    assert a.proposal == "erase" and a.defer_until is None and a.reasons == []
    assert articles(a) == ["GDPR art. 17(1)(a)"]


def test_all_retention_over_means_erase():
    cases = [closed("c1", date(2018, 1, 10)), closed("c2", date(2021, 11, 22))]
    a = assess_erasure(cases, TODAY)
    assert a.proposal == "erase"
    assert [r["case_id"] for r in a.reasons] == ["c1", "c2"]
    assert "2026-11-22" in a.reasons[1]["reason_en"] and "22/11/2026" in a.reasons[1]["reason_fr"]


def test_retention_boundary_day():
    # Closure + 5 years falling on today: the period is over ("in the future" -> defer only after).
    assert assess_erasure([closed(on=date(2021, 11, 23))], TODAY).proposal == "erase"
    a = assess_erasure([closed(on=date(2021, 11, 24))], TODAY)
    assert a.proposal == "defer" and a.defer_until == date(2026, 11, 24)


def test_defer_until_latest_closure_plus_retention():
    cases = [closed("c1", date(2019, 5, 1)), closed("c2", date(2023, 6, 30), "settled")]
    a = assess_erasure(cases, TODAY)
    assert a.proposal == "defer"
    assert a.defer_until == date(2028, 6, 30)
    assert articles(a) == ["GDPR art. 17(3)(e)", "GDPR art. 12(4)"]
    assert a.basis[0]["until"] == "2028-06-30"
    assert "30/06/2028" in a.basis[0]["text_fr"] and "2224" in a.basis[0]["text_fr"]
    assert "CNIL" in a.basis[1]["text_fr"] and "CNIL" in a.basis[1]["text_en"]
    by_case = {r["case_id"]: r for r in a.reasons}
    assert "settled" in by_case["c2"]["reason_en"]
    assert "30/06/2028" in by_case["c2"]["reason_fr"]


def test_defer_leap_day_closure_clamped():
    a = assess_erasure([closed(on=date(2024, 2, 29))], TODAY)
    assert a.defer_until == date(2029, 2, 28)


def test_custom_retention_years():
    a = assess_erasure([closed(on=date(2024, 1, 1))], TODAY, retention_years=2)
    assert a.proposal == "erase"
    a = assess_erasure([closed(on=date(2024, 1, 1))], TODAY, retention_years=3)
    assert a.proposal == "defer" and a.defer_until == date(2027, 1, 1)


def test_defer_with_accounting_retention():
    a = assess_erasure([closed(on=date(2023, 6, 30))], TODAY, accounting_retention_years=10)
    assert a.proposal == "defer"
    assert a.defer_until == date(2033, 6, 30)     # every period must be over before full erasure
    assert articles(a) == ["GDPR art. 17(3)(e)", "GDPR art. 17(3)(b)", "GDPR art. 12(4)"]
    assert a.basis[0]["until"] == "2028-06-30" and a.basis[1]["until"] == "2033-06-30"
    assert "L123-22" in a.basis[1]["text_fr"] and "L123-22" in a.basis[1]["text_en"]
    assert "L123-22" in a.reasons[0]["reason_fr"]


def test_only_accounting_period_left():
    a = assess_erasure([closed(on=date(2019, 1, 15))], TODAY, accounting_retention_years=10)
    assert a.proposal == "defer" and a.defer_until == date(2029, 1, 15)
    assert articles(a) == ["GDPR art. 17(3)(b)", "GDPR art. 12(4)"]


def test_accounting_period_over_too():
    a = assess_erasure([closed(on=date(2015, 1, 15))], TODAY, accounting_retention_years=10)
    assert a.proposal == "erase"


def test_open_case_with_outstanding_refused():
    a = assess_erasure([opened(outstanding=123_456)], TODAY)
    assert a.proposal == "refuse" and a.defer_until is None
    assert articles(a) == ["GDPR art. 17(3)(e)", "GDPR art. 12(4)"]
    assert "1\u202f234,56\u00a0€" in a.reasons[0]["reason_fr"]
    assert "€1,234.56" in a.reasons[0]["reason_en"]
    assert "17.3.e" in a.reasons[0]["reason_fr"] and "17(3)(e)" in a.reasons[0]["reason_en"]


def test_open_dispute_refused_even_when_closed():
    a = assess_erasure([closed(on=date(2015, 1, 1), open_dispute=True)], TODAY)
    assert a.proposal == "refuse"
    assert "contestation" in a.reasons[0]["reason_fr"] and "dispute" in a.reasons[0]["reason_en"]


def test_enforceable_title_refused():
    a = assess_erasure([opened(outstanding=0, has_enforceable_title=True)], TODAY)
    assert a.proposal == "refuse"
    assert "titre exécutoire" in a.reasons[0]["reason_fr"]
    a = assess_erasure([closed(on=date(2015, 1, 1), reason="uncollectable", outstanding=5_000,
                               has_enforceable_title=True)], TODAY)
    assert a.proposal == "refuse"
    # A title on a case closed as paid no longer supports a claim: ordinary retention applies.
    a = assess_erasure([closed(on=date(2015, 1, 1), has_enforceable_title=True)], TODAY)
    assert a.proposal == "erase"


def test_legal_hold_refused_and_documented():
    a = assess_erasure([closed(on=date(2010, 1, 1), legal_hold=True)], TODAY)
    assert a.proposal == "refuse"
    assert articles(a)[0] == "GDPR art. 17(3)(e)"
    assert "legal hold" in a.reasons[0]["reason_en"] and "gel juridique" in a.reasons[0]["reason_fr"]


def test_refuse_takes_precedence_over_defer_and_erase():
    cases = [
        closed("a-old", date(2010, 1, 1)),                 # would be erased
        closed("b-recent", date(2024, 1, 1)),              # would be deferred
        opened("c-live", outstanding=1),                   # live claim
    ]
    a = assess_erasure(cases, TODAY)
    assert a.proposal == "refuse" and a.defer_until is None
    assert [r["case_id"] for r in a.reasons] == ["a-old", "b-recent", "c-live"]   # every case explained
    for r in a.reasons:
        assert r["reason_fr"].startswith(f"Dossier {r['case_id']}")
        assert r["reason_en"].startswith(f"Case {r['case_id']}")


def test_legal_hold_reason_listed_with_other_grounds():
    a = assess_erasure([opened(outstanding=500, legal_hold=True, open_dispute=True)], TODAY,
                       accounting_retention_years=10)
    assert a.proposal == "refuse"
    reason = a.reasons[0]["reason_en"]
    assert reason.index("legal hold") < reason.index("outstanding") < reason.index("dispute")
    assert articles(a) == ["GDPR art. 17(3)(e)", "GDPR art. 17(3)(b)", "GDPR art. 12(4)"]


def test_defer_takes_precedence_over_erase():
    a = assess_erasure([closed("c1", date(2010, 1, 1)), closed("c2", date(2025, 1, 1))], TODAY)
    assert a.proposal == "defer" and a.defer_until == date(2030, 1, 1)


def test_open_case_without_outstanding_is_deferred_without_date():
    a = assess_erasure([opened(outstanding=0), closed("c2", date(2025, 1, 1))], TODAY,
                       accounting_retention_years=10)
    assert a.proposal == "defer" and a.defer_until is None
    assert "closed first" in a.reasons[0]["reason_en"]
    assert articles(a) == ["GDPR art. 17(3)(e)", "GDPR art. 17(3)(b)", "GDPR art. 12(4)"]


def test_closed_without_date_needs_review():
    a = assess_erasure([closed(on=None)], TODAY)
    assert a.proposal == "defer" and a.defer_until is None
    assert "manual review" in a.reasons[0]["reason_en"] and "examen manuel" in a.reasons[0]["reason_fr"]


def test_every_basis_and_reason_is_bilingual():
    scenarios = [
        [], [closed(on=date(2024, 1, 1))], [opened()], [closed(on=None)],
        [closed(on=date(2010, 1, 1), legal_hold=True)],
    ]
    for cases in scenarios:
        for acc in (None, 10):
            a = assess_erasure(cases, TODAY, accounting_retention_years=acc)
            assert a.proposal in gdpr.PROPOSALS
            for b in a.basis:
                assert b["article"].startswith("GDPR art.")
                assert b["text_fr"] and b["text_en"] and "{" not in b["text_fr"] + b["text_en"]
            for r in a.reasons:
                assert set(r) == {"case_id", "reason_fr", "reason_en"}


def test_assessment_to_dict_is_json_and_detached():
    a = assess_erasure([closed(on=date(2024, 1, 1))], TODAY, accounting_retention_years=10)
    d = a.to_dict()
    assert d["proposal"] == "defer" and d["defer_until"] == "2034-01-01"
    json.dumps(d)
    d["basis"][0]["article"] = "tampered"
    assert a.basis[0]["article"] == "GDPR art. 17(3)(e)"
    assert Assessment("erase", None, [], []).to_dict() == {"proposal": "erase", "basis": [], "reasons": []}


def test_assessment_to_dict_fits_the_event_schema():
    from chalicelib.domain.events import catalogue, validate

    event = catalogue().get("gdpr.erasure.assessed")
    if event is None:
        pytest.skip("gdpr.erasure.assessed schema not present")
    for cases in ([], [opened()], [closed(on=date(2024, 1, 1))], [closed(on=None)]):
        validate(event.validator, assess_erasure(cases, TODAY, accounting_retention_years=10).to_dict())


def test_assess_erasure_argument_checks():
    with pytest.raises(TypeError):
        assess_erasure([], datetime(2026, 1, 1))
    with pytest.raises(ValueError):
        assess_erasure([], TODAY, retention_years=-1)
    with pytest.raises(ValueError):
        assess_erasure([], TODAY, accounting_retention_years=True)
    with pytest.raises(ValueError):
        CaseSnapshot("c1", "archived", 0, None, None)
    with pytest.raises(ValueError):
        CaseSnapshot("c1", "open", 1.5, None, None)


def test_case_order_does_not_matter():
    cases = [closed("z", date(2024, 1, 1)), opened("a", outstanding=0), closed("m", date(2010, 1, 1))]
    assert assess_erasure(cases, TODAY) == assess_erasure(list(reversed(cases)), TODAY)


# --- retention_due --------------------------------------------------------------------------------

def test_retention_due():
    assert retention_due([closed(on=date(2021, 11, 22))], TODAY) is True
    assert retention_due([closed(on=date(2021, 11, 23))], TODAY) is True
    assert retention_due([closed(on=date(2021, 11, 24))], TODAY) is False
    assert retention_due([closed("a", date(2010, 1, 1)), closed("b", date(2023, 1, 1))], TODAY) is False
    assert retention_due([closed("a", date(2010, 1, 1)), opened("b", outstanding=0)], TODAY) is False
    assert retention_due([closed(on=date(2023, 1, 1))], TODAY, retention_years=3) is True


def test_retention_due_conservative_cases():
    assert retention_due([], TODAY) is False
    assert retention_due([closed(on=None)], TODAY) is False
    assert retention_due([closed(on=date(2010, 1, 1), legal_hold=True)], TODAY) is False
    assert retention_due([closed(on=date(2010, 1, 1), open_dispute=True)], TODAY) is False


# --- access document ------------------------------------------------------------------------------

GEN = datetime(2026, 11, 23, 11, 0, tzinfo=timezone.utc)
SUBJECT = {"subject_id": "subj-1", "role": "debtor",
           "identifiers": {"name": "Jean Martin", "email": "jean@example.org"}}
CONTROLLER = {"name": "Société Y", "address": "1 rue X, 75001 Paris", "dpo": "dpo@y.example"}


def item(case_id, seq, data=None, kind="message.sent"):
    return {"case_id": case_id, "seq": seq, "hash": f"h-{case_id}-{seq:04d}", "type": kind,
            "occurred_at": f"2026-01-{seq + 1:02d}T10:00:00Z", "data": data or {"n": seq}}


def items_shuffled():
    return [item("case-b", 2), item("case-a", 10), item("case-b", 0), item("case-a", 2),
            item("case-a", 1), item("case-b", 1)]


def test_access_document_structure():
    doc = access_document(SUBJECT, items_shuffled(), GEN, CONTROLLER)
    assert doc["format"] == "amiable-ledger.gdpr-access/1"
    assert doc["generated_at"] == "2026-11-23T11:00:00+00:00"
    assert doc["subject"] == SUBJECT
    assert doc["controller"] == CONTROLLER
    for key in ("purposes", "legal_bases", "recipients", "rights"):
        assert doc[key], key
        for entry in doc[key]:
            assert entry["text_fr"] and entry["text_en"]
    for key in ("retention", "source"):
        assert doc[key]["text_fr"] and doc[key]["text_en"]
    assert doc["source"]["article"] == "GDPR art. 14(2)(f)"
    assert [b["article"] for b in doc["legal_bases"]] == ["GDPR art. 6(1)(b)", "GDPR art. 6(1)(f)"]
    rights = {r["right"] for r in doc["rights"]}
    assert {"rectification", "erasure", "restriction", "objection", "complaint"} <= rights
    complaint = next(r for r in doc["rights"] if r["right"] == "complaint")
    assert "CNIL" in complaint["text_fr"] and "CNIL" in complaint["text_en"]
    assert "L123-22" in doc["retention"]["text_fr"] and "2224" in doc["retention"]["text_en"]
    json.dumps(doc)


def test_access_document_groups_and_orders_events():
    doc = access_document(SUBJECT, items_shuffled(), GEN)
    assert [c["case_id"] for c in doc["cases"]] == ["case-a", "case-b"]
    assert [e["seq"] for e in doc["cases"][0]["events"]] == [1, 2, 10]       # numeric, not lexical
    assert [e["seq"] for e in doc["cases"][1]["events"]] == [0, 1, 2]
    event = doc["cases"][0]["events"][0]
    assert set(event) == {"seq", "hash", "type", "occurred_at", "data"}
    assert event == {"seq": 1, "hash": "h-case-a-0001", "type": "message.sent",
                     "occurred_at": "2026-01-02T10:00:00Z", "data": {"n": 1}}
    assert doc["controller"] is None


def test_access_document_is_detached_and_serialises_dates():
    data = {"nested": {"when": date(2026, 1, 2)}, "list": [datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)]}
    source = [{"case_id": "c", "seq": 0, "hash": "h0", "type": "t",
               "occurred_at": datetime(2026, 1, 2, tzinfo=timezone.utc), "data": data}]
    doc = access_document(SUBJECT, source, GEN)
    event = doc["cases"][0]["events"][0]
    assert event["occurred_at"] == "2026-01-02T00:00:00+00:00"
    assert event["data"] == {"nested": {"when": "2026-01-02"}, "list": ["2026-01-02T03:04:00+00:00"]}
    event["data"]["nested"]["when"] = "x"
    assert data["nested"]["when"] == date(2026, 1, 2)
    doc["purposes"][0]["text_fr"] = "x"
    assert section("purposes")[0]["text_fr"] != "x"
    json.dumps(doc)


def test_access_document_empty_and_errors():
    doc = access_document(SUBJECT, [], GEN)
    assert doc["cases"] == []
    with pytest.raises(ValueError):
        access_document(SUBJECT, [], datetime(2026, 11, 23, 11, 0))          # naive
    with pytest.raises(ValueError):
        access_document(SUBJECT, [item("c", 1), item("c", 1)], GEN)          # duplicate seq
    with pytest.raises(ValueError):
        access_document(SUBJECT, [dict(item("c", 1), seq="1")], GEN)


# --- HTML -----------------------------------------------------------------------------------------

def test_html_contains_every_hash_and_is_self_contained():
    doc = access_document(SUBJECT, items_shuffled(), GEN, CONTROLLER)
    page = render_access_html(doc)
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="fr">' in page and 'lang="en"' in page
    for case in doc["cases"]:
        assert escape(case["case_id"]) in page
        for event in case["events"]:
            assert event["hash"] in page
    assert page.count("<code>h-") == 6
    # French and English texts are both shown.
    assert "Vos droits" in page and "Your rights" in page
    retention = section("retention")
    assert escape(retention["text_fr"]) in page and escape(retention["text_en"]) in page
    assert "CNIL" in page
    # No external resources and no scripts of our own.
    assert not re.search(r"(?i)(src|href)\s*=", page)
    assert not re.search(r"(?i)https?://", page)
    assert "<script" not in page.lower()
    assert "default-src 'none'" in page


def test_html_escapes_everything_from_data():
    subject = {"subject_id": XSS, "role": "<b>debtor</b>",
               "identifiers": {"name": XSS, "<img src=x onerror=alert(2)>": "a&b"}}
    items = [{"case_id": XSS, "seq": 0, "hash": '"><script>alert(3)</script>', "type": XSS,
              "occurred_at": XSS, "data": {"note": XSS, "nested": {"k": [XSS, "<i>x</i>"]}, XSS: "v"}}]
    controller = {"name": XSS}
    page = render_access_html(access_document(subject, items, GEN, controller))
    assert "<script" not in page.lower()
    assert "<img" not in page and "<b>debtor" not in page and "<i>x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert escape('"><script>alert(3)</script>') in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "a&amp;b" in page


def test_html_of_empty_document():
    page = render_access_html(access_document(SUBJECT, [], GEN))
    assert "No events" in page and "Not provided" in page
