"""The daily job's cheaper reads (issue 12): the same answers as the plain way, on both engines."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from dbconn import db_connect, is_pg
from remind_helpers import add_contract, ob, obligation_ids
from remind_servers import http_server

from tracker import daily, daily_plan
from tracker.config import Config, Delivery, Policy
from tracker.store import bad_rows, outbox
from tracker.store.reminder_queries import julian_day


def test_julian_day_is_the_engines_julianday(db_path: Path) -> None:
    add_contract(db_path, [ob("payment", date(2025, 3, 17), amount="1.00")])  # creates and migrates
    days = [date(1970, 1, 1), date(2000, 2, 29), date(2024, 12, 31), date(2025, 6, 16), date(2099, 3, 1)]
    with db_connect(db_path) as c:
        got = [c.execute("SELECT julianday(?)", (d.isoformat(),)).fetchone()[0] for d in days]
    assert [julian_day(d) for d in days] == got
    assert julian_day(date(2025, 6, 16)) == 2460842.5  # by hand: JD of 2025-06-16 00:00 UTC


def test_scan_names_the_first_problem_of_each_contract(db_path: Path) -> None:
    """The contracts' checks run in order in one CASE: each later one may rely on the facts being JSON."""
    ids = [add_contract(db_path, [ob("payment", date(2025, 3, 17), amount="1.00")], title=f"合同{i}")
           for i in range(4)]
    json_set = "jsonb_set(facts::jsonb, '{%s}', '%s')::text" if is_pg(db_path) else "json_set(facts, '$.%s', json('%s'))"
    with db_connect(db_path) as c:
        c.execute("UPDATE contracts SET facts = '{\"penalties\": ' WHERE id = ?", (ids[0],))
        c.execute(f"UPDATE contracts SET facts = {json_set % ('penalties', '7')} WHERE id = ?", (ids[1],))
        c.execute(f"UPDATE contracts SET facts = {json_set % ('total_fee', '5')} WHERE id = ?", (ids[2],))
        if not is_pg(db_path):
            c.commit()
    with db_connect(db_path) as c:
        got = bad_rows.scan(c)
    assert got == {ids[0]: "its stored facts are not valid JSON",
                   ids[1]: "its stored penalty clauses are not a list",
                   ids[2]: "its stored total fee is not an amount"}


# ------------------------------------------------------------------ a rerun of a planned day (plan_memo)

DAY = date(2025, 3, 20)


def _cfg(log: Path, **policy: object) -> Config:
    return Config(policy=Policy(**policy), delivery=Delivery(channels=("log",), log_file=str(log),  # type: ignore[arg-type]
                                                            backoff_seconds=0.0, retries_in_run=0))


def _two(db: Path) -> list[int]:
    """Two contracts; on DAY the first has its instalment 3 days late (a first-run digest) and a
    delivery due in 7 days, the second an instalment due in 3 days."""
    return [add_contract(db, [ob("payment", DAY - timedelta(days=3), title="A首期款", amount="100000.00"),
                              ob("data_delivery", DAY + timedelta(days=7), title="A数据交付", clause="1.3")],
                         title="A项目"),
            add_contract(db, [ob("payment", DAY + timedelta(days=3), title="B首期款", amount="5000.00")],
                         title="B项目")]


@pytest.fixture
def plans(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the day was planned (``daily_plan.plan_into`` called)."""
    calls: list[int] = []
    real = daily_plan.plan_into

    def counting(*a: Any, **k: Any) -> None:
        calls.append(1)
        real(*a, **k)

    monkeypatch.setattr(daily_plan, "plan_into", counting)
    return calls


def _sql(db: Path, sql: str, *args: Any) -> None:
    with db_connect(db) as c:
        c.execute(sql, args)
        if not is_pg(db):
            c.commit()


def _titles(r: daily.RunResult) -> list[str]:
    return sorted(str(x.get("title")) for x in r.delivered)


def test_rerun_with_nothing_changed_is_not_planned_again(db_path: Path, tmp_path: Path, plans: list[int]) -> None:
    _two(db_path)
    c = _cfg(tmp_path / "r.jsonl")
    first = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1000.0)
    # by hand: the digest of A's late instalment, A's delivery due in 7 days, B's instalment due in 3
    assert first.ok and (first.new, len(first.delivered), first.planned) == (3, 3, 3) and len(plans) == 1
    assert _titles(first) == ["A数据交付", "B首期款", "first reminder run: 1 obligation already overdue"]
    again = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1001.0)
    assert len(plans) == 1  # the day's rows are all in the outbox: nothing was read or planned
    # planned as a full plan of a second run counts it: no longer a first run, so A's overdue notice and
    # its penalty notice count one each (by hand: 2 + A's delivery + B's instalment)
    assert (again.new, len(again.delivered), again.planned, again.skipped) == (0, 0, 4, [])
    dry = daily.run_daily(db_path, DAY, config=c, dry_run=True, clock=lambda: 1002.0)
    assert len(plans) == 1 and dry.would_send == [] and dry.planned == 4
    nxt = daily.run_daily(db_path, DAY + timedelta(days=1), config=c, clock=lambda: 1003.0)
    assert len(plans) == 2 and nxt.ok  # another day is planned


def test_a_change_of_any_kind_plans_the_day_again(db_path: Path, tmp_path: Path, plans: list[int]) -> None:
    a, b = _two(db_path)
    c = _cfg(tmp_path / "r.jsonl")
    daily.run_daily(db_path, DAY, config=c, clock=lambda: 1000.0)
    # by hand, in plain SQL (no store code): B's instalment is now due in 7 days, a payment reminder day
    _sql(db_path, "UPDATE obligations SET due_date = ? WHERE contract_id = ?", (DAY + timedelta(days=7)).isoformat(), b)
    r = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1001.0)
    assert len(plans) == 2 and r.new == 1 and _titles(r) == ["B首期款"]
    # a contract added through the store
    add_contract(db_path, [ob("payment", DAY + timedelta(days=1), title="C尾款", amount="1.00")], title="C项目")
    r = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1002.0)
    assert len(plans) == 3 and _titles(r) == ["C尾款"]
    # the settings: a policy with a 5-day lead for payments finds nothing new today, but plans again
    r = daily.run_daily(db_path, DAY, config=_cfg(tmp_path / "r.jsonl", lead_days={"payment": (5,)}),
                        clock=lambda: 1003.0)
    assert len(plans) == 4 and r.new == 0
    # a sent row deleted from the outbox by hand is planned (and sent) again
    _sql(db_path, "DELETE FROM reminder_outbox WHERE reason = 'due_in_1d'")
    r = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1004.0)
    assert len(plans) == 5 and _titles(r) == ["C尾款"]
    # catching up a missed day from a later today is another plan
    r = daily.run_daily(db_path, DAY, now=DAY + timedelta(days=1), config=c, clock=lambda: 1005.0)
    assert len(plans) == 6
    r = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1006.0)
    assert len(plans) == 6 and r.new == 0  # and nothing changed since the last plan of (DAY, DAY)


def test_a_contract_broken_between_runs_is_skipped_then_still_reported(db_path: Path, tmp_path: Path,
                                                                       plans: list[int]) -> None:
    a, b = _two(db_path)
    c = _cfg(tmp_path / "r.jsonl")
    assert daily.run_daily(db_path, DAY, config=c, clock=lambda: 1000.0).skipped == []
    _sql(db_path, "UPDATE contracts SET facts = substr(facts, 1, 20) WHERE id = ?", b)
    r = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1001.0)
    assert len(plans) == 2 and [(s.contract_id, s.problem) for s in r.skipped] == [
        (b, "its stored facts are not valid JSON")]
    r = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1002.0)  # not planned again: still reported
    assert len(plans) == 2 and [(s.contract_id, s.problem) for s in r.skipped] == [
        (b, "its stored facts are not valid JSON")]


def test_a_change_while_the_day_is_planned_is_seen_by_the_next_run(db_path: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer commits after the plan has read the store and before it is recorded: the record
    keeps the counter the plan read, so the next run plans again and sends what the writer added."""
    _two(db_path)
    c = _cfg(tmp_path / "r.jsonl")
    real = daily_plan.plan_into
    done: list[int] = []

    def then_a_writer(*a: Any, **k: Any) -> None:
        real(*a, **k)
        if not done:
            done.append(add_contract(db_path, [ob("payment", DAY + timedelta(days=7), title="D款", amount="1.00")],
                                     title="D项目"))

    monkeypatch.setattr(daily_plan, "plan_into", then_a_writer)
    r = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1000.0)
    assert done and "D款" not in _titles(r)  # planned before D was added
    r = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1001.0)
    assert _titles(r) == ["D款"]


def test_announced_calendar_moves_do_not_make_the_next_run_plan_again(db_path: Path, tmp_path: Path,
                                                                      plans: list[int]) -> None:
    a, _ = _two(db_path)
    oid = obligation_ids(db_path, a)["A数据交付"]
    c = _cfg(tmp_path / "r.jsonl")
    _sql(db_path, "INSERT INTO calendar_moves (obligation_id, contract_id, calendar, old_due_date, new_due_date,"
                  " reason, moved_on, recorded_at) VALUES (?, ?, 'CN', ?, ?, 'CN 2025: imported', ?, 'x')",
         oid, a, (DAY + timedelta(days=6)).isoformat(), (DAY + timedelta(days=7)).isoformat(), DAY.isoformat())
    r = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1000.0)
    assert "calendar_moved" in [x["reason"] for x in r.delivered]
    with db_connect(db_path) as conn:
        assert conn.execute("SELECT reminded_on FROM calendar_moves").fetchall() == [(DAY.isoformat(),)]
    r = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1001.0)
    assert len(plans) == 1 and r.new == 0


def _move(db: Path, cid: int, oid: int, old: date, new: date) -> None:
    _sql(db, "INSERT INTO calendar_moves (obligation_id, contract_id, calendar, old_due_date, new_due_date, reason,"
             " moved_on, recorded_at) VALUES (?, ?, 'CN', ?, ?, 'CN 2025: imported', ?, 'x')",
         oid, cid, old.isoformat(), new.isoformat(), DAY.isoformat())


@pytest.mark.parametrize("first", [True, False])
def test_the_record_reports_what_a_full_plan_of_the_day_reports(db_path: Path, tmp_path: Path, plans: list[int],
                                                                 first: bool) -> None:
    """Planned and skipped of a rerun from the record equal those of planning the day in full again:
    on a first run (its backlog digest), with a person's channel (one digest) beside a team's, one
    calendar move told on the team's channel and one only in the person's digest (never told)."""
    a, b = _two(db_path)
    ids_a, ids_b = obligation_ids(db_path, a), obligation_ids(db_path, b)
    broken = add_contract(db_path, [ob("payment", DAY + timedelta(days=7), title="X款", amount="1.00")], title="X项目")
    _sql(db_path, "UPDATE contracts SET facts = substr(facts, 1, 20) WHERE id = ?", broken)
    with http_server() as mine, http_server() as team:
        with outbox.connect(db_path) as conn:
            outbox.add_recipient(conn, a, "both", "webhook", mine.url, person="fin")
            outbox.add_recipient(conn, b, "both", "webhook", team.url)
        _move(db_path, a, ids_a["A数据交付"], DAY + timedelta(days=6), DAY + timedelta(days=7))  # fin's only
        _move(db_path, a, ids_a["A首期款"], DAY - timedelta(days=4), DAY - timedelta(days=3))  # fin's only
        _move(db_path, b, ids_b["B首期款"], DAY + timedelta(days=2), DAY + timedelta(days=3))  # the team's too
        c = Config(delivery=Delivery(channels=(), backoff_seconds=0.0, retries_in_run=0))  # only the two hooks
        if not first:
            with outbox.connect(db_path) as conn:  # a day completed before: no first run
                outbox.record_day(conn, DAY - timedelta(days=1), 0.0, planned=0, delivered=0, failed=0, runner="t")
        run = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1000.0)
        assert run.ok and [s.contract_id for s in run.skipped] == [broken] and mine.posts >= 1
        assert "person_digest" in [x["reason"] for x in run.delivered]
        recalled = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1001.0)
        assert len(plans) == 1
        _sql(db_path, "UPDATE contracts SET title = title WHERE id = ?", a)  # changes nothing, but is a change
        full = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1002.0)
        assert len(plans) == 2 and full.new == 0
        assert (recalled.planned, recalled.skipped) == (full.planned, full.skipped)
        assert full.planned > 0 and [s.contract_id for s in full.skipped] == [broken]
        with db_connect(db_path) as conn:  # by hand: the team's move was told, fin's is still pending
            assert sorted(conn.execute("SELECT obligation_id, reminded_on FROM calendar_moves").fetchall()) == sorted(
                [(ids_a["A数据交付"], None), (ids_a["A首期款"], None), (ids_b["B首期款"], DAY.isoformat())])


def test_without_the_counter_every_run_plans(db_path: Path, tmp_path: Path, plans: list[int]) -> None:
    _two(db_path)
    _sql(db_path, "DELETE FROM store_revision")  # by hand: nothing counts changes any more
    c = _cfg(tmp_path / "r.jsonl")
    daily.run_daily(db_path, DAY, config=c, clock=lambda: 1000.0)
    _sql(db_path, "UPDATE obligations SET due_date = ? WHERE title = 'B首期款'", (DAY + timedelta(days=7)).isoformat())
    r = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1001.0)
    assert len(plans) == 2 and _titles(r) == ["B首期款"]


def test_the_settings_digest_is_made_only_when_a_plan_is_recalled_or_kept(db_path: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A dry run of a day with no recorded plan never needs it (it costs the calendar package and hashlib:
    start-up, issue 12); a run records it once; a rerun reads it once to compare."""
    _two(db_path)
    calls: list[int] = []
    real = daily_plan.settings_key

    def counted(*args: Any) -> str:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(daily_plan, "settings_key", counted)
    c = _cfg(tmp_path / "r.jsonl")
    dry = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1000.0, dry_run=True)
    assert dry.would_send and calls == []
    daily.run_daily(db_path, DAY, config=c, clock=lambda: 1000.0)
    assert len(calls) == 1  # kept with the plan
    again = daily.run_daily(db_path, DAY, config=c, clock=lambda: 1001.0)
    assert len(calls) == 2 and again.new == 0  # compared with the record: recalled, nothing planned again
