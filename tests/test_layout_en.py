"""English outline numbering: headings, Clause/Section/Article N, Section 3.01(a), documents after
the signatures (Schedule 1, Exhibit A with A.n items, Statement of Work No. 1 with its own outline)."""

from __future__ import annotations

from tracker.parse import parse_text
from tracker.parse.clauses import segment
from tracker.parse.normalize import normalize


def labels(text: str) -> list[str | None]:
    got = [s.label for s in segment(normalize(text).text).segments]
    return got[1:] if got and got[0] is None else got


def test_a_markdown_heading_number_is_not_also_item_one() -> None:
    text = "# AGREEMENT\n\n## 1. Definitions\n\n1.1 A means a.\n\n1.2 B means b.\n\n## 2. Fees\n\n2.1 Pay.\n"
    assert labels(text) == ["1", "1.1", "1.2", "2", "2.1"]


def test_clause_and_roman_article_headings() -> None:
    text = ("CLAUSE 1 DEFINITIONS\n1.1 Words.\nClause 2 Fees\n2.1 See Clause 2.2 below.\n2.2 The fees.\n"
            "ARTICLE III TERM\nSection 3.01 Term. (a) One year. (b) Renewal.\nSection 3.02 End.\n")
    assert labels(text) == ["1", "1.1", "2", "2.1", "2.2", "3", "3.1", "3.2"]


def test_exhibit_items_lettered_after_the_signatures() -> None:
    text = ("1. SERVICES\n1.1 Provider shall perform.\n1.2 More.\nIN WITNESS WHEREOF the Parties have signed.\n"
            "Exhibit A - Deliverables\nA.1 The Model.\nA.2 The report.\n")
    assert labels(text) == ["1", "1.1", "1.2", None, "Exhibit A", "Exhibit A.1", "Exhibit A.2"]


def test_a_statement_of_work_keeps_its_own_outline_under_its_label() -> None:
    text = ("## Section 1. Definitions\n\n1.1 Words.\n\n## Section 2. Fees\n\n2.1 Pay.\n\n"
            "Signed by the authorised representatives of the Parties:\n\nFor A Ltd.\nDate: 1 May 2026\n\n---\n\n"
            "# STATEMENT OF WORK No. 1\n\nThis SOW is issued under the MSA.\n\n## 1. Project\n\n1.1 Name: X\n\n"
            "## 2. Milestones\n\n2.1 Client shall deliver data.\n\n2.2 Vendor shall deliver the Model.\n\n"
            "Agreed and signed for and on behalf of the Parties:\n\nClient: A Ltd. — 1 May 2026\n")
    assert labels(text) == ["1", "1.1", "2", "2.1", None, "SOW1", "SOW1.1", "SOW1.1.1", "SOW1.2", "SOW1.2.1",
                            "SOW1.2.2", None]


def test_a_schedule_with_a_plain_list_keeps_schedule_numbering() -> None:
    text = ("ARTICLE 1 - FEES\n1.1 See Schedule 1.\n1.2 More.\nIN WITNESS WHEREOF the Parties have signed.\n"
            "SCHEDULE 1 - PAYMENT SCHEDULE\n1. First instalment.\n2. Second instalment.\n")
    assert labels(text)[-3:] == ["Schedule 1", "Schedule 1.1", "Schedule 1.2"]


SAAS = (
    "# SAAS AGREEMENT\n\nSubscribed Service: DocCloud Enterprise\n\n"
    'This Agreement (this "**Agreement**") is made between **Alpha Cloud Co., Ltd.**, a company incorporated in '
    'Shanghai ("**Provider**"), and **Beta Logistics Co., Ltd.**, a company incorporated in Hangzhou '
    '("**Customer**"). Provider and Customer are each a "**Party**".\n\n'
    "## 1. Onboarding\n\n1.1 Customer shall deliver not less than 500 sample documents to Provider within ten (10) "
    "Business Days after the Effective Date.\n\n"
    "## 2. Fees\n\n2.1 Customer shall pay the following fees:\n\n| Item | Amount (RMB) | Invoicing |\n|---|---|---|\n"
    "| Set-up fee | 10,000.00 | upon signature |\n| Annual fee | 90,000.00 | on the Effective Date |\n"
    "| **Total Fees** | **100,000.00** | |\n\n"
    "2.2 Customer shall pay each invoice within thirty (30) days after the invoice date (Net 30).\n\n"
    "2.3 Overdue amounts bear late interest at one percent (1%) per month on the overdue amount.\n\n"
    "2.4 If any amount remains unpaid for more than fifteen (15) days after its due date, Provider may suspend "
    "the Services.\n\n"
    "IN WITNESS WHEREOF the Parties have signed this Agreement.\n\n**Alpha Cloud Co., Ltd.**\nDate: March 3, 2025\n"
)


def test_bold_party_definitions_title_fee_table_and_payment_terms() -> None:
    r = parse_text(SAAS, "saas.en.md")
    c = r.contract
    assert (c.provider, c.client, c.title) == ("Alpha Cloud Co., Ltd.", "Beta Logistics Co., Ltd.", "DocCloud Enterprise")
    assert str(c.total_fee) == "100000.00" and c.currency == "CNY"
    pays = [o for o in r.obligations if o.kind == "payment"]
    assert [(o.title, str(o.amount), o.trigger.event, o.trigger.offset) for o in pays if o.trigger] == [
        ("Set-up fee", "10000.00", "invoice", "P30D"), ("Annual fee", "90000.00", "invoice", "P30D")]
    assert [o.clause for o in pays] == ["2.1", "2.1"]  # the Net 30 sentence is the terms, not a third payment
    (p,) = c.penalties
    assert (p.kind, str(p.rate), p.per, p.basis, p.suspend_after_days) == ("late_payment", "0.01", "month",
                                                                          "overdue_amount", 15)
    data = [o for o in r.obligations if o.kind == "data_delivery"]
    assert [(o.party, o.clause) for o in data] == [("client", "1.1")]


def test_a_duty_sentence_ending_in_a_colon_is_no_party_label() -> None:
    text = ("SERVICES AGREEMENT\n\nThis Agreement is made by and between the Parties below.\n\n"
            "1. SCOPE\n1.1 Customer shall deliver not less than the following: 500 images.\n"
            "1.2 Supplier shall deliver the Model by June 30, 2025.\n\n"
            "IN WITNESS WHEREOF the Parties have signed this Agreement.\n\n"
            "Customer: Gamma Retail Co., Ltd. — Li Ming — 1 March 2025\nSupplier: Delta Vision Ltd.  (seal)\n")
    c = parse_text(text, "t.en.txt").contract
    assert (c.client, c.provider) == ("Gamma Retail Co., Ltd.", "Delta Vision Ltd.")
