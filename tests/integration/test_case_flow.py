"""A whole collection case through the HTTP API (Chalice test client) on DynamoDB Local."""
from __future__ import annotations

import json

from ledger_verify.chain import verify_chain
from tests.support import TEN_EVENTS, case_body, event, get, post


def open_case(client, key, **overrides):
    resp = post(client, "/v1/cases", case_body(**overrides), key)
    assert resp.status_code == 201, resp.body
    return resp.json_body


def test_open_case_returns_genesis(client, keys):
    created = open_case(client, keys["collector"])
    assert created["seq"] == 0 and len(created["hash"]) == 64


def test_whole_case_projection_timeline_journal_and_verify(client, keys):
    case_id = open_case(client, keys["collector"])["case_id"]
    heads = []
    for kind, data in TEN_EVENTS:
        resp = post(client, f"/v1/cases/{case_id}/events", event(kind, data), keys["collector"])
        assert resp.status_code == 201, (kind, resp.body)
        heads.append(resp.json_body)
    assert [h["seq"] for h in heads] == list(range(1, 11))
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(heads, heads[1:]))

    state = get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body
    assert state["principal_cents"] == 75000
    assert state["paid_cents"] == 45000
    assert state["outstanding_cents"] == 30000
    assert state["stage"] == 1
    assert state["flags"]["open_dispute"] is False
    plan = state["active_agreement"]
    assert plan["stage"] == "signed" and plan["status"] in ("in_good_standing", "late", "defaulted")
    assert plan["installments"][0]["status"] == "paid"  # the 300 EUR paid after the signature
    assert [p["status"] for p in state["promises"]] == ["kept"]
    assert state["head"] == {"seq": 10, "hash": heads[-1]["hash"]}

    timeline = get(client, f"/v1/cases/{case_id}/events?limit=4", keys["collector"]).json_body
    assert [e["seq"] for e in timeline["events"]] == [0, 1, 2, 3]
    assert timeline["events"][0]["data"]["debtor"]["name"] == "Josiane Testelin"
    assert timeline["events"][1]["data"]["text"].startswith("Madame")
    page2 = get(client, f"/v1/cases/{case_id}/events?after_seq=3&limit=100", keys["dpo"]).json_body
    assert [e["seq"] for e in page2["events"]] == list(range(4, 11))
    assert page2["next_after_seq"] is None

    journal = client.http.get(f"/v1/audit/cases/{case_id}/journal",
                              headers={"Authorization": f"Bearer {keys['auditor']}"})
    assert journal.status_code == 200
    assert journal.headers["Content-Type"] == "application/x-ndjson"
    lines = journal.body.decode().splitlines()
    assert len(lines) == 11
    assert "Josiane" not in journal.body.decode() and "Madame" not in journal.body.decode()
    report = verify_chain(json.loads(line) for line in lines)
    assert report.ok and report.events == 11

    verify = get(client, f"/v1/audit/cases/{case_id}/verify", keys["auditor"]).json_body
    assert verify == {"ok": True, "events": 11, "head": {"seq": 10, "hash": heads[-1]["hash"]},
                      "first_bad_seq": None, "reason": None}


def test_agreement_must_add_up_unless_partial(client, keys):
    case_id = open_case(client, keys["collector"])["case_id"]
    short = {"installments": [{"due_on": "2027-01-05", "amount_cents": 1000}]}
    resp = post(client, f"/v1/cases/{case_id}/events", event("agreement.proposed", short), keys["collector"])
    assert resp.status_code == 422
    assert resp.json_body["error"] == "agreement_total_mismatch"
    assert resp.json_body["details"][0]["pointer"] == "/data/installments"
    resp = post(client, f"/v1/cases/{case_id}/events", event("agreement.proposed", {**short, "partial": True}),
                keys["collector"])
    assert resp.status_code == 201


def test_events_after_closure_are_refused(client, keys):
    case_id = open_case(client, keys["collector"])["case_id"]
    assert post(client, f"/v1/cases/{case_id}/events", event("case.closed", {"reason": "paid"}),
                keys["collector"]).status_code == 201
    resp = post(client, f"/v1/cases/{case_id}/events", event("note.added", {"text": "après clôture"}),
                keys["collector"])
    assert resp.status_code == 409 and resp.json_body["error"] == "case_closed"
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"] == 1


def test_payment_reduces_outstanding(client, keys):
    case_id = open_case(client, keys["collector"])["case_id"]
    post(client, f"/v1/cases/{case_id}/events",
         event("payment.received", {"amount_cents": 5000, "paid_on": "2026-11-01", "method": "cheque"}), keys["collector"])
    state = get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body
    assert (state["paid_cents"], state["outstanding_cents"]) == (5000, 70000)


def test_flags_follow_title_insolvency_and_notice(client, keys):
    case_id = open_case(client, keys["collector"])["case_id"]
    for kind, data in [
        ("formal_notice.sent", {"channel": "letter", "text": "Mise en demeure de payer sous 8 jours.", "deadline_days": 8}),
        ("title.obtained", {"kind": "payment_order", "reference": "RG 26/01234", "obtained_on": "2026-11-02"}),
        ("insolvency.flagged", {"kind": "overindebtedness", "reference": "BDF-75-2026-1", "opened_on": "2026-11-10"}),
    ]:
        assert post(client, f"/v1/cases/{case_id}/events", event(kind, data), keys["collector"]).status_code == 201
    flags = get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["flags"]
    assert flags["formal_notice_sent"] and flags["has_enforceable_title"] and flags["insolvency"]
    assert post(client, f"/v1/cases/{case_id}/events", event("insolvency.lifted", {}), keys["collector"]).status_code == 201
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["flags"]["insolvency"] is False
