"""Findings of the review of this session's rules (blind batches 108-111), one test each: each input gave a
wrong reading, a lost sum or quadratic time before its mend."""

from __future__ import annotations

import time
from typing import Any

from tracker.parse import parse_text
from tracker.parse.clause_marks import glued_appendices
from tracker.parse.money_text import find_money
from tracker.parse.normalize import normalize


def _parse(text: str, name: str = "t.txt") -> dict[str, Any]:
    return parse_text(text, name).to_json()


def _sums(text: str) -> list[tuple[str, str | None]]:
    return [(str(h.value), h.currency) for h in find_money(text)]


def test_glued_appendices_on_one_long_line_grow_linearly() -> None:
    def took(n: int) -> float:
        line = "甲方（盖章）：某公司 日期：2026年5月8日附件：数据处理协议" + "8日附件：" * n
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            assert len(glued_appendices(line)) == n + 1
            best = min(best, time.perf_counter() - start)
        return best
    # quadratic time would grow 64-fold for 8 times the marks; linear grows about 8-fold
    assert took(40_000) / max(took(5_000), 1e-6) < 30


def test_a_currency_code_before_a_model_number_or_a_rate_is_no_sum() -> None:
    for text in ("AMD 7763", "CRC 32", "IRR 12%", "SAR 2", "NIO 2", "PEN 3", "TRY 3"):
        assert _sums(text) == [], text
    pays = [o for o in _parse("技术服务合同\n委托方（甲方）：甲公司\n受托方（乙方）：乙公司\n第一条 甲方应于2026年5月1日前支付AMD 7763服务器采购款。\n")
            ["obligations"] if o["kind"] == "payment"]
    assert [o["amount"] for o in pays] == [None]
    # written as money, the same codes are sums
    assert _sums("TRY 150,000 and NGN 500.00") == [("150000", "TRY"), ("500.00", "NGN")]


def test_an_instalment_per_payment_or_a_monthly_sum_is_still_an_amount() -> None:
    for text, value in (("每笔人民币50,000元", "50000"), ("每次人民币100,000元", "100000"), ("人民币5,000元/个月", "5000")):
        head = "技术服务合同\n委托方（甲方）：甲公司\n受托方（乙方）：乙公司\n第一条 甲方应于2026年5月1日前支付服务费，"
        (pay,) = [o for o in _parse(head + text + "。\n")["obligations"] if o["kind"] == "payment"]
        assert pay["amount"] == value + ".00", text


def test_a_roman_numbered_line_in_an_arabic_numbered_contract_is_no_clause() -> None:
    text = ("SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Ltd (the \"Provider\") and Beta Ltd (the \"Client\").\n\n"
            "1. Delivery\n1.1 The Provider shall deliver the model on or before 31 August 2026.\n"
            "V.2 the production release follows the pilot.\n2. Fees\n2.1 The Client shall pay USD 10,000 within ten (10) days after delivery.\n")
    got = {o["kind"]: o["clause"] for o in _parse(text, "t.en.txt")["obligations"]}
    assert got["payment"] == "2.1" and got["model_delivery"] == "1.1"


def test_a_list_label_before_a_percentage_is_not_merged_into_it() -> None:
    assert normalize("阶段1 5%").text == "阶段1 5%"
    assert normalize("累计不超过2 0%").text == "累计不超过20%"


def test_a_milestone_named_for_the_client_is_the_clients_step() -> None:
    text = ("SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Document AI, Inc. (the \"Provider\") and Beta Insurance "
            "Corporation (the \"Client\").\n\nARTICLE I - TERM\nI.1 This Agreement starts on 1 August 2026 (the \"Effective Date\").\n\n"
            "ARTICLE II - SERVICES\nII.1 Milestone 1 - Client Data Delivery: within five (5) Business Days after the Effective Date.\n"
            "II.2 Milestone 2 - Extraction Model Delivery: on or before October 30, 2026.\n"
            "II.3 Milestone 3 - Client Acceptance: within ten (10) Business Days after delivery of the Extraction Model.\n")
    got = [(o["clause"], o["kind"], o["party"]) for o in _parse(text, "t.en.txt")["obligations"] if o["clause"].startswith("2.")]
    assert got == [("2.1", "data_delivery", "client"), ("2.2", "model_delivery", "provider"), ("2.3", "other", "client")]


def test_a_manual_completed_and_put_online_is_no_model_delivery() -> None:
    text = "技术服务合同\n委托方（甲方）：甲公司\n受托方（乙方）：乙公司\n第一条 乙方应于2026年9月30日前完成操作手册编写并上线。\n"
    assert [o["kind"] for o in _parse(text)["obligations"] if o["clause"] == "1"] == ["other"]


def test_sums_in_spaced_thousands_keep_their_cents_and_every_marker_reads_them() -> None:
    assert _sums("CHF 12 500.75") == [("12500.75", "CHF")]
    assert _sums("RMB 1 000 000") == [("1000000", "CNY")]
    assert _sums("PHP 4 800 000") == [("4800000", "PHP")]
