"""Rules for Chinese contracts (Simplified after normalisation; Traditional is folded to it).

An ordered list of small rules, each reading the normalised text and adding to ``Facts``.
Phrase tables come first, so new wording is a table edit, not new logic.
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_right
from decimal import Decimal

from tracker.parse import cover_zh, duties_zh, lexicon_zh, parties_zh, tables_zh
from tracker.parse.clauses import Clauses
from tracker.parse.common import (
    BaseCtx,
    Facts,
    RawObligation,
    RawWarning,
    Unit,
    find_dates,
    find_money,
)
from tracker.parse.lexicon_zh import BOTH_RX, PARTY_RX, role_word
from tracker.parse.normalize import Normalized
from tracker.parse.numerals import CN_NUM_CHARS, NumeralError, cn_int, rate
from tracker.parse.timex_element import choose, time_element
from tracker.parse.timex_recur import Q_FIRST_MONTH, Q_LAST_MONTH

# ---------------------------------------------------------------- phrase tables


NUM = rf"(?:\d+|[{CN_NUM_CHARS}]+)"
DAY_UNITS = lexicon_zh.DAY_UNITS
DURATION_RX = re.compile(
    rf"(?:(?P<y>{NUM})\s*(?:个)?年(?!度))?\s*(?:(?P<mo>{NUM})\s*个?月)?\s*(?:(?P<d>{NUM})\s*(?P<du>{DAY_UNITS}|日|天|个?周|个?星期))?"
)
RATE_RX = re.compile(rf"[百千万]分之\s*(?:\d+(?:\.\d+)?|[{CN_NUM_CHARS}点]+)|\d+(?:\.\d+)?\s*[%‰]")

BASIS_WORDS = lexicon_zh.BASES
INSTALMENT_TITLE = re.compile(
    r"首期款|首付款|预付款|定金|第[一二三四五六七八九十\d]+(?:期|笔|次|季度)(?:款|服务费)?|进度款|中期款|(?:初验|终验)?验收款|尾款|余款|质保金|保证金|终验款|初验款"
)
DUTY = re.compile(rf"应|须|需|必须|负责|支付|给付|{lexicon_zh.OTHER_ACTION}")


def _duration(m: re.Match[str]) -> tuple[str, bool] | None:
    y, mo, d, du = m.group("y"), m.group("mo"), m.group("d"), m.group("du")
    if not (y or mo or d):
        return None
    try:
        parts = ""
        if y:
            parts += f"{cn_int(y)}Y"
        if mo:
            parts += f"{cn_int(mo)}M"
        business = False
        if d:
            n = cn_int(d)
            parts += f"{n}W" if ("周" in du or "星期" in du) else f"{n}D"
            business = bool(re.search(lexicon_zh.BUSINESS_DAY, du))
    except NumeralError:
        return None
    return "P" + parts, business


def parse_duration(text: str) -> tuple[str, bool] | None:
    """``六个月`` → ("P6M", False); ``5个工作日`` → ("P5D", True); ``一年六个月`` → ("P1Y6M", False)."""
    m = DURATION_RX.fullmatch(text.strip())
    return _duration(m) if m else None


def duration_at(s: str, pos: int) -> tuple[str, bool] | None:
    """The duration written at ``s[pos:]`` (after an optional 满), e.g. ``三十个日历日`` → P30D,
    ``两年半`` → P2Y6M."""
    m = re.compile(r"\s*满?\s*").match(s, pos)
    pos = m.end() if m else pos
    half = re.compile(rf"(?P<y>{NUM})\s*(?:个)?年半").match(s, pos)
    if half:
        with contextlib.suppress(NumeralError):
            return f"P{cn_int(half.group('y'))}Y6M", False
    d = DURATION_RX.match(s, pos)
    return _duration(d) if d and d.end() > d.start() else None


# ---------------------------------------------------------------- context


class Ctx(BaseCtx):
    def __init__(self, norm: Normalized, clauses: Clauses, units: list[Unit]) -> None:
        super().__init__(norm, clauses, units)
        self.party_defs: list[parties_zh.PartyDef] = []
        self.unit_starts: list[int] = []
        self.ratio_titles: dict[str, Decimal] = {}
        self.period_defs: dict[str, list[str]] = {}  # 质保期 → "终验合格之日起12个月"

    def units_in(self, article: str) -> list[Unit]:
        return [u for u in self.units if u.label and u.label.split(".")[0] == article]

    def role_of(self, word: str) -> str | None:
        return self.roles.get(word)


def _role_word(text: str) -> str | None:
    return role_word(text)


# ---------------------------------------------------------------- rules: parties and title


def rule_roles(ctx: Ctx, facts: Facts) -> None:
    """Who is 甲方 and who is 乙方, from the contract's own definitions anywhere; never assumed."""
    ctx.party_defs = parties_zh.definitions(ctx.text)
    ctx.roles.update(parties_zh.roles(ctx.text, ctx.party_defs))
    if not ctx.roles:  # fall back to who pays the service fee
        m = re.search(r"(甲方|乙方)[^,。;]{0,12}(?:支付|付清)[^,。;]{0,8}(?:服务费|费用|价款)", ctx.text)
        if m:
            payer = m.group(1)
            ctx.roles[payer] = "client"
            ctx.roles["乙方" if payer == "甲方" else "甲方"] = "provider"


def rule_parties(ctx: Ctx, facts: Facts) -> None:
    """The client's and the provider's names: cover and party block, then signature block, then
    the preamble sentence, then the body."""
    first = ctx.clauses.labelled()
    body = (first[0].start, max(s.end for s in first if s.label and "附件" not in s.label)) if first else None
    found = parties_zh.names(ctx.text, ctx.roles, body, ctx.party_defs)
    facts.provider = found.get("provider")
    facts.client = found.get("client")


def rule_title(ctx: Ctx, facts: Facts) -> None:
    # a label followed by its separator (not a heading "项目名称及内容"), else the first label
    labels = list(re.finditer(lexicon_zh.TITLE_LABEL + r"\s*(?:\*\*)?\s*(?P<sep>[:】|]|(?=\n))?[ \t]*", ctx.text))
    m = next((x for x in labels if x.group("sep") is not None), labels[0] if labels else None)
    if not m:  # no project name: the document's own heading
        facts.title = cover_zh.heading_title(ctx.text, _body_start(ctx))
        return
    start = m.end()
    if ctx.text[start:start + 1] == "\n":  # a heading "项目名称" with the value on the next line
        nxt = re.compile(r"\n\s*").match(ctx.text, start)
        start = nxt.end() if nxt else start
    seg_end = next((s.end for s in ctx.clauses.segments if s.start <= start < s.end), len(ctx.text))
    end = min(seg_end, *(i for i in (ctx.text.find("\n", start), ctx.text.find("。", start)) if i >= 0), len(ctx.text))
    cut = re.compile(lexicon_zh.TITLE_END).search(ctx.text, start, end)
    value = ctx.text[start:cut.start() if cut else end].rstrip(" ;,")
    m = re.match(r"", ctx.text[start:])  # keep the name m for the span below
    if value.startswith(("#", "-", "*")):
        return
    facts_title_start = start
    if value and "[" not in value and "_" not in value and "□" not in value:
        facts.title = (facts_title_start, facts_title_start + len(value))


# ---------------------------------------------------------------- rules: dates and term


def rule_signed(ctx: Ctx, facts: Facts) -> None:
    """Signature-block dates (the later of two) and stated signing dates."""
    labelled = ctx.clauses.labelled()
    body_end = max((s.end for s in labelled if not re.match(r"附件|补充", s.label or "")), default=0)
    # the signature block ends where a document after it (附件/订单/补充条款) starts: an order's
    # own date is not the contract's signing date
    block_end = min((s.start for s in labelled if s.start >= body_end), default=len(ctx.text))
    candidates = []
    for h in find_dates(ctx.text, body_end, block_end):
        before = ctx.text[max(body_end, h.start - 12):h.start]
        if h.value and re.search(r"日期|签订|签署|签字|时间|Date", before):
            candidates.append(h.value)
        elif h.value:  # a date standing alone on its line under the signatures
            line_start = ctx.text.rfind("\n", max(0, h.start - 80), h.start) + 1
            line_end = ctx.text.find("\n", h.end, h.end + 40)
            if line_start and line_end >= 0:  # both ends near: a short line, never a scan of a long one
                line = ctx.text[line_start:line_end]
                if len(re.sub(r"\s|中\s*华", "", line)) <= len(re.sub(r"\s", "", ctx.text[h.start:h.end])):
                    candidates.append(h.value)
    for m in re.compile(r"(?:签订|签署)(?:日期|时间)\s*:\s*").finditer(ctx.text, 0, block_end):
        for h in find_dates(ctx.text, m.end(), m.end() + 20):
            if h.value:
                candidates.append(h.value)
    if candidates:  # the signature block and the 签订日期 field come first
        facts.signed_date = max(candidates)
        return
    for m in re.finditer(r"本合同(?:由[^。]{0,120}?)?于", ctx.text):
        hits = find_dates(ctx.text, m.end(), m.end() + 20)
        if hits and hits[0].value and re.match(r"\s*(?:在[^,。]{0,20})?签(?:订|署)", ctx.text[hits[0].end:hits[0].end + 25]):
            candidates.append(hits[0].value)
    if candidates:
        facts.signed_date = max(candidates)


#: what stands between the two dates of a written range: "2025-03-18至2026-03-17", "A—B", "A~B"
_RANGE_GAP = re.compile(r"\s*(?:起\s*)?(?:至|到|~|～|—|–|-)\s*")


def rule_term(ctx: Ctx, facts: Facts) -> None:
    text = ctx.text
    for u in ctx.units:
        if not u.label:
            continue
        s = ctx.unit_text(u)
        if not re.search(r"生效|有效期|期限|服务期|期间", s):
            continue
        # effective date
        if facts.effective_date is None and "生效" in s and not re.search(r"修改|补充|变更|附件", s):
            m = re.search(r"生效", s)
            assert m
            dates = [h for h in find_dates(text, u.start, u.start + m.start()) if h.value]
            if dates:
                facts.effective_date = dates[-1].value
            elif re.search(r"签(?:字|章|署|订|约)[^,。]{0,10}(?:之日|后|日期起|起)[^,。]{0,3}生效|自?签订之日起生效", s):
                facts.effective_on_signing = True
        # explicit range: 自DATE起至DATE止
        dates = [h for h in find_dates(text, u.start, u.end) if h.value]
        for i, h in enumerate(dates):
            closes = re.match(r"\s*(?:止|为止|届满|到期|终止|结束)", text[h.end:h.end + 6]) \
                or re.search(r"(?:有效期|期限|服务期)(?:间)?\s*(?:至|到|截至)\s*$", text[max(u.start, h.start - 10):h.start]) \
                or (i > 0 and _RANGE_GAP.fullmatch(text[dates[i - 1].end:h.start]) is not None)
            opened = re.search(r"至|到|截至", text[max(u.start, h.start - 4):h.start]) or i > 0
            if closes and opened and facts.end_date is None:
                facts.end_date = h.value
                if facts.term_span is None:
                    facts.term_span = (u.label, u.start, u.end)
                if i > 0 and facts.range_start is None:
                    facts.range_start = dates[i - 1].value  # 自A起至B止: A starts the term
        for m in re.finditer(r"(?:有效期间?|合同期限|契约期间|服务期限?|期限|期间)\s*(?:为|是|:)?\s*(?:自[^,。;]{0,12}?起算?)?\s*[,]?\s*(?:为期)?|为期", s):
            if facts.term is not None or re.search(r"保密", s[: m.start()]):
                break
            if re.search(rf"(?:{lexicon_zh.SERVICE_PERIOD})\s*$", s[max(0, m.start() - 4):m.start()]) \
                    and not re.search(lexicon_zh.CONTRACT_EFFECTIVE, s[:m.start()]):
                continue  # 保固期间一年 / 质保期: a service period inside the term, not the term
                # (本合同自…生效，运维服务期为一年: a service contract's period is its term)
            got = duration_at(s, m.end())
            if not got or got[1]:
                continue
            facts.term = got[0]
            facts.term_span = (u.label, u.start, u.end)


def _body_start(ctx: Ctx) -> int:
    first = ctx.clauses.labelled()
    return first[0].start if first else len(ctx.text)


def rule_cover(ctx: Ctx, facts: Facts) -> None:
    """A cover page's ``有效期限：A至B`` is the written end date; it wins over a computed one."""
    cover_zh.term_from_cover(ctx.text, _body_start(ctx), facts)


def rule_renewal(ctx: Ctx, facts: Facts) -> None:
    for u in ctx.units:
        s = ctx.unit_text(u)
        amended = re.search(lexicon_zh.AMENDED_TO, s)  # the new value, not the one it replaces
        notice_rx = re.compile(r"(?:期满|届满|到期)(?:之日|日)?前" + lexicon_zh.NOTICE_FILLER)
        m = (notice_rx.search(s, amended.end()) if amended else None) or notice_rx.search(s)
        if m and ("续" in s or "通知" in s):
            got = duration_at(s, m.end())
            if got:
                facts.renewal_notice = got[0]
                facts.renewal_span = (u.label, u.start, u.end)
                return


def rule_confidentiality(ctx: Ctx, facts: Facts) -> None:
    for u in ctx.units:
        s = ctx.unit_text(u)
        if "保密期" not in s and not ("保密" in s and re.search(r"期限|(?:终止|届满|期满|消灭)(?:之日)?(?:后|起)|永久|长期有效|无限期", s)):
            continue
        lead = re.search(r"保密期(?:限|间)?\s*(?:为|是|:)\s*", s) or \
            (re.search(r"为期\s*", s) if re.search(r"(?:终止|届满|期满|解除)", s) else None)
        if lead and re.search(r"(?:终止|届满|期满|解除)", s):
            got = duration_at(s, lead.end())  # 保密期限为五年，自本合同终止之日起算
            if got and not got[1]:
                facts.confidentiality_term = got[0]
                facts.confidentiality_span = (u.label, u.start, u.end)
                return
        if re.search(r"永久|无限期|长期有效|始终有效", s):
            facts.perpetual_confidentiality = True
            facts.confidentiality_span = (u.label, u.start, u.end)
            return
        m = re.search(r"(?:终止|届满|期满|解除|消灭)(?:之日)?(?:后|起)", s)
        if m:
            got = duration_at(s, m.end())
            if got:
                facts.confidentiality_term = got[0]
                facts.confidentiality_span = (u.label, u.start, u.end)
                return


# ---------------------------------------------------------------- rules: money, copies, metrics


def rule_fee(ctx: Ctx, facts: Facts) -> None:
    text = ctx.text
    facts.authoritative_figures = bool(re.search(r"以小写[^,。]{0,4}为准|以阿拉伯数字[^,。]{0,4}为准", text))
    for m in re.finditer(r"(?:服务费用?|合同|契约)?(?:总额|总价金|总价款?|总金额|总计|合计|价款总额)[^,。;\d]{0,10}?(?:为|是|:)?|(?:总服务费用?|年度订阅费)(?:为|是|:)|合同(?:金额|价款|价格)(?:\(含税\))?\s*(?:为|是|:)", text):
        hits = find_money(text, m.end(), min(len(text), m.end() + 60), capital_wins=not facts.authoritative_figures)
        if not hits or hits[0].start - m.end() > 8:
            continue
        if facts.total_fee is None:
            facts.total_fee = hits[0].value
            facts.currency = hits[0].currency
            first = (ctx.clauses.label_at(m.start()), m.start(), hits[0].end)
            _mismatch(ctx, facts, hits[0])
        elif hits[0].value != facts.total_fee and re.search(r"(?:总额|总价款?)\s*(?:为|是|:)$", m.group(0)) \
                and "违约" not in text[max(0, m.start() - 6):m.start()] and ctx.clauses.label_at(m.start()) != first[0]:
            # two clauses state different totals: keep the first, flag both
            facts.warnings.append(RawWarning("ambiguous", first[0], first[1], first[2],
                                             f"total fee {facts.total_fee} here, {hits[0].value} in clause "
                                             f"{ctx.clauses.label_at(m.start())}"))
            facts.warnings.append(RawWarning("ambiguous", ctx.clauses.label_at(m.start()), m.start(), hits[0].end,
                                             f"total fee {hits[0].value} here, {facts.total_fee} in clause {first[0]}"))
            break
    if facts.currency is None and facts.total_fee is None and re.search(r"人民币|¥", text):
        facts.currency = None  # money only in penalties: currency stays unknown for the fee


def _mismatch(ctx: Ctx, facts: Facts, hit) -> None:  # type: ignore[no-untyped-def]
    if hit.mismatch:
        label = ctx.clauses.label_at(hit.start)
        facts.warnings.append(RawWarning("amount_mismatch", label, hit.start, hit.end,
                                         f"大写 {hit.mismatch[0]} ≠ 小写 {hit.mismatch[1]}"))


def rule_copies(ctx: Ctx, facts: Facts) -> None:
    m = re.search(rf"(?:[一壹]式|正本)\s*(?P<n>{NUM})\s*份", ctx.text)
    if m:
        with contextlib.suppress(NumeralError):
            facts.copies = cn_int(m.group("n"))


METRIC_NAMES = (("accuracy", r"准确率|正确率|准确度"), ("recall", r"召回率|查全率"), ("f1", r"F1(?:值|分数|-?score)?|F1"))


def rule_metrics(ctx: Ctx, facts: Facts) -> None:
    for key, names in METRIC_NAMES:
        rx = re.compile(rf"(?:{names})[^,。;:]{{0,16}}?(?:不得低于|不应低于|应不低于|不低于|不少于|不小于|达到|达|至少|高于|≥|>=|大于等于|应达)\s*(?P<v>\d+(?:\.\d+)?\s*%|0?\.\d+|百分之[{CN_NUM_CHARS}点]+|[零〇][点][零〇一二三四五六七八九]+)", re.I)
        m = rx.search(ctx.text)
        if m:
            try:
                facts.metrics[key] = rate(m.group("v").replace(" ", ""))
            except (NumeralError, ArithmeticError):
                continue


# ---------------------------------------------------------------- rules: penalties


def _basis(s: str) -> str | None:
    if re.search(BASIS_WORDS[2][1], s):  # "未交付部分对应合同金额": the delayed part, however it is priced
        return "delayed_amount"
    best = None
    for basis, rx in BASIS_WORDS:
        for m in re.finditer(rx, s):
            if best is None or m.start() > best[0]:
                best = (m.start(), basis)
    return best[1] if best else None


def rule_penalties(ctx: Ctx, facts: Facts) -> None:
    """One penalty per sentence, several per article; caps and suspension rights in a later
    sentence or item complete them (``penalties_zh``)."""
    from tracker.parse import penalties_zh

    titles = section_titles(ctx)
    breach = {label for label, title in titles.items() if re.search(lexicon_zh.BREACH_TITLE, title)}
    clauses = [(seg.label, seg.start, seg.end, seg.label in breach)
               for seg in ctx.clauses.labelled() if not seg.heading and seg.label]

    def article_title(n: str) -> str | None:
        with contextlib.suppress(NumeralError):
            return titles.get(str(cn_int(n)))
        return None

    facts.penalties.extend(penalties_zh.extract(ctx.text, clauses, article_title, facts.total_fee, facts.read))


# ---------------------------------------------------------------- rules: obligations


_TIME_REL = re.compile(
    rf"(?P<evt>[^,。;:]{{0,40}}?)(?:之日)?(?:起算|起计|起|后)\s*(?:的)?\s*第?\s*(?P<dur>(?:{NUM}\s*(?:个)?年)?\s*(?:{NUM}\s*个?月)?\s*(?:{NUM}\s*(?:{DAY_UNITS}|日|天|个?周|个?星期))?)\s*末?\s*(?:内|之内|以内|前)"
    rf"|(?P<evt2>[^,。;:]{{0,40}}?)(?:之日)?后\s*第\s*(?P<dur2>{NUM}\s*(?:{DAY_UNITS}|日|天))(?!\s*(?:起|开始))"
)
_TOGETHER = re.compile(r"(?P<evt>[^,。;:]{0,30}?)(?:之日|时)\s*(?:一并|同时)|在(?P<evt2>[^,。;:]{0,30}?)的同时")
_AFTER_EVENT = re.compile(r"(?P<evt>[^,。;:]{0,40}?)(?:之日)?后(?!\s*\d)")
_RECUR_LAST_WORKDAY = re.compile(r"每(?:个)?月(?:的)?最后一个(?:工作日|工作天|营业日)")
_RECUR_QUARTER_MONTH = re.compile(rf"每(?:个)?季(?:度)?(?:的)?(?:(?P<first>{Q_FIRST_MONTH})|{Q_LAST_MONTH})的?\s*(?P<d>{NUM})\s*[日号]")
_RECUR_FIRST_WORKDAY = re.compile(r"每(?:个)?月(?:的)?第一个工作日")
_RECUR_MONTHDAY = re.compile(rf"每(?:个)?月(?:的)?\s*(?P<d>{NUM})\s*[日号]")
_RECUR_MONTH_END = re.compile(r"每(?:个)?月(?:末|月底|底)")
_RECUR_QUARTER_END = re.compile(r"每(?:个)?季度(?:末|最后一日|最后一天|结束时)(?!后)")
_RECUR_YEARLY = re.compile(rf"每(?:个)?年(?:度)?(?:的)?\s*(?P<m>{NUM})\s*月\s*(?P<d>{NUM})\s*[日号]")
_RECUR_BIWEEKLY = re.compile(r"每(?:双周|两周|隔周)(?:的)?(?:周|星期|礼拜)(?P<d>[一二三四五六日天])")
_RECUR_WEEKDAY = re.compile(r"每(?:周|星期|礼拜)(?P<d>[一二三四五六日天])")
_RECUR_AFTER_PERIOD = re.compile(
    rf"每(?:个)?(?P<p>季度|月)(?:结束|届满|末|终了)?(?:之日)?后\s*(?P<dur>{NUM}\s*(?:个)?(?:日|天))\s*(?:内|之内|以内)"
)
_SERIES_FROM = re.compile(r"自(?P<evt>[^,。;]{1,16}?)(?:之|的)?(?:(?P<next>次月)|之日|日)(?:起|开始)")
_SERIES_NTH = re.compile(rf"自(?:服务期|合同期|租赁期|本合同期)?(?:内)?第\s*(?P<n>{NUM})\s*个?(?P<u>季|月|年)(?:度)?(?:起|开始)")
_WEEKDAYS = {"一": "MO", "二": "TU", "三": "WE", "四": "TH", "五": "FR", "六": "SA", "日": "SU", "天": "SU"}
_FULL_PERIOD = re.compile(
    rf"(?P<evt>[^,。;:]{{0,40}}?)(?:之日起|后)?满\s*(?P<dur>(?:{NUM}\s*(?:个)?年)?\s*(?:{NUM}\s*个?月)?\s*(?:{NUM}\s*(?:个?工作日|日|天))?)\s*(?:后|之后|时|之日)"
)


def _event_in(s: str) -> str | None:
    return lexicon_zh.event_of(s)


def _kind(action: str, party: str | None) -> str | None:
    return lexicon_zh.kind_of(action, party)


TITLES = {
    "data_delivery": "训练数据交付",
    "model_delivery": "模型交付",
    "evaluation_report": "模型评估报告",
    "progress_report": "进度报告",
    "payment": "付款",
    "other": "其他义务",
}


_PARTY_WORDS = PARTY_RX.pattern
_SUBJECT = re.compile(rf"({_PARTY_WORDS})[\"“”「」']?\s*(?:应|须|需|必须|负责|承担|支付|向|将|按|于|在|最迟|不晚于|完成|提交|交付|提供)")


def _party(ctx: Ctx, sentence: str, kind: str, prefix: str = "") -> str:
    """The party that must act: the subject before the deadline phrase ("甲方应在…内"), else the
    first 甲方/乙方 used as a subject in the rest (not "向甲方")."""
    subjects = [m for m in re.finditer(_PARTY_WORDS, prefix)
                if prefix[max(0, m.start() - 1):m.start()] not in ("向", "给", "由", "与", "和", "及", "对")]
    both = [m for m in BOTH_RX.finditer(prefix) if prefix[max(0, m.start() - 1):m.start()] not in ("经", "由", "与", "向", "对")]
    if both and (not subjects or both[-1].start() > subjects[-1].start()):
        return "both"  # "双方于每月5日前…对账": a duty of both sides
    if subjects and (ctx.role_of(subjects[-1].group(0)) or _role_word(subjects[-1].group(0))):
        return ctx.role_of(subjects[-1].group(0)) or _role_word(subjects[-1].group(0))  # type: ignore[return-value]
    for m in _SUBJECT.finditer(sentence):
        if sentence[max(0, m.start() - 1):m.start()] in ("向", "给", "由", "与", "和", "及"):
            continue
        role = ctx.role_of(m.group(1)) or _role_word(m.group(1))
        if role:
            return role
    for m in re.finditer(rf"(?:^|(?<=[,:]))\s*({_PARTY_WORDS})", sentence):  # "…之日起30日内，甲方无息退还…"
        role = ctx.role_of(m.group(1)) or _role_word(m.group(1))
        if role:
            return role
    return "client" if kind in ("payment", "data_delivery") else "provider"


def _payment_clauses(ctx: Ctx) -> set[str]:
    """Clauses that set out a payment schedule: their rows need no duty verb of their own."""
    rx = (r"(?:支付|付款|给付)[^。]{0,20}(?:如下|下列|下表|以下|分[一二三四五六七八九十\d]+期)"
          r"|(?:如下|下列|下表|以下)[^。]{0,12}(?:支付|付款|给付)|付款计划|付款安排")
    return {u.label for u in ctx.units if u.label and re.search(rx, ctx.unit_text(u))}


_RATIO = re.compile(rf"按\s*(?P<rates>(?:{RATE_RX.pattern})(?:\s*[、,]\s*(?:{RATE_RX.pattern}))+)\s*的?比例")
_IN_ORDER = re.compile(r"(?:依次为|分别为|依次是)\s*(?P<titles>[^:。;]{2,60})")


def _ratio_titles(ctx: Ctx) -> dict[str, Decimal]:
    """"按30%、40%、20%、5%的比例分四期支付，依次为预付款、进度款、验收款、质保金": title → share."""
    out: dict[str, Decimal] = {}
    for u in ctx.units:
        s = ctx.unit_text(u)
        rm, tm = _RATIO.search(s), _IN_ORDER.search(s)
        if not rm or not tm:
            continue
        rates = [rate(r.replace(" ", "")) for r in re.split(r"\s*[、,]\s*", rm.group("rates"))]
        titles = [t.strip() for t in re.split(r"[、,]", tm.group("titles")) if t.strip()]
        if len(rates) == len(titles):
            out.update(zip(titles, rates, strict=True))
    return out


def rule_obligations(ctx: Ctx, facts: Facts) -> None:
    ctx.ratio_titles = _ratio_titles(ctx)
    schedules = _payment_clauses(ctx)
    table_rows: set[int] = set()
    prev_party: str | None = None
    #: the sentences that state the term, the renewal window and the confidentiality period: their
    #: dates are the derived obligations (contract_expiry, renewal_notice, confidentiality_expiry)
    derived = [(sp[1], sp[2]) for sp in (facts.term_span, facts.renewal_span, facts.confidentiality_span) if sp]
    for u, continued in duties_zh.split_all(ctx.text, ctx.units):  # a sentence with two dated duties is two units
        if any(a <= u.start < b for a, b in derived):
            continue
        s = ctx.unit_text(u)
        in_schedule = u.label in schedules and bool(RATE_RX.search(s) or find_money(ctx.text, u.start, u.end)
                                                    or _BARE_FIGURE.search(s) or re.search(r"付款|支付", s)
                                                    or re.match(r"(?:付款|支付)?(?:时间|期限|日期)\s*:", s))
        row = tables_zh.row_at(ctx.text, u.start, u.end) \
            if u.label in schedules and ("\t" in s or "|" in s or "<t" in s) else None
        if row is not None and (row.of("amount") or row.of("percent")):
            in_schedule = True  # a row of a payment table: its header names the amount or the share
        if not DUTY.search(s) and not in_schedule:
            continue
        if not _TIME_HINT.search(s):  # no number, date or 后/前/每/同时: no deadline to find
            continue
        if row is not None and in_schedule:
            if row.start in table_rows:
                continue  # the rest of a row split at ';'
            table_rows.add(row.start)
            if (raw := _table_payment(ctx, facts, u, s, row)) is not None:
                facts.obligations.append(raw)
                continue
        ob = choose(time_element(s, "zh", ctx.text), _time_element(ctx, u, s, payment_row=in_schedule))
        if ob is None:
            continue
        a, b = ob.pop("_a"), ob.pop("_b")
        if _SERVICE_SPAN.search(s, max(0, a - 8), b):
            continue  # "上线试运转一个月": the length of a service period, not a deadline (README conventions)
        action = s[:a] + s[b:]
        kind = "payment" if in_schedule and not re.search(r"违约金|赔偿", action) else _kind(action, None)
        if ob.get("recurrence") and kind != "payment" and re.search(r"报告|汇报|报送", action):
            kind = "progress_report"  # a report due every week/month/quarter
        if kind is None:
            continue
        party = _party(ctx, action, kind, prefix=s[:a])
        if continued and prev_party and not PARTY_RX.search(s):
            party = prev_party  # "…，于2025年3月10日前提供…": the subject of the sentence's first duty
        if not PARTY_RX.search(s) and not BOTH_RX.search(s) and (inherited := _previous_subject(ctx, u)):
            party = inherited  # "(3) 第二批标注数据不迟于…交付" after "(2) 承包方应于…交付第一批": the list's subject
        prev_party = party
        if kind == "other" and party == "provider" and re.search(r"交付", action) \
                and not re.search(lexicon_zh.PAPER_DELIVERABLE, action):
            kind = "model_delivery"  # "交付日不得晚于…": the provider's delivery is the model's
        if kind == "other" and party == "client" and re.search(lexicon_zh.CLIENT_HAND_OVER, action):
            kind = "data_delivery"  # what a client hands over in a training contract is its data
        if kind == "data_delivery" and party == "provider":
            kind = "other"
        raw = RawObligation(kind, party, TITLES[kind], u.label, u.start, u.end, **ob)
        if kind == "payment":
            _payment_details(ctx, facts, u, s, raw)
        facts.obligations.append(raw)
    from tracker.parse import amendments_zh

    facts.obligations = duties_zh.drop_general_terms(facts.obligations, facts.read)
    facts.obligations = amendments_zh.apply(ctx.text, ctx.units, facts.obligations, facts.read)
    _apply_amendments(ctx, facts)


_PLAIN_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def _table_payment(ctx: Ctx, facts: Facts, u: Unit, s: str, row: tables_zh.Row) -> RawObligation | None:
    """A payment-table row: the deadline from the cell that states it, the amount and the share
    from their columns when the header names them; the quote is that cell (the row in Markdown)."""
    text = ctx.text
    for cell in row.deadline_cells():
        cu = Unit(u.label, cell.start, cell.end)
        ob = _time_element(ctx, cu, ctx.unit_text(cu), payment_row=True)
        if ob is not None:
            a, b = cell.start + ob.pop("_a"), cell.start + ob.pop("_b")
            break
    else:  # the event is in another column ("模型交付" | "交付之日起30日内"): read the row as a whole
        ob = _time_element(ctx, Unit(u.label, row.start, row.end), text[row.start:row.end], payment_row=True)
        if ob is None:
            return None
        a, b = row.start + ob.pop("_a"), row.start + ob.pop("_b")
        cell = next((c for c in reversed(row.cells) if c.start < b), row.cells[-1])
    action = text[row.start:a] + text[b:row.end]
    if re.search(r"违约金|赔偿", action):
        return None
    raw = RawObligation("payment", _party(ctx, action, "payment", prefix=text[cell.start:a]), TITLES["payment"],
                        u.label, *row.quote_span(cell), **ob)
    _payment_details(ctx, facts, u, s, raw)
    if (amount := row.of("amount")) is not None:
        money = find_money(text, amount.start, amount.end, capital_wins=not facts.authoritative_figures)
        bare = _BARE_FIGURE.search(text, amount.start, amount.end) or _PLAIN_FIGURE.fullmatch(text, amount.start, amount.end)
        if money:
            raw.amount, raw.currency = money[0].value, money[0].currency
        elif bare:
            raw.amount = Decimal(bare.group(0).replace(",", "")) * row.amount_scale
    if (share := row.of("percent")) is not None and (pm := RATE_RX.search(text, share.start, share.end)):
        with contextlib.suppress(NumeralError, ArithmeticError):
            raw.percent = rate(pm.group(0).replace(" ", ""))
    return raw


def rule_table_deadlines(ctx: Ctx, facts: Facts) -> None:
    """Rows of a schedule table whose deadline column (交付日期) holds a date: one dated duty per
    row, of the kind the introducing clause and the header say, citing that clause."""
    if "|" not in ctx.text and "\t" not in ctx.text and "<t" not in ctx.text:
        return
    taken = [(o.start, o.end) for o in facts.obligations]
    seen: set[int] = set()
    for u in ctx.units:
        s = ctx.unit_text(u)
        if not u.label or not ("|" in s or "\t" in s or "<t" in s):
            continue
        row = tables_zh.row_at(ctx.text, u.start, u.end)
        cell = row.of("deadline") if row else None
        if row is None or cell is None or row.start in seen:
            continue
        seen.add(row.start)
        a, b = row.quote_span(cell)
        dates = [h for h in find_dates(ctx.text, cell.start, cell.end) if h.value]
        if len(dates) != 1 or any(x < b and a < y for x, y in taken):
            continue
        seg = next((sg for sg in ctx.clauses.segments if sg.start <= row.start < sg.end), None)
        intro = ctx.text[seg.start:row.start].split("\n")[0] if seg else ""
        kind = _kind(intro, None)  # what the table schedules (标注任务及交付安排), not the items' words
        if kind in (None, "payment"):
            continue
        party = _party(ctx, intro, kind)
        if kind == "data_delivery" and party == "provider":
            kind = "other"
        title_cell = row.of("title")
        title = ctx.text[title_cell.start:title_cell.end] if title_cell else TITLES[kind]
        facts.obligations.append(RawObligation(kind, party, title, u.label, a, b, fixed_date=dates[0].value))


def _previous_subject(ctx: Ctx, u: Unit) -> str | None:
    """The role of the party that opens the nearest earlier sentence of the same article naming a
    party (subjectless items in between inherit it too), if any."""
    if not u.label:
        return None
    article = u.label.split(".")[0]
    for prev in reversed(ctx.units[max(0, _unit_index(ctx, u) - 4):_unit_index(ctx, u)]):
        if not prev.label or prev.label.split(".")[0] != article:
            return None
        t = ctx.unit_text(prev)
        if not PARTY_RX.search(t):
            continue
        m = re.compile(rf"\s*(?:\(?[\d一二三四五六七八九十]+[).、]\s*)?({_PARTY_WORDS})").match(t)
        return (ctx.role_of(m.group(1)) or _role_word(m.group(1))) if m else None
    return None


def _unit_index(ctx: Ctx, u: Unit) -> int:
    """The index of the sentence unit holding ``u`` (``u`` may be one duty of a split sentence)."""
    if len(ctx.unit_starts) != len(ctx.units):
        ctx.unit_starts = [w.start for w in ctx.units]
    return max(0, bisect_right(ctx.unit_starts, u.start) - 1)


def _apply_amendments(ctx: Ctx, facts: Facts) -> None:
    """"第2.3条约定之模型交付期限变更为：…": the amended obligation replaces the original one."""
    for ob in list(facts.obligations):
        m = re.search(r"第?\s*(\d+(?:\.\d+)*)\s*条[^。;]{0,20}?(?:变更|修改|调整)为", ctx.text[ob.start - 60 if ob.start > 60 else 0:ob.end])
        if not m:
            continue
        amended = m.group(1)
        facts.obligations = [o for o in facts.obligations if not (o.label == amended and o.kind == ob.kind)]


#: a service period's length inside a time phrase: 试运转一个月, 试运行满30日, 质保期为一年
_SERVICE_SPAN = re.compile(rf"(?:{lexicon_zh.SERVICE_PERIOD})期?(?:间)?\s*(?:满|为|期为)?\s*{NUM}\s*(?:个)?(?:年|月|周|日|天)")
_TIME_HINT = re.compile(rf"[\d{CN_NUM_CHARS}]|后|前|每|同时|一并|之日|内|届时|民国")
_BARE_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?(?![\d%])|(?<![\d.,])\d+\.\d{2}(?![\d%])")


def section_titles(ctx: Ctx) -> dict[str, str]:
    """Each clause label → the title of the article (or chapter) it sits in."""
    titles: dict[str, str] = {}
    current = ""
    current_article: str | None = None
    for seg in ctx.clauses.segments:
        if seg.heading:
            current = ctx.text[seg.start:seg.end].strip().split("\n")[0][:40]
            current_article = seg.label
            if seg.label:
                titles[seg.label] = current
            continue
        if seg.label:
            article = seg.label.split(".")[0]
            if current_article is None or article == current_article:
                titles[seg.label] = current
            else:
                titles[seg.label] = ctx.text[seg.start:seg.end][:40]
    return titles


def _time_element(ctx: Ctx, u: Unit, s: str, payment_row: bool = False) -> dict | None:  # type: ignore[type-arg]
    text = ctx.text
    m = _RECUR_LAST_WORKDAY.search(s)
    rec = None
    if (q := _RECUR_QUARTER_MONTH.search(s)):  # 每季度首月10日前, 每季度末月20日前
        with contextlib.suppress(NumeralError):
            months = "1,4,7,10" if q.group("first") else "3,6,9,12"
            rec = (f"FREQ=MONTHLY;BYMONTH={months};BYMONTHDAY={cn_int(q.group('d'))}", q)
    if rec:
        pass
    elif m:
        rec = ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", m)
    elif (m := _RECUR_FIRST_WORKDAY.search(s)):
        rec = ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1", m)
    elif (m := _RECUR_MONTHDAY.search(s)):
        try:
            days = str(cn_int(m.group('d')))
            also = re.match(r"\s*(?:及|和|与|、)\s*每?(?:个)?月?(?:的)?(?:最后一日|最后一天|末|底)", s[m.end():])
            if also:
                days += ",-1"
                m = re.compile(r"[\s\S]+").match(s, m.start(), m.end() + also.end())  # type: ignore[assignment]
            rec = (f"FREQ=MONTHLY;BYMONTHDAY={days}", m)
        except NumeralError:
            rec = None
    elif (m := _RECUR_MONTH_END.search(s)):
        rec = ("FREQ=MONTHLY;BYMONTHDAY=-1", m)
    elif (m := _RECUR_QUARTER_END.search(s)):
        rec = ("FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", m)  # the form shared/phrases uses
    elif (m := _RECUR_YEARLY.search(s)):
        try:
            rec = (f"FREQ=YEARLY;BYMONTH={cn_int(m.group('m'))};BYMONTHDAY={cn_int(m.group('d'))}", m)
        except NumeralError:
            rec = None
    elif (m := _RECUR_BIWEEKLY.search(s)):
        rec = (f"FREQ=WEEKLY;INTERVAL=2;BYDAY={_WEEKDAYS[m.group('d')]}", m)
    elif (m := _RECUR_WEEKDAY.search(s)):
        rec = (f"FREQ=WEEKLY;BYDAY={_WEEKDAYS[m.group('d')]}", m)
    elif (m := _RECUR_AFTER_PERIOD.search(s)):
        got = duration_at(m.group(0), m.start("dur") - m.start())
        n = int(got[0][1:-1]) if got and got[0].endswith("D") and not got[1] else 0
        if 0 < n <= 28:  # N days after each month/quarter ends: a fixed day of the following month
            rec = (f"FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY={n}" if m.group("p") == "季度"
                   else f"FREQ=MONTHLY;BYMONTHDAY={n}", m)
    if rec:
        out = {"recurrence": rec[0], "_a": rec[1].start(), "_b": rec[1].end()}
        since = _SERIES_FROM.search(s, 0, rec[1].start())
        if since and (event := _event_in(since.group("evt"))) in ("signing", "effective"):
            out["series_start"] = (event, bool(since.group("next")))
        elif (nth := _SERIES_NTH.search(s, 0, rec[1].start())):  # 自第二季度起: the Nth period of the term
            with contextlib.suppress(NumeralError):
                months = (cn_int(nth.group("n")) - 1) * {"季": 3, "月": 1, "年": 12}[nth.group("u")]
                out["series_start"], out["series_offset"] = ("effective", False), f"P{months}M"
        return out
    # the literal tests skip regexes that cannot match; their lazy 40-char prefix is tried at every offset
    for tm in _TIME_REL.finditer(s) if ("起" in s or "后" in s) else ():
        dur_text = (tm.group("dur") or tm.group("dur2") or "").strip()
        if not dur_text:
            continue
        got = parse_duration(dur_text)
        if not got:
            continue
        evt = tm.group("evt") if tm.group("dur") else tm.group("evt2")
        event = _event_in(evt or "")
        if event is None and re.search(r"条件成就|条件满足|上述条件", evt or ""):
            event = _condition_event(ctx, u)  # "时间：条件成就之日起15日内" under "条件：乙方交付模型"
        if event is None:
            continue
        first = re.search(rf"满\s*(?P<d>(?:{NUM}\s*(?:个)?年)?\s*(?:{NUM}\s*个?月)?)\s*$", (evt or "").rstrip("之日起后 "))
        if first and first.group("d").strip() and not got[1]:
            lead_dur = parse_duration(first.group("d"))  # "验收合格之日起满六个月后十日内": P6M + P10D
            if lead_dur and not lead_dur[1]:
                got = (_add_iso(lead_dur[0], got[0]), False)
        a = tm.start()
        lead = list(re.finditer(r"应于|应在|须于|于|自|从|在|不晚于|最迟于", evt or ""))
        if lead:
            a = tm.start() + lead[-1].start()
        return {"event": event, "offset": got[0], "business_days": got[1], "_a": a, "_b": tm.end()}
    tplus = re.search(rf"T\s*\+\s*(?P<dur>{NUM}\s*(?:个?工作日|个?自然日|日|天|个?月))", s)
    if tplus:  # "T+15个工作日（T为合同生效日）": T is defined next to it or in the definitions
        got = parse_duration(tplus.group("dur"))
        tdef = re.search(r"[\"“”']?T[\"“”']?\s*(?:为|指|是|系)\s*(?P<what>[^,。;)]{2,16})", ctx.text)
        event = _event_in(tdef.group("what")) if tdef else None
        if got and event:
            b = tplus.end()
            close = re.match(r"\s*\([^()]{0,20}\)\s*(?:内|之内|以内)?", s[b:])
            return {"event": event, "offset": got[0], "business_days": got[1], "_a": tplus.start(),
                    "_b": b + (close.end() if close else 0)}
    for tm in _FULL_PERIOD.finditer(s) if "满" in s else ():
        got = parse_duration(tm.group("dur").strip()) if tm.group("dur").strip() else None
        event = _event_in(tm.group("evt"))
        if got and event:
            return {"event": event, "offset": got[0], "business_days": got[1], "_a": tm.start(), "_b": tm.end()}
    for tm in _TOGETHER.finditer(s):
        event = _event_in(tm.group("evt") or tm.group("evt2") or "")
        if event in ("model_delivery", "data_delivery", "acceptance", "invoice", "evaluation_report"):
            return {"event": event, "offset": "P0D", "business_days": False, "_a": tm.start(), "_b": tm.end()}
    for h in find_dates(text, u.start, u.end):
        after = text[h.end:h.end + 9]
        lead = re.search(r"(?:不晚于|不迟于|不得晚于|不得迟于|最迟于|最迟在|最迟应于|最迟须于|应不晚于|最晚于|最迟不晚于|截至|截止日期为|截止日为|(?:付款|支付|交付|履行)(?:日|日期|时间)为)\s*$",
                         text[max(u.start, h.start - 8):h.start])
        if lead and h.value and not re.match(r"\s*(?:\(含\))?\s*(?:之前|以前|前|止)", after):
            return {"fixed_date": h.value, "_a": h.start - u.start - len(lead.group(0)), "_b": h.end - u.start}
        if re.match(r"\s*(?:\(含(?:当日|当天|本日)?\))?\s*(?:或)?(?:之前|以前|前|止)", after) and h.value:
            before = s[: h.start - u.start]
            a = h.start - u.start - len(before) + len(before.rstrip())
            fm = re.search(r"(?:于|在|不晚于|最迟于|最晚于)\s*$", before)
            if fm:
                a = fm.start()
            end = h.end - u.start + len(re.match(r"\s*(?:\(含(?:当日|当天|本日)?\))?\s*(?:或)?(?:之前|以前|前|止)", text[h.end:h.end + 9]).group(0))  # type: ignore[union-attr]
            return {"fixed_date": h.value, "_a": a, "_b": end}
    if "期" in s and (pe := _period_end(ctx, s)) is not None:
        return pe
    am = None
    for m2 in _AFTER_EVENT.finditer(s) if "后" in s else ():
        if _event_in(m2.group("evt")) in ("acceptance", "invoice", "evaluation_report", "model_delivery", "data_delivery"):
            am = m2
            break
    if am and (payment_row or re.search(r"支付|付款", s)):
        return {"event": _event_in(am.group("evt")), "offset": "P0D", "business_days": False,
                "_a": am.start(), "_b": am.end()}
    return None


_PERIOD_DUR = rf"(?:{NUM}\s*(?:个)?年)?\s*(?:{NUM}\s*个?月)?\s*(?:{NUM}\s*(?:{DAY_UNITS}|日|天))?"
_PERIOD_END = re.compile(
    rf"(?P<name>(?:{lexicon_zh.SERVICE_PERIOD})期(?:间|限)?)\s*(?:\((?P<def>[^()]{{2,40}})\))?\s*(?:届满|期满|满|结束)(?:之日)?(?:后|时)"
)
_PERIOD_DEF = re.compile(rf"(?P<evt>[^,。;:()]{{1,30}}?)(?:之日)?(?:起算?|后)\s*(?P<dur>{_PERIOD_DUR})\s*$")


def _period_end(ctx: Ctx, s: str) -> dict | None:  # type: ignore[type-arg]
    """"质保期（终验合格之日起12个月）届满后支付": the end of a service period defined in place or in
    another clause ("质保期为终验合格之日起12个月") is its event plus its length."""
    m = _PERIOD_END.search(s)
    if not m:
        return None
    definitions = [m.group("def")] if m.group("def") else []
    if not definitions:
        name = m.group("name")[:3]
        if name not in ctx.period_defs:  # one scan of the text per period name, not one per sentence
            ctx.period_defs[name] = [d.group(1) for d in re.finditer(
                rf"{re.escape(name)}[^,。;]{{0,3}}?(?:为|自|:)\s*([^,。;]{{4,40}})", ctx.text)][:4]
        definitions = ctx.period_defs[name]
    for d in definitions:
        dm = _PERIOD_DEF.search(d.rstrip(" 止计算"))
        got = parse_duration(dm.group("dur")) if dm and dm.group("dur").strip() else None
        event = _event_in(dm.group("evt")) if dm else None
        if got and event:
            return {"event": event, "offset": got[0], "business_days": got[1], "_a": m.start(), "_b": m.end()}
    return None


def _detail_money(ctx: Ctx, facts: Facts, u: Unit) -> Decimal | None:
    """An instalment laid out as list items ("第一期" / "金额：…" / "条件：…" / "时间：…"): the amount
    is on a sibling item of the same instalment, before or after the one with the deadline."""
    i = _unit_index(ctx, u)
    siblings: list[Unit] = []
    for prev in reversed(ctx.units[max(0, i - 4):i]):  # back to this instalment's title
        if prev.label != u.label:
            break
        siblings.append(prev)
        if INSTALMENT_TITLE.search(ctx.unit_text(prev)):
            break
    for nxt in ctx.units[i + 1:i + 3]:  # forward until the next instalment starts
        if nxt.label != u.label or INSTALMENT_TITLE.search(ctx.unit_text(nxt)):
            break
        siblings.append(nxt)
    for sib in siblings:
        t = ctx.unit_text(sib)
        if _TIME_REL.search(t) and _event_in(t):
            continue
        if re.match(r"(?:付款|支付)?(?:金额|款项|数额|比例)", t):
            money = find_money(ctx.text, sib.start, sib.end, capital_wins=not facts.authoritative_figures)
            if money:
                return money[-1].value if re.search(r"本(?:笔|期|次)", t) else money[0].value
    return None


def _each_instalment(ctx: Ctx, facts: Facts, u: Unit) -> Decimal | None:
    """"按季度支付，每季度支付人民币12万元": the same amount for every instalment of the schedule."""
    for other in ctx.units:
        if other.label != u.label or other.start >= u.start:
            continue
        m = re.search(r"每(?:个)?(?:季度|期|次|月|年)(?:应)?(?:支付|付款)", ctx.unit_text(other))
        if m:
            money = find_money(ctx.text, other.start + m.end(), other.end, capital_wins=not facts.authoritative_figures)
            if money:
                return money[0].value
    return None


def _add_iso(a: str, b: str) -> str:
    from tracker.periods import Duration

    x, y = Duration.parse(a), Duration.parse(b)
    return Duration(x.years + y.years, x.months + y.months, x.days + y.days).iso()


def _condition_event(ctx: Ctx, u: Unit) -> str | None:
    i = _unit_index(ctx, u)
    for prev in reversed(ctx.units[max(0, i - 3):i]):
        t = ctx.unit_text(prev)
        if prev.label == u.label and re.match(r"(?:付款)?条件\s*:", t):
            return _event_in(t)
    return None


def _payment_details(ctx: Ctx, facts: Facts, u: Unit, s: str, raw: RawObligation) -> None:
    text = ctx.text
    money = [h for h in find_money(text, u.start, u.end, capital_wins=not facts.authoritative_figures)
             if not re.search(r"(?:总计|总额|总价|合计|总金额|价款总额)[^,;。]{0,6}$", text[max(u.start, h.start - 10):h.start])]
    if money:
        raw.amount = money[0].value
        raw.currency = money[0].currency
        _mismatch(ctx, facts, money[0])
    elif (bare := _BARE_FIGURE.search(s)) and re.search(r"金额|元", ctx.text[max(0, u.start - 400):u.start]):
        raw.amount = Decimal(bare.group(0).replace(",", ""))  # a table column headed 金额（元）
    elif (detail := _detail_money(ctx, facts, u)) is not None:
        raw.amount = detail
    elif (each := _each_instalment(ctx, facts, u)) is not None:
        raw.amount = each
    pm = re.search(rf"(?:合同总额|合同总价|总金额|服务费用?总额|总价款|合同价款|总费用)的?\s*(?P<r>{RATE_RX.pattern})", s) or RATE_RX.search(s)
    if pm:
        try:
            raw.percent = rate((pm.group("r") if "r" in (pm.groupdict() or {}) else pm.group(0)).replace(" ", ""))
        except (NumeralError, ArithmeticError):
            raw.percent = None
        raw.cumulative = bool(re.search(r"(?:支付|付)至[^,。;]{0,10}" + re.escape(pm.group(0)), s))
    tm = INSTALMENT_TITLE.search(s)
    if tm is None:
        i = _unit_index(ctx, u)
        prev = ctx.units[i - 1] if i else None
        if prev is not None and prev.label == u.label:
            tm = INSTALMENT_TITLE.search(ctx.unit_text(prev))
    title = tm.group(0) if tm else "付款"
    if raw.percent is None and raw.amount is None and title in ctx.ratio_titles:
        raw.percent = ctx.ratio_titles[title]
    if raw.percent is not None:
        pct = (raw.percent * 100).normalize()
        title += f" {format(pct, 'f')}%"
    raw.title = title


RULES = (
    rule_roles,
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
    ctx = Ctx(norm, clauses, units)
    facts = Facts()
    for rule in RULES:
        rule(ctx, facts)
    if facts.currency is None and (facts.total_fee is not None or any(o.amount for o in facts.obligations)):
        facts.currency = "CNY"
    return facts


__all__ = ["extract", "parse_duration"]
