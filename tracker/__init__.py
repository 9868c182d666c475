"""tracker: contract obligation tracker.

The library's front door. Names resolve lazily, so ``import tracker`` (and ``tracker --help``)
imports neither SQLAlchemy nor the parser:

- ``parse_file(path) -> ParseResult``: a contract file to the obligations document;
  ``parse_text(text, file_name) -> ParseResult``;
- ``open_store(path, *, timeout, actor, now) -> Store``: the write side (``tracker.store.Store``;
  each method is one transaction: ``add_parsed``, ``done``, ``pay``, ``record_event`` …);
  ``add_files(store, paths)``: read, parse and add contract files (``tracker.ingest``);
- ``upcoming(path, as_of=..., days=30)``, ``contracts(path)``, ``show(path, contract_id, as_of)``:
  the read side (stdlib sqlite3);
- ``penalties(path, as_of, contract_id=None)``: every contract's penalty statement as
  ``tracker penalties`` computes it; ``compute(...)`` is the pure calculator (``tracker.penalty``);
- ``run_daily(db, today, ...)``: one run of the daily reminder job (``tracker.daily``).

Dates are always passed in: nothing here reads the clock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from tracker.penalty_report import ContractStatement

__version__ = "0.1.0"

# name -> (module, attribute)
_LAZY = {
    "parse_file": ("tracker.parse", "parse_file"),
    "parse_text": ("tracker.parse", "parse_text"),
    "ParseResult": ("tracker.model", "ParseResult"),
    "Obligation": ("tracker.model", "Obligation"),
    "Contract": ("tracker.model", "Contract"),
    "Store": ("tracker.store.write", "Store"),
    "open_store": ("tracker.store.write", "Store"),
    "add_files": ("tracker.ingest", "add_files"),
    "upcoming": ("tracker.store.read", "upcoming"),
    "contracts": ("tracker.store.read", "contracts"),
    "show": ("tracker.contract_view", "show"),
    "compute": ("tracker.penalty", "compute"),
    "run_daily": ("tracker.daily", "run_daily"),
}

__all__ = sorted([*_LAZY, "penalties", "__version__"])


def penalties(path: Path | str, as_of: date, contract_id: int | None = None) -> list[ContractStatement]:
    """The penalty statement of every contract (or of one; ``NotFound`` if it does not exist)
    as of ``as_of``: the inputs ``tracker penalties`` and ``tracker show`` read, computed."""
    from tracker.penalty_report import build
    from tracker.store.penalty_queries import penalty_inputs

    return build(penalty_inputs(path, contract_id), as_of)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'tracker' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
