"""Period arithmetic of the PRC Civil Code (arts. 200-204) and the mainland working-day calendar.

Pure functions: nothing here reads the clock. Rules (spec "Period rules"):

1. the start day is not counted: 15 days from 03-01 ends on 03-16 (``start + 15 days``);
2. months and years end on the corresponding day, clamped to the month's last day;
3. a *performance deadline counted forward from an event* that ends on a rest day moves to
   the next working day (make-up working days 调休 count as working days);
4. N working days are counted after the start day, on the contract's calendar.

The calendar is a parameter (``tracker.calendars.Calendar``: the mainland by default, from
``chinesecalendar`` plus the years a user imported; other jurisdictions from ``holidays``).
In a year it does not cover we fall back to "weekends are rest days" and say so: every
function that can meet such a year returns a ``guessed`` flag, which the callers turn into the
``calendar_out_of_range`` warning rather than a silent guess.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from tracker.errors import CalendarOutOfRange
from tracker.record import record

if TYPE_CHECKING:
    from tracker.calendars import Calendar

_DURATION = re.compile(r"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


@record(frozen=True)
class Duration:
    """An ISO 8601 duration of whole years, months and days, possibly negative."""

    years: int = 0
    months: int = 0
    days: int = 0
    negative: bool = False

    @classmethod
    def parse(cls, text: str) -> Duration:
        m = _DURATION.match(text.strip())
        if not m or text.strip() in ("P", "-P"):
            raise ValueError(f"not an ISO 8601 duration: {text!r}")
        sign, y, mo, w, d = m.groups()
        return cls(int(y or 0), int(mo or 0), int(w or 0) * 7 + int(d or 0), bool(sign))

    def iso(self) -> str:
        parts = "".join(f"{n}{u}" for n, u in ((self.years, "Y"), (self.months, "M"), (self.days, "D")) if n)
        return ("-" if self.negative else "") + "P" + (parts or "0D")

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months



def days_in_month(year: int, month: int) -> int:
    """The number of days of ``month`` (1-12) of ``year``, as ``calendar.monthrange`` gives it,
    without importing ``calendar`` (and ``locale`` with it: 2.5 ms of every parse's start-up)."""
    if not 1 <= month <= 12:
        raise ValueError(f"bad month number {month}; must be 1-12")
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def add_months(day: date, months: int) -> date:
    """The corresponding day ``months`` later (earlier when negative), clamped to that month's last
    day (art. 202: one month from 2025-01-31 ends 2025-02-28)."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month0 + 1, min(day.day, days_in_month(year, month0 + 1)))


def add_duration(start: date, duration: Duration | str) -> date:
    """``start`` plus a duration by arts. 201-202: start day not counted, corresponding day, clamped.
    Years and months first (clamping to the month's end), then days, as ``dateutil``'s relativedelta
    adds them (tests/test_periods_props.py compares the two; dateutil costs start-up 3 ms)."""
    dur = Duration.parse(duration) if isinstance(duration, str) else duration
    sign = -1 if dur.negative else 1
    return add_months(start, sign * dur.total_months) + timedelta(days=sign * dur.days)


# ---------------------------------------------------------------- working-day calendar
#
# One interface over every calendar: ``is_working_day``, ``add_working_days``, ``roll_forward``
# (and the walks built on them) take the calendar as ``cal`` (a ``tracker.calendars.Calendar``:
# the contract's code plus the years a user imported). ``cal=None`` is the mainland calendar
# from the package alone.


def _cal(cal: Calendar | None) -> Calendar:
    if cal is not None:
        return cal
    from tracker.calendars import MAINLAND

    return MAINLAND


def calendar_years() -> tuple[int, int]:
    """First and last year the mainland package (chinesecalendar) covers."""
    from tracker.calendars import package_range

    rng = package_range("CN")
    assert rng is not None
    return rng


def covered(day: date, cal: Calendar | None = None) -> bool:
    return _cal(cal).covers(day.year)


def is_working_day(day: date, cal: Calendar | None = None) -> bool:
    """A working day of ``cal``; raises ``CalendarOutOfRange`` for a year it does not cover."""
    c = _cal(cal)
    ok, guessed = c.working(day)
    if guessed:
        raise CalendarOutOfRange(day.year, c.code)
    return ok


is_workday = is_working_day  # the older name


def _workday_guess(day: date, cal: Calendar | None = None) -> tuple[bool, bool]:
    """(is a working day, guessed): weekends-only outside the covered years."""
    return _cal(cal).working(day)


def _next_workday(day: date, step: int, cal: Calendar | None = None) -> tuple[date, bool]:
    """The first working day from ``day`` (inclusive) walking by ``step`` days; (day, guessed)."""
    c = _cal(cal)
    guessed = False
    while True:
        ok, g = c.working(day)
        guessed |= g
        if ok:
            return day, guessed
        day += timedelta(days=step)


def roll_forward(day: date, cal: Calendar | None = None) -> tuple[date, bool]:
    """Art. 203: the next working day on or after ``day``; second item True if any year was guessed."""
    return _next_workday(day, 1, cal)


def add_working_days(start: date, n: int, cal: Calendar | None = None) -> tuple[date, bool]:
    """The n-th working day after ``start`` (start day not counted); n < 0 counts backwards."""
    c = _cal(cal)
    step = 1 if n >= 0 else -1
    remaining, day, guessed = abs(n), start, False
    while remaining:
        day += timedelta(days=step)
        ok, g = c.working(day)
        guessed |= g
        if ok:
            remaining -= 1
    return day, guessed


add_business_days = add_working_days  # the older name


def deadline(start: date, offset: str, *, business_days: bool = False, roll: bool = True,
             cal: Calendar | None = None) -> tuple[date, bool]:
    """The last day of a period of ``offset`` from ``start``.

    ``roll``: a performance deadline counted forward from an event moves off rest days
    (art. 203); term ends, renewal-notice deadlines and confidentiality ends do not.
    Returns (date, guessed) where guessed means a year without holiday data was involved.
    """
    dur = Duration.parse(offset)
    if business_days:
        if dur.years or dur.months:
            raise ValueError(f"working days must be counted in days: {offset}")
        return add_working_days(start, -dur.days if dur.negative else dur.days, cal)
    end = add_duration(start, dur)
    if roll and not dur.negative:
        return roll_forward(end, cal)
    return end, False


def last_workday_of_month(year: int, month: int, cal: Calendar | None = None) -> tuple[date, bool]:
    return _next_workday(add_months(date(year, month, 1), 1) - timedelta(days=1), -1, cal)


def first_occurrence(rrule: str, on_or_after: date, cal: Calendar | None = None) -> date | None:
    """First occurrence of an RRULE (without DTSTART) on or after a day.

    ``BYDAY=MO..FR;BYSETPOS=-1`` (每月最后一个工作日) is read with the mainland calendar: the
    last working day of the month, so the rule and the calendar agree.
    """
    occurrences = iter_occurrences(rrule, on_or_after, cal=cal)
    return next(occurrences, None)


def first_workday_of_month(year: int, month: int, cal: Calendar | None = None) -> tuple[date, bool]:
    return _next_workday(date(year, month, 1), 1, cal)


_WORKDAYS = {"MO", "TU", "WE", "TH", "FR"}


def iter_occurrences(rrule: str, start: date, until: date | None = None,  # type: ignore[no-untyped-def]
                     cal: Calendar | None = None):
    """Occurrences of an RRULE from ``start`` (inclusive).

    "The last (first) working day of the month" — ``BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1`` (``=1``) —
    is read with the mainland calendar (make-up Saturdays count, holidays do not), honouring
    ``BYMONTH`` (quarterly: ``BYMONTH=3,6,9,12``). Everything else goes to dateutil.
    """
    from dateutil.rrule import rrulestr

    parts = dict(p.split("=", 1) for p in rrule.upper().split(";") if "=" in p)
    if (parts.get("FREQ") in ("MONTHLY", "YEARLY") and parts.get("BYSETPOS") in ("-1", "1")
            and set(parts.get("BYDAY", "").split(",")) == _WORKDAYS):
        months = {int(m) for m in parts["BYMONTH"].split(",")} if "BYMONTH" in parts else set(range(1, 13))
        pick = last_workday_of_month if parts["BYSETPOS"] == "-1" else first_workday_of_month
        year, month = start.year, start.month
        while year <= 9998:
            if month in months:
                day, _ = pick(year, month, cal)
                if until is not None and day > until:
                    return
                if day >= start:
                    yield day
            month += 1
            if month > 12:
                year, month = year + 1, 1
        return
    from datetime import datetime

    rule = rrulestr(rrule, dtstart=datetime(start.year, start.month, start.day))
    for dt in rule:
        d = dt.date()
        if until is not None and d > until:
            return
        yield d
