"""Rules from blind batches 102-107, one test each: the receiver who opens a deadline phrase acts on what it
receives ("乙方开具发票，甲方收到发票后30日内支付": 甲方 pays); penalties on the delayed part however named; titles
from a project's definition; orders named by code; calendars of every country the holidays package knows; fees for
each of several months; figures a scan splits; and the rest named in each test."""

from __future__ import annotations

from typing import Any

from tracker.parse import parse_text


def _parse(text: str, name: str = "t.txt") -> dict[str, Any]:
    return parse_text(text, name).to_json()


def _pays(text: str) -> list[tuple[str | None, str]]:
    return [(o["amount"], o["party"]) for o in _parse(text)["obligations"] if o["kind"] == "payment"]


HEAD = "模型开发合同\n委托方（甲方）：某电网公司\n受托方（乙方）：某智能科技有限公司\n第四条 付款\n4.1 合同总价为人民币100,000元。\n"


def test_the_receiver_of_an_invoice_who_opens_the_deadline_is_the_payer_though_the_issuer_is_named_before() -> None:
    text = HEAD + "4.2 尾款：终验合格后，乙方开具等额增值税专用发票，甲方收到发票后30日内支付合同总价的30%，即30,000元。\n"
    assert _pays(text) == [("30000.00", "client")]
    # the roles the other way round: the provider, receiving the client's invoice, pays (a data licence back)
    swapped = HEAD + "4.2 返还款：终验合格后，甲方开具发票，乙方收到发票之日起30日内支付人民币30,000元。\n"
    assert _pays(swapped) == [("30000.00", "provider")]


def test_a_subject_after_the_deadline_still_names_the_actor_and_one_receiving_nothing_is_no_subject() -> None:
    # the receiver opens the phrase but another side is the subject after it: that side acts
    after = HEAD + "4.2 甲方收到发票后10日内，乙方应交付模型。\n"
    (ob,) = [o for o in _parse(after)["obligations"] if o["clause"] == "4.2"]
    assert ob["party"] == "provider"
    # a side that delivers (not receives) at the head of the phrase is not the payer
    delivered = HEAD + "4.2 乙方交付模型后30日内支付合同总价的30%，即30,000元。\n"
    assert _pays(delivered) == [("30000.00", "client")]


def _late_delivery(fees: str, penalty: str) -> dict[str, Any]:
    text = ("SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Data Inc. (the \"Provider\") and Beta Media Ltd. "
            "(the \"Client\").\n\n## 3. Fees\n\n" + fees + "\n\n## 4. Delay\n\n4.1 " + penalty + "\n")
    (p,) = [p for p in _parse(text, "t.en.md")["contract"]["penalties"] if p["kind"] == "late_delivery"]
    return p


PARTS = ("3.1 The total fees under this Agreement are CAD 84,000, consisting of a Setup Fee of CAD 48,000 and an "
         "Annual Platform Fee of CAD 36,000.")


def test_a_rate_on_a_fee_that_is_one_part_of_the_total_runs_on_the_delayed_part_and_so_does_its_cap() -> None:
    p = _late_delivery(PARTS, "If Go-Live is delayed, the Provider shall pay liquidated damages of 0.5% of the Setup "
                              "Fee per day of delay, up to a maximum of 10% of the Setup Fee.")
    assert (p["rate"], p["per"], p["basis"], p["cap"]) == ("0.005", "day", "delayed_amount",
                                                          {"rate": "0.10", "basis": "delayed_amount"})


def test_a_named_fee_stated_as_the_whole_price_or_with_no_sum_is_no_part_and_a_monthly_fee_is_no_monthly_rate() -> None:
    whole = _late_delivery("3.1 The Licence Fee is CAD 84,000.", "If delivery is late, the Provider shall pay 0.1% of "
                           "the Licence Fee for each day of delay, up to a maximum of 10% of the Licence Fee.")
    assert whole["basis"] != "delayed_amount" and whole["cap"] == {"rate": "0.10", "basis": "total_fee"}
    unstated = _late_delivery("3.1 The total fees are CAD 84,000.", "If delivery is late, the Provider shall pay 0.1% "
                              "of the Additional Fees for each day of delay.")
    assert unstated["basis"] is None
    monthly = _late_delivery("3.1 The total fees are EUR 138,000, consisting of a set-up fee of EUR 12,000 and a "
                             "monthly fee of EUR 42,000 for each of May, June and July 2026.",
                             "If a batch is delivered late, the Provider shall pay a penalty of 0.5% of the monthly "
                             "fee for the month in which the batch was due for each day of delay, up to a maximum of "
                             "15% of that monthly fee.")
    assert (monthly["per"], monthly["basis"], monthly["cap"]) == ("day", "delayed_amount",
                                                                  {"rate": "0.15", "basis": "delayed_amount"})


def _title(text: str, name: str = "t.txt") -> str | None:
    title: str | None = _parse(text, name)["contract"]["title"]
    return title


ZH_DEFS = "機器學習顧問服務協議\n客戶：海濱物流有限公司\n顧問：智衡顧問有限公司\n第1條　釋義\n(1) 「工作天」指星期一至星期五。\n(2) 「項目」指{}。\n第2條　費用\n2.1 顧問費為港幣100,000元。\n"


def test_the_project_the_definitions_name_is_the_title_when_no_label_names_one() -> None:
    assert _title(ZH_DEFS.format("倉儲出入庫需求預測機器學習顧問項目")) == "倉儲出入庫需求預測機器學習顧問項目"
    assert _title(ZH_DEFS.format("診所智能預約及分診系統的設計、開發、部署及維護")) == "診所智能預約及分診系統"
    assert _title(ZH_DEFS.format("「貨櫃堆場調度人工智能應用顧問項目」")) == "貨櫃堆場調度人工智能應用顧問項目"
    # a definition that describes the work names nothing: the heading stays the title
    assert _title(ZH_DEFS.format("顧問根據本協議為客戶提供的顧問服務")) == "機器學習顧問服務協議"


EN_DEFS = ("MASTER SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Data Inc. (the \"Provider\") and Beta Ltd. "
           "(the \"Customer\").\n\n1. Definitions\n\n1.1 \"Project\" means {}\n1.2 \"Business Day\" means a weekday.\n")


def test_an_english_project_definition_or_a_quoted_label_names_the_title() -> None:
    assert _title(EN_DEFS.format("the Fleet Dispatch Optimisation Platform described in Schedule 1."), "t.en.txt") \
        == "Fleet Dispatch Optimisation Platform"
    assert _title(EN_DEFS.format("the research project entitled Explainable Credit Models, described in Schedule 1."),
                  "t.en.txt") == "Explainable Credit Models"
    assert _title(EN_DEFS.format("the Customs Declaration Extraction Model project described in Annex A."), "t.en.txt") \
        == "Customs Declaration Extraction Model"
    assert _title(EN_DEFS.format("the services described in Schedule 1."), "t.en.txt") == "MASTER SERVICES AGREEMENT"
    labelled = EN_DEFS.format("the services described in Schedule 1.") + '1.3 "Project Name": Broadcast Archive Program.\n'
    assert _title(labelled, "t.en.txt") == "Broadcast Archive Program"


PILOT = ("智能照护系统试点协议\n试点单位（甲方）：某养老院\n技术提供方（乙方）：某智能科技有限公司\n"
         "一、试点内容\n（一）试点期自2026年7月1日起，为期三个月；本协议自该日起生效，有效期与试点期相同。\n"
         "（二）试点期满后10个工作日内，乙方应提交《试点评估报告》。\n"
         "二、其他\n本协议一式贰份。\n甲方（盖章）：某养老院　日期：2026年6月16日\n乙方（盖章）：某智能科技有限公司　日期：2026年6月16日\n")


def test_a_period_the_validity_is_said_to_equal_is_the_term_and_that_day_is_the_day_the_sentence_before_names() -> None:
    doc = _parse(PILOT)
    c = doc["contract"]
    assert (c["signed_date"], c["effective_date"], c["term"], c["expiry_date"]) == ("2026-06-16", "2026-07-01", "P3M", "2026-10-01")
    (report,) = [o for o in doc["obligations"] if o["kind"] == "evaluation_report"]
    assert report["due_date"] == "2026-10-20"  # ten working days after 1 October, across National Day and make-up 10 October
    # without the sentence that equates them, a pilot period is no term
    other = PILOT.replace("，有效期与试点期相同", "")
    assert _parse(other)["contract"]["term"] is None


def test_a_responsibility_table_row_due_every_other_friday_is_a_progress_report_and_a_notice_is_no_data() -> None:
    table = ("| 序号 | 事项 | 责任方 | 完成时限 |\n|---|---|---|---|\n"
             "| 1 | 试点运行简报 | 乙方 | 试点期间每两周的周五 |\n"
             "| 2 | 书面告知是否转为正式采购 | 甲方 | 试点期满之日起30日内 |\n")
    text = PILOT.replace("（二）试点期满后10个工作日内，乙方应提交《试点评估报告》。\n", "（二）试点工作安排如下：\n\n" + table + "\n")
    rows = {o["title"] if o["kind"] != "progress_report" else "简报": o for o in _parse(text, "t.md")["obligations"]}
    brief = rows["简报"]
    assert (brief["party"], brief["recurrence"], brief["due_date"]) == ("provider", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "2026-07-03")
    (notice,) = [o for o in _parse(text, "t.md")["obligations"] if o["party"] == "client"]
    assert (notice["kind"], notice["due_date"]) == ("other", "2026-11-02")  # 31 October is a Saturday


def test_a_fee_stated_as_a_sum_in_all_is_the_total_and_a_rate_on_that_fee_runs_on_the_total() -> None:
    text = PILOT.replace("二、其他\n", "二、费用\n（一）试点服务费共计人民币陆万元整（¥60,000.00），含设备使用及培训。\n"
                         "三、违约责任\n（一）乙方未按期完成设备安装调试的，每逾期一日按试点服务费的千分之五支付违约金，"
                         "最高不超过试点服务费的20%。\n四、其他\n")
    c = _parse(text)["contract"]
    assert c["total_fee"] == "60000.00"
    (late,) = c["penalties"]
    assert (late["rate"], late["basis"], late["cap"]) == ("0.005", "total_fee", {"rate": "0.20", "basis": "total_fee"})
    # a rate on a fee whose name states no total is not counted on the total
    other = text.replace("按试点服务费的千分之五", "按设备使用费的千分之五")
    assert _parse(other)["contract"]["penalties"][0]["basis"] is None


def test_batches_of_a_digitisation_contract_are_its_results_not_a_model() -> None:
    text = ("档案数字化加工及OCR识别服务合同\n甲方：某市档案馆\n乙方：某数据科技有限公司\n"
            "第一条 交付\n1. 第一批成果应于2026年4月30日前交付甲方质检。\n2. 第二批成果应于2026年6月30日前交付甲方质检。\n"
            "第二条 其他\n本合同自双方签字盖章之日起生效。\n")
    kinds = {(o["kind"], o["party"], o["due_date"]) for o in _parse(text)["obligations"]}
    assert kinds == {("other", "provider", "2026-04-30"), ("other", "provider", "2026-06-30")}
    # the same duty in a contract that builds a system is the system's delivery
    system = text.replace("档案数字化加工及OCR识别服务合同", "档案管理系统开发合同")
    assert {o["kind"] for o in _parse(system)["obligations"]} == {"model_delivery"}


def test_a_signature_table_headed_by_the_sides_dates_the_signatures() -> None:
    text = ("# 报关单据智能审核SaaS服务协议\n\n甲方：宁波某供应链管理有限公司\n乙方：上海某智能科技有限公司\n\n"
            "## 第1条 期限\n\n1.1 本协议自2026年7月1日起生效，有效期一年。\n\n## 第2条 其他\n\n2.1 本协议一式贰份。\n\n"
            "| 甲方：宁波某供应链管理有限公司 | 乙方：上海某智能科技有限公司 |\n|---|---|\n"
            "| 授权代表：何某 | 授权代表：林某 |\n| 日期：2026年6月29日 | 日期：2026年6月26日 |\n")
    c = _parse(text, "t.md")["contract"]
    assert (c["signed_date"], c["effective_date"]) == ("2026-06-29", "2026-07-01")
    # the same table with no signatory or date row under it is an ordinary table: nothing dates a signature
    plain = text.replace("| 授权代表：何某 | 授权代表：林某 |\n| 日期：2026年6月29日 | 日期：2026年6月26日 |\n",
                         "| 负责数据 | 负责模型 |\n")
    assert _parse(plain, "t.md")["contract"]["signed_date"] is None


def test_a_series_starting_on_a_named_day_of_a_month_starts_in_that_month() -> None:
    text = ("DATA ANNOTATION SERVICES AGREEMENT\n\nThis Agreement is made between Polder Label B.V. (the \"Supplier\") and "
            "Acme Mobility B.V. (the \"Customer\").\n\n4. FEES\n\n4.1 The Effective Date is 20 April 2026.\n"
            "4.3 The Supplier shall issue each invoice on the first Business Day of the month following the month of "
            "service, starting on the first Business Day of June 2026.\n")
    (inv,) = [o for o in _parse(text, "t.en.txt")["obligations"] if o["recurrence"]]
    assert (inv["recurrence"], inv["due_date"]) == ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1", "2026-06-01")
    later = text.replace("of June 2026", "of September 2026")
    (inv,) = [o for o in _parse(later, "t.en.txt")["obligations"] if o["recurrence"]]
    assert inv["due_date"] == "2026-09-01"


FRAMEWORK = ("车险理赔AI智能定损SaaS服务框架协议\n甲方（客户）：某财产保险股份有限公司\n乙方（服务商）：某智能科技有限公司\n"
             "第一条　期限\n1. 本协议自双方签字盖章之日起生效，有效期两年。\n第二条　其他\n本协议一式贰份。\n"
             "甲方（盖章）：某财产保险股份有限公司\n授权代表：周某　　日期：2026年7月8日\n"
             "乙方（盖章）：某智能科技有限公司\n授权代表：林某　　日期：2026年7月6日\n"
             "订单（编号：AXCX-DD-001）\n下单日期：2026年7月20日\n一、订购内容\n1. 私有模型适配及系统接入：人民币60,000元。\n"
             "2. 年度定损调用包：60万次，单价0.80元/次，合计人民币480,000元。\n3. 本订单总金额：人民币540,000元。\n"
             "4. 服务期：自2026年8月1日起至2026年12月31日止。\n"
             "二、交付安排\n1. 甲方应于2026年7月31日前向乙方提供历史理赔照片样本。\n"
             "2. 乙方应在收到甲方历史样本之日起30日内完成私有模型适配并上线。\n"
             "三、付款\n1. 接入费人民币60,000元，于系统上线之日起10日内支付。\n"
             "2. 调用包费用人民币480,000元，于2026年8月31日前支付。\n")


def test_an_order_named_by_its_code_after_the_signatures_is_a_part_with_its_own_articles() -> None:
    doc = _parse(FRAMEWORK)
    c = doc["contract"]
    # the order's date is no signing date, its own period no term; its sum stated of itself is the total
    assert (c["signed_date"], c["expiry_date"], c["total_fee"]) == ("2026-07-08", "2028-07-08", "540000.00")
    got = [(o["clause"], o["kind"]) for o in doc["obligations"] if o["clause"] and o["clause"].startswith("订单")]
    assert got == [("订单.2.1", "data_delivery"), ("订单.2.2", "model_delivery"), ("订单.3.1", "payment"), ("订单.3.2", "payment")]


def test_kenyan_and_mexican_contracts_count_their_own_business_days_and_kenya_shillings_are_money() -> None:
    text = ("DATA ANNOTATION SERVICES AGREEMENT\n\nThis Agreement is made between Savannah Label Works Limited (the "
            "\"Provider\") and Kestrel Robotics Limited (the \"Client\").\n\n1. DEFINITIONS\n1.1 \"Business Day\" means a day "
            "other than a Saturday, a Sunday or a public holiday gazetted in Kenya.\n\n3. DELIVERY\n3.1 The Client shall "
            "make the Source Data available within ten (10) Business Days after the Effective Date.\n\n4. FEES\n"
            "4.1 The total fees under this Agreement are KES 6,000,000, exclusive of VAT.\n\n7. GENERAL\n"
            "7.1 This Agreement is governed by the laws of Kenya.\n\nSigned for and on behalf of Savannah Label Works Limited\n"
            "Date: 20 May 2026\n")
    doc = _parse(text, "t.en.txt")
    assert (doc["contract"]["currency"], doc["contract"]["total_fee"]) == ("KES", "6000000.00")
    (data,) = [o for o in doc["obligations"] if o["kind"] == "data_delivery"]
    assert data["due_date"] == "2026-06-04"  # Madaraka Day, 1 June, is no Business Day in Kenya
    mexico = text.replace("gazetted in Kenya", "in Mexico City").replace("laws of Kenya", "laws of Mexico") \
        .replace("20 May 2026", "11 March 2026").replace("ten (10)", "four (4)")
    (data,) = [o for o in _parse(mexico, "t.en.txt")["obligations"] if o["kind"] == "data_delivery"]
    assert data["due_date"] == "2026-03-18"  # Benito Juárez's birthday, 16 March 2026, is a public holiday


MONTHLY = ("ANNOTATION SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Labels Ltd (the \"Provider\") and Beta "
           "Robotics Ltd (the \"Client\").\n\n4. FEES\n4.1 The total fees under this Agreement are EUR 60,000.\n"
           "4.2 The fees are payable as a Monthly Service Fee of EUR 20,000 for each of June, July and August 2026. The "
           "Provider shall invoice each Monthly Service Fee monthly in arrears, on the last Business Day of the month "
           "concerned, starting in June 2026.\n4.3 The Client shall pay each invoice within thirty (30) days of receipt.\n")


def test_a_fee_for_each_of_three_months_is_three_payments_on_the_terms_and_the_invoicing_a_series_of_the_provider() -> None:
    obs = _parse(MONTHLY, "t.en.txt")["obligations"]
    pays = [(o["amount"], o["party"], o["trigger"]) for o in obs if o["kind"] == "payment"]
    assert pays == [("20000.00", "client", {"event": "invoice", "offset": "P30D", "business_days": False})] * 3
    (series,) = [o for o in obs if o["recurrence"]]
    assert (series["kind"], series["party"], series["due_date"]) == ("other", "provider", "2026-06-30")
    # with no payment terms, nothing says when each month's fee falls due: no payments are made up
    bare = MONTHLY.replace("4.3 The Client shall pay each invoice within thirty (30) days of receipt.\n", "")
    assert not [o for o in _parse(bare, "t.en.txt")["obligations"] if o["kind"] == "payment"]


def test_a_chinese_rate_on_a_fee_stated_as_a_part_of_the_total_runs_on_the_delayed_part() -> None:
    text = ("物業管理AI巡檢服務合約\n甲方：某物業管理有限公司\n乙方：某智能科技有限公司\n第3條 費用\n"
            "3.1 本合約服務費用總額為港幣816,000元，包括部署費及十二個月的月費。\n3.2 部署費港幣120,000元，甲方須於本合約簽訂後二十一日內支付。\n"
            "第6條 違約\n6.1 乙方未能按期完成系統部署及上線的，每逾期一日，須向甲方支付部署費的百分之一作為違約金，上限為部署費的百分之二十。\n")
    (late,) = _parse(text, "t.zh-Hant.txt")["contract"]["penalties"]
    assert (late["basis"], late["cap"]) == ("delayed_amount", {"rate": "0.20", "basis": "delayed_amount"})
    # a cap on the whole price stays on it
    whole = text.replace("上限為部署費的百分之二十", "上限為服務費用總額的百分之二十")
    (late,) = _parse(whole, "t.zh-Hant.txt")["contract"]["penalties"]
    assert (late["basis"], late["cap"]) == ("delayed_amount", {"rate": "0.20", "basis": "total_fee"})


def test_a_payment_given_on_an_event_with_no_period_is_a_deadline_whatever_the_verb_for_paying() -> None:
    text = ("資料結構化委託服務契約\n甲方：某醫院\n乙方：某資訊股份有限公司\n第四條 付款\n一、契約價金總額新臺幣100萬元。\n"
            "二、第一期：契約價金百分之七十，計新臺幣70萬元，於驗收合格後給付。\n"
            "三、第二期：契約價金百分之三十，計新臺幣30萬元，於保固期滿且無待修事項後給付。\n第五條 保固\n保固期為驗收合格後一年。\n")
    pays = [(o["amount"], o["trigger"]) for o in _parse(text, "t.zh-Hant.txt")["obligations"] if o["kind"] == "payment"]
    assert pays == [("700000.00", {"event": "acceptance", "offset": "P0D", "business_days": False}),
                    ("300000.00", {"event": "acceptance", "offset": "P1Y", "business_days": False})]


def test_a_payment_of_a_named_fee_takes_the_one_sum_the_contract_states_for_it() -> None:
    text = ("庭审语音转写服务合同\n甲方：某人民法院\n乙方：某智能科技有限公司\n第三条 费用\n"
            "（一）本合同为单价合同，单价为每分钟人民币0.85元。系统部署费为人民币80,000元（含税）。\n"
            "（二）系统部署费由甲方于系统上线验收合格之日起10个工作日内一次性支付。\n")
    (pay,) = [o for o in _parse(text)["obligations"] if o["kind"] == "payment"]
    assert (pay["amount"], pay["trigger"]["event"]) == ("80000.00", "acceptance")
    # two sums stated for the fee: which one is paid is not for the parser to guess
    twice = text.replace("（含税）。", "（含税），复杂场景系统部署费为人民币90,000元。")
    (pay,) = [o for o in _parse(twice)["obligations"] if o["kind"] == "payment"]
    assert pay["amount"] is None


def test_a_confidentiality_duty_with_no_fixed_term_is_perpetual_but_one_that_survives_for_years_is_not() -> None:
    head = "庭审语音转写服务合同\n甲方：某人民法院\n乙方：某智能科技有限公司\n第四条 保密\n"
    doc = _parse(head + "（一）乙方的保密义务无固定期限，不因本合同的变更、解除或终止而解除。\n")
    assert [w["code"] for w in doc["warnings"]].count("perpetual_confidentiality") == 1
    two = _parse(head + "（一）保密义务不因本合同终止而解除，在本合同终止后二年内持续有效。\n")
    assert two["contract"]["confidentiality_term"] == "P2Y"
    assert "perpetual_confidentiality" not in [w["code"] for w in two["warnings"]]


def test_a_monthly_fee_in_a_payment_table_starts_in_the_month_its_cell_names() -> None:
    text = ("智慧停车视频识别系统运维服务合同\n甲方：某停车管理有限公司\n乙方：某科技有限公司\n第一条 期限\n"
            "（一）服务期限为十二个月，自2026年1月1日起至2026年12月31日止。\n第二条 费用\n（一）费用按下表支付：\n\n"
            "| 序号 | 费用项目 | 金额（元） | 支付时间 |\n|---|---|---|---|\n"
            "| 1 | 月度运维服务费 | 每月32,000.00 | 自2026年2月起，甲方于每月15日前支付上一个月的运维服务费 |\n")
    (fee,) = [o for o in _parse(text, "t.md")["obligations"] if o["kind"] == "payment"]
    assert (fee["recurrence"], fee["due_date"]) == ("FREQ=MONTHLY;BYMONTHDAY=15", "2026-02-15")


def test_polish_and_vietnamese_contracts_count_their_own_business_days() -> None:
    text = ("LABELLING AGREEMENT\n\nThis Agreement is made between Wisla Data sp. z o.o. (the \"Supplier\") and Beta S.A. "
            "(the \"Customer\").\n\n3. DELIVERY\n3.1 The Customer shall deliver the source images within three (3) Business "
            "Days after the Effective Date.\n\n4. FEES\n4.1 The total fees are PLN 412,000.\n\n7. LAW\n7.1 This Agreement is "
            "governed by the laws of Poland.\n\nSigned for and on behalf of Wisla Data sp. z o.o.\nDate: 29 April 2026\n")
    doc = _parse(text, "t.en.txt")
    assert (doc["contract"]["currency"], doc["contract"]["total_fee"]) == ("PLN", "412000.00")
    (data,) = [o for o in doc["obligations"] if o["kind"] == "data_delivery"]
    assert data["due_date"] == "2026-05-05"  # 1 May (Labour Day) and 3 May (a Sunday) are no Polish business days
    hanoi = text.replace("laws of Poland", "laws of Vietnam").replace("PLN 412,000", "USD 412,000") \
        .replace("29 April 2026", "28 August 2026")
    (data,) = [o for o in _parse(hanoi, "t.en.txt")["obligations"] if o["kind"] == "data_delivery"]
    assert data["due_date"] == "2026-09-07"  # 31 August (a day off in lieu) and 1-2 September (National Day) are holidays


def test_the_country_table_is_the_holidays_registry_and_any_country_it_names_gives_the_calendar() -> None:
    from tracker.parse import countries
    from tracker.parse.calendar_detect import calendar_of

    # every row is the registry's (a newer holidays may add countries; regenerate: python -m tracker.parse.countries)
    assert countries.load().items() <= countries.generated().items()
    assert len(countries.load()) > 200 and countries.load()["Portugal"] == "PT"
    law = "This Agreement is governed by the laws of {}."
    assert [calendar_of(law.format(p), "en") for p in ("Portugal", "the Republic of Chile", "the State of Georgia", "Mars")] \
        == ["PT", "CL", "US-GA", "CN"]
    # a country named outside the law clause and the Business Day definition decides nothing
    assert calendar_of("Supplier is a company incorporated in Portugal. This Agreement is governed by the laws of "
                       "Singapore.", "en") == "SG"


def test_a_lettered_bullet_of_a_payment_list_is_an_instalment_whatever_its_relative_clause_names() -> None:
    head = ('AGREEMENT\n\nThis Agreement is made between Alpha sp. z o.o. (the "Provider") and Beta S.A. (the "Client").\n\n'
            "## 3. Fees\n\n3.1 The total fee is PLN 412,000.00.\n\n3.2 The fee is payable as follows:\n\n"
            "- (a) an advance of 20% (PLN 82,400.00) within ten (10) days after the Effective Date;\n"
            "- (b) 50% (PLN 206,000.00) within fourteen (14) days after receipt of a correct VAT invoice, which the "
            "Provider may issue once Milestone 1 is accepted;\n")
    pays = [(o["amount"], o["party"]) for o in _parse(head, "t.en.md")["obligations"] if o["kind"] == "payment"]
    assert pays == [("82400.00", "client"), ("206000.00", "client")]


def test_a_figure_a_scan_split_with_a_space_is_one_sum_and_the_quote_keeps_the_space() -> None:
    text = ("研发合同\n甲方：某税务科技有限公司\n乙方：某大学\n第三条 付款\n3.1 研发经费总额为人民币2,400,000元。\n"
            "3.2 第三期：《模型测试报告》经甲方书面确认后10个工作日内，支付研发经费的30%，即人民币720,00 0元。\n"
            "3.3 第四期：其余15%即人民币360 ,000元，于验收合格后二十日内支付。\n")
    pays = [(o["amount"], o["quote"]) for o in _parse(text)["obligations"] if o["kind"] == "payment"]
    assert [a for a, _ in pays] == ["720000.00", "360000.00"]
    assert "720,00 0元" in pays[0][1] and "360 ,000元" in pays[1][1]  # verbatim
    # spaces between separate figures are left alone
    assert _parse("合同\n甲方：甲\n乙方：乙\n第一条 费用\n1.1 共 3 项，合同总价为人民币12 ,5元。\n")["contract"]["total_fee"] != "125.00"


def test_a_term_named_with_a_bracketed_aside_is_the_term() -> None:
    text = ("订阅协议\n甲方：某出版社\n乙方：某科技公司\n第一条 期限\n1. 本合同自双方签字盖章之日起生效。\n"
            "2. 订阅期限（即本合同有效期）为二十四个月，自本合同生效之日起算。\n甲方（盖章）：某出版社　日期：2026年7月3日\n")
    c = _parse(text)["contract"]
    assert (c["term"], c["expiry_date"]) == ("P24M", "2028-07-03")


def test_statutory_interest_on_late_payments_is_a_penalty_not_an_instalment() -> None:
    text = ('AGREEMENT\n\nThis Agreement is made between Alpha sp. z o.o. (the "Provider") and Beta S.A. (the "Client").\n\n'
            "3. FEES\n3.1 The total fee is PLN 412,000.00.\n3.3 Late payments bear statutory interest for delay in commercial "
            "transactions, which on the date of this Agreement is 11.75% per annum. If any amount remains unpaid more than "
            "thirty (30) days after its due date, the Provider may suspend performance until payment.\n")
    doc = _parse(text, "t.en.txt")
    (late,) = doc["contract"]["penalties"]
    assert (late["kind"], late["rate"], late["per"], late["basis"], late["suspend_after_days"]) == \
        ("late_payment", "0.1175", "year", "overdue_amount", 30)
    assert not [o for o in doc["obligations"] if o["kind"] == "payment"]
