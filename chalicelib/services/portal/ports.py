"""What the portal's services need from the outside world (adapters implement these)."""
from __future__ import annotations

from typing import Any, Protocol


class PortalStore(Protocol):
    """Hashed credentials and counters, by string key (adapters/portal_store.py)."""

    def put_new(self, key: str, attributes: dict[str, Any]) -> None: ...
    def get(self, key: str) -> dict[str, Any] | None: ...
    def set_fields(self, key: str, attributes: dict[str, Any], only_if_missing: str | None = None) -> bool: ...
    def count(self, key: str, expires_at: int) -> int: ...
    def reset(self, key: str, expires_at: int) -> None: ...


class DocumentStore(Protocol):
    """Sealed document bytes by (tenant, document id) (adapters/document_store.py)."""

    def put(self, tenant_id: str, document_id: str, blob: bytes) -> None: ...
    def get(self, tenant_id: str, document_id: str) -> bytes | None: ...


class PaymentOrder(Protocol):
    order_id: str
    payment_url: str


class PaymentOrders(Protocol):
    """The payment service provider behind one service (PayZen first; `rt.payment_orders`)."""

    def start(self, *, tenant_id: str, case_id: str, amount_cents: int, purpose: str,
              return_url: str) -> PaymentOrder: ...
    def status(self, *, tenant_id: str, order_id: str) -> str: ...
