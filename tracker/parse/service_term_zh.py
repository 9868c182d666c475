"""The term of a maintenance contract (its title says so) that states none but its 维护期间自A起至B止 (a Taiwan
軟體維護契約): that range ends the term. Tried only when no other term or end date was found."""

from __future__ import annotations

import re

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


__all__ = ["RANGE_GAP", "service_range"]
