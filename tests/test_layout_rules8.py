"""Mechanisms added for blind batches 44-45 (each example written here by hand, in wordings of its
own): a work order or an addendum after the signatures, a key-terms table of dated duties, a letter's
longer section titles, line breaks inside a table cell, an O&M contract's service period as its term."""

from __future__ import annotations

from tracker.parse import parse_text


def _json(text: str, name: str = "x.en.md") -> dict:  # type: ignore[type-arg]
    return parse_text(text, name).to_json()


MSA = ("# MASTER SERVICES AGREEMENT\n\nThis Agreement is made between **Lark Retail Co., Ltd.** (\"Customer\") and "
       "**Finch AI Co., Ltd.** (\"Provider\").\n\n## 1. Term\n1.1 This Agreement takes effect on 1 June 2026 and remains in "
       "force for two (2) years.\n\n| | Customer | Provider |\n|---|---|---|\n| Signature | *signed* | *signed* |\n"
       "| Date | 28 May 2026 | 29 May 2026 |\n\n---\n\n## WORK ORDER 2\n\n| Field | Detail |\n|---|---|\n"
       "| Customer Inputs | Customer shall deliver six months of call transcripts by 20 June 2026 |\n"
       "| Deliverable A | Tuned routing model with its API, due 31 August 2026 |\n"
       "| Status Reports | Monthly, by the 5th day of each month, first report due 5 July 2026 |\n"
       "| Fee Milestone 1 | CNY 100,000 on delivery of Deliverable A, payable within 30 days after receipt of invoice |\n"
       "| Acceptance Criteria | accuracy of at least 90% |\n"
       "| Delay Damages | 0.1% of the Work Order fees per day of delay in delivering Deliverable A |\n\n"
       "# SUPPORT ADDENDUM No. 1\n\n**A1. Support Fee.** Customer shall pay RMB 6,000.00 no later than the 10th day of "
       "each month.\n")


def test_a_work_order_and_an_addendum_after_the_signatures_are_read() -> None:
    doc = _json(MSA)
    assert doc["contract"]["signed_date"] == "2026-05-29"  # "| Signature |" opens the signature table
    got = {o["title"]: (o["kind"], o["party"], o["due_date"], o["recurrence"])
           for o in doc["obligations"] if o["clause"] == "Work Order 2"}
    assert got["Customer Inputs"] == ("data_delivery", "client", "2026-06-20", None)
    assert got["Deliverable A"] == ("model_delivery", "provider", "2026-08-31", None)
    # (a series is not rolled forward: 5 July 2026 is a Sunday, and the first report is due that day)
    assert got["Status Reports"] == ("progress_report", "provider", "2026-07-05", "FREQ=MONTHLY;BYMONTHDAY=5")
    fee = next(o for o in doc["obligations"] if o["title"] == "Fee Milestone 1")
    assert (fee["amount"], fee["trigger"]["event"]) == ("100000.00", "invoice")
    # the damages row alone: not the 90% of the acceptance row above it
    (late,) = [p for p in doc["contract"]["penalties"] if p["kind"] == "late_delivery"]
    assert (late["rate"], late["per"], late["clause"]) == ("0.001", "day", "Work Order 2")
    support = next(o for o in doc["obligations"] if o["clause"] == "Addendum 1")
    assert (support["amount"], support["recurrence"]) == ("6000.00", "FREQ=MONTHLY;BYMONTHDAY=10")


LETTER = ("From: Orders <orders@example.com>\nDate: 2 March 2026\n\nDear Ms. Wu,\n\nThis e-mail confirms the order between "
          "Heron Data Co., Ltd. (\"we\", \"us\") and Crane Freight Co., Ltd. (\"you\").\n\n1. What you have ordered\n"
          "Start Date: 1 April 2026\n\n2. Fees (RMB, tax included)\n2.1 You will pay the setup fee within ten (10) days after "
          "the Start Date.\n\n3. Getting started\n3.1 We will make your workspace live on or before 31 March 2026.\n\n"
          "4. Term\n4.1 This agreement takes effect on the Start Date. Your subscription runs for twelve (12) months from the "
          "Start Date.\n4.2 Within thirty (30) days after your subscription ends, we will delete your documents.\n\n"
          "Kind regards,\nA. Lin\n")


def test_a_letters_sections_and_its_subscription_term() -> None:
    doc = _json(LETTER, "x.en.txt")
    c = doc["contract"]
    assert (c["term"], c["expiry_date"]) == ("P12M", "2027-04-01")  # "Your subscription runs for twelve (12) months"
    by_clause = {o["clause"]: o for o in doc["obligations"]}
    assert by_clause["2.1"]["kind"] == "payment"  # "2. Fees (RMB, tax included)" is a section of its own
    assert (by_clause["3.1"]["kind"], by_clause["3.1"]["due_date"]) == ("model_delivery", "2026-03-31")  # make … live
    assert by_clause["4.2"]["trigger"] == {"event": "expiry", "offset": "P30D", "business_days": False}


def test_a_table_cell_with_line_breaks_and_a_confidentiality_row() -> None:
    text = ("# 数据标注服务合同\n\n| 条款 | 内容 |\n|---|---|\n| 委托方（甲方） | 南京甲科技有限公司 |\n| 受托方（乙方） | 郑州乙信息有限公司 |\n"
            "| 八、合同期限 | 1. 本合同自2026年7月1日起生效，有效期六个月。 |\n"
            "| 九、数据安全与保密 | 1. 乙方应于合同期满后5日内删除全部数据。<br>2. 乙方的保密义务持续至本合同终止后三年。 |\n")
    c = _json(text, "x.md")["contract"]
    # the deletion's five days are no confidentiality period; the second item of the cell is read on its own
    assert (c["confidentiality_term"], c["confidentiality_expiry"]) == ("P3Y", "2030-01-01")


def test_an_om_contracts_service_period_is_its_term_and_a_quarterly_fee_takes_its_stated_sum() -> None:
    text = ("运维服务合同\n甲方（委托方）：甲新能源有限公司\n乙方（运维服务方）：乙信息技术有限公司\n"
            "第一条 服务期限\n1.1 本合同自2026年4月1日起生效。\n1.2 运维服务期限为两年，自生效之日起计算。\n"
            "第二条 费用\n2.1 服务费按季度支付，每季度服务费为人民币90,000元。甲方应于每季度首月10日前支付当季度服务费。\n"
            "2.2 乙方应于每年4月15日前提交上一年度的《年度运维报告》，首份报告于2027年4月15日前提交。\n")
    doc = _json(text, "x.txt")
    assert (doc["contract"]["term"], doc["contract"]["expiry_date"]) == ("P2Y", "2028-04-01")
    fee = next(o for o in doc["obligations"] if o["kind"] == "payment")
    assert (fee["amount"], fee["recurrence"]) == ("90000.00", "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=10")
    report = next(o for o in doc["obligations"] if o["clause"] == "2.2")
    assert (report["due_date"], report["recurrence"]) == ("2027-04-15", "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=15")


def test_an_order_forms_bulleted_fields_state_its_start_term_and_payment_terms() -> None:
    text = ("# ORDER FORM No. 9\n\n**Provider:** Wren AI Co., Ltd. (\"Provider\")\n**Customer:** Owl Brokers Co., Ltd. "
            "(\"Customer\")\n\n## Order details\n\n- Subscription Start Date: March 1, 2027\n"
            "- Subscription Term: 12 months, from March 1, 2027 to February 29, 2028\n"
            "- Payment Terms: subscription fee within thirty (30) days after the Subscription Start Date\n\n## Terms\n\n"
            "1. **Effectiveness.** This Order Form takes effect on the Subscription Start Date.\n"
            "2. **Confidentiality.** Each party shall keep the other's information confidential. This clause 2 continues "
            "to apply for two (2) years after this Order Form expires.\n\n| | Provider | Customer |\n|---|---|---|\n"
            "| Signature | /s/ A | /s/ B |\n| Date | February 20, 2027 | February 22, 2027 |\n")
    doc = _json(text)
    c = doc["contract"]
    assert (c["effective_date"], c["term"], c["expiry_date"]) == ("2027-03-01", "P12M", "2028-02-29")
    assert c["confidentiality_term"] == "P2Y"  # "This clause 2 continues to apply" under a Confidentiality heading
    pay = next(o for o in doc["obligations"] if o["kind"] == "payment")
    assert pay["due_date"] == "2027-03-31"


def test_a_chinese_signature_table_of_sealed_names_and_a_duty_of_both_sides() -> None:
    text = ("# 数据合作协议\n\n**甲方**：苏州甲物流有限公司\n**乙方**：南京乙数据科技有限公司\n\n## 一、期限\n\n"
            "1. 本协议自双方签署之日起生效，有效期两年。\n2. 本协议终止或期满后15日内，双方应删除从对方获取的全部数据。\n\n"
            "| | 甲方 | 乙方 |\n|---|---|---|\n| 名称 | 苏州甲物流有限公司（盖章） | 南京乙数据科技有限公司（盖章） |\n"
            "| 日期 | 2026年6月15日 | 2026年6月17日 |\n")
    doc = _json(text, "x.md")
    assert doc["contract"]["signed_date"] == "2026-06-17"
    delete = next(o for o in doc["obligations"] if "删除" in o["quote"])
    assert delete["party"] == "both"


def test_a_stage_table_takes_its_kinds_from_its_rows_not_from_the_rest_of_the_sentence_that_names_it() -> None:
    text = ("甲方：杭州甲医疗科技有限公司\n乙方：合肥乙智能科技有限公司\n第一条 项目\n1.1 乙方应按附件二所列时间完成各阶段工作，"
            "并于每月10日前向甲方提交上月项目进度报告。\n第二条 其他\n2.1 本合同自2026年3月2日起生效。\n"
            "甲方（盖章）：杭州甲医疗科技有限公司\n乙方（盖章）：合肥乙智能科技有限公司\n\n附件二 进度计划\n"
            "阶段\t工作内容\t完成时间\n第一阶段\t乙方完成需求调研并提交《需求规格说明书》\t合同生效之日起10日内\n"
            "第二阶段\t乙方完成模型训练并交付语音识别模型\t2026年8月31日前\n")
    rows = [(o["kind"], o["due_date"]) for o in _json(text, "x.txt")["obligations"] if o["clause"] == "附件二"]
    # the sentence's second clause (a monthly progress report) is no kind of the table's rows
    assert sorted(rows, key=lambda r: r[1]) == [("other", "2026-03-12"), ("model_delivery", "2026-08-31")]


def test_a_pilot_period_is_the_term_and_the_agreements_own_date_is_its_start() -> None:
    text = ("# ANNOTATION PILOT AGREEMENT\n\n**Date:** 4 May 2026\n\n**Vendor:** Teak Data Sdn. Bhd. (the \"**Vendor**\")\n\n"
            "**Company:** Palm Pay Berhad (the \"**Company**\")\n\n## 1. Definitions\n\n- \"**Effective Date**\" means the date of "
            "this Agreement shown above.\n\n## 2. Pilot\n\n2.1 The Pilot Period runs for four (4) weeks from the Effective Date.\n\n"
            "2.2 The Company shall pay the pilot fee of MYR 12,000.00 within thirty (30) days after the Effective Date.\n\n"
            "Signed for the Vendor: A. Lim, 4 May 2026\nSigned for the Company: B. Tan, 4 May 2026\n")
    doc = _json(text)
    c = doc["contract"]
    assert (c["effective_date"], c["expiry_date"]) == ("2026-05-04", "2026-06-01")  # four weeks from 4 May
    pay = next(o for o in doc["obligations"] if o["kind"] == "payment")
    assert (pay["amount"], pay["currency"], pay["due_date"]) == ("12000.00", "MYR", "2026-06-03")
