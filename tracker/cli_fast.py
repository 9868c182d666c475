"""``tracker parse``, ``upcoming`` and ``remind`` run without importing Typer (issue 12).

Importing Typer and building the app costs more than twice ``import sqlite3, rich``, the
start-up budget of a command. ``read`` reads argv the way the Typer app does, for the simple
forms only: global options ``--db/--tz/--user``, then one of ``FAST``'s commands with its long
options (``--opt value``, ``--opt=value``, flags) and arguments, each value converted as Typer
converts it. Anything else — help, ``--version``, an unknown or repeated-in-doubt option, a value
that does not convert, a bound crossed, ``--`` — returns None and goes through the Typer app,
which prints its own message.

What ``read`` knows comes from ``tracker.cli_fast_spec.SPEC``, generated from the Typer app's own
parameters (``python -m tracker.cli_fast_spec``); tests/test_cli_fast_dispatch.py checks that it
still equals the app and that both read every argv the same way.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from tracker.cli_fast_spec import SPEC

_INT = re.compile(r"-?[0-9]+")


def _parse(values: dict[str, Any]) -> int | None:
    from tracker import cli_run_parse

    return cli_run_parse.run_parse([str(f) for f in values["files"]], values["json_out"])


def _upcoming(values: dict[str, Any]) -> int | None:
    from tracker import cli_run_upcoming

    cli_run_upcoming.run_upcoming(**values)
    return None


def _remind(values: dict[str, Any]) -> int | None:
    from tracker import cli_run_remind

    cli_run_remind.run_remind(**values)
    return None


# The commands run here and their bodies (the Typer commands call the same functions).
FAST = {"parse": _parse, "upcoming": _upcoming, "remind": _remind}


def _value(kind: tuple[Any, ...], text: str) -> Any:
    """``text`` converted as Typer converts it for this parameter; raises ValueError when Typer
    would refuse it or might read it otherwise."""
    if kind[0] == "str":
        return text
    if kind[0] == "int":
        low, high = kind[1], kind[2]
        if not _INT.fullmatch(text):
            raise ValueError(text)
        number = int(text)
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValueError(text)
        return number
    if kind[0] == "path":  # Typer: Path(text); a path that exists must be readable
        if not text or (os.path.lexists(text) and not os.access(text, os.R_OK)):
            raise ValueError(text)
        return Path(text)
    raise ValueError(kind)


def _options(spec: dict[str, Any], args: list[str], values: dict[str, Any], interspersed: bool) -> list[str] | None:
    """Read ``args`` against one command's (or the group's) options into ``values``; returns the
    positional arguments (for the group: the command and what follows it), or None."""
    positional: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-") or arg == "-":
            if arg == "-" or not interspersed:
                return None if arg == "-" else [*positional, arg, *args[i:]]
            positional.append(arg)
            continue
        name, eq, given = arg.partition("=")
        option = spec["options"].get(name)
        if option is None:  # --help, -h, --version, --, a short option, a typo: Typer's
            return None
        dest, kind = option[0], option[1:]
        if kind[0] == "flag":
            if eq:
                return None
            values[dest] = True
            continue
        if not eq:
            if i >= len(args):
                return None
            given = args[i]
            i += 1
        if given.startswith("-"):  # click might take it as the value or complain: let it
            return None
        try:
            values[dest] = _value(kind, given)
        except ValueError:
            return None
    return positional


def read(argv: list[str]) -> tuple[dict[str, Any], str, dict[str, Any]] | None:
    """(global options, command, its parameters) as the Typer app reads ``argv``, or None when
    ``argv`` is anything but the simple forms this module runs (see the module doc)."""
    group = SPEC[""]
    top = dict(group["defaults"])
    rest = _options(group, argv, top, interspersed=False)
    if not rest or rest[0] not in FAST or rest[0] not in SPEC:
        return None
    command = rest[0]
    spec = SPEC[command]
    values = dict(spec["defaults"])
    positional = _options(spec, rest[1:], values, interspersed=True)
    if positional is None:
        return None
    for dest, kind in spec["arguments"]:  # only variadic required path arguments are declared
        if not positional or kind[0] != "paths":
            return None
        try:
            values[dest] = [_value(("path",), p) for p in positional]
        except ValueError:
            return None
        positional = []
    if positional:
        return None
    return top, command, values


def run(argv: list[str]) -> int | None:
    """Run ``argv`` here when ``read`` understands it: its exit status; else None (use Typer)."""
    if os.environ.get("TRACKER_NO_FAST_CLI") or any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None  # disabled, or a shell asking Typer for completions (_TRACKER_COMPLETE=…)
    got = read(argv)
    if got is None:
        return None
    top, command, values = got
    from tracker.cli_app import apply_global, settings

    apply_global(**top)
    try:
        code = FAST[command](values)
    except OSError as exc:  # click's standalone mode: a closed pipe (| head) ends quietly with 1
        import errno

        if exc.errno != errno.EPIPE:
            _as_typer(exc)
            raise
        _quiet_pipes()
        return 1
    except KeyboardInterrupt:  # as typer.core._main
        return 130
    except EOFError:
        sys.stderr.write("\nAborted!\n")
        return 1
    except Exception as exc:
        status = getattr(exc, "exit_code", None)
        if type(exc).__name__ == "Exit" and isinstance(status, int):  # Typer's, should a body load Typer
            return status
        _as_typer(exc)
        raise
    if code:
        return code
    return 1 if settings.skipped else 0  # tracker.cli_app._partial_exit


def _as_typer(exc: BaseException) -> None:
    """A crash is shown as the Typer app shows it (its traceback hook and settings: no locals)."""
    from typer import main as typer_main

    from tracker.cli_app import app

    sys.excepthook = typer_main.except_hook
    setattr(exc, typer_main._typer_developer_exception_attr_name, typer_main.DeveloperExceptionConfig(
        pretty_exceptions_enable=app.pretty_exceptions_enable,
        pretty_exceptions_show_locals=app.pretty_exceptions_show_locals,
        pretty_exceptions_short=app.pretty_exceptions_short))


def _quiet_pipes() -> None:
    """What click does on a closed pipe, so that exiting prints nothing more."""
    try:
        from typer._click.utils import PacifyFlushWrapper
    except ImportError:  # older typer: the separately installed click
        from click.utils import PacifyFlushWrapper  # type: ignore[no-redef]

    sys.stdout = PacifyFlushWrapper(sys.stdout)  # type: ignore[assignment]
    sys.stderr = PacifyFlushWrapper(sys.stderr)  # type: ignore[assignment]
