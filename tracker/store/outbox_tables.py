"""The reminder tables (SQLModel declarations, used only by the migration that creates them).

- ``reminder_outbox``: one row per reminder per channel, UNIQUE (obligation, reason, for_date,
  channel). A row is claimed (status ``sending``) in a BEGIN IMMEDIATE transaction before it is
  sent and marked ``sent`` after; see ``tracker.store.outbox`` for the protocol.
- ``reminder_days``: each day the daily job completed (the scheduler's catch-up reads it).
- ``reminder_recipients``: who gets a contract's reminders (``tracker assign``); a NULL
  contract means every contract.
- ``penalty_snapshots``: the accrued late-payment penalty of each overdue instalment, per day.
- ``reminder_state``: small key/value facts (the running scheduler's pid, time and zone).

The hot path reads and writes them with stdlib sqlite3 (``tracker.store.outbox``).
"""

from __future__ import annotations

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.store.pg_schema import BigId, Money


class ReminderOutboxRow(SQLModel, table=True):
    __tablename__ = "reminder_outbox"
    __table_args__ = (
        UniqueConstraint("obligation_id", "reason", "for_date", "channel", name="uq_reminder_outbox_key"),
        Index("ix_reminder_outbox_ready", "status", "channel", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    obligation_id: int = Field(sa_type=BigId)  # a digest's key is a negative number (tracker.person_digest)
    contract_id: int
    kind: str
    reason: str
    due_date: str | None = None
    for_date: str
    channel: str
    payload: str  # JSON notification (no contract text)
    status: str = "pending"  # pending | sending | sent | retry | failed
    attempts: int = 0
    next_attempt_at: float = 0.0  # epoch seconds
    claimed_by: str | None = None
    claimed_at: float | None = None
    sent_at: float | None = None
    last_error: str | None = None
    created_at: float = 0.0


class ReminderDayRow(SQLModel, table=True):
    __tablename__ = "reminder_days"

    day: str = Field(primary_key=True)
    completed_at: float
    planned: int = 0
    delivered: int = 0
    failed: int = 0
    runner: str = "remind"  # remind | schedule | catch-up


class ReminderRecipientRow(SQLModel, table=True):
    __tablename__ = "reminder_recipients"
    __table_args__ = (UniqueConstraint("contract_id", "party", "kind", "address", "format",
                                       name="uq_reminder_recipient"),)

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int | None = Field(default=None, index=True)  # NULL: every contract
    party: str  # client | provider | both
    kind: str  # email | webhook
    address: str
    format: str = "generic"


class PenaltySnapshotRow(SQLModel, table=True):
    __tablename__ = "penalty_snapshots"
    __table_args__ = (UniqueConstraint("for_date", "obligation_id", "clause", name="uq_penalty_snapshot"),)

    id: int | None = Field(default=None, primary_key=True)
    for_date: str
    contract_id: int = Field(index=True)
    obligation_id: int
    clause: str | None = None
    days: int
    balance: str = Field(sa_type=Money)  # Decimal text
    penalty: str = Field(sa_type=Money)  # Decimal text
    suspend_from: str | None = None


class ReminderStateRow(SQLModel, table=True):
    __tablename__ = "reminder_state"

    key: str = Field(primary_key=True)
    value: str


TABLES = ("reminder_outbox", "reminder_days", "reminder_recipients", "penalty_snapshots", "reminder_state")
