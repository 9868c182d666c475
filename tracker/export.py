"""Export obligations as JSON, CSV or an iCalendar file (RFC 5545) for Outlook, Google and Apple.

JSON and CSV hold every obligation with its contract; the .ics holds one all-day VEVENT per
*open dated* obligation (Google Calendar ignores VTODO on import, Outlook and Apple take both)
with a display VALARM a few days before, a stable UID (re-importing updates instead of
duplicating) and the recurrence rule for periodic obligations. ``stamp`` (DTSTAMP) is passed
in: nothing here reads the clock.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tracker.store import bad_rows
from tracker.store.bad_rows import Skipped

FORMATS = ("json", "csv", "ics")
ALARM_DAYS = 3
CSV_COLUMNS = ("obligation_id", "contract_id", "contract_title", "provider", "client", "kind", "party", "title",
               "due_date", "waiting_for", "recurrence", "amount", "paid", "currency", "status", "clause", "quote")


def obligations(path: Path | str, skipped: list[Skipped] | None = None) -> list[dict[str, Any]]:
    """Every obligation with its contract, in due-date order (waiting ones last); contracts whose
    stored data cannot be read are left out and added to ``skipped``."""
    from tracker.store.export_queries import obligation_rows

    rows = [dict(zip(CSV_COLUMNS, r, strict=True)) for r in obligation_rows(path, skipped)]
    for r in rows:
        if r["due_date"] is not None:
            r["waiting_for"] = None
    return rows


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def to_ics(rows: list[dict[str, Any]], stamp: datetime, skipped: list[Skipped] | None = None) -> bytes:
    """One all-day event with an alarm per open, dated obligation (one that cannot be read —
    a recurrence rule the calendar library refuses — skips its contract)."""
    events: dict[int, list[Any]] = {}
    bad: set[int] = set()
    for r in rows:
        if r["contract_id"] in bad or r["status"] not in ("pending", "overdue") or not r["due_date"]:
            continue
        try:
            with bad_rows.reading(r["contract_id"], "an obligation's stored data cannot be read"):
                events.setdefault(r["contract_id"], []).append(_event(r, stamp))
        except bad_rows.Unreadable as exc:
            bad.add(exc.contract_id)
            bad_rows.add(skipped, exc.contract_id, exc.problem)
    return _calendar([ev for cid, evs in events.items() if cid not in bad for ev in evs])


def _calendar(events: list[Any]) -> bytes:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//tracker//contract obligations//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Contract obligations")
    for ev in events:
        cal.add_component(ev)
    return cal.to_ical()  # type: ignore[no-any-return]


def _event(r: dict[str, Any], stamp: datetime) -> Any:
    from icalendar import Alarm, Event, vRecur

    due = date.fromisoformat(r["due_date"])
    ev = Event()
    ev.add("uid", f"obligation-{r['obligation_id']}@tracker")
    ev.add("dtstamp", stamp)
    ev.add("dtstart", due)
    ev.add("dtend", due + timedelta(days=1))
    summary = f"{r['title']} — {r['contract_title'] or 'contract #' + str(r['contract_id'])}"
    ev.add("summary", summary)
    desc = [f"{r['kind']} ({r['party']}), clause {r['clause'] or '?'}",
            f"contract #{r['contract_id']}: {r['provider'] or ''} / {r['client'] or ''}"]
    if r["amount"]:
        desc.append(f"amount {r['amount']} {r['currency'] or ''}".rstrip())
    desc.append(f"tracker done {r['obligation_id']}")
    ev.add("description", "\n".join(desc))
    ev.add("categories", [r["kind"]])
    ev.add("transp", "TRANSPARENT")
    if r["recurrence"]:
        ev.add("rrule", vRecur.from_ical(r["recurrence"]))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Due {r['due_date']}: {summary}")
    alarm.add("trigger", timedelta(days=-ALARM_DAYS))
    ev.add_component(alarm)
    return ev


def export(path: Path | str, fmt: str, stamp: datetime, skipped: list[Skipped] | None = None) -> bytes:
    if fmt not in FORMATS:
        from tracker.errors import UsageError

        raise UsageError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")
    rows = obligations(path, skipped)
    if fmt == "json":
        return to_json(rows).encode()
    if fmt == "csv":  # with a BOM: Excel opens UTF-8 Chinese text correctly only with it
        return ("\ufeff" + to_csv(rows)).encode()
    return to_ics(rows, stamp, skipped)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` created with mode 0600 whatever the umask (exports hold verbatim
    contract quotes); an existing file is truncated and its mode tightened to 0600 too."""
    import os

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        os.fchmod(f.fileno(), 0o600)
        f.write(data)
