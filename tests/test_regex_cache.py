"""tracker.regex_cache: patterns built from the stored programs are re.compile's, and anything
unexpected in the file means re.compile (start-up, issue 12)."""

from __future__ import annotations

import importlib
import marshal
import os
import pkgutil
import re
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tracker.parse
from tracker import regex_cache, regex_own
from tracker.regex_cache import RegexCache, file_in, in_use


def _parser_patterns() -> list[re.Pattern[str]]:
    """Every pattern object the parser's modules hold at module level (about 400)."""
    out: dict[tuple[str, int], re.Pattern[str]] = {}
    for info in pkgutil.iter_modules(tracker.parse.__path__):
        module = importlib.import_module(f"tracker.parse.{info.name}")
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                out[(value.pattern, value.flags)] = value
    return list(out.values())


PATTERNS = _parser_patterns()
TRICKY = [(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?", 0), (r"(?i)net\s+(\d+)", 0),
          (r"\bfoo(?=bar)|(?<!x)baz", int(re.IGNORECASE | re.MULTILINE)), (r"[^\u4e00-\u9fff]+", 0), (r"(a)|(b)\2?", 0),
          (r"^\s*$", int(re.MULTILINE)), ("[\U00020000-\U0003ffff]", 0), (r"(?x) a  b # comment", 0)]


def _filled(tmp_path: Path) -> Path:
    """A cache file holding the programs of the parser's patterns and the tricky ones."""
    cache = RegexCache(file_in(tmp_path), keep=lambda _p: True)
    for rx in PATTERNS:
        cache.compile(rx.pattern, rx.flags)
    for pattern, flags in TRICKY:
        cache.compile(pattern, flags)
    assert cache.save()
    return file_in(tmp_path)


def test_the_parser_has_patterns_to_cache() -> None:
    assert len(PATTERNS) > 250


def test_stored_patterns_are_re_compiles(tmp_path: Path) -> None:
    _filled(tmp_path)
    cache = RegexCache(file_in(tmp_path))
    for pattern, flags in [(rx.pattern, rx.flags) for rx in PATTERNS] + TRICKY:
        ref = re.compile(pattern, flags)
        got = cache.compile(pattern, flags)
        assert got is not ref and (pattern, flags) in cache.used  # built from the file, not compiled
        assert got == ref  # flags, text and the compiled program, word for word
        assert (got.pattern, got.flags, got.groups, got.groupindex) == (ref.pattern, ref.flags, ref.groups,
                                                                        ref.groupindex)
    assert not cache.new and not cache.save()  # nothing new: the file is not written again


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    where = tmp_path_factory.mktemp("rx")
    _filled(where)
    cache = RegexCache(file_in(where))
    keys = [(rx.pattern, rx.flags) for rx in PATTERNS] + TRICKY
    pairs = [(cache.compile(p, f), re.compile(p, f)) for p, f in keys]
    assert cache.used == set(keys)
    return pairs


def _alphabet(pattern: str) -> str:
    return "".join(sorted(set(pattern) | set("0123456789 年月日元天内后前日\nab-.,，。（）:")))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_stored_patterns_match_as_re_compiles_do(loaded: list[tuple[re.Pattern[str], re.Pattern[str]]],
                                                  data: st.DataObject) -> None:
    got, ref = data.draw(st.sampled_from(loaded))
    text = data.draw(st.text(alphabet=_alphabet(ref.pattern), max_size=60))
    assert [(m.span(), m.groups(), m.groupdict()) for m in got.finditer(text)] == \
           [(m.span(), m.groups(), m.groupdict()) for m in ref.finditer(text)]
    assert bool(got.fullmatch(text)) == bool(ref.fullmatch(text))
    assert got.split(text) == ref.split(text)


def test_a_damaged_file_means_re_compile(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    path.write_bytes(path.read_bytes()[:1000])  # cut short
    cache = RegexCache(path, keep=lambda _p: True)
    assert cache.stored == {}
    assert cache.compile(r"(\d+)天", 0) == re.compile(r"(\d+)天") and cache.new
    assert cache.save() and RegexCache(path).stored  # written again, whole


def test_another_builds_file_is_not_read(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    _, entries, facts = marshal.loads(path.read_bytes())
    stamp = list(regex_cache.stamp())
    stamp[1] = "3.11.0 (another build)"
    path.write_bytes(marshal.dumps((tuple(stamp), entries, facts)))
    assert RegexCache(path).stored == {}


def test_an_entry_that_does_not_load_is_compiled(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    stamp, entries, facts = marshal.loads(path.read_bytes())
    key = (r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?", 0)
    flags, code, groups, names, index = entries[key]
    entries[key] = (flags, code[:-4] + b"\xff\xff\xff\x7f", groups, names, index)  # a program the engine refuses
    entries[(r"\d+", 0)] = "not an entry"
    path.write_bytes(marshal.dumps((stamp, entries, facts)))
    os.chmod(path, 0o600)
    cache = RegexCache(path, keep=lambda _p: True)
    for pattern, flags in (key, (r"\d+", 0)):
        got = cache.compile(pattern, flags)
        assert got == re.compile(pattern, flags) and got.groupindex == re.compile(pattern, flags).groupindex
        assert (pattern, flags) not in cache.used and (pattern, flags) in cache.new


def test_a_file_others_may_write_is_not_read(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    assert RegexCache(path).stored
    os.chmod(path, 0o622)
    assert RegexCache(path).stored == {}


def test_the_file_is_the_users_alone_and_replaced_whole(tmp_path: Path) -> None:
    where = tmp_path / "deeper" / "cache"
    path = _filled(where)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(where.stat().st_mode) == 0o700
    assert sorted(p.name for p in where.iterdir()) == [path.name]  # no temporary file left beside it


def test_used_only_inside_the_block_and_only_where_asked(tmp_path: Path) -> None:
    original = re._compiler.compile  # type: ignore[attr-defined]
    with in_use(None) as none:
        assert none is None and re._compiler.compile is original  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError), in_use(tmp_path) as cache:
        assert cache is not None and re._compiler.compile == cache.compile  # type: ignore[attr-defined]
        re.purge()
        found = re.search(r"(\d+)个工作日", "在10个工作日内")  # re.search's text pattern: served from it too
        assert found is not None and found.group(1) == "10"
        raise RuntimeError
    assert re._compiler.compile is original  # type: ignore[attr-defined]
    # compiled while no module was imported (as a pattern built from a contract's words is): never written
    assert (r"(\d+)个工作日", 0) not in RegexCache(file_in(tmp_path)).stored


def test_only_patterns_compiled_while_a_module_loads_are_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    (tmp_path / "mod").mkdir()
    (tmp_path / "rxmod_a1.py").write_text('import re\nSTATIC = re.compile(r"静态模式(\\d+)")\n'
                                          'def dynamic(name):\n    return re.compile(re.escape(name) + r"应于")\n',
                                          encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with in_use(tmp_path / "mod"):
        re.purge()
        import rxmod_a1  # type: ignore[import-not-found]

        rxmod_a1.dynamic("某某科技有限公司")  # a contract's words, compiled while parsing
    stored = RegexCache(file_in(tmp_path / "mod")).stored
    assert (r"静态模式(\d+)", 0) in stored
    assert not any("某某科技" in p for p, _ in stored)
    sys.modules.pop("rxmod_a1", None)


def test_a_directory_that_cannot_be_written_means_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    with in_use(blocked / "cache") as cache:
        assert cache is None


def _first_letter(pattern: str) -> str | None:
    """A stand-in for a value derived from pattern text (counts its calls)."""
    CALLS.append(pattern)
    return pattern[:1] or None


CALLS: list[str] = []


def test_derived_values_are_kept_per_version_of_their_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    CALLS.clear()
    assert regex_cache.derived(_first_letter, "abc") == "a" and len(CALLS) == 1  # no cache in use: computed
    with in_use(tmp_path, keep=lambda _p: True):
        assert regex_cache.derived(_first_letter, "abc") == "a"
        assert regex_cache.derived(_first_letter, "abc") == "a" and len(CALLS) == 2  # computed once in the block
    with in_use(tmp_path, keep=lambda _p: True):
        assert regex_cache.derived(_first_letter, "abc") == "a" and len(CALLS) == 2  # from the file
    monkeypatch.setitem(regex_cache._SOURCES, __name__, 12345)  # the module's source changed
    with in_use(tmp_path, keep=lambda _p: True):
        assert regex_cache.derived(_first_letter, "abc") == "a" and len(CALLS) == 3
    assert regex_cache._ACTIVE is None


def test_the_prefilters_first_characters_are_the_same_from_the_file(tmp_path: Path) -> None:
    from tracker.parse import rx_prefilter

    patterns = [(rx.pattern, rx.flags) for rx in PATTERNS][:120]
    plain = [rx_prefilter.first_class(p, f) for p, f in patterns]
    with in_use(tmp_path, keep=lambda _p: True):
        assert [rx_prefilter.first_class(p, f) for p, f in patterns] == plain
    with in_use(tmp_path, keep=lambda _p: True) as cache:
        assert cache is not None and len(cache.facts) >= len(set(patterns))
        assert [rx_prefilter.first_class(p, f) for p, f in patterns] == plain
    assert rx_prefilter.first_class(r"(?:初验|终验)?验收款|尾款") == "[初尾终验]"  # by hand (sorted by code point)


def test_literal_patterns_of_the_code_are_written_and_contract_words_are_not(tmp_path: Path) -> None:
    from tracker.parse import annex_refs_zh, kinds_zh

    with in_use(tmp_path):
        re.purge()
        annex_refs_zh._opens_with.cache_clear()
        kinds_zh._conjunct_is_data("训练数据（1万条）")  # a literal in a function of kinds_zh
        annex_refs_zh._opens_with("甲方|乙方|某某智能科技有限公司")  # built from a contract's party words
    stored = RegexCache(file_in(tmp_path)).stored
    assert any(p == r"[(（][^()（）]*[)）]\s*$|[\d,.]+\s*[万千百]?[条份张件套小时个例]*\s*$"
               r"|(?:予|给予?|交予|交给)\s*(?:甲方|乙方|对方)\s*$"
               r"|(?:以?书面(?:形式|方式)?|一并|及时|正式|分别)\s*$" for p, _ in stored)
    assert not any("某某智能" in p for p, _ in stored)



def test_f_strings_of_literals_and_constants_are_written_and_contract_words_are_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pattern that a function builds from its own literals and module constants (joined over two
    lines, with an f-string's doubled braces, through a wrapper that hands patterns on) is the
    program's text and kept; one with a contract's words interpolated is not."""
    import sys

    (tmp_path / "tracker_rx_wrap_t1.py").write_text(
        "__name__ = 'tracker.tracker_rx_wrap_t1'\nimport re\nfrom tracker.regex_own import hands_on\n"
        "def search(p, s):\n    return re.search(p, s)\nhands_on(__name__)\n", encoding="utf-8")
    (tmp_path / "tracker_rx_user_t1.py").write_text(
        "__name__ = 'tracker.tracker_rx_user_t1'\nimport re\nimport tracker_rx_wrap_t1 as w\n"
        "WARRANTY = '质保|保修|维保'\nRATE = re.compile(r'\\d+(?:\\.\\d+)?%')\n"
        "def own_words(s):\n"
        "    return w.search(rf'(?:试用|{WARRANTY})期(?:间)?\\s{{0,2}}'\n"
        "                    rf'届满前(?P<r>{RATE.pattern})?', s)\n"
        + "def party_words(name, s):\n    return w.search(rf'{re.escape(name)}应于', s)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(regex_own, "_PASS_THROUGH", set(regex_own._PASS_THROUGH))
    for name in ("tracker_rx_wrap_t1", "tracker_rx_user_t1"):  # (tracker modules in all but their place)
        monkeypatch.setitem(sys.modules, f"tracker.{name}", __import__(name))
        monkeypatch.delitem(sys.modules, name)
    user = sys.modules["tracker.tracker_rx_user_t1"]
    with in_use(tmp_path / "c"):
        re.purge()
        assert user.own_words("保修期届满前") is not None
        assert user.party_words("某某智能科技有限公司", "某某智能科技有限公司应于") is not None
    stored = [p for p, _ in RegexCache(file_in(tmp_path / "c")).stored]
    assert r"(?:试用|质保|保修|维保)期(?:间)?\s{0,2}届满前(?P<r>\d+(?:\.\d+)?%)?" in stored
    assert not any("某某智能" in p for p in stored)


def test_only_the_codes_string_literals_vouch_for_a_pattern(tmp_path: Path) -> None:
    """A piece of a pattern must stand in a string literal of the code that compiles it: words that only a
    comment or a docstring quotes (as comments quote contracts) are no program text."""
    source = ('"""Reads 订购方可自行导出其数据 and the like."""\n'
              'import re  # e.g. "乙方应于每月5日前交付"\n'
              'GATE = r"\\s*(?:交付|提交)"\n'
              'def f(word):\n    return re.compile(rf"\\s*{word}\\s*"\n                      r"(?:日|天)")\n')
    path = tmp_path / "mod.py"
    path.write_text(source, encoding="utf-8")
    code = regex_own._source(str(path))
    assert not regex_own._pieces_written(r"\s*订购方可自行导出其数据\s*", code)
    assert not regex_own._pieces_written(r"乙方应于每月5日前交付", code)
    assert r"\s*(?:交付|提交)" in code.split("\0")
    assert r"\s*{word}\s*(?:日|天)" in code.split("\0")  # adjacent literals, joined
