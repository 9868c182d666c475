"""Shared fixtures: every test gets its own data dir, database path and config dir."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent
CONTRACTS = TESTS / "contracts"
DATA = TESTS.parent / "data"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the database, user data and config dirs at tmp_path; nothing touches $HOME."""
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("TRACKER_TZ", "Asia/Shanghai")
    for var in ("TRACKER_CONFIG", "TRACKER_SMTP_HOST", "TRACKER_SMTP_USER", "TRACKER_SMTP_PASSWORD"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.db"
