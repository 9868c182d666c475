"""One payment sentence that lists several instalments, each with its own amount:
"…之日起10个工作日内…支付该批次许可费：第一批人民币96,000.00元，第二批人民币144,000.00元，
第三批人民币240,000.00元" is three payments with the sentence's deadline, one per amount.

Only a list counts: two or more amounts, each right after its own ordinal label (第一批, 第2期,
首期, 尾款…), none of them a total. A sentence with one amount, or amounts without labels
("合同总价100万元，首付30万元"), is left to ``payments_zh``.
"""

from __future__ import annotations

import re

from tracker import record as records
from tracker.parse.common import RawObligation
from tracker.parse.money_text import MoneyHit, find_money

#: an instalment's label right before its amount (第一批 / 第2期 / 第三阶段 / 首期 / 尾款)
_LABEL = re.compile(r"(第\s*[一二三四五六七八九十\d]+\s*(?:批次?|期|阶段|年度|年|次|笔|个里程碑)|首期|首付|尾款|余款)"
                    r"(?:\s*[(（][^()（）\n]{1,30}[)）])?"  # "第一期（2027年第一季度，含系统部署费）：人民币…"
                    r"[^,，。;；:：\d一二三四五六七八九十]{0,8}?(?:应付|支付|付|为|金额为?|款项为?)?\s*[:：]?\s*(?:人民币|¥|￥|RMB)?\s*$")
#: the items of a list under a lead-in that ends "…各期金额如下：" ("1. 第一期…：人民币…；")
_ITEM_LINE = re.compile(r"[ \t]*(?:\d{1,2}[.、．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[①-⑳])[^\n]*")
_TOTAL = re.compile(r"(?:总计|总额|总价|合计|共计|总金额)[^,，。;]{0,6}$")


def split(text: str, raw: RawObligation, start: int, end: int, capital_wins: bool) -> list[RawObligation]:
    """``raw`` (a payment read from ``text[start:end]``) as one payment per labelled amount, or
    ``[raw]`` when the sentence lists no instalments."""
    hits: list[tuple[str, MoneyHit]] = []
    if re.search(r"如下\s*$", text[max(start, end - 8):end]) and text[end:end + 1] in (":", "："):
        end = _list_end(text, end)  # the lead-in's list: its items hold the amounts
    money = find_money(text, start, end, capital_wins=capital_wins)
    if len(money) < 2:
        return [raw]  # one amount is no list (most payment sentences)
    for hit in money:
        before = text[max(start, hit.start - 24):hit.start]
        if _TOTAL.search(before):
            return [raw]
        m = _LABEL.search(before)
        if m is None:
            continue
        hits.append((re.sub(r"\s+", "", m.group(1)), hit))
    labels = [label for label, _ in hits]
    if len(hits) < 2 or len(set(labels)) != len(labels):
        return [raw]
    noun = _noun(text[start:end])
    return [records.replace(raw, amount=hit.value, currency=hit.currency, percent=None,
                                title=f"{label}{noun}") for label, hit in hits]


def _list_end(text: str, end: int) -> int:
    """The end of the list of items on the lines right after ``end`` (at most twelve)."""
    line_end = text.find("\n", end)
    pos = line_end if line_end >= 0 else len(text)
    for _ in range(12):
        m = _ITEM_LINE.match(text, pos + 1) if pos < len(text) else None
        if m is None:
            break
        pos = m.end()
    return max(pos, end)


def _noun(sentence: str) -> str:
    """What is paid (许可费, 服务费, 款): the word after 支付 in the sentence, else 款."""
    m = re.search(r"(?:支付|付清|给付)[^,，。;:：]{0,10}?([\u4e00-\u9fff]{0,4}(?:费|款|金))", sentence)
    return m.group(1)[-3:] if m else "款"


#: equal instalments: "分四期支付，每期澳门元贰拾壹万元正（MOP210,000.00）", "每期付款金额为人民币5万元"
_EACH = re.compile(r"(?:分\s*[一二三四五六七八九十\d]+\s*期[^,，。;；]{0,6}[,，]?\s*)?每期(?:应付|支付|付款)?(?:金额|款项|费用|价款)?(?:均)?(?:为|是)?\s*[:：]?\s*")


def each_amount(text: str, capital_wins: bool) -> MoneyHit | None:
    """The one amount every instalment is, when the contract says so (每期…元); None when it states none,
    or two different ones."""
    return _one_sum(text, _EACH, 6, capital_wins)


def fill_equal(text: str, obligations: list[RawObligation], capital_wins: bool) -> None:
    """Instalments that state no sum or share of their own take the one the contract gives each (每期…元);
    a recurring payment takes the sum the contract states per its period (每季度服务费为人民币150,000元)."""
    bare = [o for o in obligations if o.kind == "payment" and o.amount is None and o.percent is None]
    if len(bare) >= 2 and (each := each_amount(text, capital_wins)):
        for o in bare:
            o.amount, o.currency = each.value, each.currency
        return
    for o in bare:
        period = next((p for k, p in _PERIOD_OF.items() if o.recurrence and k in o.recurrence), None)
        if period and (sums := _per_period(text, period, capital_wins)) is not None:
            o.amount, o.currency = sums.value, sums.currency


#: a recurrence's period and the words a contract states its per-period sum with
_PERIOD_OF = {"BYMONTH=1,4,7,10": "季度", "BYMONTH=3,6,9,12": "季度", "FREQ=MONTHLY": "月", "FREQ=YEARLY": "年"}
_PER = {p: re.compile(rf"每(?:个)?(?:服务)?{p}(?:度)?(?:的)?(?:服务费|费用|租金|使用费|许可费|运维费|维护费)(?:为|是|:)?\s*")
        for p in ("季度", "月", "年")}


def _per_period(text: str, period: str, capital_wins: bool) -> MoneyHit | None:
    """The one sum the contract gives per ``period`` (每季度服务费为…元), or None."""
    return _one_sum(text, _PER[period], 4, capital_wins)


def _one_sum(text: str, lead: re.Pattern[str], gap: int, capital_wins: bool) -> MoneyHit | None:
    """The sum stated within ``gap`` characters after each ``lead``, when every one states the same."""
    found: list[MoneyHit] = []
    for m in lead.finditer(text):
        hits = find_money(text, m.end(), min(len(text), m.end() + 40), capital_wins=capital_wins)
        if hits and hits[0].start - m.end() <= gap:
            found.append(hits[0])
    return found[0] if found and all(h.value == found[0].value for h in found) else None


#: instalments enumerated with 分别: "第二、三、四阶段款项分别于该阶段工作经甲方书面验收合格之日起15日内支付"
_RESPECTIVELY = re.compile(r"第\s*(?P<first>[一二三四五六七八九十\d]{1,3})(?P<rest>(?:\s*[、,和及与]\s*第?\s*[一二三四五六七八九十\d]{1,3}){1,9})"
                           r"\s*(?P<unit>阶段|期|批次?|笔)[^,，。;；]{0,12}?分别")


def split_respectively(text: str, raw: RawObligation, start: int, end: int) -> list[RawObligation]:
    """``raw`` as one payment per instalment a 分别 enumeration names (same deadline rule each), or ``[raw]``."""
    m = _RESPECTIVELY.search(text, start, end)
    if m is None:
        return [raw]
    numbers = [m.group("first"), *re.findall(r"[一二三四五六七八九十\d]{1,3}", m.group("rest"))]
    return [records.replace(raw, title=f"第{n}{m.group('unit')}款") for n in numbers]
