"""Amounts and rates (issue 8's example corpus for that layer): money in context read with its
currency, capital numerals included; rates as decimal fractions; look-alikes refused."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tracker.parse.money_text import find_money
from tracker.parse.normalize import normalize
from tracker.parse.numerals import NumeralError, rate

EXAMPLES = Path(__file__).parent / "examples"


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("text", "value", "currency"), _rows("amounts.tsv"))
def test_amount(text: str, value: str, currency: str) -> None:
    hits = find_money(normalize(text).text)
    assert hits, text
    assert (hits[0].value, hits[0].currency) == (Decimal(value), currency)


@pytest.mark.parametrize("text", [r[0] for r in _rows("amounts.negative.tsv")])
def test_not_an_amount(text: str) -> None:
    assert find_money(normalize(text).text) == []


@pytest.mark.parametrize(("text", "value"), _rows("rates.tsv"))
def test_rate(text: str, value: str) -> None:
    assert rate(normalize(text).text) == Decimal(value)


@pytest.mark.parametrize("text", [r[0] for r in _rows("rates.negative.tsv")])
def test_not_a_rate(text: str) -> None:
    with pytest.raises((NumeralError, ValueError, ArithmeticError)):
        rate(normalize(text).text)


def test_corpora_sizes() -> None:
    assert len(_rows("amounts.tsv")) >= 40 and len(_rows("amounts.negative.tsv")) >= 15
    assert len(_rows("rates.tsv")) >= 25 and len(_rows("rates.negative.tsv")) >= 5
