"""The case chain as payment orders need it (the PaymentLedger port of payment_orders.py):
a case's facts, and `payment.received` appended through the one write path with the PSP as
actor, once per PSP transaction."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain import events as ev
from . import cases
from .payment_orders import AlreadyRecorded
from .runtime import Runtime


@dataclass(frozen=True)
class PspPrincipal:
    """Who records a payment a PSP notified: no API key, the signature vouched for it. The
    record's actor is ``{"role": "psp", "provider": <name>}``."""
    tenant_id: str
    provider: str
    role: str = "psp"

    def actor(self) -> dict:
        return {"role": self.role, "provider": self.provider}


class CaseChainPayments:
    def __init__(self, rt: Runtime):
        self._rt = rt

    def case_facts(self, tenant_id: str, case_id: str):
        return cases.load_state(self._rt, tenant_id, case_id)

    @staticmethod
    def _reservation_pk(tenant_id: str, provider: str, transaction_id: str) -> str:
        # Keyed by the PSP's transaction id: a replayed or concurrent notification finds it.
        return f"{tenant_id}#psp-transaction#{provider}#{transaction_id}"

    def is_recorded(self, *, tenant_id: str, provider: str, transaction_id: str) -> bool:
        return bool(self._rt.lookup.query(self._reservation_pk(tenant_id, provider, transaction_id), limit=1))

    def record_payment(self, *, tenant_id: str, case_id: str, provider: str, transaction_id: str,
                       occurred_at: datetime, data: dict) -> dict:
        reservation = (self._reservation_pk(tenant_id, provider, transaction_id), "payment", {"case_id": case_id})
        try:
            return cases.append_reserved(self._rt, PspPrincipal(tenant_id, provider), case_id, "payment.received",
                                         ev.format_instant(occurred_at), data, reservation)
        except cases.ReservationTaken:
            raise AlreadyRecorded() from None
