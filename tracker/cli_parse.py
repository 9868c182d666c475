"""``tracker parse``: show what a contract obliges whom to do, and when."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli_app import app, errors


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
    import json
    import sys

    from tracker.parse import parse_file

    failed = 0
    for path in files:
        try:
            with errors():
                result = parse_file(path)
        except typer.Exit as exc:
            failed = failed or exc.exit_code
            continue
        if json_out:
            doc = result.to_json()
            sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=None if len(files) > 1 else 2) + "\n")
        else:
            from tracker.cli_app import stdout_console
            from tracker.render_parse import render_parse

            render_parse(stdout_console(), result)
    if failed:
        raise typer.Exit(failed)
