"""API keys: random secrets stored only as SHA-256 hashes, each bound to one tenant and role.

A key reads ``alk.<key_id>.<secret>``: the id finds the record in one GetItem, the secret is
compared in constant time with the stored hash.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

from ..adapters.dynamo import ConditionFailed
from ..domain.errors import FieldError, Forbidden, NotFound, TooManyFailures, Unauthenticated, ValidationFailed
from .runtime import Runtime

ROLES = ("collector", "auditor", "dpo", "admin")
_KEY_RE = re.compile(r"alk\.(k[0-9a-f]{16})\.([A-Za-z0-9_-]{43})")
_TENANT_RE = re.compile(r"[a-z0-9][a-z0-9-]{1,62}")


@dataclass(frozen=True)
class Principal:
    tenant_id: str
    role: str
    key_id: str

    def actor(self) -> dict:
        return {"key_id": self.key_id, "role": self.role}


def _secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_key(rt: Runtime, tenant_id: str, role: str) -> tuple[str, str]:
    """Returns (key_id, full key). The full key is shown once and never stored."""
    if role not in ROLES:
        raise ValidationFailed([FieldError("/role", f"must be one of {', '.join(ROLES)}")])
    if not _TENANT_RE.fullmatch(tenant_id):
        raise ValidationFailed([FieldError("/tenant", "lowercase letters, digits and '-', 2 to 63 characters")])
    for _ in range(3):
        key_id = "k" + secrets.token_hex(8)
        secret = secrets.token_urlsafe(32)
        try:
            rt.auth.put_new(key_id, {
                "secret_sha256": _secret_hash(secret),
                "tenant_id": tenant_id,
                "role": role,
                "created_at": rt.clock.now().isoformat(),
            })
        except ConditionFailed:
            continue
        rt.lookup.put("__tenants__", tenant_id)  # scheduled jobs (retention) walk the tenants
        return key_id, f"alk.{key_id}.{secret}"
    raise RuntimeError("could not allocate a key id")


def revoke_api_key(rt: Runtime, key_id: str, tenant_id: str | None = None) -> None:
    item = rt.auth.get(key_id)
    if item is None or (tenant_id is not None and item["tenant_id"] != tenant_id):
        raise NotFound(f"no API key {key_id}")
    rt.auth.set_revoked(key_id, rt.clock.now().isoformat())


def authenticate(rt: Runtime, authorization: str | None, source: str | None = None) -> Principal:
    """The key's principal. Failed attempts are counted per source and minute; past the limit
    the answer is 429 (Retry-After) instead of 401. Successful requests cost no extra call."""
    try:
        return _authenticate(rt, authorization)
    except Unauthenticated:
        if source:
            minute = int(time.time() // 60)
            bucket = "__failures__#" + hashlib.sha256(source.encode()).hexdigest()[:32] + f"#{minute}"
            if rt.auth.count_failure(bucket, (minute + 2) * 60) > rt.settings.auth_failures_per_minute:
                raise TooManyFailures("too many failed authentications from this source; retry later") from None
        raise


def _authenticate(rt: Runtime, authorization: str | None) -> Principal:
    if not authorization:
        raise Unauthenticated("missing Authorization header (Bearer API key)")
    scheme, _, token = authorization.strip().partition(" ")
    match = _KEY_RE.fullmatch(token.strip()) if scheme.lower() == "bearer" else None
    if not match:
        raise Unauthenticated("malformed API key")
    key_id, secret = match.groups()
    item = rt.auth.get(key_id)
    # Compare even when the key is unknown so timing does not tell which ids exist.
    stored = item["secret_sha256"] if item else "0" * 64
    if not hmac.compare_digest(stored, _secret_hash(secret)) or item is None or "revoked_at" in item:
        raise Unauthenticated("invalid or revoked API key")
    return Principal(item["tenant_id"], item["role"], key_id)


def require_role(principal: Principal, *roles: str) -> None:
    if principal.role not in roles:
        raise Forbidden(f"role {principal.role!r} may not do this (needs {' or '.join(roles)})")
