"""What recording a contract event or correcting a fact does to the obligations (pure).

Given the open obligations of a contract (their trigger, kind and due date), the contract's
facts and an event with its date, compute the changes: due dates resolved by the period rules
of ``tracker.periods.deadline``, obligations the event itself fulfils, and the derived facts
(expiry, renewal-notice deadline, confidentiality expiry). Nothing here touches the database
or reads the clock.

Rules:

- a *performance* deadline counted forward from an event rolls off rest days (art. 203);
  the term's expiry, the renewal-notice deadline and the confidentiality expiry do not;
- ``data_delivery`` / ``model_delivery`` events fulfil the obligation of the same kind;
- ``effective`` (or ``signing``) re-dates everything counted from it, including the term's
  expiry, and then everything counted from the expiry;
- an early ``termination`` is the contract's ``expiry`` event: the confidentiality expiry
  becomes termination date + confidentiality term, the renewal notice is cancelled (waived),
  and the contract-expiry obligation is closed on the termination date.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tracker.calendars import Calendar
from tracker.model import Trigger
from tracker.periods import add_duration, deadline

EVENTS = (
    "effective",
    "signing",
    "data_delivery",
    "model_delivery",
    "acceptance",
    "invoice",
    "evaluation_report",
    "termination",
)
NO_ROLL = frozenset({"renewal_notice", "contract_expiry", "confidentiality_expiry"})
FULFILLED_BY_EVENT = frozenset({"data_delivery", "model_delivery"})
REPEATABLE = frozenset({"invoice"})  # one per instalment: each names the obligation(s) it resolves
OPEN = frozenset({"pending", "overdue"})
DERIVED_FIELDS = ("expiry_date", "renewal_notice_deadline", "confidentiality_expiry")


@dataclass(frozen=True)
class ObligationState:
    """What the event rules need to know of one obligation."""

    id: int
    kind: str
    status: str
    due_date: date | None
    trigger: Trigger | None = None

    @property
    def open(self) -> bool:
        return self.status in OPEN


@dataclass(frozen=True)
class Change:
    """A change to one obligation: a new due date and/or a new status, with the reason."""

    obligation_id: int
    note: str
    due_date: date | None = None
    status: str | None = None
    basis: dict[str, str | None] | None = None  # calendar coverage of the years the count touched


@dataclass(frozen=True)
class Resolution:
    changes: tuple[Change, ...]
    facts: dict[str, Any] = field(default_factory=dict)  # the contract facts after the event (JSON form)
    guessed: bool = False  # a holiday calendar year was guessed (weekends only)


def _d(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def derive_facts(facts: dict[str, Any], *, recompute_expiry: bool = True,
                 terminated_on: date | None = None) -> dict[str, Any]:
    """Facts with expiry, renewal-notice deadline and confidentiality expiry recomputed."""
    out = dict(facts)
    effective, term = _d(out.get("effective_date")), out.get("term")
    if recompute_expiry and effective and term:
        out["expiry_date"] = _iso(add_duration(effective, term))
    expiry = _d(out.get("expiry_date"))
    if expiry and out.get("renewal_notice"):
        notice = str(out["renewal_notice"]).lstrip("-")
        out["renewal_notice_deadline"] = _iso(add_duration(expiry, "-" + notice))
    end = terminated_on or expiry
    if end and out.get("confidentiality_term"):
        out["confidentiality_expiry"] = _iso(add_duration(end, out["confidentiality_term"]))
    return out


def calendar_basis(kind: str, trigger: Trigger | None, base: date | None, due: date | None,
                   cal: Calendar | None) -> dict[str, str | None] | None:
    """Which calendar years a due date was counted on ({} when no calendar was involved:
    a fixed date, or a period that does not roll off rest days)."""
    if trigger is None or base is None or due is None:
        return {}
    if not trigger.business_days and (kind in NO_ROLL or trigger.offset.startswith("-")):
        return {}
    return (cal or Calendar()).basis(base, due)


def _resolve(event: str, on: date, obligations: dict[int, ObligationState],
             changes: dict[int, Change], note: str, cal: Calendar | None = None) -> bool:
    """Re-date every open obligation triggered by ``event``; returns the guessed flag."""
    guessed = False
    for ob in obligations.values():
        if not ob.open or not ob.trigger or ob.trigger.event != event:
            continue
        due, g = deadline(on, ob.trigger.offset, business_days=ob.trigger.business_days,
                          roll=ob.kind not in NO_ROLL, cal=cal)
        guessed |= g
        basis = calendar_basis(ob.kind, ob.trigger, on, due, cal)
        if due != ob.due_date:
            _merge(changes, Change(ob.id, note, due_date=due, basis=basis))
            obligations[ob.id] = replace(ob, due_date=due)
    return guessed


def _merge(changes: dict[int, Change], new: Change) -> None:
    old = changes.get(new.obligation_id)
    if old is None:
        changes[new.obligation_id] = new
        return
    changes[new.obligation_id] = Change(
        new.obligation_id,
        new.note if new.note != old.note else old.note,
        due_date=new.due_date if new.due_date is not None else old.due_date,
        status=new.status or old.status,
        basis=new.basis if new.basis is not None else old.basis,
    )


def _sync_derived(facts: dict[str, Any], obligations: dict[int, ObligationState],
                  changes: dict[int, Change], note: str) -> None:
    """Obligations that mirror a derived fact follow it."""
    mirror = {
        "contract_expiry": _d(facts.get("expiry_date")),
        "renewal_notice": _d(facts.get("renewal_notice_deadline")),
        "confidentiality_expiry": _d(facts.get("confidentiality_expiry")),
    }
    for ob in obligations.values():
        target = mirror.get(ob.kind)
        if ob.open and target and target != ob.due_date:
            _merge(changes, Change(ob.id, note, due_date=target))
            obligations[ob.id] = replace(ob, due_date=target)


def candidates(event: str, obligations: list[ObligationState]) -> list[ObligationState]:
    """The open obligations ``event`` would resolve: counted from it and not yet resolved
    (the caller leaves out the trigger of an obligation an earlier event resolved), or, for
    a delivery event, the open obligation of the same kind."""
    trig = "expiry" if event == "termination" else event
    return [o for o in obligations if o.open and ((o.trigger is not None and o.trigger.event == trig)
                                                  or (event in FULFILLED_BY_EVENT and o.kind == event))]


def _untouched_by(event: str, o: ObligationState) -> ObligationState:
    trig = "expiry" if event == "termination" else event
    return replace(o, trigger=None if o.trigger and o.trigger.event == trig else o.trigger,
                   kind="other" if o.kind == event else o.kind)


def record_event(event: str, on: date, obligations: list[ObligationState],
                 facts: dict[str, Any], cal: Calendar | None = None,
                 only: frozenset[int] | None = None) -> Resolution:
    """The effect of ``event`` happening on ``on`` (on the obligations in ``only``, if given:
    an invoice names the instalments it was issued for)."""
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r} (one of: {', '.join(EVENTS)})")
    if only is not None:  # the others are left alone: no trigger of this event, not its kind
        obligations = [o if o.id in only else _untouched_by(event, o) for o in obligations]
    obs = {o.id: o for o in obligations}
    changes: dict[int, Change] = {}
    facts = dict(facts)
    note = f"{event} on {on.isoformat()}"
    guessed = False

    if event == "termination":
        for ob in list(obs.values()):
            if not ob.open:
                continue
            if ob.kind == "renewal_notice":
                _merge(changes, Change(ob.id, f"cancelled: contract terminated on {on}", status="waived"))
                obs[ob.id] = replace(ob, status="waived")
            elif ob.kind == "contract_expiry":
                _merge(changes, Change(ob.id, f"contract terminated early on {on}", due_date=on,
                                       status="fulfilled"))
                obs[ob.id] = replace(ob, status="fulfilled", due_date=on)
        facts = derive_facts(facts, recompute_expiry=False, terminated_on=on)
        guessed |= _resolve("expiry", on, obs, changes, note, cal)
        _sync_derived({"confidentiality_expiry": facts.get("confidentiality_expiry")}, obs, changes, note)
        return Resolution(tuple(changes.values()), facts, guessed)

    if event in FULFILLED_BY_EVENT:
        for ob in list(obs.values()):
            if ob.open and ob.kind == event:
                _merge(changes, Change(ob.id, f"{event} recorded on {on}", status="fulfilled"))
                obs[ob.id] = replace(ob, status="fulfilled")

    guessed |= _resolve(event, on, obs, changes, note, cal)
    if event == "effective":
        facts["effective_date"] = on.isoformat()
    if event == "signing":
        facts["signed_date"] = on.isoformat()
    if event in ("effective", "signing"):
        before = facts.get("expiry_date")
        facts = derive_facts(facts, recompute_expiry=event == "effective" or not facts.get("effective_date"))
        _sync_derived(facts, obs, changes, note)
        expiry = _d(facts.get("expiry_date"))
        if expiry and facts.get("expiry_date") != before:
            guessed |= _resolve("expiry", expiry, obs, changes, note, cal)
    return Resolution(tuple(changes.values()), facts, guessed)


EDITABLE = (
    "title", "provider", "client", "signed_date", "effective_date", "term", "expiry_date",
    "renewal_notice", "renewal_notice_deadline", "confidentiality_term", "confidentiality_expiry",
    "currency", "total_fee", "copies",
)


def apply_edit(field_name: str, value: Any, obligations: list[ObligationState],
               facts: dict[str, Any], cal: Calendar | None = None) -> Resolution:
    """A corrected fact, the derived facts recomputed, and the obligations that follow them."""
    facts = dict(facts)
    facts[field_name] = value
    obs = {o.id: o for o in obligations}
    changes: dict[int, Change] = {}
    note = f"{field_name} corrected to {value}"
    guessed = False
    if field_name in ("effective_date", "term", "signed_date", "expiry_date", "renewal_notice",
                      "confidentiality_term"):
        facts = derive_facts(facts, recompute_expiry=field_name in ("effective_date", "term"))
        if field_name in ("effective_date", "signed_date") and value:
            event = "effective" if field_name == "effective_date" else "signing"
            guessed |= _resolve(event, _d(value), obs, changes, note, cal)  # type: ignore[arg-type]
        _sync_derived(facts, obs, changes, note)
        expiry = _d(facts.get("expiry_date"))
        if expiry:
            guessed |= _resolve("expiry", expiry, obs, changes, note, cal)
    elif field_name in ("renewal_notice_deadline", "confidentiality_expiry"):
        _sync_derived(facts, obs, changes, note)
    return Resolution(tuple(changes.values()), facts, guessed)


def pending_triggers(obligations: list[ObligationState], recorded: dict[str, date],
                     cal: Calendar | None = None) -> Resolution:
    """Resolve new obligations against events already recorded (used for a new version)."""
    obs = {o.id: o for o in obligations}
    changes: dict[int, Change] = {}
    guessed = False
    for event, on in recorded.items():
        if event == "termination":
            event = "expiry"
        guessed |= _resolve(event, on, obs, changes, f"{event} recorded on {on}", cal)
    return Resolution(tuple(changes.values()), {}, guessed)
