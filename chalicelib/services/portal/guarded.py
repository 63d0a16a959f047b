"""The guards judge every text the portal itself shows, as they judge a collector's message:
the visible text of each rendered page that concerns a case, in the language shown.

The portal is not an outgoing contact: rules about when and how often to contact, or whether a
contact is allowed at all (a first letter, a restriction), judge the act of contacting, and the
debtor opening their own page is not one. What the portal must never do is *say* something the
guards forbid on this case (a threat, a fee, a payment demand while a dispute is open), so a
page is refused when a blocking finding points into its text (has spans). Judgements are cached
per process by (text digest, facts): most pages repeat.
"""
from __future__ import annotations

import hashlib
from html.parser import HTMLParser

from ...domain.errors import GuardBlocked
from ...domain.projection import CaseState
from .. import guarding
from ..runtime import LruCache, Runtime

_judged = LruCache(512)


class _VisibleText(HTMLParser):
    """What a reader sees: text nodes and button/option labels; not titles of the head, not
    hidden fields, not attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("head", "style", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("head", "style", "script") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(page_html: str) -> str:
    parser = _VisibleText()
    parser.feed(page_html)
    parser.close()
    return "\n".join(parser.parts)


def check_page(rt: Runtime, state: CaseState, page_html: str) -> None:
    check_text(rt, state, visible_text(page_html))


def check_text(rt: Runtime, state: CaseState, text: str) -> dict:
    from ...domain.guards.context import Communication
    from ...domain.guards.engine import judge

    now = rt.clock.now()
    facts = guarding.facts_of(state, now)
    key = (state.tenant_id, hashlib.sha256(text.encode("utf-8")).hexdigest(), facts)
    cached = _judged.get(key)
    if cached is not None:
        return cached
    comm = Communication(kind="contact.sent", channel="email", recipient_role="debtor", text=text, subject=None,
                         sent_at=now)
    judgement = judge(comm, facts, (), guarding.pack_of(state.jurisdiction),
                      guarding.tenant_policy(rt, state.tenant_id)).to_dict()
    said = [f for f in judgement["findings"] if f["severity"] == "block" and f["spans"]]
    if said:
        raise GuardBlocked({**judgement, "findings": said}, {})
    _judged.put(key, judgement)
    return judgement
