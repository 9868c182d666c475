"""Write the x*.expected.json files of this folder. Not run by the tests; the JSON is committed.

Every date is computed with tracker.periods (the Civil-Code period rules of parse-output.md),
never typed, and printed with its weekday and holiday status for a hand check:

    .venv/bin/python tests/contracts/make_expected.py

Only the period module is used; nothing from tracker/parse (the expectations come from the
spec, not from the parser).
"""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tracker.periods import add_duration, deadline, first_occurrence  # noqa: E402

LOG: list[str] = []


def status(d: date) -> str:
    import chinese_calendar

    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(d)
    except NotImplementedError:
        return f"{d} {d:%a} (no holiday data for {d.year})"
    if on_holiday:
        kind = f"holiday {name}" if name else "weekend"
    else:
        kind = f"make-up workday ({name})" if d.weekday() >= 5 else "workday"
    return f"{d} {d:%a} {kind}"


def note(label: str, d: date | None, guessed: bool = False) -> str | None:
    if d is None:
        LOG.append(f"  {label}: null")
        return None
    LOG.append(f"  {label}: {status(d)}" + ("  [GUESSED: calendar out of range]" if guessed else ""))
    return d.isoformat()


def due(label: str, start: date, offset: str, business_days: bool = False, roll: bool = True) -> tuple[str, bool]:
    d, guessed = deadline(start, offset, business_days=business_days, roll=roll)
    raw = add_duration(start, offset) if not business_days else d
    if raw != d:
        LOG.append(f"  {label}: raw end {status(raw)} -> rolled forward")
    return note(label, d, guessed), guessed


def trig(event: str, offset: str, business_days: bool = False) -> dict:
    return {"event": event, "offset": offset, "business_days": business_days}


def ob(kind, party, title, due_date, trigger, clause, quote, *, recurrence=None, amount=None,
       currency=None, metrics=None) -> dict:
    return {
        "kind": kind, "party": party, "title": title, "due_date": due_date, "trigger": trigger,
        "recurrence": recurrence, "amount": amount, "currency": currency, "metrics": metrics,
        "clause": clause, "quote": quote,
    }


def pen(kind, clause, *, rate=None, per=None, basis=None, amount=None, cap=None, suspend=None) -> dict:
    return {"kind": kind, "rate": rate, "per": per, "basis": basis, "amount": amount, "cap": cap,
            "suspend_after_days": suspend, "clause": clause}


def warn(code, clause, quote) -> dict:
    return {"code": code, "clause": clause, "quote": quote}


def term_block(effective: date, term: str | None, expiry: date, notice: str | None, conf: str | None,
               clauses: tuple[str, str, str], quotes: tuple[str, str, str], titles: tuple[str, str, str],
               explicit_end: bool = False) -> tuple[dict, list[dict]]:
    """contract fields + derived obligations (expiry, renewal notice, confidentiality expiry)."""
    exp = note("expiry_date (never moved)", expiry)
    notice_deadline = add_duration(expiry, "-" + notice) if notice else None
    nd = note("renewal_notice_deadline (never moved)", notice_deadline)
    conf_end = add_duration(expiry, conf) if conf else None
    ce = note("confidentiality_expiry (never moved)", conf_end)
    fields = {"effective_date": effective.isoformat(), "term": term, "expiry_date": exp,
              "renewal_notice": notice, "renewal_notice_deadline": nd,
              "confidentiality_term": conf, "confidentiality_expiry": ce}
    obs = [ob("contract_expiry", "both", titles[0], exp,
              None if explicit_end else trig("effective", term), clauses[0], quotes[0])]
    if notice:
        obs.append(ob("renewal_notice", "both", titles[1], nd, trig("expiry", "-" + notice), clauses[1], quotes[1]))
    if conf:
        obs.append(ob("confidentiality_expiry", "both", titles[2], ce, trig("expiry", conf), clauses[2], quotes[2]))
    return fields, obs


def document(name: str, language: str, contract: dict, obligations: list[dict], warnings: list[dict]) -> dict:
    data = (HERE / name).read_bytes()
    keys = ["title", "provider", "client", "signed_date", "effective_date", "term", "expiry_date",
            "renewal_notice", "renewal_notice_deadline", "confidentiality_term", "confidentiality_expiry",
            "currency", "total_fee", "copies", "metrics_targets", "penalties"]
    return {
        "schema": "tracker.parse/1",
        "source": {"file": name, "sha256": hashlib.sha256(data).hexdigest(), "language": language},
        "contract": {k: contract[k] for k in keys},
        "obligations": obligations,
        "warnings": warnings,
    }


ZH_TITLES = ("合同期限届满", "续约协商（期满前通知）", "保密期届满")
EN_TITLES = ("Contract expiry", "Renewal negotiation notice", "Confidentiality period ends")


# ----------------------------------------------------------------------------- x01
def x01() -> dict:
    name = "x01-hengrui-bearing-defect.txt"
    LOG.append(name)
    signed = date(2026, 2, 6)  # the later of 2026-02-05 (甲方) and 2026-02-06 (乙方)
    eff = signed
    metrics = {"accuracy": "0.96", "recall": "0.98"}
    fields, derived = term_block(
        eff, "P12M", add_duration(eff, "P12M"), "P45D", "P3Y", ("5.1", "5.2", "6.2"),
        ("本合同自双方签字盖章之日起生效，有效期十二个月",
         "合同期满前45日，双方如有意继续合作，应另行协商签订续约协议",
         "保密期限为本合同有效期内及本合同终止后三年"), ZH_TITLES)
    data_due, _ = due("data delivery eff+P15D", eff, "P15D")
    pay1, _ = due("payment 1 eff+10 workdays", eff, "P10D", business_days=True)
    obligations = [
        ob("data_delivery", "client", "训练数据交付", data_due, trig("effective", "P15D"), "1.3",
           "甲方应在本合同生效之日起15日内，以加密移动硬盘方式向乙方交付不少于30万张产线图像"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed)", date(2026, 7, 31)), None, "2.3",
           "乙方最迟不晚于2026年7月31日向甲方交付训练完成的模型文件、推理SDK及部署手册"),
        ob("evaluation_report", "provider", "书面评估报告", None, trig("model_delivery", "P3D", True), "2.4",
           "乙方应在模型交付后3个工作日内向甲方提交书面评估报告", metrics=metrics),
        ob("payment", "client", "第一期 30%", pay1, trig("effective", "P10D", True), "3.2",
           "第一期    本合同生效之日起10个工作日内                      30%      204,000.00",
           amount="204000.00", currency="CNY"),
        ob("payment", "client", "第二期 60%", None, trig("invoice", "P10D", True), "3.2",
           "第二期    模型验收合格且乙方开具发票后10个工作日内          60%      408,000.00",
           amount="408000.00", currency="CNY"),
        ob("payment", "client", "第三期 质保金 10%", None, trig("acceptance", "P1Y"), "3.2",
           "第三期    质保金，模型验收合格满一年后支付                  10%       68,000.00",
           amount="68000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "精密轴承表面缺陷视觉检测模型训练项目",
        "provider": "南京深蓝视觉智能科技有限公司",
        "client": "苏州恒瑞精密制造股份有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "680000.00", "copies": 5,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_payment", "7.1", rate="0.0003", per="day", basis="overdue_amount", suspend=45),
            pen("late_delivery", "7.2", rate="0.002", per="day", basis="delayed_amount",
                cap={"rate": "0.15", "basis": "total_fee"}),
            pen("confidentiality_breach", "7.3", amount="200000.00"),
        ],
    }
    return document(name, "zh-Hans", contract, obligations, [])


# ----------------------------------------------------------------------------- x02
def x02() -> dict:
    name = "x02-jincheng-voice-dialog.md"
    LOG.append(name)
    signed = date(2026, 3, 16)
    eff = date(2026, 4, 1)  # stated: 自2026年4月1日起生效
    metrics = {"accuracy": "0.93", "f1": "0.90"}
    fields, derived = term_block(
        eff, "P2Y", add_duration(eff, "P2Y"), "P3M", "P10Y", ("5.1", "5.2", "6.2"),
        ("本合同经双方签字盖章后，自2026年4月1日起生效，有效期两年",
         "合同期满前三个月，如双方均有意继续合作，应另行协商签订续约协议",
         "保密期限为本合同有效期内及合同终止后十年"), ZH_TITLES)
    data_due, _ = due("data delivery eff+P5D", eff, "P5D")
    pay1, _ = due("payment 1 eff+5 workdays", eff, "P5D", business_days=True)
    weekly = "FREQ=WEEKLY;BYDAY=FR"
    first_report = note("weekly report first occurrence", first_occurrence(weekly, eff))
    obligations = [
        ob("data_delivery", "client", "训练语料交付", data_due, trig("effective", "P5D"), "1.3",
           "乙方应于本合同生效之日起五日内，通过双方约定的加密传输通道向甲方交付全部训练语料"),
        ob("model_delivery", "provider", "模型交付", None, trig("data_delivery", "P120D"), "2.3",
           "甲方应于收到乙方全部训练语料之日起一百二十日内完成模型训练，并向乙方交付模型"),
        ob("evaluation_report", "provider", "评估报告", None, trig("model_delivery", "P10D", True), "2.4",
           "甲方应在模型交付后十个工作日内向乙方提交评估报告", metrics=metrics),
        ob("progress_report", "provider", "项目周报", first_report, None, "3.5",
           "项目实施期间，甲方应于每周五向乙方提交项目周报", recurrence=weekly),
        ob("payment", "client", "第一期 20%", pay1, trig("effective", "P5D", True), "4.2",
           "第一期 | 本合同生效之日起5个工作日内 | 20% | 人民币壹拾捌万元整（¥180,000.00）",
           amount="180000.00", currency="CNY"),
        ob("payment", "client", "第二期 50%", None, trig("model_delivery", "P30D"), "4.2",
           "第二期 | 甲方交付模型之日起30日内 | 50% | 人民币肆拾伍万元整（¥540,000.00）",
           amount="450000.00", currency="CNY"),
        ob("payment", "client", "第三期 30%", None, trig("acceptance", "P0D"), "4.2",
           "第三期 | 模型验收合格后 | 30% | 人民币贰拾柒万元整（¥270,000.00）",
           amount="270000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "车载语音助手多轮对话理解模型训练项目",
        "provider": "成都锦城数智科技有限公司",
        "client": "西安秦川新能源汽车股份有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "900000.00", "copies": 4,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.0005", per="day", basis="total_fee", cap={"amount": "100000.00"}),
            pen("late_payment", "7.2", rate="0.015", per="month", basis="overdue_amount", suspend=60),
            pen("confidentiality_breach", "7.3", amount="500000.00"),
        ],
    }
    warnings = [warn("amount_mismatch", "4.2", "人民币肆拾伍万元整（¥540,000.00）")]
    return document(name, "zh-Hans", contract, obligations, warnings)


# ----------------------------------------------------------------------------- x03 / x07
def x03(name: str = "x03-haina-waybill-ner.en.txt") -> dict:
    LOG.append(name)
    signed = date(2026, 2, 27)  # the later of 26 February 2026 and 2026-02-27
    eff = date(2026, 3, 1)  # stated: take effect on 1 March 2026
    metrics = {"accuracy": "0.945", "recall": "0.92", "f1": "0.90"}
    fields, derived = term_block(
        eff, None, date(2026, 12, 31), "P60D", "P2Y", ("5.1", "5.2", "6.2"),
        ("This Agreement shall take effect on 1 March 2026 (the \"Effective Date\") and shall remain in force "
         "until December 31, 2026",
         "No later than sixty (60) days before the expiry of this Agreement, if both Parties intend to continue "
         "their cooperation, they shall negotiate and sign a renewal agreement",
         "The confidentiality obligations shall apply during the term of this Agreement and for two (2) years "
         "after its termination"), EN_TITLES, explicit_end=True)
    data_due, _ = due("data delivery eff+7 business days", eff, "P7D", business_days=True)
    pay1, _ = due("payment (a) eff+10 business days", eff, "P10D", business_days=True)
    monthly = "FREQ=MONTHLY;BYMONTHDAY=5"
    first_report = note("monthly report first occurrence", first_occurrence(monthly, eff))
    obligations = [
        ob("data_delivery", "client", "Training data delivery", data_due, trig("effective", "P7D", True), "1.3",
           "Party A shall deliver the Training Data to Party B within seven (7) business days after the "
           "Effective Date"),
        ob("model_delivery", "provider", "Model delivery", note("model delivery (fixed)", date(2026, 7, 15)),
           None, "2.3",
           "Party B shall deliver the trained Model, together with its deployment documentation, to Party A on "
           "or before 2026-07-15"),
        ob("evaluation_report", "provider", "Evaluation report", None, trig("model_delivery", "P10D"), "2.4",
           "Party B shall submit the evaluation report to Party A within ten (10) days after delivery of the Model",
           metrics=metrics),
        ob("progress_report", "provider", "Monthly progress report", first_report, None, "3.5",
           "Party B shall submit a written progress report to Party A on the 5th day of each month",
           recurrence=monthly),
        ob("payment", "client", "First instalment 40%", pay1, trig("effective", "P10D", True), "4.2",
           "40%, i.e. RMB 500,000, within ten (10) business days after the Effective Date",
           amount="500000.00", currency="CNY"),
        ob("payment", "client", "Second instalment 40%", None, trig("acceptance", "P30D"), "4.2",
           "40%, i.e. RMB 500,000, within thirty (30) days after the Model passes acceptance",
           amount="500000.00", currency="CNY"),
        ob("payment", "client", "Balance 20%", note("payment (c) fixed", date(2026, 12, 1)), None, "4.2",
           "the remaining 20%, i.e. RMB 250,000, on or before 1 December 2026",
           amount="250000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "Logistics Waybill Named-Entity Extraction Model Training Project",
        "provider": "Hangzhou Lingxi Artificial Intelligence Technology Co., Ltd.",
        "client": "Shanghai Haina Supply Chain Management Co., Ltd.",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "1250000.00", "copies": 2,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.001", per="day", basis="total_fee",
                cap={"rate": "0.10", "basis": "total_fee"}),
            pen("late_payment", "7.2", rate="0.015", per="month", basis="overdue_amount", suspend=45),
            pen("confidentiality_breach", "7.3", amount="300000.00"),
        ],
    }
    return document(name, "en", contract, obligations, [])


def x07() -> dict:
    return x03("x07-haina-waybill-ner.en.pdf")


# ----------------------------------------------------------------------------- x04
def x04() -> dict:
    name = "x04-hengqin-aml-monitor.zh-Hant.txt"
    LOG.append(name)
    signed = date(2026, 5, 8)
    eff = signed
    metrics = {"accuracy": "0.90", "recall": "0.85"}
    fields, derived = term_block(
        eff, "P1Y6M", add_duration(eff, "P1Y6M"), "P1M", "P5Y", ("5.1", "5.2", "6.2"),
        ("本合同自雙方簽字蓋章之日起生效，有效期一年六個月",
         "合同期滿前一個月，雙方如均有意繼續合作，應另行協商簽訂續約協議",
         "保密期限為本合同有效期內及合同終止後五年"), ZH_TITLES)
    data_due, _ = due("data delivery signing+10 workdays", signed, "P10D", business_days=True)
    model_due, _ = due("model delivery eff+P3M", eff, "P3M")
    pay1, _ = due("payment 1 eff+P15D", eff, "P15D")
    obligations = [
        ob("data_delivery", "client", "訓練數據交付", data_due, trig("signing", "P10D", True), "1.3",
           "乙方應於本合同簽訂後十個工作日內，將脫敏後之全部訓練數據交付甲方"),
        ob("model_delivery", "provider", "模型交付", model_due, trig("effective", "P3M"), "2.3",
           "甲方應自本合同生效之日起三個月內完成模型訓練，並將「模型文件」及「部署說明」一併交付乙方"),
        ob("evaluation_report", "provider", "評估報告", None, trig("model_delivery", "P5D"), "2.4",
           "甲方應於模型交付後五日內向乙方提交評估報告", metrics=metrics),
        ob("payment", "client", "首期款 60%", pay1, trig("effective", "P15D"), "4.2",
           "首期款：本合同生效之日起15日內，乙方支付合同總額之60%，計人民幣312,000.00元",
           amount="312000.00", currency="CNY"),
        ob("payment", "client", "尾款 40%", None, trig("acceptance", "P20D", True), "4.2",
           "尾款：模型驗收合格之日起20個工作日內，乙方支付合同總額之40%，計人民幣208,000.00元",
           amount="208000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "跨境支付反洗錢交易監測模型訓練項目",
        "provider": "珠海橫琴智算科技有限公司",
        "client": "澳門濠江商業銀行股份有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "520000.00", "copies": 3,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.0005", per="day", basis="total_fee",
                cap={"rate": "0.10", "basis": "total_fee"}),
            pen("late_payment", "7.2", rate="0.0006", per="day", basis="overdue_amount", suspend=20),
            pen("confidentiality_breach", "7.3", amount="300000.00"),
        ],
    }
    warnings = [warn("unfilled_blank", "8.2", "[請填寫仲裁委員會名稱]")]
    return document(name, "zh-Hant", contract, obligations, warnings)


# ----------------------------------------------------------------------------- x05
def x05() -> dict:
    name = "x05-lingxi-radiology-report.docx"
    LOG.append(name)
    signed = date(2026, 6, 12)
    eff = signed
    metrics = {"recall": "0.90", "f1": "0.88"}
    fields, derived = term_block(
        eff, "P10M", add_duration(eff, "P10M"), "P20D", "P3Y", ("5.1", "5.2", "6.2"),
        ("本合同自双方签字盖章之日起生效，有效期为十个月",
         "合同期满前二十日，如双方均有意继续合作，应另行协商签订续约协议",
         "保密期限为本合同有效期内及合同终止后三年"), ZH_TITLES)
    data_due, _ = due("data delivery eff+P7D", eff, "P7D")
    pay1, _ = due("payment 1 eff+5 workdays", eff, "P5D", business_days=True)
    monthly = "FREQ=MONTHLY;BYMONTHDAY=10"
    first_report = note("monthly report first occurrence", first_occurrence(monthly, eff))
    obligations = [
        ob("data_delivery", "client", "训练数据交付", data_due, trig("effective", "P7D"), "1.3",
           "乙方应于本合同生效之日起7日内向甲方交付不少于10万份脱敏影像报告文本"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed)", date(2026, 12, 31)), None,
           "2.3", "甲方应于2026年12月31日前完成模型训练并向乙方交付模型"),
        ob("evaluation_report", "provider", "评估报告", None, trig("model_delivery", "P10D", True), "2.4",
           "甲方应于模型交付之日起10个工作日内向乙方提交评估报告", metrics=metrics),
        ob("progress_report", "provider", "月度进度报告", first_report, None, "3.5",
           "甲方应于每月10日前向乙方提交上一月度的项目进度报告", recurrence=monthly),
        ob("payment", "client", "第一期 30%", pay1, trig("effective", "P5D", True), "4.2",
           "第一期\t本合同生效之日起5个工作日内\t30%\t288,000.00", amount="288000.00", currency="CNY"),
        ob("payment", "client", "第二期 40%", None, trig("model_delivery", "P15D"), "4.2",
           "第二期\t甲方交付模型之日起15日内\t40%\t384,000.00", amount="384000.00", currency="CNY"),
        ob("payment", "client", "第三期 30%", None, trig("acceptance", "P10D"), "4.2",
           "第三期\t模型验收合格后10日内\t30%\t288,000.00", amount="288000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "医学影像报告结构化信息抽取模型训练项目",
        "provider": "武汉光谷灵犀智能科技有限公司",
        "client": "长沙麓山智慧医疗科技股份有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "960000.00", "copies": 6,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.001", per="day", basis="total_fee",
                cap={"rate": "0.10", "basis": "total_fee"}),
            pen("late_payment", "7.2", rate="0.0005", per="day", basis="overdue_amount", suspend=30),
            pen("confidentiality_breach", "7.3", amount="200000.00"),
        ],
    }
    return document(name, "zh-Hans", contract, obligations, [])


# ----------------------------------------------------------------------------- x06
def x06() -> dict:
    name = "x06-binhai-gearbox-pdm.txt"
    LOG.append(name)
    signed = date(2026, 12, 9)
    eff = signed
    metrics = {"recall": "0.85", "f1": "0.80"}
    fields, derived = term_block(
        eff, "P15M", add_duration(eff, "P15M"), "P2M", "P3Y", ("5.1", "5.2", "6.2"),
        ("本合同自双方签字盖章之日起生效，有效期为十五个月",
         "合同期满前两个月，如双方均有意继续合作，应另行协商签订续约协议",
         "保密期限为本合同有效期内及合同终止后三年"), ZH_TITLES)
    data1, _ = due("data batch 1 eff+P10D", eff, "P10D")
    pay1, guessed = due("payment 附件一.1 eff+20 workdays", eff, "P20D", business_days=True)
    assert guessed, "x06 must reach a year without holiday data"
    pay1_quote = "首付款：本合同生效之日起20个工作日内，乙方支付合同总额的30%，即人民币210,000元"
    obligations = [
        ob("data_delivery", "client", "第一批训练数据交付", data1, trig("effective", "P10D"), "1.3.2",
           "乙方应于本合同生效之日起10日内向甲方交付第一批训练数据"),
        ob("data_delivery", "client", "第二批训练数据交付", note("data batch 2 (fixed)", date(2027, 1, 15)), None,
           "1.3.3", "乙方应于2027年1月15日前向甲方交付第二批训练数据"),
        ob("model_delivery", "provider", "模型交付", note("model delivery (fixed)", date(2027, 3, 31)), None,
           "2.3.2", "甲方应于2027年3月31日前完成模型训练，并向乙方交付模型及在线推理服务"),
        ob("evaluation_report", "provider", "评估报告", None, trig("model_delivery", "P5D", True), "2.4.2",
           "甲方应于模型交付之日起5个工作日内向乙方提交评估报告", metrics=metrics),
        ob("payment", "client", "首付款 30%", pay1, trig("effective", "P20D", True), "附件一.1", pay1_quote,
           amount="210000.00", currency="CNY"),
        ob("payment", "client", "进度款 50%", None, trig("model_delivery", "P10D", True), "附件一.2",
           "进度款：甲方交付模型之日起10个工作日内，乙方支付合同总额的50%，即人民币350,000元",
           amount="350000.00", currency="CNY"),
        ob("payment", "client", "尾款 20%", None, trig("acceptance", "P30D"), "附件一.3",
           "尾款：模型验收合格之日起30日内，乙方支付合同总额的20%，即人民币140,000元",
           amount="140000.00", currency="CNY"),
        *derived,
    ]
    contract = {
        "title": "风电齿轮箱故障预测时序模型训练项目",
        "provider": "天津滨海智维科技有限公司",
        "client": "河北冀东重型装备集团有限公司",
        "signed_date": signed.isoformat(), **fields,
        "currency": "CNY", "total_fee": "700000.00", "copies": 4,
        "metrics_targets": metrics,
        "penalties": [
            pen("late_delivery", "7.1", rate="0.0005", per="day", basis="total_fee",
                cap={"rate": "0.05", "basis": "total_fee"}),
            pen("late_payment", "7.2", rate="0.0004", per="day", basis="overdue_amount", suspend=60),
            pen("confidentiality_breach", "7.3", amount="300000.00"),
        ],
    }
    warnings = [warn("calendar_out_of_range", "附件一.1", pay1_quote)]
    return document(name, "zh-Hans", contract, obligations, warnings)


def main(argv: list[str]) -> int:
    builders = {"x01": x01, "x02": x02, "x03": x03, "x04": x04, "x05": x05, "x06": x06, "x07": x07}
    wanted = argv or list(builders)
    for key in wanted:
        if key == "x07" and not (HERE / "x07-haina-waybill-ner.en.pdf").exists():
            print("x07: PDF missing, run make_x07.py first", file=sys.stderr)
            continue
        doc = builders[key]()
        out = HERE / (doc["source"]["file"].rsplit(".", 1)[0] + ".expected.json")
        out.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("\n".join(LOG))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
