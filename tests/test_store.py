"""The store on real SQLite files: add, versions, payments, evaluations, errors, schema, file mode."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from dbconn import db_connect, is_pg, write_lock

from tracker.contract_view import show
from tracker.errors import NotFound, StoreError, UsageError
from tracker.ingest import add_files
from tracker.model import ParseResult
from tracker.store import read
from tracker.store.write import Store

FIX = Path(__file__).parent / "fixtures" / "store"
GOLDEN_SCHEMA = FIX / "schema.sql"
GOLDEN_SCHEMA_PG = FIX / "schema_pg.sql"
FIXED_NOW = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)


def doc(name: str) -> dict:
    return json.loads((FIX / f"{name}.expected.json").read_text(encoding="utf-8"))


def result(name: str, **changes) -> ParseResult:
    d = doc(name)
    for k, v in changes.items():
        d[k] = v
    return ParseResult.from_json(d, text="(text)")


@pytest.fixture
def store(db_path: Path):
    s = Store(db_path, actor="tester", now=lambda: FIXED_NOW)
    yield s
    s.close()


def rows(db: Path, sql: str, *args) -> list[tuple]:
    with db_connect(db) as c:
        return c.execute(sql, args).fetchall()


def test_add_all_public_contracts_and_idempotent(store: Store, db_path: Path) -> None:
    names = sorted(p.name.removesuffix(".expected.json") for p in FIX.glob("*.expected.json"))
    out = [store.add_parsed(result(n)) for n in names]
    assert [o.status for o in out] == ["added"] * len(names)
    assert len({o.contract_id for o in out}) == len(names)
    again = store.add_parsed(result(names[0]))
    assert again.status == "unchanged" and again.contract_id == out[0].contract_id
    total = sum(len(doc(n)["obligations"]) for n in names)
    assert rows(db_path, "SELECT count(*) FROM obligations")[0][0] == total
    assert rows(db_path, "SELECT count(*) FROM contracts")[0][0] == len(names)
    seed = out[names.index("seed-unfilled")]
    assert len(seed.warnings) == 17
    assert rows(db_path, "SELECT count(*) FROM parse_warnings WHERE contract_id=?", seed.contract_id)[0][0] == 17


@pytest.mark.sqlite_only
def test_db_file_is_0600_even_with_permissive_umask(db_path: Path) -> None:
    old = os.umask(0)
    try:
        Store(db_path).close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert rows(db_path, "PRAGMA journal_mode")[0][0] == "wal"


def test_money_is_exact_text(store: Store, db_path: Path) -> None:
    d = doc("p01-xinghe-intent")
    if is_pg(db_path):  # NUMERIC(18,2): 16 digits before the point, exact; more is refused, clearly
        d["obligations"][3]["amount"] = "9999999999999999.99"
        store.add_parsed(ParseResult.from_json(d))
        (amount, typ), = rows(db_path, "SELECT amount, pg_typeof(amount)::text FROM obligations"
                                       " WHERE kind='payment' AND amount > 1000000000")
        assert (amount, typ) == ("9999999999999999.99", "numeric")
        assert "9999999999999999.99" in [o["amount"] for o in show(db_path, 1, date(2025, 6, 1))["obligations"]]
        d["obligations"][3]["amount"] = "123456789012345678.99"
        d["source"]["sha256"] = "0" * 64
        with pytest.raises(StoreError, match="amount too large") as e:
            store.add_parsed(ParseResult.from_json(d), amends=1)
        assert "\n" not in str(e.value)
        return
    d["obligations"][3]["amount"] = "123456789012345678.99"
    store.add_parsed(ParseResult.from_json(d))
    (amount, typ), = rows(db_path, "SELECT amount, typeof(amount) FROM obligations WHERE kind='payment' "
                                   "AND amount LIKE '1234%'")
    assert (amount, typ) == ("123456789012345678.99", "text")


def test_schema_is_pinned(store: Store, db_path: Path) -> None:
    """Compare the migrated schema with the golden (one per engine); TRACKER_REGEN_GOLDEN=1 rewrites it."""
    if is_pg(db_path):
        golden, got = GOLDEN_SCHEMA_PG, pg_schema(db_path)
    else:
        golden, got = GOLDEN_SCHEMA, "\n".join(f"{t} {n}: {sql}" for t, n, sql in rows(
            db_path, "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")) + "\n"
    if os.environ.get("TRACKER_REGEN_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
    names = [r[0] for r in rows(db_path, "SELECT name FROM schema_migrations ORDER BY id")]
    from tracker.store.migrations import known_names

    assert names == known_names() and names[0] == "0001_core_tables"


def pg_schema(db: Path | str) -> str:
    """Tables (columns, types, defaults, nullability), indexes, triggers and functions of PostgreSQL."""
    out = [f"column {t}.{c}: {typ} {'NULL' if null == 'YES' else 'NOT NULL'} {dflt or ''}".rstrip()
           for t, c, typ, null, dflt in rows(
               db, "SELECT table_name, column_name, CASE WHEN data_type = 'numeric' THEN"
                   " format('numeric(%s,%s)', numeric_precision, numeric_scale) ELSE data_type END,"
                   " is_nullable, column_default FROM information_schema.columns"
                   " WHERE table_schema = 'public' ORDER BY table_name, ordinal_position")]
    out += [f"index {n}: {d}" for n, d in rows(
        db, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname")]
    out += [f"trigger {n}: {d}" for n, d in rows(
        db, "SELECT tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT tgisinternal ORDER BY tgname")]
    out += [f"function {n}" for (n,) in rows(
        db, "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p"
            " JOIN pg_namespace s ON s.oid = p.pronamespace WHERE s.nspname = 'public' ORDER BY 1")]
    return "\n".join(out) + "\n"


def test_upcoming_index_is_used(store: Store, db_path: Path) -> None:
    """`upcoming` reads the partial index of open obligations, already in due-date order (no sort)."""
    if is_pg(db_path):  # a tiny table is read whole by the planner: ask whether the index can serve
        with db_connect(db_path) as c:
            c.execute("SET enable_seqscan = off")
            for sql, args in ((read.UPCOMING_DATED_SQL, ("2025-07-01",)), (read.UPCOMING_WAITING_SQL, ())):
                plan = "\n".join(r[0] for r in c.execute("EXPLAIN " + sql.format(where=""), args).fetchall())
                assert "ix_obligations_open_due" in plan, plan
        return
    for sql, args in ((read.UPCOMING_DATED_SQL, ("2025-07-01",)), (read.UPCOMING_WAITING_SQL, ())):
        plan = [r[-1] for r in rows(db_path, "EXPLAIN QUERY PLAN " + sql.format(where=""), *args)]
        assert any("ix_obligations_open_due" in step for step in plan), plan
    plan = [r[-1] for r in rows(db_path, "EXPLAIN QUERY PLAN " + read.UPCOMING_DATED_SQL.format(where=""),
                                "2025-07-01")]
    assert not any("TEMP B-TREE" in step for step in plan), plan


def test_redate_index_is_used(store: Store, db_path: Path) -> None:
    """The daily job's calendar refresh reads only the open deadlines computed from an event or a
    recurrence, through their partial index (migration 0009), not every open obligation."""
    from tracker.store.calendar_store import REDATABLE_SQL

    store.add_parsed(result("p01-xinghe-intent"))
    with db_connect(db_path) as c:
        if is_pg(db_path):  # a tiny table is read whole by the planner: ask whether the index can serve
            c.execute("SET enable_seqscan = off")
            plan = "\n".join(r[0] for r in c.execute("EXPLAIN " + REDATABLE_SQL.format(where="")).fetchall())
        else:
            plan = "\n".join(r[-1] for r in c.execute("EXPLAIN QUERY PLAN " + REDATABLE_SQL.format(where="")))
    assert "ix_obligations_open_redate" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # SQLite: already in (due_date, id) order


def test_unknown_schema_version_is_refused(store: Store, db_path: Path) -> None:
    with db_connect(db_path) as c:
        c.execute("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future', 'x')")
    with pytest.raises(StoreError, match="newer than this tracker.*9999_future"):
        Store(db_path)
    with pytest.raises(StoreError, match="9999_future"):
        read.contracts(db_path)


def test_corrupt_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 200)
    with pytest.raises(StoreError, match="not a tracker database") as e:
        Store(bad)
    assert "\n" not in str(e.value)
    with pytest.raises(StoreError, match="not a tracker database"):
        read.upcoming(bad, as_of=date(2025, 6, 1))
    assert bad.read_bytes() == b"this is not sqlite at all" * 200


def test_locked_database_gives_clear_error_and_no_change(store: Store, db_path: Path) -> None:
    store.add_parsed(result("p01-xinghe-intent"))
    with write_lock(db_path):
        s2 = Store(db_path, timeout=0.2)
        with pytest.raises(StoreError, match="locked"):
            s2.pay(1, Decimal("100"), date(2025, 3, 10))
        s2.close()
    assert rows(db_path, "SELECT count(*) FROM payments")[0][0] == 0


def test_reads_on_missing_db_are_empty_and_create_nothing(tmp_path: Path) -> None:
    p = tmp_path / "none.db"
    assert read.upcoming(p, as_of=date(2025, 1, 1)) == []
    assert read.contracts(p) == []
    with pytest.raises(NotFound):
        show(p, 1, date(2025, 1, 1))
    assert not p.exists()


def test_upcoming_window_overdue_and_waiting(store: Store, db_path: Path) -> None:
    store.add_parsed(result("p01-xinghe-intent"))
    up = read.upcoming(db_path, as_of=date(2025, 6, 25), days=30)
    dated = [u for u in up if u["due_date"]]
    assert [u["due_date"] for u in dated] == ["2025-03-11", "2025-03-17", "2025-06-30", "2025-07-20"]
    assert dated[0]["status"] == "overdue" and dated[0]["days_left"] == -106
    assert dated[2]["days_left"] == 5 and dated[2]["status"] == "pending"
    waiting = [u for u in up if u["due_date"] is None]
    assert {u["waiting_for"] for u in waiting} == {"model_delivery", "acceptance"}
    for key in ("obligation_id", "contract_id", "kind", "party", "title", "due_date", "days_left", "amount",
                "status", "clause"):
        assert key in up[0]
    assert [u["kind"] for u in read.upcoming(db_path, as_of=date(2025, 6, 25), kind="payment")
            if u["due_date"]] == ["payment", "payment"]
    assert all(u["party"] == "client" for u in read.upcoming(db_path, as_of=date(2025, 6, 25), party="client"))
    assert read.upcoming(db_path, as_of=date(2025, 6, 25), party="蓝鲸")
    assert not read.upcoming(db_path, as_of=date(2025, 6, 25), party="nobody-corp")
    with pytest.raises(NotFound):
        read.upcoming(db_path, as_of=date(2025, 6, 25), contract=99)


def _ob(db: Path, kind: str, title: str | None = None) -> int:
    sql = "SELECT id FROM obligations WHERE kind=?" + (" AND title=?" if title else "") + " ORDER BY id"
    return rows(db, sql, *([kind, title] if title else [kind]))[0][0]


def test_payments_partial_oldest_first_and_overpayment(store: Store, db_path: Path) -> None:
    store.add_parsed(result("p01-xinghe-intent"))
    first, second = _ob(db_path, "payment", "首期款 30%"), _ob(db_path, "payment", "第二期款 40%")
    r = store.pay(1, Decimal("100000"), date(2025, 3, 20))
    assert r.changes == [{"obligation_id": first, "title": "首期款 30%", "allocated": "100000.00",
                          "paid": "100000.00", "amount": "150000.00"}]
    r = store.pay(1, Decimal("60000.50"), date(2025, 3, 25))
    assert [c["allocated"] for c in r.changes] == ["50000.00", "10000.50"]
    assert r.changes[0]["status"] == "fulfilled" and r.changes[1]["obligation_id"] == second
    for bad in (Decimal("0"), Decimal("-5"), Decimal("1.001")):
        with pytest.raises(UsageError):
            store.pay(1, bad, date(2025, 4, 1))
    with pytest.raises(NotFound):
        store.pay(42, Decimal("1"), date(2025, 4, 1))
    assert rows(db_path, "SELECT count(*) FROM payments")[0][0] == 2
    assert rows(db_path, "SELECT status, paid FROM obligations WHERE id=?", second) == [("pending", "10000.50")]
    shown = show(db_path, 1, date(2025, 4, 30))
    assert shown["penalties"] is None or Decimal(shown["penalties"]["late_payment_total"]) > 0
    # more than owed (189,999.50 + 150,000.00): the rest is a credit on the contract
    r = store.pay(1, Decimal("400000"), date(2025, 5, 1), obligation_id=second)
    assert [c["allocated"] for c in r.changes] == ["189999.50", "150000.00"]
    assert r.extra["credit"] == "60000.50"


def test_events_resolve_triggers_and_termination(store: Store, db_path: Path) -> None:
    store.add_parsed(result("p01-xinghe-intent"))
    r = store.record_event(1, "model_delivery", date(2025, 7, 18))
    by = {c["kind"]: c for c in r.changes}
    assert by["model_delivery"]["status"] == "fulfilled"
    assert by["evaluation_report"]["due_date"] == "2025-07-25"  # 5 working days after Fri 07-18
    r = store.record_event(1, "acceptance", date(2025, 8, 1))
    assert r.changes[0]["due_date"] == "2025-08-18"  # 15 days → Sat 08-16 rolls to Mon 08-18
    with pytest.raises(UsageError, match="already recorded"):
        store.record_event(1, "acceptance", date(2025, 8, 2))
    r = store.record_event(1, "termination", date(2025, 8, 10))
    by = {c["kind"]: c for c in r.changes}
    assert by["renewal_notice"]["status"] == "waived"
    assert by["confidentiality_expiry"]["due_date"] == "2028-08-10"
    assert show(db_path, 1, date(2025, 9, 1))["terminated_on"] == "2025-08-10"
    with pytest.raises(UsageError):
        store.record_event(1, "handshake", date(2025, 8, 10))


def test_evaluate_shortfall_then_pass(store: Store, db_path: Path) -> None:
    store.add_parsed(result("p01-xinghe-intent"))
    report = _ob(db_path, "evaluation_report")
    r = store.evaluate(1, {"accuracy": Decimal("0.96"), "recall": Decimal("0.87"), "f1": Decimal("0.92")},
                       date(2025, 7, 25))
    assert not r.extra["passed"] and r.extra["gaps"] == {"recall": "0.03"}
    assert rows(db_path, "SELECT status FROM obligations WHERE id=?", report) == [("pending",)]
    with pytest.raises(UsageError, match="recall"):
        store.evaluate(1, {"accuracy": Decimal("0.96"), "f1": Decimal("0.93")}, date(2025, 7, 26))
    with pytest.raises(UsageError):
        store.evaluate(1, {"accuracy": Decimal("96"), "recall": Decimal("0.9"), "f1": Decimal("0.9")},
                       date(2025, 7, 26))
    r = store.evaluate(1, {"accuracy": Decimal("0.96"), "recall": Decimal("0.90"), "f1": Decimal("0.93")},
                       date(2025, 7, 28))
    assert r.extra["passed"]
    assert rows(db_path, "SELECT status, status_on FROM obligations WHERE id=?", report) == [
        ("fulfilled", "2025-07-28")]
    evals = show(db_path, 1, date(2025, 8, 1))["evaluations"]
    assert [e["passed"] for e in evals] == [False, True] and evals[0]["gaps"] == {"recall": "0.03"}


def test_edit_recomputes_derived_dates_and_records_history(store: Store, db_path: Path) -> None:
    store.add_parsed(result("p01-xinghe-intent"))
    r = store.edit(1, "term", "P12M", date(2025, 4, 1))
    facts = r.extra["facts"]
    assert facts["expiry_date"] == "2026-03-01"
    assert facts["renewal_notice_deadline"] == "2026-02-01"
    assert facts["confidentiality_expiry"] == "2029-03-01"
    shown = show(db_path, 1, date(2025, 4, 1))
    due = {o["kind"]: o["due_date"] for o in shown["obligations"]}
    assert due["contract_expiry"] == "2026-03-01" and due["renewal_notice"] == "2026-02-01"
    assert any(h["action"] == "edit" and h["field"] == "term" for h in shown["history"])
    with pytest.raises(UsageError, match="not a valid date"):
        store.edit(1, "effective_date", "2025-02-30", date(2025, 4, 1))
    with pytest.raises(UsageError, match="cannot edit"):
        store.edit(1, "quote", "x", date(2025, 4, 1))
    r = store.edit(1, "effective_date", "2025-03-10", date(2025, 4, 1))
    kinds = {c["kind"]: c["due_date"] for c in r.changes}
    assert kinds["payment"] == "2025-03-25" and kinds["contract_expiry"] == "2026-03-10"


def test_done_waive_and_errors(store: Store, db_path: Path) -> None:
    store.add_parsed(result("p01-xinghe-intent"))
    data = _ob(db_path, "data_delivery")
    store.done(data, date(2025, 3, 9), "all 500k records")
    with pytest.raises(UsageError, match="already fulfilled"):
        store.done(data, date(2025, 3, 9))
    with pytest.raises(NotFound):
        store.done(999, date(2025, 3, 9))
    with pytest.raises(UsageError, match="note"):
        store.waive(_ob(db_path, "renewal_notice"), "  ", date(2025, 3, 9))
    store.waive(_ob(db_path, "renewal_notice"), "no renewal wanted", date(2025, 3, 9))
    ev = rows(db_path, "SELECT from_status, to_status, on_date, note, actor FROM obligation_events ORDER BY id")
    assert ev == [("pending", "fulfilled", "2025-03-09", "all 500k records", "tester"),
                  ("pending", "waived", "2025-03-09", "no renewal wanted", "tester")]


def test_recurring_done_moves_to_next_occurrence(store: Store, db_path: Path) -> None:
    store.add_parsed(result("p02-yunqi-bill-ocr"))
    rep = rows(db_path, "SELECT id, due_date FROM obligations WHERE recurrence IS NOT NULL")[0]
    r = store.done(rep[0], date(2025, 10, 31))
    assert r.changes[0]["due_date"] > rep[1] and r.changes[0]["status"] == "pending"


def test_new_version_keeps_unchanged_and_supersedes_changed(store: Store, db_path: Path) -> None:
    store.add_parsed(result("p01-xinghe-intent"))
    data = _ob(db_path, "data_delivery")
    store.done(data, date(2025, 3, 9))
    d = doc("p01-xinghe-intent")
    d["source"]["sha256"] = "0" * 64
    d["source"]["file"] = "p01-amended.txt"
    second = next(o for o in d["obligations"] if o["title"] == "第二期款 40%")
    second["due_date"] = "2025-07-15"
    out = store.add_parsed(ParseResult.from_json(d))
    assert (out.status, out.contract_id, out.version, out.superseded) == ("new_version", 1, 2, 1)
    assert rows(db_path, "SELECT status FROM obligations WHERE id=?", data) == [("fulfilled",)]
    states = rows(db_path, "SELECT due_date, status FROM obligations WHERE title='第二期款 40%' ORDER BY id")
    assert states == [("2025-06-30", "superseded"), ("2025-07-15", "pending")]
    assert rows(db_path, "SELECT count(*) FROM contracts")[0][0] == 1
    shown = show(db_path, 1, date(2025, 7, 1))
    assert [v["version"] for v in shown["versions"]] == [1, 2]
    # --amends links a contract whose title changed
    d2 = doc("p02-yunqi-bill-ocr")
    d2["contract"]["title"] = "renamed"
    d2["source"]["sha256"] = "1" * 64
    out2 = store.add_parsed(ParseResult.from_json(d2), amends=1)
    assert out2.status == "new_version" and out2.contract_id == 1
    with pytest.raises(NotFound):
        store.add_parsed(result("p03-shentong-lung-ct"), amends=77)


def test_same_contract_in_another_format_is_unchanged(store: Store, db_path: Path) -> None:
    """A .pdf of a tracked .txt: facts equal once quotes and spacing are ignored → no version."""
    first = store.add_parsed(result("p01-xinghe-intent"))
    d = doc("p01-xinghe-intent")
    d["source"].update(sha256="2" * 64, file="p01-xinghe-intent.pdf")
    for o in d["obligations"]:
        o["quote"] = (o.get("quote") or "") + " (wrapped\nby the PDF)"
    d["contract"]["penalties"][0]["quote"] = "quote from the PDF"
    d["obligations"][0]["title"] = d["obligations"][0]["title"][:2] + "\n " + d["obligations"][0]["title"][2:]
    out = store.add_parsed(ParseResult.from_json(d))
    assert (out.status, out.contract_id) == ("unchanged", first.contract_id)
    assert out.note and "another format" in out.note and "p01-xinghe-intent" in out.note
    assert out.to_json()["status"] == "unchanged" and "note" in out.to_json()
    assert rows(db_path, "SELECT count(*) FROM contract_versions")[0][0] == 1
    assert rows(db_path, "SELECT count(*) FROM history")[0][0] == 1
    # a real change of a fact is a new version whose history cells are short, per field
    d["source"]["sha256"] = "3" * 64
    d["contract"]["penalties"][1]["rate"] = "0.003"
    out = store.add_parsed(ParseResult.from_json(d))
    assert out.status == "new_version"
    changes = rows(db_path, "SELECT field, old, new FROM history WHERE action='new_version' AND field IS NOT NULL")
    assert changes == [("penalties[1].rate", "0.005", "0.003")]


def test_history_cells_are_short(store: Store, db_path: Path) -> None:
    store.add_parsed(result("p01-xinghe-intent"))
    d = doc("p01-xinghe-intent")
    d["source"]["sha256"] = "4" * 64
    d["contract"]["penalties"].append({**d["contract"]["penalties"][0], "clause": "7.9", "rate": "0.001"})
    store.add_parsed(ParseResult.from_json(d))
    (field, old, new), = rows(db_path, "SELECT field, old, new FROM history WHERE action='new_version'"
                                       " AND field IS NOT NULL")
    assert field == "penalties[3]" and old is None and len(new) <= 40 and new.endswith("…")


def test_failed_transaction_leaves_nothing(store: Store, db_path: Path) -> None:
    d = doc("p01-xinghe-intent")
    d["obligations"][0]["kind"] = None  # NOT NULL violation half-way through the insert
    with pytest.raises(StoreError):
        store.add_parsed(ParseResult.from_json(d))
    for table in ("contracts", "contract_versions", "obligations", "history"):
        assert rows(db_path, f"SELECT count(*) FROM {table}")[0][0] == 0


def test_add_files_reports_bad_files_and_keeps_going(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((FIX / "p01-xinghe-intent.txt").read_bytes())
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.md").write_bytes((FIX / "p02-yunqi-bill-ocr.md").read_bytes())
    out = add_files(store, [folder])
    assert [type(o).__name__ for o in out] == ["AddOutcome", "AddFailure", "AddOutcome"]
    assert "b.txt" in out[1].error
    again = add_files(store, [folder / "a.txt"])
    assert again[0].status == "unchanged"
