"""Canonical bytes and hashes of ledger records (RFC 8785, JCS).

A record's hash is the lowercase hex SHA-256 of the JCS form of the record without its
``hash`` field. Records are stored in this canonical form so what is read back is
byte-identical to what was hashed.
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Mapping

import rfc8785

ZERO_HASH = "0" * 64


def canonical_bytes(value: Any) -> bytes:
    """RFC 8785 bytes of a JSON value (ints, str, bool, None, lists, dicts only)."""
    return rfc8785.dumps(value)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_hash(record: Mapping[str, Any]) -> str:
    """Hash of a record: SHA-256 over the JCS form of every field but ``hash``."""
    body = {k: v for k, v in record.items() if k != "hash"}
    return sha256_hex(canonical_bytes(body))


_MAX_SAFE_INT = 2**53 - 1


class _Unsafe(Exception):
    """The fast path cannot vouch for this text; use the reference canonicaliser."""


def _float_seen(text: str):
    raise _Unsafe(text)


def _int_checked(text: str) -> int:
    value = int(text)
    if abs(value) > _MAX_SAFE_INT:
        raise _Unsafe(text)
    return value


try:  # optional accelerator for the offline verifier (auditors' machines); the Lambda never needs it
    import orjson
except ImportError:  # pragma: no cover - the pure-Python path below is complete on its own
    orjson = None

# In compact JSON a number is either an object member's value (right after `":`) or an array
# element (right after `[` or `,`: in an object a `,` is always followed by a key's quote).
# Records with a fraction, an exponent or 16+ digits in a member, or with any number in an
# array, take the reference canonicaliser. Three literal-prefixed patterns: far faster than one
# alternation over ~1 KB lines.
_UNSAFE_NUMBERS = (re.compile(rb'":-?\d+(?:[.eE]|\d{15})'), re.compile(rb'\[-?\d'), re.compile(rb',-?\d'))


def lines_with_unsafe_numbers(text: bytes) -> set[int]:
    """Indexes (0-based, split on \\n) of the lines of ``text`` that must not take orjson's fast
    path. One pass over many lines costs far less than one search per line; no pattern crosses
    a line end, so a line is flagged here exactly when it would be flagged on its own."""
    return {text.count(b"\n", 0, m.start()) for p in _UNSAFE_NUMBERS for m in p.finditer(text)}


def parse_and_hash(line: bytes, numbers_checked: bool = False) -> tuple[dict, str]:
    """Parse one stored record and compute its hash, fast where that is provably the same.

    With orjson: an ASCII line that is exactly orjson's sorted compact form of itself and has no
    fractional, exponent or 16-digit number is already its JCS form (same key order, escapes and
    integers), so the hash input is orjson's output without the `hash` member.

    For ASCII-only text with no floats and only safe integers, Python's C JSON encoder with
    sorted keys and no spaces produces exactly the RFC 8785 bytes (same key order for ASCII
    keys, same escapes, same integer form), so it replaces the pure-Python canonicaliser.
    Anything else (non-ASCII, floats, huge integers) goes through ``rfc8785``.

    ``numbers_checked``: the caller already knows the line has no unsafe number
    (``lines_with_unsafe_numbers`` over a whole chunk).
    """
    if orjson is not None and line.isascii() and (numbers_checked or not any(p.search(line) for p in _UNSAFE_NUMBERS)):
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            record = None
        if isinstance(record, dict) and orjson.dumps(record, option=orjson.OPT_SORT_KEYS) == line:
            body = {k: v for k, v in record.items() if k != "hash"}
            return record, hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()
    if line.isascii():
        try:
            record = json.loads(line, parse_float=_float_seen, parse_int=_int_checked)
        except _Unsafe:
            record = None
        if isinstance(record, dict):
            body = {k: v for k, v in record.items() if k != "hash"}
            text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            return record, hashlib.sha256(text.encode()).hexdigest()
    record = json.loads(line)
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    return record, record_hash(record)
