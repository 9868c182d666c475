"""One payment rule for every row of a schedule table:

      里程碑    内容              完成时间             付款比例   付款金额（元）
      M1        合同签订          2026年9月8日         30%        180,000
      M2        微调模型交付      2026年10月30日前     40%        240,000
    2.1 各期款项由甲方在对应里程碑达成之日起10个工作日内支付至乙方指定账户。

The rows state what is paid (the amount or share columns) and when each stage is reached (their
description: 合同签订, 模型交付, 验收合格); the rule sentence states the period that runs from each
stage and refers to the rows (各期 / 每期 / 对应里程碑). Each row is one payment: its event is the
row's, its period the rule's, its quote the rule sentence. Rows whose stage names no event are left
to the other rules (and to coverage, which flags what nothing read). Pure functions over the text.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from decimal import Decimal

from tracker.parse import lexicon_zh, tables_zh
from tracker.parse.common import RawObligation, Unit
from tracker.parse.context_zh import DURATION_RX, RATE_RX, Ctx, _duration
from tracker.parse.money_text import find_money, per_unit
from tracker.parse.numerals import NumeralError, rate

#: the rule refers to each row: 各期款项, 每期费用, 每笔款项, 各阶段款项, 对应里程碑, 相应节点
PER_ROW = re.compile(r"(?:各|每一?)(?:期|笔|阶段|批次?|个?里程碑|个?节点)(?:款项|费用|价款|款)?"
                      r"|(?:对应|相应)(?:的)?(?:里程碑|阶段|节点|期次|付款节点)")
#: the rule pays a share of each row's sum: "支付该批次金额的80%"
_SHARE_OF_ROW = re.compile(r"(?:该|每|各)(?:批次?|期|阶段|笔|节点|里程碑)(?:数据|款项)?(?:金额|价款)的\s*(\d+(?:\.\d+)?)\s*%")
_PAYS = re.compile(r"支付|付款|付清|拨付|结算")
#: the period the rule counts from each row's stage: "达成之日起10个工作日内", "完成后15日内"
_PERIOD = re.compile(r"(?:之日)?(?:起|后)\s*(?P<dur>[^,。;，；]{1,12}?)\s*(?:内|之内|以内)")
_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_STAGE_ROLES = ("milestone", "title", None, "note", "condition")


def rows_by_rule(text: str, u: Unit, sentence: str, article: tuple[int, int], party: str,
                 capital_wins: bool) -> list[RawObligation]:
    """The payments of the table in ``text[article[0]:article[1]]`` paid by the rule ``sentence``
    (unit ``u``), one per row whose stage names an event; [] when the sentence is no such rule."""
    if not PER_ROW.search(sentence) or not _PAYS.search(sentence):
        return []
    period = _PERIOD.search(sentence)
    dur = DURATION_RX.fullmatch(period.group("dur")) if period else None
    got = _duration(dur) if dur else None
    if got is None:
        return []
    # "各里程碑成果经发包方书面确认之日起…": the rule names the event itself; else each row's stage does
    own = lexicon_zh.event_of(sentence[:period.start()]) if period else None
    out: list[RawObligation] = []
    for row in _rows(text, *article):
        event = own or _stage_event(text, row)
        if event is None:
            continue
        raw = RawObligation("payment", party, _title(text, row), u.label, u.start, u.end,
                            event=event, offset=got[0], business_days=got[1])
        fill_from_row(text, row, raw, capital_wins, _FIGURE.search)
        if raw.amount is not None and (part := _SHARE_OF_ROW.search(sentence)) is not None:
            raw.amount = (raw.amount * Decimal(part.group(1)) / 100).quantize(Decimal("0.01"))  # "支付该批次金额的80%"
        out.append(raw)
    return out if len(out) >= 2 else []


def rows_of_another_article(ctx: Ctx, art: str, u: Unit, sentence: str, party: str, capital_wins: bool) -> list[RawObligation]:
    """"每批数据验收合格后…支付该批数据价款的80%" in the payment article, the batches' table in another: the rows
    of the first other article whose rows the rule's word names (第一批, 第二批…; found once per document and
    word: ``memo``)."""
    unit = PER_ROW.search(sentence)
    word = _ROW_WORD.sub("", unit.group(0)) if unit else ""
    if not word:
        return []
    text, segments, memo = ctx.text, ctx.clauses.segments, ctx.rows_articles
    if (art, word) not in memo:
        titled = re.compile(rf"第[一二三四五六七八九十\d]{{1,3}}{re.escape(word)}")
        memo[(art, word)] = next(((sg.start, sg.end) for sg in segments if sg.label and sg.label.split(".")[0] != art
                                  and len(titled.findall(text, sg.start, sg.end)) >= 2), None)
    span = memo[(art, word)]
    return rows_by_rule(text, u, sentence, span, party, capital_wins) if span else []


_ROW_WORD = re.compile(lexicon_zh.ROW_NOUN_FILLER)


def table_after(text: str, pos: int) -> tuple[int, int]:
    """From ``pos`` to the end of the first table below it (a few lines of prose or blank lines may stand
    between): where a rule sentence of a document with no clause numbers finds its rows."""
    end, started, prose = pos, False, 0
    while end < len(text) and prose <= 3:
        line_end = text.find("\n", end + 1)
        line_end = len(text) if line_end < 0 else line_end
        line = text[end:line_end]
        if "|" in line or "\t" in line or "<t" in line:
            started = True
        elif line.strip():
            if started:
                break
            prose += 1
        end = line_end
    return pos, end


def fill_from_row(text: str, row: tables_zh.Row, raw: RawObligation, capital_wins: bool,
                  figure: Callable[[str, int, int], re.Match[str] | None]) -> None:
    """``raw``'s amount from the row's amount column (a sum with its currency, else the column's
    bare ``figure`` in the header's unit) and its share from the share column."""
    if (cell := row.of("amount")) is not None:
        hits = find_money(text, cell.start, cell.end, capital_wins=capital_wins)
        money = [h for h in hits if not per_unit(text, h)]  # ("0.60元/次": a unit price, no sum that falls due)
        bare = figure(text, cell.start, cell.end) if not hits else None
        if money:
            raw.amount, raw.currency = money[0].value, money[0].currency
        elif bare:
            raw.amount = Decimal(bare.group(0).replace(",", "")) * row.amount_scale
    if (cell := row.of("percent")) is not None and (pm := RATE_RX.search(text, cell.start, cell.end)):
        with contextlib.suppress(NumeralError, ArithmeticError):
            raw.percent = rate(pm.group(0).replace(" ", ""))


def _rows(text: str, start: int, end: int) -> list[tables_zh.Row]:
    """The data rows of the article's table whose header names an amount or a share column."""
    rows: list[tables_zh.Row] = []
    pos = start
    while pos < end:
        line_end = text.find("\n", pos)
        line_end = end if line_end < 0 or line_end > end else line_end
        if text.count("  ", pos, line_end) or "\t" in text[pos:line_end] or "|" in text[pos:line_end]:
            row = tables_zh.row_at(text, pos, line_end)
            if row is not None and any(c.role for c in row.cells) and (row.of("amount") or row.of("percent")) \
                    and re.search(r"\d", text[row.start:row.end]):
                rows.append(row)
        pos = line_end + 1
    return rows


def _stage_event(text: str, row: tables_zh.Row) -> str | None:
    """The event that reaches the row's stage, from its description cells (合同签订 → signing)."""
    for role in _STAGE_ROLES:
        for cell in row.cells:
            if cell.role == role and cell.end > cell.start:
                event = lexicon_zh.event_of(text[cell.start:cell.end])
                if event is not None:
                    return event
    return None


def _title(text: str, row: tables_zh.Row) -> str:
    cells = [text[c.start:c.end] for c in row.cells if c.role in ("milestone", "title", None) and c.end > c.start]
    return " ".join(cells[:2]) if cells else "付款"


__all__ = ["PER_ROW", "fill_from_row", "rows_by_rule", "rows_of_another_article", "table_after"]
