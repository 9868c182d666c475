"""``tracker parse``: show what a contract obliges whom to do, and when."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli_app import app


@app.command(
    "parse",
    epilog=(
        "Examples:\n\n"
        "  tracker parse 合同/星河-意图识别.docx\n\n"
        "  tracker parse data/*.txt --json > obligations.jsonl"
    ),
)
def parse_cmd(
    files: Annotated[list[Path], typer.Argument(help="Contract files: .txt .md .docx .pdf", show_default=False)],
    json_out: Annotated[bool, typer.Option("--json", help="Print the obligations document (one JSON object per file, one per line for several files).")] = False,
) -> None:
    """Parse filled contracts into their dated obligations (does not store them; see `tracker add`).

    Shows the contract facts, every obligation by due date with who must act, the amount, the
    clause and a verbatim quote, obligations waiting for an event, and every warning.
    Exit status 2 when a file cannot be read.
    """
    code = run_parse([str(f) for f in files], json_out)
    if code:
        raise typer.Exit(code)


def run_parse(files: list[str], json_out: bool) -> int:
    """The body of ``tracker parse``; returns the exit status. ``tracker.cli.main`` also calls it
    directly for the common ``tracker parse FILE… [--json]`` form, without building the Typer
    app's argument coercion (which imports pydantic: ~65 ms of a 250 ms budget)."""
    import json
    import sys

    from tracker.errors import InputError
    from tracker.parse import parse_file

    failed = 0
    calendars = _imported_calendars()
    for path in files:
        try:
            result = parse_file(path, calendars)
        except InputError as exc:
            sys.stderr.write(f"error: {exc}\n")
            failed = failed or exc.exit_code
            continue
        if json_out:
            doc = result.to_json()
            sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=None if len(files) > 1 else 2) + "\n")
        else:
            from tracker.cli_app import stdout_console
            from tracker.render_parse import render_parse

            render_parse(stdout_console(), result)
    return failed


def _imported_calendars():  # type: ignore[no-untyped-def]
    """The years imported into the database (``tracker calendar import``), if there is one: parse
    counts with them as ``add`` does. A missing or unreadable database means the packages alone."""
    import sqlite3

    from tracker.calendars import Calendars
    from tracker.cli_app import db_path
    from tracker.errors import TrackerError
    from tracker.store.calendar_store import load_path

    try:
        return load_path(db_path())
    except (TrackerError, sqlite3.Error, OSError):
        return Calendars()
