"""The time-expression layer: a sentence → typed time tokens → one value, in any word order.

``read_time(sentence, lang)`` returns a ``Deadline`` (an anchor event or fixed date, an ISO offset —
negative before the anchor —, working days or not, and a kind: ``within``, ``on``, ``not_before``,
``before``, ``window``), a ``Recurrence`` (an RRULE, optionally counted from an event) or a
``FixedDate``; ``None`` when the sentence states no time. Tokens come from ``timex_scan``, the
vocabularies from ``timex_lexicon``, recurrences from ``timex_recur``.

Composition, Chinese: an anchor is an event (or date) bound to a relation word after it (签订后,
生效之日起, 期满前); the period is the duration closed by 内/前 or opened by 第/满/不超过; the anchor
is the nearest one before the period, across a comma ("合同签订后，甲方在15个工作日内支付"), and
periods chained by 满/届满/后 add up (验收合格满一年后七日内 → P1Y7D). English binds the other
way round: "within 30 days after Acceptance", "five (5) Business Days prior to the Go-Live Date".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache
from operator import attrgetter

from tracker.parse.timex_anchors import received
from tracker.parse.timex_lexicon import DEFAULT_ANCHOR_EN, DEFAULT_ANCHOR_ZH, PERPETUAL_ZH, STEP_ZH
from tracker.parse.timex_recur import BILLING_CYCLE, SERIES_ZH, Recurrence, read_recurrence
from tracker.parse.timex_scan import MEMO_SENTENCES, Dur, Tok, dates_and_periods, may_name_event, scan
from tracker.parse.timex_values import Deadline, FixedDate

TimeValue = Deadline | Recurrence | FixedDate
_START, _END = attrgetter("start"), attrgetter("end")

_PUNCT = re.compile(r"[,。;:!?]")
_TRANSPARENT = ("inclusive", "exclusive")
_TIME_OF_DAY = re.compile(r"\s*(?:\d{1,2}\s*(?:时|点|:\d{2})|中午|上午|下午)?\s*")
_STEP_ZH = re.compile(STEP_ZH)
_COORD = re.compile(r"\s*(?:及|和|与|、|或|以及)\s*")
_CONTINGENT_EVENTS = {"incident_report", "incident_awareness", "notice", "request", "due_date", "acceptance_request"}
_CONDITION_ZH = re.compile(r"(?:如|若|如果|倘若|一旦|凡|如遇|遇有|经[^,。;]{0,6}要求)[^,。;]{0,30}(?:的|时)?")
#: a window whose lapse deems the thing accepted ("…7个工作日内完成抽检，逾期未提出书面异议的，视为验收合格"): a
#: review period, not a duty (the spec's deemed acceptance)
DEEMED_ZH = re.compile(r"逾期[^。;]{0,16}(?:未|不)[^。;]{0,16}[,，]?\s*(?:即)?视为(?:已)?(?:验收合格|验收通过|通过验收|认可|同意|确认|接受|无异议)")
_CONDITION_EN = re.compile(r"\b(?:if|in\s+the\s+event|where|should|upon\s+request|on\s+request|in\s+case)\b", re.I)


def _gap(s: str, a: int, b: int, limit: int) -> bool:
    """True when s[a:b] is short filler: no sentence punctuation, at most ``limit`` characters."""
    return a == b or (0 <= b - a <= limit and not _PUNCT.search(s, a, b))  # (adjacent tokens: no search)


def _anchor_label(t: Tok) -> str:
    return f"date:{t.value.isoformat()}" if t.kind == "DATE" and isinstance(t.value, date) else str(t.value)


def _chain_head(s: str, toks: list[Tok], i: int) -> Tok:
    """Of coordinated events (发票及付款申请) the first; of a sequence (验收合格并收到发票) the last."""
    j = i
    if toks[j].value == "confirmation":  # 验收合格并经甲方确认后: the confirmation closes the event before it
        k = j - 1
        while k >= 0 and toks[k].kind == "REL" and toks[k].value in _TRANSPARENT:
            k -= 1
        if k >= 0 and toks[k].kind == "EVENT" and _gap(s, toks[k].end, toks[j].start, 12):
            j = k
    while j > 0 and toks[j - 1].kind == "EVENT" and _COORD.fullmatch(s[toks[j - 1].end:toks[j].start]):
        j -= 1
    return toks[j]


def _anchors_zh(s: str, toks: list[Tok]) -> list[tuple[Tok, Tok]]:
    """(event or date, relation) pairs: 签订后 / 生效之日起 / 期满前 / 2025年5月19日起 / 付款时."""
    out = []
    for i, t in enumerate(toks):
        if t.kind == "EVENT" and (s[t.end - 1] == "到" or (s[max(0, t.start - 1):t.start] == "经" and (
                t.end == len(s) or _PUNCT.match(s, t.end)))):  # 货到付款 / 经验收合格，…: the event is its own "after"
            out.append((t, Tok("REL", t.end, t.end, "after")))
        if t.kind != "REL" or t.value not in ("after", "before", "same", "full"):
            continue
        for j in range(i - 1, -1, -1):
            p = toks[j]
            if p.kind == "REL" and p.value in _TRANSPARENT:
                continue
            if p.kind in ("DUR", "REL", "MDAY"):
                break
            if p.kind in ("EVENT", "DATE") and _gap(s, p.end, t.start, 10 if p.kind == "EVENT" else 2):
                if t.value == "before" and p.kind == "DATE":
                    break
                out.append((_chain_head(s, toks, j) if p.kind == "EVENT" else p, t))
                break
            if p.kind in ("EVENT", "DATE"):
                break
    return out


def _rel_at(toks: list[Tok], s: str, pos: int, after: bool, limit: int = 2, stop: str = "[,。;:!?]") -> Tok | None:
    """The nearest relation word just after (or just before) ``pos``, at most ``limit`` characters away
    with no ``stop`` character between. Tokens are in text order and never overlap, so both their
    starts and their ends are sorted: a bisection finds the neighbourhood."""
    if after:
        i = bisect_left(toks, pos, key=_START)
        while i < len(toks) and toks[i].start - pos <= limit:
            t = toks[i]
            if t.kind == "REL":
                return t if t.start <= pos or not re.search(stop, s[pos:t.start]) else None  # (a stop is one character)
            i += 1
        return None
    j = bisect_right(toks, pos, key=_END) - 1
    while j >= 0 and pos - toks[j].end <= limit:
        t = toks[j]
        if t.kind == "REL":
            return t if pos <= t.end or not re.search(stop, s[t.end:pos]) else None
        j -= 1
    return None


def _default_anchor(s: str, lang: str, before: int) -> str:
    table = DEFAULT_ANCHOR_EN if lang == "en" else DEFAULT_ANCHOR_ZH
    head = s[max(0, before - 12):before]
    for anchor, rx in table:
        if re.search(rx, head, re.I if lang == "en" else 0):
            return anchor
    return "event"


def _contingent(s: str, anchor: str, dur: Dur | None, lang: str, upto: int) -> bool:
    if anchor in _CONTINGENT_EVENTS or (dur is not None and dur.h):
        return True
    rx = _CONDITION_EN if lang == "en" else _CONDITION_ZH
    return bool(rx.search(s, 0, upto)) or (anchor == "event" and lang != "en" and bool(re.search(r"答复|回复|响应|修复|到场", s))) \
        or (lang != "en" and "视为" in s and bool(DEEMED_ZH.search(s)))


_WEEKDAY_BEFORE = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]*$")


def _fixed(s: str, toks: list[Tok], lang: str) -> FixedDate | None:
    dates = [t for t in toks if t.kind == "DATE"]
    for i, t in enumerate(dates):
        nxt = dates[i + 1] if i + 1 < len(dates) else None
        if nxt and re.fullmatch(r"\s*(?:起)?\s*(?:至|到|—|–|-|~|～|through|to|until|and\s+ending\s+on)\s*(?:the\s+)?",
                                s[t.end:nxt.start], re.I):
            assert isinstance(t.value, date) and isinstance(nxt.value, date)
            return FixedDate(nxt.value, "range_end", t.start, nxt.end, range_start=t.value)
    for t in dates:  # 自决标日起至115年12月31日止 / commencing on the Effective Date and ending on DATE
        assert isinstance(t.value, date)
        if re.search(r"(?:至|到)\s*$|(?:ending|expiring|terminating)\s+on\s*$", s[max(0, t.start - 12):t.start], re.I) \
                and re.search(r"起|自|from|commencing|starting", s[:t.start], re.I):
            return FixedDate(t.value, "range_end", t.start, t.end)
    for t in dates:
        assert isinstance(t.value, date)
        tod = _TIME_OF_DAY.match(s, t.end)
        after = _rel_at(toks, s, tod.end() if tod else t.end, after=True, limit=1 if lang != "en" else 1)
        day_start = t.start  # (English: "no later than Friday, 30 October 2026" — the weekday is the date's)
        if lang == "en" and (wd := _WEEKDAY_BEFORE.search(s, max(0, t.start - 12), t.start)) is not None:
            day_start = wd.start()
        lead = _rel_at(toks, s, t.start, after=False, limit=6) if lang != "en" else \
            _rel_at(toks, s, day_start, after=False, limit=40, stop="[,;]")
        value = t.value
        if after is not None and after.value in ("exclusive", "inclusive"):
            value -= timedelta(days=1 if after.value == "exclusive" else 0)
            after = _rel_at(toks, s, after.end, after=True)
        if lang != "en" and after is not None and after.value in ("before", "until", "within"):
            nxt = _rel_at(toks, s, after.end, after=True, limit=1)
            if nxt is not None and nxt.value == "exclusive":  # 2025年12月15日之前(不含当日)
                value -= timedelta(days=1)
            return FixedDate(value, "by", (lead.start if lead and lead.value == "by" else t.start), after.end)
        if lead is not None and lead.value in ("by", "before") and (lang != "en" or not re.search(r"[,;]", s[lead.end:day_start])):
            return FixedDate(value, "by", lead.start, t.end)
    if len(dates) == 1 and lang != "en" and re.fullmatch(r"\s*(?:于|在)?\s*", s[:dates[0].start]) \
            and not _PUNCT.search(s[dates[0].end:]):
        t = dates[0]
        assert isinstance(t.value, date)
        return FixedDate(t.value, "by", t.start, t.end)
    return None


def _period_kind(s: str, toks: list[Tok], t: Tok, lang: str) -> tuple[str, int, int]:
    """How a duration token is used: (kind, span start, span end)."""
    a, b = t.start, t.end
    pre = _rel_at(toks, s, t.start, after=False, limit=1 if lang != "en" else 2)
    post = _rel_at(toks, s, t.end, after=True, limit=1 if lang != "en" else 1)
    kind = "on"
    if lang != "en" and s.find("第", max(0, a - 2), a) >= 0 and re.search(r"第\s*$", s[max(0, a - 2):a]):
        kind, a = "on", s.rfind("第", 0, a)
        if re.match(r"\s*(?:末|底|月末|月底)", s[b:]):
            return "calendar", a, b + len(re.match(r"\s*(?:末|底|月末|月底)", s[b:]).group(0))  # type: ignore[union-attr]
    if pre is not None and pre.value in ("within", "not_more", "by", "full", "at_least"):
        kind, a = {"within": "within", "not_more": "within", "by": "within", "full": "on",
                   "at_least": "before"}[str(pre.value)], pre.start
    if post is not None and lang != "en":
        if post.value == "within" or (post.value == "before" and kind != "before"):
            kind, b = ("within" if kind != "before" else kind), post.end
            if post.value == "before":
                kind = "within"
        elif post.value == "after":
            kind, b = ("not_before" if pre is not None and pre.value == "full" else kind), post.end
    return kind, a, b


def _t_definition(s: str, toks: list[Tok], a: int) -> Tok | None:
    """T+3个工作日（T为到货验收日）: T's event, defined in the sentence."""
    if not re.search(r"T\s*\+\s*$", s[max(0, a - 4):a]):
        return None
    m = re.search(r"T\s*(?:为|指|是|系|means|is)\s*", s)
    return next((t for t in toks if m and t.kind == "EVENT" and 0 <= t.start - m.end() <= 8), None)


def _main_period(s: str, toks: list[Tok], lang: str) -> tuple[Tok, str, int, int] | None:
    main = None
    for t in (x for x in toks if x.kind == "DUR"):  # the period that closes the deadline
        kind, a, b = _period_kind(s, toks, t, lang)
        main = (t, kind, a, b)
        if kind == "within":
            break
    return main


def _index(toks: list[Tok], tok: Tok, below: int) -> int:
    """``toks.index(tok)`` for a token taken from ``toks[:below]``, by identity from ``below`` down (tokens
    never repeat a span, so it is the same index; no dataclass comparison per earlier token)."""
    return next(i for i in range(below - 1, -1, -1) if toks[i] is tok)


def _walk_back(s: str, toks: list[Tok], a: int, total: Dur) -> tuple[Tok | None, Dur, bool, int]:
    """From a period back over 满/后/届满 to its anchor: (anchor, summed period, before?, span start)."""
    pos, chained = a, False
    while True:
        k = bisect_right(toks, pos, key=_END)
        prev = [x for x in toks[max(0, k - 6):k] if not (x.kind == "REL" and x.value in _TRANSPARENT)]
        if chained and prev and prev[-1].kind == "EVENT" and _gap(s, prev[-1].end, pos, 2):
            return _chain_head(s, toks, _index(toks, prev[-1], k)), total, False, prev[-1].start  # 试运行期满(三个月)后
        rel = prev[-1] if prev and prev[-1].kind == "REL" and _gap(s, prev[-1].end, pos, 2) else None
        if rel is None or rel.value not in ("after", "before", "full"):
            return None, total, False, a
        before_rel = [x for x in prev[:-1] if x.kind != "REL" or x.value != "full"]
        if not before_rel or not _gap(s, before_rel[-1].end, rel.start, 10):
            return None, total, False, a
        p = before_rel[-1]
        if p.kind == "DUR" and rel.value != "before":
            assert isinstance(p.value, Dur)
            total, pos, chained = p.value + total, p.start, True
            continue
        if p.kind == "EVENT" and s.find("满", p.start, p.end) >= 0 and re.search(r"满$", s[p.start:p.end]):
            inner = [x for x in before_rel[:-1] if x.kind == "DUR" and _gap(s, x.end, p.start, 2)]
            if inner:  # 质保期(…24个月)届满后15日内: the bracketed period has run
                assert isinstance(inner[-1].value, Dur)
                total, pos, chained = inner[-1].value + total, inner[-1].start, True
                continue
        if p.kind in ("EVENT", "DATE"):
            head = _chain_head(s, toks, _index(toks, p, k)) if p.kind == "EVENT" else p
            return head, total, rel.value == "before", min(a, head.start)
        return None, total, False, a


def _unknown_event(s: str, toks: list[Tok], a: int) -> bool:
    """后/之日起 right before the period (or one comma before it), after words that are no event of
    the lexicon: 审核通过后, 设备进场之日起."""
    rel = _rel_at(toks, s, a, after=False, limit=4, stop="[。;]")
    if rel is None or rel.value != "after":
        return False
    head = re.search(r"([\u4e00-\u9fff]{2,12})$", s[max(0, rel.start - 12):rel.start])
    return bool(head) and not re.fullmatch(r"(?:[此其然]|之|以|[甲乙]方|.{0,2}之日)", head.group(1) if head else "")


def _zh_deadline(s: str, toks: list[Tok], lang: str) -> Deadline | None:
    anchors = _anchors_zh(s, toks)
    main = _main_period(s, toks, lang)
    if main is None:
        for ev, rel in reversed(anchors):
            if ev.kind == "EVENT" and rel.value in ("after", "same", "before"):
                if re.match(r"[^,。;]{0,3}至[^,。;]{1,20}止", s[rel.end:]):  # 自签订之日起至终验合格止: open-ended
                    return Deadline(str(ev.value), None, False, "window", ev.start, rel.end)
                return Deadline(str(ev.value), "P0D", False, "on", ev.start, rel.end,
                                _contingent(s, str(ev.value), None, lang, ev.start))
        if any(t.kind == "EVENT" and t.value == "expiry" for t in toks) and re.search(PERPETUAL_ZH, s):
            return Deadline("expiry", None, False, "perpetual")  # 不因本合同终止而终止，长期有效
        cal = re.search(r"(?:次月|下月|次年)", s)
        before_cal = next((t for t in reversed(toks) if cal and t.kind == "EVENT" and t.end <= cal.start()), None)
        if before_cal is not None and cal is not None:  # 凭发票于次月十日前: a calendar rule after the event
            return Deadline(str(before_cal.value), None, False, "on", before_cal.start, cal.end())
        return None
    t, kind, a, b = main
    assert isinstance(t.value, Dur)
    anchor_tok, total, negative, a = _walk_back(s, toks, a, t.value)
    step = _STEP_ZH.match(s, b) if s.find("审", b) >= 0 or s.find("核", b) >= 0 else None  # (each step word has one)
    nxt = next((x for x in toks if x.kind == "DUR" and x.start >= step.end() and x.start - step.end() <= 2), None) \
        if step else None
    if step and nxt is not None and kind == "within":  # 收到发票后5个工作日内审核，审核通过后10个工作日内付款
        assert isinstance(nxt.value, Dur)
        total, b = total + nxt.value, _period_kind(s, toks, nxt, lang)[2]  # the worst case: both steps in full
    apart: tuple[int, int] | None = None
    if anchor_tok is None:
        anchor_tok = _t_definition(s, toks, a)
    if anchor_tok is None:  # the anchor stands apart: 合同签订后，甲方在15个工作日内支付
        earlier = [(ev, r) for ev, r in anchors if r.start <= a and ev.kind == "EVENT"] \
            or [(ev, r) for ev, r in anchors if r.start <= a]
        later = [(ev, r) for ev, r in anchors if ev.start >= b and r.value == "after" and "起" in s[r.start:r.end]]
        if earlier or later:
            anchor_tok, r = (earlier[-1] if earlier else later[0])
            negative = r.value == "before"
            apart = (anchor_tok.start, r.end)
    if anchor_tok is None and re.search(r"通知", s[b:b + 4]):
        anchor_tok = next((x for x in toks if x.kind == "EVENT" and x.start >= b and x.value == "notice"), None)
    anchor = _anchor_label(anchor_tok) if anchor_tok is not None else _default_anchor(s, lang, a)
    if anchor_tok is None and (tn := re.search(r"(?<![A-Za-z])(T\d?)(?:\s*\+|日?\s*(?:之后|以后|后|起))\s*$", s[max(0, a - 8):a])):
        anchor, a = tn.group(1), s.rindex(tn.group(1), 0, a)  # T, T1… defined elsewhere in the contract (timex_anchors)
    if anchor_tok is not None and any(x.kind == "REL" and x.value == "inclusive" and anchor_tok.end <= x.start < t.start
                                      for x in toks) and total.d and not (total.y or total.m or total.w):
        total = Dur(d=total.d - 1, business=total.business)  # (含当日): the start day is the first day
    if anchor == "event" and _unknown_event(s, toks, a):
        anchor = "other"  # 审核通过后十日内: an event the lexicon does not know is kept, as "other"
    if anchor in ("event", "other") and (got := received(s, toks, a)) is not None:
        anchor = got  # 厂商检具请款单据,机关于收受后十五日内支付: the receipt of the document just named
    if kind == "calendar":  # 签署验收单后的第二个月末: a calendar rule, not a period
        return Deadline(anchor, None, False, "on", a, b)
    kind = "window" if negative and kind == "within" else ("before" if negative else kind)
    return Deadline(anchor, total.iso(negative), total.business, kind, a, b,
                    _contingent(s, anchor, total, lang, a if anchor_tok is None else anchor_tok.start),
                    anchor_span=apart)


#: a sentence a drafter writes is far shorter; a run-on unit (1 MB without a full stop) is read in its
#: first characters only, so the layer's cost per unit stays bounded
MAX_SENTENCE = 2000


def read_time(sentence: str, lang: str) -> TimeValue | None:
    """The time value a sentence states (normalised text), or ``None``."""
    lang = "en" if lang == "en" else "zh"
    sentence = sentence[:MAX_SENTENCE]
    # a date or a period (remembered per sentence, as the whole scan is) is read whether or not the
    # sentence is bare; only without one does the bare test (two searches) decide
    if dates_and_periods(sentence, lang) or not _bare(sentence, lang):
        return _read(sentence, lang)
    return None


def _bare(sentence: str, lang: str) -> bool:
    """A Chinese sentence with no series word and no event of the lexicon: the composition has nothing
    to read in it but a date or a period (no anchor, no recurrence), so without one it states no time."""
    return lang == "zh" and not SERIES_ZH.search(sentence) and not may_name_event(sentence, lang)


#: a billing cycle, not a day: the series it names gives way to a deadline the sentence counts from an event
_BILLING_CYCLE = re.compile(BILLING_CYCLE)


@lru_cache(maxsize=MEMO_SENTENCES)
def _read(sentence: str, lang: str) -> TimeValue | None:
    """Remembered per sentence, as its tokens are: the rules and the coverage layer ask of the same
    sentence (the values are frozen)."""
    toks = scan(sentence, lang)
    rec = read_recurrence(sentence, toks, lang)
    if rec is not None and lang != "en" and _BILLING_CYCLE.fullmatch(sentence, rec.start, rec.end):
        # "超量费用按月结算：…甲方应于收到发票之日起15日内支付": each bill is paid by its own deadline
        bill = _zh_deadline(sentence, toks, lang)
        if bill is not None and bill.kind == "within" and bill.anchor != "event" and bill.offset not in (None, "P0D"):
            return bill
    if rec is not None:
        return rec
    if lang == "en":
        from tracker.parse.timex_en import en_deadline  # English binds the other way round

        fx = _fixed(sentence, toks, lang)
        if fx is not None and fx.kind == "range_end":
            return fx
        dl: Deadline | None = en_deadline(sentence, toks)
        if dl is not None and dl.anchor != "event" and not (fx is not None and dl.offset == "P0D"):
            return dl  # a date stated with the time words wins over an event named with no period
        return fx or dl
    fx = _fixed(sentence, toks, lang)
    dl = _zh_deadline(sentence, toks, lang)
    if fx is not None and (dl is None or dl.anchor == "event" or fx.kind == "range_end" or dl.offset == "P0D"):
        return fx
    return dl or fx


def has_time_element(sentence: str, lang: str) -> bool:
    """A date, a period, a recurrence or a before/within/after-an-event relation in the sentence."""
    lang = "en" if lang == "en" else "zh"
    sentence = sentence[:MAX_SENTENCE]
    if dates_and_periods(sentence, lang):  # (scan's DATE and DUR tokens are these)
        return True
    if _bare(sentence, lang):  # most duty sentences the coverage layer asks about: no other token pass
        return False
    return _read(sentence, lang) is not None


__all__ = ["DEEMED_ZH", "MAX_SENTENCE", "Deadline", "FixedDate", "Recurrence", "TimeValue", "has_time_element", "read_time"]
