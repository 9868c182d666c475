"""Entry point of the ``tracker`` command: imports every command module so it registers on ``app``."""

from __future__ import annotations

from tracker import cli_parse  # noqa: F401  (registers commands)
from tracker.cli_app import app

_OPTIONAL = ("cli_store", "cli_penalties", "cli_remind", "cli_calendar", "cli_doctor", "cli_books", "cli_balance")
for _name in _OPTIONAL:
    try:
        __import__(f"tracker.{_name}")
    except ModuleNotFoundError as _exc:  # a command module not written yet
        if _exc.name != f"tracker.{_name}":
            raise

from tracker.cli_examples import attach as _attach_examples  # noqa: E402  (after every command registered)

_attach_examples(app)


def _fast_parse(argv: list[str]) -> int | None:
    """``tracker parse FILE… [--json]`` with nothing else: run it without Typer's coercion.
    Anything else (other options, --help, no files) goes through the full CLI."""
    if len(argv) < 2 or argv[0] != "parse":
        return None
    args = argv[1:]
    json_out = "--json" in args
    files = [a for a in args if a != "--json"]
    if not files or any(a.startswith("-") for a in files):
        return None
    from tracker.cli_parse import run_parse

    return run_parse(files, json_out)


def main() -> None:
    import sys

    code = _fast_parse(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    app()


if __name__ == "__main__":
    main()
