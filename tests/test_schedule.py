"""The scheduler: catch-up with the clock passed in, the cron job, clean shutdown on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time as _time
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from remind_helpers import add_contract, ob
from remind_servers import http_server

from tracker.config import Config, Delivery
from tracker.schedule import Daily, build, days_to_run, next_run, parse_at, status
from tracker.store import outbox

TZ = ZoneInfo("Asia/Shanghai")
ROOT = Path(__file__).resolve().parents[1]


def at(d: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(d, time(hh, mm), tzinfo=TZ)


def test_days_to_run() -> None:
    d = date(2025, 3, 20)
    assert days_to_run(date(2025, 3, 16), at(d, 10), time(9)) == [date(2025, 3, x) for x in (17, 18, 19, 20)]
    assert days_to_run(date(2025, 3, 16), at(d, 8), time(9)) == [date(2025, 3, x) for x in (17, 18, 19)]
    assert days_to_run(d, at(d, 10), time(9)) == []
    assert days_to_run(None, at(d, 10), time(9)) == [d]
    assert days_to_run(None, at(d, 8), time(9)) == []
    assert next_run(at(d, 8), time(9)) == at(d, 9)
    assert next_run(at(d, 9), time(9)) == at(d + timedelta(days=1), 9)
    with pytest.raises(ValueError):
        parse_at("25:00")


def test_three_days_down_catches_up_each_day_once(db_path: Path) -> None:
    d0 = date(2025, 3, 14)  # last completed day
    cid = add_contract(db_path, [
        ob("payment", d0 + timedelta(days=2), title="首期款", amount="150000.00"),  # due in the gap
        ob("data_delivery", d0 + timedelta(days=8), title="数据", clause="1.3"),  # 7-day lead in the gap
        ob("renewal_notice", d0 + timedelta(days=3), title="续约通知", clause="5.2", party="both"),
    ])
    cfg = Config(delivery=Delivery(channels=(), backoff_seconds=0, retries_in_run=0))
    with http_server() as hook:
        with outbox.connect(db_path) as conn:
            outbox.add_recipient(conn, cid, "both", "webhook", hook.url)
            outbox.record_day(conn, d0, 0.0, planned=0, delivered=0, failed=0, runner="schedule")
        now = [at(d0 + timedelta(days=4), 9, 30)]  # down on the 15th, 16th, 17th; it is the 18th
        daily = Daily(db_path, time(9), TZ, clock=lambda: now[0], config=cfg)
        runs = daily.tick()
        assert [r.day for r in runs] == [d0 + timedelta(days=i) for i in (1, 2, 3, 4)]
        with outbox.connect(db_path) as conn:
            assert outbox.completed_days(conn) == [d0 + timedelta(days=i) for i in range(5)]
        got = Counter((x["title"], x["reason"], x["for_date"]) for x in hook.reminders())
        today = (d0 + timedelta(days=4)).isoformat()
        # what fell due in the gap is announced as overdue today, once, not skipped and not per day
        assert got[("首期款", "overdue", today)] == 1
        assert got[("首期款", "penalty", today)] == 1
        assert not [k for k in got if k[0] == "首期款" and k[1].startswith("due_")]
        assert got[("续约通知", "passed", today)] == 1  # a deadline that passed is said, not chased
        assert got[("数据", "due_in_7d", (d0 + timedelta(days=1)).isoformat())] == 1  # still ahead: kept
        assert set(got.values()) == {1}
        penalty = next(x for x in hook.reminders() if x["reason"] == "penalty")
        assert penalty["accrued"] == "1500.00"  # as of today: 2 days late
        # a second tick the same day (or a second scheduler) delivers nothing
        n = len(hook.received)
        assert [r.day for r in daily.tick()] == []
        now[0] = at(d0 + timedelta(days=5), 9, 0)
        assert [r.day for r in daily.tick()] == [d0 + timedelta(days=5)]
        assert len(hook.received) > n
        assert Counter((x["title"], x["reason"], x["for_date"]) for x in hook.reminders())[
            ("首期款", "overdue", (d0 + timedelta(days=5)).isoformat())] == 1


def test_the_cron_job_is_one_in_memory_daily_job(db_path: Path) -> None:
    daily = Daily(db_path, time(7, 45), TZ, clock=lambda: at(date(2025, 3, 1), 12))
    sched = build(daily)
    jobs = sched.get_jobs()
    assert len(jobs) == 1
    trig = jobs[0].trigger
    fields = {f.name: str(f) for f in trig.fields}
    assert (fields["hour"], fields["minute"]) == ("7", "45") and str(trig.timezone) == "Asia/Shanghai"
    assert sched._job_defaults["misfire_grace_time"] is None and sched._job_defaults["coalesce"] is True


def test_schedule_start_runs_catch_up_and_stops_cleanly_on_sigterm(db_path: Path, tmp_path: Path) -> None:
    today = datetime.now(TZ).date()
    cid = add_contract(db_path, [ob("payment", today - timedelta(days=2), title="首期款", amount="1000.00")])
    conf = tmp_path / "c.toml"
    conf.write_text("[delivery]\nchannels = []\nbackoff_seconds = 0\nretries_in_run = 0\n")
    with http_server() as hook:
        with outbox.connect(db_path) as conn:
            outbox.add_recipient(conn, cid, "both", "webhook", hook.url)
            outbox.record_day(conn, today - timedelta(days=4), 0.0, planned=0, delivered=0, failed=0,
                              runner="schedule")
        env = {**os.environ, "TRACKER_DB": str(db_path), "TRACKER_CONFIG": str(conf), "PYTHONPATH": str(ROOT)}
        started = datetime.now(TZ)
        at_time = started + timedelta(hours=2)
        hhmm = at_time.strftime("%H:%M")
        # two hours from now is tomorrow after 22:00: today's run time has then passed, so today is
        # caught up too (the test must not depend on the hour it runs at)
        today_passed = at_time.date() != today
        p = subprocess.Popen([sys.executable, "-m", "tracker", "schedule", "start", "--at", hhmm,
                              "--tz", "Asia/Shanghai"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
        try:
            deadline = _time.monotonic() + 60
            line = ""
            while "scheduler running" not in line and _time.monotonic() < deadline:
                line = p.stdout.readline() if p.stdout else ""
                assert line or p.poll() is None, p.stderr.read() if p.stderr else ""
            st = status(db_path, datetime.now(TZ), time(9))
            assert st["scheduler_running"] is True and f"T{hhmm}+08:00" in st["next_run"]
            p.send_signal(signal.SIGTERM)
            out, err = p.communicate(timeout=30)
        finally:
            if p.poll() is None:
                p.kill()
        assert p.returncode == 0, err
        assert "scheduler stopped" in out
        assert hook.reminders() and {x["reason"] for x in hook.reminders()} >= {"overdue"}
    st = status(db_path, datetime.now(TZ), time(9))
    assert st["scheduler_running"] is False and st["pending"] == 0
    with outbox.connect(db_path) as conn:
        days = outbox.completed_days(conn)
    # 3 missed days caught up, and today once its 'at' has passed
    want = [today - timedelta(days=i) for i in (3, 2, 1)] + ([today] if today_passed else [])
    assert days[-len(want):] == want
