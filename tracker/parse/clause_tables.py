"""A contract written as one table: a term sheet's "| No. | Term | Agreed provision |", a key-terms
schedule whose rows are numbered clauses and whose last cell is their prose. Such a table is no fee or
milestone table: each row is a clause. ``unfold`` rewrites its rows in place, character for character
(the offset map and so every quote stay exact), as the numbered paragraphs they are:

    | 6 | **Dialogue Corpus** | Kangning shall deliver …<br>Qianxun shall return … |
    6.    **Dialogue Corpus** : Kangning shall deliver …\n   Qianxun shall return …

The same for a Chinese 合同要素表 (``| 序号 | 要素 | 约定内容 |``): ``7. 甲方提供训练数据:2026年11月13日前提供…``,
the element's name before its provision as a cover field is written (its actor, often, is in the name)."""

from __future__ import annotations

import re

from tracker.parse import lexicon_zh
from tracker.parse.normalize import Normalized

_TABLE = re.compile(r"(?m)^[ \t]*\|[^\n]*\|[ \t]*\n[ \t]*\|[ \t:|-]*-{2,}[ \t:|-]*\|?[ \t]*\n(?:[ \t]*\|[^\n]*\n?)+")
_NUMBER = re.compile(r"[ \t]*\*{0,2}(\d{1,2})\.?\*{0,2}[ \t]*")
_DUTY = re.compile(r"\b(?:shall|will|must|agrees?\s+to)\b", re.I)
_DUTY_ZH = re.compile(lexicon_zh.CLAUSE_TABLE_DUTY)
_BR = re.compile(r"<br\s*/?>", re.I)
#: a cell of sentences, not a value: a full stop followed by another sentence, or a line break
_SENTENCES = re.compile(r"[a-z)]\.\s+[A-Z]|<br", re.I)
#: a Chinese clause table's header: its last column holds the provisions (约定内容, 条款内容), no column a sum or share
_ZH_CLAUSE_HEADER = re.compile(r"(?![^\n]*(?:金额|比例|付款|支付|价款|费用))[^\n]*\|[^|\n]*(?:内容|约定|条款|说明|详情|规定)[^|\n]*")
#: how many body rows a clause table has at least, and how long a prose cell is
MIN_ROWS = 4
PROSE = 60
PROSE_ZH = 16  # (a Chinese character says what four Latin ones say)


def unfold(norm: Normalized) -> Normalized:
    """``norm`` with every clause table rewritten as numbered paragraphs."""
    if "|" not in norm.text:
        return norm
    zh = norm.language != "en"
    text = norm.text
    out: list[str] | None = None
    for m in _TABLE.finditer(text):
        rows = _rows(text, m.start(), m.end())
        if not _is_clause_table(text, rows[2:], zh) or (zh and not _ZH_CLAUSE_HEADER.fullmatch("|".join(_cells(text, rows[0][2])))):
            continue  # (a Chinese table's header names its prose column: not a 付款节点 | 付款条件 schedule)
        out = out if out is not None else list(text)
        for i, (a, b, pipes) in enumerate(rows):
            if i < 2:  # the header and the rule under it: their bars become spaces
                for p in pipes:
                    out[p] = " "
                if i == 1:
                    out[a:b] = " " * (b - a)
                continue
            _unfold_row(text, out, a, pipes, zh)
    if out is None:
        return norm
    return Normalized(norm.original, "".join(out), norm.index, norm.language)


def _rows(text: str, start: int, end: int) -> list[tuple[int, int, list[int]]]:
    """(line start, line end, the positions of its bars) for each line of the table."""
    rows = []
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        line = text[pos:stop]
        if line.strip():
            rows.append((pos, stop, [pos + i for i, ch in enumerate(line) if ch == "|"]))
        pos = stop + 1
    return rows


def _cells(text: str, pipes: list[int]) -> list[str]:
    return [text[pipes[i] + 1:pipes[i + 1]] for i in range(len(pipes) - 1)]


def _is_clause_table(text: str, body: list[tuple[int, int, list[int]]], zh: bool) -> bool:
    """Numbered rows of two or three cells whose last cell is prose, several of them stating a duty."""
    if len(body) < MIN_ROWS:
        return False
    numbered = prose = duties = 0
    for _, _, pipes in body:
        cells = _cells(text, pipes)
        if not 2 <= len(cells) <= 3:
            return False
        numbered += len(cells) == 3 and _NUMBER.fullmatch(cells[0]) is not None
        last = _BR.sub(" ", cells[-1]).strip()
        prose += len(last) >= (PROSE_ZH if zh else PROSE)
        duties += (_DUTY_ZH if zh else _DUTY).search(last) is not None
    return numbered == len(body) and prose * 2 >= len(body) and duties >= 2


def _unfold_row(text: str, out: list[str], a: int, pipes: list[int], zh: bool) -> None:
    number = _NUMBER.fullmatch(text, pipes[0] + 1, pipes[1])
    assert number is not None  # (checked by _is_clause_table)
    head = number.group(1) + "."
    out[a:pipes[1] + 1] = head + " " * (pipes[1] + 1 - a - len(head))  # "| 6 |" → "6.   " from the margin
    last = text[pipes[-2] + 1:pipes[-1]]
    # the term's name, then its provision: on a line of its own when it is prose (its sentences are the
    # clause's), after a colon when it is a value ("Project: Kangning Triage Assistant"); a Chinese
    # element's name is often the provision's subject (甲方提供训练数据): a colon
    out[pipes[2]] = ":" if zh or not (_DUTY.search(last) or _SENTENCES.search(last)) else "\n"
    out[pipes[-1]] = " "
    for br in _BR.finditer(text, pipes[2], pipes[-1]):  # a line break inside the cell: a sentence of its own
        out[br.start():br.end()] = "\n" + " " * (br.end() - br.start() - 1)
