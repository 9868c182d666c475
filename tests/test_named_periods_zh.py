"""Named periods (named_periods_zh): a deadline counted from the end of a period the contract names
and dates is resolved from the written end, with no trigger; the term and undated periods are not
named periods. The example rows are in tests/examples/named_periods_zh*.tsv."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker.parse import parse_text
from tracker.parse.named_periods_zh import named_periods, series_start
from tracker.parse.normalize import normalize
from tracker.parse.timex_element import time_element

EXAMPLES = Path(__file__).parent / "examples"


def _rows(name: str) -> list[list[str]]:
    lines = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize("definition,sentence,anchor,offset,business", _rows("named_periods_zh.tsv"))
def test_deadline_from_a_named_period_end(definition: str, sentence: str, anchor: str, offset: str,
                                          business: str) -> None:
    doc = normalize(definition + "\n" + sentence + "。").text
    s = normalize(sentence).text
    t = time_element(s, "zh", doc)
    assert t is not None
    assert (t.get("anchor_date"), t.get("offset"), t.get("business_days")) == \
        (date.fromisoformat(anchor), offset, business == "true")
    assert "event" not in t


@pytest.mark.parametrize("definition,sentence", _rows("named_periods_zh.negative.tsv"))
def test_no_named_period_anchor(definition: str, sentence: str) -> None:
    doc = normalize(definition + "\n" + sentence + "。").text
    t = time_element(normalize(sentence).text, "zh", doc)
    assert t is None or "anchor_date" not in t


def test_a_series_within_a_named_period_starts_with_it() -> None:
    doc = normalize("运营服务期：指自2026年10月1日起至2027年9月30日止的期间。").text
    assert series_start("运营服务期内,乙方应于", named_periods(doc)) == date(2026, 10, 1)
    assert series_start("合同期内,乙方应于", named_periods(doc)) is None


CONTRACT = """医院AI软件试用协议
甲方（使用单位）：某市人民医院
乙方（供应商）：某智能科技有限公司
第一条 试用
1. 试用期为三个月，自2026年6月1日起至2026年8月31日止。
2. 乙方应于试用期届满后10个工作日内出具试用效果评估报告。
3. 甲方应于试用期届满前十五日书面通知乙方是否转为正式采购。
第二条 其他
本协议自双方签字盖章之日起生效，有效期至2027年5月31日止。
甲方（盖章）：某市人民医院    乙方（盖章）：某智能科技有限公司
签订日期：2026年5月20日
"""


def test_whole_contract_dates_named_period_deadlines_without_trigger() -> None:
    doc = parse_text(CONTRACT, "trial.txt")
    by_title = {(o.kind, o.party): o for o in doc.obligations}
    report = by_title[("evaluation_report", "provider")]
    # 2026-08-31 (Mon) + 10 working days: 09-01…09-04, 09-07…09-11, 09-14 → 09-14
    assert report.due_date == date(2026, 9, 14) and report.trigger is None
    notice = by_title[("other", "client")]
    # fifteen days before 08-31, counted backwards and not moved: 08-16 (a Sunday)
    assert notice.due_date == date(2026, 8, 16) and notice.trigger is None


def test_a_taiwan_contract_calls_itself_合约_and_its_term_a_service_period() -> None:
    text = ("人工智慧導入顧問服務合約\n委任人（以下簡稱甲方）：某精密機電有限公司\n受任人（以下簡稱乙方）：某管理諮詢有限公司\n"
            "壹、服務期間\n一、顧問服務期間為六個月，自本合約生效之日起算。\n"
            "二、本合約經雙方簽字蓋章後生效。\n\n甲方：某精密機電有限公司（蓋章）\n日期：2026年9月28日\n")
    doc = parse_text(text, "tw.zh-Hant.txt")
    assert doc.contract.term == "P6M"
    assert doc.contract.expiry_date == date(2027, 3, 28)  # six months after 2026-09-28
    assert "合約" in doc.obligations[0].quote  # the quote is the original's, not the folded 合同


def test_a_later_sentence_of_the_confidentiality_article_states_its_period() -> None:
    text = ("標註服務契約\n甲方：某零售股份有限公司\n乙方：某資料科技有限公司\n"
            "第一條 期間\n本契約有效期間自民國115年7月1日起至民國116年6月30日止。\n"
            "第二條 保密\n雙方對於因本契約知悉之他方營業秘密，負保密義務；本條於契約終止後二年內仍然有效。\n")
    doc = parse_text(text, "tw.zh-Hant.txt")
    assert doc.contract.confidentiality_term == "P2Y"
    assert doc.contract.confidentiality_expiry == date(2029, 6, 30)
