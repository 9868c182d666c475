"""Contract-level date facts of an English contract: signing, effective date, term, end date,
renewal notice.

Real contracts date themselves in many places, and most dates in them are not theirs: recitals
quote other agreements ("that certain Lease dated as of April 30, 2008"), filings stamp every page
("Source: ACME CORP, 8-K, 10/1/2008"), terms run between two dates, statutes carry years. So a
date counts only where a phrase binds it to this instrument, by priority:

- signing: the instrument dating itself ("This Agreement, dated as of …", "THIS AGREEMENT is made
  the 15th day of …", a cover line "Dated as of …"); else the signature block's dates (the later
  one), unless the witness clause says the parties signed "as of the date first above written";
  else a preamble date that is the Effective Date ("entered into as of … (the "Effective Date")");
  else a date on the title line;
- effective: "Effective Date" defined or labelled, "shall become effective on …", "effective as
  of …" in the preamble; "effective on signature" (the later signature date); a start bound to an
  event ("shall commence on the first day of the Warranty Period") is unknown, not the signing;
- term: "initial term of five (5) years", "shall continue for a period of …", "until the fifth
  anniversary of …", with the anchor it counts from; a written end ("until December 31, 2020",
  "for the Service Period" defined as "… through March 30, 2020") is the end date;
- renewal notice: a duration "prior to the expiration" in a sentence about renewal.

Phrasings live in ``data/facts_en.toml``. Pure: text in, ``DateFacts`` out (positions in the text).
"""

from __future__ import annotations

import re
from datetime import date

from tracker.parse.common import DateHit, find_dates
from tracker.parse.facts_en_parts import (
    _field_named,
    _field_signed,
    _order_part,
    _own_instrument,
    _range_end,
    date_range_at,
    named_effective,
)
from tracker.parse.facts_en_rx import RX as _RX
from tracker.parse.facts_en_text import Doc as _Doc
from tracker.parse.facts_en_text import P, Span, clean
from tracker.parse.rx_literals import Gated
from tracker.parse.timex_scan import DUR_EN as DUR
from tracker.parse.timex_scan import en_duration, weeks_as_days
from tracker.record import record

_SIGN_VERB = re.compile(P["sign_verb"])  # compiled at import: kept by the pattern cache


@record(frozen=True)
class DateFacts:
    signed_date: date | None = None
    signed_at: Span | None = None
    effective_date: date | None = None
    effective_on_signing: bool = False
    effective_unknown: bool = False  # the start waits for an event: never the signing date
    term: str | None = None
    term_from_event: bool = False  # the term counts from an event, not from the effective date
    end_date: date | None = None
    term_at: Span | None = None  # the sentence stating the term or the end date
    renewal_notice: str | None = None
    renewal_at: Span | None = None
    range_start: date | None = None  # "December 1, 2026 through November 30, 2027": when nothing else dates the start


#: a term stated as a field of an order form: "Subscription Term: 1 January 2027 to 31 December 2028 (24 months)"
_TERM_FIELD = re.compile(r"(?m)^[ \t*|•-]*(?:\d{1,2}(?:\.\d{1,2})*\.?[ \t]+)?(?:(?:Initial|Subscription|Service|Contract|Agreement|Order|Minimum|Committed)\s+)?(?:Term|Period)[ \t*]*[:|][ \t*]*")
_FIELD_DUR = re.compile(rf"(?i:{DUR})")
_FIELD_MONTHS = re.compile(r"\s*\(\s*(?:[a-z-]+\s*\(\s*)?(\d{1,3})\s*\)?\s*months?\s*\)", re.I)  # (24 months), (twenty-four (24) months)


def _term_field(doc: _Doc, names: set[str]) -> dict[str, object]:
    """A term given as a form's field ("Subscription Term: …", a key-terms table's row), in the body or, when
    it states none, in a schedule after the signatures ("The Subscription Term is stated in the Commercial Terms")."""
    return _term_field_in(doc, names, 0, doc.body_end) or _term_field_in(doc, names, doc.body_end, len(doc.text))


def _term_field_in(doc: _Doc, names: set[str], start: int, end: int) -> dict[str, object]:
    for m in _TERM_FIELD.finditer(doc.text, start, end):
        dur = _FIELD_DUR.match(doc.text, m.end())  # "Term: Twenty-four (24) months from the Subscription Start Date"
        if dur is not None and (value := _duration(dur)) is not None:
            return {"term": value, "term_at": (dur.start(), dur.end()),
                    "term_from_event": _anchor(doc, doc.text[dur.end():dur.end() + 120], names) == "event"}
        if (pair := date_range_at(doc, m.end())) is not None:
            first, last = pair
            out: dict[str, object] = {"end_date": last.value, "term_at": (m.start(), last.end), "range_start": first.value}
            if (months := _FIELD_MONTHS.match(doc.text, last.end)) is not None:
                out["term"] = f"P{int(months.group(1))}M"
            return out
    return {}


def extract(text: str) -> DateFacts:
    """The date facts of ``text`` (normalised English contract text)."""
    doc = _Doc(text)
    signed, signed_at, effective_names, eff_from_cue = _signing(doc)
    eff = _effective(doc, eff_from_cue, effective_names)
    if signed is None and doc.as_of_effective and isinstance(eff.get("effective_date"), date):
        signed = eff["effective_date"]  # type: ignore[assignment]  # "entered into as of the Effective Date"
    term = _term(doc, effective_names)
    if "term" not in term and (field := _term_field(doc, effective_names)):  # beside an end the body states: its length
        term.update({k: v for k, v in field.items() if k == "term" or "end_date" not in term})
    if "end_date" not in term and isinstance(at := term.get("term_at"), tuple) and (rng := _range_end(doc, at[1])):
        term["range_start"], term["end_date"] = rng  # "twelve (12) months: December 1, 2026 through November 30, 2027"
    renewal = _renewal(doc)
    return DateFacts(signed_date=signed, signed_at=signed_at, **eff, **term, **renewal)  # type: ignore[arg-type]


def _labelled(doc: _Doc, hit: DateHit) -> str | None:
    """The name a date is given right after it: 'July 14, 2025 (the "Effective Date")' → Effective Date."""
    m = _RX["label"].match(doc.text, hit.end, hit.end + 90)
    return " ".join(m.group("name").split()).title() if m else None


def _signing(doc: _Doc) -> tuple[date | None, Span | None, set[str], tuple[date, Span] | None]:
    own: list[tuple[int, DateHit]] = []  # (priority, hit): 1 dated/made, 3 the Effective Date in the preamble
    blank = False
    eff_from_cue: tuple[date, Span] | None = None
    order = _order_part(doc)
    for name in ("cover", "title_cue", "this_cue", "amend_cue"):
        limit = doc.head_end if name in ("cover", "title_cue") else doc.body_end
        for m in _RX[name].finditer(doc.text, 0, limit):
            if order is not None and m.start() < order:
                continue  # the MSA's own date above the Order Form its signatures sign: the framework's
            hit = doc.date_at(m.end())
            verbs = m.groupdict().get("verbs") or "dated"
            if hit is None:
                blank = blank or (doc.blank_at(m.end()) and _SIGN_VERB.search(verbs) is not None)
                doc.as_of_effective = doc.as_of_effective or bool(_RX["the_effective"].match(doc.text, m.end()))
                continue
            label = _labelled(doc, hit)
            signs = _SIGN_VERB.search(verbs) is not None
            tail = m.group(0)[m.start("verbs") - m.start():].lower() if m.groupdict().get("verbs") else ""
            if "effective" in tail or label == "Effective Date":  # "made, entered into and effective as of"
                eff_from_cue = eff_from_cue or (hit.value, (m.start(), hit.end))  # type: ignore[assignment]
            own.append((1 if signs and label != "Effective Date" else 3, hit))
    done = [h for m in _RX["done_signed"].finditer(doc.text) if (h := doc.date_at(m.end())) is not None and h.value]
    done += [h for m in _RX["place_dates"].finditer(doc.text) for h in find_dates(doc.text, m.start(), m.end()) if h.value]
    own += [(0, max(done, key=lambda h: h.value or date.min))] if done else []  # (the party signing last dates it)
    own.sort(key=lambda p: (p[0], p[1].start))
    names = {"Effective Date"}
    refers_back = bool(doc.witness_at is not None and _RX["refers_back"].search(
        doc.text, doc.witness_at, doc.witness_at + 400))
    sig = max(doc.sig, key=lambda h: h.value) if doc.sig else None  # type: ignore[arg-type, return-value]
    choice: DateHit | None = None
    if own and own[0][0] <= 1:
        choice = own[0][1]
    elif sig and not (refers_back and own):
        choice = sig
    elif own:
        choice = own[0][1]
    elif not blank:
        choice = _title_date(doc)
    if choice is None and (named := _field_signed(doc)) is not None:
        choice = named  # a key-dates table's "Signing Date | 30 April 2026"
    if choice is None:
        return None, None, names, eff_from_cue
    return choice.value, (choice.start, choice.end), names, eff_from_cue


def _title_date(doc: _Doc) -> DateHit | None:
    """A date at either end of a title line of the cover: "Hosting Agreement between A and B, 18/9/2008",
    "May 3, 2016 NON-EXCLUSIVE LICENSE AGREEMENT"; never a line that is a sentence."""
    for h in doc.dates:
        if h.start >= doc.head_end:
            break
        a, b = doc.line(h.start, h.end)
        line = doc.text[a:b]
        at_end = not doc.text[h.end:b].strip(" .,;") and re.search(r"[,\s]$", doc.text[a:h.start])
        at_start = not doc.text[a:h.start].strip() and re.match(r"\s+[A-Z][A-Z-]+\s+[A-Z]", doc.text[h.end:b])
        if (len(line) < 200 and re.search(P['instrument'], line) and (at_end or at_start)
                and not re.search(r"\b(?:shall|will|must|may|is|are|was|were|dated|under|from|to|until)\b", line)):
            return h
    return None


def _classify_start(doc: _Doc, what: str, depth: int = 0) -> str:
    """What a start ("on the date it is signed by both parties") refers to: sign, own, event."""
    if _RX["on_signing"].search(what[:80]):
        return "sign"
    if _RX["own_start"].match(re.sub(r"^\s*(?:the|its)\s+", "", what)):
        return "own"
    ref = re.match(r"\s*the\s+[\"“]?(?P<name>[A-Z][A-Za-z]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][A-Za-z]*){0,5})", what)
    if ref and depth == 0:
        meaning = doc.definition(ref.group("name"))
        if meaning is not None:
            return _classify_start(doc, doc.text[meaning:meaning + 120], 1)
    return "event"


def _effective(doc: _Doc, from_cue: tuple[date, Span] | None, names: set[str]) -> dict[str, object]:
    text, end = doc.text, doc.body_end
    for m in _RX["eff_def"].finditer(text, 0, end):  # "Effective Date" means 18 May 2000
        if not _own_instrument(text, m.group(0)):
            continue  # an MSA's "SOW Effective Date": another instrument's start
        hit = doc.date_at(m.end())
        if hit:
            return {"effective_date": hit.value}
        kind = _classify_start(doc, text[m.end():m.end() + 120])
        if kind == "sign":
            return _on_signing(doc)
        if kind == "event":
            return {"effective_unknown": True}
    found: list[tuple[int, date]] = [(h.start, h.value) for h in doc.dates  # type: ignore[misc]
                                      if h.start < end and _labelled(doc, h) == "Effective Date"]
    found += [(from_cue[1][0], from_cue[0])] if from_cue else []
    found += [restated] if (restated := named_effective(doc, names)) else []  # "With effect from the Restatement Date, …"
    pending: dict[str, object] = {}
    undated = 0
    for m in _RX["effect"].finditer(text, 0, end):
        hit = doc.date_at(m.end())
        if hit is None and (named := _field_named(doc, m.end())) is not None:
            hit, name = named  # "takes effect on the Subscription Start Date" with "Subscription Start Date: July 1, 2026"
            names.add(name)
        if hit is None:
            undated += 1
            if pending or undated > 50:
                continue  # only the first start without a date counts
        a = doc.sentence(m.start())[0]
        if not _subject_before(doc, _RX["effect_subject"], max(a, m.start() - 120), m.start()):
            continue
        if _RX["amendment"].search(text, a, m.end()) and not _THIS_AMENDMENT.match(text, a):
            continue  # (an amendment the contract mentions; "This Amendment takes effect on …" is this document's start)
        if hit:
            found.append((hit.start, hit.value))  # type: ignore[arg-type]
            label = _labelled(doc, hit)
            if label:
                names.add(label)
            continue
        if pending:
            continue
        kind = _classify_start(doc, text[m.end():m.end() + 120])
        if kind == "sign":
            pending = _on_signing(doc)
        elif kind == "event":
            pending = {"effective_unknown": True}
    if found:
        return {"effective_date": min(found)[1]}
    return pending


_THIS_AMENDMENT = re.compile(r"[\s#*\d.]*This\s+(?:Amendment|Supplement(?:al\s+Agreement)?)\b")


def _subject_before(doc: _Doc, rx: Gated, a: int, b: int) -> bool:
    """A subject ends in ``text[a:b]`` at most 80 characters before ``b``, with no sentence end between."""
    ends = [m.end() for m in rx.finditer(doc.text, a, b)]
    return bool(ends) and b - ends[-1] <= 80 and not re.search(r"[;\n]|\.\s", doc.text[ends[-1]:b])


def _on_signing(doc: _Doc) -> dict[str, object]:
    if doc.sig:
        return {"effective_date": max(h.value for h in doc.sig if h.value), "effective_on_signing": True}
    return {"effective_on_signing": True}


def _duration(m: re.Match[str]) -> str | None:
    got = en_duration(m)
    if got is None or got.business or got.h:
        return None  # business days or hours are never a contract term
    return weeks_as_days(got.iso())


def _term(doc: _Doc, names: set[str]) -> dict[str, object]:
    text, end = doc.text, doc.body_end
    out: dict[str, object] = {}
    for rx, a, b in (("term", 0, end), ("until_dur", 0, end), ("expire_dur", 0, end), ("term", end, len(text))):
        # "continue for a period of …"; "until 12 months following …"; an order form after the
        # signatures ("This Agreement shall have an initial term of three (3) years") when the body is silent
        for m in _RX[rx].finditer(text, a, b):
            value = _duration(m)
            if value is None or not _about_term(doc, m.start(), m.start("u")):
                continue
            if re.match(r"\s*(?:after|following)\s+(?:the\s+|its\s+|any\s+)?(?:termination|expiration|expiry"
                        r"|(?:[A-Z][\w-]*\s+){0,2}?(?:End|Expiry|Expiration)\s+Date\b)",  # "… years after the SOW End Date"
                        text[m.end():m.end() + 40]):
                continue
            anchor = _anchor(doc, text[m.end():m.end() + 120], names)
            if rx == "expire_dur" and not text.startswith(" later", m.end()) \
                    and not _own(re.sub(r"^\s*(?:after|from|following)\s+", "", text[m.end():m.end() + 80]), names):
                continue  # "shall terminate thirty (30) days after written notice" is no term
            out = {"term": value, "term_at": doc.sentence(m.start()), "term_from_event": anchor == "event"}
            break
        if out:
            break
    for m in [] if out else _NAMED_TERM.finditer(text, 0, end):
        # "an initial Support Term of three (3) years from the Effective Date" + "This Agreement … remains in
        # force for the initial Support Term": the agreement's term is that named term
        binds = re.compile(rf"\b(?:remains?|continues?|stays?)\s+(?:in\s+(?:full\s+)?(?:force|effect)\s+)?(?:for|until\s+the\s+end\s+of)"
                           rf"\s+the\s+(?:initial\s+)?{re.escape(m.group('name'))}")
        value = _duration(m)
        bound = binds.search(text, 0, end)
        if value is not None and bound is not None and _RX["subject"].search(text, *doc.sentence(bound.start())):
            out = {"term": value, "term_at": doc.sentence(m.start()),
                   "term_from_event": _anchor(doc, text[m.end():m.end() + 120], names) == "event"}
            break
    for m in [] if out else _RX["anniversary"].finditer(text, 0, end):  # "until the fifth anniversary of …"
        n = P['ordinals'].get(m.group("ord").lower()) or int(re.sub(r"\D", "", m.group("ord")) or 0)
        if n and _about_term(doc, m.start()):
            out = {"term": f"P{n}Y", "term_at": doc.sentence(m.start()),
                   "term_from_event": _anchor(doc, "from " + text[m.end():m.end() + 120], names) == "event"}
            break
    end_date = _end_date(doc)
    if end_date:
        out.setdefault("term_at", end_date[1])
        out["end_date"] = end_date[0]
    return out


_NAMED_TERM = re.compile(rf"\b(?:an?|the)\s+(?:initial\s+)?(?P<name>[A-Z][\w-]*\s+Term)\s+of\s+(?i:{DUR})")


def _about_term(doc: _Doc, pos: int, end: int | None = None) -> bool:
    """The words of ``pos``'s sentence up to ``end`` name this instrument or its term, and those
    before ``pos`` are not about a renewal, survival or a warranty."""
    a, _ = doc.sentence(pos)
    if not _RX["subject"].search(doc.text, a, max(pos, end or pos)):
        return False
    return not _RX["not_term"].search(doc.text, a, pos)


def _own(what: str, names: set[str]) -> bool:
    """``what`` names the contract's own start: the Effective Date (or the name it was given), "the date hereof"."""
    what = re.sub(r"^\s*(?:the|its)\s+", "", what)
    return bool(_RX["own_start"].match(what) or re.match(r"(?:thereof|hereof)\b", what)
                or any(re.match(rf"[\"“]?{re.escape(n)}", what, re.I) for n in names))


def _anchor(doc: _Doc, after: str, names: set[str]) -> str:
    m = _RX["anchor"].match(after)
    if not m or m.group("then"):
        return "own"
    what = m.group("what")
    if any(re.match(rf"\s*(?:the\s+)?[\"“]?{re.escape(n)}", what, re.I) for n in names):
        return "own"
    if re.match(r"\s*(?:the\s+)?(?:[a-z]+\s+){0,2}(?:hereof|hereunder)\b", what):
        return "own"
    return _classify_start(doc, what) if re.match(r"\s*the\b", what) else "own"


_ENDS_ON_NAMED = re.compile(r"\b(?:(?:ends?|expires?|terminates?)\s+on|continues?\s+until)(?=\s+the\s+[A-Z])")
_END_DEF = re.compile(r"[\"“](?:Termination|Expiry|Expiration|End)\s+Date[\"”]\s+(?:shall\s+)?means?\s+")


def _end_date(doc: _Doc) -> tuple[date, Span] | None:
    text, end = doc.text, doc.body_end
    for m in _ENDS_ON_NAMED.finditer(text, 0, end):  # "ends on the Expiry Date" a key-dates table gives
        if (named := _field_named(doc, m.end())) is not None and named[0].value and _about_term(doc, m.start()):
            return named[0].value, doc.sentence(m.start())
    for m in _END_DEF.finditer(text, 0, end):  # '"Termination Date" means 30 November 2026'
        h = doc.date_at(m.end())
        if h is not None and h.value:
            return h.value, doc.sentence(m.start())
    recitals = doc.recitals()
    for h in doc.dates:  # "shall continue until December 31, 2020", "and expire on June 30, 2025"
        if h.start >= end:
            break
        if recitals[0] <= h.start < recitals[1]:
            continue  # "B. The Agreement is currently scheduled to expire on December 31, 2026": the old end
        lead = _RX["end_tail"].search(text, max(0, h.start - 90), h.start)
        if lead and lead.group("on") is None and not _RX["end_lead"].search(text, max(0, lead.start() - 80), lead.start()):
            continue
        if lead and h.value and _about_term(doc, lead.start()):
            return h.value, doc.sentence(lead.start())
    for m in _RX["period_ref"].finditer(text, 0, end):  # "for the Service Period": its definition ends it
        meaning = doc.definition(m.group("name").strip())
        lead = _RX["period_lead"].match(text, meaning) if meaning is not None else None
        first = doc.date_at(lead.end()) if lead else None
        if first and _about_term(doc, m.start()):
            rng = re.match(r"\s*(?:through|thru|to|until|till|and\s+ending\s+on|-|–)\s*(?:to\s+)?", text[first.end:first.end + 20])
            last = doc.date_at(first.end + rng.end()) if rng else None
            if last and last.value:
                return last.value, doc.sentence(m.start())
    return None


def _renewal(doc: _Doc) -> dict[str, object]:
    """A duration "before the end of the term" in a sentence about renewal (or next to one)."""
    text = doc.text
    for k in _RX["before_end"].finditer(text, 0, doc.body_end):
        m = _RX["renewal"].search(text, max(0, k.start() - 60), k.end())
        if not m or m.end() != k.end():
            continue
        a, b = doc.sentence(m.start())
        prev_a, _ = doc.sentence(max(0, a - 2))
        _, next_b = doc.sentence(min(len(text) - 1, b + 2))
        if not _RX["renewal_ctx"].search(text, prev_a, next_b):
            continue
        value = _duration(m)
        if value:
            return {"renewal_notice": value, "renewal_at": (a, b)}
    return {}


__all__ = ["DateFacts", "clean", "extract"]
