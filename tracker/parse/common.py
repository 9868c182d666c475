"""Building blocks the language rules share: dates, money expressions, sentence units, raw facts.

Everything works on the normalised text (Simplified, half-width punctuation) and returns
positions in it; ``Normalized.quote`` maps them back to verbatim original text.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache

from tracker.parse.clauses import Clauses
from tracker.parse.normalize import Normalized
from tracker.parse.numerals import NumeralError, cn_int
from tracker.parse.rx_prefilter import guard
from tracker.parse.tables_space import tab_row
from tracker.parse.wraps import soft_wrap, table_continues, wrap_width
from tracker.periods import days_in_month
from tracker.record import field, record

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")]
    )
    for m in names
}
_MONTH_RX = "|".join(sorted(MONTHS, key=len, reverse=True))
_CN_DIGIT4 = "〇零一二三四五六七八九"

DATE_RX = re.compile(guard(
    rf"(?=[\d{_CN_DIGIT4}民]|\b[jfmasond])(?:"  # a cheap first check (a letter only where a month name starts a word): scanning 1 MB of other text stays fast
    r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"
    r"|(?<!\d)(?P<pm>\d{1,2})\s*月\s*(?P<pd>\d{1,2})\s*[日号]\s*\(\s*(?P<py>\d{4})\s*年\s*\)"  # 7月31日（2026年）
    r"|民\s*国\s*(?P<ry>[\d一二三四五六七八九十〇零百][\d一二三四五六七八九十〇零百\s]{0,8}?)\s*年"
    r"\s*(?P<rm>[\d一二三四五六七八九十][\d一二三四五六七八九十\s]{0,4}?)\s*月"
    r"\s*(?P<rd>[\d一二三四五六七八九十][\d一二三四五六七八九十\s]{0,6}?)\s*日"
    rf"|(?P<cy>[{_CN_DIGIT4}]{{4}})\s*年\s*(?P<cm>[一二三四五六七八九十]{{1,3}})\s*月\s*(?P<cd>[一二三四五六七八九十]{{1,3}})\s*[日号]"
    r"|(?<![\d.])(?P<iy>\d{4})(?P<sep>[-/.])(?P<im>\d{1,2})(?P=sep)(?P<id>\d{1,2})(?![\d])"
    r"|(?<![\d.])(?P<ny>\d{4})\.[ \t]+(?P<nm>\d{1,2})\.[ \t]+(?P<nd>\d{1,2})(?=\.)"  # 2026. 5. 20. (Korean)
    r"|(?<![\d./])(?P<um>\d{1,2})/(?P<ud>\d{1,2})/(?P<uy>\d{4})(?![\d/])"
    r"|(?<![\d./])(?P<td>\d{1,2})\.(?P<tm>\d{1,2})\.(?P<ty>\d{4})(?!\d|\.\d)"  # 03.08.2026: day first (India, Europe)
    r"|(?<![\d./])(?P<sy>1[0-4]\d)(?P<ss>[/.])(?P<sm>\d{1,2})(?P=ss)(?P<sd>\d{1,2})(?![\d/]|\.\d|\s*[条款项])"  # 115/09/21, 116.06.30: Minguo
    r"|(?<![\d.])(?P<ky>1[0-4]\d)\s*年\s*(?P<km>\d{1,2})\s*月\s*(?P<kd>\d{1,2})\s*日"  # 116年3月31日 (民國 said once or not at all)
    rf"|\b(?P<dd>\d{{1,2}})-(?P<dm>{_MONTH_RX})-(?P<dy>\d{{4}})\b"  # 17-Aug-2026
    rf"|\b(?P<em>{_MONTH_RX})\.?\s+(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<ey>\d{{4}})\b"
    rf"|\b(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+)?(?:of\s+)?(?=[jfmasond])(?P<em2>{_MONTH_RX})\.?\s*,?\s+(?P<ey2>\d{{4}})\b)",
    re.IGNORECASE), re.IGNORECASE)


@record(frozen=True)
class DateHit:
    """A date found in the text (None when impossible) and its span."""
    start: int
    end: int
    value: date | None  # None: looked like a date but is impossible (2025-02-30)


_ROC_RANGE_END = re.compile(
    r"\s*(?:起)?\s*(?:至|到|~|－|—)\s*(?P<y>[\d一二三四五六七八九十〇零百]{2,4}?)\s*年"
    r"\s*(?P<m>[\d一二三四五六七八九十]{1,3})\s*月\s*(?P<d>[\d一二三四五六七八九十]{1,3})\s*日"
)


def _roc_range_end(m: re.Match[str]) -> DateHit:
    try:
        value: date | None = date(cn_int(m.group("y")) + 1911, cn_int(m.group("m")), cn_int(m.group("d")))
    except (ValueError, NumeralError):
        value = None
    return DateHit(m.start("y"), m.end(), value)


_QUARTER_END = re.compile(r"(?P<y>\d{4})\s*年\s*(?:第\s*)?(?P<q>[一二三四1-4])\s*季度\s*(?:末|结束)")
_MONTH_END = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:底|末|月底)")


def _period_ends(text: str, start: int, end: int) -> list[DateHit]:
    """"2026年第三季度末" → 2026-09-30; "2025年12月底" → 2025-12-31 (the last day of the period)."""
    hits = []
    for m in _QUARTER_END.finditer(text, start, end):
        q = "一二三四".find(m.group("q")) + 1 if not m.group("q").isdigit() else int(m.group("q"))
        y, mo = int(m.group("y")), q * 3
        if 1 <= y <= 9999:  # (年 0000 is no year)
            hits.append(DateHit(m.start(), m.end(), date(y, mo, days_in_month(y, mo))))
    for m in _MONTH_END.finditer(text, start, end):
        try:
            y, mo = int(m.group("y")), cn_int(m.group("m"))
            hits.append(DateHit(m.start(), m.end(), date(y, mo, days_in_month(y, mo))))
        except (ValueError, NumeralError):
            continue
    return hits


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateHit]:
    """Dates in ``text[start:end]``. Long ranges share one cached scan of the whole text (the rules
    and the warnings both ask; a 1 MB adversarial input must not be scanned twice)."""
    stop = len(text) if end is None else end
    if start == 0 and stop == len(text):  # the whole text: the rules and the warnings both ask
        return list(_all_dates(text))
    if stop - start > 4096:
        return [h for h in _all_dates(text) if start <= h.start and h.end <= stop]
    return _scan_dates(text, start, stop)


@lru_cache(maxsize=4)
def _all_dates(text: str) -> tuple[DateHit, ...]:
    return tuple(_scan_dates(text, 0, len(text)))


def _scan_dates(text: str, start: int, end: int | None) -> list[DateHit]:
    hits = []
    for m in DATE_RX.finditer(text, start, len(text) if end is None else end):
        g = m.groupdict()
        try:
            if g["y"]:
                y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
            elif g["py"]:
                y, mo, d = int(g["py"]), int(g["pm"]), int(g["pd"])
            elif g["ry"]:  # 中华民国115年 = 2026 (year + 1911)
                y = cn_int(re.sub(r"\s", "", g["ry"])) + 1911
                mo, d = cn_int(re.sub(r"\s", "", g["rm"])), cn_int(re.sub(r"\s", "", g["rd"]))
            elif g["cy"]:
                y, mo, d = cn_int(g["cy"]), cn_int(g["cm"]), cn_int(g["cd"])
            elif g["iy"]:
                y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
            elif g["ny"]:
                y, mo, d = int(g["ny"]), int(g["nm"]), int(g["nd"])
            elif g["uy"]:  # 07/14/2025: month first, as English contracts write it; 14/07/2025 read day-first
                a, b = int(g["um"]), int(g["ud"])
                y, mo, d = (int(g["uy"]), a, b) if a <= 12 else (int(g["uy"]), b, a)
            elif g["ty"]:  # 14.08.2026 is 14 August; a first figure over 12 cannot be the month, a second can
                a, b = int(g["td"]), int(g["tm"])
                y, mo, d = (int(g["ty"]), b, a) if b <= 12 else (int(g["ty"]), a, b)
            elif g["sy"]:  # 115/09/21 = 2026-09-21 (year + 1911)
                y, mo, d = int(g["sy"]) + 1911, int(g["sm"]), int(g["sd"])
            elif g["ky"]:  # 116年3月31日 = 2027-03-31: a three-digit year is a Minguo year
                y, mo, d = int(g["ky"]) + 1911, int(g["km"]), int(g["kd"])
            elif g["dd"]:  # 17-Aug-2026
                y, mo, d = int(g["dy"]), MONTHS[g["dm"].lower()], int(g["dd"])
            elif g["em"]:
                y, mo, d = int(g["ey"]), MONTHS[g["em"].lower()], int(g["ed"])
            else:
                y, mo, d = int(g["ey2"]), MONTHS[g["em2"].lower()], int(g["ed2"])
            value: date | None = date(y, mo, d)
        except (ValueError, NumeralError):
            value = None
        hits.append(DateHit(m.start(), m.end(), value))
        if g["ry"] and (tail := _ROC_RANGE_END.match(text, m.end(), len(text) if end is None else end)):
            hits.append(_roc_range_end(tail))  # 自民国114年7月1日起至115年6月30日止: the era carries over
    stop = len(text) if end is None else end
    if text.find("季度", start, stop) >= 0 or text.find("底", start, stop) >= 0 or text.find("月末", start, stop) >= 0:
        hits = sorted(hits + _period_ends(text, start, stop), key=lambda h: h.start)
    return hits


def title_line(text: str) -> str:
    """The document's first non-empty line (within its first 300 characters): its title."""
    return next((ln for ln in text[:300].split("\n") if ln.strip()), "")


def table_top(text: str, pos: int) -> int:
    """The start of the first line of the pipe table whose line starts at ``pos`` (its header)."""
    top = pos
    while top > 0:
        prev = text.rfind("\n", 0, top - 1) + 1
        line = text[prev:top]
        if not (line.lstrip().startswith("|") or " | " in line):
            break
        top = prev
    return top


# ---------------------------------------------------------------- sentence units


@record(frozen=True)
class Unit:
    """A sentence (or list item) inside one clause: the grain of obligation extraction."""

    label: str | None
    start: int
    end: int


#: (a run of marks is one match: the units between them are empty, and the loop stays short on a run of newlines)
_SPLIT_ZH = re.compile(r"(?:[。;\n]|:(?=\s*\([\d一二三四五六七八九十]{1,3}\)))+")
_SPLIT_EN = re.compile(r"(?<=[a-z0-9)\"])(?<![ap]\.m)\.(?=\s+[A-Z(])|;|\n")  # "5:00 p.m. (Beijing time)" goes on


def units(norm: Normalized, clauses: Clauses) -> list[Unit]:
    text = norm.text
    en = norm.language == "en"
    splitter = _SPLIT_EN if en else _SPLIT_ZH
    out: list[Unit] = []
    width = wrap_width(text) if en else None
    rows: dict[int, bool] = {}  # line start → a table row (asked once per line: a line of 50,000 ";" stays linear)
    for seg in clauses.segments:
        pos = seg.start
        for m in splitter.finditer(text, seg.start, seg.end):
            if en and text[m.start()] == ";" and _in_table_row(text, text.rfind("\n", 0, m.start()) + 1, rows):
                continue  # "| Monthly fee | … | invoiced in advance; due by the 15th |": one row, one unit (the
                # Chinese rules read a row's cell sentence by sentence: "| 八、付款 | 1. …；<br>2. … |")
            if en and text[m.start()] == "\n" and m.start() - pos < 1200 and (
                    soft_wrap(text, m.start(), width) or table_continues(text, m.start())):
                continue  # a hard-wrapped line that the next line continues: one sentence (of a sentence's length)
            if m.start() > pos:
                _trim(text, seg.label, pos, m.start(), out)
            pos = m.end()
        if seg.end > pos:
            _trim(text, seg.label, pos, seg.end, out)
    return out


def _in_table_row(text: str, line: int, rows: dict[int, bool]) -> bool:
    """The line starting at ``line`` is a line of a Markdown table (it starts with "|") or a row of a Word
    table (cells joined by tabs); remembered in ``rows``."""
    if line not in rows:
        end = text.find("\n", line)
        rows[line] = bool(_PIPE_START.match(text, line)) or (
            text.find("\t", line, end if end >= 0 else len(text)) >= 0 and tab_row(text, line) is not None)
    return rows[line]


_PIPE_START = re.compile(r"[ \t]*\|")


_MARKER = re.compile(
    r"(?:第[^条\n]{1,5}条|\d{1,2}(?:\.\d{1,2}){1,2}(?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）]"
    r"|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、](?!\d)|\([a-z]\)|\([ivx]{2,5}\)|(?:Article|Section|ARTICLE|SECTION)\s+\d+)\s*"
)


def _trim(text: str, label: str | None, a: int, b: int, out: list[Unit]) -> None:
    """The sentence text[a:b] without its leading marks and clause number or its trailing punctuation,
    added to ``out`` unless nothing is left (one Unit built per sentence)."""
    while a < b and text[a] in " \t-*#>,:、":
        a += 1
    m = _MARKER.match(text, a, b)
    if m and m.end() < b:
        a = m.end()
    while b > a and text[b - 1] in " \t,:、":
        b -= 1
    if b > a:
        out.append(Unit(label, a, b))


class BaseCtx:
    """What every language's rules read: the masked normalised text, its clauses and sentence units."""

    def __init__(self, norm: Normalized, clauses: Clauses, units: list[Unit]) -> None:
        self.norm = norm
        self.text = norm.text
        self.clauses = clauses
        self.units = units
        self.roles: dict[str, str] = {}  # 甲方/Party A/"Customer" → provider | client

    def unit_text(self, u: Unit) -> str:
        return self.text[u.start:u.end]


# ---------------------------------------------------------------- raw facts produced by the rules


@record
class RawObligation:
    """An obligation as a rule found it, before the assembler dates it."""
    kind: str
    party: str
    title: str
    label: str | None
    start: int  # quote span in normalised text
    end: int
    fixed_date: date | None = None
    event: str | None = None
    offset: str | None = None
    business_days: bool = False
    recurrence: str | None = None
    series_start: tuple[str, bool] | None = None  # "自签约之次月起": (event, from the next month)
    amount: Decimal | None = None
    percent: Decimal | None = None
    cumulative: bool = False
    currency: str | None = None
    series_after: bool = False  # a recurrence whose text starts it after the effective date
    series_offset: str | None = None  # "自第二季度起": the series starts this long after its event
    series_from: date | None = None  # "自2026年5月起，每月5日前": no occurrence before this day
    series_until: date | None = None  # "末期…于2027.4.15前支付": the last occurrence (may be after expiry)
    anchor_date: date | None = None  # "试用期届满后10个工作日内": counted from a written day, no event
    anniversaries: bool = False  # "on each anniversary of the Effective Date": one per anniversary in the term


@record
class RawPenalty:
    """A penalty as a rule found it, before the assembler builds it."""
    kind: str
    label: str | None
    start: int
    end: int
    rate: Decimal | None = None
    per: str | None = None
    basis: str | None = None
    amount: Decimal | None = None
    cap_rate: Decimal | None = None
    cap_basis: str | None = None
    cap_amount: Decimal | None = None
    suspend_after_days: int | None = None


@record
class RawWarning:
    """A warning as a rule raised it, with the clause and span it concerns."""
    code: str
    label: str | None
    start: int
    end: int
    message: str | None = None


@record
class Facts:
    """What the language rules found, before dates are resolved."""

    title: tuple[int, int] | None = None
    provider: tuple[int, int] | None = None
    client: tuple[int, int] | None = None
    signed_date: date | None = None
    effective_date: date | None = None
    effective_on_signing: bool = False
    effective_unknown: bool = False  # the contract starts on an event: not the signing date
    range_start: date | None = None  # "自A起至B止": A, the effective date when nothing else says so
    term: str | None = None
    term_span: tuple[str | None, int, int] | None = None
    term_from_event: bool = False  # the term counts from an event, not the effective date: no expiry
    end_date: date | None = None
    renewal_notice: str | None = None
    renewal_span: tuple[str | None, int, int] | None = None
    confidentiality_term: str | None = None
    confidentiality_span: tuple[str | None, int, int] | None = None
    perpetual_confidentiality: bool = False
    currency: str | None = None
    total_fee: Decimal | None = None
    total_fee_was: Decimal | None = None  # "总价款由A调整为B": A (a supplement's instalments may add up to B - A)
    copies: int | None = None
    metrics: dict[str, Decimal] = field(default_factory=dict)
    penalties: list[RawPenalty] = field(default_factory=list)
    obligations: list[RawObligation] = field(default_factory=list)
    warnings: list[RawWarning] = field(default_factory=list)
    authoritative_figures: bool = False
    #: sentences a rule read that gave no fact of their own: a cap or a right completing a
    #: penalty stated earlier, the original of an amended deadline (coverage does not flag them)
    read: list[tuple[int, int]] = field(default_factory=list)
