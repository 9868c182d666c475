"""``tracker calendar import|show|status|refresh``: the working-day calendars a user can extend.

Thin: read the file or the arguments, one library call (``tracker.calendar_file``,
``tracker.store.calendar_store``), render.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tracker.cli_app import app, db_path, errors, fail, print_json, stdout_console, today

calendar_app = typer.Typer(
    help="Working-day calendars: import next year's holiday schedule (TOML), show a year, see which "
         "years each calendar covers, re-date deadlines after an import.",
    no_args_is_help=True,
)
app.add_typer(calendar_app, name="calendar")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
CalOpt = Annotated[str, typer.Option("--calendar", help="Calendar code: CN, TW, HK, MO, SG, US-NY, GB, …")]


def _code(value: str) -> str:
    from tracker.calendars import known, normalise

    code = normalise(value)
    if not code or not known(code):
        fail(f"--calendar: {value!r} is not a calendar code (CN, TW, HK, MO, SG, US-NY, GB, …)", 2)
    return code


@calendar_app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="TOML: calendar, year, source, holidays, workdays.",
                                         show_default=False)],
    replace: Annotated[bool, typer.Option("--replace", help="Replace an earlier import of the year, or override "
                                          "the package where they disagree.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Import one year's holiday schedule (e.g. the State Council's 放假调休安排) into the database.

    Imported years win over the packages for every user of the database. Then run
    `tracker calendar refresh` to re-date the deadlines counted on that year.
    """
    with errors():
        from tracker.calendar_file import read_schedule
        from tracker.cli_store import open_store
        from tracker.store.calendar_store import import_year

        sf = read_schedule(file)
        with open_store() as store:
            out = import_year(store, sf, replace=replace)
    if as_json:
        print_json(out)
        return
    if out["status"] == "unchanged":
        typer.echo(f"{out['calendar']} {out['year']} already imported with the same days ({out['source']})")
        return
    typer.echo(f"{out['status']} {out['calendar']} {out['year']} from {file} (import #{out['import_id']}: "
               f"{out['source']}): {out['holidays']} holidays, {out['workdays']} make-up working days")
    if out["differs_from_package"]:
        typer.echo(f"  overrides {out['package']} on {len(out['differs_from_package'])} days")
    typer.echo("  run `tracker calendar refresh` to re-date the deadlines counted on it")


@calendar_app.command("show")
def show_cmd(
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The year, e.g. 2027.", show_default=False)],
    calendar: CalOpt = "CN",
    as_json: JsonOpt = False,
) -> None:
    """One year of a calendar: where it comes from, its holidays and its make-up working days."""
    code = _code(calendar)
    with errors():
        from tracker.calendars import import_hint
        from tracker.store.calendar_store import load_path

        sched = load_path(db_path()).get(code).schedule(year)
    if sched is None:
        fail(f"{code} {year} is not covered: " + import_hint(code, year).split("; ", 1)[1], 1)
    assert sched is not None
    data = {"calendar": code, "year": year, "source": sched.source,
            "holidays": sorted(d.isoformat() for d in sched.holidays),
            "workdays": sorted(d.isoformat() for d in sched.workdays)}
    if as_json:
        print_json(data)
        return
    console = stdout_console()
    console.print(f"{code} {year}: {sched.source}")
    console.print("  holidays (days off): " + (", ".join(_day(d) for d in sorted(sched.holidays)) or "none"))
    console.print("  make-up working days: " + (", ".join(_day(d) for d in sorted(sched.workdays)) or "none"))


def _day(d: Any) -> str:
    return f"{d.isoformat()} {d.strftime('%a')}"


@calendar_app.command("status")
def status_cmd(as_json: JsonOpt = False) -> None:
    """Which years each calendar covers and from where (package or import); CN plus every calendar in use."""
    with errors():
        rows = _status()
    if as_json:
        print_json(rows)
        return
    console = stdout_console()
    for r in rows:
        pkg = f"{r['package']} {r['package_years'][0]}–{r['package_years'][1]}" if r["package_years"] else "no package"
        console.print(f"{r['calendar']} ({r['name']}): {pkg}")
        for imp in r["imported"]:
            console.print(f"  {imp['year']}: import #{imp['import_id']} {imp['source']} ({imp['file'] or '—'}, "
                          f"{imp['imported_at']}, {imp['actor']})")
        if r["next_uncovered"] is not None:
            console.print(f"  first year not covered: {r['next_uncovered']}")


def _status() -> list[dict[str, Any]]:
    import sqlite3

    from tracker.calendars import describe, package_range, package_source
    from tracker.store.calendar_store import contract_calendars, imported_rows, load_path
    from tracker.store.pg import is_url
    from tracker.store.read import connect

    path = db_path()
    imported: list[dict[str, Any]] = []
    used: list[str] = []
    if is_url(path):
        with connect(path) as pconn:
            if pconn is not None:
                imported, used = imported_rows(pconn), contract_calendars(pconn)
    elif path.exists() and path.stat().st_size:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            imported, used = imported_rows(conn), contract_calendars(conn)
        finally:
            conn.close()
    cals = load_path(path)
    out = []
    for code in sorted({"CN", *used, *(i["calendar"] for i in imported)}, key=lambda c: (c != "CN", c)):
        rng = package_range(code)
        cal = cals.get(code)
        # the package covers its whole range; imports may extend it year by year
        nxt = rng[1] + 1 if rng else min((i["year"] for i in imported if i["calendar"] == code), default=2000)
        while cal.covers(nxt) and nxt < 2200:
            nxt += 1
        out.append({"calendar": code, "name": describe(code), "package": package_source(code) if rng else None,
                    "package_years": list(rng) if rng else None,
                    "imported": [{k: v for k, v in i.items() if k not in ("holidays", "workdays", "calendar")}
                                 for i in imported if i["calendar"] == code],
                    "next_uncovered": nxt if nxt < 2200 else None})
    return out


@calendar_app.command("refresh")
def refresh_cmd(as_json: JsonOpt = False) -> None:
    """Re-date open deadlines whose calendar data changed (an import, a newer package, a contract's
    calendar edited); list each one that moved and those still counted on weekends only."""
    with errors():
        from tracker.cli_store import open_store
        from tracker.store.calendar_store import refresh

        with open_store() as store:
            out = refresh(store, today())
    if as_json:
        print_json(out)
        return
    console = stdout_console()
    if not out["moved"]:
        console.print("no deadline moved")
    for m in out["moved"]:
        console.print(f"moved #{m['obligation_id']} {m['title']} (contract #{m['contract_id']} "
                      f"{m['contract_title'] or ''}): {m['old_due_date']} → {m['new_due_date']}  [{m['reason']}]")
    for w in out["warnings"]:
        console.print(f"warning {w['code']} #{w['obligation_id']} {w['title']} (contract #{w['contract_id']}, "
                      f"due {w['due_date']}): {w['message']}")
