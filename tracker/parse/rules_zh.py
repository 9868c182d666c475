"""Rules for Chinese contracts (Simplified after normalisation; Traditional is folded to it).

An ordered list of small rules, each reading the normalised text and what the rules before it
found, and returning its own findings (``tracker.parse.rule_driver`` merges them).
Phrase tables come first, so new wording is a table edit, not new logic.
"""

from __future__ import annotations

from tracker.parse import openings, superseded_zh, tables_zh
from tracker.parse.clauses import Clauses
from tracker.parse.common import Facts, Unit
from tracker.parse.context_zh import Ctx, parse_duration
from tracker.parse.facts_zh import (
    rule_confidentiality,
    rule_copies,
    rule_cover,
    rule_metrics,
    rule_parties,
    rule_penalties,
    rule_renewal,
    rule_roles,
    rule_term,
)
from tracker.parse.fees_zh import rule_fee, settle_named_fee
from tracker.parse.kinds_zh import opens_service_only
from tracker.parse.money_text import find_money
from tracker.parse.normalize import Normalized
from tracker.parse.obligations_zh import TITLES, rule_obligations
from tracker.parse.rule_driver import run
from tracker.parse.signed_zh import rule_signed
from tracker.parse.table_duties_zh import rule_table_deadlines
from tracker.parse.title_zh import rule_title

RULES = (
    rule_parties,
    rule_title,
    rule_signed,
    rule_term,
    rule_cover,
    rule_renewal,
    rule_confidentiality,
    rule_fee,
    rule_copies,
    rule_metrics,
    rule_penalties,
    rule_obligations,
    rule_table_deadlines,
)


def extract(norm: Normalized, clauses: Clauses, units: list[Unit]) -> Facts:
    # the 原约定 column of an amendment table is wording the document replaces: no rule reads it
    replaced = [u for u in units if ("\t" in norm.text[u.start:u.end] or "|" in norm.text[u.start:u.end])
                and tables_zh.in_old_cell(norm.text, u.start, u.end)] if tables_zh.has_old_column(norm.text) else []
    old = superseded_zh.old_units(norm.text, units)  # "原约定：…" in prose: the same
    replaced += old + superseded_zh.replaced_clauses(norm.text, units)
    if (blanked := superseded_zh.blank_old_values(norm.text, old)) is not norm.text:
        norm = Normalized(norm.original, blanked, norm.index, norm.language)  # "原…至A止，变更为…至B止": B
    gone = set(replaced)  # (units are records: hashable)
    ctx = Ctx(norm, clauses, [u for u in units if u not in gone] if replaced else units)
    rule_roles(ctx)  # the context: who 甲方 and 乙方 are, before any rule reads it
    facts = run(RULES, ctx)
    openings.settle(facts, norm.text, opens_service_only, TITLES["other"])
    settle_named_fee(norm.text, facts, capital_wins=not facts.authoritative_figures)
    facts.read.extend((u.start, u.end) for u in replaced)
    if facts.currency is None and (facts.total_fee is not None or any(o.amount for o in facts.obligations)
                                   or any(p.amount or p.cap_amount for p in facts.penalties)):
        # (the sums say no other; a contract priced only in its penalties is priced in theirs)
        facts.currency = next((h.currency for p in facts.penalties if p.amount or p.cap_amount
                               for h in find_money(norm.text, p.start, p.end) if h.currency), None) or "CNY"
    return facts


__all__ = ["extract", "parse_duration"]
