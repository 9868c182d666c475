"""Shared fixtures: every test gets its own data dir, database and config dir.

The database: the modules named in ``BOTH_ENGINES`` run each test twice, on SQLite and on a real
PostgreSQL server (``tests/pg_server.py``, one per session, a fresh database per test); the
others run on SQLite. ``db_path`` and ``$TRACKER_DB`` name the test's database: a file path, or
a ``postgresql://`` URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).parent
CONTRACTS = TESTS / "contracts"
DATA = TESTS.parent / "data"

# the store, CLI, reminder and concurrency tests: each runs on both engines
BOTH_ENGINES = frozenset({
    "test_store", "test_cli_store", "test_books", "test_books_safety", "test_concurrency", "test_daily",
    "test_outbox_claim", "test_export", "test_schedule", "test_calendars", "test_first_digest",
    "test_bad_rows", "test_penalty_cli", "test_penalty_summary", "test_channels_hostile", "test_tables_80",
    "test_undo_property", "test_multi_remind", "test_daily_crash", "test_people", "test_ingest",
    "test_webhook_secrets", "test_remind_rerun",
})


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_engine" in metafunc.fixturenames and metafunc.module.__name__.rsplit(".", 1)[-1] in BOTH_ENGINES:
        only = metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("db_engine", ["sqlite"] if only else ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def db_engine(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    from pg_server import PgServer, find_bin

    bindir = find_bin()
    if bindir is None:
        pytest.fail("no PostgreSQL server binaries: pip install -e '.[test]' brings the pgserver wheel")
    server = PgServer(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def db_target(db_engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The test's database: ``tmp_path/tracker.db``, or a fresh PostgreSQL database's ``PgUrl``."""
    if db_engine == "sqlite":
        yield tmp_path / "tracker.db"
        return
    from tracker.store.pg import PgUrl

    server = request.getfixturevalue("pg_server")
    url = server.new_database()
    yield PgUrl(url)
    server.drop_database(url)


@pytest.fixture(scope="session")
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One user cache dir for the session: ``tracker parse`` keeps its compiled patterns there."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_target: Any, _cache_home: Path) -> None:
    """Point the database, user data, config and cache dirs at tmp_path; nothing touches $HOME."""
    monkeypatch.setenv("TRACKER_DB", getattr(db_target, "url", str(db_target)))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_home))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("TRACKER_TZ", "Asia/Shanghai")
    for var in ("TRACKER_CONFIG", "TRACKER_SMTP_HOST", "TRACKER_SMTP_USER", "TRACKER_SMTP_PASSWORD"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def db_path(db_target: Any) -> Any:
    return db_target
