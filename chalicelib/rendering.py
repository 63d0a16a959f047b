"""HTML pages from Jinja2 templates (chalicelib/templates/), autoescaped, and the headers every
page is served with. Jinja2 is imported on the first page rendered: JSON routes of a cold Lambda
never pay for it."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

TEMPLATES = Path(__file__).resolve().parent / "templates"

# A page is a self-contained document: no script, no external resource, never framed, never
# cached by a browser or a proxy (it holds personal data), never sniffed as another type.
PAGE_HEADERS = {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; "
                               "base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
}


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    # autoescape on for every template, whatever its name; StrictUndefined turns a typo in a
    # template into an error instead of a silently empty field.
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, auto_reload=False)


def render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


def render_access_html(document: Mapping[str, Any]) -> str:
    """A readable, self-contained HTML page of an access document; every value is escaped."""
    return render("gdpr_access.html.j2", d=document, subject=document.get("subject") or {})


# The debtor's portal: its own stylesheet ('self'), forms posting to itself, never framed.
PORTAL_HEADERS = {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def render_portal(template: str, **context: Any) -> str:
    return render(f"portal/{template}.html.j2", **context)


@lru_cache(maxsize=1)
def portal_stylesheet() -> str:
    return (TEMPLATES / "portal" / "portal.css").read_text(encoding="utf-8")
