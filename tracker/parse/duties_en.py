"""The English obligation detector: sentence → actor + duty + time + kind (+ amount).

Works on every sentence unit, whatever its clause number or article title:

- a sentence is a duty when it has a modal ("shall", "must", "will", "payable"…), a time
  expression (the time layer, ``timex``, through ``timex_duty_en``) and an action whose kind ``lexicon_en.KINDS`` knows; duties that wait
  on something that may never happen (cure periods, incident notices, service credits, survival,
  disputes, deemed acceptance: ``lexicon_en.CONTINGENT``) are not obligations;
- payment schedules: the items of a lead-in ("Payment milestones, each payable within thirty (30)
  days after Client's receipt of Vendor's invoice:" + "(a) 30% … invoiced on signature") and the
  rows of a fee table (the header gives the amount column's currency and the timing column) are
  one instalment each. An instalment "invoiced on X" is due by the payment terms (the lead-in's
  period, else the contract's "pay each invoice within N days" / "Net N"); the payment-terms
  sentence itself is then no obligation of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tracker.parse.common import BaseCtx, RawObligation, Unit
from tracker.parse.duty_parts_en import (
    DELIVERABLE_LEAD,
    duty_parts,
    in_deliverables_section,
    milestone_side,
    opens_milestone,
)
from tracker.parse.duty_tables_en import ITEM_ID, earlier_item_time
from tracker.parse.lexicon_en import (
    AMOUNT_HEADER,
    BOTH_SUBJECTS,
    CLIENT_NOT_DATA,
    CONTINGENT,
    DEFINITION,
    HAND_OVER,
    INVOICE_VERB,
    INVOICED,
    KINDS_RX,
    MODAL,
    PAYMENT_TERMS,
    PRESENT_DUTY,
    REPORT,
    RIGHT,
    TOTAL_ROW,
)
from tracker.parse.money_text import FIG, MoneyHit, find_money
from tracker.parse.parties_en import role_of
from tracker.parse.rx_literals import gated
from tracker.parse.rx_prefilter import guard
from tracker.parse.series_en import named_period, pays_next_month, series_from
from tracker.parse.tables_space import tab_row
from tracker.parse.timex_duty_en import TimeExpr, find_time
from tracker.parse.timex_scan import DUR_EN, en_duration, weeks_as_days
from tracker.periods import add_months
from tracker.record import record

TITLES = {"data_delivery": "Training data delivery", "model_delivery": "Model delivery", "evaluation_report": "Evaluation report",
          "progress_report": "Progress report", "payment": "Payment", "other": "Other obligation"}
_DUTY = gated(guard(rf"{MODAL}|payable|instal(?:l)?ment|\bbalance\b|\bpayment\b|\bpaid\b|\bdue\b", re.I), re.I)
_SUBJECT = re.compile(r"(?P<subj>(?:\b[A-Z][\w-]*\s+){0,3}?[A-Z][\w-]*|Party\s+[AB])\s+(?:shall|must|will|agrees\s+to|undertakes\s+to"
                      rf"|{PRESENT_DUTY})\b")
#: the face of an order or a SOW: "Payment Terms: 30% within thirty (30) days after …; 70% Net 60 …"
#: "| Instalment 1 | USD …, due …", a cover table's "| Implementation Fee | USD 12,000.00, payable within …"
_PAY_ROW = re.compile(r"[ \t|*]*[^|:\n]{0,30}\b(?:(?:[Ii]nstal(?:l)?ment|[Pp]ayment)\s+\d{1,2}\b[^|:\n]{0,20}[|:]|(?:[Ff]ees?|[Cc]harges?)[ \t*]*[|:])")
_PAY_FIELD = re.compile(r"[ \t*•-]*(?:Payment\s+(?:Terms|Schedule)|PAYMENT\s+TERMS|Fees\s+and\s+Payment)[ \t*]*:")
#: a definition sentence after a duty's sentence in one paragraph: its words are no part of the duty
_NEXT_DEFINITION = re.compile(r"\.\s+[\"“][A-Z][^\"”\n]{0,40}[\"”]\s+(?:means|shall\s+mean|refers\s+to|has\s+the\s+meaning)")
_PAY_CONTEXT = gated(guard(r"\bpay|\bpaid\b|payable|instal|\bfees?\b", re.I), re.I)
_CONTINGENT = gated(guard("|".join(f"(?:{c})" for c in CONTINGENT), re.I), re.I)
_TERMS = gated(PAYMENT_TERMS, re.I)
_RIGHT = gated(RIGHT, re.I)
_MODAL = gated(MODAL, re.I)
_DEFINITION = re.compile(DEFINITION)
_BOTH = re.compile(rf"\s*(?:{BOTH_SUBJECTS})(?:['’]s?(?:\s+[\w-]+){{1,3}}|\s+(?:of|consisting\s+of|composed\s+of)\s+[^,.;]{{0,60}}?)?"
                   r"\s+(?:shall|must|will)\b", re.I)  # "The Parties' project leads shall hold…"
_HAND_OVER = re.compile(HAND_OVER, re.I)
_PAPER = re.compile(CLIENT_NOT_DATA, re.I)
_AMOUNT_HEADER = re.compile(guard(AMOUNT_HEADER, re.I), re.I)
_TOTAL_ROW = re.compile(TOTAL_ROW, re.I)
_INVOICED = re.compile(INVOICED, re.I)
_FIGURE = re.compile(rf"\**\s*(?:RMB|CNY|USD|¥|\$)?\s*(?:{FIG})\s*\**")
_INVOICE_VERB, _PAYS = re.compile(INVOICE_VERB, re.I), re.compile(r"\bpay\b", re.I)  # (one who invoices and one who pays)
_REPORT = re.compile(REPORT, re.I)
#: (or "Each invoice is payable within thirty (30) days after the Client receives it")
_TERMS_REL = re.compile(guard(rf"{DUR_EN}\s+(?:after|following|from|of|upon)\s+(?:the\s+)?(?:\w+'s\s+)?(?:receipt|receiving|the\s+invoice|invoice"
                              r"|[A-Z]\w+\s+receives\s+(?:it|them|the\s+invoice)\b)", re.I), re.I)
_ITEM = re.compile(r"\s*(?:[•·\-*]\s+)?(?:\(\s*(?:[a-z]|[ivx]{1,4}|\d{1,2})\s*\)|[a-z]\.|\d{1,2}\.|[•·\-*])\s*$", re.I)  # ("- (b) ")
_TABLE_SEP = re.compile(r"[|+]?\s*:?[-=]{2,}:?\s*(?:[|+]\s*:?[-=]{2,}:?\s*)*[|+]?\s*$")  # (and a grid's "+----+----+")


@record(frozen=True)
class Terms:
    """How long the client has to pay an invoice: the contract's payment terms."""

    offset: str
    business_days: bool


def kind_of(action: str, payment_context: bool) -> str | None:
    for kind, rx in KINDS_RX:
        if rx.search(action):
            return kind
    if payment_context and find_money(action):
        return "payment"
    return None


def party_of(ctx: BaseCtx, sentence: str, kind: str) -> str:
    if _BOTH.match(sentence):
        return "both"
    m = _SUBJECT.search(_RELATIVE_AFTER.sub(lambda r: " " * len(r.group()), sentence))  # (not a relative clause's)
    if m:
        subj = m.group("subj")
        side = re.search(r"Party\s+[AB]", subj)
        role = ctx.roles.get("Party " + side.group(0)[-1]) if side else \
            role_of(subj) or ctx.roles.get(re.sub(r"^the\s+", "", subj, flags=re.I))  # "The Company", defined
        if role:
            return role
    if (we := _LETTER_SUBJECT.search(sentence)) is not None and (role := ctx.roles.get(we.group(1).capitalize())):
        return role  # a letter's "…, we will return all data you have provided": the side the pronoun names
    return "client" if kind in ("payment", "data_delivery") else "provider"


#: the party a list item names as its actor: "to be provided by the Customer", "delivered by the Service Provider"
_BY_AGENT = re.compile(r"\b(?:provided|delivered|supplied|submitted|performed|prepared|made\s+available)\s+by\s+(?:the\s+)?"
                       r"([A-Z][\w]*(?:\s+[A-Z][\w]*)?)")
#: an SOW item's subject in the present tense: "**Training data.** Client delivers twelve months of …"
_PRESENT_SUBJECT = re.compile(rf"(?:^|[.:]\s+)(?:the\s+)?(?P<subj>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+(?:{PRESENT_DUTY})\b")
_LETTER_SUBJECT = re.compile(r"\b(we|you)\s+(?:will|shall|must|agree\s+to)\b", re.I)


def _terms_of(s: str) -> Terms | None:
    m = _TERMS_REL.search(s)
    if m:
        got = en_duration(m)
        if got:
            return Terms(weeks_as_days(got.iso()), got.business)
    t = find_time(s)
    if t and t.event == "invoice" and t.offset:
        return Terms(t.offset, t.business_days)
    return None


#: "…within ten (10) Business Days after delivery; a deliverable not rejected within that period is deemed accepted"
_DEEMED_AFTER = re.compile(r"[ \t]*;[^.;\n]{0,80}?\bdeemed\s+(?:to\s+have\s+been\s+)?(?:accepted|approved)\b", re.I)


#: a sum stated per period or per item: "EGP 180,000 per quarter", "USD 5,000 each"
_PER_PERIOD = re.compile(r"\bper\s+(?:calendar\s+)?(?:quarter|month|year|annum|instal+ment|milestone)\b|\beach\b", re.I)


#: the complement of an anchor event, right after the time words ("acceptance of Go-Live")
_ANCHOR_OF = re.compile(r"^\s*of\s+[^.;,]*")


def _deemed_after(text: str, end: int) -> bool:
    """The sentence goes on, after a semicolon, to deem the thing accepted: a review window, no duty."""
    return text.startswith(";", end) and _DEEMED_AFTER.match(text, end) is not None


def _is_item(ctx: BaseCtx, u: Unit) -> bool:
    line_start = ctx.text.rfind("\n", 0, u.start) + 1
    return bool(_ITEM.match(ctx.text[line_start:u.start])) or bool(re.match(r"\s*\(\s*(?:[a-z]|[ivx]{1,4})\s*\)", ctx.text[line_start:u.end]))


def _below(lead: str | None, label: str | None, same: bool = False) -> bool:
    """``label`` is a sub-clause of the lead-in's clause ``lead`` (or, with ``same``, that clause itself)."""
    if not lead or not label:
        return False
    return (same and label == lead) or label.startswith(lead + ".")


def _is_lead_in(ctx: BaseCtx, u: Unit) -> bool:
    return ctx.text[u.end:u.end + 3].lstrip(" \t").startswith(":")


def detect(ctx: BaseCtx, payment: Callable[[Unit, str, RawObligation], None],
           read: list[tuple[int, int]] | None = None) -> list[RawObligation]:
    """Every obligation the sentences of the contract state (``payment`` fills in amounts). The
    sentences read for another's sake (a lead-in, the payment terms) are added to ``read``."""
    from tracker.parse.fee_tables_en import (  # (they use this module's names)
        _row_obligation,
        _space_row,
        _table_row,
        bare_pipe_row,
    )
    from tracker.parse.flat_tables_en import flat_table_duties
    from tracker.parse.inline_items_en import inline_items
    from tracker.parse.month_fees_en import month_fees

    used: list[tuple[int, int]] = []
    contract_terms: Terms | None = None
    for u in ctx.units:
        s = ctx.unit_text(u)
        if _TERMS.search(s) and (found := _terms_of(s)):
            contract_terms = found
            used.append((u.start, u.end))
            break
    pay_labels = {u.label for u in ctx.units if u.label and _PAY_CONTEXT.search(ctx.unit_text(u))}
    out: list[RawObligation] = []
    terms_sentences: list[RawObligation] = []
    instalments = 0
    lead: tuple[str | None, TimeExpr | None, Terms | None] | None = None
    lead_duty: str | None = None  # the lead-in's words when it states a duty its items complete
    lead_invoices = False  # the lead-in invoices its items: "The Provider may invoice each milestone once it is achieved:"
    lead_each: MoneyHit | None = None  # the sum the lead-in says each of its items pays
    tables: dict[str, list[str]] = {}
    row_ids: dict[str, str] = {}  # a duty table's row ids ("M2") → their kinds
    flat, flat_lines = flat_table_duties(ctx)  # a table a PDF ran together: "M2 Trained Model Vendor 15 Jan 2027"
    out += flat
    units, tails = inline_items(ctx)  # ("(b) RMB 180,000 for M1, (c) RMB 420,000 for M2": two units)
    for u in units:
        if u.start in flat_lines:
            continue
        pay_field = bool(_PAY_FIELD.match(ctx.text, ctx.text.rfind("\n", 0, u.start) + 1) or _PAY_ROW.match(ctx.text, u.start))
        if not u.label and not pay_field:
            continue  # outside the clauses, only a field that states the payment schedule counts
        s = ctx.unit_text(u)
        if "\t" in s and (tabbed := tab_row(ctx.text, u.start)) is not None:  # a Word table's row
            rows = _row_obligation(ctx, u, s, *tabbed, lead, contract_terms, row_ids, ruled=True) if tabbed[1] else []
            out += rows
            instalments += sum(r.kind == "payment" for r in rows)
            continue
        if not s.startswith("|") and "|" not in s and "  " in s and (spaced := _space_row(ctx, u)) is not None:
            rows = _row_obligation(ctx, u, s, *spaced, lead, contract_terms, row_ids)
            if rows:
                out += rows
                instalments += sum(r.kind == "payment" for r in rows)
                continue
        if s.startswith("|") or ("|" in s and bare_pipe_row(ctx.text, u.start)):
            rows = _table_row(ctx, u, s, tables, lead, contract_terms, row_ids)
            out += rows
            instalments += sum(r.kind == "payment" for r in rows)
            continue
        if re.fullmatch(r"\s*\d{1,2}\s*", s):
            continue  # the number of a list item "1." (the item's words are the next unit)
        # an item of the lead-in above it: marked "(a)"/"1." or numbered one level below it ("7.2:" + "7.2.1 30% …")
        item = _is_item(ctx, u) or (lead is not None and _below(lead[0], u.label))
        if not item:
            lead = None
        if _is_lead_in(ctx, u):
            t = find_time(s, ctx.text)
            lead = (u.label, t, _terms_of(s) if _PAY_CONTEXT.search(s) else None)
            lead_duty = s if _MODAL.search(s) else None
            lead_invoices = bool(_INVOICE_VERB.search(s))
            # "Quarterly Subscription Fees of EGP 180,000 per quarter, payable in advance as follows:": each item pays it
            lead_each = each[0] if _PER_PERIOD.search(s) and len(each := find_money(s)) == 1 else None
            used.append((u.start, u.end))
            continue
        in_pay = u.label in pay_labels or pay_field
        # "The Developer shall complete the following Milestones:" + "1. Milestone 1 …: delivered within…":
        # an item of a duty's list is that duty, whatever its own words
        listed = lead_duty if item and lead is not None and _below(lead[0], u.label, True) and not _MODAL.search(s) else None
        if listed is None and not in_pay and not _MODAL.search(s) and (in_deliverables_section(ctx, u.label) or opens_milestone(s)):
            listed = DELIVERABLE_LEAD  # "C1. Data profiling report: no later than 20 November 2026"
        if not _DUTY.search(s) and not in_pay and listed is None:
            continue
        if _CONTINGENT.search(s) or _DEFINITION.match(s) or _deemed_after(ctx.text, u.end) \
                or ((right := _RIGHT.search(s)) and not _MODAL.search(s) and not _RELATIVE_BEFORE.search(s, 0, right.start())):
            continue  # a contingent duty, a definition, a right (not "…, which the Developer may issue once …")
        pay_item = item and lead is not None and _below(lead[0], u.label, True) and bool(find_money(s) or "%" in s or lead_each)
        # "Contractor shall deliver the Model on or before…, and shall deliver a test report within…":
        # each duty of a compound sentence is read on its own (the subject is the sentence's)
        parts = [(0, len(s))] if pay_item else duty_parts(s)
        for a, b in parts:
            part = s[a:b]
            t = find_time(part, ctx.text)
            if pay_item and lead is not None and (t is None or t.bare):
                terms = lead[2] or contract_terms
                if (_INVOICED.search(part) or _INVOICED.search(tails.get(u.start, "")) or lead_invoices) and terms:
                    t = TimeExpr(0, 0, event="invoice", offset=terms.offset, business_days=terms.business_days)
                elif lead[1] is not None:
                    t = lead[1]
            if (t is None or t.bare) and row_ids and (ref := earlier_item_time(part, row_ids)) is not None:
                t = ref  # "within ninety (90) days after completion of M1", M1 an item above
            if t is None:  # "…a Monthly Service Fee of KES 1,700,000 for each of June, July and August 2026": paid on the terms
                out += (fees := month_fees(ctx, u, a, b, part, contract_terms, party_of(ctx, s, "payment"), TITLES["payment"], payment))
                instalments += len(fees)
                continue
            tail = re.sub(r"\buntil\b[^.;,]*", "", part[t.end:])  # "every Monday until the Validation Report…": the series' end
            if t.event:  # "…after the Client's written acceptance of Go-Live": the anchor's complement, not the duty
                tail = _ANCHOR_OF.sub("", tail, count=1)
            # (to the comma: "Every Monday until the end of the Hypercare Period, Supplier will e-mail …")
            if (d := _NEXT_DEFINITION.search(tail)) is not None:
                tail = tail[:d.start() + 1]  # '… after Acceptance. "Acceptance" means … the evaluation report …'
            action = part[:t.start] + " " + tail
            if listed is not None:
                action = listed + " " + action
            if a > 0 and not _MODAL.search(part):  # "…and the Milestone 2 Report on or before…": the first part's verb
                action = s[:parts[0][1]] + " " + action
            kind = "payment" if pay_item or (pay_field and ("%" in part or find_money(part))) else kind_of(action, in_pay)
            invoices = kind == "payment" and not pay_item and bool(_INVOICE_VERB.search(part))
            if invoices and t.recurrence and not _PAYS.search(part):  # "shall invoice each Monthly Service Fee … monthly"
                kind, invoices = "other", False
            if invoices and (t.bare or t.event == "effective") and contract_terms is not None:
                # "Consultant shall invoice the onboarding fee on the Effective Date": paid on the terms
                t = TimeExpr(t.start, t.end, event="invoice", offset=contract_terms.offset,
                             business_days=contract_terms.business_days)
            if kind is None and listed is not None and not t.bare:
                kind = "other"  # an item of a duty's list, dated, that names no known kind: "Milestone 4 – runbook – due …"
            if kind is None or (t.bare and kind != "payment"):
                continue
            if kind == "other" and t.recurrence and _REPORT.search(action):
                kind = "progress_report"  # a report due on a schedule is a periodic report
            who = listed + " " + s if listed else (lead_duty or s) if pay_item else s  # an instalment: the lead-in's payer
            party = "client" if invoices else party_of(ctx, who, kind)
            kind = "other" if kind == "progress_report" and party == "both" else kind  # a review the parties hold: a meeting
            if listed is DELIVERABLE_LEAD and (own := _PRESENT_SUBJECT.search(s)) is not None \
                    and (role := role_of(own["subj"]) or ctx.roles.get(own["subj"])):
                party = role  # "Training data. Client delivers …" in a Milestones section: the item's own subject
            if listed is DELIVERABLE_LEAD and (side := milestone_side(s, lambda w: role_of(w) or ctx.roles.get(w))):
                party = side  # "Milestone 2 - Client Acceptance: …": the side the milestone's name names
                action = s[:s.find(":")]  # what its name says it is ("Client Data Delivery"), not the lead's words
                kind = kind_of(action, False) or "other"
            if party == "both" and listed and listed is not DELIVERABLE_LEAD:  # "The parties shall perform the
                # following Milestones:" — each item is one side's: the one it names ("to be provided by the Customer")
                agent = _BY_AGENT.search(part)
                party = (agent and ctx.roles.get(agent.group(1))) or ("client" if kind == "data_delivery" else "provider")
            if kind == "other" and party == "client" and _HAND_OVER.search(action) and not _PAPER.search(action):
                kind = "data_delivery"  # what a client hands over in a training contract is its data
            if (kind == "data_delivery" and party != "client") or (kind == "model_delivery" and party == "client"):
                kind = "other"  # the provider's data, or models the client hands over, are neither side's deliverable
            raw = RawObligation(kind, party, TITLES[kind], u.label, u.start + a, u.start + b, fixed_date=t.fixed_date,
                                event=t.event, offset=t.offset, business_days=t.business_days, recurrence=t.recurrence,
                                anchor_date=t.anchor_date, anniversaries=t.anniversaries)
            raw.series_after = t.series_after
            if t.recurrence and (since := series_from(s, ctx.text)):
                raw.series_from = since  # "Commencing with the Calendar Quarter ending 30 June 2026"
            if t.recurrence and pays_next_month(s, t.recurrence):
                raw.series_offset = "P1M"  # "…on or before the 20th day of the following month"
            if t.recurrence and (period := named_period(s, ctx.text)) and period[1]:  # "for each month of the Labelling
                raw.series_until = add_months(period[1], 1) if raw.series_offset else period[1]  # Period": its last month
            if kind == "payment":
                payment(u, s, raw)
                if pay_item and raw.amount is None and lead_each is not None and not find_money(s):
                    raw.amount, raw.currency = lead_each.value, lead_each.currency
                share = pay_field and (raw.percent is not None or raw.amount is not None)  # "60% Net 45 days"
                if _TERMS.search(s) and not share and (not item or raw.amount is None):  # the terms, not an instalment
                    terms_sentences.append(raw)
                    continue
                instalments += 1
            out.append(raw)
            if (item_id := ITEM_ID.match(s)) is not None and item:
                row_ids.setdefault(item_id["id"], kind)  # (a later item may count from this one: "after completion of M1")
    if not instalments:
        out.extend(terms_sentences)  # "pay each invoice within 30 days" is the only payment duty stated
    if read is not None and instalments:
        read.extend(used)
    return out


# "20% … after the invoice, which Licensor may issue once …": its "may" and its subject are the relative clause's
_RELATIVE_AFTER, _RELATIVE_BEFORE = re.compile(r",\s*(?:which|whom)\b[^,.;]*", re.I), re.compile(r",\s*(?:which|that|whom)\b[^.;,]*$", re.I)


__all__ = ["detect", "kind_of", "party_of"]
