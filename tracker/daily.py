"""The daily job: plan the day's reminders into the outbox, deliver what is ready, snapshot penalties.

``run_daily(db, today)`` is what ``tracker remind`` and each scheduler tick call; it knows
nothing of the scheduler. Steps, each its own short transaction:

0. re-date the deadlines whose calendar data changed (``tracker calendar refresh``: an imported
   year, a newer package); each move is announced once (``calendar_moved``);
1. read the open obligations (stdlib sqlite3: 100,000 rows in a fraction of a second) and
   their context (late-payment clause, late producer events, evaluations, calendar coverage);
2. ask the policy (``tracker.reminders``) what falls on ``today``; when ``today`` is a missed
   day being caught up (``now`` later than ``today``), re-date what has passed by ``now``;
3. fill in the accrued penalty (``tracker.penalty.accrual_snapshot``) and record that
   snapshot for every overdue instalment;
4. enqueue one outbox row per reminder and channel (unique key: nothing is planned twice);
5. deliver every ready row (this day's and earlier retries) by the claim protocol of
   ``tracker.store.outbox``: at-least-once, and exactly once unless a process dies mid-send.

Reads the environment only for the SMTP credentials (through ``tracker.config.load``) and the
wall clock only through ``clock`` (retry backoff times), never for the date.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from tracker import first_digest, person_digest
from tracker import reminders as policy_mod
from tracker.config import Config
from tracker.delivered import Delivered
from tracker.money import D, fmt_money
from tracker.notify import Context, DeliveryError, Target, email_target, webhook_channel, webhook_target
from tracker.reminders import Reminder, Subject
from tracker.store import bad_rows, outbox
from tracker.store import reminder_queries as rq
from tracker.store.bad_rows import Skipped

OPEN = ("pending", "overdue")


@dataclass
class RunResult:
    """What one daily run did (or, dry, would do)."""

    day: date
    now: date
    planned: int = 0  # reminders × channels found due
    new: int = 0  # of which were not in the outbox before
    delivered: Delivered = field(default_factory=Delivered)  # payload + channel, per row (bounded)
    failed: list[dict[str, Any]] = field(default_factory=list)  # {channel, error, count}
    released: int = 0
    reclaimed: int = 0
    snapshots: int = 0
    dry_run: bool = False
    would_send: list[dict[str, Any]] = field(default_factory=list)
    stopped: bool = False
    calendar: dict[str, Any] = field(default_factory=dict)  # the calendar refresh: moved, warnings
    skipped: list[Skipped] = field(default_factory=list)  # contracts whose stored data cannot be read

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_json(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "planned": self.planned, "new": self.new,
                "delivered": len(self.delivered), "failed": self.failed, "snapshots": self.snapshots,
                "reclaimed": self.reclaimed, "dry_run": self.dry_run,
                "skipped": [s.to_json() for s in self.skipped]}


# ------------------------------------------------------------------------------ reading


def _covered_fn() -> Callable[[date], bool]:
    try:
        from tracker.periods import calendar_years

        first, last = calendar_years()
    except Exception:  # no calendar package: nothing is covered
        return lambda d: False
    return lambda d: first <= d.year <= last


def _calendar_covered(conn: sqlite3.Connection) -> Callable[[str | None, date, str | None], bool]:
    """covered(contract calendar, due date, recorded basis): the due year is covered by the
    contract's calendar (imports included) and no year its count touched was weekends-only."""
    from tracker.calendars import uncovered_years
    from tracker.store.calendar_store import load

    cals = load(conn)
    by_code: dict[str | None, Any] = {}  # both looked up once: 100,000 obligations share a few of each
    weekends_only: dict[str, bool] = {}

    def covered(code: str | None, due: date, basis: str | None) -> bool:
        if basis:
            if basis not in weekends_only:
                weekends_only[basis] = bool(uncovered_years(json.loads(basis)))
            if weekends_only[basis]:
                return False
        if code not in by_code:
            by_code[code] = cals.get(code)
        return bool(by_code[code].covers(due.year))

    return covered


def _late_payment_clause(facts_penalties: str | None) -> tuple[int | None, str | None]:
    if not facts_penalties:
        return None, None
    from tracker.model import Penalty

    for p in json.loads(facts_penalties):
        pen = Penalty.from_json(p)  # what `tracker penalties` reads: a clause it refuses is refused here too
        if pen.kind == "late_payment":
            return pen.suspend_after_days, pen.clause
    return None, None


def load_subjects(conn: sqlite3.Connection, day: date, cfg: Config,
                  skipped: list[Skipped] | None = None, *, contracts: Sequence[int] | None = None,
                  cache: dict[str, Any] | None = None, ranks: dict[int, tuple[str, str | None]] | None = None
                  ) -> list[Subject]:
    """Open obligations that can have a reminder on ``day``, with their context. Contracts whose
    stored data cannot be read (``tracker.store.bad_rows``) are left out and added to ``skipped``.
    ``contracts``: only these contracts (a slice of the portfolio); ``cache``: what does not depend
    on the slice, kept between slices; ``ranks``: filled with each obligation's (status, due date),
    the order the plan lists them in."""
    bad: dict[int, str] = {}
    out = [s for s in _subjects(conn, day, cfg, bad, {} if cache is None else cache, ranks, within=contracts)
           if s.contract_id not in bad]
    for cid, problem in sorted(bad.items()):
        bad_rows.add(skipped, cid, problem)
    return out


def _subjects(conn: sqlite3.Connection, day: date, cfg: Config, bad: dict[int, str], cache: dict[str, Any],
              ranks: dict[int, tuple[str, str | None]] | None, *, within: Sequence[int] | None) -> list[Subject]:
    pol = cfg.policy
    if "covered" not in cache:
        cache["covered"] = _covered_fn()
    covered = cache["covered"]
    last_covered = next((y for y in range(day.year + 30, 1999, -1) if covered(date(y, 1, 1))), 1999)
    rows = rq.candidates(conn, day, pol, last_covered, within)
    if ranks is not None:
        ranks.update((r[0], (r[13], r[5])) for r in rows)
    bad.update(bad_rows.scan(conn, {r[1] for r in rows}))  # only the contracts with something to say
    contracts, calendar_of = rq.contract_context(conn, {r[1] for r in rows})
    if "cal_covered" not in cache:
        cache["cal_covered"] = _calendar_covered(conn)
    cal_covered = cache["cal_covered"]
    clause_cache: dict[str | None, tuple[int | None, str | None]] = {}
    # the earliest passed deadline of each (contract, producer kind) still open: "event late"
    producer_late: dict[tuple[int, str], date] = {}
    if any(r[5] is None for r in rows):
        kinds = pol.event_late_kinds
        for cid, kind, due in rq.earliest_passed(conn, kinds, day, within):
            if cid not in bad:
                producer_late[(cid, kind)] = date.fromisoformat(due)
    shortfall: dict[int, tuple[date, dict[str, tuple[Decimal, Decimal]]]] = {}
    for ecid, ob, on, metrics, targets, gaps, passed in rq.evaluations(conn, within):
        if ecid in bad:
            continue
        if passed:
            shortfall.pop(ob, None)
            continue
        try:
            m, t = json.loads(metrics), json.loads(targets)
            shortfall[ob] = (date.fromisoformat(on),
                             {k: (D(m[k]), D(t[k])) for k in json.loads(gaps) if k in m and k in t})
        except Exception:  # an unreadable evaluation: its contract is reported, not the whole run stopped
            bad.setdefault(ecid, "an evaluation has stored data that cannot be read")
    def covered_of(c: int, d: date, basis: str | None) -> bool:
        return bool(cal_covered(calendar_of.get(c), d, basis))

    out: list[Subject] = []
    for row in rows:
        if row[1] in bad:
            continue
        try:
            try:  # the common case without a context manager per row; a failure is read again inside it
                subject = _subject(row, contracts, clause_cache, producer_late, shortfall, covered_of, (day, pol))
            except Exception:
                with bad_rows.reading(row[1]):
                    subject = _subject(row, contracts, clause_cache, producer_late, shortfall, covered_of, (day, pol))
        except bad_rows.Unreadable as exc:
            bad[exc.contract_id] = exc.problem
            continue
        if subject is not None:
            out.append(subject)
    return out


def _subject(row: tuple[Any, ...], contracts: dict[int, tuple[Any, Any]],
             clause_cache: dict[str | None, tuple[int | None, str | None]],
             producer_late: dict[tuple[int, str], date],
             shortfall: dict[int, tuple[date, dict[str, tuple[Decimal, Decimal]]]],
             covered: Callable[[int, date, str | None], bool],
             today: tuple[date, policy_mod.Policy] | None = None) -> Subject | None:
    """The obligation's Subject, or None when it has nothing to say: waiting for an event not
    late, or (``today``: day and policy) no reminder of ``policy_mod.due`` can fall on that day."""
    oid, cid, kind, party, title, due, trig, rrule, amount, paid, currency, clause, basis = row[:13]
    due_d = date.fromisoformat(due) if due else None
    ctitle, pens = contracts.get(cid, (None, None))
    susp = pclause = None
    if kind == "payment":
        if pens not in clause_cache:
            clause_cache[pens] = _late_payment_clause(pens)
        susp, pclause = clause_cache[pens]
    waits = event_deadline = None
    if due_d is None:
        if not trig:
            return None
        waits = json.loads(trig).get("event")
        producer = policy_mod.EVENT_PRODUCER.get(waits or "")
        if producer:
            event_deadline = producer_late.get((cid, producer))
        if event_deadline is None and oid not in shortfall:
            return None  # waiting for an event that is not late: nothing to say yet
    owed = None
    if amount is not None:
        owed = D(amount) - D(paid or "0")  # read first: an unreadable amount is reported all the same
    if today is not None and oid not in shortfall and not policy_mod.may_fall_on(
            kind, due_d, today[0], today[1], suspend_after_days=susp, event_deadline=event_deadline):
        return None
    sf = shortfall.get(oid)
    return Subject(
        obligation_id=oid, contract_id=cid, kind=kind, party=party, title=title, due_date=due_d,
        clause=clause, amount=owed, currency=currency, contract_title=ctitle, recurrence=rrule,
        suspend_after_days=susp, penalty_clause=pclause, waits_for=waits, event_deadline=event_deadline,
        shortfall=sf[1] if sf else None, shortfall_on=sf[0] if sf else None,
        calendar_covered=covered(cid, due_d, basis) if due_d else True)


def moved_reminders(conn: sqlite3.Connection, day: date) -> list[Reminder]:
    """One ``calendar_moved`` reminder per deadline a calendar refresh moved and nobody was told of."""
    out = []
    for mid, oid, cid, old, new, why, kind, party, title, clause, amount, paid, currency, ctitle in rq.unannounced_moves(
            conn):
        new_d = date.fromisoformat(new) if new else None
        owed = D(amount) - D(paid or "0") if amount is not None else None
        s = Subject(obligation_id=oid, contract_id=cid, kind=kind, party=party, title=title, due_date=new_d,
                    clause=clause, amount=owed, currency=currency, contract_title=ctitle)
        out.append(Reminder(s, policy_mod.CALENDAR_MOVED, day, new_d, (new_d - day).days if new_d else 0,
                            {"old_due_date": old, "new_due_date": new, "calendar_reason": why, "move_id": mid}))
    return out


def refresh_calendars(conn: sqlite3.Connection, day: date, stamp: str, who: str | None = None) -> dict[str, Any]:
    """``tracker calendar refresh`` inside the daily job (one BEGIN IMMEDIATE transaction)."""
    from tracker.store.calendar_store import load, refresh_in

    with outbox.immediate(conn):
        moves, warnings = refresh_in(conn, day, stamp, "tracker", load(conn), who=who)
    return {"moved": moves, "warnings": warnings}


def _accruals(conn: sqlite3.Connection, contract_ids: set[int], as_of: date,
              bad: dict[int, str] | None = None) -> list[Any]:
    """``penalty.accrual_snapshot`` for each given contract, as of ``as_of``, on the inputs
    ``tracker penalties`` reads (``penalty_queries.read_inputs``), so the figures agree."""
    if not contract_ids:
        return []
    from tracker import penalty
    from tracker.store.penalty_queries import read_inputs

    out: list[Any] = []
    for c in read_inputs(conn, contract_ids=contract_ids, bad=bad):
        pens = [p for p in c.penalties if p.kind == "late_payment"]
        if not pens or not c.instalments:
            continue
        try:
            got = penalty.accrual_snapshot(pens, c.instalments, c.payments, c.total_fee, as_of)
        except Exception:  # a clause the calculator refuses must not stop the day's reminders
            continue
        out.extend((c.contract_id, a) for a in got)
    return out


# ------------------------------------------------------------------------------ planning


def default_targets(cfg: Config, db: Path) -> list[Target]:
    out = []
    for ch in cfg.delivery.channels:
        if ch == "console":
            out.append(Target("console", "console"))
        elif ch == "log":
            out.append(Target("log", "log", cfg.delivery.log_file or str(db.parent / "reminders.jsonl")))
    return out


def _recipient_targets(conn: sqlite3.Connection) -> dict[int | None, list[tuple[str, Target]]]:
    by: dict[int | None, list[tuple[str, Target]]] = defaultdict(list)
    for cid, party, kind, address, fmt, secret in outbox.recipients(conn):
        t = email_target(address) if kind == "email" else webhook_target(address, fmt, secret)
        by[cid].append((party, t))
    return by


def _targets_for(s: Subject, glob: Sequence[Target],
                 rec: dict[int | None, list[tuple[str, Target]]]) -> list[Target]:
    out = list(glob)
    for party, t in rec.get(s.contract_id, []) + rec.get(None, []):
        if (party == "both" or s.party == "both" or party == s.party) and t not in out:
            out.append(t)
    return out


def plan(conn: sqlite3.Connection, day: date, now: date, cfg: Config,
         skipped: list[Skipped] | None = None) -> list[Reminder]:
    """The reminders of ``day`` (re-dated to ``now`` when catching up), penalty amounts not filled in."""
    rems = policy_mod.due_all(load_subjects(conn, day, cfg, skipped), day, cfg.policy)
    if now > day:
        rems = policy_mod.catch_up(rems, now, cfg.policy)
    return rems + moved_reminders(conn, now)


def snapshot_rows(conn: sqlite3.Connection, day: date, bad: dict[int, str] | None = None,
                  contracts: Sequence[int] | None = None) -> tuple[list[tuple[Any, ...]], dict[int, Any]]:
    """The day's accrual snapshot of every overdue instalment (``penalty.accrual_snapshot``), of
    every contract or of the given ``contracts``: rows (contract_id, obligation_id, clause, days,
    balance, penalty, suspend_from) and the accruals by obligation id."""
    cids = rq.overdue_payment_contracts(conn, day, contracts)
    snaps = _accruals(conn, cids, day, bad)
    rows = [(cid, a.obligation_id, a.clause, a.days, fmt_money(a.balance), fmt_money(a.penalty),
             a.suspend_from.isoformat() if a.suspend_from else None) for cid, a in snaps]
    return rows, {a.obligation_id: a for _, a in snaps}


def fill_penalties(conn: sqlite3.Connection, rems: list[Reminder], known: dict[tuple[int, date], Any],
                   bad: dict[int, str] | None = None
                   ) -> list[Reminder]:
    """Put the accrued penalty (as of each reminder's day) into the penalty notices."""
    need: dict[date, set[int]] = defaultdict(set)
    for r in rems:
        if r.reason == policy_mod.PENALTY and (r.subject.obligation_id, r.for_date) not in known:
            need[r.for_date].add(r.subject.contract_id)
    for as_of, cids in need.items():
        for _, a in _accruals(conn, cids, as_of, bad):
            known[(a.obligation_id, as_of)] = a
    out = []
    for r in rems:
        a = known.get((r.subject.obligation_id, r.for_date)) if r.reason == policy_mod.PENALTY else None
        if a is not None:
            r = Reminder(r.subject, r.reason, r.for_date, r.due_date, r.days, {
                **r.detail, "accrued": fmt_money(a.penalty), "balance": fmt_money(a.balance),
                "penalty_days": a.days, "penalty_clause": a.clause or r.detail.get("penalty_clause"),
                "suspension_date": a.suspend_from.isoformat() if a.suspend_from else None})
        out.append(r)
    return out


def payload(r: Reminder) -> dict[str, Any]:
    p = r.to_json()
    p["text"] = policy_mod.describe(r)
    return p


# ------------------------------------------------------------------------------ delivering


def _target_of(channel: str, known: dict[str, Target], conn: sqlite3.Connection, cfg: Config,
               db: Path) -> Target | None:
    if channel in known:
        return known[channel]
    if channel == "console":
        return Target("console", "console")
    if channel == "log":
        return Target("log", "log", cfg.delivery.log_file or str(db.parent / "reminders.jsonl"))
    if channel.startswith("email:"):
        return email_target(channel[len("email:"):])
    for _cid, _party, kind, address, fmt, secret in outbox.recipients(conn):
        if kind == "webhook" and webhook_channel(address, fmt) == channel:
            return webhook_target(address, fmt, secret)
    return None


def deliver(conn: sqlite3.Connection, ctx: Context, cfg: Config, db: Path, known: dict[str, Target], *,
            clock: Callable[[], float], owner: str, stop: threading.Event | None,
            result: RunResult, sleep: Callable[[float], None] | None = None) -> None:
    """Deliver every ready row; a failed delivery is retried ``retries_in_run`` times in this run
    (when ``sleep`` is given) before it is left, backing off, for later runs. Nothing is
    delivered after ``run_deadline_seconds``; the claim lease is renewed before every send."""
    d = cfg.delivery
    run = _Run(clock() + d.run_deadline_seconds, {}, {})
    result.reclaimed = outbox.reclaim_stale(conn, clock())
    rounds = 1 + (d.retries_in_run if sleep is not None else 0)
    for round_no in range(rounds):
        if round_no:
            due = outbox.next_retry_at(conn, list(run.awaiting))
            if due is None or due > run.deadline:
                break
            assert sleep is not None
            sleep(max(0.0, due - clock()))
            if stop is not None and stop.is_set():
                result.stopped = True
                break
        _deliver_pass(conn, ctx, cfg, db, known, clock=clock, owner=owner, stop=stop, result=result, run=run,
                      last_round=round_no == rounds - 1)
        if result.stopped or run.out_of_time or not run.awaiting:
            break
    waiting: dict[tuple[str, str], int] = defaultdict(int)  # failed here, to be retried by a later run
    for channel, error in run.awaiting.values():
        waiting[(channel, error)] += 1
    result.failed.extend({"channel": c, "error": e, "count": n} for (c, e), n in waiting.items())


@dataclass
class _Run:
    """One run's delivery state."""

    deadline: float  # epoch seconds: no send starts after this
    tries: dict[int, int]  # outbox row id -> failed attempts in this run
    awaiting: dict[int, tuple[str, str]]  # row id -> (channel, error): failed, to be retried in this run
    out_of_time: bool = False


def _deliver_pass(conn: sqlite3.Connection, ctx: Context, cfg: Config, db: Path, known: dict[str, Target], *,
                  clock: Callable[[], float], owner: str, stop: threading.Event | None, result: RunResult,
                  run: _Run, last_round: bool) -> None:
    d = cfg.delivery
    for channel in outbox.ready_channels(conn, clock()):
        if stop is not None and stop.is_set():
            result.stopped = True
            return
        target = _target_of(channel, known, conn, cfg, db)
        while True:
            if stop is not None and stop.is_set():
                result.stopped = True
                return
            digest = target is not None and target.digest
            rows = outbox.claim(conn, channel, owner, clock(), limit=100_000 if digest else 500)
            if not rows:
                break
            if target is None:
                outbox.mark_failed(conn, [r.id for r in rows], owner, "recipient no longer assigned", clock(),
                                   max_attempts=1, backoff=0)
                result.failed.append({"channel": channel, "error": "recipient no longer assigned",
                                      "count": len(rows)})
                break
            if target.kind == "email":  # one message per claim: a claim holds one digest part at most
                batches = [rows]
            elif digest:
                from tracker.notify import chat_chunks

                idx = {id(r.payload): r for r in rows}
                batches = [[idx[id(p)] for p in chunk]
                           for chunk in chat_chunks([r.payload for r in rows], max_items=d.digest_chunk)]
            elif target.kind in ("console", "log"):
                batches = [rows]  # one write of all claimed lines: a crash repeats at most that write
            else:
                batches = [[r] for r in rows]  # generic webhook: one POST per reminder
            failed_here = False
            for i, batch in enumerate(batches):
                left = [r.id for b in batches[i:] for r in b]
                if stop is not None and stop.is_set():
                    outbox.release(conn, left, owner, "interrupted by shutdown")
                    result.released += len(left)
                    result.stopped = True
                    return
                if clock() > run.deadline:
                    outbox.release(conn, left, owner, "run deadline reached")
                    result.released += len(left)
                    result.failed.append({"channel": channel, "count": len(left), "error":
                                          f"run deadline ({d.run_deadline_seconds:g}s) reached; left for the next run"})
                    run.out_of_time = True
                    return
                outbox.renew(conn, owner, clock())  # a long run keeps its claims
                try:
                    from tracker import notify

                    notify.send(target, [r.payload for r in batch], ctx)
                except Exception as exc:  # DeliveryError, or anything else: this channel fails alone
                    error = str(exc) if isinstance(exc, DeliveryError) else f"{channel}: {type(exc).__name__}"
                    tried = max((run.tries.get(r.id, 0) for r in batch), default=0)
                    again = not last_round and tried < d.retries_in_run
                    outbox.mark_failed(conn, [r.id for r in batch], owner, error, clock(),
                                       max_attempts=d.max_attempts, backoff=d.backoff_seconds,
                                       next_at=clock() + d.retry_in_run_seconds * 2 ** tried if again else None)
                    for r in batch:
                        run.tries[r.id] = tried + 1
                        if again:
                            run.awaiting[r.id] = (channel, error)
                        else:
                            run.awaiting.pop(r.id, None)
                    rest = [r.id for b in batches[i + 1:] for r in b]
                    outbox.release(conn, rest, owner, f"not tried: {error}")
                    result.released += len(rest)
                    if not again:
                        result.failed.append({"channel": channel, "error": error, "count": len(batch) + len(rest)})
                    failed_here = True
                    break
                outbox.mark_sent(conn, [r.id for r in batch], owner, clock())
                for r in batch:
                    run.awaiting.pop(r.id, None)
                for r in batch:
                    result.delivered.add(r.payload, channel)
            if failed_here:
                break


# ------------------------------------------------------------------------------ the job


def waiter(stop: threading.Event | None) -> Callable[[float], None]:
    """Wait between retries in a run: ``stop`` (a shutdown) ends the wait early."""
    def wait(seconds: float) -> None:
        if stop is not None:
            stop.wait(seconds)
        else:
            time.sleep(seconds)
    return wait


def run_daily(db: Path | str, today: date, *, dry_run: bool = False, channels: Sequence[Target] | None = None,
              now: date | None = None, config: Config | None = None, clock: Callable[[], float] | None = None,
              console: Any = None, stop: threading.Event | None = None, runner: str = "remind",
              env: dict[str, str] | None = None, sleep: Callable[[float], None] | None = None,
              who: str | None = None, on_delivered: Callable[[dict[str, Any]], None] | None = None) -> RunResult:
    """One daily run for ``today`` (``now``: the real today when ``today`` is a missed day).

    ``channels``: the always-on targets (default: the config's console and log); assigned
    recipients are added per contract. ``clock``: epoch seconds for retry times (``time.time``).
    ``sleep``: how to wait between retries inside the run (default: the real clock's own wait,
    interrupted by ``stop``; with a ``clock`` of its own and no ``sleep``, no retry in the run).
    ``who``: the person running the job, recorded in the history of what it changes.
    ``on_delivered``: receives every delivered payload (with its ``channel``) as it goes;
    ``RunResult.delivered`` keeps them only up to a bound (``tracker.delivered``).
    """
    from tracker import config as config_mod
    from tracker.store.pg import as_db

    db = cast(Path, as_db(db))  # a file path, or a PostgreSQL URL standing in for one (tracker.store.pg)
    now = now or today
    cfg = config or config_mod.load(env if env is not None else os.environ)
    if sleep is None and clock is None:
        sleep = waiter(stop)
    clock = clock or time.time
    the_env = env if env is not None else dict(os.environ)
    result = RunResult(day=today, now=now, dry_run=dry_run, delivered=Delivered(sink=on_delivered))
    glob = list(channels) if channels is not None else default_targets(cfg, db)
    with outbox.connect(db) as conn:
        if not dry_run:
            from datetime import UTC, datetime

            result.calendar = refresh_calendars(conn, now, datetime.fromtimestamp(clock(), UTC).isoformat(
                timespec="seconds"), who)
        from tracker.daily_plan import Plan, plan_into, settings_key
        from tracker.store import plan_memo
        from tracker.store.remind_stage import Stage

        rq.begin_read(conn)  # plan on one consistent read snapshot, a slice of contracts at a time
        try:
            snapshot = not dry_run and not outbox.has_snapshot(conn, today)
            rev = plan_memo.revision(conn)  # the counter before any read
            settings = functools.cache(lambda: settings_key(cfg, glob))  # once, when a plan is recalled or kept
            memo = None if snapshot or rev is None else plan_memo.recall(conn, today, now, settings, rev)
            if memo is None:
                stage = Stage(conn)  # TEMP tables: what the plan produces waits there, not in memory
                p = Plan(today, now, cfg, glob, first_digest.is_first_run(conn),  # one digest of the backlog
                         snapshot, result.skipped, rec=_recipient_targets(conn),
                         people=person_digest.channels(conn))  # channels that belong to a person: one digest a day
                plan_into(conn, stage, p)
        except BaseException:
            rq.end_read(conn)
            raise
        known_t: dict[str, Target] = {t.channel: t for t in glob}
        if memo is not None:  # the day was planned on this very data and settings: every row is in the outbox
            planned, planned_first = memo[0]
            result.planned = planned_first if planned_first is not None and first_digest.is_first_run(conn) else planned
            rq.end_read(conn)
            for cid, problem in memo[1]:
                bad_rows.add(result.skipped, cid, problem)
            if dry_run:
                return result
        else:
            rq.keep_read(conn)  # nothing was written but the TEMP tables, which the rest of the run reads
            result.planned = p.planned - p.folded + len(p.folded_channels) if p.first else p.planned
            if dry_run:
                result.would_send = [{**json.loads(row[-1]), "channel": row[-2]} for row in stage.rows()]
                digests = [{**json.loads(pl), "channel": t.channel} for t, _, _, _, pl in p.all_digests()]
                result.would_send += digests
                result.new = p.rows + len(digests)
                return result
            result.snapshots = outbox.save_snapshots(conn, today, stage.snapshots())
            for channel, t in p.targets.items():
                known_t.setdefault(channel, t)
            digest_rows = ((key, 0, "digest", reason, None, fd, t.channel, pl)
                           for t, key, reason, fd, pl in p.all_digests())  # one part at a time
            result.new = outbox.enqueue(conn, itertools.chain(stage.rows(), digest_rows), clock())
            p.digests.clear()
            p.parts.clear()
            stage.close()
            told = p.told  # announced in the transaction that records the plan
            mark = (lambda c: rq.mark_moves_announced(c, told, now)) if told else None
            if rev is None:
                if mark is not None:
                    with outbox.immediate(conn):
                        mark(conn)
            else:
                plan_memo.remember(conn, today, now, settings(), rev,
                                   (p.planned_again(), result.planned if p.first else None),
                                   [(s.contract_id, s.problem) for s in result.skipped], also=mark)
        ctx = Context(smtp=cfg.smtp, timeout=cfg.delivery.timeout_seconds, console=console,
                      title=f"tracker reminders for {now.isoformat()}", deadline=cfg.delivery.deadline_seconds,
                      env=the_env, clock=clock)
        try:
            deliver(conn, ctx, cfg, db, known_t, clock=clock, owner=outbox.owner_id(), stop=stop, result=result,
                    sleep=sleep)
        finally:
            from tracker.notify import close

            close(ctx)
        if not result.stopped:
            outbox.record_day(conn, today, clock(), planned=result.new, delivered=len(result.delivered),
                              failed=sum(f["count"] for f in result.failed), runner=runner)
    return result
