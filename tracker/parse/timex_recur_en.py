"""Recurrences in English: "by the 10th of each month", "ten (10) days after the end of each calendar
quarter", "every other Friday" → an RFC 5545 RRULE (the table ``timex_recur`` reads; first match wins)."""

from __future__ import annotations

import re

from tracker.parse.numerals import NumeralError, en_int
from tracker.parse.timex_lexicon import ORDINALS_EN, WEEKDAYS_EN
from tracker.parse.timex_rrule import Q_END, Q_START, WORKDAYS, Build
from tracker.parse.timex_rrule import fixed_rule as _c

_ORD = "|".join(sorted(ORDINALS_EN, key=len, reverse=True))  # "twenty-first" before "first"
_WD = "|".join(WEEKDAYS_EN)
_EACH = r"(?:each|every|the)\s+(?:calendar\s+)?"
#: the month after the one a monthly day is for: "the 20th day of the following month", "of the month following"
FOLLOWING_MONTH = r"(?:month\s+following|(?:following|next|subsequent|succeeding)\s+(?:calendar\s+)?month)"
#: a day of the month: "the 10th", "the tenth (10th)", "the fifth"
_MDAY_EN = rf"(?:(?P<o>{_ORD})\s*\(\s*)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)\s*\)?|(?P<ow>{_ORD})"
#: a series that starts after an event: ", starting on the first Friday after the Effective Date"
SERIES_AFTER_EN = re.compile(rf",?\s*(?:starting|commencing|beginning)\s+(?:on|from)\s+the\s+first\s+(?:{_WD})\s+after\s+the\s+"
                             r"(?:\w+\s+)?effective\s+date(?:\s+of\s+(?:each|the|this)\s+\w+)?", re.I)


_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
_MONTH = "(?:" + "|".join(m.capitalize() for m in _MONTHS_EN) + ")"


def _month_list(text: str) -> str:
    return ",".join(str(_MONTHS_EN.index(w.lower()) + 1) for w in re.findall(r"[A-Za-z]+", text) if w.lower() in _MONTHS_EN)


def _quarter_mday(m: re.Match[str]) -> tuple[str, str, str, bool] | None:
    day = int(m.group("d")) if m.group("d") else ORDINALS_EN[m.group("ow").lower()]
    months = Q_START if m.group("which") == "first" else Q_END
    return (f"FREQ=MONTHLY;{months};BYMONTHDAY={day}", "calendar", "P0D", False) if 1 <= day <= 31 else None


def _mday(m: re.Match[str]) -> tuple[str, str, str, bool] | None:
    day = int(m.group("d")) if m.group("d") else ORDINALS_EN[m.group("ow").lower()]
    return (f"FREQ=MONTHLY;BYMONTHDAY={day}", "calendar", "P0D", False) if 1 <= day <= 31 else None


def _yearly_pairs_en(m: re.Match[str]) -> tuple[str, str, str, bool] | None:
    """"on or before March 31 and September 30 of each year": one day of several months — month ends
    (BYMONTHDAY=-1) or one day number; other mixes are no single rule."""
    pairs = re.findall(rf"({_MONTH})\s+(\d{{1,2}})|(\d{{1,2}})\s+(?:of\s+)?({_MONTH})", m.group("pairs"))
    got = sorted({(_MONTHS_EN.index((a or d).lower()) + 1, int(b or c)) for a, b, c, d in pairs})
    lasts = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    if len(got) < 2 or any(not 1 <= day <= lasts[mo - 1] for mo, day in got):
        return None
    months = ",".join(str(mo) for mo, _ in got)
    if all(day >= lasts[mo - 1] - (1 if mo == 2 else 0) for mo, day in got):
        return f"FREQ=YEARLY;BYMONTH={months};BYMONTHDAY=-1", "calendar", "P0D", False
    if len({day for _, day in got}) == 1:
        return f"FREQ=YEARLY;BYMONTH={months};BYMONTHDAY={got[0][1]}", "calendar", "P0D", False
    return None


def _yearly_en(m: re.Match[str]) -> tuple[str, str, str, bool] | None:
    month = _MONTHS_EN.index((m.group("m") or m.group("m2")).lower()) + 1
    day = int(m.group("d") or m.group("d2"))
    last = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    return (f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}", "calendar", "P0D", False) if 1 <= day <= last else None


RULES_EN: tuple[tuple[str, Build], ...] = (
    # "on or before the last day of the month following each Calendar Quarter"
    (r"last\s+day\s+of\s+the\s+(?:first\s+)?month\s+(?:following|after)\s+(?:the\s+end\s+of\s+)?(?:each|every)\s+(?:calendar\s+)?quarter",
     _c(f"FREQ=MONTHLY;{Q_START};BYMONTHDAY=-1")),
    # "by the fifteenth (15th) day of the first month of each calendar quarter"
    (rf"\bthe\s+(?:{_MDAY_EN})(?:\s+(?:calendar\s+)?day)?\s+of\s+the\s+(?P<which>first|last|third|final)\s+month\s+of\s+"
     rf"(?:each|every)\s+(?:calendar\s+)?quarter", lambda m: _quarter_mday(m)),
    (rf"last\s+(?:business|working)\s+day\s+of\s+{_EACH}quarter", _c(f"FREQ=MONTHLY;{Q_END};{WORKDAYS};BYSETPOS=-1")),
    (rf"last\s+(?:business|working)\s+day\s+of\s+{_EACH}month", _c(f"FREQ=MONTHLY;{WORKDAYS};BYSETPOS=-1")),
    (rf"(?P<o>{_ORD})\s*(?:\(\d+(?:st|nd|rd|th)\)\s*)?(?:business|working)\s+day\s+of\s+{_EACH}quarter",
     lambda m: (f"FREQ=MONTHLY;{Q_START};{WORKDAYS};BYSETPOS={ORDINALS_EN[m.group('o').lower()]}", "calendar", "P0D", False)),
    (rf"(?P<o>{_ORD})\s*(?:\(\d+(?:st|nd|rd|th)\)\s*)?(?:business|working)\s+day\s+of\s+{_EACH}month",
     lambda m: (f"FREQ=MONTHLY;{WORKDAYS};BYSETPOS={ORDINALS_EN[m.group('o').lower()]}", "calendar", "P0D", False)),
    # "on the second Tuesday of March, June, September and December in each year"
    (rf"(?P<o>{_ORD})\s+(?P<w>{_WD})\s+of\s+(?P<months>{_MONTH}(?:\s*,\s*{_MONTH})*\s*,?\s+and\s+{_MONTH})\s+(?:in\s+)?(?:each|every)\s+(?:calendar\s+)?year",
     lambda m: (f"FREQ=MONTHLY;BYMONTH={_month_list(m.group('months'))};BYDAY={ORDINALS_EN[m.group('o').lower()]}"
                f"{WEEKDAYS_EN[m.group('w').lower()]}", "calendar", "P0D", False)),
    (rf"(?P<o>{_ORD})\s+(?P<w>{_WD})\s+of\s+{_EACH}month",
     lambda m: (f"FREQ=MONTHLY;BYDAY={ORDINALS_EN[m.group('o').lower()]}{WEEKDAYS_EN[m.group('w').lower()]}", "calendar", "P0D", False)),
    (r"(?P<d>\d{1,2})(?:st|nd|rd|th)\)?\s+(?:calendar\s+)?day\s+of\s+(?:each|every|the)\s+(?:calendar\s+)?month(?!\s+following)|"
     rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)\)?(?:\s+(?:calendar\s+)?day)?\s+of\s+the\s+{FOLLOWING_MONTH}",
     lambda m: (f"FREQ=MONTHLY;BYMONTHDAY={int(m.group('d') or m.group('d2'))}", "calendar", "P0D", False)),
    (rf"(?P<o>{_ORD})\s*\(\d+(?:st|nd|rd|th)\)\s*(?:calendar\s+)?day\s+following\s+the\s+end\s+of\s+(?:each|every|the)\s+(?:calendar\s+)?month",
     lambda m: ("FREQ=MONTHLY;BYMONTHDAY=-1", "month_end", f"P{ORDINALS_EN[m.group('o').lower()]}D", False)),
    (r"(?P<dur>\w+(?:\s*\(\d+\))?\s+(?:business\s+|working\s+|calendar\s+)?days?)\s+(?:following|after)\s+the\s+end\s+of\s+(?:each|every)\s+(?:calendar\s+)?month",
     lambda m: _en_boundary(m, "FREQ=MONTHLY;BYMONTHDAY=-1", "month_end")),
    (r"(?P<dur>\w+(?:\s*\(\d+\))?\s+(?:business\s+|working\s+|calendar\s+)?days?)\s+(?:following|after)\s+the\s+(?:end|close)\s+of\s+each\s+(?:fiscal|financial|calendar)\s+year",
     lambda m: _en_boundary(m, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31", "year_end")),
    (r"(?P<dur>\w+(?:[\s-]\w+){0,3}?(?:\s*\(\d+\))?\s+(?:business\s+|working\s+|calendar\s+)?days?)\s+(?:following|after)\s+the\s+end\s+of\s+each\s+contract\s+year",
     lambda m: _en_boundary(m, "FREQ=YEARLY", "contract_year_end")),
    (r"(?P<dur>\w+(?:[\s-]\w+){0,3}?(?:\s*\(\d+\))?\s+(?:business\s+|working\s+|calendar\s+)?days?)\s+(?:following|after)\s+the\s+(?:end|close)\s+of\s+(?:each|every)\s+(?:calendar\s+)?quarter",
     lambda m: _en_boundary(m, f"FREQ=MONTHLY;{Q_END};BYMONTHDAY=-1", "quarter_end")),
    # "by the 10th of each month", "no later than the tenth (10th) day of each calendar month"
    (rf"\bthe\s+(?:{_MDAY_EN})(?:\s+(?:calendar\s+)?day)?\s+of\s+(?:each|every)\s+(?:calendar\s+)?month", _mday),
    (r"(?:end|last\s+day)\s+of\s+(?:each|every)\s+(?:calendar\s+)?month", _c("FREQ=MONTHLY;BYMONTHDAY=-1")),
    # "on or before the last day of each calendar quarter"
    (r"(?:end|last\s+day)\s+of\s+(?:each|every)\s+(?:calendar\s+)?quarter", _c(f"FREQ=MONTHLY;{Q_END};BYMONTHDAY=-1")),
    (rf"(?:every|on)\s+(?:other|second|alternate|two\s+weeks\s+on)\s+(?P<w>{_WD})", lambda m: (
        f"FREQ=WEEKLY;INTERVAL=2;BYDAY={WEEKDAYS_EN[m.group('w').lower()]}", "calendar", "P0D", False)),
    (rf"(?:each|every)\s+(?P<w>{_WD})", lambda m: (f"FREQ=WEEKLY;BYDAY={WEEKDAYS_EN[m.group('w').lower()]}", "calendar", "P0D", False)),
    (r"(?:accrue|bear)s?\s+(?:late\s+)?(?:interest|charges?)\s+from\s+the\s+(?:due\s+date|date\s+due)", _c("FREQ=DAILY", "due_date", "P1D")),
    (r"monthly\s+in\s+arrears", _c("FREQ=MONTHLY;BYMONTHDAY=-1", "month_end")),
    (r"quarterly\s+in\s+advance", _c(f"FREQ=MONTHLY;{Q_START};BYMONTHDAY=1", "quarter_start")),
    (r"(?:annually|yearly)[^.;]{0,30}anniversary|each\s+anniversary", _c("FREQ=YEARLY", "event", "P1Y")),
    # "by the 15th day of January, April, July and October (each year)"
    (rf"\b(?:the\s+)?(?:[a-z]+(?:-[a-z]+)?\s+\()?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\)?\s+(?:day\s+)?of\s+"  # "fifteenth (15th) day of"
     rf"(?P<months>{_MONTH}(?:\s*,\s*{_MONTH})*\s*,?\s+and\s+{_MONTH})"
     r"(?:\s+(?:in\s+|of\s+)?(?:each|every)\s+(?:calendar\s+)?year)?",  # (a list of months recurs as it stands)
     lambda m: (f"FREQ=MONTHLY;BYMONTH={_month_list(m.group('months'))};BYMONTHDAY={int(m.group('d'))}", "calendar", "P0D", False)
     if 1 <= int(m.group("d")) <= 28 else None),
    # "on or before March 31 and September 30 of each year"
    (rf"(?P<pairs>(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+(?:of\s+)?{_MONTH})(?:\s*(?:,\s*and|,|and)\s*"
     rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+(?:of\s+)?{_MONTH}))+),?\s+(?:of\s+|in\s+)?(?:each|every)\s+(?:calendar\s+)?year",
     _yearly_pairs_en),
    # "by 31 January of each year", "on or before March 31 in every calendar year"
    (rf"(?:\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)"
     r",?\s+(?:of\s+|in\s+)?(?:each|every)\s+(?:calendar\s+)?year", _yearly_en),
)


def _en_boundary(m: re.Match[str], rrule: str, anchor: str) -> tuple[str, str, str, bool] | None:
    """The period before a boundary: "ten (10) days", "15 business days", "forty-five days" (the pattern
    may take a word or two before the number: the number is the last that reads as one)."""
    dur = m.group("dur")
    d = re.search(r"\((\d+)\)", dur) or re.search(r"\b(\d+)\b", dur)
    n: int | None = int(d.group(1)) if d else None
    words = re.sub(r"\s*(?:business|working|calendar)?\s*days?$", "", dur.strip(), flags=re.I).split()
    for i in range(len(words)) if n is None else ():
        try:
            n = en_int(" ".join(words[i:]))
            break
        except NumeralError:
            continue
    if n is None:
        return None
    return rrule, anchor, f"P{n}D", bool(re.search(r"business|working", dur, re.I))


#: what every English rule counted from a period's end states ("ten (10) days after the end of each
#: month"): a sentence without it skips them (their leading ``\w+`` is tried at every word otherwise)
_PERIOD_END_EN = re.compile(r"(?:following|after)\s+the\s+(?:end|close)\s+of\s+(?:each|every)", re.I)


#: what every English rule of a yearly date states ("by 31 January of each year"): a sentence without
#: it skips them (they start at any figure or month name)
_EACH_YEAR_EN = re.compile(r"(?:each|every)\s+(?:calendar\s+)?year", re.I)


#: what the rule of a list of months states ("January, April, July and October"): two month names joined by "and"
_MONTH_LIST_EN = re.compile(rf"(?:{_MONTH})\s*,?\s+and\s+(?:{_MONTH})", re.I)


def needs_en(rx: str) -> re.Pattern[str] | None:
    """What a sentence must state for the English rule ``rx`` to be tried (None: no gate)."""
    if rx.startswith("(?P<dur>"):
        return _PERIOD_END_EN
    if "(?:calendar\\s+)?year)?" in rx:
        return _MONTH_LIST_EN  # "each year" is optional there: a list of months it needs
    return _EACH_YEAR_EN if "(?:each|every)\\s+(?:calendar\\s+)?year" in rx else None


__all__ = ["FOLLOWING_MONTH", "RULES_EN", "SERIES_AFTER_EN", "needs_en"]
