"""The penalty statement (违约金计算表): JSON, Markdown, CSV and a Rich table.

One row per overdue period (instalment, from, to, balance, days, rate, amount), a total per
instalment, per contract and overall, and the threshold dates (the right to suspend or
terminate). Markdown and CSV are what a finance person attaches to a demand letter, so both
restate the counting convention. Pure presentation over ``tracker.penalty`` results: nothing
here reads the clock or the database.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from tracker.money import fmt_money, fmt_rate, to_fen
from tracker.penalty import (
    Accrual,
    ClauseResult,
    ContractPenalties,
    Rate,
    compute,
)
from tracker.penalty_inputs import PenaltyInputs

PER = {"day": "day", "month": "month", "year": "year"}
BASIS = {"overdue_amount": "the overdue amount", "total_fee": "the total fee",
         "delayed_amount": "the delayed amount"}
NOTE_ROUNDING = "Period amounts are shown rounded to the fen."


Inputs = PenaltyInputs  # the one definition (tracker.penalty_inputs)


@dataclass(frozen=True)
class ContractStatement:
    contract_id: int
    title: str | None
    provider: str | None
    client: str | None
    currency: str | None
    result: ContractPenalties


def build(inputs: Iterable[Inputs], as_of: date) -> list[ContractStatement]:
    """Compute every contract's penalties as of ``as_of``."""
    return [ContractStatement(c.contract_id, c.title, c.provider, c.client, c.currency,
                              compute(c.penalties, c.instalments, c.payments, c.total_fee, as_of, c.deliveries))
            for c in inputs]


# ------------------------------------------------------------------------------ text helpers

def _m(x: Decimal) -> str:
    """Money with grouping, two places."""
    return f"{to_fen(x):,.2f}"


def _pct(x: Decimal) -> str:
    text = format((x * 100).quantize(Decimal("0.0001")).normalize(), "f")
    return f"{text} %"


def rate_text(rate: Rate) -> str:
    return f"{fmt_rate(rate.rate)}/{PER[rate.per]}"


def clause_text(c: ClauseResult) -> str:
    p = c.penalty
    name = "Late payment" if p.kind == "late_payment" else "Late delivery"
    head = f"{name}, clause {p.clause or '?'}"
    if p.rate is None or p.per not in PER:
        return f"{head}: {(c.note or 'not computed').split(': ', 1)[-1]}"
    rate = Rate(p.rate, p.per)
    parts = [f"{head}: {rate_text(rate)} of {BASIS.get(p.basis or '', p.basis or 'the overdue amount')} "
             f"(≈ {_pct(rate.annualised)} a year; {rate.day_count})"]
    if c.cap_limit is not None:
        cap = (f"capped at {_pct(p.cap.rate)} of the total fee = {_m(c.cap_limit)}" if p.cap and p.cap.rate is not None
               else f"capped at {_m(c.cap_limit)}")
        if c.cap_reached_on:
            cap += f", reached on {c.cap_reached_on}"
        parts.append(cap)
    elif p.cap and p.cap.rate is not None and p.cap.basis not in (None, "total_fee"):
        parts.append(f"each instalment capped at {_pct(p.cap.rate)} of its amount")
    else:
        parts.append("no cap")
    if p.suspend_after_days is not None:
        parts.append(f"right to suspend or terminate after more than {p.suspend_after_days} days")
    if c.note:
        parts.append(c.note)
    return "; ".join(parts)


def _label(a: Accrual) -> str:
    clause = f" ({a.obligation_clause})" if a.obligation_clause else ""
    return f"#{a.obligation_id} {a.title}{clause}, due {a.due_date}"


def _threshold(a: Accrual) -> str:
    if a.suspend_from is None:
        return ""
    return f"right to suspend/terminate from {a.suspend_from}" + (", arisen" if a.suspend_right else "")


def _what(c: ClauseResult) -> str:
    return "Instalment" if c.penalty.kind == "late_payment" else "Deliverable"


def _shown(a: Accrual) -> bool:
    return bool(a.periods) or a.penalty > 0


# ------------------------------------------------------------------------------ JSON

@lru_cache(maxsize=1024)
def _rate_json(rate: Rate) -> tuple[str | None, str, str, str | None]:
    """(rate, per, day_count, annualised) as text: the same few rates recur on every row."""
    return fmt_rate(rate.rate), rate.per, rate.day_count, fmt_rate(rate.annualised)


def _period_json(p: Any) -> dict[str, Any]:
    penalty = p.penalty
    return {"from": p.start.isoformat(), "to": p.end.isoformat(), "first_day": p.first_day.isoformat(),
            "balance": fmt_money(p.balance), "base": fmt_money(p.base), "days": p.days,
            "rate": _rate_json(p.rate)[0], "per": p.rate.per, "penalty": fmt_money(penalty),
            "penalty_exact": format(penalty.normalize(), "f"), "explain": p.explain()}


def accrual_json(a: Accrual) -> dict[str, Any]:
    rate, per, day_count, annualised = _rate_json(a.rate)
    out = {
        "obligation_id": a.obligation_id, "title": a.title, "clause": a.obligation_clause,
        "penalty_clause": a.clause, "due_date": a.due_date.isoformat(), "amount": fmt_money(a.amount),
        "balance": fmt_money(a.balance), "days": a.days, "rate": rate, "per": per,
        "basis": a.basis, "day_count": day_count, "annualised": annualised,
        "penalty": fmt_money(a.penalty), "uncapped": fmt_money(a.uncapped), "cap_cut": fmt_money(a.cap_cut),
        "periods": [_period_json(p) for p in a.periods],
        "suspend_from": a.suspend_from.isoformat() if a.suspend_from else None,
        "suspend_right": a.suspend_right,
    }
    if a.kind == "late_delivery":
        out["delivered_on"] = a.delivered_on.isoformat() if a.delivered_on else None
    return out


def _clause_json(c: ClauseResult) -> dict[str, Any]:
    p = c.penalty
    rate = Rate(p.rate, p.per) if p.rate is not None and p.per in PER else None
    return {"clause": p.clause, "kind": p.kind, "rate": fmt_rate(p.rate), "per": p.per, "basis": p.basis,
            "day_count": rate.day_count if rate else None,
            "annualised": fmt_rate(rate.annualised) if rate else None,
            "cap": p.cap.to_json() if p.cap else None, "cap_limit": fmt_money(c.cap_limit),
            "cap_reached_on": c.cap_reached_on.isoformat() if c.cap_reached_on else None,
            "suspend_after_days": p.suspend_after_days, "uncapped_total": fmt_money(c.uncapped_total),
            "total": fmt_money(c.total), "note": c.note}


def contract_json(s: ContractStatement) -> dict[str, Any]:
    r = s.result
    return {
        "contract_id": s.contract_id, "title": s.title, "client": s.client, "provider": s.provider,
        "currency": s.currency, "as_of": r.as_of.isoformat(), "total_fee": fmt_money(r.total_fee),
        "total": fmt_money(r.total),
        "instalments": [accrual_json(a) for a in r.instalments],
        "late_delivery_total": fmt_money(r.delivery_total),
        "deliveries": [accrual_json(a) for a in r.deliveries],
        "clauses": [_clause_json(c) for c in r.late_payment + r.late_delivery],
        "fixed": [{"clause": p.clause, "kind": p.kind, "amount": fmt_money(p.amount)} for p in r.fixed],
        "notes": list(r.notes),
        "convention": r.convention,
    }


def to_json(statements: Iterable[ContractStatement]) -> list[dict[str, Any]]:
    """Per contract: ``contract_id``, ``total``, ``instalments[]`` (with ``periods[]``), … (money as strings)."""
    return [contract_json(s) for s in statements]


# ------------------------------------------------------------------------------ Markdown

def _md(text: str) -> str:
    return text.replace("|", "\\|")


def _md_clause(lines: list[str], c: ClauseResult) -> None:
    lines.append(f"*{_md(clause_text(c))}*")
    lines.append("")
    shown = [a for a in c.accruals if _shown(a)]
    if not shown:
        return
    lines.append(f"| {_what(c)} | From | To | Balance | Days | Rate | Amount |")
    lines.append("|---|---|---|---:|---:|---|---:|")
    for a in shown:
        for k, p in enumerate(a.periods):
            who = _md(_label(a)) if k == 0 else ""
            lines.append(f"| {who} | {p.start} | {p.end} | {_m(p.balance)} | {p.days} | {rate_text(p.rate)} "
                         f"| {_m(p.penalty)} |")
        extra = []
        if a.cap_cut:
            extra.append(f"cap cut −{_m(a.cap_cut)}")
        if a.kind == "late_delivery":
            extra.append(f"delivered {a.delivered_on}" if a.delivered_on else "not delivered")
        if a.suspend_from:
            extra.append(_threshold(a))
        note = f" ({'; '.join(extra)})" if extra else ""
        lines.append(f"| **Total #{a.obligation_id}**{_md(note)} | | | | {a.days} | | **{_m(a.penalty)}** |")
    lines.append("")


def to_markdown(statements: list[ContractStatement], as_of: date) -> str:
    return "".join(markdown_chunks(statements, as_of))


def markdown_chunks(statements: Iterable[ContractStatement], as_of: date) -> Iterator[str]:
    """``to_markdown`` piece by piece (one contract at a time), for streaming a whole portfolio."""
    yield f"# 违约金计算表 — penalty statement as of {as_of}\n\n"
    overall_pay = overall_del = Decimal(0)
    convention = None
    for s in statements:
        r = s.result
        convention = r.convention if convention is None else convention
        if not _has_content(r):
            continue
        lines: list[str] = []
        lines.append(f"## Contract #{s.contract_id}: {_md(s.title or '(untitled)')}")
        lines.extend(f"**{_md(n)}**\n" for n in r.unread)
        lines.append("")
        lines.append(f"Client: {_md(s.client or '?')} · Provider: {_md(s.provider or '?')} · "
                     f"Total fee: {_m(r.total_fee) if r.total_fee is not None else '?'} {s.currency or ''}".rstrip())
        lines.append("")
        for c in r.late_payment + r.late_delivery:
            _md_clause(lines, c)
        if r.late_payment:
            lines.append(f"**Contract #{s.contract_id} late-payment penalty (owed by the client): {_m(r.total)}**")
            lines.append("")
        if r.late_delivery:
            lines.append(f"**Contract #{s.contract_id} late-delivery penalty (owed by the provider): "
                         f"{_m(r.delivery_total)}**")
            lines.append("")
        for p in r.fixed:
            amount = _m(p.amount) if p.amount is not None else "amount not stated"
            lines.append(f"- Fixed sum, clause {p.clause or '?'} ({p.kind}): {amount} — listed, not accrued")
        thresholds = [a for a in r.instalments + r.deliveries if a.suspend_from]
        for a in thresholds:
            lines.append(f"- Threshold: #{a.obligation_id} {_md(a.title)}: {_threshold(a)}")
        if r.fixed or thresholds:
            lines.append("")
        overall_pay += r.total
        overall_del += r.delivery_total
        yield "".join(line + "\n" for line in lines)
    yield (f"**Overall late-payment penalties: {_m(overall_pay)}** · "
           f"late-delivery penalties: {_m(overall_del)}\n\n")
    yield f"Convention: {convention or ''} {NOTE_ROUNDING}".strip() + "\n"


def _has_content(r: ContractPenalties) -> bool:
    return any(_shown(a) for a in r.instalments + r.deliveries) or bool(r.notes)


# ------------------------------------------------------------------------------ CSV

CSV_COLUMNS = ("row", "contract_id", "kind", "clause", "obligation_id", "instalment", "due_date", "from", "to",
               "balance", "days", "rate", "per", "amount", "suspend_from")


def to_csv(statements: list[ContractStatement]) -> str:
    """Rows ``period``, ``instalment_total``, ``contract_total``, ``overall_total``; money as 0.00."""
    return "".join(csv_chunks(statements))


def csv_chunks(statements: Iterable[ContractStatement]) -> Iterator[str]:
    """``to_csv`` piece by piece (one contract at a time), for streaming a whole portfolio."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    overall = {"late_payment": Decimal(0), "late_delivery": Decimal(0)}
    for s in statements:
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
        r = s.result
        for kind, accruals, total in (("late_payment", r.instalments, r.total),
                                      ("late_delivery", r.deliveries, r.delivery_total)):
            shown = [a for a in accruals if _shown(a)]
            for a in shown:
                susp = a.suspend_from.isoformat() if a.suspend_from else ""
                for p in a.periods:
                    w.writerow(("period", s.contract_id, kind, a.clause, a.obligation_id, a.title, a.due_date,
                                p.start, p.end, fmt_money(p.balance), p.days, fmt_rate(p.rate.rate), p.rate.per,
                                fmt_money(p.penalty), susp))
                w.writerow(("instalment_total", s.contract_id, kind, a.clause, a.obligation_id, a.title,
                            a.due_date, "", "", fmt_money(a.balance), a.days, fmt_rate(a.rate.rate), a.rate.per,
                            fmt_money(a.penalty), susp))
            if shown:
                w.writerow(("contract_total", s.contract_id, kind, "", "", s.title or "", "", "", "", "", "", "",
                            "", fmt_money(total), ""))
            overall[kind] += total
    for kind, total in overall.items():
        w.writerow(("overall_total", "", kind, "", "", "", "", "", "", "", "", "", "", fmt_money(total), ""))
    yield buf.getvalue()


# ------------------------------------------------------------------------------ Rich

def to_rich(statements: list[ContractStatement], as_of: date) -> Any:
    from rich.console import Group

    return Group(*(part for parts in rich_chunks(statements, as_of) for part in parts))


def rich_chunks(statements: Iterable[ContractStatement], as_of: date) -> Iterator[list[Any]]:
    """``to_rich``'s renderables, one contract at a time (the detailed form, streamed)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    yield [Text(f"违约金计算表 — penalty statement as of {as_of}", style="bold")]
    overall_pay = overall_del = Decimal(0)
    convention = None
    for s in statements:
        r = s.result
        convention = r.convention if convention is None else convention
        overall_pay += r.total
        overall_del += r.delivery_total
        if not _has_content(r):
            continue
        parts: list[Any] = []
        parts.append(Text(f"\nContract #{s.contract_id}: {s.title or '(untitled)'}", style="bold"))
        parts.extend(Text(n, style="bold yellow") for n in r.unread)
        for c in r.late_payment + r.late_delivery:
            parts.append(Text(clause_text(c), style="dim"))
            shown = [a for a in c.accruals if _shown(a)]
            if not shown:
                continue
            for a in shown:
                t = Table(title=_label(a), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                          header_style="bold", pad_edge=False)
                for col in ("From", "To", "Balance", "Days", "Rate", "Amount"):
                    t.add_column(col, justify="left" if col in ("From", "To", "Rate") else "right", no_wrap=True)
                for p in a.periods:
                    t.add_row(str(p.start), str(p.end), _m(p.balance), str(p.days), rate_text(p.rate), _m(p.penalty))
                t.add_row(Text("Total", style="bold"), "", "", str(a.days), "", Text(_m(a.penalty), style="bold"),
                          end_section=True)
                parts.append(t)
                notes = [x for x in (f"cap cut −{_m(a.cap_cut)}" if a.cap_cut else "", _threshold(a),
                                     ("delivered " + str(a.delivered_on) if a.delivered_on else "not delivered")
                                     if a.kind == "late_delivery" else "") if x]
                if notes:
                    parts.append(Text("; ".join(notes)))
        if r.late_payment:
            parts.append(Text(f"Late-payment total: {_m(r.total)}", style="bold"))
        if r.late_delivery:
            parts.append(Text(f"Late-delivery total: {_m(r.delivery_total)}", style="bold"))
        for fx in r.fixed:
            parts.append(Text(f"Fixed sum, clause {fx.clause or '?'} ({fx.kind}): "
                              f"{_m(fx.amount) if fx.amount is not None else 'not stated'} (listed, not accrued)"))
        yield parts
    yield [Text(f"\nOverall: late payment {_m(overall_pay)} · late delivery {_m(overall_del)}", style="bold"),
           Text(f"{convention or ''} {NOTE_ROUNDING}".strip(), style="dim")]
