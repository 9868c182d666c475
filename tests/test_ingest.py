"""Ingest (read → parse → ``Store.add_parsed``) on a real SQLite file, and ``tracker add`` through it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from dbconn import db_connect
from typer.testing import CliRunner

from tracker import contract_view, ingest
from tracker.cli import app
from tracker.store.contract_record import record
from tracker.store.results import AddFailure, AddOutcome
from tracker.store.write import Store

FIX = Path(__file__).parent / "fixtures" / "store"


@pytest.fixture
def store(db_path: Path):
    s = Store(db_path, actor="tester", now=lambda: datetime(2025, 6, 1, 9, 0, tzinfo=UTC))
    yield s
    s.close()


def count(db: Path, table: str) -> int:
    with db_connect(db) as c:
        return int(c.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_contract_files_lists_a_folder_sorted_and_files_as_given(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.MD", "sub/c.docx", "notes.json", "sub/d.pdf"):
        (tmp_path / name).write_bytes(b"x")
    got = ingest.contract_files([tmp_path, tmp_path / "notes.json"])
    assert [p.relative_to(tmp_path).as_posix() for p in got] == ["a.MD", "b.txt", "sub/c.docx", "sub/d.pdf",
                                                                 "notes.json"]


def test_ingest_adds_parses_once_and_reports_bad_files(store: Store, db_path: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "a.txt"
    good.write_bytes((FIX / "p01-xinghe-intent.txt").read_bytes())
    seen: list[Path] = []
    out = ingest.add_files(store, [good, tmp_path / "missing.txt"], progress=seen.append)
    assert isinstance(out[0], AddOutcome) and out[0].status == "added" and out[0].contract_id == 1
    assert isinstance(out[1], AddFailure) and out[1].exit_code == 2 and "missing.txt" in out[1].error
    assert seen == [good, tmp_path / "missing.txt"]
    assert count(db_path, "contracts") == 1 and count(db_path, "obligations") > 0

    def no_parse(*_a: object, **_k: object) -> None:
        raise AssertionError("a file already stored is not parsed again")

    monkeypatch.setattr("tracker.parse.parse_file", no_parse)
    (again,) = ingest.add_files(store, [good])
    assert isinstance(again, AddOutcome) and (again.status, again.contract_id) == ("unchanged", 1)


def test_a_parser_error_on_one_file_does_not_stop_the_others(store: Store, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.parse

    real = tracker.parse.parse_file
    (tmp_path / "a.txt").write_bytes((FIX / "p01-xinghe-intent.txt").read_bytes())
    (tmp_path / "b.md").write_bytes((FIX / "p02-yunqi-bill-ocr.md").read_bytes())

    def flaky(path: Path, *a: object, **k: object) -> object:
        if Path(path).name == "a.txt":
            raise KeyError("boom")
        return real(path, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(tracker.parse, "parse_file", flaky)
    a, b = ingest.add_files(store, [tmp_path])
    assert isinstance(a, AddFailure) and "internal error KeyError" in a.error and a.exit_code == 1
    assert isinstance(b, AddOutcome) and b.status == "added"


def test_the_store_takes_a_parse_result_without_its_file(store: Store, tmp_path: Path) -> None:
    from tracker.parse import parse_file

    f = tmp_path / "c.txt"
    f.write_bytes((FIX / "p01-xinghe-intent.txt").read_bytes())
    parsed = parse_file(f)
    f.unlink()  # the store never opens the file
    out = store.add_parsed(parsed, file=str(f))
    assert out.status == "added"
    assert not hasattr(store, "add_files")


def test_show_gets_penalties_from_the_caller(store: Store, db_path: Path) -> None:
    (added,) = ingest.add_files(store, [FIX / "p01-xinghe-intent.txt"])
    rec = record(db_path, added.contract_id, date(2025, 6, 1))
    assert "penalties" not in rec.data
    assert rec.penalty_inputs.contract_id == added.contract_id and rec.penalty_inputs.instalments
    shown = contract_view.show(db_path, added.contract_id, date(2025, 6, 1))
    assert {k: v for k, v in shown.items() if k != "penalties"} == rec.data
    # p01: the first instalment (150,000.00, due 2025-03-17) is unpaid on 2025-06-01: a penalty accrues
    assert shown["penalties"]["as_of"] == "2025-06-01" and shown["penalties"]["late_payment_total"] != "0.00"


def test_cli_add_goes_through_ingest(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((FIX / "p01-xinghe-intent.txt").read_bytes())
    (folder / "b.txt").write_bytes(b"")
    res = CliRunner().invoke(app, ["--db", str(db_path), "add", str(folder), "--json"])
    assert res.exit_code == 1, res.output
    out = json.loads(res.stdout)
    assert [(r["file"].rsplit("/", 1)[1], r["status"]) for r in out] == [("a.txt", "added")]
    assert "b.txt" in res.stderr
    res = CliRunner().invoke(app, ["--db", str(db_path), "add", str(folder / "a.txt"), "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["status"] == "unchanged"
