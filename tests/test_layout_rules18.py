"""Rules from blind batches 94-95: an English execution line that dates each signature ("Signed for X by
Y, Director, on 31 March 2026."); an instalment whose invoice a relative clause lets the payee issue
("…, which Licensor may issue after …"); a quarterly update OF data (a hand-over, not a report); a
nominal deadline ("第二批标注结果的交付期限为…"); a table's 付款时限 column; a precondition of payment
("收到发票后方予付款") that is no instalment."""

from __future__ import annotations

from typing import Any

from tracker.parse import parse_text


def _parse(text: str, name: str = "t.txt") -> dict[str, Any]:
    return parse_text(text, name).to_json()


LICENCE = ("DATA LICENSING AGREEMENT\n\nThis Agreement is made between:\n\n"
           '1. **Harbour Data Limited**, a company incorporated in New Zealand ("**Licensor**"); and\n'
           '2. **Kea Vision Limited**, a company incorporated in New Zealand ("**Licensee**").\n\n'
           "## 1. Definitions\n\n"
           '1.1 "**Effective Date**" means the date on which this Agreement has been signed by both parties.\n\n'
           "## 2. Delivery\n\n"
           "2.1 Licensor shall deliver a quarterly update of newly collected receipts on or before the last day "
           "of each calendar quarter during the Term.\n\n"
           "## 3. Fees\n\n"
           "3.1 The total licence fee is NZD 200,000, payable as follows:\n\n"
           "(a) 60%, being NZD 120,000, within ten (10) days after the Effective Date; and\n\n"
           "(b) the balance of 40%, being NZD 80,000, within twenty (20) days after Licensee receives Licensor's "
           "invoice, which Licensor may issue after delivery of the fourth quarterly update.\n\n"
           "## 4. Term\n\n4.1 This Agreement continues for two (2) years from the Effective Date.\n\n"
           "**EXECUTED** as an agreement.\n\n"
           "Signed for **Harbour Data Limited** by Mere Tane, Director, on 31 March 2026.\n\n"
           "Signed for **Kea Vision Limited** by Sam Hill, Chief Executive, on 2 April 2026.\n")


def test_signed_for_a_party_on_a_date_dates_the_signature_and_the_last_one_signs_the_agreement() -> None:
    doc = _parse(LICENCE, "t.en.md")["contract"]
    assert (doc["signed_date"], doc["effective_date"], doc["expiry_date"]) == ("2026-04-02", "2026-04-02", "2028-04-02")


def test_an_instalment_is_kept_when_the_may_belongs_to_a_relative_clause() -> None:
    pays = [(o["amount"], o["trigger"]) for o in _parse(LICENCE, "t.en.md")["obligations"] if o["kind"] == "payment"]
    assert ("80000.00", {"event": "invoice", "offset": "P20D", "business_days": False}) in pays
    assert len(pays) == 2


def test_a_quarterly_update_of_data_is_a_hand_over_due_each_quarter_end_not_a_report() -> None:
    (update,) = [o for o in _parse(LICENCE, "t.en.md")["obligations"] if o["clause"] == "2.1"]
    assert (update["kind"], update["party"]) == ("other", "provider")
    assert (update["recurrence"], update["due_date"]) == ("FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", "2026-06-30")


ANNOTATION = ("数据标注服务协议\n需求方（甲方）：重庆某汽车科技有限公司\n平台方（乙方）：成都某众包信息技术有限公司\n"
              "第一条　费用\n1. 本协议费用总额为人民币100,000元。\n"
              "2. 费用按下表支付：\n"
              "| 期次 | 付款节点 | 比例 | 金额（元） | 付款时限 |\n| --- | --- | --- | --- | --- |\n"
              "| 第一期 | 合同签订 | 40% | 40,000.00 | 合同签订之日起十个工作日内 |\n"
              "| 第二期 | 测评报告出具满三个月 | 60% | 60,000.00 | 测评报告出具之日起满三个月后十日内 |\n"
              "3. 乙方应在每期付款前开具等额增值税专用发票，甲方收到发票后方予付款。\n"
              "第二条　交付\n1. 乙方应于2026年5月20日前交付第一批标注结果。\n"
              "2. 第二批标注结果的交付期限为2026年6月20日。\n"
              "签订日期：2026年5月6日\n")


def test_a_deadline_stated_as_the_items_delivery_period_dates_that_item() -> None:
    obs = {o["clause"]: (o["kind"], o["party"], o["due_date"]) for o in _parse(ANNOTATION, "t.md")["obligations"]}
    assert obs["2.2"] == ("other", "provider", "2026-06-20")


def test_a_payment_time_column_states_the_deadline_before_the_payment_node() -> None:
    """付款节点 says when the instalment falls due in words (满三个月: not before); 付款时限 is its deadline."""
    pays = [(o["amount"], o["trigger"]) for o in _parse(ANNOTATION, "t.md")["obligations"] if o["kind"] == "payment"]
    assert ("60000.00", {"event": "evaluation_report", "offset": "P3M10D", "business_days": False}) in pays


def test_a_precondition_of_payment_is_no_instalment() -> None:
    """"乙方应在每期付款前开具发票，甲方收到发票后方予付款": each payment waits for its invoice; nothing is paid here."""
    got = _parse(ANNOTATION, "t.md")["obligations"]
    assert [o for o in got if o["clause"] == "1.3"] == []
    assert sorted(o["amount"] for o in got if o["kind"] == "payment") == ["40000.00", "60000.00"]


def test_a_date_named_as_a_periods_first_day_anchors_what_counts_from_that_day() -> None:
    """"于2025年7月1日（订阅期起始日）生效" names the day; "订阅期起始日起3个工作日内" counts from it (the
    effective date, so the trigger is ``effective``)."""
    text = ("会议纪要SaaS订阅协议\n甲方：某控股集团有限公司\n乙方：某智能科技有限公司\n二、订阅期限\n"
            "1. 本协议经双方签署后成立，于2025年7月1日（订阅期起始日）生效；订阅期为十二个月，自生效之日起计算。\n"
            "2. 乙方应于订阅期起始日起3个工作日内完成企业空间开通及单点登录对接。\n签订日期：2025年6月20日\n")
    doc = _parse(text)
    (opening,) = [o for o in doc["obligations"] if o["quote"].startswith("乙方应于订阅期起始日起")]
    assert (opening["kind"], opening["due_date"]) == ("model_delivery", "2025-07-04")
    assert opening["trigger"] == {"event": "effective", "offset": "P3D", "business_days": True}
    assert not [w for w in doc["warnings"] if w["code"] == "unrecognised_duty"]


OUTSOURCING = ("数据标注人员外派服务合同\n甲方：某智能科技有限公司\n乙方：某人力资源服务有限公司\n"
               "第一条　期限\n1.1 本合同自2026年6月1日起生效，服务期限为一年。\n"
               "1.2 如服务需延期的，任何一方应于有效期届满前六十日书面提出。\n"
               "第二条　费用\n2.1 每月服务费为人民币100,000元；本合同暂定总价为人民币1,250,000元。\n"
               "2.2 自2026年7月起，甲方应于每月20日前向乙方支付上一自然月的服务费人民币100,000元。\n"
               "2.3 质保金人民币50,000元于质保期（两年）届满后一个月内无息支付；上述质保期自终验合格之日起计算。\n"
               "第三条　违约责任\n3.1 甲方逾期付款逾三十日者，乙方有权暂停服务；逾期款项按年利率百分之九计算利息。\n"
               "签订日期：2026年5月20日\n")


def test_a_sentence_naming_the_breach_and_the_next_stating_its_rate_are_one_penalty() -> None:
    (late,) = [p for p in _parse(OUTSOURCING)["contract"]["penalties"] if p["kind"] == "late_payment"]
    assert (late["rate"], late["per"], late["basis"], late["suspend_after_days"]) == ("0.09", "year", "overdue_amount", 30)


def test_a_series_paid_for_the_month_before_ends_a_month_after_the_term() -> None:
    """July 2026 to June 2027, twelve instalments for June 2026 to May 2027, and the retention: the total."""
    doc = _parse(OUTSOURCING)
    assert not [w for w in doc["warnings"] if w["code"] == "amount_mismatch"]


def test_a_request_to_extend_the_term_before_its_end_is_the_renewal_notice() -> None:
    doc = _parse(OUTSOURCING)["contract"]
    assert (doc["renewal_notice"], doc["renewal_notice_deadline"]) == ("P60D", "2027-04-02")


def test_a_warranty_named_with_its_length_ends_that_long_after_the_day_it_starts() -> None:
    (held,) = [o for o in _parse(OUTSOURCING)["obligations"] if o["amount"] == "50000.00"]
    assert held["trigger"] == {"event": "acceptance", "offset": "P2Y1M", "business_days": False}


LICENCE_ZH = ("声音授权许可协议\n甲方（被许可方）：某有声书科技有限公司\n乙方（许可方）：某文化传媒工作室\n"
              "第一条　许可费用\n（一）本协议项下基础许可费为人民币叁拾陆万元整（¥360,000.00），按下表分期支付：\n"
              "| 期次 | 款项 | 金额（元） | 支付时间 |\n| --- | --- | --- | --- |\n"
              "| 1 | 首期许可费 | 180,000.00 | 本协议生效之日起10个工作日内 |\n"
              "| 2 | 二期许可费 | 180,000.00 | 录音数据经甲方验收合格之日起15日内 |\n"
              "（二）甲方应于每月5日前通过授权管理平台向乙方推送上月合成调用量及收入统计。\n"
              "（三）产线试运行满三个月且乙方收到甲方开具的等额增值税专用发票后30日内，甲方支付分成款人民币10,000元。\n"
              "第二条　违约责任\n（一）乙方未按期交付录音数据的，每逾期一日按基础许可费的万分之五支付违约金，违约金总额以基础许可费的百分之十为上限。\n"
              "签订日期：2026年9月15日\n本协议自签订之日起生效。\n")


def test_a_named_fee_the_instalments_add_up_to_is_the_total_and_a_penalty_on_it_runs_on_the_total() -> None:
    doc = _parse(LICENCE_ZH, "t.md")
    assert doc["contract"]["total_fee"] is None  # with the 分成款 the instalments add up to 370,000: not that fee
    table_only = _parse(LICENCE_ZH.replace("（三）产线试运行满三个月且乙方收到甲方开具的等额增值税专用发票后30日内，甲方支付分成款人民币10,000元。\n", ""), "t.md")
    assert table_only["contract"]["total_fee"] == "360000.00"
    (late,) = [p for p in table_only["contract"]["penalties"] if p["kind"] == "late_delivery"]
    assert (late["rate"], late["basis"]) == ("0.0005", "total_fee")


def test_usage_statistics_due_every_month_are_a_periodic_report() -> None:
    (report,) = [o for o in _parse(LICENCE_ZH, "t.md")["obligations"] if "收入统计" in o["quote"]]
    assert (report["kind"], report["party"], report["recurrence"]) == ("progress_report", "client", "FREQ=MONTHLY;BYMONTHDAY=5")


def test_a_trial_run_that_must_also_be_invoiced_is_a_payment_counted_from_the_invoice() -> None:
    """"试运行满三个月且…收到…发票后30日内": the run's length is no deadline; the invoice, later in the phrase, is."""
    (fee,) = [o for o in _parse(LICENCE_ZH, "t.md")["obligations"] if o["amount"] == "10000.00"]
    assert fee["trigger"] == {"event": "invoice", "offset": "P30D", "business_days": False}


MSA = ('MASTER SUBSCRIPTION AGREEMENT\n\nThis Agreement is entered into by **Cedar Analytics, Inc.** ("**Vendor**") and '
       '**Harbor Credit Union** ("**Subscriber**"), effective November 2, 2026 (the "Effective Date").\n\n'
       "## 2. Services\n\n2.1 Vendor shall provision the production tenant and deliver administrator credentials within "
       "five (5) days after the Effective Date.\n\n"
       "2.2 Vendor shall deliver the Custom Intent Model on or before January 29, 2027.\n\n"
       "## 3. Fees\n\n3.1 Subscriber shall pay the following fees:\n\n"
       "A. Year 1 Fee: USD 144,000.00, due on or before December 15, 2026\n\n"
       "B. Year 2 Fee: USD 151,200.00, due within thirty (30) days after receipt of Vendor's invoice, which Vendor will "
       "not issue before October 1, 2027.\n")


def test_in_a_contract_that_also_delivers_a_model_provisioning_the_tenant_is_a_step_of_its_own() -> None:
    kinds = {o["clause"]: o["kind"] for o in _parse(MSA, "t.en.md")["obligations"]}
    assert (kinds["2.1"], kinds["2.2"]) == ("other", "model_delivery")
    alone = _parse(MSA.replace("2.2 Vendor shall deliver the Custom Intent Model on or before January 29, 2027.\n\n", ""), "t.en.md")
    assert {o["clause"]: o["kind"] for o in alone["obligations"]}["2.1"] == "model_delivery"


def test_the_subject_of_a_relative_clause_does_not_pay_the_instalment() -> None:
    (year2,) = [o for o in _parse(MSA, "t.en.md")["obligations"] if o["amount"] == "151200.00"]
    assert year2["party"] == "client"


def test_instalments_each_on_its_own_written_day_are_one_payment_each() -> None:
    """(The pilot fee: 24 July + 30 days is Sunday 23 August, so Monday the 24th.)"""
    text = ("PILOT AND SUBSCRIPTION AGREEMENT\n\nThis Agreement is made between Thistle Analytics Ltd (the \"Supplier\") and "
            "Caledonian Mutual plc (the \"Customer\").\n\n1.1 \"Effective Date\" means 24 July 2026.\n\n4. Fees\n\n4.1 The Customer shall pay:\n\n"
            "(a) the Pilot Fee of GBP 18,000 within thirty (30) days of the Effective Date;\n\n"
            "(b) the Subscription Fee of GBP 96,000 in four quarterly instalments of GBP 24,000 each, payable in advance on "
            "or before 1 November 2026, 1 February 2027, 1 May 2027 and 1 August 2027.\n")
    pays = sorted((o["due_date"] or "", o["amount"]) for o in _parse(text, "t.en.md")["obligations"] if o["kind"] == "payment")
    assert pays == [("2026-08-24", "18000.00"), ("2026-11-01", "24000.00"), ("2027-02-01", "24000.00"),
                    ("2027-05-01", "24000.00"), ("2027-08-01", "24000.00")]


def test_a_project_execution_period_and_a_validity_counted_from_the_effective_date_are_the_term() -> None:
    head = "委託研究契約書\n委託單位：某醫院（以下簡稱甲方）\n執行單位：某科技大學（以下簡稱乙方）\n"
    ranged = parse_text(head + "第二條　執行期間\n本計畫執行期間自中華民國115年3月2日起至116年2月28日止。\n", "t.zh-Hant.txt").to_json()
    assert ranged["contract"]["expiry_date"] == "2027-02-28"
    valid = _parse("安全评测服务合同\n甲方：某科技有限公司\n乙方：某测评中心\n第四条 合同期限\n"
                   "1. 本合同自双方盖章之日起生效，自生效之日起六个月内有效。\n签订日期：2026年12月18日\n")
    assert valid["contract"]["term"] == "P6M"


def test_clauses_numbered_with_a_dash_are_clauses() -> None:
    """"2-2 预付款：…" at a line's start is clause 2.2 (a scan of db04, batch 101, lost its payments to it)."""
    text = ("数据脱敏平台实施合同\n甲方（实施方）：某科技有限公司\n乙方（委托方）：某银行股份有限公司\n"
            "第一章 总则\n1-1 甲方负责平台的部署与调优。\n第二章 合同价款与付款\n2-1 合同总价为人民币1,500,000元。\n"
            "2-2 预付款：乙方应于合同生效之日起7个工作日内支付合同总价的20%，即人民币300,000元。\n"
            "2-3 验收款：乙方应于平台验收合格后10个工作日内支付合同总价的80%，即人民币1,200,000元。\n签订日期：2026年2月10日\n")
    pays = [(o["clause"], o["amount"]) for o in _parse(text)["obligations"] if o["kind"] == "payment"]
    assert pays == [("2.2", "300000.00"), ("2.3", "1200000.00")]
