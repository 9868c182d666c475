"""PostgreSQL beside SQLite: the URL, a DB-API connection that speaks the store's SQL, the schema's PG parts.

The store's hand-written SQL is SQLite's (``?`` placeholders, ``INSERT OR IGNORE``, ``json_each``,
``rowid``, ``IS ?``). On PostgreSQL ``PgConn`` runs the same statements through ``translate`` (one
cached rewrite per statement) and answers like ``sqlite3``: ``execute`` returns a cursor with
``fetchone``/``fetchall``/iteration and ``lastrowid``, ``total_changes`` counts changed rows, and
errors arrive as ``sqlite3.IntegrityError`` / ``sqlite3.OperationalError`` so the callers' handling
is one. The few SQLite functions the SQL uses (``json_valid``, ``json_extract``, ``json_type``,
``julianday``) exist as SQL functions in the PostgreSQL schema (``FUNCTIONS_SQL``).

Money is NUMERIC(18,2) on PostgreSQL and is read back as its exact text (``"150000.00"``), the
same value SQLite's TEXT column holds. Credentials come from the URL, the environment (``PGPASSWORD``)
or ``~/.pgpass`` (libpq reads both); ``str(PgUrl)`` and every error message show no password.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tracker.errors import StoreError

__all__ = ["PgConn", "PgUrl", "RetryableError", "connect", "is_url", "redact", "translate"]  # noqa: F822  (__getattr__)

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def __getattr__(name: str) -> Any:
    if name == "translate":  # the SQL rewrite (tracker.store.pg_sql), imported on first use: its patterns
        from tracker.store.pg_sql import translate  # cost a SQLite command's start-up 3 ms (issue 12)

        return translate
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_url(value: object) -> bool:
    return isinstance(value, PgUrl) or (isinstance(value, str) and value.startswith(SCHEMES))


def redact(text: str) -> str:
    """``text`` with the password of every postgres URL in it replaced by ``***``."""
    return re.sub(r"(postgres(?:ql)?(?:\+\w+)?://[^:/@\s]*):[^@\s]*@", r"\1:***@", text)


class PgUrl:
    """A PostgreSQL database named by URL. ``str()`` is the URL without its password."""

    def __init__(self, url: str) -> None:
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://"):]
        self.url = url.replace("postgresql+psycopg://", "postgresql://", 1)

    def __str__(self) -> str:
        return redact(self.url)

    def __repr__(self) -> str:
        return f"PgUrl({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PgUrl) and other.url == self.url

    def __hash__(self) -> int:
        return hash(self.url)

    def exists(self) -> bool:
        """A server's database is there to ask (connecting says if it is not): the CLI's checks
        for a missing SQLite file pass."""
        return True

    is_file = exists

    @property
    def parent(self) -> Any:
        """Where files that live beside an SQLite database go (the reminder log): the user data dir."""
        from pathlib import Path

        from tracker.user_dirs import user_data_dir

        return Path(user_data_dir("tracker"))

    @property
    def sqlalchemy_url(self) -> str:
        return "postgresql+psycopg://" + self.url[len("postgresql://"):]

    def with_database(self, name: str) -> PgUrl:
        parts = urlsplit(self.url)
        return PgUrl(urlunsplit(parts._replace(path="/" + name)))


# ------------------------------------------------------------------------------ errors


def _sqlite_error(exc: Exception) -> Exception:
    """The sqlite3 exception the callers already handle for a psycopg one."""
    import psycopg

    text = redact(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    if isinstance(exc, psycopg.errors.UndefinedTable):
        return sqlite3.OperationalError(f"no such table ({text})")
    if isinstance(exc, psycopg.IntegrityError):
        return sqlite3.IntegrityError(text)
    if isinstance(exc, psycopg.errors.SerializationFailure | psycopg.errors.DeadlockDetected):
        return RetryableError(text)
    if isinstance(exc, psycopg.OperationalError):
        return sqlite3.OperationalError(text)
    return sqlite3.DatabaseError(text)


class RetryableError(sqlite3.OperationalError):
    """A serialization failure or deadlock: the whole transaction may simply run again."""


@contextmanager
def _errors() -> Iterator[None]:
    import psycopg

    try:
        yield
    except psycopg.Error as exc:
        raise _sqlite_error(exc) from None


def retryable(exc: BaseException) -> bool:
    """A serialization failure or deadlock, raw, wrapped by SQLAlchemy, or already translated."""
    if isinstance(exc, RetryableError):
        return True
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) in ("40001", "40P01") or getattr(exc, "sqlstate", None) in ("40001", "40P01")


# ------------------------------------------------------------------------------ connection


class PgCursor:
    def __init__(self, rows: list[tuple[Any, ...]] | None, rowcount: int, lastrowid: int | None,
                 description: Any = None) -> None:
        self._rows = rows or []
        self.rowcount = rowcount
        self.lastrowid = lastrowid
        self.description = description

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows, self._rows = self._rows, []
        return rows

    def fetchmany(self, size: int = 1) -> list[tuple[Any, ...]]:
        rows, self._rows = self._rows[:size], self._rows[size:]
        return rows

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        while self._rows:
            yield self._rows.pop(0)

    def close(self) -> None:
        self._rows = []


# JIT compiling pays off for long analytic queries, not for the store's: it tripled the time of
# `upcoming` at 1,000,000 obligations (bench/store.py --db), so the store's sessions turn it off.
SESSION_SQL = "SET jit = off"


# `upcoming` on PostgreSQL: open obligations and overdue ones are a sliver of a mature database,
# but the planner multiplies the two conditions' shares as if independent (at 1,000,000 obligations
# it expects ~95,000 rows for ~2,000) and hashes every contract to join them: 5x slower than
# reading the partial index and looking each contract up. For the read transaction it runs in only.
UPCOMING_PLAN_SQL = "SET LOCAL enable_hashjoin = off"


def register_loaders(dbapi_conn: Any) -> None:
    """Money (NUMERIC) read back as its exact text, as SQLite's TEXT column gives it."""
    from psycopg.types.string import TextLoader

    dbapi_conn.adapters.register_loader("numeric", TextLoader)


class PgConn:
    """A psycopg connection answering like the ``sqlite3`` connection the store's SQL was written for."""

    def __init__(self, raw: Any, *, owned: bool = True) -> None:
        self.raw = raw
        self.owned = owned
        self.total_changes = 0

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgCursor:
        from tracker.store.pg_sql import _PRAGMA, _PRAGMA_TABLE_INFO, _wants_id, translate  # the SQL rewrite

        if _PRAGMA.match(sql) and not _PRAGMA_TABLE_INFO.match(sql):
            return PgCursor([], -1, None)  # synchronous / foreign_keys: PostgreSQL's own defaults
        text = translate(sql, params is not None)
        wants_id = _wants_id(text)
        if wants_id:
            text += " RETURNING id"
        with _errors(), self.raw.cursor() as cur:
            cur.execute(text, tuple(params) if params is not None else None)
            rows = cur.fetchall() if cur.description is not None else None
            n = cur.rowcount
            desc = cur.description
        if n > 0 and not text.lstrip().upper().startswith(("SELECT", "WITH")):
            self.total_changes += n
        lastrowid = rows[0][0] if wants_id and rows else None
        return PgCursor(None if wants_id else rows, n, lastrowid, desc)

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> PgCursor:
        from tracker.store.pg_sql import translate

        text = translate(sql)
        data = [tuple(p) for p in seq]
        with _errors(), self.raw.cursor() as cur:
            if data:
                cur.executemany(text, data)
            n = cur.rowcount if data else 0
        if n > 0:
            self.total_changes += n
        return PgCursor([], n, None)

    def cursor(self) -> PgConn:
        return self

    def commit(self) -> None:
        with _errors():
            self.raw.commit()

    def rollback(self) -> None:
        with _errors():
            self.raw.rollback()

    def close(self) -> None:
        if self.owned:
            self.raw.close()

    def __enter__(self) -> PgConn:
        return self

    def __exit__(self, exc_type: Any, *_: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.rollback()


def driver() -> Any:
    """psycopg, or a one-line StoreError saying how to install it."""
    try:
        import psycopg
    except ImportError:
        raise StoreError("a postgresql:// database needs the psycopg driver: "
                         "pip install 'tracker[postgresql]' (or psycopg[binary])") from None
    return psycopg


def connect(url: PgUrl | str, *, timeout: float = 5.0) -> PgConn:
    """An autocommit connection (the caller issues BEGIN / COMMIT, as with sqlite3's isolation_level=None)."""
    psycopg = driver()
    target: PgUrl = as_db(url)
    try:
        raw = psycopg.connect(target.url, autocommit=True, connect_timeout=max(1, int(timeout)))
    except psycopg.Error as exc:
        raise StoreError(f"{target}: cannot connect to the database ({redact(str(exc).strip().splitlines()[0])})") from None
    register_loaders(raw)
    raw.execute(SESSION_SQL)
    return PgConn(raw)


def wrap(conn: Any) -> Any:
    """The store's connection for a DB-API connection: sqlite3's as it is, psycopg's wrapped."""
    if isinstance(conn, sqlite3.Connection | PgConn):
        return conn
    return PgConn(conn, owned=False)


def as_db(path: Any) -> Any:
    """A ``PgUrl`` for a postgres URL (or a ``PgUrl``), else a ``Path``."""
    from pathlib import Path

    if isinstance(path, PgUrl):
        return path
    return PgUrl(path) if is_url(path) else Path(path)


def plain(path: Any, timeout: float = 5.0) -> Any:
    """A plain connection for a short read outside the store's transactions, on either engine."""
    if isinstance(path, PgUrl):
        return connect(path, timeout=timeout)
    return sqlite3.connect(path, timeout=timeout)


def applied_names(conn: Any) -> list[str]:
    """The migrations recorded in the database (``conn`` a ``PgConn``; none before the table exists)."""
    if conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY id").fetchall()]


RETRIES = 8


def retried(fn: Any) -> Any:
    """Run ``fn`` (one whole transaction on its first argument's connection) again after a
    serialization failure or deadlock, at most ``RETRIES`` times, after a short random wait that
    doubles each time; the user never sees one. SQLite never raises them (its writers queue)."""
    import random
    import time

    @functools.wraps(fn)
    def run(*args: Any, **kw: Any) -> Any:
        for attempt in range(RETRIES):
            try:
                return fn(*args, **kw)
            except RetryableError:
                if attempt == RETRIES - 1:
                    raise
                time.sleep(random.uniform(0.005, 0.02 * 2 ** attempt))
        return None  # unreachable

    return run


def lock_writes(conn: Any) -> None:
    """Inside an open transaction: wait for the store's write lock (the ``action_cursor`` row every
    store write takes first). SQLite's BEGIN IMMEDIATE has it already."""
    if isinstance(conn, PgConn):
        conn.execute("SELECT action_id FROM action_cursor WHERE id = 1 FOR UPDATE")


def sync_sequences(conn: Any) -> None:
    """After rows were inserted with explicit ids (a bulk load): each ``id`` sequence continues past
    its table's largest id. ``conn`` is a ``PgConn``."""
    for (table,) in conn.execute("SELECT table_name FROM information_schema.columns WHERE column_name = 'id'"
                                 " AND column_default LIKE 'nextval%' AND table_schema = current_schema()"
                                 ).fetchall():
        conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                     f" (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)")


def _retryable_cause(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return False
        if retryable(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def retry_methods(cls: type) -> type:
    """Each public method of the store (one whole transaction each) runs again after a deadlock
    or serialization failure, as ``retried`` does for the outbox; the user never sees one."""
    import random
    import time

    def wrap(fn: Any) -> Any:
        @functools.wraps(fn)
        def run(*args: Any, **kw: Any) -> Any:
            for attempt in range(RETRIES):
                try:
                    return fn(*args, **kw)
                except Exception as exc:
                    if attempt == RETRIES - 1 or not _retryable_cause(exc):
                        raise
                time.sleep(random.uniform(0.005, 0.02 * 2 ** attempt))
            return None  # unreachable

        return run

    names = {n for k in cls.__mro__ if k.__module__.startswith("tracker.store") for n in vars(k)}
    for name in sorted(names):
        fn = getattr(cls, name)
        if not name.startswith("_") and callable(fn) and not isinstance(fn, type) and name not in (
                "close", "transaction", "stamp", "calendars", "find_version"):
            setattr(cls, name, wrap(fn))
    return cls
