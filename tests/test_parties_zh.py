"""Example corpus for Chinese roles and parties (tests/examples/parties_zh*.tsv).

Each row of ``parties_zh.tsv`` is a snippet and what it defines (甲方=client, provider=NAME,
role=ID for a bare role word); each row of ``parties_zh_negative.tsv`` is a look-alike that must
define nothing. Expected values are written by hand in the files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.parse import parties_zh
from tracker.parse.lexicon_zh import role_word
from tracker.parse.normalize import normalize

EXAMPLES = Path(__file__).parent / "examples"


def _rows(name: str) -> list[tuple[str, list[str]]]:
    rows = []
    for line in (EXAMPLES / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        snippet, *expect = line.split("\t")
        rows.append((snippet.replace("\\n", "\n"), expect))
    return rows


POSITIVE = _rows("parties_zh.tsv")
NEGATIVE = _rows("parties_zh_negative.tsv")


def _found(snippet: str) -> tuple[dict[str, str], dict[str, str]]:
    text = normalize(snippet).text
    defs = parties_zh.definitions(text)
    roles = parties_zh.roles(text, defs)
    names = {role: text[a:b] for role, (a, b) in parties_zh.names(text, roles, None, defs).items()}
    return roles, names


def test_corpus_is_large_enough() -> None:
    assert len(POSITIVE) >= 60
    assert len(NEGATIVE) >= 20


@pytest.mark.parametrize(("snippet", "expect"), POSITIVE, ids=[s[:24] for s, _ in POSITIVE])
def test_definition(snippet: str, expect: list[str]) -> None:
    roles, names = _found(snippet)
    for item in expect:
        key, _, value = item.partition("=")
        if key == "role":
            assert role_word(normalize(snippet).text) == value
        elif key not in ("client", "provider"):  # 甲方/乙方, or a short name the contract defines (机关)
            assert roles.get(normalize(key).text) == value, (key, roles)
        else:
            assert names.get(key) == normalize(value).text, (key, names)


@pytest.mark.parametrize("snippet", [s for s, _ in NEGATIVE], ids=[s[:24] for s, _ in NEGATIVE])
def test_look_alike_defines_nothing(snippet: str) -> None:
    roles, names = _found(snippet)
    assert roles == {}
    assert names == {}


@pytest.mark.parametrize("word", ["委托代理人", "采购方式", "各方面", "服务期限", "供方案", "需求"])
def test_look_alike_is_no_role_word(word: str) -> None:
    assert role_word(word) is None
