"""The shortcuts that make a judgement cheap never change what it finds.

Each is a claim "when the cheap test says no, the full test says no"; hypothesis looks for a
text that breaks it, from alphabets holding the characters each one is about (digits, other
numeric characters, separators, case look-alikes the regex engine folds together).
"""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.guards import literals, load_pack, unmask
from chalicelib.domain.guards.patterns import TokenAtoms

SETTINGS = settings(max_examples=400, deadline=None, derandomize=True)


def _pack_regexes():
    pack = load_pack("FR")
    for rule in pack.rules:
        if rule.content is None:
            continue
        yield from rule.content.regexes
        for item in rule.content.require:
            yield from item.regexes


def _variants(text: str) -> list[str]:
    """The text and spellings a case-insensitive regex reads the same ("ſ" as "s", "ı" and "İ"
    as "i", the Kelvin sign as "k")."""
    return [text, text.upper(), text.title(), text.swapcase(),
            text.replace("s", "ſ").replace("i", "ı").replace("k", "\u212a"),
            text.replace("i", "İ").replace("I", "ı")]


def test_most_pack_regexes_have_a_literal_requirement():
    """If the regex parser's layout changed, every regex would run again: this says so."""
    found = list(_pack_regexes())
    assert sum(needs is not None for *_x, needs in found) >= 0.8 * len(found)


def _matching_texts():
    """For each pack regex with a requirement, texts it matches (hypothesis writes them from the
    regex; look-behinds it cannot write are dropped from the regex it writes from)."""
    out = []
    for source, rx, _group, needs in _pack_regexes():
        if needs is None:
            continue
        writable = re.sub(r"\(\?<[!=](?:[^()]|\([^()]*\))*\)", "", rx.pattern)
        try:
            out.append(st.tuples(st.just((source, rx, needs)), st.from_regex(re.compile(writable, rx.flags))))
        except Exception:
            continue
    return st.one_of(out)


@settings(max_examples=600, deadline=None, derandomize=True)
@given(_matching_texts())
def test_a_regex_is_skipped_only_when_it_cannot_match(drawn):
    (source, rx, needs), text = drawn
    for variant in _variants(text):
        folded = literals.fold(variant)
        assert len(folded) == len(variant)
        if rx.search(variant):
            assert not needs.absent(variant, folded), (source, variant)


def test_the_corpus_matches_of_every_regex_hold_their_literals():
    from guards_corpus_eval import load_corpus

    seen = 0
    for case in load_corpus():
        for field in (case.comm.text, case.comm.subject, case.comm.envelope):
            for variant in _variants(field or ""):
                folded = literals.fold(variant)
                for source, rx, _group, needs in _pack_regexes():
                    if needs is not None and rx.search(variant):
                        seen += 1
                        assert not needs.absent(variant, folded), (source, variant)
    assert seen > 100


_LEETISH = st.lists(st.sampled_from(["ab", "a", "Éz", "12", "7", "0", "-", "-\n", ".", "/", " ", "\n", "x3",
                                      "1er", "48h", "½", "²", "Ⅻ", "٣", "F"]), max_size=10).map("".join)


@SETTINGS
@given(_LEETISH)
def test_the_leetspeak_hint_misses_no_disguised_word(text):
    if _full_leet(text):
        assert unmask._may_hold_leet_word(text), text
    assert unmask._has_leet_word(text) == _full_leet(text)


def _full_leet(raw: str) -> bool:
    """_has_leet_word without its hint (the walk over every word group)."""
    for g in unmask._LEET_GROUP_RE.finditer(raw):
        if sum(c.isalpha() for c in g.group()) < 2:
            continue
        fragments = list(unmask._LEET_WORD_RE.finditer(g.group()))
        if any(not m.group().isalpha() and unmask._leet_fragment(m.group(), fragments, k, g.group())
               for k, m in enumerate(fragments)):
            return True
    return False


_SEPARATED = st.lists(st.sampled_from(["a", "b", "é", "1", "Y", "xy", "-", ".", " ", "  ", "\n", "'", "’", "_", "/",
                                        "*", "·", "•", "\t", "\r", "@", "$", "|", "!"]), max_size=16).map("".join)


@SETTINGS
@given(_SEPARATED)
def test_the_single_letter_run_hint_says_what_the_run_regex_says(text):
    assert bool(unmask._SINGLE_RUN_HINT_RE.search(text)) == bool(unmask._SINGLE_RUN_RE.search(text))


@SETTINGS
@given(_SEPARATED)
def test_the_leet_symbol_regex_finds_what_its_look_behind_form_found(text):
    before = re.compile(r"(?<=[^\W\d_])[@$|!](?=[^\W\d_])")     # the form it replaced
    assert [m.span() for m in unmask._LEET_SYMBOL_RE.finditer(text)] == [m.span() for m in before.finditer(text)]


def test_a_pattern_list_offers_exactly_the_patterns_whose_first_word_is_present():
    pack = load_pack("FR")
    tokens = pack.normaliser.tokenize(
        "Sans paiement sous 8 jours, un huissier procédera à la saisie de vos biens ; "
        "nous informerons votre employeur et le fichier FICP.")
    ta = TokenAtoms(tokens, pack.index)
    checked = 0
    for rule in pack.rules:
        if rule.content is None:
            continue
        patterns = rule.content.patterns
        expected = [p for p in patterns if not p[1][0].isdisjoint(ta.present)]
        assert patterns.startable(ta.present) == expected, rule.id
        checked += bool(expected)
    assert checked >= 5


_WORDY = st.lists(st.sampled_from(["AVIS", "HUISSIER", "Saisie", "de", "DE", "f-12", "F12", "ÉTÉ", "été", "Aאב",
                                   "²", "x²", " ", "  ", ", ", ".\n", "ﬁn", "ǅ", "ß", "SS"]), max_size=40).map("".join)


def _uppercase_ratio_before(spec, text):
    """The detector as it was written before its lower-case words were counted at once."""
    acronym_max = int(spec.get("acronym_max_len", 4))
    upper = total = 0
    for w in re.findall(r"[^\W_]+", text):
        if w.islower():
            total += len(w) if w.isalpha() else sum(map(str.isalpha, w))
            continue
        if not w.isalpha() or (w.isupper() and len(w) <= acronym_max):
            if not w.isalpha() and not any(map(str.isdigit, w)):
                total += sum(map(str.isalpha, w))
                upper += sum(map(str.isupper, w))
            continue
        total += len(w)
        upper += len(w) if w.isupper() else sum(map(str.isupper, w))
    if total >= int(spec.get("min_letters", 40)) and upper / total > float(spec.get("ratio", 0.3)):
        return [(0, len(text))]
    return []


@SETTINGS
@given(_WORDY)
def test_the_shouting_detectors_answer_as_before(text):
    from chalicelib.domain.guards import detectors

    ratio = {"type": "uppercase_ratio", "min_letters": 10, "ratio": 0.3}
    assert detectors.run(ratio, text) == _uppercase_ratio_before(ratio, text)
    run = {"type": "caps_run", "min_words": 3, "min_word_len": 2, "acronym_max_len": 4}
    assert detectors.run(run, text) == _caps_run_before(text)


def _caps_run_before(text, min_words=3, min_len=2, acronym_max=4):
    """The caps-run walk without the test that skips texts with no long all-caps word."""
    from chalicelib.domain.guards.detectors import _is_caps_word

    spans, run_start, run_end, words, long_words = [], 0, 0, 0, 0
    for m in re.finditer(r"[^\W_]+", text):
        w = m.group()
        if w.islower():
            caps = False
        elif _is_caps_word(w, min_len, acronym_max):
            if words == 0:
                run_start = m.start()
            run_end, words, long_words = m.end(), words + 1, long_words + 1
            continue
        else:
            caps = bool(words) and w.isupper() and w.isalpha()
        if caps:
            run_end, words = m.end(), words + 1
            continue
        if words >= min_words and long_words >= 2:
            spans.append((run_start, run_end))
        words = long_words = 0
    if words >= min_words and long_words >= 2:
        spans.append((run_start, run_end))
    return spans


@SETTINGS
@given(st.text(alphabet="aabbc22éé-ßSs", max_size=12))
def test_repeats_collapse_as_before(word):
    from chalicelib.domain.guards.text import collapse_repeats

    out, prev = [], ""
    for ch in word:                      # the loop every word went through before
        if ch == prev and ch.isalpha():
            continue
        out.append(ch)
        prev = ch
    assert collapse_repeats(word) == "".join(out)
