"""The arithmetic of a statement of account (statement.py) and the rule that reads it
(FR-INTEREST-ARITHMETIC): a calm letter whose numbers break the law."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from guards_helpers import AGENCY, CREDITOR, rule_ids, run, severities

from chalicelib.domain.guards.statement import items, statement_facts

LENDER = dict(CREDITOR, creditor_kind="credit_institution", contract_late_interest=True, formal_notices_sent=1)
DEFAULTED_LOAN = """Décompte au 20/11/2026 :
  échéances impayées (août à octobre 2026) : 637,20 €
  capital restant dû : 6 250,00 €
  indemnité légale de défaillance (art. D312-16 du code de la consommation) : {indemnity} €
  Total exigible : 7 705,15 €"""
LEGAL_INTEREST = """Situation au 04/12/2026 :
- principal : 300,00 €
- intérêts au taux légal depuis la mise en demeure du 03/11/2026 : {interest} €
- total : 348,00 €"""


def test_items_are_labels_with_a_colon_and_prose_is_not_read():
    assert [(label.strip(), cents) for label, _, cents in items("- principal : 300,00 € ; frais : 0 €")] == [
        ("- principal :", 30000), ("frais :", 0)]
    # in prose a label may follow its amount: nothing is read rather than something wrong
    assert items("Le solde s'établit à 6 200,00 € en principal, outre 38,54 € d'intérêts.") == []


def test_a_default_indemnity_is_set_against_the_capital_and_unpaid_instalments():
    over = statement_facts(DEFAULTED_LOAN.format(indemnity="812,50"), date(2026, 12, 8))
    assert over["indemnity_pct_of_capital"] == 11.8        # 812.50 / (6 250 + 637.20)
    at_cap = statement_facts(DEFAULTED_LOAN.format(indemnity="551,00"), date(2026, 12, 8))
    assert at_cap["indemnity_pct_of_capital"] == 8.0


def test_interest_is_set_against_its_principal_and_period():
    facts = statement_facts(LEGAL_INTEREST.format(interest="48,00"), date(2026, 12, 4))
    assert 188 < facts["interest_annual_pct"] < 189        # 48 / 300 over 31 days
    lawful = statement_facts(LEGAL_INTEREST.format(interest="1,60"), date(2026, 12, 4))
    assert 6 < lawful["interest_annual_pct"] < 7


def test_nothing_is_computed_without_what_it_needs():
    assert statement_facts("Merci de régler 120,00 €.", date(2026, 12, 4)) == {
        "indemnity_pct_of_capital": None, "indemnity_cites_credit_law": None, "interest_annual_pct": None,
        "interest_vs_stated_rate": None, "total_excess_cents": None, "plan_excess_cents": None}
    # a period of a few days: rounding to the cent makes any rate
    short = LEGAL_INTEREST.format(interest="1,00").replace("03/11/2026", "30/11/2026")
    assert statement_facts(short, date(2026, 12, 4))["interest_annual_pct"] is None
    # a statement dated after the day judged is not believed (a later date lowers the rate)
    ahead = LEGAL_INTEREST.format(interest="48,00").replace("Situation au 04/12/2026", "Situation au 04/12/2027")
    assert statement_facts(ahead, date(2026, 12, 4))["interest_annual_pct"] > 100


def test_a_lender_claiming_more_than_eight_percent_is_blocked_and_eight_percent_is_not():
    over = run(DEFAULTED_LOAN.format(indemnity="812,50"), LENDER, channel="letter")
    assert severities(over, "FR-INTEREST-ARITHMETIC") == ["block"]
    assert "FR-INTEREST-ARITHMETIC" not in rule_ids(run(DEFAULTED_LOAN.format(indemnity="551,00"), LENDER,
                                                        channel="letter"))
    # a company borrower is outside the consumer-credit cap
    assert "FR-INTEREST-ARITHMETIC" not in rule_ids(run(DEFAULTED_LOAN.format(indemnity="812,50"), LENDER,
                                                        channel="letter", consumer=False))


def test_interest_far_above_any_legal_rate_is_blocked():
    text = LEGAL_INTEREST.format(interest="48,00")
    assert severities(run(text, CREDITOR, formal_notices_sent=1), "FR-INTEREST-ARITHMETIC") == ["block"]
    assert "FR-INTEREST-ARITHMETIC" not in rule_ids(run(LEGAL_INTEREST.format(interest="1,60"), CREDITOR,
                                                        formal_notices_sent=1))


def test_a_consumer_lender_may_not_raise_the_rate_after_default():
    text = "Les sommes impayées portent intérêts de retard au taux majoré de 9,90 % l'an."
    assert severities(run(text, LENDER), "FR-INTEREST-RATE") == ["block"]
    # another creditor's "taux majoré" (legal rate + 5 points after a judgment) stays a warning
    assert severities(run(text, CREDITOR, creditor_kind="retail"), "FR-INTEREST-RATE") == ["warn"]


STATED_RATE = ("Décompte au 15/12/2026 :\n"
               "- Capital restant dû au 15/09/2026 : 1 850,00 €\n"
               "- Intérêts au taux contractuel de 7,20 % l'an du 15/09 au 15/12/2026 (91 jours) : {interest} €\n")


def test_an_interest_line_is_checked_against_its_own_rate_base_and_days():
    # 1 850 € at 7.20 % for 91 days is 33.21 €: twice that is a false claim whatever the legal rate
    assert statement_facts(STATED_RATE.format(interest="66,42"), date(2026, 12, 15))["interest_vs_stated_rate"] == 2.0
    assert statement_facts(STATED_RATE.format(interest="33,21"), date(2026, 12, 15))["interest_vs_stated_rate"] == 1.0
    # an explicit base ("sur 5 312,40 €") wins over the capital line
    line = ("- Intérêts au taux de 9,40 % l'an, sur 5 312,40 € du 20/10 au 14/12/2026 (55 jours) : 75,25 €\n"
            "- Capital restant dû : 9 000,00 €")
    assert statement_facts(line, date(2026, 12, 14))["interest_vs_stated_rate"] == 1.0


def test_interest_twice_its_own_rate_is_blocked_for_a_consumer():
    lender = dict(creditor_kind="credit_institution", formal_notices_sent=1)
    assert severities(run(STATED_RATE.format(interest="66,42"), CREDITOR, **lender), "FR-INTEREST-ARITHMETIC") == ["block"]
    assert "FR-INTEREST-ARITHMETIC" not in rule_ids(run(STATED_RATE.format(interest="33,21"), CREDITOR, **lender))


def test_a_title_whose_last_enforcement_act_is_over_ten_years_old_is_time_barred():
    text = "À défaut de règlement avant le 8 janvier 2027, nous procéderons à une saisie-vente de vos biens mobiliers."
    titled = dict(collector_profession="commissaire_de_justice", acting_under="title", has_title=True,
                  creditor_kind="retail")
    assert "FR-TIME-BARRED-THREAT" in rule_ids(run(text, CREDITOR, last_interruption_on="2016-05-10", **titled))
    assert "FR-TIME-BARRED-THREAT" not in rule_ids(run(text, CREDITOR, last_interruption_on="2019-03-12", **titled))


TABLE_LOAN = """| Poste | Montant |
|---|---|
| Échéances impayées (3 × 212,40 €) | 637,20 € |
| Capital restant dû au 16/11/2026 | 6 250,00 € |
| Indemnité légale (8 % du capital restant dû, art. D312-16) | {indemnity} € |
| Total | 7 685,93 € |"""


def test_a_statement_laid_out_as_a_table_is_read_like_label_colon_amount():
    # batch bo: the cell boundary plays the colon's part, and a cell's own amounts stay in its label
    over = statement_facts(TABLE_LOAN.format(indemnity="750,00"), date(2026, 11, 30))
    assert over["indemnity_pct_of_capital"] == 10.89      # 750 / (6 250 + 637.20)
    assert statement_facts(TABLE_LOAN.format(indemnity="500,00"), date(2026, 11, 30))[
        "indemnity_pct_of_capital"] == 7.26
    assert severities(run(TABLE_LOAN.format(indemnity="750,00"), LENDER), "FR-INTEREST-ARITHMETIC") == ["block"]
    assert "FR-INTEREST-ARITHMETIC" not in rule_ids(run(TABLE_LOAN.format(indemnity="500,00"), LENDER))


def test_interest_dated_in_words_is_set_against_its_period():
    # batch bp: "depuis le 5 janvier 2027", not "05/01/2027"
    text = "- principal : 800,00 € ;\n- intérêts au taux légal depuis le 5 janvier 2027 : {interest} €"
    over = statement_facts(text.format(interest="36,00"), date(2027, 2, 15))
    assert 40 < over["interest_annual_pct"] < 40.1          # 36 / 800 over 41 days
    fair = statement_facts(text.format(interest="5,70"), date(2027, 2, 15))
    assert fair["interest_annual_pct"] < 7
    monday = datetime(2027, 2, 15, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert "FR-INTEREST-ARITHMETIC" in rule_ids(run(text.format(interest="36,00"), CREDITOR, when=monday,
                                                    formal_notices_sent=1))
    assert "FR-INTEREST-ARITHMETIC" not in rule_ids(run(text.format(interest="5,70"), CREDITOR, when=monday,
                                                        formal_notices_sent=1))
    english = "- principal: €800.00\n- interest since 1st January 2027: €36.00"
    assert statement_facts(english, date(2027, 2, 15))["interest_annual_pct"] > 35


def test_a_computed_interest_line_is_worth_its_result_not_its_base():
    # "…, i.e. 28 days: €2,180.00 × 6.47 % × 28/365 = €10.82" claims €10.82, not €2,180.00
    text = ("- principal: €2,180.00\n- interest at the statutory rate from 16 November 2026 to 14 December 2026, "
            "i.e. 28 days: €2,180.00 × 6.47 % × 28/365 = €10.82")
    facts = statement_facts(text, date(2026, 12, 14))
    assert 6.4 < facts["interest_annual_pct"] < 6.5


def test_nil_lines_itemise_a_statement_too():
    # ba-025: one principal, two nil lines and a total 35 € above the principal
    text = ("- Facture n° OL-4471 du 12 septembre 2026, échue le 12 octobre 2026 : principal {principal} €\n"
            "- Intérêts : néant\n- Autres accessoires : néant\nTotal dû : 421,00 €")
    assert statement_facts(text.format(principal="386,00"), date(2026, 12, 2))["total_excess_cents"] == 3500
    assert statement_facts(text.format(principal="421,00"), date(2026, 12, 2))["total_excess_cents"] == 0
    assert "FR-STATEMENT-TOTAL" in rule_ids(run(text.format(principal="386,00"), CREDITOR))
    assert "FR-STATEMENT-TOTAL" not in rule_ids(run(text.format(principal="421,00"), CREDITOR))


def test_english_thousands_before_the_currency_are_read_whole():
    # batch cr: "4,250.00 EUR" was read as 250.00, and the capital line vanished from the statement
    text = ("- outstanding capital at termination: 4,250.00 EUR\n- unpaid instalments before termination: "
            "366.30 EUR\n- statutory default indemnity (8 %, art. D312-16 Code de la consommation): 637.50 EUR\n"
            "Total: 5,253.80 EUR")
    out = statement_facts(text, date(2026, 12, 1))
    assert out["indemnity_pct_of_capital"] == 13.81 and out["total_excess_cents"] == 0
    assert out["indemnity_cites_credit_law"] is True
    assert statement_facts("Principal : 1 250,00 €\nIndemnité légale de défaillance : 100,00 €\n"
                           "Capital restant dû : 1 250,00 €", date(2026, 12, 1))["indemnity_cites_credit_law"] is False


def test_a_sum_to_pay_above_the_lines_it_follows_is_a_total_no_line_explains():
    # cx-150: one invoice line, then an "updated" sum 45 € above it and no line for the difference
    updated = ("Facture n° OF-2031-0302 du 2 mars 2031 (lunettes) : 310,00 €\n"
               "Montant actualisé à régler à réception : {due} €")
    assert statement_facts(updated.format(due="355,00"), date(2031, 6, 10))["total_excess_cents"] == 4500
    assert "FR-STATEMENT-TOTAL" in rule_ids(run(updated.format(due="355,00"), CREDITOR))
    assert "FR-STATEMENT-TOTAL" not in rule_ids(run(updated.format(due="310,00"), CREDITOR))
    # cs-093: a coefficient is no line of the statement; the sum to pay must still add up
    coefficient = ("Facture n° ED-26-10422 du 28/07/2026 (sèche-linge) : 580,00 €\n"
                   "Coefficient d'actualisation du dossier : 1,056\nMontant à régler : 612,48 €")
    assert "FR-STATEMENT-TOTAL" in rule_ids(run(coefficient, CREDITOR))
    # a remaining balance after a payment is no total of what the letter writes
    balance = ("Versement reçu le 03/08/2028 : 100,00 €\nSolde restant dû au titre de la facture : 420,00 €\n"
               "Prochaine échéance : 100,00 € le 03/09/2028.")
    assert statement_facts(balance, date(2028, 8, 10))["total_excess_cents"] is None
    # a sum to pay alone, with nothing itemised beside it, is not read
    assert statement_facts("Montant à régler : 355,00 €", date(2031, 6, 10))["total_excess_cents"] is None
    # "d'un montant de 450,00 €" in prose is no label: nothing is parsed
    assert statement_facts("La facture d'un montant de 450,00 € reste due : merci.", date(2026, 12, 2))[
        "total_excess_cents"] is None


def test_a_product_worked_out_on_its_line_itemises_the_total_below_it():
    # dl-105: "3 × 104,00 €, soit 312,00 €" then a total 47 € higher that no line explains
    text = ("Abonnement annuel, contrat n° FL-L-30218 : échéances impayées d'avril, mai et juin 2026, "
            "3 × 104,00 €, soit 312,00 €.\nTotal dont vous êtes redevable à ce jour : {total} €.")
    assert statement_facts(text.format(total="359,00"), date(2026, 11, 26))["total_excess_cents"] == 4700
    assert statement_facts(text.format(total="312,00"), date(2026, 11, 26))["total_excess_cents"] == 0
    assert "FR-STATEMENT-TOTAL" in rule_ids(run(text.format(total="359,00"), AGENCY))
    assert "FR-STATEMENT-TOTAL" not in rule_ids(run(text.format(total="312,00"), AGENCY))
    # a product whose stated result is not its product stays unreadable: nothing is claimed
    wrong = text.replace("soit 312,00 €", "soit 320,00 €").format(total="359,00")
    assert statement_facts(wrong, date(2026, 11, 26))["total_excess_cents"] is None


def test_a_deposit_written_with_a_minus_above_the_total_is_taken_off_it():
    # do-132: principal 1 290 €, "acompte versé : − 400,00 €", total 929 €: 39 € no line explains
    text = ("- facture n° RE-2026-0527 du 27 mai 2026 : principal 1 290,00 €\n- acompte versé : − 400,00 €\n"
            "- intérêts : néant\nTotal dû : {total} €")
    assert statement_facts(text.format(total="929,00"), date(2026, 11, 23))["total_excess_cents"] == 3900
    assert statement_facts(text.format(total="890,00"), date(2026, 11, 23))["total_excess_cents"] == 0
    # written below the total ("Total facturé", the payment, what remains), it is still an item
    below = "Total facturé : 1 290,00 €\nAcompte versé : − 400,00 €\nReste dû : 890,00 €"
    assert statement_facts(below, date(2026, 11, 23))["total_excess_cents"] == 0
    # a bullet's hyphen is no minus
    bullets = "- principal : 300,00 €\n- 40,00 € de frais\nTotal : 340,00 €"
    assert statement_facts(bullets, date(2026, 11, 23))["total_excess_cents"] == 0


def test_a_plan_whose_equal_instalments_exceed_the_balance_it_settles():
    from chalicelib.domain.guards.instalments import plan_excess_cents
    # ed-002: 12 × 55 € = 660 € for a balance of 600 €
    letter = ("Nous vous confirmons l'échéancier accepté par notre mandant pour le solde de votre facture "
              "LO-26-3390 du 20/05/2026, soit 600,00 € :\ndouze mensualités de 55,00 €, sans frais, prélevées "
              "le 5 de chaque mois du 05/12/2026 au 05/11/2027.")
    assert plan_excess_cents(letter) == 6000
    assert "FR-PLAN-TOTAL" in rule_ids(run(letter, AGENCY))
    exact = letter.replace("55,00 €", "50,00 €")
    assert plan_excess_cents(exact) == 0 and "FR-PLAN-TOTAL" not in rule_ids(run(exact, AGENCY))
    assert plan_excess_cents("Solde : 318,90 €. We propose three monthly instalments of €106.30.") == 0
    # a plan for less than the balance claims nothing extra
    assert plan_excess_cents("Montant restant dû : 900,00 €. Pour commencer, 3 versements de 100,00 €.") == -60000
    # not read: a balance that is no sum to settle ("intérêts 0,00 €"), an unequal plan, interest
    # named beside the plan, no balance before it
    assert plan_excess_cents("La facture reste due : principal 318,90 €, intérêts 0,00 €, aucun frais. "
                             "Nous vous proposons trois versements de 106,30 €.") is None
    assert plan_excess_cents("Solde : 600,00 € : 11 mensualités de 55,00 € puis une dernière de 5,00 €.") is None
    assert plan_excess_cents("Solde : 600,00 € : 12 mensualités de 55,00 € intérêts compris.") is None
    assert plan_excess_cents("Nous proposons 12 mensualités de 55,00 €.") is None
