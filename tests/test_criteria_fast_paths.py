"""The issue-8 speed-ups of the classification criteria change nothing observable.

Three kinds of checks:

* whole outcomes of the example records (``examples/<indication>-eligible.json``), every
  nested item with its reason, points (and their type), values and missing inputs, written
  out by hand and checked against the papers' arithmetic in the comments;
* each fast comparison against the general (exact) code it short-cuts, at and around every
  cut-off: Sjögren's measured tests against ``Fraction.limit_denominator(10**6)``, the RA
  serology, acute-phase and duration domains against ``_exact``, the RA joint domain against
  the enumeration of every count a missing one could take;
* Hypothesis properties over partly missing inputs: a decided outcome holds for every
  completion, an unknown one has completions both ways, and ``missing`` names exactly the
  hidden inputs whose value can change the outcome for some completion of the others.
"""

from __future__ import annotations

import inspect
import itertools
import math
from datetime import date
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activity_scores import (
    Outcome,
    TreatmentCourse,
    acr_eular_2010_ra,
    acr_eular_2013_ssc,
    acr_eular_2016_sjogren,
    aecg_2002_sjogren,
    eular_acr_2017_iim,
    eular_difficult_to_treat_ra,
)
from activity_scores.criteria import rheumatoid
from tests.test_sjogren_criteria import NO_EXCLUSION_2016, NO_EXCLUSION_AECG

Row = tuple[str, bool | None, str, object, dict[str, object], tuple[str, ...]]


def _rows(outcome: Outcome) -> list[Row]:
    return [
        (item.name, item.met, item.reason, item.points, dict(item.values), item.missing)
        for item in outcome.walk()
    ]


def _assert_rows(outcome: Outcome, expected: list[Row]) -> None:
    assert _rows(outcome) == expected
    # 6 == 6.0: the points' types are part of the output (JSON 6 vs 6.0).
    assert [type(item.points) for item in outcome.walk()] == [type(row[3]) for row in expected]


# ---------------------------------------------------------------------------------------
# Whole outcomes of the example records
# ---------------------------------------------------------------------------------------


def test_2016_pss_example_record() -> None:
    # examples/pss-eligible.json: focus score (3) + anti-Ro (3) = 6 >= 4; the three 1-point
    # items are not recorded (up to 3 more).
    outcome = acr_eular_2016_sjogren(
        dry_eyes_over_3_months=True,
        dry_mouth_over_3_months=True,
        focal_lymphocytic_sialadenitis=True,
        focus_score_per_4_mm2=2.0,
        anti_ro_ssa=True,
        **NO_EXCLUSION_2016,
    )
    _assert_rows(
        outcome,
        [
            (
                "acr_eular_2016_sjogren",
                True,
                (
                    "ACR/EULAR 2016 primary SS: met: 6 points (+ up to 3 unknown), threshold >= 4 "
                    "met; entry met; no exclusion met"
                ),
                6,
                {"points": 6, "unknown_points_max": 3},
                (),
            ),
            (
                "entry",
                True,
                (
                    "entry criterion (a dryness question or ESSDAI suspicion): met (dry eyes > 3 "
                    "months: yes; sand or gravel sensation: unknown; tear substitutes > 3 times a "
                    "day: unknown; dry mouth > 3 months: yes; liquids to swallow dry food: unknown; "
                    "ESSDAI domain with a positive item: unknown)"
                ),
                None,
                {
                    "dry_eyes_over_3_months": True,
                    "sand_or_gravel_sensation_in_eyes": None,
                    "tear_substitutes_over_3_times_daily": None,
                    "dry_mouth_over_3_months": True,
                    "liquids_to_swallow_dry_food": None,
                    "essdai_positive_domain": None,
                },
                (),
            ),
            (
                "focus_score",
                True,
                (
                    "focal lymphocytic sialadenitis with focus score >= 1 (3 points): met (focal "
                    "lymphocytic sialadenitis: yes; focus score 2 foci/4 mm² >= 1)"
                ),
                3,
                {"focal_lymphocytic_sialadenitis": True, "focus_score_per_4_mm2": 2.0},
                (),
            ),
            (
                "anti_ro_ssa",
                True,
                "anti-SSA/Ro (3 points): met (anti-SSA/Ro: yes)",
                3,
                {"anti_ro_ssa": True},
                (),
            ),
            (
                "ocular_staining",
                None,
                (
                    "Ocular Staining Score >= 5 or van Bijsterveld >= 4 (1 point): unknown (OSS not "
                    "recorded; van Bijsterveld score not recorded)"
                ),
                None,
                {"ocular_staining_score": None, "van_bijsterveld_score": None},
                ("ocular_staining_score", "van_bijsterveld_score"),
            ),
            (
                "schirmer",
                None,
                "Schirmer <= 5 mm/5 min (1 point): unknown (Schirmer not recorded)",
                None,
                {"schirmer_mm_per_5_min": None},
                ("schirmer_mm_per_5_min",),
            ),
            (
                "unstimulated_saliva_flow",
                None,
                (
                    "unstimulated whole saliva flow <= 0.1 mL/min (1 point): unknown (unstimulated "
                    "whole saliva not recorded)"
                ),
                None,
                {"unstimulated_saliva_flow_ml_per_min": None},
                ("unstimulated_saliva_flow_ml_per_min",),
            ),
            (
                "no_exclusion",
                True,
                (
                    "no exclusion condition: met (head and neck radiation: no; active hepatitis C "
                    "(PCR): no; AIDS: no; sarcoidosis: no; amyloidosis: no; GVHD: no; IgG4-related "
                    "disease: no)"
                ),
                None,
                dict(NO_EXCLUSION_2016),
                (),
            ),
        ],
    )


def test_aecg_complete_record_at_the_cut_offs() -> None:
    # Schirmer exactly 5, focus score exactly 1, flow exactly 1.5 mL/15 min: all met (<=, >=).
    # Items I, III, IV, V positive: rule a (4 of 6 with IV) and rule b (III, IV, V).
    outcome = aecg_2002_sjogren(
        dry_eyes_over_3_months=True,
        sand_or_gravel_sensation_in_eyes=False,
        tear_substitutes_over_3_times_daily=False,
        dry_mouth_over_3_months=False,
        swollen_salivary_glands_as_adult=False,
        liquids_to_swallow_dry_food=False,
        schirmer_mm_per_5_min=5.0,
        van_bijsterveld_score=3,
        focal_lymphocytic_sialadenitis=True,
        focus_score_per_4_mm2=1.0,
        unstimulated_saliva_flow_ml_per_15_min=1.5,
        sialography_diffuse_sialectasias=False,
        scintigraphy_abnormal=False,
        anti_ro_ssa=False,
        anti_la_ssb=False,
        **NO_EXCLUSION_AECG,
    )
    exclusions = {
        k: v for k, v in NO_EXCLUSION_AECG.items() if k != "potentially_associated_disease"
    }
    _assert_rows(
        outcome,
        [
            (
                "aecg_2002_sjogren",
                True,
                (
                    "AECG 2002 primary SS: met: rule a met, rule b met, no exclusion met, no "
                    "associated disease met"
                ),
                None,
                {"positive_items": 4, "positive_objective_items": 3},
                (),
            ),
            (
                "ocular_symptoms",
                True,
                (
                    "I ocular symptoms (any question): met (dry eyes > 3 months: yes; sand or "
                    "gravel sensation: no; tear substitutes > 3 times a day: no)"
                ),
                None,
                {
                    "dry_eyes_over_3_months": True,
                    "sand_or_gravel_sensation_in_eyes": False,
                    "tear_substitutes_over_3_times_daily": False,
                },
                (),
            ),
            (
                "oral_symptoms",
                False,
                (
                    "II oral symptoms (any question): not met (dry mouth > 3 months: no; swollen "
                    "salivary glands as an adult: no; liquids to swallow dry food: no)"
                ),
                None,
                {
                    "dry_mouth_over_3_months": False,
                    "swollen_salivary_glands_as_adult": False,
                    "liquids_to_swallow_dry_food": False,
                },
                (),
            ),
            (
                "ocular_signs",
                True,
                (
                    "III ocular signs (any test): met (Schirmer I 5 mm/5 min <= 5; van Bijsterveld "
                    "score 3 < 4)"
                ),
                None,
                {"schirmer_mm_per_5_min": 5.0, "van_bijsterveld_score": 3},
                (),
            ),
            (
                "histopathology",
                True,
                (
                    "IV histopathology (focal lymphocytic sialadenitis and focus score >= 1): met "
                    "(focal lymphocytic sialadenitis: yes; focus score 1 foci/4 mm² >= 1)"
                ),
                None,
                {"focal_lymphocytic_sialadenitis": True, "focus_score_per_4_mm2": 1.0},
                (),
            ),
            (
                "salivary_gland_involvement",
                True,
                (
                    "V salivary gland involvement (any test): met (unstimulated whole saliva 1.5 "
                    "mL/15 min <= 1.5; diffuse sialectasias on sialography: no; abnormal "
                    "scintigraphy: no)"
                ),
                None,
                {
                    "unstimulated_saliva_flow_ml_per_15_min": 1.5,
                    "sialography_diffuse_sialectasias": False,
                    "scintigraphy_abnormal": False,
                },
                (),
            ),
            (
                "autoantibodies",
                False,
                (
                    "VI autoantibodies (anti-Ro/SSA and/or anti-La/SSB): not met (anti-Ro/SSA: no; "
                    "anti-La/SSB: no)"
                ),
                None,
                {"anti_ro_ssa": False, "anti_la_ssb": False},
                (),
            ),
            (
                "no_exclusion",
                True,
                (
                    "no exclusion condition: met (head and neck radiation: no; hepatitis C: no; "
                    "AIDS: no; pre-existing lymphoma: no; sarcoidosis: no; GVHD: no; "
                    "anticholinergic drugs within 4 half-lives: no)"
                ),
                None,
                exclusions,
                (),
            ),
            (
                "no_associated_disease",
                True,
                "no potentially associated disease: met (potentially associated disease: no)",
                None,
                {"potentially_associated_disease": False},
                (),
            ),
            (
                "rule_a",
                True,
                (
                    "4 of the 6 items with IV or VI positive: met (4 of 6 positive; IV met, VI not "
                    "met)"
                ),
                None,
                {"positive_items": 4},
                (),
            ),
            (
                "rule_b",
                True,
                "3 of the 4 objective items (III-VI): met (3 of 4 positive)",
                None,
                {"positive_objective_items": 3},
                (),
            ),
        ],
    )


def test_2010_ra_example_record() -> None:
    # examples/ra-eligible.json: 12 joints with >= 1 small (A 5), RF 120 > 3 x 20 (B 3),
    # CRP 24 > 5 (C 1), 300 weeks = 2100 days >= 42 (D 1): 10 points.
    outcome = acr_eular_2010_ra(
        definite_synovitis=True,
        synovitis_better_explained_by_other_disease=False,
        large_joints=4,
        small_joints=8,
        rf_iu_per_ml=120,
        rf_uln_iu_per_ml=20,
        acpa_u_per_ml=300,
        acpa_uln_u_per_ml=20,
        crp_mg_per_l=24,
        crp_uln_mg_per_l=5,
        esr_mm_per_h=40,
        esr_uln_mm_per_h=20,
        symptom_duration_weeks=300,
    )
    _assert_rows(
        outcome,
        [
            (
                "acr_eular_2010_ra",
                True,
                "definite RA by the score route: 10 points (A 5, B 3, C 1, D 1)",
                10,
                {"points": 10, "entry": True},
                (),
            ),
            (
                "entry",
                True,
                (
                    "at least 1 joint with definite clinical synovitis not better explained by "
                    "another disease: synovitis True, better explained False"
                ),
                None,
                {"definite_synovitis": True, "better_explained": False},
                (),
            ),
            (
                "joints",
                True,
                "4 large, 8 small, 0 other joints: 5 points",
                5,
                {"large_joints": 4, "small_joints": 8, "other_joints": 0},
                (),
            ),
            (
                "serology",
                True,
                "RF 120.0 (ULN 20.0): 3; ACPA 300.0 (ULN 20.0): 3 -> 3 points",
                3,
                {"rf": (120.0, 20.0), "acpa": (300.0, 20.0)},
                (),
            ),
            (
                "acute_phase",
                True,
                "CRP 24.0 (ULN 5.0) abnormal; ESR 40.0 (ULN 20.0) abnormal -> 1 point",
                1,
                {"crp": (24.0, 5.0), "esr": (40.0, 20.0)},
                (),
            ),
            (
                "duration",
                True,
                "symptoms 2100.0 days (>= 6 weeks) -> 1 point",
                1,
                {"symptom_duration_days": 2100.0},
                (),
            ),
            (
                "score",
                True,
                "10 points (A 5, B 3, C 1, D 1); >= 6 of 10 needed",
                10,
                {"known_points": 10, "missing_points_max": 0},
                (),
            ),
            (
                "typical_erosions",
                None,
                "erosive disease typical of RA with a compatible history: None",
                None,
                {},
                ("typical_erosions",),
            ),
            (
                "previously_fulfilled",
                None,
                "long-standing disease that previously fulfilled the 2010 criteria: None",
                None,
                {},
                ("previously_fulfilled",),
            ),
        ],
    )


def _course(drug: str, cls: str, start: date, **kwargs: Any) -> TreatmentCourse:
    return TreatmentCourse(drug=drug, drug_class=cls, start_date=start, **kwargs)


def test_d2t_example_record() -> None:
    # examples/ra-eligible.json: MTX failed, then TNF and IL-6 inhibitors failed (2
    # mechanisms); DAS28-ESR = 0.56 sqrt(10) + 0.28 sqrt(8) + 0.70 ln(40) + 0.014 x 70 = 6.13.
    history = [
        _course(
            "methotrexate",
            "csDMARD",
            date(2019, 6, 1),
            stop_date=date(2020, 6, 1),
            reason_stopped="inefficacy",
        ),
        _course(
            "adalimumab",
            "bDMARD",
            date(2020, 7, 1),
            mechanism="tnf",
            stop_date=date(2021, 7, 1),
            reason_stopped="inefficacy",
        ),
        _course(
            "tocilizumab",
            "bDMARD",
            date(2021, 8, 1),
            mechanism="il6",
            stop_date=date(2023, 1, 15),
            reason_stopped="inefficacy",
        ),
    ]
    outcome = eular_difficult_to_treat_ra(
        treatments=history,
        tender_joints_28=10,
        swollen_joints_28=8,
        esr_mm_per_h=40,
        patient_global_mm=70,
        evaluator_global_cm=6.5,
        signs_or_symptoms_of_active_disease=True,
        problematic_for_rheumatologist=True,
        problematic_for_patient=True,
    )
    rows = _rows(outcome)
    das = rows[3][4].pop("das28_esr")
    assert das == pytest.approx(
        0.56 * math.sqrt(10) + 0.28 * math.sqrt(8) + 0.70 * math.log(40) + 0.98
    )
    assert rows == [
        (
            "eular_difficult_to_treat_ra",
            True,
            (
                "all 3 criteria needed: treatment_failure met, active_or_progressive met, "
                "problematic_management met"
            ),
            None,
            {"criteria_met": 3},
            (),
        ),
        (
            "treatment_failure",
            True,
            (
                "csDMARD failure True (methotrexate), contraindicated None; b/tsDMARD failures "
                "adalimumab (tnf), tocilizumab (il6): 2 mechanisms (>= 2 needed), access restricted "
                "None"
            ),
            None,
            {"csdmard_failed": True, "failed_b_ts_mechanisms": ["il6", "tnf"]},
            (),
        ),
        (
            "active_or_progressive",
            True,
            "2 of 5 signs of active/progressive disease met (>= 1 needed)",
            None,
            {},
            (),
        ),
        (
            "moderate_activity",
            True,
            "at least moderate activity (DAS28-ESR > 3.2 or CDAI > 10): DAS28-ESR 6.13 (> 3.2)",
            None,
            {},
            (),
        ),
        (
            "active_signs_or_symptoms",
            True,
            "signs and/or symptoms suggestive of active disease: True",
            None,
            {},
            (),
        ),
        (
            "glucocorticoid_taper",
            None,
            "lowest glucocorticoid dose not given",
            None,
            {},
            ("lowest_glucocorticoid_dose_mg_per_day",),
        ),
        (
            "rapid_radiographic_progression",
            None,
            "rapid radiographic progression (>= 5 Sharp points/year): None",
            None,
            {},
            ("rapid_radiographic_progression",),
        ),
        (
            "reduced_quality_of_life",
            None,
            "well controlled but RA symptoms reduce quality of life: None",
            None,
            {},
            ("well_controlled_but_reduced_quality_of_life",),
        ),
        (
            "problematic_management",
            True,
            (
                "management perceived as problematic by rheumatologist True, patient True (either "
                "needed)"
            ),
            None,
            {},
            (),
        ),
    ]


@pytest.mark.parametrize(
    ("distinct", "unit", "counted", "missing"),
    [
        # Mechanisms: TNF failed, TNF again unknown: at most 1 mechanism, so criterion 1b
        # is not met by failures; unknown through the csDMARD and the two other inputs.
        (
            True,
            "1 mechanisms",
            ["tnf"],
            ("treatments", "csdmard_contraindicated", "access_restricted_by_socioeconomic_factors"),
        ),
        # Drugs: adalimumab failed, etanercept unknown: 1 or 2 drugs, "treatments" once.
        (
            False,
            "1 drugs",
            1,
            ("treatments", "csdmard_contraindicated", "access_restricted_by_socioeconomic_factors"),
        ),
    ],
)
def test_d2t_criterion_1_with_unknown_stops(
    distinct: bool,
    unit: str,
    counted: object,
    missing: tuple[str, ...],
) -> None:
    history = [  # out of order: sorted by start date (etanercept first)
        _course(
            "mtx", "csDMARD", date(2018, 1, 1), stop_date=date(2019, 1, 1), reason_stopped="unknown"
        ),
        _course(
            "ada",
            "bDMARD",
            date(2019, 2, 1),
            mechanism="tnf",
            stop_date=date(2020, 2, 1),
            reason_stopped="inefficacy",
        ),
        _course(
            "eta",
            "bDMARD",
            date(2017, 3, 1),
            mechanism="tnf",
            stop_date=date(2017, 9, 1),
            reason_stopped="unknown",
        ),
        _course("tofa", "tsDMARD", date(2021, 3, 1), mechanism="jak"),
    ]
    item = eular_difficult_to_treat_ra(
        treatments=history, require_different_mechanisms=distinct
    ).item("treatment_failure")
    assert item.met is None
    assert item.reason == (
        "csDMARD failure None (none), contraindicated None; b/tsDMARD failures ada (tnf): "
        f"{unit} (>= 2 needed), access restricted None"
    )
    assert item.values == {"csdmard_failed": None, "failed_b_ts_mechanisms": counted}
    assert item.missing == missing


def test_2013_ssc_example_record_and_a_partial_item() -> None:
    # examples/ssc-eligible.json: the sufficient criterion (9); the other items unknown
    # (up to 4 + 3 + 2 + 2 + 2 + 3 + 3 = 19 more: 28).
    outcome = acr_eular_2013_ssc(
        skin_thickening_proximal_to_mcps=True,
        skin_thickening_sparing_fingers=False,
        better_explained_by_scleroderma_like_disorder=False,
    )
    assert outcome.met is True
    assert outcome.reason == "classified as SSc: 9 points (up to 28) >= 9"
    assert outcome.points == 9
    assert outcome.missing == ()
    assert [(i.name, i.met, i.points, i.missing) for i in outcome.items] == [
        ("skin_thickening_proximal_to_mcps", True, 9, ()),
        ("skin_thickening_of_fingers", None, 0, ("puffy_fingers", "sclerodactyly")),
        ("fingertip_lesions", None, 0, ("digital_tip_ulcers", "fingertip_pitting_scars")),
        ("telangiectasia", None, 0, ("telangiectasia",)),
        ("abnormal_nailfold_capillaries", None, 0, ("abnormal_nailfold_capillaries",)),
        (
            "pah_and_or_ild",
            None,
            0,
            ("pulmonary_arterial_hypertension", "interstitial_lung_disease"),
        ),
        ("raynaud_phenomenon", None, 0, ("raynaud_phenomenon",)),
        (
            "ssc_related_autoantibodies",
            None,
            0,
            ("anticentromere", "anti_topoisomerase_i", "anti_rna_polymerase_iii"),
        ),
        ("no_skin_thickening_sparing_fingers", True, None, ()),
        ("no_better_explaining_disorder", True, None, ()),
    ]
    assert outcome.items[8].reason == "fingers not spared (finger skin thickening present)"
    assert outcome.items[1].reason == (
        "skin thickening of the fingers (puffy fingers 2, sclerodactyly 4): 0 known points, up "
        "to 4 (puffy_fingers, sclerodactyly unknown)"
    )
    # Puffy fingers present (2), sclerodactyly unknown: it could add 2 more (4 replaces 2).
    item = acr_eular_2013_ssc(puffy_fingers=True).item("skin_thickening_of_fingers")
    assert (item.met, item.points, item.missing) == (True, 2, ("sclerodactyly",))
    assert item.reason == (
        "skin thickening of the fingers (puffy fingers 2, sclerodactyly 4): 2 points from "
        "puffy_fingers (2); up to 4 if sclerodactyly"
    )
    assert item.values == {"puffy_fingers": True, "sclerodactyly": None}
    # Pitting scars present (3): ulcers (2) cannot add, so they do not decide anything.
    item = acr_eular_2013_ssc(fingertip_pitting_scars=True).item("fingertip_lesions")
    assert (item.met, item.points, item.missing) == (True, 3, ())
    assert item.reason == (
        "fingertip lesions (digital tip ulcers 2, pitting scars 3): 3 points from "
        "fingertip_pitting_scars (3)"
    )


IIM_EXAMPLE: dict[str, Any] = {
    "age_at_onset_years": 44,
    "proximal_upper_weakness": True,
    "proximal_lower_weakness": True,
    "neck_flexors_weaker_than_extensors": False,
    "legs_proximal_weaker_than_distal": False,
    "heliotrope_rash": True,
    "gottrons_papules": True,
    "gottrons_sign": False,
    "dysphagia": False,
    "anti_jo1": False,
    "elevated_muscle_enzymes": True,
}


def test_2017_iim_example_record() -> None:
    # examples/iim-eligible.json (no biopsy): age >= 40 (2.1) + 0.7 + 0.8 + heliotrope 3.1 +
    # Gottron's papules 2.1 + enzymes 1.3 = 10.1 >= 7.5: definite; rash and weakness: DM.
    outcome = eular_acr_2017_iim(cutoffs="score", **IIM_EXAMPLE)
    probability = 1 / (1 + math.exp(5.33 - 10.1))
    rows = _rows(outcome)
    assert rows[0][4].pop("probability") == pytest.approx(probability)
    assert rows[0] == (
        "eular_acr_2017_iim",
        True,
        (
            "score 10.1 without muscle biopsy (P = 99.2%); category definite "
            "(possible/probable/definite from 5.3/5.5/7.5); subgroup dm"
        ),
        10.1,
        {
            "score": 10.1,
            "category": "definite",
            "subgroup": "dm",
            "variant": "without muscle biopsy",
            "cutoffs": "score",
        },
        (),
    )
    assert rows[1] == (
        "age_at_onset",
        True,
        "age at onset 44 years (>= 40): 2.1 points",
        2.1,
        {"age": 44.0},
        (),
    )
    weights = {
        "proximal_upper_weakness": "0.7",
        "proximal_lower_weakness": "0.8",
        "heliotrope_rash": "3.1",
        "gottrons_papules": "2.1",
        "elevated_muscle_enzymes": "1.3",
    }
    expected: list[Row] = [
        (name, True, f"{name}: present, {weights[name]} points", float(weights[name]), {}, ())
        if present
        else (name, False, f"{name}: absent, 0 points", 0.0, {}, ())
        for name, present in list(IIM_EXAMPLE.items())[1:]
    ]
    assert rows[2:] == expected
    assert [type(item.points) for item in outcome.items] == [float] * 11


def test_2017_iim_unknown_items_and_probability_cut_offs() -> None:
    # Probability cut-offs: 5.33 + logit(0.5, 0.55, 0.9) = 5.33, 5.53, 7.53 -> the first
    # scores in tenths reaching them: 5.4, 5.6, 7.6 (with biopsy 6.49 + ...: 6.5, 6.7, 8.7).
    partial = {**IIM_EXAMPLE, "anti_jo1": None, "dysphagia": None, "heliotrope_rash": False}
    outcome = eular_acr_2017_iim(cutoffs="probability", **partial)
    # Known 2.1 + 0.7 + 0.8 + 2.1 + 1.3 = 7.0; unknown dysphagia 0.7 + anti-Jo-1 3.9 = 4.6.
    assert outcome.points == pytest.approx(7.0)
    assert outcome.met is True  # 7.0 >= 5.6 whatever the unknown items are
    assert outcome.values["category"] is None  # probable now, definite (>= 7.6) possible
    assert outcome.values["score_max"] == pytest.approx(11.6)
    assert outcome.missing == ("dysphagia", "anti_jo1")
    assert "(possible/probable/definite from 5.4/5.6/7.6)" in outcome.reason
    # Gottron's papules and weakness: DM.
    assert outcome.reason.endswith("; up to 11.6 if unknown items are present; subgroup dm")
    assert outcome.item("dysphagia").reason == "dysphagia not known (would score 0.7)"
    assert outcome.item("dysphagia").missing == ("dysphagia",)
    biopsy = eular_acr_2017_iim(
        cutoffs="probability", muscle_biopsy=True, rimmed_vacuoles=False, **IIM_EXAMPLE
    )
    assert "(possible/probable/definite from 6.5/6.7/8.7)" in biopsy.reason
    assert biopsy.item("rimmed_vacuoles").reason == "rimmed_vacuoles: absent, 0 points"
    assert biopsy.item("endomysial_infiltrate").reason == (
        "endomysial_infiltrate not known (would score 1.7)"
    )


# ---------------------------------------------------------------------------------------
# Sjögren: the measured tests against the nearest fraction with denominator <= 10**6
# ---------------------------------------------------------------------------------------


def _neighbours(cut: float) -> list[float]:
    out = {cut}
    for step in (1e-12, 1e-9, 1e-7, 5e-7, 1e-6, 5e-6, 1e-5, 2e-5, 1e-4):
        out.update((cut - step, cut + step))
    value = down = cut
    for _ in range(3):
        value = math.nextafter(value, math.inf)
        down = math.nextafter(down, -math.inf)
        out.update((value, down))
    return sorted(x for x in out if x >= 0)


def _at_most(value: float, limit: Fraction) -> bool:
    return Fraction(value).limit_denominator(10**6) <= limit


# (function, item, inputs that leave the item to the one test, field, limit, <= or >=)
_MEASURED = [
    (acr_eular_2016_sjogren, "schirmer", {}, "schirmer_mm_per_5_min", Fraction(5), True),
    (
        acr_eular_2016_sjogren,
        "unstimulated_saliva_flow",
        {},
        "unstimulated_saliva_flow_ml_per_min",
        Fraction(1, 10),
        True,
    ),
    (
        acr_eular_2016_sjogren,
        "focus_score",
        {"focal_lymphocytic_sialadenitis": True},
        "focus_score_per_4_mm2",
        Fraction(1),
        False,
    ),
    (
        aecg_2002_sjogren,
        "ocular_signs",
        {"van_bijsterveld_score": 0},
        "schirmer_mm_per_5_min",
        Fraction(5),
        True,
    ),
    (
        aecg_2002_sjogren,
        "salivary_gland_involvement",
        {"sialography_diffuse_sialectasias": False, "scintigraphy_abnormal": False},
        "unstimulated_saliva_flow_ml_per_15_min",
        Fraction(3, 2),
        True,
    ),
]


@pytest.mark.parametrize(("function", "item", "base", "field", "limit", "at_most"), _MEASURED)
def test_measured_tests_match_the_exact_comparison_around_the_cut_off(
    function: Any,
    item: str,
    base: dict[str, Any],
    field: str,
    limit: Fraction,
    at_most: bool,
) -> None:
    for value in _neighbours(float(limit)):
        exact = Fraction(value).limit_denominator(10**6)
        expected = exact <= limit if at_most else exact >= limit
        assert function(**base, **{field: value}).item(item).met is expected, value


@given(value=st.floats(min_value=0, max_value=5), limit=st.sampled_from([1, 5]))
def test_schirmer_and_focus_match_the_exact_comparison(value: float, limit: int) -> None:
    schirmer = acr_eular_2016_sjogren(schirmer_mm_per_5_min=value * 7).item("schirmer")
    assert schirmer.met is _at_most(value * 7, Fraction(5))
    focus = acr_eular_2016_sjogren(
        focal_lymphocytic_sialadenitis=True, focus_score_per_4_mm2=value * limit / 2
    ).item("focus_score")
    assert focus.met is (Fraction(value * limit / 2).limit_denominator(10**6) >= 1)


@given(value=st.floats(min_value=0, max_value=0.2))
def test_saliva_flow_matches_the_exact_comparison(value: float) -> None:
    item = acr_eular_2016_sjogren(unstimulated_saliva_flow_ml_per_min=value).item(
        "unstimulated_saliva_flow"
    )
    assert item.met is _at_most(value, Fraction(1, 10))


# ---------------------------------------------------------------------------------------
# Sjögren: missing names exactly the inputs that can change the outcome
# ---------------------------------------------------------------------------------------

# Two values per input: one meeting its test, one not (flags: True/False).
_TWO_WAYS: dict[str, tuple[object, object]] = {
    "focus_score_per_4_mm2": (1.0, 0.5),
    "ocular_staining_score": (5, 4),
    "van_bijsterveld_score": (4, 3),
    "schirmer_mm_per_5_min": (5.0, 5.5),
    "unstimulated_saliva_flow_ml_per_min": (0.1, 0.2),
    "unstimulated_saliva_flow_ml_per_15_min": (1.5, 2.0),
}


def _parameters(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


def _flip(completion: tuple[int, ...], index: int) -> tuple[int, ...]:
    return (*completion[:index], 1, *completion[index + 1 :])


def _check_exact_missing(function: Any, full: dict[str, Any], hidden: list[str]) -> None:
    partial = dict(full)
    for name in hidden:
        partial[name] = None
    outcome = function(**partial)
    table: dict[tuple[int, ...], bool | None] = {}
    for completion in itertools.product((0, 1), repeat=len(hidden)):
        inputs = dict(partial)
        for name, pick in zip(hidden, completion, strict=True):
            inputs[name] = _TWO_WAYS.get(name, (True, False))[pick]
        table[completion] = function(**inputs).met
    results = set(table.values())
    assert None not in results
    if outcome.met is None:
        assert results == {True, False}
    else:
        assert results == {outcome.met}
    pivotal = [
        name
        for index, name in enumerate(hidden)
        if any(table[c] != table[_flip(c, index)] for c in table if c[index] == 0)
    ]
    order = _parameters(function)
    assert outcome.missing == tuple(sorted(pivotal, key=order.index))


def _records(function: Any) -> st.SearchStrategy[tuple[dict[str, Any], list[str]]]:
    names = _parameters(function)

    def value(name: str) -> st.SearchStrategy[object]:
        return st.sampled_from(_TWO_WAYS.get(name, (True, False)))

    full = st.fixed_dictionaries({name: value(name) for name in names})
    hidden = st.lists(st.sampled_from(names), max_size=6, unique=True)
    return st.tuples(full, hidden)


@settings(max_examples=60, deadline=None)
@given(case=_records(acr_eular_2016_sjogren))
def test_2016_missing_is_exactly_what_could_decide(case: tuple[dict[str, Any], list[str]]) -> None:
    _check_exact_missing(acr_eular_2016_sjogren, *case)


@settings(max_examples=60, deadline=None)
@given(case=_records(aecg_2002_sjogren))
def test_aecg_missing_is_exactly_what_could_decide(case: tuple[dict[str, Any], list[str]]) -> None:
    _check_exact_missing(aecg_2002_sjogren, *case)


# ---------------------------------------------------------------------------------------
# RA 2010: the domains against the exact decimals, the joints against every count
# ---------------------------------------------------------------------------------------


def _titre_exact(value: float, uln: float) -> int:
    exact, limit = rheumatoid._exact(value), rheumatoid._exact(uln)  # noqa: SLF001
    return 0 if exact <= limit else 2 if exact <= 3 * limit else 3


_ULNS = [0.1, 0.3, 1 / 3, 0.7, 5.0, 14.0, 20.0, 0.01, 123.456, 999.9, 1000.0]


def test_serology_matches_the_exact_decimals_around_1_and_3_uln() -> None:
    for uln in _ULNS:
        for cut in (uln, 3 * uln, float(repr(3 * uln)), 3.0 * float(repr(uln))):
            for value in _neighbours(cut):
                assert rheumatoid._titre_points(value, uln) == _titre_exact(value, uln), (  # noqa: SLF001
                    value,
                    uln,
                )


@given(
    value=st.floats(min_value=0, max_value=100_000),
    uln=st.floats(min_value=1e-6, max_value=1000, exclude_min=True),
)
def test_serology_matches_the_exact_decimals(value: float, uln: float) -> None:
    assert rheumatoid._titre_points(value, uln) == _titre_exact(value, uln)  # noqa: SLF001
    near = 3 * uln
    assert rheumatoid._titre_points(near, uln) == _titre_exact(near, uln)  # noqa: SLF001


@given(
    value=st.floats(min_value=0, max_value=1000),
    uln=st.floats(min_value=1e-6, max_value=1000, exclude_min=True),
)
def test_acute_phase_matches_the_exact_decimals(value: float, uln: float) -> None:
    item = acr_eular_2010_ra(
        definite_synovitis=True,
        synovitis_better_explained_by_other_disease=False,
        large_joints=0,
        small_joints=0,
        crp_mg_per_l=value,
        crp_uln_mg_per_l=uln,
        esr_mm_per_h=1,
        esr_uln_mm_per_h=20,
    ).item("acute_phase")
    high = rheumatoid._exact(value) > rheumatoid._exact(uln)  # noqa: SLF001
    assert item.met is high


@pytest.mark.parametrize(
    "weeks", [0, 5, 5.999999999, 6, 6.000000001, 41 / 7, 42 / 7, 6 - 1e-15, 0.1, 1 / 3, 5200, -0.0]
)
def test_duration_matches_the_exact_decimals(weeks: float) -> None:
    item = acr_eular_2010_ra(
        definite_synovitis=True,
        synovitis_better_explained_by_other_disease=False,
        large_joints=0,
        small_joints=0,
        symptom_duration_weeks=weeks,
    ).item("duration")
    days = rheumatoid._exact(weeks) * 7  # noqa: SLF001
    assert item.met is (days >= 42)
    assert repr(item.values["symptom_duration_days"]) == repr(float(days))
    assert item.reason.startswith(f"symptoms {float(days)!r} days")


def test_joint_points_range_matches_every_count_a_missing_one_could_take() -> None:
    counts = {"large_joints": range(11), "small_joints": range(31)}
    for other in range(21):
        for large, small in itertools.product([None, *range(11)], [None, *range(31)]):
            if large is not None and small is not None:
                continue
            possible = {
                rheumatoid._joint_points(a, b, other)  # noqa: SLF001
                for a in (counts["large_joints"] if large is None else (large,))
                for b in (counts["small_joints"] if small is None else (small,))
            }
            item = acr_eular_2010_ra(
                definite_synovitis=True,
                synovitis_better_explained_by_other_disease=False,
                large_joints=large,
                small_joints=small,
                other_joints=other,
            ).item("joints")
            lo, hi = min(possible), max(possible)
            if lo == hi:
                assert (item.met, item.points) == (lo > 0, lo)
            else:
                assert item.met is None
                assert item.reason.endswith(f": {lo}-{hi} points")
