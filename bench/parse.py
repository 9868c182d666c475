"""Benchmark: parsing speed, in-process and as a whole ``tracker`` process.

Targets (issue 2): in-process parse median <= 5 ms per corpus contract (warm: after a first
call has loaded OpenCC, the calendar and compiled the regexes); ``tracker parse FILE --json``
<= 250 ms median as a whole process; ``tracker --help`` <= 150 ms median.

The in-process figure times ``parse_text`` on the text the reader produced (the reading of a
.docx/.pdf is shown separately as ``read``). Process figures are the median wall time of
``--runs`` runs (default 15) of the installed console script.

Run: ``.venv/bin/python bench/parse.py [--runs N] [--quick]``. Prints figures; not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIRS = (ROOT / "tests" / "contracts", ROOT / "data")
SUFFIXES = {".txt", ".md", ".docx", ".pdf"}
TARGET_PARSE_MS = 5.0
TARGET_PROCESS_MS = 250.0
TARGET_HELP_MS = 150.0


def contract_files() -> list[Path]:
    return sorted(p for d in DIRS if d.is_dir() for p in d.iterdir()
                  if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "README")))


def sample_txt() -> Path:
    """A Chinese .txt contract (what bench/startup.py and --quick time)."""
    return next(p for p in contract_files() if p.suffix == ".txt" and ".en." not in p.name)


def median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def tracker_exe() -> list[str]:
    exe = Path(sys.executable).parent / "tracker"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "tracker"]


def process_ms(args: list[str], runs: int) -> tuple[float, float]:
    """Median and minimum wall time of a whole ``tracker`` process, after one warm-up run."""
    cmd = tracker_exe() + args
    env = dict(os.environ, COLUMNS="100")
    subprocess.run(cmd, capture_output=True, env=env, check=False)  # warm the OS file cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, env=env, check=False)
        times.append((time.perf_counter() - t0) * 1000)
        if r.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.decode()[:300]}")
    return statistics.median(times), min(times)


def mark(value: float, target: float) -> str:
    return "ok  " if value <= target else "SLOW"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=15, help="runs per process figure (>= 10)")
    ap.add_argument("--quick", action="store_true", help="process figures for one file only")
    ns = ap.parse_args()
    runs = max(10, ns.runs)

    from tracker.parse import parse_text
    from tracker.parse.readers import read_document

    files = contract_files()
    print(f"in-process parse_text, warm, median of 50 (target <= {TARGET_PARSE_MS:.0f} ms)")
    worst = 0.0
    for path in files:
        read = median_ms(lambda p=path: read_document(p), 5)
        doc = read_document(path)
        parse_text(doc.text, path.name, doc.data)  # first call: loads OpenCC, calendar, regexes
        ms = median_ms(lambda d=doc, p=path: parse_text(d.text, p.name, d.data), 50)
        worst = max(worst, ms)
        rel = path.relative_to(ROOT)
        print(f"  {mark(ms, TARGET_PARSE_MS)} {ms:7.2f} ms  parse   {read:7.2f} ms read  "
              f"{len(doc.text):6d} chars  {rel}")
    print(f"  worst {worst:.2f} ms")

    print(f"\nwhole process, median of {runs} (target parse <= {TARGET_PROCESS_MS:.0f} ms, "
          f"--help <= {TARGET_HELP_MS:.0f} ms)")
    med, low = process_ms(["--help"], runs)
    print(f"  {mark(med, TARGET_HELP_MS)} {med:7.1f} ms (min {low:6.1f})  tracker --help")
    targets = [sample_txt()] if ns.quick else [
        p for p in files if p.parent.name == "data"]
    for path in targets:
        med, low = process_ms(["parse", str(path), "--json"], runs)
        print(f"  {mark(med, TARGET_PROCESS_MS)} {med:7.1f} ms (min {low:6.1f})  "
              f"tracker parse {path.relative_to(ROOT)} --json")


if __name__ == "__main__":
    main()
