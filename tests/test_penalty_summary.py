"""``tracker penalties`` for every contract: the summary line per contract carries the detailed
statement's totals, and the streamed JSON / Markdown / CSV are exactly the whole-list rendering."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from remind_helpers import add_contract, ob
from typer.testing import CliRunner

from tracker import penalty_report as report
from tracker.cli import app
from tracker.store.penalty_queries import iter_inputs, penalty_inputs

runner = CliRunner()
AS_OF = "2025-05-01"


def run(*args: str) -> str:
    r = runner.invoke(app, list(args))
    assert r.exit_code == 0, (r.exit_code, r.output, r.exception)
    return r.stdout


@pytest.fixture
def portfolio(db_path: Path) -> dict[str, int]:
    """Four contracts, penalties at 0.005/day of the overdue amount, as of 2025-05-01."""
    return {
        # 100,000 due 04-01, unpaid: 30 days x 500 = 15,000.00
        "one": add_contract(db_path, [ob("payment", date(2025, 4, 1), title="尾款", amount="100000.00")],
                            title="合同甲"),
        # 200,000 due 04-21: 10 days x 1,000 = 10,000.00; 50,000 due 04-16: 15 days x 250 = 3,750.00
        "two": add_contract(db_path, [ob("payment", date(2025, 4, 21), title="二期款", amount="200000.00"),
                                      ob("payment", date(2025, 4, 16), title="首期款", amount="50000.00")],
                            title="合同乙"),
        "not_due": add_contract(db_path, [ob("payment", date(2025, 6, 1), title="尾款", amount="80000.00")],
                                title="合同丙"),
        "no_clause": add_contract(db_path, [ob("payment", date(2025, 4, 1), title="尾款", amount="80000.00")],
                                  title="合同丁", penalties=[]),
    }


def summary_rows(text: str) -> dict[int, tuple[int, str, str]]:
    """contract id -> (overdue, late payment, late delivery) from the summary's lines."""
    rows = {}
    for line in text.splitlines():
        m = re.match(r"#(\d+)\s+(\d+)\s+([\d,.]+)\s+([\d,.]+)\s", line)
        if m:
            rows[int(m[1])] = (int(m[2]), m[3], m[4])
    return rows


def test_summary_totals_are_the_detailed_statements(portfolio: dict[str, int]) -> None:
    one, two, no_clause = portfolio["one"], portfolio["two"], portfolio["no_clause"]
    summary = run("penalties", "--as-of", AS_OF)
    assert summary_rows(summary) == {one: (1, "15,000.00", "0.00"), two: (2, "13,750.00", "0.00"),
                                     no_clause: (0, "0.00", "0.00")}  # listed for its note, as in the detail
    assert "late-payment clause not found or not understood" in summary
    assert "Overall: late payment 28,750.00 · late delivery 0.00" in summary
    assert "From" not in summary and "合同甲" in summary  # no period tables, the title is there

    detail = run("penalties", "--as-of", AS_OF, "--detail")
    assert re.findall(r"Late-payment total: ([\d,.]+)", detail) == ["15,000.00", "13,750.00"]
    assert "Overall: late payment 28,750.00 · late delivery 0.00" in detail
    assert "2025-04-16   2025-05-01" in detail  # the period rows are there

    statements = {s["contract_id"]: s for s in json.loads(run("penalties", "--as-of", AS_OF, "--json"))}
    for cid, (_, late_payment, late_delivery) in summary_rows(summary).items():
        assert f"{float(statements[cid]['total']):,.2f}" == late_payment
        assert f"{float(statements[cid]['late_delivery_total']):,.2f}" == late_delivery
    assert statements[portfolio["not_due"]]["total"] == "0.00"


def test_one_contract_is_the_detailed_form(portfolio: dict[str, int]) -> None:
    text = run("penalties", str(portfolio["two"]), "--as-of", AS_OF)
    assert "10,000.00" in text and "3,750.00" in text and "Late-payment total: 13,750.00" in text
    assert "summary" not in text


def test_streamed_forms_equal_the_whole_list(portfolio: dict[str, int], db_path: Path) -> None:
    statements = report.build(penalty_inputs(db_path), date(2025, 5, 1))
    assert len(statements) == 4
    assert run("penalties", "--as-of", AS_OF, "--json") == json.dumps(
        report.to_json(statements), ensure_ascii=False, indent=2) + "\n"
    assert run("penalties", "--as-of", AS_OF, "--format", "md") == report.to_markdown(statements, date(2025, 5, 1))
    assert run("penalties", "--as-of", AS_OF, "--format", "csv") == "\ufeff" + report.to_csv(statements)


def test_chunks_of_one_read_the_same_inputs(portfolio: dict[str, int], db_path: Path) -> None:
    assert list(iter_inputs(db_path, chunk=1)) == penalty_inputs(db_path)
    assert list(iter_inputs(db_path, chunk=3)) == penalty_inputs(db_path)


def test_empty_database_streams_an_empty_list(db_path: Path) -> None:
    from tracker.store import Store

    Store(db_path).close()
    assert run("penalties", "--as-of", AS_OF, "--json") == "[]\n"
    assert "Overall: late payment 0.00" in run("penalties", "--as-of", AS_OF)


@pytest.mark.parametrize("value", [
    [], {}, [[]], {"a": {}}, None, True, False, 0, -7, 2**70, 1.5, 1e-7, float("nan"), float("inf"),
    "", "引号\"和\\反斜杠\n换行\t\u2028", {"k": [1, "x", None, {"n": [True, {}]}], "空": []},
    {1: "int key", None: "null key"}, (1, 2), {"d": date(2025, 5, 1)},
])
def test_indented_is_json_dumps(value: object) -> None:
    from tracker.penalty_stream import indented

    expected = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    assert indented(value) == expected
    assert indented({"outer": [value]}, 2) == json.dumps({"outer": [value]}, ensure_ascii=False, indent=2,
                                                        default=str).replace("\n", "\n    ")
