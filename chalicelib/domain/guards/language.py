"""Cheap language check: which parts of a text the pack cannot read.

Profiles are everyday words per language (``textdata/words.json``). A sentence is foreign
when its best foreign profile scores at least 2 and beats every readable profile, or when it
has ``min_words`` words, none of them from a readable profile and one from a foreign one; a
whole text, or a sentence of ``min_words`` words, is foreign when most of its letters are in a
non-Latin script (Arabic, Cyrillic, Greek, Hebrew, CJK...). Words with letters French and English
never use ("ñ", "ß", "ş") count for the foreign side. About 10 µs per sentence; no model.

Detector spec (pack data): ``{"type": "unreadable_language", "readable": ["fr", "en"],
"min_words": 3, "min_letters": 12, "script_ratio": 0.5}``.
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from .text import fold

_DATA = Path(__file__).resolve().parent / "textdata" / "words.json"
# Words are letters only, and a run of letters glued to a digit is part of a reference
# ("INV-2e7e365e2dc8", "F12", "1er"), never a word of any language: split at its digits it would
# read "e e e dc". A whole run of letters is taken (possessively), and only when neither a letter
# nor a digit stands right before or after it.
_WORD_RE = re.compile(r"(?<![^\W_])[^\W\d_]++(?![^\W_])", re.UNICODE)
_SENTENCE_RE = re.compile(r"[^.!?;\n]+")
_FOREIGN_LETTERS = frozenset("ñßşğıãõåøłőűčřžšąęțșäöü¿¡")
# letters only Vietnamese writes (a horn, a breve, a dot below, a hook above, "đ"): a lowercase
# word holding one is running Vietnamese, with no profile of its own; a capitalised one may be a
# name ("M. Nguyễn") and is left to the sentence's other words (batch cu)
_VIETNAMESE_LETTERS = frozenset("ơưđăạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĩũ")
# a reference: letters and digits joined by hyphens or slashes, with a digit somewhere
_REFERENCE_RE = re.compile(r"(?<![\w/-])(?=[\w/-]*\d)\w+(?:[-/]\w+)+")
_NAME_LINE_WORDS = 6
# "bis zum 21.12.2026 zu überweisen": a date written with dots ends no sentence, or the offer after
# it ("oder uns eine Ratenzahlung vorzuschlagen") is cut from the "Andernfalls" it answers
_DOTTED_DATE_RE = re.compile(r"(?<![\w.])\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?![\w])")
# "nr. 4471", "No. 12", "n. 5": the abbreviation of "number" before a figure ends no sentence (it
# would cut "Coletul dumneavoastră nr." from the rest of its sentence), and is no word
_NUMBER_ABBREVIATION_RE = re.compile(
    r"(?<![^\W\d_])(?:nr|no|n|num|nº)\.(?=\s*\d)"
    # "do 30 sierpnia 2030 r., komornik zajmie …": Polish writes "r." (roku, "of the year") after a
    # year; it ends no sentence, or the threat after it is cut from the sentence's Polish words
    r"|(?<=\d{4} )r\.(?=[\s,])", re.IGNORECASE)
# HTML in the text as written: a tag is no word, and an entity is part of the word it sits in
# ("V&eacute;lo"): its ";" must not end a sentence, nor its letters make a word ("eacute"), nor
# the letters after it ("lo") a word of their own. The reading with HTML decoded is judged too.
_TAG_RE = re.compile(r"<[a-zA-Z/!][^<>]{0,200}>")
_ENTITY_RE = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


def _blank(m: re.Match) -> str:
    return " " * len(m.group())


def _as_written(m: re.Match) -> str:
    """An entity as the character it stands for, kept at its length: a letter stays inside its
    word (as a run of "x", no word of any profile), anything else ("&nbsp;", "&ndash;") is a space."""
    char = html.unescape(m.group())
    return ("x" if char.isalpha() else " ") * len(m.group())


@lru_cache(maxsize=1)
def word_data() -> dict:
    """``textdata/words.json`` as parsed, read once per process (the pack digests it too)."""
    return json.loads(_DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def profiles() -> dict[str, frozenset[str]]:
    data = word_data()["languages"]
    # each word under its written and accent-folded forms ("où" and "ou")
    return {lang: frozenset(w.casefold() for w in words) | frozenset(fold(w) for w in words)
            for lang, words in data.items()}


@lru_cache(maxsize=8)
def _languages_of(readable: tuple[str, ...]) -> tuple[dict[str, tuple[int, ...]], int, int]:
    """{word: per-language 0/1 vector}, with the readable languages first: one look-up a word."""
    p = profiles()
    order = [*readable, *(lang for lang in p if lang not in readable)]
    table: dict[str, list[int]] = {}
    for i, lang in enumerate(order):
        for w in p[lang]:
            table.setdefault(w, [0] * len(order))[i] = 1
    return {w: tuple(v) for w, v in table.items()}, len(readable), len(order)


def common_words(languages: tuple[str, ...] = ("fr", "en")) -> frozenset[str]:
    p = profiles()
    return frozenset().union(*(p[lang] for lang in languages if lang in p))


def _latin(ch: str) -> bool:
    o = ord(ch)
    return o < 0x250 or 0x1E00 <= o <= 0x1EFF or 0x2C60 <= o <= 0x2C7F or 0xA720 <= o <= 0xA7FF


def _script_ratio(words: list[str]) -> float:
    """Share of the words' letters outside the Latin script (0.0 for a plain ASCII sentence)."""
    if all(w.isascii() for w in words):
        return 0.0
    letters = sum(len(w) for w in words)
    return sum(1 for w in words for ch in w if not _latin(ch)) / letters if letters else 0.0


def validate(spec: Mapping[str, Any], where: str) -> None:
    known = profiles()
    readable = spec.get("readable")
    if not readable or any(lang not in known for lang in readable):
        raise ValueError(f"{where}: readable must list languages among {sorted(known)}")
    for i, item in enumerate(spec.get("case_names_when", ())):
        if item.get("names") not in case_names():
            raise ValueError(f"{where}.case_names_when[{i}]: unknown names {item.get('names')!r}")


def unreadable_spans(spec: Mapping[str, Any], text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` the readable languages do not cover ([] when all is readable)."""
    if not text:
        return []
    return list(_unreadable(tuple(spec["readable"]), int(spec.get("min_words", 3)),
                            int(spec.get("min_letters", 12)), float(spec.get("script_ratio", 0.5)), text))


# Two rules read the same field with the same spec (the warning, and the block when pressure is
# found): the spans are computed once per text.
@lru_cache(maxsize=16)
def _unreadable(readable: tuple[str, ...], min_words: int, min_letters: int, ratio: float,
                text: str) -> tuple[tuple[int, int], ...]:
    # Without a letter of another script the ratio is 0 and cannot reach a positive threshold,
    # so letters are counted only when one is there (and then over the distinct characters); the
    # same holds for each sentence's ratio below.
    other_script = ratio <= 0 or any(ch.isalpha() and not _latin(ch) for ch in set(text) if not ch.isascii())
    if min_letters <= 0 or other_script:
        letters = foreign_script = 0
        for ch, n in Counter(text).items():
            if ch.isalpha():
                letters += n
                if not _latin(ch):
                    foreign_script += n
        if letters >= min_letters:
            if foreign_script / letters >= ratio:
                return ((0, len(text)),)
    table, n_read, n_all = _languages_of(readable)
    spans: list[tuple[int, int]] = []
    # the letters of a reference ("RC-VE-26-05066", "AB/12/CD") are no words of any language
    # ("VE" would read as Turkish): blanked once, same length, so sentence offsets still hold
    wordable = _REFERENCE_RE.sub(_blank, _NUMBER_ABBREVIATION_RE.sub(_blank, _DOTTED_DATE_RE.sub(_blank, text)))
    if "<" in wordable or "&" in wordable:
        wordable = _ENTITY_RE.sub(_as_written, _TAG_RE.sub(_blank, wordable))
    for s in _SENTENCE_RE.finditer(wordable):
        words = _WORD_RE.findall(wordable, s.start(), s.end())
        if not words:
            continue
        folded = [w.casefold() for w in words]
        # a capitalised word inside a sentence is a name as often as a word ("Logistique Seine SAS"
        # is no German "seine", batch cv): it counts for a readable language, not for a foreign one.
        # Not a word in capitals ("INGIUNZIONE DI PAGAMENTO"), nor in a sentence with no lowercase
        # word ("Vamos A Embargar Sus Muebles"): a disguise that would make a foreign sentence read
        # as French
        names = any(w[:1].islower() for w in words)
        vectors = [table[f] if i == 0 or not names or not w[:1].isupper() or w.isupper()
                   else table[f][:n_read] + (0,) * (n_all - n_read)
                   for i, (w, f) in enumerate(zip(words, folded)) if f in table]
        odd = sum(1 for w, f in zip(words, folded) if not f.isascii() and f not in table and (
            not _FOREIGN_LETTERS.isdisjoint(f) or (w[:1].islower() and not _VIETNAMESE_LETTERS.isdisjoint(f))))
        # summed per language once per sentence, not once per word
        scores = list(map(sum, zip(*vectors))) if vectors else [0] * n_all
        read = max(scores[:n_read])
        foreign = max(scores[n_read:]) + odd
        # a short line whose only foreign word is capitalised is a name ("Mia – TechNest customer
        # care", a signature), not a sentence in another language
        named_only = (len(words) < _NAME_LINE_WORDS and odd == 0 and not any(
            w[:1].islower() and any(table.get(f, ())[n_read:]) for w, f in zip(words, folded)))
        # a sentence in another script inside a Latin text ("… Merci de nous contacter. سيأتي
        # المحضر غداً …", batch cu): the whole text's ratio is low, the sentence's is not
        if (foreign >= 2 and foreign > read) or (len(words) >= min_words and read == 0 and foreign >= 1
                                                  and not named_only) or (
                other_script and len(words) >= min_words and _script_ratio(words) >= ratio):
            start = s.start() + len(s.group()) - len(s.group().lstrip())   # offsets of ``text``
            spans.append((start, s.start() + len(s.group().rstrip())))
    return tuple(spans)


# --- pressure in a language the pack cannot read ------------------------------------------------
# A sentence the pack cannot read is held for a person who reads it (a warning). One that holds
# the vocabulary of pressure in its own language (seizure, court, police, employer or family,
# blacklists, a visit, "otherwise" / "if you do not pay") is blocked instead: a threat
# written in Spanish must not get a milder verdict than the same threat in French.
_PRESSURE_DATA = Path(__file__).resolve().parent / "textdata" / "pressure.json"
_JOINED_SCRIPT_RE = re.compile(r"[\u0600-\u06FF]")      # Arabic: prefixes and suffixes are joined


def _pressure_fold(word: str) -> str:
    return fold(word).replace("ı", "i")


@lru_cache(maxsize=1)
def pressure_data() -> dict:
    """``textdata/pressure.json`` as parsed, read once per process (the pack digests it too)."""
    return json.loads(_PRESSURE_DATA.read_text(encoding="utf-8"))


_Entry = tuple[str, ...]        # words; a word ending in "*" is a prefix


@lru_cache(maxsize=1)
def pressure_vocabulary() -> tuple[dict[str, list[_Entry]], dict[str, list[tuple[str, list[_Entry]]]],
                                   tuple[str, ...]]:
    """({first word: [entries]}, {first three letters: [(prefix, [entries])]}, substrings of
    joined scripts)."""
    data = pressure_data()["categories"]
    exact: dict[str, list[_Entry]] = {}
    prefixed: dict[str, list[_Entry]] = {}
    joined: list[str] = []
    for languages in data.values():
        for entries in languages.values():
            for entry in entries:
                if _JOINED_SCRIPT_RE.search(entry):
                    joined.append(entry)
                    continue
                words = tuple(entry.split())
                if any(w.endswith("*") and len(w) < 4 for w in words):
                    raise ValueError(f"pressure.json: {entry!r}: a prefix needs three letters")
                first = words[0]
                (prefixed if first.endswith("*") else exact).setdefault(first.rstrip("*"), []).append(words)
    by_three: dict[str, list[tuple[str, list[_Entry]]]] = {}
    for prefix, entries in prefixed.items():
        by_three.setdefault(prefix[:3], []).append((prefix, entries))
    return exact, by_three, tuple(joined)


def _word_matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


@lru_cache(maxsize=1)
def statutory_sentences() -> tuple[tuple[_Entry, ...], ...]:
    """The translated reproductions of the law a letter must carry (``statutory_sentences`` of
    ``textdata/pressure.json``): per language, the entries that all appear in such a sentence."""
    items = pressure_data().get("statutory_sentences", {})
    return tuple(tuple(tuple(entry.split()) for entry in entries)
                 for name, languages in items.items() if name != "note" for entries in languages.values())


def _statute_words(words: list[str]) -> set[int]:
    """Positions of the words that make the sentence a reproduction of the law, when it holds
    every entry of one (see ``statutory_sentences``): those words are not pressure there."""
    for entries in statutory_sentences():
        found: set[int] = set()
        for entry in entries:
            at = next((i for i in range(len(words) - len(entry) + 1)
                       if all(_word_matches(p, w) for p, w in zip(entry, words[i:]))), None)
            if at is None:
                break
            found.update(range(at, at + len(entry)))
        else:
            return found
    return set()


@lru_cache(maxsize=1)
def case_names() -> dict[str, tuple[_Entry, ...]]:
    """{name: entries} of ``case_names`` in pressure.json: the words that name what a case's facts
    declare (an opened collective procedure, its court, its judgment and its officers)."""
    items = pressure_data().get("case_names", {})
    return {name: tuple(tuple(entry.split()) for entries in languages.values() for entry in entries)
            for name, languages in items.items() if name != "note"}


def _entry_words(words: list[str], entries: tuple[_Entry, ...]) -> set[int]:
    """Positions of the words that some entry matches, wherever it occurs."""
    found: set[int] = set()
    for entry in entries:
        for i in range(len(words) - len(entry) + 1):
            if all(_word_matches(p, w) for p, w in zip(entry, words[i:])):
                found.update(range(i, i + len(entry)))
    return found


def _case_name_words(words: list[str], names: tuple[str, ...]) -> set[int]:
    """Positions of the words naming what the case's facts declare (``names``): in such a case
    "la procedura di redressement judiciaire" or "das Urteil vom 07/10/2026" states the case, it
    is not a pressure; any other pressure word of the sentence still counts."""
    table = case_names()
    return set().union(*(_entry_words(words, table[name]) for name in names))


# Names that hold a pressure word but threaten nothing, read in every case (pressure.json): the
# debtor's own lawyer ("Ihr Anwalt", ``own_counsel``), a creditor's online space for families or a
# delivery at home ("spazio famiglie", "livrate la domiciliu", ``named_services``), a French code
# named in the debtor's language ("Zwangsvollstreckungsgesetzbuch", ``named_laws``), amicable
# collection called out of court ("mahkeme dışı", ``out_of_court``). The words they match are not
# read for pressure; any other pressure word of the sentence still is.
_HARMLESS_NAME_LISTS = ("own_counsel", "named_services", "named_laws", "out_of_court")


@lru_cache(maxsize=1)
def harmless_names() -> tuple[_Entry, ...]:
    """The entries of every list of ``_HARMLESS_NAME_LISTS``, all languages pooled."""
    data = pressure_data()
    return tuple(tuple(entry.split()) for key in _HARMLESS_NAME_LISTS
                 for lang, entries in data.get(key, {}).items() if lang != "note" for entry in entries)


@lru_cache(maxsize=1)
def offers() -> tuple[_Entry, ...]:
    """Entries of ``offers`` in pressure.json: an offer the sender makes ("bieten wir Ihnen")."""
    items = pressure_data().get("offers", {})
    return tuple(tuple(entry.split()) for lang, entries in items.items() if lang not in ("note", "otherwise")
                 for entry in entries)


@lru_cache(maxsize=1)
def otherwise_entries() -> frozenset[_Entry]:
    """The "otherwise" connectors listed under ``offers`` in pressure.json ("andernfalls",
    "altrimenti"), words of the condition category that an offer of the sender's releases; a
    consequence or an unpaid condition ("si no paga") is never released."""
    return frozenset(tuple(entry.split()) for entry in pressure_data().get("offers", {}).get("otherwise", ()))


# A pressure word denied in its own language is no pressure: "No podemos embargar nada: ningún
# embargo es posible sin una resolución judicial", "nessun pignoramento è possibile senza un titolo
# esecutivo". The negator (or "without") stands just before it, in the same clause: past articles
# and at most one other word, a modal verb or the head noun ("no podemos embargar", "ninguna acción
# judicial", "sin una resolución judicial"). The sentence stays unreadable and is still held for a
# person (GUARD-UNREADABLE-LANGUAGE).
_FOREIGN_NEGATORS = frozenset({
    "no", "ningun", "ninguna", "ninguno", "nunca", "jamas", "non", "nessun", "nessuna", "nessuno", "mai", "nao",
    "nenhum", "nenhuma", "kein", "keine", "keinen", "keiner", "keinerlei", "nicht", "niemals", "nu", "niciun",
    "nicio", "niciodata", "nie", "zaden", "zadna", "zadne", "zadnego", "zadnej", "hicbir", "asla", "geen", "niet",
    "nooit", "sin", "senza", "sem", "ohne", "fara", "bez", "zonder",
    # nobody, as the subject right before the word ("nadie va a la cárcel")
    "nadie", "niemand", "ninguem", "nimeni", "nikt", "kimse",
    # nor, before each item of a denied list ("ni a su empleador ni a su familia")
    "ni", "nem"})
_FOREIGN_ARTICLES = frozenset({
    "un", "una", "uno", "um", "uma", "ein", "eine", "einen", "einem", "einer", "o", "a", "la", "el", "il", "lo", "los",
    "las", "le", "de", "di", "del", "della", "do", "da", "der", "die", "das", "den", "dem", "des", "een", "het"})
_CLAUSE_MARK_RE = re.compile(r"[,:;()\[\]«»\"–—]")
# Polish puts its copula, "possible" and the reflexive particle between the negator and the noun it
# denies: "nie jest możliwe zajęcie", "nie kontaktuje się z pracodawcami"; they count as articles do
_FOREIGN_LINKS = frozenset({"jest", "sa", "bedzie", "mozliwe", "mozliwa", "mozliwy", "sie", "z", "ze"})


def _denied(text: str, matches: list[re.Match], words: list[str], i: int) -> bool:
    others = 0
    for j in range(i - 1, max(-1, i - 5), -1):
        if _CLAUSE_MARK_RE.search(text, matches[j].end(), matches[j + 1].start()):
            return False
        if words[j] in _FOREIGN_NEGATORS:
            return True
        if words[j] not in _FOREIGN_ARTICLES and words[j] not in _FOREIGN_LINKS:
            others += 1
            if others > 1:
                return False
    return False


# German and Dutch deny after the verb: "Ein Gerichtsverfahren ist nicht eingeleitet", "wurde nicht
# beantragt", "is niet gestart". The auxiliary follows the pressure word at once, then the negator.
_AUXILIARIES_BEFORE_NEGATOR = frozenset({
    "ist", "sind", "wird", "werden", "wurde", "wurden", "war", "waren", "is", "zijn", "wordt", "worden", "werd", "was"})
_NEGATORS_AFTER = frozenset({"nicht", "niet", "keineswegs", "nooit", "niemals"})


def _denied_after(text: str, matches: list[re.Match], words: list[str], last: int) -> bool:
    if last + 2 >= len(words) or words[last + 1] not in _AUXILIARIES_BEFORE_NEGATOR:
        return False
    if _CLAUSE_MARK_RE.search(text, matches[last].end(), matches[last + 2].start()):
        return False
    return words[last + 2] in _NEGATORS_AFTER


# German and Dutch also deny a whole clause at its end: "Eine Meldung an die SCHUFA oder an eine
# andere Auskunftei erfolgt nicht", "findet nicht statt", "wird nicht gemeldet". Only these
# closings of a report or a step, in the pressure word's own clause, with no condition in between
# ("wenn Sie nicht zahlen" closes on "zahlen" and is no denial).
_CLAUSE_END_DENIALS = frozenset({
    ("erfolgt", "nicht"), ("erfolgen", "nicht"), ("erfolgte", "nicht"), ("nicht", "statt"), ("nicht", "gemeldet"),
    ("nicht", "ubermittelt"), ("nicht", "weitergegeben"), ("nicht", "eingetragen"), ("nicht", "vorgenommen"),
    ("nicht", "erfolgen"), ("niet", "plaats"), ("niet", "gemeld"), ("niet", "doorgegeven"), ("niet", "ingeschreven")})
_CLAUSE_CONDITIONS = frozenset({
    "wenn", "falls", "sofern", "sollten", "sollte", "sonst", "andernfalls", "solange", "bis", "indien", "als",
    "tenzij", "anders", "zolang"})


def _denied_at_clause_end(text: str, matches: list[re.Match], words: list[str], last: int) -> bool:
    end = last + 1
    while end < len(words) and not _CLAUSE_MARK_RE.search(text, matches[end - 1].end(), matches[end].start()):
        if words[end] in _CLAUSE_CONDITIONS:
            return False
        end += 1
    return end - last >= 3 and (words[end - 2], words[end - 1]) in _CLAUSE_END_DENIALS


# Arabic denies before the word, in its own clause: "ولا يمكن إجراء أي حجز دون حكم قضائي" (no seizure
# can be made without a court's judgment), "مسألة مدنية وليس جريمة" (a civil matter, not a crime).
# Its pressure words are matched inside joined words, so the denial is read on the words before the
# match: a negator among the four before it, in the same clause, and no condition there ("إذا لم
# تدفعوا سنرفع دعوى", if you do not pay we will sue, stays a threat).
_ARABIC_NEGATORS = frozenset({
    "لا", "ولا", "لن", "ولن", "ليس", "وليس", "ليست", "وليست", "لسنا", "ولسنا", "لست", "ولست", "دون", "بدون", "ودون",
    "غير", "لم", "ولم", "بلا"})
_ARABIC_CONDITIONS = frozenset({"إذا", "وإذا", "إن", "وإن", "لو", "ولو", "وإلا", "إلا", "حتى", "طالما", "ما"})
_ARABIC_CLAUSE_RE = re.compile(r"[،؛.:;!?؟()\[\]«»\"–—\n]")


def _occurrences(part: str, sub: str) -> list[int]:
    found, at = [], part.find(sub)
    while at >= 0:
        found.append(at)
        at = part.find(sub, at + 1)
    return found


def _joined_denied(part: str, at: int) -> bool:
    clause = _ARABIC_CLAUSE_RE.split(_ARABIC_MARKS_RE.sub("", part[:at]))[-1]
    before = clause.split()
    if clause and not clause[-1].isspace():     # the match begins inside a word ("والحجز"): its
        before = before[:-1]                    # first letters are no word before it
    window = before[-4:]
    return any(w in _ARABIC_NEGATORS for w in window) and not any(w in _ARABIC_CONDITIONS for w in window)


# Two rules ask it of the same sentences (the pressure block, and the restricted case's exception
# for a letter that stops asking): answered once per sentence.
@lru_cache(maxsize=64)
def _holds_pressure(text: str, start: int, end: int, names: tuple[str, ...] = ()) -> bool:
    exact, by_three, joined = pressure_vocabulary()
    part = text[start:end]
    if any(not _joined_denied(part, at) for sub in joined for at in _occurrences(part, sub)):
        return True
    matches = list(_WORD_RE.finditer(text, start, end))
    words = [_pressure_fold(m.group()) for m in matches]
    statute = _statute_words(words) | _entry_words(words, harmless_names())
    if names:
        statute |= _case_name_words(words, names)
    offered = bool(_entry_words(words, offers()))
    for i, word in enumerate(words):
        if i in statute:
            continue
        entries = list(exact.get(word, ()))
        for prefix, more in by_three.get(word[:3], ()):
            if word.startswith(prefix):
                entries.extend(more)
        for entry in entries:
            if offered and entry in otherwise_entries():
                continue
            if i + len(entry) <= len(words) and all(
                    _word_matches(p, w) for p, w in zip(entry[1:], words[i + 1:])) and not (
                    _denied(text, matches, words, i) or _denied_after(text, matches, words, i + len(entry) - 1)
                    or _denied_at_clause_end(text, matches, words, i + len(entry) - 1)):
                return True
    return False


@lru_cache(maxsize=1)
def reassurance_vocabulary() -> tuple[tuple[_Entry, ...], tuple[str, ...]]:
    """(entries of words, substrings of joined scripts) of ``reassurance`` in pressure.json."""
    items = pressure_data().get("reassurance", {})
    entries: list[_Entry] = []
    joined: list[str] = []
    for lang, words in items.items():
        if lang == "note":
            continue
        for entry in words:
            if _JOINED_SCRIPT_RE.search(entry):
                joined.append(entry)
            else:
                entries.append(tuple(entry.split()))
    return tuple(entries), tuple(joined)


# Arabic short vowels and other marks written over letters ("لا يُطلب"): a word is matched without them
_ARABIC_MARKS_RE = re.compile(r"[\u064B-\u0652\u0670]")


def _reassures(text: str, start: int, end: int) -> bool:
    entries, joined = reassurance_vocabulary()
    if joined:
        bare = _ARABIC_MARKS_RE.sub("", text[start:end])      # once, not once per entry
        if any(sub in bare for sub in joined):
            return True
    matches = list(_WORD_RE.finditer(text, start, end))
    words = [_pressure_fold(m.group()) for m in matches]
    # "la mediación no suspende su obligación de pago" denies the suspension: an entry that does not
    # itself start with a negator ("nada a pagar" does, "suspendid*" does not) is read undenied only
    return any(all(_word_matches(p, w) for p, w in zip(entry, words[i:])) and (
                   entry[0] in _FOREIGN_NEGATORS or not _denied(text, matches, words, i))
               for entry in entries for i in range(len(words) - len(entry) + 1))


def restricted_spans(spec: Mapping[str, Any], text: str, names: tuple[str, ...] = (),
                     other_fields: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """The unreadable spans of ``text``, unless the message stops asking in its own language
    ("wij hebben alle herinneringen opgeschort", "nada a pagar") with no pressure word in any
    unreadable span of any of its fields: such a message is held for a person (the language
    warning), not blocked as one that may say anything in a case where the law restricts what
    may be said. It is judged as a whole: a letter that stops asking in its text need not say it
    again in its subject line ("unser Schreiben vom 28/07/2026")."""
    spans = unreadable_spans(spec, text)
    if not spans:
        return []
    every = [(text, spans)] + [(other, unreadable_spans(spec, other)) for other in other_fields if other]
    # the reassurance is read over the whole text: a short sentence of it may read as no language
    # ("Non Le chiediamo alcun pagamento."), and its entries are words of the other languages only
    if any(_reassures(t, 0, len(t)) for t, _ in every) and not any(
            _holds_pressure(t, s, e, names) for t, found in every for s, e in found):
        return []
    return spans


def pressure_spans(spec: Mapping[str, Any], text: str, names: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """The sentences of ``text`` the pack cannot read that hold pressure vocabulary (not counting
    the words of ``names``, what the case's facts declare: see ``case_names``). The whole
    sentence is the evidence, as for the language rule: a disguise of one of its words (spaced
    letters glued to the next word) must not take the finding away while the sentence stays."""
    return [(start, end) for start, end in unreadable_spans(spec, text)
            if _holds_pressure(text, start, end, names)]
