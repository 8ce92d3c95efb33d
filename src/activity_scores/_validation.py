"""Input checks shared by every public function (private).

The public functions test the common case inline (``type(x) is int and lo <= x <= hi``),
which is cheap, and call these helpers only when that test fails. A helper either returns
the value normalised to a plain ``int`` or ``float`` (a NumPy scalar, say) or raises
:class:`~activity_scores.errors.InvalidInputError` naming the field, the rule and the value.

A chained comparison with finite bounds is false for NaN and for infinities, so the inline
test already sends them here, where they get their own message.
"""

from __future__ import annotations

import math
import numbers
import operator
from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

from activity_scores.errors import InvalidInputError, InvalidInputTypeError

E = TypeVar("E", bound=Enum)


def _fmt(number: float) -> str:
    """Format a bound without a spurious ``.0`` (``28`` not ``28.0``, but ``0.5``)."""
    return str(int(number)) if float(number).is_integer() else repr(number)


def _unit(unit: str) -> str:
    return f" {unit}" if unit else ""


def count(field: str, value: object, lo: int, hi: int, unit: str = "") -> int:
    """Return ``value`` as an ``int`` in ``lo..hi`` or raise naming ``field``."""
    if type(value) is int and lo <= value <= hi:  # the common case, before any message
        return value
    rule = f"must be an integer from {lo} to {hi}{_unit(unit)}"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidInputTypeError(field, rule, value)
    number = operator.index(value)
    if not lo <= number <= hi:
        raise InvalidInputError(field, rule, value)
    return number


def real(
    field: str,
    value: object,
    lo: float,
    hi: float,
    *,
    lo_open: bool = False,
    hi_open: bool = False,
    unit: str = "",
) -> float:
    """Return ``value`` as a finite ``float`` within the interval or raise naming ``field``.

    The interval is ``[lo, hi]`` with either end made open by ``lo_open``/``hi_open``.
    """
    # Strictly inside: met whatever the ends, and false for NaN and the infinities. An int is
    # compared before conversion (float() of a huge int overflows; the checks below name it).
    if type(value) is float:
        if lo < value < hi:
            return value
    elif type(value) is int and lo < value < hi:
        return float(value)
    left = ">" if lo_open else ">="
    right = "<" if hi_open else "<="
    rule = f"must be {left} {_fmt(lo)} and {right} {_fmt(hi)}{_unit(unit)}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidInputTypeError(field, f"must be a number: {rule[8:]}", value)
    try:
        number = float(value)
    except OverflowError:  # an int or Fraction beyond the float range: out of range
        raise InvalidInputError(field, rule, value) from None
    if math.isnan(number) or math.isinf(number):
        raise InvalidInputError(field, f"must be a finite number: {rule[8:]}", value)
    below = number <= lo if lo_open else number < lo
    above = number >= hi if hi_open else number > hi
    if below or above:
        raise InvalidInputError(field, rule, value)
    return number


def optional_real(
    field: str,
    value: object,
    lo: float,
    hi: float,
    *,
    lo_open: bool = False,
    hi_open: bool = False,
    unit: str = "",
) -> float | None:
    """Like :func:`real`, but ``None`` (not measured) passes through."""
    if value is None:
        return None
    return real(field, value, lo, hi, lo_open=lo_open, hi_open=hi_open, unit=unit)


def choice(field: str, value: object, enum: type[E]) -> E:
    """Return the member of ``enum`` named by ``value`` (a member or its string value)."""
    if type(value) is str:  # a plain string (from JSON, say): a dict look-up
        member = _by_value(enum).get(value)
        if member is not None:
            return member
    if isinstance(value, enum):
        return value
    if isinstance(value, str):
        try:
            return enum(value)
        except ValueError:
            pass
        raise InvalidInputError(field, f"must be one of {_allowed(enum)}", value)
    raise InvalidInputTypeError(field, f"must be one of {_allowed(enum)}", value)


#: Per enum class, its members by value: a dict look-up instead of ``Enum.__call__``
#: (several times slower), with the same result for every value it holds.
_MEMBERS: dict[type[Enum], dict[object, Enum]] = {}


def _by_value(enum: type[E]) -> dict[object, E]:
    members = _MEMBERS.get(enum)
    if members is None:
        members = _MEMBERS[enum] = {member.value: member for member in enum}
    return members  # type: ignore[return-value]  # built from enum's own members


def _allowed(enum: type[Enum]) -> str:
    """The allowed values of ``enum`` for a message (built only when a message is)."""
    return ", ".join(repr(member.value) for member in enum)


def flag(field: str, value: object) -> bool:
    """Return ``value`` if it is a real ``bool`` (not 0/1, not a string)."""
    if value is True or value is False:
        return value
    raise InvalidInputTypeError(field, "must be True or False", value)


def optional_flag(field: str, value: object) -> bool | None:
    """Like :func:`flag`, but ``None`` (not known) passes through."""
    if value is None:
        return None
    return flag(field, value)


def keyed(
    field: str,
    value: object,
    enum: type[E],
) -> dict[E, object]:
    """Check a mapping whose keys are members (or string values) of ``enum``.

    Returns a new dict keyed by members. Unknown keys, non-string keys and a key given
    twice (once as a member, once as its string) raise, naming the key.
    """
    members = _by_value(enum)
    if type(value) is dict:  # the common case: every key a member or its value, each once
        try:
            fast = {members[key]: item for key, item in value.items()}
        except KeyError:
            pass  # an unknown or non-string key: the loop below names it
        else:
            if len(fast) == len(value):  # else a key given twice: the loop below names it
                return fast
    if not isinstance(value, Mapping):
        raise InvalidInputTypeError(field, f"must be a mapping keyed by {enum.__name__}", value)
    out: dict[E, object] = {}
    for key, item in value.items():
        member = members.get(key) if type(key) is str else None
        if member is None:
            member = choice(f"{field} key", key, enum)
        if member in out:
            raise InvalidInputError(f"{field}[{member.value!r}]", "is given twice", key)
        out[member] = item
    return out


def exactly_one(fields: Mapping[str, object]) -> str:
    """Return the name of the one argument in ``fields`` that is not ``None``."""
    given = [name for name, value in fields.items() if value is not None]
    if len(given) != 1:
        names = " or ".join(repr(name) for name in fields)
        shown = ", ".join(given) if given else "neither"
        raise InvalidInputError(" / ".join(fields), f"exactly one of {names} is needed", shown)
    return given[0]
