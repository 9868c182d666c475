"""Benchmark: parsing speed, in-process and as a whole ``tracker`` process.

Targets (issue 2): in-process parse median <= 5 ms per corpus contract (warm: after a first
call has loaded OpenCC, the calendar and compiled the regexes); ``tracker parse FILE --json``
<= 250 ms median as a whole process; ``tracker --help`` <= 150 ms median.

The in-process figure times ``parse_text`` on the text the reader produced (the reading of a
.docx/.pdf is shown separately as ``read``); in-process figures are CPU time (``process_time``),
so a loaded machine does not inflate them. Process figures are the median wall time of
``--runs`` runs (default 15) of the installed console script.

Issue 8 adds: the median over all contracts (target <= 5 ms), the worst 1 MB adversarial input
of ``tests/test_fuzz_parse.py`` (target <= 1 s), and growth: a contract repeated to 10 KB, 100 KB
and 1 MB, whose time per KB must stay flat (linear parsing; ratio printed).

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
TARGET_MB_S = 1.0
TARGET_GROWTH = 1.5  # time per KB at 1 MB over time per KB at 10 KB


def contract_files() -> list[Path]:
    return sorted(p for d in DIRS if d.is_dir() for p in d.iterdir()
                  if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "README")))


def sample_txt() -> Path:
    """A Chinese .txt contract (what bench/startup.py and --quick time)."""
    return next(p for p in contract_files() if p.suffix == ".txt" and ".en." not in p.name)


def median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    """Median CPU milliseconds of ``runs`` calls (CPU, not wall: other processes on the machine do not count)."""
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        times.append((time.process_time() - t0) * 1000)
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


def adversarial() -> None:
    """The 1 MB adversarial inputs of the fuzz tests, best of 3 each."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_fuzz_parse import ADVERSARIAL  # type: ignore[import-not-found]

    from tracker.parse import parse_text

    print(f"\n1 MB adversarial inputs, best of 3 (target <= {TARGET_MB_S:.0f} s)")
    worst = ("", 0.0)
    for name in sorted(ADVERSARIAL):
        text = ADVERSARIAL[name]()
        best = min(_timed(lambda t=text: parse_text(t, "adv.txt")) for _ in range(3))
        worst = max(worst, (name, best), key=lambda x: x[1])
        print(f"  {mark(best, TARGET_MB_S)} {best:6.2f} s  {name}")
    print(f"  worst {worst[1]:.2f} s ({worst[0]})")


def growth(parse_text) -> None:  # type: ignore[no-untyped-def]
    """A real contract repeated to 10 KB, 100 KB and 1 MB: time per KB must not grow."""
    base = (ROOT / "tests" / "corpus" / "p01-xinghe-intent.txt").read_text(encoding="utf-8")
    print(f"\nlinear growth (p01 repeated; target: per-KB time at 1 MB <= {TARGET_GROWTH}x that at 10 KB)")
    per_kb = {}
    for kb in (10, 100, 1000):
        text = (base * (kb * 1024 // len(base.encode()) + 1))[: kb * 1024 // 3]  # ~3 bytes per CJK char
        best = min(_timed(lambda t=text: parse_text(t, "grow.txt")) for _ in range(3 if kb < 1000 else 2))
        per_kb[kb] = best * 1000 / kb
        print(f"  {kb:5d} KB  {best * 1000:8.1f} ms  {per_kb[kb]:6.2f} ms/KB")
    ratio = per_kb[1000] / per_kb[10]
    print(f"  {mark(ratio, TARGET_GROWTH)} growth ratio {ratio:.2f}")


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


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
    all_ms: list[float] = []
    for path in files:
        read = median_ms(lambda p=path: read_document(p), 5)
        doc = read_document(path)
        parse_text(doc.text, path.name, doc.data)  # first call: loads OpenCC, calendar, regexes
        ms = median_ms(lambda d=doc, p=path: parse_text(d.text, p.name, d.data), 50)
        worst = max(worst, ms)
        all_ms.append(ms)
        rel = path.relative_to(ROOT)
        print(f"  {mark(ms, TARGET_PARSE_MS)} {ms:7.2f} ms  parse   {read:7.2f} ms read  "
              f"{len(doc.text):6d} chars  {rel}")
    print(f"  worst {worst:.2f} ms")
    med_all = statistics.median(all_ms)
    print(f"  {mark(med_all, TARGET_PARSE_MS)} median over {len(all_ms)} contracts {med_all:.2f} ms")
    adversarial()
    growth(parse_text)

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
