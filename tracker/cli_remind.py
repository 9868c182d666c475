"""Reminder commands: remind, reminders, assign, config show, schedule start, schedule status.

Thin: parse arguments, one library call, render. The daily job, the outbox and APScheduler are
imported inside the commands so ``tracker --help`` stays light.
"""

from __future__ import annotations

import os
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from tracker.cli_app import (
    app,
    current_user,
    db_path,
    errors,
    fail,
    print_json,
    settings,
    stdout_console,
    today,
)
from tracker.cli_app import zone as cli_zone

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


class PartyOpt(StrEnum):
    client = "client"
    provider = "provider"
    both = "both"


class WebhookFormat(StrEnum):
    generic = "generic"
    dingtalk = "dingtalk"
    feishu = "feishu"
    wecom = "wecom"
    slack = "slack"


@app.command()
def remind(
    as_of: Annotated[str | None, typer.Option("--as-of", help="Run for this day (YYYY-MM-DD) instead of today.",
                                              show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be sent; send and record nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the reminders delivered in this run as JSON.")] = False,
) -> None:
    """Send today's reminders once (for cron or a systemd timer); exit 1 if a delivery failed.

    Running it again the same day sends nothing new. Failed deliveries are retried with
    backoff on later runs (see `tracker reminders --failed`).
    """
    from tracker import cli_run_remind  # the body, also run without Typer by tracker.cli_fast

    cli_run_remind.run_remind(as_of=as_of, dry_run=dry_run, as_json=as_json)


@app.command()
def reminders(
    failed: Annotated[bool, typer.Option("--failed", help="Only deliveries that failed (retrying or given up).")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List the reminder outbox: what is pending, retrying, failed, or was sent in the last week."""
    from datetime import timedelta

    since = today() - timedelta(days=7)
    with errors():
        from tracker.store import outbox

        with outbox.connect(db_path()) as conn:
            rows = outbox.listing(conn, failed=failed, since=since)
    for r in rows:
        for k in ("next_attempt_at", "sent_at"):
            r[k] = (datetime.fromtimestamp(r[k]).astimezone().isoformat(timespec="seconds")
                    if r[k] else None)
        if r["status"] not in ("retry",):
            r["next_attempt_at"] = None
    if as_json:
        print_json(rows)
        return
    from rich.table import Table

    console = stdout_console()
    if not rows:
        console.print("no failed deliveries" if failed else "the outbox is empty")
        return
    t = Table("id", "status", "for", "reason", "obligation", "contract", "channel", "tries", "error / next")
    for r in rows:
        extra = r["last_error"] or ""
        if r["status"] == "retry" and r["next_attempt_at"]:
            extra = f"{extra} (next {r['next_attempt_at']})"
        t.add_row(str(r["id"]), r["status"], r["for_date"], r["reason"], f"#{r['obligation_id']} {r['title']}",
                  f"#{r['contract_id']}", r["channel"], str(r["attempts"]), extra)
    console.print(t)


def _keep_secret(url: str) -> str:
    import os

    from tracker import secret_refs
    from tracker.config import secrets_dir

    where = secrets_dir(os.environ)
    try:
        ref = secret_refs.keep_in_file(url, where)
    except OSError as exc:
        fail(f"{where}: cannot keep the webhook URL there ({exc.strerror or type(exc).__name__})", 1)
    typer.echo(f"this webhook URL carries a token: kept in {ref.removeprefix('file:')} (mode 0600), "
               "not in the database; --webhook-env also keeps it out of the shell history", err=True)
    return ref


@app.command()
def assign(
    contract: Annotated[str, typer.Argument(help="Contract id, or 'all' for every contract.")],
    party: Annotated[PartyOpt, typer.Option("--party", help="Whose obligations: client, provider or both.")]
    = PartyOpt.both,
    email: Annotated[list[str] | None, typer.Option("--email", help="E-mail address (repeatable).",
                                                    show_default=False)] = None,
    webhook: Annotated[list[str] | None, typer.Option("--webhook", help="Webhook URL (repeatable). One that "
                                                      "carries a token is kept in a 0600 file under "
                                                      "$TRACKER_SECRETS_DIR, never in the database.",
                                                      show_default=False)] = None,
    webhook_env: Annotated[list[str] | None, typer.Option("--webhook-env", help="Name of an environment variable "
                                                          "holding the webhook URL (read when sending; repeatable).",
                                                          show_default=False)] = None,
    webhook_file: Annotated[list[Path] | None, typer.Option("--webhook-file", help="A file (mode 0600) whose "
                                                            "first line is the webhook URL (repeatable).",
                                                            show_default=False)] = None,
    webhook_format: Annotated[WebhookFormat, typer.Option("--webhook-format", help="Message format of the webhooks.")]
    = WebhookFormat.generic,
    sign_secret_env: Annotated[str | None, typer.Option("--sign-secret-env", help="Environment variable holding "
                                                        "the DingTalk/Feishu signing secret (signature security).",
                                                        show_default=False)] = None,
    sign_secret_file: Annotated[Path | None, typer.Option("--sign-secret-file", help="A file (mode 0600) holding "
                                                          "the DingTalk/Feishu signing secret.",
                                                          show_default=False)] = None,
    to: Annotated[str | None, typer.Option("--to", help="A person responsible for these obligations: they see "
                                           "them in 'tracker upcoming --mine' (run as --user PERSON or "
                                           "$TRACKER_USER=PERSON), and the --email/--webhook given with it "
                                           "are theirs: one digest a day instead of one message per reminder.",
                                           show_default=False)] = None,
    as_json: JsonOpt = False,
) -> None:
    """Send a contract's reminders (for one party or both) to e-mail addresses and webhooks, and/or
    name the person responsible for them (--to).

    Webhook URLs and signing secrets are best given by reference (--webhook-env, --webhook-file,
    --sign-secret-env, --sign-secret-file): only the variable's name or the file's path is
    stored, and the secret is read when a reminder is sent.
    """
    from tracker import notify, secret_refs

    hooks = list(webhook or [])
    try:
        hooks += [secret_refs.env_ref(n) for n in webhook_env or []]
        secret = (secret_refs.env_ref(sign_secret_env) if sign_secret_env
                  else secret_refs.file_ref(sign_secret_file) if sign_secret_file else None)
    except secret_refs.SecretError as exc:
        fail(str(exc), 2)
    hooks += [secret_refs.file_ref(f) for f in webhook_file or []]
    if to is not None:
        to = to.strip()
        if not to:
            fail("--to: give a name", 2)
    if not email and not hooks and to is None:
        fail("assign: give at least one --email or --webhook (or --webhook-env, --webhook-file), or --to", 2)
    if sign_secret_env and sign_secret_file:
        fail("give --sign-secret-env or --sign-secret-file, not both", 2)
    if secret and webhook_format.value not in ("dingtalk", "feishu"):
        fail("a signing secret needs --webhook-format dingtalk or feishu", 2)
    cid: int | None
    if contract == "all":
        cid = None
    elif contract.isdigit():
        cid = int(contract)
    else:
        fail(f"assign: contract must be an id or 'all', not {contract!r}", 2)
    for e in email or []:
        if problem := notify.check_email(e):
            fail(f"--email {e!r}: {problem}", 2)
    for w in webhook or []:
        if problem := notify.check_webhook_url(w):
            fail(f"--webhook: {problem}", 2)
    for i, w in enumerate(webhook or []):
        if secret_refs.has_token(w):  # a credential: kept in a 0600 file, only its path stored
            hooks[i] = _keep_secret(w)
    for ref in hooks[len(webhook or []):] + ([secret] if secret else []):
        if problem := secret_refs.check_ref(ref):  # read again at each delivery: may be set up later
            typer.echo(f"warning: {problem}; deliveries to it fail until it is fixed", err=True)
    added = []
    assigned = False
    with errors():
        from tracker.store import outbox

        with outbox.connect(db_path()) as conn:
            if to is not None:
                from tracker.store.assignments import assign as assign_person

                assigned = assign_person(conn, cid, party.value, to)
            for e in email or []:
                new = outbox.add_recipient(conn, cid, party.value, "email", e, person=to)
                added.append({"channel": notify.email_target(e).channel, "new": new})
            for w in hooks:
                new = outbox.add_recipient(conn, cid, party.value, "webhook", w, webhook_format.value, secret,
                                           person=to)
                added.append({"channel": notify.webhook_target(w, webhook_format.value).channel, "new": new,
                              "signed": secret is not None})
    if as_json:
        print_json({"contract_id": cid, "party": party.value, "recipients": added,
                    **({"person": to, "assigned": assigned} if to is not None else {})})
        return
    who = "every contract" if cid is None else f"contract {cid}"
    if to is not None:
        typer.echo(f"{who}, {party.value}: assigned to {to}" + ("" if assigned else " (already assigned)"))
    for a in added:
        typer.echo(f"{who}, {party.value}: {a['channel']}" + ("" if a["new"] else " (already assigned)"))


config_app = typer.Typer(help="The reminder policy and delivery settings (a TOML file).", no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("show")
def config_show(as_json: JsonOpt = False) -> None:
    """Print the effective configuration and where its file is ($TRACKER_CONFIG overrides)."""
    with errors():
        from tracker import config

        path = config.config_path(os.environ)
        cfg = config.load(os.environ, path)
    db = db_path()
    log = cfg.delivery.log_file or str(db.parent / "reminders.jsonl")
    if as_json:
        print_json({**config.to_json(cfg), "file": str(path), "exists": path.exists(), "database": str(db),
                    "database_exists": db.is_file(), "log": log})
        return
    typer.echo(f"# {path}" + ("" if path.exists() else " (not present: defaults)"))
    typer.echo(f"# database: {db}" + ("" if db.is_file() else " (not created yet)"))
    typer.echo(f"# reminder log: {log}")
    typer.echo(config.to_toml(cfg), nl=False)


schedule_app = typer.Typer(help="Run the daily reminders in the foreground (APScheduler).", no_args_is_help=True)
app.add_typer(schedule_app, name="schedule")


@schedule_app.command("start")
def schedule_start(
    at: Annotated[str | None, typer.Option("--at", help="Time of day HH:MM (default: config, 09:00).",
                                           show_default=False)] = None,
    tz: Annotated[str | None, typer.Option("--tz", help="Time zone (default: global --tz, Asia/Shanghai).",
                                           show_default=False)] = None,
) -> None:
    """Run the daily job every day at --at in --tz until SIGTERM/SIGINT; catch up missed days first."""
    from zoneinfo import ZoneInfo

    if tz:
        settings.tz = tz
    zone = cli_zone()
    with errors():
        from tracker import config
        from tracker import schedule as sched_mod

        cfg = config.load(os.environ)
        try:
            when = sched_mod.parse_at(at or cfg.schedule.at)
        except ValueError as exc:
            fail(str(exc), 2)
        console = stdout_console()

        def report(res: Any) -> None:
            console.print(f"{res.day}: {len(res.delivered)} delivered, {res.new} newly due, "
                          f"{sum(f['count'] for f in res.failed)} failed", markup=False)
            for f in res.failed:
                console.print(f"  delivery to {f['channel']} failed: {f['error']}", markup=False)

        daily = sched_mod.Daily(db_path(), when, ZoneInfo(str(zone)), clock=lambda: datetime.now(zone), config=cfg,
                                console=console, report=report, who=current_user())
        sched_mod.start(daily, on_started=lambda nxt: console.print(
            f"scheduler running: daily at {when:%H:%M} {zone}, next run {nxt:%Y-%m-%d %H:%M}", markup=False))
    typer.echo("scheduler stopped")


@schedule_app.command("status")
def schedule_status(as_json: JsonOpt = False) -> None:
    """Last completed run, next run, and the pending and failed deliveries."""
    zone = cli_zone()
    with errors():
        from tracker import config
        from tracker import schedule as sched_mod

        cfg = config.load(os.environ)
        st = sched_mod.status(db_path(), datetime.now(zone), sched_mod.parse_at(cfg.schedule.at))
    if as_json:
        print_json(st)
        return
    typer.echo(f"last run:  {st['last_run'] or 'never'}"
               + (f" (completed {st['last_run_completed_at']})" if st["last_run"] else ""))
    typer.echo(f"next run:  {st['next_run']}" + ("" if st["scheduler_running"] else " (no scheduler running)"))
    typer.echo(f"pending:   {st['pending']} ({st['retrying']} retrying)")
    typer.echo(f"failed:    {st['failed']}")
