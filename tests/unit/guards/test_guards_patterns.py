import pytest

from chalicelib.domain.guards.patterns import AtomIndex, TokenAtoms, compile_all
from chalicelib.domain.guards.text import Normaliser


def matches(pattern, text, classes=None, longest=False):
    n = Normaliser({"ds": "dans"})
    index = AtomIndex(n)
    (_, steps, _neg), = compile_all(index, [pattern], classes or {})
    ta = TokenAtoms(n.tokenize(text), index)
    return [ta.tt.span(f, l)[2] for f, l in ta.find(steps, longest=longest)]


def test_literal_stem_alternatives_and_gaps():
    assert matches("saisi* _3 salaire|meubles", "la saisie de votre salaire") == ["saisie de votre salaire"]
    assert matches("saisi* _1 salaire", "la saisie de votre salaire") == []
    assert matches("commandement de payer", "COMMANDEMENT DE PAYER") == ["COMMANDEMENT DE PAYER"]
    assert matches("acte d'huissier", "un acte d'huissier") == ["acte d'huissier"]


def test_fuzzy_only_for_long_words_and_not_for_exact_marker():
    assert matches("tribunal", "le tribunak") == ["tribunak"]
    assert matches("=tribunal", "le tribunak") == []
    assert matches("police", "polite reminder") == []


def test_gap_never_crosses_a_sentence():
    assert matches("saisie _5 salaire", "Pas de saisie. Votre salaire est protégé") == []


def test_a_match_ends_at_the_first_target_or_with_longest_at_the_last():
    # exclusions take the longest: a reported question covers every threat word it names
    text = "vous demandez si un huissier va venir saisir vos meubles. Nous saisirons"
    pattern = "demandez _2 si _12 huissier|saisir|saisirons"
    assert matches(pattern, text) == ["demandez si un huissier"]
    assert matches(pattern, text, longest=True) == ["demandez si un huissier va venir saisir"]


def test_classes():
    assert matches("@assets", "vos meubles", {"assets": ["meuble*"]}) == ["meubles"]


@pytest.mark.parametrize("bad", ["_2 saisie", "saisie _2", "@nope", "a||b"])
def test_bad_patterns_rejected(bad):
    with pytest.raises(ValueError):
        matches(bad, "x")


@pytest.mark.parametrize("bad", ["etre? saisi", "(saisie)", "saisie,", "a|b c?"])
def test_punctuation_in_patterns_is_rejected(bad):
    with pytest.raises(ValueError):
        matches(bad, "x")


@pytest.mark.parametrize("bad", ["souci _2 de plus|en plus", "interest _3 due date|invoice date|due",
                                 "l441|d441|l441 10|d441 5"])
def test_phrases_written_as_alternatives_are_rejected(bad):
    # spaces separate words: "de plus|en plus" would be "de", "plus|en", "plus" and match
    # almost nothing; each phrase is written as its own pattern
    with pytest.raises(ValueError, match="one pattern per phrase"):
        matches(bad, "x")


def test_neighbouring_alternations_without_a_shared_word_are_a_sequence():
    assert matches("de|en _1 plus", "un souci de plus") == ["de plus"]
    assert matches("souci|ennui _2 de|en plus", "un ennui en plus") == ["ennui en plus"]
