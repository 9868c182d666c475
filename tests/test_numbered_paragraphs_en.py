"""An English agreement written as numbered paragraphs with no headings (each paragraph at the
margin is an article), a preamble with bold names, a project named in prose, a lowercase "this
agreement" stating its term, late delivery worded "delivers … late", and signing lines that date
each party's signature ("Signed for the Contractor: …, 31 July 2026"). Expected values by hand."""

from __future__ import annotations

from datetime import date

from tracker.parse import parse_text
from tracker.parse.clauses import segment
from tracker.parse.normalize import normalize

DOC = """# Data Labelling Services Agreement

This agreement is made between **Ningbo Harbour Logistics Co., Ltd.** (the "Client") and **Hefei Lattice Data Co., Ltd.** (the "Contractor"). The project is called *Container Seal Reader* (the "Project").

1. The Contractor will label the Client's container images.

2. This agreement takes effect on the date on which the last party signs it (the "Effective Date").

3. The Client shall provide 20,000 container images within ten (10) days after the Effective Date.

4. The Contractor shall deliver the labelled images within thirty (30) days after receipt of the images. "Acceptance" means the Client's written confirmation that the evaluation report meets paragraph 5.

5. The total fee for the Project is RMB 200,000 (the "Fees").

6. If the Contractor delivers the labelled images late, it shall pay 0.2% of the Fees for each day of delay, up to 5% of the Fees.

7. This agreement remains in force for six (6) months from the Effective Date.

Signed for the Contractor: Li Ming, Director, 14 September 2026

Signed for the Client: Wang Fang, General Manager, 16 September 2026
"""


def test_paragraphs_at_the_margin_are_articles_and_the_signing_lines_end_the_body() -> None:
    text = normalize(DOC).text
    clauses = segment(text)
    assert clauses.label_at(text.index("label the Client")) == "1"
    assert clauses.label_at(text.index("remains in force")) == "7"
    assert clauses.label_at(text.index("Li Ming")) is None


def test_numbered_paragraph_contract_reads_parties_title_dates_term_and_penalty() -> None:
    doc = parse_text(DOC, "labelling.en.md")
    c = doc.contract
    assert (c.client, c.provider) == ("Ningbo Harbour Logistics Co., Ltd.", "Hefei Lattice Data Co., Ltd.")
    assert c.title == "Container Seal Reader"
    assert c.signed_date == date(2026, 9, 16)  # the later of the two signing lines
    assert c.effective_date == date(2026, 9, 16)
    assert c.term == "P6M"
    late = [p for p in c.penalties if p.kind == "late_delivery"]
    assert len(late) == 1 and str(late[0].rate) == "0.002" and late[0].per == "day"
    data = next(o for o in doc.obligations if o.kind == "data_delivery")
    assert data.party == "client" and data.due_date == date(2026, 9, 28)  # 09-26 is a Saturday


def test_a_definition_after_a_duty_is_no_part_of_its_kind() -> None:
    doc = parse_text(DOC, "labelling.en.md")
    labelled = next(o for o in doc.obligations if "labelled images within" in o.quote)
    assert labelled.kind != "evaluation_report"  # "the evaluation report" is in the definition after it
