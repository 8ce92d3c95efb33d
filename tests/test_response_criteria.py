"""RA response/remission and ACR-CRISS against hand computations from the primary sources."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores import (
    InvalidInputError,
    RaCoreSet,
    SscCoreSet,
    acr_criss,
    acr_eular_boolean_remission,
    acr_eular_index_remission,
    acr_response,
    cdai,
    das28_esr,
    sdai,
)

BASE = RaCoreSet(
    tender_joints_68=20,
    swollen_joints_66=10,
    patient_pain_cm=6,
    patient_global_cm=6,
    physician_global_cm=5,
    haq_di=1.25,
    crp_mg_per_dl=2.0,
    esr_mm_per_h=40,
)


def _follow(**changes: float | None) -> RaCoreSet:
    values: dict[str, float | None] = {
        "tender_joints_68": 16,
        "swollen_joints_66": 8,
        "patient_pain_cm": 4.8,
        "patient_global_cm": 5,
        "physician_global_cm": 4,
        "haq_di": 1.0,
        "crp_mg_per_dl": 1.9,
        "esr_mm_per_h": 40,
    }
    values.update(changes)
    return RaCoreSet(**values)  # type: ignore[arg-type]


def test_acr20_exactly_twenty_percent_counts() -> None:
    # Felson 1995: >= 20 % in TJC and SJC and >= 20 % in 3 of 5 others.
    # 20->16, 10->8, pain 6->4.8, MD 5->4, HAQ 1.25->1.0 are each exactly 20 %.
    result = acr_response(baseline=BASE, follow_up=_follow(), level=20)
    assert result.met is True
    assert result.item("haq_di").met is True  # 0.25 / 1.25 = 20 % exactly, no float noise
    assert result.item("patient_global_cm").met is False  # 16.7 %
    assert result.item("crp_mg_per_dl").met is False  # 5 %


def test_acr20_fails_when_a_joint_count_misses() -> None:
    result = acr_response(baseline=BASE, follow_up=_follow(tender_joints_68=17), level=20)
    assert result.met is False
    assert "tender_joints_68" in result.reason


def test_acr20_needs_three_of_five() -> None:
    result = acr_response(baseline=BASE, follow_up=_follow(haq_di=1.125), level=20)  # 10 %
    assert result.met is False  # pain and MD only


def test_acr_uses_the_chosen_acute_phase_reactant() -> None:
    follow = _follow(haq_di=1.125, esr_mm_per_h=30)  # ESR 25 % better
    assert acr_response(baseline=BASE, follow_up=follow).met is False
    assert acr_response(baseline=BASE, follow_up=follow, acute_phase_reactant="esr").met is True


def test_acr50_and_70_levels() -> None:
    follow = RaCoreSet(
        tender_joints_68=6,  # 70 %
        swollen_joints_66=3,  # 70 %
        patient_pain_cm=3,  # 50 %
        patient_global_cm=3,  # 50 %
        physician_global_cm=2.5,  # 50 %
        haq_di=1.0,
        crp_mg_per_dl=1.9,
    )
    assert acr_response(baseline=BASE, follow_up=follow, level=50).met is True
    assert acr_response(baseline=BASE, follow_up=follow, level=70).met is False


def test_acr_missing_data_is_unknown_only_when_it_matters() -> None:
    partial = _follow(patient_pain_cm=None, physician_global_cm=None)
    result = acr_response(baseline=BASE, follow_up=partial)
    assert result.met is None  # HAQ only met; pain and MD could make 3
    assert "follow_up.patient_pain_cm" in result.missing
    # a joint count that already fails decides it whatever is missing
    failing = _follow(tender_joints_68=20, patient_pain_cm=None)
    assert acr_response(baseline=BASE, follow_up=failing).met is False


def test_zero_baseline_cannot_improve() -> None:
    base = RaCoreSet(
        tender_joints_68=10,
        swollen_joints_66=10,
        patient_pain_cm=0,
        patient_global_cm=5,
        physician_global_cm=5,
        haq_di=1,
        crp_mg_per_dl=1,
    )
    follow = RaCoreSet(
        tender_joints_68=5,
        swollen_joints_66=5,
        patient_pain_cm=0,
        patient_global_cm=5,
        physician_global_cm=5,
        haq_di=1,
        crp_mg_per_dl=0.5,
    )
    result = acr_response(baseline=base, follow_up=follow)
    assert result.item("patient_pain_cm").met is False
    assert result.met is False


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"tender_joints_68": 69}, "tender_joints_68"),
        ({"swollen_joints_66": -1}, "swollen_joints_66"),
        ({"haq_di": 3.5}, "haq_di"),
        ({"patient_pain_cm": math.nan}, "patient_pain_cm"),
        ({"crp_mg_per_dl": "1"}, "crp_mg_per_dl"),
        ({"esr_mm_per_h": True}, "esr_mm_per_h"),
    ],
)
def test_core_set_validation(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        RaCoreSet(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


def test_acr_response_argument_errors() -> None:
    with pytest.raises(InvalidInputError, match="'level'"):
        acr_response(baseline=BASE, follow_up=BASE, level=30)
    with pytest.raises(InvalidInputError, match="'baseline'"):
        acr_response(baseline={}, follow_up=BASE)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'acute_phase_reactant'"):
        acr_response(baseline=BASE, follow_up=BASE, acute_phase_reactant="pct")


@pytest.mark.parametrize(
    ("tjc", "sjc", "pga", "crp", "v2011", "v2022"),
    [
        (1, 1, 1.0, 1.0, True, True),  # every item exactly at its limit
        (1, 1, 1.1, 1.0, False, True),
        (1, 1, 2.0, 1.0, False, True),
        (1, 1, 2.1, 1.0, False, False),
        (2, 0, 0.0, 0.0, False, False),
        (0, 2, 0.0, 0.0, False, False),
        (0, 0, 0.0, 1.01, False, False),
    ],
)
def test_boolean_remission_both_versions(
    tjc: int, sjc: int, pga: float, crp: float, v2011: bool, v2022: bool
) -> None:
    # Felson 2011 (PtGA <= 1) and Studenic 2023 (PtGA <= 2): TJC28, SJC28, CRP <= 1 mg/dL
    kwargs: dict[str, Any] = {
        "tender_joints_28": tjc,
        "swollen_joints_28": sjc,
        "patient_global_cm": pga,
        "crp_mg_per_dl": crp,
    }
    assert acr_eular_boolean_remission(**kwargs, version="2011").met is v2011
    assert acr_eular_boolean_remission(**kwargs, version="2022").met is v2022


def test_boolean_remission_missing_and_practice() -> None:
    unknown = acr_eular_boolean_remission(
        tender_joints_28=0, swollen_joints_28=0, patient_global_cm=1, crp_mg_per_dl=None
    )
    assert unknown.met is None
    assert unknown.missing == ("crp_mg_per_dl",)
    practice = acr_eular_boolean_remission(
        tender_joints_28=0,
        swollen_joints_28=0,
        patient_global_cm=1,
        crp_mg_per_dl=None,
        clinical_practice=True,
    )
    assert practice.met is True
    failed = acr_eular_boolean_remission(
        tender_joints_28=3, swollen_joints_28=None, patient_global_cm=None
    )
    assert failed.met is False


def test_index_remission() -> None:
    at_cut = sdai(
        tender_joints_28=1,
        swollen_joints_28=1,
        patient_global_cm=0.7,
        evaluator_global_cm=0.6,
        crp_mg_per_dl=0.0,
    )
    assert acr_eular_index_remission(at_cut).met is True  # 3.3 <= 3.3
    c = cdai(
        tender_joints_28=1, swollen_joints_28=1, patient_global_cm=0.5, evaluator_global_cm=0.4
    )
    assert acr_eular_index_remission(c).met is False  # 2.9 > 2.8
    with pytest.raises(InvalidInputError, match="'score'"):
        acr_eular_index_remission(
            das28_esr(tender_joints_28=1, swollen_joints_28=1, esr_mm_per_h=5)
        )


# --- ACR-CRISS (Khanna 2016): hand computations, 30-digit decimal ------------------------

NO_EVENTS = {
    "new_renal_crisis": False,
    "new_ild_or_fvc_decline": False,
    "new_left_ventricular_failure": False,
    "new_pulmonary_arterial_hypertension": False,
}
CRISS_BASE = SscCoreSet(
    mrss=25, fvc_percent_predicted=80, patient_global=5, physician_global=5, haq_di=1.0
)


@pytest.mark.parametrize(
    ("follow", "probability", "improved"),
    [
        # deltas mRSS -10, FVC +2, PtG -2, MDG -2, HAQ -0.25: L = 5.5125
        (SscCoreSet(mrss=15, fvc_percent_predicted=82, patient_global=3, physician_global=3, haq_di=0.75), 0.995980219106454, True),
        # no change: L = -5.54
        (CRISS_BASE, 0.003911169526191869, False),
        # -6, +1, -1, -1, 0: L = 0.37, just below 0.60
        (SscCoreSet(mrss=19, fvc_percent_predicted=81, patient_global=4, physician_global=4, haq_di=1.0), 0.5914589784327801, False),
        # -6, +1, -1, -1, -0.125: L = 0.79625, just above 0.60
        (SscCoreSet(mrss=19, fvc_percent_predicted=81, patient_global=4, physician_global=4, haq_di=0.875), 0.6891717488364236, True),
    ],
)  # fmt: skip
def test_criss_probability(follow: SscCoreSet, probability: float, improved: bool) -> None:
    result = acr_criss(baseline=CRISS_BASE, follow_up=follow, **NO_EVENTS)
    assert result.values["probability"] == pytest.approx(probability, rel=1e-12)
    assert result.met is improved


def test_criss_step1_overrides_and_unknowns() -> None:
    good = SscCoreSet(
        mrss=15, fvc_percent_predicted=82, patient_global=3, physician_global=3, haq_di=0.75
    )
    worse = acr_criss(
        baseline=CRISS_BASE, follow_up=good, **{**NO_EVENTS, "new_renal_crisis": True}
    )
    assert worse.met is False
    assert worse.values["probability"] == 0.0
    unassessed = acr_criss(baseline=CRISS_BASE, follow_up=good)
    assert unassessed.met is None  # P >= 0.6 but step 1 could still make it 0
    assert "new_renal_crisis" in unassessed.missing
    low = acr_criss(baseline=CRISS_BASE, follow_up=CRISS_BASE)
    assert low.met is False  # P < 0.6 whatever step 1 says
    incomplete = acr_criss(baseline=CRISS_BASE, follow_up=SscCoreSet(mrss=10), **NO_EVENTS)
    assert incomplete.met is None
    assert "follow_up.haq_di" in incomplete.missing


def test_criss_validation() -> None:
    with pytest.raises(InvalidInputError, match="'mrss'"):
        SscCoreSet(mrss=52)
    with pytest.raises(InvalidInputError, match="'haq_di'"):
        SscCoreSet(haq_di=-0.1)
    with pytest.raises(InvalidInputError, match="'new_renal_crisis'"):
        acr_criss(baseline=CRISS_BASE, follow_up=CRISS_BASE, new_renal_crisis=1)  # type: ignore[arg-type]


@given(st.integers(0, 51), st.integers(0, 51))
def test_criss_more_skin_improvement_never_lowers_probability(a: int, b: int) -> None:
    lo, hi = min(a, b), max(a, b)
    base = SscCoreSet(
        mrss=51, fvc_percent_predicted=80, patient_global=5, physician_global=5, haq_di=1.0
    )

    def prob(mrss: int) -> float:
        follow = SscCoreSet(
            mrss=mrss, fvc_percent_predicted=80, patient_global=5, physician_global=5, haq_di=1.0
        )
        value = acr_criss(baseline=base, follow_up=follow, **NO_EVENTS).values["probability"]
        assert isinstance(value, float)
        return value

    assert prob(lo) >= prob(hi)
    assert 0.0 <= prob(lo) <= 1.0
