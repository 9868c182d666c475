"""``tracker --help`` printed without Typer (tracker.cli._fast_help) is exactly what Typer prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli_help_text import HELP, render

ROOT = Path(__file__).resolve().parents[1]
LAUNCH = "import sys; from tracker.cli import main; sys.argv[0] = 'tracker'; sys.exit(main())"


def _run(args: list[str], columns: str, slow: bool) -> tuple[int, str, str]:
    env = {**os.environ, "COLUMNS": columns, "PYTHONPATH": str(ROOT)}
    env.pop("TRACKER_NO_FAST_CLI", None)
    if slow:
        env["TRACKER_NO_FAST_CLI"] = "1"
    r = subprocess.run([sys.executable, "-c", LAUNCH, *args], env=env, capture_output=True, text=True, timeout=60)
    return r.returncode, r.stdout, r.stderr


def test_pre_rendered_help_is_typers() -> None:
    assert render() == HELP, "run: python -m tracker.cli_help_text"


@pytest.mark.parametrize("columns", ["80", "200"])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_fast_help_prints_what_typer_prints(flag: str, columns: str) -> None:
    fast, slow = _run([flag], columns, slow=False), _run([flag], columns, slow=True)
    assert fast == slow and fast[0] == 0 and fast[1].startswith("Usage: tracker [OPTIONS] COMMAND")


def test_fast_help_is_not_taken_for_other_invocations() -> None:
    from tracker.cli import _fast_help

    assert _fast_help(["upcoming", "--help"], "tracker") is None
    assert _fast_help(["--help"], "python -m tracker") is None
    assert _fast_help(["--help", "--db", "x"], "tracker") is None


def test_home_names_the_module_that_registers_each_command() -> None:
    """``tracker.cli.HOME``: loading that module alone registers the command (a fresh process each)."""
    from tracker.cli import HOME

    for command, module in HOME.items():
        code = (f"import tracker.{module}; from tracker.cli_app import app; "
                "print(' '.join(c.name or c.callback.__name__ for c in app.registered_commands))")
        names = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
        assert command in names, (command, module, names)


@pytest.mark.parametrize("args", [["upcoming", "--days", "x"], ["upcoming", "--nope"], ["remind", "--help"],
                                  ["upcoming", "--help"], ["remind", "--as-of", "2025-13-01", "--dry-run"]])
def test_one_command_loaded_alone_answers_as_the_whole_app(args: list[str], tmp_path: Path) -> None:
    """Usage errors and help of a command loaded alone (``HOME``) are the whole app's, exit code too."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", "TRACKER_DB": str(tmp_path / "none.db")}
    whole = ("import sys; import tracker.cli as c; c._load(); sys.argv[0] = 'tracker'; sys.exit(c.main())")
    got = [subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=60)
           for code in (LAUNCH, whole)]
    assert (got[0].returncode, got[0].stdout, got[0].stderr) == (got[1].returncode, got[1].stdout, got[1].stderr)
