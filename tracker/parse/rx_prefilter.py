"""A first-character guard for a regular expression: the same matches, found faster.

Python's ``re`` tries a pattern at every position of the text unless the pattern starts with a literal
or a plain character set. A pattern that starts with an optional group (``(?P<cur>人民币|RMB…)?\\s*…``),
an alternation with an optional head (``(?:初验|终验)?验收款|尾款``) or a lookbehind is tried in full at
each of a sentence's characters. ``guarded(rx)`` prefixes it with a lookahead of the characters a match
can start with, computed from the parsed pattern: where none of them stands, the position is skipped
after one character test. A lookahead rejects only positions where no match can start, so matches,
spans and groups are those of ``rx``; a pattern whose first characters cannot be listed exactly (one
that can match empty, starts with ``.``, a negated set or a reference back to a group) is returned as it is.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from re import _compiler  # type: ignore[attr-defined]
from typing import Any

from tracker.regex_cache import derived
from tracker.regex_own import hands_on

_CATEGORY = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
_CASE_OR_CLASS = re.IGNORECASE | re.ASCII | re.LOCALE | re.UNICODE
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = tuple(op for op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) if op is not None)


def _item(op: Any, av: Any) -> str | None:
    """One member of a character set, written for a set; ``None`` when it cannot be."""
    if op is sre.LITERAL:
        return re.escape(chr(av))
    if op is sre.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is sre.CATEGORY:
        return _CATEGORY.get(av)
    return None


def _first(items: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """The set members a match of ``items`` can start with (``None``: not listable) and whether
    ``items`` can match the empty string."""
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # ^, \b, a lookaround: consumes nothing, the next item starts the match
        if op is sre.LITERAL or op is sre.IN:
            members = [_item(op, av)] if op is sre.LITERAL else [_item(o, a) for o, a in av]
            if not members or any(m is None for m in members):
                return None, False
            return out | {m for m in members if m is not None}, False
        if op is sre.SUBPATTERN or op is sre.BRANCH or op in _REPEATS or op is getattr(sre, "ATOMIC_GROUP", None):
            if op is sre.BRANCH:
                branches, nullable = av[1], False
            elif op is sre.SUBPATTERN:
                if (av[1] | av[2]) & _CASE_OR_CLASS:
                    return None, False  # (?i:…): the lookahead would not fold case as the group does
                branches, nullable = [av[-1]], False
            elif op in _REPEATS:
                branches, nullable = [av[-1]], av[0] == 0
            else:
                branches, nullable = [av], False
            any_empty = False
            for br in branches:
                got, empty = _first(list(br))
                if got is None:
                    return None, False
                out |= got
                any_empty = any_empty or empty
            if not (nullable or any_empty):
                return out, False
            continue
        return None, False
    return out, True


def first_class(pattern: str, flags: int = 0) -> str | None:
    """A character set of the characters a match of ``pattern`` can start with, or ``None``
    (kept between runs of the CLI with the compiled patterns: parsing one costs as much as compiling it)."""
    return derived(_first_class, pattern, int(flags))


def _first_class(pattern: str, flags: int) -> str | None:
    try:
        members, nullable = _first(list(sre_parse.parse(pattern, flags)))
    except (re.error, TypeError, ValueError):
        return None
    if members is None or nullable or not members:
        return None
    return "[" + "".join(sorted(members)) + "]"


def guard(pattern: str, flags: int = 0) -> str:
    """``pattern`` with a lookahead of its first characters in front (see the module's doc); compile
    it with the same ``flags``."""
    if re.match(r"\(\?[aiLmsux]+\)", pattern):
        return pattern  # global inline flags must stay first
    cls = first_class(pattern, flags)
    return pattern if cls is None else f"(?={cls})(?:{pattern})"


def unprefixed(pattern: str, flags: int = 0) -> bool:
    """``re`` has no prefix of its own to skip by in ``pattern`` (no leading literal, no set of first
    characters it computes itself): a guard would help it. Kept between runs, as ``first_class``."""
    return bool(derived(_unprefixed, pattern, int(flags)))


def _unprefixed(pattern: str, flags: int) -> bool:
    try:
        parsed = sre_parse.parse(pattern, flags)
        if parsed.getwidth()[0] == 0:
            return False  # (it can match the empty string: no guard can be listed)
        prefix = _compiler._get_literal_prefix(parsed, flags)[0]
        return not prefix and not _compiler._get_charset_prefix(parsed, flags)
    except Exception:  # (the engine's own helpers: whatever they raise, leave the pattern alone)
        return False


def guarded(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` compiled with its guard."""
    return re.compile(guard(rx.pattern, rx.flags), rx.flags)


hands_on(__name__)  # a guard is made of its caller's pattern: the code that wrote that pattern wrote it

__all__ = ["first_class", "guard", "guarded", "unprefixed"]
