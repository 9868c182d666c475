"""``tracker upcoming`` prints a long listing as it reads it (tracker.render_stream): chunks of one
table with fixed column widths, stitched so that the result reads as one table."""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.cells import cell_len
from rich.console import Console
from test_cli_store import loaded  # noqa: F401  (the fixture: two contracts of fixtures/store)
from typer.testing import CliRunner

from tracker import render_stream
from tracker.cli import app

runner = CliRunner()


def _row(oid: int, due: str | None, days_left: int | None, cid: int = 7, event: str | None = None) -> dict:
    return {"obligation_id": oid, "contract_id": cid, "kind": "payment", "party": "client", "title": f"款项{oid}",
            "due_date": due, "days_left": days_left, "amount": "1000.00", "paid": None, "outstanding": "1000.00",
            "currency": "CNY", "status": "overdue" if (days_left or 0) < 0 else "pending", "clause": "4.1",
            "waiting_for": event, "recurrence": None, "contract_title": "合同", "provider": "甲", "client": "乙"}


def _ids(text: str) -> list[int]:
    return [int(m) for m in re.findall(r"^│\s*(\d+) │", text, flags=re.M)]


def test_chunks_stitch_into_one_table_per_section() -> None:
    chunks = [[_row(1, "2025-06-01", -15), _row(2, "2025-06-10", -6), _row(3, "2025-06-16", 0)],
              [_row(4, "2025-06-20", 4), _row(10, None, None, event="acceptance")],
              [_row(5, "2025-07-01", 15), _row(11, None, None, event="acceptance")]]
    out = io.StringIO()
    render_stream.print_upcoming(Console(file=out, width=120), chunks, as_of="2025-06-16", days=30, max_id=11, first=2)
    text = out.getvalue()
    lines = text.splitlines()
    assert [ln.rstrip() for ln in lines if ln.startswith(("Due by", "Waiting"))] == [
        "Due by 30 days after 2025-06-16 (and everything overdue)", "Waiting for acceptance"]
    assert _ids(text) == [1, 2, 3, 4, 5, 10, 11]  # every row once, in order
    # one top edge, one header, one bottom edge per table, whatever the number of chunks
    assert sum(ln.startswith("┏") for ln in lines) == 2 and sum(ln.startswith("┃") for ln in lines) == 2
    assert sum(ln.startswith("└") for ln in lines) == 2 and sum(ln.startswith("┌") for ln in lines) == 0
    table = [ln for ln in lines if ln[:1] in "┏┃┡│└"]
    dated = table[:table.index(next(ln for ln in table if ln.startswith("└"))) + 1]
    assert len({cell_len(ln) for ln in dated}) == 1  # every chunk laid out alike
    assert "15d late" in text and "today" in text and "in 15d" in text and "¥1,000.00" in text


def test_nothing_dated_still_says_so() -> None:
    out = io.StringIO()
    render_stream.print_upcoming(Console(file=out, width=120), [[_row(10, None, None, event="acceptance")]],
                                 as_of="2025-06-16", days=30, max_id=10)
    assert out.getvalue().splitlines()[0] == "Nothing due by 30 days after 2025-06-16."


@pytest.mark.usefixtures("loaded")
def test_cli_streams_a_listing_above_large(monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["upcoming", "--as-of", "2025-06-25", "--days", "3650"]
    small = runner.invoke(app, args)
    rows = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    monkeypatch.setattr(render_stream, "LARGE", 2)
    big = runner.invoke(app, args)
    assert small.exit_code == big.exit_code == 0 and len(rows) > 2
    dated = [r["obligation_id"] for r in rows if r["due_date"]]
    groups: dict[str, list[int]] = {}  # one table per event, in order of first appearance
    for r in rows:
        if not r["due_date"]:
            groups.setdefault(r["waiting_for"], []).append(r["obligation_id"])
    assert _ids(big.stdout) == dated + [i for g in groups.values() for i in g] == _ids(small.stdout)
    assert big.stdout.count("Due by 3650 days after 2025-06-25") == 1
