"""Readers: a contract file (.txt, .md, .docx, .pdf) → one ``Document`` with its text.

Every quote the parser reports must be a verbatim substring of ``Document.text``, so the
readers change as little as they can: text files keep everything but the BOM and the line
ends; a .docx paragraph becomes exactly one line (content controls, insertions, hyperlinks
included; deletions left out; automatic numbering rendered in front, as Word shows it); a PDF loses only its running headers, footers and page
numbers, and the line breaks the layout put in the middle of sentences.

pypdf is imported only when a PDF is read (the CLI's ``--help`` must stay light).
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from tracker.errors import InputError
from tracker.parse.docx_numbering import Numbering
from tracker.parse.docx_zip import parse_part
from tracker.parse.quiet import quiet_library

MAX_BYTES = 20 * 1024 * 1024
# The most text one document may hand to the parser (after reading): a hard cap on the work of
# one parse (about 3 s per million characters); a real contract has well under 200,000.
MAX_TEXT_CHARS = 6_000_000
FORMATS = {".txt": "txt", ".md": "md", ".docx": "docx", ".pdf": "pdf"}
SUPPORTED = ", ".join(FORMATS)


@dataclass(frozen=True)
class Document:
    """A contract file's text, format and raw bytes (``data`` is what ``source.sha256`` hashes)."""

    text: str  # the document text; quotes are verbatim substrings of this
    format: str  # "txt" | "md" | "docx" | "pdf"
    data: bytes  # the raw file bytes (for sha256)


def read_document(path: str | Path) -> Document:
    """Read one contract file; every problem is an ``InputError`` naming the file."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except OSError as e:
        raise InputError(path, f"cannot read file ({e.strerror or e})") from None
    if p.is_dir():
        raise InputError(path, "is a directory, not a contract file")
    fmt = FORMATS.get(p.suffix.lower())
    if fmt is None:
        shown = f"'{p.suffix}'" if p.suffix else "(no extension)"
        raise InputError(path, f"unsupported file type {shown}; supported: {SUPPORTED}")
    if st.st_size > MAX_BYTES:
        raise InputError(
            path,
            f"file is too large ({st.st_size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB)",
        )
    if st.st_size == 0:
        raise InputError(path, "file is empty (0 bytes)")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read file ({e.strerror or e})") from None
    if len(data) > MAX_BYTES:  # grew between stat and read
        raise InputError(path, f"file is too large (the limit is {MAX_BYTES // 1024 // 1024} MB)")

    if fmt in ("txt", "md"):
        text = decode_text(data, path)
    elif fmt == "docx":
        text = docx_text(data, path)
    else:
        text = pdf_text(data, path)
    if not text.strip():
        if fmt == "pdf":
            raise InputError(path, "PDF has no text layer (scanned image?): OCR is needed first")
        raise InputError(
            path, "file is empty (only whitespace)" if fmt in ("txt", "md") else "document has no text"
        )
    return Document(text=text, format=fmt, data=data)


def check_text_size(text: str, path: object) -> None:
    """``InputError`` when a document's text is beyond ``MAX_TEXT_CHARS``."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(path, f"document text is too long ({len(text):,} characters; "
                               f"the limit is {MAX_TEXT_CHARS:,})")


# ---------------------------------------------------------------- plain text

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_text(data: bytes, path: object) -> str:
    """Bytes of a .txt/.md file → text with LF line ends.

    UTF-8 (BOM stripped), UTF-16 with a BOM, else strict UTF-8, else strict GB18030 (a superset
    of GBK, what Chinese Windows tools save). Binary data is refused. Nothing but the BOM and
    the line ends is changed.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as e:
                raise InputError(
                    path, f"invalid {encoding.upper()} text at byte {e.start + len(bom)}"
                ) from None
            break
    else:
        if b"\x00" in data:
            raise InputError(path, "looks like binary data, not text (NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise InputError(
                    path, "not text in a known encoding (tried UTF-8, UTF-16 with BOM, GB18030)"
                ) from None
    if _looks_binary(text):
        raise InputError(path, "looks like binary data, not text (control or unassigned characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    """NUL characters, or over 5% control, unassigned, private-use or surrogate characters.

    Tab, line ends and form feed are text; random bytes behind a BOM decode to UTF-16 full of
    unassigned and private-use code points, which this catches too.
    """
    if "\x00" in text:
        return True
    # one category lookup per distinct character (a contract has a few hundred), not per character
    odd = sum(
        n for ch, n in Counter(text).items()
        if ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")
    )
    return odd > 0.05 * len(text)


# ---------------------------------------------------------------- .docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Inline elements whose content is not the document's current text.
_SKIP_INLINE = {_W + n for n in ("del", "moveFrom", "pPr", "rPr", "instrText", "delInstrText", "fldData")}


def docx_text(data: bytes, path: object) -> str:
    """word/document.xml → text: one line per paragraph, one line per table row (cells joined by tab)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            try:
                info = z.getinfo("word/document.xml")
            except KeyError:
                raise InputError(path, "not a valid .docx (no word/document.xml in the archive)") from None
            root = _xml_part(z, info, path)
            parts = _part_targets(z, path)
            lists = _optional_part(z, parts.get("numbering", "word/numbering.xml"), path)
            has_lists = lists is not None and lists.find(_W + "num") is not None
            styles = _optional_part(z, parts.get("styles", "word/styles.xml"), path) if has_lists else None
            numbering = Numbering(lists, styles)
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, OSError,
            ValueError, RuntimeError) as e:  # a mangled central directory: "negative seek value"
        raise InputError(path, f"not a valid .docx ({e or 'not a zip archive'})") from None
    except Exception as e:  # zlib, expat or numbering oddities: any failure on these bytes is bad input
        raise InputError(path, f"not a valid .docx ({type(e).__name__})") from None
    body = root.find(_W + "body")
    if body is None:
        raise InputError(path, "not a valid .docx (word/document.xml has no w:body)")
    try:
        return "\n".join(_block_lines(body, numbering))
    except RecursionError:  # depth is bounded by docx_zip.MAX_DEPTH; this is the backstop
        raise InputError(path, "not a valid .docx (nested too deeply)") from None


def _xml_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, path: object) -> ElementTree.Element:
    return parse_part(z, info, path)  # stream-decompressed, bounded, no DTD (tracker.parse.docx_zip)


def _optional_part(z: zipfile.ZipFile, name: str, path: object) -> ElementTree.Element | None:
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    return _xml_part(z, info, path)


_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _part_targets(z: zipfile.ZipFile, path: object) -> dict[str, str]:
    """The document's numbering and styles parts, as its relationships name them ("word/numbering.xml")."""
    try:
        info = z.getinfo("word/_rels/document.xml.rels")
    except KeyError:
        return {}
    out: dict[str, str] = {}
    for rel in _xml_part(z, info, path).iter(_RELS + "Relationship"):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if kind in ("numbering", "styles") and target and rel.get("TargetMode") != "External":
            out[kind] = posixpath.normpath(target.lstrip("/") if target.startswith("/") else f"word/{target}")
    return out


def _block_lines(container: ElementTree.Element, numbering: Numbering) -> Iterator[str]:
    """Lines of the block-level content of a body, cell, content control or text box.

    A paragraph with automatic numbering starts with the label Word shows for it ("第一条 ",
    "4.2 "): the clause numbers of such documents are in no ``w:t``.
    """
    for el in container:
        tag = el.tag
        if tag == _W + "p":
            extra: list[str] = []
            label = numbering.label(el) if numbering else ""
            yield label + "".join(_inline_text(el, extra, numbering))
            yield from extra  # text boxes anchored in the paragraph, after it
        elif tag == _W + "tbl":
            yield from _table_lines(el, numbering)
        elif tag == _W + "sdt":
            content = el.find(_W + "sdtContent")
            if content is not None:
                yield from _block_lines(content, numbering)
        elif tag in (_W + "customXml", _W + "ins", _W + "moveTo", _W + "smartTag"):
            yield from _block_lines(el, numbering)
        elif tag == _MC + "AlternateContent":
            yield from _block_lines(_chosen(el), numbering)


def _table_lines(tbl: ElementTree.Element, numbering: Numbering) -> Iterator[str]:
    for tr in _rows(tbl):
        cells = [" ".join(_block_lines(tc, numbering)) for tc in _cells(tr)]
        yield "\t".join(cells)


def _rows(el: ElementTree.Element) -> Iterator[ElementTree.Element]:
    for child in el:
        if child.tag == _W + "tr":
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml", _W + "sdtContent"):
            yield from _rows(child)


def _cells(el: ElementTree.Element) -> Iterator[ElementTree.Element]:
    for child in el:
        if child.tag == _W + "tc":
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml", _W + "sdtContent"):
            yield from _cells(child)


def _chosen(alt: ElementTree.Element) -> ElementTree.Element:
    """mc:AlternateContent holds the same content twice: read the first choice (else the fallback)."""
    for child in alt:
        if child.tag in (_MC + "Choice", _MC + "Fallback"):
            return child
    return alt


def _inline_text(el: ElementTree.Element, extra: list[str], numbering: Numbering) -> Iterator[str]:
    """Text of a paragraph's runs in document order; text-box paragraphs go to ``extra``."""
    for child in el:
        tag = child.tag
        if tag == _W + "t":
            yield child.text or ""
        elif tag == _W + "tab" or tag == _W + "ptab":
            yield "\t"
        elif tag in (_W + "br", _W + "cr"):
            yield " "  # a manual line break stays inside the paragraph's one line
        elif tag == _W + "noBreakHyphen":
            yield "-"
        elif tag == _W + "sym":
            yield _symbol(child)
        elif tag in _SKIP_INLINE:
            continue
        elif tag == _W + "txbxContent":
            extra.extend(_block_lines(child, numbering))
        elif tag == _MC + "AlternateContent":
            yield from _inline_text(_chosen(child), extra, numbering)
        else:  # runs, content controls, insertions, hyperlinks, smart tags, fields, drawings …
            yield from _inline_text(child, extra, numbering)


def _symbol(sym: ElementTree.Element) -> str:
    code = sym.get(_W + "char") or ""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:  # symbol-font private-use range: no Unicode meaning
        return ""
    return chr(value)


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
    return _join_wrapped(lines)


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
            if re.search(rf"(?<!\d){pno + 1}(?!\d)", line) and not _NEW_CLAUSE.match(line.strip()):
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
    return not _NEW_CLAUSE.match(nxt)
