"""The write side of the store: ``Store``, every method one ``BEGIN IMMEDIATE`` transaction.

A failure anywhere inside a method rolls the whole change back, so the database never holds a
half-added contract or a half-recorded payment. ``Store`` is put together from one module per
responsibility: ``base`` (the transaction, history, status changes), ``adding`` (parse results
in), ``recording`` (done, pay, events, evaluations, edits), ``books`` and ``corrections``.
Reading and parsing files is not the store's: see ``tracker.ingest``.
"""

from __future__ import annotations

from tracker.store.adding import Adding, fact_changes, facts_only, short
from tracker.store.pg import retry_methods
from tracker.store.results import AddFailure, AddOutcome, Changed

__all__ = ["AddFailure", "AddOutcome", "Changed", "Store", "fact_changes", "facts_only", "short"]


@retry_methods  # a deadlock or serialization failure (PostgreSQL) is retried, never shown
class Store(Adding):
    """The tracker database. Open with ``Store(path)``; the file is created (0600) and migrated.
    Each write transaction is one recorded action (``tracker.store.actions``); ``last_action``
    is the id of the latest one (None if it changed nothing)."""
