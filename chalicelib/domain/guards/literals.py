"""The literal text a regex cannot match without, so a rule's regex runs only on texts that hold it.

Running the pack's regexes over a 2 KB message was the largest single cost of judging it: most
start with look-behinds or alternations, so the regex engine tries them at every position.
Yet each needs some literal text: "surtax" (or "surtaxé"), one of "indemnit", "frais",
"forfait"... Read from the parsed regex at pack load: the longest run of characters every
match must contain (a branch gives one run per alternative, a character class one string per
character); a substring test finds them far faster than the regex fails.

Conservative by construction: a regex is skipped only when none of its required strings occurs
in the text, and a case-insensitive one is compared on ``fold``ed text, whose folding merges at
least every pair of characters the regex engine treats as equal ignoring case (its simple
lower-case mapping plus the extra equivalences it knows, "ı"/"i", "ſ"/"s"). A regex whose
requirement cannot be read (an unknown construct, flags switched inside it) is always run.
``tests/unit/guards/test_guards_literals.py`` checks the claim on random texts.

The regex parser and case tables are those of the ``re`` package itself (private modules of
Python 3.11); if they are missing, every regex is simply run.
"""
from __future__ import annotations

import re
from functools import lru_cache

try:
    import _sre
    from re import _constants as _c
    from re import _parser
    from re._casefix import _EXTRA_CASES
except ImportError:          # another Python: no hints, every regex runs
    _parser = None

MAX_ALTERNATIVES = 64        # strings one requirement may list (a class multiplies them)
_RANGE_MAX = 8               # a character range longer than this ends a literal run
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


class Literals:
    """Strings one of which every match of a regex contains."""

    __slots__ = ("strings", "ignore_case")

    def __init__(self, strings: frozenset[str], ignore_case: bool):
        self.strings = tuple(sorted(strings, key=len, reverse=True))
        self.ignore_case = ignore_case

    def absent(self, text: str, folded: str) -> bool:
        """True when the regex cannot match ``text`` (``folded`` is ``fold(text)``)."""
        haystack = folded if self.ignore_case else text
        return not any(s in haystack for s in self.strings)


@lru_cache(maxsize=4096)
def _key(cp: int) -> str:
    """One character per class of characters a case-insensitive regex treats as equal."""
    lower = _sre.unicode_tolower(cp)
    return chr(min((lower, *_EXTRA_CASES.get(lower, ()))))


def fold(text: str) -> str:
    """``text`` with every character replaced by its case class (see ``_key``), same length."""
    if text.isascii():
        return text.lower()          # the same as _key on ASCII ("I" -> "i", "S" -> "s")
    odd = [ch for ch in set(text) if not ch.isascii() and ch.lower() != _key(ord(ch))]
    if not odd:
        return text.lower()          # "é", "É", "œ": lower() already gives their class
    table = dict(_ASCII_LOWER)
    for ch in set(text):
        if not ch.isascii():
            table[ord(ch)] = _key(ord(ch))
    return text.translate(table)


def required(rx: re.Pattern) -> Literals | None:
    """What every match of ``rx`` contains, or None when that cannot be read."""
    if _parser is None or not isinstance(rx.pattern, str) or rx.flags & re.LOCALE:
        return None
    ignore_case = bool(rx.flags & re.IGNORECASE)
    try:
        tree = _parser.parse(rx.pattern, rx.flags)
        found = _sequence(list(tree), _key if ignore_case else chr)
    except Exception:             # a construct this reader does not know: always run the regex
        return None
    if found is None or not found[1]:
        return None
    return Literals(found[1], ignore_case)


# A requirement: (score, strings). Score = length of its shortest string; the longest wins.
def _better(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return b if (b[0], -len(b[1])) > (a[0], -len(a[1])) else a


def _characters(op, av, key) -> frozenset[str] | None:
    """The characters one item matches, when it matches exactly one of a short list."""
    if op is _c.LITERAL:
        return frozenset({key(av)})
    if op is _c.IN:
        out: set[str] = set()
        for item_op, item in av:
            if item_op is _c.LITERAL:
                out.add(key(item))
            elif item_op is _c.RANGE and item[1] - item[0] < _RANGE_MAX:
                out.update(key(cp) for cp in range(item[0], item[1] + 1))
            else:                 # NEGATE, CATEGORY, a long range: not a short list
                return None
        return frozenset(out)
    return None


def _sequence(items, key):
    best = None
    run: set[str] = set()
    run_len = 0
    for op, av in items:
        chars = _characters(op, av, key)
        if chars is not None and run_len and len(run) * len(chars) <= MAX_ALTERNATIVES:
            run = {s + c for s in run for c in chars}
            run_len += 1
            continue
        if run_len:
            best = _better(best, (run_len, frozenset(run)))
            run, run_len = set(), 0
        if chars is not None:
            if len(chars) <= MAX_ALTERNATIVES:
                run, run_len = set(chars), 1
            continue
        best = _better(best, _item(op, av, key))
    if run_len:
        best = _better(best, (run_len, frozenset(run)))
    return best


def _item(op, av, key):
    """The requirement of one non-literal item; None when it requires nothing readable.
    Zero-width items (anchors, look-arounds) require nothing and end a literal run."""
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _sequence(list(sub), key)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, sub = av
        return _sequence(list(sub), key) if low >= 1 else None
    if op is _c.ATOMIC_GROUP:
        return _sequence(list(av), key)
    if op is _c.BRANCH:
        _, branches = av
        score, strings = None, set()
        for branch in branches:
            found = _sequence(list(branch), key)
            if found is None:
                return None       # one alternative requires nothing: neither does the branch
            score = found[0] if score is None else min(score, found[0])
            strings |= found[1]
        return None if len(strings) > MAX_ALTERNATIVES else (score, frozenset(strings))
    return None
