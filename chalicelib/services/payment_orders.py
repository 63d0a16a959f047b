"""Payment orders: the debtor pays online through a payment service provider (PSP), and the
PSP's signed notification records `payment.received` in the case's chain.

The service knows PSPs only through the ``PaymentProvider`` port: PayZen is one adapter
(adapters/payzen.py); Stripe or Mollie would be another, and the portal would not change. The
order id -> (tenant, case, amount, currency, purpose) mapping is stored before the PSP hears of
the order, so every notification the PSP can send names an order the ledger knows.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, Callable, Mapping, Protocol
from urllib.parse import urlsplit

from ..domain.errors import Conflict, FieldError, NotFound, ValidationFailed
from ..domain.payments import PURPOSES, Notification, OrderTerms, PaymentOrder, payment_received

__all__ = ["PaymentOrder", "PaymentOrders", "PaymentProvider", "PaymentOrderStore", "PaymentLedger", "CaseFacts",
           "AlreadyRecorded", "build_payment_orders"]

ORDER_LIFETIME = timedelta(hours=1)
MAX_RETURN_URL = 2048
CURRENCY = "EUR"  # every claim is in euros (case.opened's schema)


class PaymentProvider(Protocol):
    """A PSP adapter."""

    name: str

    def create_order(self, *, order_id: str, amount_cents: int, currency: str, return_url: str, ipn_url: str,
                     expires_at: datetime, locale: str) -> tuple[str, str]:
        """(the PSP's own id of the order, the payment page's URL)."""

    def read_notification(self, fields: Mapping[str, str]) -> Notification:
        """The server-to-server notification, verified (Unauthenticated if its signature is
        wrong, MalformedRequest naming the field if unreadable)."""

    def read_browser_return(self, fields: Mapping[str, str]) -> Notification:
        """The signed fields the PSP sends back with the debtor's browser, verified."""


class PaymentOrderStore(Protocol):
    def add(self, order_id: str, attributes: dict[str, str]) -> bool: ...

    def get(self, order_id: str) -> dict[str, str] | None: ...

    def set_status(self, order_id: str, status: str, at: str) -> None: ...


class CaseFacts(Protocol):
    status: str
    outstanding_cents: int
    timezone: str


class AlreadyRecorded(Exception):
    """This PSP transaction is already in the chain."""


class PaymentLedger(Protocol):
    """The case chain, as payments need it."""

    def case_facts(self, tenant_id: str, case_id: str) -> CaseFacts:
        """NotFound when the case does not exist."""

    def record_payment(self, *, tenant_id: str, case_id: str, provider: str, transaction_id: str,
                       occurred_at: datetime, data: dict) -> dict:
        """Append `payment.received` with the PSP as actor, once per (provider, transaction):
        AlreadyRecorded on a repeat. Returns {seq, hash, ...}."""

    def is_recorded(self, *, tenant_id: str, provider: str, transaction_id: str) -> bool:
        """Whether this PSP transaction is in the chain."""


class PaymentOrders:
    def __init__(self, provider: PaymentProvider, store: PaymentOrderStore, ledger: PaymentLedger,
                 now: Callable[[], datetime], ipn_url: str, locale: str = "fr_FR"):
        self.provider = provider
        self._store = store
        self._ledger = ledger
        self._now = now
        self._ipn_url = ipn_url
        self._locale = locale

    # --- the debtor starts a payment -------------------------------------------------------

    def start(self, *, tenant_id: str, case_id: str, amount_cents: int, purpose: str,
              return_url: str) -> PaymentOrder:
        """An order with the PSP for ``amount_cents`` (at most what is outstanding) and where
        to send the debtor to pay it."""
        errors = []
        if purpose not in PURPOSES:
            errors.append(FieldError("/purpose", f"must be one of {', '.join(PURPOSES)}"))
        if not isinstance(amount_cents, int) or isinstance(amount_cents, bool) or amount_cents < 1:
            errors.append(FieldError("/amount_cents", "must be a positive integer (cents)"))
        if not _web_url(return_url):
            errors.append(FieldError("/return_url", f"must be an http(s) URL of at most {MAX_RETURN_URL} characters"))
        if errors:
            raise ValidationFailed(errors)
        facts = self._ledger.case_facts(tenant_id, case_id)
        if facts.status != "open":
            raise Conflict("case_closed", "the case is closed: nothing can be paid on it")
        if amount_cents > facts.outstanding_cents:
            raise ValidationFailed([FieldError("/amount_cents",
                                               f"must not exceed the {facts.outstanding_cents} cents outstanding")])
        now = self._now()
        order_id = uuid.uuid4().hex
        terms = {"tenant_id": tenant_id, "case_id": case_id, "amount_cents": str(amount_cents), "currency": CURRENCY,
                 "purpose": purpose, "provider": self.provider.name, "created_at": now.isoformat()}
        if not self._store.add(order_id, terms):  # 122 random bits: a collision is a broken generator
            raise RuntimeError("payment order id collision")
        _psp_id, url = self.provider.create_order(order_id=order_id, amount_cents=amount_cents, currency=CURRENCY,
                                                  return_url=return_url, ipn_url=self._ipn_url,
                                                  expires_at=now + ORDER_LIFETIME, locale=self._locale)
        return PaymentOrder(order_id, url, self.provider.name, amount_cents, CURRENCY, purpose)

    def status(self, *, tenant_id: str, order_id: str) -> str:
        """pending | paid | refused, from the PSP's notifications; unknown for an order that is
        not this tenant's."""
        terms = self._store.get(order_id) if isinstance(order_id, str) and len(order_id) == 32 else None
        if terms is None or terms["tenant_id"] != tenant_id:
            return "unknown"
        return terms.get("status", "pending")

    def order(self, *, tenant_id: str, order_id: str) -> OrderTerms | None:
        """The order's terms when it is this tenant's (for the page the debtor returns to)."""
        terms = self._load(order_id)
        return terms if terms is not None and terms.tenant_id == tenant_id else None

    def browser_return(self, *, provider: str, fields: Mapping[str, str]) -> Notification:
        """The signed answer the PSP sends back with the debtor's browser (verified; its
        ``order_id`` names the order, so a return page works with one shop-wide return URL too).
        A hint only: ``status`` (from the IPN) is what the ledger believes."""
        self._provider_named(provider)
        return self.provider.read_browser_return(fields)

    # --- the PSP notifies ------------------------------------------------------------------

    def handle_notification(self, *, provider: str, fields: Mapping[str, str]) -> dict[str, Any]:
        """Verify, then record `payment.received` for a paid order, once per PSP transaction.

        401: bad signature (nothing read further); 400: unreadable, naming the field; 404: a
        signed notification for an order this ledger never started (answered non-2xx so the
        PSP retries and alerts the merchant: an order the ledger should know is missing);
        422: currency other than the order's, amount above it; 409: the case was closed
        meanwhile, or the order was already paid by another transaction (money a person must
        look at). Replays answer 200."""
        self._provider_named(provider)
        note = self.provider.read_notification(fields)
        terms = self._load(note.order_id)
        if terms is None or terms.provider != provider:
            raise NotFound("no such payment order")
        at = self._now().isoformat()
        if note.status != "paid":
            if note.status == "refused":
                self._store.set_status(terms.order_id, "refused", at)
            return {"result": "not_paid", "order_id": terms.order_id, "status": note.status}
        facts = self._ledger.case_facts(terms.tenant_id, terms.case_id)
        occurred_at, data = payment_received(note, terms, facts.timezone, self._now())
        if self.status(tenant_id=terms.tenant_id, order_id=terms.order_id) == "paid" and not self._ledger.is_recorded(
                tenant_id=terms.tenant_id, provider=provider, transaction_id=note.transaction_id):
            # An order is paid once: a second paid transaction is the PSP's anomaly, for a person.
            raise Conflict("order_already_paid", "this order was already paid by another transaction",
                           [FieldError(note.fields.get("transaction_id", "transaction_id"), "another transaction")])
        try:
            ack = self._ledger.record_payment(tenant_id=terms.tenant_id, case_id=terms.case_id, provider=provider,
                                              transaction_id=note.transaction_id, occurred_at=occurred_at, data=data)
        except AlreadyRecorded:
            self._store.set_status(terms.order_id, "paid", at)  # a crash may have come between
            return {"result": "already_recorded", "order_id": terms.order_id}
        self._store.set_status(terms.order_id, "paid", at)
        return {"result": "recorded", "order_id": terms.order_id, "seq": ack["seq"], "hash": ack["hash"]}

    # ---------------------------------------------------------------------------------------

    def _provider_named(self, provider: str) -> None:
        if provider != self.provider.name:
            raise NotFound(f"payment provider {provider!r} is not configured")

    def _load(self, order_id: str) -> OrderTerms | None:
        row = self._store.get(order_id) if isinstance(order_id, str) and len(order_id) == 32 else None
        if row is None:
            return None
        return OrderTerms(order_id, row["tenant_id"], row["case_id"], int(row["amount_cents"]), row["currency"],
                          row["purpose"], row["provider"])


def _web_url(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > MAX_RETURN_URL:
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def build_payment_orders(rt, settings=None) -> PaymentOrders:
    """The service as the settings (default: the runtime's) configure it (AL_PSP=payzen)."""
    from ..adapters.payment_order_store import PaymentOrderStore as DynamoOrderStore
    from .payment_ledger import CaseChainPayments

    settings = settings or rt.settings
    if settings.psp != "payzen":
        raise RuntimeError(f"AL_PSP={settings.psp!r}: the only payment provider is payzen")
    return PaymentOrders(make_payzen(settings), DynamoOrderStore(rt.tables), CaseChainPayments(rt),
                         rt.clock.now, settings.psp_ipn_url)


def make_payzen(settings):
    from ..adapters.payzen import PayZenClient
    from ..adapters.secrets import Secret
    from ..domain.errors import Unavailable

    if not settings.payzen_api_url or not (settings.payzen_shop_id or settings.payzen_shop_id_ref):
        raise Unavailable("card payments are not configured (AL_PAYZEN_API_URL, AL_PAYZEN_SHOP_ID[_REF])")

    def secret(literal: str | None, reference: str | None, what: str) -> Secret:
        if reference:
            return Secret.from_reference(reference, what, settings.region)
        return Secret.literal(literal or "", what)

    return PayZenClient(settings.payzen_api_url,
                        secret(settings.payzen_shop_id, settings.payzen_shop_id_ref, "the PayZen shop id"),
                        secret(settings.payzen_password, settings.payzen_password_ref, "the PayZen password"),
                        secret(settings.payzen_hmac_key, settings.payzen_hmac_key_ref, "the PayZen HMAC key"),
                        mode=settings.payzen_mode)
