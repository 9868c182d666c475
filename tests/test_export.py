"""Export: JSON and CSV hold every obligation; the .ics one all-day event with an alarm per open one."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar

from tracker.export import export
from tracker.model import ParseResult
from tracker.store.write import Store

FIX = Path(__file__).parent / "fixtures" / "store"
STAMP = datetime(2025, 6, 25, 8, 0, tzinfo=UTC)


def load(db: Path) -> Store:
    s = Store(db)
    for name in ("p01-xinghe-intent", "p02-yunqi-bill-ocr"):
        s.add_parsed(ParseResult.from_json(json.loads((FIX / f"{name}.expected.json").read_text("utf-8"))))
    return s


def test_json_and_csv(db_path: Path) -> None:
    load(db_path).close()
    rows = json.loads(export(db_path, "json", STAMP))
    assert len(rows) == 19 and rows[0]["due_date"] == "2025-03-11"
    assert rows[-1]["due_date"] is None and rows[-1]["waiting_for"]
    data = export(db_path, "csv", STAMP)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese right
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(table) == 19 and table[0]["obligation_id"] == str(rows[0]["obligation_id"])
    assert {r["amount"] for r in table if r["kind"] == "payment"} >= {"150000.00", "200000.00"}


def test_ics_one_event_per_open_dated_obligation_with_alarm(db_path: Path) -> None:
    s = load(db_path)
    first = next(r for r in json.loads(export(db_path, "json", STAMP)) if r["kind"] == "data_delivery")
    s.done(first["obligation_id"], date(2025, 3, 10))
    s.close()
    rows = json.loads(export(db_path, "json", STAMP))
    expected = [r for r in rows if r["status"] == "pending" and r["due_date"]]
    cal = Calendar.from_ical(export(db_path, "ics", STAMP))
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(expected)
    uids = {str(e["UID"]) for e in events}
    assert f"obligation-{first['obligation_id']}@tracker" not in uids
    ev = next(e for e in events if str(e["UID"]) == f"obligation-{expected[0]['obligation_id']}@tracker")
    assert ev.decoded("DTSTART") == date.fromisoformat(expected[0]["due_date"])
    assert ev.decoded("DTSTAMP") == STAMP
    alarms = list(ev.walk("VALARM"))
    assert len(alarms) == 1 and alarms[0].decoded("TRIGGER") == timedelta(days=-3)
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    recurring = [e for e in events if "RRULE" in e]
    assert len(recurring) == 1  # the monthly progress report of p02
    assert cal["VERSION"] == "2.0" and "PRODID" in cal


def test_export_of_missing_db_is_empty(tmp_path: Path) -> None:
    p = tmp_path / "none.db"
    assert json.loads(export(p, "json", STAMP)) == []
    assert b"BEGIN:VCALENDAR" in export(p, "ics", STAMP)
