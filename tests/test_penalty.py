"""Worked penalty examples, exact to the fen (tracker.penalty)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.errors import UsageError
from tracker.model import Cap, Penalty
from tracker.money import D
from tracker.penalty import (
    Delivery,
    Instalment,
    Payment,
    Rate,
    accrual_snapshot,
    allocate,
    compute,
    suspend_date,
)

FEE = D("500000.00")
LATE_72 = Penalty("late_payment", "7.2", rate=D("0.005"), per="day", basis="overdue_amount",
                  suspend_after_days=30)
LATE_71 = Penalty("late_delivery", "7.1", rate=D("0.0005"), per="day", basis="total_fee",
                  cap=Cap(rate=D("0.20"), basis="total_fee"))
FIXED_73 = Penalty("confidentiality_breach", "7.3", amount=D("100000.00"))
FIRST = Instalment(1, date(2025, 3, 17), D("150000.00"), "首期款 30%", "4.2")
SECOND = Instalment(2, date(2025, 6, 30), D("200000.00"), "第二期 40%", "4.2")


def test_issue_worked_example() -> None:
    pays = [Payment(date(2025, 3, 27), D("50000.00")), Payment(date(2025, 4, 30), D("100000.00"))]
    result = compute([LATE_72], [FIRST], pays, FEE, date(2025, 6, 1))
    (a,) = result.instalments
    assert a.penalty == D("24500.00")
    assert result.total == D("24500.00")
    assert [(p.start, p.end, p.balance, p.days, p.penalty) for p in a.periods] == [
        (date(2025, 3, 17), date(2025, 3, 27), D("150000.00"), 10, D("7500")),
        (date(2025, 3, 27), date(2025, 4, 30), D("100000.00"), 34, D("17000")),
    ]
    assert a.suspend_from == date(2025, 4, 17)
    assert a.suspend_right
    assert a.balance == 0 and not a.overdue
    assert a.periods[0].first_day == date(2025, 3, 18)


def test_suspend_date_is_more_than_n_days() -> None:
    assert suspend_date(date(2025, 3, 17), 30) == date(2025, 4, 17)
    assert suspend_date(date(2025, 3, 17), None) is None


def test_suspension_right_does_not_arise_when_paid_in_time() -> None:
    pays = [Payment(date(2025, 4, 16), D("150000.00"))]
    (a,) = compute([LATE_72], [FIRST], pays, FEE, date(2025, 6, 1)).instalments
    assert a.suspend_from is None
    assert a.penalty == D("150000.00") * D("0.005") * 30  # 03-18 .. 04-16
    # paid on the threshold day itself: that day is still overdue, the right has arisen
    pays = [Payment(date(2025, 4, 17), D("150000.00"))]
    (a,) = compute([LATE_72], [FIRST], pays, FEE, date(2025, 6, 1)).instalments
    assert a.suspend_from == date(2025, 4, 17)


def test_payment_on_the_due_date_costs_nothing() -> None:
    pays = [Payment(date(2025, 3, 17), D("150000.00"))]
    (a,) = compute([LATE_72], [FIRST], pays, FEE, date(2025, 12, 31)).instalments
    assert a.penalty == D("0.00") and a.periods == () and a.suspend_from is None


def test_one_day_late_is_one_day() -> None:
    pays = [Payment(date(2025, 3, 18), D("150000.00"))]
    (a,) = compute([LATE_72], [FIRST], pays, FEE, date(2025, 12, 31)).instalments
    assert a.penalty == D("750.00") and a.days == 1


def test_unpaid_accrues_through_as_of_and_ignores_later_payments() -> None:
    pays = [Payment(date(2025, 4, 30), D("150000.00"))]
    (a,) = compute([LATE_72], [FIRST], pays, FEE, date(2025, 3, 20)).instalments
    assert a.penalty == D("2250.00")  # 3 days, 03-18..03-20
    assert a.balance == D("150000.00") and a.overdue
    assert a.applied == ()


def test_not_yet_due_is_not_listed() -> None:
    result = compute([LATE_72], [FIRST, SECOND], [], FEE, date(2025, 3, 17))
    assert result.instalments == ()
    assert result.total == 0


def test_cap_binds_on_one_instalment() -> None:
    capped = Penalty("late_payment", "7.2", rate=D("0.005"), per="day", basis="overdue_amount",
                     cap=Cap(rate=D("0.20"), basis="total_fee"))
    clause = compute([capped], [FIRST], [], FEE, date(2026, 3, 17)).late_payment[0]
    (a,) = clause.accruals
    assert clause.cap_limit == D("100000.00")
    assert a.penalty == D("100000.00")
    assert to_2(a.uncapped) == D("273750.00")  # 365 days x 750
    # 750 a day: 133 days make 99,750; the cap is reached on day 134
    assert clause.cap_reached_on == date(2025, 7, 29)
    assert a.cap_cut == D("173750.00")


def test_cap_binds_across_the_clause_chronologically() -> None:
    capped = Penalty("late_payment", "7.2", rate=D("0.005"), per="day", basis="overdue_amount",
                     cap=Cap(rate=D("0.20"), basis="total_fee"))
    clause = compute([capped], [FIRST, SECOND], [], FEE, date(2025, 12, 31)).late_payment[0]
    a, b = clause.accruals
    # A alone 03-18..06-30: 105 x 750 = 78,750; then 1,750 a day; 12 days make 99,750 (07-12);
    # on 07-13 the remaining 250 go to the older instalment.
    assert clause.cap_reached_on == date(2025, 7, 13)
    assert (a.penalty, b.penalty) == (D("88000.00"), D("12000.00"))
    assert clause.total == D("100000.00")
    # before the cap binds, nothing is cut
    early = compute([capped], [FIRST, SECOND], [], FEE, date(2025, 7, 12)).late_payment[0]
    assert [x.penalty for x in early.accruals] == [D("87750.00"), D("12000.00")]
    assert early.cap_reached_on is None


def test_fixed_cap_amount() -> None:
    capped = Penalty("late_payment", "7.2", rate=D("0.005"), per="day", basis="overdue_amount",
                     cap=Cap(amount=D("1000.00")))
    (a,) = compute([capped], [FIRST], [], FEE, date(2025, 4, 30)).instalments
    assert a.penalty == D("1000.00")


def test_monthly_rate_uses_30_day_months() -> None:
    monthly = Penalty("late_payment", "5.3", rate=D("0.015"), per="month", basis="overdue_amount")
    inst = Instalment("inv-1", date(2025, 1, 31), D("33333.33"))
    (a,) = compute([monthly], [inst], [], None, date(2025, 3, 3)).instalments
    # 31 days (02-01..03-03): 33,333.33 x 0.015 x 31 / 30 = 516.666615 -> 516.67
    assert a.days == 31
    assert a.uncapped == D("516.666615")
    assert a.penalty == D("516.67")
    assert a.rate.day_count.endswith("/ 30")
    assert a.rate.annualised == D("0.1825")


def test_yearly_rate_and_annualised_daily_rate() -> None:
    yearly = Penalty("late_payment", "5.3", rate=D("0.0365"), per="year", basis="overdue_amount")
    inst = Instalment(1, date(2025, 1, 1), D("100000.00"))
    (a,) = compute([yearly], [inst], [], None, date(2025, 1, 11)).instalments
    assert a.penalty == D("100.00")  # 100,000 x 0.0365 x 10 / 365
    assert Rate(D("0.005"), "day").annualised == D("1.825")  # 千分之五 a day ≈ 182.5 % a year


def test_rounded_once_not_per_period() -> None:
    small = Penalty("late_payment", "7.2", rate=D("0.0005"), per="day", basis="overdue_amount")
    inst = Instalment(1, date(2025, 1, 1), D("10.00"))
    pays = [Payment(date(2025, 1, 2), D("5.00"))]
    (a,) = compute([small], [inst], pays, None, date(2025, 1, 4)).instalments
    # 10 x 0.0005 x 1 = 0.005 and 5 x 0.0005 x 2 = 0.005: 0.01 once, not 0.01 + 0.01
    assert [p.penalty for p in a.periods] == [D("0.005"), D("0.005")]
    assert a.penalty == D("0.01")


def test_late_payment_on_total_fee_basis() -> None:
    fee_basis = Penalty("late_payment", "7.2", rate=D("0.001"), per="day", basis="total_fee")
    pays = [Payment(date(2025, 3, 20), D("100000.00")), Payment(date(2025, 3, 22), D("50000.00"))]
    (a,) = compute([fee_basis], [FIRST], pays, FEE, date(2025, 6, 1)).instalments
    assert a.penalty == D("2500.00")  # 5 days x 500,000 x 0.001
    assert [p.balance for p in a.periods] == [D("150000.00"), D("50000.00")]


def test_late_delivery_on_total_fee() -> None:
    model = Delivery("m", date(2025, 7, 20), date(2025, 8, 9), "模型交付", "2.3")
    result = compute([LATE_71, LATE_72, FIXED_73], [], [], FEE, date(2025, 9, 1), [model])
    (d,) = result.deliveries
    assert d.penalty == D("5000.00")  # 20 days x 500,000 x 0.0005
    assert d.delivered_on == date(2025, 8, 9)
    assert result.delivery_total == D("5000.00") and result.total == 0
    assert result.fixed == (FIXED_73,)


def test_late_delivery_undelivered_runs_to_as_of_and_is_capped() -> None:
    model = Delivery("m", date(2025, 7, 20), None)
    result = compute([LATE_71], [], [], FEE, date(2025, 8, 1), [model])
    assert result.deliveries[0].penalty == D("3000.00")
    result = compute([LATE_71], [], [], FEE, date(2027, 1, 1), [model])
    clause = result.late_delivery[0]
    assert clause.accruals[0].penalty == D("100000.00")
    assert clause.cap_reached_on == date(2026, 8, 24)  # 400 days x 250 = 100,000


def test_late_delivery_on_delayed_amount() -> None:
    delayed = Penalty("late_delivery", "7.1", rate=D("0.001"), per="day", basis="delayed_amount")
    parts = [Delivery("a", date(2025, 7, 20), date(2025, 7, 30), delayed_amount=D("80000.00")),
             Delivery("b", date(2025, 7, 20), date(2025, 7, 30))]
    a, b = compute([delayed], [], [], FEE, date(2025, 9, 1), parts).deliveries
    assert a.penalty == D("800.00")
    assert b.penalty == D("5000.00")  # the delayed part not singled out: the whole fee


def test_delivered_on_time_or_no_deadline() -> None:
    parts = [Delivery("a", date(2025, 7, 20), date(2025, 7, 20)), Delivery("b", None)]
    (a,) = compute([LATE_71], [], [], FEE, date(2025, 9, 1), parts).deliveries
    assert a.penalty == 0 and a.periods == ()


def test_blank_clause_is_a_note_not_an_error() -> None:
    blank = Penalty("late_payment", "7.2", per="day", basis="overdue_amount")
    result = compute([blank], [FIRST], [], None, date(2025, 6, 1))
    assert result.total == 0
    assert result.notes == ("clause 7.2 (late_payment): no rate stated, not computed",)
    no_fee = compute([LATE_71], [], [], None, date(2025, 9, 1), [Delivery("m", date(2025, 7, 20))])
    assert "total fee" in no_fee.notes[0]


def test_allocation_oldest_unpaid_first() -> None:
    pays = [Payment(date(2025, 7, 10), D("200000.00"))]
    alloc = allocate([SECOND, FIRST], pays)
    assert [(a.obligation_id, a.amount) for a in alloc.applied] == [(1, D("150000.00")), (2, D("50000.00"))]
    assert alloc.unapplied == 0


def test_allocation_named_then_excess_to_oldest_then_credit() -> None:
    pays = [Payment(date(2025, 7, 1), D("250000.00"), 2), Payment(date(2025, 7, 2), D("200000.00"))]
    alloc = allocate([FIRST, SECOND], pays)
    assert [(a.obligation_id, a.amount, a.named) for a in alloc.applied] == [
        (2, D("200000.00"), True), (1, D("50000.00"), False), (1, D("100000.00"), False)]
    assert alloc.unapplied == D("100000.00")
    assert alloc.paid(1) == D("150000.00")
    assert alloc.paid(1, through=date(2025, 7, 1)) == D("50000.00")


def test_allocation_in_date_order_not_input_order() -> None:
    pays = [Payment(date(2025, 5, 1), D("100.00")), Payment(date(2025, 4, 1), D("100.00"), 2)]
    alloc = allocate([FIRST, SECOND], pays)
    assert [(a.payment, a.obligation_id) for a in alloc.applied] == [(1, 2), (0, 1)]


@pytest.mark.parametrize("pay", [Payment(date(2025, 1, 1), D("0")),
                                 Payment(date(2025, 1, 1), D("-5")),
                                 Payment(date(2025, 1, 1), D("5"), 99)])
def test_allocation_rejects_bad_payments(pay: Payment) -> None:
    with pytest.raises(UsageError):
        allocate([FIRST], [pay])


def test_snapshot_lists_overdue_instalments_only() -> None:
    pays = [Payment(date(2025, 3, 17), D("150000.00"))]
    snap = accrual_snapshot([LATE_72], [FIRST, SECOND], pays, FEE, date(2025, 7, 5))
    assert [(s.obligation_id, s.penalty, s.suspend_from) for s in snap] == [
        (2, D("5000.00"), date(2025, 7, 31))]


def test_results_are_frozen_and_explain_themselves() -> None:
    (a,) = compute([LATE_72], [FIRST], [], FEE, date(2025, 3, 27)).instalments
    with pytest.raises(AttributeError):
        a.penalty = Decimal(0)  # type: ignore[misc]
    assert a.periods[0].explain() == "150000.00 x 0.005 x 10"


def to_2(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"))


def test_cap_on_each_instalments_own_amount() -> None:
    own = Penalty("late_payment", "7.2", rate=D("0.005"), per="day", basis="overdue_amount",
                  cap=Cap(rate=D("0.10"), basis="overdue_amount"))
    clause = compute([own], [FIRST, SECOND], [], FEE, date(2025, 12, 31)).late_payment[0]
    assert clause.cap_limit is None
    assert [a.penalty for a in clause.accruals] == [D("15000.00"), D("20000.00")]


def test_no_clause_read_is_said_not_accrued_as_zero() -> None:
    """Issue 8: an overdue instalment with no late-payment clause read gives a note, not a silent 0.00."""
    late = Instalment(1, date(2025, 3, 1), D("1000.00"), "首期款", "4.2")
    paid_in_time = Instalment(2, date(2025, 3, 1), D("500.00"), "第二期", "4.2")
    r = compute([], [late, paid_in_time], [Payment(date(2025, 3, 1), D("500.00"), 2)], None,
                date(2025, 4, 1))
    assert r.total == 0 and r.late_payment == ()
    assert r.unread == ("late-payment clause not found or not understood: 1 overdue instalment(s) not computed; "
                        "check the contract's penalty clause",)
    assert r.notes[0] == r.unread[0]
    with_clause = compute([LATE_72], [late], [], None, date(2025, 4, 1))
    assert with_clause.unread == () and with_clause.total > 0


def test_nothing_overdue_needs_no_clause() -> None:
    on_time = Instalment(1, date(2025, 5, 1), D("1000.00"))
    assert compute([], [on_time], [], None, date(2025, 4, 1)).unread == ()
