"""A yearly closure a contract adds to its working-day calendar ("excludes every day in the period from
24 December to 5 January"): read from the definition, carried in the calendar's code, counted by
every layer that counts working days."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tracker import calendar_closure as cc
from tracker.calendars import Calendars, YearSchedule, describe, known
from tracker.parse import parse_text
from tracker.parse.calendar_detect import detect
from tracker.periods import add_working_days

NZ = "NZ-AUK+CLOSED:1224-0105"


def test_the_code_carries_the_closure() -> None:
    assert cc.split(NZ) == ("NZ-AUK", (12, 24, 1, 5))
    assert cc.code_with("NZ-AUK", (12, 24, 1, 5)) == NZ
    assert cc.split("NZ-AUK") == ("NZ-AUK", None)
    assert cc.split("CN+CLOSED:0230-0301") == ("CN+CLOSED:0230-0301", None)  # no 30 February: not a closure
    assert known(NZ) and not known("XX+CLOSED:1224-0105")
    assert describe(NZ).endswith("closed 24 Dec–5 Jan each year")


@given(st.integers(1, 12), st.integers(1, 28), st.integers(1, 12), st.integers(1, 28), st.integers(2000, 2100))
def test_closed_days_in_a_year_are_the_period_cut_at_the_year(m1: int, d1: int, m2: int, d2: int, year: int) -> None:
    first, last = date(year, m1, d1), date(year, m2, d2)
    got = cc.days_in((m1, d1, m2, d2), year)
    if first <= last:  # within the year
        expected = {first + timedelta(days=i) for i in range((last - first).days + 1)}
    else:  # over the new year: the start of this year up to the last day, and the first day to the year's end
        expected = {date(year, 1, 1) + timedelta(days=i) for i in range((last - date(year, 1, 1)).days + 1)}
        expected |= {first + timedelta(days=i) for i in range((date(year, 12, 31) - first).days + 1)}
    assert got == expected


def test_working_days_skip_the_closure_and_the_place_s_holidays() -> None:
    cal = Calendars().get(NZ)
    assert not cal.working(date(2026, 12, 24))[0] and not cal.working(date(2027, 1, 5))[0]
    assert cal.working(date(2027, 1, 6))[0]
    assert not cal.working(date(2027, 2, 1))[0]  # Auckland Anniversary Day
    # 15 working days from Wednesday 9 December 2026: 10 before the closure, the rest after Auckland's
    assert add_working_days(date(2026, 12, 9), 15, cal)[0] == date(2027, 1, 12)
    assert add_working_days(date(2026, 12, 9), 15, Calendars().get("NZ-AUK"))[0] < date(2027, 1, 12)


def test_an_imported_year_of_the_base_calendar_keeps_the_closure() -> None:
    imported = YearSchedule("NZ-AUK", 2027, frozenset({date(2027, 3, 3)}), frozenset(), "import #1")
    cal = Calendars((imported,)).get(NZ)
    assert not cal.working(date(2027, 3, 3))[0]  # the imported holiday
    assert not cal.working(date(2027, 1, 4))[0]  # and the closure
    assert cal.coverage(2027) is not None and "import #1" in cal.coverage(2027)  # type: ignore[operator]


def test_the_definition_states_the_closure() -> None:
    text = ('"Working Day" means a day other than a Saturday, a Sunday or a public holiday in Auckland, and excludes '
            "every day in the period from 24 December to 5 January (both inclusive).")
    got = detect(text, "en")
    assert got is not None and got.code == NZ and got.reason == "definition"
    no_place = ('"Business Day" means a day other than a Saturday or Sunday, except the days between December 25 and '
                "January 1. This Agreement is governed by the laws of England.")
    assert detect(no_place, "en").code == "GB-ENG+CLOSED:1225-0101"  # type: ignore[union-attr]
    assert detect('"Business Day" means a day on which banks in London are open.', "en").code == "GB-ENG"  # type: ignore[union-attr]


def test_a_contract_counts_its_deadlines_over_the_closure() -> None:
    text = ("AGREEMENT FOR SERVICES\n**Client:** Kaimai Dairy Limited\n**Supplier:** Vision Labs Limited\n\n"
            "## 1. Definitions\n1.1 **Working Day** means a day other than a Saturday, a Sunday or a public holiday "
            "in Auckland, and excludes every day in the period from 24 December to 5 January (both inclusive).\n"
            "1.2 **Effective Date** means 9 December 2026.\n"
            "## 2. Data\n2.1 The Client shall make the imagery available to the Supplier within fifteen (15) Working Days "
            "after the Effective Date.\n")
    d = parse_text(text, "nz.en.md").to_json()
    data = next(o for o in d["obligations"] if o["kind"] == "data_delivery")
    assert data["due_date"] == "2027-01-12"
    assert not [w for w in d["warnings"] if w["code"] == "calendar_out_of_range"]


def test_places_name_their_calendars() -> None:
    for place, code in (("the Netherlands", "NL"), ("Sweden", "SE"), ("the United Arab Emirates", "AE"),
                        ("the Canton of Zurich", "CH-ZH"), ("the State of Berlin", "DE-BE"), ("Israel", "IL"),
                        ("the Republic of South Africa", "ZA"), ("Ontario", "CA-ON")):
        got = detect(f'"Business Day" means a day other than a Saturday, a Sunday or a public holiday in {place}.', "en")
        assert got is not None and got.code == code, place
