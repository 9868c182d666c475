"""The penalty statement's renderings (tracker.penalty_report) on in-memory results."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rich.console import Console

from tracker import penalty_report as report
from tracker.model import Cap, Penalty
from tracker.money import D
from tracker.penalty import Delivery, Instalment, Payment

AS_OF = date(2025, 12, 31)


@dataclass(frozen=True)
class Book:
    contract_id: int
    title: str | None
    provider: str | None
    client: str | None
    currency: str | None
    total_fee: Decimal | None
    penalties: tuple[Penalty, ...]
    instalments: tuple[Instalment, ...]
    payments: tuple[Payment, ...]
    deliveries: tuple[Delivery, ...]


CAPPED = Penalty("late_payment", "7.2", rate=D("0.005"), per="day", basis="overdue_amount",
                 cap=Cap(rate=D("0.20"), basis="total_fee"), suspend_after_days=30)
MONTHLY = Penalty("late_payment", "5.3", rate=D("0.015"), per="month", basis="overdue_amount")
BOOKS = [
    Book(1, "Capped | pipes", "P", "C", "CNY", D("500000.00"), (CAPPED,),
         (Instalment(1, date(2025, 3, 17), D("150000.00"), "first", "4.2"),
          Instalment(2, date(2025, 6, 30), D("200000.00"), "second", "4.2")), (), ()),
    Book(2, "Monthly", "P", "C", "USD", None, (MONTHLY, Penalty("late_payment", "9.9")),
         (Instalment(7, date(2025, 1, 31), D("33333.33"), "invoice 1"),), (), ()),
    Book(3, "Nothing due", None, None, None, D("1.00"), (), (), (), ()),
]


def test_json_totals_and_cap_split() -> None:
    out = report.to_json(report.build(BOOKS, AS_OF))
    first, monthly, empty = out
    assert first["total"] == "100000.00"
    assert [(i["penalty"], i["cap_cut"]) for i in first["instalments"]] == [
        ("88000.00", "128750.00"), ("12000.00", "172000.00")]
    assert first["clauses"][0]["cap_reached_on"] == "2025-07-13"
    assert monthly["instalments"][0]["per"] == "month"
    assert monthly["instalments"][0]["day_count"] == "per month of 30 days: rate x days / 30"
    assert monthly["notes"] == ["clause 9.9 (late_payment): no rate stated, not computed"]
    assert empty["total"] == "0.00" and empty["instalments"] == []


def test_csv_rows_add_up() -> None:
    rows = list(csv.DictReader(io.StringIO(report.to_csv(report.build(BOOKS, AS_OF)))))
    assert rows[0].keys() == set(report.CSV_COLUMNS)
    totals = {r["contract_id"]: Decimal(r["amount"]) for r in rows if r["row"] == "contract_total"}
    inst = [Decimal(r["amount"]) for r in rows if r["row"] == "instalment_total"]
    (overall,) = [Decimal(r["amount"]) for r in rows if r["row"] == "overall_total" and r["kind"] == "late_payment"]
    assert sum(totals.values()) == sum(inst) == overall


def test_markdown_escapes_and_states_the_convention() -> None:
    md = report.to_markdown(report.build(BOOKS, AS_OF), AS_OF)
    assert "Capped \\| pipes" in md
    assert "capped at 20 % of the total fee = 100,000.00, reached on 2025-07-13" in md
    assert "≈ 18.25 % a year" in md  # 1.5 % a month
    assert "Nothing due" not in md
    assert "days = end - start" in md


def test_rich_statement_fits_80_columns() -> None:
    console = Console(width=80, record=True, color_system=None)
    console.print(report.to_rich(report.build(BOOKS, AS_OF), AS_OF))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "Late payment, clause 9.9: no rate stated, not computed" in text
    for figure in ("88,000.00", "12,000.00", "cap cut −128,750.00", "Overall: late payment"):
        assert figure in text
