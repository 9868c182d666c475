"""``tracker upcoming``'s long listings printed as they are read (issue 12).

Rich lays out a table by measuring every cell of every row before it prints the first line: at
100,000 contracts (some 300,000 rows) that took minutes. A listing of more than ``LARGE`` rows
is therefore printed in chunks, each a table with the SAME fixed column widths, stitched into one:
the first chunk keeps its title, top edge and header, the others lose their top edge, and only
the last bottom edge is printed. The widths come from the headers and a bounded sample (the first
chunk), the id column from the largest id, a column with a maximum width (contract) at that
maximum: a later cell wider than its column is cut with "…", as the contract column always was. The cells and styles are ``tracker.render``'s; listings of up to
``LARGE`` rows are printed by ``render.upcoming`` as before, unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from tracker.render import WIDE, upcoming_cells, upcoming_table, waiting_cells, waiting_table

LARGE = 2000  # rows: above this a listing is streamed
WRAPS = "obligation (who)"  # the one column whose text wraps: it takes the width left


def _width(cell: Any) -> int:
    text = cell.plain if isinstance(cell, Text) else str(cell)
    return max(cell_len(line) for line in text.split("\n"))


class ChunkedTable:
    """One table printed a chunk of rows at a time with fixed widths (``add``, then ``close``)."""

    def __init__(self, console: Console, make: Callable[[dict[str, int] | None, bool], Table],
                 cells: Callable[[dict[str, Any]], tuple[list[Any], str | None]], max_id: int = 0) -> None:
        self.console, self.make, self.cells, self.max_id = console, make, cells, max_id
        self.widths: dict[str, int] | None = None
        self.bottom: list[list[Segment]] = []

    def _fix(self, rows: list[tuple[list[Any], str | None]]) -> dict[str, int]:
        cols = self.make(None, True).columns
        widths: dict[str, int] = {}
        for i, col in enumerate(cols):
            name = str(col.header)
            if name == WRAPS:
                continue
            w = max([cell_len(name), *(_width(cells[i]) for cells, _ in rows)])
            if name == "id":
                w = max(w, len(str(self.max_id)))
            widths[name] = col.max_width or w
        overhead = 3 * len(cols) - 1  # two edges, a rule and two spaces between columns, none at the edges
        widths[WRAPS] = max(16, self.console.width - sum(widths.values()) - overhead)
        return widths

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        made = [self.cells(r) for r in rows]
        if not made:
            return
        first = self.widths is None
        if self.widths is None:
            self.widths = self._fix(made)
        table = self.make(self.widths, first)
        table.show_header = first
        for cells, style in made:
            table.add_row(*cells, style=style)
        lines = self.console.render_lines(table, self.console.options, pad=False, new_lines=True)
        if not first:
            lines = lines[1:]  # the top edge: the previous chunk goes on
        self.bottom = lines[-1:]
        self._print(lines[:-1])

    def close(self) -> None:
        self._print(self.bottom)
        self.bottom = []

    def _print(self, lines: list[list[Segment]]) -> None:
        if lines:
            self.console.print(Segments([s for line in lines for s in line]), end="")


def print_upcoming(console: Console, chunks: Iterable[list[dict[str, Any]]], *, as_of: str, days: int,
                   max_id: int = 0, first: int = 20) -> None:
    """``render.upcoming``'s listing, streamed: the dated rows as they come (the first ``first``
    rows printed on their own, to start early), then one table per event waited for."""
    wide = console.width >= WIDE
    title = f"Due by {days} days after {as_of} (and everything overdue)"
    dated = ChunkedTable(console, lambda w, head: upcoming_table(title if head else None, wide, w),
                         lambda r: upcoming_cells(r, wide), max_id)
    waiting: dict[str, list[dict[str, Any]]] = {}
    any_dated = False
    for chunk in chunks:
        rows = [r for r in chunk if r["due_date"] is not None]
        for r in chunk:
            if r["due_date"] is None:
                waiting.setdefault(r.get("waiting_for") or "an event", []).append(r)
        if rows and not any_dated and len(rows) > first:
            dated.add(rows[:first])
            rows = rows[first:]
        any_dated = any_dated or bool(rows)
        dated.add(rows)
    if any_dated:
        dated.close()
    else:
        console.print(Text(f"Nothing due by {days} days after {as_of}.", style="green"))
    for event, rows in waiting.items():
        t = ChunkedTable(console, lambda w, head, event=event: waiting_table(event, wide, w),  # type: ignore[misc]
                         lambda r: (waiting_cells(r), None), max_id)
        for k in range(0, len(rows), 1000):
            t.add(rows[k:k + 1000])
        t.close()
        rows.clear()
