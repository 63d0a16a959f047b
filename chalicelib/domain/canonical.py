"""Canonical bytes and hashes of ledger records (RFC 8785, JCS).

A record's hash is the lowercase hex SHA-256 of the JCS form of the record without its
``hash`` field. Records are stored in this canonical form so what is read back is
byte-identical to what was hashed.
"""
from __future__ import annotations

import hashlib
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
