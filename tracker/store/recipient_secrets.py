"""Webhook URLs with a token that older versions stored in the database as given.

``tracker assign --webhook URL`` now keeps such a URL in a 0600 file and stores its ``file:``
reference; rows written before that still hold the URL itself. ``clear_tokens`` finds them
(for ``tracker doctor``) and ``move_tokens`` replaces each by a reference to a file written by
``keep`` (``tracker doctor --move-secrets``), in one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from tracker.secret_refs import has_token, is_ref


def clear_tokens(conn: sqlite3.Connection) -> list[int]:
    """Ids of webhook recipients whose stored address is a URL carrying a token."""
    try:
        rows = conn.execute("SELECT id, address FROM reminder_recipients WHERE kind = 'webhook' ORDER BY id")
    except sqlite3.OperationalError:  # no recipients table yet
        return []
    return [rid for rid, address in rows if not is_ref(address) and has_token(address)]


def move_tokens(conn: sqlite3.Connection, keep: Callable[[str], str]) -> int:
    """Replace every stored token URL by ``keep(url)`` (a reference); the number moved. A row that
    would then duplicate an existing assignment of the same reference is dropped instead.
    ``conn`` is an autocommit connection (``tracker.store.outbox.connect``)."""
    from tracker.store.outbox import immediate

    conn.execute("PRAGMA secure_delete = ON")  # the old value's bytes are zeroed, not left in free space
    with immediate(conn):
        ids = clear_tokens(conn)
        for rid in ids:
            (address,) = conn.execute("SELECT address FROM reminder_recipients WHERE id = ?", (rid,)).fetchone()
            ref = keep(address)
            try:
                conn.execute("UPDATE reminder_recipients SET address = ? WHERE id = ?", (ref, rid))
            except sqlite3.IntegrityError:  # the same URL was also assigned by reference
                conn.execute("DELETE FROM reminder_recipients WHERE id = ?", (rid,))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # and the database file itself rewritten now
    return len(ids)
