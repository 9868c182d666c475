"""Readers: real files in tmp_path (and two committed CJK fixtures) → exact text or one-line InputError."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tracker.errors import InputError
from tracker.parse.readers import MAX_BYTES, Document, read_document
from tracker.parse.readers_pdf import _drop_running_lines, _join_wrapped

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
DATA = Path(__file__).parent.parent / "data"
CORPUS = Path(__file__).parent / "corpus"  # the text the sample PDFs were rendered from
ZH = "第一条 项目概述\n1.1 甲方应于2025年3月1日前交付。\n"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def input_error(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_document(path)
    err = caught.value
    assert err.exit_code == 2
    assert str(err).startswith(f"{path}: "), str(err)
    assert "\n" not in str(err)
    return err


# ---------------------------------------------------------------- text encodings


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.txt", ZH.encode("utf-8")),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + ZH.encode("utf-8")),
        ("utf16le.txt", b"\xff\xfe" + ZH.encode("utf-16-le")),
        ("utf16be.md", b"\xfe\xff" + ZH.encode("utf-16-be")),
        ("gbk.txt", ZH.encode("gbk")),
        ("crlf.txt", ZH.replace("\n", "\r\n").encode("utf-8")),
        ("cr.txt", ZH.replace("\n", "\r").encode("gb18030")),
    ],
)
def test_text_encodings_decode_to_the_same_text(tmp_path: Path, name: str, data: bytes) -> None:
    path = write(tmp_path, name, data)
    doc = read_document(path)
    assert doc == Document(text=ZH, format=path.suffix[1:], data=data)
    assert not doc.text.startswith("\ufeff")


def test_gb18030_only_characters(tmp_path: Path) -> None:
    text = "乙方：𠮷野家（上海）有限公司\n"  # U+20BB7 is a four-byte GB18030 sequence, absent from GBK
    data = text.encode("gb18030")
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    assert read_document(write(tmp_path, "gb18030.txt", data)).text == text


def test_text_is_otherwise_verbatim(tmp_path: Path) -> None:
    text = "合同编号：ＸＨ－０１６\u3000甲方\t乙方  \n人民幣１５日內 ｜ Ａ\n\n\n末行无换行"
    doc = read_document(write(tmp_path, "v.txt", text.encode("utf-8")))
    assert doc.text == text


def test_markdown_keeps_its_markup(tmp_path: Path) -> None:
    text = "# 人工智能模型训练合同协议\n\n## 第一条\n- 合同编号：YQSD-OCR-09\n"
    doc = read_document(write(tmp_path, "c.md", text.encode("utf-8")))
    assert (doc.text, doc.format) == (text, "md")


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("nul.txt", b"abc\x00def", "looks like binary data, not text (NUL bytes)"),
        (
            "ctrl.txt",
            bytes(range(1, 32)) * 4 + b"text",
            "looks like binary data, not text (control or unassigned characters)",
        ),
        ("undecodable.txt", b"\xff\x80\x81\xff" * 8, "not text in a known encoding"),
        ("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "looks like binary data"),
        ("bad16.txt", b"\xff\xfe" + "合".encode("utf-16-le") + b"\x00\xd8", "invalid UTF-16-LE text"),
        ("empty.txt", b"", "file is empty (0 bytes)"),
        ("blank.md", b" \r\n\t\n\xe3\x80\x80\n", "file is empty (only whitespace)"),
        ("bom-only.txt", b"\xef\xbb\xbf\n", "file is empty (only whitespace)"),
    ],
)
def test_bad_text_files(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    err = input_error(write(tmp_path, name, data))
    assert problem in err.problem


@pytest.mark.parametrize("bom", [b"\xfe\xff", b"\xff\xfe"])
def test_random_bytes_behind_a_utf16_bom_are_refused(tmp_path: Path, bom: bytes) -> None:
    err = input_error(write(tmp_path, "r.txt", bom + random.Random(7).randbytes(4096)))
    assert "invalid UTF-16" in err.problem or "binary" in err.problem


def test_a_stray_control_character_is_not_binary(tmp_path: Path) -> None:
    text = "甲方应于2025年3月1日前交付。\n" * 3 + "\x1a"  # DOS end-of-file marker left by old tools
    assert read_document(write(tmp_path, "dos.txt", text.encode("gbk"))).text == text


# ---------------------------------------------------------------- file-level errors


def test_missing_file(tmp_path: Path) -> None:
    assert input_error(tmp_path / "nope.txt").problem == "file not found"


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    assert "is a directory" in input_error(tmp_path / "dir.txt").problem


@pytest.mark.parametrize("name", ["contract.doc", "contract.rtf", "contract"])
def test_unsupported_extension_lists_the_supported_ones(tmp_path: Path, name: str) -> None:
    err = input_error(write(tmp_path, name, ZH.encode()))
    assert err.problem.startswith("unsupported file type")
    assert "supported: .txt, .md, .docx, .pdf" in err.problem


def test_uppercase_extension_is_accepted(tmp_path: Path) -> None:
    assert read_document(write(tmp_path, "C.TXT", ZH.encode())).format == "txt"


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: stat says 20 MB + 1, nothing is written
        f.truncate(MAX_BYTES + 1)
    err = input_error(path)
    assert err.problem == "file is too large (20.0 MB; the limit is 20 MB)"


def test_exactly_the_limit_is_read(tmp_path: Path) -> None:
    data = (ZH.encode() * (MAX_BYTES // len(ZH.encode()) + 1))[:MAX_BYTES]
    data = data[: data.rfind(b"\n") + 1]
    assert len(read_document(write(tmp_path, "big.txt", data)).data) == len(data)


# ---------------------------------------------------------------- .docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(tmp_path: Path, body: str, name: str = "c.docx", *, prolog: str = "") -> Path:
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return path


def p(*runs: str) -> str:
    return "<w:p><w:pPr><w:pStyle w:val='Normal'/></w:pPr>" + "".join(runs) + "</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def cell(*paragraphs: str) -> str:
    return "<w:tc><w:tcPr/>" + "".join(paragraphs) + "</w:tc>"


def score_corpus_text(path: Path) -> str:
    """How shared/tools/score_corpus.py reads a .docx: every w:p's w:t text, joined by newlines."""
    from xml.etree import ElementTree

    ns = "{" + W_NS + "}"
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in q.iter(ns + "t")) for q in root.iter(ns + "p"))


def test_docx_paragraphs_tables_content_controls_and_revisions(tmp_path: Path) -> None:
    body = (
        p(r("人工智能模型训练"), r("合同协议"))
        + p(
            r("甲方："),
            "<w:sdt><w:sdtPr><w:alias w:val='甲方'/></w:sdtPr><w:sdtContent>",
            r("北京星河智算科技有限公司"),
            "</w:sdtContent></w:sdt>",
            r("（服务提供方）"),
        )
        + "<w:sdt><w:sdtPr/><w:sdtContent>"
        + p(r("第四条 付款"))
        + p(r("分三期支付："))
        + "</w:sdtContent></w:sdt>"
        + "<w:tbl><w:tblPr/><w:tblGrid/>"
        + "<w:tr>"
        + cell(p(r("期次")))
        + cell(p(r("金额")))
        + cell(p(r("期限")))
        + "</w:tr>"
        + "<w:tr><w:trPr/>"
        + cell(p(r("第一期")))
        + cell(p(r("人民币150,000元")))
        + cell(p(r("生效之日起")), p(r("15日内")))
        + "</w:tr>"
        + "<w:sdt><w:sdtContent><w:tr>"
        + cell(p(r("第二期")))
        + cell(p(r("人民币200,000元")))
        + cell(p(r("2025年6月30日前")))
        + "</w:tr></w:sdtContent></w:sdt>"
        + "</w:tbl>"
        + p(
            r("付款期限为"),
            "<w:del w:id='1' w:author='x'><w:r><w:delText>三十日</w:delText></w:r></w:del>",
            "<w:ins w:id='2' w:author='x'>",
            r("十五日"),
            "</w:ins>",
            r("。"),
        )
        + p(
            r("详见"),
            "<w:hyperlink r:id='rId9' xmlns:r='urn:r'>",
            r("附件一"),
            "</w:hyperlink>",
            "<w:smartTag w:uri='u' w:element='date'>",
            r("2025年3月1日"),
            "</w:smartTag>",
        )
        + p(
            r("甲方"),
            "<w:r><w:tab/></w:r>",
            r("乙方"),
            "<w:r><w:br/></w:r>",
            r("（盖章）"),
            "<w:r><w:fldChar w:fldCharType='begin'/><w:instrText> PAGE </w:instrText></w:r>",
        )
        + p()
    )
    path = docx(tmp_path, body)
    doc = read_document(path)
    assert doc.format == "docx"
    assert doc.data == path.read_bytes()
    assert doc.text == (
        "人工智能模型训练合同协议\n"
        "甲方：北京星河智算科技有限公司（服务提供方）\n"
        "第四条 付款\n"
        "分三期支付：\n"
        "期次\t金额\t期限\n"
        "第一期\t人民币150,000元\t生效之日起 15日内\n"
        "第二期\t人民币200,000元\t2025年6月30日前\n"
        "付款期限为十五日。\n"
        "详见附件一2025年3月1日\n"
        "甲方\t乙方 （盖章）\n"
    )
    assert squash(doc.text) == squash(score_corpus_text(path))


def test_docx_nested_table_is_flattened_into_its_cell(tmp_path: Path) -> None:
    inner = (
        "<w:tbl><w:tr>"
        + cell(p(r("A1")))
        + cell(p(r("A2")))
        + "</w:tr><w:tr>"
        + cell(p(r("B1")))
        + "</w:tr></w:tbl>"
    )
    body = "<w:tbl><w:tr>" + cell(p(r("外")), inner) + cell(p(r("右"))) + "</w:tr></w:tbl>"
    assert read_document(docx(tmp_path, body)).text == "外 A1\tA2 B1\t右"


def test_real_docx_matches_the_scorer_paragraph_for_paragraph() -> None:
    path = DATA / "p03-shentong-lung-ct.docx"
    text = read_document(path).text
    assert text == score_corpus_text(path)
    assert "甲方（服务提供方）：深圳深瞳智影科技有限公司" in text.split("\n")


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda t: write(t, "text.docx", ZH.encode()), "not a valid .docx (File is not a zip file)"),
        (
            lambda t: write(t, "trunc.docx", (DATA / "p03-shentong-lung-ct.docx").read_bytes()[:2000]),
            "not a valid .docx",
        ),
        (
            lambda t: _zip(t, "nodoc.docx", {"word/other.xml": "<x/>"}),
            "not a valid .docx (no word/document.xml in the archive)",
        ),
        (lambda t: _zip(t, "bad.docx", {"word/document.xml": "<w:document"}), "not well-formed XML"),
        (lambda t: docx(t, p(r("&x;")), "dtd.docx", prolog='<!DOCTYPE d [<!ENTITY x "boom">]>'), "DOCTYPE"),
        (
            lambda t: _zip(t, "nobody.docx", {"word/document.xml": f'<w:document xmlns:w="{W_NS}"/>'}),
            "no w:body",
        ),
        (lambda t: docx(t, p() + p(r("  "))), "document has no text"),
    ],
)
def test_bad_docx(tmp_path: Path, make, problem: str) -> None:
    err = input_error(make(tmp_path))
    assert problem in err.problem


def _zip(tmp_path: Path, name: str, members: dict[str, str]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        for member, content in members.items():
            z.writestr(member, content)
    return path


# ---------------------------------------------------------------- .pdf

EN_PAGES = [
    [
        "ARTIFICIAL INTELLIGENCE MODEL TRAINING AGREEMENT",
        "Article 4 Rights and Obligations of Party B",
        "4.2 Party B shall pay the service fees to Party A in accordance with this Agreement. The total service "
        "fee is RMB 450,000 (say Renminbi Four Hundred and Fifty Thousand Yuan only), payable in three instalments:",
        "(a) a first instalment of RMB 135,000 (30% of the total fee) within fifteen (15) days after the Effective "
        "Date, provided that Party A has issued a valid invoice for the full amount of that instalment;",
    ],
    [
        "(b) a second instalment of RMB 180,000 (40% of the total fee) within ten (10) business days after "
        "delivery of the Model;",
        "Article 2 Scope of Services",
        "2.3 Model Training: Party A shall complete the training and deliver the trained Model to Party B within "
        "ninety (90) days after receipt of all Training Data, and shall keep Party B informed of its progress "
        "in writing at least once every month",
    ],
    [
        "Article 3 Term",
        "3.1 This Agreement shall come into force on the date on which it is signed and sealed by both Parties "
        "(the Effective Date) and shall remain valid for twelve (12) months.",
    ],
]


def en_pdf(path: Path, pages: list[list[str]]) -> Path:
    class Doc(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(
                0,
                6,
                "Agreement No. TFIC-RS-0620 - Confidential",
                align="C",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            self.set_font("Helvetica", size=11)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Doc()
    for paragraphs in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for para in paragraphs:
            pdf.multi_cell(0, 6, para, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(path))
    return path


def test_english_pdf_drops_headers_and_page_numbers_and_joins_wrapped_lines(tmp_path: Path) -> None:
    path = en_pdf(tmp_path / "en.pdf", EN_PAGES)
    doc = read_document(path)
    assert doc.format == "pdf"
    assert doc.data == path.read_bytes()
    assert "Confidential" not in doc.text
    assert "Page" not in doc.text
    assert doc.text.split("\n") == [para for page in EN_PAGES for para in page]


def test_pdf_running_lines_need_most_pages() -> None:
    pages = [
        ["Contract TF-01 page 1", "Article 1 Definitions", "body one", "第 1 页 共 3 页"],
        ["Contract TF-01 page 2", "Article 3 Payment", "body two", "- 2 -"],
        ["Contract TF-01 page 3", "Article 5 Term", "body three", "Page 3 of 3"],
    ]
    assert _drop_running_lines(pages) == [
        "Article 1 Definitions",
        "body one",
        "Article 3 Payment",
        "body two",
        "Article 5 Term",
        "body three",
    ]
    # Clause headings that happen to carry their page's number are content, not running headers.
    pages = [[f"Article {n} Definitions", f"body {'xyz'[n - 1]}"] for n in (1, 2, 3)]
    assert _drop_running_lines(pages) == [
        "Article 1 Definitions",
        "body x",
        "Article 2 Definitions",
        "body y",
        "Article 3 Definitions",
        "body z",
    ]
    # A line on only one page of three stays; so does a bare number inside the body.
    pages = [["Draft", "a", "b", "c", "d", "e", "f", "7", "g", "h", "i"], ["x", "y"], ["z"]]
    assert _drop_running_lines(pages)[:2] == ["Draft", "a"]
    assert "7" in _drop_running_lines(pages)


def test_pdf_line_joining_rules() -> None:
    lines = [
        "第四条 付款",
        "4.1 乙方应于本合同生效之日起15日内向甲方支付首期款人民币150,000元（大写：壹拾伍万元",
        "整），甲方收到款项后应于5个工作日内开具发票；逾期付款的，每日按逾期金额的万分之五",
        "计算违约金。合同总额为人民币500,000元，其中第二期款为人民币200,000元，应于2025年",
        "6月30日前支付。甲方应于模型交付之日起5个工作日内向乙方提交模型评估报告，包括：",
        "（一）准确率与召回率等指标，以及双方认可的第三方评测机构出具的评测结论和相关说明材料",
        "第五条 期限",
        "The balance of RMB 135,000 (30% of the total fee) shall be paid within fifteen (15) days after",
        "the Model passes acceptance in accordance with the acceptance criteria set out in Clause 1.2 and",
        "1.5 million yuan in total, provided that Party B has received the invoice from Party A before",
        "Article 5 Term",
    ]
    assert _join_wrapped(lines).split("\n") == [
        "第四条 付款",
        "4.1 乙方应于本合同生效之日起15日内向甲方支付首期款人民币150,000元（大写：壹拾伍万元整），"
        "甲方收到款项后应于5个工作日内开具发票；逾期付款的，每日按逾期金额的万分之五计算违约金。"
        "合同总额为人民币500,000元，其中第二期款为人民币200,000元，应于2025年6月30日前支付。"
        "甲方应于模型交付之日起5个工作日内向乙方提交模型评估报告，包括：",
        "（一）准确率与召回率等指标，以及双方认可的第三方评测机构出具的评测结论和相关说明材料",
        "第五条 期限",
        "The balance of RMB 135,000 (30% of the total fee) shall be paid within fifteen (15) days after "
        "the Model passes acceptance in accordance with the acceptance criteria set out in Clause 1.2 and "
        "1.5 million yuan in total, provided that Party B has received the invoice from Party A before",
        "Article 5 Term",
    ]


def test_chinese_pdf_fixture() -> None:
    """tests/fixtures/readers/zh-contract.pdf: made once by bench/make_sample_pdfs.py (WenQuanYi font)."""
    source = (FIXTURES / "zh-contract.txt").read_text(encoding="utf-8")
    text = read_document(FIXTURES / "zh-contract.pdf").text
    assert "星河智算 · 模型训练合同" not in text
    assert not re.search(r"- \d -", text)
    squashed = squash(text)
    assert squash(source) == squashed
    lines = [squash(line) for line in text.split("\n")]
    # Wrapped across several PDF lines, read back as one line each.
    assert squash(next(s for s in source.split("\n") if s.startswith("1.2 "))) in lines
    assert squash(next(s for s in source.split("\n") if s.startswith("1.3 "))) in lines
    assert "第一条项目概述" in lines


def test_image_only_pdf_needs_ocr(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    pdf.rect(20, 20, 170, 250, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    err = input_error(path)
    assert err.problem == "PDF has no text layer (scanned image?): OCR is needed first"


def test_password_protected_pdf(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "Article 1 Secret")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    assert input_error(path).problem == "PDF is encrypted with a password; save an unencrypted copy first"


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "Article 1 Open")
    path = tmp_path / "restricted.pdf"
    pdf.output(str(path))
    assert read_document(path).text == "Article 1 Open"


@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage", ZH.encode(), b"%PDF-1.4\n" + bytes(range(256)) * 4])
def test_not_a_pdf(tmp_path: Path, data: bytes) -> None:
    assert input_error(write(tmp_path, "x.pdf", data)).problem.startswith("not a valid PDF")


def test_pypdf_is_imported_only_when_a_pdf_is_read() -> None:
    code = (
        "import sys, tracker.parse.readers as r\n"
        "assert 'pypdf' not in sys.modules, 'imported early'\n"
        f"r.read_document({str(DATA / 'p06-tianfu-retail-shelf.en.txt')!r})\n"
        "assert 'pypdf' not in sys.modules, 'imported for a .txt'\n"
        f"r.read_document({str(DATA / 'p01-xinghe-intent.pdf')!r})\n"
        "assert 'pypdf' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------- data/


@pytest.mark.parametrize("path", sorted(DATA.glob("*.*")), ids=lambda p: p.name)
def test_every_sample_contract_reads(path: Path) -> None:
    doc = read_document(path)
    assert doc.data == path.read_bytes()
    assert "甲方" in doc.text or "Party A" in doc.text


@pytest.mark.parametrize("pdf", [FIXTURES / "p06-tianfu-retail-shelf.en.pdf", DATA / "p01-xinghe-intent.pdf"],
                         ids=lambda p: p.name)
def test_sample_pdfs_keep_every_line_of_their_source(pdf: Path) -> None:
    source = (CORPUS / f"{pdf.stem}.txt").read_text(encoding="utf-8")
    text = read_document(pdf).text
    assert squash(text) == squash(source)
    assert len(text.split("\n")) <= len(source.split("\n")) + 2
