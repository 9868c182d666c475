"""Civil-Code period rules and the mainland working-day calendar (tracker.periods)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.errors import CalendarOutOfRange
from tracker.periods import (
    Duration,
    add_business_days,
    add_duration,
    calendar_years,
    days_in_month,
    deadline,
    first_occurrence,
    is_workday,
    iter_occurrences,
    roll_forward,
)

COVERED = st.dates(min_value=date(2005, 1, 1), max_value=date(2025, 12, 1))


@pytest.mark.parametrize(
    ("start", "offset", "business", "roll", "want"),
    [
        (date(2025, 3, 1), "P15D", False, True, date(2025, 3, 17)),  # ends Sun 03-16 → Mon
        (date(2025, 3, 1), "P15D", False, False, date(2025, 3, 16)),  # start day not counted
        (date(2025, 3, 1), "P6M", False, False, date(2025, 9, 1)),  # corresponding day
        (date(2025, 1, 31), "P1M", False, False, date(2025, 2, 28)),  # no corresponding day: month end
        (date(2024, 2, 29), "P1Y", False, False, date(2025, 2, 28)),
        (date(2025, 9, 22), "P7D", True, True, date(2025, 9, 30)),  # make-up Sunday 09-28 counts
        (date(2025, 9, 22), "P10D", True, True, date(2025, 10, 11)),  # make-up Saturday 10-11
        (date(2025, 9, 22), "P5M", False, True, date(2026, 2, 24)),  # Spring Festival → 02-24
        (date(2025, 12, 26), "P50D", False, True, date(2026, 2, 14)),  # make-up Saturday stays
        (date(2025, 4, 18), "P15D", False, True, date(2025, 5, 6)),  # Labour Day → 05-06
        (date(2026, 4, 23), "-P60D", False, True, date(2026, 2, 22)),  # backwards never rolls
        (date(2025, 9, 1), "-P1M", False, True, date(2025, 8, 1)),
    ],
)
def test_worked_examples(start: date, offset: str, business: bool, roll: bool, want: date) -> None:
    got, guessed = deadline(start, offset, business_days=business, roll=roll)
    assert got == want
    assert not guessed


def test_duration_parse_and_iso() -> None:
    assert Duration.parse("P1Y6M") == Duration(1, 6, 0)
    assert Duration.parse("-P30D") == Duration(0, 0, 30, True)
    assert Duration.parse("P2W").days == 14
    assert Duration.parse("P18M").iso() == "P18M"
    for bad in ("", "P", "6M", "P1.5M", "-P"):
        with pytest.raises(ValueError):
            Duration.parse(bad)


def test_outside_the_calendar_is_reported_not_guessed_silently() -> None:
    first, last = calendar_years()
    assert first <= 2004 and last >= 2026
    with pytest.raises(CalendarOutOfRange):
        is_workday(date(last + 1, 1, 4))
    day, guessed = add_business_days(date(last, 12, 20), 10)
    assert guessed and day.year == last + 1 and day.weekday() < 5
    # a roll-forward that stays inside the covered years is not a guess
    day, guessed = roll_forward(date(2026, 10, 1))  # National Day: moves, and knows it
    assert day > date(2026, 10, 1) and is_workday(day) and not guessed


@settings(max_examples=400, deadline=None)
@given(COVERED, st.integers(min_value=0, max_value=300))  # stays inside the covered years
def test_rolled_forward_deadline_is_never_a_rest_day(start: date, days: int) -> None:
    due, guessed = deadline(start, f"P{days}D", roll=True)
    assert not guessed
    assert is_workday(due)
    raw = start + timedelta(days=days)
    assert raw <= due
    assert all(not is_workday(raw + timedelta(days=i)) for i in range((due - raw).days))


@settings(max_examples=400, deadline=None)
@given(COVERED, st.integers(min_value=1, max_value=60))
def test_n_business_days_span_exactly_n_working_days(start: date, n: int) -> None:
    end, guessed = add_business_days(start, n)
    assert not guessed
    assert is_workday(end)
    span = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(is_workday(d) for d in span) == n


def test_month_arithmetic_follows_art_202_for_every_start_day_2024_2026() -> None:
    day = date(2024, 1, 1)
    while day <= date(2026, 12, 31):
        for months in (1, 2, 3, 5, 6, 12, 18, 24):
            got = add_duration(day, f"P{months}M")
            y, m = divmod(day.month - 1 + months, 12)
            year, month = day.year + y, m + 1
            assert (got.year, got.month) == (year, month)
            assert got.day == min(day.day, calendar.monthrange(year, month)[1])
        day += timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(COVERED, st.integers(min_value=1, max_value=36))
def test_backwards_is_the_mirror_of_forwards_on_month_ends_clamped(start: date, months: int) -> None:
    forward = add_duration(start, f"P{months}M")
    back = add_duration(forward, f"-P{months}M")
    assert back <= start and (start - back).days <= 3


def test_last_working_day_of_month_recurrence() -> None:
    rule = "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"
    assert first_occurrence(rule, date(2025, 9, 22)) == date(2025, 9, 30)
    got = list(iter_occurrences(rule, date(2025, 9, 1), date(2026, 2, 28)))
    assert got[0] == date(2025, 9, 30)
    assert date(2026, 2, 28) in got  # Feb 2026 ends on a make-up Saturday: a working day, so it is the last
    assert all(is_workday(d) for d in got)
    assert first_occurrence("FREQ=MONTHLY;BYMONTHDAY=5", date(2026, 3, 1)) == date(2026, 3, 5)
    assert first_occurrence("FREQ=WEEKLY;BYDAY=FR", date(2026, 4, 1)) == date(2026, 4, 3)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
       st.integers(0, 30), st.integers(0, 24), st.integers(0, 400), st.booleans())
@settings(max_examples=300)
def test_durations_add_as_dateutils_relativedelta_adds_them(start: date, years: int, months: int, days: int,
                                                            negative: bool) -> None:
    """Years and months first, clamped to the month's end, then days: an independent library's answer
    (dateutil, outside the parser's start-up path) is the oracle."""
    from dateutil.relativedelta import relativedelta

    sign = -1 if negative else 1
    iso = ("-" if negative else "") + f"P{years}Y{months}M{days}D"
    want = start + relativedelta(years=sign * years, months=sign * months, days=sign * days)
    if date(1, 1, 1) < want < date(9999, 12, 31):
        assert add_duration(start, iso) == want


@given(st.integers(1, 9999), st.integers(1, 12))
def test_days_in_month_is_the_calendar_modules_month_length(year: int, month: int) -> None:
    """The parser counts month lengths without importing ``calendar``; the standard library is the oracle."""
    assert days_in_month(year, month) == calendar.monthrange(year, month)[1]


@pytest.mark.parametrize("month", [0, 13, -1])
def test_days_in_month_refuses_a_month_that_is_not_one(month: int) -> None:
    with pytest.raises(ValueError):
        days_in_month(2026, month)
