"""Two processes recording on one database at once: no lost update, no "database is locked"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from dbconn import db_connect, is_pg

from tracker.model import ParseResult
from tracker.store.write import Store

FIX = Path(__file__).parent / "fixtures" / "store"

# Each worker waits for the start file, then runs its commands through the real CLI (each one
# opens its own store and commits its own BEGIN IMMEDIATE transaction) and prints one JSON line
# per command: [args, exit code, output].
WORKER = r"""
import json, os, sys, time
from pathlib import Path
from typer.testing import CliRunner
from tracker.cli import app

start = Path(sys.argv[1])
commands = json.loads(sys.argv[2])
while not start.exists():
    time.sleep(0.005)
runner = CliRunner()
for args in commands:
    r = runner.invoke(app, args)
    print(json.dumps([args, r.exit_code, r.output]), flush=True)
"""

PAYS = 25
AMOUNT = Decimal("100.00")


def _ids(db: Path, sql: str, *args: object) -> list[int]:
    with db_connect(db) as c:
        return [r[0] for r in c.execute(sql, args)]


def test_two_processes_pay_and_done_at_once(tmp_path: Path, db_path: Path) -> None:
    with Store(db_path) as s:
        for name in ("p01-xinghe-intent", "p02-yunqi-bill-ocr"):
            d = json.loads((FIX / f"{name}.expected.json").read_text(encoding="utf-8"))
            s.add_parsed(ParseResult.from_json(d))
    first = _ids(db_path, "SELECT id FROM obligations WHERE contract_id = 1 AND kind = 'payment'"
                          " AND due_date IS NOT NULL ORDER BY due_date, id")[0]
    others = _ids(db_path, "SELECT id FROM obligations WHERE kind != 'payment' AND recurrence IS NULL"
                           " AND status = 'pending' ORDER BY id")
    assert len(others) >= 6
    contested = others[0]  # both processes mark this one done: exactly one may succeed

    def commands(mine: list[int]) -> list[list[str]]:
        out = [["done", str(contested), "--on", "2025-06-02"]]
        for i in range(PAYS):
            out.append(["pay", "1", "--amount", str(AMOUNT), "--on", "2025-06-01", "--json"])
            if i < len(mine):
                out.append(["done", str(mine[i]), "--on", "2025-06-02", "--json"])
        return out

    start = tmp_path / "go"
    env = {**os.environ, "TRACKER_DB": str(db_path), "TRACKER_BUSY_TIMEOUT": "10"}
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(start), json.dumps(commands(mine))],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for mine in (others[1::2], others[2::2])]
    time.sleep(0.5)  # both have imported and are polling
    start.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results += [json.loads(line) for line in out.splitlines()]

    assert not [r for r in results if "locked" in r[2].lower() or "busy" in r[2].lower()]
    contest = [r for r in results if r[0][:2] == ["done", str(contested)]]
    assert sorted(r[1] == 0 for r in contest) == [False, True]  # one wins; the other is told, not locked
    assert "already fulfilled" in next(r[2] for r in contest if r[1] != 0)
    failed = [r for r in results if r[1] != 0 and r not in contest]
    assert not failed, failed

    with db_connect(db_path) as c:
        if not is_pg(db_path):
            assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = c.execute("SELECT count(*) FROM payments").fetchone()[0]
        paid, = c.execute("SELECT paid FROM obligations WHERE id = ?", (first,)).fetchone()
        allocated = [Decimal(a) for (a,) in c.execute("SELECT amount FROM payment_allocations")]
        statuses = dict(c.execute("SELECT id, status FROM obligations"))
        events = c.execute("SELECT count(*) FROM obligation_events WHERE obligation_id = ?",
                           (contested,)).fetchone()[0]
    assert n == 2 * PAYS
    assert Decimal(paid) == sum(allocated) == 2 * PAYS * AMOUNT  # no payment lost its allocation
    assert all(statuses[i] == "fulfilled" for i in others)
    assert events == 1  # the contested obligation was fulfilled once
