"""From raw facts to the obligations document: resolve dates, derive term obligations, warn.

Language independent. Date rules come from ``tracker.periods``; every warning carries the
clause and a verbatim quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta
from decimal import Decimal

from tracker.calendars import Calendars, import_hint, uncovered_years
from tracker.model import Cap, Contract, Obligation, Penalty, Span, Trigger, Warning
from tracker.money import to_fen
from tracker.parse.calendar_detect import detect as detect_calendar
from tracker.parse.clauses import Clauses
from tracker.parse.common import _MARKER as CLAUSE_MARKER
from tracker.parse.common import Facts, RawObligation, RawWarning, find_dates
from tracker.parse.normalize import BLANK_RX as _BLANK
from tracker.parse.normalize import Normalized
from tracker.parse.paragraphs import public_label
from tracker.parse.remainders import is_remainder, remainder
from tracker.periods import add_duration, deadline, first_occurrence, iter_occurrences
from tracker.record import replace

#: a document that amends another (its title says so): its instalments need not add up to the total
#: a series that pays for the period before ("每月20日前支付上一自然月的服务费"): its last instalment follows the term
_IN_ARREARS = re.compile(r"(?<!线)(?:上一?个?(?:自然)?(?:月|季度?)|前一个?(?:自然)?月)(?:的|之|度)[^,。;]{0,10}?(?:费|款)"
                         r"|\bfor\s+the\s+(?:previous|preceding|prior)\s+(?:calendar\s+)?(?:month|quarter)", re.I)
_AMENDMENT_DOC = re.compile(r"补充协议|变更协议|修改协议|变更协议书|契约变更|合同变更|Amendment|Supplement", re.I)
#: a signature line marked as signed in a copy: "____(signed)____", "/s/ Chen Yuwei"
_SIGNED = re.compile(r"\((?:signed|sgd|signature on file)\)|/s/", re.I)
_SIG_BLANK = re.compile(r"(?P<label>[^\s:_。;\]]{1,16}:)\s*(?P<line>_+)")
_SIG_COLON = re.compile(r":(?=\s*_)")


def _sig_blanks(text: str):  # type: ignore[no-untyped-def]
    """The matches of ``_SIG_BLANK.finditer(text)``, found from each ':' before a '_': trying a
    16-character label from every position cost 0.3 s per MB of text without any blank."""
    for c in _SIG_COLON.finditer(text):
        p = c.start()
        while p > 0 and c.start() - p < 16 and text[p - 1] not in ":_。;]" and not text[p - 1].isspace():
            p -= 1
        if p < c.start() and (m := _SIG_BLANK.match(text, p)):
            yield m

_INLINE_BLANK = re.compile(r"(?P<pre>[^\s:_。;,\]]{0,6})(?P<line>_{3,})(?P<post>[^\s_。;,:]{0,2})")
PERFORMANCE_KINDS = {"payment", "data_delivery", "model_delivery", "evaluation_report", "progress_report", "other"}


def _fen(amount: Decimal) -> Decimal | None:
    """Rounded to the fen; None for a figure beyond Decimal's 28 digits (fuzzing:
    "人民币99999999999999999999999元" × a percentage raised InvalidOperation)."""
    try:
        return to_fen(amount)
    except ArithmeticError:
        return None


def _series_start(base: date | None, next_month: bool) -> date | None:
    """The first day a series may fall on: the event's day, or the first of the month after it."""
    if base is None or not next_month:
        return base
    return date(base.year + base.month // 12, base.month % 12 + 1, 1)


#: the titles of the term's obligations, in the contract's language
_DERIVED_TITLES = {"zh": ("合同期限届满", "续约协商（期满前通知）", "保密期届满"),
                   "en": ("Contract expiry", "Renewal notice", "Confidentiality period ends")}


class Assembler:
    def __init__(self, norm: Normalized, clauses: Clauses, facts: Facts, masked: Normalized | None = None,
                 calendars: Calendars | None = None) -> None:
        self.norm = norm
        self.masked = masked or norm  # the text the rules read (blanks masked)
        self.clauses = clauses
        self.facts = facts
        self.warnings: list[Warning] = []
        self._seen: set[Warning] = set()  # dedupe in O(1): 100,000 distinct blanks stay linear
        found = detect_calendar(norm.text, norm.language)  # the contract's working-day calendar
        self.cal = (calendars or Calendars()).get(found.code if found else None)
        self.calendar_quote = self.quote(found.start, found.end) if found else None

    # -- helpers
    def quote(self, start: int, end: int) -> str:
        return self.norm.quote(start, end).strip()

    def _after_marker(self, start: int, end: int) -> int:
        """Skip a leading clause number so the quote is verbatim in the source (auto-numbered
        .docx files carry the number only in our rendering)."""
        text = self.norm.text
        while start < end and text[start] in " \t":
            start += 1
        m = CLAUSE_MARKER.match(text, start, end)
        return m.end() if m and m.end() < end else start

    def warn(self, code: str, label: str | None, start: int, end: int, message: str | None = None) -> None:
        w = Warning(code, public_label(label), self.quote(start, end), message)
        if w not in self._seen:
            self._seen.add(w)
            self.warnings.append(w)

    def _plus(self, start: date, duration: str, span: tuple[str | None, int, int] | None) -> date | None:
        """``start + duration``, or None with an ``unparsed_date`` warning when the result is
        beyond the calendar (fuzzing: "有效期为999999999年" raised OverflowError)."""
        try:
            return add_duration(start, duration)
        except (OverflowError, ValueError):
            if span:
                self.warn("unparsed_date", span[0], span[1], span[2], f"{duration} from {start} is beyond year 9999")
            return None

    # -- contract
    def contract(self) -> Contract:
        f = self.facts
        signed = f.signed_date
        effective = f.effective_date or (None if f.effective_unknown else
                                         signed if f.effective_on_signing else f.range_start or signed)
        expiry = f.end_date
        if expiry is None and effective and f.term and not f.term_from_event:
            expiry = self._plus(effective, f.term, f.term_span)
        renewal_deadline = self._plus(expiry, "-" + f.renewal_notice, f.renewal_span) if expiry and f.renewal_notice else None
        conf_expiry = self._plus(expiry, f.confidentiality_term, f.confidentiality_span) \
            if expiry and f.confidentiality_term else None
        penalties = tuple(
            Penalty(
                kind=p.kind,
                clause=public_label(p.label),
                rate=p.rate,
                per=p.per,
                basis=p.basis,
                amount=_fen(p.amount) if p.amount is not None else None,
                cap=(Cap(rate=p.cap_rate, basis=p.cap_basis) if p.cap_rate is not None
                     else Cap(amount=p.cap_amount) if p.cap_amount is not None else None),
                suspend_after_days=p.suspend_after_days,
                quote=self.quote(self._after_marker(p.start, p.end), p.end),
            )
            for p in f.penalties
        )
        return Contract(
            title=self.quote(*f.title) if f.title else None,
            provider=self.quote(*f.provider) if f.provider else None,
            client=self.quote(*f.client) if f.client else None,
            signed_date=signed,
            effective_date=effective,
            term=f.term,
            expiry_date=expiry,
            renewal_notice=f.renewal_notice,
            renewal_notice_deadline=renewal_deadline,
            confidentiality_term=f.confidentiality_term,
            confidentiality_expiry=conf_expiry,
            currency=f.currency,
            total_fee=_fen(f.total_fee) if f.total_fee is not None else None,
            copies=f.copies,
            metrics_targets=dict(f.metrics) or None,
            penalties=penalties,
        )

    # -- obligations
    def obligations(self, c: Contract) -> list[Obligation]:
        f = self.facts
        known = {"effective": c.effective_date, "signing": c.signed_date, "expiry": c.expiry_date}
        out: list[Obligation] = []
        cumulative = Decimal(0)
        raws = _each_anniversary(f.obligations, c)
        for raw in raws:
            amount = raw.amount
            if raw.kind == "payment" and raw.percent is not None and c.total_fee is not None:
                pct = raw.percent - cumulative if raw.cumulative else raw.percent
                if raw.cumulative:
                    cumulative = raw.percent
                else:  # (a share stated with its sum is paid too: "30%，即人民币702,000元", then "支付至60%")
                    cumulative += raw.percent
                if amount is None:
                    amount = c.total_fee * pct
            due = self._resolve(raw, known)
            out.append(Obligation(
                kind=raw.kind,
                party=raw.party,
                title=raw.title,
                due_date=due,
                clause=public_label(raw.label),
                quote=self.quote(raw.start, raw.end),
                trigger=_trigger(raw, c),
                recurrence=raw.recurrence,
                amount=_fen(amount) if amount is not None else None,
                currency=(raw.currency or c.currency or "CNY") if raw.kind == "payment" else None,
                metrics=dict(c.metrics_targets) if raw.kind == "evaluation_report" and c.metrics_targets else None,
                span=Span(*self.norm.original_span(raw.start, raw.end)),
            ))
        self._fill_remainder(c, out, raws)
        out.extend(self._derived(c))
        return out

    def _fill_remainder(self, c: Contract, out: list[Obligation], raws: list[RawObligation]) -> None:
        """The one payment of the remainder without a sum of its own takes the total less the others'."""
        pays = [i for i, o in enumerate(out) if o.kind == "payment"]
        bare = [i for i in pays if out[i].amount is None
                and is_remainder(self.norm.text[raws[i].start:raws[i].end], self.norm.language)]
        if len(bare) != 1 or any(out[i].recurrence or (out[i].currency or c.currency) != c.currency for i in pays):
            return
        left = remainder(c.total_fee, [out[i].amount for i in pays if i != bare[0]])
        if left is not None:
            out[bare[0]] = replace(out[bare[0]], amount=_fen(left))

    def _resolve(self, raw: RawObligation, known: dict[str, date | None]) -> date | None:
        if raw.fixed_date:
            return raw.fixed_date
        if raw.recurrence:
            start = known["effective"]
            if raw.series_start:  # the text states where the series starts
                start = _series_start(known.get(raw.series_start[0]), raw.series_start[1])
            if start and raw.series_offset:  # the Nth quarter / month of the term
                start = add_duration(start, raw.series_offset)
            if start and raw.series_after:  # "starting on the first Friday after the Effective Date"
                start = start + timedelta(days=1)
            if raw.series_from and (start is None or raw.series_from > start):
                start = raw.series_from  # "自2026年5月起": the series' first month is written out
            try:
                # a series has no DTSTART: its first occurrence is the first day that matches, so
                # "every second Friday" from a Saturday is the next Friday, not the one a week later
                return first_occurrence(re.sub(r";INTERVAL=\d+", "", raw.recurrence), start, cal=self.cal) if start else None
            except (OverflowError, ValueError):  # effective 9999-12-31: no next month
                self.warn("unparsed_date", raw.label, raw.start, raw.end, f"no occurrence after {start}")
                return None
        if (raw.event or raw.anchor_date) and raw.offset:
            base = raw.anchor_date or known.get(raw.event or "")
            if base is None:
                return None
            try:
                due, guessed = deadline(base, raw.offset, business_days=raw.business_days,
                                        roll=raw.kind in PERFORMANCE_KINDS, cal=self.cal)
            except (OverflowError, ValueError):  # "生效之日起99999999999个工作日内": beyond year 9999
                self.warn("unparsed_date", raw.label, raw.start, raw.end, f"{raw.offset} after {raw.event} is beyond year 9999")
                return None
            if guessed:
                years = uncovered_years(self.cal.basis(base, due)) or [due.year]
                self.warn("calendar_out_of_range", raw.label, raw.start, raw.end, import_hint(self.cal.code, years[0]))
            return due
        return None

    def _derived(self, c: Contract) -> list[Obligation]:
        """The term's obligations, each with the trigger that produces it. They exist whenever the
        contract states the period, dated or not: a framework agreement whose signing date is
        blank still has an expiry, a renewal window and a confidentiality end (due date null)."""
        f = self.facts
        out = []
        titles = _DERIVED_TITLES["en" if self.norm.language == "en" else "zh"]
        term_known = c.term is not None and not f.term_from_event
        if f.term_span and (c.expiry_date or term_known):
            label, a, b = public_label(f.term_span[0]), f.term_span[1], f.term_span[2]
            trig = Trigger("effective", c.term) if c.term and not f.end_date and not f.term_from_event else None
            out.append(Obligation("contract_expiry", "both", titles[0], c.expiry_date, label,
                                  self.quote(a, b), trigger=trig))
        if f.renewal_span and c.renewal_notice:
            label, a, b = public_label(f.renewal_span[0]), f.renewal_span[1], f.renewal_span[2]
            out.append(Obligation("renewal_notice", "both", titles[1], c.renewal_notice_deadline, label,
                                  self.quote(a, b), trigger=Trigger("expiry", "-" + c.renewal_notice)))
        if f.confidentiality_span and c.confidentiality_term:
            label, a, b = public_label(f.confidentiality_span[0]), f.confidentiality_span[1], f.confidentiality_span[2]
            out.append(Obligation("confidentiality_expiry", "both", titles[2], c.confidentiality_expiry, label,
                                  self.quote(a, b), trigger=Trigger("expiry", c.confidentiality_term)))
        return out

    def _occurrences(self, o: Obligation, c: Contract, last: date | None = None) -> int | None:
        """How many times a payment falls due within the term: 1, or a series' occurrences from its
        first due date to the expiry date, or to its stated last instalment, ``last`` (which a fee
        billed in arrears puts after the expiry, as one paid for the month before does, and a fee for
        a named period before it); None when a series has no known end."""
        if not o.recurrence:
            return 1
        if last is None and c.expiry_date and o.due_date and _IN_ARREARS.search(o.quote):
            try:  # the term's last period is paid at the first occurrence after it
                last = first_occurrence(o.recurrence, c.expiry_date + timedelta(days=1), cal=self.cal)
            except (OverflowError, ValueError):
                last = None
        until = last or c.expiry_date  # (a series' own stated end, before the term's or after it, wins)
        if o.due_date is None or until is None:
            return None
        try:
            return sum(1 for _ in iter_occurrences(o.recurrence, o.due_date, until=until, cal=self.cal))
        except (OverflowError, ValueError):
            return None

    # -- warnings
    def collect_warnings(self, c: Contract, obligations: list[Obligation]) -> list[Warning]:
        text = self.norm.text
        f = self.facts
        for m in _BLANK.finditer(text):
            self.warn("unfilled_blank", self.clauses.label_at(m.start()), m.start(), m.end())
        covered: list[tuple[int, int]] = []
        for m in _sig_blanks(text):
            if _SIGNED.search(text, m.start("line"), min(len(text), m.end("line") + 12)):
                covered.append(m.span("line"))
                continue  # "By: ____(signed)____": signed, no blank
            label = self.clauses.label_at(m.start())
            self.warn("unfilled_blank", label, m.start(), m.end())
            covered.append(m.span("line"))
        starts = [a for a, _ in covered]  # signature blanks come in text order: bisect, never a scan
        for m in _INLINE_BLANK.finditer(text) if "___" in text else ():  # "违约金人民币____元"
            i = bisect_right(starts, m.start("line")) - 1
            if i >= 0 and m.start("line") < covered[i][1]:
                continue
            if _SIGNED.search(text, max(0, m.start("line") - 12), m.start("line")):
                continue  # the other half of "____(signed)____"
            self.warn("unfilled_blank", self.clauses.label_at(m.start()), m.start(), m.end())
        for hit in find_dates(self.masked.text):
            if hit.value is None:  # "2025年2月30日": looks like a date, is none
                self.warn("unparsed_date", self.clauses.label_at(hit.start), hit.start, hit.end,
                          "not a valid calendar date")
        if f.perpetual_confidentiality and f.confidentiality_span:
            label, a, b = public_label(f.confidentiality_span[0]), f.confidentiality_span[1], f.confidentiality_span[2]
            self.warn("perpetual_confidentiality", label, a, b)
        for w in f.warnings:
            self.add_warning(w)
        payments = [o for o in obligations if o.kind == "payment"]
        lasts = {(r.label, r.recurrence): r.series_until for r in f.obligations if r.series_until}
        counts = [self._occurrences(o, c, lasts.get((o.clause, o.recurrence)))  # once per period
                  for o in payments]
        if c.total_fee is not None and payments and all(o.amount is not None for o in payments) and None not in counts \
                and not _AMENDMENT_DOC.search(text[:200]):  # an amendment lists only the instalments it changes
            total = sum((o.amount * n for o, n in zip(payments, counts, strict=True) if o.amount is not None and n is not None),
                        start=to_fen(c.total_fee) * 0)
            if total != c.total_fee and (f.total_fee_was is None or total != c.total_fee - f.total_fee_was):
                pay = next(r for r in f.obligations if r.kind == "payment")
                self.warn("amount_mismatch", pay.label, pay.start, pay.end,
                          f"instalments add up to {total}, total fee is {c.total_fee}")
        if not any(w.code == "unfilled_blank" for w in self.warnings):
            first = self.clauses.labelled()
            a, b = (first[0].start, min(first[0].end, first[0].start + 20)) if first else (0, min(len(text), 20))
            if c.expiry_date is None and c.term is None:
                self.warn("missing_field", None, a, b, "no contract term or end date found")
            if c.provider is None or c.client is None:
                self.warn("missing_field", None, a, b, "parties (provider/client) not identified")
        return self.warnings

    def add_warning(self, w: RawWarning) -> None:
        self.warn(w.code, w.label, w.start, w.end, w.message)


def _each_anniversary(raws: list[RawObligation], c: Contract) -> list[RawObligation]:
    """A duty due "on each anniversary of the Effective Date" (offset P1Y) is one duty per anniversary
    before the term ends (effective + P1Y, + P2Y …: each instalment is its own payment); one due a
    period after the start of each contract year ("每个服务年度开始之日起30日内", offset P30D) is one per
    year of the term (+ P30D, + P1Y30D …). With no end known, a yearly series."""
    out: list[RawObligation] = []
    for raw in raws:
        if not raw.anniversaries:
            out.append(raw)
            continue
        start, end = raw.anchor_date or c.effective_date, raw.series_until or c.expiry_date  # a named period's years
        each = raw.offset or "P1Y"
        first = 1 if each == "P1Y" else 0  # the anniversaries, or every year from the first
        if start is None or end is None:
            day = add_duration(start, f"P{first}Y" if first else each) if start else None
            rule = f"FREQ=YEARLY;BYMONTH={day.month};BYMONTHDAY={day.day}" if day else None
            out.append(replace(raw, anniversaries=False, event=None if rule else raw.event, offset=None if rule else raw.offset,
                               recurrence=rule, series_from=start + timedelta(days=1) if start else None))
            continue
        for k in range(first, 101):
            if add_duration(start, f"P{k}Y") >= end:
                break
            offset = f"P{k}Y" if first else (each if k == 0 else f"P{k}Y{each[1:]}")
            label = f"anniversary {k}" if first else f"year {k + 1}"
            out.append(replace(raw, anniversaries=False, offset=offset, series_until=None, title=f"{raw.title} ({label})"))
    return out


def _trigger(raw: RawObligation, c: Contract) -> Trigger | None:
    """The event a deadline counts from; one counted from a written date that is the effective date
    ("within 15 days after the Subscription Start Date", that field dating the start) counts from it."""
    if raw.event:
        return Trigger(raw.event, raw.offset or "P0D", raw.business_days)
    if raw.anchor_date is not None and raw.offset and raw.anchor_date == c.effective_date:
        return Trigger("effective", raw.offset, raw.business_days)
    return None
