"""The review of session 14's rules (/tmp/review14.md): look-alikes each rule must leave alone, and the
linear cost of the fee-sum index."""

from __future__ import annotations

import time
from typing import Any

from tracker.parse import parse_text


def _parse(text: str, name: str = "t.txt") -> dict[str, Any]:
    return parse_text(text, name).to_json()


HEAD = "服务合同\n甲方：某公司\n乙方：某科技公司\n"


def test_a_table_of_the_sides_duties_is_no_signature_block() -> None:
    text = ("# 服务合同\n\n甲方：某公司\n乙方：某科技公司\n\n## 第一条 分工\n\n| 甲方职责 | 乙方职责 |\n|---|---|\n"
            "| 签署阶段验收单 | 交付阶段成果 |\n\n## 第二条 交付\n\n2.1 乙方应于2026年5月31日前交付模型。\n\n"
            "2.2 本合同自2026年3月1日起生效，有效期一年。\n")
    doc = _parse(text, "t.md")
    assert [(o["kind"], o["due_date"]) for o in doc["obligations"]][:1] == [("model_delivery", "2026-05-31")]
    assert (doc["contract"]["effective_date"], doc["contract"]["term"]) == ("2026-03-01", "P1Y")


def test_a_fee_per_period_and_a_penalty_cap_are_no_sum_of_the_fee_asked_for() -> None:
    monthly = HEAD + "第一条 费用\n1.1 月服务费为人民币10,000元，合同总价人民币120,000元。\n1.2 甲方应于服务期满后10日内一次性支付服务费。\n"
    assert [o["amount"] for o in _parse(monthly)["obligations"] if o["kind"] == "payment"] == [None]
    capped = HEAD + ("第一条 费用\n1.1 合同总价为人民币100,000元。\n第二条 违约\n"
                     "2.1 乙方逾期交付的，每逾期一日按部署费的1%支付违约金，最高人民币5,000元。\n")
    assert [p["basis"] for p in _parse(capped)["contract"]["penalties"]] == [None]
    one_off = HEAD + "第一条 费用\n1.1 合同总价为人民币100,000元。一次性上架服务费人民币60,000元。\n第二条 违约\n" \
        "2.1 乙方逾期交付的，每逾期一日按上架服务费的1%支付违约金。\n"
    assert [p["basis"] for p in _parse(one_off)["contract"]["penalties"]] == ["delayed_amount"]


def test_the_fee_sums_are_indexed_once_per_document() -> None:
    article = "第{}条 费用\n系统部署费为人民币80,000元。系统部署费由甲方于验收合格之日起10日内一次性支付。\n"

    def cost(n: int) -> float:
        text = HEAD + "".join(article.format(i + 1) for i in range(n))
        t0 = time.process_time()
        parse_text(text, "t.txt")
        return time.process_time() - t0

    small, large = cost(100), cost(400)
    assert large < small * 8, (small, large)  # 4x the text: linear is ~4x; one scan per payment was ~16x


def test_a_reimbursed_expense_stated_in_all_is_no_total() -> None:
    text = HEAD + ("第三条 费用\n3.1 乙方驻场人员的差旅费用共计人民币5,000元，由甲方据实报销。\n"
                   "第四条 价款\n4.1 本合同总价为人民币100,000元。\n")
    assert _parse(text)["contract"]["total_fee"] == "100000.00"


EN_HEAD = ("MASTER SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Ltd (the \"Provider\") and Beta Ltd "
           "(the \"Customer\").\n\n1. Definitions\n\n1.1 \"Project\" means {}\n")


def test_a_project_definition_that_describes_work_names_no_title_in_either_language() -> None:
    for words in ("the Services and Deliverables described in Schedule 1.", "Provider's performance of the Services.",
                  "All work carried out by the Provider under a Statement of Work.",
                  "the Customer's machine learning initiative, as set out in Schedule 2."):
        assert _parse(EN_HEAD.format(words), "t.en.txt")["contract"]["title"] == "MASTER SERVICES AGREEMENT", words
    zh = "机器学习顾问服务协议\n客户：某物流有限公司\n顾问：某顾问有限公司\n第1条 释义\n(1) 「项目」指{}。\n第2条 费用\n2.1 顾问费为港币100,000元。\n"
    for words in ("为实现上述目标而开展的全部工作", "双方在合作期间开展的全部研发活动", "附件一所列的全部工作内容及其交付成果",
                  "对现有调度系统的优化与升级"):
        assert _parse(zh.format(words), "t.zh-Hant.txt")["contract"]["title"] == "机器学习顾问服务协议", words


def test_a_rate_of_the_providers_work_for_each_month_is_no_payment_and_a_cap_on_another_fee_keeps_the_total() -> None:
    head = EN_HEAD.format("the Fleet Dispatch Platform.") + "\n4. FEES\n4.1 The total fees are EUR 84,000, consisting " \
        "of a Setup Fee of EUR 48,000 and an Annual Platform Fee of EUR 36,000.\n"
    support = head + ("4.2 The Provider shall provide on-site support for each of June, July and August 2026 at a daily "
                      "rate of EUR 800.\n4.3 The Customer shall pay each invoice within thirty (30) days of receipt.\n")
    assert [o["party"] for o in _parse(support, "t.en.txt")["obligations"] if o["kind"] == "payment"] == ["client"]
    other_cap = head + ("\n5. DELAY\n5.1 If Go-Live is delayed, the Provider shall pay 0.5% of the Setup Fee per day of "
                        "delay, up to a maximum of 10% of the Annual Platform Fee.\n")
    (late,) = _parse(other_cap, "t.en.txt")["contract"]["penalties"]
    assert (late["basis"], late["cap"]) == ("delayed_amount", {"rate": "0.10", "basis": "total_fee"})
    joint = head + "4.2 The Provider shall invoice the Customer, and the Customer shall pay EUR 5,000, on the last " \
        "Business Day of each month.\n"
    assert [(o["kind"], o["party"]) for o in _parse(joint, "t.en.txt")["obligations"]] == [("payment", "client")]


def test_look_alikes_of_this_sessions_words_keep_their_old_reading() -> None:
    # New Mexico is a US state, not Mexico
    nm = EN_HEAD.format("the Fleet Dispatch Platform.") + ("1.2 \"Business Day\" means a day other than a public holiday "
                                                          "in Albuquerque, New Mexico.\n1.3 \"Effective Date\" means 11 March 2026.\n\n3. DELIVERY\n3.1 The Customer "
                                                          "shall deliver the training data within four (4) Business Days "
                                                          "after the Effective Date.\n")
    (data,) = [o for o in _parse(nm, "t.en.txt")["obligations"] if o["kind"] == "data_delivery"]
    assert data["due_date"] == "2026-03-17"
    # a penalty's own sum is no delayed part; a scanning engine is still a system delivered
    pen = HEAD + "第一条 违约\n1.1 乙方逾期交付的，逾期交付违约金金额按合同总价款的千分之一每日计算。\n"
    assert [p["basis"] for p in _parse(pen)["contract"]["penalties"]] == ["total_fee"]
    engine = "票据扫描识别引擎开发合同\n甲方：某银行\n乙方：某科技公司\n第一条 交付\n1. 第一阶段成果应于2026年4月30日前交付。\n"
    assert [o["kind"] for o in _parse(engine)["obligations"]] == ["model_delivery"]
    # received acceptance records or royalty records are no data delivered; a one-off project abstract is no progress report
    acc = EN_HEAD.format("the Fleet Dispatch Platform.") + ("\n3. FEES\n3.1 The Customer shall pay EUR 1,000 within ten "
                                                           "(10) Business Days after receipt of the Customer's signed "
                                                           "acceptance records.\n")
    assert [(o["trigger"] or {}).get("event") for o in _parse(acc, "t.en.txt")["obligations"]] != ["data_delivery"]
    zh_acc = HEAD + "第一条 付款\n1.1 甲方应于收妥第3条所述全部验收资料后10日内支付人民币10,000元。\n"
    assert [(o["trigger"] or {}).get("event") for o in _parse(zh_acc)["obligations"]] != ["data_delivery"]
    abstract = HEAD + "第一条 交付\n1.1 乙方应于2026年3月1日前向甲方提交项目摘要及研究计划书。\n"
    assert [o["kind"] for o in _parse(abstract)["obligations"]] == ["other"]


def test_orders_named_by_code_in_other_words_and_two_of_them_keep_their_own_labels() -> None:
    from test_layout_rules19 import FRAMEWORK

    for heading in ("采购订单（编号：AXCX-DD-001）", "订单（编号：AXCX-DD-001，2026年第1批）"):
        doc = _parse(FRAMEWORK.replace("订单（编号：AXCX-DD-001）", heading))
        assert doc["contract"]["signed_date"] == "2026-07-08", heading
    second = FRAMEWORK[FRAMEWORK.index("订单（编号"):].replace("AXCX-DD-001", "AXCX-DD-002")
    labels = {o["clause"] for o in _parse(FRAMEWORK + second)["obligations"] if o["clause"] and "订单" in o["clause"]}
    assert {"订单.2.1", "订单2.2.1"} <= labels


def test_a_period_the_validity_equals_gives_the_term_however_its_length_is_written() -> None:
    head = "试点协议\n试点单位（甲方）：某养老院\n技术提供方（乙方）：某科技公司\n一、试点内容\n"
    for words in ("（一）试点期为三个月，自2026年7月1日起；本协议自该日起生效，有效期与试点期相同。\n",
                  "（一）试点期为三个月。本协议自2026年7月1日起生效，有效期与试点期相同。\n"):
        c = _parse(head + words)["contract"]
        assert (c["effective_date"], c["term"], c["expiry_date"]) == ("2026-07-01", "P3M", "2026-10-01"), words
