"""Contact hours and frequency, in the debtor's time zone, from the contact history.

Public holidays come from ``calendars/<cc>.json``, generated from the ``holidays`` package
(holidays.country_holidays("FR"), devtools/holiday_table.py) for 2000-2100 and checked against it
by a test: the 11 national days, and the days an overseas subdivision adds, found from the debtor's
time zone (Indian/Reunion: 20 December); the Alsace-Moselle extras are not applied (no
subdivision fact, and Alsace shares Europe/Paris).
Times are local wall-clock times, so DST changes in Europe/Paris need no special case:
an instant is converted with zoneinfo and compared as local hours and dates.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Mapping, Sequence
from zoneinfo import ZoneInfo

import json
from pathlib import Path

from .context import PriorContact

WEEK = timedelta(days=7)


def hhmm_to_minutes(value: str) -> int:
    """"21:00" -> 1260; raises ValueError on anything else."""
    if not isinstance(value, str) or len(value) != 5 or value[2] != ":":
        raise ValueError(f"not an HH:MM time: {value!r}")
    hh, mm = int(value[:2]), int(value[3:])
    if not (0 <= hh <= 23 and 0 <= mm <= 59):
        raise ValueError(f"not an HH:MM time: {value!r}")
    return hh * 60 + mm


@lru_cache(maxsize=32)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


_CALENDARS = Path(__file__).resolve().parent / "calendars"


@lru_cache(maxsize=8)
def _table(country: str) -> dict:
    return json.loads((_CALENDARS / f"{country.lower()}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=32)
def _calendar(country: str, timezone: str) -> dict:
    """{date: name} of the public holidays where the debtor lives: the national days, and those
    of the overseas subdivision whose time zone this is (years outside the table have none)."""
    data = _table(country)
    days = dict(data["days"])
    region = data.get("time_zones", {}).get(timezone)
    if region is not None:
        days.update(data["regions"][region])
    return {date.fromisoformat(day): name for day, name in days.items()}


def _in_window(minute: int, start: int, end: int) -> bool:
    """[start, end) on a 24h clock; the window may wrap past midnight."""
    if start <= end:
        return start <= minute < end
    return minute >= start or minute < end


def time_facts(sent_at: datetime, timezone: str, params: Mapping[str, Any],
               preferred_hours: tuple[str, str] | None, country: str = "FR") -> dict[str, Any]:
    local = sent_at.astimezone(_zone(timezone))
    minute = local.hour * 60 + local.minute
    quiet_start = hhmm_to_minutes(params["quiet_start"])
    quiet_end = hhmm_to_minutes(params["quiet_end"])
    soft_start = hhmm_to_minutes(params["soft_evening_start"])
    weekday = local.weekday()
    holiday_name = _calendar(country, timezone).get(local.date())
    in_quiet = _in_window(minute, quiet_start, quiet_end)
    # the part of the quiet hours no request of the debtor's opens: the night (22:00-06:00 in the
    # FR pack). A callback the debtor asked for, or their own preferred slot, is the debtor's
    # choice from 06:00 (the forced-execution analogy, CPCE L141-1) to 22:00: a shift worker who
    # asks to be called at 21:30 is not harassed by that call. Without the params, all of them.
    earliest = params.get("requested_call_earliest")
    latest = params.get("requested_call_latest")
    hard_start = hhmm_to_minutes(latest) if latest else quiet_start
    in_hard_quiet = in_quiet and (earliest is None or _in_window(minute, hard_start, hhmm_to_minutes(earliest)))
    # The catalogue's soft windows (FR-CONTACT-HOURS, policy): the evening before the quiet
    # hours, Saturdays, and the midday break when a pack names one.
    midday = (params.get("soft_midday_start"), params.get("soft_midday_end"))
    in_midday = None not in midday and _in_window(
        minute, hhmm_to_minutes(midday[0]), hhmm_to_minutes(midday[1]))
    in_soft = not in_quiet and (_in_window(minute, soft_start, quiet_start) or weekday == 5
                                or in_midday)
    outside_preferred = None
    if preferred_hours:
        outside_preferred = not _in_window(minute, hhmm_to_minutes(preferred_hours[0]),
                                           hhmm_to_minutes(preferred_hours[1]))
    return {
        "local_time": local.strftime("%H:%M"),
        "local_date": local.date().isoformat(),
        "weekday": weekday,
        "is_sunday": weekday == 6,
        "is_saturday": weekday == 5,
        "is_public_holiday": holiday_name is not None,
        "holiday_name": holiday_name,
        "in_quiet_hours": in_quiet,
        "in_hard_quiet_hours": in_hard_quiet,
        "in_soft_hours": in_soft,
        "outside_preferred_hours": outside_preferred,
    }


def contact_counts(sent_at: datetime, timezone: str, channel: str,
                   history: Sequence[PriorContact]) -> dict[str, int]:
    """Attempts including the one being judged (blocked attempts count too)."""
    zone = _zone(timezone)
    today = sent_at.astimezone(zone).date()
    since = sent_at - WEEK
    calls_today = calls_7d = contacts_7d = 0
    for c in history:
        if c.at > sent_at or c.inbound:
            continue
        is_call = c.channel == "call"
        if c.at > since:
            contacts_7d += 1
            if is_call:
                calls_7d += 1
        if is_call and c.at.astimezone(zone).date() == today:
            calls_today += 1
    this_call = 1 if channel == "call" else 0
    return {
        "calls_today": calls_today + this_call,
        "calls_7d": calls_7d + this_call,
        "contacts_7d": contacts_7d + 1,
    }


def days_since_conversation(sent_at: datetime, history: Sequence[PriorContact]) -> float | None:
    """Days (fractional) since the last completed conversation with the debtor, or None."""
    last = max((c.at for c in history if c.conversation and c.at <= sent_at), default=None)
    return None if last is None else (sent_at - last).total_seconds() / 86400
