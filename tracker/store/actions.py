"""Recorded actions and their undo: every write transaction is one *action* with an id.

SQLite triggers on the business tables (``TRACKED``) log each row a transaction inserts,
updates or deletes into ``action_changes`` (the row's id, and its old and new values as JSON)
while ``action_cursor`` names the transaction's action. So every writer, ORM or plain SQL, is
covered without remembering to log, and ``undo`` is generic: it applies the inverse of each
change in reverse order, inside a new action of its own (whose undo is a redo).

The ``history`` table is the audit trail and is not undone: a trigger stamps each history row
with its action id (``history.action_id``), and an undo adds a history row of its own.

An undo is refused, naming them, while a later action that is still in force changed the same
rows, or when a row no longer holds the values the action left (someone changed it since).

A migration that adds columns to a tracked table must call ``install_triggers`` again.
This module uses only ``sqlite3`` connections (the write side passes its transaction's).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from tracker.errors import NotFound, UsageError

TRACKED = ("contracts", "contract_versions", "obligations", "obligation_events", "contract_events",
           "payments", "payment_allocations", "evaluations", "parse_warnings")

ACTIONS_DDL = (
    "CREATE TABLE IF NOT EXISTS actions ("
    " id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, contract_id INTEGER, kind TEXT NOT NULL,"
    " summary TEXT, actor TEXT NOT NULL, recorded_at TEXT NOT NULL,"
    " undoes INTEGER REFERENCES actions(id), undone_by INTEGER REFERENCES actions(id))",
    "CREATE TABLE IF NOT EXISTS action_changes ("
    " id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, action_id INTEGER NOT NULL REFERENCES actions(id),"
    " tbl TEXT NOT NULL, row_id INTEGER NOT NULL, op TEXT NOT NULL, old TEXT, new TEXT)",
    "CREATE INDEX IF NOT EXISTS ix_action_changes_action ON action_changes (action_id)",
    "CREATE INDEX IF NOT EXISTS ix_action_changes_row ON action_changes (tbl, row_id)",
    "CREATE TABLE IF NOT EXISTS action_cursor (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),"
    " action_id INTEGER)",
    "INSERT OR IGNORE INTO action_cursor (id, action_id) VALUES (1, NULL)",
)
_CURSOR = "(SELECT action_id FROM action_cursor WHERE id = 1)"


def columns(conn: Any, table: str) -> list[str]:
    rows = _exec(conn, f"PRAGMA table_info({table})")
    return [r[1] for r in rows]


def _exec(conn: Any, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run SQL on a store connection or an SQLAlchemy connection (migrations pass the latter)."""
    c = _conn(conn)
    return (c.execute(sql, params) if params else c.execute(sql)).fetchall()


def _conn(conn: Any) -> Any:
    """The sqlite3 connection or ``tracker.store.pg.PgConn`` under ``conn``."""
    from tracker.store import pg

    if isinstance(conn, sqlite3.Connection | pg.PgConn):
        return conn
    return pg.wrap(conn.connection.dbapi_connection)


def install_triggers(conn: Any) -> None:
    """(Re)create the logging triggers of every tracked table and the history stamp."""
    if not isinstance(_conn(conn), sqlite3.Connection):
        from tracker.store.pg_schema import install_triggers as pg_triggers

        pg_triggers(_conn(conn), TRACKED)
        return
    for t in TRACKED:
        cols = columns(conn, t)
        old = "json_object(" + ", ".join(f"'{c}', OLD.\"{c}\"" for c in cols) + ")"
        new = "json_object(" + ", ".join(f"'{c}', NEW.\"{c}\"" for c in cols) + ")"
        when = f"WHEN {_CURSOR} IS NOT NULL"
        ins = f"INSERT INTO action_changes (action_id, tbl, row_id, op, old, new) VALUES ({_CURSOR}, '{t}', "
        for op, body in (("insert", "NEW.rowid, 'insert', NULL, NULL)"),
                         ("update", f"NEW.rowid, 'update', {old}, {new})"),
                         ("delete", f"OLD.rowid, 'delete', {old}, NULL)")):
            _exec(conn, f"DROP TRIGGER IF EXISTS log_{t}_{op}")
            _exec(conn, f"CREATE TRIGGER log_{t}_{op} AFTER {op.upper()} ON {t} {when} BEGIN {ins}{body}; END")
    _exec(conn, "DROP TRIGGER IF EXISTS stamp_history")
    _exec(conn, f"CREATE TRIGGER stamp_history AFTER INSERT ON history {when} BEGIN "
                f"UPDATE history SET action_id = {_CURSOR} WHERE id = NEW.id; END")


def migrate(conn: Any) -> None:
    """Migration 0006: the action tables, the new columns and the triggers."""
    for stmt in ACTIONS_DDL:
        _exec(conn, stmt)
    new_columns = {
        "history": {"action_id": "INTEGER"},
        "obligations": {"resolved_by": "INTEGER", "review": "VARCHAR NOT NULL DEFAULT 'extracted'",
                        "origin": "VARCHAR NOT NULL DEFAULT 'parsed'"},
        "contracts": {"review": "VARCHAR"},
    }
    for table, cols in new_columns.items():
        have = set(columns(conn, table))
        for name, ddl in cols.items():
            if name not in have:
                _exec(conn, f"ALTER TABLE {table} ADD COLUMN {name} {ddl}")
    _exec(conn, "CREATE INDEX IF NOT EXISTS ix_history_action ON history (action_id)")
    install_triggers(conn)


# ---------------------------------------------------------------------------------- begin / finish


def begin(conn: sqlite3.Connection, actor: str, stamp: str, who: str | None = None) -> int:
    """Open an action for the current transaction; its changes are logged from now on. ``who``:
    the person whose command it is (default: ``actor``)."""
    aid = conn.execute("INSERT INTO actions (kind, actor, who, recorded_at) VALUES ('pending', ?, ?, ?)",
                       (actor, who or actor, stamp)).lastrowid
    conn.execute("UPDATE action_cursor SET action_id = ? WHERE id = 1", (aid,))
    return int(aid or 0)


def finish(conn: sqlite3.Connection, action_id: int) -> bool:
    """Close the action: named after its first history row (a derived change only if nothing else),
    dropped if it changed nothing."""
    conn.execute("UPDATE action_cursor SET action_id = NULL WHERE id = 1")
    first = conn.execute("SELECT contract_id, action, field, new FROM history WHERE action_id = ?"
                         " ORDER BY action = 'derived', id LIMIT 1", (action_id,)).fetchone()
    changed = conn.execute("SELECT 1 FROM action_changes WHERE action_id = ? LIMIT 1", (action_id,)).fetchone()
    if first is None and changed is None:
        conn.execute("DELETE FROM actions WHERE id = ?", (action_id,))
        return False
    if first is None:
        conn.execute("UPDATE actions SET kind = 'other' WHERE id = ? AND kind = 'pending'", (action_id,))
        return True
    cid, kind, field, new = first
    summary = " ".join(str(x) for x in (kind, field, new) if x)
    conn.execute("UPDATE actions SET contract_id = ?, kind = CASE kind WHEN 'pending' THEN ? ELSE kind END,"
                 " summary = coalesce(summary, ?) WHERE id = ?", (cid, kind, summary, action_id))
    return True


# ---------------------------------------------------------------------------------- undo


@dataclass(frozen=True)
class Change:
    id: int
    tbl: str
    row_id: int
    op: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None

    def changed_columns(self) -> set[str]:
        if self.op != "update" or self.old is None or self.new is None:
            return set()
        return {k for k in self.new if self.old.get(k) != self.new.get(k)}


def _changes(conn: sqlite3.Connection, action_id: int) -> list[Change]:
    rows = conn.execute("SELECT id, tbl, row_id, op, old, new FROM action_changes WHERE action_id = ? ORDER BY id",
                        (action_id,)).fetchall()
    return [Change(i, t, r, op, json.loads(o) if o else None, json.loads(n) if n else None)
            for i, t, r, op, o, n in rows]


def in_force(conn: sqlite3.Connection) -> set[int]:
    """Actions whose effects are in the database: not undone, and not an undo (an undo and the
    action it reversed cancel out; a redo restores the original, which is in force again)."""
    return {r[0] for r in conn.execute("SELECT id FROM actions WHERE undone_by IS NULL AND undoes IS NULL")}


def _conflicts(conn: sqlite3.Connection, action_id: int, changes: list[Change]) -> list[str]:
    touched = {(c.tbl, c.row_id) for c in changes}
    live = in_force(conn)
    later: dict[int, str] = {}
    for aid, tbl, row_id, summary in conn.execute(
            "SELECT c.action_id, c.tbl, c.row_id, a.summary FROM action_changes c JOIN actions a"
            " ON a.id = c.action_id WHERE c.action_id > ? ORDER BY c.action_id", (action_id,)):
        if aid in live and (tbl, row_id) in touched:
            later[aid] = summary or ""
    out = [f"action {aid} ({summary})" for aid, summary in later.items()]
    if out:
        return out
    for c in changes:  # a writer outside any action (none today) changed a row since
        if c.op == "update" and c.new is not None:
            cols = sorted(c.changed_columns())
            if not cols:
                continue
            row = conn.execute(f"SELECT {', '.join(cols)} FROM {c.tbl} WHERE rowid = ?", (c.row_id,)).fetchone()
            if row is None or any(row[i] != c.new.get(k) for i, k in enumerate(cols)):
                out.append(f"{c.tbl} row {c.row_id} changed since")
    return out


def _reverse(conn: sqlite3.Connection, c: Change) -> None:
    if c.op == "insert":
        conn.execute(f"DELETE FROM {c.tbl} WHERE rowid = ?", (c.row_id,))
    elif c.op == "delete" and c.old is not None:
        cols = list(c.old)
        conn.execute(f"INSERT INTO {c.tbl} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                     tuple(c.old[k] for k in cols))
    elif c.op == "update" and c.old is not None:
        cols = sorted(c.changed_columns())
        if cols:
            conn.execute(f"UPDATE {c.tbl} SET {', '.join(f'{k} = ?' for k in cols)} WHERE rowid = ?",
                         (*(c.old[k] for k in cols), c.row_id))


def describe(conn: sqlite3.Connection, action_id: int) -> tuple[int | None, str, str | None, int | None]:
    row = conn.execute("SELECT contract_id, kind, summary, undone_by FROM actions WHERE id = ?",
                       (action_id,)).fetchone()
    if row is None or row[1] == "pending":
        raise NotFound(f"no action with id {action_id}")
    return row[0], row[1], row[2], row[3]


def undo(conn: sqlite3.Connection, action_id: int, current: int) -> dict[str, Any]:
    """Reverse ``action_id`` inside the open action ``current``; returns what was reversed."""
    contract_id, kind, summary, undone_by = describe(conn, action_id)
    if undone_by is not None:
        raise UsageError(f"action {action_id} ({summary}) was already undone by action {undone_by}")
    changes = _changes(conn, action_id)
    conflicts = _conflicts(conn, action_id, changes)
    if conflicts:
        raise UsageError(f"cannot undo action {action_id} ({summary}): undo {', '.join(conflicts)} first")
    try:
        for c in reversed(changes):
            _reverse(conn, c)
    except sqlite3.IntegrityError as exc:
        raise UsageError(f"cannot undo action {action_id} ({summary}): later records depend on it ({exc})") from None
    undoes = conn.execute("SELECT undoes FROM actions WHERE id = ?", (action_id,)).fetchone()[0]
    conn.execute("UPDATE actions SET undone_by = ? WHERE id = ?", (current, action_id))
    conn.execute("UPDATE actions SET kind = 'undo', undoes = ?, contract_id = ?, summary = ? WHERE id = ?",
                 (action_id, contract_id, f"undo {action_id} ({summary})", current))
    if undoes is not None:  # undoing an undo puts the original back in force
        conn.execute("UPDATE actions SET undone_by = NULL WHERE id = ?", (undoes,))
    tables = sorted({c.tbl for c in changes})
    return {"action_id": current, "undid": action_id, "kind": kind, "summary": summary,
            "contract_id": contract_id, "rows": len(changes), "tables": tables}


def listing(conn: sqlite3.Connection, contract_id: int | None = None) -> list[dict[str, Any]]:
    """Recorded actions, newest first (``tracker undo --list``)."""
    where, args = ("WHERE contract_id = ?", (contract_id,)) if contract_id is not None else ("", ())
    rows = conn.execute(f"SELECT id, contract_id, kind, summary, actor, recorded_at, undoes, undone_by, who"
                        f" FROM actions {where} ORDER BY id DESC", args).fetchall()
    keys = ("action_id", "contract_id", "kind", "summary", "actor", "recorded_at", "undoes", "undone_by", "who")
    return [dict(zip(keys, r, strict=True)) for r in rows if r[2] != "pending"]
