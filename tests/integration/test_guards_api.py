"""Legality guards through the API, on DynamoDB Local: judgement, blocks as chained evidence,
warnings stored in the record, case context, per-debtor frequency across cases, hours, policy."""
from __future__ import annotations

import hashlib
import json

import pytest

from ledger_verify.chain import verify_chain
from tests.support import case_body, event, get, journal, post

LAWFUL = ("Bonjour Madame, sauf erreur de notre part, la facture F-1001 de 450,00 EUR reste impayée. "
          "Merci de régulariser ou de nous contacter pour convenir d'un échéancier.")
SEIZURE = "Sans paiement sous 48 h, un huissier procédera à la saisie de votre salaire et de vos meubles."


def open_case(client, key, **overrides):
    return post(client, "/v1/cases", case_body(**overrides), key).json_body["case_id"]


def contact(text, channel="email", role="debtor", **extra):
    return {"channel": channel, "recipient": {"role": role}, "text": text, **extra}


def send(client, key, case_id, data, at=None, kind="contact.sent"):
    return post(client, f"/v1/cases/{case_id}/events", event(kind, data, at), key)


def test_check_judges_and_records_nothing(client, keys):
    case_id = open_case(client, keys["collector"])
    resp = post(client, f"/v1/cases/{case_id}/communications/check",
                {"type": "contact.sent", "data": contact(SEIZURE), "sent_at": "2026-11-17T10:00:00+01:00"},
                keys["collector"])
    assert resp.status_code == 200, resp.body
    judgement = resp.json_body
    assert judgement["verdict"] == "block"
    finding = next(f for f in judgement["findings"] if f["rule_id"] == "FR-SEIZURE-NO-TITLE")
    assert finding["explanation"]["fr"] and finding["explanation"]["en"]
    assert finding["legal_basis"]
    span = finding["spans"][0]
    assert SEIZURE[span["start"]:span["end"]] == span["text"]
    assert set(judgement["rule_pack"]) == {"id", "version", "digest"}
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"] == 0


def test_block_is_chained_evidence(client, keys):
    case_id = open_case(client, keys["collector"])
    resp = send(client, keys["collector"], case_id, contact(SEIZURE), "2026-11-17T10:00:00+01:00")
    assert resp.status_code == 422
    body = resp.json_body
    assert body["error"] == "blocked_by_guard"
    assert any(f["rule_id"] == "FR-SEIZURE-NO-TITLE" for f in body["findings"])
    records = journal(client, keys, case_id)
    blocked = records[body["evidence"]["seq"]]
    assert blocked["type"] == "guard.blocked" and blocked["hash"] == body["evidence"]["hash"]
    assert blocked["data"]["text_sha256"] == hashlib.sha256(SEIZURE.encode()).hexdigest()
    stored = json.dumps(blocked, ensure_ascii=False)
    for fragment in ("procédera à la saisie", "votre salaire", "48 h, un huissier"):
        assert fragment not in stored  # the text, and the matched words, only as ciphertext
    assert all("text" not in span for f in blocked["guard"]["findings"] for span in f["spans"])
    assert blocked["guard"]["verdict"] == "block"
    assert verify_chain(records).ok
    state = get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body
    assert state["stage"] == 0 and state["guard_blocks"] == 1
    timeline = get(client, f"/v1/cases/{case_id}/events", keys["dpo"]).json_body["events"]
    assert timeline[-1]["data"]["text"] == SEIZURE


def test_same_text_allowed_once_a_title_is_recorded(client, keys):
    text = ("Notre mandant dispose d'un jugement du 12/01/2026. À défaut d'accord, il pourra en confier "
            "l'exécution à un commissaire de justice, qui pourra procéder à une saisie.")
    case_id = open_case(client, keys["collector"])
    assert send(client, keys["collector"], case_id, contact(text), "2026-11-17T10:00:00+01:00").status_code == 422
    post(client, f"/v1/cases/{case_id}/events",
         event("title.obtained", {"kind": "judgment", "reference": "RG 26/00012", "obtained_on": "2026-01-12"}),
         keys["collector"])
    resp = send(client, keys["collector"], case_id, contact(text), "2026-11-17T10:05:00+01:00")
    assert resp.status_code == 201, resp.body


def test_warning_is_stored_in_the_record(client, keys):
    case_id = open_case(client, keys["collector"])
    text = "DERNIER RAPPEL !!! PAYEZ IMMÉDIATEMENT LA FACTURE F-1001 !!!"
    resp = send(client, keys["collector"], case_id, contact(text), "2026-11-17T10:00:00+01:00")
    assert resp.status_code == 201, resp.body
    record = journal(client, keys, case_id)[resp.json_body["seq"]]
    assert record["guard"]["verdict"] == "warn"
    assert {f["rule_id"] for f in record["guard"]["findings"]} & {"FR-TONE-SHOUTING", "FR-FALSE-URGENCY"}


def test_lawful_message_allowed_with_pack_digest(client, keys):
    case_id = open_case(client, keys["collector"])
    resp = send(client, keys["collector"], case_id, contact(LAWFUL), "2026-11-17T10:00:00+01:00")
    assert resp.status_code == 201, resp.body
    record = journal(client, keys, case_id)[1]
    assert record["guard"]["verdict"] == "allow" and len(record["guard"]["rule_pack"]["digest"]) == 64


def test_open_dispute_blocks_pressure_but_not_acknowledgement(client, keys):
    case_id = open_case(client, keys["collector"])
    post(client, f"/v1/cases/{case_id}/events", event("dispute.opened", {"reason": "montant contesté"}), keys["collector"])
    demand = "Nous vous demandons de régler immédiatement la somme de 450 EUR."
    assert send(client, keys["collector"], case_id, contact(demand), "2026-11-17T10:00:00+01:00").status_code == 422
    ack = ("Nous accusons réception de votre contestation. Nous suspendons le recouvrement et revenons vers vous "
           "après vérification des pièces.")
    assert send(client, keys["collector"], case_id, contact(ack), "2026-11-17T10:10:00+01:00").status_code == 201


def test_opt_out_and_insolvency(client, keys):
    case_id = open_case(client, keys["collector"])
    post(client, f"/v1/cases/{case_id}/events", event("preferences.updated", {"opted_out_channels": ["sms"]}),
         keys["collector"])
    assert send(client, keys["collector"], case_id, contact(LAWFUL, channel="sms"),
                "2026-11-17T10:00:00+01:00").status_code == 422
    assert send(client, keys["collector"], case_id, contact(LAWFUL), "2026-11-17T10:01:00+01:00").status_code == 201
    post(client, f"/v1/cases/{case_id}/events", event("insolvency.flagged", {
        "kind": "overindebtedness", "reference": "BDF-1", "opened_on": "2026-11-01"}), keys["collector"])
    assert send(client, keys["collector"], case_id, contact(LAWFUL), "2026-11-17T10:02:00+01:00").status_code == 422


@pytest.mark.parametrize("at", [
    "2026-11-17T22:30:00+01:00",  # night
    "2026-11-15T11:00:00+01:00",  # Sunday
    "2026-07-14T11:00:00+02:00",  # Bastille Day
])
def test_calls_outside_lawful_hours_are_blocked(client, keys, at):
    case_id = open_case(client, keys["collector"])
    resp = send(client, keys["collector"], case_id, contact("Appel au sujet de la facture F-1001.", channel="call"), at)
    assert resp.status_code == 422, resp.body


def test_frequency_counts_the_debtor_across_cases_and_blocked_attempts(client, keys):
    first = open_case(client, keys["collector"])
    second = open_case(client, keys["collector"], external_ref="INV-2026-0043")  # same debtor (same e-mail)
    call = contact("Bonjour, appel concernant votre dossier.", channel="call")
    assert send(client, keys["collector"], first, call, "2026-11-17T10:00:00+01:00").status_code == 201
    assert send(client, keys["collector"], second, call, "2026-11-17T11:00:00+01:00").status_code == 201
    third = send(client, keys["collector"], first, call, "2026-11-17T12:00:00+01:00")
    assert third.status_code == 422
    assert any(f["rule_id"] == "FR-CONTACT-FREQUENCY-DAY" for f in third.json_body["findings"])


def test_no_call_in_the_week_after_a_conversation_unless_asked(client, keys):
    """A conversation (the debtor's call, or our call that reached them) starts a 7-day pause for
    calls to that debtor, across cases; a call the debtor asked for is allowed."""
    first = open_case(client, keys["collector"])
    second = open_case(client, keys["collector"], external_ref="INV-2026-0044")  # same debtor
    received = {"channel": "call", "summary": "Le débiteur appelle, propose un échéancier."}
    assert send(client, keys["collector"], first, received, "2026-09-07T15:00:00+02:00",
                kind="contact.received").status_code == 201
    call = contact("Bonjour, je vous appelle au sujet de votre dossier.", channel="call")
    blocked = send(client, keys["collector"], second, call, "2026-09-09T10:00:00+02:00")
    assert blocked.status_code == 422, blocked.body
    assert [f["rule_id"] for f in blocked.json_body["findings"]] == ["FR-CONTACT-AFTER-CONVERSATION"]
    asked = send(client, keys["collector"], second, {**call, "callback_requested": True}, "2026-09-09T14:00:00+02:00")
    assert asked.status_code == 201, asked.body
    # our own call that reached the debtor starts the pause again
    reached = send(client, keys["collector"], first, {**call, "outcome": "conversation"}, "2026-09-15T10:00:00+02:00")
    assert reached.status_code == 201, reached.body
    assert send(client, keys["collector"], first, call, "2026-09-18T10:00:00+02:00").status_code == 422
    assert send(client, keys["collector"], first, call, "2026-09-22T10:30:00+02:00").status_code == 201


@pytest.mark.parametrize("extra,pointer", [
    ({"outcome": "conversation"}, "/data/channel"),      # an e-mail has no conversation outcome
    ({"callback_requested": True}, "/data/channel"),
    ({"outcome": "chat"}, "/data/outcome"),
    ({"caller_id": "withheld"}, "/data/channel"),
    ({"automated": True}, "/data/channel"),
    ({"recorded": True}, "/data/channel"),
    ({"envelope": "Personnel et confidentiel"}, "/data/channel"),
])
def test_call_fields_on_other_channels_are_refused(client, keys, extra, pointer):
    case_id = open_case(client, keys["collector"])
    resp = send(client, keys["collector"], case_id, contact(LAWFUL, **extra), "2026-11-18T10:00:00+01:00")
    assert resp.status_code == 422, resp.body
    assert pointer in [d["pointer"] for d in resp.json_body["details"]], resp.json_body


def test_withheld_number_is_blocked_and_robot_calls_must_identify(client, keys):
    case_id = open_case(client, keys["collector"])
    call = contact("Bonjour, Énergie Durand, service clients, au sujet de votre facture F-1001.", channel="call")
    hidden = send(client, keys["collector"], case_id, {**call, "caller_id": "withheld"}, "2026-10-06T10:00:00+02:00")
    assert hidden.status_code == 422 and [f["rule_id"] for f in hidden.json_body["findings"]] == ["FR-HIDDEN-CALLER-ID"]
    robot = send(client, keys["collector"], case_id, {**call, "automated": True, "caller_id": "shown",
                                                      "text": "Message important : rappelez le 01 84 20 11 00."},
                 "2026-10-06T11:00:00+02:00")
    assert robot.status_code == 201, robot.body
    assert [f["rule_id"] for f in journal(client, keys, case_id)[-1]["guard"]["findings"]] == ["FR-ROBOT-CALL-IDENTIFICATION"]


def test_a_telling_envelope_is_warned_and_sealed(client, keys):
    case_id = open_case(client, keys["collector"])
    envelope = "SERVICE RECOUVREMENT Énergie Durand\nMme Zéphyrine Quarantotti, 3 place Bellecour, 69002 Lyon"
    resp = send(client, keys["collector"], case_id, contact(LAWFUL, channel="letter", envelope=envelope),
                "2026-10-07T10:00:00+02:00")
    assert resp.status_code == 201, resp.body
    record = journal(client, keys, case_id)[-1]
    assert [f["rule_id"] for f in record["guard"]["findings"]] == ["FR-VISIBLE-ENVELOPE"]
    assert "Quarantotti" not in json.dumps(record, ensure_ascii=False)  # personal: sealed like the text
    timeline = get(client, f"/v1/cases/{case_id}/events", keys["dpo"]).json_body["events"]
    assert timeline[-1]["data"]["envelope"] == envelope


def test_agency_needs_a_mandate(client, keys):
    case_id = open_case(client, keys["collector"], collector={"kind": "agency", "name": "Recouvrement SAS"})
    resp = send(client, keys["collector"], case_id, contact(LAWFUL), "2026-11-17T10:00:00+01:00")
    assert resp.status_code == 422
    assert any(f["rule_id"] == "FR-AGENCY-PRECONDITIONS" for f in resp.json_body["findings"])
    post(client, f"/v1/cases/{case_id}/events", event("mandate.recorded", {
        "creditor_kind": "energy", "creditor_name": "Énergie Durand SA", "signed_on": "2026-10-01"}), keys["collector"])
    state = get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body
    assert state["agency_mandate"] and state["creditor_kind"] == "energy"
    resp = send(client, keys["collector"], case_id, contact(LAWFUL, first_letter=True, reference="RA-2026-1"),
                "2026-11-17T10:05:00+01:00")
    assert resp.status_code == 422  # a first letter without the R124-4 mentions
    assert any(f["rule_id"] == "FR-R124-4-FIRST-LETTER" and f.get("missing") for f in resp.json_body["findings"])


def test_blocked_retry_with_idempotency_key_records_one_block(client, keys):
    case_id = open_case(client, keys["collector"])
    body = event("contact.sent", contact(SEIZURE), "2026-11-17T10:00:00+01:00")
    first = post(client, f"/v1/cases/{case_id}/events", body, keys["collector"], **{"Idempotency-Key": "b-1"})
    again = post(client, f"/v1/cases/{case_id}/events", body, keys["collector"], **{"Idempotency-Key": "b-1"})
    assert first.status_code == again.status_code == 422
    assert first.json_body["evidence"] == again.json_body["evidence"]
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"] == 1


def test_tenant_policy_tightens_never_loosens(client, keys):
    ok = client.http.put("/v1/admin/guard-policy", body=json.dumps({"quiet_start": "20:00", "quiet_end": "09:00"}),
                         headers={"Authorization": f"Bearer {keys['admin']}", "Content-Type": "application/json"})
    assert ok.status_code == 200, ok.body
    case_id = open_case(client, keys["collector"])
    resp = send(client, keys["collector"], case_id, contact("Appel concernant votre dossier.", channel="call"),
                "2026-11-17T20:30:00+01:00")
    assert resp.status_code == 422
    bad = client.http.put("/v1/admin/guard-policy", body=json.dumps({"max_calls_per_day": 10}),
                          headers={"Authorization": f"Bearer {keys['admin']}", "Content-Type": "application/json"})
    assert bad.status_code == 422 and bad.json_body["details"]


def _put_policy(client, keys, policy):
    return client.http.put("/v1/admin/guard-policy", body=json.dumps(policy),
                           headers={"Authorization": f"Bearer {keys['admin']}", "Content-Type": "application/json"})


def _check(client, keys, case_id, data, at="2026-11-17T10:00:00+01:00"):
    return post(client, f"/v1/cases/{case_id}/communications/check",
                {"type": "contact.sent", "data": data, "sent_at": at}, keys["collector"])


def test_policy_cannot_empty_the_quiet_window(client, keys):
    """Issue #11: {"quiet_start":"12:00","quiet_end":"12:00"} was accepted and a 02:30 call allowed."""
    bad = _put_policy(client, keys, {"quiet_start": "12:00", "quiet_end": "12:00"})
    assert bad.status_code == 422, bad.body
    assert bad.json_body["details"][0]["pointer"] == "/quiet_start"
    assert get(client, "/v1/admin/guard-policy", keys["admin"]).json_body == {"policy": {}}
    case_id = open_case(client, keys["collector"])
    night = _check(client, keys, case_id, contact("Appel concernant votre dossier.", channel="call"),
                   "2026-11-17T02:30:00+01:00")
    assert night.status_code == 200 and night.json_body["verdict"] == "block"
    for policy, field in (({"max_calls_per_day": 2, "max_calls_per_7d": 1}, "/max_calls_per_day"),
                          ({"quiet_end": "21:00"}, "/quiet_end"),
                          ({"forbidden_phrases": [" ".join(["impayé"] * 1000)]}, "/forbidden_phrases"),
                          ({"forbidden_phrases": ["avis"] * 51}, "/forbidden_phrases"),
                          ({"block_rules": 5}, "/block_rules")):
        resp = _put_policy(client, keys, policy)
        assert resp.status_code == 422, (policy, resp.body)
        assert resp.json_body["details"][0]["pointer"] == field


def test_the_longest_phrases_with_a_long_message_answer(client, keys):
    """Issue #11: a 1,000-word phrase with a 1,000-word message raised RecursionError (500)."""
    phrases = [" ".join(["impayé"] * 12)] * 50
    assert _put_policy(client, keys, {"forbidden_phrases": phrases}).status_code == 200
    case_id = open_case(client, keys["collector"])
    long_text = " ".join(["impayé"] * 1000)
    checked = _check(client, keys, case_id, contact(long_text))
    assert checked.status_code == 200 and checked.json_body["verdict"] == "block"
    assert "TENANT-FORBIDDEN-PHRASE" in {f["rule_id"] for f in checked.json_body["findings"]}
    sent = send(client, keys["collector"], case_id, contact(long_text), "2026-11-17T10:00:00+01:00")
    assert sent.status_code == 422 and sent.json_body["error"] == "blocked_by_guard"


@pytest.mark.parametrize("data", [
    contact("Sans paiement sous 48 h, un hu&#105;ssier procédera à la s a i s i e de vos meubles."),
    contact("Sans paiement sous 48 h, un huissier procédera à la sаisiе de vos meubles."),   # Cyrillic а, е
    contact("Sans paiement sous 48 h, un huis\u00adsier procédera à la sai<b></b>sie de vos meubles."),
    contact("Merci de nous contacter au sujet de votre dossier.", channel="letter",
            envelope="Un huissier procédera à la saisie de vos meubles"),
])
def test_a_disguised_threat_is_still_blocked_with_its_span(client, keys, data):
    case_id = open_case(client, keys["collector"])
    resp = _check(client, keys, case_id, data)
    assert resp.status_code == 200, resp.body
    assert resp.json_body["verdict"] == "block"
    finding = next(f for f in resp.json_body["findings"] if f["rule_id"] == "FR-SEIZURE-NO-TITLE")
    for span in finding["spans"]:
        assert data[span["field"]][span["start"]:span["end"]] == span["text"]


def test_a_message_in_another_language_is_blocked(client, keys):
    case_id = open_case(client, keys["collector"])
    resp = _check(client, keys, case_id, contact("Embargaremos sus muebles", channel="sms"))
    assert resp.status_code == 200
    assert resp.json_body["verdict"] == "block"
    assert "GUARD-UNREADABLE-LANGUAGE" in {f["rule_id"] for f in resp.json_body["findings"]}
