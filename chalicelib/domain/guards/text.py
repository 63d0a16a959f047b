"""Text normalisation and tokenisation for the content guards.

Each token keeps its offsets in the ORIGINAL text, so a finding's span can point back
into what the collector wrote. Matching uses a per-token *key*:

1. casefold, strip accents (NFKD, combining marks dropped; œ/æ expanded);
2. map SMS spellings through the pack's lexicon ("ds" -> "dans", "vs" -> "vous");
3. collapse repeated letters ("huiiissier" -> "huisier");
4. a light French phonetic fold so common misspellings share a key
   ("saizie", "sezie", "saisie" -> "sesie"; "huisier", "huissier" -> "uisier");
5. drop a plural s/x on words longer than three letters.

The same function keys the pack's pattern words, so data and text always agree.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Mapping, NamedTuple

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# A sentence ends at . ! ? ; or a line break (a dot inside "504.20" or "réf.123" does not). A
# line break before a lower-case letter wraps a sentence (or splits a word) and ends nothing.
# The dot of a title or reference abbreviation ("M. Dupont", "courrier réf. X du ...", "art. 11
# du contrat", "C. civ.") ends nothing either: a letter's sentence goes on through it.
_ABBREVIATIONS = ("réf", "ref", "Réf", "Ref", "RÉF", "REF", "art", "Art", "arts", "M", "MM", "Mme", "Mlle",
                  "Me", "Dr", "cf", "Cf", "n", "N", "no", "No", "tél", "Tél", "tel", "Tel", "av", "bd",
                  "C", "civ", "com", "conso", "pén", "pen", "proc", "al", "ch", "St", "Ste", "vs")
# (the lookbehinds follow the dot, so they are tried only where there is one)
_NOT_AN_ABBREVIATION = "".join(f"(?<!\\b{a}\\.)" for a in _ABBREVIATIONS) + (
    # a company form written with dotted capitals ("Van der Berg Logistics B.V. by a commissaire",
    # "Dupont S.A. a déclaré") ends nothing either
    r"(?<!\b[A-Z]\.[A-Z]\.)")
# A dot before a one-word afterthought ("your employer hasn't been told. Yet.", "rien dit à votre
# employeur. Pour l'instant.") ends nothing: the afterthought belongs to the sentence it qualifies.
_AFTERTHOUGHT = (r"(?!\s+(?i:yet|encore|not\s+yet|pas\s+encore|for\s+now|pour\s+l['’]instant|pour\s+le\s+moment"
                 r"|du\s+moins\s+pas\s+encore|at\s+least\s+not\s+yet)\s*[.!…])")
SENTENCE_BREAK_RE = re.compile(r"[!?;]|\n(?![ \t]*[a-zà-öø-ÿ])|\." + _NOT_AN_ABBREVIATION + r"(?=\s)" + _AFTERTHOUGHT)
# A clause also ends at a comma, a colon, brackets or a dash between spaces.
_CLAUSE_BREAK_RE = re.compile(r"[,:()\[\]«»\"]|\s[-–—]\s")
# combining marks (accents) left by NFKD decomposition
# Latin accents and, for Arabic, the vowel marks and hamza signs that writers leave out at will
_COMBINING_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u064b-\u065f\u0670]")
_DOUBLE_RE = re.compile(r"(.)\1", re.DOTALL)
_SOFT_C_RE = re.compile(r"c(?=[eiy])")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d"})


def fold(text: str) -> str:
    """Casefold and strip accents; keeps length-independent semantics only (no offsets)."""
    text = text.casefold()
    if text.isascii():
        return text
    text = text.translate(_LIGATURES)
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))


def checked_stem(stem: str, plain: str) -> str:
    """``plain`` (the stem's plain form), refused when folding repeated letters shortened the stem
    to three letters or fewer: "cess*" would read "ces*" and take "ces" (these) for "cesser"."""
    if plain != fold(stem) and len(plain) <= 3:
        raise ValueError(f"stem {stem + '*'!r} reads {plain + '*'!r} once repeated letters are folded: "
                         "write its forms")
    return plain


def collapse_repeats(word: str) -> str:
    """Collapse runs of the same letter (digits are kept: "2000" stays "2000")."""
    if not _DOUBLE_RE.search(word):
        return word                  # no character twice in a row: nothing to collapse
    out: list[str] = []
    prev = ""
    for ch in word:
        if ch == prev and ch.isalpha():
            continue
        out.append(ch)
        prev = ch
    return "".join(out)


def phonetic(word: str) -> str:
    """Light French phonetic fold so that common misspellings share one key."""
    if not word or not word[0].isalpha():
        return word
    w = word
    if len(w) > 1 and w[0] == "h":
        w = w[1:]
    # a soft c is soft in the spelling, before "ai" becomes "e" ("caisses" is no "seize")
    w = _SOFT_C_RE.sub("s", w)
    w = w.replace("ph", "f").replace("ai", "e").replace("ei", "e").replace("y", "i")
    w = w.replace("z", "s")
    w = collapse_repeats(w)
    if len(w) > 3 and w[-1] in "sx":
        w = w[:-1]
    return w


class Normaliser:
    """Turns words into matching keys; holds the pack's SMS lexicon."""

    def __init__(self, lexicon: Mapping[str, str] | None = None, exact: tuple[str, ...] = ()):
        self._lexicon = {fold(k): fold(v) for k, v in (lexicon or {}).items()}
        # words whose phonetic key would collide with a pattern word of another meaning
        # ("ceci" would read as "saisi"): they keep their plain form as key
        self._exact = frozenset(fold(w) for w in exact)
        self._cache: dict[str, tuple[str, str]] = {}

    def forms(self, word: str) -> tuple[str, str]:
        """(plain, key) of one word; cached."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        w = self._plain(word)
        forms = (w, w if w in self._exact else phonetic(w))
        if len(self._cache) < 50_000:
            self._cache[word] = forms
        return forms

    def key(self, word: str) -> str:
        return self.forms(word)[1]

    def plain(self, word: str) -> str:
        cached = self._cache.get(word)
        # the pack's lemma forms and near words (thousands) need no key: not computed at load
        return cached[0] if cached is not None else self._plain(word)

    def _plain(self, word: str) -> str:
        w = fold(word)
        w = self._lexicon.get(w, w)
        w = collapse_repeats(w)
        return self._lexicon.get(w, w)

    def tokenize(self, text: str) -> "TokenizedText":
        return TokenizedText.build(text, self)


class Token(NamedTuple):
    start: int      # offset in the original text
    end: int
    key: str        # matching key (see module docstring)
    plain: str      # folded, lexicon-mapped, repeats collapsed (stems match on this)
    sentence: int   # sentence index
    clause: int     # clause index (finer than sentence)


@dataclass(frozen=True)
class TokenizedText:
    text: str
    tokens: tuple[Token, ...]

    @classmethod
    def build(cls, text: str, normaliser: Normaliser) -> "TokenizedText":
        tokens: list[Token] = []
        # positions of sentence and clause breaks, found once for the whole text
        s_breaks = [m.start() for m in SENTENCE_BREAK_RE.finditer(text)]
        c_breaks = [m.start() for m in _CLAUSE_BREAK_RE.finditer(text)]
        si = ci = 0
        ns, nc = len(s_breaks), len(c_breaks)
        sentence = clause = 0
        # bound once: this loop runs for every word of every reading judged
        forms, cached, append, new_token = normaliser.forms, normaliser._cache.get, tokens.append, tuple.__new__
        for m in _WORD_RE.finditer(text):
            start, end = m.span()
            if si < ns and s_breaks[si] < start:
                while si < ns and s_breaks[si] < start:
                    si += 1
                if tokens:
                    sentence += 1
                    clause += 1
                while ci < nc and c_breaks[ci] < start:
                    ci += 1
            elif ci < nc and c_breaks[ci] < start:
                while ci < nc and c_breaks[ci] < start:
                    ci += 1
                if tokens:
                    clause += 1
            word = m.group()
            if word in ("n", "N") and text[end:end + 1] in ("°", "º"):
                plain, key = "numero", "numero"      # "n°" is not the negation "n'"
            else:
                plain, key = cached(word) or forms(word)
            append(new_token(Token, (start, end, key, plain, sentence, clause)))
        return cls(text, tuple(tokens))

    def span(self, first: int, last: int) -> tuple[int, int, str]:
        """Original-text span covering tokens first..last (inclusive)."""
        start, end = self.tokens[first].start, self.tokens[last].end
        return start, end, self.text[start:end]
