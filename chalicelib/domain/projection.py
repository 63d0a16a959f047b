"""CaseState: the state of a case folded from its chain, and the business rules an event must
meet against that state before it is appended.

Only clear facts are read: the projection never needs a data key, so it works after erasure.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Mapping

from ledger_verify.chain import Head

from .arrangements import DEFAULT_POLICY, ArrangementPolicy, Payment, Promise, plan_standing, promise_standings
from .errors import BusinessRuleViolation, Conflict, FieldError


@dataclass(frozen=True)
class Agreement:
    seq: int
    status: str  # proposed | signed
    installments: tuple[tuple[str, int], ...]
    partial: bool

    @property
    def total_cents(self) -> int:
        return sum(amount for _, amount in self.installments)

    def to_dict(self) -> dict:
        return {
            "seq": self.seq,
            "status": self.status,
            "partial": self.partial,
            "total_cents": self.total_cents,
            "installments": [{"due_on": d, "amount_cents": a} for d, a in self.installments],
        }


@dataclass(frozen=True)
class CaseState:
    tenant_id: str
    case_id: str
    head: Head
    external_ref: str = ""
    jurisdiction: str = "FR"
    timezone: str = "Europe/Paris"
    consumer: bool = True
    collector_kind: str = "agency"
    debtor_kind: str = "person"
    debtor_subject_id: str = ""
    # subject id -> base64 public key of every subject introduced in this case
    subject_keys: Mapping[str, str] = field(default_factory=dict)
    opened_at: str = ""
    status: str = "open"
    closed_reason: str | None = None
    principal_cents: int = 0
    paid_cents: int = 0
    invoice_due_dates: tuple[str, ...] = ()
    contacts: int = 0
    formal_notices: int = 0
    open_dispute: bool = False
    has_enforceable_title: bool = False
    insolvency: str | None = None
    restricted: bool = False
    last_interruption_on: str | None = None
    late_interest_rate_pct: float | int | None = None
    fixed_indemnity_cents: int | None = None
    agreement: Agreement | None = None
    promise: dict | None = None
    plan: Agreement | None = None          # the newest signed agreement: the plan in force
    promises: tuple[Promise, ...] = ()
    payments: tuple[Payment, ...] = ()
    # facts the legality guards need
    collector_profession: str | None = None
    creditor_kind: str | None = None
    agency_mandate: bool = False
    vulnerable: bool = False
    opted_out_channels: frozenset = frozenset()
    preferred_hours: tuple[str, str] | None = None
    first_letter_sent: bool = False
    first_letter_ref: str | None = None
    acting_under: str | None = None        # commissaire de justice: "L125-1" | "title"
    # (invoice number, birth date) of each claim, and the open insolvency's opening date
    claims: tuple[tuple[str, str], ...] = ()
    insolvency_opened_on: str | None = None
    insolvency_procedure: str | None = None  # sauvegarde | sauvegarde_acceleree | redressement | liquidation
    title: Mapping[str, Any] | None = None  # the declared title (clear, non-personal facts)
    guard_blocks: int = 0
    # GDPR and retention
    legal_hold: bool = False
    closed_on: str | None = None
    erased_subjects: frozenset = frozenset()

    @property
    def outstanding_cents(self) -> int:
        return max(self.principal_cents - self.paid_cents, 0)

    @property
    def overpaid_cents(self) -> int:
        return max(self.paid_cents - self.principal_cents, 0)

    def plan_standing(self, today: date, policy: ArrangementPolicy = DEFAULT_POLICY) -> dict | None:
        if self.plan is None:
            return None
        return plan_standing(self.plan.installments, self.plan.seq, self.payments, today, policy)

    def promise_standings(self, today: date, policy: ArrangementPolicy = DEFAULT_POLICY) -> list[dict]:
        return promise_standings(self.promises, self.payments, today, policy)

    def arrangement_facts(self, today: date, policy: ArrangementPolicy = DEFAULT_POLICY) -> tuple[str | None, str | None]:
        """(the plan's status, the newest promise's status) on ``today``; None where there is none."""
        plan = self.plan_standing(today, policy)
        promises = self.promise_standings(today, policy)
        return (plan["status"] if plan else None), (promises[-1]["status"] if promises else None)

    def to_dict(self, today: date | None = None, policy: ArrangementPolicy = DEFAULT_POLICY) -> dict:
        """The state as the API shows it; with ``today`` (the case's local date), the plan's and
        promises' standing on that day."""
        body = self._facts_dict()
        if today is not None:
            body["active_agreement"] = self._active_agreement(today, policy)
            body["promises"] = self.promise_standings(today, policy)
            body["last_promise"] = body["promises"][-1] if body["promises"] else None
            body["as_of"] = today.isoformat()
        return body

    def _active_agreement(self, today: date, policy: ArrangementPolicy) -> dict | None:
        """The plan in force with its standing; without one, the proposal (status "proposed")."""
        if self.plan is None:
            if self.agreement is None:
                return None
            return {**self.agreement.to_dict(), "stage": "proposed", "status": "proposed"}
        standing = self.plan_standing(today, policy)
        return {**self.plan.to_dict(), "stage": "signed", **standing}

    def _facts_dict(self) -> dict:
        return {
            "case_id": self.case_id,
            "external_ref": self.external_ref,
            "jurisdiction": self.jurisdiction,
            "timezone": self.timezone,
            "consumer": self.consumer,
            "status": self.status,
            "closed_reason": self.closed_reason,
            "opened_at": self.opened_at,
            "currency": "EUR",
            "principal_cents": self.principal_cents,
            "paid_cents": self.paid_cents,
            "outstanding_cents": self.outstanding_cents,
            "overpaid_cents": self.overpaid_cents,
            "stage": self.contacts,
            "formal_notices_sent": self.formal_notices,
            "flags": {
                "open_dispute": self.open_dispute,
                "has_enforceable_title": self.has_enforceable_title,
                "insolvency": self.insolvency is not None,
                "insolvency_kind": self.insolvency,
                "formal_notice_sent": self.formal_notices > 0,
                "restricted": self.restricted,
                "vulnerable": self.vulnerable,
            },
            "collector_profession": self.collector_profession,
            "collector_acting_under": self.acting_under,
            "insolvency_opened_on": self.insolvency_opened_on,
            "insolvency_procedure": self.insolvency_procedure,
            "declared_title": dict(self.title) if self.title else None,
            "creditor_kind": self.creditor_kind,
            "agency_mandate": self.agency_mandate,
            "contact_preferences": {
                "opted_out_channels": sorted(self.opted_out_channels),
                "preferred_hours": ({"start": self.preferred_hours[0], "end": self.preferred_hours[1]}
                                    if self.preferred_hours else None),
            },
            "first_letter": {"sent": self.first_letter_sent, "reference": self.first_letter_ref},
            "guard_blocks": self.guard_blocks,
            "legal_hold": self.legal_hold,
            "closed_on": self.closed_on,
            "debtor_erased": self.debtor_subject_id in self.erased_subjects,
            "active_agreement": self.agreement.to_dict() if self.agreement else None,
            "last_promise": self.promise,
            "head": self.head.to_dict(),
        }


# What a declared title shows to auditors and in the case view: all clear, non-personal data.
TITLE_FACTS = ("kind", "reference", "obtained_on", "court", "decided_on", "document_sha256")

# GDPR duties outlive the case: these may still be recorded after case.closed.
AFTER_CLOSURE = ("subject.restricted", "subject.restriction_lifted", "subject.erased", "data.rectified",
                 "legal_hold.placed", "legal_hold.lifted")


class NotACase(Exception):
    """The journal is not a case (a GDPR request's journal)."""


def initial_state(record: Mapping[str, Any]) -> CaseState:
    """State after the genesis record ``case.opened``."""
    if record["type"] != "case.opened":
        raise NotACase(record["type"])
    data = record["data"]
    invoices = data["claim"]["invoices"]
    contract = data.get("contract", {})
    subjects = {s["subject_id"]: s["public_key"] for s in record.get("subjects", [])}
    debtor = next(s["subject_id"] for s in record.get("subjects", []) if s["role"] == "debtor")
    return CaseState(
        tenant_id=record["tenant_id"],
        case_id=record["case_id"],
        head=Head(record["seq"], record["hash"]),
        external_ref=data["external_ref"],
        jurisdiction=data["jurisdiction"],
        timezone=data.get("timezone", "Europe/Paris"),
        consumer=data["consumer"],
        collector_kind=data["collector"]["kind"],
        debtor_kind=data["debtor"]["kind"],
        debtor_subject_id=debtor,
        subject_keys=subjects,
        opened_at=record["occurred_at"],
        principal_cents=sum(i["amount_cents"] for i in invoices),
        invoice_due_dates=tuple(sorted(i["due_on"] for i in invoices)),
        late_interest_rate_pct=contract.get("late_interest_rate_pct"),
        fixed_indemnity_cents=contract.get("fixed_indemnity_cents"),
        collector_profession=data["collector"].get("profession"),
        creditor_kind=(data.get("creditor") or {}).get("kind"),
        acting_under=data["collector"].get("acting_under"),
        claims=tuple((i["number"], i.get("born_on", i["issued_on"])) for i in invoices),
    )


def apply(state: CaseState, record: Mapping[str, Any]) -> CaseState:
    """Fold one appended record (already chained after ``state.head``) into the state."""
    kind, data = record["type"], record.get("data", {})
    changes: dict[str, Any] = {"head": Head(record["seq"], record["hash"])}
    new_subjects = {s["subject_id"]: s["public_key"] for s in record.get("subjects", [])}
    if new_subjects:
        changes["subject_keys"] = {**state.subject_keys, **new_subjects}
    day = record["occurred_at"][:10]
    if kind == "contact.sent":
        changes["contacts"] = state.contacts + 1
        if data.get("first_letter") and not state.first_letter_sent:
            changes["first_letter_sent"] = True
            changes["first_letter_ref"] = data.get("reference")
    elif kind == "formal_notice.sent":
        changes["contacts"] = state.contacts + 1
        changes["formal_notices"] = state.formal_notices + 1
    elif kind == "dispute.opened":
        changes["open_dispute"] = True
    elif kind == "dispute.resolved":
        changes["open_dispute"] = False
    elif kind == "promise.made":
        changes["promise"] = {"seq": record["seq"], "amount_cents": data["amount_cents"], "due_on": data["due_on"]}
        changes["promises"] = (*state.promises, Promise(record["seq"], data["amount_cents"], data["due_on"]))
        changes["last_interruption_on"] = day
    elif kind in ("agreement.proposed", "agreement.signed"):
        changes["agreement"] = Agreement(
            record["seq"],
            kind.split(".")[1],
            tuple((i["due_on"], i["amount_cents"]) for i in data["installments"]),
            bool(data.get("partial", False)),
        )
        if kind == "agreement.signed":
            changes["last_interruption_on"] = day
            changes["plan"] = changes["agreement"]
    elif kind == "payment.received":
        changes["paid_cents"] = state.paid_cents + data["amount_cents"]
        changes["payments"] = (*state.payments, Payment(record["seq"], data["paid_on"], data["amount_cents"]))
        changes["last_interruption_on"] = max(data["paid_on"], state.last_interruption_on or "")
    elif kind == "title.obtained":
        changes["has_enforceable_title"] = True
        changes["title"] = {k: data[k] for k in TITLE_FACTS if k in data}
    elif kind == "insolvency.flagged":
        changes["insolvency"] = data["kind"]
        changes["insolvency_opened_on"] = data["opened_on"]
        changes["insolvency_procedure"] = data.get("procedure")
    elif kind == "insolvency.lifted":
        changes["insolvency"] = None
        changes["insolvency_opened_on"] = None
        changes["insolvency_procedure"] = None
    elif kind == "mandate.recorded":
        changes["agency_mandate"] = True
        changes["creditor_kind"] = data["creditor_kind"]
    elif kind == "preferences.updated":
        changes["opted_out_channels"] = frozenset(data["opted_out_channels"])
        hours = data.get("preferred_hours")
        changes["preferred_hours"] = (hours["start"], hours["end"]) if hours else None
    elif kind == "vulnerability.flagged":
        changes["vulnerable"] = True
    elif kind == "vulnerability.cleared":
        changes["vulnerable"] = False
    elif kind == "guard.blocked":
        changes["guard_blocks"] = state.guard_blocks + 1
    elif kind == "case.closed":
        changes["status"] = "closed"
        changes["closed_reason"] = data["reason"]
        changes["closed_on"] = day
    elif kind == "subject.restricted":
        changes["restricted"] = True
    elif kind == "subject.restriction_lifted":
        changes["restricted"] = False
    elif kind == "legal_hold.placed":
        changes["legal_hold"] = True
    elif kind == "legal_hold.lifted":
        changes["legal_hold"] = False
    elif kind == "subject.erased":
        changes["erased_subjects"] = state.erased_subjects | {data["subject_id"]}
    return replace(state, **changes)


def fold(records) -> CaseState | None:
    state = None
    for record in records:
        state = initial_state(record) if state is None else apply(state, record)
    return state


def check_event(state: CaseState, kind: str, data: Mapping[str, Any], occurred_on: date) -> None:
    """Business rules of an event against the current state; raises when it must be refused."""
    if state.status == "closed" and kind not in AFTER_CLOSURE:
        raise Conflict("case_closed", "the case is closed: no event may be appended after case.closed")
    if kind == "legal_hold.lifted" and not state.legal_hold:
        raise Conflict("no_legal_hold", "no legal hold to lift", [FieldError("/type", "no legal hold")])
    if kind == "data.rectified" and not 0 <= data["corrects_seq"] <= state.head.seq:
        raise BusinessRuleViolation("no_such_event", "corrects_seq must name an earlier event of this case",
                                    [FieldError("/data/corrects_seq", f"must be between 0 and {state.head.seq}")])
    if kind == "dispute.resolved" and not state.open_dispute:
        raise Conflict("no_open_dispute", "there is no open dispute to resolve", [FieldError("/type", "no open dispute")])
    if kind == "dispute.opened" and state.open_dispute:
        raise Conflict("dispute_already_open", "a dispute is already open", [FieldError("/type", "dispute already open")])
    if kind == "vulnerability.cleared" and not state.vulnerable:
        raise Conflict("not_vulnerable", "no vulnerability flag to clear", [FieldError("/type", "no vulnerability flag")])
    if kind == "insolvency.lifted" and state.insolvency is None:
        raise Conflict("no_insolvency", "no insolvency flag to lift", [FieldError("/type", "no insolvency flag")])
    if kind in ("agreement.proposed", "agreement.signed"):
        total = sum(i["amount_cents"] for i in data["installments"])
        if not data.get("partial", False) and total != state.outstanding_cents:
            raise BusinessRuleViolation(
                "agreement_total_mismatch",
                f"installments add up to {total} cents but {state.outstanding_cents} cents are outstanding;"
                " set partial: true for a plan covering part of the debt",
                [FieldError("/data/installments", f"total {total} != outstanding {state.outstanding_cents}")],
            )
        if data.get("partial", False) and total > state.outstanding_cents:
            raise BusinessRuleViolation(
                "agreement_exceeds_outstanding",
                f"a partial plan of {total} cents exceeds the {state.outstanding_cents} cents outstanding",
                [FieldError("/data/installments", "total exceeds outstanding")],
            )
    if kind == "promise.made" and data["amount_cents"] > max(state.outstanding_cents, 0):
        raise BusinessRuleViolation(
            "promise_exceeds_outstanding",
            f"a promise of {data['amount_cents']} cents exceeds the {state.outstanding_cents} cents outstanding",
            [FieldError("/data/amount_cents", "exceeds outstanding")],
        )
