"""Dates as each language's reader writes them: 15/01/2027 in French, 15 Jan 2027 in English."""
from __future__ import annotations

from datetime import date

_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(iso_day: str, language: str = "fr") -> str:
    day = date.fromisoformat(iso_day)
    if language == "en":
        return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
