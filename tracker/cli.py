"""Entry point of the ``tracker`` command: imports every command module so it registers on ``app``.

The Typer app is built on first use (``app`` is looked up lazily, ``_load``), so that the
commonest invocations need not import Typer at all (issue 12: importing Typer alone costs twice
``import sqlite3, rich``): ``tracker parse``, ``upcoming`` and ``remind`` in their simple forms
(``tracker.cli_fast``, reading argv as the app would from a spec generated from it) and
``tracker --help`` (``_fast_help``: the text Typer prints, rendered beforehand into
``tracker.cli_help_text`` by ``python -m tracker.cli_help_text``, checked equal by a test).
"""

from __future__ import annotations

from typing import Any

_OPTIONAL = ("cli_store", "cli_penalties", "cli_remind", "cli_calendar", "cli_doctor", "cli_books", "cli_balance")
_app: Any = None


def _load() -> Any:
    """The Typer app with every command registered (once)."""
    global _app
    if _app is None:
        from tracker import cli_parse  # noqa: F401  (registers commands)
        from tracker.cli_app import app

        for name in _OPTIONAL:
            try:
                __import__(f"tracker.{name}")
            except ModuleNotFoundError as exc:  # a command module not written yet
                if exc.name != f"tracker.{name}":
                    raise
        from tracker.cli_examples import attach  # after every command registered

        attach(app)
        _app = app
    return _app


# The module that registers a command: ``tracker upcoming …`` and ``tracker remind …`` need only
# theirs (tests/test_cli_fast.py checks this against the whole app); any other invocation loads all.
HOME = {"upcoming": "cli_store", "remind": "cli_remind"}


def _load_for(argv: list[str]) -> Any:
    """The app with just the command ``argv`` names registered, when ``HOME`` knows it (its usage
    errors and help are the same: they name no other command); else the whole app."""
    home = HOME.get(argv[0]) if argv else None
    if home is None or _app is not None:
        return _load()
    from tracker.cli_app import app
    from tracker.cli_examples import attach

    __import__(f"tracker.{home}")
    attach(app)
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return _load()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _fast_parse(argv: list[str]) -> int | None:
    """``tracker parse FILE… [--json]``: run without Typer (``tracker.cli_fast``); None for anything
    it does not read exactly as the Typer app does (other options, --help, no files)."""
    if argv[:1] != ["parse"]:
        return None
    from tracker import cli_fast

    return cli_fast.run(argv)


def _fast_help(argv: list[str], prog: str) -> int | None:
    """``tracker --help`` (or ``-h``): the pre-rendered text, when Click would print exactly it:
    the program is called ``tracker`` and the help is laid out at its full width of 80 columns
    (Click uses ``min(terminal columns, 80)``). Anything else goes through the full CLI."""
    import os
    import shutil

    if argv not in (["--help"], ["-h"]) or os.path.basename(prog) != "tracker" or os.environ.get("TRACKER_NO_FAST_CLI"):
        return None
    if shutil.get_terminal_size().columns < 80:
        return None
    import sys

    from tracker.cli_help_text import HELP

    sys.stdout.write(HELP)
    sys.stdout.flush()
    return 0


def main() -> None:
    """The ``tracker`` console script: the whole process, which ends when this returns or raises."""
    import sys

    from tracker import cli_fast

    try:
        code = cli_fast.run(sys.argv[1:])  # parse, upcoming, remind in their simple forms, without Typer
        if code is None:
            code = _fast_help(sys.argv[1:], sys.argv[0])
        if code is not None:
            sys.exit(code)
        _load_for(sys.argv[1:])()
    finally:
        _exiting()


def _exiting() -> None:
    """The process ends: spare it the collector's passes over everything the imports built.

    At exit CPython runs full collections over every tracked object (the functions, classes and
    caches of ~200 modules): 9 ms of ``tracker remind --dry-run``, a third of the start-up budget
    of ``python -c "import sqlite3, rich"`` (issue 12). Frozen objects (``gc.freeze``) are skipped
    by those passes; they are still torn down as before (modules cleared, objects freed by reference
    count, standard streams flushed, ``atexit`` run). What is left is cyclic garbage made before
    this point, which is not collected: its memory goes with the process, and CPython promises no
    finalizer at exit anyway (the commands close their databases and files themselves)."""
    import gc

    gc.freeze()


if __name__ == "__main__":
    main()
