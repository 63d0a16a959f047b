"""The project's PayZen (Lyra REST API V4) simulator: a local twin of the subset the adapter
uses, as DynamoDB Local stands in for DynamoDB. Nothing here ships in the Lambda.

    python -m devtools.payzen_simulator [--port 8002] [--ipn-url URL]   (`make run` starts it)

- ``POST /api-payment/V4/Charge/CreatePaymentOrder``: HTTP Basic (shop id : password), the
  real request and answer shapes (``answer.paymentURL``, ``answer.paymentOrderId``; errors are
  ``status: ERROR`` with an ``errorCode``).
- ``GET /t/<payment order id>``: the payment page (server-rendered, no external asset) with a
  pay button (``data-testid="psp-pay"``) and a refuse button (``data-testid="psp-refuse"``).
- Paying or refusing first POSTs the signed IPN (form-encoded ``kr-answer``, ``kr-hash`` keyed
  with the shop password, ``kr-hash-key=password``) to the order's ``ipnTargetUrl`` (or the
  configured one), then sends the browser back to ``returnUrl`` with the browser-return fields
  in the query string (``returnMode`` GET; ``kr-hash-key=sha256_hmac``, keyed with the HMAC key).
- ``GET /_simulator/notifications``: the IPNs sent (fields and the answer's status), so tests
  can replay or tamper with them. Not part of Lyra's API.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jinja2

CREATE_PATH = "/api-payment/V4/Charge/CreatePaymentOrder"
DEFAULTS = {  # the same test values as chalicelib/config.py's local defaults
    "shop_id": "69876357",
    "password": "testpassword_SIMULATOR",
    "hmac_key": "testhmac_SIMULATOR",
    "ipn_url": "http://127.0.0.1:8000/v1/psp/payzen/ipn",
}
MAX_BODY = 64 * 1024
_PAGE = jinja2.Environment(autoescape=True).from_string("""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Paiement sécurisé (simulateur PayZen)</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1b1f24}
main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.5rem}
h1{font-size:1.3rem}.amount{font-size:1.6rem;font-weight:700}
button{font-size:1rem;padding:.75rem 1.2rem;margin:.4rem .4rem 0 0;border-radius:.4rem;border:0;cursor:pointer}
.pay{background:#0b5c2e;color:#fff}.refuse{background:#8a1c1c;color:#fff}
p.note{font-size:.85rem;color:#3d4450}
</style></head>
<body><main>
<h1>Paiement par carte</h1>
{% if state == "RUNNING" %}
<p>Montant à payer&nbsp;: <span class="amount" data-testid="psp-amount">{{ amount }}</span></p>
<p>Référence de la commande&nbsp;: <code>{{ order_id }}</code></p>
<form method="post" action="/t/{{ token }}/pay"><button class="pay" type="submit" data-testid="psp-pay">Payer {{ amount }}</button></form>
<form method="post" action="/t/{{ token }}/refuse"><button class="refuse" type="submit" data-testid="psp-refuse">Simuler un refus</button></form>
{% else %}
<p data-testid="psp-result">{{ {"PAID": "Cette commande est payée.", "UNPAID": "Le paiement de cette commande a été refusé.", "EXPIRED": "Cette commande a expiré : demandez un nouveau lien de paiement."}[state] }}</p>
{% endif %}
<p class="note">Simulateur local de PayZen&nbsp;: aucune carte n'est demandée, aucun argent ne circule.</p>
</main></body></html>
""")


def sign(text: str, key: str) -> str:
    return hmac.new(key.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _euros(cents: int, currency: str) -> str:
    whole, rest = divmod(cents, 100)
    return f"{whole:,}".replace(",", "\u202f") + f",{rest:02d}\u00a0" + ("€" if currency == "EUR" else currency)


class PayZenSimulator:
    def __init__(self, shop_id: str, password: str, hmac_key: str, ipn_url: str | None = None,
                 mode: str = "TEST"):
        self.shop_id, self.password, self.hmac_key, self.mode = shop_id, password, hmac_key, mode
        self.ipn_url = ipn_url
        self.orders: dict[str, dict] = {}
        self.notifications: list[dict] = []
        self.lock = threading.Lock()
        self.base_url = ""

    # --- the API ----------------------------------------------------------------------------

    def authorised(self, header: str | None) -> bool:
        expected = "Basic " + base64.b64encode(f"{self.shop_id}:{self.password}".encode()).decode()
        return hmac.compare_digest((header or "").encode(), expected.encode())

    def create_payment_order(self, body: dict) -> dict:
        amount, currency, order_id = body.get("amount"), body.get("currency"), body.get("orderId")
        channel = (body.get("channelOptions") or {}).get("channelType") if isinstance(body.get("channelOptions"), dict) else None
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 1:
            return _error("INT_902", "amount: a positive integer in the currency's smallest unit")
        if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency):
            return _error("INT_904", "currency: an ISO 4217 code")
        if not isinstance(order_id, str) or not 1 <= len(order_id) <= 64:
            return _error("INT_906", "orderId: 1 to 64 characters")
        if channel != "URL":
            return _error("INT_907", "channelOptions.channelType: only URL is simulated")
        expires = _instant(body.get("expirationDate"))
        now = datetime.now(timezone.utc)
        if body.get("expirationDate") is not None and (expires is None or not now < expires <= now + timedelta(days=90)):
            return _error("INT_908", "expirationDate: ISO 8601, after now and within 90 days")
        token = secrets.token_hex(16)
        order = {"paymentOrderId": token, "orderId": order_id, "amount": amount, "currency": currency,
                 "state": "RUNNING", "ipnTargetUrl": body.get("ipnTargetUrl"), "returnUrl": body.get("returnUrl"),
                 "creationDate": _now(), "expirationDate": body.get("expirationDate"), "request": body}
        with self.lock:
            self.orders[token] = order
        return {
            "webService": "Charge/CreatePaymentOrder", "version": "V4", "applicationVersion": "simulator",
            "status": "SUCCESS", "mode": self.mode, "serverDate": _now(), "_type": "V4/WebService/Response",
            "answer": {
                "paymentOrderId": token, "paymentURL": f"{self.base_url}/t/{token}", "paymentOrderStatus": "RUNNING",
                "creationDate": order["creationDate"], "updateDate": None, "amount": amount, "currency": currency,
                "locale": body.get("locale"), "orderId": order_id, "expirationDate": order["expirationDate"],
                "channelDetails": {"channelType": "URL", "_type": "V4/ChannelDetails"},
                "_type": "V4/PaymentOrder",
            },
        }

    # --- paying -----------------------------------------------------------------------------

    def settle(self, token: str, paid: bool) -> str | None:
        """Close the order, send the signed IPN, and return where the browser goes next."""
        with self.lock:
            order = self.orders.get(token)
            if order is not None:
                self.expire(order)
            if order is None or order["state"] != "RUNNING":
                return None
            order["state"] = "PAID" if paid else "UNPAID"
        answer = json.dumps(self.answer(order, paid), separators=(",", ":"))
        fields = {"kr-answer": answer, "kr-hash": sign(answer, self.password), "kr-hash-algorithm": "sha256_hmac",
                  "kr-hash-key": "password", "kr-answer-type": "V4/Payment"}
        status = self.deliver(order.get("ipnTargetUrl") or self.ipn_url, fields)
        with self.lock:
            self.notifications.append({"order_id": order["orderId"], "fields": fields, "status": status})
        if not order.get("returnUrl"):
            return f"/t/{token}"
        back = {"kr-answer": answer, "kr-hash": sign(answer, self.hmac_key), "kr-hash-algorithm": "sha256_hmac",
                "kr-hash-key": "sha256_hmac", "kr-answer-type": "V4/Payment"}
        url = order["returnUrl"]
        return url + ("&" if urllib.parse.urlsplit(url).query else "?") + urllib.parse.urlencode(back)

    @staticmethod
    def expire(order: dict) -> None:
        """A running order past its expirationDate can no longer be paid (Lyra: EXPIRED)."""
        expires = _instant(order.get("expirationDate"))
        if order["state"] == "RUNNING" and expires is not None and expires <= datetime.now(timezone.utc):
            order["state"] = "EXPIRED"

    def answer(self, order: dict, paid: bool) -> dict:
        """A V4/Payment answer as Lyra sends it (personal fields null: none is collected)."""
        status = "PAID" if paid else "UNPAID"
        return {
            "shopId": self.shop_id, "orderCycle": "CLOSED", "orderStatus": status, "serverDate": _now(),
            "orderDetails": {"orderTotalAmount": order["amount"], "orderEffectiveAmount": order["amount"],
                             "orderCurrency": order["currency"], "mode": self.mode, "orderId": order["orderId"],
                             "metadata": None, "_type": "V4/OrderDetails"},
            "customer": {"billingDetails": {"firstName": None, "lastName": None, "language": "FR",
                                            "_type": "V4/Customer/BillingDetails"},
                         "email": None, "reference": None, "_type": "V4/Customer/Customer"},
            "transactions": [{
                "shopId": self.shop_id, "uuid": secrets.token_hex(16), "amount": order["amount"],
                "currency": order["currency"], "paymentMethodType": "CARD", "status": status,
                "detailedStatus": "AUTHORISED" if paid else "REFUSED", "operationType": "DEBIT",
                "creationDate": _now(), "errorCode": None if paid else "149",
                "errorMessage": None if paid else "Refused by the simulator", "metadata": None,
                "transactionDetails": {"effectiveAmount": order["amount"], "effectiveCurrency": order["currency"],
                                       "creationContext": "CHARGE", "_type": "V4/TransactionDetails"},
                "_type": "V4/PaymentTransaction",
            }],
            "_type": "V4/Payment",
        }

    @staticmethod
    def deliver(url: str | None, fields: dict) -> int | None:
        """POST the IPN like Lyra does (form-encoded); the answer's status, None if unreachable."""
        if not url:
            return None
        request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=15) as reply:
                return reply.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except (urllib.error.URLError, OSError):
            return None


def _instant(value) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _error(code: str, message: str) -> dict:
    return {"webService": "Charge/CreatePaymentOrder", "version": "V4", "status": "ERROR",
            "answer": {"errorCode": code, "errorMessage": message, "detailedErrorCode": None,
                       "detailedErrorMessage": None, "_type": "V4/WebService/WebServiceError"},
            "_type": "V4/WebService/Response"}


class _Handler(BaseHTTPRequestHandler):
    server_version = "PayZenSimulator/1"
    sim: PayZenSimulator

    def log_message(self, format, *args):  # noqa: A002 - quiet: tests and `make run` read their own output
        pass

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value) -> None:
        self._send(status, json.dumps(value).encode(), "application/json")

    def _page(self, token: str) -> None:
        with self.sim.lock:
            order = self.sim.orders.get(token)
            if order is not None:
                self.sim.expire(order)
        if order is None:
            self._send(404, b"unknown payment order", "text/plain; charset=utf-8")
            return
        html = _PAGE.render(state=order["state"], token=token, order_id=order["orderId"],
                            amount=_euros(order["amount"], order["currency"]))
        self._send(200, html.encode(), "text/html; charset=utf-8",
                   {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action *; "
                                               "frame-ancestors 'none'"})

    def do_GET(self):  # noqa: N802 - http.server's name
        path = urllib.parse.urlsplit(self.path).path
        if path == "/_simulator/notifications":
            with self.sim.lock:
                self._json(200, list(self.sim.notifications))
        elif path == "/_simulator/health":
            self._json(200, {"ok": True})
        elif match := re.fullmatch(r"/t/([0-9a-f]{32})", path):
            self._page(match.group(1))
        else:
            self._send(404, b"not found", "text/plain; charset=utf-8")

    def do_POST(self):  # noqa: N802
        path = urllib.parse.urlsplit(self.path).path
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(413, b"too large", "text/plain; charset=utf-8")
            return
        raw = self.rfile.read(length)
        if path == CREATE_PATH:
            if not self.sim.authorised(self.headers.get("Authorization")):
                self._json(401, _error("INT_905", "authentication failed (shop id and password)"))
                return
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                self._json(200, _error("INT_999", "the body is not JSON"))
                return
            self._json(200, self.sim.create_payment_order(body) if isinstance(body, dict)
                       else _error("INT_999", "the body must be an object"))
        elif match := re.fullmatch(r"/t/([0-9a-f]{32})/(pay|refuse)", path):
            token = match.group(1)
            target = self.sim.settle(token, paid=match.group(2) == "pay")
            self._send(303, b"", "text/plain; charset=utf-8", {"Location": target or f"/t/{token}"})
        else:
            self._send(404, b"not found", "text/plain; charset=utf-8")


class Running:
    """A simulator serving in a background thread (tests) or the foreground (`make run`)."""

    def __init__(self, sim: PayZenSimulator, server: ThreadingHTTPServer):
        self.sim, self.server = sim, server
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return self.sim.base_url

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        if self.thread is not None:
            self.thread.join(timeout=5)


def serve(port: int = 8002, host: str = "127.0.0.1", background: bool = True, **config) -> Running:
    sim = PayZenSimulator(**{**{k: v for k, v in DEFAULTS.items() if k != "ipn_url"}, **config})
    handler = type("Handler", (_Handler,), {"sim": sim})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    sim.base_url = f"http://{host}:{server.server_address[1]}"
    running = Running(sim, server)
    if background:
        running.thread = threading.Thread(target=server.serve_forever, name="payzen-simulator", daemon=True)
        running.thread.start()
    return running


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PSP_PORT", "8002")))
    parser.add_argument("--ipn-url", default=os.environ.get("AL_PSP_IPN_URL", DEFAULTS["ipn_url"]))
    args = parser.parse_args(argv)
    running = serve(args.port, background=False, ipn_url=args.ipn_url,
                    shop_id=os.environ.get("AL_PAYZEN_SHOP_ID", DEFAULTS["shop_id"]),
                    password=os.environ.get("AL_PAYZEN_PASSWORD", DEFAULTS["password"]),
                    hmac_key=os.environ.get("AL_PAYZEN_HMAC_KEY", DEFAULTS["hmac_key"]))
    print(f"PayZen simulator on {running.url}", flush=True)
    try:
        running.server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        running.server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
