"""``tracker --help`` as Typer prints it at 80 columns, for ``tracker.cli._fast_help``.

Generated: ``python -m tracker.cli_help_text`` rewrites HELP from the Typer app itself;
tests/test_cli_fast.py checks that it still equals what Typer prints.
"""

from __future__ import annotations

HELP = (
    'Usage: tracker [OPTIONS] COMMAND [ARGS]...\n'
    '\n'
    '  Track the obligations of AI-model-training service contracts: parse filled\n'
    '  contracts (.txt .md .docx .pdf; Simplified, Traditional or English) into\n'
    '  dated obligations, keep them in SQLite, list what is due, record what\n'
    '  happened, compute late-payment penalties and send reminders.\n'
    '\n'
    '  Start with: tracker demo\n'
    '\n'
    'Options:\n'
    '  --db <str>            SQLite database file, or a postgresql://user@host/db\n'
    '                        URL. Default: $TRACKER_DB, else the user data dir.\n'
    "  --tz <str>            Time zone that decides 'today' (default $TRACKER_TZ or\n"
    '                        Asia/Shanghai).\n'
    '  --user <str>          Who you are, recorded in the history of every change\n'
    "                        and used by 'upcoming --mine'. Default: $TRACKER_USER,\n"
    '                        else your login name.\n'
    '  -V, --version         Print the version and exit.\n'
    '  --install-completion  Install completion for the current shell.\n'
    '  --show-completion     Show completion for the current shell, to copy it or\n'
    '                        customize the installation.\n'
    '  -h, --help            Show this message and exit.\n'
    '\n'
    'Commands:\n'
    '  parse       Parse filled contracts into their dated obligations (does...\n'
    '  add         Parse contracts and store them; the same file again is...\n'
    '  upcoming    Open obligations due soon and everything overdue, soonest...\n'
    '  contracts   List the tracked contracts.\n'
    '  show        One contract: facts, obligation timeline, payments,...\n'
    '  done        Mark an obligation fulfilled (a recurring one moves to its...\n'
    '  waive       Waive an obligation, saying why.\n'
    '  event       Record a contract event and resolve the obligations it...\n'
    '  pay         Record a payment received; an instalment is fulfilled when...\n'
    "  evaluate    Compare an evaluation with the contract's targets: all met...\n"
    '  edit        Correct an extracted fact; derived dates are recomputed,...\n'
    '  export      Export obligations as JSON, CSV, or an .ics calendar for...\n'
    '  demo        A guided tour on a throw-away database: add the sample...\n'
    '  penalties   Late-payment and late-delivery penalties (违约金计算表): one row...\n'
    "  remind      Send today's reminders once (for cron or a systemd timer);...\n"
    '  reminders   List the reminder outbox: what is pending, retrying,...\n'
    "  assign      Send a contract's reminders (for one party or both) to...\n"
    "  doctor      Check the database's integrity and list contracts whose...\n"
    '  confirm     Mark every extracted fact and obligation of a contract as...\n'
    '  undo        Reverse a recorded action (add of a version, pay, event,...\n'
    '  actions     List recorded actions, newest first, with who and when and...\n'
    '  balance     Receivables: per contract and in total the fee, invoiced,...\n'
    '  config      The reminder policy and delivery settings (a TOML file).\n'
    '  schedule    Run the daily reminders in the foreground (APScheduler).\n'
    "  calendar    Working-day calendars: import next year's holiday schedule...\n"
    '  obligation  Add, correct or delete an obligation the parser missed or...\n'
    '  penalty     Add or correct a penalty clause (违约金条款) of a contract.\n'
)


def render() -> str:
    """What the Typer app prints for ``tracker --help`` at 80 columns (a subprocess, Typer's path)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "TRACKER_NO_FAST_CLI": "1", "COLUMNS": "80"}
    code = "import sys; from tracker.cli import main; sys.argv[0] = 'tracker'; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, "--help"], env=env, capture_output=True, text=True,
                          check=True).stdout


if __name__ == "__main__":
    from pathlib import Path

    me = Path(__file__)
    src = me.read_text(encoding="utf-8")
    start = src.index('HELP = ')
    end = src.index("\n\n\ndef render")
    body = "".join(f"\n    {line!r}" for line in render().splitlines(keepends=True))
    me.write_text(src[:start] + f"HELP = ({body}\n)" + src[end:], encoding="utf-8")
