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
from typing import Mapping

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# A sentence ends at . ! ? ; or a line break (a dot inside "504.20" or "réf.123" does not).
_SENTENCE_BREAK_RE = re.compile(r"[!?;\n]|\.(?=\s|$)")
# A clause also ends at a comma, a colon, brackets or a dash between spaces.
_CLAUSE_BREAK_RE = re.compile(r"[,:()\[\]«»\"]|\s[-–—]\s")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d"})


def fold(text: str) -> str:
    """Casefold and strip accents; keeps length-independent semantics only (no offsets)."""
    text = text.casefold().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def collapse_repeats(word: str) -> str:
    """Collapse runs of the same letter (digits are kept: "2000" stays "2000")."""
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
    w = w.replace("ph", "f").replace("ai", "e").replace("ei", "e").replace("y", "i")
    w = w.replace("z", "s")
    w = re.sub(r"c(?=[eiy])", "s", w)
    w = collapse_repeats(w)
    if len(w) > 3 and w[-1] in "sx":
        w = w[:-1]
    return w


class Normaliser:
    """Turns words into matching keys; holds the pack's SMS lexicon."""

    def __init__(self, lexicon: Mapping[str, str] | None = None):
        self._lexicon = {fold(k): fold(v) for k, v in (lexicon or {}).items()}
        self._cache: dict[str, tuple[str, str]] = {}

    def forms(self, word: str) -> tuple[str, str]:
        """(plain, key) of one word; cached."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        w = fold(word)
        w = self._lexicon.get(w, w)
        w = collapse_repeats(w)
        w = self._lexicon.get(w, w)
        forms = (w, phonetic(w))
        if len(self._cache) < 50_000:
            self._cache[word] = forms
        return forms

    def key(self, word: str) -> str:
        return self.forms(word)[1]

    def plain(self, word: str) -> str:
        return self.forms(word)[0]

    def tokenize(self, text: str) -> "TokenizedText":
        return TokenizedText.build(text, self)


@dataclass(frozen=True)
class Token:
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
        sentence = clause = 0
        last_end = 0
        for m in _WORD_RE.finditer(text):
            gap = text[last_end:m.start()]
            if tokens and gap:
                if _SENTENCE_BREAK_RE.search(gap):
                    sentence += 1
                    clause += 1
                elif _CLAUSE_BREAK_RE.search(gap):
                    clause += 1
            plain, key = normaliser.forms(m.group())
            tokens.append(Token(m.start(), m.end(), key, plain, sentence, clause))
            last_end = m.end()
        return cls(text, tuple(tokens))

    def span(self, first: int, last: int) -> tuple[int, int, str]:
        """Original-text span covering tokens first..last (inclusive)."""
        start, end = self.tokens[first].start, self.tokens[last].end
        return start, end, self.text[start:end]
