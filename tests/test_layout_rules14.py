"""Rules from blind batches 70-71: a deadline before the day the contract takes effect, a right (可自行…)
that is no duty, the sum each occurrence of a recurring fee pays, an unnumbered annex read through the
sentence that refers to it, a defined T日 (with a colon), what the client supplies under a name of its own
(English), a Deliverables heading that ends with a full stop, a title a scan ran on into its preamble."""

from __future__ import annotations

from typing import Any

from tracker.parse import parse_text


def _parse(text: str, name: str = "t.md") -> dict[str, Any]:
    return parse_text(text, name).to_json()


def _by_clause(doc: dict[str, Any], clause: str) -> list[dict[str, Any]]:
    return [o for o in doc["obligations"] if o["clause"] == clause]


GPU = """GPU算力集群订阅协议
甲方（订阅方）：杭州某某智能科技有限公司
乙方（服务方）：上海某某算力科技有限公司
第1条 期限
1.1 本协议经双方签章后，自服务起始日（2026年8月1日）起生效，订阅期为十二个月。
第2条 交付
2.1 乙方应于服务起始日前3个工作日完成集群交付及甲方管理员账号开通。
2.2 服务起始日后5个工作日内，乙方应向甲方提交集群验收测试报告，载明单卡算力的实测值。
第3条 费用
3.1 年度服务费人民币肆佰叁拾贰万元整，按季度预付：甲方应于每季度首月15日前支付当季服务费人民币壹佰零捌万元整（¥1,080,000.00）。
第4条 数据
4.1 订阅期届满后15日内，甲方可自行导出其数据。
4.2 订阅期届满后30日内，乙方应删除甲方的全部数据。
"""


def test_a_deadline_before_the_day_the_contract_takes_effect() -> None:
    """Three working days before Saturday 2026-08-01: Wednesday 07-29 (07-31, 07-30, 07-29)."""
    (handover,) = _by_clause(_parse(GPU), "2.1")
    assert (handover["kind"], handover["due_date"]) == ("model_delivery", "2026-07-29")
    assert handover["trigger"] == {"event": "effective", "offset": "-P3D", "business_days": True}


def test_a_cluster_test_report_is_no_evaluation_of_the_model() -> None:
    (report,) = _by_clause(_parse(GPU), "2.2")
    assert report["kind"] == "other"


def test_a_recurring_fee_pays_the_sum_each_period_names() -> None:
    (fee,) = _by_clause(_parse(GPU), "3.1")
    assert (fee["amount"], fee["recurrence"]) == ("1080000.00", "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15")


def test_a_right_is_no_duty() -> None:
    doc = _parse(GPU)
    assert _by_clause(doc, "4.1") == [] and [o["party"] for o in _by_clause(doc, "4.2")] == ["provider"]


LICENCE = """# 数据授权使用许可协议

甲方（许可方）：广州某某医疗数据科技有限公司
乙方（被许可方）：杭州某某智能科技有限公司

1.1 本协议自2026年7月1日起生效，许可期限两年。
2.1 甲方按本协议附件的交付计划分批交付许可数据。

甲方（盖章）：广州某某医疗数据科技有限公司
乙方（盖章）：杭州某某智能科技有限公司

## 附件　数据交付计划

| 批次 | 数据内容 | 规模 | 交付时间 |
|---|---|---|---|
| 第一批 | 医学问答对 | 40万条 | 2026年8月17日前 |
| 第二批 | 出院小结 | 30万条 | 2026年12月31日前 |
"""


def test_an_unnumbered_annex_is_done_by_whom_the_sentence_that_refers_to_it_names() -> None:
    rows = [(o["party"], o["kind"], o["due_date"]) for o in _parse(LICENCE)["obligations"] if o["clause"] == "附件"]
    # the licensor hands over licensed data: a deliverable, not the client's training data
    assert rows == [("provider", "other", "2026-08-17"), ("provider", "other", "2026-12-31")]


FINETUNE = """大模型微调技术服务合同
甲方：深圳某某保险股份有限公司
乙方：北京某某智能科技有限公司
第一条 定义
1.1 T日：指甲方将首批训练数据上传至双方约定的数据交换平台，并经乙方书面确认接收完毕之日。
第二条 服务
2.1 乙方应于T日后5个工作日内向甲方提交微调技术方案。
2.2 乙方应在T+45日内交付微调后的模型权重及部署文档。
"""


def test_a_defined_t_day_with_a_colon() -> None:
    doc = _parse(FINETUNE, "t.txt")
    got = [(o["clause"], o["kind"], o["trigger"]) for o in doc["obligations"]]
    assert got == [("2.1", "other", {"event": "data_delivery", "offset": "P5D", "business_days": True}),
                   ("2.2", "model_delivery", {"event": "data_delivery", "offset": "P45D", "business_days": False})]


ORDER = """ORDER FORM
Customer: Foo Motors Inc.
Vendor: Bar Data Labs, Inc.
1. Customer Materials
1.1 Customer shall provide the Customer Materials (the prompt lexicon and seed recordings) within ten (10) Business Days after the Order Effective Date.
2. Deliverables.
(a) Pilot batch: fifteen (15) Business Days after receipt of the Customer Materials.
(b) Batch 1: on or before January 29, 2027.
3. Pilot
3.1 Provider shall deliver a Pilot Report within ten (10) Business Days after receipt of the Customer Materials.
"""


def test_what_the_client_supplies_under_its_own_name_is_its_data() -> None:
    doc = _parse(ORDER, "t.en.md")
    triggers = [o["trigger"] for o in doc["obligations"] if o["party"] == "provider"]
    assert {"event": "data_delivery", "offset": "P15D", "business_days": True} in triggers
    assert [o["due_date"] for o in doc["obligations"] if o["party"] == "provider" and o["trigger"] is None] == ["2027-01-29"]
    (pilot,) = [o for o in doc["obligations"] if o["clause"] == "3.1"]  # (a sentence that reads another period first)
    assert pilot["trigger"] == {"event": "data_delivery", "offset": "P10D", "business_days": True}


def test_a_title_a_scan_ran_on_into_the_preamble_stops_at_it() -> None:
    text = ("大模型API企业版订阅服务合同\n订阅方（甲方）：苏州某某智能制造有限公司\n服务方（乙方）：北京某某科技有限公司\n"
            "订阅服务名称：某某大模型API企业版（含私有知识库）甲乙双方依据《中华人民共和国民法典》，经协商一致，订立本合同。\n"
            "第一条 服务内容\n1. 乙方应于2027年1月15日前开通API账号。\n")
    assert _parse(text, "t.txt")["contract"]["title"] == "某某大模型API企业版（含私有知识库）"


PATROL = """河道巡查视频智能分析服务合同
采购人（甲方）：某某市水利局
供应商（乙方）：杭州某某智能科技有限公司
第三条 服务内容
1. 乙方在收到甲方提供的全部历史视频之日起，60个日历日内完成模型训练并部署上线。
2. 系统上线后，乙方应在5个工作日内完成对甲方不少于20名巡查人员的操作培训。
3. 乙方应于API开通之日起20个工作日内向甲方出具首次效果评测报告。
第四条 付款
1. 本合同总金额为人民币1,080,000元。
2. 第一期：合同签订之日起15个工作日内，甲方支付合同总金额的95%，即人民币1,026,000元。
3. 第二期：剩余合同价款人民币伍万肆仟元整（¥54,000.00）作为服务质量保证金，甲方于服务期满后30日内无息支付。
"""


def test_batch_72_video_a_fronted_time_clause_an_opened_service_and_a_retention() -> None:
    """(Blind batch 72.) Videos received are data; "系统上线后，" dates the training but does not make it the
    model's delivery; an opened API is the service delivered; a 质量保证金 kept from the price is paid."""
    doc = _parse(PATROL, "t.txt")
    got = [(o["clause"], o["kind"], (o["trigger"] or {}).get("event"), o["amount"]) for o in doc["obligations"]
           if o["clause"] in ("3.1", "3.2", "3.3", "4.3")]
    assert got == [("3.1", "model_delivery", "data_delivery", None), ("3.2", "other", "model_delivery", None),
                   ("3.3", "evaluation_report", "model_delivery", None), ("4.3", "payment", "expiry", "54000.00")]


def test_batch_73_items_under_a_lead_in_are_its_duty() -> None:
    """(Blind batch 73.) "乙方應依下列期限分三批交付標註資料：" over items that state only a batch and a date:
    each item is the lead-in's duty, the provider's labelled data (a deliverable, not the client's data)."""
    text = ("客服對話語料標註委託契約書\n\n委託人：某某電信股份有限公司（以下簡稱甲方）\n"
            "受託人：某某資料科技股份有限公司（以下簡稱乙方）\n\n第二條　工作期程\n"
            "一、甲方應於簽約後十個工作天內，將原始語料以加密方式交付乙方。\n"
            "二、乙方應於簽約之次日起七日曆天內，提出標註規範草案送甲方確認。\n"
            "三、乙方應依下列期限分三批交付標註資料，每批價金為新臺幣壹佰貳拾萬元整：\n"
            "（一）第一批八萬則：中華民國115年4月30日前。\n（二）第二批八萬則：中華民國115年6月30日前。\n")
    got = [(o["kind"], o["party"], o["due_date"]) for o in _parse(text, "t.zh-Hant.txt")["obligations"] if o["clause"] == "2.3"]
    assert got == [("other", "provider", "2026-04-30"), ("other", "provider", "2026-06-30")]


def test_review_mends_lists_stale_subjects_manners_and_approvals() -> None:
    """A reviewer's inputs for this session's rules: a lead-in list of six items keeps all six; a later
    part of a sentence whose first part was read as no duty inherits nothing from an earlier sentence;
    "在提供服务的同时" is a manner, not a deadline; 认可/许可 grant no right."""
    items = "".join(f"（{n}）第{n}批八萬則：中華民國115年{m}月28日前。\n"
                    for n, m in zip("一二三四五六", (3, 4, 5, 6, 7, 8), strict=True))
    listing = ("標註委託契約書\n\n委託人：某某電信股份有限公司（以下簡稱甲方）\n受託人：某某資料科技股份有限公司（以下簡稱乙方）\n\n"
               "第二條　工作期程\n一、甲方應於簽約後十個工作天內，將原始語料以加密方式交付乙方。\n"
               "二、乙方應於簽約之次日起七日曆天內，提出標註規範草案送甲方確認。\n"
               "三、乙方應依下列期限分六批交付標註資料：\n" + items)
    assert len([o for o in _parse(listing, "t.zh-Hant.txt")["obligations"] if o["clause"] == "2.3"]) == 6
    stale = _parse("甲方：某某科技有限公司\n乙方：某某数据有限公司\n第二条 甲方应于合同生效后5日内向乙方提供训练数据。\n"
                   "第三条 乙方可自行导出2026年3月1日前的日志，交付时一并提交使用手册。\n", "t.txt")
    assert not [o for o in stale["obligations"] if o["kind"] == "data_delivery" and "手册" in o["quote"]]
    manner = _parse("甲方：某某科技有限公司\n乙方：某某数据有限公司\n第四条 服务\n"
                    "乙方在提供服务的同时，应于每月5日前向甲方提交月度服务报告。\n", "t.txt")
    assert [o["kind"] for o in manner["obligations"]] == ["progress_report"]
    assert not [w for w in manner["warnings"] if w["code"] == "unrecognised_duty"]
    approved = _parse("甲方：某某科技有限公司\n乙方：某某数据有限公司\n第五条 评测\n"
                      "乙方于2026年3月31日前向甲方提交经国家认可提供检测服务的机构出具的测试报告。\n", "t.txt")
    assert [o["kind"] for o in approved["obligations"]] == ["evaluation_report"]
