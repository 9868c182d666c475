"""Chinese contracts of other shapes, one mechanism per test (rules_zh with lexicon_zh,
amendments_zh and the 民国 range end): each sentence here is worded unlike the corpus files."""

from __future__ import annotations

from datetime import date

from tracker.parse import parse_text

CLIENT_FIRST = "委托方（甲方）：苏州委托制造有限公司\n受托方（乙方）：南京受托智能科技有限公司\n\n"
SIGN = "\n\n甲方（盖章）：某公司\n日期：2025年3月3日\n乙方（盖章）：某公司\n日期：2025年3月3日\n"  # a Monday


def parse(body: str, head: str = CLIENT_FIRST, sign: str = SIGN):  # type: ignore[no-untyped-def]
    return parse_text(head + body + sign, "t.txt")


def only(result, kind: str):  # type: ignore[no-untyped-def]
    found = [o for o in result.obligations if o.kind == kind]
    assert len(found) == 1, [(o.kind, o.quote) for o in result.obligations]
    return found[0]


def test_articles_titled_after_a_performance_deadline_are_read() -> None:
    r = parse("第一条 交付期限\n1、甲方应于合同签订后5个工作日内向乙方提供历史工单资料。\n"
              "第二条 付款时间\n1、甲方应于2025年4月30日前支付全部价款人民币10万元。\n"
              "第三条 合同期限\n1、本合同有效期为一年。乙方应于合同期满前一个月通知甲方是否续约。\n")
    assert only(r, "data_delivery").due_date == date(2025, 3, 10)
    assert only(r, "payment").due_date == date(2025, 4, 30)


def test_taiwan_working_and_calendar_days() -> None:
    r = parse("第一條 履約期限\n一、甲方應於簽約之日起五個工作天內提供標註資料予乙方。\n"
              "二、乙方應於簽約之次日起三十日曆天內完成平台開發並交付甲方。\n")
    data = only(r, "data_delivery")
    assert data.trigger is not None and (data.trigger.offset, data.trigger.business_days) == ("P5D", True)
    model = only(r, "model_delivery")
    assert model.trigger is not None and (model.trigger.event, model.trigger.offset, model.trigger.business_days) \
        == ("signing", "P30D", False)
    assert model.due_date == date(2025, 4, 2)


def test_a_series_that_states_its_start() -> None:
    r = parse("第一条 报告\n1、乙方应自合同签订之次月起，于每月十日前向甲方提交上月进度报告。\n")
    report = only(r, "progress_report")
    assert (report.recurrence, report.due_date) == ("FREQ=MONTHLY;BYMONTHDAY=10", date(2025, 4, 10))


def test_quarter_end_recurrence() -> None:
    r = parse("第一条 报告\n1、乙方应于每季度最后一日前向甲方提交季度服务报告。\n")
    report = only(r, "progress_report")
    assert (report.recurrence, report.due_date) == ("FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", date(2025, 3, 31))


def test_supplementary_agreement_after_the_signatures_redates_a_deadline() -> None:
    body = "第一条 交付\n1、乙方应于2025年8月31日前交付训练完成的模型。\n2、乙方应于模型交付后5个工作日内提交评估报告。\n"
    supplement = ("\n补充协议\n一、经双方协商，第1.1条约定的模型交付日期由2025年8月31日调整为2025年9月30日。\n"
                  "二、本补充协议自双方盖章之日起生效。\n")
    r = parse(body, sign=SIGN + supplement)
    model = only(r, "model_delivery")
    assert (model.due_date, model.clause) == (date(2025, 9, 30), "补充协议.1")
    assert "调整为2025年9月30日" in model.quote
    assert only(r, "evaluation_report").clause == "1.2"


def test_roc_range_end_and_warranty_period_are_not_the_term() -> None:
    r = parse("第一條 契約期間\n一、本契約期間自中華民國一一四年三月一日起至一一四年十二月三十一日止。\n"
              "第二條 保固\n一、保固期間自驗收合格之日起二年。\n")
    assert (r.contract.term, r.contract.expiry_date) == (None, date(2025, 12, 31))
    assert only(r, "contract_expiry").clause == "1.1"


def test_supplier_and_buyer_without_jia_yi() -> None:
    r = parse("第一条 供货\n1.1 供方应于2025年5月31日前完成系统部署上线。\n",
              head="需方：成都某某物流有限公司\n供方：四川某某软件有限公司\n\n", sign="\n\n需方（盖章）：\n供方（盖章）：\n")
    assert (r.contract.client, r.contract.provider) == ("成都某某物流有限公司", "四川某某软件有限公司")
    assert only(r, "model_delivery").due_date == date(2025, 5, 31)


def test_retention_after_a_warranty_defined_in_another_clause() -> None:
    r = parse("第一条 质量保证\n1、质保期为终验合格之日起六个月。\n"
              "第二条 付款\n1、付款方式如下：\n2、质保金：质保期届满后，甲方支付合同总价的5%，即人民币5,000元。\n")
    pay = only(r, "payment")
    assert pay.trigger is not None and (pay.trigger.event, pay.trigger.offset) == ("acceptance", "P6M")


def test_system_delivery_is_the_model_delivery_event() -> None:
    r = parse("第一条 交付\n1、乙方应于平台上线后七个工作日内出具验收测试报告。\n"
              "2、甲方应于系统交付之日起30日内支付第二期款人民币3万元。\n")
    report = only(r, "evaluation_report")
    assert report.trigger is not None and (report.trigger.event, report.trigger.offset, report.trigger.business_days) \
        == ("model_delivery", "P7D", True)
    pay = only(r, "payment")
    assert pay.trigger is not None and pay.trigger.event == "model_delivery"


def test_a_hand_over_duty_inside_a_confidentiality_article() -> None:
    r = parse("第一条 合同期限\n1、本合同有效期为六个月。\n第二条 保密\n1、保密期限为合同终止后三年。\n"
              "2、合同终止后10日内，乙方应返还甲方提供的全部资料并删除副本。\n")
    back = only(r, "other")
    assert back.trigger is not None and (back.trigger.event, back.trigger.offset) == ("expiry", "P10D")
    assert back.due_date == date(2025, 9, 15)  # expiry 2025-09-03 + 10 days = Saturday 09-13 → Monday


def test_an_amendment_that_restates_the_clause() -> None:
    body = "第一条 交付与付款\n1.1 乙方应于2025年8月31日前交付训练完成的模型。\n1.2 甲方应于2025年3月31日前支付首期款人民币10万元。\n"
    r = parse(body, sign=SIGN + "\n补充协议\n1. 将原合同第一条第1款修改为：乙方应于2025年10月31日前交付模型。\n")
    model = only(r, "model_delivery")
    assert (model.due_date, model.clause) == (date(2025, 10, 31), "补充协议.1")
    assert only(r, "payment").due_date == date(2025, 3, 31)  # a clause the amendment does not name stays
