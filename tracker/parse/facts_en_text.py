"""The text the English date facts are read from (``facts_en``): the phrasings of
``data/facts_en.toml``, a copy of the contract with page furniture blanked (same offsets), its
sentences, dates, cover and signature block.

Real filings stamp every page ("Source: ACME CORP, 8-K, 10/1/2008", "Page 3 of 36") and break
sentences across pages; the signature block sits between the body and the exhibits. Everything
here is computed once per document and looked up by bisection, so 1 MB of text stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Any

from tracker.parse import toml_data
from tracker.parse.common import _MARKER, DateHit, find_dates

Span = tuple[int, int]


def _load() -> dict[str, Any]:
    """data/facts_en.toml, each ``<<name>>`` replaced by the entry defined above it."""
    raw = toml_data.load("facts_en.toml")
    out: dict[str, Any] = {}

    def expand(value: Any) -> Any:
        if isinstance(value, list):
            return [expand(v) for v in value]
        return re.sub(r"<<(\w+)>>", lambda m: out[m.group(1)], value) if isinstance(value, str) else value

    for key, value in raw.items():
        out[key] = expand(value)
    return out


P = _load()

RX = {k: re.compile(v) for k, v in {
    "cover": P['cover_dated'],
    "body_start": P['body_start'],
    "witness": P['witness'],
    "label": r"\s*\(\s*(?:the\s+|this\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?)?[\"“”'*]+(?P<name>[A-Za-z][A-Za-z ]{2,40}?)[\"“”'*]+\s*\)",
    "boundary": r"(?<=[a-z0-9)\]\"”’'])(?<!\bNo)(?<!\bno)[.;](?=\s)|\n[ \t]*\n|\n(?=[ \t#*]*(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|\([a-z0-9]{1,3}\))\s"
                r"|[ \t#*]*(?:Section|SECTION|Article|ARTICLE|Clause|CLAUSE)\s+[\dIVX])",
    "blank": r"(?:(?:this|the)\s+)?(?:[_\s\[\]•*]|day\b|of\b|[A-Z][a-z]{2,8}\.?)*?,?\s*_*\s*,?\s*(?:19|20)\d{2}\b",
    "signed_lead": P['signed_on'] + r"$",
    "date_lead": r"\bDated?\s*:+\s*$",
    "clause_word": r"(?:Clause|CLAUSE|Section|SECTION|Article|ARTICLE)\s+(?=\d)",
    "noise": "|".join(P['page_noise']),
}.items()}
#: all signature labels in one pass; the look-ahead on their first letters keeps the scan fast
_SIGNING_LINE = re.compile(P["signing_line"])
_SIG_LABELS = re.compile("(?=[BNTSPDWIAF])(?:" + "|".join(f"(?P<l{i}>{p})" for i, p in enumerate(P['signature_labels'])) + ")")


_EFFECTIVE_FIELD = re.compile(r"(?:Effective|Start|Commencement)\s+Date\W{0,6}$", re.I)


def clean(text: str) -> str:
    """The same text (same length, same offsets) with page furniture blanked: filing stamps,
    "Page 3 of 36", page numbers. A sentence broken by a page break reads as one."""
    if not RX["noise"].search(text):
        return text
    spans: list[list[int]] = []
    for m in RX["noise"].finditer(text):
        a, b = m.start(), m.end()
        while a > 0 and text[a - 1] in " \t\n":  # the blank lines around the furniture go too
            a -= 1
        while b < len(text) and text[b] in " \t\n":
            b += 1
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    chars = list(text)
    for a, b in spans:
        chars[a:b] = ("\n" if "\n" in text[a:b] else " ") + " " * (b - a - 1)
    return "".join(chars)


#: the first numbered article after a titled recitals section (that ends it when no "NOW, THEREFORE" does)
_FIRST_ARTICLE = re.compile(r"(?m)^[ \t#*]*(?:1\.(?!\d)|(?:Article|ARTICLE|Section|SECTION|Clause|CLAUSE)\s+1\b)")


#: a document after the signatures (its dates are not the signatures')
_AFTER_SIGNATURES = re.compile(r"(?m)^[ \t#*]*(?:SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|EXHIBIT|Exhibit|"
                               r"STATEMENT OF WORK|Statement of Work|CHANGE ORDER|Change Order|AMENDMENT|Amendment No)\b")


_OPERATIVE = re.compile(r"\bNOW,?\s+THEREFORE\b|\bNow,?\s+therefore\b|\bagree\s+as\s+follows\b")
_DUTY_LINE = re.compile(r"\b(?:shall|must|will)\s+(?!be\s+signed)\w")


#: a numbered clause at a line's start ("1.2 This PO remains in force until …")
_CLAUSE_LINE = re.compile(r"(?m)^[ \t#*]*\d{1,2}\.\d{1,2}\.?[ \t]+[A-Z]")


class Doc:
    """One contract's cleaned text with its dates, sentence bounds, cover end, signature dates and
    body end (the first signature block: exhibits after it are read only when the body is silent)."""

    def __init__(self, text: str) -> None:
        self.text = clean(text)
        self._defs: dict[str, int | None] = {}
        self.as_of_effective = False  # the preamble dates the instrument "as of the Effective Date"
        self.dates = [h for h in find_dates(self.text) if h.value]
        self.starts = [h.start for h in self.dates]
        head = RX["body_start"].search(self.text, 0, 6000)
        self.head_end = head.start() if head else min(len(self.text), 6000)
        witness = RX["witness"].search(self.text, len(self.text) // 4)
        self.witness_at = witness.start() if witness else None
        bounds = [m.span() for m in RX["boundary"].finditer(self.text)]
        self.bound_starts = [a for a, _ in bounds]
        self.bound_ends = [b for _, b in bounds]
        self.sig = self._signature_dates()
        # "4.1 This Agreement is signed on July 15, 2025 and takes effect on …" states the signing date
        # inside a numbered clause: a date, not where the signature block (and the body's end) is
        block = next((h.start for h in self.sig
                      if not re.match(r"\s*\d+(?:\.\d+)*\.?\s", self.text[self.line(h.start, h.end)[0]:h.start])), None)
        ends = [p for p in (self.witness_at, block) if p is not None]
        self.body_end = min(ends) if ends else len(self.text)
        if self.body_end < len(self.text) and not _CLAUSE_LINE.search(self.text, 0, self.body_end) \
                and _CLAUSE_LINE.search(self.text, self.body_end):
            self.body_end = len(self.text)  # a purchase order signed on its face, its numbered terms after

    def recitals(self) -> Span:
        """The recitals (RECITALS / WHEREAS … up to "NOW, THEREFORE" or "agree as follows"): what they
        state of an earlier agreement is no fact of this one; (0, 0) when there are none."""
        head = re.search(r"\b(?:RECITALS|Recitals|WHEREAS|Whereas|BACKGROUND|Background)\b", self.text[:6000])
        if head is None:
            return 0, 0
        op = _OPERATIVE.search(self.text, head.end(), head.end() + 6000)
        if op is None and self.text[head.start():head.end()] in ("RECITALS", "Recitals", "BACKGROUND", "Background"):
            op = _FIRST_ARTICLE.search(self.text, head.end(), head.end() + 6000)  # "## Recitals A. … B. …" then "## 1. Effect"
        return (head.start(), op.start() if op and op.re is _FIRST_ARTICLE else op.end()) if op else (0, 0)

    def definition(self, name: str) -> int | None:
        """Where the meaning of '"Name" means …' starts (one search per name; at most 50 names)."""
        if name not in self._defs and len(self._defs) < 50:
            d = re.search(rf"[\"“]{re.escape(name)}[\"”]\s*(?:shall\s+)?means?\s+", self.text)
            self._defs[name] = d.end() if d else None
        return self._defs.get(name)

    def line(self, a: int, b: int) -> Span:
        """The line holding ``text[a:b]``, at most 300 characters either side."""
        start = self.text.rfind("\n", max(0, a - 300), a) + 1 or max(0, a - 300)
        end = self.text.find("\n", b, b + 300)
        return start, end if end >= 0 else min(len(self.text), b + 300)

    def date_at(self, pos: int, slack: int = 3) -> DateHit | None:
        i = bisect_left(self.starts, pos)
        if i < len(self.dates) and self.dates[i].start - pos <= slack:
            return self.dates[i]
        return None

    def blank_at(self, pos: int) -> bool:
        m = RX["blank"].match(self.text, pos, pos + 40)
        return m is not None and not re.search(r"\d{1,2}(?:st|nd|rd|th)?\s", m.group(0)[:-4])

    def sentence(self, pos: int) -> Span:
        """The sentence around ``pos`` (at most 600 characters either side), without its clause number."""
        i = bisect_right(self.bound_ends, pos) - 1
        start = max(self.bound_ends[i] if i >= 0 else 0, pos - 600)
        while start < pos and self.text[start] in " \t\n":
            start += 1
        word = RX["clause_word"].match(self.text, start, pos)
        marker = _MARKER.match(self.text, word.end() if word else start, pos)
        if marker:
            start = marker.end()
        j = bisect_left(self.bound_starts, pos)
        end = self.bound_starts[j] if j < len(self.bound_starts) else len(self.text)
        return start, min(end, pos + 600, len(self.text))

    def _signature_dates(self) -> list[DateHit]:
        """Dates of the first signature block: within 250 characters of two signature labels (By:,
        Name, Title, Date:), stated "Signed on …", or "Date:" after the witness clause; only after
        the first quarter of the text, never on a line repeated on every page."""
        floor = len(self.text) // 4
        if not self.dates or self.dates[-1].start < floor:
            return []
        labels: dict[str, list[int]] = {}  # one pass for all the labels: label → positions
        for m in _SIG_LABELS.finditer(self.text, max(0, floor - 300)):
            labels.setdefault(m.lastgroup or "", []).append(m.start())
        found: list[DateHit] = []
        repeated: set[str] | None = None
        heads = [m.start() for m in _AFTER_SIGNATURES.finditer(self.text, floor)]
        for h in self.dates:
            if h.start < floor:
                continue
            if found and any(found[-1].end <= p < h.start for p in heads):
                break  # a schedule after the signatures ("…tagged termination-2026-11-30") dates nothing
            near = sum(1 for pos in labels.values() if bisect_left(pos, h.start - 250) < bisect_right(pos, h.end + 250))
            lead = self.text[max(0, h.start - 40):h.start]
            after_witness = self.witness_at is not None and 0 <= h.start - self.witness_at < 1500
            signing_line = _SIGNING_LINE.match(self.text, self.text.rfind("\n", 0, h.start) + 1)
            if _EFFECTIVE_FIELD.search(lead):
                continue  # "Order Effective Date: September 1, 2026": when the order starts, not a signature
            if near >= 2 or RX["signed_lead"].search(lead) or (after_witness and RX["date_lead"].search(lead)) or signing_line:
                if not RX["signed_lead"].search(lead) and _DUTY_LINE.search(self.text, *self.line(h.start, h.end)):
                    continue  # "1.2 Supplier shall deliver the Model on or before …" near the signatures of a short SOW
                if repeated is None:
                    repeated = {x for x, n in Counter(x.strip() for x in self.text.splitlines()).items() if n >= 3 and x}
                a, b = self.line(h.start, h.end)
                if self.text[a:b].strip() in repeated:
                    continue  # a running header on every page ("Hosting Agreement between A and B, 18/9/2008")
                if found and h.start - found[-1].end > 1500:
                    break
                found.append(h)
        return found
