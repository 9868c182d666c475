"""Contract facts of Chinese contracts: roles, parties, title, signing date, term, renewal
window, confidentiality period, fee, copies, metrics and penalties (one rule each, in order)."""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_left
from datetime import date

from tracker.parse import cover_zh, lexicon_zh, lexicon_zh_penalties, parties_zh
from tracker.parse.clause_marks import ZH_PARTS
from tracker.parse.common import (
    Facts,
    Unit,
    find_dates,
)
from tracker.parse.context_zh import (
    BASIS_WORDS,
    NUM,
    Ctx,
    duration_at,
    section_titles,
)
from tracker.parse.numerals import CN_NUM_CHARS, NumeralError, cn_int, rate
from tracker.parse.rx_prefilter import guarded
from tracker.parse.service_term_zh import RANGE_GAP as _RANGE_GAP
from tracker.parse.service_term_zh import service_range, term_start_before
from tracker.parse.timex_lexicon import NO_END_ZH

# ---------------------------------------------------------------- rules: parties and title


def rule_roles(ctx: Ctx) -> None:
    """Who is 甲方 and who is 乙方, from the contract's own definitions anywhere; never assumed."""
    ctx.party_defs = parties_zh.definitions(ctx.text)
    ctx.roles.update(parties_zh.roles(ctx.text, ctx.party_defs))
    # fall back to who pays the service fee when no side is defined, or both are defined alike (总承包方 and 分包方)
    if not any(r in ("client", "provider") for r in ctx.roles.values()) \
            or ctx.roles.get("甲方") == ctx.roles.get("乙方") in ("client", "provider"):
        m = next((p for p in _PAYS_FEE.finditer(ctx.text) if not _NOT_A_FEE.search(p.group())), None)
        if m:
            payer = m.group(1)
            ctx.roles[payer] = "client"
            ctx.roles["乙方" if payer == "甲方" else "甲方"] = "provider"


def rule_parties(ctx: Ctx, seen: Facts) -> Facts:
    """The client's and the provider's names: cover and party block, then signature block, then
    the preamble sentence, then the body."""
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    first = ctx.clauses.labelled()
    body = (first[0].start, max(s.end for s in first if s.label and not s.label.startswith(ZH_PARTS))) if first else None
    found = parties_zh.names(ctx.text, ctx.roles, body, ctx.party_defs)
    facts.provider = found.get("provider")
    facts.client = found.get("client")
    return facts

# compiled at import, so kept by tracker.regex_cache between runs
_SERVICE_PERIOD_END = re.compile(rf"(?:{lexicon_zh.SERVICE_PERIOD})\s*$")
_NOTICE_BEFORE_END = re.compile(r"(?:期满|届满|到期)(?:之日|日)?前" + lexicon_zh.NOTICE_FILLER
                                # or the length between the end and 前: "应于期程届满二个月前…申请"
                                + r"|(?:期满|届满|到期)(?:之日|日)?\s*(?=[\d一二三四五六七八九十两]+\s*个?(?:月|日|天|工作日|工作天|周)\s*(?:之|以)?前)")


# ---------------------------------------------------------------- rules: dates and term


#: what stands between the two dates of a written range: "2025-03-18至2026-03-17", "A—B", "A~B"

#: a side paying a price (not a penalty's costs: "乙方应向甲方支付违约金及律师费")
_PAYS_FEE = re.compile(r"(甲方|乙方)[^,。;]{0,24}(?:支付|付清)[^,。;]{0,8}(?:[\u4e00-\u9fff]{0,4}费|价款|价金|总价|合同款|期款)")
_NOT_A_FEE = re.compile(r"违约|赔偿|律师|诉讼|仲裁|罚|滞纳")
_ENDS_FROM = re.compile(r"\s*(?:[(（][^()（）]{0,24}[)）])?\s*起\s*(?:终止|解除)")
_OF_A_SERVICE = re.compile(r"\s*[\d一二三四五六七八九十百两]+\s*个?(?:自然|日历)?(?:年|月|周|日|天)\s*的(?!期间|期限|时间|时段)")
_TERM_WORDS = re.compile(r"生效|有效期|效期|期限|服务期|订阅期|租期|租赁期|期间|研究期程|执行期程|计划期程|起终止|本(?:合同|协议|契约)(?:有效)?(?:自|由)")
_AMENDING = re.compile(r"修改|补充|变更|附件")
#: a duty with no end: 永久, 无固定期限 (not "不因本合同终止而解除": it survives, for a period stated or not)
_PERPETUAL = re.compile(NO_END_ZH)
_SAME_AS_TERM = re.compile(r"有效期(?:与|同|和)(?P<p>[\u4e00-\u9fff]{1,6}期)(?:间)?(?:相同|一致)")
_EFFECTIVE_ON_SIGNING = re.compile(r"(?:签(?:字|章|署|订|约)|盖章)[^,。]{0,10}(?:之日|后|日期起|起)[^,。]{0,3}生效|自?签订之日起生效")
_EFFECTIVE_DAY_DEFINED = re.compile(r"生效日(?:期)?[」”\"']?\s*(?:指|是|为)\s*")
_EFFECTIVE_DAY_IS_SIGNING = re.compile(r"生效日(?:期)?[」”\"']?\s*(?:指|是|为)[^。;]{0,24}签(?:署|字|订)(?:之日|当日|日期)")
#: what introduces the term's length (guarded: tried only where such a word, or the space before 共计, can start)
_TERM_LEAD = guarded(re.compile(
    r"(?:有效期间?|合同期限|契约期间|服务期(?:限|间)?|订阅期限?|租(?:赁)?期(?:限)?|许可期(?:限|间)?|期限|期间|(?:研究|执行|计划)期程)[」”\"']?(?:\([^()]{1,12}\))?\s*(?:为|是|:|指)?\s*(?:(?:自|由|从)[^,。;]{0,12}?起(?:算|计)?)?\s*[,]?\s*(?:为期)?|为期"
    r"|(?<=止,)\s*(?:共计?|合计)"
    r"|自(?:本合同|本协议|本契约)?(?:生效|签订|签署)之日起(?=\s*[\d一二三四五六七八九十两]+\s*个?(?:月|年)\s*内\s*有效)"))  # 自生效之日起六个月内有效


#: what a term's sentence is about; a definition (…指…) of another period, unless it names the term
_ABOUT_TERM = re.compile(rf"本合同|本协议|本契约|本(?:工作)?说明书|本订单|本条款|合同|协议|契约|{lexicon_zh.TERM_PERIOD}")
_DEFINES = re.compile(r"(?:^|[:：])\s*(?:是)?指")
_DEFINES_TERM = re.compile(r"本合同|本协议|本契约|合同期限|有效期")


def rule_term(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    text = ctx.text
    fallback: tuple[str, tuple[str | None, int, int]] | None = None  # 运维服务期限为两年, when nothing else is the term
    same = {m.group("p") for m in _SAME_AS_TERM.finditer(text)}  # "有效期与试点期相同": 试点期 is the term
    previous: Unit | None = None
    for u in ctx.units:
        before, previous = previous, u
        if not u.label or (u.label.startswith(ZH_PARTS) and (facts.term or facts.end_date)):
            continue  # (an order's own 租期 after the signatures is not the framework's term)
        s = ctx.unit_text(u)
        if not _TERM_WORDS.search(s) and not any(p in s for p in same):
            continue
        if facts.effective_date is None and (d := _EFFECTIVE_DAY_DEFINED.search(s)) is not None:
            hits = [h for h in find_dates(s, d.end(), min(len(s), d.end() + 24)) if h.value]
            if hits and hits[0].start - d.end() <= 2:
                facts.effective_date = hits[0].value  # "「生效日」指2026年9月1日"
        # effective date
        if facts.effective_date is None and "生效" in s and not _AMENDING.search(s):
            at = s.find("生效")
            dates = [h for h in find_dates(text, u.start, u.start + at) if h.value]
            this_day = re.search(r"(?:自|从)(?:该|此|上述|前述|当)日(?:期)?起?\s*生效", s)
            if this_day and not dates and before is not None and before.label == u.label:
                dates = [h for h in find_dates(text, before.start, before.end) if h.value]  # "试点期自A起，为期三个月；本协议自该日起生效"
            if dates and this_day:
                # "维保期自A起至B止，…本协议自该日起生效": the day the range starts
                starts = [h for h in dates if re.search(r"(?:自|从)\s*$", text[max(u.start, h.start - 3):h.start])]
                facts.effective_date = (starts or dates)[0].value
            elif dates:
                facts.effective_date = dates[-1].value
            elif (named_day := _named_day_before(ctx, s[:at])) is not None:
                facts.effective_date = named_day  # "自订阅开始日起生效", the cover naming 订阅开始日's date
            elif _EFFECTIVE_ON_SIGNING.search(s) or _EFFECTIVE_DAY_IS_SIGNING.search(s):
                facts.effective_on_signing = True  # "「生效日」指本协议最后一方签署之日"
        # explicit range: 自DATE起至DATE止 (not a definition of another period: "运营服务期：指自A起至B止的期间")
        # and about the contract: "声音授权期限自A起至B止" is a licence's, not the term
        about = _ABOUT_TERM.search(s)
        defines_other = ("指" in s and _DEFINES.search(s) and not _DEFINES_TERM.search(s)) or not about
        dates = [] if defines_other else [h for h in find_dates(text, u.start, u.end) if h.value]
        if (moved := _EXTENDED_TO.search(s)) and any(h.start < u.start + moved.start() for h in dates):
            dates = [h for h in dates if h.start >= u.start + moved.end()]  # 原服务期（A至B）延长至C止: A, B are replaced
        amended_end = _AMENDED_END.search(s)  # 有效期届满日由2025年12月31日变更为2026年3月31日
        if amended_end and facts.end_date is None:
            new = [h for h in dates if h.start >= u.start + amended_end.end()]
            if new:
                facts.end_date = new[0].value
                facts.term_span = facts.term_span or (u.label, u.start, u.end)
        for i, h in enumerate(dates):
            closes = re.match(r"\s*[)）]?\s*(?:止|为止|届满|到期|终止|结束)", text[h.end:h.end + 6]) \
                or re.search(r"(?:有效期|期限|服务期)(?:间)?\s*(?:相应|同步|一并|亦)?\s*(?:延长|延期|顺延|变更|调整)?\s*(?:至|到|截至)\s*$", text[max(u.start, h.start - 14):h.start]) \
                or (i > 0 and _RANGE_GAP.fullmatch(text[dates[i - 1].end:h.start]) is not None)
            opened = re.search(r"至|到|截至", text[max(u.start, h.start - 4):h.start]) or i > 0 \
                or re.search(r"(?:至|到)[^,。;()（）]{1,16}[(（]$", text[max(u.start, h.start - 20):h.start])  # 至原合同期满之日（2027年1月11日）止
            # "原合同自2026年1月31日（以下简称“终止日”）起终止": an early termination's day
            ends_from = _ENDS_FROM.match(text, h.end) and re.search(r"(?:自|于)\s*$", text[max(u.start, h.start - 3):h.start])
            if ((closes and opened) or ends_from) and facts.end_date is None:
                facts.end_date = h.value
                if facts.term_span is None:
                    facts.term_span = (u.label, u.start, u.end)
                prev = dates[i - 1] if i > 0 else None
                if prev is not None and facts.range_start is None and (
                        _RANGE_GAP.fullmatch(text[prev.end:h.start]) is not None
                        or re.search(r"(?:自|从)\s*$", text[max(u.start, prev.start - 3):prev.start])
                        or re.match(r"\s*(?:起|开始)", text[prev.end:prev.end + 3])):
                    facts.range_start = prev.value  # 自A起至B止: A starts the term (not "由原定的A届满，延长至B止")
        for p in same if facts.term is None else ():  # "试点期为三个月" where 有效期与试点期相同
            if (named := re.search(rf"{re.escape(p)}(?:间)?\s*(?:为|是|:)\s*(?:为期)?\s*", s)) is not None \
                    and (got := duration_at(s, named.end())) and not got[1]:
                facts.term, facts.term_span = got[0], (u.label, u.start, u.end)
        for m in _TERM_LEAD.finditer(s):  # 自2026.4.1起至2027.3.31止，共十二个月
            if facts.term is not None or re.search(r"保密", s[: m.start()]):
                break
            if _SERVICE_PERIOD_END.search(s[max(0, m.start() - 4):m.start()]) \
                    and not re.search(lexicon_zh.CONTRACT_EFFECTIVE, s[:m.start()]):
                if fallback is None and re.search(r"运维|维保|免费维护", s[max(0, m.start() - 4):m.start()]) \
                        and (got := duration_at(s, m.end())) and not got[1]:
                    fallback = (got[0], (u.label, u.start, u.end))  # the term of an O&M contract that states no other
                continue  # 保固期间一年 / 质保期: a service period inside the term, not the term
                # (本合同自…生效，运维服务期为一年: a service contract's period is its term)
            got = duration_at(s, m.end())
            if not got or got[1] or _OF_A_SERVICE.match(s, m.end()):
                continue  # (nor "提供为期三个月的驻场优化服务": the length of a service it names)
            if (day := find_dates(s, m.end(), min(len(s), m.end() + 24))) and day[0].start - m.end() <= 3:
                continue  # "服务期限：2026年7月15日至…": a date, not a length of 2026 years
            facts.term = got[0]
            facts.term_span = (u.label, u.start, u.end)
            if facts.range_start is None:  # "服务期自2026年10月1日起，期限一年": its written first day
                facts.range_start = term_start_before(s, m.end())
            if facts.end_date is None:  # "维护期间一年，自A起至B止": the term's own range ends it
                ends = [h for h in find_dates(text, u.start, u.end)
                        if h.value and re.match(r"\s*(?:止|为止)", text[h.end:h.end + 3])
                        and re.search(r"至|到", text[max(u.start, h.start - 4):h.start])]
                if ends:
                    facts.end_date = ends[0].value
    if facts.term is None and facts.end_date is None and fallback is not None:
        facts.term, facts.term_span = fallback
    if facts.term is None and facts.end_date is None:
        service_range(ctx, facts)
    return facts


def _named_day_before(ctx: Ctx, s: str) -> date | None:
    """The day a cover field names, named in ``s`` just before 生效 ("自订阅开始日起")."""
    named = cover_zh.named_days(ctx.text, body_start(ctx)) if "日" in s else {}
    head = _DAY_TAIL.sub("", s) if named else ""
    return next((day for name, day in named.items() if head.endswith(name)), None)


_DAY_TAIL = re.compile(r"(?:之日|当日)?(?:起|开始)?\s*$")


def body_start(ctx: Ctx) -> int:
    first = ctx.clauses.labelled()
    return first[0].start if first else len(ctx.text)


def rule_cover(ctx: Ctx, seen: Facts) -> Facts:
    """A cover page's ``有效期限：A至B`` is the written end date; it wins over a computed one."""
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    facts.range_start = seen.range_start  # a range the term clause states stays its start
    cover_zh.term_from_cover(ctx.text, body_start(ctx), facts)
    if seen.term is None and (f := cover_zh.term_length_field(ctx.text, body_start(ctx))) is not None:
        lead = _LENGTH_LEAD.match(ctx.text, f.value_start, f.value_end)  # "自订阅开始日起十二个月"
        if (got := duration_at(ctx.text, lead.end() if lead else f.value_start)) and not got[1]:
            facts.term, facts.term_span = got[0], (None, f.start, f.end)
    return facts


_LENGTH_LEAD = re.compile(r"\s*(?:(?:自|由|从)[^,。;|]{0,12}?起(?:算|计)?)?\s*(?:为期|共)?\s*")


_AMENDED_TO = re.compile(lexicon_zh.AMENDED_TO)
_BREACH_TITLE = re.compile(lexicon_zh_penalties.BREACH_TITLE)


_RENEWAL_WORD = re.compile(r"续|通知|延长|展期|延期(?!交付|交货|完成|提交|付款|支付|上线|履行)")  # (not 延期交付: a delay)


def rule_renewal(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    notice_rx = _NOTICE_BEFORE_END
    for u in ctx.units:
        s = ctx.unit_text(u)
        amended = _AMENDED_TO.search(s)  # the new value, not the one it replaces
        if not _RENEWAL_WORD.search(s):
            continue
        # "合同期满前，任何一方如不续约，应于期满前两个月以书面通知": the end that a length precedes
        for since in ([amended.end()] if amended else []) + [0]:
            for m in notice_rx.finditer(s, since):
                if re.search(rf"(?:试用|{lexicon_zh.WARRANTY})期(?:间)?$", s[max(0, m.start() - 6):m.start()]):
                    break  # "试用期届满前十五日书面通知": the end of a period inside the contract, not its term
                got = duration_at(s, m.end())
                if got:
                    facts.renewal_notice = got[0]
                    facts.renewal_span = (u.label, u.start, u.end)
                    return facts
    return facts


#: a sentence about the duty just stated: 本条, 本义务, 上述义务, 前项义务
_REFERS_BACK = re.compile(r"(?:本|上述|前述|前项|前款|该|此)(?:条|项|款)?(?:保密)?(?:义务|责任|约定|规定)?(?=[于在自至,]|仍|持续|继续|长期|永久)|本条")


def rule_confidentiality(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    titles: dict[str, str] | None = None
    for u in ctx.units:
        row = ctx.unit_text(u)
        s = row.rsplit("|", 1)[-1] if "|" in row else row  # a table row's last cell
        # (its title cell may name 保密 for a cell that states another duty: "| 九、数据安全与保密 | 1. …删除…")
        about = "保密" in s or ("保密" in row and not re.search(r"删除|销毁|返还|归还|移交", s))
        if not about and _REFERS_BACK.match(s):  # "本条/本义务于契约终止后二年内仍然有效" in the confidentiality article
            titles = titles if titles is not None else section_titles(ctx)
            about = "保密" in titles.get(u.label or "", "") or "保密" in titles.get((u.label or "").split(".")[0], "") \
                or "保密" in ctx.text[max(0, u.start - 80):u.start]
        if "保密期" not in s and not (about and (re.search(r"期限|(?:终止|届满|期满|消灭)(?:之日)?(?:后|起)", s) or _PERPETUAL.search(s))):
            continue
        lead = re.search(r"(?:保密)?期(?:限|间)\s*(?:为|是|:)\s*" if about else r"保密期(?:限|间)?\s*(?:为|是|:)\s*", s) or \
            (re.search(r"为期\s*", s) if re.search(r"(?:终止|届满|期满|解除)", s) else None)
        if lead and re.search(r"(?:终止|届满|期满|解除)", s):
            got = duration_at(s, lead.end())  # 保密期限为五年，自本合同终止之日起算
            if got and not got[1]:
                facts.confidentiality_term = got[0]
                facts.confidentiality_span = (u.label, u.start, u.end)
                return facts
        if _PERPETUAL.search(s):
            facts.perpetual_confidentiality = True
            facts.confidentiality_span = (u.label, u.start, u.end)
            return facts
        m = re.search(r"(?:终止|届满|期满|解除|消灭)(?:之日)?(?:后|起)(?:仍然?|继续|持续|有效|存续)*", s)
        if m:  # "于本合同终止后持续五年", "终止后继续有效三年"
            got = duration_at(s, m.end())
            if got:
                facts.confidentiality_term = got[0]
                facts.confidentiality_span = (u.label, u.start, u.end)
                return facts
    return facts


# ---------------------------------------------------------------- rules: money, copies, metrics


#: a term moved to a new end: "原合同约定的服务期（A至B）延长至C止" (the dates before it are the old term's)
_EXTENDED_TO = re.compile(rf"(?:延长|延期|顺延|展期)(?:至|到)|{lexicon_zh.AMENDED_TO}")
#: an amended end of the term: 有效期届满日由A变更为B (B is the end)
_AMENDED_END = re.compile(rf"(?:届满|到期|终止)(?:日|之日|日期)[^,。;]{{0,30}}?(?:{lexicon_zh.AMENDED_TO})")
# compiled at import (kept by tracker.regex_cache between runs; {NUM} makes them slow to compile)
_COPIES_SUM = re.compile(rf"(?:正本|[一壹]式)[^。;]{{0,24}}?(?:合计|共计|总计)\s*共?\s*(?P<n>{NUM})\s*份")
_COPIES = re.compile(rf"(?:[一壹]式|正本)\s*(?P<n>{NUM})\s*份")
_COPIES_PAIR = re.compile(rf"正本\s*(?P<a>{NUM})\s*份\s*[,，、;；]?\s*副本\s*(?P<b>{NUM})\s*份")


def rule_copies(ctx: Ctx, seen: Facts) -> Facts:
    """一式N份; a sum stated after originals and copies (正本二份，副本四份，合计共陆份) wins."""
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    m = _COPIES_SUM.search(ctx.text) or _COPIES.search(ctx.text)
    pair = None if m is None or "合计" in m.group(0) or "共" in m.group(0) else \
        _COPIES_PAIR.match(ctx.text, m.start())
    if pair:  # "正本二份，副本二份": four copies in all
        with contextlib.suppress(NumeralError):
            facts.copies = cn_int(pair.group("a")) + cn_int(pair.group("b"))
            return facts
    if m:
        with contextlib.suppress(NumeralError):
            facts.copies = cn_int(m.group("n"))
    return facts


METRIC_NAMES = (("accuracy", r"准确率|正确率|准确度"), ("recall", r"召回率|查全率|敏感度|灵敏度"), ("f1", r"F1(?:值|分数|-?score)?|F1"))


#: each metric's threshold sentence, compiled at import (kept by tracker.regex_cache between runs)
_METRICS = tuple((key, re.compile(rf"(?:{names})(?:\([^()]{{0,40}}\)(?=\s*(?:不得低于|不应低于|应不低于|不低于|达到|≥)))?(?:[^,。;:]{{0,16}}?(?:不得低于|不应低于|应不低于|不低于|不少于|不小于|达到|达|至少|高于|≥|>=|大于等于|应达)\s*(?P<v>\d+(?:\.\d+)?\s*%|0?[ ]?\.\d+|百分之[{CN_NUM_CHARS}点]+|[零〇][点][零〇一二三四五六七八九]+)"
                                  r"|[^,。;:\d]{0,4}?(?P<w>\d+(?:\.\d+)?\s*%)\s*(?:或|及)以上)", re.I))  # "准确率98%或以上"
                 for key, names in METRIC_NAMES)


def rule_metrics(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    for key, rx in _METRICS:
        m = rx.search(ctx.text)
        if m:
            try:
                facts.metrics[key] = rate((m.group("v") or m.group("w")).replace(" ", ""))
            except (NumeralError, ArithmeticError):
                continue
    return facts


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


def rule_penalties(ctx: Ctx, seen: Facts) -> Facts:
    """One penalty per sentence, several per article; caps and suspension rights in a later
    sentence or item complete them (``penalties_zh``)."""
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    from tracker.parse import penalties_zh

    titles = section_titles(ctx)
    breach = {label for label, title in titles.items() if _BREACH_TITLE.search(title)}
    starts = [u.start for u in ctx.units]  # (a clause another replaces has none: 专用条款 "本条替代通用条款第7.1条")
    clauses = [(seg.label, seg.start, seg.end, seg.label in breach)
               for seg in ctx.clauses.labelled() if not seg.heading and seg.label
               and (i := bisect_left(starts, seg.start)) < len(starts) and starts[i] < seg.end]

    def article_title(n: str) -> str | None:
        with contextlib.suppress(NumeralError):
            return titles.get(str(cn_int(n)))
        return None

    facts.penalties.extend(penalties_zh.extract(ctx.text, clauses, article_title, seen.total_fee, facts.read))
    return facts

