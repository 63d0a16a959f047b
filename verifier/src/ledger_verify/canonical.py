"""Canonical bytes and hashes of ledger records (RFC 8785, JCS).

A stored record line is exactly the JCS form of the record: a verifier accepts a line only if
its bytes are identical to the JCS form of what it parses to, so there is one reading of every
line (no duplicate keys, no alternative number forms, escapes or whitespace). The record's hash
is the lowercase hex SHA-256 of the JCS form of the record without its ``hash`` member, i.e. of
the line's own bytes with that member removed.
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Mapping

import rfc8785

ZERO_HASH = "0" * 64
# JCS represents every number as an IEEE 754 double: integers beyond 2**53 - 1 lose their value.
MAX_SAFE_INTEGER = 2**53 - 1


class NotCanonical(ValueError):
    """The text is JSON but not the RFC 8785 form of what it parses to (tampering)."""


class NotJSON(ValueError):
    """The text is not JSON at all (an unusable file rather than an edited record)."""


def canonical_bytes(value: Any) -> bytes:
    """RFC 8785 bytes of a JSON value (ints, floats, str, bool, None, lists, dicts only)."""
    return rfc8785.dumps(value)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_hash(record: Mapping[str, Any]) -> str:
    """Hash of a record: SHA-256 over the JCS form of every member but ``hash``."""
    body = {k: v for k, v in record.items() if k != "hash"}
    return sha256_hex(canonical_bytes(body))


# --- The reference reading (any JSON text) -------------------------------------------


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise NotCanonical(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def _no_constant(name: str):
    raise NotCanonical(f"{name} is not JSON")


def parse_canonical(text: bytes) -> Any:
    """Parse ``text``, which must be exactly the RFC 8785 form of its value.

    Raises NotJSON when it is not JSON, NotCanonical (naming why) when it is JSON in another
    form: duplicate keys, integers beyond 2**53 - 1, other number forms, escapes, whitespace or
    key order.
    """
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except NotCanonical:
        raise
    except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError is a ValueError
        raise NotJSON(str(exc)) from None
    try:
        canonical = canonical_bytes(value)
    except (TypeError, ValueError, OverflowError, rfc8785.CanonicalizationError) as exc:
        raise NotCanonical(f"has no RFC 8785 form: {exc}") from None
    if canonical != text:
        at = next((i for i, (a, b) in enumerate(zip(canonical, text)) if a != b), min(len(canonical), len(text)))
        raise NotCanonical(f"not in RFC 8785 form (differs at byte {at}: number form, escape, whitespace or key order)")
    return value


# --- Fast readings, used only where they provably give the same bytes -----------------

try:  # optional accelerator for large journals; the results are identical without it
    import orjson
except ImportError:  # pragma: no cover - the standard-library path below is complete on its own
    orjson = None

# In compact JSON a number is either an object member's value (right after `":`) or an array
# element (right after `[` or `,`: in an object a `,` is always followed by a key's quote).
# These find the lines with a fraction, an exponent or 16+ digits in a member, or any number in
# an array: JCS writes doubles as ECMAScript does (1e+21, 45000 for 45000.0), which neither
# orjson nor Python's json always reproduces, so those lines' numbers are checked one by one
# (_numbers_are_jcs) before a fast reading may vouch for the line. Three literal-prefixed patterns: far faster
# than one alternation over ~1 KB lines. A match inside a string is a false alarm, never a miss.
_UNSAFE_NUMBERS = (re.compile(rb'":-?\d+(?:[.eE]|\d{15})'), re.compile(rb'\[-?\d'), re.compile(rb',-?\d'))
# Characters outside the Basic Multilingual Plane (4-byte UTF-8) sort differently by code point
# (orjson, Python) and by UTF-16 code unit (JCS); below U+10000 both orders agree.
_ASTRAL = re.compile(rb"[\xf0-\xff]")


def lines_with_unsafe_numbers(text: bytes) -> set[int]:
    """Indexes (0-based, split on \\n) of the lines of ``text`` whose numbers need checking.
    One pass over many lines costs far less than one search per line; no pattern crosses a line
    end, so a line is flagged here exactly when it would be alone."""
    flagged, line, at = set(), 0, 0
    for position in sorted(m.start() for p in _UNSAFE_NUMBERS for m in p.finditer(text)):
        line += text.count(b"\n", at, position)  # counted between matches only: linear in the text
        at = position
        flagged.add(line)
    return flagged


def _numbers_are_jcs(value) -> bool:
    """Every float of the parsed value is written by orjson exactly as RFC 8785 writes it
    (ECMAScript's shortest form: orjson differs for integral values and some exponents), and
    every integer is within 2**53 - 1. Walks the value, so text inside strings never misleads."""
    kind = type(value)
    if kind is dict:
        return all(_numbers_are_jcs(v) for v in value.values())
    if kind is list:
        return all(_numbers_are_jcs(v) for v in value)
    if kind is float:
        try:
            return canonical_bytes(value) == orjson.dumps(value)
        except rfc8785.CanonicalizationError:
            return False
    if kind is int:
        return -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER
    return True


def _orjson_reading(line: bytes, plain_numbers: bool) -> tuple[dict, str] | None:
    """For a line without astral characters, orjson's sorted compact output is the JCS form
    (same key order, same string escapes, same integers; floats where _numbers_are_jcs says so;
    checked by tests/unit/test_canonical_fast_path.py), so output == line proves the line
    canonical. ``plain_numbers``: the line has no fraction, exponent or 16-digit number."""
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if type(record) is not dict or orjson.dumps(record, option=orjson.OPT_SORT_KEYS) != line:
        return None
    if not plain_numbers and not _numbers_are_jcs(record):
        return None
    body = record.copy()
    body.pop("hash", None)
    return record, hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


class _Unsafe(Exception):
    pass


def _float_seen(text: str):
    raise _Unsafe(text)


def _int_checked(text: str) -> int:
    value = int(text)
    if abs(value) > MAX_SAFE_INTEGER:
        raise _Unsafe(text)
    return value


def _stdlib_reading(line: bytes) -> tuple[dict, str] | None:
    """Same argument with Python's C encoder (sorted keys, no spaces, no ASCII escaping)."""
    try:
        record = json.loads(line, parse_float=_float_seen, parse_int=_int_checked)
    except (_Unsafe, ValueError, UnicodeDecodeError):
        return None
    if type(record) is not dict:
        return None
    dump = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode
    if dump(record).encode() != line:
        return None
    body = record.copy()
    body.pop("hash", None)
    return record, hashlib.sha256(dump(body).encode()).hexdigest()


def read_record_line(line: bytes, numbers_checked: bool = False) -> tuple[dict, str]:
    """(record, hash) of one stored record line, which must be byte-identical to its JCS form.

    A fast reading proves canonicity by byte equality where its serialiser provably writes JCS
    (with orjson: floats and large integers too, once each such token is checked to be in JCS
    form); any line it cannot vouch for (an astral character, a number in another form, or a
    fault) is read by the reference canonicaliser, that line only. Raises NotCanonical or NotJSON.

    ``numbers_checked``: the caller already knows the line has no unsafe number
    (``lines_with_unsafe_numbers`` over a whole chunk).
    """
    if line.isascii() or not _ASTRAL.search(line):
        plain_numbers = numbers_checked or not any(p.search(line) for p in _UNSAFE_NUMBERS)
        reading = None
        if orjson is not None:
            reading = _orjson_reading(line, plain_numbers)
        elif orjson is None and plain_numbers:  # Python writes floats its own way: those go below
            reading = _stdlib_reading(line)
        if reading is not None:
            return reading
    record = parse_canonical(line)
    if not isinstance(record, dict):
        raise NotCanonical("a record is a JSON object")
    return record, record_hash(record)
