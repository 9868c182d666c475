"""The words every match of a pattern contains: a pattern is tried only where one of them stands.

Python's ``re`` has no literal prefilter: ``liquidated\\s+damages|penalt|late[\\s-]+fee…`` with
IGNORECASE is tried in full at every letter of a sentence, some 30 ms per megabyte, and an English
contract's rules run a few dozen such patterns over each sentence. Every match of that pattern contains
one of "liquidated", "penalt", "late"…; ``required(pattern, flags)`` lists such a set of literal factors
(one per branch: the longest run of literal characters the branch always passes through), computed from
the parsed pattern, the way RE2 and Hyperscan choose their prefilters. ``Gated(rx)`` searches only when
one of the factors occurs in the span searched (``str.find``, a memchr-speed scan), so its matches,
spans and groups are exactly ``rx``'s. A pattern whose branches do not all hold a factor of at least
three characters is searched as it is.

Case: under IGNORECASE the span and the factors are compared case-folded; the four non-ASCII letters
``re`` folds onto ASCII ones (İ ı ſ K) are mapped first, so folding can only let more spans through.
"""

from __future__ import annotations

import functools
import re
import re._constants as sre
import re._parser as sre_parse
import sys
from collections.abc import Iterator
from typing import Any

from tracker.parse.rx_prefilter import guard, unprefixed
from tracker.regex_cache import derived
from tracker.regex_own import at_import, derived_from, hands_on, own

_MIN = 3  # shorter factors occur nearly everywhere: no gain (two Chinese characters are rare enough)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = tuple(op for op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) if op is not None)
_FLAG_CHANGE = re.IGNORECASE | re.ASCII | re.LOCALE | re.UNICODE
#: letters ``re`` matches case-insensitively with an ASCII letter that ``str.casefold`` keeps apart
_RE_FOLDS = {"İ": "i", "ı": "i"}

Factors = frozenset[str]


def _better(a: Factors | None, b: Factors | None) -> Factors | None:
    """The set whose shortest word is longer (fewer, rarer hits); ties: the smaller set."""
    if a is None or b is None:
        return a or b
    ka, kb = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return a if ka >= kb else b


def _seq(items: list[tuple[Any, Any]], fold: bool) -> Factors | None:
    """The best factor set of a sequence: its longest literal run, or a mandatory group's set."""
    best: Factors | None = None
    run: list[str] = []

    def close() -> None:
        nonlocal best
        if len(run) >= _MIN or (len(run) >= 2 and any(ord(c) > 0x2E7F for c in run)):
            best = _better(best, frozenset({"".join(run)}))
        run.clear()

    for op, av in items:
        if op is sre.LITERAL:
            ch = chr(av)
            run.append(ch.casefold() if fold else ch)
            continue
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the literals around it stand side by side in the text
        if op is sre.SUBPATTERN and not ((av[1] | av[2]) & _FLAG_CHANGE):
            inner = list(av[-1])
            if all(o is sre.LITERAL or o in _ZERO_WIDTH for o, _ in inner):
                for o, a in inner:  # a capture of plain letters continues the run
                    if o is sre.LITERAL:
                        run.append(chr(a).casefold() if fold else chr(a))
                continue
            close()
            best = _better(best, _seq(inner, fold))
            continue
        close()
        if op is sre.BRANCH:
            best = _better(best, _alternatives(av[1], fold))
        elif op in _REPEATS and av[0] >= 1:
            best = _better(best, _seq(list(av[-1]), fold))
    close()
    return best


def _alternatives(branches: list[Any], fold: bool) -> Factors | None:
    """One factor set for an alternation: every branch must have one."""
    out: set[str] = set()
    for br in branches:
        got = _seq(list(br), fold)
        if got is None:
            return None
        out |= got
    return frozenset(out)


def required(pattern: str, flags: int = 0) -> Factors | None:
    """Literal words of which every match of ``pattern`` contains one (case-folded when the pattern
    ignores case), or ``None`` when they cannot be listed."""
    return derived(_required, pattern, int(flags))


def _required(pattern: str, flags: int) -> Factors | None:
    try:
        parsed = sre_parse.parse(pattern, flags)
    except (re.error, TypeError, ValueError):
        return None
    return _seq(list(parsed), bool(parsed.state.flags & re.IGNORECASE))


def fold(text: str) -> str:
    """``text`` as the factors of an IGNORECASE pattern are written."""
    if "İ" in text or "ı" in text:
        for k, v in _RE_FOLDS.items():
            text = text.replace(k, v)
    return text.casefold()


_SHORT = 400  # (a sentence; a whole document is searched as before)
_RECENT = 128
_UNSEEN = object()


class Gated:
    """``rx`` searched only where one of its required words stands; otherwise the same API. A long
    text (a whole document) is searched with ``rx`` behind a first-character guard when ``re`` has no
    prefix of its own to skip by (``rx_prefilter``): the same matches, a position tried at one test."""

    __slots__ = ("rx", "words", "folds", "recent", "wide", "imported")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.words = required(rx.pattern, rx.flags)
        self.folds = bool(rx.flags & re.IGNORECASE)
        #: the last searches of short texts: a document that repeats a sentence asks each gate the same
        #: question again and again (1 MB of one wrapped duty line: 90,000 searches of twenty strings)
        self.recent: dict[tuple[str, int, int], re.Match[str] | None] = {}
        self.wide: re.Pattern[str] | None = None
        self.imported = at_import()  # (made while a module is imported: the program's own pattern)

    def _wide(self) -> re.Pattern[str]:
        """``rx`` for long texts: guarded where that helps (compiled on first use, kept like ``rx``)."""
        if self.wide is None:
            rx = self.rx
            # kept when the pattern is (one made while a module is imported is the program's): no parse, no compile next run
            with own() if self.imported else derived_from(rx.pattern):
                if not rx.flags & re.VERBOSE and unprefixed(rx.pattern, rx.flags) \
                        and (text := guard(rx.pattern, rx.flags)) != rx.pattern:  # (a verbose pattern's comment would swallow the wrapper)
                    rx = re.compile(text, rx.flags)
            self.wide = rx
        return self.wide

    def _for(self, text: str) -> re.Pattern[str]:
        return self._wide() if len(text) > _SHORT else self.rx

    def may_match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        if self.words is None:
            return True
        span = text[pos:endpos] if pos or endpos < len(text) else text
        if self.folds:
            span = fold(span)
        return any(w in span for w in self.words)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if len(text) > _SHORT:
            return self._for(text).search(text, pos, endpos) if self.may_match(text, pos, endpos) else None
        key = (text, pos, endpos)
        got = self.recent.get(key, _UNSEEN)  # (one lookup: another thread may clear the dict between two)
        if got is not _UNSEEN:
            return got  # type: ignore[return-value]
        if len(self.recent) >= _RECENT:
            self.recent.clear()  # (a bounded memory of the recent sentences, not an exact LRU)
        found = self.recent[key] = self.rx.search(text, pos, endpos) if self.may_match(text, pos, endpos) else None
        return found

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        if not self.may_match(text, pos, endpos):
            return iter(())
        return self._for(text).finditer(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.match(text, pos, endpos)  # anchored: cheap as it is

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        if not self.may_match(text, pos, endpos):
            return []
        return self._for(text).findall(text, pos, endpos)


def gated(pattern: str | re.Pattern[str], flags: int = 0) -> Gated:
    """A ``Gated`` pattern from its text (compiled with ``flags``) or a compiled pattern."""
    return Gated(pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags))




@functools.lru_cache(maxsize=2048)
def _cached(pattern: str, flags: int) -> Gated:
    return gated(pattern, flags)


def search(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    """``re.search``, tried only where the pattern's required words stand."""
    return _cached(pattern, flags).search(string)


def finditer(pattern: str, string: str, flags: int = 0) -> Iterator[re.Match[str]]:
    """``re.finditer``, tried only where the pattern's required words stand."""
    return _cached(pattern, flags).finditer(string)


hands_on(__name__)  # ``search(r"…", s)`` compiles its caller's pattern: the caller wrote it

__all__ = ["Gated", "finditer", "fold", "gated", "required", "search"]
