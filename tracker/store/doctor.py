"""``tracker doctor``: the database's integrity and the rows no command can read.

SQLite's own ``PRAGMA integrity_check`` and ``foreign_key_check``, then every contract
``tracker.store.bad_rows.scan`` finds unreadable, and the reminder outbox rows whose stored
message is not valid JSON, and webhook recipients stored with their token in clear (by an older
version; ``tracker doctor --move-secrets`` moves them to 0600 files). Reports ids and problems only, never stored text.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from tracker.store import bad_rows
from tracker.store.read import connect
from tracker.store.recipient_secrets import clear_tokens


def check(path: Path | str) -> dict[str, Any]:
    """{"database", "exists", "integrity": [...], "foreign_keys": n, "contracts": [...], "outbox": n, "ok"}."""
    out: dict[str, Any] = {"database": str(path), "exists": False, "integrity": [], "foreign_keys": 0,
                           "contracts": [], "outbox_unreadable": 0, "webhook_tokens_in_clear": [], "ok": True}
    with connect(path) as conn:
        if conn is None:
            return out
        out["exists"] = True
        out["integrity"] = [r[0] for r in conn.execute("PRAGMA integrity_check(20)") if r[0] != "ok"]
        out["foreign_keys"] = len(conn.execute("PRAGMA foreign_key_check").fetchall())
        out["contracts"] = [{"contract_id": cid, "problem": problem}
                            for cid, problem in sorted(bad_rows.scan(conn).items())]
        out["outbox_unreadable"] = _outbox_unreadable(conn)
        out["webhook_tokens_in_clear"] = clear_tokens(conn)
    out["ok"] = not (out["integrity"] or out["foreign_keys"] or out["contracts"] or out["outbox_unreadable"]
                     or out["webhook_tokens_in_clear"])
    return out


def _outbox_unreadable(conn: sqlite3.Connection) -> int:
    try:
        row = conn.execute("SELECT count(*) FROM reminder_outbox WHERE status != 'failed' AND"
                           " (payload IS NULL OR NOT json_valid(payload))").fetchone()
    except sqlite3.OperationalError:  # no outbox table yet
        return 0
    return int(row[0])
