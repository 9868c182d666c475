"""Opening a service is the delivery of a contract that sells it (a GPU lease, API access, a SaaS tenant):
``model_delivery``. Where the contract delivers a model or a system as well, that delivery is the model's,
and the opening is a step of its own (``other``). Both language packs call ``settle`` with their own
test of "this duty only opens a service"."""

from __future__ import annotations

from collections.abc import Callable

from tracker.parse.common import Facts


def settle(facts: Facts, text: str, opens_only: Callable[[str], bool], other_title: str) -> None:
    opening = [o for o in facts.obligations if o.kind == "model_delivery" and opens_only(text[o.start:o.end])]
    if opening and any(o.kind == "model_delivery" and o not in opening for o in facts.obligations):
        for o in opening:
            o.kind, o.title = "other", other_title


__all__ = ["settle"]
