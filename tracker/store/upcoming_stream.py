"""``tracker upcoming``'s rows a chunk at a time, for listings too long to hold and measure whole.

``tracker.store.read.upcoming`` reads every row, checks every contract it names for unreadable
stored data (``bad_rows.scan``) and returns the list; at 100,000 contracts that is some 300,000
rows before the first line can be printed (issue 12). Here the same queries are read through
their cursors ``chunk`` rows at a time; each chunk's contracts are checked as they first appear,
and the rows converted, so the caller can print as it goes.

One difference, which only a damaged database shows: a contract found unreadable by one of its
later rows (``bad_rows.reading``) is left out from there on and reported in ``skipped``, but its
rows already yielded stay yielded (``read.upcoming`` leaves all of them out).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from tracker.errors import NotFound
from tracker.store import bad_rows
from tracker.store.bad_rows import Skipped
from tracker.store.read import connect, upcoming_cursors, upcoming_rows


def upcoming_chunks(path: Path | str, *, as_of: date, days: int = 30, kind: str | None = None,
                    party: str | None = None, contract: int | None = None, skipped: list[Skipped] | None = None,
                    person: str | None = None, chunk: int = 1000,
                    meta: dict[str, Any] | None = None) -> Iterator[list[dict[str, Any]]]:
    """Lists of at most ``chunk`` rows, in ``read.upcoming``'s order (each list non-empty).
    ``meta`` receives ``max_id``, the largest obligation id, before the first list (the width
    of the id column)."""
    with connect(path) as conn:
        if conn is None:
            if contract is not None:
                raise NotFound(f"no contract with id {contract}")
            return
        if contract is not None and conn.execute("SELECT 1 FROM contracts WHERE id = ?",
                                                 (contract,)).fetchone() is None:
            raise NotFound(f"no contract with id {contract}")
        if meta is not None:
            meta["max_id"] = conn.execute("SELECT max(id) FROM obligations").fetchone()[0] or 0
        bad: dict[int, str] = {}
        seen: set[int] = set()
        for open_cursor in upcoming_cursors(conn, as_of=as_of, days=days, kind=kind, party=party,
                                            contract=contract, person=person):
            cur = open_cursor()
            while raw := cur.fetchmany(chunk):
                yield from _convert(conn, raw, as_of, bad, seen)
        for cid, problem in sorted(bad.items()):
            bad_rows.add(skipped, cid, problem)


def _convert(conn: sqlite3.Connection, raw: list[tuple[Any, ...]], as_of: date, bad: dict[int, str],
             seen: set[int]) -> Iterator[list[dict[str, Any]]]:
    new = {r[1] for r in raw} - seen
    if new:
        bad.update(bad_rows.scan(conn, new, tables=("contracts",)))
        seen |= new
    out = [row for row in upcoming_rows(raw, as_of, bad) if row["contract_id"] not in bad]
    if out:
        yield out
