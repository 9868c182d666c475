"""What a user must be told is missing from a parsed contract (issue 8: never a silent miss).

Works on the parse document of ``shared/spec/parse-output.md`` (a dict), so the parser's view,
``tracker add`` and the store share one rule without the store importing the parser.
"""

from __future__ import annotations

from typing import Any


def gaps(doc: dict[str, Any]) -> list[str]:
    """What a user must know is missing from a parsed document (the spec's JSON): no payment, no
    delivery, no late-payment clause, and how many timed duties were flagged, in plain words."""
    kinds = {o.get("kind") for o in doc.get("obligations") or []}
    penalties = {p.get("kind") for p in (doc.get("contract") or {}).get("penalties") or []}
    out = []
    if "payment" not in kinds:
        out.append("no payment instalment found")
    if not kinds & {"data_delivery", "model_delivery"}:
        out.append("no data or model delivery found")
    if "late_payment" not in penalties:
        out.append("no late-payment penalty clause found")
    flagged = sum(1 for w in doc.get("warnings") or [] if w.get("code") == "unrecognised_duty")
    if flagged:
        out.append(f"{flagged} sentence(s) state a duty with a deadline the parser could not read "
                   "(unrecognised_duty): check them and add what is missing")
    return out
