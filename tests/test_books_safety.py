"""Safe daily runs (issue 9, item 6): reads never create a database and a missing one is an
error naming it; a real `remind` refuses a later day; no traceback on absurd inputs; unknown
--kind and --party values are refused."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.ingest import add_files
from tracker.store.write import Store

DATA = Path(__file__).parent.parent / "data"
runner = CliRunner()


def run(*args: str, code: int = 0) -> Any:
    r = runner.invoke(app, list(args))
    assert r.exit_code == code, (r.exit_code, r.output, r.exception)
    return r


@pytest.mark.parametrize("args", [["upcoming"], ["contracts"], ["show", "1"], ["penalties"], ["balance"],
                                  ["export"], ["remind"], ["remind", "--dry-run"]])
def test_a_missing_database_is_an_error_naming_it_and_is_not_created(tmp_path: Path, args: list[str]) -> None:
    typo = tmp_path / "typo.db"
    r = run("--db", str(typo), *args, code=3)
    assert str(typo) in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not typo.exists()


BAD = [
    ["upcoming", "--as-of", "9999-12-31"], ["upcoming", "--days", "100000000"], ["upcoming", "--days", "-1"],
    ["show", "1", "--as-of", "9999-12-31"], ["penalties", "--as-of", "0001-01-01"], ["balance", "--as-of", "9999-12-31"],
    ["contracts", "--as-of", "2025-02-30"], ["remind", "--as-of", "9999-12-31", "--dry-run"],
    ["remind", "--as-of", "2199-01-01"], ["upcoming", "--kind", "bribe"], ["upcoming", "--party", "无此公司"],
    ["pay", "1", "--amount", "1e400", "--on", "2025-04-01"], ["pay", "1", "--amount", "NaN", "--on", "2025-04-01"],
    ["done", "999999"], ["undo", "-1"], ["obligation", "edit", "4", "due_date", "0000-00-00"],
    ["penalty", "edit", "1", "1", "rate", "abc"], ["event", "1", "invoice", "--on", "2025-04-01", "--obligation", "x"],
    ["balance", "--format", "xlsx"],
]


def test_no_traceback_for_any_bad_input(db_path: Path) -> None:
    run("add", str(DATA / "p02-yunqi-bill-ocr.md"))
    for args in BAD:
        r = runner.invoke(app, args)
        assert r.exit_code == 2 or (args[0] in ("done", "undo") and r.exit_code in (2, 4)), (args, r.output)
        assert "Traceback" not in r.output
        assert r.exception is None or isinstance(r.exception, SystemExit), (args, r.exception)


def test_remind_refuses_a_later_day_but_previews_it(db_path: Path) -> None:
    run("add", str(DATA / "p02-yunqi-bill-ocr.md"))
    r = run("remind", "--as-of", "2199-01-01", code=2)
    assert "--dry-run" in r.stderr
    run("remind", "--as-of", "2199-01-01", "--dry-run")


def _without_dac_override() -> None:
    """In the child: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set, so
    that root, too, is held to a file's permission bits (CI runs as root)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_reads_work_on_a_read_only_database(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "t.db"
    with Store(db) as s:
        add_files(s, [DATA / "p02-yunqi-bill-ocr.md"])
    for extra in folder.glob("t.db-*"):
        extra.unlink()
    db.chmod(stat.S_IRUSR)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    env = dict(os.environ, TRACKER_DB=str(db), COLUMNS="100")
    try:
        probe = subprocess.run(["sh", "-c", f"echo x >> {db}"], capture_output=True,
                               preexec_fn=_without_dac_override if root else None)
        assert probe.returncode != 0, "the database file must really be read-only for the commands"
        for args in (["upcoming", "--as-of", "2025-06-25"], ["contracts"], ["show", "1"], ["balance"]):
            r = subprocess.run([sys.executable, "-m", "tracker", *args], capture_output=True, text=True, env=env,
                               preexec_fn=_without_dac_override if root else None, timeout=120)
            assert r.returncode == 0, (args, r.stderr)
            assert r.stdout.strip()
    finally:
        folder.chmod(stat.S_IRWXU)
        shutil.rmtree(folder)


def test_reads_do_not_write(tmp_path: Path) -> None:
    from tracker.store.read import open_read_only

    db = tmp_path / "t.db"
    Store(db).close()
    conn = open_read_only(db, 1.0)
    with pytest.raises(Exception, match="readonly"):
        conn.execute("CREATE TABLE x (a)")
    conn.close()


def test_help_lists_every_kind_event_and_editable_field() -> None:
    from tracker import events
    from tracker.cli_store import EDITABLE_HELP
    from tracker.model import Kind

    assert EDITABLE_HELP.split(", ") == list(events.EDITABLE)
    text = run("upcoming", "--help").stdout + run("event", "--help").stdout + run("obligation", "add", "--help").stdout
    flat = " ".join(text.split())
    assert all(k.value in flat for k in Kind) and all(e in flat for e in events.EVENTS)
    assert "tracker" in run("--version").stdout and run("-h").stdout.startswith("Usage")


def test_history_in_the_configured_zone_and_config_show_paths(db_path: Path) -> None:
    import json
    from datetime import datetime
    from zoneinfo import ZoneInfo

    run("add", str(DATA / "p02-yunqi-bill-ocr.md"))
    stamp = json.loads(run("show", "1", "--json").stdout)["history"][0]["recorded_at"]
    for tz in ("Asia/Shanghai", "America/New_York"):
        local = datetime.fromisoformat(stamp).astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")
        wide = runner.invoke(app, ["--tz", tz, "show", "1"], env={"COLUMNS": "200"}).stdout
        assert local in wide, tz
    shown = json.loads(run("config", "show", "--json").stdout)
    assert shown["database"] == str(db_path) and shown["database_exists"] and shown["log"].endswith("reminders.jsonl")
    assert f"# database: {db_path}" in run("config", "show").stdout
