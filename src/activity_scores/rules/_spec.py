"""Field specifications of the patient record: one table drives parsing, the JSON Schema and docs.

Every field of every record class carries a :class:`Spec` in its attrs metadata. From those
specs this module parses JSON values (strictly: unknown keys, wrong types, out-of-range numbers
and malformed dates are refused with the JSON path of the offending value), serialises records
back to canonical JSON, and generates the published JSON Schema. Nothing is evaluated: values
are read from already-decoded JSON (dicts, lists, str, int, float, bool, None) only.
"""

from __future__ import annotations

import inspect
import math
import re
import typing
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from types import MappingProxyType, UnionType
from typing import Any, Union

import attrs

from activity_scores.errors import InvalidInputError, InvalidInputTypeError

#: Documented limits of a record (see docs/record-format.md).
MAX_STRING_LENGTH = 200
MAX_ARRAY_ITEMS = 100
DATE_RANGE = (date(1900, 1, 1), date(2100, 12, 31))
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class RecordError(InvalidInputError):
    """A patient record that cannot be read; ``field`` is the JSON path (``$.labs.wbc.value``)."""


class RecordTypeError(RecordError, InvalidInputTypeError):
    """A value of the wrong JSON type in a patient record."""


@attrs.frozen
class Unit:
    """An accepted unit of a lab value, with the plausible range of values in that unit."""

    name: str
    lo: float
    hi: float


@attrs.frozen
class Spec:
    """How one field is read from JSON and described in the JSON Schema."""

    kind: str
    description: str
    unit: str = ""
    lo: float | None = None
    hi: float | None = None
    values: tuple[str, ...] = ()
    cls: type | None = None
    item: Spec | None = None
    units: tuple[Unit, ...] = ()
    uln: bool = False
    params: tuple[tuple[str, Spec], ...] = ()


def field(spec: Spec) -> Any:  # noqa: ANN401 - attrs field factory
    """An optional record field (``None`` = unknown) described by ``spec``."""
    return attrs.field(default=None, metadata={"spec": spec})


def number(description: str, lo: float, hi: float, unit: str = "") -> Spec:
    """A JSON number within ``[lo, hi]``."""
    return Spec("number", description, unit, lo, hi)


def integer(description: str, lo: int, hi: int, unit: str = "") -> Spec:
    """A JSON integer within ``[lo, hi]``."""
    return Spec("integer", description, unit, lo, hi)


def boolean(description: str) -> Spec:
    """``true`` or ``false``."""
    return Spec("boolean", description)


def day(description: str) -> Spec:
    """A calendar date written ``YYYY-MM-DD``."""
    return Spec("date", description)


def text(description: str) -> Spec:
    """A string of at most :data:`MAX_STRING_LENGTH` characters."""
    return Spec("string", description)


def choice(description: str, values: tuple[str, ...]) -> Spec:
    """One of the strings ``values``."""
    return Spec("enum", description, values=values)


def obj(description: str, cls: type) -> Spec:
    """A nested record object of class ``cls``."""
    return Spec("object", description, cls=cls)


def array(description: str, item: Spec) -> Spec:
    """A list of at most :data:`MAX_ARRAY_ITEMS` items."""
    return Spec("array", description, item=item)


def mapping(description: str, keys: tuple[str, ...], item: Spec) -> Spec:
    """An object whose keys are some of ``keys`` (each value read by ``item``)."""
    return Spec("map", description, values=keys, item=item)


def params(description: str, fields: tuple[tuple[str, Spec], ...]) -> Spec:
    """An object with the named keys, each read by its own spec (the inputs of a criterion)."""
    return Spec("params", description, params=fields)


def lab(description: str, units: tuple[Unit, ...], *, uln: bool = False) -> Spec:
    """A laboratory result: value with its unit, date and (where a rule needs it) ULN."""
    return Spec("lab", description, units=units, uln=uln)


def specs(cls: type) -> dict[str, Spec]:
    """The field specs of a record class, by field name, in declaration order."""
    cached: dict[str, Spec] | None = _SPECS.get(cls)
    if cached is None:
        cached = {f.name: f.metadata["spec"] for f in attrs.fields(cls)}
        _SPECS[cls] = cached
    return cached


_SPECS: dict[type, dict[str, Spec]] = {}


def _fmt(number_: float) -> str:
    return str(int(number_)) if float(number_).is_integer() else repr(number_)


def parse_object(cls: type, data: object, path: str) -> Any:  # noqa: ANN401 - a record class
    """Read ``data`` (decoded JSON) as an instance of the record class ``cls``."""
    if type(data) is not dict:
        raise RecordTypeError(path, "must be a JSON object", _short(data))
    table = specs(cls)
    kwargs: dict[str, object] = {}
    for key, value in data.items():
        spec = table.get(key)
        if spec is None:
            allowed = ", ".join(table)
            raise RecordError(
                f"{path}.{key}", f"is not a field of {cls.__name__} (allowed: {allowed})", key
            )
        if value is not None:
            kwargs[key] = parse_value(spec, value, f"{path}.{key}")
    return cls(**kwargs)


def _short(value: object) -> object:
    if isinstance(value, (dict, list)):
        return f"<{type(value).__name__} of {len(value)}>"
    return value


def parse_value(spec: Spec, value: object, path: str) -> object:  # noqa: C901, PLR0911, PLR0912
    """Read one JSON value by ``spec`` or raise :class:`RecordError` naming ``path``."""
    kind = spec.kind
    if kind == "boolean":
        if value is True or value is False:
            return value
        raise RecordTypeError(path, "must be true or false", _short(value))
    if kind in {"number", "integer"}:
        return _number(spec, value, path)
    if kind == "date":
        return parse_date(value, path)
    if kind == "enum":
        if type(value) is str and value in spec.values:
            return value
        allowed = ", ".join(repr(v) for v in spec.values)
        error = RecordError if type(value) is str else RecordTypeError
        raise error(path, f"must be one of {allowed}", _short(value))
    if kind == "string":
        if type(value) is not str:
            raise RecordTypeError(path, "must be a string", _short(value))
        if len(value) > MAX_STRING_LENGTH:
            raise RecordError(path, f"must be at most {MAX_STRING_LENGTH} characters", value)
        return value
    if kind == "object":
        assert spec.cls is not None  # noqa: S101 - spec tables are static
        return parse_object(spec.cls, value, path)
    if kind == "lab":
        return _lab(spec, value, path)
    if kind == "array":
        if type(value) is not list:
            raise RecordTypeError(path, "must be a JSON array", _short(value))
        if len(value) > MAX_ARRAY_ITEMS:
            raise RecordError(path, f"must have at most {MAX_ARRAY_ITEMS} items", _short(value))
        assert spec.item is not None  # noqa: S101 - spec tables are static
        return tuple(parse_value(spec.item, item, f"{path}[{i}]") for i, item in enumerate(value))
    if kind == "map":
        if type(value) is not dict:
            raise RecordTypeError(path, "must be a JSON object", _short(value))
        assert spec.item is not None  # noqa: S101 - spec tables are static
        out: dict[str, object] = {}
        for key, item in value.items():
            if key not in spec.values:
                allowed = ", ".join(spec.values)
                raise RecordError(
                    f"{path}.{key}", f"is not an allowed key (allowed: {allowed})", key
                )
            if item is not None:
                out[key] = parse_value(spec.item, item, f"{path}.{key}")
        return MappingProxyType(out)
    if kind == "params":
        if type(value) is not dict:
            raise RecordTypeError(path, "must be a JSON object", _short(value))
        table = dict(spec.params)
        found: dict[str, object] = {}
        for key, item in value.items():
            inner = table.get(key)
            if inner is None:
                allowed = ", ".join(table)
                raise RecordError(
                    f"{path}.{key}", f"is not an allowed key (allowed: {allowed})", key
                )
            if item is not None:
                found[key] = parse_value(inner, item, f"{path}.{key}")
        return MappingProxyType(found)
    raise AssertionError(kind)  # pragma: no cover - spec tables are static


def _number(spec: Spec, value: object, path: str) -> float:
    lo = spec.lo if spec.lo is not None else -math.inf
    hi = spec.hi if spec.hi is not None else math.inf
    kind = type(value)
    if spec.kind == "integer":
        if kind is int and lo <= value <= hi:  # type: ignore[operator]
            return value  # type: ignore[return-value]
        if kind is float and value.is_integer() and lo <= value <= hi:  # type: ignore[attr-defined, operator]
            return int(value)  # type: ignore[call-overload, no-any-return]
        rule = f"must be an integer from {_fmt(lo)} to {_fmt(hi)}{_unit_text(spec)}"
        if kind is not int:
            raise RecordTypeError(path, rule, _short(value))
        raise RecordError(path, rule, value)
    if (kind is int or kind is float) and lo <= value <= hi:  # type: ignore[operator]
        return value  # type: ignore[return-value]
    rule = f"must be a number from {_fmt(lo)} to {_fmt(hi)}{_unit_text(spec)}"
    if kind is not int and kind is not float:
        raise RecordTypeError(path, rule, _short(value))
    raise RecordError(path, rule, value)  # out of range (or NaN)


def _unit_text(spec: Spec) -> str:
    return f" {spec.unit}" if spec.unit else ""


def parse_date(value: object, path: str) -> date:
    """Read a ``YYYY-MM-DD`` date (years 1900-2100)."""
    if type(value) is not str:
        raise RecordTypeError(path, "must be a date written YYYY-MM-DD", _short(value))
    if _DATE.match(value):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if DATE_RANGE[0] <= parsed <= DATE_RANGE[1]:
                return parsed
            raise RecordError(path, "must be a date from 1900-01-01 to 2100-12-31", value)
    raise RecordError(path, "must be a valid date written YYYY-MM-DD", value)


@attrs.frozen
class Lab:
    """A laboratory result: ``value`` in ``unit``, measured on ``date``; ``uln`` in the same unit.

    Attributes
    ----------
    value
        The result, in ``unit``.
    unit
        The unit of ``value`` and ``uln`` (one of the units the record accepts for this test).
    date
        The date of the sample.
    uln
        The laboratory's upper limit of normal, in ``unit`` (where a rule is relative to it).
    """

    value: float | None = None
    unit: str | None = None
    date: date | None = None
    uln: float | None = None


_LAB_KEYS = ("value", "unit", "date", "uln")


def _lab(spec: Spec, value: object, path: str) -> Lab:  # noqa: C901 - one check per key
    if type(value) is not dict:
        raise RecordTypeError(path, "must be a JSON object with value and unit", _short(value))
    for key in value:
        if key not in _LAB_KEYS or (key == "uln" and not spec.uln):
            keys = _LAB_KEYS if spec.uln else _LAB_KEYS[:3]
            raise RecordError(
                f"{path}.{key}", f"is not a field of this lab (allowed: {', '.join(keys)})", key
            )
    unit_name = value.get("unit")
    names = tuple(u.name for u in spec.units)
    accepted = None
    if unit_name is not None:
        for candidate in spec.units:
            if candidate.name == unit_name:
                accepted = candidate
        if accepted is None:
            allowed = ", ".join(repr(n) for n in names)
            error = RecordError if type(unit_name) is str else RecordTypeError
            raise error(f"{path}.unit", f"must be one of {allowed}", _short(unit_name))
    number_ = value.get("value")
    uln = value.get("uln")
    if (number_ is not None or uln is not None) and accepted is None:
        raise RecordError(f"{path}.unit", "is required with a value or ULN (the unit is explicit)")
    when = value.get("date")
    if accepted is not None:
        inner = Spec("number", "", accepted.name, accepted.lo, accepted.hi)
        if number_ is not None:
            number_ = _number(inner, number_, f"{path}.value")
        if uln is not None:
            uln = _number(inner, uln, f"{path}.uln")
            if uln <= 0:
                raise RecordError(f"{path}.uln", "must be > 0", uln)
    return Lab(
        number_,
        unit_name,
        None if when is None else parse_date(when, f"{path}.date"),
        uln,
    )


def dump(record: object) -> dict[str, Any]:
    """The canonical JSON form of a record object (``None`` fields left out)."""
    out: dict[str, Any] = {}
    for name, spec in specs(type(record)).items():
        value = getattr(record, name)
        if value is not None:
            out[name] = _dump_value(spec, value)
    return out


def _dump_value(spec: Spec, value: Any) -> Any:  # noqa: ANN401, PLR0911 - JSON value by kind
    kind = spec.kind
    if kind == "date":
        return value.isoformat()
    if kind == "object":
        return dump(value)
    if kind == "lab":
        lab_value: Lab = value
        out = {
            "value": lab_value.value,
            "unit": lab_value.unit,
            "date": None if lab_value.date is None else lab_value.date.isoformat(),
            "uln": lab_value.uln,
        }
        return {k: v for k, v in out.items() if v is not None}
    if kind == "array":
        assert spec.item is not None  # noqa: S101 - spec tables are static
        return [_dump_value(spec.item, item) for item in value]
    if kind == "map":
        assert spec.item is not None  # noqa: S101 - spec tables are static
        return {k: _dump_value(spec.item, v) for k, v in value.items()}
    if kind == "params":
        table = dict(spec.params)
        return {k: _dump_value(table[k], v) for k, v in value.items()}
    return value


def schema_of(spec: Spec, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: C901, PLR0911, PLR0912 - one branch per kind
    """The JSON Schema of one field (record classes go to ``defs``)."""
    kind = spec.kind
    desc = spec.description + (f" [{spec.unit}]" if spec.unit else "")
    if kind in {"number", "integer"}:
        out: dict[str, Any] = {"type": kind, "description": desc}
        if spec.lo is not None:
            out["minimum"] = spec.lo
        if spec.hi is not None:
            out["maximum"] = spec.hi
        return out
    if kind == "boolean":
        return {"type": "boolean", "description": desc}
    if kind == "date":
        return {
            "type": "string",
            "format": "date",
            "pattern": _DATE.pattern[:-2] + "$",
            "description": desc,
        }
    if kind == "string":
        return {"type": "string", "maxLength": MAX_STRING_LENGTH, "description": desc}
    if kind == "enum":
        return {"type": "string", "enum": list(spec.values), "description": desc}
    if kind == "object":
        assert spec.cls is not None  # noqa: S101 - spec tables are static
        class_schema(spec.cls, defs)
        return {"$ref": f"#/$defs/{spec.cls.__name__}", "description": desc}
    if kind == "array":
        assert spec.item is not None  # noqa: S101 - spec tables are static
        return {
            "type": "array",
            "maxItems": MAX_ARRAY_ITEMS,
            "items": schema_of(spec.item, defs),
            "description": desc,
        }
    if kind == "map":
        assert spec.item is not None  # noqa: S101 - spec tables are static
        item = schema_of(spec.item, defs)
        return {
            "type": "object",
            "properties": dict.fromkeys(spec.values, item),
            "additionalProperties": False,
            "description": desc,
        }
    if kind == "params":
        return {
            "type": "object",
            "properties": {key: schema_of(inner, defs) for key, inner in spec.params},
            "additionalProperties": False,
            "description": desc,
        }
    if kind == "lab":
        units = ", ".join(f"{u.name}: {_fmt(u.lo)}-{_fmt(u.hi)}" for u in spec.units)
        props: dict[str, Any] = {
            "value": {
                "type": "number",
                "description": f"the result; plausible range by unit: {units}",
            },
            "unit": {"type": "string", "enum": [u.name for u in spec.units]},
            "date": {"type": "string", "format": "date", "pattern": _DATE.pattern[:-2] + "$"},
        }
        if spec.uln:
            props["uln"] = {
                "type": "number",
                "exclusiveMinimum": 0,
                "description": "upper limit of normal, in the same unit",
            }
        return {
            "type": "object",
            "properties": props,
            "additionalProperties": False,
            "description": desc,
        }
    raise AssertionError(kind)  # pragma: no cover - spec tables are static


def class_schema(cls: type, defs: dict[str, Any]) -> None:
    """Add the schema of record class ``cls`` (and of the classes it uses) to ``defs``."""
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}
    properties = {name: schema_of(spec, defs) for name, spec in specs(cls).items()}
    doc = (cls.__doc__ or "").strip().splitlines()[0]
    defs[cls.__name__] = {
        "type": "object",
        "description": doc,
        "properties": properties,
        "additionalProperties": False,
    }


def frozen_map(value: Mapping[str, object]) -> Mapping[str, object]:
    """An immutable copy of ``value``."""
    return MappingProxyType(dict(value))


def _hint_spec(hint: object, description: str) -> Spec | None:
    """The spec of a JSON value for a criterion parameter's type hint (``None``: not JSON)."""
    args = typing.get_args(hint) if typing.get_origin(hint) in {Union, UnionType} else (hint,)
    kinds = [a for a in args if a is not type(None)]
    for kind in kinds:
        if isinstance(kind, type) and issubclass(kind, Enum):
            return choice(description, tuple(str(m.value) for m in kind))
    if bool in kinds:
        return boolean(description)
    if float in kinds:
        return Spec("number", description)
    if int in kinds:
        return Spec("integer", description)
    if date in kinds:
        return day(description)
    return None


def params_of(
    func: Callable[..., object], *, exclude: tuple[str, ...] = ()
) -> tuple[tuple[str, Spec], ...]:
    """The JSON specs of a criterion function's keyword arguments (for a pass-through section).

    Ranges are checked by the function itself when the rule runs; its error is reported with
    the JSON path of the value.
    """
    hints = typing.get_type_hints(func)
    out = []
    for name, parameter in inspect.signature(func).parameters.items():
        if name in exclude or parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
            continue
        spec = _hint_spec(hints[name], f"`{name}` of {func.__name__}")
        if spec is not None:
            out.append((name, spec))
    return tuple(out)
