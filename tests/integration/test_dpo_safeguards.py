"""Issue 12, DPO safeguards on DynamoDB Local: a decision contrary to the assessment needs a
recorded override; erasure sticks (a suppression list of keyed hashes refuses a new case for
the erased person unless it states a new legal basis); the controller is named, versioned, and
required by access answers; the access page is served with protective headers."""
from __future__ import annotations

import json
from datetime import date

import pytest

from chalicelib.services import gdpr
from tests.integration.test_no_plaintext import _scan_all_items
from tests.support import case_body, event, get, post

DEBTOR = {"kind": "person", "name": "Hortense Effacée", "email": "hortense.effacee@example.org",
          "phone": "+33 6 99 88 77 66", "company_id": "RCS 123456"}
CONTROLLER = {"name": "Énergie Durand SA", "address": "1 rue de la Paix, 75002 Paris",
              "contact_email": "contact@example.org", "dpo_contact": "dpo@example.org"}
REASON = "Le créancier a renoncé par écrit à sa créance le 25/11/2026 (transaction n° T-77)."


def put(client, path, body, key):
    return client.http.put(path, headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
                           body=json.dumps(body))


def open_case(client, keys, ref, debtor=None, **more):
    return post(client, "/v1/cases", case_body(external_ref=ref, debtor=dict(debtor or DEBTOR), **more),
                keys["collector"])


def register(client, keys, kind, **subject):
    resp = post(client, "/v1/gdpr/requests", {
        "kind": kind, "subject": subject or {"email": DEBTOR["email"]}, "received_at": "2026-11-20T09:00:00Z",
        "channel": "email", "identity_verified": True}, keys["dpo"])
    assert resp.status_code == 201, resp.body
    return resp.json_body["request_id"]


def history(client, keys, rid):
    return get(client, f"/v1/gdpr/requests/{rid}", keys["dpo"]).json_body


@pytest.fixture
def live_case(client, keys):
    resp = open_case(client, keys, "H-1")
    assert resp.status_code == 201, resp.body
    return resp.json_body["case_id"]


def erase_with_override(client, keys):
    rid = register(client, keys, "erasure")
    assert post(client, f"/v1/gdpr/requests/{rid}/assess", {}, keys["dpo"]).json_body["proposal"] == "refuse"
    resp = post(client, f"/v1/gdpr/requests/{rid}/decide", {
        "decision": "erase", "basis": "Art. 17(1)(a)", "override": {"reason": REASON}}, keys["dpo"])
    assert resp.status_code == 200, resp.body
    return rid


# --- 3. a decision contrary to the assessment needs a recorded override ---------------------------

def test_contrary_decision_without_override_is_refused_and_writes_nothing(client, keys, live_case):
    rid = register(client, keys, "erasure")
    post(client, f"/v1/gdpr/requests/{rid}/assess", {}, keys["dpo"])
    before = history(client, keys, rid)["history"]
    resp = post(client, f"/v1/gdpr/requests/{rid}/decide", {"decision": "erase", "basis": "Art. 17(1)(a)"},
                keys["dpo"])
    assert resp.status_code == 409, resp.body
    assert resp.json_body["error"] == "contrary_to_assessment" and resp.json_body["proposal"] == "refuse"
    assert resp.json_body["details"][0]["pointer"] == "/override"
    short = post(client, f"/v1/gdpr/requests/{rid}/decide", {
        "decision": "erase", "basis": "Art. 17(1)(a)", "override": {"reason": "because"}}, keys["dpo"])
    assert short.status_code == 422 and [d["pointer"] for d in short.json_body["details"]] == ["/override/reason"]
    not_object = post(client, f"/v1/gdpr/requests/{rid}/decide", {
        "decision": "defer", "basis": "x", "defer_until": "2030-01-01", "override": "a string"}, keys["dpo"])
    assert not_object.status_code == 422 and not_object.json_body["details"][0]["pointer"] == "/override"
    # nothing was recorded and the subject is intact
    assert history(client, keys, rid)["history"] == before
    assert get(client, f"/v1/cases/{live_case}", keys["collector"]).json_body["flags"].get("debtor_erased") in (None, False)


def test_override_is_chained_sealed_and_shown(client, rt, keys, tenant, live_case):
    rid = erase_with_override(client, keys)
    detail = history(client, keys, rid)
    decision = detail["request"]["decision"]
    assert decision["decision"] == "erase" and decision["executed"]
    assert decision["override"] == {"proposal": "refuse", "reason": REASON}
    decided = detail["history"][-1]
    assert decided["type"] == "gdpr.erasure.decided" and decided["data"]["override"]["reason"] == REASON
    # chained in the request's journal, the reason sealed (it is free text that may name the person),
    # to a key of the request's own: the erasure it authorised did not destroy it
    line = [json.loads(t) for t in rt.ledger.records(tenant, rid)][-1]
    assert line["hash"] == decided["hash"] and line["data"]["override"] == {"proposal": "refuse"}
    assert [e["fields"] for e in line["sealed"]] == [["/override/reason"]]
    assert REASON not in _scan_all_items(rt) and "T-77" not in _scan_all_items(rt)
    assert get(client, f"/v1/audit/cases/{live_case}/verify", keys["auditor"]).json_body["ok"]


def test_decision_following_the_proposal_needs_no_override_and_refuses_one(client, keys, live_case):
    rid = register(client, keys, "erasure")
    post(client, f"/v1/gdpr/requests/{rid}/assess", {}, keys["dpo"])
    needless = post(client, f"/v1/gdpr/requests/{rid}/decide", {
        "decision": "refuse", "basis": "Art. 17(3)(e)", "override": {"reason": REASON}}, keys["dpo"])
    assert needless.status_code == 422 and needless.json_body["details"][0]["pointer"] == "/override"
    resp = post(client, f"/v1/gdpr/requests/{rid}/decide", {"decision": "refuse", "basis": "Art. 17(3)(e)"},
                keys["dpo"])
    assert resp.status_code == 200, resp.body
    assert "override" not in resp.json_body["request"]["decision"]


# --- 5. erasure sticks ---------------------------------------------------------------------------

def test_a_new_case_for_an_erased_debtor_is_refused_unless_it_states_a_new_legal_basis(client, rt, keys, live_case):
    rid = erase_with_override(client, keys)
    today = rt.clock.now().date().isoformat()
    for ident in ({"email": DEBTOR["email"]}, {"phone": DEBTOR["phone"]}, {"company_id": DEBTOR["company_id"]}):
        resp = open_case(client, keys, "H-2", {"kind": "person", "name": "Quelqu'un", **ident})
        assert resp.status_code == 409, (ident, resp.body)
        assert resp.json_body["error"] == "subject_erased"
        assert resp.json_body["erased_on"] == today and resp.json_body["request_id"] == rid
    # another person is not affected
    assert open_case(client, keys, "H-3", {"kind": "person", "name": "Autre", "email": "autre@example.org"}).status_code == 201
    # a new, separate claim states its legal basis, recorded (sealed) in case.opened
    basis = "Nouvelle créance : facture F-2001 du 01/12/2026, contrat distinct signé le 15/11/2026."
    resp = open_case(client, keys, "H-2", new_legal_basis=basis)
    assert resp.status_code == 201, resp.body
    case_id = resp.json_body["case_id"]
    opened = get(client, f"/v1/cases/{case_id}/events?limit=1", keys["collector"]).json_body["events"][0]
    assert opened["type"] == "case.opened" and opened["data"]["new_legal_basis"] == basis
    assert opened["data"]["debtor"]["email"] == DEBTOR["email"]  # a new subject, with a key of its own
    assert basis not in _scan_all_items(rt)
    # the old case still verifies and stays erased
    assert get(client, f"/v1/audit/cases/{live_case}/verify", keys["auditor"]).json_body["ok"]


def test_the_suppression_list_holds_keyed_hashes_only(client, rt, keys, tenant, live_case):
    erase_with_override(client, keys)
    raw = _scan_all_items(rt)
    for value in (DEBTOR["email"], "hortense", "Effacée", "699887766", DEBTOR["company_id"]):
        assert value.lower() not in raw.lower()
    rows = [i for i in _lookup_items(rt) if i["pk"].startswith(f"{tenant}#erased#")]
    assert len(rows) == 3  # email, phone, company id
    for row in rows:
        kind, digest = row["pk"].split("#erased#", 1)[1].split("#", 1)
        assert kind in ("email", "phone", "company_id") and len(digest) >= 32
        assert set(row) <= {"pk", "sk", "erased_on", "erased_by", "request_id"}


def _lookup_items(rt):
    from tests.support import scan_items

    return [{k: v["S"] for k, v in item.items()} for item in scan_items(rt, "lookup")]


def test_retention_shreds_feed_the_same_list(client, rt, keys, tenant):
    witness = {"name": "Firmin Voisin", "email": "firmin.voisin@example.org"}
    case_id = open_case(client, keys, "R-1").json_body["case_id"]
    post(client, f"/v1/cases/{case_id}/events", event("contact.sent", {
        "channel": "letter", "recipient": {"role": "third_party", **witness},
        "text": "Bonjour, pourriez-vous transmettre nos coordonnées à votre voisine ?"}, "2026-11-17T11:00:00+01:00"),
        keys["collector"])
    post(client, f"/v1/cases/{case_id}/events", event("payment.received", {
        "amount_cents": 75000, "paid_on": "2026-11-01", "method": "transfer"}), keys["collector"])
    assert post(client, f"/v1/cases/{case_id}/events", event("case.closed", {"reason": "paid"}),
                keys["collector"]).status_code == 201
    report = gdpr.retention(rt, tenant, apply=True, today=date(2032, 1, 1))
    assert len(report["subjects"]) == 2 and all(s["erased"] for s in report["subjects"])
    resp = open_case(client, keys, "R-2")
    assert resp.status_code == 409 and resp.json_body["error"] == "subject_erased"
    assert resp.json_body["request_id"] is None and resp.json_body["erased_by"] == "retention"
    # the erased third party (a contact) cannot come back as a debtor either
    resp = open_case(client, keys, "R-3", {"kind": "person", **witness})
    assert resp.status_code == 409 and resp.json_body["error"] == "subject_erased"


# --- 6. the controller is named ------------------------------------------------------------------

def test_controller_is_versioned_and_validated(client, keys):
    assert get(client, "/v1/admin/controller", keys["admin"]).status_code == 404
    bad = put(client, "/v1/admin/controller", {"name": "", "address": "x", "contact_email": "nope"}, keys["admin"])
    assert bad.status_code == 422
    assert {d["pointer"] for d in bad.json_body["details"]} == {"/name", "/contact_email", "/dpo_contact"}
    assert put(client, "/v1/admin/controller", CONTROLLER, keys["dpo"]).status_code == 403
    first = put(client, "/v1/admin/controller", CONTROLLER, keys["admin"])
    assert first.status_code == 200 and first.json_body["version"] == 1
    second = put(client, "/v1/admin/controller", {**CONTROLLER, "dpo_contact": "dpo-2@example.org"}, keys["admin"])
    assert second.json_body["version"] == 2
    current = get(client, "/v1/admin/controller", keys["dpo"]).json_body
    assert current["version"] == 2 and current["dpo_contact"] == "dpo-2@example.org"
    assert current["recorded_by"]["role"] == "admin"
    versions = get(client, "/v1/admin/controller/versions", keys["admin"]).json_body["versions"]
    assert [(v["version"], v["dpo_contact"]) for v in versions] == [(1, "dpo@example.org"), (2, "dpo-2@example.org")]


def test_access_answer_needs_and_names_the_controller(client, rt, keys, tenant, live_case):
    rid = register(client, keys, "access")
    resp = post(client, f"/v1/gdpr/requests/{rid}/fulfil", {}, keys["dpo"])
    assert resp.status_code == 409 and resp.json_body["error"] == "controller_not_configured"
    assert [h["type"] for h in history(client, keys, rid)["history"]] == ["gdpr.request.received"]
    put(client, "/v1/admin/controller", {**CONTROLLER, "name": "<b>Énergie</b> & Fils"}, keys["admin"])
    document = post(client, f"/v1/gdpr/requests/{rid}/fulfil", {}, keys["dpo"]).json_body["document"]
    assert document["controller"] == {**CONTROLLER, "name": "<b>Énergie</b> & Fils", "version": 1}
    fulfilled = history(client, keys, rid)["history"][-1]
    assert fulfilled["data"]["controller_version"] == 1

    rid = register(client, keys, "portability")
    page = client.http.post(f"/v1/gdpr/requests/{rid}/fulfil?format=html", body="{}", headers={
        "Authorization": f"Bearer {keys['dpo']}", "Content-Type": "application/json"})
    assert page.status_code == 200
    headers = {k.lower(): v for k, v in page.headers.items()}
    assert headers["content-type"].startswith("text/html")
    assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"
    body = page.body.decode()
    assert "&lt;b&gt;Énergie&lt;/b&gt; &amp; Fils" in body and "<b>Énergie" not in body
    assert CONTROLLER["dpo_contact"] in body and "Not provided" not in body
