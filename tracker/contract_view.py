"""A contract as ``tracker show`` presents it: what the store holds, with the penalties so far.

The store returns the penalty inputs (``tracker.store.contract_record``); the penalties are
computed here, by the caller, with the pure calculator (``tracker.penalty``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tracker.penalty_inputs import PenaltyInputs


def show(path: Path | str, contract_id: int, as_of: date) -> dict[str, Any]:
    """Everything about one contract: facts, obligations with their events, payments, penalties
    so far, evaluations, warnings, versions and history."""
    from tracker.store.contract_record import record

    rec = record(path, contract_id, as_of)
    return {**rec.data, "penalties": penalties_for(rec.penalty_inputs, as_of)}


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
