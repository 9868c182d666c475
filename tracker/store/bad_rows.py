"""Rows that cannot be read: found, named by contract, and skipped — never a crash for everyone.

A database edited by hand, restored from a truncated backup or written by a buggy tool may hold
a ``facts`` JSON cut in half or a due date that is no date. One such contract must not stop
``remind``, ``penalties``, ``upcoming`` or ``export`` for all the others, nor print a
traceback carrying its quotes: each reader skips the contracts it cannot read and reports them
as ``Skipped(contract_id, problem)`` — the id and what is wrong, never the stored text.
``tracker doctor`` lists them all with the database's integrity.

``scan`` checks in SQL (one pass per table, no text leaves SQLite): JSON columns are
``json_valid``, date columns round-trip through ``date()``, amounts are plain decimals. The
readers also catch what only Python sees (a penalty clause ``Penalty.from_json`` refuses) with
``reading(contract_id)``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Skipped:
    """A contract a command left out: its id and a problem that quotes nothing stored."""

    contract_id: int
    problem: str

    def line(self) -> str:
        return f"contract #{self.contract_id} skipped: {self.problem} (see tracker doctor)"

    def to_json(self) -> dict[str, object]:
        return {"contract_id": self.contract_id, "problem": self.problem}


_DATE_BAD = "({col} IS NOT NULL AND date({col}, '+0 days') IS NOT {col})"  # the modifier normalises 02-30
_JSON_BAD = "({col} IS NOT NULL AND NOT json_valid({col}))"
_AMOUNT_BAD = ("({col} IS NOT NULL AND (typeof({col}) != 'text' OR {col} = '' OR {col} GLOB '*[^0-9.-]*'"
               " OR {col} GLOB '*.*.*' OR {col} GLOB '?*-*'))")

# (table, contract column, what is wrong, SQL condition). ``scan`` tries a table's conditions in
# this order in one CASE, which stops at the first that holds: a condition may rely on the ones
# before it (the facts are valid JSON once the first check has passed; each test parses them again).
CHECKS: tuple[tuple[str, str, str, str], ...] = (
    ("contracts", "id", "its stored facts are not valid JSON",
     "(facts IS NULL OR NOT json_valid(facts))"),
    ("contracts", "id", "its stored penalty clauses are not a list",
     "(json_type(facts, '$.penalties') NOT IN ('array', 'null'))"),
    ("contracts", "id", "its stored total fee is not an amount",
     "(json_type(facts, '$.total_fee') NOT IN ('text', 'null'))"),
    ("obligations", "contract_id", "an obligation has a stored due date that is not a date",
     _DATE_BAD.format(col="due_date")),
    ("obligations", "contract_id", "an obligation has a stored trigger that is not valid JSON",
     _JSON_BAD.format(col="trigger")),
    ("obligations", "contract_id", "an obligation has stored metrics that are not valid JSON",
     _JSON_BAD.format(col="metrics")),
    ("obligations", "contract_id", "an obligation has a stored amount that is not an amount",
     f"({_AMOUNT_BAD.format(col='amount')} OR {_AMOUNT_BAD.format(col='paid')})"),
    ("payments", "contract_id", "a payment has a stored date that is not a date",
     f"(paid_on IS NULL OR {_DATE_BAD.format(col='paid_on')})"),
    ("payments", "contract_id", "a payment has a stored amount that is not an amount",
     f"(amount IS NULL OR {_AMOUNT_BAD.format(col='amount')})"),
    ("contract_events", "contract_id", "an event has a stored date that is not a date",
     f"(on_date IS NULL OR {_DATE_BAD.format(col='on_date')})"),
    ("evaluations", "contract_id", "an evaluation has stored data that cannot be read",
     f"({_DATE_BAD.format(col='on_date')} OR {_JSON_BAD.format(col='metrics')} OR "
     f"{_JSON_BAD.format(col='targets')} OR {_JSON_BAD.format(col='gaps')})"),
)


def scan(conn: sqlite3.Connection, contract_ids: Collection[int] | None = None,
         tables: Collection[str] | None = None) -> dict[int, str]:
    """Contract id -> the first problem found, over every contract (or the given ones / tables)."""
    out: dict[int, str] = {}
    only, args = "", ()  # type: tuple[str, tuple[str, ...]]
    if contract_ids is not None:
        if not contract_ids:
            return out
        only, args = " AND {cid} IN (SELECT value FROM json_each(?))", (json.dumps(sorted(contract_ids)),)
    by_table: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for table, cid, problem, cond in CHECKS:
        if tables is None or table in tables:
            by_table.setdefault((table, cid), []).append((problem, cond))
    sqlite = isinstance(conn, sqlite3.Connection)
    for (table, cid), checks in by_table.items():  # one pass over each table
        # PostgreSQL's NUMERIC money columns hold nothing but amounts: no amount check there
        case = " ".join(f"WHEN {cond if sqlite or 'GLOB' not in cond else 'false'} THEN ?" for _, cond in checks)
        sql = (f"SELECT {cid}, problem FROM (SELECT {cid}, CASE {case} END AS problem FROM {table}"
               f" WHERE 1 = 1{only.format(cid=cid)}) AS t WHERE problem IS NOT NULL")
        for c, problem in conn.execute(sql, [p for p, _ in checks] + list(args)):
            if c is not None:
                out.setdefault(int(c), problem)
    return out


class Unreadable(Exception):
    """Raised by ``reading`` for a contract whose stored data Python cannot use."""

    def __init__(self, contract_id: int, problem: str) -> None:
        super().__init__(problem)
        self.contract_id = contract_id
        self.problem = problem


@contextmanager
def reading(contract_id: int, what: str = "its stored data cannot be read") -> Iterator[None]:
    """Turn any failure while building one contract's values into ``Unreadable`` (no stored text)."""
    from tracker.errors import TrackerError

    try:
        yield
    except (Unreadable, TrackerError):
        raise
    except Exception as exc:
        raise Unreadable(contract_id, f"{what} ({type(exc).__name__})") from None


def add(skipped: list[Skipped] | None, contract_id: int, problem: str) -> None:
    """Record a skipped contract once (``skipped`` is the caller's out-list, or None)."""
    if skipped is not None and all(s.contract_id != contract_id for s in skipped):
        skipped.append(Skipped(contract_id, problem))
