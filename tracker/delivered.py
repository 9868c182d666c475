"""What a reminder run delivered, kept within a bound (``RunResult.delivered``).

A first run over a backlog of 100,000 contracts delivers digests listing some hundred thousand
obligations (issue 12); keeping every delivered payload for the caller held all of them at once.
``Delivered`` keeps the payloads (each with its ``channel``) while they amount to at most
``keep`` lines (a digest counts its lines, any other reminder one), then only counts: ``len``
is always the number of rows delivered, ``by_reason`` their count per (channel, reason), and
``complete`` says whether iterating gives every one of them. ``sink``, when given, receives
every delivered payload as it goes (``tracker remind --json`` streams them from there).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

KEEP_LINES = 5000  # payload lines kept for the caller (the tests' and the schedule's runs stay whole)


class Delivered:
    """The rows a run delivered: their payloads up to ``keep`` lines, their counts always."""

    def __init__(self, keep: int | None = None, sink: Callable[[dict[str, Any]], None] | None = None) -> None:
        self.keep = KEEP_LINES if keep is None else keep
        self.sink = sink
        self.rows: list[dict[str, Any]] = []
        self.by_reason: Counter[tuple[str, str]] = Counter()
        self.complete = True
        self._lines = 0
        self._count = 0

    def add(self, payload: dict[str, Any], channel: str) -> None:
        row = {**payload, "channel": channel}
        self._count += 1
        self.by_reason[(channel, str(payload.get("reason")))] += 1
        if self.sink is not None:
            self.sink(row)
        lines = payload.get("count") if payload.get("kind") == "digest" else 1
        self._lines += lines if isinstance(lines, int) and lines > 0 else 1
        if self.complete and self._lines <= self.keep:
            self.rows.append(row)
        else:
            self.complete = False

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __getitem__(self, i: int) -> dict[str, Any]:
        return self.rows[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Delivered):
            return self.complete and other.complete and self.rows == other.rows
        if isinstance(other, list):
            return self.complete and self.rows == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Delivered({self._count} rows{'' if self.complete else f', {len(self.rows)} kept'})"
