"""The arithmetic of a statement of account written in a message.

A calm letter can break the law by its numbers alone: "indemnité légale de défaillance :
812,50 €" beside "capital restant dû : 6 250,00 €" is 13 % where C. conso D312-16 allows 8 %,
and "intérêts au taux légal depuis le 03/11/2026 : 48,00 €" on a principal of 300 € a month
later is a rate no legal rate comes near. No wording rule can see that. This module reads the
lines of a statement (a label, a colon, then an amount on the same line) and returns two ratios the
rules compare with the pack's caps; each is None when the message does not give what it needs,
so a message without a statement is never judged by it.

- ``indemnity_pct_of_capital``: a default indemnity ("indemnité ... défaillance / légale /
  contractuelle / de résiliation", "default indemnity") over the outstanding capital plus the
  unpaid instalments it lists (the most generous base D312-16 and D312-17 allow), in %.
- ``indemnity_cites_credit_law``: whether that indemnity's line cites the consumer-credit cap
  itself ("art. D312-16", "crédit à la consommation"): the cap then applies whoever holds the
  loan now (a financing company that bought it is no credit institution in the case's facts).
- ``interest_annual_pct``: interest over a principal, for the days the interest line states
  ("(61 jours)") or else from the date it says it runs from ("depuis le", "à compter du",
  "since") to the statement's date ("au 04/12/2026", "situation au ...") or the day judged, as a
  yearly rate in %. Only periods of at
  least ``MIN_DAYS`` days are read: over a few days, rounding to the cent makes any rate.
- ``interest_vs_stated_rate``: an interest line that states its own yearly rate, its base ("sur
  5 312,40 €", or else the largest principal or capital line) and its days ("(91 jours)", or its
  dates), against what that rate gives: 2.0 when the interest is twice what its own figures
  produce. No legal rate is assumed: the line is checked against itself.
- ``total_excess_cents``: how much a total line ("Total à régler : 446,30 €") exceeds the sum of
  every other amount the message writes, when at least one statement line itemises it: 30 € that
  no line explains ("principal : 412,50 € ; intérêts : 3,80 €"; "échéances impayées : 312,00 €"
  under "Total : 359,00 €"). Any amount written anywhere
  (a payment, an "= 800,10 €", a header's share capital) counts on the items' side, so the figure
  can only be too small, never too large, except a line above the total that writes its amount with
  a minus after its colon ("acompte versé : − 400,00 €"), which the total has taken off. A product
  ("3 × 39,90 €") written before the total is an item worth what it makes, unless it sits in
  brackets on the line whose amount it makes ("principal (2 × 39,95 €) : 79,90 €") or is worked out
  there ("3 × 104,00 €, soit 312,00 €"), where the line's own amount stands for it; a message that
  multiplies otherwise (a product after the total, "3 fois", a rate times a base) or counts
  instalments is not read. A label ending with what it itemises ("… : principal 450,00 €"), or an
  amount in brackets after its reference ("(GB-1026-7741, 29,90 €)"), itemises as a colon does.
  Without a total line, a line naming the sum to pay ("Montant actualisé à régler : 355,00 €",
  "Montant à régler", "Amount payable") is the total, and one itemised line beside it is enough; a
  remaining balance ("solde restant dû") is not, since a payment written beside it lowers it.
- ``plan_excess_cents``: how much a plan's equal instalments exceed the balance written before it
  (instalments.py).
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable, Iterator

from .amounts import AMOUNT_RE, cents_of, match_cents
from .instalments import plan_excess_cents
from .text import fold

MIN_DAYS = 15
_LINE_RE = re.compile(r"[^\n;]+")
# a date as a statement writes it: "05/01/2027", or in words, "5 janvier 2027", "1er mars 2027",
# "5 January 2027" (a decompte written in prose dates its interest in words as often as in digits)
_MONTHS = {"janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
           "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
           "decembre": 12, "décembre": 12, "january": 1, "february": 2, "march": 3, "april": 4,
           "may": 5, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10,
           "november": 11, "december": 12}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = (r"\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d"
         r"|\d{1,2}(?:er|st|nd|rd|th)?\s+(?:" + _MONTH_NAMES + r")\s+(?:19|20)\d\d")
_DATE_RE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)\b"
                      r"|\b(\d{1,2})(?:er|st|nd|rd|th)?\s+(" + _MONTH_NAMES + r")\s+((?:19|20)\d\d)\b",
                      re.IGNORECASE)
_FROM_RE = re.compile(r"\b(?:depuis|compter\s+du|partir\s+du|courus\s+du|since|from)\s+(?:le\s+|the\s+)?"
                      r"(?:[^\d\n]{0,40}?\s)?(" + _DATE + r")", re.IGNORECASE)
_AS_OF_RE = re.compile(r"\b(?:au|as\s+(?:of|at)|arr[eê]t[eé]e?\s+au|jusqu['’]au)\s+(" + _DATE + r")",
                       re.IGNORECASE)

_INDEMNITY = re.compile(r"\bindemnit\w*\b.*\b(?:defaillance|legale|contractuelle|resiliation|exigibilite)\b"
                        r"|\bdefault\s+(?:indemnity|charge|compensation)\b")
_CREDIT_LAW = re.compile(r"\bd\.?\s?312-1[67]\b|\bcredit\s+a\s+la\s+consommation\b|\bconsumer\s+credit\b")
_CAPITAL = re.compile(r"\bcapital\b.*\b(?:restant|du|outstanding)\b|\boutstanding\s+(?:capital|principal)\b")
_UNPAID = re.compile(r"\b(?:echeances?|mensualites?)\b.*\b(?:impayees?|echues?|en\s+retard)\b"
                     r"|\b(?:unpaid|missed|overdue)\s+(?:instalments?|installments?|repayments?)\b")
_INTEREST = re.compile(r"\binterets?\b|\binterest\b")
_PRINCIPAL = re.compile(r"\bprincipal\b|\bmontant\s+(?:de\s+la\s+|des\s+)?factures?\b|\bmontant\s+initial\b"
                        r"|\binvoice\s+amount\b|\bamount\s+of\s+the\s+invoice\b")
_NEEDS = ("intér", "inter", "indemn", "default")
_RATE_RE = re.compile(r"(\d{1,2}(?:[.,]\d{1,3})?)\s?%\s*(?:l['’]\s?an\b|par\s+an\b|annuel|p\.\s?a\.?|per\s+annum|a\s+year)",
                      re.IGNORECASE)
_DAYS_RE = re.compile(r"\(\s*(\d{1,4})\s+(?:jours|days)\s*\)", re.IGNORECASE)
_BASE_RE = re.compile(r"\b(?:sur|on)\s+(?:un\s+|le\s+|the\s+|a\s+)?(?:capital\s+de\s+|principal\s+(?:of\s+)?)?"
                      r"((?:€|EUR)\s?\d[\d\u00a0\u202f ,.]*|\d[\d\u00a0\u202f .,]*\s?(?:€|EUR\b|euros?\b))", re.IGNORECASE)
_NOT_A_CHARGE = re.compile(r"\b(?:sans|aucun|aucuns|hors|no|without)\b")
_TOTAL = re.compile(r"\btotal\b|\btotaux\b")
# a line that says what is to be paid without the word "total": "Montant actualisé à régler : 355,00 €",
# "Montant à régler : 612,48 €", "Amount due: £…"; one itemised line beside it is enough (a single
# invoice line, then a larger sum to pay: the difference is explained by nothing written)
_DUE = re.compile(r"\bmontant\s+(?:total\s+)?(?:actualise|reactualise|revalorise|reevalue|indexe|majore|reclame"
                  r"|a\s+regler|a\s+payer)\b|\bsommes?\s+(?:a\s+regler|a\s+payer|reclamee)\b"
                  r"|\bupdated\s+amount\b|\bamount\s+(?:now\s+)?(?:payable|to\s+pay|claimed)\b")
# what a total or due line needs before anything is parsed: its word, then a colon or a table
# cell's bar on the same line (most letters write "d'un montant de 450,00 €" in prose, and the
# check runs on every reading of every judged field, so it looks only before each colon or bar)
_SUM_WORDS = ("total", "montant", "somme", "amount")
_LABEL_END_RE = re.compile(r"[:|]")

# an amount written with a minus after its label's colon or cell: "acompte versé : − 400,00 €",
# "avoir AV-33-0012 : – 312,00 €" (a bullet's hyphen at the line's start is no minus)
_DEDUCTED_RE = re.compile(r"[:|]\s*[−–-]\s*$|−\s*$")
_NIL_LINE_RE = re.compile(r"^[^\n:;]{2,60}:\s*(?:n[ée]ant|aucun|aucune|aucuns|none|nil)\s*[.;]?\s*$",
                          re.IGNORECASE | re.MULTILINE)
# a product or a count of instalments makes a total no sum of the written amounts
_MULTIPLIES = re.compile(r"\d\s?[×x*]\s?\d|\d\s?[×x*]\s?(?:€|EUR)|\bfois\b|\btimes\b|\b\d+\s+(?:mensualit|échéances|echeances|instalments|installments)",
                         re.IGNORECASE)

# "(forfait, 2 × 39,95 €) : 79,90 €": a bracket with a product, and the rest of its line
_BRACKETED_RE = re.compile(r"\(([^()\n]{0,120})\)([^\n]*)")
_PRODUCT_RE = re.compile(r"\b(\d{1,3})\s?[×x*]\s?(?:" + AMOUNT_RE.pattern + r")", re.IGNORECASE)
# "3 × 104,00 €, soit 312,00 €": a product worked out on its own line is the line's amount,
# itemised as "… : 312,00 €" would be
_WORKED_PRODUCT_RE = re.compile(_PRODUCT_RE.pattern + r"\s*,?\s*(?:soit|=|i\.e\.|that\s+is|making)\s*"
                                r"(?:€\s?|EUR\s?)?(?P<result>\d{1,3}(?:[ \u00a0\u202f.,]\d{3})*(?:[.,]\d{1,2})?)"
                                r"(?=\s?(?:€|EUR\b|euros?\b))", re.IGNORECASE)
# a colon, then the name of the amount that follows ("facture n° X : principal 180,00 €"): an item line
_NAMED_AFTER_COLON = re.compile(r"[:|]\s*(?:en\s+)?(?:principal|capital(?:\s+restant\s+du)?)\s*$")
# a label that ends with what it itemises, without a colon ("… : principal 450,00 €")
_ITEM_LABEL_END = re.compile(r"\b(?:principal|capital|interets?|interest|frais|fees|indemnites?|penalites?)\s*$")
# an amount in brackets after the reference of what it is for itemises it as a colon does: "vos box
# d'octobre (GB-1026-7741, 29,90 €) et de novembre (GB-1126-7741, 29,90 €) … Total à régler : 71,80 €"
_BRACKETED_ITEM_RE = re.compile(r"\(\s*(?:n[°o]\s*)?[A-Z]{1,6}[-/]?\d[\w/-]*\s*[,:]\s*$")


def _date(text: str) -> date | None:
    m = _DATE_RE.search(text)
    if not m:
        return None
    try:
        if m.group(1):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date(int(m.group(6)), _MONTHS[m.group(5).lower()], int(m.group(4)))
    except (ValueError, KeyError):
        return None


def _amounts(text: str) -> Iterator[tuple[str, int, bool]]:
    """(label as written, cents, whether the label ends with a colon) for every amount written:
    its label is what precedes it on its line, back to the line's start or the amount before.
    In a table row ("| Indemnité légale (8 %) | 750,00 € |") the cell boundary plays the colon's
    part and the label is the whole cell before it, amounts written inside that cell included
    ("| Échéances impayées (3 × 212,40 €) | 637,20 € |")."""
    for line in _LINE_RE.findall(text):
        start = 0
        found: list[list] = []
        for m in AMOUNT_RE.finditer(line):
            label = line[start:m.start()]
            start = m.end()
            head = line[:m.start()].rstrip()
            cents = match_cents(m)
            if head.endswith("|") and head.count("|") >= 2:
                cell_start = head.rfind("|", 0, len(head) - 1)
                found.append([head[cell_start + 1:-1], cents, True])
                continue
            # "interest ... : €2,180.00 × 6.47 % × 28/365 = €10.82": the line's value is the
            # result after "=", not the base its formula starts from
            if label.rstrip().endswith("=") and any(item[2] for item in found):
                last_labelled = max(i for i, item in enumerate(found) if item[2])
                found[last_labelled][1] = cents
                found.append([label, cents, False])
                continue
            found.append([label, cents, label.rstrip().endswith(":")])
        for label, cents, colon in found:
            yield label, cents, colon


def items(text: str) -> list[tuple[str, str, int]]:
    """(folded label, label as written, cents) for each amount written after a colon ("principal :
    920,00 € ; intérêts depuis le 15/09/2026 : 11,63 €. Montant total : 931,63 €" is three): only
    "label : amount", the layout of a statement; in prose the label may as well follow its amount
    ("6 200,00 € en principal, outre 38,54 € d'intérêts"). A colon followed by what the amount is
    ("facture EV-2026-0650328 : principal 180,00 €") labels it as a colon right before it does."""
    out = []
    for label, cents, colon in _amounts(text):
        folded = fold(label)
        if colon or _NAMED_AFTER_COLON.search(folded):
            out.append((folded, label, cents))
    return out


# the derived facts this module gives the rules (the pack validates rule predicates against them)
STATEMENT_FACTS = ("indemnity_pct_of_capital", "indemnity_cites_credit_law", "interest_annual_pct",
                   "interest_vs_stated_rate", "total_excess_cents", "plan_excess_cents")


def statement_facts(text: str, on: date) -> dict[str, Any]:
    """The ratios of the message's statement of account (see the module docstring)."""
    out: dict[str, Any] = dict.fromkeys(STATEMENT_FACTS)
    lowered = text.lower()
    out["total_excess_cents"] = _total_excess(text, lowered)
    out["plan_excess_cents"] = plan_excess_cents(text)
    # most messages name neither interest nor an indemnity: a few substring tests, then nothing
    if not any(word in lowered for word in _NEEDS):
        return out
    lines = items(text)
    if not lines:
        return out
    capital = max((c for label, _, c in lines if _CAPITAL.search(label) and not _INDEMNITY.search(label)),
                  default=0)
    unpaid = max((c for label, _, c in lines if _UNPAID.search(label) and not _INDEMNITY.search(label)
                  and not _INTEREST.search(label)), default=0)
    indemnity = max((c for label, _, c in lines if _INDEMNITY.search(label)), default=0)
    if capital and indemnity:
        out["indemnity_pct_of_capital"] = round(100 * indemnity / (capital + unpaid), 2)
        out["indemnity_cites_credit_law"] = any(_INDEMNITY.search(label) and _CREDIT_LAW.search(label)
                                                for label, _, _ in lines)

    principal = max((c for label, _, c in lines if _PRINCIPAL.search(label) and not _INTEREST.search(label)),
                    default=0)
    as_of = None
    for m in _AS_OF_RE.finditer(text):
        d = _date(m.group(1))
        if d is not None and d <= on and (as_of is None or d > as_of):  # a statement is not dated ahead
            as_of = d
    rates = []
    for label, written, cents in lines:
        if not _INTEREST.search(label) or _NOT_A_CHARGE.search(label) or not principal:
            continue
        days_m = _DAYS_RE.search(written)      # "du 25/09/2026 au 25/11/2026 (61 jours)"
        if days_m:
            days = int(days_m.group(1))
        else:
            start = _FROM_RE.search(written)
            since = _date(start.group(1)) if start else None
            days = ((as_of or on) - since).days if since is not None else 0
        if days < MIN_DAYS:
            continue
        rates.append(100 * cents / principal * 365 / days)
    if rates:
        out["interest_annual_pct"] = round(max(rates), 2)
    # without a principal or capital line, the largest other amount: a larger base can only make
    # the interest look smaller, never larger, than its rate gives
    others = [c for label, _, c in lines if not _INTEREST.search(label)]
    out["interest_vs_stated_rate"] = _against_own_rate(text, on, max(principal, capital) or max(others, default=0))
    return out


def _without_explained_products(text: str) -> str:
    """The text without the products a line explains itself by: "principal (2 × 39,95 €) :
    79,90 €" is one amount, the line's, and says how it was made; the product in brackets goes
    when it equals an amount written after it on the same line. Any other product still makes the
    statement unreadable (``_MULTIPLIES``)."""
    def drop(m: re.Match) -> str:
        product = _PRODUCT_RE.search(m.group(1))
        if product is None:
            return m.group(0)
        value = int(product.group(1)) * match_cents(product)
        rest = m.group(2)
        if any(match_cents(a) == value for a in AMOUNT_RE.finditer(rest)):
            return " " + rest
        return m.group(0)
    text = _BRACKETED_RE.sub(drop, text)

    def drop_worked(m: re.Match) -> str:
        # the match holds the product's own groups: its count, then its amount
        value = int(m.group(1)) * match_cents(m)
        return ": " + m.group("result") if cents_of(m.group("result")) == value else m.group(0)
    text = _WORKED_PRODUCT_RE.sub(drop_worked, text)

    # any other product written before the total is an item worth what it makes: "(contrat VF-29904,
    # 3 × 39,90 €)" above "Montant à régler : 149,70 €" itemises 119,70 €, and 30 € stay unexplained.
    # Read as its value, a product can only add to the items' side, so the excess stays a figure that
    # is never too large. One written after a total or a sum to pay ("total principal : 14 760,00 € ;
    # indemnités de 2 × 40 €", a plan of "3 × 50 €") is no item of it: it keeps the statement unread.
    def as_item(m: re.Match) -> str:
        # a product worked out to another figure ("3 × 104,00 €, soit 320,00 €") says two things: unread
        if _WORKED_PRODUCT_RE.match(text, m.start()):
            return m.group(0)
        if any(colon and (_TOTAL.search(fold(label)) or _DUE.search(fold(label)))
               for label, _cents, colon in _amounts(text[:m.start()])):
            return m.group(0)
        value = int(m.group(1)) * match_cents(m)
        return f": {value // 100},{value % 100:02d} €"
    return _PRODUCT_RE.sub(as_item, text)


def _may_label_a_sum(lowered: str) -> bool:
    if not any(word in lowered for word in _SUM_WORDS):
        return False
    for end in _LABEL_END_RE.finditer(lowered):
        pos = end.start()
        line = lowered[max(lowered.rfind("\n", 0, pos), lowered.rfind(";", 0, pos)) + 1:pos]
        if any(word in line for word in _SUM_WORDS):
            return True
    return False


def _total_excess(text: str, lowered: str) -> int | None:
    """Cents by which the largest total line exceeds every other amount written (see above);
    ``lowered``: the text in lower case, as the caller has it."""
    if not _may_label_a_sum(lowered):
        return None
    text = _without_explained_products(text)
    if _MULTIPLIES.search(text):
        return None
    totals, dues, others, listed = [], [], 0, 0
    deducted: list[tuple[int, int]] = []     # (position, cents) of lines written with a minus
    for position, (label, cents, colon) in enumerate(_amounts(text)):
        folded = fold(label)
        if colon and _TOTAL.search(folded):
            totals.append((cents, position))
        else:
            if colon and _DUE.search(folded):
                dues.append(cents)
            others += cents
            if _DEDUCTED_RE.search(label):
                deducted.append((position, cents))
            # "principal 450,00 €" itemises as "principal : 450,00 €" does
            listed += colon or bool(_ITEM_LABEL_END.search(folded)) or bool(_BRACKETED_ITEM_RE.search(label))
    # "Intérêts : néant" itemises a nil line: a statement of one principal and two nil lines
    # under a larger total still lists what the total is made of
    listed += len(_NIL_LINE_RE.findall(text))
    if totals:
        if listed < 1:
            return None
        total, at = max(totals, key=lambda t: (t[0], -t[1]))
        # a deposit written "− 400,00 €" above the total is taken off it; one written below
        # ("Total facturé", then the payments, then what remains) still counts as an item
        return total - others + 2 * sum(c for position, c in deducted if position < at)
    # no total line: the largest due line is the total, every other amount its items (the due
    # line is one of the listed lines, so at least one more must itemise it)
    if dues and listed >= 2:
        return max(dues) - (others - max(dues))
    return None


def _against_own_rate(text: str, on: date, fallback_base: int) -> float | None:
    """The highest ratio, over interest lines stating a yearly rate, of the interest claimed to
    what the line's own rate, base and days give (None when no line says all it needs)."""
    worst = None
    for line in _LINE_RE.findall(text):
        folded = fold(line)
        amounts = list(AMOUNT_RE.finditer(line))
        if not amounts or not _INTEREST.search(folded) or _NOT_A_CHARGE.search(folded):
            continue
        claimed = amounts[-1]
        if not line[:claimed.start()].rstrip().endswith((":", "|")):
            continue                      # "label : amount" lines (or table cells) only, as above
        rate = _RATE_RE.search(line)
        if rate is None:
            continue
        base_m = _BASE_RE.search(line[:claimed.start()])
        base = 0
        if base_m:
            inner = AMOUNT_RE.search(base_m.group(1))
            base = match_cents(inner) if inner else 0
        base = base or fallback_base
        days_m = _DAYS_RE.search(line)
        if days_m:
            days = int(days_m.group(1))
        else:
            start = _FROM_RE.search(line)
            since = _date(start.group(1)) if start else None
            until = None
            for m in _AS_OF_RE.finditer(line):
                until = _date(m.group(1))
            days = ((until or on) - since).days if since else 0
        if not base or days < MIN_DAYS:
            continue
        expected = base * float(rate.group(1).replace(",", ".")) / 100 * days / 365
        if expected < 100:                # under a euro, cents decide the ratio
            continue
        ratio = match_cents(claimed) / expected
        worst = ratio if worst is None or ratio > worst else worst
    return round(worst, 2) if worst is not None else None


def strictest_statement_facts(texts: Iterable[str], on: date) -> dict[str, Any]:
    """The highest of each ratio over several readings of one field (as written, and unmasked:
    "inté-\nrêts" is read whole), so that a disguise can never make a statement pass."""
    out: dict[str, Any] = dict.fromkeys(STATEMENT_FACTS)
    for text in texts:
        for key, value in statement_facts(text, on).items():
            if value is not None and (out[key] is None or value > out[key]):
                out[key] = value
    return out
