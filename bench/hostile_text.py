"""Hostile *text* for ``bench/hostile.py`` (issue 13): a very long contract and the growth of parse time
with size for every adversarial text family of ``tests/test_fuzz_parse.py``.

- 50,000 articles ``第N条 甲方应于本合同生效之日起10个工作日内支付人民币1000元。``: CPU seconds, obligations
  found, CPU per obligation (target: under 5 s).
- Linearity: each family (``ADVERSARIAL`` and ``DENSE``) at 10 KB, 100 KB and 1 MB (and 5 MB with
  ``--big``), best CPU time of a few runs; printed is the time ratio next to the size ratio from the
  smallest and from 100 KB to the largest size. Linear parsing keeps the time per KB flat: the printed
  growth (time ratio / size ratio, from 100 KB, where fixed costs no longer dominate) must stay <= 1.5.

Sizes are characters (the fuzz tests' "1 MB" is 1,000,000 characters). Times are CPU (``process_time``),
so another process on the machine does not change them much.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINE = "第{n}条 甲方应于本合同生效之日起10个工作日内支付人民币1000元。"
TARGET_LONG_S = 5.0
TARGET_GROWTH = 1.5
KB = 1000


def long_contract(lines: int = 50_000) -> str:
    return "\n".join(LINE.format(n=n) for n in range(1, lines + 1))


def run_long(lines: int = 50_000) -> bool:
    from tracker.parse import parse_text

    text = long_contract(lines)
    parse_text(long_contract(3), "warm.txt")
    t0 = time.process_time()
    result = parse_text(text, "long.txt")
    secs = time.process_time() - t0
    n = len(result.obligations)
    ok = secs < TARGET_LONG_S and n == lines
    print(f"long contract: {lines:,} articles, {len(text):,} characters (target < {TARGET_LONG_S:g} s CPU)")
    print(f"  {'ok  ' if ok else 'SLOW'} {secs:6.2f} s CPU  {n:,} obligations  {secs / max(n, 1) * 1000:.3f} ms per obligation")
    return ok


def _period(text: str) -> str | None:
    """The repeated unit of a filled family (``_fill("第一条")`` → "第一条"), if it has a short one."""
    for p in range(1, 200):
        if text[:4000] == text[p:p + 4000]:
            return text[:p]
    return None


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def families() -> dict[str, Callable[[int], str]]:
    """Every adversarial family as a function of its size in characters."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_fuzz_parse import ADVERSARIAL, DENSE  # type: ignore[import-not-found]

    out: dict[str, Callable[[int], str]] = {}
    for name, make in sorted(ADVERSARIAL.items()):
        unit = _period(make())
        if unit is not None:
            out[name] = functools.partial(_repeat, unit)
        elif name == "distinct-blanks":
            out[name] = lambda n: "".join(f"[请填写{i}]" for i in range(n // 8 + 1))[:n]
        else:
            raise SystemExit(f"bench: no generator for the adversarial family {name!r}")
    for name, make_n in sorted(DENSE.items()):
        out[f"dense:{name}"] = make_n
    return out


def run_linearity(big: bool) -> bool:
    sizes = [10 * KB, 100 * KB, 1000 * KB] + ([5000 * KB] if big else [])
    top = sizes[-1]
    print(f"\nlinearity per adversarial family, CPU s at {', '.join(f'{s // KB:,} KB' for s in sizes)} "
          f"(growth = time ratio / size ratio from 100 KB; target <= {TARGET_GROWTH})")
    fams = families()  # (puts tests/ on the path)
    from test_fuzz_parse import _best_of  # type: ignore[import-not-found]  # best CPU time of N parses

    ok = True
    for name, make in fams.items():
        times = [_best_of(3 if n <= 100 * KB else 1, make(n)) for n in sizes]
        r_small = times[-1] / max(times[0], 1e-9)
        r_mid = times[-1] / max(times[1], 1e-9)
        growth = r_mid / (top / sizes[1])
        good = growth <= TARGET_GROWTH
        ok &= good
        print(f"  {'ok  ' if good else 'SLOW'} {name:<32} " + " ".join(f"{t:7.3f}" for t in times)
              + f"   x{r_small:6.1f} time for x{top // sizes[0]} size, x{r_mid:5.1f} for x{top // sizes[1]}"
              f"  growth {growth:4.2f}")
    return ok


__all__ = ["families", "long_contract", "run_linearity", "run_long"]
