"""The library's front door (``tracker/__init__.py``): lazy names that work on a real SQLite file."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import tracker
from tracker import penalty_report

FIX = Path(__file__).parent / "fixtures" / "penalty"


def test_import_and_help_load_no_heavy_modules() -> None:
    code = ("import sys, tracker, tracker.cli\n"
            "heavy = ('sqlalchemy', 'sqlmodel', 'opencc', 'pypdf', 'apscheduler', 'icalendar')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


def test_front_door_names() -> None:
    for name in ("open_store", "Store", "upcoming", "contracts", "show", "penalties", "compute", "run_daily",
                 "parse_file", "parse_text"):
        assert name in tracker.__all__ and name in dir(tracker) and callable(getattr(tracker, name))
    from tracker.store.write import Store

    assert tracker.open_store is Store and tracker.compute is __import__("tracker.penalty").penalty.compute


def test_store_pay_and_penalties_through_the_front_door(db_path: Path) -> None:
    with tracker.open_store(db_path) as store:
        (added,) = tracker.add_files(store, [FIX / "p01-xinghe-intent.txt"])
        cid = added.contract_id
        store.pay(cid, Decimal("50000"), date(2025, 3, 27))
    due = tracker.upcoming(db_path, as_of=date(2025, 6, 1), days=0)
    assert {r["contract_id"] for r in due} == {cid} and all(r["status"] == "overdue" for r in due if r["days_left"])
    (st,) = tracker.penalties(db_path, date(2025, 6, 1), cid)
    # 150,000 x 0.005 x 10 (03-18..03-27) + 100,000 x 0.005 x 66 (03-28..06-01)
    assert st.contract_id == cid and st.result.total == Decimal("40500.00")
    shown = tracker.show(db_path, cid, date(2025, 6, 1))["penalties"]
    assert penalty_report.contract_json(st)["total"] == shown["late_payment_total"]
