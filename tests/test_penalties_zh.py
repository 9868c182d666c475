"""Penalties over a whole document (penalties_zh.extract via parse_text): several per article, caps
and suspension rights completing the penalty they belong to, cross references."""

from __future__ import annotations

from decimal import Decimal

from tracker.model import Cap
from tracker.parse import parse_text

HEAD = "委托方（甲方）：苏州委托制造有限公司\n受托方（乙方）：南京受托智能科技有限公司\n\n"
SIGN = "\n\n甲方（盖章）：某公司\n日期：2025年3月1日\n乙方（盖章）：某公司\n日期：2025年3月3日\n"


def _penalties(body: str) -> dict[str, tuple]:  # type: ignore[type-arg]
    result = parse_text(HEAD + body + SIGN, "t.txt")
    return {p.kind: (p.rate, p.per, p.basis, p.cap, p.suspend_after_days, p.amount, p.clause)
            for p in result.contract.penalties}


def test_three_penalties_in_one_paragraph_and_a_right_for_the_running_one() -> None:
    got = _penalties(
        "第一条 付款\n1、甲方应于本合同生效之日起10日内支付全部价款人民币100万元。\n"
        "第二条 违约责任\n甲方逾期付款的，每逾期一日按逾期金额的万分之五支付违约金。乙方逾期交付的，每逾期一日按合同总价的千分之一"
        "支付违约金，累计不超过合同总价的10%。任何一方违反第三条约定的，应支付违约金人民币10万元。逾期超过三十日的，守约方有权解除合同。\n"
        "第三条 保密\n双方应对本合同内容保密。\n")
    assert got == {
        "late_payment": (Decimal("0.0005"), "day", "overdue_amount", None, None, None, "2"),
        "late_delivery": (Decimal("0.001"), "day", "total_fee", Cap(rate=Decimal("0.10"), basis="total_fee"), 30, None, "2"),
        "confidentiality_breach": (None, None, None, None, None, Decimal("100000.00"), "2"),
    }


def test_cap_and_termination_in_the_next_items() -> None:
    got = _penalties(
        "第一条 逾期违约金\n一、乙方未依第二条所定期限交付者，每日依契约总价千分之一计算逾期违约金。\n"
        "二、逾期违约金之总额，以契约总价百分之二十为上限。\n三、乙方逾期超过三十日者，甲方得解除契约。\n"
        "第二条 履约期限\n一、乙方应于2025年6月30日前交付系统。\n")
    assert got == {"late_delivery": (Decimal("0.001"), "day", "total_fee",
                                      Cap(rate=Decimal("0.20"), basis="total_fee"), 30, None, "1.1")}


def test_a_suspension_sentence_names_its_penalty() -> None:
    got = _penalties(
        "第一条 违约责任\n乙方逾期交付模型的，每逾期一日按合同总金额的万分之五支付违约金。甲方逾期付款的，每逾期一日按逾期金额的"
        "千分之一支付违约金。乙方逾期交付超过15日的，甲方有权解除合同。甲方逾期付款超过20日的，乙方有权暂停服务。\n")
    assert got["late_delivery"][4] == 15 and got["late_payment"][4] == 20


def test_penalty_outside_the_breach_article() -> None:
    got = _penalties("第一条 付款\n1、甲方应于本合同生效之日起10日内付款；逾期支付的，每逾期一日按未付金额的万分之三支付违约金。\n")
    assert got == {"late_payment": (Decimal("0.0003"), "day", "overdue_amount", None, None, None, "1.1")}


def test_damages_without_a_sum_are_not_a_penalty_but_a_blank_sum_is() -> None:
    got = _penalties("第一条 违约责任\n1、任何一方违反保密义务的，应赔偿对方全部损失。\n"
                     "2、乙方逾期交付的，应向甲方支付违约金[请填写违约金金额]。\n")
    assert got == {"late_delivery": (None, None, None, None, None, None, "1.2")}


def test_a_completing_sentence_is_read_not_flagged() -> None:
    result = parse_text(HEAD + "第一条 违约责任\n甲方逾期付款的，每逾期一日按逾期金额的万分之五支付违约金。"
                        "任何一方违反保密义务的，应支付违约金人民币10万元。甲方逾期付款超过20日的，乙方有权暂停服务。\n" + SIGN, "t.txt")
    flagged = [w.quote for w in result.warnings if w.code == "unrecognised_duty"]
    assert not any("超过20日" in q for q in flagged)
    assert {p.kind: p.suspend_after_days for p in result.contract.penalties}["late_payment"] == 20


def test_the_rate_in_the_next_sentence() -> None:
    got = _penalties("第一条 违约责任\n乙方逾期交付模型的，应向甲方支付违约金；违约金按每日合同总价的千分之一计算，"
                     "累计不超过合同总价的百分之十。\n")
    assert got == {"late_delivery": (Decimal("0.001"), "day", "total_fee", Cap(rate=Decimal("0.10"), basis="total_fee"),
                                      None, None, "1")}
