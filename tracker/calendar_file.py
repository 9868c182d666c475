"""Read a year's holiday schedule typed from the official notice (TOML), or say exactly what is wrong.

    calendar = "CN"          # optional, default CN; any code tracker.calendars knows
    year = 2027
    source = "国务院办公厅关于2027年部分节假日安排的通知"
    holidays = ["2027-01-01", "2027-02-05"]   # days off (weekdays and weekends alike)
    workdays = ["2027-02-20"]                 # make-up working days (调休上班)

Every weekday not in ``holidays`` and every date in ``workdays`` is a working day; every other
day is not. Errors are ``InputError("FILE: problem")``: one line naming the file and the problem.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracker.calendars import DEFAULT, YearSchedule, known, normalise
from tracker.errors import InputError

KEYS = {"calendar", "year", "source", "holidays", "workdays"}


@dataclass(frozen=True)
class ScheduleFile:
    schedule: YearSchedule
    file: str
    sha256: str


def _dates(path: Path, key: str, value: Any, year: int) -> frozenset[date]:
    if not isinstance(value, list):
        raise InputError(path, f"{key} must be a list of dates like [\"{year}-01-01\"]")
    out: set[date] = set()
    for item in value:
        if isinstance(item, date):
            d = item
        elif isinstance(item, str):
            try:
                d = date.fromisoformat(item.strip())
            except ValueError:
                raise InputError(path, f"{key}: {item!r} is not a date (use YYYY-MM-DD)") from None
        else:
            raise InputError(path, f"{key}: {item!r} is not a date (use \"YYYY-MM-DD\")")
        if d.year != year:
            raise InputError(path, f"{key}: {d.isoformat()} is not in {year}")
        if d in out:
            raise InputError(path, f"{key}: {d.isoformat()} is listed twice")
        out.add(d)
    return frozenset(out)


def parse_schedule(path: Path, data: bytes) -> YearSchedule:
    """The schedule a TOML document states (source as written; the store adds the import id)."""
    try:
        doc = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"not valid TOML: {exc}") from None
    unknown = sorted(set(doc) - KEYS)
    if unknown:
        raise InputError(path, f"unknown key {unknown[0]!r} (keys: calendar, year, source, holidays, workdays)")
    code = doc.get("calendar", DEFAULT)
    if not isinstance(code, str) or not code.strip():
        raise InputError(path, "calendar must be a code such as \"CN\", \"TW\" or \"US-NY\"")
    code = normalise(code)
    if not known(code):
        raise InputError(path, f"unknown calendar {code!r} (CN, TW, HK, MO, SG, US-NY, GB, or a country code "
                               "of the holidays package)")
    year = doc.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        raise InputError(path, "year is missing or not a whole number (year = 2027)")
    if not 1900 <= year <= 2200:
        raise InputError(path, f"year {year} is out of range (1900-2200)")
    source = doc.get("source", path.name)
    if not isinstance(source, str) or not source.strip():
        raise InputError(path, "source must name the notice the dates come from")
    if "holidays" not in doc:
        raise InputError(path, "holidays is missing (a list of the year's days off)")
    holidays = _dates(path, "holidays", doc["holidays"], year)
    workdays = _dates(path, "workdays", doc.get("workdays", []), year)
    both = sorted(holidays & workdays)
    if both:
        raise InputError(path, f"{both[0].isoformat()} is both a holiday and a make-up working day")
    weekday = sorted(d for d in workdays if d.weekday() < 5)
    if weekday:
        raise InputError(path, f"workdays: {weekday[0].isoformat()} is a weekday, already a working day "
                               "(list only the Saturdays and Sundays worked)")
    return YearSchedule(code, year, holidays, workdays, source.strip())


def read_schedule(path: Path | str) -> ScheduleFile:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(p, exc.strerror or str(exc)) from None
    return ScheduleFile(parse_schedule(p, data), str(p), hashlib.sha256(data).hexdigest())
