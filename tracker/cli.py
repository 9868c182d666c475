"""Entry point of the ``tracker`` command: imports every command module so it registers on ``app``."""

from __future__ import annotations

from tracker import cli_parse  # noqa: F401  (registers commands)
from tracker.cli_app import app

_OPTIONAL = ("cli_store", "cli_penalties", "cli_remind")
for _name in _OPTIONAL:
    try:
        __import__(f"tracker.{_name}")
    except ModuleNotFoundError as _exc:  # a command module not written yet
        if _exc.name != f"tracker.{_name}":
            raise


def main() -> None:
    app()


if __name__ == "__main__":
    main()
