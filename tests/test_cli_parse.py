"""`tracker parse` end to end through Typer's CliRunner: JSON, JSON lines, Rich view, errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tracker.cli import app

CORPUS = Path(__file__).parent / "corpus"
runner = CliRunner()


def test_json_is_the_spec_document() -> None:
    res = runner.invoke(app, ["parse", str(CORPUS / "p01-xinghe-intent.txt"), "--json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    expected = json.loads((CORPUS / "p01-xinghe-intent.expected.json").read_text(encoding="utf-8"))
    assert doc["contract"]["total_fee"] == "500000.00"
    assert doc["source"] == expected["source"]
    assert len(doc["obligations"]) == len(expected["obligations"])


def test_several_files_print_one_json_object_per_line() -> None:
    files = [str(CORPUS / "p01-xinghe-intent.txt"), str(CORPUS / "p02-yunqi-bill-ocr.md"), str(CORPUS / "p03-shentong-lung-ct.docx")]
    res = runner.invoke(app, ["parse", *files, "--json"])
    assert res.exit_code == 0
    lines = res.stdout.strip().split("\n")
    assert [json.loads(line)["source"]["file"] for line in lines] == [Path(f).name for f in files]


def test_rich_view_shows_facts_groups_and_warnings() -> None:
    res = runner.invoke(app, ["parse", str(CORPUS / "p04-zhiyu-legal-summary.zh-Hant.txt")], env={"COLUMNS": "160"})
    assert res.exit_code == 0
    out = res.stdout
    for needle in ("廣州智語科技有限公司", "Obligations by due date", "Waiting for an event", "2026-01-12",
                   "perpetual_confidentiality", "¥180,000.00", "late payment"):
        assert needle in out, needle


def test_unreadable_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    res = runner.invoke(app, ["parse", str(empty)])
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and "empty.txt" in res.stderr
    res = runner.invoke(app, ["parse", str(tmp_path / "missing.docx")])
    assert res.exit_code == 2 and "missing.docx" in res.stderr


def test_good_files_still_print_when_one_fails(tmp_path: Path) -> None:
    bad = tmp_path / "contract.xls"
    bad.write_bytes(b"\x00\x01")
    res = runner.invoke(app, ["parse", str(CORPUS / "p01-xinghe-intent.txt"), str(bad), "--json"])
    assert res.exit_code == 2
    assert json.loads(res.stdout)["contract"]["copies"] == 4
    assert "contract.xls" in res.stderr


def test_help_teaches() -> None:
    res = runner.invoke(app, ["parse", "--help"])
    assert res.exit_code == 0
    assert "--json" in res.stdout and "Examples" in res.stdout


def test_fast_path_matches_the_typer_command(tmp_path: Path) -> None:
    """`tracker parse FILE --json` skips Typer's coercion for speed; it must print the same."""
    import subprocess
    import sys

    from tracker.cli import _fast_parse

    assert _fast_parse(["parse", "--help"]) is None and _fast_parse(["upcoming"]) is None
    files = [str(CORPUS / "p01-xinghe-intent.txt"), str(CORPUS / "p06-tianfu-retail-shelf.en.txt")]
    fast = subprocess.run([sys.executable, "-m", "tracker", "parse", *files, "--json"], capture_output=True, text=True)
    slow = runner.invoke(app, ["parse", *files, "--json"])
    assert fast.returncode == slow.exit_code == 0
    assert fast.stdout == slow.stdout
    bad = subprocess.run([sys.executable, "-m", "tracker", "parse", str(tmp_path / "nope.pdf")], capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.strip() == f"error: {tmp_path / 'nope.pdf'}: file not found"
