"""One pass of typed time tokens over a sentence: dates, durations, events, relation words.

The sentence is normalised text (Simplified, half-width). Tokens never overlap: dates are taken
first, then durations, then events (longest match wins), then relation words in the gaps. The
composition of tokens into a deadline or recurrence is ``timex.py``'s job.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from tracker.parse.common import find_dates
from tracker.parse.lexicon_zh import WARRANTY
from tracker.parse.numerals import CN_NUM_CHARS, NumeralError, cn_int, en_int
from tracker.parse.rx_prefilter import guard
from tracker.parse.timex_lexicon import UNITS_EN, UNITS_ZH
from tracker.parse.timex_rows import Rows, _lexicon_rx
from tracker.periods import days_in_month
from tracker.record import record
from tracker.regex_own import compile_own


@record(frozen=True)
class Dur:
    """A period as written: ISO fields, working days or not, and an ordinal (第N个工作日)."""

    y: int = 0
    m: int = 0
    w: int = 0
    d: int = 0
    h: int = 0
    business: bool = False

    def __add__(self, other: Dur) -> Dur:
        return Dur(self.y + other.y, self.m + other.m, self.w + other.w, self.d + other.d, self.h + other.h,
                   self.business or other.business)

    def iso(self, negative: bool = False) -> str:
        return _iso(self, negative)


@lru_cache(maxsize=256)
def _iso(dur: Dur, negative: bool) -> str:
    """``Dur.iso``, remembered: a contract writes a few periods, each asked for once a sentence."""
    if dur.w and (dur.y or dur.m or dur.d):
        body = "".join(f"{n}{u}" for n, u in ((dur.y, "Y"), (dur.m, "M"), (dur.w * 7 + dur.d, "D")) if n)
    else:
        body = "".join(f"{n}{u}" for n, u in ((dur.y, "Y"), (dur.m, "M"), (dur.w, "W"), (dur.d, "D")) if n)
    if dur.h:
        body += f"T{dur.h}H"
    return ("-" if negative and (body and body != "0D") else "") + "P" + (body or "0D")


@record(frozen=True)
class Tok:
    """A typed token of a sentence (a date, duration, event, relation or day of month)."""
    kind: str  # DATE, DUR, EVENT, REL, MDAY
    start: int
    end: int
    value: object


ZH_NUM = rf"(?:\d+|[{CN_NUM_CHARS}]+)"
_EN_NUMWORDS = ("zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred")
_EN_WORDNUM = rf"(?:(?:{_EN_NUMWORDS})(?:(?:[\s-]+|\s+and\s+)(?:{_EN_NUMWORDS})){{0,4}})"


def _unit_rx(units: tuple[tuple[str, tuple[str, int, bool]], ...]) -> str:
    return "|".join(f"(?P<u{i}>{rx})" for i, (rx, _) in enumerate(units))


_DUR_ZH = re.compile(guard(
    rf"(?<![×xX*\d.{CN_NUM_CHARS}])(?P<n>{ZH_NUM}|半)\s*(?:\(\s*\d+\s*\)\s*)?(?P<half>个半)?\s*(?:{_unit_rx(UNITS_ZH)})(?P<half2>半)?"
    rf"(?!度|以来|以上|岁|周岁|经验|工作经验|的(?:工作|行业)?经验)"
))
_PAST_ZH = re.compile(r"(?:过去|最近|近|以往|此前)\s*$")
_NOT_A_PERIOD_EN = re.compile(r"\s+(?:of\s+(?:\w+\s+)?experience|old|ago)\b", re.I)
#: "expiry of the ninety (90) day warranty period": the period names the warranty, whose end is the event
_NAMED_PERIOD_END_EN = re.compile(r"\b(?:expiry|expiration|end)\s+of\s+the\s+$", re.I)
_HALF_ZH = re.compile(r"半(?:个)?(?:月|年)")
_DUR_EN = re.compile(
    rf"(?:(?<![a-z])(?P<w>{_EN_WORDNUM})\s*\(\s*(?P<n>\d+)\s*\)|(?<!\d)(?P<n2>\d+)|(?<![a-z])(?P<w2>{_EN_WORDNUM}))"
    rf"(?:\s*\(\s*(?:\d+|{_EN_WORDNUM})\s*\))?[\s-]*(?P<u>{_unit_rx(UNITS_EN)})(?:'s?)?\b",
    re.I,
)
_MDAY_ZH = re.compile(guard(rf"(?<![\d{CN_NUM_CHARS}])(?:(?P<m>{ZH_NUM})\s*月(?:份)?\s*(?:的)?)?(?P<d>{ZH_NUM})\s*[日号](?!历|内|之内|以内)"))
_ROC_ZH = re.compile(r"(?<!\d)(?P<y>1[01]\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_HALFYEAR_ZH = re.compile(r"(?P<y>\d{4})\s*年\s*(?:的)?(?P<h>上|下)半年")
_DECADE_ZH = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<t>上|中|下)旬")
_YEAR_RANGE_END_ZH = re.compile(r"至\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_MONTH_BEFORE = re.compile(r"月\s*(?:的)?\s*$")
_JOIN = re.compile(r"\s*(?:零|又)?\s*")


def _field(units: tuple[tuple[str, tuple[str, int, bool]], ...], m: re.Match[str]) -> tuple[str, int, bool]:
    groups = m.re.groupindex
    for i, (_, spec) in enumerate(units):
        if m.group(groups[f"u{i}"]):
            return spec
    raise AssertionError("a unit group always matches")


def _make(field: str, n: int, business: bool) -> Dur:
    return Dur(**{field.lower() if field != "M" else "m": n}, business=business)  # type: ignore[arg-type]


def _zh_durations(s: str, taken: Taken) -> list[Tok]:
    out: list[Tok] = []
    for m in _DUR_ZH.finditer(s):
        if _overlaps(m.start(), m.end(), taken) or _PAST_ZH.search(s, max(0, m.start() - 3), m.start()):
            continue
        field, factor, business = _field(UNITS_ZH, m)
        raw = m.group("n")
        if field == "D" and not business and _MONTH_BEFORE.search(s[max(0, m.start() - 3):m.start()]):
            continue  # 每月12日: a day of the month, not twelve days
        if raw == "半":
            if field not in ("M", "Y"):
                continue
            dur = Dur(m=6) if field == "Y" else Dur(d=15)
        else:
            try:
                n = cn_int(raw)
            except NumeralError:
                continue
            if n > 10000 or (field == "Y" and n > 100):
                continue  # 2026年 is a year, not a period
            dur = _make(field, n * factor, business)
            if m.group("half") and field == "M":
                dur = dur + Dur(d=15)
            if m.group("half2") and field == "Y":
                dur = dur + Dur(m=6)
        out.append(Tok("DUR", m.start(), m.end(), dur))
        taken.append((m.start(), m.end()))
    for m in _HALF_ZH.finditer(s) if "半" in s else ():
        if not _overlaps(m.start(), m.end(), taken):
            out.append(Tok("DUR", m.start(), m.end(), Dur(m=6) if m.group(0).endswith("年") else Dur(d=15)))
            taken.append((m.start(), m.end()))
    return _join_compound(s, out)


def _join_compound(s: str, durs: list[Tok]) -> list[Tok]:
    """一年零三个月, 1年6个月: adjacent periods are one period."""
    durs.sort(key=lambda t: t.start)
    if len(durs) < 2:
        return durs
    out: list[Tok] = []
    for t in durs:
        if out and _JOIN.fullmatch(s[out[-1].end:t.start]) and isinstance(out[-1].value, Dur):
            prev = out.pop()
            assert isinstance(prev.value, Dur) and isinstance(t.value, Dur)
            out.append(Tok("DUR", prev.start, t.end, prev.value + t.value))
        else:
            out.append(t)
    return out


_ANNIVERSARY_EN = re.compile(rf"\b(?P<o>first|second|third|fourth|fifth|{_EN_NUMWORDS})\s*(?:\(\d+(?:st|nd|rd|th)\)\s*)?anniversary",
                             re.I)
_ORDINAL_YEARS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


def _en_durations(s: str, taken: Taken) -> list[Tok]:
    out = []
    for m in _ANNIVERSARY_EN.finditer(s):  # the second (2nd) anniversary of X: X + P2Y
        n = _ORDINAL_YEARS.get(m.group("o").lower())
        if n:
            out.append(Tok("DUR", m.start(), m.end(), Dur(y=n)))
            taken.append((m.start(), m.end()))
    for m in _dur_en().finditer(s):
        if _overlaps(m.start(), m.end(), taken) or _NOT_A_PERIOD_EN.match(s, m.end()) or _NAMED_PERIOD_END_EN.search(s, max(0, m.start() - 30), m.start()):
            continue
        dur = en_duration(m)
        if dur is None:
            continue
        out.append(Tok("DUR", m.start(), m.end(), dur))
        taken.append((m.start(), m.end()))
    return out


#: the English period as a pattern, for rules that read one inside a phrase of their own
#: ("more than 15 days overdue", "three (3) years after termination"); read a match with ``en_duration``
DUR_EN = _DUR_EN.pattern


@lru_cache(maxsize=1)
def _dur_en() -> re.Pattern[str]:
    """``_DUR_EN`` guarded by its first characters (compiled on the first English period: the pattern
    is large and a Chinese parse never needs it)."""
    return compile_own(guard(DUR_EN, re.I), re.I)  # (the lexicon's pattern: kept by the pattern cache)


def weeks_as_days(iso: str) -> str:
    """An ISO period with its weeks written as days, the way the obligations document writes them: P2W → P14D."""
    m = re.fullmatch(r"(-?)P(\d+)W", iso)
    return f"{m.group(1)}P{int(m.group(2)) * 7}D" if m else iso


def en_duration(m: re.Match[str]) -> Dur | None:
    """A match of ``DUR_EN`` (alone or inside a larger pattern) → its period."""
    field, factor, business = _field(UNITS_EN, m)
    try:
        n = int(m.group("n") or m.group("n2")) if (m.group("n") or m.group("n2")) else en_int(m.group("w2"))
    except (NumeralError, ValueError):
        return None
    return _make(field, n * factor, business)


def _extra_dates_zh(s: str) -> list[Tok]:
    out = []
    for m in _ROC_ZH.finditer(s):
        if "民国" not in s[max(0, m.start() - 4):m.start()]:
            try:
                out.append(Tok("DATE", m.start(), m.end(),
                               date(int(m.group("y")) + 1911, int(m.group("m")), int(m.group("d")))))
            except ValueError:
                continue
    for m in _HALFYEAR_ZH.finditer(s):
        y = int(m.group("y"))
        if 1 <= y <= 9999:  # (年 0000 is no year)
            out.append(Tok("DATE", m.start(), m.end(), date(y, 6, 30) if m.group("h") == "上" else date(y, 12, 31)))
    for m in _DECADE_ZH.finditer(s):
        y, mo = int(m.group("y")), int(m.group("m"))
        if 1 <= mo <= 12 and 1 <= y <= 9999:
            day = {"上": 10, "中": 20}.get(m.group("t"), days_in_month(y, mo))
            out.append(Tok("DATE", m.start(), m.end(), date(y, mo, day)))
    return out


def _dates(s: str, lang: str) -> list[Tok]:
    toks = [Tok("DATE", h.start, h.end, h.value) for h in find_dates(s) if h.value]
    if not toks and "年" not in s:
        return toks  # nothing to add to, and no 年 for the Chinese extras
    if lang != "en":
        taken = Taken(len(s), [(t.start, t.end) for t in toks])
        toks += [t for t in _extra_dates_zh(s) if not _overlaps(t.start, t.end, taken)] if "年" in s else []  # all three need 年
        toks.sort(key=lambda t: t.start)
        for i, t in enumerate(list(toks)):  # 2025年1月1日至12月31日: the year carries over
            m = _YEAR_RANGE_END_ZH.match(s, t.end)
            if m and isinstance(t.value, date) and not (i + 1 < len(toks) and toks[i + 1].start < m.end()):
                try:
                    toks.append(Tok("DATE", m.start("m"), m.end(), date(t.value.year, int(m.group("m")), int(m.group("d")))))
                except ValueError:
                    continue
    return sorted(toks, key=lambda t: t.start)


_FOLD = int(re.IGNORECASE)  # an int: a RegexFlag operation per call costs more than the test


def _longest(s: str, rx: re.Pattern[str], rows: Rows, kind: str, taken: Taken) -> list[Tok]:
    """Longest match at each position (of all rows; the earlier row on a tie), left to right, never
    across a taken span."""
    out: list[Tok] = []
    pos = 0
    folded = bool(rx.flags & _FOLD)
    while pos < len(s):
        m = rx.search(s, pos)
        if not m:
            break
        start, best = m.start(), None
        cands = rows.get(s[start], rows[""])
        one = len(cands) == 1 and not folded  # (no case folding: the first characters are exact)
        if one:  # the one row that can start here is the one the union matched, to the same end
            best = (start, m.end(), cands[0][0]) if m.end() > start else None
        for ident, row in cands if not one else ():
            sub = row.match(s, start)
            if sub and sub.end() > start and (best is None or sub.end() > best[1]):
                best = (start, sub.end(), ident)
        if best is None or _overlaps(best[0], best[1], taken):
            pos = start + 1
            continue
        out.append(Tok(kind, best[0], best[1], best[2]))
        pos = best[1]
    return out


class Taken:
    """The characters already covered by a token: a mask, so a check costs the token's length."""

    def __init__(self, n: int, spans: list[tuple[int, int]] | None = None) -> None:
        self.mask = bytearray(n)
        for span in spans or ():
            self.append(span)

    def append(self, span: tuple[int, int]) -> None:
        a, b = span
        self.mask[a:b] = b"\x01" * (b - a)


def _overlaps(a: int, b: int, taken: Taken) -> bool:
    return taken.mask.find(1, a, b) >= 0


#: how many sentences' tokens are kept: the rules read a sentence and the coverage layer asks of it
#: again (about a third of the date-and-period scans of the golden contracts are such second asks)
MEMO_SENTENCES = 1024


def dates_and_periods(s: str, lang: str) -> list[Tok]:
    """The DATE and DUR tokens of ``scan(s, lang)`` (they are read first; later kinds never change them)."""
    return list(_dates_and_periods(s, lang))


def scan(s: str, lang: str) -> list[Tok]:
    """All time tokens of the sentence ``s``, in text order (remembered per sentence text, as its
    ``dates_and_periods`` are)."""
    return list(_scan(s, lang))


@lru_cache(maxsize=MEMO_SENTENCES)
def _dates_and_periods(s: str, lang: str) -> tuple[Tok, ...]:
    toks = _dates(s, lang)
    taken = Taken(len(s), [(t.start, t.end) for t in toks])
    toks += _en_durations(s, taken) if lang == "en" else _zh_durations(s, taken)
    return tuple(toks)


def may_name_event(s: str, lang: str) -> bool:
    """False when no event of the lexicon can be read anywhere in ``s`` (one search of the union)."""
    return _lexicon_rx(lang)[0].search(s) is not None


@lru_cache(maxsize=MEMO_SENTENCES)
def _scan(s: str, lang: str) -> tuple[Tok, ...]:
    toks = list(_dates_and_periods(s, lang))
    taken = Taken(len(s), [(t.start, t.end) for t in toks])
    if lang != "en":
        for m in _MDAY_ZH.finditer(s):
            if not _overlaps(m.start(), m.end(), taken):
                try:
                    toks.append(Tok("MDAY", m.start(), m.end(),
                                    (cn_int(m.group("m")) if m.group("m") else 0, cn_int(m.group("d")))))
                    taken.append((m.start(), m.end()))
                except NumeralError:
                    continue
    ev, ev_rows, rl, rl_rows = _lexicon_rx(lang)
    events = _longest(s, ev, ev_rows, "EVENT", taken)
    toks += events
    for t in events:
        taken.append((t.start, t.end))
    toks += _longest(s, rl, rl_rows, "REL", taken)
    toks.sort(key=lambda t: t.start)
    return tuple(_period_of_length(s, toks) if lang != "en" and "期" in s else toks)


#: a period named with its length before its end: "质保期（两年）届满后" is the warranty's end (its length and start are
#: the document's: timex_anchors.defined_anchors), "合同期（两年）届满后" the expiry itself (not two years after it)
_NAMED_LENGTH = re.compile(rf"(?:{WARRANTY}|免费维护)期(?:间|限)?\s*\(?\s*$")
_TERM_LENGTH = re.compile(r"(?:合同|协议|契约|服务|有效|租赁|订阅|许可|授权)期(?:间|限)?\s*\(?\s*$")


def _period_of_length(s: str, toks: list[Tok]) -> list[Tok]:
    """The tokens with a period's length read as its length, not as a time after the term's expiry:
    the warranty's name, length and end are one event; the term's length is dropped."""
    i = 1
    while i < len(toks):
        end, length = toks[i], toks[i - 1]
        if end.kind == "EVENT" and end.value == "expiry" and length.kind == "DUR" \
                and re.fullmatch(r"\s*\)?\s*", s[length.end:end.start]):
            if (m := _NAMED_LENGTH.search(s, max(0, length.start - 12), length.start)) is not None:
                toks[i - 1:i + 1] = [Tok("EVENT", m.start(), end.end, "warranty_end")]  # (its length: timex_anchors)
                continue
            elif _TERM_LENGTH.search(s, max(0, length.start - 12), length.start):
                del toks[i - 1]
                continue
        i += 1
    return toks


__all__ = ["DUR_EN", "Dur", "Tok", "dates_and_periods", "en_duration", "may_name_event", "scan", "weeks_as_days"]
