"""Five delivering processes on one database: three `tracker schedule start` (catching up a missed
day) and two `tracker remind` for that day, to a local SMTP and a local webhook server. One scheduler
is SIGKILLed mid-run; a `tracker remind` afterwards gives its claimed rows back and sends them.

Counted at the servers: no reminder lost, none twice except at most the one the killed process had
on the wire (at-least-once across a crash), on SQLite and on PostgreSQL (FOR UPDATE SKIP LOCKED).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dbconn import db_connect
from remind_helpers import add_contract, ob
from remind_servers import http_server, smtp_server

from tracker.store import outbox

ROOT = Path(__file__).resolve().parents[1]
TZ = ZoneInfo("Asia/Shanghai")
CONTRACTS, PER = 4, 150  # 600 payments due on the missed day: 1,200 webhooks + 1,200 digest lines


def _wait(cond: object, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if cond():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_three_schedulers_two_reminders_one_killed(db_path: Path, tmp_path: Path) -> None:
    day = datetime.now(TZ).date() - timedelta(days=1)  # yesterday: the day the schedulers catch up
    for c in range(CONTRACTS):
        add_contract(db_path, [ob("payment", day, title=f"第{c}-{i}期", amount="1000.00") for i in range(PER)],
                     title=f"合同{c}")
    n = CONTRACTS * PER
    with smtp_server() as mail, http_server() as hook:
        conf = tmp_path / "c.toml"
        conf.write_text("[delivery]\nchannels = []\nbackoff_seconds = 0\nretries_in_run = 0\ntimeout_seconds = 10\n"
                        f'[smtp]\nhost = "127.0.0.1"\nport = {mail.port}\nsecurity = "none"\n')
        env = {**os.environ, "TRACKER_DB": getattr(db_path, "url", str(db_path)), "TRACKER_CONFIG": str(conf),
               "PYTHONPATH": str(ROOT), "TRACKER_BUSY_TIMEOUT": "30"}
        for how in (["--webhook", hook.url], ["--email", "fin@client.test"]):
            subprocess.run([sys.executable, "-m", "tracker", "assign", "all", "--party", "both", *how],
                           env=env, check=True, capture_output=True)
        with outbox.connect(db_path) as conn:  # the day before was done: the schedulers catch up `day`
            outbox.record_day(conn, day - timedelta(days=1), 0.0, planned=0, delivered=0, failed=0,
                              runner="schedule")
        # today's own run: later today, so not in the test (two hours from now is tomorrow after 22:00)
        started = datetime.now(TZ)
        later = started + timedelta(hours=2)
        hhmm = later.strftime("%H:%M") if later.date() == started.date() or started.hour * 60 + started.minute >= 23 * 60 + 50 \
            else "23:59"
        sched = [sys.executable, "-m", "tracker", "schedule", "start", "--at", hhmm, "--tz", "Asia/Shanghai"]
        remind = [sys.executable, "-m", "tracker", "remind", "--as-of", day.isoformat()]
        procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                 for cmd in (sched, sched, sched, remind, remind)]
        victim = procs[0]
        try:
            assert _wait(lambda: len(hook.received) >= n // 5, 300), "no delivery started"
            os.kill(victim.pid, signal.SIGKILL)
            victim.wait()
            assert victim.returncode == -signal.SIGKILL
            for p in procs[3:]:
                _, err = p.communicate(timeout=300)
                assert p.returncode in (0, 1), err
            with outbox.connect(db_path) as conn:  # the live schedulers drain what they planned
                assert _wait(lambda: outbox.counts(conn)["pending"] == 0, 120)
        finally:
            for p in procs[1:3]:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in procs:
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    p.kill()
        for p in procs[1:3]:
            assert p.returncode == 0, p.stderr.read() if p.stderr else ""
        # the killed scheduler's claimed rows: given back (their owner is dead) and sent by the next run
        r = subprocess.run(remind, env=env, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        hooks = Counter((x["obligation_id"], x["reason"], x["for_date"]) for x in hook.reminders())
        digests = [(m["Subject"], tuple(sorted(re.findall(r"第\d+-\d+期", m.get_payload(decode=True).decode()))))
                   for m in mail.messages]
    # each obligation: "due today" for the missed day (both kinds of process plan it) and "overdue"
    # as of today (the schedulers' catch-up) -- two reminders, at each server
    assert {k[1] for k in hooks} == {"due_today", "overdue"} and len(hooks) == 2 * n  # none lost
    # every obligation's two reminders are lines of the digests; a digest covers the days pending for
    # the recipient when it is sent (one a day, or both days in one when a run found both planned:
    # which happens depends on how fast the processes run, so the test accepts either)
    subjects = {s for s, _ in digests}
    titles = Counter(t for s, ts in {(s, ts) for s, ts in digests} for t in ts)
    assert len(titles) == n and set(titles.values()) == {2}, titles.most_common(3)
    assert {d for s in subjects for d in re.findall(r"\d{4}-\d{2}-\d{2}", s)} == {day.isoformat(), (day + timedelta(days=1)).isoformat()}
    # at most the one message on the wire when the scheduler died arrives twice (a webhook or a digest)
    repeated = sum(v - 1 for v in hooks.values()) + len(digests) - len(subjects)
    assert repeated <= 1, (repeated, [s for s, _ in digests])
    with db_connect(db_path) as c:
        assert c.execute("SELECT status, count(*) FROM reminder_outbox GROUP BY status").fetchall() \
            == [("sent", 4 * n)]  # 2 reasons x 2 channels
