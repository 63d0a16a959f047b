"""Dates that state a past fact (a payment received, a mandate signed, a title obtained) cannot
lie after the moment the event says it happened.

Which dates are past facts is data: a schema property annotated ``"x-past-fact": true``. One
check reads the annotation, so a new event type gets the rule by its schema alone. Due dates
are not annotated: a plan's instalments and a promise may fall in the future.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Iterator
from zoneinfo import ZoneInfo

from .errors import FieldError, ValidationFailed

ANNOTATION = "x-past-fact"


def past_fact_pointers(schema: dict, data: Any, base: str = "") -> Iterator[tuple[str, Any]]:
    """(JSON Pointer, value) of each annotated date present in ``data``."""
    if isinstance(data, dict):
        props = schema.get("properties", {})
        for key, value in data.items():
            sub = props.get(key, {})
            pointer = f"{base}/{key}"
            if sub.get(ANNOTATION) is True:
                yield pointer, value
            else:
                yield from past_fact_pointers(sub, value, pointer)
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for i, value in enumerate(data):
            yield from past_fact_pointers(schema["items"], value, f"{base}/{i}")


def local_date(moment: datetime, timezone: str) -> date:
    """The calendar date of an instant where the case lives (its time zone)."""
    return moment.astimezone(ZoneInfo(timezone)).date()


def check_past_facts(schema: dict, data: Any, occurred_at: datetime, timezone: str, prefix: str = "") -> None:
    """422 naming every past-fact date later than ``occurred_at``'s date in ``timezone``.

    The data was validated against ``schema`` first, so annotated values are real dates."""
    limit = local_date(occurred_at, timezone)
    late = [FieldError(prefix + pointer,
                       f"is after the event's date {limit.isoformat()} ({timezone}): it states a past fact")
            for pointer, value in past_fact_pointers(schema, data)
            if isinstance(value, str) and date.fromisoformat(value) > limit]
    if late:
        raise ValidationFailed(late)
