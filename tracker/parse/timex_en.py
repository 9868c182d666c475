"""English composition for the time layer: the relation word comes before the event.

"within thirty (30) days after receipt of the invoice", "five (5) Business Days prior to the Go-Live
Date", "thirty (30) days' prior written notice". Read by ``timex.read_time`` for English sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from tracker.parse.rx_prefilter import guard
from tracker.parse.timex import Deadline, _contingent, _default_anchor, _gap, _rel_at
from tracker.parse.timex_lexicon import BARE_EN, LASTING_EN, NET_EN
from tracker.parse.timex_scan import Dur, Tok

_LASTING = re.compile(guard(LASTING_EN, re.I), re.I)
_NET = re.compile(NET_EN, re.I)
_NET_AFTER = re.compile(r"\s+(?:after|following|from)\s+", re.I)
_BARE = re.compile(rf"\b(?:(?P<after>{BARE_EN})|(?P<by>(?:by\s+)?no\s+later\s+than|not\s+later\s+than|on\s+or\s+(?:before|prior\s+to)|by)"
                   r"|(?P<before>prior\s+to|before|in\s+advance\s+of))\s+", re.I)


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
        for k, p in enumerate(toks[i + 1:i + 4], i + 1):
            if p.kind == "EVENT" and _gap(s, t.end, p.start, 60):  # "after the date on which this Agreement has been signed"
                out.append((_sequence_end(s, toks, k), t))
                break
            if p.kind != "REL" or p.value != "after":
                break
    return out


#: what joins two events that must both have happened: "after Client's acceptance of the model and
#: receipt of Contractor's invoice" (the words between the first event and the second)
_AND_THEN = re.compile(r"(?:\s+(?:of|for)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,3}?[\w-]+)?\s*,?\s*and\s+"
                       r"(?:(?!(?:shall|will|must|may|is|are|be|then)\b)[A-Za-z][\w-]*(?:['’]s?)?\s+){0,5}", re.I)


def _sequence_end(s: str, toks: list[Tok], k: int) -> Tok:
    """Of events joined by "and" after one relation ("after A and receipt of B") the last: the
    deadline counts from the later of the two, as 验收合格并收到发票后 counts from the invoice."""
    while True:
        j = k + 1
        while j < len(toks) and toks[j].kind == "REL" and toks[j].value == "after" and toks[j].end - toks[j].start <= 2:
            j += 1  # the "of" of "receipt of"
        if j >= len(toks) or toks[j].kind != "EVENT" or toks[j].value == toks[k].value \
                or not _AND_THEN.fullmatch(s, toks[k].end, toks[j].start):
            return toks[k]
        k = j


def en_deadline(s: str, toks: list[Tok]) -> Deadline | None:
    anchors = anchors_en(s, toks)
    lasting: Deadline | None = None
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
            if kind == "on" and _LASTING.search(s, max(0, t.start - 30), t.start):
                # "survive for three (3) years after termination": how long a state lasts, not a deadline
                lasting = lasting or Deadline(str(ev.value), t.value.iso(), t.value.business, "lasting", a, ev.end)
                continue
            value = t.value
            after = next((x for x in toks if x.kind == "REL" and x.value == "after" and 0 <= t.start - x.end <= 6
                          and not s[x.end:t.start].strip(" the")), None) if "nniversar" in s[t.start:t.end] else None
            if after is not None:  # "within thirty (30) days after the first anniversary of X": X + P1Y + P30D
                first = next((d for d in toks if d.kind == "DUR" and d.end <= after.start and after.start - d.end <= 3), None)
                if first is not None and isinstance(first.value, Dur):
                    value, lead = first.value + t.value, _rel_at(toks, s, first.start, after=False, limit=3)
                    kind = "within" if lead is not None and lead.value in ("within", "by", "not_more") else "on"
                    a = lead.start if lead is not None else first.start
            return Deadline(str(ev.value), value.iso(neg), value.business, kind, a, ev.end,
                            _contingent(s, str(ev.value), value, "en", a))
    if lasting is not None:
        return lasting
    for t in (x for x in toks if x.kind == "DUR"):
        assert isinstance(t.value, Dur)
        pre = _rel_at(toks, s, t.start, after=False, limit=3)
        if pre is not None and pre.value in ("within", "not_more", "by"):
            anchor = _default_anchor(s, "en", pre.start)
            return Deadline(anchor, t.value.iso(), t.value.business, "within", pre.start, t.end,
                            _contingent(s, anchor, t.value, "en", pre.start))
    net = _NET.search(s)
    if net:  # "payable Net 45": counted from the invoice; "Net 30 after Customer's written acceptance": that event
        tail = _NET_AFTER.match(s, net.end())
        named = next((t for t in toks if t.kind == "EVENT" and tail and tail.end() <= t.start <= tail.end() + 40), None)
        if named is not None:
            return Deadline(str(named.value), f"P{int(net.group('n'))}D", False, "within", net.start(), named.end)
        return Deadline("invoice", f"P{int(net.group('n'))}D", False, "within", net.start(), net.end())
    return _bare(s, toks)


def _bare(s: str, toks: list[Tok]) -> Deadline | None:
    """An event with no period: "invoiced upon Acceptance", "on signature of this SOW", "by the Go-Live
    Date" (P0D, on the event), "before Delivery" (the day before)."""
    events = [t for t in toks if t.kind == "EVENT"]
    for m in _BARE.finditer(s):
        i = bisect_left(events, m.end(), key=lambda t: t.start)
        ev = events[i] if i < len(events) and _gap(s, m.end(), events[i].start, 40) else None
        if ev is None:
            continue
        strict = m.group("before") is not None and not re.search(r"\bor\s*$", s[:m.start()], re.I)
        return Deadline(str(ev.value), "-P1D" if strict else "P0D", False, "before" if strict else "on",
                        m.start(), ev.end, _contingent(s, str(ev.value), None, "en", m.start()))
    return None


__all__ = ["anchors_en", "en_deadline"]
