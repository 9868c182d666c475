"""What ``tracker balance`` reads (stdlib ``sqlite3``): each contract's penalty inputs
(``penalty_queries.read_inputs``), the payments received by a day and the instalments invoiced
by then. The sums are computed by the caller (``tracker.balance``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tracker.errors import NotFound
from tracker.penalty_inputs import PenaltyInputs
from tracker.store.penalty_queries import read_inputs
from tracker.store.read import connect


def balance_inputs(path: Path | str, as_of: date, contract_id: int | None = None,
                   skipped: list[Any] | None = None
                   ) -> tuple[list[PenaltyInputs], dict[int, str], set[int]] | None:
    """(penalty inputs, the amounts received by ``as_of`` per contract as space-separated text, the
    ids of instalments invoiced by then), or None when there is no database yet (``NotFound``
    if ``contract_id`` is given)."""
    with connect(path) as conn:
        if conn is None:
            if contract_id is not None:
                raise NotFound(f"no contract with id {contract_id}")
            return None
        inputs = read_inputs(conn, contract_id, skipped=skipped if skipped is not None else [])
        day = as_of.isoformat()
        received = dict(conn.execute("SELECT contract_id, group_concat(amount, ' ') FROM payments WHERE paid_on <= ?"
                                     " GROUP BY contract_id", (day,)).fetchall())
        invoiced_ids = {r[0] for r in conn.execute(
            "SELECT o.id FROM obligations o JOIN contract_events e ON e.id = o.resolved_by"
            " WHERE e.event = 'invoice' AND e.on_date <= ?", (day,))}
    return inputs, received, invoiced_ids
