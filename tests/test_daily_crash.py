"""Crash: SIGKILL `tracker remind` in the middle of 10,000 reminders; the rerun delivers the rest.

Counted at a real HTTP server: nothing is lost, and at most the one message that was on the
wire when the process died arrives twice (at-least-once).
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from dbconn import db_connect
from remind_servers import http_server

ROOT = Path(__file__).resolve().parents[1]
N = 10_000


def _bench() -> object:
    spec = importlib.util.spec_from_file_location("bench_remind", ROOT / "bench" / "remind.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_sigkill_mid_run_loses_nothing(db_path: Path, tmp_path: Path) -> None:
    day = date(2025, 6, 16)
    bench = _bench()
    # 1,000 contracts x 10 payments due today: 10,000 "due today" reminders
    bench.populate(db_path, 1000, day, obligations=[("payment", "client", 0, "1000.00")] * 10)  # type: ignore[attr-defined]
    conf = tmp_path / "c.toml"
    conf.write_text("[delivery]\nchannels = []\nbackoff_seconds = 0\nretries_in_run = 0\ntimeout_seconds = 10\n")
    env = {**os.environ, "TRACKER_DB": str(db_path), "TRACKER_CONFIG": str(conf), "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "tracker", "remind", "--as-of", day.isoformat()]
    with http_server() as hook:
        subprocess.run([sys.executable, "-m", "tracker", "assign", "all", "--party", "both", "--webhook", hook.url],
                       env=env, check=True, capture_output=True)
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 300
        while len(hook.received) < 3000 and time.monotonic() < deadline and p.poll() is None:
            time.sleep(0.01)
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        assert p.returncode == -signal.SIGKILL
        at_kill = len(hook.received)
        assert 3000 <= at_kill < N, "the run must be killed mid-way"
        with db_connect(db_path) as c:
            assert c.execute("SELECT count(*) FROM reminder_outbox WHERE status = 'sent'").fetchone()[0] < N
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        ids = Counter(x["obligation_id"] for x in hook.reminders())
    assert len(ids) == N  # nothing lost
    repeats = [k for k, v in ids.items() if v > 1]
    assert len(repeats) <= 1 and all(ids[k] == 2 for k in repeats)  # at most the in-flight one
    with db_connect(db_path) as c:
        assert c.execute("SELECT status, count(*) FROM reminder_outbox GROUP BY status").fetchall() == [("sent", N)]
