"""The contract's total fee (Chinese): the first total the text states after a total's words, a
total the contract states of itself over the items' sub-totals, an amended total's new value, a
one-year contract's yearly fee; a sum whose figures and capitals disagree is flagged."""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.parse import lexicon_zh, lexicon_zh_penalties
from tracker.parse.common import Facts, RawWarning, table_top
from tracker.parse.context_zh import Ctx
from tracker.parse.fee_sums_zh import sums_for
from tracker.parse.money_text import MoneyHit, currency_named, find_money
from tracker.parse.rx_prefilter import guarded

#: an amended value: "由A调整为B" / "由A变更为B" right after the fact's label (B counts)
_AMENDED_VALUE = re.compile(rf"\s*由(?:\d,\d|[^,。;]){{1,30}}?(?:{lexicon_zh.AMENDED_TO})\s*")  # 由人民币540,000元调整为…


#: what introduces the total fee; guarded: a pattern with an optional head is tried only where a lead can start
_FEE_LEAD = guarded(re.compile(
    r"(?:服务费用?|合同|契约)?(?:总额|总价金|总价款?|总金额|总计|合计|合共|价款总额)[^,。;\d]{0,10}?(?:为|是|:)?|(?:总服务费用?|年度订阅费)(?:为|是|:)|(?:服务费用?|费用|价款|经费)共计\s*(?:为|是|:)?|合同(?:金额|价款|价格)(?:\((?:含税|大写|小写)\))?\s*(?:为|是|:)"
    r"|(?<![每各])(?:共计?|合计|总计)[^,。;\d]{0,16}?(?:经费|费用|价款|服务费)(?:为|是|:)?"
    rf"|(?:{lexicon_zh_penalties.ORDER_SUM})\s*(?:为|是|:)"  # an order under a framework: its sum
    r"|合同(?:金额|价款|总价)[ \t|]+(?=人民币|¥|RMB|\d)"))  # a key-terms table's row: "合同金额 | 人民币…"


#: a figure per period or per unit is no total; a total the contract states of itself wins over a sub-total
_PER_PERIOD = re.compile(r"每(?:月|年|季|日|天|周|个|台|小时|人)")
_REIMBURSED = re.compile(r"[^。;]*?(?:报销|代垫)")
_WHOLE = re.compile(r"本(?:合同|协议|契约|订单)")
_IS_THE_TOTAL = re.compile(r"[,，]\s*(?:即|为|系)本(?:合同|协议|契约)(?:的)?(?:总价款|总价|总额|总金额|价款总额)")
_SHARE_OF = re.compile(r"\s*的?\s*\d+(?:\.\d+)?\s*%")
#: a penalty's sum or a ceiling is no price: "违约金总额", "赔偿总额以…为上限"
_PENALTY_SUM = re.compile(r"(?:赔偿|违约金|罚金|滞纳金|赔偿金)(?:的)?(?:累计)?(?=总|合|共)")
_CAP_AFTER = re.compile(r"\s*(?:\([^()]{0,30}\))?\s*(?:为上限|为限|封顶)")


def rule_fee(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    text = ctx.text
    first_whole = False  # the total kept was stated of the contract itself (本合同…合计)
    first: tuple[str | None, int, int] = (None, 0, 0)  # where the total kept was read
    facts.authoritative_figures = bool(re.search(r"以小写[^,。]{0,4}为准|以阿拉伯数字[^,。]{0,4}为准", text))
    for m in _FEE_LEAD.finditer(text):
        hits = find_money(text, m.end(), min(len(text), m.end() + 60), capital_wins=not facts.authoritative_figures)
        was = None
        if (amended := _AMENDED_VALUE.match(text, m.end())) is not None:  # 总价款由60万元调整为68万元
            was = next((h.value for h in hits if h.end <= amended.end()), None)
            hits = [h for h in hits if h.start >= amended.end()] or hits
            if hits and hits[0].start - amended.end() <= 8:
                m = amended
        if not hits or hits[0].start - m.end() > 8 or _SHARE_OF.match(text, m.end()):
            continue  # (none near, or "总额的40%，即…": a share of the total, not the total)
        if re.search(r"不超过|不高于|上限|预估|预计|最高|以内|不低于|不少于", text[max(0, m.start() - 8):hits[0].start]) \
                or _PENALTY_SUM.search(text, max(0, m.start() - 4), m.start() + 1) or _CAP_AFTER.match(text, hits[0].end):
            continue  # "预估服务费总额不超过…": a budget ceiling; "使用费合计不低于…": a minimum; "赔偿总额以港币45,000元为上限": a cap
        if _REIMBURSED.match(text, hits[0].end, min(len(text), hits[0].end + 40)):
            continue  # "差旅费用共计人民币5,000元，由甲方据实报销": an expense reimbursed, not the price
        if _PER_PERIOD.search(text, m.start(), hits[0].start):
            continue  # "20个机柜合计每月人民币360,000元": a monthly figure, not the price
        if facts.total_fee is not None and not first_whole and _WHOLE.search(text, max(0, m.start() - 8), m.end()) \
                and _same_article(ctx.clauses.label_at(m.start()), first[0]):
            facts.total_fee, facts.currency = hits[0].value, hits[0].currency  # "本合同固定费用合计…" after the items' sums
            first_whole = True
            continue
        if facts.total_fee is None:
            first_whole = _WHOLE.search(text, max(0, m.start() - 8), m.end()) is not None
            facts.total_fee = hits[0].value
            facts.total_fee_was = was  # an amended total: the instalments may be the increase only
            facts.currency = hits[0].currency
            first = (ctx.clauses.label_at(m.start()), m.start(), hits[0].end)
            _mismatch(ctx, facts, hits[0])
        elif hits[0].value != facts.total_fee and re.search(r"(?:总额|总价款?)\s*(?:为|是|:)$", m.group(0)) \
                and "违约" not in text[max(0, m.start() - 6):m.start()] and ctx.clauses.label_at(m.start()) != first[0]:
            # two clauses state different totals: keep the first, flag both
            facts.warnings.append(RawWarning("ambiguous", first[0], first[1], first[2],
                                             f"total fee {facts.total_fee} here, {hits[0].value} in clause "
                                             f"{ctx.clauses.label_at(m.start())}"))
            facts.warnings.append(RawWarning("ambiguous", ctx.clauses.label_at(m.start()), m.start(), hits[0].end,
                                             f"total fee {hits[0].value} here, {facts.total_fee} in clause {first[0]}"))
            break
    for m in _IS_THE_TOTAL.finditer(text) if facts.total_fee is None else ():
        before = find_money(text, max(0, m.start() - 60), m.start(), capital_wins=not facts.authoritative_figures)
        if before:  # "…价格为人民币680,000元（大写：…），即本协议总价款"
            facts.total_fee, facts.currency = before[-1].value, before[-1].currency
            break
    if facts.total_fee is None and "|" in text and (row := _table_total(text)) is not None:
        facts.total_fee, facts.currency = row  # "| | **总额** | **486,000.00** |" under "| … | 金额（港币） |"
    if facts.total_fee is None:
        capital_wins = not facts.authoritative_figures
        hit = _sum_after(text, _YEARLY_FEE, capital_wins) if _one_year(seen) else None
        if hit is None:
            hit = _sum_after(text, _ADDED_FEE, capital_wins)
        if hit is not None:
            facts.total_fee, facts.currency = hit.value, hit.currency
    return facts


def _same_article(a: str | None, b: str | None) -> bool:
    """One clause, or two items of one article ("订单.1.2 …合计480,000元", "订单.1.3 本订单总金额…")."""
    return a == b or (a is not None and b is not None and "." in a and a.rsplit(".", 1)[0] == b.rsplit(".", 1)[0])


#: 本合同年度运维服务费为…: a one-year contract's yearly fee is its total
_YEARLY_FEE = re.compile(r"(?:本(?:合同|协议|契约)(?:的)?|(?m:^)[^\n]{0,6}?)(?:年度|年)[\u4e00-\u9fff]{0,6}费(?:用)?(?:总额)?\s*(?:为|是|:)")
#: a supplement that states only its own new fee: "本补充协议项下新增评估服务费为…"
_ADDED_FEE = re.compile(r"(?:新增|追加|增加)(?:的)?[\u4e00-\u9fff]{0,8}?费(?:用)?(?:总额)?\s*(?:为|是|:)"
                        r"|另行(?:向[甲乙]方)?支付[\u4e00-\u9fff、]{0,12}?费(?:用)?")  # "乙方另行向甲方支付模型定制费人民币…"


def _sum_after(text: str, lead: re.Pattern[str], capital_wins: bool) -> MoneyHit | None:
    """The first sum written right after (within 8 characters of) a match of ``lead``."""
    for m in lead.finditer(text):
        hits = find_money(text, m.end(), min(len(text), m.end() + 40), capital_wins=capital_wins)
        if hits and hits[0].start - m.end() <= 8:
            return hits[0]
    return None


def _one_year(facts: Facts) -> bool:
    """The contract runs one year: a term of one year, or a written range of at most a year."""
    if facts.term in ("P1Y", "P12M"):
        return True
    start = facts.range_start or facts.effective_date
    return bool(start and facts.end_date and 0 < (facts.end_date - start).days <= 366)


def _mismatch(ctx: Ctx, facts: Facts, hit: MoneyHit) -> None:
    if hit.mismatch:
        label = ctx.clauses.label_at(hit.start)
        facts.warnings.append(RawWarning("amount_mismatch", label, hit.start, hit.end,
                                         f"大写 {hit.mismatch[0]} ≠ 小写 {hit.mismatch[1]}"))


#: a fee the contract names and prices: "本协议项下基础许可费为人民币叁拾陆万元整"
_NAMED_FEE = re.compile(r"(?P<name>[\u4e00-\u9fff]{1,6}费(?:用)?)\s*(?:为|是|:)")


def settle_named_fee(text: str, facts: Facts, capital_wins: bool = True) -> None:
    """With no total stated, a named fee whose sum its instalments add up to is the total fee (the
    instalments sum to it: a figure the contract states twice), and a penalty counted on that fee's
    name runs on the total ("按基础许可费的万分之五")."""
    pays = [o for o in facts.obligations if o.kind == "payment" and not o.recurrence]  # (a royalty series is no price)
    if facts.total_fee is not None:
        _on_the_stated_total(text, facts, capital_wins)
        return
    if len(pays) < 2 or any(o.amount is None for o in pays):
        return
    paid = sum((o.amount for o in pays if o.amount is not None), Decimal(0))
    for m in _NAMED_FEE.finditer(text):
        hits = find_money(text, m.end(), min(len(text), m.end() + 40), capital_wins=capital_wins)
        if hits and hits[0].start - m.end() <= 8 and hits[0].value == paid:
            facts.total_fee, facts.currency = paid, facts.currency or hits[0].currency
            _on_the_stated_total(text, facts, capital_wins)  # "按基础许可费的万分之五": on the fee just settled
            return


#: a rate counted on a named fee: "按试点服务费的千分之五", "支付部署费的百分之一"
_RATE_ON_FEE = re.compile(r"(?:按|支付)\s*(?P<name>[\u4e00-\u9fff]{2,8}?费(?:用)?)的")


def _on_the_stated_total(text: str, facts: Facts, capital_wins: bool) -> None:
    """A penalty counted on the fee whose name states the total ("试点服务费共计人民币陆万元整" and
    "按试点服务费的千分之五") runs on the total; a late delivery counted on a fee stated as a part of it
    ("部署费港币120,000元" of a total of 816,000: "支付部署费的百分之一") runs on the delayed part, and so
    does its cap when the cap names the same fee ("上限为部署费的百分之二十")."""
    for p in facts.penalties:
        m = _RATE_ON_FEE.search(text, p.start, p.end) if p.rate is not None and p.basis is None else None
        if m is None:
            continue
        name = m.group("name")
        stated = list(sums_for(text, name, capital_wins))
        if facts.total_fee in stated:
            p.basis = "total_fee"
        elif p.kind == "late_delivery" and facts.total_fee is not None and any(v < facts.total_fee for v in stated):
            p.basis = "delayed_amount"
            if p.cap_basis == "total_fee" and re.search(rf"(?:上限为|不超过|最高为|以)\s*{name}的", text[m.end():p.end]):
                p.cap_basis = "delayed_amount"


__all__ = ["rule_fee", "settle_named_fee"]


#: a table's total row: its label cell names the total, its last cell is a bare figure
_TOTAL_ROW = re.compile(r"(?m)^[ \t]*\|(?:[^|\n]*\|)*?[ \t*]*(?:总额|合计|总计|总价|总金额|总价款)[ \t*]*\|(?:[^|\n]*\|)*?"
                        r"[ \t*]*(?P<fig>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)[ \t*]*\|[ \t]*$")


def _table_total(text: str) -> tuple[Decimal, str | None] | None:
    """The figure of a price table's total row, in the currency its header names (金额（港币）, 金额（元）)."""
    for m in _TOTAL_ROW.finditer(text):
        top = table_top(text, m.start())  # the table's first line: its header
        header = text[top:text.find("\n", top)]
        currency = currency_named(header) or ("CNY" if re.search(r"金额[^|]{0,4}元", header) else None)
        if currency is not None:
            return Decimal(m.group("fig").replace(",", "")), currency
    return None
