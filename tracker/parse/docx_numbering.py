"""Word's automatic numbering (word/numbering.xml, word/styles.xml) rendered as text labels.

Contracts written in Word often number their clauses with list numbering ("第%1条", "%1.%2",
"（%1）"): the numbers are not in any ``w:t``, so without this the clause segmentation sees
unnumbered paragraphs. ``Numbering.label(p)`` gives the label Word would show for one paragraph
("第一条 ", "4.2 ", or "" for none and for bullets); call it once per paragraph, in document
order, because it advances the list counters the way Word does:

- a paragraph's ``w:numPr`` (``w:numId`` + ``w:ilvl``), else its style's (``w:basedOn`` chain,
  else the default paragraph style); ``w:numId`` 0 switches numbering off; a style linked from a
  level's ``w:pStyle`` gives that level;
- counters live on the abstract definition (``w:abstractNum``, after ``w:numStyleLink``), so
  several ``w:num`` over one definition continue one sequence, as in Word; a ``w:num``'s
  ``w:lvlOverride`` (``w:startOverride``, or a whole ``w:lvl`` replacing the level's definition)
  restarts that level at the first paragraph of that ``w:num`` on it;
- using a level restarts the deeper ones unless their ``w:lvlRestart`` says otherwise (0: never;
  N: only when level N or a higher one is used);
- ``%N`` in ``w:lvlText`` is level N's current number in level N's ``w:numFmt`` (all decimal
  under ``w:isLgl``); ``w:suff`` tab or space → one space, nothing → nothing.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from tracker.record import field, record, replace

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PLACEHOLDER = re.compile(r"%([1-9])")
_MAX_LEVELS = 9
_LINK_DEPTH = 8  # numStyleLink / basedOn chains longer than this are broken documents


def _val(el: ElementTree.Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(_W + attr)


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        return None


@record(frozen=True)
class Level:
    start: int = 0  # ECMA-376: an absent w:start means 0
    fmt: str = "decimal"
    text: str | None = None  # w:lvlText; None: the level shows no number
    restart: int | None = None  # w:lvlRestart (1-based level; 0 never); None: after any higher level
    legal: bool = False  # w:isLgl
    suffix: str = " "
    hidden: bool = False  # w:rPr/w:vanish on the level: counted, not shown
    style: str | None = None  # w:pStyle: paragraphs of this style are at this level


def _level(lvl: ElementTree.Element) -> Level:
    fmt_el = lvl.find(_W + "numFmt")
    if fmt_el is None:  # Word 2010 wraps custom formats: <mc:AlternateContent> … <mc:Fallback>
        for alt in lvl.iter(_MC + "Fallback"):
            fmt_el = alt.find(_W + "numFmt")
            if fmt_el is not None:
                break
    legal = lvl.find(_W + "isLgl")
    rpr = lvl.find(_W + "rPr")
    vanish = rpr.find(_W + "vanish") if rpr is not None else None
    suff = _val(lvl.find(_W + "suff")) or "tab"
    return Level(
        start=_int(_val(lvl.find(_W + "start"))) or 0,
        fmt=_val(fmt_el) or "decimal",
        text=_val(lvl.find(_W + "lvlText")),
        restart=_int(_val(lvl.find(_W + "lvlRestart"))),
        legal=legal is not None and _val(legal) not in ("0", "false", "off"),
        suffix="" if suff == "nothing" else " ",
        hidden=vanish is not None and _val(vanish) not in ("0", "false", "off"),
        style=_val(lvl.find(_W + "pStyle")),
    )


def _levels(parent: ElementTree.Element) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for lvl in parent.iter(_W + "lvl"):
        i = _int(lvl.get(_W + "ilvl"))
        if i is not None and 0 <= i < _MAX_LEVELS:
            out.setdefault(i, _level(lvl))
    return out


@record
class _Abstract:
    levels: dict[int, Level]
    style_link: str | None  # w:numStyleLink: the definition lives behind a numbering style
    counters: list[int | None] = field(default_factory=lambda: [None] * _MAX_LEVELS)


@record(frozen=True)
class _Num:
    abstract_id: str
    overrides: dict[int, Level]  # w:lvlOverride/w:lvl
    starts: dict[int, int]  # w:lvlOverride/w:startOverride


@record(frozen=True)
class _StylePr:
    num_id: str | None
    ilvl: int | None
    based_on: str | None


class Numbering:
    """List definitions of one .docx and the running counters while its paragraphs are read."""

    def __init__(self, numbering: ElementTree.Element | None, styles: ElementTree.Element | None) -> None:
        self._abstracts: dict[str, _Abstract] = {}
        self._nums: dict[str, _Num] = {}
        self._styles: dict[str, _StylePr] = {}
        self._default_style: str | None = None
        self._seen: set[tuple[str, int]] = set()  # (numId, level) already numbered once
        if numbering is not None:
            for el in numbering.findall(_W + "abstractNum"):
                aid = el.get(_W + "abstractNumId")
                if aid is not None:
                    self._abstracts[aid] = _Abstract(_levels(el), _val(el.find(_W + "numStyleLink")))
            for el in numbering.findall(_W + "num"):
                nid = el.get(_W + "numId")
                aid = _val(el.find(_W + "abstractNumId"))
                if nid is None or aid is None:
                    continue
                overrides: dict[int, Level] = {}
                starts: dict[int, int] = {}
                for ov in el.findall(_W + "lvlOverride"):
                    i = _int(ov.get(_W + "ilvl"))
                    if i is None or not 0 <= i < _MAX_LEVELS:
                        continue
                    lvl = ov.find(_W + "lvl")
                    if lvl is not None:
                        overrides[i] = _level(lvl)
                    start = _int(_val(ov.find(_W + "startOverride")))
                    if start is not None:
                        starts[i] = start
                self._nums[nid] = _Num(aid, overrides, starts)
        if styles is not None:
            for el in styles.findall(_W + "style"):
                if el.get(_W + "type") not in (None, "paragraph", "numbering"):
                    continue
                sid = el.get(_W + "styleId")
                if sid is None:
                    continue
                ppr = el.find(_W + "pPr")
                numpr = ppr.find(_W + "numPr") if ppr is not None else None
                num_id = _val(numpr.find(_W + "numId")) if numpr is not None else None
                ilvl = _int(_val(numpr.find(_W + "ilvl"))) if numpr is not None else None
                self._styles[sid] = _StylePr(num_id, ilvl, _val(el.find(_W + "basedOn")))
                if el.get(_W + "type") != "numbering" and el.get(_W + "default") in ("1", "true", "on"):
                    self._default_style = sid

    def __bool__(self) -> bool:
        return bool(self._nums)

    # ------------------------------------------------------------ resolution

    def _style_numpr(self, style: str | None) -> tuple[str | None, int | None]:
        """numId and ilvl a paragraph style gives, each from the nearest style in its chain."""
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        while style is not None and style not in seen and len(seen) < _LINK_DEPTH:
            seen.add(style)
            pr = self._styles.get(style)
            if pr is None:
                break
            if num_id is None:
                num_id = pr.num_id
            if ilvl is None:
                ilvl = pr.ilvl
            style = pr.based_on
        return num_id, ilvl

    def _abstract(self, num: _Num) -> tuple[str, _Abstract] | None:
        """The abstract definition behind a w:num, following w:numStyleLink through numbering styles."""
        aid = num.abstract_id
        for _ in range(_LINK_DEPTH):
            abstract = self._abstracts.get(aid)
            if abstract is None:
                return None
            if abstract.style_link is None:
                return aid, abstract
            linked_num = self._nums.get(self._style_numpr(abstract.style_link)[0] or "")
            if linked_num is None or linked_num.abstract_id == aid:
                return aid, abstract
            aid = linked_num.abstract_id
        return None

    def _level_def(self, num: _Num, abstract: _Abstract, i: int) -> Level | None:
        lvl = num.overrides.get(i) or abstract.levels.get(i)
        if lvl is not None and i in num.starts:
            lvl = replace(lvl, start=num.starts[i])
        return lvl

    # ------------------------------------------------------------ counting

    def label(self, p: ElementTree.Element) -> str:
        """The number Word shows before paragraph ``p`` plus its suffix ("" when none); advances counters."""
        ppr = p.find(_W + "pPr")
        style = _val(ppr.find(_W + "pStyle")) if ppr is not None else None
        if style is None:
            style = self._default_style
        numpr = ppr.find(_W + "numPr") if ppr is not None else None
        direct_id = _val(numpr.find(_W + "numId")) if numpr is not None else None
        direct_lvl = _int(_val(numpr.find(_W + "ilvl"))) if numpr is not None else None
        style_id, style_lvl = self._style_numpr(style)
        num_id = direct_id if direct_id is not None else style_id
        if num_id is None or num_id.strip() == "0":
            return ""
        num = self._nums.get(num_id.strip())
        if num is None:
            return ""
        found = self._abstract(num)
        if found is None:
            return ""
        _, abstract = found
        ilvl = direct_lvl if direct_lvl is not None else style_lvl
        if ilvl is None:
            ilvl = next((i for i, lv in abstract.levels.items() if style and lv.style == style), 0)
        if not 0 <= ilvl < _MAX_LEVELS:
            return ""
        lvl = self._level_def(num, abstract, ilvl)
        if lvl is None:
            return ""

        counters = abstract.counters
        key = (num_id.strip(), ilvl)
        if (ilvl in num.starts or ilvl in num.overrides) and key not in self._seen:
            counters[ilvl] = lvl.start  # "restart numbering" / "set numbering value"
        else:
            current = counters[ilvl]
            counters[ilvl] = lvl.start if current is None else current + 1
        self._seen.add(key)
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            dl = self._level_def(num, abstract, deeper)
            restart = dl.restart if dl is not None else None
            if restart is None or restart > deeper or ilvl < restart:
                counters[deeper] = None

        if lvl.fmt == "bullet" or lvl.hidden or not lvl.text:
            return ""

        def shown(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            ref = self._level_def(num, abstract, i) or Level()
            counted = counters[i]
            value = counted if counted is not None else ref.start
            return format_number(value, "decimal" if lvl.legal else ref.fmt)

        text = _PLACEHOLDER.sub(shown, lvl.text)
        return text + lvl.suffix if text.strip() else ""


# ---------------------------------------------------------------- number formats

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL_S = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_T = "零壹貳參肆伍陸柒捌玖"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}


def _chinese(n: int, digits: str, units: tuple[str, str, str, str]) -> str:
    """0 ≤ n < 100000 in Chinese counting (十一, 二十, 一百零五, 一千零一十); 0 alone is digits[0]; larger → decimal."""
    if n == 0:
        return digits[0]
    if n >= 100000:
        return str(n)
    out: list[str] = []
    zero = False
    for power, unit in ((10000, units[3]), (1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(digits[d] + unit)
    text = "".join(out)
    if 10 <= n < 20 and digits[1] == "一":
        text = text[1:]  # 十一, not 一十一
    return text


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _cardinal(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    return str(n)


def _ordinal_text(n: int) -> str:
    words = _cardinal(n)
    if words.isdigit():
        return _ordinal(n)
    head, _, last = words.rpartition("-")
    last = _ORDINAL_WORDS.get(last) or (last[:-1] + "ieth" if last.endswith("y") else last + "th")
    return f"{head}-{last}" if head else last


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(n: int, fmt: str) -> str:
    """One counter value in one ``w:numFmt`` (unknown formats and out-of-range values: decimal)."""
    if fmt in ("none", "bullet"):
        return ""
    if n < 0:
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL_WIDTH)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)  # ①…⑳
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)  # ⑴…⒇
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)  # ⒈…⒛
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Z, AA, BB …
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 1 <= n < 4000:
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting"):
        return _chinese(n, _CN_DIGITS, ("十", "百", "千", "万"))
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL_S, ("拾", "佰", "仟", "万"))
    if fmt == "ideographLegalTraditional":
        return _chinese(n, _CN_LEGAL_T, ("拾", "佰", "仟", "萬"))
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _STEMS[n - 1]
    if fmt == "ideographEnclosedCircle" and 1 <= n <= 10:
        return chr(0x3280 + n - 1)  # ㊀…㊉
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return _BRANCHES[n - 1]
    if fmt == "ordinal":
        return _ordinal(n)
    if fmt == "cardinalText":
        return _cardinal(n).capitalize()
    if fmt == "ordinalText":
        return _ordinal_text(n).capitalize()
    return str(n)
