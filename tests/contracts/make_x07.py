"""Build x07-haina-waybill-ner.en.pdf: x03's English contract typeset as a PDF (fpdf2, core font).

Not run by the tests; the PDF is committed and its sha256 is in x07's expected.json. The
creation date is pinned so that re-running gives the same bytes.

Layout choices that a text-layer reader has to cope with: a bold centred title, section
headings in bold, justified paragraphs wrapped over several lines, a page header and a
"Page N of M" footer on every page, and page breaks inside Section 4 and later.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "x03-haina-waybill-ner.en.txt"
OUT = HERE / "x07-haina-waybill-ner.en.pdf"


class Contract(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, "Agreement No. HN-LX-2026-0301 - Confidential", align="R")
        self.ln(10)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C", new_x="LMARGIN", new_y="NEXT")


def build(out: Path = OUT) -> Path:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    pdf = Contract(format="A4")
    pdf.set_creation_date(datetime(2026, 2, 27, 9, 0, 0, tzinfo=UTC))
    pdf.set_title("AI Model Training Services Agreement")
    pdf.set_author("Shanghai Haina / Hangzhou Lingxi")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(22, 18, 22)
    pdf.add_page()
    for i, line in enumerate(lines):
        if i == 0:
            pdf.set_font("Helvetica", "B", 15)
            pdf.multi_cell(0, 9, line, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif not line.strip():
            pdf.ln(2.5)
        elif line.startswith("Section "):
            pdf.ln(1.5)
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 6.5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5.2, line, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))
    return out


if __name__ == "__main__":
    print(build())
