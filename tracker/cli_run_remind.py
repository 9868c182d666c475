"""The body of ``tracker remind``, importable without Typer.

``tracker.cli_remind.remind`` (the Typer command) and ``tracker.cli_fast`` (argv read without
Typer, issue 12) both call ``run_remind`` with the command's parameters.
"""

from __future__ import annotations

import os
import sys

from tracker.cli_app import (
    current_user,
    echo,
    errors,
    existing_db,
    exit_with,
    fail,
    parse_day,
    print_json,
    print_line,
    settings,
    stdout_console,
    today,
    warn_skipped,
)


def run_remind(as_of: str | None, dry_run: bool, as_json: bool) -> None:
    """Send today's reminders once (for cron or a systemd timer); exit 1 if a delivery failed."""
    day = parse_day(as_of) or today()
    if day > today() and not dry_run:  # sending a future day's reminders would mark them sent
        fail(f"--as-of {day} is after today ({today()}): use --dry-run to preview a later day", 2)
    path = existing_db()
    with errors():
        from tracker.daily import run_daily

        console = None if dry_run else _console(as_json)  # a dry run delivers nothing: no console
        spool = None
        if as_json and not dry_run:  # what was delivered, streamed out of memory
            from tracker.json_spool import JsonArraySpool

            spool = JsonArraySpool()
        who = current_user() if not dry_run or settings.user is not None else None  # only a real run records it
        result = run_daily(path, day, dry_run=dry_run, console=console, env=dict(os.environ), who=who,
                           on_delivered=spool.add if spool is not None else None)
    warn_skipped(result.skipped)
    if dry_run:
        if as_json:
            print_json(result.would_send)
            return
        if result.would_send:
            out = stdout_console()
            for item in result.would_send:
                out.print(f"would send to {item['channel']}: {item['text']}", markup=False)
        print_line(f"{day}: dry run, {len(result.would_send)} of {result.planned} would be sent "
                   "(the rest went out before)")  # no :code: in it: rich._emoji_codes unloaded
        return
    if spool is not None:
        spool.write_to(sys.stdout)
        spool.close()
    else:
        stdout_console().print(f"{day}: {len(result.delivered)} delivered, {result.new} newly due, "
                               f"{sum(f['count'] for f in result.failed)} failed, "
                               f"{result.snapshots} penalty snapshots", markup=False)
    _calendar_warnings(result.calendar.get("warnings") or [])
    for f in result.failed:
        echo(f"error: delivery to {f['channel']} failed ({f['count']} reminders): {f['error']}", err=True)
    if result.failed:
        raise exit_with(1)


def _console(as_json: bool):  # type: ignore[no-untyped-def]
    """The console channel's console: stderr under --json (stdout carries the JSON), else stdout."""
    if not as_json:
        return stdout_console()
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _calendar_warnings(warnings: list[dict]) -> None:  # type: ignore[type-arg]
    """One stderr line per calendar and uncovered year: how many open deadlines it guesses."""
    by: dict[tuple[str, int], list[dict]] = {}  # type: ignore[type-arg]
    for w in warnings:
        by.setdefault((w["calendar"], w["years"][0]), []).append(w)
    for (code, year), ws in sorted(by.items()):
        echo(f"warning calendar_out_of_range: {len(ws)} open deadline(s) counted with weekends only in {code} "
             f"{year} (#{', #'.join(str(w['obligation_id']) for w in ws[:5])}); import the year with "
             "`tracker calendar import FILE`", err=True)
