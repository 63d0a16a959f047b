"""The debtor's portal pages (HTML). Each route: parse the form, find the link and session,
call one service, render a page. Every page gets the portal's security headers; a refusal is a
page that says nothing about the case (404 unknown, 410 expired or revoked, 429 locked or
throttled, 403 bad CSRF token, 401 no session).

Cookies: the session (`__Host-al_portal` over HTTPS, `al_portal` on plain-HTTP localhost where
browsers drop Secure cookies), HttpOnly, SameSite=Strict, 30 minutes; before verification a
short-lived `al_portal_form` cookie carries the verification form's CSRF token (double submit).
"""
from __future__ import annotations

import functools
from datetime import date
from typing import Callable
from urllib.parse import parse_qs, urlencode, urlparse

from chalice import Blueprint, Response

from .domain.errors import LedgerError, NotFound
from .domain.past_facts import local_date
from .domain.portal.documents import MAX_DOCUMENT_BYTES
from .domain.portal.texts import language_of, text, texts
from .http import header, logger
from .rendering import PORTAL_HEADERS, portal_stylesheet, render_portal
from .services import cases
from .on_first_use import OnFirstUse
from .services.portal.refusals import BadForm, FormProblem, LinkLocked, LinkUnknown, NoSession, PortalRefusal
from .services.runtime import get_runtime

portal = Blueprint(__name__)

ANY = ["*/*"]  # the portal checks content types itself and answers with a page
MAX_FORM_BYTES = 16 * 1024
MAX_MULTIPART_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024
# The portal's services load on a portal request, not on every cold start of the API.
acts = OnFirstUse("chalicelib.services.portal.acts")
guarded = OnFirstUse("chalicelib.services.portal.guarded")
links = OnFirstUse("chalicelib.services.portal.links")
pages = OnFirstUse("chalicelib.services.portal.pages")
sessions = OnFirstUse("chalicelib.services.portal.sessions")


# --- request helpers -----------------------------------------------------------------------

def _request():
    return portal.current_request


def _query() -> dict:
    return _request().query_params or {}


def _source_ip() -> str:
    return ((_request().context or {}).get("identity") or {}).get("sourceIp") or ""


def _cookies() -> dict[str, str]:
    jar: dict[str, str] = {}
    for part in (header(_request(), "Cookie") or "").split(";"):
        name, sep, value = part.strip().partition("=")
        if sep and name and name not in jar:
            jar[name] = value
    return jar


def _secure() -> bool:
    return get_runtime().portal_settings.secure_cookies


def _session_cookie_name() -> str:
    return "__Host-al_portal" if _secure() else "al_portal"


def _cookie(name: str, value: str, max_age: int) -> str:
    attributes = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Strict", f"Max-Age={max_age}"]
    if _secure():
        attributes.append("Secure")
    return "; ".join(attributes)


def _form() -> dict[str, str]:
    request = _request()
    media = (header(request, "Content-Type") or "").split(";")[0].strip().lower()
    raw = request.raw_body or b""
    if media != "application/x-www-form-urlencoded" or len(raw) > MAX_FORM_BYTES:
        raise BadForm()
    try:
        fields = parse_qs(raw.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        raise BadForm() from None
    return {name: values[0] for name, values in fields.items()}


class _TooLarge(PortalRefusal):
    status, page = 413, "toolarge"


def _multipart() -> tuple[dict[str, str], bytes | None]:
    """Text fields and the `document` file of a multipart/form-data body (stdlib parser)."""
    request = _request()
    content_type = header(request, "Content-Type") or ""
    if content_type.split(";")[0].strip().lower() != "multipart/form-data":
        raise BadForm()
    raw = request.raw_body or b""
    if len(raw) > MAX_MULTIPART_BYTES:
        raise _TooLarge()
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + raw)
    if not message.is_multipart():
        raise BadForm()
    fields: dict[str, str] = {}
    document = None
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name or name in fields:
            continue
        payload = part.get_payload(decode=True) or b""
        if name == "document":
            document = payload or None  # an empty file input sends an empty part
        else:
            fields[name] = payload.decode("utf-8", errors="replace")
    return fields, document


# --- pages -----------------------------------------------------------------------------------

def _root() -> str:
    """The path prefix of the portal's origin (an API Gateway stage, or none)."""
    return urlparse(get_runtime().portal_settings.base_url).path.rstrip("/")


def _csp() -> str:
    origins = " ".join(get_runtime().portal_settings.payment_origins)
    return PORTAL_HEADERS["Content-Security-Policy"].replace("form-action 'self'", f"form-action 'self' {origins}")


def _headers(extra: dict | None = None) -> dict:
    return {**PORTAL_HEADERS, "Content-Security-Policy": _csp(), **(extra or {})}


def _page(template: str, status: int, language: str, token: str | None, title: str, path: str = "",
          cookie: str | None = None, case: tuple[str, str] | None = None, **context) -> Response:
    base = f"{_root()}/portal/{token}" if token else None
    other = "en" if language == "fr" else "fr"
    q = "?lang=en" if language == "en" else ""
    switch = f"{base}{path}?{urlencode({'lang': other})}" if base is not None and path is not None else None
    body = render_portal(template, lang=language, other_lang=other, t=texts(language), title=title, root=_root(),
                         base=base, q=q, switch_url=switch, **context)
    if case is not None:  # the guards judge what the page says about this case
        rt = get_runtime()
        guarded.check_page(rt, cases.load_state(rt, *case), body)
    return Response(body=body, status_code=status, headers=_headers({"Set-Cookie": cookie} if cookie else None))


def _message(status: int, language: str, token: str | None, title_key: str, body: str, done: bool = False,
             back: bool = False, case: tuple[str, str] | None = None) -> Response:
    base = f"{_root()}/portal/{token}" if token else ""
    back_url = f"{base}/summary{'?lang=en' if language == 'en' else ''}" if back and token else None
    return _page("message", status, language, token if done or back else None, text(language, title_key),
                 path=None, body=body, done=done, back_url=back_url, case=case)


def _refusal(refusal: PortalRefusal, language: str, token: str | None) -> Response:
    if isinstance(refusal, LinkLocked):
        return _message(429, language, None, "locked.title", text(language, "verify.locked"))
    if isinstance(refusal, _TooLarge):
        return _message(413, language, token, "toolarge.title", text(language, "contest.too_large"), back=True)
    page = refusal.page
    return _message(refusal.status, language, None, f"{page}.title", text(language, f"{page}.body"))


def portal_page(fn: Callable) -> Callable:
    """Refusals become pages; other failures a neutral page. Logs carry no token, no form."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        language = language_of(_query().get("lang"))
        token = kwargs.get("token")
        try:
            rt = get_runtime()
            digest = links.token_hash(token) if token and links.TOKEN_RE.fullmatch(token) else None
            sessions.throttle(rt, digest, _source_ip())
            return fn(*args, language=language, **kwargs)
        except PortalRefusal as refusal:
            logger().info("portal refused", extra={"refusal": type(refusal).__name__})
            return _refusal(refusal, language, token)
        except NotFound:  # the case behind a link is gone: as unknown as any other
            return _refusal(LinkUnknown(), language, None)
        except LedgerError as error:
            logger().info("portal request failed", extra={"error": error.code})
            return _message(503, language, None, "unavailable.title", text(language, "unavailable.body"))
        except Exception:  # noqa: BLE001 - the last line of defence, by design
            logger().exception("portal: unhandled error")
            return _message(500, language, None, "unavailable.title", text(language, "unavailable.body"))

    return wrapper


def _case(current: sessions.Session) -> tuple[str, str]:
    return current.tenant_id, current.case_id


def _session(token: str) -> sessions.Session:
    return sessions.session(get_runtime(), token, _cookies().get(_session_cookie_name()))


def _see_other(location: str, cookie: str | None = None) -> Response:
    headers = _headers({"Location": location})
    if cookie:
        headers["Set-Cookie"] = cookie
    return Response(body="", status_code=303, headers=headers)


def _url(token: str, path: str, language: str) -> str:
    return f"{_root()}/portal/{token}{path}{'?lang=en' if language == 'en' else ''}"


# --- routes ----------------------------------------------------------------------------------

@portal.route("/portal-assets/portal.css", methods=["GET"])
def stylesheet():
    return Response(body=portal_stylesheet(), status_code=200,
                    headers={**_headers(), "Content-Type": "text/css; charset=utf-8"})


@portal.route("/portal/{token}", methods=["GET"])
@portal_page
def open_link(token, language):
    rt = get_runtime()
    link = links.resolve(rt, token)
    try:
        _session(token)
        return _see_other(_url(token, "/summary", language))
    except NoSession:
        pass
    sessions.check_not_locked(rt, link)
    nonce = sessions.new_form_nonce(rt)
    return _page("verify", 200, language, token, text(language, "verify.title"), csrf=nonce, problem=None,
                 cookie=_cookie("al_portal_form", nonce, sessions.SESSION_SECONDS), case=(link.tenant_id, link.case_id))


@portal.route("/portal/{token}/verify", methods=["POST"], content_types=ANY)
@portal_page
def verify(token, language):
    rt = get_runtime()
    link = links.resolve(rt, token)
    form = _form()
    language = language_of(form.get("lang") or language)
    sessions.check_csrf(_cookies().get("al_portal_form", ""), form.get("csrf"))
    session_id = sessions.verify(rt, link, form.get("invoice", "")[:64])
    if session_id is None:
        return _page("verify", 403, language, token, text(language, "verify.title"), csrf=form["csrf"],
                     problem=text(language, "verify.wrong"))
    return _see_other(_url(token, "/summary", language), _cookie(_session_cookie_name(), session_id, sessions.SESSION_SECONDS))


@portal.route("/portal/{token}/summary", methods=["GET"])
@portal_page
def summary(token, language):
    current = _session(token)
    view = pages.summary(get_runtime(), current.tenant_id, current.case_id, language)
    return _page("summary", 200, language, token, text(language, "summary.title"), path="/summary", s=view,
                 csrf=current.csrf, case=_case(current))


def _while_disputed(token, language, current, title_key: str, message_key: str) -> Response | None:
    """The 409 page a debtor gets while their dispute is examined: nothing more is asked of them
    (FR-DISPUTE-OPEN, which the guards apply too), and a second dispute is not opened."""
    if not cases.load_state(get_runtime(), current.tenant_id, current.case_id).open_dispute:
        return None
    return _message(409, language, token, title_key, text(language, message_key), back=True, case=_case(current))


@portal.route("/portal/{token}/contest", methods=["GET"])
@portal_page
def contest_form(token, language):
    current = _session(token)
    refused = _while_disputed(token, language, current, "contest.title", "contest.already")
    if refused is not None:
        return refused
    return _page("contest", 200, language, token, text(language, "contest.title"), path="/contest",
                 csrf=current.csrf, reasons=acts.REASON_CODES, problem=None, case=_case(current))


@portal.route("/portal/{token}/contest", methods=["POST"], content_types=ANY)
@portal_page
def contest(token, language):
    current = _session(token)
    fields, document = _multipart()
    sessions.check_csrf(current.csrf, fields.get("csrf"))
    try:
        acts.contest(get_runtime(), current, fields.get("reason"), fields.get("details"), document, language)
    except FormProblem as problem:
        return _page("contest", problem.status, language, token, text(language, "contest.title"), path="/contest",
                     csrf=current.csrf, reasons=acts.REASON_CODES, problem=text(language, problem.message_key))
    return _message(201, language, token, "done.title", text(language, "contest.done"), done=True, back=True,
                    case=_case(current))


def _plan_page(token, language, current, status=200, problem=None) -> Response:
    rt = get_runtime()
    outstanding = pages.outstanding_text(rt, current.tenant_id, current.case_id, language)
    state = cases.load_state(rt, current.tenant_id, current.case_id)
    today: date = local_date(rt.clock.now(), state.timezone)
    return _page("plan", status, language, token, text(language, "plan.title"), path="/plan", csrf=current.csrf,
                 intro=text(language, "plan.intro", amount=outstanding), today=today.isoformat(), problem=problem,
                 case=_case(current))


@portal.route("/portal/{token}/plan", methods=["GET"])
@portal_page
def plan_form(token, language):
    current = _session(token)
    refused = _while_disputed(token, language, current, "plan.title", "summary.dispute_open")
    if refused is not None:
        return refused
    return _plan_page(token, language, current)


def _accept_page(token, language, current, status=200, problem=None) -> Response:
    offer = acts.offered_terms(get_runtime(), current, language)
    return _page("accept", status, language, token, text(language, "accept.title"), path="/plan/accept",
                 csrf=current.csrf, offer=offer, problem=problem, case=_case(current))


@portal.route("/portal/{token}/plan", methods=["POST"], content_types=ANY)
@portal_page
def propose_plan(token, language):
    current = _session(token)
    form = _form()
    sessions.check_csrf(current.csrf, form.get("csrf"))
    try:
        outcome = acts.propose(get_runtime(), current, form.get("count"), form.get("first_due"))
    except FormProblem as problem:
        return _plan_page(token, language, current, problem.status, text(language, problem.message_key))
    if outcome["outcome"] == "offered":
        return _accept_page(token, language, sessions.session(get_runtime(), token,
                                                              _cookies().get(_session_cookie_name())))
    return _message(201, language, token, "done.title", text(language, "plan.proposed"), done=True, back=True,
                    case=_case(current))


@portal.route("/portal/{token}/plan/accept", methods=["GET"])
@portal_page
def accept_form(token, language):
    current = _session(token)
    refused = _while_disputed(token, language, current, "accept.title", "summary.dispute_open")
    if refused is not None:
        return refused
    try:
        return _accept_page(token, language, current)
    except FormProblem as problem:
        return _message(problem.status, language, token, "accept.title", text(language, problem.message_key),
                        back=True)


@portal.route("/portal/{token}/plan/accept", methods=["POST"], content_types=ANY)
@portal_page
def accept(token, language):
    current = _session(token)
    form = _form()
    sessions.check_csrf(current.csrf, form.get("csrf"))
    rt = get_runtime()
    try:
        acts.accept(rt, current, form.get("consent"), form.get("terms_sha256"), language, _source_ip(),
                    header(_request(), "User-Agent") or "")
    except FormProblem as problem:
        if problem.message_key == "accept.missing_consent":
            return _accept_page(token, language, current, problem.status, text(language, problem.message_key))
        return _message(problem.status, language, token, "accept.title", text(language, problem.message_key),
                        back=True)
    return _message(201, language, token, "done.title", text(language, "accept.done"), done=True, back=True,
                    case=_case(current))


@portal.route("/portal/{token}/pay", methods=["POST"], content_types=ANY)
@portal_page
def pay(token, language):
    current = _session(token)
    form = _form()
    sessions.check_csrf(current.csrf, form.get("csrf"))
    return_url = f"{get_runtime().portal_settings.base_url}/portal/{token}/payment-return" + \
        ("?lang=en" if language == "en" else "")
    try:
        payment_url = acts.pay(get_runtime(), current, form.get("purpose"), return_url)
    except FormProblem as problem:
        return _message(problem.status, language, token, "pay.title", text(language, problem.message_key), back=True)
    return _see_other(payment_url)


@portal.route("/portal/{token}/payment-return", methods=["GET", "POST"], content_types=ANY)
@portal_page
def payment_return(token, language):
    # No session needed: a return from the PSP's site is cross-site, so the SameSite=Strict
    # cookie is not sent. The page shows the order's status only, nothing about the case.
    link = links.resolve(get_runtime(), token)
    status = acts.payment_result(get_runtime(), link)
    key = {"paid": "pay.done_paid", "refused": "pay.done_refused", "unknown": "pay.done_unknown"}.get(
        status, "pay.done_pending")
    return _message(200, language, token, "pay.title", text(language, key), done=True, back=True,
                    case=(link.tenant_id, link.case_id))

