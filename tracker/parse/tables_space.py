"""Tables laid out with spaces (a Word or PDF export, a plain-text annex):

    批次   场景                 被采集人数  有效时长   金额（元）    交付日期
    第一批 客厅日常动作         120人       300小时    150,000.00   2026年4月30日前

A line with two or more gaps of two or more spaces is a row; its cells are where the header's
columns start, counted in display columns (a CJK character is two wide, as the drafter's monospace
editor aligned it), so a row whose first cells are one space apart still splits under its header.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_GAP = re.compile(r"[ \u3000]{2,}")


def is_space_row(line: str) -> bool:
    return len(_GAP.findall(line.strip())) >= 2


def gap_spans(line: str) -> list[tuple[int, int]]:
    """The cells of ``line`` split at runs of two or more spaces (offsets in ``line``)."""
    spans, pos = [], 0
    for m in _GAP.finditer(line):
        if line[pos:m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if line[pos:].strip():
        spans.append((pos, len(line.rstrip())))
    return spans


def _columns(line: str) -> list[int]:
    """The display column where each character of ``line`` starts."""
    cols, col = [], 0
    for ch in line:
        cols.append(col)
        col += 2 if unicodedata.east_asian_width(ch) in ("W", "F") or ch == "\u3000" else 1
    cols.append(col)
    return cols


def under_header(header: str, header_spans: list[tuple[int, int]], row: str) -> list[tuple[int, int]] | None:
    """``row``'s cells cut where ``header``'s cells start (display columns), or None when a cut
    would fall inside a word (the row is not aligned with that header)."""
    hcols, rcols = _columns(header), _columns(row)
    starts = [hcols[a] for a, _ in header_spans[1:]]
    cuts = [0]
    for c in starts:
        i = next((k for k, col in enumerate(rcols) if col >= c), len(row))
        if 0 < i < len(row) and not (row[i - 1].isspace() or row[i].isspace()):
            return None
        cuts.append(i)
    cuts.append(len(row))
    spans = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        seg = row[a:b]
        lead = len(seg) - len(seg.lstrip())
        spans.append((a + lead, a + len(seg.rstrip()) if seg.strip() else a + lead))
    return spans


#: a first cell that is only a clause number ("1.1", "(a)", "2."): "1.1<TAB>The Contractor shall…" is a
#: numbered paragraph, not a table row
_NUMBER_CELL = re.compile(r"\s*(?:[\dA-Za-z]{1,3}(?:\.\d{1,3})*\.?|\([\dA-Za-z]{1,4}\)|[ivx]{1,5}\.?)\s*")
_TAB_LOOK_BACK = 40  # how far up a tab table's header may be (a bounded walk: a long table stays linear)


def tab_cells(line: str) -> list[str] | None:
    """The cells of a row of a Word table as the reader wrote it (cells joined by tabs), or None for a
    line that is no such row (fewer than two filled cells, or a numbered paragraph "1.1<TAB>Text")."""
    if "\t" not in line or len(line) > 4000:
        return None  # (a Word table's row is a line of a few cells: a megabyte line is none)
    cells = [c.strip(" \u3000") for c in line.split("\t")]
    if len(cells) > 40:
        return None
    filled = sum(1 for c in cells if c)
    if filled < 2 or (filled == 2 and _NUMBER_CELL.fullmatch(cells[0])):
        return None
    return cells


def tab_row(text: str, pos: int) -> tuple[list[str], list[str]] | None:
    """(header cells, row cells) of the tab table row at ``pos`` (see ``_tab_row``), remembered per line."""
    top = text.rfind("\n", 0, pos) + 1
    return _tab_row(text, top)


@lru_cache(maxsize=4096)
def _tab_row(text: str, pos: int) -> tuple[list[str], list[str]] | None:
    """(header cells, row cells) when the line at ``pos`` is a row of a tab table (the first line of its
    block of tab rows is the header); (header cells, []) for the header itself, when a row with as many
    cells follows it; None for a line that is no row of such a table."""
    top = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    cells = tab_cells(text[top:end if end >= 0 else len(text)])
    if cells is None:
        return None
    header_at = top
    for _ in range(_TAB_LOOK_BACK):
        if header_at == 0:
            break
        prev = text.rfind("\n", 0, header_at - 1) + 1
        above = tab_cells(text[prev:header_at - 1])
        if above is None or len(above) != len(cells):
            break
        header_at = prev
    if header_at != top:
        line_end = text.find("\n", header_at)
        return tab_cells(text[header_at:line_end]) or [], cells
    if end < 0:
        return None
    nxt = text.find("\n", end + 1)
    below = tab_cells(text[end + 1:nxt if nxt >= 0 else len(text)])
    return (cells, []) if below is not None and len(below) == len(cells) else None
