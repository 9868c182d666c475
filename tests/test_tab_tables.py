"""Word tables as the .docx reader writes them (cells joined by tabs), read as tables by the English
duty and fee layers; numbered paragraphs with a tab after their number are no tables."""

from __future__ import annotations

from tracker.parse import parse_text
from tracker.parse.tables_space import tab_cells, tab_row

TABLE = ("3.1 Contractor shall deliver the following Deliverables:\n"
         "Deliverable\tDue Date\tAcceptance Criteria\n"
         "D1 – Data Readiness Assessment\t15 Business Days after the Effective Date\tapproved in writing; signed\n"
         "D2 – Production Risk Model\tJan. 29, 2027\tRecall of at least 85%\n"
         "D3 – Model Validation Report\t10 Business Days after delivery of D2\tDocuments the metrics\n")


def test_tab_cells_and_rows() -> None:
    assert tab_cells("1.1\tThe Contractor shall deliver the model.") is None  # a numbered paragraph
    assert tab_cells("no tab here") is None
    assert tab_cells("A\tB\tC") == ["A", "B", "C"]
    pos = TABLE.index("D2 –")
    header, cells = tab_row(TABLE, pos)  # type: ignore[misc]
    assert header == ["Deliverable", "Due Date", "Acceptance Criteria"]
    assert cells[1] == "Jan. 29, 2027"
    assert tab_row(TABLE, TABLE.index("Deliverable\t")) == (header, [])  # the header itself
    assert tab_row(TABLE, 5) is None  # the lead-in sentence


def test_a_tab_table_of_deliverables_is_read_row_by_row() -> None:
    text = ('MASTER SERVICES AGREEMENT\nThis Agreement is made between Acme LLC ("Contractor") and Beta Inc. '
            '("Customer"), effective January 5, 2026 (the "Effective Date").\n1. Services\n1.1 Contractor shall build the model.\n'
            '2. Term\n2.1 This Agreement ends on December 31, 2027.\n3. Deliverables\n' + TABLE)
    doc = parse_text(text, "t.en.txt").to_json()
    rows = {o["title"]: o for o in doc["obligations"] if o["clause"] == "3.1"}
    assert set(rows) == {"D1 – Data Readiness Assessment", "D2 – Production Risk Model", "D3 – Model Validation Report"}
    assert rows["D1 – Data Readiness Assessment"]["kind"] == "other"  # an assessment is paperwork, not data
    assert rows["D2 – Production Risk Model"]["kind"] == "model_delivery"
    assert rows["D2 – Production Risk Model"]["due_date"] == "2027-01-29"
    # counted from the row it names: D2 is the model
    assert rows["D3 – Model Validation Report"]["trigger"] == {"event": "model_delivery", "offset": "P10D", "business_days": True}
    # the ";" inside a row's cell does not split the row
    assert "signed" in rows["D1 – Data Readiness Assessment"]["quote"]


def test_a_revised_date_column_replaces_the_original_one() -> None:
    """A change order's "Original Date | Revised Date" table: the revised date is the deadline."""
    text = ('CHANGE ORDER No. 2\nThis Change Order is made between Acme Ltd. ("Vendor") and Beta Inc. ("Client").\n'
            "1. Schedule\n1.1 The milestones are replaced as follows:\n"
            "| Milestone | Original Date | Revised Date |\n|---|---|---|\n"
            "| M3 Integration | 30 September 2026 | 30 November 2026 |\n"
            "| M4 Production Go-Live | 31 October 2026 | 15 January 2027 |\n")
    rows = {o["title"]: o["due_date"] for o in parse_text(text, "c.en.md").to_json()["obligations"]}
    assert rows == {"M3 Integration": "2026-11-30", "M4 Production Go-Live": "2027-01-15"}


def test_a_chinese_responsibility_table_names_who_owes_each_row() -> None:
    """A Word table (工作事项 | 责任方 | 完成时限) that the contract only refers to ("双方应按附件一所列…履行"):
    each row is a duty of the side its 责任方 cell names, of the kind its own words say."""
    text = ("平台建设合同\n甲方（采购方）：甲银行股份有限公司\n乙方（实施方）：乙科技有限公司\n"
            "第一条 实施\n（一）双方应按附件一所列的工作事项、责任方和完成时限履行各自义务。\n"
            "第二条 期限\n（一）本合同自2026年3月2日起生效，有效期两年。\n"
            "（以下无正文）\n甲方（盖章）：甲银行股份有限公司\n乙方（盖章）：乙科技有限公司\n"
            "附件一 实施计划与责任分工表\n序号\t工作事项\t责任方\t完成时限\t交付成果\n"
            "1\t项目启动会\t甲乙双方\t合同生效之日起5个工作日内\t会议纪要\n"
            "2\t提供历史交易数据\t甲方\t合同生效之日起10个工作日内\t数据交接清单\n"
            "3\t平台部署上线\t乙方\t2026年6月30日前\t上线报告\n"
            "4\t运维月报\t乙方\t自2026年7月起，每月10日前提交上月运维月报\t《运维月报》\n")
    rows = {o["quote"]: o for o in parse_text(text, "t.txt").to_json()["obligations"] if o["clause"] == "附件一"}
    assert (rows["合同生效之日起5个工作日内"]["party"], rows["合同生效之日起5个工作日内"]["kind"]) == ("both", "other")
    data = rows["合同生效之日起10个工作日内"]
    assert (data["kind"], data["party"], data["due_date"]) == ("data_delivery", "client", "2026-03-16")
    assert (rows["2026年6月30日前"]["kind"], rows["2026年6月30日前"]["party"]) == ("model_delivery", "provider")
    monthly = rows["自2026年7月起，每月10日前提交上月运维月报"]
    assert (monthly["kind"], monthly["recurrence"], monthly["due_date"]) == ("progress_report", "FREQ=MONTHLY;BYMONTHDAY=10", "2026-07-10")


def test_a_fee_schedule_is_due_by_its_payment_due_column() -> None:
    """Schedule “B” (curly quotes) after the signatures, as a Word table: the "Payment due" column dates each
    fee, not the "Invoiced" one; a monthly fee's sum stands before its period, its series starts where it says."""
    text = ('MANAGED SERVICES AGREEMENT\nThis Agreement is made between Lake Insurance Company (the "Client") and '
            'North MLOps Inc. (the "Provider").\n1. Term\n1.1 This Agreement commences on September 14, 2026 and '
            'continues for twenty-four (24) months.\n2. Delay\n2.1 If Go-Live has not occurred by the Target Go-Live Date, '
            "the Provider shall pay the Client 0.5% of the fixed fee for each day of delay, up to a maximum of 10% of the "
            "fixed fee.\nIN WITNESS WHEREOF the parties have executed this Agreement.\n"
            "Schedule “B” – Fees\nFee\tAmount (CAD)\tInvoiced\tPayment due\n"
            "B.1 Onboarding Fee\t84,000.00\tOn the Effective Date\tWithin four (4) weeks after the Effective Date\n"
            "B.2 Managed Services Fee\t19,500.00 per month\tMonthly in arrears\tOn the 15th day of each month, beginning "
            "January 15, 2027, for the preceding month\n")
    d = parse_text(text, "fees.en.txt").to_json()
    pays = {o["title"]: o for o in d["obligations"] if o["kind"] == "payment"}
    onboarding = pays["B.1 Onboarding Fee"]
    assert (onboarding["clause"], onboarding["amount"]) == ("Schedule B.1", "84000.00")  # (its row id)
    assert onboarding["trigger"] == {"event": "effective", "offset": "P28D", "business_days": False}
    monthly = pays["B.2 Managed Services Fee"]
    assert (monthly["amount"], monthly["recurrence"], monthly["due_date"]) == ("19500.00", "FREQ=MONTHLY;BYMONTHDAY=15", "2027-01-15")
    delay = next(p for p in d["contract"]["penalties"] if p["kind"] == "late_delivery")  # "has not occurred by …"
    assert (delay["rate"], delay["per"], delay["basis"]) == ("0.005", "day", "total_fee")  # "of the fixed fee"


def test_a_ticked_form_with_a_batch_table_paid_row_by_row() -> None:
    """A model form whose options are ticked (☑ chosen, ☐ not): the chosen term is read past its tick and its
    instruction; a batch table's "批次金额（元）" is the amount column (a compound's head is its last word, and a
    header's bracketed "（80%，元）" is a note, not a figure); the payment rule of another clause pays each row."""
    text = ("数据采集合同\n甲方（委托方）：甲医疗科技有限公司\n乙方（受托方）：乙数据科技有限公司\n"
            "第3条 交付\n3.1 交付方式（勾选适用）：\n- ☐ 一次性交付：乙方于2026年5月31日前一次性交付全部数据。\n"
            "- ☑ 分批交付：乙方按下表分批交付：\n\n| 批次 | 交付日期 | 批次金额（元） | 批次款（80%，元） |\n|---|---|---:|---:|\n"
            "| 第一批 | 2026年3月31日前 | 200,000.00 | 160,000.00 |\n| 第二批 | 2026年5月1日前 | 240,000.00 | 192,000.00 |\n\n"
            "第4条 付款\n4.1 批次款：每一批次验收合格后10个工作日内，甲方支付该批次金额的80%（见第3.1条表格）。\n"
            "第5条 期限\n5.1 本合同有效期（勾选适用）：☑ 自2026年2月5日起12个月　☐ 自生效之日起至项目终验合格之日止\n")
    d = parse_text(text, "form.md").to_json()
    assert d["contract"]["term"] == "P12M"  # read past "（勾选适用）：☑"
    pays = [o for o in d["obligations"] if o["kind"] == "payment"]
    assert [p["amount"] for p in pays] == ["160000.00", "192000.00"]
    assert {p["trigger"]["event"] for p in pays} == {"acceptance"}
    rows = [o for o in d["obligations"] if o["clause"] == "3.1"]
    assert [(o["party"], o["due_date"]) for o in rows] == [("provider", "2026-03-31"), ("provider", "2026-05-01")]


def test_a_taiwan_purchase_order_reads_its_lines_and_terms() -> None:
    """An order's face (項次｜品名｜未稅金額｜交期, full-width bars, Minguo dates) is its deliveries; its terms say the
    countersignature date (回簽日期), its validity (效期…至116/08/31止) and a series from 自115年10月起."""
    text = ("採購訂單\n買方：晶準光電股份有限公司　統一編號：24518836\n供應商：采風數據科技股份有限公司　統一編號：90317452\n"
            "項次｜品名／服務內容｜數量｜未稅金額｜交期\n1｜AOI瑕疵影像標註（第一批）｜40,000｜240,000｜115/05/29\n"
            "2｜瑕疵分類模型再訓練及產線部署｜1｜900,000｜115/08/31\n一般條款\n一、訂單成立及效期\n"
            "(1) 本訂單經供應商於回簽欄簽章後成立，並自回簽日起生效。\n(2) 本訂單效期自回簽日起至116/08/31止。\n"
            "二、報告\n(1) 自115年10月起，供應商應於每月五日前提交上月維運報告。\n"
            "供應商回簽：采風數據科技股份有限公司　負責人：賴品妤（簽章）　回簽日期：115/03/31\n")
    d = parse_text(text, "po.zh-Hant.txt").to_json()
    c = d["contract"]
    assert (c["provider"], c["client"]) == ("采風數據科技股份有限公司", "晶準光電股份有限公司")  # (not "…　統一編號：…")
    assert (c["signed_date"], c["expiry_date"]) == ("2026-03-31", "2027-08-31")
    lines = {o["due_date"]: o["kind"] for o in d["obligations"] if o["clause"] is None}
    assert lines == {"2026-05-29": "other", "2026-08-31": "model_delivery"}
    report = next(o for o in d["obligations"] if o["recurrence"])
    assert report["due_date"] == "2026-10-05"  # 自115年10月起: a three-digit year is a Minguo year


def test_a_per_batch_rule_pays_the_batch_table_of_another_article() -> None:
    """The payment article says 每批…支付该批数据价款的80% and names no table; the batches' table stands in the
    delivery article, laid out with spaces, its amount column headed 批次价款（元）(a compound's head: 价款)."""
    text = ("数据采购合同\n甲方：甲数据科技有限公司\n乙方：乙数据服务有限公司\n第一条 价款\n"
            "1. 合同总价为人民币900,000元。\n2. 付款方式：\n（1）批次款：每批数据验收合格且甲方收到乙方开具的发票后15个工作日内，"
            "甲方支付该批数据价款的80%。\n第二条 交付\n1. 乙方按下表分三批交付数据：\n"
            "批次        数量（条）    交付期限          批次价款（元）\n"
            "第一批      100,000       2026.10.18        300,000.00\n"
            "第二批      100,000       2026.11.20        250,000.00\n"
            "第三批      100,000       2026.12.25        350,000.00\n")
    d = parse_text(text, "c.txt").to_json()
    pays = [(o["amount"], o["trigger"]["event"], o["trigger"]["offset"]) for o in d["obligations"] if o["kind"] == "payment"]
    assert pays == [("240000.00", "invoice", "P15D"), ("200000.00", "invoice", "P15D"), ("280000.00", "invoice", "P15D")]
