"""Robustness: no bad input gets a number or a crash; no valid input gets NaN or infinity.

Every public callable is discovered from ``activity_scores.__all__`` (and ``units.__all__``);
its valid calls come from the registry ``tests/robustness_cases.py``, which must have an
entry for each (a test fails otherwise). From each valid call the properties replace one
part at a time (an argument, a mapping value, an unknown mapping key, a sequence element)
with a value of the wrong type, NaN, an infinity, a negative, an enormous number, an
unknown key or a level that does not exist. The only exception allowed is
:class:`~activity_scores.InvalidInputError`, whose ``field`` names the argument (or the key)
and whose message shows it.

Run size: the Hypothesis profile (``HYPOTHESIS_PROFILE=thorough`` in ``make fuzz``) sets the
number of examples; ``make test`` runs a bounded, derandomised (reproducible) sample.
"""

from __future__ import annotations

import inspect
import math
import os
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activity_scores import InvalidInputError
from tests.robustness import (
    BAD_VALUES,
    BadRepr,
    accepts,
    check_call,
    check_result,
    hints,
    invoke,
    mutations,
    public_callables,
    verdict,
)
from tests.robustness_cases import CASES, Case

PUBLIC = public_callables()
TESTED = sorted(name for name, case in CASES.items() if case.valid is not None and name in PUBLIC)

#: A fuzz run explores freely; the normal run is reproducible (derandomised).
FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
EXAMPLES = settings().max_examples  # the loaded profile's
#: The sweep tries every bad value on every part, so it needs few baselines.
SWEEP = max(3, EXAMPLES // 100)
#: Examples per function for the random properties (half the profile's budget: there are
#: many functions; ``make fuzz`` raises the profile to thousands).
RANDOM = max(10, EXAMPLES // 2)
MONOTONE_RUNS = max(10, EXAMPLES // 4)


def seeded(**overrides: Any) -> settings:
    """Settings of these tests: derandomised (reproducible) except in a fuzz run."""
    if FUZZ:
        return settings(**overrides)
    return settings(derandomize=True, database=None, **overrides)


def _show(value: object) -> str:
    if isinstance(value, BadRepr):
        return "<object with a failing repr>"
    if isinstance(value, int) and value.bit_length() > 10_000:
        return f"<int of {value.bit_length()} bits>"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _case(name: str) -> tuple[Callable[..., object], Case]:
    return PUBLIC[name], CASES[name]


# --------------------------------------------------------------------------- registry


def test_every_public_callable_has_a_registry_entry() -> None:
    missing = sorted(set(PUBLIC) - set(CASES))
    assert not missing, (
        f"add an entry to tests/robustness_cases.py for each public callable: {missing}"
    )


def test_every_registry_entry_is_a_public_callable() -> None:
    stale = sorted(set(CASES) - set(PUBLIC))
    assert not stale, f"tests/robustness_cases.py has entries for no public callable: {stale}"


def test_skips_give_a_reason() -> None:
    for name, case in CASES.items():
        assert (case.valid is None) == bool(case.skip), name


def test_discovery_finds_functions_classes_and_module_members() -> None:
    assert "das28_esr" in PUBLIC
    assert "units.vas_mm_to_cm" in PUBLIC
    assert "Score" in PUBLIC  # an attrs class
    assert "Sex" not in PUBLIC  # an Enum: a type, not a computation


# --------------------------------------------------------------------------- the sweep


@pytest.mark.parametrize("name", TESTED)
@seeded(max_examples=SWEEP)
@given(data=st.data())
def test_every_bad_value_in_every_part_is_refused_by_name(name: str, data: st.DataObject) -> None:
    func, case = _case(name)
    assert case.valid is not None
    valid = data.draw(case.valid, label="valid call")
    every = [*inspect.signature(func).parameters, *(a for v in case.aliases.values() for a in v)]
    for mutation in mutations(
        func, valid, BAD_VALUES, case.free_keys, case.strict_keys, case.aliases
    ):
        where = f"{name}: {mutation.parameter} {mutation.where} = {_show(mutation.bad)}"
        check_call(
            func,
            mutation.values,
            must_refuse=mutation.must_refuse,
            names=mutation.names,
            any_field=every,
            where=where,
        )


# --------------------------------------------------------------------------- random values

_NUMBERS = st.one_of(
    st.floats(),
    st.floats(-1e6, 1e6),
    st.integers(),
    st.integers(-(10**450), 10**450),
    st.sampled_from([0, -1, 1e308, -1e308, 5e-324, 10**400]),
)
_OTHERS = st.one_of(
    st.booleans(),
    st.none(),
    st.text(max_size=30),
    st.binary(max_size=5),
    st.lists(st.integers(0, 5), max_size=3),
    st.tuples(st.floats()),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.sampled_from([v for v in BAD_VALUES if not isinstance(v, BadRepr)]),
)


def _near_misses(value: object) -> st.SearchStrategy[object]:
    """Strings close to a valid string (case, spaces, typos): levels that do not exist."""
    if not isinstance(value, str):
        return st.nothing()
    text = str(value.value) if hasattr(value, "value") else value
    return st.sampled_from([text.upper(), f" {text}", f"{text} ", f"{text}x", text[:-1], "0"])


@pytest.mark.parametrize("name", TESTED)
@seeded(max_examples=RANDOM)
@given(data=st.data())
def test_random_bad_value_in_one_argument(name: str, data: st.DataObject) -> None:
    func, case = _case(name)
    assert case.valid is not None
    valid = dict(data.draw(case.valid, label="valid call"))
    types_ = hints(func)
    parameter = data.draw(st.sampled_from(sorted(types_)), label="parameter")
    hint: Any = types_[parameter]
    current = valid.get(parameter)
    key = None
    if isinstance(current, Mapping) and current and data.draw(st.booleans(), label="in mapping"):
        key = data.draw(st.sampled_from(sorted(current, key=str)), label="key")
        from tests.robustness import _mapping_args  # noqa: PLC0415 - private helper

        hint = _mapping_args(types_[parameter])[1]
        current = current[key]
    bad = data.draw(st.one_of(_NUMBERS, _OTHERS, _near_misses(current)), label="bad value")
    aliases = case.aliases.get(parameter, ())
    if key is None:
        valid[parameter] = bad
        names: tuple[str, ...] = (parameter, *aliases)
    else:
        valid[parameter] = {**valid[parameter], key: bad}  # type: ignore[dict-item]
        names = (parameter, str(getattr(key, "value", key)), *aliases)
    check_call(
        func,
        valid,
        must_refuse=verdict(hint, bad),
        names=names,
        any_field=[*types_, *(a for v in case.aliases.values() for a in v)],
        where=f"{name}: {parameter}{'' if key is None else f'[{key!r}]'} = {_show(bad)}",
    )


# --------------------------------------------------------------------------- valid inputs


def _value(result: object) -> float:
    raw = getattr(result, "value", result)
    assert isinstance(raw, (int, float)), f"not a number: {raw!r}"
    assert not isinstance(raw, bool), f"a bool: {raw!r}"
    return float(raw)


@pytest.mark.parametrize("name", TESTED)
@seeded(max_examples=RANDOM)
@given(data=st.data())
def test_valid_inputs_give_finite_results_in_the_documented_range(
    name: str, data: st.DataObject
) -> None:
    func, case = _case(name)
    assert case.valid is not None
    valid = data.draw(case.valid, label="valid call")
    try:
        result = invoke(func, valid)
    except InvalidInputError as error:  # pragma: no cover - a registry or library bug
        pytest.fail(f"{name} refused a valid call {valid!r}: {error}")
    check_result(result, name)
    lo, hi = case.value_range
    if (lo, hi) != (-math.inf, math.inf):
        assert lo <= _value(result) <= hi, f"{name}: {_value(result)} outside [{lo}, {hi}]"


MONOTONE = sorted(
    (name, parameter, +1 if parameter in case.increasing else -1)
    for name, case in CASES.items()
    if name in PUBLIC
    for parameter in case.increasing | case.decreasing
)


@pytest.mark.parametrize(("name", "parameter", "direction"), MONOTONE)
@seeded(
    max_examples=MONOTONE_RUNS,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(data=st.data())
def test_documented_monotonicity(
    name: str, parameter: str, direction: int, data: st.DataObject
) -> None:
    func, case = _case(name)
    assert case.valid is not None
    given_ = case.valid.filter(lambda v: bool(accepts(float, v.get(parameter))))
    first = dict(data.draw(given_, label="first call"))
    other = data.draw(given_, label="second call")
    low, high = first.get(parameter), other.get(parameter)
    assert isinstance(low, (int, float))
    assert isinstance(high, (int, float))
    if low > high:
        low, high = high, low
    before = _value(invoke(func, {**first, parameter: low}))
    after = _value(invoke(func, {**first, parameter: high}))
    # Monotone up to the last bits of floating point (a sum of square roots and logs).
    slack = 1e-9 * max(1.0, abs(before), abs(after))
    if direction > 0:
        assert after >= before - slack, f"{name}: {parameter} {low} -> {high}: {before} -> {after}"
    else:
        assert after <= before + slack, f"{name}: {parameter} {low} -> {high}: {before} -> {after}"
