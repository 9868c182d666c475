"""The CLI's fast argument coercion (``tracker.cli_coerce``): same values and same error messages
as Typer's pydantic path, and no pydantic import for ordinary commands."""

from __future__ import annotations

import os
import subprocess
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from tracker import cli_coerce
from tracker.store import Store

ROOT = Path(__file__).resolve().parents[1]


class Colour(StrEnum):
    red = "red"
    blue = "blue"


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def cmd(n: Annotated[int, typer.Option("--n", min=0, max=10)] = 3,
            m: Annotated[int | None, typer.Option("--m")] = None,
            name: Annotated[str | None, typer.Option("--name")] = None,
            colour: Annotated[Colour, typer.Option("--colour")] = Colour.red,
            paths: Annotated[list[Path] | None, typer.Option("--path")] = None,
            ids: Annotated[list[int] | None, typer.Option("--id")] = None,
            flag: Annotated[bool, typer.Option("--flag")] = False) -> None:
        print(repr((n, m, name, colour, paths, ids, flag)))

    @app.command()
    def other() -> None:
        pass

    return app


CASES = [
    [],
    ["--n", "7", "--m", "-12", "--name", "模型 x", "--colour", "blue", "--path", "a.txt", "--path", "b",
     "--id", "3", "--id", "04", "--flag"],
    ["--n", "11"],  # above the maximum
    ["--n", "-1"],  # below the minimum
    ["--n", "x"],
    ["--m", " 5"],  # what only pydantic reads
    ["--m", "1_000"],
    ["--colour", "green"],
    ["--id", "1", "--id", "two"],
]


@pytest.mark.parametrize("args", CASES)
def test_same_values_and_messages_as_typer(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from typer import _coercion, core

    runner = CliRunner()
    monkeypatch.setattr(core, "build_runtime_param", _coercion.build_runtime_param)  # Typer's own path
    slow = runner.invoke(_app(), ["cmd", *args])
    cli_coerce.install()
    assert getattr(core.build_runtime_param, "_tracker_fast", False)
    fast = runner.invoke(_app(), ["cmd", *args])
    assert (fast.exit_code, fast.output) == (slow.exit_code, slow.output)


def test_hand_checked_values() -> None:
    cli_coerce.install()
    r = CliRunner().invoke(_app(), ["cmd", "--n", "10", "--m", "-3", "--colour", "BLUE", "--id", "7"])
    assert r.exit_code != 0  # choices are case-sensitive, as in Typer
    r = CliRunner().invoke(_app(), ["cmd", "--n", "10", "--m", "-3", "--colour", "blue", "--id", "7"])
    assert r.exit_code == 0
    assert r.output.strip() == "(10, -3, None, <Colour.blue: 'blue'>, None, [7], False)"


@pytest.mark.parametrize("args", [["upcoming", "--days", "5"], ["remind", "--dry-run"], ["--help"]])
def test_commands_do_not_import_pydantic(args: list[str], tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    Store(db).close()
    code = ("import sys\nfrom tracker.cli import main\nsys.argv = ['tracker', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'pydantic_core', 'sqlalchemy'}),"
            " file=sys.stderr)")
    env = {**os.environ, "TRACKER_DB": str(db), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert r.stderr.strip().splitlines()[-1] == "[]", r.stderr
