"""Rewrite suggestions filled in with the case's own facts, or placeholders.

A rule's ``compliant_rewrite`` is a template: ``{{name}}`` stands for a fact of the case the
pack declares under ``placeholders`` (``{"fact": <CaseFacts field>, "fr": "[label]",
"en": "[label]"}``). A placeholder whose fact the case holds gets its value; any other
shows its label, so a suggestion never carries a date, amount or reference from elsewhere.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

PLACEHOLDER_RE = re.compile(r"\{\{([a-z_]+)\}\}")


def names(template: str) -> set[str]:
    return set(PLACEHOLDER_RE.findall(template))


def validate(placeholders: Mapping[str, Any], fact_names: frozenset[str]) -> None:
    for name, spec in placeholders.items():
        if not spec.get("fr") or not spec.get("en"):
            raise ValueError(f"placeholders.{name}: fr and en labels are required")
        if "fact" in spec and spec["fact"] not in fact_names:
            raise ValueError(f"placeholders.{name}: unknown case fact {spec['fact']!r}")


def render(rewrite: Mapping[str, str], facts: Any, placeholders: Mapping[str, Any]) -> dict[str, str]:
    """The rewrite in each language with this case's values or the placeholder labels."""
    out: dict[str, str] = {}
    for lang, template in rewrite.items():
        def fill(m: re.Match) -> str:
            spec = placeholders[m.group(1)]
            value = getattr(facts, spec["fact"], None) if "fact" in spec else None
            if value is None or value == "":
                return spec[lang]
            return str(value)
        out[lang] = PLACEHOLDER_RE.sub(fill, template)
    return out
