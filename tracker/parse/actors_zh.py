"""Who must act in a Chinese duty sentence: the subject before its time ("甲方应在…内"), a passive's
actor ("由甲方退还"), the head of a clause, the sentence that refers to a table naming no party."""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.parse import kinds_zh, lexicon_zh
from tracker.parse.annex_refs_zh import _referring_sentence
from tracker.parse.context_zh import Ctx, _role_word
from tracker.parse.lexicon_zh import BOTH_RX
from tracker.regex_own import own_if

_SUBJECT_AFTER = r"[\"“”「」']?\s*(?:应|须|需|必须|负责|承担|支付|向|将|按|于|在|最迟|不晚于|完成|提交|交付|提供)"


_PAYMENT_ACTION, _BOTH_SUBJECT = re.compile(lexicon_zh.PAYMENT_ACTION), re.compile(r"(?:^|[,:])\s*(?:双方|各方)均?(?:应当|应|须|需)")
#: the act a passive "由甲方…" names its actor for: "履约保证金…由甲方无息退还乙方"
_ACT_AFTER = re.compile(rf"[^,。;]{{0,8}}?(?:{lexicon_zh.OTHER_ACTION}|{lexicon_zh.PAYMENT_ACTION})")
_CLAUSE_CUT = re.compile(r"[,;]")
#: a party word after these is an object or a companion, not the subject ("向甲方", "由甲方", "与乙方"); in the words
#: before the deadline 对 joins them ("对甲方"), and a joint subject (双方) is an object after 经/由/与/向/对
_NOT_SUBJECT = ("向", "给", "由", "与", "和", "及")


@lru_cache(maxsize=32)
def _party_rxs(words: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A contract's party words; as a subject before a duty word; at the head of a clause; as the receiver
    opening a deadline phrase ("甲方收到发票后")."""
    with own_if(words == lexicon_zh.PARTY_RX.pattern):  # no short names of the contract's: kept between runs
        return (re.compile(words), re.compile(rf"({words}){_SUBJECT_AFTER}"), re.compile(rf"(?:^|(?<=[,:]))\s*({words})"),
                re.compile(rf"\s*({words})\s*(?:在|于)?(?:收到|接到|收讫|签收)"))


def _subjects(subject_rx: re.Pattern[str], sentence: str) -> list[re.Match[str]]:
    """The party words used as a subject in ``sentence`` (not "向甲方", "由甲方")."""
    return [m for m in subject_rx.finditer(sentence) if sentence[max(0, m.start() - 1):m.start()] not in _NOT_SUBJECT]


def actor(ctx: Ctx, sentence: str, kind: str, prefix: str = "", time: str = "") -> str:
    """The party that must act: the subject before the deadline phrase ("甲方应在…内"), else the
    first 甲方/乙方 used as a subject in the rest (not "向甲方"). A deadline phrase ``time`` that
    opens with its receiver ("…，乙方开具发票，甲方收到发票后30日内支付") names the subject when none
    follows it: who receives the paper acts on it."""
    words = ctx.party_rx().pattern
    words_rx, subject_rx, clause_head_rx, receiver_rx = _party_rxs(words)
    if time and (got := receiver_rx.match(time)) and not _subjects(subject_rx, sentence):
        prefix += got.group(1)
    subjects = [m for m in words_rx.finditer(prefix)
                if prefix[max(0, m.start() - 1):m.start()] not in (*_NOT_SUBJECT, "对")]
    both = [m for m in BOTH_RX.finditer(prefix) if prefix[max(0, m.start() - 1):m.start()] not in ("经", "由", "与", "向", "对")]
    if both and (not subjects or both[-1].start() > subjects[-1].start()):
        return "both"  # "双方于每月5日前…对账": a duty of both sides
    if subjects and (role := ctx.role_of(subjects[-1].group(0)) or _role_word(subjects[-1].group(0))):
        return role
    if kind == "payment" and (pay := _PAYMENT_ACTION.search(sentence)):
        cut = _CLAUSE_CUT.search(sentence, pay.end())  # "余款…于…内支付，期间…乙方应免费更正": the payer is no later subject
        sentence = sentence[:cut.start()] if cut else sentence
    if _BOTH_SUBJECT.search(sentence) and not subjects:
        return "both"  # "…期满后15日内，双方应删除从对方获取的全部数据"
    for m in _subjects(subject_rx, sentence):
        role = ctx.role_of(m.group(1)) or _role_word(m.group(1))
        if role:
            return role
    for m in words_rx.finditer(sentence):  # "…之日起10个工作日内由甲方无息退还乙方": the passive's actor
        if sentence[max(0, m.start() - 1):m.start()] == "由" and _ACT_AFTER.match(sentence, m.end()) \
                and (role := ctx.role_of(m.group(0)) or _role_word(m.group(0))):
            return role
    for m in clause_head_rx.finditer(sentence):  # "…之日起30日内，甲方无息退还…"
        role = ctx.role_of(m.group(1)) or _role_word(m.group(1))
        if role:
            return role
    return kinds_zh.default_party(kind)


def referring_actor(ctx: Ctx, intro: str, table_start: int, kind: str) -> str:
    """Who acts on a table whose heading names no party (``附件一 数据交付计划表``): the subject of
    the duty sentence elsewhere that refers to it (``许可方应按照附件一所列日期分批交付…``)."""
    ref = _referring_sentence(ctx, intro, table_start)
    return actor(ctx, ref, kind) if ref else actor(ctx, intro, kind)
