"""Phrasings of the English contract-level date facts, as data (read by ``facts_en``).

Each table is a regular-expression fragment or a tuple of them; ``facts_en`` composes them with
the date and duration tokens. Add a phrasing here (with rows in tests/examples/facts_en.tsv),
not as a literal in the rules.
"""

from __future__ import annotations

#: the names an instrument calls itself ("This Consulting Agreement", "THIS AMENDMENT", "This MSA")
INSTRUMENT = (
    r"(?:Agreement|AGREEMENT|Contract|CONTRACT|Amendment|AMENDMENT|Addendum|ADDENDUM|Lease|LEASE|"
    r"Licen[cs]e|LICEN[CS]E|MSA|SOW|Deed|DEED|Memorandum\s+of\s+Understanding|MEMORANDUM\s+OF\s+UNDERSTANDING|"
    r"Statement\s+of\s+Work|STATEMENT\s+OF\s+WORK|Order\s+Form|ORDER\s+FORM)"
)
#: a number after the noun: "THIS AMENDMENT NO. 2", "Statement of Work No. 1"
INSTRUMENT_NO = r"(?:\s+(?:No|NO|Number)\.?\s*[\dA-Z][\dA-Za-z-]{0,8})?"
#: words of a title between "This" and the instrument noun; never a word that starts another phrase
#: ("This Amendment to the Licence Agreement dated …": the date belongs to the other agreement)
TITLE_WORD = (
    r"(?!(?:to|To|TO|the|The|THE|that|certain|with|under|dated|of|OF|by|in|between|is|was|shall|for|as)\b)"
    r"[A-Za-z0-9&'’.\-/]+"
)
#: a defined-term parenthesis or a comma between the instrument and its verb: ("Agreement"), (this "Agreement"),
GAP = r"(?:\s*\((?:[^()\n]|\([^()\n]{0,40}\)){0,120}\))?\s*,?\s*(?:(?:is|was|are|has\s+been|shall\s+be|will\s+be)\s+)?(?:hereby\s+)?"

#: verbs that date the instrument: "dated", "made and entered into", "executed", "made, entered into and effective"
SIGN_VERB = r"(?:dated|made|entered\s+into|executed|signed|concluded)"
EFFECT_VERB = r"(?:effective)"
VERB_CHAIN = (
    rf"(?P<verbs>(?:{SIGN_VERB}|{EFFECT_VERB})(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)?"
    rf"(?:(?:{SIGN_VERB}|{EFFECT_VERB})(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)?){{0,3}})"
)
#: what stands between the verbs and the date: "as of this", "on", "the", "effective as of"
DATE_LEAD = r"\s*(?:(?:as\s+of|on|at|with\s+effect\s+from|effective\s+as\s+of|effective)\s+)?(?:(?:this|the)\s+)?"

#: a cover line that dates the document: "Dated as of November 3, 2010", "DATED 15TH DECEMBER 2001"
COVER_DATED = r"(?m:^)[ \t*#_]*(?:dated|DATED|Dated)\s*:?\s*(?:as\s+of\s+|AS\s+OF\s+)?(?:(?:this|the)\s+)?"

#: where recitals or the operative text begin: the cover ends before them
BODY_START = r"\b(?:WHEREAS|Whereas|RECITALS|Recitals|BACKGROUND|NOW,?\s+THEREFORE|Now,?\s+therefore|WITNESSETH)\b"

#: a statement next to the signatures: "Signed in September 17, 2008", "executed on 5 May 2020"
SIGNED_ON = r"\b(?:[Ss]igned|[Ee]xecuted|SIGNED|EXECUTED)\s+(?:in\s+\w+(?:\s+\w+)?\s+)?(?:on|in|at|this)\s+(?:(?:this|the)\s+)?"
#: labels of a signature block; a date near two of them is a signature date
SIGNATURE_LABELS = (r"\bBy\s*:", r"\bName\b", r"\bTitle\b", r"\bSignature\b", r"\bSigned\b", r"\bPlace\b",
                    r"\bDated?\s*:", r"\bWitness\b", r"\bPrint(?:ed)?\s+Name\b", r"\bIts\s*:",
                    r"\bAuthori[sz]ed\s+(?:[Ss]ignatory|[Rr]epresentative|[Ss]ignature)", r"(?m:^)[ \t]*For\s+(?:and\s+on\s+behalf\s+of\s+)?[^\n:]{0,60}:")
#: where the signatures start
WITNESS = (r"IN\s+WITNESS\s+WHEREOF|In\s+Witness\s+Whereof|In\s+witness\s+whereof|SIGNED\s+(?:for|by)\b|"
           r"Signed\s+(?:for\s+and\s+on\s+behalf|by\s+the\s+(?:duly\s+)?authori[sz]ed)|Agreed\s+and\s+signed|"
           r"AGREED\s+AND\s+ACCEPTED|Agreed\s+and\s+accepted")
#: a witness clause that dates the signatures by the date above: "executed … as of the date first above written"
WITNESS_REFERS_BACK = (
    r"\bas\s+of\s+(?:the\s+)?(?:(?:date|day\s+and\s+year)\s+(?:first\s+)?(?:(?:above|hereinabove|set\s+forth\s+above)\s*)"
    r"(?:written|set\s+forth|stated|mentioned)?|(?:date|day\s+and\s+year)\s+first\s+(?:written|set\s+forth)\s+above|"
    r"(?:the\s+)?effective\s+date|date\s+hereof)"
)

#: an effective date given by definition or label
EFFECTIVE_NAME = r"(?:(?<=[\"“”'*])|(?<![\w\"“”'*] ))(?:Effective\s+Date|EFFECTIVE\s+DATE)\s*[\"“”'*]*"
MEANS = r"\s*(?:of\s+this\s+\w+\s+)?(?:shall\s+)?(?:means?|mean|is|shall\s+be)\s*:?\s*(?:the\s+date\s+of\s+)?"
#: "This Agreement shall become effective on", "takes effect on", "comes into force on", "commences on"
EFFECT_STATEMENT = (
    r"(?:(?:shall|will|is\s+to)\s+)?(?:become\s+effective|be\s+effective|is\s+effective|becomes\s+effective|"
    r"take\s+effect|takes\s+effect|come\s+into\s+(?:force|effect)|comes\s+into\s+(?:force|effect)|"
    r"enter\s+into\s+(?:force|effect)|enters\s+into\s+(?:force|effect)|commence|commences|begin|begins|start|starts)"
    r"(?:\s+and\s+be\s+binding)?\s*(?:,\s*)?(?:beginning\s+)?(?:on|as\s+of|from|upon|with\s+effect\s+from|at)\s+"
)
#: what "effective on …" may point to when no date is written: the signatures
ON_SIGNING = (
    r"sign|execut|(?:last|later)\s+(?:of\s+the\s+)?(?:dates?|signature|party)|both\s+parties\s+have\s+signed"
)
#: anchors that are this contract's own start (a term counted from them ends at effective + term)
OWN_START = (
    r"effective\s+date|date\s+hereof|date\s+of\s+this\s+\w+|date\s+(?:on\s+which|that|when)\s+this\s+\w+|execution|"
    r"signing|signature|(?:date|day\s+and\s+year)\s+(?:first\s+)?(?:above|set\s+forth|written|hereinabove|stated)|"
    r"preamble|commencement\s+of\s+this"
)

#: who a term sentence is about: the instrument itself or its term
TERM_SUBJECT = (
    rf"\b(?:(?:this|This|THIS|the|The|THE)\s+(?:{TITLE_WORD}\s+){{0,4}}?{INSTRUMENT}|"
    r"(?:[Tt]he|[Ii]ts|THE)\s+(?:(?:[Ii]nitial|[Oo]riginal|primary|minimum|subscription|service|licen[cs]e|contract|agreement)\s+){0,2}"
    r"(?:[Tt]erm|TERM)|Term|TERM)\b"
)
#: who becomes effective: this instrument or its term ("The term of this Agreement (the "Term") shall commence on")
EFFECT_SUBJECT = (
    rf"\b(?:(?:this|This|THIS)\s+(?:{TITLE_WORD}\s+){{0,4}}?{INSTRUMENT}|"
    rf"(?:[Tt]he\s+)?(?:[Ii]nitial\s+)?(?:[Tt]erm|TERM)(?:\s+of\s+(?:this|the)\s+{INSTRUMENT})?)\b"
)
#: the verb phrase right before a term's duration
TERM_VERBS = (
    r"(?:continue|continues|remain|remains|be|is|stay|stays)\s+(?:valid|in\s+(?:full\s+)?(?:force|effect)(?:\s+and\s+(?:force|effect))?|effective|binding|in\s+existence)\s+(?:(?:for|during)\s+)?",
    r"(?:continue|continues|run|runs|last|lasts|extend|extends)\s+(?:for\s+)?",
    r"(?:have|has|for|with)\s+(?:an?\s+|the\s+)?(?:initial\s+|original\s+|minimum\s+)?term\s+of\s+",
    r"(?:term|TERM|Term)\s+(?:of\s+this\s+\w+\s+)?(?:(?:shall|will)\s+be|is|be)\s+(?:for\s+)?",
    r"(?:valid|effective|in\s+(?:force|effect))\s+for\s+",
)
#: "for a period of", "an initial period of", "a minimum period of": skipped before the duration
PERIOD_OF = r"(?:(?:an?|the)\s+)?(?:(?:initial|original|minimum|fixed|further|period)\s+)*(?:(?:period|term)\s+of\s+)?"
#: a term "until" an end date, or ended on a date; what may stand before "until": "shall continue in effect …"
END_LEAD = r"(?:continue|continues|remain|remains|be\s+(?:valid|effective)|run|runs|in\s+(?:force|effect)|commenc\w*|begin\w*|be\s+from|is\s+from|from)"
END_VERBS = r"(?:until|till|through|thru|to)\s+(?:and\s+including\s+)?"
END_ON = r"(?:expire[sd]?|terminates?|terminating|ends?|ending)\s+on\s+"
#: the sentence is about something else: a renewal period, survival after termination, a warranty
NOT_TERM = (
    r"renew|extension|extended|surviv|after\s+(?:the\s+)?(?:termination|expiration|expiry)|confidential|warrant|"
    r"non-?compet|non-?solicit"
)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20}

#: renewal notice: the sentence (or the one before) speaks of renewal; the duration is "before the end"
RENEWAL_CONTEXT = r"renew|non-?renewal|extend|extension|continue\s+(?:their|the|its)\s+cooperation"
BEFORE_END = (
    r"\s*(?:['’]s?\s*)?(?:\(\s*\d+\s*\)\s*)?(?:(?:prior\s+)?(?:written\s+)?notice\s+)?(?:prior\s+to|before|in\s+advance\s+of|preceding)\s+"
    r"(?:the\s+|its\s+|such\s+)?(?:(?:then[\s-]+)?(?:current|applicable)\s+)?"
    r"(?:expiration|expiry|end|termination|conclusion|anniversary|last\s+day|scheduled\s+expiration|renewal)"
)

#: lines a filing adds to every page ("Source: ACME CORP, 8-K, 10/1/2008", "Page 3 of 36"): never facts
PAGE_NOISE = (
    r"(?m:^)[ \t]*Source:[^\n]{0,160}\d{4}[ \t]*(?m:$)",
    r"(?m:^)[ \t]*Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?[ \t]*(?m:$)",
    r"(?m:^)[ \t]*-\s*\d{1,4}\s*-[ \t]*(?m:$)",
)
