"""Obligation kinds from a duty's wording (Chinese): which kind the words name, settled by who
acts, and whether a hand-over is of data. The vocabularies are the lexicon's (``lexicon_zh``)."""

from __future__ import annotations

import re

from tracker.parse.common import title_line
from tracker.parse.lexicon_zh import (
    DATA_HAND_OVER,
    DATA_OBJECT,
    DATA_WORK,
    DELIVERABLE,
    DEPOSIT,
    DISPOSE,
    EVALUATION_REPORT,
    EVALUATION_REPORT_NOUN,
    HAND_OVER,
    KIND_NOT_OBLIGATION,
    METRIC_WORDS,
    MODEL_ACTION,
    NOT_DATA_OBJECT,
    NOT_MODEL_EVALUATION,
    OTHER_ACTION,
    PAPER_DELIVERABLE,
    PAPER_HEAD,
    PAYMENT_ACTION,
    PAYMENT_NOT,
    PAYMENT_PAPERS,
    PERIODIC_REPORT,
    PLACE_DELIVERABLE,
    PROGRESS_REPORT,
    RACKING,
    SERVICE_OPENING,
    SUMMARY,
)

_MODEL_FILE = re.compile(rf"(?:{DELIVERABLE}|权重)文件$")  # the model's file is the model, not a paper about it
_OBJECT_BEFORE = re.compile(r"(?:将|把)([^,。;:将把]{1,30})$")  # 将X交付
_OBJECT_AFTER = re.compile(r"(?:\d,\d|[^,。;:]){0,40}")  # 交付X


def _objects(action: str, verb: re.Match[str]) -> list[str]:
    """The conjuncts of a hand-over's object: X in 将X交付, else the words after the verb."""
    before = _OBJECT_BEFORE.search(action, 0, verb.start())
    obj = before.group(1) if before else _OBJECT_AFTER.match(action, verb.end()).group(0)  # type: ignore[union-attr]
    if not obj.strip() and (topic := re.match(r"\s*([^,。;:]{1,30}?)\s*:[^,。;:]{0,6}?(?:应|须)", action)) is not None:
        obj = topic.group(1)  # "第一批结构化资料:乙方应于…前交付": the verb's object is the item's topic
    # (not inside a title: 《数据采集及标注规范》 is one document)
    return [c for c in re.split(r"(?:及其|以及|及|和|与|、)(?![^《》]*》)", obj) if c.strip()] or [obj]

# compiled at import, so kept by tracker.regex_cache between runs
_PAPER_END = re.compile(PAPER_HEAD + r"[》\"”]?\s*$")
_HAND_OVER = re.compile(HAND_OVER)
_NEXT_ACT = re.compile(rf"并|且|再|然后|同时|{HAND_OVER}")  # where a hand-over's object ends
_NOMINAL_HAND_OVER = re.compile(rf"(?:{DATA_OBJECT})的?(?:{HAND_OVER})")
_DATA_FILES = re.compile(rf"(?:{DATA_OBJECT})(?:文件|副本)$")  # files of data: 样本文件, 影像文件
_NOT_MODEL_EVALUATION_REPORT = re.compile(rf"(?:{NOT_MODEL_EVALUATION})[^,。;]{{0,6}}(?:评估|测试|检测){SUMMARY}?报告")


def _conjunct_is_data(c: str) -> bool | None:
    """True: data (its head is); False: paperwork, an account, a place, hardware; None: unnamed."""
    # (less a bracketed remark, a count, or the side it goes to: "系统架构文件予乙方")
    head = re.sub(r"[(（][^()（）]*[)）]\s*$|[\d,.]+\s*[万千百]?[条份张件套小时个例]*\s*$|(?:予|给予?|交予|交给)\s*(?:甲方|乙方|对方)\s*$"
                  r"|(?:以?书面(?:形式|方式)?|一并|及时|正式|分别)\s*$", "", c.strip())  # ("将整改说明书面提交乙方")
    if _PAPER_END.search(head) and not _DATA_FILES.search(head):
        return False  # (not a data set's files: "样本文件", "影像文件")
    if re.search(DATA_OBJECT, head):
        return True
    return False if re.search(NOT_DATA_OBJECT, head) else None


def hands_over_data(action: str, unnamed: bool = False) -> bool:
    """Some 提供/交付/提交… in ``action`` hands over data (a conjunct of its object is data; with
    ``unnamed``, a conjunct that names nothing else counts too). Disposing of data never does."""
    if re.search(DISPOSE, action):
        return False
    if _NOMINAL_HAND_OVER.search(action):
        return True  # a nominal hand-over: "完成首批训练数据的上传"
    for verb in re.finditer(HAND_OVER, action):
        kinds = [_conjunct_is_data(c) for c in _objects(action, verb)]
        if True in kinds or (unnamed and None in kinds):
            return True
    return False


def _without_papers(action: str) -> str:
    """``action`` without its hand-overs of paperwork alone (each conjunct of the object ends in a
    paper's head: 方案, 文档, 报告…), the verb and its object blanked."""
    out = action
    for verb in _HAND_OVER.finditer(action):
        # the object ends where the next act begins: "交付模型并提供使用手册" hands over a model, then a manual
        nxt = _NEXT_ACT.search(action, verb.end())
        clause = action[:nxt.start()] if nxt else action
        objects = _objects(clause, verb)
        if all(_PAPER_END.search(head := _BRACKET.sub("", c).strip()) and not _MODEL_FILE.search(head) for c in objects):
            after = _OBJECT_AFTER.match(clause, verb.end())
            end = after.end() if after and not _OBJECT_BEFORE.search(clause, 0, verb.start()) else verb.end()
            out = out[:verb.start()] + " " * (end - verb.start()) + out[end:]
    return out



def client_hands_data(action: str) -> bool:
    """A client's hand-over that is its data: its object is data or unnamed, not paperwork, an
    account, a place, help or hardware (开通数据接收账户，并提供账户信息; 将GPU服务器两台交付至实验室;
    提交资料使用计划书)."""
    return hands_over_data(action, unnamed=True)


def kind_of(action: str, party: str | None) -> str | None:
    """The obligation kind a duty's wording names, settled by who acts when ``party`` is known;
    ``None`` when it names none (or a penalty)."""
    if "(" in action:  # a bracketed remark is no part of the duty: "完成首批训练数据(不少于12万份…)的上传"
        action = _BRACKET.sub("", action)
    kind = _wording_kind(action, party)
    return settle_kind(kind, action, party) if party else kind


def data_work_title(text: str) -> str:
    """The document's title line when it names data work and no model or system ("資料標註勞務契約書"), else ""."""
    first = title_line(text)
    return first if re.search(DATA_WORK, first) and not re.search(DELIVERABLE, first) else ""


def _delivers_model(work: str) -> bool:
    return ("模型" in work and _MODEL_DONE.search(work) is not None) or _MODEL_ACTION.search(work) is not None


def opens_service_only(action: str) -> bool:
    """The duty is the model's delivery only because it opens a service (开通API密钥, 算力资源开通): in a
    contract that also delivers a model or a system, that opening is a step of its own (``other``)."""
    work = _without_papers(_BRACKET.sub("", action) if "(" in action else action)
    return _opens_service(work) and not _delivers_model(work)


def _opens_service(work: str) -> bool:
    """开通API密钥/实例/算力… (not servers racked and powered: hardware hosted)."""
    return _SERVICE_OPENING.search(work) is not None and _RACKING.search(work) is None


def series_kind(kind: str | None, action: str, recurrence: str = "") -> str | None:
    """The kind of a duty due again and again: a report due every week, month or quarter is a progress
    report (not a payment, nor an evaluation report named so, nor a yearly report that states the model's
    metrics: 每年7月31日前出具《年度节能量核证报告》，报告应载明…预测准确率)."""
    if kind != "payment" and _PERIODIC_REPORT.search(action) and not (kind == "evaluation_report" and (
            _EVALUATION_REPORT_NOUN.search(action) or recurrence.startswith("FREQ=YEARLY"))):
        return "progress_report"
    return kind


def default_party(kind: str) -> str:
    """Who acts when the wording names no one: the client pays and hands over its data, the provider does the rest."""
    return "client" if kind in ("payment", "data_delivery") else "provider"


def settle_kind(kind: str | None, action: str, party: str | None) -> str | None:
    """The kind once the actor is known: the provider's unnamed delivery is the model's
    ("交付日不得晚于…"), what a client hands over is its data, and data the provider hands over
    (a licensed data set, labelled data) is a deliverable (``other``), not ``data_delivery``; the model
    and the evaluation report are the provider's, so a client's duty about them is ``other``."""
    if kind == "other" and party == "provider" and "交付" in action and not re.search(PAPER_DELIVERABLE, action) \
            and not re.search(PLACE_DELIVERABLE, action) and not hands_over_data(action) and not re.search(DISPOSE, action):
        return "model_delivery"  # (not the hand-back at the end: "将甲方资料汇出交付甲方，并删除…")
    if kind == "other" and party == "client" and client_hands_data(action):
        return "data_delivery"
    if kind == "data_delivery" and party == "provider":  # (unless it hands over the model too: "交付识别模型及标注数据集")
        return "model_delivery" if "模型" in action and _wording_kind(action, party) == "model_delivery" else "other"
    if kind in ("model_delivery", "evaluation_report") and party == "client":
        # the client receives the model or the report: its own step (验收, 确认) is another duty; unless it
        # hands over its data ("提供…字段数据，并在建模环境中为乙方开通账号": the opening is the client's help)
        return "data_delivery" if kind == "model_delivery" and hands_over_data(action) else "other"
    return kind


#: the wording patterns, compiled once (a duty sentence asks up to ten of them)
_KIND_NOT_OBLIGATION = re.compile(KIND_NOT_OBLIGATION)
#: a bracketed remark, unless it names the metrics a report states ("期末报告应包含模型效能验证结果(准确率及召回率)")
_BRACKET = re.compile(rf"\((?![^()]*(?:{METRIC_WORDS}))[^()]{{0,40}}\)")
_PAYMENT_ACTION = re.compile(PAYMENT_ACTION)
_PAYMENT_PAPERS = re.compile(PAYMENT_PAPERS)
_PAYMENT_NOT = re.compile(PAYMENT_NOT)
_DEPOSIT = re.compile(DEPOSIT)
_EVALUATION_REPORT = re.compile(EVALUATION_REPORT)
_PROGRESS_REPORT = re.compile(PROGRESS_REPORT)
_PERIODIC_REPORT = re.compile(PERIODIC_REPORT)
_EVALUATION_REPORT_NOUN = re.compile(EVALUATION_REPORT_NOUN)
_MODEL_ACTION = re.compile(MODEL_ACTION)
_SERVICE_OPENING = re.compile(SERVICE_OPENING)
_RACKING = re.compile(RACKING)
_OTHER_ACTION = re.compile(OTHER_ACTION)
_SOURCE_CODE = re.compile(r"(?:交付|移交|提交)[^,。;]{0,12}?(?:源代码|源码)")
_SUMMARY = re.compile(rf"{SUMMARY}(?=报告)")  # 测试总报告 is a 测试报告
_MODEL_DONE = re.compile(r"交付|完成(?:模型)?训练|上线|部署")


def _wording_kind(action: str, party: str | None) -> str | None:
    if _KIND_NOT_OBLIGATION.search(_BRACKET.sub("", action) if "(" in action else action):
        # (a bracketed remark does not make a duty a penalty: "退还保证金(扣除违约金后的余额)")
        return None
    if _PAYMENT_ACTION.search(_PAYMENT_PAPERS.sub("", action)) and not _PAYMENT_NOT.search(action):
        return "other" if _DEPOSIT.search(action) else "payment"
    if (ev := _EVALUATION_REPORT.search(action)) and not (
            _SUMMARY.sub("", ev.group(0)) in ("评估报告", "测试报告", "检测报告")
            and _NOT_MODEL_EVALUATION_REPORT.search(action)):
        return "evaluation_report"  # a compliance, risk or security assessment is no evaluation of the model
    if _PROGRESS_REPORT.search(action):
        return "progress_report"
    if DATA_HAND_OVER.search(action) and party != "provider" and hands_over_data(action):
        return "data_delivery"
    if _SOURCE_CODE.search(action) and "模型" not in action:
        return "other"  # the source code and its documents: a deliverable of its own, not the model
    work = _without_papers(action)  # (交付算法设计方案, 提交模型设计文档: a paper about the model, no model)
    if _delivers_model(work) or _opens_service(work):
        return "model_delivery"
    if _OTHER_ACTION.search(action):
        return "other"
    return None
