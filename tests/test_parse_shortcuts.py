"""The second round of parse-speed shortcuts keeps every reading:

- ``parties_zh._preambles`` (the preamble pattern tried only before each （以下 bracket) finds the matches of
  ``_PREAMBLE.finditer``: hand-written names (a space before the bracket, a name over 40 characters, a
  comma inside the run) and generated strings;
- ``clauses._fast_finditer`` (line-start patterns tried only where their lookahead allows) finds the
  matches of ``finditer``;
- ``normalize``'s width folding by substitution equals the ``str.translate`` table it replaces, for every
  code point;
- the remembered readings (a sentence's time tokens, a span's sums, the whole text's dates) hand each
  caller a list of its own: changing it changes no later answer.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.parse import clauses, parties_zh
from tracker.parse.common import find_dates
from tracker.parse.money_text import find_money
from tracker.parse.normalize import _WIDTH, _fold_width, normalize
from tracker.parse.timex_scan import dates_and_periods, scan


def _preamble_matches(text: str) -> list[tuple[int, int, str | None, str | None]]:
    return [(m.start(), m.end(), m.group("name"), m.group("side")) for m in parties_zh._preambles(text)]


def _reference(text: str) -> list[tuple[int, int, str | None, str | None]]:
    return [(m.start(), m.end(), m.group("name"), m.group("side")) for m in parties_zh._PREAMBLE.finditer(text)]


def test_preamble_names_by_hand() -> None:
    text = "本合同由北京星河科技有限公司 (以下简称甲方)与上海云启数据有限公司(下称“乙方”)签订。"  # normalised text
    got = _preamble_matches(text)
    assert [(name, side) for _, _, name, side in got] == [("本合同由北京星河科技有限公司", "甲方"), ("与上海云启数据有限公司", "乙方")]
    long_name = "甲" * 45 + "(以下简称乙方)"  # a name of at most 40 characters: the match starts 40 before the bracket
    assert [(a, name) for a, _, name, _ in _preamble_matches(long_name)] == [(5, "甲" * 40)]
    assert _preamble_matches("甲方,A有限公司(以下简称甲方)") == [(3, 16, "A有限公司", "甲方")]  # the comma ends the name
    assert _preamble_matches("ABC(以下简称甲方)") == []  # three characters are no name
    for text in ("", "(以下简称甲方)", "  (以下简称甲方)", "长沙某某有限公司\n(以下简称甲方)(以下简称乙方)"):
        assert _preamble_matches(text) == _reference(text)


_PIECES = st.sampled_from(["甲方", "乙方", "(以下简称", "(下称", "(以下", " ", "\n", "\u3000", "委托方", "A公司",
                           "北京星河科技有限公司", ")", "(", "“", "”", ",", "以下", "、", "受托方", "x" * 41])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_preamble_shortcut_equals_the_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _preamble_matches(text) == _reference(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["第一条 ", "第二条", "一、", "\n", "。", ";", ":", "甲方(盖章):", "签署页\n", " ", "x",
                                 "Article 2 ", "1. SCOPE\n", "## 3 "]), max_size=30))
def test_line_start_patterns_tried_where_allowed(pieces: list[str]) -> None:
    text = "".join(pieces)
    for rx in (clauses._ARTICLE, clauses._SIGNATURE):
        assert [(m.start(), m.end()) for m in clauses._fast_finditer(rx, text)] == [(m.start(), m.end()) for m in rx.finditer(text)]


def test_width_folding_by_hand_and_for_every_code_point() -> None:
    assert _fold_width("甲方：ＡＢＣ１２３，\u3000（一）") == "甲方:ABC123, (一)"
    assert normalize("付款：１０个工作日").text == "付款:10个工作日"
    every = "".join(chr(c) for c in range(0x110000))
    assert _fold_width(every) == every.translate(_WIDTH)


def test_remembered_readings_are_lists_of_ones_own() -> None:
    s = "甲方应于2026年3月1日前支付人民币1000元,验收合格后10日内交付。"
    first = scan(s, "zh")
    kinds = [t.kind for t in first]
    assert kinds[:2] == ["DATE", "REL"] and "DUR" in kinds
    first.clear()
    assert [t.kind for t in scan(s, "zh")] == kinds
    periods = dates_and_periods(s, "zh")
    assert [t.kind for t in periods] == ["DATE", "DUR"]
    periods.append(periods[0])
    assert len(dates_and_periods(s, "zh")) == 2
    money = find_money(s)
    assert [str(h.value) for h in money] == ["1000"]
    money.clear()
    assert [str(h.value) for h in find_money(s)] == ["1000"]
    dates = find_dates(s)
    assert [str(h.value) for h in dates] == ["2026-03-01"]
    dates.clear()
    assert [str(h.value) for h in find_dates(s)] == ["2026-03-01"]
