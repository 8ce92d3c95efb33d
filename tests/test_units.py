"""Unit converters: factors from their definitions, round trips, refusals."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores import InvalidInputError, units


def test_factors() -> None:
    assert units.crp_mg_per_l_to_mg_per_dl(10) == 1.0
    assert units.crp_mg_per_dl_to_mg_per_l(1.0) == 10.0
    assert units.creatinine_mg_per_dl_to_umol_per_l(1.0) == pytest.approx(88.4)
    assert units.creatinine_umol_per_l_to_mg_per_dl(176.8) == pytest.approx(2.0)
    assert units.bilirubin_mg_per_dl_to_umol_per_l(2.0) == pytest.approx(34.2)
    assert units.bilirubin_umol_per_l_to_mg_per_dl(34.2) == pytest.approx(2.0)
    assert units.hemoglobin_g_per_dl_to_g_per_l(6.0) == 60.0
    assert units.hemoglobin_g_per_l_to_g_per_dl(60) == 6.0
    assert units.vas_mm_to_cm(100) == 10.0
    assert units.vas_cm_to_mm(10) == 100.0


CONVERTERS = [getattr(units, name) for name in units.__all__ if callable(getattr(units, name))]


@pytest.mark.parametrize("converter", CONVERTERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", [-1, math.nan, math.inf, True, "1", None])
def test_refuses_bad_values(converter: object, bad: object) -> None:
    with pytest.raises(InvalidInputError):
        converter(bad)  # type: ignore[operator]


@pytest.mark.parametrize("bad", [101, -0.5])
def test_vas_range(bad: float) -> None:
    with pytest.raises(InvalidInputError, match="'vas_mm'"):
        units.vas_mm_to_cm(bad)


@given(st.floats(min_value=0, max_value=25))  # within every converter's upper limit
def test_round_trips(x: float) -> None:
    assert units.crp_mg_per_dl_to_mg_per_l(units.crp_mg_per_l_to_mg_per_dl(x)) == pytest.approx(x)
    back = units.creatinine_umol_per_l_to_mg_per_dl(units.creatinine_mg_per_dl_to_umol_per_l(x))
    assert back == pytest.approx(x, rel=1e-12)
