"""Where ``tracker`` spends its start-up time: ``python -X importtime`` top imports.

Prints the 15 imports with the largest cumulative time for ``tracker --help`` and for
``tracker parse x.txt --json`` (x.txt is a copy of a Chinese .txt contract of data/), and flags any
heavy module (sqlmodel, sqlalchemy, pydantic, opencc, pypdf, apscheduler, icalendar, docx)
that a command imported. Import times vary run to run; the order is what matters.

Run: ``.venv/bin/python bench/startup.py [--top N]``. Prints figures; not a test.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlmodel", "sqlalchemy", "pydantic", "opencc", "pypdf", "apscheduler", "icalendar", "docx")
# The console script does exactly this (see [project.scripts] in pyproject.toml).
LAUNCH = "import sys; from tracker.cli import main; sys.argv[0] = 'tracker'; sys.exit(main())"


def importtime(args: list[str], cwd: Path) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module) for every import of one ``tracker`` run (the pattern cache
    of ``tracker parse`` filled by a run before, in ``cwd``)."""
    import os

    env = {**os.environ, "XDG_CACHE_HOME": str(cwd / "cache")}
    r = subprocess.run([sys.executable, "-X", "importtime", "-c", LAUNCH, *args],
                       capture_output=True, text=True, cwd=cwd, env=env, check=False)
    rows = []
    for line in r.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cum_us, name = line[len("import time:"):].split("|")
        rows.append((int(self_us), int(cum_us), name.rstrip()))
    if r.returncode != 0:
        print(f"  (exit status {r.returncode}: {r.stderr.strip().splitlines()[-1:]})")
    return rows


def report(title: str, rows: list[tuple[int, int, str]], top: int) -> None:
    total = sum(s for s, _, _ in rows)
    print(f"{title}: {len(rows)} modules, {total / 1000:.1f} ms of imports in total")
    print(f"  {'cumulative':>10}  {'self':>8}  module (indent = nesting)")
    for self_us, cum_us, name in sorted(rows, key=lambda r: -r[1])[:top]:
        print(f"  {cum_us / 1000:8.1f}ms  {self_us / 1000:6.1f}ms  {name}")
    heavy = sorted({n.strip().split(".")[0] for _, _, n in rows} & set(HEAVY))
    print(f"  heavy modules imported: {', '.join(heavy) if heavy else 'none'}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--runs", type=int, default=7)
    ns = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sample = next(p for d in (ROOT / "data", ROOT / "tests" / "contracts") for p in sorted(d.glob("*.txt"))
                      if ".en." not in p.name)
        shutil.copy(sample, work / "x.txt")
        # and a Simplified and an English contract (each script loads other modules and patterns)
        simplified = next(p for p in sorted((ROOT / "tests" / "contracts").glob("*.txt"))
                          if ".en." not in p.name and ".zh-Hant." not in p.name)
        shutil.copy(simplified, work / "s.txt")
        shutil.copy(next(iter(sorted((ROOT / "data").glob("*.en.txt")))), work / "e.en.txt")
        report("tracker --help", importtime(["--help"], work), ns.top)
        importtime(["parse", "x.txt", "--json"], work)  # fills the pattern cache
        report("tracker parse x.txt --json", importtime(["parse", "x.txt", "--json"], work), ns.top)
        ratios(work, ns.runs)


def ratios(work: Path, runs: int) -> None:
    """Issue 12: each command's whole-process time against ``python -c "import sqlite3, rich"``,
    interleaved in one run (median of ``runs``); target <= 2.5x. Wall time and CPU time (user +
    system of the child): on a shared machine the CPU figure moves less. One warm-up round first,
    with bytecode writing allowed, so that every run loads compiled modules as an installed
    package does (with PYTHONDONTWRITEBYTECODE set and no __pycache__, each run would compile).
    The warm-up also fills ``tracker parse``'s cache of compiled patterns (``tracker.regex_cache``,
    in a cache dir of the run's own); the row "first run" parses with an empty one each time."""
    import os
    import resource
    import statistics
    import time

    db = work / "empty.db"
    subprocess.run([sys.executable, "-c", "import sys; from tracker.store import Store; Store(sys.argv[1]).close()",
                    str(db)], cwd=ROOT, check=True)
    env = {**os.environ, "TRACKER_DB": str(db), "XDG_CONFIG_HOME": str(work / "cfg"), "XDG_CACHE_HOME": str(work / "cache"),
           "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmds = {"python -c 'import sqlite3, rich'": [sys.executable, "-c", "import sqlite3, rich"],
            "tracker --help": ["--help"], "tracker parse x.txt --json": ["parse", "x.txt", "--json"],
            "tracker parse s.txt --json (Simplified)": ["parse", "s.txt", "--json"],
            "tracker parse e.en.txt --json (English)": ["parse", "e.en.txt", "--json"],
            "tracker parse, first run (no pattern cache)": ["parse", "x.txt", "--json"],
            "tracker upcoming (empty db)": ["upcoming"], "tracker remind --dry-run (empty db)": ["remind", "--dry-run"]}
    times: dict[str, list[float]] = {k: [] for k in cmds}
    cpu: dict[str, list[float]] = {k: [] for k in cmds}
    for i in range(runs + 1):
        for name, args in cmds.items():
            cmd = args if name.startswith("python") else [sys.executable, "-c", LAUNCH, *args]
            run_env = {**env, "XDG_CACHE_HOME": str(work / f"cold{i}")} if "first run" in name else env
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(cmd, cwd=work, env=run_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            if i == 0:
                continue  # the warm-up round
            times[name].append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    base = statistics.median(times["python -c 'import sqlite3, rich'"])
    base_cpu = statistics.median(cpu["python -c 'import sqlite3, rich'"])
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    base_min = min(cpu["python -c 'import sqlite3, rich'"])
    print(f"\nstart-up, median of {runs} interleaved runs (target <= 2.5x the bare imports; load average {load})")
    print("  (on a shared machine the median moves by 15 % between runs; the fastest run of each, last two")
    print("  columns, is the steadier figure of what a command costs)")
    print(f"  {'':44} {'wall':>9} {'ratio':>6}  {'cpu':>7} {'ratio':>6}  {'min cpu':>7} {'ratio':>6}")
    for name in cmds:
        t, c, m = statistics.median(times[name]), statistics.median(cpu[name]), min(cpu[name])
        print(f"  {name:44} {t * 1000:6.0f} ms  {t / base:5.2f}x  {c * 1000:4.0f} ms  {c / base_cpu:5.2f}x"
              f"  {m * 1000:4.0f} ms  {m / base_min:5.2f}x")


if __name__ == "__main__":
    main()
