"""Penalties of English contracts: liquidated damages, late-payment interest and fixed sums, one
per kind, with their rate, basis, cap and suspension right (a rule of ``rules_en``)."""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from tracker.parse import rx_literals as rxl
from tracker.parse.clause_marks import _num
from tracker.parse.clauses import Segment
from tracker.parse.common import Facts, RawPenalty
from tracker.parse.fees_en import fee_names
from tracker.parse.lexicon_en import BASES, LATE_DELIVERY, LATE_PAYMENT, PENALTY_CUES
from tracker.parse.money_text import find_money
from tracker.parse.numerals import NumeralError, en_int, rate
from tracker.parse.timex_scan import DUR_EN as DUR
from tracker.parse.timex_scan import en_duration
from tracker.record import replace

if TYPE_CHECKING:
    from tracker.parse.rules_en import Ctx

#: "0.5%", "five percent", and a rate per thousand written as a fraction: "1.25/1,000" (Korean 지체상금률)
RATE_RX = re.compile(r"\d+(?:\.\d+|,\d{1,2}(?=\s*%))?\s*(?:%|percent\b|per\s*cent\b|/\s*(?:1,?000|10,?000)\b)", re.I)  # ("0,2%": a decimal comma)


def _article_title(ctx: Ctx, label: str | None) -> str:
    if not label:
        return ""
    article = label.split(".")[0]
    if (seg := ctx.clauses.of_label(article)) is not None:  # (a dict: a unit's question costs no scan of the clauses)
        return " ".join(ctx.text[seg.start:seg.start + 80].split("\n")[:2])  # "ARTICLE VI" / "CONFIDENTIALITY"
    first = ctx.clauses.of_label(article + ".1")
    if first is None:
        return ""
    head = ctx.text[max(0, first.start - 120):first.start].rstrip().rsplit("\n", 1)[-1]  # "## 9. Confidentiality"
    m = _HEAD_NUMBER.match(head)
    return head if m is not None and _number_of(m.group(1)) == article else ""


def _number_of(word: str) -> str:
    """A heading's number as a clause label has it: "6", "VI" and "SIX" are "6" (figures and Roman numbers read as
    ``clauses`` reads a heading's, English words by ``en_int``)."""
    for read in (_num, lambda w: en_int(w.lower())):
        try:
            return str(read(word))
        except NumeralError:
            continue
    return word


_HEAD_NUMBER = re.compile(r"[#*\s]*(?:(?:Article|ARTICLE|Section|SECTION|Clause|CLAUSE)\s+)?(\w{1,6})(?:\.(?!\d)|\s|$)")


_EACH_DAY = re.compile(r"\s*(?:per|for\s+each|for\s+every|each)\s+(?:calendar\s+|business\s+)?day\b", re.I)


def _basis(s: str) -> str | None:
    best = None
    for basis, rx in BASES:
        for m in rxl.finditer(rx, s, re.I):
            if best is None or m.start() < best[0]:
                best = (m.start(), basis)
    return best[1] if best else None


def _rate(text: str) -> object:
    if "/" in text:  # "1.25/1,000"
        figure, per = text.split("/", 1)
        return Decimal(figure.strip()) / Decimal(per.replace(",", "").strip())
    return rate(re.sub(r"\s*(?:percent|per\s*cent)", "%", text, flags=re.I).replace(" ", "").replace(",", "."))


def _total_named(ctx: Ctx, window: str) -> str | None:
    """"0.1% of the Fees" where the contract names its total "the Fees": ``total_fee``."""
    names = fee_names(ctx.text)
    return "total_fee" if any(rxl.search(rf"\b{re.escape(n)}\b", window) for n in names) else None


#: "of the Setup Fee", "of the monthly fee for the month in which …", "of that monthly fee": a fee named after the rate
_FEE_OF = re.compile(r"\s*of\s+(?P<det>the|that|such|each)\s+(?P<fee>(?:[\w-]+\s+){0,2}?(?:fees?|charges?))\b", re.I)


def _part_fee(ctx: Ctx, total: Decimal | None, after_rate: str) -> str | None:
    """"0.5% of the Setup Fee per day of delay" where the total is "a Setup Fee of CAD 48,000 and an
    Annual Platform Fee of CAD 36,000": a late delivery charged on the fee of a part (``delayed_amount``).
    A fee named as the total, or stated with no sum below the total, is no part of it."""
    m = _FEE_OF.match(after_rate)
    if m is None or total is None or m.group("fee").lower() in {n.lower() for n in fee_names(ctx.text)}:
        return None
    # ("a Setup Fee of CAD 48,000", or at a clause's start: "III.2 Setup Fee of NGN 18,000,000.00, payable …")
    for stated in rxl.finditer(rf"(?:\b(?:a|an|the)\s+|(?m:^)[ \t]*(?:[\dIVX]+(?:\.\d+)*\.?[ \t]+)?){re.escape(m.group('fee'))}"
                               r"\s+of\s+", ctx.text, re.I):
        hits = find_money(ctx.text, stated.end(), stated.end() + 30)
        if hits and hits[0].start == stated.end() and hits[0].value < total:
            return "delayed_amount"
    return None


def _breaches_confidentiality_article(ctx: Ctx, s: str) -> bool:
    """"A Party that breaches Clause 6 shall pay…" where Clause 6 is the confidentiality article."""
    m = rxl.search(r"breach\w*\s+(?:of\s+)?(?:this\s+)?(?:Clause|Article|Section)\s+(\d+(?:\.\d+)*|[IVX]+|[A-Za-z]+(?:-[a-z]+)?)\b", s, re.I)
    if not m:
        return False
    number = _number_of(m.group(1))  # "breaches Clause 6", "Article VI", "this Article Six"
    if not number[0].isdigit():
        return False
    if "." in number:  # "breaches Clause 5.3": that clause's own words
        seg = ctx.clauses.of_label(number)
        return seg is not None and bool(rxl.search(r"confidential", ctx.text[seg.start:seg.end], re.I))
    return bool(rxl.search(r"confidential", _article_title(ctx, number), re.I))


def _suspension_in_next(ctx: Ctx, seg: Segment, read: list[tuple[int, int]]) -> re.Match[str] | None:
    """A suspension or termination right in the item right after the rate's item."""
    items = ctx.clauses.labelled()
    i = next((k for k, sg in enumerate(items) if sg.start == seg.start), -1)
    if i < 0 or i + 1 >= len(items) or "." not in (items[i + 1].label or ""):
        return None
    s = ctx.text[items[i + 1].start:items[i + 1].end]
    if not rxl.search(r"suspend|terminat", s, re.I) or rxl.search(PENALTY_CUES, s, re.I):  # a penalty of its own
        return None
    m = _suspension(s)
    if m:
        read.append((items[i + 1].start, items[i + 1].end))  # the right completes the penalty: no duty of its own
    return m


def _suspension(s: str) -> re.Match[str] | None:
    """"overdue for more than 15 days", "the delay exceeds 60 days", "more than 30 days overdue"."""
    return rxl.search(rf"(?:delay|overdue|late|outstanding|unpaid)[^.;]{{0,20}}?(?:exceeds?|more\s+than|over)\s+{DUR}", s, re.I) \
        or rxl.search(rf"(?:more\s+than|over|exceeds?)\s+{DUR}\s+(?:overdue|late|past\s+due|in\s+arrears)", s, re.I) \
        or rxl.search(rf"\b(?:remains?|is|are|stays?)\s+(?:unpaid|outstanding|overdue)\s+(?:for\s+)?(?:more\s+than\s+)?{DUR}"
                      r"(?:\s+(?:after|past|beyond)\s+(?:its|the)\s+due\s+date)?", s, re.I)


def _cue_row(s: str) -> tuple[int, int] | None:
    """The span of the first table row of ``s`` that states a penalty."""
    pos = 0
    for line in s.split("\n"):
        if line.lstrip().startswith("|") and rxl.search(PENALTY_CUES, line, re.I):
            return pos, pos + len(line)
        pos += len(line) + 1
    return None


def rule_penalties(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    text = ctx.text
    kinds: set[str] = set()
    segments = ctx.clauses.labelled()
    parents = {(sg.label or "").rsplit(".", 1)[0] for sg in segments if "." in (sg.label or "")}
    for seg in segments:
        if (seg.heading or "." not in (seg.label or "")) and seg.label in parents:
            continue  # an article's heading: its items are read one by one (an article without items is read whole)
        s = text[seg.start:seg.end]
        if not rxl.search(PENALTY_CUES, s, re.I):
            continue
        if "\n|" in s and (row := _cue_row(s)) is not None:  # a key-terms table: its "| Delay Damages | …" row alone
            seg = replace(seg, start=seg.start + row[0], end=seg.start + row[1])
            s = text[seg.start:seg.end]
        bullets = _cue_bullets(s)
        # the clause around its bullets (a suspension there is every bullet's; one in a bullet is its own): built once
        outside = "".join(s[a:b] for a, b in zip([0] + [e for _, e in bullets], [b for b, _ in bullets] + [len(s)],
                                                  strict=True)) if bullets else None
        for start, end in bullets or [(0, len(s))]:  # "- Late payment: 0.05% …" "- Late delivery: 0.3% …": each its own
            piece = replace(seg, start=seg.start + start, end=seg.start + end)
            _read(ctx, facts, kinds, piece, text[piece.start:piece.end], outside, seen.total_fee)
    return facts


#: a bulleted or lettered line of a clause ("- Late payment: 0.05% of the overdue amount per day.", "(b) Overdue amounts …")
_BULLET = re.compile(r"(?m)^[ \t]*(?:[-*•]|\((?:[a-h]|[ivx]{1,4})\))[ \t]+[^\n]+")


def _cue_bullets(s: str) -> list[tuple[int, int]]:
    """The bulleted or lettered lines of a clause that each state a penalty, when there are two or more of them."""
    if "\n" not in s:
        return []
    got = [m.span() for m in _BULLET.finditer(s) if rxl.search(PENALTY_CUES, m.group(0), re.I)]
    return got if len(got) >= 2 else []


def _read(ctx: Ctx, facts: Facts, kinds: set[str], seg: Segment, s: str, whole: str | None, seen_total: Decimal | None) -> None:
    """One penalty from ``s`` (a clause, a table row or a bullet), unless its kind was read; ``whole``: the
    clause around the bullets, when ``s`` is one; ``seen_total``: the total fee an earlier rule read."""
    text = ctx.text
    if rxl.search(r"confidential", s, re.I) or _breaches_confidentiality_article(ctx, s):
        kind = "confidentiality_breach"
    elif rxl.search(LATE_PAYMENT, s, re.I):
        kind = "late_payment"
    elif rxl.search(LATE_DELIVERY, s, re.I):
        kind = "late_delivery"
    elif rxl.search(r"confidential", _article_title(ctx, seg.label), re.I):
        kind = "confidentiality_breach"  # damages stated inside the confidentiality article
    else:
        return
    if kind in kinds:
        return
    kinds.add(kind)
    p = RawPenalty(kind, seg.label, seg.start, seg.end)
    cap = rxl.search(rf"(?:up\s+to\s+a\s+maximum\s+(?:reduction\s+|deduction\s+|amount\s+)?of|up\s+to(?=\s*\d)|not\s+(?:to\s+)?exceed(?:ing)?|capped\s+at|subject\s+to\s+a\s+(?:cap|maximum)\s+of|limited\s+to|in\s+aggregate\s+not\s+(?:to\s+)?exceed|maximum\s+of)\s*(?:[a-z][a-z\s-]{{0,30}}\()?(?P<r>{RATE_RX.pattern})\)?(?P<tail>[^.;,]{{0,40}})", s, re.I)
    cap_span = None
    if cap:
        with contextlib.suppress(NumeralError, ArithmeticError):
            p.cap_rate = _rate(cap.group("r"))  # type: ignore[assignment]
            p.cap_basis = _basis(cap.group("tail")) or "total_fee"
            cap_span = cap.span()
    else:
        capm = rxl.search(r"(?:up\s+to\s+a\s+maximum\s+of|not\s+(?:to\s+)?exceed(?:ing)?|capped\s+at|limited\s+to)\s*", s, re.I)
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
            rate_window, rate_end = s[max(0, m.start() - 40):m.end() + 40], m.end()
            break
    else:
        rate_window, rate_end = "", 0
    if p.rate is not None and p.basis is None:
        p.basis = _basis(s) or _total_named(ctx, rate_window) or ("overdue_amount" if kind == "late_payment" else None) \
            or (_part_fee(ctx, seen_total, s[rate_end:rate_end + 60]) if kind == "late_delivery" else None)
    if cap and p.basis == "delayed_amount" and p.cap_basis == "total_fee" and not _basis(cap.group("tail")) \
            and (capped := _FEE_OF.match(cap.group("tail"))) and (charged := _FEE_OF.match(s, rate_end)) \
            and (capped.group("det").lower() in ("that", "such") or capped.group("fee").lower() == charged.group("fee").lower()):
        p.cap_basis = p.basis  # "… of the Setup Fee per day, up to a maximum of 10% of the Setup Fee": the same fee
    for text_ in (rate_window, s):
        if rxl.search(r"per\s+(?:annum|year)|annual|a\s+year|yearly", text_, re.I):
            p.per = "year"
        elif rxl.search(r"per\s+(?:calendar\s+)?month|for\s+each\s+(?:calendar\s+)?month|each\s+month|monthly(?!\s+(?:fees?|charges?|amounts?|subscription|invoices?|payments?|instal))|a\s+month", text_, re.I):
            p.per = "month"
        elif rxl.search(r"(?:per|each|for\s+each|for\s+every)\s+(?:calendar\s+|business\s+|working\s+)?day|daily|a\s+day", text_, re.I):
            p.per = "day"
        if p.per:
            break
    if p.rate is None:
        p.per = p.per if rxl.search(r"overdue|delay", s, re.I) and kind == "late_payment" else None
    sm = _suspension(s) or (_suspension(whole) if whole is not None else None) or _suspension_in_next(ctx, seg, facts.read)  # "4.5 If any amount remains unpaid for more than 15 days…, Provider may suspend"
    if sm:
        got = en_duration(sm)
        if got and not (got.y or got.m or got.h):
            p.suspend_after_days = got.w * 7 + got.d
    if p.rate is None:
        money = [h for h in find_money(text, seg.start, seg.end)
                 if not (cap_span and cap_span[0] <= h.start - seg.start < cap_span[1])]
        if money:
            p.amount = money[0].value
            each = _EACH_DAY.match(text, money[0].end, seg.end)  # "USD 5,000 for each day of delay"
            if each:
                p.per = "day"
    facts.penalties.append(p)
