"""The outbox claim reads its batch in (for_date, id) order off the partial index of ready rows:
no sort of every ready row per batch, and batches still come out oldest day first."""

from __future__ import annotations

import json
from pathlib import Path

from dbconn import db_connect, is_pg

from tracker.store import outbox
from tracker.store.write import Store


def _fill(db: Path, rows: list[tuple[int, str, str]]) -> None:
    """(obligation_id, for_date, channel) rows, ready now."""
    Store(db).close()
    with outbox.connect(db) as conn:
        outbox.enqueue(conn, [(oid, 1, "payment", "lead", None, day, ch, json.dumps({"for_date": day}))
                              for oid, day, ch in rows], now=100.0)


def test_claim_uses_the_ready_index_without_a_sort(db_path: Path) -> None:
    _fill(db_path, [(1, "2025-06-01", "log")])
    if is_pg(db_path):  # one row is read whole by the planner: ask whether the index can serve the claim
        with db_connect(db_path) as c:
            c.execute("SET enable_seqscan = off")
            plan = "\n".join(r[0] for r in c.execute("EXPLAIN " + outbox.PICK_SQL_PG, ("log", 1.0, 500)))
        assert "ix_reminder_outbox_claim" in plan and "Sort" not in plan and "LockRows" in plan, plan
        return
    with db_connect(db_path) as c:
        plan = [r[-1] for r in c.execute("EXPLAIN QUERY PLAN " + outbox.PICK_SQL, ("log", 1.0, 500))]
    assert any("ix_reminder_outbox_claim" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan


def test_batches_come_oldest_day_first_and_each_row_once(db_path: Path) -> None:
    days = ["2025-06-03", "2025-06-01", "2025-06-02"]
    _fill(db_path, [(oid, days[oid % 3], "log") for oid in range(1, 11)] + [(99, "2025-05-01", "console")])
    with outbox.connect(db_path) as conn:
        got = []
        while batch := outbox.claim(conn, "log", "me", now=200.0, limit=3):
            got.append([(r.payload["for_date"], r.obligation_id) for r in batch])
        assert outbox.claim(conn, "console", "me", now=200.0, limit=3)[0].obligation_id == 99
    flat = [x for b in got for x in b]
    assert [len(b) for b in got] == [3, 3, 3, 1]
    assert [oid for _, oid in flat] == [1, 4, 7, 10, 2, 5, 8, 3, 6, 9]  # 06-01, then 06-02, then 06-03


def test_a_row_waiting_for_its_retry_time_is_not_claimed(db_path: Path) -> None:
    _fill(db_path, [(1, "2025-06-01", "log"), (2, "2025-06-02", "log")])
    with outbox.connect(db_path) as conn:
        (first, second) = outbox.claim(conn, "log", "me", now=200.0)
        outbox.mark_failed(conn, [first.id], "me", "boom", now=200.0, max_attempts=5, backoff=60.0)
        outbox.mark_sent(conn, [second.id], "me", now=200.0)
        assert outbox.claim(conn, "log", "me", now=210.0) == []
        (again,) = outbox.claim(conn, "log", "me", now=261.0)
        assert again.obligation_id == 1 and again.attempts == 1


def test_a_batch_holds_at_most_one_digest(db_path: Path) -> None:
    """A first-run digest part may list a thousand obligations: a claim takes one of them at most,
    with the ordinary rows before the next."""
    Store(db_path).close()
    rows = [(1, "lead"), (0, "overdue_digest"), (-1, "overdue_digest"), (2, "lead"), (3, "lead"), (-2, "overdue_digest")]
    with outbox.connect(db_path) as conn:
        outbox.enqueue(conn, [(oid, 1, "digest" if oid <= 0 else "payment", reason, None, "2025-06-01", "log",
                               json.dumps({"for_date": "2025-06-01"})) for oid, reason in rows], now=100.0)
        got = []
        while batch := outbox.claim(conn, "log", "me", now=200.0, limit=500):
            got.append([r.obligation_id for r in batch])
    assert got == [[1, 0], [-1, 2, 3], [-2]]
