"""Working-day calendars as values: which days are working days, for which years, from where.

A ``Calendar`` is the data a working-day count needs, passed in (``tracker.periods`` reads no
database and no clock). It joins two sources, year by year:

- years a user imported (``tracker calendar import FILE``, kept in the database): a
  ``YearSchedule`` of holidays (days off, weekday or weekend) and make-up working days;
- a package: ``chinesecalendar`` for the mainland (``CN``, 2004 to its last published year), and
  the ``holidays`` package for every other code (``TW`` with its weekend make-up workdays,
  ``US-NY`` = the Federal Reserve Bank of New York's holidays, i.e. New York bank business days,
  ``HK``, ``MO``, ``SG``, ``GB``, any ``XX`` or ``XX-SUBDIV`` it supports).

An imported year wins over the package. A year neither covers is counted with weekends only
and reported (``coverage(year)`` is None), so the caller raises ``calendar_out_of_range``.
The ``holidays`` calendars are rule-based: the package claims every year of its range.

Every day is a working day when it is a make-up working day, or a weekday (Mon-Fri) that is
not a holiday; every other day is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from tracker import calendar_closure
from tracker.record import field, record

DEFAULT = "CN"
# Codes that are not a plain ISO country (subdivision): the calendar the contract's wording means.
_FINANCIAL = {"US-NY": "USNY"}  # "banks in New York are open": Federal Reserve Bank of New York holidays
#: the package's categories a country's working days skip, where its default ("public") is narrower: Hong Kong's
#: "public" is the statutory (labour) holidays; its 公眾假期, when banks and offices close, are the general holidays
#: of Cap. 149, the package's "optional" ones besides (Good Friday, Easter Monday, Christmas, …); Macau's "public"
#: is the private sector's obligatory holidays, its 公眾假日 those of the public administration ("government", with
#: the compensatory rest days: Immaculate Conception, Winter Solstice, Christmas Eve…)
_CATEGORIES = {"HK": ("public", "optional"), "MO": ("public", "government")}
_HALF_DAY = re.compile(r"\((?:Afternoon|Morning)\)|\bhalf[- ]day\b", re.I)
_NAMES = {
    "CN": "mainland China (State Council schedule)",
    "TW": "Taiwan (with its make-up workdays)",
    "US-NY": "New York banking days (Federal Reserve Bank of New York)",
    "HK": "Hong Kong",
    "MO": "Macau",
    "SG": "Singapore",
    "GB": "United Kingdom",
    "GB-ENG": "England (bank holidays)",
    "GB-WLS": "Wales (bank holidays)",
    "GB-SCT": "Scotland (bank holidays)",
}


@record(frozen=True)
class YearSchedule:
    """One year of one calendar: the days off and the make-up working days, and where they come from."""

    calendar: str
    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str  # "import #3: 国务院办公厅…" | "chinesecalendar 1.11.0" | "holidays 0.109"
    weekend: tuple[int, ...] = (5, 6)  # the weekly rest days (Monday = 0): Friday and Saturday in Israel

    def is_working_day(self, day: date) -> bool:
        return day in self.workdays or (day.weekday() not in self.weekend and day not in self.holidays)

    def rest_days(self) -> frozenset[date]:
        """Every day of the year that is not a working day (weekends included)."""
        d, out = date(self.year, 1, 1), set()
        while d.year == self.year:
            if not self.is_working_day(d):
                out.add(d)
            d += timedelta(days=1)
        return frozenset(out)


def normalise(code: str) -> str:
    return code.strip().upper().replace("_", "-")


def known(code: str) -> bool:
    """A code this layer can count with: CN, a financial alias, or a country[-subdivision] of ``holidays``."""
    code, _ = calendar_closure.split(normalise(code))  # (a contract's yearly closure: "NZ-AUK+CLOSED:1224-0105")
    if code == DEFAULT or code in _FINANCIAL:
        return True
    import holidays

    country, _, sub = code.partition("-")
    supported = holidays.list_supported_countries()
    return country in supported and (not sub or sub in supported[country])


def describe(code: str) -> str:
    base, closure = calendar_closure.split(normalise(code))
    name = _NAMES.get(base, base)
    return f"{name}, {calendar_closure.describe(closure)}" if closure else name


# ------------------------------------------------------------------------------ package data


@lru_cache(maxsize=1)
def _chinese() -> tuple[dict[int, tuple[frozenset[date], frozenset[date]]], str]:
    import chinese_calendar
    from chinese_calendar import constants

    by: dict[int, tuple[set[date], set[date]]] = {}
    for d in constants.holidays:
        by.setdefault(d.year, (set(), set()))[0].add(d)
    for d in constants.workdays:
        by.setdefault(d.year, (set(), set()))[1].add(d)
    v = getattr(chinese_calendar, "__version__", None)  # importlib.metadata costs parse 25 ms of start-up
    if not isinstance(v, str):  # pragma: no cover - the package has always set it
        from importlib.metadata import PackageNotFoundError, version

        try:
            v = version("chinesecalendar")
        except PackageNotFoundError:  # installed as a dependency
            v = "?"
    return {y: (frozenset(h), frozenset(w)) for y, (h, w) in by.items()}, f"chinesecalendar {v}"


def _holidays_class(code: str) -> tuple[Any, dict[str, Any]]:
    import holidays

    if code in _FINANCIAL:
        return holidays.financial_holidays, {"market": _FINANCIAL[code]}
    country, _, sub = code.partition("-")
    return holidays.country_holidays, {"country": country, **({"subdiv": sub} if sub else {}),
                                       **({"categories": _CATEGORIES[country]} if country in _CATEGORIES else {})}


@lru_cache(maxsize=16)
def package_range(code: str) -> tuple[int, int] | None:
    """The years the package covers for ``code`` (None: none)."""
    code = calendar_closure.split(normalise(code))[0]
    if code == DEFAULT:
        years = _chinese()[0]
        return (min(years), max(years)) if years else None
    if not known(code):
        return None
    factory, kw = _holidays_class(code)
    h = factory(**kw, years=[])
    return int(h.start_year), int(h.end_year)


def package_source(code: str) -> str:
    if calendar_closure.split(normalise(code))[0] == DEFAULT:
        return _chinese()[1]
    import holidays

    return f"holidays {holidays.__version__}"


@lru_cache(maxsize=512)
def package_year(code: str, year: int) -> YearSchedule | None:
    """The package's schedule of ``code`` for ``year``, or None when the package does not cover it."""
    code = normalise(code)
    base, closure = calendar_closure.split(code)
    if closure is not None:
        got = package_year(base, year)
        return _closed(got, code, closure) if got is not None else None
    rng = package_range(code)
    if rng is None or not rng[0] <= year <= rng[1]:
        return None
    if code == DEFAULT:
        h, w = _chinese()[0].get(year, (frozenset(), frozenset()))
        return YearSchedule(code, year, h, w, package_source(code))
    factory, kw = _holidays_class(code)
    data = factory(**kw, years=[year])
    # (a half day off, "New Year's Eve (Afternoon)", leaves a working morning: a working day)
    days = frozenset(d for d, name in data.items() if d.year == year and not _HALF_DAY.search(name))
    extra = frozenset(d for d in getattr(data, "weekend_workdays", ()) if d.year == year)
    # a week that rests on a weekday (Israel's Friday and Saturday) is the package's; a Sunday-only week (Hong Kong's
    # in the package) stays Saturday and Sunday, as business days are counted there
    package_weekend = tuple(sorted(getattr(data, "weekend", ()) or ()))
    weekend = package_weekend if any(d < 5 for d in package_weekend) else (5, 6)
    return YearSchedule(code, year, days, extra, package_source(code), weekend)


# ------------------------------------------------------------------------------ the value


@record(frozen=True)
class Calendar:
    """One calendar (``code``) with the years a user imported; the package fills the rest."""

    code: str = DEFAULT
    imported: tuple[YearSchedule, ...] = ()
    _by_year: Mapping[int, YearSchedule] = field(default_factory=dict, compare=False, repr=False)
    _closure: calendar_closure.Closure | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", normalise(self.code))
        closure = calendar_closure.split(self.code)[1]
        object.__setattr__(self, "_closure", closure)
        # an imported year of the base calendar gets the contract's own closure too, once
        object.__setattr__(self, "_by_year", {s.year: _closed(s, self.code, closure) if closure else s for s in self.imported})

    def __hash__(self) -> int:
        return hash((self.code, self.imported))

    def schedule(self, year: int) -> YearSchedule | None:
        """The year's schedule: imported, else the package's, else None (not covered)."""
        got = self._by_year.get(year)
        return got if got is not None else package_year(self.code, year)

    def coverage(self, year: int) -> str | None:
        s = self.schedule(year)
        return s.source if s is not None else None

    def covers(self, year: int) -> bool:
        return self.schedule(year) is not None

    def working(self, day: date) -> tuple[bool, bool]:
        """(is a working day, guessed): outside the covered years only weekends are rest days."""
        s = self.schedule(day.year)
        if s is None:
            closed = self._closure is not None and day in calendar_closure.days_in(self._closure, day.year)
            return day.weekday() < 5 and not closed, True
        return s.is_working_day(day), False

    def basis(self, first: date, last: date) -> dict[str, str | None]:
        """Where each year between two days comes from (JSON-ready: year as text, None = weekends only)."""
        lo, hi = min(first, last), max(first, last)
        return {str(y): self.coverage(y) for y in range(lo.year, hi.year + 1)}


@record(frozen=True)
class Calendars:
    """Every imported year of every calendar, as the store loaded them; ``get(code)`` picks one."""

    imported: tuple[YearSchedule, ...] = ()

    def get(self, code: str | None) -> Calendar:
        c = normalise(code or DEFAULT)
        base = calendar_closure.split(c)[0]  # the years imported for a base calendar serve its closures too
        return Calendar(c, tuple(s for s in self.imported if s.calendar == base))

    def codes(self) -> list[str]:
        return sorted({s.calendar for s in self.imported})


MAINLAND = Calendar()


def _closed(s: YearSchedule, code: str, closure: calendar_closure.Closure) -> YearSchedule:
    """``s`` with the contract's closure days off (a make-up working day inside it is closed too)."""
    days = calendar_closure.days_in(closure, s.year)
    return YearSchedule(code, s.year, s.holidays | days, s.workdays - days, s.source + " + the contract's closure", s.weekend)


def uncovered_years(basis: Mapping[str, str | None] | None) -> list[int]:
    return sorted(int(y) for y, src in (basis or {}).items() if src is None)


def import_hint(code: str, year: int) -> str:
    c = normalise(code)
    return (f"{year}: no {c} holiday calendar for {year}; counted with weekends only. Import the year's "
            f"schedule with `tracker calendar import FILE` (calendar = \"{c}\", year = {year}), then run "
            "`tracker calendar refresh`")


def differences(a: YearSchedule, b: YearSchedule) -> list[date]:
    """The days of the year on which two schedules disagree about working or not."""
    return sorted(a.rest_days() ^ b.rest_days())


def dates(values: Iterable[date]) -> list[str]:
    return sorted(d.isoformat() for d in values)
