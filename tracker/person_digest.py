"""Per-person digests: the reminders of a day that go to a person's channel, as ONE message.

A channel assigned with ``tracker assign … --to PERSON --email/--webhook`` belongs to that person
(``reminder_recipients.person``). Instead of one message per reminder, the daily job folds every
reminder of the day planned for such a channel into one ``person_digest``
(``tracker.daily_plan._person_digests``, then ``parts_of``), listing one line per reminder; a chat
webhook, whose messages have a size limit, gets as many parts as ``notify.chat_chunks`` needs.
A single reminder is sent as it is.

The digest is an outbox row like any other. Its key is derived from the reminders it carries
(``(-1 - crc32(channel, day, their keys, part), "person_digest", day, channel)``), so a rerun
after a crash plans the same key, which the outbox ignores; the reminders it carries count as
planned for a second run of the same day (``tracker.store.remind_stage.Stage.existing`` reads the
digests' lines), and a reminder that becomes due later that day goes out in a digest of its own.
Pure apart from ``channels``, which reads the store.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Sequence
from typing import Any

DIGEST = "person_digest"


def channels(conn: sqlite3.Connection) -> dict[str, str]:
    """{channel: person} of every reminder channel that belongs to a person (the first person named
    for a channel when several share it)."""
    from tracker.notify import email_target, webhook_channel
    from tracker.store.assignments import person_channels

    out: dict[str, str] = {}
    for kind, address, fmt, person in person_channels(conn):
        channel = email_target(address).channel if kind == "email" else webhook_channel(address, fmt)
        out.setdefault(channel, person)
    return out


def _key(channel: str, for_date: str, items: Sequence[dict[str, Any]], part: int) -> int:
    text = "|".join([channel, for_date, str(part), *sorted(f"{it['obligation_id']}:{it['reason']}" for it in items)])
    return -1 - zlib.crc32(text.encode())


def digest_payload(person: str, items: list[dict[str, Any]], for_date: str,
                   part: tuple[int, int] = (1, 1)) -> dict[str, Any]:
    n = len(items)
    head = f"{n} reminder{'s' if n != 1 else ''} for {person} on {for_date}"
    if part[1] > 1:
        head += f" (part {part[0]} of {part[1]})"
    return {"obligation_id": None, "contract_id": None, "kind": "digest", "reason": DIGEST, "person": person,
            "title": head, "clause": None, "due_date": None, "for_date": for_date, "count": n, "items": items,
            "text": head + "\n" + "\n".join(f"  - {it.get('text') or it.get('title')}" for it in items)}


def parts_of(target: Any, person: str, for_date: str, items: list[dict[str, Any]], *,
             chat_items: int = 50) -> list[tuple[Any, int, dict[str, Any]]]:
    """The digests (target, key, payload) of one person's channel and day: ``items`` (the reminders'
    payloads) in due-date order, in as many parts as a chat webhook needs."""
    from tracker.notify import chat_chunks

    items.sort(key=lambda it: (it.get("due_date") is None, str(it.get("due_date")), it.get("contract_id") or 0,
                               it.get("obligation_id") or 0, str(it.get("reason"))))
    parts = chat_chunks(items, max_items=chat_items) if target.kind == "webhook" and target.digest else [items]
    return [(target, _key(target.channel, for_date, part, i), digest_payload(person, part, for_date, (i + 1, len(parts))))
            for i, part in enumerate(parts)]
