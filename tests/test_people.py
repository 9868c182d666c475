"""People: who did what (--user / $TRACKER_USER / the login name in every history row), what is
mine (assign --to, upcoming --mine) and one digest a day per person. Real SQLite, the real CLI,
real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import ast
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from dbconn import db_connect
from remind_helpers import add_contract, ob
from remind_servers import http_server
from typer.testing import CliRunner

from tracker.cli import app
from tracker.config import Config, Delivery
from tracker.daily import run_daily

FIX = Path(__file__).parent / "fixtures" / "store"
TRACKER = Path(__file__).parent.parent / "tracker"
DUE = date(2025, 3, 17)


def cli(db: Path, *args: str, env: dict[str, str] | None = None) -> str:
    res = CliRunner().invoke(app, ["--db", str(db), *args], env=env)
    assert res.exit_code == 0, res.output
    return res.stdout


def rows(db: Path, sql: str) -> list[tuple]:
    with db_connect(db) as c:
        return c.execute(sql).fetchall()


@pytest.fixture
def contract(db_path: Path) -> int:
    return add_contract(db_path, [
        ob("payment", DUE, title="首期款 30%", amount="150000.00"),  # 1, client
        ob("data_delivery", DUE + timedelta(days=3), title="训练数据交付", clause="1.3"),  # 2, client
        ob("model_delivery", None, party="provider", title="模型交付", clause="2.1",  # 3, provider, waiting
           trigger={"event": "data_delivery", "offset": "P30D", "business_days": False}),
    ])


# ---------------------------------------------------------------------------------- who


def test_user_option_env_and_login_name_are_recorded_as_who(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACKER_USER", raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "os-login")
    cli(db_path, "--user", "alice", "add", str(FIX / "p01-xinghe-intent.txt"))
    cli(db_path, "pay", "1", "--amount", "1000", "--on", "2025-03-20", env={"TRACKER_USER": "bob"})
    cli(db_path, "event", "1", "data_delivery", "--on", "2025-03-21")
    cli(db_path, "--user", "carol", "undo", "3", env={"TRACKER_USER": "bob"})  # the option wins
    history = rows(db_path, "SELECT action, actor, who FROM history ORDER BY id")
    assert [h[0] for h in history][:2] == ["add", "pay"]
    assert {(a, who) for a, _, who in history} >= {("add", "alice"), ("pay", "bob"), ("event", "os-login")}
    assert all(who for _, _, who in history)  # every row says whose command it was
    assert rows(db_path, "SELECT id, kind, actor, who FROM actions ORDER BY id") == [
        (1, "add", "alice", "alice"), (2, "pay", "bob", "bob"), (3, "event", "os-login", "os-login"),
        (4, "undo", "carol", "carol")]
    shown = json.loads(cli(db_path, "show", "1", "--json", "--as-of", "2025-04-01"))
    assert [h["who"] for h in shown["history"] if h["action"] == "pay"] == ["bob"]
    listed = json.loads(cli(db_path, "actions", "--json"))
    assert [a["who"] for a in listed] == ["carol", "os-login", "bob", "alice"]  # newest first


def test_an_empty_user_is_refused(db_path: Path) -> None:
    res = CliRunner().invoke(app, ["--db", str(db_path), "--user", " ", "add", str(FIX / "p01-xinghe-intent.txt")])
    assert res.exit_code == 2 and "--user" in res.stderr


def test_only_the_cli_asks_the_os_or_the_environment_who_is_running() -> None:
    askers = []
    for p in TRACKER.rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        tree = ast.parse(text)
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
        if "getpass" in names or "TRACKER_USER" in strings:
            askers.append(p.relative_to(TRACKER).as_posix())
    assert askers == ["cli_app.py"]


# ---------------------------------------------------------------------------------- mine


def test_upcoming_mine_lists_what_is_assigned_to_me(db_path: Path, contract: int) -> None:
    other = add_contract(db_path, [ob("payment", DUE, title="另一份合同付款", amount="10.00")], title="另一份合同")
    out = json.loads(cli(db_path, "assign", str(contract), "--to", "bob", "--party", "client", "--json"))
    assert out == {"contract_id": contract, "party": "client", "recipients": [], "person": "bob", "assigned": True}
    assert "already assigned" in cli(db_path, "assign", str(contract), "--to", "bob", "--party", "client")
    cli(db_path, "assign", str(contract), "--to", "carol", "--party", "provider")
    cli(db_path, "assign", "all", "--to", "dave")

    def mine(*user: str, env: dict[str, str] | None = None) -> list[int]:
        got = json.loads(cli(db_path, *user, "upcoming", "--mine", "--as-of", "2025-03-10", "--json", env=env))
        return [r["obligation_id"] for r in got]

    assert mine("--user", "bob") == [1, 2]  # the client's two, dated; not the provider's
    assert mine(env={"TRACKER_USER": "carol"}) == [3]  # the provider's delivery, waiting for data
    assert other == 2
    assert mine("--user", "dave") == [1, 4, 2, 3]  # every contract: the other's payment (4) is due on DUE too
    assert mine("--user", "erin") == []
    everyone = json.loads(cli(db_path, "upcoming", "--as-of", "2025-03-10", "--json"))
    assert len(everyone) == 4  # without --mine: unchanged


def test_assign_needs_a_channel_or_a_person(db_path: Path, contract: int) -> None:
    res = CliRunner().invoke(app, ["--db", str(db_path), "assign", str(contract)])
    assert res.exit_code == 2 and "--to" in res.stderr
    res = CliRunner().invoke(app, ["--db", str(db_path), "assign", "99", "--to", "bob"])
    assert res.exit_code != 0 and "no contract with id 99" in res.stderr


# ---------------------------------------------------------------------------------- digests


def cfg() -> Config:
    return Config(delivery=Delivery(channels=(), backoff_seconds=0.0, timeout_seconds=2.0, retries_in_run=0))


def test_a_persons_channel_gets_one_digest_a_day(db_path: Path, contract: int) -> None:
    with http_server() as mine, http_server() as team:
        cli(db_path, "assign", str(contract), "--to", "fin", "--webhook", mine.url)
        cli(db_path, "assign", str(contract), "--webhook", team.url)  # nobody's: one POST per reminder
        assert run_daily(db_path, DUE - timedelta(days=20), config=cfg()).ok  # the first run: nothing due
        day = DUE + timedelta(days=2)  # payment 2 days late (overdue + penalty), data due tomorrow
        r = run_daily(db_path, day, config=cfg())
        assert r.ok
        assert sorted(x["reason"] for x in team.reminders()) == ["due_in_1d", "overdue", "penalty"]
        assert mine.posts == 1 and len(mine.reminders()) == 1
        (digest,) = mine.reminders()
        assert digest["reason"] == "person_digest" and digest["person"] == "fin" and digest["count"] == 3
        assert digest["title"] == "3 reminders for fin on 2025-03-19"
        assert [(i["obligation_id"], i["reason"]) for i in digest["items"]] == [
            (1, "overdue"), (1, "penalty"), (2, "due_in_1d")]
        assert next(i for i in digest["items"] if i["reason"] == "penalty")["accrued"] == "1500.00"
        # the same day again: nothing new on either channel
        again = run_daily(db_path, day, config=cfg())
        assert again.new == 0 and mine.posts == 1 and len(team.reminders()) == 3
        # the next day: a new digest (the overdue payment's daily repeat and its penalty)
        run_daily(db_path, day + timedelta(days=1), config=cfg())
        assert mine.posts == 2 and mine.reminders()[1]["for_date"] == "2025-03-20"


def test_a_single_reminder_is_not_wrapped_in_a_digest(db_path: Path, contract: int) -> None:
    with http_server() as mine:
        cli(db_path, "assign", str(contract), "--to", "fin", "--party", "client", "--webhook", mine.url)
        run_daily(db_path, DUE - timedelta(days=20), config=cfg())
        plan = run_daily(db_path, DUE - timedelta(days=3), config=cfg(), dry_run=True).would_send
        mine_plan = [p for p in plan if p["channel"].startswith("generic:")]
        assert [p["reason"] for p in mine_plan] == ["due_in_3d"]  # the payment alone: as it is
