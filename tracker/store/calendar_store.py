"""Calendars in the database: imported years, their status, and re-dating deadlines when they change.

- ``load(conn)`` / ``load_path(path)``: every imported year as a ``tracker.calendars.Calendars``
  value (stdlib sqlite3; a missing database or table reads as none imported), which the CLI and
  the daily job pass down to the parser and the pure date rules.
- ``import_year(store, sf, replace=)``: one transaction; a year that disagrees with the package,
  or with an earlier import, is refused unless ``replace``.
- ``refresh_in(raw, …)``: recompute every open deadline whose recorded calendar or coverage is
  no longer what the calendars say (``obligations.calendar`` / ``calendar_basis``), record each
  move in ``calendar_moves`` and history, and list the deadlines still counted on weekends only.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.calendars import Calendar, Calendars, import_hint, package_year, uncovered_years
from tracker.errors import UsageError
from tracker.model import Trigger
from tracker.periods import deadline, first_occurrence
from tracker.store import pg
from tracker.store.calendar_load import _schedule, load
from tracker.store.calendar_load import load_path as load_path  # re-exported: its old home

if TYPE_CHECKING:
    from tracker.calendar_file import ScheduleFile
    from tracker.store.host import StoreHost as Store

OPEN_SQL = "('pending', 'overdue')"


def imported_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    try:
        cur = conn.execute("SELECT id, calendar, year, source, holidays, workdays, file, actor, imported_at"
                           " FROM calendar_years ORDER BY calendar, year")
    except sqlite3.OperationalError:
        return []
    keys = ("import_id", "calendar", "year", "source", "holidays", "workdays", "file", "actor", "imported_at")
    out = [dict(zip(keys, r, strict=True)) for r in cur.fetchall()]
    for d in out:
        d["holidays"], d["workdays"] = json.loads(d["holidays"]), json.loads(d["workdays"])
    return out


def contract_calendars(conn: sqlite3.Connection) -> list[str]:
    try:
        return [r[0] for r in conn.execute("SELECT DISTINCT calendar FROM contracts ORDER BY calendar")]
    except sqlite3.OperationalError:
        return []


# ------------------------------------------------------------------------------ import


def _show(days: list[date], limit: int = 3) -> str:
    text = ", ".join(d.isoformat() for d in days[:limit])
    return text + (f" and {len(days) - limit} more" if len(days) > limit else "")


def import_year(store: Store, sf: ScheduleFile, *, replace: bool = False) -> dict[str, Any]:
    """Store one year's schedule; refused (UsageError naming the file) when it disagrees."""
    from tracker.calendars import differences

    new = sf.schedule
    with store.transaction() as s:
        raw = pg.wrap(s.connection().connection.dbapi_connection)
        assert raw is not None
        old_row = raw.execute("SELECT id, calendar, year, source, holidays, workdays FROM calendar_years"
                              " WHERE calendar = ? AND year = ?", (new.calendar, new.year)).fetchone()
        old = _schedule(old_row) if old_row else None
        if old is not None and old.holidays == new.holidays and old.workdays == new.workdays:
            return {"status": "unchanged", "calendar": new.calendar, "year": new.year, "import_id": old_row[0],
                    "source": old.source, "file": sf.file}
        if old is not None and not replace:
            diff = differences(old, new)
            raise UsageError(f"{sf.file}: {new.calendar} {new.year} is already imported ({old.source}) and this "
                             f"file differs on {len(diff)} days ({_show(diff)}); use --replace to replace it")
        pkg = package_year(new.calendar, new.year)
        diff = differences(pkg, new) if pkg else []
        if diff and not replace:
            raise UsageError(f"{sf.file}: {new.calendar} {new.year} disagrees with {pkg.source if pkg else ''} on "
                             f"{len(diff)} days ({_show(diff)}); use --replace to override the package")
        if old_row is not None:
            raw.execute("DELETE FROM calendar_years WHERE id = ?", (old_row[0],))
        rid = raw.execute(
            "INSERT INTO calendar_years (calendar, year, source, holidays, workdays, file, sha256, actor,"
            " imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new.calendar, new.year, new.source, json.dumps(sorted(d.isoformat() for d in new.holidays)),
             json.dumps(sorted(d.isoformat() for d in new.workdays)), sf.file, sf.sha256, store.actor,
             store.stamp())).lastrowid
        return {"status": "replaced" if old_row else "imported", "calendar": new.calendar, "year": new.year,
                "import_id": rid, "source": new.source, "file": sf.file,
                "holidays": len(new.holidays), "workdays": len(new.workdays),
                "package": pkg.source if pkg else None, "differs_from_package": [d.isoformat() for d in diff]}


# ------------------------------------------------------------------------------ refresh


def _base(event: str, facts: dict[str, Any], terminated_on: str | None, recorded: dict[str, str]) -> date | None:
    value: str | None
    if event == "effective":
        value = facts.get("effective_date") or recorded.get("effective")
    elif event == "signing":
        value = facts.get("signed_date") or recorded.get("signing")
    elif event == "expiry":
        value = terminated_on or facts.get("expiry_date")
    else:
        value = recorded.get(event)
    return date.fromisoformat(value) if value else None


_WORKDAY_RULE = "BYDAY=MO,TU,WE,TH,FR"


def recompute(kind: str, trigger: Trigger | None, recurrence: str | None, due: date | None, base: date | None,
              cal: Calendar) -> tuple[date | None, dict[str, str | None]]:
    """(due date, basis) on ``cal``: a triggered deadline from its event's date, a working-day
    recurrence within its month; anything else keeps its date and needs no calendar."""
    from tracker.events import NO_ROLL, calendar_basis  # here: parse needs the calendars only (issue 12)

    if trigger is not None and base is not None:
        new, _ = deadline(base, trigger.offset, business_days=trigger.business_days,
                          roll=kind not in NO_ROLL, cal=cal)
        return new, calendar_basis(kind, trigger, base, new, cal) or {}
    if recurrence and due and _WORKDAY_RULE in recurrence.upper():
        new = first_occurrence(recurrence, due.replace(day=1), cal=cal) or due
        return new, cal.basis(due, new)
    return due, {}


def obligation_basis(o: dict[str, Any], facts: dict[str, Any], cal: Calendar) -> dict[str, str | None]:
    """The basis to record for a parsed obligation: {} unless its date is the calendar's count
    (a date the contract writes out, or one a person edited, is never re-dated). A date parsed
    without this database's imported years gets the package's basis, so ``refresh`` re-dates it."""
    trig = Trigger.from_json(o.get("trigger"))
    due = date.fromisoformat(o["due_date"]) if o.get("due_date") else None
    base = _base(trig.event, facts, None, {}) if trig else None
    for c in (cal, Calendar(cal.code)):
        try:
            new, basis = recompute(o["kind"], trig, o.get("recurrence"), due, base, c)
        except (OverflowError, ValueError):
            return {}
        if new == due:
            return basis
    return {}


def _reason(code: str, old: dict[str, Any] | None, new: dict[str, Any]) -> str:
    parts = []
    for y in sorted(set(new) | set(old or {})):
        a, b = (old or {}).get(y, "?"), new.get(y)
        if a != b:
            parts.append(f"{code} {y}: {a or 'weekends only'} → {b or 'weekends only'}")
    return "; ".join(parts) or f"calendar {code}"


# Open deadlines computed from an event or a recurrence: the only ones a calendar can move. The
# partial index ix_obligations_open_redate (migration 0009) holds just these, in this order. INDEXED
# BY: without ANALYZE statistics SQLite would read every open row through (status, due_date).
REDATABLE_SQL = (
    "SELECT o.id, o.contract_id, o.kind, o.title, o.clause, o.due_date, o.trigger, o.recurrence, o.calendar,"
    " o.calendar_basis, o.resolved_by, (SELECT e.on_date FROM contract_events e WHERE e.id = o.resolved_by)"
    f" FROM obligations o INDEXED BY ix_obligations_open_redate WHERE o.status IN {OPEN_SQL} AND o.due_date IS NOT NULL"
    " AND (o.calendar_basis IS NULL OR o.calendar_basis != '{{}}')"
    " AND (o.trigger IS NOT NULL OR o.recurrence IS NOT NULL){where} ORDER BY o.due_date, o.id"
)


def refresh_in(raw: sqlite3.Connection, on: date, stamp: str, actor: str, cals: Calendars,
               contract_id: int | None = None, *, who: str | None = None
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Re-date what the calendars now count differently; (moves, deadlines still uncovered).
    ``who``: the person whose command it is (default: ``actor``), recorded in history."""
    pg.lock_writes(raw)  # read-modify-write of obligations: queue with the store's writers
    where, params = "", []
    if contract_id is not None:
        where, params = " AND o.contract_id = ?", [contract_id]
    rows = raw.execute(REDATABLE_SQL.format(where=where), params).fetchall()
    ids = json.dumps(sorted({r[1] for r in rows}))
    contracts = {cid: (code, json.loads(facts), term, title) for cid, code, facts, term, title in raw.execute(
        "SELECT id, calendar, facts, terminated_on, title FROM contracts WHERE id IN (SELECT value FROM json_each(?))",
        (ids,))}
    recorded: dict[int, dict[str, str]] = {}
    for cid, event, on_date in raw.execute(
            "SELECT contract_id, event, on_date FROM contract_events WHERE contract_id IN"
            " (SELECT value FROM json_each(?)) ORDER BY id", (ids,)):
        recorded.setdefault(cid, {})[event] = on_date
    moves: list[dict[str, Any]] = []
    uncovered: list[dict[str, Any]] = []
    for oid, cid, kind, title, clause, due_s, trig_s, rrule, ob_cal, basis_s, resolved_by, resolved_on in rows:
        if resolved_by == 0:
            continue  # a due date a person set by hand (tracker obligation edit) is never re-dated
        code, facts, term, ctitle = contracts[cid]
        cal = cals.get(code)
        stored = json.loads(basis_s) if basis_s is not None else None
        if stored == {}:
            continue  # a date the calendar never touched (fixed, or not rolled)
        trig = Trigger.from_json(json.loads(trig_s)) if trig_s else None
        due = date.fromisoformat(due_s) if due_s else None
        base = _base(trig.event, facts, term, recorded.get(cid, {})) if trig else None
        if trig is not None and resolved_on:  # the event that resolved it, not the latest of its name
            base = date.fromisoformat(resolved_on)
        if due is None or (trig is not None and base is None):
            continue  # waits for its event
        try:
            if stored is None:  # recorded before calendars were: is its date the package's count?
                first, _ = recompute(kind, trig, rrule, due, base, Calendar(code))
                if first != due:
                    raw.execute("UPDATE obligations SET calendar = ?, calendar_basis = '{}' WHERE id = ?",
                                (code, oid))
                    continue
            elif ob_cal == cal.code and stored == {y: cal.coverage(int(y)) for y in stored}:
                if uncovered_years(stored):
                    uncovered.append(_uncovered(oid, cid, ctitle, title, clause, due, cal.code, stored))
                continue  # counted on the same calendar and the same data: unaffected
            new, basis = recompute(kind, trig, rrule, due, base, cal)
        except (OverflowError, ValueError):
            continue
        raw.execute("UPDATE obligations SET due_date = ?, calendar = ?, calendar_basis = ? WHERE id = ?",
                    (new.isoformat() if new else None, cal.code, json.dumps(basis, ensure_ascii=False), oid))
        if new != due:
            reason = _reason(cal.code, stored, basis) if ob_cal in (None, cal.code) else \
                f"calendar {ob_cal} → {cal.code}"
            move = {"obligation_id": oid, "contract_id": cid, "contract_title": ctitle, "title": title,
                    "kind": kind, "clause": clause, "old_due_date": due_s,
                    "new_due_date": new.isoformat() if new else None, "calendar": cal.code, "reason": reason}
            moves.append(move)
            raw.execute("INSERT INTO calendar_moves (obligation_id, contract_id, calendar, old_due_date, new_due_date,"
                        " reason, moved_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (oid, cid, cal.code, due_s, move["new_due_date"], reason, on.isoformat(), stamp))
            raw.execute("INSERT INTO history (contract_id, action, field, old, new, note, actor, who, recorded_at)"
                        " VALUES (?, 'calendar', ?, ?, ?, ?, ?, ?, ?)",
                        (cid, f"obligation {oid} due_date", due_s, move["new_due_date"], reason, actor,
                         who or actor, stamp))
        if new is not None and uncovered_years(basis):
            uncovered.append(_uncovered(oid, cid, ctitle, title, clause, new, cal.code, basis))
    return moves, uncovered


def _uncovered(oid: int, cid: int, ctitle: str | None, title: str, clause: str | None, due: date, code: str,
               basis: dict[str, Any]) -> dict[str, Any]:
    years = uncovered_years(basis)
    return {"code": "calendar_out_of_range", "obligation_id": oid, "contract_id": cid, "contract_title": ctitle,
            "title": title, "clause": clause, "due_date": due.isoformat(), "calendar": code, "years": years,
            "message": import_hint(code, years[0])}


def refresh(store: Store, on: date, contract_id: int | None = None) -> dict[str, Any]:
    with store.transaction() as s:
        raw = pg.wrap(s.connection().connection.dbapi_connection)
        assert raw is not None
        cals = load(raw)  # type: ignore[arg-type]
        moves, warnings = refresh_in(raw, on, store.stamp(), store.actor, cals, contract_id, who=store.who)  # type: ignore[arg-type]
    return {"on": on.isoformat(), "moved": moves, "warnings": warnings}
