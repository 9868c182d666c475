"""Rules from the sixteenth session, one test each: English prose hard-wrapped at a width (its continuation
indented, or starting with a capital) is one sentence; a party's entry wrapped over lines keeps its name; a
contract restated "with effect from" a named date takes effect that day."""

from __future__ import annotations

from typing import Any

from tracker.parse import parse_text
from tracker.parse.wraps import soft_wrap, wrap_width


def _parse(text: str, name: str = "t.en.txt") -> dict[str, Any]:
    return parse_text(text, name).to_json()


def _wrap(paragraph: str, width: int, indent: str = "") -> str:
    """``paragraph`` wrapped at ``width`` the way a text formatter does (words kept whole)."""
    lines: list[str] = []
    line = indent
    for word in paragraph.split():
        if line.strip() and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = indent + word
        else:
            line = line + (" " if line.strip() else "") + word
    return "\n".join(lines + [line])


_FILLER = ("The Supplier shall keep records of the work performed under this Agreement in a form that allows the "
           "Customer to audit the time spent and the materials used by the Supplier and its subcontractors. ")


def test_the_width_of_a_wrapped_document_is_found_and_an_unwrapped_one_has_none() -> None:
    wrapped = "\n\n".join(_wrap(f"{n}.1 " + _FILLER * 2, 90, "    ") for n in range(1, 6))
    assert wrap_width(wrapped) is not None and 85 <= wrap_width(wrapped) <= 90  # type: ignore[operator]
    # a paragraph per line (lines of every length) is not wrapped at any width
    unwrapped = "\n".join(f"{n}.1 " + (_FILLER * 2)[: 40 + 37 * n] + "." for n in range(1, 10))
    assert wrap_width(unwrapped) is None
    # a line the next word would have fitted on ends where the writer ended it, and a new item opens its own line
    text = "    " + "x" * 50 + " ends here\n    Next sentence"
    assert not soft_wrap(text, text.index("\n"), 90)
    text = "    " + "word " * 17 + "the\n    2.2 The Supplier"
    assert not soft_wrap(text, text.index("\n"), 90)


def _wrapped_contract(width: int) -> str:
    clauses = [
        "2.1 The Customer shall deliver the Source Data Package (approximately 180,000 camera frames with "
        "synchronised sweeps) within fifteen (15) Business Days after the Restatement Date.",
        "2.2 The Supplier shall deliver the Retrained Perception Model, together with its inference container and "
        "the Model Card, on or before 30 June 2027.",
        "2.3 " + _FILLER * 3,
        "2.4 " + _FILLER * 2,
    ]
    body = "\n".join(_wrap(c, width, "    ") for c in clauses)
    return ("SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Vision Ltd (the \"Supplier\") and Beta Mobility "
            "Ltd (the \"Customer\").\n\n1. TERM\n\n    1.1 \"Restatement Date\" means 12 April 2027.\n    1.2 This "
            "Agreement is restated with effect from the Restatement Date and runs for twenty-four (24) months.\n\n"
            "2. DELIVERABLES\n\n" + body + "\n")


def test_prose_wrapped_at_a_width_reads_as_one_sentence_at_every_width() -> None:
    flat = {(o["kind"], o["party"], o["due_date"]) for o in _parse(_wrapped_contract(10_000))["obligations"]}
    # 15 business days after Monday 12 April 2027, weekends off: Monday 3 May
    assert ("data_delivery", "client", "2027-05-03") in flat and ("model_delivery", "provider", "2027-06-30") in flat
    named_split = 0
    for width in range(70, 114, 3):
        text = _wrapped_contract(width)
        named_split += "Restatement\n" in text  # a named date cut in two ("the Restatement\n    Date") is still that date
        got = _parse(text)["obligations"]
        assert {(o["kind"], o["party"], o["due_date"]) for o in got} == flat, width
        model = next(o for o in got if o["kind"] == "model_delivery")
        quote = " ".join(model["quote"].split())
        assert quote.startswith("The Supplier shall deliver the Retrained") and quote.rstrip(".").endswith("30 June 2027"), width
    assert named_split


def test_a_party_entry_wrapped_over_lines_keeps_its_name() -> None:
    entry = ("(1) Noordwind Mobility B.V., a private limited liability company incorporated under the laws of the "
             "Netherlands, having its registered seat in Amsterdam and registered with the Dutch Chamber of Commerce "
             "(KvK) under number 71845203 (the \"Customer\"); and")
    other = ("(2) Lingjing Data Europe B.V., a private limited liability company incorporated under the laws of the "
             "Netherlands, having its registered seat in Rotterdam and registered with the Dutch Chamber of Commerce "
             "(KvK) under number 80231967 (the \"Supplier\").")
    tail = ("\n\n1. FEES\n\n" + "\n".join(_wrap(f"1.{n} " + _FILLER * 2, 98) for n in range(1, 5))
            + "\n1.5 The Customer shall pay EUR 10,000 within thirty (30) days after the Effective Date.\n")
    for width in (80, 98):
        text = "AGREEMENT\n\nTHIS AGREEMENT is made between:\n\n" + _wrap(entry, width) + "\n\n" + _wrap(other, width) + tail
        c = _parse(text)["contract"]
        assert (c["client"], c["provider"]) == ("Noordwind Mobility B.V.", "Lingjing Data Europe B.V."), width


_RESTATED = ("AMENDED AND RESTATED SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Vision Ltd (the \"Supplier\") "
             "and Beta Mobility Ltd (the \"Customer\").\n\n1. DEFINITIONS\n1.1 \"Restatement Date\" means 12 April 2027.\n"
             "1.2 {effect}\n\n2. SERVICES\n2.1 The Customer shall deliver the Source Data within fifteen (15) days "
             "after the Restatement Date.\n\n3. TERM\n3.1 This Agreement runs for a period of twenty-four (24) months "
             "from the Restatement Date.\n\nSIGNED\nDate: 8 April 2027\n")


def test_a_contract_restated_with_effect_from_a_named_date_takes_effect_that_day() -> None:
    got = _parse(_RESTATED.format(effect="With effect from the Restatement Date, the Original Agreement is amended "
                                         "and restated in the form of this Agreement."))
    c = got["contract"]
    assert (c["effective_date"], c["expiry_date"]) == ("2027-04-12", "2029-04-12")
    (data,) = [o for o in got["obligations"] if o["kind"] == "data_delivery"]
    assert (data["trigger"], data["due_date"]) == ({"event": "effective", "offset": "P15D", "business_days": False}, "2027-04-27")
    # another agreement ended "with effect from" a named date does not start this one
    ended = _parse(_RESTATED.replace("Restatement Date", "Termination Date").format(
        effect="The Original Agreement shall terminate with effect from the Termination Date."))
    assert ended["contract"]["effective_date"] != "2027-04-12"


_PK = ("SERVICES AGREEMENT\n\nThis Agreement is made between Indus Data (Private) Limited (the \"Service Provider\") and "
       "Margalla Bank Limited (the \"Client\").\n\n1. DEFINITIONS\n1.1 \"Effective Date\" means 1 March 2026.\n"
       "1.2 \"Labelling Period\" means the period from 1 July 2026 to 31 December 2026.\n\n2. TERM\n2.1 This Agreement "
       "commences on the Effective Date and continues for eighteen (18) months.\n\n3. FEES\n"
       "3.1 The total fees under this Agreement are PKR 8,100,000.\n3.2 The Client shall pay a fee of Rs. 3,000,000 "
       "within fifteen (15) days after the Effective Date.\n{clause}\n")


def _pk(clause: str) -> dict[str, Any]:
    return _parse(_PK.format(clause=clause))


def test_markup_on_late_money_is_late_payment_interest() -> None:
    got = _pk("3.4 Any amount not paid when due shall carry markup at the rate of two percent (2%) per month on the "
              "overdue amount until paid in full.")
    (pen,) = got["contract"]["penalties"]
    assert (pen["kind"], pen["rate"], pen["per"], pen["basis"]) == ("late_payment", "0.02", "month", "overdue_amount")
    # a markup that is a price, not a charge on late money, is no penalty
    assert _pk("3.4 The Service Provider may apply a markup of 10% to third-party licence costs.")["contract"]["penalties"] == []


def _monthly(got: dict[str, Any]) -> dict[str, Any]:
    (fee,) = [o for o in got["obligations"] if o["kind"] == "payment" and o["recurrence"]]
    return fee


def test_a_monthly_day_of_the_following_month_falls_first_in_the_month_after_the_start() -> None:
    for day in ("on or before the 20th day of the following month", "by the 20th of the next month",
                "no later than the 20th day of the month following"):
        fee = _monthly(_pk(f"3.3 The Client shall pay a monthly fee of Rs. 850,000 for each month, {day}."))
        # effective Sunday 1 March 2026: March's fee is due on 20 April, not on 20 March
        assert (fee["recurrence"], fee["due_date"]) == ("FREQ=MONTHLY;BYMONTHDAY=20", "2026-04-20"), day
    fee = _monthly(_pk("3.3 The Client shall pay a monthly fee of Rs. 850,000 on or before the 20th day of each month."))
    assert fee["due_date"] == "2026-03-20"


def test_a_series_during_a_named_period_runs_in_that_period() -> None:
    got = _pk("3.3 The Client shall pay a monthly labelling fee of Rs. 850,000 for each month of the Labelling Period, "
              "on or before the 20th day of the following month.\n3.4 During the Labelling Period, the Service Provider "
              "shall submit a quality report on or before the last day of each calendar month.")
    fee = _monthly(got)
    assert (fee["due_date"], fee["amount"]) == ("2026-08-20", "850000.00")  # July's fee, paid in August
    (report,) = [o for o in got["obligations"] if o["kind"] == "progress_report"]
    assert report["due_date"] == "2026-07-31"
    # six monthly fees of the period and the first fee make the total: no mismatch is claimed
    assert [w for w in got["warnings"] if w["code"] == "amount_mismatch"] == []
    # with a total the instalments do not reach, the mismatch is still said
    short = _PK.replace("PKR 8,100,000", "PKR 9,000,000").format(clause="3.3 The Client shall pay a monthly labelling "
                                                                   "fee of Rs. 850,000 for each month of the Labelling Period, on or before the 20th day of the following month.")
    assert [w["code"] for w in _parse(short)["warnings"]].count("amount_mismatch") == 1


_EMC = ("节能服务合同\n甲方：某物业管理有限公司\n乙方：某节能科技有限公司\n第一条 本合同自2026年7月1日起生效，有效期三年。\n"
        "第二条 {report}\n第三条 甲方应于每份《年度节能量核证报告》送达之日起20个工作日内，向乙方支付当年度节能效益分享款。\n")


def test_a_yearly_report_that_states_the_models_metrics_is_the_evaluation_report_and_its_delivery_an_event() -> None:
    got = _parse(_EMC.format(report="自2027年起，乙方应于每年7月31日前出具《年度节能量核证报告》，报告应载明核证节能量"
                                    "及负荷预测模型的预测准确率。"), "t.txt")
    (report,) = [o for o in got["obligations"] if o["clause"] == "2"]
    assert (report["kind"], report["recurrence"]) == ("evaluation_report", "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=31")
    (pay,) = [o for o in got["obligations"] if o["clause"] == "3"]
    assert (pay["kind"], pay["party"], pay["trigger"]) == (
        "payment", "client", {"event": "evaluation_report", "offset": "P20D", "business_days": True})
    # a monthly report that lists the accuracy is a progress report, and a report that states no metric names no event
    monthly = _parse(_EMC.format(report="乙方应于每月5日前提交《年度节能量核证报告》，报告应载明上月预测准确率。"), "t.txt")
    assert [o["kind"] for o in monthly["obligations"] if o["clause"] == "2"] == ["progress_report"]
    plain = _parse(_EMC.format(report="乙方应于每年7月31日前出具《年度节能量核证报告》，报告应载明核证节能量。"), "t.txt")
    assert [o["kind"] for o in plain["obligations"] if o["clause"] == "2"] == ["progress_report"]
    assert [o for o in plain["obligations"] if o["clause"] == "3" and o["trigger"]] == []


def test_monthly_work_minutes_are_a_progress_report() -> None:
    text = _EMC.format(report="乙方应于每月五日以前，以书面提送前一月份之研究工作纪要。")
    (minutes,) = [o for o in _parse(text, "t.txt")["obligations"] if o["clause"] == "2"]
    assert (minutes["kind"], minutes["recurrence"], minutes["due_date"]) == ("progress_report", "FREQ=MONTHLY;BYMONTHDAY=5", "2026-07-05")


def test_a_pdf_covers_fields_stay_one_per_line_however_wide() -> None:
    from tracker.parse.readers_pdf import _join_wrapped

    lines = ["梧溪县人民医院影像云PACS及AI辅助诊断系统采购合同",
             "项目名称：梧溪县人民医院影像云PACS及AI辅助诊断系统采购项目",
             "采购人（甲方）：梧溪县卫生健康委员会",
             "一、乙方为梧溪县人民医院建设影像云PACS系统，并提供肺结节、骨折AI辅助诊断软件及配套服务器、存",
             "储设备，合同金额为人民币贰佰叁拾陆万元整。"]
    assert _join_wrapped(lines).split("\n") == lines[:3] + [lines[3] + lines[4]]


_TAB_TABLE = ("技术服务合同\n委托方（甲方）：北京甲科技有限公司\n受托方（乙方）：上海乙科技有限公司\n1　总则\n"
              "1.1　本合同自2026年10月2日起生效，有效期一年。\n2　交付与服务计划\n2.1　双方按下表履行各自的交付及服务义务：\n"
              "序号\t事项\t责任方\t完成时限\n4\t提交《风机故障预警季度报告》\t乙方\t{cell}\n2.2　其他。\n")


def test_a_table_rows_series_with_its_first_date_is_one_series() -> None:
    got = _parse(_TAB_TABLE.format(cell="每季度结束后十日内提交，首份报告于2027年1月10日前提交"), "t.txt")["obligations"]
    (report,) = [o for o in got if o["clause"] == "2.1"]
    assert (report["kind"], report["recurrence"], report["due_date"]) == (
        "progress_report", "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=10", "2027-01-10")
    # without the first date the series starts with the term
    (plain,) = [o for o in _parse(_TAB_TABLE.format(cell="每季度结束后十日内提交"), "t.txt")["obligations"] if o["clause"] == "2.1"]
    assert plain["due_date"] == "2026-10-10"


_ITEMS = ("CONSULTANCY AGREEMENT\n\nSCHEDULE\n\nItem 1: Client\nHarbourside Bank Limited (the \"Client\").\n\n"
          "Item 2: Consultant\nSouthern Cross AI Pty Ltd (the \"Consultant\").\n\nItem 3: Commencement Date and Term\n"
          "Commencement Date: Monday, 14 September 2026.\nThis Agreement runs for a term of nine (9) months starting on "
          "the Commencement Date.\n\nItem 4: Milestones\n(a) The Consultant will deliver the Model Risk Assessment Report "
          "no later than Friday, 30 October 2026.\n(b) The Client will pay AUD 60,000 within fifteen (15) days after "
          "the Commencement Date.\n\nGENERAL CONDITIONS\n\n1. Services\n1.1 The Consultant must perform the Services with "
          "due care.\n\n2. Payment\n2.1 If the Client does not pay an undisputed amount by its due date, it must pay "
          "interest on the overdue amount at the rate of 10% per annum.\n\nSigned for Harbourside Bank Limited. Date: "
          "9 September 2026\n")


def test_a_schedule_of_items_and_its_general_conditions_are_read() -> None:
    got = _parse(_ITEMS)
    c = got["contract"]
    # the Commencement Date field (its weekday written first) starts the term the Item states
    assert (c["effective_date"], c["term"], c["expiry_date"]) == ("2026-09-14", "P9M", "2027-06-14")
    obligations = {(o["clause"], o["kind"], o["due_date"]) for o in got["obligations"]}
    # "Item 4: Milestones" is clause 4; a date after its weekday ("no later than Friday, 30 October 2026") is the
    # deadline; a report named "Model …" is no delivery of the model
    assert ("4", "other", "2026-10-30") in obligations and ("4", "payment", "2026-09-29") in obligations
    # the general conditions after the schedule number their own clauses
    (pen,) = c["penalties"]
    assert (pen["clause"], pen["kind"], pen["rate"], pen["per"]) == ("2.1", "late_payment", "0.10", "year")
    # a list that merely starts with "Item" is no heading
    listed = _parse(_ITEMS.replace("Item 4: Milestones\n", "Item 4 covers the milestones below\n"))
    assert "4" not in {o["clause"] for o in listed["obligations"]}


_GRID = """DATA LICENCE AGREEMENT

This Agreement is made between Thamesgate Data Limited (the "Provider") and Northbrook AI Ltd (the "Client").

1. TERM
1.1 This Agreement starts on 1 October 2026 (the "Commencement Date") and continues for 24 months.

2. CHARGES
2.1 The Client shall pay the Charges set out in Schedule 1.

3. GENERAL
3.1 This Agreement is governed by the laws of England and Wales.

SCHEDULE 1 - FEES

+----------------------+-----------+-------------------------------------------+
| Charge               | Amount    | When payable                              |
+----------------------+-----------+-------------------------------------------+
| Licence Fee (1 of 2) | GBP 90,000| within 30 days of the Commencement Date   |
| Licence Fee (2 of 2) | GBP 90,000| within 30 days of invoice, invoiced on    |
|                      |           | delivery of Release B                     |
+----------------------+-----------+-------------------------------------------+

SCHEDULE 2 - DELIVERY TIMETABLE

 Item  Deliverable                              Party     Deadline
 ----  ---------------------------------------  --------  ---------------------
 1     Release A (1,800 hours, transcribed)     Provider  10 Working Days after
                                                          the Commencement Date
 2     Evaluation Report (accuracy and recall)  Provider  18 December 2026
"""


def test_a_grid_tables_rows_and_a_space_tables_wrapped_cells_are_read() -> None:
    got = _parse(_GRID)["obligations"]
    pays = sorted(((o["amount"], o["due_date"] or "", o["trigger"]["event"]) for o in got if o["kind"] == "payment"), reverse=True)
    # 30 days after Thursday 1 October 2026: Saturday 31 October, rolled to Monday 2 November; the second on invoice
    assert pays == [("90000.00", "2026-11-02", "effective"), ("90000.00", "", "invoice")]
    rows = {(o["kind"], o["party"], o["due_date"]) for o in got if o["kind"] != "payment"}
    # ten working days (England) after the Commencement Date, the deadline's second line included: 15 October
    assert ("other", "provider", "2026-10-15") in rows and ("evaluation_report", "provider", "2026-12-18") in rows


_KEY_TERMS = ("政府采购合同（服务类）\n采购人（甲方）：某区综合行政执法局\n供应商（乙方）：某信息技术有限公司\n"
              "第一部分　合同条款前附表\n{header}\n{rows}\n第二部分　合同通用条款\n第一条　服务内容\n乙方按招标文件提供服务。\n"
              "第二条　其他　本合同自双方签字盖章之日起生效。\n甲方（盖章）：某区综合行政执法局\n签订日期：2026年4月24日\n")
_ROWS = [("1", "合同金额", "人民币壹佰万元整（¥1,000,000.00），为固定总价。"),
         ("2", "服务期限", "自合同生效之日起十二个月。"),
         ("3", "甲方提供资料", "甲方应于合同生效之日起10日内向乙方提供监控点位清单及历史视频样本。"),
         ("4", "付款方式", "合同签订之日起10个工作日内，甲方支付合同金额的30%，即¥300,000.00。")]


def test_a_key_terms_tables_rows_are_clauses_however_the_table_is_written() -> None:
    layouts = {"pdf": (" ", "序号 条款名称 约定内容"), "docx": ("\t", "序号\t条款名称\t约定内容")}
    for name, (gap, header) in layouts.items():
        rows = "\n".join(gap.join(r) for r in _ROWS)
        got = _parse(_KEY_TERMS.format(header=header, rows=rows), "t.txt")
        c = got["contract"]
        assert (c["total_fee"], c["term"], c["expiry_date"]) == ("1000000.00", "P12M", "2027-04-24"), name
        by_clause = {o["clause"]: (o["kind"], o["party"], o["due_date"]) for o in got["obligations"]}
        # 24 April 2026 + 10 days: 4 May, in the Labour Day holiday, rolled to 6 May; 10 working days: 12 May
        # (the make-up Saturday 9 May counted)
        assert by_clause["前附表.3"] == ("data_delivery", "client", "2026-05-06"), name
        assert by_clause["前附表.4"] == ("payment", "client", "2026-05-12"), name
    pipes = "| 序号 | 条款名称 | 约定内容 |\n|---|---|---|\n" + "\n".join(f"| {' | '.join(r)} |" for r in _ROWS)
    md = _parse(_KEY_TERMS.format(header="", rows=pipes), "t.md")
    assert md["contract"]["total_fee"] == "1000000.00"
    assert {o["clause"] for o in md["obligations"] if o["kind"] == "data_delivery"} == {"前附表.3"}
