"""Benchmark: the CPU of ``tracker add DIR`` against parsing the same files in one process.

    .venv/bin/python bench/add.py [--files 1000] [--runs 1]

Issue 12's target: adding 1,000 files costs <= 1.15x the CPU of parsing them (``parse_file`` in
a loop, one process). The files are the golden .txt contracts of ``tests/contracts`` copied
round-robin, each with one line of its own at the end (so every file is a new contract, not
"already tracked"). Both sides are whole processes, measured as user + system CPU of the child
(start-up and imports included on both), on an empty database each time. Prints figures and
the ratio; not a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PARSE = r'''
import sys
from pathlib import Path
from tracker.parse import parse_file
files = sorted(Path(sys.argv[1]).iterdir())
for f in files:
    parse_file(f)
'''


def make_files(out: Path, n: int) -> list[Path]:
    sources = []
    for p in sorted((ROOT / "tests" / "contracts").glob("*.txt")):
        try:
            p.read_text(encoding="utf-8")
            sources.append(p)
        except UnicodeDecodeError:  # the few GBK ones: left out, so the line added below stays UTF-8
            continue
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        src = sources[i % len(sources)]
        f = out / f"{i:05d}-{src.name}"
        f.write_text(src.read_text(encoding="utf-8") + f"\n（本合同档案编号 B-{i:05d}）\n", encoding="utf-8")
        files.append(f)
    return files


def cpu(cmd: list[str], env: dict[str, str]) -> float:
    """User + system CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=1)
    ns = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        make_files(work / "in", ns.files)
        env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
               "XDG_CONFIG_HOME": str(work / "cfg")}
        parse: list[float] = []
        add: list[float] = []
        for k in range(ns.runs):
            parse.append(cpu([sys.executable, "-c", PARSE, str(work / "in")], env))
            db = work / f"add{k}.db"
            add.append(cpu([sys.executable, "-m", "tracker", "--db", str(db), "add", str(work / "in")], env))
        p, a = statistics.median(parse), statistics.median(add)
        print(f"{ns.files} files: parsing in one process {p:.2f} s CPU; tracker add {a:.2f} s CPU -> "
              f"{a / p:.2f}x (target <= 1.15x), median of {ns.runs} interleaved runs")


if __name__ == "__main__":
    main()
