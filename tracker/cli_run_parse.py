"""The body of ``tracker parse``, importable without Typer.

``tracker.cli_parse.parse_cmd`` (the Typer command) and ``tracker.cli_fast`` (argv read without
Typer, issue 12) both call ``run_parse``.
"""

from __future__ import annotations


def run_parse(files: list[str], json_out: bool) -> int:
    """The body of ``tracker parse``; returns the exit status."""
    from tracker import regex_cache

    with regex_cache.in_use(_cache_dir()):  # the parser's patterns, compiled on an earlier run (issue 12)
        return _run(files, json_out)


def _cache_dir():  # type: ignore[no-untyped-def]
    """``<user cache dir>/tracker`` (``$XDG_CACHE_HOME/tracker``, ``~/.cache/tracker`` on Linux);
    None (compile every run) when ``$TRACKER_NO_CACHE`` is set."""
    import os
    from pathlib import Path

    from tracker.user_dirs import user_cache_dir

    if os.environ.get("TRACKER_NO_CACHE"):
        return None
    try:
        return Path(user_cache_dir("tracker"))
    except Exception:  # no home directory to put it in: no cache
        return None


def _run(files: list[str], json_out: bool) -> int:
    import json
    import sys

    from tracker.errors import InputError
    from tracker.parse import parse_file

    failed = 0
    calendars = _imported_calendars()
    for path in files:
        try:
            result = parse_file(path, calendars)
        except InputError as exc:
            sys.stderr.write(f"error: {exc}\n")
            failed = failed or exc.exit_code
            continue
        if json_out:
            doc = result.to_json()
            sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=None if len(files) > 1 else 2) + "\n")
        else:
            from tracker.cli_app import stdout_console
            from tracker.render_parse import render_parse

            render_parse(stdout_console(), result)
    return failed


def _imported_calendars():  # type: ignore[no-untyped-def]
    """The years imported into the database (``tracker calendar import``), if there is one: parse
    counts with them as ``add`` does. A missing or unreadable database means the packages alone."""
    import sqlite3

    from tracker.calendars import Calendars
    from tracker.cli_app import db_path
    from tracker.errors import TrackerError
    from tracker.store.calendar_load import load_path

    try:
        return load_path(db_path())
    except (TrackerError, sqlite3.Error, OSError):
        return Calendars()
