"""The SQLModel tables: the schema of the tracker database.

Conventions (SQLite has no exact decimal and no date type):

- money is TEXT holding a Decimal string with two places (``"150000.00"``); never REAL or
  NUMERIC, which round 123456789012345678.99. Integer fen would overflow 64 bits for such sums.
- dates are ISO ``YYYY-MM-DD`` TEXT, so they sort and compare as text;
- JSON (facts, triggers, metrics) is TEXT written with ``json.dumps(..., ensure_ascii=False)``;
- ``recorded_at`` columns hold the wall-clock time the CLI passed in (ISO, UTC).

A *contract* is the stable thing a user refers to by id; each file added for it (the original,
an amendment, a renewal) is a *contract version* with its own sha256, text and parse document.
Obligations belong to the contract and remember the version that introduced them.

Only ``tracker.store`` imports this module (it imports sqlmodel, which is slow to import).
"""

from __future__ import annotations

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.store.pg_schema import Money


class ContractRow(SQLModel, table=True):
    __tablename__ = "contracts"

    id: int | None = Field(default=None, primary_key=True)
    title: str | None = None
    provider: str | None = None
    client: str | None = None
    language: str
    currency: str | None = None
    file: str  # the current version's file name
    sha256: str  # the current version's sha256
    facts: str  # JSON: the "contract" object of the parse document, with human edits applied
    current_version_id: int | None = None
    terminated_on: str | None = None
    added_at: str
    calendar: str = Field(default="CN", sa_column_kwargs={"server_default": "CN"})  # working-day calendar
    review: str | None = None  # JSON {fact: "confirmed" | "corrected"}; a fact not named is "extracted"


class ContractVersionRow(SQLModel, table=True):
    __tablename__ = "contract_versions"

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contracts.id", index=True)
    version: int
    previous_version_id: int | None = Field(default=None, foreign_key="contract_versions.id")
    reason: str  # original | amendment | renewal
    file: str
    sha256: str = Field(unique=True)
    language: str
    document: str  # JSON: the whole parse document (tracker.parse/1)
    text: str  # the original document text
    added_at: str


class ObligationRow(SQLModel, table=True):
    __tablename__ = "obligations"
    __table_args__ = (
        Index("ix_obligations_status_due", "status", "due_date"),
        Index("ix_obligations_contract", "contract_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contracts.id")
    version_id: int = Field(foreign_key="contract_versions.id")
    kind: str
    party: str
    title: str
    due_date: str | None = None
    trigger: str | None = None  # JSON {"event","offset","business_days"} or NULL
    recurrence: str | None = None
    amount: str | None = Field(default=None, sa_type=Money)  # Decimal text
    paid: str | None = Field(default=None, sa_type=Money)  # Decimal text: allocated payments so far (payments only)
    currency: str | None = None
    metrics: str | None = None  # JSON targets (evaluation reports)
    clause: str | None = None
    quote: str = ""
    parsed: str = "{}"  # JSON: the obligation as the parser gave it (matching across versions)
    status: str = "pending"  # pending | fulfilled | overdue | waived | superseded | deleted
    status_on: str | None = None  # date of the last status change
    calendar: str | None = None  # the calendar its due date was counted on
    calendar_basis: str | None = None  # JSON {"2027": "import #1 …" | "chinesecalendar 1.11.0" | null}
    resolved_by: int | None = None  # contract_events.id that fixed its due date (never re-dated after)
    review: str = Field(default="extracted", sa_column_kwargs={"server_default": "extracted"})  # | confirmed | corrected
    origin: str = Field(default="parsed", sa_column_kwargs={"server_default": "parsed"})  # | manual | derived


class ObligationEventRow(SQLModel, table=True):
    __tablename__ = "obligation_events"

    id: int | None = Field(default=None, primary_key=True)
    obligation_id: int = Field(foreign_key="obligations.id", index=True)
    from_status: str | None = None
    to_status: str
    on_date: str
    note: str | None = None
    actor: str
    recorded_at: str


class ContractEventRow(SQLModel, table=True):
    __tablename__ = "contract_events"
    __table_args__ = (UniqueConstraint("contract_id", "event", "on_date"),)

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contracts.id", index=True)
    event: str  # effective | data_delivery | model_delivery | acceptance | invoice | evaluation_report | termination
    on_date: str
    note: str | None = None
    actor: str
    recorded_at: str


class PaymentRow(SQLModel, table=True):
    __tablename__ = "payments"

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contracts.id", index=True)
    amount: str = Field(sa_type=Money)  # Decimal text
    paid_on: str
    note: str | None = None
    actor: str
    recorded_at: str


class PaymentAllocationRow(SQLModel, table=True):
    __tablename__ = "payment_allocations"

    id: int | None = Field(default=None, primary_key=True)
    payment_id: int = Field(foreign_key="payments.id", index=True)
    obligation_id: int = Field(foreign_key="obligations.id", index=True)
    amount: str = Field(sa_type=Money)  # Decimal text


class EvaluationRow(SQLModel, table=True):
    __tablename__ = "evaluations"

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contracts.id", index=True)
    obligation_id: int | None = Field(default=None, foreign_key="obligations.id")
    on_date: str
    metrics: str  # JSON {"accuracy": "0.96", ...} as measured
    targets: str  # JSON targets at the time
    gaps: str  # JSON {"recall": "0.02"}: target minus measured, only where short
    passed: bool
    actor: str
    recorded_at: str


class ParseWarningRow(SQLModel, table=True):
    __tablename__ = "parse_warnings"

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contracts.id", index=True)
    version_id: int = Field(foreign_key="contract_versions.id")
    code: str
    clause: str | None = None
    quote: str = ""
    message: str | None = None


class HistoryRow(SQLModel, table=True):
    __tablename__ = "history"

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contracts.id", index=True)
    action: str  # add | new_version | edit | event | done | waive | pay | evaluate | derived
    field: str | None = None
    old: str | None = None
    new: str | None = None
    note: str | None = None
    actor: str
    recorded_at: str
    action_id: int | None = None  # the recorded action (tracker.store.actions) it belongs to
