"""span_scan: a document's matches answer span queries exactly as a bounded scan of the span would."""

from __future__ import annotations

import re

from tracker.parse.common import MONEY_RX, find_money
from tracker.parse.span_scan import MIN_DOCUMENT, eligible, matches_in


def _spans(ms):  # type: ignore[no-untyped-def]
    return [(m.start(), m.end()) for m in ms]


def test_eligible_patterns() -> None:
    assert eligible(MONEY_RX)  # a first-character guard, then nothing but consumed characters
    assert eligible(re.compile(r"(?=[ab])(?:ab+|b)"))
    assert not eligible(re.compile(r"ab\b"))  # \b reads the character after the match
    assert not eligible(re.compile(r"a(?!b)"))
    assert not eligible(re.compile(r"(?<=x)a"))
    assert not eligible(re.compile(r"a$"))
    assert not eligible(re.compile(r"a*"))  # may match empty


def test_spans_of_a_document() -> None:
    rx = re.compile(r"ab+")
    text = "x" * MIN_DOCUMENT + "ab abbb ab"  # matches at n, n+3 (abbb), n+8
    n = MIN_DOCUMENT
    assert _spans(matches_in(rx, text, 0, len(text))) == [(n, n + 2), (n + 3, n + 7), (n + 8, n + 10)]
    assert _spans(matches_in(rx, text, n + 3, n + 7)) == [(n + 3, n + 7)]
    assert _spans(matches_in(rx, text, n + 2, n + 8)) == [(n + 3, n + 7)]
    # a span cutting "abbb" after its second b: the bounded scan's shorter match, not the document's
    assert _spans(matches_in(rx, text, n + 3, n + 5)) == [(n + 3, n + 5)]
    # a span starting inside "abbb": no match starts at a b
    assert _spans(matches_in(rx, text, n + 4, len(text))) == [(n + 8, n + 10)]
    assert _spans(matches_in(rx, text, n + 5, n + 4)) == []


def test_find_money_in_spans_of_a_long_document() -> None:
    line = "第{}条 甲方应于本合同生效之日起10个工作日内支付人民币1000元。"
    text = "\n".join(line.format(i) for i in range(1, 80))
    assert len(text) > MIN_DOCUMENT
    at = text.index("人民币1000元", 1500)
    hits = find_money(text, at - 5, at + 8)
    assert [(h.start, h.end, str(h.value)) for h in hits] == [(at, at + 8, "1000")]
    cut = find_money(text, at, at + 6)  # "人民币100": the span's own reading of the cut figure
    assert [(h.start, h.end, str(h.value)) for h in cut] == [(at, at + 6, "100")]
    for a in range(at - 12, at + 12):
        for b in (a + 3, a + 9, a + 30):
            assert _spans(matches_in(MONEY_RX, text, a, b)) == _spans(MONEY_RX.finditer(text, a, b))
