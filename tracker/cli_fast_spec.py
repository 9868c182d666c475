"""The options and arguments ``tracker.cli_fast`` reads, as the Typer app declares them.

Generated: ``python -m tracker.cli_fast_spec`` rewrites SPEC from the Typer app itself (``derive``);
tests/test_cli_fast_dispatch.py checks that it still equals the app. ``""`` is the group (the
global options). Each command: ``options`` (name -> (parameter, kind…)), ``arguments``
((parameter, kind) in order) and ``defaults``. Kinds: ``("flag",)``, ``("str",)``,
``("int", min, max)``, ``("paths",)`` (a required variadic argument of plain paths). Options the
fast path does not run (``--version``, completion, help) are left out: seeing one, it hands the
command line to Typer.
"""

from __future__ import annotations

from typing import Any

SPEC: dict[str, Any] = {'': {'arguments': [],
      'defaults': {'db': None, 'tz': None, 'user': None},
      'options': {'--db': ('db', 'str'), '--tz': ('tz', 'str'), '--user': ('user', 'str')}},
 'parse': {'arguments': [('files', ('paths',))],
           'defaults': {'json_out': False},
           'options': {'--json': ('json_out', 'flag')}},
 'remind': {'arguments': [],
            'defaults': {'as_json': False, 'as_of': None, 'dry_run': False},
            'options': {'--as-of': ('as_of', 'str'),
                        '--dry-run': ('dry_run', 'flag'),
                        '--json': ('as_json', 'flag')}},
 'upcoming': {'arguments': [],
              'defaults': {'as_json': False,
                           'as_of': None,
                           'contract': None,
                           'days': 30,
                           'kind': None,
                           'mine': False,
                           'party': None},
              'options': {'--as-of': ('as_of', 'str'),
                          '--contract': ('contract', 'int', None, None),
                          '--days': ('days', 'int', 0, 36600),
                          '--json': ('as_json', 'flag'),
                          '--kind': ('kind', 'str'),
                          '--mine': ('mine', 'flag'),
                          '--party': ('party', 'str')}}}


def _kind(param: Any) -> tuple[Any, ...] | None:
    """The kind of one click parameter of the Typer app, or None: not one the fast path reads."""
    from pathlib import Path

    info, annotation = param.type_descriptor.parameter_info, param.type_descriptor.annotation
    if (param.envvar or param.callback or param.is_eager or not param.expose_value or info.parser is not None
            or info.default_factory is not None or param.type_descriptor.file_annotation is not None):
        return None
    if param.param_type_name == "argument":
        plain_path = (not info.exists and info.file_okay and info.dir_okay and info.readable and not info.writable
                      and not info.resolve_path and not info.allow_dash and info.path_type is None)
        if annotation == list[Path] and param.nargs == -1 and param.required and plain_path:
            return ("paths",)
        return None
    if param.multiple or param.nargs != 1 or param.count or param.prompt or param.secondary_opts:
        return None
    if annotation is bool and param.is_bool_flag and param.default is False:
        return ("flag",)
    if annotation is str:
        return ("str",)
    if annotation is int and not info.clamp:
        return ("int", param.min, param.max)
    return None


def _params(params: list[Any], group: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"arguments": [], "defaults": {}, "options": {}}
    for p in params:
        kind = _kind(p)
        if kind is None:
            if p.expose_value and not (group and p.is_eager):  # a value the fast path could not give
                raise ValueError(f"{p.name}: a parameter tracker.cli_fast cannot read; extend it or drop the "
                                 "command from cli_fast.FAST")
            continue
        if p.param_type_name == "argument":
            out["arguments"].append((p.name, kind))
            continue
        if any(not o.startswith("--") for o in p.opts):
            raise ValueError(f"{p.name}: short option names are not read by tracker.cli_fast")
        for o in p.opts:
            out["options"][o] = (p.name, *kind)
        out["defaults"][p.name] = p.default
    return out


def derive() -> dict[str, Any]:
    """SPEC as the Typer app (every command registered) declares it today."""
    from typer.main import get_command

    from tracker.cli import _load
    from tracker.cli_fast import FAST

    group = get_command(_load())
    spec = {"": _params(group.params, group=True)}
    for name in FAST:
        spec[name] = _params(group.commands[name].params, group=False)  # type: ignore[attr-defined]
    return spec


if __name__ == "__main__":
    import pprint
    from pathlib import Path

    me = Path(__file__)
    src = me.read_text(encoding="utf-8")
    start = src.index("SPEC: dict[str, Any] = ")
    end = src.index("\n\n\ndef _kind")
    me.write_text(src[:start] + "SPEC: dict[str, Any] = " + pprint.pformat(derive(), width=105) + src[end:],
                  encoding="utf-8")
