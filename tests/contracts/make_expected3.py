"""Write the x21-x27 *.expected.json files of this folder. Not run by the tests; the JSON is committed.

Same method as make_expected.py (whose helpers it reuses): every date is computed with
tracker.periods, never typed, and printed with its weekday and holiday status for a hand check:

    .venv/bin/python tests/contracts/make_expected3.py [x21 ...]

Only the period module is used; nothing from tracker/parse (the expectations come from the
spec, not from the parser). x24's .docx is built by make_x24.py; run that first.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from decimal import Decimal

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


def pct(total: str, rate: str) -> str:
    """An instalment given only as a percentage of the total fee, as a money string."""
    return str((Decimal(total) * Decimal(rate)).quantize(Decimal("0.01")))


def cap(rate: str) -> dict:
    return {"rate": rate, "basis": "total_fee"}


# ----------------------------------------------------------------------------- x21
def x21() -> dict:
    name = "x21-lantu-shelf-restock.txt"
    LOG.append(name)
    signed = date(2025, 8, 8)  # preamble: 于2025年8月8日在上海签订; both signature dates agree
    eff = signed
    metrics = {"accuracy": "0.93", "recall": "0.88"}
    fields, derived = term_block(
        eff, "P2Y", add_duration(eff, "P2Y"), "P30D", "P5Y",
        ("5.1", "5.2", "6.2"),
        ("合同有效期自签订之日起两年",
         "任何一方如有意续约，应于期满前三十日书面通知对方",
         "保密期限为五年，自本合同终止之日起算"), ZH_TITLES)
    total = "380000.00"  # 以小写金额为准: the figures (380,000), not the 大写 (叁拾伍万 = 350,000)
    data_due, _ = due("data delivery eff+P15D", eff, "P15D")
    pay1, _ = due("payment (1) eff+10 workdays (第10个工作日前)", eff, "P10D", business_days=True)
    obligations = [
        ob("data_delivery", "client", "训练数据交付", data_due, trig("effective", "P15D"), "1.3",
           "甲方应自本合同签订生效之日起十五（15）日内，通过双方约定的对象存储空间向乙方交付不少于二十万张已标注货架图像"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed, 最迟应于)", date(2025, 12, 31)), None,
           "2.3", "乙方最迟应于2025年12月31日向甲方交付训练完成的模型文件、推理服务镜像及部署说明"),
        ob("evaluation_report", "provider", "模型评估报告", None, trig("model_delivery", "P7D", True), "2.4",
           "乙方应在模型交付后七（7）个工作日内向甲方提交模型评估报告", metrics=metrics),
        ob("payment", "client", "首付款 30%", pay1, trig("effective", "P10D", True), "4.2",
           "首付款：甲方于本合同生效后的第10个工作日前支付合同价款的30%",
           amount=pct(total, "0.30"), currency="CNY"),
        ob("payment", "client", "进度款 40%", None, trig("model_delivery", "P30D"), "4.2",
           "进度款：甲方在乙方交付模型后30个自然日内支付合同价款的40%",
           amount=pct(total, "0.40"), currency="CNY"),
        ob("payment", "client", "尾款 30%", None, trig("invoice", "P15D"), "4.2",
           "尾款：模型经甲方验收合格，甲方在收到乙方开具的合规增值税专用发票之日起十五（15）日内支付合同价款的30%",
           amount=pct(total, "0.30"), currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "连锁便利店货架缺货智能识别模型训练项目",
        "provider": "杭州云衡算力科技有限公司",
        "client": "上海澜图智慧零售有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": total, "copies": 4,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.0005", per="day", basis="total_fee", cap=cap("0.15")),
            pen("late_payment", "7.2", rate="0.0005", per="day", basis="overdue_amount", suspend=30),
            pen("confidentiality_breach", "7.3", amount="500000.00"),
        ],
    }
    warnings = [warn("amount_mismatch", "4.2", "人民币（大写）叁拾伍万元整（小写：380,000.00元）")]
    return document(name, "zh-Hans", contract, obligations, warnings)


# ----------------------------------------------------------------------------- x22
def x22() -> dict:
    name = "x22-yuneng-gas-leak-acoustic.md"
    LOG.append(name)
    signed = date(2026, 9, 11)
    eff = signed
    metrics = {"f1": "0.88"}
    fields, derived = term_block(
        eff, None, date(2027, 6, 30), "P60D", None, ("5.1", "5.2", "6.2"),
        ("本合同自双方签章之日起生效，有效期至2027年6月30日",
         "如需续签，一方应在本合同期满前六十（60）日以书面形式通知另一方", ""), ZH_TITLES, explicit_end=True)
    data_due, _ = due("data delivery eff+P20D (National Day 2026)", eff, "P20D")
    pay1, _ = due("预付款 eff+10 workdays (make-up Sun 09-20)", eff, "P10D", business_days=True)
    monthly = "FREQ=MONTHLY;BYMONTHDAY=25"
    first_report = note("monthly report first occurrence (not rolled)", first_occurrence(monthly, eff))
    obligations = [
        ob("data_delivery", "client", "训练数据交付", data_due, trig("effective", "P20D"), "1.3",
           "甲方应于本合同生效之日起二十（20）日内向乙方交付不少于五千小时的已标注管网音频"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed, 截止日期为)", date(2026, 12, 31)), None,
           "2.3", "乙方完成模型训练并交付模型文件及边缘端部署包的截止日期为2026年12月31日"),
        ob("evaluation_report", "provider", "评估报告", None, trig("model_delivery", "P10D"), "2.4",
           "评估报告应不晚于模型交付后第十日提交甲方", metrics=metrics),
        ob("progress_report", "provider", "月度进展报告", first_report, None, "3.5",
           "乙方应于每月25日前向甲方书面报告上月项目进展及下月工作计划", recurrence=monthly),
        ob("payment", "client", "预付款 30%", pay1, trig("effective", "P10D", True), "4.2",
           "预付款 | 168,000.00 | 30% | 本合同生效后10个工作日内", amount="168000.00", currency="CNY"),
        ob("payment", "client", "进度款 40%", None, trig("model_delivery", "P20D"), "4.2",
           "进度款 | 224,000.00 | 40% | 乙方交付模型之日起二十日内", amount="224000.00", currency="CNY"),
        ob("payment", "client", "验收款 25%", None, trig("acceptance", "P15D", True), "4.2",
           "验收款 | 140,000.00 | 25% | 模型终验合格后15个工作日内", amount="140000.00", currency="CNY"),
        ob("payment", "client", "质保金 5%", None, trig("acceptance", "P6M"), "4.2",
           "质保金 | 28,000.00 | 5% | 终验合格之日起满六个月后支付", amount="28000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "城市燃气管网泄漏声纹识别模型训练项目",
        "provider": "成都声衡智能科技有限公司",
        "client": "重庆渝能燃气集团有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "560000.00", "copies": 6,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.001", per="day", basis="delayed_amount", cap=cap("0.10")),
            pen("late_payment", "7.2", rate="0.0003", per="day", basis="overdue_amount", suspend=45),
            pen("confidentiality_breach", "7.3", amount="300000.00"),
        ],
    }
    warnings = [warn("perpetual_confidentiality", "6.2", "本条约定的保密义务长期有效")]
    return document(name, "zh-Hans", contract, obligations, warnings)


# ----------------------------------------------------------------------------- x23
def x23() -> dict:
    name = "x23-ludao-review-sentiment.zh-Hant.txt"
    LOG.append(name)
    signed = date(2025, 12, 19)
    eff = signed
    metrics = {"accuracy": "0.91", "f1": "0.89"}
    fields, derived = term_block(
        eff, "P1Y", add_duration(eff, "P1Y"), "P30D", "P3Y", ("5.1", "5.2", "6.2"),
        ("其有效期間自簽訂之日起算，為期壹年",
         "雙方如欲續約，應於期滿前三十日以書面通知他方",
         "保密期間為三年，自本合同終止之日起算"), HANT_TITLES)
    total = "800000.00"
    data_due, _ = due("data delivery eff+P14D (New Year 2026 -> make-up Sun 01-04)", eff, "P14D")
    pay1, _ = due("預付款 eff+7 workdays", eff, "P7D", business_days=True)
    obligations = [
        ob("data_delivery", "client", "訓練數據交付", data_due, trig("effective", "P14D"), "1.3",
           "甲方應於本合同生效之日起十四日內，將脫敏後之評論數據交付乙方"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed)", date(2026, 5, 29)), None, "2.3",
           "乙方應於2026年5月29日前完成模型訓練，並將模型文件及部署說明交付甲方"),
        ob("evaluation_report", "provider", "評估報告", None, trig("model_delivery", "P10D", True), "2.4",
           "乙方應於模型交付後十個工作日內向甲方提交評估報告", metrics=metrics),
        ob("payment", "client", "預付款 30%", pay1, trig("effective", "P7D", True), "4.2",
           "預付款於本合同生效之日起七個工作日內支付", amount=pct(total, "0.30"), currency="CNY"),
        ob("payment", "client", "進度款 40%", None, trig("model_delivery", "P15D"), "4.2",
           "進度款於乙方交付模型後十五日內支付", amount=pct(total, "0.40"), currency="CNY"),
        ob("payment", "client", "驗收款 20%", None, trig("acceptance", "P10D"), "4.2",
           "驗收款於模型驗收合格後十日內支付", amount=pct(total, "0.20"), currency="CNY"),
        ob("payment", "client", "質保金 5%", None, trig("acceptance", "P1Y"), "4.2",
           "質保金於驗收合格滿一年後支付", amount=pct(total, "0.05"), currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "跨境電商多語種評論情感分析模型訓練項目",
        "provider": "福州閩江語智科技有限公司",
        "client": "廈門鷺島跨境電子商務有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": total, "copies": 2,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.001", per="day", basis="total_fee", cap=cap("0.10")),
            pen("late_payment", "7.2", rate="0.0005", per="day", basis="overdue_amount", suspend=60),
            pen("confidentiality_breach", "7.3", amount="200000.00"),
        ],
    }
    # 30% + 40% + 20% + 5% = 95%: the four instalments add up to 760,000.00, not 800,000.00
    warnings = [warn("amount_mismatch", "4.2", "按30%、40%、20%、5%的比例分四期支付")]
    return document(name, "zh-Hant", contract, obligations, warnings)


# ----------------------------------------------------------------------------- x24
def x24() -> dict:
    name = "x24-haiyue-quay-crane-behavior.docx"
    LOG.append(name)
    signed = date(2025, 6, 27)
    eff = signed
    metrics = {"accuracy": "0.96", "recall": "0.92", "f1": "0.94"}
    fields, derived = term_block(
        eff, "P12M", add_duration(eff, "P12M"), "P45D", "P24M", ("5.1", "5.2", "6.2"),
        ("有效期自生效之日起十二（12）个月",
         "双方如拟续签，应于合同期满前四十五日书面通知对方",
         "保密期限为本合同有效期内及本合同终止后二十四个月"), ZH_TITLES)
    data_due, _ = due("data delivery eff+P15D (15 calendar days)", eff, "P15D")
    pay1, _ = due("首期款 signing+P10D", signed, "P10D")
    monthly = "FREQ=MONTHLY;BYMONTHDAY=15"
    first_report = note("monthly report first occurrence", first_occurrence(monthly, eff))
    obligations = [
        ob("data_delivery", "client", "训练视频交付", data_due, trig("effective", "P15D"), "1.3",
           "乙方应在本合同生效后十五个自然日内向甲方交付不少于三千小时的作业监控视频"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed, 截止日期为)", date(2025, 10, 31)), None,
           "2.3", "模型训练完成并向乙方交付模型文件及部署文档的截止日期为2025年10月31日"),
        ob("evaluation_report", "provider", "模型评估报告", None, trig("model_delivery", "P7D"), "2.4",
           "甲方应在交付模型后7个自然日内向乙方提交模型评估报告", metrics=metrics),
        ob("progress_report", "provider", "月度进展报告", first_report, None, "3.4",
           "甲方应于每月15日（含当日）前向乙方提交上月项目进展报告", recurrence=monthly),
        ob("payment", "client", "首期款 40%", pay1, trig("signing", "P10D"), "4.2",
           "首期款：乙方应在本合同签订后十个自然日内支付服务费合计的40%，即人民币240,000.00元",
           amount="240000.00", currency="CNY"),
        ob("payment", "client", "第二期款 40%", note("第二期款 (fixed, 含当日)", date(2025, 10, 15)), None, "4.2",
           "第二期款：乙方应在2025年10月15日（含当日）前支付服务费合计的40%，即人民币240,000.00元",
           amount="240000.00", currency="CNY"),
        ob("payment", "client", "尾款 20%", None, trig("invoice", "P15D"), "4.2",
           "尾款：模型验收合格后，乙方应在收到甲方开具的发票之日起十五日内支付剩余20%，即人民币120,000.00元",
           amount="120000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "集装箱码头岸桥作业视频行为识别模型训练项目",
        "provider": "南京紫金山数智科技有限公司",
        "client": "青岛海岳港口集团有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "600000.00", "copies": 6,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.001", per="day", basis="total_fee", cap=cap("0.10")),
            pen("late_payment", "7.2", rate="0.0003", per="day", basis="overdue_amount", suspend=20),
            pen("confidentiality_breach", "7.3", amount="200000.00"),
        ],
    }
    return document(name, "zh-Hans", contract, obligations, [])


# ----------------------------------------------------------------------------- x25
def x25() -> dict:
    name = "x25-qianwan-coldchain-alert.zh-Hant.md"
    LOG.append(name)
    signed = date(2026, 3, 20)
    eff = signed
    metrics = {"accuracy": "0.95", "recall": "0.90"}
    fields, derived = term_block(
        eff, "P20M", add_duration(eff, "P20M"), "P2M", "P4Y", ("5.1", "5.2", "6.2"),
        ("本合同自雙方簽字蓋章之日起生效，有效期為二十個月",
         "合同期滿前兩個月，如雙方均有意繼續合作，應另行協商簽訂續約協議",
         "保密期限為本合同有效期內及合同終止後四年"), HANT_TITLES)
    data_due, _ = due("data delivery eff+P15D (Qingming 2026)", eff, "P15D")
    pay1, _ = due("第一期 eff+10 workdays", eff, "P10D", business_days=True)
    obligations = [
        ob("data_delivery", "client", "感測器數據交付", data_due, trig("effective", "P15D"), "1.3",
           "「委託方」應於本合同生效之日起１５日內，將近兩年之感測器數據交付「受託方」"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed)", date(2026, 8, 31)), None, "2.3",
           "「受託方」應於２０２６年８月３１日前完成訓練，並交付模型文件及部署說明"),
        ob("evaluation_report", "provider", "評估報告", None, trig("model_delivery", "P5D", True), "2.4",
           "「受託方」應於模型交付後５個工作日內提交評估報告", metrics=metrics),
        ob("payment", "client", "第一期 30%", pay1, trig("effective", "P10D", True), "4.2",
           "第一期 | 本合同生效之日起１０個工作日內 | ３０％ | ２１０，０００．００", amount="210000.00", currency="CNY"),
        ob("payment", "client", "第二期 50%", None, trig("model_delivery", "P30D"), "4.2",
           "第二期 | 「受託方」交付模型之日起３０日內 | ５０％ | ３５０，０００．００", amount="350000.00", currency="CNY"),
        ob("payment", "client", "第三期 20%", None, trig("acceptance", "P10D"), "4.2",
           "第三期 | 模型驗收合格後１０日內 | ２０％ | １４０，０００．００", amount="140000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "冷鏈倉儲溫控異常預警模型訓練項目",
        "provider": "香港數智視覺科技有限公司",
        "client": "深圳前海灣區冷鏈物流有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "700000.00", "copies": 4,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.0005", per="day", basis="total_fee", cap=cap("0.20")),
            pen("late_payment", "7.2", rate="0.001", per="day", basis="overdue_amount"),  # days left blank
            pen("confidentiality_breach", "7.3"),  # amount left blank
        ],
    }
    warnings = [
        warn("unfilled_blank", "7.2", "[請填寫天數]"),
        warn("unfilled_blank", "7.3", "違約金人民幣____元"),
        warn("unfilled_blank", "8.2", "[請填寫仲裁機構名稱]"),
        warn("unfilled_blank", None, "授權代表（簽字）：____________"),
    ]
    return document(name, "zh-Hant", contract, obligations, warnings)


# ----------------------------------------------------------------------------- x26
def x26() -> dict:
    name = "x26-tianyan-pallet-label.en.txt"
    LOG.append(name)
    signed = date(2025, 11, 5)  # "Effective Date" = the last signature (3 and 5 November 2025)
    eff = signed
    metrics = {"recall": "0.89", "f1": "0.91"}
    fields, derived = term_block(
        eff, "P2Y", add_duration(eff, "P2Y"), "P3M", "P5Y", ("5.1", "5.2", "6.2"),
        ("shall remain in force for a period of two (2) years from the Effective Date",
         "Either Party wishing to renew this Agreement shall notify the other Party in writing at least three (3) "
         "months before the end of the term",
         "The obligations in this Article 6 apply during the term of this Agreement and for five (5) years after its "
         "expiry or termination"), EN_TITLES)
    data_due, _ = due("data delivery eff+P35D (calendar days)", eff, "P35D")
    pay_a, _ = due("4.2(a) upon execution (signing+P0D)", signed, "P0D")
    obligations = [
        ob("data_delivery", "client", "Training data delivery", data_due, trig("effective", "P35D"), "1.3",
           "The Licensee shall deliver the Training Data to the Licensor within thirty-five (35) calendar days after "
           "the Effective Date"),
        ob("model_delivery", "provider", "Model delivery", note("model delivery (fixed, by)", date(2026, 3, 13)), None,
           "2.3", "The Licensor shall complete the training and deliver the Model, with its deployment guide, by "
           "13 March 2026"),
        ob("evaluation_report", "provider", "Evaluation report", None, trig("model_delivery", "P10D"), "2.4",
           "The Licensor shall deliver the evaluation report not later than 10 days following delivery of the Model",
           metrics=metrics),
        ob("payment", "client", "4.2(a) on execution", pay_a, trig("signing", "P0D"), "4.2",
           "CNY 90,000 upon execution of this Agreement", amount="90000.00", currency="CNY"),
        ob("payment", "client", "4.2(b) after delivery", None, trig("model_delivery", "P15D"), "4.2",
           "CNY 120,000 within 15 (fifteen) days after delivery of the Model", amount="120000.00", currency="CNY"),
        ob("payment", "client", "4.2(c) after final acceptance", None, trig("acceptance", "P30D"), "4.2",
           "RMB90,000.00 not later than 30 days following Final Acceptance of the Model",
           amount="90000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "Cold-Chain Pallet Label Recognition Model Training Project",
        "provider": "Suzhou Tianyan Machine Vision Co., Ltd.",
        "client": "Ningbo Haishu Cold Chain Logistics Co., Ltd.",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "300000.00", "copies": 4,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.001", per="day", basis="total_fee", cap=cap("0.10")),
            pen("late_payment", "7.2", rate="0.0005", per="day", basis="overdue_amount", cap=cap("0.05"), suspend=30),
            pen("confidentiality_breach", "7.3", amount="150000.00"),
        ],
    }
    return document(name, "en", contract, obligations, [])


# ----------------------------------------------------------------------------- x27
def x27() -> dict:
    name = "x27-gaoqi-baggage-tag.en.txt"
    LOG.append(name)
    signed = date(2026, 4, 29)  # the later of April 27, 2026 (Contractor) and April 29, 2026 (Principal)
    eff = signed
    metrics = {"accuracy": "0.975", "recall": "0.93"}
    fields, derived = term_block(
        eff, "P18M", add_duration(eff, "P18M"), "P1M", "P3Y", ("5.1", "5.2", "6.2"),
        ("shall remain in force for eighteen (18) months from the Effective Date",
         "they shall start negotiating a renewal agreement not less than one (1) month prior to the expiry of this "
         "Agreement",
         "This obligation of confidentiality shall survive for a period of three (3) years following the expiry or "
         "termination of this Agreement"), EN_TITLES)
    data_due, _ = due("data delivery eff+P5D (Labour Day 2026)", eff, "P5D")
    pay1, _ = due("Schedule 1.1 eff+P15D", eff, "P15D")
    monthly = "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"
    first_report = note("monthly report first occurrence (last business day)", first_occurrence(monthly, eff))
    obligations = [
        ob("data_delivery", "client", "Training data delivery", data_due, trig("effective", "P5D"), "1.3",
           "The Principal shall make the labelled belt-camera images available to the Contractor within five (5) days "
           "after the Effective Date"),
        ob("model_delivery", "provider", "Model delivery", note("model delivery (fixed, by)", date(2026, 9, 30)), None,
           "2.3", "shall deliver the trained Model to the Principal by 30 September 2026"),
        ob("evaluation_report", "provider", "Evaluation report", None, trig("model_delivery", "P5D", True), "2.4",
           "The Contractor shall submit the evaluation report within five (5) Business Days after delivery of the Model",
           metrics=metrics),
        ob("progress_report", "provider", "Monthly progress report", first_report, None, "3.4",
           "The Contractor shall deliver a written progress report to the Principal on the last Business Day of each "
           "month", recurrence=monthly),
        ob("payment", "client", "Advance payment 20%", pay1, trig("effective", "P15D"), "Schedule 1.1",
           "Advance payment: 20% of the Contract Price (RMB 84,000.00) within 15 (fifteen) days after the Effective "
           "Date", amount="84000.00", currency="CNY"),
        ob("payment", "client", "Delivery payment 50%", None, trig("model_delivery", "P30D"), "Schedule 1.2",
           "Delivery payment: 50% of the Contract Price (RMB 210,000.00) not later than 30 days following delivery of "
           "the Model", amount="210000.00", currency="CNY"),
        ob("payment", "client", "Final payment 30%", None, trig("acceptance", "P35D"), "Schedule 1.3",
           "Final payment: 30% of the Contract Price (RMB 126,000.00) within thirty-five (35) calendar days of the "
           "Principal's written acceptance of the Model", amount="126000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "Baggage Tag Damage Detection Model Training Project",
        "provider": "SHENZHEN PENGCHENG COGNITIVE COMPUTING CO., LTD.",
        "client": "XIAMEN GAOQI AIRPORT GROUND HANDLING CO., LTD.",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "420000.00", "copies": 2,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.002", per="day", basis="delayed_amount", cap=cap("0.15")),
            pen("late_payment", "7.2", rate="0.0003", per="day", basis="overdue_amount", suspend=45),
            pen("confidentiality_breach", "7.3", amount="100000.00"),
        ],
    }
    return document(name, "en", contract, obligations, [])


def main(argv: list[str]) -> int:
    builders = {"x21": x21, "x22": x22, "x23": x23, "x24": x24, "x25": x25, "x26": x26, "x27": x27}
    for key in argv or list(builders):
        doc = builders[key]()
        out = HERE / (doc["source"]["file"].rsplit(".", 1)[0] + ".expected.json")
        out.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("\n".join(LOG))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
