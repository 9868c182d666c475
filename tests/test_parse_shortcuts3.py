"""The third round of parse-speed shortcuts keeps every reading:

- the signature pattern tried only near its words (``rx_windows``) finds the matches of ``finditer``;
- 1.1 and 1.1.1 numbers in one scan (``_DOTTED``) are the matches of ``_DOT2`` and ``_DOT3``;
- the repeat cap's shortcut (nothing repeats often enough) keeps what the cap keeps;
- ``event_of``'s one search of the rows' union before the rows answers as the rows do;
- ``read_time`` and ``has_time_element`` reading a sentence with a date or a period without the bare test
  answer as the bare test first did;
- the possessive name before a ``(以下简称`` bracket matches as the plain one; the listed-party pattern
  never matches where no quoted short name in brackets stands;
- the calendar's 民国 signal still needs both 民国 and 新台币.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.parse import clause_marks, clauses, lexicon_zh, party_aliases_zh, timex
from tracker.parse.calendar_detect import detect
from tracker.parse.rx_windows import occurrences, windows
from tracker.parse.timex_scan import dates_and_periods, scan

HERE = Path(__file__).parent


def _sig_windowed(text: str) -> list[tuple[int, int]]:
    spans = windows(text, clauses._SIGNATURE_WORDS)
    return [m.span() for m in clauses._fast_finditer(clauses._SIGNATURE, text, spans)]


def _sig_reference(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in clauses._SIGNATURE.finditer(text)]


def test_windows_by_hand() -> None:
    assert occurrences("代表代表", "代表") == [0, 2]
    assert occurrences("甲方", "代表") == []
    text = "第一条 服务\n甲方:某公司\n授权代表:张三"
    # the word on the third line: the window opens at the second line (the first line a match may start on),
    # widened over the line break before it (a match may skip white space before its first character)
    assert windows(text, ["授权"]) == [(text.index("\n"), text.index("授权"))]
    # white space and Markdown marks before that line widen it back to the last other character
    text = "甲方。\n\n  \n> 乙方:某公司\n授权代表"
    assert windows(text, ["授权"]) == [(text.index("\n"), text.index("授权"))]
    assert windows("盖章 盖章", ["盖章"]) == [(0, 3)]  # one line: the windows merge
    assert windows("", ["盖章"]) == []


def test_signature_shortcut_by_hand() -> None:
    blocks = [
        "第一条 服务内容。\n（以下无正文）\n甲方（盖章）：\n乙方（盖章）：",
        "第一条 服务。\n客户：某有限公司\n授权签署人：张三\n",
        "1. SCOPE\nIN WITNESS WHEREOF, the Parties have signed.\nSigned for and on behalf of A:\n",
        "Agreed\nand\nsigned by the Parties:\n",
        "委托方（盖章）：\n受托方（公章）:",
        "## 第五条\n> 代表甲方签字：\n",
        "立合同人\n",
        "签署页\n",
        "本合同一式两份。甲方(盖章)\n",
        "第一条 服务。\n| 签约方 | 名称 | 日期 |\n|---|---|---|\n",
        "第一条 服务。\n杭州某科技有限公司（盖章）\n",
        "1. Scope. Signed for the Contractor: Gu Wenjie, Director\n",
        "1. Scope.\n| | For the Client | For the Provider |\n|---|---|---|\n",
    ]
    for text in blocks:
        assert _sig_windowed(text) == _sig_reference(text), text
    assert _sig_reference(blocks[0])  # the blocks do sign


def test_signature_shortcut_on_the_contracts() -> None:
    from tracker.parse.normalize import normalize
    from tracker.parse.readers import read_document

    paths = [p for d in [HERE / "contracts", *sorted((HERE / "blind").glob("batch[1-6]"))] for p in sorted(d.iterdir())
             if p.suffix in (".txt", ".md", ".docx", ".pdf") and not p.name.startswith("README")]
    assert len(paths) > 60
    found = 0
    for path in paths:
        text = normalize(read_document(path).text).text
        assert _sig_windowed(text) == _sig_reference(text), path.name
        found += len(_sig_reference(text))
    assert found > 50  # the contracts do sign


_SIG_PIECES = st.sampled_from([
    "甲方", "乙方", "(盖章)", "（签字）", "代表", "签署", "授权代表", "法定代表人:", "签署人:", "\n", "\n\n", " ", "\t",
    "#", "> ", "- ", "*", "。", ";", ":", "：", "]", "】", "x", "1", "公司", "客户:某公司", "Party A", "(Seal)",
    "Signed", "signed", " by", " for and on behalf of X", "Agreed", " and ", "Executed", "SIGNED", "IN WITNESS WHEREOF",
    "(以下无正文)", "(Signature page", "立合同人", "签署页", "(公章)", "盖章处", "Stamp", "\u2003",
    "| 签约方 | 名称 | 日期 |", "|", "某科技有限公司", "(签字盖章)", " the Contractor:", " For the Client ", "FOR THE X",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_SIG_PIECES, max_size=40))
def test_signature_shortcut_equals_the_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _sig_windowed(text) == _sig_reference(text)


def _dotted(text: str) -> list[tuple[int, str, str | None]]:
    return [(m.start(), m.group(0), m["c"]) for m in clause_marks._DOTTED.finditer(text)]


def _dot_reference(text: str) -> list[tuple[int, str, str | None]]:
    return sorted([(m.start(), m.group(0), m["c"]) for m in clause_marks._DOT3.finditer(text)]
                  + [(m.start(), m.group(0), None) for m in clause_marks._DOT2.finditer(text)])


def test_dotted_numbers_by_hand() -> None:
    assert _dotted("1.1 范围\n1.2.3 细则\n12.34.567\n2.1%\n3.1条\n4.1项目") == [
        (0, "1.1", None), (7, "1.2.3", "3"), (36, "4.1", None)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789.% 条款项目x\n") + ["12", "1.2", "3.4.5", "項"]), max_size=24))
def test_dotted_numbers_equal_both_patterns(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _dotted(text) == _dot_reference(text)


def test_repeat_cap_shortcut() -> None:
    few: list[tuple[int, str, object]] = [(i, "dot2", (1, 1)) for i in range(16)] + [(100 + i, "art", i) for i in range(5)]
    assert clauses._cap_repeats(few) == few  # nothing reaches a cap: all kept, as they were
    many: list[tuple[int, str, object]] = [(i, "dot2", (1, 1)) for i in range(20)] + [(100, "art", 1)]
    assert clauses._cap_repeats(many) == many[:16] + [(100, "art", 1)]


def _event_reference(phrase: str) -> str | None:
    """``event_of`` without its union search: every row read."""
    spec, other = [], []
    for event, rx in lexicon_zh._event_rows():
        for m in rx.finditer(phrase):
            (spec.append((m.start(), m.end(), event)) if event else other.append(m.span()))
    kept = [h for h in spec if not any(a <= h[0] and h[1] <= b and b - a > h[1] - h[0] for a, b in other)]
    best = max(kept, key=lambda h: (h[1], h[1] - h[0]), default=None)
    return best[2] if best else None


def _sentences() -> list[str]:
    from tracker.parse.normalize import normalize
    from tracker.parse.readers import read_document

    out: list[str] = []
    for path in sorted((HERE / "contracts").glob("x*")):
        if path.suffix in (".txt", ".md", ".docx") and ".en." not in path.name:
            out += [s for s in re.split(r"[。;\n]", normalize(read_document(path).text).text) if s.strip()]
    return out


def test_event_of_union_shortcut() -> None:
    assert lexicon_zh.event_of("验收合格之日起") == _event_reference("验收合格之日起") is not None
    assert lexicon_zh.event_of("甲方应当") is None
    sentences = _sentences()
    for s in sentences:
        for phrase in (s, s[:12], s[-12:]):
            assert lexicon_zh.event_of(phrase) == _event_reference(phrase), phrase


def _read_reference(sentence: str) -> object:
    """``read_time`` as it was: the bare test first."""
    sentence = sentence[:timex.MAX_SENTENCE]
    if timex._bare(sentence, "zh"):
        return timex._read.__wrapped__(sentence, "zh") if dates_and_periods(sentence, "zh") else None
    return timex._read.__wrapped__(sentence, "zh")


def _has_reference(sentence: str) -> bool:
    sentence = sentence[:timex.MAX_SENTENCE]
    if timex._bare(sentence, "zh"):
        return bool(dates_and_periods(sentence, "zh"))
    toks = scan(sentence, "zh")
    return any(t.kind in ("DATE", "DUR") for t in toks) or timex._read.__wrapped__(sentence, "zh") is not None


def test_time_reading_without_the_bare_test_first() -> None:
    hand = ["甲方应于2026年3月1日前付款", "乙方应在验收合格后10个工作日内交付", "每月5日前提交报告", "双方应友好协商",
            "合同签订后，甲方支付", "本合同一式两份"]
    for s in hand + _sentences():
        assert timex.read_time(s, "zh") == _read_reference(s), s
        assert timex.has_time_element(s, "zh") == _has_reference(s), s


def test_possessive_name_and_listed_prefilter() -> None:
    plain = re.compile(party_aliases_zh._BEFORE.pattern.replace("{2,60}+", "{2,60}"))
    assert plain.pattern != party_aliases_zh._BEFORE.pattern
    for text in ("委托方:北京某某科技有限公司", "本合同由A公司(北京)分公司", "名称: **某局**", "x" * 70, "甲方 ", "a(b c)d"):
        got, ref = party_aliases_zh._BEFORE.search(text), plain.search(text)
        assert (got and (got.span(), got.groupdict())) == (ref and (ref.span(), ref.groupdict())), text
    listed = "(1) 某某有限公司,一家于香港注册成立的公司(「客户」)"
    assert party_aliases_zh._QUOTED_ALIAS.search(listed) and list(party_aliases_zh._LISTED.finditer(listed))
    assert not party_aliases_zh._QUOTED_ALIAS.search("(1) 某某有限公司,一家公司(客户)")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["(1) ", "某有限公司", ",", "一家公司", "(", ")", "「", "」", "“", "”", "客户", "\n", " ", "x"]),
                max_size=20))
def test_listed_party_needs_a_quoted_bracket(pieces: list[str]) -> None:
    text = "".join(pieces)
    if not party_aliases_zh._QUOTED_ALIAS.search(text):
        assert list(party_aliases_zh._LISTED.finditer(text)) == []


def test_minguo_calendar_needs_both_signals() -> None:
    got = detect("本契约自民国115年1月1日起生效，价金为新台币10万元。")
    assert got is not None and (got.code, got.reason) == ("TW", "minguo_twd")
    assert detect("本契约自民国115年1月1日起生效。") is None
    assert detect("价金为新台币10万元。") is None


def test_rule_snapshot_equals_replace() -> None:
    import dataclasses

    from tracker.parse.common import Facts, RawObligation
    from tracker.parse.rule_driver import _snapshot

    assert not hasattr(Facts, "__post_init__")  # what makes copy.copy equal to dataclasses.replace
    assert all(f.init for f in dataclasses.fields(Facts))
    facts = Facts(effective_on_signing=True, read=[(1, 2)])
    facts.obligations.append(RawObligation("payment", "client", "付款", "1", 0, 5))
    snap = _snapshot(facts)
    assert snap == dataclasses.replace(facts) and snap is not facts
    snap.obligations.clear()
    snap.read.append((3, 4))
    assert len(facts.obligations) == 1 and facts.read == [(1, 2)]  # the rule's copy has lists of its own


def test_time_lexicon_rows_behind_a_lookbehind_keep_their_first_characters() -> None:

    from tracker.parse import timex_rows as tr
    from tracker.parse import timex_scan as ts
    from tracker.parse.timex_lexicon import EVENTS_ZH, RELS_ZH

    assert tr._row_first(r"(?<!评估)(?<!测试)报告|成果") == {"报", "成"}
    union, rows, rel_union, rel_rows = tr._lexicon_rx("zh")
    assert union.pattern.startswith("(?=[") and rows[""] == () and rel_rows[""] == ()  # every row indexed
    # the tokens equal those of the unguarded union with every row tried at every position
    ref = {kind: (re.compile("|".join(f"(?:{rx})" for _, rx in table)),
                  {"": tuple((i, re.compile(f"(?:{rx})")) for i, rx in table)})
           for kind, table in (("EVENT", EVENTS_ZH), ("REL", RELS_ZH))}
    for s in ["提交《诊断报告》并经甲方书面确认后10日内付款", "评估报告经确认后", *_sentences()]:
        for kind, (rx, by) in (("EVENT", (union, rows)), ("REL", (rel_union, rel_rows))):
            got = ts._longest(s, rx, by, kind, ts.Taken(len(s)))
            want = ts._longest(s, ref[kind][0], ref[kind][1], kind, ts.Taken(len(s)))
            assert got == want, s


def test_rows_by_first_character_equal_a_test_of_every_row() -> None:
    """The index built in one pass over the first characters holds, for each character, exactly the rows
    (in table order) that can start with it or its other case, plus those that can start anywhere."""
    from tracker.parse import timex_rows as tr

    for fold in (False, True):
        flags = re.I if fold else 0
        table = [("a", r"Ab"), ("b", r"\d+天"), ("c", r"aX|b"), ("d", r"评估|报告"), ("e", r"B[cd]")]
        rows = [(i, re.compile(rx, flags), tr._row_first(rx)) for i, rx in table]
        chars = {c for _, _, first in rows for c in first or ()}
        chars |= {c.swapcase() for c in chars} if fold else set()
        naive = {c: tuple((i, r) for i, r, first in rows if first is None or c in first or c.swapcase() in first)
                 for c in chars} | {"": tuple((i, r) for i, r, first in rows if first is None)}
        got = tr._by_first_char(rows, fold)
        assert got == naive
        assert [i for i, _ in got["a"]] == ["a", "b", "c"] and [i for i, _ in got[""]] == ["b"]
