"""Rules on the case facts: pairs where only the facts flip the verdict."""
import pytest

from guards_helpers import AGENCY, REF, rule_ids, run

PAY = f"Nous vous remercions de régler la somme de 180 € avant le 10/12/2026. Réf. {REF}"


def test_open_dispute_blocks_pressure_but_not_acknowledgement():
    assert run(PAY).verdict == "allow"
    assert rule_ids(run(PAY, open_dispute=True)) == {"FR-DISPUTE-OPEN"}
    ack = "Nous avons bien reçu votre contestation. Nous suspendons nos relances et toute demande de paiement."
    assert run(ack, open_dispute=True).verdict == "allow"


def test_insolvency():
    assert rule_ids(run(PAY, insolvency="overindebtedness")) == {"FR-SURENDETTEMENT"}
    assert rule_ids(run(PAY, insolvency="collective_proceedings")) == {"FR-COLLECTIVE-PROCEDURE"}
    notice = "Notre mandant déclarera sa créance auprès du mandataire judiciaire ; aucune demande de paiement ne vous est adressée."
    assert run(notice, insolvency="collective_proceedings").verdict == "allow"


def test_restricted_subject_blocks_everything():
    assert rule_ids(run("Bonjour.", restricted=True)) == {"FR-RESTRICTED-DATA-SUBJECT"}


def test_third_party():
    j = run("Votre fils nous doit 850 € ; dites-lui de payer.", recipient="third_party", channel="call")
    assert j.verdict == "block" and "FR-THIRD-PARTY-DISCLOSURE" in rule_ids(j)
    j = run("Pourriez-vous demander à M. Martin de rappeler la société X au 01 23 45 67 89 ?",
            recipient="third_party", channel="call")
    assert j.verdict == "warn" and rule_ids(j) == {"FR-THIRD-PARTY-CONTACT"}


def test_representative_may_hear_of_the_debt_on_a_declared_authority():
    """A representative (guardian, holder of the debtor's authorisation, mediator, the
    commission) may be told of the debt; the same letter to a third party reveals it."""
    text = ("Suite à la procuration que vous nous avez transmise, voici le détail de la dette de "
            "M. Martin : 850 € au titre de la facture F-12. Réf. " + REF)
    assert "FR-THIRD-PARTY-DISCLOSURE" in rule_ids(run(text, recipient="third_party"))
    for authority in ("legal_protection", "debtor_authorisation", "mediator", "overindebtedness_commission"):
        assert run(text, recipient="representative", authority=authority).verdict == "allow", authority


def test_representative_is_not_spared_the_content_rules():
    threat = "Si M. Martin ne règle pas sous 8 jours, nous ferons saisir son salaire. Réf. " + REF
    j = run(threat, recipient="representative", authority="legal_protection")
    assert j.verdict == "block" and "FR-SEIZURE-NO-TITLE" in rule_ids(j)


def test_representative_needs_an_authority_and_only_a_representative_has_one():
    with pytest.raises(ValueError, match="recipient_authority"):
        run("Bonjour.", recipient="representative")
    with pytest.raises(ValueError, match="recipient_authority"):
        run("Bonjour.", recipient="third_party", authority="mediator")


def test_representative_is_not_held_to_the_debtors_opt_out():
    call = "Bonjour, ici la société X au sujet du dossier de M. Martin, réf. " + REF
    assert "FR-CONTACT-AFTER-OPTOUT" in rule_ids(run(call, channel="call", opted_out_channels=["call"]))
    assert "FR-CONTACT-AFTER-OPTOUT" not in rule_ids(
        run(call, channel="call", opted_out_channels=["call"], recipient="representative", authority="legal_protection"))


def test_the_commission_and_the_mediator_hear_the_creditors_position():
    to_commission = ("Objet : dossier de surendettement de M. Martin. État de notre créance arrêté à la date de "
                     "recevabilité : 486,35 € en principal, à régler selon les mesures que vous arrêterez.")
    assert rule_ids(run(to_commission, insolvency="overindebtedness")) == {"FR-SURENDETTEMENT"}
    assert run(to_commission, insolvency="overindebtedness", recipient="representative",
               authority="overindebtedness_commission").verdict == "allow"
    # to the debtor's guardian the freeze still holds: the guardian pays from the debtor's money
    assert "FR-SURENDETTEMENT" in rule_ids(run(to_commission, insolvency="overindebtedness",
                                               recipient="representative", authority="legal_protection"))
    position = "Nous maintenons que la somme de 180 € reste due et demandons qu'elle soit réglée. Réf. " + REF
    assert rule_ids(run(position, open_dispute=True)) == {"FR-DISPUTE-OPEN"}
    assert run(position, open_dispute=True, recipient="representative", authority="mediator").verdict == "allow"
    assert "FR-DISPUTE-OPEN" in rule_ids(run(position, open_dispute=True, recipient="representative",
                                             authority="debtor_authorisation"))


def test_time_bar_consumer_two_years_other_five():
    text = "Votre facture de mars 2023 (95 €) reste impayée. Merci de la régler."
    old = {"invoice_due_dates": ["2023-03-15"]}
    assert rule_ids(run(text, **old)) == {"FR-TIME-BARRED"}
    assert run(text, consumer=False, debtor_kind="company", **old).verdict == "allow"
    assert run(text, last_interruption_on="2025-06-01", **old).verdict == "allow"
    j = run("Dernier avis avant poursuites judiciaires.", **old)
    assert j.verdict == "block" and "FR-TIME-BARRED-THREAT" in rule_ids(j)
    disclosed = "Cette créance est prescrite : aucune action en justice ne peut être engagée. Tout règlement serait volontaire."
    assert run(disclosed, **old).verdict == "allow"


def test_time_bar_boundary_day():
    text = "Merci de régler la facture."
    # due 2024-11-24 + 2 years = 2026-11-24: still claimable on that day, barred the next
    assert run(text, invoice_due_dates=["2024-11-24"]).verdict == "allow"
    assert run(text, invoice_due_dates=["2024-11-23"]).verdict == "warn"


def test_time_bar_runs_from_claim_birth_when_no_due_date_is_recorded():
    # TUESDAY_10H is 2026-11-24: a retail claim born 2024-07-16 was due by 2024-09-14 at the
    # latest (60 days), so it is time-barred since 2026-09-14; one born 2024-11-20 is not yet
    text = "Merci de régler la facture."
    assert run(text, claims=[{"ref": "F-1", "born_on": "2024-07-16"}]).verdict == "warn"
    assert run(text, claims=[{"ref": "F-1", "born_on": "2024-11-20"}]).verdict == "allow"
    j = run("Dernier avis avant poursuites judiciaires.", claims=[{"ref": "F-1", "born_on": "2022-07-16"}])
    assert j.verdict == "block" and "FR-TIME-BARRED-THREAT" in rule_ids(j)
    # a loan is born when granted: its birth says nothing of its instalments' due dates
    assert run(text, creditor_kind="credit_institution",
               claims=[{"ref": "PP-1", "born_on": "2022-07-16"}]).verdict == "allow"


def test_second_formal_notice_warns():
    text = ("Par la présente, nous vous mettons en demeure de payer 504,20 € au titre de la facture F-1001 "
            "sous 15 jours. À défaut, nous pourrons saisir la juridiction compétente.")
    assert run(text, kind="formal_notice.sent", channel="letter").verdict == "allow"
    j = run(text, kind="formal_notice.sent", channel="letter", formal_notices_sent=1)
    assert rule_ids(j) == {"FR-SECOND-FORMAL-NOTICE"}


def test_opt_out_blocks_only_that_channel():
    # the SMS names its sender: one naming nobody is FR-PRETEXTING too (test_guards_sender.py)
    text = "Cabinet Durand : merci de nous rappeler."
    assert rule_ids(run(text, channel="sms", opted_out_channels=["sms"])) == {"FR-CONTACT-AFTER-OPTOUT"}
    assert run(text, channel="letter", opted_out_channels=["sms"]).verdict == "allow"


def test_agency_mandate_and_r124_4():
    assert "FR-AGENCY-PRECONDITIONS" in rule_ids(run(PAY, AGENCY, agency_mandate=False))
    assert run(PAY, AGENCY).verdict == "allow"
    j = run("Rappel : merci de régler votre dette.", AGENCY, channel="sms")
    # "dette" in an SMS's preview is warned too (FR-VISIBLE-ENVELOPE)
    assert rule_ids(j) == {"FR-R124-4-REFERENCE", "FR-VISIBLE-ENVELOPE"} and j.verdict == "block"
    j = run("Bonjour, je vous appelle au sujet de votre dossier.", AGENCY, channel="call")
    assert j.verdict == "warn"
    j = run("Vous devez 504,20 € à Fibra. Payez sous 8 jours.", AGENCY, channel="letter",
            first_letter_sent=False, first_letter_ref=None, contacts_so_far=0)
    first = [f for f in j.findings if f.rule_id == "FR-R124-4-FIRST-LETTER"][0]
    assert first.severity == "block"
    assert {"recouvrement_amiable", "montant_detaille", "reproduction_L111-8_al2"} <= set(first.missing)
    assert first.to_dict()["missing"] == list(first.missing)


def test_gdpr_first_letter_notice_nir_and_acknowledgement():
    first = dict(first_letter_sent=False, first_letter_ref=None, contacts_so_far=0)
    j = run("Recouvra, recouvrement amiable.", AGENCY, channel="letter", **first)
    assert {"EU-GDPR-ART14-NOTICE", "FR-R124-4-FIRST-LETTER"} <= rule_ids(j)
    assert "EU-GDPR-NIR" in rule_ids(run("Votre NIR 1 85 05 75 112 233 44 est requis."))
    assert run("IBAN FR76 3000 4000 0312 3456 7890 143").verdict == "allow"
    ack = "Signez cette reconnaissance de dette pour clore le dossier."
    assert run(ack).verdict == "warn"
    assert run(ack, invoice_due_dates=["2020-01-01"]).verdict == "block"


@pytest.mark.parametrize("text,missing", [
    ("Nous vous mettons en demeure de régulariser votre situation.",
     ("fondement", "montant", "delai", "consequence_conditionnelle")),
    ("Mise en demeure de payer : facture F-1001, 450,00 EUR.", ("delai", "consequence_conditionnelle")),
    ("Par la présente, nous vous mettons en demeure de payer 504,20 € au titre de la facture F-1001 avant le "
     "15/12/2026. À défaut, nous pourrons saisir la juridiction compétente.", ()),
    ("We hereby give you formal notice to pay EUR 504.20 for invoice F-1001 within 15 days. Failing that, "
     "we may bring the matter before the competent court.", ()),
])
def test_formal_notice_content(text, missing):
    j = run(text, kind="formal_notice.sent", channel="letter")
    if missing:
        assert rule_ids(j) == {"FR-MISE-EN-DEMEURE-CONTENT"} and j.verdict == "warn"
        assert j.findings[0].missing == missing
    else:
        assert j.verdict == "allow", j.to_dict()
    assert run(text, channel="letter").verdict == "allow"  # an ordinary letter is not held to it


def test_a_title_ends_the_claims_own_time_bar():
    # a judgment runs its own ten-year period (CPCE L111-4): the claim's birth says nothing more
    text = "Nous avons bien reçu votre premier versement ; aucune mesure d'exécution ne sera engagée."
    old = {"claims": [{"ref": "F-1", "born_on": "2022-01-10"}]}
    assert "FR-TIME-BARRED" in rule_ids(run(text, **old))
    assert "FR-TIME-BARRED" not in rule_ids(run(text, has_title=True, **old))
