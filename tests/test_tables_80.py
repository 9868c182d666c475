"""Tables readable at 80 columns never cut an amount: upcoming, contracts, show, balance and
penalties rendered at COLUMNS=80 show every amount of their JSON whole, on one line."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from remind_helpers import add_contract, ob
from typer.testing import CliRunner

from tracker.cli import app

AS_OF = "2025-06-01"
LONG = "某某超大型人工智能模型训练与部署服务及后续运维支持项目（第二期）补充约定"
# written by hand: the figures the tables must show whole
FEE, FIRST, SECOND, THIRD = "123456789.01", "98765432.10", "12345678.90", "12345678.01"


@pytest.fixture
def big(db_path: Path) -> int:
    return add_contract(db_path, [
        ob("payment", date(2025, 3, 17), title="首期款 80%（合同生效后十个工作日内支付）", amount=FIRST),
        ob("payment", date(2025, 6, 20), title="第二期款 10%（模型交付并验收合格后支付）", amount=SECOND),
        ob("payment", date(2025, 9, 1), title="尾款 10%", amount=THIRD, clause="4.3"),
        ob("model_delivery", date(2025, 5, 30), party="provider", title="模型交付与部署上线", clause="2.1"),
    ], title=LONG, total_fee=FEE)


MONEY = re.compile(r"\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)")


def _run(*args: str, columns: int) -> str:
    res = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert res.exit_code == 0, (res.output, res.exception)
    return res.stdout


COMMANDS = [
    ("upcoming", "--as-of", AS_OF, "--days", "120"),
    ("contracts", "--as-of", AS_OF),
    ("show", "1", "--as-of", AS_OF),
    ("balance", "--as-of", AS_OF),
    ("penalties", "--as-of", AS_OF, "--detail"),  # the table per instalment
    ("penalties", "--as-of", AS_OF),  # the summary line per contract (issue 12)
]


@pytest.mark.parametrize("cmd", COMMANDS, ids=[" ".join(c[:1] + c[3:]) for c in COMMANDS])
def test_every_amount_whole_at_80_columns(big: int, cmd: tuple[str, ...]) -> None:
    wide = _run(*cmd, columns=250)
    narrow = _run(*cmd, columns=80)
    assert max(len(line) for line in narrow.splitlines()) <= 80, narrow
    # the figures written by hand above, formatted with thousands separators
    expect = {"upcoming": {"98,765,432.10", "12,345,678.90"}, "show": {"123,456,789.01", "98,765,432.10"},
              "contracts": {"123,456,789.01"}, "balance": {"123,456,789.01", "98,765,432.10"},
              "penalties": {"98,765,432.10"}}[cmd[0]]
    if cmd == ("penalties", "--as-of", AS_OF):  # the summary: 98,765,432.10 x 0.005 x 76 days (03-17 to 06-01)
        expect = {"37,530,864.20"}
    shown = set(MONEY.findall(wide))
    assert expect <= shown, (expect - shown, wide)
    for figure in sorted(shown):
        assert figure in narrow, f"{cmd[0]}: {figure} is not shown whole at 80 columns\n{narrow}"
    for line in narrow.splitlines():  # a boxed table that fits: no row cropped at the right edge
        if line[:1] in "┏┃┡│└" and line.strip():
            assert line.rstrip()[-1] in "┓┃┩│┘", f"{cmd[0]}: a row is cropped at 80 columns\n{narrow}"
