"""Rules for English contracts of the same shape ("Party A"/"Party B", "Article N", "1.1").

Same ``Facts`` as the Chinese rules; only the phrase tables and word order differ.
"""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal

from tracker.parse import openings
from tracker.parse import rx_literals as rxl
from tracker.parse.clauses import Clauses
from tracker.parse.common import BaseCtx, Facts, RawObligation, RawWarning, Unit
from tracker.parse.confidentiality_en import rule_confidentiality
from tracker.parse.duties_en import TITLES, detect
from tracker.parse.fee_tables_en import table_total
from tracker.parse.fees_en import (
    dated_instalments,
    each_instalment,
    labelled_total,
    named_fee_amount,
    named_total,
)
from tracker.parse.lexicon_en import BASES, ROLES, opens_service_only
from tracker.parse.money_text import MoneyHit, find_money
from tracker.parse.normalize import Normalized
from tracker.parse.numerals import NumeralError, en_int, rate
from tracker.parse.paragraphs import fields_view
from tracker.parse.parties_en import bare_fields, defined_parties, field_aliases, letter_parties
from tracker.parse.penalties_en import RATE_RX, _rate, rule_penalties
from tracker.parse.rule_driver import run
from tracker.parse.rx_literals import Gated, gated
from tracker.parse.rx_prefilter import guard
from tracker.parse.title_en import rule_title
from tracker.record import replace

PROVIDER_WORDS = tuple(w for w, role in ROLES if role == "provider")
CLIENT_WORDS = tuple(w for w, role in ROLES if role == "client")
PARTY = r"Party\s+[AB]"


BASIS_WORDS = BASES
INSTALMENT_TITLE = re.compile(guard(
    r"(?:first|second|third|fourth|fifth|final|last)\s+instal(?:l)?ment|advance\s+payment|down\s+payment|balance|retention(?:\s+money)?",
    re.I), re.I)


def _role_word(text: str) -> str | None:
    low = text.lower()
    for w in PROVIDER_WORDS:
        if w in low:
            return "provider"
    for w in CLIENT_WORDS:
        if w in low:
            return "client"
    return None


class Ctx(BaseCtx):
    def __init__(self, norm: Normalized, clauses: Clauses, units: list[Unit]) -> None:
        super().__init__(norm, clauses, units)
        self.defined: dict[str, tuple[int, int]] = {}  # role → span of the name it defines


def _side(word: str) -> str:
    return "Party " + word.strip()[-1].upper()


def rule_roles(ctx: Ctx) -> None:
    head = ctx.text[:4000]
    for m in rxl.finditer(rf"({PARTY})\s*\(([^()\n]{{1,60}})\)", head):
        role = _role_word(m.group(2))
        side = _side(m.group(1))
        if role and side not in ctx.roles:
            ctx.roles[side] = role
    for m in rxl.finditer(rf"(Service\s+Provider|Provider|Client|Customer|Contractor|Supplier)\s*\(\s*({PARTY})\s*\)", head, re.I):
        role = _role_word(m.group(1))
        side = _side(m.group(2))
        if role and side not in ctx.roles:
            ctx.roles[side] = role
    if len(ctx.roles) == 1:
        (side, role), = ctx.roles.items()
        ctx.roles["Party B" if side == "Party A" else "Party A"] = "client" if role == "provider" else "provider"
    unknown: list[re.Match[str]] = []
    for m in _DEFINED_PARTY.finditer(head):  # (1) ACME LTD, a company … (the "Customer")
        role = _role_word(m.group("role"))
        if rxl.search(r"\bbetween\b|\*\*|\bmade\b", m.group("name")):
            continue  # "This agreement is made between **X** (the "Client")…": a preamble sentence, read below
        if role is None and _COMPANY_NAME.search(m.group("name")):
            unknown.append(m)  # (the "Bank"): a name the lexicon does not know
        if role and role not in ctx.defined:
            ctx.defined[role] = (m.start("name"), m.end("name"))
            ctx.roles[m.group("role").strip()] = role
            if m.group("side"):
                ctx.roles.setdefault(_side(m.group("side")), role)
    if len(ctx.defined) == 1 and len(unknown) == 1:  # "X Co., Ltd. … (the "Bank")" beside "(the "Supplier")"
        other = "client" if "provider" in ctx.defined else "provider"
        ctx.defined[other] = (unknown[0].start("name"), unknown[0].end("name"))
        ctx.roles[unknown[0].group("role").strip()] = other
    aliases: dict[str, str] = {}
    for role, span in defined_parties(ctx.text, 0, min(len(ctx.text), 4000), aliases).items():  # "made between **X**, … ("**Customer**")"
        ctx.defined.setdefault(role, span)
    for word, role in [*aliases.items(), *field_aliases(ctx.text, min(len(ctx.text), 4000)).items()]:  # ("the Company")
        ctx.roles.setdefault(word, role)
    if "provider" not in ctx.defined or "client" not in ctx.defined:  # a letter between "we" and "you"
        spans, words = letter_parties(ctx.text, min(len(ctx.text), 4000))
        for role, span in spans.items():
            ctx.defined.setdefault(role, span)
        for word, role in words.items():
            ctx.roles.setdefault(word, role)


_DEFINED_PARTY = re.compile(
    r"(?m:^)(?![ \t]{6})[ \t]*(?:\(\d\)|\d\.|[A-Z]\.|[-*•])?[ \t]*(?:(?P<side>Party\s+[AB])\s*:\s*)?(?:[A-Z][A-Za-z ]{1,30}:\s*)?(?P<name>[A-Z][^,\n(:]{2,80}?(?:\([A-Za-z]+\)[^,\n(:]{0,20})?"
    r"(?:,\s*(?:Ltd|LTD|Limited|LIMITED|Inc|INC|LLC|Co|CO|PLC|plc|GmbH|AG|S\.A)\.?)*)(?:\s*\([^()\n]{1,60}\))?"
    r",(?!\s*(?:Ltd|LTD|Limited|LIMITED|Inc|INC|LLC|PLC|plc|GmbH)\b)"  # "X Co., Ltd.": the legal form is the name's
    r"[^\n]{0,300}?\((?:(?:the|hereinafter(?:\s+referred\s+to\s+as)?(?:\s+the)?)\s+)?[\"“”']?(?P<role>[A-Za-z ]{3,30}?)[\"“”']?\)"
)


_FORMS = r"(?:Ltd|LTD|Limited|LIMITED|Inc|INC|LLC|Co|CO|Corp|Corporation|PLC|plc|GmbH|AG|S\.A)"
_COMPANY_NAME = re.compile(rf"\b{_FORMS}\b")
_COMPANY_THEN_MORE = re.compile(rf"(?P<name>.+?\b{_FORMS}\.?),(?!\s*{_FORMS}\b).+$")


def rule_parties(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    facts.provider = ctx.defined.get("provider")
    facts.client = ctx.defined.get("client")
    if facts.provider and facts.client:
        return facts
    rx = re.compile(r"(?:^|(?<=\n))[ \t\-*]*(?P<label>[^\n:]{0,60}?)\s*:\s*(?P<name>[^\n]{3,120})")
    first = ctx.clauses.labelled()
    body_start = first[0].start if first else len(ctx.text)
    for region in ((0, body_start), (body_start, len(ctx.text))):
        for m in rx.finditer(ctx.text, *region):
            label = m.group("label")
            if region[0] == 0 and rxl.search(r"agreement no", label, re.I):
                continue
            if rxl.search(r"address|date|representative|signature|tel|phone", label, re.I):
                continue
            side_m = rxl.search(PARTY, label)
            role = ctx.roles.get(_side(side_m.group(0))) if side_m else _role_word(label)
            if role is None or (not side_m and (len(label) > 25 or len(label.split()) > 4)) or rxl.search(r"\b(?:shall|will|must|may)\b", label):
                continue  # "Customer shall deliver not less than the following:" is no label
            name = re.split(r"\s+(?:Registered\s+address|Address|Legal\s+representative|Tel|Telephone|Contact)\b|\s+[—–]\s+|\s{2,}|\s+\((?![\w .&-]{2,30}\)\s+[A-Z])", m.group("name"), maxsplit=1, flags=re.I)[0].rstrip(" ;,")
            if "_" in name or "[" in name:
                continue
            formed = _COMPANY_THEN_MORE.match(name)  # "ACME Co., Ltd., 18 Mawan Avenue, …": the address is no name
            name = formed.group("name") if formed else name
            if not formed and re.search(r",[^,]*\d", name):  # "… Borough Council, Town Hall, Market Street, CB1 1AA"
                name = name.split(",", 1)[0]
            span = (m.start("name"), m.start("name") + len(name))
            if role == "provider" and facts.provider is None:
                facts.provider = span
            elif role == "client" and facts.client is None:
                facts.client = span
    for role, span in bare_fields(ctx.text, 0, body_start).items() if not (facts.provider and facts.client) else ():
        setattr(facts, role, getattr(facts, role) or span)  # "Vendor Shenzhen … Co., Ltd." (a form's field, no colon)
    return facts


def rule_dates(ctx: Ctx, seen: Facts) -> Facts:
    """Signing, effective date, term, end date and renewal notice: ``facts_en`` (by priority,
    never a recital's or a filing stamp's date)."""
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    from tracker.parse import facts_en  # lazy, as it always was

    got = facts_en.extract(ctx.text)
    facts.signed_date = got.signed_date
    facts.effective_date = got.effective_date
    facts.effective_on_signing = got.effective_on_signing
    facts.effective_unknown = got.effective_unknown
    facts.term = got.term
    facts.term_from_event = got.term_from_event
    facts.end_date, facts.range_start = got.end_date, got.range_start
    if got.term_at:
        facts.term_span = (ctx.clauses.label_at(got.term_at[0]), *got.term_at)
    facts.renewal_notice = got.renewal_notice
    if got.renewal_at:
        facts.renewal_span = (ctx.clauses.label_at(got.renewal_at[0]), *got.renewal_at)
    return facts


def rule_fee(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    if (hit := _total_after(ctx, _TOTAL_LEAD)) is not None:
        facts.total_fee, facts.currency = hit.value, hit.currency
        return facts
    low = ctx.text.lower()  # (each pattern below is tried only where its words are: a megabyte without them costs nothing)
    for m in _TOTAL_CHANGED.finditer(ctx.text) if "total" in low and any(w in low for w in _CHANGE_WORDS) else ():
        # "The total Contract Price … is increased from RMB 1.2m to RMB 1.58m"
        if (pair := _from_to(ctx.text, m.end())) is not None:
            facts.total_fee, facts.currency = pair[1].value, pair[1].currency
            return facts
    if "this" in low and ("fee" in low or "price" in low) and (hit := _total_after(ctx, _THIS_FEES)) is not None:
        facts.total_fee, facts.currency = _amended_fee(ctx.text, hit)  # "The fixed fees for this SOW are RMB 960,000"
        return facts
    if "fixed" in low and (hit := _total_after(ctx, _FIXED_FEE)) is not None:
        facts.total_fee, facts.currency = hit.value, hit.currency  # "Our fixed professional fee is RMB 360,000"
        return facts
    if "in total" in low and (hit := _total_after(ctx, _SUM_IN_TOTAL)) is not None:
        facts.total_fee, facts.currency = hit.value, hit.currency  # "The Fees are RMB 900,000 in total"
        return facts
    if ("total" in low or "aggregate" in low) and (hit := _total_after(ctx, _IN_TOTAL)) is not None:
        facts.total_fee, facts.currency = hit.value, hit.currency  # "…, in total USD 1,860,000 (the "Committed Fees")"
        return facts
    total = table_total(ctx)  # "| **Total Fees for the Initial Term** | **540,000.00** |"
    if total:
        facts.total_fee, facts.currency = total
        return facts
    hit = labelled_total(ctx.text)  # "**Order Fees:** US$300,000.00"
    if hit:
        facts.total_fee, facts.currency = hit.value, hit.currency
    return facts


def _total_after(ctx: Ctx, lead: Gated | re.Pattern[str]) -> MoneyHit | None:
    """The first sum written right after a match of ``lead`` (at most 3 characters on), outside the recitals."""
    for m in lead.finditer(ctx.text):
        hits = find_money(ctx.text, m.end(), m.end() + 40)
        if hits and hits[0].start - m.end() <= 3 and not _in_recitals(ctx, m.start()):
            return hits[0]
    return None


def _from_to(text: str, at: int) -> tuple[MoneyHit, MoneyHit] | None:
    """The two sums of "RMB A to RMB B" written at ``text[at:]`` (after "increased from")."""
    money = find_money(text, at, at + 80)
    if len(money) >= 2 and money[0].start - at <= 3 and re.match(r"\s*to\s*$", text[money[0].end:money[1].start]):
        return money[0], money[1]
    return None


_TOTAL_LEAD = gated(
    r"(?:(?:total|aggregate)\s+(?:service\s+|research\s+|project\s+|licen[cs]e\s+|subscription\s+)?(?:fees?|charges?|price|contract\s+(?:price|value)|amount|contract\s+sum|funding)"
    r"(?:\s+(?:for|under)\s+(?:this\s+|the\s+)?[A-Z]\w*(?:\s+(?:No\.\s*)?\d+)?)?[^.;\d]{0,60}?|contract\s+(?:price|sum|amount|value)\s+)"
    r"(?:\b(?:is|are|of|shall\s+be|amounts?\s+to)\b(?:\s+(?:therefore|accordingly|thus))?|:)\s*"
    r"|\b(?:order|contract|agreement|project|sow)\s+total\s+(?:is|of|shall\s+be|amounts?\s+to|:)\s*"
    r"|\bfixed\s+(?:price|fee)\s*:\s*"  # "## 6. Fees (fixed price: EUR 186,000.00, excl. VAT)"
    r"|[\"“](?:contract\s+(?:price|sum|value)|total\s+(?:fees?|price))[\"”]\s+(?:shall\s+)?means?\s+", re.I)  # a defined price
_THIS_FEES = re.compile(r"\b(?:the\s+|our\s+)?(?:(?:fixed\s+|total\s+)?(?:fees?|price)\s+(?:for|under)\s+this\s+"
                        r"(?:SOW|Statement\s+of\s+Work|Agreement|Order(?:\s+Form)?|Work\s+Order|Contract|engagement|project)"
                        r"|(?:SOW|Order|Project|Engagement)\s+(?:fees?|price))\s+"  # "The SOW Fees are USD 480,000.00"
                        r"(?:is|are|shall\s+be|amounts?\s+to|total(?:s|ling)?)(?:\s+(?:fixed|set|agreed)\s+at)?\s+", re.I)
#: the words of a changed sum: "increased from A to B"
_CHANGE_WORDS = ("increased", "decreased", "reduced", "changed", "amended", "adjusted")
_INCREASED = re.compile(rf"\b(?:{'|'.join(_CHANGE_WORDS)})\s+from\s+", re.I)
_TOTAL_CHANGED = re.compile(rf"\btotal\s+(?:contract\s+)?(?:price|fees?|amount|contract\s+sum)\b[^.;\n]{{0,60}}?{_INCREASED.pattern}", re.I)


def _amended_fee(text: str, hit: MoneyHit) -> tuple[Decimal, str | None]:
    """The total as a later change states it ("The SOW Fees are increased from RMB 960,000 to RMB
    1,080,000"): the new amount when the old one is the total read, else the total read."""
    for m in _INCREASED.finditer(text, hit.end):
        if (pair := _from_to(text, m.end())) is not None and pair[0].value == hit.value:
            return pair[1].value, pair[1].currency or hit.currency
    return hit.value, hit.currency


_SUM_IN_TOTAL = re.compile(r"\b(?:fees?|price|charges?)\s+(?:is|are|shall\s+be)\s+(?=[^.;\n]{0,30}?\bin\s+total\b)", re.I)
_FIXED_FEE = re.compile(r"(?:\b(?:our|the|a)\s+|(?<=:)[ \t]*|(?m:^)[ \t]*)fixed\s+(?:[\w-]+\s+){0,2}?(?:fees?|price)\s+(?:for\s+(?:the|this)\s+[\w-]+\s+)?(?:is|are|will\s+be|shall\s+be|amounts?\s+to|of)\s+", re.I)
_IN_TOTAL = re.compile(r"\b(?:in\s+total|totall?ing|for\s+a\s+total\s+of|in\s+the\s+aggregate)[\s,:]*", re.I)
_RECITALS = re.compile(r"(?m)^[ \t#*]*(?:RECITALS|Recitals|WHEREAS|Whereas|BACKGROUND|Background)\b")


def _in_recitals(ctx: Ctx, pos: int) -> bool:
    """``pos`` is in the recitals (RECITALS / WHEREAS / Background before the first clause): a
    price stated there is an earlier agreement's ("…for a total price of RMB 1,200,000")."""
    first = ctx.clauses.labelled()
    body = first[0].start if first else len(ctx.text)
    if pos >= body:
        return False
    head = _RECITALS.search(ctx.text, 0, body)
    return head is not None and head.start() < pos


def rule_copies(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    plex = rxl.search(r"\bin\s+(duplicate|triplicate|quadruplicate)\b", ctx.text, re.I)
    if plex:
        facts.copies = {"duplicate": 2, "triplicate": 3, "quadruplicate": 4}[plex.group(1).lower()]
        return facts
    m = rxl.search(r"(?:\b(?:in|into)\s+|(?:^|:)[ \t]*)(?:(?P<w>[a-z]+)\s*\(\s*(?P<n>\d+)\s*\)|(?P<n2>\d+)|(?P<w2>[a-z]+))\s+(?:original\s+)?(?:counterparts|originals|copies)", ctx.text, re.I | re.M)  # (a field "Originals: Two (2) originals")
    if m:
        with contextlib.suppress(NumeralError):
            facts.copies = int(m.group("n") or m.group("n2") or en_int(m.group("w2")))
    return facts


METRICS = (("accuracy", r"accuracy"), ("recall", r"recall"), ("f1", r"F1(?:[\s-]*score)?|F-?measure"))


def rule_metrics(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    for key, name in METRICS:
        m = rxl.search(rf"(?:{name})(?:\s+rate)?[^.;,]{{0,60}}?(?:not\s+less\s+than|at\s+least|no\s+less\s+than|of\s+at\s+least|>=|≥|minimum\s+of)\s*(?P<v>\d+(?:\.\d+)?\s*(?:%|per\s*cent\b|percent\b)|0?\.\d+|0,\d+)", ctx.text, re.I)
        if m:  # ("0,89": a decimal comma; "94 per cent")
            with contextlib.suppress(NumeralError, ArithmeticError):
                facts.metrics[key] = rate(re.sub(r"\s*(?:per\s*cent|percent)", "%", m.group("v"), flags=re.I).replace(" ", "").replace(",", "."))
    return facts


def rule_obligations(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    facts.obligations.extend(detect(ctx, lambda u, s, raw: _payment(ctx, facts, u, s, raw), facts.read))
    return facts


def _payment(ctx: Ctx, facts: Facts, u: Unit, s: str, raw: RawObligation) -> None:
    # the part's own amount; after a lead-in's colon ("a fee of USD 300,000 in two instalments: USD
    # 200,000 within…") the instalment's, not the whole fee's
    colon = ctx.text.rfind(":", raw.start, raw.end)
    a = colon if colon >= 0 and find_money(ctx.text, colon, raw.end) else raw.start
    money = find_money(ctx.text, a, raw.end) or find_money(ctx.text, u.start, u.end)
    if not money and (named := named_fee_amount(ctx.text, s)) is not None:
        money = [named]  # "pay the Onboarding Fee within…": its amount where the contract states it
    if money:
        raw.amount = money[0].value
        raw.currency = money[0].currency
        if money[0].mismatch:
            facts.warnings.append(RawWarning("amount_mismatch", u.label, money[0].start, money[0].end))
    pm = rxl.search(rf"(?P<r>{RATE_RX.pattern})\s+of\s+the\s+(?:total|contract)", s, re.I) or RATE_RX.search(s)
    if pm:
        with contextlib.suppress(NumeralError, ArithmeticError):
            raw.percent = _rate(pm.group(0) if not pm.groupdict().get("r") else pm.group("r"))  # type: ignore[assignment]
    tm = INSTALMENT_TITLE.search(s)
    title = tm.group(0)[0].upper() + tm.group(0)[1:] if tm else "Payment"
    if raw.percent is not None:
        title += f" {format((raw.percent * 100).normalize(), 'f')}%"  # type: ignore[operator]
    raw.title = title


RULES = (rule_parties, rule_title, rule_dates, rule_confidentiality,
         rule_fee, rule_copies, rule_metrics, rule_penalties, rule_obligations)


def extract(norm: Normalized, clauses: Clauses, units: list[Unit]) -> Facts:
    first = clauses.labelled()
    if (view := fields_view(norm.text, first[0].start if first else 0)) is not norm.text:
        norm = Normalized(norm.original, view, norm.index, norm.language)  # a cover table's rows as fields
    ctx = Ctx(norm, clauses, units)
    rule_roles(ctx)  # the context: who the parties are, before any rule reads it
    facts = run(RULES, ctx)
    openings.settle(facts, ctx.text, opens_service_only, TITLES["other"])
    if facts.total_fee is None:  # "The AI Services Fee is RMB 880,000", split by the payment schedule
        hit = named_total(ctx.text, [o.amount for o in facts.obligations
                                     if o.kind == "payment" and o.amount is not None and not o.recurrence])
        if hit:
            facts.total_fee, facts.currency = hit.value, hit.currency
    facts.obligations = [x for o in facts.obligations for x in _each_dated(ctx.text, o)]
    if (each := each_instalment(ctx.text)) is not None:  # "three annual instalments of RMB 500,000 each"
        for o in facts.obligations:
            if o.kind == "payment" and o.amount is None and o.percent is None and not o.recurrence \
                    and re.search(r"instal", ctx.text[o.start:o.end], re.I):
                o.amount, o.currency = each.value, each.currency
    if facts.currency is None:  # the payments' currency, when the total states none
        facts.currency = next((o.currency for o in facts.obligations if o.kind == "payment" and o.currency), None)
    if facts.currency is None and (facts.total_fee is not None or any(o.amount for o in facts.obligations)):
        facts.currency = "CNY"
    return facts


_SENTENCE_STOP = re.compile(r"\n|;|\.(?=\s|$)")


def _each_dated(text: str, o: RawObligation) -> list[RawObligation]:
    """A payment of several instalments each on its own written day: one payment per instalment."""
    if o.kind != "payment" or o.recurrence:
        return [o]
    stop = _SENTENCE_STOP.search(text, o.end)  # (its own sentence: not a payment the next sentence states)
    got = dated_instalments(text, o.start, stop.start() if stop else len(text))
    return [replace(o, fixed_date=d, amount=hit.value, currency=hit.currency, event=None, offset=None, percent=None)
            for d, hit in got] or [o]
