"""ACR/EULAR 2010 RA, EULAR D2T RA, ACR 1991 functional class, steroid equivalents, Sharp.

Expected values are hand computations from the published tables (Aletaha 2010 Table 3,
Nagy 2021 Table 1, Hochberg 1992, BNF 6.3.2 equivalent doses), never the code against itself.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores import (
    FunctionalClass,
    InvalidInputError,
    InvalidInputTypeError,
    TreatmentCourse,
    acr_1991_functional_class,
    acr_eular_2010_ra,
    eular_difficult_to_treat_ra,
    prednisone_equivalent_mg,
    sharp_progression,
)

# ---------------------------------------------------------------------------------------
# ACR/EULAR 2010
# ---------------------------------------------------------------------------------------

#: A complete, entry-eligible patient; tests override single domains.
FULL: dict[str, Any] = {
    "definite_synovitis": True,
    "synovitis_better_explained_by_other_disease": False,
    "large_joints": 0,
    "small_joints": 0,
    "rf_iu_per_ml": 5,
    "rf_uln_iu_per_ml": 14,
    "acpa_u_per_ml": 2,
    "acpa_uln_u_per_ml": 7,
    "crp_mg_per_l": 3,
    "crp_uln_mg_per_l": 5,
    "esr_mm_per_h": 10,
    "esr_uln_mm_per_h": 20,
    "symptom_duration_weeks": 2,
    "typical_erosions": False,
    "previously_fulfilled": False,
}


def ra(**changes: Any) -> Any:
    return acr_eular_2010_ra(**{**FULL, **changes})


@pytest.mark.parametrize(
    ("large", "small", "other", "points"),
    [
        (0, 0, 0, 0),
        (1, 0, 0, 0),  # 1 large joint
        (2, 0, 0, 1),  # 2-10 large
        (10, 0, 0, 1),
        (10, 0, 5, 1),  # > 10 joints but no small joint: not the 5-point row
        (0, 1, 0, 2),  # 1-3 small
        (8, 3, 0, 5),  # 11 joints, >= 1 small
        (7, 3, 0, 2),  # 10 joints: 1-3 small
        (0, 4, 0, 3),  # 4-10 small
        (0, 10, 0, 3),
        (0, 11, 0, 5),  # > 10 joints
        (0, 3, 8, 5),  # other joints count towards > 10
        (0, 3, 7, 2),
        (10, 1, 0, 5),
    ],
)
def test_joint_domain(large: int, small: int, other: int, points: int) -> None:
    o = ra(large_joints=large, small_joints=small, other_joints=other)
    assert o.item("joints").points == points
    assert o.points == points


@pytest.mark.parametrize(
    ("rf", "uln", "points"),
    [
        (14, 14, 0),  # exactly 1 x ULN is negative
        (14.1, 14, 2),
        (42, 14, 2),  # exactly 3 x ULN is low positive
        (42.1, 14, 3),
        (0.3, 0.1, 2),  # 3 * 0.1 is 0.30000000000000004 in binary: still exactly 3 x ULN
        (0.31, 0.1, 3),
    ],
)
def test_serology_boundaries(rf: float, uln: float, points: int) -> None:
    o = ra(rf_iu_per_ml=rf, rf_uln_iu_per_ml=uln)
    assert o.item("serology").points == points


def test_serology_takes_the_higher_antibody() -> None:
    o = ra(rf_iu_per_ml=20, rf_uln_iu_per_ml=14, acpa_u_per_ml=100, acpa_uln_u_per_ml=7)
    assert o.item("serology").points == 3


@pytest.mark.parametrize(
    ("crp", "esr", "points"),
    [(5, 20, 0), (5.1, 20, 1), (5, 21, 1), (4, 25, 1)],
)
def test_acute_phase_boundaries(crp: float, esr: float, points: int) -> None:
    o = ra(crp_mg_per_l=crp, esr_mm_per_h=esr)
    assert o.item("acute_phase").points == points


@pytest.mark.parametrize(
    ("field", "value", "points"),
    [
        ("symptom_duration_weeks", 6, 1),
        ("symptom_duration_weeks", 5.99, 0),
        ("symptom_duration_days", 42, 1),
        ("symptom_duration_days", 41, 0),
    ],
)
def test_duration_boundary(field: str, value: float, points: int) -> None:
    changes = {"symptom_duration_weeks": None, field: value}
    assert ra(**changes).item("duration").points == points


def test_threshold_5_and_6_points() -> None:
    # 4-10 small joints (3) + low-positive RF (2) = 5: not RA.
    five = ra(small_joints=5, rf_iu_per_ml=30)
    assert (five.points, five.met) == (5, False)
    # + abnormal CRP (1) = 6: definite RA.
    six = ra(small_joints=5, rf_iu_per_ml=30, crp_mg_per_l=6)
    assert (six.points, six.met) == (6, True)
    assert six.item("score").met is True


def test_docstring_case_by_hand() -> None:
    # 1 large + 4 small -> 3; RF 45 > 3 x 14 -> 3; CRP 12 > 5 -> 1; 8 weeks -> 1: 8.
    o = ra(
        large_joints=1, small_joints=4, rf_iu_per_ml=45, crp_mg_per_l=12, symptom_duration_weeks=8
    )
    assert (o.met, o.points) == (True, 8)


def test_entry_condition_and_routes() -> None:
    strong = {
        "small_joints": 12,
        "rf_iu_per_ml": 100,
        "crp_mg_per_l": 50,
        "symptom_duration_weeks": 10,
    }
    assert ra(**strong).met is True
    assert ra(**strong, synovitis_better_explained_by_other_disease=True).met is False
    assert ra(**strong, definite_synovitis=False).met is False
    assert ra(definite_synovitis=False, typical_erosions=True).met is True
    assert ra(definite_synovitis=False, previously_fulfilled=True).met is True
    unknown = ra(definite_synovitis=False, typical_erosions=None)
    assert unknown.met is None
    assert unknown.missing == ("typical_erosions",)


def test_missing_duration_only_matters_when_it_could_flip() -> None:
    five = ra(small_joints=5, rf_iu_per_ml=30, symptom_duration_weeks=None)
    assert five.met is None
    assert "symptom_duration_weeks" in five.missing
    six = ra(small_joints=5, rf_iu_per_ml=30, crp_mg_per_l=6, symptom_duration_weeks=None)
    assert six.met is True
    low = ra(small_joints=1, symptom_duration_weeks=None)  # 2 known + at most 1: < 6
    assert low.met is False


def test_missing_joint_counts() -> None:
    o = ra(small_joints=None, rf_iu_per_ml=100, crp_mg_per_l=9, symptom_duration_weeks=8)
    assert o.met is None  # 5 known points, joints could add up to 5
    assert "small_joints" in o.missing
    o = ra(large_joints=None, small_joints=12)  # small 12 -> 5 whatever the large count
    assert o.item("joints").points == 5


def test_serology_and_acute_phase_tests_are_required() -> None:
    strong = {"small_joints": 12, "crp_mg_per_l": 50, "symptom_duration_weeks": 10}
    no_sero = ra(
        **strong,
        rf_iu_per_ml=None,
        rf_uln_iu_per_ml=None,
        acpa_u_per_ml=None,
        acpa_uln_u_per_ml=None,
    )
    assert no_sero.points == 7
    assert no_sero.met is None  # >= 6 points but no serology result: cannot classify
    assert set(no_sero.missing) >= {"rf_iu_per_ml", "acpa_u_per_ml"}
    one = ra(**strong, acpa_u_per_ml=None, acpa_uln_u_per_ml=None)
    assert one.met is True  # one test result suffices
    no_apr = ra(
        small_joints=12,
        rf_iu_per_ml=100,
        crp_mg_per_l=None,
        crp_uln_mg_per_l=None,
        esr_mm_per_h=None,
        esr_uln_mm_per_h=None,
        symptom_duration_weeks=10,
    )
    assert no_apr.met is None


def test_items_are_in_a_stable_order() -> None:
    names = [item.name for item in ra().items]
    assert names == [
        "entry",
        "joints",
        "serology",
        "acute_phase",
        "duration",
        "score",
        "typical_erosions",
        "previously_fulfilled",
    ]


@pytest.mark.parametrize(
    ("changes", "error", "match"),
    [
        ({"large_joints": 11}, InvalidInputError, "'large_joints' must be an integer from 0 to 10"),
        ({"small_joints": -1}, InvalidInputError, "'small_joints'"),
        ({"small_joints": 31}, InvalidInputError, "'small_joints'"),
        ({"small_joints": True}, InvalidInputTypeError, "'small_joints'"),
        ({"other_joints": 2.0}, InvalidInputTypeError, "'other_joints'"),
        ({"rf_uln_iu_per_ml": None}, InvalidInputError, "upper limit of normal"),
        ({"rf_uln_iu_per_ml": 0}, InvalidInputError, "'rf_uln_iu_per_ml' must be > 0"),
        ({"rf_iu_per_ml": math.nan}, InvalidInputError, "'rf_iu_per_ml' must be a finite"),
        ({"acpa_u_per_ml": "high"}, InvalidInputTypeError, "'acpa_u_per_ml'"),
        ({"crp_mg_per_l": -1}, InvalidInputError, "'crp_mg_per_l'"),
        ({"esr_mm_per_h": 201}, InvalidInputError, "'esr_mm_per_h'"),
        ({"symptom_duration_days": 3}, InvalidInputError, "at most one"),
        ({"symptom_duration_weeks": math.inf}, InvalidInputError, "'symptom_duration_weeks'"),
        (
            {"definite_synovitis": 1},
            InvalidInputTypeError,
            "'definite_synovitis' must be True or False",
        ),
        ({"typical_erosions": "yes"}, InvalidInputTypeError, "'typical_erosions'"),
    ],
)
def test_acr_eular_invalid(changes: dict[str, Any], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        ra(**changes)


@given(
    large=st.integers(0, 9),
    small=st.integers(0, 29),
    other=st.integers(0, 20),
    add=st.sampled_from(["large", "small", "other"]),
)
def test_adding_a_joint_never_lowers_the_joint_score(
    large: int, small: int, other: int, add: str
) -> None:
    before = ra(large_joints=large, small_joints=small, other_joints=min(other, 19))
    grown = {
        "large": (large + 1, small, min(other, 19)),
        "small": (large, small + 1, min(other, 19)),
        "other": (large, small, min(other, 19) + 1),
    }[add]
    after = ra(large_joints=grown[0], small_joints=grown[1], other_joints=grown[2])
    assert after.item("joints").points >= before.item("joints").points


@given(
    rf=st.floats(0, 1000, allow_nan=False),
    uln=st.floats(0.1, 100, allow_nan=False),
    extra=st.floats(0, 100, allow_nan=False),
)
def test_higher_titre_never_lowers_serology(rf: float, uln: float, extra: float) -> None:
    low = ra(rf_iu_per_ml=rf, rf_uln_iu_per_ml=uln).item("serology").points
    high = ra(rf_iu_per_ml=rf + extra, rf_uln_iu_per_ml=uln).item("serology").points
    assert high >= low


# ---------------------------------------------------------------------------------------
# Prednisone equivalents
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("drug", "dose"),
    [
        ("prednisone", 5),
        ("prednisolone", 5),
        ("methylprednisolone", 4),
        ("hydrocortisone", 20),
        ("cortisone", 25),
        ("dexamethasone", 0.75),
        ("betamethasone", 0.75),
        ("triamcinolone", 4),
        ("deflazacort", 6),
    ],
)
def test_bnf_equivalents_are_5_mg(drug: str, dose: float) -> None:
    assert prednisone_equivalent_mg(drug=drug, dose_mg=dose).value == 5


def test_betamethasone_alternative() -> None:
    assert (
        prednisone_equivalent_mg(
            drug="betamethasone", dose_mg=0.6, betamethasone="meikle_tyler"
        ).value
        == 5
    )
    assert prednisone_equivalent_mg(drug="betamethasone", dose_mg=0.6).value == 4
    # the table choice does not touch other drugs
    assert (
        prednisone_equivalent_mg(
            drug="dexamethasone", dose_mg=0.75, betamethasone="meikle_tyler"
        ).value
        == 5
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"drug": "cortisol", "dose_mg": 5}, InvalidInputError, "'drug' must be one of"),
        ({"drug": 3, "dose_mg": 5}, InvalidInputTypeError, "'drug'"),
        ({"drug": "prednisone", "dose_mg": -1}, InvalidInputError, "'dose_mg'"),
        ({"drug": "prednisone", "dose_mg": 2001}, InvalidInputError, "'dose_mg'"),
        ({"drug": "prednisone", "dose_mg": True}, InvalidInputTypeError, "'dose_mg'"),
        (
            {"drug": "prednisone", "dose_mg": 5, "betamethasone": "0.6"},
            InvalidInputError,
            "'betamethasone'",
        ),
    ],
)
def test_prednisone_invalid(kwargs: dict[str, Any], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        prednisone_equivalent_mg(**kwargs)


# ---------------------------------------------------------------------------------------
# Sharp progression
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "start", "follow", "end", "met"),
    [
        (10, date(2020, 1, 1), 15, date(2021, 1, 1), True),  # 5 points in one (leap) year
        (10, date(2021, 1, 1), 15, date(2022, 1, 1), True),  # 5 points in one common year
        (10, date(2021, 1, 1), 14.9, date(2022, 1, 1), False),
        (0, date(2020, 1, 1), 20, date(2024, 1, 1), True),  # 20 in 4 years = 5.0/year
        (0, date(2020, 1, 1), 19.9, date(2024, 1, 1), False),
        (10, date(2021, 1, 1), 13, date(2021, 7, 2), True),  # 3 in 182/365 year = 6.02/year
        (10, date(2021, 1, 1), 8, date(2022, 1, 1), False),  # score fell
        (10, date(2020, 2, 29), 15, date(2021, 2, 28), True),  # leap-day anniversary
    ],
)
def test_sharp_progression(base: float, start: date, follow: float, end: date, met: bool) -> None:
    o = sharp_progression(
        baseline_score=base, baseline_date=start, follow_up_score=follow, follow_up_date=end
    )
    assert o.met is met


def test_sharp_rate_by_hand() -> None:
    # 4 points over 2023-03-01..2023-12-01: 275 days of a 366-day anniversary year.
    o = sharp_progression(
        baseline_score=12,
        baseline_date=date(2023, 3, 1),
        follow_up_score=16,
        follow_up_date=date(2023, 12, 1),
    )
    assert o.values["points_per_year"] == pytest.approx(4 * 366 / 275)


@pytest.mark.parametrize(
    ("changes", "error", "match"),
    [
        ({"follow_up_date": date(2020, 1, 1)}, InvalidInputError, "must be after"),
        ({"follow_up_date": date(2019, 1, 1)}, InvalidInputError, "must be after"),
        ({"baseline_date": "2020-01-01"}, InvalidInputTypeError, "'baseline_date'"),
        ({"follow_up_score": 449}, InvalidInputError, "'follow_up_score'"),
        ({"baseline_score": math.nan}, InvalidInputError, "'baseline_score'"),
    ],
)
def test_sharp_invalid(changes: dict[str, Any], error: type[Exception], match: str) -> None:
    kwargs: dict[str, Any] = {
        "baseline_score": 1,
        "baseline_date": date(2020, 1, 1),
        "follow_up_score": 2,
        "follow_up_date": date(2021, 1, 1),
    }
    with pytest.raises(error, match=match):
        sharp_progression(**{**kwargs, **changes})


# ---------------------------------------------------------------------------------------
# ACR 1991 functional class
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("care", "work", "leisure", "cls"),
    [
        (False, False, False, "I"),
        (False, False, True, "II"),
        (False, True, True, "III"),
        (True, True, True, "IV"),
    ],
)
def test_functional_classes(care: bool, work: bool, leisure: bool, cls: str) -> None:
    s = acr_1991_functional_class(
        self_care_limited=care, vocational_limited=work, avocational_limited=leisure
    )
    assert s.category is FunctionalClass(cls)
    assert s.value == ["I", "II", "III", "IV"].index(cls) + 1


@pytest.mark.parametrize(
    ("care", "work", "leisure", "cls"),
    [
        (True, False, False, "IV"),
        (True, True, False, "IV"),
        (True, False, True, "IV"),
        (False, True, False, "III"),
    ],
)
def test_non_hierarchical(care: bool, work: bool, leisure: bool, cls: str) -> None:
    kwargs: dict[str, Any] = {
        "self_care_limited": care,
        "vocational_limited": work,
        "avocational_limited": leisure,
    }
    with pytest.raises(InvalidInputError, match="nested ACR 1991 patterns"):
        acr_1991_functional_class(**kwargs)
    s = acr_1991_functional_class(**kwargs, non_hierarchical="most_limited")
    assert s.category is FunctionalClass(cls)
    assert s.variant == "most_limited"


def test_functional_class_invalid() -> None:
    with pytest.raises(InvalidInputTypeError, match="'self_care_limited' must be True or False"):
        acr_1991_functional_class(
            self_care_limited=0,  # type: ignore[arg-type]
            vocational_limited=False,
            avocational_limited=False,
        )
    with pytest.raises(InvalidInputError, match="'non_hierarchical'"):
        acr_1991_functional_class(
            self_care_limited=False,
            vocational_limited=False,
            avocational_limited=False,
            non_hierarchical="iv",
        )


# ---------------------------------------------------------------------------------------
# EULAR difficult-to-treat RA
# ---------------------------------------------------------------------------------------


def course(drug: str, cls: str, mech: str | None, reason: str | None, year: int) -> TreatmentCourse:
    return TreatmentCourse(
        drug=drug,
        drug_class=cls,
        mechanism=mech,
        start_date=date(year, 1, 1),
        stop_date=None if reason is None else date(year, 12, 1),
        reason_stopped=reason,
    )


MTX = course("methotrexate", "csDMARD", None, "inefficacy", 2015)
ADA = course("adalimumab", "bDMARD", "tnf", "inefficacy", 2016)
ETN = course("etanercept", "bDMARD", "tnf", "adverse_event", 2017)
TCZ = course("tocilizumab", "bDMARD", "il6", "inefficacy", 2018)
TOFA = course("tofacitinib", "tsDMARD", "jak", None, 2019)

D2T: dict[str, Any] = {
    "treatments": [MTX, ADA, TCZ, TOFA],
    "csdmard_contraindicated": False,
    "access_restricted_by_socioeconomic_factors": False,
    "signs_or_symptoms_of_active_disease": True,
    "problematic_for_rheumatologist": True,
}


def d2t(**changes: Any) -> Any:
    return eular_difficult_to_treat_ra(**{**D2T, **changes})


def test_d2t_all_three_criteria() -> None:
    o = d2t()
    assert o.met is True
    assert [i.name for i in o.items] == [
        "treatment_failure",
        "active_or_progressive",
        "problematic_management",
    ]
    assert d2t(problematic_for_rheumatologist=False, problematic_for_patient=False).met is False
    assert (
        d2t(
            signs_or_symptoms_of_active_disease=False,
            other_composite_at_least_moderate=False,
            lowest_glucocorticoid_dose_mg_per_day=0,
            rapid_radiographic_progression=False,
            well_controlled_but_reduced_quality_of_life=False,
            tender_joints_28=0,
            swollen_joints_28=0,
            esr_mm_per_h=5,
            patient_global_mm=10,
            patient_global_cm=1,
            evaluator_global_cm=1,
        ).met
        is False
    )
    # without DAS28/CDAI components, "no other composite" alone leaves the item open
    assert (
        d2t(signs_or_symptoms_of_active_disease=None, other_composite_at_least_moderate=False)
        .item("active_or_progressive")
        .item("moderate_activity")
        .met
        is None
    )


def test_same_mechanism_counts_once() -> None:
    two_tnf = d2t(treatments=[MTX, ADA, ETN, TOFA])
    assert two_tnf.item("treatment_failure").met is False
    assert two_tnf.met is False
    # literal protocol reading: any two b/tsDMARDs
    assert d2t(treatments=[MTX, ADA, ETN], require_different_mechanisms=False).met is True


def test_ongoing_and_non_failure_courses_do_not_count() -> None:
    assert d2t(treatments=[MTX, ADA, TOFA]).item("treatment_failure").met is False
    stopped_in_remission = course("tocilizumab", "bDMARD", "il6", "other", 2018)
    assert d2t(treatments=[MTX, ADA, stopped_in_remission]).item("treatment_failure").met is False
    unknown = course("tocilizumab", "bDMARD", "il6", "unknown", 2018)
    o = d2t(treatments=[MTX, ADA, unknown])
    assert o.item("treatment_failure").met is None
    assert o.met is None
    assert o.missing == ("treatments",)  # access restriction is known (False) in D2T
    open_access = d2t(
        treatments=[MTX, ADA, unknown], access_restricted_by_socioeconomic_factors=None
    )
    assert open_access.missing == ("treatments", "access_restricted_by_socioeconomic_factors")


def test_csdmard_exceptions() -> None:
    no_cs = d2t(treatments=[ADA, TCZ], csdmard_contraindicated=None)
    assert no_cs.item("treatment_failure").met is None
    assert no_cs.item("treatment_failure").missing == ("csdmard_contraindicated",)
    assert d2t(treatments=[ADA, TCZ], csdmard_contraindicated=True).met is True
    assert d2t(treatments=[ADA, TCZ], csdmard_contraindicated=False).met is False


def test_socioeconomic_exception() -> None:
    open_access = d2t(treatments=[MTX, ADA], access_restricted_by_socioeconomic_factors=None)
    assert open_access.item("treatment_failure").met is None
    assert open_access.missing == ("access_restricted_by_socioeconomic_factors",)
    assert d2t(treatments=[MTX, ADA], access_restricted_by_socioeconomic_factors=True).met is True
    assert d2t(treatments=[MTX, ADA], access_restricted_by_socioeconomic_factors=False).met is False
    assert d2t(treatments=None).met is None


def _activity(**kwargs: Any) -> Any:
    o = d2t(signs_or_symptoms_of_active_disease=None, **kwargs)
    return o.item("active_or_progressive").item("moderate_activity")


def test_das28_boundary_3_2() -> None:
    # hand computation: 0.70 ln 22 + 0.014 x 74 = 2.16373 + 1.036 = 3.19973 -> reads 3.20: low
    at = _activity(
        tender_joints_28=0,
        swollen_joints_28=0,
        esr_mm_per_h=22,
        patient_global_mm=74,
        other_composite_at_least_moderate=False,
        patient_global_cm=0,
        evaluator_global_cm=0,
    )
    assert at.met is False
    # GH 75: 3.21373 > 3.2: moderate
    above = _activity(
        tender_joints_28=0, swollen_joints_28=0, esr_mm_per_h=22, patient_global_mm=75
    )
    assert above.met is True


def test_cdai_boundary_10() -> None:
    common = {
        "tender_joints_28": 4,
        "swollen_joints_28": 4,
        "other_composite_at_least_moderate": False,
        "esr_mm_per_h": 2,
        "patient_global_mm": 0,
    }
    at = _activity(patient_global_cm=1.0, evaluator_global_cm=1.0, **common)  # CDAI 10: low
    assert at.met is False
    above = _activity(patient_global_cm=1.1, evaluator_global_cm=1.0, **common)  # 10.1: moderate
    assert above.met is True
    assert above.values["cdai"] == pytest.approx(10.1)


def test_composite_unknown_when_missing() -> None:
    o = _activity(tender_joints_28=2)
    assert o.met is None
    assert "esr_mm_per_h" in o.missing


@pytest.mark.parametrize(
    ("drug", "dose", "met"),
    [
        ("prednisone", 7.5, True),  # not below 7.5
        ("prednisone", 7.4, False),
        ("prednisolone", 10, True),
        ("methylprednisolone", 6, True),  # 6 x 5/4 = 7.5
        ("methylprednisolone", 5.9, False),
        ("dexamethasone", 1.125, True),  # 1.125 x 5/0.75 = 7.5
        ("hydrocortisone", 29.9, False),  # 29.9 / 4 = 7.475
        ("betamethasone", 1.125, True),
        (None, 0, False),  # no glucocorticoid
    ],
)
def test_glucocorticoid_taper_boundary(drug: str | None, dose: float, met: bool) -> None:
    o = d2t(
        signs_or_symptoms_of_active_disease=None,
        glucocorticoid_drug=drug,
        lowest_glucocorticoid_dose_mg_per_day=dose,
    )
    assert o.item("active_or_progressive").item("glucocorticoid_taper").met is met


def test_any_one_of_five_signs_suffices() -> None:
    for field in (
        "rapid_radiographic_progression",
        "well_controlled_but_reduced_quality_of_life",
        "other_composite_at_least_moderate",
        "signs_or_symptoms_of_active_disease",
    ):
        o = d2t(**{"signs_or_symptoms_of_active_disease": None, field: True})
        assert o.item("active_or_progressive").met is True, field
    unknown = d2t(signs_or_symptoms_of_active_disease=None)
    assert unknown.met is None
    assert "rapid_radiographic_progression" in unknown.missing


def test_problematic_and_or_both() -> None:
    assert d2t(problematic_for_rheumatologist=None, problematic_for_patient=True).met is True
    both = d2t(problematic_for_patient=None, require_both_perceive_problematic=True)
    assert both.met is None
    assert both.missing == ("problematic_for_patient",)
    assert d2t(problematic_for_patient=False, require_both_perceive_problematic=True).met is False


def test_treatment_course_normalises_strings() -> None:
    assert ADA.mechanism is not None
    assert ADA.mechanism.value == "tnf"
    assert ADA.failed is True
    assert TOFA.failed is False


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"drug_class": "biologic"}, InvalidInputError, "'drug_class' must be one of"),
        ({"mechanism": None}, InvalidInputError, "'mechanism' is required"),
        ({"drug_class": "csDMARD"}, InvalidInputError, "'mechanism' must be None for a csDMARD"),
        ({"mechanism": "il17"}, InvalidInputError, "'mechanism'"),
        ({"stop_date": date(2019, 1, 1)}, InvalidInputError, "'stop_date' must be on or after"),
        ({"reason_stopped": None}, InvalidInputError, "'reason_stopped' is required"),
        ({"stop_date": None}, InvalidInputError, "'reason_stopped' must be None"),
        ({"reason_stopped": "failed"}, InvalidInputError, "'reason_stopped'"),
        ({"start_date": "2020-01-01"}, InvalidInputTypeError, "'start_date'"),
        ({"drug": ""}, InvalidInputTypeError, "'drug'"),
    ],
)
def test_treatment_course_invalid(
    kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    base: dict[str, Any] = {
        "drug": "adalimumab",
        "drug_class": "bDMARD",
        "mechanism": "tnf",
        "start_date": date(2020, 1, 1),
        "stop_date": date(2020, 6, 1),
        "reason_stopped": "inefficacy",
    }
    with pytest.raises(error, match=match):
        TreatmentCourse(**{**base, **kwargs})


@pytest.mark.parametrize(
    ("changes", "error", "match"),
    [
        ({"treatments": "MTX"}, InvalidInputTypeError, "'treatments' must be a sequence"),
        ({"treatments": [MTX, "ADA"]}, InvalidInputTypeError, r"'treatments\[1\]'"),
        ({"tender_joints_28": 29}, InvalidInputError, "'tender_joints_28'"),
        ({"esr_mm_per_h": 0}, InvalidInputError, "'esr_mm_per_h'"),
        ({"patient_global_cm": 11}, InvalidInputError, "'patient_global_cm'"),
        (
            {"glucocorticoid_drug": "prednisone"},
            InvalidInputError,
            "'lowest_glucocorticoid_dose_mg_per_day' is required",
        ),
        (
            {"lowest_glucocorticoid_dose_mg_per_day": 5},
            InvalidInputError,
            "'glucocorticoid_drug' is required",
        ),
        (
            {"glucocorticoid_drug": "cortisol", "lowest_glucocorticoid_dose_mg_per_day": 5},
            InvalidInputError,
            "'glucocorticoid_drug'",
        ),
        (
            {"lowest_glucocorticoid_dose_mg_per_day": -1, "glucocorticoid_drug": "prednisone"},
            InvalidInputError,
            "'lowest_glucocorticoid_dose_mg_per_day'",
        ),
        ({"problematic_for_patient": "yes"}, InvalidInputTypeError, "'problematic_for_patient'"),
        (
            {"require_different_mechanisms": None},
            InvalidInputTypeError,
            "'require_different_mechanisms'",
        ),
    ],
)
def test_d2t_invalid(changes: dict[str, Any], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        d2t(**changes)


@given(
    st.integers(0, 28), st.integers(0, 28), st.integers(1, 200), st.floats(0, 100, allow_nan=False)
)
def test_more_tender_joints_never_undo_moderate_activity(
    tjc: int, sjc: int, esr: int, gh: float
) -> None:
    before = _activity(
        tender_joints_28=tjc, swollen_joints_28=sjc, esr_mm_per_h=esr, patient_global_mm=gh
    )
    after = _activity(
        tender_joints_28=min(tjc + 1, 28),
        swollen_joints_28=sjc,
        esr_mm_per_h=esr,
        patient_global_mm=gh,
    )
    if before.met is True:
        assert after.met is True
