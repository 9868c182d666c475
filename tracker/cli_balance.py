"""``tracker balance``: receivables per contract and in total (``tracker.balance``)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

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

BOM = "\ufeff"  # Excel opens UTF-8 CSV with Chinese text correctly only with it


class BalanceFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def balance(
    contract: Annotated[int | None, typer.Argument(metavar="[CONTRACT]", help="Contract id (default: all).",
                                                   show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="As of this date (YYYY-MM-DD; default today).",
                                              show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: contracts[] with contract_id, total_fee, "
                                          "received, outstanding, overdue, penalty, next_due; and total.")] = False,
    fmt: Annotated[BalanceFormat, typer.Option("--format", help="table, json or csv (UTF-8 with BOM for Excel).")]
    = BalanceFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.",
                                                show_default=False)] = None,
) -> None:
    """Receivables: per contract and in total the fee, invoiced, received, outstanding (the instalments
    less what was received), overdue, late-payment penalty so far and the next due date.

    Examples: tracker balance;  tracker balance 3 --as-of 2025-12-31 --json;  tracker balance --format csv -o ar.csv
    """
    day = parse_day(as_of) or today()
    with errors():
        from tracker.balance import balance as query
        from tracker.balance import to_csv

        skipped: list[Any] = []
        data = query(existing_db(), day, contract, skipped)
    warn_skipped(skipped)
    if as_json or fmt is BalanceFormat.json:
        if output is None:
            print_json(data)
            return
        import json

        _write(output, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt is BalanceFormat.csv:
        if output is None:
            typer.echo(BOM + to_csv(data), nl=False)
        else:
            _write(output, BOM + to_csv(data))
        return
    stdout_console().print(_table(data))


def _write(path: Path, text: str) -> None:
    from tracker.export import write_private  # 0600: receivables are nobody else's business

    try:
        write_private(path, text.encode("utf-8"))
    except OSError as exc:
        fail(f"{path}: {exc.strerror or exc}")
    typer.echo(f"wrote {path}", err=True)


def _table(data: dict[str, Any]) -> Any:
    from rich.table import Table

    from tracker.render import money

    t = Table(title=f"Receivables as of {data['as_of']}", title_justify="left", pad_edge=False)
    for name in ("id", "contract", "outstanding", "overdue", "penalty", "next due"):
        t.add_column(name, justify="right" if name not in ("contract", "next due") else "left",
                     no_wrap=name != "contract", ratio=1 if name == "contract" else None,
                     min_width={"contract": 6, "next due": 10}.get(name))  # amounts and dates never cut
    for r in data["contracts"]:
        cur = r["currency"]
        t.add_row(str(r["contract_id"]), r["title"] or "", money(r["outstanding"], cur), money(r["overdue"], cur),
                  money(r["penalty"], cur), r["next_due"] or "", style="red" if r["overdue"] != "0.00" else None)
    tot = data["total"]
    t.add_row("", "total", money(tot["outstanding"]), money(tot["overdue"]), money(tot["penalty"]),
              tot["next_due"] or "", style="bold")
    return t
