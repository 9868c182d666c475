"""Shared ground of the Chinese rules: number and duration phrases, the rules' context (``Ctx``),
article titles, and the lexicon lookups every rule module uses."""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_right
from decimal import Decimal
from functools import lru_cache

from tracker.parse import (
    kinds_zh,
    lexicon_zh,
    lexicon_zh_penalties,
    parties_zh,
    party_aliases_zh,
    references_zh,
)
from tracker.parse.clauses import Clauses
from tracker.parse.common import (
    BaseCtx,
    Unit,
)
from tracker.parse.lexicon_zh import role_word
from tracker.parse.normalize import Normalized
from tracker.parse.numerals import CN_NUM_CHARS, NumeralError, cn_int
from tracker.parse.rx_literals import gated
from tracker.parse.rx_prefilter import guard

# ---------------------------------------------------------------- phrase tables


NUM = rf"(?:\d+|[{CN_NUM_CHARS}]+)"
DAY_UNITS = lexicon_zh.DAY_UNITS
DURATION_RX = re.compile(
    rf"(?:(?P<y>{NUM})\s*(?:个)?年(?!度))?\s*(?:(?P<mo>{NUM})\s*个?月)?\s*(?:(?P<d>{NUM})\s*(?P<du>{DAY_UNITS}|日|天|个?周|个?星期))?"
)
RATE_RX = re.compile(rf"[百千万]分之\s*(?:\d+(?:\.\d+)?|[{CN_NUM_CHARS}点]+)|\d+(?:\.\d+)?\s*[%‰]")

BASIS_WORDS = lexicon_zh_penalties.BASES
INSTALMENT_TITLE = re.compile(guard(
    r"首期款|首付款|预付款|定金|第[一二三四五六七八九十\d]+(?:期|笔|次|季度)(?:款|服务费)?|进度款|中期款|(?:初验|终验)?验收款|尾款|余款|质保金|保证金|终验款|初验款"
))
DUTY = gated(rf"应|须|需|必须|负责|支付|付款|{lexicon_zh.PAY_BARE}|付清|给付|拨付|划拨|汇付|缴付|存入|预付|补足|{lexicon_zh.OTHER_ACTION}")

_HALF_YEARS = re.compile(rf"(?P<y>{NUM})\s*(?:个)?年半")  # at import: kept by tracker.regex_cache


def _duration(m: re.Match[str]) -> tuple[str, bool] | None:
    y, mo, d, du = m.group("y"), m.group("mo"), m.group("d"), m.group("du")
    if not (y or mo or d):
        return None
    try:
        parts = ""
        if y:
            parts += f"{cn_int(y)}Y"
        if mo:
            parts += f"{cn_int(mo)}M"
        business = False
        if d:
            n = cn_int(d)
            parts += f"{n}W" if ("周" in du or "星期" in du) else f"{n}D"
            business = bool(re.search(lexicon_zh.BUSINESS_DAY, du))
    except NumeralError:
        return None
    return "P" + parts, business


def parse_duration(text: str) -> tuple[str, bool] | None:
    """``六个月`` → ("P6M", False); ``5个工作日`` → ("P5D", True); ``一年六个月`` → ("P1Y6M", False)."""
    m = DURATION_RX.fullmatch(text.strip())
    return _duration(m) if m else None


def duration_at(s: str, pos: int) -> tuple[str, bool] | None:
    """The duration written at ``s[pos:]`` (after an optional 满), e.g. ``三十个日历日`` → P30D,
    ``两年半`` → P2Y6M."""
    m = re.compile(r"\s*满?\s*").match(s, pos)
    pos = m.end() if m else pos
    half = _HALF_YEARS.match(s, pos)
    if half:
        with contextlib.suppress(NumeralError):
            return f"P{cn_int(half.group('y'))}Y6M", False
    d = DURATION_RX.match(s, pos)
    return _duration(d) if d and d.end() > d.start() else None


# ---------------------------------------------------------------- context


class Ctx(BaseCtx):
    def __init__(self, norm: Normalized, clauses: Clauses, units: list[Unit]) -> None:
        super().__init__(norm, clauses, units)
        self.party_defs: list[parties_zh.PartyDef] = []
        self.unit_starts: list[int] = []
        self.ratio_titles: dict[str, Decimal] = {}
        self.period_defs: dict[str, list[str]] = {}  # 质保期 → "终验合格之日起12个月"
        self.rows_articles: dict[tuple[str, str], tuple[int, int] | None] = {}  # (article, 批) → the batches' table
        self._references: dict[str, str] | None = None
        self._party_words: tuple[str, ...] | None = None  # the roles' words party_rx was built for
        self._party_rx: re.Pattern[str] = party_aliases_zh.party_rx(())

    def references(self) -> dict[str, str]:
        """Milestone identifiers defined in the document (M2 → its description), read once."""
        if self._references is None:
            self._references = references_zh.definitions(self.text)
        return self._references

    def units_in(self, article: str) -> list[Unit]:
        return [u for u in self.units if u.label and u.label.split(".")[0] == article]

    def role_of(self, word: str) -> str | None:
        return self.roles.get(word)

    def party_rx(self) -> re.Pattern[str]:
        """The party words of this contract: 甲方/乙方, the role words, and its own short names (looked up
        again only when the roles' words change: the rules ask several times a sentence)."""
        words = tuple(self.roles)
        if words != self._party_words:
            extra = tuple(sorted(w for w in words if w not in lexicon_zh.SIDES and w not in lexicon_zh.ROLE_WORDS))
            self._party_words, self._party_rx = words, party_aliases_zh.party_rx(extra)
        return self._party_rx


@lru_cache(maxsize=256)
def _role_word(text: str) -> str | None:
    """``lexicon_zh.role_word``, remembered: the rules ask it of the same few party words in every sentence."""
    return role_word(text)


def _event_in(s: str) -> str | None:
    return lexicon_zh.event_of(s)


def _kind(action: str, party: str | None) -> str | None:
    return kinds_zh.kind_of(action, party)


def _unit_index(ctx: Ctx, u: Unit) -> int:
    """The index of the sentence unit holding ``u`` (``u`` may be one duty of a split sentence)."""
    if len(ctx.unit_starts) != len(ctx.units):
        ctx.unit_starts = [w.start for w in ctx.units]
    return max(0, bisect_right(ctx.unit_starts, u.start) - 1)


def section_titles(ctx: Ctx) -> dict[str, str]:
    """Each clause label → the title of the article (or chapter) it sits in."""
    titles: dict[str, str] = {}
    current = ""
    current_article: str | None = None
    for seg in ctx.clauses.segments:
        if seg.heading:
            current = ctx.text[seg.start:seg.end].strip().split("\n")[0][:40]
            current_article = seg.label
            if seg.label:
                titles[seg.label] = current
            continue
        if seg.label:
            article = seg.label.split(".")[0]
            if current_article is None or article == current_article:
                titles[seg.label] = current
            else:
                titles[seg.label] = ctx.text[seg.start:seg.end][:40]
    return titles
