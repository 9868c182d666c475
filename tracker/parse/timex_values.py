"""The values of the time layer (``timex``): a relative deadline and a written date (a recurrence is
``timex_recur``'s)."""

from __future__ import annotations

from datetime import date

from tracker.record import field, record


@record(frozen=True)
class Deadline:
    """A relative deadline: its anchor and offset (or calendar rule)."""
    anchor: str  # an event id, "date:YYYY-MM-DD", or "event" when the sentence names none
    offset: str | None  # ISO 8601, negative before the anchor; None for a calendar rule
    business_days: bool
    kind: str  # within | on | not_before | before | window | lasting (how long a state lasts: no deadline)
    start: int = field(default=0, compare=False)  # span in the sentence
    end: int = field(default=0, compare=False)
    contingent: bool = False  # a response to something that may never happen (报修, a request, a notice)
    opens: str | None = None  # a window's other end (期满前九十日至三十日之间 → -P90D)
    anchor_span: tuple[int, int] | None = field(default=None, compare=False)  # when apart from the period


@record(frozen=True)
class FixedDate:
    """A deadline written as a date."""
    value: date
    kind: str  # by | range_end
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)
    range_start: date | None = None


__all__ = ["Deadline", "FixedDate"]
