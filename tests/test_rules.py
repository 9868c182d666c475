"""Each extraction rule with its own small examples (normalise → clauses → rules → assemble)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.parse import parse_text
from tracker.parse.clauses import segment
from tracker.parse.normalize import normalize

HEAD_PROVIDER_FIRST = "甲方（服务提供方）：北京甲科技有限公司\n乙方（需求方）：上海乙商贸有限公司\n\n"
HEAD_CLIENT_FIRST = "委托方（甲方）：苏州委托制造有限公司\n受托方（乙方）：南京受托智能科技有限公司\n\n"
SIGN = "\n\n甲方（盖章）：某公司\n日期：2025年3月1日\n乙方（盖章）：某公司\n日期：2025年3月3日\n"


def labels(text: str) -> list[str | None]:
    got = [s.label for s in segment(normalize(text).text).segments]
    return got[1:] if got and got[0] is None else got


def contract(*articles: str, head: str = HEAD_PROVIDER_FIRST, sign: str = SIGN):  # type: ignore[no-untyped-def]
    body = "\n".join(f"第{'一二三四五六七八九'[i]}条 条款{i + 1}\n{a}" for i, a in enumerate(articles))
    return parse_text(head + body + sign, "t.txt")


def obligations(result, kind: str):  # type: ignore[no-untyped-def]
    return [o for o in result.obligations if o.kind == kind]


# ---------------------------------------------------------------- normalisation


def test_normalize_keeps_a_map_back_to_the_original() -> None:
    original = "有效期為(wèi)九個月，ＡＢＣ１２"
    n = normalize(original)
    assert n.text == "有效期为九个月,ABC12"
    start = n.text.index("有效期")
    assert n.quote(start, start + 7) == "有效期為(wèi)九個月"  # pinyin stays in the verbatim quote
    assert normalize(original * 3).language == "zh-Hant"


def test_normalize_leaves_latin_parentheses_alone() -> None:
    assert normalize("票据识别(OCR)模型(a)").text == "票据识别(OCR)模型(a)"


def test_language_detection() -> None:
    assert normalize("本合同自双方签字盖章之日起生效，有效期为六个月。" * 3).language == "zh-Hans"
    assert normalize("This Agreement shall remain valid for twelve (12) months. " * 3).language == "en"


# ---------------------------------------------------------------- segmentation


def test_segments_numbering_schemes() -> None:
    text = "第一条 概述\n1.1 名称：X\n1.2 目标：Y，详见1.1条。\n第二条 费用\n2.1 费用如下：\n（1）首期\n（2）尾款\n"
    assert labels(text) == ["1", "1.1", "1.2", "2", "2.1"]


def test_segments_chinese_items_and_three_levels() -> None:
    assert labels("一、项目\n（一）名称：X\n（二）目标\n二、费用\n（一）总额\n1. 首期\n2. 尾款\n") == ["1", "1.1", "1.2", "2", "2.1"]
    assert labels("第一条 项目\n1.1 名称\n1.2 数据\n1.2.1 首批数据\n1.2.2 第二批\n1.3 其他\n")[-4:] == ["1.2", "1.2.1", "1.2.2", "1.3"]
    assert labels("第一条 项目\n一、名称\n二、目标\n第二条 费用\n一、总额\n") == ["1", "1.1", "1.2", "2", "2.1"]


def test_dates_and_cross_references_are_not_clause_numbers() -> None:
    text = "前言。第一条 项目1.1名称:X。1.2目标:见第一条第(二)项,于2025.8.31前完成。1.3数据:详见1.2条。"
    assert labels(text) == ["1", "1.1", "1.2", "1.3"]


def test_signature_block_and_appendix() -> None:
    got = labels("第一条 项目\n1.1 名称：X\n甲方（盖章）：A公司\n附件一 付款计划\n1. 首期款\n2. 尾款\n")
    assert got[-4:] == [None, "附件一", "附件一.1", "附件一.2"]


# ---------------------------------------------------------------- roles and parties


def test_roles_come_from_the_contract_not_from_jia_yi() -> None:
    r = contract("1.1 乙方应于本合同生效之日起10日内向甲方提供全部训练数据。", head=HEAD_CLIENT_FIRST)
    assert r.contract.client == "苏州委托制造有限公司"
    assert r.contract.provider == "南京受托智能科技有限公司"
    assert obligations(r, "other") and not obligations(r, "data_delivery")  # 乙方 is the provider here
    r = contract("1.1 乙方应于本合同生效之日起10日内向甲方提供全部训练数据。")
    assert obligations(r, "data_delivery")[0].party == "client"


def test_signing_date_is_the_later_one_and_effective_on_signing() -> None:
    r = contract("1.1 本合同自双方签字盖章之日起生效，有效期为六个月。")
    assert r.contract.signed_date == date(2025, 3, 3)
    assert r.contract.effective_date == date(2025, 3, 3)
    assert r.contract.expiry_date == date(2025, 9, 3)
    expiry = obligations(r, "contract_expiry")[0]
    assert expiry.trigger and expiry.trigger.offset == "P6M"


# ---------------------------------------------------------------- term, renewal, confidentiality


def test_explicit_end_date_wins_and_term_is_null() -> None:
    r = contract("1.1 本合同自2025-04-24起生效，合同期限自2025-04-24起至2026-04-23止。\n1.2 合同期满前60日，双方应协商续约。")
    assert r.contract.term is None and r.contract.expiry_date == date(2026, 4, 23)
    assert r.contract.renewal_notice == "P60D" and r.contract.renewal_notice_deadline == date(2026, 2, 22)
    assert obligations(r, "contract_expiry")[0].trigger is None


def test_compound_term_and_perpetual_confidentiality() -> None:
    r = contract("1.1 本合同自双方签字盖章之日起生效，有效期为一年六个月。", "2.1 保密期限为本合同有效期内及合同终止后永久有效。")
    assert r.contract.term == "P1Y6M"
    assert r.contract.confidentiality_term is None and r.contract.confidentiality_expiry is None
    assert [w.code for w in r.warnings] == ["perpetual_confidentiality"]


# ---------------------------------------------------------------- money


def test_capital_amount_and_mismatch_prefers_capital_unless_stated() -> None:
    art = "1.1 本合同服务费用总额为人民币捌拾万元整（¥800,000.00）。\n1.2 乙方应于2025年6月30日前支付人民币叁拾万元整（¥350,000.00）。"
    r = contract(art)
    assert r.contract.total_fee == Decimal("800000")
    pay = obligations(r, "payment")[0]
    assert pay.amount == Decimal("300000") and pay.due_date == date(2025, 6, 30)
    assert "amount_mismatch" in [w.code for w in r.warnings]
    r = contract(art + "\n1.3 大写与小写不一致的，以小写金额为准。")
    assert obligations(r, "payment")[0].amount == Decimal("350000")


def test_percentage_instalments_are_computed_from_the_total() -> None:
    r = contract("1.1 本合同服务费用总额为人民币500,000元，分两期支付：\n（1）本合同生效之日起15日内，乙方支付合同总额的30%；\n（2）模型验收合格后，乙方支付合同总额的百分之七十。")
    amounts = sorted(o.amount for o in obligations(r, "payment"))
    assert amounts == [Decimal("150000.00"), Decimal("350000.00")]
    after = next(o for o in obligations(r, "payment") if o.trigger and o.trigger.event == "acceptance")
    assert after.trigger.offset == "P0D" and after.due_date is None


def test_instalments_not_adding_up_warn() -> None:
    r = contract("1.1 本合同服务费用总额为人民币500,000元。乙方应于2025年6月30日前支付人民币100,000元。")
    assert [w.code for w in r.warnings] == ["amount_mismatch", "missing_field"]  # and no term at all
    assert "no contract term" in (r.warnings[1].message or "")


# ---------------------------------------------------------------- deadlines


def test_event_relative_deadlines_resolve_or_wait() -> None:
    r = contract(
        "1.1 本合同自双方签字盖章之日起生效。",
        "2.1 甲方应于模型交付之日起5个工作日内向乙方提交模型评估报告。\n2.2 甲方应于本合同生效之日起五个月内完成模型训练并交付模型。",
    )
    report = obligations(r, "evaluation_report")[0]
    assert report.due_date is None and report.trigger.event == "model_delivery" and report.trigger.business_days
    model = obligations(r, "model_delivery")[0]
    assert model.due_date == date(2025, 8, 4)  # 2025-08-03 is a Sunday: rolled forward


def test_chain_triggers_on_the_last_event_and_retention() -> None:
    r = contract("1.1 付款计划如下：\n第二期：模型验收合格且乙方开具发票后10个工作日内支付60%；\n第三期：质保金，模型验收合格满一年后支付10%。")
    events = sorted((o.trigger.event, o.trigger.offset) for o in obligations(r, "payment"))
    assert events == [("acceptance", "P1Y"), ("invoice", "P10D")]


def test_fixed_dates_do_not_move() -> None:
    r = contract("1.1 甲方应于2025年7月20日前完成模型训练，并向乙方交付模型。")
    assert obligations(r, "model_delivery")[0].due_date == date(2025, 7, 20)  # a Sunday, stays


def test_recurrences() -> None:
    r = contract("1.1 本合同自2025年9月22日起生效。", "2.1 甲方应于每月最后一个工作日前向乙方提交书面进度报告。\n2.2 甲方应于每周五向乙方提交项目周报。")
    rules = sorted((o.recurrence, o.due_date) for o in obligations(r, "progress_report"))
    assert rules == [("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", date(2025, 9, 30)), ("FREQ=WEEKLY;BYDAY=FR", date(2025, 9, 26))]


def test_business_days_into_an_uncovered_year_warn() -> None:
    r = contract("1.1 本合同自2026年12月20日起生效。", "2.1 乙方应于本合同生效之日起20个工作日内支付人民币1,000元。")
    assert "calendar_out_of_range" in [w.code for w in r.warnings]
    assert obligations(r, "payment")[0].due_date.year == 2027


# ---------------------------------------------------------------- penalties


def test_penalties_rates_caps_and_thresholds() -> None:
    r = contract(
        "1.1 若甲方未能按时完成模型训练任务，每逾期一日，应按合同总额的万分之五支付违约金，累计不超过合同总额的20%。\n"
        "1.2 若乙方未能按时支付服务费用，每月按逾期金额的1.5%支付违约金。逾期超过三十日，甲方有权解除合同。\n"
        "1.3 任何一方违反保密义务，应向对方支付违约金人民币十万元。",
    )
    p = {x.kind: x for x in r.contract.penalties}
    assert (p["late_delivery"].rate, p["late_delivery"].per, p["late_delivery"].basis) == (Decimal("0.0005"), "day", "total_fee")
    assert p["late_delivery"].cap.rate == Decimal("0.20")
    assert (p["late_payment"].rate, p["late_payment"].per, p["late_payment"].suspend_after_days) == (Decimal("0.015"), "month", 30)
    assert p["confidentiality_breach"].amount == Decimal("100000")


def test_blank_examples_are_not_read_as_values() -> None:
    r = contract("1.1 若乙方未能按时支付服务费用，每逾期一日，应支付逾期付款部分[请填写违约金比例，例如：千分之五]的违约金。")
    late = r.contract.penalties[0]
    assert late.rate is None and late.per == "day" and late.basis == "overdue_amount"
    assert [w.code for w in r.warnings] == ["unfilled_blank"]
    assert r.warnings[0].quote == "[请填写违约金比例，例如：千分之五]"


# ---------------------------------------------------------------- English


def test_english_roles_from_definitions() -> None:
    text = (
        "Party A (the Client): Alpha Trading Co., Ltd.\nParty B (the Service Provider): Beta AI Co., Ltd.\n\n"
        "Article 1 Overview\n1.1 Project Name: Demo Model Project\n"
        "1.2 Party A shall deliver the Training Data to Party B within five (5) business days after the Effective Date.\n"
        "Article 2 Term\n2.1 This Agreement shall take effect on 1 March 2026 and shall remain in force until December 31, 2026.\n"
        "Article 3 Fees\n3.1 The total service fee is RMB 100,000. Party A shall pay 50% within ten (10) days after the Effective Date.\n"
    )
    r = parse_text(text, "e.txt")
    assert r.source.language == "en"
    assert (r.contract.client, r.contract.provider) == ("Alpha Trading Co., Ltd.", "Beta AI Co., Ltd.")
    assert r.contract.effective_date == date(2026, 3, 1) and r.contract.expiry_date == date(2026, 12, 31)
    data = obligations(r, "data_delivery")[0]
    assert data.party == "client" and data.due_date == date(2026, 3, 6)
    pay = obligations(r, "payment")[0]
    assert pay.amount == Decimal("50000.00") and pay.due_date == date(2026, 3, 11)


def test_impossible_dates_and_disagreeing_totals_warn() -> None:
    r = contract(
        "1.1 甲方应于2025年2月30日前完成模型训练并交付模型。",
        "2.1 本合同服务费用总额为人民币500,000元。",
        "3.1 本合同服务费用总额为人民币600,000元。",
    )
    codes = sorted((w.code, w.clause) for w in r.warnings)
    assert ("unparsed_date", "1.1") in codes
    assert [c for c in codes if c[0] == "ambiguous"] == [("ambiguous", "2.1"), ("ambiguous", "3.1")]
    assert r.contract.total_fee == Decimal("500000")  # the first statement is kept, both are flagged
    assert not obligations(r, "model_delivery")  # no date could be read, so no dated obligation
