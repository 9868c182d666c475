"""Second pass of the time layer: anchors a contract defines in one sentence and uses in another.

"质保期为终验合格之日起一年" (or "保固期間自最終驗收合格之日起一年", "a warranty period of
twelve (12) months following Acceptance") defines when the warranty ends; "质保期满后甲方一次性无息支付"
then counts from that day. ``defined_anchors(text, lang)`` reads such definitions once per document;
``resolve(anchor, offset, defined)`` rewrites a value counted from a defined anchor onto the event it
is built on (``warranty_end`` + P0D → ``acceptance`` + P1Y).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from tracker.parse.lexicon_zh import METRIC_WORDS, STATES, WARRANTY
from tracker.parse.timex_scan import DUR_EN, Dur, Tok, en_duration
from tracker.regex_own import compile_own

#: anchor id → the words that define its period, per language
DEFINED_ZH: tuple[tuple[str, str], ...] = (("warranty_end", rf"(?:{WARRANTY}|免费维护)期(?:间|限)?"),)
DEFINED_EN: tuple[tuple[str, str], ...] = (("warranty_end", r"warranty\s+period"),)
#: a day the contract names T, T1, T2…: '"T"指生效日', 'T为合同生效日', '“T1日”指甲方签发《平台上线确认书》之日'
_T_DEFINED = re.compile(r"(?<![A-Za-z])[\"“”'「」]?(?P<t>T\d?)日?[\"“”'「」]?\s*[:：]?\s*(?:为|指|是|系|means|refers\s+to)\s*(?:the\s+)?")
_SENTENCE_END = re.compile(r"[。;\n]|\.(?=\s)")


@lru_cache(maxsize=4)
def defined_anchors(text: str, lang: str) -> dict[str, tuple[str, str]]:
    """Anchor id → (event, offset) for the periods the document defines, e.g.
    ``{"warranty_end": ("acceptance", "P1Y")}``. The first definition that names an event wins."""
    from tracker.parse.timex import Deadline, read_time  # the layer reads the defining sentence
    from tracker.parse.timex_scan import scan

    out: dict[str, tuple[str, str]] = {}
    for m in _T_DEFINED.finditer(text) if "T" in text else ():  # "T"指生效日 / T为合同生效日
        event = next((t for t in scan(text[m.end():m.end() + 24], lang) if t.kind == "EVENT" and t.start <= 12), None)
        if event is not None and m.group("t") not in out:
            out[m.group("t")] = (str(event.value), "P0D")  # (the first definition of each name wins)
    for anchor, rx in DEFINED_EN if lang == "en" else DEFINED_ZH:
        for m in re.finditer(rx, text, re.I if lang == "en" else 0):
            start = max((e.end() for e in _SENTENCE_END.finditer(text, max(0, m.start() - 200), m.start())),
                        default=max(0, m.start() - 200))
            stop = _SENTENCE_END.search(text, m.end())
            sentence = text[start:stop.start() if stop else len(text)]
            if lang == "en" and (begins := _begins_en(sentence)) is not None:
                out[anchor] = begins  # "the ninety (90) day warranty period, which begins on acceptance"
                break
            v = read_time(sentence, lang)
            if isinstance(v, Deadline) and v.offset and not v.offset.startswith("-") and not v.business_days \
                    and v.anchor not in ("event", anchor) and not v.contingent and "T" not in v.offset:
                out[anchor] = (v.anchor, v.offset)
                break
    if lang != "en" and out.get("warranty_end", ("", ""))[1] == "P0D":  # "“质保期”自终验合格之日起计算" + "质保期（两年）"
        for m in _NAMED_LENGTH_ZH.finditer(text):
            length = next((t for t in scan(text[m.end():m.end() + 12], lang) if t.kind == "DUR" and t.start == 0), None)
            if length is not None and isinstance(length.value, Dur) and not length.value.business:
                out["warranty_end"] = (out["warranty_end"][0], length.value.iso())
                break
    return out


#: a warranty's length written after its name, its start stated elsewhere: "质保期（两年）", "质保期为两年"
_NAMED_LENGTH_ZH = re.compile(rf"(?:{WARRANTY}|免费维护)期(?:间|限)?\s*(?:\(|为期|为|是)\s*")


#: "the ninety (90) day warranty period, which begins on acceptance of the model": the period is
#: written before its name and its start after it
_BEGINS_EN = re.compile(rf"(?P<d>{DUR_EN})[\s-]+warranty\s+period\b[^.;]{{0,30}}?\b(?:begins?|starts?|commences?|runs?|"
                        r"beginning|starting|commencing|running)\s+(?:on|from|upon|after|with)\s+", re.I)


def _begins_en(sentence: str) -> tuple[str, str] | None:
    from tracker.parse.timex_scan import scan

    m = _BEGINS_EN.search(sentence) if "arranty" in sentence else None
    dur = en_duration(m) if m else None
    if m is None or dur is None or dur.business:
        return None
    event = next((t for t in scan(sentence[m.end():m.end() + 60], "en") if t.kind == "EVENT" and t.start <= 4), None)
    return (str(event.value), dur.iso()) if event is not None else None


#: an English date a contract names by its event: 'The date of Supplier's signature is the
#: "Acknowledgement Date"', '"Kick-off Date" means the date on which the kick-off meeting is held'
_DATE_NAMED_EN = (
    re.compile(r"\b(?:the\s+)?date\s+(?:of|on\s+which|when)\s+(?P<ev>[^.;\"“”\n]{3,80}?)\s+(?:is|shall\s+be|will\s+be)\s+"
               r"(?:referred\s+to\s+as\s+)?(?:the\s+)?[\"“](?P<name>[A-Z][\w -]{1,40}?\s+Date)[\"”]", re.I),
    re.compile(r"[\"“](?P<name>[A-Z][\w -]{1,40}?\s+Date)[\"”]\s+(?:means|shall\s+mean|refers\s+to)\s+the\s+date\s+"
               r"(?:of|on\s+which|when)\s+(?P<ev>[^.;\n]{3,100})"),
    # '"Contract Date" means 2026. 5. 20., the date on which both parties signed …': dated and named by its event
    re.compile(r"[\"“](?P<name>[A-Z][\w -]{1,40}?\s+Date)[\"”]\s+(?:means|shall\s+mean|refers\s+to)\s+[^,;\n]{4,40}?,\s*"
               r"(?:being\s+)?the\s+date\s+(?:of|on\s+which|when)\s+(?P<ev>[^.;\n]{3,100})"),
)


@lru_cache(maxsize=4)
def defined_dates_en(text: str) -> dict[str, str]:
    """Name of a defined date (lower case) → the event it is the date of:
    ``{"acknowledgement date": "signing"}``. The first definition of a name wins."""
    from tracker.parse.timex_scan import scan

    out: dict[str, str] = {}
    if "Date" not in text:
        return out
    for rx in _DATE_NAMED_EN:
        for m in rx.finditer(text):
            event = next((t for t in scan(m.group("ev"), "en") if t.kind == "EVENT"), None)
            if event is not None:
                out.setdefault(" ".join(m.group("name").lower().split()), str(event.value))
    for m in _EFFECT_ON_NAMED_EN.finditer(text) if "ffect" in text else ():
        out.setdefault(" ".join(m.group("name").lower().split()), "effective")
    return out


#: a contract that takes effect on a date it names: "This Order Form … takes effect on the Subscription
#: Start Date", "With effect from the Restatement Date, the Original Agreement … is amended and restated"
#: (the named date is the effective date, wherever a field or a definition gives its day)
_EFFECT_ON_NAMED_EN = re.compile(r"\b(?:takes?\s+effect|(?:becomes?|be|is)\s+effective|(?<!terminate\s)(?<!terminates\s)(?<!expire\s)(?<!expires\s)(?<!end\s)(?<!ends\s)[Ww]ith\s+effect)"
                                 r"\s+(?:on|as\s+of|from)\s+the\s+"
                                 r"(?P<name>(?!(?:Effective|Termination|Expiry|Expiration|End)\s)[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}\s+Date)\b")


#: a weekday written before a date ("Monday, 14 September 2026")
_WEEKDAY_LEAD = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?[ \t]+)?"
#: a date a form states as a field: "Order Start Date: 1 January 2027"
_DATE_FIELD_EN = re.compile(r"(?m)^[ \t*|•-]*(?:\d{1,2}[ \t]+)?(?P<name>[A-Z][\w -]{1,30}?\s+Date)(?:[ \t]*\([^()\n]{1,60}\))?"
                            r"(?:[ \t*]*[:|]|[ \t]+(?=\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}))[ \t*]*"  # "9 Commencement Date 2 November 2026"
                            rf"{_WEEKDAY_LEAD}")  # "…: Monday, 14 September 2026"


@lru_cache(maxsize=4)
def field_dates_en(text: str) -> dict[str, date]:
    """Name of a dated field (lower case) → its date: ``{"order start date": date(2027, 1, 1)}``; a
    key-dates table's row too ("Seed Data Date (Customer Style Guide) | 15 May 2026")."""
    from tracker.parse.common import find_dates

    out: dict[str, date] = {}
    for rx in (_DATE_FIELD_EN, _DATE_DEFINED_EN) if "Date" in text else ():
        for m in rx.finditer(text):
            hits = find_dates(text, m.end(), m.end() + 30)
            if hits and hits[0].value and hits[0].start - m.end() <= 2:
                name = m.groupdict().get("name2") or m.group("name")
                out.setdefault(" ".join(name.lower().split()), hits[0].value)
    return out


#: a date a definition states: '"Commencement Date" means 14 September 2026'
_DATE_DEFINED_EN = re.compile(r"[\"“](?P<name>[A-Z][\w -]{1,30}?\s+Date)[\"”]\s+(?:shall\s+)?means?\s+(?:the\s+date\s+)?"
                              # a definition list without quotes ("…; Expiry Date means 30 June 2027; …", "1.2 Commencement Date means …"), and a notice that
                              # states the day ("the Customer notifies … that the Commencement Date is Monday, 14 September 2026")
                              r"|(?:^(?:[ \t]*\d{1,2}(?:\.\d{1,2}){0,2}\.?[ \t]+)?|(?<=[;:\n])\s*|(?<=\bthat\s)the\s+)(?P<name2>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+Date)\s+(?:means|is|shall\s+be)\s+"
                              rf"{_WEEKDAY_LEAD}", re.M)


def named_date_event(words: str, defined: dict[str, str]) -> str | None:
    """The event of the defined date ``words`` name ("after the Acknowledgement Date"), if any."""
    low = words.lower()
    return next((ev for name, ev in defined.items() if name in low), None)


def _dur(iso: str) -> Dur:
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", iso)
    if not m:
        raise ValueError(iso)
    y, mo, w, d = (int(g or 0) for g in m.groups())
    return Dur(y, mo, w, d)


def resolve(anchor: str, offset: str, defined: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """(anchor, offset) counted from a defined anchor → counted from the event it is built on."""
    if anchor not in defined or offset.startswith("-") or "T" in offset:
        return anchor, offset
    event, base = defined[anchor]
    return event, (_dur(base) + _dur(offset)).iso()


_RECEIPT = re.compile(r"(?:收受|收到|收讫|接获|受领|收悉)(?:之日|当日)?\s*(?:起|后|之后|以后)?\s*$")
#: what a party receives: the events a bare "收受后" (receipt, its object unsaid) refers back to
_RECEIVED = frozenset({"invoice", "payment_request"})


def received(s: str, toks: list[Tok], a: int) -> str | None:
    """The document a bare receipt verb right before ``a`` refers back to (the last one the sentence named)."""
    head = s[max(0, a - 8):a]
    m = _RECEIPT.search(head)
    if m is None:
        return None
    verb = a - len(head) + m.start()
    before = [t for t in toks if t.kind == "EVENT" and t.end <= verb and str(t.value) in _RECEIVED]
    return str(before[-1].value) if before else None


@lru_cache(maxsize=4)
def client_supplied_en(text: str) -> tuple[str, ...]:
    """What an English contract's client hands over under a name of its own ("The Customer shall
    provide the Customer Materials (…)"): in a training contract that is its data, so "after receipt
    of the Customer Materials" counts from the data's delivery. Longest names first."""
    from tracker.parse.lexicon_en import CLIENT_NOT_DATA, ROLES

    clients = "|".join(re.escape(w) for w, role in ROLES if role == "client")
    rx = compile_own(rf"\b(?i:{clients})\s+(?:shall|will|must)\s+(?:provide|deliver|supply|upload|transfer|make\s+available)\s+"
                     r"(?:to\s+(?:the\s+)?[A-Z]\w+\s+)?the\s+(?P<n>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})")  # (kept)
    names = {m.group("n") for m in rx.finditer(text) if not re.search(CLIENT_NOT_DATA, m.group("n"), re.I)}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


#: a named report that states the model's metrics: "…deliver a quality assessment report … stating the transcription
#: accuracy and the intent-label F1 score" names the "Quality Assessment Report" an evaluation report
_METRIC_REPORT = re.compile(r"\b(?P<n>(?:[A-Z][\w-]*\s+){1,3}Report)\b[^.;]{0,160}?\b(?:accuracy|recall|F1|precision)\b")


@lru_cache(maxsize=4)
def evaluation_reports_en(text: str) -> tuple[str, ...]:
    """The names (title case, longest first) of the reports an English contract says state the model's
    metrics: "after receipt of the Quality Assessment Report" counts from the evaluation report."""
    names = {" ".join(m.group("n").split()) for m in _METRIC_REPORT.finditer(text)}
    names = {re.sub(r"^(?:A|An|The|This|Each|Such|Its|Written|Final)\s+", "", n) for n in names}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


#: a named report that states the model's metrics: "出具《年度节能量核证报告》，报告应载明核证节能量及…预测准确率"
_METRIC_REPORT_ZH = re.compile(rf"《(?P<n>[^《》\n]{{2,30}}报告)》[^。;\n]{{0,60}}?(?:{STATES})[^。;\n]{{0,40}}?(?:{METRIC_WORDS})")


@lru_cache(maxsize=4)
def evaluation_reports_zh(text: str) -> tuple[str, ...]:
    """The names (in 《》) of the reports a Chinese contract says state the model's metrics:
    "《年度节能量核证报告》送达之日起20个工作日内" counts from the evaluation report."""
    return tuple(sorted({m.group("n") for m in _METRIC_REPORT_ZH.finditer(text)} if "报告》" in text else (),
                        key=lambda n: (-len(n), n)))


__all__ = ["client_supplied_en", "defined_anchors", "defined_dates_en", "evaluation_reports_en", "evaluation_reports_zh", "field_dates_en",
           "named_date_event", "received", "resolve"]
