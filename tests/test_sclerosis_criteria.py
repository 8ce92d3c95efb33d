"""2013 ACR/EULAR SSc classification criteria against hand computations from Table 1."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores import InvalidInputError, InvalidInputTypeError, acr_eular_2013_ssc
from tests.conftest import reference_rows

ROWS = reference_rows("ssc_acr_eular_2013.csv")
INPUTS = [name for name in ROWS[0] if name not in {"points", "met", "source"}]
ITEMS = INPUTS[:13]
EXCLUSIONS = INPUTS[13:]
_FLAG = {"1": True, "0": False, "": None}
_MET = {"True": True, "False": False, "": None}

# van den Hoogen 2013, Table 1 (ARD doi:10.1136/annrheumdis-2013-204424; A&R doi:10.1002/art.38098)
WEIGHTS = {
    "skin_thickening_proximal_to_mcps": 9,
    "puffy_fingers": 2,
    "sclerodactyly": 4,
    "digital_tip_ulcers": 2,
    "fingertip_pitting_scars": 3,
    "telangiectasia": 2,
    "abnormal_nailfold_capillaries": 2,
    "pulmonary_arterial_hypertension": 2,
    "interstitial_lung_disease": 2,
    "raynaud_phenomenon": 3,
    "anticentromere": 3,
    "anti_topoisomerase_i": 3,
    "anti_rna_polymerase_iii": 3,
}
GROUPS = [
    ["skin_thickening_proximal_to_mcps"],
    ["puffy_fingers", "sclerodactyly"],
    ["digital_tip_ulcers", "fingertip_pitting_scars"],
    ["telangiectasia"],
    ["abnormal_nailfold_capillaries"],
    ["pulmonary_arterial_hypertension", "interstitial_lung_disease"],
    ["raynaud_phenomenon"],
    ["anticentromere", "anti_topoisomerase_i", "anti_rna_polymerase_iii"],
]


def _independent_total(flags: dict[str, bool]) -> int:
    """Table 1 rule, written independently: the highest weight present in each group."""
    return sum(max((WEIGHTS[k] for k in group if flags[k]), default=0) for group in GROUPS)


def test_item_names_match_the_published_table() -> None:
    assert list(WEIGHTS) == ITEMS
    assert EXCLUSIONS == [
        "skin_thickening_sparing_fingers",
        "better_explained_by_scleroderma_like_disorder",
    ]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["source"][:60])
def test_reference_rows(row: dict[str, str]) -> None:
    kwargs = {name: _FLAG[row[name]] for name in INPUTS}
    result = acr_eular_2013_ssc(**kwargs)
    assert result.met is _MET[row["met"]], result.reason
    assert result.points == int(row["points"])
    assert result.reason
    if result.met is None:
        assert result.missing
        assert set(result.missing) <= {k for k, v in kwargs.items() if v is None}
    else:
        assert result.missing == ()


def test_items_are_in_the_published_order_with_their_points() -> None:
    result = acr_eular_2013_ssc(
        puffy_fingers=True,
        sclerodactyly=True,
        digital_tip_ulcers=True,
        fingertip_pitting_scars=True,
        pulmonary_arterial_hypertension=True,
        interstitial_lung_disease=True,
        anticentromere=True,
        anti_rna_polymerase_iii=True,
        skin_thickening_proximal_to_mcps=False,
        telangiectasia=False,
        abnormal_nailfold_capillaries=False,
        raynaud_phenomenon=False,
        anti_topoisomerase_i=False,
        better_explained_by_scleroderma_like_disorder=False,
    )
    assert [item.name for item in result.items] == [
        "skin_thickening_proximal_to_mcps",
        "skin_thickening_of_fingers",
        "fingertip_lesions",
        "telangiectasia",
        "abnormal_nailfold_capillaries",
        "pah_and_or_ild",
        "raynaud_phenomenon",
        "ssc_related_autoantibodies",
        "no_skin_thickening_sparing_fingers",
        "no_better_explaining_disorder",
    ]
    points = {item.name: item.points for item in result.items}
    assert points["skin_thickening_of_fingers"] == 4  # only the higher of 2 and 4
    assert points["fingertip_lesions"] == 3  # only the higher of 2 and 3
    assert points["pah_and_or_ild"] == 2  # maximum 2
    assert points["ssc_related_autoantibodies"] == 3  # maximum 3
    assert result.points == 12
    assert result.met is True
    # finger thickening (sclerodactyly) implies the fingers are not spared
    assert result.item("no_skin_thickening_sparing_fingers").met is True


def test_threshold_8_and_9_points() -> None:
    common: dict[str, Any] = dict.fromkeys(INPUTS, False)
    eight = acr_eular_2013_ssc(
        **{
            **common,
            "sclerodactyly": True,
            "telangiectasia": True,
            "abnormal_nailfold_capillaries": True,
        }
    )
    assert (eight.points, eight.met) == (8, False)
    assert "8 points < 9" in eight.reason
    nine = acr_eular_2013_ssc(
        **{
            **common,
            "puffy_fingers": True,
            "telangiectasia": True,
            "raynaud_phenomenon": True,
            "interstitial_lung_disease": True,
        }
    )
    assert (nine.points, nine.met) == (9, True)
    assert "9 points >= 9" in nine.reason


def test_unknown_exclusion_blocks_only_a_positive() -> None:
    common: dict[str, Any] = dict.fromkeys(ITEMS, False)
    positive = acr_eular_2013_ssc(**{**common, "skin_thickening_proximal_to_mcps": True})
    assert positive.met is None
    assert positive.missing == ("better_explained_by_scleroderma_like_disorder",)
    negative = acr_eular_2013_ssc(**{**common, "raynaud_phenomenon": True})
    assert negative.met is False
    assert negative.missing == ()


def test_missing_lists_only_inputs_that_could_add_points() -> None:
    result = acr_eular_2013_ssc(
        sclerodactyly=True,
        raynaud_phenomenon=True,
        skin_thickening_sparing_fingers=False,
        better_explained_by_scleroderma_like_disorder=False,
    )  # 7 known; puffy fingers (2 < 4) cannot add
    assert result.met is None
    assert "puffy_fingers" not in result.missing
    assert "telangiectasia" in result.missing


def test_contradictory_finger_inputs_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="'skin_thickening_sparing_fingers' cannot be True"):
        acr_eular_2013_ssc(sclerodactyly=True, skin_thickening_sparing_fingers=True)
    with pytest.raises(InvalidInputError, match="'skin_thickening_sparing_fingers'"):
        acr_eular_2013_ssc(
            skin_thickening_proximal_to_mcps=True, skin_thickening_sparing_fingers=True
        )


@pytest.mark.parametrize("name", INPUTS)
@pytest.mark.parametrize("bad", [1, 0, "yes", 1.0])
def test_non_boolean_inputs_are_refused(name: str, bad: object) -> None:
    kwargs: dict[str, Any] = {name: bad}
    with pytest.raises(InvalidInputTypeError, match=f"'{name}' must be True or False"):
        acr_eular_2013_ssc(**kwargs)


def test_keyword_only() -> None:
    with pytest.raises(TypeError):
        acr_eular_2013_ssc(True)  # type: ignore[call-arg]


tri = st.sampled_from([True, False, None])


def _complete(kwargs: dict[str, bool | None], *, best: bool) -> dict[str, bool]:
    out = {k: (best if v is None else v) for k, v in kwargs.items() if k in WEIGHTS}
    fingers = out["skin_thickening_proximal_to_mcps"] or out["sclerodactyly"]
    for name in EXCLUSIONS:
        value = kwargs[name]
        out[name] = (not best) if value is None else value
    if fingers:
        out["skin_thickening_sparing_fingers"] = False
    return out


@given(st.fixed_dictionaries(dict.fromkeys(INPUTS, tri)))
def test_tri_state_is_sound(kwargs: dict[str, bool | None]) -> None:
    fingers = kwargs["skin_thickening_proximal_to_mcps"] or kwargs["sclerodactyly"]
    if fingers and kwargs["skin_thickening_sparing_fingers"]:
        return  # contradictory, refused (tested above)
    if kwargs["skin_thickening_sparing_fingers"] is True:
        kwargs = {**kwargs, "skin_thickening_proximal_to_mcps": False, "sclerodactyly": False}
    result = acr_eular_2013_ssc(**kwargs)
    best = _complete(kwargs, best=True)
    worst = _complete(kwargs, best=False)
    best_met = acr_eular_2013_ssc(**best).met
    worst_met = acr_eular_2013_ssc(**worst).met
    assert best_met is not None
    assert worst_met is not None
    # independent check of the complete cases against Table 1
    for complete, met in ((best, best_met), (worst, worst_met)):
        expected = (
            _independent_total(complete) >= 9
            and not complete["skin_thickening_sparing_fingers"]
            and not complete["better_explained_by_scleroderma_like_disorder"]
        )
        assert met is expected
    if result.met is None:
        assert best_met is True
        assert worst_met is False
    else:
        assert best_met is result.met
        assert worst_met is result.met


@given(st.fixed_dictionaries(dict.fromkeys(ITEMS, st.booleans())), st.sampled_from(ITEMS))
def test_adding_an_item_never_lowers_points_or_removes_classification(
    flags: dict[str, bool], extra: str
) -> None:
    exclusions = {
        "skin_thickening_sparing_fingers": False,
        "better_explained_by_scleroderma_like_disorder": False,
    }
    before = acr_eular_2013_ssc(**flags, **exclusions)
    after = acr_eular_2013_ssc(**{**flags, extra: True}, **exclusions)
    assert before.points is not None
    assert after.points is not None
    assert after.points >= before.points
    assert before.points == _independent_total(flags)
    assert not (before.met and not after.met)
