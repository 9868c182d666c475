"""The sentence that refers to a table by its name (附件一, 《数据交付计划表》): it says who acts on
the table's rows when the table names no party."""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.parse import lexicon_zh
from tracker.parse.clause_marks import ZH_PARTS
from tracker.parse.common import RawObligation
from tracker.parse.context_zh import Ctx
from tracker.regex_own import own_if

_ANNEX_NAME = re.compile(r"(附件|附表|表)\s*([一二三四五六七八九十\d]+)")
_UNNUMBERED = re.compile(r"[\s#*]*附件(?![一二三四五六七八九十\d\s]*[一二三四五六七八九十\d])")



def _referring_sentence(ctx: Ctx, intro: str, table_start: int) -> str | None:
    """The duty sentence before a table that refers to it by name (附件一, 《数据交付计划表》) and
    has a party as its subject (with 应, or opening the sentence: "甲方按附件一所列…完成采集"); one
    with 应 first ("乙方许可甲方使用附件一所列数据集" grants, "乙方应按附件一约定的时间交付数据" binds)."""
    names = [m.group(0).replace(" ", "") for m in _ANNEX_NAME.finditer(intro)]
    names += [t for t in re.findall(r"[\u4e00-\u9fff]{3,12}表", intro) if not _ANNEX_NAME.fullmatch(t)]
    if not names and _UNNUMBERED.match(intro):
        names = ["附件"]  # "## 附件　数据交付计划" under "甲方按本协议附件的交付计划分批交付"
    opening: str | None = None
    for u in ctx.units if names else ():
        if u.start >= table_start:
            break
        t = ctx.unit_text(u)
        if any(n in t.replace(" ", "") for n in names) and ctx.party_rx().search(t):
            if re.search(lexicon_zh.MODAL, t):
                return t
            if opening is None and _OPENS_WITH_PARTY(ctx).match(t):
                opening = t
    return opening


def _OPENS_WITH_PARTY(ctx: Ctx) -> re.Pattern[str]:  # noqa: N802 (reads like the pattern it returns)
    return _opens_with(ctx.party_rx().pattern)


@lru_cache(maxsize=16)
def _opens_with(party_words: str) -> re.Pattern[str]:
    """A sentence that opens with a party (after its item number), compiled once per contract's words
    (kept between runs when the words are the lexicon's own: the contract added no short names)."""
    with own_if(party_words == lexicon_zh.PARTY_RX.pattern):
        return re.compile(rf"\s*(?:\(?[\d一二三四五六七八九十]+[).、]\s*)?(?:{party_words})")


__all__ = ["_OPENS_WITH_PARTY", "_referring_sentence"]


#: a payment sentence that points to a schedule for its instalments: "各期付款日期及金额见附表《月度付款计划表》"
_POINTS_TO_PARTS = re.compile(r"(?:见|详见|按照?|依)(?:本(?:协议|合同))?(?:附件|附表|附录)")


def drop_pointers(text: str, obligations: list[RawObligation], read: list[tuple[int, int]]) -> list[RawObligation]:
    """Without the payment sentences that only point to a schedule whose rows are the instalments (the rows
    were read as payments of their own): "其余…元分四个月按月支付，各期付款日期及金额见附表" is no fifth one."""
    listed = any(o.kind == "payment" and (o.label or "").startswith(ZH_PARTS) for o in obligations)
    if not listed:
        return obligations
    out = []
    for o in obligations:
        if o.kind == "payment" and not (o.label or "").startswith(ZH_PARTS) and _POINTS_TO_PARTS.search(text, o.start, o.end):
            read.append((o.start, o.end))
            continue
        out.append(o)
    return out
