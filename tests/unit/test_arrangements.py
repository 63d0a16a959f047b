"""Plans and promises as of a day: pure, the day is an input."""
from datetime import date

import pytest
from hypothesis import given, strategies as st

from chalicelib.domain.arrangements import ArrangementPolicy, Payment, Promise, plan_standing, promise_standings

PLAN = (("2027-01-05", 15000), ("2027-02-05", 15000), ("2027-03-05", 15000))


def _statuses(standing):
    return [i["status"] for i in standing["installments"]]


def test_a_new_plan_is_in_good_standing():
    s = plan_standing(PLAN, 10, [], date(2027, 1, 1))
    assert s["status"] == "in_good_standing" and _statuses(s) == ["due", "due", "due"]


def test_payments_pay_the_oldest_instalment_first():
    s = plan_standing(PLAN, 10, [Payment(11, "2027-01-04", 20000)], date(2027, 1, 20))
    assert _statuses(s) == ["paid", "due", "due"]
    assert [i["paid_cents"] for i in s["installments"]] == [15000, 5000, 0]
    assert s["status"] == "in_good_standing" and s["next_due_on"] == "2027-02-05"


def test_payments_before_the_signature_or_after_the_day_do_not_count():
    payments = [Payment(9, "2026-12-20", 15000), Payment(12, "2027-01-20", 15000)]
    s = plan_standing(PLAN, 10, payments, date(2027, 1, 15))
    assert _statuses(s) == ["late", "due", "due"] and s["status"] == "late"


def test_late_after_the_grace_days_then_defaulted():
    assert plan_standing(PLAN, 10, [], date(2027, 1, 10))["status"] == "in_good_standing"  # 5 days of grace
    assert plan_standing(PLAN, 10, [], date(2027, 1, 11))["status"] == "late"
    assert plan_standing(PLAN, 10, [], date(2027, 2, 4))["status"] == "late"  # 30 days late, 1 instalment
    assert plan_standing(PLAN, 10, [], date(2027, 2, 11))["status"] == "defaulted"  # two instalments late
    single = (("2027-01-05", 45000),)
    assert plan_standing(single, 10, [], date(2027, 2, 4))["status"] == "late"
    assert plan_standing(single, 10, [], date(2027, 2, 5))["status"] == "defaulted"  # more than 30 days late


def test_the_tenant_thresholds_apply():
    strict = ArrangementPolicy(grace_days=0, default_after_missed=1)
    assert plan_standing(PLAN, 10, [], date(2027, 1, 6), strict)["status"] == "defaulted"


def test_a_fully_paid_plan_is_completed():
    s = plan_standing(PLAN, 10, [Payment(11, "2027-01-05", 45000)], date(2027, 1, 6))
    assert s["status"] == "completed" and _statuses(s) == ["paid"] * 3 and s["next_due_on"] is None


def test_promises_kept_broken_pending():
    promises = [Promise(5, 10000, "2026-12-15"), Promise(8, 5000, "2027-01-15")]
    payments = [Payment(6, "2026-12-14", 10000)]
    assert [p["status"] for p in promise_standings(promises, payments, date(2026, 12, 20))] == ["kept", "pending"]
    assert [p["status"] for p in promise_standings(promises, payments, date(2027, 1, 18))] == ["kept", "broken"]
    # a payment serves one promise only, the oldest first
    both = [Promise(5, 10000, "2027-01-15"), Promise(8, 5000, "2027-01-15")]
    one_payment = [Payment(9, "2027-01-10", 10000)]
    assert [p["status"] for p in promise_standings(both, one_payment, date(2027, 1, 12))] == ["kept", "pending"]
    assert [p["status"] for p in promise_standings(both, one_payment, date(2027, 1, 20))] == ["kept", "broken"]
    # a payment made after a promise's deadline may still keep a later one
    assert [p["status"] for p in promise_standings(promises, one_payment, date(2027, 1, 20))] == ["broken", "kept"]
    assert [p["status"] for p in promise_standings(promises[:1], [], date(2026, 12, 16))] == ["pending"]


def test_a_payment_after_the_promise_deadline_does_not_keep_it():
    promises = [Promise(5, 10000, "2026-12-15")]
    assert promise_standings(promises, [Payment(6, "2026-12-20", 10000)], date(2026, 12, 21))[0]["status"] == "broken"


@pytest.mark.parametrize("bad", [{"grace_days": -1}, {"grace_days": True}, {"nope": 1}, {"default_after_missed": 0}])
def test_bad_thresholds_name_the_setting(bad):
    with pytest.raises(ValueError) as caught:
        ArrangementPolicy.from_dict(bad)
    assert str(caught.value).startswith("plans/")


@given(st.lists(st.integers(1, 50000), min_size=1, max_size=6), st.lists(st.integers(1, 50000), max_size=6),
       st.integers(0, 400))
def test_the_standing_only_gets_worse_with_time_for_the_same_payments(amounts, paid, day):
    plan = tuple((date.fromordinal(date(2027, 1, 5).toordinal() + 30 * i).isoformat(), a) for i, a in enumerate(amounts))
    payments = [Payment(11 + i, "2027-01-01", a) for i, a in enumerate(paid)]
    rank = {"completed": 0, "in_good_standing": 0, "late": 1, "defaulted": 2}
    today = date.fromordinal(date(2027, 1, 1).toordinal() + day)
    later = date.fromordinal(today.toordinal() + 1)
    a, b = plan_standing(plan, 10, payments, today), plan_standing(plan, 10, payments, later)
    assert rank[b["status"]] >= rank[a["status"]]
    assert sum(i["paid_cents"] for i in a["installments"]) == min(sum(paid), sum(amounts))
