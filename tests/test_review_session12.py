"""Defects a review of the twelfth session's parser change found, each with its input (and the
behaviour the change had broken or newly risked)."""

from __future__ import annotations

import time
from typing import Any

from tracker.parse import parse_text

HEAD = "技术开发合同\n甲方（委托方）：北京甲科技有限公司\n乙方（受托方）：上海乙智能有限公司\n"


def _parse(text: str, name: str = "t.txt") -> dict[str, Any]:
    return parse_text(text, name).to_json()


def test_a_penalty_paid_with_costs_does_not_make_its_payer_the_client() -> None:
    text = ("技术服务合同\n甲方：北京甲科技有限公司\n乙方：上海乙智能有限公司\n第一条 服务内容\n乙方为甲方提供模型训练服务。\n"
            "第二条 费用\n乙方违约的，乙方应向甲方支付违约金及律师费。甲方应于2026年5月1日前向乙方支付服务费人民币10万元。\n")
    c = _parse(text)["contract"]
    assert (c["client"], c["provider"]) == ("北京甲科技有限公司", "上海乙智能有限公司")


def test_an_instalment_that_names_itself_borrows_nothing_from_the_sentence_before() -> None:
    text = HEAD + ("第二条 付款\n2.1 合同总额为人民币100,000元。\n"
                   "2.2 第一期款项为合同总额的30%，即人民币30,000元。第二期款项于终验合格后十个工作日内由甲方支付。\n")
    pays = [(o["title"], o["amount"]) for o in _parse(text)["obligations"] if o["kind"] == "payment"]
    assert ("第一期款 30%", "30000.00") not in pays[1:]
    assert pays[-1][0].startswith("第二期")


def test_a_payment_that_mentions_the_terms_below_is_kept_when_no_table_or_item_follows() -> None:
    text = HEAD + ("第二条 付款\n2.1 合同总价为人民币100,000元。\n"
                   "2.2 甲方应于合同签订后10个工作日内根据以下约定支付合同总价的30%。甲方应于验收合格后10个工作日内支付合同总价的70%。\n")
    assert [o["amount"] for o in _parse(text)["obligations"] if o["kind"] == "payment"] == ["30000.00", "70000.00"]


def test_another_periods_definition_is_no_term() -> None:
    text = ("SERVICES AGREEMENT\nProvider: Acme Inc.\nClient: Beta LLC\n1. Definitions\n"
            '1.1 In this Agreement, "Cure Period" means thirty (30) days after written notice of a breach.\n'
            "2. Term\n2.1 This Agreement starts on 1 January 2027 and continues until 31 December 2027.\n")
    c = _parse(text, "t.en.txt")["contract"]
    assert (c["term"], c["expiry_date"]) == (None, "2027-12-31")


def test_a_development_contracts_free_maintenance_period_is_no_term() -> None:
    text = HEAD + ("第一条 开发内容\n1.1 乙方应于2026年6月30日前向甲方交付模型。\n"
                   "第二条 维护\n2.1 免费维护期间自2026年7月1日起至2027年6月30日止。\n")
    c = _parse(text)["contract"]
    assert (c["expiry_date"], c["effective_date"]) == (None, None)


def test_a_delivery_schedule_is_no_term() -> None:
    text = ("委託開發契約書\n甲方（委託方）：台北甲科技股份有限公司\n乙方（受託方）：新竹乙智能股份有限公司\n"
            "第一條 交付\n一、乙方應於簽約後開始開發，模型交付期程為60日，乙方應於期程內交付模型。\n")
    assert _parse(text, "t.zh-Hant.txt")["contract"]["term"] is None


def test_the_sum_paid_as_the_penalty_is_its_amount() -> None:
    text = HEAD + ("第一条 交付\n1.1 乙方应于2026年6月30日前向甲方交付模型。\n第五条 违约责任\n"
                   "5.1 乙方逾期交付的，应退还甲方已付款项人民币30,000元，并另行支付人民币5,000元作为违约金。\n")
    assert [p["amount"] for p in _parse(text)["contract"]["penalties"]] == ["5000.00"]


def test_a_contract_priced_only_in_its_penalties_takes_their_currency() -> None:
    text = ("維護服務合約\n甲方（委託方）：香港甲有限公司\n乙方（承辦商）：香港乙科技有限公司\n"
            "第一條 服務\n一、乙方應於2026年6月30日前向甲方交付系統。\n第二條 違約\n一、乙方逾期交付的，每逾期一日應向甲方支付港幣1,500元作為違約賠償。\n")
    assert _parse(text, "t.zh-Hant.txt")["contract"]["currency"] == "HKD"


def test_a_long_text_of_ranges_without_sentence_marks_near_them_parses_in_linear_time() -> None:
    """Each date range looked back from the text's start for its sentence when no mark stood near it:
    quadratic (25k characters 3 s, 100k 33 s). Growth from 20k to 80k characters stays near linear."""
    unit = ("5.1 乙方应按照甲方的要求，在服务范围内开展系统运行维护、故障排查、性能优化及版本升级等各项工作，"
            "维护期间自2026年1月1日起至2026年12月31日止。\n5.2 乙方应于每逢双月之末日前向甲方提交运维报告。\n")

    def cost(n: int) -> float:
        text = "运维服务合同\n" + unit * (n // len(unit))
        best = 1e9
        for _ in range(2):
            t0 = time.process_time()
            parse_text(text, "t.txt")
            best = min(best, time.process_time() - t0)
        return best

    small, large = cost(20_000), cost(80_000)
    assert large < small * 6, (small, large)  # 4x the text: linear is ~3-4x here; the quadratic search was ~10x
