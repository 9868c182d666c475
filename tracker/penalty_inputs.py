"""One contract's inputs to the penalty calculator: the one definition every reader shares.

The store builds them (``tracker.store.penalty_queries``); ``tracker show``, ``tracker
penalties``, ``tracker balance`` and the daily reminders hand them to ``tracker.penalty`` (pure).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracker.model import Penalty
from tracker.penalty import Delivery, Instalment, Payment


@dataclass(frozen=True)
class PenaltyInputs:
    """One contract's inputs to ``tracker.penalty.compute``, with the labels a statement shows."""

    contract_id: int
    title: str | None
    provider: str | None
    client: str | None
    currency: str | None
    total_fee: Decimal | None
    penalties: tuple[Penalty, ...]
    instalments: tuple[Instalment, ...]
    payments: tuple[Payment, ...]
    deliveries: tuple[Delivery, ...]
