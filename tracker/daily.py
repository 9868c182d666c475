"""The daily job: plan the day's reminders into the outbox, deliver what is ready, snapshot penalties.

``run_daily(db, today)`` is what ``tracker remind`` and each scheduler tick call; it knows
nothing of the scheduler. Steps, each its own short transaction:

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

import json
import os
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracker import reminders as policy_mod
from tracker.config import Config
from tracker.money import D, fmt_money
from tracker.notify import Context, DeliveryError, Target, email_target, webhook_channel, webhook_target
from tracker.reminders import Reminder, Subject
from tracker.store import outbox

OPEN = ("pending", "overdue")


@dataclass
class RunResult:
    day: date
    now: date
    planned: int = 0  # reminders × channels found due
    new: int = 0  # of which were not in the outbox before
    delivered: list[dict[str, Any]] = field(default_factory=list)  # payload + channel, per row
    failed: list[dict[str, Any]] = field(default_factory=list)  # {channel, error, count}
    released: int = 0
    reclaimed: int = 0
    snapshots: int = 0
    dry_run: bool = False
    would_send: list[dict[str, Any]] = field(default_factory=list)
    stopped: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_json(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "planned": self.planned, "new": self.new,
                "delivered": len(self.delivered), "failed": self.failed, "snapshots": self.snapshots,
                "reclaimed": self.reclaimed, "dry_run": self.dry_run}


# ------------------------------------------------------------------------------ reading


def _covered_fn() -> Callable[[date], bool]:
    try:
        from tracker.periods import calendar_years

        first, last = calendar_years()
    except Exception:  # no calendar package: nothing is covered
        return lambda d: False
    return lambda d: first <= d.year <= last


def _late_payment_clause(facts_penalties: str | None) -> tuple[int | None, str | None]:
    if not facts_penalties:
        return None, None
    for p in json.loads(facts_penalties):
        if p.get("kind") == "late_payment":
            return p.get("suspend_after_days"), p.get("clause")
    return None, None


def load_subjects(conn: sqlite3.Connection, day: date, cfg: Config) -> list[Subject]:
    """Open obligations that can have a reminder on ``day``, with their context."""
    pol = cfg.policy
    horizon = day + timedelta(days=max(pol.max_lead, pol.calendar_notice_days))
    rows = conn.execute(
        "SELECT o.id, o.contract_id, o.kind, o.party, o.title, o.due_date, o.trigger, o.recurrence, o.amount,"
        " o.paid, o.currency, o.clause FROM obligations o"
        " WHERE o.status IN ('pending', 'overdue') AND (o.due_date IS NULL OR o.due_date <= ?)",
        (horizon.isoformat(),)).fetchall()
    contracts = {cid: (title, pens) for cid, title, pens in conn.execute(
        "SELECT id, title, json_extract(facts, '$.penalties') FROM contracts")}
    clause_cache: dict[int, tuple[int | None, str | None]] = {}
    # the earliest passed deadline of each (contract, producer kind) still open: "event late"
    producer_late: dict[tuple[int, str], date] = {}
    for _oid, cid, kind, _p, _t, due, *_ in rows:
        if due is not None and kind in pol.event_late_kinds:
            d = date.fromisoformat(due)
            if d < day:
                key = (cid, kind)
                if key not in producer_late or d < producer_late[key]:
                    producer_late[key] = d
    shortfall: dict[int, tuple[date, dict[str, tuple[Decimal, Decimal]]]] = {}
    for ob, on, metrics, targets, gaps, passed in conn.execute(
            "SELECT obligation_id, on_date, metrics, targets, gaps, passed FROM evaluations"
            " WHERE obligation_id IS NOT NULL ORDER BY on_date, id"):
        if passed:
            shortfall.pop(ob, None)
            continue
        m, t = json.loads(metrics), json.loads(targets)
        shortfall[ob] = (date.fromisoformat(on),
                         {k: (D(m[k]), D(t[k])) for k in json.loads(gaps) if k in m and k in t})
    covered = _covered_fn()
    out: list[Subject] = []
    for oid, cid, kind, party, title, due, trig, rrule, amount, paid, currency, clause in rows:
        due_d = date.fromisoformat(due) if due else None
        ctitle, pens = contracts.get(cid, (None, None))
        susp = pclause = None
        if kind == "payment":
            if cid not in clause_cache:
                clause_cache[cid] = _late_payment_clause(pens)
            susp, pclause = clause_cache[cid]
        waits = event_deadline = None
        if due_d is None and trig:
            waits = json.loads(trig).get("event")
            producer = policy_mod.EVENT_PRODUCER.get(waits or "")
            if producer:
                event_deadline = producer_late.get((cid, producer))
            if event_deadline is None:
                continue  # waiting for an event that is not late: nothing to say yet
        owed = None
        if amount is not None:
            owed = D(amount) - D(paid or "0")
        sf = shortfall.get(oid)
        out.append(Subject(
            obligation_id=oid, contract_id=cid, kind=kind, party=party, title=title, due_date=due_d,
            clause=clause, amount=owed, currency=currency, contract_title=ctitle, recurrence=rrule,
            suspend_after_days=susp, penalty_clause=pclause, waits_for=waits, event_deadline=event_deadline,
            shortfall=sf[1] if sf else None, shortfall_on=sf[0] if sf else None,
            calendar_covered=covered(due_d) if due_d else True))
    return out


def _accruals(conn: sqlite3.Connection, contract_ids: set[int], as_of: date) -> list[Any]:
    """``penalty.accrual_snapshot`` for each given contract, as of ``as_of``."""
    if not contract_ids:
        return []
    from tracker import penalty
    from tracker.model import Penalty

    ids = json.dumps(sorted(contract_ids))
    facts = {cid: json.loads(f) for cid, f in conn.execute(
        "SELECT id, facts FROM contracts WHERE id IN (SELECT value FROM json_each(?))", (ids,))}
    inst: dict[int, list[Any]] = defaultdict(list)
    for oid, cid, due, amount, title, clause in conn.execute(
            "SELECT id, contract_id, due_date, amount, title, clause FROM obligations WHERE kind = 'payment'"
            " AND amount IS NOT NULL AND status NOT IN ('superseded', 'waived')"
            " AND contract_id IN (SELECT value FROM json_each(?)) ORDER BY id", (ids,)):
        inst[cid].append(penalty.Instalment(oid, date.fromisoformat(due) if due else None, D(amount), title, clause))
    pays: dict[int, list[Any]] = defaultdict(list)
    for cid, on, amount, oid in conn.execute(
            "SELECT p.contract_id, p.paid_on, a.amount, a.obligation_id FROM payment_allocations a"
            " JOIN payments p ON p.id = a.payment_id WHERE p.contract_id IN (SELECT value FROM json_each(?))"
            " ORDER BY p.paid_on, a.id", (ids,)):
        pays[cid].append(penalty.Payment(date.fromisoformat(on), D(amount), oid))
    out: list[Any] = []
    for cid, f in facts.items():
        pens = [Penalty.from_json(p) for p in f.get("penalties") or [] if p.get("kind") == "late_payment"]
        if not pens or not inst.get(cid):
            continue
        fee = D(f["total_fee"]) if f.get("total_fee") else None
        try:
            got = penalty.accrual_snapshot(pens, inst[cid], pays.get(cid, []), fee, as_of)
        except Exception:  # a clause the calculator refuses must not stop the day's reminders
            continue
        out.extend((cid, a) for a in got)
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
    for cid, party, kind, address, fmt in outbox.recipients(conn):
        t = email_target(address) if kind == "email" else webhook_target(address, fmt)
        by[cid].append((party, t))
    return by


def _targets_for(s: Subject, glob: Sequence[Target],
                 rec: dict[int | None, list[tuple[str, Target]]]) -> list[Target]:
    out = list(glob)
    for party, t in rec.get(s.contract_id, []) + rec.get(None, []):
        if (party == "both" or s.party == "both" or party == s.party) and t not in out:
            out.append(t)
    return out


def plan(conn: sqlite3.Connection, day: date, now: date, cfg: Config
         ) -> tuple[list[Reminder], list[tuple[Any, ...]]]:
    """The reminders of ``day`` (re-dated to ``now`` when catching up) and the day's penalty
    snapshot rows (contract_id, obligation_id, clause, days, balance, penalty, suspend_from)."""
    subjects = load_subjects(conn, day, cfg)
    rems = policy_mod.due_all(subjects, day, cfg.policy)
    if now > day:
        rems = policy_mod.catch_up(rems, now, cfg.policy)
    # penalty accrued so far, and the day's snapshot of every overdue instalment
    overdue_contracts = {s.contract_id for s in subjects
                         if s.kind == "payment" and s.due_date is not None and s.due_date < day}
    snaps = _accruals(conn, overdue_contracts, day)
    by_ob: dict[tuple[int, date], Any] = {(a.obligation_id, day): a for _, a in snaps}
    need_now = {r.subject.contract_id for r in rems if r.reason == policy_mod.PENALTY and r.for_date != day}
    for _, a in _accruals(conn, need_now, now):
        by_ob[(a.obligation_id, now)] = a
    filled = []
    for r in rems:
        if r.reason == policy_mod.PENALTY:
            a = by_ob.get((r.subject.obligation_id, r.for_date))
            if a is not None:
                r = Reminder(r.subject, r.reason, r.for_date, r.due_date, r.days, {
                    **r.detail, "accrued": fmt_money(a.penalty), "balance": fmt_money(a.balance),
                    "penalty_days": a.days, "penalty_clause": a.clause or r.detail.get("penalty_clause"),
                    "suspension_date": a.suspend_from.isoformat() if a.suspend_from else None})
        filled.append(r)
    rows = [(cid, a.obligation_id, a.clause, a.days, fmt_money(a.balance), fmt_money(a.penalty),
             a.suspend_from.isoformat() if a.suspend_from else None) for cid, a in snaps]
    return filled, rows


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
    for _cid, _party, kind, address, fmt in outbox.recipients(conn):
        if kind == "webhook" and webhook_channel(address, fmt) == channel:
            return webhook_target(address, fmt)
    return None


def deliver(conn: sqlite3.Connection, ctx: Context, cfg: Config, db: Path, known: dict[str, Target], *,
            clock: Callable[[], float], owner: str, stop: threading.Event | None,
            result: RunResult) -> None:
    d = cfg.delivery
    result.reclaimed = outbox.reclaim_stale(conn, clock())
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
            if target.kind == "email":
                batches = [rows]
            elif digest:
                from tracker.notify import chat_chunks

                idx = {id(r.payload): r for r in rows}
                batches = [[idx[id(p)] for p in chunk]
                           for chunk in chat_chunks([r.payload for r in rows], max_items=d.digest_chunk)]
            else:
                batches = [[r] for r in rows]
            failed_here = False
            for i, batch in enumerate(batches):
                if stop is not None and stop.is_set():
                    left = [r.id for b in batches[i:] for r in b]
                    outbox.release(conn, left, owner, "interrupted by shutdown")
                    result.released += len(left)
                    result.stopped = True
                    return
                try:
                    from tracker import notify

                    notify.send(target, [r.payload for r in batch], ctx)
                except DeliveryError as exc:
                    outbox.mark_failed(conn, [r.id for r in batch], owner, str(exc), clock(),
                                       max_attempts=d.max_attempts, backoff=d.backoff_seconds)
                    left = [r.id for b in batches[i + 1:] for r in b]
                    outbox.release(conn, left, owner, f"not tried: {exc}")
                    result.released += len(left)
                    result.failed.append({"channel": channel, "error": str(exc), "count": len(batch) + len(left)})
                    failed_here = True
                    break
                outbox.mark_sent(conn, [r.id for r in batch], owner, clock())
                result.delivered.extend({**r.payload, "channel": channel} for r in batch)
            if failed_here:
                break


# ------------------------------------------------------------------------------ the job


def run_daily(db: Path | str, today: date, *, dry_run: bool = False, channels: Sequence[Target] | None = None,
              now: date | None = None, config: Config | None = None, clock: Callable[[], float] | None = None,
              console: Any = None, stop: threading.Event | None = None, runner: str = "remind",
              env: dict[str, str] | None = None) -> RunResult:
    """One daily run for ``today`` (``now``: the real today when ``today`` is a missed day).

    ``channels``: the always-on targets (default: the config's console and log); assigned
    recipients are added per contract. ``clock``: epoch seconds for retry times (``time.time``).
    """
    from tracker import config as config_mod

    db = Path(db)
    now = now or today
    cfg = config or config_mod.load(env if env is not None else os.environ)
    clock = clock or time.time
    result = RunResult(day=today, now=now, dry_run=dry_run)
    glob = list(channels) if channels is not None else default_targets(cfg, db)
    with outbox.connect(db) as conn:
        if dry_run:
            conn.execute("BEGIN")  # a snapshot; rolled back so the dry run writes nothing
            try:
                rems, _ = plan(conn, today, now, cfg)
                rec = _recipient_targets(conn)
                have = outbox.existing(conn, {r.for_date.isoformat() for r in rems})
            finally:
                conn.execute("ROLLBACK")
            for r in rems:
                for t in _targets_for(r.subject, glob, rec):
                    result.planned += 1
                    if (r.subject.obligation_id, r.reason, r.for_date.isoformat(), t.channel) not in have:
                        result.would_send.append({**payload(r), "channel": t.channel})
            result.new = len(result.would_send)
            return result
        conn.execute("BEGIN")  # plan on one consistent read snapshot
        try:
            rems, snaps = plan(conn, today, now, cfg)
            rec = _recipient_targets(conn)
        finally:
            conn.execute("ROLLBACK")
        result.snapshots = outbox.save_snapshots(conn, today, snaps)
        known: dict[str, Target] = {t.channel: t for t in glob}
        rows = []
        for r in rems:
            p = json.dumps(payload(r), ensure_ascii=False)
            for t in _targets_for(r.subject, glob, rec):
                known.setdefault(t.channel, t)
                rows.append((r.subject.obligation_id, r.subject.contract_id, r.subject.kind, r.reason,
                             r.due_date.isoformat() if r.due_date else None, r.for_date.isoformat(), t.channel, p))
        result.planned = len(rows)
        result.new = outbox.enqueue(conn, rows, clock())
        ctx = Context(smtp=cfg.smtp, timeout=cfg.delivery.timeout_seconds, console=console,
                      title=f"tracker reminders for {now.isoformat()}")
        try:
            deliver(conn, ctx, cfg, db, known, clock=clock, owner=outbox.owner_id(), stop=stop, result=result)
        finally:
            from tracker.notify import close

            close(ctx)
        if not result.stopped:
            outbox.record_day(conn, today, clock(), planned=result.new, delivered=len(result.delivered),
                              failed=sum(f["count"] for f in result.failed), runner=runner)
    return result
