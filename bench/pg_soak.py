"""Soak: three `tracker schedule start` and two `tracker remind` processes on one PostgreSQL database
deliver N reminders (default 10,000) to a local webhook server and a local SMTP server; with
``--kill`` one scheduler is SIGKILLed mid-run and a `tracker remind` afterwards sends what it held.

    .venv/bin/python bench/pg_soak.py --pg-local [--n 10000] [--kill]
    .venv/bin/python bench/pg_soak.py --db postgresql://user@host/scratch_db [--n 10000] [--kill]

``--db`` names a scratch database that is emptied first (its user needs CREATEDB: the database is
dropped and created again). Prints what each server counted: every reminder once, at most the one
in flight at the kill twice; exit status 1 if not. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
TZ = ZoneInfo("Asia/Shanghai")


def soak(url: Any, n: int, kill: bool) -> bool:
    from remind_servers import http_server, smtp_server

    from bench.remind import populate
    from bench.store import fresh
    from tracker.store import outbox

    day = datetime.now(TZ).date() - timedelta(days=1)
    fresh(url)
    t = time.perf_counter()
    populate(url, n // 10, day, obligations=[("payment", "client", 0, "1000.00")] * 10)
    print(f"populated {n:,} payments due {day} in {time.perf_counter() - t:.1f} s")
    with smtp_server() as mail, http_server() as hook:
        conf = Path(os.environ.get("TMPDIR", "/tmp")) / f"pg_soak_{os.getpid()}.toml"
        conf.write_text("[delivery]\nchannels = []\nbackoff_seconds = 0\nretries_in_run = 0\ntimeout_seconds = 10\n"
                        f'[smtp]\nhost = "127.0.0.1"\nport = {mail.port}\nsecurity = "none"\n')
        env = {**os.environ, "TRACKER_DB": url.url, "TRACKER_CONFIG": str(conf), "PYTHONPATH": str(ROOT),
               "TRACKER_BUSY_TIMEOUT": "60"}
        for how in (["--webhook", hook.url], ["--email", "fin@client.test"]):
            subprocess.run([sys.executable, "-m", "tracker", "assign", "all", "--party", "both", *how],
                           env=env, check=True, capture_output=True)
        with outbox.connect(url) as conn:
            outbox.record_day(conn, day - timedelta(days=1), 0.0, planned=0, delivered=0, failed=0, runner="schedule")
        hhmm = (datetime.now(TZ) + timedelta(hours=2)).strftime("%H:%M")
        sched = [sys.executable, "-m", "tracker", "schedule", "start", "--at", hhmm, "--tz", "Asia/Shanghai"]
        remind = [sys.executable, "-m", "tracker", "remind", "--as-of", day.isoformat()]
        t = time.perf_counter()
        procs = [subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for c in (sched, sched, sched, remind, remind)]
        try:
            if kill:
                while len(hook.received) < n // 4 and time.perf_counter() - t < 600:
                    time.sleep(0.05)
                os.kill(procs[0].pid, signal.SIGKILL)
                print(f"SIGKILLed a scheduler after {len(hook.received):,} webhooks")
            for p in procs[3:]:
                p.wait(1800)
            with outbox.connect(url) as conn:
                while outbox.counts(conn)["pending"] and time.perf_counter() - t < 1800:
                    time.sleep(0.2)
        finally:
            for p in procs:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in procs:
                p.wait(60)
        subprocess.run(remind, env=env, capture_output=True, timeout=1800)
        took = time.perf_counter() - t
        hooks = Counter((x["obligation_id"], x["reason"], x["for_date"]) for x in hook.reminders())
        digests = [(m["Subject"], len(re.findall(r"payment \d+", m.get_payload(decode=True).decode())))
                   for m in mail.messages]
        conf.unlink()
    with outbox.connect(url) as conn:
        counts = outbox.counts(conn)
    repeats = sum(v - 1 for v in hooks.values())
    print(f"webhooks: {sum(hooks.values()):,} received, {len(hooks):,} distinct reminders, {repeats} repeated")
    print(f"e-mail digests: {len(digests)} ({', '.join(f'{s}: {k:,} lines' for s, k in digests)})")
    print(f"outbox: {counts}")
    print(f"delivery by 5 processes: {took:.1f} s, {sum(hooks.values()) / took:,.0f} webhooks/s")
    ok = len(hooks) == 2 * n and repeats + max(0, len(digests) - 2) <= (1 if kill else 0) \
        and counts["sent"] == 4 * n
    print("OK" if ok else "FAILED")
    return ok


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="a scratch postgresql:// database (emptied first)")
    ap.add_argument("--pg-local", action="store_true", help="start a throw-away local PostgreSQL")
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--kill", action="store_true", help="SIGKILL one scheduler mid-run")
    args = ap.parse_args()
    from tracker.store import pg

    server = None
    if args.pg_local:
        from pg_server import PgServer, find_bin

        bindir = find_bin()
        if bindir is None:
            raise SystemExit("--pg-local: no PostgreSQL binaries (pip install pgserver)")
        server = PgServer(bindir)
        server.start()
        args.db = server.db_url("soak")
    if not args.db:
        raise SystemExit("--db URL or --pg-local")
    try:
        ok = soak(pg.PgUrl(args.db), args.n, args.kill)
    finally:
        if server is not None:
            server.stop()
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
