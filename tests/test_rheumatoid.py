"""DAS28, CDAI, SDAI, categories and EULAR response against hand computations and tables."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores import (
    Das28Convention,
    DiseaseActivity,
    EularResponse,
    InvalidInputError,
    InvalidInputTypeError,
    cdai,
    cdai_category,
    das28_category,
    das28_crp,
    das28_esr,
    eular_response,
    sdai,
    sdai_category,
)
from tests.conftest import reference_rows

DAS28_ROWS = reference_rows("das28.csv")


def _gh(text: str) -> float | None:
    return None if text == "" else float(text)


@pytest.mark.parametrize("row", DAS28_ROWS, ids=lambda r: f"{r['function']}-{r['expected']}")
def test_das28_reference_values(row: dict[str, str]) -> None:
    common: dict[str, Any] = {
        "tender_joints_28": int(row["tender_joints_28"]),
        "swollen_joints_28": int(row["swollen_joints_28"]),
        "patient_global_mm": _gh(row["patient_global_mm"]),
    }
    if row["function"] == "das28_esr":
        score = das28_esr(esr_mm_per_h=float(row["lab"]), **common)
    else:
        score = das28_crp(crp_mg_per_l=float(row["lab"]), **common)
    assert score.value == pytest.approx(float(row["expected"]), abs=1e-9)
    assert score.category is DiseaseActivity(row["category"])
    assert score.variant == ("3-variable" if common["patient_global_mm"] is None else "4-variable")
    assert float(score) == score.value


@pytest.mark.parametrize(
    ("value", "eular", "acr"),
    [
        (0.0, "remission", "remission"),
        (2.59, "remission", "remission"),
        (2.594999, "remission", "remission"),  # reads 2.59
        (2.595, "low", "low"),  # reads 2.60 (half-up)
        (2.6, "low", "low"),
        (3.19, "low", "low"),
        (3.2, "low", "moderate"),  # the one value where the tables differ
        (3.2000000000000006, "low", "moderate"),  # 3.2 with binary noise
        (3.204999, "low", "moderate"),  # reads 3.20
        (3.205, "moderate", "moderate"),  # reads 3.21
        (3.21, "moderate", "moderate"),
        (5.1, "moderate", "moderate"),
        (5.1000008, "moderate", "moderate"),  # reads 5.10
        (5.11, "high", "high"),
        (10.0, "high", "high"),
    ],
)
def test_das28_category_cut_offs(value: float, eular: str, acr: str) -> None:
    assert das28_category(value) is DiseaseActivity(eular)
    assert das28_category(value, convention="acr_2012") is DiseaseActivity(acr)
    assert das28_category(value, convention=Das28Convention.ACR_2012) is DiseaseActivity(acr)


def test_das28_crp_exactly_3_2_is_low_on_eular_and_moderate_on_acr() -> None:
    kwargs: dict[str, Any] = {
        "tender_joints_28": 16,
        "swollen_joints_28": 0,
        "crp_mg_per_l": 0,
        "patient_global_mm": 0,
    }
    assert das28_crp(**kwargs).category is DiseaseActivity.LOW
    assert das28_crp(**kwargs, convention="acr_2012").category is DiseaseActivity.MODERATE


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "remission"),
        (2.8, "remission"),
        (2.81, "low"),
        (10, "low"),
        (10.01, "moderate"),
        (22, "moderate"),
        (22.01, "high"),
        (76, "high"),
    ],
)
def test_cdai_category_cut_offs(value: float, expected: str) -> None:
    assert cdai_category(value) is DiseaseActivity(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "remission"),
        (3.3, "remission"),
        (3.31, "low"),
        (11, "low"),
        (11.01, "moderate"),
        (26, "moderate"),
        (26.01, "high"),
    ],
)
def test_sdai_category_cut_offs(value: float, expected: str) -> None:
    assert sdai_category(value) is DiseaseActivity(expected)


@pytest.mark.parametrize(
    ("tjc", "sjc", "pga", "ega", "expected_value", "expected"),
    [
        # hand sums; 0.5 + 0.3 etc. carry binary noise the categories must ignore
        (1, 1, 0.5, 0.3, 2.8, "remission"),
        (1, 1, 0.5, 0.4, 2.9, "low"),
        (4, 3, 1.9, 1.1, 10.0, "low"),
        (4, 3, 2.0, 1.1, 10.1, "moderate"),
        (10, 8, 2.2, 1.8, 22.0, "moderate"),
        (10, 8, 2.3, 1.8, 22.1, "high"),
        (28, 28, 10, 10, 76.0, "high"),
    ],
)
def test_cdai_values_and_boundaries(
    tjc: int, sjc: int, pga: float, ega: float, expected_value: float, expected: str
) -> None:
    score = cdai(
        tender_joints_28=tjc,
        swollen_joints_28=sjc,
        patient_global_cm=pga,
        evaluator_global_cm=ega,
    )
    assert score.value == pytest.approx(expected_value, abs=1e-12)
    assert score.category is DiseaseActivity(expected)


@pytest.mark.parametrize(
    ("tjc", "sjc", "pga", "ega", "crp", "expected_value", "expected"),
    [
        (1, 1, 0.7, 0.6, 0.0, 3.3, "remission"),
        (1, 1, 0.7, 0.5, 0.1, 3.3, "remission"),
        (1, 1, 0.7, 0.6, 0.01, 3.31, "low"),
        (4, 3, 1.9, 1.1, 1.0, 11.0, "low"),
        (4, 3, 1.9, 1.1, 1.01, 11.01, "moderate"),
        (10, 8, 3.2, 2.8, 2.0, 26.0, "moderate"),
        (10, 8, 3.2, 2.8, 2.01, 26.01, "high"),
        (28, 28, 10, 10, 12.5, 88.5, "high"),  # CRP not capped at 10 mg/dL
    ],
)
def test_sdai_values_and_boundaries(
    tjc: int, sjc: int, pga: float, ega: float, crp: float, expected_value: float, expected: str
) -> None:
    score = sdai(
        tender_joints_28=tjc,
        swollen_joints_28=sjc,
        patient_global_cm=pga,
        evaluator_global_cm=ega,
        crp_mg_per_dl=crp,
    )
    assert score.value == pytest.approx(expected_value, abs=1e-12)
    assert score.category is DiseaseActivity(expected)


# EULAR response table (van Gestel 1996; Fransen & van Riel 2005): one row per cell and
# both sides of each edge.
@pytest.mark.parametrize(
    ("baseline", "follow_up", "expected"),
    [
        (4.41, 3.2, "good"),  # improvement 1.21 > 1.2, follow-up <= 3.2
        (4.4, 3.2, "moderate"),  # exactly 1.2 (1.2000000000000002 in floats)
        (3.81, 3.2, "moderate"),  # 0.61
        (3.8, 3.2, "none"),  # exactly 0.6
        (3.0, 3.2, "none"),  # worsening
        (4.42, 3.21, "moderate"),  # 1.21 but follow-up > 3.2
        (3.82, 3.21, "moderate"),  # 0.61
        (3.81, 3.21, "none"),  # 0.6
        (5.1, 4.49, "moderate"),
        (6.31, 5.1, "moderate"),  # follow-up exactly 5.1 is the middle row
        (6.32, 5.11, "moderate"),  # 1.21, follow-up > 5.1
        (6.31, 5.11, "none"),  # 1.2
        (5.8, 5.11, "none"),
    ],
)
def test_eular_response_table(baseline: float, follow_up: float, expected: str) -> None:
    result = eular_response(baseline=baseline, follow_up=follow_up)
    assert result.category is EularResponse(expected)
    assert result.value == round(baseline - follow_up, 2)


def test_eular_response_accepts_scores_of_the_same_version() -> None:
    base = das28_esr(
        tender_joints_28=10, swollen_joints_28=8, esr_mm_per_h=45, patient_global_mm=70
    )
    follow = das28_esr(
        tender_joints_28=1, swollen_joints_28=0, esr_mm_per_h=10, patient_global_mm=10
    )
    assert eular_response(baseline=base, follow_up=follow).category is EularResponse.GOOD
    crp = das28_crp(tender_joints_28=1, swollen_joints_28=0, crp_mg_per_l=1, patient_global_mm=10)
    with pytest.raises(InvalidInputError, match="same DAS28 version"):
        eular_response(baseline=base, follow_up=crp)
    with pytest.raises(InvalidInputError, match="must be a DAS28"):
        eular_response(
            baseline=cdai(
                tender_joints_28=1, swollen_joints_28=1, patient_global_cm=1, evaluator_global_cm=1
            ),
            follow_up=2.0,
        )


# --- bad input -------------------------------------------------------------------------

_GOOD_ESR: dict[str, Any] = {
    "tender_joints_28": 3,
    "swollen_joints_28": 2,
    "esr_mm_per_h": 20,
    "patient_global_mm": 40,
}


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        ("tender_joints_28", -1, "'tender_joints_28' must be an integer from 0 to 28"),
        ("tender_joints_28", 29, "'tender_joints_28' must be an integer from 0 to 28"),
        ("tender_joints_28", 3.0, "'tender_joints_28' must be an integer"),
        ("tender_joints_28", True, "'tender_joints_28' must be an integer.*bool"),
        ("swollen_joints_28", "2", "'swollen_joints_28' must be an integer"),
        ("swollen_joints_28", None, "'swollen_joints_28' must be an integer"),
        ("esr_mm_per_h", 0, r"'esr_mm_per_h' must be >= 1 and <= 200 mm/h \(got 0\)"),
        ("esr_mm_per_h", 0.5, "'esr_mm_per_h' must be >= 1"),
        ("esr_mm_per_h", -5, "'esr_mm_per_h' must be >= 1"),
        ("esr_mm_per_h", 201, "'esr_mm_per_h' must be >= 1 and <= 200"),
        ("esr_mm_per_h", math.nan, "'esr_mm_per_h' must be a finite number"),
        ("esr_mm_per_h", math.inf, "'esr_mm_per_h' must be a finite number"),
        ("esr_mm_per_h", False, "'esr_mm_per_h' must be a number"),
        ("patient_global_mm", 101, "'patient_global_mm' must be >= 0 and <= 100 mm"),
        ("patient_global_mm", -0.1, "'patient_global_mm'"),
        ("patient_global_mm", -math.inf, "'patient_global_mm' must be a finite number"),
        ("convention", "acr", "'convention' must be one of 'eular', 'acr_2012'"),
    ],
)
def test_das28_esr_rejects_bad_input(field: str, bad: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message) as info:
        das28_esr(**{**_GOOD_ESR, field: bad})
    assert info.value.field == field
    assert info.value.value is bad or (isinstance(bad, float) and math.isnan(bad))


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("crp_mg_per_l", -0.1),
        ("crp_mg_per_l", 1000.5),
        ("crp_mg_per_l", math.nan),
        ("crp_mg_per_l", "12"),
        ("tender_joints_28", 28.5),
        ("patient_global_mm", 150),
    ],
)
def test_das28_crp_rejects_bad_input(field: str, bad: object) -> None:
    kwargs: dict[str, Any] = {
        "tender_joints_28": 3,
        "swollen_joints_28": 2,
        "crp_mg_per_l": 5,
        "patient_global_mm": 40,
    }
    with pytest.raises(InvalidInputError, match=repr(field)):
        das28_crp(**{**kwargs, field: bad})


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("patient_global_cm", 10.5),
        ("patient_global_cm", 45),  # a 100 mm reading passed as cm
        ("evaluator_global_cm", -1),
        ("evaluator_global_cm", math.nan),
        ("crp_mg_per_dl", -0.01),
        ("crp_mg_per_dl", math.inf),
        ("swollen_joints_28", 30),
    ],
)
def test_cdai_sdai_reject_bad_input(field: str, bad: object) -> None:
    kwargs: dict[str, Any] = {
        "tender_joints_28": 3,
        "swollen_joints_28": 2,
        "patient_global_cm": 4,
        "evaluator_global_cm": 3,
        "crp_mg_per_dl": 1.0,
    }
    with pytest.raises(InvalidInputError, match=repr(field)):
        sdai(**{**kwargs, field: bad})
    if field != "crp_mg_per_dl":
        del kwargs["crp_mg_per_dl"]
        with pytest.raises(InvalidInputError, match=repr(field)):
            cdai(**{**kwargs, field: bad})


@pytest.mark.parametrize("bad", [-0.01, 10.01, math.nan, "3.2", None, True])
def test_category_functions_reject_bad_values(bad: object) -> None:
    with pytest.raises(InvalidInputError, match="'value'"):
        das28_category(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(("baseline", "follow_up"), [(-1, 3), (3, 11), (math.nan, 3), (3, "2")])
def test_eular_response_rejects_bad_values(baseline: object, follow_up: object) -> None:
    with pytest.raises(InvalidInputError):
        eular_response(baseline=baseline, follow_up=follow_up)  # type: ignore[arg-type]


def test_wrong_type_is_also_a_type_error() -> None:
    with pytest.raises(TypeError):
        das28_esr(tender_joints_28="3", swollen_joints_28=2, esr_mm_per_h=20)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputTypeError):
        cdai(tender_joints_28=3, swollen_joints_28=2, patient_global_cm=None, evaluator_global_cm=1)  # type: ignore[arg-type]


def test_keyword_only() -> None:
    with pytest.raises(TypeError):
        das28_esr(3, 2, 20)  # type: ignore[call-arg]


# --- properties --------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=28)
esr = st.floats(min_value=1, max_value=200)
crp_l = st.floats(min_value=0, max_value=1000)
vas_mm = st.floats(min_value=0, max_value=100)
vas_cm = st.floats(min_value=0, max_value=10)


@given(t=counts, s=counts, e=esr, g=st.one_of(st.none(), vas_mm))
def test_das28_esr_rises_with_each_count(t: int, s: int, e: float, g: float | None) -> None:
    base = das28_esr(tender_joints_28=t, swollen_joints_28=s, esr_mm_per_h=e, patient_global_mm=g)
    if t < 28:
        more = das28_esr(
            tender_joints_28=t + 1, swollen_joints_28=s, esr_mm_per_h=e, patient_global_mm=g
        )
        assert more.value > base.value
    if s < 28:
        more = das28_esr(
            tender_joints_28=t, swollen_joints_28=s + 1, esr_mm_per_h=e, patient_global_mm=g
        )
        assert more.value > base.value
    assert math.isfinite(base.value)
    assert base.category is das28_category(base.value)


@given(t=counts, s=counts, c=crp_l, g=vas_mm, dg=st.floats(min_value=0.01, max_value=100))
def test_das28_crp_monotone_in_patient_global(
    t: int, s: int, c: float, g: float, dg: float
) -> None:
    higher = min(100.0, g + dg)
    low = das28_crp(tender_joints_28=t, swollen_joints_28=s, crp_mg_per_l=c, patient_global_mm=g)
    high = das28_crp(
        tender_joints_28=t, swollen_joints_28=s, crp_mg_per_l=c, patient_global_mm=higher
    )
    assert high.value >= low.value
    assert 0.96 <= low.value < 10


@given(t=counts, s=counts, p=vas_cm, e=vas_cm, c=st.floats(min_value=0, max_value=100))
def test_sdai_is_cdai_plus_crp(t: int, s: int, p: float, e: float, c: float) -> None:
    c_score = cdai(
        tender_joints_28=t, swollen_joints_28=s, patient_global_cm=p, evaluator_global_cm=e
    )
    s_score = sdai(
        tender_joints_28=t,
        swollen_joints_28=s,
        patient_global_cm=p,
        evaluator_global_cm=e,
        crp_mg_per_dl=c,
    )
    assert s_score.value == pytest.approx(c_score.value + c, rel=1e-12, abs=1e-12)
    assert 0 <= c_score.value <= 76


@given(a=st.floats(min_value=0, max_value=10), b=st.floats(min_value=0, max_value=10))
def test_eular_response_never_worse_for_larger_improvement(a: float, b: float) -> None:
    rank = {EularResponse.NONE: 0, EularResponse.MODERATE: 1, EularResponse.GOOD: 2}
    follow = min(a, b)
    worse = eular_response(baseline=follow, follow_up=follow)
    better = eular_response(baseline=max(a, b), follow_up=follow)
    assert rank[better.category] >= rank[worse.category]  # type: ignore[index]
