"""A recurring payment whose first and last instalments are also stated with dates:
"需方应于每月15日前支付上一自然月的月度服务费。首期月度服务费（对应2026年4月）于2026.5.15前支付，
末期月度服务费（对应2027年3月）于2027.4.15前支付" is one series, first due 2026-05-15, not a series
plus two more payments. The stated first instalment becomes the series' first possible day and the
first/last instalments of the same clause are folded into it.
"""

from __future__ import annotations

import re

from tracker.parse.common import RawObligation

_FIRST = re.compile(r"首期|第一期|首次|第1期")
_LAST = re.compile(r"末期|最后一期|尾期|最末一期")


def fold(text: str, obligations: list[RawObligation], read: list[tuple[int, int]] | None = None) -> list[RawObligation]:
    """``obligations`` with the dated first/last instalments of a recurring payment folded into it;
    their sentences join ``read`` (they bound the series, so coverage does not flag them)."""
    series = [o for o in obligations if o.kind == "payment" and o.recurrence and o.label]
    if not series:
        return obligations
    drop: set[int] = set()
    for rec in series:
        ends = [o for o in obligations if o is not rec and o.kind == "payment" and o.label == rec.label
                and not o.recurrence and o.fixed_date and (_FIRST.search(text, o.start, o.end) or _LAST.search(text, o.start, o.end))]
        firsts = [o for o in ends if _FIRST.search(text, o.start, o.end)]
        if not firsts:
            continue
        first = min(o.fixed_date for o in firsts if o.fixed_date)
        rec.series_from = max(rec.series_from, first) if rec.series_from else first
        lasts = [o.fixed_date for o in ends if o.fixed_date and _LAST.search(text, o.start, o.end)]
        rec.series_until = max(lasts) if lasts else rec.series_until
        if rec.amount is None:
            rec.amount, rec.currency = next(((o.amount, o.currency) for o in ends if o.amount), (None, rec.currency))
        drop.update(id(o) for o in ends)
        if read is not None:
            read.extend((o.start, o.end) for o in ends)
    return [o for o in obligations if id(o) not in drop]
