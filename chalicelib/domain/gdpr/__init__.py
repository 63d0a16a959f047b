"""GDPR rules for the DPO, pure (no I/O beyond reading the package's own text file, no clock:
every "now" or "today" is passed in by the caller). One idea per module:

- texts.py       the FR/EN texts a data subject or the DPO reads, loaded from texts/fr.json
- deadlines.py   Art. 12(3) answer deadlines and their extension
- assessment.py  the erasure assessment (Art. 17(1), 17(3)(b), 17(3)(e)) and the retention rule
- access.py      the machine-readable access / portability document (Art. 15, 20)

The HTML page of an access document is rendered outside the domain, from an autoescaped
Jinja2 template (chalicelib/rendering.py, chalicelib/templates/).
"""
from __future__ import annotations

from .access import ACCESS_FORMAT, access_document
from .assessment import PROPOSALS, Assessment, CaseSnapshot, assess_erasure, retention_due
from .deadlines import due_by, extended_due_by
from .texts import KINDS, gdpr_texts

__all__ = [
    "KINDS", "ACCESS_FORMAT", "PROPOSALS", "gdpr_texts", "due_by", "extended_due_by", "CaseSnapshot",
    "Assessment", "assess_erasure", "retention_due", "access_document",
]
