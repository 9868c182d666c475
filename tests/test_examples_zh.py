"""Example corpora of the Chinese lexicon-driven readers (tests/examples/*.tsv), one test per row.

Each corpus has a negative file of look-alikes. Rows are written by hand; sentences go through the
same normalisation as a contract (Traditional → Simplified, full-width → half-width) first.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.parse.kinds_zh import kind_of
from tracker.parse.lexicon_zh import event_of
from tracker.parse.normalize import normalize
from tracker.parse.numerals import cn_int
from tracker.parse.penalties_zh import read_sentence

EXAMPLES = Path(__file__).parent / "examples"
#: article titles the cross-reference rows point at (违反第8条 → 保密)
XREF_TITLES = {"8": "第八条 保密", "5": "第五条 付款方式", "4": "第四条 交付期限"}


def _title(n: str) -> str | None:
    if n == "本":
        return None  # "this article": a sentence read alone has none
    return XREF_TITLES.get(str(cn_int(n)))  # 第八条 and 第8条 name the same article


def _rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def _norm(text: str) -> str:
    return normalize(text).text


def _dec(text: str) -> Decimal | None:
    return Decimal(text) if text else None


PENALTIES = _rows("penalties_zh.tsv")
PENALTY_LOOKALIKES = _rows("penalties_zh_negative.tsv")
KINDS = _rows("kinds_zh.tsv")
KIND_LOOKALIKES = _rows("kinds_zh_negative.tsv")


def test_corpora_are_big_enough() -> None:
    assert len(PENALTIES) >= 80 and len(PENALTY_LOOKALIKES) >= 20
    assert len(KINDS) >= 60 and len(KIND_LOOKALIKES) >= 15
    kinds = {row["kind"] for row in KINDS}
    assert kinds >= {"payment", "data_delivery", "model_delivery", "evaluation_report", "progress_report", "other", "none"}


@pytest.mark.parametrize("row", PENALTIES, ids=lambda r: r["sentence"][:24])
def test_penalty_sentence(row: dict[str, str]) -> None:
    got = read_sentence(_norm(row["sentence"]), _title)
    assert got.opens == (row["role"] == "penalty")
    if row["role"] == "completes":
        assert got.completes
    assert got.kind == (row["kind"] or None)
    assert (got.rate, got.per, got.basis) == (_dec(row["rate"]), row["per"] or None, row["basis"] or None)
    cap = row["cap"].split()
    if len(cap) == 2:
        assert (got.cap_rate, got.cap_basis, got.cap_amount) == (Decimal(cap[0]), cap[1], None)
    elif cap:
        assert (got.cap_rate, got.cap_amount) == (None, Decimal(cap[0]))
    else:
        assert (got.cap_rate, got.cap_amount) == (None, None)
    assert got.suspend_after_days == (int(row["suspend_after_days"]) if row["suspend_after_days"] else None)
    assert got.amount == _dec(row["amount"])


@pytest.mark.parametrize("row", PENALTY_LOOKALIKES, ids=lambda r: r["sentence"][:24])
def test_penalty_lookalike(row: dict[str, str]) -> None:
    assert not read_sentence(_norm(row["sentence"]), _title).opens


@pytest.mark.parametrize("row", KINDS, ids=lambda r: r["phrase"][:24])
def test_kind(row: dict[str, str]) -> None:
    want = None if row["kind"] == "none" else row["kind"]
    assert kind_of(_norm(row["phrase"]), row["party"] or None) == want


@pytest.mark.parametrize("row", KIND_LOOKALIKES, ids=lambda r: r["phrase"][:24] + "≠" + r["not_kind"])
def test_kind_lookalike(row: dict[str, str]) -> None:
    assert kind_of(_norm(row["phrase"]), row["party"] or None) != row["not_kind"]


EVENTS = _rows("events_zh.tsv")
EVENT_LOOKALIKES = _rows("events_zh_negative.tsv")


@pytest.mark.parametrize("row", EVENTS, ids=lambda r: r["phrase"][:20])
def test_event(row: dict[str, str]) -> None:
    assert event_of(_norm(row["phrase"])) == row["event"]


@pytest.mark.parametrize("row", EVENT_LOOKALIKES, ids=lambda r: r["phrase"][:20] + "≠" + r["not_event"])
def test_event_lookalike(row: dict[str, str]) -> None:
    got = event_of(_norm(row["phrase"]))
    assert got is None if row["not_event"] == "*" else got != row["not_event"]
