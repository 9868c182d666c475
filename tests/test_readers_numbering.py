""".docx automatic numbering: real .docx packages (zipfile) in tmp_path → the labels Word shows."""

from __future__ import annotations

import importlib.util
import json
import re
import zipfile
from pathlib import Path

import pytest

from tracker.errors import InputError
from tracker.parse import parse_file
from tracker.parse.docx_numbering import format_number
from tracker.parse.readers import read_document

TESTS = Path(__file__).parent
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOC_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"'
    ' Target="{numbering}"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"'
    ' Target="styles.xml"/></Relationships>'
)


def docx(
    tmp_path: Path,
    body: str,
    numbering: str | None = None,
    styles: str = "",
    *,
    name: str = "n.docx",
    numbering_part: str = "numbering.xml",
) -> Path:
    """A package with document.xml, and numbering.xml / styles.xml when given (wrapped in their roots)."""
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>',
        )
        z.writestr("word/_rels/document.xml.rels", DOC_RELS.format(numbering=numbering_part))
        if numbering is not None:
            z.writestr(f"word/{numbering_part}", f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>')
        if styles:
            z.writestr("word/styles.xml", f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>')
    return path


def lvl(ilvl: int, text: str, fmt: str = "decimal", start: int | None = 1, extra: str = "") -> str:
    start_el = f'<w:start w:val="{start}"/>' if start is not None else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}">{start_el}<w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


def abstract(aid: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>'


def num(num_id: int, aid: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def p(text: str, num_id: int | None = None, ilvl: int | None = 0, style: str | None = None) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num_id is not None:
        ilvl_el = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr += f'<w:numPr>{ilvl_el}<w:numId w:val="{num_id}"/></w:numPr>'
    runs = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{runs}</w:p>"


def lines(path: Path) -> list[str]:
    return read_document(path).text.split("\n")


# The usual Chinese contract outline: 第%1条 articles, legal-style %1.%2 sub-clauses, （%3） items.
OUTLINE = abstract(
    0,
    lvl(0, "第%1条", "chineseCounting", extra='<w:suff w:val="space"/>'),
    lvl(1, "%1.%2", extra="<w:isLgl/>"),
    lvl(2, "（%3）", extra='<w:suff w:val="nothing"/>'),
) + num(1, 0)


def test_articles_sub_clauses_and_items(tmp_path: Path) -> None:
    body = (
        p("项目概述", 1, 0)
        + p("项目名称：某项目", 1, 1)
        + p("项目目标：训练模型", 1, 1)
        + p("合同总额为人民币500,000元，分两期支付：")  # unnumbered: counts nothing
        + p("首期款", 1, 2)
        + p("尾款", 1, 2)
        + p("服务内容", 1, 0)
        + p("模型设计", 1, 1)
        + p("付款方式：", 1, 1)
        + p("第一期", 1, 2)  # level 2 restarted by the level-1 paragraph before it
    )
    assert lines(docx(tmp_path, body, OUTLINE)) == [
        "第一条 项目概述",
        "1.1 项目名称：某项目",
        "1.2 项目目标：训练模型",
        "合同总额为人民币500,000元，分两期支付：",
        "（1）首期款",
        "（2）尾款",
        "第二条 服务内容",
        "2.1 模型设计",
        "2.2 付款方式：",
        "（1）第一期",
    ]


def test_without_is_lgl_the_article_number_keeps_its_own_format(tmp_path: Path) -> None:
    numbering = abstract(0, lvl(0, "第%1条", "chineseCounting"), lvl(1, "%1.%2")) + num(1, 0)
    body = p("总则", 1, 0) + p("定义", 1, 1)
    assert lines(docx(tmp_path, body, numbering)) == ["第一条 总则", "一.1 定义"]


def test_ten_and_more_articles(tmp_path: Path) -> None:
    body = "".join(p(f"条款{i}", 1, 0) for i in range(1, 22))
    got = [line.split(" ")[0] for line in lines(docx(tmp_path, body, OUTLINE))]
    assert got[8:12] == ["第九条", "第十条", "第十一条", "第十二条"]
    assert got[19:] == ["第二十条", "第二十一条"]


def test_start_value_and_level_restart_rules(tmp_path: Path) -> None:
    numbering = (
        abstract(
            0,
            lvl(0, "%1.", start=5),
            lvl(1, "%1.%2", start=1),
            lvl(2, "(%3)", "lowerLetter", extra='<w:lvlRestart w:val="0"/>'),  # never restarts
            lvl(3, "%4)", "lowerRoman", extra='<w:lvlRestart w:val="1"/>'),  # restarts on level 1 only
        )
        + num(1, 0)
    )
    body = (
        p("A", 1, 0)
        + p("A1", 1, 1)
        + p("x", 1, 2)
        + p("i", 1, 3)
        + p("A2", 1, 1)
        + p("y", 1, 2)
        + p("ii", 1, 3)  # level 2 (not 1) came before: no restart
        + p("B", 1, 0)
        + p("B1", 1, 1)
        + p("z", 1, 2)
        + p("i again", 1, 3)
    )
    assert lines(docx(tmp_path, body, numbering)) == [
        "5. A",
        "5.1 A1",
        "(a) x",
        "i) i",
        "5.2 A2",
        "(b) y",
        "ii) ii",
        "6. B",
        "6.1 B1",
        "(c) z",
        "i) i again",
    ]


def test_missing_start_is_zero_as_in_the_standard(tmp_path: Path) -> None:
    numbering = abstract(0, lvl(0, "%1.", start=None)) + num(1, 0)
    assert lines(docx(tmp_path, p("a", 1) + p("b", 1), numbering)) == ["0. a", "1. b"]


def test_start_override_restarts_and_instances_share_one_sequence(tmp_path: Path) -> None:
    numbering = (
        abstract(0, lvl(0, "%1、", "chineseCounting", extra='<w:suff w:val="nothing"/>'))
        + num(1, 0)
        + num(2, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
        + num(3, 0)  # no override: continues the definition's running count
        + num(4, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride>')
    )
    body = (
        p("甲", 1) + p("乙", 1) + p("丙", 1)
        + p("重新编号", 2) + p("续", 2)
        + p("另一实例", 3)
        + p("回到第一个", 1)
        + p("从七开始", 4) + p("八", 4)
    )  # fmt: skip
    assert lines(docx(tmp_path, body, numbering)) == [
        "一、甲", "二、乙", "三、丙",
        "一、重新编号", "二、续",
        "三、另一实例",
        "四、回到第一个",
        "七、从七开始", "八、八",
    ]  # fmt: skip


def test_level_override_replaces_the_definition(tmp_path: Path) -> None:
    numbering = (
        abstract(0, lvl(0, "%1."))
        + num(1, 0)
        + num(2, 0, '<w:lvlOverride w:ilvl="0">' + lvl(0, "（%1）", "chineseCounting", start=3) + "</w:lvlOverride>")
    )
    body = p("a", 1) + p("b", 2) + p("c", 2)
    assert lines(docx(tmp_path, body, numbering)) == ["1. a", "（三） b", "（四） c"]


STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ContractArticle"><w:basedOn w:val="Heading1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Subtitle"><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
)


def test_numbering_from_the_paragraph_style(tmp_path: Path) -> None:
    numbering = (
        abstract(
            0,
            lvl(0, "第%1条", "chineseCountingThousand", extra='<w:pStyle w:val="Heading1"/>'),
            lvl(1, "%1.%2", extra='<w:pStyle w:val="Heading2"/><w:isLgl/>'),
        )
        + num(1, 0)
    )
    body = (
        p("项目概述", style="Heading1")
        + p("项目名称", style="Heading2")  # the level comes from the lvl's w:pStyle link
        + p("正文，不编号", style="Normal")
        + p("服务内容", style="ContractArticle")  # inherits Heading1's numbering through w:basedOn
        + p("模型设计", style="Heading2")
        + p("不编号的标题", 0, None, style="Heading1")  # numId 0 switches the style's numbering off
        + p("副标题", style="Subtitle")  # an ilvl without a numId is no numbering
        + p("第三个", style="Heading1")
    )
    assert lines(docx(tmp_path, body, numbering, STYLES)) == [
        "第一条 项目概述",
        "1.1 项目名称",
        "正文，不编号",
        "第二条 服务内容",
        "2.1 模型设计",
        "不编号的标题",
        "副标题",
        "第三条 第三个",
    ]


def test_num_style_link(tmp_path: Path) -> None:
    numbering = (
        abstract(0, '<w:styleLink w:val="ClauseList"/>', lvl(0, "Article %1"))
        + abstract(1, '<w:numStyleLink w:val="ClauseList"/>')
        + num(1, 0)
        + num(2, 1)
    )
    styles = (
        '<w:style w:type="numbering" w:styleId="ClauseList">'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    body = p("Definitions", 2) + p("Services", 2)
    assert lines(docx(tmp_path, body, numbering, styles)) == ["Article 1 Definitions", "Article 2 Services"]


def test_bullets_get_no_prefix_but_numbers_around_them_do(tmp_path: Path) -> None:
    numbering = (
        abstract(0, lvl(0, "%1、", "chineseCounting", extra='<w:suff w:val="nothing"/>'),
                 lvl(1, "\uf0b7", "bullet"))
        + abstract(1, lvl(0, "•", "bullet"))
        + num(1, 0)
        + num(2, 1)
    )  # fmt: skip
    body = p("甲方义务", 1, 0) + p("按时交付", 1, 1) + p("保密", 1, 1) + p("其他", 2) + p("乙方义务", 1, 0)
    assert lines(docx(tmp_path, body, numbering)) == ["一、甲方义务", "按时交付", "保密", "其他", "二、乙方义务"]


def test_numbering_inside_table_cells(tmp_path: Path) -> None:
    numbering = abstract(0, lvl(0, "%1.", extra='<w:suff w:val="space"/>')) + num(1, 0) + OUTLINE.replace(
        'w:abstractNumId="0"', 'w:abstractNumId="9"'
    ).replace('<w:num w:numId="1"><w:abstractNumId w:val="0"/>', '<w:num w:numId="5"><w:abstractNumId w:val="9"/>')

    def cell(*paras: str) -> str:
        return "<w:tc>" + "".join(paras) + "</w:tc>"

    body = (
        p("付款", 5, 0)
        + "<w:tbl><w:tr>"
        + cell(p("期次"))
        + cell(p("条件"))
        + "</w:tr><w:tr>"
        + cell(p("首期", 1))
        + cell(p("生效之日起15日内"), p("开具发票", 5, 2))
        + "</w:tr><w:tr>"
        + cell(p("尾款", 1))
        + cell(p("验收合格后", 5, 2))
        + "</w:tr></w:tbl>"
    )
    assert lines(docx(tmp_path, body, numbering)) == [
        "第一条 付款",
        "期次\t条件",
        "1. 首期\t生效之日起15日内 （1）开具发票",
        "2. 尾款\t（2）验收合格后",
    ]


def test_suffixes_hidden_numbers_and_empty_paragraphs(tmp_path: Path) -> None:
    numbering = (
        abstract(0, lvl(0, "%1."))  # default suffix is a tab: rendered as one space
        + abstract(1, lvl(0, "%1.", extra="<w:rPr><w:vanish/></w:rPr>"))
        + abstract(2, lvl(0, "", "decimal"))
        + abstract(3, lvl(0, "%1", "none"))
        + num(1, 0) + num(2, 1) + num(3, 2) + num(4, 3)
    )  # fmt: skip
    body = p("a", 1) + p("", 1) + p("c", 1) + p("hidden", 2) + p("no text", 3) + p("none", 4)
    assert lines(docx(tmp_path, body, numbering)) == ["1. a", "2. ", "3. c", "hidden", "no text", "none"]


def test_numbering_without_definitions_is_ignored(tmp_path: Path) -> None:
    body = p("a", 1) + p("b", 7)
    assert lines(docx(tmp_path, body)) == ["a", "b"]  # no numbering.xml at all
    assert lines(docx(tmp_path, body, num(1, 4), name="m.docx")) == ["a", "b"]  # dangling abstractNumId


def test_numbering_part_found_through_the_relationships(tmp_path: Path) -> None:
    path = docx(tmp_path, p("总则", 1), OUTLINE, numbering_part="numbering2.xml")
    assert lines(path) == ["第一条 总则"]


@pytest.mark.parametrize(
    ("numbering", "problem"),
    [
        ("<w:num", "not a valid .docx (word/numbering.xml is not well-formed XML"),
        ("&x;", "not a valid .docx (word/numbering.xml is not well-formed XML"),
    ],
)
def test_broken_numbering_part(tmp_path: Path, numbering: str, problem: str) -> None:
    path = docx(tmp_path, p("a", 1), numbering)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.problem.startswith(problem)
    assert str(caught.value).startswith(f"{path}: ")


def test_numbering_part_with_a_doctype_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dtd.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{p("a", 1)}</w:body></w:document>')
        z.writestr("word/numbering.xml", '<!DOCTYPE n [<!ENTITY x "boom">]><n/>')
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert "word/numbering.xml declares a DOCTYPE" in caught.value.problem


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (99, "chineseCounting", "九十九"),
        (101, "chineseCountingThousand", "一百零一"),
        (110, "chineseCountingThousand", "一百一十"),
        (1005, "chineseCountingThousand", "一千零五"),
        (12, "chineseLegalSimplified", "壹拾贰"),
        (3, "ideographTraditional", "丙"),
        (10, "ideographTraditional", "癸"),
        (11, "ideographTraditional", "11"),
        (105, "ideographDigital", "一〇五"),
        (1, "decimalEnclosedCircle", "①"),
        (20, "decimalEnclosedCircleChinese", "⑳"),
        (21, "decimalEnclosedCircle", "21"),
        (3, "decimalEnclosedParen", "⑶"),
        (12, "decimalFullWidth", "１２"),
        (7, "decimalZero", "07"),
        (1, "upperLetter", "A"),
        (27, "lowerLetter", "aa"),
        (4, "upperRoman", "IV"),
        (14, "lowerRoman", "xiv"),
        (2, "ordinal", "2nd"),
        (21, "cardinalText", "Twenty-one"),
        (12, "ordinalText", "Twelfth"),
        (5, "somethingNew", "5"),
        (0, "upperLetter", "0"),
        (3, "none", ""),
    ],
)
def test_number_formats(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown


# ---------------------------------------------------------------- end to end: x20


def _make_x20():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_x20", TESTS / "contracts" / "make_x20.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _wt_text(path: Path) -> str:
    """What the shared scorer reads: the w:t text of every paragraph, no numbering."""
    from xml.etree import ElementTree

    ns = "{" + W_NS + "}"
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in q.iter(ns + "t")) for q in root.iter(ns + "p"))


def test_auto_numbered_contract_parses_like_its_typed_twin(tmp_path: Path) -> None:
    """p01 with every clause number moved into numbering.xml: same text, same facts, same clauses."""
    committed = TESTS / "contracts" / "x20-autonumber.docx"
    built = _make_x20().build(tmp_path / "x20-autonumber.docx")
    assert built.read_bytes() == committed.read_bytes()  # make_x20.py reproduces the committed file

    source = TESTS / "corpus" / "p01-xinghe-intent.txt"
    typed = source.read_text(encoding="utf-8").rstrip("\n")
    raw = _wt_text(built)
    assert not re.search(r"^(?:第[一二三四五六七八九十]+条|\d+\.\d+|（\d）)", raw, re.MULTILINE)
    assert read_document(built).text == typed

    got = parse_file(built).to_json()
    want = json.loads((TESTS / "corpus" / "p01-xinghe-intent.expected.json").read_text(encoding="utf-8"))
    keys = ("kind", "party", "due_date", "trigger", "recurrence", "amount", "currency", "metrics", "clause")
    facts = lambda obs: sorted(json.dumps([o[k] for k in keys], ensure_ascii=False) for o in obs)  # noqa: E731
    assert facts(got["obligations"]) == facts(want["obligations"])
    assert sorted(o["clause"] for o in got["obligations"]) == ["1.3", "2.3", "2.4", "4.2", "4.2", "4.2", "5.1",
                                                                 "5.2", "6.2"]  # fmt: skip
    strip = lambda ps: sorted(({k: v for k, v in x.items() if k != "quote"} for x in ps), key=str)  # noqa: E731
    assert strip(got["contract"]["penalties"]) == strip(want["contract"]["penalties"])
    assert {k: v for k, v in got["contract"].items() if k != "penalties"} == {
        k: v for k, v in want["contract"].items() if k != "penalties"
    }
    assert [w for w in got["warnings"] if w["code"] != "unrecognised_duty"] == want["warnings"] == []
    # No obligation quote starts inside a rendered number: each is verbatim in the w:t text alone
    # (what the shared scorer checks). Penalty quotes keep their clause number, as for p01.txt.
    squashed = re.sub(r"\s+", "", raw)
    for quote in [o["quote"] for o in got["obligations"]]:
        assert re.sub(r"\s+", "", quote) in squashed, quote
    for quote in [x["quote"] for x in got["contract"]["penalties"]]:
        assert quote in typed
