"""Webhook endpoints of a tenant (role admin): register, read, change, delete, rotate the
secret, the delivery log, redelivery.

The secret is shown once, at registration or rotation; it is stored only wrapped by the
key-encryption key (KMS in AWS), like the tenant's own secrets. After a rotation the old secret
still signs, next to the new one, for 24 hours, so a receiver can switch without losing events.
"""
from __future__ import annotations

import base64
import json
import uuid
from datetime import timedelta
from typing import Any, Protocol

from ..domain import events as ev
from ..domain.errors import FieldError, NotFound, ValidationFailed
from ..domain.webhooks import events as thin
from ..domain.webhooks.address_policy import parse_url, refusal
from .auth import Principal
from .runtime import Runtime

ROTATION_OVERLAP = timedelta(hours=24)
SECRET_PREFIX = "whsec_"  # nosec B105 - the Standard Webhooks prefix of a secret, not a secret


class WebhookRepository(Protocol):
    def create(self, tenant_id: str, webhook_id: str, attributes: dict[str, str]) -> None: ...
    def replace(self, tenant_id: str, webhook_id: str, attributes: dict[str, str]) -> bool: ...
    def get(self, tenant_id: str, webhook_id: str) -> dict[str, str] | None: ...
    def list(self, tenant_id: str) -> list[dict[str, str]]: ...
    def delete(self, tenant_id: str, webhook_id: str) -> bool: ...
    def deliveries(self, tenant_id: str, webhook_id: str, limit: int) -> list[dict[str, str]]: ...
    def delivery(self, tenant_id: str, webhook_id: str, delivery_id: str) -> dict[str, str] | None: ...


def subscribable_types() -> tuple[str, ...]:
    return thin.event_types(ev.catalogue())


def _context(tenant_id: str, webhook_id: str) -> dict[str, str]:
    return {"app": "amiable-ledger", "tenant": tenant_id, "subject": webhook_id, "purpose": "webhook-secret"}


def _new_secret(rt: Runtime, tenant_id: str, webhook_id: str) -> tuple[str, str]:
    """(the secret as shown once, its wrapped form as stored)."""
    raw = rt.entropy(32)
    wrapped = rt.key_provider.wrap(raw, _context(tenant_id, webhook_id))
    return SECRET_PREFIX + base64.b64encode(raw).decode(), base64.b64encode(wrapped).decode()


def signing_secrets(rt: Runtime, tenant_id: str, item: dict[str, str], now) -> list[str]:
    """The secrets that sign a delivery now: the current one, and the previous one during the
    24 hours after a rotation."""
    wrapped = [item["secret"]]
    if item.get("previous_secret") and item.get("previous_until", "") > ev.format_instant(now):
        wrapped.append(item["previous_secret"])
    out = []
    for blob in wrapped:
        cache_key = (tenant_id, item["sk"], blob)
        secret = rt.webhook_secrets.get(cache_key)
        if secret is None:
            raw = rt.key_provider.unwrap(base64.b64decode(blob), _context(tenant_id, item["sk"]))
            secret = SECRET_PREFIX + base64.b64encode(raw).decode()
            rt.webhook_secrets.put(cache_key, secret)
        out.append(secret)
    return out


def _check_url(rt: Runtime, url: str) -> None:
    try:
        target = parse_url(url, allow_http=rt.settings.webhook_allow_loopback)
    except ValueError as exc:
        raise ValidationFailed([FieldError("/url", str(exc))]) from None
    literal = target.literal
    reason = refusal(literal, rt.settings.webhook_allow_loopback) if literal is not None else None
    if reason:
        raise ValidationFailed([FieldError("/url", f"must not point at a {reason}")])
    if target.scheme == "http" and not (target.host == "localhost" or (literal is not None and refusal(literal) and
                                                                       not refusal(literal, True))):
        raise ValidationFailed([FieldError("/url", "plain http only to a loopback receiver (development setting)")])
    # hostnames are resolved and checked at every delivery (a name may change what it points at)


def _check_types(types: list[str]) -> None:
    known = set(subscribable_types())
    errors = [FieldError(f"/event_types/{i}", f"unknown event type {t!r}") for i, t in enumerate(types)
              if t not in known]
    if errors:
        raise ValidationFailed(errors)


def view(item: dict[str, str]) -> dict:
    """What an admin sees of an endpoint: never a secret."""
    out: dict[str, Any] = {
        "webhook_id": item["sk"], "url": item["url"], "event_types": json.loads(item["event_types"]),
        "description": item.get("description", ""), "enabled": item.get("enabled") == "true",
        "created_at": item["created_at"], "updated_at": item.get("updated_at", item["created_at"]),
        "disabled_reason": item.get("disabled_reason"), "disabled_at": item.get("disabled_at"),
    }
    if item.get("previous_until"):
        out["previous_secret_valid_until"] = item["previous_until"]
    return out


def create(rt: Runtime, principal: Principal, body: Any) -> dict:
    ev.validate(ev.api_validator("webhook_request"), body)
    _check_url(rt, body["url"])
    _check_types(body["event_types"])
    webhook_id = str(uuid.UUID(bytes=rt.entropy(16), version=4))
    shown, wrapped = _new_secret(rt, principal.tenant_id, webhook_id)
    now = ev.format_instant(rt.clock.now())
    rt.webhooks.create(principal.tenant_id, webhook_id, {
        "url": body["url"], "event_types": json.dumps(body["event_types"]), "description": body.get("description", ""),
        "enabled": "true", "created_at": now, "updated_at": now, "secret": wrapped, "kek_id": rt.key_provider.kek_id})
    return {"webhook_id": webhook_id, "secret": shown}


def _load(rt: Runtime, principal: Principal, webhook_id: str) -> dict[str, str]:
    item = rt.webhooks.get(principal.tenant_id, webhook_id)
    if item is None:
        raise NotFound("webhook not found")
    return item


def get(rt: Runtime, principal: Principal, webhook_id: str) -> dict:
    return view(_load(rt, principal, webhook_id))


def list_all(rt: Runtime, principal: Principal) -> dict:
    return {"webhooks": [view(item) for item in rt.webhooks.list(principal.tenant_id)]}


def _stored(item: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in item.items() if k not in ("pk", "sk") and v is not None}


def patch(rt: Runtime, principal: Principal, webhook_id: str, body: Any) -> dict:
    ev.validate(ev.api_validator("webhook_patch"), body)
    item = _stored(_load(rt, principal, webhook_id))
    if "url" in body:
        _check_url(rt, body["url"])
        item["url"] = body["url"]
    if "event_types" in body:
        _check_types(body["event_types"])
        item["event_types"] = json.dumps(body["event_types"])
    if "description" in body:
        item["description"] = body["description"]
    if "enabled" in body:
        item["enabled"] = "true" if body["enabled"] else "false"
        if body["enabled"]:  # re-enabled by the tenant: the failure that disabled it is history
            item.pop("disabled_reason", None)
            item.pop("disabled_at", None)
    item["updated_at"] = ev.format_instant(rt.clock.now())
    if not rt.webhooks.replace(principal.tenant_id, webhook_id, item):
        raise NotFound("webhook not found")
    return view({**item, "sk": webhook_id})


def delete(rt: Runtime, principal: Principal, webhook_id: str) -> None:
    if not rt.webhooks.delete(principal.tenant_id, webhook_id):
        raise NotFound("webhook not found")


def rotate_secret(rt: Runtime, principal: Principal, webhook_id: str) -> dict:
    item = _stored(_load(rt, principal, webhook_id))
    shown, wrapped = _new_secret(rt, principal.tenant_id, webhook_id)
    now = rt.clock.now()
    until = ev.format_instant(now + ROTATION_OVERLAP)
    item.update(previous_secret=item["secret"], previous_until=until, secret=wrapped,
                updated_at=ev.format_instant(now))
    if not rt.webhooks.replace(principal.tenant_id, webhook_id, item):
        raise NotFound("webhook not found")
    return {"webhook_id": webhook_id, "secret": shown, "previous_secret_valid_until": until}


def delivery_view(row: dict[str, str]) -> dict:
    return {"delivery_id": row["sk"], "event_id": row["event_id"], "event_type": row.get("event_type"),
            "status_code": int(row["status_code"]) if row.get("status_code") else None,
            "attempted_at": row["attempted_at"], "latency_ms": int(row.get("latency_ms", "0")),
            "error": row.get("error")}


def deliveries(rt: Runtime, principal: Principal, webhook_id: str, limit: int) -> dict:
    _load(rt, principal, webhook_id)
    return {"deliveries": [delivery_view(r) for r in rt.webhooks.deliveries(principal.tenant_id, webhook_id, limit)]}


def redeliver(rt: Runtime, principal: Principal, webhook_id: str, delivery_id: str) -> dict:
    """Queue the delivery's event again (rebuilt from the ledger: no body was kept), with the
    same webhook-id: a receiver that already processed it recognises it."""
    from . import webhook_delivery

    _load(rt, principal, webhook_id)
    row = rt.webhooks.delivery(principal.tenant_id, webhook_id, delivery_id)
    if row is None:
        raise NotFound("delivery not found")
    source = json.loads(row["source"])
    webhook_delivery.enqueue(rt, principal.tenant_id, webhook_id, row["event_id"], row["event_type"], source,
                             nonce=delivery_id)
    return {"webhook_id": webhook_id, "event_id": row["event_id"], "queued": True}
