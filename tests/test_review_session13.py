"""Inputs from the review of the thirteenth session's parser change (each failed before its mend): a payment
line that a later instalment sentence rewrote, a hotline opened as the contract's delivery, a subject after a
relative clause, a delay read as a renewal, 上月 inside other words, 'update of' and 'review' reports, a
warranty's bracketed length before a comma, and a year 0."""

from __future__ import annotations

from typing import Any

import pytest

from tracker.parse import parse_text

ZH = ("技术服务合同\n甲方（委托方）：北京某某科技有限公司\n乙方（受托方）：上海某某数据有限公司\n"
      "第一条 本合同自2025年3月1日起生效，有效期一年。\n")
EN = ('# Services Agreement\n\nThis Services Agreement is made between **Acme Analytics Ltd** ("Provider") and '
      '**Globex Retail plc** ("Customer").\n\n1. Term. This Agreement is effective on 1 September 2026 and continues '
      "for twelve (12) months.\n\n")


def _zh(tail: str) -> dict[str, Any]:
    return parse_text(ZH + tail + "\n", "x.txt").to_json()


def _en(tail: str) -> dict[str, Any]:
    return parse_text(EN + tail + "\n", "x.en.md").to_json()


def test_an_instalment_sentence_rewrites_only_its_own_payment() -> None:
    doc = _en("2. Fees. The Customer shall pay a setup fee of GBP 5,000 within 30 days of the Effective Date. The "
              "Subscription Fee of GBP 96,000 is payable in four quarterly instalments of GBP 24,000 each, payable on or "
              "before 1 November 2026, 1 February 2027, 1 May 2027 and 1 August 2027.")
    pays = sorted((o["amount"], o["due_date"]) for o in doc["obligations"] if o["kind"] == "payment")
    (setup,) = [o for o in doc["obligations"] if o["amount"] == "5000.00"]
    assert setup["trigger"] == {"event": "effective", "offset": "P30D", "business_days": False}
    assert sorted(d for a, d in pays if a == "24000.00") == ["2026-11-01", "2027-02-01", "2027-05-01", "2027-08-01"]


@pytest.mark.parametrize("duty", ["乙方应于本合同生效之日起10日内开通7×24小时服务热线。", "乙方应在合同生效后5个工作日内开通售后服务通道。"])
def test_opening_a_support_line_is_not_the_contracts_delivery(duty: str) -> None:
    (got,) = [o for o in _zh("第二条 " + duty)["obligations"] if o["clause"] == "2"]
    assert got["kind"] == "other"


def test_a_subject_after_a_relative_clause_acts() -> None:
    doc = _en("2. Acceptance. Within 10 days after the Effective Date, which is stated above, the Customer shall deliver "
              "a signed project charter to the Provider.")
    (charter,) = [o for o in doc["obligations"] if "charter" in o["quote"]]
    assert charter["party"] == "client"


def test_a_late_delivery_that_lets_the_client_terminate_before_the_end_is_no_renewal_notice() -> None:
    doc = _zh("第二条 乙方延期交付超过30日的，甲方有权在合同期满前60日内解除合同。")
    assert doc["contract"]["renewal_notice"] is None


@pytest.mark.parametrize("pay", ["甲方应于每月10日前支付线上月度服务费人民币10,000元。",
                                 "甲方应于每月10日前支付当月服务费人民币10,000元，如上月有未结清费用应一并支付。"])
def test_last_month_mentioned_in_passing_does_not_add_an_instalment(pay: str) -> None:
    text = ("技术服务合同\n甲方（委托方）：北京某某科技有限公司\n乙方（受托方）：上海某某数据有限公司\n"
            "第一条 本合同自2025年1月1日起生效，有效期至2025年12月31日。\n第二条 合同总价为人民币120,000元。\n第三条 " + pay + "\n")
    assert not [w for w in parse_text(text, "x.txt").to_json()["warnings"] if w["code"] == "amount_mismatch"]


@pytest.mark.parametrize(("duty", "kind"), [
    ("The Provider shall deliver a monthly status update of the project to the Customer by the 5th day of each month.",
     "progress_report"),
    ("The Provider shall email a weekly update of progress to the Customer every Monday.", "progress_report"),
    ("The Provider shall perform a weekly code review every Friday.", "other"),
])
def test_an_update_of_the_project_is_a_report_and_a_code_review_is_not(duty: str, kind: str) -> None:
    (got,) = [o for o in _en("2. Reporting. " + duty)["obligations"] if o["clause"] == "2"]
    assert got["kind"] == kind


def test_a_warranty_with_its_length_in_brackets_before_a_comma_keeps_its_duty() -> None:
    doc = _zh("第二条 质保期为两年，自终验合格之日起计算。\n第三条 质保期（两年）届满后，乙方应于10日内提交质保总结报告。")
    (summary,) = [o for o in doc["obligations"] if o["clause"] == "3"]
    assert summary["trigger"] == {"event": "acceptance", "offset": "P2Y10D", "business_days": False}


@pytest.mark.parametrize("when", ["0000年12月下旬前", "0000年第三季度末前", "0000年上半年"])
def test_a_year_0_is_no_date_and_no_crash(when: str) -> None:
    doc = _zh(f"第二条 乙方应于{when}提交报告。")
    assert doc["schema"] == "tracker.parse/1"
