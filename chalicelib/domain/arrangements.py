"""How a case's arrangements stand on a given day: the signed payment plan's instalments
(paid / due / late, payments allocated to the oldest instalment first), the plan as a whole
(in_good_standing / late / defaulted / completed) and each promise (kept / broken / pending).

Pure: the day is an input, never read from a clock, so the same records and the same day give
the same answer (the case state, the guards and the contact window all ask this module).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any, Mapping, Sequence

PLAN_STATUSES = ("in_good_standing", "late", "defaulted", "completed")
INSTALMENT_STATUSES = ("paid", "due", "late")
PROMISE_STATUSES = ("kept", "broken", "pending")


@dataclass(frozen=True)
class Payment:
    seq: int
    paid_on: str
    amount_cents: int


@dataclass(frozen=True)
class Promise:
    seq: int
    amount_cents: int
    due_on: str


@dataclass(frozen=True)
class ArrangementPolicy:
    """Thresholds a tenant may set (guard policy document, member ``plans``)."""
    grace_days: int = 5              # an unpaid instalment is late this many days after its due date
    default_after_missed: int = 2    # this many late instalments: the plan is defaulted
    default_after_days: int = 30     # or one instalment late for more than this many days
    promise_grace_days: int = 2      # a promise is broken this many days after its date, unless kept

    _BOUNDS = {"grace_days": (0, 60), "default_after_missed": (1, 24), "default_after_days": (1, 365),
               "promise_grace_days": (0, 60)}

    @classmethod
    def from_dict(cls, d: Any) -> "ArrangementPolicy":
        """Raises ValueError starting with the setting's name."""
        if not isinstance(d, Mapping):
            raise ValueError("plans: must be an object")
        known = {f.name for f in fields(cls)}
        kw = {}
        for name, value in d.items():
            if name not in known:
                raise ValueError(f"plans/{name}: unknown setting")
            low, high = cls._BOUNDS[name]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ValueError(f"plans/{name}: must be a whole number from {low} to {high}")
            kw[name] = value
        return cls(**kw)

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


DEFAULT_POLICY = ArrangementPolicy()


def _counted(payments: Sequence[Payment], after_seq: int, today: date) -> list[Payment]:
    """Payments recorded after ``after_seq`` and already made on ``today``."""
    return [p for p in payments if p.seq > after_seq and date.fromisoformat(p.paid_on) <= today]


def plan_standing(installments: Sequence[tuple[str, int]], signed_seq: int, payments: Sequence[Payment],
                  today: date, policy: ArrangementPolicy = DEFAULT_POLICY) -> dict:
    """The plan signed at ``signed_seq`` as of ``today``: instalments with their status and the
    plan's status. Payments recorded after the signature pay the oldest instalment first."""
    available = sum(p.amount_cents for p in _counted(payments, signed_seq, today))
    rows, late_days = [], []
    for due_on, amount in sorted(installments, key=lambda i: i[0]):
        paid = min(available, amount)
        available -= paid
        overdue = (today - date.fromisoformat(due_on)).days
        if paid == amount:
            status = "paid"
        elif overdue > policy.grace_days:
            status = "late"
            late_days.append(overdue)
        else:
            status = "due"
        rows.append({"due_on": due_on, "amount_cents": amount, "paid_cents": paid, "status": status})
    if all(r["status"] == "paid" for r in rows):
        status = "completed"
    elif len(late_days) >= policy.default_after_missed or any(d > policy.default_after_days for d in late_days):
        status = "defaulted"
    elif late_days:
        status = "late"
    else:
        status = "in_good_standing"
    next_due = next((r["due_on"] for r in rows if r["status"] != "paid"), None)
    return {"status": status, "installments": rows,
            "paid_cents": sum(r["paid_cents"] for r in rows), "next_due_on": next_due}


def promise_standings(promises: Sequence[Promise], payments: Sequence[Payment], today: date,
                      policy: ArrangementPolicy = DEFAULT_POLICY) -> list[dict]:
    """Each promise as of ``today``. A promise is kept by payments recorded after it and made by
    its date plus the grace days; a payment serves the oldest promise first, and only once."""
    left = {p.seq: p.amount_cents for p in payments}
    out = []
    for promise in sorted(promises, key=lambda p: p.seq):
        deadline = date.fromisoformat(promise.due_on) + timedelta(days=policy.promise_grace_days)
        needed = promise.amount_cents
        for payment in _counted(payments, promise.seq, min(today, deadline)):
            take = min(needed, left[payment.seq])
            left[payment.seq] -= take
            needed -= take
            if not needed:
                break
        if not needed:
            status = "kept"
        elif today > deadline:
            status = "broken"
        else:
            status = "pending"
        out.append({"seq": promise.seq, "amount_cents": promise.amount_cents, "due_on": promise.due_on,
                    "paid_cents": promise.amount_cents - needed, "status": status})
    return out
