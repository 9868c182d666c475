"""Ingest: contract files into the store (read → parse → ``Store.add_parsed``).

The store takes parse results and knows nothing of files or of the parser; this is the one
place that reads contract files for ``tracker add`` (and ``tracker demo``). Each file is its own
transaction: a file already stored (same bytes, by SHA-256) is not parsed again, and a bad file
is reported as an ``AddFailure``, never fatal to the others. A database error is raised.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import StoreError, TrackerError
from tracker.store.results import AddFailure, AddOutcome

if TYPE_CHECKING:
    from tracker.calendars import Calendars
    from tracker.store.write import Store

CONTRACT_FILES = (".txt", ".md", ".docx", ".pdf")


def contract_files(paths: Iterable[Path | str]) -> list[Path]:
    """Files to add: each file as given, each directory's contract files (recursively, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in CONTRACT_FILES))
        else:
            out.append(p)
    return out


def add_files(store: Store, paths: Iterable[Path | str], *, amends: int | None = None,
              progress: Callable[[Path], None] | None = None) -> list[AddOutcome | AddFailure]:
    """Parse and add each file in its own transaction; a bad file is reported, not fatal."""
    out: list[AddOutcome | AddFailure] = []
    cals = store.calendars()
    with store.version_lookup() as find_version:  # one read connection for the run, not one per file
        for f in contract_files(paths):
            out.append(_add_one(store, f, find_version, cals, amends))
            if progress:
                progress(f)
    return out


def _add_one(store: Store, f: Path, find_version: Callable[[str], int | None], cals: Calendars | None,
             amends: int | None) -> AddOutcome | AddFailure:
    from tracker.parse import parse_file

    try:
        sha = hashlib.sha256(f.read_bytes()).hexdigest()
        known = find_version(sha)
        if known is not None:
            return AddOutcome(known, str(f), "unchanged")
        return store.add_parsed(parse_file(f, cals), file=str(f), amends=amends)
    except StoreError:
        raise
    except TrackerError as exc:
        return AddFailure(str(f), str(exc), exc.exit_code)
    except OSError as exc:
        return AddFailure(str(f), f"{f}: {exc.strerror or exc}", 2)
    except Exception as exc:  # a parser bug on one file must not stop the others (no text shown)
        return AddFailure(str(f), f"{f}: could not be parsed (internal error {type(exc).__name__}; "
                                  "please report it)")
