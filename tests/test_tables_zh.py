"""Payment tables: rows inherit their column headers in any order (tables_zh + rules_zh)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.parse import parse_text
from tracker.parse.tables_zh import header_roles, row_at, split_cells

HEAD = "委托方（甲方）：苏州委托制造有限公司\n受托方（乙方）：南京受托智能科技有限公司\n\n"
SIGN = "\n\n甲方（盖章）：某公司\n日期：2025年3月1日\n乙方（盖章）：某公司\n日期：2025年3月3日\n"


def _parse(table: str, total: str = "本合同总价为人民币500,000元。"):  # type: ignore[no-untyped-def]
    text = (HEAD + "第一条 合同价款\n1. " + total + "\n2. 付款进度如下表：\n" + table
            + "\n第二条 合同期限\n1. 本合同自双方签字盖章之日起生效，有效期为一年。" + SIGN)
    return parse_text(text, "t.md")


def _payments(result):  # type: ignore[no-untyped-def]
    return [o for o in result.obligations if o.kind == "payment"]


def test_cells_of_three_markups() -> None:
    md = "| 第一期 | 合同生效后10日内 | 30% |"
    spans, markup = split_cells(md, 0, len(md)) or ([], "")
    assert markup == "md" and [md[a:b] for a, b in spans] == ["第一期", "合同生效后10日内", "30%"]
    html = "<tr><td>第一期</td><td> 30% </td><td>合同生效后10日内</td></tr>"
    spans, markup = split_cells(html, 0, len(html)) or ([], "")
    assert markup == "html" and [html[a:b] for a, b in spans] == ["第一期", "30%", "合同生效后10日内"]
    tab = "第一期\t\t30%\t150,000.00"
    spans, markup = split_cells(tab, 0, len(tab)) or ([], "")
    assert markup == "tab" and [tab[a:b] for a, b in spans] == ["第一期", "", "30%", "150,000.00"]
    assert split_cells("甲方应于2025年3月1日前支付。", 0, 17) is None


def test_header_roles_in_any_order() -> None:
    line = "金额(元)\t付款条件\t期次\t比例\t备注"
    spans, _ = split_cells(line, 0, len(line)) or ([], "")
    assert header_roles(line, spans) == ["amount", "condition", "title", "percent", "note"]
    data = "1\t2\t3"
    assert header_roles(data, split_cells(data, 0, len(data))[0]) is None  # type: ignore[index]


def test_row_takes_the_header_above_it() -> None:
    text = "| 付款时间 | 期次 | 金额 |\n|---|---|---|\n| 2025年6月30日前 | 第一期 | 100,000.00 |\n"
    start = text.index("| 2025")
    row = row_at(text, start, text.index("\n", start))
    assert row is not None and [c.role for c in row.cells] == ["condition", "title", "amount"]
    assert row.of("amount") is not None and text[row.of("amount").start:row.of("amount").end] == "100,000.00"  # type: ignore[union-attr]


def test_markdown_table_columns_out_of_order() -> None:
    table = ("| 付款条件 | 金额（元） | 期次 | 比例 |\n|---|---|---|---|\n"
             "| 本合同生效之日起10日内 | 150,000.00 | 第一期 | 30% |\n"
             "| 2025年12月31日前 |  | 第二期 | 50% |\n"
             "| 模型验收合格后15个工作日内 | 100,000.00 | 第三期 | 20% |\n")
    pays = _payments(_parse(table))
    assert [(p.title, p.amount) for p in pays] == [
        ("第一期 30%", Decimal("150000.00")), ("第二期 50%", Decimal("250000.00")), ("第三期 20%", Decimal("100000.00"))]
    assert pays[0].due_date == date(2025, 3, 13) and pays[0].trigger is not None and pays[0].trigger.event == "effective"
    assert pays[1].due_date == date(2025, 12, 31) and pays[1].trigger is None
    assert pays[2].trigger is not None and (pays[2].trigger.event, pays[2].trigger.offset) == ("acceptance", "P15D")
    assert all(p.party == "client" and p.clause == "1.2" for p in pays)
    assert pays[0].quote == "本合同生效之日起10日内 | 150,000.00 | 第一期 | 30%"  # Markdown: the row


def test_word_table_quotes_the_deadline_cell_and_reads_the_amount_column() -> None:
    table = ("期次\t比例\t付款节点\t金额（元）\n"
             "第一期\t40%\t合同签订之日起15日内\t200,000.00\n"
             "第二期\t60%\t甲方收到乙方开具的发票后30日内\t300,000.00\n")
    pays = _payments(_parse(table))
    assert [p.quote for p in pays] == ["合同签订之日起15日内", "甲方收到乙方开具的发票后30日内"]
    assert [p.amount for p in pays] == [Decimal("200000.00"), Decimal("300000.00")]
    assert pays[1].trigger is not None and pays[1].trigger.event == "invoice"


def test_html_table_capital_amount_disagreeing_with_figures() -> None:
    table = ("<table>\n<tr><th>期次</th><th>付款条件</th><th>金额</th></tr>\n"
             "<tr><td>第一期</td><td>合同签订后10日内</td><td>人民币贰拾万元整（¥210,000.00）</td></tr>\n"
             "<tr><td>第二期</td><td>2025年9月30日前</td><td>人民币叁拾万元整（¥300,000.00）</td></tr>\n</table>")
    result = _parse(table)
    pays = _payments(result)
    assert [p.amount for p in pays] == [Decimal("200000.00"), Decimal("300000.00")]  # the 大写 wins
    assert pays[0].quote == "合同签订后10日内"
    assert [w.code for w in result.warnings].count("amount_mismatch") == 1


def test_amount_column_in_ten_thousands() -> None:
    table = ("| 支付条件 | 金额（万元） | 款项 |\n|---|---|---|\n"
             "| 合同签订后7日内 | 20 | 预付款 |\n| 验收合格后30日内 | 30.5 | 尾款 |\n")
    pays = _payments(_parse(table, total="本合同总价为人民币50.5万元。"))
    assert [p.amount for p in pays] == [Decimal("200000.00"), Decimal("305000.00")]
    assert [p.title for p in pays] == ["预付款", "尾款"]
