"""The FR/EN texts of GDPR answers, as data (texts/<jurisdiction>.json), like the guards' packs.

Loaded once per process and handed out as deep copies, so no caller can alter another's answer.
"""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

KINDS = ("access", "portability", "rectification", "erasure", "restriction", "objection")
_DIR = Path(__file__).resolve().parent / "texts"
_SECTIONS = ("kind_labels", "purposes", "legal_bases", "retention", "recipients", "source", "rights",
             "answer_deadline", "automated_decisions", "basis", "reasons")


@lru_cache(maxsize=4)
def _load(jurisdiction: str) -> dict[str, Any]:
    texts = json.loads((_DIR / f"{jurisdiction.lower()}.json").read_text(encoding="utf-8"))
    missing = [s for s in _SECTIONS if s not in texts]
    if missing:
        raise ValueError(f"GDPR texts for {jurisdiction}: missing sections {missing}")
    if set(texts["kind_labels"]) != set(KINDS):
        raise ValueError(f"GDPR texts for {jurisdiction}: kind_labels must cover {KINDS}")
    return texts


def gdpr_texts(jurisdiction: str = "FR") -> dict[str, Any]:
    """A private copy of the jurisdiction's texts."""
    return copy.deepcopy(_load(jurisdiction))


def section(name: str, jurisdiction: str = "FR") -> Any:
    return copy.deepcopy(_load(jurisdiction)[name])


def phrase(key: str, jurisdiction: str = "FR", **values: Any) -> tuple[str, str]:
    """(French, English) of a reason phrase, its placeholders filled."""
    entry = _load(jurisdiction)["reasons"][key]
    return entry["fr"].format(**values), entry["en"].format(**values)


def basis(key: str, jurisdiction: str = "FR", **values: Any) -> dict[str, Any]:
    """A legal basis entry {article, text_fr, text_en[, until]} with its placeholders filled."""
    entry = copy.deepcopy(_load(jurisdiction)["basis"][key])
    entry["text_fr"] = entry["text_fr"].format(**values)
    entry["text_en"] = entry["text_en"].format(**values)
    if "until" in values:
        entry["until"] = values["until"]
    return entry
