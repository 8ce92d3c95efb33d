"""EULAR/ACR 2017 IIM criteria and myositis antibodies against hand sums of the published weights."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores import (
    IimCutoffs,
    InvalidInputError,
    InvalidInputTypeError,
    MyositisAntibody,
    eular_acr_2017_iim,
    myositis_antibodies_positive,
)
from tests.conftest import reference_rows

ITEMS = (
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
COLUMNS = (
    "upper",
    "lower",
    "neck",
    "legs",
    "heliotrope",
    "papules",
    "sign",
    "dysphagia",
    "jo1",
    "enzymes",
)
FINDINGS = (
    "endomysial_infiltrate",
    "perimysial_or_perivascular_infiltrate",
    "perifascicular_atrophy",
    "rimmed_vacuoles",
)
FINDING_COLUMNS = ("endomysial", "perimysial", "perifascicular", "vacuoles")


def _no(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = dict.fromkeys(ITEMS, False)
    base["age_at_onset_years"] = 10
    return {**base, **over}


def _flag(text: str) -> bool | None:
    return None if text == "" else text == "1"


@pytest.mark.parametrize("row", reference_rows("iim.csv"), ids=lambda r: r["score"])
def test_iim_reference(row: dict[str, str]) -> None:
    kwargs: dict[str, Any] = {k: _flag(row[c]) for k, c in zip(ITEMS, COLUMNS, strict=True)}
    kwargs["age_at_onset_years"] = float(row["age"])
    kwargs["muscle_biopsy"] = row["biopsy"] == "1"
    if kwargs["muscle_biopsy"]:
        kwargs.update({k: _flag(row[c]) for k, c in zip(FINDINGS, FINDING_COLUMNS, strict=True)})
    kwargs["finger_flexor_weakness_unresponsive"] = _flag(row["ffw"])
    out = eular_acr_2017_iim(**kwargs)
    assert out.points == float(row["score"])
    assert out.values["category"] == row["category"]
    assert out.values["subgroup"] == (row["subgroup"] or None)


# Each weight alone (Lundberg 2017 Table 1), age < 18 so the age item scores 0.
@pytest.mark.parametrize(
    ("item", "no_biopsy", "biopsy"),
    [
        ("proximal_upper_weakness", 0.7, 0.7),
        ("proximal_lower_weakness", 0.8, 0.5),
        ("neck_flexors_weaker_than_extensors", 1.9, 1.6),
        ("legs_proximal_weaker_than_distal", 0.9, 1.2),
        ("heliotrope_rash", 3.1, 3.2),
        ("gottrons_papules", 2.1, 2.7),
        ("gottrons_sign", 3.3, 3.7),
        ("dysphagia", 0.7, 0.6),
        ("anti_jo1", 3.9, 3.8),
        ("elevated_muscle_enzymes", 1.3, 1.4),
    ],
)
def test_iim_each_weight(item: str, no_biopsy: float, biopsy: float) -> None:
    assert eular_acr_2017_iim(**_no(**{item: True})).points == no_biopsy
    assert eular_acr_2017_iim(**_no(**{item: True}), muscle_biopsy=True).points == biopsy


@pytest.mark.parametrize(
    ("finding", "weight"),
    [
        ("endomysial_infiltrate", 1.7),
        ("perimysial_or_perivascular_infiltrate", 1.2),
        ("perifascicular_atrophy", 1.9),
        ("rimmed_vacuoles", 3.1),
    ],
)
def test_iim_biopsy_weights(finding: str, weight: float) -> None:
    findings: dict[str, Any] = {finding: True}
    out = eular_acr_2017_iim(**_no(), muscle_biopsy=True, **findings)
    assert out.points == weight


@pytest.mark.parametrize(
    ("age", "no_biopsy", "biopsy"),
    [(17.9, 0, 0), (18, 1.3, 1.5), (39.9, 1.3, 1.5), (40, 2.1, 2.2), (80, 2.1, 2.2)],
)
def test_iim_age_bands(age: float, no_biopsy: float, biopsy: float) -> None:
    assert eular_acr_2017_iim(**_no(age_at_onset_years=age)).points == no_biopsy
    out = eular_acr_2017_iim(**_no(age_at_onset_years=age), muscle_biopsy=True)
    assert out.points == biopsy


@pytest.mark.parametrize(
    ("kwargs", "score", "score_category", "probability_category"),
    [
        # 5.2: not IIM either way.
        (_no(heliotrope_rash=True, gottrons_papules=True), 5.2, "not_iim", "not_iim"),
        # 5.3 = 1.3 (age 18-40) + 3.1 (heliotrope) + 0.9 (legs): possible by score, P = 49.3 %.
        (
            _no(age_at_onset_years=30, heliotrope_rash=True, legs_proximal_weaker_than_distal=True),
            5.3,
            "possible",
            "not_iim",
        ),
        # 5.4 = 2.1 + 3.3: possible by score; P = 51.7 % possible by probability.
        (_no(age_at_onset_years=40, gottrons_sign=True), 5.4, "possible", "possible"),
        # 5.5 = 3.9 + 0.7 + 0.9: probable by score, P = 54.2 % only possible by probability.
        (
            _no(anti_jo1=True, proximal_upper_weakness=True, legs_proximal_weaker_than_distal=True),
            5.5,
            "probable",
            "possible",
        ),
        # 5.6 = 3.9 + 0.8 + 0.9: probable both ways (P = 56.7 %).
        (
            _no(anti_jo1=True, proximal_lower_weakness=True, legs_proximal_weaker_than_distal=True),
            5.6,
            "probable",
            "probable",
        ),
        # 7.4 = 2.1 + 3.3 + 1.3 + 0.7: probable both ways (P = 88.8 %).
        (
            _no(
                age_at_onset_years=50,
                gottrons_sign=True,
                elevated_muscle_enzymes=True,
                dysphagia=True,
            ),
            7.4,
            "probable",
            "probable",
        ),
        # 7.5 = 2.1 + 3.3 + 1.3 + 0.8: definite by score, P = 89.8 % probable by probability.
        (
            _no(
                age_at_onset_years=50,
                gottrons_sign=True,
                elevated_muscle_enzymes=True,
                proximal_lower_weakness=True,
            ),
            7.5,
            "definite",
            "probable",
        ),
        # 7.6 = 2.1 + 3.3 + 1.3 + 0.9: definite both ways (P = 90.6 %).
        (
            _no(
                age_at_onset_years=50,
                gottrons_sign=True,
                elevated_muscle_enzymes=True,
                legs_proximal_weaker_than_distal=True,
            ),
            7.6,
            "definite",
            "definite",
        ),
    ],
)
def test_iim_cutoffs_without_biopsy(
    kwargs: dict[str, Any], score: float, score_category: str, probability_category: str
) -> None:
    by_score = eular_acr_2017_iim(**kwargs)
    assert by_score.points == score
    assert by_score.values["category"] == score_category
    by_p = eular_acr_2017_iim(**kwargs, cutoffs=IimCutoffs.PROBABILITY)
    assert by_p.values["category"] == probability_category
    assert by_score.met is (score_category in {"probable", "definite"})
    # Probability formula (Lundberg 2017): 1 / (1 + exp(5.33 - score)).
    assert by_score.values["probability"] == pytest.approx(1 / (1 + math.exp(5.33 - score)))


@pytest.mark.parametrize(
    ("kwargs", "score", "category"),
    [
        # 6.4 = 2.2 + 3.7 + 0.5: not IIM (P = 47.8 %).
        (
            _no(age_at_onset_years=50, gottrons_sign=True, proximal_lower_weakness=True),
            6.4,
            "not_iim",
        ),
        # 6.5 = 2.2 + 3.7 + 0.6: possible (P = 50.2 %).
        (_no(age_at_onset_years=50, gottrons_sign=True, dysphagia=True), 6.5, "possible"),
        # 6.6 = 2.2 + 3.7 + 0.7: possible (P = 52.7 %).
        (
            _no(age_at_onset_years=50, gottrons_sign=True, proximal_upper_weakness=True),
            6.6,
            "possible",
        ),
        # 6.7 = 1.5 + 3.8 + 1.4: probable (P = 55.2 %).
        (_no(age_at_onset_years=20, anti_jo1=True, elevated_muscle_enzymes=True), 6.7, "probable"),
        # 8.6 = 2.2 + 3.7 + 2.7: probable (P = 89.1 %).
        (_no(age_at_onset_years=50, gottrons_sign=True, gottrons_papules=True), 8.6, "probable"),
        # 8.7 = 2.2 + 3.8 + 2.7: definite (P = 90.1 %).
        (_no(age_at_onset_years=50, anti_jo1=True, gottrons_papules=True), 8.7, "definite"),
    ],
)
def test_iim_cutoffs_with_biopsy(kwargs: dict[str, Any], score: float, category: str) -> None:
    # With biopsy the score and probability cut-offs agree (Lundberg 2017).
    for mode in ("score", "probability"):
        out = eular_acr_2017_iim(
            **kwargs, muscle_biopsy=True, cutoffs=mode, **dict.fromkeys(FINDINGS, False)
        )
        assert out.points == score
        assert out.values["category"] == category
        assert out.values["variant"] == "with muscle biopsy"


def test_probability_thresholds_match_formula() -> None:
    # P >= 55 % and >= 90 % from 1/(1+exp(c - S)) with c = 5.33 / 6.49 (hand computation).
    assert 1 / (1 + math.exp(5.33 - 5.5)) < 0.55 < 1 / (1 + math.exp(5.33 - 5.6))
    assert 1 / (1 + math.exp(5.33 - 7.5)) < 0.90 < 1 / (1 + math.exp(5.33 - 7.6))
    assert 1 / (1 + math.exp(6.49 - 6.6)) < 0.55 < 1 / (1 + math.exp(6.49 - 6.7))
    assert 1 / (1 + math.exp(6.49 - 8.6)) < 0.90 < 1 / (1 + math.exp(6.49 - 8.7))


def test_iim_tristate() -> None:
    # 5.2 known + unknown anti-Jo-1 (3.9): could reach probable -> unknown.
    out = eular_acr_2017_iim(**_no(heliotrope_rash=True, gottrons_papules=True, anti_jo1=None))
    assert out.met is None
    assert out.values["category"] is None
    assert "anti_jo1" in out.missing
    assert out.values["score_max"] == 9.1
    # 8.0 known, unknown dysphagia: definite either way.
    out = eular_acr_2017_iim(
        **_no(
            age_at_onset_years=45,
            proximal_upper_weakness=True,
            proximal_lower_weakness=True,
            heliotrope_rash=True,
            elevated_muscle_enzymes=True,
            dysphagia=None,
        )
    )
    assert (out.met, out.values["category"]) == (True, "definite")
    # 0 known, only dysphagia unknown (0.7): cannot reach 5.5.
    out = eular_acr_2017_iim(**_no(dysphagia=None))
    assert (out.met, out.values["category"]) == (False, "not_iim")
    # Unknown age with skin signs: subgroup unknown, score known lower bound.
    out = eular_acr_2017_iim(**_no(age_at_onset_years=None, anti_jo1=True, gottrons_sign=True))
    assert out.met is True
    assert out.values["subgroup"] is None


def test_iim_subgroup_unknown_branches() -> None:
    adult_no_rash = _no(
        age_at_onset_years=50,
        anti_jo1=True,
        elevated_muscle_enzymes=True,
        proximal_upper_weakness=True,
    )
    assert eular_acr_2017_iim(**adult_no_rash).values["subgroup"] is None  # IBM features unknown
    out = eular_acr_2017_iim(**adult_no_rash, finger_flexor_weakness_unresponsive=False)
    assert out.values["subgroup"] == "pm"
    out = eular_acr_2017_iim(**adult_no_rash, finger_flexor_weakness_unresponsive=True)
    assert out.values["subgroup"] == "ibm"
    juvenile = _no(
        anti_jo1=True, proximal_upper_weakness=True, neck_flexors_weaker_than_extensors=True
    )
    out = eular_acr_2017_iim(**juvenile)
    assert out.values["subgroup"] == "juvenile_myositis_other_than_jdm"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"age_at_onset_years": -1}, "age_at_onset_years"),
        ({"age_at_onset_years": 121}, "age_at_onset_years"),
        ({"age_at_onset_years": True}, "age_at_onset_years"),
        ({"heliotrope_rash": 1}, "heliotrope_rash"),
        ({"anti_jo1": "yes"}, "anti_jo1"),
        ({"rimmed_vacuoles": True}, "rimmed_vacuoles"),
        ({"muscle_biopsy": None}, "muscle_biopsy"),
        ({"cutoffs": "odds"}, "cutoffs"),
        ({"finger_flexor_weakness_unresponsive": 0}, "finger_flexor_weakness_unresponsive"),
    ],
)
def test_iim_invalid(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        eular_acr_2017_iim(**_no(**kwargs))


@given(st.lists(st.booleans(), min_size=10, max_size=10), st.integers(0, 9), st.booleans())
def test_iim_adding_an_item_never_lowers(values: list[bool], index: int, biopsy: bool) -> None:
    kwargs = _no(**dict(zip(ITEMS, values, strict=True)), age_at_onset_years=45)
    before = eular_acr_2017_iim(**kwargs, muscle_biopsy=biopsy)
    after = eular_acr_2017_iim(**{**kwargs, ITEMS[index]: True}, muscle_biopsy=biopsy)
    assert after.points is not None
    assert before.points is not None
    assert after.points >= before.points
    p_after, p_before = after.values["probability"], before.values["probability"]
    assert isinstance(p_after, float)
    assert isinstance(p_before, float)
    assert p_after >= p_before


# --- myositis antibodies -----------------------------------------------------------------


def test_antibodies() -> None:
    negative: dict[MyositisAntibody | str, bool | None] = dict.fromkeys(
        (a for a in MyositisAntibody if a.value not in {"ro52", "pm_scl", "ku", "u1_rnp"}), False
    )
    assert myositis_antibodies_positive(negative).met is False
    assert myositis_antibodies_positive({**negative, "hmgcr": True}).met is True
    assert myositis_antibodies_positive({**negative, "ro52": True}).met is False
    out = myositis_antibodies_positive({**negative, "ro52": True}, include_associated=True)
    assert out.met is True
    out = myositis_antibodies_positive({**negative, "ro52": False}, include_associated=True)
    assert out.met is None
    assert set(out.missing) == {"pm_scl", "ku", "u1_rnp"}
    out = myositis_antibodies_positive({"jo1": False})
    assert out.met is None


@pytest.mark.parametrize(
    ("results", "kwargs", "match"),
    [
        ({"anti-jo1": True}, {}, "results key"),
        ({"jo1": 1}, {}, "jo1"),
        ({"ro52": "positive"}, {}, "ro52"),
        ({"jo1": True}, {"include_associated": None}, "include_associated"),
    ],
)
def test_antibodies_invalid(results: dict[str, Any], kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        myositis_antibodies_positive(results, **kwargs)


def test_antibodies_not_mapping() -> None:
    with pytest.raises(InvalidInputTypeError, match="results"):
        myositis_antibodies_positive(["jo1"])  # type: ignore[arg-type]
