"""What the daily job planned for a day, and whether anything it read has changed since.

A rerun of a day (``tracker remind`` again, a scheduler's next tick, a restart after a crash) used
to read and plan the whole portfolio again only to find every reminder already in the outbox
(issue 12: ~0.5 s at 10,000 contracts). Two records make that reread unnecessary:

* ``store_revision``: one counter that triggers raise on every change to the rows a plan reads
  (contracts and everything under them, recipients, people, calendars and their moves) and on
  every deletion from the outbox, the completed days and the penalty snapshots. Triggers, so a
  change made by hand with plain SQL counts too. The counter is updated in the writer's own
  transaction: writers queue on it, and a reader never sees a change without its count.
* ``reminder_plans``: per (day, the real today when catching up) the counter the plan was read
  at, the settings it was planned with (``settings``: a digest of the policy, the channels and
  the code), and what a full plan of the day would report again: how many reminders x channels
  (``daily_plan.Plan.planned_again``), which contracts it skipped.

It is recorded after the day's rows are in the outbox. A later run that finds the same counter
and settings has nothing new to plan (the outbox already has every row that plan would give)
and only delivers; any change, or no record, means a full plan as before.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

# tables whose every change can alter a day's plan, and tables whose deleted rows can
WATCHED = ("contracts", "contract_versions", "obligations", "obligation_events", "contract_events", "payments",
           "payment_allocations", "evaluations", "parse_warnings", "reminder_recipients", "assignments",
           "calendar_years", "calendar_moves")
WATCHED_DELETES = ("reminder_outbox", "reminder_days", "penalty_snapshots")

DDL = (
    "CREATE TABLE store_revision (id INTEGER PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL)",
    "INSERT INTO store_revision (id, n) VALUES (1, 0)",
    "CREATE TABLE reminder_plans (day TEXT NOT NULL, now_day TEXT NOT NULL, settings TEXT NOT NULL,"
    " revision BIGINT NOT NULL, planned INTEGER NOT NULL, planned_first INTEGER, skipped TEXT NOT NULL,"
    " PRIMARY KEY (day, now_day))",
)
_BUMP = "UPDATE store_revision SET n = n + 1 WHERE id = 1"


def migrate(conn: Any) -> None:
    """Migration 0010 on SQLite: the two tables and a row trigger per watched table and operation."""
    from tracker.store.actions import _exec

    for stmt in DDL:
        _exec(conn, stmt)
    for table in WATCHED + WATCHED_DELETES:
        for op in ("insert", "update", "delete") if table in WATCHED else ("delete",):
            _exec(conn, f"CREATE TRIGGER rev_{table}_{op} AFTER {op.upper()} ON {table} BEGIN {_BUMP}; END")


def migrate_pg(conn: Any) -> None:
    """Migration 0010 on PostgreSQL: the same, with one statement trigger per watched table."""
    from tracker.store.actions import _exec

    for stmt in DDL:
        _exec(conn, stmt)
    _exec(conn, "CREATE OR REPLACE FUNCTION tracker_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                f"BEGIN {_BUMP}; RETURN NULL; END $$")
    for table in WATCHED + WATCHED_DELETES:
        ops = "INSERT OR UPDATE OR DELETE OR TRUNCATE" if table in WATCHED else "DELETE OR TRUNCATE"
        _exec(conn, f"CREATE TRIGGER rev_{table} AFTER {ops} ON {table} FOR EACH STATEMENT"
                    " EXECUTE FUNCTION tracker_bump_revision()")


def revision(conn: sqlite3.Connection) -> int | None:
    """The change counter (read inside the transaction the plan reads in, before it reads); None
    when its row is gone (deleted by hand: nothing counts changes, so no plan is recalled)."""
    row = conn.execute("SELECT n FROM store_revision WHERE id = 1").fetchone()
    return int(row[0]) if row else None


def recall(conn: sqlite3.Connection, day: date, now: date, settings: Callable[[], str], rev: int
           ) -> tuple[tuple[int, int | None], list[tuple[int, str]]] | None:
    """((planned, planned while still a first run), [(contract id, problem)…]) of the day's plan
    when it was made at counter ``rev`` with the settings ``settings()`` gives; None when there is
    no such plan (plan the day again). ``settings`` is called only when the day has a plan at
    ``rev``: a run with nothing to recall need not compute it (start-up, issue 12)."""
    row = conn.execute("SELECT planned, planned_first, skipped, settings FROM reminder_plans WHERE day = ?"
                       " AND now_day = ? AND revision = ?", (day.isoformat(), now.isoformat(), rev)).fetchone()
    if row is None or row[3] != settings():
        return None
    try:
        skipped = [(int(c), str(p)) for c, p in json.loads(row[2])]
    except (TypeError, ValueError):
        return None  # a record damaged by hand: plan again
    return (int(row[0]), None if row[1] is None else int(row[1])), skipped


def remember(conn: sqlite3.Connection, day: date, now: date, settings: str, rev: int,
             planned: tuple[int, int | None], skipped: Sequence[tuple[int, str]],
             also: Callable[[sqlite3.Connection], None] | None = None) -> None:
    """Record the day's plan, read at counter ``rev`` (after its rows are in the outbox), replacing an
    older record of the day. ``planned``: what a later run of the day reports as planned, and what
    it reports if it is still a first run (the first run crashed after the outbox had its digests). ``also``: the run's own writes that belong with it (the calendar moves it
    announced), in the same transaction; when nothing else changed since ``rev`` the record takes
    the counter those writes leave, so they alone do not make the next run plan again."""
    from tracker.store import pg

    conn.execute("BEGIN IMMEDIATE")  # (outbox.immediate: the outbox module imports the migrations, this one)
    try:
        if isinstance(conn, pg.PgConn):  # hold the counter: no other writer may move it until this commits
            conn.execute("SELECT n FROM store_revision WHERE id = 1 FOR UPDATE")
        unchanged = revision(conn) == rev
        if also is not None:
            also(conn)
        if unchanged:
            rev = revision(conn) or rev
        conn.execute("INSERT INTO reminder_plans (day, now_day, settings, revision, planned, planned_first, skipped)"
                     " VALUES (?,?,?,?,?,?,?) ON CONFLICT(day, now_day) DO UPDATE SET settings = excluded.settings,"
                     " revision = excluded.revision, planned = excluded.planned,"
                     " planned_first = excluded.planned_first, skipped = excluded.skipped",
                     (day.isoformat(), now.isoformat(), settings, rev, *planned,
                      json.dumps([list(s) for s in skipped], ensure_ascii=False)))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
