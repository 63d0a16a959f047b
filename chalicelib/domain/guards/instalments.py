"""The arithmetic of a payment plan written in a message: what its instalments add up to.

"Nous vous confirmons l'échéancier … pour le solde de votre facture, soit 600,00 € : douze
mensualités de 55,00 €, sans frais" asks 660 € for a balance of 600 €: 60 € that no line names
(h12ed-002). No wording rule can see that. ``plan_excess_cents`` reads a plan written as a count of
equal instalments and their amount ("12 mensualités de 55,00 €", "three monthly instalments of
€40") and the balance the plan settles, the amount written just before it ("soit 600,00 €",
"solde : 600,00 €"), and returns by how much the instalments exceed it.

It reads only what it can read without guessing, and returns None otherwise:
- the balance must be the last amount written before the plan, in the same paragraph, and its own
  label (back to the amount before it) must name a sum to settle ("soit", "solde", "total",
  "montant", "reste"): "principal 318,90 €, intérêts 0,00 €" gives no balance;
- amounts in brackets detail the sum before them and are never the balance: "256 € (factures
  A : 128 € et B : 128 €) … quatre mensualités de 64 €" settles 256 €, not 128 € (h12iv-109);
- a plan whose own sentence goes on with another amount or with words that make it unequal or
  explain a difference (interest, a last or first instalment of another amount, a deposit,
  "dont", "puis") is not read: "11 mensualités de 55 € puis une dernière de 5 €" is a plan whose
  sum the count alone does not give.
A plan for less than the balance (a first step, a partial plan) gives a negative figure: it claims
nothing extra.
"""
from __future__ import annotations

import re

from .amounts import AMOUNT_RE, match_cents
from .text import fold

_NUMBER_WORDS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "dix-huit": 18,
    "vingt": 20, "vingt-quatre": 24, "trente": 30, "trente-six": 36,
    "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24, "thirty-six": 36,
}
_COUNT = r"(?P<count>\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_PLAN_RE = re.compile(
    r"\b" + _COUNT + r"\s+(?:mensualit[ée]s|[ée]ch[ée]ances|versements|pr[ée]l[èe]vements|paiements|"
    r"(?:monthly\s+)?(?:instal?lments|payments|repayments))"
    r"(?:\s+(?:[ée]gales|identiques|mensuel(?:le)?s|successives|equal|monthly|consecutive)){0,2}"
    r"\s+(?:de|d['’]|of)\s*(?:" + AMOUNT_RE.pattern + r")", re.IGNORECASE)
# a word naming the sum the plan settles, just before the balance's amount
_BALANCE_WORD_RE = re.compile(r"\b(?:soit|solde|total|montant|somme|reste|restant|balance|outstanding|owing|"
                              r"amount|sum)\b[^.\n]{0,40}$|:\s*$")
# words that make the plan unequal, or that explain a difference with the balance
_IRREGULAR_RE = re.compile(r"\b(?:interets?|interest|taeg|apr|dont|puis|then|derniere|dernier|last|final|"
                           r"premiere|premier|first|acompte|apport|deposit|ajust\w*|solde|balance|reste|remaining|"
                           r"except\w*|hors|plus)\b")
_SENTENCE_END_RE = re.compile(r"(?<!\d)[.!?](?!\d)|\n\s*\n")
# the instalment nouns alone: a plan is looked for only around one of them (the plan's regex, with its
# count words, costs a fifth of a judgement when run over a whole 2 KB letter)
_NOUN_RE = re.compile(r"(?i)\b(?:mensualit[ée]s|[ée]ch[ée]ances|versements|pr[ée]l[èe]vements|paiements|instal?lments"
                      r"|payments|repayments)\b")
_NOUN_STEMS = ("mensualit", "chéances", "cheances", "versements", "lèvements", "levements", "paiements", "instal",
               "payments")
_PARENTHESIS_RE = re.compile(r"\([^()]*\)")
_BEFORE_NOUN = 16       # "trente-six " before its noun
_AFTER_NOUN = 48        # two adjectives, "de", and the amount after it
_WINDOW = 300


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower(), 0)


def plan_excess_cents(text: str) -> int | None:
    """Cents by which the largest readable plan's instalments exceed the balance written before it
    (negative when they fall short), or None when no plan can be read with its balance."""
    if not text:
        return None
    lowered = text.lower()
    if not any(stem in lowered for stem in _NOUN_STEMS):
        return None
    plans = []
    for noun in _NOUN_RE.finditer(text):
        plan = _PLAN_RE.search(text, max(0, noun.start() - _BEFORE_NOUN), noun.end() + _AFTER_NOUN)
        if plan is not None and (not plans or plan.start() != plans[-1].start()):
            plans.append(plan)
    worst: int | None = None
    for plan in plans:
        count = _count(plan.group("count"))
        if count < 2:
            continue
        # the rest of the plan's sentence: another amount or an irregular word and the plan is not read
        end = _SENTENCE_END_RE.search(text, plan.end())
        rest = text[plan.end():end.start() if end else len(text)]
        if AMOUNT_RE.search(rest) or _IRREGULAR_RE.search(fold(rest)):
            continue
        before = text[max(0, plan.start() - _WINDOW):plan.start()]
        paragraph = before[before.rfind("\n\n") + 1:] if "\n\n" in before else before
        # a parenthesis details what comes before it ("256 € (factures A : 128 € et B : 128 €)"):
        # its amounts are items, not the balance, and are blanked out (same offsets). A balance
        # written only in brackets is still read ("(solde : 600 €) : douze mensualités de 55 €")
        amounts = (list(AMOUNT_RE.finditer(_PARENTHESIS_RE.sub(lambda m: " " * len(m.group()), paragraph)))
                   or list(AMOUNT_RE.finditer(paragraph)))
        if not amounts:
            continue
        base = amounts[-1]
        # the balance's own label: what stands between the amount before it and it
        label = paragraph[amounts[-2].end() if len(amounts) > 1 else 0:base.start()]
        if (not match_cents(base) or _IRREGULAR_RE.search(fold(paragraph[base.end():]))
                or not _BALANCE_WORD_RE.search(fold(label))):
            continue
        excess = count * match_cents(plan) - match_cents(base)
        worst = excess if worst is None or excess > worst else worst
    return worst
