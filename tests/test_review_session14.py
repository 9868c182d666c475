"""The review of session 14's rules (/tmp/review14.md): look-alikes each rule must leave alone, and the
linear cost of the fee-sum index."""

from __future__ import annotations

import time
from typing import Any

from tracker.parse import parse_text


def _parse(text: str, name: str = "t.txt") -> dict[str, Any]:
    return parse_text(text, name).to_json()


HEAD = "服务合同\n甲方：某公司\n乙方：某科技公司\n"


def test_a_table_of_the_sides_duties_is_no_signature_block() -> None:
    text = ("# 服务合同\n\n甲方：某公司\n乙方：某科技公司\n\n## 第一条 分工\n\n| 甲方职责 | 乙方职责 |\n|---|---|\n"
            "| 签署阶段验收单 | 交付阶段成果 |\n\n## 第二条 交付\n\n2.1 乙方应于2026年5月31日前交付模型。\n\n"
            "2.2 本合同自2026年3月1日起生效，有效期一年。\n")
    doc = _parse(text, "t.md")
    assert [(o["kind"], o["due_date"]) for o in doc["obligations"]][:1] == [("model_delivery", "2026-05-31")]
    assert (doc["contract"]["effective_date"], doc["contract"]["term"]) == ("2026-03-01", "P1Y")


def test_a_fee_per_period_and_a_penalty_cap_are_no_sum_of_the_fee_asked_for() -> None:
    monthly = HEAD + "第一条 费用\n1.1 月服务费为人民币10,000元，合同总价人民币120,000元。\n1.2 甲方应于服务期满后10日内一次性支付服务费。\n"
    assert [o["amount"] for o in _parse(monthly)["obligations"] if o["kind"] == "payment"] == [None]
    capped = HEAD + ("第一条 费用\n1.1 合同总价为人民币100,000元。\n第二条 违约\n"
                     "2.1 乙方逾期交付的，每逾期一日按部署费的1%支付违约金，最高人民币5,000元。\n")
    assert [p["basis"] for p in _parse(capped)["contract"]["penalties"]] == [None]
    one_off = HEAD + "第一条 费用\n1.1 合同总价为人民币100,000元。一次性上架服务费人民币60,000元。\n第二条 违约\n" \
        "2.1 乙方逾期交付的，每逾期一日按上架服务费的1%支付违约金。\n"
    assert [p["basis"] for p in _parse(one_off)["contract"]["penalties"]] == ["delayed_amount"]


def test_the_fee_sums_are_indexed_once_per_document() -> None:
    article = "第{}条 费用\n系统部署费为人民币80,000元。系统部署费由甲方于验收合格之日起10日内一次性支付。\n"

    def cost(n: int) -> float:
        text = HEAD + "".join(article.format(i + 1) for i in range(n))
        t0 = time.process_time()
        parse_text(text, "t.txt")
        return time.process_time() - t0

    small, large = cost(100), cost(400)
    assert large < small * 8, (small, large)  # 4x the text: linear is ~4x; one scan per payment was ~16x
