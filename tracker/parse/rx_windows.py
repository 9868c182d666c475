"""Where a pattern bound to a line and the next can match, found from its keywords: the same matches,
tried far less often.

The signature-block pattern is tried at every line start and after every sentence end, and each try
walks a long alternation of lazy runs (a quarter of a contract's segmentation). Every branch of it holds
one of a few words (盖章, 签字, 代表, Signed…) on the line where its match begins or on the next line,
and before its first character a match skips only white space and Markdown marks. So a match can begin
only in the stretch from such a word back to the start of the line before the word's line, widened over
the white space and marks just before that line. ``windows(text, words)`` lists those stretches; outside
them no try can succeed.
"""

from __future__ import annotations

from collections.abc import Sequence

#: what a match may skip before its first character besides white space (a Markdown heading or quote
#: mark, a list bullet)
_MARKS = "#>*-"


def occurrences(text: str, word: str) -> list[int]:
    """Every start of ``word`` in ``text`` (overlapping ones too), by ``str.find``."""
    out: list[int] = []
    i = text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def windows(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Sorted, disjoint ``(lo, hi)`` stretches (both ends included) where a match that holds one of
    ``words`` on its first line or the next can begin, after skipping white space and Markdown marks.
    Linear: each character is walked over at most once."""
    hits = sorted({p for w in words for p in occurrences(text, w)})
    out: list[tuple[int, int]] = []
    for k in hits:
        line = text.rfind("\n", 0, k) + 1  # the start of the word's line
        lo = text.rfind("\n", 0, line - 1) + 1 if line else 0  # the start of the line before it
        floor = out[-1][1] if out else 0
        while lo > floor and (text[lo - 1].isspace() or text[lo - 1] in _MARKS):
            lo -= 1
        if out and lo <= floor:
            out[-1] = (out[-1][0], k)
        else:
            out.append((lo, k))
    return out


__all__ = ["occurrences", "windows"]
