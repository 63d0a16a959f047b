"""Time bar (prescription) of the claim, from the case facts and the sending date.

Consumer debts for goods/services: 2 years (C. conso L218-2); otherwise 5 years
(C. civ. 2224). The period runs from the latest invoice due date, or from the last
interruption (payment, acknowledgement, agreement: C. civ. 2240) if later. Sector
periods (telecom 1 yr, rent 3 yrs, consumer-credit foreclosure 2 yrs) are not modelled.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from .context import CaseFacts, as_date


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def prescription_facts(facts: CaseFacts, on: date, params: Mapping[str, Any]) -> dict[str, Any]:
    starts = [as_date(d) for d in facts.invoice_due_dates]
    if facts.last_interruption_on is not None:
        starts.append(as_date(facts.last_interruption_on))
    if not starts:
        return {"time_barred": None, "prescription_ends_on": None}
    years = params["prescription_years_consumer"] if facts.consumer else params["prescription_years_other"]
    ends = add_years(max(starts), int(years))
    return {"time_barred": on > ends, "prescription_ends_on": ends.isoformat()}
