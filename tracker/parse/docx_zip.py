"""Bounded reading of a .docx part: stream-decompressed, size- and shape-limited, no DTDs.

A .docx is a zip archive of XML parts, and both layers can be hostile: a member may declare
one size and inflate to another (zip bomb), its XML may declare a DOCTYPE with entities
(billion laughs, in UTF-8 or UTF-16 alike), or nest elements thousands deep (content controls
inside content controls) so that any recursive walk overflows the stack. So each part is
decompressed in chunks straight into an expat parser, counting the bytes that come out (the
size the archive declares is never trusted), the elements built and the nesting depth, and
the parser's DOCTYPE callback refuses any DTD before its entities can be expanded. Every
failure — zlib, zipfile, expat, the limits — is one ``InputError`` naming the file.

Limits (per part): ``MAX_PART_BYTES`` of decompressed XML, ``MAX_ELEMENTS`` elements and
``MAX_DEPTH`` levels; a real contract's ``document.xml`` is a few MB, tens of thousands of
elements and a few dozen levels deep.
"""

from __future__ import annotations

import zipfile
import zlib
from xml.etree import ElementTree

from tracker.errors import InputError

MAX_PART_BYTES = 16 * 1024 * 1024  # decompressed XML of one part
MAX_ELEMENTS = 400_000  # elements of one part (an ElementTree element costs ~250 bytes)
MAX_DEPTH = 200  # nesting levels (Python's recursion limit is 1000)
CHUNK = 1 << 16


class _Refused(Exception):
    """A limit or a DTD stopped the parse; the text says which."""


class _Builder(ElementTree.TreeBuilder):
    """The C TreeBuilder, refusing DTDs (expat calls ``doctype`` as the declaration starts,
    before any entity is defined, whatever the document's encoding).

    Elements are not counted here (a Python call per element would double the parse time):
    ``parse_part`` bounds them by the tags in the bytes it feeds, and the depth afterwards."""

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _Refused("declares a DOCTYPE or entities; refused")


def parse_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, path: object) -> ElementTree.Element:
    """The root element of one XML part, read within the limits above."""
    name = info.filename
    if info.file_size > MAX_PART_BYTES:  # declared: a cheap early refusal (the real count follows)
        raise InputError(path, f"not a valid .docx ({name} is implausibly large)")
    parser = ElementTree.XMLParser(target=_Builder())
    total = tags = 0
    try:
        with z.open(info) as member:
            while True:
                chunk = member.read(CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > MAX_PART_BYTES:
                    raise _Refused(f"inflates beyond {MAX_PART_BYTES // (1024 * 1024)} MB; refused")
                tags += chunk.count(b"<") - chunk.count(b"</")  # start tags (and a few comments): >= elements
                if tags > MAX_ELEMENTS:
                    raise _Refused(f"has more than {MAX_ELEMENTS:,} elements; refused")
                parser.feed(chunk)
        root: ElementTree.Element = parser.close()
        _check_depth(root)
        return root
    except _Refused as e:
        raise InputError(path, f"not a valid .docx ({name} {e})") from None
    except ElementTree.ParseError as e:
        raise InputError(path, f"not a valid .docx ({name} is not well-formed XML: {e})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
            ValueError) as e:  # corrupt deflate data, bad CRC, truncated member, encrypted …
        raise InputError(path, f"not a valid .docx ({name} cannot be decompressed: {_short(e)})") from None


def _check_depth(root: ElementTree.Element) -> None:
    """Refuse a tree deeper than ``MAX_DEPTH`` (the readers walk it recursively); iterative."""
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _Refused(f"nests elements more than {MAX_DEPTH} levels deep; refused")
        if len(el):
            stack.extend((child, depth + 1) for child in el)


def _short(e: BaseException) -> str:
    text = str(e).splitlines()[0] if str(e) else ""
    return f"{type(e).__name__}: {text[:120]}" if text else type(e).__name__
