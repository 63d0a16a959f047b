"""The contact window agrees with the real judge: a message sent at next_allowed_at is never
blocked for timing, and just before it something still blocks (the answer is the earliest)."""
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings, strategies as st

from chalicelib.domain.guards.context import CaseFacts, Communication, PriorContact
from chalicelib.domain.guards.engine import judge, load_pack
from chalicelib.domain.guards.policy import TenantPolicy
from chalicelib.domain.guards.window import (CHANNELS, TIMING_FAMILIES, WINDOW_FAMILIES, contact_window, probe,
                                             window_findings)

PACK = load_pack("FR")
FAMILY = {r.id: r.family for r in PACK.rules}
START = datetime(2026, 12, 20, tzinfo=timezone.utc)  # Christmas and New Year in range
MESSAGES = ["Bonjour, merci de nous rappeler au sujet de votre dossier.",
            "Madame, la facture F-1001 reste impayée. Merci de nous contacter.",
            "Rappel : votre échéance de 150 € est prévue demain."]

instants = st.integers(0, 20 * 24 * 60).map(lambda m: START + timedelta(minutes=m))


@st.composite
def histories(draw, now):
    out = []
    for _ in range(draw(st.integers(0, 8))):
        back = timedelta(minutes=draw(st.integers(0, 8 * 24 * 60)))
        inbound = draw(st.booleans())
        out.append(PriorContact(now - back, draw(st.sampled_from(CHANNELS)), blocked=draw(st.booleans()),
                                conversation=inbound or draw(st.booleans()), inbound=inbound))
    return out


policies = st.one_of(st.none(), st.builds(
    TenantPolicy,
    quiet_start=st.sampled_from([None, "20:00", "19:30"]), quiet_end=st.sampled_from([None, "09:00", "08:30"]),
    max_calls_per_day=st.sampled_from([None, 1, 2]), max_calls_per_7d=st.sampled_from([None, 3, 7]),
    conversation_pause_days=st.sampled_from([None, 7, 10])))

facts = st.builds(CaseFacts, collector_kind=st.just("creditor"),
                  preferred_hours=st.sampled_from([None, ("09:00", "12:00"), ("07:00", "09:00"), ("05:00", "07:30")]),
                  open_dispute=st.sampled_from([False, False, False, True]),
                  restricted=st.sampled_from([False, False, False, True]),
                  plan_status=st.sampled_from([None, None, "in_good_standing", "late"]))


def _timing_blocks(comm, case_facts, history, policy):
    return [f.rule_id for f in judge(comm, case_facts, history, PACK, policy).findings
            if f.severity == "block" and FAMILY.get(f.rule_id) in TIMING_FAMILIES]


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), now=instants, channel=st.sampled_from(CHANNELS), case_facts=facts, policy=policies)
def test_a_message_sent_at_next_allowed_at_is_never_blocked_for_timing(data, now, channel, case_facts, policy):
    history = data.draw(histories(now))
    window = contact_window(channel, now, lambda _t: case_facts, history, PACK, policy)
    if window.allowed_now:
        assert window.next_allowed_at == now
    if window.next_allowed_at is None:
        assert any(f["severity"] == "block" and FAMILY.get(f["rule_id"]) not in TIMING_FAMILIES
                   for f in window.reasons), window.reasons
        return
    at = window.next_allowed_at
    for text in MESSAGES:
        comm = Communication("contact.sent", channel, "debtor", text, None, at)
        assert _timing_blocks(comm, case_facts, history, policy) == [], (at, text)
    assert not any(f["severity"] == "block" for f in window_findings(
        [f.to_dict() for f in judge(probe(channel, at), case_facts, history, PACK, policy).findings], PACK))
    if at > now:  # the earliest: a second before, the same judge still blocks
        before = judge(probe(channel, at - timedelta(seconds=1)), case_facts, history, PACK, policy)
        assert any(f.severity == "block" and FAMILY.get(f.rule_id) in WINDOW_FAMILIES for f in before.findings)


def test_a_call_at_night_waits_for_the_morning_and_a_dispute_has_no_time():
    saturday_night = datetime(2026, 12, 5, 21, 30, tzinfo=timezone.utc)
    creditor = CaseFacts(collector_kind="creditor")
    w = contact_window("call", saturday_night, lambda _t: creditor, [], PACK)
    assert not w.allowed_now and w.next_allowed_at == datetime(2026, 12, 7, 7, 0, tzinfo=timezone.utc)
    assert [r["rule_id"] for r in w.reasons] == ["FR-CONTACT-HOURS-NIGHT"]
    assert contact_window("email", saturday_night, lambda _t: creditor, [], PACK).allowed_now
    disputed = CaseFacts(collector_kind="creditor", open_dispute=True)
    w = contact_window("email", saturday_night, lambda _t: disputed, [], PACK)
    assert w.next_allowed_at is None and [r["rule_id"] for r in w.reasons] == ["FR-DISPUTE-OPEN"]


def test_a_plan_in_good_standing_paused_by_policy_opens_when_the_plan_falls_behind():
    now = datetime(2027, 1, 4, 9, 0, tzinfo=timezone.utc)
    paris = timezone(timedelta(hours=1))
    late_from = datetime(2027, 1, 11, tzinfo=paris)  # the plan's status moves at local midnight

    def facts_at(t):
        return CaseFacts(collector_kind="creditor", plan_status="late" if t >= late_from else "in_good_standing")

    paused = TenantPolicy(block_rules=frozenset({"FR-DUNNING-DURING-ARRANGEMENT"}))
    w = contact_window("letter", now, facts_at, [], PACK, paused)
    assert not w.allowed_now and w.next_allowed_at == late_from
    assert contact_window("letter", now, facts_at, [], PACK).allowed_now  # by default only a warning


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), now=instants, channel=st.sampled_from(CHANNELS), late_in_days=st.integers(0, 120),
       dispute=st.sampled_from([False, False, True]))
def test_when_the_situation_moves_with_the_calendar_the_answer_is_still_the_earliest(data, now, channel,
                                                                                  late_in_days, dispute):
    """A plan paused by the policy falls behind at a local midnight: the bisection over days and
    the timing candidates still give the earliest instant the real judge blocks nothing."""
    from zoneinfo import ZoneInfo

    history = data.draw(histories(now))
    paris = ZoneInfo("Europe/Paris")
    late_from = datetime.combine(now.astimezone(paris).date() + timedelta(days=late_in_days), datetime.min.time(),
                                 paris)

    def facts_at(t):
        return CaseFacts(collector_kind="creditor", open_dispute=dispute,
                         plan_status="late" if t >= late_from else "in_good_standing")

    paused = TenantPolicy(block_rules=frozenset({"FR-DUNNING-DURING-ARRANGEMENT"}))
    window = contact_window(channel, now, facts_at, history, PACK, paused)
    if window.next_allowed_at is None:
        assert dispute or late_from > now + timedelta(days=100)
        return
    at = window.next_allowed_at
    assert not dispute and at >= late_from
    judged = judge(probe(channel, at), facts_at(at), history, PACK, paused)
    assert not any(f["severity"] == "block" for f in window_findings([f.to_dict() for f in judged.findings], PACK))
    if at > now:
        before = at - timedelta(seconds=1)
        earlier = judge(probe(channel, before), facts_at(before), history, PACK, paused)
        assert any(f.severity == "block" and FAMILY.get(f.rule_id) in WINDOW_FAMILIES for f in earlier.findings)
