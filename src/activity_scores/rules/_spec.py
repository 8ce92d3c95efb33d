"""Field specifications of the patient record: one table drives parsing, the JSON Schema and docs.

Every field of every record class carries a :class:`Spec` in its attrs metadata. From those
specs this module parses JSON values (strictly: unknown keys, wrong types, out-of-range numbers
and malformed dates are refused with the JSON path of the offending value), serialises records
back to canonical JSON, and generates the published JSON Schema. Nothing is evaluated: values
are read from already-decoded JSON (dicts, lists, str, int, float, bool, None) only.
"""

from __future__ import annotations

import inspect
import json
import math
import operator
import re
import typing
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from types import MappingProxyType, UnionType
from typing import Any, Union

import attrs

from activity_scores import _fast
from activity_scores.errors import InvalidInputError, InvalidInputTypeError

#: Documented limits of a record (see docs/record-format.md).
MAX_STRING_LENGTH = 200
MAX_ARRAY_ITEMS = 100
DATE_RANGE = (date(1900, 1, 1), date(2100, 12, 31))
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_FIRST_DATE, _LAST_DATE = DATE_RANGE
_from_iso = date.fromisoformat


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


#: Codes of the scalar kinds that :func:`parse_object` accepts inline when valid (perf2).
_BOOLEAN, _NUMBER, _INTEGER, _ENUM, _STRING, _DATE_KIND, _LAB, _OBJECT = 1, 2, 3, 4, 5, 6, 7, 8
_CODES = {"boolean": _BOOLEAN, "number": _NUMBER, "integer": _INTEGER, "enum": _ENUM}
_CODES |= {"string": _STRING, "date": _DATE_KIND, "lab": _LAB, "object": _OBJECT}
_Row = tuple[Spec, int, float, float, tuple[str, ...]]
_ROWS: dict[type, dict[str, _Row]] = {}


def _rows(cls: type) -> dict[str, _Row]:
    """Per field of ``cls``, in declaration order: (spec, kind code, lo, hi, allowed values)."""
    rows = _ROWS.get(cls)
    if rows is None:
        rows = {
            name: (
                spec,
                _CODES.get(spec.kind, 0),
                -math.inf if spec.lo is None else spec.lo,
                math.inf if spec.hi is None else spec.hi,
                spec.values,
            )
            for name, spec in specs(cls).items()
        }
        _ROWS[cls] = rows
    return rows


def parse_object(cls: type, data: object, path: str) -> Any:  # noqa: ANN401, C901, PLR0912 - a record class; inline scalar checks
    """Read ``data`` (decoded JSON) as an instance of the record class ``cls``."""
    if type(data) is not dict:
        raise RecordTypeError(path, "must be a JSON object", _short(data))
    table = _rows(cls)
    kwargs: dict[str, object] = {}
    for key, value in data.items():
        row = table.get(key)
        if row is None:
            allowed = ", ".join(table)
            raise RecordError(
                f"{path}.{key}", f"is not a field of {cls.__name__} (allowed: {allowed})", key
            )
        if value is None:
            continue
        # A valid scalar is taken as it is, with the same checks as parse_value (perf2);
        # anything else, and every error, goes through parse_value.
        spec, code, lo, hi, values = row
        kind = type(value)
        if code == _BOOLEAN:
            if value is True or value is False:
                kwargs[key] = value
                continue
        elif code == _NUMBER:
            if (kind is int or kind is float) and lo <= value <= hi:
                kwargs[key] = value
                continue
        elif code == _INTEGER:
            if kind is int and lo <= value <= hi:
                kwargs[key] = value
                continue
        elif code == _ENUM:
            if kind is str and value in values:
                kwargs[key] = value
                continue
        elif code == _STRING:
            if kind is str and len(value) <= MAX_STRING_LENGTH:
                kwargs[key] = value
                continue
        elif code == _DATE_KIND:
            if kind is str and _DATE.match(value):
                try:
                    parsed = _from_iso(value)
                except ValueError:
                    pass
                else:
                    if _FIRST_DATE <= parsed <= _LAST_DATE:
                        kwargs[key] = parsed
                        continue
        elif code == _LAB:
            kwargs[key] = _lab(spec, value, f"{path}.{key}")
            continue
        elif code == _OBJECT:
            kwargs[key] = parse_object(spec.cls, value, f"{path}.{key}")  # type: ignore[arg-type]
            continue
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


def builder(cls: type) -> Callable[..., Any]:
    """A function equal to ``cls(*values)`` for a record class (every field, in order).

    The frozen ``__init__`` of a slotted attrs class stores each field with a call to
    ``object.__setattr__`` (about a thousand instructions a field, 120 fields in a complete
    record; a plain attribute store is about a hundred: issue 8). The
    builder fills a new instance of a private subclass with the same memory layout (no
    slots of its own) whose attribute stores are plain, through the ``__init__`` attrs
    generates for a mutable class with the same fields, then assigns ``__class__ = cls``,
    which CPython allows between a class and such a subclass and which changes nothing
    else: the result is an instance of ``cls`` equal, field for field, to ``cls(*values)``
    (tested for every record class). A class this does not fit (validators, converters,
    a post-init hook, no slots) gets ``cls`` itself.
    """
    built = _BUILDERS.get(cls)
    if built is not None:
        return built
    fields = attrs.fields(cls)
    plain = (
        "__slots__" in cls.__dict__
        # no hidden slot (a cached hash, say) that the mutable __init__ would leave unset
        and set(cls.__dict__["__slots__"]) - {"__weakref__"} == {f.name for f in fields}
        and not hasattr(cls, "__attrs_post_init__")
        and not hasattr(cls, "__attrs_pre_init__")
        and all(
            f.init
            and not f.kw_only
            and f.alias == f.name
            and f.default is None
            and f.validator is None
            and f.converter is None
            for f in fields
        )
    )
    if not plain:  # pragma: no cover - the record classes are plain
        _BUILDERS[cls] = cls
        return cls
    compiled = _fast.slot_builder(cls, tuple(f.name for f in fields))
    if compiled is not None:  # the same stores, in C (activity_scores/_fast.py)
        _BUILDERS[cls] = compiled
        return compiled
    twin = building(cls)
    mutable: Any = attrs.make_class(
        f"_Init{cls.__name__}",
        {f.name: attrs.field(default=None) for f in fields},
        slots=False,
        frozen=False,
    )
    init = mutable.__init__
    new = object.__new__

    def build(*values: object) -> Any:  # noqa: ANN401 - an instance of cls
        instance: Any = new(twin)
        init(instance, *values)
        instance.__class__ = cls
        return instance

    _BUILDERS[cls] = build
    return build


_BUILDERS: dict[type, Callable[..., Any]] = {}


def building(cls: type) -> type:
    """The private subclass of a slotted record class that :func:`builder` fills (one per class).

    Same memory layout (no slots of its own), plain attribute stores: an instance is filled
    field by field and then made a ``cls`` by ``instance.__class__ = cls``.
    """
    twin = _BUILDING.get(cls)
    if twin is None:
        twin = type(
            f"_Building{cls.__name__}",
            (cls,),
            {"__slots__": (), "__setattr__": object.__setattr__, "__delattr__": object.__delattr__},
        )
        _BUILDING[cls] = twin
    return twin


_BUILDING: dict[type, type] = {}


def _lab(spec: Spec, value: object, path: str) -> Lab:  # noqa: C901, PLR0912 - one check per key, valid values inline
    if type(value) is not dict:
        raise RecordTypeError(path, "must be a JSON object with value and unit", _short(value))
    for key in value:
        if key not in _LAB_KEYS or (key == "uln" and not spec.uln):
            keys = _LAB_KEYS if spec.uln else _LAB_KEYS[:3]
            raise RecordError(
                f"{path}.{key}", f"is not a field of this lab (allowed: {', '.join(keys)})", key
            )
    unit_name = value.get("unit")
    accepted = None
    if unit_name is not None:
        if type(unit_name) is str:
            accepted = _lab_units(spec).get(unit_name)
        if accepted is None:
            allowed = ", ".join(repr(u.name) for u in spec.units)
            error = RecordError if type(unit_name) is str else RecordTypeError
            raise error(f"{path}.unit", f"must be one of {allowed}", _short(unit_name))
    number_ = value.get("value")
    uln = value.get("uln")
    if (number_ is not None or uln is not None) and accepted is None:
        raise RecordError(f"{path}.unit", "is required with a value or ULN (the unit is explicit)")
    when = value.get("date")
    if accepted is not None:
        inner, lo, hi = accepted
        if number_ is not None:
            kind = type(number_)
            if not ((kind is int or kind is float) and lo <= number_ <= hi):  # as _number
                number_ = _number(inner, number_, f"{path}.value")
        if uln is not None:
            uln = _number(inner, uln, f"{path}.uln")
            if uln <= 0:
                raise RecordError(f"{path}.uln", "must be > 0", uln)
    day = None
    if when is not None:
        if type(when) is str and _DATE.match(when):  # the valid case inline, as parse_date
            try:
                day = _from_iso(when)
            except ValueError:
                pass
            else:
                if not _FIRST_DATE <= day <= _LAST_DATE:
                    day = None
        if day is None:
            day = parse_date(when, f"{path}.date")
    return Lab(number_, unit_name, day, uln)


_LAB_UNITS: dict[int, tuple[Spec, dict[str, tuple[Spec, float, float]]]] = {}


def _lab_units(spec: Spec) -> dict[str, tuple[Spec, float, float]]:
    """A lab spec's accepted units by name: (number spec of its range, lo, hi) (perf2).

    Keyed by ``id`` (hashing a spec costs more than the lookup saves); the entry keeps the
    spec alive, so its ``id`` cannot be reused by another object.
    """
    entry = _LAB_UNITS.get(id(spec))
    if entry is None or entry[0] is not spec:
        entry = (
            spec,
            {u.name: (Spec("number", "", u.name, u.lo, u.hi), u.lo, u.hi) for u in spec.units},
        )
        _LAB_UNITS[id(spec)] = entry
    return entry[1]


# --- the fast reader (issue 8) -------------------------------------------------------------
#
# parse_object/parse_value are generic: per field they dispatch on the spec's kind and build
# the JSON path of every value. The fast reader is built once per record class from the same
# specs: a table of the fields with the scalar kinds (a bool, a known string, a number in
# range, a well-formed date) checked inline and a checker closure for the rest (a lab, a
# nested object, an array, a map). It accepts only the plain valid case and returns
# :data:`SLOW` for anything else, without building a path; whoever gets SLOW runs the general
# code on the whole input, which reads what the fast reader was too cautious for and raises
# every error, with its message, JSON path and order, exactly as before.


class _Slow:
    """The type of :data:`SLOW`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "SLOW"


#: What a fast checker returns for anything but the plain valid case.
SLOW: Any = _Slow()

_Check = Callable[[object], object]


def _iso_date_is_strict() -> bool:
    """Whether ``date.fromisoformat`` reads only ASCII digits and ``-`` (CPython's C parser).

    The fast date check relies on it: a 10-character string with ``-`` at positions 4 and 7
    that ``fromisoformat`` reads is then four, two and two ASCII digits, as the regex of
    :func:`parse_date` requires. With a more lenient ``fromisoformat`` the regex is used.
    """
    probes = ("2026-+1-16", "2026- 1-16", "2026-1 -16", " 026-01-16", "2026-01-\u0661\u0666")
    for probe in probes:
        try:
            _from_iso(probe)
        except ValueError:
            continue
        return False  # pragma: no cover - a lenient fromisoformat: the regex decides
    return True


_STRICT_ISO = _iso_date_is_strict()


def _lab_check(spec: Spec) -> _Check:  # noqa: C901 - one test per key, inline
    """A lab object with known keys, a known unit, value and ULN in range, a valid date."""
    units = {u.name: (u.lo, u.hi) for u in spec.units}
    get_unit = units.get
    building_lab = building(Lab)  # builder(Lab) inline below (issue 8: 11 labs a record)
    assert builder(Lab) is not Lab  # noqa: S101 - Lab is a plain record class (tested)
    build_lab = _fast.slot_builder(Lab, ("value", "unit", "date", "uln"))
    new = object.__new__
    with_uln = spec.uln
    first, last, from_iso = _FIRST_DATE, _LAST_DATE, _from_iso
    strict = _STRICT_ISO
    if build_lab is not None and strict:  # the same check compiled (its date test: ASCII)
        compiled = _fast.lab_check(units, with_uln, build_lab, SLOW, (from_iso, first, last))
        if compiled is not None:
            return compiled

    def check(value: object) -> object:  # noqa: C901, PLR0911, PLR0912 - one test per key
        if type(value) is not dict:
            return SLOW
        unit = value.get("unit")
        number_ = value.get("value")
        when = value.get("date")
        uln = value.get("uln") if with_uln else None
        # Every key known and none null: any other key (or a null) makes the count differ.
        present = (unit is not None) + (number_ is not None) + (when is not None)
        if len(value) != present + (uln is not None):
            return SLOW
        if unit is not None:
            if type(unit) is not str:
                return SLOW
            bounds = get_unit(unit)
            if bounds is None:
                return SLOW
            lo, hi = bounds
            if number_ is not None:
                kind = type(number_)
                if not ((kind is int or kind is float) and lo <= number_ <= hi):
                    return SLOW
            if uln is not None:
                kind = type(uln)
                if not ((kind is int or kind is float) and lo <= uln <= hi and uln > 0):
                    return SLOW
        elif number_ is not None or uln is not None:
            return SLOW
        if when is not None:
            if not (
                type(when) is str
                and len(when) == 10  # noqa: PLR2004 - YYYY-MM-DD
                and when[4] == "-"
                and when[7] == "-"
                and (strict or _DATE.match(when))
            ):
                return SLOW
            try:
                when = from_iso(when)
            except ValueError:
                return SLOW
            if not first <= when <= last:
                return SLOW
        if build_lab is not None:  # compiled: Lab(value, unit, date, uln) in one call
            return build_lab(number_, unit, when, uln)
        lab: Any = new(building_lab)
        lab.value = number_
        lab.unit = unit
        lab.date = when
        lab.uln = uln
        lab.__class__ = Lab
        return lab

    return check


def _array_check(item: _Check) -> _Check:
    def check(value: object) -> object:
        if type(value) is not list or len(value) > MAX_ARRAY_ITEMS:
            return SLOW
        out = []
        for element in value:
            parsed = item(element)
            if parsed is SLOW:
                return SLOW
            out.append(parsed)
        return tuple(out)

    return check


#: Codes of the field kinds the fast reader checks inline; _CALL: by the checker closure.
_CALL, _FAST_BOOLEAN, _FAST_ENUM, _FAST_NUMBER, _FAST_INTEGER, _FAST_DATE, _FAST_STRING = range(7)


def _entry(spec: Spec) -> tuple[int, Any, Any]:  # noqa: C901, PLR0911 - one entry per kind
    """(code, a, b) of one field: the kind code and its bounds, values or checker closure."""
    kind = spec.kind
    if kind == "boolean":
        return _FAST_BOOLEAN, None, None
    if kind == "enum":
        return _FAST_ENUM, frozenset(spec.values), None
    if kind in {"number", "integer"}:
        lo = -math.inf if spec.lo is None else spec.lo
        hi = math.inf if spec.hi is None else spec.hi
        return (_FAST_NUMBER if kind == "number" else _FAST_INTEGER), lo, hi
    if kind == "date":
        return _FAST_DATE, None, None
    if kind == "string":
        return _FAST_STRING, None, None
    if kind == "object":
        assert spec.cls is not None  # noqa: S101 - spec tables are static
        return _CALL, fast_reader(spec.cls), None
    if kind == "lab":
        return _CALL, _lab_check(spec), None
    if kind == "array":
        assert spec.item is not None  # noqa: S101 - spec tables are static
        return _CALL, _array_check(_entry_check(spec.item)), None
    if kind == "map":
        assert spec.item is not None  # noqa: S101 - spec tables are static
        item = _entry(spec.item)
        return _CALL, _fields_check({key: (key, *item) for key in spec.values}), None
    if kind == "params":
        table = {key: (key, *_entry(inner)) for key, inner in spec.params}
        return _CALL, _fields_check(table), None
    raise AssertionError(kind)  # pragma: no cover - spec tables are static


def _entry_check(spec: Spec) -> _Check:
    """A checker closure for one value of ``spec`` (the items of an array)."""
    code, check, _ = _entry(spec)
    if code != _CALL:  # pragma: no cover - the record's arrays hold objects
        return lambda _value: SLOW  # arrays of scalars: read by the general code
    return check  # type: ignore[no-any-return]


_Entry = tuple[Any, int, Any, Any]


def _fields_check(table: dict[str, _Entry], cls: type | None = None) -> _Check:  # noqa: C901 - the scalar kinds inline
    """The fast reader of a JSON object whose keys are some of ``table``'s.

    ``table`` maps a key to (slot, code, a, b): the value, checked by its kind code, goes to
    ``args[slot]``. For a record class ``cls`` the slots are its fields' positions and the
    result is ``cls(*args)``; without, they are the keys themselves and the result is a
    read-only dict in the input's order (a map or params).
    """
    get = table.get
    fields = () if cls is None else attrs.fields(cls)
    build = builder(cls) if cls is not None else None
    template: list[object] | dict[str, object] = [None] * len(fields) if cls else {}
    first, last, from_iso = _FIRST_DATE, _LAST_DATE, _from_iso
    boolean, enum, number, integer = _FAST_BOOLEAN, _FAST_ENUM, _FAST_NUMBER, _FAST_INTEGER
    day, string, strict = _FAST_DATE, _FAST_STRING, _STRICT_ISO

    def check(data: object) -> object:  # noqa: C901, PLR0911, PLR0912 - one branch per kind
        if type(data) is not dict:
            return SLOW
        args = template.copy()
        for key, value in data.items():
            entry = get(key)
            if entry is None:
                return SLOW
            if value is None:
                continue
            slot, code, a, b = entry
            if code == boolean:
                if value is not True and value is not False:
                    return SLOW
            elif code == enum:
                if type(value) is not str or value not in a:
                    return SLOW
            elif code == number:
                kind = type(value)
                if not ((kind is int or kind is float) and a <= value <= b):
                    return SLOW
            elif code == day:
                if not (
                    type(value) is str
                    and len(value) == 10  # noqa: PLR2004 - YYYY-MM-DD
                    and value[4] == "-"
                    and value[7] == "-"
                    and (strict or _DATE.match(value))
                ):
                    return SLOW
                try:
                    value = from_iso(value)  # noqa: PLW2901 - the parsed value
                except ValueError:
                    return SLOW
                if not first <= value <= last:
                    return SLOW
            elif code == integer:
                kind = type(value)
                if kind is float and value.is_integer():
                    value = int(value)  # noqa: PLW2901 - the parsed value
                elif kind is not int:
                    return SLOW
                if not a <= value <= b:
                    return SLOW
            elif code == string:
                if type(value) is not str or len(value) > MAX_STRING_LENGTH:
                    return SLOW
            else:
                value = a(value)  # noqa: PLW2901 - the parsed value
                if value is SLOW:
                    return SLOW
            args[slot] = value
        if build is None:
            return MappingProxyType(args)  # type: ignore[arg-type]
        return build(*args)

    # The same check compiled (activity_scores/_fast.py), where the extension is built.
    compiled = _fast.fields_check(
        table,
        build,
        len(fields),
        SLOW,
        (from_iso, first, last),
        MAX_STRING_LENGTH,
        (_CALL, boolean, enum, number, integer, day, string),
    )
    return check if compiled is None else compiled


def _object_check(cls: type) -> _Check:
    """The fast reader of record class ``cls``: fields checked by their table, set by position."""
    fields = attrs.fields(cls)
    if not all(
        f.init and not f.kw_only and f.alias == f.name and f.default is None for f in fields
    ):
        return lambda _data: SLOW  # pragma: no cover - record fields: positional, default None
    table = {name: (i, *_entry(spec)) for i, (name, spec) in enumerate(specs(cls).items())}
    return _fields_check(table, cls)


_READERS: dict[type, _Check] = {}


def fast_reader(cls: type) -> _Check:
    """The fast reader of record class ``cls``: decoded JSON to an instance, or :data:`SLOW`.

    It returns an instance equal to (and with the same value types as) what
    :func:`parse_object` builds, or SLOW where :func:`parse_object` might refuse the input or
    read it otherwise; it never raises for any decoded JSON and builds no JSON path.
    """
    reader = _READERS.get(cls)
    if reader is None:
        reader = _object_check(cls)
        _READERS[cls] = reader
    return reader


def spec_depth(cls: type) -> int:
    """The deepest nesting of JSON containers a valid instance of ``cls`` can have (1 = flat)."""
    deepest = 1
    for spec in specs(cls).values():
        deepest = max(deepest, 1 + _value_depth(spec))
    return deepest


def _value_depth(spec: Spec) -> int:
    if spec.kind == "object":
        return spec_depth(spec.cls)  # type: ignore[arg-type]
    if spec.kind in {"array", "map"}:
        return 1 + _value_depth(spec.item)  # type: ignore[arg-type]
    if spec.kind == "params":
        return 1 + max((_value_depth(inner) for _, inner in spec.params), default=0)
    return 1 if spec.kind == "lab" else 0


#: Kinds whose JSON form is the value itself (dump copies them without a call: issue 8).
_AS_IS = frozenset({"number", "integer", "boolean", "string", "enum"})

_Dump = Callable[[Any], Any]
_DUMPERS: dict[type, _Dump] = {}
_isoformat = operator.methodcaller("isoformat")


def _getter(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """One call that reads the fields ``names`` of a record, as a tuple."""
    if len(names) == 1:
        single = operator.attrgetter(names[0])
        return lambda record: (single(record),)
    return operator.attrgetter(*names)


def dump(record: object) -> dict[str, Any]:
    """The canonical JSON form of a record object (``None`` fields left out)."""
    dumper = _DUMPERS.get(type(record)) or _class_dumper(type(record))
    return dumper(record)  # type: ignore[no-any-return]


def _class_dumper(cls: type) -> _Dump:
    """How to dump a record class, built once: its fields read in one call, then converted.

    Only dates, labs, nested objects, arrays, maps and params take a call (issue 8); a class
    of plain values is one dict comprehension.
    """
    table = specs(cls)  # refuses a class that is not a record class, as ever
    names = tuple(table)
    getter = _getter(names)
    converters = tuple(_value_dumper(spec) for spec in table.values())
    dumper: _Dump
    if all(c is None for c in converters):

        def dumper(record: object) -> dict[str, Any]:
            return {n: v for n, v in zip(names, getter(record), strict=True) if v is not None}

    else:
        rows = tuple(zip(names, converters, strict=True))

        def dumper(record: object) -> dict[str, Any]:
            return {
                n: v if c is None else c(v)
                for (n, c), v in zip(rows, getter(record), strict=True)
                if v is not None
            }

    _DUMPERS[cls] = dumper
    return dumper


_lab_fields = operator.attrgetter("value", "unit", "date", "uln")


def _dump_lab(lab_value: Lab) -> dict[str, Any]:
    value, unit, day, uln = _lab_fields(lab_value)
    out: dict[str, Any] = {}
    if value is not None:
        out["value"] = value
    if unit is not None:
        out["unit"] = unit
    if day is not None:
        out["date"] = day.isoformat()
    if uln is not None:
        out["uln"] = uln
    return out


def _value_dumper(spec: Spec) -> _Dump | None:  # noqa: PLR0911 - JSON value by kind
    """The converter of one field's value to JSON (``None``: the value as it is)."""
    kind = spec.kind
    if kind in _AS_IS:
        return None
    if kind == "date":
        return _isoformat
    if kind == "object":
        return dump  # by the value's own class
    if kind == "lab":
        return _dump_lab
    if kind == "params":
        table = {key: _value_dumper(inner) for key, inner in spec.params}
        return lambda value: {k: v if (c := table[k]) is None else c(v) for k, v in value.items()}
    assert spec.item is not None  # noqa: S101 - spec tables are static
    item = _value_dumper(spec.item)
    if kind == "array":
        if item is None:  # pragma: no cover - the record's arrays hold objects
            return lambda value: [v for v in value]  # noqa: C416 - as for any iterable
        return lambda value: [item(v) for v in value]
    if kind == "map":
        if item is None:
            return lambda value: {k: v for k, v in value.items()}  # noqa: C416 - a copy
        return lambda value: {k: item(v) for k, v in value.items()}  # pragma: no cover
    raise AssertionError(kind)  # pragma: no cover - spec tables are static


# --- canonical JSON (issue 8) --------------------------------------------------------------
#
# The report's SHA-256 is computed from the record's canonical JSON: the dump with sorted keys,
# no whitespace, not ASCII-escaped. For a record that parse_record built (its values are of
# exactly the types its specs say) the text is written directly, in sorted key order, instead
# of dumping to dicts that the encoder then sorts: the same text, character for character.
# Each field has a writer of its whole '"key":value' piece, for the scalar kinds one C-level
# call (a dict look-up for a bool or a known string) or one short lambda (a number, a date).

_encode_text = json.encoder.encode_basestring
_Write = Callable[[Any], str]
_WRITERS: dict[type, Callable[[Any], str]] = {}


def canonical_json(record: object) -> str:
    """The canonical JSON text of a record that :func:`parse_object` (or the fast reader) built.

    Equal to ``json.dumps(dump(record), sort_keys=True, separators=(",", ":"),
    ensure_ascii=False)`` for such a record, whose values are of the types its specs say;
    for a record built otherwise, use that expression.
    """
    writer = _WRITERS.get(type(record)) or _class_writer(type(record))
    return writer(record)


def _class_writer(cls: type) -> Callable[[Any], str]:
    table = specs(cls)
    names = tuple(sorted(table))
    getter = _getter(names)
    writers = tuple(_piece_writer(_encode_text(name) + ":", table[name]) for name in names)

    def writer(record: object) -> str:
        pieces = [w(v) for w, v in zip(writers, getter(record), strict=True) if v is not None]
        return "{" + ",".join(pieces) + "}"

    _WRITERS[cls] = writer
    return writer


def _template(text: str) -> str:
    """``text`` as literal text of a %-format."""
    return text.replace("%", "%%")


def _piece_writer(key: str, spec: Spec) -> _Write:  # noqa: C901, PLR0911 - JSON text by kind
    """The writer of one field's ``key:value`` piece (``key`` already JSON; value not None)."""
    kind = spec.kind
    if kind == "boolean":
        return {True: key + "true", False: key + "false"}.__getitem__
    if kind in {"number", "integer"}:
        return lambda value: key + repr(value)  # int/float __repr__, as the encoder
    if kind == "enum":
        return {v: key + _encode_text(v) for v in spec.values}.__getitem__
    if kind == "string":
        return lambda value: key + _encode_text(value)
    if kind == "date":
        quoted = key + '"'
        return lambda value: quoted + value.isoformat() + '"'
    if kind == "object":
        assert spec.cls is not None  # noqa: S101 - spec tables are static
        inner = _WRITERS.get(spec.cls) or _class_writer(spec.cls)
        return lambda value: key + inner(value)
    if kind == "lab":
        return _lab_writer(key, spec)
    if kind == "params":
        table = {k: _piece_writer(_encode_text(k) + ":", inner) for k, inner in spec.params}
        return lambda value: (
            key + "{" + ",".join([table[k](v) for k, v in sorted(value.items())]) + "}"
        )
    assert spec.item is not None  # noqa: S101 - spec tables are static
    if kind == "map":
        items = {k: _piece_writer(_encode_text(k) + ":", spec.item) for k in spec.values}
        return lambda value: (
            key + "{" + ",".join([items[k](v) for k, v in sorted(value.items())]) + "}"
        )
    if kind == "array":
        item = _value_writer(spec.item)
        return lambda value: key + "[" + ",".join(map(item, value)) + "]"
    raise AssertionError(kind)  # pragma: no cover - spec tables are static


def _value_writer(spec: Spec) -> _Write:
    """The JSON text of one value of ``spec`` (the items of an array: record objects)."""
    if spec.kind == "object":
        assert spec.cls is not None  # noqa: S101 - spec tables are static
        return _WRITERS.get(spec.cls) or _class_writer(spec.cls)
    return _piece_writer("", spec)  # pragma: no cover - the record's arrays hold objects


def _lab_writer(key: str, spec: Spec) -> _Write:
    """A lab's piece: its keys sorted (date, uln, unit, value); with all keys, one %-format."""
    full = {
        u.name: _template(key + '{"date":"')
        + '%s","uln":%r,'
        + _template(f'"unit":{_encode_text(u.name)},"value":')
        + "%r}"
        for u in spec.units
    }
    no_uln = {
        u.name: _template(key + '{"date":"')
        + '%s",'
        + _template(f'"unit":{_encode_text(u.name)},"value":')
        + "%r}"
        for u in spec.units
    }
    full_get, no_uln_get = full.get, no_uln.get

    def writer(lab_value: Lab) -> str:
        value, unit, day, uln = _lab_fields(lab_value)
        if value is not None and day is not None:
            if uln is None:
                template = no_uln_get(unit)
                if template is not None:
                    return template % (day.isoformat(), value)
            else:
                template = full_get(unit)
                if template is not None:
                    return template % (day.isoformat(), uln, value)
        parts = []
        if day is not None:
            parts.append(f'"date":"{day.isoformat()}"')
        if uln is not None:
            parts.append(f'"uln":{uln!r}')
        if unit is not None:
            parts.append('"unit":' + _encode_text(unit))
        if value is not None:
            parts.append(f'"value":{value!r}')
        return key + "{" + ",".join(parts) + "}"

    return writer


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
