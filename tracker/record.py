"""``@record``: the value classes of the parse path, as ``@dataclass`` makes them, built lazily.

Issue 12: ``@dataclass`` compiles source text for each method of each class (about 0.5 ms a class,
41 classes on ``tracker parse``'s path) and its module imports inspect, ast, dis and tokenize.
``record`` gives the same class — ``__init__`` with the fields in order, their defaults and
``default_factory``, ``__post_init__``; ``__repr__``, ``__eq__`` over the ``compare`` fields and,
when frozen, ``__hash__`` of the same tuple and no assignment; ``slots`` — from functions shared by
every class, except ``__init__`` of a class made many times: its 200th instance compiles the class's own
(a few lines of source, as @dataclass writes it), so a command's start-up does not pay for it and a long
parse builds its tokens as fast as dataclasses do (a shared loop over the fields cost the parser 9 %). ``dataclasses.fields``, ``replace`` and ``asdict`` still work on them: the class's
``__dataclass_fields__`` is made of real ``dataclasses.Field`` values on first use. Only the forms
the project uses: no inheritance between records, no ``init=False``, ``ClassVar`` or ``InitVar``.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")
_MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """A field of a frozen record was assigned or deleted."""


class _Field:
    __slots__ = ("name", "default", "default_factory", "repr", "compare")

    def __init__(self, default: Any, default_factory: Any, repr: bool, compare: bool) -> None:
        self.name = ""
        self.default, self.default_factory, self.repr, self.compare = default, default_factory, repr, compare


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | None = None,
          repr: bool = True, compare: bool = True) -> Any:
    """A field's default, or the function that makes one per instance, and whether ``repr``/``==`` see it."""
    return _Field(default, default_factory, repr, compare)


@dataclass_transform(field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, frozen: bool = False,
           slots: bool = False) -> Any:
    """The class as ``@dataclass(frozen=..., slots=...)`` makes it (see the module's docstring)."""
    if cls is None:
        return lambda c: _build(c, frozen, slots)
    return _build(cls, frozen, slots)


def _build(cls: Any, frozen: bool, slots: bool) -> Any:
    specs: list[_Field] = []
    for name, ann in cls.__dict__.get("__annotations__", {}).items():
        if "ClassVar" in str(ann) or "InitVar" in str(ann):
            raise TypeError(f"{cls.__name__}.{name}: record has no ClassVar or InitVar")
        value = cls.__dict__.get(name, _MISSING)
        f = value if isinstance(value, _Field) else _Field(value, None, True, True)
        f.name = name
        specs.append(f)
        if isinstance(value, _Field):  # the class attribute is the default, as dataclass leaves it
            if f.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
    if any(hasattr(b, "__dataclass_fields__") for b in cls.__mro__[1:]):
        raise TypeError(f"{cls.__name__}: record has no inheritance")
    body = dict(cls.__dict__)
    if slots:
        for f in specs:
            body.pop(f.name, None)
        body.pop("__dict__", None)
        body.pop("__weakref__", None)
        body["__slots__"] = tuple(f.name for f in specs)
        if frozen:  # as dataclass: copy and pickle set the slots past the frozen __setattr__
            body["__getstate__"] = lambda self: [getattr(self, f.name) for f in specs]
            body["__setstate__"] = _setstate(specs)
    class_hash = cls.__dict__.get("__hash__", _MISSING)
    explicit_hash = not (class_hash is _MISSING or (class_hash is None and "__eq__" in cls.__dict__))
    methods = _methods(cls, specs, frozen)
    for name, fn in methods.items():
        if name == "__hash__" or name not in cls.__dict__:
            body[name] = fn
    if not explicit_hash and not frozen:
        body["__hash__"] = None
    elif explicit_hash:
        body["__hash__"] = class_hash
    body["__dataclass_fields__"] = _LazyFields(specs)
    body["__match_args__"] = tuple(f.name for f in specs)
    if slots:
        new = type(cls)(cls.__name__, cls.__bases__, body)
        new.__qualname__ = cls.__qualname__
    else:
        new = cls
        for name, value in body.items():
            if name not in cls.__dict__ or cls.__dict__[name] is not value:
                setattr(cls, name, value)
    for fn in methods.values():
        fn.__qualname__ = f"{new.__qualname__}.{fn.__name__}"
    return new


def _setstate(specs: list[_Field]) -> Callable[[Any, list[Any]], None]:
    def __setstate__(self: Any, state: list[Any]) -> None:
        for f, value in zip(specs, state, strict=False):
            object.__setattr__(self, f.name, value)
    return __setstate__


class _LazyFields:
    """``__dataclass_fields__``: ``dataclasses.Field`` values, made (and dataclasses imported) on first use."""

    def __init__(self, specs: list[_Field]) -> None:
        self.specs = specs
        self.made: dict[str, Any] | None = None

    def __get__(self, obj: Any, owner: Any = None) -> dict[str, Any]:
        if self.made is None:
            import dataclasses as dc

            made: dict[str, Any] = {}
            for s in self.specs:
                f: Any = dc.field(default=dc.MISSING if s.default is _MISSING else s.default,
                             default_factory=dc.MISSING if s.default_factory is None else s.default_factory,
                             repr=s.repr, compare=s.compare)
                f.name, f.type, f._field_type = s.name, Any, dc._FIELD  # type: ignore[attr-defined]
                made[s.name] = f
            self.made = made
        return self.made


def _methods(cls: Any, specs: list[_Field], frozen: bool) -> dict[str, Callable[..., Any]]:
    names = tuple(f.name for f in specs)
    defaults = {f.name: f.default for f in specs if f.default is not _MISSING}
    factories = {f.name: f.default_factory for f in specs if f.default_factory is not None}
    post_init = hasattr(cls, "__post_init__")

    n = len(names)
    made = [0]
    put = object.__setattr__

    def __init__(self: Any, *args: Any, **kw: Any) -> None:
        # a class made many times compiles its own __init__ (as @dataclass does, without importing
        # dataclasses) and later instances run it as fast as a dataclass's; one made a few times in a
        # run never pays for the compiling (a command's start-up)
        made[0] += 1
        if made[0] == _COMPILE_AFTER:
            type(self).__init__ = _compiled_init(names, defaults, factories, frozen, post_init)
        if len(args) > n:
            raise TypeError(f"{type(self).__name__}.__init__() takes {n + 1} positional arguments but "
                            f"{len(args) + 1} were given")
        for name, value in zip(names, args, strict=False):
            if name in kw:
                raise TypeError(f"{type(self).__name__}.__init__() got multiple values for argument '{name}'")
            put(self, name, value)
        for name in names[len(args):]:
            if name in kw:
                value = kw.pop(name)
            elif name in defaults:
                value = defaults[name]
            elif name in factories:
                value = factories[name]()
            else:
                raise TypeError(f"{type(self).__name__}.__init__() missing 1 required positional argument: '{name}'")
            put(self, name, value)
        if kw:
            raise TypeError(f"{type(self).__name__}.__init__() got an unexpected keyword argument '{next(iter(kw))}'")
        if post_init:
            self.__post_init__()

    shown = tuple(f.name for f in specs if f.repr)

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({inner})"

    compared = tuple(f.name for f in specs if f.compare)
    key = attrgetter(*compared) if len(compared) > 1 else (lambda s: (getattr(s, compared[0]),)) if compared else (lambda s: ())

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    out: dict[str, Callable[..., Any]] = {"__init__": __init__, "__repr__": __repr__, "__eq__": __eq__}
    if frozen:
        def __hash__(self: Any) -> int:
            return hash(key(self))

        def __setattr__(self: Any, name: str, value: Any) -> None:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")

        def __delattr__(self: Any, name: str) -> None:
            raise FrozenInstanceError(f"cannot delete field {name!r}")

        out.update(__hash__=__hash__, __setattr__=__setattr__, __delattr__=__delattr__)
    return out


_FACTORY: Any = object()  # the default of a field with a default_factory, in a compiled __init__
_COMPILE_AFTER = 200  # instances of a class before it compiles its own __init__


def _compiled_init(names: tuple[str, ...], defaults: dict[str, Any], factories: dict[str, Callable[[], Any]],
                   frozen: bool, post_init: bool) -> Callable[..., None]:
    """``__init__(self, a, b, c=<default>)`` for these fields, compiled from source as @dataclass does."""
    ns: dict[str, Any] = {"__rec_put": object.__setattr__, "__rec_factory": _FACTORY}
    params, lines = [], []
    for name in names:
        if name in defaults:
            ns[f"__rec_d_{name}"] = defaults[name]
            params.append(f"{name}=__rec_d_{name}")
        elif name in factories:
            ns[f"__rec_f_{name}"] = factories[name]
            params.append(f"{name}=__rec_factory")
        else:
            params.append(name)
        value = f"__rec_f_{name}() if {name} is __rec_factory else {name}" if name in factories else name
        lines.append(f"    __rec_put(self, {name!r}, {value})" if frozen else f"    self.{name} = {value}")
    if post_init:
        lines.append("    self.__post_init__()")
    src = f"def __init__(self{''.join(', ' + p for p in params)}):\n" + ("\n".join(lines) or "    pass") + "\n"
    exec(src, ns)  # noqa: S102 (source built from the class's own field names)
    return ns["__init__"]  # type: ignore[no-any-return]


def replace(obj: T, /, **changes: Any) -> T:
    """``dataclasses.replace`` for a record: a new one with ``changes``, the other fields as they are."""
    specs = type(obj).__dict__["__dataclass_fields__"].specs
    unknown = set(changes) - {f.name for f in specs}
    if unknown:
        raise TypeError(f"{type(obj).__name__}: no field {sorted(unknown)[0]!r}")
    return type(obj)(**{f.name: changes[f.name] if f.name in changes else getattr(obj, f.name) for f in specs})


def field_names(cls: type, *, collections: bool = False) -> tuple[str, ...]:
    """A record's fields in order (``collections``: only those with a ``default_factory``)."""
    return tuple(f.name for f in cls.__dict__["__dataclass_fields__"].specs
                 if not collections or f.default_factory is not None)
