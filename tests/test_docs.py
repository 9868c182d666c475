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


def _help(name: str) -> str:
    from typer.testing import CliRunner

    res = CliRunner().invoke(app, [*name.split(), "--help"], env={"COLUMNS": "100"})
    assert res.exit_code == 0, res.output
    return res.stdout


def test_every_command_help_has_an_example_line() -> None:
    for name in _commands():
        if hasattr(_commands()[name], "commands"):
            continue  # a group: its commands are checked
        out = _help(name)
        assert re.search(r"^\s*Examples?:", out, flags=re.M), f"`tracker {name} --help` shows no example"
        assert re.search(rf"(^|[\s:;])tracker {re.escape(name)}( |$)", out, flags=re.M), \
            f"`tracker {name} --help` has no example starting with `tracker {name}`"


def test_the_example_table_uses_real_commands_and_options() -> None:
    import shlex

    from tracker.cli_examples import EXAMPLES

    cmds = _commands()
    glob = {"--tz", "--db"}
    for name, lines in EXAMPLES.items():
        assert name in cmds, f"examples for an unknown command `tracker {name}`"
        opts = {o for p in cmds[name].params for o in getattr(p, "opts", [])}
        for line in lines:
            words = shlex.split(line)
            assert words[0] == "tracker"
            flags = [w for w in words[1:] if w.startswith("-")]
            unknown = [f for f in flags if f not in opts | glob]
            assert not unknown, f"`{line}`: {unknown} are not options of `tracker {name}`"
            assert f" {name}" in line, f"`{line}` is not an example of `tracker {name}`"
