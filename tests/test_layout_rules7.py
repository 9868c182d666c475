"""Mechanisms added for blind batches 40-41 (each example written here by hand, in wordings of its
own): lettered sections with A.1 items, a date a definition gives, a contract's own Months and Weeks
(prose deadlines and a Week column), a receipt whose object is the invoice just named."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.parse import parse_text
from tracker.parse.project_periods_en import month_end, week_due


def _json(text: str, name: str = "x.en.txt") -> dict:  # type: ignore[type-arg]
    return parse_text(text, name).to_json()


MONTHS = ("RESEARCH AGREEMENT\n\nBETWEEN:\n(1) NORTHFIELD UNIVERSITY (the \"University\"); and\n"
          "(2) QUAY DATA LIMITED (the \"Company\").\n\n1. DEFINITIONS\n1.1 \"Start Date\" means 20 January 2027.\n"
          "1.2 {month_def}\n\n2. TERM\n2.1 This Agreement shall commence on the Start Date and shall continue for "
          "twelve (12) months.\n\n3. WORK\n3.1 The Company shall make the sample records available to the University "
          "within ten (10) days of the Start Date.\n3.2 By the end of Month 4, the University shall deliver the Baseline "
          "Report.\n3.3 The Company shall pay each invoice within thirty (30) days after receipt.\n\n"
          "Signed for NORTHFIELD UNIVERSITY\nDate: 5 January 2027\n\nSigned for QUAY DATA LIMITED\nDate: 8 January 2027\n")


@pytest.mark.parametrize("month_def,due", [
    # calendar months: Month 1 is January 2027, so Month 4 ends on 30 April
    ("Month 1 is the calendar month in which the Start Date falls.", "2027-04-30"),
    # running months from the day itself: Month 4 ends the day before 20 May
    ("\"Month\" means each successive period of one month starting on the Start Date.", "2027-05-19"),
])
def test_a_contracts_own_months_and_a_start_date_it_defines(month_def: str, due: str) -> None:
    doc = _json(MONTHS.format(month_def=month_def))
    c = doc["contract"]
    assert (c["effective_date"], c["expiry_date"]) == ("2027-01-20", "2028-01-20")  # '"Start Date" means …'
    report = next(o for o in doc["obligations"] if o["clause"] == "3.2")
    assert (report["party"], report["due_date"]) == ("provider", due)
    records = next(o for o in doc["obligations"] if o["clause"] == "3.1")
    assert (records["kind"], records["party"]) == ("data_delivery", "client")  # make … available
    assert records["trigger"] == {"event": "effective", "offset": "P10D", "business_days": False}
    pay = next(o for o in doc["obligations"] if o["clause"] == "3.3")
    assert pay["trigger"] == {"event": "invoice", "offset": "P30D", "business_days": False}  # receipt of the invoice


WEEKS = ("# Statement of Work No. 4\n\nThis SOW is entered into between **Birch Foods Ltd.** (\"Client\") and "
         "**Pine Analytics Ltd.** (\"Consultant\").\n\n## A. Background\n\nA.1 This SOW takes effect on the date of the "
         "later signature below and ends on 31 March 2027.\n\n## B. Services\n\nB.1 Consultant shall send a written "
         "status note every Tuesday, starting in Week 2.\n\nB.2 Within ten (10) days after this SOW ends, Consultant "
         "shall delete all Client data.\n\n## C. Plan\n\nWeek 1 is the week beginning Monday 4 January 2027. A "
         "deliverable shown against a Week is due by the Thursday of that Week.\n\n| Week | Activity | Deliverable |\n"
         "|---|---|---|\n| 1–3 | Interviews | Discovery Memo |\n| 4 | Review | — |\n| 5–8 | Build | Pilot Evaluation Report |\n\n"
         "| | Client | Consultant |\n|---|---|---|\n| Date | 18 December 2026 | 17 December 2026 |\n")


def test_a_week_column_and_a_weekly_series_on_the_contracts_own_weeks() -> None:
    doc = _json(WEEKS, "x.en.md")
    rows = [o for o in doc["obligations"] if "|" in o["quote"]]
    # Week 3's Thursday is 21 January; week 4 delivers nothing ("—"); Week 8's Thursday is 25 February
    assert [(o["kind"], o["due_date"]) for o in rows] == [("other", "2027-01-21"), ("evaluation_report", "2027-02-25")]
    note = next(o for o in doc["obligations"] if "status note" in o["quote"])
    assert (note["kind"], note["recurrence"], note["due_date"]) == ("progress_report", "FREQ=WEEKLY;BYDAY=TU", "2027-01-12")
    delete = next(o for o in doc["obligations"] if "delete" in o["quote"])
    assert delete["trigger"] == {"event": "expiry", "offset": "P10D", "business_days": False}  # "after this SOW ends"
    assert delete["due_date"] == "2027-04-12"  # 10 April 2027 is a Saturday: due the Monday after


def test_project_periods_need_their_definition() -> None:
    assert month_end("By the end of Month 3 the report is due.", 3) is None
    assert week_due("Week 1 is the week beginning Monday 4 January 2027.", 2) is None  # no due weekday stated
    text = "Week 1 is the week beginning Monday 4 January 2027. Deliverables are due on the Friday of that Week."
    assert week_due(text, 1) == date(2027, 1, 8)


ORDERS_ZH = ("# 视频分析服务框架协议\n\n- 甲方（需方）：宁海城市运营有限公司\n- 乙方（供方）：杭州视达科技有限公司\n\n"
             "## 第一条 期限\n\n1.1 本协议自双方盖章之日起生效，有效期两年。\n\n"
             "| 甲方（盖章）：宁海城市运营有限公司 | 乙方（盖章）：杭州视达科技有限公司 |\n|---|---|\n"
             "| 日期：2026年4月1日 | 日期：2026年4月3日 |\n\n---\n\n## 订单一 路口检测\n\n下单日期：2026年4月20日\n\n"
             "1. 甲方应于2026年5月10日前提供样本视频。\n2. 乙方应于2026年6月30日前完成部署并上线运行。\n\n"
             "## 订单二 客流分析\n\n下单日期：2026年7月1日\n\n1. 乙方应于2026年9月30日前完成部署并上线运行。\n")


def test_orders_after_a_frameworks_signatures_are_parts_of_their_own() -> None:
    doc = _json(ORDERS_ZH, "x.md")
    assert doc["contract"]["signed_date"] == "2026-04-03"  # an order's 下单日期 is not the framework's signing
    got = [(o["clause"], o["kind"], o["due_date"]) for o in doc["obligations"] if o["clause"].startswith("订单")]
    assert got == [("订单一.1", "data_delivery", "2026-05-10"), ("订单一.2", "model_delivery", "2026-06-30"),
                   ("订单二.1", "model_delivery", "2026-09-30")]


SCHEDULE_TERMS = ("SUBSCRIPTION AGREEMENT\n\nThis Agreement is made between Kestrel Vision Pte. Ltd. (UEN 201811111A), a "
                  "company incorporated in Singapore (\"Provider\"), and Marina Stores Pte. Ltd. (UEN 200922222B) "
                  "(\"Customer\").\n\n1. TERM\n1.1 \"Start Date\" means the date so stated in the Commercial Terms. This "
                  "Agreement comes into force on the Start Date.\n1.2 The Subscription Term is stated in the Commercial "
                  "Terms.\n\nSIGNED for and on behalf of Kestrel Vision Pte. Ltd.\nName: A. Tan    Date: 2 March 2026\n\n"
                  "SIGNED for and on behalf of Marina Stores Pte. Ltd.\nName: B. Ong    Date: 4 March 2026\n\n"
                  "SCHEDULE 1 - COMMERCIAL TERMS\n\n| Item | Term\n|------|------\n| Start Date | 1 April 2026\n"
                  "| Subscription Term | 12 months, from 1 April 2026 to 31 March 2027\n"
                  "| Onboarding Fee | SGD 5,000.00, payable within fourteen (14) days after the Start Date\n"
                  "| Annual Fee | SGD 40,000.00, payable on or before 30 April 2026\n| Total Contract Value | SGD 45,000.00\n")


def test_commercial_terms_after_the_signatures_state_the_term_fees_and_total() -> None:
    doc = _json(SCHEDULE_TERMS)
    c = doc["contract"]
    assert c["provider"] == "Kestrel Vision Pte. Ltd." and c["client"] == "Marina Stores Pte. Ltd."  # no "(UEN …)"
    assert (c["effective_date"], c["term"], c["expiry_date"]) == ("2026-04-01", "P12M", "2027-03-31")
    assert (c["total_fee"], c["currency"]) == ("45000.00", "SGD")
    pay = [(o["title"], o["amount"], o["due_date"]) for o in doc["obligations"] if o["kind"] == "payment"]
    assert pay == [("Onboarding Fee", "5000.00", "2026-04-15"), ("Annual Fee", "40000.00", "2026-04-30")]


AMENDMENT = ("# AMENDMENT NO. 3 TO THE SERVICES AGREEMENT\n\n**Provider:** Delta Models Co., Ltd. (\"**Provider**\")\n"
             "**Client:** Echo Retail Co., Ltd. (\"**Client**\")\n\n## Recitals\n\nA. The parties entered into a Services "
             "Agreement dated 1 June 2024.\n\nB. The Term of the Agreement currently ends on 30 June 2026.\n\n## 1. Effect\n\n"
             "1.1 This Amendment No. 3 takes effect on 20 May 2026.\n\n## 2. Term\n\n2.1 The Agreement is amended so that "
             "the Term ends on 30 June 2027.\n\n2.2 Either party may propose a further extension by written notice no later "
             "than thirty (30) days before the end of the extended Term.\n\n2.3 Within five (5) Business Days after delivering "
             "the Updated Model, Provider shall deliver an evaluation report.\n\n"
             "| Delta Models Co., Ltd. | Echo Retail Co., Ltd. |\n|---|---|\n| Date: 12 May 2026 | Date: 14 May 2026 |\n")


def test_an_amendments_own_start_its_new_end_and_the_extended_terms_notice() -> None:
    doc = _json(AMENDMENT, "x.en.md")
    c = doc["contract"]
    # the recital's "currently ends on 30 June 2026" is the old end; "No. 3" does not end the sentence
    assert (c["effective_date"], c["expiry_date"]) == ("2026-05-20", "2027-06-30")
    assert (c["renewal_notice"], c["renewal_notice_deadline"]) == ("P30D", "2027-05-31")
    report = next(o for o in doc["obligations"] if o["kind"] == "evaluation_report")
    assert report["trigger"] == {"event": "model_delivery", "offset": "P5D", "business_days": True}


def test_a_yearly_top_up_is_a_payment_and_a_minimum_is_no_total() -> None:
    text = ("甲方：甲科技有限公司\n乙方：乙数据有限公司\n第一条 许可费\n（一）本协议不设固定总价。\n"
            "（二）年度保底：每个授权年度内乙方应付的使用费合计不低于人民币300,000元。不足部分由乙方自2027年起于每年"
            "4月30日前一次性补足。\n第二条 期限\n本协议自2026年5月1日起生效，有效期三年。\n")
    doc = _json(text, "x.txt")
    assert doc["contract"]["total_fee"] is None
    top_up = next(o for o in doc["obligations"] if o["kind"] == "payment")
    assert (top_up["party"], top_up["recurrence"], top_up["due_date"]) == ("client", "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=30", "2027-04-30")


AU = ("PROFESSIONAL SERVICES CONTRACT\n\nThis Contract is made between Wattle Data Pty Ltd (the \"Contractor\") and "
      "Banksia Freight Pty Ltd (the \"Principal\").\n\n1. DEFINITIONS\n1.1 \"Contract Price\" means AUD 150,000.00, "
      "exclusive of GST.\n\n2. TERM\n2.1 This Contract commences on 1st August 2026 and ends on 31st May 2027 (the "
      "\"End Date\").\n\n3. PAYMENT\n3.1 The Principal must pay each correctly rendered tax invoice within fifteen (15) "
      "Business Days after receiving it.\n\n4. CONFIDENTIALITY\n4.1 Each party must keep the other's Confidential "
      "Information confidential for two (2) years after the End Date.\n\nEXECUTED as an agreement.\n\n"
      "Signed for Wattle Data Pty Ltd by its director:\nName: K. Bell    Date: 20th July 2026\n\n"
      "Signed for Banksia Freight Pty Ltd by its authorised officer:\nName: J. Reed    Date: 22nd July 2026\n\n"
      "SCHEDULE 2 - MILESTONES\nItem | Milestone | Milestone Date | Milestone Payment (excl. GST)\n"
      "1 | Data Audit Report | 30th September 2026 | AUD 50,000.00\n2 | Production Deployment of the model | "
      "26th February 2027 | AUD 100,000.00\n")


def test_an_australian_contract_its_schedule_of_milestones_and_its_defined_price() -> None:
    doc = _json(AU)
    c = doc["contract"]
    assert (c["total_fee"], c["currency"]) == ("150000.00", "AUD")  # '"Contract Price" means AUD …'
    assert (c["signed_date"], c["confidentiality_expiry"]) == ("2026-07-22", "2029-05-31")  # two years after the End Date
    rows = [o for o in doc["obligations"] if o["clause"] == "Schedule 2"]
    duties = [(o["kind"], o["due_date"]) for o in rows if o["kind"] != "payment"]
    assert duties == [("other", "2026-09-30"), ("model_delivery", "2027-02-26")]
    fees = [(o["amount"], o["currency"], o["trigger"]) for o in rows if o["kind"] == "payment"]
    terms = {"event": "invoice", "offset": "P15D", "business_days": True}
    assert fees == [("50000.00", "AUD", terms), ("100000.00", "AUD", terms)]


SUPPLEMENT = ("# 补充协议（三）\n\n- **甲方（委托方）**：苏州甲智能制造有限公司\n- **乙方（服务方）**：上海乙智能科技有限公司\n\n"
              "## 第一条 付款\n\n1. 原合同第4.2条约定的第二期款（验收合格后15日内支付40%）不再执行。\n"
              "2. 其余人民币200,000元分两个月按月支付，各期付款日期及金额见附表《付款计划表》。\n\n## 第二条 其他\n\n"
              "1. 本补充协议自双方签字盖章之日起生效，有效期至原合同期满之日（2027年3月31日）止。\n\n"
              "| 甲方（盖章）：苏州甲智能制造有限公司 | 乙方（盖章）：上海乙智能科技有限公司 |\n|---|---|\n"
              "| 日期：2026年9月1日 | 日期：2026年9月2日 |\n\n附表：付款计划表\n\n| 期次 | 付款日期 | 金额（元） |\n|---|---|---|\n"
              "| 第1期 | 2026年10月15日 | 100,000.00 |\n| 第2期 | 2026年11月15日 | 100,000.00 |\n")


def test_a_supplement_cancels_an_instalment_and_its_schedule_after_the_signatures_lists_the_new_ones() -> None:
    doc = _json(SUPPLEMENT, "x.md")
    c = doc["contract"]
    assert (c["signed_date"], c["expiry_date"]) == ("2026-09-02", "2027-03-31")  # 附表's dates are no signing date
    pay = [(o["clause"], o["due_date"], o["amount"]) for o in doc["obligations"] if o["kind"] == "payment"]
    # the cancelled 第二期款 and the sentence that points to 附表 are not instalments of their own
    assert pay == [("附表", "2026-10-15", "100000.00"), ("附表", "2026-11-15", "100000.00")]


def test_a_rider_states_its_own_start_and_term() -> None:
    text = ("SERVICE LEVEL AGREEMENT\nRider No. 2 to the Master Services Agreement dated 3 March 2025\n\n"
            "Customer: Coral Bank Co., Ltd. (\"Customer\")\nSupplier: Reef Cloud Co., Ltd. (\"Supplier\")\n\n"
            "1. Term\n1.1 This Rider takes effect on 1 December 2026 and remains in force for twelve (12) months.\n"
            "1.2 Customer shall nominate its service manager within five (5) days after the Rider takes effect.\n\n"
            "For Supplier: /s/ A. Wu    Date: 20 November 2026\nFor Customer: /s/ B. Li    Date: 21 November 2026\n")
    c = _json(text)["contract"]
    assert (c["effective_date"], c["term"], c["expiry_date"]) == ("2026-12-01", "P12M", "2027-12-01")


MILESTONE_LIST = ("SERVICES AGREEMENT\n\nTHIS AGREEMENT is made between:\n(1) Kite Labs Limited (the \"Service Provider\"); and\n"
                  "(2) Heron Insurance Limited (the \"Customer\").\n\n1. Term\n1.1 This Agreement takes effect on 1 June 2026.\n\n"
                  "2. Milestones\n2.1 The parties shall perform the following Milestones:\n"
                  "  1. Milestone 1 – Claims sample set – to be provided by the Customer – due on or before 15 June 2026.\n"
                  "  2. Milestone 2 – Tuned model delivered by the Service Provider – due on or before 31 August 2026.\n"
                  "  3. Milestone 3 – Handover workshop – due on or before 30 September 2026.\n\n"
                  "3. Fees\n3.1 The total fees are HK$800,000 (the \"Fees\").\n"
                  "3.2 Overdue sums carry interest at 1% per month.\n"
                  "3.3 If Milestone 2 is late, the Service Provider shall pay 0.1% of the Fees for each day of delay.\n")


def test_a_milestone_list_under_both_parties_and_penalties_in_plain_words() -> None:
    doc = _json(MILESTONE_LIST)
    items = [(o["kind"], o["party"], o["due_date"]) for o in doc["obligations"] if o["clause"] == "2.1"]
    assert items == [("data_delivery", "client", "2026-06-15"), ("model_delivery", "provider", "2026-08-31"),
                     ("other", "provider", "2026-09-30")]  # each item is one side's; the workshop names no kind
    kinds = {p["kind"]: (p["rate"], p["per"]) for p in doc["contract"]["penalties"]}
    assert kinds == {"late_payment": ("0.01", "month"), "late_delivery": ("0.001", "day")}


@pytest.mark.parametrize("body,dues", [
    # each service year from the effective date (1 March 2026, three years): the start + 30 days
    ("本合同自2026年3月1日起生效，服务期为三十六个月。\n二、甲方应于每个服务年度开始之日起30日内支付当年度服务费人民币100,000元。",
     ["2026-03-31", "2027-03-31", "2028-03-31"]),
    # the years of a named maintenance period (2027-07-01 to 2029-06-30): its own start + 30 days
    ("本合同自2026年3月1日起生效，至2029年6月30日止。维护期间自2027年7月1日起至2029年6月30日止。\n"
     "二、甲方应于每一维护年度开始之日起三十日内支付当年度维护费人民币100,000元。",
     ["2027-08-02", "2028-07-31"]),  # (31 July 2027 is a Saturday: due the Monday after)
])
def test_a_fee_due_after_each_contract_year_starts_is_one_payment_per_year(body: str, dues: list[str]) -> None:
    text = "甲方：甲物流有限公司\n乙方：乙软件有限公司\n第一条 期限与费用\n一、" + body + "\n"
    pay = [o["due_date"] for o in _json(text, "x.txt")["obligations"] if o["kind"] == "payment"]
    assert pay == dues


def test_a_report_after_each_quarter_written_as_每季() -> None:
    text = "甲方：甲公司\n乙方：乙公司\n第一条 服务\n一、乙方应于每季终了后十日内提出维护服务报告。\n"
    reports = [o["recurrence"] for o in _json(text, "x.txt")["obligations"]]
    assert reports == ["FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=10"]
