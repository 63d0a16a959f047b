"""The debtor's acts: contest, propose a plan, accept the plan offered, pay. Each is recorded
in the case's chain through the one write path, with the debtor (via the portal, by link) as
actor; the guards then see the case as it now stands (an open dispute, a signed plan)."""
from __future__ import annotations

import hashlib
import hmac
from datetime import date, timedelta

from ...domain import events as ev
from ...domain.errors import Conflict, RequestTooLarge, UnsupportedMediaType
from ...domain.past_facts import local_date
from ...domain.portal import acceptance
from ...domain.portal.plan_policy import MAX_PORTAL_INSTALMENTS, monthly_schedule, within_policy
from ...domain.portal.texts import text
from .. import cases, guarding
from ..runtime import Runtime
from ..subjects import index_key
from . import documents, links, policy, sessions
from .actor import PortalActor
from .pages import genesis, next_instalment_cents
from .refusals import FormProblem

REASON_CODES = ("not_owed", "already_paid", "wrong_amount", "not_received", "other")
MAX_DETAILS = 20000


def _actor(current: sessions.Session) -> PortalActor:
    return PortalActor(current.tenant_id, current.link.link_id)


def contest(rt: Runtime, current: sessions.Session, reason_code: str | None, details: str | None,
            document: bytes | None, language: str) -> dict:
    details = (details or "").strip()
    if reason_code not in REASON_CODES or not details or len(details) > MAX_DETAILS:
        raise FormProblem("contest.missing")
    state = cases.load_state(rt, current.tenant_id, current.case_id)
    if state.open_dispute:
        raise FormProblem("contest.already", 409)
    data = {"reason_code": reason_code, "reason": text(language, f"contest.reason.{reason_code}"),
            "details": details}
    if document:
        try:
            stored = documents.store_sealed(rt, current.tenant_id, current.case_id, state.debtor_subject_id,
                                            state.subject_keys[state.debtor_subject_id], document)
        except RequestTooLarge:
            raise FormProblem("contest.too_large", 413) from None
        except UnsupportedMediaType:
            raise FormProblem("contest.bad_type", 415) from None
        data["document"] = stored.facts()
    try:
        return cases.append_system_event(rt, _actor(current), current.case_id, "dispute.opened", data)
    except Conflict:
        raise FormProblem("contest.already", 409) from None


def _parse_plan(count_raw: str | None, first_due_raw: str | None, today: date) -> tuple[int, date]:
    try:
        count = int((count_raw or "").strip())
        first_due = date.fromisoformat((first_due_raw or "").strip())
    except ValueError:
        raise FormProblem("plan.invalid") from None
    if not 1 <= count <= MAX_PORTAL_INSTALMENTS or not today <= first_due <= today + timedelta(days=365):
        raise FormProblem("plan.invalid")
    return count, first_due


def propose(rt: Runtime, current: sessions.Session, count_raw: str | None, first_due_raw: str | None) -> dict:
    """Within the tenant's auto-approval policy the plan is offered back at once (kept in the
    session until accepted); otherwise it is recorded as agreement.proposed for the collector."""
    state = cases.load_state(rt, current.tenant_id, current.case_id)
    today = local_date(rt.clock.now(), state.timezone)
    count, first_due = _parse_plan(count_raw, first_due_raw, today)
    if state.outstanding_cents <= 0:
        raise FormProblem("plan.nothing_due", 409)
    if count > state.outstanding_cents:
        raise FormProblem("plan.invalid")
    schedule = monthly_schedule(state.outstanding_cents, count, first_due)
    exceeded = within_policy(policy.auto_approval(rt, current.tenant_id), schedule, first_due, today)
    if not exceeded:
        sessions.keep_offer(rt, current, schedule)
        return {"outcome": "offered", "installments": schedule}
    cases.append_system_event(rt, _actor(current), current.case_id, "agreement.proposed", {"installments": schedule})
    sessions.keep_offer(rt, current, None)
    return {"outcome": "proposed", "exceeds": exceeded}


def offered_terms(rt: Runtime, current: sessions.Session, language: str) -> dict:
    """The exact terms of the plan on offer, as the accept page shows them and hashes them."""
    if not current.offer:
        raise FormProblem("accept.none", 409)
    opened = genesis(rt, current.tenant_id, current.case_id)
    creditor = (opened.get("creditor") or {}).get("name") or opened["collector"]["name"]
    terms = acceptance.terms_text(language, opened["external_ref"], creditor, current.offer)
    return {"terms": terms, "terms_sha256": acceptance.terms_sha256(terms), "installments": current.offer,
            "consent": acceptance.consent_text(language)}


def _keyed(rt: Runtime, tenant_id: str, purpose: bytes, value: str) -> str:
    return hmac.new(index_key(rt, tenant_id), purpose + b"\x00" + value.encode("utf-8"), hashlib.sha256).hexdigest()


def accept(rt: Runtime, current: sessions.Session, consent: str | None, shown_terms_sha256: str | None,
           language: str, source_ip: str, user_agent: str) -> dict:
    """agreement.signed with its acceptance evidence. The terms hash the page carried must be
    the hash of the terms as rendered now: the debtor signs what was shown, nothing else."""
    offer = offered_terms(rt, current, language)
    if consent != "yes":
        raise FormProblem("accept.missing_consent")
    if not shown_terms_sha256 or not hmac.compare_digest(offer["terms_sha256"], shown_terms_sha256):
        raise FormProblem("accept.none", 409)
    state = cases.load_state(rt, current.tenant_id, current.case_id)
    if sum(i["amount_cents"] for i in current.offer) != state.outstanding_cents:
        sessions.keep_offer(rt, current, None)  # a payment arrived meanwhile: the offer is stale
        raise FormProblem("accept.none", 409)
    evidence = {
        "terms_sha256": offer["terms_sha256"],
        "terms_version": acceptance.TERMS_VERSION,
        "consent_text": offer["consent"],
        "language": language,
        "accepted_at": ev.format_instant(rt.clock.now()),
        "link_id": current.link.link_id,
        "ip_hmac": _keyed(rt, current.tenant_id, b"portal-acceptance-ip", source_ip or ""),
        "user_agent_hmac": _keyed(rt, current.tenant_id, b"portal-acceptance-user-agent", user_agent or ""),
    }
    ack = cases.append_system_event(rt, _actor(current), current.case_id, "agreement.signed",
                                    {"installments": current.offer, "acceptance": evidence})
    sessions.keep_offer(rt, current, None)
    return ack


def pay(rt: Runtime, current: sessions.Session, purpose: str | None, return_url: str) -> str:
    """A payment order with the PSP for the outstanding amount or the next instalment; the URL
    of its payment page."""
    state = cases.load_state(rt, current.tenant_id, current.case_id)
    if state.outstanding_cents <= 0 or state.status == "closed":
        raise FormProblem("pay.nothing", 409)
    if purpose == "instalment":
        today = local_date(rt.clock.now(), state.timezone)
        amount = next_instalment_cents(state.plan_standing(today, guarding.arrangement_policy(rt, current.tenant_id)))
        if not amount:
            raise FormProblem("pay.nothing", 409)
        amount = min(amount, state.outstanding_cents)
    elif purpose == "outstanding":
        amount = state.outstanding_cents
    else:
        raise FormProblem("pay.nothing", 422)
    orders = getattr(rt, "payment_orders", None)
    if orders is None:
        raise FormProblem("pay.unavailable", 503)
    order = orders.start(tenant_id=current.tenant_id, case_id=current.case_id, amount_cents=amount, purpose=purpose,
                         return_url=return_url)
    links.remember_order(rt, current.link, order.order_id)
    return order.payment_url


def payment_result(rt: Runtime, link: links.Link) -> str:
    """paid | pending | refused | unknown: the link's last order as the PSP's service knows it
    (nothing personal)."""
    orders = getattr(rt, "payment_orders", None)
    order_id = links.last_order(rt, link)
    if orders is None or not order_id:
        return "unknown"
    return orders.status(tenant_id=link.tenant_id, order_id=order_id)
