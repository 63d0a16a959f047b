"""Whether a short message asks to be called back without saying who is asking.

"Bonjour, merci de me rappeler au plus vite au 06 48 22 71 05, c'est urgent, concernant votre
dossier." names no collector, no creditor and no reference: the debtor is asked to call a number
without knowing who is behind it, which C. conso L121-2 3° calls misleading and the catalogue
blocks as FR-PRETEXTING ("no identification of agency and creditor"). No wording rule sees it,
because what is wrong is what the message leaves out.

The reading is deliberately narrow, so that it can only catch messages that name nobody: any
name-like word (a capitalised word that is not a greeting or an ordinary word opening a
sentence), an address, a web site or an e-mail, or a word saying who writes ("cabinet",
"recouvrement", "on behalf of") counts as an identification. A file reference alone does not:
"au sujet de votre dossier n° NC-26-3744" still does not say who is asking (the catalogue's
lawful example names the agency and the creditor, and the reference besides).
Only SMS are read: letters and e-mails carry a letterhead or a signature, and the catalogue
makes an automated call without identification a warn (FR-HIDDEN-OR-ROBOT-CALL).
"""
from __future__ import annotations

import re

from .amounts import AMOUNT_RE

# the debtor is asked to call: "rappelez-nous", "merci de (me) rappeler", "contactez-nous", "call us
# back"; not "nous nous permettrons de vous rappeler" (the collector will call)
_CALLBACK = re.compile(
    r"\b(?:me|nous|m['’])\s?(?:rappeler|recontacter|contacter|joindre|appeler)\b"
    r"|\b(?:rappelez|recontactez|contactez|appelez|joignez)\b"
    r"|\b(?:merci|pri[èe]re|veuillez|pouvez-vous|pourriez-vous|n['’]h[ée]sitez\s+pas)\s+(?:de\s+|à\s+)?"
    r"(?:bien\s+vouloir\s+)?(?:rappeler|recontacter|contacter|joindre|appeler)\b"
    r"|\bcall\s+(?:us\s+|me\s+)?back\b|\b(?:call|contact|ring|phone)\s+(?:us|me)\b|\bget\s+in\s+touch\b"
    r"|\b(?:ll[áa]menos|ll[áa]meme|ligue-nos|ligue-me|richiamarci|richiamateci|rufen\s+sie\s+(?:uns|mich))\b",
    re.IGNORECASE)
_PHONE = re.compile(r"(?:\+\d{2,3}[\s.]?)?(?:\d{2}[\s.]?){4,5}\d{1,2}")
_CONTACT_POINT = re.compile(r"@|https?://|www\.|\.fr\b|\.com\b|\b(?:rue|avenue|boulevard|bd|place|quai)\b",
                            re.IGNORECASE)
_WHO = re.compile(r"\b(?:cabinet|soci[ée]t[ée]|agence|service|recouvrement|cr[ée]ancier|mandant|banque|"
                  r"commissaire|huissier|avocat|ma[iî]tre|on\s+behalf|agency|company|bank|creditor|"
                  r"collection|de\s+la\s+part|pour\s+le\s+compte|sarl|sas|sa\b|eurl)", re.IGNORECASE)
# capitalised words that open a sentence or greet without naming anyone
_ORDINARY = frozenset("""
bonjour bonsoir salut madame monsieur mademoiselle mme mr mrs ms miss hello hi dear good merci
cordialement bien sincèrement sinceres sincères regards best kind thank thanks please nous vous votre
vos je j il elle on ce c ça cela ceci cette le la les l un une des du de au aux en si sans sauf pour
par afin suite rappel urgent important attention info information message stop répondez repondez
veuillez pouvez pourriez merci appelez rappelez contactez call contact ring phone we you your our
i it this that the a an if as about regarding re concernant concerning pour tél tel tél. sms
aujourd demain today tomorrow ok oui non yes no
""".split())
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def unidentified_callback(text: str, channel: str) -> bool | None:
    """True when an SMS asks to be called or contacted and names nobody (see the
    module docstring); None for other channels."""
    if channel != "sms":
        return None
    if not _CALLBACK.search(text):
        return False
    without_phones = _PHONE.sub(" ", AMOUNT_RE.sub(" ", text))   # a number to call or a sum names no one
    if _CONTACT_POINT.search(text) or _WHO.search(text):
        return False
    for m in _WORD.finditer(without_phones):
        word = m.group(0)
        # "NC-26-3744" is a reference, not a name
        if word[0].isupper() and not any(ch.isdigit() for ch in word) and word.lower().strip("'’") not in _ORDINARY:
            return False
    return True
