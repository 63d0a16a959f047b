"""Rewrite suggestions use the case's own facts or placeholders, never facts from elsewhere
(issue #11, item 7)."""
from __future__ import annotations

import re

import pytest

from chalicelib.domain.guards import load_pack
from chalicelib.domain.guards.pack import compile_pack

from guards_helpers import AGENCY, REF, run

# a date, a year, a phone number, an amount other than the law's 40 EUR, a numbered reference,
# a made-up party name: facts of some other case
FOREIGN_FACTS = re.compile(
    r"\d{1,2}/\d{1,2}|\b(?:19|20)\d{2}\b|\b0\d(?:[ .]?\d\d){4}\b|(?<![\w.])(?!40\b)\d+(?:[.,]\d+)?\s?€|EUR\s?(?!40\b)\d"
    r"|\b(?:n°|no\.|réf\.|ref\.)\s?\d|Société X|Company X|\bY\b|M\. Martin|Mr Martin")


def test_no_rewrite_carries_facts_from_another_case():
    pack = load_pack("FR")
    found = [(r.id, lang, text) for r in pack.rules for lang, text in r.compliant_rewrite.items()
             if FOREIGN_FACTS.search(text)]
    assert not found, found


def test_the_case_reference_is_filled_in_and_the_rest_is_a_placeholder():
    j = run("Rappel : votre solde reste dû.", profile=AGENCY, channel="letter")
    f = next(f for f in j.findings if f.rule_id == "FR-R124-4-REFERENCE")
    assert f"réf. {REF}" in f.compliant_rewrite["fr"] and f"ref. {REF}" in f.compliant_rewrite["en"]
    assert "[votre société]" in f.compliant_rewrite["fr"]
    assert "[your company]" in f.compliant_rewrite["en"]
    assert "{{" not in f.compliant_rewrite["fr"] + f.compliant_rewrite["en"]
    unknown = run("Rappel : votre solde reste dû.", profile=AGENCY, channel="letter", first_letter_ref=None)
    for f in unknown.findings:
        if f.rule_id == "FR-PRETEXTING":
            assert "[référence de notre premier courrier]" in f.compliant_rewrite["fr"]


@pytest.mark.parametrize("text,rule", [
    ("Sans paiement sous 48 h, un huissier procédera à la saisie de vos meubles.", "FR-SEIZURE-NO-TITLE"),
    ("Frais de dossier : 30 €.", "FR-FEES-CONSUMER"),
])
def test_rendered_suggestions_hold_no_template_marks(text, rule):
    f = next(f for f in run(text).findings if f.rule_id == rule)
    for lang in ("fr", "en"):
        assert "{{" not in f.compliant_rewrite[lang] and not FOREIGN_FACTS.search(f.compliant_rewrite[lang])


def test_an_undeclared_placeholder_is_refused_at_load():
    data = dict(load_pack("FR").data)
    rules = [dict(r) for r in data["rules"]]
    rules[0]["compliant_rewrite"] = {"fr": "Le {{date_inventee}}", "en": "On {{date_inventee}}"}
    data["rules"] = rules
    with pytest.raises(ValueError, match="date_inventee"):
        compile_pack(data)
