"""Crash safety: SIGKILL `tracker add DIR` of 200 contracts midway; nothing half-added, rerun completes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

FIX = Path(__file__).parent / "fixtures" / "store"
N = 200


def make_variants(folder: Path) -> None:
    base = (FIX / "p01-xinghe-intent.txt").read_text(encoding="utf-8")
    for i in range(N):
        text = (base.replace("智能客服意图识别模型训练项目", f"智能客服意图识别模型训练项目第{i + 1}批")
                .replace("上海蓝鲸电子商务有限公司", f"上海蓝鲸{i + 1}号电子商务有限公司")
                .replace("XHZS-AI-016", f"XHZS-AI-{i + 1:04d}"))
        (folder / f"c{i:03d}.txt").write_text(text, encoding="utf-8")


def count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as c:
            return c.execute("SELECT count(*) FROM contracts").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_sigkill_midway_leaves_only_complete_contracts(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    make_variants(folder)
    db = tmp_path / "crash.db"
    env = {**os.environ, "TRACKER_DB": str(db)}
    cmd = [sys.executable, "-m", "tracker", "add", str(folder), "--json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count(db) < 40 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = count(db)
    assert 0 < killed_at < N, "the kill must land midway"

    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        per_contract = c.execute(
            "SELECT c.id, (SELECT count(*) FROM obligations o WHERE o.contract_id = c.id),"
            " (SELECT count(*) FROM contract_versions v WHERE v.contract_id = c.id),"
            " (SELECT count(*) FROM history h WHERE h.contract_id = c.id) FROM contracts c").fetchall()
        orphans = c.execute("SELECT count(*) FROM obligations WHERE contract_id NOT IN (SELECT id FROM contracts)"
                            ).fetchone()[0]
    assert orphans == 0
    assert {(n, v, h) for _, n, v, h in per_contract} == {(9, 1, 1)}  # every contract complete

    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    import json

    statuses = [r["status"] for r in json.loads(done.stdout)]
    assert statuses.count("unchanged") >= killed_at and statuses.count("added") == N - statuses.count("unchanged")
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM contracts").fetchone()[0] == N
        assert c.execute("SELECT count(DISTINCT sha256) FROM contract_versions").fetchone()[0] == N
        assert c.execute("SELECT count(DISTINCT title) FROM contracts").fetchone()[0] == N
        assert c.execute("SELECT count(*) FROM obligations").fetchone()[0] == 9 * N
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
