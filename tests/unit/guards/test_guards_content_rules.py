"""One or more examples per content rule family, with the facts that flip the verdict."""
import pytest

from guards_helpers import AGENCY, CREDITOR, rule_ids, run


@pytest.mark.parametrize("text", [
    "Sans paiement sous 48 h, un huissier procédera à la saisie de votre salaire.",
    "si vs payez pas ds 48h on va sezie vos meubles",
    "saizie de votre compte demain",
    "le huisier passe demain",
    "Failure to pay will result in the seizure of your car.",
    "Nous demanderons le blocage de votre compte bancaire.",
])
def test_seizure_without_title_blocks(text):
    j = run(text)
    assert j.verdict == "block" and "FR-SEIZURE-NO-TITLE" in rule_ids(j)


def test_seizure_with_title_is_allowed_unless_agency_seizes_itself():
    text = "À défaut d'accord, notre mandant pourra confier l'exécution du jugement à un commissaire de justice qui pourra pratiquer une saisie."
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(text))
    assert run(text, has_title=True).verdict == "allow"
    j = run("Nos agents passeront jeudi saisir votre véhicule.", has_title=True)
    # the agents' coming is also an announced visit (FR-HOME-VISIT reads letters since 2026.12.6)
    assert rule_ids(j) == {"FR-SEIZURE-BY-AGENCY", "FR-HOME-VISIT"} and j.verdict == "block"


@pytest.mark.parametrize("text", [
    "Nous n'engagerons aucune saisie.",
    "Aucune saisie ne peut intervenir sans décision de justice.",
    "Merci de vérifier la saisie de votre IBAN.",
    "Une erreur de saisie s'est glissée dans notre courrier.",
    "Vous pouvez saisir le médiateur de la consommation.",
    "We will not seize anything: this is an amicable reminder.",
])
def test_negation_and_other_senses_are_not_seizure_threats(text):
    assert "FR-SEIZURE-NO-TITLE" not in rule_ids(run(text))


def test_conservatory_measure_is_a_warning():
    j = run("Une saisie conservatoire sera pratiquée demain sur vos comptes.")
    assert j.verdict == "warn" and rule_ids(j) == {"FR-CONSERVATORY-CLAIM"}
    assert run("Une saisie conservatoire sera pratiquée.", has_conservatory_authorisation=True).verdict == "allow"


def test_impersonation_depends_on_profession():
    text = "Maître Dupont, huissier de justice, vous informe de la suite de votre dossier."
    assert "FR-IMPERSONATION-OFFICER" in rule_ids(run(text))
    j = run(text, collector_profession="commissaire_de_justice", has_title=True)
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(j)
    assert "FR-IMPERSONATION-OFFICER" in rule_ids(run("Le service judiciaire vous informe."))


def test_fake_judicial_document_in_subject():
    j = run("Merci de régler 504,20 €.", subject="RÉPUBLIQUE FRANÇAISE – COMMANDEMENT DE PAYER – N° RG 24/1234")
    assert "FR-FAKE-JUDICIAL-DOC" in rule_ids(j)
    spans = [s for f in j.findings if f.rule_id == "FR-FAKE-JUDICIAL-DOC" for s in f.spans]
    assert {s.field for s in spans} == {"subject"}


def test_criminal_threat_and_civil_statement():
    assert "FR-CRIMINAL-THREAT" in rule_ids(run("Nous déposerons plainte et la gendarmerie vous convoquera."))
    assert run("Le non-paiement n'est pas un délit ; il s'agit d'une dette civile.").verdict == "allow"
    assert run("Votre police d'assurance n° 44 reste impayée.").verdict == "allow"


def test_ficp_threat_depends_on_creditor_kind():
    text = "Sans règlement, vous serez inscrit au FICP."
    assert run(text, creditor_kind="telecom").verdict == "block"
    j = run(text, creditor_kind="credit_institution")
    assert j.verdict == "warn" and rule_ids(j) == {"FR-FICP-THREAT"}


def test_bad_payer_and_disclosure_threats():
    assert "FR-BADPAYER-LIST-THREAT" in rule_ids(run("Vous serez inscrit au fichier national des mauvais payeurs."))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run("Nous préviendrons votre employeur et vos voisins."))
    assert run("Nous ne contacterons jamais votre employeur ni votre famille.").verdict == "allow"


def test_pretexting():
    assert "FR-PRETEXTING" in rule_ids(run("Votre colis est en attente, rappelez vite.", channel="sms"))
    assert run("Nous vous proposons un échéancier de remboursement en 6 mensualités.").verdict == "allow"


def test_consumer_fees_and_b2b():
    text = "Montant dû : 120 € + 45 € de frais de recouvrement."
    assert rule_ids(run(text)) == {"FR-FEES-CONSUMER"}
    assert run(text, consumer=False, debtor_kind="company").verdict == "allow"
    assert run(text, has_title=True).verdict == "allow"
    assert run("Aucun frais de recouvrement ne vous est facturé.").verdict == "allow"
    assert run("Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier.").verdict == "allow"


def test_fixed_indemnity_only_b2b():
    text = "Facture F-12 : 1 200 € + indemnité forfaitaire de recouvrement : 40 €."
    assert "FR-FEES-B2B-40EUR" in rule_ids(run(text))
    assert run(text, consumer=False, debtor_kind="company").verdict == "allow"
    j = run(text, consumer=False, debtor_kind="company", insolvency="collective_proceedings")
    assert "FR-FEES-B2B-40EUR" in rule_ids(j)


def test_damages_and_penalties():
    j = run("Dommages et intérêts pour résistance abusive : 80 €.")
    assert j.verdict == "block" and "FR-UNAUTHORISED-DAMAGES" in rule_ids(j)
    assert run("Dommages et intérêts pour résistance abusive : 80 €.", consumer=False).verdict == "warn"
    assert "FR-PENALTY-NO-BASIS" in rule_ids(run("Majoration pour retard : 15 €."))
    assert run("Majoration pour retard : 15 €.", contract_late_interest=True).verdict == "allow"
    assert run("Intérêts au taux légal depuis le 01/03/2026 : 3,12 €.").verdict == "allow"


@pytest.mark.parametrize("text,verdict", [
    ("Appelez le 08 99 12 34 56 (2,99 €/min).", "block"),
    ("Rappelez-nous au 0821 55 66 77.", "block"),
    ("Appelez le 01 23 45 67 89 (appel non surtaxé).", "allow"),
    ("Pour régler 3 200 €, appelez le 01 84 88 10 10.", "allow"),
    ("Appelez le 3900 depuis votre ligne (service gratuit).", "allow"),
])
def test_premium_rate_numbers(text, verdict):
    assert run(text).verdict == verdict


def test_insults_block_and_near_misses_do_not():
    assert rule_ids(run("Vous êtes un escroc et un profiteur.")) == {"FR-TONE-INSULT"}
    assert run("Recouvra, recouvrement amiable pour Fibra.").verdict == "allow"


def test_shouting_and_urgency_warn():
    j = run("PAYEZ IMMÉDIATEMENT !!! DERNIER AVIS !!!")
    assert j.verdict == "warn" and rule_ids(j) == {"FR-TONE-SHOUTING", "FR-FALSE-URGENCY"}
    assert run("Merci de régler sous 48 h.").verdict == "warn"
    assert run("Votre facture EDF n° 45 (IBAN, RIB, BIC) est jointe.").verdict == "allow"


def test_judicial_threat_at_first_reminder_warns():
    text = "Sans paiement sous 8 jours, nous vous assignerons devant le tribunal."
    assert rule_ids(run(text, contacts_so_far=0)) == {"FR-PREMATURE-LEGAL-THREAT"}
    assert run(text, contacts_so_far=3).verdict == "allow"


def test_vulnerability():
    assert "FR-VULNERABILITY-EXPLOIT" in rule_ids(run("Avec votre maladie, vous ne voudriez pas en plus un procès ?"))
    assert "FR-VULNERABLE-PRESSURE" in rule_ids(run("Dernier avis avant tribunal.", vulnerable=True))


def test_english_and_sms_spellings():
    assert run("We are court enforcement officers. Pay now.").verdict == "block"
    assert run("RA dernier avis avant saizie sur votre compte", channel="sms").verdict == "block"


def test_sensitive_wording_safety_net():
    j = run("Votre dossier pourrait faire l'objet d'une exécution.")
    assert rule_ids(j) == {"FR-SENSITIVE-WORDING"} and j.verdict == "warn"
    # silent when a blocking rule already explains it, or when a title is recorded
    assert "FR-SENSITIVE-WORDING" not in rule_ids(run("Un huissier saisira vos meubles."))
    assert run("Le jugement pourra être mis à exécution par un commissaire de justice.", has_title=True).verdict == "allow"
    assert run("Votre police d'assurance n° 12 est impayée.").verdict == "allow"


def test_court_order_reference_needs_a_recorded_title():
    text = "En vertu de l'ordonnance d'injonction de payer rendue exécutoire le 04/06/2026, merci de régler 500 €."
    assert "FR-FALSE-COURT-ORDER" in rule_ids(run(text))
    assert "FR-FALSE-COURT-ORDER" not in rule_ids(run(text, has_title=True))
    assert "FR-FAKE-JUDICIAL-DOC" not in rule_ids(run(text, has_title=True))


@pytest.mark.parametrize("text", [
    "Le montant réclamé n'inclut aucuns frais, pénalités ou dommages et intérêts.",
    "Aucuns frais, pénalités ni majorations ne vous sont réclamés.",
])
def test_negated_list_of_charges_is_allowed(text):
    assert run(text).verdict != "block"


def test_a_list_of_charges_after_a_comma_is_not_negated_by_an_earlier_clause():
    j = run("Aucun paiement reçu, pénalités de retard : 30 €.")
    assert "FR-PENALTY-NO-BASIS" in rule_ids(j)


# FR-PENALTY-CLAUSE (C. civ. 1231-5): a penalty or surcharge above 10 % is reviewed when the
# message cites the contract clause that provides it, blocked when it cites none; statutory B2B
# late penalties (L441-10, ECB rate + 10 points) are not a penalty clause
B2B = dict(CREDITOR, consumer=False, debtor_kind="company")


def test_penalty_percentage_without_a_cited_clause_blocks():
    j = run("Comme pour tout retard, une majoration forfaitaire de 25 % du montant TTC (1 740,00 €) a été appliquée.",
            profile=B2B)
    assert j.verdict == "block" and "FR-PENALTY-CLAUSE" in rule_ids(j)


def test_penalty_percentage_with_its_contract_clause_is_reviewed():
    j = run("En application de l'article 12 du contrat, une clause pénale de 20 % des sommes dues s'applique, soit 864,00 €.",
            profile=B2B)
    assert j.verdict == "warn" and rule_ids(j) == {"FR-PENALTY-CLAUSE"}


@pytest.mark.parametrize("text", [
    "Conformément à l'article 9 de votre contrat, une clause pénale de 8 % (24 €) s'applique.",
    "Pénalités de retard au taux BCE majoré de 10 points (12,15 %) du 16/10 au 30/11 : 43,80 €.",
])
def test_moderate_or_statutory_penalties_are_not_a_penalty_clause_finding(text):
    assert "FR-PENALTY-CLAUSE" not in rule_ids(run(text, profile=B2B))


def test_consumer_penalty_with_a_cited_clause_is_graded_by_the_penalty_clause_rule():
    # the recorded facts know no penalty clause; a clause the letter cites is reviewed, not blocked
    j = run("Clause pénale prévue à l'article 11 du contrat : 20 % des sommes impayées, soit 90,00 €.")
    assert j.verdict == "warn" and rule_ids(j) == {"FR-PENALTY-CLAUSE"}
    j = run("Une pénalité de 20 % des sommes impayées, soit 90,00 €, s'ajoute.")
    assert j.verdict == "block" and {"FR-PENALTY-NO-BASIS", "FR-PENALTY-CLAUSE"} <= rule_ids(j)


def test_heir_told_he_is_now_bound_to_repay_blocks():
    text = ("Son crédit présentait un solde de 4 312,55 €. En tant que fils, vous êtes désormais tenu de reprendre "
            "ce remboursement ; la première échéance de 180 € est attendue le 05/01/2027.")
    j = run(text, recipient="heir", creditor_kind="credit_institution")
    assert j.verdict == "block" and "FR-HEIRS" in rule_ids(j)


@pytest.mark.parametrize("text", [
    "Je peux aussi sonner chez vos voisins et leur expliquer pourquoi je suis là. À vous de voir.",
    "Si vous ne payez pas, j'irai voir vos voisins pour leur expliquer votre situation.",
    "Nous expliquerons à votre employeur pourquoi nous appelons.",
])
def test_going_to_explain_the_debt_to_people_around_the_debtor_blocks(text):
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text, channel="visit"))


def test_explaining_the_situation_to_the_debtor_is_no_disclosure_threat():
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run("Je vous explique votre situation, vos voisins n'en sauront rien."))


def test_visit_after_being_told_not_to_come_back_blocks():
    text = ("Je sais que vous m'avez dit la dernière fois de ne plus venir chez vous, mais je repasse quand même "
            "parce qu'il faut vraiment qu'on règle ces 142 euros.")
    j = run(text, channel="visit", profile=AGENCY)
    assert j.verdict == "block" and "FR-HOME-VISIT" in rule_ids(j)


def test_banque_de_france_register_threat_in_english_blocks_a_telecom():
    text = ("Please be aware that persistent non-payment can lead to registration on the Banque de France "
            "national register, which may prevent you from obtaining credit in France.")
    j = run(text, creditor_kind="telecom")
    assert j.verdict == "block" and "FR-FICP-THREAT" in rule_ids(j)


def test_an_agency_signing_as_maitre_of_an_etude_impersonates_an_officer():
    text = ("Maître Laurent Dubreuil\nÉtude Dubreuil\n\nJe suis chargé du recouvrement de la facture GS-2026-903. "
            "Je vous prie de prendre contact avec mon étude sous huitaine.")
    j = run(text, profile=AGENCY, channel="letter")
    assert j.verdict == "block" and "FR-IMPERSONATION-OFFICER" in rule_ids(j)


def test_payment_acknowledged_with_a_balance_due_and_no_receipt_blocks_for_an_agency():
    j = run("Nous avons bien reçu votre versement. Il reste à régler la somme de 238,00 €.", profile=AGENCY)
    assert j.verdict == "block" and "FR-RECEIPT-AND-REMITTANCE" in rule_ids(j)
    j = run("Nous avons bien reçu votre versement de 100 €, votre quittance n° Q-55 est jointe. Solde restant : 238,00 €.",
            profile=AGENCY)
    assert "FR-RECEIPT-AND-REMITTANCE" not in rule_ids(j)


def test_a_reported_question_about_fees_and_official_status_is_lawful():
    text = ("Vous nous demandez si notre courrier réf. RA-2026-0457 du 30/11/2026 est un document officiel et si des "
            "frais de recouvrement vont s'ajouter. Encaisse Conseil est une société privée de recouvrement amiable. "
            "Aucun frais de recouvrement ne peut vous être facturé.")
    assert run(text, profile=AGENCY).verdict == "allow"


def test_an_acknowledgement_that_states_the_amount_received_is_reviewed_not_blocked():
    # the amount and date received are most of a receipt: the missing receipt is for review
    j = run("Réf. RA-2026-0457. Nous avons bien reçu votre virement de 50,00 € du 18 décembre 2026. "
            "Solde restant dû : 53,98 €.", profile=AGENCY)
    assert j.verdict == "warn" and "FR-RECEIPT-AND-REMITTANCE" in rule_ids(j)
    j = run("Nous avons bien reçu votre paiement de 100 € : votre dossier est soldé.", profile=AGENCY)
    assert j.verdict == "block" and "FR-RECEIPT-AND-REMITTANCE" in rule_ids(j)


def test_an_invoice_description_becoming_a_criminal_label_blocks():
    text = ("Se faire livrer un bien en sachant que l'on ne le paiera pas peut être qualifié d'escroquerie. "
            "Notre service juridique étudie l'opportunité d'un dépôt de plainte.")
    assert "FR-CRIMINAL-THREAT" in rule_ids(run(text))
    # a negated modal still negates what follows it
    assert "FR-LAW-IMPRISONMENT" not in rule_ids(run("Personne ne peut être emprisonné pour une dette civile."))


def test_publishing_a_list_of_late_payers_blocks_but_a_product_list_does_not():
    text = ("Nous publierons le mois prochain, sur notre site et sur notre page LinkedIn, la liste des entreprises "
            "qui ne respectent pas leurs délais de paiement.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text, profile=B2B))
    assert "FR-THREAT-PUBLIC-DISCLOSURE" not in rule_ids(run("Nous publions chaque mois la liste de nos nouveaux produits."))


def test_a_landlord_with_a_judgment_may_not_evict_with_a_locksmith_himself():
    text = ("Comme ce jugement nous y autorise, notre gestionnaire se présentera le lundi 11 janvier à 9 h, accompagné "
            "d'un serrurier, pour reprendre possession du logement. Vos meubles seront retenus dans notre local "
            "jusqu'au paiement intégral des sommes dues.")
    j = run(text, channel="letter", creditor_kind="landlord", has_title=True)
    assert j.verdict == "block" and "FR-SEIZURE-BY-AGENCY" in rule_ids(j)


def test_a_signature_as_maitre_by_a_collector_blocks_but_a_notary_address_does_not():
    j = run("Votre dossier m'a été transmis personnellement.\n\nMaître Laurent Ferrand\nResponsable du contentieux",
            profile=AGENCY, channel="letter")
    assert "FR-IMPERSONATION-OFFICER" in rule_ids(j)
    # a name the unmasking cannot glue back ("L a u r e n t") is still a name on that line
    j = run("Votre dossier m'a été transmis.\n\nMaître L a u r e n t Ferrand\nResponsable du contentieux",
            profile=AGENCY, channel="letter")
    assert "FR-IMPERSONATION-OFFICER" in rule_ids(j)
    j = run("Nous avons écrit au notaire chargé de la succession :\nMaître Jean Dupont\nNotaire à Lyon",
            profile=AGENCY, channel="letter")
    assert "FR-IMPERSONATION-OFFICER" not in rule_ids(j)


def test_b2b_recovery_indemnity_is_40_eur_per_invoice():
    text = "Indemnités forfaitaires pour frais de recouvrement : 80,00 €."
    two = dict(B2B, claims=[{"ref": "A", "born_on": "2026-08-14"}, {"ref": "B", "born_on": "2026-09-02"}])
    assert "FR-FEES-B2B-OVER-40" not in rule_ids(run(text, profile=two))
    j = run(text, profile=dict(B2B, claims=[{"ref": "A", "born_on": "2026-08-14"}]))
    assert j.verdict == "block" and "FR-FEES-B2B-OVER-40" in rule_ids(j)
    # more than 40 EUR a contract clause provides is reviewed (due only on proof), not blocked
    j = run("Conformément à l'article 10 de nos conditions générales de vente : indemnité forfaitaire de "
            "recouvrement : 100,00 €.", profile=dict(B2B, claims=[{"ref": "A", "born_on": "2026-08-14"}]))
    assert j.verdict == "warn" and "FR-FEES-B2B-OVER-40" in rule_ids(j)


def test_a_bank_may_say_it_is_approved_by_the_acpr():
    text = "Finaxo Crédit, établissement de crédit agréé par l'ACPR."
    assert "FR-LAW-FALSE-APPROVAL" not in rule_ids(run(text, creditor_kind="credit_institution"))
    assert "FR-LAW-FALSE-APPROVAL" in rule_ids(run("Recouvra, société agréée par l'ACPR.", profile=AGENCY))


def test_a_credit_servicer_is_asked_to_check_its_authorisation():
    text = ("Réf. RA-2026-0457. Nous vous écrivons en qualité de gestionnaire de crédits, pour le compte du fonds "
            "Horizon NPL II, cessionnaire de la créance détenue par Sofimo Crédit au titre de votre prêt personnel.")
    j = run(text, profile=AGENCY)
    assert j.verdict == "warn" and "FR-NPL-SERVICER" in rule_ids(j)


def test_a_surendettement_plan_instalment_reminder_is_lawful():
    facts = dict(creditor_kind="credit_institution", insolvency="overindebtedness", insolvency_opened_on="2026-02-10",
                 claims=[{"ref": "CR-1", "born_on": "2025-06-10"}])
    text = ("Dans le cadre du plan conventionnel de redressement approuvé par la commission, vous vous êtes engagée "
            "à nous verser 85,00 € par mois. La mensualité du plan échue le 10 novembre ne nous est pas parvenue. "
            "Nous vous remercions de la régler conformément aux modalités du plan.")
    assert run(text, plan_status="late", **facts).verdict == "allow"
    # without a plan in force the same demand is one the recevabilité forbids
    assert "FR-SURENDETTEMENT" in rule_ids(run(text, **facts))
    # "aucune somme à nous verser": "nous" is the object of the infinitive, not a new subject
    j = run("Vous n'avez aucune somme à nous verser au titre de ce dossier.", **facts)
    assert "FR-SURENDETTEMENT" not in rule_ids(j)


def test_an_access_request_refused_until_payment_blocks():
    text = ("Nous vous informons que cette demande est classée. Les informations relatives à votre dossier vous "
            "seront communiquées lorsque le solde de 518,00 € aura été réglé.")
    j = run(text)
    assert j.verdict == "block" and "EU-GDPR-DSAR-DEADLINE" in rule_ids(j)
    assert run("Vous recevrez une copie de vos données dans un délai d'un mois.").verdict == "allow"


@pytest.mark.parametrize("text, rule", [
    ("Les frais de dossier de 47,00 € qui figuraient par erreur sur notre courrier ont été annulés.", "FR-FEES-CONSUMER"),
    ("Nous avons annulé la ligne « intérêts de retard » figurant par erreur sur notre courrier.", "FR-PENALTY-NO-BASIS"),
    ("Si vous rencontrez une difficulté, n'hésitez pas à nous en parler, ou à contacter la CAF.", "FR-THREAT-PUBLIC-DISCLOSURE"),
    ("Vous disposerez d'un délai d'un mois pour former opposition auprès du greffe du tribunal.", "FR-IMPERSONATION-OFFICER"),
    ("Vous pourrez régler lors du règlement de la succession par l'étude de Maître Jégou.", "FR-IMPERSONATION-OFFICER"),
])
def test_corrections_advice_and_third_party_offices_are_not_findings(text, rule):
    assert rule not in rule_ids(run(text))


def test_a_commissaire_without_title_may_not_charge_the_debtor_for_his_acts():
    text = "Décompte : principal 760,00 € ; coût de l'acte (lettre de relance) : 39,90 € ; droit proportionnel : 28,00 €."
    j = run(text, profile=dict(AGENCY, collector_profession="commissaire_de_justice"))
    assert j.verdict == "block" and "FR-FEES-CONSUMER" in rule_ids(j)


def test_not_yet_telling_the_employer_is_a_disclosure_threat():
    text = ("Nous n'avons encore rien dit à votre employeur, ni à votre entourage. Un premier versement d'ici "
            "vendredi nous permettrait de garder ce dossier entre nous.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(run(text))
    assert run("Nous ne transmettons aucune information : votre dossier reste entre nous.").verdict == "allow"


@pytest.mark.parametrize("text, rule, kw", [
    ("Il serait regrettable que votre réseau professionnel apprenne que vous ne réglez pas vos factures.",
     "FR-THREAT-PUBLIC-DISCLOSURE", {}),
    ("Sans accord d'ici vendredi, nous n'excluons pas de faire savoir à votre réseau professionnel que vous ne "
     "réglez pas vos formations.", "FR-THREAT-PUBLIC-DISCLOSURE", {}),
    ("Dans votre état, une procédure judiciaire serait une épreuve supplémentaire : réglez dès maintenant, "
     "même en demandant un coup de main à vos proches.", "FR-VULNERABILITY-EXPLOIT", {"vulnerable": True}),
    ("Votre demande d'accès à vos données personnelles a été classée par nos services.", "EU-GDPR-DSAR-DEADLINE", {}),
])
def test_batch_o_and_p_misses_block(text, rule, kw):
    j = run(text, **kw)
    assert j.verdict == "block" and rule in rule_ids(j)


@pytest.mark.parametrize("text, rule, kw", [
    ("Je vous invite à me contacter ou à contacter directement votre bailleur afin d'examiner un plan d'apurement.",
     "FR-THREAT-PUBLIC-DISCLOSURE", {}),
    ("Notre mandant pourra décider de saisir, le cas échéant, la juridiction compétente.", "FR-SEIZURE-NO-TITLE", {}),
    ("À la suite de votre règlement partiel, le solde s'établit à 340,00 € en principal.",
     "FR-RECEIPT-AND-REMITTANCE", {"profile": AGENCY}),
    ("La note d'honoraires de maîtrise d'œuvre de 4 320,00 € reste impayée ; les frais de mon intervention restent "
     "à la charge de ma cliente.", "FR-FEES-CONSUMER", {}),
    ("Vous avez contesté les intérêts de retard figurant sur notre courrier. Ils ont été retirés.",
     "FR-PENALTY-NO-BASIS", {}),
    ("Kestrel Loan Services, gestionnaire de crédits agréé par l'ACPR.", "FR-LAW-FALSE-APPROVAL", {"profile": AGENCY}),
])
def test_batch_o_and_p_lawful_readings(text, rule, kw):
    assert rule not in rule_ids(run(text, **kw))


def test_an_heir_who_accepted_the_estate_is_bound_by_its_debts():
    text = ("Le notaire nous a confirmé que vous avez accepté purement et simplement la succession de votre père. "
            "En votre qualité d'héritière acceptante, vous êtes tenue du solde du prêt, soit 3 212,45 €.")
    assert run(text, recipient="heir", creditor_kind="credit_institution").verdict == "allow"
    j = run("En tant que fille, vous êtes désormais tenue de régler le solde du prêt de votre père.",
            recipient="heir", creditor_kind="credit_institution")
    assert j.verdict == "block" and "FR-HEIRS" in rule_ids(j)


def test_a_public_comment_about_the_debt_blocks():
    text = ("Faute de pouvoir vous joindre, nous vous avons laissé un petit mot en commentaire de votre dernière "
            "publication Facebook. Nous le retirerons dès réception de votre règlement.")
    j = run(text)
    assert j.verdict == "block" and "FR-SOCIAL-MEDIA-PUBLIC" in rule_ids(j)
    j = run("If we have not received payment, our client intends to share its experience of working with you on LinkedIn.")
    assert "FR-THREAT-PUBLIC-DISCLOSURE" in rule_ids(j)


@pytest.mark.parametrize("text, rule, kw", [
    ("En votre qualité de caution, nous vous informons que les loyers restent impayés. Nous en avons informé la "
     "locataire par courrier du 16 novembre.", "FR-THREAT-PUBLIC-DISCLOSURE", {"recipient": "guarantor"}),
    ("As required by article R124-4, we reproduce article L111-8 (paragraphs on collection fees).",
     "FR-FEES-CONSUMER", {}),
    ("Kerlan Solutions carries out amicable (out-of-court) debt collection.", "FR-LAW-OFFICIAL-HEADER", {}),
    ("Our client may instruct a commissaire de justice (court enforcement officer) to enforce the judgment.",
     "FR-IMPERSONATION-OFFICER", {"has_title": True}),
    ("Cette mesure a été pratiquée par Maître Hélène Roche, commissaire de justice, qui vous l'a dénoncée.",
     "FR-IMPERSONATION-OFFICER", {}),
    ("Contractual interest at 19.80% per annum (article 6 of your credit agreement): EUR 20.49.",
     "FR-INTEREST-RATE", {"creditor_kind": "payment_institution"}),
])
def test_batch_q_and_r_lawful_readings(text, rule, kw):
    assert rule not in rule_ids(run(text, **kw))


def test_a_personal_loan_is_no_personal_liability_of_an_heir():
    text = ("We were sorry to learn of your father's death. Your father held a personal loan with us; the outstanding "
            "balance on the date of death was EUR 3,482.16. Under French law heirs are only liable for the "
            "deceased's debts if they accept the estate.")
    assert run(text, recipient="heir", creditor_kind="credit_institution").verdict != "block"
