"""Pure event rules: triggers resolved with the period rules, termination, fact corrections."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.events import ObligationState, apply_edit, derive_facts, record_event
from tracker.model import Trigger

FACTS = {"effective_date": "2025-03-01", "term": "P6M", "expiry_date": "2025-09-01", "renewal_notice": "P1M",
         "renewal_notice_deadline": "2025-08-01", "confidentiality_term": "P3Y",
         "confidentiality_expiry": "2028-09-01"}


def obs() -> list[ObligationState]:
    return [
        ObligationState(1, "payment", "pending", None, Trigger("acceptance", "P15D")),
        ObligationState(2, "evaluation_report", "pending", None, Trigger("model_delivery", "P5D", True)),
        ObligationState(3, "model_delivery", "pending", date(2025, 7, 20)),
        ObligationState(4, "renewal_notice", "pending", date(2025, 8, 1), Trigger("expiry", "-P1M")),
        ObligationState(5, "contract_expiry", "pending", date(2025, 9, 1), Trigger("effective", "P6M")),
        ObligationState(6, "confidentiality_expiry", "pending", date(2028, 9, 1), Trigger("expiry", "P3Y")),
        ObligationState(7, "payment", "fulfilled", None, Trigger("acceptance", "P1D")),
        ObligationState(8, "data_delivery", "pending", date(2025, 3, 11), Trigger("effective", "P10D")),
    ]


def changes(res) -> dict[int, tuple]:
    return {c.obligation_id: (c.due_date, c.status) for c in res.changes}


def test_acceptance_rolls_performance_deadline_forward() -> None:
    # 2025-08-01 + 15 days = Sat 08-16 → Mon 08-18; the fulfilled one is left alone
    assert changes(record_event("acceptance", date(2025, 8, 1), obs(), FACTS)) == {1: (date(2025, 8, 18), None)}


def test_model_delivery_fulfils_and_counts_working_days() -> None:
    got = changes(record_event("model_delivery", date(2025, 9, 26), obs(), FACTS))
    # 5 working days after Fri 09-26 across National Day 2025 (make-up Sun 09-28 counts): 10-10
    assert got[3] == (None, "fulfilled")
    assert got[2] == (date(2025, 10, 10), None)


def test_termination_moves_confidentiality_and_cancels_renewal() -> None:
    res = record_event("termination", date(2025, 5, 15), obs(), FACTS)
    got = changes(res)
    assert got[4] == (None, "waived")
    assert got[5] == (date(2025, 5, 15), "fulfilled")
    assert got[6] == (date(2028, 5, 15), None)  # termination + P3Y, never rolled
    assert res.facts["confidentiality_expiry"] == "2028-05-15"
    assert res.facts["expiry_date"] == "2025-09-01"  # the written term is kept


def test_termination_confidentiality_not_rolled_to_a_workday() -> None:
    # 2025-06-14 + 3 years = Wed 2028-06-14... pick a Saturday end: 2025-06-17 + P3Y = Sat 2028-06-17
    got = changes(record_event("termination", date(2025, 6, 17), obs(), FACTS))
    assert got[6] == (date(2028, 6, 17), None)


def test_effective_redates_chain_through_expiry() -> None:
    res = record_event("effective", date(2025, 4, 1), obs(), FACTS)
    got = changes(res)
    assert got[8] == (date(2025, 4, 11), None)
    assert got[5] == (date(2025, 10, 1), None)  # expiry not rolled
    assert got[4] == (date(2025, 9, 1), None)
    assert got[6] == (date(2028, 10, 1), None)
    assert res.facts["expiry_date"] == "2025-10-01"


def test_unknown_event() -> None:
    with pytest.raises(ValueError):
        record_event("party", date(2025, 1, 1), obs(), FACTS)


def test_derive_month_end_clamping() -> None:
    f = derive_facts({"effective_date": "2025-08-31", "term": "P6M", "renewal_notice": "P1M",
                      "confidentiality_term": "P2Y"})
    assert f["expiry_date"] == "2026-02-28"
    assert f["renewal_notice_deadline"] == "2026-01-28"
    assert f["confidentiality_expiry"] == "2028-02-28"


def test_edit_expiry_directly_moves_dependants_only() -> None:
    res = apply_edit("expiry_date", "2025-12-31", obs(), FACTS)
    got = changes(res)
    assert got[5] == (date(2025, 12, 31), None)
    assert got[4] == (date(2025, 11, 30), None)
    assert got[6] == (date(2028, 12, 31), None)
    assert 8 not in got
