"""Cockcroft-Gault and body weights against hand computations from the primary formulas.

Expected values were computed by hand (30-digit decimal arithmetic) from Cockcroft & Gault
1976, CrCl = (140 - age) x weight / (72 x SCr[mg/dL]) x 0.85 for women, and from Devine 1974,
IBW = 50 (men) or 45.5 (women) kg + 2.3 kg per inch over 60 in.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores import (
    BodyWeight,
    InvalidInputError,
    Sex,
    adjusted_body_weight_kg,
    cockcroft_gault,
    ideal_body_weight_kg,
    units,
)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"age_years": 40, "weight_kg": 72, "sex": "male", "serum_creatinine_mg_per_dl": 1.0}, 100.0),
        ({"age_years": 40, "weight_kg": 72, "sex": "female", "serum_creatinine_mg_per_dl": 1.0}, 85.0),
        ({"age_years": 65, "weight_kg": 60, "sex": "female", "serum_creatinine_mg_per_dl": 0.8}, 66.40625),
        ({"age_years": 30, "weight_kg": 90, "sex": "male", "serum_creatinine_mg_per_dl": 1.5}, 91.66666666666667),
        ({"age_years": 18, "weight_kg": 50, "sex": "female", "serum_creatinine_mg_per_dl": 0.5}, 144.02777777777777),
        # µmol/L path: 106 µmol/L = 106/88.4 mg/dL; 62 µmol/L = 62/88.4 mg/dL
        ({"age_years": 60, "weight_kg": 80, "sex": "male", "serum_creatinine_umol_per_l": 106}, 74.12997903563941),
        ({"age_years": 60, "weight_kg": 55, "sex": "female", "serum_creatinine_umol_per_l": 62}, 74.06272401433692),
        # ideal weight, man 180 cm: IBW 74.99212598425197 kg
        ({"age_years": 50, "weight_kg": 100, "sex": "male", "serum_creatinine_mg_per_dl": 1.2, "height_cm": 180, "body_weight": "ideal"}, 78.11679790026247),
        # adjusted: 74.992 + 0.4 x (100 - 74.992)
        ({"age_years": 50, "weight_kg": 100, "sex": "male", "serum_creatinine_mg_per_dl": 1.2, "height_cm": 180, "body_weight": "adjusted"}, 88.53674540682415),
    ],
)  # fmt: skip
def test_reference_values(kwargs: dict[str, Any], expected: float) -> None:
    score = cockcroft_gault(**kwargs)
    assert score.value == pytest.approx(expected, rel=1e-12)
    assert score.unit == "mL/min"
    assert score.category is None
    assert score.variant == f"{kwargs.get('body_weight', 'actual')} body weight"


@pytest.mark.parametrize(
    ("height", "sex", "expected"),
    [(180, "male", 74.99212598425197), (160, "female", 52.38188976377953),
     (150, "female", 43.32677165354331), (152.4, "male", 50.0), (152.4, "female", 45.5)],
)  # fmt: skip
def test_devine_ideal_body_weight(height: float, sex: str, expected: float) -> None:
    assert ideal_body_weight_kg(height_cm=height, sex=sex) == pytest.approx(expected, rel=1e-12)


def test_adjusted_body_weight() -> None:
    ibw = 74.99212598425197
    assert adjusted_body_weight_kg(weight_kg=100, height_cm=180, sex=Sex.MALE) == pytest.approx(
        ibw + 0.4 * (100 - ibw), rel=1e-12
    )


def test_components_say_which_weight() -> None:
    score = cockcroft_gault(
        age_years=50,
        weight_kg=100,
        sex="male",
        serum_creatinine_mg_per_dl=1.2,
        height_cm=180,
        body_weight=BodyWeight.IDEAL,
    )
    assert score.components["weight_used_kg"] == pytest.approx(74.99212598425197)
    assert score.inputs["body_weight"] is BodyWeight.IDEAL
    assert score.to_dict()["inputs"]["sex"] == "male"


_OK: dict[str, Any] = {
    "age_years": 40,
    "weight_kg": 70,
    "sex": "female",
    "serum_creatinine_mg_per_dl": 0.9,
}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"age_years": 17}, "age_years"),
        ({"age_years": 141}, "age_years"),
        ({"age_years": math.nan}, "age_years"),
        ({"age_years": True}, "age_years"),
        ({"weight_kg": 0}, "weight_kg"),
        ({"weight_kg": -70}, "weight_kg"),
        ({"weight_kg": math.inf}, "weight_kg"),
        ({"weight_kg": 1000}, "weight_kg"),
        ({"sex": "F"}, "sex"),
        ({"sex": 1}, "sex"),
        ({"serum_creatinine_mg_per_dl": 0}, "serum_creatinine_mg_per_dl"),
        ({"serum_creatinine_mg_per_dl": -1}, "serum_creatinine_mg_per_dl"),
        ({"serum_creatinine_mg_per_dl": 80}, "serum_creatinine_mg_per_dl"),  # µmol/L as mg/dL
        ({"serum_creatinine_mg_per_dl": math.nan}, "serum_creatinine_mg_per_dl"),
        (
            {"serum_creatinine_mg_per_dl": None, "serum_creatinine_umol_per_l": 0.9},
            "serum_creatinine_umol_per_l",
        ),  # mg/dL as µmol/L
        ({"serum_creatinine_umol_per_l": 80}, "serum_creatinine_mg_per_dl / serum_creatinine_umol_per_l"),
        ({"serum_creatinine_mg_per_dl": None}, "serum_creatinine_mg_per_dl / serum_creatinine_umol_per_l"),
        ({"body_weight": "ideal"}, "height_cm"),
        ({"body_weight": "lean"}, "body_weight"),
        ({"height_cm": 50, "body_weight": "ideal"}, "height_cm"),
        ({"height_cm": "170", "body_weight": "adjusted"}, "height_cm"),
        ({"height_cm": 300}, "height_cm"),
    ],
)  # fmt: skip
def test_rejects_bad_input(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        cockcroft_gault(**{**_OK, **changes})
    assert info.value.field == field
    assert repr(field) in str(info.value)


@given(
    age=st.floats(min_value=18, max_value=120),
    weight=st.floats(min_value=20, max_value=350),
    scr=st.floats(min_value=0.1, max_value=25),
    sex=st.sampled_from(["female", "male"]),
)
def test_umol_and_mg_paths_agree(age: float, weight: float, scr: float, sex: str) -> None:
    umol = units.creatinine_mg_per_dl_to_umol_per_l(scr)
    if not 8.84 <= umol <= 2210:  # rounding at the very edge of the range
        return
    by_mg = cockcroft_gault(
        age_years=age, weight_kg=weight, sex=sex, serum_creatinine_mg_per_dl=scr
    )
    by_umol = cockcroft_gault(
        age_years=age, weight_kg=weight, sex=sex, serum_creatinine_umol_per_l=umol
    )
    assert by_umol.value == pytest.approx(by_mg.value, rel=1e-12)
    assert by_mg.value >= 0
    assert math.isfinite(by_mg.value)


@given(
    age=st.floats(min_value=18, max_value=119),
    weight=st.floats(min_value=20, max_value=349),
    scr=st.floats(min_value=0.1, max_value=24),
)
def test_monotone(age: float, weight: float, scr: float) -> None:
    def crcl(a: float, w: float, s: float) -> float:
        return cockcroft_gault(
            age_years=a, weight_kg=w, sex="male", serum_creatinine_mg_per_dl=s
        ).value

    base = crcl(age, weight, scr)
    assert crcl(age + 1, weight, scr) <= base
    assert crcl(age, weight + 1, scr) >= base
    assert crcl(age, weight, scr + 1) <= base
    female = cockcroft_gault(
        age_years=age, weight_kg=weight, sex="female", serum_creatinine_mg_per_dl=scr
    )
    assert female.value == pytest.approx(base * 0.85, rel=1e-12)
