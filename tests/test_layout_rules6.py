"""Mechanisms added for blind batches 36-39 (each example written here by hand, in wordings of its
own): a milestone schedule whose rows hold a deliverable, its target date and the fee it earns."""

from __future__ import annotations

import pytest

from tracker.parse import parse_text
from tracker.parse.common import Facts
from tracker.parse.coverage import unrecognised


def _json(text: str, name: str = "x.en.txt") -> dict:  # type: ignore[type-arg]
    return parse_text(text, name).to_json()


def _schedule(terms: str, header: str, rows: list[str]) -> str:
    return ("DEVELOPMENT AGREEMENT\n\nThis Agreement is made between Northwind Logistics Ltd. (\"Customer\") and "
            "Quill Vision Ltd. (\"Supplier\").\n\n1. SERVICES\n1.1 Supplier shall perform the work in the Schedule.\n"
            f"2. PAYMENT\n2.1 {terms}\n3. TERM\n3.1 This Agreement starts on 2 March 2026 and continues for one (1) year.\n\n"
            "Signed for Customer: R. Hale, Date: 2 March 2026\nSigned for Supplier: T. Moss, Date: 2 March 2026\n\n"
            "SCHEDULE 1 - PLAN\n" + header + "\n" + "\n".join(rows) + "\n")


@pytest.mark.parametrize("terms,offset", [
    ("Customer shall pay each Phase Fee within forty-five (45) days of the date of Supplier's invoice.", "P45D"),
    ("Customer will pay every instalment within 20 days after receipt of the invoice.", "P20D"),
])
@pytest.mark.parametrize("header,rows", [
    ("Phase | Work Product | Due | Fee (USD)",
     ["P1 | Annotated corpus review | 30 April 2026 | 50,000", "P2 | Trained detection model | 31 July 2026 | 80,000"]),
    ("| Milestone | Deliverable | Target Date | Amount |",
     ["|---|---|---|---|", "| A | Annotated corpus review | April 30, 2026 | USD 50,000 |",
      "| B | Trained detection model | July 31, 2026 | USD 80,000 |"]),
])
def test_a_milestone_row_states_its_deliverable_and_the_fee_it_earns(terms: str, offset: str, header: str,
                                                                     rows: list[str]) -> None:
    obligations = [o for o in _json(_schedule(terms, header, rows))["obligations"] if o["kind"] != "contract_expiry"]
    duties = [o for o in obligations if o["kind"] != "payment"]
    fees = [o for o in obligations if o["kind"] == "payment"]
    # each deliverable is the supplier's, due on its row's date, never the fee's date
    assert [(o["party"], o["due_date"]) for o in duties] == [("provider", "2026-04-30"), ("provider", "2026-07-31")]
    assert duties[1]["kind"] == "model_delivery"
    # each fee is the customer's, due the payment terms after the invoice
    assert [(o["party"], o["amount"]) for o in fees] == [("client", "50000.00"), ("client", "80000.00")]
    assert {(o["trigger"] or {}).get("event") for o in fees} == {"invoice"}
    assert {(o["trigger"] or {}).get("offset") for o in fees} == {offset}


def test_a_fee_table_with_a_due_column_is_still_one_instalment_per_row() -> None:
    """No deliverable column: "Instalment | Due | Amount" rows are payments only, due on their dates."""
    text = _schedule("Invoices are payable on the dates below.", "Instalment | Due | Amount",
                     ["First instalment | 30 April 2026 | USD 50,000", "Second instalment | 31 July 2026 | USD 80,000",
                      "Final instalment | 30 September 2026 | USD 20,000"])
    obligations = [o for o in _json(text)["obligations"] if o["kind"] != "contract_expiry"]
    assert [(o["kind"], o["due_date"], o["amount"]) for o in obligations] == [
        ("payment", "2026-04-30", "50000.00"), ("payment", "2026-07-31", "80000.00"),
        ("payment", "2026-09-30", "20000.00")]


@pytest.mark.parametrize("table", [
    "Milestone | Deliverable | Target Date | Fee\nM1 | Survey report | July 31, 2026 | RMB 240,000\n",
    "| Milestone | Deliverable | Target Date | Fee |\n|---|---|---|---|\n| M1 | Survey report | July 31, 2026 | RMB 240,000 |\n",
])
def test_a_dated_row_with_a_sum_that_no_rule_read_is_flagged(table: str) -> None:
    """Coverage: a table row holding a date and a sum is an instalment or a milestone, whatever its
    lead-in says and whether or not the table has outer pipes; unread, it is flagged, not dropped."""
    text = "EXHIBIT B - SCHEDULE\nThe schedule is as follows.\n" + table + "Notes | none | 2026\n"
    flagged = [text[w.start:w.end].strip(" |") for w in unrecognised(text, "en", Facts(), lambda _pos: "B")]
    assert flagged == ["M1 | Survey report | July 31, 2026 | RMB 240,000"]


SOW = ("SERVICES AGREEMENT\n\nThis Agreement is made by Keel Foods Inc. (\"Company\") and Ridge Data LLC (\"Consultant\"). "
       "The \"Effective Date\" is the date of the last signature below.\n\n1. FEES\n1.1 Company shall pay the fees in the SOW.\n"
       "2. TERM\n2.1 This Agreement continues for one (1) year.\n\nIN WITNESS WHEREOF, the parties have signed this "
       "Agreement.\n\nRidge Data LLC    Keel Foods Inc.\nBy: A. Hale    By: B. Moss\n"
       "Date: May 4, 2026    Date: May 6, 2026\n\nEXHIBIT A - STATEMENT OF WORK\n\n1. Scope: a churn model.\n\n{deliverables}\n"
       "(a) Data audit memo: within ten (10) days after the Effective Date.\n"
       "(b) Churn Model: deployed to Company's cloud account on or before August 31, 2026.\n\n3. Payment Schedule\n\n"
       "Milestone | Amount | Due\nP1 | Kick-off | US$20,000 | Within ten (10) days after the Effective Date\n"
       "P2 | Model acceptance | US$40,000 | Twenty (20) days after Company's written acceptance of the Churn Model\n"
       "P3 | Close-out | US$10,000 | October 30, 2026\n")


@pytest.mark.parametrize("deliverables", ["2. Deliverables", "2. Milestones and Deliverables"])
def test_an_sows_lettered_deliverables_and_a_payment_table_with_an_unheaded_id_column(deliverables: str) -> None:
    obligations = _json(SOW.format(deliverables=deliverables))["obligations"]
    items = [o for o in obligations if o["clause"] == "Exhibit A.2"]
    # (the Effective Date is Wednesday 6 May 2026; ten days end on Saturday the 16th, due the Monday after)
    assert [(o["party"], o["due_date"]) for o in items] == [("provider", "2026-05-18"), ("provider", "2026-08-31")]
    assert items[1]["kind"] == "model_delivery"
    pay = [o for o in obligations if o["kind"] == "payment"]
    assert [o["amount"] for o in pay] == ["20000.00", "40000.00", "10000.00"]  # the id column has no header
    assert pay[0]["due_date"] == "2026-05-18" and pay[2]["due_date"] == "2026-10-30"
    assert pay[1]["trigger"] == {"event": "acceptance", "offset": "P20D", "business_days": False}


ORDER = ("# Order Form No. 7\n\n| Field | Details |\n|---|---|\n| **Provider** | Vega Models Inc. |\n"
         "| **Customer** | Orca Shipping LLC |\n| **Service Start Date** | March 1, 2027 |\n"
         "| **Initial Term** | twelve (12) months: March 1, 2027 through February 29, 2028 |\n\n## 1. Fees\n\n"
         "| Item | Amount | Payment |\n|---|---|---|\n"
         "| Platform fee | USD 9,000.00 per month | invoiced monthly in advance; due by the 5th day of each calendar month |\n"
         "| Overage | at list price | invoiced monthly in arrears; due within thirty (30) days after the invoice date |\n"
         "| **Total (Initial Term)** | **USD 108,000.00** | |\n\n## 2. Delivery\n\n"
         "2.1 Provider shall provision Customer's API keys no later than the Service Start Date.\n\n"
         "2.2 Customer shall upload its sample documents within ten (10) days after the Service Start Date.\n\n"
         "**Vega Models Inc.**  \nBy: E. Park  \nDate: February 10, 2027\n\n**Orca Shipping LLC**  \nBy: O. Hart  \nDate: February 12, 2027\n")


def test_an_order_forms_term_range_dates_its_start_and_its_fee_rows_are_read() -> None:
    doc = _json(ORDER, "x.en.md")
    c = doc["contract"]
    assert (c["effective_date"], c["expiry_date"], c["total_fee"]) == ("2027-03-01", "2028-02-29", "108000.00")
    by_kind = [(o["kind"], o["due_date"], o["recurrence"], o["amount"]) for o in doc["obligations"]]
    assert ("payment", "2027-03-05", "FREQ=MONTHLY;BYMONTHDAY=5", "9000.00") in by_kind  # the row's own due time
    overage = [o for o in doc["obligations"] if o["kind"] == "payment" and o["amount"] is None]
    assert [o["trigger"]["event"] for o in overage] == ["invoice"]  # a charge without a sum is still a payment
    assert ("model_delivery", "2027-03-01", None, None) in by_kind  # "no later than the Service Start Date"
    upload = next(o for o in doc["obligations"] if o["kind"] == "data_delivery")
    assert upload["trigger"] == {"event": "effective", "offset": "P10D", "business_days": False}
    assert upload["due_date"] == "2027-03-11"


ZH = ("甲方：甲数据有限公司\n乙方：乙信息有限公司\n第一条 期限\n一、本合同自2026年8月1日起至2027年7月31日止。\n"
      "二、合同期满前，任何一方如不续约，应于期满前一个月书面通知对方。\n第二条 报告\n"
      "一、乙方应于每季度首月十五日前向甲方提交上一季度的运维报告；首份报告应于2026年10月15日前提交。\n"
      "第三条 价款\n一、本合同总价为人民币四十万元，分四期支付，每期人民币拾万元整（¥100,000.00）。\n"
      "二、甲方应于2026年9月30日前支付第一期款，于2026年12月31日前支付第二期款，于2027年3月31日前支付第三期款，"
      "于2027年6月30日前支付第四期款。\n")


def test_a_zh_term_range_a_renewal_window_a_first_report_and_equal_instalments() -> None:
    doc = _json(ZH, "x.txt")
    c = doc["contract"]
    assert (c["effective_date"], c["expiry_date"], c["renewal_notice"]) == ("2026-08-01", "2027-07-31", "P1M")
    report = [o for o in doc["obligations"] if o["kind"] == "progress_report"]
    assert [(o["due_date"], o["recurrence"]) for o in report] == [("2026-10-15", "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15")]
    assert not [w for w in doc["warnings"] if w["code"] == "unrecognised_duty"]
    pay = [o for o in doc["obligations"] if o["kind"] == "payment"]
    assert [o["amount"] for o in pay] == ["100000.00"] * 4


ZH_TABLE = ("采购人（甲方）：某市检验研究院\n供应商（乙方）：某智能装备有限公司\n一、合同金额\n"
            "（一）合同金额（大写）：人民币贰佰万元整（¥2,000,000.00），含税。\n二、义务\n"
            "（一）乙方应于合同签订之日起5个工作日内向甲方提交履约保证金。\n"
            "（二）履约保证金在系统终验合格之日起10个工作日内由甲方无息退还乙方。\n三、付款\n（一）付款安排如下表：\n"
            "里程碑\t交付内容及完成时限\t付款比例\t付款条件\n"
            "一、上线\t乙方应于2026年7月31日前完成系统上线\t60%（¥1,200,000.00）\t系统初验合格之日起10个工作日内支付\n"
            "二、终验\t乙方应于2026年10月31日前提交检测报告\t40%（¥800,000.00）\t终验合格之日起15个工作日内支付\n"
            "四、其他\n本合同自双方签字之日起生效。\n甲方（盖章）：某市检验研究院\n日期：2026年3月20日\n"
            "乙方（盖章）：某智能装备有限公司\n日期：2026年3月20日\n")


def test_a_zh_table_rows_sums_with_thousands_commas_a_total_in_words_and_a_passive_actor() -> None:
    doc = _json(ZH_TABLE, "x.txt")
    assert doc["contract"]["total_fee"] == "2000000.00"  # 合同金额（大写）：…
    pay = [o for o in doc["obligations"] if o["kind"] == "payment"]
    assert [o["amount"] for o in pay] == ["1200000.00", "800000.00"]  # "1,200,000.00": one sum, no cut at its commas
    refund = next(o for o in doc["obligations"] if "退还" in o["quote"])
    assert refund["party"] == "client"  # 由甲方…退还: the passive names who acts
