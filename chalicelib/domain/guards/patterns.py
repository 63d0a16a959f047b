"""The token-pattern language of the rule pack, compiled once per pack.

A pattern is a space-separated sequence of elements:

- ``word``     a word, compared by key (see text.py); words whose key has at least
               ``FUZZY_MIN_LEN`` letters also match at edit distance 1 (typos),
               provided the first letter agrees ("retention" is not "detention");
- ``=word``    the same, never fuzzy;
- ``stem*``    any word whose plain form starts with ``stem`` (accents stripped);
- ``~lemma``   any inflected form of a dictionary word (lemmas.py: "~saisir" matches
               "saisirons", "saisissez", "saisi"; "~report" matches "reported");
- ``a|b*|=c``  alternatives of the above;
- ``@class``   alternatives listed in the pack's ``classes``;
- ``_N``       up to N arbitrary words (never across a sentence end).

A pattern starting with ``!`` is never negated (e.g. "!sous 48h": a deadline stays a
deadline after "sans paiement").

A word written with an apostrophe or hyphen ("d'huissier") is split like the text is.
All atoms of every pattern go into one index, so a text's tokens are looked up once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Sequence

from .lemmas import LemmaTable
from .text import Normaliser, TokenizedText, _WORD_RE, checked_stem

FUZZY_MIN_LEN = 7
LEMMA_FUZZY_MIN_LEN = 5
_GAP_RE = re.compile(r"^_(\d+)$")
# anything but word characters, apostrophes, hyphens and the operators = * | @ _
_BAD_ELEMENT_RE = re.compile(r"[^\w'’\-=*|@~]")


@dataclass(frozen=True)
class Gap:
    n: int


Step = "frozenset[int] | Gap"


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1 (one insertion, deletion, substitution or swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1:] == b[i + 1:]:
            return True                      # substitution
        return (i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i]
                and a[i + 2:] == b[i + 2:])  # adjacent swap
    if la > lb:
        return a[i + 1:] == b[i:]            # deletion from a
    return a[i:] == b[i + 1:]                # insertion into a


class AtomIndex:
    """Interned word atoms (exact/fuzzy keys and plain stems) of all compiled patterns."""

    def __init__(self, normaliser: Normaliser, lemmas: "LemmaTable | None" = None):
        self.normaliser = normaliser
        self.lemmas = lemmas
        self._by_form: dict[str, set[int]] = {}
        # lemma forms long enough for typo tolerance, by (first two letters, length): a misspelt
        # form shares its first two letters and is at most one letter longer or shorter, so
        # three small buckets hold every candidate. (A deletion index of all forms was most of
        # a cold pack load and, pickled, most of the compiled pack.)
        self._lemma_buckets: dict[tuple[str, int], list[str]] = {}
        self._lemma_bucketed: set[str] = set()        # forms already in a bucket
        self._near_cache: dict[str, frozenset[int]] = {}   # token -> atoms of forms one edit away
        self._word_atoms: dict[str, frozenset[int]] = {}   # pattern word -> atoms (classes recur)
        self._ids: dict[tuple[str, str], int] = {}
        self._exact: dict[str, set[int]] = {}
        # a pattern word that is a near word (a dictionary word of its own) also gets an atom of
        # its plain form: near-word tokens meet pattern words only through these
        self._plain_atoms: dict[str, int] = {}
        self._fuzzy: dict[str, set[int]] = {}
        self._fuzzy_word: dict[int, str] = {}
        self._stems: dict[str, set[int]] = {}
        self._max_stem = 0
        self._cache: dict[tuple[str, str], frozenset[int]] = {}
        self._classes: Mapping[str, Sequence[str]] | None = None   # the classes _class_steps holds
        self._class_steps: dict[str, frozenset[int]] = {}
        self._compiled: dict[str, tuple] = {}   # pattern source -> steps, for the same classes

    def atom(self, kind: str, value: str) -> int:
        ident = (kind, value)
        found = self._ids.get(ident)
        if found is not None:
            return found
        aid = len(self._ids)
        self._ids[ident] = aid
        if kind == "plain":
            self._plain_atoms[value] = aid
        elif kind == "stem":
            self._stems.setdefault(value, set()).add(aid)
            self._max_stem = max(self._max_stem, len(value))
        elif kind == "lemma":
            forms = self.lemmas.forms_of(value) if self.lemmas is not None else frozenset()
            buckets = self._lemma_buckets
            for form in forms | {value}:
                self._by_form.setdefault(form, set()).add(aid)
                if len(form) >= LEMMA_FUZZY_MIN_LEN and form not in self._lemma_bucketed:
                    self._lemma_bucketed.add(form)
                    buckets.setdefault((form[:2], len(form)), []).append(form)
        else:
            self._exact.setdefault(value, set()).add(aid)
            if kind == "fuzzy":
                self._fuzzy_word[aid] = value
                for variant in _deletions(value):
                    self._fuzzy.setdefault(variant, set()).add(aid)
                self._fuzzy.setdefault(value, set()).add(aid)
        self._cache.clear()
        self._near_cache.clear()
        return aid

    def atoms_of(self, plain: str, key: str, typos: bool = True) -> frozenset[int]:
        """All atoms a token (given by its plain form and key) matches. ``typos=False`` reads
        it as it is, with no typo tolerance (a person's name)."""
        ck = (plain, key, typos)
        found = self._cache.get(ck)
        if found is not None:
            return found
        # a dictionary word of another lemma is no misspelling: it meets a word atom only as
        # itself, never through a shared key ("cesse" has the key of "seize") or typo tolerance
        near = not typos or (self.lemmas is not None and plain in self.lemmas.near_words)
        if near:
            hits: set[int] = set()
            own = self._plain_atoms.get(plain)
            if own is not None:
                hits.add(own)
        else:
            hits = set(self._exact.get(key, ()))
        lemma_hits = self._by_form.get(plain)
        if lemma_hits:
            hits.update(lemma_hits)
        elif len(plain) >= LEMMA_FUZZY_MIN_LEN and self._lemma_buckets and not near:
            hits.update(self._near_lemma_forms(plain))
        if len(key) >= FUZZY_MIN_LEN - 1 and self._fuzzy and not near:
            fz = self._fuzzy
            candidates: set[int] = set(fz.get(key, ()))
            for variant in _deletions(key):
                candidates.update(fz.get(variant, ()))
            words = self._fuzzy_word
            hits.update(a for a in candidates
                        if words[a][0] == key[0] and within_one_edit(key, words[a]))
        if self._stems:
            stems = self._stems
            for i in range(1, min(len(plain), self._max_stem) + 1):
                s = stems.get(plain[:i])
                if s:
                    hits.update(s)
        result = frozenset(hits)
        if len(self._cache) < 50_000:
            self._cache[ck] = result
        return result

    def _near_lemma_forms(self, plain: str) -> frozenset[int]:
        """Atoms of lemma forms one edit away (a misspelt verb: "saisire", "seaze"). The
        first two letters must agree, which keeps short words of other meanings apart."""
        found = self._near_cache.get(plain)
        if found is not None:
            return found
        buckets = self._lemma_buckets
        head, size = plain[:2], len(plain)
        out: set[int] = set()
        for length in (size - 1, size, size + 1):
            for form in buckets.get((head, length), ()):
                if within_one_edit(plain, form):
                    out.update(self._by_form[form])
        result = frozenset(out)
        if len(self._near_cache) < 50_000:   # the unmasking asks again for every reading
            self._near_cache[plain] = result
        return result

    def names_word(self, plain: str, key: str) -> bool:
        """Some pattern names the token as it is (no typo, no stem)."""
        return key in self._exact or plain in self._by_form or plain in self._plain_atoms

    def reads_whole(self, plain: str, key: str, max_tail: int = 4, fuzzy: bool = True) -> bool:
        """The token is a pattern word (exact or, if ``fuzzy``, within one edit) or a stem
        plus a short ending: "saisirons" is, "saisircette" is not (stem "saisi" + 6 letters)."""
        if key in self._exact or plain in self._by_form:
            return True
        if fuzzy and any(a in self._fuzzy_word for a in self.atoms_of(plain, key)):
            return True
        if fuzzy and len(plain) >= LEMMA_FUZZY_MIN_LEN and self._lemma_buckets and self._near_lemma_forms(plain):
            return True  # a misspelt form of a lemma the rules name ("seaze")
        for i in range(max(1, len(plain) - max_tail), min(len(plain), self._max_stem) + 1):
            if plain[:i] in self._stems:
                return True
        return False

    def compile(self, source: str, classes: Mapping[str, Sequence[str]]) -> tuple:
        """Compile one pattern string into a tuple of steps.

        Less than half of a pack's pattern strings are distinct (rules share phrasings), so the
        steps of each are made once per set of classes: a third of a cold pack load was spent
        compiling the same strings again."""
        if classes is not self._classes:
            self._classes, self._class_steps, self._compiled = classes, {}, {}
        steps = self._compiled.get(source)
        if steps is None:
            steps = self._compiled[source] = self._compile(source, classes)
        return steps

    def _compile(self, source: str, classes: Mapping[str, Sequence[str]]) -> tuple:
        steps: list = []
        previous: set[str] = set()   # the alternatives of the word element just before
        for element in source.split():
            if _BAD_ELEMENT_RE.search(element):
                raise ValueError(f"pattern {source!r}: unexpected character in {element!r}")
            gap = _GAP_RE.match(element)
            if gap:
                if not steps or isinstance(steps[-1], Gap):
                    raise ValueError(f"pattern {source!r}: a gap must follow a word")
                steps.append(Gap(int(gap.group(1))))
                previous = set()
                continue
            # "de plus|en plus" is two steps, "de" then "plus|en", then "plus": spaces separate
            # words, never alternatives. Two neighbouring alternations sharing a word are that
            # slip (they matched almost nothing); each phrase must be its own pattern.
            current = set(element.lstrip("!").split("|"))
            if current & previous and (len(current) > 1 or len(previous) > 1):
                raise ValueError(f"pattern {source!r}: {element!r} repeats a word of the alternation "
                                 "before it; spaces separate words, not alternatives: write one "
                                 "pattern per phrase")
            previous = current
            if element.startswith("@"):
                name = element[1:]
                if name not in classes:
                    raise ValueError(f"pattern {source!r}: unknown class @{name}")
                alternatives = list(classes[name])
                if len(alternatives) > 1:
                    steps.append(self._class_step(name, classes))
                    continue
            else:
                alternatives = element.split("|")
            if len(alternatives) == 1 and not alternatives[0].endswith("*") and not alternatives[0].startswith("~"):
                # a lone word may carry an apostrophe/hyphen: split it like the text
                word = alternatives[0]
                exact = word.startswith("=")
                parts = _WORD_RE.findall(word.lstrip("="))
                for part in parts:
                    steps.append(self._word_atoms_of(("=" if exact else "") + part))
                continue
            steps.append(frozenset(x for a in alternatives for x in self._word_atoms_of(a)))
        if not steps or isinstance(steps[0], Gap) or isinstance(steps[-1], Gap):
            raise ValueError(f"pattern {source!r}: must start and end with a word")
        return tuple(steps)

    def _class_step(self, name: str, classes: Mapping[str, Sequence[str]]) -> frozenset[int]:
        """The atoms of a class, made once: classes recur in hundreds of patterns, and making
        their step again for each was the largest part of compiling a pack."""
        step = self._class_steps.get(name)
        if step is None:
            step = self._class_steps[name] = frozenset(x for a in classes[name] for x in self._word_atoms_of(a))
        return step

    def _word_atoms_of(self, word: str) -> frozenset[int]:
        found = self._word_atoms.get(word)
        if found is None:
            atoms = {self._new_word_atom(word)}
            if not word.endswith("*") and not word.startswith("~") and self.lemmas is not None:
                plain = self.normaliser.plain(word.lstrip("="))
                if plain in self.lemmas.near_words:
                    atoms.add(self.atom("plain", plain))
            found = self._word_atoms[word] = frozenset(atoms)
        return found

    def _new_word_atom(self, word: str) -> int:
        if not word:
            raise ValueError("empty alternative in pattern")
        if word.endswith("*"):
            stem = checked_stem(word[:-1], self.normaliser.plain(word[:-1]))
            if not stem:
                raise ValueError(f"empty stem {word!r}")
            return self.atom("stem", stem)
        if word.startswith("~"):
            lemma = self.normaliser.plain(word[1:])
            if not lemma or len(_WORD_RE.findall(word[1:])) != 1:
                raise ValueError(f"bad lemma {word!r}")
            if self.lemmas is None or lemma not in self.lemmas.lemmas:
                raise ValueError(f"lemma {word!r} is not in the pack's lemma table "
                                 "(python -m devtools.lemma_table)")
            return self.atom("lemma", lemma)
        exact = word.startswith("=")
        word = word.lstrip("=")
        if len(_WORD_RE.findall(word)) != 1:
            raise ValueError(f"alternative {word!r} must be a single word")
        key = self.normaliser.key(word)
        if not exact and len(key) >= FUZZY_MIN_LEN and not key.isdigit():
            return self.atom("fuzzy", key)
        return self.atom("exact", key)


# civility titles: the capitalised words after one are a person's name ("M. Mehdi Saidi",
# "Madame Saïdi"), read as written. Typo tolerance would read "Saidi" as "saisi".
# (plain forms: "Mme" and "Me" read "me", "Mlle" "mle", "Miss" "mis", "Mademoiselle" "mademoisele")
NAME_TITLES = frozenset({"m", "me", "mle", "monsieur", "madame", "mademoisele", "mr", "mrs", "ms", "mis",
                         "dr", "maitre", "frau", "senor", "senora", "sr", "sra"})


# the words of an address before a street's name ("rue de Sèze" is no "seize")
STREET_WORDS = frozenset({"rue", "avenue", "boulevard", "bd", "av", "place", "quai", "impasse", "chemin", "cours",
                          "route", "ale", "square", "passage", "street", "road"})
STREET_LINKS = frozenset({"de", "du", "des", "la", "l", "d"})


_INTRODUCING = frozenset({"is", "apele", "ici", "am", "suis", "est"})    # plain forms ("appelle" is "apele")


def _a_name(tokens, text: str, i: int) -> bool:
    """Token ``i`` is a capitalised word right after a civility title ("M. Saidi", not "Madame,
    J'ai"), after a first name that follows one ("Monsieur Mehdi Saidi"), or a street's name
    ("rue de Sèze", "allée Saint-Saisset")."""
    if i == 0 or not text[tokens[i].start].isupper() or not _joined(tokens, text, i):
        return False
    if tokens[i - 1].plain in NAME_TITLES or tokens[i - 1].plain in STREET_WORDS:
        return True
    j = i - 1
    while j > 0 and i - j <= 2 and tokens[j].plain in STREET_LINKS and _joined(tokens, text, j):
        j -= 1
        if tokens[j].plain in STREET_WORDS:
            return True
    if (i >= 2 and text[tokens[i - 1].start].isupper() and tokens[i - 2].plain in NAME_TITLES
            and _joined(tokens, text, i - 1)):
        return True
    # a first name and a surname set off by commas, as an agent introduces themself ("Bonjour
    # Monsieur Guillot, Mehdi Saïdi, de la société Cofirec"): two title-case words after a comma,
    # and a comma after them
    return (i >= 2 and _title_case(text, tokens[i]) and _title_case(text, tokens[i - 1])
            and text[tokens[i - 2].end:tokens[i - 1].start].strip() == ","
            and text[tokens[i].end:tokens[i].end + 1] == ",")


def _an_introduced_name(tokens, text: str, i: int) -> bool:
    """Token ``i`` may be a surname named after the words that introduce a speaker ("My name is
    Karim Saïdi", "this is …", "je m'appelle …", batch ej; "Je suis Mehdi Saïdi", "c'est …", batch
    ew): two title-case words right after them.
    A company is introduced the same way ("Ici Kerlan Recouvrement"), so, as for a signature, this
    only takes typo tolerance from a word no rule names as it is."""
    return (i >= 2 and _title_case(text, tokens[i]) and _title_case(text, tokens[i - 1])
            and tokens[i - 2].plain in _INTRODUCING and _joined(tokens, text, i - 1))


def _a_signature_name(tokens, text: str, i: int) -> bool:
    """Token ``i`` may be a surname in a signature: a first name and a surname opening their line,
    and the line ends or goes on after a dash or a comma ("Mehdi Saïdi – Recouvra Centre SAS",
    batch ct). A heading is written the same way ("Saisie Immédiate – dossier 4521"), so this
    only takes typo tolerance from a word no rule names as it is (``AtomIndex.names_word``)."""
    return (i >= 1 and text[tokens[i].start].isupper() and text[tokens[i - 1].start].isupper()
            and _title_case(text, tokens[i]) and _title_case(text, tokens[i - 1])
            and _joined(tokens, text, i)
            and (i == 1 or "\n" in text[tokens[i - 2].end:tokens[i - 1].start])
            and _SIGNATURE_END.match(text, tokens[i].end) is not None)


_SIGNATURE_END = re.compile(r"[ \t\u00a0]*(?:$|\n|[–—,]|-[ \t])", re.MULTILINE)


def _title_case(text: str, token) -> bool:
    word = text[token.start:token.end]
    return word[:1].isupper() and not word[1:].isupper()


def _joined(tokens, text: str, i: int) -> bool:
    # only spaces (or the dot of "M.") between token i - 1 and token i
    return text[tokens[i - 1].end:tokens[i].start].strip(" .\u00a0") == "" and "\n" not in text[tokens[i - 1].end:tokens[i].start]


class TokenAtoms:
    """Per-position atom sets of one tokenized text, plus an inverted index."""

    __slots__ = ("tt", "at", "positions", "present")

    def __init__(self, tt: TokenizedText, index: AtomIndex):
        self.tt = tt
        atoms_of = index.atoms_of
        tokens, text = tt.tokens, tt.text
        names_word = index.names_word
        # a name (read as written, without typo tolerance) is always capitalised: the checks of
        # a name run only for the capitalised tokens, a tenth of a letter's words
        self.at: list[frozenset[int]] = [
            atoms_of(t.plain, t.key, True) if not text[t.start].isupper() else
            atoms_of(t.plain, t.key, not (_a_name(tokens, text, i)
                                          or ((_a_signature_name(tokens, text, i) or _an_introduced_name(tokens, text, i))
                                              and not names_word(t.plain, t.key))))
            for i, t in enumerate(tokens)]
        positions: dict[int, list[int]] = {}
        for pos, atoms in enumerate(self.at):
            for a in atoms:
                found = positions.get(a)
                if found is None:
                    positions[a] = [pos]
                else:
                    found.append(pos)
        self.positions = positions
        self.present = frozenset(positions)      # atoms occurring anywhere in the text

    def find(self, steps: tuple, longest: bool = False) -> Iterator[tuple[int, int]]:
        """Yield (first, last) token indexes of each match, leftmost starts first: the shortest
        match from each start, or with ``longest`` the one that reaches farthest (an exclusion
        covers all it names: "vous demandez si un huissier va venir saisir" up to "saisir")."""
        present = self.present
        for step in steps[1:]:
            if type(step) is not Gap and step.isdisjoint(present):
                return           # a later word is nowhere in the text: no start can match
        first = steps[0]
        starts: set[int] = set()
        for a in first:
            p = self.positions.get(a)
            if p:
                starts.update(p)
        if not starts:
            return
        for s in sorted(starts):
            end = self._match(steps, 1, s + 1, self.tt.tokens[s].sentence, longest)
            if end is not None:
                yield s, end

    def _match(self, steps: tuple, i: int, pos: int, sentence: int, longest: bool = False) -> int | None:
        if i == len(steps):
            return pos - 1
        step = steps[i]
        tokens = self.tt.tokens
        n = len(tokens)
        if isinstance(step, Gap):
            target = steps[i + 1]
            stop = min(pos + step.n + 1, n)
            if longest:
                # farthest first: a match from a farther word reaches at least as far
                for p in range(stop - 1, pos - 1, -1):
                    if tokens[p].sentence == sentence and not self.at[p].isdisjoint(target):
                        r = self._match(steps, i + 2, p + 1, sentence, True)
                        if r is not None:
                            return r
                return None
            for p in range(pos, stop):
                if tokens[p].sentence != sentence:
                    return None
                if not self.at[p].isdisjoint(target):
                    r = self._match(steps, i + 2, p + 1, sentence)
                    if r is not None:
                        return r
            return None
        if pos < n and tokens[pos].sentence == sentence and not self.at[pos].isdisjoint(step):
            return self._match(steps, i + 1, pos + 1, sentence, longest)
        return None


class Patterns(tuple):
    """Compiled patterns ``((source, steps, negatable), ...)`` indexed by the atoms of their
    first word.

    A pattern can only match a text holding one of its first word's atoms. A rule has tens of
    patterns and a text meets few of them, so asking the index which patterns may start
    (one set intersection) replaces testing every pattern's first step, which was most of
    the cost of judging a lawful message."""

    def __new__(cls, items: Iterable[tuple[str, tuple, bool]] = ()):
        self = super().__new__(cls, items)
        by_atom: dict[int, list[int]] = {}
        for number, (_src, steps, _negatable) in enumerate(self):
            for atom in steps[0]:
                by_atom.setdefault(atom, []).append(number)
        self._by_first_atom = by_atom
        self._first_atoms = frozenset(by_atom)
        return self

    def startable(self, present: frozenset[int]) -> "list[tuple[str, tuple, bool]]":
        """The patterns whose first step has an atom in ``present``, in their order."""
        common = self._first_atoms.intersection(present)
        if not common:
            return []
        by_atom = self._by_first_atom
        if len(common) == 1:
            (atom,) = common
            return [self[n] for n in by_atom[atom]]
        numbers: set[int] = set()
        for atom in common:
            numbers.update(by_atom[atom])
        return [self[n] for n in sorted(numbers)]


def compile_all(index: AtomIndex, sources: Iterable[str],
                classes: Mapping[str, Sequence[str]]) -> Patterns:
    """((source, steps, negatable), ...)"""
    out = []
    for src in sources:
        body = src[1:].lstrip() if src.startswith("!") else src
        out.append((src, index.compile(body, classes), not src.startswith("!")))
    return Patterns(out)
