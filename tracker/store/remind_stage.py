"""Staging for the daily reminder run: what a run plans, held in TEMP tables until it is enqueued.

``tracker.daily.run_daily`` plans a portfolio of any size a slice of contracts at a time
(issue 12: 100,000 contracts in bounded memory). Each slice's outbox rows, penalty snapshots and
first-run digest lines are written here, on the run's own connection (TEMP tables live in the
connection's temporary database: they never touch the store file and vanish with the
connection). The outbox and the snapshots then receive them in ONE transaction each, as before,
so a crash while planning leaves nothing behind, and rows come out in the order the run
planned them (``rank``: the order of ``plan`` over the whole portfolio).

Digest lines are kept per channel with their sort key, so a digest (``tracker.first_digest``)
is written from them in order without holding its lines as objects: its JSON is assembled from
each line's JSON, byte for byte what ``json.dumps`` of the whole payload gives.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from typing import Any

# order of rows: group (0 planned, 1 calendar moves), status, due date (NULL first), obligation, sequence
RANK = ("grp", "status", "due", "oid", "seq")
OUT_COLS = ("obligation_id", "contract_id", "kind", "reason", "due_date", "for_date", "channel", "payload")
_TYPES = {"obligation_id": "BIGINT", "contract_id": "INTEGER"}


class Stage:
    """The TEMP tables of one run on ``conn`` (created empty; dropped by ``close``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.seq = 0
        self._covered_days: set[str] = set()
        self.close()
        # typed columns (PostgreSQL needs them; on SQLite TEXT and BIGINT keep what is inserted) and
        # unqualified names: a TEMP table's index lives beside it, and DROP finds the TEMP table first
        rank = "grp INTEGER, status TEXT, due TEXT, oid BIGINT, seq INTEGER"
        out = ", ".join(f"{c} {_TYPES.get(c, 'TEXT')}" for c in OUT_COLS)
        conn.execute(f"CREATE TEMP TABLE remind_rows ({rank}, {out})")
        conn.execute("CREATE TEMP TABLE remind_snaps (n INTEGER NOT NULL PRIMARY KEY, contract_id INTEGER,"
                     " obligation_id BIGINT, clause TEXT, days INTEGER, balance TEXT, penalty TEXT, suspend_from TEXT)")
        conn.execute(f"CREATE TEMP TABLE remind_items ({rank}, channel TEXT, due_key TEXT, contract_id INTEGER,"
                     " obligation_id BIGINT, for_date TEXT, item TEXT, line TEXT)")
        conn.execute(f"CREATE TEMP TABLE remind_people ({rank}, {out}, move_id INTEGER)")
        conn.execute("CREATE TEMP TABLE remind_covered (obligation_id BIGINT, reason TEXT, for_date TEXT,"
                     " channel TEXT)")
        conn.execute("CREATE INDEX ix_remind_covered ON remind_covered (obligation_id)")

    def close(self) -> None:
        for t in ("remind_rows", "remind_snaps", "remind_items", "remind_people", "remind_covered"):
            self.conn.execute(f"DROP TABLE IF EXISTS {t}")

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    # -------------------------------------------------------------- writing one slice

    def add_rows(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """(grp, status, due, oid, seq, obligation_id, contract_id, kind, reason, due_date, for_date,
        channel, payload JSON)."""
        self.conn.executemany(f"INSERT INTO remind_rows VALUES ({','.join('?' * 13)})", rows)

    def add_snapshots(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """(contract_id, obligation_id, clause, days, balance, penalty, suspend_from), in order."""
        self.conn.executemany("INSERT INTO remind_snaps (contract_id, obligation_id, clause, days, balance, penalty,"
                              " suspend_from) VALUES (?,?,?,?,?,?,?)", rows)

    def add_people(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Rows for a person's channel (``tracker.person_digest``), folded or not once the day is
        planned: (rank…, ``OUT_COLS``…, calendar move id or None)."""
        self.conn.executemany(f"INSERT INTO remind_people VALUES ({','.join('?' * 14)})", rows)

    def add_items(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Digest lines: (grp, status, due, oid, seq, channel, due_key, contract_id, obligation_id,
        for_date, item JSON, line text)."""
        self.conn.executemany(f"INSERT INTO remind_items VALUES ({','.join('?' * 12)})", rows)

    # -------------------------------------------------------------- what the outbox already has

    def existing(self, day_keys: Collection[str], obligation_ids: Collection[int],
                 digests: Collection[tuple[str, Collection[str] | None]]) -> set[tuple[int, str, str, str]]:
        """Outbox keys (obligation, reason, for_date, channel) of these obligations on these days,
        and those the digests of such days already carry: ``digests`` lists (digest reason, the
        reasons each of its lines stands for; None: the line's own ``reason``)."""
        if not day_keys or not obligation_ids:
            return set()
        days, ids = sorted(day_keys), json.dumps(sorted(obligation_ids))
        on_days = f"for_date IN ({','.join('?' * len(days))})"  # a run plans a day or a few: plain placeholders
        out: set[tuple[int, str, str, str]] = set(self.conn.execute(
            "SELECT obligation_id, reason, for_date, channel FROM reminder_outbox WHERE obligation_id IN"
            f" (SELECT value FROM json_each(?)) AND {on_days}", (ids, *days)))
        self._load_covered(day_keys, digests)
        out.update(self.conn.execute(
            "SELECT obligation_id, reason, for_date, channel FROM remind_covered WHERE obligation_id IN"
            f" (SELECT value FROM json_each(?)) AND {on_days}", (ids, *days)))
        return out

    def _load_covered(self, day_keys: Collection[str], digests: Collection[tuple[str, Collection[str] | None]]
                      ) -> None:
        """The lines of the digests of these days (read once per day, in SQL)."""
        new = sorted(set(day_keys) - self._covered_days)
        if not new:
            return
        self._covered_days.update(new)
        if not isinstance(self.conn, sqlite3.Connection):
            self._load_covered_py(new, digests)  # PostgreSQL: the digests' lines read here, not in SQLite's JSON SQL
            return
        lines = ("FROM reminder_outbox o, json_each(o.payload, '$.items') i{more} WHERE o.reason = ? AND o.for_date IN"
                 " (SELECT value FROM json_each(?)) AND json_valid(o.payload) AND i.type = 'object'"
                 " AND json_type(i.value, '$.obligation_id') = 'integer'")
        for reason, stands_for in digests:
            if stands_for is None:
                self.conn.execute(
                    "INSERT INTO remind_covered SELECT json_extract(i.value, '$.obligation_id'),"
                    " coalesce(CAST(json_extract(i.value, '$.reason') AS TEXT), 'None'), o.for_date, o.channel "
                    + lines.format(more=""), (reason, json.dumps(new)))
            else:
                self.conn.execute(
                    "INSERT INTO remind_covered SELECT json_extract(i.value, '$.obligation_id'), r.value, o.for_date,"
                    " o.channel " + lines.format(more=", json_each(?) r"), (json.dumps(list(stands_for)), reason,
                                                                          json.dumps(new)))

    def digest_exists(self, key: int, reason: str, for_date: str, channel: str) -> bool:
        return self.conn.execute("SELECT 1 FROM reminder_outbox WHERE obligation_id = ? AND reason = ? AND"
                                 " for_date = ? AND channel = ?", (key, reason, for_date, channel)).fetchone() is not None

    def _load_covered_py(self, days: list[str], digests: Collection[tuple[str, Collection[str] | None]]) -> None:
        marks = ",".join("?" * len(days))
        for reason, stands_for in digests:
            rows = []
            for payload, for_date, channel in self.conn.execute(
                    f"SELECT payload, for_date, channel FROM reminder_outbox WHERE reason = ? AND for_date IN ({marks})",
                    (reason, *days)):
                try:
                    items = json.loads(payload).get("items", [])
                except (TypeError, ValueError, AttributeError):
                    continue  # a damaged payload covers nothing, as json_valid says on SQLite
                for item in items if isinstance(items, list) else ():
                    oid = item.get("obligation_id") if isinstance(item, dict) else None
                    if not isinstance(oid, int) or isinstance(oid, bool):
                        continue
                    reasons = list(stands_for) if stands_for is not None else [str(item.get("reason"))]
                    rows += [(oid, r, for_date, channel) for r in reasons]
            self.conn.executemany("INSERT INTO remind_covered VALUES (?,?,?,?)", rows)

    # -------------------------------------------------------------- reading back, in order

    def rows(self) -> Iterator[tuple[Any, ...]]:
        """The planned outbox rows (``OUT_COLS``) in the run's order."""
        cur = self.conn.cursor()
        yield from cur.execute(f"SELECT {', '.join(OUT_COLS)} FROM remind_rows ORDER BY {', '.join(RANK)}")

    def snapshots(self) -> Iterator[tuple[Any, ...]]:
        cur = self.conn.cursor()
        yield from cur.execute("SELECT contract_id, obligation_id, clause, days, balance, penalty, suspend_from"
                               " FROM remind_snaps ORDER BY n")

    def person_groups(self) -> list[tuple[str, str, int]]:
        """(channel, for_date, how many rows) of a person's channel, in the order each was first planned."""
        first: dict[tuple[str, str], tuple[str, int]] = {}
        for channel, for_date, *rank in self.conn.execute(f"SELECT channel, for_date, {', '.join(RANK)} FROM remind_people"):
            key, (text, n) = (channel, for_date), first.get((channel, for_date), (None, 0))
            mine = _rank_text(*rank)
            first[key] = (mine if text is None or mine < text else text, n + 1)
        return [(c, d, n) for (c, d), (_, n) in sorted(first.items(), key=lambda kv: kv[1][0])]

    def person_rows(self, channel: str, for_date: str) -> list[tuple[Any, ...]]:
        """(``OUT_COLS``…, move id) of one person's channel and day, in planned order."""
        return self.conn.execute(
            f"SELECT {', '.join(OUT_COLS)}, move_id FROM remind_people WHERE channel = ? AND for_date = ?"
            f" ORDER BY {', '.join(RANK)}", (channel, for_date)).fetchall()

    def digest_channels(self) -> list[str]:
        """Channels with digest lines, in the order their first line was planned."""
        first: dict[str, str] = {}
        cur = self.conn.cursor()  # streamed: a first run's digest may hold a line per overdue obligation
        for channel, *rank in cur.execute(f"SELECT channel, {', '.join(RANK)} FROM remind_items"):
            mine = _rank_text(*rank)
            if channel not in first or mine < first[channel]:
                first[channel] = mine
        return sorted(first, key=first.__getitem__)

    def item_count(self, channel: str) -> int:
        """How many lines one channel's digest has."""
        return int(self.conn.execute("SELECT count(*) FROM remind_items WHERE channel = ?", (channel,)).fetchone()[0])

    def items(self, channel: str) -> Iterator[tuple[str, str, str]]:
        """(for_date, item JSON, line text) of one channel's digest, in the digest's order."""
        cur = self.conn.cursor()
        yield from cur.execute("SELECT for_date, item, line FROM remind_items WHERE channel = ?"
                               " ORDER BY due_key, contract_id, obligation_id", (channel,))


def _rank_text(grp: int, status: str, due: str | None, oid: int, seq: int) -> str:
    """The rank as one sortable text (the least per group orders the groups), as SQLite's
    ``printf('%d', grp) || ' ' || status || ' ' || ifnull(due, '') || ' ' || printf('%020d', oid) …``
    wrote it; computed here so both engines order alike."""
    return f"{grp:d} {status} {due or ''} {oid:020d} {seq:020d}"
