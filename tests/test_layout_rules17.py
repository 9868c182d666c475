"""Rules from blind batches 88-91: a supplement that amends the original contract's clauses by number
("原合同第4.2条约定的模型交付日期由…变更为…") where its own clauses carry the same numbers; a payment time
written as a label ("支付时间调整为…"); a lead-in over its items that states only their total; an English
licence's software delivery and source-code escrow."""

from __future__ import annotations

from typing import Any

from tracker.parse import parse_text


def _parse(text: str, name: str = "t.txt") -> dict[str, Any]:
    return parse_text(text, name).to_json()


SUPPLEMENT = ("补充协议（三）\n委托方（甲方）：武汉某物流有限公司\n开发方（乙方）：武汉某人工智能有限公司\n"
              "第一条　里程碑调整\n1. 原合同第4.2条约定的模型交付日期由2026年6月30日变更为2026年8月14日。\n"
              "2. 自本补充协议签订之日起，乙方的进度报告由每月一次改为每周一次，于每周四提交。\n"
              "3. 终验通过后，乙方应提供为期三个月的驻场优化服务，驻场期间发现的识别缺陷应在5个工作日内修复。\n"
              "第二条　付款节点调整\n1. 原合同第5.2条约定的第二期款人民币160,000元，支付时间调整为2026年7月31日前。\n"
              "2. 原合同第5.3条约定的第三期款人民币240,000元，支付时间调整为终验合格之日起十五个工作日内。\n"
              "第三条　其他\n1. 本补充协议自双方签字盖章之日起生效。\n"
              "第四条　期限\n1. 原合同有效期延长至2026年12月31日。\n"
              "2. 原合同终止后20日内，乙方应向甲方移交模型源代码、训练脚本及全部技术文档。\n"
              "甲方（盖章）：武汉某物流有限公司\n签订日期：2026年6月12日\n")


def test_a_supplement_amends_the_original_contracts_clause_not_its_own_clause_of_that_number() -> None:
    """"原合同第4.2条" is the amended contract's clause: the supplement's own 4.2 (a hand-over after the
    term) keeps its date, and the new delivery date is the model's delivery."""
    obs = {(o["clause"], o["kind"]): (o["party"], o["due_date"]) for o in _parse(SUPPLEMENT)["obligations"]}
    assert obs[("1.1", "model_delivery")] == ("provider", "2026-08-14")
    assert obs[("4.2", "other")] == ("provider", "2027-01-20")


def test_an_amended_instalment_keeps_its_sum_and_its_time_label_names_the_payment() -> None:
    """The sum names the instalment whose time changes (the new wording states no other sum); "支付时间调整为
    终验合格之日起十五个工作日内" is the payment's time."""
    pays = [(o["clause"], o["amount"], o["due_date"], o["trigger"]) for o in _parse(SUPPLEMENT)["obligations"]
            if o["kind"] == "payment"]
    assert pays == [("2.1", "160000.00", "2026-07-31", None),
                    ("2.2", "240000.00", None, {"event": "acceptance", "offset": "P15D", "business_days": True})]


def test_once_a_week_is_no_monday_and_a_services_length_is_no_term() -> None:
    """"每周一次，于每周四提交": Thursdays; "提供为期三个月的驻场优化服务" is the length of a service, the term
    is the extended one."""
    doc = _parse(SUPPLEMENT)
    assert [o["recurrence"] for o in doc["obligations"] if o["kind"] == "progress_report"] == ["FREQ=WEEKLY;BYDAY=TH"]
    assert (doc["contract"]["term"], doc["contract"]["expiry_date"]) == (None, "2026-12-31")


def test_a_lead_in_that_states_only_the_total_pays_nothing_itself() -> None:
    text = ("补充协议（二）\n甲方（委托方）：杭州某资产管理有限公司\n乙方（服务方）：上海某信息科技有限公司\n"
            "第三条 付款安排\n原合同第五条约定的付款安排自本协议生效之日起废止，延长期服务费按以下约定支付，"
            "本协议项下甲方应付服务费合计人民币300,000元。\n1. 第一笔：甲方应于本协议签订之日起10日内支付人民币100,000元；\n"
            "2. 第二笔：甲方应于2026年12月25日前支付人民币200,000元。\n"
            "甲方（盖章）：杭州某资产管理有限公司　　签署日期：2026年11月26日\n")
    assert [o["amount"] for o in _parse(text)["obligations"] if o["kind"] == "payment"] == ["100000.00", "200000.00"]


def test_an_english_licence_delivers_its_software_and_deposits_the_source_code() -> None:
    """"Licensor shall deliver the Software, the license keys…" is the model's delivery (the licensed software is
    the model); depositing the source code with an escrow agent is a duty; "the term of this Agreement, is
    twelve (12) months" is the term."""
    text = ("SOFTWARE LICENSE AND MAINTENANCE AGREEMENT\nLicensor: BrightForge Inc.\nLicensee: Weld Co., Ltd.\n"
            "1. Effective Date: November 4, 2026.\n"
            "2.2 Licensor shall deliver the Software, the license keys and the installation media within five (5) days "
            "after the Effective Date.\n2.3 Within thirty (30) days after the Effective Date, Licensor shall deposit the "
            "source code of the Software with the escrow agent named in Exhibit C.\n"
            "6.1 The Initial Support Term, and the term of this Agreement, is twelve (12) months starting on the Effective Date.\n")
    doc = _parse(text, "t.en.txt")
    assert doc["contract"]["term"] == "P12M"
    got = [(o["kind"], o["due_date"]) for o in doc["obligations"] if o["kind"] != "contract_expiry"]
    assert got == [("model_delivery", "2026-11-09"), ("other", "2026-12-04")]


MAINTENANCE = ("軟體維護契約書\n立契約書人\n委託維護單位：財團法人仁和綜合醫院（以下簡稱甲方）\n"
               "承攬維護廠商：晴嵐數位科技股份有限公司（以下簡稱乙方）\n"
               "第1條　維護期間\n一、本契約自雙方簽署之日起生效；維護期間自中華民國115年1月1日起至115年12月31日止。\n"
               "第2條　契約價金\n一、本契約總價為新臺幣壹佰零貳萬元整。\n二、自115年2月起，甲方應於每月15日前支付上月維護費。\n"
               "第3條　維護工作\n一、甲方應於簽約之次日起七日內，提供系統管理者帳號、最新版原始碼及系統架構文件予乙方。\n"
               "二、乙方應於115年6月30日前提送上半年度系統健檢報告。\n"
               "第4條　違約責任\n一、乙方未依第3條所定期限提送文件或報告者，按日以契約價金總額千分之一計算逾期違約金，"
               "逾期違約金總額以契約價金總額百分之十為上限。\n"
               "立契約書人\n甲方：財團法人仁和綜合醫院\n乙方：晴嵐數位科技股份有限公司\n中華民國114年12月19日\n")


def test_a_maintenance_contract_whose_sides_are_named_only_by_their_work() -> None:
    """委託維護單位 and 承攬維護廠商 name no role word the lexicon holds: the side that pays the 維護費 is the
    client; the 維護期間 range is the term when the contract states no other; accounts, source code and an
    architecture document handed 予乙方 are no data; "未依…期限提送文件" is late delivery."""
    doc = _parse(MAINTENANCE, "t.zh-Hant.txt")
    c = doc["contract"]
    assert (c["provider"], c["client"], c["expiry_date"]) == ("晴嵐數位科技股份有限公司", "財團法人仁和綜合醫院", "2026-12-31")
    hand_over = next(o for o in doc["obligations"] if o["clause"] == "3.1")
    assert (hand_over["kind"], hand_over["party"]) == ("other", "client")
    assert [(p["kind"], p["rate"], p["per"], p["cap"]) for p in c["penalties"]] == \
        [("late_delivery", "0.001", "day", {"rate": "0.10", "basis": "total_fee"})]


TERMINATION = ("关于《坐席通话智能质检模型服务合同》之提前终止协议\n委托方（甲方）：江南某消费金融股份有限公司\n"
               "服务方（乙方）：杭州某语音智能科技有限公司\n"
               "一、终止日期\n（一）原合同自2026年1月31日（以下简称“终止日”）起终止，双方不再履行原合同项下尚未履行的义务。\n"
               "二、数据处置\n（一）乙方应于终止日后十个工作日内，将甲方提供的全部通话录音返还甲方。\n"
               "三、保密\n原合同约定的保密义务在终止日后继续有效，期限为三年。\n"
               "甲方（盖章）：江南某消费金融股份有限公司\n日期：2026年1月9日\n")


def test_an_early_termination_agreement_ends_the_contract_on_its_termination_day() -> None:
    """"原合同自2026年1月31日（以下简称“终止日”）起终止" is the end: what falls due after the 终止日 counts from
    it, and "期限为三年" in the confidentiality sentence is its period."""
    doc = _parse(TERMINATION)
    c = doc["contract"]
    assert (c["expiry_date"], c["confidentiality_term"], c["confidentiality_expiry"]) == ("2026-01-31", "P3Y", "2029-01-31")
    back = next(o for o in doc["obligations"] if o["clause"] == "2.1")
    assert (back["trigger"], back["due_date"]) == ({"event": "expiry", "offset": "P10D", "business_days": True}, "2026-02-13")


def test_a_data_work_contracts_unnamed_batch_deliveries_are_that_work() -> None:
    """"資料標註勞務契約書": "第一批（三千小時）：乙方應於…交付" hands over labelled data (``other``), not a model; a
    monthly 標註進度表 is a progress report."""
    text = ("資料標註勞務契約書\n甲方（委託方）：某客服股份有限公司\n乙方（受託方）：某標註股份有限公司\n"
            "簽約日期：中華民國115年9月22日\n第四條　分批交付\n一、第一批（三千小時）：乙方應於中華民國115年10月27日前交付。\n"
            "二、乙方應於每月底前提送當月標註進度表及品質自檢紀錄。\n")
    got = [(o["kind"], o["party"]) for o in _parse(text, "t.zh-Hant.txt")["obligations"] if o["clause"].startswith("4.")]
    assert got == [("other", "provider"), ("progress_report", "provider")]
