"""``tracker penalties``: the penalty statement (违约金计算表) of one contract or of all of them.

Thin: read the inputs (``tracker.store.penalty_queries``, stdlib sqlite3), compute
(``tracker.penalty``), render (``tracker.penalty_report``). ``--as-of`` defaults to today.
"""

from __future__ import annotations

import sys
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
    print_json,
    stdout_console,
    today,
    warn_skipped,
)

if TYPE_CHECKING:
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
) -> None:
    """Late-payment and late-delivery penalties (违约金计算表): one row per overdue period, totals per
    instalment, per contract and overall, and the dates the right to suspend or terminate arises."""
    if as_json and fmt is not None:
        fail("--json and --format are exclusive", 2)
    day = parse_day(as_of) or today()
    with errors():
        from tracker import penalty_report as report
        from tracker.store.penalty_queries import penalty_inputs

        skipped: list[Skipped] = []
        inputs = penalty_inputs(existing_db(), contract, skipped=skipped)
        statements = report.build(inputs, day)
    warn_skipped(skipped)
    if output is not None:
        import json

        from tracker.export import write_private

        text = (json.dumps(report.to_json(statements), ensure_ascii=False, indent=2) + "\n" if as_json or fmt is None
                else report.to_markdown(statements, day) if fmt is StatementFormat.md
                else "\ufeff" + report.to_csv(statements))
        try:
            write_private(output, text.encode())
        except OSError as exc:
            fail(f"{output}: {exc.strerror or exc}")
        typer.echo(f"wrote {output}", err=True)
    elif as_json:
        print_json(report.to_json(statements))
    elif fmt is StatementFormat.md:
        sys.stdout.write(report.to_markdown(statements, day))
    elif fmt is StatementFormat.csv:
        sys.stdout.write("\ufeff" + report.to_csv(statements))
    else:
        stdout_console().print(report.to_rich(statements, day))
