"""Where the database lives, and creating its file with mode 0600.

One place decides: an explicit path (the CLI's ``--db``), else ``$TRACKER_DB``, else
``<user data dir>/tracker/tracker.db`` (platformdirs). The CLI passes the environment in;
the library never reads it on its own.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from tracker.errors import StoreError

DB_NAME = "tracker.db"


def resolve_db_path(explicit: Path | str | None, environ: Mapping[str, str]) -> Path:
    """``--db``, then ``TRACKER_DB``, then the platform's user data dir. A ``postgresql://`` URL
    names a PostgreSQL database (a ``tracker.store.pg.PgUrl``, which every store entry takes
    where it takes a path); anything else is an SQLite file."""
    value = str(explicit) if explicit else environ.get("TRACKER_DB")
    if value and value.startswith(("postgresql://", "postgres://")):
        from tracker.store.pg import PgUrl

        return PgUrl(value)  # type: ignore[return-value]
    if explicit:
        return Path(explicit).expanduser()
    if environ.get("TRACKER_DB"):
        return Path(environ["TRACKER_DB"]).expanduser()
    from tracker.user_dirs import user_data_dir

    return Path(user_data_dir("tracker")) / DB_NAME


def ensure_db_file(path: Path) -> bool:
    """Create an empty database file readable by its owner only; True if it was created.

    The file exists with mode 0600 before SQLite opens it (SQLite gives the -wal and -shm
    files the same mode), and the mode is set explicitly so a permissive umask cannot widen it.
    """
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a database file")
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    except FileExistsError:
        return False
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the database ({exc.strerror})") from exc
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return True
