"""Result types: what every score, criterion and rule returns.

* :class:`Score`: a number with its meaning: unrounded value, category, unit, the inputs it
  was computed from and, where the instrument has parts, each part's contribution.
* :class:`Outcome`: the tri-state result of a criterion or rule (met, not met, or unknown
  because data is missing), with its reason, the values used and, for unknown, the inputs
  that would decide it. Outcomes nest: a classification criterion carries one per item.
* The category enums. Each is a ``str`` Enum, so ``category == "low"`` and
  ``json.dumps(category)`` work as expected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from types import MappingProxyType
from typing import Any

import attrs

from activity_scores import _fast

__all__ = [
    "DiseaseActivity",
    "EularResponse",
    "Outcome",
    "Score",
]

#: Shared immutable empty mapping, the default for optional mappings.
EMPTY: Mapping[str, Any] = MappingProxyType({})


class DiseaseActivity(str, Enum):
    """Disease-activity categories shared by the composite indices.

    RA indices (DAS28, CDAI, SDAI) use all four; ESSDAI uses ``low``, ``moderate`` and
    ``high`` only.
    """

    REMISSION = "remission"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class EularResponse(str, Enum):
    """EULAR response categories (van Gestel et al. 1996), see :func:`eular_response`."""

    GOOD = "good"
    MODERATE = "moderate"
    NONE = "none"


# Score and Outcome are built on every call, so their construction is on the hot path
# (measured with benchmarks/, see docs/performance.md). They are frozen attrs classes
# *without* __slots__ and with a hand-written __init__ (init=False) that stores the fields
# straight into the instance __dict__: attrs' generated frozen __init__ calls
# object.__setattr__ once per field on a slotted class, which made construction the largest
# single cost of a score. The fields, their order and defaults are those declared below
# (attrs.fields lists them; tests/test_fast_paths.py checks that __init__ matches them), and
# instances stay frozen: assignment raises attrs.exceptions.FrozenInstanceError.
@attrs.frozen(repr=False, slots=False, init=False)
class Score:
    """The value of an instrument, with its meaning.

    ``float(score)`` is ``score.value``. ``value`` is never rounded: round for display
    only, with :meth:`rounded`. Where the source decides categories on a rounded value,
    ``precision`` says how many decimals were used and the instrument's docstring says so.

    Attributes
    ----------
    instrument
        The instrument's name, e.g. ``"DAS28-ESR"``.
    value
        The computed value, unrounded.
    category
        The category (a ``str`` Enum) or ``None`` where the instrument has no bands.
    unit
        The unit of ``value`` (``""`` for a dimensionless score, ``"mL/min"``, ...).
    inputs
        The validated inputs the value was computed from, by parameter name.
    components
        Each part's contribution to the value, where the instrument has parts
        (ESSDAI domains, MMT-8 muscles, the weight used by Cockcroft-Gault, ...).
    variant
        Which form of the instrument was used (``"4-variable"``, ``"ideal body weight"``, ...),
        or ``None`` where it has one form only.
    precision
        Decimal places at which the category was decided, or ``None`` if on the exact value.
    """

    instrument: str
    value: float
    category: Enum | None
    unit: str = ""
    inputs: Mapping[str, object] = EMPTY
    components: Mapping[str, float] = EMPTY
    variant: str | None = None
    precision: int | None = None

    def __init__(  # noqa: PLR0917 - the attrs constructor's positional order, kept
        self,
        instrument: str,
        value: float,
        category: Enum | None,
        unit: str = "",
        inputs: Mapping[str, object] = EMPTY,
        components: Mapping[str, float] = EMPTY,
        variant: str | None = None,
        precision: int | None = None,
    ) -> None:
        """Build a Score (fields as listed above, in this order)."""
        fields = self.__dict__
        fields["instrument"] = instrument
        fields["value"] = value
        fields["category"] = category
        fields["unit"] = unit
        fields["inputs"] = inputs
        fields["components"] = components
        fields["variant"] = variant
        fields["precision"] = precision

    def __getstate__(self) -> dict[str, Any]:
        """Return the fields (as ``object.__getstate__``), materialising a lazy score first."""
        fields = self.__dict__
        state = fields.get(_DEFERRED)
        if state is not None:
            _materialise(self, state)
            fields = self.__dict__
        return fields

    def __float__(self) -> float:
        """Return the unrounded value."""
        return float(self.value)

    def rounded(self, decimals: int | None = None) -> float:
        """Return the value rounded half-up for display (default: ``precision``, else 2)."""
        from activity_scores._rounding import round_half_up  # noqa: PLC0415 - light import

        places = decimals if decimals is not None else self.precision
        return round_half_up(self.value, 2 if places is None else places)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (categories and enum inputs as their string values)."""
        return {
            "instrument": self.instrument,
            "value": self.value,
            "category": None if self.category is None else self.category.value,
            "unit": self.unit,
            "variant": self.variant,
            "precision": self.precision,
            "inputs": {key: _plain(value) for key, value in self.inputs.items()},
            "components": dict(self.components),
        }

    def __repr__(self) -> str:
        """Short, readable representation."""
        category = "" if self.category is None else f", category={self.category.value!r}"
        unit = f" {self.unit}" if self.unit else ""
        variant = "" if self.variant is None else f", variant={self.variant!r}"
        return f"Score({self.instrument}: {self.value!r}{unit}{category}{variant})"


class _Deferred:
    """A Score field that a lazily built Score (see :func:`lazy_score`) builds on first read.

    A non-data descriptor: an instance that holds the field (every Score built by its
    constructor, and a lazy one once built) answers from its ``__dict__`` as if the
    descriptor were not there; only a read of a field the instance lacks comes here.
    ``value`` and ``category``, which every lazy Score holds, have no descriptor.
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, score: Score | None, owner: type | None = None) -> object:
        name = self.name
        if score is None:  # Score.unit: no class attribute, as before
            msg = f"type object 'Score' has no attribute {name!r}"
            raise AttributeError(msg, name=name, obj=owner)
        fields = score.__dict__
        state = fields.get(_DEFERRED)
        if state is not None:  # build the fields, once
            _materialise(score, state)
            fields = score.__dict__
        if name in fields:  # (also when another thread built it first)
            return fields[name]
        msg = f"'Score' object has no attribute {name!r}"  # an instance never initialised
        raise AttributeError(msg, name=name, obj=score)


for _name in ("instrument", "unit", "inputs", "components", "variant", "precision"):
    setattr(Score, _name, _Deferred(_name))
del _name

#: The key under which a lazily built Score keeps what it needs to build its other fields.
_DEFERRED = "_lazy_score_state"
_new = object.__new__
#: Replace an instance's ``__dict__`` (bypassing the frozen ``__setattr__``), one C call.
_set_fields: Callable[[Score, dict[str, Any]], None] = Score.__dict__["__dict__"].__set__


def lazy_score(value: float, category: Enum | None, state: tuple[Any, ...]) -> Score:
    """Return a Score holding ``value`` and ``category`` now, its other fields on demand.

    Building a :class:`Score` with its ``inputs`` dict costs more than most formulas
    (issue 8). A score function that has validated its inputs returns this instead:
    ``state`` is ``(build, *args)``, where ``build(value, category, state)`` returns the
    fields of the complete Score, by name in the order of the attrs fields (the
    ``__dict__`` that ``Score(...)`` with the same arguments would have). Reading any other
    field (and ``==``, ``hash``, ``repr``, ``to_dict``, pickling, copying, ``attrs.evolve``,
    ``attrs.asdict``, which read them) calls ``build`` once and makes its result the
    instance's ``__dict__``; from then on the instance is indistinguishable from the
    eagerly built one. ``build`` must not raise (the inputs were checked already). Until
    then only ``vars(score)`` differs: it holds value, category and the private state.

    The hot paths inline this body (a call costs about as much as it saves).
    """
    score = _new(Score)
    fields = score.__dict__
    fields["value"] = value
    fields["category"] = category
    fields[_DEFERRED] = state
    return score


def _materialise(score: Score, state: tuple[Any, ...]) -> None:
    fields = score.__dict__
    _set_fields(score, state[0](fields["value"], fields["category"], state))


def _plain(value: object) -> object:
    """Make enum members and nested values JSON-ready."""
    kind = type(value)
    if value is None or kind is str or kind is float or kind is int or kind is bool:
        return value  # the common case first: no ABC isinstance checks (issue 8)
    if kind is dict:
        return {str(_plain(k)): _plain(v) for k, v in value.items()}  # type: ignore[attr-defined]
    if isinstance(value, Enum):
        return value._value_  # the member's value, without the 3.11 descriptor call
    if isinstance(value, Mapping):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@attrs.frozen(repr=False, slots=False, init=False)
class Outcome:
    """Tri-state outcome of a criterion, an item of a criterion, or an eligibility rule.

    Attributes
    ----------
    name
        Stable identifier, e.g. ``"acr_eular_2016_sjogren"`` or ``"schirmer"``.
    met
        ``True`` (met), ``False`` (not met) or ``None`` (unknown: data missing that could
        change the answer).
    reason
        One line saying why, with the values and thresholds used. The screening rules
        write some reasons when first read (:func:`lazy_outcome`), and the criteria with
        items their reason, values and items (:func:`deferred_outcome`): every read,
        ``==``, ``repr``, ``to_dict``, pickling and copying see the same fields.
    points
        Points scored, for criteria that score points (known points only when unknown).
    values
        The values used, by input name.
    missing
        For an unknown outcome: the inputs that would decide it.
    items
        The outcomes of the parts (items, domains, sub-criteria), in a stable order.
    """

    name: str
    met: bool | None
    reason: str
    points: float | None = None
    values: Mapping[str, object] = EMPTY
    missing: tuple[str, ...] = ()
    items: tuple[Outcome, ...] = ()

    def __init__(  # noqa: PLR0917 - the attrs constructor's positional order, kept
        self,
        name: str,
        met: bool | None,  # noqa: FBT001 - the attrs constructor's positional order, kept
        reason: str,
        points: float | None = None,
        values: Mapping[str, object] = EMPTY,
        missing: tuple[str, ...] = (),
        items: tuple[Outcome, ...] = (),
    ) -> None:
        """Build an Outcome (fields as listed above, in this order)."""
        fields = self.__dict__
        fields["name"] = name
        fields["met"] = met
        fields["reason"] = reason
        fields["points"] = points
        fields["values"] = values
        fields["missing"] = missing
        fields["items"] = items

    @property
    def status(self) -> str:
        """``"met"``, ``"not met"`` or ``"unknown"``."""
        if self.met is None:
            return "unknown"
        return "met" if self.met else "not met"

    def item(self, name: str) -> Outcome:
        """Return the direct item called ``name`` (``KeyError`` if there is none)."""
        for item in self.items:
            if item.name == name:
                return item
        raise KeyError(name)

    def walk(self) -> Iterator[Outcome]:
        """Yield this outcome and every nested item, depth first."""
        yield self
        for item in self.items:
            yield from item.walk()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        met = self.met
        values = self.values
        return {
            "name": self.name,
            "met": met,
            "status": "unknown" if met is None else "met" if met else "not met",  # as status
            "reason": self.reason,
            "points": self.points,
            "values": {key: _plain(value) for key, value in values.items()} if values else {},
            "missing": list(self.missing),
            "items": [item.to_dict() for item in self.items],
        }

    def __getstate__(self) -> dict[str, Any]:
        """Return the fields (as ``object.__getstate__``), building deferred fields first."""
        fields = self.__dict__
        if _REASON_STATE in fields or _DETAILS_STATE in fields:
            _materialise_outcome(self)
            fields = self.__dict__
        return fields

    def __repr__(self) -> str:
        """Short, readable representation."""
        points = "" if self.points is None else f", points={self.points!r}"
        return f"Outcome({self.name}: {self.status}{points}: {self.reason})"


class _DeferredField:
    """A field of an outcome built by :func:`lazy_outcome` or :func:`deferred_outcome`.

    A non-data descriptor, as :class:`_Deferred` for Score: an outcome that holds the field
    (every Outcome built by its constructor, and a lazy one once read) answers from its
    ``__dict__`` as if the descriptor were not there; only the read of a field a lazy outcome
    does not hold yet comes here, and builds the outcome's deferred fields, once.
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, outcome: Outcome | None, owner: type | None = None) -> object:
        name = self.name
        if outcome is None:  # Outcome.reason: no class attribute, as before
            msg = f"type object 'Outcome' has no attribute {name!r}"
            raise AttributeError(msg, name=name, obj=owner)
        fields = outcome.__dict__
        if _REASON_STATE in fields or _DETAILS_STATE in fields:  # build them, once
            _materialise_outcome(outcome)
            fields = outcome.__dict__
        if name in fields:  # (also when another thread built it first)
            return fields[name]
        msg = f"'Outcome' object has no attribute {name!r}"  # an instance never initialised
        raise AttributeError(msg, name=name, obj=outcome)


Outcome.reason = _DeferredField("reason")  # type: ignore[assignment]
Outcome.values = _DeferredField("values")  # type: ignore[assignment]
Outcome.items = _DeferredField("items")  # type: ignore[assignment]
#: The key under which an outcome built by :func:`lazy_outcome` keeps what builds its reason.
_REASON_STATE = "_lazy_reason_state"
#: The key under which an outcome built by :func:`deferred_outcome` keeps what builds its
#: reason, values and items.
_DETAILS_STATE = "_lazy_details_state"
_set_outcome_fields: Callable[[Outcome, dict[str, Any]], None] = Outcome.__dict__[
    "__dict__"
].__set__


def lazy_outcome(  # noqa: PLR0917 - the Outcome fields' positional order, kept
    name: str,
    met: bool | None,  # noqa: FBT001 - as Outcome
    state: tuple[Any, ...],
    points: float | None = None,
    values: Mapping[str, object] = EMPTY,
    missing: tuple[str, ...] = (),
    items: tuple[Outcome, ...] = (),
) -> Outcome:
    """Return an Outcome whose ``reason`` is ``state[0](state)``, built on first read.

    Formatting a reason (numbers, dates) costs more than most rules' decisions, and a
    screening that reads only ``met`` never shows most reasons (issue 8). ``state`` is
    ``(build, *args)``; ``build(state)`` must return the reason ``str`` and must not raise.
    Reading ``reason`` (and ``==``, ``hash``, ``repr``, ``to_dict``, pickling, copying,
    ``attrs.evolve``, ``attrs.asdict``, which read it) builds it once and makes the
    instance's ``__dict__`` that of ``Outcome(name, met, reason, points, values, missing,
    items)``; until then only ``vars(outcome)`` differs (it holds the private state in
    place of the reason).
    """
    outcome = _new(Outcome)
    fields = outcome.__dict__
    fields["name"] = name
    fields["met"] = met
    fields["points"] = points
    fields["values"] = values
    fields["missing"] = missing
    fields["items"] = items
    fields[_REASON_STATE] = state
    return outcome


def deferred_outcome(
    name: str,
    met: bool | None,  # noqa: FBT001 - as Outcome
    points: float | None,
    missing: tuple[str, ...],
    state: tuple[Any, ...],
) -> Outcome:
    """Return an Outcome holding its decision now, its ``reason``, ``values`` and ``items`` on demand.

    A criterion with items (a classification, a composite definition) builds an outcome per
    item, with its text, for every record, though a screening that reads only ``met`` shows
    none of them (issue 8). A criterion that has decided ``met``, ``points`` and ``missing``
    returns this instead: ``state`` is ``(build, *args)``, and ``build(state)`` returns
    ``(reason, values, items)``, those of the outcome the criterion describes, and must not
    raise. Reading any of the three (and ``==``, ``hash``, ``repr``, ``to_dict``,
    ``item``, ``walk``, pickling, copying, ``attrs.evolve``, ``attrs.asdict``, which read
    them) calls ``build`` once and makes the instance's ``__dict__`` that of ``Outcome(name,
    met, reason, points, values, missing, items)``; until then only ``vars(outcome)``
    differs (it holds the private state in place of the three).
    """
    outcome = _new(Outcome)
    fields = outcome.__dict__
    fields["name"] = name
    fields["met"] = met
    fields["points"] = points
    fields["missing"] = missing
    fields[_DETAILS_STATE] = state
    return outcome


def _materialise_outcome(outcome: Outcome) -> None:
    """Build the deferred fields of a lazy outcome; its ``__dict__`` becomes the eager one's."""
    fields = outcome.__dict__
    state = fields.get(_REASON_STATE)
    if state is not None:
        reason = state[0](state)
        values = fields["values"]
        items = fields["items"]
    else:
        state = fields.get(_DETAILS_STATE)
        if state is None:  # built by another thread meanwhile
            return
        reason, values, items = state[0](state)
    _set_outcome_fields(
        outcome,
        {
            "name": fields["name"],
            "met": fields["met"],
            "reason": reason,
            "points": fields["points"],
            "values": values,
            "missing": fields["missing"],
            "items": items,
        },
    )


# Outcome(...) is built some 40 times in screening one record: compiled where available.
_fast.bind_init(Outcome)
# lazy_outcome(...) some 15 times (the common criteria, the refractory rule, combine()):
# compiled where available, the same stores for positional calls; any other call, Python's.
_fast.bind(
    globals(),
    "lazy_outcome",
    "field_new",
    names=("name", "met", _REASON_STATE, "points", "values", "missing", "items"),
    required=3,
    positional=7,
    config=(Outcome, None, None, None, None, EMPTY, (), ()),
)
# deferred_outcome(...): the same, for the criteria with items (classifications, composites).
_fast.bind(
    globals(),
    "deferred_outcome",
    "field_new",
    names=("name", "met", "points", "missing", _DETAILS_STATE),
    required=5,
    positional=5,
    config=(Outcome, None, None, None, None, None),
)
