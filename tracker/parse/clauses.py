"""Clause segmentation: which clause number ("4.2", "附件一.3") each part of the text belongs to.

Works on the normalised text (Simplified, half-width). Recognised numbering:

- articles: 第一条 / 第1条 (also inside ``## `` headings), 一、 at a line start, Article/Section N;
- an outline stack under each article: every numbering style (1.1 dotted, （一）, （1）/(1), 1. / 1、,
  ①, 一、 under 第X条) opens a level under the innermost open one when it starts at 1, the next
  number of an open level closes the levels below it, and only the first level under the article
  gives the clause number ("4.2"); deeper levels are list items of that clause. A new article
  starts a fresh outline, so article 3 may use 1.1 and article 4 （一）;
- the first 第N条 heading at a line start may have any number (an excerpt, a supplement); a numbered title
  line ``1. 技术服务的内容`` followed by ``1.1`` is article 1's heading; 4.2.1 third-level dotted numbers;
- the signature block (clause ``None``), appendices after it (附件一 → "附件一.N", 订单（第01号） → "订单01.N").

Numbers must run in sequence, so cross references ("在1.2条中", "第一条第（二）项") and dates ("2025.8.31") are
not mistaken for headings, even in a one-line web scrape.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import cast

from tracker.parse.appendix_outline import nest_appendices
from tracker.parse.clause_marks import (  # the marks a clause number or a part of a document is written with
    _ALPHA_DOT,
    _APPENDIX,
    _ARTICLE,
    _CAPITAL,
    _CHAPTER,
    _CIRCLED,
    _CN,
    _LETTER_ITEM,
    _LETTER_SECTION,
    _NUM_DOT,
    _ORDER_PART,
    _PAREN_CN,
    _PAREN_NUM,
    _PAREN_ROMAN,
    _PART,
    _REPEATS,
    _SIGNATURE,
    _SIGNATURE_WORDS,
    _TITLE_LINE,
    _TOC_LINE,
    _WS,
    LIST_KINDS,
    PART_OPENERS,
    ZH_PARTS,
    _at_line_start,
    _cap_repeats,
    _capital,
    _coded_order,
    _fast_finditer,
    _indent,
    _num,
    _numbered_first_part,
    _on_heading,
    _opens_first_clause,
    dotted_matches,
    glued_appendices,
    has_body,
    instruction_spans,
    roman_dotted,
)
from tracker.parse.key_terms import key_terms_marks
from tracker.parse.paragraphs import UNNUMBERED, body_paragraphs
from tracker.parse.rx_windows import windows
from tracker.record import record


@record(frozen=True)
class Segment:
    """One clause of the text: its label ("3.2") and character span."""
    label: str | None
    start: int
    end: int
    heading: bool = False  # an article heading line ("第一条 项目概述")


@record(frozen=True)
class Clauses:
    """The clauses of a text, in order, with the label at any position."""
    segments: tuple[Segment, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [s.start for s in self.segments])
        object.__setattr__(self, "_by_label", {s.label: s for s in reversed(self.segments) if s.label is not None})  # first wins

    def label_at(self, pos: int) -> str | None:
        i = bisect_right(self._starts, pos) - 1  # type: ignore[attr-defined]
        return self.segments[i].label if i >= 0 else None

    def of_label(self, label: str) -> Segment | None:
        """The first segment labelled ``label`` (a lookup, not a scan: rules ask per unit)."""
        return self._by_label.get(label)  # type: ignore[attr-defined,no-any-return]

    def labelled(self) -> list[Segment]:
        return [s for s in self.segments if s.label is not None]


def segment(text: str, whole: bool = True) -> Clauses:
    """Split normalised text into clause segments (``whole``: the document, not a part of it)."""
    marks: list[tuple[int, str, object]] = []  # (pos, kind, payload)
    art_scheme: dict[int, str] = {}
    titles = False  # a "1. 技术服务的内容" title line opening clause 1.1 was seen
    for m in _fast_finditer(_ARTICLE, text):
        raw = m.group("n") or m.group("cn") or m.group("en") or m.group("md") or m.group("up") or m.group("ot") \
            or m.group("rh") or m.group("sec")
        try:
            value = _num(raw)
        except ValueError:
            continue
        line_end = text.find("\n", m.end())
        rest = text[m.end():line_end if line_end >= 0 else min(len(text), m.end() + 200)]
        if rest.rstrip()[-1:].isdigit() and _TOC_LINE.search(rest):  # (an entry ends with its page number)
            continue  # "第一条 项目概述 ······ 1": a table-of-contents entry, not the article
        titles = titles or m.group("ot") is not None
        kind_of = "di" if m.group("n") else "cn" if m.group("cn") else "en" if m.group("en") else "rh" if m.group("rh") else "md"
        art_scheme[m.start()] = kind_of
        # 一、 items carry their number as a tuple so they can become second-level items later
        marks.append((m.start(), "art", ("cn", value) if kind_of == "cn" else value))
    if titles:
        titled = {p for p, _, _ in marks}
        for m in _TITLE_LINE.finditer(text):
            if m.start() not in titled:
                art_scheme[m.start()] = "md"
                marks.append((m.start(), "art", int(m["ot"])))
    seen: dict[str, int] = {}
    for m in dotted_matches(text):  # _DOT3's and _DOT2's matches in one scan (they never overlap), then a-b
        key = m.group(0)
        seen[key] = seen.get(key, 0) + 1
        if m["c"] is not None:
            if seen[key] <= _REPEATS["dot3"]:  # cap repeats while scanning: no 250,000-tuple list
                marks.append((m.start(), "dot3", (int(m["a"]), int(m["b"]), int(m["c"]))))
        elif seen[key] <= _REPEATS["dot2"]:
            marks.append((m.start(), "dot2", (int(m["a"]), int(m["b"]))))
    marks += roman_dotted(text)
    for m in _CIRCLED.finditer(text) if "①" in text else ():
        marks.append((m.start("n"), "circled", ord(m["n"]) - ord("①") + 1))
    roman = ((_PAREN_ROMAN, "paren_roman"),) if "(ii)" in text else ()  # an "(i)" alone may be a letter: "(h)", "(i)"
    for rx, kind in ((_PAREN_CN, "paren_cn"), (_PAREN_NUM, "paren_num"), (_NUM_DOT, "num_dot"), *roman):
        for m in rx.finditer(text):
            try:
                marks.append((m.end() - len(m.group(0).lstrip(" \t#>*-")), kind, _num(m["n"])))
            except ValueError:
                continue
    for m in _ALPHA_DOT.finditer(text):
        marks.append((m.end() - len(m.group(0).lstrip(" \t#>*-")), "alpha_dot", (m["l"], int(m["n"]))))
    for m in _PART.finditer(text) if "部分" in text or "条款" in text or "art" in text or "ART" in text or "erms" in text \
            or "ERMS" in text or "壹" in text or "ONDITIONS" in text or "onditions" in text else ():
        capital = _CAPITAL.match(m.group(0).lstrip(" \t#>*-"))
        marks.append((m.end() - len(m.group(0).lstrip(" \t#>*-")), "part", _capital(capital.group(1)) if capital else None))
    for m in _CHAPTER.finditer(text):
        marks.append((m.end() - len(m.group(0).lstrip(" \t#>*-")), "chapter", None))
    for m in _fast_finditer(_SIGNATURE, text, windows(text, _SIGNATURE_WORDS)):
        marks.append((m.start() + len(m.group(0)) - len(m.group(0).lstrip()), "sig", None))
    coded: list[str] = []  # the codes of the orders named by code, in text order
    for m in _APPENDIX.finditer(text):
        name = m.group("name")
        label = re.sub(r"\s+", "", name) if m.group("n") or m.group("on") else f"订单{m['onum']}" if m.group("onum") \
            else _coded_order(m["ocode"], coded) if m.group("ocode") \
            else f"SOW{m['sow']}" if m.group("sow") else f"CO{m['co']}" if m.group("co") \
            else f"Work Order {m['wo']}" if m.group("wo") else f"Addendum {m['ad']}" if m.group("ad") \
            else "Order Form" + (f" {m['of']}" if m.group("of") else "") if name[0] in "Oo" \
            else re.sub(r"\s+", " ", re.sub(r"[\"“”'‘’]", "", name)).title()  # Schedule “B” → Schedule B
        marks.append((m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t#>*-")), "appendix", label))
    marks += glued_appendices(text) + key_terms_marks(text)
    arts = [pos for pos, k, _ in marks if k == "art"]
    # sections lettered "A. Project", "B. Customer Inputs" with items "B1.", "B2.": letters are articles;
    # before numbered articles (an Order Form's sections, then the MSA printed below it), a part of their own
    upto = min(arts) if arts else len(text)
    letters = [m for m in _LETTER_SECTION.finditer(text, 0, upto)  # titled: "A. Subscription", not a recital's sentence
               if len(text[m.end():(text.find("\n", m.end()) + 1 or len(text) + 1) - 1]) <= 60] if "A." in text[:upto] else []
    if len(letters) >= 2 and letters[0].group("l") == "A":
        marks += [(m.start("l"), "art", ord(m.group("l")) - 64) for m in letters]
        marks += [(m.start("l"), "dot2", (ord(m.group("l")) - 64, int(m.group("n"))))
                  for m in _LETTER_ITEM.finditer(text, 0, upto)]
        art_scheme.update({m.start("l"): "en" for m in letters})
        if arts and upto > 0:
            marks.append((upto - 1, "part", None))  # the numbered document after them starts its own outline
    if not any(k == "art" for _, k, _ in marks) and not any(k == "dot2" and _at_line_start(text, pos) for pos, k, _ in marks):
        # numbered paragraphs with no headings ("1. The Contractor will…", "2. This agreement…"): the
        # paragraphs at the margin are the document's articles
        marks = [(pos, "art", n) if k == "num_dot" and _indent(text, pos) == 0 else (pos, k, n) for pos, k, n in marks]
        art_scheme.update({pos: "np" for pos, k, _ in marks if k == "art"})
    marks = _numbered_first_part(text, marks, art_scheme)
    if "说明" in text and (blocks := instruction_spans(text)):  # a model form's filling instructions (填写说明 一、…) are no articles
        starts = [a for a, _ in blocks]
        marks = [mk for mk in marks if (i := bisect_right(starts, mk[0]) - 1) < 0 or mk[0] >= blocks[i][1]]
    marks.sort(key=lambda t: (t[0], t[1] != "art"))
    marks = _cap_repeats(marks)

    #: (label, start, heading) of each segment opened; a segment ends where the next one starts (the
    #: Segments are built once at the end, not again each time the next one closes them)
    opened: list[tuple[str | None, int, bool]] = [(None, 0, False)]
    article = 0
    #: the outline under the current article: (numbering kind, number, indent) per open level;
    #: level 0 gives the clause number ("4.2"), deeper levels are list items of that clause
    stack: list[tuple[str, int, int]] = []
    dotted = False  # the document numbers its clauses 1.1, 2.1…: "3.1" opens article 3
    in_signature = False
    appendix: str | None = None
    appendix_item = 0
    appendix_heads = False  # (its items are heading lines)
    art_hashed = False  # the open article's heading is a Markdown heading ("## 2. Milestones")
    last_pos = -1

    def open_segment(pos: int, label: str | None, heading: bool = False) -> None:
        if pos <= opened[-1][1]:
            opened[-1] = (label, opened[-1][1], heading)
            return
        opened.append((label, pos, heading))

    sig_marks = [pos for pos, k, _ in marks if k == "sig"]  # (sorted: the marks are)
    article_has_body = False  # "第12条 本合同…（一）…（二）…": items are list items of article 12
    part_start = False  # a part heading was just seen: its outline may start again at 1
    scheme: str | None = None  # how articles are numbered: "di" (第X条), "cn" (一、), "en", "md"
    for pos, kind, payload in marks:
        if pos <= last_pos:  # one mark per position: "1. PROJECT OVERVIEW" is an article, not also item 1.
            continue
        if kind == "art" and scheme == "di" and isinstance(payload, tuple):
            kind, payload = "cn_item", payload[1]  # 一、 inside 第X条 articles is the second level
        elif isinstance(payload, tuple) and kind == "art":
            payload = payload[1]
        if kind == "appendix" and not in_signature and article >= 1 and _ORDER_PART.match(text, pos) \
                and bisect_right(sig_marks, pos) < len(sig_marks):
            kind = "part"  # an Order Form or SOW printed after the MSA's terms, above the signatures: a part of its own
        if kind == "part":  # a new part: its own outline, and the body goes on after a signature block
            in_signature, appendix, part_start, dotted = False, None, True, False
            stack.clear()
            open_segment(pos, None, heading=True)
            last_pos = pos
            continue
        if kind == "keyterms":  # 合同条款前附表: its numbered rows are clauses 前附表.N (key_terms)
            appendix, appendix_item, last_pos = str(payload), 0, pos
            open_segment(pos, appendix, heading=True)
            continue
        if kind == "appendix" and (in_signature or article >= 1):
            if not in_signature and not text.startswith(PART_OPENERS, pos):
                continue
            # an appendix heading only counts after the body (signature block seen)
            if not in_signature:
                continue
            appendix, appendix_item = str(payload), 0
            open_segment(pos, appendix, heading=True)
            last_pos = pos
            continue
        if appendix is not None:
            if kind == "alpha_dot" and appendix.endswith(" " + payload[0]):  # type: ignore[index]
                kind, payload = "num_dot", payload[1]  # type: ignore[index]
            if kind in LIST_KINDS or kind == "dot2" or (kind == "art" and text[pos:pos + 1] in _CN):
                n = payload[1] if kind == "dot2" else payload  # type: ignore[index]
                # an appendix numbered by headings ("## 2. Milestones") keeps its plain "3." items as list items
                heads = _on_heading(text, pos)
                if isinstance(n, int) and n == appendix_item + 1 and (n == 1 or heads == appendix_heads):
                    appendix_item, appendix_heads = n, heads
                    open_segment(pos, f"{appendix}.{n}")
                    last_pos = pos
            continue
        if in_signature:
            continue
        if kind == "chapter":
            open_segment(pos, None, heading=True)  # 第一章: a title above articles numbered straight through
            last_pos = pos
            continue
        if kind == "sig":
            if article >= 1:
                in_signature = True
                open_segment(pos, None)
                last_pos = pos
            continue
        if kind == "art":
            n = payload
            hashed = _on_heading(text, pos)
            if art_scheme.get(pos) == "rh" and art_hashed and not hashed and not part_start:
                continue  # "3. **Pilot Model.** …" under "## 2. Milestones": a list item, not article 3
            # the first article may have any number (an excerpt, a supplement that starts at 第三条)
            # when it is a 第N条 heading at a line start or a Markdown heading ("## 二、批次安排")
            first = (article == 0 or part_start) and (n == 1 or ((art_scheme.get(pos) == "di" or hashed) and _at_line_start(text, pos))
                                                      or (isinstance(n, int) and _opens_first_clause(text, pos, n)))
            # an excerpt that skips articles ("6. TERM" … "9. CONFIDENTIALITY"): a jump forward counts when
            # the next line opens a clause of that article ("9.1", "8.3")
            jump = isinstance(n, int) and 1 <= article < n <= article + 9 and _opens_first_clause(text, pos, n)
            if isinstance(n, int) and (n == article + 1 or first or jump):
                if scheme is None:
                    scheme = art_scheme.get(pos, "di")
                article, part_start, art_hashed = n, False, hashed
                stack.clear()
                head = _WS.match(text, pos).end() - pos  # type: ignore[union-attr]  # no copy of the rest of the text
                line_end = text.find("\n", pos + head)
                article_has_body = has_body(text[pos + head:line_end if line_end >= 0 else len(text)]) and scheme == "di"
                open_segment(pos, str(n), heading=True)
                # "## 1. Definitions": the heading's own number is not also item 1. of the article
                last_pos = pos + len(text[pos:pos + 12]) - len(text[pos:pos + 12].lstrip(" \t#>*-"))
            continue
        if (article == 0 or part_start) and kind == "dot2":
            a, b = cast("tuple[int, int]", payload)
            # a document with dotted clauses but no article headings; a part of special conditions
            # that numbers its clauses after the general conditions' ("2.1", "2.4", "4.1")
            if (b == 1 and a == 1) or (part_start and _at_line_start(text, pos)):  # (a part may list 2.3, 5.1…)
                article, dotted, part_start = a, True, False
                stack[:] = [("dot2", b, 0)]
                open_segment(pos, f"{a}.{b}")
                last_pos = pos
                continue
        if article == 0:  # (a dotted 1.1 that opens a document was read just above)
            continue
        sub = stack[0][1] if stack else 0  # the open second-level number
        if kind == "dot2":
            a, b = cast("tuple[int, int]", payload)
            # an excerpt skips numbers ("1.1, 2.3, 3.4, 10.2"): a later one at a line start after a dotted clause
            # (not N.1: not a quantity a wrapped line starts with, "2.5倍"); tested only for a number that could be one
            jumps = (a == article and b > sub + 3) or (article < a <= article + 5 and not (b == 1 and a == article + 1))
            excerpt = jumps and opened[-1][0] is not None and "." in opened[-1][0] and _at_line_start(text, pos) \
                and (b == 1 or not _QUANTITY_AFTER.match(text, pos + len(f"{a}.{b}")))
            if dotted and ((b == 1 and a == article + 1) or (excerpt and article < a <= article + 5)):
                article = a  # next article without a heading of its own
                stack[:] = [("dot2", b, 0)]
                open_segment(pos, f"{a}.{b}")
                last_pos = pos
                continue
            if a != article or b <= sub or b > sub + (9 if excerpt else 3) or (stack and stack[0][0] != "dot2"):
                continue
            dotted = True
            stack[:] = [("dot2", b, 0)]  # deeper list items end with their clause
            open_segment(pos, f"{a}.{b}")
            last_pos = pos
            continue
        if kind == "dot3":
            a, b, c = cast("tuple[int, int, int]", payload)
            if stack and stack[0][0] == "dot2" and a == article and sub <= b <= sub + 1:
                stack[:] = [("dot2", b, 0)]
                open_segment(pos, f"{a}.{b}.{c}")
                last_pos = pos
            continue
        if kind in LIST_KINDS and not article_has_body and isinstance(payload, int):
            n, indent = payload, _indent(text, pos)
            depth = next((d for d, level in enumerate(stack) if level[0] == kind), None)
            if depth is not None:
                # the next number of an open level, not indented under it ("3." under "2." is an
                # item of clause 2, however its number runs): close the levels below it
                if n == stack[depth][1] + 1 and indent <= stack[depth][2]:
                    del stack[depth + 1:]
                    stack[depth] = (kind, n, stack[depth][2])
                    if depth == 0:
                        open_segment(pos, f"{article}.{n}")
                        last_pos = pos
            elif n == 1:
                stack.append((kind, 1, indent))  # a new level under the innermost open one
                if len(stack) == 1:
                    open_segment(pos, f"{article}.1")
                    last_pos = pos
    # An article segment is a heading only when it holds no more than a title ("第七条 违约责任");
    # "第12条 本合同服务费用总额为…" (articles numbered straight through) is a clause of its own.
    ends = [start for _, start, _ in opened[1:]] + [len(text)]
    final = [
        Segment(label, start, end, False)
        if heading and label and not label.startswith(ZH_PARTS) and has_body(text[start:end])
        else Segment(label, start, end, heading)
        for (label, start, heading), end in zip(opened, ends, strict=True)
    ]
    chapters = [(pos, n) for pos, kind, n in marks if kind == "part" and isinstance(n, int)]
    if chapters:  # 壹、 贰、 chapters, each numbering its articles from 一、: "贰.3" is chapter 2's article 3
        starts = [p for p, _ in chapters]
        final = [Segment(f"{chapters[i][1]}.{sg.label}", sg.start, sg.end, sg.heading)
                 if sg.label and sg.label[0].isdigit() and (i := bisect_right(starts, sg.start) - 1) >= 0 else sg
                 for sg in final]
    if whole and not any(sg.label for sg in final):  # no clause numbers at all: its paragraphs are its clauses
        cut = [piece for sg in final for piece in body_paragraphs(text, sg.start, sg.end)]
        final = [Segment(f"{UNNUMBERED}{i}" if body else None, a, b, False)
                 for i, (a, b, body) in enumerate(cut, 1)] or final
    return Clauses(tuple(nest_appendices(text, final)))


_QUANTITY_AFTER = re.compile(r"\d|[倍万亿千百元个%‰天日年月折分米吨秒时周份台套小]")  # "2.5倍", "1.5万元", "3.5%"
