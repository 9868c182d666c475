"""Reading the imported calendars of a database, with nothing more than sqlite3 imported.

``tracker parse`` reads them at every run; ``tracker.store.calendar_store`` (imports, re-dating)
pulls in the model, the period rules and the PostgreSQL helpers, which the parse command does not
need for this (issue 12: start-up time). ``calendar_store`` re-exports ``load`` and ``load_path``.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from tracker.calendars import Calendars, YearSchedule


def _schedule(row: tuple[Any, ...]) -> YearSchedule:
    rid, code, year, source, hol, work = row
    return YearSchedule(code, int(year), frozenset(map(date.fromisoformat, json.loads(hol))),
                        frozenset(map(date.fromisoformat, json.loads(work))), f"import #{rid}: {source}")


def load(conn: sqlite3.Connection) -> Calendars:
    try:
        rows = conn.execute("SELECT id, calendar, year, source, holidays, workdays FROM calendar_years"
                            " ORDER BY calendar, year").fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
        return Calendars()
    return Calendars(tuple(_schedule(r) for r in rows))


def load_path(path: Path | str) -> Calendars:
    """The imported calendars of the database at ``path``; none if it does not exist (never created)."""
    if not isinstance(path, Path):  # a Path is never a postgres URL: no need of the pg module then
        from tracker.store import pg

        if pg.is_url(path):
            from tracker.store.read import connect

            with connect(path) as pconn:
                return load(pconn) if pconn is not None else Calendars()
    p = Path(path)
    if not p.exists() or p.stat().st_size == 0:
        return Calendars()
    conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True, timeout=5.0)
    try:
        return load(conn)
    finally:
        conn.close()
