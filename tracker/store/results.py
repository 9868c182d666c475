"""What the write side returns: the outcome of adding a file and of a recording command, and an
obligation row as the pure event logic sees it (``tracker.events.ObligationState``).

Plain values with no session inside, shared by ``write`` and its mixins so none of them imports
another for a type.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker import events as ev
from tracker.model import Trigger
from tracker.store.tables import ObligationRow


@dataclass(frozen=True)
class AddOutcome:
    contract_id: int
    file: str
    status: str  # added | unchanged | new_version
    warnings: list[dict[str, Any]] = field(default_factory=list)
    version: int = 1
    superseded: int = 0
    note: str | None = None  # e.g. "same contract as version 1 (a.txt) in another format"
    gaps: list[str] = field(default_factory=list)  # "no payment instalment found", … (coverage.gaps)

    def to_json(self) -> dict[str, Any]:
        out = {"contract_id": self.contract_id, "file": self.file, "status": self.status,
               "warnings": self.warnings, "gaps": self.gaps}
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class AddFailure:
    file: str
    error: str
    exit_code: int = 1  # the CLI's status when every file failed alike (2 bad file, 4 unknown --amends)

    def to_json(self) -> dict[str, Any]:
        return {"contract_id": None, "file": self.file, "status": "failed", "warnings": [],
                "error": self.error}


@dataclass(frozen=True)
class Changed:
    """The outcome of a recording command: which obligations changed, and how."""

    contract_id: int
    changes: list[dict[str, Any]]
    extra: dict[str, Any] = field(default_factory=dict)
    action_id: int | None = None  # the recorded action (``tracker undo ACTION_ID`` reverses it)

    def to_json(self) -> dict[str, Any]:
        return {"contract_id": self.contract_id, "action_id": self.action_id, "changes": self.changes,
                **self.extra}



def obligation_state(row: ObligationRow) -> ev.ObligationState:
    # an obligation an event already resolved is never re-dated by a later one
    trig = Trigger.from_json(json.loads(row.trigger)) if row.trigger and row.resolved_by is None else None
    due = date.fromisoformat(row.due_date) if row.due_date else None
    return ev.ObligationState(row.id or 0, row.kind, row.status, due, trig)
