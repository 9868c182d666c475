"""Benchmark: the daily reminder run over 10,000 contracts (~100,000 obligations).

    .venv/bin/python bench/remind.py [--contracts 10000] [--keep DIR]

Targets (issues 5 and 12): first run <= 3 s, idempotent second run <= 0.5 s, peak memory <= 200 MB
(at 100,000 contracts too: ``--scale 10000 100000``). Prints the figures, wall and CPU time (the
CPU figure is the steadier one on a shared machine). The database is filled with plain sqlite3
inserts into the store's tables (after the store has created and migrated the file), so setting
up is quick.
``populate()`` is also used by the crash test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LATE = {"kind": "late_payment", "rate": "0.005", "per": "day", "basis": "overdue_amount", "amount": None,
        "cap": {"rate": "0.20", "basis": "total_fee"}, "suspend_after_days": 30, "clause": "7.2"}


def _facts(title: str, eff: date, fee: str) -> str:
    return json.dumps({"title": title, "provider": "北京星河智算科技有限公司", "client": "上海蓝鲸电子商务有限公司",
                       "signed_date": eff.isoformat(), "effective_date": eff.isoformat(), "term": "P12M",
                       "expiry_date": (eff + timedelta(days=365)).isoformat(), "currency": "CNY",
                       "total_fee": fee, "penalties": [LATE], "metrics_targets": {"accuracy": "0.95"}},
                      ensure_ascii=False)


def populate(db: Path, contracts: int, today: date, *, seed: int = 5, obligations: list[tuple] | None = None) -> int:
    """Fill ``db`` with ``contracts`` contracts of 10 obligations each, dates spread around ``today``.

    ``obligations``: a fixed list of (kind, party, due offset from today or None, amount) per
    contract instead of the random mix. Returns the number of obligations.
    """
    from tracker.store import Store

    Store(db).close()  # create 0600 + migrate
    rnd = random.Random(seed)
    from tracker.store import pg

    conn = pg.connect(db) if pg.is_url(db) else sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    stamp = "2025-01-01T00:00:00+00:00"
    n_ob = 0
    cid0 = (conn.execute("SELECT max(id) FROM contracts").fetchone()[0] or 0) + 1
    for i in range(contracts):
        cid = cid0 + i
        eff = today - timedelta(days=rnd.randint(0, 420))
        title = f"模型训练项目 {cid}"
        sha = hashlib.sha256(f"{seed}-{cid}".encode()).hexdigest()
        conn.execute("INSERT INTO contracts (id, title, provider, client, language, currency, file, sha256, facts,"
                     " current_version_id, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     (cid, title, "星河", "蓝鲸", "zh-Hans", "CNY", f"c{cid}.txt", sha,
                      _facts(title, eff, "1000000.00"), cid, stamp))
        conn.execute("INSERT INTO contract_versions (id, contract_id, version, reason, file, sha256, language,"
                     " document, text, added_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (cid, cid, 1, "original", f"c{cid}.txt", sha, "zh-Hans", "{}", "", stamp))
        if obligations is not None:
            spec = [(k, p, None if off is None else today + timedelta(days=off), amt) for k, p, off, amt in obligations]
        else:
            spec = [("payment", "client", eff + timedelta(days=15), "300000.00"),
                    ("payment", "client", eff + timedelta(days=120), "300000.00"),
                    ("payment", "client", eff + timedelta(days=240), "300000.00"),
                    ("payment", "client", eff + timedelta(days=400), "100000.00"),
                    ("data_delivery", "client", eff + timedelta(days=30), None),
                    ("model_delivery", "provider", None, None),
                    ("evaluation_report", "provider", eff + timedelta(days=200), None),
                    ("progress_report", "provider", eff + timedelta(days=rnd.randint(20, 400)), None),
                    ("renewal_notice", "both", eff + timedelta(days=335), None),
                    ("contract_expiry", "both", eff + timedelta(days=365), None)]
        rows = []
        for j, (kind, party, due, amount) in enumerate(spec):
            # most early obligations were done; some are late
            status = "fulfilled" if due is not None and due < today - timedelta(days=3) and rnd.random() < 0.7 \
                else "pending"
            trig = json.dumps({"event": "data_delivery", "offset": "P60D", "business_days": False}) \
                if due is None else None
            rows.append((cid * 100 + j, cid, cid, kind, party, f"{kind} {j}", due.isoformat() if due else None,
                         trig, amount, "0.00" if amount else None, "CNY" if amount else None, f"4.{j}",
                         "", "{}", status))
        conn.executemany("INSERT INTO obligations (id, contract_id, version_id, kind, party, title, due_date,"
                         " trigger, amount, paid, currency, clause, quote, parsed, status)"
                         " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        n_ob += len(rows)
    if pg.is_url(db):
        pg.sync_sequences(conn)
    conn.execute("COMMIT")
    conn.close()
    return n_ob


def scale(sizes: list[int]) -> None:
    """Issue 12: each size in a fresh process (its own peak RSS), then the growth ratios: the first
    run must be linear (time at 10x the contracts <= 10.5x)."""
    import subprocess

    got = {}
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--contracts", str(n), "--json"], capture_output=True,
                             text=True, check=True)
        got[n] = json.loads(out.stdout.strip().splitlines()[-1])
        g = got[n]
        print(f"{n:>7,} contracts: first run {g['first']:.2f} s, CPU {g['first_cpu']:.2f} s (target <= 3 s at 10k), "
              f"idempotent rerun {g['second']:.2f} s, CPU {g['second_cpu']:.2f} s (target <= 0.5 s at 10k), "
              f"peak RSS {g['peak']:.0f} MB (target <= 200 MB)", flush=True)
    for a, b in zip(sizes, sizes[1:], strict=False):
        print(f"growth {a:,} -> {b:,} contracts ({b / a:g}x): first run {got[b]['first'] / got[a]['first']:.2f}x "
              f"(linear target <= {10.5 * b / a / 10:g}x; CPU {got[b]['first_cpu'] / got[a]['first_cpu']:.2f}x), "
              f"rerun {got[b]['second'] / got[a]['second']:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--contracts", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, default=None, help="directory to keep the database in")
    ap.add_argument("--scale", type=int, nargs="+", metavar="N", help="run each size in its own process, "
                    "then print the growth ratios (e.g. --scale 10000 100000)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON line at the end")
    args = ap.parse_args()
    if args.scale:
        scale(args.scale)
        return
    from tracker.config import Config, Delivery
    from tracker.daily import run_daily
    from tracker.notify import Target

    work = args.keep or Path(tempfile.mkdtemp(prefix="remind-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "bench.db"
    for f in work.glob("bench.db*"):
        f.unlink()
    today = date(2025, 6, 16)
    t0 = time.perf_counter()
    n = populate(db, args.contracts, today)
    print(f"setup: {args.contracts} contracts, {n} obligations in {time.perf_counter() - t0:.1f} s")
    log = work / "reminders.jsonl"
    cfg = Config(delivery=Delivery(channels=()))
    chans = [Target("log", "log", str(log))]
    t0, c0 = time.perf_counter(), time.process_time()
    r1 = run_daily(db, today, channels=chans, config=cfg)
    first, first_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    r2 = run_daily(db, today, channels=chans, config=cfg)
    second, second_cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"first run:  {first:.2f} s, CPU {first_cpu:.2f} s  ({len(r1.delivered)} reminders delivered, "
          f"{r1.snapshots} penalty snapshots, {len(r1.failed)} failures)   target <= 3 s")
    print(f"second run: {second:.2f} s, CPU {second_cpu:.2f} s  ({len(r2.delivered)} delivered: idempotent)   "
          "target <= 0.5 s")
    print(f"peak RSS:   {peak:.0f} MB (whole process, setup included)   target <= 200 MB")
    ok = first <= 3 and second <= 0.5 and peak <= 200 and not r2.delivered
    print("OK" if ok else "OVER TARGET")
    if args.json:
        print(json.dumps({"first": first, "second": second, "peak": peak, "delivered": len(r1.delivered),
                          "first_cpu": first_cpu, "second_cpu": second_cpu}))


if __name__ == "__main__":
    main()
