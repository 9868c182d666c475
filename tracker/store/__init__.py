"""The tracker database: SQLite through SQLModel for writes, stdlib sqlite3 for fast reads.

Public API (names resolve lazily, so importing ``tracker.store`` costs nothing):

- ``Store(path, *, timeout, actor, now, who)``: the write side (``who``: the person whose commands
  these are, recorded in history). Each method is ONE ``BEGIN IMMEDIATE``
  transaction: ``add_parsed(result, file=..., amends=...)`` (files are read and
  parsed by ``tracker.ingest.add_files(store, paths)``),
  ``done``, ``waive``, ``record_event``, ``pay``, ``evaluate``, ``edit``.
- ``upcoming(path, as_of=..., days=...)``, ``contracts(path)``, ``record(path, id, as_of)`` (one contract
  and its penalty inputs; ``tracker.contract_view.show`` adds the penalties): the read side,
  which never imports SQLAlchemy.
- ``resolve_db_path(explicit, environ)``, ``ensure_db_file(path)``: where the file lives (0600).
- ``MIGRATIONS`` / ``Migration`` / ``create_tables``: append one line to add your own tables.
"""

from __future__ import annotations

from typing import Any

_LAZY = {
    "Store": "tracker.store.write",
    "AddOutcome": "tracker.store.write",
    "AddFailure": "tracker.store.write",
    "Changed": "tracker.store.write",
    "upcoming": "tracker.store.read",
    "contracts": "tracker.store.read",
    "record": "tracker.store.contract_record",
    "connect": "tracker.store.read",
    "resolve_db_path": "tracker.store.paths",
    "ensure_db_file": "tracker.store.paths",
    "MIGRATIONS": "tracker.store.migrations",
    "Migration": "tracker.store.migrations",
    "create_tables": "tracker.store.migrations",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
