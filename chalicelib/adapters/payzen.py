"""PayZen (Lyra) REST API V4: payment orders and signed notifications.

- ``Charge/CreatePaymentOrder`` with HTTP Basic (shop id : password); amounts are integers in
  the currency's smallest unit (cents), as Lyra's API takes them.
- Instant Payment Notifications (IPN) and browser returns are forms with ``kr-answer`` (the
  JSON text), ``kr-hash`` (lowercase hex HMAC-SHA-256 of that exact text), ``kr-hash-algorithm``
  (``sha256_hmac``) and ``kr-hash-key``: ``password`` (IPN, keyed with the shop's password) or
  ``sha256_hmac`` (browser return, keyed with the shop's HMAC-SHA-256 key). The signature is
  checked on the bytes received, before the text is parsed.

Only the standard library speaks HTTP here: one POST, a timeout, no redirects followed (they
would carry the credentials elsewhere), no proxy from the environment, a bounded response.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from typing import Any, Mapping

from ..domain.errors import BusinessRuleViolation, FieldError, MalformedRequest, Unauthenticated, Unavailable
from ..domain.payments import Notification
from .secrets import Secret

NAME = "payzen"
CREATE_ORDER_PATH = "/api-payment/V4/Charge/CreatePaymentOrder"
MAX_RESPONSE_BYTES = 64 * 1024
MAX_ANSWER_CHARS = 60 * 1024
TIMEOUT_S = 8.0  # well inside API Gateway's 29 s
HASH_ALGORITHM = "sha256_hmac"
IPN_KEY, RETURN_KEY = "password", "sha256_hmac"
FORM_FIELDS = ("kr-answer", "kr-hash", "kr-hash-algorithm", "kr-hash-key")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_TRANSACTION_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")
_CURRENCY = re.compile(r"[A-Z]{3}")
ORDER_STATUS = {"PAID": "paid", "UNPAID": "refused", "ABANDONED": "refused", "RUNNING": "pending",
                "PARTIALLY_PAID": "pending"}


def sign(answer: str, key: str) -> str:
    """``kr-hash`` of a ``kr-answer`` text."""
    return hmac.new(key.encode("utf-8"), answer.encode("utf-8"), hashlib.sha256).hexdigest()


def _is_loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


def check_endpoint(url: str, what: str) -> str:
    """HTTPS, or plain HTTP to this machine only (the local simulator)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and _is_loopback(parts.hostname):
        return url
    raise ValueError(f"{what} must be an https URL (http only to 127.0.0.1)")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102 - refuse all
        return None


class PayZenClient:
    """The PaymentProvider adapter for PayZen (and Lyra's other brands, same API)."""

    name = NAME

    def __init__(self, api_url: str, shop_id: str | Secret, password: Secret, hmac_key: Secret, mode: str = "TEST",
                 timeout: float = TIMEOUT_S):
        self._api_url = check_endpoint(api_url.rstrip("/"), "the PayZen API URL")
        self._shop_id = shop_id if isinstance(shop_id, Secret) else Secret.literal(shop_id, "the PayZen shop id")
        self._password = password
        self._hmac_key = hmac_key
        self._mode = mode
        self._timeout = timeout
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())

    # --- payment orders --------------------------------------------------------------------

    def create_order(self, *, order_id: str, amount_cents: int, currency: str, return_url: str, ipn_url: str,
                     expires_at: datetime, locale: str) -> tuple[str, str]:
        """(PSP's payment order id, payment URL). No personal data is sent: the debtor types
        their card details on the PSP's page, and the receipt e-mail is the PSP's to ask."""
        if not isinstance(amount_cents, int) or isinstance(amount_cents, bool) or amount_cents < 1:
            raise ValueError("amount_cents must be a positive integer")
        body = {
            "amount": amount_cents,
            "currency": currency,
            "orderId": order_id,
            "channelOptions": {"channelType": "URL"},
            "expirationDate": expires_at.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            "locale": locale,
            "returnMode": "GET",
            "returnUrl": return_url,
        }
        if ipn_url:  # else the IPN URL of the shop's back office
            body["ipnTargetUrl"] = ipn_url
        reply = self._post(CREATE_ORDER_PATH, body)
        answer = reply.get("answer") if isinstance(reply, dict) else None
        if not isinstance(answer, dict) or reply.get("status") != "SUCCESS":
            code = answer.get("errorCode") if isinstance(answer, dict) else None
            raise Unavailable(f"the payment provider refused the order ({code if isinstance(code, str) else 'no code'})")
        url, psp_id = answer.get("paymentURL"), answer.get("paymentOrderId")
        if not isinstance(url, str) or not isinstance(psp_id, str):
            raise Unavailable("the payment provider's answer has no payment URL")
        try:
            check_endpoint(url, "the payment URL")
        except ValueError:
            raise Unavailable("the payment provider's payment URL is not https") from None
        return psp_id, url

    def _post(self, path: str, body: dict) -> Any:
        credentials = base64.b64encode(f"{self._shop_id.get()}:{self._password.get()}".encode("utf-8")).decode("ascii")
        request = urllib.request.Request(  # noqa: S310 - the URL was checked: https, or http to loopback
            self._api_url + path, data=json.dumps(body).encode("utf-8"), method="POST",
            headers={"Authorization": f"Basic {credentials}", "Content-Type": "application/json",
                     "Accept": "application/json"})
        try:
            with self._opener.open(request, timeout=self._timeout) as reply:  # nosec B310 - checked scheme
                raw = reply.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as exc:
            exc.close()
            raise Unavailable(f"the payment provider answered HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError, TimeoutError):
            raise Unavailable("the payment provider is unreachable") from None
        if len(raw) > MAX_RESPONSE_BYTES:
            raise Unavailable("the payment provider's answer is too large")
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise Unavailable("the payment provider's answer is not JSON") from None

    # --- notifications ---------------------------------------------------------------------

    def read_notification(self, fields: Mapping[str, str]) -> Notification:
        """A verified IPN (keyed with the shop password)."""
        return self._read(fields, IPN_KEY, self._password)

    def read_browser_return(self, fields: Mapping[str, str]) -> Notification:
        """A verified browser return (keyed with the HMAC-SHA-256 key): a hint for the page the
        debtor lands on; only the IPN records a payment."""
        return self._read(fields, RETURN_KEY, self._hmac_key)

    def _read(self, fields: Mapping[str, str], key_name: str, key: Secret) -> Notification:
        for name in FORM_FIELDS:
            if not isinstance(fields.get(name), str) or not fields[name]:
                raise MalformedRequest(f"{name} is missing", [FieldError(name, "is required")])
        if fields["kr-hash-algorithm"] != HASH_ALGORITHM:
            raise MalformedRequest("unsupported kr-hash-algorithm",
                                   [FieldError("kr-hash-algorithm", f"must be {HASH_ALGORITHM}")])
        if len(fields["kr-answer"]) > MAX_ANSWER_CHARS:
            raise MalformedRequest("kr-answer is too long", [FieldError("kr-answer", "too long")])
        text, given = fields["kr-answer"], fields["kr-hash"].lower()
        # Same work whatever is wrong, so timing tells nothing about which part failed.
        expected = sign(text, key.get())
        valid = hmac.compare_digest(expected, given if _HEX64.fullmatch(given) else "0" * 64)
        if not valid or fields["kr-hash-key"] != key_name:
            raise Unauthenticated("the notification's signature does not verify")
        return self._parse(text)

    def _parse(self, text: str) -> Notification:
        try:
            answer = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
        except (ValueError, RecursionError):
            raise MalformedRequest("kr-answer is not JSON", [FieldError("kr-answer", "not JSON")]) from None
        if not isinstance(answer, dict):
            raise MalformedRequest("kr-answer must be an object", [FieldError("kr-answer", "not an object")])
        if answer.get("shopId") != self._shop_id.get():
            raise BusinessRuleViolation("shop_mismatch", "the notification is for another shop",
                                        [FieldError("kr-answer/shopId", "not this ledger's shop")])
        details = _object(answer, "orderDetails", "kr-answer/orderDetails")
        order_id = details.get("orderId")
        if not isinstance(order_id, str) or not 1 <= len(order_id) <= 64:
            raise MalformedRequest("orderId is missing", [FieldError("kr-answer/orderDetails/orderId",
                                                                     "a string of 1 to 64 characters is required")])
        if details.get("mode") is not None and details.get("mode") != self._mode:
            raise BusinessRuleViolation("mode_mismatch", f"this ledger takes {self._mode} payments only",
                                        [FieldError("kr-answer/orderDetails/mode", f"must be {self._mode}")])
        raw_status = answer.get("orderStatus")
        if not isinstance(raw_status, str):
            raise MalformedRequest("orderStatus is missing", [FieldError("kr-answer/orderStatus", "is required")])
        status = ORDER_STATUS.get(raw_status, "pending")
        if status != "paid":
            return Notification(NAME, order_id, status)
        transactions = answer.get("transactions")
        if not isinstance(transactions, list):
            raise MalformedRequest("transactions is missing", [FieldError("kr-answer/transactions", "is required")])
        index = next((i for i, t in enumerate(transactions) if isinstance(t, dict) and t.get("status") == "PAID"),
                     None)
        if index is None:
            raise MalformedRequest("a paid order needs a paid transaction",
                                   [FieldError("kr-answer/transactions", "no transaction with status PAID")])
        where = f"kr-answer/transactions/{index}"
        transaction = transactions[index]
        uuid, amount, currency = transaction.get("uuid"), transaction.get("amount"), transaction.get("currency")
        if not isinstance(uuid, str) or not _TRANSACTION_ID.fullmatch(uuid):
            raise MalformedRequest("uuid is missing", [FieldError(f"{where}/uuid", "1 to 64 letters, digits, - or _")])
        if not isinstance(amount, int) or isinstance(amount, bool) or not 1 <= amount <= 10**13:
            raise MalformedRequest("amount is invalid", [FieldError(f"{where}/amount", "a positive integer in cents")])
        if not isinstance(currency, str) or not _CURRENCY.fullmatch(currency):
            raise MalformedRequest("currency is invalid", [FieldError(f"{where}/currency", "an ISO 4217 code")])
        return Notification(NAME, order_id, "paid", uuid, amount, currency, _instant(transaction.get("creationDate")),
                            {"amount": f"{where}/amount", "currency": f"{where}/currency",
                             "transaction_id": f"{where}/uuid"})


def _object(parent: dict, name: str, pointer: str) -> dict:
    value = parent.get(name)
    if not isinstance(value, dict):
        raise MalformedRequest(f"{name} is missing", [FieldError(pointer, "an object is required")])
    return value


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _no_duplicates(pairs):
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def _no_constant(name):
    raise ValueError(f"{name} is not JSON")
