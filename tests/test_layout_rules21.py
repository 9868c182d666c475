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
