"""Whether a message addresses an heir who accepted the succession outright.

An heir who accepts purely and simply is bound by the deceased's debts like the deceased was
(C. civ. 785): the collector then writes to a debtor, and the letters the law addresses to the
debtor (R124-4's first letter and its reference) are owed to that heir. An heir who has not opted,
who renounced or who accepted up to the net assets is not that debtor, so only the outright
acceptance, told in the message itself ("Vous avez accepté purement et simplement la succession", or
"vous avez accepté la succession" with no other option named), counts; it is read as written.
"""
from __future__ import annotations

import re

_ACCEPTED_OUTRIGHT = re.compile(
    r"(?i:\b(?:vous\s+avez|tu\s+as)\s+accept[ée]e?s?\s+purement\s+et\s+simplement"
    r"|\b(?:vous\s+avez|tu\s+as)\s+accept[ée]e?s?\s+(?:la|cette)\s+succession\s+purement\s+et\s+simplement"
    # an acceptance told with no qualification is the outright one (C. civ. 768: the other
    # options are named, "à concurrence de l'actif net"); read to the end of the sentence
    r"|\b(?:vous\s+avez|tu\s+as)\s+accept[ée]e?s?\s+(?:la|cette|sa)\s+succession"
    r"(?![^.;]{0,120}(?:concurrence|actif\s+net|b[ée]n[ée]fice|inventaire))"
    r"|\byou\s+(?:have\s+)?accepted\s+(?:the|this)\s+(?:estate|succession|inheritance)\s+(?:outright|unconditionally|purely\s+and\s+simply)"
    r"|\byou\s+(?:have\s+)?accepted\s+(?:outright|unconditionally|purely\s+and\s+simply))")


def accepted_outright(text: str) -> bool:
    """The message tells its reader that they accepted the succession purely and simply."""
    return bool(_ACCEPTED_OUTRIGHT.search(text))
