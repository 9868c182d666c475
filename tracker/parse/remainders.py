"""A payment of the remainder (余款, 尾款, 剩余部分, "the balance") that states no sum of its own.

Its sum is the contract's total less every other instalment: "甲方于收到发票之日起30日内付清合同余款
（即合同金额扣除已付款项后的剩余部分）", "the balance of the SOW Fees within thirty (30) days after
Acceptance". Only where that is arithmetic, not a guess: one such payment, a total, every other
payment a one-off with its sum, in the total's currency, and something left.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from tracker.parse.money_text import find_money


@lru_cache(maxsize=2)
def _remainder(lang: str) -> re.Pattern[str]:
    """The language's words for what is left (its lexicon imported only when a contract in it is read:
    the English one parses TOML, 12 ms a Chinese parse need not pay)."""
    if lang == "en":
        from tracker.parse import lexicon_en

        return re.compile(lexicon_en.REMAINDER, re.I)
    from tracker.parse import lexicon_zh

    return re.compile(lexicon_zh.REMAINDER)


def is_remainder(text: str, lang: str) -> bool:
    """``text`` (a payment's sentence) speaks of what is left of the price and states no sum."""
    return _remainder("en" if lang == "en" else "zh").search(text) is not None and not find_money(text, 0, len(text))


def remainder(total: Decimal | None, others: list[Decimal | None]) -> Decimal | None:
    """The total less the other payments' sums; None when one of them has no sum or nothing is left."""
    if total is None or any(a is None for a in others):
        return None
    left = total - sum((a for a in others if a is not None), Decimal(0))
    return left if left > 0 else None
