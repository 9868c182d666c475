"""Mechanisms added for blind batches 40-41 (each example written here by hand, in wordings of its
own): lettered sections with A.1 items, a date a definition gives, a contract's own Months and Weeks
(prose deadlines and a Week column), a receipt whose object is the invoice just named."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.parse import parse_text
from tracker.parse.project_periods_en import month_end, week_due


def _json(text: str, name: str = "x.en.txt") -> dict:  # type: ignore[type-arg]
    return parse_text(text, name).to_json()


MONTHS = ("RESEARCH AGREEMENT\n\nBETWEEN:\n(1) NORTHFIELD UNIVERSITY (the \"University\"); and\n"
          "(2) QUAY DATA LIMITED (the \"Company\").\n\n1. DEFINITIONS\n1.1 \"Start Date\" means 20 January 2027.\n"
          "1.2 {month_def}\n\n2. TERM\n2.1 This Agreement shall commence on the Start Date and shall continue for "
          "twelve (12) months.\n\n3. WORK\n3.1 The Company shall make the sample records available to the University "
          "within ten (10) days of the Start Date.\n3.2 By the end of Month 4, the University shall deliver the Baseline "
          "Report.\n3.3 The Company shall pay each invoice within thirty (30) days after receipt.\n\n"
          "Signed for NORTHFIELD UNIVERSITY\nDate: 5 January 2027\n\nSigned for QUAY DATA LIMITED\nDate: 8 January 2027\n")


@pytest.mark.parametrize("month_def,due", [
    # calendar months: Month 1 is January 2027, so Month 4 ends on 30 April
    ("Month 1 is the calendar month in which the Start Date falls.", "2027-04-30"),
    # running months from the day itself: Month 4 ends the day before 20 May
    ("\"Month\" means each successive period of one month starting on the Start Date.", "2027-05-19"),
])
def test_a_contracts_own_months_and_a_start_date_it_defines(month_def: str, due: str) -> None:
    doc = _json(MONTHS.format(month_def=month_def))
    c = doc["contract"]
    assert (c["effective_date"], c["expiry_date"]) == ("2027-01-20", "2028-01-20")  # '"Start Date" means …'
    report = next(o for o in doc["obligations"] if o["clause"] == "3.2")
    assert (report["party"], report["due_date"]) == ("provider", due)
    records = next(o for o in doc["obligations"] if o["clause"] == "3.1")
    assert (records["kind"], records["party"]) == ("data_delivery", "client")  # make … available
    assert records["trigger"] == {"event": "effective", "offset": "P10D", "business_days": False}
    pay = next(o for o in doc["obligations"] if o["clause"] == "3.3")
    assert pay["trigger"] == {"event": "invoice", "offset": "P30D", "business_days": False}  # receipt of the invoice


WEEKS = ("# Statement of Work No. 4\n\nThis SOW is entered into between **Birch Foods Ltd.** (\"Client\") and "
         "**Pine Analytics Ltd.** (\"Consultant\").\n\n## A. Background\n\nA.1 This SOW takes effect on the date of the "
         "later signature below and ends on 31 March 2027.\n\n## B. Services\n\nB.1 Consultant shall send a written "
         "status note every Tuesday, starting in Week 2.\n\nB.2 Within ten (10) days after this SOW ends, Consultant "
         "shall delete all Client data.\n\n## C. Plan\n\nWeek 1 is the week beginning Monday 4 January 2027. A "
         "deliverable shown against a Week is due by the Thursday of that Week.\n\n| Week | Activity | Deliverable |\n"
         "|---|---|---|\n| 1–3 | Interviews | Discovery Memo |\n| 4 | Review | — |\n| 5–8 | Build | Pilot Evaluation Report |\n\n"
         "| | Client | Consultant |\n|---|---|---|\n| Date | 18 December 2026 | 17 December 2026 |\n")


def test_a_week_column_and_a_weekly_series_on_the_contracts_own_weeks() -> None:
    doc = _json(WEEKS, "x.en.md")
    rows = [o for o in doc["obligations"] if "|" in o["quote"]]
    # Week 3's Thursday is 21 January; week 4 delivers nothing ("—"); Week 8's Thursday is 25 February
    assert [(o["kind"], o["due_date"]) for o in rows] == [("other", "2027-01-21"), ("evaluation_report", "2027-02-25")]
    note = next(o for o in doc["obligations"] if "status note" in o["quote"])
    assert (note["kind"], note["recurrence"], note["due_date"]) == ("progress_report", "FREQ=WEEKLY;BYDAY=TU", "2027-01-12")
    delete = next(o for o in doc["obligations"] if "delete" in o["quote"])
    assert delete["trigger"] == {"event": "expiry", "offset": "P10D", "business_days": False}  # "after this SOW ends"
    assert delete["due_date"] == "2027-04-12"  # 10 April 2027 is a Saturday: due the Monday after


def test_project_periods_need_their_definition() -> None:
    assert month_end("By the end of Month 3 the report is due.", 3) is None
    assert week_due("Week 1 is the week beginning Monday 4 January 2027.", 2) is None  # no due weekday stated
    text = "Week 1 is the week beginning Monday 4 January 2027. Deliverables are due on the Friday of that Week."
    assert week_due(text, 1) == date(2027, 1, 8)
