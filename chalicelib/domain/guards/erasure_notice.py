"""Whether a message confirms to a person that their personal data were erased.

Once a subject is erased (GDPR art. 17), the case takes no further communication
(EU-GDPR-ERASED-SUBJECT), but the controller still owes the person an answer: art. 12(3) requires
it to inform them of the action taken on their request, and they may write again to check it was
done. That answer names the erasure ("vos données personnelles ont été effacées", "we confirm that
your personal data have been deleted", "effacement de vos données"). This reading names such
messages so that the rule reads their wording (a demand, a threat or an urgency still blocks)
instead of blocking them for the facts alone, as the closed-case rule does with a closure notice.

It is read on the wording as written and is narrow: the data and their erasure together. Adding
the sentence to a dunning letter gains nothing, since its demand is still read.
"""
from __future__ import annotations

import re

_DATA = r"(?:donn[ée]es(?:\s+personnelles|\s+[àa]\s+caract[èe]re\s+personnel)?|personal\s+data|data|fiche|coordonn[ée]es)"
_ERASURE_NOTICE = re.compile(
    r"\b(?:vos|tes|leurs)\s+" + _DATA + r"\s+(?:\S+\s+){0,4}?(?:ont|avaient|sont)\s+(?:bien\s+)?(?:[ée]t[ée]\s+)?"
    r"(?:bien\s+)?(?:effac[ée]es?|supprim[ée]es?|d[ée]truites?|anonymis[ée]es?)\b"
    r"|\b(?:effacement|suppression)\s+(?:d[ée]finitive?\s+)?de\s+(?:vos|tes)\s+" + _DATA +
    r"|\byour\s+" + _DATA + r"\s+(?:\S+\s+){0,4}?(?:has|have|had|was|were)\s+(?:now\s+)?(?:been\s+)?"
    r"(?:erased|deleted|destroyed|anonymi[sz]ed)\b"
    r"|\b(?:erasure|deletion)\s+of\s+your\s+" + _DATA,
    re.IGNORECASE)


def erasure_notice(text: str) -> bool:
    """True when the wording confirms the erasure of the person's data (module docstring)."""
    return bool(_ERASURE_NOTICE.search(text))
