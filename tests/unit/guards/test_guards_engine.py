import json
from datetime import datetime

import pytest

from chalicelib.domain.guards import Communication, judge, load_pack
from chalicelib.domain.guards import suggestions
from guards_helpers import comm, facts, run


def test_judgement_to_dict_shape():
    j = run("Sans paiement, un huissier procédera à la saisie de vos meubles. Appelez le 08 99 12 34 56.")
    d = j.to_dict()
    json.dumps(d)
    assert d["verdict"] == "block"
    assert d["rule_pack"] == load_pack("FR").meta()
    f = d["findings"][0]
    assert set(f) >= {"rule_id", "severity", "legal_basis", "explanation", "spans"}
    assert set(f["legal_basis"]) >= {"code", "article", "status", "source"}
    assert set(f["explanation"]) == {"fr", "en"}
    assert all(set(s) >= {"start", "end", "text"} for s in f["spans"])


def test_spans_point_into_the_original_text():
    text = "Bonjour Élodie,\n\nSANS RÈGLEMENT la SAIZIE de vos meubles aura lieu ; appelez le 0 899 12 34 56."
    j = run(text)
    assert j.findings
    for f in j.findings:
        for s in f.spans:
            assert text[s.start:s.end] == s.text
    spans = {s.text for f in j.findings for s in f.spans}
    assert "SAIZIE" in spans or any("SAIZIE" in s for s in spans)
    assert "0 899 12 34 56" in spans


def test_context_rules_have_no_spans():
    j = run("Bonjour.", restricted=True)
    assert j.findings[0].to_dict()["spans"] == []


def test_block_findings_come_first_and_verdict_is_the_worst():
    j = run("DERNIER AVIS !!! Vous êtes un escroc.")
    sev = [f.severity for f in j.findings]
    assert sev == sorted(sev, key=lambda s: s != "block") and j.verdict == "block"
    assert run("Bonjour, votre facture n° 45 est disponible.").verdict == "allow"


def test_naive_datetimes_are_rejected():
    with pytest.raises(ValueError):
        Communication("contact.sent", "sms", "debtor", "x", None, datetime(2026, 1, 5, 10))


def test_judge_is_pure_and_repeatable():
    c, f = comm("Sans paiement sous 48h, saisie."), facts()
    a = judge(c, f, [], load_pack("FR")).to_dict()
    b = judge(c, f, [], load_pack("FR")).to_dict()
    assert a == b


def test_every_compliant_rewrite_is_allowed():
    pack = load_pack("FR")
    for rule in pack.rules:
        overrides = {}
        if rule.id in ("FR-FEES-B2B-40EUR", "FR-FEES-B2B-OVER-40", "FR-INTEREST-RATE-B2B"):
            overrides = dict(consumer=False, debtor_kind="company")
        if rule.id == "FR-SEIZURE-BY-AGENCY":
            overrides = dict(has_title=True)
        # as a collector sees it: placeholders shown as their labels
        rendered = suggestions.render(rule.compliant_rewrite, facts(), pack.placeholders)
        for lang, text in rendered.items():
            j = run(text, **overrides)
            assert j.verdict == "allow", (rule.id, lang, j.rule_ids)


def test_empty_text_and_missing_subject():
    assert run("").verdict == "allow"
    assert run("", channel="call").verdict == "allow"
