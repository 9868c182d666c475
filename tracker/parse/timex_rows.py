"""The event and relation tables of the time layer (``timex_lexicon``) compiled for the scan: one
alternation per table to find where a row can start, and each row by its first characters to find the
longest match there (``timex_scan._longest``)."""

from __future__ import annotations

import re
import re._parser as sre_parse
from functools import lru_cache
from typing import Any

from tracker.parse.rx_prefilter import _first
from tracker.parse.timex_lexicon import EVENTS_EN, EVENTS_ZH, RELS_EN, RELS_ZH


def _first_chars(items: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """The characters a parsed pattern can start with (None: any, or a range or class of them), and
    whether it can match empty: ``rx_prefilter``'s set members, when each is one character."""
    members, empty = _first(items)
    if members is None:
        return None, False
    chars: set[str] = set()
    for m in members:
        if m.startswith("\\") and m[1:].isalnum():
            return None, False  # \d, \w: a class (re.escape never escapes a letter or a digit)
        c = m[1:] if m.startswith("\\") else m
        if len(c) != 1:
            return None, False  # a range
        chars.add(c)
    return chars, empty


def _prefilter(pattern: str, fold: bool) -> str:
    """A lookahead of the characters the pattern can start with: the alternation of forty lexicon rows
    is then tried only where one of them can begin (1 MB of other text is skipped ten times faster)."""
    chars, nullable = _first_chars(list(sre_parse.parse(pattern)))
    if chars is None or nullable:
        return ""
    if fold:
        chars |= {c.upper() for c in chars} | {c.lower() for c in chars}
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


Rows = dict[str, tuple[tuple[str, re.Pattern[str]], ...]]  # first character → the rows that can start with it


@lru_cache(maxsize=2)
def _lexicon_rx(lang: str) -> tuple[re.Pattern[str], Rows, re.Pattern[str], Rows]:
    """One alternation per table to find where a row can start, and each row to find the longest."""
    flags = re.I if lang == "en" else 0
    wrap = (lambda rx: rf"\b(?:{rx})\b") if lang == "en" else (lambda rx: f"(?:{rx})")
    out: list[object] = []
    for table in (EVENTS_EN if lang == "en" else EVENTS_ZH, RELS_EN if lang == "en" else RELS_ZH):
        union = "|".join(wrap(rx) for _, rx in table)
        out.append(re.compile(f"{_prefilter(union, bool(flags))}(?:{union})", flags))
        rows = [(ident, re.compile(wrap(rx), flags), _first_chars(list(sre_parse.parse(wrap(rx))))[0])
                for ident, rx in table]
        chars = {c for _, _, first in rows for c in first or ()}
        chars |= {c.swapcase() for c in chars} if flags else set()
        by_char = {c: tuple((i, r) for i, r, first in rows if first is None or c in first or c.swapcase() in first)
                   for c in chars}
        by_char[""] = tuple((i, r) for i, r, first in rows if first is None)
        out.append(by_char)
    return out[0], out[1], out[2], out[3]  # type: ignore[return-value]


__all__ = ["Rows", "_first_chars", "_lexicon_rx"]
