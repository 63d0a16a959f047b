"""Thin webhook events: the record's clear facts only, stable ids, every type subscribable."""
from __future__ import annotations

from chalicelib.domain import events as ev
from chalicelib.domain.webhooks import events as thin
from chalicelib.domain.webhooks.retry import delay_s, gives_up
from chalicelib.services.webhook_delivery import _personal_pointers, signed_headers
from chalicelib.services.webhooks import subscribable_types

RECORD = {"tenant_id": "acme", "case_id": "c-1", "seq": 4, "hash": "ab" * 32, "type": "contact.sent",
          "occurred_at": "2026-11-17T09:00:00Z", "recorded_at": "2026-11-17T09:00:01.000000Z",
          "data": {"channel": "email", "recipient": {"role": "third_party", "name": "Ferdinand", "email": "f@x.org"},
                   "text": "leaked if a schema mark were missing"},
          "sealed": [{"ct": "..."}]}


def test_personal_fields_never_leave_even_if_a_record_held_them():
    event = thin.ledger_event(RECORD, _personal_pointers)
    assert event["data"] == {"channel": "email", "recipient": {"role": "third_party"}}
    assert set(event) == {"id", "type", "tenant_id", "case_id", "seq", "hash", "occurred_at", "recorded_at", "data"}
    assert "sealed" not in str(event) and "Ferdinand" not in str(event)


def test_ids_are_stable_and_distinct():
    assert thin.ledger_event(RECORD, _personal_pointers)["id"] == thin.ledger_event(dict(RECORD), _personal_pointers)["id"]
    assert thin.ledger_event({**RECORD, "seq": 5}, _personal_pointers)["id"] != thin.ledger_event(RECORD, _personal_pointers)["id"]
    assert thin.checkpoint_event("acme", 3, "00" * 32, "note", "t")["id"] != thin.checkpoint_event("acme", 4, "00" * 32,
                                                                                                    "note", "t")["id"]


def test_every_ledger_type_and_the_two_notices_are_subscribable():
    assert set(subscribable_types()) == set(ev.catalogue()) | {"checkpoint.signed", "gdpr.request.due_soon"}


def test_back_off_grows_with_jitter_and_gives_up_after_three_days():
    low = [delay_s(n, lambda a, b: a) for n in range(1, 30)]
    high = [delay_s(n, lambda a, b: b) for n in range(1, 30)]
    assert low[0] == 2.5 and high[0] == 5.0 and high[1] == 10.0
    assert max(high) == 6 * 3600 and all(a <= b for a, b in zip(high, high[1:]))
    assert not gives_up(0, 3 * 86400 - 1) and gives_up(0, 3 * 86400)


def test_standard_webhooks_headers_verify_with_the_package():
    from datetime import datetime, timezone

    from standardwebhooks import Webhook

    secret = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    now = datetime.now(timezone.utc)
    headers = signed_headers([secret], "evt_1", now, '{"a":1}')
    assert Webhook(secret).verify('{"a":1}', headers) == {"a": 1}
