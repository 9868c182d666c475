"""The title of an English contract: the project's name by its label ("Project Name: …"), a project
named in prose ('the project named "…"') or by the definitions ('"Project" means the … Platform'), else
the document's heading."""

from __future__ import annotations

import re

from tracker.parse import rx_literals as rxl
from tracker.parse.common import BaseCtx, Facts
from tracker.parse.lexicon_en import TITLE_DEFINED, TITLE_LABELS, TITLE_NAMED

_DEFINED_AS = re.compile(r"\s*\((?:the\s+|hereinafter\s+)?[\"“][^\"”()]{1,40}[\"”]\)$")
_HEADING = re.compile(r"\s*[#*\s]*(?P<t>[A-Z][^\n.;:]{3,100}?(?:AGREEMENT|Agreement|CONTRACT|Contract|STATEMENT OF WORK|"
                      r"Statement of Work|ORDER FORM|Order Form|ADDENDUM|Addendum))[*\s]*\n")


def rule_title(ctx: BaseCtx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    m = rxl.search(rf"(?:{TITLE_LABELS})[\"”]?\s*(?::|\.(?=[ \t]*\S))\s*", ctx.text, re.I)  # (not a sentence's full stop; '"Project Name": X')
    if not m:
        named = rxl.search(TITLE_NAMED, ctx.text, re.I) or _defined(ctx.text)  # 'the project named "…"'
        if named:
            facts.title = named.span("t")
        elif (head := _HEADING.match(ctx.text)) is not None:  # no project named: the document's own heading
            facts.title = head.span("t")
        return facts
    end = ctx.text.find("\n", m.end())
    end = len(ctx.text) if end < 0 else end
    value = _DEFINED_AS.sub("", ctx.text[m.end():end].rstrip(" .;,"))  # '… (Phase 1) (the "Project")': the name only
    if value and "[" not in value and "_" not in value:
        facts.title = (m.end(), m.end() + len(value))
    return facts


#: a definition's words that describe work instead of naming a project: the parties, the agreement's own parts
_DESCRIBES = re.compile(r"\b(?:Provider|Customer|Client|Supplier|Vendor|Licensee|Licensor|Contractor|Consultant|Agreement|"
                        r"Services?|Deliverables?|Schedule|Statement|Order|Work|All|Any)\b|['’]s\b")
_SMALL = frozenset({"and", "for", "of", "the", "in", "on", "to", "a", "an", "with", "-", "–", "&"})


def _defined(text: str) -> re.Match[str] | None:
    """'"Project" means the Fleet Dispatch Optimisation Platform described in …': a name (each word capitalised
    but the small ones), not a description ("Provider's performance of the Services", "Services and Deliverables")."""
    m = rxl.search(TITLE_DEFINED, text)
    if m is None or _DESCRIBES.search(m.group("t")):
        return None
    return m if all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL for w in m.group("t").split()) else None
