"""A Chinese SaaS subscription: the 订阅期 is the term, and a signature table ("| 签署方 | 名称 |
授权代表 | 日期 |") ends the body and dates the signatures (the later wins). Expected values by hand."""

from __future__ import annotations

from datetime import date

from tracker.parse import parse_text

SAAS = """# 云服务订阅协议

**服务商**：上海某云科技有限公司（以下简称“服务商”）

**客户**：广州某家居有限公司（以下简称“客户”）

## 1. 服务

1.1 服务商应于生效日起30日内完成租户开通。

## 2. 费用

2.1 客户应于本协议签订之日起10个工作日内支付首年订阅费人民币100,000.00元。

2.2 服务商未按第1.1条约定期限开通的，每逾期一日，按本协议总金额的千分之一向客户支付违约金。

## 3. 订阅期

3.1 本协议自2026年11月1日起生效。订阅期为十二个月，自2026年11月1日起至2027年10月31日止。

| 签署方 | 名称 | 授权代表 | 日期 |
|---|---|---|---|
| 服务商 | 上海某云科技有限公司 | 林某 | 2026年10月20日 |
| 客户 | 广州某家居有限公司 | 黄某 | 2026年10月22日 |
"""


def test_a_subscription_period_is_the_term_and_a_signature_table_dates_the_signing() -> None:
    doc = parse_text(SAAS, "saas.md")
    c = doc.contract
    assert c.signed_date == date(2026, 10, 22)
    assert c.term == "P12M" and c.expiry_date == date(2027, 10, 31)
    pay = next(o for o in doc.obligations if o.kind == "payment")
    # 10-22 (Thu) + 10 working days: 10-23, 26, 27, 28, 29, 30, 11-02, 03, 04, 05
    assert pay.due_date == date(2026, 11, 5)
    late = next(p for p in c.penalties if p.kind == "late_delivery")
    assert late.basis == "total_fee"  # 本协议总金额


def test_a_lease_term_is_the_contract_term() -> None:
    text = ("智能质检系统租赁合同\n甲方（承租方）：某制造有限公司\n乙方（出租方）：某智能科技有限公司\n"
            "一、租期\n（一）本合同自2026年10月9日起生效。租期为十二个月，自本合同生效之日起计算。\n"
            "（二）租期届满后10日内，甲方应将全部设备返还乙方。\n")
    doc = parse_text(text, "lease.txt")
    assert doc.contract.term == "P12M" and doc.contract.expiry_date == date(2027, 10, 9)
