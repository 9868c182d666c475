"""A duty table whose cells a PDF text layer ran together with single spaces:

    Milestone Deliverable Responsible Due Date
    M0 Historical sensor logs and route data Customer 16 Oct 2026 M1 Data audit report Vendor 6 Nov 2026
    M2 Trained forecasting Model with inference API Vendor 15 Jan 2027

The header line is column names alone (``_COLUMN``: a deadline column among them); each row below it opens
with its id (M0, D2, Milestone 3), ends with a written date, and may name the side that owes it just
before the date. Each row is read as the table's cells would be (``fee_tables_en._duty_row``). Pure."""

from __future__ import annotations

import re

from tracker.parse.common import BaseCtx, RawObligation, Unit
from tracker.parse.parties_en import role_of

#: the words of a duty table's header (a deadline column must be among them)
_COLUMN = (r"(?:No\.|#|ID|Milestones?|Deliverables?|Description|Tasks?|Activity|Outputs?|Responsible(?:\s+Party)?|"
           r"Responsibility|Owner|Party|(?:Due|Target|Delivery|Completion)\s+Date|Date|Deadline)")
_HEADER = re.compile(rf"[ \t]*{_COLUMN}(?:[ \t]+{_COLUMN}){{2,5}}[ \t]*", re.I)
_DEADLINE = re.compile(r"Date|Deadline", re.I)
_DATE = r"\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{4}-\d{2}-\d{2}"
#: a row: its id, what is due, perhaps who owes it (one capitalised word, checked as a side), its date
_ROW = re.compile(rf"(?P<id>\b[A-Z]{{1,2}}\d{{1,2}}\b|\bMilestone\s+\d{{1,2}}\b)\s+(?P<what>[^\n]{{1,200}}?)\s+"
                  rf"(?:(?P<party>[A-Z][a-z]+)\s+)?(?P<date>{_DATE})(?=\s|$)")


def flat_table_duties(ctx: BaseCtx) -> tuple[list[RawObligation], set[int]]:
    """The duties of every run-together table, and the starts of the units (lines) they were read from."""
    from tracker.parse.fee_tables_en import _duty_row

    out: list[RawObligation] = []
    used: set[int] = set()
    header: list[str] | None = None
    row_ids: dict[str, str] = {}
    for u in ctx.units:
        s = ctx.unit_text(u)
        if _HEADER.fullmatch(s) and _DEADLINE.search(s):
            header, row_ids = ["Milestone", "Deliverable", "Responsible", "Due Date"], {}
            continue
        rows = list(_ROW.finditer(s)) if header is not None else []
        if not rows or rows[0].start() > 0 or s[rows[-1].end():].strip():
            header = None  # (a line that is no row ends the table)
            continue
        for m in rows:
            party = m["party"] if m["party"] and role_of(m["party"]) else None
            what = m["what"] if party or not m["party"] else f"{m['what']} {m['party']}"
            cells = [m["id"], what, party or "", m["date"]]
            raw = _duty_row(ctx, Unit(u.label, u.start + m.start(), u.start + m.end()), m.group(0), header, cells, row_ids)  # type: ignore[arg-type]
            if raw is not None:
                out.append(raw)
        used.add(u.start)
    return out, used
