"""Event types: their JSON Schemas (2020-12), validation with JSON-Pointer errors, and the
split of an event's data into clear facts and personal fields.

Schemas live in ``schemas/`` at the repository root (bundled into ``chalicelib/_schemas`` for
the Lambda package). A property annotated ``"x-personal": "debtor" | "recipient"`` is personal
data or free text: it is sealed to that subject's key and never stored in clear.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import FieldError, ValidationFailed

SCHEMA_DIRS = (
    Path(__file__).resolve().parents[2] / "schemas",
    Path(__file__).resolve().parents[1] / "_schemas",
)
GENESIS = "case.opened"
MAX_AMOUNT = 10_000_000_000_000


def _schema_dir() -> Path:
    for candidate in SCHEMA_DIRS:
        if (candidate / "events").is_dir():
            return candidate
    raise RuntimeError("JSON Schemas not found (run `make package` to bundle them)")


# --- formats and types ---------------------------------------------------------------------
# jsonschema is imported on first validation, not at module import: read-only routes of a
# cold Lambda never pay for it.

# Plausible years only: a collection ledger has no business before 1900 or after 2999, and
# instants at the edge of datetime's range cannot even be converted to UTC.
MIN_YEAR, MAX_YEAR = 1900, 2999


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    return MIN_YEAR <= date.fromisoformat(value).year <= MAX_YEAR  # raises on 2025-02-30


_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})")


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str) or not _RFC3339.fullmatch(value):
        return False
    try:
        return MIN_YEAR <= parse_instant(value).astimezone(ZoneInfo("UTC")).year <= MAX_YEAR
    except OverflowError:  # e.g. 0001-01-01T00:00:00+00:01 falls before year 1 in UTC
        return False


def _is_email(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[^@\s]{1,64}@[^@\s]+\.[^@\s]+", value) is not None


def _is_timezone(value: object) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z_]+(/[A-Za-z0-9_+-]+){0,2}", value):
        return False
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _strict_integer(_checker, value) -> bool:
    # JSON Schema counts 100.0 as an integer; amounts must be real integers, never floats.
    return isinstance(value, int) and not isinstance(value, bool)


@lru_cache(maxsize=1)
def _validator_class():
    """Draft 2020-12 with real integers and our format checks (date, date-time, email, tz)."""
    import jsonschema
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("date", raises=ValueError)(_is_date)
    checker.checks("date-time", raises=ValueError)(_is_date_time)
    checker.checks("email")(_is_email)
    checker.checks("iana-timezone")(_is_timezone)
    cls = jsonschema.validators.extend(
        Draft202012Validator,
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integer),
    )
    return cls, checker


def parse_instant(value: str) -> datetime:
    """An RFC 3339 timestamp as an aware datetime (fractional seconds cut to microseconds)."""
    text = value.replace("z", "Z").replace("t", "T")
    match = re.match(r"(.*T\d{2}:\d{2}:\d{2})(\.\d+)?(.*)", text)
    if match and match.group(2):
        text = match.group(1) + match.group(2)[:7] + match.group(3)
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError("timestamp without offset")
    return parsed


def format_instant(moment: datetime) -> str:
    """UTC, RFC 3339, 'Z', microseconds only when present: one spelling per instant."""
    utc = moment.astimezone(ZoneInfo("UTC"))
    spec = "microseconds" if utc.microsecond else "seconds"
    return utc.replace(tzinfo=None).isoformat(timespec=spec) + "Z"


# --- schema catalogue ----------------------------------------------------------------------

@dataclass(frozen=True)
class EventType:
    name: str
    schema: dict
    validator: Any


@lru_cache(maxsize=1)
def catalogue() -> dict[str, EventType]:
    from referencing import Registry, Resource

    cls, checker = _validator_class()
    root = _schema_dir()
    common = json.loads((root / "common.json").read_text())
    registry = Registry().with_resource(common["$id"], Resource.from_contents(common))
    types = {}
    for path in sorted((root / "events").glob("*.json")):
        schema = json.loads(path.read_text())
        name = path.name[: -len(".json")]
        validator = cls(schema, registry=registry, format_checker=checker)
        types[name] = EventType(name, schema, validator)
    return types


@lru_cache(maxsize=None)
def api_validator(name: str):
    cls, checker = _validator_class()
    schema = json.loads((_schema_dir() / "api" / f"{name}.json").read_text())
    return cls(schema, format_checker=checker)


def event_type(name: str, pointer: str = "/type") -> EventType:
    try:
        return catalogue()[name]
    except KeyError:
        raise ValidationFailed([FieldError(pointer, f"unknown event type {name!r}")]) from None


def validate(validator, instance: Any, prefix: str = "") -> None:
    """Raise ValidationFailed listing every offending field as a JSON Pointer."""
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise ValidationFailed([_field_error(e, prefix) for e in errors])


def _pointer(parts) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _field_error(error, prefix: str) -> FieldError:
    """A message that names the rule broken but never echoes the submitted value (it may be
    personal data, and error bodies end up in logs)."""
    path = list(error.absolute_path)
    rule, expected = error.validator, error.validator_value
    if rule == "required":
        missing = [n for n in expected if isinstance(error.instance, dict) and n not in error.instance]
        path.append(missing[0] if missing else "")
        message = "is required"
    elif rule == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        path.append(extra[0] if extra else "")
        message = "unknown field" if len(extra) <= 1 else f"unknown fields: {', '.join(extra)}"
    elif isinstance(error.schema, dict) and "x-message" in error.schema:  # a schema's own wording
        message = error.schema["x-message"]
    else:
        message = _RULE_MESSAGES.get(rule, "is invalid ({rule})").format(rule=rule, expected=expected)
    if rule == "type" and expected == "integer":
        message = "must be an integer (amounts are integer cents, never decimals)"
    return FieldError(prefix + _pointer(path), message)


_RULE_MESSAGES = {
    "type": "must be of type {expected}",
    "enum": "must be one of {expected}",
    "const": "must be {expected!r}",
    "format": "is not a valid {expected}",
    "pattern": "does not have the expected form",
    "minLength": "must have at least {expected} characters",
    "maxLength": "must have at most {expected} characters",
    "minimum": "must be at least {expected}",
    "maximum": "must be at most {expected}",
    "minItems": "must have at least {expected} items",
    "maxItems": "must have at most {expected} items",
}


# --- personal fields -----------------------------------------------------------------------

def personal_pointers(schema: dict, data: Any, base: str = "") -> Iterator[tuple[str, str]]:
    """(JSON Pointer, subject role) of each personal field present in ``data``."""
    if isinstance(data, dict):
        props = schema.get("properties", {})
        for key, value in data.items():
            sub = props.get(key, {})
            pointer = f"{base}/{key}"
            if "x-personal" in sub:
                yield pointer, sub["x-personal"]
            else:
                yield from personal_pointers(sub, value, pointer)
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for i, value in enumerate(data):
            yield from personal_pointers(schema["items"], value, f"{base}/{i}")


def split_personal(event: EventType, data: dict) -> tuple[dict, dict[str, dict[str, Any]]]:
    """Split data into (clear facts, {role: {pointer: value}}) following the schema marks."""
    clear = json.loads(json.dumps(data))
    personal: dict[str, dict[str, Any]] = {}
    for pointer, role in list(personal_pointers(event.schema, data)):
        parent, key = _resolve_parent(clear, pointer)
        personal.setdefault(role, {})[pointer] = parent.pop(key)
    return clear, personal


def merge_personal(clear: dict, fields: dict[str, Any]) -> dict:
    """Put decrypted personal fields back at their pointers (in place; returns ``clear``)."""
    for pointer, value in fields.items():
        parent, key = _resolve_parent(clear, pointer, create=True)
        parent[key] = value
    return clear


def _resolve_parent(doc: Any, pointer: str, create: bool = False):
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    node = doc
    for part in parts[:-1]:
        if isinstance(node, list):
            node = node[int(part)]
        else:
            if create and part not in node:
                node[part] = {}
            node = node[part]
    last = parts[-1]
    return node, (int(last) if isinstance(node, list) else last)
