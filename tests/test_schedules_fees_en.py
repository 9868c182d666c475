"""English contracts: a milestone schedule after the signatures, the names a contract gives its total
fee, damages stated inside the confidentiality article, party labels followed by an address, a title
named in prose, and a recurring payment (whose amount is one occurrence's, so no amount_mismatch).
Expected values are written by hand from the contract text."""

from __future__ import annotations

from tracker.parse import parse_text

ADDENDUM = (
    "# AI SERVICES ADDENDUM\n\n"
    "**Client:** Eastwind Freight Co., Ltd., 9 Harbour Road, Ningbo\n\n"
    "**Supplier:** Northpeak Vision Co., Ltd., 77 Science Avenue, Hefei\n\n"
    "## Section 1. Scope\n\n"
    '1.1 This Addendum covers the project named "Container Seal Reader" (the "Project").\n\n'
    "1.2 The milestones of the Project are set out in Schedule 1.\n\n"
    "## Section 2. Fees\n\n"
    "2.1 The Vision Services Fee is RMB 500,000 (VAT included).\n\n"
    "2.2 Client shall pay the Vision Services Fee as follows:\n"
    "(a) 60% (RMB 300,000) within fifteen (15) days of the Effective Date;\n"
    "(b) 40% (RMB 200,000) within thirty (30) days after Client's written acceptance of the Evaluation Report.\n\n"
    "## Section 3. Delay\n\n"
    "3.1 If Supplier fails to achieve Milestone M2 by its deadline, Supplier shall pay 0.1% of the Vision Services "
    "Fee for each day of delay, up to 10% of the Vision Services Fee.\n\n"
    "## Section 4. Confidentiality\n\n"
    "4.1 Each Party shall keep the other Party's confidential information strictly confidential.\n\n"
    "4.2 In the event of any unauthorised disclosure by Supplier, Supplier shall pay Client liquidated damages "
    "of RMB 100,000.\n\n"
    "## Section 5. Term\n\n"
    '5.1 This Addendum takes effect on 3 March 2025 (the "Effective Date") and continues for twelve (12) months.\n\n'
    "For Eastwind Freight Co., Ltd.: Date: 3 March 2025\n\n"
    "For Northpeak Vision Co., Ltd.: Date: 3 March 2025\n\n"
    "---\n\n"
    "## Schedule 1 – Milestones\n\n"
    "| No. | Milestone | Responsible | Deadline |\n"
    "|---|---|---|---|\n"
    "| M1 | Training Data: 8,000 labelled seal photographs | Client | within ten (10) Business Days of the Effective Date |\n"
    "| M2 | Trained Model deployed on Client's servers | Supplier | no later than 30 June 2025 |\n"
    "| M3 | Evaluation Report on the test set | Supplier | within five (5) Business Days of delivery of M2 |\n"
)


def test_a_milestone_schedule_after_the_signatures_is_one_duty_per_row() -> None:
    r = parse_text(ADDENDUM, "addendum.en.md")
    rows = [o for o in r.obligations if o.quote.startswith("M")]
    got = [(o.kind, o.party, o.trigger.event if o.trigger else None, o.trigger.offset if o.trigger else None,
            o.due_date.isoformat() if o.trigger is None and o.due_date else None) for o in rows]
    assert got == [
        ("data_delivery", "client", "effective", "P10D", None),
        ("model_delivery", "provider", None, None, "2025-06-30"),
        ("evaluation_report", "provider", "model_delivery", "P5D", None),  # counted from M2, the model
    ]
    assert all(o.quote in r.text for o in rows)


def test_the_fee_the_schedule_splits_is_the_total_and_a_penalty_basis() -> None:
    c = parse_text(ADDENDUM, "addendum.en.md").contract
    assert str(c.total_fee) == "500000.00" and c.currency == "CNY"
    late = next(p for p in c.penalties if p.kind == "late_delivery")
    assert (str(late.rate), late.per, late.basis) == ("0.001", "day", "total_fee")
    assert late.cap is not None and (str(late.cap.rate), late.cap.basis) == ("0.10", "total_fee")


def test_damages_inside_the_confidentiality_article_are_a_confidentiality_penalty() -> None:
    c = parse_text(ADDENDUM, "addendum.en.md").contract
    conf = [p for p in c.penalties if p.kind == "confidentiality_breach"]
    assert [str(p.amount) for p in conf] == ["100000.00"]


def test_party_labels_stop_at_the_company_form_and_the_title_is_named_in_prose() -> None:
    c = parse_text(ADDENDUM, "addendum.en.md").contract
    assert (c.client, c.provider) == ("Eastwind Freight Co., Ltd.", "Northpeak Vision Co., Ltd.")
    assert c.title == "Container Seal Reader"


CONSULTING = (
    "CONSULTING AGREEMENT\n\n"
    'This Agreement is made between Orbit Analytics LLC ("Consultant") and Meadow Foods, Inc. ("Client"), '
    'effective June 2, 2025 (the "Effective Date").\n\n'
    "Article 1. Fees\n"
    '1.1 The total fees under this Agreement are USD 100,000 (the "Program Fees").\n'
    "1.2 Consultant shall invoice the kickoff fee of USD 20,000 on the Effective Date. The invoice is payable Net 30.\n"
    "1.3 The monthly retainer of USD 8,000 is payable on the first business day of each calendar month.\n"
    "1.4 If Consultant fails to deliver the forecast model by September 30, 2025, Consultant shall pay liquidated "
    "damages of 0.5% of the Program Fees for each day of delay.\n"
    "Article 2. Confidentiality\n"
    "2.1 A party that breaches this Article 2 shall pay the other party liquidated damages of USD 40,000.\n\n"
    "IN WITNESS WHEREOF the parties have signed this Agreement on June 2, 2025.\n"
)


def test_an_invoiced_fee_is_paid_by_the_client_on_the_payment_terms() -> None:
    r = parse_text(CONSULTING, "consulting.en.txt")
    kickoff = next(o for o in r.obligations if o.amount is not None and str(o.amount) == "20000.00")
    assert (kickoff.kind, kickoff.party) == ("payment", "client")
    assert kickoff.trigger is not None and (kickoff.trigger.event, kickoff.trigger.offset) == ("invoice", "P30D")


def test_a_recurring_payment_raises_no_amount_mismatch_and_named_totals_are_bases() -> None:
    r = parse_text(CONSULTING, "consulting.en.txt")
    retainer = next(o for o in r.obligations if o.recurrence)
    assert (retainer.kind, str(retainer.amount)) == ("payment", "8000.00")
    assert retainer.recurrence == "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1"
    assert not [w for w in r.warnings if w.code == "amount_mismatch"]
    c = r.contract
    assert (str(c.total_fee), c.currency) == ("100000.00", "USD")
    late = next(p for p in c.penalties if p.kind == "late_delivery")
    assert late.basis == "total_fee"  # "the Program Fees" is the name this contract gives its total
    conf = next(p for p in c.penalties if p.kind == "confidentiality_breach")
    assert str(conf.amount) == "40000.00"  # "breaches this Article 2", Article 2 being Confidentiality


LICENCE = (
    "DATA LICENCE AGREEMENT\n\n"
    'This Agreement is made between Alpha Data Co., Ltd. (the "Licensor") and Beta Robotics Ltd. (the "Company").\n\n'
    '1. Fees\n\n1.1 The Company shall pay a licence fee of USD 300,000 (the "Licence Fee") in two instalments: '
    "USD 200,000 within thirty (30) days after the Effective Date; and USD 100,000 on or before 30 September 2026.\n\n"
    "2. Delay\n\n2.1 If the Licensor fails to deliver the Licensed Dataset on time, it shall pay 0.1% of the Licence Fee "
    "for each day of delay.\n\n"
    "3. Records\n\n3.1 The Company shall return the access cards to the Licensor no later than 15 October 2026.\n\n"
    '4. Term\n\n4.1 This Agreement takes effect on 1 April 2026 (the "Effective Date").\n'
)


def test_a_fee_named_by_its_definition_is_the_total_and_the_penalty_basis() -> None:
    doc = parse_text(LICENCE, "licence.en.txt")
    assert doc.contract.total_fee is not None and str(doc.contract.total_fee) == "300000.00"
    late = next(p for p in doc.contract.penalties if p.kind == "late_delivery")
    assert late.basis == "total_fee"


def test_a_party_defined_by_a_word_the_lexicon_does_not_know_acts_as_that_party() -> None:
    doc = parse_text(LICENCE, "licence.en.txt")
    cards = next(o for o in doc.obligations if "access cards" in o.quote)
    assert cards.party == "client"  # "The Company" is the licensee here, defined in the preamble


def test_an_aggregate_amount_payable_is_the_total() -> None:
    text = LICENCE.replace("1.1 The Company shall pay a licence fee of USD 300,000 (the \"Licence Fee\") in two instalments: ",
                           "1.1 The aggregate amount payable by the Company under this Agreement is therefore USD 410,000. "
                           "The Company shall pay ")
    assert str(parse_text(text, "licence.en.txt").contract.total_fee) == "410000.00"
