"""``tracker doctor``: check the database and list the contracts other commands skip."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli_app import app, db_path, errors, print_json


@app.command()
def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
    move_secrets: Annotated[bool, typer.Option("--move-secrets", help="Move webhook URLs that an older version "
                                               "stored with their token into 0600 files under "
                                               "$TRACKER_SECRETS_DIR, keeping only references.")] = False,
) -> None:
    """Check the database's integrity and list contracts whose stored data cannot be read
    (remind, penalties, upcoming and export skip them with a warning); exit 1 if anything is wrong."""
    with errors():
        from tracker.store.doctor import check

        if move_secrets:
            _move_secrets()
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
        if report["webhook_tokens_in_clear"]:
            ids = ", ".join(f"#{i}" for i in report["webhook_tokens_in_clear"])
            typer.echo(f"webhook tokens stored in the database: recipients {ids} "
                       "(tracker doctor --move-secrets moves them to 0600 files)")
        if report["outbox_unreadable"]:
            typer.echo(f"unreadable reminders in the outbox: {report['outbox_unreadable']}")
    if not report["ok"]:
        raise typer.Exit(1)


def _move_secrets() -> None:
    import os

    from tracker import secret_refs
    from tracker.config import secrets_dir
    from tracker.store import outbox
    from tracker.store.recipient_secrets import move_tokens

    where = secrets_dir(os.environ)
    if not db_path().exists():
        return
    try:
        with outbox.connect(db_path()) as conn:
            moved = move_tokens(conn, lambda url: secret_refs.keep_in_file(url, where))
    except OSError as exc:
        typer.echo(f"error: {where}: cannot keep webhook URLs there ({exc.strerror or type(exc).__name__})",
                   err=True)
        raise typer.Exit(1) from None
    typer.echo(f"moved {moved} webhook URL(s) with a token to {where}", err=True)
