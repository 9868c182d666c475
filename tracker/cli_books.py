"""Correction commands: obligation add|edit|delete, penalty add|edit, confirm, undo, actions.

Thin like ``cli_store``: parse arguments, one ``Store`` call (one recorded action), render.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tracker.cli_app import app, errors, print_json, stdout_console
from tracker.cli_store import (
    ContractArg,
    JsonOpt,
    NoteOpt,
    ObligationArg,
    OnOpt,
    _day,
    _show_changes,
    open_store,
)

obligation_app = typer.Typer(help="Add, correct or delete an obligation the parser missed or got wrong.",
                             no_args_is_help=True, rich_markup_mode=None)
penalty_app = typer.Typer(help="Add or correct a penalty clause (违约金条款) of a contract.",
                          no_args_is_help=True, rich_markup_mode=None)
app.add_typer(obligation_app, name="obligation")
app.add_typer(penalty_app, name="penalty")

KINDS = ("data_delivery, model_delivery, evaluation_report, payment, progress_report, renewal_notice, "
         "contract_expiry, confidentiality_expiry, other")
EVENTS = "effective, signing, data_delivery, model_delivery, acceptance, invoice, evaluation_report, expiry"
FIELDS = "title, kind, party, due_date, amount, recurrence, clause, after, offset, business_days"
PENALTY_FIELDS = "kind, rate, per, basis, amount, cap_rate, cap_basis, cap_amount, suspend_after_days, clause"


def _opt(name: str, text: str) -> Any:
    return typer.Option(name, help=text, show_default=False)


@obligation_app.command("add")
def obligation_add(
    contract: ContractArg,
    kind: Annotated[str, _opt("--kind", f"One of: {KINDS}.")],
    title: Annotated[str, _opt("--title", "What is to be done, as the contract says it.")],
    due: Annotated[str | None, _opt("--due", "A fixed due date (YYYY-MM-DD).")] = None,
    after: Annotated[str | None, _opt("--after", f"Counted from this event: {EVENTS}.")] = None,
    offset: Annotated[str | None, _opt("--offset", "Period after the event (ISO 8601: P15D, P1M; -P30D before).")]
    = None,
    business_days: Annotated[bool, typer.Option("--business-days", help="Count --offset in working days.")] = False,
    amount: Annotated[str | None, _opt("--amount", "Amount (payments), e.g. 150000.00.")] = None,
    party: Annotated[str | None, _opt("--party", "Who performs: provider, client or both (default: the client "
                                      "pays, the provider delivers).")] = None,
    recurrence: Annotated[str | None, _opt("--recurrence", "RRULE of a recurring duty, e.g. FREQ=WEEKLY;BYDAY=FR.")]
    = None,
    clause: Annotated[str | None, _opt("--clause", "The clause it comes from, e.g. 4.2.")] = None,
    on: OnOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Add an obligation the parser missed (kept as a correction, undoable).

    Examples:
      tracker obligation add 3 --kind payment --title "尾款 30%" --after invoice --offset P15D --amount 150000
      tracker obligation add 3 --kind progress_report --title "周报" --due 2025-07-04 --recurrence "FREQ=WEEKLY;BYDAY=FR"
    """
    day = _day(on, "--on")
    with errors(), open_store() as store:
        result = store.add_obligation(contract, kind=kind, title=title, on=day, due=due, after=after, offset=offset,
                                      business_days=business_days, amount=amount, party=party,
                                      recurrence=recurrence, clause=clause)
    _show_changes(f"contract #{contract}: obligation #{result.extra['obligation_id']} added", result, as_json, store)


@obligation_app.command("edit")
def obligation_edit(
    obligation: ObligationArg,
    field: Annotated[str, typer.Argument(metavar="FIELD", help=f"One of: {FIELDS}.", show_default=False)],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="New value ('null' to clear).", show_default=False)],
    on: OnOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Correct one field of an obligation; a due date set by hand is never re-dated by an event.

    Examples: tracker obligation edit 12 amount 150000;  tracker obligation edit 12 due_date 2025-09-30
    """
    day = _day(on, "--on")
    with errors(), open_store() as store:
        result = store.edit_obligation(obligation, field, value, day)
    x = result.extra
    _show_changes(f"obligation #{obligation}: {field} {x['old']} → {x['new']}", result, as_json, store)


@obligation_app.command("delete")
def obligation_delete(
    obligation: ObligationArg,
    note: NoteOpt = None,
    on: OnOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Delete an obligation the parser invented: it is kept with status 'deleted', out of every list and total.

    Example: tracker obligation delete 17 --note "not in the signed version"
    """
    day = _day(on, "--on")
    with errors(), open_store() as store:
        result = store.delete_obligation(obligation, day, note)
    _show_changes(f"obligation #{obligation} deleted", result, as_json, store)


@penalty_app.command("add")
def penalty_add(
    contract: ContractArg,
    kind: Annotated[str, _opt("--kind", "late_payment, late_delivery or confidentiality_breach.")],
    rate: Annotated[str | None, _opt("--rate", "Rate per --per: 0.0005 or 0.05%.")] = None,
    per: Annotated[str | None, _opt("--per", "day, month or year.")] = None,
    basis: Annotated[str | None, _opt("--basis", "overdue_amount, total_fee or delayed_amount.")] = None,
    amount: Annotated[str | None, _opt("--amount", "A fixed sum instead of a rate.")] = None,
    cap_rate: Annotated[str | None, _opt("--cap-rate", "Cap as a rate of the total fee, e.g. 0.20.")] = None,
    cap_amount: Annotated[str | None, _opt("--cap-amount", "Cap as a sum.")] = None,
    suspend_after_days: Annotated[str | None, _opt("--suspend-after-days", "Days late after which the other party "
                                                   "may suspend or terminate.")] = None,
    clause: Annotated[str | None, _opt("--clause", "The clause, e.g. 7.2.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Add a penalty clause the parser missed.

    Example: tracker penalty add 3 --kind late_payment --rate 0.0005 --per day --basis overdue_amount --clause 7.2
    """
    values = {k: v for k, v in (("kind", kind), ("rate", rate), ("per", per), ("basis", basis), ("amount", amount),
                                ("cap_rate", cap_rate), ("cap_amount", cap_amount),
                                ("suspend_after_days", suspend_after_days), ("clause", clause)) if v is not None}
    with errors(), open_store() as store:
        result = store.add_penalty(contract, values)
    _penalty_out(result, as_json, store)


@penalty_app.command("edit")
def penalty_edit(
    contract: ContractArg,
    index: Annotated[int, typer.Argument(metavar="N", help="Which clause: 1 for the first `show` lists.",
                                         show_default=False)],
    field: Annotated[str, typer.Argument(metavar="FIELD", help=f"One of: {PENALTY_FIELDS}.", show_default=False)],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="New value ('null' to clear).", show_default=False)],
    as_json: JsonOpt = False,
) -> None:
    """Correct one field of a penalty clause.

    Example: tracker penalty edit 3 2 rate 0.001
    """
    with errors(), open_store() as store:
        result = store.edit_penalty(contract, index, field, value)
    _penalty_out(result, as_json, store)


def _penalty_out(result: Any, as_json: bool, store: Any) -> None:
    data = result.to_json()
    data["action_id"] = store.last_action
    if as_json:
        print_json(data)
        return
    p = data["penalty"]
    terms = (f"{p['rate']} per {p['per']} of {p['basis']}" if p.get("rate") else f"{p['amount']}")
    typer.echo(f"contract #{data['contract_id']}: penalty clause {data['index']} ({p['kind']}): {terms}"
               + (f", cap {p['cap']}" if p.get("cap") else "") + f"; recorded as action {data['action_id']}")


@app.command()
def confirm(
    contract: ContractArg,
    as_json: JsonOpt = False,
) -> None:
    """Mark every extracted fact and obligation of a contract as checked by a person (review state
    extracted → confirmed; corrected ones stay corrected). `show` marks what nobody confirmed yet.

    Example: tracker confirm 3
    """
    with errors(), open_store() as store:
        result = store.confirm(contract)
    _show_changes(f"contract #{contract}: {len(result.extra['facts_confirmed'])} facts and "
                  f"{len(result.changes)} obligations confirmed", result, as_json, store)


@app.command()
def undo(
    action: Annotated[int, typer.Argument(metavar="ACTION_ID", help="The action to reverse (`show` lists them in "
                                          "its history; `tracker actions` lists them all).", show_default=False)],
    as_json: JsonOpt = False,
) -> None:
    """Reverse a recorded action (add of a version, pay, event, done, waive, edit, obligation, penalty, confirm,
    undo) and everything it changed: a payment's allocation, a resolved due date, a status. The undo is
    an action of its own, kept in history; undoing it redoes the original.

    Example: tracker undo 42
    """
    with errors(), open_store() as store:
        result = store.undo(action)
    data = result.to_json()
    data["action_id"] = store.last_action
    if as_json:
        print_json(data)
        return
    typer.echo(f"undid action {action} ({data['summary']}): {data['rows']} rows restored; "
               f"recorded as action {data['action_id']}")


@app.command()
def actions(
    contract: Annotated[int | None, typer.Argument(metavar="[CONTRACT]", help="Only this contract.",
                                                   show_default=False)] = None,
    as_json: JsonOpt = False,
) -> None:
    """List recorded actions, newest first, with who and when and whether they were undone.

    Example: tracker actions 3
    """
    with errors(), open_store() as store:
        rows = store.history_actions(contract)
    if as_json:
        print_json(rows)
        return
    from rich.table import Table

    table = Table(pad_edge=False)
    for col in ("action", "contract", "what", "who", "when", "undone by"):
        table.add_column(col)
    for r in rows:
        table.add_row(str(r["action_id"]), str(r["contract_id"] or ""), r["summary"] or r["kind"], r["actor"],
                      r["recorded_at"][:16].replace("T", " "), str(r["undone_by"] or ""))
    stdout_console().print(table)



