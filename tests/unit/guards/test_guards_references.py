"""Citing case references: the agency's first letter (R124-4 CPCE, last paragraph)."""
from __future__ import annotations

from datetime import datetime

import pytest

from chalicelib.domain.guards.references import cites, recalls_first_letter

from guards_helpers import AGENCY, PARIS, rule_ids, run


@pytest.mark.parametrize("text", [
    "Dossier AT-3390-01 : merci de nous rappeler.",                 # the full reference
    "dossier at 3390/01, merci de nous rappeler",                   # separators do not matter
    "au sujet du dossier AT-3390 (notre courrier du 18/11/2026).",  # the file and the letter's date
    "dossier AT-3390, suite à notre courrier du 18 novembre 2026.",
    "ref AT-3390, our letter of 2 February 2027",
    "Processo AT-3390 – na sequência da nossa carta de 9 de novembro de 2026",
    "AT-3390 (رسالتنا بتاريخ 2026/11/27)",
])
def test_a_later_step_recalls_the_first_letter(text):
    assert recalls_first_letter("AT-3390-01", text)


@pytest.mark.parametrize("text", [
    "Merci de nous rappeler au sujet du dossier AT-3390.",          # the file, no letter date
    "dossier AT-3390-02 (notre courrier du 18/11/2026)",            # another letter of the file
    "dossier AT-33901 du 18/11/2026",                               # another file
    "Rappel : merci de régler votre dette avant le 18/11/2026.",
])
def test_what_does_not_recall_the_first_letter(text):
    assert not recalls_first_letter("AT-3390-01", text)


def test_only_a_short_letter_suffix_is_dropped_and_a_vague_stem_is_none():
    # "AR-26-4471": its last part is a number of the file itself, "AR-26" names nothing
    assert not recalls_first_letter("AR-26-4471", "dossier AR-26 (notre courrier du 18/11/2026)")
    assert recalls_first_letter("AR-26-4471", "réf. AR-26-4471")


def test_a_stem_that_is_an_invoice_reference_recalls_no_letter():
    text = "facture CP-1180 du 14/04/2026, 2 450,00 €"
    assert recalls_first_letter("CP-1180-R", text)
    assert not recalls_first_letter("CP-1180-R", text, claim_refs=["CP-1180"])


def test_cites_ignores_separators_and_too_short_references():
    assert cites("BT-2026-288", "factures n° BT 2026 288 et BT-2026-301")
    assert not cites("A1", "A1 A1 A1")


def test_the_rule_reads_the_file_and_date_as_the_first_letter():
    agency = dict(AGENCY, first_letter_ref="SG-10452-P")
    when = datetime(2027, 1, 21, 15, 20, tzinfo=PARIS)
    recalled = "Dossier SG-10452 (notre courrier du 24 novembre 2026) : le montant dû reste de 1 460,00 €."
    assert "FR-R124-4-REFERENCE" not in rule_ids(run(recalled, agency, when=when))
    bare = "Dossier SG-10452 : le montant dû reste de 1 460,00 €."
    assert "FR-R124-4-REFERENCE" in rule_ids(run(bare, agency, when=when))
    # an invoice numbered like the file's stem is no recall of the letter
    invoice = "Facture SG-10452 du 24/11/2026 : le montant dû reste de 1 460,00 €."
    j = run(invoice, agency, when=when, claims=[{"ref": "SG-10452", "born_on": "2026-10-01"}])
    assert "FR-R124-4-REFERENCE" in rule_ids(j)
