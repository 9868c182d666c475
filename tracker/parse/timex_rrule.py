"""What the recurrence tables of ``timex_recur`` (Chinese) and ``timex_recur_en`` share: RRULE parts
and the builder of a rule whose value is fixed."""

from __future__ import annotations

import re
from collections.abc import Callable

WORKDAYS = "BYDAY=MO,TU,WE,TH,FR"
Q_START, Q_END = "BYMONTH=1,4,7,10", "BYMONTH=3,6,9,12"
#: a rule's builder: the match → (RRULE, anchor, offset, business days), or None when it reads as no series
Build = Callable[[re.Match[str]], tuple[str, str, str, bool] | None]


def fixed_rule(rrule: str, anchor: str = "calendar", offset: str = "P0D", biz: bool = False) -> Build:
    """A rule whose value does not depend on the match."""
    return lambda m: (rrule, anchor, offset, biz)


__all__ = ["Q_END", "Q_START", "WORKDAYS", "Build", "fixed_rule"]
