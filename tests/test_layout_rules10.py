"""Found by blind batch 56: a quotation that becomes the contract when the client signs it back. It is
written in the first person (本公司) under a letterhead, in lettered sections (A. / B. / C.) whose items
restart at 1, with a price table's total row, a representative's line with its date and an acceptance
block under it."""

from __future__ import annotations

from tracker.parse import parse_text

QUOTATION = """# 北辰数智科技有限公司
地址：深圳市南山区科技园 ｜ 电话：0755-1234 5678

## 报价单

| 项目 | 内容 |
|---|---|
| 报价日期 | 2026年3月2日 |
| 客户 | 云帆物流股份有限公司 |
| 项目名称 | 仓库货架识别模型训练 |

### A. 服务内容及价格

| 序号 | 内容 | 金额（人民币） |
|---|---|---:|
| 1 | 模型训练 | 200,000.00 |
| 2 | 部署及培训 | 100,000.00 |
|  | **合计** | **300,000.00** |

### B. 付款

1. 首付款：客户须于签署接纳本报价单后五个工作日内，支付总额的50%，即人民币150,000元。
2. 尾款：客户须于验收合格后十五日内支付总额的50%，即人民币150,000元。

### C. 交付

1. 客户须于签署接纳后十个工作日内提供不少于3,000张货架图像。
2. 本公司将于2026年6月30日前完成模型的部署。
3. 本公司须于部署完成后五个工作日内提交《模型测试报告》，列明准确率（不低于95%）。
4. 本公司须于签署接纳后二十个工作日内提交《数据保护影响评估报告》。

### D. 条款

1. 生效：本报价单经客户签署接纳之日起生效。
2. 期限：本合同有效期由生效日起计十二个月。
3. 保密：保密责任于本合同终止后持续三年。

本公司代表：周明（销售总监）　　日期：2026年3月2日

### 客户接纳

| 项目 | 内容 |
|---|---|
| 客户名称 | 云帆物流股份有限公司 |
| 日期 | 2026年3月9日 |
"""


def _parsed() -> dict:  # type: ignore[type-arg]
    return parse_text(QUOTATION, "quotation.md").to_json()


def test_the_first_person_is_the_other_side_of_the_client_and_its_letterhead_names_it() -> None:
    d = _parsed()
    assert d["contract"]["provider"] == "北辰数智科技有限公司"
    assert d["contract"]["client"] == "云帆物流股份有限公司"
    by_quote = {o["quote"][:12]: o for o in d["obligations"]}
    deploy = next(o for q, o in by_quote.items() if "完成模型的部署" in o["quote"])
    assert (deploy["kind"], deploy["party"], deploy["due_date"]) == ("model_delivery", "provider", "2026-06-30")
    report = next(o for o in d["obligations"] if "模型测试报告" in o["quote"])
    assert (report["kind"], report["party"]) == ("evaluation_report", "provider")


def test_an_impact_assessment_is_no_evaluation_of_the_model() -> None:
    d = _parsed()
    dpia = next(o for o in d["obligations"] if "影响评估报告" in o["quote"])
    assert dpia["kind"] == "other"


def test_lettered_sections_restart_their_items() -> None:
    d = _parsed()
    data = next(o for o in d["obligations"] if "货架图像" in o["quote"])
    assert data["kind"] == "data_delivery"
    assert data["quote"].endswith("货架图像")  # the item alone, not run on into the next section
    assert data["clause"] == "3.1"  # C is the third section


def test_the_acceptance_block_dates_the_signature_and_the_total_row_prices_it() -> None:
    c = _parsed()["contract"]
    assert c["signed_date"] == "2026-03-09"  # the client's acceptance, the later of the two dates
    assert c["effective_date"] == "2026-03-09"
    assert c["total_fee"] == "300000.00"  # the table's total row, not "总额的50%，即…"
    assert c["currency"] == "CNY"
    assert c["term"] == "P12M"  # "由生效日起计十二个月"
    assert c["confidentiality_term"] == "P3Y"  # "终止后持续三年"


def test_a_price_stated_as_the_total_counts() -> None:
    text = ("合同\n甲方：甲公司\n乙方：乙公司\n第一条 价款\n1. 软件许可价格为人民币680,000元（大写：陆拾捌万元整），即本协议总价款。\n"
            "2. 甲方于验收合格后30日内支付总价款的60%，即人民币408,000元。\n")
    assert parse_text(text, "t.txt").to_json()["contract"]["total_fee"] == "680000.00"


def test_the_first_person_is_read_only_against_one_named_role() -> None:
    from tracker.parse.normalize import normalize
    from tracker.parse.party_self_zh import self_party

    me = self_party(normalize(QUOTATION).text)
    assert me is not None and me[:2] == ("本公司", "provider")
    sides = "甲方应于2026年6月30日前付款。本公司将于2026年7月1日前提交报告。"
    assert self_party(sides) is None  # 甲方/乙方 name the sides: no guess
    both = "客户须于5日内付款。供应商须于10日内交付。本公司将于2026年7月1日前提交报告。"
    assert self_party(both) is None  # both roles named: 本公司 could be either
    buyer = "供应商须于2026年5月10日前交货。本公司将于收货后30日内付款。"
    assert self_party(buyer)[:2] == ("本公司", "client")  # a purchase order the buyer issues  # type: ignore[index]


T_NAMES = ("技术服务合同\n委托方（甲方）：甲银行股份有限公司\n受托方（乙方）：乙科技有限公司\n"
           "第一条 定义\n1.1 本合同所称“T日”指本合同生效之日；“T1日”指甲方签发《平台上线确认书》之日；"
           "“T2日”指甲方签发《终验报告》之日。\n"
           "第二条 实施\n2.1 甲方应于T+10个工作日内向乙方提供脱敏样本数据。\n"
           "2.2 乙方应于T1+20个工作日内提交《模型评估报告》。\n2.3 乙方应于T2+10日内移交源代码。\n"
           "第三条 付款\n3.1 甲方应于T1+30日内支付第二期款项人民币100,000元。\n"
           "第四条 其他\n4.1 本合同自双方签字盖章之日起生效。\n（以下无正文）\n甲方（盖章）：甲银行股份有限公司\n日期：2026年3月2日\n"
           "乙方（盖章）：乙科技有限公司\n日期：2026年3月2日\n")


def test_days_the_contract_names_t_t1_t2_anchor_its_deadlines() -> None:
    obs = {o["clause"]: o for o in parse_text(T_NAMES, "t.txt").to_json()["obligations"]}
    assert obs["2.1"]["trigger"] == {"event": "effective", "offset": "P10D", "business_days": True}
    assert obs["2.1"]["due_date"] == "2026-03-16"
    assert obs["2.2"]["trigger"] == {"event": "model_delivery", "offset": "P20D", "business_days": True}  # a 上线确认书
    assert obs["2.3"]["trigger"] == {"event": "acceptance", "offset": "P10D", "business_days": False}  # the 终验报告
    assert obs["3.1"]["trigger"] == {"event": "model_delivery", "offset": "P30D", "business_days": False}


COUNTERSIGNED = """# 瀚星智能科技股份有限公司

## 報價單（兼服務契約）

| 項目 | 內容 |
|---|---|
| 客戶名稱 | 宏達精密工業股份有限公司 |
| 專案名稱 | 客服知識庫建置專案 |

### 一、交易條件

1. 契約成立：本報價單經客戶簽章回傳之日（下稱「回簽日」）起成立契約。
2. 資料提供：客戶應於回簽日起5個工作天內，提供FAQ文件及客服對話紀錄。
3. 交付：本公司應於2026/10/30前完成知識庫建置。
4. 付款：期中款新臺幣500,000元，於系統上線後由本公司開立統一發票，客戶於收到發票後15個工作天內付款。

### 二、客戶回簽

| 報價方 | 客戶回簽 |
|---|---|
| 瀚星智能科技股份有限公司（公司章） | 宏達精密工業股份有限公司（公司及負責人章） |
| 日期：2026/09/14 | 回簽日期：2026/09/21 |
"""


def test_a_countersigned_quotation_is_signed_on_its_countersignature() -> None:
    d = parse_text(COUNTERSIGNED, "q.zh-Hant.md").to_json()
    c = d["contract"]
    assert (c["provider"], c["client"]) == ("瀚星智能科技股份有限公司", "宏達精密工業股份有限公司")  # 客戶名稱 | …
    assert c["signed_date"] == "2026-09-21"  # the sealed table's later date
    data = next(o for o in d["obligations"] if o["kind"] == "data_delivery")
    assert data["trigger"] == {"event": "signing", "offset": "P5D", "business_days": True}  # 回簽日: countersigned
    pay = next(o for o in d["obligations"] if o["kind"] == "payment")  # "客戶於…內付款": no 應 or 須, still a duty
    assert (pay["amount"], pay["trigger"]) == ("500000.00", {"event": "invoice", "offset": "P15D", "business_days": True})


def test_a_series_until_a_report_is_the_series_report_and_a_broken_decimal_is_read() -> None:
    text = ("技术服务合同\n甲方：甲汽车有限公司\n乙方：乙智能科技有限公司\n一、指标\n1. 微调后的模型应达到：准确率不低于95%，F1值不低于0 .94。\n"
            "二、交付\n1. 乙方应于2027年1月15日前交付模型。\n2. 自2026年10月16日起，乙方应于每周五向甲方提交《项目周报》，直至模型评测报告经甲方确认。\n")
    d = parse_text(text, "t.txt").to_json()
    assert d["contract"]["metrics_targets"] == {"accuracy": "0.95", "f1": "0.94"}  # "0 .94": a PDF text layer's space
    weekly = next(o for o in d["obligations"] if o["recurrence"])
    assert (weekly["kind"], weekly["recurrence"], weekly["due_date"]) == ("progress_report", "FREQ=WEEKLY;BYDAY=FR", "2026-10-16")


def test_a_contract_system_export_header_gives_the_written_end_date() -> None:
    text = ("---\n合同编号: ZK-2026-03\n签订日期: 2026-04-28\n生效日期: 2026-05-06\n到期日期: 2027-05-05\n---\n\n# 技术服务合同\n\n"
            "**甲方（委托方）：**上海甲保险代理有限公司\n\n**乙方（服务方）：**杭州乙智能科技有限公司\n\n## 第五条 期限\n\n"
            "5.1 本合同自生效之日起有效期一年。\n")
    c = parse_text(text, "export.md").to_json()["contract"]
    assert (c["term"], c["expiry_date"]) == ("P1Y", "2027-05-05")  # the header's written end wins over a computed one
