"""Which working-day calendar a contract counts its 工作日 / Business Days on.

Read from the contract's own words, strongest first:

1. its definition of a working / business day (``"Business Day" means a day on which banks in
   New York are open``, ``工作日是指香港银行营业之日``);
2. its governing-law clause (``governed by the laws of the State of New York``,
   ``本契约以中华民国法律为准据法``, ``适用中华人民共和国内地法律``);
3. Taiwan signals together: a 民国 date and 新台币 / NT$ amounts;

else the mainland calendar (``CN``), the spec's default. The text is the normalised one
(Simplified Chinese), so one lexicon serves Simplified and Traditional contracts. Place names
are data (``PLACES``), one table per language; "organized under the laws of" (a party's
incorporation) is not a governing-law clause.
"""

from __future__ import annotations

import re

from tracker import calendar_closure
from tracker.calendars import DEFAULT
from tracker.parse import countries
from tracker.parse.common import MONTHS
from tracker.record import record

# place wording -> calendar code; longest names are tried first, so "People's Republic of China"
# wins over "Republic of China" and 中华人民共和国香港特别行政区 over 中华人民共和国.
PLACES_EN = {
    **countries.load(),  # every country of the holidays package; the names below refine or override them
    "State of New York": "US-NY", "New York": "US-NY",
    "Hong Kong": "HK", "Macau": "MO", "Macao": "MO", "Singapore": "SG",
    "England and Wales": "GB-ENG", "England": "GB-ENG", "London": "GB-ENG", "Wales": "GB-WLS", "Scotland": "GB-SCT",
    "Taiwan": "TW", "Taipei": "TW", "Republic of China": "TW",
    "People's Republic of China": "CN", "People’s Republic of China": "CN", "PRC": "CN",
    "mainland China": "CN", "Beijing": "CN", "Shanghai": "CN", "State Council": "CN",
    "Philippines": "PH", "Manila": "PH", "Japan": "JP", "Tokyo": "JP", "Dublin": "IE", "Malaysia": "MY", "Kuala Lumpur": "MY",
    "New South Wales": "AU-NSW", "Sydney": "AU-NSW", "Victoria, Australia": "AU-VIC", "Melbourne": "AU-VIC",
    "Queensland": "AU-QLD", "Brisbane": "AU-QLD", "Western Australia": "AU-WA", "Perth": "AU-WA", "South Australia": "AU-SA",
    "Adelaide": "AU-SA", "Tasmania": "AU-TAS", "Hobart": "AU-TAS", "Australian Capital Territory": "AU-ACT", "Canberra": "AU-ACT",
    "Australia": "AU",
    # US states by the names a contract's law or holiday clause uses ("the State of Washington", "Texas law")
    "State of Washington": "US-WA", "Washington State": "US-WA", "California": "US-CA", "Texas": "US-TX",
    "Delaware": "US-DE", "Massachusetts": "US-MA", "Illinois": "US-IL", "New Jersey": "US-NJ", "Florida": "US-FL",
    "Colorado": "US-CO", "West Virginia": "US-WV", "Virginia": "US-VA", "Pennsylvania": "US-PA", "Oregon": "US-OR",
    "United States": "US", "Germany": "DE", "Berlin": "DE-BE", "Bavaria": "DE-BY", "Munich": "DE-BY", "Hamburg": "DE-HH",
    "Hesse": "DE-HE", "Frankfurt": "DE-HE", "France": "FR", "Korea": "KR", "Seoul": "KR", "Canada": "CA",
    "Israel": "IL", "Tel Aviv": "IL", "Jerusalem": "IL", "South Africa": "ZA", "Netherlands": "NL", "Amsterdam": "NL",
    "Sweden": "SE", "Stockholm": "SE", "United Arab Emirates": "AE", "Abu Dhabi": "AE", "Dubai": "AE",
    "Switzerland": "CH", "Zurich": "CH-ZH", "Zürich": "CH-ZH", "Geneva": "CH-GE", "Johannesburg": "ZA", "Cape Town": "ZA", "Ireland": "IE",
    "New Zealand": "NZ", "Auckland": "NZ-AUK", "Wellington": "NZ-WGN", "Canterbury": "NZ-CAN",
    "Ontario": "CA-ON", "Toronto": "CA-ON", "British Columbia": "CA-BC", "Vancouver": "CA-BC", "Quebec": "CA-QC",
    "State of Georgia": "US-GA", "New Mexico": "US-NM", "Kenya": "KE", "Nairobi": "KE", "Mexico": "MX", "Mexico City": "MX", "Poland": "PL", "Warsaw": "PL",
    "Vietnam": "VN", "Viet Nam": "VN", "Hanoi": "VN", "Ho Chi Minh City": "VN",
}
PLACES_ZH = {
    "香港": "HK", "澳门": "MO", "新加坡": "SG", "英格兰": "GB-ENG",
    "中华民国": "TW", "台湾": "TW", "台北": "TW", "行政院": "TW", "人事行政总处": "TW",
    "中华人民共和国": "CN", "中国大陆": "CN", "内地": "CN", "国务院": "CN",
}


def _alternation(names: dict[str, str]) -> str:
    """The names, longest first, each space any run of white space (a PDF's justified text doubles them)."""
    return "|".join(re.escape(n).replace("\\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


_PLACE_EN = re.compile(rf"\b(?:{_alternation(PLACES_EN)})\b")
_PLACE_ZH = re.compile(_alternation(PLACES_ZH))

# 1. definitions: the sentence that defines the working day
_DEF_EN = re.compile(r"[\"“]?\*{0,2}(?:Business|Working)\s+Days?\*{0,2}[\"”]?\s*(?:\([^)]{0,40}\)\s*)?"
                     r"(?:means|shall mean|refers to|is)\b[^;\n]{0,400}?(?:\.(?=\s|$)|;|\n|$)", re.I)
_DEF_ZH = re.compile(r"(?:工作日|工作天|营业日)[」”\"]?\s*(?:是指|系指|意指|指)[^。；\n]{0,200}")
# 2. governing law: the place named right before 法律 / after "laws of", no bracket in between
_LAW_EN = re.compile(r"(?:governed by|construed (?:and enforced )?in accordance with|subject to)"
                     r"[^.;\n]{0,60}?\blaws? of\s+(?:the\s+)?(?P<place>[^.;\n]{0,60})", re.I)
_LAW_ZH = re.compile(rf"(?:适用|依据|依照|依|以|受|遵守|遵循)\s*(?P<place>{_alternation(PLACES_ZH)})"
                     r"[^。；;，,、（）()]{0,12}?(?:法律|法令|法规)")
# 3. Taiwan signals
_MINGUO = re.compile(r"(?:中华)?民国\s*[〇零一二三四五六七八九十百0-9０-９]{2,4}\s*年")
_TWD = re.compile(r"新台币|NT\$|新台幣")


@record(frozen=True)
class Detected:
    """The calendar and the words it was read from (``start``/``end`` in the normalised text)."""

    code: str
    start: int
    end: int
    reason: str  # definition | governing_law | minguo_twd


def _place(text: str, start: int, end: int, en: bool) -> str | None:
    m = (_PLACE_EN if en else _PLACE_ZH).search(text, start, end)
    if m is None:
        return None
    return (PLACES_EN if en else PLACES_ZH)[" ".join(m.group(0).split()) if en else m.group(0)]


def detect(text: str, language: str = "zh-Hans") -> Detected | None:
    """The calendar the contract names, or None (the caller uses the mainland default); a yearly
    closure its definition adds ("excludes every day from 24 December to 5 January") is part of it."""
    en = language == "en"
    closed: tuple[tuple[int, int, int, int], int, int] | None = None
    for m in (_DEF_EN if en else _DEF_ZH).finditer(text):
        code = _place(text, m.start(), m.end(), en)
        closure = _closure(text, m.start(), m.end()) if en else None
        if code is not None:
            return Detected(calendar_closure.code_with(code, closure) if closure else code, m.start(), m.end(), "definition")
        if closure is not None and closed is None:
            closed = (closure, m.start(), m.end())
    got = _by_law(text, en)
    if closed is not None:  # the definition's closure on the calendar the governing law (or the default) gives
        return Detected(calendar_closure.code_with(got.code if got else DEFAULT, closed[0]), closed[1], closed[2], "definition")
    return got


def _by_law(text: str, en: bool) -> Detected | None:
    if en:
        for m in _LAW_EN.finditer(text):
            code = _place(text, m.start("place"), m.end("place"), True)
            if code is not None:
                return Detected(code, m.start(), m.end(), "governing_law")
    else:
        for m in _LAW_ZH.finditer(text):
            return Detected(PLACES_ZH[m.group("place")], m.start(), m.end(), "governing_law")
    twd = _TWD.search(text)  # (the 民国 pattern opens with an optional group: tried at every character)
    ming = _MINGUO.search(text) if twd and "民国" in text else None
    if ming and twd:
        return Detected("TW", ming.start(), ming.end(), "minguo_twd")
    return None


def calendar_of(text: str, language: str = "zh-Hans") -> str:
    got = detect(text, language)
    return got.code if got else DEFAULT


_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))


def _day(n: str) -> str:
    """A day and month in either order ("24 December", "December 24th"), its groups named after ``n``."""
    return rf"(?:(?P<{n}d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<{n}m>{_MONTH})|(?P<{n}M>{_MONTH})\s+(?P<{n}D>\d{{1,2}}))"


#: a yearly closure inside a working-day definition: "excludes every day in the period from 24 December to 5 January"
_CLOSURE = re.compile(r"\b(?:exclud\w*|other\s+than|except|not\s+including)\b[^.;]{0,60}?\b(?:from|between)\s+"
                      + _day("a") + r"\s*(?:to|and|until|through|–|-)\s*" + _day("b"), re.I)


def _closure(text: str, start: int, end: int) -> tuple[int, int, int, int] | None:
    m = _CLOSURE.search(text, start, end)
    if m is None:
        return None
    g = m.groupdict()
    try:
        first = (MONTHS[(g["am"] or g["aM"]).lower()], int(g["ad"] or g["aD"]))
        last = (MONTHS[(g["bm"] or g["bM"]).lower()], int(g["bd"] or g["bD"]))
    except (KeyError, AttributeError, ValueError):
        return None
    closure = (*first, *last)
    return closure if calendar_closure.valid(closure) else None
