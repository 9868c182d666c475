"""When an English series starts: "every other Wednesday, starting on October 28, 2026", "commencing with the
Calendar Quarter ending 30 June 2026", "…, commencing February 2027", "every Thursday, starting in Week 1", and a
fee paid monthly in arrears from a date: "From 1 May 2027 … on the 20th day of the month following the month …"."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from tracker.parse import project_periods_en
from tracker.parse.common import find_dates
from tracker.parse.timex_recur_en import _MONTH, _MONTHS_EN, FOLLOWING_MONTH
from tracker.periods import add_months

_COMMENCING = re.compile(r"(?:commenc|start|begin)\w*\s+(?:with|from)\s+the\s+(?:first\s+)?(?:calendar\s+)?(?:quarter|month|year)\s+ending\s+(?:on\s+)?", re.I)
_STARTING_MONTH = re.compile(rf"\b(?:[Ss]tarting|[Bb]eginning|[Cc]ommencing|^From|^from)\s+(?:in\s+|from\s+|with\s+)?(?P<m>{_MONTH})\s+(?P<y>\d{{4}})\b")
#: "…, starting on the first Business Day of June 2026": the series' first month
_STARTING_DAY_OF_MONTH = re.compile(rf"\b(?:[Ss]tarting|[Bb]eginning|[Cc]ommencing)\s+(?:on|in|from|with)\s+the\s+(?:first|last|\d{{1,2}}(?:st|nd|rd|th))"
                                    rf"\s+(?:[A-Za-z]+\s+){{0,2}}?(?:of|in)\s+(?P<m>{_MONTH})\s+(?P<y>\d{{4}})\b")
_STARTING_WEEK = re.compile(r"\b(?:starting|beginning|commencing|from)\s+(?:in\s+|with\s+)?Week\s+(?P<n>\d{1,3})\b", re.I)
_STARTING_ON = re.compile(r"\b(?:(?:starting|beginning|commencing)(?:\s+(?:on|from))?|first\s+(?:report|statement|one)\s+(?:is\s+)?due"
                          r"(?:\s+on)?)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?", re.I)  # "…, first report due 10 July 2026"
#: a series of charges from a day, each paid in the month after the one it is for
_FROM_DAY = re.compile(r"^\s*(?:With\s+effect\s+)?[Ff]rom\s+")
_ARREARS = re.compile(r"\bmonth\s+following\s+the\s+month\b|\bfollowing\s+month\b|\bin\s+arrears\b", re.I)


def series_from(s: str, text: str) -> date | None:
    """No occurrence of the sentence's series falls before the day this returns (None: no such day stated)."""
    if (wk := _STARTING_WEEK.search(s)) is not None and (monday := project_periods_en.week_start(text, int(wk.group("n")))):
        return monday  # "every Thursday, starting in Week 1" where the contract dates its Weeks
    m = _COMMENCING.search(s)
    if m is None and (month := _STARTING_MONTH.search(s) or _STARTING_DAY_OF_MONTH.search(s)) is not None:  # "…, commencing February 2027"
        return date(int(month.group("y")), _MONTHS_EN.index(month.group("m").lower()) + 1, 1)
    if m is None:  # "every other Wednesday, starting on October 28, 2026": the first occurrence itself
        for on in _STARTING_ON.finditer(s):  # ("commencing with the quarter beginning on 1 July 2026": the second)
            hits = [h for h in find_dates(s, on.end(), on.end() + 25) if h.value]
            if hits and hits[0].start - on.end() <= 1:
                return hits[0].value
        if (named := named_period(s, text)) is not None:  # "During the Labelling Period, …", "for each month of the
            return add_months(named[0].replace(day=1), 1) if _ARREARS.search(s) else named[0]  # Labelling Period"
        if (lead := _FROM_DAY.match(s)) is not None:  # "From 1 May 2027 the Client shall pay … monthly in arrears, on the 20th
            hits = [h for h in find_dates(s, lead.end(), lead.end() + 25) if h.value]  # day of the month following …"
            if hits and hits[0].start == lead.end() and hits[0].value:
                first = hits[0].value
                return add_months(first.replace(day=1), 1) if _ARREARS.search(s) else first
        return None
    hits = [h for h in find_dates(s, m.end(), m.end() + 25) if h.value is not None and h.start - m.end() <= 1]
    return hits[0].value + timedelta(days=1) if hits and hits[0].value else None


#: a series bounded by a period the contract names: "During the Labelling Period, …", "… for each month of the
#: Labelling Period, on or before the 20th day of the following month"
_DURING_NAMED = re.compile(r"\b(?:[Dd]uring|[Tt]hroughout|(?:for\s+)?each\s+(?:calendar\s+)?month\s+(?:of|in))\s+the\s+"
                           r"(?P<n>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}\s+Period)\b")


@lru_cache(maxsize=32)
def _definition_end(name: str, text: str) -> int | None:
    """Where the definition of the period ``name`` reaches its first day ('"Labelling Period" means the period
    from '), read once per name and document (each sentence of its series asks)."""
    words = r"\s+".join(re.escape(w) for w in name.split())
    defined = re.search(rf"[\"“]{words}[\"”]\s+(?:shall\s+)?means?\s+the\s+period\s+(?:from|commencing\s+on|beginning\s+on|starting\s+on)\s+", text)
    return defined.end() if defined else None


def named_period(s: str, text: str) -> tuple[date, date | None] | None:
    """The first and last day of the named period the sentence's series runs in, when the contract defines
    that period by its days ('"Labelling Period" means the period from 1 July 2026 to 31 December 2026')."""
    m = _DURING_NAMED.search(s)
    if m is None:
        return None
    defined = _definition_end(" ".join(m.group("n").split()), text)
    hits = [h for h in find_dates(text, defined, defined + 80) if h.value] if defined is not None else []
    if not hits or hits[0].start != defined or hits[0].value is None:
        return None
    end = hits[1].value if len(hits) > 1 and re.fullmatch(r"\s*(?:to|until|through|and)\s*", text[hits[0].end:hits[1].start]) else None
    return hits[0].value, end


#: a monthly day in the month after the one paid for: "on or before the 20th day of the following month"
_NEXT_MONTH_DAY = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)\)?(?:\s+(?:calendar\s+)?day)?\s+of\s+the\s+{FOLLOWING_MONTH}\b", re.I)


def pays_next_month(s: str, recurrence: str) -> bool:
    """A monthly series whose day falls in the month after each month it is for: its first occurrence is in
    the month after the series starts (the fee for June is paid by 20 July)."""
    return recurrence.startswith("FREQ=MONTHLY;BYMONTHDAY=") and _NEXT_MONTH_DAY.search(s) is not None
