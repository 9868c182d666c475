"""Build x20-autonumber.docx: p01's contract with Word automatic numbering instead of typed numbers.

Not run by the tests' golden check (the .docx is committed); tests/test_readers_numbering.py
rebuilds it and checks the bytes are the same. Fixed zip timestamps make it reproducible.

Every literal clause number of tests/corpus/p01-xinghe-intent.txt is removed from the text
and produced by numbering.xml instead, the way Word stores a numbered outline:

- article headings "第一条 项目概述" are paragraphs of style Heading1, and Heading1 carries the
  numbering (styles.xml ``w:numPr`` → numId 1; level 0 ``第%1条`` in chineseCounting, linked back
  by ``w:pStyle``);
- sub-clauses "1.1" are level 1, ``%1.%2`` with ``w:isLgl`` (so the chineseCounting article
  number shows as 1, not 一);
- payment items "（1）" are level 2, ``（%3）`` with ``w:suff`` nothing;
- from article 5 on, sub-clauses use a second ``w:num`` (numId 2) over the same abstract
  definition, as after a copy-paste from another document: Word continues one sequence.

So no ``w:t`` holds a clause number, and the w:t text (what the shared scorer reads) lacks them.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).parent
OUT = HERE / "x20-autonumber.docx"
SOURCE = HERE.parent / "corpus" / "p01-xinghe-intent.txt"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading1"/><w:suff w:val="space"/><w:lvlText w:val="第%1条"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/><w:lvlText w:val="（%3）"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:firstLine="0"/></w:pPr></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"""

_ARTICLE = re.compile(r"^第([一二三四五六七八九十]+)条 (.*)$")
_SUB = re.compile(r"^(\d+)\.(\d+) (.*)$")
_ITEM = re.compile(r"^（(\d+)）(.*)$")


def run(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r><w:t{space}>{escape(text)}</w:t></w:r>" if text else ""


def para(text: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{run(text)}</w:p>"


def numbered(num_id: int, ilvl: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def body(source: str) -> list[str]:
    out: list[str] = []
    article = 0
    for i, line in enumerate(source.rstrip("\n").split("\n")):
        if i == 0:
            out.append(para(line, '<w:pStyle w:val="Title"/>'))
        elif m := _ARTICLE.match(line):
            article += 1
            out.append(para(m.group(2), '<w:pStyle w:val="Heading1"/>'))
        elif m := _SUB.match(line):
            assert int(m.group(1)) == article, line
            out.append(para(m.group(3), numbered(1 if article < 5 else 2, 1)))
        elif m := _ITEM.match(line):
            out.append(para(m.group(2), numbered(1, 2)))
        else:
            out.append(para(line))
    return out


def document_xml(source: str) -> str:
    sect = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}"><w:body>' + "".join(body(source)) + sect + "</w:body></w:document>"
    )


def build(out: Path = OUT, source: Path = SOURCE) -> Path:
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", document_xml(source.read_text(encoding="utf-8"))),
        ("word/styles.xml", STYLES),
        ("word/numbering.xml", NUMBERING),
    ]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 1, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return out


if __name__ == "__main__":
    print(build())
