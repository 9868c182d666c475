"""A document written in the first person: a quotation, an offer or a letter one party issues speaks
of itself as 本公司 / 我司 / 我方 and of the other by a role word (客户, 采购方, 供应商). The self-word
then names the other role, and the issuer's name is its letterhead: the organisation named alone on
one of the document's first lines (``# 某某科技有限公司``)."""

from __future__ import annotations

import re

from tracker.parse.lexicon_zh import OTHER, PARTY_RX, ROLE_WORDS

#: a self-word acting: "本公司将于…", "我司须…" (not "本公司代表：", a signature label)
_SELF = re.compile(r"(本公司|我司|我公司|我方)(?=\s*(?:将|须|需|应|会|负责|承诺|保证|有权|于|在|可))")
_ORG = r"(?:有限公司|股份公司|公司|集团|有限责任公司|中心|事务所|研究院|工作室)"
#: the letterhead: an organisation's name alone on a line, near the top
_LETTERHEAD = re.compile(rf"(?m)^[ \t#*>]*(?P<n>[^\s|:：()（）*#,，。]{{2,40}}?{_ORG})[ \t*]*$")
_SUBJECT_AFTER = r"(?=\s*(?:须|应|需|将|会|负责|承诺|于|在|如|逾期|未))"


#: a party word (甲方/乙方 or a one-side role word) as a subject
_ROLE_SUBJECT = re.compile(rf"(?:{PARTY_RX.pattern}){_SUBJECT_AFTER}")


def self_party(text: str) -> tuple[str, str, tuple[int, int] | None, int] | None:
    """(self-word, its role, the letterhead's span or None, where the self-word first acts) for a
    document in the first person whose other party is named by one role word only; else None."""
    me = _SELF.search(text)
    if me is None:
        return None
    others = {ROLE_WORDS.get(m.group(0), "side") for m in _ROLE_SUBJECT.finditer(text)}
    if len(others) != 1 or "side" in others:
        return None  # 甲方/乙方 define the sides, or both roles are named: no guess
    role = OTHER[others.pop()]
    head = _LETTERHEAD.search(text, 0, min(len(text), 600))
    return me.group(1), role, head.span("n") if head else None, me.start()
