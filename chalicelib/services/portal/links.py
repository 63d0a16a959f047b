"""Portal links: a random 256-bit token in the URL, only its SHA-256 stored. Issuing and
revoking are chained events of the case (portal.link.issued / portal.link.revoked)."""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from ...domain import events as ev
from ...domain.errors import FieldError, NotFound, ValidationFailed
from .. import cases
from ..auth import Principal
from ..runtime import Runtime
from .refusals import LinkGone, LinkUnknown

TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{43}")
LINK_ID_RE = re.compile(r"pl_[0-9a-f]{32}")
DEFAULT_DAYS, MIN_DAYS, MAX_DAYS = 14, 1, 30
KEEP_AFTER_EXPIRY = timedelta(days=30)  # a dead link answers 410 (not 404) this long, then TTL removes it


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _link_key(digest: str) -> str:
    return f"portal#link#{digest}"


def _link_id_key(tenant_id: str, link_id: str) -> str:
    return f"portal#link-id#{tenant_id}#{link_id}"


@dataclass(frozen=True)
class Link:
    digest: str  # SHA-256 of the token
    tenant_id: str
    case_id: str
    link_id: str
    expires_at: str
    locked_until: int  # epoch seconds; 0 when not locked


def _expires_in_days(body: Any) -> int:
    if body is None:
        return DEFAULT_DAYS
    unknown = sorted(set(body) - {"expires_in_days"})
    if unknown:
        raise ValidationFailed([FieldError(f"/{name}", "unknown field") for name in unknown])
    days = body.get("expires_in_days", DEFAULT_DAYS)
    if not isinstance(days, int) or isinstance(days, bool) or not MIN_DAYS <= days <= MAX_DAYS:
        raise ValidationFailed([FieldError("/expires_in_days", f"must be an integer from {MIN_DAYS} to {MAX_DAYS}")])
    return days


def issue(rt: Runtime, principal: Principal, case_id: str, body: Any) -> dict:
    """A new link for the case's debtor. The chained event comes first: a link that works is
    always in the journal (a failure after it leaves a recorded link that never worked)."""
    days = _expires_in_days(body)
    cases.load_state(rt, principal.tenant_id, case_id)  # 404 for another tenant's or no case
    token = base64.urlsafe_b64encode(rt.entropy(32)).rstrip(b"=").decode("ascii")
    link_id = "pl_" + rt.entropy(16).hex()
    expires = rt.clock.now() + timedelta(days=days)
    expires_at = ev.format_instant(expires.replace(microsecond=0))
    cases.append_system_event(rt, principal, case_id, "portal.link.issued",
                              {"link_id": link_id, "expires_at": expires_at})
    digest = token_hash(token)
    ttl = int((expires + KEEP_AFTER_EXPIRY).timestamp())
    rt.portal_store.put_new(_link_key(digest), {
        "tenant_id": principal.tenant_id, "case_id": case_id, "link_id": link_id, "valid_until": expires_at,
        "valid_until_epoch": int(expires.timestamp()), "expires_at": ttl, "kind": "portal-link"})
    rt.portal_store.put_new(_link_id_key(principal.tenant_id, link_id),
                            {"token_sha256": digest, "case_id": case_id, "kind": "portal-link-id", "expires_at": ttl})
    return {"link_id": link_id, "url": f"{rt.portal_settings.base_url}/portal/{token}", "expires_at": expires_at}


def revoke(rt: Runtime, principal: Principal, case_id: str, link_id: str) -> dict:
    """Revokes at once (sessions opened with the link die with it); revoking twice records once."""
    index = rt.portal_store.get(_link_id_key(principal.tenant_id, link_id)) if LINK_ID_RE.fullmatch(link_id) else None
    if index is None or index["case_id"] != case_id:
        raise NotFound("portal link not found")
    link = rt.portal_store.get(_link_key(index["token_sha256"]))
    if link is not None and "revoked_at" not in link:
        cases.append_system_event(rt, principal, case_id, "portal.link.revoked", {"link_id": link_id})
        rt.portal_store.set_fields(_link_key(index["token_sha256"]), {"revoked_at": ev.format_instant(rt.clock.now())},
                                   only_if_missing="revoked_at")
        link = rt.portal_store.get(_link_key(index["token_sha256"]))
    return {"link_id": link_id, "revoked": True, "revoked_at": (link or {}).get("revoked_at")}


def resolve(rt: Runtime, token: str) -> Link:
    """The live link a token opens; LinkUnknown (404) or LinkGone (410, expired or revoked)."""
    if not TOKEN_RE.fullmatch(token or ""):
        raise LinkUnknown()
    digest = token_hash(token)
    item = rt.portal_store.get(_link_key(digest))
    if item is None or item.get("kind") != "portal-link":
        raise LinkUnknown()
    if "revoked_at" in item or rt.clock.now().timestamp() >= item["valid_until_epoch"]:
        raise LinkGone()
    return Link(digest, item["tenant_id"], item["case_id"], item["link_id"], item["valid_until"],
                int(item.get("locked_until", 0)))


def lock(rt: Runtime, link: Link, until_epoch: int) -> None:
    rt.portal_store.set_fields(_link_key(link.digest), {"locked_until": until_epoch})


def remember_order(rt: Runtime, link: Link, order_id: str) -> None:
    """The way back from the PSP finds its order here: a cross-site return carries no
    SameSite=Strict cookie, so the link (in the return URL) holds it, not the session."""
    rt.portal_store.set_fields(_link_key(link.digest), {"last_order_id": order_id})


def last_order(rt: Runtime, link: Link) -> str | None:
    item = rt.portal_store.get(_link_key(link.digest)) or {}
    return item.get("last_order_id")
