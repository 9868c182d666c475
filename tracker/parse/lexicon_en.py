"""The English vocabulary of the obligation rules, as data: ``data/lexicon_en.toml``.

Role words, kinds of duty, penalty bases, contingency cues, payment terms and title labels map
phrasings to the canonical ids of ``shared/spec/parse-output.md``. The rules in ``rules_en``,
``duties_en`` and ``parties_en`` read their vocabulary from here and nowhere else (time words —
events, relations, units, ordinals — are the time layer's: ``timex_lexicon``): a new drafting habit is a new entry in the TOML file, with a row in
``tests/examples/en_obligations.tsv``.
"""

from __future__ import annotations

import re
from typing import Any

from tracker.parse import toml_data
from tracker.parse.rx_prefilter import guard

_DATA: dict[str, Any] = toml_data.load("lexicon_en.toml")


def _table(name: str) -> tuple[tuple[str, str], ...]:
    return tuple((row["id"], row["pattern"]) for row in _DATA[name])


#: role words → provider / client, in the order they are tried
ROLES: tuple[tuple[str, str], ...] = tuple(
    (word, role) for role in ("provider", "client") for word in _DATA["roles"][role]
)
#: longest first across both roles: "service provider" is tried before "provider"
ROLES = tuple(sorted(ROLES, key=lambda wr: -len(wr[0])))
BOTH_SUBJECTS: str = _DATA["subjects"]["both"]
KINDS = _table("kinds")
BASES = _table("bases")
HAND_OVER: str = _DATA["duties"]["hand_over"]
CLIENT_NOT_DATA: str = _DATA["duties"]["client_not_data"]
CONTINGENT: tuple[str, ...] = tuple(_DATA["duties"]["contingent"])
PAYMENT_TERMS: str = _DATA["duties"]["payment_terms"]
REMAINDER: str = _DATA["duties"]["remainder"]
RIGHT: str = _DATA["duties"]["right"]
_ROLE_WORDS = "|".join(re.escape(w) for w in sorted((w for r in ("provider", "client") for w in _DATA["roles"][r]),
                                                    key=len, reverse=True))
PRESENT_DUTY: str = _DATA["duties"]["present_duty"]
#: a duty's verb: a modal, or a role word's present-tense verb ("the Supplier delivers …")
MODAL: str = _DATA["duties"]["modal"] + rf"|\b(?:{_ROLE_WORDS})\s+(?:{PRESENT_DUTY})\b"
DEFINITION: str = _DATA["duties"]["definition"]
INVOICED: str = _DATA["duties"]["invoiced"]
INVOICE_VERB: str = _DATA["duties"]["invoice_verb"]
REPORT: str = _DATA["duties"]["report"]
DEADLINE_HEADER: str = _DATA["duties"]["deadline_header"]
REVISED_HEADER: str = _DATA["duties"]["revised_header"]
PARTY_HEADER: str = _DATA["duties"]["party_header"]
TOTAL_ROW: str = _DATA["duties"]["total_row"]
AMOUNT_HEADER: str = _DATA["duties"]["amount_header"]
TITLE_LABELS: str = _DATA["duties"]["title_labels"]
TITLE_NAMED: str = _DATA["duties"]["title_named"]
TITLE_DEFINED: str = _DATA["duties"]["title_defined"]
PENALTY_CUES: str = _DATA["penalties"]["cues"]
LATE_PAYMENT: str = _DATA["penalties"]["late_payment"]
LATE_DELIVERY: str = _DATA["penalties"]["late_delivery"]

#: compiled once: the rules run these on every sentence
KINDS_RX: tuple[tuple[str, re.Pattern[str]], ...] = tuple((k, re.compile(p, re.I)) for k, p in KINDS)
#: the kinds' entries that only open a service (``opening = true``)
OPENING_RX: tuple[re.Pattern[str], ...] = tuple(rx for (_, rx), row in zip(KINDS_RX, _DATA["kinds"], strict=True)
                                               if row.get("opening"))
ROLES_RX = re.compile(guard("|".join(rf"\b(?P<r{i}>{re.escape(w)})\b" for i, (w, _) in enumerate(ROLES)), re.I), re.I)
ROLE_IDS: tuple[str, ...] = tuple(r for _, r in ROLES)


def opens_service_only(action: str) -> bool:
    """The duty's kind comes from an entry that only opens a service ("provision the production tenant")."""
    rx = next((rx for _, rx in KINDS_RX if rx.search(action)), None)
    return rx is not None and rx in OPENING_RX
