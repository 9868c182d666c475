"""The read path: hand-written SQL over the same tables with the stdlib ``sqlite3`` (fast).

``tracker upcoming`` must answer in a blink on 100,000 obligations, and importing SQLAlchemy
alone costs ~0.5 s, so nothing here imports it. A database that does not exist yet reads as
empty (reads never create files); one with pending migrations is migrated once through the
write path; one written by a newer tracker is refused.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import NotFound
from tracker.store import bad_rows, migrations
from tracker.store.sqlerrors import store_error

if TYPE_CHECKING:
    from tracker.store.bad_rows import Skipped

OPEN_SQL = "('pending', 'overdue')"
ROLES = ("provider", "client", "both")

UPCOMING_COLUMNS = (
    "o.id, o.contract_id, o.kind, o.party, o.title, o.due_date, o.amount, o.paid, o.currency, "
    "o.status, o.clause, o.trigger, o.recurrence, c.title, c.provider, c.client, "
    "CASE WHEN o.recurrence IS NOT NULL THEN coalesce(c.terminated_on,"
    " CASE WHEN json_valid(c.facts) THEN json_extract(c.facts, '$.expiry_date') END) END"
)
# Both read the partial index ix_obligations_open_due (migration 0003): its WHERE term is the
# same `status IN ('pending', 'overdue')`, it holds only open obligations (a few percent of a
# mature database) and is ordered by (due_date, id) already, so nothing is sorted. INDEXED BY:
# without ANALYZE statistics SQLite would pick (status, due_date) and sort. ``{where}`` takes
# the optional filters; bench/store.py runs these very strings bare.
UPCOMING_DATED_SQL = (
    f"SELECT {UPCOMING_COLUMNS} FROM obligations o INDEXED BY ix_obligations_open_due "
    f"JOIN contracts c ON c.id = o.contract_id "
    f"WHERE o.status IN {OPEN_SQL} AND o.due_date <= ?{{where}} ORDER BY o.due_date, o.id"
)
UPCOMING_WAITING_SQL = (
    f"SELECT {UPCOMING_COLUMNS} FROM obligations o INDEXED BY ix_obligations_open_due "
    f"JOIN contracts c ON c.id = o.contract_id "
    f"WHERE o.status IN {OPEN_SQL} AND o.due_date IS NULL{{where}} ORDER BY o.contract_id, o.id"
)


def open_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """A read-only connection inside a read transaction. Reads work on a file (and folder) the
    user may not write: ``mode=ro`` first; if SQLite cannot even create the WAL index there,
    ``immutable=1`` (nobody can be writing a file no one may write)."""
    from urllib.parse import quote

    uri = f"file:{quote(str(path.resolve()))}"
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", timeout=timeout, isolation_level=None, uri=True)
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
            raise
        if "unable to open" not in str(exc) and "readonly" not in str(exc):
            raise
    conn = sqlite3.connect(f"{uri}?immutable=1", timeout=timeout, isolation_level=None, uri=True)
    conn.execute("BEGIN")
    return conn


@contextmanager
def connect(path: Path | str, timeout: float = 5.0) -> Iterator[sqlite3.Connection | None]:
    """A connection inside one read transaction (a consistent snapshot), or None if no database."""
    from tracker.store import pg

    if pg.is_url(path):
        with pg_read(pg.PgUrl(str(path)) if isinstance(path, str) else path, timeout) as c:  # type: ignore[arg-type]
            yield c
        return
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        yield None
        return
    conn: sqlite3.Connection | None = None
    try:
        conn = open_read_only(path, timeout)
        if migrations.pending(migrations.applied_names(conn), path):
            conn.execute("ROLLBACK")
            conn.close()
            from tracker.store.engine import make_engine

            make_engine(path, timeout).dispose()  # migrates
            conn = open_read_only(path, timeout)
        yield conn
    except sqlite3.Error as exc:
        raise store_error(path, exc) from exc
    finally:
        if conn is not None:
            conn.close()


@contextmanager
def pg_read(url: Any, timeout: float) -> Iterator[Any]:
    """PostgreSQL: a read-only REPEATABLE READ transaction (one snapshot), migrated first if needed."""
    from tracker.store import pg
    from tracker.store.pg import applied_names

    conn = pg.connect(url, timeout=timeout)
    try:
        if migrations.pending(applied_names(conn), url):
            from tracker.store.engine import make_engine

            make_engine(url, timeout).dispose()  # migrates
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield conn
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise store_error(url, exc) from exc
    finally:
        conn.close()


def _trigger_event(trigger: str | None) -> str | None:
    return json.loads(trigger)["event"] if trigger else None


def _upcoming_row(r: tuple[Any, ...], as_of: date) -> dict[str, Any]:
    (oid, cid, kind, party, title, due, amount, paid, currency, status, clause, trigger, rrule,
     ctitle, provider, client, end) = r
    series = recurring(rrule, due, as_of, end)
    if series:
        due = series["occurrence_due"]
    days_left = (date.fromisoformat(due) - as_of).days if due else None
    if days_left is not None and days_left < 0:
        status = "overdue"
    outstanding = None
    if amount is not None:
        from decimal import Decimal

        outstanding = f"{Decimal(amount) - Decimal(paid or '0'):.2f}"
    return {
        "obligation_id": oid, "contract_id": cid, "kind": kind, "party": party, "title": title,
        "due_date": due, "days_left": days_left, "amount": amount, "paid": paid, "outstanding": outstanding,
        "currency": currency, "status": status, "clause": clause,
        "waiting_for": _trigger_event(trigger) if due is None else None, "recurrence": rrule,
        "contract_title": ctitle, "provider": provider, "client": client, **series,
    }


def recurring(rrule: str | None, due: str | None, as_of: date, end: str | None) -> dict[str, Any]:
    """``occurrence_due`` (the occurrence to act on) and ``missed`` of an open recurring obligation
    already due; ``{}`` for any other."""
    if not rrule or not due or due > as_of.isoformat():
        return {}
    from tracker.recurring import standing

    st = standing(rrule, date.fromisoformat(due), as_of, date.fromisoformat(end) if end else None)
    return {"occurrence_due": st.current.isoformat() if st.current else due, "missed": st.missed,
            "series_ended": st.ended}


def upcoming_query(conn: sqlite3.Connection, *, as_of: date, days: int = 30, kind: str | None = None,
                   party: str | None = None, contract: int | None = None,
                   waiting: bool = True, person: str | None = None) -> list[tuple[Any, ...]]:
    """Raw rows: open obligations due by ``as_of + days`` (every overdue one included), soonest
    first, then (``waiting``) the open obligations still waiting for their triggering event.
    ``person``: only those assigned to them (``tracker.store.assignments``)."""
    rows: list[tuple[Any, ...]] = []
    for cur in upcoming_cursors(conn, as_of=as_of, days=days, kind=kind, party=party, contract=contract,
                                waiting=waiting, person=person):
        rows += cur().fetchall()
    return rows


def upcoming_cursors(conn: sqlite3.Connection, *, as_of: date, days: int = 30, kind: str | None = None,
                     party: str | None = None, contract: int | None = None, waiting: bool = True,
                     person: str | None = None) -> list[Callable[[], Any]]:
    """``upcoming_query``'s queries, each a call that opens its cursor (read in chunks by
    ``tracker.store.upcoming_stream``): the dated rows, then the waiting ones."""
    where, params = "", []  # type: tuple[str, list[Any]]
    if person is not None:
        where += (" AND EXISTS (SELECT 1 FROM assignments a WHERE a.person = ? AND (a.contract_id IS NULL"
                  " OR a.contract_id = o.contract_id) AND (a.party = 'both' OR o.party = 'both' OR a.party = o.party))")
        params.append(person)
    if kind:
        where += " AND o.kind = ?"
        params.append(kind)
    if contract is not None:
        where += " AND o.contract_id = ?"
        params.append(contract)
    if party:
        if party in ROLES:
            where += " AND o.party = ?"
            params.append(party)
        else:
            where += (" AND ((o.party IN ('provider','both') AND c.provider LIKE ?)"
                      " OR (o.party IN ('client','both') AND c.client LIKE ?))")
            params += [f"%{party}%", f"%{party}%"]
    until = (as_of + timedelta(days=days)).isoformat()
    if not isinstance(conn, sqlite3.Connection):
        from tracker.store.pg import UPCOMING_PLAN_SQL

        conn.execute(UPCOMING_PLAN_SQL)
    out: list[Callable[[], Any]] = [partial(conn.execute, UPCOMING_DATED_SQL.format(where=where), [until, *params])]
    if waiting:
        out.append(partial(conn.execute, UPCOMING_WAITING_SQL.format(where=where), params))
    return out


def upcoming(path: Path | str, *, as_of: date, days: int = 30, kind: str | None = None,
             party: str | None = None, contract: int | None = None,
             skipped: list[Skipped] | None = None, person: str | None = None) -> list[dict[str, Any]]:
    """Open obligations due within ``days`` of ``as_of`` plus every overdue one, soonest first;
    then those waiting for an event (``due_date`` None, ``waiting_for`` set). Contracts whose
    stored data cannot be read are left out and added to ``skipped``. ``person``: only the
    obligations assigned to them (``tracker assign --to``)."""
    with connect(path) as conn:
        if conn is None:
            if contract is not None:
                raise NotFound(f"no contract with id {contract}")
            return []
        if contract is not None and conn.execute("SELECT 1 FROM contracts WHERE id = ?",
                                                 (contract,)).fetchone() is None:
            raise NotFound(f"no contract with id {contract}")
        rows = upcoming_query(conn, as_of=as_of, days=days, kind=kind, party=party, contract=contract,
                              person=person)
        bad = bad_rows.scan(conn, {r[1] for r in rows}, tables=("contracts",))
    out = upcoming_rows(rows, as_of, bad)
    for cid, problem in sorted(bad.items()):
        bad_rows.add(skipped, cid, problem)
    return [row for row in out if row["contract_id"] not in bad]


def upcoming_rows(rows: list[tuple[Any, ...]], as_of: date, bad: dict[int, str]) -> list[dict[str, Any]]:
    """The raw rows of contracts not in ``bad`` as ``upcoming``'s dicts; a row that cannot be read
    adds its contract to ``bad`` (its rows already converted stay: the caller filters)."""
    out = []
    for r in rows:
        if r[1] in bad:
            continue
        try:
            with bad_rows.reading(r[1], "an obligation's stored data cannot be read"):
                out.append(_upcoming_row(r, as_of))
        except bad_rows.Unreadable as exc:
            bad[r[1]] = exc.problem
    return out


def known_party(path: Path | str, party: str) -> bool:
    """``party`` is a role or part of some contract's provider or client name."""
    if party in ROLES:
        return True
    with connect(path) as conn:
        return conn is not None and conn.execute(
            "SELECT 1 FROM contracts WHERE provider LIKE ? OR client LIKE ? LIMIT 1",
            (f"%{party}%", f"%{party}%")).fetchone() is not None


def contracts(path: Path | str, *, as_of: date | None = None) -> list[dict[str, Any]]:
    """Every contract with its counts of open obligations and the next due date."""
    with connect(path) as conn:
        if conn is None:
            return []
        rows = conn.execute(
            "SELECT c.id, c.title, c.provider, c.client, c.language, c.file, c.currency, c.terminated_on, "
            " CASE WHEN json_valid(c.facts) THEN json_extract(c.facts, '$.total_fee') END,"
            " CASE WHEN json_valid(c.facts) THEN json_extract(c.facts, '$.expiry_date') END,"  # one bad row: not all
            " (SELECT max(version) FROM contract_versions v WHERE v.contract_id = c.id),"
            f" (SELECT count(*) FROM obligations o WHERE o.contract_id = c.id AND o.status IN {OPEN_SQL}),"
            f" (SELECT min(due_date) FROM obligations o WHERE o.contract_id = c.id AND o.status IN {OPEN_SQL}),"
            " (SELECT count(*) FROM parse_warnings w WHERE w.contract_id = c.id"
            "   AND w.version_id = c.current_version_id)"
            " FROM contracts c ORDER BY c.id").fetchall()
    keys = ("contract_id", "title", "provider", "client", "language", "file", "currency", "terminated_on",
            "total_fee", "expiry_date", "version", "open_obligations", "next_due", "warnings")
    out = [dict(zip(keys, r, strict=True)) for r in rows]
    if as_of is not None:
        for d in out:
            d["overdue"] = bool(d["next_due"] and d["next_due"] < as_of.isoformat())
    return out


