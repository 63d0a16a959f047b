"""The DPO workflow on DynamoDB Local: register, deadlines, access, rectification, restriction
enforced by the guards, erasure by crypto-shredding, retention."""
from __future__ import annotations

import json
from datetime import date

import pytest

from chalicelib.domain.crypto import b64d
from chalicelib.domain.personal import ERASED, open_subject_fields
from chalicelib.services import gdpr, subjects
from chalicelib.services.auth import authenticate
from tests.integration.test_no_plaintext import _scan_all_items
from tests.support import case_body, event, get, post, scan_items

DEBTOR = {"kind": "person", "name": "Gaëtane Oublieuse", "email": "gaetane.oublieuse@example.org",
          "phone": "+33 6 11 22 33 44"}
WITNESS = {"name": "Ferdinand Témoin", "email": "ferdinand.temoin@example.com"}
LAWFUL = "Bonjour, la facture F-1001 reste impayée. Merci de nous contacter pour convenir d'un échéancier."


CONTROLLER = {"name": "Énergie Durand SA", "address": "1 rue de la Paix, 75002 Paris",
              "contact_email": "contact@example.org", "dpo_contact": "dpo@example.org"}


@pytest.fixture(autouse=True)
def controller_named(client, keys):
    """Access answers name the controller (409 controller_not_configured otherwise)."""
    resp = client.http.put("/v1/admin/controller", headers={"Authorization": f"Bearer {keys['admin']}",
                                                           "Content-Type": "application/json"},
                           body=json.dumps(CONTROLLER))
    assert resp.status_code == 200, resp.body


def dpo_post(client, keys, path, body=None):
    return post(client, path, body if body is not None else {}, keys["dpo"])


def register(client, keys, kind, **subject):
    resp = dpo_post(client, keys, "/v1/gdpr/requests", {
        "kind": kind, "subject": subject or {"email": DEBTOR["email"]}, "received_at": "2026-11-20T09:00:00Z",
        "channel": "email", "identity_verified": True})
    assert resp.status_code == 201, resp.body
    return resp.json_body


@pytest.fixture
def debtor_cases(client, keys):
    ids = []
    for ref in ("G-1", "G-2"):
        case_id = post(client, "/v1/cases", case_body(external_ref=ref, debtor=dict(DEBTOR)), keys["collector"]).json_body["case_id"]
        assert post(client, f"/v1/cases/{case_id}/events", event("contact.sent", {
            "channel": "email", "recipient": {"role": "debtor"}, "text": LAWFUL}, "2026-11-17T10:00:00+01:00"),
            keys["collector"]).status_code == 201
        ids.append(case_id)
    third = {"channel": "letter", "recipient": {"role": "third_party", **WITNESS},
             "text": "Bonjour, pourriez-vous transmettre nos coordonnées à votre voisine ?"}
    post(client, f"/v1/cases/{ids[0]}/events", event("contact.sent", third, "2026-11-17T11:00:00+01:00"), keys["collector"])
    return ids


def test_register_deadline_extension_and_listing(client, keys, debtor_cases):
    created = register(client, keys, "access")
    assert created["due_by"] == "2026-12-20T09:00:00Z" and created["subject_found"]
    rid = created["request_id"]
    listed = get(client, "/v1/gdpr/requests?status=open", keys["dpo"]).json_body["requests"]
    assert [r["request_id"] for r in listed] == [rid]
    assert dpo_post(client, keys, f"/v1/gdpr/requests/{rid}/extend", {"reason": "complexity", "months": 2}).status_code == 200
    again = dpo_post(client, keys, f"/v1/gdpr/requests/{rid}/extend", {"reason": "complexity", "months": 1})
    assert again.status_code == 409
    detail = get(client, f"/v1/gdpr/requests/{rid}", keys["dpo"]).json_body
    assert detail["request"]["due_by"] == "2027-02-20T09:00:00Z"
    assert [h["type"] for h in detail["history"]] == ["gdpr.request.received", "gdpr.request.extended"]
    assert "gaetane" not in json.dumps(detail).lower()  # the register holds no identifier in clear
    assert get(client, "/v1/gdpr/requests", keys["collector"]).status_code == 403


def test_access_document_ties_every_event_to_the_journal(client, keys, debtor_cases):
    rid = register(client, keys, "access")["request_id"]
    resp = dpo_post(client, keys, f"/v1/gdpr/requests/{rid}/fulfil")
    assert resp.status_code == 200, resp.body
    document = resp.json_body["document"]
    assert document["subject"]["identifiers"]["email"] == DEBTOR["email"]
    assert {c["case_id"] for c in document["cases"]} == set(debtor_cases)
    texts = [e["data"].get("text") for c in document["cases"] for e in c["events"]]
    assert LAWFUL in texts
    witness = [e for c in document["cases"] for e in c["events"] if e["data"].get("recipient", {}).get("role") == "third_party"]
    assert witness and "name" not in witness[0]["data"]["recipient"]  # another person's data is not disclosed
    journal = client.http.get(f"/v1/audit/cases/{debtor_cases[0]}/journal",
                              headers={"Authorization": f"Bearer {keys['auditor']}"}).body.decode().splitlines()
    hashes = {json.loads(line)["seq"]: json.loads(line)["hash"] for line in journal}
    first = next(c for c in document["cases"] if c["case_id"] == debtor_cases[0])
    assert all(hashes[e["seq"]] == e["hash"] for e in first["events"])
    html = client.http.post(f"/v1/gdpr/requests/{rid}/fulfil?format=html",
                            headers={"Authorization": f"Bearer {keys['dpo']}"}).body.decode()
    assert "<html" in html.lower() and hashes[0] in html


def test_restriction_is_enforced_by_the_guards_until_lifted(client, keys, debtor_cases):
    rid = register(client, keys, "restriction")["request_id"]
    assert dpo_post(client, keys, f"/v1/gdpr/requests/{rid}/fulfil").status_code == 200
    case_id = debtor_cases[1]
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["flags"]["restricted"]
    blocked = post(client, f"/v1/cases/{case_id}/events", event("contact.sent", {
        "channel": "email", "recipient": {"role": "debtor"}, "text": LAWFUL}), keys["collector"])
    assert blocked.status_code == 422
    assert any(f["rule_id"] == "FR-RESTRICTED-DATA-SUBJECT" for f in blocked.json_body["findings"])
    assert dpo_post(client, keys, f"/v1/gdpr/requests/{rid}/lift").status_code == 200
    assert post(client, f"/v1/cases/{case_id}/events", event("contact.sent", {
        "channel": "email", "recipient": {"role": "debtor"}, "text": LAWFUL}), keys["collector"]).status_code == 201


def test_rectification_is_a_new_event(client, keys, debtor_cases):
    rid = register(client, keys, "rectification")["request_id"]
    resp = dpo_post(client, keys, f"/v1/gdpr/requests/{rid}/fulfil", {
        "case_id": debtor_cases[0], "corrects_seq": 0, "changes": {"/debtor/phone": "+33 6 99 88 77 66"}})
    assert resp.status_code == 200, resp.body
    seq = resp.json_body["correction"]["seq"]
    timeline = get(client, f"/v1/cases/{debtor_cases[0]}/events?after_seq={seq - 1}", keys["dpo"]).json_body["events"]
    assert timeline[0]["type"] == "data.rectified" and timeline[0]["data"]["corrects_seq"] == 0
    assert timeline[0]["data"]["changes"] == {"/debtor/phone": "+33 6 99 88 77 66"}
    first = get(client, f"/v1/cases/{debtor_cases[0]}/events?limit=1", keys["dpo"]).json_body["events"][0]
    assert first["data"]["debtor"]["phone"] == DEBTOR["phone"]  # never edited in place


def test_erasure_assessed_refused_while_claim_is_live(client, keys, debtor_cases):
    rid = register(client, keys, "erasure")["request_id"]
    assert dpo_post(client, keys, f"/v1/gdpr/requests/{rid}/decide", {"decision": "erase", "basis": "x"}).status_code == 409
    assessment = dpo_post(client, keys, f"/v1/gdpr/requests/{rid}/assess").json_body
    assert assessment["proposal"] == "refuse"
    assert any("17(3)(e)" in b["article"] for b in assessment["basis"])


def test_legal_hold_blocks_erasure(client, keys, debtor_cases):
    post(client, f"/v1/cases/{debtor_cases[0]}/events", event("legal_hold.placed", {"reason": "litigation"}),
         keys["collector"])
    rid = register(client, keys, "erasure")["request_id"]
    dpo_post(client, keys, f"/v1/gdpr/requests/{rid}/assess")
    resp = dpo_post(client, keys, f"/v1/gdpr/requests/{rid}/decide", {"decision": "erase", "basis": "art. 17(1)(a)"})
    assert resp.status_code == 409 and resp.json_body["error"] == "contrary_to_assessment"
    # a recorded override does not lift a legal hold
    resp = dpo_post(client, keys, f"/v1/gdpr/requests/{rid}/decide", {
        "decision": "erase", "basis": "art. 17(1)(a)", "override": {"reason": "The DPO overrides: claim settled."}})
    assert resp.status_code == 409 and resp.json_body["error"] == "legal_hold"


def test_erasure_shreds_the_subject_and_the_chain_still_verifies(client, rt, keys, debtor_cases, tenant):
    rid = register(client, keys, "erasure")["request_id"]
    principal = authenticate(rt, "Bearer " + keys["collector"])
    debtor = subjects.find_subject(rt, tenant, {"email": DEBTOR["email"]})
    witness = subjects.find_subject(rt, tenant, {"email": WITNESS["email"]})
    assert debtor and witness and principal
    dpo_post(client, keys, f"/v1/gdpr/requests/{rid}/assess")
    resp = dpo_post(client, keys, f"/v1/gdpr/requests/{rid}/decide",
                    {"decision": "erase", "basis": "Art. 17(1)(a): no longer necessary (DPO decision)",
                     "override": {"reason": "Creditor waived the claim in writing on 2026-11-25 (settlement)."}})
    assert resp.status_code == 200, resp.body
    assert set(resp.json_body["cases"]) == set(debtor_cases)

    # the chain still verifies and the timeline shows [erased] for the debtor's fields only
    for case_id in debtor_cases:
        assert get(client, f"/v1/audit/cases/{case_id}/verify", keys["auditor"]).json_body["ok"]
    events = get(client, f"/v1/cases/{debtor_cases[0]}/events?limit=500", keys["dpo"]).json_body["events"]
    assert events[0]["data"]["debtor"]["name"] == ERASED and events[0]["data"]["debtor"]["email"] == ERASED
    third = next(e for e in events if e["data"].get("recipient", {}).get("role") == "third_party")
    assert third["data"]["recipient"]["name"] == WITNESS["name"]  # the other subject stays readable
    assert third["data"]["text"] == ERASED                       # the free text was sealed to the debtor
    assert events[-1]["type"] == "subject.erased"

    # nothing can find or open the debtor any more
    assert subjects.find_subject(rt, tenant, {"email": DEBTOR["email"]}) is None
    raw = _scan_all_items(rt)
    for value in (DEBTOR["name"], DEBTOR["email"], "Oublieuse", "611223344", LAWFUL[:30]):
        assert value not in raw
    key_items = scan_items(rt, "keys")
    candidate_keys = []
    for item in key_items:
        pk = item["pk"]["S"]
        t, sid = pk.split("#", 1)
        if sid.startswith("s_"):
            ctx = {"app": "amiable-ledger", "tenant": t, "subject": sid, "purpose": "subject-key"}
            candidate_keys.append(rt.key_provider.unwrap(b64d(item["wrapped"]["S"]), ctx))
    assert debtor.subject_id not in {i["pk"]["S"].split("#", 1)[1] for i in key_items}
    for case_id in debtor_cases:
        for text in rt.ledger.records(tenant, case_id):
            record = json.loads(text)
            if any(e["subject_id"] == debtor.subject_id for e in record.get("sealed", [])):
                for key in candidate_keys:  # no key left in any table opens the debtor's envelopes
                    opened = open_subject_fields(record, debtor.subject_id, key)
                    assert all(v == "[unreadable]" for v in opened.values())
    # no new personal data can be sealed to the erased debtor
    resp = post(client, f"/v1/cases/{debtor_cases[1]}/events", event("note.added", {"text": "après effacement"}),
                keys["collector"])
    assert resp.status_code == 409 and resp.json_body["error"] == "subject_erased"
    detail = get(client, f"/v1/gdpr/requests/{rid}", keys["dpo"]).json_body
    assert [h["type"] for h in detail["history"]][-2:] == ["gdpr.erasure.assessed", "gdpr.erasure.decided"]


def test_retention_shreds_long_closed_cases_only(client, rt, keys, tenant):
    old = post(client, "/v1/cases", case_body(external_ref="OLD", debtor={"kind": "person", "name": "Ancien Client",
                                                                        "email": "ancien@example.org"}),
               keys["collector"]).json_body["case_id"]
    post(client, f"/v1/cases/{old}/events", event("payment.received", {
        "amount_cents": 75000, "paid_on": "2026-11-01", "method": "transfer"}), keys["collector"])
    post(client, f"/v1/cases/{old}/events", event("case.closed", {"reason": "paid"}), keys["collector"])
    live = post(client, "/v1/cases", case_body(external_ref="LIVE", debtor={"kind": "person", "name": "Client Actif",
                                                                          "email": "actif@example.org"}),
                keys["collector"]).json_body["case_id"]
    assert live
    soon = gdpr.retention(rt, tenant, apply=False, today=date(2030, 1, 1))
    assert soon["subjects"] == []
    later = gdpr.retention(rt, tenant, apply=False, today=date(2032, 1, 1))
    assert [s["cases"] for s in later["subjects"]] == [[old]] and not later["subjects"][0]["erased"]
    applied = gdpr.retention(rt, tenant, apply=True, today=date(2032, 1, 1))
    assert applied["subjects"][0]["erased"]
    assert subjects.find_subject(rt, tenant, {"email": "ancien@example.org"}) is None
    assert subjects.find_subject(rt, tenant, {"email": "actif@example.org"}) is not None
    assert get(client, f"/v1/audit/cases/{old}/verify", keys["auditor"]).json_body["ok"]
