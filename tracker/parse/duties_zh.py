"""One sentence, several dated duties: split a sentence unit into one unit per duty.

``甲方应于2025年2月14日前向乙方提供…图像数据，于2025年3月10日前提供…点云数据`` holds two
deadlines, each with its own verb: two obligations. A comma piece is a duty of its own when it
has both a deadline (a date before/until, or a period after an event) and a duty verb; pieces
without one (``计人民币144,000元``, ``并指定专人配合``) stay with the duty before them. A piece
after the first that names no party inherits the party of the one before it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from tracker.parse.common import RawObligation, Unit, find_dates
from tracker.parse.lexicon_zh import OTHER_ACTION, PAYMENT_ACTION, SUBJECT_DUTY
from tracker.parse.money_text import find_money

_RELATIVE = re.compile(
    r"(?:起|后)\s*(?:第\s*)?[\d一二三四五六七八九十百两]+\s*(?:个)?(?:工作日|工作天|自然日|日历日|日历天|日|天|月|周)\s*(?:内|之内|以内|前)"
)
#: a recurring deadline: "每月5日前", "每周五前", "每季度末月25日前"
_RECURRING = re.compile(r"每(?:个)?(?:月|周|星期|季度?|年)[^,，。;；]{0,8}?(?:日|号|[一二三四五六天])\s*(?:之前|以前|前)")
#: a duty due together with another ("交付时一并提交…报告", "在提交成果的同时"): its own deadline
#: a duty due at another's act: "交付时一并提交…", "交付模型时，应一并提出…" (not "在提供服务的同时", a manner)
TOGETHER = r"(?:时|之日)\s*,?\s*(?:应|须|需|并)?\s*(?:一并|同时)"
_TOGETHER = re.compile(TOGETHER)
_BEFORE = re.compile(r"\s*(?:\(含[^()]{0,4}\))?\s*(?:之前|以前|前|止)")
_VERB = re.compile(f"{OTHER_ACTION}|{PAYMENT_ACTION}")
_COMMA = re.compile(r"，|,(?!\d{3}(?!\d))")  # (not the thousands comma of 504,000.00)


def _deadlines(text: str, start: int, end: int) -> list[int]:
    """Where ``text[start:end]`` states deadlines (a period after an event, a date before/until)."""
    found = [m.start() for m in _RELATIVE.finditer(text, start, end)]
    found += [h.start for h in find_dates(text, start, end) if h.value and _BEFORE.match(text, h.end, end)]
    found += [m.start() for m in _RECURRING.finditer(text, start, end)] if "每" in text[start:end] else []
    found += [m.start() for m in _TOGETHER.finditer(text, start, end)]
    return sorted(found)


def split(text: str, u: Unit) -> list[tuple[Unit, bool]]:
    """``u`` as one or more duty units; the flag marks a continuation (a later duty of the same
    sentence, whose subject may be the earlier one's)."""
    if text.find(",", u.start, u.end) < 0 and text.find("，", u.start, u.end) < 0:
        return [(u, False)]
    marks = _deadlines(text, u.start, u.end)
    if len(marks) < 2:  # one deadline: one duty, however many commas
        return [(u, False)]
    cuts = [u.start] + [m.end() for m in _COMMA.finditer(text, u.start, u.end)]
    ends = [c - 1 for c in cuts[1:]] + [u.end]
    dated, verbs = [], []
    i = 0
    for a, b in zip(cuts, ends, strict=True):
        while i < len(marks) and marks[i] < a:
            i += 1
        dated.append(i < len(marks) and marks[i] < b)
        verbs.append(_VERB.search(text, a, b) is not None)
    # a piece with a deadline and a verb is a duty; so is a fronted deadline whose verb is in the
    # next piece ("…部署上线，上线后十个工作日内，乙方应提交…测试报告")
    duties = [k for k in range(len(cuts)) if dated[k] and (
        verbs[k] or (k + 1 < len(cuts) and verbs[k + 1] and not dated[k + 1]))]
    if len(duties) < 2:
        return [(u, False)]
    out: list[tuple[Unit, bool]] = []
    for n, k in enumerate(duties):
        start = u.start if n == 0 else cuts[k]
        end = ends[duties[n + 1] - 1] if n + 1 < len(duties) else u.end
        out.append((Unit(u.label, start, end), n > 0))
    return out


def split_all(text: str, units: list[Unit]) -> list[tuple[Unit, bool]]:
    """:func:`split` over the labelled units, called only where a unit holds two deadlines
    (found in one pass over the text, so 250,000 one-line clauses cost no call each)."""
    marks = _deadlines(text, 0, len(text))
    starts = [u.start for u in units] if len(marks) > 1 else []
    crowded: dict[int, int] = {}
    for p in marks if starts else ():
        i = bisect_right(starts, p) - 1
        crowded[i] = crowded.get(i, 0) + 1
    if not any(n > 1 for n in crowded.values()):
        return [(u, False) for u in units if u.label]
    out: list[tuple[Unit, bool]] = []
    for i, u in enumerate(units):
        if not u.label:
            continue
        if crowded.get(i, 0) >= 2:
            out.extend(split(text, u))
        else:
            out.append((u, False))
    return out


_DUTY_AFTER = re.compile(rf"\s*(?:{SUBJECT_DUTY})")


def names_subject(party_rx: re.Pattern[str], s: str) -> bool:
    """A party stands as the subject of a duty in ``s`` ("第一批影像：甲方应于…前交付"), not only as its object."""
    return any(_DUTY_AFTER.match(s, m.end()) for m in party_rx.finditer(s))


def drop_general_terms(obligations: list[RawObligation], read: list[tuple[int, int]] | None = None) -> list[RawObligation]:
    """A payment term with no amount (``甲方应于对账确认后10个工作日内…支付服务费``) that instalments
    elsewhere restate with their amounts and the same deadline is the rule they instantiate, not
    an instalment of its own; its span goes to ``read`` (read, not missed)."""
    def key(o: RawObligation) -> tuple[object, ...]:
        return o.event, o.offset, o.business_days, o.fixed_date, o.recurrence

    itemised = {key(o): o.label for o in obligations if o.kind == "payment" and o.amount is not None}
    out = []
    for o in obligations:
        if o.kind == "payment" and o.amount is None and o.percent is None and key(o) in itemised \
                and itemised[key(o)] != o.label:
            if read is not None:
                read.append((o.start, o.end))
            continue
        out.append(o)
    return out


#: a sentence that defers to a table or list after it: "每批次抽检合格后，甲方按下表支付该批次金额的80%："
_TOTAL_BEFORE = re.compile(r"(?:合计|总计|共计|总额|总价)[^,。;\d]{0,8}$")
_DEFERS = re.compile(r"(?:按|依|依照|按照|根据)(?:下表|下列|如下|以下|附表)|(?:下表|下列|如下)(?:所列|约定)?[^,。;]{0,4}$")


def drop_schedule_leads(text: str, obligations: list[RawObligation], read: list[tuple[int, int]]) -> list[RawObligation]:
    """A payment sentence that pays "as the table below says" and states no sum but their total, followed in its
    clause by that table's payments (or its items'), is their lead-in, not an instalment of its own (its share is of each row's sum, not of
    the total); its span goes to ``read``."""
    out = []
    for i, o in enumerate(obligations):
        if o.kind == "payment" and o.label and _DEFERS.search(text, o.start, o.end) \
                and all(_TOTAL_BEFORE.search(text, max(o.start, h.start - 14), h.start) for h in find_money(text, o.start, o.end)) \
                and any(p.kind == "payment" and p.start >= o.end and _row_or_item(text, o.label, p) for p in obligations[i + 1:]):
            read.append((o.start, o.end))
            continue
        out.append(o)
    return out


def _row_or_item(text: str, label: str, p: RawObligation) -> bool:
    """``p`` is a row of the table a lead-in (clause ``label``) introduces, or one of its numbered items."""
    own = p.label or ""
    return (own == label and ("|" in text[p.start:p.end] or "\t" in text[p.start:p.end])) or own.startswith(label + ".")


__all__ = ["drop_general_terms", "drop_schedule_leads", "split", "split_all"]
