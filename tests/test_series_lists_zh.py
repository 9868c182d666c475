"""Payment lists, series bounds and short party names, read through the whole parser.

Each contract here is a few lines written for the case; the expected values are worked out by
hand (dates with their weekdays in the comments).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.parse import parse_text

HEAD = "技术服务合同\n\n委托方（甲方）：上海青禾医疗科技有限公司\n受托方（乙方）：北京云帆科技有限公司\n\n"
SIGN = "\n\n甲方（盖章）：上海青禾医疗科技有限公司\n日期：2026年3月2日\n乙方（盖章）：北京云帆科技有限公司\n日期：2026年3月2日\n"


def _parse(body: str):  # type: ignore[no-untyped-def]
    return parse_text(HEAD + body + SIGN, "t.txt")


def test_one_sentence_listing_three_instalments_is_three_payments() -> None:
    r = _parse("第一条 付款\n1.1 甲方应于每批数据验收合格之日起10个工作日内支付该批次服务费：第一批人民币96,000.00元，"
               "第二批人民币144,000.00元，第三批人民币240,000.00元。\n")
    pays = [o for o in r.obligations if o.kind == "payment"]
    assert [p.amount for p in pays] == [Decimal("96000.00"), Decimal("144000.00"), Decimal("240000.00")]
    assert all(p.trigger is not None and p.trigger.event == "acceptance" and p.trigger.offset == "P10D"
               and p.trigger.business_days for p in pays)
    assert all(p.due_date is None and p.party == "client" for p in pays)


def test_a_total_and_one_instalment_are_not_a_list() -> None:
    r = _parse("第一条 付款\n1.1 合同总价人民币100,000.00元，甲方应于本合同生效之日起10日内支付首付款人民币30,000.00元。\n")
    pays = [o for o in r.obligations if o.kind == "payment"]
    assert [p.amount for p in pays] == [Decimal("30000.00")]


def test_series_starts_at_the_month_written_out() -> None:
    # signed and effective 2026-03-02; "自2026年5月起，每月5日前": first report 2026-05-05, not 2026-03-05
    r = _parse("第一条 报告\n1.1 乙方应自2026年5月起，于每月5日前向甲方提交上月工作报告。\n")
    rep = next(o for o in r.obligations if o.kind == "progress_report")
    assert rep.recurrence == "FREQ=MONTHLY;BYMONTHDAY=5" and rep.due_date == date(2026, 5, 5)


def test_roc_year_series_start() -> None:
    r = _parse("第一条 报告\n1.1 乙方應自民國115年4月起，於每月五日前提送上月工作月報。\n")
    rep = next(o for o in r.obligations if o.recurrence)
    assert rep.due_date == date(2026, 4, 5)  # 民國115年 = 2026


def test_first_and_last_instalment_bound_a_monthly_fee_billed_in_arrears() -> None:
    r = _parse("第一条 期限\n1.1 本合同服务期自2026年4月1日起至2027年3月31日止，共十二个月。\n"
               "第二条 费用\n2.1 本合同费用总额为人民币1,052,000.00元。\n"
               "2.2 开通费为人民币20,000.00元，甲方应于本合同生效之日起10日内支付。\n"
               "2.3 月度服务费为每月人民币86,000.00元，按月后付：甲方应于每月15日前支付上一自然月的月度服务费。"
               "首期月度服务费于2026年5月15日前支付，末期月度服务费于2027年4月15日前支付。\n")
    pays = [o for o in r.obligations if o.kind == "payment"]
    monthly = [p for p in pays if p.recurrence]
    assert len(pays) == 2 and len(monthly) == 1
    assert monthly[0].due_date == date(2026, 5, 15) and monthly[0].amount == Decimal("86000.00")
    assert r.contract.term == "P12M" and r.contract.expiry_date == date(2027, 3, 31)
    # 20,000 + 12 × 86,000 = 1,052,000: the instalments add up, so no amount_mismatch
    assert not [w for w in r.warnings if w.code == "amount_mismatch"]


def test_short_names_defined_by_the_contract_act_as_parties() -> None:
    text = ("勞務採購契約\n\n機關：臺中市政府數位治理局（以下簡稱機關）\n廠商：台灣語匯智能股份有限公司（以下簡稱廠商）\n\n"
            "第一條 履約\n一、廠商應於簽約日起十五日曆天內提送工作計畫書予機關。\n"
            "二、機關應於簽約日起十個工作天內提供歷史通話錄音予廠商。\n\n"
            "機關（蓋章）：臺中市政府數位治理局\n日期：2026年3月2日\n廠商（蓋章）：台灣語匯智能股份有限公司\n日期：2026年3月2日\n")
    r = parse_text(text, "t.txt")
    assert r.contract.client == "臺中市政府數位治理局" and r.contract.provider == "台灣語匯智能股份有限公司"
    assert r.contract.signed_date == date(2026, 3, 2)
    by_kind = {o.kind: o for o in r.obligations}
    assert by_kind["other"].party == "provider" and by_kind["other"].due_date == date(2026, 3, 17)
    assert by_kind["data_delivery"].party == "client"


def test_milestones_referred_to_by_number_take_the_event_the_annex_defines() -> None:
    text = (HEAD + "第一条 进度\n1.1 乙方应按照附件二确定的里程碑日期完成各阶段工作。\n"
            "1.2 乙方应于里程碑M2完成之日起十个工作日内，向甲方提交系统性能测试报告。\n"
            "第二条 付款\n2.1 里程碑M2完成之日起十五日内，甲方向乙方支付人民币300,000.00元。\n"
            "2.2 人民币100,000.00元作为质保金，于里程碑M4达成后由甲方无息支付。\n"
            + SIGN + "\n附件二 项目里程碑计划\n\n编号  里程碑内容                    完成时限\n"
            "M1    提交需求规格说明书并经甲方书面确认   二〇二六年五月二十九日前\n"
            "M2    本系统开发完成并部署（系统交付）     二〇二六年九月三十日前\n"
            "M4    质保期届满（终验合格之日起十二个月）  —\n")
    r = parse_text(text, "t.txt")
    report = next(o for o in r.obligations if o.kind == "evaluation_report")
    assert report.trigger is not None and (report.trigger.event, report.trigger.offset) == ("model_delivery", "P10D")
    assert report.trigger.business_days
    pays = {o.amount: o for o in r.obligations if o.kind == "payment"}
    m2 = pays[Decimal("300000.00")].trigger
    m4 = pays[Decimal("100000.00")].trigger
    assert m2 is not None and (m2.event, m2.offset) == ("model_delivery", "P15D")
    assert m4 is not None and (m4.event, m4.offset) == ("acceptance", "P12M")
    rows = [o for o in r.obligations if o.clause and o.clause.startswith("附件")]
    assert {(o.kind, o.party, o.due_date) for o in rows} == {("other", "provider", date(2026, 5, 29)),
                                                            ("model_delivery", "provider", date(2026, 9, 30))}


def test_project_weeks_resolve_a_gantt_table_and_a_weekly_series() -> None:
    # 开工日 2026-03-02 is a Monday: week 1 runs 03-02..03-08, 第2周末 (Friday) = 03-13, 第14周末 = 06-05
    body = ("第一条 术语\n1.1 开工日：2026年3月2日。\n1.2 以开工日所在周为第1周，每周自星期一起算。本合同所称“第N周末”，指第N周的星期五。\n"
            "第二条 进度\n2.1 双方按下表完成各项任务：\n\n| 序号 | 任务 | 责任方 | 完成节点 | 交付物 |\n|---|---|---|---|---|\n"
            "| 1 | 样本图像提供 | 甲方 | 第2周末 | 已标注样本图像 |\n| 2 | 模型训练与系统开发 | 乙方 | 第14周末 | 系统V1.0及部署包 |\n\n"
            "2.2 自第1周起，乙方应于每周五前提交项目周报。\n")
    r = _parse(body)
    got = {(o.kind, o.party, o.due_date) for o in r.obligations if o.clause == "2.1"}
    assert got == {("data_delivery", "client", date(2026, 3, 13)), ("model_delivery", "provider", date(2026, 6, 5))}
    weekly = next(o for o in r.obligations if o.recurrence)
    assert weekly.recurrence == "FREQ=WEEKLY;BYDAY=FR" and weekly.due_date == date(2026, 3, 6)


def test_week_numbers_without_the_contracts_definition_stay_unresolved() -> None:
    body = ("第二条 进度\n2.1 双方按下表完成各项任务：\n\n| 序号 | 任务 | 责任方 | 完成节点 |\n|---|---|---|---|\n"
            "| 1 | 样本图像提供 | 甲方 | 第2周末 |\n")
    r = _parse(body)
    assert not [o for o in r.obligations if o.clause == "2.1" and o.due_date is not None]


def test_a_payment_table_announced_as_paid_in_four_instalments() -> None:
    body = ("第一条 期限\n1.1 本合同自2026年7月1日起生效，服务期自2026年7月1日起至2027年6月30日止。\n"
            "第二条 费用\n2.1 本合同年度运维服务费为人民币960,000元。\n2.2 服务费按季度预付，分四期支付：\n\n"
            "| 期次 | 金额（元） | 支付时间 |\n|---|---|---|\n| 第一期 | 240,000.00 | 合同生效之日起10个工作日内 |\n"
            "| 第二期 | 240,000.00 | 2026年9月25日前 |\n| 第三期 | 240,000.00 | 2026年12月25日前 |\n| 第四期 | 240,000.00 | 2027年3月25日前 |\n")
    r = _parse(body)
    pays = [o for o in r.obligations if o.kind == "payment"]
    assert [p.due_date for p in pays] == [date(2026, 7, 15), date(2026, 9, 25), date(2026, 12, 25), date(2027, 3, 25)]
    assert all(p.amount == Decimal("240000.00") for p in pays)
    assert r.contract.total_fee == Decimal("960000.00")  # a one-year contract's yearly fee is its total


def test_a_supplement_that_raises_the_total_pays_the_increase_without_a_mismatch() -> None:
    body = ("第一条 费用\n1.1 本补充协议新增服务费为人民币186,000元。新增后，主合同总价款由人民币540,000元调整为人民币726,000元。\n"
            "1.2 第一期：本补充协议生效之日起10个工作日内，甲方支付新增服务费的50%，即人民币93,000元；\n"
            "1.3 第二期：扩展模型验收合格后15日内，甲方支付新增服务费的50%，即人民币93,000元。\n")
    r = _parse(body)
    assert r.contract.total_fee == Decimal("726000.00")  # the amended total, not the one it replaces
    assert not [w for w in r.warnings if w.code == "amount_mismatch"]  # 93,000 × 2 = 726,000 − 540,000


def test_a_series_first_date_and_a_budget_ceiling() -> None:
    body = ("第一条 费用\n1.1 本协议项下年度预估服务费总额不超过人民币1,200,000元，该金额仅为预算控制上限。\n"
            "1.2 甲方应于每周五前支付上一结算周期经确认的服务费，首次结算日为2026年6月26日。\n")
    r = _parse(body)
    weekly = next(o for o in r.obligations if o.recurrence)
    assert weekly.recurrence == "FREQ=WEEKLY;BYDAY=FR" and weekly.due_date == date(2026, 6, 26)  # not 2026-03-06
    assert r.contract.total_fee is None  # a ceiling is no price


def test_a_space_aligned_annex_table_under_the_sentence_that_refers_to_it() -> None:
    body = ("第一条 采集\n1.1 乙方按附件一所列场景分三批完成采集。\n")
    annex = ("\n附件一：采集批次表\n\n"
             "批次   场景                 金额（元）    交付日期\n"
             "第一批 客厅日常动作         150,000.00   2026年4月30日前\n"
             "第二批 厨房及餐厅操作       180,000.00   2026年5月29日前\n")
    r = parse_text(HEAD + body + SIGN + annex, "t.txt")
    rows = sorted((o.kind, o.party, o.due_date) for o in r.obligations if o.clause and o.clause.startswith("附件"))
    assert rows == [("other", "provider", date(2026, 4, 30)), ("other", "provider", date(2026, 5, 29))]


def test_a_restatement_names_the_event_and_a_signature_table_dates_the_contract() -> None:
    text = ("技术服务合同\n\n委托方（甲方）：上海青禾医疗科技有限公司\n受托方（乙方）：北京云帆科技有限公司\n\n"
            "第一条 维保费\n1.1 维保费按下表支付：\n\n| 期次 | 金额（元） | 支付时间 |\n|---|---|---|\n"
            "| 第一年度维保费 | 120,000.00 | 第一个维保年度届满后30日内（即验收合格满一年后30日内） |\n\n"
            "| | 甲方 | 乙方 |\n|---|---|---|\n| 单位（盖章） | 上海青禾医疗科技有限公司 | 北京云帆科技有限公司 |\n"
            "| 日期 | 2026年4月13日 | 2026年4月13日 |\n")
    r = parse_text(text, "t.md")
    pay = next(o for o in r.obligations if o.kind == "payment")
    assert pay.trigger is not None and (pay.trigger.event, pay.trigger.offset) == ("acceptance", "P1Y30D")
    assert r.contract.signed_date == date(2026, 4, 13)


def test_a_series_from_a_written_quarter_and_an_effective_day_referred_back_to() -> None:
    from datetime import date

    from tracker.parse import parse_text

    text = ("维保续约协议\n甲方（委托方）：某数据管理中心\n乙方（维保服务方）：某智能科技有限公司\n"
            "一、期限\n（一）本协议维保期自二〇二七年一月一日起至二〇二七年十二月三十一日止，本协议自该日起生效。\n"
            "二、费用\n（一）自2027年第二季度起，甲方应于每季度首月15日前支付当季维保费人民币90,000元。\n"
            "（二）乙方应于2027年12月15日前提交年度系统健康评估报告。\n")
    doc = parse_text(text, "renewal.txt")
    assert doc.contract.effective_date == date(2027, 1, 1)  # 该日: the day the range starts
    fee = next(o for o in doc.obligations if o.kind == "payment")
    assert fee.due_date == date(2027, 4, 15)  # the second quarter's first month
    health = next(o for o in doc.obligations if "健康" in o.quote)
    assert health.kind == "other"  # a system's health check is no evaluation of the model
