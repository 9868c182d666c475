"""APScheduler wiring only: one in-memory daily cron job, catch-up on start, clean shutdown.

Why not a persistent APScheduler job store: measured with a SQLite ``SQLAlchemyJobStore``, a
lock held by another process for more than 5 s kills the scheduler thread silently while it
still reports "running"; two schedulers sharing one store both run the job; and re-adding the
job at start with ``replace_existing=True`` discards a missed run. So the job lives in memory,
each completed day is recorded in our own ``reminder_days`` table, and on start (and at every
tick) every day since the last completed one is run in order: what fell due meanwhile is
announced as overdue (``reminders.catch_up``), not skipped. Two schedulers running at once
still send each reminder once: the outbox claim decides.

The clock is passed in (``clock() -> aware datetime``), so tests drive the days.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tracker.config import Config
from tracker.daily import RunResult, run_daily, waiter
from tracker.store import outbox

MAX_CATCH_UP_DAYS = 400
JOB_ID = "tracker-daily-reminders"


def parse_at(text: str) -> time:
    """``HH:MM`` (24-hour) or ValueError."""
    hh, sep, mm = text.strip().partition(":")
    if not sep or not hh.isdigit() or not mm.isdigit() or len(mm) != 2:
        raise ValueError(f"--at {text!r}: use HH:MM, e.g. 09:00")
    h, m = int(hh), int(mm)
    if not (0 <= h < 24 and 0 <= m < 60):
        raise ValueError(f"--at {text!r}: no such time of day")
    return time(h, m)


def days_to_run(last: date | None, now: datetime, at: time) -> list[date]:
    """The days a scheduler starting (or ticking) at ``now`` owes: every day after the last
    completed one, up to yesterday, plus today once the daily time has passed."""
    today = now.date()
    due_today = now.time().replace(tzinfo=None) >= at
    if last is None:
        return [today] if due_today else []
    start = max(last + timedelta(days=1), today - timedelta(days=MAX_CATCH_UP_DAYS))
    days = [start + timedelta(days=i) for i in range((today - start).days)]
    if due_today and last < today:
        days.append(today)
    return days


def next_run(now: datetime, at: time) -> datetime:
    """The next time the daily job fires after ``now`` (in ``now``'s zone)."""
    cand = datetime.combine(now.date(), at, tzinfo=now.tzinfo)
    if cand <= now:
        cand = datetime.combine(now.date() + timedelta(days=1), at, tzinfo=now.tzinfo)
    return cand


@dataclass
class Daily:
    """The job: catch up every owed day, each through ``run_daily`` once, then record it."""

    db: Path
    at: time
    tz: ZoneInfo
    clock: Callable[[], datetime]
    config: Config | None = None
    console: Any = None
    stop: threading.Event = field(default_factory=threading.Event)
    report: Callable[[RunResult], None] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    run: Callable[..., RunResult] = run_daily
    who: str | None = None  # the person running the scheduler (history rows of its calendar refresh)

    def now(self) -> datetime:
        return self.clock().astimezone(self.tz)

    def tick(self) -> list[RunResult]:
        with self.lock:
            now = self.now()
            with outbox.connect(self.db) as conn:
                last = outbox.last_day(conn, not_after=now.date())
            out = []
            for day in days_to_run(last[0] if last else None, now, self.at):
                if self.stop.is_set():
                    break
                res = self.run(self.db, day, now=now.date(), config=self.config, console=self.console,
                               clock=lambda: self.clock().timestamp(), stop=self.stop, sleep=waiter(self.stop),
                               runner="schedule" if day == now.date() else "catch-up",
                               **({"who": self.who} if self.who else {}))
                out.append(res)
                if self.report:
                    self.report(res)
            return out


def build(daily: Daily) -> Any:
    """A BlockingScheduler with the one in-memory cron job (not started)."""
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.cron import CronTrigger

    sched = BlockingScheduler(
        timezone=daily.tz,
        executors={"default": ThreadPoolExecutor(1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    sched.add_job(daily.tick, CronTrigger(hour=daily.at.hour, minute=daily.at.minute, timezone=daily.tz),
                  id=JOB_ID, name="tracker daily reminders")
    return sched


def start(daily: Daily, *, install_signals: bool = True, on_started: Callable[[datetime], None] | None = None
          ) -> list[RunResult]:
    """Catch up, then run the scheduler in the foreground until SIGTERM/SIGINT. Returns the catch-up runs."""
    sched = build(daily)

    from apscheduler.events import EVENT_SCHEDULER_STARTED
    from apscheduler.schedulers import SchedulerNotRunningError

    def _stop(signum: int, _frame: Any) -> None:
        daily.stop.set()  # a running tick stops claiming and hands its rows back
        with contextlib.suppress(SchedulerNotRunningError):  # not started yet: the listener sees the flag
            sched.shutdown(wait=False)

    def _started(_event: Any) -> None:
        if daily.stop.is_set():
            sched.shutdown(wait=False)
        elif on_started:
            on_started(next_run(daily.now(), daily.at))

    sched.add_listener(_started, EVENT_SCHEDULER_STARTED)

    if install_signals:
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
    with outbox.connect(daily.db) as conn:
        outbox.set_state(conn, "scheduler", {"owner": outbox.owner_id(), "at": daily.at.strftime("%H:%M"),
                                             "tz": str(daily.tz), "started_at": daily.now().isoformat()})
    try:
        caught = daily.tick()
        if not daily.stop.is_set():
            sched.start()  # blocks until shutdown
        daily.lock.acquire(timeout=120)  # let a running tick hand its claimed rows back
        daily.lock.release()
        return caught
    finally:
        with outbox.connect(daily.db) as conn:
            outbox.set_state(conn, "scheduler", None)


def status(db: Path, now: datetime, at: time) -> dict[str, Any]:
    """Last completed run, next run, pending / failed counts, and whether a scheduler is running."""
    with outbox.connect(db) as conn:
        last = outbox.last_day(conn)
        counts = outbox.counts(conn)
        sched = outbox.get_state(conn, "scheduler")
    running = bool(sched) and not outbox._owner_dead(sched.get("owner"))
    if sched and running:
        at = parse_at(sched["at"])
        now = now.astimezone(ZoneInfo(sched["tz"]))
    return {
        "last_run": last[0].isoformat() if last else None,
        "last_run_completed_at": (datetime.fromtimestamp(last[1], now.tzinfo).isoformat(timespec="seconds")
                                  if last else None),
        "next_run": next_run(now, at).isoformat(timespec="minutes"),
        "scheduler_running": running,
        "at": at.strftime("%H:%M"),
        "tz": str(now.tzinfo),
        "pending": counts["pending"] + counts["retry"] + counts["sending"],
        "retrying": counts["retry"],
        "failed": counts["failed"],
        "sent": counts["sent"],
    }
