"""Examples for every command's ``--help``, as data, attached as the command's epilog.

A command whose docstring already has an ``Example:`` / ``Examples:`` line (``done``, ``pay``,
``edit``, ``obligation add``…) or an epilog of its own (``parse``) keeps it; the others get the
lines below. ``tests/test_docs.py`` checks that every command's help shows an example that
starts with ``tracker <the command>``. Plain text (the CLI runs with ``rich_markup_mode=None``);
click's ``\\b`` keeps the lines as written instead of rewrapping them.
"""

from __future__ import annotations

from typing import Any

EXAMPLES: dict[str, tuple[str, ...]] = {
    "add": ("tracker add 合同/星河-意图识别.docx", "tracker add 补充协议.pdf --amends 3"),
    "upcoming": ("tracker upcoming", "tracker upcoming --days 60 --kind payment --party client",
                 "tracker upcoming --contract 3 --as-of 2025-07-01 --json"),
    "contracts": ("tracker contracts", "tracker contracts --as-of 2025-12-31 --json"),
    "show": ("tracker show 3", "tracker show 3 --as-of 2025-09-30 --json"),
    "waive": ('tracker waive 14 --note "client waived the weekly report in writing"',),
    "evaluate": ("tracker evaluate 3 --accuracy 0.95 --recall 92% --on 2025-08-20",),
    "export": ("tracker export --format ics -o obligations.ics", "tracker export --format csv -o obligations.csv"),
    "demo": ("tracker demo", "tracker demo --as-of 2025-09-01"),
    "penalties": ("tracker penalties", "tracker penalties 3 --as-of 2025-09-30 --format md -o 违约金计算表.md"),
    "remind": ("tracker remind", "tracker remind --dry-run", "tracker --tz Asia/Shanghai remind --json"),
    "reminders": ("tracker reminders", "tracker reminders --failed --json"),
    "assign": ("tracker assign 3 --party client --email finance@client.example",
               "tracker assign 3 --webhook-env DINGTALK_URL --webhook-format dingtalk"),
    "doctor": ("tracker doctor", "tracker doctor --json"),
    "config show": ("tracker config show", "tracker config show --json"),
    "schedule start": ("tracker schedule start --at 09:00 --tz Asia/Shanghai",),
    "schedule status": ("tracker schedule status", "tracker schedule status --json"),
    "calendar import": ("tracker calendar import 2027-CN.toml", "tracker calendar import 2027-CN.toml --replace"),
    "calendar show": ("tracker calendar show 2026", "tracker calendar show 2026 --calendar TW --json"),
    "calendar status": ("tracker calendar status",),
    "calendar refresh": ("tracker calendar refresh", "tracker calendar refresh --json"),
}


def _has_example(text: str | None) -> bool:
    return any(line.strip().startswith(("Example:", "Examples:")) for line in (text or "").splitlines())


def epilog(name: str) -> str:
    lines = EXAMPLES[name]
    return "\b\nExample" + ("s" if len(lines) > 1 else "") + ":\n" + "\n".join(f"  {x}" for x in lines)


def attach(app: Any, prefix: str = "") -> None:
    """Set the epilog of every registered command of ``app`` (and its sub-apps) that shows no example."""
    for info in app.registered_commands:
        cb = info.callback
        name = prefix + (info.name or (cb.__name__.replace("_", "-") if cb else ""))
        if name in EXAMPLES and not info.epilog and not _has_example(info.help or (cb.__doc__ if cb else None)):
            info.epilog = epilog(name)
    for group in app.registered_groups:
        sub = group.typer_instance
        if sub is not None:
            attach(sub, prefix + (group.name or sub.info.name or "") + " ")
