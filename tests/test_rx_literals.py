"""The literal gate of a pattern (``tracker.parse.rx_literals``): a pattern is tried only where one of
the words every match contains stands, and finds exactly what the pattern finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.parse import lexicon_en
from tracker.parse.rx_literals import Gated, fold, gated, required


def test_required_words_by_hand() -> None:
    assert required(r"liquidated\s+damages|penalt|late[\s-]+fee", re.I) == {"liquidated", "penalt", "late"}
    # the longest literal run of a branch; case folded under IGNORECASE only
    assert required(r"Name\s+of\s+(?:the\s+)?Project", re.I) == {"project"}
    assert required(r"Name\s+of\s+(?:the\s+)?Project") == {"Project"}
    # a capture of plain letters continues the run; an optional group ends it
    assert required(r"in\s+(duplicate|triplicate)\b", re.I) == {"duplicate", "triplicate"}
    assert required(r"pay(?:ment)?s?\s+due") == {"pay"}
    # a mandatory repeat's content counts, an optional one's does not
    assert required(r"(?:invoice)+\s+x") == {"invoice"}
    assert required(r"(?:invoice)?\s*net") == {"net"}
    # two Chinese characters are rare enough, two Latin letters are not
    assert required(r"甲方(?:应|须)于") == {"甲方"}
    assert required(r"ab\s+cd") is None
    # a branch without a literal, or an empty branch, leaves the pattern ungated
    assert required(r"penalty|\d+\s*%") is None
    assert required(r"(?:penalty|)\s") is None
    # inline flags fold the whole pattern; a local flag group is no factor
    assert required(r"(?i)Interest") == {"interest"}
    assert required(r"abc(?i:Interest)") == {"abc"}


def test_gate_keeps_matches_and_skips_absent_words() -> None:
    rx = gated(r"late\s+payment\s+fee", re.I)
    assert rx.words == {"payment"}  # the longest literal run
    assert rx.search("x" * 50) is None
    m = rx.search("a LATE  Payment fee of 1%")
    assert m is not None and m.span() == (2, 19)
    # bounds: the word outside [pos, endpos) does not open the gate
    text = "late payment fee ... nothing"
    assert not rx.may_match(text, 13) and rx.may_match(text, 0, 12) and not rx.may_match(text, 0, 11)
    assert [m.span() for m in rx.finditer(text + " late payment fee", 5)] == [(29, 45)]
    # the letters re folds onto ASCII ones that casefold keeps apart
    assert rx.search("İate payment fee") is None  # (İ is no l: the pattern itself does not match)
    assert gated("interest", re.I).search("İNTEREST") is not None
    assert gated("interest", re.I).search("ınterest") is not None
    assert gated("mass", re.I).search("MAß") is None and re.search("mass", "MAß", re.I) is None
    assert fold("Straße KİLO") == "strasse kilo"


_PATTERNS = [
    (lexicon_en.PENALTY_CUES, re.I), (lexicon_en.LATE_PAYMENT, re.I), (lexicon_en.LATE_DELIVERY, re.I),
    (lexicon_en.PAYMENT_TERMS, re.I), (lexicon_en.TITLE_NAMED, re.I), (lexicon_en.MODAL, re.I),
    (r"\bin\s+(duplicate|triplicate|quadruplicate)\b", re.I), (r"甲方(?:应|须)于\d+日内", 0),
]
_PIECES = ["late", "payment", "fee", "LIQUIDATED", "damages", "penalty", "interest", " ", "  ", "\n", ".",
           "shall", "pay", "within", "30", "days", "Net", "invoice", "in", "duplicate", "project", "named",
           '"', "X", "甲方", "应", "于", "15", "日内", "İ", "ı", "K", "ſ", "each", "day", "of", "delay"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_PATTERNS), st.lists(st.sampled_from(_PIECES), max_size=30), st.integers(0, 40))
def test_gate_equals_the_pattern(pattern: tuple[str, int], pieces: list[str], pos: int) -> None:
    rx = re.compile(*pattern)
    gate = Gated(rx)
    text = "".join(pieces)
    want = [(m.span(), m.groups()) for m in rx.finditer(text, pos)]
    assert [(m.span(), m.groups()) for m in gate.finditer(text, pos)] == want
    got, exp = gate.search(text, pos), rx.search(text, pos)
    assert (got and got.span()) == (exp and exp.span())


def test_a_long_text_is_searched_behind_a_guard_only_where_re_has_no_prefix() -> None:
    unprefixed = Gated(re.compile(r"\s*,?\s+and\s+(?=shall\s)", re.I))  # starts with a repeat: re tries every position
    assert unprefixed._wide().pattern.startswith("(?=[")
    literal = Gated(re.compile(r"late\s+payment"))  # re skips to "l" by itself: a guard would only slow it
    assert literal._wide() is literal.rx
    alternation = Gated(re.compile("应|须|支付"))  # re's own set of first characters
    assert alternation._wide() is alternation.rx
    text = "x" * 500 + " , and shall deliver" + "y" * 10
    assert [m.span() for m in unprefixed.finditer(text)] == [(500, 507)]


_LONG = [*_PATTERNS, (r"\s*,?\s+and\s+(?=(?:shall|must)\s)|;\s*and\s+", re.I),
         (r"(?:(?:total|aggregate)\s+(?:fees?|price)|contract\s+sum\s+)(?:is|of|:)\s*", re.I),
         (r"(?:项目|服务)名称\s*(?P<sep>[:】|]|(?=\n))?", 0), (r"应|须|(?<![未不])提出", 0)]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_LONG), st.lists(st.sampled_from([*_PIECES, "total", "fees", "is", "项目", "名称", ":", "未",
                                                        "提出", ",", ";"]), max_size=40), st.integers(0, 40))
def test_a_gate_on_a_long_text_equals_the_pattern(pattern: tuple[str, int], pieces: list[str], pos: int) -> None:
    rx = re.compile(*pattern)
    gate = Gated(rx)
    text = "".join(pieces) * 3 + "z" * 401 + "".join(reversed(pieces))  # over the short-text length: the wide path
    assert [(m.span(), m.groups()) for m in gate.finditer(text, pos)] == [(m.span(), m.groups()) for m in rx.finditer(text, pos)]
    assert gate.findall(text, pos) == rx.findall(text, pos)
    got, exp = gate.search(text, pos), rx.search(text, pos)
    assert (got and (got.span(), got.groups())) == (exp and (exp.span(), exp.groups()))


def test_a_verbose_pattern_is_searched_as_it_is() -> None:
    """Under re.VERBOSE a comment would swallow the guard's wrapper: such a pattern gets no guard."""
    gate = Gated(re.compile(r"(?:\s*foo)bar  # a comment", re.X))
    assert gate._wide() is gate.rx
    assert gate.search("x" * 500 + " foobar") is not None
