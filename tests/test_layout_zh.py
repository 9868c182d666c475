"""Layout mechanisms of the Chinese parser: cover page, document heading, several duties in one
sentence, the outline of any numbering, the signing date, a deadline table; unit rows and one
small contract end to end. Expected values are written by hand."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.parse import parse_text
from tracker.parse.common import Facts, Unit
from tracker.parse.cover_zh import heading_title, term_from_cover
from tracker.parse.duties_zh import split
from tracker.parse.normalize import normalize


@pytest.mark.parametrize(("cover", "end"), [
    ("有效期限：2025年1月20日至2026年1月19日", date(2026, 1, 19)),
    ("合同期限：2024年1月1日—2024年12月31日", date(2024, 12, 31)),
    ("有效期：2025-03-01 至 2026-02-28", date(2026, 2, 28)),
    ("履行期限：2025年5月1日到2025年10月31日", date(2025, 10, 31)),
    ("签订日期：2025年1月20日", None),
    ("有效期限：一年", None),
    ("签订地点：2025年1月20日至2026年1月19日在上海", None),
])
def test_cover_term(cover: str, end: date | None) -> None:
    text = normalize(f"技术服务合同\n\n项目名称：某项目\n{cover}\n\n1. 总则\n1.1 本合同…\n").text
    facts = Facts()
    term_from_cover(text, text.index("1. 总则"), facts)
    assert facts.end_date == end
    if end:
        assert facts.term_span is not None and facts.term_span[0] is None  # a cover is no clause


@pytest.mark.parametrize(("head", "title"), [
    ("# 智能驾驶感知数据标注服务框架协议\n\n**协议编号**：X-1\n", "智能驾驶感知数据标注服务框架协议"),
    ("技术服务合同\n\n委托方（甲方）：A公司\n", "技术服务合同"),
    ("**软件开发合同书**\n", "软件开发合同书"),
    ("首页 > 合同范本 > 技术合同\n", None),
    ("本合同由甲乙双方签订。\n", None),
])
def test_heading_title(head: str, title: str | None) -> None:
    text = normalize(head + "\n第一条 总则\n").text
    span = heading_title(text, text.index("第一条"))
    assert (text[span[0]:span[1]] if span else None) == title


@pytest.mark.parametrize(("sentence", "pieces"), [
    ("甲方应于2025年2月14日前向乙方提供图像数据，于2025年3月10日前提供点云数据", 2),
    ("乙方应于2025年3月1日前完成数据标注，并于合同签订之日起90日内交付模型，甲方应予配合", 2),
    ("甲方应在合同签订之日起10个工作日内向乙方支付30%，计人民币144,000元", 1),
    ("预付款：合同签订后10个工作日内，甲方向乙方支付合同金额的30%", 1),
    ("自2025年1月1日起至2025年12月31日止，乙方提供运维服务", 1),
])
def test_split_duties(sentence: str, pieces: int) -> None:
    text = normalize(sentence).text
    got = split(text, Unit("1", 0, len(text)))
    assert len(got) == pieces
    assert [cont for _, cont in got] == [False] + [True] * (pieces - 1)


CONTRACT = """数据标注服务合同

项目名称：道路图像标注项目
委托方（甲方）：苏州甲公司
受托方（乙方）：贵州乙公司
签订日期：2025年3月3日
有效期限：2025年3月3日至2026年3月2日

1. 服务内容
1.1 乙方为甲方提供道路图像标注服务。
1.2 质保期为终验合格之日起一年。

2. 交付
2.1 甲方应于2025年3月10日前向乙方提供第一批图像，于2025年4月10日前提供第二批图像。
2.2 双方于每月5日前对上月交付的批次进行对账。

3. 付款
3.1 本合同总额为人民币100,000元。
3.2 质保金：合同总额的5%，质保期满后甲方一次性支付。

4. 违约责任
4.1 乙方逾期交付的，每逾期一日，按合同总额的千分之一支付违约金。
4.2 乙方逾期交付超过20日的，甲方有权解除合同。

（以下无正文）

甲方（盖章）：苏州甲公司
日期：2025年3月3日

附件一：订单

下单日期：2025年4月1日

1. 交付安排

| 批次 | 数量 | 交付日期 |
|---|---|---|
| 第三批 | 8,000张 | 2025年5月5日前 |
"""


def test_small_contract_end_to_end() -> None:
    r = parse_text(CONTRACT, "x.txt")
    c = r.contract
    assert (c.client, c.provider, c.title) == ("苏州甲公司", "贵州乙公司", "道路图像标注项目")
    assert c.signed_date == date(2025, 3, 3)  # the order's 下单日期 is not the signing date
    assert c.expiry_date == date(2026, 3, 2)
    expiry = next(o for o in r.obligations if o.kind == "contract_expiry")
    assert expiry.clause is None and expiry.trigger is None  # quoted from the cover page
    data = sorted((o.due_date, o.party, o.clause) for o in r.obligations if o.kind == "data_delivery")
    assert data == [(date(2025, 3, 10), "client", "2.1"), (date(2025, 4, 10), "client", "2.1")]
    recon = next(o for o in r.obligations if o.recurrence)
    assert (recon.kind, recon.party, recon.recurrence) == ("other", "both", "FREQ=MONTHLY;BYMONTHDAY=5")
    retention = next(o for o in r.obligations if o.kind == "payment")
    assert retention.trigger is not None
    assert (retention.trigger.event, retention.trigger.offset, retention.amount) == ("acceptance", "P1Y", 5000)
    row = next(o for o in r.obligations if o.clause == "附件一.1")
    assert (row.kind, row.party, row.due_date) == ("other", "provider", date(2025, 5, 5))
    (late,) = [p for p in c.penalties if p.kind == "late_delivery"]
    assert (late.clause, late.suspend_after_days) == ("4.1", 20)


# ---------------------------------------------------------------- outline (tracker.parse.clauses)

OUTLINES = [
    # (document, {phrase: clause label of the segment holding it})
    ("第三条 付款\n3.1 甲方付首期款。\n①预付款；\n②尾款。\n第四条 其他\n（一）一式两份。\n（二）签字生效。\n",
     {"甲方付首期款": "3.1", "②尾款": "3.1", "一式两份": "4.1", "签字生效": "4.2"}),
    ("第一条 服务\n①数据标注；\n②模型训练。\n第二条 付款\n1、预付款；\n2、尾款。\n",
     {"数据标注": "1.1", "模型训练": "1.2", "预付款": "2.1", "尾款": "2.2"}),
    ("一、标的\n（一）乙方开发系统。\n1. 需求分析；\n2. 编码。\n（二）乙方部署系统。\n二、价款\n（一）总价100万元。\n",
     {"需求分析": "1.1", "编码": "1.1", "部署系统": "1.2", "总价": "2.1"}),
    ("1. 总则\n1.1 定义。\n1.2 目的：(1) 甲；(2) 乙。\n2. 交付\n2.1 乙方交付模型。\n2.1.1 第一批。\n",
     {"定义": "1.1", "目的": "1.2", "乙方交付模型": "2.1", "第一批": "2.1.1"}),
    ("第一条 价款\n本合同总价100万元。\n第二条 其他\n本合同一式两份。\n甲方（盖章）：A公司\n乙方（盖章）：B公司\n\n"
     "补充条款\n\n一、交付期限变更为2026年12月31日。\n二、本补充条款优先。\n",
     {"总价": "1", "一式两份": "2", "变更为": "补充条款.1", "优先": "补充条款.2"}),
    ("第1条 标的\n1.1 标注服务。\n第2条 其他\n2.1 一式两份。\n（以下无正文）\n甲方（盖章）：A公司\n\n附件一：订单\n"
     "1. 交付安排\n2. 付款安排：见上。\n",
     {"标注服务": "1.1", "一式两份": "2.1", "交付安排": "附件一.1", "付款安排": "附件一.2"}),
    # a numbered title line followed by N.1 is the article's heading; "3. 每日" inside a clause is not
    ("1. 服务内容\n1.1 标注。\n\n2. 违约责任\n2.1 逾期交付的，支付违约金。\n2.2 计算方式：\n3. 每日千分之一。\n",
     {"服务内容": "1", "标注": "1.1", "违约责任": "2", "支付违约金": "2.1", "每日千分之一": "2.2"}),
    # a contract in parts (政府采购合同): the signed 协议书 first, then the general and the special
    # conditions with outlines of their own; the special conditions number their clauses after the
    # general ones (2.1, 2.4, then 4.1), so a clause number may skip
    ("第一部分 合同协议书\n一、合同金额：十万元。\n二、本合同自签字之日起生效。\n甲方（盖章）：A局\n乙方（盖章）：B公司\n\n"
     "第二部分 合同通用条款\n1. 定义\n1.1 服务是指全部服务。\n2. 价款\n2.1 按专用条款支付。\n\n"
     "第三部分 合同专用条款\n2.1 服务期限一年。\n2.4 乙方应于期满前30日提交年度报告。\n4.1 预付款于签订后10日内支付。\n",
     {"合同金额": "1", "全部服务": "1.1", "按专用条款": "2.1", "服务期限一年": "2.1", "年度报告": "2.4", "预付款": "4.1"}),
    # chapters numbered with capital numerals (壹、贰、), each numbering its articles from 一、
    ("壹、服务范围\n一、乙方提供顾问服务。\n二、验收标准见附件。\n贰、服务期间\n一、服务期间为六个月。\n二、甲方应于签订后十日内提供资料。\n",
     {"提供顾问服务": "1.1", "验收标准": "1.2", "六个月": "2.1", "提供资料": "2.2"}),
    # Part headings in English restart the outline too; "PART 2" after the signatures goes on
    ("1. SCOPE\nThe Vendor shall label data.\nSigned for and on behalf of the Client:\nName: A\n\n"
     "PART 2 GENERAL TERMS\n1. FEES\nThe Client shall pay within 30 days.\n",
     {"label data": "1", "pay within": "1"}),
]


@pytest.mark.parametrize(("doc", "where"), OUTLINES, ids=[f"outline{i}" for i in range(len(OUTLINES))])
def test_outline(doc: str, where: dict[str, str]) -> None:
    from tracker.parse.clauses import segment

    text = normalize(doc).text
    clauses = segment(text)
    got = {phrase: clauses.label_at(text.index(normalize(phrase).text)) for phrase in where}
    assert got == where


def test_cross_reference_is_no_article() -> None:
    from tracker.parse.clauses import segment

    text = normalize("鉴于甲方依据第三条约定委托乙方。\n第一条 标的\n1.1 标注。\n").text
    assert segment(text).label_at(text.index("依据")) is None


@pytest.mark.parametrize(("tail", "signed"), [
    # two signing dates: the later one
    ("甲方（盖章）：A公司\n签订日期：2024年09月20日\n乙方（盖章）：B公司\n签订日期：2024年09月23日\n", date(2024, 9, 23)),
    # the signature block wins over a statement in the body
    ("甲方（盖章）：A公司\n日期：2025年1月3日\n", date(2025, 1, 3)),
    # a document after the signatures (an order) has its own dates
    ("甲方（盖章）：A公司\n日期：2025年1月3日\n\n附件一：订单\n下单日期：2025年2月10日\n1. 交付\n日期：2025年2月10日\n",
     date(2025, 1, 3)),
    # no signature date: the body's statement
    ("甲方（盖章）：A公司\n乙方（盖章）：B公司\n", date(2025, 2, 1)),
])
def test_signing_date(tail: str, signed: date) -> None:
    body = ("第一条 标的\n本合同于2025年2月1日在上海签订。\n第二条 期限\n合同履行期限：自本合同签订之日起至2026年6月30日止。\n"
            "（以下无正文）\n")
    assert parse_text(body + tail, "x.txt").contract.signed_date == signed


@pytest.mark.parametrize("sentence", [
    "1.1 本合同自双方签署之日起生效，服务期为自生效之日起12个月。",  # the term: derived, not a duty
    "1.1 初验合格后系统上线试运转一个月，试运转期满后办理最终验收。",  # a service period's length
    "1.1 系统上线试运行满30日且无重大缺陷的，乙方可提出终验申请，甲方应组织终验。",
])
def test_no_obligation_from_term_or_service_period(sentence: str) -> None:
    doc = f"委托方（甲方）：A公司\n受托方（乙方）：B公司\n\n1. 期限与验收\n{sentence}\n1.2 乙方应于2025年3月1日前交付模型。\n"
    r = parse_text(doc, "x.txt")
    assert [o.clause for o in r.obligations if o.kind not in ("contract_expiry",)] == ["1.2"]
