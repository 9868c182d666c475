"""Recording what happened: done, waive, events, payments, evaluations and edits (a mixin of ``Store``).

Each public method is one ``BEGIN IMMEDIATE`` transaction, hence one recorded action.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from tracker import events as ev
from tracker import validate
from tracker.errors import UsageError
from tracker.money import D, fmt_money
from tracker.penalty import Instalment, Payment, allocate
from tracker.store.base import OPEN, StoreBase, _dumps, _raw
from tracker.store.results import Changed
from tracker.store.tables import (
    ContractEventRow,
    EvaluationRow,
    ObligationEventRow,
    ObligationRow,
    PaymentAllocationRow,
    PaymentRow,
)

METRICS = ("accuracy", "recall", "f1")


class Recording(StoreBase):
    """The recording commands (``tracker done``, ``pay``, ``event``, ``evaluate``, ``edit`` …)."""

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
                s.add(ObligationEventRow(obligation_id=ob.id or 0, from_status=ob.status, to_status="fulfilled",
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
                r, part = by_id[int(a.obligation_id)], a.amount
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
        s.add(ObligationEventRow(obligation_id=ob.id or 0, from_status=ob.status, to_status=ob.status,
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
            moves, warnings = refresh_in(raw, on, self.stamp(), self.actor, load(raw), contract_id, who=self.who)
            changes = [{"obligation_id": m["obligation_id"], "kind": m["kind"], "title": m["title"],
                        "note": m["reason"], "old_due_date": m["old_due_date"], "due_date": m["new_due_date"]}
                       for m in moves]
            return Changed(contract_id, changes, {"field": "calendar", "old": old, "new": code,
                                                  "warnings": warnings})

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
