"""The DPO's workflow: a register of GDPR requests, each its own chained journal (no personal
data in clear), and the answers: access/portability documents, rectification events,
restriction/objection flags the guards enforce, erasure by crypto-shredding, retention.

Rules (deadlines, the erasure assessment, the override rule, the access document) are pure, in domain/gdpr/.
"""
from __future__ import annotations

import hashlib
import json
import uuid
from datetime import date
from typing import Any, Mapping

from ..domain import gdpr as rules
from ..domain.errors import Conflict, FieldError, NotFound, ValidationFailed
from ..domain.events import format_instant, parse_instant
from ..domain.gdpr.override import override_of
from ..domain.personal import open_record, open_subject_fields
from . import cases, controller, subjects, suppression
from .auth import Principal
from .runtime import Runtime

_REGISTER = "{}#gdpr"
RETENTION_YEARS = 5


def _register_pk(tenant_id: str) -> str:
    return _REGISTER.format(tenant_id)


# --- register -------------------------------------------------------------------------------

def _request_state(records: list[dict]) -> dict:
    if not records or records[0]["type"] != "gdpr.request.received":
        raise NotFound("request not found")
    first = records[0]["data"]
    state: dict[str, Any] = {
        "request_id": records[0]["case_id"], "kind": first["kind"], "status": "open",
        "received_at": first["received_at"], "due_by": first["due_by"], "subject_id": first["subject_id"],
        "identity_verified": first["identity_verified"], "channel": first["channel"], "extended": False,
        "assessment": None, "decision": None, "answer": None,
    }
    for record in records[1:]:
        data = record["data"]
        if record["type"] == "gdpr.request.extended":
            state.update(extended=True, due_by=data["due_by"])
        elif record["type"] == "gdpr.erasure.assessed":
            state["assessment"] = data
        elif record["type"] == "gdpr.erasure.decided":
            state["decision"] = data
            if data["decision"] != "erase" or data.get("executed"):
                state["status"] = "answered"
        elif record["type"] == "gdpr.request.fulfilled":
            state.update(status="answered", answer=data)
    return state


def _history(records: list[dict]) -> list[dict]:
    return [{"seq": r["seq"], "type": r["type"], "recorded_at": r["recorded_at"], "actor": r["actor"],
             "hash": r["hash"], "data": r["data"]} for r in records]


def _index(rt: Runtime, tenant_id: str, state: dict) -> None:
    rt.lookup.put(_register_pk(tenant_id), state["request_id"], {
        "kind": state["kind"], "status": state["status"], "due_by": state["due_by"],
        "received_at": state["received_at"]})


def _load(rt: Runtime, principal: Principal, request_id: str) -> tuple[dict, list[dict]]:
    records = cases.journal_records(rt, principal.tenant_id, request_id)
    if not records:
        raise NotFound("request not found")
    return _request_state(records), records


def _resolve_subject(rt: Runtime, tenant_id: str, subject: Mapping[str, Any]) -> tuple[str | None, list[str]]:
    used = sorted(k for k in ("email", "phone", "company_id", "subject_id") if subject.get(k))
    if not used:
        raise ValidationFailed([FieldError("/subject", "give an email, phone, company_id or subject_id")])
    if subject.get("subject_id"):
        sid = subject["subject_id"]
        known = subjects.subject_record(rt, tenant_id, sid) or subjects.cases_of(rt, tenant_id, sid)
        return (sid if known else None), used
    found = subjects.find_subject(rt, tenant_id, {k: subject[k] for k in used if k != "subject_id"})
    return (found.subject_id if found else None), used


def register_request(rt: Runtime, principal: Principal, body: Any) -> dict:
    from ..domain import events as ev

    ev.validate(ev.api_validator("gdpr_request"), body)
    received = parse_instant(body["received_at"])
    if received > rt.clock.now():
        raise ValidationFailed([FieldError("/received_at", "is in the future")])
    subject_id, used = _resolve_subject(rt, principal.tenant_id, body["subject"])
    request_id = str(uuid.uuid4())
    data = {"kind": body["kind"], "channel": body["channel"], "received_at": format_instant(received),
            "due_by": format_instant(rules.due_by(received)), "identity_verified": body["identity_verified"],
            "subject_id": subject_id, "identified_by": used}
    cases.append_to_journal(rt, principal, request_id, "gdpr.request.received", data)
    state = _request_state(cases.journal_records(rt, principal.tenant_id, request_id))
    _index(rt, principal.tenant_id, state)
    return {"request_id": request_id, "due_by": state["due_by"], "subject_found": subject_id is not None}


def list_requests(rt: Runtime, principal: Principal, status: str | None, overdue: bool | None) -> dict:
    now = format_instant(rt.clock.now())
    out = []
    for row in rt.lookup.query(_register_pk(principal.tenant_id), limit=10_000):
        late = row["status"] == "open" and row["due_by"] < now
        if status and row["status"] != status:
            continue
        if overdue is not None and late != overdue:
            continue
        out.append({"request_id": row["sk"], "kind": row["kind"], "status": row["status"],
                    "received_at": row["received_at"], "due_by": row["due_by"], "overdue": late})
    return {"requests": sorted(out, key=lambda r: r["due_by"])}


def _opened(rt: Runtime, tenant_id: str, records: list[dict]) -> list[dict]:
    """The journal's records with their sealed fields (an override's reason) opened for the DPO."""
    sealed_to = {env["subject_id"] for r in records for env in r.get("sealed", [])}
    if not sealed_to:
        return records
    keys = subjects.open_private_keys(rt, tenant_id, sealed_to)
    opened = [{**r, "data": open_record(r, keys)} if r.get("sealed") else r for r in records]
    del keys
    return opened


def request_detail(rt: Runtime, principal: Principal, request_id: str) -> dict:
    _, records = _load(rt, principal, request_id)
    records = _opened(rt, principal.tenant_id, records)
    state = _request_state(records)
    state["overdue"] = state["status"] == "open" and state["due_by"] < format_instant(rt.clock.now())
    return {"request": state, "history": _history(records)}


def extend(rt: Runtime, principal: Principal, request_id: str, body: Any) -> dict:
    state, _ = _load(rt, principal, request_id)
    if state["extended"]:
        raise Conflict("already_extended", "the deadline can be extended once (Art. 12(3))")
    if state["status"] != "open":
        raise Conflict("request_answered", "the request is already answered")
    body = body if isinstance(body, dict) else {}
    months, reason = body.get("months", 2), body.get("reason")
    errors = []
    if isinstance(months, bool) or not isinstance(months, int) or months not in (1, 2):
        errors.append(FieldError("/months", "must be 1 or 2"))
    if reason not in ("complexity", "number_of_requests"):
        errors.append(FieldError("/reason", "must be complexity or number_of_requests (Art. 12(3))"))
    if errors:
        raise ValidationFailed(errors)
    due = rules.extended_due_by(parse_instant(state["received_at"]), months)
    cases.append_to_journal(rt, principal, request_id, "gdpr.request.extended",
                            {"reason": reason, "months": months, "due_by": format_instant(due)})
    return _refresh(rt, principal, request_id)


def _refresh(rt: Runtime, principal: Principal, request_id: str) -> dict:
    state, _ = _load(rt, principal, request_id)
    _index(rt, principal.tenant_id, state)
    return state


# --- answers --------------------------------------------------------------------------------

def _open_cases(rt: Runtime, tenant_id: str, subject_id: str):
    out = []
    for case_id in subjects.cases_of(rt, tenant_id, subject_id):
        try:
            out.append(cases.load_state(rt, tenant_id, case_id))
        except NotFound:
            continue
    return out


def access_document(rt: Runtime, principal: Principal, request_id: str) -> tuple[dict, str]:
    """(document, its SHA-256) of everything held about the request's subject."""
    state, _ = _load(rt, principal, request_id)
    named = controller.require(rt, principal.tenant_id)
    subject_id = state["subject_id"]
    generated_at = rt.clock.now()
    if subject_id is None:
        document = rules.access_document({"subject_id": None, "role": None, "identifiers": {}}, [], generated_at,
                                         _controller_entry(named))
    else:
        item = subjects.subject_record(rt, principal.tenant_id, subject_id)
        keys = subjects.open_private_keys(rt, principal.tenant_id, [subject_id])
        key = keys.get(subject_id)
        role = item["role"] if item else "erased"
        events = []
        for case_id in subjects.cases_of(rt, principal.tenant_id, subject_id):
            for record in cases.journal_records(rt, principal.tenant_id, case_id):
                mine = any(e["subject_id"] == subject_id for e in record.get("sealed", []))
                if role != "debtor" and not mine:
                    continue
                fields = open_subject_fields(record, subject_id, key) if (key and mine) else {}
                data = dict(record.get("data", {})) if role == "debtor" else {}
                from ..domain.events import merge_personal

                merge_personal(data, fields)
                events.append({"case_id": case_id, "seq": record["seq"], "hash": record["hash"],
                               "type": record["type"], "occurred_at": record["occurred_at"], "data": data})
        del keys, key
        identifiers = {}
        opened = next((e for e in events if e["type"] == "case.opened"), None)
        if opened:
            identifiers = {k: v for k, v in opened["data"].get("debtor", {}).items()
                           if k in ("name", "email", "phone", "address", "company_id")}
        document = rules.access_document({"subject_id": subject_id, "role": role, "identifiers": identifiers},
                                         events, generated_at, _controller_entry(named))
    digest = hashlib.sha256(json.dumps(document, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return document, digest


def _controller_entry(named: dict) -> dict:
    """What the answer says about the controller (not who recorded it)."""
    return {k: named[k] for k in ("name", "address", "contact_email", "dpo_contact", "version")}


def fulfil(rt: Runtime, principal: Principal, request_id: str, body: Any) -> dict:
    state, _ = _load(rt, principal, request_id)
    kind, subject_id = state["kind"], state["subject_id"]
    body = body if isinstance(body, dict) else {}
    if kind in ("access", "portability"):
        document, digest = access_document(rt, principal, request_id)
        cases.append_to_journal(rt, principal, request_id, "gdpr.request.fulfilled", {
            "action": f"{kind}_document" if subject_id else "nothing_held", "document_sha256": digest,
            "cases": sorted({c["case_id"] for c in document["cases"]}),
            "events": sum(len(c["events"]) for c in document["cases"]),
            "controller_version": document["controller"]["version"]})
        _refresh(rt, principal, request_id)
        return {"document": document, "document_sha256": digest}
    if subject_id is None:
        cases.append_to_journal(rt, principal, request_id, "gdpr.request.fulfilled", {"action": "nothing_held"})
        return {"request": _refresh(rt, principal, request_id)}
    if kind == "rectification":
        case_id = body.get("case_id")
        if case_id not in subjects.cases_of(rt, principal.tenant_id, subject_id):
            raise ValidationFailed([FieldError("/case_id", "must be a case of the request's subject")])
        ack = cases.append_system_event(rt, principal, case_id, "data.rectified", {
            "corrects_seq": body.get("corrects_seq", -1), "request_id": request_id, "changes": body.get("changes", {})})
        cases.append_to_journal(rt, principal, request_id, "gdpr.request.fulfilled",
                                {"action": "rectified", "cases": [case_id], "events": 1})
        return {"request": _refresh(rt, principal, request_id), "correction": {"case_id": case_id, **ack}}
    if kind in ("restriction", "objection"):
        touched = _for_each_case(rt, principal, subject_id, "subject.restricted",
                                 {"request_id": request_id, "kind": kind})
        cases.append_to_journal(rt, principal, request_id, "gdpr.request.fulfilled", {
            "action": "restricted" if kind == "restriction" else "objection_recorded", "cases": touched})
        return {"request": _refresh(rt, principal, request_id), "cases": touched}
    raise Conflict("use_decide", "an erasure request is answered with /assess then /decide")


def lift_restriction(rt: Runtime, principal: Principal, request_id: str) -> dict:
    state, _ = _load(rt, principal, request_id)
    if state["kind"] not in ("restriction", "objection") or not state["subject_id"]:
        raise Conflict("not_a_restriction", "only a restriction or objection can be lifted")
    touched = _for_each_case(rt, principal, state["subject_id"], "subject.restriction_lifted",
                             {"request_id": request_id}, only_if=lambda s: s.restricted)
    cases.append_to_journal(rt, principal, request_id, "gdpr.request.fulfilled",
                            {"action": "restriction_lifted", "cases": touched})
    return {"request": _refresh(rt, principal, request_id), "cases": touched}


def _for_each_case(rt, principal, subject_id, kind, data, only_if=None) -> list[str]:
    touched = []
    for state in _open_cases(rt, principal.tenant_id, subject_id):
        if state.debtor_subject_id != subject_id or (only_if and not only_if(state)):
            continue
        cases.append_system_event(rt, principal, state.case_id, kind, data)
        touched.append(state.case_id)
    return touched


# --- erasure --------------------------------------------------------------------------------

def _snapshots(rt: Runtime, tenant_id: str, subject_id: str) -> list:
    return [rules.CaseSnapshot(
        case_id=s.case_id, status=s.status, outstanding_cents=s.outstanding_cents,
        closed_on=date.fromisoformat(s.closed_on) if s.closed_on else None, closed_reason=s.closed_reason,
        legal_hold=s.legal_hold, open_dispute=s.open_dispute, has_enforceable_title=s.has_enforceable_title)
        for s in _open_cases(rt, tenant_id, subject_id)]


def assess(rt: Runtime, principal: Principal, request_id: str) -> dict:
    state, _ = _load(rt, principal, request_id)
    if state["kind"] != "erasure":
        raise Conflict("not_an_erasure", "only erasure requests are assessed")
    snapshots = _snapshots(rt, principal.tenant_id, state["subject_id"]) if state["subject_id"] else []
    assessment = rules.assess_erasure(snapshots, rt.clock.now().date(), RETENTION_YEARS).to_dict()
    data = {"proposal": assessment["proposal"], "basis": assessment["basis"], "reasons": assessment["reasons"]}
    if assessment.get("defer_until"):
        data["defer_until"] = assessment["defer_until"]
    cases.append_to_journal(rt, principal, request_id, "gdpr.erasure.assessed", data)
    _refresh(rt, principal, request_id)
    return assessment


def decide(rt: Runtime, principal: Principal, request_id: str, body: Any) -> dict:
    state, _ = _load(rt, principal, request_id)
    if state["kind"] != "erasure":
        raise Conflict("not_an_erasure", "only erasure requests are decided")
    if state["assessment"] is None:
        raise Conflict("not_assessed", "assess the request first (POST .../assess)")
    if state["status"] != "open":
        raise Conflict("request_answered", "the request is already answered")
    body = body if isinstance(body, dict) else {}
    decision, basis = body.get("decision"), body.get("basis")
    errors = []
    if decision not in ("erase", "refuse", "defer"):
        errors.append(FieldError("/decision", "must be erase, refuse or defer"))
    if not isinstance(basis, str) or not 1 <= len(basis) <= 300:
        errors.append(FieldError("/basis", "the legal basis of the decision (1 to 300 characters)"))
    if decision == "defer":
        try:
            date.fromisoformat(body.get("defer_until", ""))
        except (TypeError, ValueError):
            errors.append(FieldError("/defer_until", "a date (YYYY-MM-DD) is required to defer"))
    if errors:
        raise ValidationFailed(errors)
    override = override_of(state["assessment"]["proposal"], decision, body.get("override"))
    record: dict[str, Any] = {"decision": decision, "basis": basis}
    if decision == "defer":
        record["defer_until"] = body["defer_until"]
    if override is not None:
        record["override"] = dict(override)
    touched: list[str] = []
    if decision == "erase" and state["subject_id"]:
        holds = [s.case_id for s in _snapshots(rt, principal.tenant_id, state["subject_id"]) if s.legal_hold]
        if holds:
            raise Conflict("legal_hold", "a legal hold on a case blocks erasure",
                           [FieldError("/decision", f"legal hold on {', '.join(holds)}")])
        touched = erase_subject(rt, principal, state["subject_id"], request_id, "request")["cases"]
    record.update(executed=decision == "erase", cases=touched)
    sealed_to = _request_key(rt, principal.tenant_id) if override is not None else None
    cases.append_to_journal(rt, principal, request_id, "gdpr.erasure.decided", record, sealed_to=sealed_to)
    _refresh(rt, principal, request_id)
    return {"request": request_detail(rt, principal, request_id)["request"], "cases": touched}


def _request_key(rt: Runtime, tenant_id: str) -> tuple[str, str]:
    """A key pair of the request's own for the DPO's free text (an override's reason): sealed,
    as it may name the person, but not to the person's key, which the erasure it authorises
    destroys; it lives as long as the register's accountability records."""
    key = subjects.create_subject(rt, tenant_id, "gdpr_request")
    return key.subject_id, key.public_key


def erase_subject(rt: Runtime, principal: Principal, subject_id: str, request_id: str | None, reason: str) -> dict:
    """Shred the subject, then mark each of their cases with a chained subject.erased event."""
    case_ids = subjects.cases_of(rt, principal.tenant_id, subject_id)
    # before the shredding: an identifier must never be neither indexed nor suppressed
    suppression.suppress_subject(rt, principal.tenant_id, subject_id, rt.clock.now().date(), request_id)
    shredded = subjects.shred(rt, principal.tenant_id, subject_id)
    touched = []
    for case_id in case_ids:
        try:
            cases.append_system_event(rt, principal, case_id, "subject.erased",
                                      {"subject_id": subject_id, "request_id": request_id, "reason": reason})
            touched.append(case_id)
        except NotFound:
            continue
    return {**shredded, "cases": touched}


# --- retention ------------------------------------------------------------------------------

def retention(rt: Runtime, tenant_id: str, apply: bool, today: date | None = None,
              retention_years: int = RETENTION_YEARS) -> dict:
    """Subjects whose every case closed more than ``retention_years`` ago: shredded if ``apply``."""
    today = today or rt.clock.now().date()
    cutoff = date(today.year - retention_years, today.month, min(today.day, 28)).isoformat()
    system = Principal(tenant_id, "system", "retention")
    candidates: dict[str, None] = {}
    for row in rt.lookup.query_range(f"{tenant_id}#closed", "0000", cutoff + "#~", limit=10_000):
        case_id = row["sk"].split("#", 1)[1]
        try:
            state = cases.load_state(rt, tenant_id, case_id)
        except NotFound:
            continue
        for subject_id in state.subject_keys:
            if subject_id not in state.erased_subjects:
                candidates[subject_id] = None
    report = []
    for subject_id in candidates:
        if subjects.subject_record(rt, tenant_id, subject_id) is None:
            continue  # already shredded
        snapshots = _snapshots(rt, tenant_id, subject_id)
        if not rules.retention_due(snapshots, today, retention_years):
            continue
        entry = {"subject_id": subject_id, "cases": [s.case_id for s in snapshots], "erased": False}
        if apply:
            entry.update(erased=True, **erase_subject(rt, system, subject_id, None, "retention"))
        report.append(entry)
    return {"tenant_id": tenant_id, "applied": apply, "retention_years": retention_years, "subjects": report}


def all_tenants(rt: Runtime) -> list[str]:
    return [row["sk"] for row in rt.lookup.query("__tenants__", limit=100_000)]
