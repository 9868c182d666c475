"""Store commands: add, upcoming, contracts, show, done, waive, event, pay, evaluate, edit, export, demo.

Thin: parse arguments, one library call, render. Heavy modules are imported inside the
commands; ``upcoming``, ``contracts`` and ``show`` never import SQLAlchemy (stdlib sqlite3).
"""

from __future__ import annotations

import os
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from tracker.cli_app import (
    app,
    current_user,
    db_path,
    errors,
    existing_db,
    fail,
    parse_day,
    print_json,
    stdout_console,
    today,
    warn_skipped,
    zone,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Pretend today is this date (YYYY-MM-DD).",
                                             show_default=False)]
ContractArg = Annotated[int, typer.Argument(metavar="CONTRACT", help="Contract id.", show_default=False)]
ObligationArg = Annotated[int, typer.Argument(metavar="OBLIGATION", help="Obligation id.", show_default=False)]


# tracker.events.EDITABLE, spelled out so --help imports nothing (a test keeps them equal)
EDITABLE_HELP = ("title, provider, client, signed_date, effective_date, term, expiry_date, renewal_notice, "
                 "renewal_notice_deadline, confidentiality_term, confidentiality_expiry, currency, total_fee, copies")


class Fmt(StrEnum):
    json = "json"
    csv = "csv"
    ics = "ics"


class EventName(StrEnum):
    effective = "effective"
    signing = "signing"
    data_delivery = "data_delivery"
    model_delivery = "model_delivery"
    acceptance = "acceptance"
    invoice = "invoice"
    evaluation_report = "evaluation_report"
    termination = "termination"


def _timeout() -> float:
    try:
        return float(os.environ.get("TRACKER_BUSY_TIMEOUT", "5"))
    except ValueError:
        return 5.0


def open_store():  # type: ignore[no-untyped-def]
    """The write-side store for this command (imports SQLModel), acting for ``current_user()``."""
    from tracker.store.write import Store

    user = current_user()
    return Store(db_path(), timeout=_timeout(), actor=user, who=user)


def _day(text: str | None, option: str) -> date:
    return parse_day(text, option) or today()


def _show_changes(title: str, result: Any, as_json: bool, store: Any = None) -> None:
    if store is not None and getattr(result, "action_id", None) is None:
        from dataclasses import replace

        result = replace(result, action_id=store.last_action)
    if as_json:
        print_json(result.to_json())
        return
    from tracker import render

    console = stdout_console()
    console.print(title)
    console.print(render.changes(result.to_json()))


# ---------------------------------------------------------------------------------- add


@app.command()
def add(
    paths: Annotated[list[Path], typer.Argument(help="Contract files or directories (.txt .md .docx .pdf).",
                                                show_default=False)],
    as_json: JsonOpt = False,
    amends: Annotated[int | None, typer.Option("--amends", help="The contract this file amends or renews.",
                                               show_default=False)] = None,
) -> None:
    """Parse contracts and store them; the same file again is 'already tracked'."""
    with errors():
        from tracker import regex_cache
        from tracker.cli_run_parse import _cache_dir
        from tracker.ingest import contract_files
        from tracker.store.results import AddFailure

        files = contract_files(paths)
        # the parser's own patterns compiled on an earlier run, as ``tracker parse`` reads them (issue 12)
        with open_store() as store, regex_cache.in_use(_cache_dir()):
            results = _add_with_progress(store, paths, files, amends)
    ok = [r for r in results if not isinstance(r, AddFailure)]
    bad = [r for r in results if isinstance(r, AddFailure)]
    if as_json:
        print_json([r.to_json() for r in ok])
    else:
        console = stdout_console()
        for r in ok:
            if r.status == "unchanged":
                console.print(f"already tracked: {r.file} (contract #{r.contract_id}"
                              + (f": {r.note})" if r.note else ")"), highlight=False)
                continue
            label = "added" if r.status == "added" else f"new version {r.version} of"
            extra = f", {r.superseded} obligations superseded" if r.status == "new_version" else ""
            console.print(f"{label} contract #{r.contract_id}: {r.file}{extra}")
            for w in r.warnings:
                console.print(f"  [yellow]warning[/] {w['code']} {w.get('clause') or ''}: {w['quote']}",
                              markup=True, highlight=False)
            for gap in r.gaps:
                console.print(f"  [bold yellow]note[/] {gap}", markup=True, highlight=False)
    for b in bad:
        typer.echo(f"error: {b.error}", err=True)
    if bad:
        if len(results) > 1:
            typer.echo(f"error: {len(bad)} of {len(results)} files could not be added", err=True)
        codes = {b.exit_code for b in bad}  # nothing added, for one reason: its status (2 bad file, 4 no such id)
        raise typer.Exit(codes.pop() if not ok and len(codes) == 1 else 1)


def _add_with_progress(store: Any, paths: list[Path], files: list[Path], amends: int | None) -> list[Any]:
    from tracker.ingest import add_files

    if not any(p.is_dir() for p in paths):
        return add_files(store, files, amends=amends)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(TextColumn("adding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=console, transient=True,
                  disable=not console.is_terminal) as bar:
        task = bar.add_task("", total=len(files))

        def step(f: Path) -> None:
            bar.update(task, advance=1, description=f.name)

        return add_files(store, files, amends=amends, progress=step)


# ---------------------------------------------------------------------------------- reads


@app.command()
def upcoming(
    days: Annotated[int, typer.Option("--days", min=0, max=36_600, help="Window after today, in days.")] = 30,
    as_of: AsOfOpt = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only this kind: data_delivery, model_delivery, "
                                             "evaluation_report, payment, progress_report, renewal_notice, "
                                             "contract_expiry, confidentiality_expiry, other.",
                                             show_default=False)] = None,
    party: Annotated[str | None, typer.Option("--party", help="provider, client, both, or part of a company name.",
                                              show_default=False)] = None,
    contract: Annotated[int | None, typer.Option("--contract", help="Only this contract id.",
                                                 show_default=False)] = None,
    mine: Annotated[bool, typer.Option("--mine", help="Only the obligations assigned to you (tracker assign "
                                       "--to YOU); you are --user, else $TRACKER_USER, else your login name.")]
    = False,
    as_json: JsonOpt = False,
) -> None:
    """Open obligations due soon and everything overdue, soonest first; then those waiting for an event."""
    from tracker import cli_run_upcoming  # the body, also run without Typer by tracker.cli_fast

    cli_run_upcoming.run_upcoming(days=days, as_of=as_of, kind=kind, party=party, contract=contract, mine=mine,
                                  as_json=as_json)


@app.command()
def contracts(as_json: JsonOpt = False, as_of: AsOfOpt = None) -> None:
    """List the tracked contracts."""
    day = _day(as_of, "--as-of")
    with errors():
        from tracker.balance import balance
        from tracker.store.read import contracts as query

        rows = query(existing_db(), as_of=day)
        books = {b["contract_id"]: b for b in balance(existing_db(), day, None, [])["contracts"]} if rows else {}
        for r in rows:  # the receivables columns of `tracker balance`
            b = books.get(r["contract_id"], {})
            r.update({k: b.get(k) for k in ("instalments", "invoiced", "received", "outstanding", "overdue",
                                            "penalty")}, next_payment_due=b.get("next_due"))
    if as_json:
        print_json(rows)
        return
    from tracker import render

    console = stdout_console()
    console.print(render.contracts(rows, width=console.width))


@app.command()
def show(
    contract_id: Annotated[int, typer.Argument(metavar="ID", help="Contract id.", show_default=False)],
    as_json: JsonOpt = False,
    as_of: AsOfOpt = None,
) -> None:
    """One contract: facts, obligation timeline, payments, penalties so far, metrics, warnings, history."""
    day = _day(as_of, "--as-of")
    with errors():
        from tracker.contract_view import show as query

        data = query(existing_db(), contract_id, day)
    if as_json:
        print_json(data)
        return
    from datetime import datetime

    from tracker import render

    tz = zone()
    for h in data["history"]:  # recorded in UTC; shown in the configured time zone
        try:
            h["when"] = datetime.fromisoformat(h["recorded_at"]).astimezone(tz).strftime("%Y-%m-%d %H:%M")
        except (TypeError, ValueError):
            h["when"] = h["recorded_at"]
    stdout_console().print(render.show(data))


# ---------------------------------------------------------------------------------- recording

OnOpt = Annotated[str | None, typer.Option("--on", help="Date it happened (YYYY-MM-DD; default today).",
                                           show_default=False)]
NoteOpt = Annotated[str | None, typer.Option("--note", help="A note kept with the change.", show_default=False)]


@app.command()
def done(
    obligation: ObligationArg,
    on: OnOpt = None,
    note: NoteOpt = None,
    through: Annotated[str | None, typer.Option("--through", help="Recurring: every occurrence due on or before "
                                                "this date is done (YYYY-MM-DD).", show_default=False)] = None,
    as_json: JsonOpt = False,
) -> None:
    """Mark an obligation fulfilled (a recurring one moves to its next occurrence).

    On an instalment still owed, done records the payment of what is owed, received on --on.

    Examples: tracker done 12 --on 2025-07-03;  tracker done 15 --through 2025-09-30
    """
    day = _day(on, "--on")
    until = parse_day(through, "--through")
    with errors(), open_store() as store:
        result = store.done(obligation, day, note, through=until)
    _show_changes(f"obligation #{obligation} done on {day}", result, as_json, store)


@app.command()
def waive(
    obligation: ObligationArg,
    note: Annotated[str, typer.Option("--note", help="Why it is waived (required).", show_default=False)],
    on: OnOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Waive an obligation, saying why."""
    day = _day(on, "--on")
    with errors(), open_store() as store:
        result = store.waive(obligation, note, day)
    _show_changes(f"obligation #{obligation} waived on {day}", result, as_json, store)


@app.command()
def event(
    contract: ContractArg,
    name: Annotated[EventName, typer.Argument(metavar="EVENT", help="effective, signing, data_delivery, "
                                              "model_delivery, acceptance, invoice, evaluation_report, termination.",
                                              show_default=False)],
    on: Annotated[str, typer.Option("--on", help="Date of the event (YYYY-MM-DD).", show_default=False)],
    obligation: Annotated[list[int] | None, typer.Option(
        "--obligation", help="The obligation(s) this event resolves (repeat the option); required for an "
        "invoice when several instalments wait for one.", show_default=False)] = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Record a contract event and resolve the obligations it triggers.

    A due date an earlier event resolved is never re-dated by a later one. An invoice is issued
    for one instalment: name it with --obligation when several wait for an invoice.

    Examples: tracker event 3 acceptance --on 2025-08-01;
    tracker event 3 invoice --on 2025-08-05 --obligation 14
    """
    day = _day(on, "--on")
    with errors(), open_store() as store:
        result = store.record_event(contract, name.value, day, note, obligation or None)
    _show_changes(f"contract #{contract}: {name.value} on {day}", result, as_json, store)


def _amount(text: str, option: str) -> Any:
    from tracker.money import D, MoneyError

    try:
        return D(text)
    except MoneyError:
        fail(f"{option}: {text!r} is not an amount", 2)


@app.command()
def pay(
    contract: ContractArg,
    amount: Annotated[str, typer.Option("--amount", help="Amount received, e.g. 150000 or 150000.00.",
                                        show_default=False)],
    on: Annotated[str, typer.Option("--on", help="Date received (YYYY-MM-DD).", show_default=False)],
    obligation: Annotated[int | None, typer.Option("--obligation", help="The instalment it pays "
                                                   "(default: oldest unpaid first).", show_default=False)] = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Record a payment received; an instalment is fulfilled when fully paid; more than owed is kept as a
    credit on the contract and goes to the next instalment.

    Example: tracker pay 3 --amount 150000 --on 2025-07-10 --obligation 12
    """
    day = _day(on, "--on")
    value = _amount(amount, "--amount")
    with errors(), open_store() as store:
        result = store.pay(contract, value, day, obligation, note)
    _show_changes(f"contract #{contract}: payment of {result.extra['amount']} on {day}", result, as_json, store)


def _metric(text: str | None, option: str) -> Any:
    if text is None:
        return None
    from decimal import Decimal

    from tracker.money import D, MoneyError

    try:
        value = D(text[:-1]) / Decimal(100) if text.strip().endswith("%") else D(text)
    except MoneyError:
        fail(f"{option}: {text!r} is not a number (0.95 or 95%)", 2)
    return value


@app.command()
def evaluate(
    contract: ContractArg,
    accuracy: Annotated[str | None, typer.Option("--accuracy", help="Measured accuracy (0.95 or 95%).",
                                                 show_default=False)] = None,
    recall: Annotated[str | None, typer.Option("--recall", help="Measured recall.", show_default=False)] = None,
    f1: Annotated[str | None, typer.Option("--f1", help="Measured F1.", show_default=False)] = None,
    on: OnOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Compare an evaluation with the contract's targets: all met fulfils the evaluation report."""
    day = _day(on, "--on")
    metrics = {k: v for k, v in (("accuracy", _metric(accuracy, "--accuracy")), ("recall", _metric(recall, "--recall")),
                                 ("f1", _metric(f1, "--f1"))) if v is not None}
    if not metrics:
        fail("give at least one of --accuracy, --recall, --f1", 2)
    with errors(), open_store() as store:
        result = store.evaluate(contract, metrics, day)
    from dataclasses import replace

    result = replace(result, action_id=store.last_action)
    if as_json:
        print_json(result.to_json())
        return
    x = result.extra
    if x["passed"]:
        typer.echo(f"contract #{contract}: all targets met on {day}")
    else:
        typer.echo(f"contract #{contract}: shortfall on {day}: " + ", ".join(
            f"{k} {x['metrics'][k]} < target {x['targets'][k]} (gap {v})" for k, v in x["gaps"].items())
            + "; the evaluation report stays open")
    from tracker import render

    stdout_console().print(render.changes(result.to_json()))


@app.command()
def edit(
    contract: ContractArg,
    field: Annotated[str, typer.Argument(metavar="FIELD", help=f"One of: {EDITABLE_HELP}; or calendar (CN, TW, "
                                         "US-NY, …).",
                                         show_default=False)],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="New value ('null' to clear).", show_default=False)],
    as_json: JsonOpt = False,
) -> None:
    """Correct an extracted fact; derived dates are recomputed, the expiry, renewal-notice and
    confidentiality obligations created if missing, and the change is kept in history (undoable).
    `calendar XX` sets the working-day calendar (CN, TW, US-NY, HK, …) and re-dates its deadlines.

    Examples: tracker edit 3 term P1Y;  tracker edit 3 total_fee 680000;  tracker edit 3 calendar TW
    """
    with errors(), open_store() as store:
        result = store.edit(contract, field, value, today())
    _show_changes(f"contract #{contract}: {field} {result.extra['old']} → {result.extra['new']}", result, as_json,
                  store)


# ---------------------------------------------------------------------------------- export / demo


@app.command()
def export(
    fmt: Annotated[Fmt, typer.Option("--format", help="json, csv or ics (calendar with alarms).")] = Fmt.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (created with mode "
                                                "0600: it holds contract quotes) instead of stdout; '-' is stdout.",
                                                show_default=False)] = None,
) -> None:
    """Export obligations as JSON, CSV, or an .ics calendar for Outlook, Google and Apple."""
    from datetime import UTC, datetime

    skipped: list[Any] = []
    with errors():
        from tracker.export import export as run
        from tracker.export import write_private

        data = run(existing_db(), fmt.value, datetime.now(UTC).replace(microsecond=0), skipped)
    warn_skipped(skipped)
    if output is None or str(output) == "-":
        import sys

        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        write_private(output, data)
    except OSError as exc:
        fail(f"{output}: {exc.strerror or exc}")
    typer.echo(f"wrote {output}", err=True)


@app.command()
def demo(
    as_of: Annotated[str, typer.Option("--as-of", help="The 'today' of the demo.")] = "2025-06-25",
    data_dir: Annotated[Path | None, typer.Option("--data", help="Folder of sample contracts (default: data/).",
                                                  show_default=False)] = None,
) -> None:
    """A guided tour on a throw-away database: add the sample contracts, list what is due, show one,
    record a late payment and its penalty."""
    day = _day(as_of, "--as-of")
    with errors():
        _run_demo(day, data_dir)


def _data_dir() -> Path:
    here = Path(__file__).resolve().parent.parent / "data"
    return here if here.is_dir() else Path("data")


def _run_demo(as_of: date, data_dir: Path | None) -> None:
    import tempfile
    from datetime import UTC, datetime, timedelta

    from rich.rule import Rule

    from tracker import render
    from tracker.contract_view import show
    from tracker.errors import UsageError
    from tracker.ingest import add_files
    from tracker.store import read
    from tracker.store.results import AddFailure
    from tracker.store.write import Store

    folder = data_dir or _data_dir()
    files = sorted(f for f in folder.glob("*") if f.suffix.lower() in (".txt", ".md", ".docx", ".pdf"))
    if not files:
        raise UsageError(f"{folder}: no sample contracts (.txt .md .docx .pdf) to run the demo on")
    console = stdout_console()
    with tempfile.TemporaryDirectory(prefix="tracker-demo-") as tmp:
        db = Path(tmp) / "demo.db"
        console.print(Rule(f"tracker add {folder}/  (throw-away database {db})"))
        with Store(db, actor="demo", now=lambda: datetime.now(UTC)) as store:
            for r in add_files(store, files):
                if isinstance(r, AddFailure):
                    console.print(f"  [red]could not add[/] {r.error}")
                else:
                    console.print(f"  {r.status:<11} #{r.contract_id} {Path(r.file).name}"
                                  + (f"  ({len(r.warnings)} warnings)" if r.warnings else ""))
            console.print(Rule(f"tracker upcoming --as-of {as_of} --days 30"))
            rows = read.upcoming(db, as_of=as_of, days=30)
            console.print(render.upcoming(rows, as_of=as_of.isoformat(), days=30, width=console.width))
            late = next((r for r in rows if r["kind"] == "payment" and r["amount"] and r["days_left"] is not None
                         and r["days_left"] < 0), None)
            cid = late["contract_id"] if late else (rows[0]["contract_id"] if rows else 1)
            if late:
                paid_on = min(as_of, date.fromisoformat(late["due_date"]) + timedelta(days=20))
                console.print(Rule(f"tracker pay {cid} --amount {late['amount']} --on {paid_on} "
                                   f"--obligation {late['obligation_id']}   (paid late)"))
                result = store.pay(cid, _amount(late["amount"], "--amount"), paid_on, late["obligation_id"])
                console.print(render.changes(result.to_json()))
            console.print(Rule(f"tracker show {cid} --as-of {as_of}"))
            data = show(db, cid, as_of)
            console.print(render.show(data))
            console.print(Rule(f"tracker penalties {cid} --as-of {as_of}   (the statement to attach to a demand letter)"))
            from tracker import penalty_report
            from tracker.store.penalty_queries import penalty_inputs

            console.print(penalty_report.to_rich(penalty_report.build(penalty_inputs(db, cid), as_of), as_of))
    console.print(Rule())
    console.print("Your own contracts: tracker add FILE|DIR, then tracker upcoming. Help: tracker --help")
