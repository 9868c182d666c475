"""Hard-wrapped English prose: which newlines break a sentence only because the line was full.

Plain-text contracts are often wrapped at a fixed width, with the continuation indented like the
clause it continues::

        2.1 The Customer shall deliver the Phase 2 Source Data Package (approximately 180,000 camera
        frames with synchronised LiDAR sweeps) within fifteen (15) Business Days after the Restatement
        Date.

A continuation that starts in lower case ("frames with…") reads as one: the sentence splitter
joins it. One that starts with a capital ("Date.", "Customer's…") is joined the way a text
formatter would undo its own wrap: the document is wrapped at a width (most of its long lines end
near one length), the line has no end mark, and the next line's first word would not have fitted
on it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.parse.tables_space import gap_spans, is_space_row

#: a line the next one continues: it starts (after its indentation) in lower case
#: ("…with\nreference transcripts) within five (5) Business Days…") or with "(30) days"
_CONTINUES = re.compile(r"[ \t]*(?:[a-z](?![a-z]?[).]\s)|\(\d{1,3}\)\s+[a-z])")
_GAP = re.compile(r"\S[ \t]{2,}\S|\t|\|")
#: the start of a line that opens an item of its own: a clause number, a list mark, a table row
_OPENS = re.compile(r"[ \t]*(?:\d{1,3}(?:\.\d{1,3})*[.)]?\s|\(?[a-zA-Z]{1,4}\)\s|[-*•|#>]|[A-Z][A-Z ]+$)", re.M)
_FIRST_WORD = re.compile(r"[ \t]*(\S+)")
#: how far below the width a wrapped line may end, and how many long lines must end there
_BAND = 15
_MIN_LINES = 8
_MIN_WIDTH = 60


@lru_cache(maxsize=4)
def wrap_width(text: str) -> int | None:
    """The width ``text`` was hard-wrapped at: the length that most of its lines of 40 characters or more
    end within ``_BAND`` characters below (at least half of them, ``_MIN_LINES`` at least, a width of 60 or
    more); None for a document with a paragraph per line. Lines longer than the width (a paragraph left
    unwrapped) do not move it."""
    lengths = sorted(n for n in (len(line.rstrip()) for line in text.split("\n")) if n >= 40)
    best, width, low = 0, 0, 0
    for high, n in enumerate(lengths):  # the band [n - _BAND, n] holding the most line ends (the shortest such n:
        while lengths[low] < n - _BAND:  # the longest line of the wrapped ones, not a longer paragraph left whole)
            low += 1
        if high - low + 1 > best:
            best, width = high - low + 1, n
    if best < _MIN_LINES or 2 * best < len(lengths) or width < _MIN_WIDTH:
        return None
    return width


def soft_wrap(text: str, at: int, width: int | None) -> bool:
    """The newline at ``at`` wraps a sentence: a long line of prose with no end mark, continued below
    (in lower case, or at any case when the next word would not have fitted within ``width``)."""
    start = text.rfind("\n", 0, at) + 1
    line = text[start:at].rstrip()
    if len(line) < 40 or line[-1:] in ".:;!?" or _GAP.search(line.lstrip()) is not None:
        return False
    if _CONTINUES.match(text, at + 1):
        return True
    if width is None or _OPENS.match(text, at + 1):
        return False
    word = _FIRST_WORD.match(text, at + 1)
    return word is not None and len(line) + 1 + len(word.group(1)) > width


def table_continues(text: str, at: int) -> bool:
    """The newline at ``at`` ends a row of a space-aligned table whose cell wraps onto the next line, under
    its own column::

         1     Release A (1,800 hours, transcribed)     Provider  10 Working Days after
                                                                  the Commencement Date

    (the next line is one cell, indented to where a later cell of the row starts)."""
    start = text.rfind("\n", 0, at) + 1
    line = text[start:at]
    if not is_space_row(line):
        return False
    end = text.find("\n", at + 1)
    nxt = text[at + 1:end if end >= 0 else len(text)]
    body = nxt.strip(" ")
    if not body or "  " in body or "\t" in body:
        return False
    indent = len(nxt) - len(nxt.lstrip(" "))
    cells = gap_spans(line)
    return len(cells) >= 3 and any(abs(indent - a) <= 1 for a, _ in cells[1:])
