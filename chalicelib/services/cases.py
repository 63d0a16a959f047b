"""Case use cases: open a case, append an event, read state, timeline, journal, verification.

There is one write path, ``_append``: every event (API, CLI, guard evidence, GDPR actions)
goes through it, so the chain rules live in one place. It is optimistic: the head comes from a
per-process cache, the conditional PutItem on (case, seq) is the arbiter, and a lost race
refreshes the head and tries again (bounded).
"""
from __future__ import annotations

import json
import random
import time
import uuid
from datetime import timedelta
from typing import Any, Mapping

from ..adapters.dynamo import ConditionFailed, KeyClaimed
from ..domain import events as ev
from ledger_verify.canonical import sha256_hex
from ledger_verify.chain import Head, next_link, seal_record, verify_chain
from ..domain.errors import DuplicateExternalRef, FieldError, GuardBlocked, NotFound, Unavailable, ValidationFailed
from ..domain.past_facts import check_past_facts, local_date
from ..domain.personal import open_record, seal_fields
from ..domain.projection import CaseState, NotACase, apply, check_event, fold, initial_state
from ..domain.write_refusals import agree_with_write_path, communication_refusal, refuse_erased_debtor
from .auth import Principal
from .paging import take_within
from .runtime import Runtime
from . import guarding, idempotency, receipts, suppression
from . import subjects as subject_registry
from .tenant_keys import record_mac

MAX_APPEND_ATTEMPTS = 20
LEDGER_ONLY_TYPES = ("case.opened", "guard.blocked", "gdpr.request.received", "gdpr.request.extended",
                     "gdpr.erasure.assessed", "gdpr.erasure.decided", "gdpr.request.fulfilled", "subject.restricted",
                     "subject.restriction_lifted", "subject.erased", "data.rectified",
                     "portal.link.issued", "portal.link.revoked")
# What only the debtor's portal records: a collector cannot claim a debtor's acceptance or upload.
PORTAL_ONLY_FIELDS = {"agreement.signed": "acceptance", "dispute.opened": "document"}
BACKOFF_BASE_S, BACKOFF_CAP_S = 0.004, 0.25
MAX_FUTURE = timedelta(minutes=5)
TYPE_VERSION = 1


def _back_off(attempt: int) -> None:
    """Full-jitter exponential back-off after a lost conditional put."""
    delay = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** attempt)
    time.sleep(random.uniform(0, delay))  # nosec B311 - jitter spreads retries; not a secret


# --- reading ------------------------------------------------------------------------------

def _records(rt: Runtime, tenant_id: str, case_id: str, after_seq: int = -1, limit: int | None = None):
    for text in rt.ledger.records(tenant_id, case_id, after_seq, limit):
        yield json.loads(text)


def load_state(rt: Runtime, tenant_id: str, case_id: str, catch_up: bool = True) -> CaseState:
    """The case's state, 404 if absent.

    A cached state is caught up with newer records unless ``catch_up`` is False: the append
    path trusts its cache because the conditional PutItem rejects a stale head anyway.
    """
    key = (tenant_id, case_id)
    state = rt.heads.get(key)
    if state is not None and not catch_up:
        return state
    if state is None:
        try:
            state = fold(_records(rt, tenant_id, case_id))
        except NotACase:
            raise NotFound("case not found") from None
    else:
        for record in _records(rt, tenant_id, case_id, after_seq=state.head.seq):
            state = apply(state, record)
    if state is None:
        raise NotFound("case not found")
    rt.heads.put(key, state)
    return state


def case_state(rt: Runtime, principal: Principal, case_id: str) -> dict:
    """The projected state, with the plan's and promises' standing on today's date where the
    case lives (the thresholds from the tenant's policy)."""
    state = load_state(rt, principal.tenant_id, case_id)
    return state.to_dict(local_date(rt.clock.now(), state.timezone),
                         guarding.arrangement_policy(rt, principal.tenant_id))


def timeline(rt: Runtime, principal: Principal, case_id: str, after_seq: int, limit: int) -> dict:
    records = list(_records(rt, principal.tenant_id, case_id, after_seq, limit + 1))
    if not records and (after_seq < 0 or not rt.ledger.exists(principal.tenant_id, case_id)):
        raise NotFound("case not found")
    more = len(records) > limit
    records = records[:limit]
    subject_ids = {env["subject_id"] for r in records for env in r.get("sealed", [])}
    keys = subject_registry.open_private_keys(rt, principal.tenant_id, subject_ids)
    items = [
        {
            "seq": r["seq"],
            "type": r["type"],
            "occurred_at": r["occurred_at"],
            "recorded_at": r["recorded_at"],
            "actor": r["actor"],
            "hash": r["hash"],
            "data": open_record(r, keys),
            **({"guard": r["guard"]} if "guard" in r else {}),
        }
        for r in records
    ]
    del keys
    items, cut = take_within(items, lambda item: len(json.dumps(item, ensure_ascii=False).encode()) + 1)
    return {"events": items, "next_after_seq": items[-1]["seq"] if more or cut else None}


def journal_lines(rt: Runtime, principal: Principal, case_id: str) -> list[str]:
    lines = list(rt.ledger.records(principal.tenant_id, case_id))
    if not lines:
        raise NotFound("case not found")
    return lines


def journal_page(rt: Runtime, principal: Principal, case_id: str, start_seq: int,
                 limit: int) -> tuple[list[str], int | None]:
    """Stored record texts from ``start_seq`` (inclusive), at most ``limit`` and at most the
    response budget in bytes; the seq the next page starts at, or None after the last record."""
    texts = list(rt.ledger.records(principal.tenant_id, case_id, after_seq=start_seq - 1, limit=limit + 1))
    if not texts and (start_seq == 0 or not rt.ledger.exists(principal.tenant_id, case_id)):
        raise NotFound("case not found")
    page, cut = take_within(texts[:limit], lambda text: len(text.encode()) + 1)
    more = cut or len(texts) > limit
    return page, (start_seq + len(page) if more else None)


def verify_case(rt: Runtime, principal: Principal, case_id: str) -> dict:
    lines = journal_lines(rt, principal, case_id)
    report = verify_chain((json.loads(line) for line in lines), case_id=case_id)
    return report.to_dict()


# --- writing ------------------------------------------------------------------------------

def _check_occurred_at(rt: Runtime, value: str, pointer: str) -> str:
    moment = ev.parse_instant(value)
    if moment - rt.clock.now() > MAX_FUTURE:
        raise ValidationFailed([FieldError(pointer, "is more than 5 minutes in the future")])
    return ev.format_instant(moment)


def _identifiers(person: Mapping[str, Any]) -> dict[str, str]:
    return {k: person[k] for k in subject_registry.IDENTIFIER_KINDS if person.get(k)}


def _external_ref_slot(tenant_id: str, external_ref: str) -> tuple[str, str]:
    """The lookup item reserving an external_ref in a tenant (the reference only as a hash)."""
    return f"{tenant_id}#external-ref#{sha256_hex(external_ref.encode('utf-8'))}", "case"


def _refuse_duplicate(rt: Runtime, slot: tuple[str, str]) -> None:
    for row in rt.lookup.query(slot[0], limit=1):
        raise DuplicateExternalRef(row["case_id"])


def open_case(rt: Runtime, principal: Principal, body: Any) -> dict:
    """The genesis record and the external_ref's reservation commit in one transaction: the
    conditional put of the reservation is the arbiter between two openings, and a crash leaves
    either both or neither (no reservation without its case blocks a retry)."""
    kind = ev.event_type(ev.GENESIS)
    ev.validate(kind.validator, body)
    now = rt.clock.now()
    body.setdefault("timezone", "Europe/Paris")
    check_past_facts(kind.schema, body, now, body["timezone"])
    slot = _external_ref_slot(principal.tenant_id, body["external_ref"])
    _refuse_duplicate(rt, slot)  # the usual duplicate creates no subject and no link
    suppression.check_not_erased(rt, principal.tenant_id, _identifiers(body["debtor"]), body.get("new_legal_basis"))
    debtor = subject_registry.find_or_create(rt, principal.tenant_id, "debtor", _identifiers(body["debtor"]))
    case_id = str(uuid.uuid4())
    subject_registry.link_case(rt, principal.tenant_id, debtor.subject_id, case_id)
    clear, personal = ev.split_personal(kind, body)
    subjects = [{"subject_id": debtor.subject_id, "role": "debtor", "public_key": debtor.public_key}]

    def opened(record: dict) -> dict:
        return {"case_id": case_id, "seq": record["seq"], "hash": record["hash"],
                "receipt": receipts.issue(rt, record)}

    try:
        record = _write(rt, principal, None, case_id, ev.GENESIS, ev.format_instant(now), clear,
                        {debtor.subject_id: personal.get("debtor", {})} if personal else {},
                        {debtor.subject_id: debtor.public_key}, subjects, respond=opened,
                        reserves=(*slot, {"case_id": case_id}))
    except KeyClaimed:  # a concurrent request with this Idempotency-Key opened the case
        subject_registry.unlink_case(rt, principal.tenant_id, debtor.subject_id, case_id)
        raise
    except ConditionFailed:
        # A concurrent opening took the reference between the read above and this write.
        subject_registry.unlink_case(rt, principal.tenant_id, debtor.subject_id, case_id)
        _refuse_duplicate(rt, slot)
        raise Unavailable("the case could not be opened; retry") from None
    rt.heads.put((principal.tenant_id, case_id), initial_state(record))
    return opened(record)


def append_event(rt: Runtime, principal: Principal, case_id: str, body: Any) -> dict:
    """Validate, resolve subjects, then append through the single write path."""
    ev.validate(ev.api_validator("event_request"), body)
    if body["type"] in LEDGER_ONLY_TYPES:
        raise ValidationFailed([FieldError("/type", f"{body['type']} is recorded by the ledger itself")])
    kind = ev.event_type(body["type"])
    ev.validate(kind.validator, body["data"], prefix="/data")
    if PORTAL_ONLY_FIELDS.get(kind.name) in body["data"]:
        raise ValidationFailed([FieldError(f"/data/{PORTAL_ONLY_FIELDS[kind.name]}", "is recorded by the debtor's portal only")])
    if kind.name == "payment.received" and "psp" in body["data"]:
        raise ValidationFailed([FieldError("/data/psp", "recorded by the ledger from a verified PSP notification")])
    occurred_at = _check_occurred_at(rt, body["occurred_at"], "/occurred_at")
    state = load_state(rt, principal.tenant_id, case_id, catch_up=False)
    check_past_facts(kind.schema, body["data"], ev.parse_instant(occurred_at), state.timezone, prefix="/data")
    check_event(state, kind.name, body["data"], ev.parse_instant(occurred_at).date())
    clear, personal = ev.split_personal(kind, body["data"])
    if kind.name not in guarding.COMMUNICATIONS:
        if kind.name == "contact.received" and body["data"]["channel"] in guarding.SPOKEN_CHANNELS:
            guarding.remember_contact(rt, principal.tenant_id, state.debtor_subject_id, occurred_at,
                                      body["data"]["channel"], case_id,
                                      guarding.attempt_id(kind.name, occurred_at, body["data"]),
                                      blocked=False, conversation=True, inbound=True)
        return _append(rt, principal, case_id, kind.name, occurred_at, body["data"], clear, personal, None)
    return _append_communication(rt, principal, state, kind.name, occurred_at, body["data"], clear, personal)


def _append_communication(rt, principal, state, kind, occurred_at, data, clear, personal) -> dict:
    """Judge, then record: the communication with its judgement (allow/warn), or the blocked
    attempt as a chained guard.blocked event (block). Re-judged if the case moved meanwhile."""
    sent_at = ev.parse_instant(occurred_at)
    attempt = guarding.attempt_id(kind, occurred_at, data)

    def rejudge(current_state):
        return guarding.judge(rt, current_state, kind, data, sent_at, attempt)

    def remember(blocked: bool) -> None:  # before the append: see guarding.remember_contact
        guarding.remember_contact(rt, principal.tenant_id, state.debtor_subject_id, occurred_at, data["channel"],
                                  state.case_id, attempt, blocked=blocked,
                                  conversation=not blocked and data.get("outcome") == "conversation")

    judgement = rejudge(state)
    if judgement["verdict"] != "block":
        third_party = _third_party(rt, principal, state, kind, data, personal)
        remember(blocked=False)
        try:
            return _append(rt, principal, state.case_id, kind, occurred_at, data, clear, personal, third_party,
                           guard=judgement, rejudge=rejudge)
        except _NowBlocked as now:
            judgement = now.judgement
    evidence_data = guarding.blocked_evidence(kind, data)
    b_clear, b_personal = ev.split_personal(ev.event_type("guard.blocked"), evidence_data)
    remember(blocked=True)

    def refused(record: dict) -> dict:
        return idempotency.blocked_response(judgement, {"seq": record["seq"], "hash": record["hash"]})

    ack = _append(rt, principal, state.case_id, "guard.blocked", occurred_at, evidence_data, b_clear, b_personal,
                  None, guard=judgement, respond=refused)
    raise GuardBlocked(judgement, {"seq": ack["seq"], "hash": ack["hash"]})


class _NowBlocked(Exception):
    def __init__(self, judgement):
        self.judgement = judgement


def check_communication(rt: Runtime, principal: Principal, case_id: str, body: Any) -> dict:
    """The guards' judgement of a planned communication; records nothing."""
    ev.validate(ev.api_validator("check_request"), body)
    kind = ev.event_type(body["type"])
    ev.validate(kind.validator, body["data"], prefix="/data")
    sent_at = ev.parse_instant(body["sent_at"]) if body.get("sent_at") else rt.clock.now()
    state = load_state(rt, principal.tenant_id, case_id)
    judgement = guarding.judge(rt, state, kind.name, body["data"], sent_at)
    refusal = communication_refusal(state, kind.name, body["data"], local_date(sent_at, state.timezone))
    return agree_with_write_path(judgement, refusal)


def _third_party(rt, principal, state, kind, data, personal):
    """A named recipient other than the debtor (a third party, guarantor, heir or the debtor's
    lawyer) becomes a data subject of its own (own key, erasable)."""
    if kind != "contact.sent" or data["recipient"]["role"] == "debtor" or not personal.get("recipient"):
        return None
    subject = subject_registry.find_or_create(rt, principal.tenant_id, "contact", _identifiers(data["recipient"]))
    if subject.subject_id not in state.subject_keys:
        subject_registry.link_case(rt, principal.tenant_id, subject.subject_id, state.case_id)
    return subject


def _append(rt, principal, case_id, kind, occurred_at, data, clear, personal, third_party, guard=None,
            rejudge=None, respond=None, reserves=None) -> dict:
    # Threads of one process queue per case instead of racing each other (a Lambda runs one
    # request at a time; `chalice local` and the CLI may not). Across processes the
    # conditional put arbitrates.
    with rt.case_lock(principal.tenant_id, case_id):
        return _append_locked(rt, principal, case_id, kind, occurred_at, data, clear, personal, third_party, guard,
                              rejudge, respond or (lambda record: _ack(rt, record)), reserves)


def _ack(rt: Runtime, record: dict) -> dict:
    """The answer to an append, with its write receipt (also what an idempotent replay gets)."""
    return {"seq": record["seq"], "hash": record["hash"], "prev_hash": record["prev_hash"],
            "recorded_at": record["recorded_at"], "receipt": receipts.issue(rt, record)}


class ReservationTaken(Exception):
    """The uniqueness reservation of an append exists: the event was recorded before."""


def _append_locked(rt, principal, case_id, kind, occurred_at, data, clear, personal, third_party, guard,
                   rejudge, respond, reserves=None) -> dict:
    tenant_id = principal.tenant_id
    if kind == "case.closed":  # the retention job finds closed cases by closing date (it re-reads each case)
        rt.lookup.put(f"{tenant_id}#closed", f"{occurred_at[:10]}#{case_id}")
    for attempt in range(MAX_APPEND_ATTEMPTS):
        state = load_state(rt, tenant_id, case_id, catch_up=attempt > 0)
        if attempt:
            check_event(state, kind, data, ev.parse_instant(occurred_at).date())
            if rejudge is not None:  # the case moved since the judgement: judge again
                guard = rejudge(state)
                if guard["verdict"] == "block":
                    raise _NowBlocked(guard)
        by_subject: dict[str, dict] = {}
        public_keys = dict(state.subject_keys)
        new_subjects = []
        if personal.get("debtor"):
            refuse_erased_debtor(state, carries_debtor_data=True)
            by_subject[state.debtor_subject_id] = personal["debtor"]
        if personal.get("recipient"):
            target = third_party.subject_id if third_party else state.debtor_subject_id
            by_subject.setdefault(target, {}).update(personal["recipient"])
            if third_party and third_party.subject_id not in public_keys:
                public_keys[third_party.subject_id] = third_party.public_key
                new_subjects.append({"subject_id": third_party.subject_id, "role": "contact",
                                     "public_key": third_party.public_key})
        try:
            record = _write(rt, principal, state.head, case_id, kind, occurred_at, clear, by_subject,
                            public_keys, new_subjects, guard, respond, reserves)
        except ConditionFailed:
            if reserves is not None and rt.lookup.query(reserves[0], limit=1):
                raise ReservationTaken() from None
            # Another writer took this seq: back off so racing writers spread out, then catch
            # up and retry.
            _back_off(attempt)
            continue
        rt.heads.put((tenant_id, case_id), apply(state, record))
        return _ack(rt, record)
    raise Unavailable("too much contention on this case; retry")


def _write(rt, principal, head: Head | None, case_id, kind, occurred_at, clear, by_subject, public_keys,
           new_subjects, guard=None, respond=None, reserves=None) -> dict:
    """Seal and put one record. With ``respond`` and a request under an Idempotency-Key, the
    claim is completed with ``respond(record)`` in the same transaction as the put."""
    seq, prev_hash = next_link(head)
    header = {"tenant_id": principal.tenant_id, "case_id": case_id, "seq": seq, "type": kind}
    fields = {
        **header,
        "type_version": TYPE_VERSION,
        "prev_hash": prev_hash,
        "occurred_at": occurred_at,
        "recorded_at": ev.format_instant(rt.clock.now()),
        "actor": principal.actor(),
        "data": clear,
        "sealed": seal_fields(by_subject, public_keys, header, rt.entropy),
    }
    if new_subjects:
        fields["subjects"] = new_subjects
    if guard is not None:
        fields["guard"] = guarding.for_record(guard)  # judgement + rule pack digest, covered by the hash
    record, text = seal_record(fields)
    mac = record_mac(rt, principal.tenant_id, record["hash"])
    slot = idempotency.commit_slot() if respond is not None else None
    completes = slot.completion(json.dumps(respond(record))) if slot is not None and not slot.committed else None
    rt.ledger.put_new(principal.tenant_id, case_id, seq, text, record["hash"], mac, completes, reserves)
    if completes is not None:
        slot.committed = True
    return record


def append_system_event(rt: Runtime, principal: Principal, case_id: str, kind: str, data: dict) -> dict:
    """A ledger-recorded event on a case (GDPR actions, erasure marks, portal links, the
    debtor's acts in the portal, whose principal is a services.portal.actor.PortalActor): same
    path, same rules."""
    event = ev.event_type(kind)
    ev.validate(event.validator, data, prefix="/data")
    occurred_at = ev.format_instant(rt.clock.now())
    state = load_state(rt, principal.tenant_id, case_id)
    check_event(state, kind, data, rt.clock.now().date())
    clear, personal = ev.split_personal(event, data)
    return _append(rt, principal, case_id, kind, occurred_at, data, clear, personal, None)


def append_reserved(rt: Runtime, principal, case_id: str, kind: str, occurred_at: str, data: dict,
                    reservation: tuple[str, str, dict[str, str]]) -> dict:
    """Append an event recorded on the ledger's own authority (a PSP's verified payment) once
    per ``reservation`` (a `lookup` item put in the record's transaction, so a retried or
    concurrent duplicate records nothing): ReservationTaken when it exists."""
    event = ev.event_type(kind)
    ev.validate(event.validator, data, prefix="/data")
    if rt.lookup.query(reservation[0], limit=1):
        raise ReservationTaken()
    state = load_state(rt, principal.tenant_id, case_id)
    check_event(state, kind, data, ev.parse_instant(occurred_at).date())
    clear, personal = ev.split_personal(event, data)
    return _append(rt, principal, case_id, kind, occurred_at, data, clear, personal, None, reserves=reservation)


def append_to_journal(rt: Runtime, principal: Principal, journal_id: str, kind: str, data: dict,
                      sealed_to: tuple[str, str] | None = None) -> dict:
    """Append to a non-case journal (a GDPR request's) with the same chain rules: the head is
    the newest record, the conditional put arbitrates, a lost race retries. ``sealed_to`` =
    (subject_id, public key) receives the event's personal fields, if any."""
    event = ev.event_type(kind)
    ev.validate(event.validator, data, prefix="/data")
    clear, personal = ev.split_personal(event, data)
    fields = personal.get("debtor", {})
    if fields and sealed_to is None:
        raise ValidationFailed([FieldError("/data", "personal fields need a data subject to seal them to")])
    by_subject = {sealed_to[0]: fields} if fields else {}
    public_keys = {sealed_to[0]: sealed_to[1]} if sealed_to else {}
    occurred_at = ev.format_instant(rt.clock.now())
    for attempt in range(MAX_APPEND_ATTEMPTS):
        last = rt.ledger.last(principal.tenant_id, journal_id)
        head = None
        if last is not None:
            record = json.loads(last)
            head = Head(record["seq"], record["hash"])
        elif kind not in ("gdpr.request.received",):
            raise NotFound("journal not found")
        try:
            record = _write(rt, principal, head, journal_id, kind, occurred_at, clear, by_subject, public_keys, [])
        except ConditionFailed:
            _back_off(attempt)
            continue
        return {"seq": record["seq"], "hash": record["hash"], "prev_hash": record["prev_hash"],
                "recorded_at": record["recorded_at"]}
    raise Unavailable("too much contention on this journal; retry")


def journal_records(rt: Runtime, tenant_id: str, journal_id: str) -> list[dict]:
    return list(_records(rt, tenant_id, journal_id))
