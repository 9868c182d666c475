"""The time layer as the rules use it: a sentence → the time element of an obligation.

``time_element`` speaks the obligations document (its eight events, an ISO offset, working days, a
fixed date or an RRULE) and leaves out what is not a schedulable deadline; ``choose`` puts it in front
of the rules' older grammar. Span positions (``_a``/``_b``) are the words the rules cut from the
sentence before they read the duty.
"""

from __future__ import annotations

import re
from typing import Any

from tracker.parse.lexicon_zh import PAYMENT_ACTION
from tracker.parse.named_periods_zh import dated_starts, ending_at, named_periods, starting_at
from tracker.parse.timex import Deadline, FixedDate, Recurrence, read_time
from tracker.parse.timex_anchors import defined_anchors, evaluation_reports_zh, resolve
from tracker.parse.timex_lexicon import SCHEMA_EVENT

_PAYS = re.compile(rf"{PAYMENT_ACTION}|\bpa(?:y|id)", re.I)  # the lexicon's paying words, and English pay/paid


def time_element(sentence: str, lang: str, document: str | None = None) -> dict[str, Any] | None:
    """The rules' time element for an obligation: ``{"event", "offset", "business_days"}``,
    ``{"fixed_date"}`` or ``{"recurrence"}``, plus ``_a``/``_b``, the span of the time words.
    ``None`` for what is not a schedulable deadline: a contingent reply (报修后2小时内响应), an event the
    obligations document has no id for, a period with no event, a term's range, a window before an event.
    With ``document`` (the whole normalised text), anchors it defines elsewhere are resolved (质保期满后 →
    acceptance + the warranty period)."""
    v = read_time(sentence, lang)
    if lang != "en" and document is not None and isinstance(v, Deadline) and v.anchor == "other" and "报告》" in sentence:
        for name in evaluation_reports_zh(document):  # 《年度节能量核证报告》送达之日起: a report the contract says
            if name in sentence:  # states the metrics, read as the evaluation report (same length: same positions)
                v = read_time(sentence.replace(name, name[:-4] + "评估报告"), lang) or v
                break
    if isinstance(v, FixedDate):
        return {"fixed_date": v.value, "_a": v.start, "_b": v.end} if v.kind == "by" else None
    if isinstance(v, Recurrence):
        ok = v.anchor == "calendar" or (v.anchor in SCHEMA_EVENT and v.offset == "P0D")
        return {"recurrence": v.rrule, "_a": v.start, "_b": v.end} if ok else None
    if v is None or v.contingent or v.offset is None or v.kind in ("window", "lasting") or "T" in v.offset:
        return None
    if lang != "en" and document is not None and v.offset != "P0D" and (found := ending_at(
            sentence, v.anchor_span[0] if v.anchor_span else v.start, named_periods(document))):
        period, at = found  # "试用期届满后10个工作日内": the end of a period the contract dates
        return {"anchor_date": period.end, "offset": v.offset, "business_days": v.business_days,
                "_a": _clause_start(sentence, min(at, v.start)), "_b": v.end}
    if lang != "en" and document is not None and v.anchor == "other" and v.kind == "within" \
            and (started := starting_at(sentence[:v.start], dated_starts(document))) is not None:
        return {"anchor_date": started.start, "offset": v.offset, "business_days": v.business_days,
                "_a": _clause_start(sentence, v.start), "_b": v.end}  # "订阅期开始之日起十个工作日内": its written start
    if v.kind == "before" and v.anchor not in ("expiry", "effective"):
        return None  # "期满前30日提交年度报告", "服务起始日前3个工作日完成" are deadlines; before another event, a window
    if v.offset == "P0D" and v.kind == "on" and not _PAYS.search(sentence):
        return None  # 模型交付后，甲方应进行评估: "after X" with no period is a deadline for payments only
    anchor, offset = v.anchor, v.offset
    if document is not None and anchor not in SCHEMA_EVENT:
        anchor, offset = resolve(anchor, offset, defined_anchors(document, "en" if lang == "en" else "zh"))
    event = schema_event(anchor)
    if event == "other":
        return None
    a = v.start if v.anchor_span or lang == "en" else _clause_start(sentence, v.start)
    if v.anchor_span and re.fullmatch(r"[\s,]*(?:应|须|需)?(?:于|在)?\s*", sentence[v.anchor_span[1]:v.start]):
        a = _clause_start(sentence, v.anchor_span[0])  # 收到数据后，于六十日内: one time phrase; with an actor between, the actor stays out
    return {"event": event, "offset": offset, "business_days": v.business_days, "_a": a, "_b": v.end}


def choose(new: dict[str, Any] | None, old: dict[str, Any] | None) -> dict[str, Any] | None:
    """The layer's time element, except where the rules' older recurrence table found a series: its
    RRULE spellings are the ones the golden contracts fix (quarter ends as FREQ=YEARLY;BYMONTH=3,6,9,12,
    每月15日及月末 as BYMONTHDAY=15,-1)."""
    if old is not None and "recurrence" in old:
        if new is not None and _more_dates(new.get("recurrence"), old["recurrence"]):
            return new  # "每年6月30日和12月31日前": the layer read both dates, the older table the first
        return old
    return new if new is not None else old


def _more_dates(new: str | None, old: str) -> bool:
    """``new`` lists several months or days where ``old`` lists one (it read more of the sentence)."""
    if not new:
        return False
    lists = re.findall(r"BY(?:MONTH|MONTHDAY)=([^;]+)", new)
    old_lists = re.findall(r"BY(?:MONTH|MONTHDAY)=([^;]+)", old)
    return any("," in x for x in lists) and not any("," in x for x in old_lists)


_LEAD_ZH = re.compile(r"(?:应当|应|须|需|必须)?(?:于|在|自|从)|最迟(?:于|在)?|不晚于|不迟于")


def _clause_start(s: str, a: int) -> int:
    """Where the time phrase starting at ``a`` begins in its clause: at the last lead word (应于, 自) or,
    without one, at the clause start, so the event's own words (乙方交付模型并经甲方验收合格后) are
    part of the time phrase and the actor before the lead word is not."""
    clause = max(s.rfind(",", 0, a), s.rfind("。", 0, a), s.rfind(";", 0, a), s.rfind(":", 0, a)) + 1  # after the last stop
    leads = list(_LEAD_ZH.finditer(s, clause, a))
    return leads[-1].start() if leads else clause


def offset_value(iso: str) -> tuple[bool, int, int, int]:
    """An ISO offset by value (consumers compare durations by value): P24M == P2Y, P2W == P14D."""
    m = re.fullmatch(r"(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(\d+)H)?", iso)
    if not m:
        raise ValueError(f"not an ISO 8601 duration: {iso!r}")
    neg, y, mo, w, d, h = m.groups()
    return bool(neg), int(y or 0) * 12 + int(mo or 0), int(w or 0) * 7 + int(d or 0), int(h or 0)


def calendar_rrule(v: Recurrence) -> str | None:
    """A recurrence as one calendar RRULE, or ``None`` when it is counted from something the RRULE
    cannot say: "within ten (10) days after the end of each month" is the 10th of every month, "within
    15 days after the end of each quarter" the 15th of the quarter's next month; working days after a
    boundary, or a series after an event with a delay, are not one calendar rule."""
    if v.anchor == "calendar" or (v.anchor in SCHEMA_EVENT and v.offset == "P0D"):
        return v.rrule
    m = re.fullmatch(r"P(\d+)D", v.offset)
    if v.business_days or not m or not 1 <= int(m.group(1)) <= 28:
        return None
    if v.anchor == "month_end":
        return f"FREQ=MONTHLY;BYMONTHDAY={int(m.group(1))}"
    if v.anchor == "quarter_end":
        return f"FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY={int(m.group(1))}"  # (the spelling shared/phrases uses)
    return None


def schema_event(anchor: str) -> str:
    """The obligations document's event for a layer id (``go_live`` → ``model_delivery``), else ``other``."""
    return SCHEMA_EVENT.get(anchor, "other")


__all__ = ["calendar_rrule", "choose", "offset_value", "schema_event", "time_element"]
