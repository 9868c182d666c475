"""Fee and duty tables of English contracts, read row by row for ``duties_en.detect``: a Markdown
table or one laid out with spaces; each row an instalment (its amount column, its timing column
read with the lead-in's or the contract's payment terms) or, in a table of duties, a dated duty;
the total row is the contract's total fee (``table_total``)."""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.parse import tables_space
from tracker.parse.common import BaseCtx, RawObligation, Unit
from tracker.parse.duties_en import (
    _AMOUNT_HEADER,
    _HAND_OVER,
    _INVOICED,
    _TABLE_SEP,
    _TOTAL_ROW,
    TITLES,
    Terms,
)
from tracker.parse.duty_tables_en import ROW_ID, cell_time, columns, row_duty, row_kind
from tracker.parse.money_text import FIG, currency_named, find_money
from tracker.parse.numerals import number
from tracker.parse.series_en import series_from
from tracker.parse.timex_duty_en import TimeExpr, find_time
from tracker.parse.wraps import table_continues


def _cells(s: str) -> list[str]:
    return [c.strip() for c in s.strip().strip("|").split("|")]


def _table_row(ctx: BaseCtx, u: Unit, s: str, tables: dict[str, list[str]],
               lead: tuple[str | None, TimeExpr | None, Terms | None] | None, terms: Terms | None,
               row_ids: dict[str, str]) -> list[RawObligation]:
    """One row of a Markdown fee table → its instalment and duty (none for the header, rules, totals)."""
    if _TABLE_SEP.match(s):
        return []
    line_start = ctx.text.rfind("\n", 0, u.start) + 1
    prev_start = ctx.text.rfind("\n", 0, max(line_start - 1, 0)) + 1
    prev = ctx.text[prev_start:max(line_start - 1, prev_start)]
    if "|" not in prev and not _TABLE_SEP.match(prev):
        tables["header"] = _cells(s)  # the first row of a table is its header
        row_ids.clear()
        return []
    header = tables.get("header") or _header_above(ctx.text, line_start)  # (a header row no rule read: a cover table)
    return _row_obligation(ctx, u, s, header, _cells(s), lead, terms, row_ids, ruled=True)


def _header_above(text: str, line_start: int) -> list[str]:
    """The cells of the first line of the pipe table the line at ``line_start`` belongs to (a bounded walk)."""
    top = first = line_start
    for _ in range(_SPACE_LOOK_BACK):  # (a grid's border lines, "+----+----+", are the table's too)
        if top == 0:
            break
        prev = text.rfind("\n", 0, top - 1) + 1
        line = text[prev:top - 1]
        if "|" not in line and not _TABLE_SEP.match(line):
            break
        top = prev
        if "|" in line and not _TABLE_SEP.match(line):
            first = prev  # the topmost row that is no border: the header
    top = first
    line_end = text.find("\n", top)
    return _cells(text[top:line_end if line_end >= 0 else len(text)])


#: a key-dates row that dates the contract itself, not a duty
_FACT_DATE_ROW = re.compile(r"(?:Signing|Signature|Execution|Effective|Commencement|Start|Expiry|Expiration|End|Termination)\s+Date\s*$", re.I)


def bare_pipe_row(text: str, pos: int) -> bool:
    """The line at ``pos`` is a row of a table written without its outer pipes ("M1 | Requirements |
    within …"): its block of lines holding "|" has a rule line ("---+---" or "---|---") near its top, or
    the line is the header right above that rule."""
    top = text.rfind("\n", 0, pos) + 1
    below = text.find("\n", pos)
    if below >= 0 and _TABLE_SEP.match(text, below + 1, (text.find("\n", below + 1) + 1 or len(text) + 1) - 1):
        return True  # the header, above its rule line
    for _ in range(_SPACE_LOOK_BACK):
        line_end = text.find("\n", top)
        if _TABLE_SEP.match(text, top, line_end if line_end >= 0 else len(text)):
            return True
        if top == 0:
            return False
        prev = text.rfind("\n", 0, top - 1) + 1
        if "|" not in text[prev:top - 1] and not _TABLE_SEP.match(text, prev, top - 1):
            return _pipe_block(text, pos)
        top = prev
    return False


def _pipe_block(text: str, pos: int) -> bool:
    """A block of three or more lines with the same number of " | " separators ("Event | Date" over
    "Signing Date | 30 April 2026", …): a table without a rule line. A bounded walk around the line."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    b = len(text) if b < 0 else b
    n = text.count(" | ", a, b)
    if n == 0:
        return False
    size, lo, hi = 1, a, b
    while size < 3 and lo > 0:  # lines above
        prev = text.rfind("\n", 0, lo - 1) + 1
        if text.count(" | ", prev, lo - 1) != n:
            break
        size, lo = size + 1, prev
    while size < 3 and hi < len(text):  # lines below
        nxt = text.find("\n", hi + 1)
        nxt = len(text) if nxt < 0 else nxt
        if text.count(" | ", hi + 1, nxt) != n:
            break
        size, hi = size + 1, nxt
    if size < 3 and b < len(text):  # a header over rows with one more cell (an unheaded id): "Milestone | Amount | Due"
        nxt = text.find("\n", b + 1)
        if text.count(" | ", b + 1, len(text) if nxt < 0 else nxt) == n + 1 and text.count(" | ", a, b) == n:
            return _pipe_block(text, b + 1) and size == 1
    return size >= 3


#: how far up a space-aligned table its header may be (a bounded walk: a long table stays linear)
_SPACE_LOOK_BACK = 40


def _space_row(ctx: BaseCtx, u: Unit) -> tuple[list[str], list[str]] | None:
    """The header's and the row's cells when ``u`` is a row of a table laid out with spaces
    ("Subscription Fee, Year 1        240,000.00   on the Order Start Date" under "Item   Amount (CNY)
    Invoiced"); None for the header itself or a line that is no such row."""
    line_start = ctx.text.rfind("\n", 0, u.start) + 1
    line_end = ctx.text.find("\n", u.start)
    line = ctx.text[line_start:line_end if line_end >= 0 else len(ctx.text)]
    if not tables_space.is_space_row(line):
        return None
    top, above = line_start, None
    for _ in range(_SPACE_LOOK_BACK):  # the first line of this block of space-aligned lines is its header
        if top <= 0:
            break
        prev = ctx.text.rfind("\n", 0, top - 1) + 1
        if prev > 0 and table_continues(ctx.text, prev - 1):
            top = prev  # a cell's wrapped line under the row above: that row is still the table's
            continue
        if not tables_space.is_space_row(ctx.text[prev:top - 1]):
            break
        top, above = prev, prev
    if above is None:
        return None
    header_line = ctx.text[top:ctx.text.find("\n", top)]
    spans = tables_space.gap_spans(header_line)
    cells = tables_space.under_header(header_line, spans, line) or tables_space.gap_spans(line)
    texts = [line[a:b] for a, b in cells]
    end = line_end
    while end >= 0 and texts and table_continues(ctx.text, end):  # "10 Working Days after" / "the Commencement Date"
        nxt_end = ctx.text.find("\n", end + 1)
        nxt = ctx.text[end + 1:nxt_end if nxt_end >= 0 else len(ctx.text)]
        indent = len(nxt) - len(nxt.lstrip(" "))
        i = max((k for k, (a, _) in enumerate(cells) if a <= indent + 1), default=len(texts) - 1)
        texts[i] = f"{texts[i]} {nxt.strip()}"
        end = nxt_end
    return [header_line[a:b] for a, b in spans], texts


def _row_obligation(ctx: BaseCtx, u: Unit, s: str, header: list[str], cells: list[str],
                    lead: tuple[str | None, TimeExpr | None, Terms | None] | None, terms: Terms | None,
                    row_ids: dict[str, str], ruled: bool = False) -> list[RawObligation]:
    """One row of a fee table (its header's and its own cells) → its instalment, its duty, or both: a
    milestone schedule with a deliverable, a target date and a fee per row ("M1 | Data Readiness Report |
    July 31, 2026 | RMB 240,000") states the deliverable's deadline and the fee it earns."""
    if not header or not cells or _total_row(cells):
        return []
    if len(cells) == len(header) + 1 and ROW_ID.fullmatch(cells[0]):
        header = ["", *header]  # "Milestone | Amount | Due" over "M1 | Project initiation | US$36,000 | …": an unheaded id
    candidates = [i for i, h in enumerate(header) if _AMOUNT_HEADER.search(h)]
    # "| Payment | Invoicing event | Amount (RMB) |": the column whose cell holds a figure, not the label column
    amount_col = next((i for i in candidates if i < len(cells) and re.search(r"\d", cells[i])
                       and not re.search(r"%\s*\)?\s*\**$", cells[i]) and (find_money(cells[i]) or _leading_figure(cells[i]))),
                      candidates[0] if candidates else None)
    if amount_col is None:  # no amounts: a table of duties (a milestone schedule)?
        duty_row = _duty_row(ctx, u, s, header, cells, row_ids)
        if duty_row is None and ruled and len(cells) == 2 and _FEE_KEY.search(cells[0]):
            return _field_fee(ctx, u, s, cells)  # a key-terms row: "Set-up Fee | SGD 18,000.00, payable within …"
        if duty_row is None and ruled and len(cells) == 2:
            return _field_duty(ctx, u, s, cells)  # "Deliverable D1 | Labelled evaluation set, due 31 July 2026"
        return [duty_row] if duty_row is not None else []
    if amount_col >= len(cells):
        return []
    duties: list[RawObligation] = []
    if _states_deliverables(header, amount_col, ctx.text):
        unpaid = [c if i != amount_col else "" for i, c in enumerate(cells)]
        got = _duty_row(ctx, u, s, header, unpaid, row_ids, earns_fee=True)
        if got is not None and got.kind != "payment":
            duties.append(got)  # the deliverable; the fee is read below, its timing not from the target date
            deadline = _deadline_col(header, ctx.text)
            cells = [c if i != deadline else "" for i, c in enumerate(cells)]
    money = find_money(cells[amount_col])
    currency = currency_named(header[amount_col])
    due_col = _deadline_col(header, ctx.text)  # "| Invoiced | Payment due |": the column that says when it is due first
    order = sorted((i for i in range(len(cells)) if i not in (0, amount_col)), key=lambda i: i != due_col)
    timing = [cells[i] for i in order]
    own = next((x for x in map(find_time, timing) if x), None) \
        or next((x for x in (find_time(c, ctx.text) for c in timing) if x and x.event), None)  # "upon expiry of the Warranty Period"
    amount: Decimal | None = None
    share = _SHARE.fullmatch(cells[amount_col])  # "Fee (% of SOW)" | "15%": a share of the total
    if money:
        amount = money[0].value
        currency = money[0].currency
    else:
        fig = _leading_figure(cells[amount_col])
        if fig:
            amount = number(fig.group(1))
        elif share is None and (own is None or own.bare or not ruled):
            return duties
        # else: a charge without a sum ("at list price less 20%") that states when it is due: a payment (in a
        # table with "|" columns: lines of justified text also look like a table laid out with spaces)
    use_terms = (lead[2] if lead else None) or terms
    if own is not None and (own.recurrence or _DUE.search(" ".join(timing))):
        use_terms = None  # "invoiced monthly in advance; due by the 15th day of each month": its own due time
    # a row invoiced by its own words, or under an "Invoicing" header when it states no deadline of
    # its own ("payable within thirty (30) days after the Effective Date" keeps that deadline)
    invoiced = any(_INVOICED.search(c) for c in timing) or (
        any(_INVOICED.search(h) for h in header) and (own is None or own.bare))
    t: TimeExpr | None
    if use_terms and (invoiced or own is None or own.bare):  # "M1 payment | SGD 96,000 | Acceptance of M1" under
        # payment terms stated for every instalment ("…invoiced on Acceptance … payable within 30 days after the invoice")
        t = TimeExpr(0, 0, event="invoice", offset=use_terms.offset, business_days=use_terms.business_days)
    else:
        t = own
    if t is None:  # no terms and no stated time: a cell that is a bare date ("30 April 2026") is due then
        t = next((x for x in map(cell_time, timing) if x), None)
    if t is None:
        return duties
    first = s.find(cells[0])
    last = s.rfind(cells[-1]) + len(cells[-1])
    raw = RawObligation("payment", "client", cells[0].strip("* ") or "Payment", u.label, u.start + first,
                        u.start + last, fixed_date=t.fixed_date, event=t.event, offset=t.offset,
                        business_days=t.business_days, recurrence=t.recurrence, amount=amount, currency=currency)
    if share is not None and amount is None:
        raw.percent = Decimal(share.group(1)) / 100
    if t.recurrence:
        raw.series_from = series_from(" ".join(timing), ctx.text)  # "…of each month, beginning January 15, 2027"
    return duties + [raw]


def _leading_figure(cell: str) -> re.Match[str] | None:
    """A bare sum filling the cell, or before its period: "84,000.00", "19,500.00 per month (22 months)"."""
    return re.match(rf"\**\s*({FIG})\s*\**(?:\s*$|\s+(?:per|a|each)\b|\s*/)", cell)


#: the key of a key-terms row that is a fee ("Set-up Fee", "Year 2 Subscription Fee", "Licence Charges")
_FEE_KEY = re.compile(r"\b(?:fees?|charges?|price|instal(?:l)?ment|payment)\b(?!\s+terms)", re.I)


def _field_fee(ctx: BaseCtx, u: Unit, s: str, cells: list[str]) -> list[RawObligation]:
    """A key-terms row whose value is a sum and when it is paid ("SGD 96,000.00, invoiced on the
    Subscription Start Date and payable within thirty (30) days of the invoice date")."""
    money = find_money(cells[1])
    t = find_time(cells[1], ctx.text) if money else None
    if t is None or t.bare or _total_row(cells):
        return []
    first, last = s.find(cells[0]), s.rfind(cells[1]) + len(cells[1])
    return [RawObligation("payment", "client", cells[0].strip("* "), u.label, u.start + first, u.start + last,
                          fixed_date=t.fixed_date, event=t.event, offset=t.offset, business_days=t.business_days,
                          recurrence=t.recurrence, anchor_date=t.anchor_date, amount=money[0].value,
                          currency=money[0].currency)]


def _field_duty(ctx: BaseCtx, u: Unit, s: str, cells: list[str]) -> list[RawObligation]:
    """A key-terms row whose value states a dated duty: what is due is the key and the value ("Status
    Reports | Monthly, by the 10th day of each month"); who owes it, the side the value names as its
    subject ("Customer shall deliver …"), else the side that owes that kind."""
    value = cells[1]
    t = find_time(value, ctx.text)
    if t is None and (due := _DUE_AT.search(value)) is not None and (day := cell_time(value[due.end():])) is not None:
        t = TimeExpr(due.start(), len(value), fixed_date=day.fixed_date)  # "Labelled evaluation set, due 31 July 2026"
    if t is None or t.bare:
        return []
    kind = row_kind(cells[0] + " " + value[:t.start])
    subject = _SUBJECT_ROLE.match(value)
    party = (subject and ctx.roles.get(subject.group(1))) or ("client" if kind == "data_delivery" else "provider")
    if kind == "other" and party == "client" and _HAND_OVER.search(value):
        kind = "data_delivery"  # what a client hands over in a training project is its data
    first, last = s.find(cells[0]), s.rfind(value) + len(value)
    raw = RawObligation(kind, party, cells[0].strip("* "), u.label, u.start + first, u.start + last,
                        fixed_date=t.fixed_date, event=t.event, offset=t.offset, business_days=t.business_days,
                        recurrence=t.recurrence, anchor_date=t.anchor_date)
    raw.series_from = series_from(value, ctx.text) if t.recurrence else None
    return [raw]


_DUE_AT = re.compile(r"\bdue\s+(?:on\s+|by\s+)?(?=\d|[A-Z])")


_SUBJECT_ROLE = re.compile(r"\s*(?:the\s+)?([A-Z][\w]*(?:\s+[A-Z][\w]*)?)\s+(?:shall|will|must)\b")


#: a row's own due time, which the contract's general payment terms do not replace
_DUE = re.compile(r"\b(?:due|payable)\s+(?:by|on|within|no\s+later\s+than|before)\b", re.I)


#: a column that names what a row delivers: a milestone schedule's, not a fee table's
_DELIVERABLE_HEADER = re.compile(r"\b(?:deliverables?|work\s+products?|outputs?)\b", re.I)
#: a milestone or phase column, over a deadline column for the work ("Target Date", not a payment's "Due")
_STEP_HEADER = re.compile(r"\b(?:milestones?|phases?|stages?)\b", re.I)
_WORK_DEADLINE = re.compile(r"\b(?:target|delivery|completion|deadline|delivered|milestone\s+date)\b", re.I)


_SHARE = re.compile(r"\**\s*(\d{1,3}(?:\.\d+)?)\s*%\s*\**")


def _states_deliverables(header: list[str], amount_col: int, document: str | None = None) -> bool:
    """A fee table whose rows also state a deliverable and its deadline ("Milestone | Deliverable | Target
    Date | Milestone Fee"); "Milestone | Amount | Due" is a payment schedule alone."""
    others = [h for i, h in enumerate(header) if i != amount_col]
    if any(_DELIVERABLE_HEADER.search(h) for h in others):
        return True
    deadline = _deadline_col(header, document)
    return (deadline is not None and bool(_WORK_DEADLINE.search(header[deadline]))
            and any(_STEP_HEADER.search(h) for h in others))


def _deadline_col(header: list[str], document: str | None = None) -> int | None:
    """The first column that states a date or deadline, if any (with ``document``: a Week or Month column
    of the project calendar it defines)."""
    cols = columns(header, document)
    return cols[0] if cols else None


def _duty_row(ctx: BaseCtx, u: Unit, s: str, header: list[str], cells: list[str],
              row_ids: dict[str, str], earns_fee: bool = False) -> RawObligation | None:
    """A row of a table of duties → its dated duty (an instalment when the row names a payment). A row
    that ``earns_fee`` is the provider's milestone unless a column names who owes it."""
    duty = row_duty(header, cells, row_ids, ctx.text)
    if duty is None:
        return None
    what0 = next((c for c in cells if c and c is not cells[-1]), cells[0]).strip("* ")
    if _FACT_DATE_ROW.match(what0):
        return None  # "Effective Date | 6 May 2026" in a key-dates table: a fact of the contract, no duty
    party = duty.party or ("client" if duty.kind in ("data_delivery", "payment") and not earns_fee else "provider")
    kind = duty.kind if duty.kind != "data_delivery" or party == "client" else "other"
    cols = columns(header, ctx.text)
    # the title: the first cell that is neither the row's id nor its deadline ("| M1 | Requirements | …")
    what = next((c for i, c in enumerate(cells) if c and (cols is None or i != cols[0]) and not ROW_ID.fullmatch(c)
                 and c is not cells[-1]), cells[0])
    last = next((c for c in reversed(cells) if c), cells[-1])
    raw = RawObligation(kind, party, what.strip("* ")[:80] or TITLES[kind], u.label, u.start + s.find(cells[0]),
                        u.start + s.rfind(last) + len(last), fixed_date=duty.time.fixed_date,
                        event=duty.time.event, offset=duty.time.offset, business_days=duty.time.business_days,
                        recurrence=duty.time.recurrence)
    if kind == "payment":  # "Payment 1 — 40% of the Fees (CNY 192,000.00)": its sum and its share
        row_text = " ".join(cells)
        if (money := find_money(row_text)):
            raw.amount, raw.currency = money[0].value, money[0].currency
        if (share := re.search(r"(\d+(?:\.\d+)?)\s*%", row_text)) is not None:
            raw.percent = Decimal(share.group(1)) / 100
    return raw


def _total_row(cells: list[str]) -> bool:
    """A table's total row: "Total" in its first cell, or in the second when the first is empty."""
    return bool(_TOTAL_ROW.match(cells[0]) or (not cells[0] and len(cells) > 1 and _TOTAL_ROW.match(cells[1])))


def table_total(ctx: BaseCtx) -> tuple[Decimal, str | None] | None:
    """The total row of a fee table ("| **Total Fees** | **540,000.00** |"), in the amount column's currency."""
    header: list[str] = []
    for u in ctx.units:
        s = ctx.unit_text(u)
        if not s.startswith("|") or _TABLE_SEP.match(s):
            continue
        line_start = ctx.text.rfind("\n", 0, u.start) + 1
        prev_start = ctx.text.rfind("\n", 0, max(line_start - 1, 0)) + 1
        cells = _cells(s)
        if not ctx.text[prev_start:max(line_start - 1, prev_start)].lstrip().startswith("|"):
            header = cells
            continue
        if not cells or not _total_row(cells):
            continue
        if len(cells) == 2 and not any(_AMOUNT_HEADER.search(h) for h in header) \
                and (money := find_money(cells[1])) and money[0].currency:
            return money[0].value, money[0].currency  # a key-terms row: "Total Contract Value | SGD 210,000.00"
        for i, h in enumerate(header):
            if i < len(cells) and _AMOUNT_HEADER.search(h):
                if (money := find_money(cells[i])) and money[0].currency:
                    return money[0].value, money[0].currency  # "**USD 315,000.00**"
                fig = re.fullmatch(rf"\**\s*(?:RMB|CNY|¥)?\s*({FIG})\s*\**", cells[i])
                if fig:
                    return number(fig.group(1)), "CNY" if re.search(r"RMB|CNY|¥|yuan", h + cells[i], re.I) else None
    return None


__all__ = ["bare_pipe_row", "table_total"]
