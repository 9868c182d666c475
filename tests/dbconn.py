"""A test's plain connection to its database, whichever engine: ``sqlite3`` for a path, the store's
``PgConn`` (same SQL, ``?`` placeholders) for a ``postgresql://`` URL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def db_connect(db: Path | str, **kw: Any) -> Any:
    from tracker.store import pg

    if pg.is_url(db):
        return pg.connect(pg.as_db(db))
    return sqlite3.connect(db, **kw)


def is_pg(db: Path | str) -> bool:
    from tracker.store import pg

    return pg.is_url(db)


@contextmanager
def write_lock(db: Path | str) -> Iterator[None]:
    """Hold the database's write lock as another writer would: SQLite's BEGIN IMMEDIATE, or on
    PostgreSQL the row lock every store write takes first (``action_cursor``)."""
    conn = db_connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    if is_pg(db):
        conn.execute("SELECT action_id FROM action_cursor WHERE id = 1 FOR UPDATE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()
