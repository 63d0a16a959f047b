"""judge(): apply a rule pack (and an optional tenant policy) to one communication.

Pure: no I/O beyond the cached pack load, no clock (time comes from comm.sent_at).
The verdict is the most severe finding: "block" > "warn" > "allow".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Mapping, Sequence

from . import quotes, suggestions
from .content import Span, TextView, match_content
from .context import CaseFacts, Communication, PriorContact
from .derived import derive
from .pack import SEVERITY_RANK, RulePack, load_pack
from .policy import TenantPolicy, compile_phrases
from .predicates import Env, evaluate

__all__ = ["judge", "load_pack", "Judgement", "Finding", "RulePack", "TenantPolicy",
           "TENANT_PHRASE_RULE"]

TENANT_PHRASE_RULE = "TENANT-FORBIDDEN-PHRASE"
_TENANT_BASIS = {"code": "tenant_policy", "article": "forbidden_phrases", "status": "policy",
                 "source": "tenant configuration"}
_TENANT_EXPLANATION = {
    "fr": "Formulation interdite par la politique de votre organisation.",
    "en": "Wording forbidden by your organisation's policy.",
}


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str                      # "warn" | "block"
    legal_basis: Mapping[str, Any]
    explanation: Mapping[str, str]
    spans: tuple[Span, ...] = ()
    missing: tuple[str, ...] = ()      # required items absent (e.g. R124-4 mentions)
    compliant_rewrite: Mapping[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "rule_id": self.rule_id,
            "severity": self.severity,
            "legal_basis": dict(self.legal_basis),
            "explanation": dict(self.explanation),
            "spans": [s.to_dict() for s in self.spans],
        }
        if self.missing:
            d["missing"] = list(self.missing)
        if self.compliant_rewrite:
            d["compliant_rewrite"] = dict(self.compliant_rewrite)
        return d


@dataclass(frozen=True)
class Judgement:
    verdict: str                       # "allow" | "warn" | "block"
    findings: tuple[Finding, ...]
    rule_pack: Mapping[str, str]       # {"id", "version", "digest"}

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
            "rule_pack": dict(self.rule_pack),
        }

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(f.rule_id for f in self.findings)


def judge(comm: Communication, facts: CaseFacts, history: Sequence[PriorContact],
          pack: RulePack, policy: TenantPolicy | None = None) -> Judgement:
    params = policy.effective_params(pack.params) if policy is not None else pack.params
    view = TextView(comm, pack.normaliser, pack, params.get("sms_preview_chars", 0),
                    # the history is searched only for a reply's subject, the one thing it is for
                    answers_debtor=bool(comm.subject) and quotes.is_reply(comm.subject)
                    and _answers_debtor(comm, history, params.get("reply_window_days", 0)))
    # a statement of account is read in every field and every reading (a disguise moves it)
    readings = tuple(r.text for field in ("text", "subject", "envelope") if view.raw[field]
                     for r in view.readings(field))
    env = Env(facts, comm, derive(comm, facts, history, params, readings), params)
    found: list[tuple[int, Finding]] = []

    def holds(pred) -> bool:            # conditional exclusions read the same facts
        return evaluate(pred, env)

    for order, rule in enumerate(pack.rules):
        if rule.when is not None and not evaluate(rule.when, env):
            continue
        spans: list[Span] = []
        missing: list[str] = []
        if rule.content is not None:
            spans, missing = match_content(rule.content, view, pack.index, holds)
            if rule.content.amount_cap is not None:
                spans = [s for s in spans if rule.content.amount_cap.exceeded_by(s.text, facts)]
            if not spans and not missing and (rule.content_optional_when is None
                                              or not evaluate(rule.content_optional_when, env)):
                continue
        severity = rule.severity
        for condition, sev in rule.severity_when:
            if ((condition.when is None or evaluate(condition.when, env))
                    and (condition.content is None
                         or match_content(condition.content, view, pack.index, holds)[0])):
                severity = sev
                break
        if policy is not None and rule.id in policy.block_rules:
            severity = "block"
        found.append((order, Finding(
            rule_id=rule.id, severity=severity, legal_basis=rule.legal_basis,
            explanation=rule.explanation, spans=tuple(spans), missing=tuple(missing),
            compliant_rewrite=(suggestions.render(rule.compliant_rewrite, facts, pack.placeholders or {})
                               if rule.compliant_rewrite else None),
        )))
    fired = {f.rule_id for _, f in found}
    by_id = {r.id: r for r in pack.rules}
    found = [(o, f) for o, f in found
             if not any(s in fired for s in by_id[f.rule_id].suppressed_by)]
    if policy is not None and policy.forbidden_phrases:
        index, patterns = compile_phrases(pack, policy.forbidden_phrases)
        spans = set()
        for field in ("text", "subject", "envelope"):
            raw = view.raw[field]
            if not raw:
                continue
            for r, reading in enumerate(view.readings(field)):
                ta = view.atoms(field, index, r)
                for _src, steps, _n in patterns:
                    for first, last in ta.find(steps):
                        s, e = reading.span(ta.tt.tokens[first].start, ta.tt.tokens[last].end)
                        spans.add(Span(field, s, e, raw[s:e]))
        if spans:
            found.append((len(pack.rules), Finding(
                rule_id=TENANT_PHRASE_RULE, severity="block", legal_basis=_TENANT_BASIS,
                explanation=_TENANT_EXPLANATION,
                spans=tuple(sorted(spans, key=lambda sp: (sp.field, sp.start, sp.end))))))
    found.sort(key=lambda of: (-SEVERITY_RANK[of[1].severity], of[0]))
    findings = tuple(f for _, f in found)
    verdict = findings[0].severity if findings else "allow"
    return Judgement(verdict=verdict, findings=findings, rule_pack=pack.meta())


def _answers_debtor(comm: Communication, history: Sequence[PriorContact], days: int) -> bool:
    """Whether the ledger holds a message of the debtor's from the last ``days`` days, which
    this one may answer (a reply's subject then repeats the debtor's question, quotes.py)."""
    window = timedelta(days=days)
    return any(h.inbound and timedelta(0) <= comm.sent_at - h.at <= window for h in history)
