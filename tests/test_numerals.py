"""Chinese numerals, capital money and rates (tracker.parse.numerals)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.parse.numerals import NumeralError, capital_money, cn_int, en_int, number, rate


@pytest.mark.parametrize(
    ("text", "want"),
    [("六", 6), ("十", 10), ("十八", 18), ("三十", 30), ("一百二十", 120), ("一千零一", 1001), ("两", 2),
     ("二〇二五", 2025), ("二零二六", 2026), ("50万", 500000), ("壹拾贰万叁仟", 123000), ("１５".translate({0xFF11: "1", 0xFF15: "5"}), 15),
     ("一亿二千万", 120000000)],
)
def test_cn_int(text: str, want: int) -> None:
    assert cn_int(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [("捌拾万元整", "800000"), ("伍拾万元整", "500000"), ("壹拾贰万叁仟肆佰伍拾陆元柒角捌分", "123456.78"),
     ("贰拾肆万元整", "240000"), ("壹仟零伍元整", "1005"), ("壹佰万元", "1000000"), ("叁元伍角", "3.5")],
)
def test_capital_money(text: str, want: str) -> None:
    assert capital_money(text) == Decimal(want)


@pytest.mark.parametrize(
    ("text", "want"),
    [("千分之五", "0.005"), ("万分之五", "0.0005"), ("万分之三", "0.0003"), ("百分之二十", "0.2"),
     ("百分之三十", "0.3"), ("0.05%", "0.0005"), ("95%", "0.95"), ("0.92", "0.92"), ("1.5%", "0.015"), ("0.3%", "0.003")],
)
def test_rate(text: str, want: str) -> None:
    assert rate(text) == Decimal(want)


def test_english_numbers() -> None:
    assert en_int("thirty") == 30
    assert en_int("twenty-four") == 24
    assert en_int("one hundred and twenty") == 120
    assert number("1,200,000.00") == Decimal("1200000.00")


@pytest.mark.parametrize("bad", ["", "abc", "十x", "元整"])
def test_rejects_non_numbers(bad: str) -> None:
    with pytest.raises(NumeralError):
        cn_int(bad) if bad != "元整" else capital_money(bad)


_CN = "零一二三四五六七八九"


def _to_cn(n: int) -> str:
    """Independent writer of Chinese numerals below 100,000,000 (the reverse of cn_int)."""
    if n == 0:
        return "零"
    out, zero = "", False
    for value, unit in ((10_000_000, "千"), (1_000_000, "百"), (100_000, "十"), (10_000, ""), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and out:
                out += "零"
            out += _CN[digit] + unit
            zero = False
        else:
            zero = True
        if value == 10_000 and n >= 10_000:
            out += "万"
            zero = False if n // 10_000 % 10 else zero
    return out


@given(st.integers(min_value=1, max_value=99_999_999))
def test_cn_int_reads_back_written_numerals(n: int) -> None:
    assert cn_int(_to_cn(n)) == n
