"""Rules from blind batches 80-87: a Hong Kong 服務協議 between 委託方 and 承辦商 ("本協議於…由以下雙方訂立",
signatories side by side), an instalment stated in the sentence before the one that pays it, and a weekly
report sent back (回報) by e-mail; batch tables and spot checks; a research agreement's numbered definitions."""

from __future__ import annotations

from typing import Any

from tracker.parse import parse_text


def _parse(text: str, name: str = "t.zh-Hant.txt") -> dict[str, Any]:
    return parse_text(text, name).to_json()


HK = ("服務協議\n\n本協議於二〇二六年十二月十四日由以下雙方訂立：\n"
      "委託方：恒翠零售集團有限公司，一間於香港註冊成立之公司（下稱「委託方」）；及\n"
      "承辦商：港智視覺科技有限公司，一間於香港註冊成立之公司（下稱「承辦商」）。\n\n"
      "第1條　雙方責任\n1.1　委託方須於本協議簽署日起計十日內，向承辦商提供門市影像樣本。\n"
      "1.2　承辦商須於二〇二七年二月二十六日或之前完成模型於全部門市之部署。\n"
      "第2條　付款\n2.1　服務費總額為港幣肆拾捌萬陸仟元正（HK$486,000）。\n"
      "2.2　第一期款項為服務費總額之30%，即港幣145,800元。承辦商於簽署後發出發票，委託方須於發票日期起計三十日內支付。\n"
      "2.3　第二期款項為服務費總額之70%，即港幣340,200元，委託方須於二〇二七年六月三十日或之前支付。\n")


def test_a_hong_kong_contractor_is_the_provider_and_the_agreement_is_made_on_its_date() -> None:
    """承辦商 (the contractor) is the provider, 委託方 the client; "本協議於…由以下雙方訂立" dates the
    signing, as "本合同于…签订" does, and the duties count from it."""
    doc = _parse(HK)
    c = doc["contract"]
    assert (c["provider"], c["client"], c["signed_date"]) == ("港智視覺科技有限公司", "恒翠零售集團有限公司", "2026-12-14")
    got = [(o["clause"], o["kind"], o["party"], o["due_date"]) for o in doc["obligations"] if o["clause"].startswith("1.")]
    assert got == [("1.1", "data_delivery", "client", "2026-12-24"), ("1.2", "model_delivery", "provider", "2027-02-26")]


def test_an_instalment_stated_in_the_sentence_before_lends_its_sum_to_the_sentence_that_pays_it() -> None:
    """"第一期款項為…之30%，即港幣145,800元。…委託方須於發票日期起計三十日內支付。": one payment of
    145,800.00 from the invoice; the second instalment keeps its own sum."""
    pays = [(o["clause"], o["amount"], o["title"], o["trigger"], o["due_date"])
            for o in _parse(HK)["obligations"] if o["kind"] == "payment"]
    assert pays == [("2.2", "145800.00", "第一期款 30%", {"event": "invoice", "offset": "P30D", "business_days": False}, None),
                    ("2.3", "340200.00", "第二期款 70%", None, "2027-06-30")]


def test_a_sentence_before_that_is_a_duty_of_its_own_lends_nothing() -> None:
    text = ("第三条 付款\n3.1 服务费总额为人民币100,000元。\n"
            "3.2 首期款为合同总额的40%，甲方应于签订后5日内支付。甲方须于收到发票之日起三十日内支付尾款。\n")
    pays = [(o["title"], o["amount"]) for o in _parse(text, "t.txt")["obligations"] if o["kind"] == "payment"]
    assert pays == [("首期款 40%", "40000.00"), ("尾款", "60000.00")]


SIDE_BY_SIDE = ("服務協議\n委託方：恒翠零售集團有限公司\n承辦商：港智視覺科技有限公司\n"
                "第1條　期限\n1.1　本協議自簽署日起生效，為期十二個月。\n第2條　一般條款\n2.1　本協議一式兩份，雙方各執一份。\n\n"
                "委託方　　　　　　　　承辦商\n恒翠零售集團有限公司　　　港智視覺科技有限公司\n"
                "授權簽署人：黃嘉敏　　　　授權簽署人：鄧志朗\n"
                "日期：二〇二六年十二月十四日　　　日期：二〇二六年十二月十五日\n")


def test_signatories_side_by_side_close_the_body_and_date_the_signing() -> None:
    """Two 授權簽署人 fields on one line are the signature block: its dates (the later) are the
    signing, and the term counts from it."""
    c = _parse(SIDE_BY_SIDE)["contract"]
    assert (c["signed_date"], c["effective_date"], c["expiry_date"]) == ("2026-12-15", "2026-12-15", "2027-12-15")


def test_a_weekly_report_sent_back_by_email_is_a_progress_report() -> None:
    """Taiwan's 回報 (to report back) of each week's progress is the periodic report; an investment's 回報
    (its return) is not."""
    text = ("第三條 進度\n3.1 作業期間，乙方應於每週五以電子郵件回報當週作業進度及抽驗結果。\n"
            "3.2 甲方應於每季度末月20日前向乙方支付投資回報。\n")
    got = {o["clause"]: (o["kind"], o["party"], o["recurrence"]) for o in _parse(text)["obligations"]}
    assert got["3.1"] == ("progress_report", "provider", "FREQ=WEEKLY;BYDAY=FR")
    assert got.get("3.2", ("none",))[0] != "progress_report"


BATCHES = ("数据标注服务合同\n**委托方（甲方）**：苏州某数科服务有限公司\n**标注服务方（乙方）**：合肥某数据标注有限公司\n"
           "**签订日期**：2026年9月22日\n\n## 二、批次安排\n\n1. 各批次数量、金额及交付截止日如下：\n\n"
           "| 批次 | 文本条数 | 金额（元） | 交付截止日 |\n|---|---|---|---|\n"
           "| 第一批 | 100,000 | 120,000.00 | 2026年10月23日 |\n| 第二批 | 80,000 | 96,000.00 | 2026年11月20日 |\n\n"
           "## 三、付款\n\n1. 批次款：每批次抽检合格后，甲方按下表支付该批次金额的80%：\n\n"
           "| 批次 | 应付金额（元） | 付款期限 |\n|---|---|---|\n"
           "| 第一批 | 96,000.00 | 第一批抽检合格之日起10个工作日内 |\n| 第二批 | 76,800.00 | 第二批抽检合格之日起10个工作日内 |\n\n"
           "2. 全部批次抽检合格后15日内，乙方应删除其持有的全部原始文本。\n")


def test_a_batch_table_with_a_delivery_deadline_column_dates_each_batch() -> None:
    """A 交付截止日 column is a delivery deadline like 交付日期: each batch row is the provider's
    delivery of its labelled work (no party column: the party doing the work)."""
    got = [(o["kind"], o["party"], o["due_date"]) for o in _parse(BATCHES, "t.md")["obligations"] if o["clause"] == "2.1"]
    assert got == [("other", "provider", "2026-10-23"), ("other", "provider", "2026-11-20")]


def test_a_spot_check_passed_is_the_batch_accepted_and_a_table_lead_pays_nothing_itself() -> None:
    """抽检合格 is acceptance; "甲方按下表支付该批次金额的80%" is the lead of the table's payments,
    not a payment of 80% of the total."""
    obs = _parse(BATCHES, "t.md")["obligations"]
    pays = [(o["amount"], o["trigger"]) for o in obs if o["kind"] == "payment"]
    after = {"event": "acceptance", "offset": "P10D", "business_days": True}
    assert pays == [("96000.00", after), ("76800.00", after)]
    deletion = [o["trigger"] for o in obs if o["clause"] == "3.2"]
    assert deletion == [{"event": "acceptance", "offset": "P15D", "business_days": False}]


def test_a_lead_in_that_states_its_own_sum_is_an_instalment() -> None:
    """"甲方按以下进度分期支付：首付款为合同总额的30%，即人民币30,000元，…15日内支付" pays its own sum."""
    text = ("第四条 付款\n4.1 合同总额为人民币100,000元。\n"
            "4.2 甲方按以下进度分期支付：首付款为合同总额的30%，即人民币30,000元，甲方应在本合同签订之日起15日内支付。\n"
            "4.3 尾款为合同总额的70%，即人民币70,000元，甲方应于验收合格后10日内支付。\n")
    pays = [(o["clause"], o["amount"]) for o in _parse(text, "t.txt")["obligations"] if o["kind"] == "payment"]
    assert pays == [("4.2", "30000.00"), ("4.3", "70000.00")]


def test_a_markdown_heading_opens_the_outline_at_any_number() -> None:
    """An excerpt whose first Markdown heading is "## 二、": articles 2 and 3, as 第二条 would be."""
    text = ("标注合同\n甲方：苏州某公司\n乙方：合肥某公司\n## 二、批次安排\n\n1. 乙方应于2026年10月1日前交付第一批标注数据。\n\n"
            "## 三、付款\n\n1. 甲方应于2026年11月1日前支付人民币1万元。\n")
    assert [o["clause"] for o in _parse(text, "t.md")["obligations"]] == ["2.1", "3.1"]


DUTY_CELLS = ("医学影像报告生成大模型微调及私有化部署服务合同\n甲方（服务方）：成都某智算科技有限公司\n乙方（委托方）：绵阳市某医院\n"
              "签订日期：2026年11月20日\n第一条　验收指标\n1.1　关键发现提取准确率不低于92%，F1值不低于0.88。\n"
              "第三条　交付安排\n3.1　双方的交付事项及期限如下表：\n序号\t交付内容\t责任方\t交付期限\n"
              "1\t脱敏影像报告语料及标注说明\t乙方\t乙方应于本合同签订之日起十个工作日内提交\n"
              "2\t微调模型V1.0院内部署上线\t甲方\t甲方应于收到全部语料之日起四十五日内完成部署上线\n"
              "3\t模型测评报告（载明第1.1条各项指标）\t甲方\t甲方应于部署上线后七个工作日内提交\n"
              "4\t医护人员操作培训\t甲方\t甲方应于部署上线后三十日内完成不少于三场培训\n")


def test_a_deadline_cell_that_is_a_sentence_takes_its_kind_from_the_rows_item_not_from_its_anchor() -> None:
    """"甲方应于部署上线后七个工作日内提交" beside "模型测评报告": the report, due after the go-live; the
    anchor's words (部署上线) date the duty and do not make it a model delivery."""
    got = [(o["kind"], o["party"], (o["trigger"] or {}).get("event")) for o in _parse(DUTY_CELLS, "t.txt")["obligations"]
           if o["clause"] == "3.1"]
    assert got == [("data_delivery", "client", "signing"), ("model_delivery", "provider", "data_delivery"),
                   ("evaluation_report", "provider", "model_delivery"), ("other", "provider", "model_delivery")]


def test_a_yearly_fee_in_total_is_the_fee_and_a_penalty_cap_is_not() -> None:
    """"年度保養費合共港幣…" (合共: Hong Kong's 合计) states the fee; "賠償總額以港幣45,000元為上限" caps
    a fixed daily sum paid "作為違約賠償", and is no fee."""
    text = ("軟件保養協議\n甲方（客戶）：港聯物流管理有限公司\n乙方（服務供應商）：卓程軟件系統有限公司\n"
            "第二條　服務\n(1) 乙方須於2026年6月30日或之前完成版本升級。\n"
            "第三條　費用\n(1) 年度保養費合共港幣貳拾捌萬捌仟元正（HK$288,000.00），分兩期支付。\n"
            "第五條　逾期責任\n(1) 乙方未能於第二條第(1)款所定期限完成版本升級的，每延遲一日須向甲方支付港幣1,500元作為違約賠償，"
            "賠償總額以港幣45,000元為上限。\n")
    c = _parse(text)["contract"]
    assert (c["total_fee"], c["currency"]) == ("288000.00", "HKD")
    assert [(p["kind"], p["per"], p["amount"], p["cap"]) for p in c["penalties"]] == \
        [("late_delivery", "day", "1500.00", {"amount": "45000.00"})]


def test_a_contract_priced_only_in_its_penalties_names_their_currency() -> None:
    text = ("外包服务合同\n甲方：某银行股份有限公司\n乙方：某科技有限公司\n第一条 服务\n1.1 乙方应于2026年6月30日前上线智能客服。\n"
            "第五条 违约责任\n5.1 乙方逾期上线的，每逾期一日，甲方有权从应付服务费中扣减人民币3,000元作为违约金，扣减总额以人民币90,000元为限。\n")
    c = _parse(text, "t.txt")["contract"]
    assert (c["total_fee"], c["currency"]) == (None, "CNY")
    assert [(p["amount"], p["cap"]) for p in c["penalties"]] == [("3000.00", {"amount": "90000.00"})]


RESEARCH = ("# RESEARCH COLLABORATION AGREEMENT\n\nThis Agreement is made between:\n\n"
            "1. **Brisbane Riverside University** (ABN 41 876 530 219) of 2 Kingfisher Road, St Lucia QLD 4067 (the **University**); and\n"
            "2. **Coral Grid Analytics Pty Ltd** (ABN 63 604 118 925) of 120 Edward Street, Brisbane QLD 4000 (the **Partner**).\n\n"
            "## 1. Definitions\n\n1.1 **Business Day** means a day that is not a Saturday, Sunday or public holiday in Brisbane, Queensland.\n\n"
            "1.2 **Commencement Date** means 1 March 2026.\n\n"
            "1.3 **Project Period** means the period of 24 months starting on the Commencement Date.\n\n"
            "## 2. Project\n\n2.1 The University must deliver a Research Plan to the Partner within 25 Business Days after the Commencement Date.\n\n"
            "2.2 The University must deliver the Prototype Model within 60 days after the Partner delivers the complete Meter Dataset.\n\n"
            "## 3. Contribution\n\n3.1 The Partner must pay the University a cash contribution of AUD 450,000 (the **Contribution**).\n\n"
            "3.2 The Contribution is payable in the following instalments:\n\n(a) AUD 135,000 within 20 Business Days after the Commencement Date;\n\n"
            "(b) AUD 157,500 within 30 days after the Partner receives a tax invoice;\n\n(c) AUD 112,500 within 30 days after acceptance; and\n\n"
            "(d) AUD 45,000 within 30 days after the end of the Project Period.\n\n"
            "## 4. Term\n\n4.1 This Agreement starts on the Commencement Date and ends at the end of the Project Period.\n\n"
            "4.2 The parties must meet no later than 90 days before the end of the Project Period to discuss whether to extend the Project.\n")


def test_a_research_agreement_defines_its_dates_and_term_in_numbered_definitions() -> None:
    """"1.2 Commencement Date means 1 March 2026" dates the start; "Project Period means the period of 24
    months" is the term; a meeting to discuss an extension 90 days before its end is the renewal window;
    Business Days are Brisbane's (Good Friday and Easter Monday off); the name ends at its ABN; the sum the
    four instalments add up to is the fee."""
    doc = _parse(RESEARCH, "t.en.md")
    c = doc["contract"]
    assert (c["provider"], c["client"]) == ("Brisbane Riverside University", "Coral Grid Analytics Pty Ltd")
    assert (c["effective_date"], c["term"], c["expiry_date"]) == ("2026-03-01", "P24M", "2028-03-01")
    assert (c["renewal_notice"], c["renewal_notice_deadline"]) == ("P90D", "2027-12-02")
    assert (c["total_fee"], c["currency"]) == ("450000.00", "AUD")
    plan, model = (next(o for o in doc["obligations"] if o["clause"] == n) for n in ("2.1", "2.2"))
    assert plan["due_date"] == "2026-04-07"
    assert (model["kind"], model["trigger"]) == ("model_delivery", {"event": "data_delivery", "offset": "P60D", "business_days": False})


def test_a_subcontract_between_the_main_contractor_and_its_subcontractor_is_read_by_who_pays() -> None:
    """总承包方 and 分包方 both name a contractor: when both sides are defined alike, the side that pays
    the price (甲方支付分包价款) is the client, and the owner (业主) the preamble names is no party."""
    text = ("AI视频分析模块专业分包合同\n- 总承包方（甲方）：中联数智城市科技有限公司\n- 分包方（乙方）：杭州睿瞳视觉智能有限公司\n"
            "鉴于甲方已与临城市城市运行管理中心（以下简称“业主”）签订总包合同，甲方将AI视频分析模块分包给乙方。\n"
            "## 3 交付\n**3.1** 乙方应于2026年8月15日前完成AI视频分析模块的部署上线。\n"
            "## 4 付款\n**4.1** 预付款：甲方应于本合同签订之日起15个工作日内支付分包总价的20%，即人民币372,000元。\n")
    c = _parse(text, "t.md")["contract"]
    assert (c["provider"], c["client"]) == ("杭州睿瞳视觉智能有限公司", "中联数智城市科技有限公司")


def test_a_research_schedule_is_the_term_and_its_extension_request_the_renewal_window() -> None:
    """Taiwan's 研究期程 (the project's period) is the term; "應於期程屆滿二個月前…申請" sets the
    renewal window, the length written between the end and 前."""
    text = ("委託研究契約書\n第二條　契約期間\n（一）本契約自中華民國115年10月1日起生效，研究期程為十二個月，至116年9月30日止。\n"
            "（二）乙方如因研究需要須延長研究期程者，應於期程屆滿二個月前以書面敘明理由向甲方申請。\n")
    c = _parse(text)["contract"]
    assert (c["term"], c["expiry_date"], c["renewal_notice"], c["renewal_notice_deadline"]) == \
        ("P12M", "2027-09-30", "P2M", "2027-07-30")
