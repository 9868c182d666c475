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
