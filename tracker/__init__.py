"""tracker: contract obligation tracker.

The library's front door. Names resolve lazily so ``tracker --help`` stays fast:

- ``parse_file(path) -> ParseResult``: a contract file to the obligations document;
- ``parse_text(text, file_name) -> ParseResult``.

Storage, penalties and reminders live in ``tracker.store``, ``tracker.penalty``,
``tracker.reminders`` / ``tracker.daily``.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "parse_file": "tracker.parse",
    "parse_text": "tracker.parse",
    "ParseResult": "tracker.model",
    "Obligation": "tracker.model",
    "Contract": "tracker.model",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
