"""Meaning over words: lemmas (~lemma), threat frames, conditional exclusions, claim birth
dates against an insolvency's opening, and the rule family on misleading statements of law."""
from __future__ import annotations

import copy
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from guards_helpers import AGENCY, CREDITOR, comm, facts, rule_ids, run, severities

from chalicelib.domain.guards import judge
from chalicelib.domain.guards.context import CaseFacts, Claim
from chalicelib.domain.guards.insolvency import about_frozen_claims
from chalicelib.domain.guards.lemmas import lemma_names
from chalicelib.domain.guards.quotes import denied_list
from chalicelib.domain.guards.pack import PACKS_DIR, compile_pack, load_pack, read_pack_data
from devtools import lemma_table

LAW_RULES = ("FR-LAW-PRESCRIPTION", "FR-LAW-NOTICE-AS-TITLE", "FR-LAW-IMPRISONMENT", "FR-LAW-FALSE-APPROVAL",
             "FR-LAW-OFFICIAL-HEADER", "FR-LAW-CREDIT-REGISTRY")


def _rule(**content):
    return {"id": "TEST-RULE", "family": "content", "severity": "block", "content": content,
            "legal_basis": {"code": "t", "article": "-", "status": "policy", "source": "t", "text_fr": "x", "text_en": "x"},
            "explanation": {"fr": "x", "en": "x"}}


def _pack_with(rule, lemmas=None):
    data = copy.deepcopy(read_pack_data(PACKS_DIR / "fr"))
    data["rules"] = [rule]
    if lemmas is not None:
        data["lemmas"] = lemmas
    return compile_pack(data)


def _fires(pack, text, **kw):
    return judge(comm(text), facts(**kw), [], pack).rule_ids == ("TEST-RULE",)


def test_lemma_table_is_generated_from_simplemma():
    on_disk = json.loads((PACKS_DIR / "fr" / "lemmas.json").read_text(encoding="utf-8"))
    assert on_disk == lemma_table.table("FR"), "run: python -m devtools.lemma_table"
    data = read_pack_data(PACKS_DIR / "fr")
    assert set(on_disk["lemmas"]) == lemma_names(data)
    assert "seine" in on_disk["near_words"]          # a word of its own, not a misspelt "seize"


def test_a_lemma_matches_every_inflection_and_near_misspellings():
    pack = _pack_with(_rule(any=["~saisir _3 @assets"]))
    for text in ("nous saisirons vos meubles", "on saisit votre salaire", "ils saisiraient votre voiture",
                 "nous allons saisire vos biens"):          # the last one misspelt
        assert _fires(pack, text), text
    assert not _fires(pack, "la saisine de la commission")
    seize = _pack_with(_rule(any=["~seize"]))
    assert _fires(seize, "we will seaze it") and not _fires(seize, "rue de la Seine")


def test_a_lemma_missing_from_the_table_is_refused_at_compile_time():
    with pytest.raises(ValueError, match="lemma table"):
        _pack_with(_rule(any=["~zzyzxer"]))


def test_frames_combine_any_wording_of_each_slot_within_a_sentence():
    frame = {"condition": ["si|faute|defaut|sans|unless|failing"], "action": ["~informer|~prevenir|~tell"],
             "target": ["@relatives"]}
    pack = _pack_with(_rule(frames=[frame]))
    assert _fires(pack, "Faute de règlement, votre employeur sera informé.")
    assert _fires(pack, "Sans réponse de votre part. Nous préviendrons vos voisins.")       # condition just before
    assert _fires(pack, "Unless you pay, we will tell your neighbours.")
    assert not _fires(pack, "Faute de règlement, nous ne préviendrons jamais votre employeur.")  # negated action
    assert not _fires(pack, "Votre employeur sera informé.")                                    # no condition
    assert not _fires(pack, "Faute de règlement, nous vous informerons. Votre employeur n'en saura rien.")


def test_a_frame_needs_an_action_and_known_slots():
    with pytest.raises(ValueError, match="action"):
        _pack_with(_rule(frames=[{"target": ["x"]}]))
    with pytest.raises(ValueError, match="slot"):
        _pack_with(_rule(frames=[{"action": ["x"], "who": ["y"]}]))


def test_conditional_exclusions_follow_the_facts():
    pack = _pack_with(_rule(any=["commissaire de justice"], exclude_when=[
        {"when": {"fact": "collector_profession", "eq": "commissaire_de_justice"}, "any": ["commissaire de justice"]}]))
    text = "Maître Rolland, commissaire de justice."
    assert _fires(pack, text)
    assert not _fires(pack, text, collector_profession="commissaire_de_justice")


@pytest.mark.parametrize("rule, text", [
    ("FR-LAW-PRESCRIPTION", "Cette dette ne se prescrit jamais."),
    ("FR-LAW-PRESCRIPTION", "This debt can be claimed for thirty years."),
    ("FR-LAW-NOTICE-AS-TITLE", "Faute de réponse, ce courrier vaudra jugement."),
    ("FR-LAW-NOTICE-AS-TITLE", "Your silence will be treated as an admission of the debt."),
    ("FR-LAW-IMPRISONMENT", "Vous risquez l'emprisonnement pour cette facture."),
    ("FR-LAW-FALSE-APPROVAL", "Cabinet agréé par le ministère de la Justice."),
    ("FR-LAW-OFFICIAL-HEADER", "AVIS JUDICIAIRE : dossier en attente."),
    ("FR-LAW-CREDIT-REGISTRY", "We will report you to the credit bureaus."),
])
def test_misleading_statements_of_law_are_blocked(rule, text):
    j = run(text)
    assert j.verdict == "block" and rule in rule_ids(j), j.rule_ids


@pytest.mark.parametrize("text", [
    "L'action d'un professionnel contre un consommateur se prescrit par deux ans (art. L218-2 C. conso).",
    "Notre mise en demeure ne constitue pas un jugement.",
    "Le non-paiement d'une dette n'entraîne jamais de prison.",
    "Nous ne sommes agréés par aucune autorité publique : nous sommes une société de recouvrement amiable.",
    "Votre carte de crédit n'a pas été débitée.",
])
def test_truthful_statements_of_law_pass(text):
    assert not rule_ids(run(text)) & set(LAW_RULES), run(text).rule_ids


def test_every_law_rule_has_a_basis_in_both_languages():
    pack = load_pack("FR")
    for rid in LAW_RULES:
        rule = pack.rule(rid)
        assert rule.family == "law"
        assert rule.legal_basis["text_fr"] and rule.legal_basis["text_en"] and rule.legal_basis["article"]
        assert rule.legal_basis["status"] in ("law", "unverified")


def test_idioms_built_on_saisir_and_seize_are_not_seizures():
    for text in ("Saisissez l'occasion de régler en trois fois.", "Seize the opportunity to settle now.",
                 "Saisissez votre code client sur le portail.", "Nous avons saisi votre demande d'échéancier."):
        assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(text)), text
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Si vous ne payez pas, nous saisirons vos meubles."))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("If you do not pay we will seize your car."))


def test_not_yet_and_public_body_threats_to_tell_third_parties():
    for text in ("Nous n'avons pas encore informé votre employeur.", "We have not yet contacted your employer.",
                 "Sans règlement, la CAF sera informée de votre dette.", "Failing payment, we will let your neighbours know."):
        assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text)), text
    for text in ("Nous ne contacterons ni votre employeur ni votre famille.",
                 "Vous pouvez contacter la CAF pour être accompagné."):
        assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(text)), text


def test_claims_born_after_the_opening_are_not_frozen():
    opened = date(2026, 6, 1)
    before, after = Claim("E-05", date(2026, 5, 1)), Claim("E-10", date(2026, 10, 1))
    f = lambda *claims, on=opened: CaseFacts(insolvency="overindebtedness", insolvency_opened_on=on, claims=claims)
    assert about_frozen_claims(CaseFacts(), "x") is None
    assert about_frozen_claims(f(before, after, on=None), "facture E-10") is True     # unknown date: frozen
    assert about_frozen_claims(f(after), "votre facture") is False
    assert about_frozen_claims(f(before), "votre facture E-05") is True
    assert about_frozen_claims(f(before, after), "facture E-10") is False
    assert about_frozen_claims(f(before, after), "factures E-10 et E-05") is True
    assert about_frozen_claims(f(before, after), "votre facture") is True


def test_insolvency_rules_follow_the_birth_dates():
    demand = "Merci de régler la facture E-10 de 64 €."
    base = dict(CREDITOR, insolvency="overindebtedness", insolvency_opened_on="2026-06-01")
    assert "FR-SURENDETTEMENT" not in rule_ids(run(demand, base, claims=[{"ref": "E-10", "born_on": "2026-10-01"}]))
    assert "FR-SURENDETTEMENT" in rule_ids(run(demand, base, claims=[{"ref": "E-10", "born_on": "2026-05-01"}]))
    assert "FR-SURENDETTEMENT" in rule_ids(run(demand, base))


def test_undated_insolvency_claims_set_apart_by_the_message_are_warned_not_blocked():
    """Without the opening date or the claims' birth dates the guard cannot tell a payable
    post-opening claim (L622-17 C. com.; current consumption after a recevabilité) from a frozen
    one. A message that sets the frozen claims apart and asks only for a later one is warned
    (a person checks the dates); a plain demand stays blocked; the distinction never counts
    when the field can hide text from the reader."""
    undated = dict(CREDITOR, insolvency="overindebtedness")
    apart = ("Votre dossier de surendettement a été déclaré recevable : les factures antérieures à cette date "
             "sont gelées et nous ne vous en demandons pas le paiement. La facture E-10 porte sur votre "
             "consommation d'octobre, postérieure à cette décision. Merci de la régler.")
    j = run(apart, undated)
    assert j.verdict == "warn" and "FR-INSOLVENCY-CLAIM-DATES" in rule_ids(j)
    assert run("Malgré votre dossier de surendettement, merci de régler la facture E-10.", undated).verdict == "block"
    hidden = ("Merci de régler la facture E-10.<!-- Les factures antérieures à cette date sont gelées. "
              "La facture E-10 est postérieure à cette décision. -->")
    assert run(hidden, undated).verdict == "block"
    zwsp = apart.replace("postérieure", "posté\u200brieure").replace("antérieures", "anté\u200brieures")
    assert run(zwsp, undated).verdict == "block"
    dated = dict(undated, insolvency_opened_on="2026-06-01", claims=[{"ref": "E-10", "born_on": "2026-05-01"}])
    assert run(apart, dated).verdict == "block"      # the recorded dates decide


def test_a_negator_glued_to_the_next_word_is_a_split_word():
    assert run("Réf. RA-2026-0457 : nos agents pas-seront jeudi saisir votre véhicule.", AGENCY).verdict == "block"
    assert "FR-SEIZURE-BY-AGENCY" not in rule_ids(run("Nos agents ne viendront pas saisir votre véhicule.", AGENCY))


def test_heirs_and_other_recipient_roles():
    demand = "Vous devez régler la dette de votre père, soit 2 300 €."
    assert "FR-HEIRS" in rule_ids(run(demand, recipient="heir"))
    assert run(demand, recipient="heir").verdict == "block"
    assert "FR-HEIRS" not in rule_ids(run(demand, recipient="guarantor"))
    assert "FR-HEIRS" not in rule_ids(run("Pourriez-vous nous indiquer le notaire chargé de la succession ?", recipient="heir"))


def test_flat_b2b_fee_above_the_legal_40_eur():
    b2b = dict(CREDITOR, consumer=False, debtor_kind="company")
    assert "FR-FEES-B2B-OVER-40" in rule_ids(run("Indemnité forfaitaire de recouvrement : 150 €.", b2b))
    assert "FR-FEES-B2B-OVER-40" not in rule_ids(run("Indemnité forfaitaire de recouvrement : 40 € par facture, soit 80 €.", b2b))


def test_sender_facts_from_dict():
    f = CaseFacts.from_dict(dict(AGENCY, acting_under="L125-1", insolvency_opened_on="2026-01-02",
                                 claims=[{"ref": "F-1", "born_on": "2026-01-01"}]))
    assert f.acting_under == "L125-1" and f.insolvency_opened_on == date(2026, 1, 2)
    assert f.claims == (Claim("F-1", date(2026, 1, 1)),)


# -- pack 2026.12.4: negators read as written, severity graded by wording (catalogue gradings)

def test_a_negator_is_read_as_written_not_by_its_phonetic_key():
    # "pass" folds to the key of "pas"; it must not negate the threat that follows
    assert "FR-CRIMINAL-THREAT" in rule_ids(run("We will pass your file to the gendarmerie."))
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run("We will not pass your file to the gendarmerie."))
    # "n°" is read "numero", never the negator "n'"
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Avis d'huissier n° 2026/889 : saisie de vos meubles."))
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run("We cannot take your belongings or freeze your bank account."))


def _severity(judgement, rid):
    return next(f.severity for f in judgement.findings if f.rule_id == rid)


def test_heirs_are_warned_unless_the_message_asserts_personal_liability():
    asked = run("Pourriez-vous régler la facture de votre mère, 238,40 €, à votre convenance ?", recipient="heir")
    assert _severity(asked, "FR-HEIRS") == "warn"
    liable = run("Vous devez régler la dette de votre père, soit 2 300 €, sous quinze jours.", recipient="heir")
    assert _severity(liable, "FR-HEIRS") == "block"


def test_a_hardship_named_in_the_sentence_before_the_pressure_is_read_with_it():
    pressure = run("Nous savons que la disparition de votre mari a été une épreuve. C'est justement pour "
                   "cela que vous n'avez pas besoin, en plus, d'un souci judiciaire.")
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(pressure) and pressure.verdict == "block"
    # the same two sentences of a considerate letter carry no pressure
    kind = run("Nous avons appris le décès de votre mari et vous présentons nos condoléances. "
               "Nous suspendons le dossier : vous n'avez pas besoin de nous répondre avant février.")
    assert "FR-VULNERABILITY-EXPLOIT" not in rule_ids(kind)
    # two sentences back is too far
    far = run("Nous savons que vous venez de perdre votre mari. Votre facture reste due. "
              "Vous n'avez pas envie d'un procès en plus.")
    assert "FR-VULNERABILITY-EXPLOIT" not in rule_ids(far)


def test_a_home_visit_after_a_refusal_is_blocked_other_visits_warned():
    plain = run("Bonjour, je passais dans le quartier pour voir si un échéancier serait possible.", channel="visit")
    assert _severity(plain, "FR-HOME-VISIT") == "warn"
    refused = run("Je sais que vous ne souhaitiez pas nous revoir, mais j'étais dans le quartier.", channel="visit")
    assert _severity(refused, "FR-HOME-VISIT") == "block"
    assert "FR-HOME-VISIT" not in rule_ids(run("Je passerai demain.", channel="email"))


def test_an_internal_list_is_warned_a_shared_one_blocked():
    internal = run("Votre compte est inscrit sur notre liste interne de suivi des retards, qui n'est transmise "
                   "à aucun tiers.")
    assert _severity(internal, "FR-BADPAYER-LIST-THREAT") == "warn"
    shared = run("Your details will be added to the national register of defaulting customers that retailers check.")
    assert _severity(shared, "FR-BADPAYER-LIST-THREAT") == "block"


def test_consumer_interest_above_the_caps_is_blocked_interest_before_notice_warned():
    cap = run("Indemnité légale de défaillance (12 % du capital restant dû) : 1 008,00 €.")
    assert _severity(cap, "FR-INTEREST-RATE") == "block"
    monthly = run("Des intérêts de retard de 1,5 % par mois courent depuis cette date.")
    assert _severity(monthly, "FR-INTEREST-RATE") == "block"
    early = run("Intérêts au taux légal calculés depuis l'échéance du 15/07/2026 : 5,85 €.", formal_notices_sent=0)
    assert _severity(early, "FR-INTEREST-RATE") == "warn"
    assert "FR-INTEREST-RATE" not in rule_ids(run("Intérêts au taux légal calculés depuis l'échéance : 5,85 €.",
                                                   formal_notices_sent=1))
    assert "FR-INTEREST-RATE" not in rule_ids(run("Indemnité légale de défaillance (8 % du capital) : 672,00 €."))


def test_wording_that_softens_a_rule_must_be_read_as_written():
    rule = _rule(any=["saisie"])
    rule["severity_when"] = [{"content": {"any": ["liste interne"]}, "severity": "warn"}]
    with pytest.raises(ValueError, match="as_written"):
        _pack_with(rule)
    rule["severity_when"][0]["content"]["as_written"] = True
    pack = _pack_with(rule)
    assert judge(comm("saisie, liste interne"), facts(), [], pack).verdict == "warn"
    # a disguise cannot buy the milder severity: markup makes the field unreadable "as written"
    assert judge(comm("saisie, liste <b></b>interne"), facts(), [], pack).verdict == "block"


def test_coercive_words_of_other_languages_fire_the_rule_they_break():
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Si no paga, embargaremos sus bienes."))
    assert "FR-CRIMINAL-THREAT" in rule_ids(run("Se non paga, chiameremo la polizia."))
    assert "FR-FEES-CONSUMER" in rule_ids(run("Gastos de gestión del expediente: 35,00 €.", consumer=True))


# Pack 2026.12.22: readings fixed for held-out batches s and t (each lawful/unlawful pair).

def test_a_proces_verbal_is_no_lawsuit_during_a_dispute():
    lawful = ("Vous trouverez ci-joint le procès-verbal de réception des travaux ; nous suspendons toute "
              "relance pendant l'examen de ces pièces.")
    assert run(lawful, open_dispute=True).verdict == "allow"
    assert "FR-DISPUTE-OPEN" in rule_ids(run("Sans paiement, un procès vous attend.", open_dispute=True))


def test_a_relative_who_may_contact_us_is_told_nothing():
    lawful = "Un proche muni de votre accord écrit peut aussi nous contacter."
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(lawful))
    told = "Votre employeur pourrait être contacté afin de mettre en place un échéancier."
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(told))


def test_a_notary_settling_the_estate_and_a_declared_claim_are_lawful_recipients():
    notary = ("Maître, Mme Guillou nous a indiqué que vous êtes chargée du règlement de la succession de son "
              "père. Notre mandant détient une créance au titre de la facture FAC-1 (231,80 €).")
    declared = ("Maître, vous trouverez ci-joint notre déclaration de créance au titre des factures BT-1 et "
                "BT-2 (4 596,00 €).")
    neighbour = "Votre voisin doit 231,80 € au titre de la facture FAC-1."
    for text in (notary, declared):
        assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(text, recipient="third_party", channel="letter"))
    assert "FR-THIRD-PARTY-DISCLOSURE" in rule_ids(run(neighbour, recipient="third_party", channel="letter"))


def test_a_truthful_injonction_letter_with_the_right_of_opposition_is_no_false_order():
    truthful = ("Le juge a rendu une ordonnance d'injonction de payer le 4 février 2027. Elle vous sera signifiée "
                "par un commissaire de justice. Vous pourrez former opposition dans le délai d'un mois suivant "
                "cette signification, auprès du greffe du tribunal ; l'acte de signification vous indiquera les "
                "modalités.")
    j = run(truthful, channel="letter")
    assert j.verdict != "block", j.to_dict()
    english = "The order only becomes enforceable if no objection is lodged within that period."
    assert "FR-FALSE-COURT-ORDER" not in rule_ids(run(english))
    fake = "L'ordonnance d'injonction de payer rendue contre vous est désormais exécutoire."
    assert "FR-FALSE-COURT-ORDER" in rule_ids(run(fake))
    # the catalogue's trigger: a summons served by a commissaire, threatened without a title
    summons = "Sans paiement, une assignation vous sera signifiée par un commissaire de justice."
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(summons))


def test_a_creditor_deducting_wages_by_itself_is_seizure_by_the_creditor():
    text = ("Faute de règlement, nous procéderons nous-mêmes, dès la paie de février, au prélèvement de 400 € "
            "par mois directement sur votre salaire auprès de votre employeur.")
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(text, has_title=True))
    plan = "Comme convenu, nous prélèverons 50 € sur votre compte le 5 de chaque mois."
    assert "FR-SEIZURE-BY-AGENCY" not in rule_ids(run(plan, has_title=True))


def test_a_data_request_held_until_payment_is_refused_access():
    text = ("Vous nous relancez au sujet de votre demande de copie de vos données personnelles. Nous ne "
            "donnerons pas suite à cette demande tant que votre dossier n'est pas réglé.")
    assert "EU-GDPR-DSAR-DEADLINE" in rule_ids(run(text))
    plan = ("Vous nous avez demandé un échéancier. Nous ne donnerons pas suite à cette demande tant que "
            "l'échéance de janvier n'est pas réglée.")
    assert "EU-GDPR-DSAR-DEADLINE" not in rule_ids(run(plan))


def test_an_unidentified_robot_call_that_hides_its_purpose_is_blocked():
    vague = ("Bonjour, ceci est un message important vous concernant. Un dossier à votre nom nécessite votre "
             "intervention urgente. Merci de rappeler le 04 78 60 11 22.")
    j = run(vague, channel="call", automated=True, caller_id="shown")
    assert j.verdict == "block" and "FR-ROBOT-CALL-IDENTIFICATION" in rule_ids(j)
    plain = "Bonjour, merci de rappeler le 04 78 60 11 22 au sujet de votre facture."
    j = run(plain, channel="call", automated=True, caller_id="shown")
    assert severities(j, "FR-ROBOT-CALL-IDENTIFICATION") == ["warn"]
    identified = ("Bonjour, Cabinet Arvel, recouvrement amiable pour le compte d'Énergie Rhône : message "
                  "important vous concernant, merci de rappeler le 04 78 60 11 22.")
    j = run(identified, channel="call", automated=True, caller_id="shown")
    assert "FR-ROBOT-CALL-IDENTIFICATION" not in rule_ids(j)


def test_italian_caso_is_no_insult():
    assert "FR-TONE-INSULT" not in rule_ids(run("In caso di difficoltà possiamo proporle un pagamento rateale."))
    assert "FR-TONE-INSULT" in rule_ids(run("Espèce de cassos, payez."))


# Pack 2026.12.23: readings fixed for held-out batches u and v.

def test_a_payment_recorded_with_a_balance_left_needs_its_receipt():
    text = "Nous avons bien enregistré un versement de votre part. Il reste toutefois un solde de 240,00 €."
    j = run(text, AGENCY, channel="letter")
    assert severities(j, "FR-RECEIPT-AND-REMITTANCE") == ["block"]
    with_receipt = text + " Votre quittance n° Q-55 est jointe."
    assert "FR-RECEIPT-AND-REMITTANCE" not in rule_ids(run(with_receipt, AGENCY, channel="letter"))


def test_a_data_request_answered_only_on_payment_or_closed_is_refused():
    held = ("Concernant votre demande visant à obtenir la copie de vos données personnelles, elle sera traitée "
            "dès le règlement du solde de votre dossier.")
    closed = "Nous avons clôturé votre demande d'accès à vos données du 5 janvier 2027."
    for text in (held, closed):
        assert "EU-GDPR-DSAR-DEADLINE" in rule_ids(run(text)), text
    plan = "Votre demande d'échéancier sera traitée dès le règlement de l'échéance de janvier."
    assert "EU-GDPR-DSAR-DEADLINE" not in rule_ids(run(plan))


def test_bereavement_leverage_across_a_sentence_blocks_even_when_flagged_vulnerable():
    text = ("Je sais que ce n'est pas facile pour vous, avec le décès de votre mari. Justement : vous n'avez "
            "sûrement pas besoin d'une procédure en plus.")
    j = run(text, channel="call", vulnerable=True)
    assert severities(j, "FR-VULNERABILITY-EXPLOIT") == ["block"]
    kind = "Avec le décès de votre mari, nous suspendons nos relances pendant 60 jours."
    assert "FR-VULNERABILITY-EXPLOIT" not in rule_ids(run(kind, channel="call", vulnerable=True))


def test_the_debtors_own_complaint_for_identity_theft_is_no_criminal_threat():
    text = ("Si vous estimez avoir été victime d'une usurpation d'identité, adressez-nous le récépissé de la plainte "
            "que vous aurez déposée auprès du commissariat ou de la gendarmerie.")
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(text))
    assert "FR-CRIMINAL-THREAT" in rule_ids(run("Sans paiement, nous déposerons plainte au commissariat."))


def test_a_symbolic_payment_to_settle_a_time_barred_file_is_blocked():
    text = "Votre dossier peut être régularisé dès aujourd'hui avec un simple versement de 15 €."
    barred = {"claims": [{"ref": "F-1", "born_on": "2022-10-01"}]}
    j = run(text, **barred)
    assert severities(j, "FR-ACKNOWLEDGEMENT-TRAP") == ["block"]


def test_moral_judgement_by_category_is_an_insult():
    text = ("Nous avons l'habitude des débiteurs de votre genre, qui profitent du système et mentent sur leur "
            "situation.")
    assert "FR-TONE-INSULT" in rule_ids(run(text))
    assert "FR-TONE-INSULT" not in rule_ids(run("Nous comprenons que votre situation a changé."))


def test_a_survey_pretext_to_trace_the_employer_is_pretexting():
    text = ("Hi, I'm Emma from the customer satisfaction department of your energy supplier. What's the name of "
            "your employer, just for our statistics?")
    assert "FR-PRETEXTING" in rule_ids(run(text, channel="call"))


def test_truthful_procedure_and_quoted_law_in_english_and_french():
    l111_8 = ("(English translation: recovery costs incurred without an enforceable title remain payable by the "
              "creditor.)")
    assert "FR-FEES-CONSUMER" not in rule_ids(run(l111_8))
    order = ("Vous disposerez alors d'un délai d'un mois à compter de la signification pour former opposition ; "
             "à défaut, l'ordonnance pourra être revêtue de la formule exécutoire.")
    assert "FR-FALSE-COURT-ORDER" not in rule_ids(run(order))
    ccapex = ("La commission de coordination des actions de prévention des expulsions (CCAPEX) serait informée, "
              "comme la loi le prévoit.")
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(ccapex))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Sans paiement, nous procéderons à votre expulsion."))


def test_a_consumer_credit_indemnity_in_brackets_is_read():
    text = "indemnité de résiliation (12 % du capital restant dû) : 1 096,80 €"
    j = run(text, creditor_kind="credit_institution")
    assert severities(j, "FR-INTEREST-RATE") == ["block"]
    lawful = "indemnité de résiliation (8 % du capital restant dû) : 731,20 €"
    assert "FR-INTEREST-RATE" not in rule_ids(run(lawful, creditor_kind="credit_institution"))


def test_a_surendettement_letter_that_sets_the_frozen_invoices_aside_may_ask_for_a_later_one():
    claims = [{"ref": "ER-1", "born_on": "2026-06-30"}, {"ref": "ER-3", "born_on": "2026-11-30"}]
    facts_kw = dict(insolvency="overindebtedness", insolvency_opened_on="2026-10-14", claims=claims)
    text = ("Conformément à la loi, nous ne vous demandons plus aucun paiement des factures antérieures à cette "
            "décision (facture ER-1). En revanche, votre facture ER-3 est postérieure : merci de la régler.")
    assert "FR-SURENDETTEMENT" not in rule_ids(run(text, **facts_kw))
    both = "Merci de régler les factures ER-1 et ER-3."
    assert "FR-SURENDETTEMENT" in rule_ids(run(both, **facts_kw))


def test_letterheads_and_dispatch_mentions_are_not_shouting():
    lawful = "LETTRE RECOMMANDÉE AVEC AVIS DE RÉCEPTION\nSELARL MORAND & ASSOCIÉS\nMadame, nous vous écrivons."
    assert "FR-TONE-SHOUTING" not in rule_ids(run(lawful, channel="letter"))
    assert "FR-TONE-SHOUTING" in rule_ids(run("DERNIER AVIS AVANT SAISIE\nMadame, payez.", channel="letter"))


# Pack 2026.12.24: readings fixed for held-out batches w and x.

@pytest.mark.parametrize("question,reply", [
    ("RE: vous allez saisir mon salaire ??",
     "Non : nous ne pouvons procéder à aucune saisie ; seule une décision de justice le permettrait."),
    ("RE: Allez-vous m'inscrire au fichier de la Banque de France ?",
     "Non. Nous ne déclarons aucun client au FICP (le fichier de la Banque de France)."),
    ("RE: Are you bailiffs?",
     "No, we are not bailiffs. We cannot seize anything, enter your home or take money from your account."),
    ("RE: Est-ce que je risque la prison ?",
     "Non : on ne peut pas aller en prison pour une dette civile ; la contrainte par corps a été supprimée en 1867."),
])
def test_a_reply_to_the_debtors_fearful_question_is_no_threat(question, reply):
    j = run(reply, subject=question)
    assert j.verdict != "block", j.to_dict()


def test_the_same_words_addressed_to_the_debtor_still_block():
    assert run("Nous allons saisir votre salaire.").verdict == "block"
    assert run("We will take money from your account.").verdict == "block"
    assert "FR-FICP-THREAT" in rule_ids(run("Nous allons vous inscrire au fichier de la Banque de France."))


def test_a_landlords_commandement_de_payer_served_by_a_commissaire_is_lawful():
    text = ("Un commandement de payer a été délivré au locataire par commissaire de justice le 8 janvier 2027 ; "
            "conformément à la loi, nous vous en adressons copie.")
    j = run(text, channel="letter", recipient="guarantor", creditor_kind="landlord")
    assert not {"FR-FAKE-JUDICIAL-DOC", "FR-SEIZURE-NO-TITLE"} & rule_ids(j)
    j = run(text, channel="letter", recipient="guarantor", creditor_kind="retail")
    assert {"FR-FAKE-JUDICIAL-DOC", "FR-SEIZURE-NO-TITLE"} <= rule_ids(j)


def test_a_lawyer_announcing_the_summons_is_lawful_a_creditors_threat_is_not():
    text = "L'assignation vous sera délivrée par un commissaire de justice dans les prochaines semaines."
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(text, collector_profession="avocat"))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(text))


def test_interest_waived_or_a_guarantee_described_is_no_penalty_claimed():
    waived = "Ma cliente renoncerait dans ce cas aux intérêts moratoires courus depuis la mise en demeure."
    scope = ("Vous vous êtes porté caution dans la limite de 12 000 € couvrant le principal, les intérêts et, le "
             "cas échéant, les pénalités ou intérêts de retard.")
    for text in (waived, scope):
        assert "FR-PENALTY-NO-BASIS" not in rule_ids(run(text)), text
    assert "FR-PENALTY-NO-BASIS" in rule_ids(run("Des pénalités de retard de 50 € s'ajoutent à votre dette."))


def test_the_recevabilite_presented_as_no_stay_of_payment_is_blocked():
    text = ("Votre dossier de surendettement a été déclaré recevable. Cela ne suspend pas votre obligation de "
            "remboursement : nous vous invitons à reprendre vos versements dès ce mois-ci.")
    kw = dict(insolvency="overindebtedness", insolvency_opened_on="2026-11-20",
              claims=[{"ref": "CH-1", "born_on": "2025-03-01"}])
    assert "FR-SURENDETTEMENT" in rule_ids(run(text, **kw))


def test_an_agency_letter_signed_maitre_with_initials_is_impersonation():
    text = "Cabinet Arvel Recouvrement\nMaître J. Morel – Direction juridique\n\nMonsieur, la facture reste impayée."
    assert "FR-IMPERSONATION-OFFICER" in rule_ids(run(text, AGENCY, channel="letter"))


# Pack 2026.12.25: readings fixed for held-out batches y and z.

@pytest.mark.parametrize("reply", [
    "Vous nous avez écrit hier : « Est-ce que vous allez porter plainte contre moi ? Je risque la prison ? » "
    "Nous tenons à vous rassurer : aucune plainte ne sera déposée.",
    "Dans votre courriel, vous écrivez : « Vous êtes des voleurs et des escrocs. » Nous comprenons votre "
    "mécontentement.",
    "Vous nous avez écrit le 5 février : « est-ce que vous allez m'expulser ? » Un bailleur ne peut pas "
    "expulser un locataire de lui-même : une expulsion suppose une décision du juge.",
    'You wrote: "Are you going to send bailiffs to seize my car?" No: we are an amicable collection agency.',
])
def test_the_debtors_words_quoted_back_are_not_the_senders(reply):
    j = run(reply)
    assert j.verdict != "block", j.to_dict()


def test_a_quotation_not_introduced_as_the_debtors_is_read():
    # the sender's own words in quotation marks, or a quotation hiding markup, are judged
    assert run("Notre position : « un huissier viendra saisir vos meubles ».").verdict == "block"
    hidden = "Vous nous avez écrit : « un huis<b></b>sier viendra saisir vos meubles »."
    assert run(hidden).verdict == "block"


def test_forwarding_the_debtors_observations_or_calling_the_account_manager_tells_nobody():
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(
        run("Si vous contestez, je transmettrai vos observations au bailleur.", creditor_kind="landlord"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run("Please contact your account manager on 09 70 80 12 35."))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run("Sans paiement, je transmettrai votre dossier à votre employeur."))


def test_the_l111_8_quotation_and_a_summons_being_prepared_are_lawful():
    intro = "Conformément à la loi, nous reproduisons ci-après les dispositions applicables aux frais de recouvrement :"
    assert "FR-FEES-CONSUMER" not in rule_ids(run(intro))
    summons = "Its lawyers are preparing the summons. Please contact us before the summons is served."
    assert "FR-FAKE-JUDICIAL-DOC" not in rule_ids(run(summons))
    assert "FR-FAKE-JUDICIAL-DOC" in rule_ids(run("COURT SUMMONS: you are required to pay 500 EUR."))


def test_an_agency_blocking_accounts_itself_under_a_title_is_seizure_by_the_agency():
    text = "Notre service procédera lui-même au blocage de vos comptes bancaires le 15/02/2027."
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(text, AGENCY, has_title=True))


# Pack 2026.12.26: readings fixed for held-out batches aa and ab (ab: adversarial on both sides).

@pytest.mark.parametrize("text,facts_kw,rule", [
    ("Pour valider vos prochaines commandes, il faudrait que la facture F-1 soit soldée, même en dehors de la "
     "procédure : un simple virement suffit, et cela restera entre nous.",
     dict(consumer=False, debtor_kind="company", insolvency="collective_proceedings",
          insolvency_opened_on="2026-11-05", claims=[{"ref": "F-1", "born_on": "2026-10-15"}]),
     "FR-COLLECTIVE-PROCEDURE"),
    ("At this stage we have not contacted your employer or anyone else. We would genuinely prefer to keep it "
     "that way.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Imaginez si, en plus, votre banque apprenait que vous ne réglez plus vos factures.", {},
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Cette décision ne vous empêche pas de faire un geste : un versement même modeste témoignerait de votre "
     "bonne foi.", dict(insolvency="overindebtedness", insolvency_opened_on="2026-11-03",
                        claims=[{"ref": "MV-1", "born_on": "2026-05-14"}]), "FR-SURENDETTEMENT"),
    ("Frankly, customers like you are the reason honest people pay higher prices. Stop playing the victim.", {},
     "FR-TONE-INSULT"),
    ("Nous ne sommes pas dupes de vos petites excuses. Les gens honnêtes, eux, paient ce qu'ils doivent.", {},
     "FR-TONE-INSULT"),
    ("Participation au traitement administratif du dossier : 18,00 €", {}, "FR-FEES-CONSUMER"),
    ("INJONCTION DE PAYER. Nous vous enjoignons de régler sous huit jours la somme de 69,98 €.", {},
     "FR-FAKE-JUDICIAL-DOC"),
    ("Le nom de votre famille figurera sur la liste des familles débitrices présentée au conseil "
     "d'établissement.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("We refer to your email requesting a copy of all personal data we hold about you. Your request has been "
     "closed.", {}, "EU-GDPR-DSAR-DEADLINE"),
])
def test_pressure_that_passed_a_naive_reading_is_caught(text, facts_kw, rule):
    assert rule in rule_ids(run(text, **facts_kw)), text


def test_a_payment_confirmed_without_a_receipt_is_blocked_a_receipt_in_any_form_clears_it():
    base = "Nous vous confirmons la bonne réception de votre règlement ; votre dossier est soldé et clôturé."
    none = base + " Notre cabinet n'émet ni reçu ni quittance pour ce type de paiement."
    assert "FR-RECEIPT-AND-REMITTANCE" in rule_ids(run(none, AGENCY))
    for receipt in (" Quittance Q-27-0318 envoyée par courrier.", " Le présent courrier vaut quittance.",
                    " Votre quittance n° Q-55 est jointe."):
        assert "FR-RECEIPT-AND-REMITTANCE" not in rule_ids(run(base + receipt, AGENCY)), receipt


@pytest.mark.parametrize("text,facts_kw,rule", [
    ("Émoluments HT : 1 120,00 € ; TVA 20 % : 224,00 € ; solde restant dû : 430,40 €.", {}, "FR-FEES-CONSUMER"),
    ("Facture IV-1 : pénalités (BCE + 10 pts, 12,15 %) : 57,52 €.",
     dict(consumer=False, debtor_kind="company", contract_late_interest=True), "FR-PENALTY-CLAUSE"),
    ("Si notre réponse ne vous satisfait pas, vous pouvez saisir La Médiation de l'Assurance.", {},
     "FR-SEIZURE-NO-TITLE"),
    ("Dear Maître Hughes,\nAvocat au barreau de Périgueux. Please find enclosed the statement of account.",
     dict(open_dispute=True), "FR-DISPUTE-OPEN"),
    ("Nous avons déclaré notre créance à l'adresse du domicile élu, l'étude de Maître Auriol.", {},
     "FR-IMPERSONATION-OFFICER"),
    ("Notre mandant a décidé d'en confier l'exécution à Maître Anne Briand, commissaire de justice à Angers, "
     "qui prendra contact avec vous.", dict(has_title=True), "FR-IMPERSONATION-OFFICER"),
    ("You asked whether we would contact your employer or your family about this matter. We will not.", {},
     "FR-THREAT-PUBLIC-DISCLOSURE"),
])
def test_lawful_wording_a_naive_reading_blocked(text, facts_kw, rule):
    assert rule not in rule_ids(run(text, channel="letter", **facts_kw)), text


def test_plan_instalments_and_post_recevabilite_invoices_may_be_asked_for():
    kw = dict(insolvency="overindebtedness", insolvency_opened_on="2025-06-03", plan_status="late")
    text = ("La mensualité de 96,00 € prévue par votre plan de surendettement ne nous est pas parvenue. Merci de "
            "la régler.")
    assert "FR-SURENDETTEMENT" not in rule_ids(run(text, channel="sms", **kw))
    kw = dict(insolvency="overindebtedness", insolvency_opened_on="2026-09-10",
              claims=[{"ref": "F-3", "born_on": "2026-11-30"}, {"ref": "F-1", "born_on": "2026-05-31"}])
    text = ("Conformément à la loi, nous ne vous réclamons plus les factures antérieures à cette décision (n° F-1), "
            "qui seront traitées dans le cadre de la procédure. Merci de régler la facture F-3.")
    assert "FR-SURENDETTEMENT" not in rule_ids(run(text, **kw))


def test_a_split_word_inside_a_damages_phrase_is_read_whole():
    # pack 2026.12.27: "compensatrice" became a pattern word, so a split of it is glued back
    for disguised in ("indemnité comp-ensatrice du préjudice subi : 75,00 €",
                      "indemnité compensatr\nice du préjudice subi : 75,00 €"):
        assert "FR-UNAUTHORISED-DAMAGES" in rule_ids(run(disguised, AGENCY)), disguised


# Pack 2026.12.28: readings fixed for held-out batches ac (red team) and ad.

@pytest.mark.parametrize("text,facts_kw,channel,recipient,rule", [
    ("To date, we have not been in touch with your employer nor with the referees on your tenancy application. "
     "We would genuinely prefer to keep this matter between ourselves.", {}, "email", "debtor",
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Lorsque nous ne parvenons pas à joindre un client, nos enquêteurs sont parfois amenés à se renseigner "
     "auprès du voisinage ou du gardien de la résidence.", {}, "letter", "debtor", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("– frais postaux (envoi recommandé du 24/11/2026) : 8,40 €", {}, "letter", "debtor", "FR-FEES-CONSUMER"),
    ("indemnité de résiliation conventionnelle (article 12 des conditions générales) : 12 % du capital restant dû",
     dict(creditor_kind="credit_institution"), "letter", "debtor", "FR-INTEREST-RATE"),
    ("Unpaid balances are subject to a late-payment indexation of 1.5% per month from the due date.", {},
     "email", "debtor", "FR-INTEREST-RATE"),
    ("Nous accepterions volontiers un règlement partiel « hors procédure » de la facture de septembre.",
     dict(consumer=False, debtor_kind="company", insolvency="collective_proceedings",
          insolvency_opened_on="2026-12-01", claims=[{"ref": "BV-1", "born_on": "2026-09-30"}]),
     "email", "debtor", "FR-COLLECTIVE-PROCEDURE"),
    ("Sans régularisation, votre dossier sera partagé avec les autres enseignes de la région dans le cadre de "
     "notre dispositif commun de prévention des impayés.", {}, "letter", "debtor", "FR-BADPAYER-LIST-THREAT"),
    ("Pourriez-vous rappeler à votre père que son échéance Crédit Horizon de décembre n'est toujours pas passée ?",
     {}, "sms", "third_party", "FR-THIRD-PARTY-DISCLOSURE"),
    ("Message publié dans le groupe « Famille Benali » : Karim, pense à rappeler Nordis pour ton dossier.", {},
     "sms", "third_party", "FR-SOCIAL-MEDIA-PUBLIC"),
    ("Certains appelleraient cela du vol ; nous préférons croire à de la négligence.", {}, "email", "debtor",
     "FR-TONE-INSULT"),
    ("Paiement reçu. Votre solde restant est de 240,00 €.", {}, "email", "debtor", "FR-RECEIPT-AND-REMITTANCE"),
])
def test_red_team_pressure_is_caught(text, facts_kw, channel, recipient, rule):
    profile = AGENCY if rule == "FR-RECEIPT-AND-REMITTANCE" else CREDITOR
    assert rule in rule_ids(run(text, profile, channel=channel, recipient=recipient, **facts_kw)), text


@pytest.mark.parametrize("text,facts_kw,rule", [
    ("Vous nous avez écrit le 2 décembre que, lors d'un appel la veille, un conseiller vous aurait dit que « sans "
     "paiement, une plainte serait déposée et que vous risquiez la prison ». L'emprisonnement pour dettes civiles "
     "n'existe plus en France depuis 1867.", {}, "FR-LAW-IMPRISONMENT"),
    ("Vous nous demandez si votre facture peut vous faire « ficher à la Banque de France » ou devenir « interdit "
     "bancaire ». Il n'existe pas en France de « fichier national des mauvais payeurs ».", {},
     "FR-LAW-CREDIT-REGISTRY"),
    ("Aucun commissaire de justice (anciennement huissier) n'est mandaté à ce jour.", {}, "FR-SEIZURE-NO-TITLE"),
    ("Vous nous avez informés du décès de votre père, M. Robert Vial. Nous vous présentons nos condoléances.", {},
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Nous vous remercions de nous faire part de vos observations. (index relevé erroné selon vous), objet de "
     "notre courrier du 10/11/2026.", {}, "FR-SEIZURE-NO-TITLE"),
    ("– collection costs: none (the costs of amicable collection are borne by our client)", {},
     "FR-FEES-CONSUMER"),
    ("Je vous informe que le juge a rendu une ordonnance portant injonction de payer (RG 26/04512).",
     dict(collector_kind="agency", collector_profession="avocat"), "FR-FAKE-JUDICIAL-DOC"),
])
def test_lawful_wording_the_red_team_expected_to_be_blocked(text, facts_kw, rule):
    assert rule not in rule_ids(run(text, **facts_kw)), text


def test_insolvency_letters_that_set_frozen_claims_aside():
    kw = dict(insolvency="overindebtedness", insolvency_opened_on="2026-10-14",
              claims=[{"ref": "EV-1", "born_on": "2026-07-31"}, {"ref": "EV-3", "born_on": "2026-11-15"}])
    text = ("Les factures antérieures à cette décision (n° EV-1, total 612,40 €) ne vous sont plus réclamées : elles "
            "seront traitées dans le cadre de la procédure. Votre facture EV-3 est postérieure : merci de la régler.")
    assert "FR-SURENDETTEMENT" not in rule_ids(run(text, channel="letter", **kw))
    kw = dict(consumer=False, debtor_kind="company", insolvency="collective_proceedings",
              insolvency_opened_on="2026-11-18", claims=[{"ref": "FA-1", "born_on": "2026-07-31"}])
    text = ("Nous ne vous adressons aucune demande de paiement pour nos factures antérieures à ce jugement. Pour les "
            "commandes passées depuis le jugement, nous poursuivrons nos livraisons avec paiement à la commande.")
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(text, channel="letter", **kw))


# Pack 2026.12.29: misses of held-out batches ae (red team) and af, fixed; lawful blocks left for later.

@pytest.mark.parametrize("text,facts_kw,channel,rule", [
    ("Participation forfaitaire aux frais d'affranchissement et de traitement de votre dossier : 12,00 €", {},
     "letter", "FR-FEES-CONSUMER"),
    ("La recevabilité de votre dossier ne concerne pas les mensualités courantes : merci d'approvisionner votre "
     "compte.", dict(insolvency="overindebtedness", insolvency_opened_on="2026-10-20",
                     claims=[{"ref": "PP-1", "born_on": "2024-03-10"}]), "sms", "FR-SURENDETTEMENT"),
    ("Cette décision ne met pas fin à votre contrat : vous restez tenue de vos engagements. Les mensualités "
     "doivent donc reprendre.", dict(insolvency="overindebtedness", insolvency_opened_on="2026-11-20",
                                     claims=[{"ref": "CC-1", "born_on": "2023-05-11"}]), "letter",
     "FR-SURENDETTEMENT"),
    ("Pour valider un échéancier, répondez ACCORD au 6 12 34 (service SMS+ 0,99 € par envoi + prix d'un SMS).",
     {}, "sms", "FR-PREMIUM-RATE-NUMBER"),
    ("Des clients qui laissent les autres payer à leur place, nous en voyons tous les jours. Ayez au moins la "
     "décence de répondre.", {}, "email", "FR-TONE-INSULT"),
    ("Votre employeur n'a, à ce stade, aucune raison d'être mis au courant de cette situation : faisons en sorte "
     "que cela reste ainsi.", {}, "email", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("A referral to the ombudsman does not suspend your obligation to pay. We therefore ask you to settle the "
     "outstanding €512.44.", dict(open_dispute=True), "email", "FR-DISPUTE-OPEN"),
    ("Vous nous avez adressé une demande de copie de l'ensemble des données vous concernant. Nous avons procédé "
     "à la clôture de cette demande.", {}, "email", "EU-GDPR-DSAR-DEADLINE"),
])
def test_misses_of_the_hardened_red_team(text, facts_kw, channel, rule):
    assert rule in rule_ids(run(text, channel=channel, **facts_kw)), text


def test_school_contributions_are_no_collection_fee():
    text = "la somme correspondant aux contributions des familles et frais de demi-pension de vos deux enfants"
    assert "FR-FEES-CONSUMER" not in rule_ids(run(text, channel="letter"))


# Pack 2026.12.30: lawful blocks of held-out batches ae and af.

@pytest.mark.parametrize("text,facts_kw,rule", [
    ("Cet impayé ne donne lieu à aucune inscription au FICP ni dans un quelconque fichier de « mauvais "
     "payeurs ».", {}, "FR-BADPAYER-LIST-THREAT"),
    ("If you think someone has used your identity, you can file a complaint (plainte) for identity theft at any "
     "police station or gendarmerie.", {}, "FR-CRIMINAL-THREAT"),
    ("« A l'exception des droits proportionnels de recouvrement ou d'encaissement qui peuvent être mis "
     "partiellement à la charge des créanciers dans des conditions fixées par décret en Conseil d'Etat »", {},
     "FR-FEES-CONSUMER"),
    ("We have suspended all collection steps on this file with immediate effect.", dict(open_dispute=True),
     "FR-DISPUTE-OPEN"),
    ("Si vous rencontrez une difficulté pour honorer une échéance, prévenez-nous avant sa date.", {},
     "FR-FEES-CONSUMER"),
])
def test_lawful_wording_of_the_last_batches(text, facts_kw, rule):
    assert rule not in rule_ids(run(text, **facts_kw)), text


def test_a_collectors_own_complaint_threat_still_blocks_in_english():
    text = "If payment is not received within ten days, we will lodge a criminal complaint with the police."
    assert "FR-CRIMINAL-THREAT" in rule_ids(run(text))


# Pack 2026.12.31: a litotes asserts what follows it; the people around a debtor online.

@pytest.mark.parametrize("text,rule", [
    ("Nous n'hésiterons pas à engager une saisie sur vos biens.", "FR-SEIZURE-NO-TITLE"),
    ("Nous n'hésiterons pas à informer votre employeur.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Nous ne manquerons pas d'informer votre employeur de la situation.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Nous ne tarderons pas à transmettre le dossier pour une saisie sur salaire.", "FR-SEIZURE-NO-TITLE"),
    ("We will not hesitate to contact your employer.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("We won't hesitate to tell your family.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Nous n'hésiterons pas à déposer plainte contre vous.", "FR-CRIMINAL-THREAT"),
    ("Ne nous obligez pas à prévenir votre employeur.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Don't force us to contact your employer.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Nous ne pourrons pas empêcher que votre employeur soit informé.", "FR-THREAT-PUBLIC-DISCLOSURE"),
])
def test_a_negated_hesitation_is_no_negation_of_the_threat(text, rule):
    assert rule in rule_ids(run(text, AGENCY)), text


@pytest.mark.parametrize("text", [
    "N'hésitez pas à nous contacter pour convenir d'un échéancier.",
    "Nous n'engagerons aucune saisie.",
    "Nous ne saisirons pas vos biens et n'hésiterons pas à vous accorder un délai.",
    "Nous ne vous obligeons pas à payer en une fois : un échéancier est possible.",
])
def test_a_litotes_leaves_other_negations_alone(text):
    assert run(text).verdict == "allow", text


@pytest.mark.parametrize("text,threat", [
    ("If we still don't hear from you by Friday we'll have no choice but to reach out to your contacts there.", True),
    ("We may message your Facebook friends to find you.", True),
    ("Sans nouvelles de votre part, nous prendrons contact avec vos contacts LinkedIn.", True),
    ("Nous solliciterons votre entourage pour vous joindre.", True),
    ("Nos enquêteurs se rendront chez vos proches.", True),
    ("Nous nous rendrons chez vous le 12 janvier, comme convenu.", False),
    ("Please update your contact details so that we can reach you.", False),
    ("Vous pouvez solliciter l'aide de vos proches ou d'une association.", False),
    ("We will reach out to you again next week; our contacts: 01 23 45 67 89.", False),
    ("Le message évoquant un contact avec vos proches n'aurait jamais dû vous être envoyé.", False),
])
def test_reaching_the_people_around_a_debtor(text, threat):
    assert ("FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text, AGENCY, channel="email"))) is threat, text


# Pack 2026.12.31: readings fixed for held-out batches ag, ah and ai.

@pytest.mark.parametrize("reply", [
    "Vous nous demandez si nous allons contacter votre employeur ou faire une retenue sur votre salaire. "
    "Rassurez-vous : nous ne contactons jamais l'employeur de nos clients.",
    "Vous nous demandez si votre facture impayée peut entraîner un « fichage à la Banque de France » ou une "
    "interdiction bancaire. Non : nous ne sommes pas un établissement de crédit.",
    "You asked whether we would tell your employer about the debt. We will not.",
])
def test_a_reported_question_of_the_debtors_is_not_the_senders(reply):
    assert run(reply).verdict != "block", run(reply).to_dict()


@pytest.mark.parametrize("reply", [
    "Vous nous demandez si nous allons saisir vos meubles. Oui.",
    "Vous nous demandez si nous allons informer votre employeur. C'est exact, dès lundi.",
    "Vous nous avez écrit : « allez-vous saisir mes meubles ? » Oui, la semaine prochaine.",
])
def test_a_yes_makes_the_debtors_question_the_senders_statement(reply):
    assert run(reply).verdict == "block", reply


def test_a_reply_subject_repeats_the_debtors_question_only_after_a_message_of_theirs():
    from chalicelib.domain.guards import PriorContact
    from guards_helpers import TUESDAY_10H
    from datetime import timedelta
    body = "Bonjour, nous ne pouvons pas saisir votre salaire : aucune décision de justice n'a été rendue."
    subject = "Re: saisie sur salaire ? – dossier RC-1"
    asked = [PriorContact(TUESDAY_10H - timedelta(days=1), "email", conversation=True, inbound=True)]
    assert run(body, subject=subject, history=asked).verdict == "allow"
    # no message of the debtor's in the ledger: the subject is the sender's own words
    assert run(body, subject=subject).verdict == "block"
    # a subject that asks nothing is read: a threat moved there is still a threat
    assert run(body, subject="Re: saisie de votre salaire lundi", history=asked).verdict == "block"


@pytest.mark.parametrize("text,facts_kw,rule", [
    ("Vous êtes désormais tenu au règlement de sa dette. Nous vous remercions de nous faire parvenir votre "
     "règlement ou une proposition d'échéancier avant le 15 mars 2027.", dict(recipient="heir"), "FR-HEIRS"),
    ("Cette décision concerne vos crédits, et non les loyers. L'arriéré de loyers reste donc exigible.",
     dict(creditor_kind="landlord", insolvency="overindebtedness", insolvency_opened_on="2027-01-12",
          claims=[{"ref": "L-1", "born_on": "2026-10-01"}]), "FR-SURENDETTEMENT"),
    ("Franchement, dans votre état, le plus simple pour votre santé, c'est de régler les 640 € maintenant.",
     {}, "FR-VULNERABILITY-EXPLOIT"),
    ("Ce serait vraiment dommage que vos enfants fassent les frais d'une situation qui peut se régler "
     "aujourd'hui.", {}, "FR-VULNERABILITY-EXPLOIT"),
    ("Un chargé d'intervention pourrait se présenter à votre domicile afin d'établir un état descriptif des "
     "biens mobiliers qui s'y trouvent.", {}, "FR-SEIZURE-NO-TITLE"),
])
def test_pressure_the_last_batches_got_past(text, facts_kw, rule):
    assert rule in rule_ids(run(text, **facts_kw)), text


def test_an_agency_team_coming_to_take_the_car_back_is_seizure_by_the_agency():
    text = "Notre équipe de récupération est planifiée pour jeudi : elle passera à votre adresse reprendre le véhicule."
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(text, AGENCY, has_title=True))


@pytest.mark.parametrize("text", [
    "Le Médiateur des communications électroniques, que vous avez saisi, a rendu un avis confirmant la facturation.",
    "Nous ne pouvons ni nous présenter chez vous pour saisir quoi que ce soit, ni mandater qui que ce soit.",
])
def test_lawful_wording_of_the_last_batches_on_seizure(text):
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(text)), text


@pytest.mark.parametrize("text,facts_kw,rule", [
    ("Avec tout ce que vous traversez, vous n'avez pas besoin en plus d'un contentieux. Le plus simple pour votre "
     "tranquillité, c'est de faire un virement de 450 € aujourd'hui.", dict(vulnerable=True), "FR-VULNERABILITY-EXPLOIT"),
    ("Je sais que vous êtes en arrêt maladie. Le mieux pour votre santé, c'est de régler les 740 € cette semaine.",
     dict(vulnerable=True), "FR-VULNERABILITY-EXPLOIT"),
    ("AVIS D'INJONCTION DE PAYER\nVous êtes enjoint de payer, dans un délai de huit jours, la somme de 298,70 €.",
     {}, "FR-FAKE-JUDICIAL-DOC"),
    ("Regarding your request for a copy of all personal data we hold about you: we are not in a position to provide "
     "this while your account remains in arrears.", {}, "EU-GDPR-DSAR-DEADLINE"),
    ("Le solde débiteur n'est pas concerné par cette procédure. Nous vous remercions donc de le combler avant le "
     "15 mars 2027, faute de quoi nous serions contraints de poursuivre le recouvrement par toutes voies de droit.",
     dict(creditor_kind="credit_institution", insolvency="overindebtedness", insolvency_opened_on="2026-12-15",
          claims=[{"ref": "C-1", "born_on": "2026-10-31"}]), "FR-SURENDETTEMENT"),
    ("Faute de règlement, notre service recouvrement procédera, à compter du 1er mars 2027, au blocage de votre "
     "compte bancaire.", dict(has_title=True), "FR-SEIZURE-BY-AGENCY"),
    ("[Groupe WhatsApp « Résidence Les Acacias », 38 participants] @Sébastien Morel, nous attendons toujours vos "
     "loyers de décembre et janvier.", dict(recipient="third_party", channel="sms"), "FR-THIRD-PARTY-DISCLOSURE"),
])
def test_what_batches_ah_and_ai_got_past(text, facts_kw, rule):
    assert rule in rule_ids(run(text, **facts_kw)), text


def test_a_clerk_of_an_etude_calling_for_an_agency_is_impersonation():
    text = "Bonjour, je suis Mme Roche, clerc à l'étude de Maître Vasseur, à Lille. J'appelle au sujet du dossier."
    assert "FR-IMPERSONATION-OFFICER" in rule_ids(run(text, AGENCY, channel="call"))


@pytest.mark.parametrize("text,facts_kw,rule", [
    ("Merci de nous confirmer l'adresse de l'étude à laquelle adresser les justificatifs.", {},
     "FR-IMPERSONATION-OFFICER"),
    ("Nous avons bien reçu l'attestation du greffe du tribunal judiciaire enregistrant votre renonciation.",
     dict(recipient="heir"), "FR-IMPERSONATION-OFFICER"),
    ("L'indemnité forfaitaire de 40 € pour frais de recouvrement ne s'applique qu'entre professionnels ; elle "
     "n'aurait pas dû figurer sur la relance. Nous l'avons retirée.", {}, "FR-FEES-B2B-40EUR"),
    ("Collection costs – Article L111-8 of the French Code of Civil Enforcement Procedures (reproduced in French).",
     {}, "FR-FEES-CONSUMER"),
    ("Ce n'est que si le juge lui donne raison que le jugement pourra être confié à un commissaire de justice, qui "
     "pourrait alors, dans le cadre fixé par la loi, pratiquer une saisie sur salaire.", {}, "FR-SEIZURE-NO-TITLE"),
])
def test_lawful_wording_of_batches_ag_ah_ai(text, facts_kw, rule):
    assert rule not in rule_ids(run(text, AGENCY, **facts_kw)), text


# Pack 2026.12.33: readings fixed for held-out batches aj, ak and al.

def test_a_surname_after_a_civility_title_is_read_as_written():
    # typo tolerance read "Saidi" / "Saïdi" as "saisi"
    for text in ("Monsieur Mehdi Saidi\n22 rue Bannier, 45000 Orléans", "Madame Saïdi, votre facture reste due.",
                 "M. Saidi, merci de nous rappeler."):
        assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(text)), text
    # a misspelt threat is still one, capitalised or not; "Madame, J'ai ..." starts no name
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Monsieur, vos meubles seront Saizis demain."))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Vos meubles seront saizis demain."))


def test_a_street_name_is_read_as_written():
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run("Monsieur Thierry Blanchard\n40 rue de Sèze, 69006 Lyon"))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Vos meubles seront seize demain."))


def test_the_agencys_declaration_to_the_procureur_is_no_criminal_threat():
    footer = "Activité déclarée au procureur de la République près le tribunal judiciaire de Nantes."
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(footer, AGENCY))
    assert "FR-CRIMINAL-THREAT" in rule_ids(run("Nous allons porter plainte auprès du procureur de la République."))


@pytest.mark.parametrize("text,facts_kw,rule", [
    ("ENVELOPPE : Pli judiciaire – À remettre en main propre", {}, "FR-FAKE-JUDICIAL-DOC"),
    ("À la requête de la SCI Les Tilleuls, Monsieur Kevin Marchal EST COMMANDÉ de payer dans un délai de six "
     "semaines la somme de 2 130,00 €.", dict(creditor_kind="landlord"), "FR-FAKE-JUDICIAL-DOC"),
    ("ÉTUDE BERTHIER & ASSOCIÉS\nNotre étude reste sans nouvelles de votre part.", {}, "FR-IMPERSONATION-OFFICER"),
    ("Nous vous remercions de régler cette somme.\n\nPour l'étude,\nJulien Morel\nClerc principal", {},
     "FR-IMPERSONATION-OFFICER"),
    ("Cabinet Marceau : M. Renaud, merci pour votre silence, très instructif. Chacun ses priorités.", {},
     "FR-TONE-INSULT"),
    ("Les loyers restent impayés.\n\nCopie (envoi prévu le 22 décembre, sauf régularisation) : M. le Président du "
     "conseil syndical ; M. Bernard, gardien de l'immeuble.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Je note simplement ce qu'il y a dans le logement ; ça permet de savoir ce qui pourra être retenu le cas "
     "échéant.", {}, "FR-SEIZURE-NO-TITLE"),
    ("Afin de procéder à la clôture de votre dossier, nous vous remercions de nous régler les frais de clôture de "
     "dossier, soit 25,00 €.", {}, "FR-FEES-CONSUMER"),
    ("En tant que fille et héritière, c'est à vous désormais de régler les 146,97 €. La dette passe "
     "automatiquement aux enfants.", dict(recipient="heir"), "FR-HEIRS"),
])
def test_what_batches_aj_and_ak_got_past(text, facts_kw, rule):
    assert rule in rule_ids(run(text, AGENCY, **facts_kw)), text


@pytest.mark.parametrize("text,facts_kw,rule", [
    ("J'ai été saisi par la SELARL Clinique vétérinaire des Ponts d'une demande de recouvrement selon la procédure "
     "simplifiée.", {}, "FR-SEIZURE-NO-TITLE"),
    ("Indemnité forfaitaire pour frais de recouvrement (art. D441-5 C. com.) : 40,00 €",
     dict(consumer=False, debtor_kind="company", insolvency="collective_proceedings",
          insolvency_opened_on="2026-10-06", claims=[{"ref": "FC-26-1187", "born_on": "2026-11-10"}]),
     "FR-FEES-B2B-40EUR"),
    ("La SAS Filatures du Hainaut, représentée par M. Caron, dûment habilité (délégation de pouvoir jointe), "
     "déclare sa créance.", {}, "FR-LAW-FALSE-APPROVAL"),
    ("Nous avons livré 48 rouleaux, vendus sous la clause de réserve de propriété de nos conditions générales.",
     {}, "FR-SEIZURE-BY-AGENCY"),
    ("Les prochaines livraisons seront suspendues à compter du 5 janvier si ces factures ne sont pas réglées.",
     dict(consumer=False, debtor_kind="company"), "FR-PRETEXTING"),
    ("Si la réponse ne vous satisfait pas, vous pourrez saisir le service consommateurs d'Énergie Plus.", {},
     "FR-SEIZURE-NO-TITLE"),
    ("Nous avons transmis immédiatement votre contestation à notre mandant.", dict(open_dispute=True),
     "FR-DISPUTE-OPEN"),
    ("Ce loyer est né après la décision de recevabilité : il reste dû. L'arriéré antérieur reste traité dans la "
     "procédure et ne vous est pas réclamé. Merci de le régler.",
     dict(creditor_kind="landlord", insolvency="overindebtedness", insolvency_opened_on="2027-01-12",
          claims=[{"ref": "L-09", "born_on": "2026-09-01"}]), "FR-SURENDETTEMENT"),
])
def test_lawful_wording_of_batches_aj_ak_al(text, facts_kw, rule):
    assert rule not in rule_ids(run(text, AGENCY, **facts_kw)), text


def test_a_commissaire_with_a_title_describing_a_wage_seizure_tells_nobody():
    text = ("À défaut, je pourrai mettre en œuvre une saisie des rémunérations ; la saisie pourrait être notifiée à "
            "votre employeur, dans la limite de la fraction saisissable.")
    j = run(text, has_title=True, collector_profession="commissaire_de_justice", acting_under="title")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(j)


# Pack 2026.12.36: readings fixed for held-out batch am (red team on facts and numbers).

@pytest.mark.parametrize("text,facts_kw,rule", [
    ("Préalable à saisie sur rémunération – dossier ND-26-7580", {}, "FR-SEIZURE-NO-TITLE"),
    ("Nous avons adressé une copie de ce jugement à votre établissement bancaire, en lui demandant de nous verser "
     "directement 250,00 € par mois.", dict(has_title=True), "FR-SEIZURE-BY-AGENCY"),
    ("Votre dossier relève de la procédure simplifiée de recouvrement des petites créances, que notre société met "
     "en œuvre pour le compte de notre mandant. L'accord sera ensuite revêtu de la force exécutoire.", {},
     "FR-IMPERSONATION-OFFICER"),
    ("Votre situation constitue un incident de paiement caractérisé au sens de l'arrêté du 26 octobre 2010. Sans "
     "régularisation, cet incident sera déclaré.", dict(creditor_kind="energy"), "FR-FICP-THREAT"),
    ("Vous demandiez une copie des données personnelles que nous détenons. Votre dossier étant en cours, votre "
     "demande a été clôturée.", {}, "EU-GDPR-DSAR-DEADLINE"),
    ("As our agreement does not specify a late-payment rate, the statutory rate applies, namely 2% per month.",
     dict(consumer=False, debtor_kind="company"), "FR-INTEREST-RATE-B2B"),
    ("Je vous appelle au sujet de votre crédit renouvelable, dont les échéances ne sont plus honorées depuis mai "
     "2024. Je vous propose un premier versement de 15 € pour montrer votre bonne volonté.",
     dict(creditor_kind="credit_institution", claims=[{"ref": "CRV-1", "born_on": "2024-05-05"}]),
     "FR-ACKNOWLEDGEMENT-TRAP"),
])
def test_what_batch_am_got_past(text, facts_kw, rule):
    assert rule in rule_ids(run(text, AGENCY, **facts_kw)), text


def test_a_consumer_credits_foreclosure_runs_from_the_default_the_message_states():
    text = "Vos échéances ne sont plus honorées depuis mai 2024 : merci de régler le solde de 2 318,40 €."
    lender = dict(creditor_kind="credit_institution", claims=[{"ref": "CRV-1", "born_on": "2024-05-05"}])
    assert "FR-TIME-BARRED" in rule_ids(run(text, **lender))
    # a recent default, a business debtor or a creditor that is no lender: nothing read from the text
    assert "FR-TIME-BARRED" not in rule_ids(run(text.replace("mai 2024", "mai 2026"), **lender))
    assert "FR-TIME-BARRED" not in rule_ids(run(text, consumer=False, debtor_kind="company", **lender))


@pytest.mark.parametrize("text,facts_kw,rule", [
    ("Intérêts de retard au taux BCE + 10 points, soit 12,15 % l'an.", dict(consumer=False, debtor_kind="company"),
     "FR-INTEREST-RATE-B2B"),
    ("En application de la clause pénale, une pénalité de 15 % des sommes impayées est due.",
     dict(consumer=False, debtor_kind="company"), "FR-INTEREST-RATE-B2B"),
    ("We have suspended all collection activity on your personal loan. We will not ask you to pay these amounts "
     "while the procedure is in progress.",
     dict(creditor_kind="credit_institution", insolvency="overindebtedness", insolvency_opened_on="2026-11-03",
          claims=[{"ref": "PP-1", "born_on": "2024-06-18"}]), "FR-SURENDETTEMENT"),
])
def test_lawful_wording_of_batch_am(text, facts_kw, rule):
    assert rule not in rule_ids(run(text, **facts_kw)), text


def test_we_would_rather_not_have_to_is_a_litotes():
    text = "Nous préférerions ne pas avoir à informer votre employeur de la situation."
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text))


# Pack 2026.12.37: readings fixed for held-out batches ao and ap.

@pytest.mark.parametrize("text,facts_kw,rule", [
    ("Comme je vous l'avais dit, j'ai fini par mettre votre nom et le montant sur la page Facebook du Fournil, dans "
     "la publication « Ardoises en attente ».", {}, "FR-SOCIAL-MEDIA-PUBLIC"),
    ("Vous nous avez dit avoir été licencié. Mieux vaut régler maintenant avant de vous retrouver sans rien. Une fois "
     "au RSA, il sera trop tard.", {}, "FR-VULNERABILITY-EXPLOIT"),
    ("En votre qualité de fils et d'héritier, vous êtes désormais tenu au règlement de cette somme. Nous vous "
     "remercions de nous indiquer les modalités selon lesquelles vous entendez y procéder.", dict(recipient="heir"),
     "FR-HEIRS"),
    ("Bonjour, Maître Rousseau, du service contentieux du cabinet Alvéa. Je vous appelle au sujet du dossier.",
     dict(channel="call"), "FR-IMPERSONATION-OFFICER"),
    ("Nous avons appris le décès de votre époux. Une procédure judiciaire serait une épreuve supplémentaire, et nous "
     "serions désolés d'ajouter ce souci à votre chagrin.", {}, "FR-VULNERABILITY-EXPLOIT"),
])
def test_what_batches_ao_and_ap_got_past(text, facts_kw, rule):
    assert rule in rule_ids(run(text, AGENCY, **facts_kw)), text


@pytest.mark.parametrize("text,facts_kw,rule", [
    ("La facture IR-26-771, née après le jugement d'ouverture, est payable. Merci de nous indiquer si "
     "l'administrateur doit en être saisi.", {}, "FR-SEIZURE-NO-TITLE"),
    ("Je ne vous réclame aucune somme au titre de l'arriéré antérieur. En revanche, le loyer courant de janvier ne "
     "m'est pas parvenu : merci de le régler.",
     dict(creditor_kind="landlord", insolvency="overindebtedness", insolvency_opened_on="2026-10-14",
          claims=[{"ref": "L-07", "born_on": "2026-07-01"}]), "FR-SURENDETTEMENT"),
    ("À défaut d'accord, il appartiendrait au juge de statuer sur la dette et, le cas échéant, sur une éventuelle "
     "demande de dommages et intérêts.", {}, "FR-UNAUTHORISED-DAMAGES"),
    ("Bilan orthodontique de votre fille, part restant à votre charge : 680,00 €, sans frais.", {},
     "FR-FEES-CONSUMER"),
    ("Nous ne pouvons pas laisser ce dossier sans suite indéfiniment.", {}, "FR-LAW-PRESCRIPTION"),
])
def test_lawful_wording_of_batches_ao_and_ap(text, facts_kw, rule):
    assert rule not in rule_ids(run(text, **facts_kw)), text


def test_a_commissaire_serving_the_garnishee_discloses_what_the_act_requires():
    act = ("Agissant en vertu d'un jugement exécutoire, je vous signifie ce jour, en votre qualité de tiers saisi et "
           "d'employeur de M. Bonnet, la saisie de ses rémunérations pour le montant de la créance.")
    cj = dict(recipient="third_party", collector_profession="commissaire_de_justice", acting_under="title",
              has_title=True)
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(act, **cj))
    gossip = "Il doit 3 400 € à sa banque et un jugement a été rendu contre lui. Vous savez à quelle heure il rentre ?"
    assert "FR-THIRD-PARTY-DISCLOSURE" in rule_ids(run(gossip, channel="visit", **cj))


# Pack 2026.12.38: readings fixed for held-out batch aq (red team on substance).

@pytest.mark.parametrize("text,facts_kw,rule", [
    ("Afin que vous puissiez mesurer la situation, nous vous précisons que votre fils a perdu son emploi et qu'il "
     "présente des incidents de remboursement auprès de deux autres établissements de crédit.",
     dict(recipient="guarantor"), "FR-GUARANTOR-OVERDISCLOSURE"),
    ("Notre décompte : facture 1 380,00 € ; indemnité au titre du préjudice de trésorerie subi : 60,00 €.", {},
     "FR-UNAUTHORISED-DAMAGES"),
    ("Nous savons que vous traversez une période très difficile. C'est pour vous épargner des démarches que nous "
     "vous recommandons de régler dès à présent ; vous n'aurez plus à penser à ce dossier.", {},
     "FR-VULNERABILITY-EXPLOIT"),
])
def test_what_batch_aq_got_past(text, facts_kw, rule):
    assert rule in rule_ids(run(text, **facts_kw)), text


def test_a_guarantor_may_be_told_what_it_guarantees():
    text = ("Par acte du 20/01/2025, vous vous êtes porté caution solidaire du prêt cité en référence. Les échéances "
            "de novembre et décembre (328,60 €) n'ont pas été réglées : merci de les régler au titre de votre "
            "engagement.")
    assert "FR-GUARANTOR-OVERDISCLOSURE" not in rule_ids(run(text, recipient="guarantor"))


def test_a_majorated_consumer_credit_rate_is_flagged():
    text = "Les sommes impayées portent intérêts de retard au taux majoré de 9,90 % l'an."
    assert "FR-INTEREST-RATE" in rule_ids(run(text, creditor_kind="credit_institution", contract_late_interest=True))


# Pack 2026.12.39: readings fixed for held-out batch as (end of session; at not yet fixed for).

@pytest.mark.parametrize("text,facts_kw,rule", [
    ("Je préférerais que nous réglions cela entre nous, sans avoir à faire intervenir la gendarmerie.",
     dict(creditor_kind="landlord"), "FR-CRIMINAL-THREAT"),
    ("Nous serions au regret de devoir signaler cet incident de paiement auprès de la Banque de France.",
     dict(creditor_kind="telecom"), "FR-FICP-THREAT"),
    ("M. Durand n'aurait pas voulu que son nom reste associé à une dette impayée. Régler aujourd'hui serait la "
     "meilleure façon d'honorer sa mémoire.", {}, "FR-VULNERABILITY-EXPLOIT"),
])
def test_what_batch_as_got_past(text, facts_kw, rule):
    assert rule in rule_ids(run(text, **facts_kw)), text


def test_without_a_payment_is_still_a_condition_and_without_having_to_is_no_negation():
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run("Nous ne ferons jamais intervenir la gendarmerie."))


# Pack 2026.12.40: readings fixed for held-out batch at (end of session).

@pytest.mark.parametrize("text,facts_kw,rule", [
    ("Votre mère laisse une facture de 296,40 €. En tant que fils, c'est à vous de la régler maintenant.",
     dict(recipient="heir"), "FR-HEIRS"),
    ("Sans régularisation, votre nom sera ajouté à la liste des locataires à risque que nous partageons avec les "
     "agences immobilières.", dict(creditor_kind="landlord"), "FR-BADPAYER-LIST-THREAT"),
])
def test_what_batch_at_got_past(text, facts_kw, rule):
    assert rule in rule_ids(run(text, **facts_kw)), text
    if rule == "FR-HEIRS":
        assert severities(run(text, **facts_kw), rule) == ["block"]


def test_a_commissaire_referred_a_claim_is_no_seizure():
    text = "Je suis saisie par la société Maison Duret d'une demande de paiement de 1 250,00 €."
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(
        run(text, collector_profession="commissaire_de_justice", acting_under="L125-1"))


# Pack 2026.12.41: the rest of batches as and at (start of the third session).

def test_it_falls_to_you_to_pay_asserts_an_heirs_personal_liability():
    text = ("En votre qualité de fille et d'héritière, il vous appartient désormais de régler cette somme "
            "de 1 486,00 €.")
    assert severities(run(text, recipient="heir"), "FR-HEIRS") == ["block"]
    # an heir told what the estate owes, with the notary, is still only a warning at most
    lawful = "Pourriez-vous nous indiquer le notaire chargé de la succession ?"
    assert "block" not in severities(run(lawful, recipient="heir"), "FR-HEIRS")


def test_an_agency_posing_as_a_clinic_secretariat_is_pretexting_but_a_clinic_is_not():
    text = ("Bonjour Madame, ici le secrétariat de la clinique Saint-Roch. Nous essayons de joindre votre voisin, "
            "M. Roche. Vous n'auriez pas son nouveau numéro ?")
    assert "FR-PRETEXTING" in rule_ids(run(text, AGENCY, channel="call", recipient="third_party"))
    own = "Bonjour Madame Roche, ici le service facturation de la clinique Saint-Roch, au sujet de votre séjour."
    assert "FR-PRETEXTING" not in rule_ids(run(own, channel="call", creditor_kind="other"))


def test_a_mediator_referred_to_and_its_opinion_are_no_seizure_and_no_title():
    text = ("Le médiateur de la consommation, saisi par vos soins le 02/12/2026, a rendu son avis le 28/01/2027 : "
            "la facture était due. Le solde s'élève donc à 3 900,00 €, sans frais ni intérêts.")
    ids = rule_ids(run(text, AGENCY, creditor_kind="retail"))
    assert not ids & {"FR-SEIZURE-NO-TITLE", "FR-LAW-NOTICE-AS-TITLE"}, ids
    # a letter still may not be said to "become" a judgment
    assert "FR-LAW-NOTICE-AS-TITLE" in rule_ids(
        run("Sans réponse de votre part, ce courrier vaudra jugement.", AGENCY, creditor_kind="retail"))


def test_a_balance_followed_by_its_amount_is_not_a_settled_file():
    text = "Nous suspendons toute relance sur votre dossier (solde : 239,40 €) jusqu'au 15/02/2027."
    assert "FR-RECEIPT-AND-REMITTANCE" not in rule_ids(run(text, AGENCY))
    settled = "Votre dossier est soldé."
    assert severities(run(settled, AGENCY), "FR-RECEIPT-AND-REMITTANCE") == ["block"]


# Pack 2026.12.43: readings fixed for held-out batches au and av (after their first runs).

@pytest.mark.parametrize("text,profile,facts_kw,rule", [
    ("En votre qualité d'héritier, le solde de son crédit renouvelable vous incombe désormais : capital restant dû 1 380,40 €.",
     CREDITOR, dict(recipient="heir", creditor_kind="credit_institution"), "FR-HEIRS"),
    ("Votre dossier auprès de la Banque de France n'empêche pas un petit geste : un versement volontaire de "
     "30 €/mois sur votre facture MD-50311 de mars 2026.", CREDITOR,
     dict(creditor_kind="retail", insolvency="overindebtedness", insolvency_opened_on="2026-09-30",
          claims=[{"ref": "MD-50311", "born_on": "2026-03-12"}]), "FR-SURENDETTEMENT"),
    ("Nous vous remercions donc de reprendre, dès ce mois-ci, les versements de 150,00 € par mois.", AGENCY,
     dict(creditor_kind="landlord", insolvency="overindebtedness", insolvency_opened_on="2026-12-08",
          claims=[{"ref": "loyer-2026-09", "born_on": "2026-09-01"}]), "FR-SURENDETTEMENT"),
    ("À défaut de réponse, mon étude reprendra le dossier en vue de son exécution, et les mesures appropriées "
     "seront alors mises en œuvre sur vos comptes et vos biens.", CREDITOR,
     dict(collector_profession="commissaire_de_justice", acting_under="L125-1"), "FR-SEIZURE-NO-TITLE"),
    ("D'autres services que le nôtre pourraient être amenés à qualifier ces circonstances autrement qu'un simple "
     "retard de paiement.", AGENCY, {}, "FR-CRIMINAL-THREAT"),
    ("Dans le cadre d'un dossier concernant M. Dumas, pourriez-vous nous confirmer qu'il fait toujours partie de "
     "vos effectifs et nous indiquer la date habituelle de versement des salaires ?", AGENCY,
     dict(recipient="third_party"), "FR-EMPLOYER-CONTACT"),
    ("Pourriez-vous lui laisser un message ? Qu'il rappelle Bastien au 02 99 31 70 00, au sujet de son crédit "
     "Sofinel.", AGENCY, dict(recipient="third_party", channel="call"), "FR-THIRD-PARTY-DISCLOSURE"),
    ("Vous nous avez indiqué être en arrêt maladie. Justement : dans votre état, vous avez tout intérêt à clore "
     "ce dossier au plus vite.", AGENCY, dict(vulnerable=True), "FR-VULNERABILITY-EXPLOIT"),
    ("Je sais que vous sortez d'une chimiothérapie. Justement : vous n'avez sûrement pas besoin, en plus, d'un "
     "contentieux avec la clinique.", AGENCY, dict(vulnerable=True, channel="call"), "FR-VULNERABILITY-EXPLOIT"),
    ("Les dossiers non régularisés sont enregistrés dans notre base de suivi partagée, consultée par nos "
     "partenaires avant toute vente à crédit.", AGENCY, {}, "FR-BADPAYER-LIST-THREAT"),
])
def test_what_batches_au_and_av_got_past(text, profile, facts_kw, rule):
    judgement = run(text, profile, **facts_kw)
    assert severities(judgement, rule) == ["block"], (text, judgement.rule_ids)


@pytest.mark.parametrize("text,profile,facts_kw,rule", [
    ("To answer your question: no. In France, seizing wages or bank accounts requires a court judgment and can "
     "only be carried out by a commissaire de justice.", CREDITOR, {}, "FR-SEIZURE-NO-TITLE"),
    ("Non, aucun huissier (commissaire de justice) n'a été mandaté sur votre dossier, qui reste amiable.",
     CREDITOR, dict(creditor_kind="telecom"), "FR-SEIZURE-NO-TITLE"),
    ("Si vous vous estimez victime d'une usurpation d'identité, nous vous invitons à déposer plainte auprès du "
     "commissariat de police ou de la gendarmerie. Dès réception du récépissé de dépôt de plainte, nous annulerons "
     "les factures.", CREDITOR, {}, "FR-CRIMINAL-THREAT"),
    ("Norvalis SAS is a debt collection company carrying out amicable collection.", AGENCY, {}, "FR-SEIZURE-NO-TITLE"),
    ("Nous vous avons informée de la défaillance du locataire envers le bailleur.", AGENCY,
     dict(recipient="guarantor", creditor_kind="landlord"), "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Votre dette envers votre bailleur est de 500 €.", AGENCY, dict(creditor_kind="landlord"), "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Facture n° CSC-26-043377 – part non remboursée par votre complémentaire santé : 170,00 €.", AGENCY, {}, "FR-PRETEXTING"),
    ("Cette ordonnance vous sera signifiée par un commissaire de justice ; les modalités vous seront précisées "
     "dans l'acte de signification.", CREDITOR, dict(collector_profession="avocat"), "FR-FAKE-JUDICIAL-DOC"),
])
def test_what_batches_au_and_av_blocked_by_mistake(text, profile, facts_kw, rule):
    assert rule not in rule_ids(run(text, profile, **facts_kw)), text


def test_a_titled_commissaire_may_write_to_the_employer_as_garnishee():
    text = "En votre qualité de tiers saisi, vous voudrez bien retenir sur le salaire de votre salarié la somme fixée."
    titled = dict(collector_profession="commissaire_de_justice", acting_under="title", has_title=True)
    assert "FR-EMPLOYER-CONTACT" not in rule_ids(run(text, CREDITOR, recipient="third_party", **titled))
    assert "FR-EMPLOYER-CONTACT" in rule_ids(run(text.replace("En votre qualité de tiers saisi, v", "V"), AGENCY,
                                                 recipient="third_party"))


def test_these_is_no_negator_and_a_stem_folded_to_three_letters_is_refused():
    # "cess*" read "ces*" once repeated letters were folded, so "ces" (these) negated a demand
    text = "Ces factures doivent être payées sous 8 jours."
    assert "FR-DISPUTE-OPEN" in rule_ids(run(text, open_dispute=True))
    assert "FR-DISPUTE-OPEN" not in rule_ids(run("Nous cessons toute relance : aucune somme à payer.",
                                                 open_dispute=True))
    rule = _rule(any=["payer|payez"], extra_negators=["cess*"])
    with pytest.raises(ValueError, match="cess"):
        _pack_with(rule)


# Pack 2026.12.45: readings fixed for held-out batches aw and ax (after their first runs).

TIME_BARRED_SALE = dict(creditor_kind="retail", claims=[{"ref": "ML-42891", "born_on": "2024-05-15"}],
                        invoice_due_dates=["2024-06-15"])


def test_a_pattern_sets_exclusions_judge_its_own_hits_only():
    # the seizure set's "saisir le tribunal is no seizure" used to erase the legal-threat hit
    judgement = run("Merci de régler ce solde ; à défaut, nous saisirons le tribunal.", **TIME_BARRED_SALE)
    assert severities(judgement, "FR-TIME-BARRED-THREAT") == ["block"]
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(judgement)
    # a creditor in collective proceedings referring to the juge-commissaire threatens nothing
    text = "À défaut de réponse dans le délai d'un mois, nous saisirons le juge-commissaire."
    assert "FR-PREMATURE-LEGAL-THREAT" not in rule_ids(run(text, consumer=False, debtor_kind="company"))


@pytest.mark.parametrize("text,profile,facts_kw,rule", [
    ("Sauf erreur, la facture F-2026-0917 demeure impayée. Nous vous remercions de bien vouloir procéder à son "
     "règlement par virement (IBAN FR76 3000 4000 0312 3456 7890 143, référence F-2026-0917).", CREDITOR,
     dict(consumer=False, debtor_kind="company", insolvency="collective_proceedings", insolvency_opened_on="2026-10-20",
          claims=[{"ref": "F-2026-0917", "born_on": "2026-09-30"}]), "FR-COLLECTIVE-PROCEDURE"),
    ("À 86 ans, vous ne souhaitez sans doute pas que cette somme reste à la charge de vos enfants. Le plus simple "
     "serait de la régler dès réception.", CREDITOR, dict(vulnerable=True), "FR-VULNERABILITY-EXPLOIT"),
    ("Northbridge Recouvrement, pour Maison Duret : la facture MD-10701 de 450,00 € reste impayée. Merci de la "
     "régler sur northbridge-pay.fr.", AGENCY, dict(channel="sms", first_letter_sent=False, contacts_so_far=0),
     "FR-R124-4-FIRST-LETTER"),
    ("Intérêts de retard au taux contractuel majoré de 3 points (8,90 %) du 4 novembre au 4 décembre : 66,93 €.",
     CREDITOR, dict(creditor_kind="credit_institution", formal_notices_sent=1), "FR-INTEREST-RATE"),
    ("Indemnité de 8 % des échéances reportées (art. D312-17 du code de la consommation) : 50,40 €.", CREDITOR,
     dict(creditor_kind="credit_institution"), "FR-INTEREST-RATE"),
    ("Indemnité de 8 % calculée sur les sommes exigibles : 669,56 €.", CREDITOR,
     dict(creditor_kind="credit_institution", formal_notices_sent=1), "FR-INTEREST-RATE"),
    ("Good news Mr Harris! A refund of EUR 48.20 is waiting for you. To release it, call us back today.", AGENCY,
     dict(channel="sms"), "FR-PRETEXTING"),
    ("Votre nom sera transmis au fichier national des incidents de paiement, consulté par l'ensemble des "
     "commerçants.", AGENCY, dict(creditor_kind="payment_institution"), "FR-BADPAYER-LIST-THREAT"),
    ("Votre crédit renouvelable reste impayé depuis l'échéance du 5 mars 2024. Cette dette est toujours exigible : "
     "notre mandant saisira le tribunal judiciaire.", AGENCY,
     dict(creditor_kind="credit_institution", claims=[{"ref": "SF-RV-098231", "born_on": "2024-03-05"}],
          when=datetime(2027, 2, 1, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))), "FR-TIME-BARRED-THREAT"),
])
def test_what_batches_aw_and_ax_got_past(text, profile, facts_kw, rule):
    judgement = run(text, profile, **facts_kw)
    assert severities(judgement, rule) == ["block"], (text, judgement.rule_ids)


@pytest.mark.parametrize("text,profile,facts_kw,rule", [
    ("Nous avons été informés du rétablissement personnel. En conséquence, la somme de 1 240,00 € restant due au "
     "titre du contrat LOA-30271 est effacée : aucune somme ne vous sera plus réclamée.", CREDITOR,
     dict(insolvency="overindebtedness", insolvency_opened_on="2026-03-02",
          claims=[{"ref": "LOA-30271", "born_on": "2025-11-05"}]), "FR-SURENDETTEMENT"),
    ("Vos versements sont à jour. Solde restant dû au 31 décembre 2026 : 5 069,00 €, conformément aux mesures.",
     CREDITOR, dict(creditor_kind="credit_institution", insolvency="overindebtedness",
                    insolvency_opened_on="2025-10-14", plan_status="in_good_standing",
                    claims=[{"ref": "CFL-RV-300917", "born_on": "2025-06-15"}]), "FR-SURENDETTEMENT"),
    ("Breakdown: reversed top-up €74.90. No interest, charges or collection fees are added.", CREDITOR,
     dict(creditor_kind="emoney_institution"), "FR-FEES-CONSUMER"),
    ("Vous indiquez avoir retourné l'enceinte le 2 novembre sans avoir été remboursé. Nous suspendons toute relance.",
     CREDITOR, dict(creditor_kind="payment_institution", open_dispute=True), "FR-DISPUTE-OPEN"),
    ("Banque Aurélia déclarera ses créances antérieures auprès du mandataire judiciaire : solde débiteur du compte "
     "courant et capital restant dû du prêt. Aucune demande de paiement de ces créances ne vous est adressée.",
     CREDITOR, dict(consumer=False, debtor_kind="company", insolvency="collective_proceedings",
                    insolvency_opened_on="2026-12-08", claims=[{"ref": "AU-PRO-22184", "born_on": "2024-03-15"}]),
     "FR-COLLECTIVE-PROCEDURE"),
])
def test_what_batches_aw_and_ax_blocked_by_mistake(text, profile, facts_kw, rule):
    assert rule not in rule_ids(run(text, profile, **facts_kw)), text


def test_no_fee_in_the_languages_whose_coercive_words_the_pack_reads_is_no_fee():
    # determiners meaning "no" ("niciun", "keine", "ningún", "nenhum"...) negate like "aucun";
    # verbal negators ("nicht", "não") are left out: in "if you do not pay" they are a condition
    for text in ("Nu vi se cer niciun fel de taxe de recuperare.", "Es werden keine Inkassogebühren berechnet."):
        assert "FR-FEES-CONSUMER" not in rule_ids(run(text)), text
    threat = "Sollte die Zahlung nicht bis zum 18.12.2026 eingehen, werden wir Ihr Gehalt pfänden."
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(threat))


def test_a_judgment_that_pronounced_a_personal_recovery_is_no_legal_threat():
    text = ("Le jugement du tribunal judiciaire de Reims du 1er décembre 2026 a prononcé votre rétablissement "
            "personnel : la créance est effacée.")
    ids = rule_ids(run(text, creditor_kind="credit_institution", insolvency="overindebtedness",
                       insolvency_opened_on="2026-03-17", claims=[{"ref": "FX-1", "born_on": "2025-11-05"}]))
    assert not ids & {"FR-SURENDETTEMENT", "FR-PREMATURE-LEGAL-THREAT"}, ids


# Pack 2026.12.46: readings fixed for held-out batches ay and az (after their first runs).

@pytest.mark.parametrize("text,profile,facts_kw,rule", [
    ("Entre nous : vous ne souhaitez sans doute pas que votre nom remonte jusqu'à la Banque de France.", CREDITOR,
     dict(creditor_kind="telecom"), "FR-FICP-THREAT"),
    ("Pré-injonction de payer. Réf. greffe : 27/00318 – Chambre des recouvrements.", AGENCY, {}, "FR-FAKE-JUDICIAL-DOC"),
    ("Félicitations : trois promesses de paiement non tenues en un mois, c'est presque un record dans nos services.",
     AGENCY, {}, "FR-TONE-INSULT"),
    ("Les personnes qui organisent leur insolvabilité pour échapper à leurs créanciers finissent devant le "
     "tribunal correctionnel.", AGENCY, {}, "FR-CRIMINAL-THREAT"),
    ("Merci de nous contacter rapidement.", AGENCY, dict(subject="Avant que votre employeur ne soit informé"),
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Sans nouvelles d'ici lundi, un de nos collègues passera faire le tour de votre garage et de votre salon pour "
     "voir ce qui pourrait couvrir la somme.", AGENCY, dict(channel="sms"), "FR-SEIZURE-NO-TITLE"),
    ("Le jeudi 21 janvier à 8 h, je procéderai avec mon équipe à l'enlèvement du poêle, avec ou sans votre accord.",
     CREDITOR, {}, "FR-SEIZURE-NO-TITLE"),
])
def test_what_batches_ay_and_az_got_past(text, profile, facts_kw, rule):
    judgement = run(text, profile, **facts_kw)
    assert severities(judgement, rule) == ["block"], (text, judgement.rule_ids)


@pytest.mark.parametrize("text,profile,facts_kw,rule", [
    ('You quote our earlier call as saying that "a commissaire de justice could come and seize your furniture". '
     "It is not correct: a commissaire de justice (the French equivalent of a bailiff) can only seize goods on the "
     "basis of a court judgment.", AGENCY, dict(creditor_kind="telecom"), "FR-SEIZURE-NO-TITLE"),
    ("Les frais de scolarité, soit 260 €, exigibles au 1er septembre 2024, n'ont pas été réglés. Cette créance est "
     "prescrite : aucune action en justice ne peut plus être engagée.", CREDITOR,
     dict(claims=[{"ref": "T1", "born_on": "2024-09-01"}], invoice_due_dates=["2024-09-01"]), "FR-TIME-BARRED-THREAT"),
    ("Le courrier intitulé « Injonction de payer » qui vous a été adressé n'est pas une décision de justice : il doit "
     "être considéré comme une simple relance.", CREDITOR, {}, "FR-LAW-NOTICE-AS-TITLE"),
    ("Le club ne peut pas avancer ces sommes indéfiniment.", CREDITOR, {}, "FR-LAW-PRESCRIPTION"),
    ("Le courrier intitulé « Avis judiciaire » qui vous a été adressé le 1er février était une erreur de notre "
     "part.", CREDITOR, {}, "FR-FAKE-JUDICIAL-DOC"),
    ("Je retire bien sûr la ligne « dommages et intérêts » de mon courrier du 2 février.", CREDITOR,
     dict(creditor_kind="landlord"), "FR-UNAUTHORISED-DAMAGES"),
])
def test_what_batches_ay_and_az_blocked_by_mistake(text, profile, facts_kw, rule):
    assert rule not in rule_ids(run(text, profile, **facts_kw)), text


def test_a_document_title_stays_a_fake_unless_the_sentence_retracts_it():
    text = "Le courrier intitulé « Avis judiciaire » que vous recevrez n'est pas une plaisanterie."
    assert "FR-FAKE-JUDICIAL-DOC" in rule_ids(run(text))


# Pack 2026.12.47: readings fixed for held-out batch ba (after its first run).

def test_what_batch_ba_got_past_and_blocked_by_mistake():
    fee = "- Régularisation administrative (art. 8.2 des conditions générales, 9,00 € par échéance rejetée) : 27,00 €"
    assert severities(run(fee, creditor_kind="other"), "FR-FEES-CONSUMER") == ["block"]
    rate = "- Intérêts de retard au taux contractuel majoré (6,40 % + 3 points), soit 9,40 % l'an : 75,25 €"
    assert severities(run(rate, creditor_kind="credit_institution", formal_notices_sent=1),
                      "FR-INTEREST-RATE") == ["block"]
    cheque = "la commande WEB-87440, réglée par un chèque revenu impayé le 16 septembre 2026"
    assert "FR-FEES-CONSUMER" not in rule_ids(run(cheque, AGENCY))
    judgment_rate = ("- intérêts au taux légal sur le principal, majoré de cinq points à l'expiration d'un délai de deux "
                     "mois (art. L313-3 du code monétaire et financier) : 2 271,54 €")
    assert "FR-INTEREST-RATE" not in rule_ids(run(judgment_rate, CREDITOR, collector_profession="commissaire_de_justice",
                                                  acting_under="title", has_title=True))


# Pack 2026.12.48: readings fixed for held-out batch bb (after its first run).

@pytest.mark.parametrize("text", [
    "Sans règlement avant les vacances, la situation sera exposée au professeur principal de votre fils.",
    "Faute de paiement, votre dette sera signalée à l'institutrice de votre fille.",
    "If this is not paid, the matter will be raised with your son's teacher.",
])
def test_a_debt_exposed_to_a_childs_teacher_is_a_disclosure_threat(text):
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text, CREDITOR))


@pytest.mark.parametrize("text", [
    "Le dossier vous a été transmis par Auto-École Martin, qui nous a mandatés.",
    "Votre enfant peut être inscrit à l'école sans condition de paiement.",
])
def test_a_school_or_a_teacher_named_without_a_threat_is_not_a_disclosure(text):
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(text, CREDITOR))


def test_a_creditor_who_mandated_us_is_named_in_the_first_letter():
    text = ("Solvéo exerce une activité de recouvrement amiable. Volta Énergie, SA, 18 cours Lafayette, "
            "69003 Lyon, nous a mandatés pour obtenir le règlement de la somme suivante.")
    judgement = run(text, AGENCY, channel="letter", first_letter_sent=False)
    first_letter = [f for f in judgement.findings if f.rule_id == "FR-R124-4-FIRST-LETTER"]
    assert first_letter and all("creancier" not in f.missing for f in first_letter), first_letter


# Pack 2026.12.49: readings fixed for held-out batches bc and bd (after their first runs).

@pytest.mark.parametrize("text", [
    "Nous serions sincèrement désolés que votre direction apprenne l'existence de ce dossier autrement que par vous.",
    "It would be a shame if your landlord were to hear about unpaid bills.",
])
def test_regret_that_people_around_the_debtor_would_learn_of_the_debt_is_a_disclosure_threat(text):
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text, CREDITOR))


def test_a_landlord_telling_the_tenant_it_reported_arrears_to_the_caf_is_information():
    done = "Comme la réglementation l'impose au bailleur qui perçoit l'APL, nous avons signalé cet impayé à la CAF."
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(done, CREDITOR, creditor_kind="landlord"))
    threat = "Sans accord d'ici le 11/12, nous signalerons votre situation à la CAF et à France Travail."
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(threat, CREDITOR, creditor_kind="landlord"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(done, CREDITOR, creditor_kind="retail"))


def test_unpaid_accounts_shared_with_a_network_of_retailers_is_a_bad_payer_list():
    text = ("Please note that accounts left unresolved at the end of the year are shared with our partner "
            "network of retailers and furniture stores across France.")
    assert "FR-BADPAYER-LIST-THREAT" in rule_ids(run(text, AGENCY))


def test_having_a_guarantors_house_sold_without_a_title_is_a_seizure_threat():
    text = ("Votre maison de Caluire constitue pour nous une garantie solide. Sans règlement, nous pourrions "
            "être conduits à en faire procéder à la vente.")
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(text, CREDITOR, recipient="guarantor"))
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(text, CREDITOR, recipient="guarantor", has_title=True))


def test_an_heir_told_it_falls_to_them_to_honour_the_debt_is_blocked():
    text = "Il vous revient désormais, en votre qualité de fille et héritière, d'honorer ces engagements."
    assert severities(run(text, CREDITOR, recipient="heir"), "FR-HEIRS") == ["block"]
    text = "Il vous appartient, si vous acceptez la succession, de régler ce solde auprès du notaire."
    assert "block" not in severities(run(text, CREDITOR, recipient="heir"), "FR-HEIRS")


def test_an_heir_told_they_are_not_asked_to_pay_personally_is_not_blocked():
    text = ("The electricity account has an outstanding balance of 412.56 €. We are not asking you to pay this "
            "amount personally. Heirs are only liable if they accept the estate.")
    assert "FR-HEIRS" not in rule_ids(run(text, CREDITOR, recipient="heir"))


INSOLVENT_COMPANY = dict(insolvency="collective_proceedings", insolvency_opened_on="2026-10-13", consumer=False,
                         debtor_kind="company", claims=[{"ref": "OT-1", "born_on": "2026-07-31"}])


@pytest.mark.parametrize("text", [
    "Notre client attend un règlement direct de ces factures sous huit jours.",
    "À défaut, il saisira le tribunal de commerce.",
])
def test_a_direct_demand_or_suit_for_a_pre_opening_claim_is_blocked(text):
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(text, AGENCY, **INSOLVENT_COMPANY))


OVERINDEBTED = dict(creditor_kind="credit_institution", insolvency="overindebtedness",
                    insolvency_opened_on="2026-10-20", claims=[{"ref": "PP-1", "born_on": "2024-03-12"}])


def test_resuming_direct_debits_after_recevabilite_is_blocked():
    text = ("Malgré la recevabilité de votre dossier de surendettement, les prélèvements de votre prêt reprendront "
            "le 05/12/2026 (218,47 €). Merci d'approvisionner votre compte.")
    assert "FR-SURENDETTEMENT" in rule_ids(run(text, CREDITOR, channel="sms", **OVERINDEBTED))


def test_the_next_instalment_of_an_imposed_plan_is_expected_lawfully():
    text = "Le prochain versement de 45,00 € est attendu le 15 décembre 2026, conformément au plan."
    assert "FR-SURENDETTEMENT" not in rule_ids(run(text, CREDITOR, plan_status="in_good_standing", **OVERINDEBTED))


def test_a_short_number_stated_as_not_premium_rate_is_allowed():
    assert "FR-PREMIUM-RATE-NUMBER" not in rule_ids(run("Pour nous joindre : 3900 (appel non surtaxé).", CREDITOR))
    assert "FR-PREMIUM-RATE-NUMBER" in rule_ids(run("Pour nous joindre : appelez le 3900.", CREDITOR))


def test_interest_over_the_days_its_line_states_is_checked():
    text = ("Décompte au 25/11/2026 :\n- principal : 500,00 €\n"
            "- intérêts au taux légal du 25/09/2026 au 25/11/2026 (61 jours) : 48,00 €\nTotal : 548,00 €")
    assert "FR-INTEREST-ARITHMETIC" in rule_ids(run(text, CREDITOR, formal_notices_sent=1))
    fair = text.replace("48,00 €", "4,00 €").replace("548,00 €", "504,00 €")
    assert "FR-INTEREST-ARITHMETIC" not in rule_ids(run(fair, CREDITOR, formal_notices_sent=1))


@pytest.mark.parametrize("text", [
    "Notre courrier du 12/11/2026 comportait par erreur la mention « avis avant saisie ». Nous vous prions de nous en excuser.",
    ("L'article 9 des conditions générales stipule : « Tout retard entraînera une indemnité forfaitaire de 15 %, outre "
     "les frais de recouvrement. » Nous vous confirmons que cette stipulation ne vous est pas appliquée."),
])
def test_a_quotation_the_sender_disowns_is_not_its_statement(text):
    found = run(text, AGENCY)
    assert not {"FR-SEIZURE-NO-TITLE", "FR-FEES-CONSUMER", "FR-FEES-B2B-40EUR"} & rule_ids(found), found.rule_ids


def test_a_quotation_not_disowned_still_counts():
    text = "Notre courrier comportait la mention « avis avant saisie » : elle reste d'actualité."
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(text, AGENCY))
    hidden = "Notre courrier comportait par erreur la mention « avis avant sai\u200bsie »."
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(hidden, AGENCY))


@pytest.mark.parametrize("text", [
    "Objet : redressement judiciaire ouvert le 8 décembre 2026 – tribunal de commerce de Lille Métropole",
    "Objet : déclaration de créance (jugement du tribunal de commerce de Lyon du 3 novembre 2026)",
])
def test_naming_the_commercial_court_that_opened_the_proceedings_is_no_threat(text):
    facts_kw = dict(INSOLVENT_COMPANY, insolvency_opened_on="2026-11-03")
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(text, AGENCY, **facts_kw))


# Pack 2026.12.50: readings fixed for held-out batch be (after its first run).

STATEMENT = ("Facture n° CM-2026-0932 du 14/09/2026 :\n- principal : 412,50 € ;\n"
             "- intérêts au taux légal depuis la mise en demeure du 05/11/2026 : 3,80 € ;\nTotal à régler : {total} €.")


def test_a_total_above_every_amount_its_statement_lists_is_blocked():
    assert "FR-STATEMENT-TOTAL" in rule_ids(run(STATEMENT.format(total="446,30"), AGENCY))
    assert "FR-STATEMENT-TOTAL" not in rule_ids(run(STATEMENT.format(total="416,30"), AGENCY))
    # a payment or any other amount written can explain a total: never read as an excess
    paid = STATEMENT.format(total="446,30") + "\nFrais de relance déjà réglés le 02/11/2026 : 30,00 €"
    assert "FR-STATEMENT-TOTAL" not in rule_ids(run(paid, AGENCY))
    counted = "84 mensualités de 45,00 € :\n- principal : 3 000,00 € ;\n- intérêts : 0,00 € ;\nTotal : 3 780,00 €"
    assert "FR-STATEMENT-TOTAL" not in rule_ids(run(counted, AGENCY))


def test_a_token_payment_today_against_a_signature_on_a_time_barred_debt_is_blocked():
    text = ("Je vous propose une solution simple : vous versez 15 € aujourd'hui par carte et vous signez l'accord "
            "de règlement que je vous envoie, et on n'en parle plus pendant trois mois.")
    barred = dict(claims=[{"ref": "MC-24-1290", "born_on": "2024-01-10"}], invoice_due_dates=["2024-02-10"])
    assert severities(run(text, AGENCY, channel="call", **barred), "FR-ACKNOWLEDGEMENT-TRAP") == ["block"]


def test_the_cost_of_a_registered_letter_inside_a_total_is_a_fee_on_a_consumer():
    text = ("Facture n° LE-26-07-30215 : montant total à régler 318,40 € (dont 18,40 € correspondant à l'envoi en "
            "recommandé de la mise en demeure).")
    assert "FR-FEES-CONSUMER" in rule_ids(run(text, AGENCY))


def test_a_creditor_writing_to_the_notary_settling_the_estate_discloses_nothing_unlawful():
    text = ("Maître, suite à votre courrier, nous vous adressons le décompte de notre créance : facture n° "
            "LE-26-10-77410 : 146,22 €. Nous vous remercions d'en tenir compte dans le règlement du passif successoral.")
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(text, CREDITOR, recipient="third_party"))


# Pack 2026.12.51: readings fixed for held-out batch bf (after its first run).

@pytest.mark.parametrize("text", [
    "CABINET DELMAS – AVOCATS\nDépartement contentieux locatif",
    "Je vous invite à régler cette somme sous quinze jours.\nMaître Karim Benali\nAvocat au barreau de Lyon",
])
def test_an_agency_using_a_lawyers_title_impersonates_a_lawyer(text):
    assert "FR-IMPERSONATION-OFFICER" in rule_ids(run(text, AGENCY, channel="letter"))
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(text, AGENCY, channel="letter",
                                                           collector_profession="avocat"))


def test_a_letter_addressed_to_the_debtors_lawyer_names_the_lawyer_not_the_sender():
    text = "Maître Helen Hughes\nAvocat au barreau de Périgueux\n\nDear Maître Hughes, please find our statement."
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(text, AGENCY, channel="letter", recipient="debtor_lawyer"))


def test_writing_to_the_liquidator_of_the_debtors_company_is_no_disclosure():
    text = ("Maître Olivier Sarda, liquidateur judiciaire de la SARL Pâtisserie Occitane. Les loyers de novembre "
            "(1 850,00 €), nés après le jugement d'ouverture, sont payables à leur échéance.")
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(text, AGENCY, recipient="third_party"))


def test_a_b2b_indemnity_granted_by_a_title_is_not_judged_against_the_40_eur_cap():
    text = "Commandement de payer portant sur 9 318,54 € (principal 8 940,00 €, indemnités forfaitaires 80,00 €)."
    b2b = dict(consumer=False, debtor_kind="company", claims=[{"ref": "AF-1", "born_on": "2026-04-30"}])
    assert "FR-FEES-B2B-OVER-40" in rule_ids(run(text, CREDITOR, **b2b))
    assert "FR-FEES-B2B-OVER-40" not in rule_ids(run(text, CREDITOR, has_title=True, **b2b))


def test_charges_declined_after_their_list_are_not_charged():
    text = "- échéance du 15/11/2026 : 1 050,00 €\n- frais, pénalités ou intérêts : aucun"
    assert "FR-PENALTY-NO-BASIS" not in rule_ids(run(text, CREDITOR))
    assert "FR-PENALTY-NO-BASIS" in rule_ids(run("- pénalités de retard : 45,00 €\n- intérêts : aucun", CREDITOR))


def test_a_guarantor_may_be_asked_to_pay_in_liquidation_not_during_a_redressement():
    text = "En votre qualité de caution, nous vous demandons de régler la somme de 5 172,16 € dans un délai de quinze jours."
    facts_kw = dict(consumer=False, debtor_kind="company", insolvency="collective_proceedings",
                    insolvency_opened_on="2026-09-30", claims=[{"ref": "BRE-1", "born_on": "2023-11-15"}])
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(text, CREDITOR, recipient="guarantor",
                                                          insolvency_procedure="liquidation", **facts_kw))
    for procedure in ("redressement", "sauvegarde", None):
        assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(text, CREDITOR, recipient="guarantor",
                                                          insolvency_procedure=procedure, **facts_kw)), procedure
    # the company itself stays protected in liquidation
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(text.replace("En votre qualité de caution, n", "N"), CREDITOR,
                                                      insolvency_procedure="liquidation", **facts_kw))


# Pack 2026.12.53: misses left on earlier batches (ae-092, af-120).

@pytest.mark.parametrize("text", [
    ("Nous savons que vous venez de perdre votre mari. Raison de plus pour régler ce dossier sans attendre, "
     "et ne pas laisser à vos enfants une dette en héritage."),
    ("Justement, avec tout ce que vous traversez en ce moment, vous n'avez vraiment pas besoin en plus de vous "
     "retrouver avec un procès sur les bras."),
])
def test_a_bereavement_used_as_leverage_is_blocked_even_on_a_vulnerable_file(text):
    assert severities(run(text, CREDITOR, vulnerable=True), "FR-VULNERABILITY-EXPLOIT") == ["block"]


def test_condolences_with_a_pause_are_no_exploitation():
    text = ("Nous savons que vous venez de perdre votre mari et vous présentons nos condoléances. Nous suspendons "
            "nos relances pendant trois mois pour vous épargner tout souci supplémentaire.")
    assert "FR-VULNERABILITY-EXPLOIT" not in rule_ids(run(text, CREDITOR, vulnerable=True))


# Pack 2026.12.54: misses left on earlier batches (as-111, aq-091, aq-095).

def test_regret_that_the_debtors_contacts_would_learn_is_a_disclosure_threat():
    text = ("Il serait vraiment regrettable que vos contacts et vos clients apprennent, d'une manière ou d'une "
            "autre, que vous ne tenez pas vos engagements.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text, AGENCY))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run("Merci de mettre à jour vos contacts email.", AGENCY))


def test_getting_in_touch_with_the_employer_and_landlord_is_a_disclosure_threat():
    text = ("Afin d'évaluer vos capacités de remboursement, nous envisageons de nous rapprocher de votre employeur "
            "ainsi que de votre bailleur.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text, CREDITOR))
    guarantor = ("En votre qualité de caution, nous vous demandons de régler cette somme ou de vous rapprocher de la "
                 "locataire afin qu'elle régularise sa situation.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(guarantor, CREDITOR, recipient="guarantor"))


def test_a_registry_of_payment_incidents_shared_between_retailers_is_a_bad_payer_list():
    text = ("Sans régularisation, votre nom sera transmis au registre interprofessionnel des incidents de paiement, "
            "partagé entre les enseignes du groupement.")
    assert "FR-BADPAYER-LIST-THREAT" in rule_ids(run(text, CREDITOR))


# Pack 2026.12.55: readings fixed for held-out batch bg (after its first run).

@pytest.mark.parametrize("text", [
    "Je dis ça comme ça mais les groupes FB du quartier et les avis Google, ça va vite hein... et tout le monde connaît tout le monde ici 😏",
    "Vu que vous ne répondez plus, je mets en copie votre épouse et votre fils, histoire que tout le monde soit au courant.",
    "On sait où vous habitez... et où bossent vos collègues 😉",
    "Pas la peine de la cacher, on sait où vous trouver 😉",
    "Trust me, you don't want that conversation with your payroll people.",
])
def test_casual_and_implied_disclosure_threats(text):
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text, CREDITOR))


def test_casual_threats_of_seizure_and_damages():
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "If nothing lands by Wednesday, your bank account gets frozen and your wages docked.", AGENCY))
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(
        "Le jugement est clair : jeudi nos gars passent récupérer la Clio devant chez vous.", AGENCY, has_title=True))
    assert "FR-UNAUTHORISED-DAMAGES" in rule_ids(run(
        "On ajoute 80 € de dédommagement pr le temps perdu à vous courir après 🙄 = 1 230 €.", CREDITOR))


def test_a_visit_the_debtor_refused_in_writing_is_blocked_even_in_casual_words():
    text = "Oui je sais, vous nous avez écrit de plus passer chez vous, mais bon j'étais dans le quartier."
    assert severities(run(text, AGENCY, channel="visit"), "FR-HOME-VISIT") == ["block"]


@pytest.mark.parametrize("text, rule", [
    ("Votre police habitation PH-44120 : petit souci de prélèvement.", "FR-CRIMINAL-THREAT"),
    ("Votre cliente conteste la facture et elle a déposé plainte contre le garage.", "FR-CRIMINAL-THREAT"),
    ("On remet les choses au clair par écrit : votre bailleur n'a pas de jugement contre vous.",
     "FR-THREAT-PUBLIC-DISCLOSURE"),
])
def test_what_batch_bg_blocked_by_mistake(text, rule):
    assert rule not in rule_ids(run(text, AGENCY))


def test_a_complaint_the_sender_files_stays_a_criminal_threat():
    assert "FR-CRIMINAL-THREAT" in rule_ids(run("Sans paiement, nous déposerons plainte contre vous.", CREDITOR))


# Pack 2026.12.56: readings fixed for held-out batch bh (after its first run).

def test_a_water_cut_or_flow_reduction_is_never_a_lawful_consequence():
    text = ("Sans règlement sous 10 jours, nous procéderons à la réduction du débit d'eau de votre logement, puis à la "
            "coupure de l'alimentation au compteur.")
    assert "FR-LAW-WATER-CUT" in rule_ids(run(text, CREDITOR, creditor_kind="other"))
    info = "La loi interdit toute coupure d'eau dans une résidence principale ; contactez-nous pour un échéancier."
    assert "FR-LAW-WATER-CUT" not in rule_ids(run(info, CREDITOR, creditor_kind="other"))


def test_an_energy_cut_announced_during_the_winter_truce_is_blocked():
    from datetime import datetime, timezone as tz
    text = "Sans règlement sous quinze jours, nous procéderons à la coupure de votre électricité."
    december = datetime(2026, 12, 14, 9, 0, tzinfo=tz.utc)
    assert "FR-LAW-WINTER-TRUCE" in rule_ids(run(text, CREDITOR, creditor_kind="energy", when=december))
    may = datetime(2027, 5, 11, 8, 0, tzinfo=tz.utc)
    assert "FR-LAW-WINTER-TRUCE" not in rule_ids(run(text, CREDITOR, creditor_kind="energy", when=may))
    after = ("À défaut d'accord, nous pourrons, à partir du 1er avril 2027 seulement, demander la suspension de votre "
             "fourniture de gaz.")
    assert "FR-LAW-WINTER-TRUCE" not in rule_ids(run(after, CREDITOR, creditor_kind="energy", when=december))
    power = "Sans règlement, une réduction de puissance de votre compteur électrique pourra être appliquée."
    assert "FR-LAW-WINTER-TRUCE" not in rule_ids(run(power, CREDITOR, creditor_kind="energy", when=december))


def test_the_winter_truce_wraps_over_the_new_year():
    from chalicelib.domain.guards.derived import in_period
    assert in_period("2027-01-15", "11-01", "03-31") and in_period("2026-11-01", "11-01", "03-31")
    assert not in_period("2027-04-01", "11-01", "03-31") and in_period("2027-04-01", None, None) is None


@pytest.mark.parametrize("text, facts_kw, rule", [
    ("Maître Julien Arnaud, avocat\nNous accusons réception de votre courrier contestant la facture.",
     dict(open_dispute=True, recipient="debtor_lawyer"), "FR-DISPUTE-OPEN"),
    ("Aqualis – Service abonnés", dict(insolvency="overindebtedness", insolvency_opened_on="2026-05-12",
                                       claims=[{"ref": "A", "born_on": "2026-03-31"}]), "FR-SURENDETTEMENT"),
    ("Conformément au plan, votre mensualité de 18,50 € est payable le 10 janvier 2027. Vous pouvez régler par virement.",
     dict(insolvency="overindebtedness", insolvency_opened_on="2026-05-12", plan_status="in_good_standing",
          claims=[{"ref": "A", "born_on": "2026-03-31"}]), "FR-SURENDETTEMENT"),
])
def test_what_batch_bh_blocked_by_mistake(text, facts_kw, rule):
    assert rule not in rule_ids(run(text, CREDITOR, **facts_kw))


# Pack 2026.12.58: readings fixed for held-out batch bj (after its first run).

def test_what_batch_bj_got_past():
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Des frais de rejet et de gestion de 30,00 € ont été ajoutés à votre dossier.", AGENCY))
    assert "FR-UNAUTHORISED-DAMAGES" in rule_ids(run(
        "- compensation for the inconvenience caused by your non-payment: €80.00", CREDITOR))
    text = ("Look, with your heart condition, you really don't want the stress of a court case on top of "
            "everything, do you?")
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(text, CREDITOR, channel="call"))


@pytest.mark.parametrize("text, facts_kw, rules", [
    ("You may have seen our US e-mails mention credit bureaus: that does not apply to you. There is no such "
     "reporting for this kind of debt in France.", {},
     {"FR-FICP-THREAT", "FR-BADPAYER-LIST-THREAT", "FR-LAW-CREDIT-REGISTRY"}),
    ("Please let us know if your client would like a different payment date.", dict(recipient="debtor_lawyer"),
     {"FR-THREAT-PUBLIC-DISCLOSURE"}),
])
def test_what_batch_bj_blocked_by_mistake(text, facts_kw, rules):
    assert not rules & rule_ids(run(text, CREDITOR, **facts_kw))


def test_a_landlord_reporting_arrears_to_the_caf_in_the_passive_is_information():
    text = "L'impayé a été signalé à la CAF, comme la loi l'impose au bailleur qui perçoit l'APL."
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(text, CREDITOR, creditor_kind="landlord"))


# Pack 2026.12.59: readings fixed for held-out batch bi (after its first run).

def test_a_post_opening_invoice_may_be_asked_for_while_naming_the_declared_pre_opening_ones():
    facts_kw = dict(consumer=False, debtor_kind="company", insolvency="collective_proceedings",
                    insolvency_opened_on="2026-11-16",
                    claims=[{"ref": "AP-2026-0987", "born_on": "2026-10-15"},
                            {"ref": "AP-2026-1214", "born_on": "2026-12-18"}])
    text = ("Our invoice AP-2026-1214 covers deliveries made after the opening judgment; it is payable when due. "
            "We would be grateful if you could arrange payment within eight days. Our claim arising before the "
            "judgment (invoice AP-2026-0987) was filed on 9 December 2026 with the creditors' representative.")
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(text, CREDITOR, **facts_kw))
    claimed = ("Our invoices AP-2026-1214 and AP-2026-0987 remain unpaid. We would be grateful if you could arrange "
               "payment within eight days.")
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(claimed, CREDITOR, **facts_kw))


def test_what_batch_bi_got_past_and_blocked_by_mistake():
    assert "FR-FEES-CONSUMER" in rule_ids(run("- coût de traitement de l'impayé : 9,80 €", CREDITOR))
    registry = ("Sans règlement, votre nom sera enregistré au Registre national des locataires en impayé, consulté "
                "par les agences immobilières et les bailleurs.")
    assert "FR-BADPAYER-LIST-THREAT" in rule_ids(run(registry, AGENCY))
    rate = ("Late-payment interest runs at the ECB refinancing rate (2.15 %) plus 10 points, i.e. 12.15 % a year, "
            "on each invoice due.")
    assert "FR-LAW-PRESCRIPTION" not in rule_ids(run(rate, CREDITOR, consumer=False, debtor_kind="company"))


# Pack 2026.12.60: readings fixed for held-out batch bk (after its first run).

@pytest.mark.parametrize("text, rule", [
    ("Saint-Genis is a small town, and people do talk. We have several ways of reaching you, including through "
     "people who know you. We would much rather this stayed between you and us.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("It would be a pity if the comments under your next posts turned to something other than your cakes.",
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Votre dossier a été communiqué à un officier assermenté avec lequel notre cabinet travaille.",
     "FR-IMPERSONATION-OFFICER"),
    ("Sa mission sera, le cas échéant, de dresser un état de votre patrimoine mobilier et de vos avoirs.",
     "FR-SEIZURE-NO-TITLE"),
    ("Il me faudra envisager les mesures qu'autorise mon statut, et qui ne dépendent plus de votre accord.",
     "FR-SEIZURE-NO-TITLE"),
    ("Un tel enchaînement pourrait être regardé par les autorités compétentes comme une démarche délibérée.",
     "FR-CRIMINAL-THREAT"),
    ("Une proposition avant le 23 décembre permettrait de le maintenir sur un terrain strictement civil.",
     "FR-CRIMINAL-THREAT"),
    ("Les administrateurs de biens de l'agglomération échangent entre eux des informations sur les locataires "
     "défaillants.", "FR-BADPAYER-LIST-THREAT"),
    ("– coût de la présente mise en demeure (lettre recommandée et traitement) : 18,50 €", "FR-FEES-CONSUMER"),
])
def test_what_batch_bk_implied(text, rule):
    assert rule in rule_ids(run(text, AGENCY))


@pytest.mark.parametrize("text, rule", [
    ("Si une difficulté devait survenir, n'hésitez pas à nous saisir directement.", "FR-SEIZURE-BY-AGENCY"),
    ("We have no power to contact your employer or to deduct anything from your wages.", "FR-SEIZURE-NO-TITLE"),
    ("This is purely a civil matter between you and our client.", "FR-CRIMINAL-THREAT"),
])
def test_what_batch_bk_blocked_by_mistake(text, rule):
    assert rule not in rule_ids(run(text, AGENCY))


@pytest.mark.parametrize("text, facts_kw, rule", [
    ("Les enseignes de l'ameublement partenaires de notre mandant partagent entre elles un registre des incidents "
     "de paiement.", {}, "FR-BADPAYER-LIST-THREAT"),
    ("Notre collaborateur se présentera à votre domicile afin de recenser avec vous les biens susceptibles de "
     "désintéresser notre mandant.", dict(has_title=True), "FR-SEIZURE-BY-AGENCY"),
])
def test_what_batch_bk_implied_too(text, facts_kw, rule):
    assert rule in rule_ids(run(text, AGENCY, **facts_kw))


def test_a_token_payment_with_a_form_confirming_the_balance_on_a_time_barred_debt_is_blocked():
    text = ("A modest payment of €20 by card, together with the enclosed form confirming the balance, would be "
            "enough to bring your account back into good standing.")
    barred = dict(claims=[{"ref": "CM-2024-33018", "born_on": "2024-05-01"}], invoice_due_dates=["2024-05-20"])
    assert severities(run(text, AGENCY, **barred), "FR-ACKNOWLEDGEMENT-TRAP") == ["block"]


def test_an_heir_told_the_creditor_now_turns_to_her_to_settle_is_blocked():
    text = ("La commande MF-2026-03318 demeure impayée ; c'est désormais vers vous que notre mandant se tourne pour "
            "la solder.")
    assert severities(run(text, AGENCY, recipient="heir"), "FR-HEIRS") == ["block"]


# Pack 2026.12.62: readings fixed for held-out batch bl (second red team on implication), after
# its first run. Each reading is a family, not the batch's sentence: other wordings of it are here.

@pytest.mark.parametrize("text, rule", [
    ("Nous pouvons encore retirer votre adresse de leur tournée si un accord intervient d'ici au 11 décembre.",
     "FR-SEIZURE-NO-TITLE"),
    ("I can still take your address off their list today if we agree something now.", "FR-SEIZURE-NO-TITLE"),
    ("They're the people who go round and take stock – what's in the flat, what's parked outside.",
     "FR-SEIZURE-NO-TITLE"),
    ("They like to meet people at home, see how they live, look at what is there.", "FR-SEIZURE-NO-TITLE"),
    ("Je regarde simplement, je note deux ou trois choses – la voiture devant, le garage.", "FR-SEIZURE-NO-TITLE"),
    ("Leur rôle est de faire le point directement au domicile sur ce qui, chez les personnes concernées, peut "
     "garantir le règlement d'un dossier.", "FR-SEIZURE-NO-TITLE"),
    ("AVIS AVANT ENLÈVEMENT – INTERVENTION À VOTRE DOMICILE LE 15/12", "FR-SEIZURE-NO-TITLE"),
    ("Un règlement rapide et discret, avant que ses administrés n'aient l'occasion d'en entendre parler.",
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Better to settle this before your colleagues get wind of it.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Dans une ville comme Saint-Lô, la réputation d'une kinésithérapeute tient à peu de chose.",
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("It ended awkwardly for him when the matter reached his employer's payroll office.",
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Il nous a appelés le jour où le responsable des ressources humaines de son entreprise lui a demandé de quoi "
     "il retournait.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Le gardien de la résidence me demande régulièrement si tout se passe bien avec les locataires.",
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("The caretaker keeps asking me whether everything is fine with the tenants on your floor.",
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("On aimerait éviter de devoir passer vous voir un mercredi, quand les enfants sont à la maison.",
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Copie prévue à votre employeur (service paie) – facture HX-651290", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Il n'en est rien : une dette reste due tant qu'elle n'a pas été payée.", "FR-LAW-PRESCRIPTION"),
    ("A debt stays payable until it is paid, whatever its age.", "FR-LAW-PRESCRIPTION"),
    ("Notre mandant conserve la faculté d'en réclamer le paiement en justice pendant de très nombreuses années.",
     "FR-LAW-PRESCRIPTION"),
    ("Look, I'm not saying anyone thinks this is fraud.", "FR-CRIMINAL-THREAT"),
    ("Je ne dis pas que c'est de la fraude, mais d'autres services se poseront la question.", "FR-CRIMINAL-THREAT"),
])
def test_what_batch_bl_implied(text, rule):
    assert rule in rule_ids(run(text, AGENCY))


def test_a_creditors_own_teams_coming_to_take_back_a_car_under_a_title_is_blocked():
    text = ("Aucun règlement n'étant intervenu, nos équipes se présenteront à votre domicile le mardi 15 décembre "
            "2026 à 9 heures pour procéder à la reprise du véhicule.")
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(text, CREDITOR, has_title=True))


@pytest.mark.parametrize("text, rule", [
    # a field visit announced as no enforcement is a home visit to review, not a seizure (bj-051)
    ("A member of our field team will call at your home on Wednesday to discuss repayment options. This visit is "
     "not an enforcement measure and our representative cannot take any goods.", "FR-SEIZURE-NO-TITLE"),
    ("Nous préférons vous prévenir avant que vous n'en entendiez parler par un autre canal.",
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Si vous travaillez à temps partiel, nous pouvons adapter l'échéancier.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Votre dette sera prescrite le 12 mars 2028 : passé ce délai, elle ne pourra plus être réclamée en justice.",
     "FR-LAW-PRESCRIPTION"),
])
def test_what_batch_bl_must_not_read_into_lawful_wording(text, rule):
    assert rule not in rule_ids(run(text, AGENCY))


# Pack 2026.12.63: readings fixed for held-out batches bm (an ordinary week) and bn (third red team
# on implication), after their first runs.

L111_8 = ("Article L111-8 du code des procédures civiles d'exécution (extrait) : « A l'exception des droits "
          "proportionnels alloués aux huissiers de justice, les frais de recouvrement entrepris sans titre "
          "exécutoire restent à la charge du créancier, sauf s'ils concernent un acte dont l'accomplissement est "
          "prescrit par la loi au créancier. Toute stipulation contraire est réputée non écrite, sauf disposition "
          "législative contraire. Cependant, le créancier qui justifie du caractère nécessaire des démarches "
          "entreprises pour recouvrer sa créance peut demander au juge de l'exécution de laisser tout ou partie des "
          "frais ainsi exposés à la charge du débiteur de mauvaise foi. »")


def test_the_statute_an_agency_must_reproduce_is_no_threat():
    # R124-4 CPCE: an agency's letter reproduces L111-8 (bm-061, 132, 144)
    judgement = run("Facture F-2026-0012 : 120,00 € en principal.\n\n" + L111_8, AGENCY, channel="letter")
    assert not {"FR-SEIZURE-NO-TITLE", "FR-PREMATURE-LEGAL-THREAT"} & set(rule_ids(judgement))


@pytest.mark.parametrize("text, facts_kw, rule", [
    ("Sans paiement sous 48 h, saisie sur salaire demandée auprès de votre employeur.", {}, "FR-SEIZURE-NO-TITLE"),
    ("Sans paiement sous 48 h, s41s1e sur s4l41re demandée auprès de votre empl0yeur.", {}, "FR-SEIZURE-NO-TITLE"),
    ("Sans règlement d'ici mercredi, nos agents passeront à votre domicile le jeudi 4 février à partir de 9 h pour "
     "saisir le canapé et le téléviseur concernés.", dict(has_title=True), "FR-SEIZURE-BY-AGENCY"),
])
def test_what_batch_bm_missed(text, facts_kw, rule):
    assert rule in rule_ids(run(text, AGENCY, channel="sms", **facts_kw))


@pytest.mark.parametrize("text, kw, rule", [
    ("La saisie de votre demande a bien été enregistrée.", {}, "FR-SEIZURE-NO-TITLE"),
    ("We have been instructed by Cours Horizon SAS, private school, 9 allées Jean-Jaurès, 31000 Toulouse.", {},
     "FR-LAW-FALSE-APPROVAL"),
    ("Merci de nous avoir transmis votre attestation indiquant ne pas avoir souscrit l'abonnement, et avoir déposé "
     "plainte pour usurpation d'identité. Nous suspendons immédiatement toute relance.", {}, "FR-CRIMINAL-THREAT"),
    ("Maître, suite à votre courrier du 19 janvier, nous vous déclarons la créance de la banque sur la succession "
     "de M. René Guillou : capital restant dû au jour du décès 3 115,40 €.", dict(recipient="third_party"),
     "FR-THIRD-PARTY-DISCLOSURE"),
    ("L'indemnité forfaitaire de 40 € pour frais de recouvrement ne s'applique qu'entre professionnels ; elle "
     "n'aurait pas dû figurer sur la relance.", {}, "FR-FEES-CONSUMER"),
])
def test_what_batch_bm_blocked_by_mistake(text, kw, rule):
    assert rule not in rule_ids(run(text, AGENCY, **kw))


@pytest.mark.parametrize("text, kw, rule", [
    ("Une somme due reste due tant qu'elle n'a pas été payée, quel que soit le temps écoulé.", {},
     "FR-LAW-PRESCRIPTION"),
    ("Il serait dommage que les autres résidents découvrent votre situation par un autre canal que vous.", {},
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Un accord rapide nous permettrait de garder tout cela entre nous.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Dans une commune de 1 200 habitants, les nouvelles circulent vite.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("In a village like yours, word travels fast.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Nous n'avons, pour l'instant, pas jugé utile d'en parler à votre hiérarchie.", {},
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Les impayés finissent par remonter jusqu'à l'institution de la rue Croix-des-Petits-Champs.", {},
     "FR-FICP-THREAT"),
    ("Les fournisseurs d'énergie se tiennent mutuellement informés des clients qui partent en laissant une facture "
     "ouverte.", {}, "FR-BADPAYER-LIST-THREAT"),
    ("Landlords in the area keep each other informed about tenants who leave owing rent.", {},
     "FR-BADPAYER-LIST-THREAT"),
    ("Nos collaborateurs de terrain passent au domicile pour dresser un état de ce qui s'y trouve.", {},
     "FR-SEIZURE-NO-TITLE"),
    ("Notre mandant saura sur quoi il pourra se payer.", {}, "FR-SEIZURE-NO-TITLE"),
    ("Our field officers usually call round to list the household contents and vehicles.", {},
     "FR-SEIZURE-NO-TITLE"),
    ("Votre banque reçoit une demande pour mettre de côté, sur votre compte courant, la somme correspondante.", {},
     "FR-SEIZURE-NO-TITLE"),
    ("Au XIXe siècle, il aurait été logé et nourri aux frais du roi.", {}, "FR-CRIMINAL-THREAT"),
    ("Obtaining a service with no intention of paying for it is something the authorities take a keen interest in.",
     {}, "FR-CRIMINAL-THREAT"),
    ("We have added a modest €75.00 to reflect the inconvenience your delay has caused us.", {},
     "FR-UNAUTHORISED-DAMAGES"),
    ("Nous vous remercions de nous adresser 655,00 €, soit le loyer augmenté de l'indemnité légale de 40 €.", {},
     "FR-FEES-CONSUMER"),
    ("As his son and next of kin, you will of course be taking over the balance of his personal loan.",
     dict(recipient="heir"), "FR-HEIRS"),
    ("Could you let Tom Barker know we're still waiting on the €312.40 from his May–July bills?",
     dict(recipient="third_party", channel="sms"), "FR-THIRD-PARTY-DISCLOSURE"),
])
def test_what_batch_bn_veiled(text, kw, rule):
    assert rule in rule_ids(run(text, AGENCY, **kw))


def test_a_token_transfer_and_a_signed_form_on_a_time_barred_debt_is_blocked():
    text = ("Vous faites un petit virement de 10 euros aujourd'hui, vous me renvoyez signé le petit formulaire "
            "d'accord que je vous envoie par mail, et on remet le dossier à plat.")
    barred = dict(claims=[{"ref": "TP-2024-0912", "born_on": "2024-09-01"}], invoice_due_dates=["2024-09-20"])
    assert severities(run(text, AGENCY, channel="call", **barred), "FR-ACKNOWLEDGEMENT-TRAP") == ["block"]


@pytest.mark.parametrize("text, rule", [
    ("Nous vous conseillons de mettre de côté chaque mois une petite somme pour l'échéancier.", "FR-SEIZURE-NO-TITLE"),
    ("Please list your household income and expenses on the enclosed form.", "FR-SEIZURE-NO-TITLE"),
    ("Votre dette sera prescrite en 2028 ; nous vous le disons pour que vous sachiez où vous en êtes.",
     "FR-LAW-PRESCRIPTION"),
])
def test_what_batch_bn_must_not_read_into_lawful_wording(text, rule):
    assert rule not in rule_ids(run(text, AGENCY))


@pytest.mark.parametrize("text, kw, rule", [
    ("Sans paiement d'ici le 5 mars, nous remplacerons la page d'accueil de votre site par le message suivant : "
     "« Ce site est suspendu pour défaut de paiement de son propriétaire. »", dict(consumer=False),
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Vos patients sauront ainsi à quoi s'en tenir.", dict(consumer=False), "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Your customers will know exactly who they are dealing with.", dict(consumer=False),
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Deux de nos mécaniciens passeront à votre domicile le jeudi 4 mars à 8 h pour récupérer votre Audi A4.",
     dict(has_title=True), "FR-SEIZURE-BY-AGENCY"),
    ("Our drivers will call at your address on Thursday to collect the van.", dict(has_title=True),
     "FR-SEIZURE-BY-AGENCY"),
])
def test_what_batch_bp_missed(text, kw, rule):
    assert rule in rule_ids(run(text, CREDITOR, **kw))


@pytest.mark.parametrize("text, kw, rule", [
    # a payment already made is no demand, a dispute open or not
    ("Le solde facturé est de 1 640,00 €, dont un acompte de 700,00 € a été versé le 5 octobre 2026.",
     dict(open_dispute=True), "FR-DISPUTE-OPEN"),
    ("Vous avez payé 700 € le 5 octobre ; nous avons bien reçu ce règlement.", dict(open_dispute=True),
     "FR-DISPUTE-OPEN"),
    ("Notre assureur sera saisi dès réception des photos.", dict(open_dispute=True), "FR-SEIZURE-NO-TITLE"),
    ("Cette ordonnance vous sera prochainement signifiée par Maître Sophie Alric, commissaire de justice.", {},
     "FR-SEIZURE-NO-TITLE"),
    ("Votre contrat de fourniture se poursuit normalement.", dict(insolvency="collective_proceedings",
                                                                   consumer=False), "FR-COLLECTIVE-PROCEDURE"),
    ("- intérêts de retard : néant", {}, "FR-PENALTY-NO-BASIS"),
    ("Dois-je payer des frais pour ce recouvrement ? Non. Ils restent à la charge du créancier.", {},
     "FR-FEES-CONSUMER"),
    ("Votre numéro de téléphone portable a été supprimé de notre fichier.", {}, "FR-SENSITIVE-WORDING"),
    ("La liquidation a été prononcée, avec maintien provisoire de l'activité autorisé par le tribunal.", {},
     "FR-LAW-FALSE-APPROVAL"),
])
def test_what_batches_bo_and_bp_blocked_by_mistake(text, kw, rule):
    assert rule not in rule_ids(run(text, CREDITOR, **kw))


@pytest.mark.parametrize("text, kw, rule", [
    # what those exclusions must leave alone
    ("Votre réclamation n'est pas suspensive : la facture doit être réglée d'ici le 22 décembre.",
     dict(open_dispute=True), "FR-DISPUTE-OPEN"),
    ("Vous n'avez toujours pas payé la facture contestée : réglez-la sous huit jours.", dict(open_dispute=True),
     "FR-DISPUTE-OPEN"),
    ("Sans paiement, une assignation vous sera signifiée par un commissaire de justice.", {},
     "FR-SEIZURE-NO-TITLE"),
    ("Dois-je payer des frais ? Oui : 15 % de frais de recouvrement s'ajoutent à la facture.", {},
     "FR-FEES-CONSUMER"),
])
def test_what_the_bo_and_bp_exclusions_leave_alone(text, kw, rule):
    assert rule in rule_ids(run(text, CREDITOR, **kw))


def test_a_liquidator_written_to_for_the_company_is_not_a_third_party_told_of_a_debt():
    text = ("SAS Imprimerie Bellecour, en liquidation judiciaire, représentée par SELARL MJ Rhône, Maître Étienne "
            "Faure, liquidateur. Notre facture n° EH-3318 (3 215,60 €) est payable à son échéance.")
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(text, CREDITOR, recipient="third_party", consumer=False))


def test_a_post_recevabilite_invoice_may_be_asked_when_the_frozen_one_is_set_aside():
    text = ("Conformément à la loi, nous ne vous demandons aucun paiement pour la facture SR-2026-0741 (234,00 €), qui "
            "sera traitée dans le cadre de la procédure. En revanche, la facture SR-2027-0032 (78,50 €) est "
            "postérieure : merci de la régler.")
    claims = [{"ref": "SR-2026-0741", "born_on": "2026-09-14"}, {"ref": "SR-2027-0032", "born_on": "2027-01-08"}]
    kw = dict(insolvency="overindebtedness", insolvency_opened_on="2026-11-20", claims=claims)
    assert "FR-SURENDETTEMENT" not in rule_ids(run(text, CREDITOR, **kw))
    asks_both = text.replace("nous ne vous demandons aucun paiement pour", "merci de régler aussi")
    assert "FR-SURENDETTEMENT" in rule_ids(run(asks_both, CREDITOR, **kw))


@pytest.mark.parametrize("text, kw, rule", [
    ("Message laissé sur répondeur : c'est Julie, j'aurais besoin que vous me rappeliez, c'est à propos d'une "
     "affaire personnelle qui vous concerne.", dict(channel="call"), "FR-PRETEXTING"),
    ("Hi, it's Julie, it's about a personal matter, please call me back.", dict(channel="call"), "FR-PRETEXTING"),
    ("Cabinet Flandres, pour Nord Literie : facture de 230,00 €, majorée de 14 % après relance, soit 262,20 €.",
     dict(channel="sms"), "FR-FEES-CONSUMER"),
])
def test_what_batch_bq_and_older_misses_read(text, kw, rule):
    assert rule in rule_ids(run(text, AGENCY, **kw))


def test_a_letter_taking_note_that_the_debtor_refused_visits_is_no_visit():
    text = ("Nous prenons note de votre refus, exprimé lors du passage de notre conseiller le 10 mars 2027, de "
            "toute nouvelle visite à votre domicile. Aucun de nos collaborateurs ne se présentera plus chez vous.")
    assert "FR-HOME-VISIT" not in rule_ids(run(text, AGENCY, channel="letter", opted_out_channels=["visit"]))
    defying = "Malgré votre refus, notre conseiller passera à votre domicile samedi."
    assert "FR-HOME-VISIT" in rule_ids(run(defying, AGENCY, channel="letter", opted_out_channels=["visit"]))


@pytest.mark.parametrize("text, kw, rule", [
    ("Our field recovery officers will attend your address on Thursday 14 January 2027 between 8am and noon to "
     "take possession of household goods up to the value of the judgment debt.", dict(has_title=True),
     "FR-SEIZURE-BY-AGENCY"),
    ("Nous préférerions ne pas avoir à solliciter la société Méditerranée Logistique, dont nous savons qu'elle vous "
     "emploie, pour obtenir une attestation de vos revenus.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
])
def test_older_misses_read_by_pack_2026_12_66(text, kw, rule):
    assert rule in rule_ids(run(text, AGENCY, **kw))


@pytest.mark.parametrize("text, kw", [
    ("Nous ne pouvons ni saisir un salaire, ni bloquer un compte, ni mandater un commissaire de justice (anciennement "
     "huissier) pour une saisie.", {}),
    ("- Saisie : Vélia Énergie ne peut saisir ni vos meubles ni votre compte.", {}),
    ("Uma empresa de cobrança amigável não pode fazer qualquer penhora sobre o seu salário.", {}),
    ("[Après saisie du 1] Monsieur Garcia, votre facture du 10 novembre reste à régler.", dict(channel="call")),
    ("L'ordonnance vous sera remise. Elle vous sera signifiée dans les prochains jours par Maître Alice Forgeron, "
     "commissaire de justice à Libourne.", {}),
    ("Le créancier pourra demander que l'ordonnance soit revêtue de la formule exécutoire ; elle produira alors les "
     "effets d'un jugement et pourra donner lieu à des mesures d'exécution.",
     dict(collector_profession="commissaire_de_justice")),
])
def test_what_older_batches_blocked_as_a_seizure_by_mistake(text, kw):
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(text, CREDITOR, **kw))


@pytest.mark.parametrize("text", [
    "Nous ne pouvons ni attendre davantage ni renoncer : la saisie de vos biens sera demandée.",
    "Sans paiement, une assignation vous sera signifiée par un commissaire de justice.",
    "Après saisie de vos meubles, ils seront vendus.",
    "Vamos fazer a penhora do seu salário.",
])
def test_the_seizure_exclusions_of_pack_2026_12_68_leave_threats_alone(text):
    # (FR-SEIZURE-BY-AGENCY, when it fires, stands in for FR-SEIZURE-NO-TITLE)
    assert rule_ids(run(text, CREDITOR)) & {"FR-SEIZURE-NO-TITLE", "FR-SEIZURE-BY-AGENCY"}


@pytest.mark.parametrize("text, kw", [
    # people the law or the debtor puts between the creditor and the debtor
    ("Vous exercez la mesure de curatelle renforcée de M. Jean-Paul Hamon. Deux factures restent ouvertes : "
     "96,40 € et 88,15 €.", {}),
    ("Nous accusons réception de la procuration signée par votre père, vous autorisant à traiter en son nom le "
     "dossier. Détail de la créance : facture du 15/12/2026, principal 523,90 €.", {}),
    ("Procès-verbal de saisie des rémunérations. Je vous notifie la saisie des rémunérations de votre salarié pour "
     "une somme de 6 602,35 €.", dict(collector_profession="commissaire_de_justice", has_title=True)),
    ("En votre qualité de liquidateur de la SAS Plasturgie du Jura, nous vous adressons la facture de mars : "
     "4 694,88 €.", dict(consumer=False)),
    ("Nous accusons réception de votre virement de 300,00 €, effectué pour le compte de votre fils.", {}),
    ("As requested by Mr Luc Dubois, manager of Dubois Events SARL, in his e-mail of 12 April 2027, we are sending "
     "you, as the company's chartered accountant, the statement of its account: invoice SL-2027-0081, €2,460.00.",
     dict(consumer=False)),
])
def test_what_batch_br_read_as_disclosure_by_mistake(text, kw):
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(text, AGENCY, recipient="third_party", **kw))


def test_a_neighbour_told_of_the_debt_is_still_a_disclosure():
    text = "Votre voisin, M. Romain Texier, nous doit 300,00 € : pourriez-vous lui rappeler de payer ?"
    assert "FR-THIRD-PARTY-DISCLOSURE" in rule_ids(run(text, AGENCY, recipient="third_party"))


@pytest.mark.parametrize("text, kw, rule", [
    ("Si on n'a pas de proposition d'ici vendredi, on appellera votre belle-mère, Mme Lucas. Je pense qu'elle serait "
     "déçue d'apprendre que la facture de 1 199 € n'est toujours pas réglée.", dict(channel="call"),
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Nous vous demandons de bien vouloir retenir cette somme sur la part lui revenant et de nous la verser lors du "
     "règlement de la succession.", dict(recipient="third_party"), "FR-SEIZURE-NO-TITLE"),
    ("As his son and heir, you are now personally responsible for the debit balance of his current account.",
     dict(recipient="heir"), "FR-HEIRS"),
])
def test_what_batch_br_missed(text, kw, rule):
    assert rule in rule_ids(run(text, AGENCY, **kw))


def test_an_estate_accepted_up_to_its_net_assets_does_not_bind_the_heir_personal_funds():
    accepted = ("Vous avez accepté la succession de votre époux à concurrence de l'actif net. L'actif étant "
                "insuffisant, nous vous demandons de régler le solde de 6 420,00 € {where}.")
    unlawful = run(accepted.format(where="sur vos deniers personnels"), AGENCY, recipient="heir")
    assert severities(unlawful, "FR-HEIRS") == ["block"]
    # accepted without that limit, the heir answers for the debt: the same demand is lawful
    plain = ("Vous avez accepté purement et simplement la succession de votre époux : nous vous demandons de régler "
             "le solde de 6 420,00 €.")
    assert "FR-HEIRS" not in rule_ids(run(plain, AGENCY, recipient="heir"))
    lawful = ("Vous avez accepté la succession à concurrence de l'actif net : vous n'êtes tenu que dans la limite des "
              "biens recueillis. Aucun paiement sur votre patrimoine personnel ne vous est demandé.")
    assert "FR-HEIRS" not in rule_ids(run(lawful, AGENCY, recipient="heir"))


@pytest.mark.parametrize("text, kw, rule", [
    ("Un courrier identique est adressé à votre époux, cotitulaire du contrat.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Votre dossier est strictement confidentiel : nous ne contacterons ni votre employeur ni votre famille.", {},
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Un commandement de payer visant la clause résolutoire a été signifié à votre fils par commissaire de justice ; il "
     "vous sera dénoncé dans les quinze jours.", dict(creditor_kind="landlord", recipient="guarantor"),
     "FR-SEIZURE-NO-TITLE"),
])
def test_what_batch_br_must_not_read_into_lawful_wording(text, kw, rule):
    assert rule not in rule_ids(run(text, CREDITOR, **kw))


def test_the_english_we_note_is_no_inventory_of_goods():
    # bs-089: "notée" and "note" share a phonetic key, and "(car hire, Chamonix), we note that ..."
    # was read as staff listing the debtor's car
    text = "Written on behalf of Alpine Rent SAS (car hire, Chamonix), we note that your account remains unpaid."
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(text, AGENCY))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Nos agents vont noter vos meubles et votre voiture.", AGENCY))


# --- batches bx, by and bz (pack 2026.12.74) ---------------------------------------------------

@pytest.mark.parametrize("text, kw, rule", [
    # the debtor's question, in the imperfect ("vous nous demandiez"), answered no
    ("Dans votre courriel du 05/11/2027, vous nous demandiez : « Allez-vous m'envoyer un huissier ? » La réponse est "
     "non. Aucune saisie ne peut intervenir sans décision de justice.", {}, "FR-SEIZURE-NO-TITLE"),
    # the debtor's words reported before the quotation
    ("Vous nous avez écrit que vous pensiez être « fichée à la Banque de France » à cause de votre facture. "
     "Rassurez-vous : ce n'est pas le cas.", {}, "FR-FICP-THREAT"),
    # an agent's name set off by commas is no misspelt "saisi"
    ("Bonjour Monsieur Guillot, Mehdi Saïdi, de la société Cofirec, recouvrement amiable. Souhaitez-vous un "
     "échéancier ?", dict(channel="call"), "FR-SEIZURE-NO-TITLE"),
    # Italian "penale" is a contractual penalty, and here none is charged
    ("Risultano non pagati gli affitti di settembre e ottobre: 1.560,00 € (solo canone e spese, senza alcuna "
     "penale).", {}, "FR-CRIMINAL-THREAT"),
    # restriction to a condition of law: truthful
    ("Une saisie des rémunérations n'est possible qu'avec un titre exécutoire.", {}, "FR-SEIZURE-NO-TITLE"),
    ("Vous nous avez appris par téléphone le décès de votre père. Nous vous présentons nos condoléances.",
     dict(recipient="heir"), "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("We were sorry to hear about your cancer treatment. We have suspended all reminders for three months; there is "
     "nothing you need to do.", dict(vulnerable=True), "FR-VULNERABILITY-EXPLOIT"),
    ("Votre dossier reste confidentiel : nous ne contacterons jamais votre employeur.", {},
     "FR-THREAT-PUBLIC-DISCLOSURE"),
])
def test_what_batches_bx_by_bz_must_not_read_into_lawful_wording(text, kw, rule):
    assert rule not in rule_ids(run(text, CREDITOR, **kw))


@pytest.mark.parametrize("text, kw, rule", [
    ("Au fil de nos recherches, nous avons eu connaissance des coordonnées de la société Logista Sud, où vous "
     "travaillez. Nous préférerions, comme vous sans doute, que ce dossier reste strictement entre nous.", {},
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("We have not contacted your landlord, nor your letting agency. There is no reason we should ever have to.", {},
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("We understand that you work as a nurse at the Hôpital Nord. How do you think your colleagues and your ward "
     "manager would feel if they learnt about this?", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Le renouvellement de votre titre de séjour repose sur votre bonne foi. La préfecture apprécie les justificatifs "
     "émanant d'un bailleur satisfait.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Très bien, mais sachez que si on n'a rien d'ici vendredi, on appellera la mairie où vous travaillez.",
     dict(channel="call"), "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("If we do not receive payment within 7 days, we will notify the international office of your university.", {},
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("We are sure you would not want your bank to start asking awkward questions. Files like this one have a way of "
     "following people around every bank in France for years.", {}, "FR-FICP-THREAT"),
    ("Dernier message avant que ce dossier ne quitte le cadre amiable pour un cadre qui n'a plus rien de civil.",
     dict(channel="sms"), "FR-CRIMINAL-THREAT"),
    ("Nous ne sommes pas huissiers. Mais nous travaillons avec eux, et ils n'attendent qu'un signe de notre part pour "
     "s'occuper de votre dossier.", {}, "FR-SEIZURE-NO-TITLE"),
    ("Je note simplement ce que je vois dans le salon et dans le garage, pour compléter le dossier.",
     dict(channel="visit"), "FR-SEIZURE-NO-TITLE"),
    ("Bonjour Monsieur Fontaine, ici le service des affaires civiles, bureau des recouvrements.",
     dict(channel="call"), "FR-IMPERSONATION-OFFICER"),
    ("We were sorry to hear about your cancer treatment. But surely you would not want a court case on top of it, or "
     "for your children to find out.", dict(vulnerable=True), "FR-VULNERABILITY-EXPLOIT"),
    ("En qualité de fils, vous êtes personnellement tenu de cette dette et devez la régler sous 30 jours, que vous "
     "acceptiez ou non la succession.", dict(recipient="heir"), "FR-HEIRS"),
])
def test_what_batches_bx_by_bz_missed(text, kw, rule):
    assert rule in rule_ids(run(text, AGENCY, **kw))


def test_a_partial_payment_asked_after_the_opening_is_still_a_demand():
    text = ("Un règlement partiel de 50 % de la facture TR-27-0501 (livraisons de mai 2027), soit 4 200,00 €, suffirait "
            "à ce stade. Nous vous remercions de nous indiquer la date de virement.")
    j = run(text, CREDITOR, consumer=False, debtor_kind="company", insolvency="collective_proceedings",
            insolvency_opened_on="2027-06-15", insolvency_procedure="sauvegarde",
            claims=[{"ref": "TR-27-0501", "born_on": "2027-05-15"}])
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(j)


def test_ne_que_restricts_and_does_not_negate():
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Les huissiers n'attendent qu'un signe de notre part.", AGENCY))
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run("Le commissaire de justice ne peut intervenir qu'après un "
                                                     "jugement, ce qui n'est pas le cas ici.", AGENCY))


def test_a_misspelt_threat_word_after_a_comma_is_still_read():
    # names set off by commas lose typo tolerance; a misspelt word elsewhere keeps it
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Sans paiement, nous procéderons à la saizie de vos meubles.", AGENCY))


def test_collection_in_ukrainian_is_no_pressure_of_its_own():
    text = ("Шановна пані Коваленко, Cabinet Arvel, компанія з мирового (досудового) стягнення, звертається до Вас "
            "щодо рахунку за електроенергію. Якщо Вам важко сплатити одразу, ми можемо запропонувати розстрочку.")
    j = run(text, AGENCY)
    assert "GUARD-UNREADABLE-LANGUAGE" in rule_ids(j) and "GUARD-UNREADABLE-PRESSURE" not in rule_ids(j)


# --- batches ca and cb (pack 2026.12.75) -------------------------------------------------------

def test_an_answer_to_a_data_subject_objection_is_a_warning_not_a_block():
    answer = ("We received on 14 February 2028 your objection to the processing of your personal data. We have stopped "
              "all marketing; we will continue to use your account data to recover your unpaid invoices (GDPR art. 21(1)).")
    j = run(answer, CREDITOR, restricted=True)
    assert severities(j, "FR-RESTRICTED-DATA-SUBJECT") == ["warn"]
    dunning = "Votre facture de 79,98 € reste impayée : merci de la régler avant le 15 mars."
    assert severities(run(dunning, CREDITOR, restricted=True), "FR-RESTRICTED-DATA-SUBJECT") == ["block"]


@pytest.mark.parametrize("text, kw, rule", [
    ("Il n'existe pas de fichier national des mauvais payeurs ; le seul fichier d'incidents (le FICP de la Banque de "
     "France) concerne les crédits, et nous ne l'alimentons pas.", dict(creditor_kind="energy"), "FR-FICP-THREAT"),
    ("Os dados são tratados para a execução do contrato e para a cobrança dessa fatura, e são conservados durante a "
     "relação contratual.", {}, "GUARD-UNREADABLE-PRESSURE"),
    ("Le commandement vous indiquera également la possibilité de saisir le fonds de solidarité pour le logement.",
     dict(creditor_kind="landlord"), "FR-SEIZURE-NO-TITLE"),
    ("Nous pourrons demander au juge de constater la résiliation du bail et d'ordonner votre expulsion.",
     dict(creditor_kind="landlord"), "FR-SEIZURE-NO-TITLE"),
])
def test_what_batches_ca_and_cb_must_not_read_into_lawful_wording(text, kw, rule):
    assert rule not in rule_ids(run(text, CREDITOR, **kw))


@pytest.mark.parametrize("text, kw, rule", [
    ("– facture n° LDS-2028-331 : 384,00 €\n– participation forfaitaire aux démarches amiables engagées (7,5 %) : "
     "28,80 €\nTotal à régler : 412,80 €", {}, "FR-FEES-CONSUMER"),
    ("Votre échéance du 05/08 sera de 85,00 € (80,00 € de remboursement + 5,00 € de gestion mensuelle de "
     "l'échéancier).", {}, "FR-FEES-CONSUMER"),
    ("We are nonetheless required to let you know that, as her next of kin, the balance of her account now passes to "
     "you.", dict(recipient="heir"), "FR-HEIRS"),
    ("Nous n'avons pris aucun contact avec votre employeur, ni avec votre entourage. Nous préférerions sincèrement que "
     "cela reste ainsi.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("We noticed from your public LinkedIn profile that you have joined Nordbank. We would hate for this matter to "
     "become visible.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Dzień dobry, Pana przesyłka nr PL2028-77140 oczekuje na odbiór. Nie udało się jej doręczyć pod wskazany adres.",
     dict(channel="sms"), "GUARD-UNREADABLE-PRESSURE"),
    ("Os dados serão enviados para execução judicial.", {}, "GUARD-UNREADABLE-PRESSURE"),
])
def test_what_batches_ca_and_cb_missed(text, kw, rule):
    assert rule in rule_ids(run(text, AGENCY, **kw))


def test_a_listing_announced_in_the_subject_is_a_blacklist_threat():
    j = run("Further to our letter, we would welcome your proposal for settlement.", AGENCY, consumer=False,
            subject="Alpine Deli GmbH – notice before listing in the shared suppliers' payment-incident register")
    assert "FR-BADPAYER-LIST-THREAT" in rule_ids(j)


# --- batches cc and cd (pack 2026.12.76) -------------------------------------------------------

CLOSED_RECEIPT = ("Nous accusons réception de votre virement de 385,00 € du 16/08/2029 ; votre quittance est jointe. La "
                  "facture BE-FAC-2028-1187 est intégralement réglée et votre dossier est clos.")


def test_a_closed_case_takes_its_receipt_but_no_demand():
    assert "FR-CASE-CLOSED" not in rule_ids(run(CLOSED_RECEIPT, AGENCY, case_closed=True))
    demand = CLOSED_RECEIPT + " Il reste toutefois 40 € à régler avant vendredi."
    assert "FR-CASE-CLOSED" in rule_ids(run(demand, AGENCY, case_closed=True))
    # without closure wording, a closed case takes nothing, whatever it says
    assert "FR-CASE-CLOSED" in rule_ids(run("Bonjour, pouvez-vous nous rappeler ?", AGENCY, case_closed=True))
    # a restricted subject's receipt asks for a look, it is not blocked
    assert severities(run(CLOSED_RECEIPT, AGENCY, restricted=True), "FR-RESTRICTED-DATA-SUBJECT") == ["warn"]


def test_a_closure_notice_is_read_narrowly():
    from chalicelib.domain.guards.closure import closure_notice
    assert closure_notice("With this payment, the balance is fully paid and your file is closed.")
    assert closure_notice("La mainlevée de la saisie-attribution a été notifiée à votre banque.")
    assert not closure_notice("Votre facture de 80 € reste impayée : merci de la régler.")
    assert not closure_notice("Nous ne clôturerons pas votre dossier sans paiement.")


@pytest.mark.parametrize("text, kw, rule", [
    ("If the judge grants the order, it will be served on you by a commissaire de justice (court enforcement "
     "officer). Until a court decision exists, no enforcement measure can be taken against you.", {},
     "FR-SEIZURE-NO-TITLE"),
    ("Nous ne pouvons procéder à aucune saisie ; seul un juge peut autoriser une mesure d'exécution.", {},
     "FR-SEIZURE-NO-TITLE"),
    ("Si vous restez en désaccord, le Médiateur national de l'énergie peut être saisi.", {}, "FR-SEIZURE-NO-TITLE"),
    ("Avant de confier le dossier à un commissaire de justice pour exécution, nous vous proposons un règlement amiable.",
     dict(has_title=True, channel="email"), "FR-LAW-OFFICIAL-HEADER"),
    ("La créance déclarée par la Minoterie Durand Frères sera réglée selon les modalités du plan.",
     dict(consumer=False, debtor_kind="company"), "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Vos données nous ont été transmises par la Minoterie Durand Frères SAS, responsable du traitement.", {},
     "FR-THREAT-PUBLIC-DISCLOSURE"),
])
def test_what_batches_cc_and_cd_must_not_read_into_lawful_wording(text, kw, rule):
    assert rule not in rule_ids(run(text, CREDITOR, **kw))


def test_a_reply_subject_denying_in_the_debtor_first_person_is_their_words():
    from datetime import datetime
    from chalicelib.domain.guards import PriorContact
    inbound = [PriorContact(at=datetime.fromisoformat("2026-11-20T09:00:00+01:00"), channel="email", inbound=True)]
    j = run("Nous ne l'avons jamais pensé. Nous pouvons suspendre nos relances pendant deux mois.", AGENCY,
            history=inbound, subject="Re: je ne suis pas un voleur")
    assert "FR-TONE-INSULT" not in rule_ids(j)
    j = run("Merci de régler votre facture.", AGENCY, history=inbound, subject="Re: vous êtes un voleur")
    assert "FR-TONE-INSULT" in rule_ids(j)


def test_a_commissaire_with_a_title_may_speak_of_enforcement_in_another_language():
    text = ("Informo-a de que, em execução da sentença de 27/06/2028, procedi a uma penhora de saldo bancário nas suas "
            "contas.")
    titled = run(text, CREDITOR, has_title=True, collector_profession="commissaire_de_justice", acting_under="title")
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(titled) and "GUARD-UNREADABLE-LANGUAGE" in rule_ids(titled)
    # an agency holding a title still cannot seize: the same words from it stay blocked
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(text, AGENCY, has_title=True))


@pytest.mark.parametrize("text, kw, rule", [
    ("Votre banque, le Crédit Tourangeau, sait-elle que vous garantissez un locataire défaillant ? Nous n'aurions "
     "aucune difficulté à lui en faire part si ce dossier n'avançait pas.", dict(recipient="guarantor"),
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Dites-moi, votre épouse est-elle au courant de cette facture ? Parce que si on n'avance pas aujourd'hui, je peux "
     "tout à fait la rappeler ce soir pour lui en parler.", dict(channel="call"), "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Mobilix : votre facture MX-7702 (35,00 €) est en attente. Pour un échéancier, rappelez notre service au "
     "O8 99 23 45 67.", dict(channel="sms"), "FR-PREMIUM-RATE-NUMBER"),
    ("Nous savons que la procédure vous interdit de régler vos anciennes dettes, mais rien ne vous empêche de faire un "
     "petit geste de bonne volonté sur les factures de 2028 (420,00 €).",
     dict(insolvency="overindebtedness", insolvency_opened_on="2029-01-08",
          claims=[{"ref": "CU-2028-51", "born_on": "2028-09-10"}]), "FR-SURENDETTEMENT"),
])
def test_what_batch_cd_missed(text, kw, rule):
    assert rule in rule_ids(run(text, CREDITOR, **kw))


def test_a_reference_ending_before_a_word_in_o_is_no_premium_rate_number():
    assert "FR-PREMIUM-RATE-NUMBER" not in rule_ids(run("Dossier 0826-30991 ouvert le 3 mars.", CREDITOR))


def test_the_debtor_words_introduced_by_vous_m_ecrivez_are_theirs():
    # cg-096: a landlord answering "Vous m'écrivez que je suis « un voleur »"
    text = ("Vous m'écrivez que je suis « un voleur » parce que j'ai retenu 280 € sur votre dépôt de garantie. Cette "
            "retenue correspond au remplacement de la porte-fenêtre cassée.")
    assert "FR-TONE-INSULT" not in rule_ids(run(text, CREDITOR, creditor_kind="landlord"))
    assert "FR-TONE-INSULT" in rule_ids(run("Vous êtes « un voleur », réglez.", CREDITOR))


# --- batch cf (pack 2026.12.80) ----------------------------------------------------------------

@pytest.mark.parametrize("text, kw, rule", [
    ("Si le juge rend une ordonnance, vous disposerez d'un délai d'un mois pour former opposition auprès du greffe "
     "(article 1416 du code de procédure civile).", dict(collector_profession="avocat"), "FR-FAKE-JUDICIAL-DOC"),
    ("Principal : 245,00 € ; intérêts : 0,00 € ; frais accessoires : 0,00 € ; total dû : 245,00 €.", {},
     "FR-FEES-CONSUMER"),
    ("Lors de votre appel, vous nous avez qualifiés d'« escrocs ». Nous comprenons votre exaspération.", {},
     "FR-TONE-INSULT"),
    ("La facture de 720,00 € a été réduite de la part de votre mutuelle (430,00 €).", {}, "FR-PRETEXTING"),
])
def test_what_batch_cf_must_not_read_into_lawful_wording(text, kw, rule):
    assert rule not in rule_ids(run(text, AGENCY, **kw))


@pytest.mark.parametrize("text, kw, rule", [
    ("À ce jour, nous n'avons pas pris contact avec votre employeur. Nous pensons qu'un règlement avant le 15 février "
     "permettra d'en rester là.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Merci de nous contacter pour convenir d'un règlement.", dict(subject="Avant transmission du dossier à votre "
                                                                  "employeur – réf. RC-30-0502"),
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("If we do not hear from you by 15 March, we will reach out to your professional connections.", {},
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("If we do not hear from you by 15 March, we may need to reach out to some of your professional connections.", {},
     "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Suite au jugement du 03/10/2029, nous prélèverons directement l'arriéré de 1 926,40 € sur votre compte "
     "bancaire.", dict(has_title=True), "FR-SEIZURE-BY-AGENCY"),
])
def test_what_batch_cf_missed(text, kw, rule):
    assert rule in rule_ids(run(text, AGENCY, **kw))


def test_advice_to_contact_someone_is_still_no_disclosure():
    # the exclusion cf-144 narrowed: "you may contact" is advice to the debtor, "from you, we may reach out" is not
    text = "Vous pouvez également contacter votre banque ou une association de consommateurs pour être conseillé."
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(text, AGENCY))


def test_an_opposition_period_running_from_a_letter_is_a_fake_procedure():
    # cb-004: an agency letter giving a month "à compter de la réception de la présente" to oppose an
    # injonction; the period runs from the order's service by a commissaire de justice
    text = ("Vous disposez d'un délai d'un mois à compter de la réception de la présente pour former opposition. À "
            "défaut, l'injonction deviendra définitive et exécutoire sans autre formalité.")
    assert "FR-FAKE-JUDICIAL-DOC" in rule_ids(run(text, AGENCY))
    truthful = ("Si le juge rend une ordonnance, vous disposerez d'un mois à compter de sa signification pour former "
                "opposition.")
    assert "FR-FAKE-JUDICIAL-DOC" not in rule_ids(run(truthful, AGENCY))


# --- batch ch (pack 2026.12.84) ----------------------------------------------------------------

def test_what_batch_ch_read_and_must_not_read():
    threat = ("Si nous ne recevons aucun règlement d'ici au 15 juillet, nous prendrons contact avec la direction de "
              "votre entreprise et avec votre entourage afin qu'ils vous rappellent vos engagements.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(threat, CREDITOR, recipient="guarantor"))
    refusal = ("Vous nous avez appelés pour obtenir des informations sur la situation de votre père. Nous sommes tenus "
               "au secret bancaire et ne pouvons communiquer aucune information à un tiers.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(refusal, CREDITOR, recipient="third_party"))
    lawyer = ("À défaut de réponse, je pourrai être conduite à saisir, pour son compte, le juge des contentieux de la "
              "protection du tribunal judiciaire de Lyon.")
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(lawyer, CREDITOR, collector_profession="avocat"))


# --- batch ci and the heirs of earlier batches (pack 2026.12.85) ---------------------------------

def test_announcing_daily_calls_is_announced_harassment_and_opening_hours_are_not():
    # ci-111: "un conseiller vous appellera désormais chaque jour, matin et soir, y compris le samedi
    # et le dimanche" in an e-mail: no call is made yet, the message announces what L121-7 3° forbids
    for text in ("Afin de vous accompagner, un conseiller vous appellera désormais chaque jour, matin et soir.",
                 "Nous vous contacterons tous les jours jusqu'à ce que vous ayez réglé.",
                 "We will keep calling you every day until you pay."):
        assert severities(run(text, AGENCY), "FR-CONTACT-FREQUENCY-ANNOUNCED") == ["block"], text
    for text in ("Vous pouvez nous appeler chaque jour de 9 h à 18 h au 01 40 00 00 00.",
                 "N'hésitez pas à nous contacter tous les jours de 8 h à 20 h.",
                 "Nos conseillers sont joignables chaque jour, samedi compris.",
                 "Feel free to call us every day.",
                 "Nous ne vous appellerons pas chaque jour : un courrier récapitulatif vous sera adressé.",
                 "Nous vous rappellerons le 12 mars comme convenu."):
        assert "FR-CONTACT-FREQUENCY-ANNOUNCED" not in rule_ids(run(text, AGENCY)), text


def test_what_batch_ci_read_and_must_not_read():
    caller_id = "Le numéro qui s'affiche est notre ligne, le 0262 41 18 30."  # ci-004: caller ID, not a poster
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(caller_id, AGENCY, channel="call"))
    poster = "Votre nom s'affichera dans le hall de l'immeuble."
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(poster, AGENCY))
    fee = ("La facture MD-4205 de 120,00 € reste ouverte. Pour solder définitivement votre dossier, traitement compris, "
           "merci de régler la somme de 165,00 €.")  # ci-123: the fee named as an inclusion
    assert "FR-FEES-CONSUMER" in rule_ids(run(fee, AGENCY))
    during_dispute = ("I've seen your email saying the wardrobe arrived damaged. In the meantime the invoice is still "
                      "showing as due, so could we at least agree a first payment today?")  # ci-067
    assert "FR-DISPUTE-OPEN" in rule_ids(run(during_dispute, AGENCY, open_dispute=True))
    objection = ("Nous avons bien reçu votre courrier d'opposition au traitement de vos données personnelles. Tant que "
                 "la créance reste due, votre opposition ne peut être satisfaite pour les données nécessaires à son "
                 "recouvrement.")  # ci-086: the DPO's answer to the objection itself
    assert severities(run(objection, AGENCY, restricted=True), "FR-RESTRICTED-DATA-SUBJECT") == ["warn"]
    access = ("Vous trouverez ci-joint le détail du dossier réf. AR-30-4380, soldé et clos le 30/09/2030. Aucune somme "
              "ne vous est réclamée.")  # ci-142: an access request answered on a closed case
    assert "FR-CASE-CLOSED" not in rule_ids(run(access, AGENCY, case_closed=True))
    dunning = access + " Merci de régler le solde de 40,00 € sous huit jours."
    assert "FR-CASE-CLOSED" in rule_ids(run(dunning, AGENCY, case_closed=True))


@pytest.mark.parametrize("text", [
    # bx-141, cb-118, ce-129: personal liability asserted before the estate is accepted
    "La dette de votre père ne disparaît pas avec lui : elle vous a été transmise avec le reste.",
    "As her next of kin, the balance of her account with the bank (EUR 4,120.00) now passes to you.",
    "Vous êtes son héritière : la dette est donc à vous maintenant, et il faut la régler avant la fin du mois.",
    "C'est désormais à vous que nous devons nous adresser pour son règlement de 3 720,00 €.",
])
def test_a_debt_said_to_pass_to_the_heir_blocks(text):
    demand = " Merci de nous indiquer sous quinze jours les modalités de paiement que vous envisagez."
    assert severities(run(text + demand, AGENCY, recipient="heir"), "FR-HEIRS") == ["block"]


def test_an_heir_asked_for_the_notary_is_not_blocked():
    text = ("Nous vous présentons nos condoléances. Pourriez-vous nous indiquer le notaire chargé de la succession ? Les "
            "héritiers ne sont tenus des dettes qu'en cas d'acceptation de la succession.")
    assert "block" not in severities(run(text, AGENCY, recipient="heir"), "FR-HEIRS")


# --- batch cc's closed cases, B2B first letters; cf-079 (pack 2026.12.86) ------------------------

def test_a_postcard_that_speaks_of_the_debt_blocks_and_a_sealed_letter_does_not():
    postcard = ("Carte postale (recto : vue de la place Bellecour, Lyon). Verso : « Petit rappel amical : votre facture "
                "de 212,40 € attend toujours son règlement ! Appelez-nous au 04 72 40 18 90. »")
    assert severities(run(postcard, AGENCY, channel="letter"), "FR-VISIBLE-POSTCARD") == ["block"]
    greeting = "Carte postale : toute l'équipe vous souhaite de belles fêtes de fin d'année."
    assert "FR-VISIBLE-POSTCARD" not in rule_ids(run(greeting, AGENCY, channel="letter"))
    sealed = "Votre facture de 212,40 € attend toujours son règlement. Appelez-nous au 04 72 40 18 90."
    assert "FR-VISIBLE-POSTCARD" not in rule_ids(run(sealed, AGENCY, channel="letter"))


def test_a_commissaires_closing_letter_lifts_the_seizure_without_threatening_it():
    # cc-060: "la mainlevée de la saisie-attribution a été notifiée à votre banque et le dossier est clôturé"
    text = ("Je vous informe que les sommes dues en vertu du jugement ont été intégralement réglées le 18/05/2029, par "
            "le versement des fonds saisis et votre virement complémentaire. La mainlevée de la saisie-attribution a "
            "été notifiée à votre banque et le dossier est clôturé.")
    assert "FR-CASE-CLOSED" not in rule_ids(run(text, AGENCY, case_closed=True, has_title=True,
                                                collector_profession="commissaire_de_justice"))
    # cc-042: a closure with a long reference before "est clôturé", and no "vous" in "aucune somme ne sera plus réclamée"
    closure = ("Le dossier réf. HX-28-55102 (notre courrier du 03/10/2028) est clôturé : aucune somme ne sera plus "
               "réclamée à M. Girard.")
    assert "FR-CASE-CLOSED" not in rule_ids(run(closure, AGENCY, case_closed=True))


def test_a_b2b_first_letter_itemised_as_penalties_and_fixed_indemnity_has_its_detailed_amount():
    # cc-075: principal invoices, "pénalités de retard … : 24,18 €", "indemnité forfaitaire pour frais de recouvrement"
    text = ("Facture FM-2028-0871 du 02/09/2028, échue le 02/10/2028 : 1 498,10 € TTC ; pénalités de retard prévues "
            "à l'article 8 des conditions générales de vente, arrêtées au 14/11/2028 : 24,18 € ; indemnité forfaitaire "
            "pour frais de recouvrement (art. L441-10 du code de commerce) : 40,00 €. Total : 1 562,28 €.")
    findings = [f for f in run(text, AGENCY, first_letter_sent=False, consumer=False).findings
                if f.rule_id == "FR-R124-4-FIRST-LETTER"]
    assert findings and "montant_detaille" not in findings[0].missing


# --- batch ck (pack 2026.12.87) ------------------------------------------------------------------

@pytest.mark.parametrize("text, facts_kw, rule", [
    # ck-003: an amicable period presented as foreclosing any challenge, even before a judge
    ("Ce délai étant expiré, la créance est désormais définitivement acquise et n'est plus contestable, y compris "
     "devant un juge.", {}, "FR-LAW-NOTICE-AS-TITLE"),
    # ck-025: a guarantor told the creditor may "faire appréhender" the sums on his accounts
    ("Notre mandant peut donc, sans autre formalité, faire appréhender les sommes figurant sur vos comptes.", {},
     "FR-SEIZURE-NO-TITLE"),
    # ck-031: discretion made to depend on payment, in the negative
    ("Nous n'avons contacté ni votre employeur, ni votre banque, ni votre entourage, et nous souhaitons sincèrement "
     "que cela reste ainsi. Cela dépend désormais de vous.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    # ck-087: the debtor's network "associating" their name with the dispute
    ("Votre profil LinkedIn est très soigné. Il serait dommage que votre réseau en vienne à associer votre nom à un "
     "litige de ce type.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    # ck-132: the threat in English in the subject's words
    ("This is your last chance before we speak to your employer.", {}, "FR-THREAT-PUBLIC-DISCLOSURE"),
    # ck-118: voluntary repayment of a frozen claim invited under surendettement
    ("Rien ne vous interdit toutefois de poursuivre vos remboursements à titre volontaire. Il vous suffit de "
     "maintenir votre virement mensuel de 186,40 €.",
     {"insolvency": "overindebtedness", "insolvency_opened_on": "2026-09-10",
      "claims": [{"ref": "PP-1", "born_on": "2026-02-05"}]}, "FR-SURENDETTEMENT"),
    # ck-053: a management fee in Portuguese
    ("Fatura n.º APG-2026-0733: 610,00 €. Taxa de gestão do processo de cobrança: 25,00 €.", {}, "FR-FEES-CONSUMER"),
])
def test_what_batch_ck_reads(text, facts_kw, rule):
    assert rule in rule_ids(run(text, AGENCY, **facts_kw)), text


@pytest.mark.parametrize("text, rule", [
    # ck-010 / ck-136: a negation governs the list it opens, and "on any" is an English preposition
    ("It will not appear on any criminal record, and we do not report anything to the police or to any public "
     "register.", "FR-CRIMINAL-THREAT"),
    ("It will not appear on any criminal record, and we do not report anything to the police or to any public "
     "register.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("No commissaire de justice has been instructed, and nothing can be seized without a court decision.",
     "FR-SEIZURE-NO-TITLE"),
    ("Nous ne contacterons pas votre employeur ou votre famille.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    # ck-032: the debtor's words quoted after "vous y écrivez"
    ("Vous y écrivez : « Envoyez-moi l'huissier, je m'en moque. » Aucun commissaire de justice n'est mandaté.",
     "FR-SEIZURE-NO-TITLE"),
    # ck-034: truthful procedure, a seizure only after a judgment and only by a commissaire
    ("Seul un jugement, s'il était rendu contre vous, permettrait ensuite une saisie, qui ne pourrait être réalisée "
     "que par un commissaire de justice.", "FR-SEIZURE-NO-TITLE"),
    # ck-083: a flooring company is no prosecutor's office
    ("Cobalt Recouvrement, société de recouvrement amiable mandatée par Parquets Dauphiné SARL.",
     "FR-IMPERSONATION-OFFICER"),
])
def test_what_batch_ck_must_not_read(text, rule):
    assert rule not in rule_ids(run(text, AGENCY)), text


@pytest.mark.parametrize("text, rule", [
    ("If you do not pay, we will report you to the police or to any public register.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Si vous ne payez pas, on préviendra votre employeur ou votre famille.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Le parquet sera saisi de votre dossier si vous ne réglez pas.", "FR-CRIMINAL-THREAT"),
])
def test_the_negation_and_quotation_fixes_of_ck_leave_threats_blocked(text, rule):
    assert rule in rule_ids(run(text, AGENCY)), text


# --- batch co (pack 2026.12.88; co-100, the right-to-left override, is in test_guards_disguises) -----

def test_details_of_relatives_kept_in_reserve_are_a_disclosure_threat():
    # co-007: nothing is said to be done, the people are named as reachable and held back
    text = ("Nous disposons des coordonnées de votre employeur, la société Fabre Logistique, ainsi que de celles de "
            "votre belle-sœur. Nous préférerions ne pas avoir à les utiliser.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text, AGENCY))
    reluctance = "Nous préférerions ne pas avoir à engager une procédure ; un échéancier reste possible."
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(reluctance, AGENCY))


def test_the_debtors_words_after_vous_qualifiez_are_theirs():
    # co-025: a dispute acknowledged, quoting what the debtor called the invoice
    text = ("Nous avons bien reçu votre courrier, dans lequel vous qualifiez la facture d'« escroquerie » et indiquez "
            "vouloir « porter plainte ». Toute relance est suspendue pendant l'examen de votre contestation.")
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(text, CREDITOR, open_dispute=True))


# --- batch cj (pack 2026.12.89) ------------------------------------------------------------------

def test_what_batch_cj_reads_and_must_not_read():
    # cj-056: the whole of L111-8 reproduced in a first letter speaks of "exécution forcée" as the law does
    l111_8 = ("« À l'exception des droits proportionnels de recouvrement ou d'encaissement qui peuvent être mis "
              "partiellement à la charge des créanciers dans des conditions fixées par décret en Conseil d'État, les "
              "frais de l'exécution forcée sont à la charge du débiteur, sauf s'il est manifeste qu'ils n'étaient pas "
              "nécessaires au moment où ils ont été exposés. »")
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(l111_8, AGENCY))
    # cj-145: consumption likened to theft, with the authorities in reserve
    theft = ("Consommer de l'énergie sans la payer s'apparente à un vol d'énergie. Notre mandant se réserve le droit de "
             "porter ces faits à la connaissance des autorités compétentes.")
    assert "FR-CRIMINAL-THREAT" in rule_ids(run(theft, AGENCY))
    # cj-149: the DPO answers "vous demandez l'effacement de vos données et vous opposez à leur traitement"
    dpo = ("Nous accusons réception de votre courriel par lequel vous demandez l'effacement de vos données et vous "
           "opposez à leur traitement. Nous ne pouvons pas faire droit à votre demande pour les données nécessaires "
           "au recouvrement de la créance.")
    assert severities(run(dpo, AGENCY, restricted=True), "FR-RESTRICTED-DATA-SUBJECT") == ["warn"]


def test_a_voicemail_that_hides_its_purpose_behind_a_personal_matter_is_pretexting_for_the_debtor_only():
    # cj-066: no agency, no creditor, "a personal matter", "call us back urgently"
    text = ("This is an important message for Mr James Whitaker. Please call us back urgently on +33 5 61 22 48 90 "
            "regarding a personal matter. Thank you.")
    assert "FR-PRETEXTING" in rule_ids(run(text, AGENCY, channel="call"))
    # to a third party, a personal matter is the discretion the law asks for
    third = ("Bonjour, je cherche à joindre M. Martin pour une affaire personnelle importante ; pourriez-vous lui "
             "demander de rappeler Recouvra Conseil au 05 61 22 48 90 ?")
    assert "FR-PRETEXTING" not in rule_ids(run(third, AGENCY, channel="call", recipient="third_party"))


def test_a_claim_we_have_declared_is_set_aside_and_a_post_opening_invoice_is_payable():
    # cj-065: "nous avons déclaré le 2 octobre 2026 auprès de Maître X … notre créance antérieure (facture A)";
    # invoice B, born after the opening, is payable when due (L622-17 C. com.)
    text = ("Nous avons déclaré le 2 octobre 2026 auprès de Maître Anne Collin, mandataire judiciaire, notre créance "
            "antérieure au jugement d'ouverture (facture F-A-3390, 1 912,44 €). En revanche, la facture F-B-5521, "
            "électricité fournie en octobre 2026 après le jugement d'ouverture, est payable à son échéance. Nous vous "
            "remercions de procéder à son règlement.")
    kw = dict(insolvency="collective_proceedings", insolvency_opened_on="2026-09-08",
              insolvency_procedure="redressement", consumer=False,
              claims=[{"ref": "F-A-3390", "born_on": "2026-07-01"}, {"ref": "F-B-5521", "born_on": "2026-10-01"}])
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(text, CREDITOR, **kw))
    claimed = text + " Merci de régler également la facture F-A-3390."
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(claimed, CREDITOR, **kw))


# --- lawful blocks of batches cl to cq, read after their first runs (pack 2026.12.91) -----------

def test_a_phrase_the_debtor_began_in_quotes_stays_theirs_across_the_closing_mark():
    # cq-077: "vous indiquez vouloir « porter plainte » contre notre service"
    text = ("Nous avons bien reçu votre message, dans lequel vous indiquez vouloir « porter plainte » contre notre "
            "service à propos de la facture n° TA-2026-10-64417, que vous estimez avoir déjà réglée. Nous suspendons "
            "toute relance dans l'intervalle.")
    ids = rule_ids(run(text, CREDITOR, open_dispute=True))
    assert "FR-CRIMINAL-THREAT" not in ids and "FR-DISPUTE-OPEN" not in ids
    # two words or more past the mark are the sender's own
    own = "Vous dites « nous allons porter » plainte contre vous si vous ne payez pas."
    assert "FR-CRIMINAL-THREAT" in rule_ids(run(own, CREDITOR))
    assert "FR-DISPUTE-OPEN" in rule_ids(run("Vous avez déjà à régler la somme, réglez-la avant vendredi.",
                                             CREDITOR, open_dispute=True))


def test_truthful_procedure_and_its_actors_read_in_batches_cl_to_cq():
    # cq-020: "until an order has been granted, served and has become enforceable, no enforcement"
    until = ("My client filed an application for a payment order on 20 November 2026. Until an order has been granted, "
             "served and has become enforceable, no enforcement measure can be taken against you.")
    assert "FR-FALSE-COURT-ORDER" not in rule_ids(run(until, AGENCY))
    assert "FR-FALSE-COURT-ORDER" in rule_ids(run("The order has now become enforceable against you.", AGENCY))
    # cm-078: the court has rendered an order that will be served, with the right of opposition
    ip = ("Notre mandant a présenté une requête en injonction de payer et le tribunal judiciaire de Nantes a rendu une "
          "ordonnance le 24/11/2026. Cette ordonnance vous sera signifiée par un commissaire de justice. Vous pourrez "
          "y former opposition dans le délai d'un mois à compter de cette signification, comme l'acte vous l'indiquera.")
    ids = rule_ids(run(ip, AGENCY))
    assert "FR-LAW-NOTICE-AS-TITLE" not in ids and "FR-FAKE-JUDICIAL-DOC" not in ids
    # cl-106: a creditor's "Service procédures collectives" is no official header
    assert "FR-LAW-OFFICIAL-HEADER" not in rule_ids(run("Service procédures collectives", AGENCY))
    assert "FR-LAW-OFFICIAL-HEADER" in rule_ids(run("Service des procédures judiciaires", AGENCY))
    # cq-146: the commissaire tells the employer of a wage seizure what it must declare
    garnishee = ("Je vous signifie ce jour un procès-verbal de saisie des rémunérations concernant votre salarié. L'acte "
                 "vous indique les obligations de l'employeur : déclarer sous quinze jours la situation existant entre "
                 "vous et le salarié.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        garnishee, AGENCY, channel="visit", recipient="third_party", collector_profession="commissaire_de_justice",
        acting_under="title", has_title=True))


def test_insolvency_letters_that_ask_for_nothing_read_in_batch_cp():
    # cp-029: enforcement stopped after the recevabilité, "I will not ask you for any payment"
    stopped = ("The over-indebtedness commission declared your file admissible on 8 October 2026. I have therefore "
               "stopped all enforcement steps under the judgment of the Amiens judicial court, and I will not ask you "
               "for any payment on this file while the procedure is running.")
    kw = dict(insolvency="overindebtedness", insolvency_opened_on="2026-10-08",
              claims=[{"ref": "SM-2025-0451", "born_on": "2025-07-19"}])
    assert "FR-SURENDETTEMENT" not in rule_ids(run(stopped, AGENCY, **kw))
    # cp-128: the lawyer of a supplier will declare the claims; "aucune demande de paiement ne vous est adressée"
    declared = ("Cabinet Lemaire Avocats. Ma cliente déclarera ses créances nées avant cette date auprès du mandataire "
                "judiciaire. Aucune demande de paiement ne vous est adressée au titre de ces factures.")
    kw = dict(insolvency="collective_proceedings", insolvency_opened_on="2026-09-22", consumer=False,
              insolvency_procedure="redressement", claims=[{"ref": "FL-2026-0815", "born_on": "2026-06-10"}])
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(declared, AGENCY, **kw))


def test_fees_words_that_name_the_claim_or_the_law_read_in_batches_cl_and_cn():
    # cn-036: the heading of L111-8 reproduced "relatives aux frais de recouvrement"
    heading = ("Reproduction des dispositions de l'article L111-8 du code des procédures civiles d'exécution relatives "
               "aux frais de recouvrement :")
    assert "FR-FEES-CONSUMER" not in rule_ids(run(heading, AGENCY))
    # cl-098: a dentist's "nota de honorários" is the claim itself
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "A nota de honorários CKL-26-0601 de 3 de agosto de 2026 continua por pagar: capital 560,00 €.", AGENCY))
    assert "FR-FEES-CONSUMER" in rule_ids(run("Frais de recouvrement : 45,00 € à votre charge.", AGENCY))


def test_a_co_heir_written_to_for_her_own_share_is_no_disclosure_threat():
    # cn-048: to an heir, "nous écrivons séparément à votre sœur pour sa part"
    text = ("Nous vous proposons de poursuivre le remboursement de votre part. Nous écrivons séparément à votre sœur "
            "pour sa part.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(text, CREDITOR, channel="email", recipient="heir"))
    threat = "Sans règlement sous huit jours, nous écrirons à votre sœur."
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(threat, CREDITOR, channel="email", recipient="heir"))


def test_criminal_consequences_beyond_the_civil_frame_block():
    # cm-046: "des suites devant les autorités compétentes, au-delà du seul cadre civil"
    text = ("Se soustraire sciemment au paiement d'une somme due peut exposer son auteur à des suites devant les "
            "autorités compétentes, au-delà du seul cadre civil.")
    assert "FR-CRIMINAL-THREAT" in rule_ids(run(text, AGENCY))


def test_a_statement_explaining_a_line_by_its_product_or_labelling_after_the_colon_is_still_read():
    # cn-059: "principal (… 2 × 39,95 €) : 79,90 €", "intérêts : 0,00 €", "Total à régler : 94,90 €"
    bracketed = ("- principal (box de janvier et février 2026, 2 × 39,95 €) : 79,90 €\n- intérêts : 0,00 €\n"
                 "Total à régler : 94,90 € (incluant le traitement de votre dossier).")
    assert "FR-STATEMENT-TOTAL" in rule_ids(run(bracketed, AGENCY))
    # a product that does not make its line's amount leaves the statement unread, as before
    other = "- principal (3 × 40,00 €) : 100,00 €\n- intérêts : 2,00 €\nTotal : 150,00 €"
    assert "FR-STATEMENT-TOTAL" not in rule_ids(run(other, AGENCY))
    # cp-096: "facture … : principal 450,00 €", interest 3,10 €, total 498,10 €
    late_label = ("- facture n° AEG-2026-095 du 30 avril 2026 (forfait code et 10 heures de conduite) : principal "
                  "450,00 € ;\n- intérêts au taux légal depuis notre mise en demeure : 3,10 € ;\n- total à régler : 498,10 €.")
    assert "FR-STATEMENT-TOTAL" in rule_ids(run(late_label, AGENCY))
    exact = late_label.replace("498,10", "453,10")
    assert "FR-STATEMENT-TOTAL" not in rule_ids(run(exact, AGENCY))


def test_a_lawyers_own_fees_claimed_from_a_consumer_block_in_english():
    # cp-098: "my fees for this file, recoverable from you under article 700 …: €180.00"
    text = ("- unpaid rent and charges for June 2026: €880.00;\n- my fees for this file, recoverable from you under "
            "article 700 of the French Code of Civil Procedure: €180.00;\ntotal: €1,060.00.")
    assert "FR-FEES-CONSUMER" in rule_ids(run(text, AGENCY, collector_profession="avocat"))
    assert "FR-FEES-CONSUMER" not in rule_ids(run("My fees are paid by my client; none are charged to you.",
                                                  AGENCY, collector_profession="avocat"))


def test_acpr_approvals_that_exist_in_collection_are_no_false_claim():
    # batch cr: a purchaser "société de financement agréée par l'ACPR", a servicer "gestion de crédits
    # (agrément ACPR)", "a financing company authorised by the ACPR" (credit servicers and finance
    # companies are authorised by the ACPR since the NPL directive's transposition)
    for text in ("Vestalis Créances SA, société de financement agréée par l'ACPR, est titulaire de votre prêt.",
                 "Kalimba Gestion – recouvrement amiable et gestion de crédits (agrément ACPR)",
                 "This is Claire from Vestalis Créances, a financing company authorised by the ACPR."):
        assert "FR-LAW-FALSE-APPROVAL" not in rule_ids(run(text, CREDITOR)), text
    # an agency calling itself approved by the courts or the State still claims what no agency has
    assert "FR-LAW-FALSE-APPROVAL" in rule_ids(run("Cabinet Orsay, agence de recouvrement agréée par l'État.", AGENCY))


def test_a_summons_or_order_already_served_by_a_commissaire_is_no_seizure_threat():
    # batch cs: saying truthfully who served an act is procedure, not a threat of enforcement
    for text in ("Par acte de Maître Sylvie Rouquette, commissaire de justice, qui vous a été signifié le "
                 "20/11/2026, vous avez été assigné devant le tribunal judiciaire de Toulouse.",
                 "The order for payment was served on you on 19 November 2026 by Maître Claire Obadia, "
                 "commissaire de justice (court officer). You have one month to object."):
        assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(text, AGENCY)), text
    # the same served act followed by a seizure without any title still blocks
    text = ("Par acte de Maître Rouquette, commissaire de justice, qui vous a été signifié le 20/11/2026, "
            "nous vous informons que vos comptes seront saisis la semaine prochaine.")
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(text, AGENCY))


def test_a_default_indemnity_citing_the_consumer_credit_cap_is_held_to_it_whoever_holds_the_loan():
    # batch cr: a financing company that bought the loan (creditor_kind "other") claims 13.8 % and
    # calls it the 8 % of D312-16
    text = ("Amount now due:\n- outstanding capital at termination: 4,250.00 EUR\n- unpaid instalments: 366.30 EUR\n"
            "- statutory default indemnity (8 %, art. D312-16 Code de la consommation): 637.50 EUR\n"
            "Total: 5,253.80 EUR")
    assert "FR-INTEREST-ARITHMETIC" in rule_ids(run(text, CREDITOR, creditor_kind="other"))
    lawful = text.replace("637.50", "369.30").replace("5,253.80", "4,985.60")
    assert "FR-INTEREST-ARITHMETIC" not in rule_ids(run(lawful, CREDITOR, creditor_kind="other"))


def test_lawful_letters_of_batches_cr_and_cs_that_read_as_threats():
    # an assignment of the claim is no summons; a past possibility of court is no threat
    assert "FR-DISPUTE-OPEN" not in rule_ids(run(
        "We act for FCT Alizés Créances 2023, to which Lagon Télécom assigned the claim. We have suspended "
        "all collection steps while your dispute is reviewed.", AGENCY, open_dispute=True))
    assert "FR-TIME-BARRED-THREAT" not in rule_ids(run(
        "You are right: the period within which it could have been claimed in court has expired, so no "
        "legal action can be taken. We have closed the file.", CREDITOR,
        claims=[{"ref": "LT-2304", "born_on": "2023-04-01"}], invoice_due_dates=["2023-05-01"]))
    # an heir told what the estate owes, in a letter that says it asks nothing of them
    heir = ("Le capital restant dû au jour du décès s'élève à 6 412,35 €. Cette information ne constitue pas une "
            "demande de paiement qui vous serait adressée personnellement.")
    assert "FR-HEIRS" not in rule_ids(run(heir, CREDITOR, recipient="heir"))
    assert "FR-HEIRS" in rule_ids(run(heir + " Vous devez néanmoins régler cette somme sur vos deniers personnels.",
                                      CREDITOR, recipient="heir"))


def test_threats_of_batch_cs_said_in_english_or_as_a_court_summons():
    text = ("Unless we receive payment by Friday 11 December, we will contact their HR department and ask them "
            "to deduct the amount directly from your December salary.")
    assert {"FR-SEIZURE-NO-TITLE", "FR-THREAT-PUBLIC-DISCLOSURE"} <= rule_ids(run(text, AGENCY))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Nous demanderons à votre employeur qu'il retienne la somme sur votre salaire de décembre.", AGENCY))
    assert "FR-FAKE-JUDICIAL-DOC" in rule_ids(run(
        "Convocation – Audience du 15 décembre 2026. Vous êtes tenu de vous présenter à l'audience ci-dessus, "
        "muni de la présente convocation.", AGENCY))
    # a NIR of an overseas department (3-digit department, 2-digit commune)
    assert "EU-GDPR-NIR" in rule_ids(run("Identifiant : NIR 1 78 09 974 11 052 36", CREDITOR))


def test_a_surname_signing_a_letter_is_no_misspelt_seizure():
    # batch ct: "Mehdi Saïdi – Recouvra Centre SAS" was read as "saisi" (one letter away)
    signed = "Merci de régler la facture F-31-0922.\n\nCordialement,\nMehdi Saïdi – Recouvra Centre SAS"
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(signed, AGENCY))
    # a heading written like a signature still reads its words as the rules name them
    heading = "Cordialement,\nSaisie Immédiate – Recouvra Centre SAS"
    assert {"FR-SEIZURE-NO-TITLE", "FR-FALSE-URGENCY"} <= rule_ids(run(heading, AGENCY))


def test_business_letters_of_batch_ct_that_read_as_threats():
    company = dict(AGENCY, consumer=False, debtor_kind="company")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Good afternoon, may I speak to Ms Jennifer Park, finance manager at Brightwave Analytics?", company))
    # the same words to a consumer's circle still tell a third party
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "If you do not pay, we will speak to your manager at work about it.", AGENCY))
    assert "FR-FEES-B2B-40EUR" not in rule_ids(run(
        "Notre relance vous appliquait par erreur nos conditions professionnelles : l'indemnité forfaitaire de "
        "40 € et les pénalités de retard qui y figuraient sont annulées.", CREDITOR))
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(
        "Copie : Maître Jean-Marc Dutertre, commissaire à l'exécution du plan", CREDITOR))


def test_threats_of_batch_cu_said_in_a_second_language_or_an_idiom():
    # a sentence in another script inside a French message is read as unreadable, and its
    # pressure words block
    text = ("Norcap Services, pour Habitat Nord – réf. NS-2026-7596. Merci de nous contacter au 03 20 55 14 90. "
            "سيأتي المحضر غداً لحجز أثاث شقتك إذا لم تدفع اليوم.")
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(text, AGENCY))
    # running Vietnamese (lowercase words with its own letters) is never read as French
    assert "GUARD-UNREADABLE-LANGUAGE" in rule_ids(run(
        "Facture OS-10702, 230,00 €. Ông Phạm, ông là đồ lừa đảo, ăn quỵt tiền người khác mà không biết xấu hổ.",
        AGENCY))
    # a Vietnamese name alone is a name
    assert "GUARD-UNREADABLE-LANGUAGE" not in rule_ids(run(
        "Monsieur Nguyễn, votre facture de 230,00 € reste à régler.", AGENCY))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "P.S. If this isn't settled by the 15th, we'll be having a word with your employer and your landlord.", AGENCY))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Si vous ne payez pas, nous toucherons un mot à votre employeur.", AGENCY))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "If your client disputes any item, he may send us a written complaint.", AGENCY, recipient="debtor_lawyer"))


def test_the_commercial_courts_new_name_opening_a_liquidation_is_no_court_threat():
    # batch cu: since 2025 some commercial courts are "tribunaux des activités économiques"
    text = ("We have learned of the judgment of the tribunal des activités économiques de Paris of 06/11/2026 "
            "opening a judicial liquidation of Greenleaf Design SARL. We will declare our claim to the liquidator.")
    facts = dict(CREDITOR, consumer=False, debtor_kind="company", insolvency="collective_proceedings",
                 insolvency_opened_on="2026-11-06", insolvency_procedure="liquidation",
                 claims=[{"ref": "AK-0512", "born_on": "2026-07-02"}])
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(text, facts))
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(
        "Faute de paiement, nous saisirons le tribunal des activités économiques contre votre société.", facts))


def test_threats_in_antillean_creole_or_vietnamese_after_a_french_reminder_block():
    # batch cu: the second language had no profile, so the sentence was read as French
    creole = ("Caraïbes Gestion Amiable – facture KE-2026-20417, 154,20 € (principal, sans frais). Si ou pa péyé "
              "avan vandrèdi, nou ké fè tout moun an lakou-a é travay a-w sav ou ka dwè lajan.")
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(creole, AGENCY))
    viet = "Facture OS-10702, 230,00 €. Ông Phạm, ông là đồ lừa đảo, ăn quỵt tiền người khác mà không biết xấu hổ."
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(viet, AGENCY))
    # a courteous creole greeting on a lawful French reminder is no pressure
    greeting = "Bonjou Madanm Jean-Baptiste. Votre facture KE-2026-20417 de 154,20 € reste à régler. Mèsi anpil."
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(run(greeting, AGENCY))


def test_an_address_on_the_rue_du_tribunal_is_no_court_threat():
    # a street's name is read without typo tolerance; a pressure word one letter from "tribunal"
    # ("tribinal", Creole) made "tribunal" a word of its own and the street a threat: kept out
    text = "Madame Nadia Gendarme\n14 rue du Tribunal\n67000 Strasbourg\n\nVotre facture LK-044 reste à régler."
    assert "FR-PREMATURE-LEGAL-THREAT" not in rule_ids(run(text, CREDITOR))


def test_capitalised_names_inside_a_sentence_do_not_make_it_foreign():
    # batch cv: an address block joined across its line break read as German ("Seine", two "du")
    address = "Logistique Seine SAS – Service paie ZA du Madrillet, 76800 Saint-Étienne-du-Rouvray"
    assert "GUARD-UNREADABLE-LANGUAGE" not in rule_ids(run(address, AGENCY))
    # title case or capitals throughout stay foreign: a disguise must not make a threat French
    for threat in ("Vamos A Embargar Sus Muebles Si No Paga.", "INGIUNZIONE DI PAGAMENTO – Pratica n. 12",
                   "Il Tribunale procederà al Pignoramento se non paga."):
        assert "GUARD-UNREADABLE-LANGUAGE" in rule_ids(run(threat, AGENCY)), threat


def test_statements_to_guarantors_and_heirs_of_batch_cv_that_read_as_fees():
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "– intérêts, commissions et frais échus et impayés : néant ;", CREDITOR, recipient="guarantor"))
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "Nous poursuivrons, le cas échéant, auprès des personnes ou de l'administration en charge de la "
        "succession.", CREDITOR))
    assert "FR-FEES-CONSUMER" in rule_ids(run("Frais de relance 30 € intérêts néant", CREDITOR))


def test_a_first_letter_translated_for_the_debtor_is_read_as_one():
    # batches cr and cu: the creditor named in Spanish or Portuguese, the fees of the translated
    # L111-8 left to the creditor, and its third paragraph (a judge, bad faith) is the law, not pressure
    first = run("Cabinet Orléa – recouvrement amiable. Actuamos por cuenta de nuestro cliente, el acreedor "
                "Énergie Rhône SA.", AGENCY, first_letter_sent=False, first_letter_ref=None, contacts_so_far=0)
    missing = {m for f in first.findings if f.rule_id == "FR-R124-4-FIRST-LETTER" for m in f.missing}
    assert missing and "creancier" not in missing
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "(Ou seja: as despesas da cobrança amigável ficam a cargo do credor; nenhuma lhe é cobrada.)", AGENCY))
    law = ("No obstante, el acreedor puede pedir al juez de ejecución que los deje a cargo del deudor de "
           "mala fe.")
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(run(law, AGENCY))
    # any other pressure word in that sentence still blocks
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(law[:-1] + ", y embargaremos sus muebles.", AGENCY))


def test_a_court_named_as_either_partys_later_option_during_a_dispute_is_no_threat():
    # batch cs: mediation proposed first, "before either party considers bringing it before the Tribunal"
    text = ("We would suggest referring it to the consumer mediator before either party considers bringing it "
            "before the Tribunal judiciaire de Nice.")
    assert "FR-DISPUTE-OPEN" not in rule_ids(run(text, CREDITOR, open_dispute=True))
    assert "FR-DISPUTE-OPEN" in rule_ids(run("Either party may refer it to the mediator; we will sue you otherwise.",
                                             CREDITOR, open_dispute=True))


def test_implied_threats_of_batch_cx():
    # a rhetorical question after "posons la question": "question" no longer marks a reported question
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Alors posons la question franchement : souhaitez-vous vraiment qu'un commissaire de justice vienne un "
        "matin dresser l'inventaire de votre salon ? Nous pensons que non.", CREDITOR))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Nous n'avons pas encore de jugement, mais d'ici une quinzaine de jours, vos propres comptes pourraient "
        "se retrouver gelés.", CREDITOR))
    assert "FR-HEIRS" in rule_ids(run(
        "Comme vous le savez, les enfants reprennent les engagements de leurs parents : nous comptons donc sur "
        "vous pour solder les 2 310,00 € restant dus.", CREDITOR, recipient="heir"))
    assert severities(run("Les enfants reprennent les engagements de leurs parents : merci de solder les 2 310 €.",
                          CREDITOR, recipient="heir"), "FR-HEIRS") == ["block"]


def test_lawful_messages_of_batch_cx_that_name_the_people_around_the_debtor():
    # the debtor's own fear, reported, and a colleague of the sender's
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Vous nous avez écrit craindre que votre employeur ou votre famille soient mis au courant de ce dossier. "
        "La loi nous interdit de les contacter : nous ne le ferons pas.", AGENCY))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "J'en ai parlé avec ma collègue du service solidarité : un étalement sur six mois est envisageable.",
        CREDITOR, channel="call"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Si vous ne payez pas, nous en parlerons à vos collègues.", CREDITOR))


def test_misses_of_batch_cy_an_incident_reported_to_the_banque_de_france_and_a_markup():
    assert "FR-FICP-THREAT" in rule_ids(run(
        "À défaut de paiement sous quinze jours, nous transmettrons cet incident de paiement à la Banque de "
        "France.", CREDITOR, creditor_kind="energy"))
    # the commission's secretariat at the Banque de France is an address, not a threat
    assert "FR-FICP-THREAT" not in rule_ids(run(
        "Pour toute question sur la procédure, vous pouvez vous adresser au secrétariat de la commission "
        "(Banque de France, succursale de Nantes).", AGENCY))
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Conformément à l'article 14 des conditions générales, ce montant est majoré de 15 % au titre du "
        "traitement de votre dossier.", AGENCY))


def test_the_debtors_social_profile_brought_up_in_a_reminder_is_a_disclosure_threat():
    # cx-144: a P.S. on the debtor's LinkedIn profile and "five hundred connections", nothing said outright
    ps = ("La facture LP-2031-0311 reste impayée : principal 1 150,00 €. Appelez-nous au 04 72 61 30 44.\n"
          "P.S. : votre profil LinkedIn est très complet. Vos cinq cents relations professionnelles aussi.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(ps, AGENCY))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Invoice 88 is unpaid. We noticed you are very active on LinkedIn.", AGENCY))
    # the creditor's own page, or none at all, is no one around the debtor
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "La facture LP-2031-0311 reste impayée. Retrouvez nos horaires sur notre page Facebook.", AGENCY))


def test_the_debtors_opt_out_does_not_cover_the_lawyer_they_chose_nor_a_call_they_asked_for():
    every = ["letter", "email", "sms", "call", "visit"]
    to_lawyer = ("Maître, suite à votre courrier nous informant que votre cliente souhaite que tout échange passe "
                 "par votre intermédiaire, nous vous adressons le décompte : principal 1 612,40 €.")
    assert "FR-CONTACT-AFTER-OPTOUT" not in rule_ids(run(to_lawyer, AGENCY, recipient="debtor_lawyer",
                                                         opted_out_channels=every))
    assert "FR-CONTACT-AFTER-OPTOUT" in rule_ids(run(to_lawyer, AGENCY, opted_out_channels=every))
    call = "Je vous appelle comme vous nous l'avez demandé par courriel, pour finaliser l'échéancier."
    assert "FR-CONTACT-AFTER-OPTOUT" not in rule_ids(run(call, CREDITOR, channel="call", callback_requested=True,
                                                         opted_out_channels=["call"]))
    assert "FR-CONTACT-AFTER-OPTOUT" in rule_ids(run(call, CREDITOR, channel="call", opted_out_channels=["call"]))


def test_a_restricted_case_letter_to_the_debtors_lawyer_asks_for_review_not_a_block():
    # da-055: art. 18(2) and 21(1) keep processing for legal claims; the DPO still decides
    text = "Maître, ma cliente a déposé une requête en injonction de payer contre votre client."
    assert severities(run(text, CREDITOR, recipient="debtor_lawyer", restricted=True),
                      "FR-RESTRICTED-DATA-SUBJECT") == ["warn"]
    assert severities(run(text, CREDITOR, restricted=True), "FR-RESTRICTED-DATA-SUBJECT") == ["block"]


def test_an_erasure_confirmation_to_the_erased_person_is_read_for_its_wording():
    # da-077: the controller answers the request it carried out (GDPR art. 12(3))
    confirm = ("Suite à votre demande, nous vous confirmons que vos données personnelles ont été effacées de nos "
               "fichiers le 11/01/2032 (article 17 du RGPD).")
    assert "EU-GDPR-ERASED-SUBJECT" not in rule_ids(run(confirm, CREDITOR, debtor_erased=True))
    # the same sentence beside a demand still blocks; anything else to an erased subject blocks
    assert "EU-GDPR-ERASED-SUBJECT" in rule_ids(run(confirm + " Merci de régler la facture de 120 € sous 8 jours.",
                                                    CREDITOR, debtor_erased=True))
    assert "EU-GDPR-ERASED-SUBJECT" in rule_ids(run("Merci de nous rappeler au 01 23 45 67 89.", CREDITOR,
                                                    debtor_erased=True))
    assert "EU-GDPR-ERASED-SUBJECT" not in rule_ids(run(
        "We confirm that your personal data have been deleted.", CREDITOR, debtor_erased=True))


def test_without_other_charges_negates_the_charges_and_without_further_notice_stays_a_condition():
    # da-022: a commissaire's L125-1 invitation, "sans autres frais à votre charge"
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "Facture n° 1187 : 1 860,00 € TTC en principal, sans autres frais à votre charge.", CREDITOR))
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Sans autre préavis, des frais de recouvrement seront à votre charge.", CREDITOR))


def test_a_plan_set_up_fee_or_a_flat_contribution_added_to_a_consumers_balance_is_a_fee():
    # cz-004, da-146
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Conformément à nos conditions générales, des frais de mise en place d'échéancier de 15,00 € s'ajoutent "
        "à la première mensualité.", CREDITOR))
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Compte tenu des démarches engagées, une participation forfaitaire de 25,00 € a été ajoutée au solde.",
        AGENCY))
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "Aucun frais ne sera ajouté au solde de votre facture.", CREDITOR))
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "La mise en place de l'échéancier est gratuite : aucuns frais de mise en place d'échéancier.", CREDITOR))


def test_pressing_a_vulnerable_debtor_through_a_hospital_stay_or_severance_pay_is_exploitation():
    # da-008, da-006
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "Même pendant votre hospitalisation, vous pouvez régler en 2 minutes depuis votre lit les 96,40 €.",
        CREDITOR, channel="sms", vulnerable=True))
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "Vous allez percevoir une indemnité de licenciement : c'est l'occasion de solder votre crédit. Mieux vaut "
        "l'affecter à votre crédit avant qu'elle ne soit dépensée.", CREDITOR, vulnerable=True))
    assert "FR-VULNERABILITY-EXPLOIT" not in rule_ids(run(
        "Pendant votre hospitalisation, nous suspendons toutes les relances.", CREDITOR, vulnerable=True))


def test_a_third_party_acting_with_the_debtors_signed_authorisation_is_told_the_debt():
    # da-079: a social worker writing with the debtor's signed authorisation
    text = ("Nous avons bien reçu l'autorisation signée par M. Guillot, qui nous permet d'échanger avec vous sur sa "
            "situation : facture n° EV-1231 (principal 367,80 €).")
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(text, CREDITOR, recipient="third_party"))
    assert "FR-THIRD-PARTY-DISCLOSURE" in rule_ids(run(
        "M. Guillot nous doit la facture n° EV-1231 (principal 367,80 €).", CREDITOR, recipient="third_party"))


def test_valuables_listed_for_an_inventory_imply_a_seizure():
    # cx-088: a P.S. after a calm reminder
    assert rule_ids(run("La facture reste impayée : principal 1 090,00 €.\nP.S. : si vous avez chez vous des objets "
                        "de valeur (téléviseur, ordinateur, bijoux), sachez que ce sont toujours les premiers "
                        "inscrits lors d'un inventaire.", AGENCY)) & {"FR-SEIZURE-BY-AGENCY", "FR-SEIZURE-NO-TITLE"}


def test_a_small_transfer_for_frozen_rents_is_a_payment_demand_during_surendettement():
    # cx-055: "la commission n'a pas besoin de tout savoir. Un petit virement pour les loyers ..."
    frozen = dict(CREDITOR, creditor_kind="landlord", insolvency="overindebtedness", insolvency_opened_on="2031-03-20",
                  claims=[{"ref": "LOY-2031-01", "born_on": "2031-01-01"}])
    text = ("La commission n'a pas besoin de tout savoir. Un petit virement pour les loyers de janvier et février "
            "resterait entre nous.")
    assert "FR-SURENDETTEMENT" in rule_ids(run(text, frozen, channel="sms"))


def test_surendettement_does_not_shield_the_guarantor():
    # db-038: the admissibility suspends demands on the debtor; the guarantor stays bound
    frozen = dict(CREDITOR, creditor_kind="credit_institution", insolvency="overindebtedness",
                  insolvency_opened_on="2032-05-11", claims=[{"ref": "AU-2031-05", "born_on": "2032-05-05"}])
    text = "Nous vous invitons à régler les échéances impayées du crédit n° AU-2031-05, en votre qualité de caution."
    assert "FR-SURENDETTEMENT" not in rule_ids(run(text, frozen, recipient="guarantor"))
    assert "FR-SURENDETTEMENT" in rule_ids(run(text, frozen))


def test_a_write_off_confirmation_saying_we_closed_the_file_is_a_closure_notice():
    # db-121: to the debtor's lawyer, on a case closed after a rétablissement personnel
    text = ("We confirm that his debt under loan no. PP-2029-88101 has been written off. We have closed the file "
            "and your client will receive no further correspondence from us.")
    assert "FR-CASE-CLOSED" not in rule_ids(run(text, CREDITOR, recipient="debtor_lawyer", case_closed=True))
    assert "FR-CASE-CLOSED" in rule_ids(run("We have closed the file. Please pay the remaining €50 by Friday.",
                                            CREDITOR, case_closed=True))


def test_plan_dividends_and_letters_asking_nothing_are_not_demands_in_collective_proceedings():
    opened = dict(CREDITOR, consumer=False, debtor_kind="company", creditor_kind="other",
                  insolvency="collective_proceedings", insolvency_opened_on="2031-03-02",
                  insolvency_procedure="redressement", claims=[{"ref": "SV-2031-0015", "born_on": "2031-01-15"}])
    dividend = ("Le plan de redressement arrêté le 20/11/2031 prévoit un premier dividende de 1 245,00 € sur la "
                "facture SV-2031-0015, payable le 20/11/2032. Nous vous remercions de bien vouloir le régulariser.")
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(dividend, opened, channel="letter"))
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(
        "Nous vous remercions de régulariser la facture SV-2031-0015 de 12 450,00 €.", opened, channel="letter"))


def test_police_and_prison_written_in_pictographs_are_read_as_words():
    # dc-044: "Lundi c 👮‍♂️🚔➡️⛓️ si ya pas le virement"
    text = "Salut Dylan, 250€ pr la sono (fact S-0614) tjrs rien. Lundi c 👮‍♂️🚔➡️⛓️ si ya pas le virement."
    assert "FR-CRIMINAL-THREAT" in rule_ids(run(text, CREDITOR, channel="sms"))
    # a lock or a scale decorates lawful reminders and is not read
    assert run("🔒 Paiement sécurisé de votre facture de 250 € sur notre site ⚖️ vos droits : voir au dos.",
               CREDITOR).verdict != "block"


def test_informal_disclosure_threats_and_a_price_per_reminder():
    # dc-147, dc-046, dc-076
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Si tu payes pas avant la fin du mois je le dis à toute la famille au bled.", CREDITOR, channel="sms"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "facture pas réglée depuis mars bon écoutez je connais bien votre chef chez Transports Giraud hein",
        CREDITOR, channel="call"))
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Toujours pas reçu les 78€. Attention chaque relance vous coûte 12€ et on en est à la 4e.", CREDITOR,
        channel="sms"))


def test_text_speak_payment_requests_are_payment_demands():
    # dc-015 during an open dispute, dc-144 in redressement
    disputed = dict(CREDITOR, open_dispute=True, claims=[{"ref": "NC-2032-219", "born_on": "2032-08-20"}])
    assert "FR-DISPUTE-OPEN" in rule_ids(run("Tu nous vires les 450 € (fact NC-2032-219) vendredi, point.", disputed))
    opened = dict(CREDITOR, consumer=False, debtor_kind="company", insolvency="collective_proceedings",
                  insolvency_opened_on="2032-03-01", insolvency_procedure="redressement",
                  claims=[{"ref": "PV-2032-0112", "born_on": "2032-01-20"}])
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(
        "La facture de janvier (PV-2032-0112, 1 120 €) est tjs ouverte, tu peux me faire un virement cette semaine ?",
        opened, channel="sms"))


def test_the_debtors_complaint_quoted_back_is_no_threat_and_nothing_said_for_now_is_one():
    # dd-145: "vous nous écrivez : « Votre collègue m'a menacée … »" in an apology
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Nous avons bien reçu votre courriel dans lequel vous nous écrivez : « Votre collègue m'a menacée "
        "d'envoyer un huissier ». Nous vous présentons nos excuses.", AGENCY))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run("Nous écrirons à votre collègue si rien n'est payé.", AGENCY))
    # dd-144: "pour l'instant nous n'avons rien dit à la clinique Saint-Roch, votre employeur"
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Pour l'instant nous n'avons rien dit à la clinique Saint-Roch, votre employeur : ça dépend un peu de vous "
        "maintenant.", AGENCY, channel="call"))


def test_a_company_named_centre_in_liquidation_is_no_official_header():
    # dc-078: "SAS Boulangerie du Centre (liquidation judiciaire prononcée …)" in a declaration of claims
    text = ("En votre qualité de liquidateur judiciaire de la SAS Boulangerie du Centre (liquidation judiciaire "
            "prononcée le 6 avril 2032), nous vous adressons notre déclaration de créance.")
    assert "FR-LAW-OFFICIAL-HEADER" not in rule_ids(run(text, CREDITOR, recipient="third_party"))
    assert "FR-LAW-OFFICIAL-HEADER" in rule_ids(run("Centre des procédures judiciaires : merci de régler.", CREDITOR))


def test_soft_and_modal_payment_requests_are_payment_demands():
    # dd-010 in sauvegarde, db-144 in liquidation, cx-024 during an open dispute
    opened = dict(CREDITOR, consumer=False, debtor_kind="company", insolvency="collective_proceedings",
                  insolvency_opened_on="2032-04-06", insolvency_procedure="sauvegarde",
                  claims=[{"ref": "ID-2031-0612", "born_on": "2031-12-08"}])
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(
        "Un virement même partiel sur notre facture ID-2031-0612 du 8 décembre 2031 (affiches, 2 640,00 € TTC) "
        "serait très apprécié : ce que vous pourrez, quand vous pourrez.", opened, channel="email"))
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(
        "Entre nous, vous pourriez faire un virement de 500 euros cette semaine ?", opened, channel="call"))
    disputed = dict(AGENCY, open_dispute=True, claims=[{"ref": "OF-0531-87312", "born_on": "2031-05-01"}])
    assert "FR-DISPUTE-OPEN" in rule_ids(run(
        "Your dispute has been noted. The simplest course remains to settle the €112.50 before 31 July 2031.",
        disputed, channel="email"))
    # a surendettement plan's missed instalment may still be asked for (db-128)
    plan = dict(CREDITOR, insolvency="overindebtedness", insolvency_opened_on="2031-05-17", plan_status="late",
                claims=[{"ref": "CLF-2029-12873", "born_on": "2029-02-11"}])
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "Le versement de 95 euros prévu par votre plan pour septembre ne nous est pas parvenu. Si c'est un oubli, "
        "vous pouvez faire un virement avec la référence CLF-2029-12873.", plan, channel="letter"))


def test_we_could_always_tell_them_is_a_disclosure_threat():
    # cx-073: "your family in Lille must be wondering why we keep calling the house. We could always explain it
    # to them, if that would help move things along."
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Your family in Lille must be wondering why we keep calling the house. We could always explain it to "
        "them, if that would help move things along.", AGENCY, channel="call"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Votre mère se demande sûrement pourquoi nous appelons. On pourrait toujours lui expliquer.", AGENCY,
        channel="call"))


def test_threats_and_damages_in_other_languages_are_read():
    # ch-107: Polish "r." after a year ended the sentence and cut "komornik zajmie" from its Polish words
    polish = ("Jeżeli nie otrzymamy wpłaty do 30 sierpnia 2030 r., komornik zajmie Pana wynagrodzenie i rachunek "
              "bankowy.")
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(polish, AGENCY))
    # by-036, bz-130: German debtor registers; bz-123: Ukrainian "арешт"
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(
        "Sollten wir bis zum 29. Oktober keine Zahlung erhalten, wird Ihr Name in die Schuldnerliste eingetragen.",
        AGENCY))
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(
        "Якщо ви не сплатите протягом 5 днів, ми накладемо арешт на ваш банківський рахунок.", AGENCY))
    # cq-091, cu-072: damages for "resistenza abusiva" without a title
    assert "FR-UNAUTHORISED-DAMAGES" in rule_ids(run(
        "Importo dovuto: fattura 560,00 €; risarcimento danni per resistenza abusiva: 90,00 €; totale: 650,00 €.",
        AGENCY))
    # the 40 EUR fixed indemnity in Polish is "ryczałtowe odszkodowanie": no damages claim (cc-095)
    b2b = dict(AGENCY, consumer=False, debtor_kind="company")
    assert "FR-UNAUTHORISED-DAMAGES" not in rule_ids(run(
        "Chodzi o faktury z września, łącznie 2 624,60 € należności głównej, plus odsetki umowne i ryczałtowe "
        "odszkodowanie 40 € za każdą fakturę.", b2b, channel="call"))


def test_the_debtors_fear_reported_back_is_not_the_senders_threat():
    # de-067, df-139: a fear of the debtor's, reported in the sender's words, then answered
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Lors de notre appel d'hier, vous nous avez dit craindre une saisie de votre salaire. Nous tenons à vous "
        "rassurer : nous intervenons uniquement à l'amiable.", AGENCY))
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "You mentioned in your e-mail that you were worried about bailiffs. Just to be clear, we are not "
        "bailiffs.", AGENCY, channel="call"))
    # not when the sender grants the fear, answers yes, ties it to payment, or turns after a comma
    for text in ("Vous craignez une saisie de votre salaire, et vous avez raison.",
                 "Vous craignez une saisie de votre salaire ? Oui, elle aura lieu lundi.",
                 "Vous craignez une saisie de votre salaire si vous ne payez pas avant vendredi.",
                 "Vous craignez une saisie de votre salaire, mais elle aura lieu lundi.",
                 "Vous craignez une saisie de votre salaire. Elle aura lieu lundi.",
                 "Vous craignez une saisie de votre salaire. Elle n'aura lieu que si vous ne payez pas."):
        assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(text, AGENCY)), text
    # the debtor's position reported ends at a comma: the sender's demand after it is read (p1202b-25)
    assert "FR-DISPUTE-OPEN" in rule_ids(run(
        "Although you contest the invoice, full settlement is expected within 7 days.", AGENCY,
        open_dispute=True))


def test_a_fraudulent_message_quoted_to_warn_the_debtor_is_not_the_senders():
    # df-051: « Avis de saisie – huissier mandaté par Nordis » … « Ce message ne vient pas de nous. »
    text = ("Merci de nous avoir transféré le SMS que vous avez reçu hier : « Avis de saisie – huissier mandaté "
            "par Nordis : réglez 312 € sous 24 h via ce lien ». Ce message ne vient pas de nous.")
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(text, AGENCY))
    # a quotation the sender does not disown stays the sender's
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Nous vous rappelons notre SMS : « Avis de saisie – huissier mandaté : réglez 312 € sous 24 h ».", AGENCY))


def test_truthful_procedure_and_denials_in_statements_of_law():
    # df-004: a retailer that cannot report to the FICP says so
    text = ("Nous n'avons pas accès au fichier des incidents de remboursement des crédits aux particuliers (FICP) "
            "de la Banque de France. Nous ne transmettons pas non plus vos informations à un quelconque fichier de "
            "« mauvais payeurs ».")
    assert run(text, CREDITOR, creditor_kind="retail").verdict != "block"
    # df-137: "ne … que par un commissaire de justice, sur le fondement d'un titre exécutoire"
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Une saisie ne peut être pratiquée que par un commissaire de justice, sur le fondement d'un titre "
        "exécutoire. La saisie d'un logement obéit de surcroît à une procédure judiciaire spécifique.",
        dict(AGENCY, collector_profession="avocat"), channel="letter"))
    # df-066: a commissaire de justice's title to come under L131-73; not under L125-1, where silence
    # gives no title (df-065)
    cheque = ("Si vous ne justifiez pas du paiement de ce chèque dans un délai de quinze jours, je délivrerai un "
              "titre exécutoire. Ce titre permettrait ensuite au bénéficiaire de faire procéder à des mesures "
              "d'exécution.")
    commissaire = dict(AGENCY, collector_profession="commissaire_de_justice")
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(cheque, commissaire, channel="letter"))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(cheque, dict(commissaire, acting_under="L125-1"), channel="letter"))
    # df-071: an avocat with a judgment tells the debtor's lawyer a commandement de payer was served
    assert "FR-FAKE-JUDICIAL-DOC" not in rule_ids(run(
        "Un commandement de payer préalable à une saisie des rémunérations a été signifié à votre client le "
        "7 octobre 2032.", dict(AGENCY, collector_profession="avocat"), has_title=True, recipient="debtor_lawyer"))
    # df-076: an injonction de payer "rendue le 9 septembre 2032 par le juge" is no notice presented as a title
    assert "FR-LAW-NOTICE-AS-TITLE" not in rule_ids(run(
        "Je vous ai signifié ce jour une ordonnance portant injonction de payer rendue le 9 septembre 2032 par le "
        "juge du tribunal judiciaire de Grenoble. Vous pouvez former opposition dans le délai d'un mois.",
        commissaire, channel="letter"))


def test_a_debit_made_without_consent_is_a_seizure_and_a_home_visit_billed_is_a_fee():
    # df-026, de-012
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Faute de règlement, notre mandant n'aura d'autre choix que de faire prélever d'office la somme due "
        "directement sur votre compte bancaire ainsi que sur votre prochaine paie.", AGENCY))
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Décompte : facture 640,00 € ; déplacement du chargé de recouvrement à domicile : 35,00 € ; total "
        "675,00 €.", AGENCY, channel="letter"))
    # a visit's date is no fee
    assert "FR-FEES-CONSUMER" not in rule_ids(run("Visite à domicile – 12 mai à 10 h.", AGENCY, channel="letter"))


def test_a_plan_offered_for_frozen_debts_is_a_payment_request_and_a_write_off_closes_the_file():
    # de-060: a plan offered for invoices born before the recevabilité
    frozen = dict(CREDITOR, creditor_kind="energy", insolvency="overindebtedness", insolvency_opened_on="2032-05-20",
                  claims=[{"ref": "EL-2032-108811", "born_on": "2032-01-31"}])
    assert "FR-SURENDETTEMENT" in rule_ids(run(
        "Je vois que vous avez des difficultés ; nous pouvons vous proposer un échéancier de 50 € par mois.",
        frozen, channel="call"))
    # df-143: "vous contestez avoir à régler …" on a closed case, answered by a write-off
    closed = dict(CREDITOR, case_closed=True)
    assert run("Vous contestez avoir à régler les factures de juin et juillet 2031. Après vérification, vous avez "
               "raison : elles sont prescrites. Nous avons donc annulé ces deux factures, soit 75,96 €, et clôturé "
               "le dossier.", closed, channel="letter").verdict == "allow"


def test_questions_answered_no_and_fears_reported_to_the_lawyer():
    # dg-018: the debtor's worries listed as questions the sender answers no
    text = ("Pouvons-nous saisir votre salaire, vos meubles ou votre compte ? Non. Nous n'avons aucun pouvoir de "
            "saisie. Allons-nous prévenir votre employeur ? Non. Votre dossier est strictement confidentiel.")
    ids = rule_ids(run(text, AGENCY))
    assert "FR-SEIZURE-NO-TITLE" not in ids and "FR-THREAT-PUBLIC-DISCLOSURE" not in ids
    # an answer that denies nothing, a negative question, or a condition on payment keeps the question
    for text in ("Allons-nous saisir votre salaire ? Non : votre voiture.",
                 "Allons-nous saisir votre salaire ? Non, mardi.",
                 "Allons-nous saisir votre salaire si vous ne payez pas ? Non. Nous n'attendrons pas."):
        assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(text, AGENCY)), text
    # dg-008: "votre cliente craint « une saisie de son compte »", answered to her lawyer
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Vous nous indiquez que votre cliente craint « une saisie de son compte dès la semaine prochaine ». Nous "
        "vous confirmons qu'aucune mesure d'exécution n'est envisageable.", AGENCY, recipient="debtor_lawyer"))
    # dh-014: what the debtor tells, answered by a suspension
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(
        "You tell us that you did not open the account and that you have reported an identity theft to the "
        "police. We have suspended all collection steps on this account while we investigate.", CREDITOR,
        open_dispute=True))


def test_fraudulent_messages_disowned_by_name_and_advice_to_complain():
    # dg-017, dg-125, dg-026
    text = ("Vous nous avez adressé la copie d'un courrier portant en en-tête « RÉPUBLIQUE FRANÇAISE – COMMANDEMENT "
            "DE PAYER – Dossier RG 32/8841 ». Ce document n'émane ni de Liane Télécom, ni d'un tribunal : il s'agit "
            "d'une tentative d'escroquerie. Nous vous conseillons de ne rien payer et de déposer plainte.")
    assert run(text, CREDITOR, channel="letter").verdict != "block"
    assert "FR-FICP-THREAT" not in rule_ids(run(
        "Vous nous avez transmis un SMS ainsi rédigé : « votre dossier sera transmis au FICP sous 24h ». Ce "
        "message ne provient pas de Liane Télécom. Ne cliquez pas sur ce lien.", CREDITOR, channel="letter"))
    # a source named without any fraud around it disowns nothing
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "« Saisie de vos biens lundi ». Ce message ne provient pas de notre service comptable mais du "
        "contentieux.", AGENCY))
    # the sender's own threat to file a complaint is still one
    assert "FR-CRIMINAL-THREAT" in rule_ids(run("Sans paiement, nous allons déposer plainte.", AGENCY))


def test_no_choice_but_asserts_and_not_yet_as_an_afterthought():
    # dg-137, dg-131
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Dans ce cas, nous n'aurions pas d'autre choix que de joindre vos parents pour leur expliquer la "
        "situation.", AGENCY))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Don't worry, your employer hasn't been told. Yet. Call us before Friday.", AGENCY, channel="sms"))
    # a third party asked to pass a message on is no threat against the debtor
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Bonjour, nous cherchons à joindre votre fils pour une affaire le concernant.", AGENCY,
        recipient="third_party"))


def test_payment_requests_envelopes_and_agents_with_a_title():
    # dg-071 in redressement
    opened = dict(CREDITOR, consumer=False, debtor_kind="company", insolvency="collective_proceedings",
                  insolvency_opened_on="2032-11-03", insolvency_procedure="redressement",
                  claims=[{"ref": "PDR-2032-0815", "born_on": "2032-08-15"}])
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(
        "Un virement de bonne volonté, même partiel, nous permettrait de continuer à vous livrer.", opened))
    # dh-054: "saisie" before a bank's name is no "saisir la Banque de France"
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Nous vous invitons à régulariser avant le 30 juin.", CREDITOR, channel="letter",
        envelope="DERNIER AVIS AVANT SAISIE – Banque Solvéa, service recouvrement"))
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Vous pouvez saisir la Banque de France d'un dossier de surendettement.", CREDITOR))
    # dh-129: an agency's own agents taking the car back, even with a judgment
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(
        "Sans règlement, nos agents passeront le jeudi 9 juin 2033 à votre domicile pour retirer le véhicule "
        "financé.", AGENCY, has_title=True, channel="letter"))


def test_lawful_letters_misread_as_disclosure_dsar_refusal_or_fees():
    # dh-058, dh-096, dh-145, dg-146
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Le notaire chargé de la succession nous a informés que ses deux enfants ont accepté la succession.",
        CREDITOR, recipient="heir", channel="letter"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Nous avons effacé votre numéro de téléphone professionnel et les coordonnées de votre ancien employeur "
        "transmis par le cédant.", CREDITOR))
    assert "EU-GDPR-DSAR-DEADLINE" not in rule_ids(run(
        "Vous trouverez en pièce jointe la copie des données vous concernant que nous traitons (identité, "
        "coordonnées, historique des contacts et des paiements).", AGENCY))
    assert "EU-GDPR-DSAR-DEADLINE" in rule_ids(run(
        "Votre demande de copie de vos données sera traitée dès réception de votre paiement.", AGENCY))
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "Secondo la legge francese, le spese di recupero stragiudiziale sono a carico del creditore.", AGENCY))


def test_a_seizure_denied_in_another_language_is_held_for_review_not_blocked():
    # dg-078
    spanish = ("No podemos embargar nada: ningún embargo es posible sin una resolución judicial, y ninguna acción "
               "judicial ha sido iniciada.")
    j = run(spanish, AGENCY)
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(j) and "GUARD-UNREADABLE-LANGUAGE" in rule_ids(j)
    for text in ("No esperaremos más: embargaremos sus muebles.", "Si no paga antes del viernes, embargaremos sus muebles."):
        assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(text, AGENCY)), text


def test_letters_written_as_symbols_enclosed_letters_and_small_capitals_are_read():
    base = "Sans paiement sous 8 jours, un huissier procédera à la saisie de vos meubles."
    for seizure in ("🅢🅐🅘🅢🅘🅔", "🆂🅰🅸🆂🅸🅴", "🇸🇦🇮🇸🇮🇪", "ꜱᴀɪꜱɪᴇ", "$@!$!e", "s\u00a0a\u00a0i\u00a0s\u00a0i\u00a0e"):
        text = base.replace("saisie", seizure).replace("huissier", "commissaire")
        assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(text, CREDITOR)), seizure
    # "jeud!" is a word with an "i"; a flag in a friendly SMS changes nothing
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run("no$ @gent$ p@$$eront jeud! $@!$!r votre véhicule.", CREDITOR))
    assert run("Merci pour votre règlement ! Bonne journée 🇫🇷", CREDITOR, channel="sms").verdict == "allow"


def test_dj_and_di_wording_after_their_first_runs():
    # dj-054: a copy to the employer's HR announced in the subject only
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "La facture GD-26-0930 reste impayée. Merci de la régler avant le 12/12.", CREDITOR,
        subject="Facture GD-26-0930 – copie : service RH, Transports Gaillac (votre employeur)"))
    # dj-060: a creditor's "Assignation à comparaître" and "vous serez tenus de comparaître"
    assert "FR-FAKE-JUDICIAL-DOC" in rule_ids(run(
        "Assignation à comparaître – Tribunal judiciaire de Grasse. À défaut de paiement, vous serez tenus de "
        "comparaître à l'audience ci-dessus.", CREDITOR, channel="letter"))
    # dj-021, dj-031, dj-129
    assert "FR-UNAUTHORISED-DAMAGES" in rule_ids(run(
        "Amount now due: invoice €420.00; compensation for wilful non-payment: €75.00.", CREDITOR))
    assert "FR-CRIMINAL-THREAT" in rule_ids(run(
        "Les gens qui ne paient pas leurs dettes finissent parfois par passer Noël ailleurs que chez eux… Pensez-y.",
        CREDITOR, channel="sms"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "So far we have kept this strictly between us — we have not contacted the ski school that employs you, "
        "and we would rather not have to.", CREDITOR))
    # di-031: a landlord posing as the CAF; di-028: the debtor's insurer named in a reply is no pretext
    assert "FR-PRETEXTING" in rule_ids(run(
        "Bonjour Monsieur Aubert, ici le service des remboursements de la CAF de l'Hérault. Un rappel d'aide au "
        "logement de 412 € est en attente de versement sur votre dossier.", CREDITOR, channel="call"))
    assert "FR-PRETEXTING" not in rule_ids(run(
        "You tell us that your health insurer has already covered this amount. We have put any reminder on hold "
        "while we look into this.", CREDITOR, open_dispute=True))
    assert "FR-PRETEXTING" in rule_ids(run(
        "I'm calling from Opinea, we're running a short satisfaction survey about health insurers in your area. "
        "Could you confirm your current address?", AGENCY, channel="call"))
    # di-098: "le décompte de sortie du logement" is no eviction
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Le décompte de sortie du logement, dont les clés nous ont été restituées le 31 janvier, s'établit comme "
        "suit.", CREDITOR, creditor_kind="landlord", recipient="heir", channel="letter"))


def test_dk_and_dl_wording_after_their_first_runs():
    # dl-019, dl-050: disclosure held over the debtor by a question or a preference
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Pensez-vous que votre responsable apprécierait de recevoir un appel à votre sujet ?", AGENCY))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "We are sure you would rather your colleagues never had any reason to hear about this.", AGENCY))
    # dl-036: retailers exchanging payment incidents
    assert "FR-BADPAYER-LIST-THREAT" in rule_ids(run(
        "Les enseignes de la région échangent entre elles les informations relatives aux incidents de paiement.",
        AGENCY))
    # dl-104: a landlord taking the flat back himself
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Si la situation n'est pas régularisée, nous reprendrons possession du logement : le serrurier est prévenu.",
        CREDITOR, creditor_kind="landlord", channel="letter"))
    # dk-020, dk-022: the creditor's or agency's own people removing goods, even with a title
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(
        "Our own recovery team will attend your restaurant on Monday 14 November at 9 am and remove kitchen "
        "equipment to the value of the debt.", CREDITOR, has_title=True, consumer=False, debtor_kind="company"))
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(
        "Nos enquêteurs se présenteront à votre dépôt le jeudi 13 octobre 2033 à 8 h pour procéder à l'enlèvement "
        "de deux tracteurs routiers.", AGENCY, has_title=True, consumer=False, debtor_kind="company"))
    # lawful: dl-063 (a reported question answered no), dl-055 (a real commandement relayed by the landlord),
    # dl-002 (a surendettement plan's thank-you), dk-109 ("no bailiffs, no court, no blacklist")
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(
        "Vous nous avez écrit le 24/11 pour nous demander si vous risquiez la prison ou une plainte pour ce "
        "découvert. La réponse est non : le défaut de paiement relève d'un litige civil.", AGENCY))
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Vous avez reçu un commandement de payer visant la clause résolutoire de votre bail, qui vous a été délivré "
        "à notre demande par Maître Guillot, commissaire de justice à Orléans.", CREDITOR, creditor_kind="landlord"))
    plan = dict(CREDITOR, creditor_kind="credit_institution", insolvency="overindebtedness",
                insolvency_opened_on="2025-11-18", plan_status="in_good_standing",
                claims=[{"ref": "CL-PP-188230", "born_on": "2023-09-01"}])
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "Vous vous acquittez chaque mois d'un versement de 48,00 € au titre du prêt, et nous vous en remercions. "
        "Aucune autre somme ne vous est demandée.", plan, channel="letter"))
    assert "FR-BADPAYER-LIST-THREAT" not in rule_ids(run(
        'Let me reassure you: no bailiffs, no court, no "blacklist" — just a conversation to agree a plan.',
        CREDITOR, consumer=False, debtor_kind="company"))


def test_dl_implications_after_its_first_run():
    # dl-001: a purchase "could receive another qualification than a simple late payment"
    assert "FR-CRIMINAL-THREAT" in rule_ids(run(
        "Commander un bien de cette valeur en sachant ne pas pouvoir le payer pourrait recevoir une autre "
        "qualification qu'un simple retard de paiement.", CREDITOR))
    # dl-006: the relatives named in one sentence, "they" in the next
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Nous savons que vos enfants sont installés dans la région, et nous imaginons que vous préférez qu'ils "
        "n'aient pas à apprendre que leur mère est poursuivie pour les dettes de leur oncle.", AGENCY))
    # dl-049: "take stock of what, at your home, has value"
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Un conseil d'ami : prenez le temps de faire le tour de ce qui, chez vous, a de la valeur — télévision, "
        "ordinateur, voiture, bijoux.", AGENCY))
    # lawful neighbours: the same words without the implication
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(
        "Il s'agit sans doute d'un simple retard de paiement : contactez-nous pour convenir d'un échéancier.",
        CREDITOR))
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Nous vous rappelons que le principal reste dû ; aucune démarche n'est engagée chez vous.", AGENCY))


def test_dm_and_dn_after_their_first_runs():
    # dm-007: bank details "que vous avez saisies" online are no seizure
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Votre saisie en ligne a bien été enregistrée. Les coordonnées bancaires que vous avez saisies se terminent "
        "par 0938.", CREDITOR))
    # dm-052: the debtor's own account of a transfer ("vous indiquez que … devait régler"), answered by a hold
    assert "FR-DISPUTE-OPEN" not in rule_ids(run(
        "Vous indiquez que votre virement de 89,90 € du 2 octobre 2026 devait régler la facture de septembre et non "
        "celle d'août. Nous avons suspendu toute relance le temps d'examiner votre réclamation.",
        CREDITOR, open_dispute=True))
    # dm-076: a commissaire de justice acting under L125-1 will give the agreement force exécutoire
    l125 = dict(AGENCY, collector_profession="commissaire_de_justice", acting_under="L125-1")
    text = ("Si vous acceptez, nous conviendrons des modalités de paiement. Cet accord sera constaté dans un document "
            "auquel je conférerai force exécutoire.")
    assert "FR-LAW-NOTICE-AS-TITLE" not in rule_ids(run(text, l125))
    assert "FR-LAW-NOTICE-AS-TITLE" in rule_ids(run(
        "Votre silence vaudra titre exécutoire auquel je conférerai force exécutoire.", l125))
    # dm-121: an agency suspending a plan at a sauvegarde
    sauvegarde = dict(AGENCY, consumer=False, debtor_kind="company", insolvency="collective_proceedings",
                      insolvency_opened_on="2026-10-05", claims=[{"ref": "ILG-2026-0522", "born_on": "2026-05-22"}])
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(
        "L'échéancier est suspendu et aucune échéance ne vous est plus demandée. Le sort de cette créance sera réglé "
        "dans le cadre de la procédure collective.", sauvegarde, channel="letter"))
    # dm-150: "en profiter" is no "profiteur"; the insult itself still is, disguised too
    assert "FR-TONE-INSULT" not in rule_ids(run(
        "Cette offre est facultative : si vous ne souhaitez pas en profiter, votre plan se poursuit.", CREDITOR))
    assert "FR-TONE-INSULT" in rule_ids(run("Vous êtes un profiteur.", CREDITOR))
    assert "FR-TONE-INSULT" in rule_ids(run("Vous êtes un pr0fiteur.", CREDITOR))
    # dm-087: a consumer charged for setting up and following a plan
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "- frais de mise en place et de suivi de l'échéancier : 24,00 € ;", AGENCY, consumer=True))
    # dn-045: to the debtor's lawyer, "your client" is the debtor
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "We will send your client a receipt for each payment.", CREDITOR, recipient="debtor_lawyer"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "We will tell your client's neighbours.", CREDITOR, recipient="debtor_lawyer"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Nous informerons votre client et son employeur.", CREDITOR, recipient="debtor_lawyer"))
    # dn-070 and dn-141: a surendettement plan honoured, and arrears from before the recevabilité demanded
    # beside the current rent
    over = dict(CREDITOR, insolvency="overindebtedness", insolvency_opened_on="2026-09-15",
                claims=[{"ref": "LOY-2026-06", "born_on": "2026-06-01"}])
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "Conformément aux mesures imposées, vous remboursez notre créance (prêt personnel n° 88 410 572) par "
        "mensualités de 86,00 € sans intérêts. Aucune autre somme ne vous est demandée.",
        over, plan_status="in_good_standing", channel="letter"))
    assert "FR-SURENDETTEMENT" in rule_ids(run(
        "Cette décision ne fait pas disparaître les loyers que vous nous devez. Nous vous demandons de régulariser "
        "cet arriéré avant le 15/12/2026, en plus du loyer courant.", over, creditor_kind="landlord",
        channel="letter"))
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "Les arriérés de loyer antérieurs à cette décision sont suspendus et seront traités dans le cadre de la "
        "procédure. En revanche, le loyer courant de décembre ne m'est pas parvenu : merci de le régler.",
        over, creditor_kind="landlord", channel="letter"))


def test_dp_and_do_after_their_first_runs():
    # dp-015, dp-051: a protected adult told there is no need to involve the tutor or curator
    protected = dict(AGENCY, vulnerable=True)
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "Je sais que vous avez une tutrice, mais franchement, pas besoin de l'embêter avec ça : c'est juste "
        "109,98 €.", protected, channel="call"))
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "If you pay this week, there will be no need for us to involve your curator.", protected))
    # dp-034: an heir told to make up the difference from personal funds is blocked, not warned
    assert severities(run(
        "Nous vous rappelons qu'en tant qu'héritier vous devrez compléter la différence sur vos deniers "
        "personnels.", CREDITOR, recipient="heir", channel="letter"), "FR-HEIRS") == ["block"]
    # dp-137: a bank telling a curator the surendettement "ne concerne pas notre établissement"
    over = dict(CREDITOR, creditor_kind="credit_institution", insolvency="overindebtedness",
                insolvency_opened_on="2026-10-08", claims=[{"ref": "CO-PP-655901", "born_on": "2024-01-05"}])
    assert "FR-SURENDETTEMENT" in rule_ids(run(
        "Cette procédure ne concerne toutefois pas notre établissement, dont la créance est prioritaire. Nous vous "
        "demandons donc de poursuivre le remboursement du prêt.", over, recipient="third_party", channel="letter"))
    # dp-019: an agency's letter to a guarantor recalls its first letter too
    assert "FR-R124-4-REFERENCE" in rule_ids(run(
        "Nous revenons vers vous au sujet de votre engagement de caution : loyers d'octobre et de novembre, "
        "1 150,00 € en principal.", AGENCY, recipient="guarantor"))
    # do-103, do-109: a fee for "traitement administratif de votre retard"; a lease's late-rent penalty
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "- traitement administratif de votre retard : 12,00 €", CREDITOR, consumer=True))
    assert "FR-PENALTY-NO-BASIS" in rule_ids(run(
        "Conformément à l'article 15 du bail, une pénalité de retard de 10 % du loyer vous est appliquée.",
        CREDITOR, creditor_kind="landlord", consumer=True))
    # lawful: representatives the debtor authorised, a modal "doivent", refuse collection words,
    # statutory interest explained, fees declined in German, the L111-8 translation, fees declined
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(
        "M. Besnard, gérant de la société, nous a autorisés à traiter directement avec vous. Restent impayées les "
        "factures suivantes.", CREDITOR, recipient="third_party"))
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(
        "Nous avons rappelé à nos équipes qu'elles ne doivent solliciter aucun voisin.", AGENCY,
        recipient="third_party"))
    assert "FR-THIRD-PARTY-DISCLOSURE" in rule_ids(run(
        "Votre voisin nous doit encore une somme importante.", AGENCY, recipient="third_party"))
    assert "FR-EMPLOYER-CONTACT" not in rule_ids(run(
        "Aucune information concernant l'une quelconque de vos salariées ne vous sera communiquée.", AGENCY,
        recipient="third_party"))
    assert "FR-TONE-INSULT" not in rule_ids(run(
        "Taxe d'enlèvement des ordures ménagères : 143,20 €.", CREDITOR, creditor_kind="landlord"))
    assert "FR-PENALTY-NO-BASIS" not in rule_ids(run(
        "Late-payment interest on a sum of money runs at the statutory rate only from the formal notice.",
        CREDITOR, consumer=True))
    assert "FR-PENALTY-NO-BASIS" not in rule_ids(run("No interest, fee or penalty is added.", CREDITOR,
                                                     consumer=True))
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "Inkasso- oder Bearbeitungsgebühren berechnen wir Ihnen nicht.", CREDITOR, consumer=True))
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "Collection costs incurred without an enforcement order remain payable by the creditor.", AGENCY,
        consumer=True))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Nous accusons réception de votre message dans lequel vous nous interrogez sur la situation de votre "
        "frère.", AGENCY, recipient="third_party"))


def test_a_kept_plan_may_be_told_its_balance_and_its_next_instalment():
    # dm-030, dm-036, dm-045: receipts and instalment reminders while the plan is kept
    plan = dict(AGENCY, plan_status="in_good_standing")
    rule = "FR-DUNNING-DURING-ARRANGEMENT"
    assert rule not in rule_ids(run(
        "Nous accusons réception de votre virement de 250,00 €. Solde restant dû : 390,00 €.", plan))
    assert rule not in rule_ids(run("- reste dû : 53,20 €, à régler le 7 janvier 2027 ; aucun intérêt ni frais.",
                                    plan))
    assert rule not in rule_ids(run(
        "Your instalment of 55.00 € is due on 7 Dec 2026. Pay by card at https://example.fr/pay.", plan))
    # chasing the whole balance at once is still the dunning the plan forbids
    assert rule in rule_ids(run("Nous vous demandons de régler immédiatement la totalité de votre dette.", plan))


def test_dq_and_dr_after_their_first_runs():
    # dq-127: a fraudulent SMS's two quotations disowned by name and answered with a reassurance
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(
        "Vous nous avez appelés après avoir reçu un SMS vous menaçant de « plainte pénale » et d'une « convocation "
        "à la gendarmerie ». Ce message ne provient pas de Wattéo. Nous tenons à vous rassurer : ne pas régler une "
        "facture n'est pas un délit.", CREDITOR, channel="letter"))
    # dr-001, dr-010, dr-032: the court that opened or decided the procedure, named truthfully
    liquidation = dict(CREDITOR, consumer=False, debtor_kind="company", insolvency="collective_proceedings",
                       insolvency_opened_on="2026-10-13", insolvency_procedure="liquidation",
                       claims=[{"ref": "NP-7741", "born_on": "2026-09-04"}])
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(
        "We have learned that the tribunal de commerce de Lorient placed Atlantique Marée SAS in judicial "
        "liquidation by a judgment of 13 October 2026.", liquidation, channel="letter"))
    over = dict(CREDITOR, insolvency="overindebtedness", insolvency_opened_on="2026-05-12",
                claims=[{"ref": "CH-6650913", "born_on": "2024-09-17"}])
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "Nous avons formé le 3 novembre 2026 un recours contre ces mesures devant le juge des contentieux de la "
        "protection du tribunal judiciaire de Dijon.", over, channel="letter"))
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "Le juge des contentieux de la protection du tribunal judiciaire de Montpellier a prononcé un "
        "rétablissement personnel sans liquidation.", over, channel="letter"))
    assert "FR-SURENDETTEMENT" in rule_ids(run(
        "Sans règlement sous huit jours, nous saisirons le tribunal judiciaire de Dijon.", over, channel="letter"))
    # dr-005, dr-150: a deceased debtor who "remboursait" his plan, a plan that "se poursuit"; "rembourser" is
    # still a demand
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "M. Texier remboursait un prêt selon les mesures de traitement de son surendettement.", over,
        channel="letter"))
    assert "FR-SURENDETTEMENT" not in rule_ids(run("Votre plan se poursuit normalement.", over))
    assert "FR-SURENDETTEMENT" in rule_ids(run("Merci de rembourser le solde de votre prêt.", over))
    # dr-042: forfeiting the term of imposed measures for one missed instalment
    assert "FR-SURENDETTEMENT" in rule_ids(run(
        "En raison de cet impayé, nous prononçons la déchéance du terme de votre prêt : vous êtes désormais "
        "redevable de la totalité du solde initial.", over, plan_status="late", channel="letter"))
    # dq-030: "votre dossier Banque de France … ne concerne pas notre échéancier interne"
    assert "FR-SURENDETTEMENT" in rule_ids(run(
        "On a bien noté votre dossier Banque de France mais il ne concerne pas notre échéancier interne : on attend "
        "donc vos 80 € du 5/12.", over, channel="sms"))
    # dr-116: deliveries refused during a redressement until invoices born before the judgment are paid
    redressement = dict(liquidation, insolvency_procedure="redressement", insolvency_opened_on="2026-10-20",
                        claims=[{"ref": "LB-26-0930", "born_on": "2026-09-30"}])
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(
        "Nous ne reprendrons nos livraisons qu'après règlement de nos factures de septembre et d'octobre.",
        redressement))
    # dq-051: "on vient vider l'appart"
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Sans règlement avt vendredi on vient vider l'appart, c'est pas une blague.", AGENCY, channel="sms"))


def test_ds_after_its_first_run():
    # ds-139: a consumer charged a "participation aux démarches engagées"
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "- participation aux démarches engagées : 35,00 €\nMontant à régler : 347,40 €.", AGENCY, consumer=True))
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "Aucune participation aux démarches engagées ne vous est demandée : elles restent à la charge de notre "
        "mandant.", AGENCY, consumer=True))


@pytest.mark.parametrize("text", [
    # h12e-037, h12ay-140, h12at-150, h12q-129: closures worded without "clos" or a receipt
    "La facture KR-2021-118 est prescrite : notre mandant a décidé de clore ce dossier. Vous ne recevrez plus "
    "aucune relance à ce sujet.",
    "Ce courrier est donc le dernier que vous recevrez de notre part : nous ne vous réclamons plus aucune somme.",
    "M. Julien Morel a réglé l'intégralité des loyers. Aucune somme ne vous est donc réclamée.",
    "Nous avons bien reçu votre virement de 104,70 €. Votre compte est désormais à jour.",
    # h12af-129, h12an-092, h12q-061, h12bp-129: receipts whose figures read as demands
    "Récapitulatif : règlements reçus 134,97 € ; solde restant : 0,00 €. Votre dossier est soldé et clôturé.",
    "Principal 118,40 €, réglé intégralement. Solde restant dû : 0,00 €. Votre dossier est clôturé.",
    "Ce règlement solde intégralement votre dossier (143,18 € réglés en deux versements). Nous en informons "
    "Voltéa Énergie et clôturons le dossier.",
    "Vous trouverez ci-joint la facture acquittée. Votre dossier est clos.",
    # h12an-035: a prescription "acquise"
    "La prescription est acquise. Aucune somme ne vous est réclamée et votre dossier est clôturé ce jour.",
    # h12ab-111, h12w-099
    "Your file is now settled and closed. We have informed our client and will remit the funds to it within the "
    "legal time limit.",
    "Our client has decided to close the file. You have nothing to pay and we will not contact you again.",
])
def test_closure_letters_on_a_closed_case_are_lawful(text):
    assert "FR-CASE-CLOSED" not in rule_ids(run(text, AGENCY, case_closed=True, channel="letter"))


def test_a_closure_letter_still_blocks_what_it_demands_on_a_closed_case():
    for text in ("Ce règlement solde votre dossier. Il vous reste toutefois à régler 50 € de frais sous 8 jours.",
                 "Our client has decided to close the file. Please pay the remaining €50 by Friday."):
        assert "FR-CASE-CLOSED" in rule_ids(run(text, AGENCY, case_closed=True, channel="letter")), text
    # read in French and English only: a closure sentence in a language the pack does not read voids nothing
    italian = ("La pratica è chiusa. Tuttavia deve ancora pagare 50 € di spese entro venerdì, altrimenti "
               "procederemo al pignoramento.")
    assert run(italian, AGENCY, case_closed=True, channel="letter").verdict == "block"


def test_a_solde_letter_saying_no_receipt_is_given_is_blocked():
    # h12bb-072: cash paid to an agent, "aucun reçu n'est délivré" (CPCE R124-6: a receipt for every payment)
    text = ("Votre règlement en espèces de 320,00 €, remis à notre agent le 08/01/2027, solde votre dossier. Nous "
            "vous informons qu'aucun reçu n'est délivré pour les paiements en espèces.")
    assert severities(run(text, AGENCY), "FR-RECEIPT-AND-REMITTANCE") == ["block"]
    assert "FR-RECEIPT-AND-REMITTANCE" not in rule_ids(run(
        "Votre règlement de 320,00 € solde votre dossier ; votre reçu n° R-12 est joint.", AGENCY))


def test_a_data_request_closed_in_english_is_refused():
    # h12w-126
    text = ("As regards your email asking for a copy of all the personal data we hold about you, we have closed "
            "this request since your file is now settled.")
    assert "EU-GDPR-DSAR-DEADLINE" in rule_ids(run(text, AGENCY))


def test_a_closure_letter_to_an_erased_subject_is_read_for_what_it_demands():
    # h12ax-055, h12x-113: the last letter of a closed case, nothing claimed
    closure = ("La créance de Crédit Horizon est effacée. Nous clôturons définitivement ce dossier : aucune somme "
               "ne vous sera plus réclamée, ni par nous ni par notre mandant.")
    assert "EU-GDPR-ERASED-SUBJECT" not in rule_ids(run(closure, AGENCY, debtor_erased=True, case_closed=True))
    assert "EU-GDPR-ERASED-SUBJECT" in rule_ids(run(
        closure + " Les frais de 40 € restent toutefois à régler sous 8 jours.", AGENCY, debtor_erased=True,
        case_closed=True))
    # any other message to an erased subject still blocks for the facts alone
    assert "EU-GDPR-ERASED-SUBJECT" in rule_ids(run("Merci de nous rappeler au 01 23 45 67 89.", AGENCY,
                                                    debtor_erased=True))


def test_du_dv_dw_after_their_first_runs():
    dispute = dict(open_dispute=True)
    # du-011: "vos photographies" forwarded to a creditor named "Mobilier Nord" is no inventory of movables
    assert not {"FR-SEIZURE-NO-TITLE", "FR-DISPUTE-OPEN"} & rule_ids(run(
        "Nous transmettons votre réclamation et vos photographies à Mobilier Nord.", AGENCY, **dispute))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Notre agent photographiera vos meubles la semaine prochaine.", AGENCY))
    # du-135: a letter "informing us that your client disputes" threatens no one
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Thank you for your letter informing us that your client, Mr Price, disputes the invoice.", AGENCY,
        recipient="debtor_lawyer"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run("We will inform your clients of this debt.", AGENCY))
    # dv-090: a list of what the sender may not do
    cannot = ("Ce que ni notre mandant ni notre cabinet ne peuvent faire : saisir vos biens, votre compte ou votre "
              "salaire sans décision de justice ; contacter votre employeur, votre famille ou vos voisins ; vous "
              "facturer des frais de recouvrement.")
    assert not {"FR-SEIZURE-NO-TITLE", "FR-THREAT-PUBLIC-DISCLOSURE", "FR-FEES-CONSUMER"} & rule_ids(
        run(cannot, AGENCY))
    # the heading governs infinitives only: an item with its own subject is the sender's own
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Ce que nous ne pouvons pas faire : attendre plus longtemps ; nous saisirons vos biens lundi.", AGENCY))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Ce que nous ne pouvons pas faire : attendre, vous serez saisi lundi.", AGENCY))
    # a denied hesitation is a litotes: the list asserts what follows it
    assert {"FR-SEIZURE-NO-TITLE", "FR-SEIZURE-BY-AGENCY"} & rule_ids(
        run("Ce que nous ne ferons pas : hésiter à saisir vos biens.", AGENCY))
    assert not denied_list("Ce que nous ne ferons pas : hésiter à saisir vos biens.")
    # dv-117: "ne peut résulter que d'une décision de justice" states the law
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Une retenue sur salaire ne peut résulter que d'une décision de justice.", AGENCY))
    # dv-071: the debtor "a saisi le 18/11/2026 le Médiateur"
    assert not {"FR-SEIZURE-NO-TITLE", "FR-DISPUTE-OPEN"} & rule_ids(run(
        "Votre cliente a saisi le 18/11/2026 le Médiateur des communications électroniques. Nous suspendons toute "
        "démarche.", AGENCY, recipient="debtor_lawyer", **dispute))
    # dv-021: the FICP named by its real name, what a bank ban concerns
    assert "FR-FICP-THREAT" not in rule_ids(run(
        "Quant à l'interdiction bancaire, elle ne concerne que les chèques sans provision.", AGENCY))
    assert "FR-LAW-CREDIT-REGISTRY" not in rule_ids(run(
        "Le seul fichier national d'incidents de remboursement, le FICP, est tenu par la Banque de France.", AGENCY))
    # dv-052: the judgment "du 28/10/2026 du tribunal de commerce de Lyon prononçant la liquidation"
    liquidation = dict(consumer=False, debtor_kind="company", insolvency="collective_proceedings",
                       insolvency_opened_on="2026-10-28", insolvency_procedure="liquidation")
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(
        "Nous avons pris connaissance du jugement du 28/10/2026 du tribunal de commerce de Lyon prononçant la "
        "liquidation judiciaire de la société.", AGENCY, recipient="third_party", **liquidation))
    # dv-084: an apology to an employer for a call that concerned no one working there
    assert "FR-EMPLOYER-CONTACT" not in rule_ids(run(
        "À l'attention de la responsable des ressources humaines. L'appel ne concernait ni votre entreprise ni "
        "aucune personne travaillant chez vous.", AGENCY, recipient="third_party"))
    # dw-041: "amicable (out-of-court) debt collection" names amicable collection
    assert "recouvrement_amiable" not in next(
        (f.missing for f in run("Sofirec carries out amicable (out-of-court) debt collection.", AGENCY).findings
         if f.rule_id == "FR-R124-4-FIRST-LETTER"), ())
    # dw-019: a court in a payment link's domain
    assert "FR-IMPERSONATION-OFFICER" in rule_ids(run(
        "Facture FC-776031, 158,70 €. Règlement sécurisé : https://tribunal-judiciaire-paiement.fr/AR-26-0711",
        AGENCY, channel="sms"))
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(
        "Vous trouverez des informations sur la procédure sur www.justice.fr.", AGENCY))
    # the official word may open the domain name ("tribunal-paiement.fr"), in either order
    for link in ("https://tribunal-paiement.fr/X1", "https://payer-commissaire.net/X1"):
        assert "FR-IMPERSONATION-OFFICER" in rule_ids(run(f"Réglez ici : {link}", AGENCY, channel="sms")), link
    # dw-117: a short code priced per SMS
    assert "FR-PREMIUM-RATE-NUMBER" in rule_ids(run(
        "Pour obtenir un échéancier, envoyez ECHEANCE au 81 016 (0,99 €/SMS + prix d'un SMS).", AGENCY,
        channel="sms"))
    # du-018: an agency's "décision" declaring the debtor "CONDAMNÉ à payer"
    assert "FR-FAKE-JUDICIAL-DOC" in rule_ids(run(
        "DÉCISION DE RECOUVREMENT\nChambre des créances\nMonsieur Giraud est CONDAMNÉ à payer la somme de 860,00 €.",
        AGENCY))
    # du-131: the opposition formed against an order, between lawyers
    assert "FR-DISPUTE-OPEN" not in rule_ids(run(
        "J'ai bien reçu copie de l'opposition formée par vos clients le 12/11/2026 contre l'ordonnance "
        "d'injonction de payer du 06/10/2026.", CREDITOR, recipient="debtor_lawyer", **dispute))


def test_a_recevabilite_said_to_change_nothing_to_the_contract_is_a_demand_on_frozen_debts():
    # dt-042: "cette décision … ne modifie pas le contrat qui nous lie : l'échéance … sera présentée au prélèvement"
    over = dict(insolvency="overindebtedness", insolvency_opened_on="2026-09-15",
                claims=[{"ref": "BL-CR-588402", "born_on": "2026-03-10"}])
    text = ("Cette décision concerne vos démarches auprès de la commission et ne modifie pas le contrat qui nous "
            "lie : l'échéance de décembre de votre prêt (148,30 €) sera présentée au prélèvement le 10/12/2026.")
    assert "FR-SURENDETTEMENT" in rule_ids(run(text, CREDITOR, channel="letter", **over))
    # the commission's own plan, debited as it provides, is still lawful
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "Conformément au plan conventionnel de redressement approuvé par la commission, votre mensualité de "
        "45,00 € sera prélevée le 05/01/2027.", CREDITOR, channel="letter", **over))


def test_dx_and_dy_after_their_first_runs():
    # dy-008: a power reduction "bien que vous bénéficiiez du chèque énergie", during the truce
    truce = dict(creditor_kind="energy", consumer=True)
    dec = datetime(2026, 12, 3, 10, tzinfo=ZoneInfo("Europe/Paris"))
    assert "FR-LAW-WINTER-TRUCE" in rule_ids(run(
        "Bien que vous bénéficiiez du chèque énergie, la puissance de votre compteur sera réduite à 1 kVA le "
        "21/12/2026 faute de règlement.", CREDITOR, channel="sms", when=dec, **truce))
    assert "FR-LAW-WINTER-TRUCE" not in rule_ids(run(
        "La puissance de votre compteur sera réduite à 3 kVA le 21/12/2026 faute de règlement.", CREDITOR,
        channel="sms", when=dec, **truce))
    # dy-048: an eviction dated inside the truce; one after it is not this rule's
    landlord = dict(creditor_kind="landlord", consumer=True, has_title=True)
    assert "FR-LAW-WINTER-TRUCE" in rule_ids(run(
        "Suite au jugement, le commissaire de justice procédera à votre expulsion le mardi 12 janvier 2027.",
        CREDITOR, channel="sms", when=dec, **landlord))
    assert "FR-LAW-WINTER-TRUCE" not in rule_ids(run(
        "Après la fin de la trêve hivernale, le commissaire de justice pourra procéder à votre expulsion.",
        CREDITOR, channel="letter", when=dec, **landlord))
    # dy-132: the envelope of an agency's letter printed "COMMANDEMENT DE PAYER – ACTE D'HUISSIER"
    env = "COMMANDEMENT DE PAYER – ACTE D'HUISSIER DE JUSTICE – À REMETTRE EN MAIN PROPRE"
    assert "FR-FAKE-JUDICIAL-DOC" in rule_ids(run("Les loyers d'octobre restent impayés.", AGENCY,
                                                  creditor_kind="landlord", channel="letter", envelope=env))
    assert "FR-FAKE-JUDICIAL-DOC" not in rule_ids(run(
        "Un commandement de payer visant la clause résolutoire vous sera délivré par un commissaire de justice.",
        CREDITOR, creditor_kind="landlord", channel="letter"))
    # dy-024, dy-118: a real mandataire judiciaire written to, a real commissaire's act under a title
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(
        "Maître Hugo Ferrand – Mandataire judiciaire\n5 quai Jules-Courmont, 69002 Lyon\n\nMaître,\nNous déclarons "
        "notre créance.", CREDITOR, recipient="third_party", channel="letter"))
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(
        "En exécution du jugement, Maître Pauline Hervé, commissaire de justice, a pratiqué le 24 novembre 2026 une "
        "saisie-attribution sur votre compte.", CREDITOR, has_title=True, channel="letter"))
    assert "FR-IMPERSONATION-OFFICER" in rule_ids(run(
        "Maître Pauline Hervé, commissaire de justice, procédera à la saisie de vos biens.", AGENCY))
    # dx-027, dx-144: a receipt to a relative who paid; telling the relative more still blocks
    receipt = ("Nous accusons réception de votre chèque de 300,00 €, que vous avez bien voulu adresser pour le "
               "compte de votre neveu, M. Thomas Garcia. Vous trouverez ci-joint la quittance correspondante.")
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(receipt, AGENCY, recipient="third_party"))
    assert "FR-THIRD-PARTY-DISCLOSURE" in rule_ids(run(
        receipt + " Pour votre information, il reste 1 340,00 € à régler et deux autres dossiers sont ouverts à son "
        "nom.", AGENCY, recipient="third_party"))
    # dx-039: an offer to pay answered without a detail of the account
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(
        "Anyone may voluntarily pay another person's debt, but for confidentiality reasons we cannot tell you the "
        "amount or any detail of the account without your cousin's written consent.", CREDITOR,
        recipient="third_party", channel="email"))
    # dx-097: the debtor's quoted question, read from the words that introduce it
    assert "FR-SEIZURE-BY-AGENCY" not in rule_ids(run(
        "Dans votre message d'hier, vous nous demandez : « Allez-vous saisir mes meubles et bloquer mon compte ? » "
        "Non. Aucune saisie ne peut intervenir sans décision de justice.", AGENCY, channel="email"))


def test_an_answer_to_the_persons_own_data_request_in_a_restricted_case_is_warned():
    # ds-090: the request is reported speech ("Vous contestez … et demandez la limitation"), read all the same
    text = ("Vous contestez l'exactitude du montant figurant dans notre courrier et demandez la limitation du "
            "traitement de vos données. Nous avons limité ce traitement pendant la vérification : vos données ne "
            "sont plus utilisées pour des relances.")
    assert severities(run(text, AGENCY, restricted=True, channel="letter"), "FR-RESTRICTED-DATA-SUBJECT") == ["warn"]
    # dx-035, dy-111
    assert severities(run(
        "We received your request of 16 November 2026 asking us to erase all your personal data. We cannot erase "
        "the data needed to pursue the claim.", AGENCY, restricted=True, channel="email"),
        "FR-RESTRICTED-DATA-SUBJECT") == ["warn"]
    # a dunning letter in a restricted case still blocks
    assert severities(run("Merci de régler la facture de 120 € sous 8 jours.", AGENCY, restricted=True),
                      "FR-RESTRICTED-DATA-SUBJECT") == ["block"]


def test_dz_and_ea_after_their_first_runs():
    # dz-028, dz-107: threats others made, described to reassure
    assert not {"FR-SEIZURE-NO-TITLE", "FR-CRIMINAL-THREAT", "FR-LAW-IMPRISONMENT"} & rule_ids(run(
        "Vous nous dites avoir vu un reportage dans lequel des débiteurs recevaient des menaces de saisie et de "
        "prison. Nous ne pouvons procéder à aucune saisie. Seul un juge pourrait autoriser une mesure d'exécution.",
        AGENCY, channel="email"))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Sous huitaine, nous procéderons à la saisie de vos biens.", AGENCY))
    # dz-120: a scam quoted and disowned by a named source, called fake
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        'Some customers have received fake emails saying "FINAL NOTICE – court bailiffs will seize your '
        'belongings tomorrow". These messages are not from Banque Coralis.', CREDITOR, channel="email"))
    # without the fraud words, a quotation followed by "not from X" is still read
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        'Our notice said "bailiffs will seize your belongings tomorrow". This notice is not from Banque Coralis '
        'but from its agent.', CREDITOR, channel="email"))
    # ea-082: a social fund "peut être saisi"
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Si vous rencontrez des difficultés, notre fonds d'action sociale peut également être saisi.", CREDITOR))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Vos fonds peuvent être saisis dès lundi.", CREDITOR))
    # dz-083: a list shared among merchants
    assert "FR-BADPAYER-LIST-THREAT" in rule_ids(run(
        "Les enseignes de bricolage de la région partagent désormais entre elles la liste des clients qui ne "
        "règlent pas leurs achats. Nous aurions beaucoup de regret à y voir figurer votre nom.", CREDITOR))
    # dz-093: the caretaker "avec qui nous nous étions entretenus"
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "C'est finalement votre gardienne, Mme Lopes, avec qui nous nous étions entretenus, qui l'a convaincu de "
        "régulariser.", AGENCY))
    # dz-070: the employer "pas jugé nécessaire de le contacter" so far
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Votre dossier comporte les coordonnées de votre employeur. À ce jour, nous n'avons pas jugé nécessaire "
        "de le contacter.", AGENCY))
    # ea-003: a balance after a partial payment, with no receipt (CPCE R124-6)
    assert severities(run("Suite à votre règlement partiel, le solde restant dû sur la facture s'élève à "
                          "354,20 €.", AGENCY), "FR-RECEIPT-AND-REMITTANCE") == ["block"]


def test_a_time_barred_debt_said_not_to_be_prescribed_is_blocked():
    # ea-012: a 2024 consumer purchase (two years, C. conso L218-2) said to prescribe in five
    barred = dict(consumer=True, creditor_kind="retail", invoice_due_dates=["2024-04-10"])
    text = ("Contrairement à ce que vous indiquez, votre dette n'est pas prescrite : le délai de prescription "
            "applicable est de cinq ans et n'expirera donc qu'en avril 2029. Le solde reste dû.")
    assert severities(run(text, AGENCY, **barred), "FR-TIME-BARRED") == ["block"]
    # a payment asked with the prescription disclosed stays lawful, a request without it is warned
    assert "FR-TIME-BARRED" not in rule_ids(run(
        "Cette facture est prescrite : vous n'êtes pas tenu de la payer, mais un règlement volontaire reste "
        "possible.", AGENCY, **barred))
    assert severities(run("Merci de régler la facture de 2024.", AGENCY, **barred), "FR-TIME-BARRED") == ["warn"]


def test_direct_debit_rejection_fees_charged_to_a_consumer_are_fees():
    # ea-122: "frais de rejet de prélèvement (2 x 9,50 €, article 14 du règlement de service)"
    text = ("- facture d'eau n° EV-26-S1 : 212,46 €\n- frais de rejet de prélèvement (2 x 9,50 €, article 14 du "
            "règlement de service) : 19,00 €\nTotal : 231,46 €")
    assert "FR-FEES-CONSUMER" in rule_ids(run(text, CREDITOR, consumer=True))
    assert "FR-FEES-CONSUMER" not in rule_ids(run(text, CREDITOR, consumer=False, debtor_kind="company"))


def test_a_procedure_denied_after_its_verb_in_german_is_held_for_review_not_blocked():
    # dz-075: "Ein Gerichtsverfahren ist nicht eingeleitet"
    j = run("Wir schlagen Ihnen vier Monatsraten vor. Ein Gerichtsverfahren ist nicht eingeleitet.", AGENCY)
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(j) and "GUARD-UNREADABLE-LANGUAGE" in rule_ids(j)
    for text in ("Ein Gerichtsverfahren wird eingeleitet, wenn Sie nicht zahlen.",
                 "Wenn Sie nicht zahlen, ist ein Gerichtsverfahren unvermeidlich."):
        assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(text, AGENCY)), text


def test_eb_and_ec_after_their_first_runs():
    # eb-038: no credit bureau in France, said to reassure
    assert "FR-LAW-CREDIT-REGISTRY" not in rule_ids(run(
        "France has no private credit reference agencies like Experian or Equifax in the UK.", AGENCY,
        channel="email"))
    assert "FR-LAW-CREDIT-REGISTRY" in rule_ids(run("We will report this debt to Experian.", AGENCY, channel="email"))
    # eb-116: "the French equivalent of a court enforcement officer", explained
    assert not {"FR-SEIZURE-NO-TITLE", "FR-IMPERSONATION-OFFICER", "FR-LAW-OFFICIAL-HEADER"} & rule_ids(run(
        "We are not bailiffs. In France, only a commissaire de justice (the French equivalent of a court "
        "enforcement officer) can carry out enforcement, and only with a court decision.", AGENCY, channel="email"))
    # eb-064: the law stated, "a business must bring proceedings against a consumer within two years"
    assert "FR-TIME-BARRED-THREAT" not in rule_ids(run(
        "This claim is time-barred: under French law a business must bring proceedings against a consumer within "
        "two years.", AGENCY, invoice_due_dates=["2023-12-28"], channel="letter"))
    # eb-097: "send its site manager to inspect" discloses nothing
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Our client is willing to send its site manager to inspect the guttering with your clients.", AGENCY,
        recipient="debtor_lawyer"))
    # ec-043: the police "not contacted, and will not contact"
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(
        "Nobody can be imprisoned for a debt, and we have not contacted, and will not contact, the police.",
        AGENCY, channel="email"))
    # ec-072: a card surcharge on a consumer
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Réglez le principal de 214,60 € sur notre site. Frais de service carte bancaire : 2,50 €.", AGENCY,
        channel="sms"))


def test_reports_to_the_principal_and_declarations_of_claims_disclose_nothing_unlawful():
    # ec-050: an agency's report to its own principal
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(
        "Conformément à notre convention de mandat du 2 mars 2026, voici le point sur le dossier de Madame Lambert : "
        "paiement partiel de 150,00 € reçu le 20 novembre 2026.", AGENCY, recipient="third_party"))
    # dr-049: a declaration of claim to a liquidator, in English
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(
        "Brennan Timber Ltd hereby declares its claim against Charpentes du Léon SARL: invoice BT-26-0418, "
        "€11,460.00.", CREDITOR, recipient="third_party", channel="letter"))
    # dr-140: the creditor's answer to the commission's statement of liabilities
    over = dict(insolvency="overindebtedness", insolvency_opened_on="2026-11-02",
                claims=[{"ref": "77-301442", "born_on": "2025-05-01"}])
    text = ("En réponse à votre courrier relatif à l'état du passif, nous vous confirmons nos créances sur M. Perrin, "
            "arrêtées à la date de la recevabilité : prêt personnel, capital restant dû 7 406,88 €.")
    assert not {"FR-THIRD-PARTY-DISCLOSURE", "FR-SURENDETTEMENT"} & rule_ids(run(
        text, CREDITOR, recipient="third_party", channel="letter", **over))
    # the same figures told to a neighbour still block
    assert "FR-THIRD-PARTY-DISCLOSURE" in rule_ids(run(
        "M. Perrin nous doit encore 7 406,88 € sur son prêt personnel.", CREDITOR, recipient="third_party"))


def test_photos_and_booking_details_published_on_social_media_are_a_disclosure_threat():
    # eb-067
    text = ("If we don't receive the €780 by Friday 4 December, we will publish the photos of the villa with your "
            "name and booking details on our Facebook and Instagram pages and in a Google review.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text, CREDITOR, channel="email"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "N'hésitez pas à partager votre avis sur Google.", CREDITOR, channel="email"))


def test_pressure_and_fees_in_other_languages_that_the_vocabulary_missed():
    # ao-006, av-016, bk-073, ae-018, w-131: law enforcement, a blocked account, fraud, the condominium, a legal office
    for text in ("Brak wpłaty do 22.12.2026 może skutkować zgłoszeniem sprawy odpowiednim organom ścigania.",
                 "Sem pagamento nas próximas 72 horas, a sua conta bancária será bloqueada.",
                 "Autoritățile competente ar putea considera acest comportament drept o înșelăciune deliberată.",
                 "Se não regularizar até 22/12, seremos obrigados a contactar a administração do condomínio.",
                 "La informo che la Sua pratica è stata trasmessa al nostro ufficio legale."):
        assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(text, AGENCY)), text
    # au-034: a landlord writing as the landlord is no third party
    j = run("Escrevo-lhe na qualidade de senhorio do apartamento que arrenda na Rua Paul Bert.", CREDITOR)
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(j) and "GUARD-UNREADABLE-LANGUAGE" in rule_ids(j)
    # ay-127, ba-107, bi-071: collection fees charged to a consumer, with their amount
    for text in ("Orange faturası 84,00 € + takip masrafı 35,00 € = 119,00 €. Lütfen 20/02/2027 tarihine kadar ödeyin.",
                 "Do zapłaty: 88,40 € + opłata za monit 6,00 € = 94,40 €.",
                 "المبلغ الأصلي 540,00 يورو + رسوم ملف 30,00 يورو = 570,00 يورو."):
        assert "FR-FEES-CONSUMER" in rule_ids(run(text, AGENCY)), text
    # fees denied, and school fees, are no collection fees (ac-129, az-099, ax-114)
    for text in ("المبلغ المتبقي 164,20 يورو (أصل الدين فقط، دون فوائد أو رسوم تحصيل).",
                 "نذكّركم بأن رسوم الفصل الثاني لابنكم يوسف (دروس العود، 285 يورو) لم تُسدَّد بعد.",
                 "Sizden herhangi bir tahsilat masrafı talep edilmemektedir."):
        assert "FR-FEES-CONSUMER" not in rule_ids(run(text, AGENCY)), text


def test_an_unreadable_letter_that_stops_asking_is_reviewed_not_blocked_in_a_restricted_case():
    # ee-019: a Dutch answer suspending every reminder while the dispute is examined
    dutch = ("Wij hebben alle herinneringen opgeschort en uw bezwaar met de bijlagen aan Kinéo Fitness doorgestuurd. "
             "In de tussentijd hoeft u niets te betalen.")
    j = run(dutch, AGENCY, open_dispute=True)
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" not in rule_ids(j) and "GUARD-UNREADABLE-LANGUAGE" in rule_ids(j)
    assert severities(j, "GUARD-UNREADABLE-LANGUAGE") == ["warn"]
    # ah-127: the suspension denied ("no suspende") is no reassurance
    spanish = ("Le recordamos, no obstante, que la mediación no suspende su obligación de pago: el importe sigue "
               "siendo exigible y debe abonarlo en un plazo de 8 días.")
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" in rule_ids(run(spanish, AGENCY, open_dispute=True))
    # a reassurance beside a pressure word still blocks
    mixed = "Hemos suspendido el expediente, pero si no paga, el juzgado ordenará el embargo de su sueldo."
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" in rule_ids(run(mixed, AGENCY, open_dispute=True))


def test_a_seizure_by_a_commissaire_de_justice_is_no_idiom_of_taking_the_matter_to_court():
    # ei-061: "saisie … de justice" was set aside as "saisir la justice"
    for envelope in ("DERNIER AVIS AVANT SAISIE PAR COMMISSAIRE DE JUSTICE", "Saisie par commissaire de justice"):
        assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Bonjour.", CREDITOR, channel="letter", envelope=envelope))
    for text in ("Vous pouvez saisir la justice si vous contestez cette facture.",
                 "Si vous le souhaitez, vous pouvez saisir le juge ou le médiateur."):
        assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(text, CREDITOR)), text


def test_first_run_misses_of_ed_to_ei_on_wording():
    # ed-067, eh-119, ei-034: a contact not made "yet", held over the debtor
    for text in ("À ce jour, nous n'avons pris contact ni avec votre employeur ni avec vos proches. Il ne tient qu'à "
                 "vous que cela reste ainsi, en reprenant vos versements.",
                 "Je sais que vous travaillez chez Axiane Conseil ; je n'ai pas encore jugé utile de prendre contact "
                 "avec votre direction. J'espère ne pas avoir à le faire.",
                 "Votre bailleur nous a été indiqué comme référence. Sans nouvelles de votre part, nous serons amenés "
                 "à l'informer de votre situation."):
        assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text, CREDITOR)), text
    # ei-137: the parents' association and the child's teacher
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Nous serons contraints d'en informer le bureau de l'association des parents d'élèves.", CREDITOR))
    # ed-026: the plan goes on whatever the dispute
    assert "FR-DISPUTE-OPEN" in rule_ids(run(
        "Votre contestation n'a aucune incidence sur l'échéancier en cours : la prochaine mensualité sera "
        "prélevée le 10/12/2026 comme prévu.", AGENCY, open_dispute=True))
    # ee-034: a deceased's loan "imputable" to the heir
    assert severities(run("Le solde de son prêt vous est désormais imputable en tant qu'héritière.", CREDITOR,
                          recipient="heir"), "FR-HEIRS") == ["block"]
    # ed-093: a visit after the debtor asked the collector not to come back
    assert severities(run("Je sais que vous avez demandé à mon collègue, le 13/11, que nous ne revenions plus chez "
                          "vous, mais je me permets de repasser.", AGENCY, channel="visit"), "FR-HOME-VISIT") == ["block"]
    # ei-057, ef-120: taking goods back without a title; picking up a cheque as agreed is no seizure (bp-031)
    for text in ("Si rien lundi, on passe récupérer la voiture devant chez vous, on a gardé le double des clés.",
                 "If we don't have a transfer by Friday, a team will come and take the stock back off your shelves."):
        assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(text, CREDITOR)), text
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run("Comme convenu, je passe récupérer le chèque mardi.", CREDITOR))
    # eh-127: the FICP's effects misstated, even by a bank
    bank = dict(CREDITOR, creditor_kind="credit_institution")
    assert severities(run("Cet incident sera déclaré au FICP : l'ensemble de vos comptes et cartes, dans toutes les "
                          "banques, sera clôturé.", bank), "FR-FICP-THREAT") == ["block"]
    # ef-101: a surendettement file to be withdrawn for a rescheduling
    assert "FR-SURENDETTEMENT" in rule_ids(run(
        "Si vous renoncez à votre dossier auprès de la commission, nous vous accorderons un rééchelonnement.",
        CREDITOR, insolvency="overindebtedness", insolvency_opened_on="2026-10-16",
        claims=[{"ref": "SOL-1", "born_on": "2024-01-10"}]))
    # eh-137: "on n'en parle plus" names its own negation; it is not denied by it
    assert "FR-ACKNOWLEDGEMENT-TRAP" in rule_ids(run(
        "Un premier versement de 20 €, même symbolique, pour régulariser, et après ça on n'en parle plus.", AGENCY))


def test_the_other_partys_lines_of_a_transcript_are_not_the_senders():
    from chalicelib.domain.guards.quotes import transcript_others
    # ej-019, ej-111: the debtor's fear and the debtor's complaint, in a call transcript
    call = ("[Appel sortant]\nAgent : Bonjour Monsieur Benoît, au sujet de notre courrier réf. AGC-26-11-0214.\n"
            "M. Benoît : Vous allez m'envoyer l'huissier, c'est ça ? Vous allez saisir ma télé ?\n"
            "Agent : Non, Monsieur. Nous n'avons aucun pouvoir de saisie.\n"
            "M. Benoît : Je vais porter plainte contre vous !\nAgent : C'est votre droit.")
    assert not {"FR-SEIZURE-NO-TITLE", "FR-CRIMINAL-THREAT"} & rule_ids(run(call, AGENCY, channel="call"))
    # the agent's own threat in the same transcript is still read
    threat = call.replace("Agent : C'est votre droit.", "Agent : Alors on viendra saisir votre télé lundi.")
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(threat, AGENCY, channel="call"))
    # ej-088: without a role label, the titled speaker who says far more is the sender
    named = ("Mme Martin : Bonjour Madame Girardin, Élodie Martin, du service recouvrement de Meubles Darlan, au sujet "
             "de la facture FA-2025-9012, votre cuisine équipée : solde de 2 850,00 €.\nMme Girardin : Oui…\n"
             "Mme Martin : Nous avons déposé une requête en injonction de payer ; l'ordonnance vous sera signifiée.\n"
             "Mme Girardin : Ça veut dire qu'on va saisir mes affaires ?")
    assert [named[s:e] for s, e in transcript_others(named)] == ["Oui…", "Ça veut dire qu'on va saisir mes affaires ?"]
    # lines that are no speaker are never set aside, nor anything when the sender cannot be told
    assert transcript_others("Consigne : ne pas insister.\nScript : Bonjour.\nNote au dossier : rappel.") == []
    assert transcript_others("Mme A : Bonjour.\nM. B : Bonjour.\nMme A : Au revoir.") == []


def test_a_surname_one_letter_from_saisie_is_no_misspelt_seizure():
    # ej-116, ej-131: the agent "Karim Saïdi"
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run("Bonjour, Karim Saïdi, de Créalys, au sujet de notre courrier.", AGENCY))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Nous allons procéder à la saizie de vos meubles.", AGENCY))
    for text in ("My name is Karim Saïdi, from Créalys.", "Je m'appelle Karim Saïdi, de Créalys.",
                 "Hello, this is Karim Saïdi from Créalys."):
        assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(text, AGENCY, channel="call")), text


def test_first_run_lawful_blocks_of_ef_and_eg_on_wording():
    # eg-050: the debtor's own complaint for identity theft
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(
        "Vous nous indiquez avoir déposé plainte pour usurpation d'identité au commissariat de Marseille 8e.", AGENCY))
    assert "FR-CRIMINAL-THREAT" in rule_ids(run("Sans paiement, nous déposerons plainte au commissariat.", AGENCY))
    # eg-110: the tenant says he paid
    assert "FR-DISPUTE-OPEN" not in rule_ids(run(
        "M. Roussel conteste cet arriéré en indiquant avoir réglé ce loyer par virement le 5 octobre.", CREDITOR,
        open_dispute=True, recipient="guarantor"))
    # eg-054: "Nous clôturons donc notre dossier"
    from chalicelib.domain.guards.closure import closure_notice
    assert closure_notice("Nous clôturons donc notre dossier. Vous ne recevrez plus de courrier de notre part.")
    # ef-019: the capital owed at the recevabilité, told with no payment asked
    over = dict(insolvency="overindebtedness", insolvency_opened_on="2026-10-01",
                claims=[{"ref": "CR-PP-290012", "born_on": "2024-03-01"}])
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "Selon nos comptes, le capital restant dû à la date de la recevabilité (01/10/2026) s'élevait à 4 588,20 €.",
        CREDITOR, **over))
    # ef-137: enforcement said suspended
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Depuis la recevabilité de votre dossier, toute mesure d'exécution est suspendue.", AGENCY))


def test_first_run_misses_of_em_debtors_in_hard_times():
    # em-028: "For now, your employer has not been made aware"
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "For now, your employer has not been made aware of this file. Please pay by 15 December.", AGENCY))
    # em-030: a frozen claim invited to be paid "spontanément"
    over = dict(insolvency="overindebtedness", insolvency_opened_on="2026-10-05",
                claims=[{"ref": "AZ-2026-20941", "born_on": "2026-03-31"}])
    assert "FR-SURENDETTEMENT" in rule_ids(run(
        "Cette décision ne vous interdit pas de régler spontanément notre facture n° AZ-2026-20941.", CREDITOR, **over))
    # em-058: kept back from the debtor's allowances without a title
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "À compter de janvier 2027, 150,00 € seront retenus chaque mois directement sur vos allocations.", CREDITOR))
    # em-088: a civil debt said to become an offence
    assert "FR-CRIMINAL-THREAT" in rule_ids(run(
        "Under French law a rent debt left unpaid after a formal notice becomes an offence.", AGENCY))
    # em-038: a court threat beside the debtor's health
    assert "block" in severities(run(
        "Vous avez déjà bien assez de soucis avec votre santé ; ce serait vraiment dommage d'y ajouter une "
        "convocation devant le juge.", CREDITOR), "FR-VULNERABILITY-EXPLOIT")
    # em-134: an heir told that renouncing does not free him
    assert severities(run("Une renonciation ne vous libère pas des engagements de votre mère : merci de régler "
                          "le solde de 1 200,00 €.", CREDITOR,
                          recipient="heir"), "FR-HEIRS") == ["block"]


def test_a_commissaire_de_justice_named_in_truthful_english_procedure_is_no_seizure():
    # el-047: an injonction de payer served; el-069: the simplified small-claims procedure offered
    for text in ("The president of the tribunal de commerce granted the order on 28 October 2026, and a commissaire "
                 "de justice served it on the company on 24 November 2026.",
                 'If we cannot, we may ask a commissaire de justice to open the French "simplified small-claims '
                 'recovery procedure". This procedure is voluntary.'):
        assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(text, CREDITOR)), text
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "If you do not pay by Friday, a commissaire de justice will seize your furniture.", CREDITOR))


def test_a_claim_declared_with_the_court_appointed_mandataire_is_no_impersonation_nor_threat():
    # ef-094
    text = ("Nous avons déclaré le 29/10/2026 notre créance au titre du contrat MA-2024-7710 (solde : 1 615,00 €) "
            "auprès du mandataire désigné par le tribunal. Aucun paiement ne vous est demandé.")
    assert not {"FR-IMPERSONATION-OFFICER", "FR-LAW-FALSE-APPROVAL", "FR-TIME-BARRED-THREAT"} & rule_ids(run(text, CREDITOR))
    # an agency calling itself the court's appointee still does
    assert "FR-IMPERSONATION-OFFICER" in rule_ids(run(
        "Nous sommes le mandataire désigné par le tribunal pour recouvrer votre dette.", AGENCY))


def test_an_arabic_reassurance_is_read_without_its_short_vowels():
    # eo-134: "لا يُطلب منكم أي إجراء" and "أوقفنا كل مطالبة" after a surendettement admission
    text = ("علمنا أن لجنة الإفراط في المديونية قد قبلت ملفكم. ووفقًا للقانون، أوقفنا كل مطالبة بالدفع تخص الفاتورة. "
            "لا يُطلب منكم أي إجراء تجاهنا.")
    j = run(text, AGENCY, insolvency="overindebtedness", insolvency_opened_on="2026-09-22",
            claims=[{"ref": "EL-2026-0402", "born_on": "2026-04-02"}])
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" not in rule_ids(j) and "GUARD-UNREADABLE-LANGUAGE" in rule_ids(j)


def test_an_heir_taking_over_a_loan_and_honest_people_who_pay():
    # eo-119: "vous reprenez à votre charge le prêt"
    assert severities(run("En votre qualité de fille du défunt, vous reprenez à votre charge le prêt personnel : le solde "
                          "de 4 212,35 € devra être réglé par vos soins.", CREDITOR, recipient="heir"),
                      "FR-HEIRS") == ["block"]
    # eo-109: an insult by implication
    assert "FR-TONE-INSULT" in rule_ids(run(
        "Honest people pay what they owe; clearly that is not how you see things.", CREDITOR, channel="email"))
    assert "FR-TONE-INSULT" in rule_ids(run("Les gens honnêtes paient leurs factures.", CREDITOR))


def test_the_names_of_an_opened_collective_procedure_are_the_case_not_a_pressure():
    # en-084: a German letter naming the redressement judiciaire and the mandataire, asking nothing
    german = ("Wir haben zur Kenntnis genommen, dass über das Vermögen der Hoffmann Präzision SARL am 19/10/2026 "
              "das Sanierungsverfahren (redressement judiciaire) eröffnet wurde. Unsere Auftraggeberin wird ihre "
              "Forderung fristgerecht beim gerichtlich bestellten Gläubigervertreter (mandataire judiciaire) "
              "anmelden. Eine Zahlung wird von Ihrer Gesellschaft nicht verlangt.")
    opened = {"insolvency": "collective_proceedings", "insolvency_opened_on": "2026-10-19"}
    j = run(german, AGENCY, channel="letter", **opened)
    assert not {"GUARD-UNREADABLE-PRESSURE", "GUARD-UNREADABLE-RESTRICTED-CASE"} & rule_ids(j)
    assert severities(j, "GUARD-UNREADABLE-LANGUAGE") == ["warn"]
    # without the procedure in the facts, the same words are still pressure
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(german, AGENCY, channel="letter"))
    # any other pressure word of the sentence still counts, and a letter that asks is still blocked
    threat = ("Das Urteil vom 19/10/2026 hat das Verfahren (redressement judiciaire) eröffnet; andernfalls werden "
              "wir pfänden lassen.")
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(threat, AGENCY, **opened))
    asks = ("Das Urteil vom 19/10/2026 hat das Verfahren (redressement judiciaire) eröffnet. Bitte überweisen Sie "
            "die 11 240,00 € bis zum 15/12/2026.")
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" in rule_ids(run(asks, AGENCY, **opened))
    # ef-039: "alla sentenza" and "non Le vengono richieste" in Italian
    italian = ("Le fatture precedenti alla sentenza sono state insinuate presso il mandataire judiciaire e non Le "
               "vengono richieste.")
    assert not {"GUARD-UNREADABLE-PRESSURE", "GUARD-UNREADABLE-RESTRICTED-CASE"} & rule_ids(
        run(italian, AGENCY, **opened))


def test_a_letter_that_stops_asking_need_not_say_it_again_in_its_subject():
    # ef-042, eo-042: the reassurance is in the text, the subject line only names the letter
    text = ("Die Rechnungen MK-2026-140 und MK-2026-152 stammen aus der Zeit vor der Eröffnung. Wir fordern von "
            "Ihrer Gesellschaft keine Zahlung dieser Rechnungen und stellen unsere Mahnungen ein.")
    j = run(text, AGENCY, channel="email", subject="Az. CS-2026-3980 (unser Schreiben vom 28/07/2026)",
            insolvency="collective_proceedings", insolvency_opened_on="2026-10-07")
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" not in rule_ids(j) and "GUARD-UNREADABLE-LANGUAGE" in rule_ids(j)
    # a subject line that presses still blocks the whole letter
    j = run(text, AGENCY, channel="email", subject="Letzte Mahnung vor der Pfändung",
            insolvency="collective_proceedings", insolvency_opened_on="2026-10-07")
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" in rule_ids(j)


def test_the_people_around_the_debt_told_the_truth_are_no_disclosure():
    # ep-038: what the debtor wrote a neighbour told them, answered with a reassurance
    reported = ('You wrote that a neighbour told you a "bailiff" would come and "seize your furniture". We want to '
                "reassure you: no seizure of any kind can take place without a court decision.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(reported, AGENCY, channel="email"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        reported + " We will write to your neighbours about the debt if you do not pay.", AGENCY, channel="email"))
    # ep-095: a guarantor's question why he is asked before his nephew, reported
    asked = ("Vous nous avez demandé le 4 décembre 2026 pourquoi vous êtes sollicité alors que le locataire, votre "
             "neveu, n'a pas encore été poursuivi. Votre acte est un cautionnement solidaire.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(asked, AGENCY, recipient="guarantor"))
    # ep-079: the same letter sent to a co-heir for her own share
    share = "Un courrier identique a été adressé à votre sœur pour sa propre part."
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(share, CREDITOR, recipient="heir"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run("Un courrier identique a été adressé à votre sœur.",
                                                         CREDITOR, recipient="heir"))


def test_a_guarantor_and_a_parcel_and_fees_declined_in_german():
    # ep-102: an agency's first letter to a guarantor owes the same mentions as one to the debtor
    first = ("Banque Aurore nous a confié le recouvrement des sommes dues au titre du prêt n° PP-4400-712, dont vous "
             "vous êtes porté caution. Total : 462,30 €.")
    j = run(first, AGENCY, channel="letter", recipient="guarantor", first_letter_sent=False)
    assert {"FR-R124-4-FIRST-LETTER", "EU-GDPR-ART14-NOTICE"} <= rule_ids(j)
    # ep-001: a parcel pretext in English
    assert "FR-PRETEXTING" in rule_ids(run(
        "Hello Mr Fraser, a parcel addressed to you is waiting at our depot and could not be delivered. Please call "
        "01 93 70 12 44.", AGENCY, channel="sms", recipient="guarantor"))
    # ep-124: collection costs declined after the verb
    assert "FR-FEES-CONSUMER" not in rule_ids(run("Inkassokosten werden Ihnen nicht berechnet.", AGENCY))
    assert "FR-FEES-CONSUMER" in rule_ids(run("Inkassokosten von 40 € werden Ihnen berechnet.", AGENCY))


def test_italian_and_dutch_letters_that_stop_asking():
    # ep-057 (heir), ep-145 (open dispute)
    italian = ("Secondo il diritto francese, gli eredi rispondono dei debiti solo se accettano la successione. Per il "
               "momento non le viene richiesto alcun pagamento.")
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" not in rule_ids(run(italian, CREDITOR, recipient="heir"))
    dutch = ("Wij schorten vanaf vandaag alle herinneringen op. Zolang uw betwisting in behandeling is, vragen wij u "
             "niet om te betalen.")
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" not in rule_ids(run(dutch, AGENCY, open_dispute=True))


def test_housing_and_energy_after_er():
    # er-082: a tenant's arrears to be raised with the caretaker and the tenants' association
    text = ("Sans prise de contact de votre part avant le 18 décembre, votre situation sera évoquée avec la gardienne "
            "de la résidence et présentée lors de la prochaine réunion de l'amicale des locataires.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text, CREDITOR))
    # er-147: a supply "suspendue" in the winter truce; er-150: the truce said to protect only some tenants
    winter = dict(channel="letter", when=datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Europe/Paris")))
    assert "FR-LAW-WINTER-TRUCE" in rule_ids(run(
        "À défaut de règlement avant le 15 décembre, la fourniture d'électricité de votre logement sera suspendue "
        "le 16 décembre.", CREDITOR, **winter))
    assert "FR-LAW-WINTER-TRUCE" in rule_ids(run(
        "Sachez que la trêve hivernale ne protège que les locataires de bonne foi.", CREDITOR, **winter))
    # a contract closed at a death is no cut, and a cut denied is none
    assert "FR-LAW-WINTER-TRUCE" not in rule_ids(run(
        "Le contrat de fourniture d'électricité à son nom a été résilié à la date du décès.", CREDITOR, **winter))
    assert "FR-LAW-WINTER-TRUCE" not in rule_ids(run(
        "Pendant la trêve hivernale, la fourniture d'électricité de votre logement ne sera pas suspendue.",
        CREDITOR, **winter))
    # er-117: a visit whose real reason comes out once inside
    assert "FR-PRETEXTING" in rule_ids(run(
        "Bonjour, je passe pour un contrôle des lignes fibre. En fait, je viens aussi pour vos factures de "
        "septembre à novembre.", AGENCY, channel="visit"))


def test_debtors_abroad_after_es():
    # es-080: an agency's letter signed as the court's registry
    assert "FR-IMPERSONATION-OFFICER" in rule_ids(run(
        "Il est certifié que la somme de 1 260,00 € est due par le défendeur.\nLe greffe", AGENCY, channel="letter"))
    # es-147: a cyclone's losses and a single mother's children leaned on
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "Je sais que vous avez tout perdu avec le cyclone et que vous êtes seule avec les enfants. Justement : "
        "vous ne voudriez pas en plus avoir des problèmes avec la justice ?", AGENCY, channel="call"))
    # es-138: a commissaire "saisi" by the creditor; es-095, es-110: fees declined in Polish, the statute's heading
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "La SARL Garage Karukera m'a saisi afin de mettre en œuvre la procédure simplifiée de recouvrement des "
        "petites créances.", AGENCY, collector_profession="commissaire_de_justice"))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "À défaut de règlement, nous procéderons à la saisie de vos comptes bancaires.", AGENCY))
    assert "FR-FEES-CONSUMER" not in rule_ids(run("Nie naliczamy odsetek ani kosztów windykacji.", AGENCY))
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "Frais de recouvrement : « Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du "
        "créancier. »", AGENCY))
    # es-024, es-008: credit bureaus named only to deny any report
    german = "Eine Meldung an die SCHUFA oder an eine andere Auskunftei erfolgt nicht."
    assert not {"GUARD-UNREADABLE-PRESSURE", "FR-FICP-THREAT", "FR-LAW-CREDIT-REGISTRY"} & rule_ids(run(german, AGENCY))
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run("Wir melden Sie bei der SCHUFA, wenn Sie nicht zahlen.", AGENCY))
    english = ("Neither we nor our client report anything to Experian, Equifax, TransUnion or any other file, and our "
               "client has no access to the Banque de France's FICP.")
    assert severities(run(english, AGENCY, channel="email"), "FR-LAW-CREDIT-REGISTRY") in ([], ["warn"])
    assert "FR-LAW-CREDIT-REGISTRY" in rule_ids(run("We will report you to Experian and Equifax.", AGENCY))


def test_debts_sold_and_bought_after_et():
    # et-001, et-071, et-013: the words of a sale of claims are no threat
    assert "FR-TIME-BARRED-THREAT" not in rule_ids(run(
        "We are the assignee of an old debt from Meubles Dorval: invoice MD-2018-3312 of 14 May 2018.", AGENCY,
        channel="email"))
    assert not {"FR-SEIZURE-NO-TITLE", "FR-SEIZURE-BY-AGENCY"} & rule_ids(run(
        "Our letter told you that Meubles Dorval sold us its claim for the sofa you bought.", AGENCY, channel="call"))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("We will take your sofa and sell it to clear the debt.", AGENCY))
    assert "FR-CASE-CLOSED" not in rule_ids(run(
        "Vous nous avez écrit au sujet de la créance de 2017 que nous avions acquise en 2021. Nous avons donc clôturé "
        "ce dossier. Aucune somme ne vous sera plus réclamée à ce titre.", CREDITOR, case_closed=True))
    # et-060: a voice menu's "saisie de l'année de naissance" is no seizure
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "[Après confirmation par la touche 1 et saisie de l'année de naissance] Merci.", AGENCY, channel="call"))
    # et-055: reminders suspended are no energy cut in the winter truce
    assert "FR-LAW-WINTER-TRUCE" not in rule_ids(run(
        "Nous suspendons toute relance concernant la créance Énergie Alvéa pendant 60 jours.", AGENCY,
        when=datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))))
    # et-140: the fees the debtor contested, named in the reported contest that the reply grants
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "Vous avez contesté le 28 novembre le montant de 495,00 €, en relevant qu'il incluait 45,00 € de « frais de "
        "relance ». Vous avez raison : de tels frais ne peuvent pas être mis à votre charge.", AGENCY))
    # et-079: a coupon that makes the debtor acknowledge the debt
    assert "FR-ACKNOWLEDGEMENT-TRAP" in rule_ids(run(
        "Je soussignée Christine Joly confirme mes coordonnées et reconnais devoir la somme de 497,30 €.", AGENCY))
    # et-146: contacts "not yet" made, held over the debtor
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "We have not yet been in touch with your employer. We would like to keep it that way, which is why we are "
        "asking you to settle the balance by 18 December.", AGENCY, channel="email"))


def test_service_creditors_after_eu():
    # eu-019, eu-100, eu-117, eu-142: disclosure around a child or an animal
    for text in ("Sans paiement d'ici le 15/12, son nom sera affiché au tableau du club-house.",
                 "Faute de règlement sous quinze jours, nous serons contraints de signaler la situation de Lucas aux "
                 "services de la PMI et à la CAF.",
                 "Si le règlement ne nous parvient pas, nous signalerons à la Direction départementale de la protection "
                 "des populations une suspicion de défaut de soins envers Filou."):
        assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text, CREDITOR, channel="letter")), text
    j = run("Bonjour.", CREDITOR, channel="email",
            subject="Léa – scolarité impayée : sans règlement, l'enseignante et les parents délégués de la classe en "
                    "seront informés")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(j)
    # a fraudulent letter reported to the DDPP is no disclosure of the debtor
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Nous avons mis fin au mandat de la société qui l'a envoyé et signalé ce courrier à la DDPP.", CREDITOR))
    # eu-077: a payment asked "par avance" while a dispute is open; eu-003: Dutch collection costs
    assert "FR-DISPUTE-OPEN" in rule_ids(run(
        "Nous vous remercions par avance de votre règlement par virement.", CREDITOR, open_dispute=True))
    assert "FR-FEES-CONSUMER" in rule_ids(run("Hoofdsom: 1 120,00 EUR. Incassokosten (15%): 168,00 EUR.", AGENCY))
    assert "FR-FEES-CONSUMER" not in rule_ids(run("Wij rekenen u geen incassokosten of administratiekosten aan.", AGENCY))
    # eu-130: a record update that asks for the employer and the bank
    assert "FR-PRETEXTING" in rule_ids(run(
        "Je vous appelle pour mettre à jour les coordonnées de la famille : pouvez-vous me confirmer votre employeur "
        "et le nom de votre banque ?", CREDITOR, channel="call"))


def test_students_and_the_elderly_after_ev_and_ew():
    # ev-049: a student's school; ev-092: parents "not yet" called
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "À défaut de règlement sous huit jours, nous prendrons contact avec le service de la scolarité de votre école.",
        AGENCY))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Je me permets de vous appeler au sujet des frais de scolarité de novembre pour Timéo.", CREDITOR,
        channel="call"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Pour l'instant, on n'a pas appelé vos parents. Ça dépend un peu de vous.", AGENCY, channel="call"))
    # ev-071: a public comment described in the script; ev-081: a guarantor told of other accounts
    assert "FR-SOCIAL-MEDIA-PUBLIC" in rule_ids(run(
        "[Commentaire public posté sous la dernière publication Instagram de @jade] Pense à régler tes 23,98 €.",
        CREDITOR, channel="sms"))
    assert "FR-GUARANTOR-OVERDISCLOSURE" in rule_ids(run(
        "Le compte courant de Nathan présente un découvert non autorisé de 640,00 € et deux prélèvements ont été "
        "rejetés.", CREDITOR, channel="letter", recipient="guarantor"))
    # ew-100, ew-134: the guardian bypassed, loneliness leaned on
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "Inutile d'en parler à l'UDAF, cela ne ferait que retarder les choses.", CREDITOR, vulnerable=True))
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "Je sais que vous vivez seule et que vos enfants sont loin. Réfléchissez-y. Le plus simple, c'est de me donner "
        "votre numéro de carte maintenant.", AGENCY, channel="call", vulnerable=True))
    # ew-059: an agent who introduces himself is no seizure; ew-119: a mandate registered by the greffe
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Je suis Mehdi Saïdi, du Cabinet Arvel, société de recouvrement amiable.", AGENCY, channel="call"))
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(
        "Vous nous avez transmis le mandat de protection future de votre mère, visé par le greffe du tribunal "
        "judiciaire de Tours.", CREDITOR, channel="letter"))
    # ew-062: the guarantor may talk with her mother; ew-028: an heir's options in English
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Je voulais savoir si vous aviez pu en parler avec votre mère.", CREDITOR, channel="call", recipient="guarantor"))
    heir = ("Our invoice remains unpaid. This is a debt of your father's estate, not a personal debt of yours. Under "
            "French law, an heir is only bound by the deceased's debts if he or she accepts the estate.")
    assert "FR-HEIRS" not in rule_ids(run(heir, CREDITOR, channel="letter", recipient="heir"))


def test_helpers_and_indirect_pressure_after_ex_and_ey():
    # ey-053, ey-019: a helper holding the debtor's written authorisation or power of attorney
    helper = ("Vous nous avez transmis l'autorisation écrite qu'il a signée le 27/11/2026 pour que nous échangions avec "
              "vous sur le dossier. La facture de 612,80 € reste due.")
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(helper, AGENCY, recipient="third_party"))
    assert "FR-THIRD-PARTY-DISCLOSURE" in rule_ids(run("La facture de 612,80 € de votre frère reste due.", AGENCY,
                                                       recipient="third_party"))
    # ey-005: contact with the lawyer's client stopped; ey-004: the conciliateur "saisi"
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "As you requested, we will correspond with your office only, and we have stopped all direct contact with your "
        "client.", AGENCY, channel="email", recipient="debtor_lawyer"))
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Je vous propose de soumettre le point contesté au conciliateur de justice, que je peux saisir dès cette "
        "semaine.", CREDITOR, recipient="debtor_lawyer"))
    # ey-012, ey-104, ey-125: pressing on after a mediation or a surendettement
    assert "FR-DISPUTE-OPEN" in rule_ids(run(
        "Your complaint to the ASF mediator does not stop your repayments. Pay the arrears by 11/12.", AGENCY,
        channel="sms", open_dispute=True))
    frozen = dict(insolvency="overindebtedness", insolvency_opened_on="2026-11-03",
                  claims=[{"ref": "PL-2025-41870", "born_on": "2025-06-01"}])
    assert "FR-SURENDETTEMENT" in rule_ids(run(
        "This decision does not release you from your obligations: please continue to pay your monthly instalment.",
        CREDITOR, channel="email", **frozen))
    assert "FR-SURENDETTEMENT" in rule_ids(run(
        "Pour notre mandant, la dette reste toutefois moralement due.", AGENCY, **frozen))
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "We have stopped all requests for payment of the amount owed on your account (outstanding balance €612.40).",
        CREDITOR, channel="email", **frozen))
    # ey-085: fees named in English; ex-032: a seizure "programmée" by an agency
    assert "FR-FEES-CONSUMER" in rule_ids(run("Legal correspondence fee: €60.00; file management fee: €25.00.", AGENCY))
    assert "FR-FEES-CONSUMER" not in rule_ids(run("No collection fees can be added to your balance.", AGENCY))
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(
        "Par simple courtoisie, nous vous informons que la saisie de vos comptes bancaires est programmée pour le "
        "mercredi 9 décembre 2026.", AGENCY, has_title=True))
    # ex-114: "the last thing you need" beside the debtor's health
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "Given your health, the last thing you need right now is the stress of a court case.", AGENCY))
    # ex-009, ex-064: what a commissaire could do only with a title; the FICP denied
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Un commissaire de justice ne pourrait procéder à une saisie qu'en vertu d'un jugement.", AGENCY))
    assert "FR-FICP-THREAT" not in rule_ids(run(
        "TéléNova ne peut en aucun cas vous inscrire au fichier de la Banque de France (FICP).", AGENCY))


def test_meters_vehicles_first_payments_and_the_debtors_own_lawyer():
    # fa-136: a meter closed, the water named in another sentence
    sms = ("SEVO : votre facture d'eau EVO-26-079912 (188,40 €) reste à régler. Sans paiement avant le 04/12, nos "
           "équipes procéderont à la fermeture du compteur de votre logement.")
    assert "FR-LAW-WATER-CUT" in rule_ids(run(sms, CREDITOR, channel="sms"))
    assert "FR-LAW-WATER-CUT" not in rule_ids(run(
        "Votre facture de gaz reste à régler. Nos équipes procéderont à la fermeture du compteur.", CREDITOR,
        channel="sms"))
    # fa-048: an agency announcing a vehicle's immobilisation
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(
        "Nous procéderons à l'immobilisation de votre véhicule le 10 décembre.", AGENCY, has_title=True))
    # ez-004: a first small payment that "suffit pour régulariser"
    assert "FR-ACKNOWLEDGEMENT-TRAP" in rule_ids(run(
        "Bonne nouvelle : un premier versement de 20,00 € suffit pour régulariser votre dossier.", AGENCY))
    # ey-147: the debtor's own lawyer in German is no threat of one
    german = "Wir werden daher ab sofort ausschließlich mit Ihrem Anwalt korrespondieren."
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(run(german, CREDITOR, channel="letter"))
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run("Unser Anwalt wird Sie verklagen.", CREDITOR, channel="letter"))


def test_an_answer_to_a_mediators_request_for_observations_is_no_disclosure():
    # ey-049: the energy mediator asked for the supplier's observations on a referral
    text = ("En réponse à votre demande d'observations du 24/11/2026, nous vous transmettons l'historique des relevés "
            "du compteur de M. Vasseur et la facture de régularisation contestée (612,80 €).")
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(text, CREDITOR, channel="letter", recipient="third_party"))


def test_receipts_refused_and_payments_acknowledged_with_their_amount():
    # fd-064: a payment acknowledged with its amount, the balance given and a receipt refused
    text = ("Suite à votre règlement de 300,00 € reçu le 25/11/2026, le solde restant dû s'établit à 1 090,00 €. "
            "Nous n'émettons pas de reçu pour les virements : votre relevé bancaire en tient lieu.")
    assert severities(run(text, AGENCY), "FR-RECEIPT-AND-REMITTANCE") == ["block"]
    with_receipt = text.replace("Nous n'émettons pas de reçu pour les virements : votre relevé bancaire en tient lieu.",
                                "Votre reçu n° R-1187 est joint.")
    assert "FR-RECEIPT-AND-REMITTANCE" not in rule_ids(run(with_receipt, AGENCY))
    # bz-081: a cheque sent back under a surendettement is no payment received
    returned = "Nous vous retournons votre chèque de 100,00 € reçu le 20/03/2028, que vous ne pouvez pas régler à ce stade."
    assert "FR-RECEIPT-AND-REMITTANCE" not in rule_ids(run(returned, AGENCY))


def test_a_first_letters_basis_may_be_a_payment_facility():
    # fd-122: "Fondement et montant : facilité de paiement PayLink n° PL-60218 du 09/04/2026"
    def missing(text):
        findings = [f for f in run(text, AGENCY, first_letter_sent=False).findings
                    if f.rule_id == "FR-R124-4-FIRST-LETTER"]
        return set(findings[0].missing) if findings else set()
    assert "fondement" not in missing("Fondement et montant : facilité de paiement PayLink n° PL-60218 du 09/04/2026, "
                                      "288,00 €.")
    assert "fondement" not in missing("Your instalment plan of 9 April 2026 with PayLink: 288.00 EUR.")
    assert "fondement" in missing("Montant : 288,00 €.")


def test_the_letters_that_end_a_mistake():
    # fe-102, fe-120: to the wrong person, "you are not the person we were trying to reach"
    homonym = ("Following your telephone call, we have checked our file: you are not the person we were trying to "
               "reach, and no payment is requested from you. Médiane Créances")
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(homonym, AGENCY, channel="letter", recipient="third_party"))
    french = ("Vous nous avez indiqué ne pas être la personne que nous cherchions à joindre : aucune somme ne vous est "
              "réclamée. Médiane Créances")
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(french, AGENCY, channel="letter", recipient="third_party"))
    # and what the wrong person is then told of someone else's debt still blocks
    assert "FR-THIRD-PARTY-DISCLOSURE" in rule_ids(run(
        "Vous n'êtes pas la personne recherchée, mais votre frère nous doit toujours 850 € : il reste à régler.",
        AGENCY, channel="letter", recipient="third_party"))
    # fe-006, fe-125: an identity theft's victim told, on a closed file, that nothing is owed
    closed = ("The purchase has been cancelled and the outstanding balance written off: no amount is owed by you.")
    assert run(closed, CREDITOR, channel="letter", case_closed=True).verdict == "allow"
    assert "FR-CASE-CLOSED" in rule_ids(run("The outstanding balance of 120 € must be paid.", CREDITOR,
                                            channel="letter", case_closed=True))
    assert run("La ligne a été résiliée et les factures annulées. Aucune somme ne vous est due.", CREDITOR,
               case_closed=True).verdict == "allow"
    # fe-074: the victim's own question whether to file a complaint
    asked = ("Vous contestez avoir souscrit ce paiement et nous demandez si vous devez déposer plainte pour que votre "
             "contestation soit examinée. Ce n'est pas une condition.")
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(asked, AGENCY, open_dispute=True))
    assert "FR-CRIMINAL-THREAT" in rule_ids(run("Nous allons déposer plainte contre vous pour escroquerie.", AGENCY))


def test_other_languages_proof_of_address_declined_payments_and_turkish_fees():
    # fe-070: "un justificante de su domicilio" is a proof of address, not a visit
    spanish = "Hemos suspendido toda reclamación. Si lo desea, puede enviarnos un justificante de su domicilio."
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(run(spanish, AGENCY, channel="letter", open_dispute=True))
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run("Si no paga, iremos a su casa la semana próxima.", AGENCY,
                                                       channel="letter"))
    # fe-107: "Es wird keinerlei Zahlung von Ihnen verlangt" to a third party
    german = "Sie sind nicht die Person, die wir erreichen wollten. Es wird keinerlei Zahlung von Ihnen verlangt."
    assert run(german, AGENCY, channel="letter", recipient="third_party").verdict != "block"
    # fe-040: Turkish fee lines charged to a consumer; the same fees declined are not
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Borcunuz: fatura 226,40 €; adres araştırma masrafı: 30,00 €; dosya masrafı: 15,00 €.", AGENCY))
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "Sizden herhangi bir tahsilat masrafı talep edilmemektedir.", AGENCY))


def test_a_guardian_receives_the_first_letter_and_its_reference_in_the_debtors_place():
    # ff-069, ff-132: R124-4 and the GDPR notice go to whoever receives the letters for the debtor
    bare = "Nous sommes mandatés par Habitat Provence pour le recouvrement de la créance de Mme Perret : 504,20 €."
    for authority in ("legal_protection", "debtor_authorisation"):
        j = run(bare, AGENCY, channel="letter", first_letter_sent=False, recipient="representative", authority=authority)
        assert {"FR-R124-4-FIRST-LETTER", "EU-GDPR-ART14-NOTICE"} <= rule_ids(j), authority
    # the mediator and the commission receive no first letter
    for authority in ("mediator", "overindebtedness_commission"):
        j = run(bare, AGENCY, channel="letter", first_letter_sent=False, recipient="representative", authority=authority)
        assert not {"FR-R124-4-FIRST-LETTER", "EU-GDPR-ART14-NOTICE"} & rule_ids(j), authority
    later = "En votre qualité de curatrice de M. Renaud, nous vous rappelons que la facture OB-2026-3588 reste impayée."
    assert "FR-R124-4-REFERENCE" in rule_ids(run(later, AGENCY, first_letter_sent=True, first_letter_ref="RS-26-0042",
                                                 recipient="representative", authority="legal_protection"))


def test_a_guardians_own_appointment_is_no_approval_the_sender_claims():
    # ff-011: "the person authorised by the court to represent your father"
    call = ("I'm calling you as the person authorised by the court to represent your father about our letter of "
            "12/10/2026.")
    assert "FR-LAW-FALSE-APPROVAL" not in rule_ids(run(call, AGENCY, channel="call", recipient="representative",
                                                       authority="legal_protection"))
    assert "FR-LAW-FALSE-APPROVAL" in rule_ids(run("Our agency is authorised by the court to collect this debt.",
                                                   AGENCY, channel="letter"))


def test_a_b2b_total_after_soit_is_no_indemnity():
    # fg-032: "si vous réglez le principal et les indemnités forfaitaires, soit 2 310,00 €"
    offer = ("Si vous réglez le principal et les indemnités forfaitaires, soit 2 310,00 €, avant le 18/12/2026, nous "
             "renonçons aux pénalités de retard.")
    assert "FR-FEES-B2B-OVER-40" not in rule_ids(run(offer, CREDITOR, consumer=False, debtor_kind="company"))
    assert "FR-FEES-B2B-OVER-40" in rule_ids(run("Indemnité forfaitaire de recouvrement : 150,00 €.", CREDITOR,
                                                 consumer=False, debtor_kind="company"))


def test_a_letter_headed_as_a_court_act_and_the_truthful_steps_of_a_procedure():
    # fi-096, fi-148, fc-001: an agency's letter headed with the name of a court act
    for heading, wording in (("ASSIGNATION EN RÉFÉRÉ", "Vous êtes cité à comparaître à l'audience ci-dessus."),
                             ("INJONCTION DE PAYER", "Il vous est enjoint de payer la somme de 1 780,00 €.")):
        assert "FR-FAKE-JUDICIAL-DOC" in rule_ids(run(heading + "\n\nMadame,\n\nMerci de régler 1 780,00 €.", AGENCY,
                                                      channel="letter"))
        assert "FR-FAKE-JUDICIAL-DOC" in rule_ids(run(wording, AGENCY, channel="letter"))
    # a heading only when it opens a line in capitals: the words in a sentence are read by the other rules
    assert "FR-FAKE-JUDICIAL-DOC" not in rule_ids(run(
        "Votre opposition à l'ordonnance d'injonction de payer a bien été enregistrée par le greffe.", CREDITOR))
    # fi-059, fi-128: a document served by a commissaire de justice is told as it happened
    served = ("L'ordonnance vous a été signifiée le 27/11/2026 par Maître Claire Fabre, commissaire de justice. Vous "
              "pouvez former opposition auprès du greffe jusqu'au 28/12/2026.")
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(served, CREDITOR))
    # and a service announced as what non-payment brings is still the corpus's threat (p1202-thr-01)
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Sans paiement, une assignation vous sera signifiée par un commissaire de justice.", AGENCY))
    # fi-034: informed by the court registry of the debtor's own opposition
    opposed = ("Nous avons bien été informés par le greffe du tribunal judiciaire de l'opposition que vous avez formée "
               "contre l'ordonnance d'injonction de payer du 15/10/2026.")
    assert not {"FR-IMPERSONATION-OFFICER", "FR-FALSE-COURT-ORDER"} & rule_ids(run(opposed, CREDITOR))
    # fi-017: the application the creditor may make, and the opposition the debtor could then make
    may = ("Nous pourrons demander au tribunal une ordonnance d'injonction de payer ; vous pourriez y faire opposition "
           "dans le mois suivant.")
    assert "FR-FALSE-COURT-ORDER" not in rule_ids(run(may, CREDITOR))
    # fi-013: a summons really served, told to the debtor's lawyer
    assert "FR-FAKE-JUDICIAL-DOC" not in rule_ids(run(
        "As you know, my client served a summons on Mr Grant on 19 November 2026.", AGENCY,
        recipient="debtor_lawyer", collector_profession="avocat"))


def test_agents_who_take_a_car_and_an_auction_an_agency_announces():
    # fh-050, fi-142
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(
        "Our own field agents will come on Thursday at 7am to take your car.", AGENCY, has_title=True))
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(
        "La vente aux enchères de vos meubles est fixée au 21/12/2026.", AGENCY, has_title=True, channel="sms"))


def test_what_the_debtor_emailed_is_theirs_and_a_guardians_appointment_is_no_officer():
    # fi-097
    call = ("You emailed us that someone told you that you could go to jail over it. I want to reassure you: nobody "
            "goes to prison for a civil debt in France.")
    assert not {"FR-CRIMINAL-THREAT", "FR-LAW-IMPRISONMENT"} & rule_ids(run(call, CREDITOR, channel="call"))
    # fh-020
    curator = "Vous êtes la curatrice de M. Pierre Lemaire, désignée par le juge des contentieux de la protection."
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(curator, AGENCY, channel="call", recipient="representative",
                                                          authority="legal_protection"))


def test_truthful_statements_from_earlier_batches_a_plan_an_instructed_commissaire_a_freeze():
    # fc-050: a plan document that is an acknowledgement and interrupts prescription, said before it is signed
    plan = ("Avant de signer le document récapitulatif joint, sachez qu'il vaut reconnaissance de la dette et "
            "interrompt la prescription.")
    assert "FR-LAW-NOTICE-AS-TITLE" not in rule_ids(run(plan, CREDITOR))
    # the silence said to be worth an acknowledgement and a title still blocks (cm-062, fg-137)
    assert "FR-LAW-NOTICE-AS-TITLE" in rule_ids(run(
        "À défaut de réponse, votre silence vaudra reconnaissance de la dette et titre exécutoire.", AGENCY))
    # fc-062: with a title, the commissaire the creditor instructed
    instructed = ("Nous avons confié l'exécution de l'ordonnance revêtue de la formule exécutoire à Maître Anne Durand, "
                  "commissaire de justice à Nantes. Elle prendra contact avec vous.")
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(instructed, CREDITOR, has_title=True))
    # ex-028: collection stopped under a surendettement, the balance named
    stopped = ("In accordance with French law, we have stopped all requests for payment of the amount owed on your "
               "account (outstanding balance €612.40). Please do not make any payment to us for this balance.")
    assert "FR-SURENDETTEMENT" not in rule_ids(run(stopped, CREDITOR, insolvency="overindebtedness"))
    assert "FR-SURENDETTEMENT" in rule_ids(run("Your outstanding balance of €612.40 must be paid this month.",
                                               CREDITOR, insolvency="overindebtedness"))
    # ez-139: a contractual fixed indemnity named to a consumer and said not to be claimed
    waived = ("L'article 11 de nos conditions générales prévoit une indemnité forfaitaire de 30,00 € en cas de retard. "
              "Conformément à l'article L111-8 du code des procédures civiles d'exécution, elle ne vous est pas "
              "réclamée.")
    assert "FR-FEES-B2B-40EUR" not in rule_ids(run(waived, CREDITOR))


def test_answers_to_the_debtors_questions_and_a_surendettement_that_does_not_stop_the_instalments():
    # fk-083: the debtor's e-mail named, then its question, then "No."
    asked = ('Thank you for your email of 23 November 2026 asking whether we can "take your car". No. We cannot '
             'seize anything.')
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(asked, AGENCY))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("We can take your car next week.", AGENCY))
    # fk-105: enforcement "only possible with a court decision"
    law = "Enforcement by a commissaire de justice is only possible with a court decision."
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(law, AGENCY))
    # fk-056: a mediator "saisie" of the debtor's complaint
    mediator = "Vous nous informez que M. Blanchard vous a saisie de sa réclamation relative à la facture FAC-25770."
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(mediator, AGENCY, recipient="representative", authority="mediator"))
    # fk-045: "you must keep paying the monthly instalment" under an admitted surendettement
    frozen = dict(insolvency="overindebtedness", insolvency_opened_on="2026-09-28",
                  claims=[{"ref": "PP-2023-44810", "born_on": "2023-11-02"}])
    assert "FR-SURENDETTEMENT" in rule_ids(run(
        "This does not stop you owing the bank: you must keep paying the monthly instalment of €180.00.", AGENCY,
        **frozen))
    # fk-034: the current invoice, "postérieure à la recevabilité", asked for; the frozen one not
    split = ("La facture EV-51870 est née avant cette décision : nous ne vous en demandons pas le paiement. La facture "
             "EV-66012 porte sur votre consommation d'octobre, postérieure à la recevabilité : merci de la régler.")
    assert "FR-SURENDETTEMENT" not in rule_ids(run(split, CREDITOR, **frozen))


def test_invoices_passed_to_an_heir_and_a_customers_own_laboratory():
    # fj-007: an heir who accepted the estate is sent his father's invoices
    heir = "À ce titre, les factures professionnelles de votre père restées impayées vous sont transmises."
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(heir, CREDITOR, recipient="heir"))
    # fj-113: the repair of the debtor's laboratory is no pretext
    b2b = "Facture FSN-2026-176 (réparation du groupe froid de votre laboratoire) : 1 512,00 €."
    assert "FR-PRETEXTING" not in rule_ids(run(b2b, AGENCY, consumer=False, debtor_kind="company"))


def test_third_parties_told_nothing_and_asked_for_nothing():
    # fk-070: to a stranger who received letters by mistake, nothing about anyone
    stranger = ("Votre adresse a été retirée de nos fichiers et vous ne recevrez plus de courrier à ce nom. Nous ne "
                "pouvons communiquer aucune information concernant une autre personne. Axiome Recouvrement")
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(stranger, AGENCY, recipient="third_party"))
    # ey-009: "des informations" a volunteer asked for is a noun, not an act of informing the family
    volunteer = ("Vous nous demandez, en votre qualité de bénévole de l'association Familles de France, des "
                 "informations sur la situation d'une personne que vous accompagnez.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(volunteer, AGENCY, recipient="third_party"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Sans paiement sous 8 jours, nous informerons votre famille de votre dette.", AGENCY))


def test_interest_rates_in_other_languages_and_a_banks_anti_fraud_advice():
    # fm-119: "interessi di mora al tasso del 15 % annuo" charged to a consumer
    assert "FR-INTEREST-RATE" in rule_ids(run(
        "Interessi di mora al tasso del 15 % annuo dal 30/06/2026: 22,36 €.", CREDITOR, channel="letter"))
    assert "FR-INTEREST-RATE" in rule_ids(run("Verzugszinsen in Höhe von 18 % pro Jahr.", CREDITOR, channel="letter"))
    assert "FR-INTEREST-RATE" not in rule_ids(run("Interessi al tasso legale del 3,16 %.", CREDITOR, channel="letter"))
    # fl-031: a scam's victim told to file a complaint is no threat
    advice = ("Si quelqu'un vous contacte en se présentant comme Nuvia pour vous demander cela, il s'agit d'une "
              "tentative d'escroquerie : raccrochez et, si vous en avez été victime, déposez plainte.")
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(advice, CREDITOR))
    assert "FR-CRIMINAL-THREAT" in rule_ids(run(
        "Votre refus de payer constitue une tentative d'escroquerie : nous déposerons plainte.", CREDITOR))


def test_a_guarantor_told_of_other_debts_a_written_authorisation_an_insurance_claim_a_payment_followed():
    # fn-150: a guarantor told what her son owes other creditors
    told = ("Sachez que votre fils doit également 2 300,00 € à Crédit Aubépine et 480,00 € à TelcoNova, dossiers que "
            "notre cabinet gère aussi.")
    assert "FR-GUARANTOR-OVERDISCLOSURE" in rule_ids(run(told, AGENCY, recipient="guarantor"))
    # fn-085: "votre autorisation écrite" is no letter written to the wife
    refusal = ("Nous ne pouvons communiquer d'informations sur ce dossier à un tiers, même votre conjointe, qu'avec "
               "votre autorisation écrite.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(refusal, CREDITOR))
    # fo-012: an insurance claim named "water damage of 2 August" is no damages claimed
    assert "FR-UNAUTHORISED-DAMAGES" not in rule_ids(run(
        "Claim no. AVL-SIN-2026-10457 – water damage of 2 August 2026: please return the duplicate payment.",
        CREDITOR, channel="letter"))
    # fo-143: "Following your payment of €150.00", the balance, and no receipt
    followed = "Following your payment of €150.00 on 20 November 2026, the balance still due is €313.40."
    assert severities(run(followed, AGENCY), "FR-RECEIPT-AND-REMITTANCE") == ["block"]


def test_a_total_above_its_bracketed_items_hides_an_amount():
    # fl-143: two boxes of 29,90 € itemised in brackets after their references, a total of 71,80 €
    sms = ("Gourmandise Box : vos box d'octobre (GB-1026-7741, 29,90 €) et de novembre (GB-1126-7741, 29,90 €) n'ont "
           "pas été réglées. Total à régler : 71,80 €.")
    assert "FR-STATEMENT-TOTAL" in rule_ids(run(sms, CREDITOR, channel="sms"))
    assert "FR-STATEMENT-TOTAL" not in rule_ids(run(sms.replace("71,80", "59,80"), CREDITOR, channel="sms"))
    # an amount in brackets with no reference before it itemises nothing
    assert "FR-STATEMENT-TOTAL" not in rule_ids(run(
        "Vos box (29,90 € chacune) n'ont pas été réglées. Total à régler : 71,80 €.", CREDITOR, channel="sms"))


def test_german_agents_who_take_things_away():
    # fj-082: "werden unsere Mitarbeiter … kommen und zwei Industriebügelmaschinen … mitnehmen"
    text = ("Sollte bis Mittwoch keine Zahlung eingehen, werden unsere Mitarbeiter am Donnerstag in Ihr Hotel kommen "
            "und zwei Industriebügelmaschinen mitnehmen.")
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(text, CREDITOR, channel="email"))


def test_a_creditor_named_after_the_mandate_and_arabic_collection_fees():
    # fp-138: "Nous sommes mandatés, pour un recouvrement amiable, par le Centre dentaire des Lices"
    findings = [f for f in run("Nous sommes mandatés, pour un recouvrement amiable, par le Centre dentaire des Lices.",
                               AGENCY, first_letter_sent=False, channel="letter").findings
                if f.rule_id == "FR-R124-4-FIRST-LETTER"]
    assert findings and "creancier" not in findings[0].missing
    # fq-068: "مصاريف التحصيل" and "مصاريف الملف" added to a consumer's invoice
    sms = "الفاتورة MOB-26-70744، المبلغ الأصلي 320,00 يورو + مصاريف التحصيل 35,00 يورو + مصاريف الملف 15,00 يورو"
    assert "FR-FEES-CONSUMER" in rule_ids(run(sms, AGENCY, channel="sms"))


def test_a_guarantor_who_is_the_overindebted_person():
    # fj-036: the guarantor's own surendettement, told in the letter, freezes the guarantee too
    letter = ("Malgré la recevabilité de votre dossier de surendettement prononcée le 18/09/2026, votre engagement de "
              "caution reste dû. Nous vous demandons de régler 8 000,00 € d'ici le 31/12/2026.")
    insolvent = dict(insolvency="overindebtedness", insolvency_opened_on="2026-09-18",
                     claims=[{"ref": "PR-2021-04410", "born_on": "2021-06-15"}])
    assert "FR-SURENDETTEMENT" in rule_ids(run(letter, CREDITOR, channel="letter", recipient="guarantor", **insolvent))
    # the debtor's surendettement does not shield the guarantor: the letter is not read as frozen
    debtors = letter.replace("votre dossier de surendettement", "du dossier de surendettement de M. Carré")
    assert "FR-SURENDETTEMENT" not in rule_ids(run(debtors, CREDITOR, channel="letter", recipient="guarantor",
                                                   **insolvent))


def test_a_named_spouse_not_told_so_far():
    # fn-096: "So far … we have not contacted Mrs Whitaker" is the "not yet" threat to tell her
    email = ("So far we have dealt with this matter with you alone and we have not contacted Mrs Whitaker, who does "
             "not hold this account.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(email, CREDITOR))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Jusqu'ici, nous n'avons pas contacté Madame Whitaker.", CREDITOR))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "We have dealt with this matter with you alone and will continue to do so.", CREDITOR))


def test_a_reply_subject_that_repeats_the_debtors_words():
    # fi-032: "Re: prélèvement sur salaire ?" answers the question the body reports ("Vous nous demandez si")
    body = ("Vous nous demandez si nous pouvons « prélever directement sur votre salaire » la somme de 612,00 €. La "
            "réponse est non : une saisie des rémunérations suppose un jugement.")
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(body, CREDITOR, subject="Re: prélèvement sur salaire ?"))
    # a body that reports nothing of the debtor's: the subject is the sender's own
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Merci de régler 612,00 € sous huit jours.", CREDITOR,
                                                 subject="Re: prélèvement sur salaire ?"))
    # fl-011: the debtor's complaint quoted whole, or in the first person, in a reply to their message
    from datetime import timedelta

    from chalicelib.domain.guards import PriorContact
    from guards_helpers import TUESDAY_10H
    inbound = [PriorContact(TUESDAY_10H - timedelta(days=1), "email", inbound=True)]
    reply = "Nous avons réécouté l'appel : il n'a pas été question de saisie."
    for subject in ("Re: « vous m'avez menacée de saisie »", "Re: vous m'avez menacée de saisie"):
        assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(reply, CREDITOR, history=inbound, subject=subject))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(reply, CREDITOR, history=inbound, subject="Re: saisie de vos biens"))


def test_what_a_disowned_message_went_on_to_say():
    # fp-087: the forwarded scam SMS's demand, told after its quoted signature, is the scam's
    scam = ("Vous nous avez transféré un SMS se présentant comme « huissier de la Clinique du Parc » et vous demandant "
            "de payer immédiatement par carte pour éviter une saisie.\nCe message ne vient pas de nous.")
    assert rule_ids(run(scam, CREDITOR)) == set()
    # the sender's own words in that sentence stay its own
    own = scam.replace("et vous demandant", "et nous vous demandons")
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(own, CREDITOR))


def test_lures_that_promise_money_to_get_a_call_back():
    # ft-149, fu-036, fr-019, fj-053: a prize, a grant refund, a sum for an heir, a refund from URSSAF
    for text in ("Congratulations! You have been selected for a free full car service worth 250 €. To claim your "
                 "prize, call +33 4 91 22 35 60 before Friday.",
                 "Scholarship Office: good news, you are eligible for a €450 grant refund. To receive it, call us.",
                 "Office notarial : vous êtes bénéficiaire d'une somme en attente de versement. Merci de rappeler.",
                 "Bună ziua, vă sun de la URSSAF, serviciul de rambursări."):
        assert "FR-PRETEXTING" in rule_ids(run(text, CREDITOR, channel="sms")), text
    # an offer of a plan is no lure
    for text in ("Bonne nouvelle : vous pouvez bénéficier d'un échéancier en six mensualités.",
                 "Good news: you are eligible for a payment plan of up to 10 instalments."):
        assert "FR-PRETEXTING" not in rule_ids(run(text, CREDITOR)), text


def test_a_private_car_parks_contravention_and_the_antais():
    # ft-093: a private company issuing its own "avis de contravention" and "amende forfaitaire"
    fake = "Le présent avis de contravention est émis à votre encontre. Montant à payer : 28,50 €."
    assert "FR-FAKE-JUDICIAL-DOC" in rule_ids(run(fake, CREDITOR))
    assert "FR-FAKE-JUDICIAL-DOC" in rule_ids(run("ParkCentre SAS – Service des amendes", CREDITOR))
    # fa-022: a rental company telling the debtor the ANTAI will send its own
    told = "Vous recevrez donc l'avis de contravention à votre nom, directement de l'ANTAI."
    assert "FR-FAKE-JUDICIAL-DOC" not in rule_ids(run(told, CREDITOR))


def test_a_surcharge_by_the_agencys_scale_and_a_redundancy_used_as_leverage():
    # fs-103: "majorées de 15 % conformément au barème de notre mandat"
    text = "Vos factures (289,90 €), majorées de 15 % conformément au barème de notre mandat (43,49 €)."
    assert "FR-FEES-CONSUMER" in rule_ids(run(text, AGENCY, channel="letter"))
    # fs-119: the job loss turned into the reason to pay now
    email = ("During our call you told us you were made redundant last month. Precisely because you are job-hunting, "
             "you cannot afford to lose your mobile number.")
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(email, CREDITOR))
    assert "FR-VULNERABILITY-EXPLOIT" not in rule_ids(run(
        "During our call you told us you were made redundant last month. We can pause reminders for two months.",
        CREDITOR))


def test_heirs_the_notary_and_a_payment_the_notary_made():
    # fr-080: the law told to an heir, "personally liable only if he accepts the estate outright"
    law = ("An heir becomes personally liable only if he accepts the estate outright; he may instead accept it up to "
           "the net assets or renounce it.")
    assert "FR-HEIRS" not in rule_ids(run(law, AGENCY, recipient="heir"))
    # fr-060: a claim declared to the notary who settles the succession
    declared = ("Nous avons l'honneur de vous déclarer, pour le compte de Banque Solvéa, la créance suivante sur la "
                "succession de Mme Lucienne Santoni : prêt personnel, capital restant dû 2 214,00 €.")
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(declared, AGENCY, recipient="third_party", channel="letter"))
    # fr-031: the agency will deal "avec l'étude de Maître Fabre", the notary
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(
        "Nous traiterons désormais ce dossier avec l'étude de Maître Fabre.", AGENCY, recipient="heir"))
    # fr-150: a payment received from the notary, the balance asked, no receipt
    paid = ("Nous avons reçu le 16 novembre 2026 un versement de 1 500,00 € de Maître Vidal. Le solde restant dû "
            "s'élève donc à 812,30 €.")
    assert severities(run(paid, AGENCY, recipient="heir", channel="letter"), "FR-RECEIPT-AND-REMITTANCE") == ["block"]


def test_an_heir_who_accepted_outright_receives_the_debtors_letters():
    # fr-143: a widow who accepted purely and simply is the debtor: the first letter's reference is owed
    email = ("Vous avez accepté purement et simplement la succession de votre époux. Reste dû : 91,98 €. Vous pouvez "
             "régler par carte.")
    accepted = run(email, AGENCY, recipient="heir", first_letter_sent=True, first_letter_ref="MED-26-1422")
    assert "FR-R124-4-REFERENCE" in rule_ids(accepted)
    undecided = run(email.replace("Vous avez accepté purement et simplement la succession de votre époux.",
                                  "Vous n'avez pas encore opté."), AGENCY, recipient="heir",
                    first_letter_sent=True, first_letter_ref="MED-26-1422")
    assert "FR-R124-4-REFERENCE" not in rule_ids(undecided)


def test_denials_a_quoted_scam_a_zero_penalty_and_a_one_letter_word():
    # ft-044: "Nobody will come to your home to take the car"
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "No bailiff has been instructed. Nobody will come to your home to take the car.", CREDITOR))
    # fu-059: "not a bailiff (commissaire de justice)"
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Recouvra Conseil is an amicable collection company, not a bailiff (commissaire de justice), and nothing can "
        "be seized without a court decision.", AGENCY))
    # ft-067: a fraudulent SMS quoted after the fraud is named
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(
        "Des SMS frauduleux signés « Gendarmerie – péage impayé » circulent. Nous ne vous demanderons jamais de payer "
        "par lien SMS.", CREDITOR, channel="sms"))
    # ft-122: "Intérêts de retard : 0,00 €" charges nothing
    statement = "Principal : 568,60 €\nIntérêts de retard : 0,00 €\nTotal dû : 568,60 €"
    assert "FR-PENALTY-NO-BASIS" not in rule_ids(run(statement, AGENCY, channel="letter"))
    assert "FR-PENALTY-NO-BASIS" in rule_ids(run(statement.replace("0,00 €", "12,00 €"), AGENCY, channel="letter"))
    # fu-125: "votre fils a quitté l'établissement" is no "acquitté" glued from a one-letter word
    assert "FR-DISPUTE-OPEN" not in rule_ids(run(
        "Vous contestez la facture au motif que votre fils a quitté l'établissement le 18/09/2026. Nous suspendons nos "
        "relances.", AGENCY, open_dispute=True))


def test_a_families_portal_named_in_another_language():
    # fu-133: "spazio famiglie" is the school's website, no threat to tell the family
    text = ("Le ricordiamo che la fattura HAR-2026-103 risulta ancora da saldare. Può pagare con bonifico dal suo "
            "spazio famiglie oppure in tre rate mensili da 155,00 €.")
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(run(text, CREDITOR))
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(text + " Altrimenti informeremo la sua famiglia.", CREDITOR))


def test_a_professionals_own_fees_are_its_invoice():
    # fy-011, fy-081: a lawyer's fee note beside "convention d'honoraires" is the claim itself
    note = ("Ma note d'honoraires n° 2026-274 du 30 septembre 2026, relative à votre dossier de succession (convention "
            "d'honoraires du 12 mars 2026), d'un montant de 1 440 € TTC, reste à régler.")
    assert "FR-FEES-CONSUMER" not in rule_ids(run(note, CREDITOR, collector_profession="avocat"))
    # fy-060: the bâtonnier asked to fix the fees is no seizure
    fixing = "Je serai conduit à saisir Monsieur le Bâtonnier d'une demande de fixation de mes honoraires."
    assert rule_ids(run(fixing, CREDITOR, collector_profession="avocat")) & {"FR-FEES-CONSUMER", "FR-SEIZURE-NO-TITLE"} == set()
    # fy-023: the time spent on the debtor's late payments added to the fee is a collection fee
    added = ("Compte tenu du temps consacré au traitement de vos retards de paiement, le montant à régler est désormais "
             "de 1 290 €.")
    assert "FR-FEES-CONSUMER" in rule_ids(run(added, CREDITOR, collector_profession="avocat"))
    # fw-120: three charge items declined together
    declined = "Frais de recouvrement, frais de dossier, frais de relance : néant."
    assert "FR-FEES-CONSUMER" not in rule_ids(run(declined, AGENCY, channel="letter"))
    assert "FR-FEES-CONSUMER" in rule_ids(run(declined.replace("néant", "40,00 €"), AGENCY, channel="letter"))


def test_a_law_firms_name_the_ficp_described_and_a_victims_complaint():
    # fy-013: "Cabinet Durance Avocats" heading its own letter under a liquidation
    letter = ("Cabinet Durance Avocats – 3 boulevard Casimir-Pelloutier, 04100 Manosque\n\nNos notes d'honoraires, "
              "antérieures à ce jugement, seront déclarées auprès du liquidateur judiciaire. Aucune demande de paiement "
              "ne vous est adressée.")
    liquidation = dict(consumer=False, debtor_kind="company", insolvency="collective_proceedings",
                       insolvency_opened_on="2026-10-20", insolvency_procedure="liquidation",
                       claims=[{"ref": "2026-066", "born_on": "2026-05-31"}])
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(letter, CREDITOR, channel="letter",
                                                         collector_profession="avocat", **liquidation))
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(letter, CREDITOR, channel="letter", **liquidation))
    # fy-098: what the FICP records, told to a debtor who asked
    assert "FR-FICP-THREAT" not in rule_ids(run(
        "Ce fichier de la Banque de France ne recense que les incidents de remboursement de crédits.", CREDITOR))
    # fx-105: the victim of an identity theft told where to file a complaint
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(
        "Si vous êtes victime d'une usurpation d'identité, vous pouvez déposer plainte auprès de la gendarmerie ou du "
        "commissariat.", CREDITOR))
    # fx-070: the UDAF's department for court-appointed protectors is the curator's address
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(
        "UDAF de La Réunion – Service des mandataires judiciaires à la protection des majeurs", CREDITOR,
        recipient="representative", authority="legal_protection", channel="letter"))


def test_platforms_not_told_yet_and_a_delivery_to_reschedule():
    # fv-135: the rider's platforms "not yet" told
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Nous n'avons pas encore prévenu Livrago ni Kourse de votre situation.", AGENCY))
    # fw-062: a delivery lure on a collection case
    assert "FR-PRETEXTING" in rule_ids(run(
        "Votre meuble n'a pas pu être livré. Merci de rappeler vite le 01 84 60 22 17 pour reprogrammer la livraison.",
        CREDITOR, channel="sms"))


def test_letters_to_heirs_that_stop_asking_in_their_own_language():
    # fr-059: a Polish letter that asks nothing ("Nie żądamy od Pani żadnej zapłaty") is held for a reader,
    # not blocked in a restricted case
    text = ("Zgodnie z prawem francuskim długi nie przechodzą automatycznie na dzieci. Nie żądamy od Pani żadnej "
            "zapłaty. Prosimy jedynie o podanie danych notariusza prowadzącego sprawę spadkową.")
    judged = rule_ids(run(text, CREDITOR, recipient="heir"))
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" not in judged and "GUARD-UNREADABLE-LANGUAGE" in judged
    # fr-116: the reassurance read even in a short sentence the detector does not call a language
    italian = ("Al momento del decesso, il conto di Suo padre presentava un saldo di 830,00 €. L'erede ne risponde solo "
               "se accetta la successione. Non Le chiediamo alcun pagamento.")
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" not in rule_ids(run(italian, CREDITOR, recipient="heir"))
    # a pressure word in the same letter still blocks it
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" in rule_ids(run(
        italian + " Altrimenti procederemo al pignoramento dei mobili.", CREDITOR, recipient="heir"))


def test_prescription_reset_by_a_sale_and_a_time_barred_debt_called_enforceable():
    # ga-136: the assignment of a claim opens no new period
    assert "FR-LAW-PRESCRIPTION" in rule_ids(run(
        "La cession de la créance à notre profit a ouvert un nouveau délai de prescription de cinq ans.", CREDITOR))
    assert "FR-LAW-PRESCRIPTION" not in rule_ids(run(
        "La cession de la créance n'a pas ouvert de nouveau délai : la prescription court toujours.", CREDITOR))
    # gb-135: a time-barred invoice called "legally enforceable" and its payment "compulsory"
    barred = dict(claims=[{"ref": "BF-2020-4417", "born_on": "2020-06-12"}], invoice_due_dates=["2020-07-12"])
    email = "This debt remains legally enforceable and payment is compulsory. Please settle it by 18 December 2026."
    assert severities(run(email, CREDITOR, **barred), "FR-TIME-BARRED") == ["block"]
    # ga-036: a Portuguese acknowledgement of a time-barred debt asked for
    sms = "Para encerrar o processo, assine o reconhecimento de dívida enviado por e-mail e pague só 10 € hoje."
    assert severities(run(sms, CREDITOR, channel="sms", **barred), "FR-ACKNOWLEDGEMENT-TRAP") == ["block"]


def test_fees_for_a_late_file_and_a_consolidation_lure():
    # gc-073, ga-072: "gestion de votre dossier en retard incluse", "frais de réactivation du dossier"
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Montant à régler à ce jour : 218,00 € (gestion de votre dossier en retard incluse).", CREDITOR))
    assert "FR-FEES-CONSUMER" in rule_ids(run("Frais de réactivation du dossier : 35,00 €.", AGENCY, channel="letter"))
    # gb-001: a consolidation offer the debtor was "présélectionnée" for, on a collection call
    assert "FR-PRETEXTING" in rule_ids(run(
        "Bonne nouvelle : vous avez été présélectionnée pour regrouper tous vos crédits. Rappelez-nous et confirmez "
        "vos coordonnées bancaires.", AGENCY, channel="call"))
    # fz-148: a clinic's admissions desk asking a third party for the debtor's address and employer
    assert "FR-PRETEXTING" in rule_ids(run(
        "Bonjour, ici le service des admissions de la clinique du Parc. Nous mettons à jour le dossier de Madame Lopez : "
        "pourriez-vous nous confirmer son adresse actuelle ?", AGENCY, channel="call", recipient="third_party"))


def test_not_told_yet_in_a_farming_village_and_a_herd_lost():
    # gc-072: the bank and the chambre d'agriculture "pas encore informé", "il ne tient qu'à vous"
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Nous n'avons pas encore informé votre banque ni la chambre d'agriculture. Il ne tient qu'à vous qu'il en reste "
        "ainsi.", CREDITOR))
    # fz-113: a guarantor kept informed is told, no one else
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Nous privilégions une solution amiable avec le locataire et vous tiendrons informé.", CREDITOR,
        recipient="guarantor"))
    # gc-016: a herd's slaughter used as leverage
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "On sait que l'abattage de votre troupeau a été très dur. Justement : avec tout ce qui vous tombe dessus, vous "
        "ne voudriez pas en plus perdre la ferme ?", CREDITOR, channel="call"))


def test_a_list_of_the_debtors_words_and_a_question_named_in_the_subject():
    # gb-075: the debtor's three words in quotation marks, then denied
    told = ("Vous nous écrivez qu'un autre intervenant vous a parlé de « plainte », de « délit » et même de « prison ». "
            "Vous ne risquez ni prison ni poursuites pénales.")
    assert rule_ids(run(told, AGENCY)) & {"FR-CRIMINAL-THREAT", "FR-LAW-IMPRISONMENT"} == set()
    # the sender's own words before a second quotation make it the sender's
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Vous nous écrivez « je ne paierai pas » et nous répondons « saisie de vos meubles demain ».", AGENCY))
    # gb-110: "vous nous signalez", and a seizure "ne peut être pratiquée que par un commissaire de justice"
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Vous nous signalez avoir reçu un courrier annonçant « l'huissier » et une « saisie ». Aucune saisie n'est "
        "possible sans titre exécutoire, et elle ne peut alors être pratiquée que par un commissaire de justice.", AGENCY))
    # fz-085: "Your question about bailiffs" as the subject of the answer to that question
    answer = "When we spoke you asked whether a bailiff could come and seize your furniture. No."
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(answer, AGENCY, subject="Your question about bailiffs – file NS-1"))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Please pay by Friday.", AGENCY,
                                                 subject="Your question about bailiffs – file NS-1"))


def test_an_offer_after_otherwise_and_a_dispute_acknowledged_in_german():
    # gc-127: "Andernfalls bieten wir Ihnen gerne eine Ratenzahlung … an"
    offer = ("Falls die Zahlung bereits unterwegs ist, betrachten Sie dieses Schreiben bitte als gegenstandslos. "
             "Andernfalls bieten wir Ihnen gerne eine Ratenzahlung in vier Monatsraten an.")
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(run(offer, CREDITOR, channel="letter"))
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(
        "Andernfalls werden wir Ihre Möbel pfänden.", CREDITOR, channel="letter"))
    # fz-076: "Wir setzen alle Zahlungserinnerungen aus" stops asking
    ack = ("Wir bestätigen den Eingang Ihres Widerspruchs gegen die Rechnung TM-91390. Wir setzen alle "
           "Zahlungserinnerungen aus und leiten Ihre Unterlagen an unseren Auftraggeber weiter.")
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" not in rule_ids(run(ack, AGENCY, open_dispute=True))


def test_a_file_closed_after_a_personal_recovery_and_a_creditor_free_to_go_to_court():
    # ga-044: "Les sommes restant dues … sont effacées" on a closed case
    assert "FR-CASE-CLOSED" not in rule_ids(run(
        "Les sommes restant dues au titre de votre prêt sont effacées. Votre dossier est clôturé.", CREDITOR,
        channel="letter", case_closed=True))
    # ga-125: "le créancier restera libre de saisir, s'il le souhaite, la juridiction compétente"
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "En cas de refus, le créancier restera libre de saisir, s'il le souhaite, la juridiction compétente.", CREDITOR))


def test_a_school_told_a_foreign_treasury_and_a_minimum_handling_charge():
    # gd-039: the school director and the parents' association, "afin que chacun sache"
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Si elle n'est pas réglée avant le 15/12/2026, nous en informerons la directrice de l'école ainsi que le bureau "
        "de l'association des parents d'élèves, afin que chacun sache pourquoi vos enfants ne mangent plus à la "
        "cantine.", CREDITOR, channel="letter"))
    # gd-107: a public accountant "qui vous adressera un avis des sommes à payer" tells no one else
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Si elle reste impayée après le 31/12/2026, le maire émettra un titre de recettes et son recouvrement sera "
        "confié au Service de gestion comptable (Trésor public), qui vous adressera un avis des sommes à payer.",
        CREDITOR, channel="letter"))
    # gd-048: a private agency writing as the Italian "Tesoro pubblico"
    assert "FR-IMPERSONATION-OFFICER" in rule_ids(run(
        "In qualità di ufficio della Tesoreria dello Stato francese, siamo incaricati di riscuotere la fattura "
        "CPSL-26-08655. Oriel Services SAS, per conto del Tesoro pubblico", AGENCY))
    # a French council's own "trésorerie" is not the Romanian treasury
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(
        "Vous pouvez régler votre facture de cantine auprès de la trésorerie municipale.", CREDITOR))
    # gf-054: a minimum handling charge on a 3,20 € parking ticket
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Conformément à notre barème, un montant minimum de traitement de 25,00 € s'applique à tout dossier confié, "
        "quel que soit le montant de la créance. Total à régler : 28,20 €.", AGENCY, channel="letter"))
    # gf-085: a signed acknowledgement and a symbolic euro asked in Arabic
    assert "FR-ACKNOWLEDGEMENT-TRAP" in rule_ids(run(
        "يكفي أن توقّعوا إقرار الدين المرفق وأن تدفعوا مبلغاً رمزياً قدره 1 يورو فقط.", AGENCY, channel="letter"))


def test_a_credit_register_described_truthfully_and_a_scam_warning():
    # gf-023: "the FICP register only records repayment incidents on credit" answers a question
    assert "FR-LAW-CREDIT-REGISTRY" not in rule_ids(run(
        'You asked us whether your unpaid membership could get you "blacklisted with the Banque de France". It '
        "cannot: the FICP register only records repayment incidents on credit, reported by banks and credit "
        "institutions, and FitClub is neither. Nothing will be reported anywhere.", CREDITOR))
    # gd-093: a warning about fraudulent texts quotes the scam's words
    assert rule_ids(run(
        "Attention : des SMS frauduleux signés « Trésor public – service des saisies » circulent actuellement ; ils "
        "évoquent une « saisie immédiate ». Nous ne vous enverrons jamais ce type de message.", CREDITOR,
        channel="letter")) & {"FR-SEIZURE-NO-TITLE", "FR-CRIMINAL-THREAT"} == set()


def test_corrections_that_end_a_file_and_entries_keyed_in_again():
    # gi-038, gi-106, gi-013: a refund, a withdrawal, an invoice "désormais soldée" on a closed file
    for text in ("We have refunded the second debit of €42.99. You do not need to do anything, and your account "
                 "is fully up to date.",
                 "Nous cessons donc toute démarche. Aucun règlement ne doit nous être adressé.",
                 "Votre chèque avait été mal saisi dans notre logiciel de caisse. Nous l'avons saisi à nouveau ce "
                 "matin ; la facture OL-54420 est désormais soldée."):
        assert rule_ids(run(text, CREDITOR, case_closed=True)) & {"FR-CASE-CLOSED", "FR-SEIZURE-NO-TITLE"} == set()
    # a closed file still takes no demand
    assert "FR-CASE-CLOSED" in rule_ids(run("Nous cessons donc toute démarche amiable : payez sous 8 jours.",
                                            CREDITOR, case_closed=True))
    # gi-043: "votre règlement, comme indiqué dans notre courriel" asks for nothing
    assert "FR-CASE-CLOSED" not in rule_ids(run(
        "Votre compte mobile est soldé. La facturation en double avait été annulée avant votre règlement, comme "
        "indiqué dans notre courriel du 24/11.", CREDITOR, case_closed=True))
    # gi-063: a meter reading "mal saisi" during an open dispute
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Nous avons bien reçu votre réclamation, selon laquelle votre relevé de compteur aurait été mal saisi.",
        AGENCY, open_dispute=True))


def test_a_payment_received_by_the_agency_or_found_by_the_creditor():
    # gi-008: "a bien été reçu par nos services", then the balance, and no receipt
    assert severities(run(
        "Votre versement de 120,00 € du 18/11/2026 a bien été reçu par nos services. Solde restant : 180,00 €.",
        AGENCY, channel="letter"), "FR-RECEIPT-AND-REMITTANCE") == ["block"]
    # gi-060: the creditor found the payment: the agency received nothing to give a receipt for
    assert "FR-RECEIPT-AND-REMITTANCE" not in rule_ids(run(
        "Vous nous avez transmis la preuve de votre virement. Notre mandant l'a retrouvé : il avait été affecté par "
        "erreur à un autre contrat. La facture EV-2026-094417 est donc soldée. Reste due la facture EV-2026-121530.",
        AGENCY, channel="letter"))


def test_consulates_and_immigration_named_as_pressure_and_a_language_barrier_used():
    # gh-136, gh-132 (the subject alone)
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Si le règlement ne nous parvient pas avant le 15 décembre, nous adresserons une copie de votre dossier au "
        "Consulat général du Mali à Paris.", CREDITOR, channel="letter"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "You can pay by transfer.", AGENCY,
        subject="Final notice before your unpaid balance is reported to the immigration authorities"))
    # a "conseillère" is no consulate (key-level typo matching is off for these words)
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Si vous le souhaitez, votre conseillère pourra vous contacter pour convenir d'un échéancier.", CREDITOR))
    # gh-127
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "Soyons francs : vous ne parlez presque pas français. Devant un juge français, vous n'auriez aucune chance de "
        "vous faire comprendre ni de vous défendre. Payez sans discuter avant vendredi.", AGENCY))
    # gh-038: "your contact and booking details were provided to us" is no threat to tell your contacts
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "If you cannot pay in one go, please contact us by email. Your contact and booking details were provided "
        "to us by the creditor.", AGENCY, channel="letter"))


def test_truthful_answers_in_calls_and_letters():
    # gj-031: "seuls les établissements de crédit … déclarent des incidents au FICP"
    assert "FR-FICP-THREAT" not in rule_ids(run(
        "La réponse est non : seuls les établissements de crédit et de paiement déclarent des incidents au FICP, et "
        "un bailleur n'y a pas accès.", CREDITOR, channel="letter", creditor_kind="landlord"))
    # gj-120: the eviction judgment's "concours de la force publique", told by the commissaire holding it
    commissaire = dict(AGENCY, collector_profession="commissaire_de_justice", acting_under="title", has_title=True)
    text = ("Aucune expulsion ne peut être exécutée avant le 31 mars 2027 ; elle supposera ensuite, si nécessaire, le "
            "concours de la force publique.")
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(text, commissaire, channel="letter"))
    assert "FR-CRIMINAL-THREAT" in rule_ids(run(text, AGENCY, channel="letter"))
    # gk-034: the debtor's question in a call transcript
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "— Vous allez m'envoyer un huissier ?\n— Non, Madame. Aucune saisie ne peut intervenir sans décision de "
        "justice.", AGENCY, channel="call"))
    # gk-108: a wrong number
    assert "FR-THIRD-PARTY-DISCLOSURE" not in rule_ids(run(
        "— Il n'y a pas de Sébastien Perrin ici, vous devez faire erreur.\n— Je vous prie de m'excuser.", AGENCY,
        channel="call", recipient="third_party"))
    # gk-007: a scam call that "ne provient pas de notre société"
    assert rule_ids(run(
        "L'appel que vous avez reçu d'un prétendu « huissier » menaçant de « prison » ne provient pas de notre "
        "société. Si un tel appel se reproduit, vous pouvez déposer plainte auprès de la police ou de la "
        "gendarmerie.", AGENCY)) & {"FR-SEIZURE-NO-TITLE", "FR-CRIMINAL-THREAT", "FR-LAW-IMPRISONMENT"} == set()
    # gk-001: the rest "correspond au traitement de votre dossier"
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Total à régler : 347,00 € (facture : 312,00 € ; le reste correspond au traitement de votre dossier par nos "
        "services).", AGENCY, channel="sms"))


def test_b2b_procedure_told_truthfully_and_pressure_on_a_business():
    # gl-097: "Plutôt que de saisir un tribunal" during a dispute
    assert "FR-DISPUTE-OPEN" not in rule_ids(run(
        "Plutôt que de saisir un tribunal, nous vous proposons de saisir ensemble le Médiateur des entreprises.",
        CREDITOR, open_dispute=True, debtor_kind="company"))
    # go-010: "la poursuite de nos livraisons" in a redressement
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(
        "Notre facture, antérieure au jugement d'ouverture, a été déclarée au mandataire judiciaire. Nous restons à "
        "votre disposition pour la poursuite de nos livraisons, payables à leur échéance.", CREDITOR,
        channel="letter", debtor_kind="company", consumer=False, insolvency="collective_proceedings",
        insolvency_opened_on="2026-10-06", insolvency_procedure="redressement",
        claims=[{"ref": "F-2026-0901", "born_on": "2026-09-01"}]))
    # gl-034: an accepted bill of exchange allows a conservatory measure without a judge's leave (L511-2 CPCE)
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "S'agissant du défaut de paiement d'une lettre de change acceptée, l'article L511-2 du code des procédures "
        "civiles d'exécution permet au créancier de solliciter un commissaire de justice pour pratiquer une mesure "
        "conservatoire sans autorisation préalable du juge.", CREDITOR, channel="letter", debtor_kind="company"))
    # gl-103: "vos principaux clients" told
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Sans accord de votre part d'ici le 30 novembre, notre mandant informera vos principaux clients de vos "
        "retards de paiement.", AGENCY, debtor_kind="company"))
    # gl-005: the agency's own inventory of the debtor's goods
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(
        "Faute de règlement, nos agents passeront dans vos locaux pour enlever les chariots loués à notre mandante et "
        "dresser l'inventaire de vos biens.", AGENCY, channel="letter", debtor_kind="company"))
    # gn-061: an Italian "clausola penale del 25%"
    assert "FR-PENALTY-CLAUSE" in rule_ids(run(
        "A seguito dell'interruzione del piano applichiamo una clausola penale del 25% sul debito residuo.", CREDITOR,
        channel="letter"))


def test_personal_data_answers_and_threats():
    # gm-069: a copy of the data "qu'après règlement intégral"
    assert "EU-GDPR-DSAR-DEADLINE" in rule_ids(run(
        "Nous avons bien reçu votre demande de copie de vos données personnelles. Cette copie ne vous sera "
        "communiquée qu'après règlement intégral du solde de votre dossier.", AGENCY, channel="letter"))
    # gm-077: "the shared defaulters list"
    assert "FR-BADPAYER-LIST-THREAT" in rule_ids(run(
        "If you insist on erasure before paying, your name will be added to the shared defaulters list.", AGENCY))
    # gm-080: a recording played to the employer
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Si le règlement ne nous parvient pas d'ici au 11 décembre, nous ferons écouter cet enregistrement à votre "
        "employeur et à votre épouse.", AGENCY, channel="letter"))
    # gm-066: an apology for a collaborator who looked at the debtor's profile
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Vous nous signalez qu'un de nos collaborateurs a consulté votre profil LinkedIn. C'est exact et contraire à "
        "nos procédures ; aucune information n'a été transmise à quiconque.", AGENCY))
    # gm-016: an objection answered: a warning, no longer a block
    assert severities(run(
        "Vous vous êtes opposée le 19 novembre au traitement de vos données. Nous avons cessé tout appel ; nous "
        "continuons à traiter les seules données nécessaires au recouvrement de la facture.", AGENCY,
        channel="letter", restricted=True), "FR-RESTRICTED-DATA-SUBJECT") == ["warn"]
    # gm-052: L111-8 quoted with "droits proportionnels … débiteur de mauvaise foi"
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "« … peut demander au juge de l'exécution de laisser tout ou partie des droits proportionnels de recouvrement "
        "ou d'encaissement à la charge du débiteur de mauvaise foi. »", AGENCY, channel="letter"))
    # gn-140: to the debtor's lawyer, "your client" is the debtor
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "We will send you the written arrangement for your client's signature.", AGENCY, recipient="debtor_lawyer"))


def test_an_order_is_not_a_parcel_and_a_guarantor_in_treatment():
    # gm-079: "encomenda" is also a purchase order: a Portuguese first letter is not a parcel lure
    letter = ("Atuamos por conta da Maison Lumen SAS numa cobrança amigável. Montante em dívida: encomenda n.º "
              "ML-2026-44107 de 2 de agosto de 2026. Pode pagar por transferência bancária.")
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(run(letter, AGENCY, channel="letter"))
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(
        "A sua encomenda está retida. Ligue-nos para a libertar.", AGENCY, channel="sms"))
    # gl-119: a guarantor's chemotherapy and his children inheriting the debt used as leverage
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "Avec votre traitement, vous n'avez sans doute pas envie d'ajouter un procès à vos soucis, ni que vos "
        "enfants héritent d'une dette.", CREDITOR, channel="letter", recipient="guarantor"))


def test_employers_named_in_a_subject_and_threats_put_as_what_we_would_rather_not_do():
    # gr-061: the threat in the subject alone
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Nous vous remercions de nous contacter afin de convenir d'une solution.", AGENCY,
        subject="Sans réponse sous 48 h : copie de votre dossier transmise à votre DRH"))
    # gr-064: "que nous n'ayons pas à appeler votre nouveau magasin"
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Réglez les 540 € avant vendredi, que nous n'ayons pas à appeler votre nouveau magasin.", CREDITOR,
        channel="sms"))
    # gp-143: "your name goes on our public Facebook page" in an English subject
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Please find below your statement.", CREDITOR,
        subject="Unless paid by 14/12, your name goes on our public Facebook page and to your employer"))
    # gp-012: "votre question" is no questioning of the people around the debtor
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Pour répondre à votre question : non, nous ne contacterons pas votre employeur.", AGENCY, channel="sms"))
    # gr-119: agents at the workplace "pour faire exécuter ce jugement"
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(
        "Nos agents se présenteront jeudi à 9 h à votre lieu de travail pour faire exécuter ce jugement et recueillir "
        "votre paiement.", AGENCY, channel="letter", has_title=True))


def test_mediators_seized_advances_repaid_and_plans_kept():
    # gs-043, gq-058: the mediator "a été saisie" of the dispute
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Madame la Médiatrice, vous avez été saisie le 16 novembre 2026 par M. Benard au sujet de la facture.",
        CREDITOR, channel="letter", recipient="representative", authority="mediator"))
    # gq-002: "s'il saisit le juge"
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Il appartient désormais au créancier de décider s'il saisit le juge ; aucune mesure d'exécution ne peut "
        "être engagée sans décision de justice.", AGENCY, channel="letter"))
    # gr-107: a salary advance repaid "par retenue sur vos salaires" under a signed agreement
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "L'avance sur salaire n'était remboursée qu'à hauteur de 300,00 € par retenue sur vos salaires, comme prévu "
        "dans l'accord que vous aviez signé. Reste dû : 600,00 €.", CREDITOR, channel="letter"))
    # gp-105: a surendettement plan's instalment received and its balance "dans le cadre du plan"
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "Nous accusons réception de votre mensualité de décembre. Votre plan est à jour. Solde restant à régler dans "
        "le cadre du plan : 2 115,00 €.", CREDITOR, channel="letter", insolvency="overindebtedness",
        insolvency_opened_on="2026-04-15", claims=[{"ref": "CR-2025-0415", "born_on": "2025-03-01"}]))
    # gq-021: a commissaire collecting amicably bills a consumer the cost of a "sommation"
    commissaire = dict(AGENCY, collector_profession="commissaire_de_justice", acting_under="amicable")
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Restent dues : facture : 386,00 € ; coût de la sommation de payer amiable : 64,27 € ; droit de recouvrement "
        "(article A444-32 du code de commerce) : 38,60 €.", commissaire, channel="letter"))
    # gp-138: an apology quoting the employee's word, introduced by "vous nous reprochez"
    assert "FR-TONE-INSULT" not in rule_ids(run(
        "Vous nous reprochez, dans votre message du 9 décembre, d'avoir été traité de « menteur » par l'un de nos "
        "employés. Ces propos sont inacceptables et nous vous présentons nos excuses.", CREDITOR, channel="letter"))
    # gr-035: Polish "nie jest możliwe zajęcie" denies the seizure
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(run(
        "W odpowiedzi na Pana pytanie informujemy, że bez orzeczenia sądu nie jest możliwe zajęcie Pana "
        "wynagrodzenia. Nasza firma nie kontaktuje się z pracodawcami dłużników.", AGENCY, channel="letter"))
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(
        "Jeżeli nie zapłaci Pan do piątku, nastąpi zajęcie Pana wynagrodzenia.", AGENCY, channel="letter"))


def test_a_public_reply_that_names_the_debt():
    # gp-078, gp-111: a reply opening on the debtor's handle is read by everyone in the thread
    for text in ("@Mélanie Roux bonjour, votre facture n° E-88412 de 312,40 € reste impayée depuis le 15/09/2026.",
                 "@dan_m_89 Hi Dan, we've tried to reach you about your overdue bill (€74.97).",
                 # an invisible character or a full-width at sign before the handle changes nothing
                 "\u200b@Mélanie Roux votre facture reste impayée.",
                 "\uff20Mélanie Roux votre facture reste impayée."):
        assert "FR-SOCIAL-MEDIA-PUBLIC" in rule_ids(run(text, CREDITOR, channel="sms")), text
    # a public reply that names no debt, and an e-mail address, are not
    assert "FR-SOCIAL-MEDIA-PUBLIC" not in rule_ids(run("@dan_m_89 Hi Dan, please DM us so we can help.", CREDITOR,
                                                        channel="sms"))
    assert "FR-SOCIAL-MEDIA-PUBLIC" not in rule_ids(run("Écrivez-nous à compta@exemple.fr au sujet de votre facture.",
                                                        CREDITOR))


def test_a_rugby_club_a_discord_channel_and_a_trial_as_the_last_thing_needed():
    # gt-053: "pas encore prévenu votre club de rugby ni les parents d'élèves"
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "Sachez que nous n'avons pas encore prévenu votre club de rugby ni les parents d'élèves de l'école où vous "
        "enseignez. Si rien n'est réglé sous dix jours, ils apprendront tout.", AGENCY, recipient="guarantor"))
    # gv-107: a pseudonym on a public "#mauvais-payeurs" channel
    assert "FR-BADPAYER-LIST-THREAT" in rule_ids(run(
        "Si les 15,98 € ne sont pas réglés d'ici dimanche, ton pseudo sera affiché dans le salon #mauvais-payeurs de "
        "notre serveur Discord, visible par tous les joueurs.", CREDITOR))
    # gt-138: guarantors the law requires to be told
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Vos parents se sont portés cautions solidaires de votre bail ; la loi et leur acte prévoient qu'ils soient "
        "informés de vos impayés.", AGENCY, channel="letter"))
    # gw-040: a trial as "la dernière chose dont vous avez besoin" after a job loss
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "Vous nous avez indiqué avoir perdu votre emploi en octobre. Dans votre situation, un procès serait vraiment "
        "la dernière chose dont vous avez besoin : réglez les deux échéances.", CREDITOR))


def test_unreadable_letters_that_deny_cite_the_law_or_announce_court_in_a_formal_notice():
    P = "GUARD-UNREADABLE-PRESSURE"
    # gw-129, gq-047: Arabic denies before the word ("وليس جريمة", "ولا يمكن إجراء أي حجز دون حكم قضائي")
    assert P not in rule_ids(run("التأخر في الدفع مسألة مدنية وليس جريمة. يمكنكم الاتصال بنا للاتفاق على الدفع.",
                                 AGENCY, channel="letter"))
    assert P not in rule_ids(run("نحن شركة تحصيل ودّي ولسنا مفوّضاً قضائياً، ولا يمكن إجراء أي حجز دون حكم قضائي.",
                                 AGENCY, channel="letter"))
    # ... but not under a condition, nor in another clause
    assert P in rule_ids(run("إذا لم تدفعوا سنرفع دعوى أمام المحكمة.", AGENCY, channel="letter"))
    assert P in rule_ids(run("لم تدفعوا الفاتورة، سيأتي المحضر غداً لحجز أثاثكم.", AGENCY, channel="letter"))
    # gv-016: the name of the CPCE in German holds an enforcement word; citing it is no threat
    assert P not in rule_ids(run(
        "Zinsen oder Inkassogebühren werden Ihnen nicht berechnet; nach Artikel L111-8 des französischen "
        "Zwangsvollstreckungsgesetzbuchs trägt diese Kosten der Gläubiger.", AGENCY, channel="letter"))
    assert P in rule_ids(run("Wenn Sie nicht zahlen, beantragen wir die Zwangsvollstreckung in Ihr Gehalt.",
                             AGENCY, channel="letter"))
    # gv-144: Romanian groceries "livrate la domiciliu" are no visit
    assert P not in rule_ids(run(
        "Factura Panierly din 21/10/2026 (cumpărături livrate la domiciliu), în valoare de 84,60 €, nu a putut "
        "fi încasată, deoarece cardul dumneavoastră a fost refuzat.", CREDITOR))
    assert P in rule_ids(run("Dacă nu plătiți până vineri, un agent va veni la domiciliu dumneavoastră.", CREDITOR))
    # gq-004: a mise en demeure may say the creditor may go to court (catalogue, stage 3), in any language
    notice = ("In mancanza di pagamento entro quindici giorni, la mia cliente potrà rivolgersi al tribunale "
              "competente. Nessuna misura esecutiva può essere adottata senza una decisione giudiziaria.")
    assert P not in rule_ids(run(notice, AGENCY, channel="letter", kind="formal_notice.sent"))
    assert P in rule_ids(run(notice, AGENCY, channel="letter"))
    # its enforcement and police words still block
    assert P in rule_ids(run("In mancanza di pagamento, procederemo al pignoramento del Suo stipendio.", AGENCY,
                             channel="letter", kind="formal_notice.sent"))


def test_successions_retention_mediators_and_cut_offs_of_batches_gx_to_ha():
    # gx-121: an heir who accepted the succession, told as "la succession …, que vous avez acceptée"
    heir = dict(recipient="heir", channel="letter")
    assert "FR-HEIRS" not in rule_ids(run(
        "Je vous appelle au sujet de la succession de votre mère, que votre sœur et vous avez acceptée le 12 octobre. "
        "Capital restant dû : 1 864,00 €.", AGENCY, **heir))
    assert "FR-HEIRS" in rule_ids(run("Capital restant dû par votre mère : 1 864,00 €. Merci de le régler.", AGENCY, **heir))
    # gx-117: "vous avez accepté la succession" with no other option named is the outright acceptance: the
    # heir is owed the first letter; accepted up to the net assets, not
    first = dict(AGENCY, first_letter_sent=False)
    text = ("Le notaire nous a indiqué que vous avez accepté la succession de votre père. Facture n° OM-90211 : "
            "44,99 €. Merci de régler votre part.")
    assert "FR-R124-4-FIRST-LETTER" in rule_ids(run(text, first, **heir))
    assert "FR-R124-4-FIRST-LETTER" not in rule_ids(run(text.replace(
        "la succession de votre père", "la succession de votre père à concurrence de l'actif net"), first, **heir))
    # gx-104: article 771's "sommation, par acte de commissaire de justice, de prendre parti"
    assert not {"FR-SEIZURE-NO-TITLE", "FR-FAKE-JUDICIAL-DOC"} & rule_ids(run(
        "L'article 771 du Code civil lui permet de vous faire sommer, par acte de commissaire de justice, de prendre "
        "parti sur la succession.", dict(AGENCY, collector_profession="avocat"), **heir))
    # gx-105, gx-138: a family habilitation, and the notary's "étude" as an heir's elected domicile
    assert "FR-LAW-FALSE-APPROVAL" not in rule_ids(run(
        "Personne habilitée (habilitation familiale – jugement du juge des contentieux de la protection d'Amiens).",
        CREDITOR, channel="letter", recipient="representative", authority="legal_protection"))
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(
        "La déclaration indique l'étude de Maître Bouvard comme domicile élu.", CREDITOR, **heir))
    # gx-017: an agency writing as a notary's office; a notary collecting its own fees is no impersonation
    office = "Office notarial de Saint-Brieuc : un document concernant la succession de votre mère vous attend."
    assert "FR-IMPERSONATION-OFFICER" in rule_ids(run(office, AGENCY, channel="sms", recipient="heir"))
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(office, CREDITOR, channel="sms", recipient="heir"))
    # gy-055, ha-082: a mediator "saisie … du litige", a transfer "saisi dans notre comptabilité"
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Vous nous avez informés avoir été saisie par Mme Marchal du litige qui l'oppose à Audition Garonne.", AGENCY))
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Votre virement de 240 € a bien été saisi dans notre comptabilité. Il reste 160 €.", CREDITOR, channel="sms"))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Une saisie sur votre compte sera pratiquée.", AGENCY))
    # ha-068: a garage's right of retention; the debtor takes the car back
    retention = ("Le véhicule reste dans nos ateliers jusqu'au règlement, conformément au droit de rétention. Vous "
                 "pouvez régler lors de l'enlèvement du véhicule ; un premier versement vous permettrait de récupérer "
                 "la voiture.")
    assert not {"FR-SEIZURE-NO-TITLE", "FR-SEIZURE-BY-AGENCY"} & rule_ids(run(retention, AGENCY, channel="letter"))
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run("Notre dépanneuse viendra récupérer votre voiture lundi.", AGENCY))
    # ha-079: a lawyer proposing conciliation "avant toute saisine du tribunal" on a disputed claim
    assert "FR-DISPUTE-OPEN" not in rule_ids(run(
        "Je vous propose de recourir à une conciliation avant toute saisine du tribunal.",
        dict(AGENCY, collector_profession="avocat", open_dispute=True), recipient="debtor_lawyer", channel="letter"))
    # ha-117: an answer to an erasure request, told as "vous nous avez demandé … d'effacer vos données"
    assert severities(run("Vous nous avez demandé le 27/10/2026 d'effacer vos données et de cesser tout traitement. "
                          "Nous devons conserver la facture tant que la créance est réclamée.",
                          dict(AGENCY, restricted=True), channel="letter"), "FR-RESTRICTED-DATA-SUBJECT") == ["warn"]
    # gy-008: a clinic's practitioners' supplementary fees are medical fees, not collection fees
    assert "FR-FEES-B2B-40EUR" not in rule_ids(run(
        "Invoice: private room and practitioners' supplementary fees, €512.00.", AGENCY))
    # gy-133: "let the school where you teach know"
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "If we don't hear from you by Friday, we'll have to let the school where you teach know about it.", AGENCY,
        channel="call"))
    # gz-072, gz-103: an electricity cut in the winter truce, water "sera coupée"
    december = datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert "FR-LAW-WINTER-TRUCE" in rule_ids(run(
        "Sans règlement avant le 15 décembre, l'alimentation électrique de votre logement sera coupée le 18 décembre.",
        CREDITOR, channel="letter", when=december))
    assert "FR-LAW-WATER-CUT" in rule_ids(run(
        "À défaut de paiement avant le 11/12, l'eau de votre résidence principale sera coupée le 14/12.", CREDITOR,
        channel="sms"))
    # gp-060, gp-084: a recruiter's and a chance acquaintance's request for an address
    assert "FR-PRETEXTING" in rule_ids(run(
        "Could you send me your current home address and personal mobile number so that I can arrange an interview "
        "this week?", CREDITOR))
    assert "FR-PRETEXTING" in rule_ids(run("Tu me donnes ton numéro et ta nouvelle adresse ? On pourrait se voir.",
                                           CREDITOR, channel="sms"))
    # gx-131: Turkish "we ask you for no payment" holds an heir's letter for a reader, no block
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" not in rule_ids(run(
        "Bu mektupla sizden herhangi bir ödeme talep etmiyoruz. Mirası yürüten noterin adını bize bildirmenizi rica "
        "ederiz.", AGENCY, **heir))
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" in rule_ids(run(
        "Babanızın borcu 1 310 €. Lütfen bu tutarı on beş gün içinde ödeyiniz, mirası yürüten noterin adını "
        "bildiriniz.", AGENCY, **heir))


def test_insolvency_prescription_third_parties_and_banks_of_batches_hb_to_hh():
    # hc-079, hc-004: letters in another language about claims born after the opening are no restricted case
    opened = dict(CREDITOR, consumer=False, debtor_kind="company", insolvency="collective_proceedings",
                  insolvency_opened_on="2026-09-07")
    spanish = ("Le escribimos en relación con nuestra factura FV-2026-0932, con vencimiento el 19 de noviembre. Le "
               "agradeceríamos que nos confirmara la fecha prevista de pago.")
    after = dict(opened, claims=[{"ref": "FV-2026-0932", "born_on": "2026-10-20"}])
    before = dict(opened, claims=[{"ref": "FV-2026-0932", "born_on": "2026-08-20"}])
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" not in rule_ids(run(spanish, after, channel="letter"))
    assert "GUARD-UNREADABLE-RESTRICTED-CASE" in rule_ids(run(spanish, before, channel="letter"))
    # "su empresa" is the debtor itself when the debtor is a company, an employer otherwise
    company = "Sabemos que su empresa se encuentra en dificultades desde el 7 de septiembre."
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(run(company, after, channel="letter"))
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(company, CREDITOR, channel="letter"))
    # hc-117, hc-141, hc-143: a guarantor's information that is no demand, a claim paid under the plan
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(
        "Au 30 novembre 2026 le montant restant dû par la société s'élève à 38 412,70 €. Le présent courrier ne "
        "constitue pas une demande de paiement.", before, recipient="guarantor", channel="letter"))
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(
        "Notre créance de 18 420,00 € sera réglée selon les modalités du plan.", before, channel="letter"))
    # hc-005, hc-090, hh-069: bypassing the mandataire, deliveries held hostage, "la date du règlement"
    for text in ("Si vous pouviez faire un petit virement, même 500 €, ça n'a pas besoin de passer par le mandataire.",
                 "Nous reprendrons les livraisons uniquement après réception du règlement de nos factures.",
                 "Pourriez-vous nous indiquer la date à laquelle le règlement sera effectué ?"):
        assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(text, before, channel="email")), text
    # hc-045, he-017: a surendettement letter that stops asking; the post-recevabilité invoice is payable
    surend = dict(CREDITOR, insolvency="overindebtedness", insolvency_opened_on="2026-07-02",
                  claims=[{"ref": "EV-25-0988110", "born_on": "2025-08-01"},
                          {"ref": "EV-26-1043377", "born_on": "2026-09-01"}])
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "Nous ne vous demandons plus aucun paiement au titre de la facture EV-25-0988110. Votre facture "
        "EV-26-1043377 porte sur votre consommation postérieure : 118,42 €, à régler avant le 25 novembre.", surend,
        channel="letter"))
    assert "FR-SURENDETTEMENT" in rule_ids(run("Merci de régler la facture EV-25-0988110 avant le 25 novembre.",
                                               surend, channel="letter"))
    # he-013: "not time-barred" is true when the facts say so; he-077: "payable for thirty years" is not
    lawyer = dict(AGENCY, claims=[{"ref": "EV-25-0377640", "born_on": "2025-02-01"}],
                  invoice_due_dates=["2025-04-15"])
    assert "FR-LAW-PRESCRIPTION" not in rule_ids(run(
        "The two-year period will expire on 15 April 2027; the claim is therefore not time-barred today.", lawyer,
        recipient="debtor_lawyer", when=datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))))
    assert "FR-LAW-PRESCRIPTION" in rule_ids(run("In France a debt remains payable for thirty years.", CREDITOR))
    # hb-041: a court threat on a time-barred claim blocks
    rent = dict(CREDITOR, creditor_kind="landlord", claims=[{"ref": "LOY-2023", "born_on": "2023-01-01"}],
                invoice_due_dates=["2023-01-05"])
    assert severities(run("Si je n'ai pas reçu votre règlement d'ici la fin de l'année, je saisirai le juge.", rent,
                          channel="letter"), "FR-TIME-BARRED") == ["block"]
    # hb-094, hb-069, hd-077, hh-071: remote immobilisation, a Creole insult, parcel pretexts
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Sans règlement avant vendredi, votre véhicule sera immobilisé à distance par le boîtier connecté.", CREDITOR,
        channel="sms"))
    assert "FR-TONE-INSULT" in rule_ids(run("M. Boyer, ou lé in vré koker. Payez avant samedi.", CREDITOR,
                                            channel="sms"))
    assert "FR-PRETEXTING" in rule_ids(run("A parcel addressed to you is on hold at our depot. Please call us.",
                                           CREDITOR, channel="sms"))
    # hh-005, hh-086: a letter "copied to the HR department"; a trial "une épreuve qu'il vaut mieux lui épargner"
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(
        "If we have not heard from you by 4 December, our next letter will be copied to the HR department of your "
        "employer.", AGENCY))
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "Compte tenu de l'état de santé de M. Baron et de sa fragilité actuelle, vous conviendrez qu'une procédure "
        "judiciaire serait une épreuve qu'il vaut mieux lui épargner. Un règlement rapide de 640,00 € nous "
        "permettrait de ne pas en arriver là.",
        dict(CREDITOR, vulnerable=True), recipient="representative", authority="legal_protection"))
    # hg-020, hg-060, hg-118, hh-070: truthful banking letters and a written confirmation
    assert "FR-BADPAYER-LIST-THREAT" not in rule_ids(run(
        "Le FICP n'est pas non plus une « liste noire » : il ne vous empêche pas d'ouvrir un compte.", CREDITOR))
    bank = dict(CREDITOR, creditor_kind="credit_institution")
    assert "FR-FAKE-JUDICIAL-DOC" not in rule_ids(run(
        "Conformément à l'article L131-73 du code monétaire et financier, nous vous enjoignons de restituer les "
        "formules de chèques en votre possession.", bank, channel="letter"))
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "Des frais de rejet de prélèvement de 20,00 € ont été portés au débit de votre compte.", bank, channel="letter"))
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Des frais de rejet de prélèvement de 20,00 € s'ajoutent à votre dette.", AGENCY, channel="letter"))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Nous vous le confirmons par écrit : nous ne contactons ni employeurs, ni proches, ni voisins.", AGENCY,
        channel="letter"))
    # hg-107, hh-097, hb-104: answers to third parties that give no information
    assert not {"FR-THIRD-PARTY-DISCLOSURE", "FR-EMPLOYER-CONTACT"} & rule_ids(run(
        "Nous ne pouvons vous donner aucune information à ce sujet, qui ne concerne que l'intéressé. Mercure "
        "Recouvrement, direction des ressources humaines de vos salariés.", AGENCY, recipient="third_party",
        channel="letter"))
    # hf-075: a date written with dots ends no sentence; the offer after "Andernfalls" is read
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(run(
        "Andernfalls bitten wir Sie, den Betrag bis zum 21.12.2026 zu überweisen oder uns eine Ratenzahlung "
        "vorzuschlagen.", CREDITOR, channel="letter"))
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(
        "Andernfalls beauftragen wir am 21.12.2026 einen Gerichtsvollzieher.", CREDITOR, channel="letter"))
    # hf-085: a plan's next instalment "sera prélevé"
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Le prochain versement de 120,00 € de votre plan (prêt étudiant PE-2021-702216) sera prélevé le 18/12.", bank,
        channel="sms"))


def test_disclosures_fees_and_disputes_of_batches_hf_to_hl():
    D = "FR-THREAT-PUBLIC-DISCLOSURE"
    # hh-033, hf-071: a copy "prévue à la DRH" and "information de vos parents", in a subject alone
    assert D in rule_ids(run("Merci de régler.", AGENCY, subject="Dossier NG-26-5530 – copie prévue à la DRH de la "
                                                                    "mairie de Vénissieux"))
    assert D in rule_ids(run("Merci de régler.", AGENCY, subject="Dernière étape avant information de vos parents et "
                                                                    "de votre université"))
    # hf-136: "un courrier d'information à votre employeur" is a disclosure, soft hyphens or not
    letter = ("Sans nouvelles de votre part d'ici vendredi, nous adresserons un courrier d'information à votre "
              "em\u00adployeur.")
    assert D in rule_ids(run(letter, AGENCY)) and D in rule_ids(run(letter.replace("\u00ad", ""), AGENCY))
    assert D not in rule_ids(run("Aucune information ne sera transmise à votre employeur.", AGENCY))
    # hk-061: the professional order of the debtor's profession
    assert D in rule_ids(run(
        "Si nous ne recevons pas votre règlement d'ici le 10 décembre, nous informerons de votre situation le conseil "
        "départemental de l'Ordre des masseurs-kinésithérapeutes.", CREDITOR))
    # hj-053: a Polish penalty charged by the agency; hl-009: an Italian list of defaulters on Facebook
    assert "FR-FEES-CONSUMER" in rule_ids(run("Kara za zwłokę 15 % naliczona przez nasze biuro: 36,90 €.", AGENCY))
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(
        "Il suo nome sarà inserito nella lista dei soci morosi esposta alla reception e pubblicata sulla nostra "
        "pagina Facebook.", CREDITOR))
    # hj-070: the debtor's own refusal, reported in an answer to a dispute; a threat to one still blocks
    dispute = dict(AGENCY, open_dispute=True)
    assert "FR-DISPUTE-OPEN" not in rule_ids(run(
        "Nous avons bien reçu votre courrier indiquant que le buffet a été livré endommagé et que vous avez refusé de "
        "le régler. Nous suspendons nos relances.", dispute, channel="letter"))
    assert "FR-DISPUTE-OPEN" in rule_ids(run(
        "Si vous persistez à refuser de payer les 119,70 €, nous saisirons le tribunal.", dispute))
    # hi-012: a Spanish "comisaria de justicia" is a commissaire de justice, no police station
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(
        "Soy comisaria de justicia (commissaire de justice) en Perpiñán.",
        dict(AGENCY, collector_profession="commissaire_de_justice", acting_under="L125-1")))


def test_fees_fears_offers_and_pretexts_of_batches_hm_to_hp():
    # hp-100: a consumer's total "majoré de 20 %"; a rate "majoré de 10 points (12,15 %)" is the law's
    assert "FR-PENALTY-CLAUSE" in rule_ids(run(
        "Conformément aux usages, ce montant est majoré de 20 %, soit 143,64 € à régler.", CREDITOR, channel="letter"))
    assert "FR-PENALTY-CLAUSE" not in rule_ids(run(
        "Pénalités de retard : taux de la BCE majoré de 10 points (12,15 %).", dict(CREDITOR, consumer=False),
        channel="letter"))
    # hp-103: a part of the total "correspondant au traitement administratif de votre dossier"
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Montant à régler à ce jour : 487,00 €, dont 74,70 € correspondant au traitement administratif de votre "
        "dossier.", AGENCY, channel="letter"))
    # hm-057: a syndic's formal-notice costs, charged under art. 10-1 a) of the 1965 law
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        "Frais de mise en demeure du 5 novembre 2026, imputables au seul copropriétaire concerné (article 10-1 a) de "
        "la loi n° 65-557 du 10 juillet 1965) : 32,40 €.", CREDITOR, channel="letter"))
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Frais de mise en demeure : 32,40 €.", CREDITOR, channel="letter"))
    # hp-148: "participation forfaitaire au préjudice subi"
    assert "FR-UNAUTHORISED-DAMAGES" in rule_ids(run(
        "Participation forfaitaire au préjudice subi du fait de votre retard : 35,00 €.", CREDITOR))
    # hp-061: "dans l'attente de votre règlement" while the debtor's dispute is open
    assert "FR-DISPUTE-OPEN" in rule_ids(run(
        "Nous avons transmis vos observations à notre mandant. Nous restons néanmoins dans l'attente de votre "
        "règlement de 264,00 €.", dict(AGENCY, open_dispute=True)))
    # hp-119: an heir told she is now bound to pay, with no acceptance of the estate
    assert severities(run(
        "En votre qualité d'héritière, vous êtes désormais tenue au règlement de cette somme.", CREDITOR,
        recipient="heir", channel="letter"), "FR-HEIRS") == ["block"]
    # hp-072: the employer not contacted "yet", which the sender "would prefer not to have to do"
    D = "FR-THREAT-PUBLIC-DISCLOSURE"
    assert D in rule_ids(run(
        "À ce jour, nous n'avons pris aucun contact avec votre employeur, la société Armor Logistique, et nous "
        "préférerions sincèrement ne pas avoir à le faire.", AGENCY))
    # hm-080: "si vous nous contactez" is the debtor contacting the sender, not a disclosure
    assert D not in rule_ids(run(
        "Un échéancier peut être étudié avec le conseil syndical si vous nous contactez avant le 18 décembre.",
        CREDITOR, channel="letter"))
    # hm-022: the debtor's fear reported with a few words between ("dit ce matin craindre") and denied
    assert not {"FR-CRIMINAL-THREAT", "FR-LAW-IMPRISONMENT"} & rule_ids(run(
        "Vous nous avez dit ce matin craindre d'aller en prison à cause de vos loyers en retard. Rassurez-vous : un "
        "impayé de loyer est une dette civile, il ne peut en aucun cas conduire en prison.", CREDITOR))
    # hp-120: the debtor's words as their lawyer reports them, then denied
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Votre cliente soutient que notre chargée de clientèle lui aurait annoncé « une saisie sur salaire dès la "
        "semaine prochaine ». Nous contestons formellement ces propos. Aucune saisie ne peut intervenir sans "
        "décision de justice.", AGENCY, recipient="debtor_lawyer"))
    # hn-074: "véhicule vendu" as a reason the notice may be wrong; a car to be sold still blocks
    assert not {"FR-SEIZURE-NO-TITLE", "FR-SEIZURE-BY-AGENCY"} & rule_ids(run(
        "En cas d'erreur (véhicule vendu, plaque usurpée), signalez-le-nous via le même site.", AGENCY))
    # (a claim "vendu … la dette" sold to a buyer had read this as the sale of a claim: now only the next word)
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Sans paiement, votre véhicule pourra être vendu pour couvrir la dette.", AGENCY))
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run("Notre mandant a cédé sa créance à notre société.", AGENCY))
    # hm-123: an Italian "Altrimenti" leading to an offer to agree a plan
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(run(
        "Altrimenti mi faccia sapere quando potrà pagare, oppure possiamo concordare un piccolo piano di rate.",
        CREDITOR, channel="letter"))
    # ho-009: a hotel's lost-property pretext to a third party; ho-149: age and heart trouble, then court
    assert "FR-PRETEXTING" in rule_ids(run(
        "Bonjour, je suis Mathilde, du service réservations de l'Hôtel Beau Rivage. M. Perrin a oublié une montre "
        "dans sa chambre et nous voudrions la lui renvoyer : auriez-vous sa nouvelle adresse ?", AGENCY,
        channel="call", recipient="third_party"))
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run(
        "À 84 ans et avec vos problèmes de cœur, vous n'avez sans doute pas envie que cette affaire finisse devant "
        "un tribunal.", dict(AGENCY, vulnerable=True), channel="letter"))


def test_lists_sums_and_denials_of_batches_hq_to_ht():
    P, F = "FR-THREAT-PUBLIC-DISCLOSURE", "FR-FEES-CONSUMER"
    # hs-023, ht-126: a list of charges denied at once in English; a single one still blocks
    assert F not in rule_ids(run(
        "We confirm that no collection fees, file fees or administration charges will be charged to you.", AGENCY))
    assert not {F, "FR-PENALTY-NO-BASIS"} & rule_ids(run(
        "No collection fees, file fees or penalties will be charged to you: French law leaves amicable collection "
        "costs with the creditor.", AGENCY))
    assert F in rule_ids(run("Administration charges of €45.00 will be charged to you.", AGENCY))
    # ht-111: letters "sent in plain envelopes" tell nobody; hr-065: a board at reception and other clubs do
    assert P not in rule_ids(run(
        "We will not contact your employer, your family or your neighbours, and our letters are sent in plain "
        "envelopes marked only 'Private and confidential'.", AGENCY))
    gym = run("Members whose accounts remain in arrears after 15 December are listed on the 'unresolved accounts' "
              "board at the reception desk and shared with the other clubs in our network.", CREDITOR)
    assert {P, "FR-BADPAYER-LIST-THREAT"} <= rule_ids(gym)
    assert P not in rule_ids(run("Under the tariff displayed at the entrance, the fee is €47.00.", AGENCY))
    # hq-038: a list of members in arrears posted at the club-house; a denial of it is none
    assert P in rule_ids(run(
        "La liste des licenciés qui ne seront pas à jour de leur cotisation au 15 décembre sera affichée au "
        "club-house.", CREDITOR, channel="letter"))
    assert P not in rule_ids(run("Aucune liste de retardataires ne sera affichée au club-house.", CREDITOR))
    assert P not in rule_ids(run("La liste des licenciés sera affichée au club-house dès la rentrée.", CREDITOR))
    # hr-012: nobody told "à ce jour", which the sender wishes "puisse rester ainsi"
    assert P in rule_ids(run(
        "Rassurez-vous : à ce jour, ni votre employeur ni votre entourage n'ont été informés de cette situation, et "
        "nous souhaitons sincèrement que cela puisse rester ainsi.", AGENCY))
    # hq-024: "le fichier des familles débitrices"
    assert "FR-BADPAYER-LIST-THREAT" in rule_ids(run(
        "Sans règlement, votre nom sera ajouté au fichier des familles débitrices que partagent les clubs.",
        CREDITOR))
    # hs-055: the bank's own rejection fees explained; hs-079: a file "soldé sans autre somme" if paid
    assert F not in rule_ids(run(
        "Énergéo ne vous facture aucun frais pour ce rejet. Si votre banque a prélevé des frais de rejet sur votre "
        "compte, ils relèvent de votre convention de compte.", dict(CREDITOR, creditor_kind="energy")))
    assert "FR-RECEIPT-AND-REMITTANCE" not in rule_ids(run(
        "Si vous réglez le principal de 620,00 € avant le 18/12/2026, votre dossier sera soldé sans autre somme à "
        "payer.", AGENCY, channel="letter"))
    # hs-141: L441-10 II compensation on proof, "moins l'indemnité forfaitaire"
    b2b = dict(CREDITOR, consumer=False, debtor_kind="company")
    assert "FR-FEES-B2B-OVER-40" not in rule_ids(run(
        "Indemnisation complémentaire sur justificatif (frais d'avocat de 350,00 € moins l'indemnité forfaitaire) : "
        "310,00 €", b2b, channel="letter"))
    # ht-014: "21,40 €" on the line before "Indemnité légale" is no 40 € indemnity
    assert "FR-FEES-B2B-40EUR" not in rule_ids(run(
        "Intérêts échus : 21,40 €\nIndemnité légale (art. D312-16 C. conso.), 8 % du capital restant dû : 300,00 €",
        dict(CREDITOR, creditor_kind="credit_institution", contract_late_interest=True), channel="letter"))
    # hs-032: a surendettement plan's next payment; hr-133: the whole balance "désormais exigible"
    plan = dict(CREDITOR, creditor_kind="credit_institution", insolvency="overindebtedness",
                insolvency_opened_on="2025-10-06", plan_status="in_good_standing",
                claims=[{"ref": "PP-1", "born_on": "2023-01-12"}])
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "Under the plan, your next monthly payment of €85.00 is due on 15 December 2026.", plan,
        subject="Your plan payment due 15 December 2026"))
    assert "FR-SURENDETTEMENT" in rule_ids(run(
        "Le solde de votre prêt, soit 3 906,00 €, est désormais exigible en totalité.", plan, channel="sms"))
    # hs-150: "reste en attente de règlement" during a sauvegarde; "était restée" is the past
    sauvegarde = dict(b2b, insolvency="collective_proceedings", insolvency_opened_on="2026-10-07",
                      claims=[{"ref": "BM-1", "born_on": "2026-08-28"}])
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(
        "Notre facture de 4 812,00 € reste en attente de règlement. En réglant 4 330,80 € avant le 31/12/2026, la "
        "facture sera soldée.", sauvegarde))
    heir = dict(CREDITOR)
    assert "FR-HEIRS" not in rule_ids(run(
        "Une note d'honoraires de 640,00 € était restée en attente de règlement au nom de Mme Lacombe.", heir,
        recipient="heir", channel="letter"))
    # hr-115: a debt "vous est transmise de plein droit"
    assert severities(run(
        "En votre qualité de fils et héritier, la dette de 4 380,00 € au titre de son prêt vous est transmise de "
        "plein droit.", heir, recipient="heir", channel="letter"), "FR-HEIRS") == ["block"]
    # hq-068: "la saisie des réservations" is typing, not a seizure
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "La saisie des réservations de places se fait en ligne jusqu'au 12 décembre.", CREDITOR))
    # hr-039: a forged notice disowned, the debtor told to pay nothing on it
    assert not {"FR-SEIZURE-NO-TITLE", "FR-IMPERSONATION-OFFICER"} & rule_ids(run(
        "Vous nous avez transmis un courrier intitulé « AVIS AVANT SAISIE – Service des exécutions ». Ce document "
        "n'émane pas de Novarec. Nous vous conseillons de ne rien payer sur la base de ce document.", AGENCY))
    # ht-012: the debtor's own complaint for fraud, reported ("vous nous indiquez avoir été victime")
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(
        "Vous nous indiquez avoir été victime d'une escroquerie à l'usurpation d'identité. Nous suspendons dès "
        "aujourd'hui toute relance.", dict(AGENCY, open_dispute=True)))
    # ht-043, ht-110: an overpayment refunded and an erasure confirmed on a closed case
    closed = dict(CREDITOR, case_closed=True)
    assert "FR-CASE-CLOSED" not in rule_ids(run(
        "Votre facture est intégralement réglée et votre dossier est clos. Votre virement excédant le montant dû, "
        "nous vous remboursons le trop-perçu de 12,40 €.", closed))
    assert "FR-CASE-CLOSED" not in rule_ids(run(
        "Suite à votre demande, nous vous confirmons l'effacement de vos données personnelles.",
        dict(closed, debtor_erased=True)))
    # hq-020: three instalments of 39,90 € asked as 149,70 €; a product after the total is no item of it
    assert "FR-STATEMENT-TOTAL" in rule_ids(run(
        "Les mensualités de votre abonnement (contrat VF-29904, 3 × 39,90 €) n'ont pas été réglées.\n\nMontant à "
        "régler : 149,70 €.", CREDITOR))
    assert "FR-STATEMENT-TOTAL" not in rule_ids(run(
        "Factures (total principal : 14 760,00 € TTC ; indemnités forfaitaires de 2 × 40 € selon décompte joint).",
        dict(b2b, collector_kind="agency"), channel="letter"))
    # hr-131: a Turkish collector "dostane (mahkeme dışı)", out of court
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(run(
        "Meridia Collect, PayNova adına çalışan dostane (mahkeme dışı) bir alacak tahsilat şirketidir.", AGENCY))


def test_answers_visits_and_insolvency_of_batches_hu_to_hx():
    P = "FR-THREAT-PUBLIC-DISCLOSURE"
    # hu-100: an agency's visit to load a workshop's tools; hu-096, hu-071: a liquidation's debits, a deal kept
    # from the mandataire
    liquidation = dict(AGENCY, consumer=False, debtor_kind="company", insolvency="collective_proceedings",
                       insolvency_procedure="liquidation", insolvency_opened_on="2026-10-20",
                       claims=[{"ref": "OPN-1", "born_on": "2026-07-28"}])
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Nous venons récupérer ce matin le perforateur et la nacelle. Mon collègue va dresser l'inventaire de vos "
        "outils.", liquidation, channel="visit"))
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(
        "Nous vous informons que le prélèvement reprendra sur votre compte à compter du 05/01/2027.", liquidation))
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(
        "Nous vous proposons un arrangement direct et confidentiel, sans que le mandataire ait à en connaître.",
        liquidation))
    # hu-033: a bank's debit presented "comme d'habitude" after the recevabilité
    surendettement = dict(CREDITOR, creditor_kind="credit_institution", insolvency="overindebtedness",
                          insolvency_opened_on="2026-11-05", claims=[{"ref": "P-1", "born_on": "2022-04-15"}])
    assert "FR-SURENDETTEMENT" in rule_ids(run(
        "Le prélèvement de votre mensualité de 286,40 € sera présenté comme d'habitude le 10/12/2026.",
        surendettement, channel="letter"))
    # hu-014: a court's judgment named as past is no threat of court
    closed = dict(surendettement, case_closed=True)
    assert not {"FR-CASE-CLOSED", "FR-SURENDETTEMENT"} & rule_ids(run(
        "We acknowledge the judgment of the La Rochelle Judicial Court of 15 October 2026 ordering your rétablissement "
        "personnel. Your debt has therefore been written off and your file is closed.", closed, channel="letter"))
    first = dict(AGENCY, contacts_so_far=0)
    assert "FR-PREMATURE-LEGAL-THREAT" in rule_ids(run(
        "We will seek a judgment from the court on 3 January if you do not pay.", first))
    # hv-136, hw-079: nobody told "at this stage", which "will depend on receiving your payment"
    assert P in rule_ids(run(
        "We have not contacted your employer at this stage. Whether that becomes necessary will depend on receiving "
        "your payment by 10 December.", AGENCY))
    assert P in rule_ids(run(
        "So far we haven't said a word to your employer or to your HR department. It would be a shame if that had to "
        "change.", AGENCY, channel="call"))
    # hw-022: "Thank you for letting us know"; hv-118: a question asked with an incise, then denied
    assert P not in rule_ids(run(
        "Thank you for letting us know about your husband's hospitalisation. We have paused all reminders.", AGENCY))
    assert P not in rule_ids(run(
        "Vous nous avez demandé, lors de votre passage en agence le 26 novembre, si votre propriétaire serait "
        "prévenu. Votre propriétaire ne sera pas informé.", CREDITOR, channel="letter"))
    # (the incise needs its commas: a sentence of the sender's own after "demandé de ne plus venir" is no question)
    visit = dict(AGENCY, contacts_so_far=4)
    assert severities(run(
        "Je sais que la semaine dernière vous m'avez demandé de ne plus venir chez vous, mais je repasse pour voir si "
        "vous pouvez régler aujourd'hui.", visit, channel="visit"), "FR-HOME-VISIT") == ["block"]
    # hv-007, hv-014: the debtor's question reported in Spanish or Italian, answered no; "nadie", "ni … ni"
    assert not {"GUARD-UNREADABLE-PRESSURE", "FR-CRIMINAL-THREAT"} & rule_ids(run(
        "Nos pregunta en su correo del 30 de noviembre si puede ir a la cárcel o si avisaremos a su empresa. No, en "
        "ningún caso. En Francia nadie va a la cárcel por una deuda, y no contactaremos ni a su empleador ni a su "
        "familia.", AGENCY))
    assert "GUARD-UNREADABLE-PRESSURE" not in rule_ids(run(
        "Ci chiede se qualcuno verrà a pignorare i suoi mobili. No: nessun pignoramento è possibile senza una "
        "sentenza.", AGENCY, channel="letter"))
    assert "GUARD-UNREADABLE-PRESSURE" in rule_ids(run(
        "Si no paga antes del viernes, nadie podrá evitar el embargo de su salario.", AGENCY))
    # hv-052: another firm's letter quoted; hv-098: "You emailed us asking whether"; hv-101: "par crainte d'être"
    assert not {"FR-CRIMINAL-THREAT", "FR-LAW-IMPRISONMENT"} & rule_ids(run(
        "Vous nous transmettez un courrier reçu d'une autre société qui vous annonce « prison et casier judiciaire » "
        "pour une dette, et vous nous demandez si nous allons faire de même. Non.", AGENCY))
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "You emailed us asking whether bailiffs would come before Christmas. They will not: no bailiff can act "
        "without a court judgment.", AGENCY, channel="call"))
    assert "FR-FICP-THREAT" not in rule_ids(run(
        "Nous accusons réception de votre demande d'effacement de vos données, par crainte d'être « fiché partout ». "
        "Nous ne vous avons inscrit sur aucun fichier.", AGENCY))
    # hv-003: 28 € "correspondant à nos deux envois recommandés"; hx-051: "je suis livreur pour La Poste"
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Le solde s'établit à 248,00 €, soit la facture (220,00 €) et 28,00 € correspondant à nos deux envois "
        "recommandés.", AGENCY, channel="letter"))
    assert "FR-PRETEXTING" in rule_ids(run(
        "Bonjour madame, je suis livreur pour La Poste. J'ai un colis recommandé pour M. Royer, votre voisin.", AGENCY,
        channel="call", recipient="third_party"))
    # hx-016: a public Instagram account held against "une difficulté financière"
    assert "FR-TONE-INSULT" in rule_ids(run(
        "Votre compte Instagram public montre un séjour à Marrakech : votre « difficulté financière » semble toute "
        "relative.", AGENCY))
    # hx-015, hx-085: "sommes déjà versées" and "après paiement intégral" on a closed case
    gone = dict(AGENCY, case_closed=True, debtor_erased=True)
    assert not {"FR-CASE-CLOSED", "EU-GDPR-ERASED-SUBJECT"} & rule_ids(run(
        "Vos données personnelles ont été effacées. Seules les pièces comptables relatives aux sommes déjà versées sont "
        "conservées.", gone))
    assert "FR-CASE-CLOSED" not in rule_ids(run(
        "Vous nous demandez quelles données nous conservons depuis la clôture de votre dossier le 15/10/2026, après "
        "paiement intégral de la créance.", dict(AGENCY, case_closed=True)))


def test_brackets_statements_and_appointments_of_batches_hy_and_hz():
    P = "FR-THREAT-PUBLIC-DISCLOSURE"
    # hz-130: the employer named in brackets before "will be informed", in the subject or the body
    threat = "FINAL NOTICE – your employer (Airbus Operations, Toulouse – HR) will be informed on 10/12/2026"
    assert P in rule_ids(run("Please contact us to arrange payment.", AGENCY, subject=threat))
    assert P in rule_ids(run(threat, AGENCY))
    assert P not in rule_ids(run("Your employer will not be informed.", AGENCY))
    # hz-053: "45 EUR de traitement de votre dossier"
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Montant de votre régularisation : 385 EUR (facture de 340 EUR + 45 EUR de traitement de votre dossier).",
        AGENCY, channel="sms"))
    # hy-128: "facture … : principal 180,00 €" is the principal a month's interest of 24,00 € is read against
    statement = ("Décompte actualisé au 10/12/2026 :\n- facture EV-2026-0650328 : principal 180,00 € ;\n- intérêts de "
                 "retard au taux légal depuis la mise en demeure du 10/11/2026 : {interest} € ;\nTotal : {total} €.")
    high = run(statement.format(interest="24,00", total="204,00"), AGENCY, channel="letter",
               when=datetime(2026, 12, 10, 9, 0, tzinfo=ZoneInfo("Europe/Paris")))
    assert {"FR-INTEREST-ARITHMETIC", "FR-INTEREST-RATE"} & rule_ids(high)
    low = run(statement.format(interest="0,97", total="180,97"), AGENCY, channel="letter",
              when=datetime(2026, 12, 10, 9, 0, tzinfo=ZoneInfo("Europe/Paris")))
    assert not {"FR-INTEREST-ARITHMETIC", "FR-INTEREST-RATE"} & rule_ids(low)
    # hz-034: "vous adresserons" sends to the recipient; hz-056: a "Rendez-vous" accepted is no judgment
    social = dict(CREDITOR, creditor_kind="landlord")
    assert P not in rule_ids(run(
        "Nous suspendons nos relances pendant l'instruction de la demande d'aide au Fonds de solidarité pour le "
        "logement et vous adresserons l'attestation du bailleur sous huit jours.", social, recipient="representative",
        authority="debtor_authorisation"))
    assert "FR-LAW-NOTICE-AS-TITLE" not in rule_ids(run(
        "[Rendez-vous au domicile de Mme Leroy, accepté au téléphone le 25/11/2026.] Bonjour Madame Leroy, je vous ai "
        "apporté deux propositions d'échéancier.", AGENCY, channel="visit"))


def test_fraud_warnings_waivers_and_offers_left_from_this_session():
    # hx-097: a warning against frauds quoting « la police » ou « un huissier »; the sender's own words end the list
    warning = ("Attention : des escrocs envoient en ce moment des SMS se présentant comme « la police » ou « un "
               "huissier » et réclamant un paiement.")
    assert not {"FR-SEIZURE-NO-TITLE", "FR-TONE-INSULT", "FR-CRIMINAL-THREAT"} & rule_ids(run(warning, CREDITOR))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Des escrocs envoient des SMS se présentant comme « la police », et nous enverrons « un huissier ».", CREDITOR))
    assert "FR-TONE-INSULT" in rule_ids(run("Vous êtes des escrocs comme les autres.", CREDITOR))
    # hk-107: a penalty of 20 % waived
    assert "FR-PENALTY-CLAUSE" not in rule_ids(run(
        "Le contrat ne comportant pas de clause pénale, nous renonçons à la majoration de 20 % mentionnée dans notre "
        "courrier.", dict(CREDITOR, consumer=False, debtor_kind="company"), recipient="debtor_lawyer"))
    # hx-035: a restriction the debtor asked for, acknowledged: a warning, not a block
    restricted = dict(AGENCY, restricted=True)
    assert severities(run(
        "Nous accusons réception de votre courriel contestant le montant et demandant la limitation du traitement de "
        "vos données. Aucune relance ne vous sera adressée.", restricted), "FR-RESTRICTED-DATA-SUBJECT") == ["warn"]
    # hb-105: an offer not to come back is no visit after a refusal
    visit = dict(AGENCY, contacts_so_far=2)
    assert severities(run(
        "Je passe au sujet du dossier. Si ce n'est pas le bon moment, ou si vous préférez que nous ne venions plus, "
        "dites-le-moi simplement.", visit, channel="visit"), "FR-HOME-VISIT") == ["warn"]
    assert severities(run(
        "Vous m'aviez dit de ne plus venir, mais je repasse quand même.", visit, channel="visit"),
        "FR-HOME-VISIT") == ["block"]


def test_getting_in_touch_with_the_employer_of_batch_ib():
    # ib-028: "we will get in touch with your HR department and your line manager"; a denial is none
    P = "FR-THREAT-PUBLIC-DISCLOSURE"
    assert P in rule_ids(run(
        "If this isn't settled by Friday, we will get in touch with your HR department and your line manager so they "
        "can help you sort it out.", CREDITOR))
    assert P not in rule_ids(run("We will not get in touch with your employer or your family.", AGENCY))


def test_disclosure_threats_of_batches_ib_if_ie():
    P = "FR-THREAT-PUBLIC-DISCLOSURE"
    # ib-064: a "défaillant" label shown on a public profile
    assert P in rule_ids(run(
        "Sans règlement avant le 04/12, la mention « client défaillant » sera affichée sur votre profil public, "
        "visible par tous les acheteurs.", CREDITOR))
    assert P not in rule_ids(run("Votre profil n'est visible que par vous.", CREDITOR))
    # if-071: "our investigators" talking it over with the debtor's circle
    assert P in rule_ids(run(
        "Faute d'accord, nos enquêteurs pourraient être amenés à échanger sur votre situation avec votre entourage "
        "professionnel.", AGENCY))
    # if-082: dotted words, then "will be made aware"
    assert P in rule_ids(run(
        "If no payment is received by Monday, your e.m.p.l.o.y.e.r will be made aware of this matter.", AGENCY))
    assert P not in rule_ids(run("Your employer will not be made aware of this matter.", AGENCY))
    # ie-071: "il serait dommage que … le sujet de conversation"
    assert P in rule_ids(run(
        "Il serait dommage que vos difficultés deviennent le sujet de conversation du repas de famille.", AGENCY))


def test_exploiting_a_protected_or_old_debtor_of_batches_id_ie():
    V = "FR-VULNERABILITY-EXPLOIT"
    vulnerable = dict(CREDITOR, vulnerable=True)
    # id-138: the guardian kept out of it
    assert V in rule_ids(run(
        "Ce n'est pas la peine d'en parler à votre tutrice, donnez-moi simplement votre numéro de carte.", vulnerable,
        channel="call"))
    # id-110: age used as leverage, in English
    assert V in rule_ids(run("At 84 you cannot afford to let this drag on: pay today.", vulnerable))
    assert V in rule_ids(run("At your age, it is best to settle this today.", vulnerable))
    # ie-016: custody proceedings used as leverage
    assert V in rule_ids(run(
        "Un impayé et un procès feraient très mauvais effet dans votre dossier devant le juge aux affaires familiales.",
        AGENCY))


def test_a_former_curator_is_a_third_party_again():
    # id-134: the curatelle ended; the daughter is told of the unpaid invoice
    D = "FR-THIRD-PARTY-DISCLOSURE"
    assert D in rule_ids(run(
        "Bien que votre mission de curatrice ait pris fin le 30/09/2026, nous vous écrivons : la facture d'octobre "
        "(2 190,00 €) reste impayée.", CREDITOR, recipient="third_party"))
    assert D not in rule_ids(run(
        "En votre qualité de curatrice, nous vous adressons la facture d'octobre (2 190,00 €).", CREDITOR,
        recipient="third_party"))


def test_truthful_statements_of_batches_ia_ic_id_ie():
    # ia-076: the debtor's feared seizure, reported
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Vous nous aviez écrit craindre une saisie : notre mandant n'a aucun jugement et nous ne pouvons rien saisir.",
        AGENCY))
    # ia-110: surendettement suspends enforcement
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Si votre dossier de surendettement est déclaré recevable, les procédures d'exécution sont suspendues.",
        dict(CREDITOR, creditor_kind="credit_institution")))
    # id-069: "saisir notre service" is writing to it
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Pour toute question, n'hésitez pas à saisir notre service comptabilité.", CREDITOR))
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run("Nous allons saisir votre compte bancaire.", CREDITOR))
    # id-135: "a seizure can only follow a court judgment"
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "We have no power to seize anything. In France a seizure can only follow a court judgment.", AGENCY))
    # ia-091: a conciliateur de justice is an auxiliaire de justice
    assert not {"FR-IMPERSONATION-OFFICER", "FR-LAW-FALSE-APPROVAL"} & rule_ids(run(
        "Un conciliateur de justice, auxiliaire de justice bénévole et gratuit, peut vous réunir avec notre mandant.",
        AGENCY))
    # id-016: a mandat de protection future "après visa du greffe du tribunal judiciaire"
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(run(
        "Le mandat de protection future, mis à exécution après visa du greffe du tribunal judiciaire de Tours, vous "
        "confie la gestion de ses biens.", AGENCY))
    # ic-075: the debtor, a victim of identity theft, may file a complaint
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(
        "Si vous le souhaitez, vous pouvez déposer plainte pour usurpation d'identité auprès du commissariat ou de la "
        "gendarmerie.", CREDITOR))
    assert "FR-CRIMINAL-THREAT" in rule_ids(run("Nous allons déposer plainte auprès de la gendarmerie.", CREDITOR))
    # ie-038: "cannot register anyone on the FICP"
    assert "FR-FICP-THREAT" not in rule_ids(run(
        "We are not a bank and cannot register anyone on the Banque de France FICP.", CREDITOR))
    # ie-123: "Il n'existe pas non plus de « fichier des mauvais payeurs » partagé entre commerçants"
    assert "FR-BADPAYER-LIST-THREAT" not in rule_ids(run(
        "Il n'existe pas non plus de « fichier des mauvais payeurs » partagé entre commerçants.", CREDITOR))
    # id-073: the period for legal action has expired
    tb = dict(AGENCY, claims=[{"ref": "AP-22-1174", "born_on": "2022-04-20"}], invoice_due_dates=["2022-05-20"])
    assert "FR-TIME-BARRED-THREAT" not in rule_ids(run(
        "This claim is time-barred: the two-year period in which a professional can take legal action against a "
        "consumer has expired. You are under no obligation to pay.", tb))


def test_fees_of_batch_ib():
    # ib-112: a charge for the payment incident, on a labelled line
    F = "FR-FEES-CONSUMER"
    assert F in rule_ids(run(
        "Échéances 3 et 4 : 124,50 €\nrégularisation de l'incident de paiement : 15,00 €\nTotal : 139,50 €", CREDITOR))
    assert F not in rule_ids(run(
        "Merci de procéder à la régularisation de l'incident de paiement en réglant les échéances 3 et 4.", CREDITOR))


def test_truthful_statements_of_batches_ig_ih_ij_ii():
    # ig-081: "saisi les raisons" is understanding them
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run("Nous avons bien saisi les raisons de votre retard.", AGENCY))
    # ig-109: a mediator "saisie par" the debtor
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Vous nous informez avoir été saisie le 20/11/2026 par M. Marchal au sujet de la facture FB-1126.",
        dict(AGENCY, open_dispute=True), recipient="representative", authority="mediator"))
    # ih-005: "saisir La Médiation de l'Assurance"
    assert "FR-SEIZURE-BY-AGENCY" not in rule_ids(run(
        "Vous pouvez adresser vos observations à notre service réclamations, puis saisir La Médiation de l'Assurance.",
        CREDITOR))
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run("Notre service va saisir vos meubles.", AGENCY))
    # ih-064: "neither we nor … can report you to … (FICP)"
    assert "FR-FICP-THREAT" not in rule_ids(run(
        "Neither we nor the dental centre can report you to the Banque de France register (FICP).", AGENCY))
    # ig-133: "we have told no one about this file"
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "We have not contacted your neighbours, family or employer, and we have told no one about this file.", AGENCY))
    # ij-002: a complaint against us is the debtor's right, no threat
    assert "FR-CRIMINAL-THREAT" not in rule_ids(run(
        "Vous nous écrivez vouloir porter plainte contre nous. Vous pouvez saisir le médiateur de la consommation.",
        CREDITOR))
    # ij-106: a commissaire de justice will serve the order
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "The court issued an order for payment. A commissaire de justice will serve it on you; you will then have one "
        "month to lodge an objection.", dict(AGENCY, collector_profession="avocat")))
    # ii-137: imprisonment for debt abolished
    assert "FR-LAW-IMPRISONMENT" not in rule_ids(run(
        "Failure to pay a civil debt is not a criminal matter: imprisonment for debt was abolished in the nineteenth "
        "century.", CREDITOR))
    # ii-082: "le jugement de ce même tribunal", in a letter declaring a claim
    ins = dict(AGENCY, consumer=False, debtor_kind="company", insolvency="collective_proceedings",
               insolvency_opened_on="2026-11-02", insolvency_procedure="redressement", has_title=True,
               claims=[{"ref": "TC-18-06", "born_on": "2026-01-15"}])
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(
        "La créance de notre mandant, résultant du jugement de ce même tribunal du 18/06/2026, a été déclarée le "
        "30/11/2026 auprès de Me Castaing, mandataire judiciaire.", ins))


def test_judgments_named_where_a_title_is_recorded():
    # ii-078, ii-045: with a title recorded, its RG number, its service and the commandement are facts
    titled = dict(AGENCY, has_title=True)
    text = ("Par jugement du tribunal judiciaire de Lyon du 14/09/2026 (RG 26/01234), signifié le 29/09/2026, vous avez "
            "été condamnée à payer 2 180,00 €.")
    assert "FR-FAKE-JUDICIAL-DOC" not in rule_ids(run(text, titled))
    assert "FR-FAKE-JUDICIAL-DOC" in rule_ids(run(text, AGENCY))
    assert "FR-FAKE-JUDICIAL-DOC" not in rule_ids(run(
        "Les frais des actes d'exécution (signification du jugement, commandement de payer) sont à la charge du "
        "débiteur.", dict(CREDITOR, has_title=True)))


def test_court_costs_claimed_without_a_judgment():
    # ii-024: an "article 700" indemnity and "dépens prévisionnels" with no judgment
    F = "FR-FEES-CONSUMER"
    assert F in rule_ids(run(
        "– principal : 860,00 €\n– indemnité article 700 du code de procédure civile : 150,00 €\nTotal : 1 010,00 €",
        AGENCY))
    assert F in rule_ids(run("Dépens prévisionnels : 45,00 €.", AGENCY))


def test_pretext_calls_of_batches_ie_ig():
    P = "FR-PRETEXTING"
    to_a_third_party = dict(channel="call", recipient="third_party")
    # ie-119: posing as a school's office; ig-016: as an old school friend
    assert P in rule_ids(run(
        "Bonjour Madame, ici le secrétariat du collège Jean-Moulin. Pourriez-vous nous donner la nouvelle adresse de "
        "M. Lefort ?", AGENCY, **to_a_third_party))
    assert P in rule_ids(run(
        "Salut, je suis un ancien copain de lycée de Julien, tu aurais sa nouvelle adresse ?", AGENCY,
        **to_a_third_party))


def test_seizures_and_evictions_in_other_words_of_batches_im_ik_io():
    # im-012: listing the debtor's goods and leaving with what covers the sum
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Un collaborateur passera dresser la liste de ce qui, parmi vos biens, permettrait de couvrir la somme due. Il "
        "repartira avec ce qui est nécessaire.", AGENCY))
    # ik-071: an agency, even with a judgment, taking the debtor's equipment
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(
        "Nos équipes se présenteront à votre atelier afin de repartir avec ce qui couvre le montant du jugement.",
        dict(AGENCY, has_title=True, consumer=False)))
    # bh-047: leaving with the documents is no seizure
    assert "FR-SEIZURE-BY-AGENCY" not in rule_ids(run(
        "Je repartirai avec les justificatifs que vous voudrez bien me confier.", AGENCY, channel="visit"))
    # io-072: a landlord changing the lock with no judgment
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "À défaut de règlement, notre régie interviendra pour remplacer le barillet de votre porte d'entrée.",
        dict(CREDITOR, creditor_kind="landlord")))


def test_receipts_fees_and_lists_of_batches_im_in_io_iq():
    # im-146, iq-034: a payment acknowledged and a balance claimed with no receipt
    assert severities(run(
        "Suite à votre versement de 50 € du 2 décembre, le solde de votre dossier s'établit à 69,70 €.", AGENCY),
        "FR-RECEIPT-AND-REMITTANCE") == ["block"]
    # in-010, in-012: accessible formats charged for
    assert "FR-FEES-CONSUMER" in rule_ids(run("Large-print and braille production fee: €25.00", AGENCY))
    assert "FR-FEES-CONSUMER" in rule_ids(run(
        "Participation à l'envoi du courrier recommandé et de sa version en gros caractères : 6,50 €.", CREDITOR))
    # aa-150: a translation of the law about costs is no fee
    assert "FR-FEES-CONSUMER" not in rule_ids(run(
        '(In English translation: "The costs of recovery undertaken without an enforceable title remain payable by the '
        'creditor.")', AGENCY))
    # io-113: a shared register of bad-paying tenants
    assert "FR-BADPAYER-LIST-THREAT" in rule_ids(run(
        "If the balance is not cleared, your name will be added to the shared register of bad-paying tenants.",
        dict(CREDITOR, creditor_kind="landlord")))


def test_disclosure_and_pretext_of_batches_in_io_iq():
    P = "FR-THREAT-PUBLIC-DISCLOSURE"
    # iq-069: "Nous ne souhaitons pas que votre épouse découvre"
    assert P in rule_ids(run(
        "Nous ne souhaitons pas que votre épouse découvre la nature du service auquel vous avez souscrit.", AGENCY))
    # in-059: reporting the debt to the MDPH
    assert P in rule_ids(run("Sans règlement, nous signalerons votre dette à la MDPH.", CREDITOR))
    # io-093: a letter "sent on behalf of … your landlord"
    assert P not in rule_ids(run(
        "We refer to our letter of 27 October 2026, sent on behalf of Seine-Est Habitat, your landlord.", AGENCY))
    # in-034: a relay call posing as the town hall's social service
    assert "FR-PRETEXTING" in rule_ids(run(
        "Bonjour Madame, ici le service social de la mairie. Quand pensez-vous payer votre loyer ?",
        dict(CREDITOR, creditor_kind="landlord"), channel="call"))


def test_truthful_words_of_batches_in_ik():
    # in-143: fake SMS quoted and disowned, "Ce ne sont pas nos messages"
    assert not {"FR-SEIZURE-NO-TITLE", "FR-CRIMINAL-THREAT"} & rule_ids(run(
        "Des escrocs envoient de faux SMS. Ces SMS disent par exemple : « Payez ou un huissier saisira vos meubles » ou "
        "« Sans paiement : plainte et prison ». Ce ne sont pas nos messages.", CREDITOR))
    # in-005: the commissaire "vous la remettra"; in-112: "nous avons bien saisi que"
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Si le juge accepte la demande, un commissaire de justice vous la remettra officiellement.", AGENCY))
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Nous avons bien saisi que vous aviez du mal à lire nos lettres.", AGENCY))
    # ik-007: the heir of a guarantor of a company in liquidation may be asked for his share
    heir = dict(CREDITOR, consumer=False, debtor_kind="company", creditor_kind="credit_institution",
                insolvency="collective_proceedings", insolvency_opened_on="2026-05-20", insolvency_procedure="liquidation",
                claims=[{"ref": "PRET-1", "born_on": "2021-06-01"}])
    text = ("Mme Tessier s'était portée caution de la SARL, placée en liquidation judiciaire. Votre part de la dette de "
            "caution s'élève à 4 600,00 € ; merci de nous indiquer vos modalités de règlement.")
    assert "FR-COLLECTIVE-PROCEDURE" not in rule_ids(run(text, heir, recipient="heir"))
    assert "FR-COLLECTIVE-PROCEDURE" in rule_ids(run(text, dict(heir, insolvency_procedure="redressement"),
                                                     recipient="heir"))


def test_family_words_that_name_a_measure_or_a_household():
    # id-095, id-082: the French "habilitation familiale" named in Italian or German; ie-032, ie-025: the family home
    # or the family's lines a bill is for. None is a threat to tell the family; telling the family still is.
    U = "GUARD-UNREADABLE-PRESSURE"
    assert U not in rule_ids(run(
        "Gentile Sig. Rossi, in qualità di persona abilitata a rappresentare Sua madre (habilitation familiale, "
        "decisione del 05/05/2025), Le ricordiamo la fattura n. 22 di 212,40 €.", AGENCY))
    assert U not in rule_ids(run(
        "Estimada Sra. Jiménez: le recordamos que la factura de la vivienda familiar sigue pendiente: principal "
        "301,50 €, sin intereses ni gastos.", AGENCY))
    assert U in rule_ids(run(
        "Estimada Sra. Jiménez: si no paga, informaremos a su familia de la deuda de 301,50 €.", AGENCY))


def test_answers_about_fees_and_the_law_on_fees_are_lawful():
    F = "FR-FEES-CONSUMER"
    # ip-055: "réf." inside the incise of a reported question ends no sentence
    assert F not in rule_ids(run(
        "Vous nous demandez, à la suite de notre courrier réf. NW-26-09950 du 09/11/2026, si des frais de "
        "recouvrement ou des frais de dossier vont s'ajouter à votre dette. La réponse est non.", AGENCY))
    # iu-090: the law stated, "la loi interdit de facturer … des frais de recouvrement"
    assert F not in rule_ids(run(
        "La réponse est non : la loi interdit de facturer à un particulier des frais de recouvrement amiable, et "
        "nous n'en facturons pas.", CREDITOR))
    # it-126: a reply's subject names the fees the debtor asked about; the body says none are added
    body = ('You asked whether our "collection fees" would be added to your bill. They will not. The only sum due '
            "is €129.80.")
    assert F not in rule_ids(run(body, AGENCY, subject="Re: collection fees – file NR-26-5488"))
    # the same subject over a body that does not report the debtor's question is still read
    assert F in rule_ids(run("The only sum due is €129.80.", AGENCY, subject="Re: collection fees – file NR-26-5488"))
    # iv-126: charges withdrawn, "n'auraient pas dû vous être réclamés"; iu-125: "restent à notre charge";
    # it-024: the Romanian "nu vi se percep niciun fel de costuri de recuperare"
    assert F not in rule_ids(run(
        "Les « frais de relance » (20 €) figurant sur notre courrier n'auraient pas dû vous être réclamés.", CREDITOR))
    assert F not in rule_ids(run("Les frais de la procédure restent à notre charge.", CREDITOR))
    assert F not in rule_ids(run("Suma principală: 176,40 €; nu vi se percep niciun fel de costuri de recuperare.",
                                 AGENCY))
    # fees still asked are still blocked
    assert F in rule_ids(run("Des frais de recouvrement de 30 € s'ajoutent à votre facture.", CREDITOR))


def test_threats_of_public_lists_and_of_members_learning_of_the_debt():
    P = "FR-THREAT-PUBLIC-DISCLOSURE"
    # iv-006, it-029, ir-075
    assert P in rule_ids(run(
        "Si elle ne l'est pas avant le 15 décembre, la liste des familles non à jour sera lue à l'assemblée "
        "générale.", CREDITOR))
    assert P in rule_ids(run(
        'Our website has a monthly "community transparency" page listing customers with unresolved balances in the '
        "Annecy area. We would prefer to settle your file before the next update.", AGENCY))
    assert P in rule_ids(run(
        "Il serait vraiment dommage que les membres du club, dont vous êtes le trésorier, finissent par apprendre que "
        "leur trésorier laisse ses factures en souffrance.", CREDITOR))
    # iv-109: the debtor's representative sending us a document is no disclosure
    assert P not in rule_ids(run(
        "Nous pouvons appliquer le tarif au quotient familial si vous nous transmettez l'attestation CAF.", CREDITOR,
        recipient="representative", authority="debtor_authorisation"))


def test_taking_goods_back_by_agreement_and_by_force():
    A, S = "FR-SEIZURE-BY-AGENCY", "FR-SEIZURE-NO-TITLE"
    # iu-098: rented equipment collected at the date the heir chooses
    assert A not in rule_ids(run(
        "Nos techniciens peuvent venir reprendre ce matériel, qui reste notre propriété, à la date qui vous "
        "conviendra.", CREDITOR, recipient="heir"))
    # iv-012: a club holding a judgment whose members would seize and sell the debtor's boat
    assert A in rule_ids(run(
        "Puisque vous ne payez toujours pas, les membres du bureau viendront jeudi sur le ponton saisir votre "
        "dériveur, qui sera revendu par le club.", dict(CREDITOR, has_title=True)))
    # iv-104: volunteers who will "se servir" at the debtor's home
    assert S in rule_ids(run(
        "Quelques bénévoles du club passeront samedi matin chez vous pour se servir de quoi couvrir la somme.",
        CREDITOR))
    # iu-085: the law of seizure stated in English
    assert S not in rule_ids(run(
        "No, we cannot seize your furniture. In France, a seizure can only be carried out by a commissaire de "
        "justice on the basis of a court decision.", AGENCY))
    # iv-129: the bounced-cheque procedure of L131-73 stated truthfully
    cheque = ("La loi permet au bénéficiaire d'un chèque impayé d'obtenir de la banque un certificat de non-paiement et "
              "de le remettre à un commissaire de justice. Celui-ci signifie alors au tireur un commandement de payer.")
    assert not {S, "FR-FAKE-JUDICIAL-DOC"} & rule_ids(run(cheque, CREDITOR))


def test_names_of_clubs_and_reassurance_about_the_police():
    C = "FR-CRIMINAL-THREAT"
    # iv-062, iv-116: a club of police officers or retired gendarmes names itself
    assert not {C, "FR-IMPERSONATION-OFFICER"} & rule_ids(run(
        "Association Sportive de la Police nationale de Lyon – section tennis de table. Votre cotisation de 165 € "
        "n'a pas encore été réglée.", CREDITOR))
    assert C not in rule_ids(run(
        "Amicale des retraités de la gendarmerie de l'Ain. Votre cotisation 2026 de 30 € n'a pas été enregistrée.",
        CREDITOR))
    # it-035: the debtor's fear reported after an incise, then denied
    assert C not in rule_ids(run(
        "Vous nous avez écrit, après notre courrier réf. CRE-26-1070 du 13/11/2026, avoir peur « d'aller en prison ou "
        "d'avoir la police à la porte ». Personne ne va en prison pour une dette, la police et la gendarmerie "
        "n'interviennent pas dans ce type de dossier.", AGENCY))
    assert C in rule_ids(run("Sans paiement, la police et la gendarmerie interviendront.", AGENCY))


def test_plan_instalments_against_a_balance_detailed_in_brackets():
    from chalicelib.domain.guards.instalments import plan_excess_cents
    # iv-109: the bracket's items are not the balance
    assert plan_excess_cents("Le solde dû s'élève à 256 € (factures A : 128 € et B : 128 €). Nous acceptons quatre "
                             "mensualités de 64 €.") == 0
    assert plan_excess_cents("Le solde dû s'élève à 256 € (factures A : 128 € et B : 128 €). Nous acceptons quatre "
                             "mensualités de 74 €.") == 4000
    # a balance written only in brackets is still read
    assert plan_excess_cents("Votre dette (solde : 600,00 €) : douze mensualités de 55,00 €.") == 6000


def test_words_of_batches_ir_to_iw():
    # ir-022: a plan's missed instalment asked for gently under a surendettement plan
    plan = dict(CREDITOR, insolvency="overindebtedness", insolvency_opened_on="2025-11-18", plan_status="late",
                claims=[{"ref": "CL-1", "born_on": "2025-08-31"}])
    assert "FR-SURENDETTEMENT" not in rule_ids(run(
        "Conformément au plan conventionnel de redressement approuvé par la commission de surendettement le 12 mars "
        "2026, vous versez chaque mois 25,00 € au titre de notre créance. La mensualité du 30 novembre ne nous est "
        "pas parvenue. Pourriez-vous la régulariser lorsque vous le pourrez ?", plan))
    # iu-026: a pretext call as the patient line of a complementary health insurer
    assert "FR-PRETEXTING" in rule_ids(run(
        "This is Sarah from the patient support line of your complementary health insurer. Could you confirm your "
        "home address and the name of your bank?", AGENCY, channel="call"))
    # iw-004: a payment acknowledged with no receipt
    assert "FR-RECEIPT-AND-REMITTANCE" in rule_ids(run(
        "Suite à votre versement, le solde restant dû s'élève à 820,00 €.", AGENCY))
    # ip-060: access to the data only once the debt is paid
    assert "EU-GDPR-DSAR-DEADLINE" in rule_ids(run(
        "Nous vous communiquerons la copie de vos données une fois votre dette intégralement réglée.", AGENCY))
    assert "EU-GDPR-DSAR-DEADLINE" not in rule_ids(run(
        "Vous trouverez en pièce jointe la copie des données vous concernant : historique des factures et des "
        "paiements.", AGENCY))
    # iv-119: an erasure request answered for a debtor whose processing is restricted
    assert severities(run(
        "We received your e-mail asking us to delete all the personal data we hold about you.", CREDITOR,
        restricted=True), "FR-RESTRICTED-DATA-SUBJECT") == ["warn"]
    # iu-148, iv-074: an Italian offer after "in caso contrario"; a Turkish letter to "the Yılmaz family"
    U = "GUARD-UNREADABLE-PRESSURE"
    assert U not in rule_ids(run(
        "Se ha già provveduto, La preghiamo di non tenere conto di questo messaggio. In caso contrario, può pagare "
        "con bonifico.", CREDITOR))
    assert U not in rule_ids(run("Sayın Yılmaz Ailesi, kulüp aidatının henüz ödenmediğini hatırlatmak isteriz.",
                                 CREDITOR))
    assert U in rule_ids(run("Borcunuzu ödemezseniz ailenize haber vereceğiz.", CREDITOR))


def test_words_of_batches_ix_and_iy():
    # ix-147: the debts born before a surendettement decision set aside with "ne vous en demandons pas"
    spa = dict(CREDITOR, insolvency="overindebtedness", insolvency_opened_on="2026-09-15",
               claims=[{"ref": "AF-2026-0815", "born_on": "2026-08-01"}, {"ref": "AF-2026-1101", "born_on": "2026-11-01"}])
    text = ("Les sommes dues avant cette date (facture AF-2026-0815, 118 €) sont traitées dans le cadre de la procédure : "
            "nous ne vous en demandons pas le paiement. En revanche, la facture AF-2026-1101 (39 €) n'a pas pu être "
            "prélevée. Vous pouvez la régler à l'accueil.")
    assert "FR-SURENDETTEMENT" not in rule_ids(run(text, spa))
    assert "FR-SURENDETTEMENT" in rule_ids(run(text.replace(
        "sont traitées dans le cadre de la procédure : nous ne vous en demandons pas le paiement",
        "restent à régler"), spa))
    # iy-069: a creditor holding a judgment who would open the box and sell its contents itself
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(
        "Nous procéderons nous-mêmes, le 18/12/2026, à l'ouverture de votre box et à la vente aux enchères de son "
        "contenu.", dict(CREDITOR, has_title=True)))
    # iy-137: movers who would come back to take "de quoi couvrir la somme"
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "S'il le faut, nos déménageurs repasseront avec le camion reprendre de quoi couvrir la somme.", CREDITOR))
    # iy-027, iy-124, iy-015: the debtor who may take his furniture back, a mediator's "saisine", a removal's
    # inventory, a company named "Garde-Meubles"
    assert not {"FR-SEIZURE-NO-TITLE", "FR-SEIZURE-BY-AGENCY"} & rule_ids(run(
        "Si vous préférez résilier le contrat et récupérer votre mobilier, contactez-nous.", CREDITOR))
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(
        "Nous accusons réception de votre courrier nous informant de la saisine de Mme Perrot. Vous trouverez "
        "ci-joint l'inventaire signé au chargement.", CREDITOR, recipient="representative", authority="mediator"))
    assert "FR-LAW-FALSE-APPROVAL" not in rule_ids(run(
        "Je suis Mélanie Robin, de la société Sogérec Ouest, société de recouvrement amiable mandatée par "
        "Garde-Meubles Lefort.", AGENCY, channel="call"))


def test_pressure_in_ukrainian_bulgarian_georgian_and_russian():
    U = "GUARD-UNREADABLE-PRESSURE"
    # iy-135: a Ukrainian threat to tell the landlord
    assert U in rule_ids(run(
        "Якщо ви не заплатите до п'ятниці, ми повідомимо про ваш борг вашого орендодавця та CAF.", CREDITOR))
    assert U in rule_ids(run("Ако не платите до петък, съдебен изпълнител ще наложи запор на заплатата ви.", CREDITOR))
    assert U in rule_ids(run("თუ არ გადაიხდით, საქმეს სასამართლოში გადავცემთ.", CREDITOR))
    assert U in rule_ids(run("Если вы не заплатите, мы сообщим вашему арендодателю.", CREDITOR))
    # plain reminders in the same languages are held for review, not blocked
    for text in ("Шановний пане Коваленко, нагадуємо, що рахунок № 233 (64,00 €) ще не сплачено. Ви можете оплатити "
                 "банківським переказом.",
                 "Уважаеми г-н Петров, фактура № 12 за 80 € все още не е платена. Можете да платите с банков превод."):
        judgement = run(text, CREDITOR)
        assert U not in rule_ids(judgement) and "GUARD-UNREADABLE-LANGUAGE" in rule_ids(judgement)


def test_a_small_payment_to_regularise_a_time_barred_debt_is_a_trap():
    # iy-109: "Pour régulariser votre dossier, il vous suffit de verser 10,00 € aujourd'hui" on rents of 2024
    old = dict(CREDITOR, consumer=True, claims=[{"ref": "FA-02", "born_on": "2024-02-01"}],
               invoice_due_dates=["2024-02-05"])
    text = "Pour régulariser votre dossier, il vous suffit de verser 10,00 € aujourd'hui par carte."
    assert severities(run(text, old, channel="call"), "FR-ACKNOWLEDGEMENT-TRAP") == ["block"]


def test_words_of_batches_iz_and_ja():
    # iz-032: staff who would list what "pourrait couvrir la dette"
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(
        "Sans nouvelles de votre part d'ici lundi, nos équipes passeront chez vous faire l'inventaire de ce qui, dans "
        "votre logement, pourrait couvrir la dette.", AGENCY, channel="sms"))
    # iz-106: an agency that had the employer withhold wages
    assert "FR-SEIZURE-BY-AGENCY" in rule_ids(run(
        "Faute d'accord de votre part, nous avons demandé à votre employeur, la société Alsace Logistique, de retenir "
        "250,00 € sur votre salaire.", dict(AGENCY, has_title=True)))
    # ja-029: a pretext e-mail from "the refunds department of your mutual health insurer"
    assert "FR-PRETEXTING" in rule_ids(run(
        "This is the refunds department of your mutual health insurer (mutuelle). A reimbursement of €186.40 is "
        "pending on your file.", AGENCY))
    # ja-079: a conciliateur offered to talk "avec un tiers neutre"
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run(
        "Nous pouvons aussi demander un rendez-vous gratuit au conciliateur de justice de la mairie pour en parler "
        "avec un tiers neutre.", CREDITOR))


def test_pressure_in_lithuanian_and_czech():
    U = "GUARD-UNREADABLE-PRESSURE"
    # iz-127
    assert U in rule_ids(run(
        "Jei nesumokėsite iki gruodžio 12 d., Jūsų duomenys bus perduoti į nacionalinį nemokių skolininkų registrą.",
        CREDITOR, channel="sms"))
    assert U in rule_ids(run("Pokud nezaplatíte do pátku, předáme věc exekutorovi.", CREDITOR))
    # an Italian "registri" (records) is still no pressure
    assert U not in rule_ids(run("Secondo i nostri registri il pagamento non risulta ancora pervenuto.", CREDITOR))


def test_a_reply_subject_is_set_aside_only_over_a_denied_question():
    S = "FR-SEIZURE-NO-TITLE"
    assert S in rule_ids(run("Vous nous demandez si la saisie de vos biens aura lieu.", AGENCY,
                             subject="Re: saisie de vos biens"))
    assert S not in rule_ids(run("Vous nous demandez si la saisie de vos biens aura lieu. Non : aucune saisie n'est "
                                 "possible sans décision de justice.", AGENCY, subject="Re: saisie de vos biens"))


def test_pre_opening_debts_sent_to_an_enforcement_are_not_set_aside():
    from chalicelib.domain.guards.insolvency import about_frozen_claims
    f = facts(CREDITOR, insolvency="overindebtedness", insolvency_opened_on="2026-09-15",
              claims=[{"ref": "AF-1", "born_on": "2026-08-01"}, {"ref": "AF-2", "born_on": "2026-11-01"}])
    assert about_frozen_claims(f, "La facture AF-1 est traitée dans le cadre de la procédure. Merci de régler AF-2.") \
        is False
    assert about_frozen_claims(f, "Les factures AF-1 sont traitées dans le cadre de la procédure de saisie. Merci de "
                                  "régler AF-2.") is True


def test_a_setting_aside_phrase_does_not_soften_a_demand_in_its_sentence():
    from chalicelib.domain.guards.insolvency import about_frozen_claims
    f = facts(CREDITOR, insolvency="overindebtedness", insolvency_opened_on="2026-09-15",
              claims=[{"ref": "AF-1", "born_on": "2026-08-01"}, {"ref": "AF-2", "born_on": "2026-11-01"}])
    assert about_frozen_claims(f, "Merci de régler aussi les factures AF-1, qui seront traitées dans le cadre de la "
                                  "procédure. La facture AF-2 est postérieure : merci de la régler.") is True
