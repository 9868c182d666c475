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


SOUTH_AFRICAN = """SERVICE AGREEMENT
1. PARTIES
1.1 The Parties to this Agreement are Karoo Assurance Limited (hereinafter referred to as "the Client") and Msinga Labs (Pty) Ltd (hereinafter referred to as "the Service Provider").
2. INTERPRETATION
2.1 "Business Day" means any day other than a Saturday, Sunday or official public holiday in the Republic of South Africa;
2.2 "Signature Date" means the date of signature of this Agreement by the Party signing last;
3. DURATION
3.1 This Agreement shall commence on the Signature Date and shall endure for a period of 12 (twelve) months thereafter.
3.2 A Party wishing to renew this Agreement shall notify the other Party in writing at least 2 (two) calendar months before the expiry of the period referred to in clause 3.1.
4. SERVICES
4.1 The Service Provider shall furnish the Client with a written progress report by no later than the 7th (seventh) day of each calendar month.
4.2 The Model Performance Report shall show an F1 score of not less than 0,89.
5. PAYMENT
5.1 The Contract Price is R1 380 000,00 (one million three hundred and eighty thousand rand).
5.2 The Client shall pay the Contract Price as follows:
5.2.1 30% (thirty percent), being R414 000,00, within 5 (five) Business Days of the Signature Date;
5.2.2 the balance of 70% (seventy percent), being R966 000,00, within 30 (thirty) days of acceptance.
6. PENALTIES
6.1 Should the Service Provider fail to deliver the Trained Model on the due date, the Service Provider shall pay a penalty of 0,2% (nought comma two percent) of the Contract Price for each calendar day of delay, limited to 10% (ten percent) of the Contract Price.
7. CONFIDENTIALITY
7.1 The obligations in this clause 7 shall survive the termination or expiry of this Agreement for a period of 3 (three) years.
THUS DONE AND SIGNED at JOHANNESBURG on this 20th day of MARCH 2026.
THUS DONE AND SIGNED at CAPE TOWN on this 24th day of MARCH 2026.
"""


def test_south_african_drafting() -> None:
    d = parse_text(SOUTH_AFRICAN, "za.en.txt").to_json()
    c = d["contract"]
    assert (c["provider"], c["client"]) == ("Msinga Labs (Pty) Ltd", "Karoo Assurance Limited")  # 'as "the Client"'
    assert (c["signed_date"], c["term"], c["expiry_date"]) == ("2026-03-24", "P12M", "2027-03-24")  # the party signing last
    assert (c["total_fee"], c["currency"]) == ("1380000.00", "ZAR")  # thousands in spaces, a decimal comma
    assert (c["renewal_notice"], c["confidentiality_term"]) == ("P2M", "P3Y")
    assert c["metrics_targets"] == {"f1": "0.89"}
    pays = [o for o in d["obligations"] if o["kind"] == "payment"]
    assert [(p["amount"], p["due_date"]) for p in pays] == [("414000.00", "2026-03-31"), ("966000.00", None)]  # 7.2.1: items of 7.2
    report = next(o for o in d["obligations"] if o["kind"] == "progress_report")
    assert report["recurrence"] == "FREQ=MONTHLY;BYMONTHDAY=7"  # "the 7th (seventh) day"
    late = c["penalties"][0]
    assert (late["rate"], late["per"], late["cap"]) == ("0.002", "day", {"rate": "0.10", "basis": "total_fee"})


GERMAN = """FRAMEWORK AGREEMENT

between

Spree Perception GmbH, Friedrichstrasse 68, 10117 Berlin, Germany, registered under HRB 219874 B
- hereinafter "Customer" -

and

Kreuzberg Labs GmbH, Oranienstrasse 185, 10999 Berlin, Germany, registered under HRB 230155 B
- hereinafter "Provider" -

§ 1 Definitions

(1) "Business Day" means any day other than a Saturday, a Sunday or a public holiday in the State of Berlin (Land Berlin), Germany.

(2) "Effective Date" means the date of the last signature of this Framework Agreement.

§ 2 Fees

Total Call-Off Fee: EUR 420,000.00 (net).

(1) Customer shall provide the Source Data within five (5) Business Days after the Effective Date.


Berlin, 19 February 2027                         Berlin, 2 March 2027

for Kreuzberg Labs GmbH                          for Spree Perception GmbH
(signed) Dr. Lena Vogt                           (signed) Matthias Krueger
"""


def test_german_drafting() -> None:
    d = parse_text(GERMAN, "de.en.txt").to_json()
    c = d["contract"]
    assert (c["provider"], c["client"]) == ("Kreuzberg Labs GmbH", "Spree Perception GmbH")  # '- hereinafter "Customer" -'
    assert (c["signed_date"], c["effective_date"]) == ("2027-03-02", "2027-03-02")  # the later place-and-date
    assert (c["total_fee"], c["currency"]) == ("420000.00", "EUR")
    data = next(o for o in d["obligations"] if o["kind"] == "data_delivery")
    assert data["due_date"] == "2027-03-10"  # 3, 4, 5, 9, 10 March: Monday 8 March is Women's Day in Berlin alone


AUSTRALIAN = """SERVICES AGREEMENT
This agreement is made between Yarra Transit Pty Ltd (the "Customer") and Southbank Analytics Pty Ltd (the "Provider").
1. Definitions
1.1 In this Agreement: Business Day means a day that is not a Saturday, Sunday or public holiday in Melbourne, Victoria; Commencement Date means the date specified as such in the Notice to Proceed; Expiry Date means 30 June 2027; Project means the forecasting project.
2. Term
2.1 This Agreement takes effect on the Commencement Date and continues until the Expiry Date.
2.2 The Customer must provide the Historical Data within ten (10) Business Days after the Commencement Date.
Attachment A – Notice to Proceed
The Customer notifies the Provider that the Commencement Date is Monday, 14 September 2026.
"""


def test_australian_definitions_without_quotes_and_a_notice_to_proceed() -> None:
    d = parse_text(AUSTRALIAN, "au.en.txt").to_json()
    c = d["contract"]
    assert (c["effective_date"], c["expiry_date"]) == ("2026-09-14", "2027-06-30")
    data = next(o for o in d["obligations"] if o["kind"] == "data_delivery")
    assert data["due_date"] == "2026-09-29"  # 10 Melbourne business days: Friday 25 September is Grand Final Friday


def test_metric_thresholds_in_per_cent() -> None:
    text = ('SERVICES AGREEMENT\nThis Agreement is made between Alpha Ltd (the "Supplier") and Beta Ltd (the "Customer").\n'
            "1. Acceptance\n1.1 The Adapted Model shall achieve an intent accuracy of not less than 94 per cent and a recall of "
            "not less than 90 percent.\n")
    assert parse_text(text, "uk.en.txt").to_json()["contract"]["metrics_targets"] == {"accuracy": "0.94", "recall": "0.90"}


def test_an_israeli_letter_counts_business_days_sunday_to_thursday() -> None:
    text = ('ENGAGEMENT LETTER\nThis letter is between Galil Insurance Ltd (the "Client") and Carmel Labs Ltd (the "Provider").\n'
            '1. Definitions\n1.1 "Business Day" means a day from Sunday to Thursday that is not a public holiday in Israel.\n'
            '1.2 "Effective Date" means 18 March 2026.\n2. Fees\n2.1 Our fixed fee for the engagement is NIS 396,000, plus VAT.\n'
            "3. Data\n3.1 The Client shall deliver the Evaluation Dataset within two (2) Business Days after the Effective Date.\n")
    d = parse_text(text, "il.en.txt").to_json()
    assert (d["contract"]["total_fee"], d["contract"]["currency"]) == ("396000.00", "ILS")
    data = next(o for o in d["obligations"] if o["kind"] == "data_delivery")
    assert data["due_date"] == "2026-03-22"  # Thu 19, Sun 22 March: Friday and Saturday are the weekend (not Fri 20)
