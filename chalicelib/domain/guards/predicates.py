"""The declarative predicate language of the rule pack (conditions on case facts).

    {"all": [p, ...]}  {"any": [p, ...]}  {"not": p}
    {"fact": "has_title", "eq": false}          a CaseFacts field
    {"comm": "channel", "in": ["call", "sms"]}  a Communication field
    {"derived": "calls_today", "gt": {"param": "max_calls_per_day"}}
                                                a value computed by the engine
    operators: eq, ne, in, not_in, gt, gte, lt, lte, is_null (true/false)
    a right-hand side {"param": name} reads the effective (policy-tightened) params.

Predicates are checked when the pack loads (unknown operand or operator: ValueError).
"""
from __future__ import annotations

import operator
from collections.abc import Mapping   # not typing's alias: its isinstance is slower, same answer
from dataclasses import fields
from typing import Any, Callable

from .context import CaseFacts, Communication

_SOURCES = ("fact", "comm", "derived")
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "in": lambda a, b: a in b,
    "not_in": lambda a, b: a not in b,
    "gt": lambda a, b: a is not None and a > b,
    "gte": lambda a, b: a is not None and a >= b,
    "lt": lambda a, b: a is not None and a < b,
    "lte": lambda a, b: a is not None and a <= b,
    "is_null": lambda a, b: (a is None) == bool(b),
}
_FACT_FIELDS = frozenset(f.name for f in fields(CaseFacts))
_COMM_FIELDS = frozenset(f.name for f in fields(Communication))


class Env:
    """What a predicate can read."""

    __slots__ = ("facts", "comm", "derived", "params")

    def __init__(self, facts: CaseFacts, comm: Communication,
                 derived: Mapping[str, Any], params: Mapping[str, Any]):
        self.facts, self.comm, self.derived, self.params = facts, comm, derived, params


def validate(pred: Any, derived_names: frozenset[str], param_names: frozenset[str],
             where: str) -> None:
    if not isinstance(pred, Mapping):
        raise ValueError(f"{where}: predicate must be an object")
    if "all" in pred or "any" in pred:
        key = "all" if "all" in pred else "any"
        for i, p in enumerate(pred[key]):
            validate(p, derived_names, param_names, f"{where}.{key}[{i}]")
        return
    if "not" in pred:
        validate(pred["not"], derived_names, param_names, f"{where}.not")
        return
    source = [s for s in _SOURCES if s in pred]
    if len(source) != 1:
        raise ValueError(f"{where}: need exactly one of fact/comm/derived")
    name = pred[source[0]]
    allowed = {"fact": _FACT_FIELDS, "comm": _COMM_FIELDS, "derived": derived_names}[source[0]]
    if name not in allowed:
        raise ValueError(f"{where}: unknown {source[0]} {name!r}")
    ops = [k for k in pred if k in _OPS]
    if len(ops) != 1 or len(pred) != 2:
        raise ValueError(f"{where}: need exactly one operator of {sorted(_OPS)}")
    rhs = pred[ops[0]]
    if isinstance(rhs, Mapping):
        if set(rhs) != {"param"} or rhs["param"] not in param_names:
            raise ValueError(f"{where}: bad param reference {rhs!r}")


def evaluate(pred: Mapping[str, Any] | None, env: Env) -> bool:
    if pred is None:
        return True
    if "all" in pred:
        return all(evaluate(p, env) for p in pred["all"])
    if "any" in pred:
        return any(evaluate(p, env) for p in pred["any"])
    if "not" in pred:
        return not evaluate(pred["not"], env)
    for op, fn in _OPS.items():
        if op in pred:
            rhs = pred[op]
            if isinstance(rhs, Mapping):
                rhs = env.params[rhs["param"]]
            return fn(_lhs(pred, env), rhs)
    raise ValueError(f"predicate without operator: {pred!r}")


def _lhs(pred: Mapping[str, Any], env: Env) -> Any:
    if "fact" in pred:
        return getattr(env.facts, pred["fact"])
    if "comm" in pred:
        return getattr(env.comm, pred["comm"])
    return env.derived.get(pred["derived"])
