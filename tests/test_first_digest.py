"""The first reminder run sends one digest of everything already overdue, per channel; then the
ordinary policy. Figures counted by hand below (contract signed 2025-03-01, first run 2025-04-01)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from dbconn import db_connect
from remind_helpers import add_contract, ob
from remind_servers import http_server

from tracker.config import Config, Delivery
from tracker.daily import run_daily
from tracker.store import outbox

T = date(2025, 4, 1)


def _setup(db: Path) -> int:
    return add_contract(db, [
        # 20 days late on T: not a repeat day (daily for 7 days, then every 7: days 14, 21…)
        ob("payment", date(2025, 3, 12), title="首期款", amount="100000.00", clause="4.1"),
        # 3 days late on T: an ordinary repeat day
        ob("data_delivery", date(2025, 3, 29), title="训练数据交付", clause="1.3"),
        # 30 days late on T: not a repeat day
        ob("progress_report", date(2025, 3, 2), title="月度报告", clause="5.1"),
        # due in 7 days on T: an ordinary lead-time reminder, not folded
        ob("evaluation_report", date(2025, 4, 8), title="评估报告", clause="6.1"),
        # far in the future: nothing
        ob("payment", date(2025, 5, 1), title="尾款", amount="50000.00", clause="4.2"),
    ])


def _cfg(log: Path) -> Config:
    return Config(delivery=Delivery(channels=("log",), log_file=str(log), backoff_seconds=0.0,  # type: ignore[arg-type]
                                    timeout_seconds=2.0, retries_in_run=0))


def _lines(log: Path) -> list[dict]:
    return [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines()]


def test_first_run_one_digest_per_channel_then_ordinary(db_path: Path, tmp_path: Path) -> None:
    cid = _setup(db_path)
    log = tmp_path / "reminders.jsonl"
    c = _cfg(log)
    with http_server() as hook:
        with outbox.connect(db_path) as conn:
            outbox.add_recipient(conn, cid, "both", "webhook", hook.url, "generic")
        dry = run_daily(db_path, T, config=c, dry_run=True)
        assert sorted((x["channel"] == "log", x["reason"]) for x in dry.would_send) == [
            (False, "due_in_7d"), (False, "overdue_digest"), (True, "due_in_7d"), (True, "overdue_digest")]

        r = run_daily(db_path, T, config=c)
        # 2 channels x (1 digest + 1 lead reminder) = 4 messages
        assert r.ok and (r.planned, r.new, len(r.delivered)) == (4, 4, 4)
        lines = _lines(log)
        assert sorted(x["reason"] for x in lines) == ["due_in_7d", "overdue_digest"]
        digest = next(x for x in lines if x["reason"] == "overdue_digest")
        assert digest["count"] == 3 and digest["title"] == "first reminder run: 3 obligations already overdue"
        # sorted by due date; days late counted by hand from 2025-04-01
        assert [(i["title"], i["due_date"], i["days_late"]) for i in digest["items"]] == [
            ("月度报告", "2025-03-02", 30), ("首期款", "2025-03-12", 20), ("训练数据交付", "2025-03-29", 3)]
        pay = digest["items"][1]
        assert pay["accrued"] == "10000.00"  # 100,000.00 x 0.005 x 20 days
        assert pay["suspension_date"] == "2025-04-12"  # late for more than 30 days: from day 31
        assert "10000.00" in digest["text"] and digest["text"].count("\n  - ") == 3
        posted = hook.reminders()
        assert sorted(x["reason"] for x in posted) == ["due_in_7d", "overdue_digest"]
        assert len(hook.received) == 2  # generic webhook: one POST per message
        assert next(x for x in posted if x["reason"] == "overdue_digest")["items"] == digest["items"]

        # the same day again: nothing new, nothing resent
        again = run_daily(db_path, T, config=c)
        assert (again.new, again.delivered) == (0, []) and len(_lines(log)) == 2

        # the next day: the ordinary policy. 首期款 21 days late (a repeat day): overdue + penalty,
        # accrued 100,000.00 x 0.005 x 21 = 10,500.00; 训练数据交付 4 days late: overdue;
        # 月度报告 31 days late: not a repeat day; 评估报告 in 6 days: no lead. 3 x 2 channels.
        nxt = run_daily(db_path, date(2025, 4, 2), config=c)
        assert nxt.ok and (nxt.new, len(nxt.delivered)) == (6, 6)
        new_lines = _lines(log)[2:]
        assert sorted((x["reason"], x["title"]) for x in new_lines) == [
            ("overdue", "训练数据交付"), ("overdue", "首期款"), ("penalty", "首期款")]
        assert next(x for x in new_lines if x["reason"] == "penalty")["accrued"] == "10500.00"
        assert len(hook.received) == 5
    with db_connect(db_path) as conn:
        rows = conn.execute("SELECT obligation_id, contract_id, reason, status FROM reminder_outbox"
                            " WHERE reason = 'overdue_digest' ORDER BY channel").fetchall()
    assert rows == [(0, 0, "overdue_digest", "sent"), (0, 0, "overdue_digest", "sent")]


def test_no_digest_once_reminders_have_run(db_path: Path, tmp_path: Path) -> None:
    """A database whose reminders already ran on an earlier day keeps the ordinary behaviour."""
    log = tmp_path / "r.jsonl"
    c = _cfg(log)
    assert run_daily(db_path, date(2025, 3, 1), config=c).delivered == []  # nothing stored yet: day recorded
    _setup(db_path)
    r = run_daily(db_path, T, config=c)
    # ordinary policy on T: 训练数据交付 3 days late (overdue) and 评估报告 in 7 days; the others
    # are not on a repeat day
    assert sorted((x["reason"], x["title"]) for x in _lines(log)) == [
        ("due_in_7d", "评估报告"), ("overdue", "训练数据交付")]
    assert len(r.delivered) == 2


def test_digest_in_parts_of_digest_lines_each_its_own_row(db_path: Path, tmp_path: Path) -> None:
    """``digest_lines`` = 2: the three overdue obligations of ``_setup`` come in two parts, on the log
    and on a generic webhook alike, each part one outbox row and one message; a rerun sends none again."""
    cid = _setup(db_path)
    log = tmp_path / "reminders.jsonl"
    c = Config(delivery=Delivery(channels=("log",), log_file=str(log), backoff_seconds=0.0,  # type: ignore[arg-type]
                                 timeout_seconds=2.0, retries_in_run=0, digest_lines=2))
    with http_server() as hook:
        with outbox.connect(db_path) as conn:
            outbox.add_recipient(conn, cid, "both", "webhook", hook.url, "generic")
        r = run_daily(db_path, T, config=c)
        # 2 channels x (2 digest parts + 1 lead reminder)
        assert r.ok and (r.new, len(r.delivered)) == (6, 6)
        parts = [x for x in _lines(log) if x["reason"] == "overdue_digest"]
        assert [(p["title"], p["count"]) for p in parts] == [
            ("first reminder run: 2 obligations already overdue (part 1 of 2)", 2),
            ("first reminder run: 1 obligation already overdue (part 2 of 2)", 1)]
        assert [i["title"] for p in parts for i in p["items"]] == ["月度报告", "首期款", "训练数据交付"]
        posted = [x for x in hook.reminders() if x["reason"] == "overdue_digest"]
        assert [p["items"] for p in posted] == [p["items"] for p in parts] and len(hook.received) == 3
        again = run_daily(db_path, T, config=c)
        assert (again.new, len(again.delivered)) == (0, 0) and len(hook.received) == 3
    with db_connect(db_path) as conn:
        rows = conn.execute("SELECT obligation_id, status FROM reminder_outbox WHERE reason = 'overdue_digest'"
                            " ORDER BY channel, obligation_id DESC").fetchall()
    assert rows == [(0, "sent"), (-1, "sent")] * 2


def test_delivered_keeps_payloads_up_to_a_bound(db_path: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``KEEP_LINES`` lines the run keeps counts, not payloads; ``on_delivered`` sees every one."""
    from tracker import delivered

    _setup(db_path)
    monkeypatch.setattr(delivered, "KEEP_LINES", 3)
    seen: list[dict] = []
    r = run_daily(db_path, T, config=_cfg(tmp_path / "r.jsonl"), on_delivered=seen.append)
    assert len(r.delivered) == 2 and [x["reason"] for x in seen] == ["due_in_7d", "overdue_digest"]
    # the lead reminder (1 line) is kept; the digest (3 lines) would pass the bound: counted only
    assert list(r.delivered) == seen[:1] and not r.delivered.complete
    assert r.delivered.by_reason == {("log", "due_in_7d"): 1, ("log", "overdue_digest"): 1}
