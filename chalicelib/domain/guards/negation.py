"""Negation scope: is a matched phrase negated ("nous n'engagerons aucune saisie")?

Looks inside a gapped match for post-negators, back a few words (pre-negators: "aucun", "pas", "sans", "not", "never"...) and
forward a few words (post-negators: "ne", "n'", "cannot"...: "aucune saisie ne peut"),
never past a clause boundary (comma, colon...) nor past a *breaker* word that opens a
new clause ("si", "sinon", "nous", "if", "we", "sous 48h"...). So in
"si vous ne payez pas, nous procéderons à la saisie" the "ne ... pas" stays with
"payez" and does not negate "saisie". Word lists come from the pack.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from .text import Normaliser, TokenizedText, checked_stem, fold


@dataclass(frozen=True)
class WordSet:
    keys: frozenset[str]
    stems: tuple[str, ...]   # plain-form prefixes ("suspend*")
    # for negators: each word as written (folded) -> its plain form; None reads phonetic keys
    written: Mapping[str, str] | None = None

    @classmethod
    def build(cls, words: Iterable[str], normaliser: Normaliser, exact: bool = False) -> "WordSet":
        keys, stems, written = set(), [], {}
        for w in words:
            if w.endswith("*"):
                stems.append(checked_stem(w[:-1], normaliser.plain(w[:-1])))
            else:
                keys.add(normaliser.key(w))
                written[fold(w)] = normaliser.plain(w)
        return cls(frozenset(keys), tuple(stems), written if exact else None)

    def __contains__(self, token) -> bool:  # token: text.Token
        if self.written is None and token.key in self.keys:
            return True
        return token.plain.startswith(self.stems)   # () matches nothing

    def has(self, tt: TokenizedText, k: int) -> bool:
        """Whether token ``k`` of ``tt`` is in the set; an exact set reads the word as written."""
        tok = tt.tokens[k]
        if self.written is not None and self.written.get(fold(tt.text[tok.start:tok.end])) == tok.plain:
            return True          # the word as written ("pass" is no "pas") and as read ("n°" is "numero")
        return tok in self

    def union(self, other: "WordSet") -> "WordSet":
        written = None if self.written is None else {**self.written, **(other.written or {})}
        return WordSet(self.keys | other.keys, self.stems + other.stems, written)


@dataclass(frozen=True)
class NegationScope:
    pre: WordSet
    post: WordSet
    breakers: WordSet
    window_pre: int = 6
    window_post: int = 3
    # "sans paiement, ..." is a condition, not a negation: pre-negator -> words that,
    # right after it, turn it into a clause breaker, unless the word after those is one of the
    # entry's ``unless_then`` ("sans autre préavis" is a condition, "sans autres frais" negates)
    conditional: tuple = ()   # ((negators, following words, unless_then or None), ...) as WordSets
    # a verb that opens a new predicate ("ne pas payer | peut être qualifié d'escroquerie")
    # ends the look-back, unless it is itself negated by the word right before it ("personne
    # ne | peut être emprisonné"): French puts "ne" before the verb it negates
    predicate_breakers: WordSet | None = None
    predicate_negators: WordSet | None = None
    # a subject pronoun breaks ("si vous ne payez pas, | nous saisirons"), but the same word as
    # the object of an infinitive does not ("aucune somme à | nous verser")
    object_pronouns: WordSet | None = None
    object_markers: WordSet | None = None
    # litotes: a negated verb that asserts what follows it ("nous n'hésiterons pas à saisir",
    # "we won't hesitate to tell your employer"). A negator right beside one of these verbs
    # negates the verb, not the match, and ends the look-back.
    litotes: WordSet | None = None
    # "or" / "ou" join a list the negation still governs ("we do not report anything to the police
    # or to any public register"): each one met on the way back gives the look-back a new window
    coordinators: WordSet | None = None
    # a breaker that is another language's preposition when one of these follows it: the French
    # subject "on" opens a clause, the English "on any / on your" does not ("it will not appear on
    # any criminal record")
    not_breaking_before: Mapping[str, WordSet] | None = None

    @classmethod
    def from_pack(cls, spec: Mapping, normaliser: Normaliser) -> "NegationScope":
        return cls(
            # negators are read as written: a phonetic key would read "pass" as "pas" and
            # "pass your file to the police" as a negation, a milder verdict for a misspelling
            pre=WordSet.build(spec["pre"], normaliser, exact=True),
            post=WordSet.build(spec["post"], normaliser, exact=True),
            breakers=WordSet.build(spec["breakers"], normaliser),
            window_pre=int(spec.get("window_pre", 6)),
            window_post=int(spec.get("window_post", 3)),
            conditional=tuple(
                (WordSet.build(c["negators"], normaliser), WordSet.build(c["followed_by"], normaliser),
                 WordSet.build(c["unless_then"], normaliser) if "unless_then" in c else None)
                for c in spec.get("conditional", [])
            ),
            predicate_breakers=(WordSet.build(spec["predicate_breakers"]["words"], normaliser)
                                if "predicate_breakers" in spec else None),
            predicate_negators=(WordSet.build(spec["predicate_breakers"]["unless_after"], normaliser, exact=True)
                                if "predicate_breakers" in spec else None),
            object_pronouns=(WordSet.build(spec["object_pronouns"]["words"], normaliser, exact=True)
                             if "object_pronouns" in spec else None),
            object_markers=(WordSet.build(spec["object_pronouns"]["after"], normaliser, exact=True)
                            if "object_pronouns" in spec else None),
            litotes=WordSet.build(spec["litotes"], normaliser) if "litotes" in spec else None,
            coordinators=(WordSet.build(spec["coordinators"], normaliser, exact=True)
                          if "coordinators" in spec else None),
            not_breaking_before=({fold(w): WordSet.build(after, normaliser, exact=True)
                                  for w, after in spec["not_breaking_before"].items()}
                                 if "not_breaking_before" in spec else None),
        )

    def with_extra(self, pre: Iterable[str], normaliser: Normaliser) -> "NegationScope":
        extra = WordSet.build(pre, normaliser, exact=True)
        return NegationScope(self.pre.union(extra), self.post, self.breakers,
                             self.window_pre, self.window_post, self.conditional,
                             self.predicate_breakers, self.predicate_negators,
                             self.object_pronouns, self.object_markers, self.litotes,
                             self.coordinators, self.not_breaking_before)

    def negated(self, tt: TokenizedText, first: int, last: int) -> bool:
        tokens = tt.tokens
        clause = tokens[first].clause
        stop = max(-1, first - 1 - self.window_pre)   # moved back by each coordinator met
        for k in range(first - 1, -1, -1):
            if k <= stop:
                break
            tok = tokens[k]
            if tok.clause != clause:
                break
            if self.pre.has(tt, k) and not _hyphen_fragment(tt, k) and not _restrictive(tt, k):
                if self._is_condition(tokens, k) or self._negates_a_litotes(tt, k, first):
                    break
                return True
            if ((tok in self.breakers and not self._object_pronoun(tt, k) and not self._preposition(tt, k))
                    or self._opens_a_predicate(tt, k)):
                break
            if self.coordinators is not None and self.coordinators.has(tt, k):
                stop = max(-1, k - 1 - self.window_pre)
        for k in range(first + 1, last):       # inside a gapped match: "frais ... ne sont pas à votre charge"
            if self.post.has(tt, k) and not _hyphen_fragment(tt, k) and not _restrictive(tt, k):
                return True
        clause = tokens[last].clause
        for k in range(last + 1, min(len(tokens), last + 1 + self.window_post)):
            tok = tokens[k]
            if tok.clause != clause:
                break
            if self.post.has(tt, k) and not _hyphen_fragment(tt, k) and not _restrictive(tt, k):
                return True
            if tok in self.breakers:
                break
        return False

    def _negates_a_litotes(self, tt: TokenizedText, k: int, first: int) -> bool:
        # "n' hésiterons pas à": the verb sits between "ne" and "pas", or right after the
        # negator ("ne pas hésiter", "will not hesitate", "won t hesitate"); a choice denied is
        # three words on ("pas d'autre choix que de joindre vos parents", "no other choice but")
        if self.litotes is None:
            return False
        clause = tt.tokens[k].clause
        return any(tt.tokens[j] in self.litotes and tt.tokens[j].clause == clause
                   for j in range(max(0, k - 2), min(first, k + 4)) if j != k)

    def _object_pronoun(self, tt: TokenizedText, k: int) -> bool:
        return (self.object_pronouns is not None and k > 0 and self.object_pronouns.has(tt, k)
                and self.object_markers.has(tt, k - 1))

    def _preposition(self, tt: TokenizedText, k: int) -> bool:
        if self.not_breaking_before is None or k + 1 >= len(tt.tokens):
            return False
        after = self.not_breaking_before.get(fold(tt.text[tt.tokens[k].start:tt.tokens[k].end]))
        return after is not None and after.has(tt, k + 1)

    def _opens_a_predicate(self, tt: TokenizedText, k: int) -> bool:
        if self.predicate_breakers is None or tt.tokens[k] not in self.predicate_breakers:
            return False
        return not (k > 0 and self.predicate_negators.has(tt, k - 1))

    def _is_condition(self, tokens, k: int) -> bool:
        if k + 1 >= len(tokens):
            return False
        nxt = tokens[k + 1]
        then = tokens[k + 2] if k + 2 < len(tokens) else None
        return any(tokens[k] in negs and nxt in follows and not (unless and then is not None and then in unless)
                   for negs, follows, unless in self.conditional)


def _hyphen_fragment(tt: TokenizedText, k: int) -> bool:
    """A negator glued by a hyphen to the next word is the first piece of a split word
    ("nos agents pas-seront saisir"), not a negation: no French or English negation is
    written that way ("non-paiement" is read as a condition before this is asked)."""
    tokens = tt.tokens
    end = tokens[k].end
    return (k + 1 < len(tokens) and tt.text[end:end + 1] == "-"
            and tokens[k + 1].start == end + 1)


_RESTRICTIVE_END = frozenset({"que", "qu"})
# "n'est possible qu'avec un titre", "ne peut intervenir qu'après un jugement": a restriction to a
# condition of law states what cannot happen without it, and is read as the negation it is
_CONDITION_AFTER_QUE = frozenset({"avec", "apres", "sur", "par", "si", "lorsque", "lorsqu", "quand", "en",
                                  "dans", "une", "au", "sous", "moyennant", "with", "after"})
_TRUE_NEGATORS = frozenset({"pas", "jamais", "plus", "rien", "point", "aucun", "aucune", "personne", "guere", "nul", "nulle"})


def _restrictive(tt: TokenizedText, k: int) -> bool:
    """"ne ... que" restricts, it does not negate: "les huissiers n'attendent qu'un signe", "il ne
    vous reste que trois jours" say that something will happen. Token ``k`` is a "ne" / "n'" whose
    "que" follows within three words, with no "pas", "jamais", "plus"... in between, and no
    condition of law right after it ("qu'avec un titre", "qu'après un jugement")."""
    tokens = tt.tokens
    if tokens[k].plain not in ("ne", "n"):
        return False
    clause = tokens[k].clause
    for j in range(k + 1, min(len(tokens), k + 4)):
        if tokens[j].clause != clause or tokens[j].plain in _TRUE_NEGATORS:
            return False
        if tokens[j].plain in _RESTRICTIVE_END:
            return j + 1 < len(tokens) and tokens[j + 1].plain not in _CONDITION_AFTER_QUE
    return False
