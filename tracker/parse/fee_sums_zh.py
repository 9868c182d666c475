"""The sums a Chinese contract states for its named fees ("系统部署费为人民币80,000元", "部署费港币120,000元"):
one index per document, asked by the payment reader (a payment of a fee whose sentence states no sum) and by
the penalty bases (a rate counted on a named fee). A fee is named by the words right before its sum, cut at
的/之/及/和 ("合同约定的系统部署费为…" names 系统部署费); asking for a fee finds the names that end with it
("上架服务费" finds 一次性上架服务费), except one per period ("服务费" is not the 月服务费)."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from tracker.parse.money_text import MoneyHit, find_money

_STATED = re.compile(r"(?P<name>[\u4e00-\u9fff]{0,11}费)(?:用)?\s*(?:共计|合计|总计|总额|总价|金额)?\s*(?:为|是|:)?\s*$")
_PER_PERIOD = re.compile(r"[月年季日周度]$|^每")
_CUT = re.compile(r".*[的之及和与]")


@lru_cache(maxsize=4)
def stated_fees(text: str, capital_wins: bool) -> dict[str, dict[Decimal, MoneyHit]]:
    """Fee name → the distinct sums stated right after it (each once, the first hit of each)."""
    out: dict[str, dict[Decimal, MoneyHit]] = {}
    for h in find_money(text, capital_wins=capital_wins):
        m = _STATED.search(text, max(0, h.start - 20), h.start)
        if m is not None and len(name := _CUT.sub("", m.group("name"))) >= 2:
            out.setdefault(name, {}).setdefault(h.value, h)
    return out


def sums_for(text: str, name: str, capital_wins: bool) -> dict[Decimal, MoneyHit]:
    """The distinct sums stated for the fee ``name`` (under its name or a longer one, not one per period)."""
    name = name[:-1] if name.endswith("费用") and len(name) > 3 else name  # 复测费用 is 复测费
    out: dict[Decimal, MoneyHit] = {}
    for stated, sums in stated_fees(text, capital_wins).items():
        if stated == name or (stated.endswith(name) and not _PER_PERIOD.search(stated[:-len(name)])):
            for value, hit in sums.items():
                out.setdefault(value, hit)
    return out


def one_sum(text: str, name: str, capital_wins: bool) -> MoneyHit | None:
    """The sum stated for the fee ``name`` when the contract states exactly one."""
    sums = sums_for(text, name, capital_wins)
    return next(iter(sums.values())) if len(sums) == 1 else None
