"""The body of ``tracker upcoming``, importable without Typer.

``tracker.cli_store.upcoming`` (the Typer command) and ``tracker.cli_fast`` (argv read without
Typer, issue 12) both call ``run_upcoming`` with the command's parameters.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from tracker.cli_app import (
    current_user,
    errors,
    existing_db,
    fail,
    parse_day,
    print_json,
    stdout_console,
    today,
    warn_skipped,
)


def run_upcoming(days: int, as_of: str | None, kind: str | None, party: str | None, contract: int | None,
                 mine: bool, as_json: bool) -> None:
    """Open obligations due soon and everything overdue, soonest first; then those waiting for an event."""
    day = parse_day(as_of, "--as-of") or today()
    if kind is not None:
        from tracker.model import Kind  # only to check --kind: tracker.model costs 8 ms of imports

        if kind not in {k.value for k in Kind}:
            fail(f"--kind: {kind!r} is not one of {', '.join(k.value for k in Kind)}", 2)
    with errors():
        from tracker.store.read import known_party
        from tracker.store.read import upcoming as query

        if party and not known_party(existing_db(), party):
            fail(f"--party: {party!r} is neither provider, client, both nor part of a contracting party's name", 2)
        skipped: list[Any] = []
        who = current_user() if mine else None
        if not as_json:  # a long listing is printed as it is read (tracker.render_stream)
            from tracker.render_stream import LARGE
            from tracker.store.upcoming_stream import upcoming_chunks

            streamed: list[Any] = []
            meta: dict[str, Any] = {}
            chunks = upcoming_chunks(existing_db(), as_of=day, days=days, kind=kind, party=party,
                                     contract=contract, skipped=streamed, person=who, meta=meta)
            head, n = [], 0
            for c in chunks:
                head.append(c)
                n += len(c)
                if n > LARGE:
                    _stream_upcoming(itertools.chain(head, chunks), day, days, meta["max_id"])
                    warn_skipped(streamed)
                    return
        rows = query(existing_db(), as_of=day, days=days, kind=kind, party=party, contract=contract,
                     skipped=skipped, person=who)
    warn_skipped(skipped)
    if as_json:
        print_json(rows)
        return
    from tracker import render

    console = stdout_console()
    console.print(render.upcoming(rows, as_of=day.isoformat(), days=days, width=console.width))


def _stream_upcoming(chunks: Any, day: date, days: int, max_id: int) -> None:
    from tracker.render_stream import print_upcoming

    print_upcoming(stdout_console(), chunks, as_of=day.isoformat(), days=days, max_id=max_id)
