"""A fee charged for each of the months a sentence lists ("The balance is payable as a Monthly Service Fee of
KES 1,700,000 for each of June, July and August 2026"): one payment per month, each due on the contract's
payment terms ("The Client shall pay each invoice within thirty (30) days of receipt"), counted from its invoice."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from tracker.parse.common import BaseCtx, RawObligation, Unit
from tracker.parse.money_text import find_money
from tracker.parse.timex_recur_en import _MONTH

if TYPE_CHECKING:
    from tracker.parse.duties_en import Terms

_EACH_OF = re.compile(rf"\bfor\s+each\s+of\s+(?P<months>(?:{_MONTH})(?:\s*,\s*(?:{_MONTH}))*\s*,?\s+and\s+(?:{_MONTH}))\s+\d{{4}}\b")
_MONTH_RX = re.compile(_MONTH)
_PAYABLE = re.compile(r"\bpayable\b|\bshall\s+pay\b|\bpays\b", re.I)  # a sum paid, not a rate of the provider's work


def month_fees(ctx: BaseCtx, u: Unit, a: int, b: int, part: str, terms: Terms | None, party: str, title: str,
               payment: Callable[[Unit, str, RawObligation], None]) -> list[RawObligation]:
    """One payment per month listed, when the part pays a sum ("is payable as …") and the contract states its
    payment terms (not "shall provide on-site support for each of June … at a daily rate of EUR 800")."""
    m = _EACH_OF.search(part) if terms is not None and "each of" in part and _PAYABLE.search(part) else None
    if m is None or terms is None or not find_money(part):
        return []
    out = []
    for _ in _MONTH_RX.finditer(m.group("months")):
        raw = RawObligation("payment", party, title, u.label, u.start + a, u.start + b, event="invoice",
                            offset=terms.offset, business_days=terms.business_days)
        payment(u, ctx.unit_text(u), raw)
        out.append(raw)
    return out
