"""Mechanisms added for blind batches 24-25 (each example written here by hand, in wordings of its
own): a sealing line with its date on the same line, an annex table whose deadline column states
relative and recurring deadlines, events joined by "and" count from the last, a warranty period
named with its length, a date a field names as the effective date, a term given as a field."""

from __future__ import annotations

import pytest

from tracker.parse import parse_text

HEAD = "甲方（被许可方）：杭州云帆科技有限公司\n乙方（许可方）：北京知数信息有限公司\n"


def _json(text: str, name: str = "x.txt") -> dict:  # type: ignore[type-arg]
    return parse_text(text, name).to_json()


@pytest.mark.parametrize("line_a,line_b", [
    ("甲方：杭州云帆科技有限公司（盖章）　　日期：2026年3月2日", "乙方：北京知数信息有限公司（盖章）　　日期：2026年3月5日"),
    ("**甲方**：杭州云帆科技有限公司（公章）  签署日期：2026年3月2日", "**乙方**：北京知数信息有限公司（公章）  签署日期：2026年3月5日"),
])
def test_a_sealing_line_with_its_date_beside_it_dates_the_signatures(line_a: str, line_b: str) -> None:
    text = (HEAD + "第一条 付款\n甲方应于本合同签订之日起10日内支付人民币5万元。\n"
            "第二条 其他\n本合同自双方签字盖章之日起生效。\n\n" + line_a + "\n\n" + line_b + "\n")
    c = _json(text)["contract"]
    assert c["signed_date"] == "2026-03-05"
    assert c["effective_date"] == "2026-03-05"


def _annex(binding: str) -> str:
    return (HEAD + "第一条 标的\n1.1 乙方许可甲方使用附件一所列数据。\n1.2 " + binding + "\n"
            "第二条 价款\n甲方应于2026年4月30日前支付人民币10万元。\n"
            "第三条 其他\n本合同自2026年4月1日起生效。\n\n甲方（盖章）：\n乙方（盖章）：\n\n"
            "附件一 数据清单\n| 序号 | 交付内容 | 提交时间 |\n|---|---|---|\n"
            "| 1 | 首批语料 | 合同生效之日起5个工作日内 |\n| 2 | 月度增量 | 每月10日前 |\n| 3 | 年度汇总 | 2026年12月20日前 |\n")


@pytest.mark.parametrize("binding", ["乙方应按附件一约定的时间交付数据。", "乙方须依附件一所列时间提交各项数据。"])
def test_an_annex_tables_deadline_column_states_relative_and_recurring_deadlines(binding: str) -> None:
    rows = [o for o in _json(_annex(binding))["obligations"] if (o["clause"] or "").startswith("附件一")]
    assert [o["party"] for o in rows] == ["provider"] * 3  # the binding sentence's subject, not the licence's
    first, monthly, yearly = rows
    assert first["trigger"] == {"event": "effective", "offset": "P5D", "business_days": True}
    assert monthly["recurrence"] == "FREQ=MONTHLY;BYMONTHDAY=10"
    assert yearly["due_date"] == "2026-12-20"


EN_SOW = ("STATEMENT OF WORK NO. 2\n\nThis SOW is made between Alpha Retail Ltd. (\"Client\") and Beta Models Ltd. "
          "(\"Contractor\").\n\n1. Term\n1.1 This SOW commences on 1 March 2026 and ends on 31 December 2026.\n"
          "2. Deliverables\n2.1 Contractor shall deliver the model on or before 30 June 2026.\n"
          "3. Fees and Payment Milestones\n3.1 The fees under this SOW are {verb} RMB 400,000.00 (the \"SOW Fees\"), "
          "payable as follows:\n(a) 50% of the SOW Fees within ten (10) days after {event};\n"
          "(b) 50% of the SOW Fees upon expiry of the sixty (60) day warranty period, which {begins} acceptance of the model.\n"
          "\nSigned for Alpha Retail Ltd.: A. Chen, Date: 1 March 2026\nSigned for Beta Models Ltd.: B. Li, Date: 1 March 2026\n")


@pytest.mark.parametrize("verb,event,begins,trigger", [
    ("fixed at", "Client's acceptance of the model and receipt of Contractor's invoice", "begins on", "invoice"),
    ("set at", "approval of the test report and issuance of the invoice", "starts from", "invoice"),
    ("fixed at", "delivery of the model and acceptance", "commences on", "acceptance"),
])
def test_sow_payment_milestones(verb: str, event: str, begins: str, trigger: str) -> None:
    d = _json(EN_SOW.format(verb=verb, event=event, begins=begins), "sow.en.txt")
    assert d["contract"]["total_fee"] == "400000.00"
    pays = [o for o in d["obligations"] if o["kind"] == "payment"]
    assert [o["party"] for o in pays] == ["client", "client"]  # no verb in the items: the payer, not "deliver"
    assert [o["amount"] for o in pays] == ["200000.00", "200000.00"]
    assert pays[0]["trigger"]["event"] == trigger  # both events must have happened: the later one
    assert pays[1]["trigger"] == {"event": "acceptance", "offset": "P60D", "business_days": False}


ORDER = ("ORDER FORM\n\n| Item | Value |\n|---|---|\n| Provider | Gamma Cloud Ltd. |\n| Customer | Delta Foods Ltd. |\n"
         "| Service Start Date | {start} |\n| Term | {term} |\n| Fees | Total Contract Value: USD 90,000.00 |\n\n"
         "TERMS\n\n1. This Order Form {effect} the Service Start Date.\n"
         "2. Provider shall deliver the onboarding report within five (5) Business Days after the Service Start Date.\n"
         "3. Overdue amounts bear interest of 1% per month. If any amount remains unpaid {days} after its due date, "
         "Provider may suspend the service.\n\nSigned by Gamma Cloud Ltd. on 20 May 2026.\n")


@pytest.mark.parametrize("start,term,effect,days,eff,expiry,suspend", [
    ("June 1, 2026", "Twelve (12) months from the Service Start Date", "takes effect on", "fifteen (15) days",
     "2026-06-01", "2027-06-01", 15),
    ("1 July 2026", "24 months from the Service Start Date", "becomes effective on", "thirty (30) days",
     "2026-07-01", "2028-07-01", 30),
])
def test_a_field_named_start_date_is_the_effective_date(start: str, term: str, effect: str, days: str,
                                                         eff: str, expiry: str, suspend: int) -> None:
    d = _json(ORDER.format(start=start, term=term, effect=effect, days=days), "order.en.md")
    c = d["contract"]
    assert c["effective_date"] == eff
    assert c["expiry_date"] == expiry
    assert (c["total_fee"], c["currency"]) == ("90000.00", "USD")
    assert c["penalties"][0]["suspend_after_days"] == suspend
    report = next(o for o in d["obligations"] if o["kind"] != "contract_expiry" and o["clause"] == "2")
    assert report["trigger"] == {"event": "effective", "offset": "P5D", "business_days": True}


FORM = ("软件运维服务契约\n采购单位（以下简称机关）：江东市数据资源管理局\n中标单位（以下简称厂商）：江东智算科技有限公司\n"
        "第一条 价金\n一、契约价金总额为人民币200万元。\n"
        "第二条 履约期限\n一、{a}厂商应于签约之次日起{x}日内提交实施方案。{b}厂商应于签约之次日起{y}日内提交实施方案。\n"
        "二、付款方式：{a}一次付清　{b}分两期付款。\n"
        "第三条 迟延履约\n一、逾期违约金，按逾期日数，每日依契约价金总额千分之二计算。\n"
        "二、逾期违约金之总额，以契约价金总额百分之十为上限。\n三、厂商履约进度落后达{z}日以上者，机关得解除契约。\n"
        "\n机关：江东市数据资源管理局（盖章）\n厂商：江东智算科技有限公司（盖章）\n日期：2026年5月4日\n")


@pytest.mark.parametrize("a,b,x,y,z,ticked", [
    ("□", "■", "30", "14", "20", "P14D"),
    ("■", "□", "21", "45", "30", "P21D"),
    ("☐", "☑", "10", "15", "25", "P15D"),
])
def test_a_form_with_ticked_options_and_a_titled_penalty(a: str, b: str, x: str, y: str, z: str, ticked: str) -> None:
    d = _json(FORM.format(a=a, b=b, x=x, y=y, z=z))
    c = d["contract"]
    # "招标机关（以下简称机关）：某局": the name follows the colon, the words before the bracket are a label
    assert (c["client"], c["provider"]) == ("江东市数据资源管理局", "江东智算科技有限公司")
    plans = [o for o in d["obligations"] if o["clause"] == "2.1"]
    assert [o["trigger"]["offset"] for o in plans] == [ticked]  # the option not ticked states nothing
    pen = c["penalties"][0]
    # no breach word in the sentence: the article's title (迟延履约) names it; the next items cap and end it
    assert (pen["kind"], pen["rate"], pen["per"]) == ("late_delivery", "0.002", "day")
    assert pen["cap"] == {"rate": "0.10", "basis": "total_fee"}
    assert pen["suspend_after_days"] == int(z)


def test_boxes_without_a_ticked_one_are_no_options() -> None:
    text = HEAD + "第一条 交付\n□ 乙方应于2026年6月1日前交付模型。\n□ 甲方应于2026年7月1日前支付人民币5万元。\n"
    kinds = sorted(o["kind"] for o in _json(text)["obligations"])
    assert kinds == ["model_delivery", "payment"]


@pytest.mark.parametrize("verb", ["调整为", "变更为", "修改为"])
def test_an_amendment_from_old_to_new_reads_the_new_value(verb: str) -> None:
    text = ("补充协议\n甲方（委托方）：杭州云帆科技有限公司\n乙方（受托方）：北京知数信息有限公司\n"
            "第一条 期限\n原合同服务期延长至2027年3月31日止。\n"
            f"第二条 保密\n原合同约定的保密期限由原合同终止后一年{verb}本协议期满后四年。\n"
            f"第三条 违约\n原合同约定的逾期付款违约金标准由每日万分之五{verb}每日按逾期金额的万分之二。\n"
            "甲方（盖章）：\n乙方（盖章）：\n日期：2026年9月1日\n")
    c = _json(text)["contract"]
    assert c["confidentiality_term"] == "P4Y"
    assert c["penalties"][0]["rate"] == "0.0002"


@pytest.mark.parametrize("row,miss", [
    ("Payment 1 — 40% of the Fees (USD 40,000.00)", "misses a due date in the Schedule"),
    ("First instalment: 40% of the Fees, USD 40,000.00", "missed any milestone"),
])
def test_a_payment_row_of_a_duty_table_and_a_missed_date(row: str, miss: str) -> None:
    text = ("SERVICES AGREEMENT\n\nCustomer: Acme Retail Ltd.\nSupplier: Blue Data Ltd.\n\n"
            "1. Fees\n1.1 The total fees are USD 100,000.00 (the \"Fees\"), payable as the Schedule shows.\n\n"
            "2. Schedule\n\n| Deliverable | Due | Owner |\n|---|---|---|\n"
            "| Labelled dataset | within ten (10) days after the Effective Date | Supplier |\n"
            f"| {row} | within fifteen (15) days after the Effective Date | Customer |\n\n"
            f"3. Liability\n3.1 If the Supplier {miss}, it shall pay liquidated damages of 0.2% of the Fees for each day "
            "of delay.\n\nThis Agreement is effective on 1 March 2026.\n")
    d = _json(text, "svc.en.md")
    pay = [o for o in d["obligations"] if o["kind"] == "payment"]
    assert [(o["party"], o["amount"], o["trigger"]["offset"]) for o in pay] == [("client", "40000.00", "P15D")]
    pen = d["contract"]["penalties"][0]
    assert (pen["kind"], pen["rate"], pen["basis"]) == ("late_delivery", "0.002", "total_fee")


LETTER = ("ORION DATA ADVISORY LTD.\n\n3 February 2026\n\nDear Mr. Li,\n\nEngagement letter: Churn Model Review\n\n"
          "Thank you for choosing Orion Data Advisory Ltd. (\"we\", \"us\") to advise Harbor Telecom Co., Ltd. "
          "(\"you\", the \"Company\").\n\n1. Scope\n1.1 We will deliver a work plan within ten (10) days after the date "
          "on which you countersign this letter.\n1.2 You will provide us with the maintenance logs and sensor data within five (5) "
          "business days after the date on which you countersign this letter.\n"
          "2. Fees\n2.1 Our fixed consulting fee is RMB 200,000, invoiced on signature and payable net 30.\n"
          "3. Term\n3.1 This engagement runs for four (4) months from the date on which you countersign this letter.\n"
          "3.2 Each of us will keep the other's confidential information confidential for three (3) years after it ends.\n"
          "3.3 Within twenty (20) days after the engagement ends, we will return all data you have provided to us.\n\n"
          "{close}\n\nFor and on behalf of Orion Data Advisory Ltd.\nDate: 3 February 2026\n\n{reply}\n"
          "For and on behalf of Harbor Telecom Co., Ltd.\nDate: 9 February 2026\n")


@pytest.mark.parametrize("close,reply", [("Yours sincerely,", "Accepted and agreed:"),
                                         ("Yours faithfully,", "Agreed and accepted:")])
def test_an_engagement_letter(close: str, reply: str) -> None:
    d = _json(LETTER.format(close=close, reply=reply), "letter.en.txt")
    c = d["contract"]
    assert (c["provider"], c["client"], c["title"]) == ("Orion Data Advisory Ltd.", "Harbor Telecom Co., Ltd.",
                                                        "Churn Model Review")
    assert (c["signed_date"], c["term"], c["expiry_date"]) == ("2026-02-09", "P4M", "2026-06-09")
    assert (c["confidentiality_term"], c["total_fee"]) == ("P3Y", "200000.00")
    by_clause = {o["clause"]: o for o in d["obligations"]}
    assert by_clause["1.1"]["trigger"] == {"event": "signing", "offset": "P10D", "business_days": False}
    assert (by_clause["1.2"]["kind"], by_clause["1.2"]["party"]) == ("data_delivery", "client")  # "maintenance": a word of the data, no service
    assert by_clause["3.3"]["trigger"] == {"event": "expiry", "offset": "P20D", "business_days": False}


@pytest.mark.parametrize("markup", ["html", "tab"])
def test_a_milestone_table_with_duty_and_payment_columns(markup: str) -> None:
    rows = [("M1", "乙方应于合同签订之日起10个工作日内提交实施方案", "30%", "300,000.00", "合同签订之日起7日内支付"),
            ("M2", "乙方应于2026年8月31日前完成模型部署并上线", "70%", "700,000.00", "上线并经甲方验收合格后10个工作日内支付")]
    head = ("阶段", "交付内容及时限", "付款比例", "付款金额（元）", "付款条件")
    if markup == "html":
        table = ("<table>\n<tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>\n"
                 + "".join("<tr>" + "".join(f"<td>{c.replace('M', 'M&nbsp;')}</td>" for c in r) + "</tr>\n" for r in rows)
                 + "</table>\n")
    else:
        table = "\t".join(head) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    text = (HEAD + "第一条 价款\n1.1 合同总价为人民币100万元。\n1.2 里程碑及付款进度见下表：\n" + table
            + "第二条 其他\n本合同自2026年6月1日起生效。\n")
    obs = _json(text)["obligations"]
    pays = [o for o in obs if o["kind"] == "payment"]
    assert [(o["party"], o["amount"], (o["trigger"] or {}).get("event")) for o in pays] == [
        ("client", "300000.00", "signing"), ("client", "700000.00", "acceptance")]  # the payment column's time
    duties = [o for o in obs if o["kind"] != "payment" and o["clause"] == "1.2"]
    assert [(o["kind"], o["party"]) for o in duties] == [("other", "provider"), ("model_delivery", "provider")]
    assert duties[1]["due_date"] == "2026-08-31"


def test_minguo_dates_written_with_slashes() -> None:
    text = ("資料標註契約\n甲方（委託人）：統禾零售股份有限公司\n乙方（受託人）：竹科智標資訊股份有限公司\n"
            "第一條 期間\n契約期間自簽約日（115/09/21）起至116/09/20止。\n"
            "第二條 交付\n乙方應於115/11/30前交付標註成果。\n\n簽約日期：115/09/21\n")
    d = _json(text)
    assert (d["contract"]["signed_date"], d["contract"]["expiry_date"]) == ("2026-09-21", "2027-09-20")
    assert [o["due_date"] for o in d["obligations"] if o["clause"] == "2"] == ["2026-11-30"]


SG = ("SOFTWARE SERVICES AGREEMENT\n\nThis Agreement is made between ALPHA LABS PTE. LTD. (the \"Developer\") and "
      "BETA SHIPPING PTE. LTD. (the \"Customer\").\n\n1. PRICE\n1.1 The Contract Price is {cur} 300,000.\n"
      "2. TERM\n2.1 This Agreement commences on the Effective Date and continues for twelve (12) months.\n"
      "{n}. CONFIDENTIALITY\n{n}.1 The obligations in this Clause {n} survive for two (2) years after the expiry of this "
      "Agreement.\n\nSigned for and on behalf of ALPHA LABS PTE. LTD.\nName: A. Tan  Date: 1 June 2026\n\n"
      "SCHEDULE 1 - MILESTONES AND PAYMENTS\n\nNo | Milestone | Due date\n---+-----------+---------\n"
      "M1 | Design document | within ten (10) days after the Effective Date\n\n"
      "Payment | Amount | Trigger\n--------+--------+--------\nM1 payment | {cur} 100,000 | Acceptance of M1\n\n"
      "Each payment is invoiced on Acceptance and is payable within thirty (30) days after the date of the invoice.\n")


@pytest.mark.parametrize("cur,code,n", [("SGD", "SGD", 9), ("S$", "SGD", 7), ("GBP", "GBP", 5)])
def test_an_excerpt_with_skipped_articles_and_tables_without_outer_pipes(cur: str, code: str, n: int) -> None:
    d = _json(SG.format(cur=cur, n=n), "sg.en.txt")
    c = d["contract"]
    assert (c["total_fee"], c["currency"]) == ("300000.00", code)
    assert c["confidentiality_term"] == "P2Y"  # article N after article 2: its own clause N.1 follows it
    rows = {o["kind"]: o for o in d["obligations"] if (o["clause"] or "").startswith("Schedule")}
    assert rows["other"]["trigger"] == {"event": "effective", "offset": "P10D", "business_days": False}
    assert (rows["payment"]["amount"], rows["payment"]["trigger"]) == (
        "100000.00", {"event": "invoice", "offset": "P30D", "business_days": False})


POC = ("PILOT AGREEMENT\n\nThis Agreement is made between:\n\n"
       "- **Eastport Savings Bank Co., Ltd.**, a company incorporated in the PRC (the \"**{other}**\"); and\n"
       "- **Quanta Risk Tech Co., Ltd.**, a company incorporated in the PRC (the \"**Supplier**\").\n\n"
       "1. Term\n1.1 This Agreement takes effect on 1 September 2026 and remains in force for eight (8) weeks "
       "(the \"{period}\").\n"
       "2. Work\n2.1 The {other} shall provide the sample data within three (3) days after the Effective Date.\n"
       "2.2 Within five (5) days after the {end} of the {period}, the Supplier shall deliver an evaluation report.\n"
       "2.3 The {other} shall pay the fee within ten (10) days after it has received both the evaluation report "
       "and a valid VAT invoice.\n"
       "3. Confidentiality\n3.1 Each Party shall keep the other Party's information confidential for one (1) year "
       "after its end.\n")


@pytest.mark.parametrize("other,period,end", [("Bank", "Pilot Period", "last day"), ("Lender", "Trial Term", "end")])
def test_a_pilot_with_a_named_period_and_a_party_the_lexicon_does_not_know(other: str, period: str, end: str) -> None:
    d = _json(POC.format(other=other, period=period, end=end), "poc.en.md")
    c = d["contract"]
    assert (c["provider"], c["client"]) == ("Quanta Risk Tech Co., Ltd.", "Eastport Savings Bank Co., Ltd.")
    assert (c["expiry_date"], c["confidentiality_term"]) == ("2026-10-27", "P1Y")
    by = {o["clause"]: o for o in d["obligations"]}
    assert (by["2.1"]["kind"], by["2.1"]["party"]) == ("data_delivery", "client")
    assert by["2.2"]["trigger"] == {"event": "expiry", "offset": "P5D", "business_days": False}
    assert (by["2.3"]["party"], by["2.3"]["trigger"]["event"]) == ("client", "invoice")  # both must have come


def test_a_first_occurrence_joins_a_yearly_month_list_and_a_date_is_no_term() -> None:
    text = (HEAD + "第一条 服务\n1.1 本案名称：仓储系统年度维护案。\n"
            "1.2 服务期限：2026年1月1日至2026年12月31日。\n"
            "1.3 乙方应按季提交维护报告，第一次于2026年3月20日前提交，其后于每年9月20日、6月20日及12月20日前提交。\n"
            "1.4 乙方应于本订单确认之日起3个工作日内完成实例开通。\n"
            "第二条 违约\n乙方未依约定期限提出报告的，每逾一日按合同总价千分之三计算违约金。\n")
    d = _json(text)
    c = d["contract"]
    assert (c["title"], c["term"], c["expiry_date"]) == ("仓储系统年度维护案", None, "2026-12-31")
    by = {o["clause"]: o for o in d["obligations"]}
    assert by["1.3"]["recurrence"] == "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20"  # months in order, the first one too
    assert by["1.3"]["due_date"] == "2026-03-20"
    assert by["1.4"]["trigger"] == {"event": "signing", "offset": "P3D", "business_days": True}  # an order is made when confirmed
    assert c["penalties"][0]["kind"] == "late_delivery"


def test_an_effective_day_defined_by_its_date_and_an_excerpts_articles() -> None:
    text = ("云端服务协议\n本协议由以下双方订立：\n（1）港湾数码云服务有限公司（「服务供应商」）；及\n（2）维港贸易物流有限公司（「客户」）。\n"
            "第1条 定义\n1.1 「生效日」指2026年9月1日。\n第4条 期限\n4.1 本协议自生效日起生效，首个服务期为十二个月。\n"
            "\n服务供应商（盖章）：港湾数码云服务有限公司\n日期：2026年8月26日\n")
    c = _json(text)["contract"]
    assert (c["signed_date"], c["effective_date"], c["expiry_date"]) == ("2026-08-26", "2026-09-01", "2027-09-01")
    excerpt = ("MASTER SERVICES AGREEMENT (Excerpt)\n\nBetween Alpha Data Co., Ltd. (\"Provider\") and Beta Foods Co., Ltd. "
               "(\"Customer\").\n\n## Article 5 Fees\n5.2 Overdue amounts accrue a late charge of 0.05% of the overdue amount "
               "per day.\n\n## Article 8 Confidentiality\n8.3 The obligations in this Article 8 continue for three (3) years "
               "after the expiry of this Agreement.\n")
    d = _json(excerpt, "msa.en.md")["contract"]
    assert d["confidentiality_term"] == "P3Y"  # "Article 8" then "8.3": an excerpt's article, whatever its number
    assert d["penalties"][0]["clause"] == "5.2"


def test_an_order_form_printed_under_the_msa_terms_is_the_contract() -> None:
    text = ("# MASTER SERVICES AGREEMENT (Excerpt)\n\nThis Master Services Agreement is entered into as of March 3, 2025 "
            "between **Alpha Data Co., Ltd.** (\"Provider\") and **Beta Foods Co., Ltd.** (\"Customer\").\n\n"
            "## Article 5 Fees\n5.2 Overdue amounts accrue a late charge of 0.05% of the overdue amount per day.\n\n---\n\n"
            "# ORDER FORM No. 2\n\n**Order Effective Date:** September 1, 2026\n\n"
            "1. **Data.** Customer shall deliver the sample data within ten (10) days after the Order Effective Date.\n"
            "2. **Fees.** A setup fee of RMB 50,000, payable within fifteen (15) days after the Order Effective Date.\n\n"
            "| Customer | Provider |\n|---|---|\n| By: Zhou Min, CFO | By: Li Hao, CEO |\n"
            "| Date: August 20, 2026 | Date: August 22, 2026 |\n")
    d = _json(text, "order.en.md")
    c = d["contract"]
    assert (c["signed_date"], c["effective_date"]) == ("2026-08-22", "2026-09-01")  # not the MSA's 2025
    by = {o["clause"]: o for o in d["obligations"]}
    assert by["1"]["due_date"] == "2026-09-11" and by["2"]["kind"] == "payment"


def test_a_milestone_table_introduced_without_a_kind_reads_each_rows_deliverable() -> None:
    text = (HEAD + "第一条 里程碑\n1.1 本项目按以下安排实施：\n\n| 阶段 | 交付物 | 完成时间 | 验收标准 |\n|---|---|---|---|\n"
            "| 一、设计 | 《方案设计说明书》 | 合同生效后10个工作日内 | 经甲方书面确认 |\n"
            "| 二、评测 | 《模型评测报告》 | 2026年11月30日前 | 准确率≥90% |\n\n第二条 其他\n本合同自2026年9月1日起生效。\n")
    rows = [o for o in _json(text)["obligations"] if o["clause"] == "1.1"]
    assert [(o["kind"], o["party"]) for o in rows] == [("other", "provider"), ("evaluation_report", "provider")]
    assert rows[1]["due_date"] == "2026-11-30"


def test_key_terms_with_a_minimum_term_range() -> None:
    text = ("GPU SERVICES AGREEMENT\n\nKEY TERMS\nProvider: Alpha Compute Co., Ltd.\nCustomer: Beta Robotics Co., Ltd.\n"
            "Service: Dedicated GPU Cluster (32 nodes)\n"
            "Minimum Term: March 1, 2026 through February 28, 2027 (twelve (12) months)\n\n"
            "1. SERVICES\n1.1 Customer shall provide its network plan within five (5) Business Days after the Effective "
            "Date.\n1.2 Provider shall keep the cluster available at least 99.5% of each month.\n"
            "2. TERM\n2.1 This Agreement continues for the Minimum Term and then renews automatically unless either party "
            "gives written notice of non-renewal at least sixty (60) days before the end of the Minimum Term.\n"
            "3. GENERAL\n3.1 This Agreement is governed by the laws of the People's Republic of China.\n\n"
            "Signed for Alpha Compute Co., Ltd.\n"
            "Name: A, Title: CEO, Date: February 10, 2026\n")
    c = _json(text, "gpu.en.txt")["contract"]
    assert (c["title"], c["term"], c["expiry_date"]) == ("Dedicated GPU Cluster (32 nodes)", "P12M", "2027-02-28")
    assert (c["renewal_notice"], c["renewal_notice_deadline"]) == ("P60D", "2026-12-30")


def test_a_named_support_term_is_the_agreements_term_and_a_signed_line_is_no_blank() -> None:
    text = ("SOFTWARE LICENSE AND SUPPORT AGREEMENT\n\nThis Agreement is made between Alpha Soft Co., Ltd. (the "
            "\"Licensor\") and Beta Port Co., Ltd. (the \"Licensee\").\n\n1. SUPPORT\n1.1 The Licensor shall provide "
            "Support Services for an initial Support Term of two (2) years from the Effective Date.\n"
            "1.2 The Support Term renews for successive one-year periods unless either Party gives written notice of "
            "non-renewal at least sixty (60) days before the end of the then-current Support Term.\n"
            "2. TERM\n2.1 This Agreement enters into force on the Effective Date and remains in force for the initial "
            "Support Term.\n3. GENERAL\n3.1 This Agreement is governed by the laws of the People's Republic of China.\n\n"
            "Licensor\nBy: ____(signed)____  Name: A  Date: March 2, 2026\n\n"
            "Licensee\nBy: ____(signed)____  Name: B  Date: March 4, 2026\n")
    d = _json(text, "lic.en.txt")
    c = d["contract"]
    assert (c["term"], c["expiry_date"], c["renewal_notice_deadline"]) == ("P2Y", "2028-03-04", "2028-01-04")
    assert not [w for w in d["warnings"] if w["code"] == "unfilled_blank"]


def test_an_order_under_a_framework_states_its_own_total_end_and_daily_charge() -> None:
    text = ("# Data Annotation Order No. 7\n\n**Customer:** Alpha Drive Co., Ltd. (\"Customer\")\n"
            "**Provider:** Beta Label Co., Ltd. (\"Provider\")\n\n"
            "## 1. Delivery\n1.1 Provider shall send Customer a progress e-mail every Friday.\n"
            "## 2. Fees\n2.1 The Order total is RMB 90,000.\n"
            "## 3. Delay\n3.1 If a Batch is delivered late, Provider shall pay 0.3% of the Batch Fee of the delayed Batch "
            "per day, capped at 10% of that Batch Fee.\n"
            "## 4. Term\n4.1 This Order remains in effect until November 30, 2026.\n\n"
            "**Signed for Customer:** A, July 8, 2026\n\n**Signed for Provider:** B, July 6, 2026\n")
    d = _json(text, "order.en.md")
    c = d["contract"]
    assert (c["total_fee"], c["expiry_date"]) == ("90000.00", "2026-11-30")
    pen = c["penalties"][0]
    assert (pen["kind"], pen["rate"], pen["basis"], pen["cap"]) == (
        "late_delivery", "0.003", "delayed_amount", {"rate": "0.10", "basis": "delayed_amount"})
    assert [o["kind"] for o in d["obligations"] if o["clause"] == "1.1"] == ["progress_report"]


def test_research_funding_in_equal_instalments_and_a_half_yearly_report() -> None:
    text = ("RESEARCH COLLABORATION AGREEMENT\n\nThis Agreement is made between Alpha Health Co., Ltd. (the \"Company\") "
            "and Beta University (the \"University\").\n\n1. Funding\n1.1 The Company shall provide research funding of "
            "RMB 900,000, paid in three annual instalments of RMB 300,000 each.\n"
            "1.2 The first instalment is due within thirty (30) days after the Effective Date.\n"
            "1.3 The Company shall make available the de-identified CT studies within ten (10) days after the Effective Date.\n"
            "2. Reports\n2.1 The University shall deliver a written progress report on or before June 30 and December 31 "
            "of each year.\n3. Confidentiality\n3.1 Each party shall hold the other's Confidential Information in "
            "confidence for four (4) years after the end of the Research Term.\n\nThis Agreement is effective on "
            "1 March 2026.\n")
    d = _json(text, "research.en.txt")
    by = {o["clause"]: o for o in d["obligations"]}
    assert (by["1.2"]["kind"], by["1.2"]["amount"]) == ("payment", "300000.00")
    assert (by["1.3"]["kind"], by["1.3"]["party"]) == ("data_delivery", "client")
    assert by["2.1"]["recurrence"] == "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1"
    assert d["contract"]["confidentiality_term"] == "P4Y"


def test_a_key_dates_schedule_and_a_minguo_year_without_its_era() -> None:
    text = ("MASTER AGREEMENT\n\nParties\n(1) Alpha Corpus Co., Ltd. (the \"Supplier\"); and\n"
            "(2) Beta AI Co., Ltd. (the \"Customer\").\n\n1. Work\n1.1 The Customer shall deliver its seed prompts to "
            "the Supplier by the Seed Data Date.\n2. Fees\n2.1 The Fees are RMB 100,000 in total, payable on the Payment "
            "Dates shown in Schedule 1.\n3. Term\n3.1 This Agreement takes effect on the Effective Date and ends on the "
            "Expiry Date.\n4. General\n4.1 This Agreement is governed by the laws of the People's Republic of China.\n\n"
            "Schedule 1 - Key Dates\n\nEvent | Date\nSigning Date | 2 March 2026\nEffective Date | 5 March 2026\n"
            "Seed Data Date (prompts) | 20 March 2026\nPayment 1 - 100% of the Fees (RMB 100,000) | 30 April 2026\n"
            "Expiry Date | 31 December 2026\n")
    d = _json(text, "master.en.txt")
    c = d["contract"]
    assert (c["signed_date"], c["effective_date"], c["expiry_date"], c["total_fee"]) == (
        "2026-03-02", "2026-03-05", "2026-12-31", "100000.00")
    by = {o["clause"]: o for o in d["obligations"] if o["clause"] == "1.1"}
    assert by["1.1"]["due_date"] == "2026-03-20"
    pays = [o for o in d["obligations"] if o["kind"] == "payment"]
    assert [(o["party"], o["amount"], o["due_date"]) for o in pays] == [("client", "100000.00", "2026-04-30")]
    zh = (HEAD + "第一条 期间\n本契约期间自签约日起至116年3月31日止。\n")
    assert _json(zh)["contract"]["expiry_date"] == "2027-03-31"


@pytest.mark.parametrize("written,iso", [("17-Aug-2026", "2026-08-17"), ("3-Sept-2026", "2026-09-03"), ("28-February-2027", "2027-02-28")])
def test_a_day_month_year_date_with_hyphens(written: str, iso: str) -> None:
    text = ("SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Ltd. (\"Provider\") and Beta Ltd. (\"Client\").\n\n"
            f"1. Delivery\n1.1 Provider shall deliver the trained model by {written}.\n")
    d = _json(text, "svc.en.md")
    assert [o["due_date"] for o in d["obligations"] if o["clause"] == "1.1"] == [iso]
