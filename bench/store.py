"""Benchmark of the store's read path and of `tracker add` (prints figures; not a test).

    .venv/bin/python bench/store.py [--contracts 10000] [--big 100000] [--add 1000] [--runs 7]

1. builds a database of N contracts x 10 obligations directly with SQL (schema by the real
   migrations), contracts spread over 2000-2025, past obligations mostly fulfilled;
2. times `tracker upcoming --days 30` as a whole process against a bare script that runs the
   same query with stdlib sqlite3 and prints it with a Rich table (median of several runs);
3. times the query in-process at 100,000 and at 1,000,000 obligations;
4. times `tracker add DIR` of 1,000 contract files (variants of a corpus contract);
5. reports the peak RSS of each process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
TRACKER = [PY, "-m", "tracker"]
AS_OF = date(2025, 6, 25)

BARE = r'''
import sqlite3, sys
from rich.console import Console
from rich.table import Table
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "SELECT o.id, o.contract_id, o.kind, o.party, o.title, o.due_date, o.amount, o.status, o.clause, c.title "
    "FROM obligations o JOIN contracts c ON c.id = o.contract_id "
    "WHERE o.status IN ('pending','overdue') AND o.due_date <= ? ORDER BY o.due_date, o.id", (sys.argv[2],)
).fetchall()
rows += conn.execute(
    "SELECT o.id, o.contract_id, o.kind, o.party, o.title, o.due_date, o.amount, o.status, o.clause, c.title "
    "FROM obligations o JOIN contracts c ON c.id = o.contract_id "
    "WHERE o.status IN ('pending','overdue') AND o.due_date IS NULL ORDER BY o.contract_id, o.id").fetchall()
t = Table()
for col in ("id", "contract", "kind", "party", "title", "due", "amount", "status", "clause", "contract title"):
    t.add_column(col)
for r in rows:
    t.add_row(*("" if v is None else str(v) for v in r))
Console(soft_wrap=False, highlight=False).print(t)
'''

KINDS = [("data_delivery", "client", None), ("model_delivery", "provider", None),
         ("evaluation_report", "provider", None), ("payment", "client", "150000.00"),
         ("payment", "client", "200000.00"), ("payment", "client", "150000.00"),
         ("progress_report", "provider", None), ("renewal_notice", "both", None),
         ("contract_expiry", "both", None), ("confidentiality_expiry", "both", None)]
OFFSETS = [10, 140, 150, 15, 120, 170, 30, 153, 184, 1280]


def build(db: Path, contracts: int, seed: int = 7) -> int:
    """A database of ``contracts`` x 10 obligations; returns the number of obligations."""
    from tracker.store.write import Store

    if db.exists():
        db.unlink()
    Store(db).close()  # the real schema via the real migrations
    rnd = random.Random(seed)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    start = date(2000, 1, 1)  # 26 years of history: most obligations are long fulfilled
    span = (AS_OF + timedelta(days=30) - start).days
    crows, vrows, orows = [], [], []
    oid = 0
    for cid in range(1, contracts + 1):
        eff = start + timedelta(days=rnd.randrange(span))
        title = f"模型训练项目 {cid:06d}"
        facts = json.dumps({"title": title, "effective_date": eff.isoformat(), "total_fee": "500000.00"},
                           ensure_ascii=False)
        crows.append((cid, title, f"提供方{cid % 97}有限公司", f"需求方{cid % 89}有限公司", "zh-Hans", "CNY",
                      f"c{cid}.txt", f"{cid:064x}", facts, cid, "2025-01-01T00:00:00+00:00"))
        vrows.append((cid, cid, 1, "original", f"c{cid}.txt", f"{cid:064x}", "zh-Hans", "{}", "", "2025-01-01"))
        for (kind, party, amount), off in zip(KINDS, OFFSETS, strict=True):
            oid += 1
            due = eff + timedelta(days=off)
            waiting = kind in ("evaluation_report",) or (kind == "payment" and amount == "150000.00" and off > 100)
            due_s = None if waiting else due.isoformat()
            past = due < AS_OF - timedelta(days=45)
            status = "fulfilled" if (past and rnd.random() < 0.995) or (waiting and eff < AS_OF - timedelta(days=200)) \
                else "pending"
            orows.append((oid, cid, cid, kind, party, f"{kind} {cid}", due_s, amount, "CNY", "4.2", "quote",
                          "{}", status))
    conn.executemany("INSERT INTO contracts (id, title, provider, client, language, currency, file, sha256, facts,"
                     " current_version_id, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", crows)
    conn.executemany("INSERT INTO contract_versions (id, contract_id, version, reason, file, sha256, language,"
                     " document, text, added_at) VALUES (?,?,?,?,?,?,?,?,?,?)", vrows)
    conn.executemany("INSERT INTO obligations (id, contract_id, version_id, kind, party, title, due_date, amount,"
                     " currency, clause, quote, parsed, status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", orows)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    return oid


def run_timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB, exit status) of one process, stdout discarded."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss // 1024, proc.returncode


def median_run(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, int]:
    times, peak = [], 0
    run_timed(cmd, env)  # warm the page cache
    for _ in range(runs):
        t, rss, rc = run_timed(cmd, env)
        if rc != 0:
            raise SystemExit(f"{' '.join(cmd)} exited with {rc}")
        times.append(t)
        peak = max(peak, rss)
    return statistics.median(times), peak


def query_ms(db: Path, runs: int) -> tuple[float, int]:
    from tracker.store.read import upcoming_query

    conn = sqlite3.connect(db)
    times, n = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        n = len(upcoming_query(conn, as_of=AS_OF, days=30))
        times.append((time.perf_counter() - t) * 1000)
    conn.close()
    return statistics.median(times), n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--contracts", type=int, default=10_000)
    ap.add_argument("--big", type=int, default=100_000, help="contracts in the 1,000,000-obligation database")
    ap.add_argument("--add", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        tmpd = Path(tmp)
        db = tmpd / "bench.db"
        t = time.perf_counter()
        n = build(db, args.contracts)
        print(f"built {args.contracts:,} contracts / {n:,} obligations in {time.perf_counter() - t:.1f} s")
        bare = tmpd / "bare.py"
        bare.write_text(BARE)
        env = {**os.environ, "TRACKER_DB": str(db)}
        t_bare, rss_bare = median_run([PY, str(bare), str(db), (AS_OF + timedelta(days=30)).isoformat()], args.runs)
        t_cli, rss_cli = median_run([*TRACKER, "upcoming", "--days", "30", "--as-of", AS_OF.isoformat()],
                                    args.runs, env)
        q100, rows = query_ms(db, args.runs * 3)
        print(f"upcoming rows: {rows:,}")
        print(f"bare sqlite3+Rich script:         {t_bare * 1000:7.1f} ms  (peak {rss_bare} MB)")
        print(f"`tracker upcoming --days 30`:     {t_cli * 1000:7.1f} ms  (peak {rss_cli} MB)  "
              f"ratio {t_cli / t_bare:.2f}x (target <= 2x)")
        print(f"query in-process, {n:,} obligations: {q100:6.2f} ms (target <= 20 ms)")

        big = tmpd / "big.db"
        t = time.perf_counter()
        nb = build(big, args.big)
        print(f"built {args.big:,} contracts / {nb:,} obligations in {time.perf_counter() - t:.1f} s")
        qbig, rows_big = query_ms(big, args.runs * 3)
        print(f"query in-process, {nb:,} obligations: {qbig:6.2f} ms, {rows_big:,} rows (target <= 50 ms)")
        big.unlink()

        folder = tmpd / "add"
        folder.mkdir()
        base = (ROOT / "tests" / "fixtures" / "store" / "p01-xinghe-intent.txt").read_text(encoding="utf-8")
        for i in range(args.add):
            (folder / f"c{i:04d}.txt").write_text(
                base.replace("智能客服意图识别模型训练项目", f"智能客服意图识别模型训练项目第{i + 1}批")
                .replace("上海蓝鲸电子商务有限公司", f"上海蓝鲸{i + 1}号电子商务有限公司"), encoding="utf-8")
        add_env = {**os.environ, "TRACKER_DB": str(tmpd / "add.db")}
        t_add, rss_add, rc = run_timed([*TRACKER, "add", str(folder), "--json"], add_env)
        with sqlite3.connect(tmpd / "add.db") as c:
            added = c.execute("SELECT count(*) FROM contracts").fetchone()[0]
        print(f"`tracker add` of {args.add:,} files: {t_add:6.2f} s, {added:,} contracts stored, exit {rc}, "
              f"peak {rss_add} MB (target <= 15 s)")
        print(f"peak memory of any process: {max(rss_bare, rss_cli, rss_add)} MB (target <= 200 MB)")


if __name__ == "__main__":
    main()
