"""What ``tracker export`` reads (stdlib ``sqlite3``): every obligation with its contract."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tracker.store import bad_rows
from tracker.store.bad_rows import Skipped
from tracker.store.read import connect


def obligation_rows(path: Path | str, skipped: list[Skipped] | None = None) -> list[tuple[Any, ...]]:
    """(obligation_id, contract_id, contract_title, provider, client, kind, party, title, due_date,
    waiting_for, recurrence, amount, paid, currency, status, clause, quote) of every obligation, in
    due-date order (waiting ones last); contracts whose stored data cannot be read are left out and
    added to ``skipped``."""
    with connect(path) as conn:
        if conn is None:
            return []
        bad = bad_rows.scan(conn, tables=("contracts", "obligations"))
        cur = conn.execute(
            "SELECT o.id, o.contract_id, c.title, c.provider, c.client, o.kind, o.party, o.title, o.due_date,"
            " CASE WHEN json_valid(o.trigger) THEN json_extract(o.trigger, '$.event') END, o.recurrence, o.amount,"
            " o.paid, o.currency, o.status, o.clause, o.quote FROM obligations o JOIN contracts c ON c.id = o.contract_id"
            " ORDER BY o.due_date IS NULL, o.due_date, o.id")
        rows = [r for r in cur.fetchall() if r[1] not in bad]
    for cid, problem in sorted(bad.items()):
        bad_rows.add(skipped, cid, problem)
    return rows
