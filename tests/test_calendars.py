"""Calendars a user extends: `tracker calendar import|show|status|refresh`, re-dating after an import,
the daily job's reminders about moved deadlines, refusals. Real SQLite, the CLI through CliRunner.

The 2027 schedule in fixtures/calendars/CN-2027-test.toml is written for these tests: holidays
2027-01-01 (Fri) and 2027-02-08..12 (Mon-Fri), make-up working day Saturday 2027-02-20.
Hand counts (weekdays: 2026-12-28 Mon, 2027-01-21 Thu, 2027-02-03 Wed, 2027-02-20 Sat):

- A: 10 working days after Mon 2026-12-28. Weekends only in 2027: 12-29, 12-30, 12-31, 01-01,
  01-04 … 01-08, 01-11 → 2027-01-11. With the import (01-01 off): … 01-08, 01-11, 01-12 → 2027-01-12.
- B: 30 days after 2027-01-21 = Sat 2027-02-20, rolled to a working day. Weekends only: Mon
  2027-02-22. With the import 02-20 is a make-up working day: stays 2027-02-20.
- C: 10 working days after Wed 2027-02-03. Weekends only: 02-04, 02-05, 02-08 … 02-12, 02-15,
  02-16, 02-17 → 2027-02-17. With the import: 02-04, 02-05, 02-15 … 02-19, 02-20 (Sat), 02-22,
  02-23 → 2027-02-23.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from dbconn import db_connect
from remind_helpers import add_contract, ob
from typer.testing import CliRunner

from tracker.cli import app
from tracker.config import Config, Delivery, Smtp
from tracker.daily import run_daily

FIX = Path(__file__).parent / "fixtures" / "calendars"
TEST_2027 = FIX / "CN-2027-test.toml"
runner = CliRunner()


def run(*args: str, code: int = 0):  # type: ignore[no-untyped-def]
    r = runner.invoke(app, list(args))
    assert r.exit_code == code, (r.exit_code, r.output, r.exception)
    return r


def j(*args: str):  # type: ignore[no-untyped-def]
    return json.loads(run(*args, "--json").stdout)


def cfg() -> Config:
    return Config(delivery=Delivery(channels=("log",), backoff_seconds=0.0, timeout_seconds=2.0),
                  smtp=Smtp(host="127.0.0.1", port=1, security="none", sender="tracker@test"))


def dues(db: Path) -> dict[str, str | None]:
    with db_connect(db) as c:
        return dict(c.execute("SELECT title, due_date FROM obligations ORDER BY id").fetchall())


def table(db: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with db_connect(db) as c:
        return c.execute(sql).fetchall()


@pytest.fixture
def waiting(db_path: Path) -> int:
    """A mainland contract whose three deadlines wait for events that will fall around 2027."""
    cid = add_contract(db_path, [
        ob("payment", None, title="A 首期款", amount="100000.00",
           trigger={"event": "effective", "offset": "P10D", "business_days": True}),
        ob("evaluation_report", None, party="provider", title="B 评估报告", clause="2.4",
           trigger={"event": "model_delivery", "offset": "P30D", "business_days": False}),
        ob("payment", None, title="C 尾款", amount="50000.00",
           trigger={"event": "invoice", "offset": "P10D", "business_days": True}),
    ], title="跨年合同")
    with db_connect(db_path) as c:  # the effective date is recorded as an event below
        for cid_, facts in c.execute("SELECT id, facts FROM contracts").fetchall():
            f = {**json.loads(facts), "effective_date": None, "signed_date": None, "term": None, "expiry_date": None}
            c.execute("UPDATE contracts SET facts = ? WHERE id = ?", (json.dumps(f, ensure_ascii=False), cid_))
    return cid


def _events(cid: int) -> list[dict]:  # type: ignore[type-arg]
    out = []
    for name, on in (("effective", "2026-12-28"), ("model_delivery", "2027-01-21"), ("invoice", "2027-02-03")):
        out.append(j("event", str(cid), name, "--on", on))
    return out


def test_import_then_refresh_moves_each_deadline_once(db_path: Path, waiting: int) -> None:
    got = _events(waiting)
    # before the import: weekends only in 2027, and each event says so
    assert dues(db_path) == {"A 首期款": "2027-01-11", "B 评估报告": "2027-02-22", "C 尾款": "2027-02-17"}
    for result in got:
        (change,) = result["changes"]
        assert change["warning"]["code"] == "calendar_out_of_range" and change["warning"]["years"] == [2027]
        assert "tracker calendar import" in change["warning"]["message"]
    r = run("event", str(waiting), "acceptance", "--on", "2027-01-04")  # nothing waits for it: no warning
    assert "warning" not in r.stdout
    before = j("calendar", "refresh")
    assert before["moved"] == [] and sorted(w["title"] for w in before["warnings"]) == ["A 首期款", "B 评估报告", "C 尾款"]

    out = j("calendar", "import", str(TEST_2027))
    assert (out["status"], out["calendar"], out["year"], out["holidays"], out["workdays"]) == \
        ("imported", "CN", 2027, 6, 1)
    assert dues(db_path)["A 首期款"] == "2027-01-11"  # an import alone re-dates nothing

    after = j("calendar", "refresh")
    moved = {m["title"]: (m["old_due_date"], m["new_due_date"]) for m in after["moved"]}
    assert moved == {"A 首期款": ("2027-01-11", "2027-01-12"), "B 评估报告": ("2027-02-22", "2027-02-20"),
                     "C 尾款": ("2027-02-17", "2027-02-23")}
    assert after["warnings"] == []
    assert all(m["contract_id"] == waiting and "import #" in m["reason"] for m in after["moved"])
    assert dues(db_path) == {"A 首期款": "2027-01-12", "B 评估报告": "2027-02-20", "C 尾款": "2027-02-23"}
    assert j("calendar", "refresh") == {"on": after["on"], "moved": [], "warnings": []}  # listed once
    text = run("calendar", "refresh").stdout
    assert "no deadline moved" in text
    history = table(db_path, "SELECT action, old, new FROM history WHERE action = 'calendar' ORDER BY id")
    assert history == [("calendar", "2027-01-11", "2027-01-12"), ("calendar", "2027-02-17", "2027-02-23"),
                       ("calendar", "2027-02-22", "2027-02-20")]


def test_refresh_text_lists_old_new_obligation_contract(db_path: Path, waiting: int) -> None:
    _events(waiting)
    run("calendar", "import", str(TEST_2027))
    out = run("calendar", "refresh").stdout
    assert "2027-01-11 → 2027-01-12" in out and "A 首期款" in out and f"contract #{waiting} 跨年合同" in out


def test_daily_job_refreshes_and_reminds_about_each_move_once(db_path: Path, waiting: int) -> None:
    _events(waiting)
    run("calendar", "import", str(TEST_2027))
    first = run_daily(db_path, date(2026, 12, 29), config=cfg())
    moved = sorted((d["title"], d["old_due_date"], d["new_due_date"]) for d in first.delivered
                   if d["reason"] == "calendar_moved")
    assert moved == [("A 首期款", "2027-01-11", "2027-01-12"), ("B 评估报告", "2027-02-22", "2027-02-20"),
                     ("C 尾款", "2027-02-17", "2027-02-23")]
    assert all("deadline moved by the holiday calendar" in d["text"] for d in first.delivered
               if d["reason"] == "calendar_moved")
    again = run_daily(db_path, date(2026, 12, 30), config=cfg())
    assert [d for d in again.delivered if d["reason"] == "calendar_moved"] == []
    assert table(db_path, "SELECT count(*) FROM calendar_moves WHERE reminded_on IS NULL") == [(0,)]


def test_daily_job_warns_about_uncovered_years(db_path: Path, waiting: int, monkeypatch: pytest.MonkeyPatch) -> None:
    _events(waiting)
    result = run_daily(db_path, date(2026, 12, 29), config=cfg())
    assert sorted(w["due_date"] for w in result.calendar["warnings"]) == ["2027-01-11", "2027-02-17", "2027-02-22"]
    assert {tuple(w["years"]) for w in result.calendar["warnings"]} == {(2027,)}
    monkeypatch.setattr("tracker.cli_run_remind.today", lambda: date(2026, 12, 29))  # a real run refuses a later day
    r = run("remind", "--as-of", "2026-12-29")
    assert "warning calendar_out_of_range: 3 open deadline(s) counted with weekends only in CN 2027" in r.stderr


def test_import_file_round_trip_show_and_status(db_path: Path) -> None:
    out = j("calendar", "import", str(FIX / "CN-2026.toml"))  # typed from the notice: agrees with the package
    assert out["status"] == "imported" and out["differs_from_package"] == []
    shown = j("calendar", "show", "2026")
    assert shown["source"].startswith("import #1: 国务院办公厅关于2026年部分节假日安排的通知")
    assert shown["workdays"] == ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
    assert len(shown["holidays"]) == 33 and shown["holidays"][:3] == ["2026-01-01", "2026-01-02", "2026-01-03"]
    assert j("calendar", "import", str(FIX / "CN-2026.toml"))["status"] == "unchanged"
    run("calendar", "import", str(TEST_2027))
    text = run("calendar", "show", "2027").stdout
    assert "test schedule 2027" in text and "2027-02-20 Sat" in text and "2027-01-01 Fri" in text
    status = {s["calendar"]: s for s in j("calendar", "status")}
    cn = status["CN"]
    assert cn["package"].startswith("chinesecalendar") and cn["package_years"][0] == 2004
    assert [i["year"] for i in cn["imported"]] == [2026, 2027] and cn["next_uncovered"] == 2028
    assert "2027: import #2 test schedule 2027" in run("calendar", "status").stdout


def test_show_uncovered_year_and_unknown_calendar(db_path: Path) -> None:
    r = run("calendar", "show", "2031", code=1)
    assert r.stderr.count("\n") == 1 and "CN 2031 is not covered" in r.stderr and "tracker calendar import" in r.stderr
    r = run("calendar", "show", "2026", "--calendar", "XX", code=2)
    assert "'XX' is not a calendar code" in r.stderr
    assert j("calendar", "show", "2026", "--calendar", "us-ny")["holidays"][-1] == "2026-12-25"


BAD = [
    ("year = 2027\nholidays = [\"2027-01-01\"\n", "not valid TOML"),
    ("holidays = []\n", "year is missing"),
    ("year = 2027\n", "holidays is missing"),
    ("year = 2027\nholidays = [\"2027-02-30\"]\n", "'2027-02-30' is not a date"),
    ("year = 2027\nholidays = [\"2026-12-31\"]\n", "2026-12-31 is not in 2027"),
    ("year = 2027\nholidays = [\"2027-01-01\"]\nworkdays = [\"2027-01-01\"]\n", "both a holiday and a make-up"),
    ("year = 2027\nholidays = []\nworkdays = [\"2027-02-22\"]\n", "2027-02-22 is a weekday"),
    ("year = 2027\nholiday = []\n", "unknown key 'holiday'"),
    ("calendar = \"XX\"\nyear = 2027\nholidays = []\n", "unknown calendar 'XX'"),
    ("year = 2027\nholidays = \"2027-01-01\"\n", "holidays must be a list"),
]


@pytest.mark.parametrize(("text", "problem"), BAD, ids=[b[1] for b in BAD])
def test_bad_files_are_one_line_naming_file_and_problem(tmp_path: Path, db_path: Path, text: str,
                                                        problem: str) -> None:
    f = tmp_path / "next-year.toml"
    f.write_text(text, encoding="utf-8")
    r = run("calendar", "import", str(f), code=2)
    assert r.stderr.count("\n") == 1 and str(f) in r.stderr and problem in r.stderr, r.stderr
    assert not db_path.exists() or table(db_path, "SELECT count(*) FROM calendar_years") == [(0,)]


def test_missing_file(tmp_path: Path) -> None:
    r = run("calendar", "import", str(tmp_path / "nope.toml"), code=2)
    assert "nope.toml" in r.stderr and r.stderr.count("\n") == 1


def test_year_disagreeing_with_package_refused_unless_replace(tmp_path: Path, db_path: Path) -> None:
    text = (FIX / "CN-2026.toml").read_text(encoding="utf-8").replace('"2026-10-10",', "")  # drop a make-up day
    f = tmp_path / "cn-2026-wrong.toml"
    f.write_text(text, encoding="utf-8")
    r = run("calendar", "import", str(f), code=2)
    assert str(f) in r.stderr and "disagrees with chinesecalendar" in r.stderr and "2026-10-10" in r.stderr
    assert "--replace" in r.stderr and r.stderr.count("\n") == 1
    assert table(db_path, "SELECT count(*) FROM calendar_years") == [(0,)]
    out = j("calendar", "import", str(f), "--replace")
    assert out["status"] == "imported" and out["differs_from_package"] == ["2026-10-10"]
    assert j("calendar", "show", "2026")["workdays"][-1] == "2026-09-20"  # the import wins


def test_reimport_with_other_days_refused_unless_replace(tmp_path: Path, db_path: Path, waiting: int) -> None:
    _events(waiting)
    run("calendar", "import", str(TEST_2027))
    j("calendar", "refresh")
    f = tmp_path / "cn-2027-fixed.toml"  # the notice corrected: 2027-01-11 is a day off too
    f.write_text(TEST_2027.read_text(encoding="utf-8").replace('["2027-01-01",', '["2027-01-01", "2027-01-11",'),
                 encoding="utf-8")
    r = run("calendar", "import", str(f), code=2)
    assert "already imported (import #1: test schedule 2027)" in r.stderr and "2027-01-11" in r.stderr
    assert j("calendar", "show", "2027")["holidays"][1] == "2027-02-08"  # unchanged
    assert j("calendar", "import", str(f), "--replace")["status"] == "replaced"
    moved = {m["title"]: (m["old_due_date"], m["new_due_date"]) for m in j("calendar", "refresh")["moved"]}
    assert moved == {"A 首期款": ("2027-01-12", "2027-01-13")}  # 01-11 no longer counts


def test_edit_calendar_redates_and_is_validated(db_path: Path, waiting: int) -> None:
    _events(waiting)
    out = j("edit", str(waiting), "calendar", "tw")
    assert out["new"] == "TW" and out["old"] == "CN"
    # Taiwan (holidays package): 2027-01-01 Fri, Lunar New Year 02-04 .. 02-10 off, no make-up days that year.
    # A: 12-29, 12-30, 12-31, 01-04 .. 01-08, 01-11, 01-12 → 2027-01-12.
    # B: Sat 02-20 → Mon 02-22.  C: after Wed 02-03: 02-11, 02-12, 02-15 .. 02-19, 02-22 .. 02-24 → 2027-02-24.
    assert dues(db_path) == {"A 首期款": "2027-01-12", "B 评估报告": "2027-02-22", "C 尾款": "2027-02-24"}
    assert {c["title"] for c in out["changes"]} == {"A 首期款", "C 尾款"}
    assert out["warnings"] == []
    shown = j("show", str(waiting))
    assert shown["calendar"] == "TW"
    assert "Working days" in run("show", str(waiting)).stdout
    r = run("edit", str(waiting), "calendar", "Atlantis", code=2)
    assert "'Atlantis' is not a calendar code" in r.stderr


def test_migration_0004_adds_calendar_columns_to_an_old_database(tmp_path: Path) -> None:
    """A database written before calendars (schema of migrations 0001-0003) gains the columns and tables."""
    db = tmp_path / "old.db"
    old_schema = (FIX / "schema-0003.sql").read_text(encoding="utf-8")
    with db_connect(db) as c:
        c.executescript(old_schema)
        for i, name in enumerate(("0001_core_tables", "0002_reminders", "0003_open_due_index"), 1):
            c.execute("INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01')", (i, name))
        c.execute("INSERT INTO contracts (title, language, file, sha256, facts, added_at)"
                  " VALUES ('t', 'zh-Hans', 'f', 's', '{}', 'x')")
    from tracker.store.write import Store

    Store(db).close()
    cols = {r[1] for r in table(db, "PRAGMA table_info(obligations)")}
    assert {"calendar", "calendar_basis"} <= cols
    assert table(db, "SELECT calendar FROM contracts") == [("CN",)]
    assert ("0004_calendars",) in table(db, "SELECT name FROM schema_migrations ORDER BY id")
    assert ("0006_actions",) in table(db, "SELECT name FROM schema_migrations ORDER BY id")
    assert {"resolved_by", "review", "origin"} <= cols  # issue 9's migration runs after it


def test_a_document_parsed_before_the_import_is_redated_by_refresh(db_path: Path) -> None:
    """Stored from a parse that had no 2027 data (weekends only): refresh moves it once imported."""
    from tracker.model import ParseResult
    from tracker.store.write import Store

    run("calendar", "import", str(TEST_2027))
    doc = {"schema": "tracker.parse/1", "source": {"file": "early.txt", "sha256": "e" * 64, "language": "zh-Hans"},
           "contract": {"title": "先解析后导入", "effective_date": "2026-12-28", "currency": "CNY", "penalties": []},
           "obligations": [
               ob("payment", date(2027, 1, 11), title="A 首期款", amount="100000.00",
                  trigger={"event": "effective", "offset": "P10D", "business_days": True}),
               ob("payment", date(2027, 1, 1), title="D 固定日期", amount="1.00")],  # written out: never moves
           "warnings": []}
    with Store(db_path) as st:
        st.add_parsed(ParseResult.from_json(doc))
    moved = [(m["title"], m["old_due_date"], m["new_due_date"]) for m in j("calendar", "refresh")["moved"]]
    assert moved == [("A 首期款", "2027-01-11", "2027-01-12")]
    assert dues(db_path)["D 固定日期"] == "2027-01-01"


X06 = Path(__file__).parent / "contracts" / "x06-binhai-gearbox-pdm.txt"


def test_parse_and_show_count_with_the_imported_year(db_path: Path) -> None:
    """x06: effective Wed 2026-12-09, first payment 20 working days later. Dec 10 .. 31 are 16
    working days; weekends only: 01-01, 01-04, 01-05, 01-06 → 2027-01-06 (+ warning); with the
    test schedule (01-01 off): 01-04 .. 01-07 → 2027-01-07, no warning."""
    def first_payment(doc: dict) -> str:  # type: ignore[type-arg]
        return next(o["due_date"] for o in doc["obligations"] if o["clause"] == "附件一.1")

    before = json.loads(run("parse", str(X06), "--json").stdout)
    assert first_payment(before) == "2027-01-06"
    (w,) = [w for w in before["warnings"] if w["code"] == "calendar_out_of_range"]
    assert w["clause"] == "附件一.1" and "2027" in w["message"] and "tracker calendar import" in w["message"]
    cid = j("add", str(X06))[0]["contract_id"]
    assert [w["code"] for w in j("show", str(cid))["warnings"]].count("calendar_out_of_range") == 1

    run("calendar", "import", str(TEST_2027))
    after = json.loads(run("parse", str(X06), "--json").stdout)
    assert first_payment(after) == "2027-01-07"
    assert not [w for w in after["warnings"] if w["code"] == "calendar_out_of_range"]
    moved = j("calendar", "refresh")["moved"]
    assert [(m["clause"], m["old_due_date"], m["new_due_date"]) for m in moved] == [("附件一.1", "2027-01-06",
                                                                                     "2027-01-07")]
    assert "calendar_out_of_range" not in [w["code"] for w in j("show", str(cid))["warnings"]]
