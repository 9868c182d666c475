"""The PDF reader: the text layer, running headers and footers dropped, wrapped lines re-joined.

Split from ``readers.py``; ``read_document`` calls ``pdf_text`` for ``.pdf`` files.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections import defaultdict
from typing import Any

from tracker.errors import InputError
from tracker.parse.quiet import quiet_library

# ---------------------------------------------------------------- .pdf

_PAGE_NUMBER = re.compile(
    r"""^(?:
        [-–—‒]?\s*\d{1,4}\s*[-–—‒]?                                   # 2  /  - 2 -
      | \d{1,4}\s*/\s*\d{1,4}                                         # 2/5
      | 第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?           # 第 1 页 共 3 页
      | 第\s*\d{1,4}\s*頁(?:\s*[,，/]?\s*共\s*\d{1,4}\s*頁)?
      | 共\s*\d{1,4}\s*[页頁]\s*第\s*\d{1,4}\s*[页頁]
      | (?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?                # Page 2 of 5
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_EDGE = 3  # lines at the top and at the bottom of a page that may be running headers/footers
_SENTENCE_END = set("。；：！？;:")
_CLOSERS = "”’\"')）」』】〕》"
#: a run of digits: a page-number candidate (one static pattern, not one per page number)
_DIGIT_RUN = re.compile(r"\d+")

# Strong markers only: "(30)", "1." or "a." also start wrapped lines ("thirty\n(30) days"), and
# a real list item after them follows a line that ends in ":" or ";" anyway.
_NEW_CLAUSE = re.compile(
    r"""^(?:
        第\s*[一二三四五六七八九十百零〇两\d]+\s*[条條章节節](?:[\s:：]|$)           # 第一条 项目概述
      | [1-9]\d{0,2}(?:\.\d{1,3})+\.?(?:\s+(?![a-z\d])\S|[^\x00-\x7f])                # 1.1 Title  1.2项目
      | [（(]\s*[一二三四五六七八九十]+\s*[)）]                                      # （一）
      | [一二三四五六七八九十]+、                                                    # 一、
      | (?:Article|ARTICLE|Section|SECTION|Clause|CLAUSE)\s+[\dIVXLC]+(?:\.\d+)*(?:\s+[A-Z]|\s*$|[.:]\s)
      | [-*•·●▪◦‣]\s                                                              # list markers
      | \#{1,6}\s                                                                 # Markdown heading
    )""",
    re.VERBOSE,
)
#: a field line of a cover page: a short label (with its side in brackets) and a colon
_FIELD_LINE = re.compile(r"[\u4e00-\u9fffA-Za-z ]{2,12}(?:[（(][^（）()\n]{1,8}[）)])?\s*[：:]")
_SHORT_LINE = 0.8  # a line narrower than this share of the widest line ended its paragraph


def pdf_text(data: bytes, path: object) -> str:
    """The PDF's text layer, with running headers/footers dropped and wrapped lines re-joined."""
    import pypdf  # lazy: the CLI's --help must not import it
    from pypdf.errors import PyPdfError

    with quiet_library("pypdf"):
        pages = _pdf_pages(pypdf, PyPdfError, data, path)
    if not any(p.strip() for p in pages):
        raise InputError(path, "PDF has no text layer (scanned image?): OCR is needed first")
    lines = _drop_running_lines([[ln.rstrip() for ln in p.split("\n")] for p in pages])
    return "\n".join(_unjustified(ln) for ln in _join_wrapped(lines).split("\n"))  # (after: the widths join lines)


#: a line of justified prose as the text layer spaces it: words one or two spaces apart ("The  Contract  Price  is
#: R1  380  000,00"), never three (columns of a table are), several of the gaps doubled
_DOUBLE_GAP = re.compile(r"(?<=\S)  (?=\S)")
_WIDE_GAP = re.compile(r"\S {3,}\S|\t")


def _unjustified(line: str) -> str:
    """A justified line's doubled gaps as single spaces; any other line as it is (a table's columns stay apart)."""
    if "  " not in line or len(_DOUBLE_GAP.findall(line)) < 3 or _WIDE_GAP.search(line) or len(line.split()) < 8:
        return line
    return _DOUBLE_GAP.sub(" ", line)


def _pdf_pages(pypdf: Any, pdf_error: type[Exception], data: bytes, path: object) -> list[str]:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as e:  # pypdf raises DependencyError for AES without a crypto library
                raise InputError(path, f"PDF is encrypted and cannot be opened ({e})") from None
            if not opened:
                raise InputError(path, "PDF is encrypted with a password; save an unencrypted copy first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except pdf_error as e:
        raise InputError(path, f"not a valid PDF ({_one_line(e)})") from None
    except Exception as e:  # a third-party parser over untrusted bytes: any failure is bad input
        raise InputError(path, f"not a valid PDF ({type(e).__name__}: {_one_line(e)})") from None
    return pages


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:200]


def _mask(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def _drop_running_lines(pages: list[list[str]]) -> list[str]:
    """Drop page numbers at a page's edges, and edge lines that repeat on most pages.

    A repeated line must be identical on each page, or differ only in a number that is the
    page's own number ("Contract TF-01 · page 3") and not start a clause ("Article 3 …" at the
    top of page 3 is content).
    """
    edges: list[set[int]] = []
    for lines in pages:
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        edges.append(set(filled[:_EDGE] + filled[-_EDGE:]))
    n = len(pages)
    exact: dict[str, set[int]] = defaultdict(set)
    numbered: dict[str, set[int]] = defaultdict(set)
    for pno, (lines, edge) in enumerate(zip(pages, edges, strict=True)):
        for i in edge:
            line = lines[i]
            exact[re.sub(r"\s+", "", line)].add(pno)
            if str(pno + 1) in _DIGIT_RUN.findall(line) and not _NEW_CLAUSE.match(line.strip()):
                numbered[_mask(line)].add(pno)

    def repeats(pages_seen: set[int]) -> bool:
        return n >= 2 and len(pages_seen) >= 2 and 2 * len(pages_seen) > n

    out: list[str] = []
    for pno, (lines, edge) in enumerate(zip(pages, edges, strict=True)):
        for i, line in enumerate(lines):
            if i in edge:
                stripped = line.strip()
                if _PAGE_NUMBER.match(stripped) or repeats(exact[re.sub(r"\s+", "", line)]):
                    continue
                if pno in numbered.get(_mask(line), ()) and repeats(numbered[_mask(line)]):
                    continue
            out.append(line)
    return out


def _is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _width(line: str) -> int:
    return sum(2 if _is_cjk(ch) else 1 for ch in line)


def _join_wrapped(lines: list[str]) -> str:
    """Re-join lines that the page layout broke in the middle of a sentence.

    A line joins the next one when it is nearly as wide as the widest line (so it was wrapped,
    not ended), does not end with sentence punctuation, and the next line does not start a
    new clause. CJK text joins without a space, Latin text with one.
    """
    widths = [_width(ln.strip()) for ln in lines if ln.strip()]
    if not widths:
        return ""
    full = max(widths)
    last_width = 0
    out: list[str] = []
    current = ""
    for line in lines:
        line = line.strip()
        if not line:
            if current:
                out.append(current)
                current = ""
            out.append("")
            continue
        if current and _continues(current, line, last_width, full):
            glue = "" if _is_cjk(current[-1]) or _is_cjk(line[0]) or current.endswith("-") else " "
            current += glue + line
        else:
            if current:
                out.append(current)
            current = line
        last_width = _width(line)
    if current:
        out.append(current)
    return "\n".join(out).strip("\n")


def _continues(current: str, nxt: str, last_width: int, full: int) -> bool:
    if last_width < math.floor(_SHORT_LINE * full):
        return False
    end = current.rstrip(_CLOSERS)
    if not end or end[-1] in _SENTENCE_END:
        return False
    if _FIELD_LINE.match(current) and _FIELD_LINE.match(nxt):
        return False  # a cover's fields, one per line ("项目名称：…采购项目" / "采购人（甲方）：…"), however wide
    return not _NEW_CLAUSE.match(nxt)
