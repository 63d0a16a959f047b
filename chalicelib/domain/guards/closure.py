"""Whether a message confirms that the debt is paid or the file closed.

A case closed in the ledger takes no further collection (FR-CASE-CLOSED), but its last letter is
often sent once the case is closed: the receipt for the final payment, the "dossier clôturé"
confirmation, a commissaire de justice's notice that the sums due under a judgment are paid and the
garnishment lifted. Those carry no pressure, and the debtor is owed a receipt for what they paid.
This reading names them so that the closed-case
rule reads their wording (a demand, a threat or an urgency still blocks) instead of blocking them
for the facts alone; a subject who restricted processing still gets a warning, not a block.

The reading is narrow and read on the wording as written: a closure or full-payment statement
("intégralement réglée", "votre dossier est clos", "quittance", "paid in full", "your file is
closed", "we have closed the file"). Adding one of these words to a dunning letter gains nothing: its demand is still read.
It is read in French and English only, the languages whose demands the pack reads: a closure
sentence in a letter otherwise written in a language the pack cannot read would void the facts'
block while leaving the rest of the letter unread, so such a letter stays blocked on a closed case.
"""
from __future__ import annotations

import re

_CLOSURE = re.compile(
    r"\bquittance\b"
    r"|\b(?:int[ée]gralement|enti[èe]rement|totalement)\s+(?:r[ée]gl[ée]e?s?|pay[ée]e?s?|sold[ée]e?s?|rembours[ée]e?s?|acquitt[ée]e?s?)"
    r"|\b(?:dossier|compte|affaire|facture)\s+(?:\S+\s+){0,6}?(?:est|a\s+[ée]t[ée])\s+(?:d[ée]sormais\s+|donc\s+)?"
    r"(?:cl[ôo]tur[ée]e?|clos|close|sold[ée]e?|ferm[ée]e?|class[ée]e?)\b"
    r"|\bnous\s+(?:cl[ôo]turons|avons\s+(?:cl[ôo]tur[ée]|clos|class[ée]))\s+(?:d[ée]finitivement\s+|donc\s+)?"
    r"(?:le|votre|ce|notre|vos|ces)\s+(?:dossiers?|comptes?)"
    # "il a décidé de clore ce dossier", "la clôture de ces dossiers", "our client has decided to close the file"
    r"|\b(?:d[ée]cid[ée]|demand[ée])e?s?\s+de\s+(?:clore|cl[ôo]turer|classer)\s+(?:le|votre|ce|son|notre)\s+dossier"
    r"|\bconfirm\w*\s+(?:en\s+cons[ée]quence\s+|donc\s+)?la\s+cl[ôo]ture\s+de\s+(?:votre|vos|ces|ce)\s+(?:dossiers?|comptes?)"
    r"|\b(?:decided|agreed)\s+to\s+close\s+(?:the|your|this|its)\s+(?:file|account|case|matter)"
    # "vous ne recevrez plus aucune relance", "ce courrier est le dernier que vous recevrez"
    r"|\bvous\s+ne\s+recevrez\s+plus\s+(?:aucune?\s+|de\s+)?(?:relance|courrier|r[ée]clamation|appel)"
    r"|\bdernier\s+(?:courrier\s+)?que\s+vous\s+recevrez\b"
    # "vous n'avez donc plus rien à régler", "you have nothing to pay"
    r"|\bplus\s+rien\s+[àa]\s+(?:r[ée]gler|payer|verser|rembourser)\b"
    r"|\bnothing\s+(?:more\s+|further\s+|else\s+)?to\s+pay\b"
    r"|\baucune\s+demande\s+de\s+paiement\s+n['’]est\s+(?:plus\s+|donc\s+)?adress[ée]e"
    # "votre compte est désormais à jour" (a receipt)
    r"|\b(?:compte|dossier)\s+est\s+(?:d[ée]sormais\s+|donc\s+|maintenant\s+)?[àa]\s+jour\b"
    # "nous avons donc annulé ces deux factures, soit 75,96 €, et clôturé le dossier"
    r"|\bnous\s+avons\s+(?:[^.;!?\n]{0,80}?\s)?et\s+(?:cl[ôo]tur[ée]|clos|class[ée])\s+(?:le|votre|ce)\s+dossier"
    r"|\baucune\s+relance\s+ne\s+vous\s+sera\s+plus\s+adress[ée]e\b"
    # "aucune nouvelle démarche ne sera entreprise auprès de votre client"
    r"|\baucune\s+(?:nouvelle\s+|autre\s+)?d[ée]marche\s+ne\s+sera\s+(?:plus\s+)?(?:entreprise|engag[ée]e|effectu[ée]e)\b"
    r"|\bwe\s+(?:have\s+|'ve\s+)?(?:now\s+)?closed\s+(?:the|your|this|our)\s+(?:file|account|case|matter)\b"
    r"|\bmainlev[ée]e\b"
    # "depuis la clôture de votre dossier …, après paiement intégral de la créance"
    r"|\b(?:apr[èe]s|suite\s+au)\s+(?:le\s+)?paiement\s+int[ée]gral\b"
    r"|\b(?:ne\s+vous\s+r[ée]clam(?:e|ons|era|erons)\s+plus|aucune\s+(?:autre\s+)?somme\s+ne\s+(?:vous\s+)?(?:est|sera)\s+"
    r"(?:(?:plus|donc|d[ée]sormais)\s+)*(?:r[ée]clam[ée]e|demand[ée]e|due))"
    # a claim cancelled for the person written to: "no amount is owed by you", "you owe us nothing"
    r"|\bno\s+(?:amount|sum|money|payment|balance)\s+is\s+(?:now\s+|therefore\s+)?(?:owed|due|payable|requested)"
    r"\s+(?:by|from)\s+you\b"
    r"|\byou\s+(?:do\s+not|don['’]t)\s+owe\s+(?:us\s+)?(?:anything|any\s+(?:amount|money|sum))\b"
    r"|\byou\s+owe\s+(?:us\s+)?nothing\b"
    r"|\b(?:sold[ée]e?|r[ée]gl[ée]e?)\s+et\s+(?:clos|close|cl[ôo]tur[ée]e?)\b"
    r"|\b(?:paid|settled|repaid)\s+in\s+full\b|\bfully\s+(?:paid|settled|repaid)\b"
    r"|\bsettled\s+and\s+closed\b"
    # "ce règlement solde intégralement votre dossier", "nous en informons X et clôturons le dossier"
    r"|\b(?:sold(?:e|ent|ons)|r[èe]gle(?:nt)?)\s+(?:int[ée]gralement\s+|enti[èe]rement\s+|totalement\s+)?(?:votre|le|ce)\s+(?:dossier|compte)\b"
    r"|\bet\s+cl[ôo]turons\s+(?:le|votre|ce|notre)\s+dossier"
    r"|\b(?:file|account|case|matter)\s+(?:\S+\s+){0,2}?(?:is|has\s+been)\s+(?:now\s+)?closed\b"
    r"|\bclaims?\s+nothing\s+(?:more|further)\b|\bnothing\s+(?:more|further)\s+is\s+(?:owed|due)\b"
    # corrections that end the collection: "your account is fully up to date", "nous cessons donc toute
    # démarche", "aucun règlement ne doit nous être adressé", "ne fera l'objet d'aucune relance"
    r"|\b(?:account|file)\s+is\s+(?:now\s+)?(?:fully\s+)?up\s+to\s+date\b"
    r"|\bnous\s+cessons\s+(?:donc\s+)?(?:toute|toutes)\s+(?:nos\s+)?(?:d[ée]marches?|relances?|poursuites)\b"
    r"|\baucun\s+r[èe]glement\s+ne\s+doit\s+(?:plus\s+)?(?:nous\s+)?[êe]tre\s+adress[ée]"
    r"|\bne\s+fera\s+(?:plus\s+)?l['’]objet\s+d['’]aucune\s+(?:relance|r[ée]clamation|poursuite)",
    re.IGNORECASE)


def closure_notice(text: str) -> bool:
    """True when the wording confirms full payment or the file's closure (module docstring)."""
    return bool(_CLOSURE.search(text))
