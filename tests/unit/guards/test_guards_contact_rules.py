"""Quiet hours, French public holidays, DST in Europe/Paris, frequency caps."""
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.domain.guards import PriorContact
from chalicelib.domain.guards.frequency import contact_counts, time_facts
from chalicelib.domain.guards import load_pack
from guards_helpers import PARIS, TUESDAY_10H, rule_ids, run

CALL = "Bonjour, je vous appelle au sujet de votre facture."
UTC = timezone.utc


def at(y, mo, d, h, mi=0, tz=PARIS):
    return datetime(y, mo, d, h, mi, tzinfo=tz)


@pytest.mark.parametrize("when,expected", [
    (at(2026, 11, 24, 10), set()),
    (at(2026, 11, 24, 21, 0), {"FR-CONTACT-HOURS-NIGHT"}),
    (at(2026, 11, 24, 7, 59), {"FR-CONTACT-HOURS-NIGHT"}),
    (at(2026, 11, 24, 8, 0), set()),
    (at(2026, 11, 24, 20, 30), {"FR-CONTACT-HOURS-SOFT"}),
    (at(2026, 11, 28, 11), {"FR-CONTACT-HOURS-SOFT"}),            # Saturday
    (at(2026, 11, 24, 11, 59), set()),
    (at(2026, 11, 24, 12, 0), {"FR-CONTACT-HOURS-SOFT"}),         # the midday break (policy)
    (at(2026, 11, 24, 13, 59), {"FR-CONTACT-HOURS-SOFT"}),
    (at(2026, 11, 24, 14, 0), set()),
    (at(2026, 11, 29, 11), {"FR-CONTACT-HOURS-SUNDAY-HOLIDAY"}),  # Sunday
    (at(2026, 7, 14, 11), {"FR-CONTACT-HOURS-SUNDAY-HOLIDAY"}),   # Fête nationale
    (at(2026, 11, 11, 11), {"FR-CONTACT-HOURS-SUNDAY-HOLIDAY"}),  # Armistice
    (at(2026, 5, 14, 11), {"FR-CONTACT-HOURS-SUNDAY-HOLIDAY"}),   # Ascension (movable)
])
def test_call_hours(when, expected):
    assert rule_ids(run(CALL, channel="call", when=when)) == expected


def test_letters_and_emails_have_no_quiet_hours():
    assert run("Courrier", channel="letter", when=at(2026, 7, 14, 23)).verdict == "allow"
    assert run("Courriel", channel="email", when=at(2026, 11, 29, 6)).verdict == "allow"


@pytest.mark.parametrize("utc_when,verdict", [
    (datetime(2026, 3, 27, 6, 30, tzinfo=UTC), "block"),   # 07:30 CET, Friday before DST
    (datetime(2026, 3, 30, 6, 30, tzinfo=UTC), "allow"),   # 08:30 CEST, Monday after DST
    (datetime(2026, 10, 23, 6, 30, tzinfo=UTC), "allow"),  # 08:30 CEST
    (datetime(2026, 10, 26, 6, 30, tzinfo=UTC), "block"),  # 07:30 CET after fall back
    (datetime(2026, 7, 7, 19, 30, tzinfo=UTC), "block"),   # 21:30 CEST
    (datetime(2026, 12, 8, 19, 30, tzinfo=UTC), "warn"),   # 20:30 CET
])
def test_dst_boundaries_in_paris(utc_when, verdict):
    assert run(CALL, channel="call", when=utc_when).verdict == verdict


def test_dst_day_itself_local_hour():
    facts = time_facts(datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "Europe/Paris",
                       load_pack("FR").params, None)
    assert facts["local_time"] == "03:30" and facts["in_quiet_hours"] and facts["is_sunday"]


def test_debtor_time_zone_is_used():
    j = run(CALL, channel="call", when=TUESDAY_10H, timezone="America/Martinique")  # 05:00 local
    assert rule_ids(j) == {"FR-CONTACT-HOURS-NIGHT"}


def test_preferred_hours():
    assert rule_ids(run(CALL, channel="call", preferred_hours=["17:00", "19:00"])) == {"FR-CONTACT-PREFERRED-HOURS"}
    assert run(CALL, channel="call", when=at(2026, 11, 24, 18), preferred_hours=["17:00", "19:00"]).verdict == "allow"


@pytest.mark.parametrize("when,expected", [
    (at(2026, 11, 24, 7, 45), set()),                             # before work, as asked
    (at(2026, 11, 24, 6, 0), set()),
    (at(2026, 11, 24, 5, 59), {"FR-CONTACT-HOURS-NIGHT"}),       # no request opens the night, 22:00-06:00
    (at(2026, 11, 24, 21, 30), set()),                            # after a shift, as asked (held-out dt-136)
    (at(2026, 11, 24, 21, 59), set()),
    (at(2026, 11, 24, 22, 0), {"FR-CONTACT-HOURS-NIGHT"}),
    (at(2026, 11, 24, 23, 30), {"FR-CONTACT-HOURS-NIGHT"}),
    (at(2026, 11, 24, 20, 30), set()),                            # the soft hours are the debtor's choice
    (at(2026, 11, 28, 11), set()),                                # Saturday
    (at(2026, 11, 24, 12, 30), set()),
    (at(2026, 11, 29, 11), {"FR-CONTACT-HOURS-SUNDAY-HOLIDAY"}),  # a Sunday stays blocked
])
def test_a_callback_the_debtor_asked_for(when, expected):
    assert rule_ids(run(CALL, channel="call", when=when, callback_requested=True)) == expected


def test_the_debtors_own_early_slot_counts_as_asked():
    early = ["07:30", "08:00"]
    assert run(CALL, channel="call", when=at(2026, 11, 24, 7, 45), preferred_hours=early).verdict == "allow"
    assert rule_ids(run(CALL, channel="call", when=at(2026, 11, 24, 7, 15), preferred_hours=early)) == {
        "FR-CONTACT-HOURS-NIGHT", "FR-CONTACT-PREFERRED-HOURS"}
    # without a request, the quiet hours hold as before
    assert rule_ids(run(CALL, channel="call", when=at(2026, 11, 24, 7, 45))) == {"FR-CONTACT-HOURS-NIGHT"}


def test_the_debtors_own_late_slot_counts_as_asked_until_the_night():
    late = ["20:00", "23:00"]
    assert run(CALL, channel="call", when=at(2026, 11, 24, 21, 20), preferred_hours=late).verdict == "allow"
    assert rule_ids(run(CALL, channel="call", when=at(2026, 11, 24, 22, 30), preferred_hours=late)) == {
        "FR-CONTACT-HOURS-NIGHT"}
    # without a request, 21:00 is the limit as before; outside the slot, the request does not count
    assert rule_ids(run(CALL, channel="call", when=at(2026, 11, 24, 21, 20))) == {"FR-CONTACT-HOURS-NIGHT"}
    assert "FR-CONTACT-HOURS-NIGHT" in rule_ids(
        run(CALL, channel="call", when=at(2026, 11, 24, 21, 20), preferred_hours=["18:00", "20:00"]))


def calls(*hours_ago, channel="call", blocked=False):
    return [PriorContact(TUESDAY_10H - timedelta(hours=h), channel, blocked) for h in hours_ago]


def test_third_call_of_the_day_blocks_and_blocked_attempts_count():
    j = run(CALL, channel="call", history=calls(1) + calls(0.5, blocked=True))
    assert j.verdict == "block" and "FR-CONTACT-FREQUENCY-DAY" in rule_ids(j)
    assert run(CALL, channel="call", history=calls(1)).verdict == "allow"


def test_day_is_the_local_calendar_day():
    # 23:30 UTC on the 23rd is 00:30 on the 24th in Paris: same local day as the call judged
    hist = [PriorContact(datetime(2026, 11, 23, 23, 30, tzinfo=UTC), "call"),
            PriorContact(datetime(2026, 11, 23, 22, 30, tzinfo=UTC), "call")]
    counts = contact_counts(TUESDAY_10H, "Europe/Paris", "call", hist)
    assert counts["calls_today"] == 2


def test_weekly_caps():
    eight = calls(*[24 * d - 1 for d in range(1, 8)])  # 7 prior calls + this one
    j = run(CALL, channel="call", history=eight)
    assert "FR-CONTACT-FREQUENCY-WEEK" in rule_ids(j) and "FR-CONTACT-FREQUENCY-WARN" not in rule_ids(j)
    j = run(CALL, channel="call", history=calls(24, 48, 72))
    assert rule_ids(j) == {"FR-CONTACT-FREQUENCY-WARN"}
    j = run("Rappel.", channel="email", history=calls(24, 48, 72, 96, 120, channel="email"))
    assert rule_ids(j) == {"FR-CONTACT-FREQUENCY-WARN"}
    assert run(CALL, channel="call", history=calls(24 * 7, 24 * 8, 24 * 9, 24 * 10)).verdict == "allow"


def conversation(days_ago, inbound=True, channel="call"):
    return PriorContact(TUESDAY_10H - timedelta(days=days_ago), channel, conversation=True, inbound=inbound)


@pytest.mark.parametrize("history,channel,callback,expected", [
    ([conversation(2)], "call", False, {"FR-CONTACT-AFTER-CONVERSATION"}),        # the debtor called us 2 days ago
    ([conversation(6.9, inbound=False)], "call", False, {"FR-CONTACT-AFTER-CONVERSATION"}),  # our call reached them
    ([conversation(1, channel="visit")], "call", False, {"FR-CONTACT-AFTER-CONVERSATION"}),
    ([conversation(7)], "call", False, set()),                                    # the pause is over
    ([conversation(2)], "call", True, set()),                                     # they asked to be called back
    ([conversation(2)], "email", False, set()),                                   # writing is not a call
    ([conversation(2)], "letter", False, set()),
    ([PriorContact(TUESDAY_10H - timedelta(days=2), "call")], "call", False, set()),  # an attempt, no conversation
])
def test_no_call_within_the_pause_after_a_conversation(history, channel, callback, expected):
    j = run(CALL if channel == "call" else "Suite à notre échange, voici le récapitulatif.", channel=channel,
            history=history, callback_requested=callback)
    assert rule_ids(j) == expected
    if expected:
        assert j.verdict == "block"
        finding = j.findings[0]
        assert finding.legal_basis["article"] == "L121-7 3°" and finding.explanation["fr"] and finding.explanation["en"]


def test_inbound_conversations_are_not_attempts():
    inbound = [conversation(h / 24) for h in (1, 2, 3)]  # the debtor called three times today
    counts = contact_counts(TUESDAY_10H, "Europe/Paris", "email", inbound)
    assert counts == {"calls_today": 0, "calls_7d": 0, "contacts_7d": 1}


def test_withheld_caller_id_is_blocked():
    j = run(CALL, channel="call", caller_id="withheld")
    assert rule_ids(j) == {"FR-HIDDEN-CALLER-ID"} and j.verdict == "block"
    assert run(CALL, channel="call", caller_id="shown").verdict == "allow"
    assert run(CALL, channel="call").verdict == "allow"  # not stated: nothing to judge


@pytest.mark.parametrize("text,expected", [
    ("Bonjour, ceci est un message automatique. Merci de rappeler au 01 84 20 11 00.", {"FR-ROBOT-CALL-IDENTIFICATION"}),
    ("Bonjour, ici Énergie Durand, service clients, au sujet de votre facture F-1001. "
     "Merci de nous rappeler au 01 84 20 11 00.", set()),
    ("Bonjour, ici Recouvra, société de recouvrement amiable, pour le compte d'Énergie Durand, "
     "au sujet du dossier RA-2026-0457. Merci de nous rappeler au 01 84 20 11 00.", set()),
])
def test_automated_calls_must_say_who_calls(text, expected):
    j = run(text, channel="call", automated=True)
    assert rule_ids(j) == expected
    if expected:
        assert j.verdict == "warn" and j.findings[0].missing == ("identification",)
    assert run(text, channel="call").verdict == "allow"  # a live call: the agent introduces themself


def test_recorded_calls_must_say_so():
    j = run(CALL, channel="call", recorded=True)
    assert rule_ids(j) == {"EU-GDPR-CALL-RECORDING"} and j.verdict == "warn"
    assert j.findings[0].missing == ("information_enregistrement",)
    told = "Bonjour, cet appel est enregistré à des fins de preuve ; je vous appelle au sujet de votre facture."
    assert run(told, channel="call", recorded=True).verdict == "allow"
    assert run(CALL, channel="call").verdict == "allow"  # not recorded: nothing to announce


@pytest.mark.parametrize("envelope,expected", [
    # every rule reads the envelope: "dernier avis" printed outside is false urgency too
    ("RECOUVREMENT - DERNIER AVIS\nM. Jean Martin, 12 rue des Lilas, 69003 Lyon",
     {"FR-VISIBLE-ENVELOPE", "FR-FALSE-URGENCY"}),
    ("Recouvra Contentieux, BP 12, 75001 Paris\nMme Durand, 3 place Bellecour, 69002 Lyon", {"FR-VISIBLE-ENVELOPE"}),
    ("Personnel et confidentiel\nMme Durand, 3 place Bellecour, 69002 Lyon", set()),
    ("Énergie Durand SA, 8 quai Perrache, 69002 Lyon\nM. Martin, 12 rue des Lilas, 69003 Lyon", set()),
])
def test_the_outside_of_a_letter_reveals_nothing(envelope, expected):
    letter = "Madame, sauf erreur de notre part, la facture F-1001 reste impayée. Merci de nous contacter."
    j = run(letter, channel="letter", envelope=envelope)
    assert rule_ids(j) == expected
    if expected:
        assert j.verdict == "warn"
        assert all(s.field == "envelope" for f in j.findings for s in f.spans)
    assert run(letter, channel="letter").verdict == "allow"  # the letter itself may speak of the debt


@pytest.mark.parametrize("sms,revealing", [
    # catalogue FR-VISIBLE-ENVELOPE: an SMS preview is read like an envelope
    ("Impayé – dette Telcom : merci de nous rappeler au 02 40 44 10 10 pour régler la facture TO-801.", True),
    ("Recouvra Contentieux : merci de nous rappeler au 02 40 44 10 10 au sujet de votre dossier RA-1.", True),
    # (signed: an SMS naming nobody is FR-PRETEXTING's block, test_guards_sender.py)
    ("Your account is overdue: please call us back on 02 40 44 10 10 about file RA-1. Recouvra SAS", True),
    # padding the start with invisible characters does not push the word out of the preview
    ("\u200b" * 80 + "Impayé : merci de nous rappeler au 02 40 44 10 10.", True),
    # the same words past what a locked phone shows, or a neutral start, reveal nothing outside
    ("Message personnel de la société Recouvra : merci de nous rappeler au 02 40 44 10 10 au sujet "
     "de la facture TO-801, qui reste impayée.", False),
    # "rappel" and the like are the envelope's extras, not the catalogue's words for an SMS
    ("Rappel : votre échéance du 5 janvier (45 €), dossier RA-1. Merci.", False),
])
def test_the_preview_of_an_sms_reveals_nothing(sms, revealing):
    j = run(sms, channel="sms")
    assert ("FR-VISIBLE-ENVELOPE" in rule_ids(j)) is revealing
    if revealing:
        assert j.verdict == "warn"
        assert all(s.field == "text" and s.start < 90 for f in j.findings for s in f.spans)
    # an e-mail's body is no preview
    assert "FR-VISIBLE-ENVELOPE" not in rule_ids(run(sms, channel="email"))


def test_a_call_on_an_overseas_public_holiday_is_a_call_on_a_public_holiday():
    from guards_helpers import CREDITOR
    from datetime import datetime, timezone as tz
    # 5 March 2027, 10:00 in Tahiti (Missionary Day); the same day is ordinary in Paris
    when = datetime(2027, 3, 5, 20, 0, tzinfo=tz.utc)
    text = "Bonjour, je vous appelle au sujet de votre facture TNA-27-0112."
    tahiti = run(text, CREDITOR, channel="call", when=when, timezone="Pacific/Tahiti")
    assert "FR-CONTACT-HOURS-SUNDAY-HOLIDAY" in rule_ids(tahiti)
    paris = run(text, CREDITOR, channel="call", when=datetime(2027, 3, 5, 9, 0, tzinfo=tz.utc))
    assert "FR-CONTACT-HOURS-SUNDAY-HOLIDAY" not in rule_ids(paris)
