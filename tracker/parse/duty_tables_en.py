"""A table of duties (a milestone schedule) → one obligation per row.

"| No. | Milestone | Responsible | Deadline |": the header names a deadline column and, optionally,
who owes each row (``lexicon_en.DEADLINE_HEADER`` / ``PARTY_HEADER``); the other cells say what is
due. A row's cells name the deliverable without a verb ("Trained Model and inference API deployed"),
so its kind is read as the thing delivered. A deadline counted from another row ("within seven (7)
Business Days of delivery of M2") is counted from that row's event when the row delivers the data,
the model or the evaluation report.
"""

from __future__ import annotations

import re

from tracker.parse import project_periods_en
from tracker.parse.lexicon_en import DEADLINE_HEADER, KINDS_RX, PARTY_HEADER, REVISED_HEADER
from tracker.parse.parties_en import role_of
from tracker.parse.timex_duty_en import TimeExpr, bare_period, find_time
from tracker.record import record

_DEADLINE = re.compile(DEADLINE_HEADER, re.I)
_REVISED = re.compile(REVISED_HEADER, re.I)
_PARTY = re.compile(PARTY_HEADER, re.I)
ROW_ID = re.compile(r"[A-Z]{0,3}\s*\d{1,2}[a-z]?|[A-Z]")
#: a row's id written before its name in the same cell: "D1 – Data Readiness Assessment", "M2: Pilot"
_ID_PREFIX = re.compile(r"\s*[A-Z]{1,3}\s?\d{1,2}[a-z]?\s*[–—:.-]\s+")


def row_id_of(cell: str) -> str | None:
    """The id a row's first cell gives it: the whole cell ("M2") or its prefix ("D1 – Data …")."""
    if ROW_ID.fullmatch(cell):
        return cell
    m = _ID_PREFIX.match(cell)
    return re.sub(r"[\s–—:.-]+$", "", m.group(0).strip()) if m else None
#: the events a row's kind can be counted from
_EVENT_OF_KIND = {"data_delivery": "data_delivery", "model_delivery": "model_delivery",
                  "evaluation_report": "evaluation_report"}


@record(frozen=True)
class RowDuty:
    kind: str
    party: str | None  # None when the table names no one
    time: TimeExpr


#: a column of project weeks or months ("Week", "Month"): a deadline column where the contract defines them
_PERIOD_HEADER = re.compile(r"\W*(?:(?:target|due|delivery|planned)\s+)?(?P<u>week|month)s?\W*", re.I)


def columns(header: list[str], document: str | None = None) -> tuple[int, int | None] | None:
    """(deadline column, party column) of a duty table's header, or None when it has no deadline column."""
    dated = [i for i, h in enumerate(header) if _DEADLINE.search(h)]
    deadline = next((i for i in dated if _REVISED.search(header[i])), dated[0] if dated else None)
    if deadline is None and document is not None:
        deadline = next((i for i, h in enumerate(header) if _PERIOD_HEADER.fullmatch(h) and _period_unit(h, document)), None)
    if deadline is None:
        return None
    party = next((i for i, h in enumerate(header) if i != deadline and _PARTY.search(h)), None)
    return deadline, party


#: the column that names what a row delivers
_DELIVERABLE_COL = re.compile(r"\bdeliverables?\b", re.I)

#: a row that is an instalment: "Payment 1 — 40% of the Fees (CNY 192,000.00)", "Final instalment"
_PAYMENT_ROW = re.compile(r"\s*\**\s*(?:(?:first|second|third|final|last)\s+)?(?:payment|instal(?:l)?ment|balance)\b"
                          r"|\b\d+(?:\.\d+)?\s*%\s+of\s+the\s+(?:fees|price|contract\s+price|total)", re.I)


def row_kind(what: str) -> str:
    """The kind of the thing a row delivers: read as the object of "deliver"; a row that names an
    instalment is a payment."""
    if _PAYMENT_ROW.match(what) or _PAYMENT_ROW.search(what):
        return "payment"
    for kind, rx in KINDS_RX:
        if kind != "payment" and rx.search("deliver " + what):
            return kind
    return "other"


#: an item's id before its name: "- M1 Data Handover: …", "D3 – Evaluation Report: …"
ITEM_ID = re.compile(r"[\s*•-]*(?P<id>[A-Z]{1,2}\d{1,2})\b")


_ID_WORD = re.compile(r"\b(?:[A-Z]{0,3}\d{1,2}[a-z]?|[A-Z])\b")
_COMPLETES_ITEM = re.compile(r"\b(?:completion|delivery|acceptance|achievement|receipt)\s+of\s+(?P<id>[A-Z]{1,2}\d{1,2})\b")


def earlier_item_time(part: str, earlier: dict[str, str]) -> TimeExpr | None:
    """"within ninety (90) days after completion of M1" where an item above is M1: the period from the
    event that completes that item's kind (M1 delivers data: ``data_delivery`` + P90D)."""
    named = _COMPLETES_ITEM.search(part)
    event = _EVENT_OF_KIND.get(earlier.get(named["id"], "")) if named else None
    period = bare_period(part) if event is not None else None
    return TimeExpr(len(part), len(part), event=event, offset=period[0], business_days=period[1]) if period else None


def cell_time(cell: str, document: str | None = None) -> TimeExpr | None:
    """The time a table cell states; a cell that is a bare date ("July 31, 2026") is due by then."""
    t = find_time(cell, document)
    if t is None and (by := find_time("by " + cell)) is not None and by.fixed_date and by.end - 3 >= len(cell.rstrip()) - 1:
        t = TimeExpr(0, len(cell), fixed_date=by.fixed_date)
    return t


def _period_unit(header_cell: str, document: str) -> str | None:
    """"week" or "month" when the header cell names the project periods the contract defines."""
    m = _PERIOD_HEADER.fullmatch(header_cell)
    unit = m.group("u").lower() if m else None
    if unit == "week":
        return unit if project_periods_en.weeks(document) or project_periods_en.week_event(document) else None
    return unit if unit == "month" and project_periods_en.months(document) else None


def row_duty(header: list[str], cells: list[str], earlier: dict[str, str], document: str | None = None) -> RowDuty | None:
    """The duty a row states; ``earlier`` maps the ids of the rows above ("M2") to their kinds and
    gains this row's. With ``document``, a Week or Month column dates its rows on the contract's own
    project calendar; a row whose Deliverable cell is empty ("—") delivers nothing."""
    cols = columns(header, document)
    if cols is None or cols[0] >= len(cells):
        return None
    deadline, party_col = cols
    named = next((i for i, h in enumerate(header) if _DELIVERABLE_COL.search(h)), None)
    if named is not None and named < len(cells) and not cells[named].strip(" *—–-"):
        return None
    what = " ".join(c for i, c in enumerate(cells) if i not in (deadline, party_col) and not ROW_ID.fullmatch(c))
    row_id = row_id_of(cells[0])
    kind = row_kind(_ID_PREFIX.sub("", cells[named] if named is not None and named < len(cells) else what, count=1))
    if row_id is not None:
        earlier[row_id] = kind
    when = cells[deadline]
    unit = _period_unit(header[deadline], document) if document is not None else None
    day = project_periods_en.cell_date(document, unit, when) if document is not None and unit else None
    t = TimeExpr(0, len(when), fixed_date=day) if day is not None else cell_time(when, document)
    if day is None and unit == "week" and document is not None and (counted := project_periods_en.cell_week(document, when)):
        t = TimeExpr(0, len(when), event=counted[0], offset=counted[1])  # "Week 4", Weeks counted from the SOW Effective Date
    if t is None or t.bare:
        words = set(_ID_WORD.findall(when))  # (one fixed pattern: no pattern made of the table's own ids)
        ref = next((k for rid, k in earlier.items() if rid != row_id
                    and (rid in words if " " not in rid else re.search(rf"\b{re.escape(rid)}\b", when))), None)
        period = bare_period(when)
        event = _EVENT_OF_KIND.get(ref or "")
        if period is None or event is None:
            return None
        t = TimeExpr(0, len(when), event=event, offset=period[0], business_days=period[1])
    party = role_of(cells[party_col]) if party_col is not None and party_col < len(cells) else None
    return RowDuty(kind, party, t)


__all__ = ["ITEM_ID", "ROW_ID", "RowDuty", "cell_time", "columns", "earlier_item_time", "row_duty", "row_id_of", "row_kind"]
