"""The calendar tables (SQLModel declarations, used only by migration 0004 that creates them).

- ``calendar_years``: one imported year of one calendar (``tracker calendar import FILE``), UNIQUE
  (calendar, year); holidays and make-up working days as JSON lists of ISO dates. It wins over
  the package (chinesecalendar / holidays) for that year, for every user of the database.
- ``calendar_moves``: each due date that ``tracker calendar refresh`` moved (old → new), with
  the day the daily job reminded about it (NULL until then: reminded once).

The columns that say which calendar each deadline was counted on (``contracts.calendar``,
``obligations.calendar``, ``obligations.calendar_basis``) are in ``tracker.store.tables``.
"""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class CalendarYearRow(SQLModel, table=True):
    __tablename__ = "calendar_years"
    # AUTOINCREMENT: a replaced year gets a new id, never the old one, so "import #N" names one set of days
    __table_args__ = (UniqueConstraint("calendar", "year", name="uq_calendar_years"), {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, primary_key=True)
    calendar: str  # CN, TW, US-NY, …
    year: int
    source: str  # the notice it was typed from
    holidays: str  # JSON list of ISO dates: days off
    workdays: str  # JSON list of ISO dates: make-up working days
    file: str | None = None
    sha256: str | None = None
    actor: str
    imported_at: str


class CalendarMoveRow(SQLModel, table=True):
    __tablename__ = "calendar_moves"

    id: int | None = Field(default=None, primary_key=True)
    obligation_id: int = Field(foreign_key="obligations.id", index=True)
    contract_id: int = Field(foreign_key="contracts.id")
    calendar: str
    old_due_date: str | None = None
    new_due_date: str | None = None
    reason: str  # what changed: "CN 2027: import #1 …"
    moved_on: str  # the business day of the refresh
    recorded_at: str
    reminded_on: str | None = None
