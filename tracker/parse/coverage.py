"""Coverage: the parser says what it could not read instead of dropping it.

Every sentence of the document that states a duty (a modal such as 应/须/shall, or a duty verb
such as 支付/交付) *and* carries a time element (a date, a period, a recurrence, or a
before/within/after relation to an event), yet overlaps no obligation, penalty or contract fact
the rules produced, becomes an ``unrecognised_duty`` warning quoting the whole sentence
(``shared/spec/parse-output.md``). The layer reads the whole text, not the clause segments, so
a part of the document that segmentation misread or dropped is still covered.

The cues are data (``data/coverage.toml``); dates and periods are the time layer's (``timex``); this
module only splits sentences and compares spans.
It never changes a fact: a flag costs nothing, a silent miss is the failure a user cannot see.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from tracker.parse import toml_data
from tracker.parse.common import _MARKER as CLAUSE_MARKER
from tracker.parse.common import Facts, RawWarning, find_dates, table_top
from tracker.parse.money_text import find_money
from tracker.parse.rx_prefilter import guard
from tracker.parse.tables_space import is_space_row
from tracker.parse.timex import MAX_SENTENCE, has_time_element
from tracker.record import record
from tracker.regex_own import own

_SPLIT = {
    "zh": re.compile(r"[。;!?！？\n]"),
    "en": re.compile(r"(?<=[a-z0-9)\"”])\.(?=\s+[A-Z(\"“])|;|\n"),
}
#: a sentence longer than this is quoted from a window around its duty cue (a one-line scrape
#: with no full stop must not yield a 1 MB quote)
MAX_QUOTE = 400
_LEAD = re.compile(r"[\s\-*#>|,:、]+")


@record(frozen=True)
class Cues:
    """A language pack's compiled cues of duties, times and facts."""
    duty: re.Pattern[str]
    time: re.Pattern[str]
    fact: re.Pattern[str]  # the term's facts (有效期, 保密期限, renewal …)
    any_cue: re.Pattern[str]  # duty or fact: where the sentence scan stops
    skip: re.Pattern[str] | None


def _alternation(patterns: Iterable[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@lru_cache(maxsize=2)
def cues(pack: str) -> Cues:
    """The compiled cues of a language pack (``zh`` or ``en``)."""
    data = toml_data.load("coverage.toml")[pack]  # parsed once and kept between runs
    flags = re.IGNORECASE if pack == "en" else 0
    duty = _alternation([*data["duty"], *data["action"]])
    time = _alternation([*data["recurrence"], *data["relation"]])
    fact = _alternation(data["fact"])
    skip = _alternation(data["skip"]) if data["skip"] else None
    # guarded: a cue is looked for only where one can start (the alternations are long); built from
    # the pack's data alone, so kept by tracker.regex_cache between runs
    with own():
        return _compiled(duty, time, fact, skip, flags)


def _compiled(duty: str, time: str, fact: str, skip: str | None, flags: int) -> Cues:
    return Cues(re.compile(guard(duty, flags), flags), re.compile(guard(time, flags), flags),
                re.compile(guard(fact, flags), flags), re.compile(guard(f"{duty}|{fact}", flags), flags),
                re.compile(skip, flags) if skip else None)


def pack_of(language: str) -> str:
    return "en" if language == "en" else "zh"


def states_timed_duty(sentence: str, language: str) -> bool:
    """True when ``sentence`` (normalised text) states a duty with a time element, or a fact of
    the term (its length, end, renewal window, confidentiality period) with a period or a date."""
    c = cues(pack_of(language))
    if c.skip is not None and c.skip.search(sentence):
        return False
    duty = c.duty.search(sentence)
    if duty and (c.time.search(sentence) or _dated(sentence, language, duty.start())):
        return True
    fact = c.fact.search(sentence)
    return fact is not None and _dated(sentence, language, fact.start())


def _dated(sentence: str, language: str, at: int) -> bool:
    """A date or a period in the sentence: the time layer's tokens. Of a run-on unit, the stretch
    around the cue at ``at`` is read (a 1 MB one-line unit stays fast)."""
    a = max(0, at - MAX_SENTENCE // 2)
    return has_time_element(sentence[a:a + MAX_SENTENCE], language)


def duty_sentences(text: str, language: str) -> Iterable[tuple[int, int]]:
    """The sentences of ``text`` that hold a duty cue, found from the cues: a megabyte of blank
    lines or of prose without duties costs one regex scan, not a Python step per sentence."""
    split = _SPLIT[pack_of(language)]
    duty = cues(pack_of(language)).any_cue
    done = 0
    for m in duty.finditer(text):
        if m.start() < done:
            continue
        start = done
        for sep in split.finditer(text, done, m.start()):  # only the stretch since the last sentence
            start = sep.end()
        nxt = split.search(text, m.end())
        end = nxt.start() if nxt else len(text)
        done = nxt.end() if nxt else len(text)
        yield from _trimmed(text, start, end)


def _trimmed(text: str, a: int, b: int) -> Iterable[tuple[int, int]]:
    m = _LEAD.match(text, a, b)
    if m:
        a = m.end()
    m = CLAUSE_MARKER.match(text, a, b)  # "1.1 " / "（一）" / "第三条 " is the clause, not the sentence
    if m and m.end() < b:
        a = m.end()
    while b > a and text[b - 1] in " \t\r,.:、|":
        b -= 1
    if b > a:
        yield a, b


#: a fact covers at most this much text from its start: a rule that quoted half the document
#: must not hide the duties in that half
MAX_FACT_SPAN = 600


def fact_spans(facts: Facts) -> list[tuple[int, int]]:
    """Every span in the normalised text that produced an obligation, a penalty, a fact or a
    warning, each clipped to ``MAX_FACT_SPAN``."""
    spans = [(o.start, o.end) for o in facts.obligations]
    spans += [(p.start, p.end) for p in facts.penalties]
    spans += [(w.start, w.end) for w in facts.warnings]
    spans += [(s[1], s[2]) for s in (facts.term_span, facts.renewal_span, facts.confidentiality_span) if s]
    spans += [s for s in (facts.title, facts.provider, facts.client) if s]
    spans += facts.read
    return sorted((a, min(b, a + MAX_FACT_SPAN)) for a, b in spans)


class _Covered:
    """Overlap queries against a set of spans in O(log n) each (a 1 MB input has many sentences)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect_left(self.ends, a + 1)  # the first merged span ending after a
        return i < len(self.starts) and self.starts[i] < b


def _duty_pieces(text: str, language: str) -> Iterator[tuple[int, int]]:
    """The duty sentences, a Chinese one with two dated duties as two ("乙方于每月5日前出具账单，甲方应于收到账单
    之日起10日内支付…": the rules read each on its own, so a piece no rule read is missed, not covered)."""
    if language == "en":
        yield from duty_sentences(text, language)
        return
    from tracker.parse.common import Unit
    from tracker.parse.duties_zh import split

    for a, b in duty_sentences(text, language):
        for u, _ in split(text, Unit(None, a, b)):
            yield u.start, u.end


def unrecognised(text: str, language: str, facts: Facts,
                 label_at: Callable[[int], str | None]) -> list[RawWarning]:
    """``unrecognised_duty`` warnings for the timed duties of ``text`` that no fact covers."""
    covered = _Covered(fact_spans(facts))
    c = cues(pack_of(language))
    out: list[RawWarning] = []
    for a, b in _duty_pieces(text, language):
        if covered.overlaps(a, b):
            continue
        s = text[a:b]
        if not states_timed_duty(s, language):
            continue
        if b - a > MAX_QUOTE:
            m = c.any_cue.search(s)
            centre = a + (m.start() if m else 0)
            a, b = max(a, centre - MAX_QUOTE // 3), min(b, centre + 2 * MAX_QUOTE // 3)
        out.append(RawWarning("unrecognised_duty", label_at(a), a, b,
                              "a duty or term with a time element that produced no obligation or fact"))
    out += _table_rows(text, language, covered, label_at)
    out += _space_rows(text, language, covered, label_at)
    return out


_ROW = re.compile(r"(?m)^[ \t]*\|(?P<cells>[^\n]*\d[^\n]*)\|[ \t]*$"  # | 第一期 | … | 2027年3月20日 |
                  r"|^(?P<bare>[^|\n]*\S[ \t]+\|[ \t]+[^\n]*\d[^\n]*)$")  # M1 | Report | July 31, 2026 (no outer pipes)


def _table_rows(text: str, language: str, covered: _Covered,
                label_at: Callable[[int], str | None]) -> list[RawWarning]:
    """Dated rows of a table that no rule read: under a lead-in that states a duty ("乙方应按下表日期完成
    培训：" + | 第一期 | … | 2027年3月20日 |), or holding a sum beside its date (an instalment: "M1 |
    Report | July 31, 2026 | RMB 240,000"), a row is a duty the parser missed, though it has no duty word."""
    if "|" not in text:
        return []
    c = cues(pack_of(language))
    out: list[RawWarning] = []
    lead_of: dict[int, bool] = {}  # table start → its lead-in states a duty
    top, last_end = 0, -2  # the current table's first line, the end of the row line before
    for m in _ROW.finditer(text):
        if m.start() != last_end + 1:  # not the next line of the same table: find this table's first line
            top = table_top(text, m.start())
        last_end = m.end()
        a, b = (m.start("cells"), m.end("cells")) if m.group("cells") is not None else (m.start("bare"), m.end("bare"))
        if covered.overlaps(a, b) or not has_time_element(text[a:b], language) or not find_dates(text, a, b):
            continue
        if top not in lead_of:
            above = text.rfind("\n", 0, max(top - 1, 0))
            line = text[above + 1:top].strip() or text[text.rfind("\n", 0, max(above, 0)) + 1:max(above, 0)]
            lead_of[top] = bool(c.duty.search(line))
        if lead_of[top] or find_money(text[a:b]):
            out.append(RawWarning("unrecognised_duty", label_at(a), a, b,
                                  "a dated row of a table a duty introduces that produced no obligation"))
    return out


_PAYS = re.compile(r"支付|付款|拨付|给付|\bpa(?:y|id|yable|yment)", re.I)


def _space_rows(text: str, language: str, covered: _Covered,
                label_at: Callable[[int], str | None]) -> list[RawWarning]:
    """Rows of a table laid out with spaces ("第一笔    合同生效后10个工作日内    144,000.00") under a
    lead-in that states a duty or a payment ("经费按下表分三笔拨付："): a row with a time element no
    rule read is a duty the parser missed."""
    if "   " not in text:
        return []
    c = cues(pack_of(language))
    out: list[RawWarning] = []
    lines: list[tuple[int, int, bool]] = []  # (start, end, a space-aligned row)
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), "  " in line and is_space_row(line)))
        pos += len(line) + 1
    lead, lead_ok = "", None  # the last line above that is no row (the table's lead-in); whether it states a duty
    for start, end, row in lines:
        if not row:
            if text[start:end].strip():
                lead, lead_ok = text[start:end].strip(), None
            continue
        a = start + len(text[start:end]) - len(text[start:end].lstrip())
        b = start + len(text[start:end].rstrip())
        cells = text[a:b]
        if covered.overlaps(a, b) or not re.search(r"\d", cells) or not has_time_element(cells, language):
            continue
        if lead_ok is None:  # once per table, not once per row
            lead_ok = bool(c.duty.search(lead) or _PAYS.search(lead))
        if lead_ok:
            out.append(RawWarning("unrecognised_duty", label_at(a), a, b,
                                  "a row of a table a duty introduces that produced no obligation"))
    return out



__all__ = ["Cues", "cues", "duty_sentences", "fact_spans", "states_timed_duty", "unrecognised"]
