"""Invariance (issue 8): what a contract obliges does not depend on how it is typed.

Each transformation below changes the form of a contract and never its content: another numbering
style, full-width digits, Traditional script, web-scrape pinyin noise, Markdown emphasis, CRLF line
ends, one line per article. The obligations and penalties (clause labels and quotes apart) must stay
exactly those of the untouched text, and every quote must stay verbatim in the changed text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tracker.parse import parse_text

TESTS = Path(__file__).parent
CONTRACTS = [TESTS / "corpus" / "p01-xinghe-intent.txt", TESTS / "corpus" / "p02-yunqi-bill-ocr.md",
             TESTS / "corpus" / "p05-zhizao-defect-pinyin.txt"]
KEYS = ("kind", "party", "due_date", "trigger", "recurrence", "amount", "currency", "metrics")
PENALTY_KEYS = ("kind", "rate", "per", "basis", "amount", "cap", "suspend_after_days")
_CN = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n]
    return ("" if n < 20 else _CN[n // 10]) + "十" + (_CN[n % 10] if n % 10 else "")


def _arabic_articles(text: str) -> str:
    """第三条 标题 → 3. 标题 (the bare Arabic outline of the MOST model contracts)."""
    cn = {_cn(i): i for i in range(1, 40)}
    return re.sub(r"(?m)^(#*\s*)第([一二三四五六七八九十]+)条\s*", lambda m: f"{m[1]}{cn[m[2]]}. ", text)


def _cn_enumeration(text: str) -> str:
    """第三条 标题 → 三、标题, and 3.2 → （二） under it (the 政府采购 outline)."""
    text = re.sub(r"(?m)^(#*\s*)第([一二三四五六七八九十]+)条\s*", lambda m: f"{m[1]}{m[2]}、", text)
    return re.sub(r"(?m)^(\s*)\d{1,2}\.(\d{1,2})\s+", lambda m: f"{m[1]}（{_cn(int(m[2]))}）", text)


def _full_width_digits(text: str) -> str:
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})


def _traditional(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("s2t").convert(text))


def _pinyin_noise(text: str) -> str:
    return text.replace("合同", "合(hé)同").replace("支付", "支(zhī)付").replace("说明", "說(shuō)明")


def _markdown_emphasis(text: str) -> str:
    """Article headings in bold, and the figures of every amount too (web copies do both)."""
    text = re.sub(r"(?m)^(#*\s*)(第[一二三四五六七八九十]+条[^\n]*)$", r"\1**\2**", text)
    return re.sub(r"(人民币\s*)([\d,]+(?:\.\d+)?)(\s*元)", r"\1**\2**\3", text)


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def _one_line_per_article(text: str) -> str:
    """Sub-clauses of an article run on one line, as web copies paste them."""
    return re.sub(r"(?<=[。；;])\n(?=\d{1,2}\.\d{1,2}\s)", " ", text)


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "arabic-articles": _arabic_articles,
    "cn-enumeration": _cn_enumeration,
    "full-width-digits": _full_width_digits,
    "traditional": _traditional,
    "pinyin-noise": _pinyin_noise,
    "markdown-emphasis": _markdown_emphasis,
    "crlf": _crlf,
    "one-line-per-article": _one_line_per_article,
}


def _facts(doc: dict) -> tuple[list[str], list[str]]:  # type: ignore[type-arg]
    obligations = sorted(json.dumps([o[k] for k in KEYS], ensure_ascii=False) for o in doc["obligations"])
    penalties = sorted(json.dumps([p[k] for k in PENALTY_KEYS], ensure_ascii=False)
                       for p in doc["contract"]["penalties"])
    return obligations, penalties


def _cases() -> list[tuple[Path, str]]:
    """Every (contract, transformation) pair in which the transformation changes the text (a
    one-line scrape has no article lines to renumber)."""
    cases = [(p, name) for p in CONTRACTS for name in sorted(TRANSFORMS)
             if TRANSFORMS[name](p.read_text(encoding="utf-8")) != p.read_text(encoding="utf-8")]
    return cases


def test_every_transformation_is_exercised() -> None:
    assert {name for _, name in _cases()} == set(TRANSFORMS)
    assert len(_cases()) >= 18


@pytest.mark.parametrize(("path", "name"), _cases(), ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_form_does_not_change_obligations(path: Path, name: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = TRANSFORMS[name](text)
    before = parse_text(text, path.name).to_json()
    after = parse_text(changed, path.name).to_json()
    assert _facts(after) == _facts(before)
    flat = re.sub(r"\s+", "", changed)
    for o in after["obligations"]:
        assert re.sub(r"\s+", "", o["quote"]) in flat
