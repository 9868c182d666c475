"""The time element of a Chinese duty sentence: recurrences (每月10日前, 每季度末月20日前),
deadlines after an event (…之日起N日内, …后), together-with (…时一并), full periods (满一年后) and
periods defined elsewhere (质保期…届满后)."""

from __future__ import annotations

import contextlib
import re
from typing import Any

from tracker.parse import lexicon_zh
from tracker.parse.common import (
    Unit,
    find_dates,
)
from tracker.parse.context_zh import (
    DAY_UNITS,
    NUM,
    Ctx,
    _event_in,
    _unit_index,
    duration_at,
    parse_duration,
)
from tracker.parse.duties_zh import TOGETHER
from tracker.parse.numerals import NumeralError, cn_int
from tracker.parse.timex import DEEMED_ZH
from tracker.parse.timex_anchors import defined_anchors
from tracker.parse.timex_element import choose, schema_event, time_element
from tracker.parse.timex_recur import PERIOD_ENDS, Q_FIRST_MONTH, Q_LAST_MONTH

_TIME_REL = re.compile(
    rf"(?P<evt>[^,。;:]{{0,40}}?)(?:之日)?(?:起算|起计|起|后)\s*(?:的)?\s*第?\s*(?P<dur>(?:{NUM}\s*(?:个)?年)?\s*(?:{NUM}\s*个?月)?\s*(?:{NUM}\s*(?:{DAY_UNITS}|日|天|个?周|个?星期))?)\s*末?\s*(?:内|之内|以内|前)"
    rf"|(?P<evt2>[^,。;:]{{0,40}}?)(?:之日)?后\s*第\s*(?P<dur2>{NUM}\s*(?:{DAY_UNITS}|日|天))(?!\s*(?:起|开始))"
)
#: what every match of _TIME_REL holds (起/后 then, within a clause, 内/前, or 后第): its lazy 40-character
#: prefix is tried at every offset, so a megabyte of "…之日起…" without a period is not scanned for it
_TIME_REL_NEEDS = re.compile(r"(?:起|后)[^,。;:]{0,40}?(?:内|前)|后\s*第")
_TOGETHER = re.compile(rf"(?P<evt>[^,。;:]{{0,30}}?){TOGETHER}|在(?P<evt2>[^,。;:]{{0,30}}?)的同时")
#: what a together-with time names as the act it goes with: the deliverable, the data, a paper
_NAMED_THING = re.compile(rf"{lexicon_zh.DELIVERABLE}|{lexicon_zh.DATA_WORK}|报告|发票|验收")
_T_PLUS = re.compile(rf"T\s*\+\s*(?P<dur>{NUM}\s*(?:个?工作日|个?自然日|日|天|个?月))")
_AFTER_EVENT = re.compile(r"(?P<evt>[^,。;:]{0,40}?)(?:之日)?后(?!\s*\d)")
_RECUR_LAST_WORKDAY = re.compile(r"每(?:个)?月(?:的)?最后一个(?:工作日|工作天|营业日)")
_RECUR_QUARTER_MONTH = re.compile(rf"每(?:个)?季(?:度)?(?:的)?(?:(?P<first>{Q_FIRST_MONTH})|{Q_LAST_MONTH})的?\s*(?P<d>{NUM})\s*[日号]")
_RECUR_FIRST_WORKDAY = re.compile(r"每(?:个)?月(?:的)?第一个工作日")
_RECUR_MONTHDAY = re.compile(rf"每(?:个)?月(?:的)?\s*(?P<d>{NUM})\s*[日号]")
_RECUR_MONTH_END = re.compile(r"每(?:个)?月(?:末|月底|底)")
_RECUR_QUARTER_END = re.compile(r"每(?:个)?季度(?:末|最后一日|最后一天|结束时)(?!后)")
_RECUR_YEARLY = re.compile(rf"每(?:个)?年(?:度)?(?:的)?\s*(?P<m>{NUM})\s*月\s*(?P<d>{NUM})\s*[日号]")
_RECUR_BIWEEKLY = re.compile(r"每(?:双周|两周|隔周)(?:的)?(?:周|星期|礼拜)(?P<d>[一二三四五六日天])")
_RECUR_WEEKDAY = re.compile(r"每(?:周|星期|礼拜)(?P<d>[一二三四五六日天])(?![次回趟遍个])")  # (not 每周一次: once a week)
_RECUR_AFTER_PERIOD = re.compile(
    rf"每(?:个)?(?P<p>季度|季|月)(?:{PERIOD_ENDS})?(?:之日)?后\s*(?P<dur>{NUM}\s*(?:个)?(?:日|天))\s*(?:内|之内|以内)"
)
_SERIES_FROM = re.compile(r"自(?P<evt>[^,。;]{1,16}?)(?:之|的)?(?:(?P<next>次月)|之日|日)(?:起|开始)")
_SERIES_NTH = re.compile(rf"自(?:服务期|合同期|租赁期|本合同期)?(?:内)?第\s*(?P<n>{NUM})\s*个?(?P<u>季|月|年)(?:度)?(?:起|开始)")
_WEEKDAYS = {"一": "MO", "二": "TU", "三": "WE", "四": "TH", "五": "FR", "六": "SA", "日": "SU", "天": "SU"}
_FULL_PERIOD = re.compile(
    rf"(?P<evt>[^,。;:]{{0,40}}?)(?:之日起|后)?满\s*(?P<dur>(?:{NUM}\s*(?:个)?年)?\s*(?:{NUM}\s*个?月)?\s*(?:{NUM}\s*(?:个?工作日|日|天))?)\s*(?:后|之后|时|之日)"
)

#: "…交付定制模型，交付时一并提交评估报告": a bare verb of handing over, the act the sentence named before
_TOGETHER_BARE = re.compile(rf"\s*(?:并|且)?\s*(?:在|于)?\s*(?:交付|提交|移交|交货){TOGETHER}")


def together_with(s: str, earlier: str | None) -> dict[str, Any] | None:
    """The time of a later duty of a sentence due with its earlier delivery (``earlier``: that one's kind)."""
    if earlier in ("model_delivery", "data_delivery", "evaluation_report") and (m := _TOGETHER_BARE.match(s)):
        return {"event": earlier, "offset": "P0D", "business_days": False, "_a": m.start(), "_b": m.end()}
    return None


def duty_time(ctx: Ctx, u: Unit, s: str, payment_row: bool = False) -> dict[str, Any] | None:
    """The time element of a duty sentence, each grammar reading it only when its answer can count:
    the time layer's (``timex_element``), except where the older recurrence table below finds a series
    (its RRULE spellings are the golden ones; every row of it needs 每), and the older grammar's other
    readings only when the layer finds nothing. The result is ``choose(new, old)``'s, at one reading
    of the sentence where the layer answers."""
    old = _time_element(ctx, u, s, payment_row) if "每" in s else None
    if old is not None and "recurrence" in old:
        new = time_element(s, "zh", ctx.text) if "和" in s or "及" in s or "、" in s else None
        return choose(new, old)
    new = time_element(s, "zh", ctx.text)
    if new is not None or "每" in s:
        return new if new is not None else old
    if "视为" in s and DEEMED_ZH.search(s):
        return None  # a review window (逾期未提出异议的，视为验收合格): the older grammar must not date it
    return _time_element(ctx, u, s, payment_row)


#: what closes a date that ends a duty: 2025年3月31日(含)前 / 或之前 / 止
_CLOSING = re.compile(r"\s*(?:\(含(?:当日|当天|本日)?\))?\s*(?:或)?(?:之前|以前|前|止)")


def _time_element(ctx: Ctx, u: Unit, s: str, payment_row: bool = False) -> dict[str, Any] | None:
    text = ctx.text
    m = _RECUR_LAST_WORKDAY.search(s)
    rec = None
    if (q := _RECUR_QUARTER_MONTH.search(s)):  # 每季度首月10日前, 每季度末月20日前
        with contextlib.suppress(NumeralError):
            months = "1,4,7,10" if q.group("first") else "3,6,9,12"
            rec = (f"FREQ=MONTHLY;BYMONTH={months};BYMONTHDAY={cn_int(q.group('d'))}", q)
    if rec:
        pass
    elif m:
        rec = ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", m)
    elif (m := _RECUR_FIRST_WORKDAY.search(s)):
        rec = ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1", m)
    elif (m := _RECUR_MONTHDAY.search(s)):
        try:
            days = str(cn_int(m.group('d')))
            also = re.match(r"\s*(?:及|和|与|、)\s*每?(?:个)?月?(?:的)?(?:最后一日|最后一天|末|底)", s[m.end():])
            whole = m  # with "及每月最后一日", the series' span reaches over both days
            if also:
                days += ",-1"
                whole = re.compile(r"[\s\S]+").match(s, m.start(), m.end() + also.end()) or m
            rec = (f"FREQ=MONTHLY;BYMONTHDAY={days}", whole)
        except NumeralError:
            rec = None
    elif (m := _RECUR_MONTH_END.search(s)):
        rec = ("FREQ=MONTHLY;BYMONTHDAY=-1", m)
    elif (m := _RECUR_QUARTER_END.search(s)):
        rec = ("FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", m)  # the form shared/phrases uses
    elif (m := _RECUR_YEARLY.search(s)):
        try:
            rec = (f"FREQ=YEARLY;BYMONTH={cn_int(m.group('m'))};BYMONTHDAY={cn_int(m.group('d'))}", m)
        except NumeralError:
            rec = None
    elif (m := _RECUR_BIWEEKLY.search(s)):
        rec = (f"FREQ=WEEKLY;INTERVAL=2;BYDAY={_WEEKDAYS[m.group('d')]}", m)
    elif (m := _RECUR_WEEKDAY.search(s)):
        rec = (f"FREQ=WEEKLY;BYDAY={_WEEKDAYS[m.group('d')]}", m)
    elif (m := _RECUR_AFTER_PERIOD.search(s)):
        got = duration_at(m.group(0), m.start("dur") - m.start())
        n = int(got[0][1:-1]) if got and got[0].endswith("D") and not got[1] else 0
        if 0 < n <= 28:  # N days after each month/quarter ends: a fixed day of the following month
            rec = (f"FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY={n}" if m.group("p") in ("季度", "季")
                   else f"FREQ=MONTHLY;BYMONTHDAY={n}", m)
    if rec:
        out = {"recurrence": rec[0], "_a": rec[1].start(), "_b": rec[1].end()}
        since = _SERIES_FROM.search(s, 0, rec[1].start())
        if since and (event := _event_in(since.group("evt"))) in ("signing", "effective"):
            out["series_start"] = (event, bool(since.group("next")))
        elif (nth := _SERIES_NTH.search(s, 0, rec[1].start())):  # 自第二季度起: the Nth period of the term
            with contextlib.suppress(NumeralError):
                shift = (cn_int(nth.group("n")) - 1) * {"季": 3, "月": 1, "年": 12}[nth.group("u")]
                out["series_start"], out["series_offset"] = ("effective", False), f"P{shift}M"
        return out
    # the literal tests skip regexes that cannot match; their lazy 40-char prefix is tried at every offset
    for tm in _TIME_REL.finditer(s) if ("起" in s or "后" in s) and _TIME_REL_NEEDS.search(s) else ():
        dur_text = (tm.group("dur") or tm.group("dur2") or "").strip()
        if not dur_text:
            continue
        got = parse_duration(dur_text)
        if not got:
            continue
        evt = tm.group("evt") if tm.group("dur") else tm.group("evt2")
        event = _event_in(evt or "")
        if event is None and re.search(r"条件成就|条件满足|上述条件", evt or ""):
            event = _condition_event(ctx, u)  # "时间：条件成就之日起15日内" under "条件：乙方交付模型"
        if event is None:
            continue
        first = re.search(rf"满\s*(?P<d>(?:{NUM}\s*(?:个)?年)?\s*(?:{NUM}\s*个?月)?)\s*$", (evt or "").rstrip("之日起后 "))
        if first and first.group("d").strip() and not got[1]:
            lead_dur = parse_duration(first.group("d"))  # "验收合格之日起满六个月后十日内": P6M + P10D
            if lead_dur and not lead_dur[1]:
                got = (_add_iso(lead_dur[0], got[0]), False)
        a = tm.start()
        leads = list(re.finditer(r"应于|应在|须于|于|自|从|在|不晚于|最迟于", evt or ""))
        if leads:
            a = tm.start() + leads[-1].start()
        return {"event": event, "offset": got[0], "business_days": got[1], "_a": a, "_b": tm.end()}
    tplus = _T_PLUS.search(s)
    if tplus:  # "T+15个工作日（T为合同生效日）": T is defined next to it or in the definitions
        got = parse_duration(tplus.group("dur"))
        defined = defined_anchors(ctx.text, "zh").get("T")  # (read once per document: the time layer's)
        event = schema_event(defined[0]) if defined and defined[1] == "P0D" else None
        event = None if event == "other" else event
        if got and event:
            b = tplus.end()
            close = re.match(r"\s*\([^()]{0,20}\)\s*(?:内|之内|以内)?", s[b:])
            return {"event": event, "offset": got[0], "business_days": got[1], "_a": tplus.start(),
                    "_b": b + (close.end() if close else 0)}
    for tm in _FULL_PERIOD.finditer(s) if "满" in s else ():
        got = parse_duration(tm.group("dur").strip()) if tm.group("dur").strip() else None
        event = _event_in(tm.group("evt"))
        if got and event:
            return {"event": event, "offset": got[0], "business_days": got[1], "_a": tm.start(), "_b": tm.end()}
    for tm in _TOGETHER.finditer(s) if "同时" in s or "一并" in s else ():  # each match holds one of them
        evt = tm.group("evt") or tm.group("evt2") or ""
        if not _NAMED_THING.search(evt):
            continue  # "每批交付时应同时提交…": which delivery is not said
        event = _event_in(evt)
        if event in ("model_delivery", "data_delivery", "acceptance", "invoice", "evaluation_report"):
            return {"event": event, "offset": "P0D", "business_days": False, "_a": tm.start(), "_b": tm.end()}
    for h in find_dates(text, u.start, u.end):
        after = text[h.end:h.end + 9]
        lead = re.search(r"(?:不晚于|不迟于|不得晚于|不得迟于|最迟于|最迟在|最迟应于|最迟须于|应不晚于|最晚于|最迟不晚于|截至|截止日期为|截止日为|(?:付款|支付|交付|履行|提交)(?:日|日期|时间|期限|时限)\s*(?:为|是|:))\s*$",
                         text[max(u.start, h.start - 8):h.start])
        if lead and h.value and not re.match(r"\s*(?:\(含\))?\s*(?:之前|以前|前|止)", after):
            return {"fixed_date": h.value, "_a": h.start - u.start - len(lead.group(0)), "_b": h.end - u.start}
        if re.match(r"\s*(?:\(含(?:当日|当天|本日)?\))?\s*(?:或)?(?:之前|以前|前|止)", after) and h.value:
            before = s[: h.start - u.start]
            a = h.start - u.start - len(before) + len(before.rstrip())
            fm = re.search(r"(?:于|在|不晚于|最迟于|最晚于)\s*$", before)
            if fm:
                a = fm.start()
            closing = _CLOSING.match(text[h.end:h.end + 9])
            end = h.end - u.start + (len(closing.group(0)) if closing else 0)
            return {"fixed_date": h.value, "_a": a, "_b": end}
    if "期" in s and (pe := _period_end(ctx, s)) is not None:
        return pe
    am = None
    pays = "后" in s and (payment_row or "支付" in s or "付款" in s)  # (the event after which only a payment is due)
    for m2 in _AFTER_EVENT.finditer(s) if pays else ():
        if _event_in(m2.group("evt")) in ("acceptance", "invoice", "evaluation_report", "model_delivery", "data_delivery"):
            am = m2
            break
    if am and pays:
        return {"event": _event_in(am.group("evt")), "offset": "P0D", "business_days": False,
                "_a": am.start(), "_b": am.end()}
    return None


_PERIOD_DUR = rf"(?:{NUM}\s*(?:个)?年)?\s*(?:{NUM}\s*个?月)?\s*(?:{NUM}\s*(?:{DAY_UNITS}|日|天))?"
_PERIOD_END = re.compile(
    rf"(?P<name>(?:{lexicon_zh.SERVICE_PERIOD})期(?:间|限)?)\s*(?:\((?P<def>[^()]{{2,40}})\))?\s*(?:届满|期满|满|结束)(?:之日)?(?:后|时)"
)
_PERIOD_DEF = re.compile(rf"(?P<evt>[^,。;:()]{{1,30}}?)(?:之日)?(?:起算?|后)\s*(?P<dur>{_PERIOD_DUR})\s*$")


def _period_end(ctx: Ctx, s: str) -> dict[str, Any] | None:
    """"质保期（终验合格之日起12个月）届满后支付": the end of a service period defined in place or in
    another clause ("质保期为终验合格之日起12个月") is its event plus its length."""
    m = _PERIOD_END.search(s)
    if not m:
        return None
    definitions = [m.group("def")] if m.group("def") else []
    if not definitions:
        name = m.group("name")[:3]
        if name not in ctx.period_defs:  # one scan of the text per period name, not one per sentence
            ctx.period_defs[name] = [d.group(1) for d in re.finditer(
                rf"{re.escape(name)}[^,。;]{{0,3}}?(?:为|自|:)\s*([^,。;]{{4,40}})", ctx.text)][:4]
        definitions = ctx.period_defs[name]
    for d in definitions:
        dm = _PERIOD_DEF.search(d.rstrip(" 止计算"))
        got = parse_duration(dm.group("dur")) if dm and dm.group("dur").strip() else None
        event = _event_in(dm.group("evt")) if dm else None
        if got and event:
            return {"event": event, "offset": got[0], "business_days": got[1], "_a": m.start(), "_b": m.end()}
    return None


def _add_iso(a: str, b: str) -> str:
    from tracker.periods import Duration

    x, y = Duration.parse(a), Duration.parse(b)
    return Duration(x.years + y.years, x.months + y.months, x.days + y.days).iso()


def _condition_event(ctx: Ctx, u: Unit) -> str | None:
    i = _unit_index(ctx, u)
    for prev in reversed(ctx.units[max(0, i - 3):i]):
        t = ctx.unit_text(prev)
        if prev.label == u.label and re.match(r"(?:付款)?条件\s*:", t):
            return _event_in(t)
    return None


_FRONTED_TIME = re.compile(r"^[^,。;]{1,30}?(?:之后|以后|后|之日起|起)\s*,")  # 系统上线后，乙方应在5个工作日内…
#: a time that opens on its label names the duty: "…第三期款…，支付时间调整为终验合格之日起十五个工作日内"
_TIME_LABEL = re.compile(r"(?:支付|付款|交付|提交)(?:时间|期限|日期)\s*(?:调整为|变更为|为|:)")
_UNTIL = re.compile(r"[,，]?\s*(?:直至|直到)[^,。;]*")


def duty_words(s: str, a: int, b: int) -> tuple[str, str]:
    """The words before a duty's time [a, b) and the duty's own words around it: not a fronted time
    ("系统上线后，": it dates the duty), nor "…，直至…" (a series' end); a time's label ("支付时间为") is the duty's."""
    before = _FRONTED_TIME.sub("", s[:a]) + (lab.group() if (lab := _TIME_LABEL.match(s, a)) else "")
    return before, before + _UNTIL.sub("", s[b:])
