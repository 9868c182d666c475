"""Typer's argument coercion without pydantic for the plain parameter types the CLI uses.

Typer (0.29) converts every command-line value through a pydantic ``TypeAdapter``; importing
pydantic and building the adapters costs 60–150 ms on every command that takes a parameter,
more than the rest of a small command's start-up (issue 12, ``bench/startup.py``). For the
parameter types ``tracker`` declares (str, int, bool, Path, str enums, lists of
those) the conversion is trivial, so ``install()`` puts a fast path in front of Typer's own:

* a value the fast path converts gets exactly what the adapter would have returned (the same
  Typer helpers for paths and choices; ``str``/``int`` only for plain decimal text);
* anything else (another type, a custom parser, bounds, a value the fast path cannot read)
  goes to Typer's pydantic adapter, built on first use, so every error message is Typer's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

_INT = re.compile(r"-?[0-9]+")


def _exact(kind: type) -> Callable[[Any, Any, Any], Any]:
    def same(value: Any, param: Any, ctx: Any) -> Any:
        if type(value) is not kind:
            raise TypeError
        return value
    return same


def _leaf(annotation: Any, info: Any) -> Callable[[Any, Any, Any], Any] | None:
    """The converter of one plain value (value, param, ctx) -> result, or None: use Typer's."""
    from typer import _param_types as pt

    if info.parser is not None:
        return None
    if annotation is str or annotation is bool:  # a bool flag's value, text: already what Typer would give
        return _exact(annotation)
    if annotation is int:
        if info.clamp:
            return None
        low, high = info.min, info.max

        def to_int(value: Any, param: Any, ctx: Any) -> Any:
            if type(value) is str and _INT.fullmatch(value):
                value = int(value)
            if type(value) is not int or (low is not None and value < low) or (high is not None and value > high):
                raise ValueError  # out of bounds: Typer's message
            return value
        return to_int
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices = tuple(annotation)

        def to_choice(value: Any, param: Any, ctx: Any) -> Any:
            return pt.coerce_cli_choice(value, choices=choices, case_sensitive=info.case_sensitive, ctx=ctx)
        return to_choice
    if annotation is Path and pt.routes_to_path(annotation, info) and info.path_type is None:
        def to_path(value: Any, param: Any, ctx: Any) -> Any:
            if isinstance(value, str) and value:
                value = Path(value)
            if not isinstance(value, Path):
                raise TypeError
            return pt.coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
        return to_path
    return None


def _converter(annotation: Any, info: Any) -> Callable[[Any, Any, Any], Any] | None:
    if get_origin(annotation) is list:
        (inner,) = get_args(annotation)
        leaf = _leaf(inner, info)
        if leaf is None:
            return None

        def to_list(value: Any, param: Any, ctx: Any) -> Any:
            items = value if isinstance(value, list | tuple) else [value]
            return [leaf(v, param, ctx) for v in items]
        return to_list
    return _leaf(annotation, info)


def install() -> None:
    """Put the fast path in front of Typer's coercion (idempotent)."""
    from typer import _coercion, core

    if getattr(core.build_runtime_param, "_tracker_fast", False):
        return
    full = _coercion.build_runtime_param

    @dataclass(frozen=True)
    class FastRuntimeParam(_coercion.RuntimeParam):
        descriptor: Any
        convert: Callable[[Any, Any, Any], Any]

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value, param, ctx)
            except Exception:  # Typer's own path decides, with its own message
                return full(self.descriptor)._coerce_value(value, param=param, ctx=ctx)

    def build(descriptor: Any) -> Any:
        convert = None if descriptor.file_annotation is not None else \
            _converter(descriptor.annotation, descriptor.parameter_info)
        if convert is None:
            return full(descriptor)
        return FastRuntimeParam(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                                descriptor=descriptor, convert=convert)

    build._tracker_fast = True  # type: ignore[attr-defined]
    core.build_runtime_param = build
