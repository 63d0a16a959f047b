"""Card payments through PayZen (issue 13): the adapter against the project's PayZen simulator,
the whole flow start -> pay on the simulator -> signed IPN over HTTP -> `payment.received` in
the chain, and every way a notification can be forged, replayed or wrong. DynamoDB Local, no
mock of the PSP."""
from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.adapters import payzen
from chalicelib.adapters.secrets import Secret
from chalicelib.domain.errors import Unavailable
from devtools import payzen_simulator as simulator
from ledger_verify.cli import run as ledger_verify
from tests.support import case_body, event, get, post

PASSWORD, HMAC_KEY, SHOP = (simulator.DEFAULTS["password"], simulator.DEFAULTS["hmac_key"],
                            simulator.DEFAULTS["shop_id"])
IPN = "/v1/psp/payzen/ipn"
RETURN_URL = "http://127.0.0.1:8000/portal/return"
FORM = "application/x-www-form-urlencoded"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


BROWSER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def browser(method: str, url: str) -> tuple[int, dict, str]:
    """What a browser without JavaScript does: GET a page or submit a form, redirects not followed."""
    request = urllib.request.Request(url, data=b"" if method == "POST" else None, method=method)
    try:
        with BROWSER.open(request, timeout=30) as reply:
            return reply.status, dict(reply.headers), reply.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode()


def open_case(client, keys) -> str:
    resp = post(client, "/v1/cases", case_body(), keys["collector"])  # 750.00 EUR outstanding
    assert resp.status_code == 201, resp.body
    return resp.json_body["case_id"]


def records(client, keys, case_id) -> list[dict]:
    journal = client.http.get(f"/v1/audit/cases/{case_id}/journal", headers={"Authorization": f"Bearer {keys['auditor']}"})
    assert journal.status_code == 200
    return [json.loads(line) for line in journal.body.decode().splitlines()]


def payments_in(client, keys, case_id) -> list[dict]:
    return [r for r in records(client, keys, case_id) if r["type"] == "payment.received"]


def answer(order_id: str, amount: int, *, status: str = "PAID", currency: str = "EUR", uuid: str | None = None,
           shop: str = SHOP, mode: str = "TEST") -> dict:
    """A V4/Payment answer as Lyra sends it (the fields the adapter reads, and a few it ignores)."""
    return {
        "shopId": shop, "orderCycle": "CLOSED", "orderStatus": status, "serverDate": "2026-12-02T10:00:00+00:00",
        "orderDetails": {"orderTotalAmount": amount, "orderCurrency": currency, "mode": mode, "orderId": order_id,
                         "_type": "V4/OrderDetails"},
        "transactions": [{"uuid": uuid or secrets.token_hex(16), "amount": amount, "currency": currency,
                          "status": status, "paymentMethodType": "CARD", "operationType": "DEBIT",
                          "creationDate": "2026-12-02T09:59:58+00:00", "_type": "V4/PaymentTransaction"}],
        "_type": "V4/Payment",
    }


def signed(payload: dict | str, key: str = PASSWORD, key_name: str = "password") -> dict:
    text = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
    return {"kr-answer": text, "kr-hash": payzen.sign(text, key), "kr-hash-algorithm": "sha256_hmac",
            "kr-hash-key": key_name, "kr-answer-type": "V4/Payment"}


def send_ipn(client, fields: dict | bytes, content_type: str = FORM):
    body = fields if isinstance(fields, bytes) else urllib.parse.urlencode(fields).encode()
    return client.http.post(IPN, headers={"Content-Type": content_type}, body=body)


# --- the adapter against the simulator ------------------------------------------------------

def test_adapter_creates_a_payment_order_on_the_simulator(payzen_simulator):
    client = payzen.PayZenClient(payzen_simulator.url, SHOP, Secret.literal(PASSWORD, "pw"),
                                 Secret.literal(HMAC_KEY, "hmac"))
    order_id = secrets.token_hex(16)
    psp_id, url = client.create_order(order_id=order_id, amount_cents=12345, currency="EUR", return_url=RETURN_URL,
                                      ipn_url="http://127.0.0.1:9/ipn", locale="fr_FR",
                                      expires_at=datetime.now(timezone.utc) + timedelta(hours=1))
    assert url == f"{payzen_simulator.url}/t/{psp_id}"
    status, headers, page = browser("GET", url)
    assert status == 200 and "default-src 'none'" in headers["Content-Security-Policy"]
    assert 'data-testid="psp-pay"' in page and 'data-testid="psp-refuse"' in page
    assert "123,45\u00a0€" in page and order_id in page and "<script" not in page


def test_adapter_with_a_wrong_password_is_refused_by_the_simulator(payzen_simulator):
    client = payzen.PayZenClient(payzen_simulator.url, SHOP, Secret.literal("not-the-password", "pw"),
                                 Secret.literal(HMAC_KEY, "hmac"))
    with pytest.raises(Unavailable, match="HTTP 401"):
        client.create_order(order_id=secrets.token_hex(16), amount_cents=100, currency="EUR", return_url=RETURN_URL,
                            ipn_url="http://127.0.0.1:9/ipn", locale="fr_FR",
                            expires_at=datetime.now(timezone.utc) + timedelta(hours=1))


def test_adapter_refuses_plain_http_to_another_host():
    with pytest.raises(ValueError, match="https"):
        payzen.PayZenClient("http://api.payzen.example", SHOP, Secret.literal(PASSWORD, "pw"),
                            Secret.literal(HMAC_KEY, "hmac"))


# --- the whole flow -------------------------------------------------------------------------

def test_pay_on_the_simulator_records_payment_received_with_the_psp_as_actor(client, keys, tenant, payments,
                                                                             payzen_simulator, tmp_path, rt):
    case_id = open_case(client, keys)
    order = payments.start(tenant_id=tenant, case_id=case_id, amount_cents=30000, purpose="outstanding",
                           return_url=RETURN_URL)
    assert order.provider == "payzen" and order.payment_url.startswith(payzen_simulator.url)
    assert payments.status(tenant_id=tenant, order_id=order.order_id) == "pending"

    status, _, page = browser("GET", order.payment_url)
    assert status == 200 and "300,00\u00a0€" in page
    status, headers, _ = browser("POST", order.payment_url + "/pay")  # the psp-pay button's form
    assert status == 303

    # The IPN reached the app over HTTP before the browser was sent back.
    sent = [n for n in json.loads(browser("GET", payzen_simulator.url + "/_simulator/notifications")[2])
            if n["order_id"] == order.order_id]
    assert [n["status"] for n in sent] == [200]
    assert payments.status(tenant_id=tenant, order_id=order.order_id) == "paid"
    assert payments.status(tenant_id="t-someone-else", order_id=order.order_id) == "unknown"

    [paid] = payments_in(client, keys, case_id)
    transaction = json.loads(sent[0]["fields"]["kr-answer"])["transactions"][0]
    assert paid["actor"] == {"role": "psp", "provider": "payzen"}
    assert paid["data"] == {"amount_cents": 30000, "method": "card", "paid_on": paid["data"]["paid_on"],
                            "psp": {"provider": "payzen", "order_id": order.order_id,
                                    "transaction_id": transaction["uuid"]}}
    assert isinstance(paid["data"]["amount_cents"], int) and paid["sealed"] == []
    state = get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body
    assert state["paid_cents"] == 30000 and state["outstanding_cents"] == 45000

    # The browser comes back to the return URL with the signed browser-return fields.
    location = urllib.parse.urlsplit(headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == RETURN_URL
    back = dict(urllib.parse.parse_qsl(location.query))
    assert back["kr-hash-key"] == "sha256_hmac"
    hint = payments.browser_return(provider="payzen", fields=back)
    assert (hint.order_id, hint.status) == (order.order_id, "paid")

    # The chain verifies offline with the auditor's verifier, and against the signed log: the
    # PSP's payment is in the tenant's transparency log like every other record.
    journal = tmp_path / "journal.ndjson"
    raw = client.http.get(f"/v1/audit/cases/{case_id}/journal", headers={"Authorization": f"Bearer {keys['auditor']}"})
    journal.write_bytes(raw.body)
    assert ledger_verify([str(journal)]) == 0
    from chalicelib.services import transparency

    transparency.integrate_local_stream(rt)
    bundle = tmp_path / "bundle"
    transparency.export_bundle(rt, tenant, bundle, case_id)
    pinned = tmp_path / "pinned.pub"
    pinned.write_text(transparency.verifier_key(rt) + "\n")
    assert paid["hash"] in (bundle / "journal.ndjson").read_text()
    assert ledger_verify([str(bundle / "journal.ndjson"), "--checkpoint", str(bundle / "checkpoint.note"),
                          "--public-key", str(pinned), "--proofs", str(bundle / "proofs.json")]) == 0


def test_replayed_ipn_records_nothing_new(client, keys, tenant, payments, payzen_simulator):
    case_id = open_case(client, keys)
    order = payments.start(tenant_id=tenant, case_id=case_id, amount_cents=5000, purpose="instalment",
                           return_url=RETURN_URL)
    browser("POST", order.payment_url + "/pay")
    [sent] = [n for n in json.loads(browser("GET", payzen_simulator.url + "/_simulator/notifications")[2])
              if n["order_id"] == order.order_id]
    for _ in range(2):
        resp = send_ipn(client, sent["fields"])
        assert resp.status_code == 200, resp.body
        assert resp.json_body == {"result": "already_recorded", "order_id": order.order_id}
    assert len(payments_in(client, keys, case_id)) == 1


def test_refused_payment_records_nothing(client, keys, tenant, payments, payzen_simulator):
    case_id = open_case(client, keys)
    order = payments.start(tenant_id=tenant, case_id=case_id, amount_cents=5000, purpose="outstanding",
                           return_url=RETURN_URL)
    status, headers, _ = browser("POST", order.payment_url + "/refuse")
    assert status == 303
    assert payments.status(tenant_id=tenant, order_id=order.order_id) == "refused"
    assert payments_in(client, keys, case_id) == []
    back = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(headers["Location"]).query))
    assert payments.browser_return(provider="payzen", fields=back).status == "refused"
    # A stale refused notification after a payment does not undo it.
    resp = send_ipn(client, signed(answer(order.order_id, 5000)))
    assert resp.status_code == 200 and resp.json_body["result"] == "recorded"
    resp = send_ipn(client, signed(answer(order.order_id, 5000, status="UNPAID")))
    assert resp.status_code == 200 and resp.json_body["result"] == "not_paid"
    assert payments.status(tenant_id=tenant, order_id=order.order_id) == "paid"


def test_running_order_notification_records_nothing(client, keys, tenant, payments):
    case_id = open_case(client, keys)
    order = payments.start(tenant_id=tenant, case_id=case_id, amount_cents=5000, purpose="outstanding",
                           return_url=RETURN_URL)
    resp = send_ipn(client, signed(answer(order.order_id, 5000, status="RUNNING")))
    assert resp.status_code == 200 and resp.json_body["status"] == "pending"
    assert payments_in(client, keys, case_id) == []


# --- forged, wrong and malformed notifications ----------------------------------------------

@pytest.fixture
def order(client, keys, tenant, payments):
    case_id = open_case(client, keys)
    return case_id, payments.start(tenant_id=tenant, case_id=case_id, amount_cents=20000, purpose="outstanding",
                                   return_url=RETURN_URL)


def _forgeries(order_id: str) -> dict[str, dict]:
    genuine = signed(answer(order_id, 20000))
    tampered = json.loads(genuine["kr-answer"])
    tampered["transactions"][0]["amount"] = 19999
    return {
        "bad hash": {**genuine, "kr-hash": ("0" if genuine["kr-hash"][0] != "0" else "1") + genuine["kr-hash"][1:]},
        "another password": signed(answer(order_id, 20000), key="testpassword_SOMEONE_ELSE"),
        "browser-return key": signed(answer(order_id, 20000), key=HMAC_KEY, key_name="sha256_hmac"),
        "password claimed, HMAC key used": signed(answer(order_id, 20000), key=HMAC_KEY, key_name="password"),
        "tampered answer": {**genuine, "kr-answer": json.dumps(tampered, separators=(",", ":"))},
        "hash not hex": {**genuine, "kr-hash": "z" * 64},
        "uppercase key name": {**genuine, "kr-hash-key": "PASSWORD"},
    }


@pytest.mark.parametrize("forgery", list(_forgeries("0" * 32)))
def test_forged_ipn_is_401_and_records_nothing(client, keys, order, forgery):
    case_id, started = order
    resp = send_ipn(client, _forgeries(started.order_id)[forgery])
    assert resp.status_code == 401, resp.body
    assert resp.json_body["error"] == "unauthenticated"
    assert payments_in(client, keys, case_id) == []


def test_amount_above_the_order_is_refused(client, keys, order):
    case_id, started = order
    resp = send_ipn(client, signed(answer(started.order_id, 20001)))
    assert resp.status_code == 422 and resp.json_body["error"] == "amount_exceeds_order"
    assert resp.json_body["details"][0]["pointer"] == "kr-answer/transactions/0/amount"
    assert payments_in(client, keys, case_id) == []


def test_currency_mismatch_is_refused(client, keys, order):
    case_id, started = order
    resp = send_ipn(client, signed(answer(started.order_id, 20000, currency="USD")))
    assert resp.status_code == 422 and resp.json_body["error"] == "currency_mismatch"
    assert resp.json_body["details"][0]["pointer"] == "kr-answer/transactions/0/currency"
    assert payments_in(client, keys, case_id) == []


def test_a_smaller_paid_amount_is_recorded_as_paid(client, keys, order):
    case_id, started = order
    resp = send_ipn(client, signed(answer(started.order_id, 15000)))
    assert resp.status_code == 200 and resp.json_body["result"] == "recorded"
    assert [p["data"]["amount_cents"] for p in payments_in(client, keys, case_id)] == [15000]


def test_other_shop_and_other_mode_are_refused(client, keys, order):
    case_id, started = order
    resp = send_ipn(client, signed(answer(started.order_id, 20000, shop="11111111")))
    assert resp.status_code == 422 and resp.json_body["details"][0]["pointer"] == "kr-answer/shopId"
    resp = send_ipn(client, signed(answer(started.order_id, 20000, mode="PRODUCTION")))
    assert resp.status_code == 422 and resp.json_body["details"][0]["pointer"] == "kr-answer/orderDetails/mode"
    assert payments_in(client, keys, case_id) == []


def test_unknown_order_is_404_and_records_nothing(client, payments):
    resp = send_ipn(client, signed(answer(secrets.token_hex(16), 100)))
    assert resp.status_code == 404 and resp.json_body["error"] == "not_found"


@pytest.mark.parametrize("drop", ["kr-answer", "kr-hash", "kr-hash-algorithm", "kr-hash-key"])
def test_missing_field_is_400_naming_it(client, order, drop):
    fields = signed(answer(order[1].order_id, 20000))
    del fields[drop]
    resp = send_ipn(client, fields)
    assert resp.status_code == 400
    assert resp.json_body["details"][0]["pointer"] == drop


@pytest.mark.parametrize("text, pointer", [
    ("not json", "kr-answer"),
    ('{"shopId":"69876357","shopId":"69876357"}', "kr-answer"),
    ('{"shopId":"69876357","orderStatus":"PAID"}', "kr-answer/orderDetails"),
])
def test_unreadable_signed_answer_is_400_naming_the_field(client, payments, text, pointer):
    resp = send_ipn(client, signed(text))
    assert resp.status_code == 400 and resp.json_body["details"][0]["pointer"] == pointer


def test_paid_answer_without_a_usable_transaction_is_400(client, order):
    case_id, started = order
    body = answer(started.order_id, 20000)
    body["transactions"][0]["amount"] = "200.00"
    resp = send_ipn(client, signed(body))
    assert resp.status_code == 400
    assert resp.json_body["details"][0]["pointer"] == "kr-answer/transactions/0/amount"
    body["transactions"][0]["status"] = "UNPAID"
    resp = send_ipn(client, signed(body))
    assert resp.status_code == 400 and resp.json_body["details"][0]["pointer"] == "kr-answer/transactions"


def test_unsupported_algorithm_duplicate_fields_type_and_size(client, order):
    fields = signed(answer(order[1].order_id, 20000))
    assert send_ipn(client, {**fields, "kr-hash-algorithm": "sha1"}).json_body["details"][0]["pointer"] \
        == "kr-hash-algorithm"
    twice = urllib.parse.urlencode(fields).encode() + b"&kr-hash=" + fields["kr-hash"].encode()
    resp = send_ipn(client, twice)
    assert resp.status_code == 400 and resp.json_body["details"][0]["pointer"] == "kr-hash"
    resp = send_ipn(client, json.dumps(fields).encode(), content_type="application/json")
    assert resp.status_code == 415
    resp = send_ipn(client, urllib.parse.urlencode({**fields, "padding": "x" * 70_000}).encode())
    assert resp.status_code == 413


def test_oversized_ipn_is_413_and_records_nothing(client, keys, order):
    case_id, started = order
    fields = signed(answer(started.order_id, 20000))
    resp = send_ipn(client, urllib.parse.urlencode({**fields, "kr-src": "x" * (64 * 1024)}).encode())
    assert resp.status_code == 413
    assert payments_in(client, keys, case_id) == []


def test_concurrent_deliveries_of_one_transaction_record_one_payment(client, keys, order):
    from concurrent.futures import ThreadPoolExecutor

    from chalicelib.services.runtime import get_runtime

    case_id, started = order
    fields = signed(answer(started.order_id, 20000))
    rt = get_runtime()
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: rt.payment_orders.handle_notification(provider="payzen", fields=fields),
                                range(4)))
    assert sorted(r["result"] for r in results) == ["already_recorded"] * 3 + ["recorded"]
    assert len(payments_in(client, keys, case_id)) == 1


# --- starting orders ------------------------------------------------------------------------

def test_start_is_bounded_by_what_is_outstanding_and_validated(client, keys, tenant, payments):
    from chalicelib.domain.errors import Conflict, NotFound, ValidationFailed

    case_id = open_case(client, keys)
    with pytest.raises(ValidationFailed) as too_much:
        payments.start(tenant_id=tenant, case_id=case_id, amount_cents=75001, purpose="outstanding",
                       return_url=RETURN_URL)
    assert too_much.value.details[0].pointer == "/amount_cents"
    with pytest.raises(ValidationFailed) as bad:
        payments.start(tenant_id=tenant, case_id=case_id, amount_cents=10.5, purpose="gift",
                       return_url="javascript:alert(1)")
    assert {d.pointer for d in bad.value.details} == {"/amount_cents", "/purpose", "/return_url"}
    with pytest.raises(NotFound):
        payments.start(tenant_id="t-other", case_id=case_id, amount_cents=100, purpose="outstanding",
                       return_url=RETURN_URL)
    assert post(client, f"/v1/cases/{case_id}/events", event("case.closed", {"reason": "paid"}),
                keys["collector"]).status_code == 201
    with pytest.raises(Conflict):
        payments.start(tenant_id=tenant, case_id=case_id, amount_cents=100, purpose="outstanding",
                       return_url=RETURN_URL)


def test_a_collector_cannot_claim_a_psp_payment(client, keys):
    case_id = open_case(client, keys)
    data = {"amount_cents": 100, "paid_on": "2026-11-20", "method": "card",
            "psp": {"provider": "payzen", "order_id": "0" * 32, "transaction_id": "abc"}}
    resp = post(client, f"/v1/cases/{case_id}/events", event("payment.received", data), keys["collector"])
    assert resp.status_code == 422 and resp.json_body["details"][0]["pointer"] == "/data/psp"


def test_a_case_closed_after_the_order_started_answers_409_and_records_nothing(client, keys, order):
    case_id, started = order
    assert post(client, f"/v1/cases/{case_id}/events", event("case.closed", {"reason": "paid"}),
                keys["collector"]).status_code == 201
    resp = send_ipn(client, signed(answer(started.order_id, 20000)))
    assert resp.status_code == 409 and resp.json_body["error"] == "case_closed"
    assert payments_in(client, keys, case_id) == []


def test_no_personal_data_reaches_the_psp_or_the_order_store(client, keys, tenant, payments, payzen_simulator, rt):
    from tests.support import DEBTOR, scan_items

    case_id = open_case(client, keys)
    order = payments.start(tenant_id=tenant, case_id=case_id, amount_cents=100, purpose="outstanding",
                           return_url=RETURN_URL)
    browser("POST", order.payment_url + "/pay")
    stored = json.dumps([item for item in scan_items(rt, "lookup") if order.order_id in json.dumps(item)])
    [sent] = [o["request"] for o in payzen_simulator.sim.orders.values() if o["orderId"] == order.order_id]
    assert order.order_id in stored and sent["amount"] == 100
    assert set(sent) == {"amount", "currency", "orderId", "channelOptions", "expirationDate", "locale",
                         "ipnTargetUrl", "returnMode", "returnUrl"}
    for value in (DEBTOR["name"], DEBTOR["email"], DEBTOR["phone"], "Testelin", "josiane"):
        assert value not in stored and value not in json.dumps(sent)


def test_a_second_paid_transaction_on_a_paid_order_is_409(client, keys, order):
    case_id, started = order
    first = signed(answer(started.order_id, 20000))
    assert send_ipn(client, first).json_body["result"] == "recorded"
    resp = send_ipn(client, signed(answer(started.order_id, 20000)))  # another transaction uuid
    assert resp.status_code == 409 and resp.json_body["error"] == "order_already_paid"
    assert resp.json_body["details"][0]["pointer"] == "kr-answer/transactions/0/uuid"
    assert send_ipn(client, first).json_body["result"] == "already_recorded"
    assert len(payments_in(client, keys, case_id)) == 1


def test_ledger_payments_start_and_status(client, keys, tenant, rt, payzen_simulator, app_http, monkeypatch):
    from click.testing import CliRunner

    from chalicelib.cli import main

    s = rt.settings
    for name, value in {"AL_STAGE": "local", "AL_DYNAMODB_ENDPOINT": s.dynamodb_endpoint,
                        "AL_TABLE_PREFIX": s.table_prefix, "AL_KEY_PROVIDER": "local",
                        "AL_LOCAL_KEY_FILE": s.local_key_file, "AL_CHECKPOINT_KEY_FILE": s.checkpoint_key_file,
                        "AL_PSP": "payzen", "AL_PAYZEN_API_URL": payzen_simulator.url,
                        "AL_PSP_IPN_URL": f"{app_http}/v1/psp/payzen/ipn"}.items():
        monkeypatch.setenv(name, value)
    case_id = open_case(client, keys)
    started = CliRunner().invoke(main, ["payments", "start", "--tenant", tenant, "--case", case_id,
                                        "--amount-cents", "4200", "--return-url", RETURN_URL])
    assert started.exit_code == 0, started.output
    order = json.loads(started.output)
    assert order["provider"] == "payzen" and order["payment_url"].startswith(payzen_simulator.url)
    assert browser("POST", order["payment_url"] + "/pay")[0] == 303
    status = CliRunner().invoke(main, ["payments", "status", "--tenant", tenant, "--order", order["order_id"]])
    assert status.output.strip() == "paid"
    assert [p["data"]["amount_cents"] for p in payments_in(client, keys, case_id)] == [4200]
    too_much = CliRunner().invoke(main, ["payments", "start", "--tenant", tenant, "--case", case_id,
                                         "--amount-cents", "99999999"])
    assert too_much.exit_code == 1 and "/amount_cents" in too_much.output


def test_an_expired_order_cannot_be_paid_on_the_simulator(client, keys, order, payzen_simulator):
    case_id, started = order
    [sim_order] = [o for o in payzen_simulator.sim.orders.values() if o["orderId"] == started.order_id]
    sim_order["expirationDate"] = "2020-01-01T00:00:00+00:00"
    status, _, page = browser("GET", started.payment_url)
    assert status == 200 and "expiré" in page and 'data-testid="psp-pay"' not in page
    status, headers, _ = browser("POST", started.payment_url + "/pay")
    assert status == 303 and headers["Location"].endswith(urllib.parse.urlsplit(started.payment_url).path)
    assert not [n for n in payzen_simulator.sim.notifications if n["order_id"] == started.order_id]
    assert payments_in(client, keys, case_id) == []


def test_the_simulator_refuses_what_lyra_refuses(payzen_simulator):
    client = payzen.PayZenClient(payzen_simulator.url, SHOP, Secret.literal(PASSWORD, "pw"),
                                 Secret.literal(HMAC_KEY, "hmac"))
    with pytest.raises(Unavailable, match="INT_908"):
        client.create_order(order_id=secrets.token_hex(16), amount_cents=100, currency="EUR", return_url=RETURN_URL,
                            ipn_url="", locale="fr_FR", expires_at=datetime.now(timezone.utc) - timedelta(minutes=1))


def test_nothing_personal_from_a_psp_answer_reaches_the_logs(client, keys, order, capsys, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    case_id, started = order
    body = answer(started.order_id, 20000)
    body["customer"] = {"email": "josiane.testelin@example.org", "billingDetails": {"lastName": "Testelin"}}
    body["transactions"][0]["transactionDetails"] = {"cardDetails": {"pan": "497010XXXXXX0055"}}
    for fields in (signed(body), {**signed(body), "kr-hash": "0" * 64}, signed(body | {"shopId": "1"})):
        send_ipn(client, fields)
    logs = capsys.readouterr()
    captured = logs.out + logs.err + caplog.text
    assert "psp notification" in captured  # the route does log: ids and the result only
    for value in ("josiane", "Testelin", "497010", "kr-answer", started.payment_url):
        assert value not in captured
    assert [p["data"]["amount_cents"] for p in payments_in(client, keys, case_id)] == [20000]
