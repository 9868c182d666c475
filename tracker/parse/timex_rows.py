"""The event and relation tables of the time layer (``timex_lexicon``) compiled for the scan: one
alternation per table to find where a row can start, and each row by its first characters to find the
longest match there (``timex_scan._longest``)."""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.parse.rx_prefilter import first_class
from tracker.parse.timex_lexicon import EVENTS_EN, EVENTS_ZH, RELS_EN, RELS_ZH
from tracker.regex_own import own


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
        out.append(_by_first_char(rows, bool(flags)))
    return out[0], out[1], out[2], out[3]  # type: ignore[return-value]


def _by_first_char(rows: list[tuple[str, re.Pattern[str], frozenset[str] | None]], fold: bool) -> Rows:
    """Each character a row can start with (both cases when ``fold``) → the rows, in table order, that
    can start with it, those that can start anywhere included; "" → those alone. One pass over the rows'
    first characters (a test of every row for every character was 3 ms of every run's start-up)."""
    anywhere = [k for k, (_, _, first) in enumerate(rows) if first is None]
    members: dict[str, set[int]] = {}
    for k, (_, _, first) in enumerate(rows):
        for c in first or ():
            for variant in {c, c.swapcase()} if fold else {c}:
                members.setdefault(variant, set(anywhere)).add(k)
    if not fold:  # a row starting with c.swapcase() matched c before, as it does now
        for c in list(members):
            if c.swapcase() != c and c.swapcase() in members:
                members[c] = members[c] | members[c.swapcase()]
    out = {c: tuple(rows[k][:2] for k in sorted(ks)) for c, ks in members.items()}
    out[""] = tuple(rows[k][:2] for k in anywhere)
    return out


__all__ = ["Rows", "_lexicon_rx", "_row_first"]
