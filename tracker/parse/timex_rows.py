"""The event and relation tables of the time layer (``timex_lexicon``) compiled for the scan: one
alternation per table to find where a row can start, and each row by its first characters to find the
longest match there (``timex_scan._longest``)."""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.parse.rx_prefilter import first_class
from tracker.parse.timex_lexicon import EVENTS_EN, EVENTS_ZH, RELS_EN, RELS_ZH
from tracker.regex_cache import own


def _row_first(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with (None: any, a range or a class of them):
    the members of ``rx_prefilter.first_class`` (kept between runs by its own cache)."""
    cls = first_class(pattern, flags)
    if cls is None:
        return None
    out: set[str] = set()
    body, k = cls[1:-1], 0
    while k < len(body):
        c = body[k]
        if c == "\\":
            if body[k + 1].isalnum():
                return None  # \d, \w: a class (re.escape never escapes a letter or a digit)
            c, k = body[k + 1], k + 1
        elif k + 2 < len(body) and body[k + 1] == "-":
            return None  # a range
        out.add(c)
        k += 1
    return frozenset(out)


def _prefilter(pattern: str, flags: int) -> str:
    """A lookahead of the characters the pattern can start with: the alternation of forty lexicon rows
    is then tried only where one of them can begin (1 MB of other text is skipped ten times faster)."""
    cls = first_class(pattern, flags)
    return "" if cls is None else f"(?={cls})"


Rows = dict[str, tuple[tuple[str, re.Pattern[str]], ...]]  # first character → the rows that can start with it


@lru_cache(maxsize=2)
def _lexicon_rx(lang: str) -> tuple[re.Pattern[str], Rows, re.Pattern[str], Rows]:
    """One alternation per table to find where a row can start, and each row to find the longest
    (built from the lexicons alone: kept by ``tracker.regex_cache`` between runs)."""
    with own():
        return _build_lexicon_rx(lang)


def _build_lexicon_rx(lang: str) -> tuple[re.Pattern[str], Rows, re.Pattern[str], Rows]:
    flags = re.I if lang == "en" else 0
    wrap = (lambda rx: rf"\b(?:{rx})\b") if lang == "en" else (lambda rx: f"(?:{rx})")
    out: list[object] = []
    for table in (EVENTS_EN if lang == "en" else EVENTS_ZH, RELS_EN if lang == "en" else RELS_ZH):
        union = "|".join(wrap(rx) for _, rx in table)
        out.append(re.compile(f"{_prefilter(union, flags)}(?:{union})", flags))
        rows = [(ident, re.compile(wrap(rx), flags), _row_first(wrap(rx))) for ident, rx in table]
        chars = {c for _, _, first in rows for c in first or ()}
        chars |= {c.swapcase() for c in chars} if flags else set()
        by_char = {c: tuple((i, r) for i, r, first in rows if first is None or c in first or c.swapcase() in first)
                   for c in chars}
        by_char[""] = tuple((i, r) for i, r, first in rows if first is None)
        out.append(by_char)
    return out[0], out[1], out[2], out[3]  # type: ignore[return-value]


__all__ = ["Rows", "_lexicon_rx", "_row_first"]
