"""The shape of ``tracker/store``: every module imports, the import graph inside it has no cycle
(read and write never import each other, even lazily or for types), the store neither reads
contract files nor parses them, and the penalty inputs are one type."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

STORE = Path(__file__).parent.parent / "tracker" / "store"
TRACKER = STORE.parent
MODULES = sorted(f"tracker.store.{p.stem}" for p in STORE.glob("*.py") if p.stem != "__init__")


def imports_of(path: Path) -> set[str]:
    """Every module an ``import`` statement in the file names, at any depth (functions,
    ``if TYPE_CHECKING:`` blocks included): ``from tracker.store import x`` names ``tracker.store.x``."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return out


def store_graph() -> dict[str, set[str]]:
    return {m: imports_of(STORE / f"{m.rsplit('.', 1)[1]}.py") & set(MODULES) for m in MODULES}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path [a, b, …, a], or None (depth-first search, three colours)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for m in graph[todo.pop()] - seen:
            seen.add(m)
            todo.append(m)
    return seen


@pytest.mark.parametrize("name", MODULES)
def test_every_store_module_imports(name: str) -> None:
    assert importlib.import_module(name).__name__ == name


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None
    assert imports_of(STORE / "write.py") >= {"tracker.store.adding", "tracker.store.results"}


def test_store_import_graph_is_acyclic() -> None:
    assert len(MODULES) > 20
    assert find_cycle(store_graph()) is None


def test_read_and_write_never_import_each_other() -> None:
    g = store_graph()
    write_side = {"tracker.store.write", "tracker.store.base", "tracker.store.adding", "tracker.store.recording"}
    assert not write_side & reachable(g, "tracker.store.read")  # the fast read path never loads the ORM side
    assert "tracker.store.read" not in g["tracker.store.write"]


def test_the_store_neither_parses_nor_reads_contract_files() -> None:
    for name in MODULES:
        path = STORE / f"{name.rsplit('.', 1)[1]}.py"
        assert not any(m == "tracker.parse" or m.startswith("tracker.parse.") for m in imports_of(path)), name
        assert not any(m in ("tracker.ingest", "tracker.contract_view", "tracker.balance")
                       for m in imports_of(path)), name  # nothing above the store
        text = path.read_text(encoding="utf-8")
        assert "read_bytes(" not in text and "parse_file" not in text, name


def test_penalty_inputs_are_one_type() -> None:
    defined = [p for p in TRACKER.rglob("*.py") if "class PenaltyInputs" in p.read_text(encoding="utf-8")]
    assert [p.name for p in defined] == ["penalty_inputs.py"]
    from tracker import penalty_inputs, penalty_report
    from tracker.store import penalty_queries

    assert penalty_queries.PenaltyInputs is penalty_inputs.PenaltyInputs is penalty_report.Inputs


def test_no_store_module_computes_penalties() -> None:
    for name in MODULES:
        text = (STORE / f"{name.rsplit('.', 1)[1]}.py").read_text(encoding="utf-8")
        assert not re.search(r"\b(compute|accrual_snapshot|penalties_for)\(", text), name


def test_write_modules_stay_small() -> None:
    for stem in ("write", "base", "adding", "recording", "results"):
        assert len((STORE / f"{stem}.py").read_text(encoding="utf-8").splitlines()) < 400, stem


def test_all_sql_lives_in_the_store() -> None:
    sql = re.compile(r"\.execute(many)?\(|\bSELECT\s|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b")
    outside = [p.relative_to(TRACKER).as_posix() for p in TRACKER.rglob("*.py")
               if STORE not in p.parents and sql.search(p.read_text(encoding="utf-8"))]
    assert outside == []
