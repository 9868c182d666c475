"""``reminders.may_fall_on`` lets the daily job skip obligations with nothing to say today: it may
keep too many, never too few. Checked against ``reminders.due`` over a grid of deadlines, kinds,
suspension clauses, event deadlines, calendar coverage and two policies; plus values by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from tracker.config import Policy
from tracker.reminders import Subject, due, may_fall_on

DAY = date(2025, 6, 16)
KINDS = ("payment", "data_delivery", "model_delivery", "evaluation_report", "contract_expiry", "other")


def test_never_skips_an_obligation_that_has_a_reminder() -> None:
    policies = [Policy(), replace(Policy(), overdue_daily_days=0, overdue_every_days=1)]  # the first run's
    kept = skipped = 0
    for pol in policies:
        for kind in KINDS:
            for offset in [*range(-80, 40), None]:
                for susp in (None, 0, 15, 30):
                    for ev in (None, *(DAY - timedelta(days=n) for n in (0, 1, 5, 9, 14, 30))):
                        for covered in (True, False):
                            due_d = DAY + timedelta(days=offset) if offset is not None else None
                            s = Subject(1, 1, kind, "client", "t", due_d, suspend_after_days=susp,
                                        waits_for="data_delivery" if ev else None, event_deadline=ev,
                                        calendar_covered=covered)
                            may = may_fall_on(kind, due_d, DAY, pol, suspend_after_days=susp, event_deadline=ev)
                            assert may or not due(s, DAY, pol), (kind, offset, susp, ev, covered)
                            kept += may
                            skipped += not may
    assert kept and skipped  # both outcomes exercised


def test_values_by_hand() -> None:
    pol = Policy()  # overdue: daily for 7 days, then every 7
    late = lambda n: DAY - timedelta(days=n)  # noqa: E731
    assert may_fall_on("payment", late(3), DAY, pol)  # a daily repeat
    assert not may_fall_on("payment", late(10), DAY, pol)  # neither a repeat day nor near suspension
    assert may_fall_on("payment", late(14), DAY, pol)  # 7 + 7: a weekly repeat
    assert may_fall_on("model_delivery", None, DAY, pol, event_deadline=late(2))
    assert not may_fall_on("model_delivery", None, DAY, pol, event_deadline=late(10))
    assert not may_fall_on("model_delivery", None, DAY, pol)  # the event is not late
    assert may_fall_on("data_delivery", DAY + timedelta(days=40), DAY, pol)  # ahead: kept (calendar notices)
