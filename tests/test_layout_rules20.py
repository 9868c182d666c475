"""Rules from blind batches 108-109, one test each: a term given by its length starts on the day written before
it; a term base or a word list is data; a billing cycle gives way to the deadline each bill is paid by; and the
rest named in each test."""

from __future__ import annotations

from typing import Any

from tracker.parse import parse_text


def _parse(text: str, name: str = "t.txt") -> dict[str, Any]:
    return parse_text(text, name).to_json()


HEAD = "机器翻译服务协议\n甲方：某电子商务有限公司\n乙方：某智能科技有限公司\n"


def test_a_term_given_by_its_length_after_its_written_first_day_starts_on_that_day() -> None:
    text = HEAD + "第一条 本协议于2026年9月24日签署，服务期自2026年10月1日起，期限一年。\n"
    c = _parse(text)["contract"]
    assert (c["signed_date"], c["effective_date"], c["term"], c["expiry_date"]) == ("2026-09-24", "2026-10-01", "P1Y", "2027-10-01")
    # 为期 after the first day, and 起算: the same
    for wording in ("订阅期自2026年10月1日起算，为期一年。", "服务期限从2026年10月1日开始，服务期限为一年。"):
        c = _parse(HEAD + "第一条 本协议于2026年9月24日签署；" + wording + "\n")["contract"]
        assert c["effective_date"] == "2026-10-01", wording
    # a day that is no first day (a deadline before the length) starts nothing: the signing does
    other = HEAD + "第一条 本协议于2026年9月24日签署，乙方应于2026年10月1日前开通账户；服务期限为一年。\n"
    assert _parse(other)["contract"]["effective_date"] == "2026-09-24"
    # and a contract that says when it takes effect keeps that day
    stated = HEAD + "第一条 本协议自签署之日起生效。服务期自2026年10月1日起，期限一年。\n第二条 签署日期：2026年9月24日\n"
    assert _parse(stated)["contract"]["effective_date"] == "2026-09-24"


def _obligations(text: str) -> list[tuple[str, str | None, Any]]:
    return [(o["kind"], o["party"], o["trigger"]) for o in _parse(text)["obligations"] if o["clause"] == "2"]


BODY = HEAD + "第一条 本协议自2026年3月2日起生效，有效期一年。\n第二条 "


def test_a_term_base_or_a_word_list_handed_over_is_data() -> None:
    effective = {"event": "effective", "offset": "P5D", "business_days": True}
    for obj in ("品牌术语库及不少于50万句对的历史双语语料", "行业术语表", "敏感词库"):
        text = BODY + f"甲方应于本协议生效之日起5个工作日内，通过乙方平台上传{obj}。\n"
        assert _obligations(text) == [("data_delivery", "client", effective)], obj


def test_a_billing_cycle_gives_way_to_the_deadline_each_bill_is_paid_by() -> None:
    text = BODY + ("超量费用按月结算：用量超出承诺量的，乙方随月度用量报告出具超量账单及发票，"
                   "甲方应于收到发票之日起15日内支付超量费用。\n")
    assert _obligations(text) == [("payment", "client", {"event": "invoice", "offset": "P15D", "business_days": False})]
    # with no deadline of its own the cycle is the series (each month's end), and a day of the month stays the day
    (cycle,) = [o for o in _parse(BODY + "服务费为每月人民币10,000元，按月结算，由甲方支付。\n")["obligations"] if o["clause"] == "2"]
    assert (cycle["kind"], cycle["recurrence"]) == ("payment", "FREQ=MONTHLY;BYMONTHDAY=-1")
    (day,) = [o for o in _parse(BODY + "服务费按月结算，甲方应于每月10日前支付上月服务费。\n")["obligations"] if o["clause"] == "2"]
    assert day["recurrence"] == "FREQ=MONTHLY;BYMONTHDAY=10"


TABLE = ("委托方（甲方）：某城市商业银行\n服务方（乙方）：某数智科技有限公司\n第一条 本合同自2026年3月2日起生效，有效期一年。\n"
         "第二条 实施里程碑\n2.1 双方按下表推进实施：\n序号\t里程碑\t责任方\t完成时限及要求\n")


def test_a_responsibility_row_whose_item_names_its_own_act_is_that_act_not_a_hand_over() -> None:
    rows = ("1\t脱敏交易数据提供\t甲方\t合同签订后5个工作日内，甲方提供近24个月经脱敏处理的交易流水数据\n"
            "2\t组织验收\t甲方\t收到《模型验证报告》后10个工作日内，甲方组织验收\n"
            "3\t训练数据\t甲方\t2026年4月30日前\n")
    got = [(o["kind"], o["party"]) for o in _parse("反洗钱模型技术服务合同\n" + TABLE + rows)["obligations"] if o["clause"] == "2.1"]
    # the client's data is its hand-over, named by a noun or by its act; organising the acceptance is another step
    assert got == [("data_delivery", "client"), ("other", "client"), ("data_delivery", "client")]


LABELLING = ("数据标注服务合同\n委托方（甲方）：某直播科技有限公司\n服务方（乙方）：某数据服务有限公司\n"
             "一、数据与交付\n1. 甲方应于2026年6月1日前提供原始直播切片。\n"
             "2. 乙方应自收到第一批原始切片之日起15个工作日内，交付第一批标注结果。\n"
             "二、合同期限\n1. 本合同自双方签署之日起生效，至2026年12月31日止。\n")


def test_a_video_slice_is_data_handed_over_and_received() -> None:
    got = [(o["clause"], o["kind"], o["party"], o["trigger"]) for o in _parse(LABELLING)["obligations"] if o["clause"].startswith("1.")]
    assert got == [("1.1", "data_delivery", "client", None),
                   ("1.2", "other", "provider", {"event": "data_delivery", "offset": "P15D", "business_days": True})]


def test_an_appendix_a_text_layer_glued_to_the_signature_date_is_a_part_of_its_own() -> None:
    sig = "甲方（盖章）：某直播科技有限公司　　日期：2026年5月6日乙方（盖章）：某数据服务有限公司　　日期：2026年5月8日"
    annex = "\n第1条　乙方应于每季度结束后10日内，向甲方提交上一季度的数据处理情况报告。\n第2条　主合同终止后15日内，乙方应删除全部数据。\n"
    out = _parse(LABELLING + sig + "附件：数据处理协议" + annex)
    got = {o["clause"]: o["kind"] for o in out["obligations"] if o["clause"].startswith("附件")}
    assert got == {"附件.1": "progress_report", "附件.2": "other"}
    assert out["contract"]["signed_date"] == "2026-05-08"
    # a body sentence that names an appendix after a date is no heading
    body = LABELLING.replace("2. 乙方应自", "2. 双方确认2026年5月8日附件：清单有效。乙方应自")
    assert not any(o["clause"].startswith("附件") for o in _parse(body + sig + "\n")["obligations"])


def test_a_percentage_a_scan_splits_after_chinese_reads_as_one_figure() -> None:
    text = LABELLING + ("三、违约责任\n1. 乙方逾期交付的，每逾期一日，按该批次服务费的千分之三支付违约金，累计不超过该批次服务费的2 0%。\n")
    (p,) = _parse(text, "t.pdf.txt")["contract"]["penalties"]
    assert p["cap"] == {"rate": "0.20", "basis": "delayed_amount"} and "2 0%" in p["quote"]
    # three digits would be no percentage a cap is written in: left alone
    from tracker.parse.normalize import normalize
    assert normalize("第2 10%的").text == "第2 10%的" and normalize("阶段1 0%").text == "阶段1 0%"


def test_any_currency_in_use_is_money_by_its_iso_code_and_three_other_capitals_are_not() -> None:
    from tracker.parse.money_text import find_money

    def sums(text: str) -> list[tuple[int, str, str | None]]:
        return [(h.start, str(h.value), h.currency) for h in find_money(text)]

    assert sums("The total fees are NGN 40,500,000.00.") == [(19, "40500000.00", "NGN")]
    assert sums("Fee: EGP2,400,000 and TRY 150,000") == [(5, "2400000", "EGP"), (22, "150000", "TRY")]
    # thousands in spaces after a code, as Swedish and South African contracts write them
    assert sums("Instalment 1, 30 % (SEK 558 000)") == [(20, "558000", "SEK")]
    # three capitals that name no currency, or a code that is a word or a language, are no marker
    assert sums("SOW 1 and TOP 10 customers on PHP 8") == []
    # such a code is money before a sum written as money (grouped thousands or cents)
    assert sums("Pesos (PHP 4,800,000.00) and PHP 7.4") == [(7, "4800000.00", "PHP")]
    assert sums("ABC 100元") == [(4, "100", "CNY")]


def test_the_currency_table_is_iso_codes_with_their_names() -> None:
    from tracker.parse import currencies

    table = currencies.load()
    assert len(table) > 120 and all(len(c) == 3 and c.isupper() for c in table)
    assert (table["NGN"], table["THB"], table["EGP"]) == ("Nigerian Naira", "Thai Baht", "Egyptian Pound")
    # tendered currencies only: none withdrawn (the mark, the kuna, the French franc) and no metal
    assert not {"DEM", "HRK", "FRF", "XAU"} & set(table)


def test_a_clause_numbered_by_its_roman_article_is_a_clause_of_its_own() -> None:
    text = ("SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Data Ltd (the \"Service Provider\") and Beta Bank "
            "Ltd (the \"Client\").\n\nARTICLE I - TERM\nI.1 This Agreement starts on 1 June 2026.\n\nARTICLE II - SERVICES\n"
            "II.1 The Service Provider shall deliver the model on or before 31 August 2026.\n\nARTICLE III - FEES AND PAYMENT\nIII.1 The total fees are NGN 40,500,000.00.\n"
            "III.2 Setup Fee of NGN 18,000,000.00, payable as follows: sixty percent (60%) within ten (10) days after "
            "signing.\nIII.4 Overdue amounts bear interest at two percent (2%) per month on the overdue amount.\n")
    out = _parse(text, "t.en.txt")
    (p,) = out["contract"]["penalties"]
    # its own sentence, not the article's first percentage
    assert (p["clause"], p["rate"], p["per"], p["basis"]) == ("3.4", "0.02", "month", "overdue_amount")
    assert [o["clause"] for o in out["obligations"] if o["kind"] == "payment"] == ["3.2"]
    assert (out["contract"]["currency"], out["contract"]["total_fee"]) == ("NGN", "40500000.00")


def test_what_follows_an_anchor_event_as_its_complement_does_not_name_the_duty() -> None:
    text = ("SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Data Ltd (the \"Service Provider\") and Beta Bank "
            "Ltd (the \"Client\").\n\n1. Fees\n1.1 The Setup Fee of NGN 18,000,000.00 is payable as follows: (a) sixty "
            "percent (60%), being NGN 10,800,000.00, within ten (10) days after signing; and (b) forty percent (40%), "
            "being NGN 7,200,000.00, within fifteen (15) Business Days after the Client's written acceptance of Go-Live.\n"
            "1.2 EUR 84,000.00 (20%) is payable within thirty (30) days after acceptance of the Validation Report.\n"
            "2. Delivery\n2.1 The Service Provider shall complete Go-Live within sixty (60) days after signing.\n")
    got = [(o["clause"], o["kind"], o["amount"]) for o in _parse(text, "t.en.txt")["obligations"] if o["kind"] != "contract_expiry"]
    # Go-Live and the report are what the payments count from; the provider's own Go-Live stays its delivery
    assert got == [("1.1", "payment", "10800000.00"), ("1.1", "payment", "7200000.00"), ("1.2", "payment", "84000.00"),
                   ("2.1", "model_delivery", None)]


def test_a_fee_stated_at_a_clause_start_is_a_part_of_the_total_a_late_delivery_rate_runs_on() -> None:
    text = ("SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Data Ltd (the \"Service Provider\") and Beta Bank "
            "Ltd (the \"Client\").\n\n1. Fees\n1.1 The total fees are NGN 40,500,000.00, comprising the Setup Fee and nine (9) "
            "Monthly Fees.\n1.2 Setup Fee of NGN 18,000,000.00, payable within ten (10) days after signing.\n"
            "2. Delay\n2.1 If Go-Live is delayed, the Service Provider shall pay liquidated damages of 0.2% of the Setup Fee "
            "for each day of delay, capped at ten percent (10%) of the Setup Fee.\n")
    (p,) = _parse(text, "t.en.txt")["contract"]["penalties"]
    assert (p["rate"], p["basis"], p["cap"]) == ("0.002", "delayed_amount", {"rate": "0.10", "basis": "delayed_amount"})
    # a fee no sum is stated for below the total is no part of it: the rate stays on the total
    bare = text.replace("1.2 Setup Fee of NGN 18,000,000.00, payable", "1.2 The Setup Fee is payable")
    (q,) = _parse(bare, "t.en.txt")["contract"]["penalties"]
    assert q["basis"] != "delayed_amount"


def _clause2(text: str) -> list[tuple[str, str | None, str | None, Any]]:
    return [(o["kind"], o["party"], o["recurrence"], o["trigger"]) for o in _parse(BODY + text + "\n")["obligations"]
            if o["clause"] == "2"]


def test_the_end_of_each_month_written_as_its_termination_counts_as_its_end() -> None:
    assert _clause2("乙方應於每月終結後七日內，向甲方提交上月數據分析月報。") == [
        ("progress_report", "provider", "FREQ=MONTHLY;BYMONTHDAY=7", None)]
    assert _clause2("乙方应于每季度终结后十日内提交季度报告。") == [
        ("progress_report", "provider", "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=10", None)]


def test_a_dashboard_taken_live_or_any_work_completed_and_taken_live_is_the_delivery() -> None:
    after_data = {"event": "data_delivery", "offset": "P45D", "business_days": False}
    for work in ("旅客流量預測看板並上線", "客流预警服务并上线", "数据大屏部署上线"):
        got = _clause2(f"乙方應於收到甲方全部數據之日起四十五日內完成{work}。")
        assert got == [("model_delivery", "provider", None, after_data)], work
    # in a contract for data analysis (its title names data work) a dashboard is still the system delivered
    titled = BODY.replace("机器翻译服务协议", "智慧旅遊數據分析服務合同")
    (ob,) = [o for o in _parse(titled + "乙方應於2026年8月31日前交付客流看板。\n")["obligations"] if o["clause"] == "2"]
    assert ob["kind"] == "model_delivery"


def test_a_date_whose_month_or_day_a_scan_splits_reads_as_one_date() -> None:
    from tracker.parse.normalize import normalize

    n = normalize("即2026年1 1月5日前完成，2026年3月1 5日")
    assert n.text == "即2026年11月5日前完成,2026年3月15日" and n.quote(0, len(n.text)) == "即2026年1 1月5日前完成，2026年3月1 5日"
    got = _clause2("按照背靠背原则，乙方应于2026年1 1月5日前完成模型在产线的部署。")
    assert [(k, p) for k, p, _, _ in got] == [("model_delivery", "provider")]
    (ob,) = [o for o in _parse(BODY + "按照背靠背原则，乙方应于2026年1 1月5日前完成模型在产线的部署。\n")["obligations"] if o["clause"] == "2"]
    assert ob["due_date"] == "2026-11-05" and "1 1月" in ob["quote"]
    # a month of one digit followed by a space stays as written
    assert normalize("2026年1 月5日").text == "2026年1 月5日"


def test_a_taiwan_agency_that_commissions_and_the_vendor_it_entrusts_are_the_sides() -> None:
    text = ("空氣品質AI分析委託服務契約\n立契約人：\n委託機關：雲林縣政府（以下簡稱甲方）\n"
            "受託廠商：鼎衡環境數據股份有限公司（以下簡稱乙方）\n第一條 契約期間\n本契約期間自簽約日起至中華民國一一五年十二月三十一日止。\n"
            "第二條 工作項目\n一、甲方應於簽約後十個工作日內，將歷史監測數據交付乙方。\n")
    c = _parse(text, "t.zh-Hant.txt")["contract"]
    assert (c["client"], c["provider"]) == ("雲林縣政府", "鼎衡環境數據股份有限公司")
    from tracker.parse.lexicon_zh import role_of
    assert (role_of("委托机关"), role_of("受托厂商"), role_of("采购机关")) == ("client", "provider", "client")


def test_a_report_whose_bracket_names_the_models_metrics_is_the_evaluation_report() -> None:
    got = _clause2("乙方应于平台上线后三十日内提送期末报告，期末报告应包含模型效能验证结果（准确率及召回率）。")
    assert [(k, p) for k, p, _, _ in got] == [("evaluation_report", "provider")]
    # a bracket that names anything else is still a remark the kind is read without
    other = _clause2("乙方应于平台上线后三十日内提送期末报告（一式三份）。")
    assert [(k, p) for k, p, _, _ in other] == [("other", "provider")]


MILESTONES = ("SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Labs SpA (the \"Provider\") and Beta Bank SA (the "
              "\"Client\").\n\n4. Fees\n4.1 The total fees are CLP 48,000,000, payable in three milestones. The Provider may invoice "
              "each milestone once it is achieved:\n(a) Milestone 1, acceptance of the Test Plan: 25% of the total fees (CLP 12,000,000);\n"
              "(b) Milestone 2, delivery of the Interim Findings Memo: 35% of the total fees (CLP 16,800,000);\n"
              "(c) Milestone 3, acceptance of the Final Evaluation Report: 40% of the total fees (CLP 19,200,000).\n"
              "4.2 Each invoice is payable within thirty (30) days after the Client receives it.\n")


def test_items_of_a_lead_in_that_invoices_them_are_paid_on_the_terms_an_invoice_is_payable_on() -> None:
    got = [(o["amount"], o["party"], o["trigger"]) for o in _parse(MILESTONES, "t.en.txt")["obligations"] if o["kind"] == "payment"]
    terms = {"event": "invoice", "offset": "P30D", "business_days": False}
    assert got == [("12000000.00", "client", terms), ("16800000.00", "client", terms), ("19200000.00", "client", terms)]


def test_opening_the_service_a_data_contract_sells_is_its_delivery_and_a_unit_price_is_no_amount() -> None:
    text = ("银行信贷风控外部数据服务协议\n数据需求方（甲方）：某消费金融股份有限公司\n数据服务方（乙方）：某征信科技有限公司\n"
            "一、服务内容\n（一）乙方应于本协议生效之日起10个工作日内完成接口联调并开通生产环境。\n"
            "二、费用\n（一）服务费用明细如下表：\n费用项目\t单价/金额\t计费规则\t支付期限\n"
            "接入服务费\t人民币50,000元/年\t按年计收\t甲方于本协议生效之日起15日内一次性支付\n"
            "信用评分查询\t0.60元/次\t按成功返回的查询次数计费\t按月结算：甲方于每月对账确认之日起10个工作日内支付上月调用费\n"
            "（二）加急查询按每次人民币2元计收，甲方于每季度首月10日前支付上季度加急查询费。\n"
            "三、期限\n本协议有效期自2026年7月1日起至2027年6月30日止。\n")
    obs = _parse(text)["obligations"]
    assert [o["kind"] for o in obs if o["clause"] == "1.1"] == ["model_delivery"]
    # a yearly fee is the sum of its payment; a price per call or per use is a rate, the sum is metered
    assert [o["amount"] for o in obs if o["kind"] == "payment"] == ["50000.00", None, None]


def test_an_order_numbered_and_described_in_brackets_after_the_signatures_is_a_part_of_its_own() -> None:
    text = ("数据采集框架协议\n甲方：某智驾科技有限公司\n乙方：某图测信息技术有限公司\n第一条 期限\n本协议经双方签字盖章之日起生效，有效期两年。\n"
            "甲方（盖章）：某智驾科技有限公司　乙方（盖章）：某图测信息技术有限公司\n日期：2026年4月22日\n"
            "## 附件：采购订单（共两份）\n### 订单一（LX-PO-2601，下单日期：2026年5月6日）\n1. 甲方应于2026年5月15日前向乙方提供底图数据。\n"
            "2. 乙方应于2026年7月31日前完成外业采集。\n### 订单二（LX-PO-2602，下单日期：2026年8月3日）\n"
            "1. 甲方应于2026年8月10日前提供底图数据。\n2. 乙方应于2026年10月31日前完成外业采集。\n")
    got = [(o["clause"], o["due_date"]) for o in _parse(text, "t.md")["obligations"] if o["kind"] != "contract_expiry"]
    assert got == [("订单一.1", "2026-05-15"), ("订单一.2", "2026-07-31"), ("订单二.1", "2026-08-10"), ("订单二.2", "2026-10-31")]


def test_paying_up_to_a_share_counts_the_share_paid_before_with_its_sum_and_an_installation_is_a_duty() -> None:
    text = ("路灯智能巡检系统采购合同\n采购人（甲方）：某市城市管理局\n供应商（乙方）：某智联科技有限公司\n"
            "第一条 合同金额\n合同总金额为人民币2,340,000.00元。\n第二条 交付\n"
            "（一）第二批900盏路灯巡检终端应于2026年12月20日前安装完毕。\n第三条 付款\n"
            "（一）预付款：合同签订后10个工作日内，甲方支付合同总金额的30%，即人民币702,000元。\n"
            "（二）初验款：初验合格后15个工作日内，甲方支付至合同总金额的60%。\n"
            "（三）终验款：终验合格之日起20个工作日内，甲方支付至合同总金额的95%。\n")
    obs = _parse(text)["obligations"]
    assert [o["amount"] for o in obs if o["kind"] == "payment"] == ["702000.00", "702000.00", "819000.00"]
    assert [(o["kind"], o["party"], o["due_date"]) for o in obs if o["clause"] == "2.1"] == [("other", "provider", "2026-12-20")]


def test_a_milestone_item_with_no_verb_is_the_providers_duty_counted_from_the_clients_documents() -> None:
    text = ("SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Document AI, Inc. (the \"Provider\") and Beta "
            "Insurance Corporation (the \"Client\").\n\nARTICLE II - SERVICES\n"
            "2.01 The Client shall deliver 20,000 sample claim documents within ten (10) Business Days after signing.\n"
            "2.02 Milestone 1 - Solution Design Document: within twenty (20) Business Days after receipt of the Client's "
            "sample documents.\n2.03 Milestone 2 - Extraction Model Delivery: on or before October 30, 2026.\n"
            "2.04 Milestone review meetings are held monthly.\n")
    got = [(o["clause"], o["kind"], o["party"], o["due_date"], o["trigger"]) for o in _parse(text, "t.en.txt")["obligations"]
           if o["clause"] in ("2.2", "2.3", "2.4")]
    assert got == [("2.2", "other", "provider", None, {"event": "data_delivery", "offset": "P20D", "business_days": True}),
                   ("2.3", "model_delivery", "provider", "2026-10-30", None)]


def test_a_cell_that_states_its_own_duty_is_read_without_the_rows_payment_cells() -> None:
    text = ("合同审查系统私有化部署技术服务合同\n委托方（甲方）：某律师事务所\n受托方（乙方）：某科技有限公司\n"
            "第一条 合同价款\n本合同总价为人民币600,000.00元。\n第二条 里程碑及付款\n2.1 项目里程碑及付款安排如下表：\n"
            "序号\t里程碑\t完成时限\t比例\t金额（元）\t付款条件\n"
            "1\t终验\t甲方应于收到《系统测试报告》之日起15个工作日内组织验收\t60%\t360,000.00\t验收合格且甲方收到乙方开具的合规发票之日起15日内支付验收款\n")
    got = sorted((o["kind"], o["party"], o["trigger"]["event"]) for o in _parse(text)["obligations"] if o["clause"] == "2.1")
    assert got == [("other", "client", "evaluation_report"), ("payment", "client", "invoice")]


def test_items_of_a_lead_in_that_states_the_sum_per_period_each_pay_that_sum() -> None:
    text = ("SAAS AGREEMENT\n\nThis Agreement is made between Nile Vision LLC (the \"Provider\") and Delta Foods SAE (the "
            "\"Customer\").\n\n4. Fees\n4.1 Quarterly Subscription Fees of EGP 180,000 per quarter, payable in advance as follows:\n"
            "    (a) first quarter: on or before 1 July 2026;\n    (b) second quarter: on or before 1 October 2026.\n"
            "4.2 The Training Fees are payable as follows:\n    (a) first part: on or before 1 August 2026.\n")
    got = [(o["due_date"], o["amount"], o["party"]) for o in _parse(text, "t.en.txt")["obligations"] if o["kind"] == "payment"]
    # (a lead-in that states no sum per period gives its item none)
    assert got == [("2026-07-01", "180000.00", "client"), ("2026-10-01", "180000.00", "client"), ("2026-08-01", None, "client")]


def test_a_breach_of_an_article_named_by_its_spelled_number_is_a_confidentiality_breach_when_that_article_is() -> None:
    text = ("LABELLING AGREEMENT\n\nThis Agreement is made between Rawdah Data Co. (the \"Provider\") and Najd Health Co. (the "
            "\"Client\").\n\nARTICLE ONE - SERVICES\n\n1.1 The Provider shall deliver the Labelled Dataset on or before 30 "
            "November 2026.\n\nARTICLE TWO - CONFIDENTIALITY\n\n2.1 Each Party shall keep the other Party's Confidential "
            "Information confidential.\n2.2 A Party that breaches this Article Two shall pay the other Party SAR 200,000 as "
            "liquidated damages.\n\nARTICLE THREE - LATE PAYMENT\n\n3.1 Any amount not paid when due shall bear a late payment "
            "charge of 1% of the overdue amount per month.\n")
    got = {p["kind"]: (p["clause"], p["amount"], p["rate"]) for p in _parse(text, "t.en.txt")["contract"]["penalties"]}
    assert got == {"confidentiality_breach": ("2.2", "200000.00", None), "late_payment": ("3.1", None, "0.01")}


def test_sample_files_are_data_and_a_monthly_statistics_table_is_a_periodic_report() -> None:
    head = "文件审阅服务合约\n委托方（甲方）：某律师行\n服务方（乙方）：某科技有限公司\n第一条 本合约自2026年3月2日起生效，有效期一年。\n第二条 "

    def kinds(sentence: str) -> list[tuple[str, str | None, str | None]]:
        return [(o["kind"], o["party"], o["recurrence"]) for o in _parse(head + sentence + "\n")["obligations"] if o["clause"] == "2"]
    assert kinds("甲方应于本合约生效之日起十日内，提供不少于5,000份已由律师标注的样本文件。") == [("data_delivery", "client", None)]
    # a file that is no data stays paperwork
    assert kinds("甲方应于本合约生效之日起十日内，提供项目立项文件。") == [("other", "client", None)]
    assert kinds("乙方应于每月第五日前向甲方提交上月审阅量及准确度统计表。") == [("progress_report", "provider", "FREQ=MONTHLY;BYMONTHDAY=5")]


def test_a_monthly_series_whose_first_instalment_is_dated_starts_on_that_day() -> None:
    text = BODY + "月费每月人民币38,000元，共十二期，首期于2026年6月10日或之前支付，其后每月十日或之前支付。\n"
    (pay,) = [o for o in _parse(text)["obligations"] if o["clause"] == "2"]
    assert (pay["due_date"], pay["recurrence"]) == ("2026-06-10", "FREQ=MONTHLY;BYMONTHDAY=10")
