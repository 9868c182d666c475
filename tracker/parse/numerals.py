"""Chinese and English numerals, capital money (大写), rates and durations as written in contracts.

cn2an was measured on these contract phrases and fails on most of them (六个月, 千分之五,
一式四份; it cannot read back its own 大写), so this is a small module of our own.
All results are ints or Decimals; nothing here is a float.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.money import D

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "贰": 2, "貳": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3, "参": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

CN_NUM_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
#: one number as written: Arabic (full- or half-width already folded), Chinese, or mixed ("50万")
NUMBER = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?万?|[{CN_NUM_CHARS}]+)"

EN_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}


class NumeralError(ValueError):
    """Text that is not a number this module understands."""


def cn_int(text: str) -> int:
    """A whole number in Chinese, Arabic or mixed notation.

    ``十八`` → 18, ``一百二十`` → 120, ``二〇二五`` → 2025 (digit by digit), ``50万`` → 500000,
    ``两`` → 2, ``壹拾贰万叁仟`` → 123000.
    """
    s = text.strip().replace(",", "")
    if not s:
        raise NumeralError("empty number")
    if s.isdigit():
        return int(s)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([万萬亿億])", s)
    if m:
        value = D(m.group(1)) * BIG_UNITS[m.group(2)]
        if value != value.to_integral_value():
            raise NumeralError(f"not a whole number: {text!r}")
        return int(value)
    if any(ch not in DIGITS and ch not in SMALL_UNITS and ch not in BIG_UNITS for ch in s):
        raise NumeralError(f"not a Chinese numeral: {text!r}")
    if all(ch in DIGITS for ch in s) and len(s) > 1:  # 二〇二五: read digit by digit
        return int("".join(str(DIGITS[ch]) for ch in s))
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:  # big unit closes a section
            section += digit or 0
            total = (total + section) * BIG_UNITS[ch] if BIG_UNITS[ch] > 10_000 else total + section * BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


_FIGURES = re.compile(r"(\d+(?:\.\d+)?)([万萬亿億])?")


def number(text: str) -> Decimal:
    """A number with optional decimals, Arabic or Chinese: ``1,200,000.00``, ``50万``, ``十``."""
    s = text.strip().replace(",", "")
    m = _FIGURES.fullmatch(s)
    if m:
        value = D(m.group(1))
        return value * BIG_UNITS[m.group(2)] if m.group(2) else value
    return Decimal(cn_int(s))


_CAPITAL = re.compile(r"^(?P<yuan>[^元圆圓]*)[元圆圓]?(?:(?P<jiao>[^角分整正]*)角)?(?:(?P<fen>[^分整正]*)分)?[整正]?$")


def capital_money(text: str) -> Decimal:
    """大写 money: ``捌拾万元整`` → 800000, ``壹拾贰万叁仟肆佰伍拾陆元柒角捌分`` → 123456.78."""
    s = text.strip()
    m = _CAPITAL.match(s)
    if not m or not s or not any(ch in DIGITS or ch in SMALL_UNITS or ch in BIG_UNITS or ch.isdigit() for ch in s):
        raise NumeralError(f"not a capital amount: {text!r}")
    yuan = m.group("yuan").rstrip("零〇")
    value = Decimal(cn_int(yuan)) if yuan else Decimal(0)
    for key, scale in (("jiao", Decimal("0.1")), ("fen", Decimal("0.01"))):
        part = (m.group(key) or "").strip("零〇")
        if part:
            value += cn_int(part) * scale
    return value


def rate(text: str) -> Decimal:
    """A rate as a decimal fraction: ``千分之五`` → 0.005, ``万分之五`` → 0.0005,
    ``百分之二十`` → 0.20, ``0.05%`` → 0.0005, ``95%`` → 0.95, ``0.92`` → 0.92."""
    s = text.strip().replace("％", "%")
    m = re.fullmatch(r"(百|千|万|萬)分之(.+)", s)
    if m:
        scale = {"百": 100, "千": 1000, "万": 10000, "萬": 10000}[m.group(1)]
        return (p if (p := _point(m.group(2))) is not None else number(m.group(2))) / scale
    if s.endswith("%"):
        value = number(s[:-1].strip()) / 100
        return value.quantize(Decimal("0.01")) if value == value.quantize(Decimal("0.01")) else value
    if s.endswith("‰"):
        return number(s[:-1].strip()) / 1000
    if s.endswith("厘"):  # 年息8厘: eight per cent a year (read only after 年息)
        return number(s[:-1].strip()) / 100
    return p if (p := _point(s)) is not None else number(s)


def _point(s: str) -> Decimal | None:
    """零点八九 → 0.89, 零点五 → 0.5 (a Chinese decimal), else None."""
    m = re.fullmatch(r"([零〇一二三四五六七八九]+)[点點]([零〇一二三四五六七八九]+)", s)
    if not m:
        return None
    digits = "".join(str(DIGITS[ch]) for ch in m.group(2))
    return D(f"{cn_int(m.group(1)) if m.group(1) not in ('零', '〇') else 0}.{digits}")


def en_int(text: str) -> int:
    """English cardinal words or digits: ``thirty`` → 30, ``twenty-four`` → 24, ``12`` → 12."""
    s = text.strip().lower().replace("-", " ")
    if s.isdigit():
        return int(s)
    total = 0
    for word in s.split():
        if word == "and":
            continue
        if word not in EN_WORDS:
            raise NumeralError(f"not an English number: {text!r}")
        if word == "hundred":
            total = (total or 1) * 100
        else:
            total += EN_WORDS[word]
    return total
