"""Compiled regular expressions kept on disk between runs of ``tracker parse`` (start-up, issue 12).

The parser compiles about 420 patterns, most when its modules are imported; Python's compiler
(``re._parser`` and ``re._compiler``, pure Python) took 130 ms of the 230 ms a one-file
``tracker parse`` costs, more than the whole start-up budget. The compiler's output is a list of
integers that ``_sre.compile`` turns into a pattern object; this module keeps that output (with
the pattern's flags, group count and names) per (pattern text, flags) in one file, and builds
the pattern from it on the next run: 2 ms for all of them.

The program is the list ``re._compiler._code`` returns while the compiler runs (seen on the way:
a first run compiles once, as without a cache). Values derived from pattern text by parsing it
(``derived``: the characters a match can start with) are kept beside the programs.

Only the program's own patterns are kept: those compiled while a module is imported (``at_import``),
a module's constant string (``module_constant``: a lexicon entry), or text written in the code
that compiles them, a literal or an f-string of literals and constants (``written_in_code``); a
pattern built while a contract is parsed (from its party names or sums) is compiled as usual and
never written, so the file holds no contract text. Others built at run time from the lexicons alone
are kept when the code that builds them says so (``own()``, around a function of the language code
only). A second run of the same contract compiles nothing (tests/test_startup.py).

Identical by construction: a pattern is stored only after the object built from the stored
program compares equal to ``re.compile``'s (``Pattern.__eq__`` compares flags, text and the
compiled program word for word) and has the same groups. The file is read only when it is
marked with the exact Python build and regular-expression engine that wrote it (``sys.version``,
``_sre.MAGIC``, code word size, limits, byte order), is owned by the user and writable by no one
else; anything unexpected (no file, a damaged one, another build's, an entry that does not load)
means ``re.compile``, silently. Like ``__pycache__``, it trusts files the user alone can write.

Used only where the caller says: ``in_use(directory)`` stands in for ``re._compiler.compile``,
the step of ``re.compile`` (and of ``re.search(r"…", …)`` and the others given a pattern as text)
that turns text into a pattern object, for the duration of a ``with`` block (the CLI's parse
command passes the user cache directory; the library never reads the environment and, without a
cache, compiles as usual), and writes the file back, atomically and 0600, when it compiled
patterns the file did not have. ``re``'s own cache of recent patterns works as before.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import marshal
import os
import re
import sys
import zlib
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from re import _compiler  # type: ignore[attr-defined]
from typing import Any, TypeVar

from tracker.regex_own import program_own

FORMAT = 2
T = TypeVar("T")
# the parser has ~650 patterns (both languages); those made of a contract's own words come and go: the newest stay
MAX_ENTRIES = 1500
_ORIGINAL = _compiler.compile
_UNCACHED = int(re.DEBUG)  # printed while compiled: left to the compiler (an int: a flag & an enum costs 2 µs)

Key = tuple[str, int]
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]  # flags, program, groups, names
Fact = tuple[str, str, int, tuple[Any, ...]]  # module, function, crc32 of the module's source, arguments
_ACTIVE: RegexCache | None = None  # the cache of the ``in_use`` block being run, for ``derived``
_SOURCES: dict[str, int | None] = {}


def stamp() -> tuple[Any, ...]:
    """What the stored programs depend on: a file written under anything else is not read."""
    return (FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, sys.byteorder,
            array("I").itemsize)


def file_in(directory: Path) -> Path:
    return directory / f"regex-{sys.implementation.cache_tag}.bin"


class RegexCache:
    """``compile(pattern, flags)`` as ``re._compiler.compile``, from the programs of ``path`` where it has them."""

    def __init__(self, path: Path | None, keep: Callable[[str], bool] | None = None) -> None:
        self.path = path
        self.keep = keep or program_own  # which new patterns may be written (the program's own, by default)
        self.stored, self.facts = self._read(path) if path is not None else ({}, {})
        self.new: dict[Key, Entry] = {}
        self.used: set[Key] = set()
        self.new_facts: dict[Fact, Any] = {}

    @staticmethod
    def _read(path: Path) -> tuple[dict[Key, Entry], dict[Fact, Any]]:
        try:
            with open(path, "rb") as f:
                st = os.fstat(f.fileno())
                if st.st_uid != os.getuid() or st.st_mode & 0o022:
                    return {}, {}  # not the user's alone: someone else could have written its programs
                got = marshal.loads(f.read())
            if type(got) is not tuple or len(got) != 3 or got[0] != stamp() or type(got[1]) is not dict \
                    or type(got[2]) is not dict:
                return {}, {}
            return got[1], got[2]
        except Exception:  # missing, unreadable, damaged: compile as usual
            return {}, {}

    def compile(self, pattern: Any, flags: Any = 0) -> Any:
        """What ``re._compiler.compile(pattern, flags)`` returns (``re``'s own cache in front of it
        keeps each pattern it made, as usual)."""
        if type(pattern) is not str or type(flags) is not int or flags & _UNCACHED:
            return _ORIGINAL(pattern, flags)  # bytes, a parsed pattern (re.Scanner), debugging
        key = (pattern, flags)
        made = self._load(key)
        return made if made is not None else self._learn(key)

    def _load(self, key: Key) -> re.Pattern[str] | None:
        entry = self.stored.get(key) or self.new.get(key)
        if entry is None:
            return None
        try:
            made = build(key[0], entry)
        except Exception:  # an entry that does not load: compile as usual (and store it again)
            self.stored.pop(key, None)
            self.new.pop(key, None)
            return None
        self.used.add(key)
        return made

    def _learn(self, key: Key) -> re.Pattern[str]:
        """The compiler's pattern; its program (the list ``re._compiler._code`` returns while it
        compiles, seen on the way) kept when rebuilding the pattern from it gives it back."""
        seen: list[list[int]] = []
        real_code = _compiler._code

        def code(parsed: Any, flags: int) -> Any:
            got = real_code(parsed, flags)
            seen.append(got)
            return got

        _compiler._code = code
        try:
            made: re.Pattern[str] = _ORIGINAL(*key)
        finally:
            _compiler._code = real_code
        try:
            names = dict(made.groupindex)
            index: list[str | None] = [None] * (made.groups + 1)
            for name, i in names.items():
                index[i] = name
            entry = (made.flags, array("I", seen[-1]).tobytes(), made.groups + 1, names, tuple(index))
            again = build(key[0], entry)
            if len(seen) == 1 and again == made and again.groupindex == made.groupindex and again.groups == made.groups \
                    and self.keep(key[0]):
                self.new[key] = entry
        except Exception:  # a compiler this module does not know: nothing kept
            pass
        return made

    def derive(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        """``derived``'s value from the file, or computed and kept."""
        source = source_stamp(fn.__module__)
        if source is None:
            return fn(*args)
        key = (fn.__module__, fn.__qualname__, source, args)
        if key in self.facts:
            return self.facts[key]
        value = fn(*args)
        if type(value) in _IMMUTABLE and self.keep(args[0] if args and isinstance(args[0], str) else ""):
            try:
                if marshal.loads(marshal.dumps((key, value))) == (key, value):
                    self.facts[key] = self.new_facts[key] = value
            except (ValueError, TypeError):  # not storable (an argument marshal does not know): computed each time
                pass
        return value

    def save(self) -> bool:
        """Write the file when this run compiled patterns (or derived values) it did not have (True
        if written): the patterns used in this run and the newest others, ``MAX_ENTRIES`` at most;
        derived values of the modules' present sources."""
        if self.path is None or not (self.new or self.new_facts):
            return False
        keep = {k: e for k, e in self.stored.items() if k not in self.used}
        keep.update((k, self.stored[k]) for k in self.used if k in self.stored)
        keep.update(self.new)
        entries = dict(list(keep.items())[-MAX_ENTRIES:])
        facts = {k: v for k, v in self.facts.items() if _SOURCES.get(k[0], k[2]) == k[2]}
        try:
            write_private(self.path, marshal.dumps((stamp(), entries, dict(list(facts.items())[-MAX_ENTRIES:]))))
        except (OSError, ValueError):  # a cache that cannot be written is only slower
            return False
        self.stored, self.new, self.new_facts = entries, {}, {}
        return True


_IMMUTABLE = (str, int, bool, type(None), frozenset)


def source_stamp(module: str) -> int | None:
    """crc32 of ``module``'s source file (once per process): a derived value is kept per version of
    the code that derived it."""
    if module not in _SOURCES:
        try:
            _SOURCES[module] = zlib.crc32(Path(sys.modules[module].__file__ or "").read_bytes())
        except Exception:
            _SOURCES[module] = None
    return _SOURCES[module]


def derived(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, for a pure ``fn`` of pattern text whose answer is a string, a number, None or a
    frozenset (say, the characters a pattern can start with, which takes parsing it: ``re._parser``
    is as slow as the compiler). Inside an ``in_use`` block the value is kept in the cache file
    under the crc32 of ``fn``'s module's source, so a changed module derives afresh; ``fn`` must
    depend on nothing outside its module but its arguments and ``re``. Elsewhere, ``fn(*args)``."""
    cache = _ACTIVE
    if cache is None:
        return fn(*args)
    return cache.derive(fn, args)  # type: ignore[no-any-return]


def build(pattern: str, entry: Entry) -> re.Pattern[str]:
    flags, code, groups, names, index = entry
    return _sre.compile(pattern, flags, array("I", code).tolist(), groups - 1, names, index)  # type: ignore[no-any-return]


def write_private(path: Path, data: bytes) -> None:
    """``data`` into ``path`` (mode 0600, directory 0700), atomically: a temporary file beside it, renamed."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


@contextmanager
def in_use(directory: Path | None, keep: Callable[[str], bool] | None = None) -> Iterator[RegexCache | None]:
    """Patterns compiled from the cache file in ``directory`` inside the block, the file saved at
    its end; ``None``: no cache, compiled as usual. Not for threads compiling concurrently."""
    if directory is None or _compiler.compile is not _ORIGINAL or not hasattr(os, "getuid") or not _writable(directory):
        yield None  # no cache, one already in use, or one that could not be kept (learning costs a compile)
        return
    global _ACTIVE
    cache = RegexCache(file_in(directory), keep)
    _compiler.compile = cache.compile
    _ACTIVE = cache
    try:
        yield cache
    finally:
        _compiler.compile = _ORIGINAL
        _ACTIVE = None
        cache.save()


def _writable(directory: Path) -> bool:
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return False
    return os.access(directory, os.W_OK | os.X_OK)
