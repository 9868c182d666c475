"""Rows of a schedule or responsibility table whose deadline column states the deadline (Chinese):
one dated duty per row, of the kind the table's lead-in (or the sentence that refers to the table)
and the row's own words say, by the party its column names."""

from __future__ import annotations

import re
from typing import Any

from tracker.parse import kinds_zh, lexicon_zh, tables_zh
from tracker.parse.actors_zh import actor, referring_actor
from tracker.parse.annex_refs_zh import _referring_sentence
from tracker.parse.common import Facts, RawObligation, Unit, find_dates
from tracker.parse.context_zh import Ctx, _kind
from tracker.parse.duty_time_zh import duty_time
from tracker.parse.obligations_zh import TITLES
from tracker.parse.project_weeks_zh import week_end_date, week_ends
from tracker.parse.series_zh import join_first, series_first, series_month

#: a row's item that opens with its own act (after a row number): "4 组织验收", not "训练数据"
_ACTS = re.compile(rf"[\s\dA-Za-z.、]*(?:{lexicon_zh.OTHER_ACTION})")


def rule_table_deadlines(ctx: Ctx, seen: Facts) -> Facts:
    """Rows of a schedule table whose deadline column (交付日期) holds a date: one dated duty per
    row, of the kind the introducing clause and the header say, citing that clause."""
    facts = Facts()  # this rule's own findings; earlier rules' are in ``seen``
    if "|" not in ctx.text and "\t" not in ctx.text and "<t" not in ctx.text and "  " not in ctx.text:
        return facts
    taken = [(o.start, o.end) for o in seen.obligations]
    done_rows: set[int] = set()
    weeks = week_ends(ctx.text) if "周" in ctx.text else None
    for u in ctx.units:
        s = ctx.unit_text(u)
        if not ("|" in s or "\t" in s or "<t" in s or "  " in s):
            continue
        row = tables_zh.row_at(ctx.text, u.start, u.end)
        if not u.label and (row is None or row.of("amount") is None):
            continue  # outside the clauses only an order's lines count (项次 | 品名 | 金额 | 交期): they are its deliveries
        cell = row.of("deadline") if row else None
        if row is None or cell is None or row.start in done_rows:
            continue
        done_rows.add(row.start)
        a, b = row.quote_span(cell)
        found = [h.value for h in find_dates(ctx.text, cell.start, cell.end) if h.value]
        if not found and weeks is not None and (wd := week_end_date(ctx.text[cell.start:cell.end], weeks)):
            found = [wd]  # "第14周末" in a contract that defines its project weeks
        relative: dict[str, Any] = {}
        got = None
        if len(found) == 1 and series_first(ctx.text[cell.start:cell.end]) == found[0]:
            # "每季度结束后十日内提交，首份报告于2027年1月10日前提交": a series and the day of its first occurrence
            got = duty_time(ctx, Unit(u.label, cell.start, cell.end), ctx.text[cell.start:cell.end])
            if got and got.get("recurrence"):
                relative, found = {"recurrence": join_first(got["recurrence"], found[0]), "series_from": found[0]}, []
        if not found and not relative:  # "收到首轮评测报告之日起20个工作日内", "每季度首月15日前" in the deadline column
            got = duty_time(ctx, Unit(u.label, cell.start, cell.end), ctx.text[cell.start:cell.end])
            if got and got.get("recurrence"):
                relative = {"recurrence": got["recurrence"]}
                if (since := series_month(ctx.text[cell.start:cell.start + got["_a"]])) is not None:
                    relative["series_from"] = since  # "自2026年5月起，每月10日前提交…"
            elif got and got.get("event"):
                relative = {k: got[k] for k in ("event", "offset", "business_days")}
        if (len(found) != 1 and not relative) or any(x < b and a < y for x, y in taken):
            continue
        cell_text = ctx.text[cell.start:cell.end]
        if ctx.party_rx().search(cell_text) and re.search(lexicon_zh.MODAL, cell_text):
            # the cell is a duty sentence of its own ("乙方应于…内提交部署实施方案" beside the payment columns)
            party = actor(ctx, cell_text, "other")
            # its own words less its time ("部署上线后七个工作日内" dates the duty), else the row's item with its verb:
            # "甲方应于部署上线后七个工作日内提交" beside "模型测评报告（载明…指标）" hands in the report
            own_words = cell_text[:got["_a"]] + cell_text[got["_b"]:] if got and "_a" in got else cell_text
            # (not the row's payment cells: "组织验收" beside "验收合格…支付验收款" is no payment)
            item = " ".join(ctx.text[c.start:c.end] for c in row.cells if c.role not in ("party", "deadline", "condition", "amount", "percent"))
            own = kinds_zh.kind_of(own_words, party)
            own = (kinds_zh.kind_of(own_words + item, party) if own in (None, "other") else own) or own or "other"
            own = "other" if own in ("payment", "data_delivery") and party == "provider" else own
            facts.obligations.append(RawObligation(own, party, TITLES[own], u.label, cell.start, cell.end,
                                                   fixed_date=found[0] if found else None, **relative))
            continue
        seg = next((sg for sg in ctx.clauses.segments if sg.start <= row.start < sg.end), None)
        intro = ctx.text[seg.start:row.start].split("\n")[0] if seg else ""
        kind = _kind(intro, None)  # what the table schedules (标注任务及交付安排), not the items' words
        if kind is None and (ref := _referring_sentence(ctx, intro, seg.start if seg else row.start)):
            # "附件一：采集批次表" says nothing; "甲方按附件一所列…分三批完成采集" does — the clause that names
            # the annex, not the rest of its sentence ("…完成各阶段工作，并于每月10日前提交进度报告")
            ref = next((c for c in re.split(r"[,;]", ref) if "附" in c or "表" in c), ref)
            kind = _kind(ref, None)
        titles = _titles(ctx, row)
        if titles.strip("—–-/ 无") and ((kind is None and row.of("party") is None)
                                        or (kind == "payment" and row.of("condition") is not None)):
            # a milestone table whose introduction names no kind (阶段 | 交付物 | 完成时间), or one with a
            # payment-time column too (交付成果 | 完成时限 | 付款比例 | 付款条件): each row's deliverable says
            # what its deadline column dates, the provider's unless a sentence binds another party to it
            kind = kinds_zh.kind_of("提交" + titles, "provider") or "other"
        if kind is None and row.of("party") is not None:
            kind = "other"  # a responsibility table (工作事项 | 责任方 | 完成时限): each row's words give its kind below
        if kind in (None, "payment"):
            continue
        party = (actor(ctx, intro, kind) if ctx.party_rx().search(intro)
                 else referring_actor(ctx, intro, seg.start if seg else row.start, kind))
        if (who := row.of("party")) is not None and (role := _role_in(ctx, ctx.text[who.start:who.end])):
            # a responsibility table (甘特表: 任务 | 责任方 | 完成节点 | 交付物): each row says who and what
            party = role
            what = " ".join(ctx.text[c.start:c.end] for c in row.cells if c.role not in ("party", "deadline")
                            and not re.fullmatch(r"[\s—–\-/无]*", ctx.text[c.start:c.end]))  # ("—": an empty cell)
            task = next((ctx.text[c.start:c.end] for c in row.cells if c.role not in ("party", "deadline")
                         and not re.fullmatch(r"[\s\dA-Za-z.—–\-/无]{0,4}", ctx.text[c.start:c.end])), what)  # (not "M3", "1")
            # the work item's own words first ("提供历史交易数据"), then the row's ("… 数据交接清单")
            # a side supplies the items ("提供"), but in a table of deliverables (交付物 | 交付方 | 交付时间) an
            # item that names a model or a system is delivered ("交付")
            head = next((ctx.text[a:b] for (a, b), c in zip(row.header, row.cells, strict=False) if c.role == "party"), "")
            # (an item that names its own act keeps it: "组织验收" is no hand-over)
            item_kind, row_kind = (kinds_zh.kind_of(words, party) if _ACTS.match(words) else
                                   kinds_zh.kind_of(("交付" if "交付" in head and re.search(lexicon_zh.DELIVERABLE, words)
                                                     else "提供") + words, party) for words in (task, what))
            kind = (item_kind if item_kind not in (None, "other") else row_kind or item_kind) or kind
        if kind == "data_delivery" and party == "provider":
            kind = "other"  # (the table's rows are the items, not the heading's words: no other settling)
        if relative.get("recurrence"):  # "试点运行简报 | 乙方 | 试点期间每两周的周五"
            kind = kinds_zh.series_kind(kind, " ".join(ctx.text[c.start:c.end] for c in row.cells if c.role != "deadline")) or kind
        title_cell = row.of("title")
        title = ctx.text[title_cell.start:title_cell.end] if title_cell else TITLES[kind]
        facts.obligations.append(RawObligation(kind, party, title, u.label, a, b, fixed_date=found[0] if found else None,
                                               **relative))
    return facts


def _role_in(ctx: Ctx, cell: str) -> str | None:
    """The role a responsibility cell names ("乙方", "服务方"); both sides for "甲乙双方"."""
    if lexicon_zh.BOTH_RX.search(cell):
        return "both"
    m = ctx.party_rx().search(cell)
    return (ctx.role_of(m.group(0)) or lexicon_zh.role_word(m.group(0))) if m else None


def _titles(ctx: Ctx, row: Any) -> str:
    """The words of a row's title columns (阶段 and 交付物 both name what is due)."""
    return " ".join(ctx.text[c.start:c.end] for c in row.cells if c.role == "title")


__all__ = ["rule_table_deadlines"]
