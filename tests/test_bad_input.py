"""Bad input exits 2 in every command (4 for an unknown id, README "Data safety"): one line on
stderr starting ``error:``, no traceback, nothing on stdout. Click's own usage errors (a missing
argument, an id that is no integer, a value outside a choice) included (``tracker.cli_usage``)."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.ingest import add_files

FIX = Path(__file__).parent / "fixtures" / "store"

# (expected exit status, command line). The database holds one contract (#1, signed 2025-09-15)
# with obligations #1… and three penalty clauses; ids 999 / 9999 / 99999 do not exist.
CASES = [
    (2, 'parse /nonexistent.txt'),
    (2, 'add /nonexistent.txt'),
    (2, 'add data/p02-yunqi-bill-ocr.md --amends abc'),
    (4, 'add data/p06-tianfu-retail-shelf.en.txt --amends 999'),
    (2, 'upcoming --days -1'),
    (2, 'upcoming --as-of 2025-13-01'),
    (2, 'upcoming --kind bogus'),
    (4, 'upcoming --contract 999'),
    (2, 'contracts --as-of 2025-02-30'),
    (2, 'show abc'),
    (4, 'show 999'),
    (2, 'show 1 --as-of nope'),
    (4, 'done 9999'),
    (2, 'done 1 --on 0001-01-01'),
    (2, 'done 1 --through nope'),
    (4, 'waive 9999 --note x'),
    (2, 'waive 1 --note x --on 2025-99-01'),
    (4, 'event 999 invoice --on 2025-05-01'),
    (2, 'event 1 bogus_event --on 2025-05-01'),
    (2, 'event 1 invoice --on nope'),
    (4, 'event 1 invoice --on 2025-10-01 --obligation 9999'),
    (4, 'pay 999 --amount 1 --on 2025-05-01'),
    (2, 'pay 1 --amount abc --on 2025-05-01'),
    (2, 'pay 1 --amount -5 --on 2025-05-01'),
    (2, 'pay 1 --amount 5 --on 0001-01-01'),
    (4, 'pay 1 --amount 5 --on 2025-10-01 --obligation 9999'),
    (4, 'evaluate 999 --accuracy 0.9'),
    (2, 'evaluate 1 --accuracy abc'),
    (2, 'evaluate 1 --accuracy 0.9 --on nope'),
    (4, 'edit 999 term P1Y'),
    (2, 'edit 1 bogus x'),
    (2, 'edit 1 term bogus'),
    (2, 'edit 1 total_fee abc'),
    (2, 'export --format xml'),
    (2, 'demo --as-of nope'),
    (2, 'demo --data /nonexistent'),
    (4, 'penalties 999'),
    (2, 'penalties --as-of nope'),
    (2, 'penalties --format xml'),
    (2, 'remind --as-of nope'),
    (2, 'remind --as-of 9999-12-31'),
    (4, 'assign 999 --email a@b.example'),
    (2, 'assign 1 --email notanemail'),
    (2, 'assign 1 --webhook notaurl'),
    (2, 'assign 1 --party bogus --email a@b.example'),
    (2, 'confirm abc'),
    (4, 'confirm 999'),
    (2, 'undo abc'),
    (4, 'undo 99999'),
    (4, 'actions 999'),
    (4, 'balance 999'),
    (2, 'balance --as-of nope'),
    (2, 'balance --format xml'),
    (2, 'schedule start --at 25:99'),
    (2, 'schedule start --tz Bogus/Zone'),
    (2, 'calendar import /nonexistent.toml'),
    (2, 'calendar show abc'),
    (2, 'calendar show 2026 --calendar XX'),
    (4, 'obligation add 999 --kind payment --title x --due 2025-06-01'),
    (2, 'obligation add 1 --kind bogus --title x --due 2025-06-01'),
    (2, 'obligation add 1 --kind payment --title x --due nope'),
    (2, 'obligation add 1 --kind payment --title x --due 2025-06-01 --amount abc'),
    (2, 'obligation add 1 --kind payment --title x --after invoice --offset bogus'),
    (4, 'obligation edit 9999 amount 5'),
    (2, 'obligation edit 1 bogus x'),
    (2, 'obligation edit 1 amount abc'),
    (4, 'obligation delete 9999'),
    (4, 'penalty add 999 --kind late_payment --rate 0.001 --per day --basis overdue_amount'),
    (2, 'penalty add 1 --kind late_payment --rate abc --per day --basis overdue_amount'),
    (2, 'penalty add 1 --kind bogus --rate 0.001 --per day --basis overdue_amount'),
    (2, 'penalty edit 1 99 rate 0.1'),  # a clause number out of range: bad input (no id)
    (2, 'penalty edit 1 1 rate abc'),
    (2, '--tz Bogus/Zone upcoming'),
    (2, 'reminders --bogus'),
    (2, 'upcoming --days 100000000'),
    (2, 'show'),
    (2, 'bogus-command'),
    (2, 'obligation bogus'),
    (2, 'pay 1 --amount 5 --on 2025-10-01 --bogus'),
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tracker.store import Store

    db = tmp_path_factory.mktemp("bad-input") / "tracker.db"
    with Store(db) as s:
        [added] = add_files(s, [FIX / "p02-yunqi-bill-ocr.md"])
        assert added.contract_id == 1  # type: ignore[union-attr]
    return db


def test_the_cases_cover_every_command() -> None:
    import typer.main

    group = typer.main.get_command(app)
    names = set()
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        subs = getattr(cmd, "commands", None)
        names.update(f"{name} {s}" for s in subs) if subs else names.add(name)
    covered = {" ".join(shlex.split(cmd)[:2]) if shlex.split(cmd)[0] in ("calendar", "schedule", "config",
                                                                           "obligation", "penalty")
               else shlex.split(cmd)[0] for _, cmd in CASES}
    # commands without an argument or a value option to get wrong
    no_input = {"doctor", "reminders", "config show", "schedule status", "calendar status", "calendar refresh"}
    assert names - covered - no_input == set()


@pytest.mark.parametrize(("code", "cmd"), CASES, ids=[c for _, c in CASES])
def test_bad_input_is_one_line_and_its_status(template: Path, db_path: Path, tmp_path: Path, code: int,
                                               cmd: str, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(template, db_path)
    conf = tmp_path / "config.toml"
    conf.write_text("[delivery]\nchannels = []\n")
    monkeypatch.setenv("TRACKER_CONFIG", str(conf))
    res = CliRunner().invoke(app, shlex.split(cmd))
    lines = res.stderr.strip().splitlines()
    assert res.exit_code == code, (res.exit_code, res.stderr, res.exception)
    assert len(lines) == 1 and lines[0].startswith("error: "), res.stderr
    assert "Traceback" not in res.output and res.stdout == ""
