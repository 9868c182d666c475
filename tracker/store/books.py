"""The write side's bookkeeping: events tied to the obligations they resolve, undo, review
states, derived obligations, payment credits and recurring series (a mixin of ``Store``).

Each public method is one ``BEGIN IMMEDIATE`` transaction, hence one recorded action.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from tracker import events as ev
from tracker import validate
from tracker.calendars import Calendar
from tracker.errors import NotFound, UsageError
from tracker.money import D, fmt_money
from tracker.store import actions, pg
from tracker.store.tables import (
    ContractEventRow,
    ContractRow,
    ObligationEventRow,
    ObligationRow,
    PaymentAllocationRow,
)

if TYPE_CHECKING:
    from tracker.store.host import StoreHost
    from tracker.store.results import Changed

OPEN = ("pending", "overdue")
REVIEW_STATES = ("extracted", "confirmed", "corrected")

# the obligation that mirrors each derived fact, created when an edit gives the fact a value
# and no such obligation exists: (fact, trigger event, trigger offset fact, sign, titles)
DERIVED = {
    "contract_expiry": ("expiry_date", "effective", "term", "", {"zh": "合同期限届满", "en": "Contract expiry"}),
    "renewal_notice": ("renewal_notice_deadline", "expiry", "renewal_notice", "-",
                       {"zh": "续约协商（期满前通知）", "en": "Renewal negotiation notice"}),
    "confidentiality_expiry": ("confidentiality_expiry", "expiry", "confidentiality_term", "",
                               {"zh": "保密期届满", "en": "Confidentiality period ends"}),
}


def _raw(s: Session) -> sqlite3.Connection:
    return pg.wrap(s.connection().connection.dbapi_connection)  # type: ignore[no-any-return]


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def review_of(contract: ContractRow) -> dict[str, str]:
    return json.loads(contract.review) if contract.review else {}


class BooksMixin:
    # ------------------------------------------------------------------ events → obligations

    def _event_targets(self: StoreHost, s: Session, contract_id: int, event: str, states: list[ev.ObligationState],
                       named: Iterable[int] | None) -> frozenset[int] | None:
        """The obligations this event resolves: those named (each checked), else all its candidates;
        a repeatable event (an invoice) with several candidates and none named is refused."""
        cands = ev.candidates(event, states)
        if named is not None:
            ids = frozenset(named)
            if ids:
                ok = {c.id for c in cands}
                for oid in sorted(ids):
                    row = self._obligation(s, oid)
                    if row.contract_id != contract_id:
                        raise UsageError(f"obligation {oid} belongs to contract {row.contract_id}, not {contract_id}")
                    if oid not in ok:
                        why = (f"is {row.status}" if row.status not in OPEN else
                               "was already resolved by an earlier event" if row.resolved_by is not None else
                               f"is not waiting for {event}")
                        raise UsageError(f"obligation {oid} ({row.title}) {why}")
                return ids
        if event in ev.REPEATABLE and len(cands) > 1:
            rows = [self._obligation(s, c.id) for c in cands]
            listing = "; ".join(f"#{r.id} {r.title}" + (f" {r.amount}" if r.amount else "") for r in rows)
            raise UsageError(f"contract {contract_id}: {len(rows)} obligations wait for an {event}; name the one(s) "
                             f"it was issued for with --obligation: {listing}")
        return None

    def _event_row(self: StoreHost, s: Session, contract_id: int, event: str, on: date,
                   note: str | None) -> ContractEventRow:
        same = s.exec(select(ContractEventRow).where(ContractEventRow.contract_id == contract_id,
                                                     ContractEventRow.event == event,
                                                     ContractEventRow.on_date == on.isoformat())).first()
        if same is not None:  # a second invoice the same day: one event row resolving both
            return same
        row = ContractEventRow(contract_id=contract_id, event=event, on_date=on.isoformat(), note=note,
                               actor=self.actor, recorded_at=self.stamp())
        s.add(row)
        s.flush()
        return row

    def _mark_resolved(self: StoreHost, s: Session, event: str, event_id: int, states: list[ev.ObligationState],
                       res: ev.Resolution) -> None:
        """Remember which event fixed each due date: a later event never re-dates it."""
        trig = "expiry" if event == "termination" else event
        by_id = {st.id: st for st in states}
        for ch in res.changes:
            st = by_id.get(ch.obligation_id)
            if st is not None and st.trigger is not None and st.trigger.event == trig and ch.due_date is not None:
                row = self._obligation(s, ch.obligation_id)
                row.resolved_by = event_id
                s.add(row)

    def rebind_version(self: StoreHost, s: Session, contract: ContractRow, new_rows: list[ObligationRow],
                       replaced: list[ObligationRow], on: date, cal: Calendar | None = None) -> list[dict[str, Any]]:
        """A new version keeps the events already recorded: each new obligation counted from an
        event is resolved by the event that resolved the obligation it replaces (same kind and
        title or amount), or by the one recorded event of its kind; a delivery already recorded
        fulfils the new delivery obligation on the day it happened."""
        recorded = list(s.exec(select(ContractEventRow).where(ContractEventRow.contract_id == contract.id)
                               .order_by(col(ContractEventRow.on_date), col(ContractEventRow.id))))
        by_event: dict[str, list[ContractEventRow]] = {}
        for e in recorded:
            by_event.setdefault(e.event, []).append(e)
        by_id = {e.id: e for e in recorded}
        out: list[dict[str, Any]] = []
        from tracker.store.results import obligation_state as _state

        for row in new_rows:
            st = _state(row)
            if row.kind in ev.FULFILLED_BY_EVENT and row.kind in by_event:
                done = by_event[row.kind][0]
                self._set_status(s, row, "fulfilled", date.fromisoformat(done.on_date),
                                 f"{row.kind} recorded on {done.on_date} (before this version)")
                out.append({"obligation_id": row.id, "title": row.title, "status": "fulfilled"})
                continue
            if st.trigger is None:
                continue
            event = "termination" if st.trigger.event == "expiry" else st.trigger.event
            source = None
            for old in replaced:
                if (old.kind == row.kind and old.resolved_by and (old.title == row.title or old.amount == row.amount)
                        and old.resolved_by in by_id):
                    source = by_id[old.resolved_by]
                    break
            if source is None and event not in ev.REPEATABLE and event in by_event:
                source = by_event[event][0]
            if source is None:
                continue
            res = ev.record_event(source.event, date.fromisoformat(source.on_date), [st],
                                  json.loads(contract.facts), cal, only=frozenset({row.id or 0}))
            due = [c for c in res.changes if c.obligation_id == row.id and c.due_date is not None]
            out += self._apply(s, contract, ev.Resolution(tuple(due)), on, "new_version", cal)
            if due:
                row.resolved_by = source.id
                s.add(row)
        return out

    # ------------------------------------------------------------------ payments

    def _owed_on(self: StoreHost, obligation_id: int) -> tuple[int, Decimal] | None:
        """(contract, amount still owed) of an open instalment with something owed, else None."""
        from tracker.store.read import connect

        with connect(self.path) as conn:
            row = conn.execute("SELECT contract_id, kind, amount, paid, status FROM obligations WHERE id = ?",
                               (obligation_id,)).fetchone() if conn else None
        if row is None:
            raise NotFound(f"no obligation with id {obligation_id}")
        cid, kind, amount, paid, status = row
        if kind != "payment" or amount is None or status not in OPEN:
            return None
        owed = D(amount) - D(paid or "0")
        return (cid, owed) if owed > 0 else None

    def _apply_credit(self: StoreHost, s: Session, contract_id: int) -> list[dict[str, Any]]:
        """Money received beyond what was owed goes to the open instalments, oldest due first."""
        raw = _raw(s)
        spare = []
        for pid, amount, on in raw.execute("SELECT id, amount, paid_on FROM payments WHERE contract_id = ?"
                                           " ORDER BY paid_on, id", (contract_id,)).fetchall():
            allocated = sum((D(a) for (a,) in raw.execute(
                "SELECT amount FROM payment_allocations WHERE payment_id = ?", (pid,))), Decimal(0))
            if D(amount) > allocated:
                spare.append((pid, D(amount) - allocated, date.fromisoformat(on)))
        if not spare:
            return []
        rows = list(s.exec(select(ObligationRow).where(
            ObligationRow.contract_id == contract_id, ObligationRow.kind == "payment",
            col(ObligationRow.status).in_(OPEN), col(ObligationRow.amount).is_not(None))))
        rows.sort(key=lambda r: (r.due_date is None, r.due_date or "", r.id or 0))
        out = []
        for pid, left, on in spare:
            for r in rows:
                owed = D(r.amount or "0") - D(r.paid or "0")
                if left <= 0 or owed <= 0:
                    continue
                take = min(left, owed)
                left -= take
                s.add(PaymentAllocationRow(payment_id=pid, obligation_id=r.id or 0, amount=fmt_money(take) or "0"))
                r.paid = fmt_money(D(r.paid or "0") + take)
                entry: dict[str, Any] = {"obligation_id": r.id, "title": r.title, "allocated": fmt_money(take),
                                         "paid": r.paid, "amount": r.amount, "note": f"credit of payment {pid}"}
                if D(r.paid or "0") >= D(r.amount or "0"):
                    entry.update(old_status=r.status, status="fulfilled")
                    self._set_status(s, r, "fulfilled", on, f"paid in full (credit of payment {pid})")
                s.add(r)
                out.append(entry)
        return out

    # ------------------------------------------------------------------ recurring

    def done_through(self: StoreHost, obligation_id: int, on: date, through: date, note: str | None) -> Changed:
        """Every occurrence of a recurring obligation due on or before ``through`` done at once."""
        from tracker.store.results import Changed

        with self.transaction() as s:
            ob = self._obligation(s, obligation_id)
            if ob.status not in OPEN:
                raise UsageError(f"obligation {obligation_id} is already {ob.status}")
            if not ob.recurrence or not ob.due_date:
                raise UsageError(f"obligation {obligation_id} does not recur: use done without --through")
            validate.check_day(through, "done --through")
            first, count = ob.due_date, 0
            while ob.due_date and ob.due_date <= through.isoformat() and ob.status in OPEN:
                nxt = self._next_occurrence(s, ob)
                count += 1
                if nxt is None:
                    self._set_status(s, ob, "fulfilled", on, note or "last occurrence done")
                    break
                ob.due_date = nxt.isoformat()
            if count == 0:
                raise UsageError(f"obligation {obligation_id}: no occurrence due by {through} (next {first})")
            s.add(ob)
            s.add(ObligationEventRow(obligation_id=ob.id or 0, from_status=ob.status, to_status="fulfilled",
                                     on_date=on.isoformat(), actor=self.actor, recorded_at=self.stamp(),
                                     note=f"{count} occurrences due {first}…{through} done" + (f": {note}" if note else "")))
            self._history(s, ob.contract_id, "done", field_name=f"obligation {ob.id}", new=on.isoformat(),
                          note=f"{count} occurrences through {through}")
            return Changed(ob.contract_id, [{"obligation_id": ob.id, "kind": ob.kind, "title": ob.title,
                                             "old_due_date": first, "due_date": ob.due_date, "status": ob.status,
                                             "occurrences": count}])

    # ------------------------------------------------------------------ derived obligations, review

    def _derive_missing(self: StoreHost, s: Session, contract: ContractRow, on: date) -> list[dict[str, Any]]:
        """After a fact edit: each derived fact with a value gets its obligation if none exists."""
        facts = json.loads(contract.facts)
        have = {r.kind for r in s.exec(select(ObligationRow).where(
            ObligationRow.contract_id == contract.id, col(ObligationRow.status).not_in(("superseded", "deleted"))))}
        lang = "en" if (contract.language or "").startswith("en") else "zh"
        out = []
        for kind, (fact, event, offset_fact, sign, titles) in DERIVED.items():
            if kind in have or not facts.get(fact):
                continue
            offset = facts.get(offset_fact)
            trigger = _dumps({"event": event, "offset": sign + str(offset).lstrip("-"), "business_days": False}) \
                if offset else None
            row = ObligationRow(contract_id=contract.id or 0, version_id=contract.current_version_id or 0,
                                kind=kind, party="both", title=titles[lang], due_date=facts[fact], trigger=trigger,
                                parsed=_dumps({"kind": kind, "derived_from": fact}), origin="derived",
                                review="corrected")
            s.add(row)
            s.flush()
            self._history(s, contract.id or 0, "derived", field_name=f"obligation {row.id}", new=row.title,
                          note=f"from {fact} {facts[fact]}")
            out.append({"obligation_id": row.id, "kind": kind, "title": row.title, "due_date": row.due_date,
                        "status": "pending", "note": f"created from {fact}"})
        return out

    def _rescale_instalments(self: StoreHost, s: Session, contract: ContractRow, old_fee: Any,
                             new_fee: Any, on: date) -> list[dict[str, Any]]:
        """A corrected total fee re-derives each open, unpaid instalment the contract states as a
        percentage of it (its title or quote says the percentage its amount is of the old fee)."""
        if not old_fee or not new_fee or D(old_fee) <= 0:
            return []
        out = []
        for row in s.exec(select(ObligationRow).where(ObligationRow.contract_id == contract.id,
                                                      ObligationRow.kind == "payment",
                                                      col(ObligationRow.status).in_(OPEN))):
            if not row.amount or (row.paid and D(row.paid) > 0):
                continue
            share = D(row.amount) / D(old_fee) * 100
            pct = share.quantize(Decimal("0.01")).normalize()
            if share != pct or not any(f"{format(pct, 'f')}%" in (t or "").replace(" ", "")
                                       for t in (row.title, row.quote)):
                continue
            new = fmt_money(D(new_fee) * pct / 100)
            if new == row.amount:
                continue
            old, row.amount = row.amount, new
            s.add(row)
            s.add(ObligationEventRow(obligation_id=row.id or 0, from_status=row.status, to_status=row.status,
                                     on_date=on.isoformat(), actor=self.actor, recorded_at=self.stamp(),
                                     note=f"amount {old} → {new}: {format(pct, 'f')}% of the corrected total fee"))
            self._history(s, contract.id or 0, "derived", field_name=f"obligation {row.id} amount", old=old, new=new,
                          note=f"{format(pct, 'f')}% of total_fee {new_fee}")
            out.append({"obligation_id": row.id, "kind": row.kind, "title": row.title, "old_amount": old,
                        "amount": new, "note": f"{format(pct, 'f')}% of the total fee"})
        return out

    def _review(self: StoreHost, contract: ContractRow, fact: str, state: str) -> None:
        review = review_of(contract)
        review[fact] = state
        contract.review = _dumps(review)

    def confirm(self: StoreHost, contract_id: int) -> Changed:
        """A person checked the extraction: every fact and obligation still 'extracted' is confirmed."""
        from tracker.store.results import Changed

        with self.transaction() as s:
            contract = self._contract(s, contract_id)
            facts = json.loads(contract.facts)
            review = review_of(contract)
            facts_done = [k for k in facts if review.get(k) is None]
            for k in facts_done:
                review[k] = "confirmed"
            contract.review = _dumps(review)
            s.add(contract)
            rows = list(s.exec(select(ObligationRow).where(ObligationRow.contract_id == contract_id,
                                                           ObligationRow.review == "extracted")))
            for r in rows:
                r.review = "confirmed"
                s.add(r)
            self._history(s, contract_id, "confirm", new=f"{len(facts_done)} facts, {len(rows)} obligations")
            return Changed(contract_id, [{"obligation_id": r.id, "title": r.title, "review": "confirmed"}
                                         for r in rows], {"facts_confirmed": facts_done})

    # ------------------------------------------------------------------ undo

    def undo(self: StoreHost, action_id: int) -> Changed:
        """Reverse a recorded action and everything it changed, as a new action of its own."""
        from tracker.store.results import Changed

        with self.transaction() as s:
            raw = _raw(s)
            s.flush()
            current = raw.execute("SELECT action_id FROM action_cursor WHERE id = 1").fetchone()[0]
            inserted = raw.execute("SELECT row_id FROM action_changes WHERE action_id = ? AND tbl = 'contracts'"
                                   " AND op = 'insert'", (action_id,)).fetchone()
            if inserted is not None:
                raise UsageError(f"action {action_id} added contract {inserted[0]}: a contract is not removed by "
                                 "undo (its history stays); waive or delete its obligations instead")
            done = actions.undo(raw, action_id, current)
            s.expire_all()
            cid = done["contract_id"]
            if cid is not None:
                self._history(s, cid, "undo", field_name=f"action {action_id}", new=done["summary"],
                              note=f"{done['rows']} rows restored ({', '.join(done['tables'])})")
            return Changed(cid or 0, [], {"undid": action_id, "summary": done["summary"], "rows": done["rows"]})

    def history_actions(self: StoreHost, contract_id: int | None = None) -> list[dict[str, Any]]:
        from tracker.store.engine import translate

        with translate(self.path):
            conn = pg.plain(self.path, timeout=5.0)
            try:
                if contract_id is not None and not conn.execute("SELECT 1 FROM contracts WHERE id = ?",
                                                                (contract_id,)).fetchone():
                    raise NotFound(f"no contract with id {contract_id}")
                return actions.listing(conn, contract_id)
            finally:
                conn.close()
