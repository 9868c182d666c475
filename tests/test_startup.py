"""Start-up (issue 12): which modules the fast commands load, checked in a fresh process (not a
timing test), and the shortcuts taken to avoid slow imports give what the slow way gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "tests" / "contracts" / "x01-hengrui-bearing-defect.txt"
ENGLISH = ROOT / "tests" / "contracts" / "x03-haina-waybill-ner.en.txt"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "TRACKER_TZ": "Asia/Shanghai", "TRACKER_DB": str(tmp_path / "t.db"),
            "XDG_CONFIG_HOME": str(tmp_path / "cfg")}


HEAVY = ("typer", "click", "pydantic", "sqlalchemy", "sqlmodel", "smtplib", "ssl", "http.client", "email.message",
         "importlib.metadata")
# upcoming and remind on a database without a config file need none of these (the parser reads TOML lexicons;
# platformdirs imports tempfile, shutil, bz2 and lzma: tracker.user_dirs answers without it on Linux; the calendar
# package, dateutil and hashlib make the plan's settings digest, which a run with no plan to recall does not need)
NOT_FOR_READS = ("tomllib", "socket", "zipfile", "platformdirs", "tempfile", "shutil", "hashlib", "chinese_calendar",
                 "dateutil", "tracker.periods", "tracker.calendars")


# a .txt contract needs no .docx reader (zipfile, the XML parts), nor the user dirs' platformdirs, nor the
# obligation events (the calendars' refresh uses them; parse only loads the calendars); English text
# needs no OpenCC (tracker.parse.normalize.IDEOGRAPH_RX) and no Chinese rules
NOT_FOR_TXT = ("zipfile", "xml", "tracker.parse.docx_numbering", "tracker.parse.docx_zip", "platformdirs", "tempfile",
               "tracker.events")
NOT_FOR_ENGLISH = ("opencc", "tracker.parse.rules_zh", "tracker.parse.obligations_zh", "tracker.parse.facts_zh",
                   "tomllib")  # (its TOML lexicons are parsed once, then read from the cache)
# Chinese text needs no English rules, nor their TOML lexicons (tomllib and the parse: 12 ms)
NOT_FOR_CHINESE = ("tomllib", "tracker.parse.lexicon_en", "tracker.parse.rules_en", "tracker.parse.facts_en")


def _modules(args: list[str], env: dict[str, str]) -> set[str]:
    subprocess.run([sys.executable, "-c", "import sys; from tracker.store import Store; Store(sys.argv[1]).close()",
                    env["TRACKER_DB"]], env=env, check=True)
    code = ("import sys; from tracker.cli import main; sys.argv[0] = 'tracker'\n"
            "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
            "sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)) + f' EXIT {code}')")
    r = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120)
    assert "EXIT 0" in r.stderr
    return set(r.stderr.rsplit("MODULES ", 1)[1].split())


def _among(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m in names or m.split(".")[0] in names)


@pytest.mark.parametrize("args", [["upcoming"], ["upcoming", "--json"], ["remind", "--dry-run"],
                                  ["parse", str(CONTRACT), "--json"], ["parse", str(ENGLISH), "--json"]])
def test_the_fast_path_imports_nothing_heavy(args: list[str], env: dict[str, str]) -> None:
    """Not a timing test: which modules a fast command loads (typer and the mail/TLS stack cost most), on a
    second run (the first one fills the cache of compiled patterns and parsed lexicons)."""
    env = {**env, "XDG_CACHE_HOME": env["XDG_CONFIG_HOME"] + "-cache"}
    if args[0] == "parse":
        _modules(args, env)
    modules = _modules(args, env)
    heavy = HEAVY + NOT_FOR_TXT if args[0] == "parse" else HEAVY + NOT_FOR_READS
    assert _among(modules, heavy) == []
    if str(ENGLISH) in args:
        assert _among(modules, NOT_FOR_ENGLISH) == []
    if str(CONTRACT) in args:  # a Simplified contract needs no OpenCC (tracker.parse.normalize.t2s_chars)
        assert "opencc" not in modules and "tracker.parse.rules_zh" in modules
        assert _among(modules, NOT_FOR_CHINESE) == []


def test_opencc_changes_nothing_but_ideographs() -> None:
    """The premise of skipping OpenCC for a text without ideographs: t2s leaves every other character
    of the Basic Multilingual Plane as it is (ideographs: CJK blocks and compatibility ideographs)."""
    from tracker.parse.normalize import IDEOGRAPH_RX, _t2s

    others = "".join(ch for ch in map(chr, range(0x20, 0x10000)) if not 0xD800 <= ord(ch) < 0xE000
                     and not IDEOGRAPH_RX.match(ch))
    assert len(others) > 35_000
    assert _t2s().convert(others) == others
    assert _t2s().convert("合約條款") == "合约条款"  # ideographs are converted


def test_the_t2s_character_list_is_what_opencc_converts_on_its_own() -> None:
    """The premise of skipping OpenCC for a text without any of ``data/t2s_chars.txt``: the list holds
    exactly the ideographs t2s changes one at a time (rebuilt here from OpenCC itself)."""
    from tracker.parse.normalize import _t2s, t2s_chars

    ideographs = [chr(c) for a, b in ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF)) for c in range(a, b + 1)]
    converted = _t2s().convert("\n".join(ideographs)).split("\n")
    assert len(converted) == len(ideographs)
    assert t2s_chars() == {a for a, b in zip(ideographs, converted, strict=True) if a != b}
    assert {"條", "約", "於", "萬"} <= t2s_chars() and not {"条", "约", "于", "万", "坏"} & t2s_chars()


def test_a_simplified_text_is_not_put_through_the_phrase_table() -> None:
    """OpenCC's TSPhrases reads 打坏 as Traditional (打坯); a Simplified text keeps it, a Traditional one
    is converted as before."""
    from tracker.parse.normalize import normalize

    assert normalize("乙方打坏设备的，应当赔偿。").text == "乙方打坏设备的,应当赔偿。"
    assert normalize("乙方應於合約簽訂後付款。").text == "乙方应于合约签订后付款。".replace("合约", "合同")


def test_parse_output_is_the_same_with_its_patterns_cached(env: dict[str, str], tmp_path: Path) -> None:
    """The first run compiles and keeps the patterns (0600), the second builds them from the file:
    the same document, byte for byte, as the library's (which never uses the cache)."""
    from tracker.parse import parse_file

    env = {**env, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-m", "tracker", "parse", str(CONTRACT), "--json"], env=env,
                           capture_output=True, text=True, timeout=120, check=True).stdout for _ in range(2)]
    cached = list((tmp_path / "cache" / "tracker").glob("regex-*.bin"))
    assert len(cached) == 1 and cached[0].stat().st_mode & 0o777 == 0o600
    assert runs[0] == runs[1]
    assert json.loads(runs[1]) == parse_file(CONTRACT).to_json()


def test_a_second_run_compiles_nothing(env: dict[str, str], tmp_path: Path) -> None:
    """Every pattern a parse compiles is kept by the first run and read by the next ones, in processes
    with other string hashes (a pattern built from a set in its iteration order would be new each
    run), Chinese and English text alike: the next runs compile no pattern, parse none (what is derived
    from a pattern's text, its first characters or its guard, is kept too) and write no file."""
    code = ("import sys\nfrom pathlib import Path\nfrom tracker import regex_cache\nfrom tracker.parse import parse_file\n"
            "import re._compiler as compiler, re._parser as parser\nlearned = []\nreal, real_parse = compiler._code, parser.parse\n"
            "def code(parsed, flags):  # the compiler's last step; a text pattern's (json's bytes one is not cached)\n"
            "    if isinstance(parsed.state.str, str):\n        learned.append(parsed.state.str)\n"
            "    return real(parsed, flags)\n"
            "def parse(text, flags=0, state=None):  # the parser, which derived values (rx_prefilter) call on their own\n"
            "    if isinstance(text, str):\n        learned.append(text)\n"
            "    return real_parse(text, flags, state)\n"
            "compiler._code, parser.parse = code, parse\n"
            "with regex_cache.in_use(Path(sys.argv[1])):\n"
            "    for f in sys.argv[2:]:\n        parse_file(f)\n"
            "print(len(learned))\n")
    counts = []
    for seed in ("1", "2", "3"):
        r = subprocess.run([sys.executable, "-c", code, str(tmp_path / "cache"), str(CONTRACT), str(ENGLISH)],
                           env={**env, "PYTHONHASHSEED": seed}, capture_output=True, text=True, timeout=120, check=True)
        counts.append(int(r.stdout))
        if seed == "2":
            (cached,) = (tmp_path / "cache").glob("regex-*.bin")
            kept = (cached.stat().st_mtime_ns, cached.read_bytes())
    assert counts[0] > 100 and counts[1:] == [0, 0]
    assert (cached.stat().st_mtime_ns, cached.read_bytes()) == kept


def test_the_chinese_calendar_version_is_the_installed_distributions() -> None:
    """tracker.calendars reads chinese_calendar.__version__ instead of importing importlib.metadata."""
    from importlib.metadata import version

    from tracker.calendars import package_source

    assert package_source("CN") == f"chinesecalendar {version('chinesecalendar')}"


def test_no_pattern_cache_when_asked(env: dict[str, str], tmp_path: Path) -> None:
    env = {**env, "XDG_CACHE_HOME": str(tmp_path / "cache"), "TRACKER_NO_CACHE": "1"}
    subprocess.run([sys.executable, "-m", "tracker", "parse", str(CONTRACT), "--json"], env=env,
                   capture_output=True, timeout=120, check=True)
    assert not (tmp_path / "cache").exists()


def test_the_install_adds_no_import_hook() -> None:
    """``pip install -e .`` writes a plain path entry (pyproject's ``package-dir``): setuptools' editable
    finder would import pathlib, re and importlib.util at every interpreter start (~15 ms of each command)."""
    code = "import sys; print(' '.join(type(f).__module__ for f in sys.meta_path)); print('pathlib' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    hooks, pathlib_loaded = r.stdout.split("\n")[:2]
    assert "editable" not in hooks
    assert pathlib_loaded == "False"
