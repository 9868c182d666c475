"""The reminder outbox and its neighbours, read and written with stdlib sqlite3 (the hot path).

Delivery protocol (at-least-once, never lost, normally exactly once):

1. ``enqueue``: every reminder × channel is INSERT OR IGNOREd under its unique key
   (obligation, reason, for_date, channel) in one BEGIN IMMEDIATE transaction, so running the
   job twice, or two jobs at once, plans each message once.
2. ``claim``: BEGIN IMMEDIATE; ``UPDATE … SET status='sending', claimed_by=me … RETURNING``;
   COMMIT. Only one process can claim a row, so two concurrent runs never both send it.
3. The message is sent, then ``mark_sent`` (its own small transaction).
4. On failure ``mark_failed``: ``retry`` with exponential backoff (``next_attempt_at``) until
   ``max_attempts``, then ``failed`` — both visible in ``tracker reminders --failed``.

A process killed between 3 and the commit of ``mark_sent`` leaves its rows ``sending``; the
next run gives rows of a dead owner (same host, pid gone) or of an expired lease back to
``retry``. Only a message that was actually on the wire when the process died can therefore
be delivered twice: the documented at-least-once window. Claimed rows not yet sent go back
without being counted as an attempt.

Times here are epoch seconds passed in by the caller (``now``); nothing reads the clock.
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracker.store.pg import retried
from tracker.store.sqlerrors import store_error

LEASE_SECONDS = 3600.0  # a claim older than this is given back even if its owner seems alive
READY = ("pending", "retry")

_COLS = ("obligation_id, contract_id, kind, reason, due_date, for_date, channel, payload, status, attempts, "
         "next_attempt_at, created_at")


def owner_id() -> str:
    """Who claims rows: host, pid and a random tag (pids get reused)."""
    import socket  # here: a run that claims nothing need not import it (start-up, issue 12)

    return f"{socket.gethostname()}:{os.getpid()}:{os.urandom(4).hex()}"


def _owner_dead(owner: str | None) -> bool:
    if not owner:
        return True
    host, _, rest = owner.partition(":")
    pid_s = rest.split(":", 1)[0]
    import socket

    if host != socket.gethostname() or not pid_s.isdigit():
        return False  # another machine: only the lease can free it
    pid = int(pid_s)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:  # a killed child not yet reaped is a zombie: dead for our purpose
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def ensure_schema(path: Path) -> None:
    """Create (0600) and migrate the database if needed, through the store's own path."""
    from tracker.store import pg, read

    if pg.is_url(path):
        with read.connect(path):
            return
    if not path.exists() or path.stat().st_size == 0:
        from tracker.store.engine import make_engine

        make_engine(path).dispose()
        return
    with read.connect(path):
        pass  # migrates pending migrations, refuses a newer schema


@contextmanager
def connect(path: Path, timeout: float = 30.0) -> Any:
    """An autocommit sqlite3 connection (we issue BEGIN IMMEDIATE ourselves); on PostgreSQL a
    ``tracker.store.pg.PgConn`` that takes the same SQL."""
    ensure_schema(path)
    from tracker.store import pg

    if pg.is_url(path):
        pconn = pg.connect(path, timeout=timeout)  # type: ignore[arg-type]
        try:
            yield pconn
        except sqlite3.Error as exc:
            raise store_error(path, exc) from exc
        finally:
            pconn.close()
        return
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise store_error(path, exc) from exc
    try:
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL (set by the store) + NORMAL: safe on kill
        conn.execute("PRAGMA foreign_keys=ON")
        yield conn
    except sqlite3.Error as exc:
        raise store_error(path, exc) from exc
    finally:
        conn.close()


@contextmanager
def immediate(conn: sqlite3.Connection) -> Any:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# ------------------------------------------------------------------------------ outbox


@dataclass(frozen=True)
class Row:
    """One claimed outbox row."""

    id: int
    obligation_id: int
    channel: str
    payload: dict[str, Any]
    attempts: int


@retried
def enqueue(conn: sqlite3.Connection, rows: Iterable[tuple[Any, ...]], now: float) -> int:
    """Insert (obligation_id, contract_id, kind, reason, due_date, for_date, channel, payload) rows
    not planned before; returns how many were new."""
    it = iter(rows)  # streamed: a run of 100,000 contracts never holds its rows in a list
    head = next(it, None)
    if head is None:
        return 0
    data = ((*r, "pending", 0, 0.0, now) for r in itertools.chain((head,), it))
    with immediate(conn):
        before = conn.total_changes
        conn.executemany(f"INSERT OR IGNORE INTO reminder_outbox ({_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", data)
        return conn.total_changes - before


def existing(conn: sqlite3.Connection, day_keys: Iterable[str]) -> set[tuple[int, str, str, str]]:
    """Keys already in the outbox for the given for_dates (dry runs use it)."""
    out: set[tuple[int, str, str, str]] = set()
    for d in set(day_keys):
        out.update(conn.execute("SELECT obligation_id, reason, for_date, channel FROM reminder_outbox "
                                "WHERE for_date = ?", (d,)).fetchall())
    return out


@retried
def reclaim_stale(conn: sqlite3.Connection, now: float, lease: float = LEASE_SECONDS) -> int:
    """Give rows claimed by a dead process (or with an expired lease) back for delivery."""
    rows = conn.execute("SELECT DISTINCT claimed_by FROM reminder_outbox WHERE status = 'sending'").fetchall()
    dead = [o for (o,) in rows if _owner_dead(o)]
    n = 0
    with immediate(conn):
        before = conn.total_changes
        for o in dead:
            conn.execute("UPDATE reminder_outbox SET status = 'retry', claimed_by = NULL, "
                         "last_error = 'interrupted while sending (may have arrived)' "
                         "WHERE status = 'sending' AND claimed_by IS ?", (o,))
        conn.execute("UPDATE reminder_outbox SET status = 'retry', claimed_by = NULL, "
                     "last_error = 'claim expired' WHERE status = 'sending' AND claimed_at < ?", (now - lease,))
        n = conn.total_changes - before
    return n


def ready_channels(conn: sqlite3.Connection, now: float) -> list[str]:
    rows = conn.execute("SELECT DISTINCT channel FROM reminder_outbox WHERE status IN ('pending', 'retry') "
                        "AND next_attempt_at <= ? ORDER BY channel", (now,)).fetchall()
    return [r[0] for r in rows]


# The batch is read in (for_date, id) order straight off the partial index of ready rows
# (migration 0007_outbox_claim_index): no sort of every ready row per batch. A batch holds at
# most one digest (``kind = 'digest'``: a first-run digest part may list a thousand obligations),
# so a claim never reads more than one of them (issue 12: a backlog of 100,000 contracts).
PICK_SQL = ("SELECT id, kind FROM reminder_outbox WHERE channel = ? AND status IN ('pending', 'retry')"
            " AND next_attempt_at <= ? ORDER BY for_date, id LIMIT ?")
# PostgreSQL: rows another process is claiming right now are skipped, not waited for (each row
# still goes to exactly one claimer: a row claimed meanwhile no longer matches the status test).
PICK_SQL_PG = PICK_SQL + " FOR UPDATE SKIP LOCKED"
CLAIM_SQL = ("UPDATE reminder_outbox SET status = 'sending', claimed_by = ?, claimed_at = ? WHERE id IN ({ids})"
             " AND status IN ('pending', 'retry') RETURNING id, obligation_id, channel, payload, attempts")


@retried
def _claim(conn: sqlite3.Connection, channel: str, owner: str, now: float, limit: int) -> list[Any]:
    pick = PICK_SQL if isinstance(conn, sqlite3.Connection) else PICK_SQL_PG
    with immediate(conn):
        ids: list[int] = []
        digests = 0
        for i, kind in conn.execute(pick, (channel, now, limit)).fetchall():
            digests += kind == "digest"
            if digests > 1:
                break
            ids.append(i)
        if not ids:
            return []
        return conn.execute(CLAIM_SQL.format(ids=",".join("?" * len(ids))), (owner, now, *ids)).fetchall()


def claim(conn: sqlite3.Connection, channel: str, owner: str, now: float, limit: int = 500) -> list[Row]:
    """Atomically take up to ``limit`` ready rows of one channel for ``owner``."""
    got = _claim(conn, channel, owner, now, limit)
    rows, unreadable = [], []
    for i, o, ch, p, a in got:
        try:
            payload = json.loads(p)
            if not isinstance(payload, dict):
                raise ValueError
        except ValueError:
            unreadable.append(i)
            continue
        rows.append(Row(i, o, ch, payload, a))
    if unreadable:  # a damaged row fails alone (nothing of it is shown)
        with immediate(conn):
            conn.executemany("UPDATE reminder_outbox SET status = 'failed', attempts = attempts + 1, claimed_by = NULL,"
                             " last_error = 'stored reminder cannot be read' WHERE id = ?", [(i,) for i in unreadable])
    rows.sort(key=lambda r: (r.payload.get("for_date") or "", r.id))
    return rows


@retried
def mark_sent(conn: sqlite3.Connection, ids: Sequence[int], owner: str, now: float) -> None:
    with immediate(conn):
        conn.executemany("UPDATE reminder_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, "
                         "last_error = NULL, claimed_by = NULL WHERE id = ? AND claimed_by = ?",
                         [(now, i, owner) for i in ids])


@retried
def mark_failed(conn: sqlite3.Connection, ids: Sequence[int], owner: str, error: str, now: float, *,
                max_attempts: int, backoff: float, next_at: float | None = None) -> None:
    """One failed attempt: ``retry`` after ``backoff * 2**(attempts-1)`` seconds (or at ``next_at``:
    a retry within the same run), or ``failed`` at the limit."""
    with immediate(conn):
        conn.executemany(
            "UPDATE reminder_outbox SET attempts = attempts + 1, last_error = ?, claimed_by = NULL, "
            " status = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'retry' END, "
            " next_attempt_at = COALESCE(?, ? + ? * (1 << min(attempts, 20))) WHERE id = ? AND claimed_by = ?",
            [(error[:300], max_attempts, next_at, now, backoff, i, owner) for i in ids])


@retried
def renew(conn: sqlite3.Connection, owner: str, now: float) -> None:
    """Renew the lease of every row ``owner`` holds (a long run is not mistaken for a dead one).
    Only leases older than a hundredth of ``LEASE_SECONDS`` are rewritten: called before each
    message, it would otherwise rewrite the whole claimed batch every time (on PostgreSQL a new
    version of each of those rows per message)."""
    with immediate(conn):
        conn.execute("UPDATE reminder_outbox SET claimed_at = ? WHERE status = 'sending' AND claimed_by = ?"
                     " AND claimed_at < ?", (now, owner, now - LEASE_SECONDS / 100))


def next_retry_at(conn: sqlite3.Connection, ids: Sequence[int]) -> float | None:
    """The earliest retry time among the given rows still waiting to be retried."""
    if not ids:
        return None
    row = conn.execute("SELECT min(next_attempt_at) FROM reminder_outbox WHERE status = 'retry' AND id IN "
                       "(SELECT value FROM json_each(?))", (json.dumps(list(ids)),)).fetchone()
    return float(row[0]) if row and row[0] is not None else None


@retried
def release(conn: sqlite3.Connection, ids: Sequence[int], owner: str, note: str) -> None:
    """Give claimed rows back untried (shutdown, or their channel already failed in this run)."""
    if not ids:
        return
    with immediate(conn):
        conn.executemany("UPDATE reminder_outbox SET status = CASE WHEN attempts > 0 THEN 'retry' ELSE 'pending' END,"
                         " claimed_by = NULL, last_error = COALESCE(last_error, ?) WHERE id = ? AND claimed_by = ?",
                         [(note, i, owner) for i in ids])


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    out = dict.fromkeys(("pending", "sending", "retry", "failed", "sent"), 0)
    for status, n in conn.execute("SELECT status, count(*) FROM reminder_outbox GROUP BY status"):
        out[status] = n
    return out


LIST_COLUMNS = ("id", "status", "channel", "obligation_id", "contract_id", "kind", "reason", "due_date",
                "for_date", "attempts", "next_attempt_at", "sent_at", "last_error", "payload")


def listing(conn: sqlite3.Connection, *, failed: bool = False, since: date | None = None,
            limit: int = 1000) -> list[dict[str, Any]]:
    """Outbox rows: with ``failed`` the ones still retrying or given up; else everything not sent
    plus what was sent for ``since`` or later."""
    if failed:
        where, params = "status IN ('retry', 'failed')", []
    else:
        where, params = "status != 'sent' OR for_date >= ?", [(since or date.min).isoformat()]
    rows = conn.execute(f"SELECT {', '.join(LIST_COLUMNS)} FROM reminder_outbox WHERE {where} "
                        "ORDER BY for_date DESC, id DESC LIMIT ?", [*params, limit]).fetchall()
    out = []
    for r in rows:
        d = dict(zip(LIST_COLUMNS, r, strict=True))
        p = json.loads(d.pop("payload"))
        d["title"], d["clause"] = p.get("title"), p.get("clause")
        out.append(d)
    return out


# ------------------------------------------------------------------------------ days, state


@retried
def record_day(conn: sqlite3.Connection, day: date, now: float, *, planned: int, delivered: int, failed: int,
               runner: str) -> None:
    with immediate(conn):
        conn.execute("INSERT INTO reminder_days (day, completed_at, planned, delivered, failed, runner) "
                     "VALUES (?,?,?,?,?,?) ON CONFLICT(day) DO UPDATE SET completed_at = excluded.completed_at, "
                     "planned = reminder_days.planned + excluded.planned, "
                     "delivered = reminder_days.delivered + excluded.delivered, failed = excluded.failed, "
                     "runner = excluded.runner",
                     (day.isoformat(), now, planned, delivered, failed, runner))


def last_day(conn: sqlite3.Connection, not_after: date | None = None) -> tuple[date, float] | None:
    """The latest completed day (not after ``not_after``) and when it completed."""
    sql, params = "SELECT day, completed_at FROM reminder_days", []
    if not_after is not None:
        sql += " WHERE day <= ?"
        params.append(not_after.isoformat())
    row = conn.execute(sql + " ORDER BY day DESC LIMIT 1", params).fetchone()
    return (date.fromisoformat(row[0]), row[1]) if row else None


def completed_days(conn: sqlite3.Connection) -> list[date]:
    return [date.fromisoformat(d) for (d,) in conn.execute("SELECT day FROM reminder_days ORDER BY day")]


@retried
def set_state(conn: sqlite3.Connection, key: str, value: Any) -> None:
    with immediate(conn):
        if value is None:
            conn.execute("DELETE FROM reminder_state WHERE key = ?", (key,))
        else:
            conn.execute("INSERT INTO reminder_state (key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, json.dumps(value)))


def get_state(conn: sqlite3.Connection, key: str) -> Any:
    row = conn.execute("SELECT value FROM reminder_state WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else None


# ------------------------------------------------------------------------------ recipients


@retried
def add_recipient(conn: sqlite3.Connection, contract_id: int | None, party: str, kind: str, address: str,
                  fmt: str = "generic", secret: str | None = None, person: str | None = None) -> bool:
    """Assign a recipient; False if it was already assigned. ``address`` of a webhook is a URL or a
    reference (``env:NAME``, ``file:/path``); ``secret`` a reference to its signing secret;
    ``person``: whose channel it is (``tracker assign --to``; kept when not given again)."""
    with immediate(conn):
        if contract_id is not None and conn.execute("SELECT 1 FROM contracts WHERE id = ?",
                                                    (contract_id,)).fetchone() is None:
            from tracker.errors import NotFound

            raise NotFound(f"no contract with id {contract_id}")
        row = conn.execute("SELECT id FROM reminder_recipients WHERE contract_id IS ? AND party = ? AND kind = ? "
                           "AND address = ? AND format = ?", (contract_id, party, kind, address, fmt)).fetchone()
        if row is not None:  # already assigned: only its signing secret reference may change
            conn.execute("UPDATE reminder_recipients SET secret = ?, person = coalesce(?, person) WHERE id = ?",
                         (secret, person, row[0]))
            return False
        conn.execute("INSERT INTO reminder_recipients (contract_id, party, kind, address, format, secret, person) "
                     "VALUES (?,?,?,?,?,?,?)", (contract_id, party, kind, address, fmt, secret, person))
        return True


def recipients(conn: sqlite3.Connection) -> list[tuple[int | None, str, str, str, str, str | None]]:
    """(contract_id, party, kind, address, format, secret reference) of every assigned recipient."""
    return conn.execute("SELECT contract_id, party, kind, address, format, secret FROM reminder_recipients "
                        "ORDER BY id").fetchall()


# ------------------------------------------------------------------------------ penalty snapshots


def has_snapshot(conn: sqlite3.Connection, day: date) -> bool:
    """Whether the day's penalty snapshot was taken (by an earlier run that day)."""
    return conn.execute("SELECT 1 FROM reminder_days WHERE day = ? UNION ALL "
                        "SELECT 1 FROM penalty_snapshots WHERE for_date = ? LIMIT 1",
                        (day.isoformat(), day.isoformat())).fetchone() is not None


@retried
def save_snapshots(conn: sqlite3.Connection, day: date, rows: Iterable[tuple[Any, ...]]) -> int:
    """(contract_id, obligation_id, clause, days, balance, penalty, suspend_from) for ``day``."""
    it = iter(rows)  # streamed, like enqueue
    head = next(it, None)
    if head is None:
        return 0
    n = 0

    def data() -> Iterator[tuple[Any, ...]]:
        nonlocal n
        for r in itertools.chain((head,), it):
            n += 1
            yield (day.isoformat(), *r)
    with immediate(conn):
        conn.executemany("INSERT INTO penalty_snapshots (for_date, contract_id, obligation_id, clause, days, "
                         "balance, penalty, suspend_from) VALUES (?,?,?,?,?,?,?,?) "
                         "ON CONFLICT(for_date, obligation_id, clause) DO UPDATE SET days = excluded.days, "
                         "balance = excluded.balance, penalty = excluded.penalty, "
                         "suspend_from = excluded.suspend_from", data())
    return n
