"""The signing date of a Chinese contract: the signature blocks' dates (the later of two), a 签订日期
field, "本合同/本协议于…签订/订立"; never a date inside a term range or an order's own date after the signatures."""

from __future__ import annotations

import re
from datetime import date

from tracker.parse.clause_marks import _SIGNATURE, ZH_PARTS
from tracker.parse.common import Facts, find_dates
from tracker.parse.context_zh import Ctx

_SIGNING_FIELD = re.compile(r"(?:签订|签署|签约|回签)(?:日期|时间)[ \u3000]*(?::|\*{0,2}\s*\||\t)\s*")


#: a table row whose cells are dates alone: "| 2026年12月10日 | 2026年12月10日 |"
_DATES_ROW = re.compile(r"[ \t]*\|(?:[ \t]*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-./]\d{1,2}[-./]\d{1,2})?[ \t]*\|)+[ \t]*")


def _block_dates(ctx: Ctx, start: int, end: int, candidates: list[date]) -> None:
    """The signing dates of a signature block [start, end): dates after 日期/签署… or alone on their line."""
    # a signature table ("| 签署方 | 名称 | 授权代表 | 日期 |"): its date column dates the signatures
    dated_table = re.search(r"(?m)^[ \t]*\|[^\n]*(?:日期|时间|Date)[^\n]*\|", ctx.text[start:end]) is not None
    for h in find_dates(ctx.text, start, end):
        before = ctx.text[max(start, h.start - 12):h.start]
        in_row = dated_table and ctx.text[ctx.text.rfind("\n", 0, h.start) + 1:h.start].lstrip().startswith("|")
        if h.value and (re.search(r"日期|签订|签署|签字|时间|Date", before) or in_row):
            candidates.append(h.value)
        elif h.value:  # a date standing alone on its line under the signatures
            line_start = ctx.text.rfind("\n", max(0, h.start - 80), h.start) + 1
            line_end = ctx.text.find("\n", h.end, h.end + 40)
            if line_start and line_end >= 0:  # both ends near: a short line, never a scan of a long one
                line = ctx.text[line_start:line_end]
                if len(re.sub(r"\s|中\s*华", "", line)) <= len(re.sub(r"\s", "", ctx.text[h.start:h.end])) \
                        or _DATES_ROW.fullmatch(line):  # (or a signature table's row of dates alone)
                    candidates.append(h.value)


def rule_signed(ctx: Ctx, seen: Facts) -> Facts:
    """Signature-block dates (the later of two) and stated signing dates."""
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    labelled = ctx.clauses.labelled()
    body_end = max((s.end for s in labelled if not (s.label or "").startswith((*ZH_PARTS, "补充"))), default=0)
    # the signature block ends where a document after it (附件/订单/补充条款) starts: an order's
    # own date is not the contract's signing date
    block_end = min((s.start for s in labelled if s.start >= body_end), default=len(ctx.text))
    candidates: list[date] = []
    # a signature block inside the document (a 政府采购合同's 协议书 signed above its 通用条款 and 专用条款)
    blocks = [(sg.start, sg.end) for sg in ctx.clauses.segments if sg.label is None and not sg.heading
              and sg.end <= body_end and _SIGNATURE.match(ctx.text, sg.start)]
    for start, end in [*blocks, (body_end, block_end)]:
        _block_dates(ctx, start, end, candidates)
    for m in _SIGNING_FIELD.finditer(ctx.text, 0, block_end):
        # ("签订日期：…", a key-value table's "| 签订日期 | …|", or a Word table's cells "签订时间\t…")
        for h in find_dates(ctx.text, m.end(), m.end() + 20):
            if h.value:
                candidates.append(h.value)
    if candidates:  # the signature block and the 签订日期 field come first
        facts.signed_date = max(candidates)
        return facts
    for m in re.finditer(r"本(?:补充)?(?:合同|协议|契约|合约)(?:由[^。]{0,120}?)?于", ctx.text):
        hits = find_dates(ctx.text, m.end(), m.end() + 20)
        if hits and hits[0].value and re.match(r"\s*(?:在[^,。]{0,20}|由[^,。]{0,20})?(?:签(?:订|署)|订立)", ctx.text[hits[0].end:hits[0].end + 25]):
            candidates.append(hits[0].value)
    if candidates:
        facts.signed_date = max(candidates)
    return facts
