"""A 补充协议 that changes clauses in a table (序号 | 原合同条款 | 原约定 | 变更后约定): the old wording is
replaced, so it yields no obligation and no fact; the new wording does. Expected values by hand."""

from __future__ import annotations

from datetime import date

from tracker.parse import parse_text

SUPPLEMENT = (
    "补充协议\n甲方（委托方）：常州某精密制造有限公司\n乙方（受托方）：合肥某智联科技有限公司\n"
    "一、条款变更\n原合同下列条款按下表变更：\n"
    "序号\t原合同条款\t原约定\t变更后约定\n"
    "1\t第三条第1款\t乙方应于2026年8月31日前交付检测模型。\t乙方应于2026年10月30日前交付检测模型。\n"
    "2\t第八条第1款\t本合同有效期至2026年12月31日止。\t本合同有效期至2027年3月31日止。\n"
    "二、其他\n本补充协议自双方签字盖章之日起生效。\n"
)


def test_the_old_wording_of_an_amendment_table_is_replaced() -> None:
    doc = parse_text(SUPPLEMENT, "supplement.txt")
    models = [o.due_date for o in doc.obligations if o.kind == "model_delivery"]
    assert models == [date(2026, 10, 30)]
    assert doc.contract.expiry_date == date(2027, 3, 31)
    assert not [w for w in doc.warnings if w.code == "unrecognised_duty" and "2026年8月31日" in w.quote]


def test_a_service_period_before_an_acceptance_does_not_hide_the_deadline() -> None:
    text = ("技术开发合同\n甲方：某园区运营有限公司\n乙方：某软件技术有限公司\n第一条 付款\n"
            "平台试运行满三个月并通过终验后三十日内，甲方支付开发费的百分之二十五，即人民币陆拾万元整（¥600,000.00）。\n")
    pays = [o for o in parse_text(text, "dev.txt").obligations if o.kind == "payment"]
    assert len(pays) == 1 and pays[0].trigger is not None
    assert (pays[0].trigger.event, pays[0].trigger.offset) == ("acceptance", "P30D")
