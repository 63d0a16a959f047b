"""The debtor's portal on DynamoDB Local through the Chalice test client: links, verification
and lock-out, sessions and CSRF, every page and act, refusals that reveal nothing, isolation."""
from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import timedelta

import pytest

from chalicelib.domain.crypto import DecryptionFailed
from chalicelib.services import subjects
from chalicelib.services.portal import documents as portal_documents
from tests.portal_support import (PDF, RecordingOrders, ShiftedClock, Visitor, issue_link, open_case, path_of,
                                  timeline, verified)
from tests.support import get, post, scan_items

PAGE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def assert_portal_headers(resp):
    for name, value in PAGE_HEADERS.items():
        assert resp.headers[name] == value, name
    csp = resp.headers["Content-Security-Policy"]
    for directive in ("default-src 'none'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'self'"):
        assert directive in csp
    assert "script-src" not in csp and "unsafe" not in csp


@pytest.fixture(autouse=True)
def generous_limits(rt):
    """The suite sends many requests from one address; test_rate_limits checks the limits."""
    original = rt.portal_settings
    rt.portal_settings = dataclasses.replace(original, requests_per_minute_per_link=100_000,
                                             requests_per_minute_per_source=100_000)
    yield
    rt.portal_settings = original


@pytest.fixture
def shifted(rt):
    original = rt.clock
    clock = ShiftedClock(original)
    rt.clock = clock
    yield clock
    rt.clock = original


@pytest.fixture
def orders(rt):
    original = rt.__dict__.get("_payment_orders")
    fake = RecordingOrders()
    rt.payment_orders = fake
    yield fake
    rt.payment_orders = original


@pytest.fixture
def documents_dir(rt, tmp_path):
    from chalicelib.adapters.document_store import LocalDocumentStore

    original = rt.documents
    rt.documents = LocalDocumentStore(tmp_path)
    yield tmp_path
    rt.documents = original


# --- links ---------------------------------------------------------------------------------

def test_issuing_a_link_records_it_and_stores_only_the_token_hash(client, keys, rt):
    case_id = open_case(client, keys)
    link = issue_link(client, keys, case_id, days=7)
    assert set(link) == {"link_id", "url", "expires_at"}
    assert link["url"].startswith("http://127.0.0.1:8000/portal/")
    token = link["url"].rsplit("/", 1)[1]
    assert len(token) == 43  # 256 bits, base64url
    stored = json.dumps(scan_items(rt, "auth")) + json.dumps(scan_items(rt, "ledger"))
    assert token not in stored
    assert hashlib.sha256(token.encode()).hexdigest() in stored
    issued = [e for e in timeline(client, keys, case_id) if e["type"] == "portal.link.issued"]
    assert issued[0]["data"] == {"link_id": link["link_id"], "expires_at": link["expires_at"]}
    assert issued[0]["actor"]["role"] == "collector"


@pytest.mark.parametrize("body", [{"expires_in_days": 0}, {"expires_in_days": 31}, {"expires_in_days": "7"},
                                  {"expires_in_days": 7, "extra": 1}])
def test_link_lifetime_is_checked(client, keys, body):
    case_id = open_case(client, keys)
    resp = post(client, f"/v1/cases/{case_id}/portal-links", body, keys["collector"])
    assert resp.status_code == 422
    assert resp.json_body["details"][0]["pointer"] in ("/expires_in_days", "/extra")


def test_links_are_for_collectors_of_the_case_tenant(client, keys, rt):
    case_id = open_case(client, keys)
    assert post(client, f"/v1/cases/{case_id}/portal-links", {}, keys["auditor"]).status_code == 403
    from chalicelib.services import auth

    other = auth.create_api_key(rt, "t-other-portal", "collector")[1]
    assert post(client, f"/v1/cases/{case_id}/portal-links", {}, other).status_code == 404


def test_unknown_and_malformed_links_answer_404_pages_that_reveal_nothing(client):
    for path in ("/portal/" + "A" * 43, "/portal/short", "/portal/" + "A" * 43 + "/summary"):
        resp = client.http.get(path)
        assert resp.status_code == 404
        assert_portal_headers(resp)
        assert "Page introuvable" in resp.body.decode()


def test_expired_link_answers_410(client, keys, shifted):
    case_id = open_case(client, keys)
    path = path_of(issue_link(client, keys, case_id, days=1)["url"])
    assert client.http.get(path).status_code == 200
    shifted.offset = timedelta(days=1, seconds=1)
    resp = client.http.get(path)
    assert resp.status_code == 410
    assert "Lien inactif" in resp.body.decode() and "F-1001" not in resp.body.decode()


def test_revoking_records_once_and_ends_open_sessions(client, keys):
    visitor, path, case_id = verified(client, keys)
    link_id = [e for e in timeline(client, keys, case_id) if e["type"] == "portal.link.issued"][0]["data"]["link_id"]
    assert visitor.get(path + "/summary").status_code == 200
    for _ in range(2):
        resp = post(client, f"/v1/cases/{case_id}/portal-links/{link_id}/revoke", {}, keys["collector"])
        assert resp.status_code == 200 and resp.json_body["revoked"] is True
    revoked = [e for e in timeline(client, keys, case_id) if e["type"] == "portal.link.revoked"]
    assert len(revoked) == 1 and revoked[0]["data"] == {"link_id": link_id}
    assert visitor.get(path + "/summary").status_code == 410
    assert visitor.get(path).status_code == 410
    assert post(client, f"/v1/cases/{case_id}/portal-links/pl_{'0' * 32}/revoke", {},
                keys["collector"]).status_code == 404


def test_collectors_cannot_post_portal_records(client, keys):
    case_id = open_case(client, keys)
    for kind, data in (("portal.link.issued", {"link_id": "pl_" + "0" * 32, "expires_at": "2027-01-01T00:00:00Z"}),
                       ("dispute.opened", {"reason": "x", "document": {"document_id": "doc_" + "0" * 32,
                                                                        "sha256": "0" * 64, "size_bytes": 1,
                                                                        "media_type": "application/pdf"}})):
        resp = post(client, f"/v1/cases/{case_id}/events",
                    {"type": kind, "occurred_at": "2026-11-01T00:00:00Z", "data": data}, keys["collector"])
        assert resp.status_code == 422, resp.body


# --- verification ----------------------------------------------------------------------------

def test_verification_page_and_session_cookie(client, keys):
    case_id = open_case(client, keys)
    path = path_of(issue_link(client, keys, case_id)["url"])
    visitor = Visitor(client)
    page = visitor.get(path)
    assert_portal_headers(page)
    assert 'data-testid="verify-invoice"' in visitor.text and 'data-testid="verify-submit"' in visitor.text
    assert "F-1001" not in visitor.text and "750" not in visitor.text  # nothing personal before verification
    resp = visitor.post_form(path + "/verify", {"csrf": visitor.field("csrf"), "invoice": " f-1002 "})
    assert resp.status_code == 303 and resp.headers["Location"].endswith(path + "/summary")
    cookie = resp.headers["Set-Cookie"]
    assert cookie.startswith("al_portal=")
    for attribute in ("HttpOnly", "SameSite=Strict", "Max-Age=1800", "Path=/"):
        assert attribute in cookie
    assert "Secure" not in cookie  # plain-HTTP localhost; outside it the cookie is __Host- and Secure
    assert visitor.get(path).status_code == 303  # an open session goes straight to the summary


def test_five_wrong_answers_lock_the_link_for_15_minutes(client, keys, shifted):
    case_id = open_case(client, keys)
    path = path_of(issue_link(client, keys, case_id)["url"])
    visitor = Visitor(client)
    visitor.get(path)
    csrf = visitor.field("csrf")
    for attempt in range(4):
        resp = visitor.post_form(path + "/verify", {"csrf": csrf, "invoice": f"F-999{attempt}"})
        assert resp.status_code == 403 and "ne correspond pas" in visitor.text
    assert visitor.post_form(path + "/verify", {"csrf": csrf, "invoice": "nope"}).status_code == 429
    assert visitor.post_form(path + "/verify", {"csrf": csrf, "invoice": "F-1001"}).status_code == 429
    assert visitor.get(path).status_code == 429
    shifted.offset = timedelta(minutes=15, seconds=1)
    assert visitor.post_form(path + "/verify", {"csrf": csrf, "invoice": "F-1001"}).status_code == 303


def test_verification_needs_the_form_token(client, keys):
    case_id = open_case(client, keys)
    path = path_of(issue_link(client, keys, case_id)["url"])
    visitor = Visitor(client)
    visitor.get(path)
    token = visitor.field("csrf")
    assert visitor.post_form(path + "/verify", {"invoice": "F-1001"}).status_code == 403
    assert visitor.post_form(path + "/verify", {"csrf": "forged", "invoice": "F-1001"}).status_code == 403
    stranger = Visitor(client)  # a token from someone else's page, without their cookie
    assert stranger.post_form(path + "/verify", {"csrf": token, "invoice": "F-1001"}).status_code == 403


def test_pages_need_a_session(client, keys):
    case_id = open_case(client, keys)
    path = path_of(issue_link(client, keys, case_id)["url"])
    for sub in ("/summary", "/contest", "/plan", "/plan/accept"):
        resp = client.http.get(path + sub)
        assert resp.status_code == 401 and "F-1001" not in resp.body.decode()


# --- summary -----------------------------------------------------------------------------------

def test_summary_shows_the_claim_and_nothing_sealed(client, keys):
    case_id = open_case(client, keys, collector={"kind": "agency", "name": "Recouvra SAS"},
                        creditor={"kind": "energy", "name": "Énergie Durand SA"},
                        claim={"currency": "EUR", "invoices": [
                            {"number": "F-1001", "issued_on": "2026-06-01", "due_on": "2026-07-01",
                             "amount_cents": 123456}]})
    post(client, f"/v1/cases/{case_id}/events", {"type": "note.added", "occurred_at": "2026-11-01T00:00:00Z",
                                                 "data": {"text": "Note interne: débiteur difficile"}},
         keys["collector"])
    assert post(client, f"/v1/cases/{case_id}/events", {
        "type": "mandate.recorded", "occurred_at": "2026-11-01T00:00:00Z",
        "data": {"creditor_kind": "energy", "creditor_name": "Énergie Durand SA", "signed_on": "2026-10-01"}},
        keys["collector"]).status_code == 201
    visitor, path, _ = verified(client, keys, case_id=case_id)
    resp = visitor.get(path + "/summary")
    assert resp.status_code == 200
    assert_portal_headers(resp)
    page = visitor.text
    assert 'data-testid="summary-outstanding">1\u00a0234,56\u00a0€<' in page
    assert "Recouvra SAS exerce une activité de recouvrement amiable" in page
    assert "Énergie Durand SA" in page and "L111-8" in page
    for secret in ("Josiane", "Testelin", "example.org", "Lilas", "Note interne"):
        assert secret not in page
    english = visitor.get(path + "/summary?lang=en")
    assert english.status_code == 200 and 'lang="en"' in visitor.text and "€1,234.56" in visitor.text


def test_a_session_opens_only_its_own_case(client, keys):
    visitor, path_a, _ = verified(client, keys)
    case_b = open_case(client, keys)
    path_b = path_of(issue_link(client, keys, case_b)["url"])
    assert visitor.get(path_b + "/summary").status_code == 401
    assert visitor.post_form(path_b + "/plan", {"csrf": "x", "count": "2", "first_due": "2027-01-01"}).status_code == 401


# --- contest -----------------------------------------------------------------------------------

def test_contest_with_a_pdf_records_the_dispute_and_seals_the_document(client, keys, rt, tenant, documents_dir):
    visitor, path, case_id = verified(client, keys)
    visitor.get(path + "/contest")
    for testid in ("dispute-reason", "dispute-text", "dispute-document", "dispute-submit"):
        assert f'data-testid="{testid}"' in visitor.text
    resp = visitor.post_multipart(path + "/contest", {"csrf": visitor.field("csrf"), "reason": "already_paid",
                                                      "details": "J'ai payé par virement le 3 mars."},
                                  {"document": ("preuve.pdf", "application/pdf", PDF)})
    assert resp.status_code == 201 and 'data-testid="done"' in visitor.text
    opened = [e for e in timeline(client, keys, case_id) if e["type"] == "dispute.opened"][0]
    link_id = [e for e in timeline(client, keys, case_id) if e["type"] == "portal.link.issued"][0]["data"]["link_id"]
    assert opened["actor"] == {"role": "debtor", "via": "portal", "link_id": link_id}
    document = opened["data"]["document"]
    assert document["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert document["size_bytes"] == len(PDF) and document["media_type"] == "application/pdf"
    assert opened["data"]["details"] == "J'ai payé par virement le 3 mars."
    blob = (documents_dir / tenant / f"{document['document_id']}.sealed").read_bytes()
    assert b"%PDF" not in blob
    state = get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body
    assert state["flags"]["open_dispute"] is True
    # erasure shreds the document: without the debtor's key it never opens again
    from chalicelib.services.cases import load_state

    debtor = load_state(rt, tenant, case_id).debtor_subject_id
    key = subjects.open_private_keys(rt, tenant, [debtor])[debtor]
    assert portal_documents.open_document(rt, tenant, case_id, document["document_id"], key) == PDF
    subjects.shred(rt, tenant, debtor)
    assert subjects.open_private_keys(rt, tenant, [debtor])[debtor] is None
    with pytest.raises(DecryptionFailed):
        portal_documents.open_document(rt, tenant, case_id, document["document_id"], b"\x01" * 32)
    assert visitor.get(path + "/summary").status_code == 410  # the erased debtor's link is dead


def test_the_summary_asks_for_no_payment_while_a_dispute_is_open(client, keys, documents_dir):
    visitor, path, case_id = verified(client, keys)
    visitor.get(path + "/contest")
    visitor.post_multipart(path + "/contest", {"csrf": visitor.field("csrf"), "reason": "wrong_amount",
                                               "details": "Le montant de F-1002 est faux."})
    assert visitor.get(path + "/summary").status_code == 200
    assert "Votre contestation est enregistrée" in visitor.text and 'data-testid="pay-button"' not in visitor.text


@pytest.mark.parametrize("name, label, content, status", [
    ("big.pdf", "application/pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), 413),
    ("photo.png", "image/png", b"MZ\x90\x00 not an image at all", 415),
    ("facture.pdf", "application/pdf", b"<html><script>alert(1)</script></html>", 415),
])
def test_oversized_or_mislabelled_documents_are_refused_and_nothing_is_recorded(client, keys, documents_dir,
                                                                                name, label, content, status):
    visitor, path, case_id = verified(client, keys)
    visitor.get(path + "/contest")
    before = len(timeline(client, keys, case_id))
    resp = visitor.post_multipart(path + "/contest", {"csrf": visitor.field("csrf"), "reason": "other",
                                                      "details": "voir pièce"}, {"document": (name, label, content)})
    assert resp.status_code == status
    assert len(timeline(client, keys, case_id)) == before
    assert not list(documents_dir.rglob("*.sealed"))


def test_contest_with_a_document_refuses_when_no_bucket_is_configured(client, keys, rt):
    """A Lambda stage without AL_DOCUMENTS_BUCKET answers 503 and records nothing: the dispute is
    never chained without its document, and no local directory stands in for the bucket."""
    from chalicelib.adapters.document_store import UnconfiguredDocumentStore

    original = rt.documents
    rt.documents = UnconfiguredDocumentStore()
    try:
        visitor, path, case_id = verified(client, keys)
        visitor.get(path + "/contest")
        before = len(timeline(client, keys, case_id))
        resp = visitor.post_multipart(path + "/contest", {"csrf": visitor.field("csrf"), "reason": "already_paid",
                                                          "details": "Payé le 3 mars."},
                                      {"document": ("preuve.pdf", "application/pdf", PDF)})
        assert resp.status_code == 503
        assert_portal_headers(resp)
        assert len(timeline(client, keys, case_id)) == before
    finally:
        rt.documents = original


def test_contest_needs_its_csrf_token_and_a_reason(client, keys):
    visitor, path, case_id = verified(client, keys)
    assert visitor.post_multipart(path + "/contest", {"reason": "other", "details": "x"}).status_code == 403
    visitor.get(path + "/contest")
    csrf = visitor.field("csrf")
    assert visitor.post_multipart(path + "/contest", {"csrf": csrf, "reason": "bogus", "details": "x"}).status_code == 422
    assert visitor.post_multipart(path + "/contest", {"csrf": csrf, "reason": "other", "details": " "}).status_code == 422
    assert not [e for e in timeline(client, keys, case_id) if e["type"] == "dispute.opened"]


# --- plans -------------------------------------------------------------------------------------

def _first_due(rt, days: int = 10) -> str:
    return (rt.clock.now().date() + timedelta(days=days)).isoformat()


def test_a_plan_within_policy_is_offered_and_accepted_with_evidence(client, keys, rt, tenant):
    visitor, path, case_id = verified(client, keys)
    visitor.get(path + "/plan")
    assert 'data-testid="plan-count"' in visitor.text and 'data-testid="plan-first-due"' in visitor.text
    resp = visitor.post_form(path + "/plan", {"csrf": visitor.field("csrf"), "count": "3",
                                              "first_due": _first_due(rt)})
    assert resp.status_code == 200 and 'data-testid="plan-consent"' in visitor.text
    assert not [e for e in timeline(client, keys, case_id) if e["type"].startswith("agreement.")]
    terms_sha = visitor.field("terms_sha256")
    csrf = visitor.field("csrf")
    missing = visitor.post_form(path + "/plan/accept", {"csrf": csrf, "terms_sha256": terms_sha})
    assert missing.status_code == 422 and "Cochez la case" in visitor.text
    forged = visitor.post_form(path + "/plan/accept", {"csrf": csrf, "terms_sha256": "0" * 64, "consent": "yes"})
    assert forged.status_code == 409
    resp = visitor.post_form(path + "/plan/accept", {"csrf": csrf, "terms_sha256": terms_sha, "consent": "yes"})
    assert resp.status_code == 201 and 'data-testid="done"' in visitor.text
    signed = [e for e in timeline(client, keys, case_id) if e["type"] == "agreement.signed"][0]
    assert signed["actor"]["role"] == "debtor" and signed["actor"]["via"] == "portal"
    assert [i["amount_cents"] for i in signed["data"]["installments"]] == [25000, 25000, 25000]
    evidence = signed["data"]["acceptance"]
    assert evidence["terms_sha256"] == terms_sha and evidence["terms_version"] == "portal-plan-terms/1"
    assert evidence["consent_text"].startswith("J'accepte cet échéancier")
    assert evidence["link_id"] == signed["actor"]["link_id"] and len(evidence["ip_hmac"]) == 64
    assert "198.51.100.7" not in json.dumps(signed)
    # the keyed hashes are sealed to the debtor (erasure shreds them); the rest is clear
    journal = get(client, f"/v1/audit/cases/{case_id}/journal", keys["auditor"]).body.decode()
    record = json.loads([line for line in journal.splitlines() if '"agreement.signed"' in line][0])
    assert "ip_hmac" not in record["data"]["acceptance"] and "user_agent_hmac" not in record["data"]["acceptance"]
    assert record["data"]["acceptance"]["terms_sha256"] == terms_sha
    visitor.get(path + "/summary")
    assert "Échéancier en cours" in visitor.text and "à venir" in visitor.text
    assert get(client, f"/v1/audit/cases/{case_id}/verify", keys["auditor"]).json_body["ok"] is True
    # erasure of the debtor shreds the acceptance's keyed hashes (the rest of the evidence stays)
    from chalicelib.services.cases import load_state

    subjects.shred(rt, tenant, load_state(rt, tenant, case_id).debtor_subject_id)
    shredded = [e for e in timeline(client, keys, case_id) if e["type"] == "agreement.signed"][0]["data"]["acceptance"]
    assert shredded["ip_hmac"] == "[erased]" and shredded["user_agent_hmac"] == "[erased]"
    assert shredded["terms_sha256"] == terms_sha


def test_a_plan_beyond_policy_is_proposed_to_the_collector(client, keys, rt):
    visitor, path, case_id = verified(client, keys)
    visitor.get(path + "/plan")
    resp = visitor.post_form(path + "/plan", {"csrf": visitor.field("csrf"), "count": "12",
                                              "first_due": _first_due(rt)})
    assert resp.status_code == 201 and 'data-testid="done"' in visitor.text
    proposed = [e for e in timeline(client, keys, case_id) if e["type"] == "agreement.proposed"]
    assert len(proposed) == 1 and proposed[0]["actor"]["role"] == "debtor"
    assert sum(i["amount_cents"] for i in proposed[0]["data"]["installments"]) == 75000
    assert visitor.get(path + "/plan/accept").status_code == 409  # nothing to accept: the collector answers


def test_the_tenant_sets_its_auto_approval_policy(client, keys, rt):
    assert get(client, "/v1/admin/portal-policy", keys["admin"]).json_body["policy"] == {
        "max_instalments": 6, "min_instalment_cents": 3000, "first_due_within_days": 30}
    bad = client.http.put("/v1/admin/portal-policy", headers={"Authorization": f"Bearer {keys['admin']}",
                                                              "Content-Type": "application/json"},
                          body=json.dumps({"max_instalments": 0}))
    assert bad.status_code == 422 and bad.json_body["details"][0]["pointer"] == "/max_instalments"
    ok = client.http.put("/v1/admin/portal-policy", headers={"Authorization": f"Bearer {keys['admin']}",
                                                             "Content-Type": "application/json"},
                         body=json.dumps({"max_instalments": 12}))
    assert ok.status_code == 200
    visitor, path, case_id = verified(client, keys)
    visitor.get(path + "/plan")
    resp = visitor.post_form(path + "/plan", {"csrf": visitor.field("csrf"), "count": "12",
                                              "first_due": _first_due(rt)})
    assert resp.status_code == 200 and 'data-testid="plan-accept"' in visitor.text


def test_plan_form_refuses_nonsense(client, keys, rt):
    visitor, path, case_id = verified(client, keys)
    visitor.get(path + "/plan")
    csrf = visitor.field("csrf")
    for count, first_due in (("0", _first_due(rt)), ("x", _first_due(rt)), ("3", "2020-01-01"), ("3", "tomorrow")):
        assert visitor.post_form(path + "/plan", {"csrf": csrf, "count": count, "first_due": first_due}).status_code == 422
    assert visitor.post_form(path + "/plan", {"csrf": "forged", "count": "3",
                                              "first_due": _first_due(rt)}).status_code == 403
    assert not [e for e in timeline(client, keys, case_id) if e["type"].startswith("agreement.")]


# --- pay -----------------------------------------------------------------------------------------

def test_pay_redirects_to_the_psp_and_the_way_back_shows_the_result(client, keys, orders):
    visitor, path, case_id = verified(client, keys)
    assert "Aucun paiement en cours" in client.http.get(path + "/payment-return").body.decode()
    visitor.get(path + "/summary")
    assert 'data-testid="pay-button"' in visitor.text
    csrf = visitor.field("csrf")
    assert visitor.post_form(path + "/pay", {"purpose": "outstanding"}).status_code == 403
    resp = visitor.post_form(path + "/pay", {"csrf": csrf, "purpose": "outstanding"})
    assert resp.status_code == 303
    started = orders.started[-1]
    assert resp.headers["Location"] == f"http://127.0.0.1:8002/pay/{started['order_id']}"
    assert started["amount_cents"] == 75000 and started["purpose"] == "outstanding" and started["case_id"] == case_id
    assert started["return_url"] == f"http://127.0.0.1:8000{path}/payment-return"
    stranger = Visitor(client)  # the way back works without the session cookie (cross-site return)
    resp = stranger.get(path + "/payment-return")
    assert resp.status_code == 200 and 'data-testid="done"' in stranger.text and "en cours" in stranger.text
    orders.statuses[started["order_id"]] = "paid"
    stranger.get(path + "/payment-return")
    assert "Votre paiement est accepté" in stranger.text and "F-1001" not in stranger.text


def test_rate_limits_per_link_and_per_source(client, keys, rt):
    case_id = open_case(client, keys)
    path = path_of(issue_link(client, keys, case_id)["url"])
    generous = rt.portal_settings
    try:
        rt.portal_settings = dataclasses.replace(generous, requests_per_minute_per_link=3)
        per_link = [client.http.get(path).status_code for _ in range(5)]
        rt.portal_settings = dataclasses.replace(generous, requests_per_minute_per_source=2)
        other = path_of(issue_link(client, keys, open_case(client, keys))["url"])
        per_source = [client.http.get(other).status_code for _ in range(2)] + [client.http.get("/portal/" + "B" * 43).status_code]
    finally:
        rt.portal_settings = generous
    # (a minute boundary between the requests would reset the buckets: the counts are per minute)
    assert per_link[:3] == [200, 200, 200] and per_link[3:] == [429, 429]
    assert 429 in per_source


def test_stylesheet_is_served_by_the_app(client):
    resp = client.http.get("/portal-assets/portal.css")
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith("text/css")
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
