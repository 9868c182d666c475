"""Corrections a person makes to what the parser read (a mixin of ``Store``): obligations added,
edited or deleted, penalty clauses added or edited. Each is one recorded action with a history
row and, for an obligation, an entry in its timeline; nothing is overwritten without trace
(``tracker undo`` restores any of them) and a deleted obligation keeps its row, status
``deleted``.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, select

from tracker import validate
from tracker.errors import UsageError
from tracker.model import Event, Kind, Party, Penalty
from tracker.money import fmt_money
from tracker.store.tables import ContractEventRow, ObligationEventRow, ObligationRow

if TYPE_CHECKING:
    from tracker.store.host import StoreHost
    from tracker.store.results import Changed

OPEN = ("pending", "overdue")
OBLIGATION_FIELDS = ("title", "kind", "party", "due_date", "amount", "recurrence", "clause", "after", "offset",
                     "business_days")
PENALTY_KINDS = ("late_payment", "late_delivery", "confidentiality_breach")
PENALTY_FIELDS = ("kind", "rate", "per", "basis", "amount", "cap_rate", "cap_basis", "cap_amount",
                  "suspend_after_days", "clause")
PERS = ("day", "month", "year")  # tracker.penalty._DIVISOR
BASES = ("overdue_amount", "total_fee", "delayed_amount")
DEFAULT_PARTY = {"payment": "client", "data_delivery": "client"}  # else the provider performs


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def check_choice(value: str, choices: tuple[str, ...] | list[str], what: str) -> str:
    if value not in choices:
        raise UsageError(f"{what}: {value!r} is not one of {', '.join(choices)}")
    return value


def check_duration(value: str, what: str) -> str:
    from tracker.periods import Duration

    try:
        return Duration.parse(value.upper()).iso()
    except ValueError:
        raise UsageError(f"{what}: {value!r} is not an ISO 8601 duration (P15D, P1M, -P30D)") from None


def check_rrule(value: str) -> str:
    from tracker.periods import first_occurrence

    try:
        first_occurrence(value, date(2025, 1, 1))
    except Exception:
        raise UsageError(f"recurrence: {value!r} is not an RRULE (e.g. FREQ=WEEKLY;BYDAY=FR)") from None
    return value.upper()


def check_date(value: str, what: str) -> str:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{what}: {value!r} is not a valid date (use YYYY-MM-DD)") from None
    return validate.check_day(day, what).isoformat()


class CorrectionsMixin:
    # ------------------------------------------------------------------ obligations

    def add_obligation(self: StoreHost, contract_id: int, *, kind: str, title: str, on: date, due: str | None = None,
                       after: str | None = None, offset: str | None = None, business_days: bool = False,
                       amount: str | None = None, party: str | None = None, recurrence: str | None = None,
                       clause: str | None = None) -> Changed:
        """An obligation the parser missed: a fixed due date, or counted from an event."""
        from tracker.store.results import Changed

        check_choice(kind, [k.value for k in Kind], "--kind")
        if not title.strip():
            raise UsageError("--title must not be empty")
        if (due is None) == (after is None):
            raise UsageError("give either --due DATE or --after EVENT --offset PERIOD")
        trigger = None
        if after is not None:
            check_choice(after, [e.value for e in Event], "--after")
            trigger = {"event": after, "offset": check_duration(offset or "P0D", "--offset"),
                       "business_days": business_days}
        values: dict[str, Any] = {"kind": kind, "title": title.strip(), "party": check_choice(
            party or DEFAULT_PARTY.get(kind, "provider"), [p.value for p in Party], "--party"),
            "due_date": check_date(due, "--due") if due else None, "trigger": trigger,
            "amount": fmt_money(validate.check_amount(amount, "--amount")) if amount else None,
            "recurrence": check_rrule(recurrence) if recurrence else None, "clause": clause}
        with self.transaction() as s:
            contract = self._contract(s, contract_id)
            row = ObligationRow(contract_id=contract_id, version_id=contract.current_version_id or 0,
                                kind=kind, party=values["party"], title=values["title"], due_date=values["due_date"],
                                trigger=_dumps(trigger) if trigger else None, recurrence=values["recurrence"],
                                amount=values["amount"], currency=contract.currency if amount else None,
                                clause=clause, parsed=_dumps({**values, "added_by": self.actor}),
                                origin="manual", review="corrected")
            s.add(row)
            s.flush()
            changes: list[dict[str, Any]] = [{"obligation_id": row.id, "kind": kind, "title": row.title,
                                              "due_date": row.due_date, "status": "pending", "note": "added"}]
            if trigger is not None:
                changes += self._resolve_recorded(s, contract_id, row, on)
            self._timeline(s, row, on, "added by hand")
            self._history(s, contract_id, "obligation", field_name=f"add #{row.id}", new=row.title,
                          note=_dumps({k: v for k, v in values.items() if v is not None}))
            if kind == "payment":
                changes += self._apply_credit(s, contract_id)
            return Changed(contract_id, changes, {"obligation_id": row.id})

    def _resolve_recorded(self: StoreHost, s: Session, contract_id: int, row: ObligationRow,
                          on: date) -> list[dict[str, Any]]:
        """An obligation counted from an event already recorded (once) is dated from it now."""
        from tracker import events as ev
        from tracker.store.results import obligation_state as _state

        trig = json.loads(row.trigger or "null")
        name = "termination" if trig["event"] == "expiry" else trig["event"]
        if name in ev.REPEATABLE:
            return []
        recorded = s.exec(select(ContractEventRow).where(ContractEventRow.contract_id == contract_id,
                                                         ContractEventRow.event == name)).first()
        if recorded is None:
            return []
        contract = self._contract(s, contract_id)
        cal = self._calendar(s, contract)
        res = ev.record_event(recorded.event, date.fromisoformat(recorded.on_date), [_state(row)],
                              json.loads(contract.facts), cal, only=frozenset({row.id or 0}))
        due = tuple(c for c in res.changes if c.due_date is not None)
        out = self._apply(s, contract, ev.Resolution(due), on, "obligation", cal)
        if due:
            row.resolved_by = recorded.id
            s.add(row)
        return out

    def _timeline(self: StoreHost, s: Session, row: ObligationRow, on: date, note: str) -> None:
        s.add(ObligationEventRow(obligation_id=row.id or 0, from_status=row.status, to_status=row.status,
                                 on_date=on.isoformat(), note=note, actor=self.actor, recorded_at=self.stamp()))

    def edit_obligation(self: StoreHost, obligation_id: int, field_name: str, value: str, on: date) -> Changed:
        """Correct one field of an obligation (``due_date`` set by hand is never re-dated by an event)."""
        from tracker.store.results import Changed

        check_choice(field_name, OBLIGATION_FIELDS, "FIELD")
        with self.transaction() as s:
            row = self._obligation(s, obligation_id)
            if row.status in ("superseded", "deleted"):
                raise UsageError(f"obligation {obligation_id} is {row.status}")
            old, new = self._obligation_field(row, field_name, value)
            if old == new:
                raise UsageError(f"obligation {obligation_id}: {field_name} is already {old}")
            row.review = "corrected"
            s.add(row)
            self._timeline(s, row, on, f"{field_name} corrected: {old} → {new}")
            self._history(s, row.contract_id, "obligation", field_name=f"edit #{row.id} {field_name}",
                          old=None if old is None else str(old), new=None if new is None else str(new))
            changes: list[dict[str, Any]] = [{"obligation_id": row.id, "kind": row.kind, "title": row.title,
                                              "field": field_name, "old": old, "new": new}]
            if row.kind == "payment" and field_name in ("amount", "kind"):
                changes += self._apply_credit(s, row.contract_id)
            return Changed(row.contract_id, changes, {"field": field_name, "old": old, "new": new})

    def _obligation_field(self: StoreHost, row: ObligationRow, field_name: str, value: str) -> tuple[Any, Any]:
        clear = value.strip().lower() in ("", "null", "none")
        trig = json.loads(row.trigger) if row.trigger else None
        old: Any
        if field_name == "title":
            if clear:
                raise UsageError("title must not be empty")
            old, row.title = row.title, value.strip()
            return old, row.title
        if field_name == "kind":
            old, row.kind = row.kind, check_choice(value, [k.value for k in Kind], "kind")
            return old, row.kind
        if field_name == "party":
            old, row.party = row.party, check_choice(value, [p.value for p in Party], "party")
            return old, row.party
        if field_name == "due_date":
            old, row.due_date = row.due_date, None if clear else check_date(value, "due_date")
            row.resolved_by = 0 if row.due_date else None  # 0: set by hand, no event re-dates it
            return old, row.due_date
        if field_name == "amount":
            new: Any = None if clear else fmt_money(validate.check_amount(value, "amount"))
            if new is not None and row.paid and validate.check_amount(new, "amount") < validate.D(row.paid):
                raise UsageError(f"obligation {row.id}: {row.paid} already paid is more than {new}; "
                                 "undo a payment first")
            old, row.amount = row.amount, new
            return old, new
        if field_name == "recurrence":
            old, row.recurrence = row.recurrence, None if clear else check_rrule(value)
            return old, row.recurrence
        if field_name == "clause":
            old, row.clause = row.clause, None if clear else value.strip()
            return old, row.clause
        # after / offset / business_days: the trigger
        old_trig = dict(trig) if trig else None
        if field_name == "after" and clear:
            trig = None
        else:
            trig = dict(trig or {"event": "effective", "offset": "P0D", "business_days": False})
            if field_name == "after":
                trig["event"] = check_choice(value, [e.value for e in Event], "after")
            elif field_name == "offset":
                trig["offset"] = check_duration(value, "offset")
            else:
                trig["business_days"] = value.strip().lower() in ("1", "true", "yes")
        row.trigger = _dumps(trig) if trig else None
        row.resolved_by = None
        return old_trig, trig

    def delete_obligation(self: StoreHost, obligation_id: int, on: date, note: str | None = None) -> Changed:
        """An obligation the parser invented: status ``deleted`` (kept, out of every list and total)."""
        from tracker.store.results import Changed

        with self.transaction() as s:
            row = self._obligation(s, obligation_id)
            if row.status == "deleted":
                raise UsageError(f"obligation {obligation_id} is already deleted")
            if row.paid and validate.D(row.paid) > 0:
                raise UsageError(f"obligation {obligation_id} has {row.paid} paid against it: undo those "
                                 "payments first (tracker undo ACTION_ID)")
            old = row.status
            self._set_status(s, row, "deleted", on, note or "deleted by hand")
            row.review = "corrected"
            s.add(row)
            self._history(s, row.contract_id, "obligation", field_name=f"delete #{row.id}", old=row.title,
                          note=note)
            return Changed(row.contract_id, [{"obligation_id": row.id, "kind": row.kind, "title": row.title,
                                              "old_status": old, "status": "deleted"}])

    # ------------------------------------------------------------------ penalty clauses

    def add_penalty(self: StoreHost, contract_id: int, values: dict[str, str]) -> Changed:
        """A penalty clause the parser missed, appended to the contract's clauses."""
        return self._penalty(contract_id, None, values)

    def edit_penalty(self: StoreHost, contract_id: int, index: int, field_name: str, value: str) -> Changed:
        """One field of penalty clause ``index`` (1-based, as ``show`` lists them)."""
        check_choice(field_name, PENALTY_FIELDS, "FIELD")
        return self._penalty(contract_id, index, {field_name: value})

    def _penalty(self: StoreHost, contract_id: int, index: int | None, values: dict[str, str]) -> Changed:
        from tracker.store.results import Changed

        with self.transaction() as s:
            contract = self._contract(s, contract_id)
            facts = json.loads(contract.facts)
            clauses = list(facts.get("penalties") or [])
            if index is None:
                current: dict[str, Any] = {"kind": None, "rate": None, "per": None, "basis": None, "amount": None,
                                           "cap": None, "suspend_after_days": None, "clause": None, "quote": None}
            else:
                if not 1 <= index <= len(clauses):
                    raise UsageError(f"contract {contract_id} has {len(clauses)} penalty clauses; no #{index}")
                current = dict(clauses[index - 1])
            new = penalty_json(current, values)
            if index is None:
                clauses.append(new)
                where = f"penalties[{len(clauses)}]"
            else:
                clauses[index - 1] = new
                where = f"penalties[{index}]"
            facts["penalties"] = clauses
            contract.facts = _dumps(facts)
            self._review(contract, "penalties", "corrected")
            s.add(contract)
            self._history(s, contract_id, "edit", field_name=where,
                          old=None if index is None else _dumps(current), new=_dumps(new))
            return Changed(contract_id, [], {"penalty": new, "index": int(where[10:-1])})


def penalty_json(current: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """A penalty clause (the parse document's JSON form) with ``values`` applied and checked."""
    out = dict(current)
    cap = dict(out.get("cap") or {})
    for k, v in values.items():
        clear = v is None or str(v).strip().lower() in ("", "null", "none")
        if k == "kind":
            out["kind"] = check_choice(v, PENALTY_KINDS, "kind")
        elif k in ("rate", "cap_rate"):
            rate = None if clear else _rate(v, k)
            if k == "rate":
                out["rate"] = rate
            else:
                cap = {} if rate is None else {"rate": rate, "basis": cap.get("basis") or "total_fee"}
        elif k == "per":
            out["per"] = None if clear else check_choice(v, PERS, "per")
        elif k in ("basis", "cap_basis"):
            basis = None if clear else check_choice(v, BASES, k)
            if k == "basis":
                out["basis"] = basis
            elif cap.get("rate"):
                cap["basis"] = basis or "total_fee"
        elif k in ("amount", "cap_amount"):
            amount = None if clear else fmt_money(validate.check_amount(v, k))
            if k == "amount":
                out["amount"] = amount
            else:
                cap = {} if amount is None else {"amount": amount}
        elif k == "suspend_after_days":
            if not clear and (not str(v).isdigit() or int(v) <= 0):
                raise UsageError(f"suspend_after_days: {v!r} is not a positive whole number")
            out["suspend_after_days"] = None if clear else int(v)
        elif k == "clause":
            out["clause"] = None if clear else str(v).strip()
    out["cap"] = cap or None
    if not out.get("kind"):
        raise UsageError("a penalty clause needs --kind (late_payment, late_delivery, confidentiality_breach)")
    if out.get("rate") is None and out.get("amount") is None:
        raise UsageError("a penalty clause needs --rate (with --per and --basis) or --amount")
    if out.get("rate") is not None and not (out.get("per") and out.get("basis")):
        raise UsageError("a rate needs --per (day, month, year) and --basis (overdue_amount, total_fee, …)")
    Penalty.from_json(out)  # the calculator reads it back
    return out


def _rate(value: str, what: str) -> str:
    from decimal import Decimal

    from tracker.money import D, MoneyError, fmt_rate

    text = value.strip()
    try:
        rate = D(text[:-1]) / Decimal(100) if text.endswith("%") else D(text)
    except MoneyError:
        raise UsageError(f"{what}: {value!r} is not a rate (0.0005 or 0.05%)") from None
    if not Decimal(0) < rate < Decimal(1):
        raise UsageError(f"{what}: {value!r} must be between 0 and 1 (or 0% and 100%)")
    return fmt_rate(rate) or ""



