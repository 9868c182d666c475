"""An amendment's old wording states no fact of the amendment: the quoted clause it replaces and its
recital's sentences about the amended contract (dates and sums blanked, every position kept)."""

from __future__ import annotations

from tracker.parse import parse_text
from tracker.parse.superseded_zh import blank_old_values

SUPPLEMENT = """《模型训练服务合同》补充协议（一）

委托方（甲方）：苏州某精密部件股份有限公司
受托方（乙方）：上海某智能科技有限公司

鉴于：
1. 甲乙双方于2026年3月10日签订《模型训练服务合同》（以下简称“原合同”），原合同总价为人民币壹佰贰拾万元整（¥1,200,000.00），有效期至2026年9月30日止；
2. 双方拟延长合同期限。
经双方友好协商，达成如下补充协议：

第一条 合同期限
1. 原合同第二条第1款“本合同有效期自生效之日起至2026年9月30日止”修改为：“本合同有效期自生效之日起至2027年3月31日止。”

第二条 费用
1. 新增服务费为人民币捌拾万元整（¥800,000.00）。调整后合同总价为人民币贰佰万元整（¥2,000,000.00）。

第三条 其他
1. 本补充协议自双方签字并盖章之日起生效。

甲方（盖章）：苏州某精密部件股份有限公司
日期：2026年9月24日
乙方（盖章）：上海某智能科技有限公司
日期：2026年9月24日
"""


def test_old_values_are_blanked_in_place() -> None:
    text = SUPPLEMENT
    out = blank_old_values(text)
    assert len(out) == len(text)
    assert "2026年9月30日" not in out  # the recital's and the quoted clause's old end
    assert "2027年3月31日" in out and "2,000,000.00" in out  # the new wording stays
    assert "1,200,000.00" not in out  # the recital's total of the amended contract


def test_the_supplement_reads_its_own_end_and_total() -> None:
    c = parse_text(SUPPLEMENT, "s.txt").to_json()["contract"]
    assert c["expiry_date"] == "2027-03-31"
    assert c["total_fee"] == "2000000.00"


def test_a_supplement_stating_only_its_new_fee_has_that_as_its_total() -> None:
    text = SUPPLEMENT.replace("调整后合同总价为人民币贰佰万元整（¥2,000,000.00）。", "")
    assert parse_text(text, "s.txt").to_json()["contract"]["total_fee"] == "800000.00"


def test_the_old_wording_in_brackets_before_the_change_is_not_read() -> None:
    """原合同第4.2条第二期款（模型交付后15日内支付人民币32万元）变更为：… — the bracketed old instalment
    is no payment; 原合同有效期相应延长至… is the new end."""
    text = ("补充协议（一）\n甲方：广州甲保险代理有限公司\n乙方：深圳乙人工智能有限公司\n第一条 付款\n"
            "原合同第4.2条第二期款（模型交付后15日内支付人民币32万元）变更为：\n"
            "1. 甲方应于本补充协议生效之日起10个工作日内支付人民币12万元；\n"
            "2. 余款人民币20万元由甲方于模型验收合格之日起20个工作日内支付。\n第二条 期限\n"
            "原合同有效期相应延长至2027年3月31日。\n本补充协议自双方签字盖章之日起生效。\n")
    d = parse_text(text, "s.txt").to_json()
    assert sorted(o["amount"] for o in d["obligations"] if o["kind"] == "payment") == ["120000.00", "200000.00"]
    assert d["contract"]["expiry_date"] == "2027-03-31"
