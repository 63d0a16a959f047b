"""Card payments through a payment service provider (PSP), pure: the order a debtor pays, the
notification a PSP sends back, and what a verified notification may record.

A notification is untrusted input even once its signature is checked (the adapter checks it):
it may only record a paid amount no larger than the order it answers, in the order's currency.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Mapping

from .errors import BusinessRuleViolation, FieldError
from .past_facts import local_date

PURPOSES = ("outstanding", "instalment")
# What the portal shows: the IPN decides; "unknown" is an order this tenant never started.
STATUSES = ("pending", "paid", "refused", "unknown")


@dataclass(frozen=True)
class PaymentOrder:
    """An order started with a PSP: where to send the debtor, and what it is for."""
    order_id: str
    payment_url: str
    provider: str
    amount_cents: int
    currency: str
    purpose: str


@dataclass(frozen=True)
class OrderTerms:
    """What the ledger stored when it started the order (no personal data)."""
    order_id: str
    tenant_id: str
    case_id: str
    amount_cents: int
    currency: str
    purpose: str
    provider: str


@dataclass(frozen=True)
class Notification:
    """A PSP's verified account of an order's payment. ``fields`` maps amount, currency,
    transaction_id and status to where the PSP's message carries them, so a refusal names the
    field the PSP sent."""
    provider: str
    order_id: str
    status: str  # pending | paid | refused
    transaction_id: str | None = None
    amount_cents: int | None = None
    currency: str | None = None
    paid_at: datetime | None = None
    fields: Mapping[str, str] = field(default_factory=dict)


def payment_received(notification: Notification, terms: OrderTerms, timezone: str,
                     now: datetime) -> tuple[datetime, dict]:
    """(occurred_at, data of `payment.received`) for a paid notification of this order.

    Refused (422 naming the PSP's field): another currency than the order's, an amount above
    the order's. The time is the PSP's (never later than now: a PSP clock ahead of ours must
    not date a payment in the future)."""
    where = notification.fields
    if notification.currency != terms.currency:
        raise BusinessRuleViolation(
            "currency_mismatch", f"the order was in {terms.currency}",
            [FieldError(where.get("currency", "currency"), f"must be {terms.currency}")])
    amount = notification.amount_cents
    if amount is None or amount < 1 or amount > terms.amount_cents:
        raise BusinessRuleViolation(
            "amount_exceeds_order", f"the order was for {terms.amount_cents} cents",
            [FieldError(where.get("amount", "amount"), f"must be between 1 and {terms.amount_cents} cents")])
    paid_at = min(notification.paid_at or now, now)
    data = {
        "amount_cents": amount,
        "paid_on": local_date(paid_at, timezone).isoformat(),
        "method": "card",
        "psp": {"provider": notification.provider, "order_id": terms.order_id,
                "transaction_id": notification.transaction_id},
    }
    return paid_at, data
