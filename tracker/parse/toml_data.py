"""The parser's TOML data files (lexicons, coverage cues), parsed once and kept between runs.

``tomllib`` (its import and the parse: about 8 ms for the English lexicons) runs only when a file
changed: the parsed value is kept, as JSON, in the pattern cache beside the compiled patterns
(``tracker.regex_cache.derived``, under the file's text), which only the CLI's parse command keeps.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tracker.regex_cache import derived
from tracker.regex_own import own

DATA = Path(__file__).with_name("data")


def _toml_as_json(text: str) -> str:
    import tomllib

    return json.dumps(tomllib.loads(text), ensure_ascii=False)


def load(name: str) -> dict[str, Any]:
    """``data/<name>`` as ``tomllib.loads`` reads it (the program's own data: kept by the cache)."""
    with own():
        data: dict[str, Any] = json.loads(derived(_toml_as_json, (DATA / name).read_text(encoding="utf-8")))
    return data
