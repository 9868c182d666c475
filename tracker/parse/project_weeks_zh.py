"""Deadlines written in project weeks: "第14周末" where the contract defines its weeks
("以开工日所在周为第1周，每周自星期一起算。本合同所称“第N周末”，指第N周的星期五") and the
start ("开工日：2026年3月2日"). Week 1 is the week (Monday to Sunday) holding the start; 第N周末
is the weekday the contract names in week N. Without both definitions nothing is resolved: a
week number alone is never guessed into a date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tracker.parse.common import find_dates
from tracker.parse.numerals import CN_NUM_CHARS, NumeralError, cn_int

_N = rf"[\d{CN_NUM_CHARS}]+"
_WEEK_ONE = re.compile(r"以(?P<anchor>[\u4e00-\u9fff]{2,8}?)(?:当日)?所在(?:的)?(?:自然)?周为第\s*[1一]\s*周")
_WEEK_END = re.compile(r"第N周末[\"”']?\s*[,，]?\s*(?:系)?指第N周(?:的)?(?:星期|周)(?P<d>[一二三四五六日天])")
_DAYS = "一二三四五六"
_CELL = re.compile(rf"第\s*(?P<n>{_N})\s*周末")


def week_ends(text: str) -> tuple[date, int] | None:
    """(Monday of week 1, weekday index of 第N周末), when the contract defines both."""
    w1, we = _WEEK_ONE.search(text), _WEEK_END.search(text)
    if w1 is None or we is None:
        return None
    anchor = w1.group("anchor")
    start = None
    for m in re.finditer(re.escape(anchor), text):
        hits = [h for h in find_dates(text, m.end(), min(len(text), m.end() + 24)) if h.value]
        if hits and hits[0].start - m.end() <= 8:
            start = hits[0].value
            break
    if start is None:
        return None
    d = we.group("d")
    return start - timedelta(days=start.weekday()), (6 if d in "日天" else _DAYS.index(d))


def week_end_date(cell: str, weeks: tuple[date, int]) -> date | None:
    """The date "第N周末" in ``cell`` stands for."""
    n = _week_number(_CELL.search(cell))
    monday, weekday = weeks
    return monday + timedelta(weeks=n - 1, days=weekday) if n else None


_FROM_WEEK = re.compile(rf"自\s*第\s*(?P<n>{_N})\s*周(?:起|开始)")


def series_week(before: str, weeks: tuple[date, int]) -> date | None:
    """The Monday of the week "自第N周起" names (a weekly series starts there)."""
    n = _week_number(_FROM_WEEK.search(before))
    return weeks[0] + timedelta(weeks=n - 1) if n else None


def _week_number(m: re.Match[str] | None) -> int | None:
    """The week a match's ``n`` group names (1 to 520), or None."""
    if m is None:
        return None
    try:
        n = int(m.group("n")) if m.group("n").isdigit() else cn_int(m.group("n"))
    except NumeralError:
        return None
    return n if 1 <= n <= 520 else None
