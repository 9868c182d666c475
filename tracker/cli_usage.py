"""Usage errors (a bad option, a missing argument, an id that is no integer, a value not in a
choice) as one stderr line and exit status 2, like every other bad input of the CLI.

Click prints a usage line, a hint and the message (four lines); ``Group`` — the class of the
``tracker`` application — re-raises each usage error as ``OneLineUsageError``, which prints
``error: <message> (tracker <command> -h)``. ``tracker`` and a group given no command still show
their help (click's ``NoArgsIsHelpError`` is left alone).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

try:  # typer >= 0.29 vendors click as typer._click and builds typer.core on that copy
    from typer._click import core as click_core
    from typer._click.exceptions import UsageError
    from typer._click.utils import echo
except ImportError:  # older typer: the separately installed click
    from click import core as click_core  # type: ignore[no-redef]
    from click.exceptions import UsageError  # type: ignore[no-redef, assignment]
    from click.utils import echo  # type: ignore[no-redef]
from typer.core import TyperGroup


class OneLineUsageError(UsageError):
    """A usage error printed as one line."""

    def show(self, file: IO[Any] | None = None) -> None:
        echo(f"error: {self.format_message()}", err=True)


def _command_path(ctx: click_core.Context | None) -> str:
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(["tracker", *reversed(names)])


@contextmanager
def one_line() -> Iterator[None]:
    try:
        yield
    except UsageError as exc:
        if isinstance(exc, OneLineUsageError) or type(exc).__name__ == "NoArgsIsHelpError":
            raise
        path = _command_path(exc.ctx)
        raise OneLineUsageError(f"{exc.format_message()} ({path} -h)") from None


class Group(TyperGroup):
    """The ``tracker`` group: usage errors of any command come out as one line (see module doc)."""

    def make_context(self, info_name: str | None, args: list[str], parent: click_core.Context | None = None,
                     **extra: Any) -> click_core.Context:
        with one_line():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click_core.Context) -> Any:
        with one_line():
            return super().invoke(ctx)
