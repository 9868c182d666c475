"""The time layer as the English obligation rules read it: a sentence → ``TimeExpr``.

``duties_en`` needs one time element per duty: an event with an ISO offset, a fixed date or an
RRULE, and whether the time words name an event with no period ("upon Acceptance": ``bare``, kept
for payments only). This module asks ``timex.read_time`` for the sentence's value and speaks it in the
obligations document's terms (``SCHEMA_EVENT``); it holds no grammar of its own.
"""

from __future__ import annotations

import re
from datetime import date

from tracker.parse.project_periods_en import BY_MONTH_END, month_end
from tracker.parse.timex import Deadline, FixedDate, Recurrence, read_time
from tracker.parse.timex_anchors import (
    DEFINED_EN,
    client_supplied_en,
    defined_anchors,
    defined_dates_en,
    evaluation_reports_en,
    field_dates_en,
    named_date_event,
    resolve,
)
from tracker.parse.timex_element import calendar_rrule, schema_event
from tracker.parse.timex_scan import weeks_as_days
from tracker.record import record, replace


@record(frozen=True)
class TimeExpr:
    start: int
    end: int
    event: str | None = None
    offset: str | None = None
    business_days: bool = False
    fixed_date: date | None = None
    recurrence: str | None = None
    series_after: bool = False  # the series starts after the effective date ("the first Friday after…")
    bare: bool = False  # an event with no period: "upon Acceptance"
    anchor_date: date | None = None  # counted from a date a field states ("after the Order Start Date")
    anniversaries: bool = False  # "on each anniversary of the Effective Date": effective + P1Y, P2Y … in the term


_DEFINED_IDS = frozenset(anchor for anchor, _ in DEFINED_EN)
#: a receipt whose object is unsaid: the invoice the sentence pays
_BARE_RECEIPT = re.compile(r"\s+(?:after|of|following|from|upon)\s+(?:its\s+|their\s+)?receipt\b(?!\s+of)", re.I)


def _deadline(v: Deadline, s: str, document: str | None) -> TimeExpr | None:
    if v.offset is None or v.offset.startswith("-") or "T" in v.offset or v.kind in ("window", "before", "lasting"):
        return None  # a window or a notice period before an event, an hour-long response: no schedulable deadline
    anchor, offset = v.anchor, v.offset
    window = " ".join(s[v.start:v.end + 40].lower().split())  # (a name wrapped across lines: "the Restatement\n    Date")
    if anchor == "event" and _BARE_RECEIPT.match(s, v.end) and "invoice" in s[:v.start].lower():
        anchor = "invoice"  # "pay each undisputed invoice within thirty (30) days after receipt"
    if anchor == "event" and document is not None:  # "after the Acknowledgement Date", defined elsewhere
        anchor = named_date_event(window, defined_dates_en(document)) or anchor
    if document is not None and anchor in _DEFINED_IDS:  # "upon expiry of the warranty period" it defines
        anchor, offset = resolve(anchor, offset, defined_anchors(document, "en"))
    event = schema_event(anchor)
    if event == "other" and document is not None:
        day = next(  # "after the Order Start Date" where a field dates it
            (d for name, d in field_dates_en(document).items() if name in window), None)
        if day is not None and offset == "P0D":  # "no later than the Subscription Start Date": that day
            return TimeExpr(v.start, v.end, fixed_date=day) if v.kind in ("within", "on", "by") else None
        if day is not None:
            return TimeExpr(v.start, v.end, offset=weeks_as_days(offset), business_days=v.business_days, anchor_date=day)
    if event == "other":
        return None
    bare = offset == "P0D" and v.kind == "on"
    return TimeExpr(v.start, v.end, event=event, offset=weeks_as_days(offset), business_days=v.business_days, bare=bare)


def find_time(s: str, document: str | None = None) -> TimeExpr | None:
    """The deadline an English sentence states, if any; with ``document`` (the whole normalised
    text), a date the contract names by its event ("the Acknowledgement Date") counts from it."""
    if document is not None and "Month" in s and (m := BY_MONTH_END.search(s)) is not None \
            and (day := month_end(document, int(m.group("n")))) is not None:
        return TimeExpr(m.start(), m.end(), fixed_date=day)  # "By the end of Month 6", the contract's Months
    v = read_time(s, "en")
    unanchored = document is not None and (v is None or (isinstance(v, Deadline) and schema_event(v.anchor) == "other"))
    if unanchored and ("receipt of the " in s or "receiving the " in s) and (
            named := next((m.group(0) for n in client_supplied_en(document) if n in s
                           for m in _RECEIPT_OF.finditer(s) if m.group("n").startswith(n)), None)):
        # "15 Business Days after receipt of the (complete) Customer Materials": what the client supplies is its data
        return _read_as(s, named, "receipt of the data")
    if unanchored and " Report" in s and (report := next((r for r in evaluation_reports_en(document) if f"the {r}" in s), None)):
        # "after Licensee's receipt of the Quality Assessment Report", a report the contract says states the metrics
        return _read_as(s, f"the {report}", "the evaluation report")
    if isinstance(v, Recurrence):
        rule = calendar_rrule(v)
        if rule is None and v.rrule == "FREQ=YEARLY" and v.anchor == "effective" and v.offset == "P1Y":
            return TimeExpr(v.start, v.end, event="effective", offset="P1Y", anniversaries=True)
        if rule is None:  # "invoiced monthly in arrears and payable within 30 days after receipt of the invoice"
            rest = find_time(s[v.end:], document) if v.end < len(s) else None
            if rest is None or rest.recurrence is not None:
                return None
            return replace(rest, start=rest.start + v.end, end=rest.end + v.end)
        return TimeExpr(v.start, v.end, recurrence=rule, series_after=v.series_after)
    if isinstance(v, FixedDate) and v.kind == "range_end" and v.end < len(s) \
            and (rest := find_time(s[v.end:], document)) is not None and rest.fixed_date is not None:
        # "Quarter 4 (Dec 1, 2026 - Feb 28, 2027): RMB 90,000, due on or before December 1, 2026": the period
        # a sum covers is no deadline; the date it is due by is
        return replace(rest, start=rest.start + v.end, end=rest.end + v.end)
    if isinstance(v, FixedDate):
        return TimeExpr(v.start, v.end, fixed_date=v.value) if v.kind == "by" else None
    if isinstance(v, Deadline):
        return _deadline(v, s, document)
    if document is not None and (by := _BY_NAMED_DATE.search(s)) is not None:
        # "by the Seed Data Date", where a field or a key-dates table gives that date
        day = field_dates_en(document).get(" ".join(by.group("n").lower().split()))
        if day is not None:
            return TimeExpr(by.start(), by.end(), fixed_date=day)
    return None


#: "receipt of the Customer Materials", "receipt of the complete Historical Sales Extract"
_RECEIPT_OF = re.compile(r"(?:receipt\s+of|receiving)\s+the\s+(?:(?:complete|full|entire|final|whole)\s+)?(?P<n>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})")


def _read_as(s: str, words: str, plain: str) -> TimeExpr | None:
    """``find_time`` of ``s`` with ``words`` read as ``plain`` ("receipt of the data"), its span in ``s``'s
    own positions (a position inside the words becomes their end)."""
    at = s.index(words)
    t = find_time(s.replace(words, plain, 1))
    if t is None:
        return None

    def back(p: int) -> int:
        return p if p <= at else at + len(words) if p < at + len(plain) else p + len(words) - len(plain)
    return replace(t, start=back(t.start), end=back(t.end))


_BY_NAMED_DATE = re.compile(r"\b(?:by|on\s+or\s+before|no\s+later\s+than|not\s+later\s+than)\s+the\s+"
                            r"(?P<n>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}\s+Date)\b")




def bare_period(s: str) -> tuple[str, bool] | None:
    """The period of "within seven (7) Business Days of delivery of M2" when the layer knows no event
    for what it counts from: (ISO offset, business days). A caller that knows what "M2" is supplies
    the event."""
    # a deadline cell may state the period alone: "10 Business Days after delivery of D3" reads as "within"
    v = read_time(s, "en") or read_time("within " + s, "en")
    if isinstance(v, Deadline) and v.offset and v.kind in ("within", "on") and schema_event(v.anchor) == "other" \
            and not v.offset.startswith("-") and "T" not in v.offset and v.offset != "P0D":
        return weeks_as_days(v.offset), v.business_days
    return None


__all__ = ["TimeExpr", "bare_period", "find_time"]
