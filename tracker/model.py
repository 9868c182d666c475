"""Domain values: frozen dataclasses shared by the parser, store, penalties and reminders.

The obligations document of ``shared/spec/parse-output.md`` is their JSON form:
``ParseResult.to_json()`` prints it and ``ParseResult.from_json()`` reads it back, so
the store can keep the document and every later part works on these same values.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from tracker.money import D, fmt_money, fmt_rate
from tracker.record import field, record

SCHEMA = "tracker.parse/1"


class Party(StrEnum):
    PROVIDER = "provider"
    CLIENT = "client"
    BOTH = "both"


class Kind(StrEnum):
    DATA_DELIVERY = "data_delivery"
    MODEL_DELIVERY = "model_delivery"
    EVALUATION_REPORT = "evaluation_report"
    PAYMENT = "payment"
    PROGRESS_REPORT = "progress_report"
    RENEWAL_NOTICE = "renewal_notice"
    CONTRACT_EXPIRY = "contract_expiry"
    CONFIDENTIALITY_EXPIRY = "confidentiality_expiry"
    OTHER = "other"


class Event(StrEnum):
    EFFECTIVE = "effective"
    SIGNING = "signing"
    DATA_DELIVERY = "data_delivery"
    MODEL_DELIVERY = "model_delivery"
    ACCEPTANCE = "acceptance"
    INVOICE = "invoice"
    EVALUATION_REPORT = "evaluation_report"
    EXPIRY = "expiry"


class Status(StrEnum):
    PENDING = "pending"
    FULFILLED = "fulfilled"
    OVERDUE = "overdue"
    WAIVED = "waived"
    SUPERSEDED = "superseded"
    DELETED = "deleted"  # removed by hand (tracker obligation delete); the row is kept


WARNING_CODES = (
    "unfilled_blank",
    "missing_field",
    "ambiguous",
    "perpetual_confidentiality",
    "calendar_out_of_range",
    "unparsed_date",
    "unrecognised_duty",
    "amount_mismatch",
)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _metrics_json(m: dict[str, Decimal] | None) -> dict[str, str] | None:
    return {k: fmt_rate(v) for k, v in m.items()} if m is not None else None


def _metrics_from(m: dict[str, str] | None) -> dict[str, Decimal] | None:
    return {k: D(v) for k, v in m.items()} if m is not None else None


@record(frozen=True)
class Span:
    """Character offsets [start, end) of a quote in the original text."""

    start: int
    end: int


@record(frozen=True)
class Trigger:
    """An event a deadline counts from, and the offset from it."""
    event: str
    offset: str  # ISO 8601 duration, negative when before the event ("-P1M")
    business_days: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"event": self.event, "offset": self.offset, "business_days": self.business_days}

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> Trigger | None:
        if not d:
            return None
        return cls(d["event"], d["offset"], bool(d.get("business_days", False)))


@record(frozen=True)
class Cap:
    """The upper limit of a penalty: a rate of a basis, or an amount."""
    rate: Decimal | None = None
    basis: str | None = None
    amount: Decimal | None = None

    def to_json(self) -> dict[str, str | None]:
        if self.amount is not None:
            return {"amount": fmt_money(self.amount)}
        return {"rate": fmt_rate(self.rate), "basis": self.basis or "total_fee"}

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> Cap | None:
        if not d:
            return None
        if d.get("amount") is not None:
            return cls(amount=D(d["amount"]))
        return cls(rate=D(d["rate"]), basis=d.get("basis") or "total_fee")


@record(frozen=True)
class Penalty:
    """A penalty clause: its kind, rate or amount, basis, cap and suspension right."""
    kind: str  # late_payment | late_delivery | confidentiality_breach
    clause: str | None
    rate: Decimal | None = None
    per: str | None = None  # day | month | year
    basis: str | None = None  # overdue_amount | total_fee | delayed_amount
    amount: Decimal | None = None
    cap: Cap | None = None
    suspend_after_days: int | None = None
    quote: str | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rate": fmt_rate(self.rate) if self.rate is not None else None,
            "per": self.per,
            "basis": self.basis,
            "amount": fmt_money(self.amount) if self.amount is not None else None,
            "cap": self.cap.to_json() if self.cap else None,
            "suspend_after_days": self.suspend_after_days,
            "clause": self.clause,
            "quote": self.quote,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Penalty:
        return cls(
            kind=d["kind"],
            clause=d.get("clause"),
            rate=D(d["rate"]) if d.get("rate") is not None else None,
            per=d.get("per"),
            basis=d.get("basis"),
            amount=D(d["amount"]) if d.get("amount") is not None else None,
            cap=Cap.from_json(d.get("cap")),
            suspend_after_days=d.get("suspend_after_days"),
            quote=d.get("quote"),
        )


@record(frozen=True)
class Obligation:
    """One dated (or event-triggered) duty of a party, with the quote it comes from."""
    kind: str
    party: str
    title: str
    due_date: date | None
    clause: str | None
    quote: str
    trigger: Trigger | None = None
    recurrence: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    metrics: dict[str, Decimal] | None = None
    span: Span | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "party": self.party,
            "title": self.title,
            "due_date": _iso(self.due_date),
            "trigger": self.trigger.to_json() if self.trigger else None,
            "recurrence": self.recurrence,
            "amount": fmt_money(self.amount) if self.amount is not None else None,
            "currency": self.currency,
            "metrics": _metrics_json(self.metrics),
            "clause": self.clause,
            "quote": self.quote,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Obligation:
        return cls(
            kind=d["kind"],
            party=d["party"],
            title=d.get("title") or d["kind"],
            due_date=_date(d.get("due_date")),
            clause=d.get("clause"),
            quote=d.get("quote") or "",
            trigger=Trigger.from_json(d.get("trigger")),
            recurrence=d.get("recurrence"),
            amount=D(d["amount"]) if d.get("amount") is not None else None,
            currency=d.get("currency"),
            metrics=_metrics_from(d.get("metrics")),
        )


@record(frozen=True)
class Warning:
    """Something the parser could not read or found ambiguous (errors as values)."""
    code: str
    clause: str | None
    quote: str
    message: str | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "clause": self.clause, "quote": self.quote}
        if self.message:
            out["message"] = self.message
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Warning:
        return cls(d["code"], d.get("clause"), d.get("quote") or "", d.get("message"))


@record(frozen=True)
class Contract:
    """The contract's own facts: title, parties, term, sums, renewal, penalties."""
    title: str | None = None
    provider: str | None = None
    client: str | None = None
    signed_date: date | None = None
    effective_date: date | None = None
    term: str | None = None
    expiry_date: date | None = None
    renewal_notice: str | None = None
    renewal_notice_deadline: date | None = None
    confidentiality_term: str | None = None
    confidentiality_expiry: date | None = None
    currency: str | None = None
    total_fee: Decimal | None = None
    copies: int | None = None
    metrics_targets: dict[str, Decimal] | None = None
    penalties: tuple[Penalty, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "provider": self.provider,
            "client": self.client,
            "signed_date": _iso(self.signed_date),
            "effective_date": _iso(self.effective_date),
            "term": self.term,
            "expiry_date": _iso(self.expiry_date),
            "renewal_notice": self.renewal_notice,
            "renewal_notice_deadline": _iso(self.renewal_notice_deadline),
            "confidentiality_term": self.confidentiality_term,
            "confidentiality_expiry": _iso(self.confidentiality_expiry),
            "currency": self.currency,
            "total_fee": fmt_money(self.total_fee) if self.total_fee is not None else None,
            "copies": self.copies,
            "metrics_targets": _metrics_json(self.metrics_targets),
            "penalties": [p.to_json() for p in self.penalties],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Contract:
        return cls(
            title=d.get("title"),
            provider=d.get("provider"),
            client=d.get("client"),
            signed_date=_date(d.get("signed_date")),
            effective_date=_date(d.get("effective_date")),
            term=d.get("term"),
            expiry_date=_date(d.get("expiry_date")),
            renewal_notice=d.get("renewal_notice"),
            renewal_notice_deadline=_date(d.get("renewal_notice_deadline")),
            confidentiality_term=d.get("confidentiality_term"),
            confidentiality_expiry=_date(d.get("confidentiality_expiry")),
            currency=d.get("currency"),
            total_fee=D(d["total_fee"]) if d.get("total_fee") is not None else None,
            copies=d.get("copies"),
            metrics_targets=_metrics_from(d.get("metrics_targets")),
            penalties=tuple(Penalty.from_json(p) for p in d.get("penalties") or []),
        )


@record(frozen=True)
class Source:
    """The file a parse result comes from: name, SHA-256 and language."""
    file: str
    sha256: str
    language: str  # zh-Hans | zh-Hant | en

    def to_json(self) -> dict[str, str]:
        return {"file": self.file, "sha256": self.sha256, "language": self.language}


@record(frozen=True)
class ParseResult:
    """The obligations document of one contract (``to_json`` / ``from_json``)."""
    source: Source
    contract: Contract
    obligations: tuple[Obligation, ...]
    warnings: tuple[Warning, ...]
    text: str = field(default="", compare=False, repr=False)  # the original document text
    calendar: str = "CN"  # the working-day calendar of the contract (tracker.calendars code)
    calendar_quote: str | None = field(default=None, compare=False)  # the words it was read from

    def to_json(self) -> dict[str, Any]:
        out = {
            "schema": SCHEMA,
            "source": self.source.to_json(),
            "contract": self.contract.to_json(),
            "obligations": [o.to_json() for o in self.obligations],
            "warnings": [w.to_json() for w in self.warnings],
        }
        if self.calendar != "CN":  # the corpora's key for a non-mainland contract
            out["x_business_day_calendar"] = self.calendar
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any], text: str = "") -> ParseResult:
        s = d["source"]
        return cls(
            source=Source(s["file"], s["sha256"], s["language"]),
            contract=Contract.from_json(d["contract"]),
            obligations=tuple(Obligation.from_json(o) for o in d.get("obligations") or []),
            warnings=tuple(Warning.from_json(w) for w in d.get("warnings") or []),
            text=text,
            calendar=d.get("x_business_day_calendar") or "CN",
        )
