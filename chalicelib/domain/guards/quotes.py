"""The debtor's own words quoted back to them: « Je risque la prison ? », "Are you bailiffs?".

A reply often quotes what the debtor wrote before answering it: « Vous êtes des voleurs »,
« est-ce que vous allez m'expulser ? ». Those are the debtor's words, not the sender's, so no
rule reads a threat or an insult inside them. Only a quotation introduced as the debtor's own
("vous nous avez écrit", "vous demandez", "you wrote") counts, and only in a field where nothing
can be hidden from its reader (the caller checks): like every wording that makes a verdict
milder, it is read as written. A question of the debtor's reported in the sender's words ("vous
demandez si un huissier va venir") is set aside the same way, up to the end of its sentence. Either
counts only when the answer that follows is not a yes ("Oui.", "C'est exact."): then the words are
the sender's own statement. The reply around them is judged as usual.

Three readings ask more, because they have no quotation marks to stand on: a fear, a contest or a
statement of the debtor's reported in the sender's words ("vous nous avez dit craindre une saisie",
"you tell us that …"), and a question the sender asks and answers no at once ("Pouvons-nous saisir
… ? Non."), are set aside only when what follows denies or reassures and ties nothing to payment.
A quotation of a fraudulent message is disowned when the sender says it is not theirs ("ce message
ne vient pas de nous"), or names its source and calls it a fraud or answers it with a reassurance;
the quotations leading to it in its sentence go with it.
"""
from __future__ import annotations

import re

from .text import SENTENCE_BREAK_RE

_INTRO = (
    r"\b(?:vous\s+(?:nous\s+|m['’]\s*|me\s+|y\s+)?(?:avez|aviez)\s+(?:écrit|ecrit|dit|demandé|demande|indiqué|indique"
    r"|déclaré|declare|répondu|repondu|posé\s+la\s+question|pose\s+la\s+question|relevé|releve"
    r"|remarqué|remarque|signalé|signale|reproché|reproche|qualifiés|qualifies|qualifié|qualifie|traités|traites|traité|traite)"
    r"|vous\s+(?:nous\s+|m['’]\s*|me\s+|y\s+)?(?:écrivez|ecrivez|demandez|dites|indiquez|répondez|repondez|citez|rapportez"
    r"|signalez|signaliez|reprochez|reprochiez"
    r"|qualifiez|qualifiiez|traitez|traitiez"
    r"|écriviez|ecriviez|demandiez|disiez|indiquiez|répondiez|repondiez)"
    r"|you\s+(?:wrote|asked|said|told\s+us|tell\s+us|tell\s+me|write|ask|say|replied|quote|quoted|report|reported)"
    # the debtor's words as their lawyer reports them: "Votre cliente soutient que …"
    r"|(?:votre\s+(?:client|cliente)|your\s+client)\s+(?:nous\s+)?(?:soutient|affirme|prétend|pretend|allègue|allegue"
    r"|indique|écrit|ecrit|dit|déclare|declare|rapporte|reproche|claims|says|alleges|maintains|asserts|states))\b"
)
# the introduction, then up to 120 characters without a quotation mark or a line break ("hier :",
# "le 2 décembre que, lors d'un appel la veille, un conseiller vous aurait dit que"), then the
# quotation itself, at most 600 characters
_QUOTE = r"(?:«([^»]{1,600})»|“([^”]{1,600})”|\"([^\"\n]{1,600})\")"
# a second quotation of the same sentence is the debtor's too ("« ficher à la Banque de France »
# ou devenir « interdit bancaire »")
_QUOTED = re.compile(
    "(?i:" + _INTRO + r")([^«“\"\n]{0,120}?)" + _QUOTE + r"(?:[^«“\"\n.?!]{0,40}?" + _QUOTE + ")?")
# a further quotation right after one, joined by a few words with no sentence break: "…, de « délit »
# et même de « prison »"
_FURTHER_QUOTE = re.compile(r"[^«“\"\n.?!;]{0,30}?" + _QUOTE)
# the debtor's words reported before the quotation ("vous nous avez écrit que vous pensiez être
# « fichée »"): "que vous" / "that you" and a few words with no sentence break or comma, so no
# statement of the sender's can sit there
_REPORTED_LEAD = re.compile(r"\s*(?:que|qu['’]|that)\s*(?:vous|you)\b[^.;:!?,]{0,40}$", re.IGNORECASE)


_QUOTE_MARKS = ("«", "“", '"')

# the dot of an abbreviation that names a reference, which ends no sentence ("réf. NW-26-1", "art. 10")
_ABBREVIATION_DOT = r"(?<=\bréf)\.|(?<=\bref)\.|(?<=\bart)\.|(?<=\bn°)\.|(?<=\bcf)\."

# A reported question: "vous nous demandez si un huissier va passer", "vous demandiez dans votre
# message si", "your question about whether fees can be added". The question runs from its
# introduction to the end of its sentence; a few words may come between ("vous nous demandez,
# inquiète, si").
_ASKED = re.compile(
    r"(?i:\b(?:vous\s+(?:nous\s+|m['’]\s*|me\s+|vous\s+)?(?:(?:avez|aviez)\s+(?:demandé|demande|voulu\s+savoir"
    r"|souhaité\s+savoir)|demandez|demandiez|interrogez|interrogiez|voulez\s+savoir|vouliez\s+savoir"
    r"|souhaitez\s+savoir|souhaitiez\s+savoir)"
    r"|(?:votre|vos)\s+(?:question|questions|interrogation)|pour\s+(?:nous|me)\s+demander"
    # the second verb of the debtor's sentence: "Vous contestez … et nous demandez si …"
    r"|(?:et|puis)\s+(?:nous\s+|me\s+|m['’]\s*)(?:demandez|demandiez|interrogez|(?:avez|aviez)\s+demandé)"
    r"|and\s+(?:have\s+)?ask(?:ed)?\s+(?:us|me)"
    # the debtor's message named, then its question: "your email of 23 November asking whether …"
    r"|(?:your|votre)\s+(?:email|e-mail|letter|message|call|courriel|courrier|lettre|appel)\b[^.?!;\n]{0,40}?"
    r"\b(?:asking|nous\s+demandant|me\s+demandant)"
    r"|you\s+(?:have\s+|had\s+)?(?:asked|ask|wondered|wonder|wanted\s+to\s+know|want\s+to\s+know)(?:\s+us|\s+me)?"
    r"|you\s+(?:e-?mailed|wrote\s+to|texted|messaged|called|phoned|rang)\s+(?:us|me)\s+asking"
    r"|your\s+(?:question|questions|query)"
    # the same question reported in the debtor's language: "Nos pregunta … si", "Ci chiede se", "Sie fragen
    # … ob", "Pergunta-nos se", "Ne întrebați dacă", "Pyta Pan, czy"
    r"|(?:nos|me)\s+(?:pregunta|preguntan|preguntó|pregunto|preguntaba)|(?:ci|mi)\s+(?:chiede|chiedono|ha\s+chiesto)"
    r"|sie\s+(?:fragen|fragten|haben\s+(?:uns\s+)?gefragt)|pergunta(?:-nos|-me)?|perguntou(?:-nos|-me)?"
    r"|ne\s+(?:întrebați|intrebati|întreabă|intreaba)|pyta\s+(?:pan|pani|państwo|panstwo))"
    # an incise between commas may come first ("Vous nous avez demandé, lors de votre passage en agence,
    # si"); a dotted date ("vom 4. Dezember") and the dot of a reference ("notre courrier réf. NW-1")
    # end no sentence here
    r"(?:,(?:[^,.?!;\n]|" + _ABBREVIATION_DOT + r"){1,60},\s*)?(?:[^.?!;\n]|(?<=\d)\.|" + _ABBREVIATION_DOT + r"){0,40}?"
    r"\b(?:si|s['’]|whether|if|ce\s+qui|ce\s+que|what|how|pourquoi|why|se|ob|dacă|daca|czy)\b)")
_QUESTION_CHARS = 400
# every introduction _ASKED knows holds one of these, casefolded
_ASKING_WORDS = ("demand", "interrog", "savoir", "question", "ask", "wonder", "know", "query", "pregunt", "chied",
                 "chiest", "frag", "pergunt", "întreb", "intreb", "pyta")
# an answer that says yes makes the question the sender's own statement: "Vous demandez si
# nous allons saisir vos meubles. Oui." Then nothing of it is set aside.
_YES = re.compile(
    r"[\s»”\"):,–—-]*(?i:oui|effectivement|en\s+effet|c['’]est\s+(?:exact|bien\s+le\s+cas|bien\s+ce\s+qui|ce\s+qui)"
    r"|tout\s+à\s+fait|bien\s+sûr|absolument|la\s+réponse\s+est\s+oui|yes|indeed|correct|the\s+answer\s+is\s+yes"
    r"|that\s+is\s+right|exactly|that['’]s\s+right)\b")


# A fear of the debtor's reported in the sender's words: "vous nous avez dit craindre une saisie de
# votre salaire", "vous craigniez d'être « fichée à la Banque de France »", "you were worried about
# bailiffs". Like a reported question, it runs to the end of its sentence (or a colon) and is set
# aside unless the answer is yes; and not when its own sentence grants the fear ("vous craignez une
# saisie, et vous avez raison"), which makes it the sender's statement.
_FEARED = re.compile(
    r"(?i:\b(?:vous\s+(?:nous\s+|m['’]\s*|me\s+)?(?:(?:avez|aviez)\s+(?:dit|écrit|ecrit|indiqué|indique|confié|confie)"
    # a few words may come between ("vous nous avez dit ce matin craindre …"), or an incise between
    # commas ("vous nous avez écrit, après notre courrier réf. CRE-1, avoir peur …")
    r"(?:,(?:[^,.?!;\n]|" + _ABBREVIATION_DOT + r"){1,80},)?(?:\s+[^\s,.;:!?«»\"]+){0,3}?\s+(?:craindre|redouter|avoir\s+peur)"
    r"|craignez|craigniez|redoutez|redoutiez|(?:avez|aviez)\s+peur"
    r"|vous\s+inquiétez|vous\s+inquietez|vous\s+inquiétiez|vous\s+inquietiez|(?:êtes|etes|étiez|etiez)\s+inquiète?s?)"
    r"|(?:votre|vos)\s+(?:crainte|craintes|inquiétude|inquietude|inquiétudes|inquietudes)"
    r"|par\s+(?:crainte|peur)\s+(?:d['’]|de\s)"
    r"|you\s+(?:were|are|'re|had\s+been|have\s+been)\s+(?:worried|afraid|scared|concerned|anxious)"
    r"|you['’]re\s+(?:worried|afraid|scared|concerned|anxious)|you\s+(?:fear|feared|fearing)"
    r"|your\s+(?:fear|fears|worry|worries|concern|concerns)"
    # the debtor's fear reported to their lawyer: "votre cliente craint « une saisie de son compte »"
    r"|(?:votre|notre)\s+(?:client|cliente|mandant|mandante)\s+(?:craint|redoute|s['’]\s*inquiète|s['’]\s*inquiete"
    r"|a\s+peur|est\s+inquiète?)"
    r"|your\s+client\s+(?:fears|is\s+(?:worried|afraid|concerned|anxious))"
    # what the debtor tells: "You tell us that you did not open the account and that you have
    # reported an identity theft to the police"
    r"|vous\s+(?:nous\s+)?(?:dites|indiquez|expliquez|signalez|écrivez|ecrivez|(?:avez|aviez)\s+(?:dit|indiqué|indique"
    r"|expliqué|explique|signalé|signale|écrit|ecrit))\s+(?:que|qu['’]|avoir\b|être\b|etre\b)"
    r"|you\s+(?:tell|told|inform|informed)\s+us\s+(?:that\s+)?"
    r"|you\s+(?:wrote|write|said|say|mentioned|mention|explained|explain)\s+(?:to\s+us\s+)?that\s+"
    r"|you\s+(?:e-?mailed|texted|messaged|phoned|called)\s+(?:us|me)\s+(?:to\s+say\s+)?that\s+"
    # the debtor's position reported: "vous contestez avoir à régler les factures de juin"
    r"|(?P<contest>vous\s+(?:nous\s+)?(?:contestez|contestiez|(?:avez|aviez)\s+contesté|(?:avez|aviez)\s+conteste)"
    r"|you\s+(?:dispute|disputed|contest|contested|have\s+disputed|have\s+contested)))\b)")
_FEARING_WORDS = ("craign", "craind", "craint", "redout", "peur", "inquiet", "inquiét", "crainte", "worr", "afraid",
                  "scared", "concern", "anxious", "fear", "contest", "disput", "vous nous", "tell us", "told us",
                  "inform", "indiqu", "dites", "expliqu", "signal", " dit ", "écri", "ecri", "wrote", "write", "said",
                  "say", "mention", "explain", "mailed", "texted", "messaged", "phoned", "called")
# What ends a reported fear early: the sender's own turn ("…, mais", "however") or a comma outside
# brackets ("Although you contest the invoice, full settlement is expected"). A condition on payment
# makes the feared measure the sender's threat: "vous craignez une saisie si vous ne payez pas avant
# vendredi" is not set aside at all.
_OWN_TURN = re.compile(r"(?i:,(?!(?<=\d,)\d)(?![^()]*\))(?!\s*en\s+(?:relevant|indiquant|précisant|precisant|faisant\s+valoir"
                       r"|soulignant|expliquant|rappelant|notant|observant|estimant)\b)|\s*\b(?:mais|cependant|pourtant|toutefois|néanmoins|neanmoins|but|however|yet"
                       r"|though)\b)")
_ANSWER_CHARS = 250
_REASSURED = re.compile(r"(?i:\b(?:ne|n['’]|pas|aucun|aucune|jamais|rien|rassur\w*|not|no|never|cannot|can['’]t|won['’]t"
                        r"|don['’]t|isn['’]t|aren['’]t|nothing|reassur\w*|suspend\w*|suspens\w*|on\s+hold)(?!\w))")
# the debtor's contest answered by the sender agreeing: "Après vérification, vous avez raison."
_AGREED = re.compile(r"(?i:\b(?:vous\s+avez\s+raison|you\s+are\s+right|you['’]re\s+right|à\s+juste\s+titre"
                     r"|a\s+juste\s+titre|rightly|annul\w*|cancel\w*)\b)")
_PAYMENT_CONDITION = re.compile(
    r"(?i:\b(?:si\s+vous\s+ne|si\s+aucun|s['’]il\s+n['’]y|sans\s+(?:paiement|règlement|reglement|versement)|faute\s+de"
    r"|à\s+défaut|a\s+defaut|sinon|if\s+you\s+(?:do\s+not|don['’]t|fail)|if\s+no|unless|without\s+payment|otherwise"
    r"|until\s+you\s+pay|tant\s+que)\b)")
# the sender granting the fear inside the same sentence
_GRANTED = re.compile(r"(?i:\b(?:raison|à\s+juste\s+titre|a\s+juste\s+titre|fondée?s?|justifiée?s?|rightly|right\s+to"
                      r"|you\s+are\s+right|you['’]re\s+right|justified|well[-\s]founded)\b)")


def denial_follows(text: str, end: int) -> bool:
    """What follows ``end`` denies or reassures and ties nothing to payment (see below)."""
    return _denial_follows(text, end)


def _denial_follows(text: str, end: int, also: re.Pattern | None = None) -> bool:
    """What follows ``end`` denies or reassures (or matches ``also``) and ties nothing to payment."""
    after = text[end:end + _ANSWER_CHARS]
    if _PAYMENT_CONDITION.search(after):
        return False
    return bool(_REASSURED.search(after) or (also is not None and also.search(after)))


# A question the sender asks and answers no at once, as a reply lists the debtor's worries:
# "Pouvons-nous saisir votre salaire, vos meubles ou votre compte ? Non." The question is set
# aside, not when it is itself negative ("Pensez-vous que nous ne pouvons pas saisir … ? Non.", a
# yes in disguise) nor when it ties the measure to payment.
_ANSWERED_NO = re.compile(r"\?\s*(?:«\s*)?(?i:non|no)\s*(?:[.!:;]|,\s*(?=[^.?!\n]{0,80}?"
                          r"\b(?:ne|n['’]|pas|aucun|aucune|jamais|not|never|cannot|can['’]t)\b))")
_CONFIDENTIAL = re.compile(r"(?i:\b(?:confidenti\w*|strictly\s+private)\b)")
_QUESTION_START = re.compile(r"[.!?;:\n][^.!?;:\n]*$")
_NEGATIVE = re.compile(r"(?i:\b(?:ne|n['’]|pas|jamais|plus|aucun|aucune|not|never|no|n['’]t)(?!\w))")


def answered_no(text: str) -> list[tuple[int, int]]:
    """Offsets of the sender's questions answered no right after (see above)."""
    if "?" not in text:
        return []
    out = []
    for m in _ANSWERED_NO.finditer(text):
        head = text[max(0, m.start() - _QUESTION_CHARS):m.start()]
        lead = _QUESTION_START.search(head)
        start = m.start() - len(head) + (lead.start() + 1 if lead else 0)
        question = text[start:m.start()]
        if (_NEGATIVE.search(question) or _PAYMENT_CONDITION.search(question)
                or not _denial_follows(text, m.end(), _CONFIDENTIAL)):
            continue              # "? Non : votre voiture." answers nothing
        out.append((start, m.start() + 1))
    return out


# A list of what the sender may not do, as an answer to "what can happen to me?": "Ce que ni
# notre mandant ni notre cabinet ne peuvent faire : saisir vos biens … sans décision de justice ;
# contacter votre employeur ; vous facturer des frais", "What we cannot do: contact your employer".
# The heading denies every item of the list that follows its colon, to the end of the sentence.
# The list stops at an item that has its own subject ("… ; nous saisirons vos biens"), which the
# heading does not govern, and at a payment condition ("sauf si vous ne payez pas"). A list that
# denies a hesitation or a delay ("Ce que nous ne ferons pas : hésiter à saisir vos biens", a
# litotes) asserts what follows it, and is not set aside at all.
_DENIED_HEAD = re.compile(
    r"(?i:\bce\s+qu['’e]\s*[^.:;!?\n]{0,80}?\bne\s+(?:peu[tv]ent|pouvons|pourr\w+|peut|doi[tv]ent|devons|"
    r"fer\w+|fai[st]|font)\s+(?:pas\s+|jamais\s+|en\s+aucun\s+cas\s+|légalement\s+|legalement\s+)*"
    r"(?:faire\s+)?(?:pas\s+|jamais\s+)?:"
    r"|\b(?:nous|notre\s+\w+|notre\s+\w+\s+\w+)\s+ne\s+(?:pouvons|pourrons|peut|pourra|ferons|fera)\s+"
    r"(?:pas|jamais|en\s+aucun\s+cas)\s*:"
    r"|\bwhat\s+[^.:;!?\n]{0,60}?\b(?:cannot|can['’]t|may\s+not|must\s+not|will\s+not|won['’]t|will\s+never|"
    r"are\s+not\s+allowed\s+to|is\s+not\s+allowed\s+to)\s+do\s*:"
    r"|\bwe\s+(?:cannot|can['’]t|may\s+not|will\s+not|won['’]t|will\s+never|are\s+not\s+allowed\s+to)\s*:)")
_DENIED_END = re.compile(r"[.!?](?=\s|$)|\n\s*\n")
_LITOTES = re.compile(r"(?i:\b(?:h[ée]sit\w*|tard\w*|attend\w*|manqu\w*|renonc\w*|recul\w*|h[ée]sitation\w*"
                      r"|hesitat\w*|delay\w*|wait\w*|fail\w*)\b)")
_OWN_SUBJECT = re.compile(r"(?i:[;,\n•\-–]\s*(?:(?:nous|on|je|j['’]|il|ils|elle|elles|notre|nos|we|i|they|our|he|she)\b"
                          r"|(?:vous|you)\s+(?:serez|allez|devrez|aurez|risquez|[êe]tes|avez|pourrez|recevrez|will|shall|are|must)\b))")


def denied_list(text: str) -> list[tuple[int, int]]:
    """Offsets of the items of a list of what the sender may not do (see above)."""
    if ":" not in text:
        return []
    out = []
    for m in _DENIED_HEAD.finditer(text):
        end = _DENIED_END.search(text, m.end())
        stop = end.start() if end else len(text)
        own = _OWN_SUBJECT.search(text, m.end(), stop)
        if own:
            stop = own.start()
        cond = _PAYMENT_CONDITION.search(text, m.end(), stop)
        if cond:
            stop = cond.start()
        if stop > m.end() and not _LITOTES.search(text, m.end(), stop):
            out.append((m.end(), stop))
    return out


def _same_list(text: str, last: int) -> list[tuple[int, int]]:
    """The quotations that go on a list one quotation opens, in its sentence ("de « plainte », de « délit »
    et même de « prison »", "se présentant comme « la police » ou « un huissier »"); the sender's own
    words between them ("et nous répondons « … »") end it."""
    found = []
    for more in _FURTHER_QUOTE.finditer(text, last):
        span = next(more.span(g) for g in range(1, 4) if more.group(g) is not None)
        if more.start() != last or _SENDERS_OWN.search(text, more.start(), span[0]):
            break
        found.append(span)
        last = more.end()
    return found


def debtor_quotes(text: str) -> list[tuple[int, int]]:
    """Offsets (start, end) of the debtor's own words: quotations introduced as theirs, and
    questions of theirs reported ("vous nous demandez si ..."), unless the answer is yes."""
    out: list[tuple[int, int]] = []
    if any(mark in text for mark in _QUOTE_MARKS):   # most texts quote nothing: the regex is not run
        for m in _QUOTED.finditer(text):
            if _YES.match(text, m.end()):
                continue
            lead = m.start(1) if _REPORTED_LEAD.match(m.group(1)) else None
            first_end = None
            sender_spoke = False
            for group in range(2, 8):      # three kinds of quotation marks, first and second quotation
                if m.group(group) is not None:
                    start, end = m.span(group)
                    # the sender's own words before a second quotation make it the sender's
                    if first_end is not None and _SENDERS_OWN.search(text, first_end, start):
                        sender_spoke = True
                        break
                    out.append((start if lead is None else lead, end))
                    lead = None
                    first_end = end
            if sender_spoke:
                continue
            # a list of the debtor's words goes on in the same sentence: "de « plainte », de « délit »
            # et même de « prison »"
            out.extend(_same_list(text, m.end()))
    folded = text.casefold()
    if any(word in folded for word in _FEARING_WORDS):
        for m in _FEARED.finditer(text):
            stop = SENTENCE_BREAK_RE.search(text, m.end())
            end = min(stop.end() if stop else len(text), m.end() + _QUESTION_CHARS)
            # granted or tied to payment anywhere in its sentence ("…, et vous avez raison"): kept
            if _GRANTED.search(text, m.end(), end) or _PAYMENT_CONDITION.search(text, m.end(), end):
                continue
            colon = text.find(":", m.end(), end)
            end = colon if colon >= 0 else end
            turn = _OWN_TURN.search(text, m.end(), end)
            end = turn.start() if turn else end
            # what follows must answer the fear with a denial or a reassurance, and tie nothing to
            # payment: "Vous craignez une saisie. Elle aura lieu lundi." keeps the seizure the sender's
            if _YES.match(text, end) or not _denial_follows(text, end, _AGREED if m.group("contest") else None):
                continue
            out.append((m.start(), end))
    if not any(word in folded for word in _ASKING_WORDS):
        return out                   # no reported question possible: the regex is not run
    for m in _ASKED.finditer(text):
        stop = SENTENCE_BREAK_RE.search(text, m.end())
        end = min(stop.end() if stop else len(text), m.end() + _QUESTION_CHARS)
        colon = text.find(":", m.end(), end)      # "... si vous risquiez la prison : non."
        end = colon if colon >= 0 else end
        if not _YES.match(text, end):
            out.append((m.start(), end))    # the introduction too: "vous nous demandez" is no agent
    return out


# A quotation the sender disowns: its own earlier wording named as a mistake ("notre courrier
# comportait par erreur la mention « avis avant saisie »"), or a clause quoted and then said not
# to apply ("l'article 9 stipule : « ... frais de recouvrement » ... cette stipulation ne vous est
# pas appliquée"). Only the quotation is set aside, only with one of these explicit disowning
# phrases right before it or about it right after; the message around it is judged as usual.
_DISOWNED_BEFORE = re.compile(
    r"(?i:\b(?:comportait|contenait|mentionnait|indiquait|portait|affichait|reprenait|included|contained|stated|said|read)"
    r"\s+(?:par\s+erreur|à\s+tort|a\s+tort|erronément|erronement|by\s+mistake|in\s+error|wrongly|mistakenly)\b)"
    r"[^«“\"\n]{0,40}?" + _QUOTE)
_DISOWNED_AFTER = re.compile(
    _QUOTE + r"[^«“\"]{0,160}?"
    r"(?i:\b(?:cette|ces|la|les|ladite|lesdites|this|that|the)\s+(?:mention|mentions|stipulation|stipulations|clause"
    r"|clauses|phrase|formule|indication|disposition|wording|term|terms|sentence|condition)\b[^.\n]{0,40}?"
    r"\b(?:ne\s+vous\s+(?:est|sont|sera|seront)\s+pas\s+appliqu|n['’]est\s+pas\s+applicable|ne\s+s['’]applique\s+pas"
    r"|est\s+réputée\s+non\s+écrite|est\s+reputee\s+non\s+ecrite|était\s+erron|etait\s+erron|était\s+une\s+erreur"
    r"|etait\s+une\s+erreur|does\s+not\s+apply|will\s+not\s+be\s+applied|is\s+not\s+applied|was\s+(?:sent\s+)?in\s+error"
    r"|was\s+a\s+mistake))")


# A message the debtor received from someone else, quoted to warn them against it: "le SMS que vous
# avez reçu hier : « Avis de saisie – huissier mandaté par Nordis … ». Ce message ne vient pas de
# nous." Only with the sender saying, right after, that it is not theirs.
_DISOWNED_NOT_OURS = re.compile(
    _QUOTE + r"[^«“\"]{0,160}?"
    r"(?i:\b(?:ne\s+(?:vient|viennent|provient|proviennent)\s+(?:pas|ni|en\s+aucun\s+cas)\s+d"
    r"|n['’]\s*(?:émane|emane|émanent|emanent)\s+(?:pas|ni|en\s+aucun\s+cas)\s+d"
    r"|n['’]\s*est\s+pas\s+de\s+nous|n['’]\s*a\s+pas\s+été\s+envoyée?\s+par\s+nous"
    # "Ce ne sont pas nos messages", "Ce n'est pas notre SMS", "These are not our messages"
    r"|ce\s+(?:ne\s+sont|n['’]\s*est)\s+pas\s+(?:nos|notre)\s+(?:messages?|sms|courriels?|courriers?|lettres?|appels?)\b"
    r"|(?:these|this|they|it)\s+(?:are|is)\s+not\s+our\s+(?:messages?|texts?|emails?|e-mails?|letters?|calls?)\b"
    r"|(?:does|did)\s+not\s+come\s+from\s+us|(?:doesn|didn)['’]t\s+come\s+from\s+us|(?:is|was)\s+not\s+from\s+us"
    r"|(?:isn|wasn)['’]t\s+from\s+us|was\s+not\s+sent\s+by\s+us|wasn['’]t\s+sent\s+by\s+us"
    # a source named ("These messages are not from Banque Coralis"): the fraud words must surround it
    r"|(?:is|was|are|were)\s+not\s+(?:from|sent\s+by)\s|(?:isn|wasn|aren|weren)['’]t\s+(?:from|sent\s+by)\s))")


# A quotation the sender calls a fraud before quoting it: "des SMS frauduleux signés « Gendarmerie –
# péage impayé » circulent", "fake texts signed "Bailiff service"". The fraud word, a naming verb
# ("signés", "se présentant comme") at most 50 characters after it and the quotation at most 20 after
# that make one phrase ("des escrocs envoient en ce moment des SMS se présentant comme « la police »").
_DISOWNED_FRAUD_BEFORE = re.compile(
    r"(?i:\b(?:frauduleu\w*|fraudulent|faux|fausses?|fake|bogus|scam|phishing|hame[çc]onnage|escrocs?|arnaqueurs?"
    r"|fraudeurs?|scammers?|fraudsters?)\b"
    r"[^«“\"\n.!?]{0,50}?\b(?:sign[ée]e?s?|intitul[ée]e?s?|se\s+pr[ée]sentant\s+comme|au\s+nom\s+d[eu']|"
    r"portant\s+(?:la\s+mention|l['’]en-t[êe]te)|signed|titled|headed|claiming\s+to\s+(?:be|come)\s+from|in\s+the\s+name\s+of)"
    r")[^«“\"\n]{0,20}?" + _QUOTE)
# a letter another firm sent the debtor, quoted: "un courrier reçu d'une autre société qui vous annonce « … »"
_DISOWNED_OTHER_FIRM = re.compile(
    r"(?i:\b(?:re[çc]ue?s?|envoy[ée]e?s?|adress[ée]e?s?)\s+(?:par|d['’]|de)\s*(?:une\s+autre|un\s+autre)\s+"
    r"(?:soci[ée]t[ée]|organisme|cabinet|agence|entreprise)|\bfrom\s+another\s+(?:company|firm|agency))"
    r"[^«“\"\n.!?]{0,60}?" + _QUOTE)


# when the source denied is named ("ne provient pas de Liane Télécom") rather than "nous", the
# message around it must call the quotation a fraud
_FRAUD = re.compile(r"(?i:\b(?:fraud\w*|escroq\w*|arnaqu?\w*|hame[çc]onnage|phishing|scam\w*|tentative|33700|pharos|fake|bogus|spoof\w*"
                    r"|ne\s+cliquez\s+pas|ne\s+payez\s+(?:rien|pas)|do\s+not\s+(?:click|pay)|don['’]t\s+(?:click|pay)"
                    # the debtor advised to pay nothing on it, or to report it ("signal.conso.gouv.fr")
                    r"|ne\s+rien\s+payer|signal\.?\s*conso\w*"
                    # or answers it with a reassurance: "Nous tenons à vous rassurer : … n'est pas un délit"
                    r"|vous\s+rassurer|reassure\s+you)\b)")
_FRAUD_REACH = 300


# the sender's firm as a whole, with no "mais du contentieux" naming another part of it as the source
_OURS_NAMED = re.compile(r"(?i:e\s+(?:notre\s+(?:soci[ée]t[ée]|cabinet|agence|[ée]tude|part)|nos\s+services)\b"
                         r"(?![^.;!?\n]{0,60}\b(?:mais|but)\b))")


def _not_ours(text: str, m: re.Match) -> bool:
    said = (m.group() + text[m.end():m.end() + 6]).casefold()     # "… ne vient pas d" + "e nous"
    if re.search(r"(?:\bde\s+nous|\bus)\b", said[-16:]):
        return True
    # "Ce ne sont pas nos messages", "These are not our texts": ours, named as such
    if re.search(r"\b(?:nos|notre|our)\s+[\w-]+$", m.group().casefold()):
        return True
    # "… ne provient pas de notre société / de nos services"
    if _OURS_NAMED.match(text, m.end()):
        return True
    return bool(_FRAUD.search(text, max(0, m.start() - _FRAUD_REACH), min(len(text), m.end() + _FRAUD_REACH)))


# what the quoted message went on to say, in the sender's words, up to the end of its sentence:
# "un SMS se présentant comme « huissier de la Clinique » et vous demandant de payer pour éviter
# une saisie. Ce message ne vient pas de nous." Only when that sentence ends before the denial,
# and holds no word of the sender's own ("nous", "we"), which would make it the sender's statement.
_SENDERS_OWN = re.compile(r"(?i:\b(?:nous|notre|nos|je|j['’]|we|our|us|i)\b)")


def _disowned_tail(text: str, start: int, denial_end: int) -> tuple[int, int] | None:
    stop = SENTENCE_BREAK_RE.search(text, start, denial_end)
    if stop is None or stop.start() <= start or _SENDERS_OWN.search(text, start, stop.start()):
        return None
    return (start, stop.start())


_LEADING_QUOTE = re.compile(_QUOTE)
_LEAD_CHARS = 120


# The same fraudulent messages named again by a pronoun in the next sentence: "… signés « Trésor public »
# circulent ; ils évoquent une « saisie » ou une « plainte »". Read only right after a disowned quotation.
_DISOWNED_CONTINUED = re.compile(
    r"(?i:\b(?:ils|elles|ces\s+(?:messages|sms|courriels|courriers|appels|mails)|they|these\s+(?:messages|texts|e-?mails|letters|calls))"
    r"\s+(?:évoquent|evoquent|mentionnent|parlent\s+d['’e]|menacent\s+d['’e]|annoncent|réclament|reclament|mention|threaten|speak\s+of|talk\s+of))"
    r"[^«“\"\n.!?]{0,40}?" + _QUOTE + r"(?:[^«“\"\n.!?]{0,20}?" + _QUOTE + ")?")
_CONTINUED_REACH = 60


def disowned_quotes(text: str) -> list[tuple[int, int]]:
    """Offsets of the quotations the sender disowns (see above)."""
    if not any(mark in text for mark in _QUOTE_MARKS):
        return []
    out = []
    for regex in (_DISOWNED_BEFORE, _DISOWNED_AFTER, _DISOWNED_NOT_OURS, _DISOWNED_FRAUD_BEFORE,
                  _DISOWNED_OTHER_FIRM):
        for m in regex.finditer(text):
            if regex is _DISOWNED_NOT_OURS and not _not_ours(text, m):
                continue
            for group in range(1, 4):
                if m.group(group) is not None:
                    out.append(m.span(group))
                    if regex is _DISOWNED_NOT_OURS:
                        tail = _disowned_tail(text, m.end(group) + 1, m.end())
                        if tail:
                            out.append(tail)
                    elif regex in (_DISOWNED_FRAUD_BEFORE, _DISOWNED_OTHER_FIRM):
                        out.extend(_same_list(text, m.end(group) + 1))
    for end in sorted({e for _, e in out}):
        m = _DISOWNED_CONTINUED.search(text, end, end + _CONTINUED_REACH + 200)
        if m and m.start() - end <= _CONTINUED_REACH:
            out.extend(m.span(g) for g in range(1, 7) if m.group(g) is not None)
    # the quotations that lead to a disowned one in its sentence are the same message's: "un SMS vous
    # menaçant de « plainte pénale » et d'une « convocation à la gendarmerie ». Ce message ne provient
    # pas de …"
    for start, _ in list(out):
        for m in _LEADING_QUOTE.finditer(text, max(0, start - _LEAD_CHARS), start):
            span = next(m.span(g) for g in range(1, 4) if m.group(g) is not None)
            if span[1] < start and not SENTENCE_BREAK_RE.search(text, span[1], start) and span not in out:
                out.append(span)
    return out


# "Re:", "RE :", "Re[2]:", "Réf"-free: the marks a mail client puts before the subject it answers
_REPLY_PREFIX = re.compile(r"\s*(?:(?:re|aw|sv|antw)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def is_reply(subject: str) -> bool:
    """The subject starts with a reply mark ("Re:", "RE :")."""
    m = _REPLY_PREFIX.match(subject)
    return bool(m and m.group().strip())


# the debtor denying something of themself, in the first person: no collector writes that of itself
_FIRST_PERSON = re.compile(r"\s*(?:je\s+ne\s+suis\s+pas|j['’]\s*ai\s+jamais|je\s+n['’]\s*ai\s+jamais|i\s+am\s+not"
                           r"|i['’]m\s+not|i\s+have\s+never|i['’]ve\s+never"
                           # the debtor's complaint about the sender ("vous m'avez menacée de saisie"):
                           # no collector writes that of itself either
                           r"|vous\s+m['’]\s*avez\s+menac\w*|you\s+threatened\s+me)\b", re.IGNORECASE)
# the debtor's subject line quoted whole: "Re: « vous m'avez menacée de saisie »"
_WHOLE_QUOTE = re.compile(r"\s*(?:«[^»]{1,200}»|“[^”]{1,200}”|\"[^\"\n]{1,200}\")\s*$")


# a subject that names the debtor's question as its topic: "Your question about bailiffs – file
# NS-1", "Votre question sur la saisie", "Réponse à votre question concernant …"
_QUESTION_TOPIC = re.compile(
    r"\s*(?:(?:r[ée]ponse\s+[àa]\s+)?votre\s+(?:question|interrogation|demande\s+d['’]information)\s+"
    r"(?:sur|concernant|relative\s+[àa]|au\s+sujet\s+d(?:e|u|es|['’])|[àa]\s+propos\s+d(?:e|u|es|['’]))"
    r"|(?:(?:our\s+)?(?:answer|reply|response)\s+to\s+)?your\s+(?:question|query|enquiry|inquiry)\s+"
    r"(?:about|on|regarding|concerning))\b", re.IGNORECASE)
_TOPIC_END = re.compile(r"\s[–—-]\s|\s*[|(\[]|$")


def replied_question(subject: str, asked: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """The debtor's question repeated in the subject of a reply ("Re: saisie sur salaire ? –
    dossier RC-1"): from after "Re:" to the last question mark. The caller asks only when the
    ledger holds the debtor's own message this answers, or the body itself reports the debtor's
    words; a subject with no question mark quotes nothing (a threat moved to a subject must still
    be read), unless it is the debtor's denial or complaint in the first person ("Re: je ne suis pas
    un voleur", "Re: vous m'avez menacée"), which no collector writes of itself, or is held whole in
    quotation marks. A subject that names the debtor's question as its topic ("Your question about
    bailiffs – file NS-1") sets that topic aside, up to a dash or the end. So does a reply's topic
    of a few words that the body's own report of the debtor's question repeats (``asked``: "Re:
    collection fees – file NR-1" over "You asked whether our "collection fees" would be added"):
    the subject names what the debtor asked about, and the body answers it."""
    topic = _QUESTION_TOPIC.match(subject)
    if topic:
        end = _TOPIC_END.search(subject, topic.end())
        return [(topic.start(), end.start() if end else len(subject))]
    m = _REPLY_PREFIX.match(subject)
    if not m or not m.group().strip():
        return []
    end = subject.rfind("?")
    if end >= m.end():
        return [(m.end(), end + 1)]
    # the debtor's own subject line, a denial in the first person ("Re: je ne suis pas un voleur"),
    # or held whole in quotation marks
    start = m.end()
    stripped = subject[start:].lstrip()
    if stripped[:1] in _QUOTE_MARKS and _WHOLE_QUOTE.match(subject, start):
        return [(start, len(subject))]
    if _FIRST_PERSON.match(subject, start):
        return [(start, len(subject))]
    if asked:
        end = _TOPIC_END.search(subject, start)
        stop = end.start() if end else len(subject)
        topic = _words_of(subject[start:stop])
        if 0 < len(topic) <= _TOPIC_WORDS and any(_holds_run(_words_of(q), topic) for q in asked):
            return [(start, stop)]
    return []


_TOPIC_WORDS = 5          # a topic, not a sentence: "collection fees", "saisie sur salaire"


def _words_of(text: str) -> list[str]:
    return _WORD_RE.findall(text.casefold())


def _holds_run(words: list[str], run: list[str]) -> bool:
    """``run`` occurs in ``words`` as consecutive words."""
    n = len(run)
    return any(words[i:i + n] == run for i in range(len(words) - n + 1))


def inside(span: tuple[int, int], regions: list[tuple[int, int]], text: str = "") -> bool:
    """The span lies inside one of the regions, or starts inside one and runs at most one word
    past its end: words are read across a closing mark, so "vous indiquez vouloir « porter
    plainte » contre notre service" matches "plainte contre", a phrase the debtor began. Two
    words or more past the mark are the sender's own ("« nous allons porter » plainte contre
    vous" stays a threat). A span may also start up to three words before the opening mark, in the
    words that introduce the quotation."""
    for start, end in regions:
        if start <= span[0] and span[1] <= end:
            return True
        if text and start <= span[0] < end < span[1] and len(_WORD_RE.findall(text[end:span[1]])) <= 1:
            return True
        # a phrase read from the words that introduce the quotation into it ("vous nous demandez :
        # « Allez-vous saisir" reads "nous … saisir"): the quoted words are the debtor's, the few
        # before the mark are the introduction, not a sentence of the sender's
        if (text and span[0] < start < span[1] <= end
                and len(_WORD_RE.findall(text[span[0]:start])) <= 3 and not _SENTENCE_MARK.search(text, span[0], start)):
            return True
    return False


_WORD_RE = re.compile(r"\w+")
_SENTENCE_MARK = re.compile(r"[.!?]")


# --- the other party's lines in a call or visit transcript ---------------------------------------
# A call written as a transcript gives each speaker a line: "Agent : …", "M. Benoît : Vous allez
# m'envoyer l'huissier ?", "Flatmate: Is he in trouble?". What the debtor or a third party says is no
# part of the sender's communication: "Vous allez saisir ma télé ?" is the debtor's fear, not a threat.
# Only lines whose label names a person other than the sender are set aside: a role ("Débiteur",
# "Enfant", "Flatmate") or a title and a name ("Mme Girardin", "Mrs Walsh"), and only when the
# sender's own label is known, by its role ("Agent", "Conseillère", "Caller") or, failing that, as the
# titled speaker who says far more than any other. Labels that are no speaker ("Consigne", "Note au
# dossier", "Script") are never set aside, and a transcript whose sender cannot be told is read whole.
_SPEAKER_LINE = re.compile(r"^[ \t]*(?P<label>[^\W\d_][^\n:]{0,38}?)[ \t]*:[ \t]*(?P<line>\S[^\n]*)", re.MULTILINE)
_SENDER_ROLES = frozenset({
    "agent", "agente", "conseiller", "conseillere", "conseillère", "gestionnaire", "operateur", "opérateur",
    "operatrice", "opératrice", "chargé de clientèle", "chargée de clientèle", "charge de clientele",
    "chargee de clientele", "enquêteur", "enqueteur", "enquêtrice", "enquetrice", "téléconseiller",
    "téléconseillère", "caller", "collector", "agent de recouvrement", "temsilci", "konsultant", "mitarbeiter",
    "mitarbeiterin", "operatore", "operatora", "consultant", "consultante"})
_OTHER_ROLES = frozenset({
    "débiteur", "debiteur", "débitrice", "debitrice", "debtor", "enfant", "interlocuteur", "interlocutrice",
    "interlocutore", "flatmate", "colocataire", "standardiste", "tiers", "third party", "voisin", "voisine",
    "neighbour", "neighbor", "client", "cliente", "customer", "mari", "épouse", "epouse", "fils", "fille"})
_TITLED = re.compile(r"(?:M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Sr\.|Sra\.|Herr|Frau|Pan|Pani|Sig\.|Sig\.ra|Dr\.?)\s+\S")
_SENDER_SHARE = 1.5
_SENDER_MIN_WORDS = 20      # a sender told by its share says enough for the share to mean something


def transcript_others(text: str) -> list[tuple[int, int]]:
    """Offsets of the lines a transcript gives to someone other than the sender (see above)."""
    if text.count(":") < 3:
        return []
    lines = [(m.group("label").strip(), m.start("line"), m.end("line")) for m in _SPEAKER_LINE.finditer(text)]
    labels = {label for label, _, _ in lines}
    if len(lines) < 3 or len(labels) < 2:
        return []
    roles = {label for label in labels if label.casefold() in _SENDER_ROLES}
    if len(roles) == 1:
        sender = next(iter(roles))
    elif not roles:
        words: dict[str, int] = {}
        for label, start, end in lines:
            if _TITLED.match(label):
                words[label] = words.get(label, 0) + len(text[start:end].split())
        ranked = sorted(words.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < _SENDER_MIN_WORDS or (
                len(ranked) > 1 and ranked[0][1] < _SENDER_SHARE * ranked[1][1]):
            return []
        sender = ranked[0][0]
    else:
        return []
    return [(start, end) for label, start, end in lines
            if label != sender and (label.casefold() in _OTHER_ROLES or _TITLED.match(label))]
