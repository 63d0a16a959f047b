"""Inputs of the legality guards: case facts, the communication judged, prior contacts.

Plain frozen dataclasses. The lead builds them from the case's projected state; the
guards never read storage or the clock themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, Mapping


@dataclass(frozen=True)
class CaseFacts:
    jurisdiction: str = "FR"
    consumer: bool = True                 # debtor is a consumer (vs professional)
    debtor_kind: str = "person"           # person|company
    collector_kind: str = "agency"        # agency (collects for others) | creditor (own debts)
    collector_profession: str | None = None   # None | "commissaire_de_justice" | "avocat"
    creditor_kind: str | None = None      # None|"credit_institution"|"payment_institution"|"emoney_institution"|"telecom"|"energy"|"retail"|"landlord"|"other"
    agency_mandate: bool = False          # a written mandate from the creditor is recorded (R124-3)
    has_title: bool = False               # titre exécutoire recorded
    has_conservatory_authorisation: bool = False
    open_dispute: bool = False
    insolvency: str | None = None         # None | "collective_proceedings" | "overindebtedness"
    formal_notices_sent: int = 0
    restricted: bool = False              # GDPR restriction/objection on the debtor
    vulnerable: bool = False
    opted_out_channels: frozenset[str] = frozenset()   # e.g. {"sms","call"}
    preferred_hours: tuple[str, str] | None = None     # ("09:00","18:00") local time
    first_letter_sent: bool = False       # agency's first letter (R124-4) already recorded
    first_letter_ref: str | None = None   # the reference it gave, to be recalled later
    contacts_so_far: int = 0
    contract_late_interest: bool = False  # contract provides late interest
    contract_fixed_indemnity_cents: int | None = None
    invoice_due_dates: tuple[date, ...] = ()
    last_interruption_on: date | None = None   # last payment/acknowledgement/agreement
    timezone: str = "Europe/Paris"
    # the ledger's own refusals and the arrangements in force (on the day judged)
    case_closed: bool = False             # case.closed recorded: the ledger accepts no contact
    debtor_erased: bool = False           # the debtor's data was erased (GDPR art. 17)
    plan_status: str | None = None        # None | in_good_standing | late | defaulted | completed
    promise_status: str | None = None     # newest promise: None | pending | kept | broken
    # who sends: a commissaire de justice collects either under the simplified small-claims
    # procedure (L125-1 CPCE) or to enforce a title; None for everyone else
    acting_under: str | None = None       # None | "L125-1" | "title"
    # each claim's birth date against the insolvency's opening: post-opening claims are
    # payable (L622-17 C. com.); surendettement freezes only debts born before recevabilité
    insolvency_opened_on: date | None = None
    # which collective procedure: a personal guarantor is protected during the observation
    # period of a sauvegarde or redressement (L622-28, L631-14 C. com.), not in liquidation
    insolvency_procedure: str | None = None   # None | sauvegarde | sauvegarde_acceleree | redressement | liquidation
    claims: tuple["Claim", ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "CaseFacts":
        """Build from JSON-like data (ISO dates, lists); unknown keys raise ValueError."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown case fact(s): {', '.join(sorted(unknown))}")
        kw = dict(data)
        if "opted_out_channels" in kw:
            kw["opted_out_channels"] = frozenset(kw["opted_out_channels"])
        if kw.get("preferred_hours") is not None:
            kw["preferred_hours"] = tuple(kw["preferred_hours"])
        if "invoice_due_dates" in kw:
            kw["invoice_due_dates"] = tuple(as_date(d) for d in kw["invoice_due_dates"])
        if kw.get("last_interruption_on") is not None:
            kw["last_interruption_on"] = as_date(kw["last_interruption_on"])
        if kw.get("insolvency_opened_on") is not None:
            kw["insolvency_opened_on"] = as_date(kw["insolvency_opened_on"])
        if "claims" in kw:
            kw["claims"] = tuple(c if isinstance(c, Claim) else Claim(str(c["ref"]), as_date(c["born_on"]))
                                 for c in kw["claims"])
        return cls(**kw)


@dataclass(frozen=True)
class Claim:
    """One claim of the case (an invoice): its reference and the day it was born (the
    service period or delivery, not the due date)."""
    ref: str
    born_on: date


@dataclass(frozen=True)
class Communication:
    kind: str                  # "contact.sent" | "formal_notice.sent"
    channel: str               # email|sms|letter|call|visit
    recipient_role: str        # debtor|guarantor|debtor_lawyer|heir|representative|third_party
    text: str
    subject: str | None
    sent_at: datetime          # timezone-aware
    callback_requested: bool = False   # the debtor asked to be called (at this time)
    caller_id: str | None = None       # calls: "shown" | "withheld" (None: not stated)
    automated: bool = False            # calls: a pre-recorded or synthesised voice message
    recorded: bool = False             # calls: the call is recorded
    envelope: str | None = None        # letters: what is printed on the outside
    # representatives only: the declared ground on which the debt may be discussed with them
    # (legal_protection | debtor_authorisation | mediator | overindebtedness_commission). Without
    # one a recipient is a third party, so a representative must carry it.
    recipient_authority: str | None = None

    def __post_init__(self) -> None:
        if self.sent_at.tzinfo is None or self.sent_at.utcoffset() is None:
            raise ValueError("sent_at must be timezone-aware")
        if (self.recipient_role == "representative") != (self.recipient_authority is not None):
            raise ValueError("recipient_authority is required for a representative, and only for one")


@dataclass(frozen=True)
class PriorContact:
    """An earlier contact or attempt to the same debtor, across the tenant's cases."""
    at: datetime               # aware
    channel: str
    blocked: bool = False      # a blocked attempt still counts as an attempt
    conversation: bool = False # the debtor was actually spoken to (call or visit)
    inbound: bool = False      # the debtor contacted us: a conversation, not an attempt

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError("PriorContact.at must be timezone-aware")


def as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
