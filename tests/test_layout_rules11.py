"""Found by blind batch 57: an English contract drafted the Korean way: Article N (Title) with circled
paragraphs (run on after a sentence in a PDF's text layer), dates written "2026. 5. 20.", sums in KRW, a
"Contract Date" defined as the day both parties signed, a delay rate written "1.25/1,000", and periods
counted from "the contract period ends"."""

from __future__ import annotations

from tracker.parse import parse_text
from tracker.parse.common import find_dates
from tracker.parse.money_text import find_money

CONTRACT = """DATA LABELLING SERVICES AGREEMENT
Mirae Motors Co., Ltd. (hereinafter the "Client") and Saebyeok Data Inc. (hereinafter the "Contractor") enter into this Agreement as follows.
Article 1 (Definitions)
① "Contract Date" means 2026. 3. 16., the date on which both parties signed and sealed this Agreement.
Article 2 (Contract Amount)
① The contract amount is KRW 300,000,000 (the "Contract Amount").
Article 3 (Contract Period)
① The contract period is from the Contract Date to 2026. 11. 30.
Article 4 (Work)
① The Client shall provide the Contractor with the raw camera data within ten (10) days from the Contract Date.
② The Contractor shall deliver the labelled data by 2026. 8. 14.
Article 5 (Payment)
① The Client shall pay the Contract Amount as follows:
1. Advance payment: forty percent (40%) of the Contract Amount (KRW 120,000,000) within fourteen (14) days from the Contract Date;
2. Balance: sixty percent (60%) of the Contract Amount (KRW 180,000,000) within thirty (30) days after the labelled data passes inspection. ② If the Client delays any payment, it shall pay delay interest on the overdue amount at the statutory rate.
Article 6 (Delay Compensation)
① If the Contractor fails to deliver by the due date, it shall pay delay compensation equal to the Contract Amount multiplied by the rate of 1.5/1,000 for each day of delay.
Article 7 (Confidentiality)
① Each party shall keep the other party's information confidential for two (2) years after the contract period ends.
② Within seven (7) days after the contract period ends, the Contractor shall destroy all raw camera data.
"""


def test_korean_dates_and_won() -> None:
    assert [h.value.isoformat() for h in find_dates("by 2026. 7. 17.", 0, 15) if h.value] == ["2026-07-17"]
    assert [(str(h.value), h.currency) for h in find_money("KRW 144,000,000", 0, 15)] == [("144000000", "KRW")]
    assert find_money("PHP 8 runtime", 0, 13) == []  # the programming language, not pesos


def test_a_contract_date_defined_as_the_signing_dates_the_contract() -> None:
    d = parse_text(CONTRACT, "kr.en.txt").to_json()
    c = d["contract"]
    assert (c["signed_date"], c["effective_date"], c["expiry_date"]) == ("2026-03-16", "2026-03-16", "2026-11-30")
    assert (c["total_fee"], c["currency"]) == ("300000000.00", "KRW")
    data = next(o for o in d["obligations"] if o["kind"] == "data_delivery")
    assert data["trigger"] == {"event": "signing", "offset": "P10D", "business_days": False}
    assert data["due_date"] == "2026-03-26"


def test_circled_paragraphs_run_on_in_a_line_are_clauses_of_their_own() -> None:
    d = parse_text(CONTRACT, "kr.en.txt").to_json()
    pays = [o for o in d["obligations"] if o["kind"] == "payment"]
    assert [p["amount"] for p in pays] == ["120000000.00", "180000000.00"]
    assert pays[1]["trigger"] == {"event": "acceptance", "offset": "P30D", "business_days": False}  # passes inspection
    late = next(p for p in d["contract"]["penalties"] if p["kind"] == "late_payment")
    assert late["rate"] is None  # "at the statutory rate": the 60% of the item before it is not its rate
    delay = next(p for p in d["contract"]["penalties"] if p["kind"] == "late_delivery")
    assert (delay["rate"], delay["per"], delay["basis"]) == ("0.0015", "day", "total_fee")


def test_periods_counted_from_the_end_of_the_contract_period() -> None:
    d = parse_text(CONTRACT, "kr.en.txt").to_json()
    assert d["contract"]["confidentiality_term"] == "P2Y"
    destroy = next(o for o in d["obligations"] if "destroy" in o["quote"])
    assert destroy["trigger"] == {"event": "expiry", "offset": "P7D", "business_days": False}
