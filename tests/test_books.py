"""Books a finance person can trust (issue 9): events tied to the obligations they resolve,
corrections and undo, payments and statuses that agree, recurring duties. Through the CLI on
real SQLite files; every figure below is worked out by hand in the comments."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from dbconn import db_connect
from typer.testing import CliRunner

from tracker.cli import app
from tracker.model import ParseResult
from tracker.store.write import Store

FIX = Path(__file__).parent / "fixtures"
runner = CliRunner()


def run(*args: str, code: int = 0) -> Any:
    r = runner.invoke(app, list(args))
    assert r.exit_code == code, (r.exit_code, r.output, r.exception)
    return r


def j(*args: str) -> Any:
    return json.loads(run(*args, "--json").stdout)


def doc(name: str) -> dict[str, Any]:
    path = FIX / "books" / f"{name}.json" if name == "invoice-two" else FIX / "store" / f"{name}.expected.json"
    return json.loads(path.read_text(encoding="utf-8"))


def add(db: Path, d: dict[str, Any], amends: int | None = None) -> int:
    with Store(db) as s:
        return s.add_parsed(ParseResult.from_json(d), amends=amends).contract_id


def ob(db: Path, title: str) -> int:
    with db_connect(db) as c:
        return c.execute("SELECT id FROM obligations WHERE title = ? ORDER BY id DESC", (title,)).fetchone()[0]


def obligations(data: dict[str, Any], oid: int) -> dict[str, Any]:
    return next(o for o in data["obligations"] if o["obligation_id"] == oid)


def accrual(data: dict[str, Any], oid: int) -> str | None:
    return next((a["penalty"] for a in data["penalties"]["accruals"] if a["obligation_id"] == oid), None)


# ---------------------------------------------------------------------------------- 1. events


def test_two_invoices_each_resolve_their_own_instalment(db_path: Path) -> None:
    # invoice-two: 第二期款 200,000 and 尾款 150,000 are both due 15 days after an invoice;
    # late payment 0.005 a day of the overdue amount (clause 7.2)
    add(db_path, doc("invoice-two"))
    second, final = ob(db_path, "第二期款 40%"), ob(db_path, "尾款 30%")
    r = run("event", "1", "invoice", "--on", "2025-07-01", code=2)
    assert f"#{second} 第二期款 40%" in r.stderr and f"#{final} 尾款 30%" in r.stderr and "--obligation" in r.stderr
    out = j("event", "1", "invoice", "--on", "2025-07-01", "--obligation", str(second))
    assert [(c["obligation_id"], c["due_date"]) for c in out["changes"]] == [(second, "2025-07-16")]
    assert out["action_id"] is not None
    # months later the 尾款 is invoiced: the 第二期款 keeps its first due date
    out = j("event", "1", "invoice", "--on", "2025-12-01", "--obligation", str(final))
    assert [(c["obligation_id"], c["due_date"]) for c in out["changes"]] == [(final, "2025-12-16")]
    assert "already resolved" in run("event", "1", "invoice", "--on", "2025-12-05", "--obligation", str(second),
                                     code=2).stderr
    shown = j("show", "1", "--as-of", "2025-12-20")
    assert obligations(shown, second)["due_date"] == "2025-07-16"
    # 2025-07-16 → 2025-12-20 is 157 days: 200,000.00 x 0.005 x 157 = 157,000.00
    assert accrual(shown, second) == "157000.00"
    # 2025-12-16 → 2025-12-20 is 4 days: 150,000.00 x 0.005 x 4 = 3,000.00
    assert accrual(shown, final) == "3000.00"


def test_an_amendment_after_a_recorded_delivery_leaves_nothing_overdue(db_path: Path) -> None:
    v1 = doc("p01-xinghe-intent")
    add(db_path, v1)
    j("event", "1", "model_delivery", "--on", "2025-07-23")  # due 2025-07-20: three days late
    v2 = copy.deepcopy(v1)
    v2["source"]["sha256"] = "2" * 64
    v2["source"]["file"] = "p01-supplement.txt"
    moved = next(o for o in v2["obligations"] if o["kind"] == "model_delivery")
    moved["due_date"] = "2025-08-31"
    moved["quote"] = "模型交付日期变更为2025年8月31日"
    add(db_path, v2, amends=1)
    shown = j("show", "1", "--as-of", "2025-09-10")
    deliveries = [o for o in shown["obligations"] if o["kind"] == "model_delivery"]
    assert sorted((o["due_date"], o["status"]) for o in deliveries) == [
        ("2025-07-20", "superseded"), ("2025-08-31", "fulfilled")]
    assert shown["penalties"]["late_delivery_total"] == "0.00"
    # the amendment is an action too: undoing it brings back version 1's delivery date and lateness
    amendment = next(h["action_id"] for h in shown["history"] if h["action"] == "new_version")
    j("undo", str(amendment))
    shown = j("show", "1", "--as-of", "2025-09-10")
    deliveries = [o for o in shown["obligations"] if o["kind"] == "model_delivery"]
    assert [(o["due_date"], o["status"]) for o in deliveries] == [("2025-07-20", "fulfilled")]
    assert len(shown["versions"]) == 1
    # delivered 3 days after 2025-07-20: 500,000.00 (total fee) x 0.0005 x 3 = 750.00
    assert shown["penalties"]["late_delivery_total"] == "750.00"


# ---------------------------------------------------------------------------------- 2. corrections, undo


def test_a_voided_payment_restores_the_balance_and_the_penalty_to_the_fen(db_path: Path) -> None:
    add(db_path, doc("p01-xinghe-intent"))
    first = ob(db_path, "首期款 30%")
    before = j("show", "1", "--as-of", "2025-06-25")
    # 首期款 150,000 due 2025-03-17, unpaid for 100 days: 150,000 x 0.005 x 100 = 75,000.00
    assert accrual(before, first) == "75000.00"
    out = j("pay", "1", "--amount", "50000.50", "--on", "2025-04-16")
    # 30 days on 150,000 = 22,500.00; 70 days on 99,999.50 = 34,999.825 → 34,999.83
    mid = j("show", "1", "--as-of", "2025-06-25")
    assert accrual(mid, first) == "57499.83" and obligations(mid, first)["paid"] == "50000.50"
    undo = j("undo", str(out["action_id"]))
    assert undo["undid"] == out["action_id"]
    after = j("show", "1", "--as-of", "2025-06-25")
    assert accrual(after, first) == "75000.00" and obligations(after, first)["paid"] is None
    assert after["payments"] == [] and after["penalties"] == before["penalties"]
    actions = [(h["action"], h["action_id"], h["undone_by"]) for h in after["history"]]
    assert ("pay", out["action_id"], undo["action_id"]) in actions and ("undo", undo["action_id"], None) in actions
    assert all(h["actor"] and h["recorded_at"] for h in after["history"])
    # undo of the undo puts the payment back
    redo = j("undo", str(undo["action_id"]))
    assert accrual(j("show", "1", "--as-of", "2025-06-25"), first) == "57499.83"
    assert f"already undone by action {redo['action_id']}" in run("undo", str(undo["action_id"]), code=2).stderr
    run("undo", "999", code=4)


def test_undo_is_refused_while_a_later_action_changed_the_same_records(db_path: Path) -> None:
    add(db_path, doc("p01-xinghe-intent"))
    a = j("pay", "1", "--amount", "1000", "--on", "2025-04-01")["action_id"]
    b = j("pay", "1", "--amount", "2000", "--on", "2025-04-02")["action_id"]
    r = run("undo", str(a), code=2)
    assert f"action {b}" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    j("undo", str(b))
    j("undo", str(a))
    assert j("show", "1", "--as-of", "2025-04-03")["payments"] == []


def test_edit_term_creates_the_three_derived_obligations_and_their_reminders(db_path: Path) -> None:
    d = doc("p01-xinghe-intent")
    d["obligations"] = [o for o in d["obligations"]
                        if o["kind"] not in ("contract_expiry", "renewal_notice", "confidentiality_expiry")]
    for k in ("term", "expiry_date", "renewal_notice_deadline", "confidentiality_expiry"):
        d["contract"][k] = None
    add(db_path, d)  # effective 2025-03-01, renewal notice P1M, confidentiality P3Y, no term
    out = j("edit", "1", "term", "P1Y")
    made = {c["kind"]: c["due_date"] for c in out["changes"] if c.get("note", "").startswith("created")}
    # expiry 2025-03-01 + 1 year; notice one month before; confidentiality 3 years after expiry
    assert made == {"contract_expiry": "2026-03-01", "renewal_notice": "2026-02-01",
                    "confidentiality_expiry": "2029-03-01"}
    due = j("upcoming", "--as-of", "2026-01-20", "--days", "45", "--contract", "1")
    assert {r["kind"] for r in due} >= {"renewal_notice", "contract_expiry"}
    with db_connect(db_path) as c:
        rows = c.execute("SELECT kind FROM obligations WHERE origin = 'derived'").fetchall()
    assert sorted(r[0] for r in rows) == ["confidentiality_expiry", "contract_expiry", "renewal_notice"]
    run("assign", "1", "--email", "legal@example.com")
    sent = j("remind", "--as-of", "2026-02-01", "--dry-run")
    assert any("续约" in item["text"] for item in sent), sent
    shown = j("show", "1", "--as-of", "2026-01-20")
    assert shown["review"]["term"] == "corrected"


def test_obligation_add_edit_delete_and_penalty_add_edit(db_path: Path) -> None:
    add(db_path, doc("p01-xinghe-intent"))
    j("event", "1", "acceptance", "--on", "2025-08-01")
    out = j("obligation", "add", "1", "--kind", "payment", "--title", "验收后奖励款", "--after", "acceptance",
            "--offset", "P10D", "--amount", "20000", "--clause", "4.5")
    oid = out["obligation_id"]
    # counted from the acceptance already recorded: 2025-08-01 + 10 days = 2025-08-11 (a Monday)
    assert any(c.get("due_date") == "2025-08-11" for c in out["changes"])
    j("obligation", "edit", str(oid), "amount", "25000")
    run("obligation", "edit", str(oid), "amount", "-3", code=2)
    run("obligation", "edit", str(oid), "colour", "red", code=2)
    j("obligation", "edit", str(oid), "due_date", "2025-08-20")
    shown = j("show", "1", "--as-of", "2025-08-25")
    o = obligations(shown, oid)
    assert (o["amount"], o["due_date"], o["review"], o["origin"]) == ("25000.00", "2025-08-20", "corrected", "manual")
    assert any("amount corrected" in (e["note"] or "") for e in o["events"])
    j("obligation", "delete", str(oid), "--note", "not in the signed copy")
    shown = j("show", "1", "--as-of", "2025-08-25")
    assert obligations(shown, oid)["status"] == "deleted"
    assert all(a["obligation_id"] != oid for a in shown["penalties"]["accruals"])
    run("obligation", "add", "1", "--kind", "payment", "--title", "x", code=2)  # neither --due nor --after
    run("obligation", "add", "1", "--kind", "bribe", "--title", "x", "--due", "2025-09-01", code=2)
    # a penalty clause the parser missed, then corrected
    p = j("penalty", "add", "1", "--kind", "late_payment", "--rate", "0.05%", "--per", "day", "--basis",
          "overdue_amount", "--clause", "7.9")
    assert p["index"] == 4 and p["penalty"]["rate"] == "0.0005"
    p = j("penalty", "edit", "1", "4", "rate", "0.001")
    assert p["penalty"]["rate"] == "0.001"
    run("penalty", "edit", "1", "9", "rate", "0.001", code=2)
    run("penalty", "add", "1", "--kind", "late_payment", "--rate", "2", "--per", "day", "--basis", "total_fee",
        code=2)
    assert j("show", "1", "--as-of", "2025-08-25")["review"]["penalties"] == "corrected"


def test_confirm_marks_what_nobody_checked(db_path: Path) -> None:
    add(db_path, doc("p01-xinghe-intent"))
    shown = j("show", "1", "--as-of", "2025-04-01")
    assert shown["review"]["total_fee"] == "extracted" and "total_fee" in shown["unconfirmed"]
    assert "tracker confirm 1" in run("show", "1", "--as-of", "2025-04-01").stdout
    j("edit", "1", "total_fee", "500000")
    out = j("confirm", "1")
    assert "total_fee" not in out["facts_confirmed"] and len(out["changes"]) == 9
    shown = j("show", "1", "--as-of", "2025-04-01")
    assert shown["unconfirmed"] == [] and shown["review"]["total_fee"] == "corrected"
    assert shown["review"]["term"] == "confirmed"


# ---------------------------------------------------------------------------------- 3. payments and statuses


def test_done_on_an_instalment_records_the_payment_and_credit_goes_to_the_next(db_path: Path) -> None:
    add(db_path, doc("p01-xinghe-intent"))
    first, second = ob(db_path, "首期款 30%"), ob(db_path, "第二期款 40%")
    out = j("done", str(first), "--on", "2025-03-20")
    assert out["amount"] == "150000.00" and out["changes"][0]["status"] == "fulfilled"
    # 250,000 against 200,000 owed on the 第二期款 and 150,000 on the 尾款: all allocated
    out = j("pay", "1", "--amount", "250000", "--on", "2025-06-30", "--obligation", str(second))
    assert [c["allocated"] for c in out["changes"]] == ["200000.00", "50000.00"] and out["credit"] == "0.00"
    out = j("pay", "1", "--amount", "130000", "--on", "2025-07-01")
    # 100,000 still owed on the 尾款: 30,000 left as a credit
    assert out["credit"] == "30000.00"
    out = j("obligation", "add", "1", "--kind", "payment", "--title", "追加款", "--due", "2025-09-30",
            "--amount", "40000")
    assert [c["allocated"] for c in out["changes"] if "allocated" in c] == ["30000.00"]
    shown = j("show", "1", "--as-of", "2025-10-01")
    assert obligations(shown, out["obligation_id"])["paid"] == "30000.00"


@pytest.mark.parametrize("args", [
    ("pay", "1", "--amount", "10", "--on", "0001-01-01"),
    ("pay", "1", "--amount", "10", "--on", "2025-02-01"),  # before signing (2025-03-01)
    ("pay", "1", "--amount", "1e20", "--on", "2025-04-01"),
    ("edit", "1", "total_fee", "0"),
    ("edit", "1", "expiry_date", "9999-01-01"),
    ("event", "1", "acceptance", "--on", "1900-01-01"),
])
def test_absurd_dates_and_amounts_are_refused_in_one_line(db_path: Path, args: tuple[str, ...]) -> None:
    add(db_path, doc("p01-xinghe-intent"))
    r = run(*args, code=2)
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.output


# ---------------------------------------------------------------------------------- 4. recurring


def test_a_weekly_report_three_months_in_is_one_open_occurrence_and_its_missed_count(db_path: Path) -> None:
    add(db_path, doc("p01-xinghe-intent"))  # expires 2025-09-01
    oid = j("obligation", "add", "1", "--kind", "progress_report", "--title", "周报", "--due", "2025-03-07",
            "--recurrence", "FREQ=WEEKLY;BYDAY=FR")["obligation_id"]
    # Fridays 2025-03-07 … 2025-05-30 are 13 occurrences by Thursday 2025-06-05: the latest is
    # open (6 days late), 12 before it were missed
    o = obligations(j("show", "1", "--as-of", "2025-06-05"), oid)
    assert (o["occurrence_due"], o["missed"], o["days_left"]) == ("2025-05-30", 12, -6)
    row = next(r for r in j("upcoming", "--as-of", "2025-06-05") if r["obligation_id"] == oid)
    assert (row["occurrence_due"], row["missed"], row["days_left"]) == ("2025-05-30", 12, -6)
    out = j("done", str(oid), "--through", "2025-06-05", "--on", "2025-06-05")
    assert out["changes"][0]["occurrences"] == 13 and out["changes"][0]["due_date"] == "2025-06-06"
    # 2025-06-06 … 2025-08-29 are 13 more Fridays; the next (09-05) is after the expiry: done
    out = j("done", str(oid), "--through", "2025-12-31", "--on", "2025-09-01")
    assert out["changes"][0]["occurrences"] == 13 and out["changes"][0]["status"] == "fulfilled"


# ---------------------------------------------------------------------------------- 5. receivables


def test_balance_equals_the_instalments_payments_and_penalty_statements_it_summarises(tmp_path: Path) -> None:
    data = Path(__file__).parent.parent / "data"
    run("add", str(data))
    run("pay", "1", "--amount", "50000", "--on", "2025-04-01")
    run("pay", "3", "--amount", "1000000", "--on", "2025-05-20")
    as_of = "2025-06-25"
    got = j("balance", "--as-of", as_of)
    statements = {s["contract_id"]: s for s in j("penalties", "--as-of", as_of)}
    want_total = {"outstanding": Decimal(0), "overdue": Decimal(0), "penalty": Decimal(0), "received": Decimal(0)}
    for row in got["contracts"]:
        shown = j("show", str(row["contract_id"]), "--as-of", as_of)
        owed = [o for o in shown["obligations"] if o["kind"] == "payment" and o["amount"]
                and o["status"] not in ("waived", "superseded", "deleted")]
        instalments = sum(Decimal(o["amount"]) for o in owed)
        received = sum(Decimal(p["amount"]) for p in shown["payments"])
        overdue = sum(Decimal(o["amount"]) - Decimal(o["paid"] or "0") for o in owed
                      if o["due_date"] and o["due_date"] < as_of)
        penalty = Decimal(statements[row["contract_id"]]["total"])
        assert Decimal(row["outstanding"]) == instalments - received
        assert (Decimal(row["received"]), Decimal(row["overdue"]), Decimal(row["penalty"])) == (
            received, overdue, penalty)
        assert row["total_fee"] == shown["facts"]["total_fee"]
        for k, v in (("outstanding", instalments - received), ("overdue", overdue), ("penalty", penalty),
                     ("received", received)):
            want_total[k] += v
    assert {k: Decimal(got["total"][k]) for k in want_total} == want_total
    assert got["total"]["received"] == "1050000.00"
    csv_text = run("balance", "--as-of", as_of, "--format", "csv").stdout
    assert csv_text.startswith("\ufeffcontract_id,") and "智能客服" in csv_text
    out = tmp_path / "ar.csv"
    run("balance", "--as-of", as_of, "--format", "csv", "-o", str(out))
    assert out.read_bytes().startswith(b"\xef\xbb\xbfcontract_id,")
    rows = j("contracts", "--as-of", as_of)
    assert [r["outstanding"] for r in rows] == [r["outstanding"] for r in got["contracts"]]


def test_undo_works_on_a_database_migrated_from_before_actions(tmp_path: Path) -> None:
    """Schema 0003 (before calendars and actions) migrated forward: the columns ALTER TABLE added
    are logged by the triggers too, so an undo restores them."""
    db = tmp_path / "old.db"
    with db_connect(db) as c:
        c.executescript((FIX / "calendars" / "schema-0003.sql").read_text(encoding="utf-8"))
        for i, name in enumerate(("0001_core_tables", "0002_reminders", "0003_open_due_index"), 1):
            c.execute("INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01')", (i, name))
    add(db, doc("invoice-two"))
    second = ob(db, "第二期款 40%")
    run("--db", str(db), "event", "1", "invoice", "--on", "2025-07-01", "--obligation", str(second))
    shown = json.loads(run("--db", str(db), "show", "1", "--json").stdout)
    action = next(h["action_id"] for h in shown["history"] if h["action"] == "event")
    run("--db", str(db), "undo", str(action))
    with db_connect(db) as c:
        assert c.execute("SELECT due_date, resolved_by FROM obligations WHERE id = ?", (second,)).fetchone() == (
            None, None)
        assert c.execute("SELECT count(*) FROM contract_events").fetchone() == (0,)


def test_a_corrected_total_fee_re_derives_the_percentage_instalments(db_path: Path) -> None:
    add(db_path, doc("p01-xinghe-intent"))  # 500,000: 首期款 30%, 第二期款 40%, 尾款 30%
    first = ob(db_path, "首期款 30%")
    j("pay", "1", "--amount", "1000", "--on", "2025-03-20", "--obligation", str(first))  # partly paid: kept
    out = j("edit", "1", "total_fee", "600000")
    moved = {c["title"]: (c["old_amount"], c["amount"]) for c in out["changes"] if "old_amount" in c}
    # 40% of 600,000 = 240,000; 30% of 600,000 = 180,000
    assert moved == {"第二期款 40%": ("200000.00", "240000.00"), "尾款 30%": ("150000.00", "180000.00")}
    j("undo", str(out["action_id"]))
    shown = j("show", "1", "--as-of", "2025-04-01")
    assert sorted(o["amount"] for o in shown["obligations"] if o["kind"] == "payment") == [
        "150000.00", "150000.00", "200000.00"]
