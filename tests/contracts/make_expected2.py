"""Write the x08-x14 *.expected.json files of this folder. Not run by the tests; the JSON is committed.

Same method as make_expected.py (whose helpers it reuses): every date is computed with
tracker.periods, never typed, and printed with its weekday and holiday status for a hand check:

    .venv/bin/python tests/contracts/make_expected2.py [x08 ...]

Only the period module is used; nothing from tracker/parse (the expectations come from the
spec, not from the parser). x12's .docx is built by make_x12.py; run that first.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from make_expected import (  # noqa: E402  (same folder; adds the project to sys.path)
    EN_TITLES,
    HERE,
    LOG,
    ZH_TITLES,
    add_duration,
    document,
    due,
    first_occurrence,
    note,
    ob,
    pen,
    term_block,
    trig,
    warn,
)

HANT_TITLES = ("合同期限屆滿", "續約協商（期滿前通知）", "保密期屆滿")


# ----------------------------------------------------------------------------- x08
def x08() -> dict:
    name = "x08-huaxia-store-sales-forecast.md"
    LOG.append(name)
    signed = date(2025, 1, 17)
    eff = date(2025, 1, 20)  # 合同有效期限：自2025年1月20日起至2026年1月19日止
    metrics = {"accuracy": "0.85"}
    fields, derived = term_block(
        eff, None, date(2026, 1, 19), "P90D", "P3Y", ("5.1", "5.2", "6.2"),
        ("合同有效期限：自2025年1月20日起至2026年1月19日止",
         "合同届满前九十日，双方如有意继续合作，应另行协商签订续约协议",
         "保密期限自合同签订之日起至合同终止后三年"), ZH_TITLES, explicit_end=True)
    data_due, _ = due("data delivery eff+P15D (Spring Festival 2025)", eff, "P15D")
    pay1, _ = due("payment 1 eff+10 workdays", eff, "P10D", business_days=True)
    obligations = [
        ob("data_delivery", "client", "训练数据交付", data_due, trig("effective", "P15D"), "1.3",
           "交付期限：甲方应自本合同生效之日起算十五日内，将上述数据以加密介质方式交付乙方"),
        ob("model_delivery", "provider", "模型交付并提请初验", note("model delivery (fixed)", date(2025, 7, 31)), None,
           "2.3", "交付要求：乙方须在2025年7月31日之前完成模型训练，并向甲方交付模型文件、预测服务接口及部署文档"),
        ob("evaluation_report", "provider", "模型评估报告", None, trig("model_delivery", "P10D"), "2.4",
           "评估报告：乙方应于模型交付后十日内向甲方提交模型评估报告", metrics=metrics),
        ob("payment", "client", "第一笔 预付款 30%", pay1, trig("effective", "P10D", True), "4.2",
           "付款时间：合同生效之日起十个工作日内", amount="180000.00", currency="CNY"),
        ob("payment", "client", "第二笔 初验款（支付至70%）", None, trig("invoice", "P15D"), "4.2",
           "付款时间：模型初验通过且甲方收到乙方开具的合规发票后十五日内", amount="240000.00", currency="CNY"),
        ob("payment", "client", "第三笔 终验款（支付至95%）", None, trig("acceptance", "P0D"), "4.2",
           "付款时间：模型终验通过后", amount="150000.00", currency="CNY"),
        ob("payment", "client", "第四笔 质保金 5%", None, trig("acceptance", "P12M"), "4.2",
           "付款时间：自终验通过之日起满十二个月后", amount="30000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "连锁商超门店销量预测模型训练项目",
        "provider": "青岛海数智能科技有限公司",
        "client": "华夏万家连锁超市股份有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "600000.00", "copies": 2,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.0005", per="day", basis="total_fee",
                cap={"rate": "0.10", "basis": "total_fee"}),
            pen("late_payment", "7.2", rate="0.0005", per="day", basis="overdue_amount", suspend=60),
            pen("confidentiality_breach", "7.3", amount="150000.00"),
        ],
    }
    return document(name, "zh-Hans", contract, obligations, [])


# ----------------------------------------------------------------------------- x09
def x09() -> dict:
    name = "x09-jinxin-card-fraud.txt"
    LOG.append(name)
    signed = date(2026, 9, 11)
    eff = signed  # 自双方法定代表人签字并加盖公章之日起生效
    metrics = {"recall": "0.92", "f1": "0.90"}
    fields, derived = term_block(
        eff, "P1Y", add_duration(eff, "P1Y"), "P4W", "P5Y", ("18", "19", "21"),
        ("本合同自双方法定代表人签字并加盖公章之日起生效。本合同期限为壹年",
         "本合同期限届满前四周，如双方均有意继续合作，应另行协商签订续约协议",
         "保密义务在本合同终止后五年内持续有效"), ZH_TITLES)
    data_due, _ = due("data delivery signing+7 workdays (make-up Sun 09-20)", signed, "P7D", business_days=True)
    pay1, _ = due("payment Q1 eff+P15D (Mid-Autumn 2026)", eff, "P15D")
    quarterly = "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15"
    first_report = note("quarterly report first occurrence", first_occurrence(quarterly, eff))
    obligations = [
        ob("data_delivery", "client", "开放训练数据", data_due, trig("signing", "P7D", True), "3",
           "甲方须自本合同签署之日起七个工作日内，在甲方数据安全实验室内向乙方开放脱敏后的训练数据"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed)", date(2026, 12, 31)), None, "6",
           "乙方交付训练完成的模型及部署文档的时间最晚不得晚于2026年12月31日"),
        ob("evaluation_report", "provider", "评估报告（随模型交付）", None, trig("model_delivery", "P0D"), "7",
           "乙方应在交付模型的同时向甲方提交模型评估报告", metrics=metrics),
        ob("progress_report", "provider", "季度服务报告", first_report, None, "17",
           "乙方应于每季度结束后十五日内向甲方提交季度服务报告", recurrence=quarterly),
        ob("payment", "client", "第一季度服务费", pay1, trig("effective", "P15D"), "12",
           "第一季度服务费，甲方应于本合同生效之日起十五日内支付", amount="120000.00", currency="CNY"),
        ob("payment", "client", "第二季度服务费", note("payment Q2 (fixed)", date(2026, 12, 10)), None, "12",
           "第二季度服务费，甲方应于2026年12月10日前支付", amount="120000.00", currency="CNY"),
        ob("payment", "client", "第三季度服务费", note("payment Q3 (fixed)", date(2027, 3, 10)), None, "12",
           "第三季度服务费，甲方应于2027年3月10日前支付", amount="120000.00", currency="CNY"),
        ob("payment", "client", "第四季度服务费", note("payment Q4 (fixed)", date(2027, 6, 10)), None, "12",
           "第四季度服务费，甲方应于2027年6月10日前支付", amount="120000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "信用卡交易实时反欺诈模型训练项目",
        "provider": "武汉长江云图数据科技有限公司",
        "client": "郑州金鑫农村商业银行股份有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "480000.00", "copies": 8,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "24", rate="0.001", per="day", basis="total_fee",
                cap={"rate": "0.15", "basis": "total_fee"}),
            pen("late_payment", "25", rate="0.001", per="day", basis="overdue_amount", suspend=20),
            pen("confidentiality_breach", "26", amount="300000.00"),
        ],
    }
    return document(name, "zh-Hans", contract, obligations, [])


# ----------------------------------------------------------------------------- x10
def x10() -> dict:
    name = "x10-huiyan-catch-species.txt"
    LOG.append(name)
    signed = date(2025, 3, 28)
    eff = signed  # 本合同自双方签署之日起生效
    metrics = {"accuracy": "0.95", "recall": "0.90"}
    fields, derived = term_block(
        eff, "P12M", add_duration(eff, "P12M"), "P1M", "P2Y", ("5.1", "5.2", "6.2"),
        ("本合同自双方签署之日起生效，服务期为自生效之日起１２个月",
         "服务期届满前１个月，如双方均有意继续合作，应另行协商签订续约协议",
         "【保密期限】本合同有效期内及终止后２年"), ZH_TITLES)
    data_due, _ = due("data delivery eff+P7D (Qingming 2025)", eff, "P7D")
    pay1, _ = due("payment 1 eff+10 workdays (Qingming 2025)", eff, "P10D", business_days=True)
    monthly = "FREQ=MONTHLY;BYMONTHDAY=5"
    first_report = note("monthly report first occurrence (not moved)", first_occurrence(monthly, eff))
    obligations = [
        ob("data_delivery", "client", "训练数据交付", data_due, trig("effective", "P7D"), "1.4",
           "乙方应在本合同生效后７日内，向甲方交付不少于２０００小时的甲板监控视频及对应的物种标注清单"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed)", date(2025, 9, 30)), None, "2.3",
           "于２０２５年９月３０日之前向乙方交付训练完成的模型及船端部署包"),
        ob("evaluation_report", "provider", "评估报告", None, trig("model_delivery", "P10D", True), "2.4",
           "甲方应自模型交付之日起算１０个工作日内向乙方提交评估报告", metrics=metrics),
        ob("progress_report", "provider", "月度进展报告", first_report, None, "3.5",
           "甲方应于每月５日前向乙方书面报告上月工作进展", recurrence=monthly),
        ob("payment", "client", "首付款 40%", pay1, trig("effective", "P10D", True), "4.2",
           "合同生效后１０个工作日内，支付合同金额的４０％，计人民币３５．４万元", amount="354000.00", currency="CNY"),
        ob("payment", "client", "第二期 40%", None, trig("invoice", "P15D"), "4.2",
           "收到甲方开具的增值税专用发票后１５日内，支付合同金额的４０％，计人民币３５．４万元",
           amount="354000.00", currency="CNY"),
        ob("payment", "client", "尾款 20%", None, trig("acceptance", "P30D"), "4.2",
           "模型验收通过后３０日内，支付合同金额的２０％，计人民币１７．７万元", amount="177000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "远洋渔获物种智能识别模型训练项目",
        "provider": "浙江慧眼图灵科技有限公司",
        "client": "舟山海洋渔业集团有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "885000.00", "copies": 2,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.0005", per="day", basis="total_fee",
                cap={"rate": "0.05", "basis": "total_fee"}),
            pen("late_payment", "7.2", rate="0.12", per="year", basis="overdue_amount", suspend=90),
            pen("confidentiality_breach", "7.3", amount="500000.00"),
        ],
    }
    return document(name, "zh-Hans", contract, obligations, [])


# ----------------------------------------------------------------------------- x11
def x11() -> dict:
    name = "x11-harbourline-claims-asr.en.txt"
    LOG.append(name)
    signed = date(2026, 4, 22)  # the later of "the 20th of April 2026" and 2026-04-22
    eff = date(2026, 5, 1)  # commences on 2026-05-01 (the "Commencement Date")
    metrics = {"accuracy": "0.93", "f1": "0.90"}
    fields, derived = term_block(
        eff, "P1Y", add_duration(eff, "P1Y"), "P90D", None, ("5.1", "5.2", "6.2"),
        ("This Agreement commences on 2026-05-01 (the \"Commencement Date\") and continues for an initial term of "
         "one (1) year",
         "they shall begin renewal negotiations at least ninety (90) days prior to the expiry of the initial term",
         ""), EN_TITLES)
    plan_due, _ = due("project plan eff+10 business days (Labour Day 2026, make-up Sat 05-09)", eff, "P10D",
                      business_days=True)
    monthly = "FREQ=MONTHLY;BYDAY=-1FR"
    first_report = note("monthly update first occurrence", first_occurrence(monthly, eff))
    obligations = [
        ob("data_delivery", "client", "Training data delivery", note("data delivery (fixed)", date(2026, 5, 15)), None,
           "1.3", "The Customer shall deliver the de-identified call recordings and transcripts on or before the 15th "
           "of May 2026"),
        ob("other", "provider", "Written project plan", plan_due, trig("effective", "P10D", True), "2.1",
           "The Supplier shall deliver a written project plan to the Customer within ten (10) Business Days after "
           "the Commencement Date"),
        ob("model_delivery", "provider", "Model delivery", None, trig("data_delivery", "P120D"), "2.3",
           "shall deliver the trained Model and its deployment guide within one hundred and twenty (120) days of "
           "receipt of the complete Training Data"),
        ob("evaluation_report", "provider", "Evaluation report", None, trig("model_delivery", "P5D", True), "2.4",
           "The Supplier shall issue its evaluation report within five (5) Business Days following delivery of the "
           "Model", metrics=metrics),
        ob("progress_report", "provider", "Monthly progress update", first_report, None, "3.5",
           "shall send the Customer a written progress update by the last Friday of each calendar month",
           recurrence=monthly),
        ob("payment", "client", "Instalment (i) 30%", None, trig("invoice", "P30D"), "4.2",
           "USD 36,000.00 (30%) within thirty (30) calendar days of receipt of a valid invoice issued by the "
           "Supplier after the Commencement Date", amount="36000.00", currency="USD"),
        ob("payment", "client", "Instalment (ii) 40%", note("payment (ii) fixed", date(2026, 6, 30)), None, "4.2",
           "USD 48,000.00 (40%) no later than June 30, 2026", amount="48000.00", currency="USD"),
        ob("payment", "client", "Instalment (iii) 30%", None, trig("acceptance", "P15D", True), "4.2",
           "USD 36,000.00 (30%) within fifteen (15) Business Days after Final Acceptance of the Model",
           amount="36000.00", currency="USD"),
        *derived,
    ]
    contract = {
        "title": "Claims Hotline Cantonese-English Speech Recognition Model Training Project",
        "provider": "SUZHOU DEEPWAVE ARTIFICIAL INTELLIGENCE CO., LTD.",
        "client": "HARBOURLINE INSURANCE (ASIA) LIMITED",
        "signed_date": signed.isoformat(), **fields,
        "currency": "USD", "total_fee": "120000.00", "copies": 3,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.001", per="day", basis="total_fee",
                cap={"rate": "0.10", "basis": "total_fee"}),
            pen("late_payment", "7.2", rate="0.18", per="year", basis="overdue_amount", suspend=30),
            pen("confidentiality_breach", "7.3", amount="50000.00"),
        ],
    }
    warnings = [warn("perpetual_confidentiality", "6.2",
                     "The obligations in this Clause 6 shall survive indefinitely after the expiry or termination of "
                     "this Agreement")]
    return document(name, "en", contract, obligations, warnings)


# ----------------------------------------------------------------------------- x12
def x12() -> dict:
    name = "x12-meiju-service-dispatch.docx"
    LOG.append(name)
    signed = date(2025, 5, 16)
    eff = signed
    metrics = {"accuracy": "0.88", "recall": "0.80"}
    fields, derived = term_block(
        eff, "P24M", add_duration(eff, "P24M"), "P30D", "P4Y", ("5.1", "5.2", "6.2"),
        ("本合同自双方签署之日起生效，有效期为二十四个月",
         "合同期满前三十个日历日，如双方均有意继续合作，应另行协商签订续约协议",
         "保密期限至本合同终止之日起满四年"), ZH_TITLES)
    data_due, _ = due("data delivery eff+P15D (Dragon Boat 2025)", eff, "P15D")
    model_due, _ = due("model delivery eff+P4M", eff, "P4M")
    pay1, _ = due("payment 1 eff+15 workdays (Dragon Boat 2025)", eff, "P15D", business_days=True)
    obligations = [
        ob("data_delivery", "client", "训练数据交付", data_due, trig("effective", "P15D"), "1.3",
           "甲方应于本合同生效之日起15日内向乙方交付近两年的售后工单及处理记录"),
        ob("model_delivery", "provider", "模型交付", model_due, trig("effective", "P4M"), "2.3",
           "乙方应于本合同生效之日起四个月内完成模型训练，并向甲方交付模型及接口文档"),
        ob("evaluation_report", "provider", "评估报告", None, trig("model_delivery", "P10D"), "2.4",
           "乙方应于模型交付后10日内向甲方提交评估报告", metrics=metrics),
        ob("payment", "client", "首期款 30%", pay1, trig("effective", "P15D", True), "3.2",
           "（1）首期款：本合同生效后15个工作日内，甲方支付合同总价的30%，即人民币315,000.00元",
           amount="315000.00", currency="CNY"),
        ob("payment", "client", "第二期款 40%", None, trig("invoice", "P20D"), "3.2",
           "（2）第二期款：乙方交付模型且甲方收到乙方开具的等额发票后20日内，甲方支付合同总价的40%，即人民币420,000.00元",
           amount="420000.00", currency="CNY"),
        ob("payment", "client", "尾款 30%", None, trig("acceptance", "P30D"), "3.2",
           "（3）尾款：模型终验合格后30日内，甲方支付合同总价的30%，即人民币315,000.00元",
           amount="315000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "家电售后工单智能分派模型训练项目",
        "provider": "深圳前海知行智能科技有限公司",
        "client": "佛山顺德美居家电股份有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "1050000.00", "copies": 6,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.002", per="day", basis="delayed_amount", cap={"amount": "100000.00"}),
            pen("late_payment", "7.2", rate="0.0004", per="day", basis="overdue_amount", suspend=30),
            pen("confidentiality_breach", "7.3", amount="500000.00"),
        ],
    }
    return document(name, "zh-Hans", contract, obligations, [])


# ----------------------------------------------------------------------------- x13
def x13() -> dict:
    name = "x13-tiankun-pv-hotspot.txt"  # GB18030
    LOG.append(name)
    signed = date(2025, 12, 22)
    eff = date(2026, 1, 1)  # 合同有效期限：自2026年1月1日起至2026年12月31日止
    metrics = {"recall": "0.88", "f1": "0.86"}
    fields, derived = term_block(
        eff, None, date(2026, 12, 31), "P1M", "P36M", ("5.1", "5.2", "6.2"),
        ("合同有效期限：自2026年1月1日起至2026年12月31日止",
         "本合同届满前一个月，如双方均有意继续合作，应另行协商签订续约协议",
         "保密期限：合同有效期内及期满后三十六个月"), ZH_TITLES, explicit_end=True)
    data_due, _ = due("data delivery eff+P10D", eff, "P10D")
    weekly = "FREQ=WEEKLY;BYDAY=MO"
    first_report = note("weekly report first occurrence", first_occurrence(weekly, eff))
    obligations = [
        ob("data_delivery", "client", "训练数据交付", data_due, trig("effective", "P10D"), "1.3",
           "乙方应自本合同生效之日起算十日内，向甲方交付不少于八万张已标注的红外巡检影像"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed)", date(2026, 6, 30)), None, "2.3",
           "甲方应不迟于2026年6月30日完成模型训练并向乙方交付模型"),
        ob("evaluation_report", "provider", "评估报告（随模型交付）", None, trig("model_delivery", "P0D"), "2.4",
           "甲方应于交付模型之日一并向乙方提交模型评估报告", metrics=metrics),
        ob("progress_report", "provider", "工作周报", first_report, None, "3.5",
           "项目执行期间，甲方应于每周一向乙方提交上周工作周报", recurrence=weekly),
        ob("payment", "client", "第一期 20%", None, trig("invoice", "P10D"), "4.2",
           "乙方应于收到甲方书面付款通知后十日内支付合同总金额的20%，即人民币147,000元",
           amount="147000.00", currency="CNY"),
        ob("payment", "client", "第二期 50%", None, trig("model_delivery", "P30D"), "4.2",
           "第二期：甲方交付模型之日起三十日内，乙方支付合同总金额的50%，即人民币367,500元",
           amount="367500.00", currency="CNY"),
        ob("payment", "client", "第三期 30%", note("payment 3 (fixed, 届时)", date(2026, 11, 30)), None, "4.2",
           "第三期：付款日为2026年11月30日，届时乙方应支付合同总金额剩余的30%，即人民币220,500元",
           amount="220500.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "光伏电站组件热斑红外巡检模型训练项目",
        "provider": "合肥天堃智能科技有限公司",
        "client": "贵州黔喆新能源集团有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "735000.00", "copies": 3,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.0003", per="day", basis="total_fee"),
            pen("late_payment", "7.2", basis="overdue_amount", suspend=15),
            pen("confidentiality_breach", "7.3", amount="250000.00"),
        ],
    }
    return document(name, "zh-Hans", contract, obligations, [])


# ----------------------------------------------------------------------------- x14
def x14() -> dict:
    name = "x14-weigang-container-ocr.zh-Hant.txt"  # UTF-16LE with BOM, CRLF
    LOG.append(name)
    signed = date(2026, 4, 22)
    eff = signed
    metrics = {"accuracy": "0.98"}
    fields, derived = term_block(
        eff, "P3Y", add_duration(eff, "P3Y"), "P6M", "P7Y", ("5.1", "5.2", "6.2"),
        ("本合同自雙方簽字蓋章之日起生效，有效期為三年",
         "合同期滿前六個月，雙方如均有意繼續合作，應另行協商簽訂續約協議",
         "保密期限為本合同有效期內及合同終止後七年"), HANT_TITLES)
    data_due, _ = due("data delivery eff+P10D (Labour Day 2026)", eff, "P10D")
    pay1, _ = due("payment 1 eff+7 workdays (Labour Day 2026)", eff, "P7D", business_days=True)
    obligations = [
        ob("data_delivery", "client", "訓練影像交付", data_due, trig("effective", "P10D"), "1.3",
           "乙方應於本合同生效之日起十日內向甲方交付全部訓練影像"),
        ob("model_delivery", "provider", "模型交付（補充條款變更後）",
           note("model delivery (fixed, amended by 10.1)", date(2026, 9, 30)), None, "10.1",
           "甲方應於2026年9月30日前完成模型訓練並向乙方交付模型"),
        ob("evaluation_report", "provider", "評估報告", None, trig("model_delivery", "P7D"), "2.4",
           "甲方應於模型交付後七日內向乙方提交評估報告", metrics=metrics),
        ob("payment", "client", "首期款 40%", pay1, trig("effective", "P7D", True), "4.2",
           "首期款：本合同生效之日起七個工作日內，乙方支付合同總額的百分之四十，即港幣480,000.00元",
           amount="480000.00", currency="HKD"),
        ob("payment", "client", "尾款 60%", None, trig("invoice", "P20D"), "4.2",
           "尾款：模型驗收合格且乙方收到甲方開具之發票後二十日內，乙方支付合同總額的百分之六十，即港幣720,000.00元",
           amount="720000.00", currency="HKD"),
        ob("other", "client", "書面驗收確認書", None, trig("acceptance", "P10D"), "10.2",
           "乙方應於模型驗收合格之日起十日內向甲方出具書面驗收確認書"),
        *derived,
    ]
    contract = {
        "title": "集裝箱箱號及鉛封智能識別模型訓練項目",
        "provider": "廈門鷺島視覺科技有限公司",
        "client": "香港維港碼頭營運有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "HKD", "total_fee": "1200000.00", "copies": 2,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.001", per="day", basis="total_fee",
                cap={"rate": "0.20", "basis": "total_fee"}),
            pen("late_payment", "7.2", rate="0.0005", per="day", basis="overdue_amount", suspend=30),
            pen("confidentiality_breach", "7.3", amount="200000.00"),
        ],
    }
    return document(name, "zh-Hant", contract, obligations, [])


def main(argv: list[str]) -> int:
    builders = {"x08": x08, "x09": x09, "x10": x10, "x11": x11, "x12": x12, "x13": x13, "x14": x14}
    for key in argv or list(builders):
        doc = builders[key]()
        out = HERE / (doc["source"]["file"].rsplit(".", 1)[0] + ".expected.json")
        out.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("\n".join(LOG))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
