"""Small builders shared by the guard tests."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from chalicelib.domain.guards import CaseFacts, Communication, judge, load_pack

PARIS = ZoneInfo("Europe/Paris")
TUESDAY_10H = datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
REF = "RA-2026-0457"
# an agency in good standing after its first letter; creditor collecting its own debt
AGENCY = dict(collector_kind="agency", agency_mandate=True, first_letter_sent=True,
              first_letter_ref=REF, contacts_so_far=2)
CREDITOR = dict(collector_kind="creditor", contacts_so_far=2)


def comm(text, channel="email", when=TUESDAY_10H, kind="contact.sent", recipient="debtor",
         subject=None, callback_requested=False, caller_id=None, automated=False, recorded=False,
         envelope=None, authority=None):
    return Communication(kind=kind, channel=channel, recipient_role=recipient, text=text,
                         subject=subject, sent_at=when, callback_requested=callback_requested,
                         caller_id=caller_id, automated=automated, recorded=recorded, envelope=envelope,
                         recipient_authority=authority)


def facts(profile=CREDITOR, **overrides):
    data = dict(profile)
    data.update(overrides)
    return CaseFacts.from_dict(data)


def run(text, profile=CREDITOR, history=(), policy=None, **kw):
    comm_kw = {k: kw.pop(k) for k in ("channel", "when", "kind", "recipient", "subject", "callback_requested",
                                      "caller_id", "automated", "recorded", "envelope", "authority") if k in kw}
    return judge(comm(text, **comm_kw), facts(profile, **kw), list(history), load_pack("FR"), policy)


def rule_ids(judgement):
    return set(judgement.rule_ids)


def severities(judgement, rule_id):
    """The severities the rule's findings carry ([] when it did not fire)."""
    return [f.severity for f in judgement.findings if f.rule_id == rule_id]
