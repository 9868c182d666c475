"""The instrument an English document is and the dates its form fields name (``facts_en``): an Order
Form or SOW printed above the signatures that sign it, a named date a field gives ("Subscription Start
Date: July 1, 2026"), whether an "SOW/Order Effective Date" is this document's own."""

from __future__ import annotations

import re
from datetime import date

from tracker.parse.clause_marks import ORDER_WORDS
from tracker.parse.common import DateHit
from tracker.parse.facts_en_text import Doc as _Doc
from tracker.parse.timex_anchors import defined_dates_en, field_dates_en

_NAMED_DATE = re.compile(r"\s*(?:the\s+)?[\"“]?(?P<n>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}\s+Date)\b")


def _field_named(doc: _Doc, at: int) -> tuple[DateHit, str] | None:
    """The date a form's field gives the name written at ``at`` ("the Subscription Start Date")."""
    m = _NAMED_DATE.match(doc.text, at)
    if m is None:
        return None
    day = field_dates_en(doc.text).get(" ".join(m.group("n").lower().split()))
    if day is None and (meaning := doc.definition(m.group("n"))) is not None and (hit := doc.date_at(meaning)):
        day = hit.value  # '"Commencement Date" means 14 September 2026': "commence on the Commencement Date"
    return (DateHit(m.start("n"), m.end("n"), day), m.group("n")) if day is not None else None


def named_effective(doc: _Doc, names: set[str]) -> tuple[int, date] | None:
    """(where it is named, its day) for a named date the contract takes effect from, however the sentence
    is built ("With effect from the Restatement Date, the Original Agreement … is amended and restated")
    when a field or a definition gives its day ('"Restatement Date" means 12 April 2027'); ``names``
    gains the name (the term counted from it is the contract's own)."""
    days = field_dates_en(doc.text)
    for name, event in defined_dates_en(doc.text).items():
        if event == "effective" and name in days:
            names.add(name)
            return doc.text.lower().find(name), days[name]
    return None


_INSTRUMENT_TITLES = {"sow": r"statement\s+of\s+work|\bsow\b", "order": r"\border\b", "schedule": r"\bschedule\b",
                      "amendment": r"\bamendment\b", "addendum": r"\baddendum\b"}


#: an Order Form or SOW printed after the terms it incorporates, before the signatures that sign it
_ORDER_HEAD = re.compile(rf"(?m)^[ \t#*]*{ORDER_WORDS}\b[^\n;:]{{0,20}}$")


def _order_part(doc: _Doc) -> int | None:
    """Where an Order Form or SOW part starts when the signature block dates it (it stands above the
    block): the document is that order, the terms above it are the framework's."""
    if not doc.sig or ("ORDER" not in doc.text and "Order" not in doc.text and "tatement" not in doc.text
                       and "TATEMENT" not in doc.text):
        return None
    m = _ORDER_HEAD.search(doc.text, 200)
    return m.start() if m is not None and m.start() < doc.sig[0].start else None


def _own_instrument(text: str, name: str) -> bool:
    """"SOW Effective Date" is this document's own start only when the document is that SOW (its
    title, in the first lines, names the instrument); a plain "Effective Date" always is."""
    pre = re.match(r"\W*(SOW|Order|Schedule|Amendment|Addendum)\s", name)
    if pre is None:
        return True
    title = next((ln for ln in text[:400].splitlines() if ln.strip()), "")
    if pre.group(1) in ("SOW", "Order") and _ORDER_HEAD.search(text, 200):
        return True  # "Order Effective Date" of the Order Form printed in this document
    return not re.search(r"\bmeans?\b|\bis\b", title) and \
        re.search(_INSTRUMENT_TITLES[pre.group(1).lower()], title, re.I) is not None


def _field_signed(doc: _Doc) -> DateHit | None:
    """The signing date a field or a key-dates row states ("Signing Date | 30 April 2026")."""
    dates = field_dates_en(doc.text)
    day = next((dates[k] for k in ("signing date", "execution date", "date of signing", "signature date") if k in dates), None)
    if day is None:  # '"Contract Date" means 2026. 5. 20., the date on which both parties signed …'
        day = next((dates[k] for k, ev in defined_dates_en(doc.text).items() if ev == "signing" and k in dates), None)
    return DateHit(0, 0, day) if day is not None else None


_FIELD_RANGE = re.compile(r"\s*(?:to|through|thru|until|-|–|—)\s*")
_RANGE_LEAD = re.compile(r"[ \t]*[:,(–—-]?[ \t]*(?:from[ \t]+)?")


def _range_end(doc: _Doc, at: int) -> tuple[date | None, date] | None:
    """(start, end) of a date range written right after a term's length ("twelve (12) months: December 1,
    2026 through November 30, 2027"), if any."""
    lead = _RANGE_LEAD.match(doc.text, at)
    pair = date_range_at(doc, lead.end()) if lead else None
    if pair is None or pair[0].start - at > 12 or pair[1].value is None:
        return None
    return pair[0].value, pair[1].value


def date_range_at(doc: _Doc, pos: int) -> tuple[DateHit, DateHit] | None:
    """The two dates of a range written at ``pos`` ("December 1, 2026 through November 30, 2027"), if any."""
    first = doc.date_at(pos)
    rng = _FIELD_RANGE.match(doc.text, first.end) if first else None
    last = doc.date_at(rng.end()) if rng else None
    return (first, last) if first and last and last.value else None


__all__ = ["date_range_at", "_field_named", "_field_signed", "_order_part", "_own_instrument", "_range_end"]
