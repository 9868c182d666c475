"""``tracker.record``: each class it builds behaves as the ``@dataclass`` of the same body (issue 12
replaced ``@dataclass`` on the parse path; the two are compared here side by side, on random values)."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker import record as rec


def _body(deco, fld, name):  # type: ignore[no-untyped-def]
    class Hit:
        start: int
        end: int
        label: str | None = None
        tags: list[str] = fld(default_factory=list)
        note: str = fld(default="", compare=False, repr=False)
    Hit.__name__ = Hit.__qualname__ = name  # module-level names: instances pickle
    return deco(Hit)


R_PLAIN = _body(rec.record, rec.field, "R_PLAIN")
D_PLAIN = _body(dataclasses.dataclass, dataclasses.field, "D_PLAIN")
R_FROZEN = _body(rec.record(frozen=True), rec.field, "R_FROZEN")
D_FROZEN = _body(dataclasses.dataclass(frozen=True), dataclasses.field, "D_FROZEN")
R_SLOTS = _body(rec.record(frozen=True, slots=True), rec.field, "R_SLOTS")
D_SLOTS = _body(dataclasses.dataclass(frozen=True, slots=True), dataclasses.field, "D_SLOTS")
R_MSLOTS = _body(rec.record(slots=True), rec.field, "R_MSLOTS")
D_MSLOTS = _body(dataclasses.dataclass(slots=True), dataclasses.field, "D_MSLOTS")
PAIRS = {(False, False): (R_PLAIN, D_PLAIN), (True, False): (R_FROZEN, D_FROZEN),
         (True, True): (R_SLOTS, D_SLOTS), (False, True): (R_MSLOTS, D_MSLOTS)}


def _pair(frozen: bool, slots: bool):  # type: ignore[no-untyped-def]
    return PAIRS[(frozen, slots)]


def _hash(x: object) -> object:
    try:
        return hash(x)
    except TypeError:
        return "unhashable"


_ARGS = st.tuples(st.integers(-5, 5), st.integers(-5, 5), st.none() | st.text(max_size=3),
                  st.lists(st.text(max_size=2), max_size=2), st.text(max_size=2))


@pytest.mark.parametrize("frozen", [False, True])
@pytest.mark.parametrize("slots", [False, True])
@given(a=_ARGS, b=_ARGS)
def test_a_record_is_the_dataclass_of_its_body(frozen: bool, slots: bool, a: tuple, b: tuple) -> None:  # type: ignore[type-arg]
    R, D = _pair(frozen, slots)
    ra, rb, da, db = R(*a[:3], tags=a[3], note=a[4]), R(*b[:3], tags=b[3], note=b[4]), D(*a[:3], tags=a[3], note=a[4]), D(*b[:3], tags=b[3], note=b[4])
    assert repr(ra).replace(R.__name__, "X") == repr(da).replace(D.__name__, "X")
    assert (ra == rb) == (da == db)  # note is not compared
    if frozen:
        assert _hash(ra) == _hash(da)  # the same tuple's hash, or unhashable in both (a list field)
    assert rec.replace(ra, start=9).start == 9 and rec.replace(ra, start=9).end == ra.end
    assert [f.name for f in dataclasses.fields(ra)] == [f.name for f in dataclasses.fields(da)]
    assert dataclasses.asdict(ra) == dataclasses.asdict(da)
    assert copy.deepcopy(ra) == ra and pickle.loads(pickle.dumps(ra)) == ra


def test_defaults_errors_and_frozen_assignment() -> None:
    R, D = _pair(True, True)
    assert R(1, 2).tags == [] and R(1, 2).tags is not R(1, 2).tags  # a new list per instance
    with pytest.raises(TypeError):
        R(1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        D(1)  # type: ignore[call-arg]
    with pytest.raises(AttributeError):
        R(1, 2).start = 3  # type: ignore[misc]
    M, _ = _pair(False, False)
    m = M(1, 2)
    m.start = 5
    assert m.start == 5 and rec.field_names(M) == ("start", "end", "label", "tags", "note")


@rec.record(frozen=True, slots=True)
class RPoint:
    x: int
    y: str = "a"


@dataclasses.dataclass(frozen=True, slots=True)
class DPoint:
    x: int
    y: str = "a"


@given(st.integers(), st.text(max_size=3))
def test_a_frozen_records_hash_and_equality_are_the_dataclasses(x: int, y: str) -> None:
    assert hash(RPoint(x, y)) == hash(DPoint(x, y))
    assert RPoint(x, y) == RPoint(x, y) and RPoint(x, y) != RPoint(x + 1, y)
    assert {RPoint(x, y), RPoint(x, y)} == {RPoint(x, y)}


def test_the_compiled_init_of_a_class_made_many_times_behaves_as_the_first() -> None:
    R, D = _pair(False, True)
    for i in range(rec._COMPILE_AFTER + 50):  # past the instance that compiles the class's own __init__
        r, d = R(i, -i, tags=["x"] if i % 2 else []), D(i, -i, tags=["x"] if i % 2 else [])
        assert (r.start, r.end, r.label, r.tags, r.note) == (d.start, d.end, d.label, d.tags, d.note)
    assert R(1, 2).tags is not R(1, 2).tags  # the factory still runs per instance
    with pytest.raises(TypeError):
        R(1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        R(1, 2, nope=3)  # type: ignore[call-arg]
    F, _ = _pair(True, True)
    for i in range(rec._COMPILE_AFTER + 5):
        f = F(i, i)
    with pytest.raises(AttributeError):
        f.start = 0  # type: ignore[misc]
