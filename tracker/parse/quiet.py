"""Keep a third-party parser's complaints off stderr: its warnings become debug log records.

pypdf reports every oddity of a damaged PDF through ``logging`` (and a few through
``warnings``); with no logging configured, Python prints each WARNING record to stderr — tens
of thousands of lines for one bad file, in the middle of the command's own output. While
``quiet_library(name)`` is active, the library's records go to the ``tracker.parse.<name>``
logger at DEBUG level (``logging.basicConfig(level=logging.DEBUG)`` shows them) and its
``warnings`` are logged there too. Nothing of the contract's text is added to them.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager


class _ToDebug(logging.Handler):
    def __init__(self, target: logging.Logger) -> None:
        super().__init__(logging.DEBUG)
        self.target = target

    def emit(self, record: logging.LogRecord) -> None:
        if self.target.isEnabledFor(logging.DEBUG):
            self.target.debug("%s: %s", record.name, record.getMessage()[:500])


@contextmanager
def quiet_library(name: str) -> Iterator[None]:
    """Route the ``name`` logger's records and any ``warnings`` to DEBUG on ``tracker.parse.<name>``."""
    source = logging.getLogger(name)
    target = logging.getLogger(f"tracker.parse.{name}")
    handler = _ToDebug(target)
    saved = source.propagate
    source.addHandler(handler)
    source.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        for w in caught[:100]:
            target.debug("%s: %s", w.category.__name__, str(w.message)[:500])
    finally:
        source.removeHandler(handler)
        source.propagate = saved
