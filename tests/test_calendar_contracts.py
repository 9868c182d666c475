"""Contracts under other laws count their working days on their own calendar, read from their text.

fixtures/calendars/tw-wafer-map-114-09.zh-Hant.txt: x33 (ROC law, 民國 dates, 新臺幣) made effective
on 中華民國114年9月24日 (Wed 2025-09-24), with data due 十個工作日 and the first instalment 十六日
after it. Taiwan's 2025 holidays around then: Sun 09-28 Teachers' Day observed Mon 09-29, Mon 10-06
Mid-Autumn, Fri 10-10 National Day (the mainland's: 10-01 .. 10-08 off, Sun 09-28 and Sat 10-11 worked).

- data, 10 Taiwan working days: 09-25, 09-26, 09-30, 10-01, 10-02, 10-03, 10-07, 10-08, 10-09,
  10-13 → 2025-10-13 (mainland: 09-25, 09-26, 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13,
  10-14 → 2025-10-14);
- first instalment, 16 days: Fri 2025-10-10, a Taiwan holiday → Mon 2025-10-13 (mainland: a working
  day, stays 2025-10-10).

fixtures/calendars/ny-triage-text-2025-11.en.txt: x34 made effective Wed 2025-11-05, governed by the
laws of the State of New York, Business Day = New York banks open. New York bank holidays then:
Tue 2025-11-11 Veterans Day, Thu 11-27 Thanksgiving, Thu 12-25 Christmas; 2026-04-06 is no holiday
there but the mainland's Qingming (04-04 .. 04-06).

- data, 15 Business Days: 11-06, 11-07, 11-10, 11-12, 11-13, 11-14, 11-17 … 11-21, 11-24, 11-25,
  11-26, 11-28 → 2025-11-28 (mainland: … 11-26 → 2025-11-26);
- 30 % within fifty calendar days: Thu 2025-12-25 → Fri 2025-12-26 (mainland: stays 12-25);
- model, five months: Sun 2026-04-05 → Mon 2026-04-06 (mainland: Tue 2026-04-07).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.parse import parse_file
from tracker.parse.calendar_detect import calendar_of

FIX = Path(__file__).parent / "fixtures" / "calendars"
TW = FIX / "tw-wafer-map-114-09.zh-Hant.txt"
NY = FIX / "ny-triage-text-2025-11.en.txt"
runner = CliRunner()


def _dues(result) -> dict[str, date | None]:  # type: ignore[no-untyped-def]
    return {f"{o.kind} {o.clause}": o.due_date for o in result.obligations}


def test_taiwan_contract_counts_taiwan_working_days() -> None:
    r = parse_file(TW)
    assert r.calendar == "TW" and r.to_json()["x_business_day_calendar"] == "TW"
    assert r.calendar_quote == "依中華民國相關法令"
    d = _dues(r)
    assert d["data_delivery 1.3"] == date(2025, 10, 13)
    first = next(o for o in r.obligations if o.title.startswith("第一期款"))
    assert first.due_date == date(2025, 10, 13)
    assert not [w for w in r.warnings if w.code == "calendar_out_of_range"]


def test_new_york_contract_counts_new_york_banking_days() -> None:
    r = parse_file(NY)
    assert r.calendar == "US-NY" and r.to_json()["x_business_day_calendar"] == "US-NY"
    assert r.calendar_quote is not None and r.calendar_quote.startswith('"Business Day" means')
    d = _dues(r)
    assert d["data_delivery 1.3"] == date(2025, 11, 28)
    assert d["model_delivery 2.3"] == date(2026, 4, 6)
    first = next(o for o in r.obligations if o.kind == "payment" and o.trigger and o.trigger.offset == "P50D")
    assert first.due_date == date(2025, 12, 26)


def test_mainland_contract_has_no_calendar_key() -> None:
    r = parse_file(Path(__file__).parent / "contracts" / "x34-lingshu-triage-text.en.txt")
    assert r.calendar == "CN" and "x_business_day_calendar" not in r.to_json()


def _store(path: Path) -> int:
    r = runner.invoke(app, ["add", str(path), "--json"])
    assert r.exit_code == 0, r.output
    return int(json.loads(r.stdout)[0]["contract_id"])


def _show(cid: int) -> dict:  # type: ignore[type-arg]
    r = runner.invoke(app, ["show", str(cid), "--json", "--as-of", "2025-09-01"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_calendar_is_stored_shown_and_editable(db_path: Path) -> None:
    cid = _store(TW)
    shown = _show(cid)
    assert shown["calendar"] == "TW"
    by = {o["title"]: o["due_date"] for o in shown["obligations"]}
    assert by["训练数据交付"] == "2025-10-13" and by["第一期款 30%"] == "2025-10-13"
    assert "TW: Taiwan" in runner.invoke(app, ["show", str(cid), "--as-of", "2025-09-01"]).stdout
    r = runner.invoke(app, ["edit", str(cid), "calendar", "CN", "--json"])
    assert r.exit_code == 0, r.output
    moved = {c["title"]: (c["old_due_date"], c["due_date"]) for c in json.loads(r.stdout)["changes"]}
    assert moved == {"训练数据交付": ("2025-10-13", "2025-10-14"), "第一期款 30%": ("2025-10-13", "2025-10-10")}
    shown = _show(cid)
    assert shown["calendar"] == "CN"
    assert [h for h in shown["history"] if h["field"] == "calendar"][0]["new"] == '"CN"'


def test_new_york_contract_stored_with_its_calendar(db_path: Path) -> None:
    cid = _store(NY)
    shown = _show(cid)
    assert shown["calendar"] == "US-NY"
    by = {(o["kind"], o["clause"]): o for o in shown["obligations"]}
    assert by[("data_delivery", "1.3")]["calendar_basis"] == {"2025": by[("data_delivery", "1.3")]
                                                              ["calendar_basis"]["2025"]}
    assert by[("data_delivery", "1.3")]["calendar_basis"]["2025"].startswith("holidays ")
    assert by[("renewal_notice", "5.2")]["calendar_basis"] == {}  # never rolled: no calendar involved


def test_parse_view_names_the_calendar() -> None:
    r = runner.invoke(app, ["parse", str(NY)])
    assert r.exit_code == 0 and "US-NY: New York banking days" in r.stdout


@pytest.mark.parametrize(("text", "language", "code"), [
    ("This Agreement is governed by the laws of the State of New York.", "en", "US-NY"),
    ("This Agreement shall be construed in accordance with the laws of Hong Kong.", "en", "HK"),
    ("governed by and construed in accordance with the laws of England and Wales", "en", "GB-ENG"),  # its bank holidays
    ("This Agreement is governed by the laws of the People's Republic of China.", "en", "CN"),
    ('"Business Day" means a day on which commercial banks are open in Singapore.', "en", "SG"),
    ("Business Day means a day that is not a Saturday, Sunday or public holiday in Brisbane, Queensland.", "en", "AU-QLD"),
    ('"Business Day" means any day other than a Saturday, a Sunday or a legal holiday of the State of Washington.', "en", "US-WA"),
    ("This Agreement is governed by the laws of the State of Texas.", "en", "US-TX"),
    ("This Agreement is governed by the laws of Western Australia.", "en", "AU-WA"),
    ('"Business Day" means any day on which commercial banks are open for general business in Beijing, '
     "determined in accordance with the arrangements of the State Council. This Agreement is governed by the "
     "laws of the State of New York.", "en", "CN"),  # the definition wins over the governing law
    ("Party A, a company organized under the laws of the State of New York, and Party B.", "en", "CN"),
    ("本契约以中华民国法律为准据法。", "zh-Hant", "TW"),
    ("本合同适用中华人民共和国内地法律。", "zh-Hant", "CN"),
    ("本合同适用香港特别行政区法律。", "zh-Hans", "HK"),
    ("本合同适用中华人民共和国（为本合同之目的，不包括香港、澳门和台湾地区）法律。", "zh-Hans", "CN"),
    ("本合同所称工作日是指香港银行营业之日。本合同适用中华人民共和国法律。", "zh-Hans", "HK"),
    ("签订日期：中华民国一一四年七月一日。总价新台币伍拾万元整。", "zh-Hant", "TW"),
    ("签订日期：中华民国一一四年七月一日。总价人民币伍拾万元整。", "zh-Hant", "CN"),  # 民国 alone is not enough
    ("甲方应于本合同生效之日起十个工作日内支付。", "zh-Hans", "CN"),
])
def test_calendar_from_the_words(text: str, language: str, code: str) -> None:
    assert calendar_of(text, language) == code
