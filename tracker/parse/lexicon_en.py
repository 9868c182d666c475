"""English vocabulary as data, one place: role words, events, kinds, penalty bases, contingency cues.

Each table maps phrasings (regular expressions, matched case-insensitively) to the canonical ids
of ``shared/spec/parse-output.md``. The rules in ``rules_en``, ``time_en``, ``duties_en`` and
``parties_en`` read these tables and nothing else for vocabulary: a new drafting habit is a new
row here, with a row in ``tests/examples/en_obligations.tsv``.
"""

from __future__ import annotations

#: role words → provider / client (longest first: "service provider" before "provider")
ROLES: tuple[tuple[str, str], ...] = (
    ("service provider", "provider"), ("provider", "provider"), ("contractor", "provider"),
    ("supplier", "provider"), ("vendor", "provider"), ("developer", "provider"), ("licensor", "provider"),
    ("consultant", "provider"), ("seller", "provider"), ("processor", "provider"),
    ("commissioning party", "client"), ("client", "client"), ("customer", "client"), ("purchaser", "client"),
    ("principal", "client"), ("buyer", "client"), ("employer", "client"), ("licensee", "client"),
    ("subscriber", "client"),
)

#: subjects that bind both sides: "The Parties shall hold…", "Each Party shall…"
BOTH_SUBJECTS = r"(?:the\s+|both\s+)?parties|each\s+party|either\s+party|both\s+parties"

#: anchor events → canonical ids. Matched in the words after "after/following/of/from/upon"; the
#: earliest match wins, ties go to the earlier row.
EVENTS: tuple[tuple[str, str], ...] = (
    ("acceptance", r"(?:signed\s+)?(?:final\s+)?acceptance\s+(?:certificate|confirmation|form|date)"),
    ("evaluation_report", r"evaluation\s+report|(?:acceptance\s+)?test\s+report"),
    ("invoice", r"invoice|fapiao|payment\s+(?:notice|request)"),
    ("expiry", r"expiry|expiration|termination|end\s+of\s+the\s+(?:initial\s+|subscription\s+)?term"),
    ("signing", r"sign(?:ing|ature|ed)|execution\s+of\s+this|\bexecution\b|date\s+of\s+this\s+(?:agreement|contract)"),
    ("effective", r"(?:\w+\s+)?effective\s+date|commencement\s+date|comes?\s+into\s+(?:force|effect)|becom\w+\s+effective"),
    ("data_delivery", r"(?:receipt|delivery|provision)\s+of\s+(?:[\w-]+\s+){0,3}?(?:training\s+)?data"
                      r"|data\s+(?:is|are|has\s+been)\s+(?:delivered|received)"),
    ("model_delivery", r"delivery\s+of\s+the\s+(?:trained\s+)?model|model\s+(?:is|has\s+been)\s+delivered|go-live"),
    ("acceptance", r"passes\s+acceptance|acceptance\s+of\s+the\s+model|final\s+acceptance|(?:is|has\s+been)\s+accepted"
                   r"|acceptance"),
)

#: what a duty is about → kind; the first row that matches the action wins
KINDS: tuple[tuple[str, str], ...] = (
    ("payment", r"\bpa(?:y|id)\b|\bpayment|instal(?:l)?ment|\bbalance\b|\bfees?\b|\bpayable\b|\bretention\b"),
    # a report that shows the acceptance metrics (evaluation, test or accuracy report)
    ("evaluation_report", r"evaluation\s+report|test\s+report|accuracy\s+report"
                          r"|report\b[^.;]{0,80}\b(?:accuracy|recall|f1|precision)\b"),
    ("progress_report", r"(?:progress|status|availability|service\s+level|monthly|weekly|quarterly|periodic)\s+"
                        r"(?:[\w-]+\s+){0,2}?(?:report|update)"),
    ("model_delivery", r"\bmodel\b[^.;]{0,40}\b(?:deliver|complete)|(?:deliver|complet)\w*\s+(?:[\w-]+\s+){0,4}?model"
                       r"|(?:go[\s-]live|production\s+environment|deploy\w*\s+(?:the\s+)?(?:model|system|platform))"),
    ("data_delivery", r"\b(?:training\s+)?data\b|\bimages\b|\brecordings\b|\bsamples?\b|sample\s+documents|\bcorpus\b"
                      r"|\bdataset|onboarding\s+package"),
    ("other", r"\bdeliver|\bsubmit|\bprovide|\bcomplete|\bissue|\bsend|\breturn|\bdelete|\bdestroy|\bhold\b"
              r"|\bmeeting\b|\bcertify|\bconfirm"),
)

#: a duty to hand something over (a client handing something over in a training contract gives data)
HAND_OVER = r"deliver|provide|supply|submit|hand\s+over|make\b.{0,60}\bavailable|upload"

#: duties that wait on something that may never happen (spec: not obligations)
CONTINGENT = (
    r"\bcure\b|\bredeliver|\bcorrect\s+(?:any|the|such)|\bremed(?:y|ies)\s+(?:any|the|such)\s+(?:defect|breach|failure)",
    r"\bdeemed\b",
    r"\bdispute",
    r"\brequest",
    r"security\s+incident|\bincident\b|becoming\s+aware",
    r"service\s+credits?",
    r"\bsurviv",
    r"fails?\s+to\b|\bbreach",
    r"liquidated|damages|penalt|compensat|late\s+(?:interest|charge|fee)",
    r"maintenance",
)

#: "each invoice" terms: how long the client has to pay any invoice (applied to the instalments)
PAYMENT_TERMS = r"pay\s+(?:each|every|all|any)\s+(?:undisputed\s+|valid\s+|correct\s+)?invoices?|\bnet\s+\d+|invoices?\s+(?:are|is|shall\s+be)\s+(?:due|payable)"

#: an instalment whose timing says when it is invoiced: the payment terms give its deadline
INVOICED = r"\binvoic(?:ed|ing)\b"

#: penalty bases → canonical ids
BASES: tuple[tuple[str, str], ...] = (
    ("total_fee", r"total\s+(?:service\s+)?(?:fees?|charges?)|contract\s+(?:price|amount|sum)|total\s+(?:contract\s+)?price"
                  r"|(?:SOW|order|project)\s+fees"),
    ("overdue_amount", r"overdue\s+(?:amount|sum|payment|balance)|outstanding\s+amount|unpaid\s+amount|amount\s+overdue"
                       r"|late\s+amount"),
    ("delayed_amount", r"delayed\s+(?:portion|part|deliverables?)|undelivered\s+(?:portion|part)"
                       r"|portion\s+(?:delayed|not\s+delivered)"),
)

#: labels of the stated project name (the contract's ``title``)
TITLE_LABELS = r"Project\s+(?:Name|Title)|Subscribed\s+Service|Name\s+of\s+(?:the\s+)?Project"

#: rows of a fee table that sum up the others, not instalments
TOTAL_ROW = r"\*{0,2}\s*(?:total|sum|subtotal|grand\s+total)\b"

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25,
    "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31, "last": -1,
}

WEEKDAYS = {"monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR",
            "saturday": "SA", "sunday": "SU"}
