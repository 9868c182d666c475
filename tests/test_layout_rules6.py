"""Mechanisms added for blind batches 36-39 (each example written here by hand, in wordings of its
own): a milestone schedule whose rows hold a deliverable, its target date and the fee it earns."""

from __future__ import annotations

import pytest

from tracker.parse import parse_text
from tracker.parse.common import Facts
from tracker.parse.coverage import unrecognised


def _json(text: str, name: str = "x.en.txt") -> dict:  # type: ignore[type-arg]
    return parse_text(text, name).to_json()


def _schedule(terms: str, header: str, rows: list[str]) -> str:
    return ("DEVELOPMENT AGREEMENT\n\nThis Agreement is made between Northwind Logistics Ltd. (\"Customer\") and "
            "Quill Vision Ltd. (\"Supplier\").\n\n1. SERVICES\n1.1 Supplier shall perform the work in the Schedule.\n"
            f"2. PAYMENT\n2.1 {terms}\n3. TERM\n3.1 This Agreement starts on 2 March 2026 and continues for one (1) year.\n\n"
            "Signed for Customer: R. Hale, Date: 2 March 2026\nSigned for Supplier: T. Moss, Date: 2 March 2026\n\n"
            "SCHEDULE 1 - PLAN\n" + header + "\n" + "\n".join(rows) + "\n")


@pytest.mark.parametrize("terms,offset", [
    ("Customer shall pay each Phase Fee within forty-five (45) days of the date of Supplier's invoice.", "P45D"),
    ("Customer will pay every instalment within 20 days after receipt of the invoice.", "P20D"),
])
@pytest.mark.parametrize("header,rows", [
    ("Phase | Work Product | Due | Fee (USD)",
     ["P1 | Annotated corpus review | 30 April 2026 | 50,000", "P2 | Trained detection model | 31 July 2026 | 80,000"]),
    ("| Milestone | Deliverable | Target Date | Amount |",
     ["|---|---|---|---|", "| A | Annotated corpus review | April 30, 2026 | USD 50,000 |",
      "| B | Trained detection model | July 31, 2026 | USD 80,000 |"]),
])
def test_a_milestone_row_states_its_deliverable_and_the_fee_it_earns(terms: str, offset: str, header: str,
                                                                     rows: list[str]) -> None:
    obligations = [o for o in _json(_schedule(terms, header, rows))["obligations"] if o["kind"] != "contract_expiry"]
    duties = [o for o in obligations if o["kind"] != "payment"]
    fees = [o for o in obligations if o["kind"] == "payment"]
    # each deliverable is the supplier's, due on its row's date, never the fee's date
    assert [(o["party"], o["due_date"]) for o in duties] == [("provider", "2026-04-30"), ("provider", "2026-07-31")]
    assert duties[1]["kind"] == "model_delivery"
    # each fee is the customer's, due the payment terms after the invoice
    assert [(o["party"], o["amount"]) for o in fees] == [("client", "50000.00"), ("client", "80000.00")]
    assert {(o["trigger"] or {}).get("event") for o in fees} == {"invoice"}
    assert {(o["trigger"] or {}).get("offset") for o in fees} == {offset}


def test_a_fee_table_with_a_due_column_is_still_one_instalment_per_row() -> None:
    """No deliverable column: "Instalment | Due | Amount" rows are payments only, due on their dates."""
    text = _schedule("Invoices are payable on the dates below.", "Instalment | Due | Amount",
                     ["First instalment | 30 April 2026 | USD 50,000", "Second instalment | 31 July 2026 | USD 80,000",
                      "Final instalment | 30 September 2026 | USD 20,000"])
    obligations = [o for o in _json(text)["obligations"] if o["kind"] != "contract_expiry"]
    assert [(o["kind"], o["due_date"], o["amount"]) for o in obligations] == [
        ("payment", "2026-04-30", "50000.00"), ("payment", "2026-07-31", "80000.00"),
        ("payment", "2026-09-30", "20000.00")]


@pytest.mark.parametrize("table", [
    "Milestone | Deliverable | Target Date | Fee\nM1 | Survey report | July 31, 2026 | RMB 240,000\n",
    "| Milestone | Deliverable | Target Date | Fee |\n|---|---|---|---|\n| M1 | Survey report | July 31, 2026 | RMB 240,000 |\n",
])
def test_a_dated_row_with_a_sum_that_no_rule_read_is_flagged(table: str) -> None:
    """Coverage: a table row holding a date and a sum is an instalment or a milestone, whatever its
    lead-in says and whether or not the table has outer pipes; unread, it is flagged, not dropped."""
    text = "EXHIBIT B - SCHEDULE\nThe schedule is as follows.\n" + table + "Notes | none | 2026\n"
    flagged = [text[w.start:w.end].strip(" |") for w in unrecognised(text, "en", Facts(), lambda _pos: "B")]
    assert flagged == ["M1 | Survey report | July 31, 2026 | RMB 240,000"]
