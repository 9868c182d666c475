"""Who the parties are and which side is the client, from the contract's own definitions.

A Chinese contract defines its sides in one of a few layouts, anywhere in the document:

- a labelled line (cover page, party block, signature block, table cell):
  ``委托方（甲方）：名称``, ``甲方（需求方）：名称``, ``**甲方（需求方）**：名称``, ``需方：名称``,
  ``委任人：名称（以下简称甲方）``, ``甲方（盖章）：名称``;
- a preamble sentence: ``名称（以下简称“甲方”，委托开发方）``;
- a bracket anywhere: ``委托方（甲方）``, ``乙方（服务方）``; ``甲方作为委托方``.

Role words come from :mod:`tracker.parse.lexicon_zh` only. A name runs from the colon to the
first boundary (line end, a bracketed remark such as ``（盖章）``/``（以下简称…）``, a field
label, a cell border, markup), so it never ends in ``（``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tracker.parse.lexicon_zh import OTHER, ROLE_WORDS, SIDE_ROLE_RX, SIDES, defined_role, role_word
from tracker.parse.party_aliases_zh import aliases, joint_bodies
from tracker.record import record

_SIDE_RX = r"甲\s*方|乙\s*方"
_ROLE = SIDE_ROLE_RX.pattern
#: a field that is not a party's name although its label mentions a party
_NOT_NAME_LABEL = re.compile(r"代表|签字|签名|签章人|代理|日期|时间|地址|住所|电话|联系|账号|账户|开户|邮箱|邮件|传真|信用代码|统一编号|"
                             r"编号|邮编|地点|负责人|经办人|身份证")
#: field labels of a party block or cover page: a name stops where the next one starts
_FIELD_WORDS = (r"甲\s*方|乙\s*方|住所|地址|(?:法定)?代表人|负责人|统一社会信用代码|统一编号|联系|电话|授权代表|签订|签署|合同编号|协议编号|开户|"
                r"邮编|传真|电子邮|项目名称|有效期")
#: where a name stops
_NAME_END = re.compile(
    r"\n|$|[,;。|]|\*\*|\s{2,}|\u3000|\((?=[^()\n]{0,8}(?:注册|成立|设立|登记|地址|住所)|由[^()\n]{1,20}(?:承担|负责|实施|执行|履行))|\((?:盖章|公章|签章|签字|下称|以下|简称|章\)|[^()\n]{1,16}代(?:章|签|盖)\)|(?:公司)?(?:注册|登记)编号|统一社会信用代码|统一编号)|"
    rf"鉴于|根据《|兹因|兹就|(?:{_FIELD_WORDS})[^\s:()]{{0,4}}(?=\s*[:(])"
)
#: a labelled line or cell: LABEL：VALUE, the label holding a side letter or a role word
_CORE = rf"(?:{_SIDE_RX}|{_ROLE})(?:\s*\([^()\n]{{1,12}}\))?(?:名称|全称)?"  # ("客户名称", "甲方名称")
#: the label before a colon (or a table cell border): a side letter or a role word at a line or
#: cell start after a short prefix, or (one-line layouts) 甲方（…） anywhere
_LINE_LABEL = re.compile(rf"[ \t>#*\-|]*+(?:\(\d{{1,2}}\)\s*|\d{{1,2}}[.、]\s*)?(?P<label>[^\n:：|。;()]{{0,8}}?{_CORE}"
                         # "平台方（甲方）": a word of the contract's own with the side in brackets
                         rf"|[^\n:：|。;()]{{1,8}}\(\s*(?:{_SIDE_RX})\s*\))\s*+\**\s*+")
_INLINE_LABEL = re.compile(rf"(?P<label>(?:{_SIDE_RX})(?:\s*\([^()\n]{{1,12}}\))?)\s*+\**\s*+")
_COLON = re.compile(r"[:：|]")
_MAX_LABELS = 2000
#: the last character of any label: a role word's (方, 人, 商…) or a closing bracket
_LABEL_ENDS = frozenset([*(w[-1] for w in ROLE_WORDS), "方", ")", "）", "称"])
_AFTER_COLON = re.compile(r"[ \t*]*+")


def _labelled(text: str):  # type: ignore[no-untyped-def]
    """(label, label start, value start) for each ``LABEL：`` in ``text``, found from each colon
    backwards with a few anchored matches (a label regex tried at every position would cost the
    whole role vocabulary per character)."""
    found = 0
    for c in _COLON.finditer(text):
        if found >= _MAX_LABELS:  # a contract labels its parties a few dozen times, not 300,000
            return
        end = c.start()
        last = end - 1
        while last > 0 and text[last] in " \t*":
            last -= 1
        if last < 0 or text[last] not in _LABEL_ENDS:  # a label ends in its role word or a bracket
            continue
        lo = max(0, end - 32)
        line = max(text.rfind(ch, lo, end) for ch in "\n|。;") + 1
        gap = text.rfind("  ", line, end)  # "委托人：A公司　　服务商：B公司": a second label on the line
        if gap >= 0:
            line = gap + 2
        m = _LINE_LABEL.fullmatch(text, line, end) if line > 0 or lo == 0 else None
        if m is None:
            side = max(text.rfind("甲", lo, end), text.rfind("乙", lo, end))
            m = _INLINE_LABEL.fullmatch(text, side, end) if side >= 0 else None
        if m is None:
            continue
        found += 1
        after = _AFTER_COLON.match(text, c.end())
        yield m.group("label"), m.start("label"), after.end() if after else c.end()


_PREAMBLE = re.compile(
    rf"(?P<name>[^\s()\"“”「」:,，。;]{{4,40}}?)\s*\(\s*(?:以下|下)(?:简称|称)?\s*[\"“”「」']?(?P<side>甲方|乙方|{_ROLE})[\"“”「」']?"
    rf"\s*[,，、]?\s*(?P<role>[^()]{{0,12}})\)"
)
#: where a ``_PREAMBLE`` match has its bracket: the name before it holds no space and no bracket and is
#: at most 40 characters, so a match can only start in the 40 characters of the name run before one
_PREAMBLE_BRACKET = re.compile(r"\(\s*(?:以下|下)")
_NAME_RUN_END = re.compile(r"[\s()\"“”「」:,，。;][^\s()\"“”「」:,，。;]*\Z")


def _preambles(text: str) -> Iterator[re.Match[str]]:
    """``_PREAMBLE.finditer(text)``: the same matches, tried only before each ``（以下`` bracket
    (the pattern at every character costs its lazy name at each)."""
    done = 0
    for b in _PREAMBLE_BRACKET.finditer(text):
        name_end = b.start() - _ws_before(text, b.start())
        lo = max(done, name_end - 40)
        if name_end - lo < 4:
            continue
        run = _NAME_RUN_END.search(text, lo, name_end)  # the last character a name cannot hold
        for pos in range(run.start() + 1 if run else lo, name_end - 3):
            if m := _PREAMBLE.match(text, pos):
                yield m
                done = m.end()
                break


def _ws_before(text: str, end: int) -> int:
    n = 0
    while n < end and text[end - n - 1].isspace():
        n += 1
    return n


_BRACKET_AFTER = re.compile(r"(?P<side>甲方|乙方)\s*\(\s*(?P<role>[^()\n]{1,12}?)\s*\)")
_SIDE_IN_BRACKET = re.compile(r"\(\s*(?P<side>甲方|乙方)\s*\)")  # 委托方（甲方）: the role word before it
_ROLE_BEFORE = re.compile(rf"(?P<role>{_ROLE})\s*\Z")
_AS_ROLE = re.compile(rf"(?P<side>甲方|乙方)\s*(?:作为|系|即)\s*(?P<role>{_ROLE})")
_COMMISSIONS = re.compile(r"(?P<side>甲方|乙方)(?:委托|聘请|向(?:甲方|乙方)采购)(?:甲方|乙方)")


@record(frozen=True)
class PartyDef:
    """One definition: ``side`` is 甲方/乙方 (or None when the label is a role word alone),
    ``role`` the role it states (or None), ``name`` the span of the party's name (or None)."""

    side: str | None
    role: str | None
    name: tuple[int, int] | None
    pos: int
    how: str = "bracket"  # "field" (LABEL：name), "preamble" (name（以下简称甲方）) or "bracket"
    alias: str | None = None  # a short name of the contract's own (机关, 评测机构), read like 甲方


def _side(text: str) -> str | None:
    m = re.search(_SIDE_RX, text)
    return re.sub(r"\s+", "", m.group(0)) if m else None


def _name_after(text: str, start: int) -> tuple[int, int] | None:
    """The name written at ``text[start:]``, trimmed at its boundaries."""
    end = _NAME_END.search(text, start, min(len(text), start + 80))
    stop = end.start() if end else min(len(text), start + 60)
    while stop > start and text[stop - 1] in " \t*(":
        stop -= 1
    value = text[start:stop]
    if len(value) < 2 or re.search(r"[_\[□]", value) or re.match(r"\s*\d{4}\s*[年\-/.]", value):
        return None
    if len(value) > 60:
        return None
    return start, stop


@lru_cache(maxsize=1024)
def _label_info(label: str) -> tuple[str | None, str | None]:
    """(side, role) a field label states; (None, None) for a label that names no party
    (``法定代表人``, ``甲方地址``) or is too long to be a label."""
    if _NOT_NAME_LABEL.search(label) or len(re.sub(r"[\s*#]", "", label)) > 16:
        return None, None
    side, role = _side(label), role_word(label)
    if role is None and side in SIDES and (said := _BRACKETED.search(label)) is not None:
        role = defined_role(said.group(1))  # "甲方（機關）", "乙方（廠商）": the label defines the side by that word
    return side, role


_BRACKETED = re.compile(r"\(\s*([^()]{1,8}?)\s*\)")  # (compiled at import: kept by tracker.regex_cache)


def definitions(text: str) -> list[PartyDef]:
    """Every party definition in ``text`` (normalised), in text order."""
    out: list[PartyDef] = []
    for label, label_start, value_start in _labelled(text):
        side, role = _label_info(label)
        if side is None and role is None:
            continue
        name = _name_after(text, value_start)
        if name is None and role is None:
            continue  # "甲方：" with no name and no role defines nothing
        tail_role = re.search(r"\(([^()]{1,12})\)$", text[name[0]:name[1]]) if name else None
        if name and tail_role and role_word(tail_role.group(1)):  # "甲方：A公司（委托方）"
            role = role or role_word(tail_role.group(1))
            name = (name[0], name[0] + tail_role.start())
        if name is not None:  # "委任人：A公司（以下简称甲方）": the side is in the bracket after the name
            tail = re.match(r"\s*\(\s*(?:以下|下)(?:简称|称)?\s*[\"“”「」']?(?P<side>甲方|乙方)", text[name[1]:name[1] + 20])
            if tail and side is None:
                side = tail.group("side")
        out.append(PartyDef(side, role, name, label_start, "field"))
    for m in _preambles(text) if "下" in text else ():
        side = m.group("side")
        role = role_word(m.group("role") or "") or (role_word(side) if side not in SIDES else None)
        name = m.start("name"), m.end("name")
        if re.match(r"\s*[:：]", text[m.end():m.end() + 4]):
            continue  # "招标机关（以下简称机关）：某局": a label and its short name; the name follows the colon
        own = re.search(r"(甲方|乙方)$", m.group("name"))
        if own and side not in SIDES:  # 甲方（以下简称“服务提供方”）: a role, not a name
            out.append(PartyDef(own.group(1), role_word(side), None, m.start()))
            continue
        lead = re.match(r".*(?:[:：由与和及]|鉴于)\s*", text[name[0]:name[1]])  # "本合同由A公司" keeps only the name
        if lead and name[1] - name[0] - lead.end() >= 4:
            name = (name[0] + lead.end(), name[1])
        out.append(PartyDef(side if side in SIDES else None, role, name, m.start(), "preamble"))
    for rx in (_BRACKET_AFTER, _AS_ROLE):
        for m in rx.finditer(text):
            role = role_word(m.group("role"))
            if role:
                out.append(PartyDef(m.group("side"), role, None, m.start()))
    for m in _SIDE_IN_BRACKET.finditer(text):
        before = _ROLE_BEFORE.search(text, max(0, m.start() - 8), m.start())
        if before:
            out.append(PartyDef(m.group("side"), role_word(before.group("role")), None, before.start()))
    out += [PartyDef(None, a.role, a.name, a.pos, "field" if a.labelled else "preamble", a.alias)
            for a in aliases(text)]
    out.sort(key=lambda d: d.pos)
    return out


def roles(text: str, defs: list[PartyDef] | None = None) -> dict[str, str]:
    """甲方/乙方 → client/provider as the contract defines them (the first definition of a
    side wins; one side defined fixes the other), and each short name the contract gives a
    party (``机关`` → client)."""
    out: dict[str, str] = {}
    defs = definitions(text) if defs is None else defs
    for d in defs:
        if d.side and d.role in ("client", "provider") and d.side not in out:
            out[d.side] = d.role
    if not out:
        m = _COMMISSIONS.search(text)  # 甲方委托乙方: the side that commissions is the client
        if m:
            out[m.group("side")] = "client"
    if len(out) == 1:
        (side, role), = out.items()
        out["乙方" if side == "甲方" else "甲方"] = OTHER[role]
    for d in defs:
        if d.alias and d.role and d.alias not in out:
            out[d.alias] = d.role
    for body in joint_bodies(text):  # 管理委员会，由双方各委派…组成: a duty of both
        out.setdefault(body, "both")
    return out


def names(text: str, side_roles: dict[str, str], body: tuple[int, int] | None = None,
          defs: list[PartyDef] | None = None) -> dict[str, tuple[int, int]]:
    """client/provider → the span of its name. Definitions before ``body`` (cover, preamble)
    are read first, then those after it (signature block), then those inside it."""
    found: dict[str, tuple[int, int]] = {}
    all_defs = [d for d in (definitions(text) if defs is None else defs) if d.name]
    a, b = body if body else (len(text), len(text))
    fields = [d for d in all_defs if d.how == "field"]
    regions = ([d for d in fields if d.pos < a], [d for d in fields if d.pos >= b],
               [d for d in all_defs if d.how == "preamble"], [d for d in fields if a <= d.pos < b])
    for region in regions:
        for d in region:
            role = side_roles.get(d.side) if d.side else None
            role = role or d.role
            if role in ("client", "provider") and role not in found:
                found[role] = d.name  # type: ignore[assignment]
        if len(found) == 2:
            break
    return found


__all__ = ["PartyDef", "ROLE_WORDS", "definitions", "names", "roles"]
