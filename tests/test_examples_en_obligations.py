"""The example corpus of English obligation sentences (tests/examples/en_obligations*.tsv).

Each row is one sentence (or a lead-in with its item or fee table) placed as clause 1.1 of a small
contract between Alpha ("Provider") and Beta ("Customer"), effective on Monday 2025-03-03; the
row says the one obligation the sentence states. The negative file holds look-alikes that state
none: contingent duties, survival clauses, service levels, term and renewal facts.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tracker.parse import parse_text

HERE = Path(__file__).parent / "examples"
HEAD = (
    "SERVICES AGREEMENT\n\n"
    'This Agreement is made between Alpha Intelligence Co., Ltd., a company incorporated in Shanghai ("Provider"), '
    'and Beta Trading Co., Ltd., a company incorporated in Hangzhou ("Customer"), as of March 3, 2025 '
    '(the "Effective Date").\n\n'
    "## 1. Obligations\n\n1.1 "
)
TAIL = "\n\nIN WITNESS WHEREOF the Parties have signed this Agreement.\n\nAlpha Intelligence Co., Ltd.\nDate: March 3, 2025\n"
DERIVED = {"contract_expiry", "renewal_notice", "confidentiality_expiry"}


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (HERE / name).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _parse(sentence: str):  # type: ignore[no-untyped-def]
    return parse_text(HEAD + sentence.replace("\\n", "\n") + TAIL, "example.en.md")


def _none(value: str) -> str | None:
    return None if value == "-" else value


POSITIVE = _rows("en_obligations.tsv")
NEGATIVE = _rows("en_obligations_negative.tsv")


def test_the_corpus_is_large_enough() -> None:
    assert len(POSITIVE) >= 60
    assert len(NEGATIVE) >= 25
    assert {r["kind"] for r in POSITIVE} >= {"data_delivery", "model_delivery", "evaluation_report",
                                            "progress_report", "payment", "other"}


@pytest.mark.parametrize("row", POSITIVE, ids=[r["sentence"][:60] for r in POSITIVE])
def test_obligation_sentence(row: dict[str, str]) -> None:
    result = _parse(row["sentence"])
    got = [o for o in result.obligations if o.kind not in DERIVED]
    assert len(got) == 1, [(o.kind, o.quote) for o in got]
    ob = got[0]
    assert ob.kind == row["kind"]
    assert ob.party == row["party"]
    if _none(row["event"]):
        assert ob.trigger is not None
        assert (ob.trigger.event, ob.trigger.offset, ob.trigger.business_days) == (
            row["event"], row["offset"], row["business_days"] == "true")
    else:
        assert ob.trigger is None
    if _none(row["fixed"]):
        assert ob.due_date is not None and ob.due_date.isoformat() == row["fixed"]
    assert ob.recurrence == _none(row["recurrence"])
    amount = _none(row["amount"])
    assert (str(ob.amount) if ob.amount is not None else None) == amount
    assert ob.clause == "1.1"
    assert ob.quote in result.text


@pytest.mark.parametrize("row", NEGATIVE, ids=[r["sentence"][:60] for r in NEGATIVE])
def test_not_an_obligation(row: dict[str, str]) -> None:
    result = _parse(row["sentence"])
    got = [(o.kind, o.quote) for o in result.obligations if o.kind not in DERIVED]
    assert got == []


def test_a_series_started_after_the_effective_date_begins_after_it() -> None:
    # the Effective Date is a Monday; "every Monday, starting on the first Monday after" skips it
    after = _parse("Provider shall send a status report every second Monday, starting on the first Monday "
                   "after the Effective Date.")
    plain = _parse("Provider shall send a status report every second Monday.")
    assert [o.due_date.isoformat() for o in after.obligations if o.due_date] == ["2025-03-10"]
    assert [o.due_date.isoformat() for o in plain.obligations if o.due_date] == ["2025-03-03"]


def test_business_days_count_the_mainland_calendar() -> None:
    ob = _parse("Customer shall deliver the Training Data within fifteen (15) Business Days after the Effective Date.")
    # 2025-03-03 + 15 working days: no holiday in March → Monday 2025-03-24
    assert [o.due_date.isoformat() for o in ob.obligations if o.due_date] == ["2025-03-24"]


def test_each_duty_of_a_compound_sentence_is_its_own_obligation() -> None:
    r = _parse("Provider shall deliver the trained Model on or before October 31, 2025, and shall deliver a test "
               "report showing the accuracy of the Model within seven (7) days after delivery of the Model.")
    got = sorted((o.kind, o.due_date.isoformat() if o.due_date else None, o.trigger.event if o.trigger else None)
                 for o in r.obligations)
    assert got == [("evaluation_report", None, "model_delivery"), ("model_delivery", "2025-10-31", None)]
    assert all(o.quote in r.text and o.party == "provider" for o in r.obligations)


def test_interest_that_accrues_on_late_payments_is_a_penalty() -> None:
    r = _parse("Late payments accrue interest at 0.05% per day on the overdue amount.\n\n"
               "1.2 If any payment is more than thirty (30) days overdue, Provider may suspend the Services.")
    (p,) = r.contract.penalties
    assert (p.kind, str(p.rate), p.per, p.basis, p.suspend_after_days) == ("late_payment", "0.0005", "day",
                                                                          "overdue_amount", 30)
