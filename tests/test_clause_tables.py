"""A contract written as one table (a binding term sheet, numbered rows of prose): its rows are clauses
(tracker/parse/clause_tables.py); a fee or milestone table is left a table."""

from __future__ import annotations

from tracker.parse import parse_text
from tracker.parse.clause_tables import unfold
from tracker.parse.normalize import normalize

TERM_SHEET = """# TERM SHEET

**Signing Date:** the date of the last signature below

| No. | Term | Provision |
|---|---|---|
| 1 | **Project** | Harbour Chatbot Pilot (the "Project") |
| 2 | **Provider** | Lumen Labs Ltd. ("Lumen"), 2 Quay Street, Auckland |
| 3 | **Client** | Tidewater Ports Ltd. ("Tidewater"), 9 Wharf Road, Auckland |
| 4 | **Data** | Tidewater shall deliver the call transcripts to Lumen within ten (10) days after the Signing Date.<br>Lumen shall return a labelling plan within five (5) days after it receives the call transcripts. |
| 5 | **Model** | Lumen shall deliver the trained model on or before August 31, 2026. |
| 6 | **Fees** | Fixed fee of USD 200,000, payable as follows:<br>(a) 50% within fifteen (15) days after the Signing Date;<br>(b) 50% on or before September 30, 2026. |
| 7 | **Late delivery** | For each day that the trained model is late, Lumen shall pay 0.2% of the fixed fee, capped at 10% of the fixed fee. |
| 8 | **Duration** | This Term Sheet remains in force for twelve (12) months after the Signing Date. |
| 9 | **Deletion** | Within ten (10) days after this Term Sheet ends, Lumen shall delete the call transcripts. |
| 10 | **Originals** | Two (2) originals, one for each Party. |

| | Lumen | Tidewater |
|---|---|---|
| Company | Lumen Labs Ltd. | Tidewater Ports Ltd. |
| Name | A. Reid | M. Hona |
| Date | June 1, 2026 | June 3, 2026 |
"""


def test_each_numbered_row_is_a_clause() -> None:
    d = parse_text(TERM_SHEET, "ts.en.md").to_json()
    c = d["contract"]
    assert (c["title"], c["provider"], c["client"]) == ("Harbour Chatbot Pilot", "Lumen Labs Ltd.", "Tidewater Ports Ltd.")
    assert (c["total_fee"], c["currency"], c["copies"], c["signed_date"]) == ("200000.00", "USD", 2, "2026-06-03")
    by_clause: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for o in d["obligations"]:
        by_clause.setdefault(o["clause"], []).append(o)
    data, plan = by_clause["4"]
    assert (data["kind"], data["party"], data["due_date"]) == ("data_delivery", "client", "2026-06-15")  # (06-13 is a Saturday)
    assert data["quote"].startswith("Tidewater shall deliver")  # the provision, not the row's bars
    assert (plan["kind"], plan["party"]) == ("other", "provider")
    assert plan["trigger"] == {"event": "data_delivery", "offset": "P5D", "business_days": False}
    assert [(o["kind"], o["party"], o["due_date"]) for o in by_clause["5"]] == [("model_delivery", "provider", "2026-08-31")]
    assert [o["due_date"] for o in by_clause["6"] if o["kind"] == "payment"] == ["2026-06-18", "2026-09-30"]
    deletion = by_clause["9"][0]
    assert deletion["trigger"] == {"event": "expiry", "offset": "P10D", "business_days": False}  # "this Term Sheet ends"
    late = next(p for p in c["penalties"] if p["kind"] == "late_delivery")
    assert (late["rate"], late["per"], late["cap"]) == ("0.002", "day", {"rate": "0.10", "basis": "total_fee"})


def test_quotes_stay_verbatim_and_the_offsets_exact() -> None:
    norm = normalize(TERM_SHEET)
    unfolded = unfold(norm)
    assert len(unfolded.text) == len(norm.text) and unfolded.index == norm.index
    assert "4.    " in unfolded.text and "| 4 |" not in unfolded.text
    for o in parse_text(TERM_SHEET, "ts.en.md").to_json()["obligations"]:
        assert o["quote"] in TERM_SHEET


def test_a_fee_table_is_left_a_table() -> None:
    fees = ("| No. | Milestone | Due | Fee |\n|---|---|---|---|\n| 1 | Kick-off | July 1, 2026 | USD 10,000 |\n"
            "| 2 | Model | August 1, 2026 | USD 20,000 |\n| 3 | Report | September 1, 2026 | USD 5,000 |\n"
            "| 4 | Support | October 1, 2026 | USD 5,000 |\n")
    norm = normalize("AGREEMENT\n\n" + fees)
    assert unfold(norm) is norm  # four cells a row, none of them prose


def test_a_chinese_clause_table_is_read_by_the_chinese_rules_as_it_stands() -> None:
    text = ("| 条款 | 内容 |\n|---|---|\n" + "".join(f"| {i} | 乙方应于2026年{i}月1日前提交第{i}期报告，甲方应于收到后十日内确认。 |\n"
                                                   for i in range(1, 6)))
    norm = normalize(text)
    assert unfold(norm) is norm


KEY_TERMS = """# 数据标注服务协议

## 合同要素表

| 序号 | 要素 | 约定内容 |
|---|---|---|
| 1 | 项目名称 | 工业质检图像标注服务 |
| 2 | 甲方（委托方） | 苏州明镜智能制造有限公司 |
| 3 | 乙方（服务方） | 杭州数标信息技术有限公司 |
| 4 | 签订日期 | 2026年3月2日 |
| 5 | 甲方提供原始图像 | 2026年3月16日前提供全部待标注图像及标注规范 |
| 6 | 标注数据交付 | 乙方于收到原始图像后20个工作日内交付全部标注数据 |
| 7 | 付款安排 | 甲方于标注数据验收合格后15日内支付全部服务费人民币200,000元 |
| 8 | 违约金 | 乙方逾期交付的，每日按合同总价的千分之一计付 |

## 通用条款

第一条 要素表的效力
1. 合同要素表是本协议的组成部分。

第二条 其他
1. 本协议一式两份。

甲方（盖章）：苏州明镜智能制造有限公司
乙方（盖章）：杭州数标信息技术有限公司
"""


def test_a_chinese_key_terms_table_before_the_articles_gives_clauses() -> None:
    """合同要素表 rows (序号 | 要素 | 约定内容) before 通用条款 with articles of their own: each row is a
    clause of the first part, read with its element's name (甲方提供原始图像) as its subject."""
    norm = normalize(KEY_TERMS)
    unfolded = unfold(norm)
    assert len(unfolded.text) == len(norm.text) and "5.    甲方提供原始图像 :" in unfolded.text
    d = parse_text(KEY_TERMS, "kt.md").to_json()
    c = d["contract"]
    assert (c["provider"], c["client"], c["signed_date"]) == ("杭州数标信息技术有限公司", "苏州明镜智能制造有限公司", "2026-03-02")
    got = {o["clause"]: (o["kind"], o["party"], o["due_date"], o["trigger"]) for o in d["obligations"]}
    assert got["5"] == ("data_delivery", "client", "2026-03-16", None)
    assert got["6"][1] == "provider"
    assert got["6"][3] == {"event": "data_delivery", "offset": "P20D", "business_days": True}
    assert got["7"][:2] == ("payment", "client")
    late = next(p for p in c["penalties"] if p["kind"] == "late_delivery")
    assert (late["rate"], late["clause"]) == ("0.001", "8")
    for o in d["obligations"]:
        assert o["quote"] in KEY_TERMS


def test_numbered_lines_before_the_articles_stay_a_preamble_when_they_do_not_run_from_one() -> None:
    from tracker.parse.clauses import segment

    text = "合同要素\n2. 项目名称:甲\n3. 甲方:乙\n4. 乙方:丙\n5. 金额:10元\n\n通用条款\n\n第一条 总则\n1. 甲方应付款。\n"
    assert [s.label for s in segment(text).segments][:2] == [None, None]


def test_a_chinese_payment_schedule_of_three_columns_stays_a_table() -> None:
    """序号 | 付款节点 | 付款条件 rows are instalments the table rules read, not clauses: only a table whose last
    column holds the provisions (约定内容) and no column a sum or a share is unfolded."""
    pay = "合同\n| 序号 | 付款节点 | 付款条件 |\n|---|---|---|\n" + "".join(
        f"| {i} | 第{i}期款 | 甲方应于第{i}个里程碑验收合格后15个工作日内支付合同总价的25%。 |\n" for i in range(1, 5))
    norm = normalize(pay)
    assert unfold(norm) is norm
