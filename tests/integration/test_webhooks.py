"""Outbound webhooks end to end on DynamoDB Local: a receiver written with `standardwebhooks`
gets every event type, in order per case, across an outage and a dispatcher crash, and nothing
of another tenant; the admin routes; giving up after 3 days; secret rotation."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from standardwebhooks import Webhook

from chalicelib.services import auth, transparency, webhook_delivery, webhooks
from tests.support import DEBTOR, case_body, event, get, post
from tests.webhook_receiver import Receiver, in_order_per_case

DEBTOR2 = {"kind": "person", "name": "Gaspard Webhook", "email": "gaspard.webhook@example.org",
           "phone": "+33 6 55 44 33 22"}
LAWFUL = "Bonjour, la facture F-1001 reste impayée. Merci de nous contacter pour convenir d'un échéancier."
CONTROLLER = {"name": "Énergie Durand SA", "address": "1 rue de la Paix, 75002 Paris",
              "contact_email": "contact@example.org", "dpo_contact": "dpo@example.org"}


def admin_call(client, key, method, path, body=None):
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    return getattr(client.http, method)(path, headers=headers, body=json.dumps(body) if body is not None else None)


def register_webhook(client, admin_key, url, types=None) -> tuple[str, str]:
    resp = admin_call(client, admin_key, "post", "/v1/admin/webhooks",
                      {"url": url, "event_types": list(types or webhooks.subscribable_types()),
                       "description": "test receiver"})
    assert resp.status_code == 201, resp.body
    assert set(resp.json_body) == {"webhook_id", "secret"}
    return resp.json_body["webhook_id"], resp.json_body["secret"]


def pump(rt, until, timeout_s=90.0):
    """Run the local dispatcher (fan-out + deliveries) until ``until()`` holds."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        webhook_delivery.run_local_once(rt)
        if until():
            return
        time.sleep(0.2)
    raise AssertionError("webhooks not delivered in time")


def ok(resp, status=201):
    assert resp.status_code == status, resp.body
    return resp.json_body


def every_event_type(client, keys, rt) -> list[str]:
    """Record every ledger event type in the tenant of ``keys``; returns the case ids."""
    c = keys["collector"]
    ok(client.http.put("/v1/admin/controller", headers={"Authorization": f"Bearer {keys['admin']}",
                                                        "Content-Type": "application/json"},
                       body=json.dumps(CONTROLLER)), 200)
    case_id = ok(post(client, "/v1/cases", case_body(), c))["case_id"]

    def append(kind, data, at=None, status=201):
        ok(post(client, f"/v1/cases/{case_id}/events", event(kind, data, at), c), status)

    append("contact.sent", {"channel": "email", "recipient": {"role": "debtor"}, "text": LAWFUL},
           "2026-11-17T10:00:00+01:00")
    append("formal_notice.sent", {"channel": "letter", "text": "Mise en demeure de payer sous 8 jours.",
                                  "deadline_days": 8}, "2026-11-18T10:00:00+01:00")
    append("contact.sent", {"channel": "email", "recipient": {"role": "debtor"},
                            "text": "Sans paiement sous 48h, un huissier saisira vos meubles."},
           "2026-11-19T10:00:00+01:00", status=422)  # recorded as guard.blocked
    append("contact.received", {"channel": "letter", "summary": "La débitrice conteste."})
    append("dispute.opened", {"reason": "montant contesté"})
    append("dispute.resolved", {"outcome": "copie de facture envoyée"})
    append("title.obtained", {"kind": "payment_order", "reference": "RG 26/01234", "obtained_on": "2026-11-02"})
    append("mandate.recorded", {"creditor_kind": "energy", "creditor_name": "Énergie Durand SA",
                                "signed_on": "2026-10-01"})
    append("preferences.updated", {"opted_out_channels": ["sms"]})
    append("vulnerability.flagged", {"reason": "situation de santé"})
    append("vulnerability.cleared", {})
    append("legal_hold.placed", {"reason": "audit"})
    append("legal_hold.lifted", {})
    append("insolvency.flagged", {"kind": "overindebtedness", "reference": "BDF-75-2026-1", "opened_on": "2026-11-10"})
    append("insolvency.lifted", {})
    append("promise.made", {"amount_cents": 20000, "due_on": "2026-12-15"})
    append("payment.received", {"amount_cents": 15000, "paid_on": "2026-11-20", "method": "transfer"})
    plan = [{"due_on": "2027-01-05", "amount_cents": 30000}, {"due_on": "2027-02-05", "amount_cents": 30000}]
    append("agreement.proposed", {"installments": plan})
    append("agreement.signed", {"installments": plan, "signed_by": "Josiane Testelin"})
    append("note.added", {"text": "Échéancier signé."})
    # the debtor's portal: a link issued then revoked (portal.link.issued, portal.link.revoked)
    link_id = ok(post(client, f"/v1/cases/{case_id}/portal-links", {"expires_in_days": 7}, c))["link_id"]
    ok(post(client, f"/v1/cases/{case_id}/portal-links/{link_id}/revoke", {}, c), 200)

    other = ok(post(client, "/v1/cases", case_body(debtor=dict(DEBTOR2)), c))["case_id"]
    d = keys["dpo"]

    def request(kind):
        return ok(post(client, "/v1/gdpr/requests", {
            "kind": kind, "subject": {"email": DEBTOR2["email"]}, "received_at": "2026-11-20T09:00:00Z",
            "channel": "email", "identity_verified": True}, d))["request_id"]

    rid = request("rectification")
    ok(post(client, f"/v1/gdpr/requests/{rid}/fulfil", {"case_id": other, "corrects_seq": 0,
                                                         "changes": {"/debtor/phone": "+33 6 00 00 00 01"}}, d), 200)
    rid = request("restriction")
    ok(post(client, f"/v1/gdpr/requests/{rid}/fulfil", {}, d), 200)
    ok(post(client, f"/v1/gdpr/requests/{rid}/lift", {}, d), 200)
    rid = request("access")
    ok(post(client, f"/v1/gdpr/requests/{rid}/extend", {"reason": "complexity", "months": 1}, d), 200)
    rid = request("erasure")
    ok(post(client, f"/v1/gdpr/requests/{rid}/assess", {}, d), 200)
    ok(post(client, f"/v1/gdpr/requests/{rid}/decide", {
        "decision": "erase", "basis": "Art. 17(1)(a)",
        "override": {"reason": "Creditor waived the claim in writing (settlement)."}}, d), 200)
    append("case.closed", {"reason": "paid"})
    # a request whose one-month deadline is 3 days away: gdpr.request.due_soon
    received = (datetime.now(timezone.utc) - timedelta(days=27)).strftime("%Y-%m-%dT%H:%M:%SZ")
    ok(post(client, "/v1/gdpr/requests", {"kind": "access", "subject": {"email": DEBTOR2["email"]},
                                          "received_at": received, "channel": "email", "identity_verified": True}, d))
    return [case_id, other]


def test_receiver_gets_every_type_in_order_across_an_outage_and_nothing_of_another_tenant(client, rt, keys, tenant):
    other_tenant = tenant + "-b"
    other_keys = {role: auth.create_api_key(rt, other_tenant, role)[1] for role in ("collector", "admin")}
    with Receiver() as receiver:
        _, secret = register_webhook(client, keys["admin"], receiver.url("/a"))
        _, other_secret = register_webhook(client, other_keys["admin"], receiver.url("/b"))
        receiver.secrets = {"/a": [secret], "/b": [other_secret]}
        receiver.failing = True  # the receiver is down while the events are recorded
        case_ids = every_event_type(client, keys, rt)
        other_case = ok(post(client, "/v1/cases", case_body(), other_keys["collector"]))["case_id"]
        ok(post(client, f"/v1/cases/{other_case}/events", event(
            "payment.received", {"amount_cents": 100, "paid_on": "2026-11-20", "method": "card"}),
            other_keys["collector"]))
        for _ in range(4):
            webhook_delivery.run_local_once(rt)
            time.sleep(0.3)
        assert receiver.attempts > 0 and not receiver.events
        receiver.failing = False
        transparency.integrate_local_stream(rt)  # signs a checkpoint: checkpoint.signed
        webhook_delivery.gdpr_deadlines(rt)  # gdpr.request.due_soon
        wanted = set(webhooks.subscribable_types())
        pump(rt, lambda: {e["type"] for e in receiver.unique("/a")} >= wanted
             and len(receiver.unique("/b")) >= 2)

    mine = receiver.unique("/a")
    assert {e["type"] for e in mine} == wanted
    assert all(e["tenant_id"] == tenant for e in mine)
    assert all(e["tenant_id"] == other_tenant for e in receiver.unique("/b"))
    assert other_case not in {e.get("case_id") for e in mine}
    assert not receiver.rejected  # every delivery verified with its endpoint's own secret
    assert in_order_per_case(mine)
    for case_id in case_ids:  # every record of the case, from seq 0, once or more
        seqs = [e["seq"] for e in mine if e.get("case_id") == case_id]
        assert seqs == list(range(len(seqs))) and seqs
    # thin events: no personal data, even though the records carry sealed names and texts
    bodies = b"".join(body for path, body, _ in receiver.raw)
    for value in (DEBTOR["name"], DEBTOR["email"], DEBTOR2["name"], DEBTOR2["email"], "huissier", LAWFUL[:20]):
        assert value.encode() not in bodies
    sample = next(e for e in mine if e["type"] == "payment.received")
    assert {"id", "type", "tenant_id", "case_id", "seq", "hash", "occurred_at", "recorded_at"} <= set(sample)
    assert sample["data"] == {"amount_cents": 15000, "paid_on": "2026-11-20", "method": "transfer"}
    assert sample["id"] == sample["_webhook_id"]


def test_delivery_log_and_redelivery(client, rt, keys):
    with Receiver() as receiver:
        webhook_id, secret = register_webhook(client, keys["admin"], receiver.url("/log"), ["case.opened"])
        receiver.secrets = {"/log": [secret]}
        receiver.failing = True
        ok(post(client, "/v1/cases", case_body(), keys["collector"]))
        pump(rt, lambda: receiver.attempts >= 1)
        receiver.failing = False
        pump(rt, lambda: len(receiver.events.get("/log", [])) >= 1)
        rows = ok(get(client, f"/v1/admin/webhooks/{webhook_id}/deliveries", keys["admin"]), 200)["deliveries"]
        assert {r["status_code"] for r in rows} >= {500, 204}
        for row in rows:  # the contract's fields, and no body of any kind
            assert {"delivery_id", "event_id", "status_code", "attempted_at", "latency_ms"} <= set(row)
            assert not {"body", "payload", "response"} & set(row)
        assert rows[0]["attempted_at"] >= rows[-1]["attempted_at"]  # newest first
        delivered = next(r for r in rows if r["status_code"] == 204)
        resp = post(client, f"/v1/admin/webhooks/{webhook_id}/deliveries/{delivered['delivery_id']}/redeliver",
                    {}, keys["admin"])
        assert ok(resp, 202)["event_id"] == delivered["event_id"]
        pump(rt, lambda: len(receiver.events["/log"]) >= 2)
        first, again = receiver.events["/log"][:2]
        assert first["_webhook_id"] == again["_webhook_id"] == delivered["event_id"]  # the receiver dedupes


def test_rotation_signs_with_both_secrets_for_24_hours(client, rt, keys):
    with Receiver() as receiver:
        webhook_id, old = register_webhook(client, keys["admin"], receiver.url("/rot"), ["case.opened"])
        rotated = ok(post(client, f"/v1/admin/webhooks/{webhook_id}/rotate-secret", {}, keys["admin"]), 200)
        new = rotated["secret"]
        assert new != old and rotated["previous_secret_valid_until"] > datetime.now(timezone.utc).isoformat()[:19]
        receiver.secrets = {"/rot": [new]}
        ok(post(client, "/v1/cases", case_body(), keys["collector"]))
        pump(rt, lambda: receiver.events.get("/rot"))
        _, body, headers = receiver.raw[-1]
        assert len(headers["webhook-signature"].split(" ")) == 2
        Webhook(old).verify(body, headers)  # a receiver that has not switched yet still verifies
        Webhook(new).verify(body, headers)
        assert "secret" not in ok(get(client, f"/v1/admin/webhooks/{webhook_id}", keys["admin"]), 200)


def test_endpoint_disabled_after_three_days_of_failures_and_the_tenant_sees_why(client, rt, keys, tenant):
    with Receiver() as receiver:
        webhook_id, secret = register_webhook(client, keys["admin"], receiver.url("/dead"), ["case.opened"])
        receiver.secrets = {"/dead": [secret]}
        receiver.failing = True
        case_id = ok(post(client, "/v1/cases", case_body(), keys["collector"]))["case_id"]
        webhook_delivery.run_local_once(rt)  # fan-out (and a first failed attempt)
        # the same event, queued three days and a minute ago, fails once more: give up
        group, dedup, body = webhook_delivery._message(tenant, webhook_id, "evt_old", "case.opened",
                                                      {"kind": "ledger", "case_id": case_id, "seq": 0}, case_id)
        body["enqueued_at"] = time.time() - 3 * 86400 - 60
        assert webhook_delivery.deliver(rt, body, 9, rt.webhook_sender()) is None
        hook = ok(get(client, f"/v1/admin/webhooks/{webhook_id}", keys["admin"]), 200)
        assert hook["enabled"] is False and "3 days" in hook["disabled_reason"] and hook["disabled_at"]
        # while disabled, queued deliveries are logged as not sent; re-enabling and redelivering works
        receiver.failing = False
        pump(rt, lambda: any(r["error"] and "disabled" in r["error"] for r in ok(get(
            client, f"/v1/admin/webhooks/{webhook_id}/deliveries", keys["admin"]), 200)["deliveries"]))
        skipped = next(r for r in ok(get(client, f"/v1/admin/webhooks/{webhook_id}/deliveries", keys["admin"]),
                                     200)["deliveries"] if r["error"] and "disabled" in r["error"])
        assert skipped["status_code"] is None
        resp = admin_call(client, keys["admin"], "patch", f"/v1/admin/webhooks/{webhook_id}", {"enabled": True})
        assert ok(resp, 200)["enabled"] is True and resp.json_body["disabled_reason"] is None
        ok(post(client, f"/v1/admin/webhooks/{webhook_id}/deliveries/{skipped['delivery_id']}/redeliver", {},
                keys["admin"]), 202)
        pump(rt, lambda: receiver.events.get("/dead"))


@pytest.mark.parametrize("body,pointer", [
    ({"url": "ftp://hooks.example.org/x", "event_types": ["case.opened"]}, "/url"),
    ({"url": "https://10.0.0.7/x", "event_types": ["case.opened"]}, "/url"),
    ({"url": "https://169.254.169.254/latest", "event_types": ["case.opened"]}, "/url"),
    ({"url": "https://[::ffff:169.254.169.254]/x", "event_types": ["case.opened"]}, "/url"),
    ({"url": "https://user:pw@hooks.example.org/x", "event_types": ["case.opened"]}, "/url"),
    ({"url": "https://hooks.example.org/x", "event_types": ["case.opend"]}, "/event_types/0"),
    ({"url": "https://hooks.example.org/x", "event_types": []}, "/event_types"),
    ({"url": "https://hooks.example.org/x"}, "/event_types"),
    ({"url": "https://hooks.example.org/x", "event_types": ["case.opened"], "secret": "mine"}, "/secret"),
])
def test_bad_registrations_are_refused_naming_the_field(client, keys, body, pointer):
    resp = post(client, "/v1/admin/webhooks", body, keys["admin"])
    assert resp.status_code == 422, resp.body
    assert pointer in [d["pointer"] for d in resp.json_body["details"]], resp.json_body


def test_admin_routes(client, keys):
    webhook_id, _ = register_webhook(client, keys["admin"], "https://hooks.example.org/ledger", ["payment.received"])
    listed = ok(get(client, "/v1/admin/webhooks", keys["admin"]), 200)["webhooks"]
    assert [w["webhook_id"] for w in listed] == [webhook_id] and "secret" not in json.dumps(listed)
    patched = ok(admin_call(client, keys["admin"], "patch", f"/v1/admin/webhooks/{webhook_id}",
                            {"event_types": ["case.closed", "checkpoint.signed"], "enabled": False}), 200)
    assert patched["event_types"] == ["case.closed", "checkpoint.signed"] and patched["enabled"] is False
    assert admin_call(client, keys["admin"], "patch", f"/v1/admin/webhooks/{webhook_id}", {}).status_code == 422
    assert admin_call(client, keys["admin"], "patch", f"/v1/admin/webhooks/{webhook_id}",
                      {"url": "http://hooks.example.org/x"}).status_code == 422  # plain http: loopback only
    assert admin_call(client, keys["admin"], "delete", f"/v1/admin/webhooks/{webhook_id}").status_code == 204
    assert get(client, f"/v1/admin/webhooks/{webhook_id}", keys["admin"]).status_code == 404


@pytest.mark.skipif(sys.platform == "win32", reason="process groups")
def test_dispatcher_crash_mid_batch_loses_nothing(client, rt, keys, settings):
    """The `make run` dispatcher (a separate process) is killed while it posts a batch; after a
    restart every event arrives, in order per case."""
    with Receiver() as receiver:
        webhook_id, secret = register_webhook(client, keys["admin"], receiver.url("/crash"))
        receiver.secrets = {"/crash": [secret]}
        receiver.delay_s = 0.4  # a slow receiver: the kill lands while a batch is being posted
        case_id = ok(post(client, "/v1/cases", case_body(), keys["collector"]))["case_id"]
        for i in range(8):
            ok(post(client, f"/v1/cases/{case_id}/events", event("note.added", {"text": f"note {i}"}),
                    keys["collector"]))
        env = {**os.environ, "AL_STAGE": "local", "AL_DYNAMODB_ENDPOINT": settings.dynamodb_endpoint,
               "AL_TABLE_PREFIX": settings.table_prefix, "AL_KEY_PROVIDER": "local",
               "AL_LOCAL_KEY_FILE": settings.local_key_file, "AL_CHECKPOINT_KEY_FILE": settings.checkpoint_key_file,
               "AL_LOG_NAME": settings.log_name, "AL_WEBHOOK_ALLOW_LOOPBACK": "1",
               "AL_WEBHOOK_VISIBILITY_S": "2", "AL_WEBHOOK_RETRY_BASE_S": "0.2"}
        ledger = str(Path(sys.executable).parent / "ledger")

        def start():
            return subprocess.Popen([ledger, "webhooks", "dispatch", "--follow", "--interval", "0.2"], env=env,
                                    start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        proc = start()
        try:
            deadline = time.monotonic() + 60
            while receiver.attempts < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert receiver.attempts >= 3
            os.killpg(proc.pid, signal.SIGKILL)  # mid-batch: messages received, not all posted
            proc.wait(timeout=10)
            got = len(receiver.unique("/crash"))
            assert got < 9, "the batch finished before the kill: nothing was tested"
            proc = start()
            deadline = time.monotonic() + 60
            while len(receiver.unique("/crash")) < 9 and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
    events = receiver.unique("/crash")
    assert [e["seq"] for e in events if e["case_id"] == case_id] == list(range(9))
    assert in_order_per_case(events)


def test_dispatcher_partial_batch_stops_a_group_at_its_first_failure(client, rt, keys, tenant):
    """The Lambda handler's contract with SQS FIFO: a failed message and the later messages of its
    group are reported (the failed one with its back-off), other groups go on."""
    from chalicelib.adapters.webhook_http import SendResult
    from chalicelib.adapters.webhook_store import QueuedMessage

    webhook_id, _ = register_webhook(client, keys["admin"], "https://hooks.example.org/batch", ["note.added"])
    cases = [ok(post(client, "/v1/cases", case_body(), keys["collector"]))["case_id"] for _ in range(2)]
    for case_id in cases:
        for i in range(2):
            ok(post(client, f"/v1/cases/{case_id}/events", event("note.added", {"text": f"n{i}"}), keys["collector"]))

    def message(n, case_id, seq):
        group, _, body = webhook_delivery._message(tenant, webhook_id, f"evt_{n}", "note.added",
                                                  {"kind": "ledger", "case_id": case_id, "seq": seq}, case_id)
        return QueuedMessage(f"m{n}", group, body, 1, f"h{n}")

    batch = [message(1, cases[0], 1), message(2, cases[1], 1), message(3, cases[0], 2), message(4, cases[1], 2)]

    class Queue:
        def __init__(self):
            self.calls = []

        def retry_after(self, m, delay):
            self.calls.append(("retry", m.message_id, delay))

        def delete(self, m):
            self.calls.append(("delete", m.message_id))

    class Sender:  # the first case's endpoint answers 503, the second's 200
        def __init__(self):
            self.posted = []

        def post(self, url, body, headers):
            event_ = json.loads(body)
            self.posted.append((event_["case_id"], event_["seq"]))
            return SendResult(503 if event_["case_id"] == cases[0] else 200, 3)

    queue, sender = Queue(), Sender()
    not_done = webhook_delivery.dispatch(rt, batch, queue, sender)
    assert not_done == ["m1", "m3"]
    assert sender.posted == [(cases[0], 1), (cases[1], 1), (cases[1], 2)]  # m3 waits behind m1
    assert ("delete", "m2") in queue.calls and ("delete", "m4") in queue.calls
    retry = {c[1]: c[2] for c in queue.calls if c[0] == "retry"}
    assert retry["m3"] == 0 and 0 < retry["m1"] <= 2 * rt.settings.webhook_retry_base_s
    sqs_event = [{"messageId": "x1", "receiptHandle": "rh", "body": json.dumps(batch[0].body),
                  "attributes": {"MessageGroupId": batch[0].group, "ApproximateReceiveCount": "3"}}]
    parsed = webhook_delivery.sqs_messages(sqs_event)[0]
    assert (parsed.message_id, parsed.group, parsed.receive_count, parsed.handle) == ("x1", batch[0].group, 3, "rh")
