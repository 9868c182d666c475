"""Money and rates as Decimal, built in one place and rounded in one named function.

Floats never enter: ``D()`` refuses them, so a stray ``0.1`` is a bug caught at once.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import overload

FEN = Decimal("0.01")


class MoneyError(ValueError):
    """A value that is not an exact decimal amount."""


def D(value: str | int | Decimal) -> Decimal:
    """An exact Decimal from text, an int or a Decimal (never a float)."""
    if isinstance(value, (bool, float)):
        raise MoneyError(f"refusing inexact value {value!r}: pass a string")
    if isinstance(value, Decimal):
        return value
    try:
        text = str(value).strip().replace(",", "").replace("_", "")
        result = Decimal(text)
    except InvalidOperation as exc:
        raise MoneyError(f"not a number: {value!r}") from exc
    if not result.is_finite():
        raise MoneyError(f"not a finite number: {value!r}")
    return result


def to_fen(amount: Decimal) -> Decimal:
    """Round to the fen (0.01), half up: the one rounding rule of the project."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def fmt_money(amount: Decimal | None) -> str | None:
    """Two places, no grouping: ``"150000.00"``."""
    if amount is None:
        return None
    return str(to_fen(amount))  # = f"{…:.2f}" (exponent -2 always prints plainly), 4x faster


@overload
def fmt_rate(rate: Decimal) -> str: ...
@overload
def fmt_rate(rate: None) -> None: ...
@overload
def fmt_rate(rate: Decimal | None) -> str | None: ...
def fmt_rate(rate: Decimal | None) -> str | None:
    """A rate as written by the spec: at least two places (``0.95``, ``0.20``, ``0.005``)."""
    if rate is None:
        return None
    text = format(rate.normalize(), "f")
    if "." not in text:
        text += ".00"
    elif len(text.split(".")[1]) < 2:
        text += "0"
    return text


def fen_to_decimal(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(FEN)


def decimal_to_fen(amount: Decimal) -> int:
    return int(to_fen(amount) * 100)


def fmt_cny(amount: Decimal | None, currency: str | None = "CNY") -> str:
    """Human display with grouping: ``¥150,000.00``."""
    if amount is None:
        return ""
    symbol = {"CNY": "¥", "USD": "$", "EUR": "€"}.get(currency or "CNY", (currency or "") + " ")
    return f"{symbol}{to_fen(amount):,.2f}"
