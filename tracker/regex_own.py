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
    """The string literals of a source file as the interpreter reads them (adjacent ones joined, an
    f-string's braces single), comments and docstrings left out: only the program's own pattern text;
    read once per process."""
    if path not in _CODE:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        runs = _literals(text)
        _CODE[path] = "\0".join(runs + [r.replace("{{", "{").replace("}}", "}") for r in runs if "{{" in r or "}}" in r])
    return _CODE[path]


def _literals(source: str) -> list[str]:
    """The string literals of ``source`` (their text between the quotes, adjacent ones joined), not the
    comments nor a statement that is a string alone (a docstring). A scanner of its own: no ``re`` nor
    ``tokenize`` here, as this runs while a pattern is being compiled."""
    out: list[str] = []
    i, n, line_start, last_end = 0, len(source), True, -1
    while i < n:
        c = source[i]
        if c == "#":
            i = source.find("\n", i)
            i = n if i < 0 else i
            continue
        if c == "\n":
            line_start = True
        j = i
        while j < n and j - i < 2 and source[j] in "rRbBuUfF":
            j += 1
        if j < n and source[j] in "\"'" and (j == i or not (source[i - 1:i].isalnum() or source[i - 1:i] == "_")):
            quote = source[j] * 3 if source.startswith(source[j] * 3, j) else source[j]
            k = j + len(quote)
            while k < n and not source.startswith(quote, k):
                k += 2 if source[k] == "\\" else 1
            inner, end = source[j + len(quote):k], min(n, k + len(quote))
            alone = line_start and len(quote) == 3 and source[end:source.find("\n", end) if "\n" in source[end:] else n].strip() == ""
            if not alone:
                if out and last_end >= 0 and source[last_end:i].strip() == "":
                    out[-1] += inner  # "r'…a'" then "r'b…'": Python joins them
                else:
                    out.append(inner)
                last_end = end
            i, line_start = end, False
            continue
        if not c.isspace():
            line_start = False
        i += 1
    return out


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
    lp.PER_DAY, s)`` passes it. Those are set by the modules' code when imported (no tracker module
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


def compile_own(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` inside ``own()``: a pattern built from the program's tables alone."""
    with own():
        return re.compile(pattern, flags)


def own_if(lexicon_only: bool) -> AbstractContextManager[None]:
    """``own()`` when ``lexicon_only`` (the caller checked that its words are the lexicon's alone), else nothing."""
    return own() if lexicon_only else nullcontext()


_FROM: list[str] = []  # the patterns of the ``derived_from`` blocks being run


@contextmanager
def derived_from(pattern: str) -> Iterator[None]:
    """What is compiled or derived inside is made from ``pattern`` alone (its guarded form, say): it is
    the program's own exactly when ``pattern`` is, asked only if the cache misses it."""
    _FROM.append(pattern)
    try:
        yield
    finally:
        _FROM.pop()


def program_own(pattern: str) -> bool:
    """The default test of what may be written: compiled while a module is imported, inside an
    ``own()`` block, written out in the code that compiles it, or a module's constant."""
    pattern = _FROM[-1] if _FROM else pattern
    return _OWN > 0 or at_import() or written_in_code(pattern) or module_constant(pattern)
