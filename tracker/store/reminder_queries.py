"""What the daily reminder job reads and marks (stdlib ``sqlite3``), so its SQL lives in the store.

``tracker.daily`` decides; these functions only fetch rows: the open obligations that can have a
reminder on a day (``prefilter``: a superset, the policy in ``tracker.reminders`` decides), their
contracts' late-payment clauses and calendars, the earliest passed deadline per producer kind,
the evaluations, the deadlines a calendar refresh moved, and the contracts with an overdue
instalment. ``mark_moves_announced`` records that a move was told.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from datetime import date
from typing import Any

OPEN_SQL = "('pending', 'overdue')"


def prefilter(pol: Any, last_covered: int) -> tuple[str, list[Any]]:
    """SQL that keeps only obligations that *can* have a reminder today (a superset: the policy
    in ``tracker.reminders`` decides). ``d`` is the number of days until the deadline."""
    conds, params = ["o.due_date IS NULL"], []
    listed = list(pol.lead_days)
    for kind, leads in pol.lead_days.items():
        if leads:
            conds.append(f"(o.kind = ? AND d IN ({','.join('?' * len(leads))}))")
            params += [kind, *leads]
    other = pol.leads("other")
    conds.append(f"(o.kind NOT IN ({','.join('?' * len(listed))}) AND d IN ({','.join('?' * len(other))}))")
    params += [*listed, *other]
    conds.append("(o.kind = 'payment' AND d < 0)")  # overdue payments: penalty and suspension notices
    every = max(pol.overdue_every_days, 1)
    conds.append(f"(o.kind IN ({','.join('?' * len(pol.overdue_kinds))}) AND d < 0 AND (-d <= ? OR (-d - ?) % ? = 0))")
    params += [*pol.overdue_kinds, pol.overdue_daily_days, pol.overdue_daily_days, every]
    conds.append("((o.due_date > ? OR instr(o.calendar_basis, 'null') > 0 OR (o.calendar IS NOT NULL AND"
                 " o.calendar != 'CN')) AND d BETWEEN 0 AND ?)")  # a year without a holiday calendar
    params += [f"{last_covered}-12-31", pol.calendar_notice_days]
    conds.append("o.id IN (SELECT obligation_id FROM evaluations WHERE passed = 0)")
    return " OR ".join(conds), params


def begin_read(conn: sqlite3.Connection) -> None:
    """Start one read transaction: everything read until ``end_read`` sees one consistent snapshot."""
    conn.execute("BEGIN")


def end_read(conn: sqlite3.Connection) -> None:
    conn.execute("ROLLBACK")


def keep_read(conn: sqlite3.Connection) -> None:
    """End the read transaction keeping what it wrote to TEMP tables (``tracker.store.remind_stage``)."""
    conn.execute("COMMIT")


# A slice of the portfolio (the daily job plans 1,000 contracts at a time): its rows are read through
# ix_obligations_contract; "+due_date" keeps SQLite from reading every open row of the portfolio
# through ix_obligations_status_due instead, once per slice.
_IN_SLICE = " AND contract_id IN (SELECT value FROM json_each(?))"


def _slice(contracts: Collection[int] | None) -> tuple[str, str, list[Any]]:
    """(filter, due-date column, its parameter) for the given contracts, or for all."""
    if contracts is None:
        return "", "due_date", []
    return _IN_SLICE, "+due_date", [json.dumps(list(contracts))]


def contract_slices(conn: sqlite3.Connection, size: int) -> Iterator[list[int]]:
    """The contracts' ids, ``size`` at a time, in order (keyset pagination)."""
    last = -(2 ** 63)
    while True:
        ids = [i for (i,) in conn.execute("SELECT id FROM contracts WHERE id > ? ORDER BY id LIMIT ?", (last, size))]
        if not ids:
            return
        yield ids
        last = ids[-1]


def candidates(conn: sqlite3.Connection, day: date, pol: Any, last_covered: int,
               contracts: Collection[int] | None = None) -> list[tuple[Any, ...]]:
    """(id, contract_id, kind, party, title, due_date, trigger, recurrence, amount, paid, currency,
    clause, calendar_basis, status) of each open obligation ``prefilter`` keeps for ``day`` (of the
    given ``contracts``, or of all)."""
    where, params = prefilter(pol, last_covered)
    only, _, span = _slice(contracts)
    # ``d`` is read several times per row: the day's Julian day number is passed in, not parsed each time
    return conn.execute(
        "SELECT o.id, o.contract_id, o.kind, o.party, o.title, o.due_date, o.trigger, o.recurrence, o.amount,"
        " o.paid, o.currency, o.clause, o.calendar_basis, o.status FROM (SELECT *, CAST(round(julianday(due_date)"
        f" - ?) AS INTEGER) AS d FROM obligations WHERE status IN {OPEN_SQL}{only}) o WHERE " + where,
        [julian_day(day), *span, *params]).fetchall()


def julian_day(day: date) -> float:
    """SQLite's ``julianday('YYYY-MM-DD')`` of ``day`` (midnight), computed here."""
    return day.toordinal() + 1721424.5


def contract_context(conn: sqlite3.Connection, contract_ids: Collection[int]
                     ) -> tuple[dict[int, tuple[Any, Any]], dict[int, Any]]:
    """{id: (title, penalties JSON text)} and {id: calendar code} of the given contracts."""
    contracts: dict[int, tuple[Any, Any]] = {}
    calendar_of: dict[int, Any] = {}
    for cid, title, pens, calendar in conn.execute(  # one read of each contract's row
            "SELECT id, title, CASE WHEN json_valid(facts) THEN json_extract(facts, '$.penalties') END, calendar"
            " FROM contracts WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(contract_ids)),)):
        contracts[cid] = (title, pens)
        calendar_of[cid] = calendar
    return contracts, calendar_of


def earliest_passed(conn: sqlite3.Connection, kinds: Sequence[str], day: date,
                    contracts: Collection[int] | None = None) -> list[tuple[int, str, str]]:
    """(contract_id, kind, earliest due date) of the open obligations of ``kinds`` due before ``day``."""
    only, due, span = _slice(contracts)
    return conn.execute(
        f"SELECT contract_id, kind, min(due_date) FROM obligations WHERE status IN {OPEN_SQL}"
        f" AND kind IN ({','.join('?' * len(kinds))}) AND {due} < ?{only} GROUP BY contract_id, kind",
        [*kinds, day.isoformat(), *span]).fetchall()


def evaluations(conn: sqlite3.Connection, contracts: Collection[int] | None = None) -> list[tuple[Any, ...]]:
    """(contract_id, obligation_id, on_date, metrics, targets, gaps, passed) of every evaluation tied
    to an obligation, oldest first."""
    only, _, span = _slice(contracts)
    return conn.execute(
        "SELECT contract_id, obligation_id, on_date, metrics, targets, gaps, passed FROM evaluations"
        f" WHERE obligation_id IS NOT NULL{only} ORDER BY on_date, id", span).fetchall()


def unannounced_moves(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """(move id, obligation_id, contract_id, old due, new due, reason, kind, party, title, clause,
    amount, paid, currency, contract title) of each calendar move of an open obligation not yet told."""
    return conn.execute(
        "SELECT m.id, m.obligation_id, m.contract_id, m.old_due_date, m.new_due_date, m.reason, o.kind, o.party,"
        " o.title, o.clause, o.amount, o.paid, o.currency, c.title FROM calendar_moves m"
        " JOIN obligations o ON o.id = m.obligation_id JOIN contracts c ON c.id = m.contract_id"
        f" WHERE m.reminded_on IS NULL AND o.status IN {OPEN_SQL} ORDER BY m.id").fetchall()


def overdue_payment_contracts(conn: sqlite3.Connection, day: date,
                              contracts: Collection[int] | None = None) -> set[int]:
    """The contracts (of those given, or of all) with an open payment due before ``day``."""
    only, due, span = _slice(contracts)
    return {cid for (cid,) in conn.execute(
        f"SELECT DISTINCT contract_id FROM obligations WHERE kind = 'payment' AND status IN {OPEN_SQL}"
        f" AND {due} < ?{only}", (day.isoformat(), *span))}


def mark_moves_announced(conn: sqlite3.Connection, move_ids: Sequence[int], on: date) -> None:
    """Record that these calendar moves were announced on ``on`` (never overwriting an earlier day),
    inside the caller's write transaction (the one recording the day's plan, ``plan_memo.remember``)."""
    conn.executemany("UPDATE calendar_moves SET reminded_on = ? WHERE id = ? AND reminded_on IS NULL",
                     [(on.isoformat(), m) for m in move_ids])


def first_run(conn: sqlite3.Connection, digest_reason: str) -> bool:
    """No day ever completed and nothing in the outbox but ``digest_reason`` rows."""
    if conn.execute("SELECT 1 FROM reminder_days LIMIT 1").fetchone():
        return False
    return not conn.execute("SELECT 1 FROM reminder_outbox WHERE reason != ? LIMIT 1", (digest_reason,)).fetchone()
