"""The docs are tested: every command has help text and a README entry, and README's two
fresh-machine commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from tracker.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict:  # type: ignore[type-arg]
    group = typer.main.get_command(app)
    out = {}
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        out[name] = cmd
        if hasattr(cmd, "commands"):
            for sub, subcmd in cmd.commands.items():
                out[f"{name} {sub}"] = subcmd
    return out


def test_every_command_has_help_text() -> None:
    for name, cmd in _commands().items():
        assert (cmd.help or cmd.short_help or "").strip(), f"`tracker {name}` has no help text"
        for param in cmd.params:
            if getattr(param, "param_type_name", "") == "option" and param.name != "help":
                assert (param.help or "").strip(), f"`tracker {name} {param.opts[0]}` has no help text"


def test_every_command_is_in_the_readme() -> None:
    for name in _commands():
        top = name.split()[0]
        assert f"tracker {top}" in README, f"README never mentions `tracker {top}`"


def test_readme_gives_the_two_fresh_machine_commands_and_ci_runs_the_test_one() -> None:
    blocks = re.findall(r"^    (python3 -m venv .*)$", README, flags=re.M)
    assert any("tracker demo" in b for b in blocks)
    test_cmd = next(b for b in blocks if "pytest" in b)
    assert test_cmd in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
