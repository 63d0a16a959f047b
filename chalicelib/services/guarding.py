"""Legality guards in the write path: build the case facts and the debtor's contact history,
judge a communication, keep the per-debtor contact index, and the tenant's guard policy.

The judgement itself is pure (domain/guards); this module only gathers its inputs.
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from datetime import date, datetime, timedelta
from typing import Any, Mapping

from ledger_verify.canonical import canonical_bytes, sha256_hex
from ..domain.errors import FieldError, ValidationFailed
from ..domain.events import format_instant, parse_instant
from ..domain.projection import CaseState
from .runtime import Runtime

COMMUNICATIONS = ("contact.sent", "formal_notice.sent")
SPOKEN_CHANNELS = ("call", "visit")  # where a contact.received is a conversation with the debtor
HISTORY_WINDOW = timedelta(days=8)  # the longest frequency window (7 days) plus a day of margin
POLICY_TTL_S = 30


def _pack(jurisdiction: str):
    from ..domain.guards.pack import load_pack

    return load_pack(jurisdiction)


def pack_of(jurisdiction: str):
    """The rule pack that judges this jurisdiction's communications."""
    return _pack(jurisdiction)


def facts_of(state: CaseState, at: datetime | None = None, plans=None):
    """The guards' facts of a case; ``at``: the instant judged (arrangements stand as of its
    local date in the case's time zone)."""
    from ..domain.arrangements import DEFAULT_POLICY
    from ..domain.guards.context import CaseFacts, Claim
    from ..domain.past_facts import local_date

    plan_status, promise_status = (state.arrangement_facts(local_date(at, state.timezone), plans or DEFAULT_POLICY)
                                   if at is not None else (None, None))
    return CaseFacts(
        jurisdiction=state.jurisdiction,
        consumer=state.consumer,
        debtor_kind=state.debtor_kind,
        collector_kind=state.collector_kind,
        collector_profession=state.collector_profession,
        creditor_kind=state.creditor_kind,
        agency_mandate=state.agency_mandate,
        has_title=state.has_enforceable_title,
        open_dispute=state.open_dispute,
        insolvency=state.insolvency,
        formal_notices_sent=state.formal_notices,
        restricted=state.restricted,
        vulnerable=state.vulnerable,
        opted_out_channels=frozenset(state.opted_out_channels),
        preferred_hours=state.preferred_hours,
        first_letter_sent=state.first_letter_sent,
        first_letter_ref=state.first_letter_ref,
        contacts_so_far=state.contacts,
        contract_late_interest=bool(state.late_interest_rate_pct),
        contract_fixed_indemnity_cents=state.fixed_indemnity_cents,
        invoice_due_dates=tuple(date.fromisoformat(d) for d in state.invoice_due_dates),
        last_interruption_on=date.fromisoformat(state.last_interruption_on) if state.last_interruption_on else None,
        timezone=state.timezone,
        case_closed=state.status == "closed",
        debtor_erased=state.debtor_subject_id in state.erased_subjects,
        plan_status=plan_status,
        promise_status=promise_status,
        acting_under=state.acting_under,
        insolvency_opened_on=date.fromisoformat(state.insolvency_opened_on) if state.insolvency_opened_on else None,
        insolvency_procedure=state.insolvency_procedure,
        claims=tuple(Claim(ref, date.fromisoformat(born)) for ref, born in state.claims),
    )


def _history_pk(tenant_id: str, subject_id: str) -> str:
    return f"{tenant_id}#contacts#{subject_id}"


def prior_contacts(rt: Runtime, tenant_id: str, subject_id: str, at: datetime, exclude: str | None = None) -> list:
    """Contacts and attempts to this debtor across all the tenant's cases in the last 8 days
    (``exclude``: the attempt being judged, already registered)."""
    from ..domain.guards.context import PriorContact

    since, until = format_instant(at - HISTORY_WINDOW), format_instant(at)
    rows = rt.lookup.query_from(_history_pk(tenant_id, subject_id), since, limit=1000)
    return [PriorContact(parse_instant(r["sk"].split("|")[0]), r["channel"], r.get("blocked") == "1",
                         conversation=r.get("conversation") == "1", inbound=r.get("inbound") == "1")
            for r in rows if r["sk"].split("|")[0] <= until
            and not (exclude and r["sk"].endswith("|" + exclude))]


def attempt_id(kind: str, occurred_at: str, data: Mapping[str, Any]) -> str:
    """The same contact posted again (a retry) has the same id, so it is indexed once."""
    return sha256_hex(canonical_bytes({"type": kind, "occurred_at": occurred_at, "data": data}))[:32]


def remember_contact(rt: Runtime, tenant_id: str, subject_id: str, occurred_at: str, channel: str,
                     case_id: str, attempt: str, blocked: bool, conversation: bool = False,
                     inbound: bool = False) -> None:
    """Index a contact or attempt for the frequency rules. Written BEFORE the ledger append, so
    that nothing can fail after an acknowledged append (a retry would record the event twice);
    an attempt whose append then fails still counts, which errs on the debtor's side."""
    rt.lookup.put(_history_pk(tenant_id, subject_id), f"{occurred_at}|{case_id}|{attempt}",
                  {"channel": channel, "blocked": "1" if blocked else "0",
                   "conversation": "1" if conversation else "0", "inbound": "1" if inbound else "0"})


PLANS = "plans"  # the policy document's member read by domain/arrangements, not by the guards' TenantPolicy


def policies(rt: Runtime, tenant_id: str):
    """(guard TenantPolicy or None, ArrangementPolicy) of the tenant, cached briefly per process."""
    cached = rt.index_keys.get(("policy", tenant_id))
    if cached and cached[0] > time.monotonic():
        return cached[1]
    from ..domain.arrangements import DEFAULT_POLICY, ArrangementPolicy

    rows = rt.lookup.query(f"{tenant_id}#policy", limit=1)
    policies = (None, DEFAULT_POLICY)
    if rows:
        from ..domain.guards.policy import TenantPolicy

        document = json.loads(rows[0]["policy"])
        plans = document.pop(PLANS, None)
        policies = (TenantPolicy.from_stored(document, _pack("FR")),
                    ArrangementPolicy.from_dict(plans) if plans is not None else DEFAULT_POLICY)
    rt.index_keys.put(("policy", tenant_id), (time.monotonic() + POLICY_TTL_S, policies))
    return policies


def tenant_policy(rt: Runtime, tenant_id: str):
    """The tenant's guard policy (tighten-only), cached briefly per process."""
    return policies(rt, tenant_id)[0]


def arrangement_policy(rt: Runtime, tenant_id: str):
    """The tenant's thresholds for plans and promises (defaults unless its policy sets ``plans``)."""
    return policies(rt, tenant_id)[1]


def set_tenant_policy(rt: Runtime, tenant_id: str, document: Any) -> dict:
    from ..domain.arrangements import ArrangementPolicy
    from ..domain.guards.policy import TenantPolicy

    if not isinstance(document, dict):
        raise ValidationFailed([FieldError("", "must be a JSON object")])
    try:
        TenantPolicy.from_dict({k: v for k, v in document.items() if k != PLANS}, _pack("FR"))
        if PLANS in document:
            ArrangementPolicy.from_dict(document[PLANS])
    except (ValueError, TypeError) as exc:
        raise ValidationFailed([FieldError(_pointer_of(str(exc)), str(exc))]) from None
    rt.lookup.put(f"{tenant_id}#policy", "guards", {"policy": json.dumps(document, sort_keys=True)})
    rt.index_keys.put(("policy", tenant_id), None)
    return {"policy": document}


def get_tenant_policy(rt: Runtime, tenant_id: str) -> dict:
    rows = rt.lookup.query(f"{tenant_id}#policy", limit=1)
    return {"policy": json.loads(rows[0]["policy"]) if rows else {}}


def _pointer_of(message: str) -> str:
    """The policy messages start with the setting's name ("max_calls_per_day: ...")."""
    name = message.split(":", 1)[0].strip().strip("'\"")
    return "/" + name if re.fullmatch(r"[a-z_][a-z0-9_]*(/[a-z_][a-z0-9_]*)?", name) else ""


def judge(rt: Runtime, state: CaseState, kind: str, data: Mapping[str, Any], sent_at: datetime,
          attempt: str | None = None) -> dict:
    """The guards' judgement of a communication on this case at ``sent_at`` (``attempt``: its
    own entry in the contact index, left out of its history)."""
    from ..domain.guards.context import Communication
    from ..domain.guards.engine import judge as judge_communication

    recipient = data.get("recipient") or {}
    comm = Communication(kind=kind, channel=data["channel"], recipient_role=recipient.get("role", "debtor"),
                         text=data["text"], subject=data.get("subject"), sent_at=sent_at,
                         callback_requested=bool(data.get("callback_requested", False)),
                         caller_id=data.get("caller_id"), automated=bool(data.get("automated", False)),
                         recorded=bool(data.get("recorded", False)), envelope=data.get("envelope"),
                         recipient_authority=recipient.get("authority"))
    history = prior_contacts(rt, state.tenant_id, state.debtor_subject_id, sent_at, exclude=attempt)
    policy, plans = policies(rt, state.tenant_id)
    judgement = judge_communication(comm, facts_of(state, sent_at, plans), history, _pack(state.jurisdiction),
                                    policy)
    return judgement.to_dict()


def for_record(judgement: dict) -> dict:
    """The judgement as stored in a record: spans keep their offsets but not the matched words,
    which are free text (personal data) and live only in the sealed envelope."""
    findings = []
    for finding in judgement["findings"]:
        spans = [{k: v for k, v in span.items() if k != "text"} for span in finding.get("spans", [])]
        findings.append({**finding, "spans": spans})
    return {**judgement, "findings": findings}


def blocked_evidence(kind: str, data: Mapping[str, Any]) -> dict:
    """Data of the guard.blocked event: what was attempted, and the text only as a hash (the
    text itself is sealed to the debtor like any free text)."""
    evidence = {
        "attempted_type": kind,
        "channel": data["channel"],
        "recipient_role": (data.get("recipient") or {}).get("role", "debtor"),
        "text_sha256": hashlib.sha256(data["text"].encode("utf-8")).hexdigest(),
        "text": data["text"],
    }
    if data.get("subject"):
        evidence["subject"] = data["subject"]
    return evidence
