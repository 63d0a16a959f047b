"""A DPO's decision contrary to the erasure assessment stands only with a recorded reason.

The assessment is the ledger's reading of Art. 17 on the facts it holds; a DPO may know more
(a settlement, a court ruling) and decide otherwise, but accountability (Art. 5(2)) requires the
reason to be written down, chained and shown with the decision.
"""
from __future__ import annotations

from typing import Any, TypedDict

from ..errors import ConflictWithFacts, FieldError, ValidationFailed

MIN_REASON, MAX_REASON = 20, 2000


class Override(TypedDict):
    proposal: str   # what the assessment proposed
    reason: str     # the DPO's reason (free text: sealed in the journal)


def override_of(proposal: str, decision: str, body_override: Any) -> Override | None:
    """The override to record with ``decision``, None when the decision follows the proposal.

    422 naming /override or /override/reason when it is malformed or has nothing to override;
    409 contrary_to_assessment when the decision departs from the proposal without one.
    """
    contrary = decision != proposal
    if body_override is None:
        if contrary:
            raise ConflictWithFacts(
                "contrary_to_assessment",
                f"the assessment proposed {proposal!r}: a different decision needs "
                f'"override": {{"reason": "..."}} (at least {MIN_REASON} characters)',
                {"proposal": proposal},
                [FieldError("/override", f"required to decide {decision!r} against the proposal {proposal!r}")])
        return None
    if not isinstance(body_override, dict):
        raise ValidationFailed([FieldError("/override", 'must be an object {"reason": "..."}')])
    errors = [FieldError(f"/override/{k}", "unknown field") for k in sorted(body_override) if k != "reason"]
    reason = body_override.get("reason")
    if not isinstance(reason, str) or len(reason.strip()) < MIN_REASON:
        errors.append(FieldError("/override/reason", f"the reason for overriding the assessment: at least "
                                                     f"{MIN_REASON} characters"))
    elif len(reason) > MAX_REASON:
        errors.append(FieldError("/override/reason", f"must have at most {MAX_REASON} characters"))
    if not errors and not contrary:
        errors.append(FieldError("/override", f"the decision follows the assessment's proposal {proposal!r}: "
                                              "there is nothing to override"))
    if errors:
        raise ValidationFailed(errors)
    return {"proposal": proposal, "reason": reason}
