"""``tracker doctor``: check the database and list the contracts other commands skip."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli_app import app, db_path, errors, print_json


@app.command()
def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
) -> None:
    """Check the database's integrity and list contracts whose stored data cannot be read
    (remind, penalties, upcoming and export skip them with a warning); exit 1 if anything is wrong."""
    with errors():
        from tracker.store.doctor import check

        report = check(db_path())
    if as_json:
        print_json(report)
    else:
        typer.echo(f"database: {report['database']}" + ("" if report["exists"] else " (does not exist yet)"))
        typer.echo("integrity: " + ("ok" if not report["integrity"] else "; ".join(report["integrity"])))
        typer.echo(f"foreign key violations: {report['foreign_keys']}")
        for c in report["contracts"]:
            typer.echo(f"contract #{c['contract_id']}: {c['problem']}")
        if not report["contracts"]:
            typer.echo("unreadable contracts: none")
        if report["outbox_unreadable"]:
            typer.echo(f"unreadable reminders in the outbox: {report['outbox_unreadable']}")
    if not report["ok"]:
        raise typer.Exit(1)
