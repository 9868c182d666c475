"""``tracker.cli_fast`` (parse, upcoming, remind without Typer) reads argv as the Typer app does,
runs the same bodies, prints the same and imports none of the heavy modules."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracker import cli_fast
from tracker.cli import app
from tracker.cli_fast_spec import SPEC, derive

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "tests" / "contracts" / "x01-hengrui-bearing-defect.txt"
LAUNCH = "import sys; from tracker.cli import main; sys.argv[0] = 'tracker'; sys.exit(main())"
BODIES = {"parse": ("tracker.cli_run_parse", "run_parse"), "upcoming": ("tracker.cli_run_upcoming", "run_upcoming"),
          "remind": ("tracker.cli_run_remind", "run_remind")}


def test_spec_is_the_typer_apps() -> None:
    assert derive() == SPEC, "run: python -m tracker.cli_fast_spec"
    assert set(SPEC) == {"", *cli_fast.FAST}


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every command body replaced by one that records what it was given, and the global settings."""
    import importlib

    from tracker.cli_app import settings

    got: list[Any] = []
    for command, (module, name) in BODIES.items():
        def record(*args: Any, _command: str = command, **kwargs: Any) -> int | None:
            got.append((_command, args, kwargs, (settings.db, settings.tz, settings.user)))
            return 0 if _command == "parse" else None
        monkeypatch.setattr(importlib.import_module(module), name, record)
    monkeypatch.delenv("TRACKER_NO_FAST_CLI", raising=False)
    return got


def _both(argv: list[str], calls: list[Any]) -> tuple[Any, Any]:
    """(exit status, recorded call) through cli_fast, or None when it hands argv to Typer; and the same
    through the Typer app."""
    del calls[:]
    code = cli_fast.run(argv)
    fast = None if code is None else (code, calls[:])
    del calls[:]
    res = CliRunner().invoke(app, argv)
    return fast, (res.exit_code, calls[:])


# Read fast, and as Typer reads them (hand-written: the global options, both option forms, repeats).
FAST_ARGV = [
    ["upcoming"], ["upcoming", "--json"], ["upcoming", "--days", "0"], ["upcoming", "--days=36600", "--mine"],
    ["upcoming", "--days", "007", "--days", "9"], ["upcoming", "--kind", "payment", "--party", "甲方 公司"],
    ["upcoming", "--contract", "12", "--as-of", "2025-07-01", "--json", "--json"], ["upcoming", "--as-of="],
    ["--db", "x.db", "--tz", "UTC", "--user", "bob", "upcoming", "--mine"], ["--db=x.db", "upcoming", "--kind=nope"],
    ["remind"], ["remind", "--dry-run"], ["remind", "--as-of", "2025-13-01", "--dry-run", "--json"],
    ["parse", "a.txt"], ["parse", "./dir//a.txt", "--json", "b.docx"], ["--user", "x", "parse", "--json", "a.pdf"],
]
# Handed to Typer (help, version, completion, errors, bounds, odd forms).
TYPER_ARGV = [
    [], ["upcoming", "--help"], ["upcoming", "-h"], ["--help"], ["-V", "upcoming"], ["--version"],
    ["--install-completion"], ["upcoming", "--days", "-1"], ["upcoming", "--days", "36601"], ["upcoming", "--days", "1e3"],
    ["upcoming", "--days", " 5"], ["upcoming", "--days"], ["upcoming", "--nope"], ["upcoming", "--", "x"],
    ["upcoming", "extra"], ["upcoming", "--json=1"], ["upcoming", "--as-of", "--json"], ["upcoming", "--db", "x"],
    ["parse"], ["parse", "--json"], ["parse", "-"], ["parse", "--", "a.txt"], ["remind", "--dry"], ["add", "a.txt"],
    ["--db"], ["--db", "x.db"], ["-", "upcoming"], ["upcoming", "--contract", "x"],
]


@pytest.mark.parametrize("argv", FAST_ARGV, ids=" ".join)
def test_fast_path_reads_as_typer(argv: list[str], calls: list[Any]) -> None:
    fast, typer = _both(argv, calls)
    assert fast is not None, "cli_fast should run this command line itself"
    assert fast == typer and typer[0] == 0 and len(typer[1]) == 1


@pytest.mark.parametrize("argv", TYPER_ARGV, ids=lambda a: " ".join(a) or "(none)")
def test_everything_else_goes_to_typer(argv: list[str]) -> None:
    assert cli_fast.read(argv) is None


def test_shell_completion_and_the_switch_go_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_TRACKER_COMPLETE", "complete_bash")
    assert cli_fast.run(["upcoming"]) is None
    monkeypatch.delenv("_TRACKER_COMPLETE")
    monkeypatch.setenv("TRACKER_NO_FAST_CLI", "1")
    assert cli_fast.run(["upcoming"]) is None


def _pieces(command: str, rnd: random.Random) -> list[str]:
    """One piece of a command line around ``command``'s options (from the spec, so new options
    count): mostly an option with a value, sometimes a stray or odd token."""
    options = SPEC[command]["options"]
    option = rnd.choice(sorted(options))
    value = rnd.choice(["5", "0", "007", "36600", "36601", "-3", "+4", "x", "", "2025-01-31", "1_0", "--json", "a b"])
    if rnd.random() < 0.2:
        return [rnd.choice(["--nope", "-h", "--help", "--", "-", "extra", "x.txt", "-V", "=", "", value])]
    if options[option][1] == "flag":
        return [option] if rnd.random() < 0.9 else [f"{option}={value}"]
    return [option, value] if rnd.random() < 0.6 else [f"{option}={value}"] if rnd.random() < 0.8 else [option]


def test_random_command_lines_read_the_same_both_ways(calls: list[Any]) -> None:
    """Whatever cli_fast runs itself, the Typer app reads the same way (values, defaults, globals)."""
    _random_lines(calls, 120, 12)


@pytest.mark.slow
def test_many_random_command_lines_read_the_same_both_ways(calls: list[Any]) -> None:
    _random_lines(calls, 1_000, 13)


def _random_lines(calls: list[Any], n: int, seed: int) -> None:
    rnd = random.Random(seed)
    ran = 0
    for _ in range(n):
        command = rnd.choice(sorted(cli_fast.FAST))
        argv = [t for _ in range(rnd.choice([0, 0, 1, 2])) for t in _pieces("", rnd)] + [command]
        argv += [t for _ in range(rnd.randint(0, 4)) for t in _pieces(command, rnd)]
        if command == "parse" and rnd.random() < 0.8:
            argv.insert(rnd.randint(argv.index("parse") + 1, len(argv)), rnd.choice(["a.txt", "./b//c.pdf", "d"]))
        fast, typer = _both(argv, calls)
        if fast is not None:
            ran += 1
            assert fast == typer, argv
    assert ran >= n // 5  # the generator does reach the fast path


# ------------------------------------------------------------------------ whole processes


def _run(args: list[str], env: dict[str, str], slow: bool) -> tuple[int, str, str]:
    env = {k: v for k, v in env.items() if k != "TRACKER_NO_FAST_CLI"}
    if slow:
        env["TRACKER_NO_FAST_CLI"] = "1"
    r = subprocess.run([sys.executable, "-c", LAUNCH, *args], env=env, capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout, r.stderr


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120", "TRACKER_TZ": "Asia/Shanghai",
            "TRACKER_DB": str(tmp_path / "t.db"), "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "TRACKER_USER": "ann"}


def test_fast_and_typer_print_the_same(env: dict[str, str], tmp_path: Path) -> None:
    assert _run(["add", str(CONTRACT)], env, slow=True)[0] == 0
    cases = [
        ["upcoming", "--as-of", "2025-01-01"], ["upcoming", "--as-of", "2025-01-01", "--days", "400", "--json"],
        ["upcoming", "--as-of=2025-01-01", "--days", "3000", "--kind", "payment"],
        ["upcoming", "--as-of", "2025-01-01", "--days", "3000", "--party", "client"],
        ["upcoming", "--as-of", "2025-01-01", "--contract", "1", "--json"], ["upcoming", "--mine"],
        ["upcoming", "--party", "nobody at all"], ["upcoming", "--kind", "nope"], ["upcoming", "--as-of", "2025-13-01"],
        ["upcoming", "--contract", "99", "--as-of", "2025-01-01"], ["--tz", "Mars/Base", "upcoming"],
        ["--db", str(tmp_path / "none.db"), "upcoming"],
        ["remind", "--dry-run", "--as-of", "2026-01-05"], ["remind", "--dry-run", "--json", "--as-of", "2026-01-05"],
        ["remind", "--as-of", "2999-01-01"], ["--db", str(tmp_path / "none.db"), "remind", "--dry-run"],
        ["parse", str(CONTRACT), "--json"], ["parse", str(CONTRACT)], ["parse", str(tmp_path / "nope.txt")],
    ]
    for args in cases:
        fast, typer = _run(args, env, slow=False), _run(args, env, slow=True)
        assert fast == typer, args


def test_a_real_remind_run_is_the_same_both_ways(env: dict[str, str], tmp_path: Path) -> None:
    assert _run(["add", str(CONTRACT)], env, slow=True)[0] == 0
    got = []
    for slow in (False, True):  # each on its own copy of the database: a run records what it sent
        db = tmp_path / f"copy-{slow}.db"
        shutil.copy(env["TRACKER_DB"], db)
        got.append(_run(["--db", str(db), "remind", "--json"], env, slow=slow))
        got.append(_run(["--db", str(db), "remind"], env, slow=slow))
    assert got[:2] == got[2:]
