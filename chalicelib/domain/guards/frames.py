"""Threat frames: a consequence judged by what it does, not by one phrase.

A frame names slots, each a list of patterns: ``action`` (what would happen: seize,
report, tell, imprison...), and any of ``target`` (what or whom it hits: wages, the
employer, a register), ``agent`` (who would act), ``condition`` (conditioned on
non-payment: "si vous ne payez pas", "à défaut", "unless", "failing payment").
It matches where a non-negated action and every other named slot occur in the same
sentence; a condition may also stand in the sentence before ("Sans réponse de votre
part. Votre employeur sera informé."). ``window`` (optional) keeps the target within that
many words of the action, so the action is about the target and not about another word
of a long sentence. ``target_reach`` (optional, no window) lets the target stand up to that
many sentences before the action ("Nous savons que vous venez de perdre votre mari. Justement :
vous n'avez pas envie d'un procès en plus."). Any wording of each slot combines with any
other, which is what lets a paraphrase be caught without listing whole sentences.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from .negation import NegationScope
from .patterns import AtomIndex, Patterns, TokenAtoms, compile_all

SLOTS = ("action", "target", "agent", "condition")


@dataclass(frozen=True)
class Frame:
    action: Patterns
    others: tuple[tuple[str, Patterns], ...]  # (slot name, patterns): same sentence
    condition: Patterns                    # () = not required
    condition_reach: int                   # sentences back a condition may stand
    window: int | None = None              # target within this many words of the action
    target_reach: int = 0                  # sentences back the target may stand


def compile_frame(where: str, raw: Mapping, index: AtomIndex, classes) -> Frame:
    unknown = set(raw) - set(SLOTS) - {"condition_reach", "window", "target_reach"}
    if unknown:
        raise ValueError(f"{where}: unknown frame slot(s) {sorted(unknown)}")
    if not raw.get("action"):
        raise ValueError(f"{where}: a frame needs an action")
    others = tuple((slot, compile_all(index, raw[slot], classes))
                   for slot in ("target", "agent") if raw.get(slot))
    reach = int(raw.get("condition_reach", 1))
    if not 0 <= reach <= 2:
        raise ValueError(f"{where}: condition_reach must be 0, 1 or 2")
    window = raw.get("window")
    if window is not None and not (isinstance(window, int) and 1 <= window <= 30):
        raise ValueError(f"{where}: window must be an integer from 1 to 30")
    target_reach = raw.get("target_reach", 0)
    if not (isinstance(target_reach, int) and 0 <= target_reach <= 2) or (target_reach and window is not None):
        raise ValueError(f"{where}: target_reach must be 0, 1 or 2, and only without a window")
    return Frame(compile_all(index, raw["action"], classes), others,
                 compile_all(index, raw.get("condition", []), classes), reach, window, target_reach)


def _sentences(ta: TokenAtoms, patterns: Patterns) -> set[int]:
    tokens = ta.tt.tokens
    return {tokens[first].sentence for _src, steps, _n in patterns.startable(ta.present)
            for first, _last in ta.find(steps)}


def _spans(ta: TokenAtoms, patterns: Patterns) -> list[tuple[int, int]]:
    return [(first, last) for _src, steps, _n in patterns.startable(ta.present)
            for first, last in ta.find(steps)]


def _near(action: tuple[int, int], spans: list[tuple[int, int]], window: int) -> bool:
    first, last = action
    # a word is not its own target: "your contact details" holds the action "contact" and the
    # target "your contacts" in the same token
    return any(f - last <= window and first - l <= window and (l < first or f > last) for f, l in spans)


def frame_hits(frames: Sequence[Frame], ta: TokenAtoms,
               negation: NegationScope | None) -> list[tuple[int, int]]:
    """Token (first, last) of each action whose frame is complete."""
    hits: list[tuple[int, int]] = []
    tokens = ta.tt.tokens
    for frame in frames:
        actions = [(f, l) for _src, steps, negatable in frame.action.startable(ta.present)
                   for f, l in ta.find(steps)
                   if not (negatable and negation is not None and negation.negated(ta.tt, f, l))]
        if not actions:
            continue
        needed = [(slot, _sentences(ta, patterns)) for slot, patterns in frame.others]
        if any(not s for _slot, s in needed):
            continue
        targets = None
        if frame.window is not None:
            targets = [sp for slot, patterns in frame.others if slot == "target" for sp in _spans(ta, patterns)]
        cond = _sentences(ta, frame.condition) if frame.condition else None
        if cond is not None and not cond:
            continue
        for first, last in actions:
            sentence = tokens[first].sentence
            if not all(any(sentence - k in s for k in range((frame.target_reach if slot == "target" else 0) + 1))
                       for slot, s in needed):
                continue
            if targets is not None and not _near((first, last), targets, frame.window):
                continue
            if cond is not None and not any(sentence - k in cond for k in range(frame.condition_reach + 1)):
                continue
            hits.append((first, last))
    return hits
