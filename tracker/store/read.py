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
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import NotFound, StoreError
from tracker.store import bad_rows, migrations
from tracker.store.sqlerrors import store_error

if TYPE_CHECKING:
    from tracker.store.bad_rows import Skipped
    from tracker.store.penalty_queries import PenaltyInputs

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
            from tracker.store.write import Store

            Store(path, timeout=timeout).close()  # migrates
            conn = open_read_only(path, timeout)
        yield conn
    except sqlite3.Error as exc:
        raise store_error(path, exc) from exc
    finally:
        if conn is not None:
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
                   waiting: bool = True) -> list[tuple[Any, ...]]:
    """Raw rows: open obligations due by ``as_of + days`` (every overdue one included), soonest
    first, then (``waiting``) the open obligations still waiting for their triggering event."""
    where, params = "", []
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
    rows = conn.execute(UPCOMING_DATED_SQL.format(where=where), [until, *params]).fetchall()
    if waiting:
        rows += conn.execute(UPCOMING_WAITING_SQL.format(where=where), params).fetchall()
    return rows


def upcoming(path: Path | str, *, as_of: date, days: int = 30, kind: str | None = None,
             party: str | None = None, contract: int | None = None,
             skipped: list[Skipped] | None = None) -> list[dict[str, Any]]:
    """Open obligations due within ``days`` of ``as_of`` plus every overdue one, soonest first;
    then those waiting for an event (``due_date`` None, ``waiting_for`` set). Contracts whose
    stored data cannot be read are left out and added to ``skipped``."""
    with connect(path) as conn:
        if conn is None:
            if contract is not None:
                raise NotFound(f"no contract with id {contract}")
            return []
        if contract is not None and conn.execute("SELECT 1 FROM contracts WHERE id = ?",
                                                 (contract,)).fetchone() is None:
            raise NotFound(f"no contract with id {contract}")
        rows = upcoming_query(conn, as_of=as_of, days=days, kind=kind, party=party, contract=contract)
        bad = bad_rows.scan(conn, {r[1] for r in rows}, tables=("contracts",))
    out = []
    for r in rows:
        if r[1] in bad:
            continue
        try:
            with bad_rows.reading(r[1], "an obligation's stored data cannot be read"):
                out.append(_upcoming_row(r, as_of))
        except bad_rows.Unreadable as exc:
            bad[r[1]] = exc.problem
    for cid, problem in sorted(bad.items()):
        bad_rows.add(skipped, cid, problem)
    return [row for row in out if row["contract_id"] not in bad]


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


def _dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def show(path: Path | str, contract_id: int, as_of: date) -> dict[str, Any]:
    """Everything about one contract: facts, obligations with their events, payments, penalties
    so far, evaluations, warnings, versions and history."""
    with connect(path) as conn:
        if conn is None:
            raise NotFound(f"no contract with id {contract_id}")
        bad = bad_rows.scan(conn, (contract_id,))
        if contract_id in bad:
            raise StoreError(f"contract #{contract_id}: {bad[contract_id]}; see tracker doctor")
        try:
            with bad_rows.reading(contract_id):
                return _show(conn, contract_id, as_of)
        except bad_rows.Unreadable as exc:
            raise StoreError(f"contract #{contract_id}: {exc.problem}; see tracker doctor") from None


def _show(conn: sqlite3.Connection, contract_id: int, as_of: date) -> dict[str, Any]:
    from tracker.store.penalty_queries import read_inputs  # imports this module

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
        "SELECT h.action, h.field, h.old, h.new, h.note, h.actor, h.recorded_at, h.action_id, a.undone_by"
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
    c["penalties"] = penalties_for(inputs, as_of)
    return c


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


def penalties_for(inputs: PenaltyInputs, as_of: date) -> dict[str, Any]:
    """Penalties so far (``tracker.penalty``) of one contract's inputs, as JSON."""
    from tracker import penalty
    from tracker.money import fmt_money

    try:
        result = penalty.compute(inputs.penalties, inputs.instalments, inputs.payments, inputs.total_fee,
                                 as_of, inputs.deliveries)
    except Exception as exc:  # a penalty clause the calculator refuses must not hide the contract
        return {"error": str(exc)}

    def accrual(a: Any) -> dict[str, Any]:
        return {"kind": a.kind, "obligation_id": a.obligation_id, "title": a.title,
                "due_date": a.due_date.isoformat(), "clause": a.clause, "days": a.days,
                "balance": fmt_money(a.balance), "penalty": fmt_money(a.penalty),
                "explain": "; ".join(p.explain() for p in a.periods),
                "suspend_from": a.suspend_from.isoformat() if a.suspend_from else None}

    return {
        "as_of": as_of.isoformat(),
        "late_payment_total": fmt_money(result.total),
        "late_delivery_total": fmt_money(result.delivery_total),
        "accruals": [accrual(a) for a in result.instalments + result.deliveries if a.penalty > 0 or a.days],
        "fixed": [p.to_json() for p in result.fixed],
        "notes": list(result.notes),
    }
