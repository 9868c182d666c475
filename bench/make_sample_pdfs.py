"""Render the sample PDFs in data/ (and the CJK reader fixture) from the sample text contracts.

Not run by tests; the PDFs it makes are committed. Each page gets a running header and a
page-number footer, and long lines wrap, so the PDF reader's header/footer removal and
line re-joining are exercised. The Chinese PDFs need a CJK TrueType font:
``apt-get install -y fonts-wqy-zenhei`` (or pass --font PATH).

    .venv/bin/python bench/make_sample_pdfs.py [--font PATH] [--check]

--check reads every PDF back with tracker.parse.readers and reports any line of the source
text that is not found (whitespace-insensitively) in the extracted text.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures" / "readers"
CJK_FONTS = [
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
]


class _Paged(FPDF):
    """A PDF with a running header and a "page N of M" footer on every page."""

    def __init__(self, family: str, header_text: str, footer_fmt: str, size: float) -> None:
        super().__init__(format="A4")
        self.family_name = family
        self.header_text = header_text
        self.footer_fmt = footer_fmt
        self.body_size = size
        self.set_auto_page_break(auto=True, margin=20)
        self.set_margins(20, 20, 20)

    def header(self) -> None:
        self.set_font(self.family_name, size=8)
        self.cell(0, 6, self.header_text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)
        self.set_font(self.family_name, size=self.body_size)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.family_name, size=8)
        self.cell(0, 6, self.footer_fmt.format(page=self.page_no(), pages="{nb}"), align="C")
        self.set_font(self.family_name, size=self.body_size)


def render(text: str, out: Path, *, family: str, font_file: str | None, header: str, footer: str) -> None:
    size = 10.5
    pdf = _Paged(family, header, footer, size)
    if font_file:
        pdf.add_font(family, fname=font_file)
    pdf.add_page()
    pdf.set_font(family, size=size)
    wrap = WrapMode.CHAR if font_file else WrapMode.WORD
    for line in text.split("\n"):
        if line.strip():
            pdf.multi_cell(0, 6, line, wrapmode=wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.ln(3)
    pdf.set_creation_date(datetime(2025, 1, 1, tzinfo=UTC))  # reproducible bytes
    out.write_bytes(bytes(pdf.output()))
    print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size} bytes, {pdf.page_no()} pages)")


def check(pdf: Path, source: Path) -> int:
    """Print and count source lines missing from the PDF's extracted text."""
    from tracker.parse.readers import read_document

    got = re.sub(r"\s+", "", read_document(pdf).text)
    missing = [
        ln for ln in source.read_text(encoding="utf-8").split("\n") if re.sub(r"\s+", "", ln) not in got
    ]
    for ln in missing:
        print(f"  MISSING from {pdf.name}: {ln[:80]!r}")
    print(f"check {pdf.name}: {len(missing)} of {len(source.read_text().splitlines())} source lines missing")
    return len(missing)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--font", help="a CJK TrueType/OpenType font file")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    font = args.font or next((f for f in CJK_FONTS if Path(f).exists()), None)

    jobs = [
        (
            ROOT / "tests" / "corpus" / "p06-tianfu-retail-shelf.en.txt",
            ROOT / "tests" / "fixtures" / "readers" / "p06-tianfu-retail-shelf.en.pdf",
            dict(
                family="Helvetica",
                font_file=None,
                header="Agreement No. TFIC-RS-0620 - Confidential",
                footer="Page {page} of {pages}",
            ),
        ),
    ]
    if font:
        jobs.append(
            (
                ROOT / "tests" / "corpus" / "p01-xinghe-intent.txt",
                DATA / "p01-xinghe-intent.pdf",
                dict(
                    family="cjk",
                    font_file=font,
                    header="合同编号：XHZS-AI-016　人工智能模型训练合同协议",
                    footer="第 {page} 页 共 {pages} 页",
                ),
            )
        )
        jobs.append(
            (
                FIXTURES / "zh-contract.txt",
                FIXTURES / "zh-contract.pdf",
                dict(family="cjk", font_file=font, header="星河智算 · 模型训练合同", footer="- {page} -"),
            )
        )
    else:
        print("no CJK font found: skipping the Chinese PDFs (apt-get install -y fonts-wqy-zenhei)")
    lost = 0
    for source, out, opts in jobs:
        render(source.read_text(encoding="utf-8"), out, **opts)
        if args.check:
            lost += check(out, source)
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
