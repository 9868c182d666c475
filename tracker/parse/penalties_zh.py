"""Penalty clauses in Chinese contracts, read one sentence at a time.

An article may hold several penalties (``第八条 违约责任`` with late payment, late delivery and a
fixed confidentiality sum in one paragraph), and a penalty may be finished by the next sentence
or item (``违约金总额以合同总价百分之二十为上限``; ``逾期超过三十日的，甲方有权解除合同``).
So: every sentence is read on its own (:func:`read_sentence`, pure), a sentence with a trigger
and a sum owed opens a penalty, and a sentence that only states a cap or a suspension right
completes the penalty it names (by its trigger) or the one just opened in the same article.
The words live in :mod:`tracker.parse.lexicon_zh`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from decimal import Decimal

from tracker.parse import lexicon_zh as lx
from tracker.parse import lexicon_zh_penalties as lp
from tracker.parse.common import RawPenalty
from tracker.parse.money_text import CUR_ALT, find_money
from tracker.parse.numerals import CN_NUM_CHARS, NumeralError, cn_int, rate
from tracker.record import record

NUM = rf"(?:\d+|[{CN_NUM_CHARS}]+)"
RATE = rf"[百千万]分之\s*(?:\d+(?:\.\d+)?|[{CN_NUM_CHARS}点]+)|\d+(?:\.\d+)?\s*[%‰]|(?<=年息)\s*\d+(?:\.\d+)?\s*厘"
_RATE_RX = re.compile(RATE)
_CAP_RATE = (re.compile(rf"(?:{lp.CAP_BEFORE})[^,。;]{{0,14}}?(?P<r>{RATE})"),
             re.compile(rf"{lp.CAP_AROUND[0]}[^,。;]{{0,14}}?(?P<r>{RATE}){lp.CAP_AROUND[1]}"))
_CAP_MONEY_LEAD = re.compile(rf"(?:{lp.CAP_BEFORE}|最高|以)[^,。;]{{0,6}}?")
_SUSPEND_DAYS = (
    re.compile(rf"{lp.SUSPEND_LEAD}[^,。;]{{0,6}}?(?:{lp.SUSPEND_OVER})\s*(?P<n>{NUM})\s*(?:个)?(?:日|天|自然日|日历天)"),
    re.compile(rf"(?:超过|逾)\s*(?P<n>{NUM})\s*(?:个)?(?:日|天|自然日|日历天)\s*(?:仍|尚|还)"),
)
_SUSPEND_MONTHS = re.compile(rf"{lp.SUSPEND_LEAD}[^,。;]{{0,6}}?(?:超过|达到|满|逾)\s*(?P<n>{NUM})\s*个?月")
_XREF = re.compile(lp.XREF)
_ARTICLE_REF = re.compile(r"第\s*(?P<n>[\d一二三四五六七八九十百]+)(?:\.\d+)*\s*条")
_SENTENCE = re.compile(r"[^。;]+")
#: penalties that run with time: only these take a cap or a suspension right from a later sentence
RUNNING = ("late_payment", "late_delivery")


@record
class Reading:
    """What one sentence says about a penalty. ``opens``: it states a sum owed for a breach."""

    kind: str | None = None
    opens: bool = False
    rate: Decimal | None = None
    per: str | None = None
    basis: str | None = None
    amount: Decimal | None = None
    cap_rate: Decimal | None = None
    cap_basis: str | None = None
    cap_amount: Decimal | None = None
    suspend_after_days: int | None = None

    states_rate: bool = False  # 违约金按每日合同总价的千分之一计算: a rate for a penalty opened before

    @property
    def completes(self) -> bool:
        """A sentence that only finishes a penalty: a cap, a suspension right or its rate."""
        return not self.opens and (self.cap_rate is not None or self.cap_amount is not None
                                   or self.suspend_after_days is not None or self.states_rate)


def basis_of(s: str) -> str | None:
    """The basis a stretch of text names: the delayed part wherever it is, else the last one named."""
    if re.search(lp.BASES[2][1], s):
        return "delayed_amount"
    best: tuple[int, str] | None = None
    for basis, rx in lp.BASES:
        for m in re.finditer(rx, s):
            if best is None or m.start() > best[0]:
                best = (m.start(), basis)
    return best[1] if best else None


def _own_title(label: str | None, article_title: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """``article_title`` that reads "本" (违反前项/本条义务) as the article of ``label`` itself."""
    article = (label or "").split(".")[0]

    def title(n: str) -> str | None:
        if n != "本":
            return article_title(n)
        return article_title(article) if article.isdigit() else None
    return title


def trigger_of(s: str, article_title: Callable[[str], str | None] | None = None) -> str | None:
    """The penalty kind a sentence's breach names: the trigger that starts first; a cross
    reference (违反第8条) takes the kind of the referenced article's title."""
    best: tuple[int, str] | None = None
    for kind, rx in lp.TRIGGERS:
        m = re.search(rx, s)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind)
    x = _XREF.search(s)
    if x and article_title is not None and (best is None or x.start() < best[0]):
        # "违反第1.2条或第五条约定": each article the breach names, in turn
        refs = [m.group("n") for m in _ARTICLE_REF.finditer(s, x.start(), x.end() + 16)] or [x.group("n") or "本"]
        for n in refs:
            title = article_title(n) or ""
            for kind, rx in lp.XREF_TITLES:
                if re.search(rx, title):
                    return kind
    if best is None and article_title is not None and _LATE.search(s) and _CONSEQUENCE.search(s):
        # "逾期违约金，每日依契约价金总额千分之一计算" under "第五条 迟延履约": the article's title names the breach
        title = article_title("本") or ""
        return next((kind for kind, rx in lp.XREF_TITLES if kind in RUNNING and re.search(rx, title)), None)
    return best[1] if best else None


_LATE = re.compile(r"逾期|迟延|延迟|延误")


#: a penalty's fixed sum: right after its word ("违约金人民币1,500元"), or paid as it ("支付1,500元作为违约赔偿")
_SUM_AFTER = re.compile(rf"(?:{lp.CONSEQUENCE})\s*(?:为)?\s*(?:{CUR_ALT}|[壹贰叁肆伍陆柒捌玖])")
_YEARLY_RATE = re.compile(rf"(?:{lp.PER_YEAR})(?:利率)?\s*(?:为)?\s*$")
_PER_DAY_END = re.compile(rf"(?:{lp.PER_DAY})\s*$")
_AS_PENALTY = re.compile(rf"\s*(?:作为|作)(?:{lp.CONSEQUENCE}|违约赔偿)")


def read_sentence(s: str, article_title: Callable[[str], str | None] | None = None) -> Reading:
    """Read one normalised sentence: ``甲方逾期付款的，每逾期一日按逾期金额的万分之五支付违约金`` →
    late_payment, 0.0005 per day of overdue_amount. Pure: no context but the sentence."""
    r = Reading(kind=trigger_of(s, article_title))
    cap_span = _cap(s, r)
    for m in _RATE_RX.finditer(s):
        if cap_span and cap_span[0] <= m.start() < cap_span[1]:
            continue
        try:
            r.rate = rate(m.group(0).replace(" ", ""))
        except (NumeralError, ArithmeticError):
            continue
        r.basis = basis_of(s[max(0, m.start() - 30):m.start()])
        if _YEARLY_RATE.search(s, max(0, m.start() - 6), m.start()):
            r.per = "year"  # "按年利率8%支付利息，利息按日计算": an annual rate, however the interest accrues
        break
    per_text = s if cap_span is None else s[:cap_span[0]] + s[cap_span[1]:]
    if r.per is None:
        r.per = "day" if re.search(lp.PER_DAY, per_text) else "month" if re.search(lp.PER_MONTH, per_text) \
            else "year" if re.search(lp.PER_YEAR, per_text) else None
    if r.basis is None and (r.rate is not None or r.per is not None):
        r.basis = basis_of(per_text)
    if r.rate is None and r.per is None:
        r.basis = None
    if r.kind == "late_payment":  # a late-payment rate or interest runs on the overdue amount (该期款项: the late one)
        if r.basis == "delayed_amount" or (r.basis is None and (r.rate is not None or re.search(r"利息|利率", s))):
            r.basis = "overdue_amount"
        r.cap_basis = "overdue_amount" if r.cap_basis == "delayed_amount" else r.cap_basis
    _suspension(s, r)
    money = [h for h in find_money(s) if not (cap_span and cap_span[0] <= h.start < cap_span[1])]
    if (amended := re.search(lx.AMENDED_TO, s)) and any(h.start >= amended.end() for h in money):
        money = [h for h in money if h.start >= amended.end()]  # 由10万元调整为15万元: the new sum
    after = _SUM_AFTER.search(s) if r.rate is None and money else None
    paid_as = next((h for h in money if _AS_PENALTY.match(s, h.end)), None) if r.rate is None else None
    if paid_as is None and r.rate is None:  # "按每日港幣二千元…支付算定損害賠償": the sum each day costs
        paid_as = next((h for h in money if _PER_DAY_END.search(s, max(0, h.start - 12), h.start)), None)
    if r.rate is None and money and (r.kind == "confidentiality_breach" or after or paid_as):
        # the sum after the penalty's word, or the one paid as it ("退还…30,000元，并另行支付5,000元作为违约金")
        r.amount = (paid_as or next((h for h in money if after and h.start >= after.start()), money[0])).value
    consequence = re.search(lp.CONSEQUENCE, s)
    damages_with_figure = re.search(lp.DAMAGES, s) and (r.rate is not None or r.amount is not None or "□" in s)
    running = r.rate is not None and r.per is not None  # 按日计算，标准为合同总价款的万分之八
    r.opens = r.kind is not None and bool(consequence or damages_with_figure or running)  # □: a masked blank
    r.states_rate = not r.opens and running and bool(consequence)
    return r


def _cap(s: str, r: Reading) -> tuple[int, int] | None:
    for rx in _CAP_RATE:
        m = rx.search(s)
        if m:
            try:
                r.cap_rate = rate(m.group("r").replace(" ", ""))
            except (NumeralError, ArithmeticError):
                continue
            r.cap_basis = basis_of(s[max(0, m.start() - 6):m.end()]) or "total_fee"
            return m.span()
    for m in _CAP_MONEY_LEAD.finditer(s):
        money = find_money(s, m.end(), min(len(s), m.end() + 30))
        if not money or money[0].start - m.end() > 4:
            continue
        if m.group(0).startswith("以") and not re.match(r"\s*为(?:上)?限", s[money[0].end:money[0].end + 4]):
            continue
        r.cap_amount = money[0].value
        return m.start(), money[0].end
    return None


def _suspension(s: str, r: Reading) -> None:
    for rx in _SUSPEND_DAYS:
        m = rx.search(s)
        if m:
            with contextlib.suppress(NumeralError):
                r.suspend_after_days = cn_int(m.group("n"))
            return
    months = _SUSPEND_MONTHS.search(s)
    if months:
        with contextlib.suppress(NumeralError):
            r.suspend_after_days = cn_int(months.group("n")) * 30  # a month of 30 days


# ---------------------------------------------------------------- the rule over a document


@record(frozen=True)
class Sentence:
    """A sentence of a penalty clause and its span."""
    label: str
    start: int
    end: int


def sentences(text: str, label: str, start: int, end: int) -> list[Sentence]:
    """The sentences of one clause (split at 。 and ;, never at a line break: web copy breaks
    lines mid-sentence), without a leading article heading line."""
    head = re.match(r"\s*第[^条\n]{1,5}条[^\n。;]{0,24}\n", text[start:end])
    if head:
        start += head.end()
    return [Sentence(label, start + m.start(), start + m.end())
            for m in _SENTENCE.finditer(text[start:end]) if m.group(0).strip()]


_CONSEQUENCE = re.compile(rf"{lp.CONSEQUENCE}|违约赔偿")  # (a clause that may hold a penalty: "…元作为违约赔偿")


def extract(text: str, clauses: list[tuple[str, int, int, bool]],
            article_title: Callable[[str], str | None], total_fee: Decimal | None,
            read: list[tuple[int, int]] | None = None) -> list[RawPenalty]:
    """Penalties of a document. ``clauses``: (label, start, end, in a breach article) for each
    labelled clause in order. One penalty per kind, the first stated; a later sentence's cap or
    suspension right completes it (a late-payment or late-delivery penalty: a fixed sum has neither).
    The completing sentences are added to ``read``."""
    found: dict[str, RawPenalty] = {}
    last: RawPenalty | None = None
    for label, start, end, in_breach_article in clauses:
        body = text[start:end]
        if not in_breach_article and not _CONSEQUENCE.search(body):
            continue
        if last is not None and last.label is not None and last.label.split(".")[0] != label.split(".")[0]:
            last = None  # a completing sentence only reaches back within its article
        sents = sentences(text, label, start, end)
        own = _own_title(label, article_title)  # "违反前项义务": the kind of this article's title
        readings = _joined(text, [(sn, read_sentence(text[sn.start:sn.end], own)) for sn in sents], own)
        openers = sum(1 for _, rd in readings if rd.opens and rd.kind not in found)
        for sn, rd in readings:
            if rd.opens:
                if rd.kind is None or rd.kind in found:
                    last = found[rd.kind] if rd.kind in RUNNING and rd.kind in found else last
                    if rd.kind in RUNNING and rd.kind in found and not rd.states_rate:
                        _complete(found[rd.kind], rd)  # "逾期违约金之总额，以契约价金总额之百分之二十为上限"
                    continue
                a, b = (start, end) if openers == 1 else (sn.start, sn.end)
                p = RawPenalty(rd.kind, label, a, b)
                _fill(p, rd, total_fee)
                found[rd.kind] = p
                last = p if p.kind in RUNNING else last
            elif rd.completes:
                target = found.get(rd.kind) if rd.kind in RUNNING else last
                if target is not None:
                    _complete(target, rd)
                    if read is not None:
                        read.append((sn.start, sn.end))
    return list(found.values())


def _joined(text: str, readings: list[tuple[Sentence, Reading]],
            own: Callable[[str], str | None]) -> list[tuple[Sentence, Reading]]:
    """Readings where a sentence that names the breach but states no penalty ("甲方逾期付款逾三十日者，乙方
    有权暂停服务") and the next, which states a running rate and names no breach ("逾期款项按年利率百分之九
    计算利息"), are read as one sentence, when that one opens a penalty."""
    out: list[tuple[Sentence, Reading]] = []
    for sn, rd in readings:
        if out and rd.kind is None and rd.rate is not None and not rd.opens:
            prev, prd = out[-1]
            if prd.kind is not None and not prd.opens:
                both = Sentence(sn.label, prev.start, sn.end)
                if (rj := read_sentence(text[both.start:both.end], own)).opens:
                    out[-1] = (both, rj)
                    continue
        out.append((sn, rd))
    return out


def _fill(p: RawPenalty, rd: Reading, total_fee: Decimal | None) -> None:
    p.rate, p.per, p.basis, p.amount = rd.rate, rd.per, rd.basis, rd.amount
    p.cap_rate, p.cap_basis, p.cap_amount = rd.cap_rate, rd.cap_basis, rd.cap_amount
    p.suspend_after_days = rd.suspend_after_days
    if p.kind == "confidentiality_breach" and p.rate is not None and p.per is None and total_fee is not None:
        p.amount, p.rate, p.basis = total_fee * p.rate, None, None  # 相当于合同总额20%的违约金: a fixed sum


def _complete(p: RawPenalty, rd: Reading) -> None:
    if rd.states_rate and p.rate is None and p.amount is None:
        p.rate, p.per, p.basis = rd.rate, rd.per, rd.basis
    if p.cap_rate is None and p.cap_amount is None:
        p.cap_rate, p.cap_basis, p.cap_amount = rd.cap_rate, rd.cap_basis, rd.cap_amount
    if p.suspend_after_days is None:
        p.suspend_after_days = rd.suspend_after_days


__all__ = ["Reading", "basis_of", "extract", "read_sentence", "trigger_of"]
