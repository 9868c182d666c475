"""Rich renderables for the store's listings: upcoming, contracts, show, and command outcomes.

Pure presentation: each function takes the plain dicts the store's read path returns (the
same dicts ``--json`` prints) and returns a renderable; nothing here queries or computes.
Urgency colours: overdue red, due within 7 days yellow, later green; waiting for an event dim.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

SOON_DAYS = 7
STATUS_STYLE = {"pending": "", "overdue": "bold red", "fulfilled": "green", "waived": "dim",
                "superseded": "dim strike", "deleted": "dim strike"}


def money(amount: str | None, currency: str | None = "CNY") -> str:
    if amount is None:
        return ""
    symbol = {"CNY": "¥", "USD": "$", "EUR": "€", None: "¥"}.get(currency, f"{currency} ")
    return f"{symbol}{Decimal(amount):,.2f}"


def clip(text: str, width: int = 40) -> str:
    """One line of at most ``width`` characters (history cells written before they were kept short)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def urgency(days_left: int | None) -> str:
    if days_left is None:
        return "dim"
    if days_left < 0:
        return "bold red"
    if days_left <= SOON_DAYS:
        return "yellow"
    return "green"


def days_text(days_left: int | None) -> str:
    if days_left is None:
        return ""
    if days_left < 0:
        return f"{-days_left}d late"
    if days_left == 0:
        return "today"
    return f"in {days_left}d"


def _amount_cell(r: dict[str, Any]) -> str:
    if r.get("amount") is None:
        return ""
    text = money(r["amount"], r.get("currency"))
    if r.get("paid") and r.get("outstanding") is not None:
        text = f"{money(r['outstanding'], r.get('currency'))} left"
    return text


def _who(r: dict[str, Any]) -> str:
    clause = f", cl. {r['clause']}" if r.get("clause") else ""
    return f"{r['title']} ({r['party']}{clause})"


WIDE = 100  # from this many columns on, tables get their optional columns


def _contract_cell(r: dict[str, Any]) -> str:
    return f"#{r['contract_id']} {r.get('contract_title') or ''}".rstrip()


def upcoming(rows: list[dict[str, Any]], *, as_of: str, days: int, width: int | None = None) -> RenderableType:
    """Dated obligations soonest first, then one group per event they are waiting for.

    Below ``WIDE`` columns (a pipe is 80) the "when" goes under the due date and contract titles
    are cut shorter, so a row still fits; only the obligation text wraps.
    """
    wide = width is None or width >= WIDE
    dated = [r for r in rows if r["due_date"] is not None]
    waiting = [r for r in rows if r["due_date"] is None]
    parts: list[RenderableType] = []
    table = upcoming_table(f"Due by {days} days after {as_of} (and everything overdue)", wide)
    for r in dated:
        cells, style = upcoming_cells(r, wide)
        table.add_row(*cells, style=style)
    parts.append(table if dated else Text(f"Nothing due by {days} days after {as_of}.", style="green"))
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in waiting:
        groups.setdefault(r.get("waiting_for") or "an event", []).append(r)
    for event, items in groups.items():
        t = waiting_table(event, wide)
        for r in items:
            t.add_row(*waiting_cells(r))
        parts.append(t)
    return Group(*parts)


def upcoming_table(title: str | None, wide: bool, widths: dict[str, int] | None = None) -> Table:
    """``upcoming``'s table of dated rows, empty; ``widths``: every column's fixed width
    (``tracker.render_stream`` prints a long listing in chunks of equal layout)."""
    w = widths or {}
    table = Table(title=title, title_justify="left", expand=False, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True, width=w.get("id"))
    table.add_column("due", no_wrap=True, width=w.get("due"))
    if wide:
        table.add_column("when", no_wrap=True, width=w.get("when"))
    table.add_column("obligation (who)", min_width=16, ratio=1, width=w.get("obligation (who)"))
    table.add_column("amount", justify="right", no_wrap=True, width=w.get("amount"))
    table.add_column("contract", max_width=24 if wide else 14, no_wrap=True, overflow="ellipsis",
                     width=w.get("contract"))
    return table


def upcoming_cells(r: dict[str, Any], wide: bool) -> tuple[list[Any], str | None]:
    """One dated row's cells and row style."""
    style = urgency(r["days_left"])
    when = Text(days_text(r["days_left"]), style=style)
    due: Any = r["due_date"] if wide else Text.assemble(r["due_date"], "\n", when)
    cells = [str(r["obligation_id"]), due, *([when] if wide else []), _who(r), _amount_cell(r), _contract_cell(r)]
    return cells, None if style == "green" else style


def waiting_table(event: str, wide: bool, widths: dict[str, int] | None = None) -> Table:
    """``upcoming``'s table of the rows waiting for ``event``, empty."""
    w = widths or {}
    t = Table(title=f"Waiting for {event.replace('_', ' ')}", title_justify="left", style="dim", pad_edge=False)
    t.add_column("id", justify="right", no_wrap=True, width=w.get("id"))
    t.add_column("obligation (who)", min_width=16, ratio=1, width=w.get("obligation (who)"))
    t.add_column("amount", justify="right", no_wrap=True, width=w.get("amount"))
    t.add_column("contract", max_width=30 if wide else 18, no_wrap=True, overflow="ellipsis", width=w.get("contract"))
    return t


def waiting_cells(r: dict[str, Any]) -> list[str]:
    return [str(r["obligation_id"]), _who(r), _amount_cell(r), _contract_cell(r)]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def contracts(rows: list[dict[str, Any]], width: int | None = None) -> RenderableType:
    """One row per contract: title (version, warnings), the parties under it, fee, expiry, open
    obligations, next due date. Narrower than ``WIDE``: no expiry column, lines cut with "…"."""
    if not rows:
        return Text("No contracts yet. Add some with: tracker add FILE|DIR")
    wide = width is None or width >= WIDE
    t = Table(title="Contracts", title_justify="left", pad_edge=False)
    fee_width = max(len(money(r["total_fee"], r["currency"])) for r in rows)
    t.add_column("id", justify="right", no_wrap=True, min_width=len(str(rows[-1]["contract_id"])))
    t.add_column("title / parties", min_width=8, ratio=1)  # yields first: amounts and dates stay whole
    t.add_column("fee", justify="right", no_wrap=True, min_width=fee_width)
    owed = "outstanding" in rows[0]
    if owed:
        t.add_column("outstanding", justify="right", no_wrap=True,
                     min_width=max(len(money(r["outstanding"], r["currency"])) for r in rows))
    if wide:
        t.add_column("expires", no_wrap=True, min_width=10)
    t.add_column("open", justify="right", no_wrap=True, min_width=4)
    t.add_column("next due", no_wrap=True, min_width=10)
    for r in rows:
        style = "red" if r.get("overdue") else None
        name = Text(r["title"] or f"({r['file']})")
        if (r["version"] or 1) > 1:
            name.append(f" (v{r['version']})")
        if r["warnings"]:
            name.append(f" [{_plural(r['warnings'], 'warning')}]", style="yellow")
        for party in (r["provider"], r["client"]):
            if party:
                name.append("\n" + party, style="dim")
        expires = r["expiry_date"] or ""
        if r["terminated_on"]:
            expires = f"ended {r['terminated_on']}"
        t.add_row(str(r["contract_id"]), name, money(r["total_fee"], r["currency"]),
                  *([money(r["outstanding"], r["currency"])] if owed else []), *([expires] if wide else []), str(r["open_obligations"]), r["next_due"] or "", style=style)
    return t


FACT_LABELS = (
    ("provider", "Provider"), ("client", "Client"), ("signed_date", "Signed"),
    ("effective_date", "Effective"), ("term", "Term"), ("expiry_date", "Expires"),
    ("renewal_notice_deadline", "Renewal notice by"), ("confidentiality_expiry", "Confidential until"),
    ("total_fee", "Total fee"), ("copies", "Copies"),
)


def show(c: dict[str, Any]) -> RenderableType:
    """One contract: facts, obligation timeline, payments, penalties, metrics, warnings, history."""
    f = c["facts"]
    review = c.get("review") or {}
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    for key, label in FACT_LABELS:
        value = f.get(key)
        if key == "total_fee":
            value = money(value, f.get("currency"))
        text = "" if value is None else str(value)
        if value is not None and review.get(key) in ("extracted", "corrected"):
            text += " ?" if review[key] == "extracted" else " ✎"
        facts.add_row(label, text)
    if f.get("metrics_targets"):
        facts.add_row("Targets", ", ".join(f"{k} ≥ {v}" for k, v in f["metrics_targets"].items()))
    if c.get("terminated_on"):
        facts.add_row("Terminated", c["terminated_on"])
    if c.get("calendar"):
        from tracker.calendars import describe

        facts.add_row("Working days", f"{c['calendar']}: {describe(c['calendar'])}")
    facts.add_row("File", f"{c['file']} (version {len(c['versions'])}, {c['language']})")
    parts: list[RenderableType] = [Panel(facts, title=f"#{c['contract_id']} {c['title'] or ''}",
                                         title_align="left")]

    tl = Table(title="Obligations", title_justify="left", pad_edge=False)
    tl.add_column("id", justify="right", no_wrap=True)
    tl.add_column("due", min_width=10)
    tl.add_column("status", no_wrap=True)
    tl.add_column("obligation (who)", ratio=2, min_width=16)
    tl.add_column("amount", justify="right", no_wrap=True)
    tl.add_column("history", ratio=1, min_width=12)
    for o in c["obligations"]:
        due = (o.get("occurrence_due") or o["due_date"]
               or (f"after {o['trigger']['event'].replace('_', ' ')}" if o.get("trigger") else ""))
        if o.get("recurrence"):
            due += f" (recurring, {o['missed']} missed)" if o.get("missed") else " (recurring)"
        trail = clip("; ".join(f"{e['on_date']} {e['to_status']}" + (f": {e['note']}" if e.get("note") else "")
                               for e in o["events"]), 60)
        style = STATUS_STYLE.get(o["status"], "")
        if o["status"] in ("pending", "overdue"):
            style = urgency(o.get("days_left")) if o.get("days_left") is not None else ""
            style = "" if style == "green" else style
        amount = money(o["amount"], o["currency"]) + (f"\npaid {money(o['paid'], o['currency'])}"
                                                     if o.get("paid") else "")
        mark = {"extracted": "? ", "corrected": "✎ "}.get(o.get("review") or "", "")
        tl.add_row(str(o["obligation_id"]), due, o["status"], mark + _who(o), amount, trail, style=style or None)
    parts.append(tl)

    if c["events"]:
        parts.append(Text("Events: " + ", ".join(f"{e['event']} {e['on_date']}" for e in c["events"])))
    if c["payments"]:
        pt = Table(title="Payments", title_justify="left", pad_edge=False)
        for col in ("paid on", "amount", "allocated to"):
            pt.add_column(col)
        for p in c["payments"]:
            pt.add_row(p["paid_on"], money(p["amount"], c["currency"]),
                       ", ".join(f"#{a['obligation_id']} {money(a['amount'], c['currency'])}"
                                 for a in p["allocations"]))
        parts.append(pt)
    parts.append(penalties(c.get("penalties"), c["currency"]))
    if c["evaluations"]:
        et = Table(title="Evaluations", title_justify="left", pad_edge=False)
        for col in ("on", "result", "metrics", "gap"):
            et.add_column(col)
        for e in c["evaluations"]:
            et.add_row(e["on_date"], Text("met" if e["passed"] else "shortfall",
                                          style="green" if e["passed"] else "red"),
                       ", ".join(f"{k} {v}" for k, v in e["metrics"].items()),
                       ", ".join(f"{k} -{v}" for k, v in e["gaps"].items()))
        parts.append(et)
    if c["warnings"]:
        parts.append(Text("Warnings:\n" + "\n".join(
            f"  {w['code']} {w['clause'] or ''}: {w['quote']}" for w in c["warnings"]), style="yellow"))
    if c["history"]:
        ht = Table(title="History", title_justify="left", pad_edge=False, style="dim")
        for col in ("action", "when", "who", "what", "change", "note"):
            ht.add_column(col)
        for h in c["history"]:
            change = _history_change(h)
            what = h["action"] + (f" (undone by {h['undone_by']})" if h.get("undone_by") else "")
            when = h.get("when") or h["recorded_at"][:16].replace("T", " ")
            ht.add_row(str(h.get("action_id") or ""), when, h["actor"], what,
                       change.strip(), clip(h["note"] or "", 60))
        parts.append(ht)
    if c.get("unconfirmed"):
        parts.append(Text(f"Not yet confirmed by anyone (marked ?; ✎ corrected by hand): {len(c['unconfirmed'])} "
                          f"facts and obligations; check them, then: tracker confirm {c['contract_id']}",
                          style="yellow"))
    return Group(*parts)


def _history_change(h: dict[str, Any]) -> str:
    """``field: old → new``, each side one short line; a file path shows as its name."""
    def side(v: str | None) -> str:
        if v is None:
            return "—"
        if "/" in v and " " not in v:
            v = v.rstrip("/").rsplit("/", 1)[-1]
        return clip(v)

    if h["old"] is None and h["new"] is None:
        return h["field"] or ""
    change = side(h["new"]) if h["old"] is None else f"{side(h['old'])} → {side(h['new'])}"
    return f"{h['field']}: {change}" if h["field"] else change


def penalties(p: dict[str, Any] | None, currency: str | None) -> RenderableType:
    if p is None:
        return Text("Penalties: not available (tracker.penalty is not installed)", style="dim")
    if "error" in p:
        return Text(f"Penalties: cannot compute ({p['error']})", style="yellow")
    lines = [f"Penalties as of {p['as_of']}: late payment {money(p['late_payment_total'], currency)}, "
             f"late delivery {money(p['late_delivery_total'], currency)}"]
    for a in p["accruals"]:
        lines.append(f"  #{a['obligation_id']} {a['title']} (due {a['due_date']}, clause {a['clause']}): "
                     f"{a['days']} days → {money(a['penalty'], currency)}  [{a['explain']}]")
        if a.get("suspend_from"):
            lines.append(f"    right to suspend or terminate from {a['suspend_from']}")
    for n in p.get("notes") or []:
        lines.append(f"  note: {n}")
    return Text("\n".join(lines), style="bold red" if Decimal(p["late_payment_total"]) > 0 else "")


def changes(result: dict[str, Any]) -> RenderableType:
    """What a recording command changed, one line per obligation."""
    lines = []
    for ch in result.get("changes", []):
        bits = [f"#{ch['obligation_id']} {ch.get('title', '')}"]
        if "due_date" in ch:
            bits.append(f"due {ch.get('old_due_date') or '—'} → {ch['due_date']}")
        if "status" in ch:
            bits.append(f"{ch.get('old_status', '')} → {ch['status']}")
        if "allocated" in ch:
            bits.append(f"allocated {money(ch['allocated'])} (paid {money(ch['paid'])} of {money(ch['amount'])})")
        lines.append("  " + ", ".join(bits))
        if ch.get("warning"):
            lines.append(f"    warning {ch['warning']['code']}: {ch['warning']['message']}")
    for w in result.get("warnings") or []:
        lines.append(f"  warning {w['code']} #{w['obligation_id']} {w['title']} (due {w['due_date']}): {w['message']}")
    if result.get("credit") and Decimal(result["credit"]) > 0:
        lines.append(f"  {money(result['credit'])} more than owed: kept as a credit for the next instalment")
    if result.get("action_id"):
        lines.append(f"  recorded as action {result['action_id']} (tracker undo {result['action_id']} reverses it)")
    return Text("\n".join(lines) if lines else "  no obligation changed")
