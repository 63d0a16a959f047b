"""Per-tenant secrets (blind-index HMAC key, record-authentication key), wrapped by the KEK
in the keys table and cached per process: they protect look-ups and authenticity, not a data
subject's data, and erasure never destroys them."""
from __future__ import annotations

import hashlib
import hmac

from ..adapters.dynamo import ConditionFailed
from ..domain.crypto import b64d, b64e
from ..domain.errors import Unavailable
from .runtime import Runtime

BLIND_INDEX = "__blind_index_key__"
RECORD_MAC = "__record_mac_key__"


def tenant_secret(rt: Runtime, tenant_id: str, name: str) -> bytes:
    cache_key = (tenant_id, name)
    cached = rt.index_keys.get(cache_key)
    if cached:
        return cached
    pk = f"{tenant_id}#{name}"
    context = {"app": "amiable-ledger", "tenant": tenant_id, "subject": name, "purpose": "tenant-secret"}
    item = rt.keys.get(pk)
    if item is None:
        secret = rt.entropy(32)
        try:
            rt.keys.put_new(pk, {"wrapped": b64e(rt.key_provider.wrap(secret, context)), "kek_id": rt.key_provider.kek_id})
        except ConditionFailed:
            item = rt.keys.get(pk)  # another writer created it first: use theirs
        else:
            rt.index_keys.put(cache_key, secret)
            return secret
    if item is None:
        raise Unavailable(f"tenant secret {name} vanished")
    secret = rt.key_provider.unwrap(b64d(item["wrapped"]), context)
    rt.index_keys.put(cache_key, secret)
    return secret


def record_mac(rt: Runtime, tenant_id: str, record_hash: str) -> str:
    """Proof that the ledger service wrote this record: the integrator refuses records without
    it, so a record forged straight into the table never enters the transparency log."""
    key = tenant_secret(rt, tenant_id, RECORD_MAC)
    return hmac.new(key, b"amiable-ledger/record/v1\x00" + record_hash.encode(), hashlib.sha256).hexdigest()
