"""A JSON array written one element at a time, byte for byte ``print_json``'s text of the list.

``tracker remind --json`` prints what a run delivered; a first run over a large backlog delivers
more than should be held in memory (issue 12), so each element is written to a spooled temporary
file (in memory while small, on disk beyond ``max_size``) as it is delivered, and the whole array
is copied to the output at the end: nothing is printed when the run fails midway, as before.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from typing import IO, Any


class JsonArraySpool:
    """``add`` elements, then ``write_to`` a stream: ``json.dumps(elements, ensure_ascii=False,
    indent=2, default=str) + "\\n"``."""

    def __init__(self, max_size: int = 8 << 20) -> None:
        self._file: IO[str] = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed by close())
            max_size=max_size, mode="w+", encoding="utf-8")
        self.count = 0

    def add(self, element: Any) -> None:
        text = json.dumps(element, ensure_ascii=False, indent=2, default=str)
        self._file.write(("[\n" if not self.count else ",\n") + "  " + text.replace("\n", "\n  "))
        self.count += 1

    def write_to(self, out: IO[str]) -> None:
        if not self.count:
            out.write("[]\n")
            return
        self._file.seek(0)
        shutil.copyfileobj(self._file, out)
        out.write("\n]\n")

    def close(self) -> None:
        self._file.close()
