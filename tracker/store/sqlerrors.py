"""SQLite failures as one-line ``StoreError`` messages (shared by the SQLAlchemy and sqlite3 paths)."""

from __future__ import annotations

from pathlib import Path

from tracker.errors import StoreError


def store_error(path: Path | object, exc: BaseException) -> StoreError:
    """One line for a low-level SQLite (or PostgreSQL) failure; a password in it is never shown."""
    from tracker.store.pg import redact

    orig = getattr(exc, "orig", None) or exc
    text = redact(str(orig).splitlines()[0] if str(orig) else type(orig).__name__)
    if "locked" in text or "busy" in text or "lock timeout" in text:
        return StoreError(f"{path}: database is locked by another process (try again)")
    if "numeric field overflow" in text:  # PostgreSQL's NUMERIC(18,2) money
        return StoreError(f"{path}: amount too large for the database (at most 16 digits before the point)")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(f"{path}: not a tracker database or corrupted ({text})")
    if "readonly" in text or "unable to open" in text:
        return StoreError(f"{path}: cannot open the database for writing ({text})")
    return StoreError(f"{path}: database error ({text})")
