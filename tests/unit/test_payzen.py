"""PayZen notifications and the payment rule, without I/O: the kr-hash check (against an
independent HMAC-SHA-256), what a verified answer may say, and what it may record."""
from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timezone

import pytest

from chalicelib.adapters.payzen import PayZenClient, check_endpoint, sign
from chalicelib.adapters.secrets import Secret
from chalicelib.domain.errors import BusinessRuleViolation, MalformedRequest, Unauthenticated, Unavailable
from chalicelib.domain.payments import Notification, OrderTerms, payment_received

PASSWORD, HMAC_KEY, SHOP = "testpassword_UNIT", "testhmac_UNIT", "12345678"
ORDER = "a" * 32


def client(**kwargs) -> PayZenClient:
    return PayZenClient("https://api.payzen.example", SHOP, Secret.literal(PASSWORD, "pw"),
                        Secret.literal(HMAC_KEY, "hmac"), **kwargs)


def answer(status="PAID", amount=1500, currency="EUR", uuid="0f" * 16, created="2026-12-01T23:30:00+00:00"):
    return {"shopId": SHOP, "orderStatus": status,
            "orderDetails": {"orderId": ORDER, "orderCurrency": currency, "mode": "TEST"},
            "transactions": [{"uuid": uuid, "amount": amount, "currency": currency, "status": status,
                              "creationDate": created}]}


def form(payload, key=PASSWORD, key_name="password"):
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return {"kr-answer": text, "kr-hash": sign(text, key), "kr-hash-algorithm": "sha256_hmac", "kr-hash-key": key_name}


def test_kr_hash_is_hex_hmac_sha256_of_the_exact_text():
    text = '{"shopId":"12345678","orderStatus":"PAID"}'
    assert sign(text, PASSWORD) == hmac.new(PASSWORD.encode(), text.encode(), hashlib.sha256).hexdigest()
    assert sign(text + " ", PASSWORD) != sign(text, PASSWORD)


def test_paid_ipn_reads_the_real_field_names():
    note = client().read_notification(form(answer()))
    assert (note.provider, note.order_id, note.status) == ("payzen", ORDER, "paid")
    assert (note.transaction_id, note.amount_cents, note.currency) == ("0f" * 16, 1500, "EUR")
    assert note.paid_at == datetime(2026, 12, 1, 23, 30, tzinfo=timezone.utc)
    assert note.fields["amount"] == "kr-answer/transactions/0/amount"


def test_the_paid_transaction_is_found_among_earlier_attempts():
    body = answer()
    body["transactions"].insert(0, {"uuid": "1" * 32, "amount": 1500, "currency": "EUR", "status": "UNPAID"})
    note = client().read_notification(form(body))
    assert note.transaction_id == "0f" * 16 and note.fields["transaction_id"] == "kr-answer/transactions/1/uuid"


@pytest.mark.parametrize("status, expected", [("UNPAID", "refused"), ("ABANDONED", "refused"),
                                              ("RUNNING", "pending"), ("PARTIALLY_PAID", "pending"),
                                              ("SOMETHING_NEW", "pending")])
def test_other_order_statuses_record_nothing(status, expected):
    note = client().read_notification(form(answer(status=status)))
    assert note.status == expected and note.transaction_id is None and note.amount_cents is None


def test_an_ipn_needs_the_password_and_a_browser_return_the_hmac_key():
    c = client()
    with pytest.raises(Unauthenticated):
        c.read_notification(form(answer(), key=HMAC_KEY, key_name="sha256_hmac"))
    with pytest.raises(Unauthenticated):
        c.read_browser_return(form(answer()))
    assert c.read_browser_return(form(answer(), key=HMAC_KEY, key_name="sha256_hmac")).status == "paid"


def test_the_signature_is_checked_before_the_answer_is_read():
    bad = {**form("not json at all"), "kr-hash": "0" * 64}
    with pytest.raises(Unauthenticated):
        client().read_notification(bad)
    with pytest.raises(MalformedRequest) as unreadable:
        client().read_notification(form("not json at all"))
    assert unreadable.value.details[0].pointer == "kr-answer"


@pytest.mark.parametrize("mutate, pointer", [
    (lambda a: a["transactions"][0].update(amount=True), "kr-answer/transactions/0/amount"),
    (lambda a: a["transactions"][0].update(amount=15.0), "kr-answer/transactions/0/amount"),
    (lambda a: a["transactions"][0].update(amount=0), "kr-answer/transactions/0/amount"),
    (lambda a: a["transactions"][0].update(uuid="../x"), "kr-answer/transactions/0/uuid"),
    (lambda a: a["transactions"][0].update(currency="eur"), "kr-answer/transactions/0/currency"),
    (lambda a: a["orderDetails"].update(orderId=7), "kr-answer/orderDetails/orderId"),
    (lambda a: a.pop("orderStatus"), "kr-answer/orderStatus"),
    (lambda a: a.update(transactions={}), "kr-answer/transactions"),
])
def test_unusable_answers_name_the_field(mutate, pointer):
    body = answer()
    mutate(body)
    with pytest.raises(MalformedRequest) as error:
        client().read_notification(form(body))
    assert error.value.details[0].pointer == pointer


def test_test_payments_are_refused_by_a_production_ledger():
    with pytest.raises(BusinessRuleViolation) as error:
        client(mode="PRODUCTION").read_notification(form(answer()))
    assert error.value.code == "mode_mismatch"


def test_endpoints_are_https_or_loopback_http():
    assert check_endpoint("http://127.0.0.1:8002", "x") and check_endpoint("http://[::1]:8002", "x")
    for url in ("http://10.0.0.1", "http://payzen.example", "ftp://127.0.0.1", "https://"):
        with pytest.raises(ValueError):
            check_endpoint(url, "x")


def test_a_missing_secret_is_a_503_not_a_default():
    c = PayZenClient("https://api.payzen.example", SHOP, Secret.literal("", "the PayZen password"),
                     Secret.literal(HMAC_KEY, "hmac"))
    with pytest.raises(Unavailable, match="PayZen password"):
        c.read_notification(form(answer()))


# --- what a verified notification may record ------------------------------------------------

TERMS = OrderTerms(ORDER, "t-1", "case-1", 1500, "EUR", "outstanding", "payzen")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=timezone.utc)


def note(**overrides):
    base = dict(provider="payzen", order_id=ORDER, status="paid", transaction_id="0f" * 16, amount_cents=1500,
                currency="EUR", paid_at=datetime(2026, 12, 1, 23, 30, tzinfo=timezone.utc),
                fields={"amount": "A", "currency": "C"})
    return Notification(**{**base, **overrides})


def test_payment_received_in_integer_cents_dated_in_the_case_time_zone():
    at, data = payment_received(note(), TERMS, "Europe/Paris", NOW)
    assert at == datetime(2026, 12, 1, 23, 30, tzinfo=timezone.utc)
    assert data == {"amount_cents": 1500, "paid_on": "2026-12-02", "method": "card",  # 00:30 in Paris
                    "psp": {"provider": "payzen", "order_id": ORDER, "transaction_id": "0f" * 16}}


def test_a_psp_clock_ahead_of_ours_never_dates_a_payment_in_the_future():
    at, data = payment_received(note(paid_at=datetime(2026, 12, 3, tzinfo=timezone.utc)), TERMS, "UTC", NOW)
    assert at == NOW and data["paid_on"] == "2026-12-02"


@pytest.mark.parametrize("overrides, code, pointer", [
    ({"amount_cents": 1501}, "amount_exceeds_order", "A"),
    ({"currency": "USD"}, "currency_mismatch", "C"),
])
def test_the_order_bounds_what_is_recorded(overrides, code, pointer):
    with pytest.raises(BusinessRuleViolation) as error:
        payment_received(note(**overrides), TERMS, "UTC", NOW)
    assert error.value.code == code and error.value.details[0].pointer == pointer
