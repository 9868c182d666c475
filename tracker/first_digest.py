"""The first reminder run: one digest of everything already overdue, per channel.

A database whose reminders have never run (no completed day in ``reminder_days`` and nothing in
the outbox but a first-run digest) usually holds a backlog: contracts added with instalments and
deliveries already past their deadlines. Sending one message for each of them (and one more for
each instalment's penalty) floods every channel on day one, and the ordinary repeat days
(``reminders.repeats_on``: daily for a week, then weekly) would leave out whatever is not on a
repeat day. So on that first run:

* every open obligation already overdue is listed, whatever its repeat day (``first_run_extra``);
* its ``overdue`` and ``penalty`` reminders are folded, per channel, into one ``overdue_digest``
  listing one line per obligation (``split``), in parts of at most ``digest_lines`` lines
  (``digest_chunk`` and the size limit for a chat robot; ``tracker.daily_plan._digests``);
  everything else (lead times, due today, suspension rights, events late…) is delivered as usual.

Each part is an outbox row like any other, under the key ``(-i, "overdue_digest", for_date,
channel)`` for part i + 1: a rerun of the same day after a crash plans the same key, which the outbox ignores,
so it is still delivered exactly once; a later run is no longer a first run. The folded reminders
count as planned for a second run of the day (``tracker.store.remind_stage.Stage.existing`` reads
the digests' lines). Pure functions apart from ``is_first_run``, which reads the outbox.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from tracker import reminders as policy_mod
from tracker.config import Config
from tracker.reminders import Reminder

DIGEST = "overdue_digest"
FOLDED = (policy_mod.OVERDUE, policy_mod.PENALTY)


def is_first_run(conn: sqlite3.Connection) -> bool:
    """No day ever completed and nothing in the outbox except a first-run digest (a crashed first run)."""
    from tracker.store.reminder_queries import first_run

    return first_run(conn, DIGEST)


def first_run_config(cfg: Config) -> Config:
    """The same configuration with every overdue day a repeat day: every overdue obligation is seen."""
    return replace(cfg, policy=replace(cfg.policy, overdue_daily_days=0, overdue_every_days=1))


def first_run_extra(normal: Sequence[Reminder], everything: Sequence[Reminder]) -> list[Reminder]:
    """The ``overdue``/``penalty`` reminders of ``everything`` (planned with ``first_run_config``)
    that the ordinary plan ``normal`` does not already have."""
    have = {r.key for r in normal}
    return [r for r in everything if r.reason in FOLDED and r.key not in have]


def _folded(r: Reminder) -> bool:
    return r.reason in FOLDED and r.due_date is not None and r.due_date < r.for_date


def _item(group: list[tuple[Reminder, dict[str, Any]]]) -> dict[str, Any]:
    """One obligation's line: its overdue notice, with the accrued penalty when there is one."""
    group.sort(key=lambda rp: rp[0].reason != policy_mod.OVERDUE)
    r, p = group[0]
    item = dict(p)
    item.pop("text", None)
    item["reason"] = policy_mod.OVERDUE
    item["days_late"] = (r.for_date - r.due_date).days if r.due_date else None
    text = policy_mod.describe(Reminder(r.subject, policy_mod.OVERDUE, r.for_date, r.due_date, r.days,
                                        {"days_late": item["days_late"]}))
    for rr, pp in group:
        if rr.reason == policy_mod.PENALTY:
            for k in ("accrued", "balance", "penalty_days", "penalty_clause", "suspension_date"):
                if pp.get(k) is not None:
                    item[k] = pp[k]
            if pp.get("accrued") is not None:
                text += f"; late-payment penalty accrued so far: {pp['accrued']}"
    item["text"] = text
    return item


def _head(n: int, part: tuple[int, int]) -> str:
    head = f"first reminder run: {n} obligation{'s' if n != 1 else ''} already overdue"
    if part[1] > 1:
        head += f" (part {part[0]} of {part[1]})"
    return head


def digest_payload(items: list[dict[str, Any]], for_date: date, part: tuple[int, int] = (1, 1)) -> dict[str, Any]:
    n = len(items)
    head = _head(n, part)
    return {"obligation_id": None, "contract_id": None, "kind": "digest", "reason": DIGEST,
            "title": head, "clause": None, "due_date": None, "for_date": for_date.isoformat(),
            "count": n, "items": items,
            "text": head + "\n" + "\n".join(f"  - {it['text']}" for it in items)}


def split(pairs: Iterable[tuple[Reminder, Any]], payload: Callable[[Reminder], dict[str, Any]]
          ) -> tuple[list[tuple[Reminder, Any]], dict[str, tuple[Any, list[dict[str, Any]]]]]:
    """(reminder, target) pairs: those sent as usual, and per channel (target, digest lines) of
    the folded ones, one line per obligation (unsorted). ``payload(reminder)``: its notification;
    its ``text``, if any, is not used (``_item`` writes the line's own)."""
    keep: list[tuple[Reminder, Any]] = []
    by_target: dict[str, tuple[Any, dict[int, list[tuple[Reminder, dict[str, Any]]]]]] = {}
    for r, t in pairs:
        if not _folded(r):
            keep.append((r, t))
            continue
        _, groups = by_target.setdefault(t.channel, (t, {}))
        groups.setdefault(r.subject.obligation_id, []).append((r, payload(r)))
    return keep, {ch: (t, [_item(g) for g in groups.values()]) for ch, (t, groups) in by_target.items()}


def sort_key(item: dict[str, Any]) -> tuple[str, int, int]:
    """A digest's order: due date, contract, obligation."""
    return str(item.get("due_date")), item.get("contract_id") or 0, item.get("obligation_id") or 0


def digest_json(items: Callable[[], Iterable[tuple[str, str]]], count: int, for_date: str,
                part: tuple[int, int] = (1, 1)) -> str:
    """``json.dumps(digest_payload(...), ensure_ascii=False)`` from the lines already as JSON:
    ``items()`` gives (item JSON, item text) in order, each time it is called (read twice).
    The same text, byte for byte, without the lines as objects (a backlog of 100,000 contracts)."""
    head = digest_payload([], date.fromisoformat(for_date), part)
    head["count"] = count
    head["title"] = title = _head(count, part)
    del head["items"], head["text"]

    def esc(s: str) -> str:
        return json.dumps(s, ensure_ascii=False)[1:-1]

    out = [json.dumps(head, ensure_ascii=False)[:-1], ', "items": [']
    out.append(", ".join(item for item, _ in items()))
    out.append('], "text": "' + esc(title))
    out.extend("\\n" + esc(f"  - {line}") for _, line in items())
    out.append('"}')
    return "".join(out)
