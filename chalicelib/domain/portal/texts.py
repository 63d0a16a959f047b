"""Every text the portal shows, in French (default) and English, as data (texts/portal.json).

A key missing in one language is an error at load time, not a blank on a page.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    data = json.loads((Path(__file__).resolve().parent / "texts" / "portal.json").read_text(encoding="utf-8"))
    keys = {language: set(data[language]) for language in LANGUAGES}
    if keys["fr"] != keys["en"]:
        raise ValueError(f"portal texts differ between languages: {sorted(keys['fr'] ^ keys['en'])}")
    return data


def language_of(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def text(language: str, key: str, **values) -> str:
    template = catalogue()[language_of(language)][key]
    return template.format(**values) if values else template


def texts(language: str) -> dict[str, str]:
    """The whole catalogue of one language (templates read it as ``t``)."""
    return catalogue()[language_of(language)]
