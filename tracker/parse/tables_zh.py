"""Rows of payment tables (Word tab-separated rows, Markdown pipes, HTML ``<td>``) with their headers.

A row inherits its column headers (期次 / 节点 / 比例 / 金额 / 付款条件 …, in any order), so the
rules can read the deadline from the cell that states it, the amount from the amount column and
the share from the ratio column, and quote the one cell (Word, HTML) or the row (Markdown) as
shared/corpus-shapes prescribes. When the header cannot be matched to the row (merged header
cells), the roles are unknown and every cell is a candidate. Pure functions over the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tracker.parse import lexicon_zh as lx
from tracker.parse.tables_space import gap_spans, is_space_row, under_header
from tracker.record import record

_HTML_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", re.I | re.S)
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")
_SKIP_LINE = re.compile(r"^\s*</?(?:table|thead|tbody|tfoot|tr)\b[^>]*>\s*$", re.I)
_HEADERS = tuple((role, re.compile(rx)) for role, rx in lx.TABLE_COLUMNS)
LOOK_BACK = 40  # lines between a data row and its header


@record(frozen=True)
class Cell:
    """One cell of a table row: its span and the role its column plays."""
    start: int
    end: int
    role: str | None = None  # title | milestone | percent | amount | condition | deadline | note


@record(frozen=True)
class Row:
    """One row of a table: its span and cells."""
    start: int
    end: int
    cells: tuple[Cell, ...]
    markup: str  # "tab" (Word), "md" (Markdown), "html"
    amount_scale: int = 1  # 10000 under a 金额（万元） header
    header: tuple[tuple[int, int], ...] = ()  # the header's cells, column by column (when the roles are known)

    def of(self, role: str) -> Cell | None:
        return next((c for c in self.cells if c.role == role and c.end > c.start), None)

    def deadline_cells(self) -> Iterator[Cell]:
        """Cells that may state the deadline: the condition column first, then every cell that is
        not a title, share or amount (a 付款节点 column often holds the deadline itself)."""
        yield from (c for c in self.cells if c.role == "condition" and c.end > c.start)  # 付款条件 before 交付时限
        yield from (c for c in self.cells if c.role == "deadline" and c.end > c.start)
        yield from (c for c in self.cells if c.role in (None, "milestone", "note") and c.end > c.start)

    def quote_span(self, cell: Cell) -> tuple[int, int]:
        """Markdown quotes the row from its first to its last cell text; Word and HTML the cell."""
        if self.markup != "md":
            return cell.start, cell.end
        filled = [c for c in self.cells if c.end > c.start]
        return filled[0].start, filled[-1].end


def split_cells(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], str] | None:
    """The cell spans of one line (trimmed, tags excluded), or None when it is not a table row."""
    line = text[start:end]
    if "<t" in line.lower() and _HTML_CELL.search(line):
        spans = [m.span(1) for m in _HTML_CELL.finditer(line)]
        markup = "html"
    elif line.count("|") >= 2 and not _MD_RULE.match(line):
        bars = [m.start() for m in re.finditer(r"\|", line)]
        edges = ([-1] if line[: bars[0]].strip() else []) + bars + ([len(line)] if line[bars[-1] + 1:].strip() else [])
        spans = [(a + 1, b) for a, b in zip(edges, edges[1:], strict=False)]
        markup = "md"
    elif line.count("\t") >= 2:
        spans, pos = [], 0
        for part in line.split("\t"):
            spans.append((pos, pos + len(part)))
            pos += len(part) + 1
        markup = "tab"
    elif is_space_row(line):
        spans, markup = gap_spans(line), "space"
    else:
        return None
    out = []
    for a, b in spans:
        seg = line[a:b]
        lead = len(seg) - len(seg.lstrip())
        out.append((start + a + lead, start + a + len(seg.rstrip()) if seg.strip() else start + a + lead))
    return out, markup


def header_roles(text: str, spans: list[tuple[int, int]]) -> list[str | None] | None:
    """Column roles when the line is a header row (two or more known headers, no figures)."""
    cells = [text[a:b] for a, b in spans]
    if any(re.search(r"\d", re.sub(r"\([^()]*\)", "", c)) for c in cells):
        return None  # (a figure in a bracket is a header's note: "批次款（80%，元）")
    roles = [_head_role(c) for c in cells]
    return roles if sum(r is not None for r in roles) >= 2 else None


def _head_role(cell: str) -> str | None:
    """The role a header cell names: a Chinese compound's head is its last word ("批次金额" is an amount, "交付日期"
    a deadline), so the role matched nearest the cell's end wins; the lexicon's order breaks ties."""
    best: tuple[int, int, str] | None = None
    for i, (role, rx) in enumerate(_HEADERS):
        ends = [m.end() for m in rx.finditer(cell)] if cell else []
        if ends and (best is None or (max(ends), -i) > best[:2]):
            best = (max(ends), -i, role)
    return best[2] if best else None


def row_at(text: str, start: int, end: int) -> Row | None:
    """The table row on the line ``text[start:end]``, with the roles of the nearest header above."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    got = split_cells(text, line_start, line_end)
    if got is None or len(got[0]) < 3:
        return None
    spans, markup = got
    roles: list[str | None] | None = None
    header: list[tuple[int, int]] = []
    pos = line_start
    for _ in range(LOOK_BACK):
        if pos <= 0:
            break
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev_start:pos - 1]
        pos = prev_start
        if _MD_RULE.match(line) or _SKIP_LINE.match(line) or not line.strip():
            continue
        cells = split_cells(text, prev_start, prev_start + len(line))
        if cells is None:
            break
        roles = header_roles(text, cells[0])
        if roles is not None:
            header = cells[0]
            break
    if roles is not None and len(roles) != len(spans) and markup == "space" and header:
        # a space-aligned row whose first cells are one space apart: cut it under the header's columns
        h0 = text.rfind("\n", 0, header[0][0]) + 1
        h_end = text.find("\n", h0)
        h_line = text[h0:h_end if h_end >= 0 else len(text)]
        cut = under_header(h_line, [(a - h0, b - h0) for a, b in header], text[line_start:line_end])
        spans = [(line_start + a, line_start + b) for a, b in cut] if cut else spans
    if roles is not None and len(roles) != len(spans):
        roles = None  # merged header cells: the columns cannot be matched
    scale = next((10000 for (a, b), role in zip(header, roles or [], strict=False)
                  if role == "amount" and "万" in text[a:b]), 1)
    return Row(line_start, line_end, tuple(Cell(a, b, roles[i] if roles else None)
                                           for i, (a, b) in enumerate(spans)), markup, scale, tuple(header) if roles else ())


_OLD_COLUMN = re.compile(dict(lx.TABLE_COLUMNS)["old"])


def has_old_column(text: str) -> bool:
    """The text has a header an amendment table's old column could carry (原约定, 变更前…)."""
    return _OLD_COLUMN.search(text) is not None


def in_old_cell(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` lies in the 原约定 column of an amendment table: wording the table replaces."""
    if "\t" not in text[start:end] and "|" not in text[start:end] and "\t" not in text[text.rfind("\n", 0, start) + 1:start]:
        return False
    row = row_at(text, start, end)
    last = end - 1  # a unit may start at the row's number: where it ends says which cell it reads
    return row is not None and any(c.role == "old" and c.start <= last < c.end for c in row.cells)


_BACK_REFERENCE = re.compile(r"\s*(确认|验收|通过|签署|签字|交付|上线)(?=(?:之日)?(?:后|起))")


def with_milestone(text: str, row: Row, cell: str) -> str | None:
    """A deadline cell that opens on the verb its row's milestone ends with ("确认后10个工作日内" under
    "部署上线且《系统测试报告》经甲方确认"), read as one phrase: the milestone, then the cell after the verb."""
    m = _BACK_REFERENCE.match(cell)
    node = row.of("milestone")
    if m is None or node is None or not text[node.start:node.end].rstrip().endswith(m.group(1)):
        return None
    return text[node.start:node.end].rstrip() + cell[m.end():]


def duty_row_kind(row: Row | None) -> str | None:
    """"other" for a row of a milestone table that pays as it delivers (交付成果, 完成时限 and 金额 or 比例
    columns) whose deliverable names no known kind ("需求规格说明书、平台原型"): a dated duty all the same.
    (A table of deadlines with no sums is read by the deadline-table rule.)"""
    if row is None or (row.of("amount") is None and row.of("percent") is None):
        return None
    return "other" if row.of("deadline") is not None and row.of("title") is not None else None


__all__ = ["duty_row_kind", "Cell", "Row", "header_roles", "in_old_cell", "row_at", "split_cells", "with_milestone"]
