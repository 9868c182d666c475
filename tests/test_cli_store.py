"""Every store command through the CLI (CliRunner), human and --json output, errors as one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dbconn import db_connect, write_lock
from typer.testing import CliRunner

from tracker.cli import app
from tracker.model import ParseResult
from tracker.store.write import Store

FIX = Path(__file__).parent / "fixtures" / "store"
runner = CliRunner()


def run(*args: str, code: int = 0):
    r = runner.invoke(app, list(args))
    assert r.exit_code == code, (r.exit_code, r.output, r.exception)
    return r


def j(*args: str):
    return json.loads(run(*args, "--json").stdout)


@pytest.fixture
def loaded(db_path: Path) -> Path:
    with Store(db_path) as s:
        for name in ("p01-xinghe-intent", "p02-yunqi-bill-ocr"):
            d = json.loads((FIX / f"{name}.expected.json").read_text(encoding="utf-8"))
            s.add_parsed(ParseResult.from_json(d))
    return db_path


def count(db: Path, table: str) -> int:
    with db_connect(db) as c:
        return c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def ob_id(db: Path, title: str) -> int:
    with db_connect(db) as c:
        return c.execute("SELECT id FROM obligations WHERE title = ? ORDER BY id", (title,)).fetchone()[0]


def test_add_files_dir_json_and_idempotent(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "contracts"
    folder.mkdir()
    for n in ("p01-xinghe-intent.txt", "p04-zhiyu-legal-summary.zh-Hant.txt"):
        (folder / n).write_bytes((FIX / n).read_bytes())
    out = j("add", str(folder))
    assert [o["status"] for o in out] == ["added", "added"]
    assert set(out[0]) == {"contract_id", "file", "status", "warnings", "gaps"}
    assert not any("no payment" in g or "no late-payment" in g for g in out[0]["gaps"])
    assert out[1]["warnings"][0]["code"] == "perpetual_confidentiality"
    again = j("add", str(folder / "p01-xinghe-intent.txt"))
    assert again[0]["status"] == "unchanged" and again[0]["contract_id"] == out[0]["contract_id"]
    r = run("add", str(folder / "p01-xinghe-intent.txt"))
    assert "already tracked" in r.stdout
    r = run("add", str(FIX / "p02-yunqi-bill-ocr.md"))
    assert "added contract #3" in r.stdout


def test_add_bad_file_reported_others_added(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "good.txt").write_bytes((FIX / "p01-xinghe-intent.txt").read_bytes())
    r = run("add", str(folder), code=1)
    assert "empty.txt" in r.stderr and "1 of 2 files could not be added" in r.stderr
    assert count(db_path, "contracts") == 1
    r = run("add", str(tmp_path / "missing.txt"), code=2)  # bad input: one line, exit 2
    assert "missing.txt" in r.stderr


def test_add_new_version_via_amends(tmp_path: Path, db_path: Path) -> None:
    run("add", str(FIX / "p01-xinghe-intent.txt"))
    amended = tmp_path / "p01-amended.txt"
    amended.write_text((FIX / "p01-xinghe-intent.txt").read_text(encoding="utf-8")
                       .replace("2025年6月30日前支付第二期款", "2025年7月15日前支付第二期款"), encoding="utf-8")
    out = j("add", str(amended), "--amends", "1")
    assert out[0]["status"] == "new_version" and out[0]["contract_id"] == 1
    shown = j("show", "1", "--as-of", "2025-06-01")
    assert [v["version"] for v in shown["versions"]] == [1, 2]
    assert sorted(o["status"] for o in shown["obligations"] if o["title"].startswith("第二期款")) == [
        "pending", "superseded"]


def test_upcoming_human_and_json(loaded: Path) -> None:
    rows = j("upcoming", "--as-of", "2025-06-25", "--days", "30")
    dated = [r for r in rows if r["due_date"]]
    assert dated[0]["status"] == "overdue" and dated == sorted(dated, key=lambda r: r["due_date"])
    assert {"obligation_id", "contract_id", "kind", "party", "title", "due_date", "days_left", "amount",
            "status", "clause"} <= set(rows[0])
    assert all(r["contract_id"] == 2 for r in j("upcoming", "--as-of", "2025-06-25", "--contract", "2"))
    assert {r["kind"] for r in j("upcoming", "--as-of", "2025-06-25", "--kind", "payment")} == {"payment"}
    r = run("upcoming", "--as-of", "2025-06-25")
    assert "Waiting for acceptance" in r.stdout and "late" in r.stdout
    run("upcoming", "--as-of", "2025-02-30", code=2)
    run("upcoming", "--contract", "99", code=4)


def test_contracts_and_show(loaded: Path) -> None:
    rows = j("contracts")
    assert [r["contract_id"] for r in rows] == [1, 2]
    assert "智能客服" in run("contracts").stdout
    shown = j("show", "1", "--as-of", "2025-06-25")
    for key in ("facts", "obligations", "payments", "penalties", "evaluations", "warnings", "history", "versions"):
        assert key in shown
    r = run("show", "1", "--as-of", "2025-06-25")
    assert "Obligations" in r.stdout and "Penalties" in r.stdout
    r = run("show", "77", code=4)
    assert r.stderr.strip() == "error: no contract with id 77"


def test_done_waive_json(loaded: Path) -> None:
    data = ob_id(loaded, "训练数据交付")
    out = j("done", str(data), "--on", "2025-03-09", "--note", "delivered")
    assert out["changes"][0]["status"] == "fulfilled"
    run("done", str(data), code=2)
    run("done", "9999", code=4)
    out = j("waive", str(ob_id(loaded, "续约协商（期满前通知）")), "--note", "not renewing", "--on", "2025-04-01")
    assert out["changes"][0]["status"] == "waived"
    assert "waived" in run("show", "1").stdout


def test_event_json_and_errors(loaded: Path) -> None:
    out = j("event", "1", "acceptance", "--on", "2025-08-01")
    assert out["changes"][0]["due_date"] == "2025-08-18"
    r = run("event", "1", "termination", "--on", "2025-08-10")
    assert "waived" in r.stdout
    before = count(loaded, "contract_events")
    run("event", "1", "acceptance", "--on", "2025-02-30", code=2)
    run("event", "1", "nonsense", "--on", "2025-08-01", code=2)
    run("event", "9", "acceptance", "--on", "2025-08-01", code=4)
    assert count(loaded, "contract_events") == before


def test_pay_json_partial_and_errors(loaded: Path) -> None:
    out = j("pay", "1", "--amount", "100,000", "--on", "2025-03-20")
    assert out["changes"][0]["allocated"] == "100000.00" and out["amount"] == "100000.00"
    second = ob_id(loaded, "第二期款 40%")
    out = j("pay", "1", "--amount", "200000", "--on", "2025-06-30", "--obligation", str(second))
    assert out["changes"][0]["status"] == "fulfilled"
    for bad, code in (("0", 2), ("-5", 2), ("abc", 2), ("0.001", 2), ("1000000000000000", 2)):
        r = run("pay", "1", "--amount", bad, "--on", "2025-07-01", code=code)
        assert len(r.stderr.strip().splitlines()) == 1
    run("pay", "1", "--amount", "10", "--on", "2025-13-01", code=2)
    assert "plausible" in run("pay", "1", "--amount", "10", "--on", "0001-01-01", code=2).stderr
    assert "before the contract" in run("pay", "1", "--amount", "10", "--on", "2025-02-28", code=2).stderr
    assert count(loaded, "payments") == 2
    assert "首期款" in run("pay", "1", "--amount", "1", "--on", "2025-07-01").stdout
    # owed now: 首期款 150,000 - 100,001 = 49,999; 尾款 150,000; so 250,000 leaves a credit of 50,001
    out = j("pay", "1", "--amount", "250000", "--on", "2025-07-02")
    assert [c["allocated"] for c in out["changes"]] == ["49999.00", "150000.00"]
    assert out["credit"] == "50001.00"


def test_evaluate_json(loaded: Path) -> None:
    out = j("evaluate", "1", "--accuracy", "0.96", "--recall", "88%", "--f1", "0.93", "--on", "2025-07-25")
    assert out["passed"] is False and out["gaps"] == {"recall": "0.02"}
    r = run("evaluate", "1", "--accuracy", "0.96", "--recall", "0.88", "--f1", "0.93", "--on", "2025-07-25")
    assert "shortfall" in r.stdout and "stays open" in r.stdout
    out = j("evaluate", "1", "--accuracy", "0.96", "--recall", "0.91", "--f1", "0.93", "--on", "2025-07-28")
    assert out["passed"] is True and out["changes"][0]["status"] == "fulfilled"
    run("evaluate", "1", "--accuracy", "1.5", "--recall", "0.9", "--f1", "0.9", code=2)
    run("evaluate", "1", code=2)


def test_edit_json(loaded: Path) -> None:
    out = j("edit", "1", "term", "P12M")
    assert out["facts"]["expiry_date"] == "2026-03-01" and out["old"] == "P6M"
    assert "term" in run("edit", "1", "total_fee", "600000").stdout or True
    run("edit", "1", "effective_date", "2025-02-30", code=2)
    run("edit", "1", "nonsense", "x", code=2)
    history = j("show", "1")["history"]
    assert [h["field"] for h in history if h["action"] == "edit"] == ["term", "total_fee"]


def test_export_formats(loaded: Path, tmp_path: Path) -> None:
    out = json.loads(run("export", "--format", "json").stdout)
    assert len(out) == count(loaded, "obligations")
    csv_text = run("export", "--format", "csv").stdout
    assert csv_text.splitlines()[0].startswith("\ufeffobligation_id,contract_id")  # BOM for Excel
    target = tmp_path / "o.ics"
    run("export", "--format", "ics", "--output", str(target))
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    run("export", "--format", "xml", code=2)


def test_errors_leave_database_unchanged_on_corrupt_file(tmp_path: Path) -> None:
    bad = tmp_path / "corrupt.db"
    bad.write_bytes(b"garbage" * 1000)
    for args in (["upcoming"], ["contracts"], ["show", "1"], ["pay", "1", "--amount", "5", "--on", "2025-01-01"],
                 ["add", str(FIX / "p01-xinghe-intent.txt")]):
        r = run("--db", str(bad), *args, code=3)
        assert r.stderr.count("\n") == 1 and "not a tracker database" in r.stderr
    assert bad.read_bytes() == b"garbage" * 1000


def test_locked_database_cli(loaded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_BUSY_TIMEOUT", "0.2")
    with write_lock(loaded):
        r = run("pay", "1", "--amount", "5", "--on", "2025-03-20", code=3)
        assert "locked" in r.stderr
        assert j("upcoming", "--as-of", "2025-06-25")  # readers are not blocked by a writer (WAL)


def test_db_option_wins_and_file_mode(tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "my.db"
    run("--db", str(other), "add", str(FIX / "p01-xinghe-intent.txt"))
    assert other.exists() and (other.stat().st_mode & 0o777) == 0o600
    assert not (tmp_path / "tracker.db").exists()


def test_demo_runs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for n in ("p01-xinghe-intent.txt", "p02-yunqi-bill-ocr.md"):
        (data / n).write_bytes((FIX / n).read_bytes())
    r = run("demo", "--data", str(data))
    assert "tracker upcoming --as-of 2025-06-25" in r.stdout
    assert "Penalties as of 2025-06-25" in r.stdout
    assert not (tmp_path / "tracker.db").exists()  # the demo never touches the user's database


DATA = Path(__file__).parent.parent / "data"
CORPUS = Path(__file__).parent / "corpus"


def _fits(text: str, width: int) -> None:
    from rich.cells import cell_len

    for line in text.splitlines():
        assert cell_len(line) <= width, line
        if line[:1] and line[:1] in "┏┃┡│└":  # a table row keeps its right border: nothing was cut off
            assert line.rstrip()[-1] in "┓┃┩│┘", line


def test_tables_fit_80_columns_when_piped(loaded: Path) -> None:
    for args in (("upcoming", "--as-of", "2025-06-25"), ("contracts", "--as-of", "2025-06-25")):
        r = runner.invoke(app, list(args), env={"COLUMNS": "80"})
        assert r.exit_code == 0, r.output
        _fits(r.stdout, 80)
        assert "contract" in r.stdout or "next due" in r.stdout
    wide = runner.invoke(app, ["upcoming", "--as-of", "2025-06-25"], env={"COLUMNS": "120"}).stdout
    assert "when" in wide and "days late" not in wide and "d late" in wide


def test_same_contract_as_txt_and_pdf_is_one_version(db_path: Path) -> None:
    first = j("add", str(CORPUS / "p01-xinghe-intent.txt"))[0]
    second = j("add", str(DATA / "p01-xinghe-intent.pdf"))[0]
    assert first["status"] == "added"
    assert second["status"] == "unchanged" and second["contract_id"] == first["contract_id"]
    assert "another format" in second["note"]
    assert count(db_path, "contract_versions") == 1
    r = run("add", str(DATA / "p01-xinghe-intent.pdf"))
    assert "already tracked" in r.stdout


def test_demo_on_the_bundled_data_reads_at_100_columns(tmp_path: Path) -> None:
    files = sorted(p.name for p in DATA.iterdir() if p.suffix in (".txt", ".md", ".docx", ".pdf"))
    assert {Path(f).suffix for f in files} == {".txt", ".md", ".docx", ".pdf"}
    stems = [f.split(".")[0] for f in files]
    assert len(stems) == len(set(stems))  # one file per contract
    r = runner.invoke(app, ["demo"], env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.output
    _fits(r.stdout, 100)
    assert r.stdout.count("  added ") == len(files) and "unchanged" not in r.stdout
    assert "tracker pay " in r.stdout and "(paid late)" in r.stdout and "Penalties as of 2025-06-25" in r.stdout
    assert "违约金计算表" in r.stdout  # the statement, once
