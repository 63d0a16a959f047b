"""Issue 12 item 10: no number reaches a 500. An integer beyond 2^53-1 (or below -(2^53-1)), or a
number too large to be finite, anywhere in a body, is a 422 naming its JSON Pointer, refused by
the strict JSON parser before anything hashes (Idempotency-Key) or stores it, on every route
that takes a body. Before the fix, such an integer deep in `data` under an Idempotency-Key
raised rfc8785's IntegerDomainError and answered 500."""
from __future__ import annotations

import json

import pytest

import app as app_module
from tests.support import case_body, event, get, post

# Routes that read no body: whatever is sent is ignored, so it must merely not be a 500.
NO_BODY = {("/v1/gdpr/requests/{request_id}/assess", "POST"), ("/v1/gdpr/requests/{request_id}/lift", "POST"),
           ("/v1/admin/keys/{key_id}/revoke", "POST"),
           ("/v1/cases/{case_id}/portal-links/{link_id}/revoke", "POST"),
           ("/v1/admin/webhooks/{webhook_id}/rotate-secret", "POST"),
           ("/v1/admin/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver", "POST")}
# Routes whose body is a form, not JSON (the debtor's portal pages, the PSP's notification): a JSON
# body is refused by its content type or an unknown link; it must merely not be a 500.
FORM_BODY = {("/portal/{token}/verify", "POST"), ("/portal/{token}/contest", "POST"),
             ("/portal/{token}/plan", "POST"), ("/portal/{token}/plan/accept", "POST"),
             ("/portal/{token}/pay", "POST"), ("/portal/{token}/payment-return", "POST"),
             ("/v1/psp/payzen/ipn", "POST")}
NO_BODY |= FORM_BODY
UNSAFE = (2**53, -(2**53), 10**30, "1e400", "-1e400")


def _write_routes():
    return {(path, method) for path, entries in app_module.app.routes.items() for method in entries
            if method in ("POST", "PUT", "PATCH")}


@pytest.fixture
def world(client, keys):
    case_id = post(client, "/v1/cases", case_body(), keys["collector"]).json_body["case_id"]
    rid = post(client, "/v1/gdpr/requests", {
        "kind": "access", "subject": {"email": "josiane.testelin@example.org"}, "received_at": "2026-11-20T09:00:00Z",
        "channel": "email", "identity_verified": True}, keys["dpo"]).json_body["request_id"]
    webhook_id = post(client, "/v1/admin/webhooks", {"url": "https://hooks.example.org/numbers",
                                                     "event_types": ["case.opened"]}, keys["admin"]).json_body["webhook_id"]
    return case_id, rid, webhook_id


def _bodies(case_id: str, rid: str, webhook_id: str) -> dict:
    """(route, method) -> (role, path, a valid body, the JSON Pointer where the number goes)."""
    return {
        ("/v1/cases", "POST"): ("collector", "/v1/cases", case_body(), "/claim/invoices/0/amount_cents"),
        ("/v1/cases/{case_id}/events", "POST"): ("collector", f"/v1/cases/{case_id}/events",
                                                 event("payment.received", {"amount_cents": 1, "paid_on": "2026-11-01",
                                                                            "method": "card"}), "/data/amount_cents"),
        ("/v1/cases/{case_id}/communications/check", "POST"): (
            "collector", f"/v1/cases/{case_id}/communications/check",
            {"type": "contact.sent", "data": {"channel": "email", "recipient": {"role": "debtor"}, "text": "Bonjour.",
                                              "deep": {"er": [0, {"x": 1}]}}}, "/data/deep/er/1/x"),
        ("/v1/admin/keys", "POST"): ("admin", "/v1/admin/keys", {"role": "auditor", "n": 1}, "/n"),
        ("/v1/admin/guard-policy", "PUT"): ("admin", "/v1/admin/guard-policy", {"max_contacts_per_week": 1},
                                            "/max_contacts_per_week"),
        ("/v1/admin/controller", "PUT"): ("admin", "/v1/admin/controller", {"name": 1}, "/name"),
        ("/v1/gdpr/requests", "POST"): ("dpo", "/v1/gdpr/requests", {"kind": "access", "a/b~c": 1}, "/a~1b~0c"),
        ("/v1/gdpr/requests/{request_id}/extend", "POST"): ("dpo", f"/v1/gdpr/requests/{rid}/extend",
                                                            {"reason": "complexity", "months": 1}, "/months"),
        ("/v1/gdpr/requests/{request_id}/fulfil", "POST"): ("dpo", f"/v1/gdpr/requests/{rid}/fulfil",
                                                            {"corrects_seq": 0}, "/corrects_seq"),
        ("/v1/gdpr/requests/{request_id}/decide", "POST"): ("dpo", f"/v1/gdpr/requests/{rid}/decide",
                                                            {"decision": "erase", "basis": "x",
                                                             "override": {"reason": [1]}}, "/override/reason/0"),
        ("/v1/gdpr/requests/{request_id}/assess", "POST"): ("dpo", f"/v1/gdpr/requests/{rid}/assess", {"x": 1}, "/x"),
        ("/v1/gdpr/requests/{request_id}/lift", "POST"): ("dpo", f"/v1/gdpr/requests/{rid}/lift", {"x": 1}, "/x"),
        ("/v1/admin/keys/{key_id}/revoke", "POST"): ("admin", "/v1/admin/keys/k0000000000000000/revoke", {"x": 1}, "/x"),
        ("/v1/cases/{case_id}/portal-links", "POST"): ("collector", f"/v1/cases/{case_id}/portal-links",
                                                       {"expires_in_days": 14}, "/expires_in_days"),
        ("/v1/cases/{case_id}/portal-links/{link_id}/revoke", "POST"): (
            "collector", f"/v1/cases/{case_id}/portal-links/pl_{'0' * 32}/revoke", {"x": 1}, "/x"),
        ("/v1/admin/portal-policy", "PUT"): ("admin", "/v1/admin/portal-policy", {"max_instalments": 6},
                                             "/max_instalments"),
        ("/v1/admin/webhooks", "POST"): ("admin", "/v1/admin/webhooks", {
            "url": "https://hooks.example.org/numbers", "event_types": ["case.opened"], "description": "x"},
            "/description"),
        ("/v1/admin/webhooks/{webhook_id}", "PATCH"): ("admin", f"/v1/admin/webhooks/{webhook_id}",
                                                       {"description": "x"}, "/description"),
        ("/v1/admin/webhooks/{webhook_id}/rotate-secret", "POST"): (
            "admin", f"/v1/admin/webhooks/{webhook_id}/rotate-secret", {"x": 1}, "/x"),
        ("/v1/admin/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver", "POST"): (
            "admin", f"/v1/admin/webhooks/{webhook_id}/deliveries/0000000000000-000000000000/redeliver", {"x": 1}, "/x"),
        **{(route, "POST"): ("collector", route.replace("{token}", "A" * 43), {"x": 1}, "/x")
           for route, _method in FORM_BODY},
    }


def _with_number(body: dict, pointer: str, number) -> str:
    """The body's JSON text with the value at ``pointer`` replaced by the literal ``number``."""
    marker = "__NUMBER__"
    doc = json.loads(json.dumps(body))
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    node = doc
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    last = parts[-1]
    node[int(last) if isinstance(node, list) else last] = marker
    return json.dumps(doc).replace(f'"{marker}"', str(number))


def test_every_route_with_a_body_refuses_numbers_outside_the_interoperable_range(client, keys, world):
    bodies = _bodies(*world)
    assert set(bodies) == _write_routes(), "a new POST/PUT route must be added here"
    failures = []
    for (route, method), (role, path, body, pointer) in sorted(bodies.items()):
        for i, number in enumerate(UNSAFE):
            idem = f"num-{method}-{route}-{i}"
            text = _with_number(body, pointer, number)
            resp = getattr(client.http, method.lower())(path, body=text, headers={
                "Authorization": f"Bearer {keys[role]}", "Content-Type": "application/json", "Idempotency-Key": idem})
            if resp.status_code >= 500:
                failures.append(f"{method} {route} {number}: {resp.status_code}")
            elif (route, method) not in NO_BODY:
                details = resp.json_body.get("details", []) if resp.status_code == 422 else []
                if resp.status_code != 422 or [d["pointer"] for d in details] != [pointer]:
                    failures.append(f"{method} {route} {number}: {resp.status_code} {resp.body[:200]!r}")
    assert not failures, "\n".join(failures)


def test_refused_before_hashing_or_storing(client, keys, world):
    """The deep integer of the bug report, under an Idempotency-Key: 422, and the key is still
    free (nothing claimed), the case unchanged."""
    case_id, *_ = world
    before = get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]
    deep = '{"type":"note.added","occurred_at":"2026-11-20T09:00:00Z","data":{"text":"x","x":{"y":[9007199254740993]}}}'
    resp = post(client, f"/v1/cases/{case_id}/events", deep, keys["collector"], **{"Idempotency-Key": "deep-1"})
    assert resp.status_code == 422, resp.body
    assert resp.json_body["details"] == [{"pointer": "/data/x/y/0", "message": resp.json_body["details"][0]["message"]}]
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"] == before
    ok = post(client, f"/v1/cases/{case_id}/events", event("note.added", {"text": "ok"}), keys["collector"],
              **{"Idempotency-Key": "deep-1"})
    assert ok.status_code == 201, ok.body  # not a 409 key reuse: the refused request claimed nothing


def test_edges_of_the_range_are_accepted_by_the_parser(client, keys, world):
    case_id, *_ = world
    for number in (2**53 - 1, -(2**53 - 1)):
        text = _with_number({"type": "note.added", "occurred_at": "2026-11-20T09:00:00Z", "data": {"text": "x"}},
                            "/data/text", number)
        resp = post(client, f"/v1/cases/{case_id}/events", text, keys["collector"])
        # the schema refuses a number where text is expected; the parser let it through
        assert resp.status_code == 422 and resp.json_body["details"][0]["message"] == "must be of type string"
