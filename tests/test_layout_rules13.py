"""Rules from blind batches 68-69: a subscription's key terms in a two-column table (订阅开始日 |
DATE, 初始订阅期 | 自订阅开始日起十二个月), a report due together with the delivery a sentence names
first, and a payment of the remainder (余款, "the balance") that states no sum of its own."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tracker.parse import parse_text
from tracker.parse.remainders import is_remainder, remainder

SUBSCRIPTION = """# 语音转写SaaS服务订阅协议

**甲方（客户）**：宁波某某保险代理有限公司
**乙方（服务商）**：合肥某某语音科技有限公司

## 订阅信息

| 项目 | 内容 |
|---|---|
| 订阅服务 | 客服录音转写平台（企业版） |
| 订阅开始日 | 2026年7月1日 |
| 初始订阅期 | 自订阅开始日起十二个月 |
| 年度订阅费 | 人民币360,000.00元 |

## 1 定义

1.1 本协议经双方签署，自订阅开始日起生效。

## 2 服务内容

2.1 乙方应于订阅开始日起3个工作日内，为甲方开通企业管理员账号。
2.2 乙方应在收到甲方全部数据之日起45日内交付定制模型，交付时一并提交转写效果评估报告。

## 3 费用

3.1 本协议费用总额为人民币360,000.00元。
3.2 甲方应于订阅开始日起15日内支付年度订阅费的50%；余款于2027年1月15日前支付。

签订日期：2026年6月22日
"""


def _parse(text: str):  # type: ignore[no-untyped-def]
    return parse_text(text, "t.md").to_json()


def test_a_key_terms_table_names_the_day_the_contract_takes_effect_and_its_term() -> None:
    c = _parse(SUBSCRIPTION)["contract"]
    assert c["title"] == "客服录音转写平台（企业版）"  # the 订阅服务 row, as "Subscribed Service" names an order
    assert (c["effective_date"], c["term"], c["expiry_date"]) == ("2026-07-01", "P12M", "2027-07-01")
    # 3 working days after Wednesday 2026-07-01: Thursday, Friday, Monday
    first = next(o for o in _parse(SUBSCRIPTION)["obligations"] if o["clause"] == "2.1")
    assert first["due_date"] == "2026-07-06"


def test_a_report_due_with_the_delivery_the_sentence_names_first() -> None:
    got = [(o["kind"], o["trigger"]["event"], o["trigger"]["offset"]) for o in _parse(SUBSCRIPTION)["obligations"]
           if o["clause"] == "2.2"]
    assert got == [("model_delivery", "data_delivery", "P45D"), ("evaluation_report", "model_delivery", "P0D")]
    # which delivery is not said: no obligation is made up, the sentence is flagged
    doc = _parse("甲方：某某数据科技有限公司\n乙方：某某标注有限公司\n第三条 交付\n乙方每批交付时应同时提交自检质检报告。\n")
    assert doc["obligations"] == []
    assert [w["quote"] for w in doc["warnings"] if w["code"] == "unrecognised_duty"] == ["乙方每批交付时应同时提交自检质检报告"]


def test_the_remainder_is_the_total_less_the_other_instalments() -> None:
    pays = [(o["clause"], o["amount"]) for o in _parse(SUBSCRIPTION)["obligations"] if o["kind"] == "payment"]
    assert pays == [("3.2", "180000.00"), ("3.2", "180000.00")]  # 50 %, and what is left
    english = ("Customer: Foo Ltd\nSupplier: Bar Ltd\nThe total fees are USD 100,000.\n"
               "4.1 Customer shall pay (a) USD 30,000 within 10 days after the Effective Date; and "
               "(b) the balance of the fees within thirty (30) days after Acceptance.\n")
    amounts = [o["amount"] for o in parse_text(english, "t.en.txt").to_json()["obligations"] if o["kind"] == "payment"]
    assert sorted(amounts) == ["30000.00", "70000.00"]


def test_a_remainder_is_only_arithmetic() -> None:
    assert is_remainder("余款于验收合格后30日内付清", "zh") and is_remainder("the balance within 30 days", "en")
    assert not is_remainder("尾款人民币204,000元于验收后支付", "zh")  # it states its sum
    assert not is_remainder("甲方应于验收后支付合同金额的30%", "zh")
    assert remainder(Decimal("100"), [Decimal("30"), None]) is None  # another payment's sum is unknown
    assert remainder(Decimal("100"), [Decimal("100")]) is None  # nothing left
    assert remainder(None, [Decimal("1")]) is None


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2),
       st.lists(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e8"), places=2), max_size=6))
def test_the_remainder_and_the_others_add_up_to_the_total(total: Decimal, others: list[Decimal]) -> None:
    left = remainder(total, list(others))
    if sum(others, Decimal(0)) < total:
        assert left is not None and left + sum(others, Decimal(0)) == total and left > 0
    else:
        assert left is None


TERM_STARTS_LATER = """智能合同审查SaaS服务订阅协议
订阅方（甲方）：苏州某某制造股份有限公司
服务商（乙方）：上海某某信息科技有限公司
第1条 定义
1.1 订阅期：指自2026年7月1日起至2027年6月30日止的期间。
第2条 服务
2.1 甲方应于订阅期开始之日起十个工作日内上传不少于500份已脱敏的历史合同样本。
第3条 其他
3.1 本协议自双方签署之日起生效。
签署日期：2026年6月24日
"""


def test_a_duty_counted_from_the_written_start_of_a_named_period() -> None:
    """The subscription starts on 2026-07-01, after the signing (the effective date): ten working days
    from it end on Wednesday 2026-07-15 (start day not counted; 07-04/05 and 07-11/12 are weekends)."""
    doc = _parse(TERM_STARTS_LATER)
    (upload,) = [o for o in doc["obligations"] if o["clause"] == "2.1"]
    assert (upload["kind"], upload["due_date"], upload["trigger"]) == ("data_delivery", "2026-07-15", None)



def test_a_relative_clauses_may_grants_no_right() -> None:
    """"(c) the balance … within thirty (30) days after receipt of the invoice, which may be issued once
    …": the item is the lead-in's payment; its "may" speaks of the invoice."""
    text = ("MASTER SERVICES AGREEMENT\n1. Fees\n1.1 The total fees are RMB 1,200,000.\n"
            "1.2 The Customer shall pay the Supplier as follows:\n(a) 30% of the total fees within thirty (30) days after "
            "the Effective Date;\n(b) RMB 840,000 within thirty (30) days after receipt of the Supplier's invoice, which "
            "may be issued once the warranty period has expired.\n2. Term\n2.1 This Agreement expires on 31 December 2027.\n")
    pays = [(o["amount"], o["trigger"]["event"]) for o in parse_text(text, "t.en.txt").to_json()["obligations"]
            if o["kind"] == "payment"]
    assert pays == [("360000.00", "effective"), ("840000.00", "invoice")]
