"""One corrupt contract among three: every command serves the other two and names the bad one.

The damage is done with plain SQL, as a hand edit or a truncated restore would: a ``facts`` JSON
cut in half, or a stored due date that is no date. ``remind`` (to a real webhook on
127.0.0.1), ``penalties``, ``upcoming`` and ``export`` go on with contracts 1 and 3 and print one
warning naming contract 2 and no contract text; ``show 2`` is one line; ``tracker doctor``
lists it. Exports are written 0600 whatever the umask.
"""

from __future__ import annotations

import json
import os
import stat
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from dbconn import db_connect, is_pg
from remind_helpers import add_contract, ob
from remind_servers import http_server
from typer.testing import CliRunner

from tracker.cli import app
from tracker.store import outbox

DUE = date(2025, 3, 17)
AS_OF = (DUE + timedelta(days=3)).isoformat()
CORRUPTIONS = {
    "truncated facts": "UPDATE contracts SET facts = substr(facts, 1, length(facts) / 2) WHERE id = 2",
    "bad due date": "UPDATE obligations SET due_date = '2025-02-30' WHERE contract_id = 2 AND kind = 'payment'",
    "bad trigger": "UPDATE obligations SET trigger = '{\"event\": \"acc' WHERE contract_id = 2 AND kind = 'other'",
    "bad penalty rate": "UPDATE contracts SET facts = json_set(facts, '$.penalties[0].rate', 'five')"
                        " WHERE id = 2",
    "penalties not a list": "UPDATE contracts SET facts = json_set(facts, '$.penalties', 7) WHERE id = 2",
}


@pytest.fixture
def three(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    conf = tmp_path / "config.toml"
    conf.write_text("[delivery]\nchannels = []\nbackoff_seconds = 0\nretries_in_run = 0\n")
    monkeypatch.setenv("TRACKER_CONFIG", str(conf))
    ids = []
    for name in ("A", "B", "C"):
        ids.append(add_contract(db_path, [
            ob("payment", DUE, title=f"{name}首期款", amount="100000.00"),
            ob("other", None, title=f"{name}尾款", amount="5000.00",
               trigger={"event": "acceptance", "offset": "P30D", "business_days": False})],
            title=f"{name}模型训练项目"))
    assert ids == [1, 2, 3]
    return ids


# PostgreSQL has jsonb_set where SQLite has json_set
CORRUPTIONS_PG = {
    "bad penalty rate": "UPDATE contracts SET facts = jsonb_set(facts::jsonb, '{penalties,0,rate}', '\"five\"')::text"
                        " WHERE id = 2",
    "penalties not a list": "UPDATE contracts SET facts = jsonb_set(facts::jsonb, '{penalties}', '7')::text WHERE id = 2",
}


def corrupt(db: Path, how: str) -> None:
    with db_connect(db) as c:
        assert c.execute((CORRUPTIONS_PG if is_pg(db) else {}).get(how, CORRUPTIONS[how])).rowcount == 1


def invoke(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


def warned_about_2_only(stderr: str) -> None:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("warning: contract #2 skipped: "), stderr
    assert "SECRET-QUOTE" not in stderr and "B模型" not in stderr and "B首期款" not in stderr and "Traceback" not in stderr


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_every_command_goes_on_with_the_other_two(db_path: Path, three: list[int], tmp_path: Path, how: str) -> None:
    corrupt(db_path, how)
    with http_server() as hook:
        with outbox.connect(db_path) as conn:
            outbox.add_recipient(conn, None, "both", "webhook", hook.url)
        res = invoke("remind", "--as-of", AS_OF)
        # the first run folds what is already overdue into one digest (tracker.first_digest): count its items
        got = Counter(i["contract_id"] for r in hook.reminders() for i in r.get("items", [r]))
    assert res.exit_code == 1, res.output  # done for the others, but something was left out
    assert set(got) == {1, 3} and got[1] == got[3] >= 1
    warned_about_2_only(res.stderr)

    res = invoke("penalties", "--as-of", AS_OF, "--json")
    assert res.exit_code == 1, res.output
    assert [c["contract_id"] for c in json.loads(res.stdout)] == [1, 3]
    warned_about_2_only(res.stderr)

    res = invoke("upcoming", "--as-of", AS_OF, "--json")
    rows = json.loads(res.stdout)
    if how == "bad penalty rate":  # upcoming and export do not read penalty clauses: nothing to skip
        assert {r["contract_id"] for r in rows} == {1, 2, 3} and res.stderr == "" and res.exit_code == 0
        return
    assert res.exit_code == 1, res.output
    assert {r["contract_id"] for r in rows} == {1, 3} and len(rows) == 4
    warned_about_2_only(res.stderr)

    for fmt in ("json", "csv", "ics"):
        out = tmp_path / f"o.{fmt}"
        res = invoke("export", "--format", fmt, "--output", str(out))
        assert res.exit_code == 1, res.output
        text = out.read_text(encoding="utf-8")
        assert "A首期款" in text and "C首期款" in text and "B首期款" not in text and "B模型" not in text
        assert [ln for ln in res.stderr.splitlines() if ln.startswith("warning")] == \
            [ln for ln in res.stderr.splitlines() if ln.startswith("warning: contract #2 skipped")] != []

    res = invoke("contracts", "--json")  # the portfolio still lists all three
    assert res.exit_code == 0 and [c["contract_id"] for c in json.loads(res.stdout)] == [1, 2, 3]

    res = invoke("show", "2", "--as-of", AS_OF)
    assert res.exit_code == 3 and res.stderr.startswith("error: contract #2: ")
    assert len(res.stderr.strip().splitlines()) == 1 and "SECRET-QUOTE" not in res.stderr
    assert invoke("show", "1", "--as-of", AS_OF).exit_code == 0

    res = invoke("doctor", "--json")
    assert res.exit_code == 1
    report = json.loads(res.stdout)
    assert [c["contract_id"] for c in report["contracts"]] == [2] and report["integrity"] == []


def test_doctor_on_a_healthy_database(db_path: Path, three: list[int]) -> None:
    res = invoke("doctor")
    assert res.exit_code == 0, res.output
    assert "integrity: ok" in res.stdout and "unreadable contracts: none" in res.stdout


def test_a_damaged_outbox_row_fails_alone(db_path: Path, three: list[int]) -> None:
    with http_server() as hook:
        with outbox.connect(db_path) as conn:
            outbox.add_recipient(conn, None, "both", "webhook", hook.url)
            outbox.enqueue(conn, [(1, 1, "payment", "overdue", None, "2025-03-01", "generic:x", "{\"trunc")], 0.0)
            outbox.add_recipient(conn, None, "both", "email", "x@y.test")
        res = invoke("remind", "--as-of", AS_OF)
        assert {r["contract_id"] for r in hook.reminders()} == {1, 2, 3}
    with db_connect(db_path) as c:
        assert c.execute("SELECT status, last_error FROM reminder_outbox WHERE channel = 'generic:x'").fetchone() \
            == ("failed", "stored reminder cannot be read")
    assert "Traceback" not in res.output


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_exports_are_private_whatever_the_umask(db_path: Path, three: list[int], tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        for fmt in ("json", "csv", "ics"):
            out = tmp_path / f"x.{fmt}"
            assert invoke("export", "--format", fmt, "-o", str(out)).exit_code == 0
            assert stat.S_IMODE(out.stat().st_mode) == 0o600
        existing = tmp_path / "old.csv"
        existing.write_text("stale")
        existing.chmod(0o644)
        assert invoke("export", "--format", "csv", "-o", str(existing)).exit_code == 0
        assert stat.S_IMODE(existing.stat().st_mode) == 0o600 and "stale" not in existing.read_text()
    finally:
        os.umask(old)


def test_export_dash_is_stdout(db_path: Path, three: list[int], tmp_path: Path) -> None:
    res = invoke("export", "--format", "json", "-o", "-")
    assert res.exit_code == 0 and len(json.loads(res.stdout)) == 6
    assert not (tmp_path / "-").exists() and not Path("-").exists()
