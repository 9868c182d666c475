"""The marks clause segmentation looks for (``clauses.segment``): article headings in every style the
parser knows (第X条, 一、, Article N, "1. Title", run-in headings), dotted clause numbers, list items,
parts of a document in parts, chapters, signature blocks, appendices and lettered sections. Patterns
only; the segmentation that reads them is ``clauses``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from tracker.parse.numerals import cn_int

_CN = "一二三四五六七八九十"
_LINE_START = r"(?m:^)[ \t#>*\-]*+"  # (?m:^): one opcode; *+: a run of 1 MB of spaces is never backtracked
_AFTER_SENTENCE = r"(?:(?<=[。;；:：\]】]))\s*"

#: cheap first checks (line start, after a sentence, a digit) keep a 1 MB scan linear and fast
_FAST_START = r"(?=(?m:^)|(?<=[。;；:：\]】]))"
#: the characters after which ``_FAST_START`` allows a match (besides the text's start). Not a line
#: start on an empty line: after ``_LINE_START`` (which takes no newline) every branch of the patterns
#: that use it needs a visible character, and ``_AFTER_SENTENCE`` a sentence mark before it, so a blank
#: line opens no match (a run of 1 MB of newlines is one C scan, not a million tries)
_FAST_START_AFTER = re.compile(r"\n(?!\n)|[。;；:：\]】]")
_ARTICLE = re.compile(
    _FAST_START +
    rf"(?:(?:{_LINE_START}|{_AFTER_SENTENCE})第\s*(?P<n>[{_CN}百零\d]+)\s*[条條]"
    rf"|{_LINE_START}(?P<cn>[{_CN}]{{1,3}})\s*[、.．](?!\d)"
    rf"|{_LINE_START}(?:ARTICLE|Article|SECTION|Section|Chapter|CHAPTER|(?:CLAUSE|Clause)(?=\s+\w+(?![.\d]))"
    rf"|(?:ITEM|Item)(?=\s+\d{{1,2}}\s*[:.\-–—]\s*[A-Z]))\s+(?P<en>\d+|[IVX]+)\b"  # a schedule's "Item 5: Fees"
    rf"|{_LINE_START}(?<=#\s)(?P<md>\d+)\.?\s"
    # "§1 订阅期", "§ 2 Fees": an article marked with the section sign (its clauses "§1.1")
    rf"|{_LINE_START}§\s*(?P<sec>\d{{1,2}})(?![\d.])"
    # "1. Formation. This Order…": a numbered run-in heading (a short title ending in a full stop)
    rf"|{_LINE_START}(?P<rh>\d{{1,2}})\.[ \t]+(?=[A-Z][A-Za-z'’&/-]*(?:[ \t]+[A-Za-z'’&/-]+){{0,4}}\.(?:[ \t]|\n))"
    # "1. PROJECT OVERVIEW": a numbered heading line in capitals
    rf"|{_LINE_START}(?P<up>\d{{1,2}})\.?[ \t]+(?=[A-Z][A-Z'’ &,/\-]{{2,60}}[ \t]*(?:\n|$))"
    # "1. 技术服务的内容": a numbered title line whose next line opens clause 1.1 (or its item "(1)")
    rf"|{_LINE_START}(?P<ot>\d{{1,2}})[.、][ \t]*(?=[^\s\d][^\n。;:]{{0,30}}\n(?:[ \t]*\n)*[ \t#>*\-]*(?:(?P=ot)\.1(?!\d)|[(（]1[)）])))",
)
#: "4. 合同期限": a short numbered title line (no sentence punctuation). Counted as an article only in
#: a document whose other numbered titles are articles (one opens clause N.1 on the next line) and
#: only in sequence, so list items in an article's body are not taken for articles
_TITLE_LINE = re.compile(rf"{_LINE_START}(?P<ot>\d{{1,2}})[.、][ \t]*(?=[^\s\d.](?:[^\n。;:；：，,.]{{0,16}}"
                         r"|[A-Za-z '&/-]{0,40}(?:\([^()\n]{0,30}\))?)[ \t]*(?:\n|$))")  # "1. What you have ordered"
_DOT3 = re.compile(r"(?=\d)(?<![\d.])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<c>\d{1,2})(?![\d%])")
_DOT2 = re.compile(r"(?=\d)(?<![\d.])(?P<a>\d{1,2})\.(?P<b>\d{1,2})(?![\d.%])(?!\s*(?:[条條款]|[项項](?!目)))")
#: _DOT3 or _DOT2, one scan: at a start at most one of them matches (after "a.b" comes "." for the one and no
#: "." for the other), and neither match can start inside the other's (after a digit or a "." it cannot start)
_DOTTED = re.compile(r"(?=\d)(?<![\d.])(?P<a>\d{1,2})\.(?P<b>\d{1,2})"
                     r"(?:\.(?P<c>\d{1,2})(?![\d%])|(?![\d.%])(?!\s*(?:[条條款]|[项項](?!目))))")
#: "3-2 预付款：…" at a line's start: a clause numbered with a dash, read as 3.2 (its group c never matches)
_DASHED = re.compile(r"(?<![^\n])(?P<a>\d{1,2})-(?P<b>\d{1,2})(?P<c>(?!))?(?=[ \t\u3000]+[^\s\d])")


def dotted_matches(text: str) -> Iterator[re.Match[str]]:
    """The a.b and a.b.c marks of ``text`` (``_DOTTED``), and a-b at a line's start."""
    yield from _DOTTED.finditer(text)
    if "-" in text:
        yield from _DASHED.finditer(text)


_PAREN_CN = re.compile(rf"{_LINE_START}[(（](?P<n>[{_CN}]{{1,3}})[)）]")
_ALPHA_DOT = re.compile(rf"{_LINE_START}(?P<l>[A-Z])\.(?P<n>\d{{1,2}})(?![\d.])")  # "A.1" items of Exhibit A
_PAREN_NUM = re.compile(rf"{_LINE_START}[(（](?P<n>\d{{1,2}})[)）]")
#: "(i)", "(ii)" … at a line's start: a list numbered in small roman figures (a letter's sections)
_PAREN_ROMAN = re.compile(rf"{_LINE_START}\((?P<n>i{{1,3}}|iv|vi{{0,3}}|ix|xi{{0,3}})\)(?=[ \t])")
_NUM_DOT = re.compile(rf"{_LINE_START}(?P<n>\d{{1,2}})[.、](?!\d)")
_CIRCLED = re.compile(rf"(?:{_LINE_START}|(?<=[.。;；])[ \t]*)(?P<n>[①-⑳])")  # (a text layer runs "… acceptance. ② If …" on)
#: (every branch holds one of ``_SIGNATURE_WORDS`` on the line its match begins on or the next: a new
#: branch adds its word there, or the segmentation never tries it; tests/test_parse_shortcuts3.py)
_SIGNATURE = re.compile(
    _FAST_START +
    rf"(?:{_LINE_START}|{_AFTER_SENTENCE}|(?<=[。]))"
    r"(?:[(（]以下无正文|\((?:Signature page|No further text)|IN WITNESS WHEREOF|SIGNED\s+(?:for|by)\b|Signed\s+for\s+and\s+on\s+behalf"
    # Australian execution lines: "EXECUTED as an agreement.", "Signed for Acme Pty Ltd by its director:"
    r"|EXECUTED\s+as\s+an?\s+(?:agreement|deed)\b|Signed\s+(?:for|by)\s+(?=[A-Z])"
    # a letter's close and the reply under it: "Yours sincerely,", "Accepted and agreed:"
    r"|Yours\s+(?:sincerely|faithfully|truly)\s*,?[ \t]*(?=\n)|(?:Accepted|Agreed)\s+and\s+(?:agreed|accepted)\b[^\n]{0,60}:[ \t]*(?=\n)"
    # an organisation's sealing line with no label: "杭州某科技有限公司（盖章）" (a letter's signature)
    r"|[^\n:：。]{2,60}(?:公司|集团|中心|局|院|所|大学|银行|医院)[ \t]*\n?[ \t]*[(（](?:盖章|公章|签章|签字盖章)[)）][ \t]*(?=\n)"
    # a party's sealing line: "甲方（盖章）：某公司", "Party A (seal): Acme Co., Ltd."
    r"|(?:甲方|乙方|丙方|Party\s+[ABC])[ \t]*[(（](?:签字盖章|签字或盖章|盖章|公章|签章|签字|[Ss]eal|[Ss]ignature)[)）][ \t]*[:：]"
    # a party's line that names its signatory on the same line: "甲方：某公司　　代表人：陈某"
    r"|(?:甲方|乙方)\s*[:：][^\n:：]{2,60}?\s(?:代表人|法定代表人|授权代表|负责人)\s*[:：]"
    # a signature table headed by the sides ("| 甲方：某公司 | 乙方：某公司 |") over a signatory or date row
    # (each header cell names its side's party after a colon; a date or signing field within two rows: a table of
    # duties "| 甲方职责 | 乙方职责 |" is none, nor a parties table with 法定代表人 rows)
    r"|\|[ \t]*甲方(?:[(（][^)）|\n]{0,8}[)）])?[ \t]*[:：][^\n|:：]{2,60}\|[ \t]*乙方(?:[(（][^)）|\n]{0,8}[)）])?[ \t]*[:：][^\n|:：]{2,60}\|[ \t]*\n"
    r"(?:[ \t]*\|[-: \t|]+\|[ \t]*\n)?(?:[ \t]*\|[^\n]{0,120}\n)?[ \t]*\|[ \t]*(?:签字|签署|签章|盖章|日期)[ \t]*[:：(（]"
    # a signature table's header row: "| 签署方 | 名称 | 授权代表 | 日期 |"
    r"|\|[^\n|]*(?:签署方|签约方|签字|签章|盖章)[^\n|]*\|[^\n]*(?:日期|时间|Date)[^\n]*\|[ \t]*(?=\n)"
    # an English signature table's header: "| | For the Client | For the Provider |"
    r"|\|[^\n]*\b(?:For|FOR)\s+(?:and\s+on\s+behalf\s+of\s+)?(?:the\s+|THE\s+)?[A-Z]\w*\s*\|[^\n]*(?=\n)"
    # an English signature table's signatory row: "| By: Chen Yiran, General Counsel | By: Zhao Lei, CEO |"
    r"|\|[ \t]*By\s*:[^\n|]*\|[ \t]*By\s*:[^\n]*(?=\n)"
    # a Chinese signature table's row of sealed names: "| 名称 | 苏州某物流有限公司（盖章） | 南京某科技有限公司（盖章） |"
    r"|\|[ \t]*(?:名称|单位|单位名称)[ \t]*\|[^\n|]{2,60}[(（](?:盖章|公章|签章)[)）][ \t]*\|"
    # a signature table whose header names the parties only ("| | Vendor | Client |"): its "| Company | … |" or
    # "| Name | … |" row over a "| Title |", "| Name |", "| Date |" or "| Signature |" row
    r"|\|[ \t]*(?:Company|Name|Party)[ \t]*\|[^\n]*\|[ \t]*\n[ \t]*\|[ \t]*(?:Name|Title|Date|Signature|Signed)[ \t]*\|"
    # a section headed "Signatures" ("## 8. Signatures", "SIGNATURE PAGE")
    r"|(?:\d{1,2}\.[ \t]*)?(?:Signatures|SIGNATURES|Signature\s+Page|SIGNATURE\s+PAGE)[ \t]*(?=\n)"
    # an English signature table's signature row: "| Signature | *signed* | *signed* |"
    r"|\|[ \t]*(?:Signature|Signed)[ \t]*\|[^\n]*(?=\n)"
    # "Signed for the Contractor: Gu Wenjie, Director, 31 July 2026"
    r"|Signed\s+(?:for|by)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}\s*:"
    r"|[^\n:：。]{0,10}?(?:甲方|乙方|Party A|Party B)[^\n:：。]{0,4}?[(（][^)）\n]{0,10}?(?:盖章|签章|签字|公章|Seal|Signature|Stamp)"
    r"|[^\n:：。]{0,12}?[(（][^)）\n]{0,4}?(?:甲方|乙方)[^)）\n]{0,6}?(?:盖章|签章|公章)[)）]"
    r"|立(?:契约|合同)书?人\s*(?=\n)"
    # a signature page's heading or a line signing for a party: "签署页", "代表客户签署：…"
    r"|签署页[ \t]*(?=\n)|代表[^\n:：。]{1,12}签(?:署|字)[ \t]*[:：]"
    # a signature table whose head row names each party in its column ("| 甲方（服务方）：某公司 | 乙方（需求方）：某公司 |")
    # over its rows of seals, signatures or dates (not a parties table's 法定代表人 and 联系电话)
    r"|\|[ \t]*(?:甲方|乙方|丙方)[^\n|:：]{0,12}[:：][^\n|]{2,60}\|[ \t]*(?:甲方|乙方|丙方)[^\n|:：]{0,12}[:：][^\n|]{2,60}\|[ \t]*\n"
    r"(?:[ \t]*\|[ \t:|-]*\n)?(?:[ \t]*\|[^\n]*\n){0,2}[ \t]*\|[^\n]*(?:签字|签章|盖章|日期)"
    # a signature table's row of sealed organisations: "| 某科技股份有限公司（公司章） | 某工业股份有限公司（公司及负责人章） |"
    r"|\|[ \t]*[^\n|]{2,60}(?:公司|集团|中心|院|所|大学|银行|医院)[ \t]*[(（][^)）\n|]{0,10}章[)）][ \t]*\|"
    # a representative's line with its date: "本公司代表：李某（业务总监）　日期：2026年9月17日"; a quotation's
    # acceptance heading: "客户接纳", "接纳及确认"
    r"|[^\n:：。|]{0,8}代表(?:人)?[ \t]*[:：][^\n:：]{1,40}?(?:签署|签字)?日期[ \t]*[:：][^\n]{0,30}(?=\n|$)"
    r"|(?:客户|买方|采购方)?(?:接纳|接受)(?:及确认|确认|书)?[ \t]*(?=\n)"
    # a party's line that ends sealed: "采购人（甲方）：江州市大数据发展管理局（盖章）", perhaps with its
    # date field after it on the same line ("…（盖章）　　日期：2026年2月10日")
    r"|[^\n:：。]{1,12}[:：][^\n:：。]{2,60}[(（](?:盖章|公章|签章)[)）][ \t\u3000]*"
    r"(?:(?:签订|签署|签字)?(?:日期|时间)[ \t\u3000]*[:：][^\n:：]{0,30})?(?=\n)"
    # any party's sealing line: "委托方（盖章）：…", "评测机构(公章):"
    r"|[^\n:：。]{1,12}?[(（](?:盖章|签章|公章|签字盖章|盖章处)[)）]\s*\**\s*[:：|]"
    # a party's line followed by its signatory's: "客户：XX有限公司\n授权签署人：…" (any role word)
    r"|(?<![\d.])(?![ \t]*(?:住\s*所|地\s*址|通讯地址|联系|电子|电话|传真|邮))[^\n:：。\d]{1,10}[:：][^\n]{2,60}\n[ \t]*"
    r"(?:授权(?:签署人|签字人|代表)|法定代表人|签署人)[^\n:：]{0,10}[:：]"  # (not a party's address line above its representative)
    # two signatories' fields side by side, one per column: "授權簽署人：黃某　　　授權簽署人：鄧某"
    r"|(?P<sig>授权(?:签署人|签字人|代表)|签署人|签字人)[ \t\u3000]*[:：][^\n]{0,30}?[ \t\u3000]{2,}(?P=sig)[ \t\u3000]*[:：]"
    # "Signed by the authorised representatives of the Parties:" / "Agreed and signed for and on behalf of…:"
    r"|(?:Agreed\s+and\s+)?(?:[Ss]igned|[Ee]xecuted)\s+(?:for\s+and\s+)?(?:by|on\s+behalf)\b[^\n:]{0,80}:[ \t]*(?=\n))",
)
#: a word every branch of ``_SIGNATURE`` holds on the line its match begins on or the next (授权/代表/签署
#: on the signatory's line): a match can begin only near one (``rx_windows``)
_SIGNATURE_WORDS = ("以下无正文", "Signature", "No further text", "IN WITNESS WHEREOF", "SIGNED", "igned", "xecuted", "Yours",
                    "ccepted",
                    "Agreed", "For", "FOR", "By:", "seal", "| Company", "| Name", "盖章", "签章", "签字", "签约", "公章", "Seal", "Stamp", "立契约", "立合同", "签署", "代表", "授权", "接纳", "接受", "章)", "方):",
                    "---|", "--- |")  # (a Markdown table's rule under a header of the sides)
#: the headings of a Chinese document's parts after the signatures: 附件一, 附表, 附录二, 订单一 (a label starts with one)
ZH_PARTS = ("附件", "附表", "附录", "订单")
_APPENDIX = re.compile(
    rf"{_LINE_START}(?P<name>附件\s*(?P<n>[{_CN}\d]+)|(?:订单|附录|附表)\s*(?P<on>[{_CN}\d]{{1,3}})(?=[ \t:(]|[ \t]*\n)"
    # an order numbered in brackets: "订单（第01号）", "订单(第3号)"
    rf"|订单\s*\(\s*(?:第\s*)?(?P<onum>[{_CN}\d]{{1,3}})\s*号?\s*\)(?=[ \t:]|[ \t]*\n)"
    # an order named by its code in brackets: "订单（编号：AXCX-DD-001）"
    r"|(?:采购|服务|工作)?订单\s*\(\s*(?:订单)?(?:编号|No\.?)\s*:?\s*(?P<ocode>[A-Za-z0-9][A-Za-z0-9\-_/.]{0,30})[^)\n]{0,24}\)(?=[ \t:]|[ \t]*\n)"
    r"|附[表件](?=[ \t]*[:：\n]|[ \t]+\S)|补充(?:条款|协议)(?=[ \t]*\n)|(?:Appendix|Annexure|Annex|Attachment|Schedule|Exhibit|APPENDIX|ANNEXURE|ANNEX|ATTACHMENT|SCHEDULE|EXHIBIT)\s+[\"“'‘]?(?P<en>\d+|[A-Z])\b[\"”'’]?"
    # an unnumbered one after the signatures: "SCHEDULE - WORK PRODUCT TO BE DELIVERED"
    r"|(?:APPENDIX|ANNEXURE|ANNEX|ATTACHMENT|SCHEDULE|EXHIBIT)(?=[ \t]*[-–—:][ \t]*[A-Z])"
    # a Statement of Work after the signatures is a document of its own: "SOW1.2.1"
    r"|(?:Statement\s+of\s+Work|STATEMENT\s+OF\s+WORK|SOW)\s+(?:No\.?|NO\.?|Number|#)?\s*(?P<sow>\d+)\b"
    r"|(?:Order\s+Form|ORDER\s+FORM)(?:\s+(?:No\.?|NO\.?|#)?\s*(?P<of>\d+))?(?=[ \t]*(?:\n|$|[-–—:]))"
    # a change order after the signatures amends the document above it: "CHANGE ORDER No. 1"
    r"|(?:Change\s+Order|CHANGE\s+ORDER)\s+(?:No\.?|NO\.?|Number|#)?\s*(?P<co>\d+)\b"
    # a work order after the master agreement's signatures: "## WORK ORDER 1"
    r"|(?:Work\s+Order|WORK\s+ORDER)\s+(?:No\.?|NO\.?|#)?\s*(?P<wo>\d+)(?=[ \t]*(?:\n|$|[-–—:]))"
    # an addendum signed after the agreement: "SUPPORT ADDENDUM No. 1"
    r"|(?:[A-Z][A-Za-z]*[ \t]+)?(?:Addendum|ADDENDUM)\s+(?:No\.?|NO\.?|#)?\s*(?P<ad>\d+)(?=[ \t]*(?:\n|$|[-–—:])))"
)

#: an appendix heading a text layer glued to the signature line's last date ("日期：2026年5月8日附件：数据处理协议")
_GLUED_APPENDIX = re.compile(r"(?<=\d日)(?P<name>附[件表])(?=[ \t]*[:：])")


def glued_appendices(text: str) -> list[tuple[int, str, str | None]]:
    """The appendix marks glued to a signature line's date, as ``clauses`` marks them. Linear: each line is
    scanned for signature words once, up to its last mark, however many marks it holds."""
    if "日附" not in text:
        return []
    out: list[tuple[int, str, str | None]] = []
    line_start, scanned, signed = -1, 0, False
    for m in _GLUED_APPENDIX.finditer(text):
        if line_start < 0 or text.rfind("\n", scanned, m.start()) >= 0:
            line_start = text.rfind("\n", 0 if line_start < 0 else scanned, m.start()) + 1
            scanned, signed = line_start, False
        if not signed:  # (the words may straddle the last point scanned: look a few characters back)
            signed = any(w in text[max(line_start, scanned - 24):m.start()] for w in _SIGNATURE_WORDS)
            scanned = m.start()
        if signed:
            out.append((m.start(), "appendix", m.group("name")))
    return out


#: a part of a document in parts (政府采购合同: 协议书, 通用条款, 专用条款; "PART 2 GENERAL TERMS"):
#: each part has its own outline, and the text after a signature block goes on when a part follows
_PART = re.compile(rf"{_LINE_START}(?:第\s*[{_CN}\d]{{1,3}}\s*部分|[壹贰貳叁参參肆伍陆陸柒捌玖拾]{{1,2}}\s*[、.．]"
                   rf"|(?:PART|Part)\s+(?:\d{{1,2}}|[IVX]{{1,4}})\b"
                   r"|(?:合同)?(?:通用|专用|一般|特别|特殊)(?:合同)?条款[ \t]*(?=\n)"
                   # "TERMS AND CONDITIONS OF PURCHASE (printed on the reverse of this Order)"
                   r"|(?:(?:GENERAL|STANDARD)\s+)?TERMS\s+AND\s+CONDITIONS\b[^\n]{0,80}(?=\n)"
                   r"|(?:(?:General|Standard)\s+)?Terms\s+and\s+Conditions(?:\s+of\s+[A-Z]?\w+)?[ \t]*(?=\n)"
                   # "GENERAL CONDITIONS" after a schedule of Items: a part with its own numbering
                   r"|(?:GENERAL|STANDARD|SPECIAL)\s+CONDITIONS(?:\s+OF\s+[A-Z]+)?[ \t]*(?=\n)"
                   r"|(?:General|Standard|Special)\s+Conditions(?:\s+of\s+[A-Z]\w+)?[ \t]*(?=\n))")
#: capital numerals of chapters (壹、贰、参): their value
_CAPITAL = re.compile(r"([壹贰貳叁参參肆伍陆陸柒捌玖拾]{1,2})\s*[、.．]")
_CAPITAL_DIGITS = {c: i for i, cs in enumerate(("", "壹", "贰貳", "叁参參", "肆", "伍", "陆陸", "柒", "捌", "玖"), 0) for c in cs}


def _capital(numeral: str) -> int | None:
    """壹 → 1, 拾 → 10, 拾贰 → 12."""
    if numeral == "拾":
        return 10
    if numeral.startswith("拾") and len(numeral) == 2:
        return 10 + _CAPITAL_DIGITS.get(numeral[1], 0)
    return _CAPITAL_DIGITS.get(numeral) if len(numeral) == 1 else None


_LETTER_SECTION = re.compile(r"(?m)^[ \t#*]*(?P<l>[A-H])\.[ \t]+(?=[A-Z][a-z]|[\u4e00-\u9fff])")
_LETTER_ITEM = re.compile(r"(?m)^[ \t#*]*(?P<l>[A-H])(?:\.(?=\d))?(?P<n>\d{1,2})\.?[ \t]")  # B1. or B.1
_WS = re.compile(r"\s*")
_TOC_LINE = re.compile(r"(?:[·.…．‥⋯_\-]{4,}|\t|\s{4,})\s*\d{1,3}\s*$")
_CHAPTER = re.compile(rf"{_LINE_START}第\s*[{_CN}\d]{{1,3}}\s*[章编](?![程节])")

LIST_KINDS = ("paren_cn", "paren_num", "num_dot", "cn_item", "circled", "paren_roman")

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def _fast_finditer(rx: re.Pattern[str], text: str,
                   spans: list[tuple[int, int]] | None = None) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern that opens with ``_FAST_START``: the same matches, tried only
    at the positions the lookahead allows (found by a character-set scan) instead of at every character;
    with ``spans`` (``rx_windows.windows``), only at those inside them, where alone a match can begin."""
    done = 0
    for lo, hi in spans if spans is not None else [(0, len(text))]:
        for pos in chain((0,) if lo == 0 else (), (m.end() for m in _FAST_START_AFTER.finditer(text, max(0, lo - 1), hi))):
            if pos >= done and (m := rx.match(text, pos)):
                yield m
                done = m.end()


def _num(text: str) -> int:
    """A heading's number: figures read at once (50,000 articles are 50,000 distinct ones), the rest remembered."""
    return int(text) if text.isdigit() else _num_words(text)


@lru_cache(maxsize=256)
def _num_words(text: str) -> int:
    if text.upper() in _ROMAN:  # (small figures too: "(iv)")
        return _ROMAN[text.upper()]
    return cn_int(text)


#: a clause numbered by its Roman article, dotted: "III.4 Overdue amounts bear interest…" (article 3, clause 4)
_ROMAN_DOT = re.compile(rf"{_LINE_START}(?P<r>[IVX]{{1,5}})\.(?P<n>\d{{1,2}})(?![\d.])")


#: an article headed by its Roman number: "ARTICLE III - FEES", "Article IV"
_ROMAN_ARTICLE = re.compile(r"(?m)^[ \t#*]*(?:ARTICLE|Article)\s+(?P<r>[IVX]{1,5})\b")


def roman_dotted(text: str) -> list[tuple[int, str, object]]:
    """The "II.3" clause marks, as ``clauses`` marks "2.3": only under articles headed by the same Roman
    number ("ARTICLE II"), so that "V.2 the production release" in an arabic-numbered contract is no clause."""
    if not any(f"{c}." in text for c in "IVX") or ("rticle" not in text and "RTICLE" not in text):
        return []
    headed = {m["r"] for m in _ROMAN_ARTICLE.finditer(text)}
    return [(m.start("r"), "dot2", (_ROMAN[m["r"]], int(m["n"]))) for m in _ROMAN_DOT.finditer(text)
            if m["r"] in _ROMAN and m["r"] in headed]


#: how often one number may recur and still be looked at: a real contract repeats "1.2" in a few
#: cross references and "(1)" once per list; a run of 250,000 "1.1 " is not a contract
_REPEATS = {"dot2": 16, "dot3": 16}


def _cap_repeats(marks: list[tuple[int, str, object]]) -> list[tuple[int, str, object]]:
    counts = Counter(map(itemgetter(1, 2), marks))
    if not counts or max(counts.values()) <= min(_REPEATS.values()):
        return marks  # no number recurs often enough to be capped (one count in C, no step per mark)
    seen: dict[tuple[str, object], int] = {}
    kept = []
    for mark in marks:
        key = (mark[1], mark[2])
        n = seen.get(key, 0)
        if n < _REPEATS.get(mark[1], 64):
            kept.append(mark)
        seen[key] = n + 1
    return kept


#: the heading of an Order Form or SOW printed in the same document as the terms it incorporates
ORDER_WORDS = r"(?:Order\s+Form|ORDER\s+FORM|Statement\s+of\s+Work|STATEMENT\s+OF\s+WORK)"
_ORDER_PART = re.compile(rf"{ORDER_WORDS}\b[^\n]{{0,20}}(?:\n|$)")
#: a clause number at a line's start ("9.1", "> 8.3"); one static pattern, since a pattern per article number
#: would churn ``re``'s cache of 512 and make every other ``re.search(str)`` recompile on a long contract
_CLAUSE_START = re.compile(r"[ \t#>*]*(\d{1,4})\.\d{1,2}(?![\d.])")


def _opens_first_clause(text: str, pos: int, n: int) -> bool:
    """The line after the heading at ``pos`` starts with a clause of article ``n`` ("9. CONFIDENTIALITY" /
    "9.1 …"; an excerpt's "Article 8 Confidentiality" / "8.3 …")."""
    line_end = text.find("\n", pos)
    if line_end < 0:
        return False
    m = _CLAUSE_START.match(text, line_end + 1, line_end + 16)
    return m is not None and int(m.group(1)) == n


def _at_line_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip(" \t#>*-")


def _on_heading(text: str, pos: int) -> bool:
    """The mark at ``pos`` stands on a Markdown heading line ("## 2. Milestones")."""
    return text[text.rfind("\n", 0, pos) + 1:pos + 8].lstrip(" \t").startswith("#")


def _indent(text: str, pos: int) -> int:
    """Columns of white space before ``pos`` on its line (a tab counts 4)."""
    lead = text[text.rfind("\n", 0, pos) + 1:pos]
    white = lead[:len(lead) - len(lead.lstrip(" \t"))]
    return len(white) + 3 * white.count("\t")


def _is_appendix_label(label: str) -> bool:
    """"附件一", "Schedule 1", "SOW1", not one of their items ("Schedule 1.2")."""
    return bool(_APPENDIX_LABEL.fullmatch(label))


_APPENDIX_LABEL = re.compile(r"附件\w*|订单\w*|附录\w+|附表\w*|Work Order \d+|Addendum \d+|(?:Appendix|Annexure|Annex|Attachment|Schedule|Exhibit) \w+|SOW\d+|CO\d+|Order Form(?: \d+)?")
_APPENDIX_LABEL_FIRST = "附订ASEOCW"  # the characters an appendix label starts with (附件 订单 Appendix SOW …); most labels are "4.2"
#: the heading of a model form's filling instructions ("填 写 说 明", "填表说明", "使用说明")
_INSTRUCTIONS = re.compile(r"(?m)^[ \t#*]*(?:填\s*写|填\s*表|使\s*用)\s*说\s*明[ \t*]*[:：]?[ \t]*$")


def instruction_spans(text: str) -> list[tuple[int, int]]:
    """The items of each filling-instructions block: from its heading to the first line below it that is
    not a numbered item (the form's own title or party lines). One scan of the text."""
    spans = []
    for m in _INSTRUCTIONS.finditer(text):
        pos = m.end()
        for _ in range(40):  # a block of at most 40 lines (a bounded walk)
            nl = text.find("\n", pos + 1)
            line = text[pos + 1:nl if nl >= 0 else len(text)]
            if line.strip() and not _ITEM_LINE.match(line):
                break
            if nl < 0:
                pos = len(text)
                break
            pos = nl
        spans.append((m.start(), pos))
    return spans


_ITEM_LINE = re.compile(r"[ \t]*(?:[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[.、]|[(（][一二三四五六七八九十\d]{1,3}[)）])")


def _numbered_first_part(text: str, marks: list[tuple[int, str, object]], art_scheme: dict[int, str]
                         ) -> list[tuple[int, str, object]]:
    """A document in parts whose first part is numbered paragraphs at the margin (a 合同要素表 unfolded
    by ``clause_tables``, a 协议书 of items 1.–N.) before a part with articles of its own (通用条款 第一条…):
    those paragraphs, when they run 1, 2, 3… (four at least), are the first part's articles."""
    first_part = min((pos for pos, k, _ in marks if k == "part"), default=None)  # (the marks are not sorted yet)
    if first_part is None or any(k == "art" and pos < first_part for pos, k, _ in marks):
        return marks
    lead = sorted((pos, n) for pos, k, n in marks if k == "num_dot" and pos < first_part and _indent(text, pos) == 0)
    if len(lead) < 4 or [n for _, n in lead] != list(range(1, len(lead) + 1)):
        return marks
    at = {pos for pos, _ in lead}
    art_scheme.update(dict.fromkeys(at, "np"))
    return [(pos, "art", n) if k == "num_dot" and pos in at else (pos, k, n) for pos, k, n in marks]


PART_OPENERS = ("附件", "附表", "附录", "补充", "订单", "Appendix", "Annex", "Attachment", "Schedule")
_SENTENCE_END = re.compile(r"[。;]")


def has_body(segment_text: str) -> bool:
    """A heading's line goes on with the clause's own words (a sentence, or more than a title's length)."""
    body = segment_text.strip()
    return len(body) > 30 or bool(_SENTENCE_END.search(body))


def _coded_order(code: str, seen: list[str]) -> str:
    """The label of an order named by its code: 订单 for the first code, 订单2, 订单3 for the next ones (two
    orders' clauses must not share labels); the same code again is the same order."""
    if code not in seen:
        seen.append(code)
    n = seen.index(code) + 1
    return "订单" if n == 1 else f"订单{n}"
