"""Parties a contract names by a short name of its own: ``机关：某局（以下简称机关）``,
``评测机构：某中心（天津）有限公司（以下简称"评测机构"）``, ``某公司（以下简称“许可方”）``.

A short name is a role word when the lexicon knows it (``许可方``, ``评测机构``), a word that
names a side only where a contract defines a party by it (``机关``, ``厂商``:
``lexicon_zh.DEFINED_ROLE_WORDS``), or unknown; with two parties defined and one role known,
the other party takes the other role. The rules then read the short name as they read 甲方:
``ctx.roles`` maps it to its role and ``party_rx`` finds it as a subject.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.parse.lexicon_zh import OTHER, PARTY_RX, SIDES, defined_role
from tracker.parse.party_self_zh import self_party
from tracker.record import record

#: what an organisation's name ends with (a law or a document defined by a short name is no party)
_ORG_END = re.compile(r"(?:公司|集团|中心|局|院|所|大学|学院|学校|厅|委员会|医院|银行|分行|支行|厂|部|处|办公室|协会|学会|"
                      r"基金会|合作社|事务所|合伙\)|合伙企业|机构|署|站|队|馆|社|台|司|会)$")
_NAME = r"(?:[^\s:()\"“”「」'‘’,，。;、]|\([^()\s]{1,10}\))"
#: where a short name is defined: the bracket after the name
_DEFINES = re.compile(r"\(\s*(?:以下|下文?)(?:简称|称)(?:为)?\s*[\"“”「」'‘’]?(?P<alias>[^\s()\"“”「」'‘’,，。;:]{1,8}?)"
                      # or two short names: "（下稱「法團」或「客戶」）"
                      r"[\"“”「」'‘’]?(?:\s*(?:或|及|、|/)\s*[\"“”「」'‘’]?(?P<alias2>[^\s()\"“”「」'‘’,，。;:或]{1,8}?)[\"“”「」'‘’]?)?\s*[,，)]")
#: the name before it (and its field label), read backwards from the bracket in a short window
#: (the name possessive: a shorter run of name characters cannot reach the end either, so no try gives any back)
_BEFORE = re.compile(rf"(?:(?P<label>[^\s:()\n,，。;、]{{1,10}})\s*:\s*\**\s*)?(?P<name>{_NAME}{{2,60}}+)\s*\Z")
_LEAD = re.compile(r".*(?:[由与和及]|鉴于|兹有|我司|我方|我公司|本公司)")


#: a party listed with its description and its short name at the end: "(1) 某有限公司，一家于香港注册
#: 成立的有限公司，注册办事处位于…（「客户」）" (the name is the line's first words, up to the comma; a
#: bracketed place inside it stays: 港湾通物流（香港）有限公司)
_LISTED = re.compile(r"(?m)^[ \t]*(?:\(\d\)|\d[.、]|[一二三四][、.])?[ \t]*(?P<name>(?:[^\s,，:()]|\([^()\s]{1,10}\)){2,40}?(?:公司|集团|中心|局|院|大学|学院|所|银行))"
                     r"\s*,[^\n]{0,200}?\(\s*[「“\"'‘](?P<alias>[^」”\"'’\s()]{1,8})[」”\"'’]\s*\)")

#: what every ``_LISTED`` match holds (its short name's bracket and quote): one quick scan before the
#: pattern is tried at every line
_QUOTED_ALIAS = re.compile(r"\(\s*[「“\"'‘]")


@record(frozen=True)
class Alias:
    """A short name a contract gives a party, with the role and the name's span."""
    alias: str
    role: str | None
    name: tuple[int, int] | None
    pos: int
    labelled: bool


_COLON_NAME = re.compile(r"[ \t]*[:：][ \t]*(?P<n>[^\s()\"“”「」,，。;:]{4,40})")


def aliases(text: str) -> list[Alias]:
    """Every party a contract defines by a short name other than 甲方/乙方, with its role where
    the words say it or the other party's role implies it."""
    found: list[Alias] = []
    seen: set[str] = set()
    for m in _DEFINES.finditer(text) if "称" in text else ():
        alias, other = m.group("alias"), m.group("alias2")
        if alias in SIDES or alias in seen or other in SIDES:
            continue  # (（下稱「委託方」或「甲方」）: a side's definition, read by parties_zh)
        lo = max(0, m.start() - 80)
        b = _BEFORE.search(text, lo, m.start())
        if b is None:
            continue
        label = b.group("label") or ""
        name = b.start("name"), b.end("name")
        if (field := _COLON_NAME.match(text, m.end())) is not None:
            # "招标机关（以下简称机关）：某市交通局": the words before the bracket are the label, the name follows
            label, name = text[name[0]:name[1]], field.span("n")
        lead = _LEAD.match(text, name[0], name[1])
        if lead and name[1] - lead.end() >= 2:  # "本合同由A公司" keeps only the name
            name = (lead.end(), name[1])
        if re.search(r"(?:甲方|乙方)$", text[name[0]:name[1]]):
            continue  # "甲方（以下简称“服务提供方”）": a role for a side, read by parties_zh
        role = defined_role(alias) or (defined_role(other) if other else None) or (defined_role(label) if label else None)
        if role not in ("client", "provider") and not _ORG_END.search(text, name[0], name[1]):
            continue  # "采购法（以下简称采购法）": not a party
        for each in (alias, other) if other and other not in seen else (alias,):
            seen.add(each)
            found.append(Alias(each, role if role in ("client", "provider") else None, name, b.start(), bool(label)))
    for m in _LISTED.finditer(text) if _QUOTED_ALIAS.search(text) else ():  # "(1) 某有限公司,一家于香港注册成立…(「客户」)"
        alias = m.group("alias")
        if alias in SIDES or alias in seen:
            continue
        seen.add(alias)
        role = defined_role(alias)
        found.append(Alias(alias, role if role in ("client", "provider") else None, m.span("name"), m.start(), True))
    found += _field_aliases(text, seen)
    known = {a.role for a in found if a.role}
    parties = len({a.name for a in found})  # (a party with two short names is one party)
    if len(found) == 2 and not known and (payer := _payer(text, [a.alias for a in found])) is not None:
        known = {"client"}  # 我司/贵司 in a letter: the one who pays the fee is the client
        found = [Alias(a.alias, "client", a.name, a.pos, a.labelled) if a.alias == payer else a for a in found]
    if parties == 2 and len(known) == 1:
        (role,) = known
        found = [a if a.role else Alias(a.alias, OTHER[role], a.name, a.pos, a.labelled) for a in found]
    if not found and (me := self_party(text)) is not None:  # "本公司将于…" in a quotation to its 客户
        found = [Alias(me[0], me[1], me[2], me[3], False)]
    return [a for a in found if a.role]


#: a party's field line whose label is a word of the contract's own: "**平台方**：北京某科技有限公司"
_FIELD = re.compile(r"(?m)^[ \t*>\-]*(?P<label>[\u4e00-\u9fff]{2,6}?(?:方|人))\s*\**\s*[:：]\s*\**\s*(?P<name>[^\s:：()（）*|]{2,60}?)\s*\**\s*$")


def _field_aliases(text: str, seen: set[str]) -> list[Alias]:
    """Parties listed as "LABEL：organisation" by a label no lexicon knows (平台方), when the other
    party's label says its role (订阅方): the unknown one takes the other role and its label acts
    as a subject. Nothing when more than one label is unknown or no known one says a role."""
    head = text[:3000]
    known: set[str] = set()
    unknown: list[tuple[str, tuple[int, int], int]] = []
    for m in _FIELD.finditer(head) if ":" in head or "：" in head else ():
        label, name = m.group("label"), m.span("name")
        if not _ORG_END.search(text, name[0], name[1]):
            continue
        role = defined_role(label)
        if role in ("client", "provider"):
            known.add(role)
        elif label not in SIDES and label not in seen:
            unknown.append((label, name, m.start()))
    if len(unknown) != 1 or len(known) != 1:
        return []
    label, name, pos = unknown[0]
    seen.add(label)
    return [Alias(label, OTHER[next(iter(known))], name, pos, True)]


def _payer(text: str, names: list[str]) -> str | None:
    """Of two short names no role word explains, the one that pays: the subject of 支付/付款
    more often than the other."""
    counts = {n: len(re.findall(rf"{re.escape(n)}(?:应|须|需|将)?(?:于|在)?[^,。;]{{0,24}}?(?:支付|付清|付款)", text)) for n in names}
    best = max(counts.values())
    top = [n for n, c in counts.items() if c == best]
    return top[0] if best > 0 and len(top) == 1 else None


#: a body both parties staff: "联合实验室设管理委员会，由双方各委派三名委员组成" → 管理委员会 acts for both
_JOINT = re.compile(r"(?:设|设立|成立|组建|建立)(?:联合实验室|项目)?(?P<name>[\u4e00-\u9fff]{0,8}?(?:委员会|工作组|领导小组|项目组|协调小组))"
                    r"\s*[,，]?\s*(?:由|其成员由)\s*(?:甲乙)?双方")


def joint_bodies(text: str) -> list[str]:
    """Names of the bodies the contract sets up with members from both sides (they act as 双方)."""
    return sorted({m.group("name") for m in _JOINT.finditer(text)} if "双方" in text else set())


@lru_cache(maxsize=64)
def party_rx(extra: tuple[str, ...]) -> re.Pattern[str]:
    """``PARTY_RX`` with a contract's own short names added (longest first)."""
    if not extra:
        return PARTY_RX
    words = "|".join(re.escape(w) for w in sorted(extra, key=len, reverse=True))
    return re.compile(f"(?:{words}|{PARTY_RX.pattern})")
