"""Lettered items run on inside one sentence: "(b) RMB 180,000 (15%) for M1, (c) RMB 420,000 (35%) for M2,
(d) RMB 300,000 (25%) for M3 and (e) RMB 180,000 (15%) for M4, each invoiced …". A PDF text layer or a
terse drafter puts a list's items in one paragraph; each item that states a sum is a unit of its own
for the duty detector (``duties_en.detect``), as it would be on a line of its own. Pure."""

from __future__ import annotations

import re

from tracker.parse.common import BaseCtx, Unit
from tracker.parse.money_text import find_money

#: an item's letter after a comma, a semicolon or "and" (not "(a)" inside a sentence's words: "Section 3(a)")
_INLINE_ITEM = re.compile(r"(?:,|;|\band)\s+(?=\([a-z]\)\s)")
_ITEM_START = re.compile(r"\s*\([a-z]\)\s")
_ITEM_BEFORE = re.compile(r"\([a-z]\)\s*\Z")  # (the unit may start after its letter)


def inline_items(ctx: BaseCtx) -> tuple[list[Unit], dict[int, str]]:
    """``ctx.units`` with each unit that opens with a lettered item and runs on into more of them, every
    one stating a sum, cut at each item's letter; and, for each piece but the last, the last piece's words
    (", each invoiced and paid in accordance with Section 3.2" speaks for every item of the sentence)."""
    out: list[Unit] = []
    tails: dict[int, str] = {}
    for u in ctx.units:
        s = ctx.unit_text(u)
        opens = _ITEM_START.match(s) or _ITEM_BEFORE.search(ctx.text, max(0, u.start - 6), u.start)
        cuts = [m.end() for m in _INLINE_ITEM.finditer(s)] if "(" in s and opens else []
        bounds = [0, *cuts, len(s)]
        pieces = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False)]
        if not cuts or not all(find_money(s, a, b) for a, b in pieces):
            out.append(u)
            continue
        last = s[pieces[-1][0]:pieces[-1][1]]
        for n, (a, b) in enumerate(pieces):
            piece = s[a:b].rstrip(" ,;")
            piece = piece[:-4].rstrip(" ,;") if piece.endswith(" and") else piece
            out.append(Unit(u.label, u.start + a, u.start + a + len(piece)))
            if n < len(pieces) - 1:
                tails[u.start + a] = last
    return out, tails
