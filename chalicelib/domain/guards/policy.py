"""Tenant policy: settings that can only TIGHTEN the pack's legal floor.

Earlier quiet-hours start, later end, lower caps, longer pauses, warn->block promotion of rule ids and
extra forbidden phrases. ``TenantPolicy.from_dict`` raises ValueError naming the field
when a setting would loosen the floor (or is unknown or malformed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any, Mapping

from .frequency import hhmm_to_minutes

# caps: policy field name == pack param name it tightens (lower is tighter)
_CAPS = ("max_calls_per_day", "max_calls_per_7d", "warn_calls_per_7d", "warn_contacts_per_7d")
# pauses: policy field name == pack param name it tightens (longer is tighter)
_PAUSES = ("conversation_pause_days",)
_LATEST_QUIET_START_FLOOR = "12:00"   # a quiet window cannot start before noon (sanity bound)
_LATEST_QUIET_END = "12:00"
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class TenantPolicy:
    quiet_start: str | None = None          # e.g. "20:00" (floor "21:00")
    quiet_end: str | None = None            # e.g. "09:00" (floor "08:00")
    max_calls_per_day: int | None = None    # floor 2
    max_calls_per_7d: int | None = None     # floor 7
    warn_calls_per_7d: int | None = None    # floor 3
    warn_contacts_per_7d: int | None = None # floor 5
    conversation_pause_days: int | None = None  # floor 7: no call that soon after a conversation
    block_rules: frozenset[str] = frozenset()     # promote these rule ids from warn to block
    forbidden_phrases: tuple[str, ...] = ()       # extra phrases, blocked (TENANT-FORBIDDEN-PHRASE)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], pack=None) -> "TenantPolicy":
        """Validate against ``pack``'s floors (default: the FR pack)."""
        if not isinstance(d, Mapping):
            raise ValueError("policy: must be an object")
        known = {f.name for f in fields(cls)}
        for name in d:
            if name not in known:
                raise ValueError(f"{name}: unknown policy setting")
        if pack is None:
            from .pack import load_pack
            pack = load_pack("FR")
        floor = pack.params
        kw: dict[str, Any] = {}
        if d.get("quiet_start") is not None:
            v = _hhmm("quiet_start", d["quiet_start"])
            if not hhmm_to_minutes(_LATEST_QUIET_START_FLOOR) <= v <= hhmm_to_minutes(floor["quiet_start"]):
                raise ValueError(
                    f"quiet_start: {d['quiet_start']} would shorten the quiet window "
                    f"{floor['quiet_start']}-{floor['quiet_end']} (must be between "
                    f"{_LATEST_QUIET_START_FLOOR} and {floor['quiet_start']})")
            kw["quiet_start"] = d["quiet_start"]
        if d.get("quiet_end") is not None:
            v = _hhmm("quiet_end", d["quiet_end"])
            if not hhmm_to_minutes(floor["quiet_end"]) <= v <= hhmm_to_minutes(_LATEST_QUIET_END):
                raise ValueError(
                    f"quiet_end: {d['quiet_end']} would shorten the quiet window "
                    f"{floor['quiet_start']}-{floor['quiet_end']} (must be between "
                    f"{floor['quiet_end']} and {_LATEST_QUIET_END})")
            kw["quiet_end"] = d["quiet_end"]
        for name in _CAPS:
            if d.get(name) is None:
                continue
            v = d[name]
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise ValueError(f"{name}: must be a non-negative integer")
            if v > floor[name]:
                raise ValueError(f"{name}: {v} is higher than the legal floor {floor[name]}")
            kw[name] = v
        for name in _PAUSES:
            if d.get(name) is None:
                continue
            v = d[name]
            if isinstance(v, bool) or not isinstance(v, int) or not floor[name] <= v <= 90:
                raise ValueError(f"{name}: must be a whole number of days from {floor[name]} (the floor) to 90")
            kw[name] = v
        if d.get("block_rules") is not None:
            rules = d["block_rules"]
            if isinstance(rules, str) or not all(isinstance(r, str) for r in rules):
                raise ValueError("block_rules: must be a list of rule ids")
            known_ids = {r.id for r in pack.rules}
            for r in rules:
                if r not in known_ids:
                    raise ValueError(f"block_rules: unknown rule id {r!r}")
            kw["block_rules"] = frozenset(rules)
        if d.get("forbidden_phrases") is not None:
            phrases = d["forbidden_phrases"]
            if isinstance(phrases, str) or not all(isinstance(p, str) and _WORD_RE.search(p) for p in phrases):
                raise ValueError("forbidden_phrases: must be a list of non-empty phrases")
            kw["forbidden_phrases"] = tuple(phrases)
        return cls(**kw)

    def effective_params(self, base: Mapping[str, Any]) -> dict[str, Any]:
        """The pack params with this policy's (tighter) values applied."""
        out = dict(base)
        if self.quiet_start is not None:
            out["quiet_start"] = self.quiet_start
            if hhmm_to_minutes(out["soft_evening_start"]) > hhmm_to_minutes(self.quiet_start):
                out["soft_evening_start"] = self.quiet_start
        if self.quiet_end is not None:
            out["quiet_end"] = self.quiet_end
        for name in _CAPS:
            v = getattr(self, name)
            if v is not None:
                out[name] = min(v, base[name])
        for name in _PAUSES:
            v = getattr(self, name)
            if v is not None:
                out[name] = max(v, base[name])
        return out


def phrase_pattern(phrase: str) -> str:
    """A tenant phrase as a literal pattern (no pattern-language operators)."""
    return " ".join(_WORD_RE.findall(phrase))


@lru_cache(maxsize=256)
def compile_phrases(pack, phrases: tuple[str, ...]):
    """(AtomIndex, compiled patterns) for a policy's phrases, kept apart from the pack's index."""
    from .patterns import AtomIndex, compile_all
    index = AtomIndex(pack.normaliser)
    return index, compile_all(index, [phrase_pattern(p) for p in phrases], {})


def _hhmm(name: str, value: Any) -> int:
    try:
        return hhmm_to_minutes(value)
    except (ValueError, TypeError):
        raise ValueError(f"{name}: {value!r} is not an HH:MM time") from None
