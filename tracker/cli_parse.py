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
    from tracker import cli_run_parse  # the body, also run without Typer by tracker.cli_fast

    code = cli_run_parse.run_parse([str(f) for f in files], json_out)
    if code:
        raise typer.Exit(code)
