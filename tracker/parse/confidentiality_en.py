"""The end of confidentiality in an English contract: "for three (3) years after termination", "this clause
survives the termination or expiry of this Agreement for a period of 3 (three) years", or for ever."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tracker.parse import rx_literals as rxl
from tracker.parse.common import Facts
from tracker.parse.penalties_en import _article_title
from tracker.parse.timex_scan import DUR_EN as DUR
from tracker.parse.timex_scan import en_duration

if TYPE_CHECKING:
    from tracker.parse.rules_en import Ctx

#: the period written after the survival: "shall survive the termination or expiry of this Agreement for a period of 3 years"
_SURVIVES_FOR = (r"surviv\w*\s+(?:the\s+|any\s+)?(?:termination|expiry|expiration)[^.;]{0,60}?\bfor\s+(?:a\s+(?:further\s+)?period\s+of\s+)?"
                 + DUR)


def rule_confidentiality(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    for u in ctx.units:
        s = ctx.unit_text(u)
        about = rxl.search(r"confidential", s, re.I) or (
            rxl.search(r"confidential", _article_title(ctx, u.label), re.I)
            and rxl.search(r"surviv|obligations?\b|continues?\s+to\s+apply|this\s+clause", s, re.I))
        # (in a "Data and Confidentiality" article, "delete the data within 20 days after expiry" is no period)
        if not about or not rxl.search(r"period|term|surviv|years?\s+after", s, re.I):
            continue
        if rxl.search(r"perpetu|indefinite|permanent|forever", s, re.I):
            facts.perpetual_confidentiality = True
            facts.confidentiality_span = (u.label, u.start, u.end)
            return facts
        m = rxl.search(_SURVIVES_FOR, s, re.I) or rxl.search(rf"{DUR}\s+(?:after|following|from)\s+(?:its|the|such)?\s*(?:termination|expiry|expiration"
                      r"|end\s+of\s+(?:the|this)\s+(?:[\w-]+\s+)?(?:term|agreement|contract|engagement|sow|statement\s+of\s+work|order\s+form)"
                      r"|(?:this|the)\s+(?:[\w-]+\s+)?(?:agreement|contract|term|period|sow|engagement|order\s+form|rider)\s+(?:ends|expires|terminates)"
                      r"|it\s+(?:ends|expires|terminates)|its\s+end\b|the\s+(?:[\w-]+\s+){0,2}?(?:end|expiry|expiration)\s+date)", s, re.I)
        # ("… after it ends / its end / the SOW End Date")
        if m and (got := en_duration(m)):
            facts.confidentiality_term = got.iso()
            facts.confidentiality_span = (u.label, u.start, u.end)
            return facts
    return facts
