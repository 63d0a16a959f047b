"""Time bar (prescription) of the claim, from the case facts and the sending date.

Consumer debts for goods/services: 2 years (C. conso L218-2); otherwise 5 years
(C. civ. 2224). Two sector periods the case facts can tell: a telecom operator's claims for its
services, 1 year from their due date, whoever the customer (CPCE-postes L34-2), and a landlord's
rent from a tenant, 3 years (loi 89-462 art. 7-1); both are [M] in the catalogue, so their
params say "unverified". The period runs from the latest invoice due date, or from the last
interruption (payment, acknowledgement, agreement: C. civ. 2240) if later. A case that records its
claims but no due date runs from the latest claim's birth plus ``claim_due_days_after_birth`` (the
longest payment term of C. com. L441-10, 60 days): a claim is not due before it is born, and
seldom later than that (not for lenders: a loan's birth is when it was granted). A consumer
credit's foreclosure (2 years from the first unpaid instalment) runs from that instalment when
the facts give no due date but the message itself says since when the instalments are unpaid
("vos échéances ne sont plus honorées depuis mai 2024"): the sender's own statement, read at the
end of the month or year it names, so that it can only make a verdict stricter.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any, Mapping

from .context import CaseFacts, as_date


_MONTHS = {m: i for i, names in enumerate((
    (), ("janvier", "january"), ("février", "fevrier", "february"), ("mars", "march"), ("avril", "april"),
    ("mai", "may"), ("juin", "june"), ("juillet", "july"), ("août", "aout", "august"),
    ("septembre", "september"), ("octobre", "october"), ("novembre", "november"),
    ("décembre", "decembre", "december"))) for m in names}
_UNPAID_SINCE = re.compile(
    r"(?i)\b(?:impay[ée]e?s?|non\s+(?:r[ée]gl[ée]e?s?|pay[ée]e?s?|honor[ée]e?s?)"
    r"|(?:ne\s+(?:sont|est)|n['’]est|n['’]ont|n['’]a)\s+plus\s+(?:[ée]t[ée]\s+)?(?:honor[ée]e?s?|r[ée]gl[ée]e?s?|pay[ée]e?s?|rembours[ée]e?s?)"
    r"|en\s+d[ée]faut|d[ée]biteur|d[ée]bitrice|unpaid|in\s+arrears|in\s+default|outstanding)"
    r"[^.\n;]{0,40}?\b(?:depuis|since)\s+"
    # "depuis l'échéance du 5 mars 2024", "since the instalment due on 5 March 2024"
    r"(?:(?:l['’]\s?[ée]ch[ée]ance|la\s+mensualit[ée]|le\s+pr[ée]l[èe]vement"
    r"|the\s+(?:instalment|installment|payment)(?:\s+due)?)\s+(?:du\s+|de\s+|on\s+|of\s+)?)?"
    r"(?:le\s+|the\s+)?(?:\d{1,2}(?:er)?\s+)?"
    r"(?:(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\s+)?((?:19|20)\d\d)\b")


def stated_default(text: str) -> date | None:
    """The latest day of the month (or year) the message says the debt is unpaid since."""
    found = None
    for m in _UNPAID_SINCE.finditer(text):
        year = int(m.group(2))
        month = _MONTHS.get(m.group(1).lower()) if m.group(1) else 12
        day = date(year, month, calendar.monthrange(year, month)[1])
        found = day if found is None or day > found else found
    return found


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def prescription_facts(facts: CaseFacts, on: date, params: Mapping[str, Any],
                       text: str = "") -> dict[str, Any]:
    if facts.has_title:
        # an enforceable title runs its own period (10 years, CPCE L111-4): the claim's period says
        # nothing any more. The facts record no title date, but an enforcement act interrupts the
        # period (C. civ. 2244), so a last interruption recorded more than 10 years ago bars it.
        if facts.last_interruption_on is None or "prescription_years_title" not in params:
            return {"time_barred": None, "prescription_ends_on": None}
        ends = add_years(as_date(facts.last_interruption_on), int(params["prescription_years_title"]))
        return {"time_barred": on > ends, "prescription_ends_on": ends.isoformat()}
    starts = [as_date(d) for d in facts.invoice_due_dates]
    # a loan is born when it is granted and falls due instalment by instalment, years later:
    # its birth says nothing of its due dates
    lender = facts.creditor_kind in ("credit_institution", "payment_institution", "emoney_institution")
    if not starts and facts.claims and not lender and "claim_due_days_after_birth" in params:
        starts = [max(c.born_on for c in facts.claims) + timedelta(days=int(params["claim_due_days_after_birth"]))]
    if not starts and lender and facts.consumer and text:
        since = stated_default(text)
        if since is not None and since <= on:
            starts = [since]
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
