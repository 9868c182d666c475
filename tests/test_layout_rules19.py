"""Rules from blind batches 102-103: the receiver who opens a deadline phrase acts on what it
receives ("乙方开具发票，甲方收到发票后30日内支付": 甲方 pays)."""

from __future__ import annotations

from typing import Any

from tracker.parse import parse_text


def _parse(text: str, name: str = "t.txt") -> dict[str, Any]:
    return parse_text(text, name).to_json()


def _pays(text: str) -> list[tuple[str | None, str]]:
    return [(o["amount"], o["party"]) for o in _parse(text)["obligations"] if o["kind"] == "payment"]


HEAD = "模型开发合同\n委托方（甲方）：某电网公司\n受托方（乙方）：某智能科技有限公司\n第四条 付款\n4.1 合同总价为人民币100,000元。\n"


def test_the_receiver_of_an_invoice_who_opens_the_deadline_is_the_payer_though_the_issuer_is_named_before() -> None:
    text = HEAD + "4.2 尾款：终验合格后，乙方开具等额增值税专用发票，甲方收到发票后30日内支付合同总价的30%，即30,000元。\n"
    assert _pays(text) == [("30000.00", "client")]
    # the roles the other way round: the provider, receiving the client's invoice, pays (a data licence back)
    swapped = HEAD + "4.2 返还款：终验合格后，甲方开具发票，乙方收到发票之日起30日内支付人民币30,000元。\n"
    assert _pays(swapped) == [("30000.00", "provider")]


def test_a_subject_after_the_deadline_still_names_the_actor_and_one_receiving_nothing_is_no_subject() -> None:
    # the receiver opens the phrase but another side is the subject after it: that side acts
    after = HEAD + "4.2 甲方收到发票后10日内，乙方应交付模型。\n"
    (ob,) = [o for o in _parse(after)["obligations"] if o["clause"] == "4.2"]
    assert ob["party"] == "provider"
    # a side that delivers (not receives) at the head of the phrase is not the payer
    delivered = HEAD + "4.2 乙方交付模型后30日内支付合同总价的30%，即30,000元。\n"
    assert _pays(delivered) == [("30000.00", "client")]
