"""English party definitions anywhere in the preamble, names trimmed at their boundaries.

``made between **ACME Ltd.**, a company incorporated in …("**Provider**"), and Beta Co., Ltd., with
its registered office at … ("Customer")``: each role definition in brackets (quoted, bold or
both) names the party written before it, since the previous definition or the start of the
sentence. The name is the bold span when there is one, else the words up to the first descriptive
comma ("a company…", "with its registered…") or the company suffix. Roles come from
``lexicon_en.ROLES``.
"""

from __future__ import annotations

import re

from tracker.parse.lexicon_en import ROLE_IDS, ROLES_RX
from tracker.parse.wraps import soft_wrap, wrap_width

_DEFINITION = re.compile(
    r"\(\s*(?:(?:the|hereinafter(?:\s+(?:referred\s+to\s+as|called))?)\s+(?:the\s+)?)?[\"“”']?\**\s*(?:the\s+)?"  # ('as "the Client"')
    r"(?P<role>[A-Z][A-Za-z ]{2,30}?)\s*\**[\"“”']?\s*(?:\)|[;,](?=[^()\n]{0,80}\)))"  # ("Client"; "we" in the headings)
    # without brackets, as Indian and older English deeds write it: ', hereinafter referred to as the
    # "Service Provider" (which expression shall … include its successors …)'
    r"|\bhereinafter\s+(?:(?:referred\s+to\s+as|called)\s+)?(?:the\s+)?[\"“]\**(?P<role2>[A-Z][A-Za-z ]{2,30}?)\**[\"”]"
)
_BOLD = re.compile(r"\*\*(?P<name>[^*\n]{3,120}?)\*\*")
_START = re.compile(r"(?:\bbetween|\band|\bby|\bare|;|:|\n(?![ \t])|^|\(\d\)|\([A-Z]\)|\(the\s+[\"“]?\w+[\"”]?\))\s*", re.I)
_DESCRIPTOR = re.compile(
    r",\s*(?:an?\s|the\s|with\s|having\s|whose\s|incorporated|registered|organi[sz]ed|established|existing|located|of\s)"
    # or its registration number in brackets: "Brisbane Riverside University (ABN 41 876 530 219) of …"
    r"|\s*\((?:ABN|ACN|ARBN|UEN|CIN|CRN|EIN|NZBN|GSTIN|(?:company|registration|reg\.)\s*(?:no\.?|number))\b",
    re.I,
)
_SUFFIX = re.compile(r"(?:Co\.,?\s*Ltd\.?|Ltd\.?|Limited|LIMITED|Inc\.?|LLC|L\.L\.C\.|PLC|plc|GmbH|AG|S\.A\.|Corp(?:oration)?\.?|LLP|Pte\.?\s+Ltd\.?)")


#: the legal form a company's name ends in (the cover fields and signature lines below share it)
_LEGAL_FORM = r"(?:Co\.,?\s*Ltd|Ltd|Limited|Inc|LLC|PLC|GmbH|Corp(?:oration)?|LLP|Pte\.?\s+Ltd|S\.A)\.?"
_COMPANY_END = re.compile(rf"\b{_LEGAL_FORM}$", re.I)  # in any case: "ACME (SHANGHAI) CO., LTD."


def role_of(word: str) -> str | None:
    m = ROLES_RX.search(word)
    return ROLE_IDS[int(m.lastgroup[1:])] if m and m.lastgroup else None


def defined_parties(text: str, start: int = 0, end: int | None = None,
                    aliases: dict[str, str] | None = None) -> dict[str, tuple[int, int]]:
    """role → span of the party name its definition names, in ``text[start:end]``. A definition
    by a word the lexicon does not know ("the Company") takes the other role when the other party's
    definition says its own ("the Developer"); ``aliases`` gains each defined word → role."""
    stop = len(text) if end is None else end
    found: dict[str, tuple[int, int]] = {}
    unknown: list[tuple[str, tuple[int, int]]] = []
    floor = start
    for m in _DEFINITION.finditer(text, start, stop):
        word = (m.group("role") or m.group("role2")).strip()
        role = role_of(word)
        if re.search(r"party|agreement|parties", word, re.I):
            continue
        if role is None:
            span = _name_before(text, floor, m.start())
            if span and _COMPANY_END.search(text[span[0]:span[1]]):
                unknown.append((word, span))  # "ACME CO., LTD., a company … (the "Company")"
                floor = m.end()
            continue
        span = _name_before(text, floor, m.start())
        if span is None and (btw := list(re.finditer(r"\bbetween\b", text[floor:m.start()]))):
            span = _name_before(text, floor + btw[-1].start(), m.start())  # "…governed by, the MSA … between X ("Customer")"
        floor = m.end()
        if span and role not in found:
            found[role] = span
            if aliases is not None:
                aliases.setdefault(word, role)
    if len(found) == 1 and len(unknown) == 1:
        (known,) = found
        other = "client" if known == "provider" else "provider"
        found[other] = unknown[0][1]
        if aliases is not None:
            aliases.setdefault(unknown[0][0], other)
    return found


#: a letter's parties: 'Hengli Co., Ltd. ("we" or "Hengli")', 'Qingyun Co., Ltd. ("you" or the "Company")'
#: ("we" or "Meridian"), ("we", "us"), ("you", the "Company"): a letter's party and its other names
_LETTER_PARTY = re.compile(r"\(\s*[\"“]\**(?P<pron>we|you)\**[\"”](?:\s*(?:,|or|and)\s*(?:the\s+)?[\"“]\**"
                           r"(?P<alias>[A-Z][\w ]{1,30}?|us|our|your)\**[\"”])*\s*\)", re.I)
_PAYS = {"we": re.compile(r"\b(?:[Ww]e|[Oo]ur\s+client)\s+(?:will|shall|must)\s+pay\b|\byour\s+(?:[\w-]+\s+){0,3}?fees?\b"),
         "you": re.compile(r"\b[Yy]ou\s+(?:will|shall|must)\s+pay\b|\b[Oo]ur\s+(?:[\w-]+\s+){0,3}?fees?\b")}


_COMPANY_TAIL = re.compile(r"(?:[A-Z][\w&'\-]*(?:\s*\([A-Z][\w ]{1,20}\))?[ ,]+){1,10}?"
                           r"(?:Co\.,?\s*Ltd|Ltd|Limited|Inc|LLC|PLC|GmbH|Corp(?:oration)?)\.?\s*$")


def _company_before(text: str, floor: int, pos: int) -> tuple[int, int] | None:
    """A company's name (its words capitalised, its legal form last) right before ``pos``."""
    window = text[max(floor, pos - 160):pos].rstrip()
    m = _COMPANY_TAIL.search(window)
    if m is None:
        return None
    start = max(floor, pos - 160) + m.start()
    return start, start + len(m.group(0).rstrip())


def letter_parties(text: str, end: int) -> tuple[dict[str, tuple[int, int]], dict[str, str]]:
    """The parties of a letter agreement written as "we" and "you" (an engagement letter): role →
    name span, and each word that names a party (we/us/our, you/your, its alias) → role. The side
    that pays ("You will pay…", "Our fee") is the client; nothing when neither side is said to pay."""
    found: dict[str, tuple[str | None, tuple[int, int]]] = {}
    floor = 0
    for m in _LETTER_PARTY.finditer(text, 0, end):
        span = _company_before(text, floor, m.start()) or _name_before(text, floor, m.start())
        floor = m.end()
        if span is not None:
            alias = m.group("alias")
            found[m.group("pron").lower()] = (None if alias is None or alias.lower() in ("us", "our", "your") else alias, span)
    if set(found) != {"we", "you"}:
        return {}, {}
    payer = next((p for p in ("you", "we") if _PAYS[p].search(text)), None)
    if payer is None:
        return {}, {}
    roles = {payer: "client", ("we" if payer == "you" else "you"): "provider"}
    words: dict[str, str] = {}
    for pron, (alias, _) in found.items():
        for w in (("We", "Us", "Our") if pron == "we" else ("You", "Your")) + ((alias,) if alias else ()):
            words[w] = roles[pron]
    return {roles[p]: span for p, (_, span) in found.items()}, words


def _name_before(text: str, floor: int, pos: int) -> tuple[int, int] | None:
    line_start = text.rfind("\n", floor, pos) + 1
    if line_start > floor + 1 and not text[line_start:pos].strip(" \t-–—*"):  # a line of its own under the party:
        line_start = text.rfind("\n", floor, line_start - 1) + 1  # 'ACME GmbH, Street 1, Berlin' / '- hereinafter "Customer" -'
    while line_start > floor + 1 and text[line_start:line_start + 1] in (" ", "\t"):  # an indented line continues
        line_start = text.rfind("\n", floor, line_start - 1) + 1  # the one above ("Provider:   ACME, Inc., …,")
    while line_start > floor + 1 and soft_wrap(text, line_start - 1, wrap_width(text)):  # a sentence wrapped at a
        line_start = text.rfind("\n", floor, line_start - 1) + 1  # width: "(1) Noordwind B.V., a … under the laws of the\nNetherlands, …"
    lo = max(floor, line_start)
    window = text[lo:pos]
    bold = [b for b in _BOLD.finditer(window) if not role_of(b.group("name")) or _SUFFIX.search(b.group("name"))]
    if bold:
        b = bold[0] if len(bold) == 1 else _last_opening(window, bold)
        return lo + b.start("name"), lo + b.end("name")
    d = _DESCRIPTOR.search(window)
    stop_at = d.start() if d else len(window.rstrip(" ,\"“”*"))
    starts = [s.end() for s in _START.finditer(window, 0, stop_at) if s.end() < stop_at]
    begin = max(starts, default=0)
    cand_start = begin + len(window[begin:stop_at]) - len(window[begin:stop_at].lstrip(" \t\"“*"))
    if (num := re.match(r"\d{1,2}(?:\.\d{1,2})*\.?[ \t]+", window[cand_start:stop_at])) is not None:
        cand_start += num.end()  # "1.1 Harbourline General Insurance Pte. Ltd. (UEN …), … (the "Client"; …)"
    name = window[cand_start:stop_at]
    suffixes = list(_SUFFIX.finditer(name))
    if suffixes and (not d or re.fullmatch(r"[\s,]*\([^()]{1,40}\)[\s,]*", name[suffixes[-1].end():])
                     or re.match(r"\s*,[^,]{0,40}\d", name[suffixes[-1].end():])):  # (or its address: "GmbH, Oranienstrasse 185")
        name = name[:suffixes[-1].end()]  # "… Pte. Ltd. (UEN 201912345K), a company …": the name ends at its suffix
    name = name.rstrip(" ,;")
    if not name or not name[0].isupper() or len(name) > 120 or re.search(r"\b(?:shall|will|must|means)\b", name) \
            or re.search(r"(?:^|\s)Party\s+\w$", name, re.I):  # "Party B (the Service Provider)": a side, not a name
        return None
    return lo + cand_start, lo + cand_start + len(name)


def _last_opening(window: str, bold: list[re.Match[str]]) -> re.Match[str]:
    """With several bold spans ("**this Agreement**", "**ACME Ltd.**"), the company name: the last
    bold span that carries a company suffix, else the last one."""
    with_suffix = [b for b in bold if _SUFFIX.search(b.group("name"))]
    return with_suffix[-1] if with_suffix else bold[-1]


#: a cover field with no colon, as a form's table reads once flattened: "Client Qingdao Harbourline Logistics
#: Co., Ltd." — a short label, then a company name that ends the line in its legal form
_BARE_FIELD = re.compile(r"(?m)^[ \t]*(?P<label>[A-Z][A-Za-z]{2,20}(?:[ \t][A-Za-z]{2,20})??)[ \t]+"
                         rf"(?P<name>[A-Z][^\n:]{{2,100}}?\b{_LEGAL_FORM})[ \t]*$")


#: a signature line that names the side and its company: "Signed for and on behalf of the Organisation, Harbourline
#: Telecom Pte. Ltd." (a document whose parties are named only in its particulars and its signatures)
_SIGNED_FOR = re.compile(r"(?:[Ss]igned|SIGNED|[Ee]xecuted|EXECUTED)\s+(?:for\s+and\s+)?on\s+behalf\s+of\s+the\s+(?P<label>[A-Z][\w ]{2,30}?),\s+"
                         rf"(?P<name>[A-Z][^\n,]{{1,80}}?\b{_LEGAL_FORM})")


#: a table row of the sides' names alone ("| Customer | Vendor |"), over a signature table's company row
_ROLE_ROW = re.compile(r"(?m)^[ \t]*\|(?:[ \t*]*[A-Z][A-Za-z ]{1,25}?[ \t*]*\|){2,3}[ \t]*$")


def _signature_table(text: str) -> list[tuple[str, tuple[int, int]]]:
    """(role, span of the company) for each column of a table headed by the sides ("| Customer | Vendor |")
    whose first rows below name a company in that column ("| Beijing Mingcha … Co., Ltd. | Vectorline, Inc. |")."""
    out: list[tuple[str, tuple[int, int]]] = []
    for m in _ROLE_ROW.finditer(text):
        roles = [role_of(c.strip(" \t*")) for c in m.group(0).strip().strip("|").split("|")]
        if None in roles or len(set(roles)) != len(roles):
            continue
        pos = m.end() + 1
        for _ in range(3):  # the rule under the header, then the company row
            line_end = text.find("\n", pos)
            line_end = len(text) if line_end < 0 else line_end
            pipes = [i for i in range(pos, line_end) if text[i] == "|"]
            if len(pipes) != len(roles) + 1:
                break
            cells = [(a + 1, b) for a, b in zip(pipes, pipes[1:], strict=False)]
            names = [(a + len(text[a:b]) - len(text[a:b].lstrip(" \t*")), b - len(text[a:b]) + len(text[a:b].rstrip(" \t*")))
                     for a, b in cells]
            if all(_COMPANY_END.search(text[a:b]) for a, b in names):
                out += [(role, span) for role, span in zip(roles, names, strict=True) if role is not None]
                break
            pos = line_end + 1
    return out


def bare_fields(text: str, start: int, end: int) -> dict[str, tuple[int, int]]:
    """role → span of the company a colon-less cover field names ("Vendor Shenzhen … Co., Ltd."), or a
    signature line "Signed for and on behalf of the Organisation, Harbourline Telecom Pte. Ltd." anywhere."""
    found: dict[str, tuple[int, int]] = {}
    for m in _SIGNED_FOR.finditer(text) if "behalf" in text else ():
        if (role := role_of(m.group("label"))) is not None:
            found.setdefault(role, m.span("name"))
    for role, span in _signature_table(text) if "|" in text else ():
        found.setdefault(role, span)
    for m in _BARE_FIELD.finditer(text, start, end):
        role, span = role_of(m.group("label")), m.span("name")
        if role is None and (two := re.match(r"[A-Za-z]{2,20}[ \t]+", m.group("name"))) is not None:
            role, span = role_of(m.group("label") + " " + two.group(0)), (span[0] + two.end(), span[1])  # "Service Provider X Ltd"
        if role is not None:
            found.setdefault(role, span)
    return found


#: a party's field that defines its short name: "Provider: Suzhou Qianxun Co., Ltd. ("Qianxun"), 5th Floor …"
_FIELD_ALIAS = re.compile(r"(?m)^[ \t*\-•]*(?:\d{1,2}\.)?[ \t]*(?P<label>[A-Z][A-Za-z ]{1,25}?)[ \t*]*:[ \t*]*[A-Z][^\n:]{2,120}?"
                          r"\(\s*(?:the\s+)?[\"“](?P<alias>[A-Z][\w .&-]{1,30}?)[\"”]\s*\)")


def field_aliases(text: str, end: int) -> dict[str, str]:
    """Short name → role, for each role field that defines one (the label says the role)."""
    out: dict[str, str] = {}
    for m in _FIELD_ALIAS.finditer(text, 0, end):
        role = role_of(m.group("label"))
        if role in ("provider", "client") and role_of(m.group("alias")) is None:
            out.setdefault(m.group("alias").strip(), role)
    return out
