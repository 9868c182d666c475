"""Late-payment and late-delivery penalties (违约金), accrued exactly and explained (pure).

Nothing here reads the clock or touches storage: the caller passes the contract's penalty
clauses, its instalments, the payments, the total fee and ``as_of``. Every result is a
frozen dataclass that carries its inputs and breakdown, so each figure can be explained.

Conventions (also stated in every statement, see ``CONVENTION``):

* **Days.** A period runs from its start date, *not counted* (Civil Code art. 201), to its
  end date, *counted*: ``days = end - start``. An instalment due on D is therefore overdue
  from D+1; a payment on day P still counts day P at the old balance; a payment on or
  before the due date costs nothing. Accrual runs through ``as_of`` (counted); payments
  dated after ``as_of`` are not known yet and are ignored.
* **Rates.** ``per`` day: ``rate × days``; per month: ``rate × days ÷ 30``; per year:
  ``rate × days ÷ 365`` (``Rate.day_count`` says which). The annualised equivalent is the
  daily rate × 365 (千分之五 per day ≈ 182.5 % a year; 1.5 % a month ≈ 18.25 %).
* **Basis.** ``overdue_amount`` / ``delayed_amount``: the instalment's unpaid balance;
  ``total_fee``: the contract's total fee for every day the instalment is overdue. For late
  delivery, ``total_fee`` is the total fee and ``delayed_amount`` the fee of the delayed
  deliverable (``Delivery.delayed_amount``; the total fee when the contract does not
  single it out — the whole model is late).
* **Rounding.** Periods are summed unrounded (exact decimals); each instalment's penalty is
  rounded to the fen once, ROUND_HALF_UP (``tracker.money.to_fen``).
* **Caps** (累计不超过…): one cap per clause, across all its instalments. A rate cap is that
  rate of the total fee (a cap whose basis is the overdue/delayed amount caps each
  instalment at that rate of its own amount); a fixed cap is that sum. The cap binds
  chronologically: accrual stops on the day the clause's running total reaches it
  (``cap_reached_on``); on that day the remaining headroom goes to the instalments in due-date
  order. Rounding each instalment to the fen must not break the cap: a surplus fen is
  taken from the instalments rounded up most (latest due first); when the cap binds, a
  shortfall fen goes to those rounded down most (oldest first). So the clause total is
  always ``min(cap, sum of the instalments' uncapped figures)``.
* **Suspension right** (逾期超过N日): ``suspend_from = due + N + 1`` (due 2025-03-17, N = 30 →
  2025-04-17), unless the instalment was fully paid (or the model delivered) before then.
* **Allocation** (``allocate``): payments in date order; a payment that names its
  instalment goes to it (any excess to the oldest unpaid), otherwise to the oldest unpaid
  instalment first (earliest due date, then input order); what is left is ``unapplied``.
* Fixed-sum penalties (7.3 泄密违约金) are listed, not accrued.
"""

from __future__ import annotations

import decimal
import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from tracker.errors import UsageError
from tracker.model import Cap, Penalty
from tracker.money import FEN, to_fen

CONVENTION = (
    "Periods exclude their start date and include their end date (Civil Code art. 201): "
    "days = end - start. An instalment due on D is overdue from D+1; a payment on day P still "
    "counts day P at the old balance, so a payment on the due date costs nothing. Each "
    "instalment's penalty is the exact sum of its periods, rounded to the fen once (ROUND_HALF_UP). "
    "A cap applies to the whole clause, chronologically."
)

ObligationId = int | str
_DIVISOR = {"day": 1, "month": 30, "year": 365}
_DAY_COUNT = {
    "day": "per day: rate x days",
    "month": "per month of 30 days: rate x days / 30",
    "year": "per year of 365 days: rate x days / 365",
}
_CTX = decimal.Context(prec=80, rounding=decimal.ROUND_HALF_EVEN)
ZERO = Decimal(0)
RUNNING_KINDS = ("late_payment", "late_delivery")


# ----------------------------------------------------------------------------- inputs

@dataclass(frozen=True, slots=True)
class Instalment:
    """A payment obligation: ``amount`` due on ``due_date`` (``None``: waits for an event)."""

    obligation_id: ObligationId
    due_date: date | None
    amount: Decimal
    title: str = ""
    clause: str | None = None


@dataclass(frozen=True, slots=True)
class Payment:
    """Money received on ``on``; ``obligation_id`` names the instalment it pays, if any."""

    on: date
    amount: Decimal
    obligation_id: ObligationId | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    """The provider's deliverable (the trained model): deadline and the day it was delivered."""

    obligation_id: ObligationId
    due_date: date | None
    delivered_on: date | None = None
    title: str = ""
    clause: str | None = None
    delayed_amount: Decimal | None = None  # fee of the delayed part; None = the total fee


# ----------------------------------------------------------------------------- allocation

@dataclass(frozen=True, slots=True)
class Applied:
    """Part (or all) of payment number ``payment`` applied to one instalment."""

    payment: int  # index into the payments given to ``allocate``
    obligation_id: ObligationId
    on: date
    amount: Decimal
    named: bool  # the payment named this instalment


@dataclass(frozen=True)
class Allocation:
    applied: tuple[Applied, ...]
    unapplied: Decimal  # paid beyond everything that was due (a credit)

    def for_obligation(self, obligation_id: ObligationId) -> tuple[Applied, ...]:
        return tuple(a for a in self.applied if a.obligation_id == obligation_id)

    def paid(self, obligation_id: ObligationId, through: date | None = None) -> Decimal:
        return sum((a.amount for a in self.applied
                    if a.obligation_id == obligation_id and (through is None or a.on <= through)), ZERO)


def allocate(instalments: Sequence[Instalment], payments: Sequence[Payment]) -> Allocation:
    """Apply payments (in date order) to instalments: the named one, else oldest unpaid first.

    Raises ``UsageError`` for a non-positive payment or one naming an unknown instalment.
    """
    n = len(instalments)
    order: list[int] = []  # oldest first; sorted only once a payment needs it

    def oldest_first() -> list[int]:
        last = date.max.toordinal() + 1  # no due date: after every dated instalment
        keys = [(inst.due_date.toordinal() if inst.due_date is not None else last) * n + i
                for i, inst in enumerate(instalments)]
        return sorted(range(n), key=keys.__getitem__)

    index = {inst.obligation_id: i for i, inst in enumerate(instalments)}
    remaining = [inst.amount for inst in instalments]
    applied: list[Applied] = []
    unapplied = ZERO
    cursor = 0  # position in ``order`` of the oldest instalment that may still be unpaid
    m = len(payments)
    pay_keys = [pay.on.toordinal() * m + j for j, pay in enumerate(payments)]
    for p_idx in sorted(range(m), key=pay_keys.__getitem__):
        pay = payments[p_idx]
        if pay.amount <= ZERO:
            raise UsageError(f"payment of {pay.amount} on {pay.on}: amount must be positive")
        left = pay.amount
        if pay.obligation_id is not None:
            i = index.get(pay.obligation_id)
            if i is None:
                raise UsageError(f"payment on {pay.on} names unknown instalment {pay.obligation_id!r}")
            take = min(left, remaining[i])
            if take > ZERO:
                remaining[i] -= take
                left -= take
                applied.append(Applied(p_idx, pay.obligation_id, pay.on, take, True))
        if left > ZERO and not order:
            order = oldest_first()
        while left > ZERO:
            while cursor < len(order) and remaining[order[cursor]] <= ZERO:
                cursor += 1
            if cursor == len(order):
                unapplied += left
                break
            i = order[cursor]
            take = min(left, remaining[i])
            remaining[i] -= take
            left -= take
            applied.append(Applied(p_idx, instalments[i].obligation_id, pay.on, take, False))
    return Allocation(tuple(applied), unapplied)


# ----------------------------------------------------------------------------- results

@dataclass(frozen=True, slots=True)
class Rate:
    """A running rate as written: ``rate`` per ``per`` (day | month | year)."""

    rate: Decimal
    per: str

    @property
    def divisor(self) -> int:
        return _DIVISOR[self.per]

    @property
    def day_count(self) -> str:
        return _DAY_COUNT[self.per]

    @property
    def daily(self) -> Decimal:
        return _CTX.divide(self.rate, self.divisor)

    @property
    def annualised(self) -> Decimal:
        """The daily rate × 365, as a fraction (0.005 per day → 1.825)."""
        return _CTX.divide(self.rate * 365, self.divisor)


@dataclass(frozen=True, slots=True)
class Period:
    """``start`` (not counted) to ``end`` (counted) at a constant ``balance``."""

    start: date
    end: date
    balance: Decimal  # unpaid balance of the instalment (late delivery: the delayed amount)
    base: Decimal  # the amount the rate applies to (the balance, or the total fee)
    rate: Rate

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def numerator(self) -> Decimal:
        return _CTX.multiply(_CTX.multiply(self.base, self.rate.rate), Decimal(self.days))

    @property
    def penalty(self) -> Decimal:
        """Exact (unrounded): base × rate × days ÷ divisor."""
        return _CTX.divide(self.numerator, self.rate.divisor)

    @property
    def first_day(self) -> date:
        return self.start + timedelta(days=1)

    def explain(self) -> str:
        div = f" / {self.rate.divisor}" if self.rate.divisor != 1 else ""
        return f"{self.base} x {self.rate.rate} x {self.days}{div}"


@dataclass(frozen=True, slots=True)
class Terms:
    """What one clause applies to each of its instalments (shared by their accruals)."""

    penalty: Penalty
    rate: Rate
    basis: str
    as_of: date


@dataclass(frozen=True, slots=True)
class Accrual:
    """The penalty on one instalment (or one late deliverable) under one clause, as of ``as_of``."""

    terms: Terms
    item: Instalment | Delivery  # the obligation, as given
    amount: Decimal  # the instalment's amount (late delivery: the amount the rate applies to)
    periods: tuple[Period, ...]
    applied: tuple[Applied, ...]  # the payments taken into account (late payment)
    balance: Decimal  # unpaid at the end of as_of (late delivery: the amount while undelivered)
    uncapped: Decimal  # exact sum of the periods
    capped: Decimal  # exact, after the clause's cap
    penalty: Decimal  # to the fen: the figure owed
    suspend_from: date | None

    @property
    def kind(self) -> str:
        return self.terms.penalty.kind

    @property
    def clause(self) -> str | None:
        """The penalty clause (7.2)."""
        return self.terms.penalty.clause

    @property
    def basis(self) -> str:
        return self.terms.basis

    @property
    def rate(self) -> Rate:
        return self.terms.rate

    @property
    def as_of(self) -> date:
        return self.terms.as_of

    @property
    def obligation_id(self) -> ObligationId:
        return self.item.obligation_id

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def due_date(self) -> date:
        return self.item.due_date  # type: ignore[return-value]  # never None once accrued

    @property
    def obligation_clause(self) -> str | None:
        """The clause of the obligation itself (4.2)."""
        return self.item.clause

    @property
    def delivered_on(self) -> date | None:
        on = getattr(self.item, "delivered_on", None)
        return on if on is not None and on <= self.as_of else None

    @property
    def days(self) -> int:
        return sum(p.days for p in self.periods)

    @property
    def cap_cut(self) -> Decimal:
        return to_fen(self.uncapped) - self.penalty

    @property
    def suspend_right(self) -> bool:
        return self.suspend_from is not None and self.as_of >= self.suspend_from

    @property
    def overdue(self) -> bool:
        return self.balance > 0 and self.as_of > self.due_date


@dataclass(frozen=True)
class ClauseResult:
    """One running penalty clause applied to all its instalments."""

    penalty: Penalty
    accruals: tuple[Accrual, ...]
    cap_limit: Decimal | None  # clause-wide limit in money, when the cap is on the total fee / a sum
    cap_reached_on: date | None
    note: str | None = None  # why it was not (fully) computed

    @property
    def uncapped_total(self) -> Decimal:
        return sum((to_fen(a.uncapped) for a in self.accruals), ZERO)

    @property
    def total(self) -> Decimal:
        return sum((a.penalty for a in self.accruals), ZERO)


@dataclass(frozen=True)
class ContractPenalties:
    """All penalties of one contract as of ``as_of``: late payment, late delivery, fixed sums."""

    as_of: date
    total_fee: Decimal | None
    late_payment: tuple[ClauseResult, ...]
    late_delivery: tuple[ClauseResult, ...]
    fixed: tuple[Penalty, ...]
    unapplied: Decimal = ZERO
    convention: str = field(default=CONVENTION, repr=False)
    #: what could not be computed because no clause was read (never shown as 0.00)
    unread: tuple[str, ...] = ()

    @property
    def instalments(self) -> tuple[Accrual, ...]:
        return tuple(a for c in self.late_payment for a in c.accruals)

    @property
    def deliveries(self) -> tuple[Accrual, ...]:
        return tuple(a for c in self.late_delivery for a in c.accruals)

    @property
    def total(self) -> Decimal:
        """Late-payment penalties owed by the client: the sum of its instalments."""
        return sum((a.penalty for a in self.instalments), ZERO)

    @property
    def delivery_total(self) -> Decimal:
        """Late-delivery penalties owed by the provider."""
        return sum((a.penalty for a in self.deliveries), ZERO)

    @property
    def notes(self) -> tuple[str, ...]:
        return self.unread + tuple(c.note for c in self.late_payment + self.late_delivery if c.note)


# ----------------------------------------------------------------------------- accrual

def suspend_date(due: date, after_days: int | None) -> date | None:
    """逾期超过N日: the first day the instalment is more than N days overdue (due + N + 1)."""
    return None if after_days is None else due + timedelta(days=after_days + 1)


@dataclass(slots=True)
class _Subject:
    """Working state of one instalment/deliverable before the cap is applied."""

    order: int  # position in the input; with the due date, the cap's tie order
    item: Instalment | Delivery
    due: date
    amount: Decimal
    periods: list[Period]
    applied: tuple[Applied, ...]
    balance: Decimal
    settled_on: date | None  # the day the balance reached zero / the model was delivered
    num: Decimal  # exact sum of base x rate x days over the periods


def _clause_problem(p: Penalty, total_fee: Decimal | None) -> str | None:
    name = f"clause {p.clause or '?'} ({p.kind})"
    if p.rate is None:
        return f"{name}: no rate stated, not computed"
    if p.per not in _DIVISOR:
        return f"{name}: rate period {p.per!r} unknown, not computed"
    if p.basis == "total_fee" and total_fee is None:
        return f"{name}: basis is the total fee but the contract states none, not computed"
    return None


def _payment_subjects(p: Penalty, rate: Rate, instalments: Sequence[Instalment], alloc: Allocation,
                      total_fee: Decimal | None, as_of: date) -> list[_Subject]:
    by_id: dict[ObligationId, list[Applied]] = {}
    for a in alloc.applied:
        if a.on <= as_of:
            by_id.setdefault(a.obligation_id, []).append(a)
    fee_basis = p.basis == "total_fee"
    r = rate.rate
    mul = _CTX.multiply
    subjects = []
    for n, inst in enumerate(instalments):
        due = inst.due_date
        if due is None or due >= as_of:
            continue
        applied = by_id.get(inst.obligation_id, ())
        balance = inst.amount
        start = due
        periods: list[Period] = []
        num = ZERO
        settled_on: date | None = None
        for a in applied:  # already in date order
            if a.on > start and balance > ZERO:
                base = total_fee if fee_basis else balance
                periods.append(Period(start, a.on, balance, base, rate))  # type: ignore[arg-type]
                num += mul(mul(base, r), (a.on - start).days)  # type: ignore[arg-type]
                start = a.on
            balance -= a.amount
            if settled_on is None and balance <= ZERO:
                settled_on = a.on
        if balance > ZERO and as_of > start:
            base = total_fee if fee_basis else balance
            periods.append(Period(start, as_of, balance, base, rate))  # type: ignore[arg-type]
            num += mul(mul(base, r), (as_of - start).days)  # type: ignore[arg-type]
        subjects.append(_Subject(n, inst, due, inst.amount, periods, tuple(applied),
                                 balance if balance > ZERO else ZERO, settled_on, num))
    return subjects


def _delivery_subjects(p: Penalty, rate: Rate, deliveries: Sequence[Delivery],
                       total_fee: Decimal | None, as_of: date) -> tuple[list[_Subject], str | None]:
    subjects = []
    note = None
    for n, d in enumerate(deliveries):
        if d.due_date is None or d.due_date >= as_of:
            continue
        amount = d.delayed_amount if (p.basis != "total_fee" and d.delayed_amount is not None) else total_fee
        if amount is None:
            note = f"clause {p.clause or '?'} (late_delivery): no total fee to apply the rate to, not computed"
            continue
        end = min(d.delivered_on, as_of) if d.delivered_on is not None else as_of
        periods = [Period(d.due_date, end, amount, amount, rate)] if end > d.due_date else []
        delivered = d.delivered_on if d.delivered_on is not None and d.delivered_on <= as_of else None
        subjects.append(_Subject(n, d, d.due_date, amount, periods, (), ZERO if delivered else amount,
                                 delivered, sum((q.numerator for q in periods), ZERO)))
    return subjects, note


def _cap_limits(cap: Cap | None, total_fee: Decimal | None, subjects: list[_Subject]
                ) -> tuple[Decimal | None, dict[int, Decimal], str | None]:
    """(clause-wide limit, per-subject limits, problem)."""
    if cap is None:
        return None, {}, None
    if cap.amount is not None:
        return to_fen(cap.amount), {}, None
    if cap.rate is None:
        return None, {}, "cap without a rate or amount ignored"
    if cap.basis in (None, "total_fee"):
        if total_fee is None:
            return None, {}, "cap on the total fee ignored: the contract states no total fee"
        return to_fen(cap.rate * total_fee), {}, None
    return None, {i: to_fen(cap.rate * s.amount) for i, s in enumerate(subjects)}, None


def _chronological_cap(subjects: list[_Subject], limit_num: Decimal) -> tuple[list[Decimal], date]:
    """Exact numerators per subject when the clause's running total stops at ``limit_num``.

    A sweep over the days where the clause's daily accrual changes finds the binding day;
    accrual counts in full before it, the headroom left on it goes to the instalments in
    due-date order, and nothing accrues after it.
    """
    mul = _CTX.multiply
    spans = []  # (start ordinal, end ordinal, daily increment, subject index)
    changes: dict[int, Decimal] = {}
    for i, s in enumerate(subjects):
        for p in s.periods:
            a, b = p.start.toordinal(), p.end.toordinal()
            if b > a and p.base > ZERO:
                inc = mul(p.base, p.rate.rate)
                spans.append((a, b, inc, i))
                changes[a] = changes.get(a, ZERO) + inc
                changes[b] = changes.get(b, ZERO) - inc
    cum = per_day = ZERO
    bounds = sorted(changes)
    binding = bounds[-1]
    for b0, b1 in zip(bounds, bounds[1:], strict=False):
        per_day += changes[b0]
        span = mul(per_day, b1 - b0)
        if per_day > ZERO and cum + span >= limit_num:
            k = int(_CTX.divide(limit_num - cum, per_day).to_integral_value(rounding=decimal.ROUND_CEILING))
            binding = b0 + max(k, 1)
            break
        cum += span
    nums = [ZERO] * len(subjects)
    on_day = []
    for a, b, inc, i in spans:
        days = min(b, binding - 1) - a
        if days > 0:
            nums[i] += mul(inc, days)
        if a < binding <= b:
            on_day.append((subjects[i].due, subjects[i].order, i, inc))
    head = limit_num - sum(nums, ZERO)
    for _, _, i, inc in sorted(on_day):
        take = min(inc, head) if head > ZERO else ZERO
        nums[i] += take
        head -= take
    return nums, date.fromordinal(binding)


def _round_to_cap(owed: list[Decimal], capped: list[Decimal], rounded_uncapped: list[Decimal],
                  subjects: list[_Subject], limit: Decimal, binding: bool) -> None:
    """Make the rounded figures respect the clause cap, moving whole fen only.

    Over the cap: take a fen from the instalments rounded up most (latest due first). When
    the cap binds and rounding fell short of it: give a fen to those rounded down most
    (oldest due first), never above an instalment's own uncapped figure. Either way the clause
    total is ``min(limit, sum of the instalments' uncapped figures)``.
    """
    diff = int((limit - sum(owed, ZERO)) / FEN)
    if diff < 0:
        ranked = sorted(range(len(subjects)), key=lambda i: (
            -(owed[i] - capped[i]), -subjects[i].due.toordinal(), -subjects[i].order))
        for i in ranked[:-diff]:
            owed[i] -= FEN
    elif diff > 0 and binding:
        ranked = sorted(range(len(subjects)), key=lambda i: (
            -(capped[i] - owed[i]), subjects[i].due.toordinal(), subjects[i].order))
        while diff > 0:
            room = [i for i in ranked if owed[i] < rounded_uncapped[i]]
            for i in room[:diff]:
                owed[i] += FEN
            diff -= len(room[:diff])
            if not room:
                break


def _settle(p: Penalty, rate: Rate, subjects: list[_Subject], total_fee: Decimal | None,
            as_of: date, note: str | None) -> ClauseResult:
    limit, each_limit, cap_note = _cap_limits(p.cap, total_fee, subjects)
    note = "; ".join(n for n in (note, cap_note and f"clause {p.clause or '?'}: {cap_note}") if n) or None
    uncapped_num = [s.num for s in subjects]
    capped_num = uncapped_num
    reached: date | None = None
    div = rate.divisor
    if limit is not None and subjects:
        limit_num = limit * div
        if sum(uncapped_num, ZERO) >= limit_num:
            capped_num, reached = _chronological_cap(subjects, limit_num)
    divide = _CTX.divide
    uncapped = [divide(n, div) for n in uncapped_num] if div != 1 else uncapped_num
    capped = [divide(n, div) for n in capped_num] if div != 1 else list(capped_num)
    owed = [c.quantize(FEN, rounding=decimal.ROUND_HALF_UP) for c in capped]  # tracker.money.to_fen
    for i, lim in each_limit.items():
        if owed[i] > lim:
            owed[i] = lim
            capped[i] = min(capped[i], lim)
    if limit is not None:
        _round_to_cap(owed, capped, [to_fen(u) for u in uncapped], subjects, limit, reached is not None)
    terms = Terms(p, rate, p.basis or "overdue_amount", as_of)
    after = None if p.suspend_after_days is None else timedelta(days=p.suspend_after_days + 1)
    accruals = []
    for i, s in enumerate(subjects):
        suspend = None
        if after is not None:
            suspend = s.due + after
            if s.settled_on is not None and s.settled_on < suspend:
                suspend = None
        accruals.append(Accrual(terms, s.item, s.amount, tuple(s.periods), s.applied, s.balance,
                                uncapped[i], capped[i], owed[i], suspend))
    return ClauseResult(p, tuple(accruals), limit, reached, note)


@contextmanager
def _gc_paused(size: int) -> Iterator[None]:
    """Pause the cyclic GC while a large book is computed: results are acyclic, and the
    collector's repeated passes over 100,000s of fresh objects would double the run time."""
    pause = size >= 5_000 and gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if pause:
            gc.enable()


def compute(penalties: Iterable[Penalty], instalments: Sequence[Instalment], payments: Sequence[Payment],
            total_fee: Decimal | None, as_of: date, deliveries: Sequence[Delivery] = ()) -> ContractPenalties:
    """Every penalty of one contract as of ``as_of`` (see the module docstring for the rules)."""
    with _gc_paused(len(instalments) + len(payments)):
        return _compute(penalties, instalments, payments, total_fee, as_of, deliveries)


def _compute(penalties: Iterable[Penalty], instalments: Sequence[Instalment], payments: Sequence[Payment],
             total_fee: Decimal | None, as_of: date, deliveries: Sequence[Delivery]) -> ContractPenalties:
    alloc = allocate(instalments, payments)
    late_payment: list[ClauseResult] = []
    late_delivery: list[ClauseResult] = []
    fixed: list[Penalty] = []
    for p in penalties:
        if p.kind not in RUNNING_KINDS:
            fixed.append(p)
            continue
        problem = _clause_problem(p, total_fee)
        if problem:
            (late_payment if p.kind == "late_payment" else late_delivery).append(
                ClauseResult(p, (), None, None, problem))
            continue
        rate = Rate(p.rate, p.per)  # type: ignore[arg-type]
        if p.kind == "late_payment":
            subjects = _payment_subjects(p, rate, instalments, alloc, total_fee, as_of)
            late_payment.append(_settle(p, rate, subjects, total_fee, as_of, None))
        else:
            subjects, note = _delivery_subjects(p, rate, deliveries, total_fee, as_of)
            late_delivery.append(_settle(p, rate, subjects, total_fee, as_of, note))
    return ContractPenalties(as_of, total_fee, tuple(late_payment), tuple(late_delivery), tuple(fixed),
                             alloc.unapplied, unread=_unread(late_payment, late_delivery, instalments, alloc,
                                                             deliveries, as_of))


def _unread(late_payment: list[ClauseResult], late_delivery: list[ClauseResult], instalments: Sequence[Instalment],
            alloc: Allocation, deliveries: Sequence[Delivery], as_of: date) -> tuple[str, ...]:
    """Overdue items with no clause read to price them: said in words, never accrued as 0.00."""
    out = []
    if not late_payment:
        late = [i for i in instalments if i.due_date is not None and i.due_date < as_of
                and alloc.paid(i.obligation_id, as_of) < i.amount]
        if late:
            out.append(f"late-payment clause not found or not understood: {len(late)} overdue instalment(s) "
                       "not computed; check the contract's penalty clause")
    if not late_delivery:
        late_d = [d for d in deliveries if d.due_date is not None and d.due_date < as_of
                  and (d.delivered_on is None or d.delivered_on > d.due_date)]
        if late_d:
            out.append(f"late-delivery clause not found or not understood: {len(late_d)} late deliverable(s) "
                       "not computed; check the contract's penalty clause")
    return tuple(out)


def accrual_snapshot(contract_penalties: Iterable[Penalty], instalments: Sequence[Instalment],
                     payments: Sequence[Payment], total_fee: Decimal | None, as_of: date) -> list[Accrual]:
    """For the daily job: one ``Accrual`` per instalment still unpaid after its due date, as of ``as_of``."""
    result = compute(contract_penalties, instalments, payments, total_fee, as_of)
    return [a for a in result.instalments if a.overdue]
