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
    # the quiet window is judged as a set of minutes, both ends together
    ({"quiet_start": "12:00", "quiet_end": "12:00"}, "quiet_start"),
    ({"quiet_end": "21:00"}, "quiet_end"),
    ({"quiet_start": "08:00"}, "quiet_start"),
    ({"quiet_start": "21:00", "quiet_end": "07:59"}, "quiet_end"),
    ({"quiet_start": "09:00", "quiet_end": "10:00"}, "quiet_start"),
    ({"quiet_start": 2100}, "quiet_start"),
    ({"max_calls_per_day": 2, "max_calls_per_7d": 1}, "max_calls_per_day"),
    ({"max_calls_per_7d": 1}, "max_calls_per_7d"),
    ({"block_rules": "FR-FALSE-URGENCY"}, "block_rules"),
    ({"block_rules": 5}, "block_rules"),
    ({"forbidden_phrases": ["mot " * 13]}, "forbidden_phrases"),
    ({"forbidden_phrases": ["x" * 201]}, "forbidden_phrases"),
    ({"forbidden_phrases": ["dernier avis"] * 51}, "forbidden_phrases"),
    ({"forbidden_phrases": [" - "]}, "forbidden_phrases"),
    ({"forbidden_phrases": [7]}, "forbidden_phrases"),
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


@pytest.mark.parametrize("setting", [
    {"quiet_start": "13:00", "quiet_end": "11:00"},
    {"quiet_start": "21:00", "quiet_end": "20:00"},
    {"quiet_end": "12:00"},
    {"max_calls_per_day": 1, "max_calls_per_7d": 1},
    {"max_calls_per_day": 0},
    {"forbidden_phrases": ["mot " * 12]},
])
def test_tightening_sets_are_accepted(setting):
    TenantPolicy.from_dict(setting)


def test_an_empty_quiet_window_cannot_let_a_night_call_through():
    """The issue's case: 12:00-12:00 was accepted and emptied the window."""
    with pytest.raises(ValueError, match="quiet_start"):
        TenantPolicy.from_dict({"quiet_start": "12:00", "quiet_end": "12:00"})
    stored = TenantPolicy.from_stored({"quiet_start": "12:00", "quiet_end": "12:00", "max_calls_per_day": 1})
    # the settings that still validate are kept: 12:00 alone is a (long) quiet window
    assert (stored.quiet_start, stored.quiet_end, stored.max_calls_per_day) == ("12:00", None, 1)
    j = run(CALL, channel="call", when=at(2026, 11, 24, 2, 30), policy=stored)
    assert j.verdict == "block" and "FR-CONTACT-HOURS-NIGHT" in rule_ids(j)


def test_a_long_phrase_and_a_long_message_never_recurse():
    """The issue's case: a 1,000-word phrase with a 1,000-word message raised RecursionError."""
    phrase = " ".join(["impayé"] * 1000)
    with pytest.raises(ValueError, match="forbidden_phrases"):
        TenantPolicy.from_dict({"forbidden_phrases": [phrase]})
    stored = TenantPolicy.from_stored({"forbidden_phrases": [phrase] * 60, "quiet_end": "09:00"})
    assert len(stored.forbidden_phrases) == 50 and stored.quiet_end == "09:00"
    assert all(len(p.split()) == 12 for p in stored.forbidden_phrases)
    j = run(" ".join(["impayé"] * 1000), policy=stored)
    assert TENANT_PHRASE_RULE in rule_ids(j)          # a cut phrase matches more, never less


def test_a_stored_policy_never_raises():
    for doc in (None, [], "x", {"quiet_start": "nope", "unknown": 1}, {"block_rules": [1, 2]},
                {"forbidden_phrases": "a"}, {"max_calls_per_day": 9}):
        assert isinstance(TenantPolicy.from_stored(doc), TenantPolicy)
    kept = TenantPolicy.from_stored({"max_calls_per_day": 9, "max_calls_per_7d": 5, "quiet_start": "22:00"})
    assert kept.max_calls_per_7d == 5 and kept.max_calls_per_day is None and kept.quiet_start is None


def test_tenant_phrases_are_read_unmasked_and_on_the_envelope():
    p = TenantPolicy.from_dict({"forbidden_phrases": ["dernier rappel"]})
    assert TENANT_PHRASE_RULE in rule_ids(run("D3RN1ER R\u200bAPPEL : votre facture est ouverte.", policy=p))
    j = run("Votre facture est ouverte.", channel="letter", envelope="Dernier rappel", policy=p)
    assert TENANT_PHRASE_RULE in rule_ids(j)
