"""Result types and tri-state logic."""

from __future__ import annotations

import json
import pickle

import attrs
import pytest

from activity_scores import InvalidInputError, Outcome, cdai, das28_esr
from activity_scores._logic import all_of, any_of, at_least, negate, points_reach
from activity_scores._rounding import round_half_up, units_of


def test_score_is_frozen_and_float() -> None:
    score = das28_esr(
        tender_joints_28=6, swollen_joints_28=4, esr_mm_per_h=30, patient_global_mm=50
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        score.value = 1.0  # type: ignore[misc]
    assert float(score) == score.value
    assert score.rounded() == 5.01
    data = score.to_dict()
    assert json.loads(json.dumps(data))["category"] == "moderate"
    assert "DAS28-ESR" in repr(score)


def test_outcome_navigation_and_json() -> None:
    child = Outcome("item", None, "no data", missing=("x",))
    parent = Outcome("crit", False, "below threshold", points=3, items=(child,))
    assert parent.status == "not met"
    assert parent.item("item").status == "unknown"
    assert [o.name for o in parent.walk()] == ["crit", "item"]
    assert json.loads(json.dumps(parent.to_dict()))["items"][0]["missing"] == ["x"]
    with pytest.raises(KeyError):
        parent.item("nope")
    assert "not met" in repr(parent)


def test_error_attributes_and_pickle() -> None:
    with pytest.raises(InvalidInputError) as info:
        cdai(tender_joints_28=3, swollen_joints_28=2, patient_global_cm=11, evaluator_global_cm=1)
    error = info.value
    assert error.field == "patient_global_cm"
    assert error.value == 11
    assert isinstance(error, ValueError)
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert (again.field, again.value, str(again)) == (error.field, error.value, str(error))


@pytest.mark.parametrize(
    ("values", "all_", "any_"),
    [
        ([True, True], True, True),
        ([True, False], False, True),
        ([True, None], None, True),
        ([False, None], False, None),
        ([None, None], None, None),
        ([], True, False),
    ],
)
def test_kleene(values: list[bool | None], all_: bool | None, any_: bool | None) -> None:
    assert all_of(values) is all_
    assert any_of(values) is any_


def test_negate_and_counts() -> None:
    assert negate(None) is None
    assert negate(True) is False
    assert at_least(2, [True, True, None]) is True
    assert at_least(2, [True, None, False]) is None
    assert at_least(2, [True, False, False]) is False
    assert points_reach(4, 0, 4) is True
    assert points_reach(3, 1, 4) is None
    assert points_reach(2, 1, 4) is False


@pytest.mark.parametrize(
    ("value", "decimals", "units"),
    [
        (3.2000000000000006, 2, 320),
        (2.675, 2, 268),  # float 2.67499999... read as "2.675"
        (2.59988, 2, 260),
        (2.594999, 2, 259),
        (1.2000000000000002, 2, 120),
        (0.0, 2, 0),
        (14.5, 0, 15),
    ],
)
def test_units_of(value: float, decimals: int, units: int) -> None:
    assert units_of(value, decimals) == units
    assert round_half_up(value, decimals) == units / 10**decimals
