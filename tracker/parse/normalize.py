"""Normalise a contract for matching while keeping a map back to the original text.

Matching works on one form: Simplified script, half-width ASCII punctuation and digits,
no web-scrape pinyin annotations (``說(shuō)明`` → ``说明``). Quotes must stay verbatim,
so every character of the normalised text remembers the index of the original character
it came from; ``Normalized.original_span`` turns a match back into the original slice
(pinyin removed inside a quote reappears in it, as it should).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain, compress, count
from operator import ne

from tracker.parse.rx_prefilter import guarded
from tracker.record import record

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_LETTERS = "a-zü" + _TONED
#: ``(shuō)`` right after a CJK character; at least one tone mark so ``(a)`` or ``(OCR)`` stay.
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])\((?=[{_PINYIN_LETTERS}]*[{_TONED}])[{_PINYIN_LETTERS}]{{1,7}}\)")
#: what normalisation drops, mapped like pinyin: web-scrape pinyin and Markdown bold markers
#: (``人民币**100,000**元`` reads as an amount; the quote keeps the markers, as it should)
_DROPPED = guarded(re.compile(rf"{_PINYIN.pattern}|\*\*\*?+"))  # guarded: tried only at "(" and "*"
#: a space inside a figure grouped in thousands, as a scan's text layer leaves it (dropped like pinyin)
#: or inside a percentage of two digits written after Chinese ("累计不超过该批次服务费的2 0%"), or a date's month or day
_SPLIT_FIGURE = re.compile(r"(?<=\d) (?=,\d{3}(?!\d))|(?<=\d,\d\d) (?=\d(?!\d))|(?<=\d,\d) (?=\d\d(?!\d))"
                           # (two digits after a word a share follows: "2 10%" is no 210%, "阶段1 5%" no 15%)
                           r"|(?<=[的为至过于按计达额率付低高超之]\d) (?=\d(?:\.\d+)?[%％])"
                           r"|(?<=年\d) (?=\d月)|(?<=月\d) (?=\d[日号])")  # a month or day of two digits: "2026年1 1月5日"
_SPLIT_HINT = re.compile(r"\d ,\d|,\d\d? \d|[\u4e00-\u9fff]\d \d")  # (the cheap test: a split after Chinese)


@record(frozen=True)
class Normalized:
    """The normalized text with its offset map back to the original."""
    original: str
    text: str
    index: Sequence[int]  # index[i] = position in ``original`` of text[i] (a range when nothing was removed)
    language: str  # zh-Hans | zh-Hant | en

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) covering normalised [start, end)."""
        if end <= start:
            pos = self.index[start] if start < len(self.index) else len(self.original)
            return pos, pos
        return self.index[start], self.index[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        a, b = self.original_span(start, end)
        return self.original[a:b]


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc  # lazy: only the parser needs it

    return opencc.OpenCC("t2s")


#: full-width ASCII (U+FF01-FF5E) and the ideographic space fold to half-width; a lone
#: surrogate (no reader makes one, but ``parse_text`` takes any str) becomes U+FFFD, as OpenCC
#: cannot encode it
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: " "} \
    | {code: 0xFFFD for code in range(0xD800, 0xE000)}
#: the same folding as a substitution: most characters of a Chinese contract are not folded, and a
#: ``str.translate`` through a mapping looks each of them up (several times slower on a page)
_WIDE_RX = re.compile("[\uff01-\uff5e\u3000\ud800-\udfff]")


def _fold(m: re.Match[str]) -> str:
    """``_WIDTH`` for one matched character, computed (a table of the 2,200 is 1 ms of start-up)."""
    code = ord(m.group())
    return chr(code - 0xFEE0) if code >= 0xFF01 else " " if code == 0x3000 else "\ufffd"


def _fold_width(text: str) -> str:
    return _WIDE_RX.sub(_fold, text)


#: the characters OpenCC's t2s can change are ideographs (CJK blocks, compatibility ideographs,
#: the supplementary planes): a text with none (an English contract) is left as it is without
#: loading OpenCC (7 ms of start-up, issue 12); tests/test_startup.py checks the premise
IDEOGRAPH_RX = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


@lru_cache(maxsize=1)
def t2s_chars() -> frozenset[str]:
    """The characters t2s converts on their own (``data/t2s_chars.txt``, 5,000 of them; checked against
    OpenCC by tests/test_startup.py). A text with none of them is Simplified already."""
    with open(os.path.join(os.path.dirname(__file__), "data", "t2s_chars.txt"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    return frozenset("".join(line for line in lines if not line.startswith("#")))


def _to_simplified(text: str) -> str:
    # No ideograph (English), or none that t2s converts on its own (a Simplified contract): left as it is
    # without loading OpenCC (10 ms of start-up, issue 12). Its phrase table would only corrupt such a text
    # (TSPhrases reads 打坏 as the Traditional 打坯).
    if not IDEOGRAPH_RX.search(text) or t2s_chars().isdisjoint(text):
        return text
    converter = _t2s()
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    # A phrase mapping changed the length somewhere: convert line by line, then char by char.
    lines = text.split("\n")
    converted = []
    for line in lines:
        c = converter.convert(line)
        if len(c) != len(line):
            c = "".join(ch2 if len(ch2 := converter.convert(ch)) == 1 else ch for ch in line)
        converted.append(c)
    return "\n".join(converted)


_NOT_CJK_RX = re.compile("[^\u4e00-\u9fff]+")
_NOT_LETTER_BYTES = bytes(c for c in range(256) if not (65 <= c <= 90 or 97 <= c <= 122))  # all but A-Z a-z


def detect_language(text: str, simplified: str) -> str:
    # C-level counting (regex, map): a per-character Python loop costs ~0.3 s per MB
    n_cjk = len(_NOT_CJK_RX.sub("", text))  # the CJK characters, counted without a string for each
    latin = len(text.encode("ascii", "ignore").translate(None, _NOT_LETTER_BYTES))  # the ASCII letters
    if n_cjk < 20 and latin > n_cjk:
        return "en"
    if latin > 4 * max(n_cjk, 1):
        return "en"
    changed = 0
    if text != simplified:
        changed = sum(1 for i in compress(count(), map(ne, text, simplified)) if "\u4e00" <= text[i] <= "\u9fff")
    return "zh-Hant" if changed > max(3, n_cjk * 0.02) else "zh-Hans"


def normalize(original: str) -> Normalized:
    kept: list[tuple[int, int]] = []  # runs of original characters that stay (pinyin removed)
    pos = 0
    drops = [m.span() for m in _DROPPED.finditer(original)]
    if _SPLIT_HINT.search(original):  # a scan's text layer splits a figure: "人民币84 ,000元", "720,00 0元"
        drops = sorted(drops + [m.span() for m in _SPLIT_FIGURE.finditer(original)])
    for a, b in drops:
        kept.append((pos, a))
        pos = b
    index: Sequence[int]
    if kept:
        kept.append((pos, len(original)))
        index = tuple(chain.from_iterable(range(a, b) for a, b in kept))
        folded = _fold_width("".join(original[a:b] for a, b in kept))
    else:
        index = range(len(original))
        folded = _fold_width(original)
    simplified = _to_simplified(folded)
    language = detect_language(folded, simplified)
    if "合约" in simplified:  # a synonym of the same length: the rules know 合同 (quotes stay verbatim)
        simplified = simplified.replace("合约", "合同")
    return Normalized(original, simplified, index, language)


BLANK_RX = re.compile(r"\[\s*请[^\[\]\n]{0,200}\]|【\s*请[^【】\n]{0,200}】|\[\s*(?:Please|please|PLEASE|insert|Insert|to be filled)[^\[\]\n]{0,200}\]")


#: "十五（15）日": the figures repeat the Chinese numeral; blank them so "十五 日" reads as one number
_DOUBLED = guarded(re.compile(r"(?<=[零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟])\(\s*\d{1,6}\s*\)"))


#: an option of a form not ticked: "□自决标日起算　■自签约之次日起算" (in a form that ticks with ■/☑/☒)
#: a form's ticks and its instructions to tick, between a label and the option chosen
_TICK_NOTE = re.compile(r"[■☑☒]|\(\s*(?:请)?勾选(?:适用|一项|其一)?\s*\)")
_UNCHECKED = re.compile(r"([□☐])[^□☐■☑☒。;\n]*")


_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#x[0-9A-Fa-f]{2,5});")


def _entity(m: re.Match[str]) -> str:
    import html

    ch = html.unescape(m.group(0))
    if len(ch) != 1:
        return m.group(0)  # not an entity html knows
    return (" " if ch.isspace() else ch).ljust(len(m.group(0)))


_BR = re.compile(r"<br\s*/?>", re.I)
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w{3,5}teen|twenty|thirty|forty|fifty|sixty"
                r"|seventy|eighty|ninety|hundred|thousand|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
                r"|eleventh|twelfth|\w{3,5}teenth|twentieth|thirtieth|and|percent|per\s+cent)")
#: the words a figure is written again in, right after it: "10 (ten)", "7th (seventh)", "45 (forty-five)"
_EN_WORDS_AFTER = re.compile(rf"(?<=\d)(?P<sfx>st|nd|rd|th)?\s*\(\s*{_NUMBER_WORD}(?:[\s-]+{_NUMBER_WORD}){{0,5}}\s*\)", re.I)


def _blank_bracket(m: re.Match[str]) -> str:
    """Spaces for the bracket of words after a figure; an ordinal's suffix ("7th") stays."""
    head = m.group("sfx") or ""
    return head + " " * (len(m.group(0)) - len(head))


def mask_blanks(norm: Normalized) -> Normalized:
    """The same text with the inside of every unfilled blank (``[请填写…]``) replaced by ``□``,
    so example values in a blank ("例如:千分之五") are never read as facts; in a form whose options are
    ticked (■), the words of every option not ticked (□) are blanked too."""
    text = _DOUBLED.sub(lambda m: " " * len(m.group(0)), norm.text)
    if "&" in text:  # an HTML entity pasted from a web page (M1&nbsp;方案阶段): its character, then spaces
        text = _ENTITY.sub(_entity, text)
    if norm.language == "en" and "(" in text:  # "within 10 (ten) Business Days", "by the 7th (seventh) day": the figure
        text = _EN_WORDS_AFTER.sub(_blank_bracket, text)  # says it; its words in brackets are blanked
    if "<br" in text or "<BR" in text:  # a line break inside a Markdown table cell: the items of the cell are sentences
        text = _BR.sub(lambda m: "\n" + " " * (len(m.group(0)) - 1), text)
    if ("■" in text or "☑" in text or "☒" in text) and ("□" in text or "☐" in text):
        text = _UNCHECKED.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - 1), text)  # the options not chosen
        text = _TICK_NOTE.sub(lambda m: " " * len(m.group(0)), text)  # "有效期（勾选适用）：☑ 自…": the chosen words alone
    if "[" not in text and "【" not in text:
        return Normalized(norm.original, text, norm.index, norm.language) if text != norm.text else norm
    masked = BLANK_RX.sub(lambda m: m.group(0)[0] + "□" * (len(m.group(0)) - 2) + m.group(0)[-1], text)
    return Normalized(norm.original, masked, norm.index, norm.language)
