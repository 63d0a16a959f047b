"""Bad input: a 4xx JSON error naming each offending field (JSON Pointer), nothing written."""
from __future__ import annotations

import json

import pytest

from tests.support import case_body, event, get, now_iso, post


@pytest.fixture
def case_id(client, keys):
    return post(client, "/v1/cases", case_body(), keys["collector"]).json_body["case_id"]


def head_seq(client, keys, case_id):
    return get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"]


def pointers(resp):
    return [d["pointer"] for d in resp.json_body["details"]]


@pytest.mark.parametrize("raw, status", [
    ("{not json", 400),
    ('{"type": "note.added", "type": "note.added"}', 400),
    ("[1, 2]", 422),
    ("", 400),
    ('{"a": NaN}', 400),
    (b"\xff\xfe{}", 400),
])
def test_unreadable_bodies(client, keys, case_id, raw, status):
    resp = post(client, f"/v1/cases/{case_id}/events", raw, keys["collector"])
    assert resp.status_code == status
    assert resp.json_body["error"] in ("malformed_request", "validation_failed")
    assert head_seq(client, keys, case_id) == 0


def test_wrong_content_type(client, keys, case_id):
    resp = client.http.post(f"/v1/cases/{case_id}/events", body=json.dumps(event("note.added", {"text": "x"})),
                            headers={"Authorization": f"Bearer {keys['collector']}", "Content-Type": "text/plain"})
    assert resp.status_code == 415
    assert pointers(resp) == ["header Content-Type"]


def test_body_over_256_kb(client, keys, case_id):
    resp = post(client, f"/v1/cases/{case_id}/events", event("note.added", {"text": "x" * 300_000}), keys["collector"])
    assert resp.status_code == 413
    assert head_seq(client, keys, case_id) == 0


@pytest.mark.parametrize("body, expected", [
    (event("nope.unknown", {}), ["/type"]),
    (event("note.added", {"text": "ok", "extra": 1}), ["/data/extra"]),
    ({**event("note.added", {"text": "ok"}), "color": "red"}, ["/color"]),
    (event("payment.received", {"amount_cents": 100.5, "paid_on": "2026-11-01", "method": "card"}), ["/data/amount_cents"]),
    (event("payment.received", {"amount_cents": 100.0, "paid_on": "2026-11-01", "method": "card"}), ["/data/amount_cents"]),
    (event("payment.received", {"amount_cents": -5, "paid_on": "2026-11-01", "method": "card"}), ["/data/amount_cents"]),
    (event("payment.received", {"amount_cents": 500, "paid_on": "2026-02-30", "method": "card"}), ["/data/paid_on"]),
    (event("promise.made", {"amount_cents": "500", "due_on": "2026-13-01"}), ["/data/amount_cents", "/data/due_on"]),
    (event("note.added", {"text": "ok"}, occurred_at=now_iso(30)), ["/occurred_at"]),
    (event("note.added", {"text": "ok"}, occurred_at="2026-11-23 10:00"), ["/occurred_at"]),
    (event("note.added", {"text": "ok"}, occurred_at="2026-11-23T10:00:00"), ["/occurred_at"]),
    ({"type": "note.added", "data": {"text": "ok"}}, ["/occurred_at"]),
    (event("case.opened", {}), ["/type"]),
    (event("contact.sent", {"channel": "fax", "recipient": {"role": "debtor"}, "text": "x"}), ["/data/channel"]),
])
def test_invalid_events_name_fields(client, keys, case_id, body, expected):
    resp = post(client, f"/v1/cases/{case_id}/events", body, keys["collector"])
    assert resp.status_code == 422, resp.body
    assert resp.json_body["error"] == "validation_failed"
    assert sorted(pointers(resp)) == sorted(expected)
    assert head_seq(client, keys, case_id) == 0


@pytest.mark.parametrize("mutate, expected", [
    (lambda b: b.pop("debtor"), "/debtor"),
    (lambda b: b.update(jurisdiction="DE"), "/jurisdiction"),
    (lambda b: b.update(timezone="Mars/Olympus"), "/timezone"),
    (lambda b: b["claim"]["invoices"][0].update(amount_cents=12.5), "/claim/invoices/0/amount_cents"),
    (lambda b: b["claim"].update(currency="USD"), "/claim/currency"),
    (lambda b: b["debtor"].update(email="not-an-email"), "/debtor/email"),
    (lambda b: b.update(consumer="yes"), "/consumer"),
])
def test_invalid_case_bodies(client, keys, mutate, expected):
    body = case_body()
    mutate(body)
    resp = post(client, "/v1/cases", body, keys["collector"])
    assert resp.status_code == 422, resp.body
    assert expected in pointers(resp)


def test_query_parameters_are_checked(client, keys, case_id):
    resp = get(client, f"/v1/cases/{case_id}/events?limit=abc", keys["collector"])
    assert resp.status_code == 422 and pointers(resp) == ["query limit"]
    resp = get(client, f"/v1/cases/{case_id}/events?limit=0", keys["collector"])
    assert resp.status_code == 422


def test_unknown_case_is_404(client, keys):
    resp = post(client, "/v1/cases/00000000-0000-4000-8000-000000000000/events", event("note.added", {"text": "x"}),
                keys["collector"])
    assert resp.status_code == 404
    assert get(client, "/v1/cases/not-a-uuid", keys["collector"]).status_code == 404
