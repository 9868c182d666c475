"""Any sequence of recorded actions followed by the undo of each, newest first, returns the
database to its first state (every business table, row for row); and undoing the undos, oldest
first, brings the last state back."""

from __future__ import annotations

import json
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from dbconn import db_connect
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import TrackerError
from tracker.model import ParseResult
from tracker.store.actions import TRACKED
from tracker.store.write import Store

FIX = Path(__file__).parent / "fixtures" / "books" / "invoice-two.json"
START = date(2025, 3, 1)

day = st.integers(0, 400).map(lambda n: START + timedelta(days=n))
pick = st.integers(0, 20)
op = st.one_of(
    st.tuples(st.just("pay"), st.integers(1, 40_000_000).map(lambda c: Decimal(c) / 100), day,
              st.one_of(st.none(), pick)),
    st.tuples(st.just("event"), st.sampled_from(["invoice", "acceptance", "model_delivery", "data_delivery",
                                                 "effective", "termination"]), day, st.one_of(st.none(), pick)),
    st.tuples(st.just("done"), pick, day),
    st.tuples(st.just("waive"), pick, day),
    st.tuples(st.just("edit"), st.sampled_from([("term", "P1Y"), ("term", "P9M"), ("total_fee", "600000"),
                                                ("expiry_date", "2025-12-31"), ("renewal_notice", "P2M")])),
    st.tuples(st.just("add_ob"), st.integers(1, 500_000), day),
    st.tuples(st.just("edit_ob"), pick, st.sampled_from([("amount", "12345.67"), ("due_date", "2025-10-10"),
                                                         ("title", "改名"), ("offset", "P20D")])),
    st.tuples(st.just("delete_ob"), pick),
    st.tuples(st.just("penalty"), st.sampled_from(["0.001", "0.0003"])),
    st.tuples(st.just("confirm")),
)


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with db_connect(db) as c:
        return {t: c.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TRACKED}


def ids(db: Path) -> list[int]:
    with db_connect(db) as c:
        return [r[0] for r in c.execute("SELECT id FROM obligations ORDER BY id")]


def apply(store: Store, db: Path, o: tuple[Any, ...]) -> None:
    obs = ids(db)

    def ob(i: int) -> int:
        return obs[i % len(obs)]

    name = o[0]
    if name == "pay":
        store.pay(1, o[1], o[2], None if o[3] is None else ob(o[3]))
    elif name == "event":
        store.record_event(1, o[1], o[2], None, None if o[3] is None else [ob(o[3])])
    elif name == "done":
        store.done(ob(o[1]), o[2])
    elif name == "waive":
        store.waive(ob(o[1]), "why not", o[2])
    elif name == "edit":
        store.edit(1, o[1][0], o[1][1], date(2025, 6, 1))
    elif name == "add_ob":
        store.add_obligation(1, kind="payment", title="追加款", on=o[2], due=o[2].isoformat(), amount=str(o[1]))
    elif name == "edit_ob":
        store.edit_obligation(ob(o[1]), o[2][0], o[2][1], date(2025, 6, 1))
    elif name == "delete_ob":
        store.delete_obligation(ob(o[1]), date(2025, 6, 1))
    elif name == "penalty":
        store.add_penalty(1, {"kind": "late_payment", "rate": o[1], "per": "day", "basis": "overdue_amount"})
    else:
        store.confirm(1)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(op, min_size=1, max_size=8))
def test_undo_in_reverse_restores_the_first_state(ops: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "t.db"
        with Store(db) as store:
            store.add_parsed(ParseResult.from_json(json.loads(FIX.read_text(encoding="utf-8"))))
            first = dump(db)
            done: list[int] = []
            for o in ops:
                try:
                    apply(store, db, o)
                except TrackerError:
                    continue
                if store.last_action is not None:
                    done.append(store.last_action)
            last = dump(db)
            undos = []
            for aid in reversed(done):
                store.undo(aid)
                undos.append(store.last_action)
            assert dump(db) == first
            for uid in reversed(undos):
                store.undo(uid or 0)
            assert dump(db) == last
