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
