"""What each portal page shows, from the case's clear facts only: no data key is opened, so
nothing sealed (the debtor's identity, a collector's notes or free text) can reach a page."""
from __future__ import annotations

import json
from typing import Any

from ...domain.past_facts import local_date
from ...domain.portal.dates import format_date
from ...domain.portal.money import format_eur
from ...domain.portal.texts import text
from .. import cases, guarding
from ..runtime import Runtime


def genesis(rt: Runtime, tenant_id: str, case_id: str) -> dict:
    first = next(iter(rt.ledger.records(tenant_id, case_id, -1, 1)))
    return json.loads(first)["data"]  # the clear part of case.opened (personal fields are sealed)


def next_instalment_cents(plan: dict | None) -> int | None:
    if not plan:
        return None
    for row in plan["installments"]:
        if row["status"] != "paid":
            return row["amount_cents"] - row.get("paid_cents", 0)
    return None


def summary(rt: Runtime, tenant_id: str, case_id: str, language: str) -> dict[str, Any]:
    state = cases.load_state(rt, tenant_id, case_id)
    opened = genesis(rt, tenant_id, case_id)
    today = local_date(rt.clock.now(), state.timezone)
    plan = state.plan_standing(today, guarding.arrangement_policy(rt, tenant_id))
    money = lambda cents: format_eur(cents, language)  # noqa: E731
    collector = opened["collector"]
    creditor = (opened.get("creditor") or {}).get("name")
    who = [text(language, "summary.agency" if collector["kind"] == "agency" else "summary.creditor_is_collector",
                collector=collector["name"])]
    if collector["kind"] == "agency":
        who.append(text(language, "summary.for_creditor", creditor=creditor) if creditor
                   else text(language, "summary.creditor_unnamed"))
    view = {
        "who": who,
        "reference": opened["external_ref"],
        "invoices": [{"number": i["number"], "issued_on": format_date(i["issued_on"], language),
                      "due_on": format_date(i["due_on"], language), "amount": money(i["amount_cents"])}
                     for i in opened["claim"]["invoices"]],
        "principal": money(state.principal_cents),
        "paid": money(state.paid_cents),
        "outstanding": money(state.outstanding_cents),
        "outstanding_cents": state.outstanding_cents,
        "consumer": state.consumer,
        "dispute_open": state.open_dispute,
        "proposal_pending": state.plan is None and state.agreement is not None,
        "plan": None,
        "pay": [],
        "closed": state.status == "closed",
    }
    if plan is not None:
        view["plan"] = [{"due_on": format_date(r["due_on"], language), "amount": money(r["amount_cents"]),
                         "status": text(language, f"status.{r['status']}")} for r in plan["installments"]]
    # While a dispute is examined the portal asks for nothing (the guards refuse a payment
    # demand on a disputed claim); the debtor can still propose a plan.
    if state.outstanding_cents > 0 and state.status != "closed" and not state.open_dispute:
        instalment = next_instalment_cents(plan)
        if instalment is not None and 0 < instalment < state.outstanding_cents:
            view["pay"].append({"purpose": "instalment", "label": text(language, "action.pay_instalment",
                                                                       amount=money(instalment))})
        view["pay"].append({"purpose": "outstanding", "label": text(language, "action.pay_outstanding",
                                                                    amount=money(state.outstanding_cents))})
    return view


def outstanding_text(rt: Runtime, tenant_id: str, case_id: str, language: str) -> str:
    return format_eur(cases.load_state(rt, tenant_id, case_id).outstanding_cents, language)
