"""The SQLAlchemy engine on PostgreSQL, and its migrations (the PostgreSQL half of ``engine``).

Transactions run at READ COMMITTED; a write transaction of the store takes the row lock of
``action_cursor`` first (``tracker.store.actions.begin``), so its later reads see what every
earlier writer committed: writers of one database run one after another, as under SQLite's
BEGIN IMMEDIATE, whichever host they run on. Migrations take a transaction-scoped advisory lock,
so two processes opening a new database migrate it once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from tracker.store import migrations, pg
from tracker.store.pg import applied_names

MIGRATION_LOCK = 0x7472_6163  # "trac": the advisory lock key of migrating


def make_pg_engine(url: pg.PgUrl, timeout: float) -> Engine:
    """The engine, not yet migrated (``tracker.store.engine.make_engine`` migrates it)."""
    pg.driver()
    engine = create_engine(url.sqlalchemy_url, hide_parameters=True, pool_pre_ping=False,
                           connect_args={"connect_timeout": max(1, int(timeout))})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        pg.register_loaders(dbapi_conn)
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET lock_timeout = '{int(timeout * 1000)}ms'")
            cur.execute(pg.SESSION_SQL)
        dbapi_conn.commit()

    return engine


def migrate_pg(engine: Engine, url: pg.PgUrl, now: datetime | None = None) -> list[str]:
    """Apply pending migrations in one transaction (PostgreSQL's DDL is transactional too)."""
    with engine.connect() as look:
        names = applied_names(pg.wrap(look.connection.dbapi_connection))
        look.rollback()
    if not migrations.pending(names, url):
        return []
    with engine.begin() as conn:
        raw = pg.wrap(conn.connection.dbapi_connection)
        raw.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
        raw.execute(migrations.MIGRATIONS_TABLE_SQL)
        pending = migrations.pending(applied_names(raw), url)
        stamp = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
        for m in pending:
            step = m.pg if m.pg is not None else m.apply
            if isinstance(step, str):
                for stmt in (s.strip() for s in step.split(";")):
                    if stmt:
                        raw.execute(stmt)
            else:
                step(conn)
            raw.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", (m.name, stamp))
    return [m.name for m in pending]
