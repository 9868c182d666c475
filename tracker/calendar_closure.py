"""A closure a contract adds to its working-day calendar every year ("excludes every day in the period
from 24 December to 5 January"), written into the calendar's code so that it travels with the code
wherever dates are counted again (the store, a recorded event, ``calendar refresh``):

    NZ-AUK+CLOSED:1224-0105   Auckland's public holidays, and 24 December to 5 January each year

Pure functions over codes and dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

_SUFFIX = re.compile(r"\+CLOSED:(\d{2})(\d{2})-(\d{2})(\d{2})$")
Closure = tuple[int, int, int, int]  # first month, first day, last month, last day (both days closed)


def split(code: str) -> tuple[str, Closure | None]:
    """(the base calendar's code, its closure or None); a malformed suffix is left in the base."""
    m = _SUFFIX.search(code)
    if m is None:
        return code, None
    closure = (int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4)))
    return (code[:m.start()], closure) if valid(closure) else (code, None)


def valid(closure: Closure) -> bool:
    m1, d1, m2, d2 = closure
    try:
        date(2024, m1, d1), date(2024, m2, d2)  # (a leap year: 29 February is a day)
    except ValueError:
        return False
    return True


def code_with(base: str, closure: Closure) -> str:
    m1, d1, m2, d2 = closure
    return f"{base}+CLOSED:{m1:02d}{d1:02d}-{m2:02d}{d2:02d}"


def days_in(closure: Closure, year: int) -> frozenset[date]:
    """The closed days that fall in ``year``: a closure over the new year closes both ends of it."""
    m1, d1, m2, d2 = closure
    out: set[date] = set()
    for start_year in (year - 1, year):
        try:
            first = date(start_year, m1, d1)
            last = date(start_year if (m2, d2) >= (m1, d1) else start_year + 1, m2, d2)
        except ValueError:  # 29 February in a common year
            continue
        day = first
        while day <= last:
            if day.year == year:
                out.add(day)
            day += timedelta(days=1)
    return frozenset(out)


def describe(closure: Closure) -> str:
    m1, d1, m2, d2 = closure
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"closed {d1} {months[m1 - 1]}–{d2} {months[m2 - 1]} each year"
