"""The override rule (pure): a decision against the assessment stands only with a reason."""
import pytest

from chalicelib.domain.errors import Conflict, ValidationFailed
from chalicelib.domain.gdpr.override import MIN_REASON, override_of

REASON = "Le créancier a renoncé à sa créance par écrit."


def pointers(exc):
    return [d.pointer for d in exc.value.details]


@pytest.mark.parametrize("proposal", ["erase", "refuse", "defer"])
def test_following_the_proposal_needs_nothing(proposal):
    assert override_of(proposal, proposal, None) is None


@pytest.mark.parametrize(("proposal", "decision"), [("refuse", "erase"), ("defer", "erase"), ("erase", "refuse"),
                                                    ("refuse", "defer")])
def test_contrary_without_override_is_a_409_naming_the_proposal(proposal, decision):
    with pytest.raises(Conflict) as exc:
        override_of(proposal, decision, None)
    assert exc.value.code == "contrary_to_assessment" and exc.value.extra() == {"proposal": proposal}
    assert pointers(exc) == ["/override"]


def test_contrary_with_a_reason_is_recorded_with_the_proposal():
    assert override_of("refuse", "erase", {"reason": REASON}) == {"proposal": "refuse", "reason": REASON}


@pytest.mark.parametrize("bad", [{"reason": "x" * (MIN_REASON - 1)}, {"reason": " " * 40}, {"reason": 42}, {},
                                 {"reason": "y" * 2001}])
def test_a_short_or_missing_reason_is_a_422_on_override_reason(bad):
    with pytest.raises(ValidationFailed) as exc:
        override_of("refuse", "erase", bad)
    assert pointers(exc) == ["/override/reason"]


def test_malformed_or_needless_overrides_are_422():
    with pytest.raises(ValidationFailed) as exc:
        override_of("refuse", "erase", "because")
    assert pointers(exc) == ["/override"]
    with pytest.raises(ValidationFailed) as exc:
        override_of("refuse", "erase", {"reason": REASON, "by": "me"})
    assert pointers(exc) == ["/override/by"]
    with pytest.raises(ValidationFailed) as exc:
        override_of("refuse", "refuse", {"reason": REASON})
    assert pointers(exc) == ["/override"]
