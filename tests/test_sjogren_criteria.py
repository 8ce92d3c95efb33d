"""AECG 2002 (Vitali 2002) and ACR/EULAR 2016 (Shiboski 2017) classification of primary SS."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores import (
    InvalidInputError,
    InvalidInputTypeError,
    acr_eular_2016_sjogren,
    aecg_2002_sjogren,
)
from tests.conftest import reference_rows

NO_EXCLUSION_2016: dict[str, Any] = dict.fromkeys(
    (
        "head_and_neck_radiation",
        "active_hepatitis_c",
        "aids",
        "sarcoidosis",
        "amyloidosis",
        "graft_versus_host_disease",
        "igg4_related_disease",
    ),
    False,
)
NO_EXCLUSION_AECG: dict[str, Any] = dict.fromkeys(
    (
        "head_and_neck_radiation",
        "hepatitis_c",
        "aids",
        "pre_existing_lymphoma",
        "sarcoidosis",
        "graft_versus_host_disease",
        "anticholinergic_drugs_within_4_half_lives",
        "potentially_associated_disease",
    ),
    False,
)

# Inputs that make each 2016 item positive / negative.
POSITIVE_2016: dict[str, dict[str, Any]] = {
    "focus": {"focal_lymphocytic_sialadenitis": True, "focus_score_per_4_mm2": 1.0},
    "anti_ro": {"anti_ro_ssa": True},
    "staining": {"ocular_staining_score": 5},
    "schirmer": {"schirmer_mm_per_5_min": 5},
    "saliva": {"unstimulated_saliva_flow_ml_per_min": 0.1},
}
NEGATIVE_2016: dict[str, dict[str, Any]] = {
    "focus": {"focal_lymphocytic_sialadenitis": True, "focus_score_per_4_mm2": 0.9},
    "anti_ro": {"anti_ro_ssa": False},
    "staining": {"ocular_staining_score": 4, "van_bijsterveld_score": 3},
    "schirmer": {"schirmer_mm_per_5_min": 6},
    "saliva": {"unstimulated_saliva_flow_ml_per_min": 0.11},
}


def _case_2016(**flags: bool) -> dict[str, Any]:
    inputs: dict[str, Any] = {"dry_mouth_over_3_months": True, **NO_EXCLUSION_2016}
    for item, positive in flags.items():
        inputs.update((POSITIVE_2016 if positive else NEGATIVE_2016)[item])
    return inputs


# ACR/EULAR 2016 ---------------------------------------------------------------------------


@pytest.mark.parametrize("row", reference_rows("acr_eular_2016_sjogren.csv"))
def test_2016_reference_points(row: dict[str, str]) -> None:
    flags = {item: row[item] == "1" for item in POSITIVE_2016}
    outcome = acr_eular_2016_sjogren(**_case_2016(**flags))
    assert outcome.points == int(row["expected_points"])
    assert outcome.met is (row["met"] == "True")
    assert [item.name for item in outcome.items] == [
        "entry",
        "focus_score",
        "anti_ro_ssa",
        "ocular_staining",
        "schirmer",
        "unstimulated_saliva_flow",
        "no_exclusion",
    ]


def test_2016_threshold_3_and_4_points() -> None:
    three = acr_eular_2016_sjogren(
        **_case_2016(anti_ro=True, focus=False, staining=False, schirmer=False, saliva=False)
    )
    assert (three.met, three.points) == (False, 3)
    four = acr_eular_2016_sjogren(
        **_case_2016(anti_ro=True, focus=False, staining=False, schirmer=True, saliva=False)
    )
    assert (four.met, four.points) == (True, 4)


@pytest.mark.parametrize(
    ("inputs", "item", "met"),
    [
        ({"schirmer_mm_per_5_min": 5}, "schirmer", True),
        ({"schirmer_mm_per_5_min": 5.1}, "schirmer", False),
        ({"schirmer_mm_per_5_min": 0}, "schirmer", True),
        ({"unstimulated_saliva_flow_ml_per_min": 0.1}, "unstimulated_saliva_flow", True),
        ({"unstimulated_saliva_flow_ml_per_min": 1.5 / 15}, "unstimulated_saliva_flow", True),
        ({"unstimulated_saliva_flow_ml_per_min": 0.101}, "unstimulated_saliva_flow", False),
        ({"ocular_staining_score": 5}, "ocular_staining", True),
        ({"ocular_staining_score": 4, "van_bijsterveld_score": 3}, "ocular_staining", False),
        ({"van_bijsterveld_score": 4}, "ocular_staining", True),
        ({"ocular_staining_score": 4}, "ocular_staining", None),
        ({"focal_lymphocytic_sialadenitis": True, "focus_score_per_4_mm2": 1}, "focus_score", True),
        (
            {"focal_lymphocytic_sialadenitis": True, "focus_score_per_4_mm2": 0.99},
            "focus_score",
            False,
        ),
        (
            {"focal_lymphocytic_sialadenitis": False, "focus_score_per_4_mm2": 3},
            "focus_score",
            False,
        ),
        ({"focus_score_per_4_mm2": 3}, "focus_score", None),
    ],
)
def test_2016_item_cut_offs(inputs: dict[str, Any], item: str, met: bool | None) -> None:
    assert acr_eular_2016_sjogren(**inputs).item(item).met is met


def test_2016_four_points_is_met_whatever_else_is_missing() -> None:
    outcome = acr_eular_2016_sjogren(
        dry_eyes_over_3_months=True, anti_ro_ssa=True, ocular_staining_score=6, **NO_EXCLUSION_2016
    )
    assert outcome.met is True
    assert outcome.points == 4
    assert outcome.missing == ()


def test_2016_unknown_lists_only_what_could_decide() -> None:
    outcome = acr_eular_2016_sjogren(
        dry_eyes_over_3_months=True,
        anti_ro_ssa=True,
        focal_lymphocytic_sialadenitis=False,
        schirmer_mm_per_5_min=10,
        **NO_EXCLUSION_2016,
    )
    assert outcome.met is None
    assert outcome.points == 3
    assert outcome.missing == (
        "ocular_staining_score",
        "van_bijsterveld_score",
        "unstimulated_saliva_flow_ml_per_min",
    )
    assert outcome.values == {"points": 3, "unknown_points_max": 2}


def test_2016_cannot_reach_4_is_not_met_despite_missing_items() -> None:
    outcome = acr_eular_2016_sjogren(
        dry_eyes_over_3_months=True, anti_ro_ssa=False, focal_lymphocytic_sialadenitis=False
    )
    assert outcome.met is False  # at most 3 one-point items: 3 < 4, exclusions irrelevant
    assert outcome.missing == ()


def test_2016_entry_and_exclusions() -> None:
    nine = {k: v for item in POSITIVE_2016.values() for k, v in item.items()}
    assert acr_eular_2016_sjogren(**nine, **NO_EXCLUSION_2016).met is None  # entry unknown
    assert (
        acr_eular_2016_sjogren(**nine, **NO_EXCLUSION_2016).missing[0] == "dry_eyes_over_3_months"
    )
    no_entry = dict.fromkeys(
        (
            "dry_eyes_over_3_months",
            "sand_or_gravel_sensation_in_eyes",
            "tear_substitutes_over_3_times_daily",
            "dry_mouth_over_3_months",
            "liquids_to_swallow_dry_food",
            "essdai_positive_domain",
        ),
        False,
    )
    assert acr_eular_2016_sjogren(**nine, **no_entry, **NO_EXCLUSION_2016).met is False
    assert (
        acr_eular_2016_sjogren(**nine, essdai_positive_domain=True, **NO_EXCLUSION_2016).met is True
    )
    for exclusion in NO_EXCLUSION_2016:
        outcome = acr_eular_2016_sjogren(
            **nine, dry_mouth_over_3_months=True, **{**NO_EXCLUSION_2016, exclusion: True}
        )
        assert outcome.met is False, exclusion
        assert outcome.item("no_exclusion").met is False
    unknown_exclusion = {**NO_EXCLUSION_2016, "amyloidosis": None}
    outcome = acr_eular_2016_sjogren(**nine, dry_mouth_over_3_months=True, **unknown_exclusion)
    assert outcome.met is None
    assert outcome.missing == ("amyloidosis",)


def test_2016_anti_la_alone_is_not_an_input() -> None:
    with pytest.raises(TypeError):
        acr_eular_2016_sjogren(anti_la_ssb=True)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("field", "value", "error", "match"),
    [
        ("schirmer_mm_per_5_min", -1, InvalidInputError, ">= 0 and <= 35 mm/5 min"),
        ("schirmer_mm_per_5_min", 36, InvalidInputError, "<= 35"),
        ("schirmer_mm_per_5_min", math.inf, InvalidInputError, "finite"),
        ("schirmer_mm_per_5_min", True, InvalidInputTypeError, "number"),
        ("unstimulated_saliva_flow_ml_per_min", 5.5, InvalidInputError, "<= 5 mL/min"),
        ("unstimulated_saliva_flow_ml_per_min", math.nan, InvalidInputError, "finite"),
        ("focus_score_per_4_mm2", 21, InvalidInputError, "<= 20"),
        ("ocular_staining_score", 13, InvalidInputError, "integer from 0 to 12"),
        ("ocular_staining_score", 5.0, InvalidInputTypeError, "integer from 0 to 12"),
        ("van_bijsterveld_score", 10, InvalidInputError, "integer from 0 to 9"),
        ("anti_ro_ssa", 1, InvalidInputTypeError, "True or False"),
        ("aids", "no", InvalidInputTypeError, "True or False"),
        ("dry_mouth_over_3_months", 0, InvalidInputTypeError, "True or False"),
    ],
)
def test_2016_validation(field: str, value: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=rf"'{field}' .*{match}"):
        acr_eular_2016_sjogren(**{field: value})


# AECG 2002 ---------------------------------------------------------------------------------


def test_aecg_rule_a_four_of_six_with_histology() -> None:
    outcome = aecg_2002_sjogren(
        dry_eyes_over_3_months=True,
        dry_mouth_over_3_months=True,
        schirmer_mm_per_5_min=4,
        focal_lymphocytic_sialadenitis=True,
        focus_score_per_4_mm2=1,
        unstimulated_saliva_flow_ml_per_15_min=2.0,
        sialography_diffuse_sialectasias=False,
        scintigraphy_abnormal=False,
        anti_ro_ssa=False,
        anti_la_ssb=False,
        **NO_EXCLUSION_AECG,
    )
    assert outcome.met is True
    assert outcome.item("rule_a").met is True
    assert outcome.item("rule_b").met is False  # III and IV only
    assert outcome.values == {"positive_items": 4, "positive_objective_items": 2}


def test_aecg_four_items_without_iv_or_vi_is_not_primary_ss() -> None:
    outcome = aecg_2002_sjogren(
        dry_eyes_over_3_months=True,
        dry_mouth_over_3_months=True,
        schirmer_mm_per_5_min=4,
        focal_lymphocytic_sialadenitis=False,
        unstimulated_saliva_flow_ml_per_15_min=1.5,  # exactly the cut-off: positive
        anti_ro_ssa=False,
        anti_la_ssb=False,
        **NO_EXCLUSION_AECG,
    )
    assert outcome.item("salivary_gland_involvement").met is True
    assert outcome.values["positive_items"] == 4
    assert outcome.met is False


def test_aecg_rule_b_three_objective_items() -> None:
    outcome = aecg_2002_sjogren(
        van_bijsterveld_score=4,
        unstimulated_saliva_flow_ml_per_15_min=1.0,
        anti_la_ssb=True,
        **NO_EXCLUSION_AECG,
    )
    assert outcome.met is True
    assert outcome.item("rule_b").met is True
    assert outcome.missing == ()


@pytest.mark.parametrize(
    ("inputs", "item", "met"),
    [
        ({"schirmer_mm_per_5_min": 5}, "ocular_signs", True),
        ({"schirmer_mm_per_5_min": 5.5, "van_bijsterveld_score": 3}, "ocular_signs", False),
        ({"van_bijsterveld_score": 4}, "ocular_signs", True),
        ({"unstimulated_saliva_flow_ml_per_15_min": 1.5}, "salivary_gland_involvement", True),
        (
            {
                "unstimulated_saliva_flow_ml_per_15_min": 1.6,
                "sialography_diffuse_sialectasias": False,
                "scintigraphy_abnormal": False,
            },
            "salivary_gland_involvement",
            False,
        ),
        ({"scintigraphy_abnormal": True}, "salivary_gland_involvement", True),
        (
            {"focal_lymphocytic_sialadenitis": True, "focus_score_per_4_mm2": 1},
            "histopathology",
            True,
        ),
        (
            {"focal_lymphocytic_sialadenitis": True, "focus_score_per_4_mm2": 0.9},
            "histopathology",
            False,
        ),
        ({"anti_la_ssb": True}, "autoantibodies", True),
        ({"anti_ro_ssa": False, "anti_la_ssb": False}, "autoantibodies", False),
        ({"swollen_salivary_glands_as_adult": True}, "oral_symptoms", True),
        ({"tear_substitutes_over_3_times_daily": True}, "ocular_symptoms", True),
        ({"sand_or_gravel_sensation_in_eyes": False}, "ocular_symptoms", None),
    ],
)
def test_aecg_item_cut_offs(inputs: dict[str, Any], item: str, met: bool | None) -> None:
    assert aecg_2002_sjogren(**inputs).item(item).met is met


def test_aecg_exclusions_and_associated_disease() -> None:
    positive: dict[str, Any] = {
        "schirmer_mm_per_5_min": 2,
        "focal_lymphocytic_sialadenitis": True,
        "focus_score_per_4_mm2": 3,
        "anti_ro_ssa": True,
    }
    assert aecg_2002_sjogren(**positive, **NO_EXCLUSION_AECG).met is True
    for exclusion in NO_EXCLUSION_AECG:
        assert (
            aecg_2002_sjogren(**positive, **{**NO_EXCLUSION_AECG, exclusion: True}).met is False
        ), exclusion
    outcome = aecg_2002_sjogren(**positive, **{**NO_EXCLUSION_AECG, "hepatitis_c": None})
    assert outcome.met is None
    assert outcome.missing == ("hepatitis_c",)


def test_aecg_unknown_lists_only_deciding_inputs() -> None:
    outcome = aecg_2002_sjogren(
        dry_eyes_over_3_months=False,
        sand_or_gravel_sensation_in_eyes=False,
        tear_substitutes_over_3_times_daily=False,
        schirmer_mm_per_5_min=3,
        anti_ro_ssa=True,
        focal_lymphocytic_sialadenitis=False,
        **NO_EXCLUSION_AECG,
    )
    # Hand reasoning: III and VI positive, I and IV negative. Rule b needs V; rule a needs
    # II and V. So V alone decides; the oral questions (II) cannot change the answer.
    assert outcome.met is None
    assert outcome.missing == (
        "unstimulated_saliva_flow_ml_per_15_min",
        "sialography_diffuse_sialectasias",
        "scintigraphy_abnormal",
    )
    assert outcome.item("oral_symptoms").met is None


def test_aecg_symptoms_decide_when_they_can() -> None:
    outcome = aecg_2002_sjogren(
        schirmer_mm_per_5_min=3,
        anti_ro_ssa=True,
        focal_lymphocytic_sialadenitis=False,
        **NO_EXCLUSION_AECG,
    )
    # III and VI positive, IV negative: met iff V, or I and II (rule a with VI).
    assert outcome.met is None
    assert set(outcome.missing) == {
        "dry_eyes_over_3_months",
        "sand_or_gravel_sensation_in_eyes",
        "tear_substitutes_over_3_times_daily",
        "dry_mouth_over_3_months",
        "swollen_salivary_glands_as_adult",
        "liquids_to_swallow_dry_food",
        "unstimulated_saliva_flow_ml_per_15_min",
        "sialography_diffuse_sialectasias",
        "scintigraphy_abnormal",
    }


def test_aecg_rule_a_met_via_symptoms() -> None:
    outcome = aecg_2002_sjogren(
        dry_eyes_over_3_months=True,
        liquids_to_swallow_dry_food=True,
        schirmer_mm_per_5_min=3,
        anti_ro_ssa=True,
        focal_lymphocytic_sialadenitis=False,
        **NO_EXCLUSION_AECG,
    )
    assert outcome.met is True
    assert outcome.item("rule_a").met is True


@pytest.mark.parametrize(
    ("field", "value", "error", "match"),
    [
        ("unstimulated_saliva_flow_ml_per_15_min", 76, InvalidInputError, "<= 75 mL/15 min"),
        ("unstimulated_saliva_flow_ml_per_15_min", -0.1, InvalidInputError, ">= 0"),
        ("schirmer_mm_per_5_min", "5", InvalidInputTypeError, "number"),
        ("van_bijsterveld_score", -1, InvalidInputError, "integer from 0 to 9"),
        ("focus_score_per_4_mm2", math.nan, InvalidInputError, "finite"),
        ("potentially_associated_disease", 1, InvalidInputTypeError, "True or False"),
        ("sialography_diffuse_sialectasias", "yes", InvalidInputTypeError, "True or False"),
    ],
)
def test_aecg_validation(field: str, value: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=rf"'{field}' .*{match}"):
        aecg_2002_sjogren(**{field: value})


# Properties ------------------------------------------------------------------------------

_flag = st.booleans()
_aecg_full = st.fixed_dictionaries(
    {
        "dry_eyes_over_3_months": _flag,
        "sand_or_gravel_sensation_in_eyes": _flag,
        "tear_substitutes_over_3_times_daily": _flag,
        "dry_mouth_over_3_months": _flag,
        "swollen_salivary_glands_as_adult": _flag,
        "liquids_to_swallow_dry_food": _flag,
        "schirmer_mm_per_5_min": st.integers(0, 15),
        "van_bijsterveld_score": st.integers(0, 9),
        "focal_lymphocytic_sialadenitis": _flag,
        "focus_score_per_4_mm2": st.sampled_from([0.0, 0.5, 1.0, 2.5]),
        "unstimulated_saliva_flow_ml_per_15_min": st.sampled_from([0.5, 1.5, 1.6, 5.0]),
        "sialography_diffuse_sialectasias": _flag,
        "scintigraphy_abnormal": _flag,
        "anti_ro_ssa": _flag,
        "anti_la_ssb": _flag,
        **dict.fromkeys(NO_EXCLUSION_AECG, _flag),
    }
)
_2016_full = st.fixed_dictionaries(
    {
        "dry_eyes_over_3_months": _flag,
        "sand_or_gravel_sensation_in_eyes": _flag,
        "tear_substitutes_over_3_times_daily": _flag,
        "dry_mouth_over_3_months": _flag,
        "liquids_to_swallow_dry_food": _flag,
        "essdai_positive_domain": _flag,
        "focal_lymphocytic_sialadenitis": _flag,
        "focus_score_per_4_mm2": st.sampled_from([0.0, 0.9, 1.0, 3.0]),
        "anti_ro_ssa": _flag,
        "ocular_staining_score": st.integers(0, 12),
        "van_bijsterveld_score": st.integers(0, 9),
        "schirmer_mm_per_5_min": st.integers(0, 15),
        "unstimulated_saliva_flow_ml_per_min": st.sampled_from([0.05, 0.1, 0.11, 0.4]),
        **dict.fromkeys(NO_EXCLUSION_2016, _flag),
    }
)


def _check_masking(function: Any, full: dict[str, Any], mask: list[bool]) -> None:
    truth = function(**full).met
    assert truth is not None  # complete data always decides
    partial = {k: (None if hide else v) for (k, v), hide in zip(full.items(), mask, strict=False)}
    outcome = function(**partial)
    if outcome.met is not None:
        # A missing item never flips a decided outcome (met never turns unmet, and back).
        assert outcome.met is truth
        assert outcome.missing == ()
    else:
        assert set(outcome.missing) <= {k for k, v in partial.items() if v is None}
        assert outcome.missing


@given(full=_aecg_full, mask=st.lists(st.booleans(), min_size=23, max_size=23))
def test_aecg_missing_data_never_flips(full: dict[str, Any], mask: list[bool]) -> None:
    _check_masking(aecg_2002_sjogren, full, mask)


@given(full=_2016_full, mask=st.lists(st.booleans(), min_size=20, max_size=20))
def test_2016_missing_data_never_flips(full: dict[str, Any], mask: list[bool]) -> None:
    _check_masking(acr_eular_2016_sjogren, full, mask)


def test_2016_unknown_only_when_some_completion_flips() -> None:
    # Exhaustive over the five weighted items known/unknown/positive/negative, entry and
    # exclusions decided: unknown exactly when both answers are still reachable.
    for states in itertools.product((True, False, None), repeat=5):
        inputs: dict[str, Any] = {"dry_mouth_over_3_months": True, **NO_EXCLUSION_2016}
        for item, state in zip(POSITIVE_2016, states, strict=True):
            if state is not None:
                inputs.update((POSITIVE_2016 if state else NEGATIVE_2016)[item])
        weights = (3, 3, 1, 1, 1)
        known = sum(w for w, s in zip(weights, states, strict=True) if s is True)
        unknown = sum(w for w, s in zip(weights, states, strict=True) if s is None)
        expected = True if known >= 4 else (False if known + unknown < 4 else None)
        assert acr_eular_2016_sjogren(**inputs).met is expected, states
