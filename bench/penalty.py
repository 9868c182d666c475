"""Benchmark: late-payment penalties for 100,000 overdue instalments, in-process.

Target: <= 1 s. Two shapes: one book of 100,000 instalments under one clause (with partial
payments), and 10,000 contracts of 10 instalments each (a clause cap on every contract).
Prints the figures. Run: ``.venv/bin/python bench/penalty.py``.
"""

from __future__ import annotations

import gc
import random
import time
from datetime import date, timedelta
from decimal import Decimal

from tracker.model import Cap, Penalty
from tracker.penalty import Instalment, Payment, compute

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


def main() -> None:
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
