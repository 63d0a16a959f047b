"""Time bar (prescription) of the claim, from the case facts and the sending date.

Consumer debts for goods/services: 2 years (C. conso L218-2); otherwise 5 years
(C. civ. 2224). Two sector periods the case facts can tell: a telecom operator's claims for its
services, 1 year from their due date, whoever the customer (CPCE-postes L34-2), and a landlord's
rent from a tenant, 3 years (loi 89-462 art. 7-1); both are [M] in the catalogue, so their
params say "unverified". The period runs from the latest invoice due date, or from the last
interruption (payment, acknowledgement, agreement: C. civ. 2240) if later. A case that records its
claims but no due date runs from the latest claim's birth plus ``claim_due_days_after_birth`` (the
longest payment term of C. com. L441-10, 60 days): a claim is not due before it is born, and
seldom later than that (not for lenders: a loan's birth is when it was granted). Consumer-credit
foreclosure (2 yrs, R312-35) is not modelled: it runs from the first unpaid instalment, which
the facts do not record.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Mapping

from .context import CaseFacts, as_date


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def prescription_facts(facts: CaseFacts, on: date, params: Mapping[str, Any]) -> dict[str, Any]:
    if facts.has_title:
        # an enforceable title runs its own period (10 years, CPCE L111-4) from a date the
        # facts do not record: the claim's period says nothing any more
        return {"time_barred": None, "prescription_ends_on": None}
    starts = [as_date(d) for d in facts.invoice_due_dates]
    # a loan is born when it is granted and falls due instalment by instalment, years later:
    # its birth says nothing of its due dates
    lender = facts.creditor_kind in ("credit_institution", "payment_institution", "emoney_institution")
    if not starts and facts.claims and not lender and "claim_due_days_after_birth" in params:
        starts = [max(c.born_on for c in facts.claims) + timedelta(days=int(params["claim_due_days_after_birth"]))]
    if facts.last_interruption_on is not None:
        starts.append(as_date(facts.last_interruption_on))
    if not starts:
        return {"time_barred": None, "prescription_ends_on": None}
    if facts.creditor_kind == "telecom" and "prescription_years_telecom" in params:
        years = params["prescription_years_telecom"]
    elif facts.creditor_kind == "landlord" and facts.consumer and "prescription_years_rent" in params:
        years = params["prescription_years_rent"]
    else:
        years = params["prescription_years_consumer"] if facts.consumer else params["prescription_years_other"]
    ends = add_years(max(starts), int(years))
    return {"time_barred": on > ends, "prescription_ends_on": ends.isoformat()}
