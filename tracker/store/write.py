"""The write side of the store: every method is one ``BEGIN IMMEDIATE`` transaction.

A failure anywhere inside a method rolls the whole change back, so the database never holds a
half-added contract or a half-recorded payment. Business dates (``on``) are always passed in;
``now`` (the wall clock for ``recorded_at``) comes from the caller too.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from tracker import events as ev
from tracker import validate
from tracker.calendars import Calendar, Calendars, import_hint, uncovered_years
from tracker.errors import NotFound, StoreError, TrackerError, UsageError
from tracker.gaps import gaps
from tracker.model import ParseResult, Trigger
from tracker.money import D, fmt_money
from tracker.penalty import Instalment, Payment, allocate
from tracker.store import actions
from tracker.store.books import BooksMixin
from tracker.store.corrections import CorrectionsMixin
from tracker.store.engine import DEFAULT_TIMEOUT, make_engine, translate
from tracker.store.tables import (
    ContractEventRow,
    ContractRow,
    ContractVersionRow,
    EvaluationRow,
    HistoryRow,
    ObligationEventRow,
    ObligationRow,
    ParseWarningRow,
    PaymentAllocationRow,
    PaymentRow,
)

CONTRACT_FILES = (".txt", ".md", ".docx", ".pdf")
OPEN = ("pending", "overdue")
METRICS = ("accuracy", "recall", "f1")


OBLIGATION_COLUMNS = ("contract_id", "version_id", "kind", "party", "title", "due_date", "trigger", "recurrence",
                      "amount", "paid", "currency", "metrics", "clause", "quote", "parsed", "status", "status_on",
                      "calendar", "calendar_basis")


def _raw(s: Session) -> sqlite3.Connection:
    """The sqlite3 connection under the session's (already begun) transaction."""
    return s.connection().connection.dbapi_connection  # type: ignore[return-value]


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


CITATION_KEYS = frozenset({"quote", "span"})  # where a fact was found, not the fact itself
_SPACE = re.compile(r"\s+")


def facts_only(obj: Any) -> Any:
    """``obj`` without citations (quotes, spans) and with whitespace squeezed out of strings: the
    same contract read from a .txt and from a .pdf differs only in those."""
    if isinstance(obj, dict):
        return {k: facts_only(v) for k, v in obj.items() if k not in CITATION_KEYS}
    if isinstance(obj, list):
        return [facts_only(v) for v in obj]
    if isinstance(obj, str):
        return _SPACE.sub("", obj)
    return obj


def _same_facts(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two parse documents state the same facts (contract and obligations, in any order)."""
    def key(d: dict[str, Any]) -> tuple[str, list[str]]:
        return (_dumps(facts_only(d.get("contract"))),
                sorted(_dumps(facts_only(o)) for o in d.get("obligations") or []))
    return key(a) == key(b)


def short(value: Any, width: int = 40) -> str | None:
    """A value for a history cell: scalars as they are, structures as compact JSON, truncated."""
    if value is None:
        return None
    text = value if isinstance(value, str) else _dumps(value)
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= width else text[:width - 1] + "…"


def fact_changes(old: Any, new: Any, path: str = "") -> Iterator[tuple[str, Any, Any]]:
    """(path, old, new) for each changed leaf, citations ignored: ``penalties[1].rate``."""
    if isinstance(old, dict) and isinstance(new, dict):
        for k in sorted(set(old) | set(new), key=str):
            if k not in CITATION_KEYS:
                yield from fact_changes(old.get(k), new.get(k), f"{path}.{k}" if path else str(k))
    elif isinstance(old, list) and isinstance(new, list):
        for i in range(max(len(old), len(new))):
            yield from fact_changes(old[i] if i < len(old) else None, new[i] if i < len(new) else None,
                                    f"{path}[{i}]")
    elif facts_only(old) != facts_only(new):
        yield path, old, new


@dataclass(frozen=True)
class AddOutcome:
    contract_id: int
    file: str
    status: str  # added | unchanged | new_version
    warnings: list[dict[str, Any]] = field(default_factory=list)
    version: int = 1
    superseded: int = 0
    note: str | None = None  # e.g. "same contract as version 1 (a.txt) in another format"
    gaps: list[str] = field(default_factory=list)  # "no payment instalment found", … (coverage.gaps)

    def to_json(self) -> dict[str, Any]:
        out = {"contract_id": self.contract_id, "file": self.file, "status": self.status,
               "warnings": self.warnings, "gaps": self.gaps}
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class AddFailure:
    file: str
    error: str
    exit_code: int = 1  # the CLI's status when every file failed alike (2 bad file, 4 unknown --amends)

    def to_json(self) -> dict[str, Any]:
        return {"contract_id": None, "file": self.file, "status": "failed", "warnings": [],
                "error": self.error}


@dataclass(frozen=True)
class Changed:
    """The outcome of a recording command: which obligations changed, and how."""

    contract_id: int
    changes: list[dict[str, Any]]
    extra: dict[str, Any] = field(default_factory=dict)
    action_id: int | None = None  # the recorded action (``tracker undo ACTION_ID`` reverses it)

    def to_json(self) -> dict[str, Any]:
        return {"contract_id": self.contract_id, "action_id": self.action_id, "changes": self.changes,
                **self.extra}


def contract_files(paths: Iterable[Path | str]) -> list[Path]:
    """Files to add: each file as given, each directory's contract files (recursively, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in CONTRACT_FILES))
        else:
            out.append(p)
    return out


def _state(row: ObligationRow) -> ev.ObligationState:
    # an obligation an event already resolved is never re-dated by a later one
    trig = Trigger.from_json(json.loads(row.trigger)) if row.trigger and row.resolved_by is None else None
    due = date.fromisoformat(row.due_date) if row.due_date else None
    return ev.ObligationState(row.id or 0, row.kind, row.status, due, trig)


class Store(BooksMixin, CorrectionsMixin):
    """The tracker database. Open with ``Store(path)``; the file is created (0600) and migrated.
    Each write transaction is one recorded action (``tracker.store.actions``); ``last_action``
    is the id of the latest one (None if it changed nothing)."""

    last_action: int | None = None

    def __init__(self, path: Path | str, *, timeout: float = DEFAULT_TIMEOUT, actor: str = "tracker",
                 now: Callable[[], datetime] | None = None) -> None:
        self.path = Path(path)
        self.actor = actor
        self._now = now or (lambda: datetime.now(UTC))
        self.engine = make_engine(self.path, timeout)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One BEGIN IMMEDIATE transaction: committed on success, rolled back on any error."""
        with translate(self.path), Session(self.engine, expire_on_commit=False) as s, s.begin():
            action = actions.begin(_raw(s), self.actor, self.stamp())
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
        s.add(HistoryRow(contract_id=contract_id, action=action, field=field_name, old=old, new=new,
                         note=note, actor=self.actor, recorded_at=self.stamp()))

    def _set_status(self, s: Session, ob: ObligationRow, status: str, on: date, note: str | None,
                    actor: str | None = None) -> None:
        s.add(ObligationEventRow(obligation_id=ob.id, from_status=ob.status, to_status=status,
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
        return [_state(r) for r in rows]

    # ------------------------------------------------------------------ add

    def add_files(self, paths: Iterable[Path | str], *, amends: int | None = None,
                  progress: Callable[[Path], None] | None = None) -> list[AddOutcome | AddFailure]:
        """Parse and add each file in its own transaction; a bad file is reported, not fatal."""
        from tracker.parse import parse_file

        out: list[AddOutcome | AddFailure] = []
        cals = self.calendars()
        for f in contract_files(paths):
            try:
                sha = hashlib.sha256(f.read_bytes()).hexdigest()
                known = self.find_version(sha)
                if known is not None:
                    out.append(AddOutcome(known, str(f), "unchanged"))
                else:
                    out.append(self.add_parsed(parse_file(f, cals), file=str(f), amends=amends))
            except StoreError:
                raise
            except TrackerError as exc:
                out.append(AddFailure(str(f), str(exc), exc.exit_code))
            except OSError as exc:
                out.append(AddFailure(str(f), f"{f}: {exc.strerror or exc}", 2))
            except Exception as exc:  # a parser bug on one file must not stop the others (no text shown)
                out.append(AddFailure(str(f), f"{f}: could not be parsed (internal error {type(exc).__name__}; "
                                              "please report it)"))
            if progress:
                progress(f)
        return out

    def find_version(self, sha256: str) -> int | None:
        """The contract holding a version with this sha256 (a plain read: no write lock taken)."""
        import sqlite3

        with translate(self.path):
            conn = sqlite3.connect(self.path, timeout=5.0)
            try:
                row = conn.execute("SELECT contract_id FROM contract_versions WHERE sha256 = ?", (sha256,)).fetchone()
            finally:
                conn.close()
        return row[0] if row else None

    def add_parsed(self, result: ParseResult, *, file: str | None = None,
                   amends: int | None = None) -> AddOutcome:
        """Store one parse result: a new contract, a new version of one, or nothing if known."""
        doc = result.to_json()
        file = file or result.source.file
        warnings = doc["warnings"]
        with self.transaction() as s:
            raw = _raw(s)
            known = raw.execute("SELECT contract_id FROM contract_versions WHERE sha256 = ?",
                                (result.source.sha256,)).fetchone()
            if known is not None:
                return AddOutcome(known[0], file, "unchanged", warnings)
            same = amends if amends is not None else self._same_contract(raw, result)
            if same is None:
                return self._add_new(raw, result, doc, file)
            previous = self._contract(s, same)
            current = raw.execute("SELECT version, file, document FROM contract_versions WHERE id = ?",
                                  (previous.current_version_id,)).fetchone()
            if current is not None and _same_facts(json.loads(current[2]), doc):
                return AddOutcome(same, file, "unchanged", warnings, current[0],
                                  note=f"same contract as version {current[0]} ({Path(current[1]).name}) "
                                       "in another format; only quotes or spacing differ, no version added")
            return self._add_version(s, previous, result, doc, file, "amendment" if amends else "renewal")

    @staticmethod
    def _same_contract(raw: sqlite3.Connection, result: ParseResult) -> int | None:
        """The first contract with the same title and parties (index ix_contracts_identity)."""
        c = result.contract
        if not (c.title and c.provider and c.client):
            return None
        row = raw.execute("SELECT id FROM contracts WHERE title = ? AND provider = ? AND client = ?"
                          " ORDER BY id LIMIT 1", (c.title, c.provider, c.client)).fetchone()
        return row[0] if row else None

    def _insert_version(self, s: Session, contract: ContractRow, result: ParseResult, doc: dict[str, Any],
                        file: str, version: int, previous: int | None, reason: str) -> ContractVersionRow:
        v = ContractVersionRow(contract_id=contract.id or 0, version=version, previous_version_id=previous,
                               reason=reason, file=file, sha256=result.source.sha256,
                               language=result.source.language, document=_dumps(doc), text=result.text,
                               added_at=self.stamp())
        s.add(v)
        s.flush()
        if result.warnings:
            s.execute(insert(ParseWarningRow), [
                {"contract_id": contract.id, "version_id": v.id, "code": w.code, "clause": w.clause,
                 "quote": w.quote, "message": w.message} for w in result.warnings])
        contract.current_version_id = v.id
        contract.file, contract.sha256 = file, result.source.sha256
        contract.language = result.source.language
        s.add(contract)
        return v

    @staticmethod
    def _obligation_values(contract_id: int, version_id: int, o: dict[str, Any],
                           facts: dict[str, Any] | None = None, cal: Calendar | None = None) -> dict[str, Any]:
        from tracker.store.calendar_store import obligation_basis

        cal = cal or Calendar()
        return dict(
            calendar=cal.code, calendar_basis=_dumps(obligation_basis(o, facts or {}, cal)),
            contract_id=contract_id, version_id=version_id, kind=o["kind"], party=o["party"],
            title=o.get("title") or o["kind"], due_date=o.get("due_date"),
            trigger=_dumps(o["trigger"]) if o.get("trigger") else None, recurrence=o.get("recurrence"),
            amount=o.get("amount"), paid=None, currency=o.get("currency"),
            metrics=_dumps(o["metrics"]) if o.get("metrics") is not None else None,
            clause=o.get("clause"), quote=o.get("quote") or "", parsed=_dumps(o), status="pending",
            status_on=None)

    def _obligation_row(self, contract_id: int, version_id: int, o: dict[str, Any],
                        facts: dict[str, Any] | None = None, cal: Calendar | None = None) -> ObligationRow:
        return ObligationRow(**self._obligation_values(contract_id, version_id, o, facts, cal))

    def _add_new(self, raw: sqlite3.Connection, result: ParseResult, doc: dict[str, Any],
                 file: str) -> AddOutcome:
        """A new contract in plain SQL on the transaction's own connection: the ORM's unit of work
        cost ~20 ms per file, more than parsing it (``tracker add`` of 1,000 files)."""
        from tracker.store.calendar_store import load

        c, src, stamp = doc["contract"], result.source, self.stamp()
        cal = load(raw).get(result.calendar)
        cid = raw.execute(
            "INSERT INTO contracts (title, provider, client, language, currency, file, sha256, facts, added_at,"
            " calendar) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (c["title"], c["provider"], c["client"], src.language, c["currency"], file, src.sha256, _dumps(c),
             stamp, cal.code)).lastrowid
        vid = raw.execute(
            "INSERT INTO contract_versions (contract_id, version, previous_version_id, reason, file, sha256,"
            " language, document, text, added_at) VALUES (?, 1, NULL, 'original', ?, ?, ?, ?, ?, ?)",
            (cid, file, src.sha256, src.language, _dumps(doc), result.text, stamp)).lastrowid
        raw.execute("UPDATE contracts SET current_version_id = ? WHERE id = ?", (vid, cid))
        raw.executemany(
            "INSERT INTO parse_warnings (contract_id, version_id, code, clause, quote, message)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(cid, vid, w.code, w.clause, w.quote, w.message) for w in result.warnings])
        raw.executemany(
            f"INSERT INTO obligations ({', '.join(OBLIGATION_COLUMNS)}) VALUES ({', '.join('?' * len(OBLIGATION_COLUMNS))})",
            [tuple(vals[k] for k in OBLIGATION_COLUMNS)
             for vals in (self._obligation_values(cid, vid, o, c, cal) for o in doc["obligations"])])
        raw.execute("INSERT INTO history (contract_id, action, field, old, new, note, actor, recorded_at)"
                    " VALUES (?, 'add', NULL, NULL, ?, ?, ?, ?)",
                    (cid, file, f"{len(doc['obligations'])} obligations, {len(doc['warnings'])} warnings",
                     self.actor, stamp))
        return AddOutcome(cid, file, "added", doc["warnings"], gaps=gaps(doc))

    @staticmethod
    def _match_key(parsed: dict[str, Any]) -> str:
        keep = ("kind", "party", "due_date", "trigger", "recurrence", "amount", "clause", "metrics")
        return _dumps({k: parsed.get(k) for k in keep})

    def _add_version(self, s: Session, contract: ContractRow, result: ParseResult, doc: dict[str, Any],
                     file: str, reason: str) -> AddOutcome:
        prev = s.get(ContractVersionRow, contract.current_version_id)
        number = (prev.version if prev else 0) + 1
        v = self._insert_version(s, contract, result, doc, file, number, prev.id if prev else None, reason)
        old_rows = s.exec(select(ObligationRow).where(ObligationRow.contract_id == contract.id,
                                                      col(ObligationRow.status).not_in(("superseded", "deleted")),
                                                      ObligationRow.origin == "parsed")).all()
        pool: dict[str, list[ObligationRow]] = {}
        for r in old_rows:
            pool.setdefault(self._match_key(json.loads(r.parsed)), []).append(r)
        on = date.fromisoformat(self.stamp()[:10])
        contract.calendar = result.calendar
        cal = self._calendar(s, contract)
        new_rows = []
        for o in doc["obligations"]:
            same = pool.get(self._match_key(o))
            if same:
                kept = same.pop(0)
                kept.version_id, kept.quote, kept.parsed = v.id or 0, o.get("quote") or "", _dumps(o)
                s.add(kept)
            else:
                row = self._obligation_row(contract.id or 0, v.id or 0, o, doc["contract"], cal)
                s.add(row)
                new_rows.append(row)
        superseded = 0
        new_kinds = {r.kind for r in new_rows}
        replaced = []
        for rows in pool.values():
            for r in rows:
                # a delivery done before the amendment moved its date is measured against the new date
                if r.status in OPEN or (r.status == "fulfilled" and r.kind in ev.FULFILLED_BY_EVENT
                                        and r.kind in new_kinds):
                    self._set_status(s, r, "superseded", on, f"changed in version {number} ({file})")
                    superseded += 1
                    replaced.append(r)
        s.flush()
        old_facts = json.loads(contract.facts)
        c = doc["contract"]
        for path, old, new in fact_changes(old_facts, c):
            self._history(s, contract.id or 0, "new_version", field_name=path, old=short(old), new=short(new),
                          note=f"version {number}")
        contract.facts = _dumps(c)
        contract.title, contract.provider, contract.client = c["title"], c["provider"], c["client"]
        contract.currency = c["currency"]
        # events recorded before this version still apply to its new obligations
        if new_rows:
            self.rebind_version(s, contract, new_rows, replaced, on, cal)
            self._apply_credit(s, contract.id or 0)
        self._history(s, contract.id or 0, "new_version", new=file,
                      note=f"version {number}: {len(new_rows)} new or changed obligations, {superseded} superseded")
        return AddOutcome(contract.id or 0, file, "new_version", doc["warnings"], number, superseded,
                          gaps=gaps(doc))

    # ------------------------------------------------------------------ recording

    def done(self, obligation_id: int, on: date, note: str | None = None, through: date | None = None) -> Changed:
        """Mark an obligation fulfilled (a recurring one moves on to its next occurrence, or past
        ``through``); on an instalment still owed, done records the payment of what is owed."""
        owed = self._owed_on(obligation_id)
        if owed is not None:
            contract_id, amount = owed
            return self.pay(contract_id, amount, on, obligation_id, note or "recorded by done")
        if through is not None:
            return self.done_through(obligation_id, on, through, note)
        with self.transaction() as s:
            ob = self._obligation(s, obligation_id)
            if ob.status not in OPEN:
                raise UsageError(f"obligation {obligation_id} is already {ob.status}")
            validate.check_day(on, "done --on")
            entry: dict[str, Any] = {"obligation_id": ob.id, "kind": ob.kind, "title": ob.title,
                                     "old_status": ob.status}
            nxt = self._next_occurrence(s, ob)
            if nxt is not None:
                s.add(ObligationEventRow(obligation_id=ob.id, from_status=ob.status, to_status="fulfilled",
                                         on_date=on.isoformat(), actor=self.actor, recorded_at=self.stamp(),
                                         note=f"occurrence due {ob.due_date} done" + (f": {note}" if note else "")))
                entry.update(status=ob.status, old_due_date=ob.due_date, due_date=nxt.isoformat())
                ob.due_date = nxt.isoformat()
                s.add(ob)
            else:
                self._set_status(s, ob, "fulfilled", on, note)
                entry["status"] = "fulfilled"
            self._history(s, ob.contract_id, "done", field_name=f"obligation {ob.id}", new=on.isoformat(),
                          note=note)
            return Changed(ob.contract_id, [entry])

    def _next_occurrence(self, s: Session, ob: ObligationRow) -> date | None:
        if not ob.recurrence or not ob.due_date:
            return None
        from tracker.periods import first_occurrence

        contract = self._contract(s, ob.contract_id)
        nxt = first_occurrence(ob.recurrence, date.fromisoformat(ob.due_date) + timedelta(days=1),
                               cal=self._calendar(s, contract))
        end = contract.terminated_on or json.loads(contract.facts).get("expiry_date")
        if nxt is None or (end and nxt.isoformat() > end):
            return None
        return nxt

    def waive(self, obligation_id: int, note: str, on: date) -> Changed:
        if not note or not note.strip():
            raise UsageError("waive needs --note saying why")
        with self.transaction() as s:
            ob = self._obligation(s, obligation_id)
            if ob.status not in OPEN:
                raise UsageError(f"obligation {obligation_id} is already {ob.status}")
            validate.check_day(on, "waive --on")
            old = ob.status
            self._set_status(s, ob, "waived", on, note)
            self._history(s, ob.contract_id, "waive", field_name=f"obligation {ob.id}", note=note)
            return Changed(ob.contract_id, [{"obligation_id": ob.id, "kind": ob.kind, "title": ob.title,
                                             "old_status": old, "status": "waived"}])

    def record_event(self, contract_id: int, event: str, on: date, note: str | None = None,
                     obligations: Iterable[int] | None = None) -> Changed:
        """Record that ``event`` happened and resolve the obligations it triggers: all of them, or
        those named (an invoice is issued for one instalment: with several waiting for an
        invoice and none named, it is refused with the list). A due date an earlier event
        resolved is never re-dated."""
        if event not in ev.EVENTS:
            raise UsageError(f"unknown event {event!r} (one of: {', '.join(ev.EVENTS)})")
        with self.transaction() as s:
            contract = self._contract(s, contract_id)
            facts = json.loads(contract.facts)
            validate.check_day(on, f"{event} --on", None if event in ("signing", "effective") else facts)
            dup = s.exec(select(ContractEventRow).where(ContractEventRow.contract_id == contract_id,
                                                        ContractEventRow.event == event)).first()
            if dup is not None and event not in ev.REPEATABLE:
                raise UsageError(f"contract {contract_id}: {event} already recorded on {dup.on_date}")
            if contract.terminated_on and event == "termination":
                raise UsageError(f"contract {contract_id} already terminated on {contract.terminated_on}")
            cal = self._calendar(s, contract)
            states = self._states(s, contract_id)
            only = self._event_targets(s, contract_id, event, states, obligations)
            res = ev.record_event(event, on, states, facts, cal, only=only)
            row = self._event_row(s, contract_id, event, on, note)
            if event == "termination":
                contract.terminated_on = on.isoformat()
            changes = self._apply(s, contract, res, on, event, cal)
            self._mark_resolved(s, event, row.id or 0, states, res)
            self._history(s, contract_id, "event", field_name=event, new=on.isoformat(), note=note)
            return Changed(contract_id, changes, {"event": event, "on": on.isoformat(), "calendar": cal.code,
                                                  "calendar_guessed": res.guessed})

    def pay(self, contract_id: int, amount: Decimal, on: date, obligation_id: int | None = None,
            note: str | None = None) -> Changed:
        """A payment received: allocated to the named instalment or the oldest unpaid ones (the rule
        of ``tracker.penalty.allocate``, which the penalty calculator uses too); what exceeds the
        amount owed stays on the contract as a credit, allocated to the next instalment."""
        amount = validate.check_amount(amount, "amount")
        with self.transaction() as s:
            contract = self._contract(s, contract_id)
            validate.check_day(on, "pay --on", json.loads(contract.facts))
            q = select(ObligationRow).where(ObligationRow.contract_id == contract_id,
                                            ObligationRow.kind == "payment",
                                            col(ObligationRow.status).in_(OPEN),
                                            col(ObligationRow.amount).is_not(None))
            if obligation_id is not None:
                ob = self._obligation(s, obligation_id)
                if ob.contract_id != contract_id:
                    raise UsageError(f"obligation {obligation_id} belongs to contract {ob.contract_id}, "
                                     f"not {contract_id}")
                if ob.kind != "payment" or ob.amount is None:
                    raise UsageError(f"obligation {obligation_id} is not a payment with an amount")
                if ob.status not in OPEN:
                    raise UsageError(f"obligation {obligation_id} is already {ob.status}")
            # the named instalment first, then the oldest unpaid (allocate orders by due date)
            targets = list(s.exec(q.order_by(col(ObligationRow.id))).all())
            owed = [(r, D(r.amount or "0") - D(r.paid or "0")) for r in targets]
            pay = PaymentRow(contract_id=contract_id, amount=fmt_money(amount) or "0", paid_on=on.isoformat(),
                             note=note, actor=self.actor, recorded_at=self.stamp())
            s.add(pay)
            s.flush()
            # the rule (the named instalment, else oldest unpaid first) is tracker.penalty.allocate's
            by_id = {r.id: r for r in targets}
            alloc = allocate([Instalment(r.id or 0, date.fromisoformat(r.due_date) if r.due_date else None, o)
                              for r, o in owed], [Payment(on, amount, obligation_id)])
            allocations = []
            for a in alloc.applied:
                r, part = by_id[a.obligation_id], a.amount
                s.add(PaymentAllocationRow(payment_id=pay.id or 0, obligation_id=r.id or 0,
                                           amount=fmt_money(part) or "0"))
                r.paid = fmt_money(D(r.paid or "0") + part)
                entry: dict[str, Any] = {"obligation_id": r.id, "title": r.title, "allocated": fmt_money(part),
                                         "paid": r.paid, "amount": r.amount}
                if D(r.paid or "0") >= D(r.amount or "0"):
                    entry.update(old_status=r.status, status="fulfilled")
                    self._set_status(s, r, "fulfilled", on, f"paid in full (payment {pay.id})")
                s.add(r)
                allocations.append(entry)
            credit = alloc.unapplied
            self._history(s, contract_id, "pay", new=fmt_money(amount), note=f"payment {pay.id} on {on}"
                          + (f"; {fmt_money(credit)} kept as a credit for the next instalment" if credit else ""))
            return Changed(contract_id, allocations, {"payment_id": pay.id, "amount": fmt_money(amount),
                                                      "paid_on": on.isoformat(), "credit": fmt_money(credit)})

    def evaluate(self, contract_id: int, metrics: dict[str, Decimal], on: date) -> Changed:
        """Compare measured metrics with the targets: all met fulfils the evaluation report."""
        for k, v in metrics.items():
            if k not in METRICS:
                raise UsageError(f"unknown metric {k!r}")
            if not Decimal(0) <= v <= Decimal(1):
                raise UsageError(f"{k} must be between 0 and 1 (got {v})")
        with self.transaction() as s:
            contract = self._contract(s, contract_id)
            report = s.exec(select(ObligationRow).where(ObligationRow.contract_id == contract_id,
                                                        ObligationRow.kind == "evaluation_report",
                                                        ObligationRow.status != "superseded")
                            .order_by(col(ObligationRow.id))).first()
            facts = json.loads(contract.facts)
            raw = (json.loads(report.metrics) if report and report.metrics else None) or facts.get("metrics_targets") or {}
            targets = {k: D(v) for k, v in raw.items()}
            missing = [k for k in targets if k not in metrics]
            if missing:
                raise UsageError(f"contract {contract_id} sets a target for {', '.join(missing)}: "
                                 f"give --{' --'.join(missing)}")
            gaps = {k: t - metrics[k] for k, t in targets.items() if metrics[k] < t}
            passed = not gaps
            row = EvaluationRow(contract_id=contract_id, obligation_id=report.id if report else None,
                                on_date=on.isoformat(), metrics=_dumps({k: str(v) for k, v in metrics.items()}),
                                targets=_dumps({k: str(v) for k, v in targets.items()}),
                                gaps=_dumps({k: str(v) for k, v in gaps.items()}), passed=passed,
                                actor=self.actor, recorded_at=self.stamp())
            s.add(row)
            changes: list[dict[str, Any]] = []
            if report is not None and report.status in OPEN:
                if passed:
                    changes.append({"obligation_id": report.id, "kind": report.kind, "title": report.title,
                                    "old_status": report.status, "status": "fulfilled"})
                    self._set_status(s, report, "fulfilled", on, "all metric targets met")
                else:
                    self._set_status_note(s, report, on, "shortfall: " + ", ".join(
                        f"{k} {metrics[k]} < {targets[k]}" for k in gaps))
            if passed:
                done_before = s.exec(select(ContractEventRow).where(
                    ContractEventRow.contract_id == contract_id,
                    ContractEventRow.event == "evaluation_report")).first()
                if done_before is None:
                    cal = self._calendar(s, contract)
                    res = ev.record_event("evaluation_report", on, self._states(s, contract_id), facts, cal)
                    s.add(ContractEventRow(contract_id=contract_id, event="evaluation_report",
                                           on_date=on.isoformat(), note="evaluation passed", actor=self.actor,
                                           recorded_at=self.stamp()))
                    changes += self._apply(s, contract, res, on, "evaluation_report", cal)
            self._history(s, contract_id, "evaluate", new="passed" if passed else "shortfall",
                          note=_dumps({k: str(v) for k, v in metrics.items()}))
            return Changed(contract_id, changes, {
                "passed": passed, "on": on.isoformat(),
                "metrics": {k: str(v) for k, v in metrics.items()},
                "targets": {k: str(v) for k, v in targets.items()},
                "gaps": {k: str(v) for k, v in gaps.items()},
                "obligation_id": report.id if report else None})

    def _set_status_note(self, s: Session, ob: ObligationRow, on: date, note: str) -> None:
        """An event that keeps the status (e.g. an evaluation shortfall) but belongs in the timeline."""
        s.add(ObligationEventRow(obligation_id=ob.id, from_status=ob.status, to_status=ob.status,
                                 on_date=on.isoformat(), note=note, actor=self.actor, recorded_at=self.stamp()))

    def edit(self, contract_id: int, field_name: str, value: str, on: date) -> Changed:
        """Correct an extracted fact; derived dates and the obligations that mirror them follow.
        ``calendar`` (CN, TW, US-NY, …) re-dates every deadline counted in working days or rolled."""
        if field_name == "calendar":
            return self._edit_calendar(contract_id, value, on)
        if field_name not in ev.EDITABLE:
            raise UsageError(f"cannot edit {field_name!r} (one of: {', '.join(ev.EDITABLE)})")
        parsed = _edit_value(field_name, value)
        with self.transaction() as s:
            contract = self._contract(s, contract_id)
            facts = json.loads(contract.facts)
            old = facts.get(field_name)
            cal = self._calendar(s, contract)
            res = ev.apply_edit(field_name, parsed, self._states(s, contract_id), facts, cal)
            self._history(s, contract_id, "edit", field_name=field_name, old=_dumps(old), new=_dumps(parsed))
            changes = self._apply(s, contract, res, on, "edit", cal)
            changes += self._derive_missing(s, contract, on)
            if field_name == "total_fee":
                changes += self._rescale_instalments(s, contract, old, parsed, on)
            self._review(contract, field_name, "corrected")
            s.add(contract)
            if field_name in ("title", "provider", "client", "currency"):
                setattr(contract, field_name, parsed)
                s.add(contract)
            return Changed(contract_id, changes, {"field": field_name, "old": old, "new": parsed,
                                                  "facts": res.facts})

    def _edit_calendar(self, contract_id: int, value: str, on: date) -> Changed:
        from tracker.calendars import known, normalise
        from tracker.store.calendar_store import load, refresh_in

        code = normalise(value)
        if not code or not known(code):
            raise UsageError(f"calendar: {value!r} is not a calendar code (CN, TW, HK, MO, SG, US-NY, GB, …)")
        with self.transaction() as s:
            contract = self._contract(s, contract_id)
            old = contract.calendar
            contract.calendar = code
            s.add(contract)
            s.flush()
            self._history(s, contract_id, "edit", field_name="calendar", old=_dumps(old), new=_dumps(code))
            raw = _raw(s)
            moves, warnings = refresh_in(raw, on, self.stamp(), self.actor, load(raw), contract_id)
            changes = [{"obligation_id": m["obligation_id"], "kind": m["kind"], "title": m["title"],
                        "note": m["reason"], "old_due_date": m["old_due_date"], "due_date": m["new_due_date"]}
                       for m in moves]
            return Changed(contract_id, changes, {"field": "calendar", "old": old, "new": code,
                                                  "warnings": warnings})

    # ------------------------------------------------------------------ reads (stdlib sqlite3)

    def upcoming(self, **kw: Any) -> list[dict[str, Any]]:
        from tracker.store import read

        return read.upcoming(self.path, **kw)

    def contracts(self) -> list[dict[str, Any]]:
        from tracker.store import read

        return read.contracts(self.path)

    def show(self, contract_id: int, as_of: date) -> dict[str, Any]:
        from tracker.store import read

        return read.show(self.path, contract_id, as_of)


def _edit_value(field_name: str, value: str) -> Any:
    if value.strip().lower() in ("", "null", "none"):
        return None
    if field_name.endswith("_date") or field_name in ("renewal_notice_deadline", "confidentiality_expiry"):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"{field_name}: {value!r} is not a valid date (use YYYY-MM-DD)") from None
        return validate.check_day(day, field_name).isoformat()
    if field_name in ("term", "renewal_notice", "confidentiality_term"):
        from tracker.periods import Duration

        try:
            return Duration.parse(value.upper()).iso()
        except ValueError:
            raise UsageError(f"{field_name}: {value!r} is not an ISO 8601 duration (e.g. P6M)") from None
    if field_name == "total_fee":
        return fmt_money(validate.check_amount(value, "total_fee"))
    if field_name == "copies":
        if not value.isdigit() or int(value) <= 0:
            raise UsageError(f"copies: {value!r} is not a positive whole number")
        return int(value)
    return value
