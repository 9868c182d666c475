"""``tracker penalties`` over a whole portfolio, streamed: one contract at a time from the store to
the output, so 100,000 contracts need no more memory than one chunk of them.

The statements are the same as ``tracker.penalty_report`` builds (the JSON, Markdown and CSV
forms are byte for byte what ``to_json`` / ``to_markdown`` / ``to_csv`` give for the whole list);
the Rich form for many contracts is a summary, one line per contract with a penalty, its
figures equal to the detailed statement's totals (``summary_row``). Pure presentation: nothing
here reads the clock; the store is read through ``tracker.store.penalty_queries``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TextIO

from tracker.penalty import compute
from tracker.penalty_report import (
    NOTE_ROUNDING,
    ContractStatement,
    Inputs,
    _has_content,
    _m,
    _shown,
    contract_json,
)


def statements(inputs: Iterable[Inputs], as_of: date) -> Iterator[ContractStatement]:
    """``penalty_report.build``, lazily: each contract computed when the writer reaches it."""
    for c in inputs:
        yield ContractStatement(c.contract_id, c.title, c.provider, c.client, c.currency,
                                compute(c.penalties, c.instalments, c.payments, c.total_fee, as_of, c.deliveries))


def json_chunks(items: Iterable[ContractStatement]) -> Iterator[str]:
    """Exactly ``json.dumps(to_json(items), ensure_ascii=False, indent=2) + "\\n"``, one contract at
    a time."""
    first = True
    for s in items:
        yield ("[\n  " if first else ",\n  ") + indented(contract_json(s), 1)
        first = False
    yield "[]\n" if first else "\n]\n"


def indented(o: Any, level: int = 0) -> str:
    """``json.dumps(o, ensure_ascii=False, indent=2, default=str)`` nested ``level`` deep, byte for
    byte, several times faster: with ``indent`` the standard library falls back to its pure-Python
    encoder, while the strings here go through its C ``encode_basestring``. Anything unusual (a
    non-string key, NaN) is left to ``json.dumps`` itself."""
    t = type(o)
    if t is dict and o:  # the common shapes first, without a call per string or null
        pad = _PAD[level + 1] if level + 1 < len(_PAD) else "\n" + "  " * (level + 1)
        parts = []
        for k, v in o.items():
            if type(k) is not str:
                return _generic(o, level)
            tv = type(v)
            parts.append(_string(k) + ": " + (_string(v) if tv is str else "null" if v is None
                                              else indented(v, level + 1)))
        return "{" + pad + ("," + pad).join(parts) + pad[:-2] + "}"
    if t is list and o:
        pad = _PAD[level + 1] if level + 1 < len(_PAD) else "\n" + "  " * (level + 1)
        return ("[" + pad + ("," + pad).join(_string(v) if type(v) is str else indented(v, level + 1) for v in o)
                + pad[:-2] + "]")
    return _generic(o, level)


def _generic(o: Any, level: int) -> str:
    if isinstance(o, str):
        return _string(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float) and o == o and o not in (_INF, -_INF):
        return float.__repr__(o)
    if isinstance(o, dict) and all(isinstance(k, str) for k in o):
        if not o:
            return "{}"
        pad = "\n" + "  " * (level + 1)
        return ("{" + pad + ("," + pad).join(_string(k) + ": " + indented(v, level + 1) for k, v in o.items())
                + "\n" + "  " * level + "}")
    if isinstance(o, list | tuple):
        if not o:
            return "[]"
        pad = "\n" + "  " * (level + 1)
        return "[" + pad + ("," + pad).join(indented(v, level + 1) for v in o) + "\n" + "  " * level + "]"
    if isinstance(o, dict | float):
        return json.dumps(o, ensure_ascii=False, indent=2, default=str).replace("\n", "\n" + "  " * level)
    return _string(str(o))  # default=str


_INF = float("inf")
_PAD = tuple("\n" + "  " * k for k in range(12))
_string: Callable[[str], str] = json.encoder.encode_basestring  # type: ignore[attr-defined]


# ------------------------------------------------------------------------------ the summary form

@dataclass(frozen=True)
class SummaryRow:
    """One contract's line in the summary: the same totals as its detailed statement."""

    contract_id: int
    title: str
    overdue: int  # instalments and deliverables with a period or a penalty (the detailed form's rows)
    late_payment: Decimal
    late_delivery: Decimal
    suspend_from: date | None  # the earliest day a right to suspend or terminate arises
    notes: tuple[str, ...]


def summary_row(s: ContractStatement) -> SummaryRow | None:
    """The contract's summary line, or None when its detailed statement shows nothing."""
    r = s.result
    if not _has_content(r):
        return None
    accruals = r.instalments + r.deliveries
    days = [a.suspend_from for a in accruals if a.suspend_from]
    caps = [f"cap reached on {c.cap_reached_on}" for c in r.late_payment + r.late_delivery if c.cap_reached_on]
    return SummaryRow(s.contract_id, s.title or "(untitled)", sum(1 for a in accruals if _shown(a)), r.total,
                      r.delivery_total, min(days) if days else None, tuple(caps) + r.notes)


COLUMNS = (("Contract", 8), ("Overdue", 7), ("Late payment", 13), ("Late delivery", 13), ("Suspend from", 12))
GAP = "  "


def _line(cells: Iterable[str], title: str, width: int) -> str:
    from rich.cells import cell_len, set_cell_size

    head = GAP.join(cells)
    room = max(width - cell_len(head) - len(GAP), 10)
    return head + GAP + (title if cell_len(title) <= room else set_cell_size(title, room - 1) + "…")


def _note(note: str, indent: int, width: int, console: Any) -> str:
    """A note under its contract's line, indented, wrapped to the console's width."""
    from rich.cells import cell_len

    room = max(width - indent, 20)
    if cell_len(note) <= room:
        return " " * indent + note + "\n"
    from rich.text import Text

    return "".join(" " * indent + line.plain.rstrip() + "\n" for line in Text(note).wrap(console, room))


def write_summary(items: Iterable[ContractStatement], as_of: date, console: Any, out: TextIO) -> None:
    """The Rich summary: a header, one fixed-width line per contract with a penalty (streamed as
    computed; notes such as an unread clause indented under it), the overall totals, the
    convention and how to see the detail per instalment."""
    from rich.text import Text

    width = console.width
    console.print(Text(f"违约金计算表 — penalty statement as of {as_of} (summary per contract)", style="bold"))
    console.print(Text(_line((f"{name:>{w}}" if k else f"{name:<{w}}" for k, (name, w) in enumerate(COLUMNS)),
                             "Title", width), style="bold"))
    console.print(Text(_line(("─" * w for _, w in COLUMNS), "─" * 5, width)))
    pay = dlv = Decimal(0)
    shown = 0
    convention = None
    for s in items:
        convention = s.result.convention if convention is None else convention
        row = summary_row(s)
        if row is None:
            continue
        shown += 1
        pay += row.late_payment
        dlv += row.late_delivery
        cid, n, lp, ld, sf = (w for _, w in COLUMNS)
        out.write(_line((f"#{row.contract_id:<{cid - 1}}", f"{row.overdue:>{n}}", f"{_m(row.late_payment):>{lp}}",
                         f"{_m(row.late_delivery):>{ld}}", f"{str(row.suspend_from or ''):>{sf}}"),
                        row.title, width) + "\n")
        for note in row.notes:
            out.write(_note(note, cid + len(GAP), width, console))
    out.flush()
    console.print(Text(f"\n{shown:,} contract{'s' if shown != 1 else ''} with a penalty or a note. "
                       "Per instalment: tracker penalties CONTRACT, or --detail."))
    console.print(Text(f"Overall: late payment {_m(pay)} · late delivery {_m(dlv)}", style="bold"))
    console.print(Text(f"{convention or ''} {NOTE_ROUNDING}".strip(), style="dim"))
