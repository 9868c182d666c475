"""Rich view of a parsed contract: facts, dated obligations, obligations waiting for an event, warnings."""

from __future__ import annotations

from datetime import date

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tracker.gaps import gaps
from tracker.model import Obligation, ParseResult
from tracker.money import fmt_cny

KIND_LABEL = {
    "data_delivery": "data delivery",
    "model_delivery": "model delivery",
    "evaluation_report": "evaluation report",
    "payment": "payment",
    "progress_report": "progress report",
    "renewal_notice": "renewal notice",
    "contract_expiry": "contract expiry",
    "confidentiality_expiry": "confidentiality ends",
    "other": "other",
}
EVENT_LABEL = {
    "effective": "effective date",
    "signing": "signing",
    "data_delivery": "data delivery",
    "model_delivery": "model delivery",
    "acceptance": "acceptance",
    "invoice": "invoice",
    "evaluation_report": "evaluation report",
    "expiry": "expiry",
}
WARNING_HELP = {
    "unfilled_blank": "blank left unfilled",
    "missing_field": "field the template expects is missing",
    "ambiguous": "clauses disagree",
    "perpetual_confidentiality": "confidentiality never ends",
    "calendar_out_of_range": "no published holiday calendar for that year",
    "unparsed_date": "date-like text that could not be read",
    "amount_mismatch": "amounts disagree",
    "unrecognised_duty": "a duty with a deadline the parser could not read",
}


def short(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _rate(value: object, per: str | None) -> str:
    if value is None:
        return "—"
    from decimal import Decimal

    pct = (Decimal(str(value)) * 100).normalize()
    return f"{format(pct, 'f')}%" + (f" per {per}" if per else "")


def _when(o: Obligation) -> str:
    if o.trigger is None:
        return "fixed date"
    t = o.trigger
    offset = t.offset.lstrip("-")
    unit = " working days" if t.business_days else ""
    sign = "before" if t.offset.startswith("-") else "after"
    return f"{offset}{unit} {sign} {EVENT_LABEL.get(t.event, t.event)}"


def facts_table(result: ParseResult) -> Table:
    c = result.contract
    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold cyan", no_wrap=True)
    t.add_column()
    rows = [
        ("Title", c.title),
        ("Provider", c.provider),
        ("Client", c.client),
        ("Signed", c.signed_date and c.signed_date.isoformat()),
        ("Effective", c.effective_date and c.effective_date.isoformat()),
        ("Term", c.term),
        ("Expires", c.expiry_date and c.expiry_date.isoformat()),
        ("Renewal notice", c.renewal_notice and f"{c.renewal_notice} before expiry → by {c.renewal_notice_deadline}"),
        ("Confidentiality", "perpetual" if any(w.code == "perpetual_confidentiality" for w in result.warnings)
         else c.confidentiality_term and f"{c.confidentiality_term} after expiry → until {c.confidentiality_expiry}"),
        ("Total fee", fmt_cny(c.total_fee, c.currency) if c.total_fee is not None else None),
        ("Copies", c.copies and str(c.copies)),
        ("Targets", ", ".join(f"{k} ≥ {_rate(v, None)}" for k, v in (c.metrics_targets or {}).items()) or None),
    ]
    if result.calendar != "CN" or result.calendar_quote:  # the working-day calendar and where it was read
        from tracker.calendars import describe

        rows.append(("Working days", f"{result.calendar}: {describe(result.calendar)}"
                     + (f" — {short(result.calendar_quote, 40)}" if result.calendar_quote else "")))
    for label, value in rows:
        t.add_row(label, value if value else Text("—", style="dim"))
    for p in c.penalties:
        if p.amount is not None:
            desc = f"fixed {fmt_cny(p.amount)}"
        else:
            desc = f"{_rate(p.rate, p.per)} of {p.basis or '—'}"
            if p.cap:
                desc += (f", cap {fmt_cny(p.cap.amount)}" if p.cap.amount is not None
                         else f", cap {_rate(p.cap.rate, None)} of {p.cap.basis}")
            if p.suspend_after_days:
                desc += f", may suspend/terminate after {p.suspend_after_days} days"
        t.add_row(f"Penalty {p.clause or ''}".strip(), f"{p.kind.replace('_', ' ')}: {desc}")
    return t


_WEEKDAY = {"MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat", "SU": "Sun"}


def describe_rrule(rule: str) -> str:
    """``FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1`` → "monthly, last working day"."""
    parts = dict(p.split("=", 1) for p in rule.upper().split(";") if "=" in p)
    freq = parts.get("FREQ", "")
    if freq == "MONTHLY" and parts.get("BYSETPOS") == "-1" and "BYDAY" in parts:
        return "monthly, last working day"
    if freq == "MONTHLY" and parts.get("BYMONTHDAY") == "-1":
        return "monthly, last day"
    if freq == "MONTHLY" and "BYMONTHDAY" in parts:
        return f"monthly on day {parts['BYMONTHDAY']}"
    if freq == "MONTHLY" and "BYDAY" in parts:
        day = parts["BYDAY"]
        nth, wd = day[:-2], day[-2:]
        return f"monthly, {'last' if nth == '-1' else nth + '.'} {_WEEKDAY.get(wd, wd)}"
    if freq == "YEARLY" and parts.get("BYMONTH") == "1,4,7,10":
        return f"quarterly on day {parts.get('BYMONTHDAY', '1')}"
    if freq == "WEEKLY":
        return "weekly on " + ",".join(_WEEKDAY.get(d, d) for d in parts.get("BYDAY", "").split(",") if d)
    return rule


def clip(text: str, cells: int) -> str:
    """One line of at most ``cells`` terminal cells (CJK characters take two)."""
    from rich.cells import cell_len

    text = " ".join(text.split())
    if cell_len(text) <= cells:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def obligations_table(obligations: list[Obligation], *, dated: bool, today: date | None = None,
                      quote_cells: int = 40) -> Table:
    t = Table(show_lines=False, header_style="bold", expand=False)
    if dated:
        t.add_column("Due", no_wrap=True, min_width=10)
    else:
        t.add_column("Waits for", min_width=14, max_width=22)
    t.add_column("What", min_width=12, max_width=30)
    t.add_column("Who", no_wrap=True, min_width=8)
    t.add_column("Amount", justify="right", no_wrap=True)
    t.add_column("Clause", no_wrap=True, min_width=6)
    t.add_column("Quote", no_wrap=True)
    for o in obligations:
        first = o.due_date.isoformat() if dated and o.due_date else _when(o)
        style = ""
        if dated and today and o.due_date:
            style = "red" if o.due_date < today else "yellow" if (o.due_date - today).days <= 7 else ""
        what = o.title if o.title else KIND_LABEL.get(o.kind, o.kind)
        if o.recurrence:
            what += f" ({describe_rrule(o.recurrence)})"
        t.add_row(Text(first, style=style), what, o.party, fmt_cny(o.amount, o.currency) if o.amount is not None else "",
                  o.clause or "", Text(clip(o.quote, quote_cells), style="dim"))
    return t


def render_parse(console: Console, result: ParseResult, today: date | None = None) -> None:
    dated = sorted((o for o in result.obligations if o.due_date), key=lambda o: o.due_date)  # type: ignore[arg-type, return-value]
    waiting = [o for o in result.obligations if not o.due_date]
    parts: list[object] = [facts_table(result)]
    quote_cells = max(16, console.width - 96)  # what the other columns leave for the quote
    if dated:
        parts += [Text("\nObligations by due date", style="bold"),
                  obligations_table(dated, dated=True, today=today, quote_cells=quote_cells)]
    if waiting:
        parts += [Text("\nWaiting for an event", style="bold"),
                  obligations_table(waiting, dated=False, quote_cells=quote_cells)]
    if not result.obligations:
        parts.append(Text("\nNo dated obligations found.", style="dim"))
    missing = gaps(result.to_json())
    if missing:
        parts.append(Text("\n" + "\n".join(f"Note: {g}." for g in missing), style="bold yellow"))
    if result.warnings:
        w = Table(header_style="bold", show_edge=False)
        w.add_column("Warning", style="bold yellow", no_wrap=True)
        w.add_column("Clause", no_wrap=True)
        w.add_column("Detail")
        for warning in result.warnings:
            detail = warning.message or WARNING_HELP.get(warning.code, "")
            w.add_row(warning.code, warning.clause or "—", f"{detail}: {short(warning.quote, 60)}")
        parts += [Text(f"\n{len(result.warnings)} warning(s)", style="bold yellow"), w]
    title = f"{result.source.file}  [dim]({result.source.language})[/dim]"
    console.print(Panel(Group(*parts), title=title, title_align="left"))  # type: ignore[arg-type]
