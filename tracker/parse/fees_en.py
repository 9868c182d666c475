"""The contract's total fee, where an English contract states it other than "the total fees are …".

- a label line whose name is a total-fee basis of the lexicon ("**Order Fees:** US$300,000.00",
  "Project Fees: …");
- the names a contract gives its total ('The total fees … are RMB 450,000 (the "Fees")'), so that
  "0.1% of the Fees" is a rate of the total fee;
- one named fee ("The AI Services Fee is RMB 880,000") that the payment schedule splits: it is the
  total when the instalments add up to it (``named_total``).

Pure functions over the normalised text.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache

from tracker.parse.common import find_dates
from tracker.parse.lexicon_en import BASES
from tracker.parse.money_text import CUR_ALT, CURRENCIES, MoneyHit, find_money
from tracker.parse.numerals import NumeralError, en_int
from tracker.parse.rx_literals import gated

_TOTAL_BASIS = "|".join(f"(?:{rx})" for basis, rx in BASES if basis == "total_fee")
_LABELLED = re.compile(rf"(?m:^)[ \t*#|-]*(?:{_TOTAL_BASIS})[ \t*]*:[ \t*|]*", re.I)
_DEFINED = re.compile(
    r"(?:total|aggregate)\s+(?:service\s+)?(?:fees?|charges?|price|amount)\b(?:[^.;\n]|\.(?=\d)){0,80}?\(\s*(?:the\s+)?[\"“](?P<n>[^\"”\n]{2,40})[\"”]\s*\)",
    re.I,
)
_NAMED = gated(r"\b(?:The\s+)?(?P<n>(?:[A-Z][\w-]*\s+){0,4}Fees?)\s+(?:is|are|shall\s+be|amounts?\s+to)\s+")  # (or "The Fees are")


#: the total line under a plain-text item table: "                 TOTAL   450,000.00"
_TOTAL_LINE = re.compile(r"(?m)^[ \t|*]*(?:GRAND\s+TOTAL|TOTAL|Grand\s+Total|Total)(?:[ \t]*\([^()\n]{1,30}\))?"
                         r"(?:[ ][A-Za-z][\w-]*(?:[ ][A-Za-z(][\w()-]*){0,5}(?=[ \t]{2}|\t))?"  # "Total fees for the Initial Term   111,000.00"
                         r"[ \t|*:]*(?=[^\n]*\d)"
                         rf"(?P<v>(?:{CUR_ALT})?[ \t]*[\d,]+(?:\.\d{{1,2}})?)[ \t|*]*$")


def labelled_total(text: str) -> MoneyHit | None:
    """The amount on a label line that names the total: "**Order Fees:** US$300,000.00 (fixed price)",
    or a table's total line ("TOTAL   450,000.00"; a bare figure takes the currency the contract names)."""
    for m in _LABELLED.finditer(text):
        hits = find_money(text, m.end(), m.end() + 40)
        if hits and hits[0].start - m.end() <= 3:
            return hits[0]
    line = _TOTAL_LINE.search(text)
    if line is not None:
        hits = find_money(text, line.start("v"), line.end("v"))
        if hits:
            return hits[0]
        figure = line.group("v").strip().replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d{1,2})?", figure):
            cur = re.search(rf"\b(?:RMB|{'|'.join(CURRENCIES)})\b", text)
            code = {"RMB": "CNY"}.get(cur.group(0), cur.group(0)) if cur else None
            return MoneyHit(line.start("v"), line.end("v"), Decimal(figure), code)
    return None


#: 'a licence fee of USD 400,000 (the "Licence Fee")': a fee named by its definition
_NAMED_OF = gated(r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:fee|price|sum)\s+of\s+", re.I)
_DEFINES = re.compile(r"\s*\(\s*(?:the\s+)?[\"“](?P<n>[A-Z][^\"”\n]{1,40})[\"”]\s*\)")


def _named(text: str) -> list[tuple[str, MoneyHit]]:
    out = []
    for m in _NAMED.finditer(text):
        hits = find_money(text, m.end(), m.end() + 40)
        if hits and hits[0].start - m.end() <= 3:
            out.append((m.group("n").strip(), hits[0]))
    for m in _NAMED_OF.finditer(text):
        hits = find_money(text, m.end(), m.end() + 40)
        if hits and hits[0].start - m.end() <= 3 and (d := _DEFINES.match(text, hits[0].end)):
            out.append((d.group("n").strip(), hits[0]))
    return out


def named_total(text: str, instalments: list[Decimal]) -> MoneyHit | None:
    """The one named fee with an amount, when the instalments add up to it: "The AI Services Fee is
    RMB 880,000" with 40 % + 40 % + 20 % of it scheduled; with no one named fee, a sum the text states
    that two or more instalments add up to ("a cash contribution of AUD 450,000", paid in four)."""
    named = {hit.value: hit for _, hit in _named(text)}
    if not instalments:
        return None
    total = sum(instalments, Decimal(0))
    if len(named) == 1:
        (value, hit), = named.items()
        return hit if total == value else None
    return next((h for h in find_money(text) if h.value == total), None) if len(instalments) > 1 else None


_MEANS_TOTAL = re.compile(r"[\"“](?P<n>[A-Z][A-Za-z ]{1,30}?)[\"”]\s+(?:shall\s+)?means?\s+the\s+(?:total|aggregate)\s+"
                          r"(?:fees?|price|charges?|amount|consideration)\b")


@lru_cache(maxsize=8)
def fee_names(text: str) -> tuple[str, ...]:
    """The names the contract gives its total fee: a definition after the total ('(the "Fees")') and
    the one named fee with an amount."""
    names = [m.group("n") for m in _DEFINED.finditer(text)]
    names += [m.group("n") for m in _MEANS_TOTAL.finditer(text)]  # '"Fees" means the total fees set out in …'
    named = _named(text)
    if len({hit.value for _, hit in named}) == 1:
        names += [n for n, _ in named]
    return tuple(dict.fromkeys(names))


#: "paid in three annual instalments of RMB 500,000 each"
_EACH_INSTALMENT = re.compile(r"\b(?P<n>two|three|four|five|six|\d{1,2})\s+(?:equal\s+)?(?:annual\s+|monthly\s+|quarterly\s+)?"
                             r"instal(?:l)?ments\s+of\s+", re.I)


def each_instalment(text: str) -> MoneyHit | None:
    """The sum of each instalment when the contract states one for all ("… instalments of RMB 500,000 each")."""
    each = _EACH_INSTALMENT.search(text) if "each" in text and "nstal" in text.lower() else None
    hit = _instalment_sum(text, each, len(text)) if each else None
    return hit if hit and re.match(r"\s*each\b", text[hit.end:hit.end + 8]) else None


def _instalment_sum(text: str, m: re.Match[str], end: int) -> MoneyHit | None:
    """The sum right after "N instalments of" (within 3 characters), if any."""
    hits = find_money(text, m.end(), min(end, m.end() + 40))
    return hits[0] if hits and hits[0].start - m.end() <= 3 else None


def dated_instalments(text: str, start: int, end: int) -> list[tuple[date, MoneyHit]]:
    """"GBP 96,000 in four quarterly instalments of GBP 24,000 each, payable on or before 1 November 2026,
    1 February 2027, 1 May 2027 and 1 August 2027": each instalment with its day, when the dates after the
    count are exactly that many (else none)."""
    m = _EACH_INSTALMENT.search(text, start, end) if "nstal" in text[start:end] else None
    hit = _instalment_sum(text, m, end) if m else None
    if m is None or hit is None:
        return []
    try:
        n = en_int(m.group("n"))  # (digits too)
    except NumeralError:
        return []
    days = [h.value for h in find_dates(text, hit.end, end) if h.value is not None]
    return [(d, hit) for d in days] if n >= 2 and len(days) == n else []


__all__ = ["dated_instalments", "each_instalment", "fee_names", "labelled_total", "named_total"]


#: the name of a fee a payment sentence pays without its amount: "pay the Onboarding Fee within…"
_FEE_NAME = re.compile(r"\b(?:[Tt]he\s+)?(?P<n>(?!The\s)(?:[A-Z][\w-]*\s+){1,3}Fee)\b(?!\s+(?:of|is|shall\s+be|:))")


def named_fee_amount(text: str, sentence: str) -> MoneyHit | None:
    """The amount the contract states elsewhere for the fee a payment sentence names ("pay the
    Onboarding Fee within fifteen (15) days" ← "a one-time Onboarding Fee of USD 60,000"), when the
    contract states exactly one amount for that name."""
    m = _FEE_NAME.search(sentence)
    if m is None:
        return None
    name = r"\s+".join(re.escape(w) for w in m.group("n").split())
    found = []
    for d in re.finditer(rf"\b{name}\s*(?:of|is|shall\s+be|amounts?\s+to|:|\(|=)\s*", text):
        hits = find_money(text, d.end(), d.end() + 30)
        if hits and hits[0].start - d.end() <= 2:
            found.append(hits[0])
    values = {h.value for h in found}
    return found[0] if len(values) == 1 else None

