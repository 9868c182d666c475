"""Benchmark: hostile input files (issue 13) — time, memory and the error each ends in.

Two parts:

1. Hostile .docx families, each read in a fresh process (peak memory is the process's VmHWM):
   a part that lies about its size, an honest 190 MB part, content controls nested 20,000
   deep, a UTF-16 billion-laughs DTD, a million elements, corrupt deflate data. Target: a
   one-line input error within 2 s and under 300 MB each.
2. A fuzz run over mutated files (byte flips, deletions, insertions) of every sample contract
   (.txt .md .docx .pdf): counts of parsed / input error / any other exception (target 0), the
   slowest input below 1 MB (target < 1 s) and how many took over 1 s.

3. Hostile text (``bench/hostile_text.py``): a contract of 50,000 articles (target < 5 s CPU) and, for
   every adversarial text family of the fuzz tests, the CPU time at 10 KB, 100 KB and 1 MB (5 MB with
   ``--big``) with the time ratio next to the size ratio (linear: growth <= 1.5).

Run: ``.venv/bin/python bench/hostile.py [--n 10000] [--seed 13] [--big] [--parts docx,fuzz,long,linear]``.
Prints figures; not a test.
"""

from __future__ import annotations

import argparse
import random
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'
TAIL = "</w:body></w:document>"
PARA = '<w:p><w:r><w:t xml:space="preserve">第一条 甲方应于本合同生效之日起10个工作日内支付人民币1000元。</w:t></w:r></w:p>'
MAX_S, MAX_MB = 2.0, 300.0

_CHILD = """
import sys, time
from tracker.errors import InputError
from tracker.parse import parse_file
t = time.perf_counter()
try:
    parse_file(sys.argv[1]); out = 'parsed'
except InputError as e:
    out = 'InputError: ' + str(e).split(': ', 1)[1]
except BaseException as e:
    out = 'OTHER ' + type(e).__name__
dt = time.perf_counter() - t
hwm = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM:')][0]
print(f"{dt:.3f} {int(hwm.split()[1]) / 1024:.0f} {out[:90]}")
"""


def _docx(path: Path, document: bytes | str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
    return path


def _big(path: Path, mb: int) -> Path:
    block = PARA.encode() * (1024 * 1024 // len(PARA.encode()) + 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z, \
            z.open("word/document.xml", "w", force_zip64=True) as f:
        f.write(HEAD.encode())
        for _ in range(mb):
            f.write(block)
        f.write(TAIL.encode())
    return path


def _declare(path: Path, size: int) -> Path:
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 22, size)
    c = data.find(b"PK\x01\x02")
    while c != -1:
        n = struct.unpack_from("<H", data, c + 28)[0]
        if data[c + 46:c + 46 + n] == b"word/document.xml":
            struct.pack_into("<I", data, c + 24, size)
        c = data.find(b"PK\x01\x02", c + 4)
    path.write_bytes(bytes(data))
    return path


def families(tmp: Path) -> dict[str, Path]:
    laughs = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    lol = (f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [{laughs}]><w:document xmlns:w="{W}">'
           "<w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>").encode("utf-16")
    deep = "<w:sdt><w:sdtContent>" * 20_000 + PARA + "</w:sdtContent></w:sdt>" * 20_000
    corrupt = _docx(tmp / "corrupt.docx", HEAD + PARA * 2000 + TAIL)
    data = bytearray(corrupt.read_bytes())
    data[60:120] = bytes(b ^ 0x5A for b in data[60:120])
    corrupt.write_bytes(bytes(data))
    return {
        "lying header (60 MB declared as 1 KB)": _declare(_big(tmp / "liar.docx", 60), 1000),
        "lying header (60 MB declared as 15 MB)": _declare(_big(tmp / "liar2.docx", 60), 15 * 1024 * 1024),
        "honest 190 MB part": _big(tmp / "huge.docx", 190),
        "content controls nested 20,000 deep": _docx(tmp / "deep.docx", HEAD + deep + TAIL),
        "UTF-16 billion laughs": _docx(tmp / "lol.docx", lol),
        "a million elements": _docx(tmp / "many.docx", HEAD + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 250_000 + TAIL),
        "corrupt deflate data": corrupt,
    }


def run_families(tmp: Path) -> bool:
    print(f"hostile .docx (target: one-line input error, < {MAX_S:g} s, < {MAX_MB:g} MB)")
    ok = True
    for name, path in families(tmp).items():
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                              cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=600)
        secs, mb, out = proc.stdout.split(" ", 2)
        good = float(secs) < MAX_S and float(mb) < MAX_MB and out.startswith("InputError") and not proc.stderr
        ok &= good
        print(f"  {'ok  ' if good else 'FAIL'} {name:<40} {float(secs):6.2f} s {float(mb):5.0f} MB  {out.strip()}"
              + (f"  [stderr: {len(proc.stderr.splitlines())} lines]" if proc.stderr else ""))
    return ok


def mutate(rng: random.Random, data: bytes) -> bytes:
    """The tests' mutator (tests/mutate.py) with the bench's heavier spread of edit counts."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from mutate import mutate as mutate_bytes  # type: ignore[import-not-found]

    return bytes(mutate_bytes(rng, data, (1, 2, 5, 20, 100)))


def run_fuzz(tmp: Path, n: int, seed: int) -> bool:
    import logging

    from tracker.errors import InputError
    from tracker.parse import parse_file

    logging.disable(logging.CRITICAL)
    samples = sorted(p for d in (ROOT / "tests" / "contracts", ROOT / "data") for p in d.iterdir()
                     if p.suffix.lower() in (".txt", ".md", ".docx", ".pdf") and not p.name.startswith("README"))
    for src in samples:  # warm up: the first parse loads OpenCC, pypdf and the calendar
        parse_file(src)
    rng = random.Random(seed)
    outcomes: Counter[str] = Counter()
    slow, worst = 0, (0.0, "")
    for k in range(n):
        src = samples[k % len(samples)]
        path = tmp / f"f{k % 50}{src.suffix}"
        path.write_bytes(mutate(rng, src.read_bytes()))
        t = time.perf_counter()
        try:
            parse_file(path)
            outcomes["parsed"] += 1
        except InputError:
            outcomes["input error"] += 1
        except Exception as exc:  # what the target says must not happen
            outcomes[f"OTHER {type(exc).__name__}"] += 1
        dt = time.perf_counter() - t
        if path.stat().st_size < 1024 * 1024:
            slow += dt > 1.0
            worst = max(worst, (dt, f"{src.name} mutation {k}"))
    other = sum(v for k2, v in outcomes.items() if k2.startswith("OTHER"))
    print(f"fuzz: {n} mutated files of {len(samples)} samples (seed {seed})")
    for key, v in sorted(outcomes.items()):
        print(f"  {key:<28} {v}")
    print(f"  other exceptions: {other} (target 0); over 1 s below 1 MB: {slow} (target 0); "
          f"slowest {worst[0]:.2f} s ({worst[1]})")
    return other == 0 and slow == 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="mutated files to parse (issue 13: 10000)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--big", action="store_true", help="also time every text family at 5 MB")
    ap.add_argument("--parts", default="docx,fuzz,long,linear", help="which parts to run (comma-separated)")
    args = ap.parse_args()
    parts = set(args.parts.split(","))
    from hostile_text import run_linearity, run_long  # type: ignore[import-not-found]

    ok = True
    with tempfile.TemporaryDirectory(prefix="tracker-hostile-") as d:
        if "docx" in parts:
            ok &= run_families(Path(d))
        if "fuzz" in parts:
            ok &= run_fuzz(Path(d), args.n, args.seed)
    if "long" in parts:
        ok &= run_long()
    if "linear" in parts:
        ok &= run_linearity(args.big)
    print("all targets met" if ok else "some targets missed")


if __name__ == "__main__":
    main()
