"""Chinese contract shapes met in blind batches, as small hand-written contracts: a Hong Kong service
agreement (客户 / 服务供应商, no 甲乙, a signature block of party + signatory lines, 港币), a
subscription with a quarterly series from the second quarter, a lease with a deposit, a list whose
later items have no subject, and a service contract whose O&M period is its term."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.parse import parse_text

HK = """數據服務協議

客戶：香港甲物流有限公司（公司註冊編號：1876543），註冊辦事處位於香港九龍（「客戶」）；及
服務供應商：乙數據科技（香港）有限公司（公司註冊編號：2987651），註冊辦事處位於香港新界（「服務供應商」）。

第1條　釋義
1.1　「簽署日期」指本協議雙方簽署日期中較後者。
1.2　項目名稱：單據識別系統維護項目（「本項目」）。

第2條　服務費用
2.1　本協議總服務費為港幣100,000元。
2.2　客戶須於簽署日期起計十四日內支付首期款港幣40,000元。

第3條　期限
3.1　本協議自簽署日期起生效，為期十二個月。
3.2　任何一方擬續約的，須於本協議屆滿前不少於兩個月以書面通知另一方。

客戶：香港甲物流有限公司
授權簽署人：黃志強
日期：2025年12月10日

服務供應商：乙數據科技（香港）有限公司
授權簽署人：陳嘉欣
日期：2025年12月12日
"""


def test_hong_kong_agreement() -> None:
    c = parse_text(HK, "hk.txt").contract
    assert (c.client, c.provider) == ("香港甲物流有限公司", "乙數據科技（香港）有限公司")
    assert c.title == "單據識別系統維護項目"  # the defined-term bracket is not the title
    assert c.signed_date == date(2025, 12, 12)  # the later of the two signature lines
    assert (c.total_fee, c.currency) == (Decimal("100000"), "HKD")
    assert (c.term, c.expiry_date) == ("P12M", date(2026, 12, 12))
    assert (c.renewal_notice, c.renewal_notice_deadline) == ("P2M", date(2026, 10, 12))


SUBSCRIPTION = """大模型API订阅协议
订阅方（甲方）：成都甲保险代理有限公司
服务方（乙方）：青云乙科技有限公司

一、服务期限
1．服务期自2026年1月1日起至2026年12月31日止。
2．任何一方未在期满前提前60日书面通知对方不再续订的，本协议自动续期一年。
二、服务费用
1．年度订阅费为人民币180,000元，按季度预付。
2．甲方应于2026年1月10日前支付第一季度服务费人民币45,000元。
3．自第二季度起，甲方应于每季度首月10日前支付当季度服务费人民币45,000元。
三、违约责任
1．乙方未按约定期限上线模型的，每逾期一日，按年度订阅费的万分之三向甲方支付违约金。

甲方（盖章）：成都甲保险代理有限公司
日期：2025年12月26日
乙方（盖章）：青云乙科技有限公司
日期：2025年12月26日
"""


def test_subscription_series_from_the_second_quarter() -> None:
    r = parse_text(SUBSCRIPTION, "sub.txt")
    c = r.contract
    assert c.total_fee == Decimal("180000")
    assert (c.renewal_notice, c.renewal_notice_deadline) == ("P60D", date(2026, 11, 1))
    series = next(o for o in r.obligations if o.recurrence)
    assert (series.kind, series.party, series.amount) == ("payment", "client", Decimal("45000"))
    assert series.recurrence == "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=10"
    assert series.due_date == date(2026, 4, 10)  # the second quarter's first month, not January
    # 45,000 + 3 occurrences × 45,000 = 180,000: the instalments add up
    assert not [w for w in r.warnings if w.code == "amount_mismatch"]
    (late,) = c.penalties
    assert (late.kind, late.basis) == ("late_delivery", "total_fee")  # 年度订阅费 is the total


LEASE = """算力租赁合同
出租方（甲方）：北疆甲科技有限公司
承租方（乙方）：上海乙模型科技有限公司

第一条 租赁标的
（一）甲方应于本合同签订之日起3个工作日内完成GPU集群的交付开通。
（二）乙方应于集群交付开通后7日内完成首批训练数据的上传。
第二条 押金
（一）乙方应于本合同签订之日起5个工作日内向甲方支付押金人民币360,000元。
第三条 数据交付
(1) 甲方应于2026年3月1日前交付第一批标注数据。
(2) 第二批标注数据不迟于2026年3月31日交付。
(3) 第三批标注数据至迟于2026年4月30日前交付。

甲方（盖章）：北疆甲科技有限公司
日期：2026年1月5日
乙方（盖章）：上海乙模型科技有限公司
日期：2026年1月5日
"""


def test_lease_deposit_cluster_and_subjectless_items() -> None:
    r = parse_text(LEASE, "lease.txt")
    assert (r.contract.client, r.contract.provider) == ("上海乙模型科技有限公司", "北疆甲科技有限公司")
    cluster = next(o for o in r.obligations if o.clause == "1.1")
    assert (cluster.kind, cluster.party) == ("model_delivery", "provider")
    upload = next(o for o in r.obligations if o.clause == "1.2")
    assert (upload.kind, upload.party) == ("data_delivery", "client")
    assert upload.trigger is not None and upload.trigger.event == "model_delivery"
    deposit = next(o for o in r.obligations if o.clause == "2.1")
    assert (deposit.kind, deposit.party, deposit.amount) == ("other", "client", None)  # no price instalment
    batches = sorted((o.due_date, o.kind, o.party) for o in r.obligations if o.clause and o.clause.startswith("3."))
    assert batches == [(date(2026, 3, 1), "other", "provider"), (date(2026, 3, 31), "other", "provider"),
                       (date(2026, 4, 30), "other", "provider")]


def test_service_period_stated_with_effectiveness_is_the_term() -> None:
    doc = ("发包方（甲方）：A公司\n承包方（乙方）：B公司\n\n第一条 服务期限\n"
           "1.1 本合同自双方签字盖章之日起生效，运维服务期为一年。\n1.2 合同期满前一个月，双方协商续签事宜。\n"
           "第二条 其他\n2.1 本契约正本二份，双方各执一份。\n\n甲方（盖章）：A公司\n日期：2024年9月10日\n")
    c = parse_text(doc, "om.txt").contract
    assert (c.term, c.expiry_date, c.copies) == ("P1Y", date(2025, 9, 10), 2)
    assert c.renewal_notice_deadline == date(2025, 8, 10)


def test_title_label_needs_its_separator() -> None:
    doc = ("技术服务合同\n委托方（甲方）：A公司\n受托方（乙方）：B公司\n第一条 项目名称及内容\n"
           "（一）项目名称：热线工单分类模型微调项目。\n（二）服务内容：微调。\n")
    assert parse_text(doc, "t.txt").contract.title == "热线工单分类模型微调项目"


def test_payment_table_cell_read_by_the_time_layer() -> None:
    doc = ("技术服务合同\n委托方（甲方）：A公司\n受托方（乙方）：B公司\n第一条 价款\n"
           "（一）合同总价为人民币100,000元。\n（二）付款进度如下表：\n"
           "期次\t付款节点\t比例\t金额（元）\t付款期限\n"
           "第一期\t合同签订\t80%\t80,000.00\t合同签订之日起10日内\n"
           "第二期\t质保期满\t20%\t20,000.00\t质保期（验收合格之日起六个月）届满后15日内\n")
    r = parse_text(doc, "t.txt")
    tail = next(o for o in r.obligations if o.amount == Decimal("20000"))
    assert tail.trigger is not None
    # the warranty period defined in the cell: acceptance + 6 months + 15 days, not "expiry + 15 days"
    assert (tail.trigger.event, tail.trigger.offset) == ("acceptance", "P6M15D")


def test_supplement_takes_the_amended_values() -> None:
    doc = ("补充协议\n甲方（服务方）：A公司\n乙方（需求方）：B公司\n"
           "第一条 费用\n1.1 原合同总价款由人民币陆拾万元整调整为人民币陆拾捌万元整（¥680,000.00）。\n"
           "第二条 期限\n2.1 原合同约定的有效期届满日由2025年12月31日变更为2026年3月31日。\n"
           "2.2 续约通知期限由期满前30日变更为期满前45日，即任何一方拟续签的，应于期满前45日书面通知对方。\n"
           "第三条 违约责任\n3.1 任何一方违反保密义务的，违约金由原合同约定的人民币10万元调整为人民币15万元。\n\n"
           "甲方（盖章）：A公司\n日期：2025年9月29日\n")
    c = parse_text(doc, "supp.md").contract
    assert c.total_fee == Decimal("680000")
    assert c.expiry_date == date(2026, 3, 31)
    assert (c.renewal_notice, c.renewal_notice_deadline) == ("P45D", date(2026, 2, 14))
    (conf,) = [p for p in c.penalties if p.kind == "confidentiality_breach"]
    assert conf.amount == Decimal("150000")


def test_description_with_an_event_is_no_duty() -> None:
    doc = ("框架协议\n甲方（委托方）：A公司\n乙方（服务方）：B公司\n第一条 订单\n"
           "1.1 订单载明服务内容、数量、单价、交付日期及付款安排，经双方签章后成为本协议附件。\n"
           "1.2 乙方应于订单签章后10日内交付标注结果。\n"
           "1.3 项目验收合格后，甲方向乙方支付剩余服务费人民币10,000元。\n")
    r = parse_text(doc, "f.md")
    got = sorted((o.clause, o.kind) for o in r.obligations)
    # 1.1 describes the order (no duty word, no period); 1.3 is a payment on acceptance
    assert got == [("1.2", "other"), ("1.3", "payment")]
