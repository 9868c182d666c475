"""``tracker penalties`` end to end on a real SQLite file: add, pay, event, statement."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from dbconn import is_pg
from typer.testing import CliRunner

from tracker.cli import app
from tracker.store.write import Store

FIX = Path(__file__).parent / "fixtures" / "penalty"
runner = CliRunner()


def run(*args: str, code: int = 0):  # type: ignore[no-untyped-def]
    r = runner.invoke(app, list(args))
    assert r.exit_code == code, (r.exit_code, r.output, r.exception)
    return r


def statement(*args: str) -> list[dict]:  # type: ignore[type-arg]
    return json.loads(run("penalties", *args, "--json").stdout)


def _ids(contract: int) -> dict[str, int]:
    rows = json.loads(run("show", str(contract), "--json", "--as-of", "2025-03-01").stdout)["obligations"]
    return {o["title"]: o["obligation_id"] for o in rows}


@pytest.fixture
def p01() -> int:
    out = json.loads(run("add", str(FIX / "p01-xinghe-intent.txt"), "--json").stdout)
    return int(out[0]["contract_id"])


def test_issue_example_end_to_end(p01: int) -> None:
    run("pay", str(p01), "--amount", "50000", "--on", "2025-03-27")
    run("pay", str(p01), "--amount", "100000.00", "--on", "2025-04-30")
    (c,) = statement(str(p01), "--as-of", "2025-06-01")
    assert c["contract_id"] == p01
    assert c["total"] == "24500.00"
    (i,) = c["instalments"]
    assert i["obligation_id"] == _ids(p01)["首期款 30%"]
    assert (i["due_date"], i["penalty"], i["suspend_from"]) == ("2025-03-17", "24500.00", "2025-04-17")
    assert [{k: p[k] for k in ("from", "to", "balance", "days", "rate", "penalty")} for p in i["periods"]] == [
        {"from": "2025-03-17", "to": "2025-03-27", "balance": "150000.00", "days": 10, "rate": "0.005",
         "penalty": "7500.00"},
        {"from": "2025-03-27", "to": "2025-04-30", "balance": "100000.00", "days": 34, "rate": "0.005",
         "penalty": "17000.00"}]
    assert i["annualised"] == "1.825" and i["day_count"] == "per day: rate x days"
    assert "days = end - start" in c["convention"]
    assert c["fixed"] == [{"clause": "7.3", "kind": "confidentiality_breach", "amount": "100000.00"}]

    table = run("penalties", str(p01), "--as-of", "2025-06-01").stdout
    for figure in ("7,500.00", "17,000.00", "24,500.00", "2025-04-17", "182.5 %"):
        assert figure in table

    md = run("penalties", str(p01), "--as-of", "2025-06-01", "--format", "md").stdout
    assert "| 2025-03-17 | 2025-03-27 | 150,000.00 | 10 | 0.005/day | 7,500.00 |" in md
    assert "| 2025-03-27 | 2025-04-30 | 100,000.00 | 34 | 0.005/day | 17,000.00 |" in md
    assert "**24,500.00**" in md and "right to suspend/terminate from 2025-04-17, arisen" in md

    text = run("penalties", "--as-of", "2025-06-01", "--format", "csv").stdout
    assert text.startswith("\ufeff")  # Excel opens the Chinese right only with a BOM
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [(r["row"], r["amount"]) for r in rows] == [
        ("period", "7500.00"), ("period", "17000.00"), ("instalment_total", "24500.00"),
        ("contract_total", "24500.00"), ("overall_total", "24500.00"), ("overall_total", "0.00")]


def test_nothing_owed_when_paid_on_the_due_date(p01: int) -> None:
    run("pay", str(p01), "--amount", "150000", "--on", "2025-03-17")
    (c,) = statement("--as-of", "2025-06-01")
    assert c["total"] == "0.00"
    assert c["instalments"][0]["periods"] == [] and c["instalments"][0]["suspend_from"] is None


def test_named_payment_and_second_instalment(p01: int) -> None:
    ids = _ids(p01)
    second = ids["第二期款 40%"]
    run("pay", str(p01), "--amount", "150000", "--on", "2025-03-17")
    run("pay", str(p01), "--amount", "100000", "--on", "2025-07-10", "--obligation", str(second))
    (c,) = statement("--as-of", "2025-07-20")
    (i,) = [x for x in c["instalments"] if x["obligation_id"] == second]
    # 200,000 x 0.005 x 10 (07-01..07-10) + 100,000 x 0.005 x 10 (07-11..07-20)
    assert i["penalty"] == "15000.00" and i["balance"] == "100000.00"
    assert i["suspend_from"] == "2025-07-31" and i["suspend_right"] is False
    assert c["total"] == "15000.00"


def test_late_delivery_until_the_model_delivery_event(p01: int) -> None:
    run("event", str(p01), "model_delivery", "--on", "2025-08-09")
    (c,) = statement("--as-of", "2025-09-01")
    (d,) = c["deliveries"]
    # 20 days (07-21..08-09) x 500,000 x 0.0005
    assert (d["penalty"], d["delivered_on"], d["days"]) == ("5000.00", "2025-08-09", 20)
    assert c["late_delivery_total"] == "5000.00"


def test_show_and_statement_agree_on_late_payment_and_delivery(p01: int) -> None:
    # the model marked done on 08-01, its model_delivery event recorded (later) as 08-09:
    # both commands take the event's day, and the same late payment
    model = json.loads(run("show", str(p01), "--json", "--as-of", "2025-03-01").stdout)["obligations"]
    (oid,) = [o["obligation_id"] for o in model if o["kind"] == "model_delivery"]
    run("pay", str(p01), "--amount", "50000", "--on", "2025-03-27")
    run("done", str(oid), "--on", "2025-08-01")
    run("event", str(p01), "model_delivery", "--on", "2025-08-09")
    shown = json.loads(run("show", str(p01), "--json", "--as-of", "2025-09-01").stdout)["penalties"]
    (c,) = statement(str(p01), "--as-of", "2025-09-01")
    assert (shown["late_payment_total"], shown["late_delivery_total"]) == (c["total"], c["late_delivery_total"])
    assert Decimal(c["total"]) > 0 and c["late_delivery_total"] == "5000.00"  # 20 days, to the event
    assert sorted((a["obligation_id"], a["penalty"]) for a in shown["accruals"]) == sorted(
        (a["obligation_id"], a["penalty"]) for a in c["instalments"] + c["deliveries"] if a["penalty"] != "0.00")


def test_cap_binds_on_a_stored_contract() -> None:
    out = json.loads(run("add", str(FIX / "p03-shentong-lung-ct.docx"), "--json").stdout)
    (c,) = statement(str(out[0]["contract_id"]), "--as-of", "2026-03-01")
    (d,) = c["deliveries"]
    # 0.1 % of 1,200,000 a day from 2025-10-31, capped at 10 % = 120,000 after 100 days
    assert (d["uncapped"], d["penalty"], d["cap_cut"]) == ("145200.00", "120000.00", "25200.00")
    (clause,) = [x for x in c["clauses"] if x["kind"] == "late_delivery"]
    assert (clause["cap_limit"], clause["cap_reached_on"]) == ("120000.00", "2026-02-08")
    assert d["suspend_from"] == "2025-12-01"
    assert c["total"] == "88020.00"  # 360,000 x 0.0005 x 305 + 360,000 x 0.0005 x 184
    assert Decimal(c["total"]) == sum(Decimal(i["penalty"]) for i in c["instalments"])


def test_errors_are_one_line(p01: int) -> None:
    r = run("penalties", "99", code=4)
    assert r.output.strip() == "error: no contract with id 99"
    r = run("penalties", "--as-of", "2025-02-30", code=2)
    assert r.output.count("\n") == 1 and "--as-of" in r.output
    run("penalties", "--json", "--format", "md", code=2)


def test_empty_database_is_an_empty_statement(db_path: Path) -> None:
    if not is_pg(db_path):  # a server database is there or not at connection time
        assert "no tracker database at" in run("penalties", "--as-of", "2025-06-01", code=3).stderr  # issue 9
    Store(db_path).close()
    assert statement("--as-of", "2025-06-01") == []
    assert "Overall: late payment 0.00" in run("penalties", "--as-of", "2025-06-01").stdout


def test_statement_reads_without_sqlalchemy(p01: int, db_path: Path) -> None:
    code = ("import sys; from tracker.cli import app\n"
            "try:\n    app(['penalties', '--as-of', '2025-06-01', '--json'])\n"
            "except SystemExit:\n    pass\n"
            "print('sqlalchemy' in sys.modules, file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={"TRACKER_DB": str(db_path), "PATH": "/usr/bin:/bin"})
    assert json.loads(r.stdout)[0]["contract_id"] == p01
    assert r.stderr.strip().endswith("False")


def test_help_lists_the_command() -> None:
    out = run("penalties", "--help").stdout
    for flag in ("--as-of", "--json", "--format"):
        assert flag in out
