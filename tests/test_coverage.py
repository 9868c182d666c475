"""The coverage layer: timed duties no rule read become ``unrecognised_duty`` warnings, never
silence (issue 8, spec ``unrecognised_duty``). Example corpus in tests/examples/coverage_duty*.tsv."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker.parse import parse_text
from tracker.parse.coverage import MAX_QUOTE, states_timed_duty
from tracker.parse.normalize import normalize

EXAMPLES = Path(__file__).parent / "examples"


def _rows(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in (EXAMPLES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, sentence = line.split("\t")
            rows.append((lang, sentence))
    return rows


@pytest.mark.parametrize(("lang", "sentence"), _rows("coverage_duty.tsv"))
def test_timed_duty_is_recognised_as_one(lang: str, sentence: str) -> None:
    assert states_timed_duty(normalize(sentence).text, lang)


@pytest.mark.parametrize(("lang", "sentence"), _rows("coverage_duty.negative.tsv"))
def test_look_alike_is_not_a_timed_duty(lang: str, sentence: str) -> None:
    assert not states_timed_duty(normalize(sentence).text, lang)


def test_corpora_have_enough_rows() -> None:
    assert len(_rows("coverage_duty.tsv")) >= 40
    assert len(_rows("coverage_duty.negative.tsv")) >= 25


CONTRACT = """技术服务合同
甲方（委托方）：上海蓝鲸电子商务有限公司
乙方（受托方）：北京星河智算科技有限公司
第一条 服务内容
乙方为甲方提供数据清洗服务。
第二条 交付
乙方应在每个自然季度的第一个月结束前，将上一季度的清洗报告以光盘寄送甲方。
第三条 其他
本合同一式两份。
"""


def _flags(result) -> list:  # type: ignore[no-untyped-def]
    return [w for w in result.warnings if w.code == "unrecognised_duty"]


def test_unread_duty_is_flagged_with_clause_and_whole_sentence() -> None:
    result = parse_text(CONTRACT)
    flags = _flags(result)
    assert [(w.clause, w.quote) for w in flags] == [
        ("2", "乙方应在每个自然季度的第一个月结束前，将上一季度的清洗报告以光盘寄送甲方")]
    assert flags[0].quote in CONTRACT  # verbatim


def test_a_duty_the_rules_read_is_not_flagged() -> None:
    text = CONTRACT.replace("乙方应在每个自然季度的第一个月结束前，将上一季度的清洗报告以光盘寄送甲方",
                            "乙方应于本合同生效之日起15日内向甲方交付清洗后的数据")
    result = parse_text(text)
    assert result.obligations, "the rules read the delivery"
    assert _flags(result) == []


def test_traditional_script_is_flagged_verbatim() -> None:
    text = CONTRACT.replace("乙方应在每个自然季度的第一个月结束前，将上一季度的清洗报告以光盘寄送甲方",
                            "乙方應在每個自然季度的第一個月結束前，將上一季度的清洗報告以光碟寄送甲方")
    [flag] = _flags(parse_text(text))
    assert flag.quote == "乙方應在每個自然季度的第一個月結束前，將上一季度的清洗報告以光碟寄送甲方"


def test_english_flag() -> None:
    text = ("SERVICES AGREEMENT\n1. Services\n1.1 Vendor shall courier the encrypted backup tapes to "
            "Customer at the close of every fiscal half-year.\n")
    [flag] = _flags(parse_text(text))
    assert flag.clause == "1.1"
    assert flag.quote.startswith("Vendor shall courier the encrypted backup tapes")


def test_a_sentence_without_full_stop_gives_a_bounded_quote() -> None:
    text = "第一条 约定 " + "甲方应于每月末" + "向乙方说明情况并" * 20_000
    flags = _flags(parse_text(text))
    assert flags and all(len(w.quote) <= MAX_QUOTE for w in flags)


FRAMEWORK = """数据服务框架协议
甲方（委托方）：上海蓝鲸电子商务有限公司
乙方（受托方）：北京星河智算科技有限公司
第一条 期限
1.1 本协议自双方签字盖章之日起生效，有效期两年。
1.2 期满前30日，任何一方可书面通知对方不再续签。
第二条 保密
2.1 保密期限为本协议终止后三年。
甲方（盖章）：
日期：
乙方（盖章）：
日期：
"""


def test_term_obligations_exist_without_a_signing_date() -> None:
    """A framework agreement with its signature dates left blank still has an expiry, a renewal
    window and a confidentiality end, each with its trigger and no due date (spec: the derived
    obligations carry the trigger that produces them)."""
    result = parse_text(FRAMEWORK)
    derived = {o.kind: (o.due_date, o.trigger.event if o.trigger else None, o.trigger.offset if o.trigger else None)
               for o in result.obligations}
    assert derived == {
        "contract_expiry": (None, "effective", "P2Y"),
        "renewal_notice": (None, "expiry", "-P30D"),
        "confidentiality_expiry": (None, "expiry", "P3Y"),
    }


def test_a_term_sentence_no_rule_read_is_flagged() -> None:
    text = FRAMEWORK.replace("本协议自双方签字盖章之日起生效，有效期两年", "本协议在双方签署后两年内有效")
    flags = [w for w in parse_text(text).warnings if w.code == "unrecognised_duty"]
    assert [w.clause for w in flags] == ["1.1"]
    assert flags[0].quote == "本协议在双方签署后两年内有效"


def test_written_range_ends_the_term() -> None:
    text = FRAMEWORK.replace("本协议自双方签字盖章之日起生效，有效期两年", "合同履行期限：2025-03-18至2026-03-17")
    result = parse_text(text)
    assert result.contract.expiry_date == date(2026, 3, 17)
    assert result.contract.effective_date == date(2025, 3, 18)
    expiry = next(o for o in result.obligations if o.kind == "contract_expiry")
    assert expiry.due_date == date(2026, 3, 17) and expiry.trigger is None


TABLE_UNDER_DUTY = """培训服务合同
甲方：某银行股份有限公司
乙方：某教育科技有限公司
第一条 培训安排
1.1 乙方应按下表组织各期培训：

| 序号 | 内容 | 安排 |
|---|---|---|
| 1 | 提示词工程 | 2027年3月20日 |
| 2 | 合规与安全 | 2027年4月24日 |

第二条 其他
2.1 本合同一式两份。
"""


def test_dated_rows_of_a_table_a_duty_introduces_are_flagged_when_unread() -> None:
    doc = parse_text(TABLE_UNDER_DUTY, "t.md")
    unread = [w.quote for w in doc.warnings if w.code == "unrecognised_duty"]
    read = {o.quote for o in doc.obligations}
    for row in ("2027年3月20日", "2027年4月24日"):  # each row is read or flagged, never dropped
        assert any(row in q for q in unread) or any(row in q for q in read)


def test_rows_of_a_table_no_duty_introduces_are_not_flagged() -> None:
    text = TABLE_UNDER_DUTY.replace("1.1 乙方应按下表组织各期培训：", "1.1 历次培训记录如下：")
    doc = parse_text(text, "t.md")
    assert not [w for w in doc.warnings if w.code == "unrecognised_duty" and "2027年" in w.quote]


def test_a_second_dated_duty_of_one_sentence_is_flagged_when_unread() -> None:
    """The rules read each dated duty of a sentence on its own: one read does not cover the other."""
    text = "技术服务合同\n第一条 交付\n1.1 乙方应于2026年5月1日前交付模型，甲方应在收到模型后5个工作日内完成复核。\n"
    doc = parse_text(text, "t.txt")
    assert [o.kind for o in doc.obligations] == ["model_delivery"]
    assert [w.quote for w in doc.warnings if w.code == "unrecognised_duty"] == ["甲方应在收到模型后5个工作日内完成复核"]


def test_a_monthly_bill_and_its_payment_in_one_sentence_are_two_duties() -> None:
    text = ("订阅服务协议\n第一条 费用\n1.1 超量调用按月结算：乙方于每月5日前向甲方出具上月用量账单，"
            "甲方应于收到账单之日起10日内支付超量费用。\n")
    doc = parse_text(text, "t.txt").to_json()
    got = [(o["kind"], o["party"], o["recurrence"], o["trigger"]) for o in doc["obligations"]]
    assert got == [("other", "provider", "FREQ=MONTHLY;BYMONTHDAY=5", None),
                   ("payment", "client", None, {"event": "invoice", "offset": "P10D", "business_days": False})]
