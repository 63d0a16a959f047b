"""GDPR workflow for the DPO: deadlines, erasure assessment, access / portability documents.

Pure: no I/O, no clock, no AWS. Every "now" or "today" is passed in by the caller.

What a data subject or the DPO reads is given in French and English (``*_fr`` / ``*_en``).
The texts are module constants (not a JSON file) so that the module does no I/O and the Lambda
package needs no data file.

References (legal-rules-fr.md, section 8 "GDPR and CNIL points specific to collection"):
- GDPR art. 12(3): answer within one month of receipt, extendable by two further months.
- GDPR art. 17(3)(b) legal obligation (accounting, C. com. L123-22: 10 years) and
  17(3)(e) establishment, exercise or defence of legal claims.
- Civil / commercial prescription: C. civ. 2224, C. com. L110-4 (5 years), used as the
  archiving horizon after a case is closed.
"""
from __future__ import annotations

import calendar
import copy
import html
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Mapping, Sequence, TypeVar

KINDS = ("access", "portability", "rectification", "erasure", "restriction", "objection")

KIND_LABELS: dict[str, dict[str, str]] = {
    "access": {"fr": "Droit d'accès (art. 15 RGPD)", "en": "Right of access (GDPR art. 15)"},
    "portability": {"fr": "Droit à la portabilité (art. 20 RGPD)", "en": "Right to data portability (GDPR art. 20)"},
    "rectification": {"fr": "Droit de rectification (art. 16 RGPD)", "en": "Right to rectification (GDPR art. 16)"},
    "erasure": {"fr": "Droit à l'effacement (art. 17 RGPD)", "en": "Right to erasure (GDPR art. 17)"},
    "restriction": {"fr": "Droit à la limitation (art. 18 RGPD)", "en": "Right to restriction (GDPR art. 18)"},
    "objection": {"fr": "Droit d'opposition (art. 21 RGPD)", "en": "Right to object (GDPR art. 21)"},
}

ACCESS_FORMAT = "amiable-ledger.gdpr-access/1"
PROPOSALS = ("erase", "refuse", "defer")

# --- texts (FR / EN) ---------------------------------------------------------------------------

PURPOSES: tuple[dict[str, str], ...] = (
    {
        "id": "collection",
        "text_fr": "Recouvrement amiable de la créance pour le compte du créancier : relances, échanges "
                   "avec vous, échéanciers, suivi des paiements.",
        "text_en": "Amicable collection of the debt on behalf of the creditor: reminders, correspondence "
                   "with you, payment plans, tracking of payments.",
    },
    {
        "id": "evidence",
        "text_fr": "Tenue d'un journal horodaté et chaîné des actes accomplis sur le dossier, afin de "
                   "pouvoir prouver leur régularité (preuve, défense en justice).",
        "text_en": "Keeping a timestamped, hash-chained journal of the actions taken on the case, so that "
                   "their lawfulness can be proven (evidence, defence of legal claims).",
    },
    {
        "id": "compliance",
        "text_fr": "Respect des obligations légales : contrôle de la conformité des communications, "
                   "comptabilité, réponse aux demandes d'exercice de vos droits.",
        "text_en": "Compliance with legal obligations: checking that communications are lawful, "
                   "accounting, answering requests to exercise your rights.",
    },
)

LEGAL_BASES: tuple[dict[str, str], ...] = (
    {
        "article": "GDPR art. 6(1)(b)",
        "text_fr": "Art. 6.1.b RGPD — exécution du contrat conclu entre vous et le créancier : le "
                   "recouvrement porte sur une somme due au titre de ce contrat.",
        "text_en": "GDPR art. 6(1)(b) — performance of the contract between you and the creditor: "
                   "collection concerns a sum due under that contract.",
    },
    {
        "article": "GDPR art. 6(1)(f)",
        "text_fr": "Art. 6.1.f RGPD — intérêt légitime du créancier à recouvrer sa créance et à conserver "
                   "la preuve des démarches accomplies, dans le respect de vos droits (confidentialité "
                   "envers les tiers, minimisation des données).",
        "text_en": "GDPR art. 6(1)(f) — legitimate interest of the creditor in recovering the debt and in "
                   "keeping evidence of the steps taken, with due regard to your rights (confidentiality "
                   "towards third parties, data minimisation).",
    },
)

RETENTION: dict[str, str] = {
    "text_fr": "Dossier actif jusqu'à sa clôture ; ensuite archivage intermédiaire, à accès restreint, "
               "jusqu'à la fin du délai de prescription (5 ans, art. 2224 C. civ. et L110-4 C. com.) ; "
               "pièces comptables conservées 10 ans (art. L123-22 C. com.). Une procédure judiciaire ou un "
               "litige en cours prolonge la conservation jusqu'à son issue. Au terme de ces durées, vos "
               "données sont effacées par destruction de la clé de chiffrement qui vous est propre.",
    "text_en": "Active file until the case is closed; then restricted-access intermediate archive until "
               "the limitation period ends (5 years, French Civil Code art. 2224 and Commercial Code "
               "L110-4); accounting records kept for 10 years (Commercial Code L123-22). Pending court "
               "proceedings or an open dispute extend retention until they end. After these periods your "
               "data are erased by destroying the encryption key specific to you.",
}

RECIPIENTS: tuple[dict[str, str], ...] = (
    {
        "id": "creditor",
        "text_fr": "Le créancier pour le compte duquel la créance est recouvrée.",
        "text_en": "The creditor on whose behalf the debt is collected.",
    },
    {
        "id": "staff",
        "text_fr": "Les personnes habilitées du service de recouvrement, dans la limite de leurs fonctions.",
        "text_en": "Authorised staff of the collection service, within the limits of their duties.",
    },
    {
        "id": "processors",
        "text_fr": "Nos sous-traitants techniques (hébergement, envoi de courriers et de messages), liés "
                   "par contrat (art. 28 RGPD).",
        "text_en": "Our technical processors (hosting, sending of letters and messages), bound by "
                   "contract (GDPR art. 28).",
    },
    {
        "id": "legal",
        "text_fr": "Si le créancier décide d'agir en justice : ses avocats et commissaires de justice ; "
                   "les autorités lorsque la loi l'impose.",
        "text_en": "If the creditor decides to go to court: its lawyers and commissaires de justice "
                   "(judicial officers); public authorities where the law requires it.",
    },
)

SOURCE: dict[str, str] = {
    "article": "GDPR art. 14(2)(f)",
    "text_fr": "Art. 14.2.f RGPD — vos données nous ont été transmises par le créancier (ou son "
               "mandataire) lors de la remise du dossier en recouvrement ; les autres proviennent de vos "
               "échanges avec nous. Elles ne proviennent pas de sources accessibles au public.",
    "text_en": "GDPR art. 14(2)(f) — your data were provided by the creditor (or its agent) when the case "
               "was handed over for collection; the others come from your exchanges with us. They do not "
               "come from publicly accessible sources.",
}

RIGHTS: tuple[dict[str, str], ...] = (
    {
        "right": "access",
        "article": "GDPR art. 15",
        "text_fr": "Accès : obtenir la confirmation que vos données sont traitées et une copie de celles-ci "
                   "(le présent document).",
        "text_en": "Access: obtain confirmation that your data are processed and a copy of them "
                   "(this document).",
    },
    {
        "right": "rectification",
        "article": "GDPR art. 16",
        "text_fr": "Rectification : faire corriger ou compléter des données inexactes ou incomplètes.",
        "text_en": "Rectification: have inaccurate or incomplete data corrected or completed.",
    },
    {
        "right": "erasure",
        "article": "GDPR art. 17",
        "text_fr": "Effacement : obtenir l'effacement de vos données, sauf lorsque leur conservation est "
                   "nécessaire au respect d'une obligation légale (art. 17.3.b) ou à la constatation, "
                   "l'exercice ou la défense de droits en justice (art. 17.3.e).",
        "text_en": "Erasure: have your data erased, except where keeping them is necessary to comply with "
                   "a legal obligation (art. 17(3)(b)) or for the establishment, exercise or defence of "
                   "legal claims (art. 17(3)(e)).",
    },
    {
        "right": "restriction",
        "article": "GDPR art. 18",
        "text_fr": "Limitation : obtenir le gel de l'utilisation de vos données, notamment pendant la "
                   "vérification de leur exactitude ; elles restent utilisables pour la défense de droits "
                   "en justice (art. 18.2).",
        "text_en": "Restriction: have the use of your data frozen, in particular while their accuracy is "
                   "checked; they may still be used for legal claims (art. 18(2)).",
    },
    {
        "right": "portability",
        "article": "GDPR art. 20",
        "text_fr": "Portabilité : recevoir, dans un format structuré et lisible par machine, les données "
                   "que vous nous avez fournies, lorsque le traitement repose sur le contrat ou votre "
                   "consentement.",
        "text_en": "Portability: receive, in a structured, machine-readable format, the data you provided "
                   "to us, where processing is based on the contract or on your consent.",
    },
    {
        "right": "objection",
        "article": "GDPR art. 21",
        "text_fr": "Opposition : vous opposer au traitement fondé sur l'intérêt légitime pour des raisons "
                   "tenant à votre situation particulière, sauf motifs légitimes impérieux ou défense de "
                   "droits en justice.",
        "text_en": "Objection: object to processing based on legitimate interest on grounds relating to "
                   "your particular situation, unless there are compelling legitimate grounds or legal "
                   "claims.",
    },
    {
        "right": "complaint",
        "article": "GDPR art. 77",
        "text_fr": "Réclamation : vous pouvez introduire une réclamation auprès de la CNIL "
                   "(www.cnil.fr), sans préjudice de tout recours juridictionnel.",
        "text_en": "Complaint: you may lodge a complaint with the CNIL, the French supervisory authority "
                   "(www.cnil.fr), without prejudice to any judicial remedy.",
    },
)

ANSWER_DEADLINE: dict[str, str] = {
    "article": "GDPR art. 12(3), 12(5)",
    "text_fr": "Nous répondons à vos demandes gratuitement, dans un délai d'un mois à compter de leur "
               "réception, prolongeable de deux mois au plus compte tenu de leur complexité ; vous êtes "
               "alors informé(e) de la prolongation dans le premier mois.",
    "text_en": "We answer your requests free of charge within one month of receipt; this may be extended "
               "by up to two further months given their complexity, in which case you are told of the "
               "extension within the first month.",
}

AUTOMATED_DECISIONS: dict[str, str] = {
    "article": "GDPR art. 15(1)(h), 22",
    "text_fr": "Aucune décision produisant des effets juridiques à votre égard n'est prise sur le seul "
               "fondement d'un traitement automatisé. Les contrôles automatiques servent uniquement à "
               "bloquer des communications non conformes.",
    "text_en": "No decision producing legal effects concerning you is taken solely by automated means. "
               "Automated checks are only used to block non-compliant communications.",
}

BASIS_TEXTS: dict[str, dict[str, str]] = {
    "17(3)(e)": {
        "article": "GDPR art. 17(3)(e)",
        "text_fr": "Art. 17.3.e RGPD — les données restent nécessaires à la constatation, à l'exercice ou "
                   "à la défense de droits en justice.",
        "text_en": "GDPR art. 17(3)(e) — the data remain necessary for the establishment, exercise or "
                   "defence of legal claims.",
    },
    "17(3)(e)-prescription": {
        "article": "GDPR art. 17(3)(e)",
        "text_fr": "Art. 17.3.e RGPD — après la clôture, les données sont conservées en archive "
                   "intermédiaire jusqu'à la fin du délai de prescription de {years} ans (art. 2224 C. "
                   "civ., L110-4 C. com.), pour la défense de droits en justice : jusqu'au {until_fr}.",
        "text_en": "GDPR art. 17(3)(e) — after closure, the data are kept in an intermediate archive until "
                   "the {years}-year limitation period ends (French Civil Code art. 2224, Commercial Code "
                   "L110-4), for the defence of legal claims: until {until_en}.",
    },
    "17(3)(b)": {
        "article": "GDPR art. 17(3)(b)",
        "text_fr": "Art. 17.3.b RGPD — obligation légale de conserver les pièces comptables pendant "
                   "{years} ans (art. L123-22 C. com.) : jusqu'au {until_fr}. Seules ces pièces sont "
                   "concernées.",
        "text_en": "GDPR art. 17(3)(b) — legal obligation to keep accounting records for {years} years "
                   "(French Commercial Code L123-22): until {until_en}. Only those records are concerned.",
    },
    "17(3)(b)-open": {
        "article": "GDPR art. 17(3)(b)",
        "text_fr": "Art. 17.3.b RGPD — obligation légale de conserver les pièces comptables pendant "
                   "{years} ans après la clôture (art. L123-22 C. com.).",
        "text_en": "GDPR art. 17(3)(b) — legal obligation to keep accounting records for {years} years "
                   "after closure (French Commercial Code L123-22).",
    },
    "17(1)(a)": {
        "article": "GDPR art. 17(1)(a)",
        "text_fr": "Art. 17.1.a RGPD — les données ne sont plus nécessaires au regard des finalités pour "
                   "lesquelles elles ont été collectées ; aucune exception de l'art. 17.3 ne s'applique.",
        "text_en": "GDPR art. 17(1)(a) — the data are no longer necessary for the purposes for which they "
                   "were collected; no exception of art. 17(3) applies.",
    },
    "12(4)": {
        "article": "GDPR art. 12(4)",
        "text_fr": "Art. 12.4 RGPD — vous pouvez introduire une réclamation auprès de la CNIL "
                   "(www.cnil.fr) et former un recours juridictionnel.",
        "text_en": "GDPR art. 12(4) — you may lodge a complaint with the CNIL (www.cnil.fr) and seek a "
                   "judicial remedy.",
    },
}

# --- calendar arithmetic --------------------------------------------------------------------------

_D = TypeVar("_D", date, datetime)


def _add_months(value: _D, months: int) -> _D:
    """Same day `months` later, clamped to the last day of the target month. Time and tzinfo kept."""
    index = value.year * 12 + (value.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(value.day, calendar.monthrange(year, month)[1])
    return value.replace(year=year, month=month, day=day)


def _add_years(value: date, years: int) -> date:
    return _add_months(value, 12 * years)


def due_by(received_at: datetime) -> datetime:
    """Art. 12(3): one month after receipt (same day next month, clamped; tz of the input kept)."""
    if not isinstance(received_at, datetime):
        raise TypeError("received_at must be a datetime")
    return _add_months(received_at, 1)


def extended_due_by(received_at: datetime, months: int) -> datetime:
    """Art. 12(3) extension by 1 or 2 months beyond the first month: received_at + (1 + months) months.

    Computed from the receipt date in one step (31 Jan + 3 months = 30 Apr), not by chaining
    clamped months (which would give 28 Apr).
    """
    if not isinstance(received_at, datetime):
        raise TypeError("received_at must be a datetime")
    if isinstance(months, bool) or not isinstance(months, int) or months not in (1, 2):
        raise ValueError("an art. 12(3) extension is 1 or 2 months")
    return _add_months(received_at, 1 + months)


# --- erasure assessment ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseSnapshot:
    """What the service knows about one case of the subject (no personal data)."""

    case_id: str
    status: str                # "open" | "closed"
    outstanding_cents: int
    closed_on: date | None
    closed_reason: str | None
    legal_hold: bool = False
    open_dispute: bool = False
    has_enforceable_title: bool = False

    def __post_init__(self) -> None:
        if self.status not in ("open", "closed"):
            raise ValueError(f"case {self.case_id}: status must be 'open' or 'closed', not {self.status!r}")
        if isinstance(self.outstanding_cents, bool) or not isinstance(self.outstanding_cents, int):
            raise ValueError(f"case {self.case_id}: outstanding_cents must be an int")


@dataclass(frozen=True)
class Assessment:
    proposal: str              # "erase" | "refuse" | "defer"
    defer_until: date | None
    basis: list[dict]
    reasons: list[dict]

    def to_dict(self) -> dict:
        """JSON-ready; ``defer_until`` is left out when None, as the gdpr.erasure.assessed event
        schema (additionalProperties: false, defer_until a date string) does not accept null."""
        out: dict[str, Any] = {"proposal": self.proposal}
        if self.defer_until is not None:
            out["defer_until"] = self.defer_until.isoformat()
        out["basis"] = copy.deepcopy(self.basis)
        out["reasons"] = copy.deepcopy(self.reasons)
        return out


def _fr_date(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _euros_fr(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{units:,}".replace(",", "\u202f") + f",{rest:02d}\u00a0€"


def _euros_en(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}€{units:,}.{rest:02d}"


def _check_years(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a non-negative int")


def _basis(key: str, **fmt: Any) -> dict:
    entry = dict(BASIS_TEXTS[key])
    entry["text_fr"] = entry["text_fr"].format(**fmt)
    entry["text_en"] = entry["text_en"].format(**fmt)
    if "until" in fmt:
        entry["until"] = fmt["until"]
    return entry


def _live_claim_grounds(case: CaseSnapshot) -> tuple[list[str], list[str]]:
    """French and English phrases for each ground that makes the case a live legal claim."""
    fr: list[str] = []
    en: list[str] = []
    if case.legal_hold:
        fr.append("gel juridique (legal hold) documenté au dossier")
        en.append("documented legal hold on the case")
    if case.status == "open" and case.outstanding_cents > 0:
        fr.append(f"ouvert, {_euros_fr(case.outstanding_cents)} restant dus : créance en cours de recouvrement")
        en.append(f"open, {_euros_en(case.outstanding_cents)} outstanding: debt being collected")
    if case.open_dispute:
        fr.append("contestation en cours")
        en.append("dispute pending")
    if case.has_enforceable_title and (case.status == "open" or case.outstanding_cents > 0):
        fr.append("titre exécutoire en cours d'exécution")
        en.append("enforceable title being enforced")
    return fr, en


def assess_erasure(
    cases: Sequence[CaseSnapshot],
    today: date,
    retention_years: int = 5,
    accounting_retention_years: int | None = None,
) -> Assessment:
    """Propose an answer to an art. 17 erasure request.

    Precedence (the strongest ground wins; every case is explained):
    1. refuse — any case under legal hold, or a live claim: open with an amount outstanding, a
       pending dispute (open or closed case), or an enforceable title still being enforced
       (open case, or closed with an amount outstanding). Basis 17(3)(e) (+ 17(3)(b) if the
       accounting period is given).
    2. defer — no live claim, but a retention period is still running: closure + retention_years
       (17(3)(e), prescription) and/or closure + accounting_retention_years (17(3)(b)).
       defer_until is the day every period has ended. It is None when it cannot be computed yet:
       an open case with nothing outstanding (the clock starts at closure) or a closed case
       without a closure date (manual review).
    3. erase — no cases, or every period has ended (until <= today).
    """
    if isinstance(today, datetime) or not isinstance(today, date):
        raise TypeError("today must be a date")
    _check_years("retention_years", retention_years)
    if accounting_retention_years is not None:
        _check_years("accounting_retention_years", accounting_retention_years)

    reasons: list[dict] = []
    refuse = False
    unknown_end = False
    prescription_ends: list[date] = []
    prescription_running = False
    accounting_ends: list[date] = []
    accounting_running = False

    for case in sorted(cases, key=lambda c: c.case_id):
        grounds_fr, grounds_en = _live_claim_grounds(case)
        if grounds_fr:
            refuse = True
            reason_fr = f"Dossier {case.case_id} : " + " ; ".join(grounds_fr) + " (art. 17.3.e RGPD)."
            reason_en = f"Case {case.case_id}: " + "; ".join(grounds_en) + " (GDPR art. 17(3)(e))."
        elif case.status == "open":
            unknown_end = True
            reason_fr = (f"Dossier {case.case_id} : ouvert, aucune somme restant due ; il doit d'abord être "
                         f"clôturé, la durée de conservation court à compter de la clôture.")
            reason_en = (f"Case {case.case_id}: open, nothing outstanding; it must be closed first, the "
                         f"retention period runs from closure.")
        elif case.closed_on is None:
            unknown_end = True
            reason_fr = (f"Dossier {case.case_id} : clôturé sans date de clôture connue ; examen manuel "
                         f"nécessaire.")
            reason_en = f"Case {case.case_id}: closed but the closure date is unknown; manual review needed."
        else:
            end = _add_years(case.closed_on, retention_years)
            prescription_ends.append(end)
            why_fr = f" ({case.closed_reason})" if case.closed_reason else ""
            why_en = why_fr
            if end > today:
                prescription_running = True
                reason_fr = (f"Dossier {case.case_id} : clôturé le {_fr_date(case.closed_on)}{why_fr} ; "
                             f"conservé jusqu'au {_fr_date(end)} (prescription de {retention_years} ans).")
                reason_en = (f"Case {case.case_id}: closed on {case.closed_on.isoformat()}{why_en}; kept "
                             f"until {end.isoformat()} ({retention_years}-year limitation period).")
            else:
                reason_fr = (f"Dossier {case.case_id} : clôturé le {_fr_date(case.closed_on)}{why_fr} ; "
                             f"durée de conservation de {retention_years} ans échue le {_fr_date(end)}.")
                reason_en = (f"Case {case.case_id}: closed on {case.closed_on.isoformat()}{why_en}; the "
                             f"{retention_years}-year retention period ended on {end.isoformat()}.")
            if accounting_retention_years is not None:
                acc_end = _add_years(case.closed_on, accounting_retention_years)
                accounting_ends.append(acc_end)
                if acc_end > today:
                    accounting_running = True
                    reason_fr = reason_fr[:-1] + (f" ; pièces comptables conservées jusqu'au "
                                                  f"{_fr_date(acc_end)} (art. L123-22 C. com.).")
                    reason_en = reason_en[:-1] + (f"; accounting records kept until {acc_end.isoformat()} "
                                                  f"(Commercial Code L123-22).")
        reasons.append({"case_id": case.case_id, "reason_fr": reason_fr, "reason_en": reason_en})

    basis: list[dict] = []
    if refuse:
        basis.append(_basis("17(3)(e)"))
        if accounting_retention_years is not None:
            basis.append(_basis("17(3)(b)-open", years=accounting_retention_years))
        basis.append(_basis("12(4)"))
        return Assessment("refuse", None, basis, reasons)

    if unknown_end or prescription_running or accounting_running:
        defer_until = None if unknown_end else max(prescription_ends + accounting_ends)
        if unknown_end or prescription_running:
            if prescription_ends and not unknown_end:
                end = max(prescription_ends)
                basis.append(_basis("17(3)(e)-prescription", years=retention_years, until=end.isoformat(),
                                    until_fr=_fr_date(end), until_en=end.isoformat()))
            else:
                basis.append(_basis("17(3)(e)"))
        if accounting_retention_years is not None:
            if accounting_running and not unknown_end:
                acc = max(accounting_ends)
                basis.append(_basis("17(3)(b)", years=accounting_retention_years, until=acc.isoformat(),
                                    until_fr=_fr_date(acc), until_en=acc.isoformat()))
            elif unknown_end:
                basis.append(_basis("17(3)(b)-open", years=accounting_retention_years))
        basis.append(_basis("12(4)"))
        return Assessment("defer", defer_until, basis, reasons)

    return Assessment("erase", None, [_basis("17(1)(a)")], reasons)


def retention_due(cases: Sequence[CaseSnapshot], today: date, retention_years: int = 5) -> bool:
    """True when every case is closed and the latest closure is at least retention_years old.

    For the scheduled retention job, so deliberately conservative: False for an empty list (no
    closure to count from; an empty list may also be a loading failure), for a closed case
    without a closure date, and for anything assess_erasure would refuse (legal hold, dispute,
    enforceable title with an amount outstanding).
    """
    if not cases:
        return False
    return assess_erasure(cases, today, retention_years).proposal == "erase"


# --- access / portability document -----------------------------------------------------------------

def _iso(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return _iso(value)


def access_document(
    subject: dict,
    items: Sequence[dict],
    generated_at: datetime,
    controller: dict | None = None,
) -> dict:
    """Machine-readable art. 15 / art. 20 answer; each event is tied to the journal by case, seq, hash."""
    if not isinstance(generated_at, datetime):
        raise TypeError("generated_at must be a datetime")
    if generated_at.tzinfo is None or generated_at.utcoffset() is None:
        raise ValueError("generated_at must be timezone-aware")

    by_case: dict[str, dict[int, dict]] = {}
    for item in items:
        case_id = str(item["case_id"])
        seq = item["seq"]
        if isinstance(seq, bool) or not isinstance(seq, int):
            raise ValueError(f"case {case_id}: seq must be an int")
        events = by_case.setdefault(case_id, {})
        if seq in events:
            raise ValueError(f"case {case_id}: duplicate seq {seq}")
        events[seq] = {
            "seq": seq,
            "hash": item["hash"],
            "type": item["type"],
            "occurred_at": _iso(item.get("occurred_at")),
            "data": _jsonable(item.get("data") or {}),
        }

    return {
        "format": ACCESS_FORMAT,
        "generated_at": generated_at.isoformat(),
        "subject": {
            "subject_id": subject.get("subject_id"),
            "role": subject.get("role"),
            "identifiers": _jsonable(subject.get("identifiers") or {}),
        },
        "controller": _jsonable(controller) if controller is not None else None,
        "purposes": copy.deepcopy(list(PURPOSES)),
        "legal_bases": copy.deepcopy(list(LEGAL_BASES)),
        "retention": dict(RETENTION),
        "recipients": copy.deepcopy(list(RECIPIENTS)),
        "source": dict(SOURCE),
        "rights": copy.deepcopy(list(RIGHTS)),
        "answer_deadline": dict(ANSWER_DEADLINE),
        "automated_decisions": dict(AUTOMATED_DECISIONS),
        "cases": [
            {"case_id": case_id, "events": [events[s] for s in sorted(events)]}
            for case_id, events in sorted(by_case.items())
        ],
    }


# --- HTML rendering -------------------------------------------------------------------------------

def _e(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    return html.escape(str(value), quote=True)


def _value_html(value: Any) -> str:
    if isinstance(value, Mapping):
        if not value:
            return "<em>—</em>"
        rows = "".join(f"<tr><th>{_e(k)}</th><td>{_value_html(v)}</td></tr>" for k, v in value.items())
        return f"<table>{rows}</table>"
    if isinstance(value, (list, tuple)):
        if not value:
            return "<em>—</em>"
        return "<ul>" + "".join(f"<li>{_value_html(v)}</li>" for v in value) + "</ul>"
    return _e(value)


def _bilingual(entry: Mapping[str, Any]) -> str:
    article = entry.get("article")
    head = f"<strong>{_e(article)}</strong><br>" if article else ""
    return (f'{head}<span lang="fr">{_e(entry.get("text_fr"))}</span><br>'
            f'<span lang="en" class="en">{_e(entry.get("text_en"))}</span>')


def _bilingual_list(entries: Sequence[Mapping[str, Any]]) -> str:
    return "<ul>" + "".join(f"<li>{_bilingual(x)}</li>" for x in entries) + "</ul>"


_STYLE = (
    "body{font-family:sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#111}"
    "table{border-collapse:collapse;margin:.25rem 0}th,td{border:1px solid #bbb;padding:.2rem .4rem;"
    "text-align:left;vertical-align:top}.en{color:#444;font-style:italic}"
    "code{font-family:monospace;word-break:break-all}"
)


def render_access_html(document: dict) -> str:
    """A readable, self-contained HTML page of an access_document(); every value is escaped."""
    d = document
    subject = d.get("subject") or {}
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="referrer" content="no-referrer">',
        "<title>Vos données personnelles / Your personal data</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        '<h1>Vos données personnelles <span lang="en" class="en">/ Your personal data</span></h1>',
        f"<p>Format : <code>{_e(d.get('format'))}</code><br>"
        f'Document généré le <span lang="en" class="en">/ generated at</span> : {_e(d.get("generated_at"))}</p>',
        '<h2>Personne concernée <span lang="en" class="en">/ Data subject</span></h2>',
        "<table>"
        f"<tr><th>subject_id</th><td><code>{_e(subject.get('subject_id'))}</code></td></tr>"
        f"<tr><th>Rôle / Role</th><td>{_e(subject.get('role'))}</td></tr>"
        f"<tr><th>Identifiants / Identifiers</th><td>{_value_html(subject.get('identifiers') or {})}</td></tr>"
        "</table>",
        '<h2>Responsable du traitement <span lang="en" class="en">/ Controller</span></h2>',
        _value_html(d.get("controller")) if d.get("controller") is not None
        else '<p>Non renseigné <span lang="en" class="en">/ Not provided</span></p>',
        '<h2>Finalités <span lang="en" class="en">/ Purposes</span></h2>',
        _bilingual_list(d.get("purposes") or []),
        '<h2>Bases légales <span lang="en" class="en">/ Legal bases</span></h2>',
        _bilingual_list(d.get("legal_bases") or []),
        '<h2>Durée de conservation <span lang="en" class="en">/ Retention</span></h2>',
        f"<p>{_bilingual(d.get('retention') or {})}</p>",
        '<h2>Destinataires <span lang="en" class="en">/ Recipients</span></h2>',
        _bilingual_list(d.get("recipients") or []),
        '<h2>Source des données <span lang="en" class="en">/ Source of the data</span></h2>',
        f"<p>{_bilingual(d.get('source') or {})}</p>",
        '<h2>Décisions automatisées <span lang="en" class="en">/ Automated decisions</span></h2>',
        f"<p>{_bilingual(d.get('automated_decisions') or {})}</p>",
        '<h2>Vos droits <span lang="en" class="en">/ Your rights</span></h2>',
        _bilingual_list(d.get("rights") or []),
        f"<p>{_bilingual(d.get('answer_deadline') or {})}</p>",
        '<h2>Dossiers et événements <span lang="en" class="en">/ Cases and events</span></h2>',
        "<p>Chaque événement est rattaché au journal par le dossier, son numéro d'ordre (seq) et son "
        'empreinte (hash). <span lang="en" class="en">Each event is tied to the journal by its case, '
        "sequence number (seq) and hash.</span></p>",
    ]
    cases = d.get("cases") or []
    if not cases:
        parts.append('<p>Aucun événement <span lang="en" class="en">/ No events</span></p>')
    for case in cases:
        parts.append(f"<h3>Dossier <span lang=\"en\" class=\"en\">/ Case</span> "
                     f"<code>{_e(case.get('case_id'))}</code></h3>")
        parts.append("<table><tr><th>seq</th><th>hash</th><th>Type</th>"
                     "<th>Date / Occurred at</th><th>Données / Data</th></tr>")
        for event in case.get("events") or []:
            parts.append(
                f"<tr><td>{_e(event.get('seq'))}</td><td><code>{_e(event.get('hash'))}</code></td>"
                f"<td>{_e(event.get('type'))}</td><td>{_e(event.get('occurred_at'))}</td>"
                f"<td>{_value_html(event.get('data') or {})}</td></tr>"
            )
        parts.append("</table>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


__all__ = [
    "KINDS", "KIND_LABELS", "ACCESS_FORMAT", "PROPOSALS", "PURPOSES", "LEGAL_BASES", "RETENTION",
    "RECIPIENTS", "SOURCE", "RIGHTS", "ANSWER_DEADLINE", "AUTOMATED_DECISIONS", "BASIS_TEXTS",
    "due_by", "extended_due_by", "CaseSnapshot", "Assessment", "assess_erasure", "retention_due",
    "access_document", "render_access_html",
]
