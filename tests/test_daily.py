"""The daily job end to end: real store, real SMTP and HTTP servers on 127.0.0.1, faults, idempotency."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from dbconn import db_connect
from remind_helpers import add_contract, ob
from remind_servers import free_port, http_server, smtp_server
from typer.testing import CliRunner

from tracker.cli import app
from tracker.config import Config, Delivery, Smtp
from tracker.daily import run_daily
from tracker.store import outbox

DUE = date(2025, 3, 17)
ROOT = Path(__file__).resolve().parents[1]


def cfg(smtp_port: int | None = None, **delivery: object) -> Config:
    d = {"channels": (), "backoff_seconds": 0.0, "timeout_seconds": 2.0, "retries_in_run": 0, **delivery}
    return Config(delivery=Delivery(**d),  # type: ignore[arg-type]
                  smtp=Smtp(host="127.0.0.1", port=smtp_port or 1, security="none", sender="tracker@test"))


def assign(db: Path, cid: int | None, party: str, kind: str, address: str, fmt: str = "generic") -> None:
    with outbox.connect(db) as conn:
        outbox.add_recipient(conn, cid, party, kind, address, fmt)


def outbox_rows(db: Path) -> list[tuple]:
    with db_connect(db) as c:
        return c.execute("SELECT obligation_id, reason, for_date, channel, status, attempts FROM reminder_outbox"
                         " ORDER BY id").fetchall()


@pytest.fixture
def contract(db_path: Path) -> int:
    return add_contract(db_path, [
        ob("payment", DUE, title="首期款 30%", amount="150000.00"),
        ob("data_delivery", DUE + timedelta(days=3), title="训练数据交付", clause="1.3"),
        ob("model_delivery", None, party="provider", title="模型交付", clause="2.1",
           trigger={"event": "data_delivery", "offset": "P30D", "business_days": False}),
    ])


def test_email_digest_and_webhooks_arrive_once(db_path: Path, contract: int) -> None:
    with smtp_server() as mail, http_server() as hook, http_server() as ding:
        assign(db_path, contract, "client", "email", "fin@client.test")
        assign(db_path, contract, "both", "webhook", hook.url, "generic")
        assign(db_path, None, "provider", "webhook", ding.url, "dingtalk")  # every contract, provider side
        c = cfg(mail.port)
        r = run_daily(db_path, DUE + timedelta(days=2), config=c)  # payment 2 days late, data due tomorrow
        assert r.ok and r.failed == []
        reasons = sorted((x["reason"], x["title"]) for x in hook.reminders())
        # the first run ever: the overdue instalment and its penalty come as one digest (tracker.first_digest)
        assert reasons == [("due_in_1d", "训练数据交付"),
                           ("overdue_digest", "first reminder run: 1 obligation already overdue")]
        digest = next(x for x in hook.reminders() if x["reason"] == "overdue_digest")
        assert [(i["title"], i["days_late"]) for i in digest["items"]] == [("首期款 30%", 2)]
        penalty = digest["items"][0]
        assert penalty["accrued"] == "1500.00"  # 150,000.00 x 0.005 x 2 days
        assert penalty["suspension_date"] == "2025-04-17" and penalty["penalty_clause"] == "7.2"
        assert len(mail.messages) == 1  # one digest per recipient per day
        body = mail.messages[0].get_payload(decode=True).decode()
        assert "首期款 30%" in body and "1500.00" in body and "训练数据交付" in body
        assert ding.received == []  # nothing for the provider today
        # the same day again: nothing new anywhere
        r2 = run_daily(db_path, DUE + timedelta(days=2), config=c)
        assert r2.delivered == [] and r2.new == 0
        assert len(mail.messages) == 1 and len(hook.reminders()) == 2
        # the data is now late: the provider's model delivery is at risk (DingTalk, provider side)
        r3 = run_daily(db_path, DUE + timedelta(days=5), config=c)
        assert r3.ok
        assert len(ding.received) == 1 and "模型交付" in ding.received[0]["markdown"]["text"]
        assert "data_delivery" in ding.received[0]["markdown"]["text"]
        everything = json.dumps(hook.received + ding.received, ensure_ascii=False) + body
    assert "SECRET-QUOTE" not in everything and "full contract text" not in everything


def test_server_down_is_retried_on_a_later_run(db_path: Path, contract: int) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    assign(db_path, contract, "both", "webhook", url)
    c = cfg()
    r = run_daily(db_path, DUE, config=c)
    assert not r.ok and r.delivered == [] and "refused" in r.failed[0]["error"].lower()
    with outbox.connect(db_path) as conn:
        failed = outbox.listing(conn, failed=True)
    assert [(f["status"], f["attempts"], f["reason"]) for f in failed] == [("retry", 1, "due_today")]
    with http_server(port=port) as hook:
        r2 = run_daily(db_path, DUE + timedelta(days=1), config=c)  # a later run (next day)
        got = Counter((x["reason"], x["for_date"]) for x in hook.reminders())
    assert r2.ok
    assert got[("due_today", DUE.isoformat())] == 1  # yesterday's, retried
    assert got[("overdue", (DUE + timedelta(days=1)).isoformat())] == 1


def test_http_500_backs_off_then_gives_up_visibly(db_path: Path, contract: int) -> None:
    t = [1000.0]
    c = cfg(backoff_seconds=60.0, max_attempts=3)
    with http_server(mode="500") as hook:
        assign(db_path, contract, "both", "webhook", hook.url)
        assert not run_daily(db_path, DUE, config=c, clock=lambda: t[0]).ok  # attempt 1
        assert run_daily(db_path, DUE, config=c, clock=lambda: t[0]).failed == []  # backing off: not tried
        t[0] += 61
        assert "HTTP 500" in run_daily(db_path, DUE, config=c, clock=lambda: t[0]).failed[0]["error"]  # 2
        t[0] += 119
        assert run_daily(db_path, DUE, config=c, clock=lambda: t[0]).failed == []  # 120 s backoff now
        t[0] += 2
        assert not run_daily(db_path, DUE, config=c, clock=lambda: t[0]).ok  # attempt 3: gives up
    assert [(s, a) for *_, s, a in outbox_rows(db_path)] == [("failed", 3)]
    res = CliRunner().invoke(app, ["reminders", "--failed", "--json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert rows[0]["status"] == "failed" and "HTTP 500" in rows[0]["last_error"]


def test_timeout_then_recovery(db_path: Path, contract: int) -> None:
    c = cfg(timeout_seconds=0.3)
    with http_server(mode="slow", delay=1.5) as hook:
        assign(db_path, contract, "both", "webhook", hook.url)
        r = run_daily(db_path, DUE, config=c)
        assert "timed out" in r.failed[0]["error"]
        hook.mode = "ok"
        r2 = run_daily(db_path, DUE, config=c)
        assert r2.ok and [x["reason"] for x in r2.delivered] == ["due_today"]


def test_dry_run_writes_and_sends_nothing(db_path: Path, contract: int) -> None:
    with http_server() as hook:
        assign(db_path, contract, "both", "webhook", hook.url)
        r = run_daily(db_path, DUE, config=cfg(), dry_run=True)
        assert [x["reason"] for x in r.would_send] == ["due_today"] and hook.received == []
    assert outbox_rows(db_path) == []


def test_evaluation_shortfall_and_calendar_warning(db_path: Path) -> None:
    from tracker.store import Store

    cid = add_contract(db_path, [
        ob("evaluation_report", date(2025, 6, 30), party="provider", title="评估报告", clause="2.4",
           metrics={"recall": "0.90"}),
        ob("payment", date(2031, 3, 17), title="尾款", amount="50000.00"),
    ], metrics_targets={"recall": "0.90"}, title="评估合同")
    with Store(db_path) as st:
        st.evaluate(cid, {"recall": Decimal("0.88")}, date(2025, 6, 20))
    with http_server() as hook:
        assign(db_path, cid, "both", "webhook", hook.url)
        run_daily(db_path, date(2025, 6, 21), config=cfg())
        run_daily(db_path, date(2025, 6, 22), config=cfg())
        got = [x for x in hook.reminders() if x["reason"] == "evaluation_shortfall"]
        assert len(got) == 1 and got[0]["metrics"]["recall"] == {"measured": "0.88", "target": "0.90"}
        from tracker.periods import calendar_years

        if calendar_years()[1] < 2031:
            run_daily(db_path, date(2031, 1, 20), config=cfg())
            cal = [x for x in hook.reminders() if x["reason"] == "calendar_uncovered"]
            assert len(cal) == 1 and cal[0]["due_date"] == "2031-03-17"


def test_penalty_snapshot_recorded_daily(db_path: Path, contract: int) -> None:
    run_daily(db_path, DUE + timedelta(days=10), config=cfg())
    run_daily(db_path, DUE + timedelta(days=10), config=cfg())
    with db_connect(db_path) as c:
        snaps = c.execute("SELECT for_date, days, balance, penalty, suspend_from FROM penalty_snapshots").fetchall()
    assert snaps == [("2025-03-27", 10, "150000.00", "7500.00", "2025-04-17")]


# ------------------------------------------------------------------------------ CLI and processes


def _env(db: Path, tmp: Path, smtp_port: int, extra: str = "") -> dict[str, str]:
    conf = tmp / "config.toml"
    conf.write_text(f'[delivery]\nchannels = []\nbackoff_seconds = 0\nretries_in_run = 0\ntimeout_seconds = 5\n{extra}'
                    f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "none"\n')
    return {**os.environ, "TRACKER_DB": str(db), "TRACKER_CONFIG": str(conf), "PYTHONPATH": str(ROOT)}


def test_two_processes_deliver_every_reminder_exactly_once(db_path: Path, tmp_path: Path) -> None:
    items = [ob("payment", DUE, title=f"第{i}期", amount="1000.00") for i in range(120)]
    cid = add_contract(db_path, items)
    with smtp_server() as mail, http_server() as hook:
        assign(db_path, cid, "both", "webhook", hook.url)
        assign(db_path, cid, "both", "email", "fin@client.test")
        env = _env(db_path, tmp_path, mail.port)
        cmd = [sys.executable, "-m", "tracker", "remind", "--as-of", DUE.isoformat(), "--json"]
        procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
        ids = Counter(x["obligation_id"] for x in hook.reminders())
        assert len(ids) == 120 and set(ids.values()) == {1}  # every one, exactly once, at the server
        assert len(mail.messages) == 1  # one digest, not one per process
        assert mail.messages[0].get_payload(decode=True).decode().count("第") == 120
        delivered = [x for o in outs for x in json.loads(o[0])]
        assert Counter(x["channel"].split(":")[0] for x in delivered) == {"generic": 120, "email": 120}
        for key in ("obligation_id", "contract_id", "kind", "reason", "due_date", "for_date", "channel"):
            assert key in delivered[0]


def test_cli_remind_exit_1_on_failure_and_json(db_path: Path, tmp_path: Path, contract: int,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    conf = tmp_path / "c.toml"
    conf.write_text("[delivery]\nchannels = ['log']\nbackoff_seconds = 0\nretries_in_run = 0\n")
    monkeypatch.setenv("TRACKER_CONFIG", str(conf))
    url = f"http://127.0.0.1:{free_port()}/hook"
    res = runner.invoke(app, ["assign", str(contract), "--party", "client", "--webhook", url,
                              "--webhook-format", "wecom"])
    assert res.exit_code == 0 and "wecom:127.0.0.1#" in res.output
    res = runner.invoke(app, ["remind", "--as-of", DUE.isoformat(), "--json"])
    assert res.exit_code == 1
    assert "delivery to wecom:127.0.0.1#" in res.stderr
    delivered = json.loads(res.stdout)
    assert [(d["channel"], d["reason"]) for d in delivered] == [("log", "due_today")]
    log = db_path.parent / "reminders.jsonl"
    assert json.loads(log.read_text().splitlines()[0])["reason"] == "due_today"
    res = runner.invoke(app, ["reminders", "--json"])
    assert {r["status"] for r in json.loads(res.stdout)} == {"retry"}  # sent ones: only the last week
    res = runner.invoke(app, ["schedule", "status", "--json"])
    st = json.loads(res.stdout)
    assert st["last_run"] == DUE.isoformat() and st["pending"] == 1 and st["failed"] == 0
    res = runner.invoke(app, ["remind", "--as-of", DUE.isoformat(), "--dry-run", "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout) == []


@pytest.mark.parametrize("args,msg", [
    (["assign", "1"], "at least one --email or --webhook"),
    (["assign", "x1", "--email", "a@b.test"], "must be an id or 'all'"),
    (["assign", "1", "--email", "not-an-address"], "not an e-mail address"),
    (["assign", "1", "--webhook", "ftp://x"], "http:// or https://"),
    (["assign", "999", "--email", "a@b.test"], "no contract with id 999"),
    (["remind", "--as-of", "2025-02-30"], "not a valid date"),
])
def test_cli_errors_are_one_line(contract: int, args: list[str], msg: str) -> None:
    res = CliRunner().invoke(app, args)
    assert res.exit_code != 0 and msg in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_config_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CONFIG", str(tmp_path / "c.toml"))
    monkeypatch.setenv("TRACKER_SMTP_PASSWORD", "hunter2")
    res = CliRunner().invoke(app, ["config", "show"])
    assert res.exit_code == 0 and "payment = [7, 3, 1, 0]" in res.stdout and "hunter2" not in res.stdout
    assert "not present: defaults" in res.stdout
    js = json.loads(CliRunner().invoke(app, ["config", "show", "--json"]).stdout)
    assert js["policy"]["lead_days"]["contract_expiry"] == [60, 30, 7] and js["smtp"]["password_set"] is True
