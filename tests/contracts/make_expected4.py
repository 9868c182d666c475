"""Write the x31-x36 *.expected.json files of this folder. Not run by the tests; the JSON is committed.

Same method as make_expected.py (whose helpers it reuses): every date is computed with
tracker.periods, never typed, and printed with its weekday and holiday status for a hand check:

    .venv/bin/python tests/contracts/make_expected4.py [x31 ...]

Only the period module is used; nothing from tracker/parse (the expectations come from the
spec, not from the parser). x35's .docx is built by make_x35.py; run that first.
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
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
)

from tracker.periods import is_workday, last_workday_of_month  # noqa: E402

HANT_TITLES = ("合同期限屆滿", "續約協商（期滿前通知）", "保密期屆滿")


def pct(total: str, rate: str) -> str:
    return str((Decimal(total) * Decimal(rate)).quantize(Decimal("0.01")))


def cap(rate: str) -> dict:
    return {"rate": rate, "basis": "total_fee"}


def first_workday_on_or_after_in_month_start(start: date) -> date:
    """First '每月第一个工作日' (mainland calendar) on or after start."""
    year, month = start.year, start.month
    while True:
        day = date(year, month, 1)
        while not is_workday(day):
            day += timedelta(days=1)
        if day >= start:
            return day
        month += 1
        if month > 12:
            year, month = year + 1, 1


def last_workday_of_quarter_on_or_after(start: date) -> date:
    """First 'last business day of a calendar quarter' (mainland calendar) on or after start."""
    year, month = start.year, start.month
    while True:
        if month in (3, 6, 9, 12):
            day, guessed = last_workday_of_month(year, month)
            assert not guessed
            if day >= start:
                return day
        month += 1
        if month > 12:
            year, month = year + 1, 1


# ----------------------------------------------------------------------------- x31
def x31() -> dict:
    name = "x31-qiantang-gas-pipe-defect.txt"
    LOG.append(name)
    signed = date(2025, 9, 17)  # cover page 签订日期 and both signature lines
    eff = signed  # 自双方…签字并加盖公章之日起生效
    metrics = {"accuracy": "0.93", "recall": "0.90"}
    fields, derived = term_block(
        eff, "P1Y", add_duration(eff, "P1Y"), "P30D", "P3Y", ("5.1", "5.2", "6.2"),
        ("本合同自双方法定代表人或授权代表签字并加盖公章之日起生效，有效期为一年",
         "合同期满前三十日，如双方均有意继续合作，应另行协商签订续约协议",
         "保密期限为本合同有效期内及合同终止后三年"), ZH_TITLES)
    data_due, _ = due("data delivery T+15 workdays (T = effective)", eff, "P15D", business_days=True)
    midterm, _ = due("中期成果 项目启动后第3个月末 = eff+P3M", eff, "P3M")
    pay1, _ = due("payment 1 签订后两周内 signing+P2W (National Day 2025)", signed, "P2W")
    biweekly = "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"
    first_report = note("biweekly report first occurrence", first_occurrence(biweekly, eff))
    obligations = [
        ob("data_delivery", "client", "训练数据交付", data_due, trig("effective", "P15D", True), "1.4",
           "甲方应于T+15个工作日（T为合同生效日）内向乙方交付不少于十二万张已标注巡检图像"),
        ob("other", "provider", "中期成果报告", midterm, trig("effective", "P3M"), "2.3",
           "项目启动后第3个月末前，乙方应向甲方提交中期成果报告（含阶段性模型及其测试结果）"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed, 交付日不得晚于)", date(2026, 1, 30)),
           None, "2.3", "交付日不得晚于2026年1月30日"),
        ob("evaluation_report", "provider", "模型评估报告", None, trig("model_delivery", "P5D", True), "2.4",
           "乙方应于交付日后5个工作日内向甲方提交模型评估报告", metrics=metrics),
        ob("progress_report", "provider", "双周进展报告", first_report, None, "3.5",
           "乙方应自合同生效后每双周周五向甲方提交项目进展报告", recurrence=biweekly),
        ob("payment", "client", "第一期 15万元", pay1, trig("signing", "P2W"), "4.2",
           "合同签订后两周内，甲方支付人民币15万元", amount="150000.00", currency="CNY"),
        ob("payment", "client", "第二期 22.5万元（中期检查通过）", None, trig("acceptance", "P10D", True), "4.2",
           "中期检查通过后10个工作日内，甲方支付人民币22.5万元", amount="225000.00", currency="CNY"),
        ob("payment", "client", "第三期 12.5万元（最终验收）", None, trig("acceptance", "P10D", True), "4.2",
           "最终验收合格后10个工作日内，甲方支付人民币12.5万元", amount="125000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "城市燃气管网巡检图像缺陷识别模型训练项目",
        "provider": "杭州启航智能视觉科技有限公司",
        "client": "杭州钱塘燃气集团有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "500000.00", "copies": 4,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.001", per="day", basis="total_fee", cap=cap("0.10")),
            pen("late_payment", "7.2", rate="0.0005", per="day", basis="overdue_amount", suspend=30),
            pen("confidentiality_breach", "7.3", amount="200000.00"),
        ],
    }
    return document(name, "zh-Hans", contract, obligations, [])


# ----------------------------------------------------------------------------- x32
def x32() -> dict:
    name = "x32-hailian-insulator-uav.md"
    LOG.append(name)
    signed = date(2026, 3, 27)
    eff = signed
    metrics = {"recall": "0.92", "f1": "0.91"}  # 精确率 (precision) is not a spec metric
    fields, derived = term_block(
        eff, "P2Y", add_duration(eff, "P2Y"), "P2M", "P5Y", ("5.1", "5.2", "6.2"),
        ("本合同自双方签字并盖章之日起生效，有效期两年",
         "合同期满前两个月，双方如有意继续合作，应另行协商签订续约协议",
         "保密期限为本合同有效期内及本合同终止后五年"), ZH_TITLES)
    data_due, _ = due("data delivery eff+P20D (20天)", eff, "P20D")
    pay1, _ = due("payment 1 eff+7 workdays (Qingming 2026)", eff, "P7D", business_days=True)
    quarterly = "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"
    yearly = "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"
    first_q = note("quarterly report first occurrence (每季度末)", first_occurrence(quarterly, eff))
    first_y = note("yearly report first occurrence (每年12月31日前)", first_occurrence(yearly, eff))
    obligations = [
        ob("data_delivery", "client", "训练数据交付", data_due, trig("effective", "P20D"), "1.3",
           "甲方须在合同生效之日后的20天内，向乙方交付不少于八万张巡检图像及对应的缺陷标注文件"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed, 2026年第三季度末)", date(2026, 9, 30)),
           None, "2.3", "乙方应于2026年第三季度末前完成模型训练，并向甲方交付模型文件、推理服务镜像及部署手册"),
        ob("evaluation_report", "provider", "模型评估报告", None, trig("model_delivery", "P10D", True), "2.4",
           "乙方应在模型交付后十个工作日内向甲方提交模型评估报告", metrics=metrics),
        ob("progress_report", "provider", "季度进展报告", first_q, None, "3.4",
           "乙方应于每季度末向甲方提交季度进展报告", recurrence=quarterly),
        ob("progress_report", "provider", "年度项目总结报告", first_y, None, "3.4",
           "乙方还应于每年12月31日前向甲方提交年度项目总结报告", recurrence=yearly),
        ob("payment", "client", "第一期 30%", pay1, trig("effective", "P7D", True), "4.2",
           "本合同生效之日起7个工作日内", amount="210000.00", currency="CNY"),
        ob("payment", "client", "第二期 40%", None, trig("evaluation_report", "P15D"), "4.2",
           "乙方提交模型评估报告之日起15日内", amount="280000.00", currency="CNY"),
        ob("payment", "client", "第三期 30%", None, trig("invoice", "P20D"), "4.2",
           "模型终验合格且甲方收到乙方开具的增值税专用发票后20日内", amount="210000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "输电线路无人机巡检绝缘子缺陷检测模型训练项目",
        "provider": "合肥智渊视觉科技有限公司",
        "client": "宁波海联电力科技有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "700000.00", "copies": 6,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.0008", per="day", basis="total_fee", cap=cap("0.08")),
            pen("late_payment", "7.2", rate="0.0005", per="day", basis="overdue_amount", suspend=40),
            pen("confidentiality_breach", "7.3", amount="500000.00"),
        ],
    }
    return document(name, "zh-Hans", contract, obligations, [])


# ----------------------------------------------------------------------------- x33
def x33() -> dict:
    name = "x33-jingxin-wafer-map.zh-Hant.txt"
    LOG.append(name)
    signed = date(2026, 2, 26)  # 中華民國一一五年二月二十六日 (民國115 = 2026), under the signatures
    eff = date(2026, 3, 1)  # 本契約自中華民國115年3月1日起生效
    metrics = {"accuracy": "0.94", "recall": "0.90"}
    fields, derived = term_block(
        eff, "P1Y", add_duration(eff, "P1Y"), "P2M", "P5Y", ("5.1", "5.2", "6.2"),
        ("本契約自中華民國115年3月1日起生效，契約期間為一年",
         "契約期間屆滿前二個月，雙方如有意繼續合作，應另行協議續約事宜",
         "前款保密義務於本契約存續期間及本契約消滅後五年內均有效力"), HANT_TITLES)
    total = "3600000.00"
    data_due, _ = due("data delivery eff+P14D", eff, "P14D")
    pay1, _ = due("payment 1 eff+P30D", eff, "P30D")
    monthly = "FREQ=MONTHLY;BYMONTHDAY=-1"
    first_report = note("monthly report first occurrence (每月月底前)", first_occurrence(monthly, eff))
    obligations = [
        ob("data_delivery", "client", "訓練資料提供", data_due, trig("effective", "P14D"), "1.3",
           "甲方應於本契約生效日起十四日內，將不少於二十萬筆已標註晶圓圖資料提供予乙方"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed, 民國115年8月31日以前)", date(2026, 8, 31)),
           None, "2.3", "乙方應於中華民國115年8月31日以前，將訓練完成之模型檔案及部署說明文件交付甲方"),
        ob("evaluation_report", "provider", "書面評估報告", None, trig("model_delivery", "P10D"), "2.4",
           "乙方應於模型交付後十日內向甲方提出書面評估報告", metrics=metrics),
        ob("progress_report", "provider", "每月工作進度報告", first_report, None, "3.4",
           "乙方應於每月月底前以書面向甲方報告當月工作進度", recurrence=monthly),
        ob("payment", "client", "第一期款 30%", pay1, trig("effective", "P30D"), "4.2",
           "甲方應於本契約生效日起三十日內給付契約總價金百分之三十，計新臺幣壹佰零捌萬元整",
           amount=pct(total, "0.30"), currency="TWD"),
        ob("payment", "client", "第二期款 40%", None, trig("invoice", "P30D"), "4.2",
           "甲方應於收受乙方開立之統一發票後三十日內給付契約總價金百分之四十，計新臺幣壹佰肆拾肆萬元整",
           amount=pct(total, "0.40"), currency="TWD"),
        ob("payment", "client", "第三期款 30%", note("payment 3 (fixed, 民國115年10月31日以前)", date(2026, 10, 31)),
           None, "4.2", "甲方應於中華民國115年10月31日以前給付契約總價金百分之三十，計新臺幣壹佰零捌萬元整",
           amount=pct(total, "0.30"), currency="TWD"),
        *derived,
    ]
    contract = {
        "title": "晶圓圖瑕疵型態自動分類模型訓練計畫",
        "provider": "睿思智能科技股份有限公司",
        "client": "晶鑫半導體股份有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "TWD", "total_fee": total, "copies": 2,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.001", per="day", basis="total_fee", cap=cap("0.20")),
            pen("late_payment", "7.2", rate="0.05", per="year", basis="overdue_amount", suspend=30),
            pen("confidentiality_breach", "7.3", amount="500000.00"),
        ],
    }
    # ROC law (依中華民國相關法令, 民國 dates, 新臺幣): the spec's top-level key for a non-mainland calendar
    return {"x_business_day_calendar": "TW", **document(name, "zh-Hant", contract, obligations, [])}


# ----------------------------------------------------------------------------- x34
def x34() -> dict:
    name = "x34-lingshu-triage-text.en.txt"
    LOG.append(name)
    signed = date(2025, 7, 15)  # the later of 07/14/2025 (Vendor) and 07/15/2025 (Purchaser)
    eff = date(2025, 7, 14)  # entered into as of July 14, 2025 (the "Effective Date")
    metrics = {"accuracy": "0.96", "recall": "0.91"}
    fields, derived = term_block(
        eff, "P24M", add_duration(eff, "P24M"), "P90D", "P5Y", ("5.1", "5.2", "6.2"),
        ("This Agreement shall take effect on the Effective Date and shall continue for a period of twenty-four "
         "months thereafter",
         "the Party proposing renewal shall notify the other Party in writing no later than ninety days prior to "
         "expiration",
         "The obligations under this Article VI shall survive for five years after the expiration or termination of "
         "this Agreement"), EN_TITLES)
    data_due, _ = due("data delivery eff+15 business days", eff, "P15D", business_days=True)
    model_due, _ = due("model delivery eff+P5M (date falling five months after)", eff, "P5M")
    pay_a, _ = due("4.02(a) eff+P30D calendar days", eff, "P30D")
    quarterly = "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"
    first_q = note("quarterly report first occurrence (last business day of the quarter)",
                   last_workday_of_quarter_on_or_after(eff))
    obligations = [
        ob("data_delivery", "client", "Training data delivery", data_due, trig("effective", "P15D", True), "1.3",
           "Purchaser shall deliver the de-identified triage records to Vendor within fifteen business days after "
           "the Effective Date"),
        ob("model_delivery", "provider", "Model delivery", model_due, trig("effective", "P5M"), "2.3",
           "Vendor shall deliver the trained Model, together with its deployment documentation (\"Delivery\"), on or "
           "before the date falling five months after the Effective Date"),
        ob("evaluation_report", "provider", "Evaluation report", None, trig("model_delivery", "P5D", True), "2.4",
           "Vendor shall submit a written evaluation report to Purchaser within five Business Days following Delivery",
           metrics=metrics),
        ob("progress_report", "provider", "Quarterly status report", first_q, None, "3.4",
           "Vendor shall deliver a written status report to Purchaser on the last business day of each calendar "
           "quarter", recurrence=quarterly),
        ob("payment", "client", "4.02(a) 30%", pay_a, trig("effective", "P30D"), "4.2",
           "thirty percent (30%), i.e. RMB ¥150,000.00, within thirty calendar days after the Effective Date",
           amount="150000.00", currency="CNY"),
        ob("payment", "client", "4.02(b) 50%", None, trig("invoice", "P10D", True), "4.2",
           "fifty percent (50%), i.e. RMB ¥250,000.00, within ten business days after receipt of Vendor's invoice "
           "issued upon Delivery", amount="250000.00", currency="CNY"),
        ob("payment", "client", "4.02(c) 20%", None, trig("acceptance", "P30D"), "4.2",
           "twenty percent (20%), i.e. RMB ¥100,000.00, within thirty calendar days after Final Acceptance",
           amount="100000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "Outpatient Triage Text Classification Model Training Project",
        "provider": "Beijing Lingshu Data Intelligence Technology Co., Ltd.",
        "client": "Chengdu Jinjiang Smart Healthcare Management Co., Ltd.",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "500000.00", "copies": 4,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.0005", per="day", basis="total_fee", cap=cap("0.10")),
            pen("late_payment", "7.2", rate="0.0003", per="day", basis="overdue_amount", suspend=60),
            pen("confidentiality_breach", "7.3", amount="200000.00"),
        ],
    }
    return document(name, "en", contract, obligations, [])


# ----------------------------------------------------------------------------- x35
def x35() -> dict:
    name = "x35-lanma-coldroll-strip.docx"
    LOG.append(name)
    signed = date(2026, 9, 21)
    eff = signed
    metrics = {"accuracy": "0.97", "f1": "0.93"}
    fields, derived = term_block(
        eff, "P1Y", add_duration(eff, "P1Y"), "P40D", "P2Y", ("5.1", "5.2", "6.2"),
        ("本合同有效期一年，自生效之日起计算",
         "双方如有意续约，应于合同到期日前四十日以书面形式通知对方",
         "保密期限为本合同有效期内及本合同终止后两年"), ZH_TITLES)
    data_due, _ = due("data delivery (完毕) eff+P30D", eff, "P30D")
    pay1, _ = due("payment 1 eff+15 workdays (Mid-Autumn + National Day 2026)", eff, "P15D", business_days=True)
    monthly = "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1"
    first_report = note("monthly report first occurrence (每月第一个工作日, mainland calendar)",
                        first_workday_on_or_after_in_month_start(eff))
    obligations = [
        ob("data_delivery", "client", "训练数据交付完毕", data_due, trig("effective", "P30D"), "1.3",
           "全部数据应于合同生效后30日内交付完毕"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed, 2026年12月底前)", date(2026, 12, 31)),
           None, "2.3", "甲方应于2026年12月底前向乙方交付训练完成的模型文件、推理程序及部署手册"),
        ob("evaluation_report", "provider", "模型评估报告", None, trig("model_delivery", "P1W"), "2.4",
           "甲方应于模型交付后一周内向乙方提交模型评估报告", metrics=metrics),
        ob("progress_report", "provider", "工作月报", first_report, None, "3.4",
           "甲方应于每月第一个工作日向乙方提交上月工作月报", recurrence=monthly),
        ob("payment", "client", "第一期 预付款 30%", pay1, trig("effective", "P15D", True), "4.2",
           "第一期\t合同生效\t生效之日起15个工作日内\t30%\t240,000.00\t预付款；甲方收款后开具等额发票",
           amount="240000.00", currency="CNY"),
        ob("payment", "client", "第二期 进度款 40%", None, trig("model_delivery", "P30D"), "4.2",
           "第二期\t模型交付\t交付之日起30日内\t40%\t320,000.00\t进度款",
           amount="320000.00", currency="CNY"),
        ob("payment", "client", "第三期 验收款 25%", None, trig("invoice", "P10D", True), "4.2",
           "第三期\t终验合格\t终验合格且收到甲方发票后10个工作日内\t25%\t200,000.00\t验收款",
           amount="200000.00", currency="CNY"),
        ob("payment", "client", "第四期 质保金 5%", None, trig("acceptance", "P6M10D"), "4.2",
           "第四期\t质保期满\t终验合格之日起满六个月后十日内\t5%\t40,000.00\t质保金，质保期六个月",
           amount="40000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "冷轧带钢表面缺陷在线检测模型训练项目",
        "provider": "上海澜码智能科技有限公司",
        "client": "马鞍山皖江冷轧薄板有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "800000.00", "copies": 4,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.002", per="day", basis="delayed_amount", cap=cap("0.20")),
            pen("late_payment", "7.2", rate="0.0003", per="day", basis="overdue_amount", suspend=45),
            pen("confidentiality_breach", "7.3", amount="300000.00"),
        ],
    }
    return document(name, "zh-Hans", contract, obligations, [])


# ----------------------------------------------------------------------------- x36
def x36() -> dict:
    name = "x36-haoting-hotel-voice-intent.zh-Hant.md"
    LOG.append(name)
    signed = date(2026, 1, 12)
    eff = signed
    metrics = {"accuracy": "0.95", "recall": "0.92"}
    fields, derived = term_block(
        eff, "P14M", add_duration(eff, "P14M"), "P6W", "P2Y6M", ("5.1", "5.2", "6.2"),
        ("本合同自雙方授權代表簽署並蓋章之日起生效，有效期為十四個月",
         "合同期滿前六週，雙方如有意繼續合作，應另行協商簽訂續約協議",
         "保密期限自本合同終止之日起計算，為期兩年半"), HANT_TITLES)
    total = "600000.00"
    data_due, _ = due("data delivery eff+P5W (Spring Festival 2026)", eff, "P5W")
    pay1, _ = due("payment 1 eff+10 workdays", eff, "P10D", business_days=True)
    semimonthly = "FREQ=MONTHLY;BYMONTHDAY=15,-1"
    first_report = note("semi-monthly report first occurrence", first_occurrence(semimonthly, eff))
    obligations = [
        ob("data_delivery", "client", "訓練數據交付", data_due, trig("effective", "P5W"), "1.3",
           "甲方應於本合同生效後五週內，向乙方交付不少於六十萬條已脫敏及已標註的語音轉寫文本"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed, 或之前)", date(2026, 7, 15)), None, "2.3",
           "乙方應於2026年7月15日或之前，向甲方交付訓練完成的模型文件、推理接口及部署文件"),
        ob("evaluation_report", "provider", "模型評估報告", None, trig("model_delivery", "P5D", True), "2.4",
           "乙方應於交付模型後第5個工作日結束前向甲方提交模型評估報告", metrics=metrics),
        ob("progress_report", "provider", "半月進度報告", first_report, None, "3.4",
           "乙方應於每月15日及每月最後一日前，向甲方提交半月進度報告", recurrence=semimonthly),
        ob("payment", "client", "第一期（預付款）30%", pay1, trig("effective", "P10D", True), "4.2",
           "時間：條件成就之日起10個工作日內", amount=pct(total, "0.30"), currency="MOP"),
        ob("payment", "client", "第二期（交付款）40%", None, trig("evaluation_report", "P15D"), "4.2",
           "時間：條件成就之日起15日內", amount=pct(total, "0.40"), currency="MOP"),
        ob("payment", "client", "第三期（尾款）30%", None, trig("acceptance", "P30D"), "4.2",
           "時間：條件成就後30日內", amount=pct(total, "0.30"), currency="MOP"),
        *derived,
    ]
    contract = {
        "title": "酒店客房語音助理多語種意圖識別模型訓練項目",
        "provider": "珠海星躍數據科技有限公司",
        "client": "澳門濠庭酒店管理有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "MOP", "total_fee": total, "copies": 3,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.001", per="day", basis="total_fee", cap=cap("0.05")),
            pen("late_payment", "7.2", rate="0.0004", per="day", basis="overdue_amount", suspend=60),
            # 相當於合同總額20%的違約金: a one-off sum stated as a share of the total fee
            pen("confidentiality_breach", "7.3", amount=pct(total, "0.20")),
        ],
    }
    return document(name, "zh-Hant", contract, obligations, [])


def main(argv: list[str]) -> int:
    builders = {"x31": x31, "x32": x32, "x33": x33, "x34": x34, "x35": x35, "x36": x36}
    for key in argv or list(builders):
        doc = builders[key]()
        out = HERE / (doc["source"]["file"].rsplit(".", 1)[0] + ".expected.json")
        out.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("\n".join(LOG))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
