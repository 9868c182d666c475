"""The time layer's vocabularies as data: events with canonical ids, relation words, units, weekdays.

One table per language. The Chinese tables are written in the normalised script (Simplified,
half-width), so Traditional contracts (簽訂 → 签订, 決標 → 决标, 工作天) are read by the same rows;
words only Taiwan drafters use (决标, 收受, 日历天, 工作天) are rows of their own.

Event ids are the general layer's (``award``, ``go_live``, ``warranty_end`` …); ``SCHEMA_EVENT`` maps
them onto the obligations document's eight events one step later (an id not in the map is ``other``).
Within a table, the longest match wins and, for equal lengths, the earlier row.
"""

from __future__ import annotations

from tracker.parse.lexicon_zh import EVENT_WORDS, WARRANTY

#: (canonical id, regex) — Chinese: the one Chinese event vocabulary lives in lexicon_zh
EVENTS_ZH = EVENT_WORDS

#: (canonical id, regex) — English, matched case-insensitively
EVENTS_EN: tuple[tuple[str, str], ...] = (
    ("warranty_end", r"(?:expiry|expiration|end)\s+of\s+the\s+(?:[\w()-]+[\s-]+){0,4}?warranty\s+period"),
    ("renewal_start", r"renewal\s+term\s+(?:starts|begins|commences)"),
    ("renewal_expiry", r"end\s+of\s+the\s+(?:then[-\s]current\s+)?renewal\s+term"),
    ("expiry", r"(?:the\s+)?(?:expiry|expiration|renewal|end)\s+date|end\s+of\s+the\s+(?:initial\s+|then[-\s]current\s+)?term"
               r"|(?:end|expiry|expiration)\s+of\s+the\s+(?!warranty|renewal|payment)[a-z][\w-]*\s+term\b"  # the Reserved Term
               r"|end\s+of\s+the\s+subscription\s+term|(?:your|the)\s+subscription\s+(?:ends|expires|terminates)"
               # a term the contract names ("…remains in force for six (6) weeks (the "POC Period")")
               r"|(?:end|expiry|expiration|last\s+day)\s+of\s+the\s+(?!warranty|payment|notice|cure|grace|objection|review"
               r"|acceptance|trial|test|renewal)(?:[\w-]+\s+){0,2}?(?:period|term)\b"
               r"|end\s+of\s+this\s+(?:agreement|contract|sow|statement\s+of\s+work|order(?:\s+form)?|schedule|engagement|rider|addendum)"
               r"|(?:the\s+)?(?:contract|agreement|service|subscription|licen[cs]e|engagement)\s+(?:period|term)\s+(?:ends|expires|terminates)"
               r"|this\s+(?:term\s+sheet|letter(?:\s+of\s+[a-z]+)?|memorandum(?:\s+of\s+understanding)?|quotation|proposal)\s+(?:ends|expires|terminates)"
               r"|(?:this\s+|the\s+)?(?:agreement|engagement|contract|sow|statement\s+of\s+work|order(?:\s+form)?|term)\s+(?:ends|expires|terminates)|\bexpiry\b|\bexpiration\b|termination"),
    ("effective", r"(?:sow\s+)?effective\s+date|comes?\s+into\s+(?:force|effect)|becom\w+\s+effective"),
    ("commencement", r"commencement\s+date|\b(?:the|its|this)\s+start\s+date"),  # (not "the Order Start Date")
    ("signing", r"date\s+of\s+this\s+(?:agreement|contract)|execution(?:\s+of\s+this\s+(?:agreement|sow|contract))?"
                r"|signature|signing|signed|countersign(?:s|ed|ing|ature)?|(?:both\s+parties|the\s+parties|each\s+party)\s+sign\b"),
    # a bare "after deployment", not a deployment's plan or review, nor one to a test environment
    ("go_live", r"go[-\s]live(?:\s+date)?|\bdeployment\b(?!\s+(?:of|plan|guide|environment|team|support|services?|fees?|approval"
                r"|readiness|review|window)\b)(?![^.;,]{0,24}\b(?:test(?:ing)?|staging|UAT|sandbox)\s+environment)"),
    ("kickoff", r"kick[-\s]?off(?:\s+meeting)?"),
    ("closing", r"closing\s+date|\bclosing\b"),
    ("trade_date", r"trade\s+date"),
    ("order_start", r"order\s+start\s+date"),
    ("milestone", r"milestone(?:\s+completion)?(?:\s+date)?"),
    ("evaluation_report", r"evaluation\s+report|(?:acceptance\s+)?test\s+report|(?:model\s+)?validation\s+report"
                          # the report signed off or approved is still the report's event (its acceptance is another)
                          r"|(?:written\s+)?(?:sign[\s-]off|approval)\s+of\s+the\s+(?:[\w-]+\s+){0,3}?(?:evaluation|validation|test)\s+report"),
    ("data_delivery", r"(?:receipt|delivery|provision)\s+of\s+(?:the\s+)?(?:client|customer|licensee|buyer|purchaser)['’]s\s+"
                      r"(?!(?:[\w-]+\s+){0,2}?(?:acceptance|royalty|usage|signed|invoice))(?:[\w-]+\s+){0,3}?"
                      r"(?:data|history|logs|files|samples|images|recordings|corpus|dataset|documents|records)\b"
                      r"|(?:receipt|delivery|provision)\s+of\s+(?:[\w-]+\s+){0,3}?(?:training\s+)?"
                      r"(?:data|images|recordings|samples?(?:\s+set)?|corpus|dataset|data\s+set|(?:training|test|evaluation)\s+set)"
                      r"|(?:data|dataset|corpus)\s+(?:is|are|has\s+been|have\s+been)\s+(?:delivered|received|made\s+available|provided)"
                      r"|(?:receiving|(?:it|the\s+\w+)\s+receives)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                      r"(?:data|dataset|corpus|transcripts|images|recordings|samples|(?:training|test|evaluation)\s+set)\b"
                      # the side that hands it over, as a clause: "after Client delivers the complete Pilot Dataset"
                      r"|(?:client|customer|buyer|partner|licensee)\s+(?:delivers|provides|supplies|uploads|makes\s+available)\s+"
                      r"(?:the\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:data|dataset|data\s+set|corpus|images|recordings|samples"
                      r"|(?:training|test|evaluation)\s+set)\b"),
    ("model_delivery", r"(?:delivery|deployment)\s+of\s+the\s+(?:[\w-]+\s+){0,2}?(?:models?|SDK)\b|(?:delivering|deploying)\s+the\s+(?:[\w-]+\s+){0,2}?(?:models?|SDK)\b|models?\s+(?:is|are|has\s+been|have\s+been)\s+(?:delivered|deployed)"
                       r"|(?:final|production)\s+release"
                       r"|(?:tenant|instance|environment|system|platform)\s+(?:is|has\s+been)\s+(?:provisioned|deployed|delivered)"),
    ("acceptance", r"(?:signed\s+)?(?:final\s+|milestone\s+)?acceptance(?:\s+(?:date|certificate|confirmation|form))?"
                   r"|(?:UAT\s+|final\s+|customer\s+|client\s+)?sign[\s-]off\b"
                   r"|pass(?:es|ed)?\s+(?:the\s+)?(?:final\s+)?(?:acceptance|inspection)|acceptance\s+of\s+the\s+model|(?:is|has\s+been)\s+accepted"
                   r"|\b(?:it|we|the\s+(?:client|customer|buyer|principal))\s+accepts\b"
                   r"|(?:written\s+)?approval\s+of\s+the\s+(?:[\w-]+\s+){0,3}?(?:report|deliverable|milestone|plan)"
                   r"|(?:written\s+)?approval\s+of\s+(?:deliverable\s+|milestone\s+)?[DM]\d{1,2}\b"),  # "approval of D1"
    ("invoice_month_end", r"end\s+of\s+(?:the\s+)?month"),
    ("invoice", r"(?:undisputed\s+|valid\s+)?(?:invoice|fapiao)(?:\s+date)?|invoice\s+is\s+received|payment\s+(?:notice|request)"),
    ("incident_awareness", r"becoming\s+aware"),
    ("maintenance_window", r"(?:scheduled\s+)?maintenance\s+window"),
    ("due_date", r"due\s+date|past\s+due"),
    ("request", r"(?:written\s+)?request"),
    ("notice", r"(?:prior\s+)?(?:written\s+)?notice"),
    # "Delivery" alone is the contracted deliverable's (the model's); delivery of data is its own row above
    ("delivery", r"(?:delivery|receipt)\s+of\s+(?:each|the)\s+deliverable|deliverable|delivery(?!\s+of\b)"),
)

#: the obligations document's events; every other id maps to ``other``
SCHEMA_EVENT: dict[str, str] = {
    "signing": "signing", "effective": "effective", "data_delivery": "data_delivery",
    "model_delivery": "model_delivery", "acceptance": "acceptance", "invoice": "invoice",
    "evaluation_report": "evaluation_report", "expiry": "expiry",
    "kickoff": "effective", "commencement": "effective",
    "preliminary_acceptance": "acceptance", "milestone_acceptance": "acceptance",
    "payment_request": "invoice", "go_live": "model_delivery", "installation": "model_delivery",
    # a subscribed service (API, account, cluster) opened to the client is the service's delivery
    "service_start": "model_delivery",
    "termination": "expiry", "renewal_expiry": "expiry",
    # the provider's deliverable in a training contract is the model (or the system that carries it);
    # the client's data has its own rows above
    "delivery": "model_delivery",
    # a batch reconciled (对账确认) or a settlement confirmed is the batch accepted
    "reconciliation": "acceptance", "settlement_confirmation": "acceptance",
    # a batch of tasks taken up (领取任务): the data to label handed over
    "task_batch_issue": "data_delivery",
}

#: duration units: normalised word → (field, factor, business days)
UNITS_ZH: tuple[tuple[str, tuple[str, int, bool]], ...] = (
    (r"个?工作日|个?工作天|个?营业日|个?银行工作日", ("D", 1, True)),
    (r"个?自然日|个?日历日|个?日历天|个?公历日", ("D", 1, False)),
    (r"个?(?:星期|礼拜)|个?周", ("W", 1, False)),
    (r"个?小时", ("H", 1, False)),
    (r"个?季度", ("M", 3, False)),
    (r"个?月", ("M", 1, False)),
    (r"年", ("Y", 1, False)),
    (r"日|天", ("D", 1, False)),
)
UNITS_EN: tuple[tuple[str, tuple[str, int, bool]], ...] = (
    (r"business\s+days?|working\s+days?|banking\s+days?", ("D", 1, True)),
    (r"calendar\s+days?|days?", ("D", 1, False)),
    (r"(?:calendar\s+)?weeks?", ("W", 1, False)),
    (r"(?:calendar\s+)?months?", ("M", 1, False)),
    (r"(?:calendar\s+)?years?", ("Y", 1, False)),
    (r"hours?", ("H", 1, False)),
)

WEEKDAYS_ZH = {"一": "MO", "二": "TU", "三": "WE", "四": "TH", "五": "FR", "六": "SA", "日": "SU", "天": "SU"}
WEEKDAYS_EN = {"monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR",
               "saturday": "SA", "sunday": "SU"}
_UNITS_ORD = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
ORDINALS_EN: dict[str, int] = {
    **{w: i + 1 for i, w in enumerate(_UNITS_ORD)}, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, **{f"twenty-{w}": 21 + i for i, w in enumerate(_UNITS_ORD)}, "thirtieth": 30,
    "thirty-first": 31, "last": -1,
}

#: relation words → relation id. ``after``: counted forward from the thing before it; ``before``:
#: backward; ``within``: closes a period; ``by``: a latest day; ``same``: on the event itself
RELS_ZH: tuple[tuple[str, str], ...] = (
    ("exclusive", r"\(不含(?:当日|当天|本日)?\)"),
    ("inclusive", r"\((?:含|包含|包括)(?:当日|当天|本日)?\)"),
    ("after", r"(?:之日|当日|日)?(?:的)?次日起(?:算|计算?)?|(?:之日|当日|日)?起(?:算|计算?)?(?:的)?|之日后的?|之后的?|以后的?|后的?|过后"),
    ("by", r"不晚于|不迟于|不得晚于|不得迟于|最迟(?:不晚于|不得晚于|应于|须于|于|在)?|至迟(?:不得晚于|于|在)?|最晚(?:不超过|于)?|截至|截止(?:到|至)?"),
    ("before", r"届满前|之前|以前|前"),
    ("within", r"之内|以内|内"),
    ("until", r"为止|止"),
    ("at_least", r"不少于|不得少于|至少|提前"),
    ("not_more", r"不超过|不得超过|最长不超过"),
    ("full", r"满|超过|达到|达|逾"),
    ("between", r"之间"),
    ("same", r"当日|当天|立即|同时|之时|时(?![间限效点段期])"),
)
RELS_EN: tuple[tuple[str, str], ...] = (
    ("by", r"on\s+or\s+(?:before|prior\s+to)|(?:by\s+)?no\s+later\s+than|not\s+later\s+than|\bby\b|until"),
    ("at_least", r"at\s+least|no\s+fewer\s+than|not\s+less\s+than|no\s+less\s+than"),
    ("not_more", r"no\s+more\s+than|not\s+(?:to\s+)?exceed(?:ing)?|not\s+more\s+than"),
    ("before", r"prior\s+to|before|in\s+advance\s+of"),
    ("within", r"within|during\s+the"),
    ("after", r"after|following|from|of|commencing\s+on|starting\s+on|upon\s+receipt\s+of|upon|on\s+the\s+date\s+of"),
)

#: a second step of the same duty that adds its period (收到发票后5个工作日内审核，审核通过后10个工作日内付款)
STEP_ZH = r"[^,。;]{0,8}[,]?\s*(?:经)?(?:审核|审批|审查|核对|复核|核验)(?:通过|无误|完毕|完成|合格)?(?:之日)?后\s*(?:的)?\s*"
#: a period with no end
#: a duty with no end (its words alone; "不因本合同终止而解除" survives for a period stated or not)
NO_END_ZH = r"永久|长期有效|无限期|始终有效|无固定期限|不受期限限制"
PERPETUAL_ZH = rf"{NO_END_ZH}|不因[^,。;]{{0,10}}终止而(?:终止|失效)"

#: what a bare period counts from when the sentence names no event: the word before it
DEFAULT_ANCHOR_ZH: tuple[tuple[str, str], ...] = (
    ("acceptance", rf"(?:{WARRANTY}|免费维护|维护)期"),
    ("effective", r"有效期|合同期限|协议期限|服务期限?|周期|工期|履约期限?|租赁期限?"),
)
#: words before a period that make it how long a state lasts, not a deadline: "for three (3) years after
#: termination", "during a period of", "at least", "up to" (English; a relation word like "within" overrides)
LASTING_EN = (r"(?:\bfor|during|period\s+of|term\s+of|at\s+least|not\s+less\s+than|up\s+to)\s+"
              r"(?:a\s+(?:further\s+)?period\s+of\s+)?$")
#: payment terms counted from the invoice: "Net 30", "net 45 days"
NET_EN = r"\bnet\s+(?P<n>\d{1,3})(?:\s+days)?\b"
#: relation words that tie a duty to an event with no period ("invoiced upon Acceptance", "on signature")
BARE_EN = r"upon|after|following|on"

DEFAULT_ANCHOR_EN: tuple[tuple[str, str], ...] = (
    ("acceptance", r"warranty\s+period"),
    ("effective", r"\bterm\b"),
)

__all__ = ["BARE_EN", "DEFAULT_ANCHOR_EN", "LASTING_EN", "NET_EN", "DEFAULT_ANCHOR_ZH", "EVENTS_EN", "NO_END_ZH", "EVENTS_ZH", "ORDINALS_EN", "RELS_EN", "RELS_ZH", "SCHEMA_EVENT", "UNITS_EN", "UNITS_ZH",
           "WEEKDAYS_EN", "WEEKDAYS_ZH"]
