"""``tracker remind --json`` streams what it delivered: the spooled array is print_json's text."""

from __future__ import annotations

import io
import json
from decimal import Decimal

from tracker.json_spool import JsonArraySpool


def _spooled(elements: list[object], max_size: int = 8 << 20) -> str:
    spool = JsonArraySpool(max_size=max_size)
    for e in elements:
        spool.add(e)
    out = io.StringIO()
    spool.write_to(out)
    spool.close()
    return out.getvalue()


def test_empty_array() -> None:
    assert _spooled([]) == "[]\n"


def test_same_text_as_one_dump_in_memory_and_on_disk() -> None:
    elements: list[object] = [
        {"reason": "overdue_digest", "text": "first line\n  - 首期款 30%", "items": [{"a": 1, "b": [1, {"c": None}]}],
         "empty": {}, "none": [], "accrued": Decimal("1500.00")},
        {"channel": "log", "count": 2},
        [1, 2],
        "a\nb",
    ]
    want = json.dumps(elements, ensure_ascii=False, indent=2, default=str) + "\n"
    assert _spooled(elements) == want
    assert _spooled(elements, max_size=10) == want  # rolled over to a file on disk
