"""The Typer application object, global options and the error boundary shared by all commands.

Command modules (``cli_*.py``) import ``app`` from here and register themselves; ``cli.py``
imports them all. ``app`` is built on first access (``__getattr__``): the helpers here (``fail``,
``echo``, ``errors``, ``today`` …) run without Typer, for ``tracker.cli_fast``. Keep this module
light: the fast commands import it and nothing heavy.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

from tracker.record import record

if TYPE_CHECKING:
    import typer

HELP = (
    "Track the obligations of AI-model-training service contracts: parse filled contracts "
    "(.txt .md .docx .pdf; Simplified, Traditional or English) into dated obligations, keep "
    "them in SQLite, list what is due, record what happened, compute late-payment penalties "
    "and send reminders.\n\nStart with: tracker demo"
)


def _build() -> typer.Typer:
    """The Typer app with its global options, built when ``app`` is first asked for: the helpers
    below run without Typer, so ``tracker.cli_fast`` can call a command's body without it (issue 12)."""
    global typer
    import typer

    from tracker import cli_coerce
    from tracker.cli_usage import Group

    cli_coerce.install()  # plain values converted without importing pydantic (start-up, issue 12)
    built = typer.Typer(
        name="tracker",
        cls=Group,  # usage errors as one stderr line, exit 2
        help=HELP,
        no_args_is_help=True,
        pretty_exceptions_show_locals=False,  # contract text must never land in a traceback
        rich_markup_mode=None,  # plain help: rich.markdown alone costs ~30 ms of imports on every --help
        add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback(result_callback=_partial_exit)(_global)
    return built


_app: Any = None


def __getattr__(name: str) -> Any:
    global _app
    if name == "app":
        if _app is None:
            _app = _build()
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


DEFAULT_TZ = "Asia/Shanghai"


@record
class Settings:
    """The global options of this invocation."""

    db: str | None = None
    tz: str = DEFAULT_TZ
    user: str | None = None
    skipped: bool = False  # a contract was left out as unreadable: the command exits 1 at its end


settings = Settings()


def _partial_exit(*_: Any, **__: Any) -> None:
    """After a command that skipped unreadable contracts (its output is complete for the others):
    exit 1, so a script or cron sees that something was left out."""
    if settings.skipped:
        raise exit_with(1)


def _global(
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLite database file, or a postgresql://user@host/db URL. Default: $TRACKER_DB, "
                     "else the user data dir.", show_default=False),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option("--tz", help="Time zone that decides 'today' (default $TRACKER_TZ or Asia/Shanghai).",
                     show_default=False),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option("--user", help="Who you are, recorded in the history of every change and used by "
                     "'upcoming --mine'. Default: $TRACKER_USER, else your login name.", show_default=False),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", "-V", help="Print the version and exit.", is_eager=True,
                           callback=lambda v: _print_version(v)),
    ] = False,
) -> None:
    apply_global(db, tz, user)


def apply_global(db: str | None, tz: str | None, user: str | None) -> None:
    """The global options' effect (the Typer callback's, and ``tracker.cli_fast``'s)."""
    settings.db = db
    settings.user = user
    settings.tz = tz or os.environ.get("TRACKER_TZ") or DEFAULT_TZ
    settings.skipped = False


def _print_version(value: bool) -> None:
    if value:
        from tracker import __version__

        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


def db_path() -> Path:
    """The database file for this command: ``--db``, then ``$TRACKER_DB``, then the data dir."""
    from tracker.store.paths import resolve_db_path

    return resolve_db_path(settings.db, os.environ)


def current_user() -> str:
    """The person running this command: ``--user``, then ``$TRACKER_USER``, then the OS login name
    (the only place the CLI asks the OS who is running it; nothing below the CLI does)."""
    for name in (settings.user, os.environ.get("TRACKER_USER")):
        if name is not None and name.strip():
            return name.strip()
    if settings.user is not None:
        fail("--user: give a name", 2)
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name (a container without a passwd entry)
        return "cli"


def existing_db() -> Path:
    """The database for a command that only reads: it must exist (reading never creates one, and a
    mistyped path must not look like an empty tracker)."""
    path = db_path()
    if not path.is_file():
        fail(f"no tracker database at {path}: add contracts first (tracker add FILE) or point --db or "
             "$TRACKER_DB at yours", 3)
    return path


def zone():  # type: ignore[no-untyped-def]
    """The configured time zone (``--tz``, ``$TRACKER_TZ``, Asia/Shanghai), or a clear error."""
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(settings.tz)
    except Exception:
        fail(f"unknown time zone {settings.tz!r}", 2)


def today() -> date:
    """Today in the configured time zone: the only place the CLI reads the clock."""
    from datetime import datetime

    return datetime.now(zone()).date()


def parse_day(text: str | None, option: str = "--as-of") -> date | None:
    """A date given on the command line (YYYY-MM-DD), or a clear error."""
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        fail(f"{option}: {text!r} is not a valid date (use YYYY-MM-DD)", 2)
    from tracker.errors import UsageError
    from tracker.validate import check_day

    try:
        return check_day(day, option)
    except UsageError as exc:
        fail(str(exc), 2)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one line to stderr and exit with ``code``."""
    echo(f"error: {message}", err=True)
    raise exit_with(code)


def exit_with(code: int) -> BaseException:
    """The exception that ends a command with ``code``: Typer's ``Exit`` under the Typer app
    (click turns it into the exit status), ``SystemExit`` when ``tracker.cli_fast`` runs it."""
    loaded = sys.modules.get("typer")
    return SystemExit(code) if loaded is None else loaded.Exit(code)


def echo(message: str, err: bool = False) -> None:
    """``typer.echo`` of one line, without importing Typer when it is not loaded: the same
    stream, newline, flush, and ANSI codes stripped when the stream is not a terminal."""
    loaded = sys.modules.get("typer")
    if loaded is not None:
        loaded.echo(message, err=err)
        return
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    if not stream.isatty() and "\033" in message:
        import re

        message = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", message)  # click.utils.strip_ansi
    stream.write(message + "\n")
    stream.flush()


@contextmanager
def errors() -> Iterator[None]:
    """Turn library errors into one stderr line and the error's exit status."""
    from tracker.errors import TrackerError

    try:
        yield
    except TrackerError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)


def warn_skipped(skipped: Sequence[Any]) -> None:
    """One stderr line per contract a command skipped because its stored data cannot be read."""
    for s in skipped:
        echo(f"warning: {s.line()}", err=True)
    settings.skipped = settings.skipped or bool(skipped)


def stdout_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(soft_wrap=False, highlight=False)


def print_line(line: str) -> None:
    """``stdout_console().print(line, emoji=False)``, without importing ``rich.console`` (25 ms of
    CPU, 0.8x the whole budget of issue 12) when Rich would write the line unchanged: printable
    ASCII with no ``[`` (no markup), no wider than any width Rich could choose (``$COLUMNS``, the
    terminal of stdin, stdout or stderr, else 80), on a platform without legacy Windows consoles."""
    if sys.platform != "win32" and sys.stdout is not None and _fits(line):
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        return
    stdout_console().print(line, emoji=False)


def _fits(line: str) -> bool:
    if not (line.isascii() and line.isprintable()) or "[" in line:
        return False
    widths = [80]
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        widths.append(int(columns))
    for fd in (0, 1, 2):
        with suppress(AttributeError, ValueError, OSError):  # not a terminal
            widths.append(os.get_terminal_size(fd).columns or 80)
    return len(line) <= min(widths)


def print_json(data: object) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
