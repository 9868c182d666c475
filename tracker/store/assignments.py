"""People and what they are responsible for (``tracker assign --to PERSON``), stdlib ``sqlite3``.

An assignment names a person for one contract's obligations (or every contract's, ``contract_id``
NULL) of one party or both; ``tracker upcoming --mine`` lists the open obligations assigned to the
person running it. A reminder channel (``reminder_recipients``) may belong to a person too
(``person``): the daily job then sends that person one digest a day on it
(``tracker.person_digest``). Tables: migration ``0008_people``.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tracker.errors import NotFound
from tracker.store.outbox import immediate


def assign(conn: sqlite3.Connection, contract_id: int | None, party: str, person: str) -> bool:
    """Make ``person`` responsible for the contract's obligations of ``party`` (``both``: all);
    False if they already were. ``NotFound`` for an unknown contract."""
    with immediate(conn):
        if contract_id is not None and conn.execute("SELECT 1 FROM contracts WHERE id = ?",
                                                    (contract_id,)).fetchone() is None:
            raise NotFound(f"no contract with id {contract_id}")
        if conn.execute("SELECT 1 FROM assignments WHERE contract_id IS ? AND party = ? AND person = ?",
                        (contract_id, party, person)).fetchone():
            return False
        conn.execute("INSERT INTO assignments (contract_id, party, person) VALUES (?, ?, ?)",
                     (contract_id, party, person))
        return True


def assignments(conn: sqlite3.Connection, person: str | None = None) -> list[dict[str, Any]]:
    """Every assignment (or one person's), by person, then contract (every contract first)."""
    where, args = ("WHERE person = ?", (person,)) if person is not None else ("", ())
    rows = conn.execute(f"SELECT person, contract_id, party FROM assignments {where}"
                        " ORDER BY person, contract_id IS NOT NULL, contract_id, party", args).fetchall()
    return [{"person": p, "contract_id": c, "party": party} for p, c, party in rows]


def person_channels(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    """(kind, address, format, person) of every reminder channel that belongs to a person."""
    return conn.execute("SELECT DISTINCT kind, address, format, person FROM reminder_recipients"
                        " WHERE person IS NOT NULL ORDER BY person, kind, address").fetchall()
