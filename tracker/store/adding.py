"""Adding parse results to the store: a new contract, a new version of one, or nothing if known.

The store takes a ``ParseResult``; reading and parsing files is the caller's
(``tracker.ingest``). A new contract is written in plain SQL on the transaction's own
connection; a new version keeps the obligations it does not change.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from tracker import events as ev
from tracker.calendars import Calendar
from tracker.gaps import gaps
from tracker.model import ParseResult
from tracker.store.base import OPEN, _dumps, _raw
from tracker.store.engine import translate
from tracker.store.recording import Recording
from tracker.store.results import AddOutcome
from tracker.store.tables import ContractRow, ContractVersionRow, ObligationRow, ParseWarningRow

OBLIGATION_COLUMNS = ("contract_id", "version_id", "kind", "party", "title", "due_date", "trigger", "recurrence",
                      "amount", "paid", "currency", "metrics", "clause", "quote", "parsed", "status", "status_on",
                      "calendar", "calendar_basis")

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


def _facts_key(d: dict[str, Any]) -> tuple[str, list[str]]:
    """What two parse documents must share to state the same facts (contract and obligations, in any order)."""
    return (_dumps(facts_only(d.get("contract"))),
            sorted(_dumps(facts_only(o)) for o in d.get("obligations") or []))


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


class Adding(Recording):
    """``add_parsed`` and what it needs (on top of the recording commands, which a new version's
    re-bound events use)."""

    def find_version(self, sha256: str) -> int | None:
        """The contract holding a version with this sha256 (a plain read: no write lock taken)."""
        with self.version_lookup() as find:
            return find(sha256)

    @contextmanager
    def version_lookup(self) -> Iterator[Callable[[str], int | None]]:
        """``find(sha256)`` over one plain read connection, for a run that checks many files (``tracker
        add`` of a folder opened a connection per file). Each lookup reads to the end of its statement,
        so no read lock outlives it and the run's own writes are seen."""
        from tracker.store import pg

        with translate(self.path):
            conn = pg.plain(self.path, timeout=5.0)

        def find(sha256: str) -> int | None:
            with translate(self.path):
                rows = conn.execute("SELECT contract_id FROM contract_versions WHERE sha256 = ?", (sha256,)).fetchall()
            return rows[0][0] if rows else None

        try:
            yield find
        finally:
            with translate(self.path):
                conn.close()

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
            head = raw.execute("SELECT current_version_id FROM contracts WHERE id = ?", (same,)).fetchone()
            if head is None:
                self._contract(s, same)  # raises NotFound (--amends names no contract)
            current = raw.execute("SELECT id, version, file FROM contract_versions WHERE id = ?", (head[0],)).fetchone()
            if current is not None and self._version_key(raw, current[0]) == _facts_key(doc):
                return AddOutcome(same, file, "unchanged", warnings, current[1],
                                  note=f"same contract as version {current[1]} ({Path(current[2]).name}) "
                                       "in another format; only quotes or spacing differ, no version added")
            return self._add_version(s, self._contract(s, same), result, doc, file, "amendment" if amends else "renewal")

    def _version_key(self, raw: sqlite3.Connection, version_id: int) -> tuple[str, list[str]]:
        """The facts key of a stored version, read and parsed once per store (a version's document never
        changes): a folder of copies of one contract compares each file with the same version."""
        if version_id not in self._version_keys:
            document = raw.execute("SELECT document FROM contract_versions WHERE id = ?", (version_id,)).fetchone()[0]
            self._version_keys[version_id] = _facts_key(json.loads(document))
        return self._version_keys[version_id]

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
        cid: int = raw.execute(
            "INSERT INTO contracts (title, provider, client, language, currency, file, sha256, facts, added_at,"
            " calendar) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (c["title"], c["provider"], c["client"], src.language, c["currency"], file, src.sha256, _dumps(c),
             stamp, cal.code)).lastrowid or 0
        vid: int = raw.execute(
            "INSERT INTO contract_versions (contract_id, version, previous_version_id, reason, file, sha256,"
            " language, document, text, added_at) VALUES (?, 1, NULL, 'original', ?, ?, ?, ?, ?, ?)",
            (cid, file, src.sha256, src.language, _dumps(doc), result.text, stamp)).lastrowid or 0
        raw.execute("UPDATE contracts SET current_version_id = ? WHERE id = ?", (vid, cid))
        raw.executemany(
            "INSERT INTO parse_warnings (contract_id, version_id, code, clause, quote, message)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(cid, vid, w.code, w.clause, w.quote, w.message) for w in result.warnings])
        raw.executemany(
            f"INSERT INTO obligations ({', '.join(OBLIGATION_COLUMNS)}) VALUES ({', '.join('?' * len(OBLIGATION_COLUMNS))})",
            [tuple(vals[k] for k in OBLIGATION_COLUMNS)
             for vals in (self._obligation_values(cid, vid, o, c, cal) for o in doc["obligations"])])
        raw.execute("INSERT INTO history (contract_id, action, field, old, new, note, actor, who, recorded_at)"
                    " VALUES (?, 'add', NULL, NULL, ?, ?, ?, ?, ?)",
                    (cid, file, f"{len(doc['obligations'])} obligations, {len(doc['warnings'])} warnings",
                     self.actor, self.who, stamp))
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
