"""The time-expression layer against its example corpora (tests/examples/deadlines*.tsv).

``deadlines.tsv`` is the shared phrase corpus (copied, never edited); ``deadlines_more.tsv`` our own
rows in several word orders; ``deadlines_negative.tsv`` look-alikes that must never become a
deadline. Rows of ``deadlines.tsv`` the layer does not read yet are listed in ``deadlines.gaps`` and
run as strict xfails: reading one of them makes the test fail until the list is updated.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from tracker.parse.normalize import normalize
from tracker.parse.timex import Deadline, FixedDate, Recurrence, TimeValue, has_time_element, read_time
from tracker.parse.timex_element import offset_value, schema_event, time_element

EXAMPLES = Path(__file__).parent / "examples"
GAPS = {line.strip() for line in (EXAMPLES / "deadlines.gaps").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")}


def _rows(name: str) -> list[dict[str, str]]:
    with (EXAMPLES / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _key(v: TimeValue | None) -> tuple[str, object, bool, str] | None:
    """A value in the corpus' columns; offsets by value (P24M == P2Y, P2W == P14D)."""
    if v is None:
        return None
    if isinstance(v, Recurrence):
        return v.anchor, offset_value(v.offset), v.business_days, v.rrule
    if isinstance(v, FixedDate):
        return f"date:{v.value.isoformat()}", offset_value("P0D") if v.kind == "by" else "", False, ""
    return v.anchor, offset_value(v.offset) if v.offset else "", v.business_days, ""


def _want(row: dict[str, str]) -> tuple[str, object, bool, str]:
    off = row["offset"]
    return row["anchor"], offset_value(off) if off else "", row["business_days"] == "true", row["recurrence"]


def _params(name: str, gaps: set[str]) -> list[object]:
    return [pytest.param(r, id=f"{i + 2}-{r['lang']}",
                         marks=[pytest.mark.xfail(strict=True, reason="known gap")] if r["phrase"] in gaps else [])
            for i, r in enumerate(_rows(name))]


@pytest.mark.parametrize("row", _params("deadlines.tsv", GAPS))
def test_shared_phrase_corpus(row: dict[str, str]) -> None:
    assert _key(read_time(normalize(row["phrase"]).text, row["lang"])) == _want(row), row["phrase"]


@pytest.mark.parametrize("row", _params("deadlines_more.tsv", set()))
def test_our_phrase_corpus(row: dict[str, str]) -> None:
    assert _key(read_time(normalize(row["phrase"]).text, row["lang"])) == _want(row), row["phrase"]


@pytest.mark.parametrize("row", _rows("deadlines_negative.tsv"), ids=lambda r: r["phrase"][:24])
def test_negative_phrases_are_never_deadlines(row: dict[str, str]) -> None:
    s = normalize(row["phrase"]).text
    assert time_element(s, row["lang"]) is None
    v = read_time(s, row["lang"])
    assert v is None or not isinstance(v, Deadline) or v.contingent or v.anchor == "event" or v.offset == "P0D" \
        or v.kind == "lasting"  # "for two years after termination": how long a state lasts
    assert has_time_element(s, row["lang"]) is (row["time_element"] == "true")


def test_corpus_sizes_and_pass_rate() -> None:
    shared = _rows("deadlines.tsv")
    assert len(shared) == 277
    assert len(_rows("deadlines_more.tsv")) >= 100
    assert len(GAPS) <= 20 and {r["phrase"] for r in shared} >= GAPS


def test_split_order_keeps_the_actor_outside_the_time_span() -> None:
    s = "合同签订后,甲方在15个工作日内支付首期款"
    v = read_time(s, "zh")
    assert isinstance(v, Deadline)
    assert (v.anchor, v.offset, v.business_days, v.kind) == ("signing", "P15D", True, "within")
    assert s[v.start:v.end] == "15个工作日内"


def test_contingent_replies_are_marked() -> None:
    v = read_time("接到报修后2小时内响应", "zh")
    assert isinstance(v, Deadline) and v.contingent and v.offset == "PT2H"
    v = read_time("乙方应在10日内予以答复", "zh")
    assert isinstance(v, Deadline) and v.contingent and v.anchor == "event"


def test_kinds() -> None:
    assert read_time("自验收合格之日起满六个月后", "zh") == Deadline("acceptance", "P6M", False, "not_before")
    assert read_time("合同签订后第3个工作日", "zh") == Deadline("signing", "P3D", True, "on")
    assert read_time("合同期满前一个月内", "zh") == Deadline("expiry", "-P1M", False, "window")
    assert read_time("合同期满前一个月", "zh") == Deadline("expiry", "-P1M", False, "before")
    fixed = read_time("应于2026年1月31日前", "zh")
    assert isinstance(fixed, FixedDate) and fixed.value == date(2026, 1, 31) and fixed.kind == "by"


def test_time_element_speaks_the_obligations_document() -> None:
    assert schema_event("go_live") == "model_delivery"
    assert schema_event("award") == "other"
    got = time_element("系统上线后,甲方应于15日内支付第二期款", "zh")
    assert got is not None and (got["event"], got["offset"], got["business_days"]) == ("model_delivery", "P15D", False)
    assert time_element("中标通知书发出后三十日内签订合同", "zh") is None  # award: no event of the document
    assert time_element("每月25日前提交月报", "zh") == {"recurrence": "FREQ=MONTHLY;BYMONTHDAY=25", "_a": 0, "_b": 6}
    assert time_element("within 30 days after receipt of the invoice", "en") is not None


def test_has_time_element() -> None:
    assert has_time_element("甲方应在收到发票后,于10个工作日内支付", "zh")
    assert has_time_element("Fees are invoiced monthly in arrears.", "en")
    assert has_time_element("The balance is payable upon Acceptance.", "en")
    assert not has_time_element("乙方应保守甲方的商业秘密", "zh")
    assert not has_time_element("The Provider shall keep the Customer's data confidential.", "en")


@pytest.mark.parametrize("unit", ["合同签订后,甲方在15个工作日内支付首期款;每月25日前提交月报。", "验收合格", "满1年",
                                  "一二三四五六七八九十", "within thirty days after "])
def test_scan_time_grows_linearly(unit: str) -> None:
    import time

    from tracker.parse.timex_scan import scan

    def cost(n: int) -> float:
        text = unit * n
        best = float("inf")
        for _ in range(5):  # best of 5: another process on the machine must not fail the test
            t0 = time.process_time()
            scan(text, "en" if unit.startswith("within") else "zh")
            best = min(best, time.process_time() - t0)
        return best

    cost(5)
    small, large = cost(200), cost(4000)
    assert large < small * 20 * 6  # 20x the text: linear with room for a loaded machine (quadratic is 400x)


def test_a_run_on_megabyte_is_read_in_bounded_time() -> None:
    import time

    short, long = "满1年" * 700, "满1年" * 350_000
    t0 = time.process_time()
    read_time(short, "zh")
    base = time.process_time() - t0
    t0 = time.process_time()
    read_time(long, "zh")
    assert time.process_time() - t0 < base * 20 + 0.05  # the first 2000 characters, not the megabyte


def test_anchor_defined_in_another_sentence() -> None:
    doc = "质保期为终验合格之日起一年。质保期内乙方免费维修。质保期满后甲方一次性无息支付质保金。"
    got = time_element("质保期满后甲方一次性无息支付质保金", "zh", doc)
    assert got is not None and (got["event"], got["offset"]) == ("acceptance", "P1Y")
    assert time_element("质保期满后甲方一次性无息支付质保金", "zh") is None  # no definition: not guessed
    doc_en = ("The warranty period is twelve (12) months following Acceptance. Customer shall pay the retention "
              "within thirty (30) days after the expiry of the Warranty Period.")
    got = time_element("Customer shall pay the retention within thirty (30) days after the expiry of the Warranty Period",
                       "en", doc_en)
    assert got is not None and (got["event"], got["offset"]) == ("acceptance", "P12M30D")


def test_rules_read_a_deadline_split_by_a_comma() -> None:
    from tracker.parse import parse_text

    text = ("委托方（甲方）：苏州委托制造有限公司\n受托方（乙方）：南京受托智能科技有限公司\n\n"
            "第一条 合同生效\n本合同自双方签字之日起生效。\n"
            "第二条 费用\n2.1 合同签订后，甲方在15个工作日内支付首期款人民币100,000元。\n"
            "2.2 乙方应在收到全部训练数据后，于六十日内交付训练完成的模型。\n"
            "\n甲方（盖章）：某公司\n日期：2025年3月3日\n乙方（盖章）：某公司\n日期：2025年3月3日\n")
    result = parse_text(text, "t.txt")
    pays = [o for o in result.obligations if o.kind == "payment"]
    assert len(pays) == 1 and pays[0].party == "client"
    assert (pays[0].trigger.event, pays[0].trigger.offset, pays[0].trigger.business_days) == ("signing", "P15D", True)
    assert pays[0].due_date == date(2025, 3, 24)  # 15 working days after Monday 2025-03-03
    models = [o for o in result.obligations if o.kind == "model_delivery"]
    assert len(models) == 1 and models[0].party == "provider"
    assert (models[0].trigger.event, models[0].trigger.offset) == ("data_delivery", "P60D")


def test_t_defined_in_the_definitions_article() -> None:
    doc = "(1)“生效日”指本合同依第5.1条生效之日;“T”指生效日;\n2.1 乙方应于T+15个工作日内交付数据。"
    v = read_time("乙方应于T+15个工作日内交付数据", "zh")
    assert isinstance(v, Deadline) and (v.anchor, v.offset, v.business_days) == ("T", "P15D", True)
    got = time_element("乙方应于T+15个工作日内交付数据", "zh", doc)
    assert got is not None and (got["event"], got["offset"], got["business_days"]) == ("effective", "P15D", True)


SPLIT_ORDER = [  # sentence, (kind, party, event, offset): the event apart from the period, in several orders
    ("合同签订后，甲方在15个工作日内支付首期款人民币100,000元。", ("payment", "client", "signing", "P15D")),
    ("甲方应在收到乙方开具的发票后，于10个工作日内支付第二期款人民币100,000元。", ("payment", "client", "invoice", "P10D")),
    ("乙方应在收到全部训练数据后，于六十日内交付训练完成的模型。", ("model_delivery", "provider", "data_delivery", "P60D")),
    ("模型交付后，乙方应于5个工作日内提交模型评估报告。", ("evaluation_report", "provider", "model_delivery", "P5D")),
    ("在本合同生效之日起三十日内，甲方向乙方提供训练数据。", ("data_delivery", "client", "effective", "P30D")),
    ("系统上线后，甲方应在15日内支付第三期款人民币50,000元。", ("payment", "client", "model_delivery", "P15D")),
    ("甲方收到发票后5个工作日内审核，审核通过后10个工作日内支付尾款人民币50,000元。", ("payment", "client", "invoice", "P15D")),
]


@pytest.mark.parametrize(("sentence", "want"), SPLIT_ORDER)
def test_rules_read_split_order_deadlines(sentence: str, want: tuple[str, str, str, str]) -> None:
    from tracker.parse import parse_text

    text = ("委托方（甲方）：苏州委托制造有限公司\n受托方（乙方）：南京受托智能科技有限公司\n\n"
            f"第一条 合同生效\n本合同自双方签字之日起生效。\n第二条 履行\n2.1 {sentence}\n"
            "\n甲方（盖章）：某公司\n日期：2025年3月3日\n乙方（盖章）：某公司\n日期：2025年3月3日\n")
    got = [(o.kind, o.party, o.trigger.event, o.trigger.offset) for o in parse_text(text, "t.txt").obligations
           if o.trigger is not None and o.kind != "contract_expiry"]
    assert got == [want]
