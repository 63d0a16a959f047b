"""The erasure assessment (Art. 17) and the retention rule of the scheduled job. Pure and typed.

References (legal-rules-fr.md, section 8 "GDPR and CNIL points specific to collection"):
- GDPR art. 17(3)(b) legal obligation (accounting, C. com. L123-22: 10 years) and
  17(3)(e) establishment, exercise or defence of legal claims.
- Civil / commercial prescription: C. civ. 2224, C. com. L110-4 (5 years), used as the
  archiving horizon after a case is closed.
The words of every basis and reason are data (texts/fr.json).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, Sequence, TypedDict

from .deadlines import add_years
from .texts import basis as _basis, phrase

Proposal = Literal["erase", "refuse", "defer"]
PROPOSALS: tuple[Proposal, ...] = ("erase", "refuse", "defer")


class Reason(TypedDict):
    case_id: str
    reason_fr: str
    reason_en: str


@dataclass(frozen=True)
class CaseSnapshot:
    """What the service knows about one case of the subject (no personal data)."""

    case_id: str
    status: str                # "open" | "closed"
    outstanding_cents: int
    closed_on: date | None
    closed_reason: str | None
    legal_hold: bool = False
    open_dispute: bool = False
    has_enforceable_title: bool = False

    def __post_init__(self) -> None:
        if self.status not in ("open", "closed"):
            raise ValueError(f"case {self.case_id}: status must be 'open' or 'closed', not {self.status!r}")
        if isinstance(self.outstanding_cents, bool) or not isinstance(self.outstanding_cents, int):
            raise ValueError(f"case {self.case_id}: outstanding_cents must be an int")


@dataclass(frozen=True)
class Assessment:
    proposal: Proposal
    defer_until: date | None
    basis: list[dict[str, Any]]
    reasons: list[Reason]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; ``defer_until`` is left out when None, as the gdpr.erasure.assessed event
        schema (additionalProperties: false, defer_until a date string) does not accept null."""
        out: dict[str, Any] = {"proposal": self.proposal}
        if self.defer_until is not None:
            out["defer_until"] = self.defer_until.isoformat()
        out["basis"] = copy.deepcopy(self.basis)
        out["reasons"] = copy.deepcopy(self.reasons)
        return out


def _fr_date(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _euros_fr(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{units:,}".replace(",", "\u202f") + f",{rest:02d}\u00a0€"


def _euros_en(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}€{units:,}.{rest:02d}"


def _check_years(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a non-negative int")


def _live_claim_grounds(case: CaseSnapshot) -> list[tuple[str, str]]:
    """(French, English) of each ground that makes the case a live legal claim."""
    grounds: list[tuple[str, str]] = []
    if case.legal_hold:
        grounds.append(phrase("ground_legal_hold"))
    if case.status == "open" and case.outstanding_cents > 0:
        grounds.append(phrase("ground_outstanding", amount_fr=_euros_fr(case.outstanding_cents),
                              amount_en=_euros_en(case.outstanding_cents)))
    if case.open_dispute:
        grounds.append(phrase("ground_dispute"))
    if case.has_enforceable_title and (case.status == "open" or case.outstanding_cents > 0):
        grounds.append(phrase("ground_title"))
    return grounds


def _reason(case_id: str, fr: str, en: str) -> Reason:
    return {"case_id": case_id, "reason_fr": fr, "reason_en": en}


def assess_erasure(
    cases: Sequence[CaseSnapshot],
    today: date,
    retention_years: int = 5,
    accounting_retention_years: int | None = None,
) -> Assessment:
    """Propose an answer to an art. 17 erasure request.

    Precedence (the strongest ground wins; every case is explained):
    1. refuse — any case under legal hold, or a live claim: open with an amount outstanding, a
       pending dispute (open or closed case), or an enforceable title still being enforced
       (open case, or closed with an amount outstanding). Basis 17(3)(e) (+ 17(3)(b) if the
       accounting period is given).
    2. defer — no live claim, but a retention period is still running: closure + retention_years
       (17(3)(e), prescription) and/or closure + accounting_retention_years (17(3)(b)).
       defer_until is the day every period has ended. It is None when it cannot be computed yet:
       an open case with nothing outstanding (the clock starts at closure) or a closed case
       without a closure date (manual review).
    3. erase — no cases, or every period has ended (until <= today).
    """
    if isinstance(today, datetime) or not isinstance(today, date):
        raise TypeError("today must be a date")
    _check_years("retention_years", retention_years)
    if accounting_retention_years is not None:
        _check_years("accounting_retention_years", accounting_retention_years)

    reasons: list[Reason] = []
    refuse = False
    unknown_end = False
    prescription_ends: list[date] = []
    prescription_running = False
    accounting_ends: list[date] = []
    accounting_running = False

    for case in sorted(cases, key=lambda c: c.case_id):
        grounds = _live_claim_grounds(case)
        if grounds:
            refuse = True
            reason_fr = phrase("live_claim", case_id=case.case_id, grounds=" ; ".join(g[0] for g in grounds))[0]
            reason_en = phrase("live_claim", case_id=case.case_id, grounds="; ".join(g[1] for g in grounds))[1]
        elif case.status == "open":
            unknown_end = True
            reason_fr, reason_en = phrase("open_nothing_outstanding", case_id=case.case_id)
        elif case.closed_on is None:
            unknown_end = True
            reason_fr, reason_en = phrase("closed_without_date", case_id=case.case_id)
        else:
            end = add_years(case.closed_on, retention_years)
            prescription_ends.append(end)
            dates = {"case_id": case.case_id, "closed_fr": _fr_date(case.closed_on),
                     "closed_en": case.closed_on.isoformat(), "end_fr": _fr_date(end), "end_en": end.isoformat(),
                     "years": retention_years, "why": f" ({case.closed_reason})" if case.closed_reason else ""}
            if end > today:
                prescription_running = True
                reason_fr, reason_en = phrase("closed_kept", **dates)
            else:
                reason_fr, reason_en = phrase("closed_ended", **dates)
            if accounting_retention_years is not None:
                acc_end = add_years(case.closed_on, accounting_retention_years)
                accounting_ends.append(acc_end)
                if acc_end > today:
                    accounting_running = True
                    more_fr, more_en = phrase("accounting_kept", end_fr=_fr_date(acc_end), end_en=acc_end.isoformat())
                    reason_fr, reason_en = reason_fr[:-1] + more_fr, reason_en[:-1] + more_en
        reasons.append(_reason(case.case_id, reason_fr, reason_en))

    basis: list[dict[str, Any]] = []
    if refuse:
        basis.append(_basis("17(3)(e)"))
        if accounting_retention_years is not None:
            basis.append(_basis("17(3)(b)-open", years=accounting_retention_years))
        basis.append(_basis("12(4)"))
        return Assessment("refuse", None, basis, reasons)

    if unknown_end or prescription_running or accounting_running:
        defer_until = None if unknown_end else max(prescription_ends + accounting_ends)
        if unknown_end or prescription_running:
            if prescription_ends and not unknown_end:
                end = max(prescription_ends)
                basis.append(_basis("17(3)(e)-prescription", years=retention_years, until=end.isoformat(),
                                    until_fr=_fr_date(end), until_en=end.isoformat()))
            else:
                basis.append(_basis("17(3)(e)"))
        if accounting_retention_years is not None:
            if accounting_running and not unknown_end:
                acc = max(accounting_ends)
                basis.append(_basis("17(3)(b)", years=accounting_retention_years, until=acc.isoformat(),
                                    until_fr=_fr_date(acc), until_en=acc.isoformat()))
            elif unknown_end:
                basis.append(_basis("17(3)(b)-open", years=accounting_retention_years))
        basis.append(_basis("12(4)"))
        return Assessment("defer", defer_until, basis, reasons)

    return Assessment("erase", None, [_basis("17(1)(a)")], reasons)



def retention_due(cases: Sequence[CaseSnapshot], today: date, retention_years: int = 5) -> bool:
    """True when every case is closed and the latest closure is at least retention_years old.

    For the scheduled retention job, so deliberately conservative: False for an empty list (no
    closure to count from; an empty list may also be a loading failure), for a closed case
    without a closure date, and for anything assess_erasure would refuse (legal hold, dispute,
    enforceable title with an amount outstanding).
    """
    if not cases:
        return False
    return assess_erasure(cases, today, retention_years).proposal == "erase"
