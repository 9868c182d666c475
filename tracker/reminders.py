"""Reminder policy: which reminder is due on which day. Pure: ``today`` is a parameter.

One ``Subject`` is an open obligation as the policy needs to see it (no database, no text
beyond its short title and clause). ``due(subject, today, policy)`` lists the reminders that
fall on ``today``; each has a ``reason``:

``due_in_7d`` … ``due_in_1d``, ``due_today``
    the chained lead times of the obligation's kind (``Policy.lead_days``).
``overdue``
    a performance obligation past its deadline: every day for the first week, then weekly.
``penalty``
    an overdue payment: same days as ``overdue``; the daily job fills in the accrued amount.
``suspension_in_3d``, ``suspension_right``
    the day the other party may suspend or terminate (``suspend_after_days`` of the late-
    payment penalty clause), announced ``suspension_notice_days`` before and on the day.
``event_late``
    the obligation waits for an event (client's data, model delivery…) whose own deadline has
    passed: its own deadline is at risk. Same repeat days as ``overdue``.
``evaluation_shortfall``
    an evaluation recorded below the contract's targets (announced once).
``calendar_uncovered``
    the deadline lies in a year without a published mainland holiday calendar, so a
    working-day count or a holiday roll-forward may still move it (announced once).
``calendar_moved``
    a calendar refresh (an imported year, a newer package) moved the deadline: old → new
    (the daily job builds these from ``calendar_moves``; announced once).

One-shot reasons (``evaluation_shortfall``, ``calendar_uncovered``) are *level-triggered*:
they are listed on every day of their window with the same ``for_date``, and the outbox's
unique key makes them arrive once, even if the first day of the window was missed.

``catch_up(reminders, now)`` re-dates what a missed day produced: a reminder about a deadline
that has passed by ``now`` becomes an ``overdue`` (or ``suspension_right``…) notice for
``now``, so that what fell due while the scheduler was down is announced as overdue rather
than skipped, and once rather than once per missed day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tracker.config import Policy
from tracker.money import fmt_money

OVERDUE = "overdue"
PASSED = "passed"
PENALTY = "penalty"
SUSPENSION_RIGHT = "suspension_right"
EVENT_LATE = "event_late"
EVALUATION_SHORTFALL = "evaluation_shortfall"
CALENDAR_UNCOVERED = "calendar_uncovered"
CALENDAR_MOVED = "calendar_moved"
DUE_TODAY = "due_today"

# Which obligation kind produces which trigger event (an obligation waiting for the event is
# at risk when that obligation is late).
EVENT_PRODUCER = {
    "data_delivery": "data_delivery",
    "model_delivery": "model_delivery",
    "evaluation_report": "evaluation_report",
    "acceptance": "evaluation_report",
}


def lead_reason(days: int) -> str:
    return DUE_TODAY if days == 0 else f"due_in_{days}d"


def suspension_reason(days: int) -> str:
    return SUSPENSION_RIGHT if days <= 0 else f"suspension_in_{days}d"


@dataclass(frozen=True)
class Subject:
    """One open obligation, as the policy needs to see it."""

    obligation_id: int
    contract_id: int
    kind: str
    party: str
    title: str
    due_date: date | None
    clause: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    contract_title: str | None = None
    recurrence: str | None = None  # the store moves due_date to the next occurrence when one is done
    # context the daily job looks up:
    suspend_after_days: int | None = None  # late-payment clause: 逾期超过N日 the other party may suspend
    penalty_clause: str | None = None
    waits_for: str | None = None  # trigger event when due_date is unknown
    event_deadline: date | None = None  # deadline of the late obligation producing that event
    shortfall: dict[str, tuple[Decimal, Decimal]] | None = None  # metric -> (measured, target)
    shortfall_on: date | None = None  # when the short evaluation was recorded
    calendar_covered: bool = True  # periods.covered(due_date)


@dataclass(frozen=True)
class Reminder:
    """One reminder: its subject, why, for which day."""

    subject: Subject
    reason: str
    for_date: date
    due_date: date | None  # the deadline the reminder is about
    days: int = 0  # days until due_date from for_date (negative: overdue)
    detail: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> tuple[int, str, date]:
        return (self.subject.obligation_id, self.reason, self.for_date)

    def to_json(self) -> dict[str, Any]:
        """The notification: contract, obligation, dates, amount, clause; never contract text."""
        s = self.subject
        out: dict[str, Any] = {
            "obligation_id": s.obligation_id,
            "contract_id": s.contract_id,
            "contract": s.contract_title,
            "kind": s.kind,
            "party": s.party,
            "title": s.title,
            "clause": s.clause,
            "reason": self.reason,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "for_date": self.for_date.isoformat(),
            "days": self.days,
            "amount": fmt_money(s.amount),
            "currency": s.currency,
        }
        out.update(self.detail)
        return out


def repeats_on(days_late: int, policy: Policy) -> bool:
    """Overdue repeat days: 1..overdue_daily_days every day, then every overdue_every_days."""
    if days_late <= 0:
        return False
    if days_late <= policy.overdue_daily_days:
        return True
    return policy.overdue_every_days > 0 and (days_late - policy.overdue_daily_days) % policy.overdue_every_days == 0


def suspension_date(due_date: date, suspend_after_days: int) -> date:
    """逾期超过N日: late for more than N days, i.e. from the (N+1)-th day after the deadline."""
    return due_date + timedelta(days=suspend_after_days + 1)


def due(s: Subject, today: date, policy: Policy) -> list[Reminder]:
    """The reminders for one obligation that fall on ``today``."""
    out: list[Reminder] = []
    leads = policy.leads(s.kind)
    if s.due_date is not None:
        days = (s.due_date - today).days
        if days in leads:
            out.append(Reminder(s, lead_reason(days), today, s.due_date, days))
        late = -days
        if s.kind in policy.overdue_kinds and repeats_on(late, policy):
            out.append(Reminder(s, OVERDUE, today, s.due_date, days, {"days_late": late}))
            if s.kind == "payment":
                out.append(Reminder(s, PENALTY, today, s.due_date, days,
                                    {"days_late": late, "penalty_clause": s.penalty_clause}))
        if s.kind == "payment" and s.suspend_after_days is not None and late > 0:
            right = suspension_date(s.due_date, s.suspend_after_days)
            before = (right - today).days
            if before in policy.suspension_notice_days:
                out.append(Reminder(s, suspension_reason(before), today, s.due_date, days,
                                    {"suspension_date": right.isoformat(), "penalty_clause": s.penalty_clause}))
        if not s.calendar_covered and days >= 0:
            first = s.due_date - timedelta(days=policy.calendar_notice_days)
            if today >= first:
                out.append(Reminder(s, CALENDAR_UNCOVERED, first, s.due_date, (s.due_date - first).days,
                                    {"year": s.due_date.year}))
    if s.waits_for and s.event_deadline is not None and s.due_date is None:
        late = (today - s.event_deadline).days
        if repeats_on(late, policy):
            out.append(Reminder(s, EVENT_LATE, today, None, 0,
                                {"waits_for": s.waits_for, "event_deadline": s.event_deadline.isoformat(),
                                 "days_late": late}))
    if s.shortfall and s.shortfall_on is not None and today >= s.shortfall_on:
        out.append(Reminder(s, EVALUATION_SHORTFALL, s.shortfall_on, s.due_date, 0,
                            {"metrics": {k: {"measured": str(m), "target": str(t)}
                                         for k, (m, t) in sorted(s.shortfall.items())}}))
    return out


def may_fall_on(kind: str, due_date: date | None, today: date, policy: Policy, *,
                suspend_after_days: int | None = None, event_deadline: date | None = None) -> bool:
    """False when ``due`` cannot give an obligation of ``kind`` a reminder on ``today`` (leaving
    an evaluation shortfall aside): a cheap test before its ``Subject`` is built (issue 12: most
    open obligations of a large portfolio have nothing to say on a given day)."""
    if due_date is None:
        return event_deadline is not None and repeats_on((today - event_deadline).days, policy)
    days = (due_date - today).days
    if days >= 0 or days in policy.leads(kind):
        return True
    if kind in policy.overdue_kinds and repeats_on(-days, policy):
        return True
    return kind == "payment" and suspend_after_days is not None and \
        (suspension_date(due_date, suspend_after_days) - today).days in policy.suspension_notice_days


def due_all(subjects: Iterable[Subject], today: date, policy: Policy) -> list[Reminder]:
    out: list[Reminder] = []
    for s in subjects:
        out.extend(due(s, today, policy))
    return out


def catch_up(reminders: Iterable[Reminder], now: date, policy: Policy) -> list[Reminder]:
    """Re-date reminders of a missed day whose deadline has passed by ``now`` (see module doc)."""
    out: list[Reminder] = []
    seen: set[tuple[int, str, date]] = set()
    for r in reminders:
        if r.for_date < now and r.reason not in (EVALUATION_SHORTFALL, CALENDAR_UNCOVERED, CALENDAR_MOVED):
            if r.reason.startswith("suspension_"):
                right = date.fromisoformat(r.detail["suspension_date"])
                if right <= now:
                    r = replace(r, reason=SUSPENSION_RIGHT, for_date=now)
            elif r.reason == EVENT_LATE:
                late = (now - date.fromisoformat(r.detail["event_deadline"])).days
                r = replace(r, for_date=now, detail={**r.detail, "days_late": late})
            elif r.due_date is not None and r.due_date < now:
                late = (now - r.due_date).days
                reason = r.reason if r.reason == PENALTY else OVERDUE
                if reason == OVERDUE and r.subject.kind not in policy.overdue_kinds:
                    reason = PASSED  # an expiry that passed during an outage is not a late duty
                r = replace(r, reason=reason, for_date=now, days=-late, detail={**r.detail, "days_late": late})
        if r.key not in seen:
            seen.add(r.key)
            out.append(r)
    return out


def describe(r: Reminder) -> str:
    """One line for people: what, which contract, when, how much, which clause."""
    s = r.subject
    what = f"{s.title} ({s.kind}, clause {s.clause or '?'})"
    where = f"contract #{s.contract_id}" + (f" {s.contract_title}" if s.contract_title else "")
    due_s = r.due_date.isoformat() if r.due_date else "?"
    money = f" {fmt_money(s.amount)} {s.currency or ''}".rstrip() if s.amount is not None else ""
    if r.reason == DUE_TODAY:
        head = f"due today ({due_s})"
    elif r.reason.startswith("due_in_"):
        head = f"due in {r.days} day{'s' if r.days != 1 else ''} ({due_s})"
    elif r.reason == OVERDUE:
        head = f"OVERDUE by {r.detail.get('days_late', -r.days)} days (was due {due_s})"
    elif r.reason == PASSED:
        head = f"passed on {due_s}"
    elif r.reason == PENALTY:
        acc = r.detail.get("accrued")
        head = f"late-payment penalty accrued so far: {acc or 'unknown'}" + (
            f" (clause {r.detail['penalty_clause']})" if r.detail.get("penalty_clause") else "")
    elif r.reason.startswith("suspension_"):
        head = f"suspension/termination right arises on {r.detail.get('suspension_date')}"
    elif r.reason == EVENT_LATE:
        head = (f"at risk: waits for {r.detail.get('waits_for')}, which was due "
                f"{r.detail.get('event_deadline')} and is {r.detail.get('days_late')} days late")
    elif r.reason == EVALUATION_SHORTFALL:
        parts = ", ".join(f"{k} {v['measured']} < {v['target']}" for k, v in r.detail.get("metrics", {}).items())
        head = f"evaluation below target: {parts}"
    elif r.reason == CALENDAR_UNCOVERED:
        head = (f"deadline {due_s} is in {r.detail.get('year')}, which has no published holiday calendar yet"
                " (import it: tracker calendar import FILE)")
    elif r.reason == CALENDAR_MOVED:
        head = (f"deadline moved by the holiday calendar: {r.detail.get('old_due_date')} → "
                f"{r.detail.get('new_due_date')} ({r.detail.get('calendar_reason')})")
    else:
        head = r.reason
    return f"{head}: {what}{money}, {where}"
