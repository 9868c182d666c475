"""The write transaction and the helpers every write uses (the base of ``Store``).

Each write is one ``BEGIN IMMEDIATE`` transaction and one recorded action
(``tracker.store.actions``); history rows name the actor and the person (``who``) whose command
made them. Business dates (``on``) are always passed in; ``now`` (the wall clock for
``recorded_at``) comes from the caller too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Self

from sqlmodel import Session, select

from tracker import events as ev
from tracker.calendars import Calendar, Calendars, import_hint, uncovered_years
from tracker.errors import NotFound
from tracker.store import actions, pg
from tracker.store.books import BooksMixin
from tracker.store.corrections import CorrectionsMixin
from tracker.store.engine import DEFAULT_TIMEOUT, make_engine, translate
from tracker.store.results import obligation_state
from tracker.store.tables import ContractRow, ObligationEventRow, ObligationRow

OPEN = ("pending", "overdue")


def _raw(s: Session) -> sqlite3.Connection:
    """The sqlite3 connection under the session's (already begun) transaction."""
    return pg.wrap(s.connection().connection.dbapi_connection)  # type: ignore[no-any-return]


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)



class StoreBase(BooksMixin, CorrectionsMixin):
    """The tracker database. Open with ``Store(path)``; the file is created (0600) and migrated.
    Each write transaction is one recorded action (``tracker.store.actions``); ``last_action``
    is the id of the latest one (None if it changed nothing)."""

    last_action: int | None = None

    def __init__(self, path: Path | str, *, timeout: float = DEFAULT_TIMEOUT, actor: str = "tracker",
                 now: Callable[[], datetime] | None = None, who: str | None = None) -> None:
        self.path = pg.as_db(path)  # a Path, or a PostgreSQL URL (tracker.store.pg.PgUrl)
        self.actor = actor
        self.who = who or actor  # the person whose commands these are (recorded in history and actions)
        self._now = now or (lambda: datetime.now(UTC))
        self.engine = make_engine(self.path, timeout)
        #: a stored version's facts key by version id (``Adding._version_key``; versions never change)
        self._version_keys: dict[int, tuple[str, list[str]]] = {}

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One BEGIN IMMEDIATE transaction: committed on success, rolled back on any error."""
        with translate(self.path), Session(self.engine, expire_on_commit=False) as s, s.begin():
            action = actions.begin(_raw(s), self.actor, self.stamp(), self.who)
            yield s
            s.flush()
            self.last_action = action if actions.finish(_raw(s), action) else None

    # ------------------------------------------------------------------ helpers

    def _contract(self, s: Session, contract_id: int) -> ContractRow:
        row = s.get(ContractRow, contract_id)
        if row is None:
            raise NotFound(f"no contract with id {contract_id}")
        return row

    def _obligation(self, s: Session, obligation_id: int) -> ObligationRow:
        row = s.get(ObligationRow, obligation_id)
        if row is None:
            raise NotFound(f"no obligation with id {obligation_id}")
        return row

    def _history(self, s: Session, contract_id: int, action: str, *, field_name: str | None = None,
                 old: str | None = None, new: str | None = None, note: str | None = None) -> None:
        # plain SQL: the table's ``who`` column came with migration 0008 (HistoryRow predates it)
        _raw(s).execute("INSERT INTO history (contract_id, action, field, old, new, note, actor, who, recorded_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (contract_id, action, field_name, old, new, note, self.actor, self.who, self.stamp()))

    def _set_status(self, s: Session, ob: ObligationRow, status: str, on: date, note: str | None,
                    actor: str | None = None) -> None:
        s.add(ObligationEventRow(obligation_id=ob.id or 0, from_status=ob.status, to_status=status,
                                 on_date=on.isoformat(), note=note, actor=actor or self.actor,
                                 recorded_at=self.stamp()))
        ob.status = status
        ob.status_on = on.isoformat()
        s.add(ob)

    def _apply(self, s: Session, contract: ContractRow, res: ev.Resolution, on: date,
               action: str, cal: Calendar | None = None) -> list[dict[str, Any]]:
        out = []
        for ch in res.changes:
            ob = s.get(ObligationRow, ch.obligation_id)
            assert ob is not None
            entry: dict[str, Any] = {"obligation_id": ob.id, "kind": ob.kind, "title": ob.title,
                                     "note": ch.note}
            if ch.basis is not None and cal is not None:
                ob.calendar, ob.calendar_basis = cal.code, _dumps(ch.basis)
                s.add(ob)
                years = uncovered_years(ch.basis)
                if years:
                    entry["warning"] = {"code": "calendar_out_of_range", "years": years,
                                        "message": import_hint(cal.code, years[0])}
            if ch.due_date is not None and ch.due_date.isoformat() != ob.due_date:
                entry["old_due_date"], entry["due_date"] = ob.due_date, ch.due_date.isoformat()
                self._history(s, contract.id or 0, "derived", field_name=f"obligation {ob.id} due_date",
                              old=ob.due_date, new=ch.due_date.isoformat(), note=ch.note)
                ob.due_date = ch.due_date.isoformat()
                s.add(ob)
            if ch.status and ch.status != ob.status:
                entry["old_status"], entry["status"] = ob.status, ch.status
                self._set_status(s, ob, ch.status, ch.due_date or on, ch.note,
                                 actor="tracker" if action != "done" else None)
            out.append(entry)
        if res.facts:
            old = json.loads(contract.facts)
            for key in ev.DERIVED_FIELDS + ("effective_date", "signed_date"):
                if res.facts.get(key) != old.get(key):
                    self._history(s, contract.id or 0, "derived", field_name=key, old=old.get(key),
                                  new=res.facts.get(key), note=f"{action} on {on}")
            contract.facts = _dumps(res.facts)
            s.add(contract)
        return out

    def calendars(self) -> Calendars:
        """Every imported calendar year (a plain read: no write lock taken)."""
        from tracker.store.calendar_store import load_path

        with translate(self.path):
            return load_path(self.path)

    def _calendar(self, s: Session, contract: ContractRow) -> Calendar:
        """The contract's calendar with the years imported into this database."""
        from tracker.store.calendar_store import load

        return load(_raw(s)).get(contract.calendar)

    def _states(self, s: Session, contract_id: int) -> list[ev.ObligationState]:
        rows = s.exec(select(ObligationRow).where(ObligationRow.contract_id == contract_id)).all()
        return [obligation_state(r) for r in rows]
