"""How the language packs run their rules: each rule is a function of the context and of what
the rules before it found, and returns its own findings as a value (facts, penalties, obligations
and diagnostics: ``Facts.warnings``, ``Facts.read``). No rule changes what another found; the
driver merges the values in order.

Merge: a list gains the rule's items, a mapping its keys, and a single fact takes the rule's
value when the rule found one (a later rule that states a fact again, such as a cover page's
written end date, wins, as the order of ``RULES`` says).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from tracker.parse.common import Facts
from tracker.record import field_names

C = TypeVar("C")
Rule = Callable[[C, Facts], Facts]


_FIELDS = field_names(Facts)
_COLLECTIONS = field_names(Facts, collections=True)  # lists and dicts


def merge(into: Facts, found: Facts) -> None:
    """``into`` with ``found`` added (see the module's docstring)."""
    for name in _FIELDS:
        value = getattr(found, name)
        if value is None or value is False or (not value and name in _COLLECTIONS):
            continue
        if isinstance(value, list):
            getattr(into, name).extend(value)
        elif isinstance(value, dict):
            getattr(into, name).update(value)
        else:
            setattr(into, name, value)


def run(rules: Sequence[Rule[C]], ctx: C) -> Facts:
    """The facts of a document: each rule sees a copy of what the rules before it found."""
    facts = Facts()
    for rule in rules:
        merge(facts, rule(ctx, _snapshot(facts)))
    return facts


def _snapshot(facts: Facts) -> Facts:
    """A copy a rule can read without reaching the driver's own lists and mappings. (A shallow copy of
    the instance dictionary: the fields as they are, as ``dataclasses.replace`` gives them for
    ``Facts``, which has neither ``__post_init__``, ``init=False`` fields nor slots, without its
    per-field checks, a dozen times a parse, and without importing ``copy``.)"""
    copy = object.__new__(type(facts))
    copy.__dict__.update(facts.__dict__)
    for name in _COLLECTIONS:
        setattr(copy, name, type(getattr(facts, name))(getattr(facts, name)))
    return copy
