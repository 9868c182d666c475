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
