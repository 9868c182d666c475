"""Periods a contract names and dates, other than its term: "试用期为三个月，自2026年6月1日起至
2026年8月31日止", "声音授权期限自…起至…止（以下简称“声音权利期限”）", "运营服务期：指自…起至…止的期间".

A deadline counted from such a period's end ("试用期届满后10个工作日内") is a day the contract
fixes, though no event of the obligations document names it: it is resolved from the written end with
no trigger (the spec's ``date:`` anchor). A series "运营服务期内，每月…" starts with the period.
The contract's own term (合同期限, 服务期限, 有效期 …) is not a named period: counting from its end is
counting from ``expiry``.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from itertools import pairwise

from tracker.parse.common import find_dates
from tracker.record import record


@record(frozen=True)
class NamedPeriod:
    """A period the contract names, with its dates."""
    names: tuple[str, ...]  # the period's name and the short name the contract gives it
    start: date | None
    end: date


#: between the two dates of a written range
_JOIN = re.compile(r"\s*(?:\(含\)|起)?\s*(?:至|到|~|-|—|–)\s*")
#: between a period's name and its range: 为三个月, / :指 / 自
_FILLER = re.compile(
    r"(?:\*\*)?\s*(?::|为|是|系|共|计)?\s*(?:为期)?\s*(?:[〇一二两三四五六七八九十百\d]+\s*(?:个)?(?:年|月|日|天|周|星期)\s*,?\s*)?"
    r"(?:指|是指|系指)?\s*(?:自|从|由)?\s*$")  # (由…起至…止: as Hong Kong and Taiwan write a range)
#: a period's name: a run of Chinese ending in 期限 / 期间 / 期
_NAME = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:期限|期间|期)$")
_LEAD = re.compile(r"^(?:本合同|本协议|本契约|合同|协议|契约|项目|其中|其|的|之|该|此|本)+")
#: the contract's own term: counting from its end is counting from expiry
_TERM = re.compile(r"(?:合同|协议|契约|合作|服务|租赁?|有效|履约|履行|委托|项目|许可|授权|订阅)?(?:期限|期间|期)")
#: a sentence that states the contract's term: its range is the term whatever it names
_TERM_SENTENCE = re.compile(r"生效|(?:合同|协议|契约)(?:的)?(?:有效)?期")
_ALIAS = re.compile(r"\s*[)\]]?\s*[(\[]?\s*(?:以下|下文)?(?:简称|称为?)\s*[\"“「『]?(?P<alias>[\u4e00-\u9fff]{2,12}?(?:期限|期间|期))[\"”」』]")
_NAME_AFTER = re.compile(r"\s*(?:止)?\s*(?:为|是)\s*(?:本合同的?|本协议的?|项目的?)?(?P<name>[\u4e00-\u9fff]{1,10}?(?:期限|期间|期))(?![\u4e00-\u9fff])")
_ENDS = re.compile(r"(?:已)?(?:届满|期满|满|结束|终止|到期)")
#: what may stand before a shortened period name: no character that would make it another name
_OPEN = re.compile(r"[^\u4e00-\u9fff]|[于在自从至即该本的]")
_WITHIN = re.compile(r"\s*(?:内|期间|中|之内)")


@lru_cache(maxsize=4)
def named_periods(text: str) -> tuple[NamedPeriod, ...]:
    """The dated periods the normalised ``text`` names, other than the term, in text order."""
    return tuple(p for p, term in _ranges(text) if not term)


@lru_cache(maxsize=4)
def dated_starts(text: str) -> tuple[NamedPeriod, ...]:
    """Every named period with a written start, the term's too ("订阅期：指自2026年7月1日起至…"), and a
    period whose first day a date names ("于2025年7月1日（订阅期起始日）生效": only its start is known)."""
    return tuple(p for p, _ in _ranges(text)) + _named_first_days(text)  # (a range's start is always written)


#: a date named as a period's first day: "2025年7月1日（订阅期起始日）", "…(以下简称“服务开始日”)"
_FIRST_DAY = re.compile(r"\s*\((?:以下|下文)?(?:简称|称为?)?\s*[\"“「『]?(?P<name>[\u4e00-\u9fff]{1,10}?)(?:起始日|开始日|开始之日)"
                        r"[\"”」』]?\)")


@lru_cache(maxsize=4)
def _named_first_days(text: str) -> tuple[NamedPeriod, ...]:
    if "始日" not in text and "开始之日" not in text:
        return ()
    return tuple(dict.fromkeys(NamedPeriod((m.group("name"),), h.value, h.value) for h in find_dates(text)
                               if h.value is not None and (m := _FIRST_DAY.match(text, h.end)) is not None))


@lru_cache(maxsize=4)
def _ranges(text: str) -> tuple[tuple[NamedPeriod, bool], ...]:
    """The named ranges of ``text``, each with whether it is the term's."""
    if "期" not in text:
        return ()
    hits = [h for h in find_dates(text) if h.value is not None]
    out: list[NamedPeriod] = []
    terms: list[NamedPeriod] = []
    term_ends: set[date] = set()
    for h1, h2 in pairwise(hits):
        if h1.value is None or h2.value is None or not h1.value < h2.value \
                or not _JOIN.fullmatch(text, h1.end, h2.start):
            continue
        # (bounded both ways: a text with no sentence mark near a range is not searched from its start per range)
        lead = max(max(text.rfind(c, max(0, h1.start - 40), h1.start) for c in "。;\n("), max(0, h1.start - 40) - 1)
        before = text[lead + 1:h1.start]
        m = _FILLER.search(before)
        head = re.sub(r"[\s*]+$", "", before[:m.start()]) if m else ""
        name_m = _NAME.search(re.split(r"[^\u4e00-\u9fff]", head)[-1]) if head else None
        stop = text.find("。", h2.end, h2.end + 200)
        if _TERM_SENTENCE.search(text, lead + 1, stop if stop >= 0 else min(len(text), h2.end + 200)) \
                or (name_m and _TERM.fullmatch(_LEAD.sub("", name_m.group(0)))):
            term_ends.add(h2.value)  # the term's range, whatever the period is called
            if name_m and (term_name := _LEAD.sub("", name_m.group(0))):
                terms.append(NamedPeriod((term_name,), h1.value, h2.value))
            continue
        names = []
        if name_m and (name := _LEAD.sub("", name_m.group(0))) and not _TERM.fullmatch(name):
            names.append(name)
        after = _NAME_AFTER.match(text, h2.end)  # "2026年7月1日至12月31日为试运行期"
        if after and not names and not _TERM.fullmatch(after.group("name")):
            names.append(after.group("name"))
        alias = _ALIAS.match(text, h2.end + (1 if text.startswith("止", h2.end) else 0))
        if alias and not _TERM.fullmatch(alias.group("alias")):
            names.append(alias.group("alias"))
        if names:
            out.append(NamedPeriod(tuple(dict.fromkeys(names)), h1.value, h2.value))
    # (each period once: a text that restates one range a thousand times names one period, not a thousand
    # that every recurring duty would try)
    return tuple(dict.fromkeys([(p, False) for p in out if p.end not in term_ends] + [(p, True) for p in terms]))


def _occurrences(s: str, name: str) -> list[int]:
    out, i = [], s.find(name)
    while i >= 0:
        out.append(i)
        i = s.find(name, i + 1)
    return out


def ending_at(sentence: str, pos: int, periods: tuple[NamedPeriod, ...]) -> tuple[NamedPeriod, int] | None:
    """The named period whose end the words at ``pos`` of ``sentence`` speak of, and where its name
    starts: "试用期届满后" with ``pos`` at 试用期 or at its 期 (where the time layer's event starts)."""
    for p in periods:
        for name in p.names:
            for i, j in _mentions(sentence, name):
                if i <= pos <= j and _ENDS.match(sentence, j):
                    return p, i
    return None


def _mentions(s: str, name: str) -> list[tuple[int, int]]:
    """Where ``s`` names the period ``name``: the whole name, or its last three or more characters
    after a word that does not extend them (免费试用期 → "于试用期届满后", not "技术服务期")."""
    out = [(i, i + len(name)) for i in _occurrences(s, name)]
    for k in range(3, len(name)):
        tail = name[-k:]
        out += [(i, i + k) for i in _occurrences(s, tail)
                if (i == 0 or _OPEN.match(s, i - 1)) and not any(a <= i < b for a, b in out)]
    return out


_STARTS = re.compile(r"(?:开始|起始)(?:之日|当日|日)?\s*(?:起算?|后|之后)?\s*(?:的)?\s*$")


def starting_at(before: str, periods: tuple[NamedPeriod, ...]) -> NamedPeriod | None:
    """The dated period whose start the words ending ``before`` count from: "订阅期开始之日起"."""
    m = _STARTS.search(before)
    if m is None:
        return None
    return next((p for p in periods for n in p.names for _, j in _mentions(before, n) if j == m.start()), None)


def series_start(prefix: str, periods: tuple[NamedPeriod, ...]) -> date | None:
    """The first day of a series that runs within a named period: "运营服务期内，每月…"."""
    for p in periods:
        if p.start is not None and any(_WITHIN.match(prefix, j) for n in p.names for _, j in _mentions(prefix, n)):
            return p.start
    return None


__all__ = ["NamedPeriod", "dated_starts", "ending_at", "named_periods", "series_start", "starting_at"]
