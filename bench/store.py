"""Benchmark of the store's read path and of `tracker add` (prints figures; not a test).

    .venv/bin/python bench/store.py [--contracts 10000] [--big 100000] [--add 1000] [--runs 7]
                                    [--db postgresql://user@host/db]

With ``--db URL`` every figure is measured on PostgreSQL too and printed beside SQLite's: the
benchmark creates (and drops) scratch databases ``tracker_bench_*`` on that server, so the URL's
user needs CREATEDB. ``--pg-local`` starts a throw-away PostgreSQL 16 server of its own on
127.0.0.1 (the ``pgserver`` wheel, as the tests do) and uses that.

1. builds a database of N contracts x 10 obligations directly with SQL (schema by the real
   migrations): a portfolio of 2024-2028 around a fixed as-of (2026-06-25) in which most
   contracts are history (their obligations fulfilled, a few forgotten ones still open) and
   about 1% are live, so `upcoming --days 30` lists a realistic ~200 rows, not thousands;
2. times `tracker upcoming --days 30` as a whole process against a bare script that runs the
   very same SQL (tracker.store.read.UPCOMING_*_SQL) with stdlib sqlite3 and prints it with a
   Rich table (median of several runs);
3. times the query in-process at 100,000 and at 1,000,000 obligations;
4. times `tracker add DIR` of 1,000 contract files (variants of a corpus contract);
5. reports the peak RSS of each process. Each process is started from a small launcher: a
   child forked straight from this (big) benchmark process would report this process's RSS
   as its own peak (Linux carries the pre-exec high-water mark into ru_maxrss).
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
TRACKER = [PY, "-m", "tracker"]
AS_OF = date(2026, 6, 25)

BARE = r'''
import sqlite3, sys
from rich.console import Console
from rich.table import Table
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(DATED, (sys.argv[2],)).fetchall()
rows += conn.execute(WAITING).fetchall()
t = Table()
for col in ("id", "contract", "kind", "party", "title", "due", "amount", "paid", "currency", "status", "clause",
            "trigger", "recurrence", "contract title", "provider", "client"):
    t.add_column(col)
for r in rows:
    t.add_row(*("" if v is None else str(v) for v in r))
Console(soft_wrap=False, highlight=False).print(t)
'''

# Runs a command and reports (seconds, peak RSS in KB, exit status) as JSON on stdout. Being a
# small fresh process, its own RSS (~10 MB) is all a child can inherit into ru_maxrss.
LAUNCH = r'''
import json, os, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(json.dumps([time.perf_counter() - t, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]))
'''


def bare_script() -> str:
    """The bare reference: the tracker's own upcoming SQL, no filters, stdlib sqlite3 + Rich."""
    from tracker.store.read import UPCOMING_DATED_SQL, UPCOMING_WAITING_SQL

    return (f"DATED = {UPCOMING_DATED_SQL.format(where='')!r}\n"
            f"WAITING = {UPCOMING_WAITING_SQL.format(where='')!r}\n" + BARE)


KINDS = [("data_delivery", "client", None), ("model_delivery", "provider", None),
         ("evaluation_report", "provider", None), ("payment", "client", "150000.00"),
         ("payment", "client", "200000.00"), ("payment", "client", "150000.00"),
         ("progress_report", "provider", None), ("renewal_notice", "both", None),
         ("contract_expiry", "both", None), ("confidentiality_expiry", "both", None)]
OFFSETS = [10, 140, 150, 15, 120, 170, 30, 153, 184, 1826]
FIRST, LAST = date(2024, 1, 1), date(2028, 12, 31)
LIVE_SHARE = 0.01  # contracts still being performed around AS_OF; the rest are history
FORGOTTEN = 0.0005  # past obligations nobody marked done: they show as overdue


def fresh(db: Any) -> None:
    """An empty database: the SQLite file removed, or the PostgreSQL database dropped and created."""
    from tracker.store import pg

    if not pg.is_url(db):
        if db.exists():
            db.unlink()
        return
    admin = pg.connect(db.with_database("postgres"))
    name = db.url.rsplit("/", 1)[1].split("?")[0]
    admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {name}")
    admin.close()


def connect(db: Any) -> Any:
    from tracker.store import pg

    return pg.connect(db) if pg.is_url(db) else sqlite3.connect(db, isolation_level=None)


def build(db: Any, contracts: int, seed: int = 7) -> int:
    """A database of ``contracts`` x 10 obligations; returns the number of obligations."""
    from tracker.store import pg
    from tracker.store.write import Store

    fresh(db)
    Store(db).close()  # the real schema via the real migrations
    rnd = random.Random(seed)
    conn = connect(db)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    # history: effective early enough that every dated obligation but the 5-year confidentiality
    # expiry fell due before AS_OF; live: effective from 200 days before AS_OF to 180 days after
    history_end = AS_OF - timedelta(days=200)
    live_end = AS_OF + timedelta(days=180)
    crows, vrows, orows = [], [], []
    oid = 0
    for cid in range(1, contracts + 1):
        if rnd.random() < LIVE_SHARE:
            eff = history_end + timedelta(days=rnd.randrange((live_end - history_end).days))
        else:
            eff = FIRST + timedelta(days=rnd.randrange((history_end - FIRST).days))
        title = f"模型训练项目 {cid:06d}"
        facts = json.dumps({"title": title, "effective_date": eff.isoformat(), "total_fee": "500000.00"},
                           ensure_ascii=False)
        crows.append((cid, title, f"提供方{cid % 97}有限公司", f"需求方{cid % 89}有限公司", "zh-Hans", "CNY",
                      f"c{cid}.txt", f"{cid:064x}", facts, cid, "2025-01-01T00:00:00+00:00"))
        vrows.append((cid, cid, 1, "original", f"c{cid}.txt", f"{cid:064x}", "zh-Hans", "{}", "", "2025-01-01"))
        for (kind, party, amount), off in zip(KINDS, OFFSETS, strict=True):
            oid += 1
            due = eff + timedelta(days=off)
            # the evaluation report waits for acceptance until the contract has been accepted
            waiting = kind == "evaluation_report" and eff > AS_OF - timedelta(days=120)
            due_s = None if waiting else due.isoformat()
            if waiting:
                status = "pending"
            elif due < AS_OF:
                forgotten = FORGOTTEN if eff < history_end else 0.05
                status = "pending" if rnd.random() < forgotten else "fulfilled"
            else:
                status = "pending"
            orows.append((oid, cid, cid, kind, party, f"{kind} {cid}", due_s, amount, "CNY", "4.2", "quote",
                          "{}", status))
    conn.executemany("INSERT INTO contracts (id, title, provider, client, language, currency, file, sha256, facts,"
                     " current_version_id, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", crows)
    conn.executemany("INSERT INTO contract_versions (id, contract_id, version, reason, file, sha256, language,"
                     " document, text, added_at) VALUES (?,?,?,?,?,?,?,?,?,?)", vrows)
    conn.executemany("INSERT INTO obligations (id, contract_id, version_id, kind, party, title, due_date, amount,"
                     " currency, clause, quote, parsed, status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", orows)
    if pg.is_url(db):
        pg.sync_sequences(conn)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    return oid


def run_timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB, exit status) of one process, output discarded, via LAUNCH."""
    out = subprocess.run([PY, "-c", LAUNCH, *cmd], env=env, capture_output=True, text=True, check=True)
    elapsed, rss_kb, rc = json.loads(out.stdout)
    return elapsed, rss_kb // 1024, rc


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


def query_ms(db: Any, runs: int) -> tuple[float, int]:
    from tracker.store import pg
    from tracker.store.read import upcoming_query

    conn = connect(db)
    if pg.is_url(db):  # inside a read transaction, as `tracker upcoming` runs it
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    times, n = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        n = len(upcoming_query(conn, as_of=AS_OF, days=30))
        times.append((time.perf_counter() - t) * 1000)
    conn.close()
    return statistics.median(times), n


def plan(db: Any) -> str:
    from tracker.store import pg
    from tracker.store.read import UPCOMING_DATED_SQL

    if pg.is_url(db):
        conn = pg.connect(db)
        conn.execute("BEGIN")
        conn.execute(pg.UPCOMING_PLAN_SQL)  # as upcoming_query sets it
        rows = conn.execute("EXPLAIN " + UPCOMING_DATED_SQL.format(where=""), ("2026-07-25",)).fetchall()
        conn.execute("ROLLBACK")
        conn.close()
        return "; ".join(r[0].strip() for r in rows)
    with sqlite3.connect(db) as conn:
        steps = conn.execute("EXPLAIN QUERY PLAN " + UPCOMING_DATED_SQL.format(where=""), ("2026-07-25",))
        return "; ".join(r[-1] for r in steps)


def add_folder(folder: Path, n: int) -> None:
    folder.mkdir()
    base = (ROOT / "tests" / "fixtures" / "store" / "p01-xinghe-intent.txt").read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"c{i:04d}.txt").write_text(
            base.replace("智能客服意图识别模型训练项目", f"智能客服意图识别模型训练项目第{i + 1}批")
            .replace("上海蓝鲸电子商务有限公司", f"上海蓝鲸{i + 1}号电子商务有限公司"), encoding="utf-8")


def measure(name: str, small: Any, big: Any, add_db: Any, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Every figure of one engine (``small``, ``big``, ``add_db``: its three scratch databases)."""
    out: dict[str, Any] = {"engine": name}
    t = time.perf_counter()
    out["n"] = build(small, args.contracts)
    print(f"[{name}] built {args.contracts:,} contracts / {out['n']:,} obligations in {time.perf_counter() - t:.1f} s")
    env = {**os.environ, "TRACKER_DB": getattr(small, "url", str(small))}
    out["cli"], out["rss_cli"] = median_run([*TRACKER, "upcoming", "--days", "30", "--as-of", AS_OF.isoformat()],
                                            args.runs, env)
    out["q"], out["rows"] = query_ms(small, args.runs * 3)
    print(f"[{name}] query plan: {plan(small)}")
    fresh(small)
    t = time.perf_counter()
    out["nb"] = build(big, args.big)
    print(f"[{name}] built {args.big:,} contracts / {out['nb']:,} obligations in {time.perf_counter() - t:.1f} s")
    out["qbig"], out["rows_big"] = query_ms(big, args.runs * 3)
    fresh(big)
    fresh(add_db)
    add_env = {**os.environ, "TRACKER_DB": getattr(add_db, "url", str(add_db))}
    out["add"], out["rss_add"], rc = run_timed([*TRACKER, "add", str(folder), "--json"], add_env)
    c = connect(add_db)
    out["added"] = c.execute("SELECT count(*) FROM contracts").fetchone()[0]
    c.close()
    fresh(add_db)
    print(f"[{name}] `tracker add` exit {rc}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--contracts", type=int, default=10_000)
    ap.add_argument("--big", type=int, default=100_000, help="contracts in the 1,000,000-obligation database")
    ap.add_argument("--add", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--db", help="a postgresql:// URL: measure PostgreSQL beside SQLite")
    ap.add_argument("--pg-local", action="store_true", help="start a throw-away local PostgreSQL for --db")
    args = ap.parse_args()
    server = None
    if args.pg_local:
        sys.path.insert(0, str(ROOT / "tests"))
        from pg_server import PgServer, find_bin

        bindir = find_bin()
        if bindir is None:
            raise SystemExit("--pg-local: no PostgreSQL binaries (pip install pgserver)")
        server = PgServer(bindir)
        server.start()
        args.db = server.url
    try:
        run(args)
    finally:
        if server is not None:
            server.stop()


def run(args: argparse.Namespace) -> None:
    from tracker.store import pg

    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        tmpd = Path(tmp)
        folder = tmpd / "add"
        add_folder(folder, args.add)
        got = [measure("sqlite", tmpd / "bench.db", tmpd / "big.db", tmpd / "add.db", folder, args)]
        db = tmpd / "bench.db"
        build(db, args.contracts)
        bare = tmpd / "bare.py"
        bare.write_text(bare_script())
        t_bare, rss_bare = median_run([PY, str(bare), str(db), (AS_OF + timedelta(days=30)).isoformat()], args.runs)
        if args.db:
            url = pg.PgUrl(args.db)
            tag = f"tracker_bench_{os.getpid()}"
            got.append(measure("postgresql", url.with_database(f"{tag}_small"), url.with_database(f"{tag}_big"),
                               url.with_database(f"{tag}_add"), folder, args))
        sq = got[0]
        print(f"upcoming rows: {sq['rows']:,}")
        print(f"bare sqlite3+Rich script:         {t_bare * 1000:7.1f} ms  (peak {rss_bare} MB)")
        for g in got:
            print(f"[{g['engine']:>10}] `tracker upcoming --days 30`: {g['cli'] * 1000:7.1f} ms (peak {g['rss_cli']} MB)"
                  f"  ratio to bare {g['cli'] / t_bare:.2f}x (target <= 2x)")
            print(f"[{g['engine']:>10}] query in-process, {g['n']:,} obligations: {g['q']:6.2f} ms (target <= 20 ms)")
            print(f"[{g['engine']:>10}] query in-process, {g['nb']:,} obligations: {g['qbig']:6.2f} ms, "
                  f"{g['rows_big']:,} rows (target <= 50 ms)")
            print(f"[{g['engine']:>10}] `tracker add` of {args.add:,} files: {g['add']:6.2f} s = "
                  f"{g['added'] / g['add']:.0f} contracts/s, {g['added']:,} stored, peak {g['rss_add']} MB")
        print(f"peak memory of any process: {max([rss_bare] + [max(g['rss_cli'], g['rss_add']) for g in got])} MB"
              " (target <= 200 MB)")


if __name__ == "__main__":
    main()
