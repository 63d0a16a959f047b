"""The guards judge every text the portal itself shows, as they judge a collector's message.

The portal is not an outgoing contact: rules about when and how often to contact, or whether a
contact is allowed at all (an open dispute, a first letter), judge the act of contacting, and
the debtor opening their own page is not one. What the portal must never do is *say* something
unlawful, so a page is refused when a blocking finding points into its text (has spans).
Judgements are cached per process by (jurisdiction, text digest, facts), texts being data.
"""
from __future__ import annotations

import hashlib

from ...domain.errors import GuardBlocked
from ...domain.projection import CaseState
from .. import guarding
from ..runtime import Runtime, LruCache

_judged = LruCache(512)


def check_page_text(rt: Runtime, state: CaseState, text: str) -> dict:
    from ...domain.guards.context import Communication
    from ...domain.guards.engine import judge

    now = rt.clock.now()
    facts = guarding.facts_of(state, now)
    key = (state.jurisdiction, hashlib.sha256(text.encode("utf-8")).hexdigest(), hash(facts))
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
