"""Project calendars an English contract defines, and the deadlines stated against them.

"Month 1 is the calendar month in which the Commencement Date falls" makes "by the end of Month 6" the
last day of the sixth calendar month; '"Month" means each successive period of one month starting on
the Commencement Date' makes it the day before the sixth monthly anniversary. "Week 1 is the week
beginning Monday 12 October 2026" with "due by the Friday of that Week" makes Week 2's deliverable due
on Friday 23 October. The zh counterpart is ``project_weeks_zh``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from tracker.parse.common import find_dates
from tracker.parse.timex_anchors import field_dates_en
from tracker.periods import days_in_month

_NAME = r"(?P<anchor>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})"
#: Month 1 is the calendar month the anchor falls in
_MONTH_CALENDAR = re.compile(r"\bMonth\s+1\s+(?:is|means|shall\s+be)\s+the\s+(?:calendar\s+)?month\s+(?:in|during)\s+which\s+"
                             rf"the\s+{_NAME}\s+(?:falls|occurs)")
#: months counted from the anchor day itself
_MONTH_RUNNING = re.compile(r"[\"“]Month[\"”]\s+means\s+(?:a|each|every)\s+(?:successive\s+)?(?:consecutive\s+)?period\s+of\s+"
                            rf"one\s+(?:calendar\s+)?month\s+(?:starting|beginning|commencing)\s+(?:on|from|with)\s+the\s+{_NAME}")
_WEEK_ONE = re.compile(r"\bWeek\s+1\s+(?:is|means|shall\s+be)\s+the\s+(?:calendar\s+)?week\s+(?:beginning|commencing|starting)"
                       r"(?:\s+on)?\s+(?:(?:Monday|Sunday),?\s+)?")
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEK_DUE = re.compile(r"\bdue\s+(?:by|on)\s+the\s+(?P<d>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+of\s+"
                       r"(?:that|the\s+relevant|each\s+such)\s+Week", re.I)
#: "by the end of Month 6", "no later than the end of Month 9"
BY_MONTH_END = re.compile(r"\b(?:by|before|no\s+later\s+than|not\s+later\s+than|on\s+or\s+before)\s+the\s+end\s+of\s+"
                          r"Month\s+(?P<n>\d{1,3})\b", re.I)
#: a Week or Month column's cell: "11", "1–2", "Weeks 3-6", "Month 6"
_CELL = re.compile(r"\s*\**\s*(?:(?:Weeks?|Months?)\s+)?(?P<a>\d{1,3})(?:\s*[–—-]\s*(?P<b>\d{1,3}))?\s*\**\s*")


def _anchor_day(text: str, name: str) -> date | None:
    return field_dates_en(text).get(" ".join(name.lower().split()))


@lru_cache(maxsize=4)
def months(text: str) -> tuple[date, bool] | None:
    """(the anchor day, calendar months or not) when the contract defines its Months."""
    if "Month" not in text:
        return None
    for rx, calendar_months in ((_MONTH_CALENDAR, True), (_MONTH_RUNNING, False)):
        m = rx.search(text)
        if m is not None and (day := _anchor_day(text, m.group("anchor"))) is not None:
            return day, calendar_months
    return None


@lru_cache(maxsize=4)
def weeks(text: str) -> tuple[date, int] | None:
    """(the Monday of Week 1, the weekday a Week's deliverable is due) when the contract defines both."""
    m = _WEEK_ONE.search(text) if "Week" in text else None
    due = _WEEK_DUE.search(text) if m else None
    if m is None or due is None:
        return None
    hits = [h for h in find_dates(text, m.end(), m.end() + 30) if h.value]
    if not hits or hits[0].start - m.end() > 2:
        return None
    start = hits[0].value
    if start is None:
        return None
    return start - timedelta(days=start.weekday()), _DAYS.index(due.group("d").lower())


def month_end(text: str, n: int) -> date | None:
    """The last day of Month ``n``, as the contract counts its Months."""
    got = months(text)
    if got is None or not 1 <= n <= 600:
        return None
    day, calendar_months = got
    if calendar_months:
        y, mo = divmod(day.month - 1 + n - 1, 12)
        year, month = day.year + y, mo + 1
        return date(year, month, days_in_month(year, month))
    y, mo = divmod(day.month - 1 + n, 12)
    year, month = day.year + y, mo + 1
    return date(year, month, min(day.day, days_in_month(year, month))) - timedelta(days=1)


def week_due(text: str, n: int) -> date | None:
    """The day Week ``n``'s deliverable is due."""
    got = weeks(text)
    if got is None or not 1 <= n <= 520:
        return None
    monday, weekday = got
    return monday + timedelta(weeks=n - 1, days=weekday)


def week_start(text: str, n: int) -> date | None:
    got = weeks(text)
    return got[0] + timedelta(weeks=n - 1) if got and 1 <= n <= 520 else None


def cell_date(text: str, unit: str, cell: str) -> date | None:
    """The due day a Week or Month column's cell states (a range: its last week or month)."""
    m = _CELL.fullmatch(cell)
    if m is None:
        return None
    n = int(m.group("b") or m.group("a"))
    return week_due(text, n) if unit == "week" else month_end(text, n)


#: "Target Week n ends on the day falling 7 x n calendar days after the SOW Effective Date": Weeks counted
#: from an event, whose date may be unknown when the contract is read
_WEEK_FROM_EVENT = re.compile(r"\bWeek\s+\*?n\*?\s+(?:ends|expires)\s+on\s+the\s+(?:day|date)\s+(?:falling|that\s+is|which\s+is)\s+"
                              r"(?:7|seven)\s*[x×*]\s*\*?n\*?\s+(?:calendar\s+)?days\s+after\s+(?P<ev>[^.;\n]{3,60})")


@lru_cache(maxsize=4)
def week_event(text: str) -> str | None:
    """The event Week n is counted from (n × 7 days after it), when the contract defines Weeks so."""
    from tracker.parse.timex_element import schema_event
    from tracker.parse.timex_scan import scan

    m = _WEEK_FROM_EVENT.search(text) if "Week" in text else None
    event = next((t for t in scan(m.group("ev"), "en") if t.kind == "EVENT"), None) if m else None
    got = schema_event(str(event.value)) if event is not None else None
    return got if got and got != "other" else None


def cell_week(text: str, cell: str) -> tuple[str, str] | None:
    """(event, offset) of a Week column's cell where Weeks count from an event: "Week 4" → P28D."""
    m = _CELL.fullmatch(cell)
    event = week_event(text) if m else None
    return (event, f"P{7 * int(m.group('b') or m.group('a'))}D") if m and event else None


__all__ = ["BY_MONTH_END", "cell_date", "cell_week", "month_end", "months", "week_due", "week_event", "week_start", "weeks"]
