"""judge() never raises on arbitrary text and its spans always point into the input."""
from hypothesis import given, settings, strategies as st

from guards_helpers import run

WORDS = st.sampled_from(["saisie", "huissier", "n'", "aucune", "sans", "frais", "de", "recouvrement",
                         "FICP", "!!!", "08 99 12 34 56", "n°", "vous", "paiement", ",", ".", "É", "ß",
                         "œ", "👍", "مرحبا", "\n", "RG 24/12", "SAISIE", "ne", "pas"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=40), st.sampled_from(["sms", "call", "email"]))
def test_judge_total_and_spans_valid(parts, channel):
    text = " ".join(parts)
    j = run(text, channel=channel)
    assert j.verdict in {"allow", "warn", "block"}
    for f in j.findings:
        for s in f.spans:
            assert 0 <= s.start <= s.end <= len(text)
            assert text[s.start:s.end] == s.text
