"""One contract as stored, for ``tracker show``: its facts, obligations with their events,
payments, evaluations, warnings, versions and history, and its penalty inputs.

The store returns the inputs; the caller computes the penalties (``tracker.contract_view``), so
nothing here runs the calculator. One read snapshot (``read.connect``) for all of it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracker.errors import NotFound, StoreError
from tracker.penalty_inputs import PenaltyInputs
from tracker.store import bad_rows
from tracker.store.penalty_queries import read_inputs
from tracker.store.read import connect, recurring


@dataclass(frozen=True)
class ContractRecord:
    """``data``: the contract as ``tracker show --json`` prints it, less ``penalties``;
    ``penalty_inputs``: what ``tracker.penalty.compute`` needs for them."""

    data: dict[str, Any]
    penalty_inputs: PenaltyInputs


def _dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def record(path: Path | str, contract_id: int, as_of: date) -> ContractRecord:
    """Everything stored about one contract (facts, obligations with their events, payments,
    evaluations, warnings, versions and history) and its penalty inputs."""
    with connect(path) as conn:
        if conn is None:
            raise NotFound(f"no contract with id {contract_id}")
        bad = bad_rows.scan(conn, (contract_id,))
        if contract_id in bad:
            raise StoreError(f"contract #{contract_id}: {bad[contract_id]}; see tracker doctor")
        try:
            with bad_rows.reading(contract_id):
                return _record(conn, contract_id, as_of)
        except bad_rows.Unreadable as exc:
            raise StoreError(f"contract #{contract_id}: {exc.problem}; see tracker doctor") from None


def _record(conn: sqlite3.Connection, contract_id: int, as_of: date) -> ContractRecord:

    cur = conn.execute("SELECT id AS contract_id, title, provider, client, language, currency, file, sha256,"
                       " facts, terminated_on, added_at, current_version_id, calendar, review FROM contracts"
                       " WHERE id = ?",
                       (contract_id,))
    found = _dicts(cur)
    if not found:
        raise NotFound(f"no contract with id {contract_id}")
    c = found[0]
    c["facts"] = json.loads(c["facts"])
    obligations = _dicts(conn.execute(
        "SELECT id AS obligation_id, version_id, kind, party, title, due_date, trigger, recurrence, amount,"
        " paid, currency, metrics, clause, quote, status, status_on, calendar_basis, review, origin, resolved_by"
        " FROM obligations WHERE contract_id = ?"
        " ORDER BY due_date IS NULL, due_date, id", (contract_id,)))
    events = _dicts(conn.execute(
        "SELECT e.obligation_id, e.from_status, e.to_status, e.on_date, e.note, e.actor, e.recorded_at"
        " FROM obligation_events e JOIN obligations o ON o.id = e.obligation_id"
        " WHERE o.contract_id = ? ORDER BY e.id", (contract_id,)))
    by_ob: dict[int, list[dict[str, Any]]] = {}
    for e in events:
        by_ob.setdefault(e.pop("obligation_id"), []).append(e)
    for o in obligations:
        o["trigger"] = json.loads(o["trigger"]) if o["trigger"] else None
        o["metrics"] = json.loads(o["metrics"]) if o["metrics"] else None
        o["calendar_basis"] = json.loads(o["calendar_basis"]) if o["calendar_basis"] else None
        o["events"] = by_ob.get(o["obligation_id"], [])
        o["days_left"] = ((date.fromisoformat(o["due_date"]) - as_of).days
                          if o["due_date"] and o["status"] in ("pending", "overdue") else None)
        if o["status"] in ("pending", "overdue"):
            series = recurring(o["recurrence"], o["due_date"], as_of,
                               c["terminated_on"] or c["facts"].get("expiry_date"))
            o.update(series)
            if series:
                o["days_left"] = (date.fromisoformat(series["occurrence_due"]) - as_of).days
        if o["days_left"] is not None and o["days_left"] < 0:
            o["status"] = "overdue"
    payments = _dicts(conn.execute(
        "SELECT id AS payment_id, amount, paid_on, note, actor FROM payments WHERE contract_id = ?"
        " ORDER BY paid_on, id", (contract_id,)))
    allocs = _dicts(conn.execute(
        "SELECT a.payment_id, a.obligation_id, a.amount FROM payment_allocations a"
        " JOIN payments p ON p.id = a.payment_id WHERE p.contract_id = ? ORDER BY a.id", (contract_id,)))
    for p in payments:
        p["allocations"] = [{"obligation_id": a["obligation_id"], "amount": a["amount"]}
                            for a in allocs if a["payment_id"] == p["payment_id"]]
    contract_events = _dicts(conn.execute(
        "SELECT event, on_date, note, actor FROM contract_events WHERE contract_id = ? ORDER BY on_date, id",
        (contract_id,)))
    evaluations = _dicts(conn.execute(
        "SELECT on_date, metrics, targets, gaps, passed FROM evaluations WHERE contract_id = ?"
        " ORDER BY on_date, id", (contract_id,)))
    for ev in evaluations:
        for k in ("metrics", "targets", "gaps"):
            ev[k] = json.loads(ev[k])
        ev["passed"] = bool(ev["passed"])
    warnings = _dicts(conn.execute(
        "SELECT code, clause, quote, message FROM parse_warnings WHERE contract_id = ? AND version_id = ?"
        " ORDER BY id", (contract_id, c["current_version_id"])))
    warnings = _live_calendar_warnings(warnings, obligations, c.get("calendar") or "CN")
    versions = _dicts(conn.execute(
        "SELECT id AS version_id, version, reason, file, sha256, language, added_at FROM contract_versions"
        " WHERE contract_id = ? ORDER BY version", (contract_id,)))
    history = _dicts(conn.execute(
        "SELECT h.action, h.field, h.old, h.new, h.note, h.actor, h.who, h.recorded_at, h.action_id, a.undone_by"
        " FROM history h LEFT JOIN actions a ON a.id = h.action_id WHERE h.contract_id = ?"
        " ORDER BY h.id", (contract_id,)))
    (inputs,) = read_inputs(conn, contract_id)
    c.pop("current_version_id")
    marks = json.loads(c.pop("review") or "{}")
    c["review"] = {k: marks.get(k, "extracted") for k in c["facts"] if k not in ("quote", "span")}
    c["unconfirmed"] = sorted(k for k, v in c["review"].items() if v == "extracted") + [
        f"obligation {o['obligation_id']}" for o in obligations
        if o["review"] == "extracted" and o["status"] not in ("superseded", "deleted")]
    c.update(as_of=as_of.isoformat(), obligations=obligations, events=contract_events, payments=payments,
             evaluations=evaluations, warnings=warnings, versions=versions, history=history)
    return ContractRecord(c, inputs)


def _live_calendar_warnings(warnings: list[dict[str, Any]], obligations: list[dict[str, Any]],
                            code: str) -> list[dict[str, Any]]:
    """The parse's ``calendar_out_of_range`` warnings as they stand now: once every obligation records
    its calendar coverage, one warning per open deadline still counted on weekends only (an import
    and ``tracker calendar refresh`` clear them)."""
    if any(o["calendar_basis"] is None for o in obligations):
        return warnings  # recorded before calendars were: keep what the parser said
    from tracker.calendars import import_hint, uncovered_years

    live = [{"code": "calendar_out_of_range", "clause": o["clause"], "quote": o["quote"],
             "message": import_hint(code, years[0])}
            for o in obligations if o["status"] in ("pending", "overdue")
            and (years := uncovered_years(o["calendar_basis"]))]
    return [w for w in warnings if w["code"] != "calendar_out_of_range"] + live

