"""Receivables (``tracker balance``): per contract and in total, what was agreed, invoiced,
received, is still outstanding and overdue, the late-payment penalty so far, the next due date.

Computed from what the store reads (``tracker.store.balance_queries``: the same inputs as the
penalty statement, ``penalty_queries.read_inputs``, so the two cannot disagree):

- ``total_fee``: the contract's fee (facts, human edits applied);
- ``instalments``: the sum of its payment obligations (waived, superseded and deleted ones left out);
- ``invoiced``: the instalments that had fallen due, or were invoiced, by ``as_of``;
- ``received``: every payment received by ``as_of`` (a credit included);
- ``outstanding``: ``instalments`` less ``received``;
- ``overdue``: the part of it past due: each instalment due before ``as_of`` less what was
  allocated to it by then;
- ``penalty``: the late-payment total of the penalty statement as of ``as_of``;
- ``next_due``: the earliest due date on or after ``as_of`` of an instalment not fully paid.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracker.contract_view import penalties_for
from tracker.money import D, fmt_money

COLUMNS = ("contract_id", "title", "currency", "total_fee", "instalments", "invoiced", "received", "outstanding",
           "overdue", "penalty", "next_due")
MONEY = ("total_fee", "instalments", "invoiced", "received", "outstanding", "overdue", "penalty")


def balance(path: Path | str, as_of: date, contract_id: int | None = None,
            skipped: list[Any] | None = None) -> dict[str, Any]:
    """``{"as_of", "contracts": [...], "total": {...}}`` (amounts as two-place strings); a contract
    whose stored data cannot be read is left out and added to ``skipped`` (``tracker.store.bad_rows``)."""
    from tracker.store.balance_queries import balance_inputs

    found = balance_inputs(path, as_of, contract_id, skipped)
    if found is None:
        return {"as_of": as_of.isoformat(), "contracts": [], "total": _total([])}
    inputs, received, invoiced_ids = found
    rows = []
    for inp in inputs:
        paid_by: dict[int, Decimal] = {}
        for p in inp.payments:
            if p.on <= as_of and p.obligation_id is not None:
                paid_by[int(p.obligation_id)] = paid_by.get(int(p.obligation_id), Decimal(0)) + p.amount
        total = sum((i.amount for i in inp.instalments), Decimal(0))
        got = sum((D(a) for a in (received.get(inp.contract_id) or "").split()), Decimal(0))
        invoiced = sum((i.amount for i in inp.instalments
                        if (i.due_date is not None and i.due_date <= as_of) or i.obligation_id in invoiced_ids),
                       Decimal(0))
        overdue = sum((max(i.amount - paid_by.get(int(i.obligation_id), Decimal(0)), Decimal(0))
                       for i in inp.instalments if i.due_date is not None and i.due_date < as_of), Decimal(0))
        upcoming = [i.due_date for i in inp.instalments if i.due_date is not None and i.due_date >= as_of
                    and paid_by.get(int(i.obligation_id), Decimal(0)) < i.amount]
        pen = penalties_for(inp, as_of)
        rows.append({
            "contract_id": inp.contract_id, "title": inp.title, "currency": inp.currency,
            "total_fee": fmt_money(inp.total_fee), "instalments": fmt_money(total), "invoiced": fmt_money(invoiced),
            "received": fmt_money(got), "outstanding": fmt_money(total - got), "overdue": fmt_money(overdue),
            "penalty": pen.get("late_payment_total"),
            "next_due": min(upcoming).isoformat() if upcoming else None,
            **({"penalty_error": pen["error"]} if "error" in pen else {}),
        })
    return {"as_of": as_of.isoformat(), "contracts": rows, "total": _total(rows)}


def _total(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k in MONEY:
        out[k] = fmt_money(sum((D(r[k]) for r in rows if r.get(k) is not None), Decimal(0)))
    dues = [r["next_due"] for r in rows if r["next_due"]]
    out["next_due"] = min(dues) if dues else None
    out["contracts"] = len(rows)
    currencies = sorted({r.get("currency") or "CNY" for r in rows})
    out["currency"] = currencies[0] if len(currencies) == 1 else None
    if len(currencies) > 1:  # never add yuan to dollars without saying so
        out["by_currency"] = {c: _total([r for r in rows if (r.get("currency") or "CNY") == c]) for c in currencies}
    return out


def to_csv(data: dict[str, Any]) -> str:
    """One row per contract and a total row; the caller adds the BOM for Excel."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for r in data["contracts"]:
        w.writerow(["" if r.get(k) is None else r[k] for k in COLUMNS])
    t = data["total"]
    for cur, sub in (t.get("by_currency") or {t.get("currency") or "": t}).items():
        w.writerow(["total", "", cur, *("" if sub.get(k) is None else sub[k] for k in COLUMNS[3:])])
    return buf.getvalue()
