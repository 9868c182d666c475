"""English: a sentence listing dated deliveries ("Batch 1 on or before …, Batch 2 on or before …")
is one duty per item; a rate on "the fee for the delayed Batch" is on the delayed amount; a breach
of a numbered clause (Clause 5.3) that is about confidentiality is a confidentiality breach; a
signature table ("| | For the Client | For the Provider |", "| Date | … | … |") ends the body and
dates the signatures (the later wins); a party's name keeps its legal form before a bracketed
Chinese name. Expected values written by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.parse import parse_text

DOC = """# DATA ANNOTATION SERVICES AGREEMENT

This Agreement is made between:
1. Harbour Robotics Limited, a company incorporated in Hong Kong (the "Client"); and
2. Qianhai Label Data Co., Ltd. (前海标注数据有限公司), a company incorporated in the PRC (the "Provider").

## 1. Delivery

1.1 The Provider shall deliver the Annotated Data in three Batches: Batch 1 on or before 30 October 2026, Batch 2 on or before 30 November 2026, and Batch 3 on or before 18 December 2026.

## 2. Term

2.1 This Agreement continues until 31 January 2027.

2.2 The obligations of confidentiality in this Agreement shall survive for three (3) years after the end of the Term.

## 3. Liability

3.1 If the Provider delivers a Batch late, it shall pay liquidated damages of 0.2% of the fee for the delayed Batch for each day of delay, capped at 10% of the fee for that Batch.

3.2 A Party that breaches Clause 2.2 shall pay the other Party liquidated damages of USD 20,000.

| | For the Client | For the Provider |
|---|---|---|
| Name | Grace Lam | Zhou Haitao |
| Date | 9 September 2026 | 4 September 2026 |
"""


def test_dated_items_of_one_sentence_are_one_duty_each() -> None:
    doc = parse_text(DOC, "batches.en.md")
    dates = sorted(o.due_date for o in doc.obligations if o.party == "provider" and o.due_date and o.kind != "contract_expiry")
    assert dates == [date(2026, 10, 30), date(2026, 11, 30), date(2026, 12, 18)]


def test_delayed_batch_basis_clause_reference_and_signature_table() -> None:
    doc = parse_text(DOC, "batches.en.md")
    c = doc.contract
    late = next(p for p in c.penalties if p.kind == "late_delivery")
    assert late.basis == "delayed_amount" and late.cap is not None and late.cap.basis == "delayed_amount"
    conf = next(p for p in c.penalties if p.kind == "confidentiality_breach")
    assert conf.amount == Decimal("20000.00")
    assert c.signed_date == date(2026, 9, 9)
    assert c.provider == "Qianhai Label Data Co., Ltd."


MILESTONES = """# SOFTWARE DEVELOPMENT AGREEMENT

This Agreement is entered into by and between Alpha Holdings Co., Ltd. (the "Customer") and Beta Software Co., Ltd. (the "Developer"). It takes effect on 1 October 2026 (the "Effective Date").

## 1. Milestones

1.1 The Developer shall complete the following Milestones:

1. **Milestone 1 – Specification**: delivered within fifteen (15) Business Days after the Effective Date;
2. **Milestone 2 – Final Release**: production deployment of the System on or before March 31, 2027.

1.2 The Developer shall deliver an Acceptance Test Report within ten (10) Business Days after the Final Release.

## 2. Fees

2.1 The total Contract Price is RMB 1,000,000.

2.2 The Customer shall pay the following Milestone payments, each within 30 days of the Milestone Acceptance Certificate for that Milestone:

1. 40% of the Contract Price (RMB 400,000) for Milestone 1;
2. 60% of the Contract Price (RMB 600,000) for Milestone 2.

## 3. Remedies

3.1 If the Developer misses the date of Milestone 2, it shall pay liquidated damages of 0.1% of the Contract Price for each day of delay.
"""


def test_items_of_a_duty_list_are_that_duty_and_milestone_payments_count_from_acceptance() -> None:
    doc = parse_text(MILESTONES, "milestones.en.md")
    items = [(o.kind, o.party, o.due_date) for o in doc.obligations if o.clause == "1.1"]
    # 10-01 + 15 working days: 10-01…10-07 is National Day, 10-10 a make-up Saturday: 10-08, 09, 10, 12,
    # 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27
    assert items == [("other", "provider", date(2026, 10, 27)), ("model_delivery", "provider", date(2027, 3, 31))]
    report = next(o for o in doc.obligations if o.kind == "evaluation_report")
    assert report.trigger is not None and (report.trigger.event, report.trigger.offset) == ("model_delivery", "P10D")
    pays = [(o.amount, o.trigger.event if o.trigger else None) for o in doc.obligations if o.kind == "payment"]
    assert pays == [(Decimal("400000.00"), "acceptance"), (Decimal("600000.00"), "acceptance")]
    assert [p.kind for p in doc.contract.penalties] == ["late_delivery"]


CONSULTING = """CONSULTING AGREEMENT

This Consulting Agreement (the "Agreement") is made between:

(A) Shanghai Beacon Insurance Services Co., Ltd. (the "Company"); and
(B) Clearpath AI Advisory (Shenzhen) Co., Ltd. (the "Consultant").

1. FEES
1.1 This Agreement takes effect on 1 September 2026 (the "Effective Date").
1.2 The Company shall pay the Consultant a fixed fee of RMB 600,000 (the "Fee") in three instalments:
(a) 40% of the Fee (RMB 240,000) within fifteen (15) days after the Effective Date;
(b) 30% of the Fee (RMB 180,000) within thirty (30) days after the Company's written approval of the Interim Report;
(c) 30% of the Fee (RMB 180,000) within thirty (30) days after receipt of the Consultant's invoice, which the Consultant shall issue upon acceptance of the Final Report.
"""


def test_lettered_parties_and_instalments_paid_by_the_lead_ins_payer() -> None:
    doc = parse_text(CONSULTING, "consulting.en.txt")
    c = doc.contract
    assert (c.client, c.provider) == ("Shanghai Beacon Insurance Services Co., Ltd.", "Clearpath AI Advisory (Shenzhen) Co., Ltd.")
    assert c.total_fee == Decimal("600000.00")
    pays = [(o.party, o.trigger.event if o.trigger else None) for o in doc.obligations if o.kind == "payment"]
    assert pays == [("client", "effective"), ("client", "acceptance"), ("client", "invoice")]


WORK_ORDER = """WORK ORDER NO. 3

Customer: Lumen Retail (China) Co., Ltd.
Supplier: Veridata Information Services (Suzhou) Co., Ltd.

This Work Order is signed on 30 October 2026 and takes effect on 2 November 2026 (the "WO Effective Date").

A. Project
The Supplier will cleanse the Customer's product master records.

B. Customer Inputs
B1. The Customer shall deliver a full extract of its product master within three (3) Business Days after the WO Effective Date.

C. Deliverables and Reporting
C1. Data profiling report: no later than 20 November 2026.
C2. Cleansed records for the first 500,000 SKUs: no later than 15 January 2027.
"""


def test_lettered_sections_and_a_deliverables_list_without_verbs() -> None:
    doc = parse_text(WORK_ORDER, "work-order.en.txt")
    assert doc.contract.signed_date == date(2026, 10, 30)
    assert doc.contract.effective_date == date(2026, 11, 2)
    due = sorted((o.party, o.due_date) for o in doc.obligations)
    # 11-02 (Mon) + 3 working days → 11-05; the two deliverables on their written dates
    assert due == [("client", date(2026, 11, 5)), ("provider", date(2026, 11, 20)), ("provider", date(2027, 1, 15))]
