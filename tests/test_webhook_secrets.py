"""A webhook URL that carries a token never lands in the database.

``tracker assign --webhook URL`` keeps such a URL in a 0600 file (in a 0700 directory) and
stores its reference; delivery reads the file. Rows an older version stored in clear are listed
by ``tracker doctor`` and moved by ``tracker doctor --move-secrets``. Real SQLite, the real CLI,
a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from dbconn import db_connect, is_pg
from remind_helpers import add_contract, ob
from remind_servers import http_server
from typer.testing import CliRunner

from tracker.cli import app
from tracker.store import outbox

TOKEN = "SECRETTOKEN0123456789abcdef"
DUE = date(2025, 3, 17)


@pytest.fixture
def secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "secrets"
    monkeypatch.setenv("TRACKER_SECRETS_DIR", str(where))
    return where


@pytest.fixture
def contract(db_path: Path) -> int:
    return add_contract(db_path, [ob("payment", DUE, title="首期款 30%", amount="150000.00")])


def db_bytes(db: Path) -> bytes:
    if is_pg(db):  # every stored text column of every table, as the server would dump it
        with db_connect(db) as c:
            tables = [t for (t,) in c.execute("SELECT table_name FROM information_schema.tables"
                                              " WHERE table_schema = 'public'").fetchall()]
            return b"".join(str(c.execute(f"SELECT * FROM {t}").fetchall()).encode() for t in tables)
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))


def addresses(db: Path) -> list[str]:
    with db_connect(db) as c:
        return [a for (a,) in c.execute("SELECT address FROM reminder_recipients ORDER BY id")]


def test_a_token_url_is_kept_in_a_private_file_and_still_delivered(db_path: Path, contract: int,
                                                                   secrets: Path, tmp_path: Path) -> None:
    conf = tmp_path / "config.toml"
    conf.write_text("[delivery]\nchannels = []\nmax_attempts = 1\nretries_in_run = 0\n")
    with http_server() as hook:
        url = f"{hook.url}?access_token={TOKEN}"
        first = CliRunner().invoke(app, ["assign", str(contract), "--webhook", url])
        again = CliRunner().invoke(app, ["assign", str(contract), "--webhook", url])
        run = CliRunner(env={"TRACKER_CONFIG": str(conf)}).invoke(app, ["remind", "--as-of", DUE.isoformat()])
        assert run.exit_code == 0, run.output
        assert len(hook.reminders()) == 1 and hook.paths == [f"/hook?access_token={TOKEN}"]
    assert first.exit_code == 0 and "mode 0600" in first.stderr
    assert "already assigned" in again.stdout
    assert TOKEN not in first.output + again.output + run.output
    [ref] = addresses(db_path)
    kept = Path(ref.removeprefix("file:"))
    assert ref.startswith("file:") and kept.parent == secrets
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and stat.S_IMODE(secrets.stat().st_mode) == 0o700
    assert kept.read_text().strip() == url
    assert TOKEN.encode() not in db_bytes(db_path)


def test_a_url_without_a_token_is_stored_as_given(db_path: Path, contract: int, secrets: Path) -> None:
    res = CliRunner().invoke(app, ["assign", str(contract), "--webhook", "https://hooks.example.com/notify"])
    assert res.exit_code == 0 and res.stderr == ""
    assert addresses(db_path) == ["https://hooks.example.com/notify"] and not secrets.exists()


def test_doctor_lists_and_moves_tokens_an_older_version_stored(db_path: Path, contract: int,
                                                               secrets: Path) -> None:
    legacy = f"https://oapi.dingtalk.com/robot/send?access_token={TOKEN}"
    with outbox.connect(db_path) as conn:  # as an older `tracker assign` wrote it
        outbox.add_recipient(conn, contract, "both", "webhook", legacy, "dingtalk")
        outbox.add_recipient(conn, None, "both", "email", "fin@client.test")
    found = CliRunner().invoke(app, ["doctor"])
    assert found.exit_code == 1 and "webhook tokens stored in the database: recipients #1" in found.stdout
    as_json = CliRunner().invoke(app, ["doctor", "--json"])
    assert '"webhook_tokens_in_clear": [\n    1\n  ]' in as_json.stdout or '"webhook_tokens_in_clear": [1]' in as_json.stdout
    moved = CliRunner().invoke(app, ["doctor", "--move-secrets"])
    assert moved.exit_code == 0, moved.output
    assert "moved 1 webhook URL" in moved.stderr
    assert TOKEN not in found.output + as_json.output + moved.output
    ref, email = addresses(db_path)
    assert email == "fin@client.test" and ref.startswith("file:")
    assert Path(ref.removeprefix("file:")).read_text().strip() == legacy
    assert TOKEN.encode() not in db_bytes(db_path)
    assert CliRunner().invoke(app, ["doctor"]).exit_code == 0
