"""Read what ``tracker.penalty.compute`` needs, per contract, with stdlib sqlite3 (no SQLAlchemy).

The one builder of penalty inputs: ``tracker penalties`` (``penalty_inputs``) and ``tracker
show`` (``read_inputs`` inside its own snapshot) both come here, so they cannot disagree. It
only reads the store's tables through the store's own ``read.connect`` (one read snapshot; a
missing database reads as empty). What it gathers:

- the penalty clauses and total fee from ``contracts.facts`` (human edits applied);
- the payment obligations with an amount (waived, superseded and deleted ones owe no penalty);
- the payments, as the store allocated them (``payment_allocations``: each part names its
  instalment, so the calculator honours the store's allocation);
- the ``model_delivery`` obligations with the day the model was delivered: the recorded
  ``model_delivery`` event, else the day the obligation was marked fulfilled.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator
from datetime import date
from pathlib import Path

from tracker.errors import NotFound, StoreError
from tracker.model import Penalty
from tracker.money import D
from tracker.penalty import Delivery, Instalment, Payment
from tracker.penalty_inputs import PenaltyInputs
from tracker.store import bad_rows
from tracker.store.bad_rows import Skipped
from tracker.store.read import connect


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def penalty_inputs(path: Path | str, contract_id: int | None = None, *,
                   skipped: list[Skipped] | None = None) -> list[PenaltyInputs]:
    """Every contract's penalty inputs (or one contract's; ``NotFound`` if it does not exist).
    Contracts whose stored data cannot be read are left out and added to ``skipped``; one asked
    for by id is a ``StoreError`` instead."""
    with connect(path) as conn:
        if conn is None:
            if contract_id is not None:
                raise NotFound(f"no contract with id {contract_id}")
            return []
        return read_inputs(conn, contract_id, skipped=skipped)


def read_inputs(conn: sqlite3.Connection, contract_id: int | None = None, *,
                contract_ids: Collection[int] | None = None,
                skipped: list[Skipped] | None = None, bad: dict[int, str] | None = None) -> list[PenaltyInputs]:
    """``penalty_inputs`` on an open read connection, for one contract, the given ones
    (``contract_ids``) or all: the one place these inputs are built, so ``tracker penalties``,
    ``tracker show`` (inside its own snapshot) and the daily reminders always agree.
    Unreadable contracts (``tracker.store.bad_rows``) are skipped and reported in ``skipped``;
    asked for by ``contract_id``, one is a ``StoreError`` naming it. ``bad``: the result of a
    ``bad_rows.scan`` the caller already made over these contracts (not repeated)."""
    if contract_id is not None:
        contract_ids = (contract_id,)
    bad = dict(bad) if bad is not None else bad_rows.scan(
        conn, contract_ids, tables=("contracts", "obligations", "payments", "contract_events"))
    where, only, args = "", "", ()  # type: tuple[str, str, tuple[str, ...]]
    if contract_ids is not None:
        ids = "(SELECT value FROM json_each(?))"
        where, only, args = f"WHERE id IN {ids}", f" AND o.contract_id IN {ids}", (json.dumps(sorted(contract_ids)),)
    contracts = conn.execute(
        "SELECT id, title, provider, client, currency, " + ", ".join(
            f"CASE WHEN json_valid(facts) THEN json_extract(facts, '$.{k}') END"
            for k in ("currency", "total_fee", "penalties")) + f" FROM contracts {where} ORDER BY id", args).fetchall()
    if contract_id is not None and not contracts:
        raise NotFound(f"no contract with id {contract_id}")
    inst: dict[int, list[Instalment]] = {}
    for oid, cid, due, amount, title, clause in conn.execute(
            "SELECT o.id, o.contract_id, o.due_date, o.amount, o.title, o.clause FROM obligations o"
            " WHERE o.kind = 'payment' AND o.amount IS NOT NULL AND o.status NOT IN ('waived', 'superseded', 'deleted')"
            f"{only} ORDER BY o.due_date IS NULL, o.due_date, o.id", args):
        if cid not in bad:
            try:
                inst.setdefault(cid, []).append(Instalment(oid, _day(due), D(amount), title, clause))
            except Exception:  # what the scan cannot see: this contract only
                bad[cid] = "an instalment's stored due date or amount cannot be read"
    pays: dict[int, list[Payment]] = {}
    for cid, on, amount, oid in conn.execute(
            "SELECT p.contract_id, p.paid_on, a.amount, a.obligation_id FROM payment_allocations a"
            " JOIN payments p ON p.id = a.payment_id JOIN obligations o ON o.id = a.obligation_id"
            " WHERE o.status NOT IN ('waived', 'superseded', 'deleted')"
            f"{only.replace('o.contract_id', 'p.contract_id')} ORDER BY p.paid_on, a.id", args):
        if cid not in bad:
            try:
                pays.setdefault(cid, []).append(Payment(date.fromisoformat(on), D(amount), oid))
            except Exception:
                bad[cid] = "a payment's stored date or amount cannot be read"
    delivered: dict[int, str] = dict(conn.execute(
        "SELECT contract_id, min(on_date) FROM contract_events WHERE event = 'model_delivery'"
        f"{only.replace('o.contract_id', 'contract_id')} GROUP BY contract_id", args).fetchall())
    dels: dict[int, list[Delivery]] = {}
    for oid, cid, due, title, clause, status, fulfilled_on in conn.execute(
            "SELECT o.id, o.contract_id, o.due_date, o.title, o.clause, o.status,"
            " (SELECT min(e.on_date) FROM obligation_events e WHERE e.obligation_id = o.id"
            "  AND e.to_status = 'fulfilled') FROM obligations o"
            f" WHERE o.kind = 'model_delivery' AND o.status NOT IN ('waived', 'superseded', 'deleted'){only}"
            " ORDER BY o.id", args):
        if cid in bad:
            continue
        on = delivered.get(cid) or (fulfilled_on if status == "fulfilled" else None)
        try:
            dels.setdefault(cid, []).append(Delivery(oid, _day(due), _day(on), title, clause))
        except Exception:
            bad[cid] = "a delivery's stored date cannot be read"
    out = []
    parsed: dict[str | None, tuple[Penalty, ...]] = {}  # many contracts share the same clauses
    for cid, title, provider, client, currency, facts_currency, fee, penalties_text in contracts:
        try:
            if cid in bad:
                raise bad_rows.Unreadable(cid, bad[cid])
            with bad_rows.reading(cid, "its stored penalty clauses or total fee cannot be read"):
                if penalties_text not in parsed:
                    parsed[penalties_text] = tuple(Penalty.from_json(p)
                                                   for p in json.loads(penalties_text or "null") or [])
                total = D(fee) if fee else None
        except bad_rows.Unreadable as exc:
            if contract_id is not None:
                raise StoreError(f"contract #{cid}: {exc.problem}; see tracker doctor") from None
            bad_rows.add(skipped, cid, exc.problem)
            continue
        out.append(PenaltyInputs(
            cid, title, provider, client, currency or facts_currency, total,
            parsed[penalties_text], tuple(inst.get(cid, ())), tuple(pays.get(cid, ())), tuple(dels.get(cid, ()))))
    return out


def iter_inputs(path: Path | str, *, skipped: list[Skipped] | None = None,
                chunk: int = 500) -> Iterator[PenaltyInputs]:
    """``penalty_inputs`` of every contract, streamed: read ``chunk`` contracts at a time inside one
    read snapshot, so a portfolio of any size is never held in memory at once."""
    with connect(path) as conn:
        if conn is None:
            return
        ids = [cid for (cid,) in conn.execute("SELECT id FROM contracts ORDER BY id")]
        for k in range(0, len(ids), chunk):
            yield from read_inputs(conn, contract_ids=ids[k:k + chunk], skipped=skipped)
