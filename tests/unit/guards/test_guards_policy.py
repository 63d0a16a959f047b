import pytest

from chalicelib.domain.guards import TENANT_PHRASE_RULE, TenantPolicy, load_pack
from guards_helpers import rule_ids, run
from test_guards_contact_rules import CALL, at, calls


@pytest.mark.parametrize("setting,field", [
    ({"quiet_start": "22:00"}, "quiet_start"),
    ({"quiet_start": "02:00"}, "quiet_start"),
    ({"quiet_end": "07:00"}, "quiet_end"),
    ({"quiet_end": "8h"}, "quiet_end"),
    ({"max_calls_per_day": 3}, "max_calls_per_day"),
    ({"max_calls_per_7d": 8}, "max_calls_per_7d"),
    ({"warn_calls_per_7d": 4}, "warn_calls_per_7d"),
    ({"warn_contacts_per_7d": 6}, "warn_contacts_per_7d"),
    ({"max_calls_per_day": -1}, "max_calls_per_day"),
    ({"max_calls_per_day": True}, "max_calls_per_day"),
    ({"block_rules": ["FR-NOPE"]}, "block_rules"),
    ({"forbidden_phrases": "dernier avis"}, "forbidden_phrases"),
    ({"allow_sundays": True}, "allow_sundays"),
    ({"conversation_pause_days": 5}, "conversation_pause_days"),
    ({"conversation_pause_days": 400}, "conversation_pause_days"),
    ({"conversation_pause_days": "10"}, "conversation_pause_days"),
])
def test_loosening_or_bad_settings_are_rejected_naming_the_field(setting, field):
    with pytest.raises(ValueError, match=field):
        TenantPolicy.from_dict(setting)


def test_tightening_settings_are_accepted():
    p = TenantPolicy.from_dict({"quiet_start": "20:00", "quiet_end": "09:00", "max_calls_per_day": 1,
                                "max_calls_per_7d": 3, "warn_calls_per_7d": 2, "warn_contacts_per_7d": 3,
                                "block_rules": ["FR-FALSE-URGENCY"], "forbidden_phrases": ["dernier rappel"]})
    params = p.effective_params(load_pack("FR").params)
    assert params["quiet_start"] == "20:00" and params["quiet_end"] == "09:00"
    assert params["max_calls_per_day"] == 1
    assert TenantPolicy.from_dict({"quiet_start": "21:00", "max_calls_per_day": 2}).quiet_start == "21:00"


def test_a_longer_pause_after_a_conversation():
    from test_guards_contact_rules import conversation

    p = TenantPolicy.from_dict({"conversation_pause_days": 14})
    assert p.effective_params(load_pack("FR").params)["conversation_pause_days"] == 14
    assert run(CALL, channel="call", history=[conversation(10)]).verdict == "allow"
    assert rule_ids(run(CALL, channel="call", history=[conversation(10)], policy=p)) == {"FR-CONTACT-AFTER-CONVERSATION"}


def test_policy_changes_verdicts():
    p = TenantPolicy.from_dict({"quiet_start": "20:00", "quiet_end": "09:00", "max_calls_per_day": 1})
    assert run(CALL, channel="call", when=at(2026, 11, 24, 20, 15), policy=p).verdict == "block"
    assert run(CALL, channel="call", when=at(2026, 11, 24, 8, 30), policy=p).verdict == "block"
    assert run(CALL, channel="call", history=calls(1), policy=p).verdict == "block"
    assert run(CALL, channel="call", history=calls(1)).verdict == "allow"


def test_promotion_and_forbidden_phrases():
    p = TenantPolicy.from_dict({"block_rules": ["FR-FALSE-URGENCY"], "forbidden_phrases": ["Dernier rappel"]})
    j = run("Merci de régler sous 48 h.", policy=p)
    assert j.verdict == "block" and j.findings[0].severity == "block"
    j = run("DERNIER RAPPEL amical : votre facture est ouverte.", policy=p)
    assert TENANT_PHRASE_RULE in rule_ids(j)
    f = [f for f in j.findings if f.rule_id == TENANT_PHRASE_RULE][0]
    assert f.spans[0].text == "DERNIER RAPPEL"
    assert run("Votre facture est ouverte.", policy=p).verdict == "allow"
