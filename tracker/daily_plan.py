"""Planning the daily run a slice of contracts at a time, into the run's staging tables.

``tracker.daily.run_daily`` used to read every open obligation, plan every reminder, build every
payload and compute every accrual at once: at 100,000 contracts that held over a gigabyte
(issue 12). Here the same steps run over consecutive slices of ``SLICE`` contracts (keyset
pagination on contract id, ``reminder_queries.contract_slices``, inside the run's one read snapshot), and what a slice produces goes
to ``tracker.store.remind_stage``: outbox rows with their payload, the penalty snapshot, the
first-run digest's lines. Only counts and the channels' targets stay in memory.

The result is the one the whole-portfolio plan gave: the same rows in the same order (each row
carries its rank in that plan: status, due date, obligation, then the order of its reminders and
channels), the same digests (lines sorted by ``first_digest.sort_key``), the same counts.
On a first run the ordinary plan and the backlog's plan (``first_digest.first_run_config``) are
drawn from one read of the slice: the backlog's prefilter is the wider one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from tracker import daily, first_digest, person_digest
from tracker import reminders as policy_mod
from tracker.config import Config
from tracker.notify import Target, chunk_sizes
from tracker.reminders import Reminder
from tracker.store import reminder_queries as rq
from tracker.store.remind_stage import Stage

SLICE = 1000  # contracts planned at a time


@dataclass
class Plan:
    """What a run keeps while it plans: settings, counts and targets, never the rows."""

    day: date
    now: date
    cfg: Config
    glob: list[Target]
    first: bool
    snapshot: bool  # take the day's penalty snapshot
    skipped: list[Any]
    rec: dict[int | None, list[tuple[str, Target]]] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)  # channel -> person (tracker.person_digest)
    cache: dict[str, Any] = field(default_factory=dict)
    planned: int = 0  # reminders x channels
    folded: int = 0  # of which folded into a digest
    folded_channels: set[str] = field(default_factory=set)
    rows: int = 0  # staged outbox rows
    snapshots: int = 0
    told: list[int] = field(default_factory=list)  # calendar moves announced
    ordinary: int = 0  # of ``planned``: the pairs of the ordinary plan (not the first run's backlog, not moves)
    moved: dict[int, int] = field(default_factory=dict)  # calendar move id -> its pairs
    targets: dict[str, Target] = field(default_factory=dict)  # channel -> target, in order of use
    digests: list[tuple[Target, int, str, str, str]] = field(default_factory=list)  # target, key, reason, day, JSON
    parts: list[Callable[[], Iterator[tuple[Target, int, str, str, str]]]] = field(default_factory=list)  # built late

    def all_digests(self) -> Iterator[tuple[Target, int, str, str, str]]:
        """Every digest not already sent: the first run's parts, built one at a time, then ``digests``."""
        for parts in self.parts:
            yield from parts()
        yield from self.digests

    def planned_again(self) -> int:
        """What a second run of the day, planning it in full, would count as planned (not a first run
        then; the moves this run announced no longer pending): ``tracker.store.plan_memo``."""
        told = set(self.told)
        return self.ordinary + sum(n for move, n in self.moved.items() if move not in told)

    @property
    def bad(self) -> dict[int, str]:
        return {s.contract_id: s.problem for s in self.skipped}


def settings_key(cfg: Config, glob: list[Target]) -> str:
    """A digest of what a day's plan depends on besides the store (``tracker.store.plan_memo``): the
    policy, the digests' sizes, the always-on channels, the calendar package's years, this code."""
    import hashlib

    from tracker import __version__

    try:
        from tracker.periods import calendar_years

        years: tuple[int, int] | None = calendar_years()
    except Exception:  # no calendar package (``daily._covered_fn`` covers nothing then)
        years = None
    text = repr((cfg.policy, cfg.delivery.digest_lines, cfg.delivery.digest_chunk,
                 [(t.channel, t.kind, t.format) for t in glob], years, __version__))
    return hashlib.sha256(text.encode()).hexdigest()


def plan_into(conn: sqlite3.Connection, stage: Stage, p: Plan) -> None:
    """Plan the whole portfolio into ``stage`` (on ``conn``'s open read transaction)."""
    wide = first_digest.first_run_config(p.cfg) if p.first else p.cfg
    for span in rq.contract_slices(conn, SLICE):
        ranks: dict[int, tuple[str, str | None]] = {}
        subjects = daily.load_subjects(conn, p.day, wide, p.skipped, contracts=span, cache=p.cache, ranks=ranks)
        rems = _due(subjects, p, p.cfg)
        ranked = [(0, r) for r in rems]
        if p.first:
            ranked += [(2, r) for r in first_digest.first_run_extra(rems, _due(subjects, p, wide))]
        _stage(conn, stage, p, ranked, ranks, span)
    moved = daily.moved_reminders(conn, p.now)
    _stage(conn, stage, p, [(1, r) for r in moved], {}, None)
    if p.first:
        _digests(stage, p)
    if p.people:
        _person_digests(stage, p)


def _due(subjects: list[Any], p: Plan, cfg: Config) -> list[Reminder]:
    rems = policy_mod.due_all(subjects, p.day, cfg.policy)
    return policy_mod.catch_up(rems, p.now, cfg.policy) if p.now > p.day else rems


def _stage(conn: sqlite3.Connection, stage: Stage, p: Plan, ranked: list[tuple[int, Reminder]],
           ranks: dict[int, tuple[str, str | None]], span: list[int] | None) -> None:
    """One slice: which (reminder, channel) pairs are new, their penalties, payloads and digest lines."""
    rank: dict[tuple[int, str, date, str], tuple[Any, ...]] = {}
    first_rank: dict[tuple[int, str], tuple[Any, ...]] = {}  # (obligation, channel): its first pair's rank
    pairs = []
    for grp, r in ranked:
        status, due = ranks.get(r.subject.obligation_id, ("", None))
        for t in daily._targets_for(r.subject, p.glob, p.rec):
            key = (r.subject.obligation_id, r.reason, r.for_date, t.channel)
            rank.setdefault(key, (grp, status, due, r.subject.obligation_id, stage.next_seq()))
            first_rank.setdefault((r.subject.obligation_id, t.channel), rank[key])
            pairs.append((r, t))
            if grp == 0:
                p.ordinary += 1
            elif grp == 1:
                p.moved[r.detail["move_id"]] = p.moved.get(r.detail["move_id"], 0) + 1
    p.planned += len(pairs)
    if p.first:
        folded = [t.channel for r, t in pairs if first_digest._folded(r)]
        p.folded += len(folded)
        p.folded_channels.update(folded)
    digests: list[tuple[str, Any]] = [(first_digest.DIGEST, first_digest.FOLDED)]
    if p.people:
        digests.append((person_digest.DIGEST, None))
    have = stage.existing({r.for_date.isoformat() for _, r in ranked}, {r.subject.obligation_id for _, r in ranked},
                          digests)
    fresh = [(r, t) for r, t in pairs if (r.subject.obligation_id, r.reason, r.for_date.isoformat(), t.channel)
             not in have]
    known: dict[tuple[int, date], Any] = {}
    if p.snapshot and span is not None:
        snaps, by_ob = daily.snapshot_rows(conn, p.day, p.bad, span)
        stage.add_snapshots(snaps)
        p.snapshots += len(snaps)
        known = {(oid, p.day): a for oid, a in by_ob.items()}
    filled = {(r.subject.obligation_id, r.reason, r.for_date): r for r in daily.fill_penalties(
        conn, list({id(r): r for r, _ in fresh}.values()), known, p.bad)}
    fresh = [(filled[(r.subject.obligation_id, r.reason, r.for_date)], t) for r, t in fresh]
    for _, t in fresh:
        p.targets.setdefault(t.channel, t)
    if p.first:
        fresh, by_channel = first_digest.split(fresh, Reminder.to_json)  # a line writes its own text
        items = []
        for channel, (_t, lines) in by_channel.items():
            for it in lines:
                items.append((*first_rank[(it["obligation_id"], channel)], channel, *first_digest.sort_key(it), it["for_date"],
                               json.dumps(it, ensure_ascii=False), it["text"]))
        stage.add_items(items)
    cache: dict[int, str] = {}
    rows, mine = [], []
    for r, t in fresh:
        pl = cache.get(id(r))
        if pl is None:
            pl = cache[id(r)] = json.dumps(daily.payload(r), ensure_ascii=False)
        row = (*rank[(r.subject.obligation_id, r.reason, r.for_date, t.channel)],
               r.subject.obligation_id, r.subject.contract_id, r.subject.kind, r.reason,
               r.due_date.isoformat() if r.due_date else None, r.for_date.isoformat(), t.channel, pl)
        move = r.detail["move_id"] if r.reason == policy_mod.CALENDAR_MOVED else None
        if t.channel in p.people:  # a person's: folded once the whole day is planned
            mine.append((*row, move))
            continue
        rows.append(row)
        if move is not None:
            p.told.append(move)
    stage.add_rows(rows)
    stage.add_people(mine)
    p.rows += len(rows)


def _digests(stage: Stage, p: Plan) -> None:
    """The first run's digests, per channel in parts (chat webhooks: ``digest_chunk`` lines and the
    chat size limit; e-mail, console, log, generic webhook: ``digest_lines`` lines), each part its own
    outbox row (keys 0, -1, -2…). Only the sizes are computed here: a part's JSON is built when
    the outbox receives it (``Plan.all_digests``), so no more than one part is ever in memory."""
    d = p.cfg.delivery
    for channel in stage.digest_channels():
        t = p.targets[channel]
        if t.kind == "webhook" and t.digest:  # a chat robot: messages have a size limit
            sizes = chunk_sizes((line for _, _, line in stage.items(channel)), max_items=d.digest_chunk)
        else:
            count = stage.item_count(channel)
            sizes = [min(d.digest_lines, count - k) for k in range(0, count, d.digest_lines)]
        p.parts.append(partial(_parts, stage, t, sizes))


def _parts(stage: Stage, t: Target, sizes: list[int]) -> Iterator[tuple[Target, int, str, str, str]]:
    """(target, key, reason, for_date, payload JSON) of each part of ``t``'s digest not already
    in the outbox, read from the stage one part at a time."""
    it = stage.items(t.channel)
    for_date = ""
    for i, n in enumerate(sizes):
        rows = [next(it) for _ in range(n)]
        for_date = for_date or rows[0][0]  # the day of the channel's first line, for every part
        if not stage.digest_exists(-i, first_digest.DIGEST, for_date, t.channel):
            part = [(item, line) for _, item, line in rows]
            yield (t, -i, first_digest.DIGEST, for_date,
                   first_digest.digest_json(partial(list, part), n, for_date, (i + 1, len(sizes))))


def _person_digests(stage: Stage, p: Plan) -> None:
    """Per person's channel and day: two or more reminders become one digest (``person_digest``),
    a single one is sent as it is, after every other row."""
    for n, (channel, for_date, count) in enumerate(stage.person_groups()):
        rows = stage.person_rows(channel, for_date)
        if count < 2:
            *row, move = rows[0]
            stage.add_rows([(3, "", None, n, 0, *row)])
            p.rows += 1
            if move is not None:
                p.told.append(move)
            continue
        items = [json.loads(r[7]) for r in rows]
        for t, key, pl in person_digest.parts_of(p.targets[channel], p.people[channel], for_date, items,
                                                 chat_items=p.cfg.delivery.digest_chunk):
            p.digests.append((t, key, person_digest.DIGEST, for_date, json.dumps(pl, ensure_ascii=False)))
