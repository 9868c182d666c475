"""Amendments that replace a date: ``将本合同第四条第2款约定的模型交付期限由2026年11月30日变更为2026年12月31日``.

A supplementary clause (补充条款, often after the signatures) names the clause it amends and the
new date. The amended obligation keeps its kind, party and title, takes the new date, and cites
and quotes the amendment; the original is dropped (shared/corpus-shapes conventions: no
``ambiguous`` warning). Pure: reads the text and the raw obligations, returns the new list.
"""

from __future__ import annotations

import re

from tracker.parse.common import DateHit, RawObligation, Unit, find_dates
from tracker.parse.numerals import NumeralError, cn_int
from tracker.record import replace

_NUM = r"[\d一二三四五六七八九十百]+"
#: 第四条第2款 / 第4.2条 / 4.2条 / 第四条（二）
_REF = re.compile(
    rf"第?\s*(?P<dot>\d+(?:\.\d+)+)\s*条|第\s*(?P<art>{_NUM})\s*条\s*(?:第\s*(?P<sub>{_NUM})\s*[款项項]|[(（](?P<paren>{_NUM})[)）])?"
)
_CHANGE = re.compile(r"(?:变更|修改|调整|延长|顺延|推迟|提前)(?:为|至|到)\s*:?\s*$")
_FROM = re.compile(r"由\s*$")
_CHANGED = re.compile(r"(?:变更|修改|调整|延长|顺延|推迟|提前)(?:为|至|到)")


def clause_ref(m: re.Match[str]) -> str | None:
    """The dotted clause label a reference names: 第四条第2款 → "4.2", 第2.3条 → "2.3"."""
    if m.group("dot"):
        return m.group("dot")
    try:
        label = str(cn_int(m.group("art")))
        sub = m.group("sub") or m.group("paren")
        return f"{label}.{cn_int(sub)}" if sub else label
    except NumeralError:
        return None


def new_date(text: str, start: int, end: int) -> tuple[DateHit, DateHit | None] | None:
    """The date a sentence changes to (…变更为DATE) and the one it replaces (由DATE…), if any."""
    hits = [h for h in find_dates(text, start, end) if h.value]
    for i, h in enumerate(hits):
        if _CHANGE.search(text[max(start, h.start - 8):h.start]):
            old = hits[i - 1] if i and _FROM.search(text[max(start, hits[i - 1].start - 3):hits[i - 1].start]) else None
            return h, old
    return None


def apply(text: str, units: list[Unit], obligations: list[RawObligation],
          read: list[tuple[int, int]] | None = None) -> list[RawObligation]:
    """Replace each obligation a later sentence re-dates; the replacement cites the amendment and
    the original's span is added to ``read``."""
    out = list(obligations)
    for u in units:
        s = text[u.start:u.end]
        if not _CHANGED.search(s):
            continue
        ref = _REF.search(s)
        if ref is None:
            continue
        label = clause_ref(ref)
        own = {o.kind for o in out if u.start <= o.start and o.end <= u.end and o.label != label}
        if _FOREIGN.search(s, 0, ref.start()) and _SUPPLEMENT_DOC.search(text, 0, 200) \
                and not (u.label or "").startswith(("补充", "附件")):
            # "原合同第4.2条约定的模型交付日期由…变更为2026年8月14日" in a supplement: that clause is the original
            # contract's, not this document's 4.2; the new date is the obligation, of the kind its words name
            if not own and (got := new_date(text, u.start, u.end)) is not None and (kind := _kind_named(s[ref.end():])):
                a = u.start + s.rfind(",", 0, ref.start()) + 1
                from tracker.parse.kinds_zh import default_party
                from tracker.parse.obligations_zh import TITLES

                out.append(RawObligation(kind, default_party(kind), TITLES[kind],
                                         u.label, a, got[0].end, fixed_date=got[0].value))
            continue
        if own:  # "第2.1条修改为：乙方应于…前交付模型": the amendment reads as an obligation of its own
            for ob in [o for o in out if o.label == label and o.kind in own]:
                out.remove(ob)
                if read is not None:
                    read.append((ob.start, ob.end))
            continue
        got = new_date(text, u.start, u.end)
        if got is None:
            continue
        target_date, old_date = got
        for i, ob in enumerate(out):
            if ob.label != label:
                continue
            if old_date is not None and ob.fixed_date is not None and ob.fixed_date != old_date.value:
                continue
            if read is not None:
                read.append((ob.start, ob.end))
            a = u.start + s.rfind(",", 0, ref.start()) + 1
            out[i] = replace(ob, label=u.label, start=a, end=target_date.end, fixed_date=target_date.value,
                             event=None, offset=None, business_days=False)
            break
    return out



#: a reference to the contract a supplement amends ("原合同第4.2条") in a document that is the supplement (its
#: title says so), not a contract with its 补充协议 after the signatures
_FOREIGN = re.compile(r"(?:原|主)(?:合同|协议|契约)\s*$")
_SUPPLEMENT_DOC = re.compile(r"补充(?:协议|合同|条款)|变更协议|修改协议|修订协议")


def _kind_named(words: str) -> str | None:
    """The kind a changed item's words name ("约定的模型交付日期由…"), none for a payment or a term."""
    from tracker.parse.kinds_zh import kind_of

    kind = kind_of(words.split("由")[0], None)
    return kind if kind in ("model_delivery", "data_delivery", "evaluation_report") else None


def drop_amended(text: str, obligations: list[RawObligation]) -> list[RawObligation]:
    """"第2.3条约定之模型交付期限变更为：…": the amended obligation replaces the original one."""
    replaced: set[tuple[str | None, str]] = set()
    for ob in obligations:
        a = ob.start - 60 if ob.start > 60 else 0
        m = _AMENDED.search(text[a:ob.end]) if _AMEND_WORD.search(text, a, ob.end) else None
        if m:
            replaced.add((m.group(1), ob.kind))
    return [o for o in obligations if (o.label, o.kind) not in replaced] if replaced else obligations


_AMENDED = re.compile(r"第?\s*(\d+(?:\.\d+)*)\s*条[^。;]{0,20}?(?:变更|修改|调整)为")
_AMEND_WORD = re.compile(r"(?:变更|修改|调整)为")  # what _AMENDED needs: one quick test before it is tried at every digit

__all__ = ["apply", "clause_ref", "drop_amended", "new_date"]
