"""An English purchase order: fields on its face ("Payment Terms: 30% …; 70% Net 60 …", a plain-text
item table with a TOTAL line), signatures, then "TERMS AND CONDITIONS" with run-in headings
("2. Buyer-furnished data. Buyer shall…") and a date the order names by its event (the
"Acknowledgement Date"). Expected values written by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.model import Trigger
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


ORDER_FORM = """ORDER FORM No. OF-2026-7
under the Master Subscription Agreement dated 15 March 2025 (the "MSA")

Provider: Brightlake Cloud Software (Shanghai) Co., Ltd.
Customer: Yuanhe Factoring Co., Ltd.
Order Start Date: 1 January 2027
Subscription Term: 1 January 2027 to 31 December 2028 (24 months)

1. FEES
   Item                                   Amount (CNY)   Invoiced
   Onboarding (one-off)                      36,000.00   on signature of this Order Form
   Subscription Fee, Year 1                 240,000.00   on the Order Start Date
   Total                                    276,000.00

   Each invoice is payable within thirty (30) days of the invoice date.

2. PROVISIONING
   2.1 Provider will provision the Customer's production tenant within five (5) Business Days after the Order Start Date.
   2.2 Customer will upload its contract templates within ten (10) Business Days after the tenant is provisioned.
   2.3 Provider will deliver a monthly service availability report by the tenth (10th) day of each month, commencing February 2027.

Provider: Brightlake Cloud Software (Shanghai) Co., Ltd.
By: Lena Xu, VP Sales               Date: 3 December 2026
"""


def test_an_order_form_with_a_space_aligned_fee_table_and_dated_fields() -> None:
    doc = parse_text(ORDER_FORM, "order-form.en.txt")
    c = doc.contract
    assert c.provider == "Brightlake Cloud Software (Shanghai) Co., Ltd."
    assert (c.term, c.expiry_date) == ("P24M", date(2028, 12, 31))
    pays = [(o.amount, o.trigger.event if o.trigger else None, o.trigger.offset if o.trigger else None)
            for o in doc.obligations if o.kind == "payment"]
    assert pays == [(Decimal("36000.00"), "invoice", "P30D"), (Decimal("240000.00"), "invoice", "P30D")]
    tenant = next(o for o in doc.obligations if "provision" in o.quote)
    # 2027-01-01 (a Friday) + 5 working days: 01-04 … 01-08. The form states no other start, so the written
    # term's first day is the effective date (as 自A起至B止 is), and a deadline counted from that day counts
    # from the effective date
    assert c.effective_date == date(2027, 1, 1)
    assert tenant.due_date == date(2027, 1, 8) and tenant.trigger == Trigger("effective", "P5D", True)
    upload = next(o for o in doc.obligations if "upload" in o.quote)
    assert upload.kind == "data_delivery" and upload.trigger is not None and upload.trigger.event == "model_delivery"
    report = next(o for o in doc.obligations if o.kind == "progress_report")
    assert report.due_date == date(2027, 2, 10)
