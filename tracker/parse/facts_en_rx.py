"""The patterns of the English date facts (``facts_en``), compiled once: those of the text layer
(``facts_en_text.RX``) and the date, term and renewal cues, each from the phrasings of
``data/facts_en.toml`` and each tried only where a word every match contains stands (``rx_literals``)."""

from __future__ import annotations

import re

from tracker.parse.facts_en_text import RX as TEXT_RX
from tracker.parse.facts_en_text import P
from tracker.parse.rx_literals import Gated
from tracker.parse.timex_scan import DUR_EN as DUR

RX = {k: Gated(v) for k, v in {**TEXT_RX, **{k: re.compile(v) for k, v in {
    "this_cue": rf"(?=[tT])\b(?:this|This|THIS)\s+(?:{P['title_word']}\s+){{0,10}}?{P['instrument']}\b{P['instrument_no']}{P['gap']}{P['verb_chain']}{P['date_lead']}",
    "amend_cue": rf"(?=[tT])\b(?:this|This|THIS)\s+(?:{P['title_word']}\s+){{0,4}}?{P['instrument']}\b{P['instrument_no']}{P['amends']}{P['verb_gap']}{P['verb_chain']}{P['date_lead']}",
    "title_cue": rf"(?m:^)[ \t*#]*(?:{P['title_word']}[ \t]+){{0,8}}?{P['instrument']}\b{P['instrument_no']}{P['gap']}{P['verb_chain']}{P['date_lead']}",
    "refers_back": P['witness_refers_back'],
    # South African execution lines, one per party: "THUS DONE AND SIGNED at CAPE TOWN on this 24th day of MARCH 2026"
    "done_signed": r"(?i:thus\s+done\s+and\s+signed)\s+at\s+[^\n,.;]{1,40}?\s+on\s+(?:this\s+)?",
    # a European signature page's place-and-date line, one pair per party: "Berlin, 19 February 2027      Berlin, 22 February 2027"
    "place_dates": r"(?m:^)[ \t]*(?:[A-Z][A-Za-zÀ-ÿ .'-]{1,30},[ \t]+\d{1,2}\.?[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{4}[ \t]*){1,2}(?m:$)",
    "eff_def": rf"(?=[Ee][Ff][Ff]|(?:SOW|Order|Schedule|Amendment|Addendum)\s+Eff)(?:^|(?<=[\s\"“”'*])){P['effective_name']}\s*(?:of\s+this\s+\w+\s+)?(?:(?:shall\s+)?means?\s*:?|:|is\b|shall\s+be\b)\s*(?:the\s+date\s+of\s+)?",
    "effect": rf"(?=[sSwWiIbBtTcCeE])\b{P['effect_statement']}",
    "effect_subject": P['effect_subject'],
    "on_signing": rf"(?i:{P['on_signing']})",
    "own_start": rf"(?i:{P['own_start']})",
    "subject": P['term_subject'],
    "term": rf"\b(?:{'|'.join(P['term_verbs'])}){P['period_of']}(?i:{DUR})",
    "expire_dur": rf"{P['expire_after']}(?i:{DUR})(?=\s+(?:after|from|following)\s|\s+later\b)",  # "…ends eighteen (18) months later"
    "until_dur": rf"(?=u)\buntil\s+(?:the\s+(?:date\s+(?:that\s+is|falling)\s+)?)?(?i:{DUR})",
    "anniversary": P['anniversary'],
    "end_tail": rf"\b(?:{P['end_verbs']}|(?P<on>{P['end_on']}))$",
    "end_lead": rf"\b{P['end_lead']}\b(?:[^.;\n]|\.(?!\s))*$",
    "period_ref": r"\b(?:continue|continues|remain|remains)\b(?:[^.;\n]|\.(?!\s)){0,60}?\b(?:for|during|until\s+the\s+end\s+of)\s+the\s+[\"“]?(?P<name>[A-Z][A-Za-z ]{1,30}?(?:Period|Term))\b",
    "not_term": rf"(?i:{P['not_term']})",
    "anchor": r"\s*(?:\(\s*\w+\s*\)\s*)?(?:(?P<then>thereafter)|(?:(?:commencing|beginning|starting|running)\s+(?:on|from|with|as\s+of)?|from|after|following|of)\s+(?P<what>[^.;\n]{0,80}))",
    "renewal_ctx": rf"(?i:{P['renewal_context']})",
    "renewal": rf"(?i:{DUR})\s*(?:['’]s?\s*)?(?:\(\s*\d+\s*\)\s*)?(?:(?:prior\s+)?(?:written\s+)?notice\s+(?:of\s+(?:non-?)?renewal\s+)?)?{P['before_end']}",
    "before_end": P['before_end'],
    "the_effective": r"(?:the\s+)?[\"“]?(?:Effective\s+Date|EFFECTIVE\s+DATE)\b",
    "amendment": r"(?i:\b(?:amendment|supplement|waiver|modification)s?\b)",
    "period_lead": r"(?:the\s+period\s+)?(?:from\s+)?",
}.items()}}.items()}


__all__ = ["RX"]
