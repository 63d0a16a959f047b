"""Art. 12(3): answer within one month of receipt, extendable once by up to two months."""
from __future__ import annotations

import calendar
from datetime import date, datetime
from typing import TypeVar

_D = TypeVar("_D", date, datetime)


def add_months(value: _D, months: int) -> _D:
    """Same day `months` later, clamped to the last day of the target month. Time and tzinfo kept."""
    index = value.year * 12 + (value.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(value.day, calendar.monthrange(year, month)[1])
    return value.replace(year=year, month=month, day=day)


def add_years(value: date, years: int) -> date:
    return add_months(value, 12 * years)


def due_by(received_at: datetime) -> datetime:
    """Art. 12(3): one month after receipt (same day next month, clamped; tz of the input kept)."""
    if not isinstance(received_at, datetime):
        raise TypeError("received_at must be a datetime")
    return add_months(received_at, 1)


def extended_due_by(received_at: datetime, months: int) -> datetime:
    """Art. 12(3) extension by 1 or 2 months beyond the first month: received_at + (1 + months) months.

    Computed from the receipt date in one step (31 Jan + 3 months = 30 Apr), not by chaining
    clamped months (which would give 28 Apr).
    """
    if not isinstance(received_at, datetime):
        raise TypeError("received_at must be a datetime")
    if isinstance(months, bool) or not isinstance(months, int) or months not in (1, 2):
        raise ValueError("an art. 12(3) extension is 1 or 2 months")
    return add_months(received_at, 1 + months)
