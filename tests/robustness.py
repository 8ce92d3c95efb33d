"""Machinery for the robustness properties (tests/test_robustness.py).

* :func:`public_callables` discovers what to test from ``activity_scores.__all__`` (and the
  ``__all__`` of every public module listed there, such as ``units``), so a new public
  function is covered without anyone remembering to add it.
* :func:`accepts` reads a parameter's type hint and says whether a value has an acceptable
  *type* (``False``: it must be refused; ``True``: its type fits, its range may still be
  refused; ``None``: the hint says nothing usable).
* :func:`mutations` turns one valid call into calls with exactly one bad part: an argument,
  a mapping value, an unknown mapping key, or a sequence element.
* :func:`check_call` runs one call and asserts the contract: it either returns a result with
  no NaN and no infinity anywhere, or raises :class:`InvalidInputError` whose ``field`` names
  the argument (or the key) and whose message shows that field. Any other exception fails.
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
import numbers
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import Any

import attrs

import activity_scores
from activity_scores import InvalidInputError, _fast

#: Library calls made by the robustness tests in this process (reported by ``make fuzz``).
CALLS = {"total": 0, "refused": 0}


class BadRepr:
    """A hostile object whose ``repr`` raises (error messages must still be built)."""

    def __repr__(self) -> str:
        raise RuntimeError("no repr")


#: Values substituted one at a time for an argument (or a mapping value, or an element).
BAD_VALUES: tuple[object, ...] = (
    True,
    False,
    None,
    "",
    "1",
    "abc",
    "nan",
    b"1",
    [],
    [1],
    {},
    {"a": 1},
    (),
    object(),
    BadRepr(),
    Decimal(5),
    Fraction(1, 3),
    Fraction(10**400, 3),
    math.nan,
    math.inf,
    -math.inf,
    -1,
    -0.5,
    -1e-300,
    0,
    0.0,
    1e-300,
    1e308,
    -1e308,
    10**400,
    -(10**400),
    10**5000,
    dt.date.min,
    dt.date.max,
    dt.datetime(2020, 1, 1, 12, 0),  # noqa: DTZ001 - a naive datetime where a date is meant
    "2020-01-01",
    activity_scores.Score("no such instrument", 1.0, None),
    activity_scores.Score("DAS28-ESR", math.nan, None),
)

#: Absolute size beyond which every number must be refused (every quantity has a plausible
#: upper limit far below this).
ENORMOUS = 1e15

#: A mapping key that no instrument uses.
UNKNOWN_KEY = "no_such_key"


# --------------------------------------------------------------------------- discovery


def public_callables() -> dict[str, Callable[..., object]]:
    """Every public function and attrs class, by dotted name relative to the package.

    Functions and attrs classes in ``activity_scores.__all__``, and the same in the
    ``__all__`` of every module listed there (``"units.vas_mm_to_cm"``). Enums and
    exceptions are types, not computations, and are left out.
    """
    found: dict[str, Callable[..., object]] = {}

    def visit(module: types.ModuleType, prefix: str) -> None:
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if isinstance(obj, types.ModuleType):
                visit(obj, f"{prefix}{name}.")
            # inspect.unwrap: a function with a compiled fast path (_fast.bind) counts too
            elif inspect.isfunction(_fast.python_function(obj)) or (
                inspect.isclass(obj) and attrs.has(obj)
            ):
                found[f"{prefix}{name}"] = obj

    visit(activity_scores, "")
    return found


def hints(func: Callable[..., object]) -> dict[str, Any]:
    """Parameter name -> resolved type hint (``Any`` where a hint cannot be resolved)."""
    if inspect.isclass(func):
        try:
            by_attribute = typing.get_type_hints(func)
        except (NameError, TypeError):  # pragma: no cover - unresolvable forward reference
            by_attribute = {}
        return {
            field.alias: by_attribute.get(field.name, Any)
            for field in attrs.fields(func)  # type: ignore[arg-type]
            if field.init
        }
    try:
        resolved = typing.get_type_hints(func)
    except (NameError, TypeError):  # pragma: no cover - unresolvable forward reference
        resolved = {}
    return {name: resolved.get(name, Any) for name in inspect.signature(func).parameters}


def invoke(func: Callable[..., object], values: Mapping[str, object]) -> object:
    """Call ``func`` with ``values``: positional-only parameters by position, the rest by name."""
    args: list[object] = []
    kwargs: dict[str, object] = {}
    for parameter in inspect.signature(func).parameters.values():
        if parameter.name not in values:
            continue
        if parameter.kind is parameter.POSITIONAL_ONLY:
            args.append(values[parameter.name])
        else:
            kwargs[parameter.name] = values[parameter.name]
    CALLS["total"] += 1
    return func(*args, **kwargs)


# --------------------------------------------------------------------------- type hints


def _enum_in(options: Sequence[Any]) -> list[type[Enum]]:
    return [o for o in options if inspect.isclass(o) and issubclass(o, Enum)]


def accepts(hint: Any, value: object) -> bool | None:  # noqa: C901, PLR0911, PLR0912 - one case per kind of hint
    """Whether ``value`` has a type that ``hint`` allows (``None``: cannot tell)."""
    if hint is Any or hint is object:
        return None
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        options = typing.get_args(hint)
        enums = _enum_in(options)
        if enums and str in options and isinstance(value, str) and not isinstance(value, Enum):
            # ``Level | str`` means "a member or its string value", not any string.
            return any(value in {m.value for m in e} for e in enums)
        verdicts = [accepts(option, value) for option in options]
        if True in verdicts:
            return True
        return None if None in verdicts else False
    if origin is typing.Literal:
        return any(type(value) is type(a) and value == a for a in typing.get_args(hint))
    if hint is type(None) or hint is None:
        return value is None
    if hint is bool:
        return type(value) is bool
    if hint is str:
        return isinstance(value, str)
    if hint is int:
        return isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, numbers.Real) and not isinstance(value, bool)
    if inspect.isclass(hint) and issubclass(hint, Enum):
        if isinstance(value, hint):
            return True
        return isinstance(value, str) and value in {m.value for m in hint}
    container = origin or hint
    if inspect.isclass(container):
        if issubclass(container, Mapping) or container is dict:
            return isinstance(value, Mapping)
        if container in {tuple, list, frozenset, set} or issubclass(container, Sequence):
            if isinstance(value, (str, bytes)):
                return False
            return isinstance(value, (list, tuple, frozenset, set))
        try:
            return isinstance(value, container)
        except TypeError:  # pragma: no cover - a generic alias
            return None
    return None


def _mapping_args(hint: Any) -> tuple[Any, Any]:
    """The key and value hints of a (possibly optional) mapping hint."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        for option in typing.get_args(hint):
            key, value = _mapping_args(option)
            if key is not Any or value is not Any:
                return key, value
        return Any, Any
    container = origin or hint
    if inspect.isclass(container) and issubclass(container, Mapping):
        args = typing.get_args(hint)
        if len(args) == 2:
            return args[0], args[1]
    return Any, Any


def _element_arg(hint: Any) -> Any:
    """The element hint of a (possibly optional) sequence hint."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        for option in typing.get_args(hint):
            element = _element_arg(option)
            if element is not Any:
                return element
        return Any
    if origin in {tuple, list, frozenset, set} or (
        inspect.isclass(origin) and issubclass(origin, Sequence)
    ):
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        if len(set(args)) == 1:
            return args[0]
    return Any


def _keyed_by_enum(key_hint: Any) -> bool:
    options = typing.get_args(key_hint) or (key_hint,)
    return bool(_enum_in(options))


# --------------------------------------------------------------------------- mutations


@attrs.frozen
class Mutation:
    """One call with exactly one bad part."""

    parameter: str
    where: str  # "argument", "value of key 'x'", "unknown key", "element 0"
    values: Mapping[str, object]
    bad: object
    must_refuse: bool
    names: tuple[str, ...]  # any of these in ``field`` names the culprit


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _too_big(value: object) -> bool:
    """A number whose size no clinical quantity reaches (or NaN/inf), also as a Score."""
    if isinstance(value, activity_scores.Score):
        value = value.value
    if not _is_number(value):
        return False
    if isinstance(value, numbers.Integral):
        return abs(int(value)) >= ENORMOUS
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:
        return True
    return not math.isfinite(number) or abs(number) >= ENORMOUS


def verdict(hint: Any, bad: object) -> bool:
    """Must ``bad`` be refused where ``hint`` is expected?"""
    fits = accepts(hint, bad)
    if fits is False:
        return True
    return fits is True and _too_big(bad)


def mutations(
    func: Callable[..., object],
    valid: Mapping[str, object],
    bad_values: Sequence[object] = BAD_VALUES,
    free_keys: frozenset[str] = frozenset(),
    strict_keys: frozenset[str] = frozenset(),
    aliases: Mapping[str, tuple[str, ...]] | None = None,
) -> Iterator[Mutation]:
    """Every call that differs from ``valid`` in exactly one part, for every bad value.

    ``aliases``: other names that name an argument in an error (``"$"`` for a record).
    """
    aliases = aliases or {}
    for mutation in _mutations(func, valid, bad_values, free_keys, strict_keys):
        extra = aliases.get(mutation.parameter, ())
        yield attrs.evolve(mutation, names=(*mutation.names, *extra))


def _mutations(
    func: Callable[..., object],
    valid: Mapping[str, object],
    bad_values: Sequence[object],
    free_keys: frozenset[str],
    strict_keys: frozenset[str],
) -> Iterator[Mutation]:
    types_ = hints(func)
    for name, hint in types_.items():
        if name not in valid and inspect.signature(func).parameters[name].default is (
            inspect.Parameter.empty
        ):
            continue  # pragma: no cover - the registry always gives required arguments
        for bad in bad_values:
            yield Mutation(name, "argument", {**valid, name: bad}, bad, verdict(hint, bad), (name,))
        current = valid.get(name)
        if isinstance(current, Mapping) and current:
            yield from _mapping_mutations(
                name, hint, valid, current, bad_values, free_keys, strict_keys
            )
        elif isinstance(current, (list, tuple)) and current:
            element = _element_arg(hint)
            for bad in bad_values:
                changed = type(current)([bad, *current[1:]])
                yield Mutation(
                    name,
                    "element 0",
                    {**valid, name: changed},
                    bad,
                    verdict(element, bad),
                    (name,),
                )


def _mapping_mutations(
    name: str,
    hint: Any,
    valid: Mapping[str, object],
    current: Mapping[Any, object],
    bad_values: Sequence[object],
    free_keys: frozenset[str],
    strict_keys: frozenset[str],
) -> Iterator[Mutation]:
    key_hint, value_hint = _mapping_args(hint)
    strict = name in strict_keys or (
        name not in free_keys and (_keyed_by_enum(key_hint) or key_hint is Any)
    )
    first = next(iter(current.values()))
    for unknown in (UNKNOWN_KEY, "", 12345, None, True):
        changed = {**current, unknown: first}
        yield Mutation(
            name, "unknown key", {**valid, name: changed}, unknown, strict, (name, UNKNOWN_KEY)
        )
    for key in current:
        label = key.value if isinstance(key, Enum) else str(key)
        for bad in bad_values:
            changed = {**current, key: bad}
            yield Mutation(
                name,
                f"value of key {label!r}",
                {**valid, name: changed},
                bad,
                verdict(value_hint, bad),
                (name, label),
            )


# --------------------------------------------------------------------------- checks


def non_finite(  # noqa: C901 - one branch per kind of result
    result: object, path: str = "result", seen: set[int] | None = None
) -> list[str]:
    """Paths of every NaN or infinity (or bool posing as a value) inside ``result``."""
    seen = set() if seen is None else seen
    if id(result) in seen:
        return []
    found: list[str] = []
    if isinstance(result, bool) or result is None or isinstance(result, (str, Enum)):
        return found
    if isinstance(result, numbers.Real):
        try:
            finite = math.isfinite(float(result))
        except OverflowError:
            finite = False
        return [] if finite else [f"{path} = {result!r}"]
    seen.add(id(result))
    if isinstance(result, activity_scores.Score) and isinstance(result.value, bool):
        found.append(f"{path}.value is a bool")
    if attrs.has(type(result)):
        for field in attrs.fields(type(result)):  # type: ignore[arg-type]
            found += non_finite(getattr(result, field.name), f"{path}.{field.name}", seen)
    elif isinstance(result, Mapping):
        for key, value in result.items():
            found += non_finite(value, f"{path}[{key!r}]", seen)
    elif isinstance(result, (list, tuple, set, frozenset)):
        for index, value in enumerate(result):
            found += non_finite(value, f"{path}[{index}]", seen)
    if isinstance(result, activity_scores.Outcome):
        assert result.met in {True, False, None}, f"{path}.met = {result.met!r}"
    return found


def check_result(result: object, where: str) -> None:
    """Assert that a successful call returned no NaN or infinity anywhere."""
    bad = non_finite(result)
    assert not bad, f"{where} returned non-finite values: {bad}"


def check_call(
    func: Callable[..., object],
    values: Mapping[str, object],
    *,
    must_refuse: bool,
    names: Sequence[str],
    any_field: Sequence[str],
    where: str,
) -> None:
    """Call once and assert the contract (see the module docstring).

    ``names``: what a refusal of a bad value of the wrong type must name. ``any_field``:
    what any other refusal may name (every parameter; a value of the right type may be
    refused because of its combination with another argument).
    """
    try:
        result = invoke(func, values)
    except InvalidInputError as error:
        CALLS["refused"] += 1
        _check_refusal(error, names if must_refuse else [*names, *any_field], where)
        return
    assert not must_refuse, f"{where}: accepted a bad value and returned {result!r}"
    check_result(result, where)


def _check_refusal(error: InvalidInputError, allowed: Sequence[str], where: str) -> None:
    """The refusal names one of ``allowed`` in ``field``, and its message shows ``field``."""
    field = error.field
    assert isinstance(field, str), f"{where}: field {field!r} is not a str"
    assert any(name in field for name in allowed), (
        f"{where}: refused with field {field!r}, which names none of {list(allowed)}: {error}"
    )
    text = str(error)  # the message shows the field quoted by repr (control characters escaped)
    assert field in text or repr(field) in text, (
        f"{where}: message {text!r} does not show {field!r}"
    )
