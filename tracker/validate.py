"""One place that decides whether a date or an amount a user records can be right (pure).

``pay``, ``edit``, ``event``, ``done``, ``waive`` and ``obligation add|edit`` all check through
here, so the same value is refused the same way everywhere, with a one-line reason.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tracker.errors import UsageError
from tracker.money import D, MoneyError

FIRST_YEAR = 1970  # nothing in a contract tracked today happened before this
LAST_YEAR = 2200
MAX_AMOUNT = Decimal("1000000000000000")  # 10^15: beyond any contract; a typo, not a fee


def check_day(day: date, what: str, facts: dict[str, Any] | None = None) -> date:
    """``day`` if it is a plausible date for ``what`` of a contract with ``facts``."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise UsageError(f"{what}: {day.isoformat()} is not a plausible date "
                         f"(years {FIRST_YEAR}-{LAST_YEAR})")
    start = contract_start(facts or {})
    if start is not None and day < start:
        raise UsageError(f"{what}: {day.isoformat()} is before the contract was signed or took effect "
                         f"({start.isoformat()})")
    return day


def contract_start(facts: dict[str, Any]) -> date | None:
    """The earliest of the signing and effective dates the contract states, if any."""
    known = []
    for key in ("signed_date", "effective_date"):
        try:
            if facts.get(key):
                known.append(date.fromisoformat(facts[key]))
        except (TypeError, ValueError):
            continue
    return min(known) if known else None


def check_amount(value: str | Decimal, what: str) -> Decimal:
    """A positive amount with at most two decimal places and below ``MAX_AMOUNT``."""
    try:
        amount = D(value)
    except MoneyError:
        raise UsageError(f"{what}: {value!r} is not an amount") from None
    if amount <= 0:
        raise UsageError(f"{what} must be positive, got {amount}")
    if amount >= MAX_AMOUNT:
        raise UsageError(f"{what}: {amount} is not a plausible amount")
    if amount != amount.quantize(Decimal("0.01")):
        raise UsageError(f"{what}: {amount} has more than two decimal places")
    return amount
