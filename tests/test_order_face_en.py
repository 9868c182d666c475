"""An English purchase order: fields on its face ("Payment Terms: 30% …; 70% Net 60 …", a plain-text
item table with a TOTAL line), signatures, then "TERMS AND CONDITIONS" with run-in headings
("2. Buyer-furnished data. Buyer shall…") and a date the order names by its event (the
"Acknowledgement Date"). Expected values written by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.parse import parse_text
from tracker.parse.clauses import segment
from tracker.parse.normalize import normalize
from tracker.parse.timex_anchors import defined_dates_en

PO = """PURCHASE ORDER

PO Number:        PO-2026-0042
Order Date:       16 November 2026
Buyer:            Eastlake Motors Co., Ltd.
Supplier:         Riverside Vision Co., Ltd.

Item  Description                      Qty    Amount (RMB)
10    Vision inspection software       1 set  200,000.00
20    Model training and deployment    1 lot  100,000.00
                                       TOTAL  300,000.00

Payment Terms: 40% within thirty (30) days after the Acknowledgement Date; 60% Net 45 days from receipt of a valid invoice issued after Final Acceptance.

The date of Supplier's signature is the "Acknowledgement Date".

Issued by: Buyer — Signature: Li Wen — Date: 16 November 2026
Acknowledged by: Supplier — Signature: Fang Rui — Date: 18 November 2026

TERMS AND CONDITIONS OF PURCHASE

1. Formation. This Order is the entire agreement between Buyer and Supplier.

2. Buyer-furnished data. Buyer shall provide 5,000 sample images within ten (10) Business Days after the Acknowledgement Date.

3. Delivery. Supplier shall deliver the licence key within five (5) Business Days after the Acknowledgement Date.
"""


def test_terms_after_the_signatures_are_clauses_with_run_in_headings() -> None:
    text = normalize(PO).text
    clauses = segment(text)
    assert clauses.label_at(text.index("Buyer shall provide")) == "2"
    assert clauses.label_at(text.index("deliver the licence key")) == "3"


def test_a_date_named_by_its_event() -> None:
    assert defined_dates_en(normalize(PO).text) == {"acknowledgement date": "signing"}
    assert defined_dates_en(normalize('"Kick-off Date" means the date on which the kick-off meeting is held.').text) \
        == {"kick-off date": "kickoff"}


def test_order_face_payment_terms_total_and_deadlines_from_the_acknowledgement() -> None:
    doc = parse_text(PO, "po.en.txt")
    assert doc.contract.total_fee == Decimal("300000.00")
    pays = [o for o in doc.obligations if o.kind == "payment"]
    assert [(o.amount, o.trigger.event if o.trigger else None) for o in pays] == [
        (Decimal("120000.00"), "signing"), (Decimal("180000.00"), "invoice")]
    assert pays[0].due_date == date(2026, 12, 18)  # 11-18 + 30 days
    data = next(o for o in doc.obligations if o.kind == "data_delivery")
    # 11-18 (Wed) + 10 working days: 11-19, 20, 23, 24, 25, 26, 27, 30, 12-01, 12-02
    assert data.party == "client" and data.due_date == date(2026, 12, 2)
