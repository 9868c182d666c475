"""The parts of an English duty sentence that are duties of their own ("deliver the Model on or before A, and
shall deliver a test report within B"; "Batch 1 on or before A, Batch 2 on or before B"), and the sections whose
dated items are the provider's deliverables though they name no verb (a rule of ``duties_en``)."""

from __future__ import annotations

import re
from collections.abc import Callable

from tracker.parse.common import BaseCtx, find_dates
from tracker.parse.rx_literals import gated
from tracker.parse.rx_prefilter import guard
from tracker.parse.timex_duty_en import find_time

_AND_SHALL = gated(guard(r"\s*,?\s+and\s+(?=(?:shall|must|will)\s)|;\s*and\s+(?=(?:shall|must|will)\s)"
                         r"|\s*,?\s+and\s+(?=the\s)", re.I), re.I)  # "deliver X on or before A and the Y on or before B"


_BY_WORDS = re.compile(guard(r"before|later\s+than|\bby\b", re.I), re.I)
_BY_LEAD = re.compile(r"(?:on\s+or\s+before|no\s+later\s+than|not\s+later\s+than|\bby)\s*$", re.I)


_DELIVERABLES = re.compile(r"\b(?:Deliverables|DELIVERABLES|Milestones|MILESTONES|Delivery\s+Schedule|DELIVERY\s+SCHEDULE)\b"
                           r"|\b[Ww]hat\s+(?:we|you)\s+will\s+deliver\b")  # a letter's plain-English heading


#: what an item of a deliverables section says without saying it: the provider delivers it
DELIVERABLE_LEAD = "The Provider shall deliver"


#: an item that opens with its milestone's number and name: "Milestone 2 - Extraction Model Delivery: on or before …"
_MILESTONE_ITEM = re.compile(r"\s*(?:(?:\d{1,3}|[IVX]{1,5})(?:\.\d{1,3})*\.?\s+)?(?:Milestone|Deliverable)\s+(?:\d{1,2}|[A-Z])\s*[-–—:.]\s*\S", re.I)


def opens_milestone(sentence: str) -> bool:
    """The sentence is a milestone's item (its deadline follows its name): the provider's duty though no verb is named."""
    return _MILESTONE_ITEM.match(sentence) is not None


def milestone_side(sentence: str, role: Callable[[str], str | None]) -> str | None:
    """The side a milestone's name names ("Milestone 2 - Client Acceptance: …" → the client's), by ``role``."""
    m = _MILESTONE_ITEM.match(sentence)
    name = sentence[m.end() - 1:sentence.find(":", m.end())] if m is not None and ":" in sentence[m.end():] else ""
    return next((r for w in re.findall(r"[A-Z][\w-]+", name) if (r := role(w)) in ("client", "provider")), None)


def in_deliverables_section(ctx: BaseCtx, label: str | None) -> bool:
    """``label`` sits in a section whose heading lists deliverables or milestones ("3. Deliverables" over
    "3.2 …", an SOW's "2. Deliverables" over "(a) …" labelled "Exhibit A.2"): its dated items are the
    provider's duties though they name no verb. The heading is a section's short first line."""
    if not label:
        return False
    chain = [label]
    while "." in chain[-1]:
        chain.append(chain[-1].rsplit(".", 1)[0])
    for name in chain[1:] if len(chain) > 1 and not _is_section(ctx, label) else chain:
        seg = ctx.clauses.of_label(name)
        if seg is None:
            continue
        line_end = ctx.text.find("\n", seg.start, seg.end)
        head = ctx.text[seg.start:line_end if line_end >= 0 else min(seg.end, seg.start + 80)]
        if len(head) <= 60 and _DELIVERABLES.search(head):
            return True
    return False


def _is_section(ctx: BaseCtx, label: str) -> bool:
    """``label``'s own segment opens with a heading line ("2. Deliverables"), not a sentence ("3.2 The …")."""
    seg = ctx.clauses.of_label(label)
    if seg is None:
        return False
    line_end = ctx.text.find("\n", seg.start, seg.end)
    head = ctx.text[seg.start:line_end].rstrip()
    # (a heading may end with a full stop: "A.2 Deliverables."; a sentence is longer)
    return 0 <= line_end - seg.start <= 60 and not head.endswith((";", ":")) \
        and not (head.endswith(".") and len(head.split()) > 4)


def _dated_items(s: str) -> list[tuple[int, int]]:
    """"deliver … in three Batches: Batch 1 on or before 30 October 2026, Batch 2 on or before 30
    November 2026, and Batch 3 on or before 18 December 2026": one span per dated item."""
    if len(_BY_WORDS.findall(s)) < 2:  # one "by …" at most: no list of dated items
        return [(0, len(s))]
    ends = [h.end for h in find_dates(s) if h.value and _BY_LEAD.search(s[max(0, h.start - 24):h.start])]
    if len(ends) < 2:
        return [(0, len(s))]
    spans, a = [], 0
    for e in ends:
        spans.append((a, e))
        a = e
    spans[-1] = (spans[-1][0], len(s))
    return spans


def duty_parts(s: str) -> list[tuple[int, int]]:
    """Spans of the duties of one sentence: split before "and shall …" when each side has its own
    time, or at each dated item of a list."""
    cuts = [m for m in _AND_SHALL.finditer(s)]
    if not cuts:
        return _dated_items(s)
    spans, a = [], 0
    for m in cuts:
        spans.append((a, m.start()))
        a = m.end()
    spans.append((a, len(s)))
    timed = [sp for sp in spans if find_time(s[sp[0]:sp[1]])]
    return spans if len(timed) > 1 else [(0, len(s))]


__all__ = ["DELIVERABLE_LEAD", "duty_parts", "in_deliverables_section"]
