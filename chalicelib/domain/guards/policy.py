"""Tenant policy: settings that can only TIGHTEN the pack's legal floor.

Earlier quiet-hours start, later end, lower caps, longer pauses, warn->block promotion of rule ids and
extra forbidden phrases (bounded in number and length). ``TenantPolicy.from_dict`` raises
ValueError naming the field when a setting would loosen the floor, alone or together with
the others (the quiet window is compared as a set of minutes), or is unknown or malformed.
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
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


MAX_PHRASES = 50          # forbidden phrases per tenant
MAX_PHRASE_WORDS = 12     # words per phrase (the matcher's depth grows with them)
MAX_PHRASE_CHARS = 200
_DAY = 24 * 60


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
        """Validate against ``pack``'s floors (default: the FR pack), each setting and then the
        settings together: the resulting quiet window must contain the floor's, a daily cap
        cannot exceed the weekly one."""
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
        for name in ("quiet_start", "quiet_end"):
            if d.get(name) is not None:
                _hhmm(name, d[name])
                kw[name] = d[name]
        _check_quiet_window(kw.get("quiet_start"), kw.get("quiet_end"), floor)
        for name in _CAPS:
            if d.get(name) is None:
                continue
            v = d[name]
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise ValueError(f"{name}: must be a non-negative integer")
            if v > floor[name]:
                raise ValueError(f"{name}: {v} is higher than the legal floor {floor[name]}")
            kw[name] = v
        day = kw.get("max_calls_per_day", floor["max_calls_per_day"])
        week = kw.get("max_calls_per_7d", floor["max_calls_per_7d"])
        if day > week:
            name = "max_calls_per_day" if "max_calls_per_day" in kw else "max_calls_per_7d"
            raise ValueError(f"{name}: {day} calls a day cannot exceed {week} calls in 7 days")
        for name in _PAUSES:
            if d.get(name) is None:
                continue
            v = d[name]
            if isinstance(v, bool) or not isinstance(v, int) or not floor[name] <= v <= 90:
                raise ValueError(f"{name}: must be a whole number of days from {floor[name]} (the floor) to 90")
            kw[name] = v
        if d.get("block_rules") is not None:
            rules = d["block_rules"]
            if not isinstance(rules, (list, tuple)) or not all(isinstance(r, str) for r in rules):
                raise ValueError("block_rules: must be a list of rule ids")
            known_ids = {r.id for r in pack.rules}
            for r in rules:
                if r not in known_ids:
                    raise ValueError(f"block_rules: unknown rule id {r[:80]!r}")
            kw["block_rules"] = frozenset(rules)
        if d.get("forbidden_phrases") is not None:
            kw["forbidden_phrases"] = _phrases(d["forbidden_phrases"])
        return cls(**kw)

    @classmethod
    def from_stored(cls, d: Any, pack=None) -> "TenantPolicy":
        """A policy saved before today's bounds existed: the settings that still validate,
        each phrase cut to its first words (a shorter phrase matches more, never less).
        Never raises: a judgement must not fail on an old policy."""
        try:
            return cls.from_dict(d, pack)
        except ValueError:
            pass
        if not isinstance(d, Mapping):
            return cls()
        kept: dict[str, Any] = {}
        phrases = d.get("forbidden_phrases")
        if isinstance(phrases, (list, tuple)):
            cut = [" ".join(_WORD_RE.findall(p)[:MAX_PHRASE_WORDS])[:MAX_PHRASE_CHARS]
                   for p in phrases if isinstance(p, str)]
            kept["forbidden_phrases"] = [p for p in cut if p][:MAX_PHRASES]
        for name, value in d.items():
            if name == "forbidden_phrases":
                continue
            try:
                cls.from_dict({**kept, name: value}, pack)
            except ValueError:
                continue
            kept[name] = value
        for pair in (("quiet_start", "quiet_end"), ("max_calls_per_day", "max_calls_per_7d")):
            try:
                cls.from_dict(kept, pack)
                break
            except ValueError:
                for name in pair:
                    kept.pop(name, None)
        try:
            return cls.from_dict(kept, pack)
        except ValueError:
            return cls()

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


def _quiet_minutes(start: int, end: int) -> set[int]:
    """The minutes of the day in the window [start, end), which may wrap past midnight."""
    if start <= end:
        return set(range(start, end))
    return set(range(start, _DAY)) | set(range(0, end))


def _check_quiet_window(start: str | None, end: str | None, floor: Mapping[str, Any]) -> None:
    """The tenant's quiet window, as a set of minutes, must contain the floor's and leave some
    of the day open: start == end is empty or everything, never a tightening."""
    if start is None and end is None:
        return
    f_start, f_end = hhmm_to_minutes(floor["quiet_start"]), hhmm_to_minutes(floor["quiet_end"])
    q_start = hhmm_to_minutes(start) if start is not None else f_start
    q_end = hhmm_to_minutes(end) if end is not None else f_end
    name = "quiet_start" if start is not None else "quiet_end"
    window = f"{start or floor['quiet_start']}-{end or floor['quiet_end']}"
    if q_start == q_end:
        raise ValueError(f"{name}: the quiet window {window} is empty; it must contain "
                         f"{floor['quiet_start']}-{floor['quiet_end']}")
    legal = _quiet_minutes(f_start, f_end)
    if not legal <= _quiet_minutes(q_start, q_end):
        if not legal <= _quiet_minutes(q_start, f_end):
            name = "quiet_start"
        elif not legal <= _quiet_minutes(f_start, q_end):
            name = "quiet_end"
        raise ValueError(f"{name}: the quiet window {window} would not contain the legal quiet hours "
                         f"{floor['quiet_start']}-{floor['quiet_end']}")


def _phrases(phrases: Any) -> tuple[str, ...]:
    if not isinstance(phrases, (list, tuple)):
        raise ValueError("forbidden_phrases: must be a list of phrases")
    if len(phrases) > MAX_PHRASES:
        raise ValueError(f"forbidden_phrases: at most {MAX_PHRASES} phrases")
    for i, p in enumerate(phrases):
        if not isinstance(p, str) or not _WORD_RE.search(p):
            raise ValueError(f"forbidden_phrases: item {i} must be a non-empty phrase")
        if len(p) > MAX_PHRASE_CHARS or len(_WORD_RE.findall(p)) > MAX_PHRASE_WORDS:
            raise ValueError(f"forbidden_phrases: item {i} is longer than {MAX_PHRASE_WORDS} words "
                             f"or {MAX_PHRASE_CHARS} characters")
    return tuple(phrases)


def _hhmm(name: str, value: Any) -> int:
    try:
        return hhmm_to_minutes(value)
    except (ValueError, TypeError):
        raise ValueError(f"{name}: {value!r} is not an HH:MM time") from None
