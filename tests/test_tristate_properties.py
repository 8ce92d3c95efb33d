"""Tri-state soundness of every criterion with optional inputs (independent audit).

Two properties, for each function that accepts ``None`` for unknown data:

1. Hiding known inputs (replacing them with ``None``) never flips a decided outcome to the
   opposite decision: the outcome either stays the same or becomes unknown.
2. A decided outcome is the outcome of the complete data whatever the hidden inputs were
   (Hypothesis draws the complete data freely, so every completion is a candidate), and an
   unknown outcome names, in ``missing``, only inputs that were actually hidden.

Where the criterion is monotone in its items (IIM points, "any antibody positive"), a third
property checks the converse: unknown only if the best and the worst completions differ.

These tests compare the function with itself on complete versus partial data: they check the
tri-state logic, not the published values (those are tested against the papers elsewhere).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from activity_scores import (
    ImacsCoreSet,
    MyositisAntibody,
    TreatmentCourse,
    acr_eular_2010_ra,
    eular_acr_2017_iim,
    eular_difficult_to_treat_ra,
    imacs_improvement,
    lung_progression,
    myositis_antibodies_positive,
    ssc_ild_ground_glass_and_low_pft,
)

_flag = st.booleans()


def _check(
    function: Callable[..., Any],
    full: dict[str, Any],
    groups: Sequence[Sequence[str]],
    mask: Sequence[bool],
) -> None:
    """Hide the masked groups of inputs and check properties 1 and 2."""
    truth = function(**full)
    assert truth.met is not None, "complete data must decide"
    partial = dict(full)
    hidden: set[str] = set()
    for group, hide in zip(groups, mask, strict=False):
        if hide:
            partial.update(dict.fromkeys(group, None))
            hidden.update(group)
    outcome = function(**partial)
    if outcome.met is not None:
        assert outcome.met is truth.met, (partial, outcome.reason)
    else:
        assert outcome.missing, outcome.reason
        assert set(outcome.missing) <= hidden, (outcome.missing, hidden)


# ---------------------------------------------------------------------------------------
# EULAR/ACR 2017 IIM
# ---------------------------------------------------------------------------------------

_IIM_FLAGS = (
    "proximal_upper_weakness",
    "proximal_lower_weakness",
    "neck_flexors_weaker_than_extensors",
    "legs_proximal_weaker_than_distal",
    "heliotrope_rash",
    "gottrons_papules",
    "gottrons_sign",
    "dysphagia",
    "anti_jo1",
    "elevated_muscle_enzymes",
)
_IIM_FINDINGS = (
    "endomysial_infiltrate",
    "perimysial_or_perivascular_infiltrate",
    "perifascicular_atrophy",
    "rimmed_vacuoles",
)
_IIM_AGE = st.sampled_from([5.0, 17.9, 18.0, 39.9, 40.0, 70.0])


@st.composite
def _iim_full(draw: st.DrawFn) -> dict[str, Any]:
    biopsy = draw(st.booleans())
    full: dict[str, Any] = {"age_at_onset_years": draw(_IIM_AGE), "muscle_biopsy": biopsy}
    full.update({name: draw(_flag) for name in _IIM_FLAGS})
    if biopsy:
        full.update({name: draw(_flag) for name in _IIM_FINDINGS})
    full["finger_flexor_weakness_unresponsive"] = draw(_flag)
    full["cutoffs"] = draw(st.sampled_from(["score", "probability"]))
    return full


def _iim_groups(full: dict[str, Any]) -> list[tuple[str, ...]]:
    names = ["age_at_onset_years", *_IIM_FLAGS]
    if full["muscle_biopsy"]:
        names += list(_IIM_FINDINGS)
    return [(name,) for name in names]


@given(full=_iim_full(), mask=st.lists(st.booleans(), min_size=15, max_size=15))
def test_iim_hiding_inputs_never_flips(full: dict[str, Any], mask: list[bool]) -> None:
    _check(eular_acr_2017_iim, full, _iim_groups(full), mask)


@given(full=_iim_full(), mask=st.lists(st.booleans(), min_size=15, max_size=15))
def test_iim_unknown_only_when_completions_disagree(full: dict[str, Any], mask: list[bool]) -> None:
    groups = _iim_groups(full)
    partial = dict(full)
    for (name,), hide in zip(groups, mask, strict=False):
        if hide:
            partial[name] = None
    outcome = eular_acr_2017_iim(**partial)
    # The score only grows with items present and with age band: best/worst completions.
    best: dict[str, Any] = {k: (True if v is None else v) for k, v in partial.items()}
    worst: dict[str, Any] = {k: (False if v is None else v) for k, v in partial.items()}
    if partial["age_at_onset_years"] is None:
        best["age_at_onset_years"], worst["age_at_onset_years"] = 70.0, 5.0
    high, low = eular_acr_2017_iim(**best).met, eular_acr_2017_iim(**worst).met
    if outcome.met is None:
        assert (high, low) == (True, False)
    else:
        assert high is low is outcome.met


# ---------------------------------------------------------------------------------------
# Protocol: positive myositis antibodies
# ---------------------------------------------------------------------------------------

_ANTIBODIES = tuple(MyositisAntibody)


@given(
    results=st.fixed_dictionaries(dict.fromkeys(_ANTIBODIES, st.one_of(st.none(), _flag))),
    associated=st.booleans(),
)
def test_antibodies_unknown_exactly_when_an_untested_one_could_decide(
    results: dict[MyositisAntibody | str, bool | None], associated: bool
) -> None:
    outcome = myositis_antibodies_positive(results, include_associated=associated)
    best: dict[MyositisAntibody | str, bool | None] = {
        k: (True if v is None else v) for k, v in results.items()
    }
    worst: dict[MyositisAntibody | str, bool | None] = {
        k: (False if v is None else v) for k, v in results.items()
    }
    high = myositis_antibodies_positive(best, include_associated=associated).met
    low = myositis_antibodies_positive(worst, include_associated=associated).met
    if outcome.met is None:
        assert (high, low) == (True, False)
        assert set(outcome.missing) <= {
            MyositisAntibody(k).value for k, v in results.items() if v is None
        }
    else:
        assert high is low is outcome.met


# ---------------------------------------------------------------------------------------
# ACR/EULAR 2010 RA
# ---------------------------------------------------------------------------------------

_RA_GROUPS: tuple[tuple[str, ...], ...] = (
    ("definite_synovitis",),
    ("synovitis_better_explained_by_other_disease",),
    ("large_joints",),
    ("small_joints",),
    ("rf_iu_per_ml", "rf_uln_iu_per_ml"),
    ("acpa_u_per_ml", "acpa_uln_u_per_ml"),
    ("crp_mg_per_l", "crp_uln_mg_per_l"),
    ("esr_mm_per_h", "esr_uln_mm_per_h"),
    ("symptom_duration_weeks",),
    ("typical_erosions",),
    ("previously_fulfilled",),
)

_ra_full = st.fixed_dictionaries(
    {
        "definite_synovitis": _flag,
        "synovitis_better_explained_by_other_disease": _flag,
        "large_joints": st.integers(0, 10),
        "small_joints": st.integers(0, 18),
        "other_joints": st.integers(0, 5),
        "rf_iu_per_ml": st.sampled_from([5.0, 14.0, 14.5, 42.0, 43.0]),
        "rf_uln_iu_per_ml": st.just(14.0),
        "acpa_u_per_ml": st.sampled_from([2.0, 7.0, 21.0, 22.0]),
        "acpa_uln_u_per_ml": st.just(7.0),
        "crp_mg_per_l": st.sampled_from([3.0, 5.0, 5.1]),
        "crp_uln_mg_per_l": st.just(5.0),
        "esr_mm_per_h": st.sampled_from([10.0, 20.0, 21.0]),
        "esr_uln_mm_per_h": st.just(20.0),
        "symptom_duration_weeks": st.sampled_from([1.0, 5.9, 6.0, 52.0]),
        "typical_erosions": _flag,
        "previously_fulfilled": _flag,
    }
)


@given(full=_ra_full, mask=st.lists(st.booleans(), min_size=11, max_size=11))
def test_ra_2010_hiding_inputs_never_flips(full: dict[str, Any], mask: list[bool]) -> None:
    _check(acr_eular_2010_ra, full, _RA_GROUPS, mask)


# ---------------------------------------------------------------------------------------
# EULAR difficult-to-treat RA
# ---------------------------------------------------------------------------------------

_REASONS = ("inefficacy", "adverse_event", "other")


@st.composite
def _course(draw: st.DrawFn, index: int) -> TreatmentCourse:
    kind = draw(st.sampled_from(["csDMARD", "bDMARD", "tsDMARD"]))
    mechanism = None if kind == "csDMARD" else draw(st.sampled_from(["tnf", "il6", "cd20", "jak"]))
    stopped = draw(st.booleans())
    return TreatmentCourse(
        drug=f"drug {index}",
        drug_class=kind,
        mechanism=mechanism,
        start_date=date(2015 + index, 1, 1),
        stop_date=date(2015 + index, 6, 1) if stopped else None,
        reason_stopped=draw(st.sampled_from(_REASONS)) if stopped else None,
    )


@st.composite
def _d2t_full(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(0, 5))
    dose = draw(st.sampled_from([0.0, 5.0, 7.5, 10.0]))
    return {
        "treatments": [draw(_course(i)) for i in range(count)],
        "csdmard_contraindicated": draw(_flag),
        "access_restricted_by_socioeconomic_factors": draw(_flag),
        "require_different_mechanisms": draw(st.booleans()),
        "tender_joints_28": draw(st.integers(0, 28)),
        "swollen_joints_28": draw(st.integers(0, 28)),
        "esr_mm_per_h": draw(st.sampled_from([2.0, 10.0, 40.0])),
        "patient_global_mm": draw(st.sampled_from([0.0, 20.0, 70.0])),
        "patient_global_cm": draw(st.sampled_from([0.0, 2.0, 7.0])),
        "evaluator_global_cm": draw(st.sampled_from([0.0, 2.0, 7.0])),
        "other_composite_at_least_moderate": draw(_flag),
        "signs_or_symptoms_of_active_disease": draw(_flag),
        "glucocorticoid_drug": None if dose == 0 else "prednisone",
        "lowest_glucocorticoid_dose_mg_per_day": dose,
        "rapid_radiographic_progression": draw(_flag),
        "well_controlled_but_reduced_quality_of_life": draw(_flag),
        "problematic_for_rheumatologist": draw(_flag),
        "problematic_for_patient": draw(_flag),
        "require_both_perceive_problematic": draw(st.booleans()),
    }


_D2T_GROUPS: tuple[tuple[str, ...], ...] = (
    ("treatments",),
    ("csdmard_contraindicated",),
    ("access_restricted_by_socioeconomic_factors",),
    ("tender_joints_28",),
    ("swollen_joints_28",),
    ("esr_mm_per_h",),
    ("patient_global_mm",),
    ("patient_global_cm",),
    ("evaluator_global_cm",),
    ("other_composite_at_least_moderate",),
    ("signs_or_symptoms_of_active_disease",),
    ("glucocorticoid_drug", "lowest_glucocorticoid_dose_mg_per_day"),
    ("rapid_radiographic_progression",),
    ("well_controlled_but_reduced_quality_of_life",),
    ("problematic_for_rheumatologist",),
    ("problematic_for_patient",),
)


@given(full=_d2t_full(), mask=st.lists(st.booleans(), min_size=16, max_size=16))
def test_d2t_hiding_inputs_never_flips(full: dict[str, Any], mask: list[bool]) -> None:
    _check(eular_difficult_to_treat_ra, full, _D2T_GROUPS, mask)


@given(full=_d2t_full(), mask=st.lists(st.booleans(), min_size=5, max_size=5))
def test_d2t_unknown_stop_reason_never_flips(full: dict[str, Any], mask: list[bool]) -> None:
    # A course whose reason for stopping is unknown: its failure is unknown, never guessed.
    truth = eular_difficult_to_treat_ra(**full).met
    courses = [
        TreatmentCourse(
            drug=c.drug,
            drug_class=c.drug_class,
            mechanism=c.mechanism,
            start_date=c.start_date,
            stop_date=c.stop_date,
            reason_stopped="unknown" if hide and c.stop_date is not None else c.reason_stopped,
        )
        for c, hide in zip(full["treatments"], mask + [False] * 5, strict=False)
    ]
    outcome = eular_difficult_to_treat_ra(**{**full, "treatments": courses})
    if outcome.met is not None:
        assert outcome.met is truth
    else:
        assert "treatments" in outcome.missing


# ---------------------------------------------------------------------------------------
# IMACS definition of improvement (tri-state over the six core set measures)
# ---------------------------------------------------------------------------------------

_CORE = (
    "physician_global_cm",
    "patient_global_cm",
    "mmt8_total",
    "haq_di",
    "muscle_enzyme",
    "extramuscular_global_cm",
)

_core_set = st.fixed_dictionaries(
    {
        "physician_global_cm": st.sampled_from([0.0, 2.0, 4.0, 6.0, 8.0]),
        "patient_global_cm": st.sampled_from([0.0, 2.0, 4.0, 6.0, 8.0]),
        "mmt8_total": st.sampled_from([60, 100, 120, 125, 150]),
        "haq_di": st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0]),
        "muscle_enzyme": st.sampled_from([100.0, 200.0, 400.0, 800.0]),
        "extramuscular_global_cm": st.sampled_from([0.0, 2.0, 4.0, 6.0]),
    }
)


@given(
    base=_core_set,
    follow=_core_set,
    mask_base=st.lists(st.booleans(), min_size=6, max_size=6),
    mask_follow=st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_imacs_improvement_hiding_measures_never_flips(
    base: dict[str, Any], follow: dict[str, Any], mask_base: list[bool], mask_follow: list[bool]
) -> None:
    def core(values: dict[str, Any], mask: list[bool] | None) -> ImacsCoreSet:
        shown = dict(values)
        for name, hide in zip(_CORE, mask or [False] * 6, strict=True):
            if hide:
                shown[name] = None
        uln = None if shown["muscle_enzyme"] is None else 200.0
        return ImacsCoreSet(**shown, muscle_enzyme_uln=uln)

    truth = imacs_improvement(baseline=core(base, None), follow_up=core(follow, None))
    assert truth.met is not None
    outcome = imacs_improvement(baseline=core(base, mask_base), follow_up=core(follow, mask_follow))
    if outcome.met is not None:
        assert outcome.met is truth.met, outcome.reason
    else:
        assert outcome.missing


# ---------------------------------------------------------------------------------------
# SSc: OMERACT lung progression (DLCO optional) and the protocol's SSc-ILD criterion
# ---------------------------------------------------------------------------------------

_pct = st.sampled_from([40.0, 50.0, 54.0, 60.0, 63.0, 69.9, 70.0, 72.0, 80.0])


@given(
    fvc=st.tuples(_pct, _pct),
    dlco=st.tuples(_pct, _pct),
    change=st.sampled_from(["relative", "absolute"]),
    hide=st.booleans(),
)
def test_lung_progression_hiding_dlco_never_flips(
    fvc: tuple[float, float], dlco: tuple[float, float], change: str, hide: bool
) -> None:
    kwargs: dict[str, Any] = {
        "fvc_baseline_percent_predicted": fvc[0],
        "fvc_follow_up_percent_predicted": fvc[1],
        "dlco_baseline_percent_predicted": dlco[0],
        "dlco_follow_up_percent_predicted": dlco[1],
        "change": change,
    }
    truth = lung_progression(**kwargs).met
    assert truth is not None
    if hide:
        kwargs["dlco_baseline_percent_predicted"] = None
        kwargs["dlco_follow_up_percent_predicted"] = None
    outcome = lung_progression(**kwargs)
    assert outcome.met is None or outcome.met is truth


@given(
    full=st.fixed_dictionaries(
        {
            "fvc_percent_predicted": _pct,
            "dlco_percent_predicted": _pct,
            "ground_glass_on_hrct": _flag,
        }
    ),
    mask=st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_ssc_ild_hiding_inputs_never_flips(full: dict[str, Any], mask: list[bool]) -> None:
    groups = [("fvc_percent_predicted",), ("dlco_percent_predicted",), ("ground_glass_on_hrct",)]
    _check(ssc_ild_ground_glass_and_low_pft, full, groups, mask)
