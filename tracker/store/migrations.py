"""Ordered, named schema migrations, recorded in ``schema_migrations``.

To change the schema, append ONE line to ``MIGRATIONS`` (never edit or reorder a shipped one):

    Migration("0002_outbox", create_tables("outbox", module="tracker.reminders_tables")),
    Migration("0003_obligation_note", "ALTER TABLE obligations ADD COLUMN note TEXT"),

``apply`` is SQL text (statements separated by ``;``) or a callable that gets the SQLAlchemy
connection of the migrating transaction. Every pending migration of one run is applied in a
single ``BEGIN IMMEDIATE`` transaction together with its ``schema_migrations`` rows, so a
crash leaves either the old or the new schema. A database that has a migration this list
does not know was written by a newer tracker and is refused.

This module does not import SQLAlchemy: the fast read path checks the names without it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.errors import StoreError

CORE_TABLES = (
    "contracts",
    "contract_versions",
    "obligations",
    "obligation_events",
    "contract_events",
    "payments",
    "payment_allocations",
    "evaluations",
    "parse_warnings",
    "history",
)

MIGRATIONS_TABLE_SQL = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)"
)

# `tracker upcoming` reads only OPEN obligations by due date: a partial index holds just those
# (a few percent of a mature database), already in (due_date, id) order, so the query neither
# scans the fulfilled history nor sorts. The second index finds the earlier versions of a contract.
OPEN_DUE_INDEX_SQL = (
    "CREATE INDEX ix_obligations_open_due ON obligations (due_date) WHERE status IN ('pending', 'overdue');"
    "CREATE INDEX ix_contracts_identity ON contracts (title, provider, client)"
)

# `tracker remind` claims the ready rows of one channel in (for_date, id) order, a batch at a
# time: a partial index of just the ready rows, in that order, lets each claim read its batch
# instead of sorting every ready row again (quadratic in a large first run).
OUTBOX_CLAIM_INDEX_SQL = (
    "CREATE INDEX ix_reminder_outbox_claim ON reminder_outbox (channel, for_date, id)"
    " WHERE status IN ('pending', 'retry')"
)

# People (``--user`` / ``$TRACKER_USER`` / the OS user): ``who`` on every history row and action
# (whose command it was; ``actor`` stays what made the change, "tracker" for derived ones);
# ``assignments``: who is responsible for a contract's obligations (all contracts when
# ``contract_id`` is NULL), for ``upcoming --mine``; ``reminder_recipients.person``: whose channel
# it is, so the daily job sends that person one digest a day.
PEOPLE_SQL = (
    "ALTER TABLE history ADD COLUMN who TEXT;"
    "ALTER TABLE actions ADD COLUMN who TEXT;"
    "ALTER TABLE reminder_recipients ADD COLUMN person TEXT;"
    "CREATE TABLE assignments (id INTEGER NOT NULL PRIMARY KEY, contract_id INTEGER, party TEXT NOT NULL,"
    " person TEXT NOT NULL, UNIQUE (contract_id, party, person));"
    "CREATE INDEX ix_assignments_person ON assignments (person)"
)


# PostgreSQL: the same partial indexes in the order the queries ask for (tracker.store.pg sorts NULL
# first, as SQLite does, and PostgreSQL has no implicit rowid at the end of an index).
OPEN_DUE_INDEX_PG_SQL = (
    "CREATE INDEX ix_obligations_open_due ON obligations (due_date NULLS FIRST, id NULLS FIRST)"
    " WHERE status IN ('pending', 'overdue');"
    "CREATE INDEX ix_contracts_identity ON contracts (title, provider, client)"
)
OUTBOX_CLAIM_INDEX_PG_SQL = (
    "CREATE INDEX ix_reminder_outbox_claim ON reminder_outbox (channel, for_date NULLS FIRST, id NULLS FIRST)"
    " WHERE status IN ('pending', 'retry')"
)

# The daily job first re-dates what a calendar counts differently (``calendar_store.refresh_in``):
# only open deadlines computed from an event or a recurrence can move. A partial index of just
# those (a handful in most portfolios), in the order the refresh reads them, spares it reading
# every open obligation of the portfolio on every run (issue 12: 87 ms of a 0.56 s rerun at 10k).
REDATE_INDEX_SQL = (
    "CREATE INDEX ix_obligations_open_redate ON obligations (due_date, id)"
    " WHERE status IN ('pending', 'overdue') AND (trigger IS NOT NULL OR recurrence IS NOT NULL)"
)
REDATE_INDEX_PG_SQL = (
    "CREATE INDEX ix_obligations_open_redate ON obligations (due_date NULLS FIRST, id NULLS FIRST)"
    " WHERE status IN ('pending', 'overdue') AND (trigger IS NOT NULL OR recurrence IS NOT NULL)"
)


@dataclass(frozen=True)
class Migration:
    """``pg``: what the migration does on PostgreSQL when that differs (else ``apply`` runs there too,
    its SQL translated by ``tracker.store.pg``)."""

    name: str
    apply: str | Callable[[Any], None]
    pg: str | Callable[[Any], None] | None = None


def create_tables(*names: str, module: str = "tracker.store.tables") -> Callable[[Any], None]:
    """A migration step creating SQLModel tables (with their indexes) declared in ``module``."""

    def run(conn: Any) -> None:
        import importlib

        from sqlmodel import SQLModel

        importlib.import_module(module)
        tables = [SQLModel.metadata.tables[n] for n in names]
        SQLModel.metadata.create_all(conn, tables=tables)

    return run


def add_columns(table: str, columns: dict[str, str]) -> Callable[[Any], None]:
    """A migration step adding columns (name -> SQL type and default) a table lacks: a database
    created after the column joined the table's declaration has it already."""

    def run(conn: Any) -> None:
        from tracker.store.actions import _exec
        from tracker.store.actions import columns as table_columns

        have = set(table_columns(conn, table))
        for name, ddl in columns.items():
            if name not in have:
                _exec(conn, f"ALTER TABLE {table} ADD COLUMN {name} {ddl}")

    return run


def steps(*parts: Callable[[Any], None]) -> Callable[[Any], None]:
    def run(conn: Any) -> None:
        for part in parts:
            part(conn)

    return run
def _actions(conn: Any) -> None:
    """Recorded actions and undo (tracker.store.actions): tables, columns, logging triggers."""
    from tracker.store.actions import migrate

    migrate(conn)


def _pg_functions(conn: Any) -> None:
    """PostgreSQL: the SQLite functions the store's SQL calls (``tracker.store.pg_schema``)."""
    from tracker.store.actions import _exec
    from tracker.store.pg_schema import FUNCTIONS_SQL

    for stmt in FUNCTIONS_SQL:
        _exec(conn, stmt)


def _plan_memo(conn: Any) -> None:
    """The change counter and the day's plan record (tracker.store.plan_memo)."""
    from tracker.store.plan_memo import migrate

    migrate(conn)


def _plan_memo_pg(conn: Any) -> None:
    from tracker.store.plan_memo import migrate_pg

    migrate_pg(conn)


MIGRATIONS: list[Migration] = [
    Migration("0001_core_tables", create_tables(*CORE_TABLES),
              pg=steps(_pg_functions, create_tables(*CORE_TABLES))),
    Migration("0002_reminders", create_tables("reminder_outbox", "reminder_days", "reminder_recipients",
                                              "penalty_snapshots", "reminder_state",
                                              module="tracker.store.outbox_tables")),
    Migration("0003_open_due_index", OPEN_DUE_INDEX_SQL, pg=OPEN_DUE_INDEX_PG_SQL),
    Migration("0004_calendars", steps(
        create_tables("calendar_years", "calendar_moves", module="tracker.store.calendar_tables"),
        add_columns("contracts", {"calendar": "VARCHAR NOT NULL DEFAULT 'CN'"}),
        add_columns("obligations", {"calendar": "VARCHAR", "calendar_basis": "VARCHAR"}))),
    # a webhook's signing secret, as a reference (env:NAME / file:/path), never the secret itself
    Migration("0005_recipient_secret", "ALTER TABLE reminder_recipients ADD COLUMN secret TEXT"),
    Migration("0006_actions", _actions),
    Migration("0007_outbox_claim_index", OUTBOX_CLAIM_INDEX_SQL, pg=OUTBOX_CLAIM_INDEX_PG_SQL),
    Migration("0008_people", PEOPLE_SQL),
    Migration("0009_redate_index", REDATE_INDEX_SQL, pg=REDATE_INDEX_PG_SQL),
    Migration("0010_plan_memo", _plan_memo, pg=_plan_memo_pg),
]


def known_names() -> list[str]:
    return [m.name for m in MIGRATIONS]


def check_names(applied: list[str]) -> list[Migration]:
    """The migrations still to apply, or ValueError naming a migration this code does not know."""
    known = known_names()
    for name in applied:
        if name not in known:
            raise ValueError(name)
    done = set(applied)
    return [m for m in MIGRATIONS if m.name not in done]


def pending(applied: list[str], path: Path | str | object) -> list[Migration]:
    """``check_names`` for the database at ``path``: StoreError if a newer tracker wrote it."""
    try:
        return check_names(applied)
    except ValueError as exc:
        raise StoreError(
            f"{path}: database schema is newer than this tracker (unknown migration {exc.args[0]})"
        ) from None


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """The migrations recorded in the database (none before ``schema_migrations`` exists)."""
    try:
        return [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY id")]
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
        return []
