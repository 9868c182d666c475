"""A key-terms table before (or instead of) the articles: 合同条款前附表, 合同专用条款前附表, 合同主要条款表.

    第一部分　合同条款前附表
    序号 条款名称 约定内容
    1 合同金额 人民币（大写）壹佰叁拾陆万捌仟元整（¥1,368,000.00）…
    4 甲方提供资料 甲方应于合同生效之日起10日内向乙方提供…

A government purchase contract often states its dates and payments only there, the general clauses after
it saying "前附表与通用条款不一致的，以前附表为准". Each numbered row is a clause of its own, ``前附表.N``
(the segmenter opens them as an appendix's items), whether the rows are a Word table's (tabs), a Markdown
table's (pipes) or a PDF's text layer (single spaces).
"""

from __future__ import annotations

import re

LABEL = "前附表"
#: the table's heading line: "第一部分 合同条款前附表", "合同专用条款前附表", "合同主要条款表"
_HEADING = re.compile(r"(?m)^[ \t#*>]*(?:第\s*[一二三四五六七八九十\d]{1,3}\s*部分[ \t\u3000]*)?(?P<h>(?:合同)?(?:专用|通用)?"
                      r"(?:条款)?前附表|合同主要条款表?)[ \t*]*$")
#: a numbered row: "1 合同金额 …", "1\t合同金额\t…", "| 1 | 合同金额 | … |"
_ROW = re.compile(r"(?m)^[ \t]*\|?[ \t]*(?P<n>\d{1,2})[ \t]*(?:\||\t|[ \u3000]+)(?=[ \t]*[\u4e00-\u9fff])")
#: the table ends at the next part, article or appendix heading
_END = re.compile(r"(?m)^[ \t#*>]*(?:第\s*[一二三四五六七八九十\d]{1,3}\s*(?:部分|条|章)|附件)")


def key_terms_marks(text: str) -> list[tuple[int, str, object]]:
    """The segmenter's marks for each key-terms table: ("keyterms", label) at its heading, then
    ("num_dot", n) at each row numbered in sequence from 1 (a row that breaks the sequence ends the rows)."""
    if LABEL not in text and "主要条款" not in text:
        return []
    out: list[tuple[int, str, object]] = []
    for h in _HEADING.finditer(text):
        stop = _END.search(text, h.end())
        end = stop.start() if stop else len(text)
        out.append((h.start("h"), "keyterms", LABEL))
        n = 0
        for row in _ROW.finditer(text, h.end(), end):
            if int(row["n"]) != n + 1:
                continue
            n += 1
            out.append((row.start("n"), "num_dot", n))
    return out


__all__ = ["LABEL", "key_terms_marks"]
