"""The body of a contract written in plain paragraphs, with no clause numbers at all:

    信息化外包服务合同
    委托单位（以下简称甲方）：华东纺织集团有限公司
    …
    乙方负责在甲方现有OA…系统上开发…。甲方应在合同签订后五个工作日内…

Segmentation finds no article there, so every sentence would sit in the unlabelled preamble, which
the rules do not read for duties. Here each paragraph of such a document is a clause of its own
with no number (``UNNUMBERED``; its facts cite ``clause: null``), except the heading lines: the
title and the ``名称：值`` lines (parties, project name, signatures, dates).
"""

from __future__ import annotations

import re

#: the label of a paragraph of an unnumbered body ("¶1", "¶2"… inside the parser: each paragraph
#: is a clause of its own); printed as null
UNNUMBERED = "¶"

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*")
#: "委托单位（以下简称甲方）：某公司", "日期：二〇二六年…", "Customer: Acme Ltd."
_FIELD = re.compile(r"[ \t]*[^\n:：。;；,，]{1,24}[:：]")
_SENTENCE_END = re.compile(r"[。;；.!?！？]\s*$")


def body_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """``text[start:end]`` cut into paragraphs (a blank line between them, or each line when the
    text has no blank lines): (start, end, is_body); heading lines are not body."""
    blank = re.search(r"\n[ \t]*\n", text[start:end]) is not None
    pieces = _PARAGRAPH.finditer(text, start, end) if blank else re.finditer(r"[^\n]+", text[start:end])
    out = []
    for m in pieces:
        a, b = (m.start(), m.end()) if blank else (start + m.start(), start + m.end())
        out.append((a, b, _is_body(text[a:b])))
    return out


def _is_body(paragraph: str) -> bool:
    lines = [ln for ln in paragraph.split("\n") if ln.strip()]
    if all(_FIELD.match(ln) and (len(ln) <= 60 or not _SENTENCE_END.search(ln)) for ln in lines):
        return False  # parties, project name, signature and date lines (not "首付款：本合同生效之日起…支付…。")
    return len(paragraph.strip()) > 30 or _SENTENCE_END.search(paragraph) is not None


def public_label(label: str | None) -> str | None:
    """The clause a fact cites: an unnumbered paragraph is cited as null."""
    return None if label is not None and label.startswith(UNNUMBERED) else label


_FIELD_ROW = re.compile(r"(?m)^[ \t]*\|(?P<k>[^|\n]{1,60})\|(?P<v>[^|\n]{1,200})\|[ \t]*$")
_TAB_FIELD = re.compile(r"(?m)^[ ]*[^\t\n:：.;。]{1,40}(?P<tab>\t)[^\t\n]{1,300}$")


def fields_view(text: str, end: int) -> str:
    """``text`` with the two-cell table rows before ``end`` (a cover table: "| Customer | Acme Ltd. |")
    written as field lines ("  Customer : Acme Ltd.  "), every position kept, so the rules that read
    "Label: value" lines read them too."""
    if "|" not in text[:end] and "\t" not in text[:end]:
        return text
    out = list(text)
    for m in _TAB_FIELD.finditer(text, 0, end):  # a Word table's two cells: "Buyer<TAB>Calderbridge … Council"
        out[m.start("tab")] = ":"
    for m in _FIELD_ROW.finditer(text, 0, end):
        key, value = m.group("k").strip(" *"), m.group("v").strip(" *")
        if not key or not value or set(value) <= set("-: "):
            continue  # a header rule or an empty header row
        out[m.start("k") - 1] = " "
        out[m.end("k")] = ":"
        out[m.end("v")] = " "
    return "".join(out)


__all__ = ["UNNUMBERED", "body_paragraphs", "fields_view", "public_label"]
