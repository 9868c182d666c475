"""The daily run plans a slice of contracts at a time (``tracker.daily_plan``, issue 12): the
result is the one a single whole-portfolio plan gives, a failure while planning leaves nothing
behind, and the planning's memory does not grow with the portfolio."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import tracemalloc
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tracker import daily, daily_plan
from tracker.config import Config, Delivery
from tracker.first_digest import digest_json, digest_payload
from tracker.notify import Target
from tracker.store import outbox
from tracker.store.remind_stage import Stage

ROOT = Path(__file__).resolve().parents[1]
DAY = date(2025, 6, 16)


def _populate(db: Path, contracts: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_remind", ROOT / "bench" / "remind.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.populate(db, contracts, DAY)  # type: ignore[attr-defined]
    with closing(sqlite3.connect(db)) as c, c:  # overdue statuses, event-bound duties: every ordering key in play
        c.execute("UPDATE obligations SET status = 'overdue' WHERE id % 7 = 0 AND status = 'pending'")
        c.execute("UPDATE obligations SET due_date = NULL WHERE id % 13 = 0")


def _cfg(log: Path) -> Config:
    return Config(delivery=Delivery(channels=("log",), log_file=str(log), digest_chunk=7))  # type: ignore[arg-type]


def _chat(db: Path) -> None:
    """A DingTalk robot for every client-side duty (its digest comes in parts), an e-mail for one contract
    and two people's channels; none is reachable, which the dry runs below never try."""
    with outbox.connect(db) as conn:
        outbox.add_recipient(conn, None, "client", "webhook", "https://oapi.dingtalk.invalid/robot/send?x=1", "dingtalk")
        outbox.add_recipient(conn, 3, "both", "email", "finance@example.invalid")
        # a person's channels (tracker.person_digest): a Feishu robot on many contracts, an e-mail on one
        conn.executemany("INSERT INTO reminder_recipients (contract_id, party, kind, address, format, person)"
                         " VALUES (?, 'both', 'webhook', 'https://open.feishu.invalid/hook/1', 'feishu', '王芳')",
                         [(cid,) for cid in range(2, 30)])
        conn.execute("INSERT INTO reminder_recipients (contract_id, party, kind, address, format, person)"
                     " VALUES (5, 'provider', 'email', 'li@example.invalid', 'generic', '李雷')")


def _copy(src: Path, dst: Path) -> None:
    """The whole database, write-ahead log included."""
    with closing(sqlite3.connect(src)) as a, closing(sqlite3.connect(dst)) as b:
        a.backup(b)


def _outbox(db: Path) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db)) as c:
        return c.execute("SELECT id, obligation_id, contract_id, kind, reason, due_date, for_date, channel, payload,"
                         " status FROM reminder_outbox ORDER BY id").fetchall()


def _snapshots(db: Path) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db)) as c:
        return c.execute("SELECT * FROM penalty_snapshots ORDER BY id").fetchall()


def _runs(db: Path, tmp: Path) -> dict[str, Any]:
    log = tmp / "r.jsonl"
    cfg = _cfg(log)
    dry = daily.run_daily(db, DAY, config=cfg, dry_run=True, clock=lambda: 1000.0)
    with outbox.connect(db) as conn:  # the chat and e-mail recipients leave: the real runs go to the log
        conn.execute("DELETE FROM reminder_recipients")
    first = daily.run_daily(db, DAY, config=cfg, clock=lambda: 1000.0)
    again = daily.run_daily(db, DAY, config=cfg, clock=lambda: 1001.0)
    nxt = daily.run_daily(db, DAY + timedelta(days=1), config=cfg, clock=lambda: 1002.0)
    late = daily.run_daily(db, DAY + timedelta(days=3), now=DAY + timedelta(days=5), config=cfg, clock=lambda: 1003.0)
    return {"next": (nxt.planned, nxt.new, nxt.delivered, nxt.snapshots), "dry": (dry.planned, dry.new, dry.would_send), "first": (first.planned, first.new, first.delivered,
            first.snapshots), "again": (again.planned, again.new, again.delivered),
            "late": (late.planned, late.new, late.delivered, late.snapshots),
            "outbox": _outbox(db), "snapshots": _snapshots(db), "log": log.read_text(encoding="utf-8")}


def test_slices_give_the_whole_portfolio_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = tmp_path / "base.db"
    _populate(base, 40)
    _chat(base)
    got = {}
    for size in (10_000, 3):  # one slice, then 14 slices of 3 contracts
        work = tmp_path / f"s{size}"
        work.mkdir()
        _copy(base, work / "t.db")
        monkeypatch.setattr(daily_plan, "SLICE", size)
        got[size] = _runs(work / "t.db", work)
    whole, sliced = got[10_000], got[3]
    for key in whole:
        assert sliced[key] == whole[key], key
    # the dry run planned digests for the log, the robot (in parts of at most 7 lines) and the e-mail
    reasons = [(x["channel"].split(":")[0], x["reason"]) for x in whole["dry"][2] if x["reason"] == "overdue_digest"]
    assert reasons[0] == ("log", "overdue_digest") and len(reasons) > 3
    assert all(x["count"] <= 7 for x in whole["dry"][2] if x["channel"].startswith("dingtalk"))
    assert any(x["reason"] == "person_digest" and x["person"] == "王芳" for x in whole["dry"][2])
    # the order the whole-portfolio plan always had: overdue before pending, then due date (none first), then id
    with closing(sqlite3.connect(tmp_path / "s3" / "t.db")) as c:
        status = dict(c.execute("SELECT id, status FROM obligations").fetchall())
    by_day: dict[str, list[tuple[str, str, int]]] = {}
    for r in whole["outbox"]:
        if r[1] > 0 and r[4] != "calendar_moved":
            by_day.setdefault(r[6], []).append((status[r[1]], r[5] or "", r[1]))
    assert all(keys == sorted(keys) for keys in by_day.values())
    assert any({k[0] for k in keys} == {"overdue", "pending"} for keys in by_day.values())
    digest = json.loads(next(r[8] for r in whole["outbox"] if r[4] == "overdue_digest"))
    due = [(i["due_date"], i["contract_id"], i["obligation_id"]) for i in digest["items"]]
    assert due == sorted(due) and digest["count"] == len(due) > 40


def test_failure_while_planning_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "t.db"
    _populate(db, 12)
    monkeypatch.setattr(daily_plan, "SLICE", 4)
    calls = []
    real = daily.fill_penalties

    def fail_on_third(*a: Any, **k: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return real(*a, **k)

    monkeypatch.setattr(daily, "fill_penalties", fail_on_third)
    cfg = _cfg(tmp_path / "r.jsonl")
    with pytest.raises(RuntimeError):
        daily.run_daily(db, DAY, config=cfg, clock=lambda: 1000.0)
    assert _outbox(db) == [] and _snapshots(db) == []  # slices 1 and 2 were staged only
    monkeypatch.setattr(daily, "fill_penalties", real)
    r = daily.run_daily(db, DAY, config=cfg, clock=lambda: 1000.0)
    assert r.ok and r.snapshots > 0
    assert [x["reason"] for x in r.delivered].count("overdue_digest") == 1  # still the first run


def _planning_peak(db: Path) -> int:
    """Peak traced memory of planning the day (not a first run: no digest to build)."""
    with outbox.connect(db) as conn:
        outbox.record_day(conn, DAY - timedelta(days=1), 0.0, planned=0, delivered=0, failed=0, runner="test")
        conn.execute("BEGIN")
        stage = Stage(conn)
        p = daily_plan.Plan(DAY, DAY, _cfg(db.parent / "r.jsonl"), [Target("log", "log", str(db.parent / "r.jsonl"))],
                            False, True, [])
        tracemalloc.start()
        daily_plan.plan_into(conn, stage, p)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        conn.execute("ROLLBACK")
        assert p.rows > 0 and p.snapshots > 0
    return peak


def test_planning_memory_does_not_grow_with_the_portfolio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(daily_plan, "SLICE", 50)
    peaks = []
    for n in (100, 400):
        (tmp_path / str(n)).mkdir()
        db = tmp_path / str(n) / "t.db"
        _populate(db, n)
        peaks.append(_planning_peak(db))
    assert peaks[1] < 1.5 * peaks[0], peaks  # 4x the contracts; a whole-portfolio plan grows ~4x


def test_digest_json_is_json_dumps_of_the_payload() -> None:
    items: list[dict[str, Any]] = [{"obligation_id": 7, "title": '首期款 "A"\\b\n', "text": "OVERDUE \t\x01 末 \u2028", "for_date": "2025-06-16"},
             {"obligation_id": 9, "title": "b", "text": "x", "for_date": "2025-06-16"}]
    for part in ((1, 1), (2, 3)):
        want = json.dumps(digest_payload(items, DAY, part), ensure_ascii=False)
        got = digest_json(lambda: [(json.dumps(i, ensure_ascii=False), str(i["text"])) for i in items], 2,
                          "2025-06-16", part)
        assert got == want
    assert json.loads(got)["title"] == "first reminder run: 2 obligations already overdue (part 2 of 3)"
