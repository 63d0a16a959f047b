"""Every route x every role x own/other tenant, plus no key, a bad key and a revoked key: the
exact status of each cell. A new route must be added here (the first test checks coverage)."""
from __future__ import annotations

import json

import pytest

import app as app_module
from chalicelib.services import auth, transparency
from tests.support import case_body, event

ROLES = ("collector", "auditor", "dpo", "admin")
CONTROLLER = {"name": "Énergie Durand SA", "address": "1 rue de la Paix, 75002 Paris",
              "contact_email": "contact@example.org", "dpo_contact": "dpo@example.org"}


def _routes():
    return {(path, method) for path, entries in app_module.app.routes.items() for method in entries}


class World:
    """A tenant with a case, a GDPR request and a checkpoint; and another tenant."""

    def __init__(self, client, rt, tenant):
        self.client = client
        self.keys = {role: auth.create_api_key(rt, tenant, role)[1] for role in ROLES}
        self.other = {role: auth.create_api_key(rt, tenant + "-x", role)[1] for role in ROLES}
        revoked_id, self.revoked = auth.create_api_key(rt, tenant, "collector")
        auth.revoke_api_key(rt, revoked_id)
        self.case_id = self.call("POST", "/v1/cases", self.keys["collector"], case_body())[0]
        self.case_id = self.last["case_id"]
        self.call("POST", "/v1/gdpr/requests", self.keys["dpo"], {
            "kind": "access", "subject": {"email": "josiane.testelin@example.org"},
            "received_at": "2026-11-20T09:00:00Z", "channel": "email", "identity_verified": True})
        self.request_id = self.last["request_id"]
        self.call("PUT", "/v1/admin/controller", self.keys["admin"], CONTROLLER)
        hook = {"url": "https://hooks.example.org/ledger", "event_types": ["payment.received"]}
        self.call("POST", "/v1/admin/webhooks", self.keys["admin"], hook)
        self.webhook_id = self.last["webhook_id"]
        self.call("POST", "/v1/admin/webhooks", self.keys["admin"], hook)
        self.doomed_webhook_id = self.last["webhook_id"]
        transparency.integrate_local_stream(rt)
        self.signed_size = transparency.latest_checkpoint(rt, tenant)["tree_size"]

    def call(self, method, path, key, body=None):
        headers = {"Content-Type": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        raw = json.dumps(body) if body is not None else ("{}" if method in ("POST", "PUT") else None)
        resp = getattr(self.client.http, method.lower())(path, headers=headers, body=raw)
        self.last = resp.json_body if resp.headers.get("Content-Type", "").startswith("application/json") else None
        return resp.status_code, resp


# route -> (allowed roles, success status, (path, body)); OTHER below: the status an allowed role
# of another tenant gets (404 where the resource belongs to the first tenant).
def _spec(w):
    c, r, h = w.case_id, w.request_id, w.webhook_id
    note = event("note.added", {"text": "matrix"})
    return {
        ("/v1/health", "GET"): ((), 200, ("/v1/health", None)),
        ("/v1/cases", "POST"): (("collector",), 201, ("/v1/cases", case_body())),
        ("/v1/cases/{case_id}", "GET"): (("collector", "dpo"), 200, (f"/v1/cases/{c}", None)),
        ("/v1/cases/{case_id}/events", "POST"): (("collector",), 201, (f"/v1/cases/{c}/events", note)),
        ("/v1/cases/{case_id}/events", "GET"): (("collector", "dpo"), 200, (f"/v1/cases/{c}/events", None)),
        ("/v1/cases/{case_id}/contact-window", "GET"): (("collector",), 200, (
            f"/v1/cases/{c}/contact-window?channel=letter", None)),
        ("/v1/cases/{case_id}/communications/check", "POST"): (("collector",), 200, (
            f"/v1/cases/{c}/communications/check",
            {"type": "contact.sent", "data": {"channel": "email", "recipient": {"role": "debtor"}, "text": "Bonjour."}})),
        ("/v1/audit/cases/{case_id}/journal", "GET"): (("auditor",), 200, (f"/v1/audit/cases/{c}/journal", None)),
        ("/v1/audit/cases/{case_id}/verify", "GET"): (("auditor",), 200, (f"/v1/audit/cases/{c}/verify", None)),
        ("/v1/audit/checkpoints/latest", "GET"): (("auditor",), 200, ("/v1/audit/checkpoints/latest", None)),
        ("/v1/audit/checkpoint-key", "GET"): (("auditor",), 200, ("/v1/audit/checkpoint-key", None)),
        ("/v1/audit/proofs/inclusion", "GET"): (("auditor",), 200, (
            f"/v1/audit/proofs/inclusion?case_id={c}&seq=0&tree_size=1", None)),
        ("/v1/audit/proofs/consistency", "GET"): (("auditor",), 200, ("/v1/audit/proofs/consistency?first=1&second=1", None)),
        ("/v1/audit/proofs/case-head", "GET"): (("auditor",), 200, (
            f"/v1/audit/proofs/case-head?case_id={c}&tree_size={w.signed_size}", None)),
        ("/v1/audit/journal", "GET"): (("auditor",), 200, ("/v1/audit/journal", None)),
        ("/v1/gdpr/requests", "POST"): (("dpo",), 201, ("/v1/gdpr/requests", {
            "kind": "access", "subject": {"email": "someone@example.org"}, "received_at": "2026-11-20T09:00:00Z",
            "channel": "email", "identity_verified": True})),
        ("/v1/gdpr/requests", "GET"): (("dpo",), 200, ("/v1/gdpr/requests", None)),
        ("/v1/gdpr/requests/{request_id}", "GET"): (("dpo",), 200, (f"/v1/gdpr/requests/{r}", None)),
        ("/v1/gdpr/requests/{request_id}/extend", "POST"): (("dpo",), 200, (
            f"/v1/gdpr/requests/{r}/extend", {"reason": "complexity", "months": 1})),
        ("/v1/gdpr/requests/{request_id}/fulfil", "POST"): (("dpo",), 200, (f"/v1/gdpr/requests/{r}/fulfil", None)),
        ("/v1/gdpr/requests/{request_id}/assess", "POST"): (("dpo",), 409, (f"/v1/gdpr/requests/{r}/assess", None)),
        ("/v1/gdpr/requests/{request_id}/decide", "POST"): (("dpo",), 409, (
            f"/v1/gdpr/requests/{r}/decide", {"decision": "refuse", "basis": "x"})),
        ("/v1/gdpr/requests/{request_id}/lift", "POST"): (("dpo",), 409, (f"/v1/gdpr/requests/{r}/lift", None)),
        ("/v1/admin/keys", "POST"): (("admin",), 201, ("/v1/admin/keys", {"role": "auditor"})),
        ("/v1/admin/keys/{key_id}/revoke", "POST"): (("admin",), 404, ("/v1/admin/keys/k0000000000000000/revoke", None)),
        ("/v1/admin/guard-policy", "GET"): (("admin",), 200, ("/v1/admin/guard-policy", None)),
        ("/v1/admin/guard-policy", "PUT"): (("admin",), 200, ("/v1/admin/guard-policy", {"quiet_start": "20:30"})),
        ("/v1/admin/controller", "GET"): (("admin", "dpo"), 200, ("/v1/admin/controller", None)),
        ("/v1/admin/controller", "PUT"): (("admin",), 200, ("/v1/admin/controller", CONTROLLER)),
        ("/v1/admin/controller/versions", "GET"): (("admin", "dpo"), 200, ("/v1/admin/controller/versions", None)),
        # a PSP's signature authenticates, never an API key: any key gets the same answer (JSON: 415)
        ("/v1/psp/payzen/ipn", "POST"): ((), 415, ("/v1/psp/payzen/ipn", None)),
        ("/v1/cases/{case_id}/portal-links", "POST"): (("collector",), 201, (f"/v1/cases/{c}/portal-links", {})),
        ("/v1/cases/{case_id}/portal-links/{link_id}/revoke", "POST"): (("collector",), 404, (
            f"/v1/cases/{c}/portal-links/pl_{'0' * 32}/revoke", None)),
        ("/v1/admin/portal-policy", "GET"): (("admin",), 200, ("/v1/admin/portal-policy", None)),
        ("/v1/admin/portal-policy", "PUT"): (("admin",), 200, ("/v1/admin/portal-policy", {"max_instalments": 6})),
        # the debtor's portal: a link and a session cookie, never an API key (any key: same page)
        **{(route, method): ((), status, (route.replace("{token}", "A" * 43), None)) for route, method, status in (
            ("/portal-assets/portal.css", "GET", 200), ("/portal/{token}", "GET", 404),
            ("/portal/{token}/verify", "POST", 404), ("/portal/{token}/summary", "GET", 404),
            ("/portal/{token}/contest", "GET", 404), ("/portal/{token}/contest", "POST", 404),
            ("/portal/{token}/plan", "GET", 404), ("/portal/{token}/plan", "POST", 404),
            ("/portal/{token}/plan/accept", "GET", 404), ("/portal/{token}/plan/accept", "POST", 404),
            ("/portal/{token}/pay", "POST", 404), ("/portal/{token}/payment-return", "GET", 404),
            ("/portal/{token}/payment-return", "POST", 404))},
        ("/v1/cases/{case_id}/events/{seq}/receipt", "GET"): (("collector", "auditor"), 200, (
            f"/v1/cases/{c}/events/0/receipt", None)),
        ("/v1/admin/webhooks", "POST"): (("admin",), 201, ("/v1/admin/webhooks", {
            "url": "https://hooks.example.org/other", "event_types": ["case.opened"]})),
        ("/v1/admin/webhooks", "GET"): (("admin",), 200, ("/v1/admin/webhooks", None)),
        ("/v1/admin/webhooks/{webhook_id}", "GET"): (("admin",), 200, (f"/v1/admin/webhooks/{h}", None)),
        ("/v1/admin/webhooks/{webhook_id}", "PATCH"): (("admin",), 200, (
            f"/v1/admin/webhooks/{h}", {"description": "matrix"})),
        ("/v1/admin/webhooks/{webhook_id}", "DELETE"): (("admin",), 204, (
            f"/v1/admin/webhooks/{w.doomed_webhook_id}", None)),
        ("/v1/admin/webhooks/{webhook_id}/rotate-secret", "POST"): (("admin",), 200, (
            f"/v1/admin/webhooks/{h}/rotate-secret", None)),
        ("/v1/admin/webhooks/{webhook_id}/deliveries", "GET"): (("admin",), 200, (
            f"/v1/admin/webhooks/{h}/deliveries", None)),
        ("/v1/admin/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver", "POST"): (("admin",), 404, (
            f"/v1/admin/webhooks/{h}/deliveries/0000000000000-000000000000/redeliver", None)),
    }


OTHER = {
    "/v1/cases/{case_id}": 404, "/v1/cases/{case_id}/events": 404, "/v1/cases/{case_id}/communications/check": 404,
    "/v1/cases/{case_id}/contact-window": 404,
    "/v1/audit/cases/{case_id}/journal": 404, "/v1/audit/cases/{case_id}/verify": 404,
    "/v1/audit/proofs/inclusion": 404, "/v1/gdpr/requests/{request_id}": 404,
    "/v1/gdpr/requests/{request_id}/extend": 404, "/v1/gdpr/requests/{request_id}/fulfil": 404,
    "/v1/gdpr/requests/{request_id}/assess": 404, "/v1/gdpr/requests/{request_id}/decide": 404,
    "/v1/gdpr/requests/{request_id}/lift": 404, "/v1/cases/{case_id}/portal-links": 404,
    "/v1/audit/checkpoints/latest": 404,     # the other tenant's log is empty
    "/v1/audit/proofs/consistency": 422,     # sizes beyond the other tenant's (empty) log
    "/v1/audit/proofs/case-head": 422,       # a size beyond the other tenant's (empty) log
    ("/v1/admin/controller", "GET"): 404,    # the other tenant has named no controller
    "/v1/cases/{case_id}/events/{seq}/receipt": 404,
    "/v1/admin/webhooks/{webhook_id}": 404, "/v1/admin/webhooks/{webhook_id}/rotate-secret": 404,
    "/v1/admin/webhooks/{webhook_id}/deliveries": 404,
}


@pytest.fixture
def world(client, rt, tenant):
    return World(client, rt, tenant)


def test_every_route_is_in_the_matrix(world):
    assert set(_spec(world)) == _routes()


def test_matrix(world, monkeypatch):
    # The matrix sends ~170 requests from the test client's one source address within a minute;
    # the portal's per-source limit (120 a minute, tested in test_portal_*) would answer 429 to
    # the later ones once the suite runs fast enough. Who may call what is the question here.
    from chalicelib.services.portal import sessions
    monkeypatch.setattr(sessions, "throttle", lambda *args, **kwargs: None)
    failures = []
    for (route, method), (allowed, success, (path, body)) in sorted(_spec(world).items()):
        cells = []
        if allowed:
            cells += [("no key", None, 401), ("bad key", "alk.k0000000000000000." + "A" * 43, 401),
                      ("revoked key", world.revoked, 401)]
        for role in ROLES:
            own = success if (not allowed or role in allowed) else 403
            cells.append((f"{role} own tenant", world.keys[role], own))
            if allowed:
                other = 403 if role not in allowed else OTHER.get((route, method), OTHER.get(route, success))
                cells.append((f"{role} other tenant", world.other[role], other))
        for label, key, expected in cells:
            status, resp = world.call(method, path, key, body)
            if status != expected:
                failures.append(f"{method} {route} [{label}]: {status} != {expected} {resp.body[:120]!r}")
    assert not failures, "\n".join(failures)
