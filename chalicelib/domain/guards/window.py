"""When may a collection contact be made? The earliest instant, from now, at which the same
judge with the same pack, policy, facts and contact history blocks nothing about the timing
or the case's situation of a plain payment reminder on a channel.

Pure: ``now`` is an input, and the facts come from ``facts_at(instant)`` because some of them
move with the calendar (a plan falls behind, a promise expires). The answer is exact, not a
scan by steps: a block of the hours or frequency families, or of the case's situation, can
only end at a boundary (local midnight, the end of the quiet hours, a contact leaving the
7-day window, the end of the pause after a conversation), and every boundary in the horizon
is a candidate, judged in order.

The situation (the facts) changes only with the local date, and only ever towards fewer
blocks while nothing is recorded (a plan falls behind, a promise expires; the other facts do
not move), so its first free local midnight is found by bisection, and the timing candidates
are judged from there. Whatever the search, an instant is returned only after the judge found
nothing blocking at it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, Callable, Mapping, Sequence
from zoneinfo import ZoneInfo

from .context import CaseFacts, Communication, PriorContact
from .engine import judge
from .frequency import WEEK
from .pack import RulePack
from .policy import TenantPolicy

CHANNELS = ("call", "sms", "email", "letter", "visit")
TIMING_FAMILIES = frozenset({"hours", "frequency"})
# The case's situation (dispute, insolvency, restriction, erasure, closure, mandate, opt-out,
# an arrangement in force). Wording rules ("content", "form") judge a message, not a moment.
SITUATION_FAMILIES = frozenset({"context"})
WINDOW_FAMILIES = TIMING_FAMILIES | SITUATION_FAMILIES
HORIZON = timedelta(days=100)  # beyond the longest pause a policy may set (90 days)
# What the window is asked about: a plain reminder of the amount due, to the debtor, so that
# the rules that stop collection (dispute, insolvency, arrangement) are asked too.
PROBE_TEXT = ("Bonjour, nous revenons vers vous au sujet du montant restant dû sur votre dossier. "
              "Merci de nous contacter pour le régler.")


@dataclass(frozen=True)
class ContactWindow:
    allowed_now: bool
    next_allowed_at: datetime | None
    reasons: tuple[dict, ...]           # findings at ``now`` (timing and situation), blocks first

    def to_dict(self, format_instant: Callable[[datetime], str]) -> dict[str, Any]:
        return {"allowed_now": self.allowed_now,
                "next_allowed_at": format_instant(self.next_allowed_at) if self.next_allowed_at else None,
                "reasons": list(self.reasons)}


def probe(channel: str, at: datetime) -> Communication:
    return Communication(kind="contact.sent", channel=channel, recipient_role="debtor", text=PROBE_TEXT,
                         subject=None, sent_at=at)


def window_findings(judgement_findings: Sequence[Mapping[str, Any]], pack: RulePack,
                    families: frozenset[str] = WINDOW_FAMILIES) -> list[dict]:
    """The findings of a judgement that speak about the moment or the case's situation. A
    finding named by no pack rule (the ledger's own refusal) is always the situation's."""
    family = {rule.id: rule.family for rule in pack.rules}
    return [dict(f) for f in judgement_findings if family.get(f["rule_id"], "context") in families]


def _blocks(findings: Sequence[Mapping[str, Any]]) -> bool:
    return any(f["severity"] == "block" for f in findings)


def midnights(now: datetime, timezone: str, horizon: timedelta = HORIZON) -> list[datetime]:
    """Local midnights in (now, now + horizon], in order: when the facts of a day may change."""
    zone = ZoneInfo(timezone)
    out, day = [], now.astimezone(zone).date()
    while (midnight := datetime.combine(day, time(0, 0), zone)) <= now + horizon:
        if midnight > now:
            out.append(midnight)
        day += timedelta(days=1)
    return out


def _clock(hhmm: str) -> time:
    return time(int(hhmm[:2]), int(hhmm[3:]))


def candidates(now: datetime, timezone: str, history: Sequence[PriorContact], params: Mapping[str, Any],
               horizon: timedelta = HORIZON, preferred_start: str | None = None) -> list[datetime]:
    """Every instant in (now, now + horizon] at which a block may end, in order. The start of
    the debtor's preferred hours is one: within them an early call is the debtor's choice."""
    zone = ZoneInfo(timezone)
    end = now + horizon
    quiet_end = time(int(params["quiet_end"][:2]), int(params["quiet_end"][3:]))
    daily = [quiet_end]
    if preferred_start:
        # an early slot opens at its start, or where requested calls may start if that is later
        daily += [_clock(preferred_start)] + ([_clock(params["requested_call_earliest"])]
                                              if params.get("requested_call_earliest") else [])
    pause = timedelta(days=params["conversation_pause_days"])
    found: set[datetime] = set()
    day = now.astimezone(zone).date()  # today's end of the quiet hours too, not only later days'
    while (midnight := datetime.combine(day, time(0, 0), zone)) <= end:
        found.add(midnight)
        found.update(datetime.combine(day, moment, zone) for moment in daily)
        day += timedelta(days=1)
    for contact in history:
        found.add(contact.at + WEEK)
        if contact.conversation:
            found.add(contact.at + pause)
    return sorted(t for t in found if now < t <= end)


def contact_window(channel: str, now: datetime, facts_at: Callable[[datetime], CaseFacts],
                   history: Sequence[PriorContact], pack: RulePack, policy: TenantPolicy | None = None,
                   refusal_at: Callable[[datetime, list[dict]], list[dict]] | None = None,
                   horizon: timedelta = HORIZON) -> ContactWindow:
    """``refusal_at(instant, findings)`` may add the write path's own refusals to the findings."""
    if channel not in CHANNELS:
        raise ValueError(f"channel: must be one of {', '.join(CHANNELS)}")

    def at(instant: datetime) -> list[dict]:
        findings = [f.to_dict() for f in judge(probe(channel, instant), facts_at(instant), history, pack,
                                               policy).findings]
        if refusal_at is not None:
            findings = refusal_at(instant, findings)
        return window_findings(findings, pack)

    def situation_blocks(findings: list[dict]) -> bool:
        return _blocks(window_findings(findings, pack, SITUATION_FAMILIES))

    reasons = at(now)
    if not _blocks(reasons):
        return ContactWindow(True, now, tuple(reasons))
    timezone = facts_at(now).timezone
    start = now
    if situation_blocks(reasons):
        if facts_at(now) == facts_at(now + horizon):
            # Nothing in the situation moves with the calendar: no time will do until
            # something is recorded.
            return ContactWindow(False, None, tuple(reasons))
        days = midnights(now, timezone, horizon)
        if not days or situation_blocks(at(days[-1])):
            return ContactWindow(False, None, tuple(reasons))
        low, high = 0, len(days) - 1          # the first midnight whose situation is free
        while low < high:
            middle = (low + high) // 2
            if situation_blocks(at(days[middle])):
                low = middle + 1
            else:
                high = middle
        start = days[low]
        if not _blocks(at(start)):
            return ContactWindow(False, start, tuple(reasons))
    params = policy.effective_params(pack.params) if policy is not None else pack.params
    preferred = facts_at(now).preferred_hours
    for instant in candidates(start, timezone, history, params, now + horizon - start,
                              preferred[0] if preferred else None):
        if not _blocks(at(instant)):
            return ContactWindow(False, instant, tuple(reasons))
    return ContactWindow(False, None, tuple(reasons))
