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
import posixpath
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import InputError
from tracker.record import record

if TYPE_CHECKING:  # the .docx reader's modules are imported when a .docx is read (start-up, issue 12)
    import zipfile
    from xml.etree import ElementTree

    from tracker.parse.docx_numbering import Numbering

MAX_BYTES = 20 * 1024 * 1024
# The most text one document may hand to the parser (after reading): a hard cap on the work of
# one parse (about 3 s per million characters); a real contract has well under 200,000.
MAX_TEXT_CHARS = 6_000_000
FORMATS = {".txt": "txt", ".md": "md", ".docx": "docx", ".pdf": "pdf"}
SUPPORTED = ", ".join(FORMATS)


@record(frozen=True)
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
        from tracker.parse.readers_pdf import pdf_text

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
    import zipfile

    from tracker.parse.docx_numbering import Numbering

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
    from tracker.parse.docx_zip import parse_part

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
