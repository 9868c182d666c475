"""Rules for English contracts of the same shape ("Party A"/"Party B", "Article N", "1.1").

Same ``Facts`` as the Chinese rules; only the phrase tables and word order differ.
"""

from __future__ import annotations

import contextlib
import re

from tracker.parse.clauses import Clauses, Segment
from tracker.parse.common import (
    BaseCtx,
    Facts,
    RawObligation,
    RawPenalty,
    RawWarning,
    Unit,
    find_money,
)
from tracker.parse.duties_en import detect, table_total
from tracker.parse.fees_en import fee_names, labelled_total, named_total
from tracker.parse.lexicon_en import BASES, PENALTY_CUES, ROLES, TITLE_LABELS, TITLE_NAMED
from tracker.parse.normalize import Normalized
from tracker.parse.numerals import NumeralError, en_int, rate
from tracker.parse.parties_en import defined_parties
from tracker.parse.rx_prefilter import guard
from tracker.parse.timex_scan import DUR_EN as DUR
from tracker.parse.timex_scan import en_duration

PROVIDER_WORDS = tuple(w for w, role in ROLES if role == "provider")
CLIENT_WORDS = tuple(w for w, role in ROLES if role == "client")
PARTY = r"Party\s+[AB]"

RATE_RX = re.compile(r"\d+(?:\.\d+)?\s*(?:%|percent\b|per\s*cent\b)", re.I)

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


def rule_roles(ctx: Ctx, facts: Facts) -> None:
    head = ctx.text[:4000]
    for m in re.finditer(rf"({PARTY})\s*\(([^()\n]{{1,60}})\)", head):
        role = _role_word(m.group(2))
        side = _side(m.group(1))
        if role and side not in ctx.roles:
            ctx.roles[side] = role
    for m in re.finditer(rf"(Service\s+Provider|Provider|Client|Customer|Contractor|Supplier)\s*\(\s*({PARTY})\s*\)", head, re.I):
        role = _role_word(m.group(1))
        side = _side(m.group(2))
        if role and side not in ctx.roles:
            ctx.roles[side] = role
    if len(ctx.roles) == 1:
        (side, role), = ctx.roles.items()
        ctx.roles["Party B" if side == "Party A" else "Party A"] = "client" if role == "provider" else "provider"
    for m in _DEFINED_PARTY.finditer(head):  # (1) ACME LTD, a company … (the "Customer")
        role = _role_word(m.group("role"))
        if role and role not in ctx.defined:
            ctx.defined[role] = (m.start("name"), m.end("name"))
            ctx.roles[m.group("role").strip()] = role
            if m.group("side"):
                ctx.roles.setdefault(_side(m.group("side")), role)
    aliases: dict[str, str] = {}
    for role, span in defined_parties(ctx.text, 0, min(len(ctx.text), 4000), aliases).items():  # "made between **X**, … ("**Customer**")"
        ctx.defined.setdefault(role, span)
    for word, role in aliases.items():  # a defined word the lexicon does not know ("the Company")
        ctx.roles.setdefault(word, role)


_DEFINED_PARTY = re.compile(
    r"(?m:^)[ \t]*(?:\(\d\)|\d\.|[A-Z]\.)?[ \t]*(?:(?P<side>Party\s+[AB])\s*:\s*)?(?:[A-Z][A-Za-z ]{1,30}:\s*)?(?P<name>[A-Z][^,\n(:]{2,80}?(?:\([A-Za-z]+\)[^,\n(:]{0,20})?"
    r"(?:,\s*(?:Ltd|LTD|Limited|LIMITED|Inc|INC|LLC|Co|CO|PLC|plc|GmbH|AG|S\.A)\.?)*),"
    r"[^\n]{0,300}?\((?:(?:the|hereinafter(?:\s+referred\s+to\s+as)?(?:\s+the)?)\s+)?[\"“”']?(?P<role>[A-Za-z ]{3,30}?)[\"“”']?\)"
)


_FORMS = r"(?:Ltd|LTD|Limited|LIMITED|Inc|INC|LLC|Co|CO|Corp|Corporation|PLC|plc|GmbH|AG|S\.A)"
_COMPANY_THEN_MORE = re.compile(rf"(?P<name>.+?\b{_FORMS}\.?),(?!\s*{_FORMS}\b).+$")


def rule_parties(ctx: Ctx, facts: Facts) -> None:
    facts.provider = ctx.defined.get("provider")
    facts.client = ctx.defined.get("client")
    if facts.provider and facts.client:
        return
    rx = re.compile(r"(?:^|(?<=\n))[ \t\-*]*(?P<label>[^\n:]{0,60}?)\s*:\s*(?P<name>[^\n]{3,120})")
    first = ctx.clauses.labelled()
    body_start = first[0].start if first else len(ctx.text)
    for region in ((0, body_start), (body_start, len(ctx.text))):
        for m in rx.finditer(ctx.text, *region):
            label = m.group("label")
            if region[0] == 0 and re.search(r"agreement no", label, re.I):
                continue
            if re.search(r"address|date|representative|signature|tel|phone", label, re.I):
                continue
            side_m = re.search(PARTY, label)
            role = ctx.roles.get(_side(side_m.group(0))) if side_m else _role_word(label)
            if role is None or (not side_m and (len(label) > 25 or len(label.split()) > 4)) or re.search(r"\b(?:shall|will|must|may)\b", label):
                continue  # "Customer shall deliver not less than the following:" is no label
            name = re.split(r"\s+(?:Registered\s+address|Address|Legal\s+representative|Tel|Telephone|Contact)\b|\s+[—–]\s+|\s{2,}|\s+\(", m.group("name"), maxsplit=1, flags=re.I)[0].rstrip(" ;,")
            if "_" in name or "[" in name:
                continue
            formed = _COMPANY_THEN_MORE.match(name)  # "ACME Co., Ltd., 18 Mawan Avenue, …": the address is no name
            name = formed.group("name") if formed else name
            span = (m.start("name"), m.start("name") + len(name))
            if role == "provider" and facts.provider is None:
                facts.provider = span
            elif role == "client" and facts.client is None:
                facts.client = span


def rule_title(ctx: Ctx, facts: Facts) -> None:
    m = re.search(rf"(?:{TITLE_LABELS})\s*[:.]\s*", ctx.text, re.I)
    if not m:
        named = re.search(TITLE_NAMED, ctx.text, re.I)  # 'the project named "…"'
        if named:
            facts.title = named.span("t")
        return
    end = ctx.text.find("\n", m.end())
    end = len(ctx.text) if end < 0 else end
    value = ctx.text[m.end():end].rstrip(" .;,")
    if value and "[" not in value and "_" not in value:
        facts.title = (m.end(), m.end() + len(value))


def rule_dates(ctx: Ctx, facts: Facts) -> None:
    """Signing, effective date, term, end date and renewal notice: ``facts_en`` (by priority,
    never a recital's or a filing stamp's date)."""
    from tracker.parse import facts_en  # lazy, as it always was

    got = facts_en.extract(ctx.text)
    facts.signed_date = got.signed_date
    facts.effective_date = got.effective_date
    facts.effective_on_signing = got.effective_on_signing
    facts.effective_unknown = got.effective_unknown
    facts.term = got.term
    facts.term_from_event = got.term_from_event
    facts.end_date = got.end_date
    if got.term_at:
        facts.term_span = (ctx.clauses.label_at(got.term_at[0]), *got.term_at)
    facts.renewal_notice = got.renewal_notice
    if got.renewal_at:
        facts.renewal_span = (ctx.clauses.label_at(got.renewal_at[0]), *got.renewal_at)


def _article_title(ctx: Ctx, label: str | None) -> str:
    if not label:
        return ""
    article = label.split(".")[0]
    for seg in ctx.clauses.segments:
        if seg.label == article:
            return " ".join(ctx.text[seg.start:seg.start + 80].split("\n")[:2])  # "ARTICLE VI" / "CONFIDENTIALITY"
    return ""


def rule_confidentiality(ctx: Ctx, facts: Facts) -> None:
    for u in ctx.units:
        s = ctx.unit_text(u)
        about = re.search(r"confidential", s, re.I) or re.search(r"confidential", _article_title(ctx, u.label), re.I)
        if not about or not re.search(r"period|term|surviv|years?\s+after", s, re.I):
            continue
        if re.search(r"perpetu|indefinite|permanent|forever", s, re.I):
            facts.perpetual_confidentiality = True
            facts.confidentiality_span = (u.label, u.start, u.end)
            return
        m = re.search(rf"{DUR}\s+(?:after|following|from)\s+(?:its|the|such)?\s*(?:termination|expiry|expiration"
                      r"|end\s+of\s+(?:the|this)\s+(?:term|agreement|contract))", s, re.I)
        if m:
            got = en_duration(m)
            if got:
                facts.confidentiality_term = got.iso()
                facts.confidentiality_span = (u.label, u.start, u.end)
                return


def rule_fee(ctx: Ctx, facts: Facts) -> None:
    for m in re.finditer(r"(?:total\s+(?:service\s+|research\s+|project\s+)?(?:fees?|charges?|price|contract\s+price|amount|contract\s+sum|funding)(?:\s+(?:for|under)\s+(?:this\s+|the\s+)?[A-Z]\w*(?:\s+(?:No\.\s*)?\d+)?)?[^.;\d]{0,30}?|contract\s+(?:price|sum|amount)\s+)(?:\b(?:is|are|of|shall\s+be|amounts?\s+to)\b|:)\s*", ctx.text, re.I):
        hits = find_money(ctx.text, m.end(), m.end() + 40)
        if hits and hits[0].start - m.end() <= 3:
            facts.total_fee = hits[0].value
            facts.currency = hits[0].currency
            return
    total = table_total(ctx)  # "| **Total Fees for the Initial Term** | **540,000.00** |"
    if total:
        facts.total_fee, facts.currency = total
        return
    hit = labelled_total(ctx.text)  # "**Order Fees:** US$300,000.00"
    if hit:
        facts.total_fee, facts.currency = hit.value, hit.currency


def rule_copies(ctx: Ctx, facts: Facts) -> None:
    plex = re.search(r"\bin\s+(duplicate|triplicate|quadruplicate)\b", ctx.text, re.I)
    if plex:
        facts.copies = {"duplicate": 2, "triplicate": 3, "quadruplicate": 4}[plex.group(1).lower()]
        return
    m = re.search(r"(?:in|into)\s+(?:(?P<w>[a-z]+)\s*\(\s*(?P<n>\d+)\s*\)|(?P<n2>\d+)|(?P<w2>[a-z]+))\s+(?:original\s+)?(?:counterparts|originals|copies)", ctx.text, re.I)
    if m:
        with contextlib.suppress(NumeralError):
            facts.copies = int(m.group("n") or m.group("n2") or en_int(m.group("w2")))


METRICS = (("accuracy", r"accuracy"), ("recall", r"recall"), ("f1", r"F1(?:[\s-]*score)?|F-?measure"))


def rule_metrics(ctx: Ctx, facts: Facts) -> None:
    for key, name in METRICS:
        m = re.search(rf"(?:{name})(?:\s+rate)?[^.;,]{{0,20}}?(?:not\s+less\s+than|at\s+least|no\s+less\s+than|of\s+at\s+least|>=|≥|minimum\s+of)\s*(?P<v>\d+(?:\.\d+)?\s*%|0?\.\d+)", ctx.text, re.I)
        if m:
            with contextlib.suppress(NumeralError, ArithmeticError):
                facts.metrics[key] = rate(m.group("v").replace(" ", ""))


def _basis(s: str) -> str | None:
    best = None
    for basis, rx in BASIS_WORDS:
        for m in re.finditer(rx, s, re.I):
            if best is None or m.start() < best[0]:
                best = (m.start(), basis)
    return best[1] if best else None


def _rate(text: str) -> object:
    return rate(re.sub(r"\s*(?:percent|per\s*cent)", "%", text, flags=re.I).replace(" ", ""))


def _total_named(ctx: Ctx, window: str) -> str | None:
    """"0.1% of the Fees" where the contract names its total "the Fees": ``total_fee``."""
    names = fee_names(ctx.text)
    return "total_fee" if any(re.search(rf"\b{re.escape(n)}\b", window) for n in names) else None


def _breaches_confidentiality_article(ctx: Ctx, s: str) -> bool:
    """"A Party that breaches Clause 6 shall pay…" where Clause 6 is the confidentiality article."""
    m = re.search(r"breach\w*\s+(?:of\s+)?(?:this\s+)?(?:Clause|Article|Section)\s+(\d+|[IVX]+)\b", s, re.I)
    if not m:
        return False
    roman = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
    number = str(roman.get(m.group(1).upper(), m.group(1)))
    return bool(re.search(r"confidential", _article_title(ctx, number), re.I))


def _suspension_in_next(ctx: Ctx, seg: Segment, read: list[tuple[int, int]]) -> re.Match[str] | None:
    """A suspension or termination right in the item right after the rate's item."""
    items = ctx.clauses.labelled()
    i = next((k for k, sg in enumerate(items) if sg.start == seg.start), -1)
    if i < 0 or i + 1 >= len(items) or "." not in (items[i + 1].label or ""):
        return None
    s = ctx.text[items[i + 1].start:items[i + 1].end]
    if not re.search(r"suspend|terminat", s, re.I) or re.search(r"liquidated|penalt|interest|late\s+(?:fee|charge)", s, re.I):
        return None
    m = _suspension(s)
    if m:
        read.append((items[i + 1].start, items[i + 1].end))  # the right completes the penalty: no duty of its own
    return m


def _suspension(s: str) -> re.Match[str] | None:
    """"overdue for more than 15 days", "the delay exceeds 60 days", "more than 30 days overdue"."""
    return re.search(rf"(?:delay|overdue|late|outstanding|unpaid)[^.;]{{0,20}}?(?:exceeds?|more\s+than|over)\s+{DUR}", s, re.I) \
        or re.search(rf"(?:more\s+than|over|exceeds?)\s+{DUR}\s+(?:overdue|late|past\s+due|in\s+arrears)", s, re.I)


def rule_penalties(ctx: Ctx, facts: Facts) -> None:
    text = ctx.text
    seen: set[str] = set()
    segments = ctx.clauses.labelled()
    parents = {(sg.label or "").rsplit(".", 1)[0] for sg in segments if "." in (sg.label or "")}
    for seg in segments:
        if (seg.heading or "." not in (seg.label or "")) and seg.label in parents:
            continue  # an article's heading: its items are read one by one (an article without items is read whole)
        s = text[seg.start:seg.end]
        if not re.search(PENALTY_CUES, s, re.I):
            continue
        if re.search(r"confidential", s, re.I) or _breaches_confidentiality_article(ctx, s):
            kind = "confidentiality_breach"
        elif re.search(r"fails?\s+to\s+pay|late\s+payment|delay\w*\s+in\s+(?:making\s+)?payment|overdue\s+(?:amount|payment)|pay\s+\w+\s+late|not\s+paid\s+when\s+due", s, re.I):
            kind = "late_payment"
        elif re.search(r"fails?\s+to\s+(?:complete|deliver|achieve|deploy|launch|provide)|late\s+delivery|late\s+in\s+deliver|delay\w*\s+(?:in\s+)?(?:the\s+)?deliver", s, re.I):
            kind = "late_delivery"
        elif re.search(r"confidential", _article_title(ctx, seg.label), re.I):
            kind = "confidentiality_breach"  # damages stated inside the confidentiality article
        else:
            continue
        if kind in seen:
            continue
        seen.add(kind)
        p = RawPenalty(kind, seg.label, seg.start, seg.end)
        cap = re.search(rf"(?:up\s+to\s+a\s+maximum\s+of|up\s+to(?=\s*\d)|not\s+(?:to\s+)?exceed(?:ing)?|capped\s+at|subject\s+to\s+a\s+(?:cap|maximum)\s+of|in\s+aggregate\s+not\s+(?:to\s+)?exceed|maximum\s+of)\s*(?:[a-z][a-z\s-]{{0,30}}\()?(?P<r>{RATE_RX.pattern})\)?(?P<tail>[^.;,]{{0,40}})", s, re.I)
        cap_span = None
        if cap:
            with contextlib.suppress(NumeralError, ArithmeticError):
                p.cap_rate = _rate(cap.group("r"))  # type: ignore[assignment]
                p.cap_basis = _basis(cap.group("tail")) or "total_fee"
                cap_span = cap.span()
        else:
            capm = re.search(r"(?:up\s+to\s+a\s+maximum\s+of|not\s+(?:to\s+)?exceed(?:ing)?|capped\s+at)\s*", s, re.I)
            if capm:
                money = find_money(text, seg.start + capm.end(), seg.start + capm.end() + 30)
                if money and money[0].start - (seg.start + capm.end()) <= 2:
                    p.cap_amount = money[0].value
                    cap_span = (capm.start(), money[0].end - seg.start)
        for m in RATE_RX.finditer(s):
            if cap_span and cap_span[0] <= m.start() < cap_span[1]:
                continue
            with contextlib.suppress(NumeralError, ArithmeticError):
                p.rate = _rate(m.group(0))  # type: ignore[assignment]
                p.basis = _basis(s[m.end():m.end() + 40]) or _basis(s[max(0, m.start() - 40):m.start()])
                rate_window = s[max(0, m.start() - 40):m.end() + 40]
                break
        else:
            rate_window = ""
        if p.rate is not None and p.basis is None:
            p.basis = _basis(s) or _total_named(ctx, rate_window) or ("overdue_amount" if kind == "late_payment" else None)
        for text_ in (rate_window, s):
            if re.search(r"per\s+(?:annum|year)|annual|a\s+year|yearly", text_, re.I):
                p.per = "year"
            elif re.search(r"per\s+month|for\s+each\s+month|each\s+month|monthly|a\s+month", text_, re.I):
                p.per = "month"
            elif re.search(r"per\s+day|for\s+each\s+day|each\s+day|daily|per\s+calendar\s+day|a\s+day", text_, re.I):
                p.per = "day"
            if p.per:
                break
        if p.rate is None:
            p.per = p.per if re.search(r"overdue|delay", s, re.I) and kind == "late_payment" else None
        sm = _suspension(s) or _suspension_in_next(ctx, seg, facts.read)  # "4.5 If any amount remains unpaid for more than 15 days…, Provider may suspend"
        if sm:
            got = en_duration(sm)
            if got and not (got.y or got.m or got.h):
                p.suspend_after_days = got.w * 7 + got.d
        if p.rate is None:
            money = [h for h in find_money(text, seg.start, seg.end)
                     if not (cap_span and cap_span[0] <= h.start - seg.start < cap_span[1])]
            if money:
                p.amount = money[0].value
        facts.penalties.append(p)


def rule_obligations(ctx: Ctx, facts: Facts) -> None:
    facts.obligations.extend(detect(ctx, lambda u, s, raw: _payment(ctx, facts, u, s, raw), facts.read))


def _payment(ctx: Ctx, facts: Facts, u: Unit, s: str, raw: RawObligation) -> None:
    money = find_money(ctx.text, u.start, u.end)
    if money:
        raw.amount = money[0].value
        raw.currency = money[0].currency
        if money[0].mismatch:
            facts.warnings.append(RawWarning("amount_mismatch", u.label, money[0].start, money[0].end))
    pm = re.search(rf"(?P<r>{RATE_RX.pattern})\s+of\s+the\s+(?:total|contract)", s, re.I) or RATE_RX.search(s)
    if pm:
        with contextlib.suppress(NumeralError, ArithmeticError):
            raw.percent = _rate(pm.group(0) if not pm.groupdict().get("r") else pm.group("r"))  # type: ignore[assignment]
    tm = INSTALMENT_TITLE.search(s)
    title = tm.group(0)[0].upper() + tm.group(0)[1:] if tm else "Payment"
    if raw.percent is not None:
        title += f" {format((raw.percent * 100).normalize(), 'f')}%"  # type: ignore[operator]
    raw.title = title


RULES = (rule_roles, rule_parties, rule_title, rule_dates, rule_confidentiality,
         rule_fee, rule_copies, rule_metrics, rule_penalties, rule_obligations)


def extract(norm: Normalized, clauses: Clauses, units: list[Unit]) -> Facts:
    ctx = Ctx(norm, clauses, units)
    facts = Facts()
    for rule in RULES:
        rule(ctx, facts)
    if facts.total_fee is None:  # "The AI Services Fee is RMB 880,000", split by the payment schedule
        hit = named_total(ctx.text, [o.amount for o in facts.obligations
                                     if o.kind == "payment" and o.amount is not None and not o.recurrence])
        if hit:
            facts.total_fee, facts.currency = hit.value, hit.currency
    if facts.currency is None:  # the payments' currency, when the total states none
        facts.currency = next((o.currency for o in facts.obligations if o.kind == "payment" and o.currency), None)
    if facts.currency is None and (facts.total_fee is not None or any(o.amount for o in facts.obligations)):
        facts.currency = "CNY"
    return facts
