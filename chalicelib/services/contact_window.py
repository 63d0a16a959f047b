"""`GET /v1/cases/{id}/contact-window`: when may this debtor be contacted on a channel?

Gathers the very inputs of a real append's judgement (the case's state, the debtor's contacts
across the tenant's cases, the tenant's policy, the write path's own refusals) and asks the
pure ``domain/guards/window``; nothing is recorded.
"""
from __future__ import annotations

from datetime import datetime

from ..domain.errors import FieldError, ValidationFailed
from ..domain.events import format_instant
from ..domain.past_facts import local_date
from ..domain.write_refusals import agree_with_write_path, communication_refusal
from .auth import Principal
from .runtime import Runtime
from . import cases, guarding


def contact_window(rt: Runtime, principal: Principal, case_id: str, channel: str | None) -> dict:
    from ..domain.guards.window import CHANNELS, PROBE_TEXT, contact_window as window

    if channel is None:
        raise ValidationFailed([FieldError("query channel", "is required")])
    if channel not in CHANNELS:
        raise ValidationFailed([FieldError("query channel", f"must be one of {', '.join(CHANNELS)}")])
    state = cases.load_state(rt, principal.tenant_id, case_id)
    now = rt.clock.now()
    policy, plans = guarding.policies(rt, principal.tenant_id)
    # Contacts dated up to the append's tolerance ahead of now are already in the index.
    history = guarding.prior_contacts(rt, principal.tenant_id, state.debtor_subject_id, now + cases.MAX_FUTURE)
    probe = {"channel": channel, "recipient": {"role": "debtor"}, "text": PROBE_TEXT}

    def refusal_at(instant: datetime, findings: list[dict]) -> list[dict]:
        refusal = communication_refusal(state, "contact.sent", probe, local_date(instant, state.timezone))
        return agree_with_write_path({"verdict": "allow", "findings": findings}, refusal)["findings"]

    result = window(channel, now, lambda instant: guarding.facts_of(state, instant, plans), history,
                    guarding.pack_of(state.jurisdiction), policy, refusal_at)
    return result.to_dict(format_instant)
