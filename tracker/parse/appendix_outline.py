"""An appendix after the signatures with an outline of its own keeps it under its label (``clauses``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.parse.clause_marks import _APPENDIX_LABEL_FIRST, _is_appendix_label

if TYPE_CHECKING:
    from tracker.parse.clauses import Segment


def nest_appendices(text: str, segments: list[Segment]) -> list[Segment]:
    """A document after the signatures with an outline of its own (a Statement of Work with
    sections 1–6 and clauses 2.1, 2.2) keeps that outline under its label: "SOW1.2.1". One whose
    items are a plain list ("1.", "2.") keeps the appendix's own numbering ("附件一.2")."""
    from tracker.parse.clauses import Segment, segment  # (the outline is read by the segmenter itself)

    out: list[Segment] = []
    i = 0
    while i < len(segments):
        sg = segments[i]
        j = i + 1
        if sg.label and sg.label[0] in _APPENDIX_LABEL_FIRST and _is_appendix_label(sg.label):
            while j < len(segments) and (segments[j].label or "").startswith(sg.label + "."):
                j += 1
            end = segments[j - 1].end
            inner = segment(text[sg.start:end], whole=False).segments  # (a part of a document: no paragraph clauses)
            articles = {s.label for s in inner if s.label and "." not in s.label}
            if len(articles) >= 2:
                first = next(k for k, s in enumerate(inner) if s.label is not None)
                out.append(Segment(sg.label, sg.start, sg.start + inner[first].start, True))
                out.extend(Segment(f"{sg.label}.{s.label}" if s.label else None, sg.start + s.start, sg.start + s.end, s.heading)
                           for s in inner[first:])
                i = j
                continue
        out.extend(segments[i:j])
        i = j
    return out
