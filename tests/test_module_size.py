"""Issue 8: no module of ``tracker/parse`` over 400 lines (small modules named for what they do)."""

from __future__ import annotations

from pathlib import Path

PARSE = Path(__file__).resolve().parent.parent / "tracker" / "parse"


def test_no_parse_module_is_over_400_lines() -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in PARSE.glob("*.py")}
    assert len(sizes) > 50
    assert {name: n for name, n in sizes.items() if n > 400} == {}
