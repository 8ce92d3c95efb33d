"""The longitudinal response report: every definition per indication, tri-state, reused scores."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from activity_scores import (
    ImacsCoreSet,
    InvalidInputError,
    RaCoreSet,
    SscCoreSet,
    Visit,
    essdai,
    response_report,
    responses_for,
)

RA_BASE = Visit(
    label="baseline",
    visit_date=dt.date(2025, 1, 6),
    ra_core_set=RaCoreSet(
        tender_joints_68=20,
        swollen_joints_66=10,
        patient_pain_cm=6,
        patient_global_cm=7,
        physician_global_cm=5,
        haq_di=1.25,
        crp_mg_per_dl=2.0,
    ),
    tender_joints_28=10,
    swollen_joints_28=8,
    esr_mm_per_h=45,
    crp_mg_per_dl=2.0,
    patient_global_cm=7,
    evaluator_global_cm=5,
)
RA_WEEK24 = Visit(
    label="week 24",
    visit_date=dt.date(2025, 6, 23),
    ra_core_set=RaCoreSet(
        tender_joints_68=4,
        swollen_joints_66=2,
        patient_pain_cm=1,
        patient_global_cm=2,
        physician_global_cm=1,
        haq_di=0.5,
        crp_mg_per_dl=0.4,
    ),
    tender_joints_28=1,
    swollen_joints_28=1,
    esr_mm_per_h=12,
    crp_mg_per_dl=0.4,
    patient_global_cm=2,
    evaluator_global_cm=1,
)


def test_ra_every_definition_in_order() -> None:
    outcomes = responses_for("ra", baseline=RA_BASE, follow_up=RA_WEEK24)
    names = [o.name for o in outcomes]
    assert names == [
        "acr20",
        "acr50",
        "acr70",
        "eular_response",
        "boolean_remission_2011",
        "boolean_remission_2022",
        "sdai_remission",
        "cdai_remission",
    ]
    by = {o.name: o for o in outcomes}
    # TJC 20->4 (80 %), SJC 10->2 (80 %), pain 83 %, PtGA 71 %, MD 80 %, HAQ 60 %, CRP 80 %
    assert (by["acr20"].met, by["acr50"].met, by["acr70"].met) == (True, True, True)
    # DAS28-ESR by hand: 0.56√10 + 0.28√8 + 0.70 ln 45 + 0.014·70 = 6.21 -> 0.56 + 0.28 +
    # 0.70 ln 12 + 0.014·20 = 2.86: improvement 3.35 > 1.2 with follow-up <= 3.2: good
    assert by["eular_response"].values["response"] == "good"
    # follow-up: TJC28 1, SJC28 1, CRP 0.4, PtGA 2: 2011 fails on PtGA (> 1), 2022 met
    assert by["boolean_remission_2011"].met is False
    assert by["boolean_remission_2022"].met is True
    # SDAI 1 + 1 + 2 + 1 + 0.4 = 5.4 (> 3.3); CDAI 5.0 (> 2.8)
    assert by["sdai_remission"].met is False
    assert by["cdai_remission"].met is False


def test_ra_missing_data_is_unknown_and_named() -> None:
    bare = Visit(label="week 12")
    by = {o.name: o for o in responses_for("ra", baseline=RA_BASE, follow_up=bare)}
    assert all(o.met is None for o in by.values())
    assert by["acr20"].missing == ("follow_up.ra_core_set",)
    assert "follow_up.tender_joints_28" in by["eular_response"].missing
    assert "follow_up.crp_mg_per_dl" in by["boolean_remission_2011"].missing


def test_eular_falls_back_to_das28_crp_when_esr_missing() -> None:
    base = Visit(tender_joints_28=10, swollen_joints_28=8, crp_mg_per_dl=2.0, patient_global_cm=7)
    follow = Visit(tender_joints_28=9, swollen_joints_28=8, crp_mg_per_dl=1.8, patient_global_cm=7)
    eular = responses_for("ra", baseline=base, follow_up=follow)[3]
    assert "DAS28-CRP" in eular.reason
    assert eular.met is False  # a small improvement (< 0.6)


def test_ssc_criss_through_the_report() -> None:
    base = Visit(
        ssc_core_set=SscCoreSet(
            mrss=25, fvc_percent_predicted=80, patient_global=5, physician_global=5, haq_di=1.0
        )
    )
    follow = Visit(
        ssc_core_set=SscCoreSet(
            mrss=15, fvc_percent_predicted=82, patient_global=3, physician_global=3, haq_di=0.75
        ),
        new_renal_crisis=False,
        new_ild_or_fvc_decline=False,
        new_left_ventricular_failure=False,
        new_pulmonary_arterial_hypertension=None,
    )
    (criss,) = responses_for("ssc", baseline=base, follow_up=follow)
    assert criss.met is None  # P = 0.996 but one step-1 event was not assessed
    assert criss.missing == ("follow_up.new_pulmonary_arterial_hypertension",)


def test_pss_accepts_scores_and_numbers() -> None:
    levels = dict.fromkeys(
        [
            "constitutional",
            "lymphadenopathy",
            "glandular",
            "articular",
            "cutaneous",
            "pulmonary",
            "renal",
            "muscular",
            "peripheral_nervous_system",
            "central_nervous_system",
            "hematological",
            "biological",
        ],
        "no",
    )
    base = Visit(essdai=essdai({**levels, "articular": "moderate", "renal": "low"}), esspri=6.0)
    follow = Visit(essdai=essdai({**levels, "renal": "low"}), esspri=4.9)
    essdai_mcii, esspri_mcii = responses_for("pss", baseline=base, follow_up=follow)
    assert essdai_mcii.met is True  # 9 -> 5: articular moderate (2 x 2 = 4) resolved
    assert esspri_mcii.met is True  # 6 -> 4.9: 1.1 points


def test_iim_tis_and_imacs() -> None:
    base = Visit(
        imacs_core_set=ImacsCoreSet(
            physician_global_cm=6,
            patient_global_cm=6,
            mmt8_total=110,
            haq_di=1.5,
            muscle_enzyme=1200,
            muscle_enzyme_uln=200,
            extramuscular_global_cm=4,
        )
    )
    follow = Visit(
        imacs_core_set=ImacsCoreSet(
            physician_global_cm=2,
            patient_global_cm=3,
            mmt8_total=140,
            haq_di=0.5,
            muscle_enzyme=300,
            muscle_enzyme_uln=200,
            extramuscular_global_cm=1,
        )
    )
    tis, imacs = responses_for("iim", baseline=base, follow_up=follow)
    # PhGA 40 % of 10 cm -> 17.5; PtGA 30 % -> 7.5; MMT 30/150 = 20 % -> 20; HAQ 1/3 = 33 % ->
    # 7.5; enzyme (6 - 1.5)/6 = 75 % -> 7.5; extramuscular 30 % -> 15: TIS 75 (major)
    assert tis.points == 75
    assert tis.values["improvement"] == "major"
    assert imacs.met is True
    missing = responses_for("iim", baseline=base, follow_up=Visit())
    assert [o.met for o in missing] == [None, None]


def test_report_json_and_text() -> None:
    report = response_report(
        baseline_visit=RA_BASE,
        follow_up_visits=[RA_WEEK24, Visit(label="week 36")],
        indication="ra",
    )
    data = json.loads(json.dumps(report.to_dict()))
    assert data["baseline"]["visit_date"] == "2025-01-06"
    assert [v["label"] for v in data["visits"]] == ["week 24", "week 36"]
    assert len(data["visits"][0]["responses"]) == 8
    text = report.to_text()
    assert "[+] acr20" in text
    assert "[?] acr20" in text


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: responses_for("sle", baseline=Visit(), follow_up=Visit()), "indication"),
        (lambda: responses_for("ra", baseline={}, follow_up=Visit()), "baseline"),  # type: ignore[arg-type]
        (
            lambda: response_report(
                baseline_visit=Visit(),
                follow_up_visits=[Visit(), 3],  # type: ignore[list-item]
                indication="ra",
            ),
            "follow_up_visits[1]",
        ),
        (lambda: Visit(esr_mm_per_h=0), "esr_mm_per_h"),
        (lambda: Visit(essdai=124), "essdai"),
        (lambda: Visit(new_renal_crisis="no"), "new_renal_crisis"),  # type: ignore[arg-type]
        (lambda: Visit(ra_core_set={}), "ra_core_set"),  # type: ignore[arg-type]
        (lambda: Visit(visit_date="2025-01-01"), "visit_date"),  # type: ignore[arg-type]
    ],
)
def test_bad_input(call: object, field: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        call()  # type: ignore[operator]
    assert info.value.field == field
