"""The debtor's own words quoted back to them: « Je risque la prison ? », "Are you bailiffs?".

A reply often quotes what the debtor wrote before answering it: « Vous êtes des voleurs »,
« est-ce que vous allez m'expulser ? ». Those are the debtor's words, not the sender's, so no
rule reads a threat or an insult inside them. Only a quotation introduced as the debtor's own
("vous nous avez écrit", "vous demandez", "you wrote") counts, and only in a field where nothing
can be hidden from its reader (the caller checks): like every wording that makes a verdict
milder, it is read as written. The reply around the quotation is judged as usual, the same
policy as a reported question ("vous demandez si un huissier va venir").
"""
from __future__ import annotations

import re

_INTRO = (
    r"\b(?:vous\s+(?:nous\s+|m['’]\s*|me\s+)?(?:avez|aviez)\s+(?:écrit|ecrit|dit|demandé|demande|indiqué|indique"
    r"|déclaré|declare|répondu|repondu|posé\s+la\s+question|pose\s+la\s+question|relevé|releve"
    r"|remarqué|remarque|signalé|signale)"
    r"|vous\s+(?:nous\s+|me\s+)?(?:écrivez|ecrivez|demandez|dites|indiquez|répondez|repondez)"
    r"|you\s+(?:wrote|asked|said|told\s+us|write|ask|say|replied))\b"
)
# the introduction, then up to 120 characters without a quotation mark or a line break ("hier :",
# "le 2 décembre que, lors d'un appel la veille, un conseiller vous aurait dit que"), then the
# quotation itself, at most 600 characters
_QUOTE = r"(?:«([^»]{1,600})»|“([^”]{1,600})”|\"([^\"\n]{1,600})\")"
# a second quotation of the same sentence is the debtor's too ("« ficher à la Banque de France »
# ou devenir « interdit bancaire »")
_QUOTED = re.compile(
    "(?i:" + _INTRO + r")[^«“\"\n]{0,120}?" + _QUOTE + r"(?:[^«“\"\n.?!]{0,40}?" + _QUOTE + ")?")


_QUOTE_MARKS = ("«", "“", '"')


def debtor_quotes(text: str) -> list[tuple[int, int]]:
    """Offsets (start, end) of the quotations introduced as the debtor's own words."""
    if not any(mark in text for mark in _QUOTE_MARKS):
        return []                    # most texts quote nothing: the regex is not run
    out: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(text):
        for group in range(1, 7):      # three kinds of quotation marks, first and second quotation
            if m.group(group) is not None:
                out.append(m.span(group))
    return out


def inside(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    """The span lies wholly inside one of the regions."""
    return any(start <= span[0] and span[1] <= end for start, end in regions)
