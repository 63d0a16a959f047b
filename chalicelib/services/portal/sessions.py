"""The debtor's proof of knowledge (an invoice number of the case) and the session it opens;
CSRF tokens; rate limits per link and per source.

Sessions are server-side items keyed by the SHA-256 of the cookie's random value, bound to the
link they were opened with (a revoked or expired link ends them) and valid 30 minutes.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import unicodedata
from dataclasses import dataclass
from typing import Any

from .. import cases, subjects
from ..runtime import Runtime
from . import links
from .refusals import BadForm, LinkGone, LinkLocked, NoSession, RateLimited

SESSION_SECONDS = 30 * 60
MAX_WRONG_ANSWERS = 5
LOCK_SECONDS = 15 * 60


def _random(rt: Runtime) -> str:
    return base64.urlsafe_b64encode(rt.entropy(32)).rstrip(b"=").decode("ascii")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _answer_digest(value: str) -> str:
    """Invoice numbers compared the way a person types them: width, case and spaces ignored."""
    normal = unicodedata.normalize("NFKC", value).casefold()
    return _digest("".join(normal.split()))


def _session_key(session_id: str) -> str:
    return f"portal#session#{_digest(session_id)}"


@dataclass(frozen=True)
class Session:
    key: str
    link: links.Link
    csrf: str
    offer: list | None  # an auto-approved plan offered back, awaiting acceptance

    @property
    def tenant_id(self) -> str:
        return self.link.tenant_id

    @property
    def case_id(self) -> str:
        return self.link.case_id


def throttle(rt: Runtime, link_digest: str | None, source: str | None) -> None:
    """Requests counted per minute per link and per source IP (keys hold hashes only)."""
    minute = int(time.time() // 60)
    expires = (minute + 2) * 60
    settings = rt.portal_settings
    buckets = []
    if link_digest:
        buckets.append((f"portal#rate#link#{link_digest}#{minute}", settings.requests_per_minute_per_link))
    if source:
        buckets.append((f"portal#rate#src#{_digest(source)[:32]}#{minute}", settings.requests_per_minute_per_source))
    for key, limit in buckets:
        if rt.portal_store.count(key, expires) > limit:
            raise RateLimited()


def live_case(rt: Runtime, link: links.Link):
    """The link's case; once its debtor is erased the link is dead (410): the portal shows
    nothing more to, and records nothing more from, an erased person."""
    state = cases.load_state(rt, link.tenant_id, link.case_id)
    if (state.debtor_subject_id in state.erased_subjects
            or subjects.subject_record(rt, link.tenant_id, state.debtor_subject_id) is None):
        raise LinkGone()
    return state


def check_not_locked(rt: Runtime, link: links.Link) -> None:
    if link.locked_until and rt.clock.now().timestamp() < link.locked_until:
        raise LinkLocked()


def verify(rt: Runtime, link: links.Link, answer: str) -> str | None:
    """A new session id when ``answer`` is one of the case's invoice numbers, else None. The
    fifth wrong answer in a row locks the link for 15 minutes (LinkLocked)."""
    check_not_locked(rt, link)
    state = live_case(rt, link)
    candidate = _answer_digest(answer or "")
    # Every invoice is compared, in constant time each, so timing tells nothing of which matched.
    matched = False
    for number, _born in state.claims:
        matched |= hmac.compare_digest(candidate, _answer_digest(number))
    failures_key = f"portal#wrong#{link.digest}"
    now = int(rt.clock.now().timestamp())
    if not matched or not answer.strip():
        if rt.portal_store.count(failures_key, now + 24 * 3600) >= MAX_WRONG_ANSWERS:
            rt.portal_store.reset(failures_key, now + 24 * 3600)
            links.lock(rt, link, now + LOCK_SECONDS)
            raise LinkLocked()
        return None
    rt.portal_store.reset(failures_key, now + 24 * 3600)
    session_id = _random(rt)
    rt.portal_store.put_new(_session_key(session_id), {
        "kind": "portal-session", "link_sha256": link.digest, "csrf": _random(rt),
        "valid_until_epoch": now + SESSION_SECONDS, "expires_at": now + SESSION_SECONDS + 3600})
    return session_id


def session(rt: Runtime, token: str, session_id: str | None) -> Session:
    """The live session for this link (NoSession otherwise; LinkGone/LinkUnknown for the link)."""
    link = links.resolve(rt, token)
    if not session_id or len(session_id) > 64:
        raise NoSession()
    key = _session_key(session_id)
    item = rt.portal_store.get(key)
    if (item is None or item.get("kind") != "portal-session"
            or not hmac.compare_digest(item["link_sha256"], link.digest)
            or rt.clock.now().timestamp() >= item["valid_until_epoch"]):
        raise NoSession()
    live_case(rt, link)
    offer = json.loads(item["offer"]) if item.get("offer") else None
    return Session(key, link, item["csrf"], offer)


def check_csrf(expected: str, given: Any) -> None:
    if not isinstance(given, str) or not given or not hmac.compare_digest(expected.encode(), given.encode()):
        raise BadForm()


def keep_offer(rt: Runtime, current: Session, offer: list | None) -> None:
    rt.portal_store.set_fields(current.key, {"offer": json.dumps(offer) if offer else ""})


def new_form_nonce(rt: Runtime) -> str:
    """The verification form's CSRF token, also set as a cookie (double submit: no session yet)."""
    return _random(rt)
