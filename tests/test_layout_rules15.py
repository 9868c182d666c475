"""Rules from blind batches 74-75: a table of deliverables (交付物 | 交付方 | 交付时间) whose rows name the
model or the data each side delivers; a hand-over of paperwork about the model (交付算法设计方案) is no
delivery of the model."""

from __future__ import annotations

from typing import Any

from tracker.parse import kinds_zh, parse_text, tables_zh


def _parse(text: str, name: str = "t.txt") -> dict[str, Any]:
    return parse_text(text, name).to_json()


DELIVERABLES = ("输液软袋缺陷检测算法开发合同\n甲方（委托方）：某某医药包装有限公司\n乙方（受托方）：某某视觉技术有限公司\n"
                "签订日期：2025年5月23日\n第一条　开发内容\n1.1　乙方为甲方开发输液软袋外观缺陷检测算法。\n"
                "第二条　合同生效\n2.1　本合同自双方签字盖章之日起生效。\n第三条　交付\n3.1　各交付物及交付时间见下表：\n"
                "序号\t交付物\t交付方\t交付时间\n"
                "1\t已分类缺陷样本图像（不少于3万张）\t甲方\t合同生效之日起10个工作日内\n"
                "2\t算法设计方案\t乙方\t合同生效之日起8日内\n"
                "3\t缺陷检测算法模型及SDK\t乙方\t收到全部样本图像之日起60日内\n"
                "4\t算法测试报告（含召回率、准确率实测值）\t乙方\t模型交付后7个工作日内\n"
                "5\t产线部署及操作培训\t乙方\t2025年9月30日前完成\n")


def test_a_table_of_deliverables_names_each_rows_kind_and_party() -> None:
    """(Blind batch 75.) The 交付方 column says who delivers; the 交付物 cell what: the client's images
    are its data, the provider's model and SDK the model, its test report the evaluation; a design
    plan and on-site training are other duties."""
    got = [(o["kind"], o["party"], (o["trigger"] or {}).get("event"), o["due_date"])
           for o in _parse(DELIVERABLES)["obligations"] if o["clause"] == "3.1"]
    assert got == [("data_delivery", "client", "effective", "2025-06-09"), ("other", "provider", "effective", "2025-06-03"),
                   ("model_delivery", "provider", "data_delivery", None),
                   ("evaluation_report", "provider", "model_delivery", None), ("other", "provider", None, "2025-09-30")]


def test_a_responsibility_table_does_not_deliver_what_its_rows_do() -> None:
    """A 责任方 column (工作事项 | 责任方 | 完成时限) lists work, not deliverables: "模型迁移至平台" and
    "模型重训及验证" are no delivery of the model."""
    text = DELIVERABLES.replace("序号\t交付物\t交付方\t交付时间", "序号\t工作事项\t责任方\t完成时限").replace(
        "缺陷检测算法模型及SDK", "首批存量模型迁移至平台")
    kinds = [o["kind"] for o in _parse(text)["obligations"] if o["clause"] == "3.1"]
    assert kinds[2] == "other"


def test_paperwork_about_the_model_is_no_delivery_of_it() -> None:
    assert kinds_zh.kind_of("乙方应于合同生效之日起8日内交付算法设计方案", "provider") == "other"
    assert kinds_zh.kind_of("乙方应将算法设计方案交付甲方", "provider") == "other"
    # a paper beside the model, or a paper after the model's own work, leaves the delivery standing
    assert kinds_zh.kind_of("乙方应交付模型及技术文档", "provider") == "model_delivery"
    assert kinds_zh.kind_of("乙方应于9月30日前完成推荐模型训练并交付模型文件", "provider") == "model_delivery"
    assert kinds_zh.kind_of("乙方应完成大模型私有化部署，并书面提交初验申请", "provider") == "model_delivery"


def test_a_signature_table_headed_by_the_parties_lines_dates_the_signing() -> None:
    """(Blind batch 77.) "| 甲方（服务方）：某公司 | 乙方（需求方）：某公司 |" over "|---|---|", the representatives
    and "| 日期：… | 日期：… |": a signature table, whose dates are the signing (and the contract's start)."""
    text = ("# 图像采集与标注服务合同\n\n**甲方（服务方）：** 杭州某数据科技有限公司\n**乙方（需求方）：** 上海某零售有限公司\n\n"
            "### 一、期限\n\n1. 本合同经双方签字盖章之日起生效，有效期十二个月。\n\n### 二、其他\n\n"
            "1. 本合同一式两份，双方各执一份。\n\n"
            "| 甲方（服务方）：杭州某数据科技有限公司 | 乙方（需求方）：上海某零售有限公司 |\n|---|---|\n"
            "| 授权代表：周某 | 授权代表：沈某 |\n| 日期：2026年4月28日 | 日期：2026年4月29日 |\n")
    contract = _parse(text, "t.md")["contract"]
    assert (contract["signed_date"], contract["effective_date"], contract["expiry_date"]) == (
        "2026-04-29", "2026-04-29", "2027-04-29")
    # the same row above no signatory or date is no signature table (a table of the parties, say)
    cover = text.replace("| 授权代表：周某 | 授权代表：沈某 |\n| 日期：2026年4月28日 | 日期：2026年4月29日 |\n",
                         "| 联系人：周某 | 联系人：沈某 |\n")
    assert _parse(cover, "t.md")["contract"]["signed_date"] is None


def test_an_order_numbered_in_brackets_after_the_signatures_is_a_part_of_its_own() -> None:
    """(Blind batch 76.) "订单（第01号）" after a framework's signatures opens the order: its items are read
    (the client's data, the model, the payments), labelled "订单01.n", and its sum is the contract's fee."""
    text = ("智能质检模型定制服务框架协议\n\n甲方（委托方）：南京某消费金融有限公司\n乙方（服务方）：杭州某智能科技有限公司\n\n"
            "一、合作内容\n1. 乙方根据甲方订单，为甲方提供模型训练及部署服务。\n"
            "二、协议期限\n1. 本协议自双方签字并盖章之日起生效，有效期两年。\n\n"
            "甲方（盖章）：南京某消费金融有限公司\n日期：2026年3月20日\n\n乙方（盖章）：杭州某智能科技有限公司\n日期：2026年3月18日\n\n"
            "------------------------------------------------------------\n订单（第01号）\n\n项目名称：坐席通话合规质检模型（一期）\n"
            "1. 数据提供：甲方应于2026年4月10日前向乙方提供脱敏通话录音。\n"
            "2. 模型交付：乙方应在收到全部录音数据后六十日内完成模型训练，并部署至甲方测试环境。\n"
            "3. 订单金额：人民币伍拾陆万元整（¥560,000.00）。\n"
            "4. 本订单生效之日起十五日内，甲方支付订单金额的40%，即人民币224,000元。\n")
    doc = _parse(text)
    got = [(o["clause"], o["kind"], o["party"]) for o in doc["obligations"] if (o["clause"] or "").startswith("订单")]
    assert got == [("订单01.1", "data_delivery", "client"), ("订单01.2", "model_delivery", "provider"),
                   ("订单01.4", "payment", "client")]
    assert doc["contract"]["total_fee"] == "560000.00"


def test_an_sow_named_end_date_and_a_complete_extract() -> None:
    """(Blind batch 76.) "… years after the SOW End Date" is the confidentiality's period, not the SOW's term;
    "after receipt of the complete Historical Sales Extract" counts from the data the customer provides."""
    text = ("# Statement of Work No. 2\n\nThis SOW is between **Harbor Analytics Co., Ltd.** (\"Supplier\") and "
            "**Meridian Retail Co., Ltd.** (\"Customer\").\n\n## 1. Data\n\n1.1 Customer will provide the Historical Sales "
            "Extract (36 months of POS data) within ten (10) Business Days after the SOW Effective Date.\n\n## 2. Deliverables\n\n"
            "2.1 Supplier shall deploy the Forecast Model to Customer's tenant no later than seventy-five (75) days after "
            "receipt of the complete Historical Sales Extract.\n\n## 3. Term\n\n3.1 This SOW starts on the SOW Effective Date "
            "and ends on December 31, 2026 (the \"SOW End Date\").\n\n## 4. Confidentiality\n\nSupplier's obligations regarding "
            "Customer Data continue for four (4) years after the SOW End Date.\n")
    doc = _parse(text, "t.en.md")
    c = doc["contract"]
    assert (c["term"], c["expiry_date"], c["confidentiality_term"]) == (None, "2026-12-31", "P4Y")
    model = [o for o in doc["obligations"] if o["clause"] == "2.1"]
    assert [(o["kind"], o["trigger"]) for o in model] == [
        ("model_delivery", {"event": "data_delivery", "offset": "P75D", "business_days": False})]


def test_a_client_confirming_a_named_paper_by_a_deadline_is_its_duty() -> None:
    """(Blind batch 76.) "甲方应于…内，向乙方书面确认《采集与标注规范》" is the client's dated duty; a review window
    ("…内书面确认或提出异议", "收到报告后5个工作日内书面确认") confirms nothing named and stays no obligation."""
    head = ("图像数据采购合同\n甲方（采购方）：成都某研究院有限公司\n乙方（供应方）：重庆某数据服务有限公司\n签订日期：2025年4月18日\n"
            "第一条　期限\n本合同自双方签字盖章之日起生效，有效期一年。\n第二条　交付安排\n")
    duty = _parse(head + "1. 甲方应于合同签订之日起七个工作日内，向乙方书面确认《采集与标注规范》。\n")["obligations"]
    assert [(o["kind"], o["party"], o["due_date"]) for o in duty if o["clause"] == "2.1"] == [("other", "client", "2025-04-28")]
    review = _parse(head + "1. 甲方应在每一批数据提交之日起5个工作日内书面确认或提出异议。\n")["obligations"]
    assert [o for o in review if o["clause"] == "2.1"] == []


def test_lettered_items_of_one_article_state_a_penalty_each() -> None:
    """(Blind batch 74.) "(a) … liquidated damages of 0.1% … per day … up to 10%" and "(b) Overdue amounts bear …
    0.03% … per day. If any amount remains unpaid for more than thirty (30) days … suspend": two penalties, the
    suspension the late payment's alone."""
    text = ("# Technology Development Agreement\n\nBetween **Brightfield Co., Ltd.** (the \"Developer\") and **Mingwei Co., Ltd.** "
            "(the \"Customer\").\n\n## Clause 1 - Fees\n\n(a) The total contract price is RMB 960,000 (the \"Contract Price\").\n\n"
            "## Clause 2 - Delay and Late Payment\n\n(a) If the Developer fails to deliver the model on time, it shall pay "
            "liquidated damages of 0.1% of the Contract Price for each day of delay, up to a maximum of 10% of the Contract Price.\n"
            "(b) Overdue amounts bear late payment interest at 0.03% of the overdue amount per day. If any amount remains unpaid "
            "for more than thirty (30) days after its due date, the Developer may suspend work until payment is received.\n")
    got = [(p["kind"], p["rate"], p["basis"], p["cap"], p["suspend_after_days"]) for p in _parse(text, "t.en.md")["contract"]["penalties"]]
    assert got == [("late_delivery", "0.001", "total_fee", {"rate": "0.10", "basis": "total_fee"}, None),
                   ("late_payment", "0.0003", "overdue_amount", None, 30)]


def test_a_payment_cell_that_refers_back_to_its_milestone() -> None:
    """(Blind batch 75.) "| 第二期 | 部署上线且《系统测试报告》经甲方确认 | 40% | … | 确认后10个工作日内 |": the deadline
    counts from the milestone its cell opens on (the report confirmed), not from nothing."""
    text = ("# 部署合同\n\n**甲方（采购方）**：宁波某机械股份有限公司\n\n**乙方（实施方）**：深圳某智能科技有限公司\n\n"
            "## 一、合同价款及支付\n\n合同总价为人民币柒拾捌万元整（¥780,000.00）。付款安排如下：\n\n"
            "| 期次 | 付款节点 | 比例 | 金额（元） | 付款期限 |\n|---|---|---|---|---|\n"
            "| 首期款 | 合同生效 | 30% | 234,000.00 | 合同生效后7日内 |\n"
            "| 第二期 | 部署上线且《系统测试报告》经甲方确认 | 70% | 546,000.00 | 确认后10个工作日内 |\n")
    got = [(o["amount"], o["trigger"]) for o in _parse(text, "t.md")["obligations"] if o["kind"] == "payment"]
    assert got[1] == ("546000.00", {"event": "evaluation_report", "offset": "P10D", "business_days": True})
    # the verb must be the milestone's own: "验收后…" under a milestone that is no acceptance is not restated
    row = tables_zh.row_at(text, text.index("| 第二期"), text.index("| 第二期") + 5)
    assert row is not None and tables_zh.with_milestone(text, row, "验收后10个工作日内") is None
    assert tables_zh.with_milestone(text, row, "确认后10个工作日内") == "部署上线且《系统测试报告》经甲方确认后10个工作日内"


def test_a_party_named_in_a_later_clause_is_not_the_subject_of_the_duty() -> None:
    """(Blind batch 75.) "第二批采集标注数据（其余部分）于2026年8月31日前交付，甲方按附件《标注规范》进行抽检": the batch is
    the provider's (its data work), 甲方 the subject of the check after the comma only."""
    text = ("跌倒视频采集标注服务合同\n甲方：某养老服务有限公司\n乙方：某视觉科技有限公司\n"
            "一、服务内容\n1.1 乙方为甲方采集并标注跌倒视频数据。\n二、交付安排\n"
            "2.1 第一批采集标注数据于2026年6月30日前交付。\n"
            "2.2 第二批采集标注数据（其余部分）于2026年8月31日前交付，甲方按附件《标注规范》进行抽检。\n")
    got = [(o["clause"], o["kind"], o["party"]) for o in _parse(text)["obligations"] if o["clause"] in ("2.1", "2.2")]
    assert got == [("2.1", "other", "provider"), ("2.2", "other", "provider")]


def test_the_fees_for_this_sow_total_a_sum() -> None:
    """(Blind batch 77.) "The fees for this SOW total RMB 680,000": "total" as the verb states the fee."""
    text = ("# Statement of Work No. 2\n\nBetween **Nightingale Co., Ltd.** (\"Provider\") and **Lumio Ltd.** (\"Client\").\n\n"
            "## 3. Fees\n\n3.1 The fees for this SOW total RMB 680,000 (the \"SOW Fees\"), payable as follows:\n")
    assert _parse(text, "t.en.md")["contract"]["total_fee"] == "680000.00"


SCHEDULE = """SUBSCRIPTION SCHEDULE NO. 2

Provider: Lumenfield Analytics Co., Ltd. ("Provider"); and
Customer: Harborline Logistics Co., Ltd. ("Customer").

If this Schedule conflicts with the MSA, this Schedule prevails for the Subscribed Service.

1. SUBSCRIBED SERVICE
1.1 Subscribed Service: DockSight Vision Subscription

2. KEY DATES
2.1 Schedule Effective Date: the date on which the last party signs this Schedule.
2.2 Subscription Term: March 1, 2026 through February 28, 2027 (twelve (12) months).

3. IMPLEMENTATION
3.1 Customer shall upload the Site Footage Set to the project bucket within fifteen (15) Business Days after the Schedule Effective Date.
3.2 Provider shall make the Subscribed Service available in production within forty-five (45) days after receiving the complete Site Footage Set.

4. FEES
4.1 Subscription Fees are payable quarterly in advance:
    Quarter 1 (Mar 1 - May 31, 2026): RMB 90,000, due on or before March 1, 2026
    Quarter 4 (Dec 1, 2026 - Feb 28, 2027): RMB 90,000, due on or before December 1, 2026

SIGNED for and on behalf of the Provider
Date: January 28, 2026
"""


def test_an_english_schedule_its_fields_its_quarters_and_what_the_customer_uploads() -> None:
    """(Blind batch 79.) The "May" of a date is no right ("Quarter 1 (Mar 1 - May 31, 2026)"); the period a sum
    covers is no deadline, the date it is due by is; a numbered "2.2 Subscription Term: <range> (twelve (12)
    months)" field is the term; "prevails for the Subscribed Service." is no title field; what the customer
    uploads is its data ("after receiving the complete Site Footage Set")."""
    doc = _parse(SCHEDULE, "t.en.txt")
    c = doc["contract"]
    assert (c["title"], c["term"], c["expiry_date"]) == ("DockSight Vision Subscription", "P12M", "2027-02-28")
    got = [(o["kind"], o["due_date"], (o["trigger"] or {}).get("event")) for o in doc["obligations"]
           if o["clause"] in ("3.2", "4.1")]
    assert got == [("model_delivery", None, "data_delivery"), ("payment", "2026-03-01", None), ("payment", "2026-12-01", None)]


def test_a_supplement_that_extends_the_old_term_and_adds_a_fee() -> None:
    """(Blind batch 78.) "原合同约定的服务期（2026年5月1日至2027年4月30日）延长至2027年7月31日止": the bracketed range is the
    old term (no start, no end of this document's); "乙方另行向甲方支付模型定制费人民币叁万陆仟元整" is the supplement's fee."""
    text = ("《语音外呼机器人SaaS服务合同》补充协议\n甲方（服务提供方）：杭州某智能科技有限公司\n乙方（客户）：宁波某燃气服务有限公司\n"
            "第一条　新增费用\n1. 乙方另行向甲方支付模型定制费人民币叁万陆仟元整（¥36,000.00）。\n"
            "第二条　服务期限\n1. 原合同约定的服务期（2026年5月1日至2027年4月30日）延长至2027年7月31日止。\n"
            "第三条　其他\n1. 本补充协议自双方盖章之日起生效。\n"
            "甲方（盖章）：杭州某智能科技有限公司\n日期：2026年7月22日\n")
    c = _parse(text)["contract"]
    assert (c["effective_date"], c["expiry_date"], c["total_fee"]) == ("2026-07-22", "2027-07-31", "36000.00")


def test_a_named_report_that_states_the_metrics_is_the_evaluation_report() -> None:
    """(Blind batch 78.) "Quality Assessment Report: … stating the transcription accuracy and the intent-label F1
    score": an instalment "after Licensee's receipt of the Quality Assessment Report" counts from the evaluation
    report; "The total Licence Fee is RMB 1,200,000" is the fee."""
    text = ("# Data Licence Agreement\n\nBetween **Lingxi Data Co., Ltd.** (\"Licensor\") and **Robo Co., Ltd.** (\"Licensee\").\n\n"
            "## 1. Fees\n\n1.1 The total Licence Fee is RMB 1,200,000, payable as follows.\n"
            "1.2 Licensee shall pay RMB 240,000 within fifteen (15) Business Days after Licensee's receipt of the Quality "
            "Assessment Report.\n\n## 2. Deliveries\n\n2.1 Quality Assessment Report: no later than 26 February 2027, Licensor "
            "shall deliver a quality assessment report stating the transcription accuracy and the intent-label F1 score.\n")
    doc = _parse(text, "t.en.md")
    assert doc["contract"]["total_fee"] == "1200000.00"
    pay = [o["trigger"] for o in doc["obligations"] if o["kind"] == "payment"]
    assert pay == [{"event": "evaluation_report", "offset": "P15D", "business_days": True}]


def test_a_metric_written_as_a_floor_after_its_figure() -> None:
    """(Blind batch 78.) "標註準確率98%或以上": the figure, then 或以上."""
    text = "標註合約\n甲方：某某公司\n乙方：某某科技公司\n第一條　驗收\n1.1 標註成果須達到字段級標註準確率98%或以上，以甲方抽檢結果為準。\n"
    assert _parse(text, "t.zh-Hant.txt")["contract"]["metrics_targets"] == {"accuracy": "0.98"}


def test_review_mends_of_this_sessions_rules() -> None:
    """A reviewer's inputs: a parties table with 法定代表人 is no signature table; a model handed over with a manual
    is still the model; a bracketed aside after a deadline does not hide the subject; one order's cap is no fee;
    a deployment to a test environment is no go-live; "payable … may be charged interest" is no payment; the
    customer's materials are found after another "receipt of the …"."""
    parties = ("# 服务合同\n\n## 一、合同双方\n\n| 甲方（委托方）：X科技有限公司 | 乙方（受托方）：Y数据有限公司 |\n|---|---|\n"
               "| 法定代表人：张三 | 法定代表人：李四 |\n\n## 二、交付\n\n1. 乙方应于2026年6月30日前交付模型。\n\n"
               "## 三、期限\n\n1. 本合同自双方签字盖章之日起生效，有效期一年。\n")
    doc = _parse(parties, "t.md")
    assert doc["contract"]["term"] == "P1Y" and [o["kind"] for o in doc["obligations"]][:1] == ["model_delivery"]
    assert kinds_zh.kind_of("乙方应于2026年9月30日前交付模型并提供使用手册", "provider") == "model_delivery"
    head = "数据服务合同\n甲方（委托方）：某银行股份有限公司\n乙方（受托方）：某科技有限公司\n一、安排\n"
    aside = _parse(head + "1.1 合同生效后10个工作日内（节假日顺延），甲方应向乙方开通服务器账号。\n")["obligations"]
    assert [o["party"] for o in aside if o["clause"] == "1.1"] == ["client"]
    assert _parse(head + "1.1 本协议为框架协议，单笔订单金额为人民币5万元以内。\n")["contract"]["total_fee"] is None
    en = "# Services Agreement\n\nThis Agreement is between **Acme Ltd.** (\"Customer\") and **Beta Inc.** (\"Supplier\").\n\n## 1. Work\n\n"
    test_env = _parse(en + "1.1 Supplier shall deliver the Acceptance Test Report within 10 days after deployment to the test "
                      "environment.\n", "t.en.md")["obligations"]
    assert all((o["trigger"] or {}).get("event") != "model_delivery" for o in test_env)
    interest = _parse(en + "1.1 Any amount payable under this Agreement that remains unpaid after 30 days after the invoice "
                      "date may be charged interest by Supplier.\n", "t.en.md")["obligations"]
    assert interest == []
    sow = ("# Statement of Work\n\nThis SOW is between **Acme Ltd.** (\"Customer\") and **Beta Inc.** (\"Supplier\").\n\n"
           "## 1. Inputs\n\n1.1 The Customer shall provide the Customer Materials (historical sales data) by 1 March 2026.\n\n"
           "## 2. Deliverables\n\n2.1 Following receipt of the Purchase Order, Supplier shall deliver the Baseline Model within "
           "15 Business Days after receipt of the Customer Materials.\n")
    assert [(o["kind"], (o["trigger"] or {}).get("event")) for o in _parse(sow, "t.en.md")["obligations"] if o["clause"] == "2.1"] \
        == [("model_delivery", "data_delivery")]


def test_a_framework_numbered_1_with_items_1_and_an_order_numbered_yi() -> None:
    """(Blind batch 81.) Articles "1. 项目与服务范围" over items "(1)…", then after the signatures an order whose
    sections are "一、订单内容": the body keeps its own articles (its term, penalties and signing date), the
    order its own; a late part's fee (逾期部分对应费用) is the delayed amount."""
    text = ("智慧工地视频AI识别服务框架协议\n\n采购方（甲方）：四川某建设有限公司\n服务商（乙方）：成都某人工智能科技有限公司\n\n"
            "1. 项目与服务范围\n(1) 乙方根据甲方工作订单训练识别算法。\n\n"
            "2. 违约责任\n(1) 乙方逾期交付的，每逾期一日，按逾期部分对应费用的千分之一向甲方支付违约金。\n\n"
            "3. 期限\n(1) 本协议自双方签字盖章之日起生效，有效期两年。\n\n"
            "甲方（盖章）：四川某建设有限公司\n日期：2026年3月20日\n\n——————\n附件：工作订单\n\n"
            "一、进度安排\n1. 甲方应于2026年4月3日前向乙方提供不少于2000小时的工地监控样本视频。\n")
    doc = _parse(text)
    c = doc["contract"]
    assert (c["signed_date"], c["term"], c["expiry_date"]) == ("2026-03-20", "P2Y", "2028-03-20")
    assert [(p["kind"], p["basis"]) for p in c["penalties"]] == [("late_delivery", "delayed_amount")]
    assert [o["kind"] for o in doc["obligations"] if o["due_date"] == "2026-04-03"] == ["data_delivery"]


def test_a_metric_with_its_definition_in_brackets_and_a_monthly_usage_statement() -> None:
    """(Blind batch 81.) "评分准确率（与教师评分差值不超过2分的作文占比）不低于90%": the bracket defines the metric; "每月10日前
    …提供上月API调用量、可用率及费用明细" is a periodic report."""
    text = ("作文批改大模型API服务协议\n甲方：某教育科技有限公司\n乙方：某智能科技有限公司\n一、指标\n"
            "1. 专属模型应达到以下指标：评分准确率（与教师评分差值不超过2分的作文占比）不低于90%，病句识别召回率不低于85%。\n"
            "二、服务\n1. 服务期内，乙方应于每月10日前向甲方提供上月API调用量、可用率及费用明细。\n")
    doc = _parse(text)
    assert doc["contract"]["metrics_targets"] == {"accuracy": "0.90", "recall": "0.85"}
    assert [o["kind"] for o in doc["obligations"] if o["clause"] == "2.1"] == ["progress_report"]
