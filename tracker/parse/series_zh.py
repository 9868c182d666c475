"""Where a recurring duty's series starts when the text names the month:
"自2026年5月起，于每月5日前…" / "自民国115年4月起" / "从二〇二六年五月份开始" → the first day of that
month; no occurrence falls before it (the assembler takes the later of it and the contract's start).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from tracker.parse.common import DateHit, find_dates
from tracker.parse.named_periods_zh import NamedPeriod
from tracker.parse.numerals import CN_NUM_CHARS, NumeralError, cn_int

_N = rf"[\d{CN_NUM_CHARS}〇零]+"
_SINCE = re.compile(rf"(?:自|从|由)\s*(?P<roc>民国)?\s*(?P<y>{_N})\s*年\s*(?P<m>{_N})\s*月(?:份)?\s*(?:起|开始)")


_SINCE_QUARTER = re.compile(rf"(?:自|从|由)\s*(?P<y>{_N})\s*年\s*第\s*(?P<q>[一二三四1-4])\s*(?:个)?季度\s*(?:起|开始)")


_SINCE_DAY = re.compile(rf"(?P<lead>自|从|由)\s*(?:民国)?\s*{_N}\s*年\s*{_N}\s*月\s*{_N}\s*日\s*(?:起|开始)")
#: a series whose first occurrence is dated: "共十二期，首期于2027年2月10日或之前支付，其后每月十日…"
_FIRST_DUE = re.compile(rf"首(?:期|次|笔)[^,。;]{{0,6}}?(?:于|在)\s*(?P<lead>)(?:民国)?\s*{_N}\s*年\s*{_N}\s*月\s*{_N}\s*日")
_SINCE_YEAR = re.compile(rf"(?:自|从|由)\s*(?P<roc>民国)?\s*(?P<y>{_N})\s*年(?:度)?\s*(?:起|开始)")


def series_month(before: str) -> date | None:
    """The first day of the month named by the last "自YYYY年M月起" in ``before``, the day a series starts
    on ("自2026年6月17日起", "首期于2027年2月10日…其后每月") (or of the quarter
    "自2027年第二季度起" names, or of the year "自2027年起" names), or None."""
    day = _SINCE_DAY.search(before) or _FIRST_DUE.search(before)  # "自2026年6月17日起，每两周的周三": that day
    if day is not None:
        dates = [h for h in find_dates(before, day.end("lead"), day.end()) if h.value]
        if dates:
            return dates[0].value
    hits = list(_SINCE.finditer(before))
    quarters = list(_SINCE_QUARTER.finditer(before))
    years = list(_SINCE_YEAR.finditer(before)) if not hits and not quarters else []
    if years:
        try:
            year = _num(years[-1].group("y")) + (1911 if years[-1].group("roc") else 0)
        except NumeralError:
            return None
        return date(year, 1, 1) if 1900 <= year <= 2200 else None
    if quarters and (not hits or quarters[-1].start() > hits[-1].start()):
        q = quarters[-1]
        try:
            year = _num(q.group("y"))
        except NumeralError:
            return None
        quarter = int(q.group("q")) if q.group("q").isdigit() else "一二三四".index(q.group("q")) + 1
        return date(year, 3 * quarter - 2, 1) if 1900 <= year <= 2200 else None
    if not hits:
        return None
    m = hits[-1]
    try:
        year, month = _num(m.group("y")), _num(m.group("m"))
    except NumeralError:
        return None
    if m.group("roc") or 100 <= year <= 199:
        year += 1911  # 民国115年 = 2026 (a three-digit year is a Minguo year, 民国 said or not)
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        return None
    return date(year, month, 1)


def _num(text: str) -> int:
    if text.isdigit():
        return int(text)
    if all(c in "〇零一二三四五六七八九" for c in text) and len(text) == 4:  # 二〇二六: digit by digit
        return int("".join(str("〇一二三四五六七八九".index(c.replace("零", "〇"))) for c in text))
    return cn_int(text)


_FIRST = re.compile(r"(?:首次|第一次|首份|第一份)[\u4e00-\u9fff]{0,6}?(?:日|日期|时间)?\s*(?:为|是|:|于|在|应于)\s*")


def join_first(rule: str, first: date) -> str:
    """A yearly list of months that leaves out the first occurrence the sentence dates ("第一次于4月10日前
    提出，其后于每年7月10日、10月10日及1月10日前") gains its month; four months a quarter apart are a
    quarterly rule, spelled as the quarter rules are (MONTHLY;BYMONTH=1,4,7,10)."""
    m = re.fullmatch(r"FREQ=(?:YEARLY|MONTHLY);BYMONTH=([\d,]+);BYMONTHDAY=(\d+)", rule)
    if m is None or int(m.group(2)) != first.day:
        return rule
    stated = sorted({int(x) for x in m.group(1).split(",")})
    if len(stated) == 4 and all(b - a == 3 for a, b in zip(stated, stated[1:], strict=False)) and first.month not in stated:
        # quarters counted from the contract's own start ("每季度结束后十五日内…，首份报告须于8月15日前"): the
        # quarter months the first occurrence falls in, not the calendar's
        quarters = sorted((first.month - 1 + 3 * k) % 12 + 1 for k in range(4))
        return f"FREQ=MONTHLY;BYMONTH={','.join(map(str, quarters))};BYMONTHDAY={m.group(2)}"
    months = sorted(set(stated) | {first.month})
    freq = "MONTHLY" if len(months) == 4 and all(b - a == 3 for a, b in zip(months, months[1:], strict=False)) else "YEARLY"
    return f"FREQ={freq};BYMONTH={','.join(map(str, months))};BYMONTHDAY={m.group(2)}"


#: a sentence of its own that dates a series' first occurrence: "首份报告应于2026年10月10日前提交"
_FIRST_ALONE = re.compile(r"\s*(?:首份|首次|第一份|第一次)[\u4e00-\u9fff]{0,6}?\s*(?:应|须|需)?(?:于|在)\s*")


def first_alone(sentence: str) -> date | None:
    """The first occurrence a sentence right after a recurring duty dates, when that is all it says."""
    hit = _date_after(sentence, _FIRST_ALONE.match(sentence))
    return hit.value if hit is not None and len(sentence) - hit.end <= 12 else None


def series_first(sentence: str) -> date | None:
    """The first occurrence a recurring duty states: "…于每周五前支付…，首次结算日为2026年6月26日"."""
    hit = _date_after(sentence, _FIRST.search(sentence))
    return hit.value if hit is not None else None


def _date_after(sentence: str, m: re.Match[str] | None) -> DateHit | None:
    """The date written right after the cue ``m`` (within two characters), if any."""
    if m is None:
        return None
    hits = [h for h in find_dates(sentence, m.end(), min(len(sentence), m.end() + 20)) if h.value]
    return hits[0] if hits and hits[0].start - m.end() <= 2 else None


#: a duty due a period after each contract year starts: "于每个服务年度开始之日起30日内支付当年度服务费"
_EACH_YEAR_START = re.compile(r"每(?:个|一)?(?P<w>服务|合同|授权|许可|租赁|订阅|维护|运维|维保)?年度(?:开始|起始)(?:之日)?(?:起|后)\s*"
                              r"(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:个)?(?P<u>工作日|日|天)(?:内|以内|之内)")


def each_year_start(sentence: str, periods: Callable[[], tuple[NamedPeriod, ...]] = tuple) -> dict[str, Any] | None:
    """The time element of a duty due each contract year: the assembler makes one per year of the term,
    or of the named period the years belong to (维护年度 of "维护期间自A起至B止")."""
    m = _EACH_YEAR_START.search(sentence)
    if m is None:
        return None
    n = int(m.group("n")) if m.group("n").isdigit() else cn_int(m.group("n"))
    out: dict[str, Any] = {"event": "effective", "offset": f"P{n}D", "business_days": m.group("u") == "工作日",
                           "anniversaries": True, "_a": m.start(), "_b": m.end()}
    word = m.group("w")
    period = next((p for p in periods() if p.start and any(name.startswith(word) for name in p.names)), None) if word else None
    if period is not None:
        out.update(event=None, anchor_date=period.start, series_until=period.end)
    return out
