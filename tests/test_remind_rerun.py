"""The daily job's cheaper reads (issue 12): the same answers as the plain way, on both engines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dbconn import db_connect, is_pg
from remind_helpers import add_contract, ob

from tracker.store import bad_rows
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
