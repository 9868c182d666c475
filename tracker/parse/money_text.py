"""Sums of money in normalised text: figures (thousands or lakh grouping) and 大写 capitals, with the
currency their marker names (``CURRENCIES``: one table for every layer)."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from tracker.parse import currencies
from tracker.parse.numerals import CN_NUM_CHARS, NumeralError, capital_money, cn_int, number
from tracker.parse.rx_prefilter import guard
from tracker.record import record

_CAPITAL_CHARS = "零壹贰叁参肆伍陆柒捌玖拾佰仟万亿元圆角分整正"
#: figures grouped in thousands (1,200,000) or the Indian way (48,60,000: lakhs and crores)
FIG = r"\d{1,3}(?:,\d{2})*(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"
#: the currencies a sum may name, each with its markers (normalised text: Simplified script, half-width)
CURRENCIES: dict[str, tuple[str, ...]] = {
    "CNY": ("人民币", "RMB", "CNY", "¥", "￥"), "USD": ("美元", "USD", "US$", "$"), "HKD": ("港币", "港元", "HKD", "HK$"),
    "TWD": ("新台币", "NT$", "TWD"), "MOP": ("澳门元", "澳门币", "MOP$", "MOP"), "EUR": ("欧元", "EUR", "€"),
    "SGD": ("新加坡元", "SGD", "S$"), "GBP": ("英镑", "GBP", "£"), "AUD": ("澳元", "澳大利亚元", "AUD", "A$"),
    "JPY": ("日元", "JPY"), "CAD": ("加元", "CAD", "C$"), "NZD": ("新西兰元", "NZD", "NZ$"), "MYR": ("令吉", "马币", "MYR"),
    # (no "PHP" code: in an IT contract it is the programming language, "PHP 8")
    "INR": ("印度卢比", "INR", "₹"), "KRW": ("韩元", "KRW", "₩"), "CHF": ("瑞士法郎", "CHF"), "PHP": ("菲律宾比索", "₱"),
    "THB": ("泰铢", "THB", "฿"), "AED": ("迪拉姆", "AED"), "ZAR": ("兰特", "ZAR"), "ILS": ("新谢克尔", "ILS", "₪"),
    "KES": ("肯尼亚先令", "KES", "KSh"), "MXN": ("墨西哥比索", "MXN", "MX$"), "PLN": ("波兰兹罗提", "PLN", "zł"),
    "VND": ("越南盾", "VND", "₫"),
}
_MARKER_OF = {m.upper(): code for code, marks in CURRENCIES.items() for m in marks}
#: markers that are also the end of a word ("Rs. 500" but "years. 5"): matched only after a non-letter
_WORD_MARKERS = {"RS.": "INR", "RS": "INR", "NIS": "ILS"}
_MARKER_OF.update(_WORD_MARKERS)
#: every other currency in use, by its ISO code in capitals before a figure ("NGN 40,500,000.00"): data
ISO_CODES = frozenset(currencies.load())
_CODES = ISO_CODES | currencies.WORDS  # (a code that is also a word counts as the others do: before a sum written as money)
#: longest first, so "US$" and "NZ$" win over "$"; then any three capitals before a figure (a code ``_currency``
#: checks, in capitals as written: "SOW 1" and "and 5" are no sums; no scoped flag, so the pattern keeps its guard)
CUR_ALT = "|".join(re.escape(m) for m in sorted(_MARKER_OF, key=len, reverse=True) if m not in _WORD_MARKERS) + \
    r"|(?<![A-Za-z])Rs\.?(?=[ \t]?\d)|(?<![A-Za-z])NIS(?=[ \t]?\d)|(?<![A-Za-z])[A-Z]{3}(?=[ \t\u00a0]?\d)"
#: a currency marker in a label: as written (no IGNORECASE: "EUR" but not "Neural"), words bounded
_CURRENCY_NAMED = re.compile("|".join(
    rf"(?<![A-Za-z]){re.escape(m)}(?![A-Za-z])" if m[-1].isalpha() or m[-1] == "." else re.escape(m)
    for m in sorted({*(m for marks in CURRENCIES.values() for m in marks), *ISO_CODES, "Rs.", "Rs", "yuan", "Yuan"},
                    key=lambda m: (-len(m), m))))  # (in one order in every process: the pattern cache keeps it)


def currency_named(text: str) -> str | None:
    """The currency a label names ("Amount (Rs.)", "Fee (USD)", "金额（人民币元）"), or None."""
    m = _CURRENCY_NAMED.search(text)
    return None if m is None else "CNY" if m.group(0).lower() == "yuan" else _currency(m.group(0))


MONEY_RX = re.compile(guard(
    rf"(?P<cur>(?:RMB|CNY)\s*[¥￥]|{CUR_ALT})?\s*(?:\(大写\)|大写[:：]?)?\s*"
    rf"(?:(?P<cap>[壹贰叁参肆伍陆柒捌玖][{_CAPITAL_CHARS}]{{1,30}})"
    rf"|(?P<fig>{FIG})\s*(?P<wan>万)?\s*(?P<yuan>元|圆|yuan)?"
    rf"|(?P<cn>[{CN_NUM_CHARS}]{{1,12}})\s*(?P<cnyuan>元))"
    rf"(?:\s*[(（]\s*(?:人民币|RMB|¥|￥|小写[:：]?)?\s*(?:¥|￥)?\s*(?P<fig2>{FIG})\s*(?P<wan2>万)?\s*元?\s*[)）])?",
    re.IGNORECASE), re.IGNORECASE)  # guard: tried only where a sum can start


@record(frozen=True)
class MoneyHit:
    """A sum of money found in the text and its span."""
    start: int
    end: int
    value: Decimal
    currency: str | None
    mismatch: tuple[Decimal, Decimal] | None = None  # (capital, figures) when they disagree


def _currency(tag: str | None) -> str | None:
    if not tag:
        return None
    t = re.sub(r"\s+", "", tag.upper())
    if t.startswith(("RMB", "CNY")):
        return "CNY"  # "RMB ¥"
    if t in _MARKER_OF:
        return _MARKER_OF[t]
    if len(t) == 3 and t.isalpha():  # (three letters that name no currency in capitals: no marker)
        return t if tag.isupper() and t in ISO_CODES else None
    return "USD"


def find_money(text: str, start: int = 0, end: int | None = None, *, capital_wins: bool = True) -> list[MoneyHit]:
    """Amounts with a currency marker or 元: ``人民币150,000元``, ``人民币捌拾万元整(¥800,000.00)``,
    ``RMB 135,000``, ``人民币50万元``, ``人民币十万元``. Bare numbers are not money.
    (A payment sentence is read by several rules: the sums of the last spans asked are remembered.)"""
    return list(_money(text, start, len(text) if end is None else end, capital_wins))


@lru_cache(maxsize=64)
def _money(text: str, start: int, stop: int, capital_wins: bool) -> tuple[MoneyHit, ...]:
    hits = []
    for m in MONEY_RX.finditer(text, start, stop):
        tag = m["cur"]
        if tag and len(tag) == 3 and tag.isalpha() and tag.upper() not in _MARKER_OF:
            # a code of the table is money before a sum written as money only: "NGN 40,500,000.00", "PHP 4,800,000.00",
            # not a model or a version ("AMD 7763", "PHP 8", "IRR 12%")
            cur = tag if tag in _CODES and m["fig"] and _MONEY_SHAPED.fullmatch(m["fig"]) else None
        else:
            cur = _currency(tag)
        if not (cur or m["yuan"] or m["cap"] or m["cnyuan"]):
            continue  # a bare figure (10个工作日, "SOW 1"): no marker, no sum
        g = m.groupdict()
        try:
            if g["cap"]:
                if not re.search("[元圆万亿仟佰拾]", g["cap"]):
                    continue
                value = capital_money(g["cap"])
            elif g["fig"]:
                value = number(g["fig"]) * (10000 if g["wan"] else 1)
            else:
                value = Decimal(cn_int(g["cn"]))
        except (NumeralError, ValueError, ArithmeticError):
            continue
        mismatch = None
        if g["fig2"]:
            fig2 = number(g["fig2"]) * (10000 if g["wan2"] else 1)
            if fig2 != value:
                mismatch = (value, fig2) if g["cap"] else (fig2, value)
                if g["cap"] and not capital_wins:
                    value = fig2
        if value <= 0:
            continue
        # (three capitals that name no currency are no part of the sum: "ABC 100元" starts at 100)
        at = m.start() if cur or not m["cur"] else next(m.start(k) for k in ("cap", "fig", "cn") if m[k])
        hits.append(MoneyHit(at, m.end(), value, cur or "CNY", mismatch))
    if _SPACED_HINT.search(text, start, stop):  # (a sum in thousands spaced wins over the figure it starts with: "ZAR 250 000")
        spaced = _spaced(text, start, stop)
        hits = sorted([h for h in hits if not any(r.start < h.end and h.start < r.end for r in spaced)] + spaced,
                      key=lambda h: h.start)
    return tuple(hits)


#: a figure written as a sum of money: thousands grouped, or cents
_MONEY_SHAPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+\.\d{2}")
#: a unit price: a sum per call, record, page, hour or person-day ("0.60元/次", "每千字人民币80元"), not per period
_UNITS = r"条|张|件|页|份|小时|分钟|千字|万字|字|GB|TB|MB|人天|人日|人月|帧|幅|句|千token|token|例|个(?!月)"
#: after the sum: "0.60元/次" (a call, as well); before it, only what is metered ("每笔…", "每次人民币10万元" is an
#: instalment; "按每次人民币2元计收" a use)
_PER_UNIT = re.compile(rf"\s*(?:/|每)\s*(?:{_UNITS}|次)")
_UNIT_BEFORE = re.compile(rf"(?:按\s*每\s*次|每\s*(?:{_UNITS}))\s*(?:计收|收取|收费|为|按)?\s*$")  # ("按每次…计收": a use)


def per_unit(text: str, hit: MoneyHit) -> bool:
    """``hit`` is a unit price (a rate the metered sums are counted by), not a sum that falls due:
    "0.60元/次", "按每次人民币2元计收"."""
    return _PER_UNIT.match(text, hit.end) is not None or _UNIT_BEFORE.search(text, max(0, hit.start - 12), hit.start) is not None


#: thousands in spaces after a currency code, with cents after a comma or a point: "SEK 1 860 000", "CHF 12 500.75",
#: "RMB 1 000 000", and the South African rand's "R1 380 000,00"; a bare "R2" (a release) is no sum: a group of
#: thousands or the cents are required
_SPACED = re.compile(r"(?<![A-Za-z])(?P<cur>R|[A-Z]{3})[ \u00a0]?(?P<n>\d{1,3}(?:[ \u00a0]\d{3})+(?:[,.]\d{2})?|\d+,\d{2})(?!\d|[,.]\d)")
_SPACED_HINT = re.compile(r"(?<![A-Za-z])(?:R|[A-Z]{3})[ \u00a0]?\d")


def _spaced(text: str, start: int, stop: int) -> list[MoneyHit]:
    out = []
    for m in _SPACED.finditer(text, start, stop):
        tag = m.group("cur")
        code = "ZAR" if tag == "R" else _MARKER_OF.get(tag) or (tag if tag in _CODES else None)
        if code is not None:
            out.append(MoneyHit(m.start(), m.end(), Decimal(re.sub(r"[ \u00a0]", "", m.group("n")).replace(",", ".")), code))
    return out


__all__ = ["CUR_ALT", "CURRENCIES", "FIG", "MONEY_RX", "MoneyHit", "currency_named", "find_money", "per_unit"]
