"""Mechanisms added for blind batches 11-13 (each example written here by hand, several wordings):
role words from stems, short numbered titles as articles, one payment rule for a table's rows,
contracts without clause numbers, fronted deadlines, whose duty an evaluation report is."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.parse import parse_text
from tracker.parse.lexicon_zh import role_word

HEAD = "甲方：甲公司\n乙方：乙公司\n"


def _json(text: str, name: str = "x.txt") -> dict:  # type: ignore[type-arg]
    return parse_text(text, name).to_json()


@pytest.mark.parametrize("word,role", [
    ("授权人", "provider"), ("被授权人", "client"), ("许可方", "provider"), ("被许可人", "client"),
    ("让与人", "provider"), ("受让人", "client"), ("受让方", "client"), ("转让方", "provider"),
    ("被委托方", "provider"), ("委托单位", "client"), ("开发者", "provider"), ("开发商", "provider"),
    ("订购方", "client"), ("出卖人", "provider"), ("买受人", "client"),
])
def test_role_words_from_stems(word: str, role: str) -> None:
    assert role_word(word) == role


@pytest.mark.parametrize("word", ["开发人员", "服务人员", "技术人员", "采购方式"])
def test_staff_and_manners_are_no_parties(word: str) -> None:
    assert role_word(word) is None


def test_licence_parties_by_stem_in_traditional() -> None:
    text = ("語料授權契約\n授權人：晨星股份有限公司（以下簡稱甲方）\n被授權人：新竹科技股份有限公司（以下簡稱乙方）\n"
            "第一條 給付\n乙方應於民國115年10月1日前給付授權金新臺幣10萬元。\n")
    c = _json(text)["contract"]
    assert (c["provider"], c["client"]) == ("晨星股份有限公司", "新竹科技股份有限公司")


def test_short_numbered_titles_are_articles_in_sequence() -> None:
    text = (HEAD + "1. 服务内容\n1.1 乙方提供模型训练服务。\n1.2 甲方应于2026年5月10日前提供训练数据。\n"
            "2. 合同价款\n合同总金额为人民币100,000元。\n2.1 甲方应于2026年6月1日前支付全部价款。\n"
            "3. 合同期限\n本合同自2026年5月1日起生效，有效期一年。\n"
            "4. 保密\n保密期限为本合同终止后两年。\n")
    obs = _json(text)["obligations"]
    clauses = {o["kind"]: o["clause"] for o in obs}
    assert clauses["data_delivery"] == "1.2"
    assert clauses["payment"] == "2.1"
    assert clauses["contract_expiry"] == "3"
    assert clauses["confidentiality_expiry"] == "4"


@pytest.mark.parametrize("rule", [
    "2.1 各期款项由甲方在对应里程碑达成之日起10个工作日内支付至乙方账户。",
    "2.1 每期款项甲方应于相应节点完成后10个工作日内支付。",
])
def test_one_rule_pays_every_row_of_a_table(rule: str) -> None:
    text = (HEAD + "1. 服务内容\n1.1 乙方为甲方微调模型。\n"
            "2. 里程碑与付款\n合同总金额为人民币500,000元。\n\n"
            "  里程碑    内容              完成时间             付款比例   付款金额（元）\n"
            "  M1        合同签订          2026年9月8日         20%        100,000\n"
            "  M2        模型交付          2026年10月30日前     50%        250,000\n"
            "  M3        验收合格          —                    30%        150,000\n\n"
            + rule + "\n3. 其他\n本合同自2026年9月8日签订之日起生效。\n")
    pays = [o for o in _json(text)["obligations"] if o["kind"] == "payment"]
    assert [(o["trigger"]["event"], o["trigger"]["offset"], o["trigger"]["business_days"], o["amount"]) for o in pays] == [
        ("signing", "P10D", True, "100000.00"), ("model_delivery", "P10D", True, "250000.00"),
        ("acceptance", "P10D", True, "150000.00")]
    assert all(o["clause"] == "2.1" for o in pays)


def test_a_rule_with_no_table_stays_one_duty() -> None:
    text = HEAD + "第一条 付款\n各期款项由甲方在收到发票之日起10日内支付。\n"
    pays = [o for o in _json(text)["obligations"] if o["kind"] == "payment"]
    assert len(pays) == 1 and pays[0]["trigger"]["event"] == "invoice"


def test_unnumbered_contract_is_read_paragraph_by_paragraph() -> None:
    text = ("数据服务合同\n\n委托方（以下简称甲方）：甲公司\n受托方（以下简称乙方）：乙公司\n\n"
            "双方于2026年3月2日签订本合同，条款如下。\n\n"
            "甲方应在合同签订后十日内向乙方提供训练数据。乙方应在收到数据之日起三十日内交付模型。\n\n"
            "合同总价为人民币200,000元，甲方应在验收合格后十五日内一次付清。\n\n"
            "乙方逾期交付的，每逾期一日按合同总价的千分之一支付违约金。\n\n"
            "本合同自签订之日起生效，有效期为一年。\n\n"
            "甲方（盖章）：甲公司　　乙方（盖章）：乙公司\n日期：2026年3月2日\n")
    out = _json(text)
    kinds = sorted(o["kind"] for o in out["obligations"])
    assert kinds == ["contract_expiry", "data_delivery", "model_delivery", "payment"]
    assert all(o["clause"] is None for o in out["obligations"])
    assert out["contract"]["penalties"][0]["rate"] == "0.001"
    assert out["contract"]["penalties"][0]["clause"] is None
    assert out["contract"]["expiry_date"] == "2027-03-02"


def test_fronted_deadline_opens_its_own_duty() -> None:
    text = HEAD + ("第一条 交付\n乙方应在合同签订之日起六十日内完成模型开发并部署上线，上线后十个工作日内，"
                   "乙方应提交第三方测试报告。\n第二条 其他\n本合同于2026年3月2日签订。\n")
    obs = {o["kind"]: o for o in _json(text)["obligations"]}
    assert obs["model_delivery"]["trigger"]["offset"] == "P60D"
    assert (obs["evaluation_report"]["trigger"]["event"], obs["evaluation_report"]["trigger"]["offset"]) == \
        ("model_delivery", "P10D")


@pytest.mark.parametrize("sentence", [
    "甲方应在收到测试报告后七个工作日内组织验收，验收以测试报告为依据。",
    "甲方应于收到评估报告之日起5个工作日内对评估报告进行确认。",
])
def test_the_clients_step_on_a_report_is_other(sentence: str) -> None:
    text = HEAD.replace("甲方：", "委托方（甲方）：").replace("乙方：", "受托方（乙方）：") + "第一条 验收\n" + sentence + "\n"
    obs = _json(text)["obligations"]
    assert [(o["kind"], o["party"]) for o in obs] == [("other", "client")]


def test_a_licence_fee_total_is_the_total_fee_basis() -> None:
    text = (HEAD + "第一条 违约\n甲方逾期交付者，每逾一日按授权金总额千分之一计付违约金。\n"
            "乙方逾期付款的，违约金总额以应付金额百分之十为限。\n")
    pens = _json(text)["contract"]["penalties"]
    assert pens[0]["basis"] == "total_fee"


def test_a_recurring_evaluation_report_keeps_its_kind_and_stated_start() -> None:
    text = HEAD + ("第一条 报告\n乙方应于每季度最后一个月的二十五日前，自2026年第四季度起，向甲方提交效果评测报告，"
                   "准确率不低于90%。\n第二条 期限\n本合同于2026年9月16日签订并生效，有效期两年。\n")
    ob = next(o for o in _json(text)["obligations"] if o["recurrence"])
    assert ob["kind"] == "evaluation_report"
    assert ob["due_date"] == "2026-12-25"
    assert Decimal(ob["metrics"]["accuracy"]) == Decimal("0.90")


EN = ('SERVICES AGREEMENT\n\nThis Agreement is entered into between Alpha Ltd. (the "Provider") and Beta Ltd. '
      '(the "Customer").\n\n1. Definitions\n1.1 "Service Term" means the twelve (12) month period from March 1, 2027 '
      'to February 29, 2028.\n\n2. Fees\n2.1 The fees are a one-time Setup Fee of USD 20,000 and a Monthly Fee of '
      'USD 10,000, in total USD 140,000.\n2.2 The Customer shall pay the Setup Fee within ten (10) days after the '
      'Effective Date.\n\n3. Term\n3.1 The Customer may extend the Service Term by written notice given no later '
      'than sixty (60) days before the end of the Service Term.\n3.2 Within fifteen (15) days after the end of the '
      'Service Term, the Provider shall delete all Customer data.\n\n4. Remedies\n4.1 If the Provider fails to make '
      'the service available by March 1, 2027, the Provider shall pay liquidated damages of USD 1,000 for each day '
      'of delay, up to a maximum of USD 30,000.\n\nSigned on January 4, 2027.\n')


def test_english_named_term_fee_and_daily_sum() -> None:
    out = _json(EN, "x.en.txt")
    c = out["contract"]
    assert c["total_fee"] == "140000.00"
    assert c["renewal_notice"] == "P60D"
    obs = out["obligations"]
    setup = next(o for o in obs if o["kind"] == "payment")
    assert setup["amount"] == "20000.00"
    delete = next(o for o in obs if o["kind"] == "other" and "delete" in o["quote"])
    assert (delete["trigger"]["event"], delete["trigger"]["offset"]) == ("expiry", "P15D")
    pen = c["penalties"][0]
    assert (pen["kind"], pen["amount"], pen["per"], pen["cap"]) == ("late_delivery", "1000.00", "day", {"amount": "30000.00"})


AMENDMENT = ("技术服务合同变更协议\n甲方（委托方）：甲公司\n乙方（受托方）：乙公司\n"
             "第一条 价款\n原合同总价人民币100万元，因新增工作追加人民币10万元，变更后合同总价为人民币110万元。\n"
             "第二条 交付\n一、原约定：乙方应于2026年12月31日前完成系统交付。\n"
             "　　变更为：乙方应于2027年2月26日前完成系统交付。\n"
             "第三条 违约\n一、原约定：乙方逾期交付的，每日按合同总价千分之一支付违约金。\n"
             "　　变更为：乙方逾期交付的，每日按逾期部分价款千分之三支付违约金。\n"
             "第四条 期限\n原合同期限至2027年6月30日止，变更为延长至2027年9月30日止。\n"
             "第五条 付款\n追加价款人民币10万元，甲方应于本协议签订之日起30日内支付。\n"
             "本协议于2026年12月15日签订。\n")


def test_old_wording_in_prose_states_no_fact() -> None:
    out = _json(AMENDMENT)
    c = out["contract"]
    assert c["total_fee"] == "1100000.00"
    assert c["expiry_date"] == "2027-09-30"
    models = [o for o in out["obligations"] if o["kind"] == "model_delivery"]
    assert [o["due_date"] for o in models] == ["2027-02-26"]
    pen = c["penalties"]
    assert [(p["rate"], p["basis"]) for p in pen] == [("0.003", "delayed_amount")]
    assert not [w for w in out["warnings"] if w["code"] in ("amount_mismatch", "unrecognised_duty")]


def test_key_value_table_states_the_signing_date() -> None:
    text = ("# 数据采购合同\n\n| 条款 | 内容 |\n|---|---|\n| 买受人（甲方） | 甲公司 |\n| 出卖人（乙方） | 乙公司 |\n"
            "| 签订日期 | 二〇二六年四月二十八日 |\n| 一、交付 | 乙方应于合同签订之日起十日内交付数据。 |\n")
    assert _json(text, "x.md")["contract"]["signed_date"] == "2026-04-28"


@pytest.mark.parametrize("sentence,event", [
    ("规划终稿经甲方书面确认后10个工作日内，甲方支付剩余50%。", "acceptance"),
    ("期中报告经甲方审查通过后三十日内，甲方支付研究经费百分之三十。", "acceptance"),
    ("研究报告通过甲方审核后15日内，甲方支付尾款。", "acceptance"),
])
def test_approval_words_are_acceptance(sentence: str, event: str) -> None:
    text = HEAD.replace("甲方：", "委托方（甲方）：").replace("乙方：", "受托方（乙方）：") + "第一条 付款\n" + sentence + "\n"
    pays = [o for o in _json(text)["obligations"] if o["kind"] == "payment"]
    assert [o["trigger"]["event"] for o in pays] == [event]


def test_a_report_stating_the_metrics_is_the_evaluation_report() -> None:
    text = HEAD.replace("甲方：", "委托方（甲方）：").replace("乙方：", "受托方（乙方）：") + \
        "第一条 报告\n乙方应于2026年11月30日前提交期末报告，载明模型之字元正确率及关键词召回率。\n"
    obs = _json(text)["obligations"]
    assert [(o["kind"], o["due_date"]) for o in obs] == [("evaluation_report", "2026-11-30")]


def test_a_recurring_service_report_with_metrics_stays_a_progress_report() -> None:
    text = HEAD.replace("甲方：", "委托方（甲方）：").replace("乙方：", "服务方（乙方）：") + \
        "第一条 报告\n乙方应于每月10日前提交月度服务报告，报告包括识别准确率及接通率。\n"
    obs = _json(text)["obligations"]
    assert [o["kind"] for o in obs] == ["progress_report"]


SOW = ("# STATEMENT OF WORK No. 3\n\n| | |\n|---|---|\n| Customer | Gamma Legal Co., Ltd. |\n"
       "| Supplier | Delta AI Co., Ltd. |\n| Project Name | Clause Finder |\n"
       "| SOW Effective Date | the date of the last signature below |\n\n"
       "## 1. Fees\n\n1.1 The fixed fees for this SOW are RMB 500,000 (the \"SOW Fees\").\n\n"
       "1.2 Supplier shall deliver the Model on or before September 30, 2026.\n\n"
       "| Gamma Legal Co., Ltd. | Delta AI Co., Ltd. |\n|---|---|\n| By: Chen Yi, Counsel | By: Zhao Lei, CEO |\n"
       "| Date: June 10, 2026 | Date: June 8, 2026 |\n\n---\n\n# CHANGE ORDER No. 1 to Statement of Work No. 3\n\n"
       "CO1.1 The SOW Fees are increased from RMB 500,000 to RMB 560,000.\n\n"
       "CO1.2 Supplier shall deliver a user guide on or before November 13, 2026.\n\n"
       "| Gamma Legal Co., Ltd. | Delta AI Co., Ltd. |\n|---|---|\n| By: Chen Yi, Counsel | By: Zhao Lei, CEO |\n"
       "| Date: August 21, 2026 | Date: August 19, 2026 |\n")


def test_sow_cover_table_and_change_order() -> None:
    out = _json(SOW, "x.en.md")
    c = out["contract"]
    assert (c["provider"], c["client"], c["title"]) == ("Delta AI Co., Ltd.", "Gamma Legal Co., Ltd.", "Clause Finder")
    assert (c["signed_date"], c["effective_date"]) == ("2026-06-10", "2026-06-10")
    assert c["total_fee"] == "560000.00"
    guide = next(o for o in out["obligations"] if o["due_date"] == "2026-11-13")
    assert guide["clause"] == "CO1.2" and guide["party"] == "provider"


TW = ("軟體授權契約\n甲方（委託人）：甲銀行股份有限公司\n乙方（受託人）：乙科技股份有限公司\n\n"
      "第一條　契約價金\n一、契約總價為新臺幣壹佰萬元整，分二期給付，各期付款條件詳附件一。\n\n"
      "第二條　保密\n一、乙方對於因履約而知悉之甲方資料，應負保密義務；本義務於契約終止後五年內仍繼續有效。\n"
      "二、乙方違反前項義務者，應給付甲方懲罰性違約金新臺幣參拾萬元。\n\n"
      "第三條　其他\n一、本契約期間自簽約日起至民國116年12月31日止。\n"
      "二、本契約正本二份，副本二份，由雙方各執正本及副本各一份。\n\n"
      "甲方：甲銀行股份有限公司　代表人：王某\n乙方：乙科技股份有限公司　代表人：陳某\n中華民國一一五年十月二十日\n\n\n"
      "附件一　付款明細表\n\n"
      "期別      付款條件                                  比例    金額（新臺幣）\n"
      "第一期    簽約之次日起十個工作天內                  40%     400,000\n"
      "第二期    最終驗收合格後三十日內                    60%     600,000\n")


def test_traditional_annex_table_and_back_references() -> None:
    out = _json(TW)
    c = out["contract"]
    assert c["copies"] == 4
    assert c["confidentiality_term"] == "P5Y"
    assert [(p["kind"], p["amount"]) for p in c["penalties"]] == [("confidentiality_breach", "300000.00")]
    pays = [o for o in out["obligations"] if o["kind"] == "payment"]
    assert [(o["amount"], o["trigger"]["event"], o["clause"]) for o in pays] == [
        ("400000.00", "signing", "附件一"), ("600000.00", "acceptance", "附件一")]


@pytest.mark.parametrize("sentence,event,offset", [
    ("第一季度运维费人民币195,000元，于第一季度考核结果经双方确认之日起10个工作日内支付。", "acceptance", "P10D"),
    ("年度评估结果经甲方书面确认后15日内，甲方支付尾款人民币5万元。", "acceptance", "P15D"),
    ("服务期满且第四季度考核合格后15日内，甲方支付质保金人民币2万元。", "acceptance", "P15D"),
])
def test_an_assessment_confirmed_is_acceptance(sentence: str, event: str, offset: str) -> None:
    text = HEAD.replace("甲方：", "采购人（甲方）：").replace("乙方：", "供应商（乙方）：") + "第一条 付款\n" + sentence + "\n"
    pays = [o for o in _json(text)["obligations"] if o["kind"] == "payment"]
    assert [(o["trigger"]["event"], o["trigger"]["offset"]) for o in pays] == [(event, offset)]


AMEND_EN = ("AMENDMENT NO. 1\nto the Services Agreement\n\nThis Amendment No. 1 is entered into by and between:\n\n"
            "Shanghai Alpha Retail Co., Ltd. (the \"Client\"); and\n\nBeijing Beta AI Co., Ltd. (the \"Service Provider\").\n\n"
            "RECITALS\n\nA. The Agreement is currently scheduled to expire on December 31, 2026.\n\n"
            "NOW, THEREFORE, the Parties agree as follows:\n\n1. Term\n"
            "1.1 Section 9.1 of the Agreement is replaced with the following: \"9.1 This Agreement shall remain in force "
            "until June 30, 2027.\"\n\n2. Fees\n2.1 The total Contract Price under the Agreement is accordingly increased "
            "from RMB 1,200,000 to RMB 1,580,000.\n\n3. Data and Confidentiality\n3.1 Within twenty (20) Business Days "
            "after the expiry of the Agreement, the Service Provider shall delete all Training Data.\n"
            "3.2 The confidentiality obligations survive for four (4) years after the expiry of the Agreement.\n\n"
            "Shanghai Alpha Retail Co., Ltd.\nBy: Chen Yi\nDate: November 23, 2026\n\n"
            "Beijing Beta AI Co., Ltd.\nBy: Zhao Ming\nDate: November 20, 2026\n")


def test_english_amendment_reads_the_new_terms() -> None:
    c = _json(AMEND_EN, "x.en.txt")["contract"]
    assert (c["provider"], c["client"]) == ("Beijing Beta AI Co., Ltd.", "Shanghai Alpha Retail Co., Ltd.")
    assert c["expiry_date"] == "2027-06-30"
    assert c["total_fee"] == "1580000.00"
    assert c["confidentiality_term"] == "P4Y"


def test_provider_hands_over_data_named_in_the_lead_or_the_item() -> None:
    text = ("语料采购协议\n甲方（采购方）：甲公司\n乙方（供应方）：乙公司\n签订日期：2026年11月20日\n"
            "第一条 交付\n1. 乙方应按下列批次交付语料：\n（1）第一批：文学类图书3,000册，于2026年12月15日前交付；\n"
            "（2）第二批：社会科学类图书4,000册，于2027年3月31日前交付。\n"
            "2. 乙方应于2027年4月30日前交付第三批有效病例600例。\n"
            "3. 甲方应于本协议签订之日起5个工作日内向乙方提供语料格式规范及采购书目清单。\n"
            "4. 甲方应于2027年2月26日前将待验证软件部署至甲方内网测试环境。\n")
    obs = _json(text)["obligations"]
    assert [(o["kind"], o["party"]) for o in obs] == [
        ("other", "provider"), ("other", "provider"), ("other", "provider"), ("other", "client"), ("other", "client")]


def test_a_report_listing_the_agreed_indicators_is_the_evaluation_report() -> None:
    text = HEAD.replace("甲方：", "数据提供方（甲方）：").replace("乙方：", "数据使用方（乙方）：") + \
        "第一条 验证\n1.1 软件应达到：召回率不低于90%。\n1.2 甲方应于2027年4月30日前出具临床验证报告，报告应列明本协议1.1条所述各项指标。\n"
    obs = _json(text)["obligations"]
    assert [(o["kind"], o["party"]) for o in obs] == [("evaluation_report", "provider")]


def test_hong_kong_licence_parties_term_and_cross_reference() -> None:
    text = ("數據許可協議\n\n許可方：灣區數據有限公司（於香港註冊成立的公司，註冊地址為香港九龍）\n"
            "被許可方：新曜科技有限公司（於香港註冊成立的公司，註冊地址為香港新界）\n\n"
            "第一條　許可\n1.1 許可方准許被許可方將許可數據用於模型訓練，不得轉售。\n\n"
            "第二條　期限\n2.1 本協議自雙方簽署之日起生效，許可期為兩年。\n\n"
            "第三條　保密\n3.1 被許可方對許可數據負有保密義務。\n\n"
            "第四條　違約責任\n4.1 被許可方違反第1.1條或第三條約定的，應向許可方支付違約金港幣伍拾萬元整。\n\n"
            "許可方：灣區數據有限公司\n授權簽署人：梁某\n日期：2027年1月25日\n\n"
            "被許可方：新曜科技有限公司\n授權簽署人：區某\n日期：2027年1月27日\n")
    c = _json(text)["contract"]
    assert (c["provider"], c["client"]) == ("灣區數據有限公司", "新曜科技有限公司")
    assert (c["term"], c["expiry_date"]) == ("P2Y", "2029-01-27")
    assert [(p["kind"], p["amount"]) for p in c["penalties"]] == [("confidentiality_breach", "500000.00")]


def test_rows_of_a_space_aligned_payment_table_are_never_missed_silently() -> None:
    from tracker.parse.common import Facts
    from tracker.parse.coverage import unrecognised

    text = ("第四条 经费\n经费按下表分三笔拨付至乙方账户：\n\n"
            "  期次      拨付条件                        金额（元）\n"
            "  第一笔    合同生效后10个工作日内           144,000.00\n"
            "  第二笔    2027年5月31日前                  144,000.00\n"
            "  合计                                      288,000.00\n")
    flagged = [text[w.start:w.end] for w in unrecognised(text, "zh-Hans", Facts(), lambda _pos: "4")]
    assert [f.split()[0] for f in flagged] == ["第一笔", "第二笔"]  # nothing read them: both flagged, not the total
    pays = [o for o in _json(HEAD + text)["obligations"] if o["kind"] == "payment"]
    assert [o["amount"] for o in pays] == ["144000.00", "144000.00"]  # and the rules read them


ORDER_MSA = ("# ORDER FORM No. 7\n\nThis Order Form is entered into between **Alpha Software Co., Ltd.** (\"**Supplier**\") and "
             "**Beta Insurance Co., Ltd.** (\"**Subscriber**\").\n\n## A. Subscription\n\nA1. Subscribed Service: Claims AI.\n\n"
             "## B. Fees\n\nB1. Subscriber shall pay the Year 1 Subscription Fee within fifteen (15) days after the Order "
             "Effective Date.\n\n## C. Provisioning\n\nC1. Supplier shall provision the production tenant within five (5) "
             "days after the Order Effective Date.\n\n---\n\n# MASTER SUBSCRIPTION AGREEMENT\n\n**1. Definitions.** "
             "\"Order Effective Date\" means 1 March 2026.\n\n**2. Reports.** 2.1 Supplier shall deliver a usage report "
             "within ten (10) days after the end of each calendar quarter.\n")


def test_order_form_sections_before_the_msa_articles() -> None:
    obs = _json(ORDER_MSA, "x.en.md")["obligations"]
    # B1. is section B (the 2nd letter), item 1; C1. section C's; the MSA numbers its own articles again
    assert [(o["kind"], o["clause"], o["due_date"]) for o in obs if not o["recurrence"]] == [
        ("payment", "2.1", "2026-03-16"), ("model_delivery", "3.1", "2026-03-06")]
    report = next(o for o in obs if o["recurrence"])
    assert report["recurrence"] == "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=10"


def test_a_maintenance_year_with_its_range_and_yearly_fee() -> None:
    text = ("軟體維護合約書\n委託人：甲保險股份有限公司（以下簡稱乙方）\n受託人：乙軟體股份有限公司（以下簡稱甲方）\n\n"
            "第一條　維護期間\n一、維護期間一年，自民國116年1月1日起至民國116年12月31日止。\n\n"
            "第二條　年度維護費\n一、年度維護費為新臺幣壹佰捌拾萬元整（NT$1,800,000），含營業稅。\n"
            "二、乙方應於民國116年7月31日前支付年度維護費。\n")
    c = _json(text)["contract"]
    assert (c["term"], c["expiry_date"]) == ("P1Y", "2027-12-31")
    assert (c["total_fee"], c["currency"]) == ("1800000.00", "TWD")


def test_delivery_then_report_in_working_days_and_cleaned_data_is_no_payment() -> None:
    text = HEAD.replace("甲方：", "委託人（甲方）：").replace("乙方：", "受託人（乙方）：") + (
        "第一條 交付\n一、乙方應於收到甲方完整資料之次日起四十五日曆天內，交付清洗後資料集及資料品質報告。\n"
        "二、乙方應於中華民國一一五年六月三十日前交付需求預測模型，並於交付後七個工作天內提出驗證報告；模型之預測準確率應達百分之八十五以上。\n")
    obs = _json(text)["obligations"]
    assert [(o["kind"], o["due_date"]) for o in obs] == [
        ("other", None), ("model_delivery", "2026-06-30"), ("evaluation_report", None)]


RESP = (HEAD.replace("甲方：", "委托方（甲方）：").replace("乙方：", "评测方（乙方）：") +
        "第一条 工作\n1.1 乙方应按附件一所列里程碑完成评测工作。\n1.2 乙方应自2026年6月17日起，每两周的周三向甲方提交评测进展简报。\n"
        "第二条 其他\n本合同于2026年6月10日签订。\n\n甲方（盖章）：甲公司\n乙方（盖章）：乙公司\n\n"
        "附件一：评测里程碑\n\n| 里程碑 | 成果 | 完成时限 | 责任方 | 甲方确认时限 |\n|---|---|---|---|---|\n"
        "| M1 | 首轮安全评测报告 | 2026年7月31日前 | 乙方 | 提交后5个工作日内 |\n"
        "| M2 | 问题整改完成并提交复测申请 | 收到首轮评测报告之日起20个工作日内 | 甲方 | — |\n")


def test_a_responsibility_table_reads_its_deadline_column_and_a_stated_series_start() -> None:
    obs = _json(RESP, "x.md")["obligations"]
    rows = [(o["kind"], o["party"], o["due_date"], (o["trigger"] or {}).get("event")) for o in obs if o["clause"] == "附件一"]
    assert rows == [("evaluation_report", "provider", "2026-07-31", None), ("other", "client", None, "evaluation_report")]
    report = next(o for o in obs if o["recurrence"])
    assert report["due_date"] == "2026-06-17"


LETTER_EN = ("**Alpha Advisory (Shanghai) Co., Ltd.**\n\n10 August 2026\n\nDear Ms. Zhou,\n\n"
             "We are pleased to confirm the terms on which Alpha Advisory (Shanghai) Co., Ltd. (\"we\" or \"Alpha\") will "
             "audit the systems of Beta Health Technology Co., Ltd. (\"you\" or the \"Company\"). This letter is our contract.\n\n"
             "### 1. Work\n\n1.1 You will give us the documents listed in Appendix A on or before 20 August 2026.\n\n"
             "1.2 We will deliver the draft audit report on or before 30 October 2026.\n\n"
             "### 2. Fees\n\n2.1 Our fee for this engagement is RMB 360,000.\n\n"
             "2.2 You will pay 40% of the fee, RMB 144,000, on or before 25 August 2026.\n\n"
             "2.3 Each of us will keep the other's confidential information confidential for three (3) years after the end "
             "of this engagement.\n")


def test_an_english_letter_between_we_and_you() -> None:
    out = _json(LETTER_EN, "x.en.md")
    c = out["contract"]
    assert (c["provider"], c["client"]) == ("Alpha Advisory (Shanghai) Co., Ltd.", "Beta Health Technology Co., Ltd.")
    assert c["total_fee"] == "360000.00" and c["confidentiality_term"] == "P3Y"
    assert [(o["kind"], o["party"]) for o in out["obligations"] if o["kind"] != "confidentiality_expiry"] == [
        ("data_delivery", "client"), ("other", "provider"), ("payment", "client")]


def test_a_letters_recurring_report_without_a_modal_is_read() -> None:
    text = ("甲公司\n关于委托开展模型微调的委托确认函\n\n致：乙公司（以下简称“贵司”）\n\n"
            "经内部评审，甲公司（以下简称“我司”）决定委托贵司承担下述项目：\n\n"
            "1. 服务费用：本项目服务费合计人民币48.6万元。\n\n"
            "2. 进展沟通：自2026年9月18日起，贵司每两周的星期五以邮件方式向我司发送项目进展简报。\n\n"
            "3. 付款：本函生效之日起10日内，我司向贵司支付首付款14.58万元。\n")
    obs = _json(text)["obligations"]
    report = next(o for o in obs if o["recurrence"])
    assert (report["kind"], report["party"], report["recurrence"], report["due_date"]) == (
        "progress_report", "provider", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "2026-09-18")


def test_a_supplement_changes_the_total_and_extends_the_term() -> None:
    text = ("补充协议\n甲方（委托方）：甲公司\n乙方（受托方）：乙公司\n"
            "第一条 价款\n原合同总价由人民币500,000元调整为人民币620,000元，新增费用人民币120,000元。\n"
            "第二条 期限\n原合同有效期延长至2027年6月30日。\n本协议于2026年10月10日签订。\n")
    c = _json(text)["contract"]
    assert (c["total_fee"], c["expiry_date"]) == ("620000.00", "2027-06-30")


def test_english_sow_term_renewal_and_confidentiality() -> None:
    text = ("STATEMENT OF WORK No. 2\n\nThis SOW is made between Alpha Ltd. (the \"Vendor\") and Beta Ltd. (the \"Customer\").\n\n"
            "Section 4.01 The SOW Term starts on 1 June 2026 and ends on 31 December 2026.\n"
            "Section 4.02 Either Party wishing to extend this SOW shall notify the other Party in writing at least "
            "thirty (30) days before the end of the SOW Term.\n"
            "Section 4.03 Vendor's confidentiality obligations under this SOW survive for two (2) years after the SOW Term ends.\n")
    c = _json(text, "x.en.txt")["contract"]
    assert (c["renewal_notice"], c["confidentiality_term"]) == ("P30D", "P2Y")


SAAS = ("# 订阅条款\n\n**订阅方（甲方）**：甲公司\n**服务商（乙方）**：乙公司\n\n"
        "## §1 订阅期\n§1.1 本条款自2026年11月20日签署之日起生效，订阅期12个月。\n\n"
        "## §2 上线\n§2.1 乙方应于订阅开始日起30日内提交效果评估报告。\n§2.2 乙方于每月第一个工作日推送上月用量报告。\n\n"
        "## §3 费用\n| 项目 | 金额（元） | 付款时点 |\n|---|---|---|\n| 实施费 | 40,000.00 | 订阅开始日起10日内 |\n"
        "| 年度订阅费 | 360,000.00 | 收到发票后15个工作日内 |\n")


def test_section_sign_articles_a_payment_table_anywhere_and_a_pushed_report() -> None:
    out = _json(SAAS, "x.md")
    obs = out["obligations"]
    assert {o["clause"] for o in obs} >= {"2.1", "2.2", "3"}
    ev = next(o for o in obs if o["kind"] == "evaluation_report")
    assert (ev["trigger"]["event"], ev["trigger"]["offset"]) == ("effective", "P30D")
    report = next(o for o in obs if o["recurrence"])
    assert (report["kind"], report["party"]) == ("progress_report", "provider")
    pays = [(o["amount"], o["trigger"]["event"]) for o in obs if o["kind"] == "payment"]
    assert pays == [("40000.00", "effective"), ("360000.00", "invoice")]


def test_a_statement_of_works_own_term() -> None:
    text = (HEAD + "第一条 期限\n本说明书自2026年4月1日起生效，有效期至2027年3月31日。\n"
            "第二条 保密\n保密期限为本说明书期满后两年。\n")
    c = _json(text)["contract"]
    assert (c["expiry_date"], c["confidentiality_expiry"]) == ("2027-03-31", "2029-03-31")


def test_a_party_labelled_by_a_word_of_the_contracts_own_takes_the_other_role() -> None:
    text = ("# 订阅条款\n\n**平台方**：北京知语云智能科技有限公司\n**订阅方**：成都锦程轨道交通运营有限公司\n\n"
            "第一条 上线\n平台方应于2026年11月30日前完成租户开通并上线问答模型。\n"
            "第二条 付款\n订阅方应于2026年12月10日前支付订阅费人民币36万元。\n")
    out = _json(text, "x.md")
    c = out["contract"]
    assert (c["provider"], c["client"]) == ("北京知语云智能科技有限公司", "成都锦程轨道交通运营有限公司")
    assert [(o["kind"], o["party"]) for o in out["obligations"]] == [("model_delivery", "provider"), ("payment", "client")]


def test_two_unknown_labels_say_nothing() -> None:
    text = ("合作协议\n\n平台方：北京甲科技有限公司\n渠道方：上海乙科技有限公司\n\n第一条 交付\n平台方应于2026年11月30日前开通账号。\n")
    c = _json(text)["contract"]
    assert (c["provider"], c["client"]) == (None, None)
