"""Recurrences: 每月最后一个工作日, 每季度结束后十五日内, every other Friday → an RFC 5545 RRULE.

A table per language of (pattern, builder); the first pattern that matches wins, so the specific
ones come first. A recurrence may count from a period boundary (``month_end`` + 5 working days) or
start after an event (模型上线后，每月月底前 → ``go_live``); both are kept on the value.
"""

from __future__ import annotations

import re

from tracker.parse.numerals import NumeralError, cn_int
from tracker.parse.rx_literals import fold, required
from tracker.parse.rx_prefilter import guard
from tracker.parse.timex_lexicon import WEEKDAYS_ZH
from tracker.parse.timex_recur_en import RULES_EN, SERIES_AFTER_EN, needs_en
from tracker.parse.timex_rrule import Q_END, Q_START, WORKDAYS, Build
from tracker.parse.timex_rrule import fixed_rule as _c
from tracker.parse.timex_scan import Dur, Tok
from tracker.periods import days_in_month
from tracker.record import field, record
from tracker.regex_own import compile_own, own


@record(frozen=True)
class Recurrence:
    """A recurring deadline: its RRULE, anchor and offset."""
    rrule: str
    anchor: str = "calendar"  # calendar | month_end | quarter_end | quarter_start | year_end | an event id
    offset: str = "P0D"
    business_days: bool = False
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)
    series_after: bool = False  # "every second Friday, starting on the first Friday after the Effective Date"


N = r"(?:\d+|[一二三四五六七八九十两〇零]+)"
EVERY_M = r"每(?:个)?(?:自然)?月(?:的)?"
EVERY_Q = r"每(?:个)?季(?:度)?(?:的)?"
#: the last day of a month or quarter in words ("最后一日", "最后一个自然日")
LAST_DAY = r"最后一日|最后一天|最后一个?自然日"


def _n(text: str) -> int:
    return cn_int(text)


def _dur(text: str) -> tuple[str, bool]:
    m = re.match(rf"({N})\s*(?:个)?(工作日|工作天|日|天|个月|月)", text)
    if not m:
        raise NumeralError(text)
    n = _n(m.group(1))
    unit = m.group(2)
    return (Dur(m=n).iso() if "月" in unit else Dur(d=n).iso()), unit.startswith("工作")


def _days(m: re.Match[str], group: str = "d") -> str:
    return ",".join(str(_n(x)) for x in re.findall(N, m.group(group)))


def _season(m: re.Match[str]) -> tuple[str, str, str, bool] | None:
    first, last = _n(m.group("m1")), _n(m.group("m2"))
    if not (1 <= first <= 12 and 1 <= last <= 12) or first == last:
        return None  # (11月至次年2月: 11, 12, 1, 2)
    months = ",".join(map(str, sorted({(first - 1 + i) % 12 + 1 for i in range((last - first) % 12 + 1)})))
    return f"FREQ=MONTHLY;BYMONTH={months};BYMONTHDAY={'-1' if m.group('end') else _days(m)}", "calendar", "P0D", False


def _after_boundary(m: re.Match[str]) -> tuple[str, str, str, bool]:
    p = m.group("p")
    off, biz = _dur(m.group("dur"))
    if "季" in p:
        return f"FREQ=MONTHLY;{Q_END};BYMONTHDAY=-1", "quarter_end", off, biz
    if "年" in p:
        return "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31", "year_end", off, biz
    return "FREQ=MONTHLY;BYMONTHDAY=-1", "month_end", off, biz


def _yearly(m: re.Match[str]) -> tuple[str, str, str, bool]:
    pairs = re.findall(rf"({N})\s*月\s*(?:的)?\s*({N}|最后一日|最后一天|底|末)?\s*[日号]?", m.group("md"))
    months = sorted({_n(mo) for mo, _ in pairs})  # "7月10日、10月10日及1月10日": the months of a year, in order
    days = {d for _, d in pairs if d}
    if not days or days <= {"最后一日", "最后一天", "底", "末"} or _month_ends(pairs):
        day = "-1"
    else:
        day = str(_n(next(iter(days))))
    # one month of each quarter (1,4,7,10): a quarterly rule, written as the quarter rules are
    freq = "MONTHLY" if len(months) == 4 and all(b - a == 3 for a, b in zip(months, months[1:], strict=False)) \
        else "YEARLY"
    return f"FREQ={freq};BYMONTH={','.join(map(str, months))};BYMONTHDAY={day}", "calendar", "P0D", False


def _month_ends(pairs: list[tuple[str, str]]) -> bool:
    try:
        return len(pairs) > 1 and all(d and _n(d) == days_in_month(2025, _n(mo)) for mo, d in pairs)
    except NumeralError:
        return False


#: a billing cycle (the series of month ends), which a deadline counted from an event overrides (``timex``)
BILLING_CYCLE = r"按(?:自然)?月结算|按月(?:支付|结算|付款)"
#: the end of each month or quarter: 每月结束后, 每季度届满后, 每月終結後 (Macau)
PERIOD_ENDS = "结束|届满|终了|终结|末"
#: a quarter's first or last month: 每季度第一个月 / 首月 / 第1个月, 每季度最后一个月 / 末月 / 第三个月
Q_FIRST_MONTH = r"(?:第一个月|第1个月|首月|头一个月)"
Q_LAST_MONTH = r"(?:最后一个月|最后一月|末月|第三个月|第3个月)"

RULES_ZH: tuple[tuple[str, Build], ...] = (
    (rf"{EVERY_Q}最后一个月的最后一个工作日", _c(f"FREQ=MONTHLY;{Q_END};{WORKDAYS};BYSETPOS=-1")),
    (rf"{EVERY_Q}(?:的)?{Q_FIRST_MONTH}的?\s*(?P<d>{N})\s*[日号]", lambda m: (f"FREQ=MONTHLY;{Q_START};BYMONTHDAY={_days(m)}", "calendar", "P0D", False)),
    (rf"{EVERY_Q}(?:的)?{Q_LAST_MONTH}的?\s*(?P<d>{N})\s*[日号]", lambda m: (f"FREQ=MONTHLY;{Q_END};BYMONTHDAY={_days(m)}", "calendar", "P0D", False)),
    (rf"{EVERY_Q}(?:首日|第一日|第一天)", _c(f"FREQ=MONTHLY;{Q_START};BYMONTHDAY=1")),
    (rf"{EVERY_Q}(?:开始|起始)前\s*(?P<dur>{N}\s*(?:个)?(?:工作日|日|天))", lambda m: (
        f"FREQ=MONTHLY;{Q_START};BYMONTHDAY=1", "quarter_start", "-" + _dur(m.group("dur"))[0], _dur(m.group("dur"))[1])),
    # 每季结束后次月十日前: a calendar day of the month after each period (the quarter's: 1, 4, 7, 10)
    (rf"每(?:个)?(?:自然)?(?P<p>季度|季|月)(?:{PERIOD_ENDS})(?:之日)?后(?:的)?\s*(?:次月|下月|下一个月)\s*(?P<d>{N})\s*[日号]",
     lambda m: (f"FREQ=MONTHLY;{Q_START + ';' if '季' in m.group('p') else ''}BYMONTHDAY={_days(m)}", "calendar", "P0D", False)),
    (rf"每(?:个)?(?:自然)?(?P<p>季度|季|月)(?:{PERIOD_ENDS})(?:之日)?后(?:的)?\s*(?:次月|下月|下一个月)\s*(?:最后一日|最后一天|末|底)",
     lambda m: (f"FREQ=MONTHLY;{Q_START + ';' if '季' in m.group('p') else ''}BYMONTHDAY=-1", "calendar", "P0D", False)),
    (rf"每(?:个)?(?:自然)?(?P<p>季度|季|月|年度|年)(?:{PERIOD_ENDS})(?:之日)?后(?:的)?\s*(?P<dur>{N}\s*(?:个)?(?:工作日|工作天|日|天))",
     _after_boundary),
    (rf"(?:次月|下月)\s*(?P<dur>{N}\s*(?:个)?(?:工作日|工作天))\s*内", lambda m: (
        "FREQ=MONTHLY;BYMONTHDAY=-1", "month_end", *_dur(m.group("dur")))),
    # 每月第一个星期一 / 每月最后一个星期五: a weekday's place in the month
    (rf"{EVERY_M}(?:的)?(?:第\s*(?P<o>[一二三四1-4])\s*个|(?P<last>最后一个))\s*(?:星期|周|礼拜)(?P<w>[一二三四五六日天])",
     lambda m: (f"FREQ=MONTHLY;BYDAY={-1 if m['last'] else cn_int(m['o'])}{WEEKDAYS_ZH[m['w']]}", "calendar", "P0D", False)),
    (rf"{EVERY_M}最后一个(?:工作日|工作天|营业日)", _c(f"FREQ=MONTHLY;{WORKDAYS};BYSETPOS=-1")),
    (rf"{EVERY_M}第一个工作日", _c(f"FREQ=MONTHLY;{WORKDAYS};BYSETPOS=1")),
    (rf"{EVERY_M}(?:初|前)\s*(?P<d>{N})\s*个工作日", lambda m: (f"FREQ=MONTHLY;{WORKDAYS};BYSETPOS={_days(m)}", "calendar", "P0D", False)),
    (rf"{EVERY_M}第\s*(?P<d>{N})\s*个工作日", lambda m: (f"FREQ=MONTHLY;{WORKDAYS};BYSETPOS={_days(m)}", "calendar", "P0D", False)),
    (rf"{EVERY_Q}(?:末|{LAST_DAY}|结束时|最后一个月的最后一日)(?!后)", _c(f"FREQ=MONTHLY;{Q_END};BYMONTHDAY=-1")),
    # 每年5月至9月每月5日、15日、25日前: the monthly days of a season
    (rf"每(?:个)?年(?:度)?(?:的)?(?P<m1>{N})\s*月(?:份)?\s*(?:至|到|-|~|—)\s*(?:次年|翌年|来年)?\s*(?P<m2>{N})\s*月(?:份)?(?:期间|内)?\s*,?\s*{EVERY_M}"
     rf"\s*(?:(?P<d>{N}\s*[日号](?:\s*[、,和及]\s*{N}\s*[日号])*)|(?P<end>末|月底|底|最后一日|最后一天))", _season),
    (rf"每(?:个)?年(?:度)?(?:的)?(?P<md>{N}\s*月(?:\s*(?:的)?\s*{N}\s*[日号])?(?:\s*(?:和|及|、|与)\s*{N}\s*月(?:\s*(?:的)?\s*{N}\s*[日号])?)*(?:\s*的?(?:最后一日|最后一天|底|末))?)", _yearly),
    (rf"每半年[^。;]{{0,20}}?每年(?P<md>{N}\s*月\s*{N}\s*[日号](?:\s*(?:和|及|、|与)\s*{N}\s*月\s*{N}\s*[日号])*)", _yearly),
    (rf"(?:{EVERY_M}|次月|下月|当月|按月[^。;]{{0,20}}?(?:次|下|当)月)\s*(?:第\s*)?(?P<d>{N}\s*[日号](?:\s*[、,和及]\s*{N}\s*[日号])*)",
     lambda m: (f"FREQ=MONTHLY;BYMONTHDAY={_days(m)}", "calendar", "P0D", False)),
    (rf"{EVERY_M}(?:末|月底|底|{LAST_DAY})|每月末", _c("FREQ=MONTHLY;BYMONTHDAY=-1")),
    # every other month: 每逢双月之末日 (even months), 每单月10日 (odd months)
    (rf"(?:每逢|逢|每个?)(?P<p>双月|偶数月|单月|奇数月)(?:的|之)?\s*(?:(?P<end>末日|末|月底|底|最后一日|最后一天)|(?P<d>{N})\s*[日号])",
     lambda m: (f"FREQ=MONTHLY;BYMONTH={'2,4,6,8,10,12' if m['p'] in ('双月', '偶数月') else '1,3,5,7,9,11'};"
                f"BYMONTHDAY={-1 if m['end'] else _days(m)}", "calendar", "P0D", False)),
    (r"(?:每(?:双周|两周|二周|2周|隔周|隔一周|隔两周|隔二周)|逢双周)[^。;]{0,12}?(?:周|星期|礼拜)(?P<w>[一二三四五六日天])",
     lambda m: (f"FREQ=WEEKLY;INTERVAL=2;BYDAY={WEEKDAYS_ZH[m.group('w')]}", "calendar", "P0D", False)),
    # (not 每周一次, once a week: "由每月一次改为每周一次，于每周四提交" is due on Thursdays)
    (r"每(?:周|星期|礼拜)(?P<w>[一二三四五六日天])(?![次回趟遍个])", lambda m: (f"FREQ=WEEKLY;BYDAY={WEEKDAYS_ZH[m.group('w')]}", "calendar", "P0D", False)),
    (r"每(?:个)?工作日", _c(f"FREQ=DAILY;{WORKDAYS}")),
    (r"每日|每天", _c("FREQ=DAILY")),
    (rf"每(?:隔)?\s*(?P<d>{N})\s*个月", lambda m: (f"FREQ=MONTHLY;INTERVAL={_days(m)}", "calendar", "P0D", False)),
    (r"每满一年|每(?:个)?周年", _c("FREQ=YEARLY", "event", "P1Y")),
    (r"每(?:逾期|迟延|延迟|延期|逾)(?:一|1)?(?:日|天)", _c("FREQ=DAILY", "due_date", "P1D")),  # a running penalty
    (BILLING_CYCLE, _c("FREQ=MONTHLY;BYMONTHDAY=-1")),
)


Rule = tuple[re.Pattern[str], Build, re.Pattern[str] | None, frozenset[str] | None]
_COMPILED: dict[str, tuple[Rule, ...]] = {}


_GATES: dict[str, re.Pattern[str] | None] = {}


def _any_word(lang: str) -> re.Pattern[str] | None:
    """One pattern of every literal word the language's rules need (None when a rule needs none)."""
    if lang not in _GATES:
        words = [w for _, _, _, ws in _rules(lang) for w in (ws or ())]
        every_rule_gated = all(ws is not None for _, _, _, ws in _rules(lang))
        _GATES[lang] = compile_own("|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))) \
            if every_rule_gated and words else None  # (the rules' own words: kept by the pattern cache)
    return _GATES[lang]


def _rules(lang: str) -> tuple[Rule, ...]:
    """Each rule compiled with its first-character guard, the words a sentence needs for it, and the
    literal words every match of it contains (``rx_literals``: a sentence with none of them is not searched)."""
    if lang not in _COMPILED:
        table = RULES_EN if lang == "en" else RULES_ZH
        flags = re.I if lang == "en" else 0
        with own():  # the rule table's patterns alone: kept by tracker.regex_cache between runs
            _COMPILED[lang] = tuple((re.compile(guard(rx, flags), flags), b, (needs_en(rx) if lang == "en" else None), required(rx, flags))
                                    for rx, b in table)
    return _COMPILED[lang]


#: what every Chinese series states (每月, 按季, 月度…): without it a sentence has none
SERIES_ZH = re.compile(r"每|按(?:自然)?月|逢双周|按季|上月|月度|月费|当月[^,。;]{0,4}费")


def read_recurrence(s: str, toks: list[Tok], lang: str) -> Recurrence | None:
    """The first recurrence the sentence states, with the event it starts after when one is named."""
    if lang != "en" and not SERIES_ZH.search(s):
        return None  # 凭发票于次月十日前: a calendar rule after one event, not a series
    present: dict[re.Pattern[str], bool] = {}
    folded = fold(s) if lang == "en" else s
    if lang == "en" and (gate := _any_word(lang)) is not None and not gate.search(folded):
        return None  # none of the words any English rule needs: one search, not one per rule
    for rx, build, needs, words in _rules(lang):
        if words is not None and not any(w in folded for w in words):
            continue
        if needs is not None:
            if needs not in present:
                present[needs] = bool(needs.search(s))
            if not present[needs]:
                continue
        m = rx.search(s)
        if not m:
            continue
        try:
            got = build(m)
        except (NumeralError, KeyError, ValueError):
            got = None
        if got is None:
            continue
        rrule, anchor, offset, biz = got
        if anchor in ("calendar", "event"):
            ev = _event_before(s, toks, m.start(), lang)
            if ev is not None:
                anchor = ev
            elif anchor == "event":
                anchor = "effective"
        tail = re.compile(r"\s*(?:之前|以前|前|内|之内|以内)").match(s, m.end()) if lang != "en" else SERIES_AFTER_EN.match(s, m.end())
        start = m.start()
        if lang == "en" and m.groupdict().get("dur"):  # the pattern may take words before the period's number
            num = next((t for t in toks if t.kind == "DUR" and m.start() <= t.start < m.end("dur")), None)
            start = num.start if num is not None else start
        return Recurrence(rrule, anchor, offset, biz, start, tail.end() if tail else m.end(),
                          series_after=lang == "en" and tail is not None)
    return None


def _event_before(s: str, toks: list[Tok], pos: int, lang: str) -> str | None:
    """模型上线后，每月…: an event with 后/起 before the recurrence (at most one comma away)."""
    for i in range(len(toks) - 1, 0, -1):
        rel, ev = toks[i], toks[i - 1]
        if rel.end > pos or rel.kind != "REL" or rel.value != "after" or ev.kind != "EVENT":
            continue
        if s[rel.end:pos].count(",") <= 1 and not re.search(r"[。;]", s[rel.end:pos]) and len(s[ev.end:rel.start]) <= 6:
            return str(ev.value)
    if lang == "en":
        m = re.search(r"anniversary\s+of\s+the\s+(?P<e>[\w\s-]{2,30}?date)", s, re.I)
        if m and re.search("effective", m.group("e"), re.I):
            return "effective"
    return None


__all__ = ["BILLING_CYCLE", "PERIOD_ENDS", "Recurrence", "read_recurrence"]
