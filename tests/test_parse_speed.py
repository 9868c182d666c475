"""The parser's speed work keeps its readings: each shortcut agrees with the long way it replaces,
and parse time grows linearly with the number of articles.

- ``rx_prefilter.guard``: a first-character lookahead in front of a pattern finds the same matches;
  the characters it lists are the ones written here by hand; a pattern it cannot list stays as it is.
- ``duty_time``: the time element of a duty sentence equals ``choose(time_element, _time_element)``
  (the two grammars both run), for every sentence of the golden contracts and hand-written ones.
- ``read_time`` and ``has_time_element``: their shortcut (no series word, no event: dates and periods
  only) gives the answer of the whole reading (every token, then the composition).
- Growth: CPU time for 8x (slow group: 10x) the articles stays within 1.5x of 8x (10x) the time,
  a ratio, never a wall-clock bound (a run-on quadratic step, one copy of the rest of the text per
  article, made 50,000 articles cost 3x their share).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.parse import parse_text
from tracker.parse.clauses import segment
from tracker.parse.common import units
from tracker.parse.context_zh import Ctx
from tracker.parse.duty_time_zh import _time_element, duty_time
from tracker.parse.money_text import MONEY_RX
from tracker.parse.normalize import mask_blanks, normalize
from tracker.parse.readers import read_document
from tracker.parse.rx_prefilter import first_class, guard
from tracker.parse.timex import MAX_SENTENCE, Recurrence, _read, has_time_element, read_time
from tracker.parse.timex_element import choose, time_element
from tracker.parse.timex_scan import scan

CONTRACTS = Path(__file__).parent / "contracts"
EXAMPLES = Path(__file__).parent / "examples"
ZH_FILES = sorted(p for p in CONTRACTS.glob("*.txt") if ".en." not in p.name) + \
    sorted(p for p in CONTRACTS.glob("*.md") if ".en." not in p.name)

# ---------------------------------------------------------------- guard


def test_first_class_lists_what_a_match_can_start_with() -> None:
    assert first_class(r"(?:初验|终验)?验收款|尾款") == "[初尾终验]"
    assert first_class(r"(?<![\d.])\d+\s*日") == r"[\d]"
    assert first_class(r"\s*(?:人民币|RMB)?\d") == r"[R\d\s人]"  # optional heads: each may start a match
    assert first_class(r"(?m:^)[ \t]*+第") == r"[\	\ 第]"


@pytest.mark.parametrize("pattern", [
    r"a?b*",  # can match empty: every position may start a match
    r"[^a]b",  # a negated set
    r"(?i:ab)c",  # a case-folding group: a plain lookahead would not fold
    r".x",
    r"(a?)\1b",  # may start with a reference back to a group
])
def test_first_class_gives_up_where_it_cannot_list(pattern: str) -> None:
    assert first_class(pattern) is None
    assert guard(pattern) == pattern


def _matches(rx: re.Pattern[str], s: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in rx.finditer(s)]


_MONEY_RAW = MONEY_RX.pattern[MONEY_RX.pattern.index("(?:") + 3:-1]  # the pattern as written, without its guard
PATTERNS = [
    (_MONEY_RAW, re.IGNORECASE),
    (r"首期款|第[一二三\d]+(?:期|笔)(?:款)?|(?:初验|终验)?验收款|尾款", 0),
    (r"(?<![\d.])(?P<n>\d+|[一二三十])\s*(?:个)?(?P<u>工作日|日|月)(?!以上)", 0),
    (r"(?=[a-z\d])(?:\b(?P<m>jan|march)\s+(?P<d>\d{1,2})|(?P<y>\d{4})-(?P<mo>\d\d))", re.IGNORECASE),
]
ALPHABET = "人民币RMBrmb¥元万壹贰拾佰 ()（）0123456789,.首期款第一二三十笔验收初终尾个工作日月以上-JANjanMARCHmarch大写:"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_a_guarded_pattern_finds_the_same_matches(s: str) -> None:
    for pattern, flags in PATTERNS:
        plain, guarded = re.compile(pattern, flags), re.compile(guard(pattern, flags), flags)
        assert guarded.pattern != plain.pattern, pattern  # each of these can be guarded
        assert _matches(guarded, s) == _matches(plain, s), (pattern, s)


# ---------------------------------------------------------------- one reading of a duty sentence

HAND = [
    "甲方应于每月10日前支付上月服务费",
    "乙方应在每季度末月20日前提交进度报告",
    "甲方应于本合同生效之日起10个工作日内支付人民币1000元",
    "质保期满后甲方一次性无息支付质保金",
    "验收合格后支付尾款",
    "乙方应于2025年3月31日前交付模型",
    "双方于每月5日前完成对账",
    "乙方应保守甲方的商业秘密",
    "每周一提交周报",
    "甲方收到发票后,于15日内付款",
]


def _zh_ctx(text: str) -> tuple[Ctx, list[str]]:
    norm = normalize(text)
    clauses = segment(norm.text)
    masked = mask_blanks(norm)
    us = units(masked, clauses)
    ctx = Ctx(masked, clauses, us)
    return ctx, [ctx.unit_text(u) for u in us]


@pytest.mark.parametrize("path", ZH_FILES, ids=lambda p: p.name)
def test_duty_time_is_the_layer_before_the_older_grammar(path: Path) -> None:
    ctx, _ = _zh_ctx(read_document(path).text + "\n" + "。".join(HAND))
    assert ctx.units
    for u in ctx.units:
        s = ctx.unit_text(u)
        for row in (False, True):
            both = choose(time_element(s, "zh", ctx.text), _time_element(ctx, u, s, payment_row=row))
            assert duty_time(ctx, u, s, payment_row=row) == both, s


def _whole_reading(s: str) -> bool:
    s = s[:MAX_SENTENCE]
    toks = scan(s, "zh")
    return any(t.kind in ("DATE", "DUR") for t in toks) or _read.__wrapped__(s, "zh") is not None


def test_the_time_layers_shortcuts_answer_as_the_whole_reading() -> None:
    sentences = list(HAND) + ["甲方应积极配合乙方的监督和检查", "本合同一式两份", "乙方应在3个月内完成", "2025年1月1日"]
    for path in ZH_FILES:
        sentences += [x for x in re.split(r"[。;\n]", normalize(read_document(path).text).text) if x.strip()]
    answers = [has_time_element(s, "zh") for s in sentences]
    assert answers == [_whole_reading(s) for s in sentences]
    assert True in answers and False in answers
    values = [read_time(s, "zh") for s in sentences]  # its shortcut too: the value of the whole reading
    assert values == [_read.__wrapped__(s[:MAX_SENTENCE], "zh") for s in sentences]  # (the reading, not its memo)
    assert None in values and any(v is not None for v in values)


# ---------------------------------------------------------------- growth

LINE = "第{n}条 甲方应于本合同生效之日起10个工作日内支付人民币1000元。"


def _cpu(lines: int, head: str = "") -> tuple[float, int]:
    text = head + "\n".join(LINE.format(n=n) for n in range(1, lines + 1))
    t0 = time.process_time()
    result = parse_text(text, "long.txt")
    return time.process_time() - t0, len(result.obligations)


def _growth(small: int, factor: int, head: str = "") -> None:
    """Linear, not quadratic: a quadratic step would cost factor² (64× for 8×); the bound of 2.5 × factor
    leaves room for a shared, loaded machine (a bigger heap and cache misses alone cost up to ~1.5×)."""
    parse_text(head + LINE.format(n=1), "warm.txt")
    t_small, n_small = min(_cpu(small, head) for _ in range(3))
    t_big, n_big = min(_cpu(small * factor, head) for _ in range(2))
    assert (n_small, n_big) == (small, small * factor)  # one payment per article
    assert t_big <= 2.5 * factor * t_small + 0.3, f"{small} articles {t_small:.2f} s, {small * factor} {t_big:.2f} s"


def test_a_long_contract_compiles_no_pattern_per_article(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pattern built per article number would churn ``re``'s cache (512 entries) and make every static
    ``re.search(str)`` recompile: compiles must not grow with the number of articles."""
    import re._compiler as compiler  # the compile that ``re`` calls on a cache miss

    real = compiler.compile
    calls: list[object] = []

    def counting(p: object, flags: int = 0) -> object:
        calls.append(p)
        return real(p, flags)

    monkeypatch.setattr(compiler, "compile", counting)
    counts = []
    for lines in (300, 900):
        parse_text("\n".join(LINE.format(n=n) for n in range(1, lines + 1)), "long.txt")
        calls.clear()
        parse_text("\n".join(LINE.format(n=n) for n in range(1001, 1001 + lines)), "long.txt")
        counts.append(len(calls))
    assert counts[1] <= counts[0] + 5, counts


def test_parse_time_grows_linearly_with_the_articles() -> None:
    _growth(1000, 8)


def test_a_form_with_filling_instructions_grows_linearly() -> None:
    """A model form's 填写说明 block is found once, not looked for again at every clause mark (that
    made 1 MB of a form take 2.2 s instead of 0.5 s)."""
    _growth(1000, 8, head="填写说明\n一、本合同为示范文本。\n二、无需填写的条款注明“无”。\n技术服务合同\n")


@pytest.mark.slow
def test_fifty_thousand_articles_parse_in_linear_time() -> None:
    _growth(5000, 10)


# ---------------------------------------------------------------- English recurrences

_SPELLINGS = (r"(?:following|after)\s+the\s+end\s+of\s+(?:each|every)", r"(?:following|after)\s+the\s+(?:end|close)\s+of\s+each",
              r"(?:following|after)\s+the\s+end\s+of\s+each", r"(?:following|after)\s+the\s+(?:end|close)\s+of\s+(?:each|every)")


def test_english_rules_counted_from_a_period_end_all_state_it() -> None:
    """The rules read only where "after the end of each …" stands (``_PERIOD_END_EN``) must each
    contain one of its spellings, so a sentence without it cannot match them."""
    from tracker.parse.timex_recur import _rules
    from tracker.parse.timex_recur_en import _PERIOD_END_EN, RULES_EN

    gated = [rx for (rx, _), (_, _, needs, _) in zip(RULES_EN, _rules("en"), strict=True) if needs is _PERIOD_END_EN]
    assert len(gated) == 4
    assert all(any(sp in rx for sp in _SPELLINGS) for rx in gated)


def test_english_yearly_rules_all_state_each_year() -> None:
    """The rules read only where "each/every year" stands must each contain it."""
    from tracker.parse.timex_recur import _rules
    from tracker.parse.timex_recur_en import _EACH_YEAR_EN, RULES_EN

    gated = [rx for (rx, _), (_, _, needs, _) in zip(RULES_EN, _rules("en"), strict=True) if needs is _EACH_YEAR_EN]
    assert len(gated) == 3  # "31 January of each year", "March 31 and September 30 of each year", an ordinal weekday
    assert all("(?:each|every)\\s+(?:calendar\\s+)?year" in rx for rx in gated)
    # the list of months ("the 15th day of January, April, July and October") recurs without the words: not gated
    optional = [rx for (rx, _), (_, _, needs, _) in zip(RULES_EN, _rules("en"), strict=True) if "(?:calendar\\s+)?year)?" in rx]
    assert len(optional) == 1 and optional[0] not in gated


@pytest.mark.parametrize(("sentence", "anchor", "offset", "business"), [
    ("Reports are due within ten (10) days after the end of each calendar month.", "month_end", "P10D", False),
    ("The Supplier shall invoice within fifteen (15) Business Days following the close of each fiscal year.",
     "year_end", "P15D", True),
    ("Payment is due forty-five days after the end of every quarter.", "quarter_end", "P45D", False),
])
def test_english_period_end_series_still_read(sentence: str, anchor: str, offset: str, business: bool) -> None:
    v = read_time(normalize(sentence).text, "en")
    assert isinstance(v, Recurrence)
    assert (v.anchor, v.offset, v.business_days) == (anchor, offset, business)


def test_recurrence_rules_literal_words_never_hide_a_match() -> None:
    """A recurrence rule is skipped where none of its required literal words stands: on every sentence
    of the time-expression corpora, a rule that matches has one of its words in the sentence."""
    from tracker.parse.rx_literals import fold
    from tracker.parse.timex_recur import _rules

    rows = []
    for name in ("deadlines.tsv", "deadlines_more.tsv", "deadlines_negative.tsv"):
        for line in (EXAMPLES / name).read_text(encoding="utf-8").splitlines()[1:]:
            if line and not line.startswith("#") and "\t" in line:
                rows.append(line.split("\t")[1])
    assert len(rows) > 300
    checked = 0
    for s in rows:
        for lang in ("en", "zh"):
            for rx, _, _, words in _rules(lang):
                if words is not None and rx.search(s):
                    checked += 1
                    assert any(w in (fold(s) if lang == "en" else s) for w in words), (s, rx.pattern[:60])
    assert checked > 20


def _parse_cpu(text: str, name: str) -> float:
    """The CPU seconds one parse of ``text`` takes."""
    t0 = time.process_time()
    parse_text(text, name)
    return time.process_time() - t0


def test_a_long_line_of_tab_cells_and_semicolons_grows_linearly() -> None:
    """A megabyte line of "A<TAB>… ; " once made every unit split the whole line again (250 s for 1 MB):
    a line is asked once whether it is a table row, and a Word table's row is a short line."""
    unit = "A\tProvider shall pay; "

    def cpu(chars: int) -> float:
        return _parse_cpu(unit * (chars // len(unit)), "tabs.en.txt")

    cpu(2_000)
    small = min(cpu(20_000) for _ in range(3))
    big = min(cpu(160_000) for _ in range(2))
    assert big <= 2.5 * 8 * small + 0.3, f"20 KB {small:.2f} s, 160 KB {big:.2f} s"


def _flat(n: int) -> str:  # a header of duty columns over one long row line with no date
    return ("SERVICES AGREEMENT\n\n1. Milestones\n\nMilestone Deliverable Responsible Due Date\n" + "M1 Data " * n
            + "\n\n2. Payment\nThe Customer shall pay USD 1,000 within 30 days.\n")


def _inline(n: int) -> str:  # lettered items run on in one sentence, a shared tail after the last
    items = ", ".join(f"({chr(97 + i % 26)}) RMB {i + 1},000 (1%) for M{i % 99 + 1}" for i in range(1, n))
    return ("SERVICES AGREEMENT\n\n3. Fees and Payment\n\n3.1 The Customer shall pay the Fees as follows:\n(a) RMB 180,000 "
            "(15%) within ten (10) days after the Effective Date, " + items + " and (z) RMB 5,000 for M9, each invoiced and "
            "paid in accordance with Section 3.2.\n\n3.2 The Customer shall pay each invoice within thirty (30) days.\n")


def _ids(n: int) -> str:  # a milestone table of many row ids, then many duty sentences
    ids = [f"{a}{b}{k}" for a in "ABCDEFGHJK" for b in "MNPQRSTUVW" for k in range(10)][:n]
    rows = "".join(f"| {i} | Data set {i} | Vendor | 15 Jan 2027 |\n" for i in ids)
    return ("MASTER SERVICES AGREEMENT\n\n1. Milestones\n\n| Milestone | Deliverable | Responsible | Due Date |\n|---|---|---|---|\n"
            + rows + "\n2. Obligations\n\n" + "".join(f"2.{j % 99 + 1} The Vendor shall deliver the support report to the "
                                                       "Customer promptly.\n" for j in range(n)))


def _t_plus(n: int) -> str:  # many clauses counted from a T the contract never defines (looked for once per clause)
    return "甲方：某某科技有限公司\n乙方：某某数据有限公司\n" + "".join(
        f"第{i}条 乙方应于T+5个工作日内交付模型。\n" for i in range(4 * n))  # (4n: short clauses)


@pytest.mark.parametrize("make", [_flat, _inline, _ids, _t_plus], ids=["flat-table-row", "inline-items", "row-ids", "t-plus"])
def test_the_ninth_sessions_shapes_grow_linearly(make: Callable[[int], str]) -> None:
    """Shapes a review found quadratic (a row pattern backtracking over a long line, a shared tail rescanned per
    item, a pattern compiled per row id, a definition searched for per clause): 8x the text, at most ~20x the time."""
    def cpu(n: int) -> float:
        return _parse_cpu(make(n), "shape.en.txt")

    cpu(20)
    small = min(cpu(150) for _ in range(3))
    big = min(cpu(1_200) for _ in range(2))
    assert big <= 2.5 * 8 * small + 0.3, f"{make.__name__}: {small:.2f} s, 8x: {big:.2f} s"
