"""The SQLAlchemy engine factory: WAL, BEGIN IMMEDIATE transactions, migrations, clear errors.

pysqlite's own transaction handling is switched off (``isolation_level = None``) and every
transaction SQLAlchemy begins is emitted as ``BEGIN IMMEDIATE`` (the recipe of SQLAlchemy's
"Serializable isolation / Savepoints / Transactional DDL" section for pysqlite), so a
read-modify-write takes the write lock before it reads and two processes never lose updates.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from tracker.store import migrations
from tracker.store.paths import ensure_db_file
from tracker.store.pg import PgUrl
from tracker.store.sqlerrors import store_error

DEFAULT_TIMEOUT = 5.0


@contextmanager
def translate(path: Path | PgUrl) -> Iterator[None]:
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        raise store_error(path, exc) from exc


def make_engine(path: Path | PgUrl, timeout: float = DEFAULT_TIMEOUT) -> Engine:
    """An engine on ``path`` (created 0600 if missing), migrated to the current schema."""
    if isinstance(path, PgUrl):
        from tracker.store.pg_engine import make_pg_engine, migrate_pg

        pg_engine = make_pg_engine(path, timeout)
        with translate(path):
            migrate_pg(pg_engine, path)
        return pg_engine
    ensure_db_file(path)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": timeout, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: no corruption on crash or kill
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    with translate(path):
        migrate(engine, path)
    return engine


def migrate(engine: Engine, path: Path, now: datetime | None = None) -> list[str]:
    """Apply pending migrations in one transaction; returns their names.

    A quick look without the write lock first, so opening an up-to-date database never waits
    for another writer; the check is repeated under BEGIN IMMEDIATE before migrating.
    """
    look = sqlite3.connect(path, timeout=5.0)
    try:
        names = migrations.applied_names(look)
    finally:
        look.close()
    if not migrations.pending(names, path):
        return []
    with engine.begin() as conn:
        conn.exec_driver_sql(migrations.MIGRATIONS_TABLE_SQL)
        applied = [r[0] for r in conn.exec_driver_sql("SELECT name FROM schema_migrations ORDER BY id")]
        pending = migrations.pending(applied, path)
        stamp = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
        for m in pending:
            if isinstance(m.apply, str):
                for stmt in (s.strip() for s in m.apply.split(";")):
                    if stmt:
                        conn.exec_driver_sql(stmt)
            else:
                m.apply(conn)
            conn.exec_driver_sql("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                                 (m.name, stamp))
    return [m.name for m in pending]
