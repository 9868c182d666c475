"""Wording an amendment replaces, written in prose rather than in a table:

    一、原約定：乙方應於民國115年12月31日前完成系統交付。
    　　變更為：乙方應於民國116年2月26日前完成系統（含二號倉區）交付並上線試運轉。
    原契約期間至民國116年6月30日止，變更為延長至民國116年9月30日止。
    原契约总价人民币360万元，……变更后契约总价为人民币396万元。

The old wording states no fact of the document: a sentence labelled 原约定 is read (cited as read,
never as a duty), and in a sentence that names the old value before the new one ("原…，变更为…"),
the old value's dates and sums are blanked (same length) so the rules read the new one. Pure
functions over the normalised text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from tracker.parse.common import Unit, find_dates
from tracker.parse.money_text import find_money

#: a sentence that quotes the wording being replaced: "原约定：", "原条款：", "原合同第5.1条约定：", "修改前："
_OLD_LABEL = re.compile(r"(?:原(?:合同|契约|协议)?(?:第[^:：。;]{1,12}?条)?(?:约定|条款|内容|规定|条文)|修改前|变更前|调整前)\s*[:：]")
#: "原X…，(…，)变更为/变更后/调整为/延长至…": the old value comes first in the same sentence
_OLD_THEN_NEW = re.compile(r"原(?:合同|契约|协议)?[^。;；:：\n]{1,60}?(?=(?<!\d)[,，](?!\d)[^。;；\n]{0,40}?(?:变更|修改|调整|延长)(?:后|为|至))")


#: "原合同约定的保密期限由原合同终止后两年调整为…", "违约金标准由每日万分之五调整为…": the words between 由
#: and the change verb are the old value, blanked whole (a period or a rate is no date or sum)
_FROM_OLD_TO_NEW = re.compile(r"原(?:合同|契约|协议)?[^。;；\n]{0,40}?由(?P<old>[^。;；,，\n]{1,40}?)(?:变更|修改|调整|延长|缩短|更改|改)为")


#: "原合同第二条第1款“…至2026年9月30日止”修改为：“…”": the quoted old wording right before the change verb
#: (or in brackets: "原合同第4.2条第二期款（模型交付后15日内支付人民币32万元）变更为：…")
_QUOTED_OLD = re.compile(r"原(?:合同|契约|协议)[^。;；\n“(（]{0,40}?(?:“(?P<old>[^”\n]{1,300})”|[(（](?P<old2>[^()（）\n]{1,300})[)）])"
                         r"\s*(?:修改|变更|调整|更改)为")
#: a recital of an amendment (鉴于：…) states the facts of the contract it amends ("原合同总价为…，有效期至…")
_RECITALS_END = re.compile(r"\n[^\n]{0,40}(?:达成如下|协商一致|约定如下|协议如下)|\n\s*第[一1]条")
_OLD_CONTRACT = re.compile(r"原(?:合同|契约|协议)|主合同")


def _recitals(text: str) -> list[tuple[int, str]]:
    """(start, text) of the first recitals blocks (鉴于：… up to "达成如下" or the first article; at most
    1,500 characters each, five blocks: a bounded search, whatever the text)."""
    out: list[tuple[int, str]] = []
    at = text.find("鉴于")
    for _ in range(5):
        if at < 0:
            break
        start = at + 2
        end = _RECITALS_END.search(text, start, start + 1500)
        if end is not None:
            out.append((start, text[start:end.start()]))
        at = text.find("鉴于", (end.end() if end is not None else start))
    return out


def old_units(text: str, units: list[Unit]) -> list[Unit]:
    """The units that quote replaced wording (they open with 原约定：)."""
    if "原" not in text and "前" not in text:
        return []
    # (or that name the old wording and end at the change verb: "原合同第4.2条第二期款（…）变更为：" + the new items)
    return [u for u in units if _OLD_LABEL.match(text, u.start, u.end)
            or ((m := _QUOTED_OLD.match(text, u.start, u.end)) is not None and not text[m.end():u.end].strip(" :："))]


#: a special condition that says which general condition it replaces: "本条替代通用条款第5.1条", "取代通用条款第7条"
_REPLACES = re.compile(r"(?:替代|取代|代替|替换)(?:通用(?:合同)?条款|原条款|原合同)?\s*第?\s*(?P<l>\d{1,2}(?:\.\d{1,2}){0,2})\s*条")


def replaced_clauses(text: str, units: list[Unit]) -> list[Unit]:
    """The units of a clause that a later clause replaces by its number (the 专用条款 of a 政府采购合同
    restating 5.1 of the 通用条款): the earlier clause states no fact of the document."""
    if "替" not in text and "代" not in text:
        return []
    starts = [u.start for u in units]
    by_label: dict[str | None, list[int]] = {}
    for j, u in enumerate(units):
        by_label.setdefault(u.label, []).append(j)
    out: dict[int, Unit] = {}
    for m in _REPLACES.finditer(text):
        host = bisect_right(starts, m.start()) - 1
        if host < 0 or not units[host].start <= m.start() < units[host].end or units[host].label != m["l"]:
            continue  # (only a clause that restates its own number replaces: 5.1 of the special conditions)
        same = by_label[m["l"]]
        k = bisect_right(same, host) - 1  # the replacing clause's own sentences: the run of this label up to host
        while k > 0 and same[k - 1] == same[k] - 1:
            k -= 1
        out.update((j, units[j]) for j in same[:k])
    return [out[j] for j in sorted(out)]


def blank_old_values(text: str, old: list[Unit] | None = None) -> str:
    """``text`` with the ``old`` units and the dates and sums of each "原…，变更为…" old value
    replaced by spaces (the same length: every position stays where it was)."""
    if "原" not in text:
        return text
    spans: list[tuple[int, int]] = [(u.start, u.end) for u in old or ()]
    spans += [m.span("old") for m in _FROM_OLD_TO_NEW.finditer(text)] if "由" in text else []
    olds = [m.span("old" if m["old"] is not None else "old2") for m in _QUOTED_OLD.finditer(text)]
    for pos, body in _recitals(text) if "鉴于" in text else ():  # its sentences about the amended contract
        for sentence in re.split(r"(?<=[;；。\n])", body):
            if _OLD_CONTRACT.search(sentence):
                olds.append((pos, pos + len(sentence)))
            pos += len(sentence)
    dated, summed = list(olds), list(olds)
    for m in _OLD_THEN_NEW.finditer(text):
        # "原…第二期款人民币160,000元，支付时间调整为2026年7月31日前": the sum names the instalment whose date
        # changes; only a kind of value the new wording states again is an old one
        tail = text[m.end():(e.start() if (e := _SENTENCE_END.search(text, m.end())) else len(text))]
        has_date, has_sum = bool(find_dates(tail) or _PERIOD.search(tail)), bool(find_money(tail))
        dated += [m.span()] if has_date or not has_sum else []
        summed += [m.span()] if has_sum or not has_date else []
    # the dates and sums inside the old values: one scan of the text each, matched to the spans in order
    spans += _inside(sorted(dated), sorted((h.start, h.end) for h in find_dates(text))) if dated else []
    spans += _inside(sorted(summed), sorted((h.start, h.end) for h in find_money(text))) if summed else []
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


_SENTENCE_END = re.compile(r"[。;；\n]")
_PERIOD = re.compile(r"(?:日|天|月|周|工作日)\s*(?:内|前)")  # a new time that is a period: "终验合格之日起十五个工作日内"


def _inside(olds: list[tuple[int, int]], hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The hits that lie inside one of the (sorted) spans."""
    out, i = [], 0
    for a, b in hits:
        while i < len(olds) and olds[i][1] <= a:
            i += 1
        if i < len(olds) and olds[i][0] <= a and b <= olds[i][1]:
            out.append((a, b))
    return out


__all__ = ["blank_old_values", "old_units"]
