"""Benchmark: late-payment penalties for 100,000 overdue instalments, in-process.

Target: <= 1 s. Two shapes: one book of 100,000 instalments under one clause (with partial
payments), and 10,000 contracts of 10 instalments each (a clause cap on every contract).
Prints the figures. Run: ``.venv/bin/python bench/penalty.py``.

``--cli N`` (issue 12): ``tracker penalties --as-of`` for all N contracts (a database filled by
``bench/remind.populate``, 10 obligations each) in every format, each process timed against the
library call (``tracker.penalties(db, as_of)`` in a fresh process) in the same interleaved run,
with its peak RSS. Targets: <= 2x the library, peak RSS <= 150 MB.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.model import Cap, Penalty  # noqa: E402
from tracker.penalty import Instalment, Payment, compute  # noqa: E402

N = 100_000
AS_OF = date(2025, 12, 31)
START = date(2025, 1, 1)
LATE = Penalty("late_payment", "7.2", rate=Decimal("0.005"), per="day", basis="overdue_amount",
               suspend_after_days=30)
CAPPED = Penalty("late_payment", "7.2", rate=Decimal("0.005"), per="day", basis="overdue_amount",
                 cap=Cap(rate=Decimal("0.20"), basis="total_fee"), suspend_after_days=30)


def book(rng: random.Random, n: int, first_id: int = 0) -> tuple[list[Instalment], list[Payment]]:
    insts, pays = [], []
    for k in range(n):
        due = START + timedelta(days=rng.randint(0, 300))
        amount = Decimal(rng.randint(100_000, 50_000_000)) / 100
        insts.append(Instalment(first_id + k, due, amount))
        if rng.random() < 0.5:  # a partial payment after the due date, named
            pays.append(Payment(due + timedelta(days=rng.randint(1, 40)), (amount / 3).quantize(Decimal("0.01")),
                                first_id + k))
    return insts, pays


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    best = cpu = float("inf")
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        best = min(best, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    print(f"{label}: {best:.3f} s wall, {cpu:.3f} s CPU (best of 5)")
    return out


# (seconds, peak RSS in KB, exit status) of one command, from a small launcher process so the
# child's ru_maxrss is its own (see bench/store.py).
LAUNCH = r'''
import json, os, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(json.dumps([time.perf_counter() - t, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]))
'''
LIBRARY = ("import sys, tracker; from datetime import date; "
           "s = tracker.penalties(sys.argv[1], date.fromisoformat(sys.argv[2])); print(len(s))")


def cli(contracts: int, runs: int) -> None:
    """The whole-process figures of ``tracker penalties`` against the library call."""

    with tempfile.TemporaryDirectory(prefix="penalty-bench-") as tmp:
        _cli(Path(tmp) / "bench.db", contracts, runs)


def _cli(db: Path, contracts: int, runs: int) -> None:
    from remind import populate  # bench/remind.py

    as_of = "2025-06-16"
    n = populate(db, contracts, date.fromisoformat(as_of))
    py = sys.executable
    base = [py, "-m", "tracker", "--db", str(db), "penalties", "--as-of", as_of]
    cmds = {"library tracker.penalties()": [py, "-c", LIBRARY, str(db), as_of],
            "tracker penalties (summary)": base, "tracker penalties --json": [*base, "--json"],
            "tracker penalties --format md": [*base, "--format", "md"],
            "tracker penalties --format csv": [*base, "--format", "csv"]}
    times: dict[str, list[float]] = {k: [] for k in cmds}
    peak: dict[str, int] = dict.fromkeys(cmds, 0)
    for _ in range(runs):  # interleaved, so load on the machine falls on every command alike
        for name, cmd in cmds.items():
            out = subprocess.run([py, "-c", LAUNCH, *cmd], capture_output=True, text=True, check=True)
            t, rss, rc = json.loads(out.stdout)
            if rc:
                raise SystemExit(f"{name} exited {rc}")
            times[name].append(t)
            peak[name] = max(peak[name], rss // 1024)
    lib = statistics.median(times["library tracker.penalties()"])
    print(f"{contracts:,} contracts, {n:,} obligations; median of {runs} interleaved runs (process wall time)")
    for name in cmds:
        t = statistics.median(times[name])
        print(f"  {name:32} {t:6.2f} s  {t / lib:5.2f}x library  peak RSS {peak[name]:4d} MB")
    print("  targets: <= 2.00x library, peak RSS <= 150 MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cli", type=int, metavar="N", help="time `tracker penalties` over N contracts instead")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if args.cli:
        cli(args.cli, args.runs)
        return
    rng = random.Random(2025)
    insts, pays = book(rng, N)
    fee = sum((i.amount for i in insts), Decimal(0))
    result = timed(f"one clause, {N:,} instalments, {len(pays):,} payments",
                   lambda: compute([LATE], insts, pays, fee, AS_OF))
    overdue = sum(1 for a in result.instalments if a.overdue)
    periods = sum(len(a.periods) for a in result.instalments)
    print(f"  instalments {len(result.instalments):,} (overdue {overdue:,}), periods {periods:,}, "
          f"total {result.total:,.2f}")

    contracts = []
    for c in range(N // 10):
        ci, cp = book(rng, 10, c * 10)
        contracts.append((ci, cp, sum((i.amount for i in ci), Decimal(0))))

    def all_contracts() -> list:  # type: ignore[type-arg]
        return [compute([CAPPED], ci, cp, f, AS_OF) for ci, cp, f in contracts]

    results = timed(f"{len(contracts):,} contracts x 10 instalments, capped at 20 %", all_contracts)
    gc.disable()  # what a caller looping over a whole book can do (compute() does it for big books)
    timed("  the same with the GC paused around the loop", all_contracts)
    gc.enable()
    capped = sum(1 for r in results if r.late_payment[0].cap_reached_on is not None)
    print(f"  caps reached {capped:,}, total {sum(r.total for r in results):,.2f}")


if __name__ == "__main__":
    main()
