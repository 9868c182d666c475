"""Obligations of Chinese contracts: one detector per sentence (party + duty + kind + time
element), payment-table rows, deadline-table rows, amended clauses."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.parse import (
    duties_zh,
    kinds_zh,
    lexicon_zh,
    named_periods_zh,
    payment_lists_zh,
    references_zh,
    row_rules_zh,
    series_bounds_zh,
    tables_zh,
)
from tracker.parse.actors_zh import actor, referring_actor
from tracker.parse.annex_refs_zh import _OPENS_WITH_PARTY, drop_pointers
from tracker.parse.common import Facts, RawObligation, Unit
from tracker.parse.context_zh import DUTY, NUM, RATE_RX, Ctx, _kind, _role_word, _unit_index
from tracker.parse.duty_time_zh import _time_element, duty_time, duty_words, together_with
from tracker.parse.lexicon_zh import BOTH_RX
from tracker.parse.money_text import find_money
from tracker.parse.numerals import CN_NUM_CHARS, rate
from tracker.parse.paragraphs import UNNUMBERED
from tracker.parse.payments_zh import _BARE_FIGURE, _payment_details
from tracker.parse.project_weeks_zh import series_week, week_ends
from tracker.parse.rx_prefilter import guarded
from tracker.parse.series_zh import each_year_start, first_alone, join_first, series_first, series_month
from tracker.parse.timex_element import time_element

TITLES = {
    "data_delivery": "训练数据交付",
    "model_delivery": "模型交付",
    "evaluation_report": "模型评估报告",
    "progress_report": "进度报告",
    "payment": "付款",
    "other": "其他义务",
}


#: a clause that sets out a payment schedule (guarded: tried only where one of its words can start)
_SCHEDULE = guarded(re.compile(
    r"(?:支付|付款|给付|拨付)[^。]{0,20}(?:如下|下列|下表|以下|分[一二三四五六七八九十\d]+[期笔次])"
    r"|分[一二三四五六七八九十\d]+[期笔次](?:支付|付款|给付|拨付)"
    r"|(?:如下|下列|下表|以下)[^。]{0,12}(?:支付|付款|给付|拨付)|(?:付款计划|付款安排)(?![^,。;]{0,6}[,、及和与])"))


def _payment_clauses(ctx: Ctx) -> set[str]:
    """Clauses that set out a payment schedule: their rows need no duty verb of their own; an annex
    a payment sentence refers to ("分四期给付，各期付款条件详附件一") is one too."""
    out: set[str] = set()
    for u in ctx.units:
        if not u.label:
            continue
        s = ctx.unit_text(u)
        if _SCHEDULE.search(s):
            out.add(u.label)
            out.update(m.group(0).replace(" ", "") for m in _ANNEX_REF.finditer(s))
    return out


_ANNEX_REF = re.compile(r"附件\s*[一二三四五六七八九十\d]+")


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


def rule_obligations(ctx: Ctx, seen: Facts) -> Facts:
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    ctx.ratio_titles = _ratio_titles(ctx)
    schedules = _payment_clauses(ctx)
    table_rows: set[int] = set()
    prev_party: str | None = None
    prev_kind: str | None = None
    prev_at: tuple[str | None, int] | None = None  # the clause and the end of the last duty read
    #: the sentences that state the term, the renewal window and the confidentiality period: their
    #: dates are the derived obligations (contract_expiry, renewal_notice, confidentiality_expiry)
    derived = [(sp[1], sp[2]) for sp in (seen.term_span, seen.renewal_span, seen.confidentiality_span) if sp]
    facts.authoritative_figures = seen.authoritative_figures  # how amounts are read (以小写为准)
    facts.read = list(seen.read)  # the sentences other rules read (a penalty's cap) are no duties
    sentence_at, read_at = -1, -2  # where the sentence being read starts; the sentence of the last duty read
    row_sentence = -3  # the sentence of the last responsibility-table row left to the table rule
    for u, continued in duties_zh.split_all(ctx.text, ctx.units):  # a sentence with two dated duties is two units
        sentence_at = sentence_at if continued else u.start
        continued = continued and read_at == sentence_at  # (its first duty was read: not an earlier sentence's)
        if any(a <= u.start < b for a, b in derived):
            continue
        s = ctx.unit_text(u)
        in_schedule = u.label in schedules and bool(RATE_RX.search(s) or find_money(ctx.text, u.start, u.end)
                                                    or _BARE_FIGURE.search(s) or re.search(r"付款|支付", s)
                                                    or re.match(r"(?:付款|支付)?(?:时间|期限|日期)\s*:", s))
        piped = "|" in s or "\t" in s
        cells = tables_zh.row_at(ctx.text, u.start, u.end) \
            if piped or (u.label in schedules and ("<t" in s or "  " in s)) else None  # (read once: it looks back for the header)
        if piped and cells is not None and cells.of("deadline") and cells.of("party") and not cells.of("amount"):
            row_sentence = sentence_at
            continue  # a responsibility table's row (成果 | 完成时限 | 责任方): rule_table_deadlines reads it
        if sentence_at == row_sentence:
            continue  # the rest of that row ("…十日内提交，首份报告于2027年1月10日前提交": the row's own)
        row = cells if u.label in schedules else None
        if row is None and u.label and piped and cells is not None and cells.of("amount") and cells.of("condition"):
            row = cells  # a table with an amount and a payment-time column is a payment schedule wherever it stands
        if row is not None and (row.of("amount") or row.of("percent")):
            in_schedule = True  # a row of a payment table: its header names the amount or the share
        lead_duty = None  # "乙方应依下列期限分三批交付标注资料：" + "(一)第一批八万则：115年4月30日前": its lead-in's duty
        if not DUTY.search(s) and not in_schedule and not continued \
                and (piped or ctx.text.rfind("\n", max(0, u.start - 200), u.start) < ctx.text.rfind("。", max(0, u.start - 200), u.start)
                     or (lead_duty := _lead_in(ctx, u)) is None or not DUTY.search(lead_duty)):  # (an item opens a line)
            continue
        if _RIGHT.search(s) and not re.search(lexicon_zh.MODAL, s):
            continue  # "订购方可自行导出其数据": a right
        if not _TIME_HINT.search(s):  # no number, date or 后/前/每/同时: no deadline to find
            continue
        if (last := facts.obligations[-1] if facts.obligations else None) is not None and last.recurrence \
                and last.label == u.label and (first := first_alone(s)) is not None:
            last.series_from = first  # "乙方应于每季度首月十日前提交…；首份报告应于2026年10月10日前提交"
            last.recurrence = join_first(last.recurrence, first)
            facts.read.append((u.start, u.end))
            continue
        if row is not None and in_schedule:
            if row.start in table_rows:
                continue  # the rest of a row split at ';'
            table_rows.add(row.start)
            if (raw := _table_payment(ctx, facts, u, s, row)) is not None:
                facts.obligations.append(raw)
                continue
        if row_rules_zh.PER_ROW.search(s) and (per_row := _rows_by_rule(ctx, facts, u, s)):
            facts.obligations.extend(per_row)  # "各期款项…对应里程碑达成之日起…": one payment per row of its table
            continue
        ob = _milestone_time(ctx, s) or _restated_time(ctx, s) or each_year_start(s, lambda: named_periods_zh.named_periods(ctx.text)) \
            or duty_time(ctx, u, s, payment_row=in_schedule) or (together_with(s, prev_kind) if continued else None)
        if ob is None:
            continue
        a, b = ob.pop("_a"), ob.pop("_b")
        first = series_first(s) if ob.get("recurrence") else None
        if ob.get("recurrence") and (since := series_month(s[:a]) or _series_week(ctx, s[:a]) or first
                                     or series_month(s[b:b + 16])  # "每季度…前，自2026年第四季度起，提交…"
                                     or named_periods_zh.series_start(s[:a], named_periods_zh.named_periods(ctx.text))):
            ob["series_from"] = since
            if since == first:
                ob["recurrence"] = join_first(ob["recurrence"], since)
        if (span := _SERVICE_SPAN.search(s, max(0, a - 8), b)) and not _LATER_EVENT.search(s, span.end(), b):
            continue  # "上线试运转一个月": a service period's length, no deadline ("试运行满三个月并通过终验后三十日内" is one)
        words_before, action = duty_words(s, a, b)
        kind = "payment" if in_schedule and not re.search(r"违约金|赔偿", action) else _kind(action, None) or tables_zh.duty_row_kind(cells)
        kind = kind or (_kind(lead_duty, None) if lead_duty else None)
        if ob.get("recurrence"):
            kind = kinds_zh.series_kind(kind, action, ob["recurrence"])
        if kind is None:
            continue
        if ob.get("offset") == "P0D" and kind != "payment" and not re.search(lexicon_zh.MODAL, s) and not continued:
            continue  # "订单…经双方签章后成为本协议附件": an event, no period and no duty word: a description
        # the subject in the duty's own clause, which runs to its duty word (past a fronted time or condition: "期满后
        # 15日内，经双方协商一致，乙方应…"): "第二批…于8月31日前交付，甲方按附件进行抽检" is no duty of 甲方's
        duty_at = DUTY.search(s, b)
        clause_end = m.start() if (m := _CLAUSE_END.search(s, duty_at.end() if duty_at else b)) else len(s)
        party = actor(ctx, words_before + s[b:clause_end], kind, prefix=s[:a], time=s[a:b])
        if u.label and u.label.startswith("附件") and not _OPENS_WITH_PARTY(ctx).match(s) \
                and not duties_zh.names_subject(ctx.party_rx(), s):
            party = referring_actor(ctx, u.label.split(".")[0], u.start, kind)  # a row of an annex's schedule
        if continued and prev_party and not ctx.party_rx().search(s):
            party = prev_party  # "…，于2025年3月10日前提供…": the subject of the sentence's first duty
        if not ctx.party_rx().search(s) and not BOTH_RX.search(s) and (inherited := _previous_subject(ctx, u)):
            party = inherited  # "(3) 第二批标注数据不迟于…交付" after "(2) 承包方应于…交付第一批": the list's subject
        prev_party = party
        kind = kinds_zh.settle_kind(kind, action, party) or kind
        if kind == "model_delivery" and not re.search(lexicon_zh.DELIVERABLE, action) and not kinds_zh.opens_service_only(action) \
                and (lead := _lead_in(ctx, u) or kinds_zh.data_work_title(ctx.text)):
            # "乙方应按下列批次交付语料：(1) 第一批…前交付": what the lead names; "本项目分三轮采集：第一轮…交付": data;
            # in a contract for data work (its title: "資料標註勞務契約書"), "第一批：乙方應於…交付" delivers that work
            # (not the opening of the service a data contract sells: "开通生产环境" is its delivery)
            kind = kinds_zh.kind_of(lead, party) or ("other" if re.search(lexicon_zh.DATA_WORK, lead) else kind)
        same_sentence = continued or (prev_at is not None and prev_at[0] == u.label and not piped
                                      and "。" not in ctx.text[prev_at[1]:u.start])  # (a table's rows are not one sentence)
        if same_sentence and prev_kind and kind not in ("payment", "progress_report") and not _OBJECT.search(action) \
                and (prev_kind, party) != ("payment", "provider"):
            kind = prev_kind  # "第一批…交付；第二批…，乙方应于…内交付": the same thing (data only a client hands over)
            kind = "other" if (kind, party) in (("data_delivery", "provider"), ("model_delivery", "client")) else kind
        prev_kind, prev_at, read_at = kind, (u.label, u.end), sentence_at
        raw = RawObligation(kind, party, TITLES[kind], u.label, u.start, u.end, **ob)
        if kind == "payment":
            listed = payment_lists_zh.split(ctx.text, raw, u.start, u.end, not facts.authoritative_figures)
            if len(listed) == 1:  # "第二、三、四阶段款项分别于…": one per stage the sentence names
                listed = payment_lists_zh.split_respectively(ctx.text, raw, u.start, u.end)
            if len(listed) > 1:  # "第一批…元，第二批…元": one payment per instalment listed
                facts.obligations.extend(listed)
                continue
            _payment_details(ctx, facts, u, s, raw)
        facts.obligations.append(raw)
    from tracker.parse import amendments_zh

    payment_lists_zh.fill_equal(ctx.text, facts.obligations, not facts.authoritative_figures)
    facts.obligations = series_bounds_zh.fold(ctx.text, facts.obligations, facts.read)
    facts.obligations = duties_zh.drop_schedule_leads(ctx.text, duties_zh.drop_general_terms(facts.obligations, facts.read), facts.read)
    facts.obligations = drop_pointers(ctx.text, facts.obligations, facts.read)
    facts.obligations = amendments_zh.apply(ctx.text, ctx.units, facts.obligations, facts.read)
    facts.obligations = amendments_zh.drop_amended(ctx.text, facts.obligations)
    facts.read = facts.read[len(seen.read):]  # only what this rule read
    return facts


_PLAIN_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def _rows_by_rule(ctx: Ctx, facts: Facts, u: Unit, s: str) -> list[RawObligation]:
    """The rows of the article's payment table, each paid by the rule ``s`` from its own stage."""
    if not u.label:  # (the caller found the per-row words; rows_by_rule checks them again itself)
        return []
    ref = re.search(r"见?第\s*(\d+(?:\.\d+)*)\s*条[^,。;]{0,4}?表", s)  # "（见第3.1条表格）": the table is there
    art = ref.group(1) if ref else u.label.split(".")[0]
    spans = [(sg.start, sg.end) for sg in ctx.clauses.segments if sg.label == art or (sg.label or "").startswith(art + ".")] \
        if not u.label.startswith(UNNUMBERED) else [row_rules_zh.table_after(ctx.text, u.start)]  # (its paragraph's table)
    if not spans:
        return []
    party, figures = actor(ctx, s, "payment"), not facts.authoritative_figures
    got = row_rules_zh.rows_by_rule(ctx.text, u, s, (spans[0][0], spans[-1][1]), party, figures)
    return got or ([] if ref else row_rules_zh.rows_of_another_article(ctx, art, u, s, party, figures))


def _table_payment(ctx: Ctx, facts: Facts, u: Unit, s: str, row: tables_zh.Row) -> RawObligation | None:
    """A payment-table row: the deadline from the cell that states it, the amount and the share
    from their columns when the header names them; the quote is that cell (the row in Markdown)."""
    text = ctx.text
    for cell in row.deadline_cells():
        cu = Unit(u.label, cell.start, cell.end)
        cell_text = ctx.unit_text(cu)  # a cell is read like a sentence: the time layer first
        restated = tables_zh.with_milestone(text, row, cell_text)  # ("确认后10个工作日内" under "…报告经甲方确认")
        shift = 0
        if (ob := _restated_time(ctx, cell_text)) is None:
            ob = duty_time(ctx, cu, restated or cell_text, payment_row=True)
            shift = len(restated) - len(cell_text) if restated else 0  # (positions back in the cell)
        if ob is not None:
            a, b = cell.start + max(0, ob.pop("_a") - shift), cell.start + max(0, ob.pop("_b") - shift)
            break
    else:  # the event is in another column ("模型交付" | "交付之日起30日内"): read the row as a whole
        ob = _time_element(ctx, Unit(u.label, row.start, row.end), text[row.start:row.end], payment_row=True)
        if ob is None:
            return None
        a, b = row.start + ob.pop("_a"), row.start + ob.pop("_b")
        cell = next((c for c in reversed(row.cells) if c.start < b), row.cells[-1])
    action = text[row.start:a] + text[b:row.end]
    for c in row.cells:  # a duty column of the same row ("乙方应于…提交部署实施方案") names no payer
        if c.role == "deadline" and c is not cell and c.end > c.start:
            action = action.replace(text[c.start:c.end], " ")
    if re.search(r"违约金|赔偿", action):
        return None
    raw = RawObligation("payment", actor(ctx, action, "payment", prefix=text[cell.start:a], time=text[a:b]), TITLES["payment"],
                        u.label, *row.quote_span(cell), **ob)
    if raw.recurrence and (since := series_month(text[cell.start:a])) is not None:
        raw.series_from = since  # "| 月度运维服务费 | … | 自2026年2月起，甲方于每月15日前支付上一个月的运维服务费 |"
    _payment_details(ctx, facts, u, s, raw)
    row_rules_zh.fill_from_row(text, row, raw, not facts.authoritative_figures,
                               lambda t, a, b: _BARE_FIGURE.search(t, a, b) or _PLAIN_FIGURE.fullmatch(t, a, b))
    return raw


def _series_week(ctx: Ctx, before: str) -> date | None:
    """"自第1周起，每周五…": the series starts in that project week (when the contract defines them)."""
    if "周起" not in before and "周开始" not in before:
        return None
    weeks = week_ends(ctx.text)
    return series_week(before, weeks) if weeks else None


_CLAUSE_END = re.compile(r"[,，;；]")
_RESTATED = re.compile(r"\(\s*即\s*(?P<t>[^()]{4,60})\)")


def _restated_time(ctx: Ctx, s: str) -> dict[str, Any] | None:
    """"第一个维保年度届满后30日内（即验收合格满一年后30日内）": the drafter's restatement names the
    event the deadline counts from; it wins over the words it explains."""
    m = _RESTATED.search(s) if "即" in s else None
    ob = time_element(m.group("t"), "zh", ctx.text) if m else None
    if m is None or ob is None or ob.get("event") is None:
        return None
    ob["_a"], ob["_b"] = m.start("t") + ob["_a"], m.start("t") + ob["_b"]
    return ob


def _milestone_time(ctx: Ctx, s: str) -> dict[str, Any] | None:
    """"里程碑M2完成之日起十五日内": read with M2's definition in its place (附件二: 系统交付)."""
    if not ctx.references() or not re.search(r"M\s*\d|节点\s*\d", s):
        return None
    ex = references_zh.expand(s, ctx.references())
    ob = time_element(ex.text, "zh", ctx.text) if ex else None
    if ex is None or ob is None:
        return None
    ob["_a"], ob["_b"] = ex.back(ob["_a"]), ex.back(ob["_b"])
    return ob


def _lead_in(ctx: Ctx, u: Unit) -> str | None:
    """The lead-in of the list ``u`` is an item of ("乙方应按下列批次交付语料:"), in the same clause."""
    i = _unit_index(ctx, u)
    for prev in reversed(ctx.units[max(0, i - 40):i]):  # (a list of up to 40 items: bounded, so linear)
        if prev.label != u.label:
            return None
        if ctx.text[prev.end:prev.end + 1] in (":", "："):
            return ctx.unit_text(prev)
    return None


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
        if not ctx.party_rx().search(t):
            continue
        m = re.compile(rf"\s*(?:\(?[\d一二三四五六七八九十]+[).、]\s*)?({ctx.party_rx().pattern})").match(t)
        return (ctx.role_of(m.group(1)) or _role_word(m.group(1))) if m else None
    return None


#: a duty's own object: a part of a sentence that names none ("乙方应于…内交付") does what the first part did
_OBJECT = re.compile(rf"数据|语料|样本|报告|模型|{lexicon_zh.DELIVERABLE}|文档|资料|方案|证明|款|费")
_LATER_EVENT = re.compile(r"(?:并|且|后)[^,。;]{0,24}?(?:验收|终验|初验|发票|交付|上线)")
#: a service period's length inside a time phrase: 试运转一个月, 试运行满30日, 质保期为一年
_SERVICE_SPAN = re.compile(rf"(?:{lexicon_zh.SERVICE_PERIOD})期?(?:间)?\s*(?:满|为|期为)?\s*{NUM}\s*(?:个)?(?:年|月|周|日|天)")
_RIGHT = re.compile(lexicon_zh.RIGHT)
_TIME_HINT = re.compile(rf"[\d{CN_NUM_CHARS}]|后|前|每|同时|一并|之日|内|届时|民国")
