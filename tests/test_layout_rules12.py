"""Layout rules from blind batches 62-63: a 政府采购合同 in three parts (协议书 signed above its 通用条款,
专用条款 that restate and replace general clauses by number), general conditions quoted as an excerpt
(1.1, 2.3, 3.1, 10.2: numbers skipped)."""

from __future__ import annotations

from tracker.parse import parse_text
from tracker.parse.clauses import segment
from tracker.parse.normalize import normalize

GOV = """政府采购合同（服务类）
项目名称：城市热线语义分析模型服务
采购人（甲方）：临江市政务服务中心
供应商（乙方）：杭州语衡科技有限公司
第一部分 合同协议书
一、服务内容：乙方为甲方提供热线语义分析模型的训练及部署服务。
二、合同金额：人民币800,000元。
三、服务期限：自合同生效之日起十二个月。
四、本合同自双方签字盖章之日起生效。
甲方（盖章）：临江市政务服务中心\t乙方（盖章）：杭州语衡科技有限公司
日期：2026年5月18日\t日期：2026年5月12日
第二部分 通用条款
1.1 本合同所称服务，是指乙方按照采购需求提供的服务。
2.3 甲方应于合同生效之日起10日内向乙方提供历史工单数据。
5.1 甲方应于合同签订之日起30日内支付合同金额的50%，其余款项于验收合格后30日内付清。
7.1 乙方逾期交付的，每逾期一日按合同金额的万分之五向甲方支付违约金。
10.4 合同终止后15日内，乙方应删除甲方提供的全部数据。
第三部分 专用条款
5.1\t付款方式\t本条替代通用条款第5.1条：甲方应于合同签订之日起10日内支付合同金额的40%，即人民币320,000元。
7.1\t逾期交付\t本条替代通用条款第7.1条：乙方逾期交付的，每逾期一日按合同金额的千分之一向甲方支付违约金。
"""


def test_an_excerpt_of_dotted_clauses_keeps_each_number() -> None:
    labels = [s.label for s in segment(normalize(GOV).text).segments if s.label]
    assert labels[labels.index("1.1"):labels.index("1.1") + 5] == ["1.1", "2.3", "5.1", "7.1", "10.4"]
    assert labels[-2:] == ["5.1", "7.1"]  # the special conditions' rows, from their first (not 1) on


def test_special_conditions_replace_the_general_clause_they_name() -> None:
    d = parse_text(GOV, "gov.docx").to_json()
    pays = [o for o in d["obligations"] if o["kind"] == "payment"]
    assert [(o["amount"], o["trigger"]["offset"]) for o in pays] == [("320000.00", "P10D")]
    assert all("本条替代" in o["quote"] or "40%" in o["quote"] for o in pays)
    late = [p for p in d["contract"]["penalties"] if p["kind"] == "late_delivery"]
    assert [p["rate"] for p in late] == ["0.001"]  # not the general 万分之五


def test_a_general_clause_no_later_clause_replaces_stays() -> None:
    d = parse_text(GOV.replace("本条替代通用条款第7.1条：", ""), "gov.docx").to_json()
    assert [p["rate"] for p in d["contract"]["penalties"] if p["kind"] == "late_delivery"] == ["0.0005"]


def test_the_agreement_signed_above_its_general_conditions_is_dated_by_its_signatures() -> None:
    d = parse_text(GOV, "gov.docx").to_json()
    c = d["contract"]
    assert (c["signed_date"], c["effective_date"], c["expiry_date"]) == ("2026-05-18", "2026-05-18", "2027-05-18")
    data = next(o for o in d["obligations"] if o["kind"] == "data_delivery")
    assert (data["clause"], data["due_date"]) == ("2.3", "2026-05-28")


def _contract(text: str) -> dict:  # type: ignore[type-arg]
    return parse_text(text, "c.txt").to_json()["contract"]  # type: ignore[no-any-return]


def test_a_defined_subscription_period_is_the_term() -> None:
    text = ("大模型API订阅服务协议\n甲方：苏州禾光电商有限公司\n乙方：杭州深言科技有限公司\n第1条 定义\n"
            "1.1 “生效日”指2026-11-01。\n1.2 “订阅期”指自生效日起十二个月的期间。\n第2条 期限\n"
            "2.1 本协议自生效日起生效，订阅期届满时终止。\n")
    c = _contract(text)
    assert (c["effective_date"], c["term"], c["expiry_date"]) == ("2026-11-01", "P12M", "2027-11-01")
    quality = parse_text(text.replace("“订阅期”指自生效日起十二个月的期间", "“质保期”指自验收合格之日起十二个月"), "q.txt")
    assert quality.to_json()["contract"]["term"] is None


def test_an_agreement_made_on_a_day_by_its_parties_is_signed_that_day() -> None:
    text = ("軟件開發合約\n本合約於2026年6月17日由以下雙方訂立：\n(1) 甲公司有限公司（「客戶」）；及\n"
            "(2) 乙公司有限公司（「開發商」）。\n1. 年期\n1.1 本合約自簽署日期起生效，有效期為十八個月。\n"
            "1.2 任何一方如欲續期，須於本合約屆滿前最少兩個月以書面通知對方。\n")
    c = _contract(text)
    assert (c["signed_date"], c["expiry_date"], c["renewal_notice"]) == ("2026-06-17", "2027-12-17", "P2M")


def test_an_unnumbered_annex_after_the_signatures_numbers_its_items() -> None:
    text = ("数据标注框架协议\n第一条 总则\n1. 甲方应按订单提供原始数据。\n\n甲方（盖章）：甲公司\t乙方（盖章）：乙公司\n"
            "日期：2026年3月2日\n\n## 附件：采购订单（编号：YC-03）\n\n1. 交付安排\n"
            "2. 甲方应于2026年8月28日前向乙方提供第一批次的原始对话数据。\n")
    labels = [s.label for s in segment(normalize(text).text).segments]
    assert labels[-2:] == ["附件.1", "附件.2"]
    d = parse_text(text, "fw.md").to_json()
    data = next(o for o in d["obligations"] if o["kind"] == "data_delivery")
    assert (data["clause"], data["due_date"]) == ("附件.2", "2026-08-28")
    assert d["contract"]["signed_date"] == "2026-03-02"


ORDER_FORM = """# ORDER FORM

| | |
|---|---|
| Customer | Beijing Mingcha Intelligent Technology Co., Ltd. |
| Subscription Start Date | July 1, 2026 |
| Annual Subscription Fee | USD 96,000.00 per year, payable Net 30 from the invoice date |
| Implementation Fee | USD 12,000.00 (one-time), payable within thirty (30) days after the date of the last signature below |

## Terms

**1. Term.** The Subscription Term is twelve (12) months from the Subscription Start Date.

| Customer | Vendor |
|---|---|
| Beijing Mingcha Intelligent Technology Co., Ltd. | Vectorline, Inc. |
| By: Zhang Wei | By: Rachel Kim |
| Date: June 26, 2026 | Date: June 29, 2026 |
"""


def test_an_order_forms_fee_rows_and_its_signature_table() -> None:
    d = parse_text(ORDER_FORM, "of.en.md").to_json()
    c = d["contract"]
    assert (c["provider"], c["client"], c["signed_date"]) == ("Vectorline, Inc.", "Beijing Mingcha Intelligent Technology Co., Ltd.",
                                                              "2026-06-29")
    pays = sorted((o["amount"], o["trigger"]["event"], o["trigger"]["offset"]) for o in d["obligations"] if o["kind"] == "payment")
    assert pays == [("12000.00", "signing", "P30D"), ("96000.00", "invoice", "P30D")]


def test_lettered_items_run_on_in_one_sentence_are_one_instalment_each() -> None:
    text = ("SERVICES AGREEMENT\nThis Agreement is made between Acme Data Co., Ltd. (\"Vendor\") and Beta Foods Co., Ltd. "
            "(\"Customer\").\n1. Payment\n1.1 Vendor shall invoice each milestone fee upon acceptance; each invoice is payable "
            "within thirty (30) days after receipt.\n1.2 Customer shall pay the fees as follows:\n"
            "(a) a mobilisation fee of RMB 120,000, payable within ten (10) days after the Effective Date;\n"
            "(b) RMB 180,000 for M1, (c) RMB 420,000 for M2 and (d) RMB 300,000 for M3, each invoiced and paid in "
            "accordance with Section 1.1.\n")
    d = parse_text(text, "sow.en.txt").to_json()
    pays = [(o["amount"], o["quote"]) for o in d["obligations"] if o["kind"] == "payment" and o["amount"]]
    assert [a for a, _ in pays] == ["120000.00", "180000.00", "420000.00", "300000.00"]
    assert pays[2][1] == "(c) RMB 420,000 for M2" and all(q in text for _, q in pays)


FLAT = ("STATEMENT OF WORK No. 1\nThis SOW is made between Acme Data Co., Ltd. (\"Vendor\") and Beta Foods Co., Ltd. (\"Customer\").\n"
        "1. Milestones\n1.1 The Parties shall complete the milestones below by the Due Dates stated.\n"
        "Milestone Deliverable Responsible Due Date\n"
        "M0 Historical sensor logs (24 months) and route data Customer 16 Oct 2026 M1 Data audit report Vendor 6 Nov 2026\n"
        "M2 Trained forecasting Model with inference API Vendor 15 Jan 2027\n"
        "2. Fees\n2.1 The fees are RMB 100,000.\n")


def test_a_table_a_pdf_ran_together_gives_one_duty_per_row() -> None:
    d = parse_text(FLAT, "sow.en.txt").to_json()
    got = [(o["kind"], o["party"], o["due_date"]) for o in d["obligations"] if o["clause"] == "1.1"]
    assert got == [("data_delivery", "client", "2026-10-16"), ("other", "provider", "2026-11-06"),
                   ("model_delivery", "provider", "2027-01-15")]
    assert all(o["quote"] in FLAT for o in d["obligations"])
    assert next(o for o in d["obligations"] if o["kind"] == "model_delivery")["quote"].startswith("M2 Trained")


def test_id_led_lines_without_a_header_line_are_no_table() -> None:
    d = parse_text(FLAT.replace("Milestone Deliverable Responsible Due Date\n", ""), "sow.en.txt").to_json()
    assert not [o for o in d["obligations"] if o["clause"] == "1.1" and o["due_date"] == "2027-01-15"]


def test_a_rate_of_the_fees_the_contract_states_is_of_the_total_unless_of_the_delayed_batch() -> None:
    head = ("SOFTWARE DEVELOPMENT AGREEMENT\nThis Agreement is made between Acme Data Co., Ltd. (\"Developer\") and Beta "
            "Foods Co., Ltd. (\"Customer\").\n5. FEES\n5.1 The Fees are USD 240,000.00, exclusive of VAT.\n6. DELAY\n")
    whole = head + ("6.1 If the Developer fails to achieve M2 by the applicable date, the Developer shall pay liquidated damages "
                    "of 0.2% of the Fees for each day of delay, up to a maximum of 10% of the Fees.\n")
    part = head + ("6.1 If the Developer fails to deliver a Batch on time, the Developer shall pay 0.1% of the Fees attributable "
                   "to the delayed Batch for each day of delay.\n")
    assert [p["basis"] for p in _contract(whole)["penalties"]] == ["total_fee"]
    assert [p["basis"] for p in _contract(part)["penalties"]] == ["delayed_amount"]


def test_an_item_counted_from_an_earlier_items_completion() -> None:
    text = ("SOFTWARE DEVELOPMENT AGREEMENT\nThis Agreement is made between Acme Data Co., Ltd. (\"Developer\") and Beta "
            "Foods Co., Ltd. (\"Customer\").\n4. MILESTONES\n4.1 The Parties shall perform the following milestones:\n"
            "- M1 Data Handover: the Customer shall deliver the training corpus within ten (10) Business Days after the "
            "Effective Date.\n- M2 Model Delivery: the Developer shall deliver the trained Model within ninety (90) days "
            "after completion of M1.\n")
    d = parse_text(text, "a.en.txt").to_json()
    model = next(o for o in d["obligations"] if o["kind"] == "model_delivery")
    assert model["trigger"] == {"event": "data_delivery", "offset": "P90D", "business_days": False}
    assert not [w for w in d["warnings"] if "M2" in w.get("quote", "")]


def test_a_list_items_inherited_kind_still_follows_who_acts() -> None:
    """节点二 reads as the same thing as 节点一 (the sentence's kind), but data the provider hands over is no
    data_delivery (here 甲方 is the provider: the annotation vendor)."""
    text = ("数据标注合同\n甲方（服务方）：成都拾光数据科技有限公司\n乙方（委托方）：重庆禾丰农业科技有限公司\n第3条 交付节点\n"
            "3.1 本项目按以下交付节点执行：\n（1）节点一：乙方应于本合同生效之日起5个工作日内向甲方提供全部原始图像；\n"
            "（2）节点二：甲方应于收到原始图像之日起7日内完成500张试标并提交乙方确认。\n")
    got = [(o["kind"], o["party"]) for o in parse_text(text, "c.txt").to_json()["obligations"]]
    assert got == [("data_delivery", "client"), ("other", "provider")]


def test_an_order_after_the_signatures_headed_annex_and_a_title() -> None:
    """附件　服務訂單（第二份） after the signatures is an annex (its dates are no signing dates); its items
    say who acts ("第一批影像：甲方應於…前交付" is the client's data) and what ("第一批結構化資料：乙方應於…交付"
    hands over data, the provider's deliverable, not a model)."""
    text = ("OCR資料處理服務框架協議書\n甲方（委託人）：鼎泰人壽保險股份有限公司\n乙方（受託人）：文識數據科技股份有限公司\n"
            "第一條　期間\n一、本協議有效期間自簽約日起二年。\n二、本協議自雙方簽署之日起生效。\n"
            "甲方：鼎泰人壽保險股份有限公司　代表人：許文彥\n乙方：文識數據科技股份有限公司　代表人：賴俊宏\n"
            "中華民國一一五年三月二十七日\n附件　服務訂單（第二份）\n訂單日期：115/08/17\n"
            "一、影像交付：\n（一）第一批影像（約八十萬頁）：甲方應於115年8月24日前交付。\n"
            "二、成果交付：\n（一）第一批結構化資料：乙方應於115年9月25日前交付。\n")
    d = parse_text(text, "tw.zh-Hant.txt").to_json()
    assert d["contract"]["signed_date"] == "2026-03-27"
    got = [(o["kind"], o["party"], o["due_date"]) for o in d["obligations"] if (o["clause"] or "").startswith("附件")]
    assert got == [("data_delivery", "client", "2026-08-24"), ("other", "provider", "2026-09-25")]


def test_rounds_of_a_data_collection_deliver_data_not_a_model() -> None:
    text = ("车载语音数据采集合同\n甲方：甲汽车有限公司\n乙方：乙数据科技有限公司\n第二条 采集轮次与交付\n"
            "2.1 本项目分三轮采集，具体安排如下：\n第一轮：800有效小时，乙方应于2026年6月19日前交付；\n"
            "第二轮：1,000有效小时，乙方应于2026年8月31日前交付。\n")
    got = [(o["kind"], o["party"], o["due_date"]) for o in parse_text(text, "c.txt").to_json()["obligations"]]
    assert got == [("other", "provider", "2026-06-19"), ("other", "provider", "2026-08-31")]
    model = text.replace("本项目分三轮采集，具体安排如下", "本项目分两个阶段交付，具体安排如下")
    assert {o["kind"] for o in parse_text(model, "c.txt").to_json()["obligations"]} == {"model_delivery"}


def test_a_signature_table_row_of_dates_alone_dates_the_signing() -> None:
    text = ("模型微调技术服务合同\n甲方（服务方）：北京甲智能科技有限公司\n乙方（委托方）：宁波乙供应链管理有限公司\n"
            "第一条 期限\n1.1 本合同有效期为一年，自生效之日起计算。\n1.2 本合同自双方签字盖章之日起生效。\n\n"
            "| 甲方（盖章）：北京甲智能科技有限公司 | 乙方（盖章）：宁波乙供应链管理有限公司 |\n|---|---|\n"
            "| 代表：周以恒 | 代表：林海峰 |\n| 2026年12月10日 | 2026年12月10日 |\n")
    c = _contract(text)
    assert (c["signed_date"], c["expiry_date"]) == ("2026-12-10", "2027-12-10")


def test_quarters_counted_from_the_contracts_start_follow_the_first_report() -> None:
    from datetime import date

    from tracker.parse.series_zh import join_first

    assert join_first("FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15", date(2026, 8, 15)) == \
        "FREQ=MONTHLY;BYMONTH=2,5,8,11;BYMONTHDAY=15"
    assert join_first("FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15", date(2026, 10, 15)) == \
        "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15"
    assert join_first("FREQ=YEARLY;BYMONTH=7,10,1;BYMONTHDAY=10", date(2026, 4, 10)) == \
        "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=10"


def test_a_contract_from_a_date_to_a_date_for_a_length_states_its_term() -> None:
    text = ("系統維護服務合約\n甲方：甲物流有限公司\n乙方：乙科技有限公司\n第五條　合約期限\n"
            "一、本合約由2026年5月1日起至2027年4月30日止，為期十二個月。\n")
    c = _contract(text)
    assert (c["term"], c["expiry_date"]) == ("P12M", "2027-04-30")


def test_a_wrapped_line_that_starts_with_a_quantity_opens_no_clause() -> None:
    text = ("1.1 本合同项下乙方应于2026年3月1日前交付模型。\n1.2 乙方逾期交付的，每逾期一日，乙方应向甲方支付相当于合同总价\n"
            "2.5倍日利率的违约金。\n1.3 甲方应于验收合格后10日内支付尾款。\n2.1 本合同自双方签字盖章之日起生效。\n2.2 未尽事宜协商解决。\n")
    assert [sg.label for sg in segment(text).segments if sg.label] == ["1.1", "1.2", "1.3", "2.1", "2.2"]
