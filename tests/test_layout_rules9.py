"""Layout found by blind batches 52–53: plain text hard-wrapped at a fixed width, a signature table whose
header names the parties only, and the bold run-in items of a Markdown SOW section."""

from __future__ import annotations

from tracker.parse import parse_text

WRAPPED = ("ORDER FORM No. 7\n\nProvider: Acme Cloud, Inc. (\"Provider\")\nCustomer: Beta Health, LLC (\"Customer\")\n\n"
           "1. Term\n1.1 This Order Form takes effect on July 1, 2026 and ends on June 30, 2027.\n\n"
           "2. Implementation\n"
           "2.1 Customer shall upload the Adaptation Data (at least 500 hours of de-identified dictation audio with\n"
           "reference transcripts) within five (5) Business Days after the Effective Date.\n"
           "2.2 Provider shall deploy the Customer-adapted speech model to Customer's production tenant within thirty\n"
           "(30) days after receipt of the complete Adaptation Data.\n")


def test_a_hard_wrapped_sentence_is_read_whole() -> None:
    d = parse_text(WRAPPED, "wrapped.en.txt").to_json()
    by = {o["clause"]: o for o in d["obligations"]}
    assert by["2.1"]["kind"] == "data_delivery"
    assert by["2.1"]["trigger"] == {"event": "effective", "offset": "P5D", "business_days": True}
    assert "reference transcripts) within five" in by["2.1"]["quote"]  # the quote spans the line break
    assert by["2.2"]["kind"] == "model_delivery"
    assert by["2.2"]["trigger"] == {"event": "data_delivery", "offset": "P30D", "business_days": False}


SOW_AFTER_TABLE = ("# MASTER SERVICES AGREEMENT\n\nThis Agreement is entered into between **Alpha Ltd.** (\"Vendor\") and "
                   "**Beta Pte. Ltd.** (\"Client\").\n\n## 1. Term\n\n1.1 This Agreement continues for two (2) years.\n\n"
                   "| | Vendor | Client |\n|---|---|---|\n| Company | Alpha Ltd. | Beta Pte. Ltd. |\n| Name | A. Zhou | R. Tan |\n"
                   "| Date | 20 July 2026 | 23 July 2026 |\n\n---\n\n# STATEMENT OF WORK No. 1\n\n## 1. Scope\n\nVendor builds a model.\n\n"
                   "## 2. Milestones\n1. **Training data.** Client delivers the transaction data by 28-Aug-2026.\n"
                   "2. **Discovery Report.** Vendor delivers a discovery report by 15-Sep-2026.\n"
                   "3. **Pilot Model.** Vendor delivers the trained model by 30-Oct-2026.\n\n"
                   "## 3. Fees\n3.1 The SOW Fees are USD 480,000.00, fixed price.\n")


def test_a_sow_after_a_party_header_signature_table_keeps_its_outline() -> None:
    d = parse_text(SOW_AFTER_TABLE, "msa.en.md").to_json()
    assert d["contract"]["signed_date"] == "2026-07-23"
    assert d["contract"]["total_fee"] == "480000.00"  # "The SOW Fees are USD …"
    by = {o["clause"]: o for o in d["obligations"]}
    # the bold run-in items under "## 2. Milestones" are its list items, not articles 1–3
    assert by["SOW1.2.3"]["kind"] == "model_delivery" and by["SOW1.2.3"]["due_date"] == "2026-10-30"
    assert by["SOW1.2.1"]["kind"] == "data_delivery"


BULLET_SOW = ("# Statement of Work No. 4\n\n- **Customer:** Nordlicht Retail GmbH (\"Customer\")\n"
              "- **Supplier:** Yunque Data Co., Ltd. (\"Supplier\")\n\n## 1. Dates\n\n"
              "- This SOW takes effect when signed by both parties (the \"SOW Effective Date\").\n\n"
              "## 2. Customer inputs\n\n- Customer delivers 60,000 chat transcripts within 10 Business Days of the SOW Effective Date.\n\n"
              "## 3. Fees (fixed price: EUR 186,000.00, excl. VAT)\n\n"
              "- 30% (EUR 55,800.00) – Customer pays within 14 days of the SOW Effective Date.\n"
              "- Late payment: 0.05% of the overdue amount per day.\n"
              "- Late delivery: 0.3% of the fee portion attributable to the delayed Deliverable per day of delay, capped at 15% "
              "of that fee portion.\n\n## 4. Signatures\n\n- For Customer: Katrin Vogel – signed 2026-09-14\n"
              "- For Supplier: Chen Jiayi – signed 2026-09-16\n")


def test_a_bulleted_sow_in_the_present_tense() -> None:
    d = parse_text(BULLET_SOW, "sow.en.md").to_json()
    c = d["contract"]
    assert (c["signed_date"], c["total_fee"]) == ("2026-09-16", "186000.00")
    pens = {p["kind"]: p for p in c["penalties"]}  # one penalty per bullet, each with its own rate
    assert (pens["late_payment"]["rate"], pens["late_payment"]["basis"]) == ("0.0005", "overdue_amount")
    assert (pens["late_delivery"]["rate"], pens["late_delivery"]["basis"]) == ("0.003", "delayed_amount")
    kinds = {o["kind"]: o for o in d["obligations"]}
    assert kinds["data_delivery"]["party"] == "client"  # "Customer delivers …": a duty in the present tense
    assert kinds["data_delivery"]["trigger"] == {"event": "effective", "offset": "P10D", "business_days": True}


PHASES = ("# SOW No. 1\n\nThis SOW is made between **Alpha Ltd.** (\"Vendor\") and **Beta Pte. Ltd.** (\"Client\").\n\n"
          "## 1. Fees\n\n1.1 The SOW Fees are USD 480,000.00, fixed price.\n\n"
          "1.2 Client shall pay each correct invoice within forty-five (45) days after receipt.\n\n"
          "1.3 Target Week *n* ends on the day falling 7 x *n* calendar days after the SOW Effective Date.\n\n"
          "1.4 The Phases are:\n\n| Phase | Exit Criteria | Target Week | Fee (% of SOW) |\n|---|---|---|---|\n"
          "| 1. Discovery | Data Audit Report delivered | Week 4 | 15% |\n"
          "| 2. Model Build | Trained Model v2 delivered to Client's staging environment | Week 10 | 85% |\n\n"
          "1.5 Client shall approve each Phase deliverable within ten (10) Business Days after delivery; a deliverable not "
          "rejected within that period is deemed accepted.\n")


def test_weeks_counted_from_an_event_and_fees_as_shares() -> None:
    d = parse_text(PHASES, "sow.en.md").to_json()
    duties = [o for o in d["obligations"] if o["kind"] != "payment"]
    assert [(o["kind"], o["trigger"]) for o in duties] == [
        ("other", {"event": "effective", "offset": "P28D", "business_days": False}),
        ("model_delivery", {"event": "effective", "offset": "P70D", "business_days": False})]  # no review window
    pays = [o for o in d["obligations"] if o["kind"] == "payment"]
    assert sorted(o["amount"] for o in pays) == ["408000.00", "72000.00"]  # 15% and 85% of the SOW Fees
    assert all(o["trigger"] == {"event": "invoice", "offset": "P45D", "business_days": False} for o in pays)


def test_a_programme_or_licensed_product_label_names_the_title() -> None:
    for label in ("Program", "Programme", "Licensed Product", "Appointment"):
        text = (f"# Cloud Credits Agreement\n\n**{label}:** Kestrel ASR Training\n\nThis Agreement is made between "
                "**Arcline Cloud, Inc.** (\"Provider\") and **Kestrel Ltd.** (\"Client\").\n")
        assert parse_text(text, "t.en.md").to_json()["contract"]["title"] == "Kestrel ASR Training", label
