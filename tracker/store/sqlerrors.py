"""SQLite failures as one-line ``StoreError`` messages (shared by the SQLAlchemy and sqlite3 paths)."""

from __future__ import annotations

from pathlib import Path

from tracker.errors import StoreError


def store_error(path: Path, exc: BaseException) -> StoreError:
    """One line for a low-level SQLite failure."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).splitlines()[0] if str(orig) else type(orig).__name__
    if "locked" in text or "busy" in text:
        return StoreError(f"{path}: database is locked by another process (try again)")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(f"{path}: not a tracker database or corrupted ({text})")
    if "readonly" in text or "unable to open" in text:
        return StoreError(f"{path}: cannot open the database for writing ({text})")
    return StoreError(f"{path}: database error ({text})")
