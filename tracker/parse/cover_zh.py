"""The cover page of a Chinese contract: labelled fields before the first clause.

A cover (``项目名称：…`` / ``签订日期：…`` / ``有效期限：2025年1月20日至2026年1月19日``) is not a
clause: what is quoted from it has ``clause: null``. A written end date on the cover is an
explicit end date and wins over a term computed by the Civil Code (spec, period rule 5).
"""

from __future__ import annotations

import re
from datetime import date

from tracker.parse.common import Facts, find_dates
from tracker.record import record

#: LABEL：VALUE on a line of its own; the label is short and holds no sentence punctuation
_FIELD = re.compile(
    r"(?m)^[ \t>*#\-]*+(?P<label>[^\s:：,，。;；()（）|][^\n:：,，。;；()（）|]{1,9}?)[ \t*]*+[:：][ \t*]*+(?P<value>[^\n]+)$"
)
#: | LABEL | VALUE | : a two-column table of the same fields (订阅信息, 合同要素)
_ROW = re.compile(
    r"(?m)^[ \t]*\|[ \t*]*(?P<label>[^\s|:：,，。;；()（）\-][^\n|:：,，。;；()（）]{1,9}?)[ \t*]*\|[ \t*]*(?P<value>[^|\n]+?)[ \t*]*\|[ \t]*$"
)
#: cover fields that state the contract's term
END_LABELS = re.compile(r"^(?:合同|协议|契约)?(?:到期|届满|终止|截止|结束)(?:日期|日)$")
TERM_LABELS = re.compile(r"^(?:合同|协议|契约)?(?:有效期限?|有效期间|期限|履行期限|服务期限?|合同期)$|^(?:初始|首个)?订阅期(?:限|间)?$")
#: a field that names a day ("订阅开始日", "服务起始日期"), other than the signing's
_DAY_LABEL = re.compile(r"(?:日|日期)$")
_SIGNING_LABEL = re.compile(r"签(?:订|署|约|字)|盖章")
#: how far a cover page reaches when the document has no clauses to end it
COVER_MAX = 8000
_RANGE_SEP = re.compile(r"\s*(?:至|到|~|－|—|-)\s*")


@record(frozen=True)
class Field:
    """A labelled field of a cover page and its line's span."""
    label: str
    start: int  # the whole line (label and value), for quotes
    end: int
    value_start: int
    value_end: int


def cover_fields(text: str, body_start: int, rows: bool = False) -> list[Field]:
    """Labelled fields on their own lines before ``body_start`` (the first clause): ``LABEL：VALUE``
    and, with ``rows``, a row of a two-column table (a key-terms table: where the body states the
    term again, its clause is the one quoted)."""
    out = []
    for rx in (_FIELD, _ROW) if rows and "|" in text[:min(body_start, COVER_MAX)] else (_FIELD,):
        for m in rx.finditer(text, 0, min(body_start, COVER_MAX)):
            label = re.sub(r"\s+", "", m.group("label"))
            out.append(Field(label, m.start("label"), m.end("value"), m.start("value"), m.end("value")))
    return sorted(out, key=lambda f: f.start)


def named_days(text: str, body_start: int) -> dict[str, date]:
    """The days the cover names (``订阅开始日 | 2026年7月1日``): label → date, for a clause that
    counts from it or takes effect on it ("自订阅开始日起生效"). Not the signing's day."""
    out: dict[str, date] = {}
    for f in cover_fields(text, body_start, rows=True):
        if _DAY_LABEL.search(f.label) and not _SIGNING_LABEL.search(f.label) and not END_LABELS.match(f.label):
            days = [h.value for h in find_dates(text, f.value_start, f.value_end) if h.value]
            if len(days) == 1:
                out.setdefault(f.label, days[0])
    return out


def term_length_field(text: str, body_start: int) -> Field | None:
    """A cover field that states the term as a length (``初始订阅期 | 自订阅开始日起十二个月``), not a range."""
    for f in cover_fields(text, body_start, rows=True):
        if TERM_LABELS.match(f.label) and not find_dates(text, f.value_start, f.value_end):
            return f
    return None


def term_from_cover(text: str, body_start: int, facts: Facts) -> None:
    """``有效期限：A至B`` on the cover: B is the written end date (it wins), A the start."""
    for f in cover_fields(text, body_start):
        if END_LABELS.match(f.label):  # "到期日期: 2027-05-05" (a contract system's export): the written end
            end = [h for h in find_dates(text, f.value_start, f.value_end) if h.value]
            if len(end) == 1 and facts.end_date is None:
                facts.end_date, facts.term_span = end[0].value, (None, f.start, f.end)
            continue
        if not TERM_LABELS.match(f.label):
            continue
        dates = [h for h in find_dates(text, f.value_start, f.value_end) if h.value]
        if len(dates) != 2 or not _RANGE_SEP.fullmatch(text[dates[0].end:dates[1].start]):
            continue
        facts.end_date = dates[1].value
        if facts.range_start is None:
            facts.range_start = dates[0].value
        facts.term_span = (None, f.start, f.end)
        return


_DOC_TITLE = re.compile(r"(?:合同|协议|协议书|合同书|契约|契约书|框架协议|订单)$")


def heading_title(text: str, body_start: int) -> tuple[int, int] | None:
    """The document's own heading (its first non-empty line, a Markdown ``#`` heading or a line
    ending in 合同/协议/契约), for a contract that states no project name."""
    m = re.compile(r"\s*(?:#{1,3}[ \t]+)?(?:\*\*)?").match(text)
    start = m.end() if m else 0
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip(" \t*")
    if not line or start >= body_start or len(line) > 40 or re.search(r"[:：。,，;；>›»/\\|]", line):
        return None
    if not (text[:m.end()].lstrip().startswith("#") if m else False) and not _DOC_TITLE.search(line):
        return None
    return start, start + len(line)


__all__ = ["Field", "cover_fields", "heading_title", "term_from_cover"]
