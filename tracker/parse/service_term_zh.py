"""The term of a maintenance contract (its title says so) that states none but its 维护期间自A起至B止 (a Taiwan
軟體維護契約): that range ends the term. Tried only when no other term or end date was found. And the written
start of a term given by its length ("服务期自2026年10月1日起，期限一年")."""

from __future__ import annotations

import re
from datetime import date

from tracker.parse.common import Facts, find_dates, title_line
from tracker.parse.context_zh import Ctx

#: between the two dates of a range: "自A起至B", "A—B"
RANGE_GAP = re.compile(r"\s*(?:起\s*)?(?:至|到|~|～|—|–|-)\s*")
_SERVICE_RANGE = re.compile(r"(?<!免费)(?<!保固)(?:维护|运维|维保)期间\s*(?:为|:)?\s*(?:自|从)?")
_MAINTENANCE_TITLE = re.compile(r"维护|运维|维保")


def service_range(ctx: Ctx, facts: Facts) -> None:
    """A maintenance contract that states no term but its 维护期间自A起至B止: that range is the term."""
    if not _MAINTENANCE_TITLE.search(title_line(ctx.text)):
        return  # (a development contract's 维护期间 is a service period inside its term)
    for u in ctx.units:
        if (m := _SERVICE_RANGE.search(ctx.text, u.start, u.end)) is None:
            continue
        dates = [h for h in find_dates(ctx.text, m.end(), u.end) if h.value]
        if len(dates) >= 2 and dates[0].start - m.end() <= 2 \
                and RANGE_GAP.fullmatch(ctx.text[dates[0].end:dates[1].start]) \
                and re.match(r"\s*(?:止|为止)", ctx.text[dates[1].end:dates[1].end + 3]):
            facts.end_date, facts.term_span = dates[1].value, (u.label, u.start, u.end)
            return


#: from a term's first day to its length: "…起，期限一年", "…起算，为期" (the length follows)
_STARTS_THEN = re.compile(r"\s*(?:\(含\))?\s*(?:起|开始)(?:算|计)?\s*,?\s*(?:[\u4e00-\u9fff]{0,4}(?:期限|期间)\s*(?:为|是)?\s*|为期\s*)?")


def term_start_before(s: str, end: int) -> date | None:
    """The day a term given by its length starts, written just before the length at ``end`` of ``s``:
    "服务期自2026年10月1日起，期限一年" (the effective date when nothing else says so)."""
    hits = [h for h in find_dates(s, max(0, end - 40), end) if h.value]
    if not hits or not re.search(r"(?:自|从|由)\s*$", s[max(0, hits[-1].start - 2):hits[-1].start]):
        return None
    return hits[-1].value if _STARTS_THEN.fullmatch(s, hits[-1].end, end) else None


__all__ = ["RANGE_GAP", "service_range", "term_start_before"]
