"""Where a recurring obligation stands on a day (pure): its current occurrence and how many
earlier ones were missed, the series ending at the contract's expiry or termination.

The store keeps the oldest occurrence not yet done as the obligation's ``due_date``; a weekly
report three months behind is then *one* open occurrence (the latest one due) and twelve
missed, not "90 days late".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Standing:
    current: date | None  # the occurrence to show: the latest one due by as_of, else the next one
    missed: int  # occurrences due before ``current`` and not done
    ended: bool  # the series ended (at the contract's end) before as_of


def standing(rrule: str, due: date, as_of: date, end: date | None = None, limit: int = 100_000) -> Standing:
    """The standing of a series whose oldest open occurrence is ``due``."""
    from tracker.periods import iter_occurrences

    if due > as_of:
        return Standing(due, 0, False)
    stop = min(as_of, end) if end is not None else as_of
    past: list[date] = []
    count = 0
    try:
        for d in iter_occurrences(rrule, due, stop):
            count += 1
            past = [d]
            if count >= limit:
                break
    except (ValueError, OverflowError):
        return Standing(due, 0, False)
    if not past:
        return Standing(due, 0, end is not None and end < as_of)
    return Standing(past[0], count - 1, end is not None and end < as_of)
