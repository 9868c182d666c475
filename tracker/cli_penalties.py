"""``tracker penalties``: the penalty statement (违约金计算表) of one contract or of all of them.

Thin: read the inputs (``tracker.store.penalty_queries``, stdlib sqlite3), compute
(``tracker.penalty``), render (``tracker.penalty_report``). ``--as-of`` defaults to today.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli_app import (
    app,
    errors,
    existing_db,
    fail,
    parse_day,
    stdout_console,
    today,
    warn_skipped,
)

if TYPE_CHECKING:
    from tracker.penalty_report import ContractStatement
    from tracker.store.bad_rows import Skipped


class StatementFormat(StrEnum):
    md = "md"
    csv = "csv"


@app.command()
def penalties(
    contract: Annotated[int | None, typer.Argument(metavar="[CONTRACT]", help="Contract id (default: all).",
                                                   show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Compute as of this date (YYYY-MM-DD; "
                                              "default today).", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: per contract contract_id, total, "
                                          "instalments[] with periods[] and suspend_from.")] = False,
    fmt: Annotated[StatementFormat | None, typer.Option("--format", help="md or csv: a statement to attach "
                                                        "to a demand letter (csv: UTF-8 with BOM for Excel).",
                                                        show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the statement to this file.",
                                                show_default=False)] = None,
    detail: Annotated[bool, typer.Option("--detail", help="With every contract: the table per instalment "
                                         "for each one, not the summary line per contract.")] = False,
) -> None:
    """Late-payment and late-delivery penalties (违约金计算表): one row per overdue period, totals per
    instalment, per contract and overall, and the dates the right to suspend or terminate arises.
    For every contract the table is a summary line per contract (--detail, or a CONTRACT, for the
    periods); every form is streamed, a contract at a time."""
    if as_json and fmt is not None:
        fail("--json and --format are exclusive", 2)
    day = parse_day(as_of) or today()
    skipped: list[Skipped] = []
    with errors():
        from tracker import penalty_report as report
        from tracker import penalty_stream as stream
        from tracker.store.penalty_queries import iter_inputs, penalty_inputs

        db = existing_db()
        items: Iterable[ContractStatement] = (
            report.build(penalty_inputs(db, contract, skipped=skipped), day) if contract is not None  # errors first
            else stream.statements(iter_inputs(db, skipped=skipped), day))
        chunks: Iterable[str] | None = (
            stream.json_chunks(items) if as_json or (fmt is None and output is not None)
            else report.markdown_chunks(items, day) if fmt is StatementFormat.md
            else itertools.chain(("\ufeff",), report.csv_chunks(items)) if fmt is StatementFormat.csv
            else None)
        if output is not None and chunks is not None:
            _write_file(output, chunks)
        elif chunks is not None:
            for chunk in chunks:
                sys.stdout.write(chunk)
        elif contract is None and not detail:
            stream.write_summary(items, day, stdout_console(), sys.stdout)
        else:
            from rich.console import Group

            console = stdout_console()
            for parts in report.rich_chunks(items, day):
                console.print(Group(*parts))
    warn_skipped(skipped)


def _write_file(output: Path, chunks: Iterable[str]) -> None:
    """Stream the statement into ``output``, created 0600 like every export (it quotes contracts)."""
    import os

    try:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "w", encoding="utf-8", newline="") as f:
            os.fchmod(f.fileno(), 0o600)
            for chunk in chunks:
                f.write(chunk)
    except OSError as exc:
        fail(f"{output}: {exc.strerror or exc}")
    typer.echo(f"wrote {output}", err=True)
