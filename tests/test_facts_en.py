"""The English contract-date layer (``tracker.parse.facts_en``) against a hand-written example
corpus (tests/examples/facts_en.tsv: phrasing → expected value) and a negative file of look-alikes
that must not yield the fact (recitals of other agreements, filing stamps, term ranges, statutes,
renewal periods, survival clauses)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from tracker.parse import parse_text
from tracker.parse.facts_en import DateFacts, clean, extract
from tracker.parse.normalize import mask_blanks, normalize

EXAMPLES = Path(__file__).parent / "examples"


def _rows(name: str) -> list[dict[str, str]]:
    with (EXAMPLES / name).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        row["text"] = row["text"].replace("\\n", "\n")
    return rows


POSITIVE = _rows("facts_en.tsv")
NEGATIVE = _rows("facts_en.negative.tsv")


def _facts(text: str) -> DateFacts:
    return extract(mask_blanks(normalize(text)).text)


def _value(facts: DateFacts, field: str) -> object:
    if field == "effective_start":
        return "signing" if facts.effective_on_signing else "event" if facts.effective_unknown else None
    return getattr(facts, field)


def test_corpus_sizes() -> None:
    assert len(POSITIVE) >= 60
    assert len(NEGATIVE) >= 30
    assert {r["field"] for r in POSITIVE} >= {"signed_date", "effective_date", "effective_start", "term",
                                              "end_date", "renewal_notice", "expiry_date"}


@pytest.mark.parametrize("row", POSITIVE, ids=lambda r: f"{r['field']}:{r['text'][:50]}")
def test_example(row: dict[str, str]) -> None:
    field, want = row["field"], row["expected"]
    if field == "expiry_date":  # effective + term by the period rules: the assembler's part
        got = parse_text(row["text"]).contract.expiry_date
        assert got == date.fromisoformat(want)
        return
    got = _value(_facts(row["text"]), field)
    if field.endswith("_date"):
        assert got == date.fromisoformat(want)
    else:
        assert got == want


@pytest.mark.parametrize("row", NEGATIVE, ids=lambda r: f"{r['field']}:{r['text'][:50]}")
def test_look_alike(row: dict[str, str]) -> None:
    assert _value(_facts(row["text"]), row["field"]) is None, row["why"]


def test_term_from_an_event_has_no_expiry() -> None:
    text = ("This Agreement is dated as of March 1, 2009 between IBM and Customer.\n"
            "This Agreement will remain in effect for thirty-six (36) months following the Hosting Service "
            "Ready Date, unless terminated earlier.")
    got = parse_text(text).contract
    assert (got.signed_date, got.term, got.expiry_date) == (date(2009, 3, 1), "P36M", None)


def test_event_bound_start_is_not_the_signing_date() -> None:
    text = ("MASTER MAINTENANCE AGREEMENT dated as of April 13, 2012\n"
            "3.1 The term of this Agreement shall commence on the first day of the Warranty Period and "
            "terminate on the last day of the Warranty Period.")
    got = parse_text(text).contract
    assert (got.signed_date, got.effective_date) == (date(2012, 4, 13), None)


def test_effective_on_signature_without_a_stated_date_is_the_signing_date() -> None:
    text = ("THIS AGREEMENT is made the 3rd day of May 2021 between A Ltd and B Ltd.\n"
            "8.1 This Agreement shall come into force upon signature by both parties.")
    got = parse_text(text).contract
    assert (got.signed_date, got.effective_date) == (date(2021, 5, 3), date(2021, 5, 3))


def test_clean_keeps_offsets_and_drops_filing_stamps() -> None:
    text = "shall continue for Thirty-six (36)\n\nPage 3 of 36\n\nSource: ACME, 8-K, 1/20/2009\n\nmonths."
    out = clean(text)
    assert len(out) == len(text)
    assert "Source" not in out and "Page" not in out
    assert out.startswith("shall continue for Thirty-six (36)") and out.endswith("months.")
    assert "\n\n" not in out  # a sentence broken by a page break reads as one


def test_quotes_and_clause_of_the_term() -> None:
    text = ("Section 1 Services\n1.1 The Supplier shall provide the services.\nSection 2 Fees\n2.1 The Customer "
            "shall pay the fees.\nSection 3 Term\n3.1 This Agreement shall take effect on 1 March 2026 and shall "
            "remain in force for two (2) years.\n3.2 Either Party wishing to renew shall notify the other at least "
            "thirty (30) days before the expiry of this Agreement.\n")
    result = parse_text(text)
    kinds = {o.kind: o for o in result.obligations}
    assert kinds["contract_expiry"].clause == "3.1" and kinds["contract_expiry"].due_date == date(2028, 3, 1)
    assert kinds["contract_expiry"].quote.startswith("This Agreement shall take effect")
    assert kinds["renewal_notice"].clause == "3.2" and kinds["renewal_notice"].due_date == date(2028, 1, 31)
