"""Milestones a contract names by an identifier and defines elsewhere: "里程碑M2完成之日起十五日内"
where 附件二 says "M2  本系统开发完成并部署至委托人测试环境（系统交付）  二〇二六年九月三十日前".

``definitions`` reads each identifier's description from the line that starts with it (a table
row of the annex, a list item); ``expand`` gives a sentence with "里程碑M2完成" replaced by that
description, so the time layer reads the event it stands for (系统交付 → model_delivery), and the
offset map back to the original sentence.
"""

from __future__ import annotations

import re

from tracker.record import record

_ID = r"(?:M|m|节点|里程碑)\s*(?P<n>\d{1,2})"
#: a line (or a table row) that starts with an identifier and describes it in the next column
_DEF = re.compile(r"(?m)^[ \t|]*(?:里程碑\s*)?(?P<id>M\s*\d{1,2}|节点\s*\d{1,2})[ \t]*(?:[|:]|\t|[ ]{2,})[ \t]*"
                  r"(?P<desc>[^\n|\t]+?)(?=[ \t]*(?:\||\t|[ ]{2,}|$))")
#: where a sentence refers to one: "里程碑M2完成", "M3达成", "节点2通过"
_USE = re.compile(r"(?:里程碑\s*)?(?P<id>(?:M|节点)\s*\d{1,2})(?P<done>完成|达成|实现|通过|验收合格)?")


@record(frozen=True)
class Expanded:
    """A sentence with a reference replaced by what it refers to."""
    text: str
    at: int  # where the replacement starts in the original sentence
    old_len: int
    new_len: int

    def back(self, pos: int) -> int:
        """A position in the expanded sentence → the original one."""
        if pos <= self.at:
            return pos
        if pos >= self.at + self.new_len:
            return pos - self.new_len + self.old_len
        return self.at + self.old_len


def definitions(text: str) -> dict[str, str]:
    """identifier ("M2") → its description, from lines that start with it (first one wins)."""
    out: dict[str, str] = {}
    if not re.search(r"(?m)^[ \t|]*(?:里程碑\s*)?(?:M\s*\d|节点\s*\d)", text):
        return out
    for m in _DEF.finditer(text):
        key = re.sub(r"\s+", "", m.group("id")).upper()
        desc = m.group("desc").strip()
        if len(desc) >= 2 and not re.fullmatch(r"[-—\d.%]+", desc):
            out.setdefault(key, desc)
    return out


def expand(sentence: str, defs: dict[str, str]) -> Expanded | None:
    """``sentence`` with its first milestone reference replaced by the milestone's description."""
    if not defs:
        return None
    for m in _USE.finditer(sentence):
        key = re.sub(r"\s+", "", m.group("id")).upper()
        desc = defs.get(key)
        if desc is None:
            continue
        return Expanded(sentence[:m.start()] + desc + sentence[m.end():], m.start(), m.end() - m.start(), len(desc))
    return None
