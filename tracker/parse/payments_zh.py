"""Payment details of a Chinese payment duty: amount (in the sentence, a sibling item, a table
column, an even split), percent of the total, cumulative 支付至, and the instalment's title."""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.parse.common import Facts, RawObligation, Unit
from tracker.parse.context_zh import (
    DUTY,
    INSTALMENT_TITLE,
    RATE_RX,
    Ctx,
    _event_in,
    _unit_index,
)
from tracker.parse.duty_time_zh import _TIME_REL
from tracker.parse.fee_sums_zh import one_sum
from tracker.parse.fees_zh import _mismatch
from tracker.parse.money_text import MoneyHit, find_money, per_unit
from tracker.parse.numerals import NumeralError, rate
from tracker.parse.rx_prefilter import guard

_BARE_FIGURE = re.compile(guard(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?(?![\d%])|(?<![\d.,])\d+\.\d{2}(?![\d%])"))


def _detail_money(ctx: Ctx, facts: Facts, u: Unit) -> Decimal | None:
    """An instalment laid out as list items ("第一期" / "金额：…" / "条件：…" / "时间：…"): the amount
    is on a sibling item of the same instalment, before or after the one with the deadline."""
    i = _unit_index(ctx, u)
    siblings: list[Unit] = []
    for prev in reversed(ctx.units[max(0, i - 4):i]):  # back to this instalment's title
        if prev.label != u.label:
            break
        siblings.append(prev)
        if INSTALMENT_TITLE.search(ctx.unit_text(prev)):
            break
    for nxt in ctx.units[i + 1:i + 3]:  # forward until the next instalment starts
        if nxt.label != u.label or INSTALMENT_TITLE.search(ctx.unit_text(nxt)):
            break
        siblings.append(nxt)
    for sib in siblings:
        t = ctx.unit_text(sib)
        if _TIME_REL.search(t) and _event_in(t):
            continue
        if re.match(r"(?:付款|支付)?(?:金额|款项|数额|比例)", t):
            money = find_money(ctx.text, sib.start, sib.end, capital_wins=not facts.authoritative_figures)
            if money:
                return money[-1].value if re.search(r"本(?:笔|期|次)", t) else money[0].value
    return None


def _each_instalment(ctx: Ctx, facts: Facts, u: Unit) -> Decimal | None:
    """"按季度支付，每季度支付人民币12万元": the same amount for every instalment of the schedule
    (stated earlier in the clause, or in an earlier clause of the same article)."""
    article = (u.label or "").split(".")[0]
    for other in ctx.units:
        if other.start >= u.start:
            break
        if other.label != u.label and not (article and (other.label or "").split(".")[0] == article):
            continue
        t = ctx.unit_text(other)
        m = re.search(r"每(?:个)?(?:自然)?(?:季度|期|次|月|年)(?:应)?(?:支付|付款)", t)
        if m:
            money = find_money(ctx.text, other.start + m.end(), other.end, capital_wins=not facts.authoritative_figures)
            if money:
                return money[0].value
        m = re.search(r"(?:为|计|收取|按|,)\s*每(?:个)?(?:自然)?(?:季度|月|年度|年)\s*(?:人民币|¥|RMB)?", t)  # 月度服务费为每月人民币86,000元
        if m:
            money = find_money(ctx.text, other.start + m.end(), min(other.end, other.start + m.end() + 24),
                               capital_wins=not facts.authoritative_figures)
            if money and money[0].start - other.start - m.end() <= 2:
                return money[0].value
    return None


_INSTALMENT_WORD = re.compile(r"每|期|季|年度|(?<![上当本])月")
_TOTAL_BEFORE = re.compile(r"(?:总计|总额|总价|合计|总金额|价款总额)[^,;。]{0,6}$")
_SHARE_OF_TOTAL = re.compile(rf"(?:合同总额|合同总价|总金额|服务费用?总额|总价款|合同价款|总费用)[的之]?\s*(?P<r>{RATE_RX.pattern})")


#: a sum each occurrence of a recurring payment pays: 当季许可费, 每月服务费为
_PER_PERIOD = re.compile(r"(?:当|每|本|该)(?:个)?(?:季度?|月|期)[\u4e00-\u9fff]{0,6}?(?:为|:)?\s*(?:人民币|¥|RMB)?\s*$")
_PAID_UP_TO = re.compile(r"(?:支付|付)至[^,。;]{0,10}\Z")


def _paid_up_to(s: str, share: str) -> bool:
    """``share`` (30%, 合同总额的30%) stands somewhere in ``s`` right after 支付至/付至 and at most ten other
    characters: a cumulative instalment. Tested at each occurrence, so that no pattern is made of the
    contract's own figures (one is compiled on every run, never kept)."""
    at = s.find(share)
    while at >= 0:
        if _PAID_UP_TO.search(s, max(0, at - 13), at):
            return True
        at = s.find(share, at + 1)
    return False


def _payment_details(ctx: Ctx, facts: Facts, u: Unit, s: str, raw: RawObligation) -> None:
    i = _unit_index(ctx, u)
    prev = ctx.units[i - 1] if i and ctx.units[i - 1].label == u.label else None
    prev_text = ctx.unit_text(prev) if prev is not None else ""
    # (the cheap tests first: a sentence's money is read again below)
    if prev is not None and not INSTALMENT_TITLE.search(s) and INSTALMENT_TITLE.search(prev_text) \
            and not DUTY.search(prev_text) and not _sum_or_share(ctx, facts, u, s) and _sum_or_share(ctx, facts, prev, prev_text):
        # "第一期款项为服务费总额之30%，即港币145,800元。委托方须于发票日期起三十日内支付。": the sentence
        # before, in the same clause, states the instalment this one pays (and has no duty of its own)
        u, s = prev, prev_text
    text = ctx.text
    found = find_money(text, u.start, u.end, capital_wins=not facts.authoritative_figures)
    unit = [per_unit(text, h) for h in found]  # "0.60元/次": a unit price, no sum that falls due
    money = [h for h, u_price in zip(found, unit, strict=True)
             if not u_price and not _TOTAL_BEFORE.search(text[max(u.start, h.start - 10):h.start])]
    metered = bool(found) and all(unit)
    if raw.recurrence and len(money) > 1 and (per := [h for h in money if _PER_PERIOD.search(text, max(u.start, h.start - 14), h.start)]):
        money = per  # "年度许可费人民币叁拾陆万元，按季度预付：…支付当季许可费人民币玖万元": each occurrence's sum
    if money:
        raw.amount = money[0].value
        raw.currency = money[0].currency
        _mismatch(ctx, facts, money[0])
    elif metered:  # a metered fee: its sum is counted each period, not stated
        pass
    elif (bare := _BARE_FIGURE.search(s)) and re.search(r"金额|元", ctx.text[max(0, u.start - 400):u.start]):
        raw.amount = Decimal(bare.group(0).replace(",", ""))  # a table column headed 金额（元）
    elif (detail := _detail_money(ctx, facts, u)) is not None:
        raw.amount = detail
    elif (raw.recurrence or _INSTALMENT_WORD.search(s)) and (each := _each_instalment(ctx, facts, u)) is not None:
        # (one of a schedule's instalments; "支付上月电费" pays a metered sum, not the monthly fee)
        raw.amount = each
    elif not raw.recurrence and (named := _named_fee_sum(ctx, facts, s)) is not None:
        raw.amount, raw.currency = named.value, named.currency  # "系统部署费由甲方于…支付", its sum stated once elsewhere
    # (each pattern after a test for the words every match of it holds: 总/价款, 分之/%/‰)
    pm = (_SHARE_OF_TOTAL.search(s) if "总" in s or "价款" in s else None) \
        or (RATE_RX.search(s) if "%" in s or "‰" in s or "分之" in s else None)
    if pm:
        try:
            raw.percent = rate((pm.group("r") if "r" in (pm.groupdict() or {}) else pm.group(0)).replace(" ", ""))
        except (NumeralError, ArithmeticError):
            raw.percent = None
        raw.cumulative = _paid_up_to(s, pm.group(0))
    tm = INSTALMENT_TITLE.search(s) or (INSTALMENT_TITLE.search(prev_text) if prev is not None else None)
    title = tm.group(0) if tm else "付款"
    if raw.percent is None and raw.amount is None and title in ctx.ratio_titles:
        raw.percent = ctx.ratio_titles[title]
    if raw.percent is not None:
        pct = (raw.percent * 100).normalize()
        title += f" {format(pct, 'f')}%"
    raw.title = title


#: the fee a payment sentence pays: "系统部署费由甲方于…支付", "甲方应于…支付系统部署费"
_FEE_PAID = re.compile(r"^[^,。;]{0,12}?(?P<a>[\u4e00-\u9fff]{2,8}?费)(?:用)?(?:由|应|须|于)|(?:支付|给付)(?P<b>[\u4e00-\u9fff]{2,8}?费)(?:用)?(?:[,。;]|$)")


def _named_fee_sum(ctx: Ctx, facts: Facts, s: str) -> MoneyHit | None:
    """The one sum the contract states for the fee the sentence pays ("系统部署费为人民币80,000元")."""
    m = _FEE_PAID.search(s)
    return one_sum(ctx.text, m.group("a") or m.group("b"), not facts.authoritative_figures) if m is not None else None


def _sum_or_share(ctx: Ctx, facts: Facts, u: Unit, s: str) -> bool:
    """Whether the sentence states a sum or a share of the total (what ``_payment_details`` reads first)."""
    return bool(find_money(ctx.text, u.start, u.end, capital_wins=not facts.authoritative_figures)
                or _SHARE_OF_TOTAL.search(s) or RATE_RX.search(s))
