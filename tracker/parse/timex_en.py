"""English composition for the time layer: the relation word comes before the event.

"within thirty (30) days after receipt of the invoice", "five (5) Business Days prior to the Go-Live
Date", "thirty (30) days' prior written notice". Read by ``timex.read_time`` for English sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from tracker.parse.timex import Deadline, _contingent, _default_anchor, _gap, _rel_at
from tracker.parse.timex_scan import Dur, Tok


def anchors_en(s: str, toks: list[Tok]) -> list[tuple[Tok, Tok]]:
    """(event, relation) pairs: "after Acceptance", "prior to the Go-Live Date", "of receipt of an invoice";
    a period right before an event binds too: "thirty (30) days' prior written notice"."""
    out = []
    for i, t in enumerate(toks):
        if t.kind == "DUR":
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and nxt.kind == "EVENT" and _gap(s, t.end, nxt.start, 3):
                out.append((nxt, Tok("REL", t.end, t.end, "after")))
            continue
        if t.kind != "REL" or t.value not in ("after", "before", "by"):
            continue
        for p in toks[i + 1:i + 4]:
            if p.kind == "EVENT" and _gap(s, t.end, p.start, 40):
                out.append((p, t))
                break
            if p.kind != "REL" or p.value != "after":
                break
    return out


def en_deadline(s: str, toks: list[Tok]) -> Deadline | None:
    anchors = anchors_en(s, toks)
    for t in (x for x in toks if x.kind == "DUR"):
        assert isinstance(t.value, Dur)
        i = bisect_left(anchors, t.end, key=lambda pair: pair[1].start)  # anchors are in text order
        near = [(ev, r) for ev, r in anchors[i:i + 1] if _gap(s, t.end, r.start, 24) or r.start - t.end <= 3]
        pre = _rel_at(toks, s, t.start, after=False, limit=3)
        if near:
            ev, r = near[0]
            neg = r.value == "before"
            kind = "before" if neg else ("within" if pre is not None and pre.value in ("within", "by", "not_more") else "on")
            a = pre.start if pre is not None else t.start
            return Deadline(str(ev.value), t.value.iso(neg), t.value.business, kind, a, ev.end,
                            _contingent(s, str(ev.value), t.value, "en", a))
    for t in (x for x in toks if x.kind == "DUR"):
        assert isinstance(t.value, Dur)
        pre = _rel_at(toks, s, t.start, after=False, limit=3)
        if pre is not None and pre.value in ("within", "not_more", "by"):
            anchor = _default_anchor(s, "en", pre.start)
            return Deadline(anchor, t.value.iso(), t.value.business, "within", pre.start, t.end,
                            _contingent(s, anchor, t.value, "en", pre.start))
    for ev, r in anchors:
        strict = r.value == "before" and not re.search(r"\bor\s*$", s[:r.start], re.I)
        return Deadline(str(ev.value), "-P1D" if strict else "P0D", False, "before" if strict else "on",
                        r.start, ev.end, _contingent(s, str(ev.value), None, "en", r.start))
    return None


__all__ = ["anchors_en", "en_deadline"]
