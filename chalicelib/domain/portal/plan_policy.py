"""Payment plans a debtor proposes in the portal: the monthly schedule, and whether the
tenant's auto-approval policy lets the portal offer it back at once.

Defaults (issue 13): at most 6 instalments, at least 30 EUR each, first due within 30 days.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Mapping


@dataclass(frozen=True)
class AutoApproval:
    max_instalments: int = 6
    min_instalment_cents: int = 3000
    first_due_within_days: int = 30

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> "AutoApproval":
        unknown = set(document) - {"max_instalments", "min_instalment_cents", "first_due_within_days"}
        if unknown:
            raise ValueError(f"{sorted(unknown)[0]}: unknown setting")
        values = {}
        for name, low, high in (("max_instalments", 1, 36), ("min_instalment_cents", 1, 10_000_000),
                                ("first_due_within_days", 1, 90)):
            if name in document:
                value = document[name]
                if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                    raise ValueError(f"{name}: must be an integer between {low} and {high}")
                values[name] = value
        return cls(**values)

    def to_dict(self) -> dict:
        return {"max_instalments": self.max_instalments, "min_instalment_cents": self.min_instalment_cents,
                "first_due_within_days": self.first_due_within_days}


DEFAULT_AUTO_APPROVAL = AutoApproval()
MAX_PORTAL_INSTALMENTS = 36  # what the form accepts at all; beyond the policy it goes to the collector


def add_months(day: date, months: int) -> date:
    """Same day of month ``months`` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def monthly_schedule(outstanding_cents: int, count: int, first_due: date) -> list[dict]:
    """``count`` monthly instalments adding up exactly to the outstanding amount; the cents that
    do not divide evenly go to the first instalment."""
    base, remainder = divmod(outstanding_cents, count)
    return [{"due_on": add_months(first_due, i).isoformat(), "amount_cents": base + (remainder if i == 0 else 0)}
            for i in range(count)]


def within_policy(policy: AutoApproval, schedule: list[dict], first_due: date, today: date) -> list[str]:
    """The policy's limits this schedule exceeds (empty: it can be offered at once)."""
    exceeded = []
    if len(schedule) > policy.max_instalments:
        exceeded.append("max_instalments")
    if min(item["amount_cents"] for item in schedule) < policy.min_instalment_cents:
        exceeded.append("min_instalment_cents")
    if first_due > today + timedelta(days=policy.first_due_within_days):
        exceeded.append("first_due_within_days")
    return exceeded
