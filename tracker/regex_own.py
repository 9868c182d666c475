"""Which patterns are the program's own text, for the pattern cache (``tracker.regex_cache``).

The cache keeps a compiled pattern on disk only when it cannot hold a contract's words: compiled
while a module is imported, a module's constant, text written in the code that compiles it (a
literal, or an f-string of literals and constants), or built inside an ``own()`` block.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any


def at_import() -> bool:
    """A module is being imported (its patterns are the program's own): only those are kept. A
    pattern compiled while a contract is parsed may hold the contract's words (a party's name, a
    sum) and never reaches the file, so the cache holds no contract text."""
    frame: Any = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


_CODE: dict[str, str] = {}  # source file → its text, read once per process, to find literal patterns
_PASS_THROUGH = {__name__, "tracker.regex_cache"}  # modules that only hand a caller's pattern on to ``re``


def hands_on(module: str) -> None:
    """``module`` only hands its callers' patterns on to ``re`` (a wrapper of ``re.search`` and the
    like): the code that wrote a pattern it compiles is its caller's."""
    _PASS_THROUGH.add(module)


def written_in_code(pattern: str) -> bool:
    """``pattern`` is the program's text, written in the source of the module that compiles it: a
    literal such as ``re.search(r"(\\d+)个工作日", s)`` inside a function, or an f-string of literals
    and module constants (``rf"(?:试用|{lexicon_zh.WARRANTY})期$"``): every piece of it is a
    module constant or a piece of that source, never a contract's words. The module is a tracker
    module or a library one calls (dateutil's ``rrulestr`` compiles its own literals)."""
    frame: Any = sys._getframe(1)
    writer = None
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if writer is None and name not in _PASS_THROUGH and name != "re" and not name.startswith("re."):
            writer = frame.f_code.co_filename
        if name.startswith("tracker.") and name not in _PASS_THROUGH:
            return writer is not None and len(pattern) >= 2 and _pieces_written(pattern, _source(writer))  # called by the program
        frame = frame.f_back
    return False


def _source(path: str) -> str:
    """The text of a source file, and as the interpreter reads its literals (adjacent ones joined,
    an f-string's braces single); read once per process."""
    if path not in _CODE:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        joined = _joined_literals(text)
        _CODE[path] = "\0".join((text, joined, joined.replace("{{", "{").replace("}}", "}")))
    return _CODE[path]


def _joined_literals(source: str) -> str:
    """``source`` with string literals continued on the next line joined (``r"…a"`` then
    ``r"b…"`` → ``r"…ab…"``), as Python joins adjacent literals. (No ``re`` here: this runs while
    a pattern is being compiled.)"""
    lines = source.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        last, head = out[-1].rstrip(), line.lstrip()
        body = head.lstrip("rRfFuU")
        if last[-1:] in ('"', "'") and body[:1] == last[-1:] and len(head) - len(body) <= 2 and not last.endswith(last[-1] * 3):
            out[-1] = last[:-1] + body[1:]
        else:
            out.append(line)
    return "\n".join(out)


def _pieces_written(pattern: str, source: str) -> bool:
    """``pattern`` with the module constants in it (3 characters or more, longest first) taken
    out leaves only pieces written in ``source``."""
    if pattern in source:
        return True
    rest = pattern
    for constant in sorted((c for c in _constants() if len(c) >= 3 and c in pattern), key=len, reverse=True):
        rest = rest.replace(constant, "\0")
    return rest != pattern and all(piece in source for piece in rest.split("\0") if piece)


_OWN = 0  # depth of ``own()`` blocks being run


@contextmanager
def own() -> Iterator[None]:
    """The patterns compiled inside are built from the program's own tables alone (a lexicon turned
    into one alternation on first use, say), never from a contract's words: they may be kept like
    those compiled at import. The caller vouches for that; a function of a language code only."""
    global _OWN
    _OWN += 1
    try:
        yield
    finally:
        _OWN -= 1


_SCANNED: set[str] = set()  # the modules whose constants are in _CONSTANTS
_CONSTANTS: set[str] = set()


def module_constant(pattern: str) -> bool:
    """``pattern`` is a constant of a tracker module: a module-level string, or a string inside a
    module-level tuple (a lexicon table such as ``(("delayed_amount", r"…"), …)``), as ``re.search(
    lx.PER_DAY, s)`` passes it. Those are set by the modules' code when imported (no tracker module
    assigns a global at run time), never from a contract."""
    return pattern in _constants()


def _constants() -> set[str]:
    """The tracker modules' constants (each module read once, when first asked)."""
    for name in [n for n in list(sys.modules) if n.startswith("tracker.") and n not in _SCANNED]:
        module = sys.modules.get(name)
        if module is None or name in _PASS_THROUGH or getattr(getattr(module, "__spec__", None), "_initializing", False):
            continue  # (one being imported is read when asked again after its import)
        _SCANNED.add(name)
        for value in vars(module).values():
            _strings(value, _CONSTANTS, 3)
    return _CONSTANTS


def _strings(value: object, into: set[str], depth: int) -> None:
    if type(value) is str:
        into.add(value)
    elif type(value) is re.Pattern and type(value.pattern) is str:  # as ``rf"…{RATE_RX.pattern}"`` reads it
        into.add(value.pattern)
    elif type(value) is tuple and depth:
        for v in value:
            _strings(v, into, depth - 1)


def own_if(lexicon_only: bool) -> AbstractContextManager[None]:
    """``own()`` when ``lexicon_only`` (the caller checked that its words are the lexicon's alone), else nothing."""
    return own() if lexicon_only else nullcontext()


def program_own(pattern: str) -> bool:
    """The default test of what may be written: compiled while a module is imported, inside an
    ``own()`` block, written out in the code that compiles it, or a module's constant."""
    return _OWN > 0 or at_import() or written_in_code(pattern) or module_constant(pattern)
