"""Start-up (issue 12): which modules the fast commands load, checked in a fresh process (not a
timing test), and the shortcuts taken to avoid slow imports give what the slow way gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "tests" / "contracts" / "x01-hengrui-bearing-defect.txt"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "TRACKER_TZ": "Asia/Shanghai", "TRACKER_DB": str(tmp_path / "t.db"),
            "XDG_CONFIG_HOME": str(tmp_path / "cfg")}


HEAVY = ("typer", "click", "pydantic", "sqlalchemy", "sqlmodel", "smtplib", "ssl", "http.client", "email.message",
         "importlib.metadata")
# upcoming and remind on a database without a config file need none of these (the parser reads TOML lexicons;
# platformdirs imports tempfile, shutil, bz2 and lzma: tracker.user_dirs answers without it on Linux; the calendar
# package, dateutil and hashlib make the plan's settings digest, which a run with no plan to recall does not need)
NOT_FOR_READS = ("tomllib", "socket", "zipfile", "platformdirs", "tempfile", "shutil", "hashlib", "chinese_calendar",
                 "dateutil", "tracker.periods", "tracker.calendars")


@pytest.mark.parametrize("args", [["upcoming"], ["upcoming", "--json"], ["remind", "--dry-run"],
                                  ["parse", str(CONTRACT), "--json"]])
def test_the_fast_path_imports_nothing_heavy(args: list[str], env: dict[str, str]) -> None:
    """Not a timing test: which modules a fast command loads (typer and the mail/TLS stack cost most)."""
    subprocess.run([sys.executable, "-c", "import sys; from tracker.store import Store; Store(sys.argv[1]).close()",
                    env["TRACKER_DB"]], env=env, check=True)
    code = ("import sys; from tracker.cli import main; sys.argv[0] = 'tracker'\n"
            "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
            "sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)) + f' EXIT {code}')")
    r = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120)
    modules = set(r.stderr.rsplit("MODULES ", 1)[1].split())
    assert "EXIT 0" in r.stderr
    heavy = HEAVY if args[0] == "parse" else HEAVY + NOT_FOR_READS
    assert sorted(m for m in modules if m in heavy or m.split(".")[0] in heavy) == []


def test_the_chinese_calendar_version_is_the_installed_distributions() -> None:
    """tracker.calendars reads chinese_calendar.__version__ instead of importing importlib.metadata."""
    from importlib.metadata import version

    from tracker.calendars import package_source

    assert package_source("CN") == f"chinesecalendar {version('chinesecalendar')}"
