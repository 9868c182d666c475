"""Parse a filled contract into the obligations document (``shared/spec/parse-output.md``).

Pipeline: readers (file → text) → normalize (script, width, pinyin; offset map) →
clauses (segmentation) → rules_zh / rules_en (facts) → assemble (dates, derived
obligations, warnings) → ``ParseResult``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.model import ParseResult, Source

if TYPE_CHECKING:
    from tracker.calendars import Calendars


def parse_text(text: str, file_name: str = "<text>", data: bytes | None = None,
               calendars: Calendars | None = None) -> ParseResult:
    """Parse contract text; ``data`` (the file's bytes) only feeds ``source.sha256``;
    ``calendars``: the years a user imported (the store loads them), else the packages alone."""
    from tracker.parse.assemble import Assembler
    from tracker.parse.clauses import segment
    from tracker.parse.common import units
    from tracker.parse.coverage import unrecognised
    from tracker.parse.normalize import mask_blanks, normalize
    from tracker.parse.readers import check_text_size

    check_text_size(text, file_name)  # the hard cap on one document's work
    norm = normalize(text)
    if "|" in norm.text:  # a term sheet written as one table: its rows are clauses
        from tracker.parse.clause_tables import unfold

        norm = unfold(norm)
    clauses = segment(norm.text)
    masked = mask_blanks(norm)
    us = units(masked, clauses)
    if norm.language == "en":  # import only the rules in use: compiling both costs a process ~40 ms
        from tracker.parse import rules_en

        facts = rules_en.extract(masked, clauses, us)
    else:
        from tracker.parse import rules_zh

        facts = rules_zh.extract(masked, clauses, us)
    asm = Assembler(norm, clauses, facts, masked, calendars=calendars)
    contract = asm.contract()
    obligations = asm.obligations(contract)
    warnings = asm.collect_warnings(contract, obligations)
    for w in unrecognised(masked.text, norm.language, facts, clauses.label_at):
        asm.add_warning(w)
    sha = _sha256_hex(data if data is not None else text.encode("utf-8", "surrogatepass"))
    return ParseResult(
        source=Source(file_name, sha, norm.language),
        contract=contract,
        obligations=tuple(obligations),
        warnings=tuple(warnings),
        text=text,
        calendar=asm.cal.code,
        calendar_quote=asm.calendar_quote,
    )


def _sha256_hex(data: bytes) -> str:
    """``hashlib.sha256(data).hexdigest()`` from CPython's own SHA-256 module: importing hashlib
    loads OpenSSL's libcrypto, 3 ms of every ``tracker parse`` (start-up, issue 12)."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found]  # Python 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef]  # Python 3.12+
        except ImportError:
            from hashlib import sha256  # type: ignore[assignment]
    return sha256(data).hexdigest()  # type: ignore[no-any-return]


def parse_file(path: str | Path, calendars: Calendars | None = None) -> ParseResult:
    """Read and parse one contract file; raises ``tracker.errors.InputError`` for unreadable input."""
    from tracker.parse.readers import read_document

    p = Path(path)
    doc = read_document(p)
    return parse_text(doc.text, p.name, doc.data, calendars)


__all__ = ["parse_file", "parse_text"]
