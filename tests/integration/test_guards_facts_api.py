"""The facts the guards need, declared through ordinary events: the sender (a commissaire de
justice acting under L125-1 or with a declared title), recipient roles, each claim's birth
date against an insolvency's opening date. Bad facts are 422 naming the field."""
from __future__ import annotations

import hashlib
import json

from tests.support import case_body, event, get, journal, post

AT = "2026-11-17T10:00:00+01:00"
TITLE_SHA = hashlib.sha256(b"jugement RG 26/00012").hexdigest()


def open_case(client, key, **overrides):
    resp = post(client, "/v1/cases", case_body(**overrides), key)
    assert resp.status_code == 201, resp.body
    return resp.json_body["case_id"]


def send(client, key, case_id, text, role="debtor", at=AT, channel="email", **recipient):
    data = {"channel": channel, "recipient": {"role": role, **recipient}, "text": text}
    return post(client, f"/v1/cases/{case_id}/events", event("contact.sent", data, at), key)


def invoices(*born):
    return {"currency": "EUR", "invoices": [
        {"number": number, "issued_on": issued, "due_on": "2026-12-01", "amount_cents": 12000, **({"born_on": b} if b else {})}
        for number, issued, b in born]}


def test_post_opening_claims_may_be_requested_pre_opening_ones_may_not(client, keys):
    key = keys["collector"]
    case_id = open_case(client, key, claim=invoices(("F-0501", "2026-05-10", None), ("F-1001", "2026-10-05", "2026-10-01")))
    post(client, f"/v1/cases/{case_id}/events", event("insolvency.flagged", {
        "kind": "overindebtedness", "reference": "BDF-9", "opened_on": "2026-06-15"}), key)
    current = "Votre facture F-1001 (consommation d'octobre) reste à régler : merci d'effectuer le paiement de 120 €."
    assert send(client, key, case_id, current).status_code == 201
    frozen = "Votre facture F-0501 reste à régler : merci d'effectuer le paiement de 120 €."
    resp = send(client, key, case_id, frozen, at="2026-11-17T10:05:00+01:00")
    assert resp.status_code == 422
    assert "FR-SURENDETTEMENT" in {f["rule_id"] for f in resp.json_body["findings"]}
    view = get(client, f"/v1/cases/{case_id}", key).json_body
    assert view["insolvency_opened_on"] == "2026-06-15"


def test_a_case_whose_claims_all_postdate_the_opening_is_not_frozen(client, keys):
    key = keys["collector"]
    case_id = open_case(client, key, consumer=False, debtor={"kind": "company", "name": "Durand SARL"},
                        claim=invoices(("F-2001", "2026-09-20", "2026-09-15")))
    post(client, f"/v1/cases/{case_id}/events", event("insolvency.flagged", {
        "kind": "collective_proceedings", "reference": "RJ-2026-1", "opened_on": "2026-03-01"}), key)
    assert send(client, key, case_id, "Merci de régler la facture F-2001 à son échéance.").status_code == 201


def test_a_guarantor_may_be_pursued_in_liquidation_not_during_a_redressement(client, keys):
    key = keys["collector"]
    demand = "En votre qualité de caution, nous vous demandons de régler la somme de 120 € sous quinze jours."
    codes = {}
    for procedure in ("liquidation", "redressement"):
        case_id = open_case(client, key, consumer=False, debtor={"kind": "company", "name": "Olivier Bâtiment SARL"},
                            claim=invoices(("F-0501", "2026-05-10", None)))
        assert post(client, f"/v1/cases/{case_id}/events", event("insolvency.flagged", {
            "kind": "collective_proceedings", "reference": "LJ-2026-7", "opened_on": "2026-09-30",
            "procedure": procedure}), key).status_code == 201
        assert get(client, f"/v1/cases/{case_id}", key).json_body["insolvency_procedure"] == procedure
        codes[procedure] = send(client, key, case_id, demand, role="guarantor").status_code
    assert codes == {"liquidation": 201, "redressement": 422}


def test_a_commissaire_with_a_declared_title_may_announce_enforcement(client, keys):
    key = keys["collector"]
    case_id = open_case(client, key, collector={"kind": "agency", "name": "SCP Rolland",
                                                 "profession": "commissaire_de_justice", "acting_under": "title"})
    title = {"kind": "judgment", "reference": "RG 26/00012", "obtained_on": "2026-06-02",
             "court": "Tribunal judiciaire de Lille", "decided_on": "2026-05-12", "document_sha256": TITLE_SHA}
    assert post(client, f"/v1/cases/{case_id}/events", event("title.obtained", title), key).status_code == 201
    text = ("Maître Rolland, commissaire de justice. En vertu du jugement du tribunal judiciaire de Lille du "
            "12/05/2026, à défaut de règlement sous huit jours, je pourrai procéder à une saisie-attribution.")
    assert send(client, key, case_id, text, channel="letter").status_code == 201
    view = get(client, f"/v1/cases/{case_id}", key).json_body
    assert view["collector_acting_under"] == "title"
    assert view["declared_title"] == title
    record = journal(client, keys, case_id)[1]
    assert record["type"] == "title.obtained" and record["data"] == title   # a declared fact, in clear


def test_a_commissaire_under_l125_1_without_title_still_may_not_threaten_seizure(client, keys):
    key = keys["collector"]
    case_id = open_case(client, key, collector={"kind": "agency", "name": "SCP Rolland",
                                                 "profession": "commissaire_de_justice", "acting_under": "L125-1"})
    intro = ("Étude de Maître Rolland, commissaire de justice. Dans le cadre de la procédure simplifiée de "
             "recouvrement des petites créances (art. L125-1 CPCE), je vous invite à régler la facture F-1001.")
    assert send(client, key, case_id, intro, channel="letter").status_code == 201
    threat = "Maître Rolland, commissaire de justice : sans paiement, je procéderai à la saisie de votre véhicule."
    assert send(client, key, case_id, threat, channel="letter", at="2026-11-17T10:05:00+01:00").status_code == 422


def test_recipient_roles(client, keys):
    key = keys["collector"]
    case_id = open_case(client, key)
    heir = "Vous devez régler la dette de votre père, soit 750 €, sous quinze jours."
    resp = send(client, key, case_id, heir, role="heir")
    assert resp.status_code == 422
    assert "FR-HEIRS" in {f["rule_id"] for f in resp.json_body["findings"]}
    blocked = journal(client, keys, case_id)[resp.json_body["evidence"]["seq"]]
    assert blocked["type"] == "guard.blocked" and blocked["data"]["recipient_role"] == "heir"
    estate = "Nous vous présentons nos condoléances. Pourriez-vous nous indiquer le notaire chargé de la succession ?"
    assert send(client, key, case_id, estate, role="heir", at="2026-11-17T10:05:00+01:00").status_code == 201
    lawyer = "Maître, comme convenu, votre client reste redevable de la facture F-1001 ; nous attendons votre proposition."
    assert send(client, key, case_id, lawyer, role="debtor_lawyer", at="2026-11-17T10:10:00+01:00").status_code == 201


def test_bad_facts_are_422_naming_the_field(client, keys):
    key = keys["collector"]
    body = case_body(collector={"kind": "agency", "name": "X", "acting_under": "title"})
    resp = post(client, "/v1/cases", body, key)
    assert resp.status_code == 422 and any("/data/collector" in d["pointer"] or "/collector" in d["pointer"]
                                           for d in resp.json_body["details"]), resp.json_body
    case_id = open_case(client, key)
    resp = post(client, f"/v1/cases/{case_id}/events", event("title.obtained", {
        "kind": "judgment", "reference": "RG 1", "obtained_on": "2026-01-02", "document_sha256": "nothex"}), key)
    assert resp.status_code == 422
    assert "/data/document_sha256" in [d["pointer"] for d in resp.json_body["details"]], resp.json_body
    bad_birth = case_body(claim=invoices(("F-1", "2026-01-01", "2026-13-40")))
    resp = post(client, "/v1/cases", bad_birth, key)
    assert resp.status_code == 422
    assert any("born_on" in d["pointer"] for d in resp.json_body["details"]), resp.json_body
    resp = post(client, f"/v1/cases/{case_id}/events", event("insolvency.flagged", {
        "kind": "overindebtedness", "reference": "BDF-1", "opened_on": "2026-06-15", "procedure": "liquidation"}), key)
    assert resp.status_code == 422, resp.body
    resp = send(client, key, case_id, "Bonjour", role="cousin")
    assert resp.status_code == 422
    assert "/data/recipient/role" in [d["pointer"] for d in resp.json_body["details"]], resp.json_body


def test_a_representative_hears_of_the_debt_on_a_declared_authority(client, keys):
    key = keys["collector"]
    case_id = open_case(client, key)
    # nothing in the wording says on what ground the recipient may hear of the debt: the role says it
    text = ("Comme suite à votre appel, voici le détail de la dette de M. Martin : 120 € au titre de la "
            "facture F-1001, que nous vous proposons d'échelonner.")
    resp = send(client, key, case_id, text, role="third_party")
    assert resp.status_code == 422 and "FR-THIRD-PARTY-DISCLOSURE" in {f["rule_id"] for f in resp.json_body["findings"]}
    resp = send(client, key, case_id, text, role="representative", at="2026-11-17T10:05:00+01:00",
                authority="debtor_authorisation", name="Association Cresus")
    assert resp.status_code == 201, resp.body
    records = journal(client, keys, case_id)
    recorded = records[resp.json_body["seq"]]
    # the authority is a declared fact in clear; the representative's name is personal data, sealed
    assert recorded["data"]["recipient"]["authority"] == "debtor_authorisation"
    assert "Cresus" not in json.dumps(records, ensure_ascii=False)


def test_a_representative_without_an_authority_or_an_authority_without_one_is_422(client, keys):
    key = keys["collector"]
    case_id = open_case(client, key)
    for recipient, pointer in (({"role": "representative"}, "/data/recipient/authority"),
                               ({"role": "debtor", "authority": "mediator"}, "/data/recipient/role"),
                               ({"role": "representative", "authority": "cousin"}, "/data/recipient/authority")):
        resp = send(client, key, case_id, "Bonjour", **recipient)
        assert resp.status_code == 422, (recipient, resp.body)
        assert pointer in [d["pointer"] for d in resp.json_body["details"]], resp.json_body
    assert len(journal(client, keys, case_id)) == 1   # case.opened only: nothing written
