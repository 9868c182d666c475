"""The library's exceptions. Only the CLI turns them into a one-line message and an exit code."""

from __future__ import annotations


class TrackerError(Exception):
    """Base of every error the tracker reports to a user; ``exit_code`` is the CLI's status."""

    exit_code = 1


class InputError(TrackerError):
    """A contract file that cannot be read: missing, empty, binary, unsupported, too large."""

    exit_code = 2

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class CalendarOutOfRange(TrackerError):
    """A date in a year the holiday calendar does not cover."""

    def __init__(self, year: int, calendar: str = "CN") -> None:
        self.year = year
        self.calendar = calendar
        where = "mainland" if calendar == "CN" else calendar
        super().__init__(f"no published {where} holiday calendar for {year}")


class StoreError(TrackerError):
    """The database cannot be opened, is corrupt, locked, or of an unknown schema."""

    exit_code = 3


class NotFound(TrackerError):
    """An unknown contract, obligation or other id."""

    exit_code = 4


class UsageError(TrackerError):
    """A value the user gave that cannot be right (impossible date, negative amount, overpayment)."""

    exit_code = 2
