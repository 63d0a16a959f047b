"""HTTP edge helpers for app.py: strict JSON bodies, query parameters, and error responses.

Every failure becomes a JSON body {error, message, details: [{pointer, message}]}; only a bug
yields a 500, and then without any request data in the body or the logs.
"""
from __future__ import annotations

import functools
import json
import math
from typing import Any, Callable

from functools import lru_cache

from chalice import Response

from .domain.errors import (
    BusinessRuleViolation, Conflict, FieldError, Forbidden, GuardBlocked, LedgerError, MalformedRequest, NotFound,
    RequestTooLarge, TooManyFailures, Unauthenticated, Unavailable, UnsupportedMediaType, ValidationFailed,
)



@lru_cache(maxsize=1)
def logger():
    """Powertools' structured JSON logger, built on first use (keeps `import app` light)."""
    from aws_lambda_powertools import Logger

    return Logger(service="amiable-ledger")

MAX_BODY_BYTES = 256 * 1024

STATUS = {
    MalformedRequest: 400,
    Unauthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    RequestTooLarge: 413,
    TooManyFailures: 429,
    UnsupportedMediaType: 415,
    ValidationFailed: 422,
    BusinessRuleViolation: 422,
    GuardBlocked: 422,
    Unavailable: 503,
}


def json_response(body: Any, status: int = 200, headers: dict | None = None) -> Response:
    return Response(
        body=json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        status_code=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def error_response(error: LedgerError) -> Response:
    status = next((code for cls, code in STATUS.items() if isinstance(error, cls)), 500)
    headers = {}
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="amiable-ledger"'
    if status in (429, 503):
        headers["Retry-After"] = str(getattr(error, "retry_after", 2))
    body = {"error": error.code, "message": error.message, "details": [d.to_dict() for d in error.details],
            **error.extra()}
    return json_response(body, status, headers)


def handled(fn: Callable) -> Callable:
    """Map domain errors to JSON responses; anything else is a logged 500 (a bug)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except LedgerError as error:
            logger().info("request refused", extra={"error": error.code})
            return error_response(error)
        except Exception:  # noqa: BLE001 - the last line of defence, by design
            logger().exception("unhandled error")
            return json_response({"error": "internal_error", "message": "internal error", "details": []}, 500)

    return wrapper


def _reject_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise MalformedRequest(f"duplicate key {key!r}", [FieldError("/" + key, "duplicate key")])
        obj[key] = value
    return obj


def _reject_constant(name):
    raise MalformedRequest(f"{name} is not valid JSON", [FieldError("", f"{name} is not allowed")])


# I-JSON (RFC 7493 section 2.2): only integers in [-(2**53-1), 2**53-1] are exact in every
# JSON implementation, and RFC 8785 (request hashes, record hashes) refuses the rest. A number
# past the range is kept as an _Unsafe marker by the parser hooks and refused with its JSON
# Pointer before anything hashes or stores the body.
MAX_SAFE_INTEGER = 2**53 - 1


class _Unsafe:
    __slots__ = ("why",)

    def __init__(self, why: str):
        self.why = why


def _parse_int(text: str):
    # the length test first: int() of a 5000-digit string raises ValueError (int_max_str_digits)
    if len(text.lstrip("-")) > len(str(MAX_SAFE_INTEGER)) or abs(int(text)) > MAX_SAFE_INTEGER:
        return _Unsafe("integer outside the interoperable range [-(2^53-1), 2^53-1]")
    return int(text)


def _parse_float(text: str):
    value = float(text)
    if not math.isfinite(value):  # 1e400 parses as inf, which no JSON text can carry back
        return _Unsafe("number too large to be represented (not finite)")
    return value


def _escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _check_numbers(value: Any) -> None:
    """Every number the hooks marked, each named by its JSON Pointer (iterative: no depth limit)."""
    errors: list[FieldError] = []
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        pointer, item = stack.pop()
        if isinstance(item, _Unsafe):
            errors.append(FieldError(pointer, item.why))
        elif isinstance(item, dict):
            stack.extend((f"{pointer}/{_escape_pointer(k)}", v) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in enumerate(item))
    if errors:
        raise ValidationFailed(sorted(errors, key=lambda e: e.pointer)[:50])


def _check_text(value: Any, pointer: str = "") -> None:
    """Lone surrogates cannot be canonicalised (RFC 8785) or stored: refuse them up front."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise MalformedRequest("invalid unicode in a string", [FieldError(pointer, "invalid unicode")]) from None
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_text(k, pointer)
            _check_text(v, f"{pointer}/{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_text(v, f"{pointer}/{i}")


def parse_json_body(raw: bytes | None, content_type: str | None) -> Any:
    raw = raw or b""
    if len(raw) > MAX_BODY_BYTES:
        raise RequestTooLarge(f"body exceeds {MAX_BODY_BYTES} bytes", [FieldError("", "body too large")])
    media = (content_type or "").split(";")[0].strip().lower()
    if media != "application/json":
        raise UnsupportedMediaType("Content-Type must be application/json",
                                   [FieldError("header Content-Type", f"got {media or 'nothing'}")])
    if not raw.strip():
        raise MalformedRequest("empty body", [FieldError("", "a JSON object is required")])
    try:
        text = raw.decode("utf-8")
        value = json.loads(text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant,
                           parse_int=_parse_int, parse_float=_parse_float)
    except UnicodeDecodeError:
        raise MalformedRequest("body is not UTF-8", [FieldError("", "not UTF-8")]) from None
    except json.JSONDecodeError as exc:
        raise MalformedRequest(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                               [FieldError("", "malformed JSON")]) from None
    except RecursionError:
        raise MalformedRequest("JSON nested too deeply", [FieldError("", "too deep")]) from None
    _check_numbers(value)
    if not isinstance(value, dict):
        raise ValidationFailed([FieldError("", "must be a JSON object")])
    _check_text(value)
    return value


def int_param(params: dict | None, name: str, default: int, low: int, high: int) -> int:
    raw = (params or {}).get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationFailed([FieldError(f"query {name}", "must be an integer")]) from None
    if not low <= value <= high:
        raise ValidationFailed([FieldError(f"query {name}", f"must be between {low} and {high}")])
    return value


def header(request, name: str) -> str | None:
    headers = request.headers or {}
    return headers.get(name) or headers.get(name.lower())


MAX_FORM_BYTES = 64 * 1024  # a PSP notification is a few kilobytes


def parse_form_body(raw: bytes | None, content_type: str | None, max_fields: int = 32) -> dict[str, str]:
    """An application/x-www-form-urlencoded body (a PSP's notification) as {name: value}:
    bounded, UTF-8, each field at most once."""
    from urllib.parse import parse_qsl

    raw = raw or b""
    if len(raw) > MAX_FORM_BYTES:
        raise RequestTooLarge(f"body exceeds {MAX_FORM_BYTES} bytes", [FieldError("", "body too large")])
    media = (content_type or "").split(";")[0].strip().lower()
    if media != "application/x-www-form-urlencoded":
        raise UnsupportedMediaType("Content-Type must be application/x-www-form-urlencoded",
                                   [FieldError("header Content-Type", f"got {media or 'nothing'}")])
    try:
        pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(raw),
                          max_num_fields=max_fields, errors="strict")
    except UnicodeDecodeError:
        raise MalformedRequest("body is not UTF-8", [FieldError("", "not UTF-8")]) from None
    except ValueError:
        raise MalformedRequest("malformed form body", [FieldError("", "not a form (or too many fields)")]) from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        if name in fields:
            raise MalformedRequest(f"{name} is given twice", [FieldError(name, "duplicate field")])
        fields[name] = value
    return fields

