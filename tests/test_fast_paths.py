"""The speed-ups of issue 8 change nothing observable.

Each fast path is checked against the general code it short-cuts (an equivalence, not a
reference value): the hand-written ``__init__`` of the result classes against their attrs
fields, the inlined rounding against ``units_of``, the enum look-up tables against
``Enum.__call__``, and the error messages, which must stay word for word.
"""

from __future__ import annotations

import importlib.util
import inspect
import itertools
import math
import subprocess
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import activity_scores
from activity_scores import (
    BodyWeight,
    Das28Convention,
    DiseaseActivity,
    EularResponse,
    InvalidInputError,
    InvalidInputTypeError,
    MrssArea,
    Outcome,
    Score,
    Sex,
    cockcroft_gault,
    das28_category,
    eular_response,
)
from activity_scores import _validation as _v
from activity_scores._logic import all_of, any_of, at_least
from activity_scores._rounding import _SCALE, hundredths, units_of
from activity_scores.criteria import rheumatoid as rheumatoid_criteria
from activity_scores.criteria.sjogren import _AECG, _aecg, _relevant_missing, _truth_table
from activity_scores.scores.rheumatoid import _cdai_band, _das28_band, _sdai_band


@pytest.mark.parametrize("cls", [Score, Outcome])
def test_init_matches_the_attrs_fields(cls: type[Score | Outcome]) -> None:
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = attrs.fields(cls)
    assert [p.name for p in parameters] == [f.name for f in fields]
    for parameter, field in zip(parameters, fields, strict=True):
        assert parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        expected = inspect.Parameter.empty if field.default is attrs.NOTHING else field.default
        assert parameter.default is expected, field.name


def test_score_is_frozen_and_complete() -> None:
    score = Score("X", 1.5, DiseaseActivity.LOW, "u", {"a": 1}, {"b": 2.0}, "v", 1)
    assert attrs.asdict(score, recurse=False) == {
        "instrument": "X",
        "value": 1.5,
        "category": DiseaseActivity.LOW,
        "unit": "u",
        "inputs": {"a": 1},
        "components": {"b": 2.0},
        "variant": "v",
        "precision": 1,
    }
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        score.value = 2.0  # type: ignore[misc]
    assert Score("X", 1.5, None) == Score(instrument="X", value=1.5, category=None)
    assert attrs.evolve(score, value=3.0).value == 3.0
    assert Score("X", 1.5, None).inputs == {}


def test_outcome_is_frozen_and_complete() -> None:
    outcome = Outcome("n", None, "r", 1.0, {"a": 1}, ("a",), (Outcome("i", True, "ok"),))
    assert [f.name for f in attrs.fields(Outcome)] == list(attrs.asdict(outcome, recurse=False))
    assert outcome.item("i").met is True
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        outcome.met = True  # type: ignore[misc]
    assert Outcome("n", False, "r").missing == ()


def test_scale_table_is_the_power() -> None:
    assert all(scale == 10.0**decimals for decimals, scale in enumerate(_SCALE))


@given(st.floats(min_value=-1e6, max_value=1e6), st.integers(min_value=-2, max_value=6))
def test_units_of_table_matches_the_power(value: float, decimals: int) -> None:
    assert units_of(value, decimals) == math.floor(value * 10.0**decimals + 0.5 + 1e-9)


@given(st.floats(min_value=0, max_value=200))
def test_inlined_hundredths_match_units_of(value: float) -> None:
    units = units_of(value, 2)
    assert hundredths(value) == units
    das28 = (
        "remission"
        if units < 260
        else "low"
        if units <= 320
        else "moderate"
        if units <= 510
        else "high"
    )
    assert _das28_band(value, Das28Convention.EULAR).value == das28
    cdai = "remission" if units <= 280 else "low" if units <= 1000 else "moderate"
    assert _cdai_band(value).value == (cdai if units <= 2200 else "high")
    sdai = "remission" if units <= 330 else "low" if units <= 1100 else "moderate"
    assert _sdai_band(value).value == (sdai if units <= 2600 else "high")


@pytest.mark.parametrize("enum", [Sex, BodyWeight, Das28Convention, DiseaseActivity, EularResponse])
def test_choice_table_matches_enum_call(enum: type[Enum]) -> None:
    for member in enum:
        assert _v.choice("f", member.value, enum) is enum(member.value)
        assert _v.choice("f", member, enum) is member


def test_choice_messages_are_unchanged() -> None:
    with pytest.raises(
        InvalidInputError, match=r"^'sex' must be one of 'female', 'male' \(got 'f'\)$"
    ):
        _v.choice("sex", "f", Sex)
    with pytest.raises(
        InvalidInputTypeError, match=r"^'sex' must be one of 'female', 'male' \(got 1\)$"
    ):
        _v.choice("sex", 1, Sex)


def test_renal_enum_fast_paths_match_choice() -> None:
    common: dict[str, Any] = {"age_years": 40, "weight_kg": 80.0, "serum_creatinine_mg_per_dl": 1.0}
    for sex in ("female", "male", Sex.FEMALE, Sex.MALE):
        by_string = cockcroft_gault(**common, sex=sex, height_cm=170.0, body_weight="ideal")
        assert by_string.inputs["sex"] is _v.choice("sex", sex, Sex)
        assert by_string.inputs["body_weight"] is BodyWeight.IDEAL
    with pytest.raises(
        InvalidInputError, match=r"^'sex' must be one of 'female', 'male' \(got 'F'\)$"
    ):
        cockcroft_gault(**common, sex="F")
    with pytest.raises(InvalidInputError, match=r"'body_weight' must be one of 'actual', "):
        cockcroft_gault(**common, sex="male", body_weight="lean")


@given(st.floats(min_value=0, max_value=10), st.floats(min_value=0, max_value=10))
def test_eular_fast_path_matches_score_inputs(before: float, after: float) -> None:
    plain = eular_response(baseline=before, follow_up=after)
    scores = eular_response(
        baseline=Score("DAS28-ESR", before, das28_category(before)),
        follow_up=Score("DAS28-ESR", after, das28_category(after)),
    )
    assert plain == scores


def _relevant_by_pairs(
    states: Sequence[bool | None], decide: Callable[[Sequence[bool | None]], bool | None]
) -> tuple[int, ...]:
    """The search as first written: per unknown position, every completion of the others."""
    unknown = [i for i, state in enumerate(states) if state is None]
    found = []
    for index in unknown:
        others = [i for i in unknown if i != index]
        for completion in itertools.product((False, True), repeat=len(others)):
            values = list(states)
            for other, value in zip(others, completion, strict=True):
                values[other] = value
            values[index] = True
            when_true = decide(values)
            values[index] = False
            if when_true != decide(values):
                found.append(index)
                break
    return tuple(found)


def _rule_a(v: Sequence[bool | None]) -> bool | None:
    return all_of([at_least(4, v[0:6]), any_of([v[3], v[5]])])


def _rule_ab(v: Sequence[bool | None]) -> bool | None:
    return all_of([any_of([_rule_a(v), at_least(3, v[2:6])]), v[6], v[7]])


@given(st.lists(st.sampled_from([None, True, False]), min_size=8, max_size=8))
def test_relevant_missing_matches_the_pairwise_search(states: list[bool | None]) -> None:
    """The subset walk over a rule's truth table finds what the completion search finds."""
    for decide in (_rule_a, _rule_ab):
        table = _truth_table(8, decide)
        expected = _relevant_by_pairs(states, decide)
        items = [
            Outcome(f"i{n}", met, "", missing=(f"x{n}", "shared")) for n, met in enumerate(states)
        ]
        names = [f"x{n}" for n in expected]
        if expected:
            names.insert(1, "shared")  # each name once, where it first occurs
        assert _relevant_missing(items, table) == tuple(names)


def test_aecg_table_is_the_rule_on_every_completion() -> None:
    assert _truth_table(8, _aecg) == _AECG
    assert _truth_table(8, _rule_ab) == _AECG


def test_lazy_init_is_generated_from_its_imports() -> None:
    """``__init__`` loads names on first use; its table matches its TYPE_CHECKING imports."""
    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("lazy_init", root / "tools" / "lazy_init.py")
    assert spec is not None
    assert spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    source = (root / "src" / "activity_scores" / "__init__.py").read_text(encoding="utf-8")
    assert tool.render(source) == source, "run: python tools/lazy_init.py"
    assert set(activity_scores._LAZY) == set(  # noqa: SLF001 - the generated table
        activity_scores.__all__
    ) - {"__version__"}
    for name in activity_scores.__all__:
        assert getattr(activity_scores, name) is not None


def test_import_loads_no_submodule() -> None:
    code = "import sys, activity_scores; print(sorted(m for m in sys.modules if 'activity_scores.' in m))"
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    assert out.stdout.strip() == "['activity_scores._version']"


_KEYS = st.sampled_from(
    [*MrssArea, *(area.value for area in MrssArea), "nose", 3, Sex.MALE, DiseaseActivity.LOW]
)


@given(st.dictionaries(_KEYS, st.integers(0, 3), max_size=20))
def test_keyed_dict_fast_path_matches_the_general_path(given_map: dict[object, int]) -> None:
    def outcome(value: object) -> object:
        try:
            return _v.keyed("areas", value, MrssArea)
        except InvalidInputError as error:
            return (type(error), str(error))

    # A read-only view of the same dict is not a dict: it takes the general path.
    fast, general = outcome(given_map), outcome(MappingProxyType(given_map))
    assert fast == general
    if isinstance(fast, dict) and isinstance(general, dict):
        assert list(fast) == list(general)  # the same order


@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-(2**60), 2**60)))
def test_exact_decimal_matches_parsing_the_repr(value: float) -> None:
    assert rheumatoid_criteria._exact(value) == Fraction(repr(float(value)))  # noqa: SLF001


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_exact_decimal_refuses_non_finite_as_before(value: float) -> None:
    with pytest.raises(ValueError, match="Invalid literal for Fraction"):
        rheumatoid_criteria._exact(value)  # noqa: SLF001


def test_lazy_init_still_exposes_subpackages_and_refuses_unknown_names() -> None:
    code = (
        "import activity_scores as a; print(a.rules.screening.__name__, a.units.__name__); "
        "print(hasattr(a, 'nonexistent'), hasattr(a, '__wrapped__'), hasattr(a, ''))"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    assert out.stdout.split() == [
        "activity_scores.rules.screening",
        "activity_scores.units",
        "False",
        "False",
        "False",
    ]
