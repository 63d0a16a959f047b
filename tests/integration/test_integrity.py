"""Issue 12 (part A) on DynamoDB Local: impossible dates refused, external_ref unique per tenant,
one answer for the check and the write, plans and promises in the state, the contact window."""
from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.domain.errors import DuplicateExternalRef, Unavailable
from chalicelib.services import cases, gdpr
from chalicelib.services.auth import authenticate
from tests.support import DEBTOR, case_body, event, get, post, scan_items

PARIS = timezone(timedelta(hours=1))  # December and January: Paris is UTC+1
# A lawful reminder that asks for payment (so the rules that stop collection apply to it).
DEMAND = "Bonjour Madame, merci de régler la facture F-1001 de 450 € restant due, ou de nous contacter."
CALL = "Bonjour, ici Énergie Durand au sujet de la facture F-1001, merci de nous rappeler."


class FixedClock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


@pytest.fixture
def clock(rt, monkeypatch):
    fixed = FixedClock(datetime.now(timezone.utc))
    monkeypatch.setattr(rt, "clock", fixed)
    return fixed


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def open_case(client, keys, **overrides) -> str:
    resp = post(client, "/v1/cases", case_body(**overrides), keys["collector"])
    assert resp.status_code == 201, resp.body
    return resp.json_body["case_id"]


def send(client, keys, case_id, kind, data, at: datetime | str | None = None):
    when = iso(at) if isinstance(at, datetime) else at
    return post(client, f"/v1/cases/{case_id}/events", event(kind, data, when), keys["collector"])


def head(client, keys, case_id) -> int:
    return get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"]


# --- 1. dates that cannot be true ----------------------------------------------------------

@pytest.mark.parametrize("kind,data,pointer", [
    ("payment.received", {"amount_cents": 1000, "paid_on": "2031-05-01", "method": "transfer"}, "/data/paid_on"),
    ("mandate.recorded", {"creditor_kind": "energy", "creditor_name": "Énergie Durand SA", "signed_on": "2031-05-01"},
     "/data/signed_on"),
    ("title.obtained", {"kind": "judgment", "reference": "RG 26/001", "obtained_on": "2031-05-01"}, "/data/obtained_on"),
    ("insolvency.flagged", {"kind": "overindebtedness", "reference": "BdF-1", "opened_on": "2031-05-01"},
     "/data/opened_on"),
])
def test_a_past_fact_after_the_event_date_is_refused_and_nothing_is_written(client, keys, kind, data, pointer):
    case_id = open_case(client, keys)
    resp = send(client, keys, case_id, kind, data)
    assert resp.status_code == 422, resp.body
    assert [d["pointer"] for d in resp.json_body["details"]] == [pointer]
    assert head(client, keys, case_id) == 0


def test_the_date_is_the_event_date_in_the_case_time_zone_and_due_dates_may_be_future(client, keys, clock):
    clock.moment = datetime(2026, 12, 1, 23, 30, tzinfo=timezone.utc)  # 2 December in Paris
    case_id = open_case(client, keys)
    ok = send(client, keys, case_id, "payment.received",
              {"amount_cents": 1000, "paid_on": "2026-12-02", "method": "card"}, clock.moment)
    assert ok.status_code == 201, ok.body
    ny = open_case(client, keys, timezone="America/New_York")  # still 1 December there
    late = send(client, keys, ny, "payment.received",
                {"amount_cents": 1000, "paid_on": "2026-12-02", "method": "card"}, clock.moment)
    assert late.status_code == 422 and late.json_body["details"][0]["pointer"] == "/data/paid_on"
    assert send(client, keys, case_id, "promise.made", {"amount_cents": 1000, "due_on": "2031-05-01"},
                clock.moment).status_code == 201


def test_an_invoice_issued_after_the_opening_is_refused(client, keys):
    body = case_body()
    body["claim"]["invoices"][1]["issued_on"] = "2031-05-01"
    resp = post(client, "/v1/cases", body, keys["collector"])
    assert resp.status_code == 422
    assert resp.json_body["details"][0]["pointer"] == "/claim/invoices/1/issued_on"


# --- 2. external_ref unique per tenant -----------------------------------------------------

def _ledger_items(rt, tenant):
    return [i for i in scan_items(rt, "ledger") if i["tenant_id"]["S"] == tenant]


def _lookup_items(rt, tenant):
    return [i for i in scan_items(rt, "lookup") if i["pk"]["S"].startswith(tenant + "#")]


def test_a_second_case_with_the_same_external_ref_is_409_and_writes_nothing(client, rt, keys, tenant):
    body = case_body(external_ref="INV-DUP-1")
    first = post(client, "/v1/cases", body, keys["collector"])
    assert first.status_code == 201
    ledger, lookup, key_items = _ledger_items(rt, tenant), _lookup_items(rt, tenant), len(scan_items(rt, "keys"))
    other_debtor = {"kind": "person", "name": "Autre Personne", "email": "autre.personne@example.org"}
    for again in (body, case_body(external_ref="INV-DUP-1", debtor=other_debtor)):
        resp = post(client, "/v1/cases", again, keys["collector"])
        assert resp.status_code == 409, resp.body
        assert resp.json_body["error"] == "duplicate_external_ref"
        assert resp.json_body["case_id"] == first.json_body["case_id"]
        assert resp.json_body["message"] and resp.json_body["details"][0]["pointer"] == "/external_ref"
    assert _ledger_items(rt, tenant) == ledger and _lookup_items(rt, tenant) == lookup
    assert len(scan_items(rt, "keys")) == key_items
    # another tenant may use the same reference
    from chalicelib.services import auth
    other_key = auth.create_api_key(rt, tenant + "x", "collector")[1]
    assert post(client, "/v1/cases", body, other_key).status_code == 201


def test_the_same_idempotency_key_and_body_is_the_usual_replay(client, keys):
    body = case_body(external_ref="INV-IDEM-1")
    first = post(client, "/v1/cases", body, keys["collector"], **{"Idempotency-Key": "open-1"})
    again = post(client, "/v1/cases", body, keys["collector"], **{"Idempotency-Key": "open-1"})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json_body == first.json_body and again.headers["Idempotent-Replayed"] == "true"
    other_key = post(client, "/v1/cases", body, keys["collector"], **{"Idempotency-Key": "open-2"})
    assert other_key.status_code == 409 and other_key.json_body["case_id"] == first.json_body["case_id"]


def test_concurrent_openings_with_one_reference_make_one_case(rt, keys, tenant):
    principal = authenticate(rt, "Bearer " + keys["collector"])
    start = threading.Barrier(8)

    def attempt(i):
        start.wait()
        try:
            return cases.open_case(rt, principal, case_body(external_ref="INV-RACE-1"))["case_id"]
        except DuplicateExternalRef as dup:
            return ("dup", dup.case_id)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(attempt, range(8)))
    created = [r for r in results if isinstance(r, str)]
    assert len(created) == 1
    assert all(r == ("dup", created[0]) for r in results if not isinstance(r, str))
    genesis = [i for i in _ledger_items(rt, tenant) if i["seq"]["N"] == "0"]
    assert len(genesis) == 1
    # no cases-of entry points at a case that does not exist
    linked = {i["sk"]["S"] for i in _lookup_items(rt, tenant) if "#cases-of#" in i["pk"]["S"]}
    assert linked == {created[0]}


def test_a_failed_opening_leaves_no_reservation_and_a_retry_succeeds(client, rt, keys, tenant, monkeypatch):
    real = type(rt.ledger).put_new
    calls = {"n": 0}

    def failing_once(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise Unavailable("injected: the transaction did not commit")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(type(rt.ledger), "put_new", failing_once)
    body = case_body(external_ref="INV-CRASH-1")
    assert post(client, "/v1/cases", body, keys["collector"], **{"Idempotency-Key": "c-1"}).status_code == 503
    assert not [i for i in _lookup_items(rt, tenant) if "#external-ref#" in i["pk"]["S"]]
    retried = post(client, "/v1/cases", body, keys["collector"], **{"Idempotency-Key": "c-1"})
    assert retried.status_code == 201, retried.body
    assert len([i for i in _lookup_items(rt, tenant) if "#external-ref#" in i["pk"]["S"]]) == 1


# --- 4. one answer for the check and the write ---------------------------------------------

def _close(client, keys, case_id):
    assert send(client, keys, case_id, "case.closed", {"reason": "written_off"}).status_code == 201


def _erase(client, rt, keys, tenant, case_id):
    from chalicelib.services import subjects
    principal = authenticate(rt, "Bearer " + keys["dpo"])
    subject = subjects.find_subject(rt, tenant, {"email": DEBTOR["email"]})
    gdpr.erase_subject(rt, principal, subject.subject_id, None, "retention")


def _restrict(client, rt, keys, tenant, case_id):
    req = post(client, "/v1/gdpr/requests", {"kind": "restriction", "subject": {"email": DEBTOR["email"]},
                                             "received_at": "2026-11-20T09:00:00Z", "channel": "email",
                                             "identity_verified": True}, keys["dpo"]).json_body
    assert post(client, f"/v1/gdpr/requests/{req['request_id']}/fulfil", {}, keys["dpo"]).status_code == 200


def _dispute(client, rt, keys, tenant, case_id):
    assert send(client, keys, case_id, "dispute.opened", {"reason": "montant contesté"}).status_code == 201


def _insolvency(client, rt, keys, tenant, case_id):
    assert send(client, keys, case_id, "insolvency.flagged",
                {"kind": "overindebtedness", "reference": "BdF-26-1", "opened_on": "2026-11-01"}).status_code == 201


# Every refusal of a communication by the write path (services/cases.py: check_event's
# case_closed, the erased debtor's subject_erased; the guards' blocks on the case's facts).
REFUSALS = [
    ("closure", lambda c, rt, k, t, case: _close(c, k, case), 409, "case_closed", "FR-CASE-CLOSED"),
    ("erasure", _erase, 409, "subject_erased", "EU-GDPR-ERASED-SUBJECT"),
    ("restriction", _restrict, 422, "blocked_by_guard", "FR-RESTRICTED-DATA-SUBJECT"),
    ("dispute", _dispute, 422, "blocked_by_guard", "FR-DISPUTE-OPEN"),
    ("insolvency", _insolvency, 422, "blocked_by_guard", "FR-SURENDETTEMENT"),
]


@pytest.mark.parametrize("name,make,status,code,rule", REFUSALS, ids=[r[0] for r in REFUSALS])
@pytest.mark.parametrize("channel", ["email", "letter"])
def test_the_check_blocks_whatever_the_write_path_refuses(client, rt, keys, tenant, name, make, status, code,
                                                          rule, channel):
    case_id = open_case(client, keys, debtor=dict(DEBTOR))
    data = {"channel": channel, "recipient": {"role": "debtor"}, "text": DEMAND}
    check = post(client, f"/v1/cases/{case_id}/communications/check", {"type": "contact.sent", "data": data},
                 keys["collector"])
    assert check.json_body["verdict"] == "allow", check.body  # the same message was fine before
    make(client, rt, keys, tenant, case_id)
    written = send(client, keys, case_id, "contact.sent", data)
    assert written.status_code == status and written.json_body["error"] == code, written.body
    check = post(client, f"/v1/cases/{case_id}/communications/check", {"type": "contact.sent", "data": data},
                 keys["collector"])
    assert check.status_code == 200
    judgement = check.json_body
    assert judgement["verdict"] == "block"
    assert any(f["rule_id"] == rule and f["severity"] == "block" for f in judgement["findings"]), judgement
    finding = next(f for f in judgement["findings"] if f["rule_id"] == rule)
    assert finding["explanation"]["fr"] and finding["explanation"]["en"] and finding["legal_basis"]["article"]


# --- 7. plans and promises in the state ----------------------------------------------------

def test_the_state_shows_instalments_plan_and_promises_on_todays_date(client, rt, keys, clock):
    clock.moment = datetime(2026, 12, 10, 10, 0, tzinfo=timezone.utc)
    case_id = open_case(client, keys)  # 75,000 cents outstanding
    at = clock.moment
    assert send(client, keys, case_id, "promise.made", {"amount_cents": 15000, "due_on": "2026-12-15"}, at).status_code == 201
    plan = [{"due_on": "2027-01-05", "amount_cents": 25000}, {"due_on": "2027-02-05", "amount_cents": 25000},
            {"due_on": "2027-03-05", "amount_cents": 25000}]
    assert send(client, keys, case_id, "agreement.signed", {"installments": plan}, at).status_code == 201
    state = get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body
    assert state["active_agreement"]["status"] == "in_good_standing"
    assert [i["status"] for i in state["active_agreement"]["installments"]] == ["due", "due", "due"]
    assert [p["status"] for p in state["promises"]] == ["pending"]

    clock.moment = datetime(2027, 1, 20, 10, 0, tzinfo=timezone.utc)
    assert send(client, keys, case_id, "payment.received",
                {"amount_cents": 30000, "paid_on": "2027-01-04", "method": "card"}, clock.moment).status_code == 201
    state = get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body
    agreement = state["active_agreement"]
    assert [i["status"] for i in agreement["installments"]] == ["paid", "due", "due"]
    assert [i["paid_cents"] for i in agreement["installments"]] == [25000, 5000, 0]
    assert agreement["status"] == "in_good_standing" and agreement["stage"] == "signed"
    assert state["promises"][0]["status"] == "broken"  # 15 December passed without a payment

    clock.moment = datetime(2027, 2, 12, 10, 0, tzinfo=timezone.utc)
    state = get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body
    assert [i["status"] for i in state["active_agreement"]["installments"]] == ["paid", "late", "due"]
    assert state["active_agreement"]["status"] == "late"
    # the tenant's thresholds: one late instalment is a default
    policy = {"plans": {"default_after_missed": 1}}
    resp = client.http.put("/v1/admin/guard-policy", headers={"Authorization": f"Bearer {keys['admin']}",
                                                              "Content-Type": "application/json"},
                           body=json.dumps(policy))
    assert resp.status_code == 200, resp.body
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["active_agreement"]["status"] == "defaulted"
    bad = client.http.put("/v1/admin/guard-policy", headers={"Authorization": f"Bearer {keys['admin']}",
                                                             "Content-Type": "application/json"},
                          body=json.dumps({"plans": {"grace_days": -3}}))
    assert bad.status_code == 422 and bad.json_body["details"][0]["pointer"] == "/plans/grace_days"


def test_a_dunning_message_during_a_kept_plan_warns_and_the_policy_can_block_it(client, rt, keys, clock):
    clock.moment = datetime(2026, 12, 10, 10, 0, tzinfo=timezone.utc)
    case_id = open_case(client, keys)
    plan = [{"due_on": "2027-01-05", "amount_cents": 45000}, {"due_on": "2027-02-05", "amount_cents": 30000}]
    assert send(client, keys, case_id, "agreement.signed", {"installments": plan}, clock.moment).status_code == 201
    dunning = {"channel": "email", "recipient": {"role": "debtor"},
               "text": "Madame, merci de régler le solde de 750 € restant dû sur votre dossier."}
    reminder = {"channel": "email", "recipient": {"role": "debtor"},
                "text": "Rappel : votre prochaine échéance de 450 € est prévue le 5 janvier, conformément à l'échéancier convenu."}
    warned = send(client, keys, case_id, "contact.sent", dunning, clock.moment)
    assert warned.status_code == 201
    journal = get(client, f"/v1/cases/{case_id}/events?after_seq=1", keys["collector"]).json_body["events"]
    assert [f["rule_id"] for f in journal[0]["guard"]["findings"]] == ["FR-DUNNING-DURING-ARRANGEMENT"]
    assert send(client, keys, case_id, "contact.sent", reminder, clock.moment).status_code == 201
    client.http.put("/v1/admin/guard-policy", headers={"Authorization": f"Bearer {keys['admin']}",
                                                       "Content-Type": "application/json"},
                    body=json.dumps({"block_rules": ["FR-DUNNING-DURING-ARRANGEMENT"]}))
    blocked = send(client, keys, case_id, "contact.sent", dunning, clock.moment)
    assert blocked.status_code == 422 and blocked.json_body["findings"][0]["rule_id"] == "FR-DUNNING-DURING-ARRANGEMENT"
    # once the plan falls behind, the pause ends
    clock.moment = datetime(2027, 1, 12, 10, 0, tzinfo=timezone.utc)
    assert send(client, keys, case_id, "contact.sent", dunning, clock.moment).status_code == 201


# --- 8. the contact window -----------------------------------------------------------------

def window(client, keys, case_id, channel):
    resp = get(client, f"/v1/cases/{case_id}/contact-window?channel={channel}", keys["collector"])
    assert resp.status_code == 200, resp.body
    return resp.json_body


def test_a_call_at_night_may_be_made_at_next_allowed_at(client, rt, keys, clock):
    clock.moment = datetime(2026, 12, 5, 21, 30, tzinfo=timezone.utc)  # Saturday 22:30 in Paris
    case_id = open_case(client, keys)
    w = window(client, keys, case_id, "call")
    assert w["allowed_now"] is False and w["next_allowed_at"] == "2026-12-07T07:00:00Z"  # Monday 08:00
    assert [r["rule_id"] for r in w["reasons"]] == ["FR-CONTACT-HOURS-NIGHT"]
    assert window(client, keys, case_id, "email")["allowed_now"] is True
    clock.moment = datetime(2026, 12, 7, 7, 0, tzinfo=timezone.utc)
    resp = send(client, keys, case_id, "contact.sent", {"channel": "call", "recipient": {"role": "debtor"},
                                                        "text": CALL}, "2026-12-07T07:00:00Z")
    assert resp.status_code == 201, resp.body


def test_caps_across_the_debtors_cases_and_the_pause_after_a_conversation(client, rt, keys, clock):
    clock.moment = datetime(2026, 12, 8, 10, 0, tzinfo=timezone.utc)  # Tuesday 11:00 in Paris
    first, second = open_case(client, keys, debtor=dict(DEBTOR)), open_case(client, keys, debtor=dict(DEBTOR))
    call = {"channel": "call", "recipient": {"role": "debtor"}, "text": CALL}
    assert send(client, keys, first, "contact.sent", call, "2026-12-08T08:00:00Z").status_code == 201
    assert send(client, keys, first, "contact.sent", call, "2026-12-08T08:30:00Z").status_code == 201
    w = window(client, keys, second, "call")
    assert w["allowed_now"] is False and w["next_allowed_at"] == "2026-12-09T07:00:00Z"
    assert "FR-CONTACT-FREQUENCY-DAY" in [r["rule_id"] for r in w["reasons"]]
    assert window(client, keys, second, "sms")["allowed_now"] is True
    clock.moment = datetime(2026, 12, 9, 7, 0, tzinfo=timezone.utc)
    spoke = send(client, keys, second, "contact.sent", {**call, "outcome": "conversation"}, "2026-12-09T07:00:00Z")
    assert spoke.status_code == 201, spoke.body
    w = window(client, keys, first, "call")
    assert w["next_allowed_at"] == "2026-12-16T07:00:00Z"  # 7 days after the conversation
    assert "FR-CONTACT-AFTER-CONVERSATION" in [r["rule_id"] for r in w["reasons"]]
    clock.moment = datetime(2026, 12, 16, 7, 0, tzinfo=timezone.utc)
    assert send(client, keys, first, "contact.sent", call, "2026-12-16T07:00:00Z").status_code == 201


@pytest.mark.parametrize("name,make,status,code,rule", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_no_time_will_do_while_the_case_situation_forbids_contact(client, rt, keys, tenant, name, make, status,
                                                                  code, rule):
    case_id = open_case(client, keys, debtor=dict(DEBTOR))
    make(client, rt, keys, tenant, case_id)
    for channel in ("letter", "call"):
        w = window(client, keys, case_id, channel)
        assert w["allowed_now"] is False and w["next_allowed_at"] is None, w
        assert rule in [r["rule_id"] for r in w["reasons"] if r["severity"] == "block"]


def test_a_plan_in_good_standing_paused_by_policy_opens_when_it_falls_behind(client, rt, keys, clock):
    clock.moment = datetime(2026, 12, 10, 10, 0, tzinfo=timezone.utc)
    case_id = open_case(client, keys)
    plan = [{"due_on": "2027-01-05", "amount_cents": 45000}, {"due_on": "2027-02-05", "amount_cents": 30000}]
    assert send(client, keys, case_id, "agreement.signed", {"installments": plan}, clock.moment).status_code == 201
    assert window(client, keys, case_id, "letter")["allowed_now"] is True  # a warning only, by default
    client.http.put("/v1/admin/guard-policy", headers={"Authorization": f"Bearer {keys['admin']}",
                                                       "Content-Type": "application/json"},
                    body=json.dumps({"block_rules": ["FR-DUNNING-DURING-ARRANGEMENT"]}))
    w = window(client, keys, case_id, "letter")
    # late from the 6th day after 5 January (5 days of grace), at midnight in Paris
    assert w["allowed_now"] is False and w["next_allowed_at"] == "2027-01-10T23:00:00Z"


def test_the_channel_is_required_and_checked(client, keys):
    case_id = open_case(client, keys)
    for query in ("", "?channel=fax", "?channel=call&extra=1"):
        resp = get(client, f"/v1/cases/{case_id}/contact-window{query}", keys["collector"])
        assert resp.status_code == 422, resp.body
        assert resp.json_body["details"][0]["pointer"].startswith("query ")
    assert get(client, "/v1/cases/00000000-0000-4000-8000-000000000000/contact-window?channel=call",
               keys["collector"]).status_code == 404
