"""One scan of a document per pattern, answering "the matches in ``text[start:stop]``" by bisection.

The rules ask for the sums of many spans of one document (a sentence, the words after a heading);
``rx.finditer(text, start, stop)`` scans each span again. ``matches_in`` scans the whole text once
(remembered per text) and returns the scan's matches inside the span, which are those of the bounded
scan when two conditions hold:

- the pattern reads nothing it does not consume but its first character (no lookbehind, no ``\\b``,
  ``$`` or lookahead past the first position; a first-character guard is fine), and cannot match the
  empty string: then a path that succeeds inside ``[start, stop)`` succeeds in the whole text, and a
  position where the whole-text scan finds no match has none in the span either;
- no match of the whole-text scan straddles ``start`` or ``stop``: the whole-text scan then tries every
  position from ``start`` on that the bounded one tries, finds the same match at each (its chosen path
  ends inside the span, and every path it preferred failed in the whole text, so fails in the span), and
  a match it finds past ``stop`` is past the bounded scan's end.

When a match straddles either end, the span is scanned as before. ``eligible`` checks the first condition
on the parsed pattern, so a pattern that does not meet it is always scanned span by span.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Any

#: texts shorter than this are scanned span by span (a sentence: nothing to share)
MIN_DOCUMENT = 1024

_ASSERTS = (sre.AT, sre.ASSERT, sre.ASSERT_NOT, sre.GROUPREF, getattr(sre, "GROUPREF_EXISTS", sre.GROUPREF))


def _reads_ahead(items: Any) -> bool:
    """Any assertion or back reference anywhere in the parsed ``items``."""
    for op, av in items:
        if op in _ASSERTS:
            return True
        if isinstance(av, (list, tuple)):
            for sub in av:
                if isinstance(sub, sre_parse.SubPattern) and _reads_ahead(sub):
                    return True
                if isinstance(sub, (list, tuple)) and any(isinstance(x, sre_parse.SubPattern) and _reads_ahead(x) for x in sub):
                    return True
        if isinstance(av, sre_parse.SubPattern) and _reads_ahead(av):
            return True
    return False


@lru_cache(maxsize=16)
def eligible(rx: re.Pattern[str]) -> bool:
    """True when ``rx`` (after an optional leading ``(?=[…])`` guard) has no assertion and cannot match empty."""
    parsed = sre_parse.parse(rx.pattern, rx.flags)
    items = list(parsed)
    if items and items[0][0] is sre.ASSERT and items[0][1][0] == 1:  # (?=…): the guard reads the first character only
        guard = list(items[0][1][1])
        if len(guard) != 1 or guard[0][0] not in (sre.IN, sre.LITERAL):
            return False
        items = items[1:]
    return not _reads_ahead(items) and parsed.getwidth()[0] > 0  # the guard is of width 0


class _Scan:
    __slots__ = ("ends", "matches", "starts")

    def __init__(self, rx: re.Pattern[str], text: str) -> None:
        self.matches = tuple(rx.finditer(text))
        self.starts = [m.start() for m in self.matches]
        self.ends = [m.end() for m in self.matches]


@lru_cache(maxsize=8)
def _scan(rx: re.Pattern[str], text: str) -> _Scan:
    return _Scan(rx, text)


def matches_in(rx: re.Pattern[str], text: str, start: int, stop: int) -> tuple[re.Match[str], ...] | list[re.Match[str]]:
    """The matches of ``rx.finditer(text, start, stop)``, from one remembered scan of ``text`` when they are the same."""
    start, stop = max(start, 0), min(stop, len(text))
    if start >= stop:
        return ()
    if len(text) < MIN_DOCUMENT or not eligible(rx):
        return list(rx.finditer(text, start, stop))
    sc = _scan(rx, text)
    i = bisect_right(sc.ends, start)  # the first match that ends after ``start``
    j = bisect_left(sc.starts, stop)  # the first match that starts at or after ``stop``
    if (i < len(sc.starts) and sc.starts[i] < start) or (j > 0 and sc.ends[j - 1] > stop):
        return list(rx.finditer(text, start, stop))  # a match straddles an end of the span
    return sc.matches[i:j]


__all__ = ["MIN_DOCUMENT", "eligible", "matches_in"]
