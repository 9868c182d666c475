"""Properties of the one working-day interface (tracker.periods) over every calendar, and hand facts."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.calendar_file import read_schedule
from tracker.calendars import Calendar, Calendars, package_year
from tracker.errors import CalendarOutOfRange
from tracker.periods import add_working_days, deadline, is_working_day, roll_forward

FIX = Path(__file__).parent / "fixtures" / "calendars"
IMPORTED_2026 = read_schedule(FIX / "CN-2026.toml").schedule  # typed from the State Council's notice
TEST_2027 = read_schedule(FIX / "CN-2027-test.toml").schedule

CALENDARS = {
    "CN": Calendar("CN"),
    "CN+2027": Calendars((TEST_2027,)).get("CN"),
    "TW": Calendar("TW"),
    "US-NY": Calendar("US-NY"),
    "HK": Calendar("HK"),
}
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2028, 12, 31))
cal_names = st.sampled_from(sorted(CALENDARS))


def working(cal: Calendar, d: date) -> bool:
    return cal.working(d)[0]


@settings(max_examples=300, deadline=None)
@given(cal_names, days)
def test_a_rolled_forward_day_is_the_first_working_day(name: str, d: date) -> None:
    cal = CALENDARS[name]
    rolled, _ = roll_forward(d, cal)
    assert rolled >= d and working(cal, rolled)
    x = d
    while x < rolled:
        assert not working(cal, x)
        x += timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(cal_names, days, st.integers(min_value=-40, max_value=40))
def test_n_working_days_after_d_span_exactly_n_working_days(name: str, d: date, n: int) -> None:
    cal = CALENDARS[name]
    end, _ = add_working_days(d, n, cal)
    lo, hi = (d + timedelta(days=1), end) if n >= 0 else (end, d - timedelta(days=1))
    count, x = 0, lo
    while x <= hi:
        count += working(cal, x)
        x += timedelta(days=1)
    assert count == abs(n)
    assert n == 0 and end == d or working(cal, end)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)))
def test_a_year_imported_from_the_notice_agrees_with_chinesecalendar(d: date) -> None:
    cal = Calendars((IMPORTED_2026,)).get("CN")
    assert cal.coverage(2026).startswith("国务院办公厅")  # type: ignore[union-attr]
    assert working(cal, d) == chinese_calendar.is_workday(d)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 12, 31)))
def test_any_package_year_reimported_agrees_with_chinesecalendar(d: date) -> None:
    pkg = package_year("CN", d.year)
    assert pkg is not None
    again = Calendars((pkg.__class__("CN", d.year, pkg.holidays, pkg.workdays, "import #9: same days"),)).get("CN")
    assert working(again, d) == chinese_calendar.is_workday(d) == is_working_day(d)


def test_uncovered_year_raises_and_is_flagged_until_imported() -> None:
    with pytest.raises(CalendarOutOfRange):
        is_working_day(date(2027, 1, 4))
    assert roll_forward(date(2027, 1, 1))[1] is True  # guessed
    cal = CALENDARS["CN+2027"]
    assert is_working_day(date(2027, 2, 20), cal) and not is_working_day(date(2027, 1, 1), cal)
    assert roll_forward(date(2027, 1, 1), cal) == (date(2027, 1, 4), False)
    assert deadline(date(2027, 2, 3), "P10D", business_days=True, cal=cal) == (date(2027, 2, 23), False)


@pytest.mark.parametrize(("code", "day", "expected"), [
    ("TW", date(2025, 2, 8), True),    # Saturday 補行上班 (make-up for 01-27)
    ("TW", date(2025, 1, 27), False),  # the bridge day it pays for
    ("TW", date(2025, 10, 10), False),  # National Day
    ("TW", date(2025, 10, 1), True),   # a mainland holiday, a Taiwan working day
    ("US-NY", date(2025, 11, 11), False),  # Veterans Day: New York banks closed
    ("US-NY", date(2026, 7, 3), True),   # Independence Day is a Saturday: banks open on the Friday
    ("US-NY", date(2026, 10, 12), False),  # Columbus Day
    ("CN", date(2026, 2, 14), True),     # Saturday worked (调休)
    ("HK", date(2025, 7, 1), False),     # HKSAR Establishment Day
    # Hong Kong's working days skip its general holidays (Cap. 149), not only the statutory ones
    ("HK", date(2026, 4, 3), False),     # Good Friday
    ("HK", date(2026, 4, 7), False),     # the day following Easter Monday
    ("HK", date(2026, 12, 25), False),   # Christmas Day
    ("HK", date(2026, 4, 8), True),      # the Wednesday after Easter
    # Macau's working days skip the public administration's holidays (公眾假日, with compensatory rest days)
    ("MO", date(2026, 12, 8), False),    # Immaculate Conception
    ("MO", date(2026, 12, 21), False),   # the rest day for the SAR Establishment Day (a Sunday)
    ("MO", date(2026, 12, 22), False),   # Winter Solstice
    ("MO", date(2026, 2, 16), True),     # Chinese New Year's Eve: the afternoon off leaves a working morning
    ("MO", date(2026, 12, 9), True),
])
def test_hand_facts(code: str, day: date, expected: bool) -> None:
    assert is_working_day(day, Calendar(code)) is expected
