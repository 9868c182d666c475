"""PostgreSQL targets without a server: which text names which engine, passwords never shown, and the
SQL rewrite of tracker.store.pg (expected texts written by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.errors import StoreError
from tracker.store import pg
from tracker.store.paths import resolve_db_path
from tracker.store.sqlerrors import store_error

SECRET = "s3cr3t-Pa55"
URL = f"postgresql://alice:{SECRET}@127.0.0.1:1/books"  # port 1: nothing listens, refused at once


def test_a_url_names_postgresql_and_a_path_sqlite(tmp_path: Path) -> None:
    got = resolve_db_path(URL, {})
    assert isinstance(got, pg.PgUrl) and got.url == URL
    assert isinstance(resolve_db_path(None, {"TRACKER_DB": "postgres://bob@db/x"}), pg.PgUrl)
    assert resolve_db_path(None, {"TRACKER_DB": "postgres://bob@db/x"}).url == "postgresql://bob@db/x"
    assert resolve_db_path(str(tmp_path / "t.db"), {"TRACKER_DB": URL}) == tmp_path / "t.db"  # --db wins
    assert resolve_db_path(None, {"TRACKER_DB": str(tmp_path / "t.db")}) == tmp_path / "t.db"


def test_the_password_is_never_shown() -> None:
    u = pg.PgUrl(URL)
    assert SECRET not in str(u) and SECRET not in repr(u) and str(u) == "postgresql://alice:***@127.0.0.1:1/books"
    assert pg.redact(f"error at {URL}: boom") == "error at postgresql://alice:***@127.0.0.1:1/books: boom"
    assert SECRET not in str(store_error(u, RuntimeError(f"could not connect to {URL}")))
    with pytest.raises(StoreError) as e:
        pg.connect(u, timeout=1)
    assert SECRET not in str(e.value) and "\n" not in str(e.value) and "cannot connect" in str(e.value)


@pytest.mark.parametrize("cmd", [["upcoming"], ["contracts"], ["pay", "1", "--amount", "5", "--on", "2025-01-01"],
                                 ["remind", "--as-of", "2025-01-01"], ["doctor"]])
def test_cli_on_an_unreachable_server_is_one_line_without_the_password(cmd: list[str]) -> None:
    r = CliRunner().invoke(app, ["--db", URL, *cmd])
    assert r.exit_code == 3, r.output
    assert SECRET not in r.output and "Traceback" not in r.output
    assert r.stderr.count("\n") == 1 and "alice:***@127.0.0.1:1/books" in r.stderr


def test_env_url_with_password_is_redacted_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DB", URL)
    r = CliRunner().invoke(app, ["upcoming"])
    assert r.exit_code == 3 and SECRET not in r.output


@pytest.mark.parametrize(("sqlite", "postgres"), [
    ("SELECT id FROM t WHERE a = ? AND b IS ?", "SELECT id FROM t WHERE a = %s AND b IS NOT DISTINCT FROM %s"),
    ("INSERT OR IGNORE INTO t (a) VALUES (?)", "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING"),
    ("SELECT 1 FROM t WHERE id IN (SELECT value FROM json_each(?))",
     "SELECT 1 FROM t WHERE id IN (SELECT value FROM tracker_json_each(%s))"),
    ("SELECT a FROM o INDEXED BY ix_o WHERE x LIKE ? ORDER BY due, id DESC LIMIT ?",
     "SELECT a FROM o WHERE x ILIKE %s ORDER BY due NULLS FIRST, id DESC NULLS LAST LIMIT %s"),
    ("SELECT 'a?b', 5 % 2 FROM t WHERE k IN ()", "SELECT 'a?b', 5 %% 2 FROM t WHERE k IN (SELECT NULL WHERE false)"),
    ("UPDATE t SET n = min(a, 20) WHERE rowid = ?", "UPDATE t SET n = least(a, 20) WHERE id = %s"),
    ("SELECT group_concat(amount, ' ') FROM p", "SELECT string_agg((amount)::text, ' ') FROM p"),
])
def test_sqlite_sql_rewritten_for_postgresql(sqlite: str, postgres: str) -> None:
    assert pg.translate(sqlite) == postgres


def test_a_deadlock_is_retried_and_other_errors_are_not() -> None:
    calls: list[str] = []

    class Fake:
        __module__ = "tracker.store.fake"

        def pay(self, fail: int) -> str:
            calls.append("pay")
            if len(calls) <= fail:
                try:
                    raise pg.RetryableError("deadlock detected")
                except pg.RetryableError as exc:
                    raise StoreError("db: database error (deadlock detected)") from exc
            return "paid"

        def done(self) -> None:
            calls.append("done")
            raise StoreError("no obligation with id 9")

    fake = pg.retry_methods(Fake)()
    assert fake.pay(2) == "paid" and calls == ["pay", "pay", "pay"]  # two deadlocks, then the commit
    calls.clear()
    with pytest.raises(StoreError, match="no obligation"):
        fake.done()
    assert calls == ["done"]  # not retried
    calls.clear()
    with pytest.raises(StoreError, match="deadlock"):
        fake.pay(99)
    assert len(calls) == pg.RETRIES  # bounded
