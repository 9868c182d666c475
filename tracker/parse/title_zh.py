"""The title of a Chinese contract: the project's name by its label (项目名称：…), a project the
preamble names in quotes, the project the definitions define (「项目」指…), else the heading."""

from __future__ import annotations

import re

from tracker.parse import cover_zh, lexicon_zh
from tracker.parse.common import Facts
from tracker.parse.context_zh import Ctx
from tracker.parse.facts_zh import body_start
from tracker.parse.rx_literals import gated

# compiled at import, so kept by tracker.regex_cache between runs
_TITLE_LABEL = gated(lexicon_zh.TITLE_LABEL + r"\s*(?:\*\*)?\s*(?P<sep>[:】|]|(?=\n))?[ \t]*")


def rule_title(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    # a label followed by its separator (not a heading "项目名称及内容"), else the first label
    labels = list(_TITLE_LABEL.finditer(ctx.text))
    m = next((x for x in labels if x.group("sep") is not None), labels[0] if labels else None)
    if not m:  # no project name label: a project named in the preamble (就“某某服务”项目), the project
        # the definitions define, else the heading
        named = _NAMED_PROJECT.search(ctx.text, 0, body_start(ctx)) or _defined_project(ctx)
        facts.title = named.span("t") if named else cover_zh.heading_title(ctx.text, body_start(ctx))
        return facts
    start = m.end()
    if ctx.text[start:start + 1] == "\n":  # a heading "项目名称" with the value on the next line
        nxt = re.compile(r"\n\s*").match(ctx.text, start)
        start = nxt.end() if nxt else start
    seg_end = next((s.end for s in ctx.clauses.segments if s.start <= start < s.end), len(ctx.text))
    end = min(seg_end, *(i for i in (ctx.text.find("\n", start), ctx.text.find("。", start)) if i >= 0), len(ctx.text))
    cut = re.compile(lexicon_zh.TITLE_END).search(ctx.text, start, end)
    value = ctx.text[start:cut.start() if cut else end].split("|")[0].rstrip(" ;,*")  # a table cell ends at its border
    if (quoted := re.fullmatch(r"(?:为|是)?\s*[“\"《「](.+?)[”\"》」]", value)) is not None:  # 项目名称为“…”
        start, value = start + quoted.start(1), quoted.group(1)
    if value.startswith(("#", "-", "*")):
        return facts
    if value and "[" not in value and "_" not in value and "□" not in value:
        facts.title = (start, start + len(value))
    return facts


#: a project the preamble names in quotes: "就贵司“仓储园区安全帽识别算法升级服务”项目"
_NAMED_PROJECT = re.compile(r"[“\"《「](?P<t>[^”\"》」\n]{4,40})[”\"》」]\s*(?:项目|课题)")

#: the project a definition names: 「项目」指仓储出入库需求预测机器学习顾问项目 / 指「…」 / 指某系统的设计、开发…
_DEFINED_PROJECT = re.compile(r"[「“\"]\s*(?:本)?(?:项目|专案)\s*[」”\"]\s*(?:系|是)?指\s*[「“\"]?(?P<t>[^」”\"。;,:、\n]{4,40}?)"
                              r"(?=的(?:设计|开发|建设|实施|部署|维护|研发|研究|运营)|[」”\"。;,\n])")
#: a definition that describes work instead of naming it: 「项目」指乙方根据本合同为甲方提供的服务
_DESCRIBES = re.compile(rf"{lexicon_zh.PARTY_RX.pattern}|双方|根据|按照|依据|提供|约定|本合同|本协议|本契约|所述|所列|下列|以下|上述|附件|全部|开展")
#: what a project's name ends with: 项目, 工程, 系统, 平台… (not 工作, 活动, 内容, 升级: a description)
_NAME_END = re.compile(r"(?:项目|工程|系统|平台|课题|计划|专案|模型|研究)$")


def _defined_project(ctx: Ctx) -> re.Match[str] | None:
    m = _DEFINED_PROJECT.search(ctx.text)
    return m if m is not None and not _DESCRIBES.search(m.group("t")) and _NAME_END.search(m.group("t")) else None
