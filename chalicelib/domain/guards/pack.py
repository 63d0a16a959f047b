"""Rule pack: load the JSON data of a jurisdiction, digest it, compile it once.

Files: ``packs/<jurisdiction>/pack.json`` (id, version, params, lexicon, classes,
negation, pattern_sets) plus every other ``*.json`` there holding ``{"rules": [...]}``,
merged in file-name order. The digest is the lowercase hex SHA-256 of the RFC 8785
canonical JSON of the merged pack (``pack.json`` keys + ``"rules"``, the generated lemma table,
and under ``"textdata"`` the word profiles and confusables that unmasking and the language rule
read): every datum a verdict depends on, so a judgement's digest names the data that made it.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import rfc8785

from . import detectors, literals, predicates, suggestions
from .amounts import AmountCap
from .context import CaseFacts
from .frames import Frame, compile_frame
from .language import common_words, pressure_data, word_data
from .lemmas import LemmaTable
from .negation import NegationScope
from .patterns import AtomIndex, compile_all
from .statement import STATEMENT_FACTS
from .text import Normaliser
from .unmask import confusables_data

PACKS_DIR = Path(__file__).resolve().parent / "packs"
TEXTDATA_DIR = Path(__file__).resolve().parent / "textdata"
LEMMAS_FILE = "lemmas.json"      # generated lemma table (lemmas.py), part of the digest
SEVERITIES = ("allow", "warn", "block")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
FIELDS = ("text", "subject")             # where required mentions count, and detectors look
ALL_FIELDS = (*FIELDS, "envelope")      # what patterns and regexes read unless a rule names its fields
# Fields a rule may name but that are not read by default: "preview" is the start of an SMS as a
# locked phone shows it (content.TextView), a part of "text" that a rule about what others see
# reads alone.
NAMED_FIELDS = (*ALL_FIELDS, "preview")

# Values the engine computes and predicates may read (see derived.py).
DERIVED_NAMES = frozenset({
    "local_time", "local_date", "weekday", "is_sunday", "is_saturday", "is_public_holiday",
    "holiday_name", "in_quiet_hours", "in_hard_quiet_hours", "in_soft_hours", "outside_preferred_hours",
    "at_requested_time",
    "calls_today", "calls_7d", "contacts_7d", "days_since_conversation", "time_barred", "prescription_ends_on",
    "channel_opted_out", "first_letter_ref_cited", "is_written", "is_phone_or_visit",
    "about_frozen_claims", "insolvency_claims_dated", "recipients_own_overindebtedness", "in_winter_truce", "unidentified_callback", "closure_notice",
    "erasure_notice", "receives_debtors_letters",
    *STATEMENT_FACTS,
})


@dataclass(frozen=True)
class RequiredItem:
    name: str
    patterns: tuple
    regexes: tuple


@dataclass(frozen=True)
class ContentSpec:
    patterns: tuple            # ((source, steps), ...)
    regexes: tuple             # ((source, compiled, group, literals.Literals | None), ...)
    detectors: tuple           # (spec, ...)
    exclude: tuple             # ((source, steps), ...)
    negation: NegationScope | None   # None: matches are never negated
    require: tuple             # (RequiredItem, ...): rule fires when one is missing
    fields: tuple[str, ...]    # where patterns and regexes look
    detector_fields: tuple[str, ...] = FIELDS   # where detectors look (not the envelope's capitals)
    frames: tuple[Frame, ...] = ()   # threat frames (frames.py)
    exclude_when: tuple = ()         # ((predicate, compiled patterns), ...): exclusions that
                                     # apply only when the facts make them true
    as_written: bool = False         # match only fields that read the same unmasked (no markup,
                                     # no hidden or look-alike characters), as written
    unless: "RequiredItem | None" = None   # wording that, written plainly in the text or subject,
                                           # voids the hits ("solde" letter with its receipt)
    unless_except: "RequiredItem | None" = None   # wording in the text or subject that keeps
                                                  # ``unless`` from voiding them ("accepté la
                                                  # succession" voids an heir's demand, "à
                                                  # concurrence de l'actif net" keeps it)
    amount_cap: AmountCap | None = None    # hits count only above this amount (per invoice)
    parts: tuple = ()                      # (ContentSpec, ...): the pattern sets the rule names,
                                           # each matched with its own exclusions
    reads_reported: bool = False           # hits in the debtor's reported or quoted words count too:
                                           # a softening wording that names what the debtor asked
                                           # ("vous demandez la limitation du traitement")
    with_: "RequiredItem | None" = None    # a set's hits count only when this wording is somewhere
                                           # in the text or subject (a leverage phrase in one
                                           # sentence, the illness it leans on in another)


@dataclass(frozen=True)
class SeverityCondition:
    """When a rule's severity differs from its default: facts (``when``), wording (``content``),
    or both. The catalogue grades some rules by what the message says ("BLOCK if it asserts
    personal liability, WARN otherwise"), which facts alone cannot express."""
    when: Mapping | None
    content: ContentSpec | None


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    severity: str
    severity_when: tuple       # ((SeverityCondition, severity), ...) first match wins
    when: Mapping | None
    content: ContentSpec | None
    suppressed_by: tuple[str, ...]
    legal_basis: Mapping[str, Any]
    explanation: Mapping[str, str]
    compliant_rewrite: Mapping[str, str]
    # where this holds the rule fires without its content (a visit is one whatever is said;
    # a letter is one only if it announces a visit)
    content_optional_when: Mapping | None = None


@dataclass(frozen=True, eq=False)
class RulePack:
    id: str
    version: str
    digest: str
    params: Mapping[str, Any]
    rules: tuple[Rule, ...]
    normaliser: Normaliser
    index: AtomIndex
    negation: NegationScope
    classes: Mapping[str, tuple[str, ...]]
    data: Mapping[str, Any]
    placeholders: Mapping[str, Any] = None     # rewrite placeholders (suggestions.py)

    def meta(self) -> dict[str, str]:
        return {"id": self.id, "version": self.version, "digest": self.digest}

    def knows(self, word: str) -> bool:
        """The word is in the pack's vocabulary: some pattern word or stem reads it."""
        plain, key = self.normaliser.forms(word)
        return bool(self.index.atoms_of(plain, key))

    def knows_whole(self, word: str, max_tail: int = 4, fuzzy: bool = True) -> bool:
        """The word itself is in the vocabulary, not merely a known stem's prefix of it."""
        plain, key = self.normaliser.forms(word)
        return self.index.reads_whole(plain, key, max_tail, fuzzy)

    @staticmethod
    def is_common(word: str) -> bool:
        """An everyday French or English word ("pour", "suite"): never glued to a neighbour."""
        return word.casefold() in _common_words()

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return common_words(("fr", "en"))


def pack_digest(data: Mapping[str, Any]) -> str:
    return hashlib.sha256(rfc8785.dumps(data)).hexdigest()


def read_pack_data(directory: Path) -> dict[str, Any]:
    manifest = json.loads((directory / "pack.json").read_text(encoding="utf-8"))
    rules: list = []
    for path in sorted(directory.glob("*.json")):
        if path.name in ("pack.json", LEMMAS_FILE):
            continue
        rules.extend(json.loads(path.read_text(encoding="utf-8"))["rules"])
    data = dict(manifest)
    data["rules"] = rules
    lemmas = directory / LEMMAS_FILE
    if lemmas.is_file():
        table = json.loads(lemmas.read_text(encoding="utf-8"))
        data["lemmas"] = table["lemmas"]
        data["lemma_near_words"] = table.get("near_words", [])
    # the parsed files the language rule and the unmasking use, so a cold start reads each once
    textdata = {"confusables.json": confusables_data(), "pressure.json": pressure_data(),
                "words.json": word_data()}
    on_disk = {path.name for path in TEXTDATA_DIR.glob("*.json")}
    if on_disk != set(textdata):
        raise ValueError(f"textdata files {sorted(on_disk)}: the digest covers {sorted(textdata)}")
    data["textdata"] = textdata
    return data


@lru_cache(maxsize=8)
def load_pack(jurisdiction: str = "FR") -> RulePack:
    """Load, digest and compile the pack of a jurisdiction (cached per process)."""
    if not re.fullmatch(r"[A-Za-z]{2,8}", jurisdiction):
        raise ValueError(f"bad jurisdiction {jurisdiction!r}")
    directory = PACKS_DIR / jurisdiction.lower()
    if not (directory / "pack.json").is_file():
        raise ValueError(f"no rule pack for jurisdiction {jurisdiction!r}")
    return compile_pack(read_pack_data(directory))


def compile_pack(data: Mapping[str, Any]) -> RulePack:
    lexicon = data.get("lexicon", {})
    normaliser = Normaliser(lexicon.get("sms", {}), tuple(lexicon.get("exact", ())))
    index = AtomIndex(normaliser, LemmaTable(data.get("lemmas", {}), normaliser,
                                             data.get("lemma_near_words", ())))
    classes = {k: tuple(v) for k, v in data.get("classes", {}).items()}
    negation = NegationScope.from_pack(data["negation"], normaliser)
    params = dict(data["params"])
    param_names = frozenset(params)
    sets = data.get("pattern_sets", {})
    rules = []
    seen: set[str] = set()
    for raw in data["rules"]:
        rid = raw["id"]
        if rid in seen:
            raise ValueError(f"duplicate rule id {rid}")
        seen.add(rid)
        rules.append(_compile_rule(raw, index, classes, negation, normaliser, sets, param_names))
    ids = {r.id for r in rules}
    for r in rules:
        for s in r.suppressed_by:
            if s not in ids:
                raise ValueError(f"{r.id}: suppressed_by unknown rule {s}")
    placeholders = dict(data.get("placeholders", {}))
    suggestions.validate(placeholders, frozenset(f.name for f in dataclass_fields(CaseFacts)))
    for r in rules:
        for lang, template in r.compliant_rewrite.items():
            unknown = suggestions.names(template) - set(placeholders)
            if unknown:
                raise ValueError(f"{r.id}: compliant_rewrite.{lang} uses undeclared placeholder(s) {sorted(unknown)}")
    return RulePack(
        id=data["id"], version=data["version"], digest=pack_digest(data), params=params,
        rules=tuple(rules), normaliser=normaliser, index=index, negation=negation,
        classes=classes, data=data, placeholders=placeholders,
    )


def _compile_rule(raw, index, classes, negation, normaliser, sets, param_names) -> Rule:
    rid = raw["id"]
    severity = raw["severity"]
    if severity not in ("warn", "block"):
        raise ValueError(f"{rid}: severity must be warn or block")
    when = raw.get("when")
    if when is not None:
        predicates.validate(when, DERIVED_NAMES, param_names, f"{rid}.when")
    severity_when = []
    for i, sw in enumerate(raw.get("severity_when", [])):
        where = f"{rid}.severity_when[{i}]"
        if sw.get("severity") not in ("warn", "block"):
            raise ValueError(f"{rid}: bad severity {sw.get('severity')!r}")
        if "when" not in sw and "content" not in sw:
            raise ValueError(f"{where}: needs 'when', 'content' or both")
        if "when" in sw:
            predicates.validate(sw["when"], DERIVED_NAMES, param_names, where)
        wording = None
        if "content" in sw:
            wording = _compile_content(where, sw["content"], index, classes, negation, normaliser, sets)
            # wording that makes a rule milder must be read as written: a disguise must never
            # be what softens a verdict (threat model)
            if sw["severity"] == "warn" and severity == "block" and not wording.as_written:
                raise ValueError(f"{where}: wording that lowers the severity must be 'as_written'")
        severity_when.append((SeverityCondition(sw.get("when"), wording), sw["severity"]))
    basis = raw["legal_basis"]
    for key in ("code", "article", "status", "source"):
        if key not in basis:
            raise ValueError(f"{rid}: legal_basis.{key} missing")
    if basis["status"] not in ("law", "unverified", "policy", "analogy"):
        raise ValueError(f"{rid}: legal_basis.status {basis['status']!r}")
    for lang in ("fr", "en"):
        if not raw["explanation"].get(lang):
            raise ValueError(f"{rid}: explanation.{lang} missing")
    content = None
    if "content" in raw:
        content = _compile_content(rid, raw["content"], index, classes, negation, normaliser, sets)
    if when is None and content is None:
        raise ValueError(f"{rid}: a rule needs a 'when' predicate or 'content'")
    optional = raw.get("content_optional_when")
    if optional is not None:
        if content is None:
            raise ValueError(f"{rid}: content_optional_when without content")
        predicates.validate(optional, DERIVED_NAMES, param_names, f"{rid}.content_optional_when")
    return Rule(
        id=rid, family=raw["family"], severity=severity, severity_when=tuple(severity_when),
        when=when, content=content, suppressed_by=tuple(raw.get("suppressed_by", ())),
        legal_basis=basis, explanation=raw["explanation"],
        compliant_rewrite=raw.get("compliant_rewrite", {}), content_optional_when=optional,
    )


def _regexes(rid: str, items) -> tuple:
    out = []
    for item in items:
        if isinstance(item, str):
            item = {"pattern": item}
        try:
            compiled = re.compile(item["pattern"], re.IGNORECASE if item.get("ignore_case", True) else 0)
        except re.error as exc:
            raise ValueError(f"{rid}: bad regex {item['pattern']!r}: {exc}") from exc
        out.append((item["pattern"], compiled, int(item.get("group", 0)), literals.required(compiled)))
    return tuple(out)


def _compile_content(rid, spec, index, classes, negation, normaliser, sets) -> ContentSpec:
    any_src = list(spec.get("any", []))
    regex_src = list(spec.get("regex", []))
    exclude_src = list(spec.get("exclude", []))
    dets = list(spec.get("detectors", []))
    frames_src = list(spec.get("frames", []))
    exclude_when_src = list(spec.get("exclude_when", []))
    own_scope = []                   # sets whose exclusions judge their own hits only
    rule_exclude, rule_exclude_when = list(exclude_src), list(exclude_when_src)   # the rule's own
    for name in spec.get("sets", []):
        if name not in sets:
            raise ValueError(f"{rid}: unknown pattern set {name!r}")
        if sets[name].get("exclusions_judge") == "own hits":
            own_scope.append(name)
            continue
        if sets[name].get("with") or sets[name].get("with_regex"):
            raise ValueError(f"{rid}: pattern set {name!r} has \"with\": it must judge its own hits")
        any_src += sets[name].get("any", [])
        regex_src += sets[name].get("regex", [])
        exclude_src += sets[name].get("exclude", [])
        frames_src += sets[name].get("frames", [])
        exclude_when_src += sets[name].get("exclude_when", [])
    for i, d in enumerate(dets):
        detectors.validate(d, f"{rid}.content.detectors[{i}]")
        for j, item in enumerate(d.get("case_names_when", ())):
            predicates.validate(item["when"], DERIVED_NAMES, frozenset(),
                                f"{rid}.content.detectors[{i}].case_names_when[{j}]")
    scope = None
    if spec.get("negatable", True):
        scope = negation
        if spec.get("extra_negators"):
            scope = negation.with_extra(spec["extra_negators"], normaliser)
    require = tuple(
        RequiredItem(
            name=item["name"],
            patterns=compile_all(index, item.get("any", []), classes),
            regexes=_regexes(rid, item.get("regex", [])),
        )
        for item in spec.get("require", [])
    )
    # a threat moved to the envelope is still a threat: patterns read every field by default
    fields = tuple(spec.get("fields", ALL_FIELDS))
    detector_fields = tuple(spec["fields"]) if "fields" in spec else FIELDS
    if any(f not in NAMED_FIELDS for f in fields):
        raise ValueError(f"{rid}: fields must be among {NAMED_FIELDS}")
    def frames_of(where, raws):
        return tuple(compile_frame(f"{where}.frames[{i}]", raw, index, classes) for i, raw in enumerate(raws))

    def exclusions_when(where, items):
        out = []
        for i, item in enumerate(items):
            predicates.validate(item["when"], DERIVED_NAMES, frozenset(), f"{where}.exclude_when[{i}]")
            out.append((item["when"], compile_all(index, item["any"], classes)))
        return tuple(out)

    frames = frames_of(f"{rid}.content", frames_src)
    exclude_when = exclusions_when(f"{rid}.content", exclude_when_src)
    # A set marked "exclusions_judge": "own hits" is matched apart, its exclusions (with the
    # rule's) judging its own hits only: the seizure set's "saisir le tribunal is no seizure"
    # must not erase the legal-threat set's hit on the same words. Other sets pool their
    # exclusions with the rule's, as their readings were written for.
    parts = []
    for name in own_scope:
        s = sets[name]
        parts.append(ContentSpec(
            patterns=compile_all(index, s.get("any", []), classes),
            regexes=_regexes(f"{rid}/{name}", s.get("regex", [])),
            detectors=(), exclude=compile_all(index, rule_exclude + s.get("exclude", []), classes),
            negation=scope, require=(), fields=fields, detector_fields=detector_fields,
            frames=frames_of(f"{rid}/{name}", s.get("frames", [])),
            exclude_when=exclusions_when(f"{rid}/{name}", rule_exclude_when + s.get("exclude_when", [])),
            as_written=bool(spec.get("as_written", False)),
            # "with_regex": a form no word shows, such as a public reply opening on "@handle"
            with_=(RequiredItem(name="with", patterns=compile_all(index, s.get("with", []), classes),
                                regexes=_regexes(f"{rid}/{name}/with", s.get("with_regex", [])))
                   if s.get("with") or s.get("with_regex") else None)))
    if not (any_src or regex_src or dets or require or frames or parts):
        raise ValueError(f"{rid}: content has nothing to match")
    return ContentSpec(
        parts=tuple(parts),
        patterns=compile_all(index, any_src, classes),
        regexes=_regexes(rid, regex_src),
        detectors=tuple(dets),
        exclude=compile_all(index, exclude_src, classes),
        negation=scope,
        require=require,
        fields=fields,
        detector_fields=detector_fields,
        frames=frames,
        exclude_when=tuple(exclude_when),
        as_written=bool(spec.get("as_written", False)),
        reads_reported=bool(spec.get("reads_reported", False)),
        unless=(RequiredItem(name="unless", patterns=compile_all(index, spec["unless"].get("any", []), classes),
                             regexes=_regexes(rid, spec["unless"].get("regex", [])))
                if "unless" in spec else None),
        unless_except=(RequiredItem(name="unless_except",
                                    patterns=compile_all(index, spec["unless"]["except"], classes), regexes=())
                       if spec.get("unless", {}).get("except") else None),
        amount_cap=(AmountCap(int(spec["amount_cap"]["cents"]), bool(spec["amount_cap"].get("per_invoice", False)))
                    if "amount_cap" in spec else None),
    )
