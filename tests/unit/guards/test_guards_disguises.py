"""A verdict never gets milder under a disguise (issue #11, item 1).

For every corpus message that its plain wording blocks, each disguise family is applied to
the words of the blocking spans; the disguised message must still be blocked by the same
rules. The sweep covers every message and family with fixed seeds (the measurement printed
with -s); hypothesis then draws messages, families and positions freely.

Also: unmasking alone never makes a lawful corpus message blocked (before/after printed).
"""
from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib.domain.guards import content, judge, load_pack
from chalicelib.domain.guards.unmask import Reading, readings

from guards_corpus_eval import load_corpus
from guards_helpers import rule_ids, run

_WORD_RE = re.compile(r"[^\W\d_]{3,}")
LOOKALIKES = {  # Cyrillic and Greek letters that pass for Latin ones
    "a": "а", "c": "с", "e": "е", "i": "і", "j": "ј", "o": "ο", "p": "р", "s": "ѕ", "x": "х", "y": "у",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М", "O": "Ο",
    "P": "Р", "T": "Т", "X": "Х", "Y": "Υ", "N": "Ν",
}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7", "A": "4", "E": "3", "I": "1",
        "O": "0", "S": "5", "T": "7"}


def _inner(word: str, rng: random.Random, sep: str) -> str:
    """One separator at an inner position (both sides keep two letters or more)."""
    if len(word) < 4:
        return word
    cut = rng.randint(2, len(word) - 2)
    return word[:cut] + sep + word[cut:]


def _lookalike(w, rng):
    chars = [LOOKALIKES.get(c, c) if rng.random() < 0.6 else c for c in w]
    if "".join(chars) == w:                       # at least one letter swapped
        i = next((i for i, c in enumerate(w) if c in LOOKALIKES), None)
        if i is not None:
            chars[i] = LOOKALIKES[w[i]]
    return "".join(chars)


def _leet(w, rng):
    out, letters = [], sum(c.isalpha() for c in w)
    for c in w:
        if c in LEET and letters > 2 and rng.random() < 0.5:
            out.append(LEET[c])
            letters -= 1
        else:
            out.append(c)
    return "".join(out)


def _between_letters(insert):
    def disguise(w, rng):
        cut = rng.randint(1, len(w) - 1)
        return w[:cut] + insert + w[cut:]
    return disguise


def _combining(w, rng):
    i = rng.randrange(len(w))
    return w[:i + 1] + rng.choice("\u0301\u0300\u0308\u0302\u0327") + w[i + 1:]


def _entity(w, rng):
    i = rng.randrange(len(w))
    return w[:i] + f"&#{ord(w[i])};" + w[i + 1:]


def _fullwidth(w, rng):
    """Compatibility forms that NFKC folds back: fullwidth Latin letters and the "ﬁ" ligature."""
    out = "".join(chr(ord(c) - 0x21 + 0xFF01) if "!" <= c <= "~" and rng.random() < 0.7 else c for c in w)
    return out.replace("fi", "\ufb01") if out == w else out


def _letter_symbols(first: int, lower: bool = False):
    """Letters as symbols: negative circled (U+1F150) or squared (U+1F170) capitals, regional
    indicators (U+1F1E6)."""
    def disguise(w, rng):
        return "".join(chr(first + ord(c.upper()) - ord("A")) if c.isascii() and c.isalpha() else c for c in w)
    return disguise


_SMALL_CAPITALS = {"a": "ᴀ", "b": "ʙ", "c": "ᴄ", "d": "ᴅ", "e": "ᴇ", "g": "ɢ", "h": "ʜ", "i": "ɪ", "j": "ᴊ",
                   "k": "ᴋ", "l": "ʟ", "m": "ᴍ", "n": "ɴ", "o": "ᴏ", "p": "ᴘ", "r": "ʀ", "s": "ꜱ", "t": "ᴛ",
                   "u": "ᴜ", "v": "ᴠ", "w": "ᴡ", "y": "ʏ", "z": "ᴢ"}
_SYMBOLS = {"a": "@", "s": "$", "i": "!", "A": "@", "S": "$", "I": "!"}

WORD_FAMILIES = {
    "lookalike letters": _lookalike,
    "zero-width space": _between_letters("\u200b"),
    "zero-width joiner": _between_letters("\u200d"),
    "soft hyphen": _between_letters("\u00ad"),
    "digits for letters": _leet,
    "spaced letters": lambda w, rng: " ".join(w) if len(w) >= 4 else w,
    "dotted letters": lambda w, rng: ".".join(w) if len(w) >= 4 else w,
    "combining accents": _combining,
    "html entity": _entity,
    "empty tag": lambda w, rng: _inner(w, rng, "<b></b>"),
    "html comment": lambda w, rng: _inner(w, rng, "<!-- x -->"),
    "fullwidth letters": _fullwidth,
    "inner hyphen": lambda w, rng: _inner(w, rng, "-"),
    "line break in a word": lambda w, rng: _inner(w, rng, "\n"),
    # co-100: the word written backwards inside a right-to-left override, which displays it
    # the right way round
    "right-to-left override": lambda w, rng: "\u202e" + w[::-1] + "\u202c",
    "negative circled letters": _letter_symbols(0x1F150),
    "negative squared letters": _letter_symbols(0x1F170),
    "regional indicator letters": _letter_symbols(0x1F1E6),
    "small capitals": lambda w, rng: "".join(_SMALL_CAPITALS.get(c, c) for c in w),
    "symbols for letters": lambda w, rng: "".join(_SYMBOLS.get(c, c) for c in w),
    "letters spaced by no-break spaces": lambda w, rng: "\u00a0".join(w) if len(w) >= 4 else w,
}
# a markup or spacing disguise goes last and alone (a zero-width space inside "&#105;" is no
# longer an entity for any reader)
# (a line break inside a right-to-left override ends it: the reader would no longer see the word)
MARKUP_FAMILIES = ["spaced letters", "dotted letters", "html entity", "empty tag", "html comment", "inner hyphen",
                   "line break in a word", "right-to-left override", "letters spaced by no-break spaces",
                   "symbols for letters"]
CHARACTER_FAMILIES = [f for f in WORD_FAMILIES if f not in MARKUP_FAMILIES]
SPLITTING_FAMILIES = ["spaced letters", "dotted letters", "inner hyphen", "line break in a word",
                      "letters spaced by no-break spaces"]
FAMILIES = (*WORD_FAMILIES, "NFD text", "moved to the subject", "moved to the envelope")
NEUTRAL = "Madame, Monsieur, merci de prendre connaissance de ce courrier."
_MARKUP_RE = re.compile(r"<[^>]*>|&#?\w+;")


@lru_cache(maxsize=1)
def blocked_cases():
    """(case, block rules with spans in the text, the spans) for every message the plain wording blocks."""
    pack = load_pack("FR")
    out = []
    for case in load_corpus():
        j = judge(case.comm, case.facts, case.history, pack)
        if j.verdict != "block":
            continue
        rules = {f.rule_id for f in j.findings
                 if f.severity == "block" and f.spans and all(s.field == "text" for s in f.spans)}
        if rules:
            spans = [s for f in j.findings if f.rule_id in rules for s in f.spans]
            out.append((case, frozenset(rules), spans))
    return tuple(out)


def disguise(case, spans, family, rng: random.Random, every_word: bool = True):
    """The case's communication with one family (a name) or stacked word families (a list),
    applied to every word of the blocking spans, or only to the longest word of each span."""
    comm = case.comm
    if family == "NFD text":
        return replace(comm, text=unicodedata.normalize("NFD", comm.text))
    if family == "moved to the subject":
        return replace(comm, text=NEUTRAL, subject=comm.text)
    if family == "moved to the envelope":
        return replace(comm, text=NEUTRAL, envelope=comm.text)
    fns = [WORD_FAMILIES[f] for f in ([family] if isinstance(family, str) else family)]
    text = comm.text
    # disguise each word of the blocking spans, right to left so offsets stay valid
    targets = set()
    for s in spans:
        found = [(m.start() + s.start, m.end() + s.start) for m in _WORD_RE.finditer(text[s.start:s.end])]
        if found and not every_word:
            found = [max(found, key=lambda se: se[1] - se[0])]
        targets.update(found)
    # markup of an HTML message (tag names, entity names like "&nbsp;") is no word a reader
    # sees: disguising it would break the markup, not hide a word
    markup = [m.span() for m in _MARKUP_RE.finditer(text)]
    targets = sorted((t for t in targets if not any(s < t[1] and t[0] < e for s, e in markup)), reverse=True)
    last = None
    for start, end in targets:
        if last is not None and end > last:
            continue                                # overlapping spans: each word once
        word = text[start:end]
        for fn in fns:
            word = fn(word, rng)
        text = text[:start] + word + text[end:]
        last = start
    return replace(comm, text=text)


def _still_blocked(case, rules, comm):
    j = judge(comm, case.facts, case.history, load_pack("FR"))
    return j.verdict == "block" and rules <= set(j.rule_ids), j


def _sweep(family, every_word=True):
    cases = blocked_cases()
    missed = []
    for case, rules, spans in cases:
        comm = disguise(case, spans, family, random.Random(f"{case.id}/{family}"), every_word)
        ok, j = _still_blocked(case, rules, comm)
        if not ok:
            missed.append((case.id, sorted(rules - set(j.rule_ids)), j.verdict, comm.text[:120]))
    print(f"\n{family} ({'every word' if every_word else 'longest word'} of the blocking spans): "
          f"{len(cases) - len(missed)}/{len(cases)} still blocked by the same rules")
    return cases, missed


@pytest.mark.parametrize("family", [f for f in FAMILIES if f not in SPLITTING_FAMILIES])
def test_every_blocked_message_stays_blocked_under_each_disguise(family):
    cases, missed = _sweep(family)
    assert len(cases) > 200
    assert not missed, missed[:5]


@pytest.mark.parametrize("family", SPLITTING_FAMILIES)
def test_a_split_word_is_read_whole(family):
    """The threat's main word split by spaces, dots, a hyphen or a line break."""
    _cases, missed = _sweep(family, every_word=False)
    assert not missed, missed[:5]


@pytest.mark.parametrize("family", SPLITTING_FAMILIES)
def test_every_word_split_mostly_read(family):
    """Every word of the threat split: proper names and words outside the pack's vocabulary
    cannot be glued back with certainty (README: known gaps). Floor = the measured figure."""
    cases, missed = _sweep(family)
    assert len(missed) <= 0.06 * len(cases), missed


# derandomize: the same 150 draws on every run, like the project's other property tests, so a
# gap fails every run (and is fixed or reported) instead of one CI run in three. Gaps found by
# random runs get their own example test below.
@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_disguise_of_any_blocked_message_stays_blocked(data):
    cases = blocked_cases()
    case, rules, spans = cases[data.draw(st.integers(0, len(cases) - 1), label="message")]
    families = data.draw(st.lists(st.sampled_from(CHARACTER_FAMILIES), min_size=0, max_size=2, unique=True),
                         label="character families (stacked on each word)")
    families += data.draw(st.lists(st.sampled_from(MARKUP_FAMILIES), min_size=1 - len(families) if not families
                                   else 0, max_size=1), label="then at most one markup or spacing family")
    rng = random.Random(data.draw(st.integers(0, 2**32), label="seed"))
    comm = disguise(case, spans, families, rng, every_word=not set(families) & set(SPLITTING_FAMILIES))
    ok, j = _still_blocked(case, rules, comm)
    assert ok, (case.id, families, comm.text, j.rule_ids)


def test_unmasking_alone_never_blocks_a_lawful_message(monkeypatch):
    pack = load_pack("FR")
    lawful = [c for c in load_corpus() if c.expect_verdict == "allow"]
    after = {c.id: judge(c.comm, c.facts, c.history, pack).verdict for c in lawful}
    monkeypatch.setattr(content, "readings", lambda raw, words: (Reading(raw),))
    before = {c.id: judge(c.comm, c.facts, c.history, pack).verdict for c in lawful}
    worse = [i for i in after if before[i] != "block" and after[i] == "block"]
    n_before = sum(v == "block" for v in before.values())
    n_after = sum(v == "block" for v in after.values())
    print(f"\nlawful messages blocked: {n_before}/{len(lawful)} as written, {n_after}/{len(lawful)} "
          f"with unmasking; made worse by unmasking: {worse}")
    assert not worse


@pytest.mark.parametrize("text", [
    "Pour suite à votre courrier, voici le détail.",
    "Nous vous invitons à saisir cette opportunité.",
    "Il y a 3 jours, le 1er mars, 2e relance sous 48h.",
    "Vous pourrez saisir gratuitement le médiateur.",
    "N'y a-t-il pas une erreur ?",
    "Réf. RA-2026-0457, facture F-12, 4x4.",
    "Peut-être pourrez-vous nous rappeler ?",
    "Vous pouvez saisir\nle médiateur de la consommation.",
])
def test_ordinary_text_reads_as_written(text):
    pack = load_pack("FR")
    assert [r.text for r in readings(text, pack)] == [text]


def test_spans_point_into_the_text_as_written():
    pack = load_pack("FR")
    text = "Un hu&#105;ssier procédera à la s a i s i e."
    (_, unmasked) = readings(text, pack)
    assert unmasked.text == "Un huissier procédera à la saisie."
    start = unmasked.text.index("saisie")
    s, e = unmasked.span(start, start + len("saisie"))
    assert text[s:e] == "s a i s i e"
    s, e = unmasked.span(3, 11)
    assert text[s:e] == "hu&#105;ssier"


def test_a_finding_added_by_unmasking_can_only_hide_milder_ones():
    """More findings can suppress others (suppressed_by); that never lowers the verdict only if
    every suppressor is at least as severe as what it suppresses, whatever severity_when says,
    or reads only fields that unmasking leaves as written (content.as_written: a field with
    markup, hidden or look-alike characters never feeds it, so a disguise cannot add it)."""
    from chalicelib.domain.guards.pack import SEVERITY_RANK as rank

    pack = load_pack("FR")
    by_id = {r.id: r for r in pack.rules}
    for rule in pack.rules:
        highest = max([rank[rule.severity]] + [rank[s] for _, s in rule.severity_when])
        for other in rule.suppressed_by:
            sup = by_id[other]
            lowest = min([rank[sup.severity]] + [rank[s] for _, s in sup.severity_when])
            assert lowest >= highest or (sup.content is not None and sup.content.as_written), (rule.id, other)


@pytest.mark.parametrize("case_id, word, disguised", [
    # found by random runs of the property test above (2026-12-02): spaced letters mixed with
    # digits and look-alikes were cut into words before the digits were read as letters
    ("ctx-008", "maintenons", "m a i n 7 3 n o n 5"),
])
def test_spaced_letters_with_digits_are_cut_where_the_words_are(case_id, word, disguised):
    case, rules, _spans = next(c for c in blocked_cases() if c[0].id == case_id)
    assert word in case.comm.text
    comm = replace(case.comm, text=case.comm.text.replace(word, disguised))
    ok, j = _still_blocked(case, rules, comm)
    assert ok, (case_id, comm.text, j.rule_ids)


ZWSP = "\u200b"


@pytest.mark.parametrize("text", [
    # two disguises stacked on one word (found on the held-out batches, 2026-12-03): once the
    # zero-width space is gone, single letters sit beside a fragment of the same word
    f"Without payment within 5 days, b a i l{ZWSP}iffs will be sent to take your furniture.",
    f"Without payment within 5 days, our agents will s{ZWSP}e i z e your furniture.",
    f"Sans paiement, notre mandant mandatera un h u i s s{ZWSP}ier pour vos meubles.",
])
def test_single_letters_beside_a_fragment_of_the_word_are_read_whole(text):
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(text))


def test_single_letters_that_are_a_word_of_their_own_keep_their_neighbour_apart():
    # "s u r c h a r g e of": the run is a word by itself, "of" is not glued to it
    j = run(f"A bad-faith s u r c h a r g e of 50 EUR has been added{ZWSP}.", consumer=False)
    assert any(f.rule_id in ("FR-PENALTY-NO-BASIS", "FR-UNAUTHORISED-DAMAGES") for f in j.findings)


@pytest.mark.parametrize("word", ["бailiff", "6ailiff"])
def test_a_letter_written_as_a_six_or_a_cyrillic_be_is_read_as_b(word):
    # ci-146: TR39 maps the Cyrillic "б" to the digit "6"; the unmasking reads a 6 inside a word as "b"
    text = (f"Unless payment is received by 13/12/2030, a {word} will be instructed to attend your home and remove "
            "goods to the value of the debt.")
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(run(text))


def _letters_whose_skeleton_is_a_digit():
    """(look-alike letter, the Latin letter its digit reads as): TR39 maps some letters of other
    scripts to digits ("б" -> "6", "З" -> "3"), which the unmasking then reads as letters."""
    from chalicelib.domain.guards.unmask import _LEET_DIGITS, confusables
    out = []
    for char, skeleton in sorted(confusables().items()):
        if len(char) == 1 and char.isalpha() and skeleton.isdigit() and ord(skeleton) in _LEET_DIGITS:
            out.append((char, _LEET_DIGITS[ord(skeleton)]))
    return out


@pytest.mark.parametrize("char, latin", _letters_whose_skeleton_is_a_digit())
def test_a_look_alike_letter_read_as_a_digit_never_hides_a_threat(char, latin):
    words = {"a": "saisie", "b": "bailiff", "e": "saisie", "g": "gendarmerie", "i": "saisie", "o": "police",
             "s": "saisie", "t": "saisie-attribution"}
    word = words[latin]
    disguised = word.replace(latin, char, 1)
    assert disguised != word
    text = f"Sans paiement sous huit jours, nous procéderons à la {disguised} de vos meubles."
    if latin in ("b",):
        text = f"Unless you pay within eight days, a {disguised} will remove your furniture."
    if latin in ("g", "o"):
        text = f"Sans paiement sous huit jours, nous porterons plainte auprès de la {disguised}."
    plain = run(text.replace(disguised, word))
    assert plain.verdict == "block"
    assert run(text).verdict == "block", (char, text)


@pytest.mark.parametrize("text, shown", [
    ("la \u202eeisias\u202c de", "la saisie de"),
    ("x \u202eabc \u202ddef\u202c ghi\u202c y", "x ihg def cba y"),    # an LRO inside reads in order
    ("\u202eeisias\nsaisie", "saisie\nsaisie"),                         # an override ends with its line
    ("\u202bsaisie\u202c", "saisie"),                                   # an embedding reorders no Latin letter
])
def test_a_right_to_left_override_is_read_in_the_order_it_is_displayed(text, shown):
    assert shown in [r.text for r in readings(text)]


def test_a_threat_written_backwards_under_an_override_blocks_and_points_at_what_was_written():
    text = "À défaut de règlement, nous ferons procéder à la \u202eeisias\u202c de votre compte bancaire."
    j = run(text)
    assert "FR-SEIZURE-NO-TITLE" in rule_ids(j)
    spans = [s for f in j.findings if f.rule_id == "FR-SEIZURE-NO-TITLE" for s in f.spans]
    assert any("eisias" in s.text for s in spans)


def test_a_one_letter_word_kept_apart_after_spaced_capitals_is_not_glued_on():
    # ej-065: "S A L A I R E  à compter" read "SALAIREà", a word of no language
    from guards_helpers import AGENCY as _AGENCY, run as _run, rule_ids as _rule_ids
    text = "Comme annoncé : R E T E N U E   S U R   S A L A I R E  à compter du 10/12 sans paiement."
    assert "FR-SEIZURE-NO-TITLE" in _rule_ids(_run(text, _AGENCY, channel="sms"))
    assert "FR-SEIZURE-NO-TITLE" in _rule_ids(_run("Comme annoncé : retenue sur salaire à compter du 10/12.", _AGENCY,
                                                   channel="sms"))


def test_a_cyrillic_es_inside_a_latin_word_is_also_read_as_s():
    # en-023: "саisie" with a Cyrillic es reads "caisie" by the skeleton, "saisie" by ear
    from guards_helpers import AGENCY as _AGENCY, run as _run, rule_ids as _rule_ids
    text = "Sans règlement sous 5 jours, nous procéderons à la саisie de vos cоmptes bancaires."
    assert "FR-SEIZURE-NO-TITLE" in _rule_ids(_run(text, _AGENCY))


def test_a_run_of_single_letters_is_also_read_whole():
    # pack 2026.12.154 learnt "access" (key "ase"), which made "s e a z e" read "se aze": the run
    # is now also read whole, and the strictest reading decides
    from chalicelib.domain.guards import load_pack
    texts = [r.text for r in readings("If you dont pay we will s e a z e your car.", load_pack("FR"))]
    assert "If you dont pay we will seaze your car." in texts
