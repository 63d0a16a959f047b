"""Values computed from the communication, the facts and the history, for predicates."""
from __future__ import annotations

from datetime import date
from typing import Any, Callable, Mapping, Sequence

from .closure import closure_notice
from .context import CaseFacts, Communication, PriorContact
from .erasure_notice import erasure_notice
from .insolvency import about_frozen_claims, claims_dated, recipients_own_overindebtedness
from .frequency import contact_counts, days_since_conversation, time_facts
from .prescription import prescription_facts
from .references import compact, recalls_first_letter
from .sender import unidentified_callback
from .statement import strictest_statement_facts
from .succession import accepted_outright

WRITTEN_CHANNELS = frozenset({"email", "sms", "letter"})
# A representative who acts in the debtor's place receives the letters the law addresses to the
# debtor (R124-4's first letter and its reference, the GDPR art. 14 notice); a mediator or the
# overindebtedness commission examines the file and receives none of them. An heir who accepted
# the succession outright is the debtor (succession.py).
IN_DEBTORS_PLACE = frozenset({"legal_protection", "debtor_authorisation"})


def in_period(local_date: str, start: str | None, end: str | None) -> bool | None:
    """The local date ("2026-12-14") lies in a yearly period given as "MM-DD" bounds, inclusive,
    which may wrap over the new year ("11-01" to "03-31": the winter truce). None without bounds."""
    if not start or not end:
        return None
    day = local_date[5:]
    return start <= day <= end if start <= end else (day >= start or day <= end)


class Derived(dict):
    """The derived values, some of them computed on first use: the closure and erasure readings
    (a regex over the whole wording, 60-140 µs each on a 2 KB letter) are read only by the rules
    of a closed case, a restricted or an erased subject, which most judgements never reach."""

    def __init__(self, values: dict[str, Any], deferred: dict[str, Callable[[], Any]]):
        super().__init__(values)
        self._deferred = deferred

    def get(self, key: str, default: Any = None) -> Any:
        compute = self._deferred.pop(key, None)
        if compute is not None:
            self[key] = compute()
        return super().get(key, default)


def derive(comm: Communication, facts: CaseFacts, history: Sequence[PriorContact],
           params: Mapping[str, Any], text_readings: Sequence[str] = ()) -> Derived:
    """``text_readings``: every field's readings (unmask.py), for the statement's arithmetic."""
    out: dict[str, Any] = {}
    wording = f"{comm.subject or ''} {comm.text}"     # what the wording-read facts read, built once
    out.update(time_facts(comm.sent_at, facts.timezone, params, facts.preferred_hours,
                          country=facts.jurisdiction))
    # the debtor chose this time: asked to be called now, or it lies in their preferred hours
    out["at_requested_time"] = bool(comm.callback_requested) or out["outside_preferred_hours"] is False
    out.update(contact_counts(comm.sent_at, facts.timezone, comm.channel, history))
    out["days_since_conversation"] = days_since_conversation(comm.sent_at, history)
    out.update(prescription_facts(facts, date.fromisoformat(out["local_date"]), params,
                                  wording))
    out["channel_opted_out"] = comm.channel in facts.opted_out_channels
    ref = facts.first_letter_ref
    if ref and compact(ref):
        out["first_letter_ref_cited"] = recalls_first_letter(
            ref, wording, (claim.ref for claim in facts.claims))
    else:
        out["first_letter_ref_cited"] = None
    out.update(strictest_statement_facts((comm.text, *text_readings), date.fromisoformat(out["local_date"])))
    out["about_frozen_claims"] = about_frozen_claims(facts, wording)
    out["insolvency_claims_dated"] = claims_dated(facts)
    out["recipients_own_overindebtedness"] = (
        recipients_own_overindebtedness(wording) if facts.insolvency == "overindebtedness" else None)
    out["in_winter_truce"] = in_period(out["local_date"], params.get("winter_truce_start"), params.get("winter_truce_end"))
    out["is_written"] = comm.channel in WRITTEN_CHANNELS
    out["is_phone_or_visit"] = comm.channel in ("call", "visit")
    out["receives_debtors_letters"] = comm.recipient_role in ("debtor", "guarantor") or (
        comm.recipient_role == "representative" and comm.recipient_authority in IN_DEBTORS_PLACE) or (
        comm.recipient_role == "heir" and accepted_outright(wording))
    out["unidentified_callback"] = unidentified_callback(wording, comm.channel)
    return Derived(out, {"closure_notice": lambda: closure_notice(wording),
                         "erasure_notice": lambda: erasure_notice(wording)})
