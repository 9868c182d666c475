"""English time expressions in a sentence → a deadline value (the time layer of the English rules).

One call, ``find_time(sentence)``, tries the readings in a fixed order and returns the first:

1. recurrences: "every second Friday", "each Monday", "no later than the tenth (10th) day of each
   calendar month", "by the 10th of each month", "on the last Business Day of each quarter",
   "by the last Friday of each calendar month", "at the end of each month"; a stated series start
   ("starting on the first Friday after the Effective Date") is kept as ``series_after``;
2. event-relative periods in any position: "within ten (10) Business Days after expiry",
   "no later than 15 Business Days following the SOW Effective Date", "Within five (5) Business
   Days after the Effective Date, Provider shall…", "payable forty-five (45) days after Final
   Acceptance", "Net 30" (from the invoice);
3. fixed dates: "on or before February 29, 2024", "by 13 March 2026", "no later than June 30, 2026";
4. an event with no period ("upon Acceptance", "on signature of this SOW"): offset ``P0D``, marked
   ``bare`` so a caller can keep it for payments only.

Events come from ``lexicon_en.EVENTS``. Pure functions over a string; spans are offsets in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tracker.parse.common import find_dates
from tracker.parse.lexicon_en import EVENT_IDS, EVENTS_RX, ORDINALS, WEEKDAYS
from tracker.parse.numerals import NumeralError, en_int

_NUMBER_WORDS = ("zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                 "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred")
_WORDNUM = rf"(?:(?:{_NUMBER_WORDS})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMBER_WORDS})){{0,4}})"
DUR = (
    # a number word starts at a word start: trying every letter of every word made one search of 1 MB
    # of English take 1.7 s
    rf"(?:(?<![a-z])(?P<w>{_WORDNUM})\s*\(\s*(?P<n>\d+)\s*\)|(?P<n3>\d+)\s*\(\s*{_WORDNUM}\s*\)|(?P<n2>\d+)|(?<![a-z])(?P<w2>{_WORDNUM}))\s*"
    r"(?P<u>business\s+days?|working\s+days?|calendar\s+days?|days?|months?|years?|weeks?)"
)
DUR_RX = re.compile(DUR, re.I)


def duration(m: re.Match[str]) -> tuple[str, bool] | None:
    """A ``DUR`` match → (ISO duration as written, counted in business days)."""
    try:
        if m.group("n"):
            n = int(m.group("n"))
        elif m.group("n3"):
            n = int(m.group("n3"))
        elif m.group("n2"):
            n = int(m.group("n2"))
        else:
            n = en_int(m.group("w2"))
    except NumeralError:
        return None
    unit = m.group("u").lower()
    if unit.startswith("month"):
        return f"P{n}M", False
    if unit.startswith("year"):
        return f"P{n}Y", False
    if unit.startswith("week"):
        return f"P{n * 7}D", False
    return f"P{n}D", unit.startswith(("business", "working"))


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    event: str | None = None
    offset: str | None = None
    business_days: bool = False
    fixed_date: date | None = None
    recurrence: str | None = None
    series_after: bool = False  # the series starts after the effective date ("the first Friday after…")
    bare: bool = False  # an event with no period: "upon Acceptance"


def event_of(phrase: str) -> str | None:
    """The canonical event a phrase names (``lexicon_en.EVENTS``), or None."""
    if re.fullmatch(r"\s*(?:the\s+)?Delivery\b.*", phrase, re.S) and not re.search(r"Delivery\s+of\s+(?:the\s+)?(?:Training\s+)?Data", phrase):
        return "model_delivery"  # "Delivery" defined as the model's delivery
    m = EVENTS_RX.search(phrase)
    return EVENT_IDS[int(m.lastgroup[1:])] if m and m.lastgroup else None


_ORD = "|".join(sorted((k for k in ORDINALS if k != "last"), key=len, reverse=True))
_DAY_OF_MONTH = rf"(?:(?:{_ORD})\s*\(\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*\)|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)|(?P<dw>{_ORD}))"
_EACH = r"(?:each|every)\s+(?:calendar\s+)?"
# "ten (10) days", "10 days", "the tenth (10th) calendar day" (calendar days, at most 28: one day of every month)
_DAYS_AFTER = rf"(?:(?:{_WORDNUM})\s*\(\s*(?P<d1>[1-9]|1\d|2[0-8])\s*\)|(?P<d2>[1-9]|1\d|2[0-8])|{_DAY_OF_MONTH.replace('d1', 'o1').replace('d2', 'o2').replace('dw', 'ow')})\s+(?:calendar\s+)?days?"
_WEEKDAY = "|".join(WEEKDAYS)
_BY = r"(?:on\s+or\s+before|no\s+later\s+than|not\s+later\s+than|by|on|before)\s+"

_RECURRENCES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"{_BY}the\s+last\s+(?:business|working)\s+day\s+of\s+{_EACH}quarter", re.I),
     "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"),
    (re.compile(rf"{_BY}the\s+(?:(?P<nth>last)|{_DAY_OF_MONTH})\s+(?:business|working)\s+day\s+of\s+{_EACH}month", re.I),
     "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS={pos}"),
    (re.compile(rf"{_BY}the\s+(?P<nth>last|first|second|third|fourth)\s+(?P<wd>{_WEEKDAY})\s+of\s+{_EACH}month", re.I),
     "FREQ=MONTHLY;BYDAY={nth}{wd}"),
    (re.compile(rf"{_BY}the\s+{_DAY_OF_MONTH}(?:\s+(?:calendar\s+)?day)?\s+of\s+(?:{_EACH}month|the\s+(?:calendar\s+)?month\s+following)", re.I),
     "FREQ=MONTHLY;BYMONTHDAY={day}"),
    (re.compile(rf"(?:by|at)\s+the\s+end\s+of\s+{_EACH}month", re.I), "FREQ=MONTHLY;BYMONTHDAY=-1"),
    # "within ten (10) days following the end of each calendar month": the 10th of the next month
    (re.compile(rf"(?:within|no\s+later\s+than|not\s+later\s+than)\s+(?:the\s+)?{_DAYS_AFTER}\s+(?:after|following)\s+the\s+end\s+of\s+{_EACH}month", re.I),
     "FREQ=MONTHLY;BYMONTHDAY={day}"),
    (re.compile(rf"(?:within|no\s+later\s+than|not\s+later\s+than)\s+(?:the\s+)?{_DAYS_AFTER}\s+(?:after|following)\s+the\s+end\s+of\s+{_EACH}quarter", re.I),
     "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY={day}"),
    (re.compile(rf"(?:every|each)\s+(?:second|other|alternate)\s+(?P<wd>{_WEEKDAY})|(?:bi-?weekly|fortnightly)\s+on\s+(?:each\s+)?(?P<wd2>{_WEEKDAY})", re.I),
     "FREQ=WEEKLY;INTERVAL=2;BYDAY={wd}"),
    (re.compile(rf"(?:every|each)\s+(?P<wd>{_WEEKDAY})\b", re.I), "FREQ=WEEKLY;BYDAY={wd}"),
)
_SERIES_AFTER = re.compile(rf",?\s*(?:starting|commencing|beginning)\s+(?:on|from)\s+the\s+first\s+(?:{_WEEKDAY})\s+after\s+the\s+(?:\w+\s+)?effective\s+date(?:\s+of\s+(?:each|the|this)\s+\w+)?", re.I)


#: cheap first checks: every recurrence says "each/every/…", every period names its unit
_RECURRENCE_HINT = re.compile(r"\b(?:each|every|bi-?weekly|fortnightly|month\s+following)\b", re.I)
_PERIOD_HINT = re.compile(r"\b(?:days?|months?|years?|weeks?|net|anniversary)\b", re.I)


def _recurrence(s: str) -> TimeExpr | None:
    if not _RECURRENCE_HINT.search(s):
        return None
    for rx, template in _RECURRENCES:
        m = rx.search(s)
        if not m:
            continue
        g = m.groupdict()
        nth = g.get("nth")
        wd = g.get("wd") or g.get("wd2")
        day = None
        if g.get("d1") or g.get("d2") or g.get("dw"):
            day = int(g["d1"] or g["d2"]) if (g["d1"] or g["d2"]) else ORDINALS[g["dw"].lower()]
        elif g.get("o1") or g.get("o2") or g.get("ow"):
            day = int(g["o1"] or g["o2"]) if (g["o1"] or g["o2"]) else ORDINALS[g["ow"].lower()]
        pos = -1 if nth and nth.lower() == "last" else day
        rule = template.format(nth=ORDINALS.get((nth or "").lower(), 0), wd=WEEKDAYS.get((wd or "").lower(), "")[:2],
                               day=day, pos=pos)
        end = m.end()
        tail = _SERIES_AFTER.match(s, end)
        if tail:
            end = tail.end()
        return TimeExpr(m.start(), end, recurrence=rule, series_after=bool(tail))
    return None


_REL = re.compile(
    rf"(?:(?P<pre>within|no\s+later\s+than|not\s+later\s+than|no\s+more\s+than|by\s+no\s+later\s+than|in|payable|due"
    rf"|(?:on\s+or\s+before|by|no\s+later\s+than)\s+the\s+date\s+(?:falling|that\s+is))\s+)?{DUR}\s+"
    r"(?P<rel>after|following|from|of|upon|since)\s+(?P<evt>[^,.;:]{0,90})",
    re.I,
)
_NOT_A_DEADLINE = re.compile(r"(?:\bfor|during|period\s+of|term\s+of|at\s+least|not\s+less\s+than|up\s+to)\s+(?:a\s+(?:further\s+)?period\s+of\s+)?$", re.I)
_NET = re.compile(r"\bnet\s+(?P<n>\d{1,3})(?:\s+days)?\b", re.I)
_FIXED = re.compile(
    r"(?:on\s+or\s+before|no\s+later\s+than|not\s+later\s+than|by|before|on\s+or\s+prior\s+to)\s+"
    # "by no later than 5:00 p.m. (Beijing time) on 30 November 2025"
    r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm|noon|hrs)?\s*(?:\([^()]{0,30}\)\s*)?on\s+)?(?:the\s+)?$",
    re.I,
)
_ANNIVERSARY = re.compile(rf"(?:on|upon|after|following)\s+the\s+(?P<nth>{_ORD}|\d(?:st|nd|rd|th))\s+(?:\(\s*\d(?:st|nd|rd|th)\s*\)\s+)?anniversary\s+of\s+(?P<evt>[^,.;:]{{0,60}})", re.I)
_BARE = re.compile(r"(?:\bupon|\bafter|\bfollowing|\bon)\s+(?P<evt>[^,.;:|]{0,60})", re.I)


def _relative(s: str) -> TimeExpr | None:
    if not _PERIOD_HINT.search(s):
        return None
    for m in _REL.finditer(s):
        if not m.group("pre") and _NOT_A_DEADLINE.search(s[max(0, m.start() - 30):m.start()]):
            continue  # "for three (3) years after the expiry": a survival period, not a deadline
        got = duration(m)
        event = event_of(m.group("evt"))
        if got and event:
            return TimeExpr(m.start(), m.end(), event=event, offset=got[0], business_days=got[1])
    am = _ANNIVERSARY.search(s)  # "on the first anniversary of the Acceptance Date"
    if am and (event := event_of(am.group("evt"))):
        n = am.group("nth").lower()
        years = ORDINALS[n] if n in ORDINALS else int(n[:-2])
        return TimeExpr(am.start(), am.end(), event=event, offset=f"P{years}Y")
    nm = _NET.search(s)
    if nm:
        return TimeExpr(nm.start(), nm.end(), event="invoice", offset=f"P{int(nm.group('n'))}D")
    return None


def _fixed(s: str) -> TimeExpr | None:
    for h in find_dates(s):
        fm = _FIXED.search(s[max(0, h.start - 70):h.start])
        if fm and h.value:
            return TimeExpr(max(0, h.start - 70) + fm.start(), h.end, fixed_date=h.value)
    return None


def bare_event(s: str) -> TimeExpr | None:
    """"upon Acceptance", "invoiced on signature of this SOW": an event with no period (``P0D``)."""
    for m in _BARE.finditer(s):
        event = event_of(m.group("evt"))
        if event:
            return TimeExpr(m.start(), m.end(), event=event, offset="P0D", bare=True)
    return None


def find_time(s: str) -> TimeExpr | None:
    """The deadline a sentence states, if any (see the module docstring for the order)."""
    return _recurrence(s) or _relative(s) or _fixed(s) or bare_event(s)
