"""Every refusal the write path can give is classified: those that can refuse a communication
are walked by tests/integration/test_integrity.py (the check must agree), the others say why
they cannot. A refusal added later fails here until it is classified."""
from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from ledger_verify.chain import Head
from chalicelib.domain.errors import Conflict
from chalicelib.domain.projection import CaseState
from chalicelib.domain.write_refusals import (EXPLAINED_BY, WRITE_REFUSED_RULE, agree_with_write_path,
                                              communication_refusal)

ROOT = Path(__file__).resolve().parents[2] / "chalicelib"
WRITE_PATH = [ROOT / "services" / "cases.py", ROOT / "domain" / "projection.py", ROOT / "domain" / "write_refusals.py"]

REFUSES_COMMUNICATIONS = {"case_closed": "closure", "subject_erased": "erasure"}
NOT_FOR_COMMUNICATIONS = {
    "no_legal_hold": "legal_hold.lifted only",
    "no_such_event": "data.rectified only",
    "no_open_dispute": "dispute.resolved only",
    "dispute_already_open": "dispute.opened only",
    "not_vulnerable": "vulnerability.cleared only",
    "no_insolvency": "insolvency.lifted only",
    "agreement_total_mismatch": "agreement.proposed/signed only",
    "agreement_exceeds_outstanding": "agreement.proposed/signed only",
    "promise_exceeds_outstanding": "promise.made only",
}
_CODE = re.compile(r"(?:Conflict|BusinessRuleViolation)\(\s*\"([a-z_]+)\"", re.S)


def test_every_refusal_of_the_write_path_is_classified():
    codes = {code for path in WRITE_PATH for code in _CODE.findall(path.read_text())}
    assert codes == set(REFUSES_COMMUNICATIONS) | set(NOT_FOR_COMMUNICATIONS)
    assert set(EXPLAINED_BY) == set(REFUSES_COMMUNICATIONS)


def _states():
    base = CaseState(tenant_id="t", case_id="c", head=Head(3, "0" * 64), debtor_subject_id="s_debtor",
                     principal_cents=1000)
    for closed, erased, dispute, vulnerable, insolvency, hold in itertools.product(
            (False, True), (False, True), (False, True), (False, True), (None, "overindebtedness"), (False, True)):
        yield replace(base, status="closed" if closed else "open", open_dispute=dispute, vulnerable=vulnerable,
                      insolvency=insolvency, legal_hold=hold,
                      erased_subjects=frozenset({"s_debtor"}) if erased else frozenset())


def test_only_the_classified_refusals_can_refuse_a_communication_and_the_guards_block_them():
    from chalicelib.domain.guards.context import CaseFacts, Communication
    from chalicelib.domain.guards.engine import judge, load_pack
    from datetime import datetime, timezone

    pack = load_pack("FR")
    seen = set()
    for state in _states():
        for kind in ("contact.sent", "formal_notice.sent"):
            data = {"channel": "letter", "recipient": {"role": "debtor"}, "text": "Bonjour."}
            refusal = communication_refusal(state, kind, data, date(2026, 12, 2))
            if refusal is None:
                continue
            seen.add(refusal.code)
            assert refusal.code in REFUSES_COMMUNICATIONS
            facts = CaseFacts(collector_kind="creditor", case_closed=state.status == "closed",
                              debtor_erased="s_debtor" in state.erased_subjects)
            comm = Communication(kind, "letter", "debtor", "Bonjour.", None,
                                 datetime(2026, 12, 2, 10, tzinfo=timezone.utc))
            judged = agree_with_write_path(judge(comm, facts, [], pack).to_dict(), refusal)
            assert judged["verdict"] == "block"
            assert any(f["rule_id"] == EXPLAINED_BY[refusal.code] for f in judged["findings"])
    assert seen == set(REFUSES_COMMUNICATIONS)


def test_a_refusal_no_rule_explains_still_makes_the_check_block():
    allow = {"verdict": "allow", "findings": [], "rule_pack": {}}
    judged = agree_with_write_path(allow, Conflict("some_new_refusal", "a reason"))
    assert judged["verdict"] == "block"
    finding = judged["findings"][0]
    assert finding["rule_id"] == WRITE_REFUSED_RULE and finding["legal_basis"]["article"] == "some_new_refusal"
    assert finding["explanation"]["fr"] and finding["explanation"]["en"]
    assert agree_with_write_path(allow, None) is allow
