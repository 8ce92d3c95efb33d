"""mRSS, skin and lung progression and the protocol's SSc-ILD criterion, against hand computations."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores import (
    InvalidInputError,
    InvalidInputTypeError,
    LungChange,
    MrssArea,
    MrssProgressionDefinition,
    lung_progression,
    mrss,
    mrss_progression,
    ssc_ild_ground_glass_and_low_pft,
)
from tests.conftest import reference_rows

LUNG_ROWS = reference_rows("ssc_lung_progression.csv")
SKIN_ROWS = reference_rows("ssc_mrss_progression.csv")

_MET = {"True": True, "False": False, "": None}


def _num(text: str) -> float | None:
    if text == "":
        return None
    number = float(text)
    return int(number) if number.is_integer() and "." not in text else number


# --- mRSS ----------------------------------------------------------------------------------


def _zero() -> dict[MrssArea | str, int]:
    return dict.fromkeys(MrssArea, 0)


def test_mrss_has_the_17_published_areas() -> None:
    # Clements 1995: 17 areas; Khanna 2017: face, anterior chest, abdomen and, right and left,
    # fingers, dorsum of hands, forearms, upper arms, thighs, lower legs, dorsum of feet.
    expected = {"face", "anterior_chest", "abdomen"} | {
        f"{side}_{part}"
        for side in ("right", "left")
        for part in ("fingers", "hands", "forearms", "upper_arms", "thighs", "lower_legs", "feet")
    }
    assert {area.value for area in MrssArea} == expected
    assert len(MrssArea) == 17


def test_mrss_sums_the_areas() -> None:
    assert mrss(_zero()).value == 0
    assert mrss(dict.fromkeys(MrssArea, 3)).value == 51  # 17 x 3
    grades: dict[MrssArea | str, int] = {area.value: 0 for area in MrssArea}
    grades.update({"right_fingers": 3, "left_fingers": 3, "right_hands": 2, "face": 1})
    score = mrss(grades)
    assert score.value == 9  # hand sum 3 + 3 + 2 + 1
    assert isinstance(score.value, int)
    assert score.category is None
    assert score.instrument == "mRSS"
    assert score.components["right_fingers"] == 3
    assert len(score.components) == 17


def test_mrss_accepts_members_and_strings() -> None:
    mixed: dict[MrssArea | str, int] = {
        (area if i % 2 else area.value): 1 for i, area in enumerate(MrssArea)
    }
    assert mrss(mixed).value == 17


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"nose": 1}, "'areas key' must be one of"),
        ({"face": 4}, r"\"areas\['face'\]\" must be an integer from 0 to 3"),
        ({"face": -1}, r"\"areas\['face'\]\" must be an integer from 0 to 3"),
        ({"abdomen": 2.0}, r"\"areas\['abdomen'\]\" must be an integer"),
        ({"abdomen": True}, r"\"areas\['abdomen'\]\" must be an integer.*bool"),
        ({"abdomen": "2"}, r"\"areas\['abdomen'\]\" must be an integer"),
        ({"abdomen": None}, r"\"areas\['abdomen'\]\" must be an integer"),
    ],
)
def test_mrss_rejects_bad_areas(change: dict[Any, Any], message: str) -> None:
    grades: dict[Any, Any] = {area.value: 0 for area in MrssArea}
    grades.update(change)
    with pytest.raises(InvalidInputError, match=message):
        mrss(grades)


def test_mrss_rejects_missing_area_and_non_mapping() -> None:
    grades: dict[MrssArea | str, int] = _zero()
    del grades[MrssArea.LEFT_FEET]
    with pytest.raises(InvalidInputError, match=r"\"areas\['left_feet'\]\" is missing"):
        mrss(grades)
    with pytest.raises(InvalidInputTypeError, match="'areas' must be a mapping"):
        mrss([0] * 17)  # type: ignore[arg-type]


@given(
    grades=st.lists(st.integers(0, 3), min_size=17, max_size=17),
    which=st.integers(0, 16),
)
def test_mrss_raising_an_area_never_lowers_the_total(grades: list[int], which: int) -> None:
    areas: dict[MrssArea | str, int] = dict(zip(MrssArea, grades, strict=True))
    before = mrss(areas).value
    assert before == sum(grades)
    assert 0 <= before <= 51
    area = list(MrssArea)[which]
    if areas[area] < 3:
        areas[area] += 1
        assert mrss(areas).value == before + 1


# --- skin progression -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "row", SKIN_ROWS, ids=lambda r: f"{r['definition']}-{r['baseline']}-{r['follow_up']}"
)
def test_mrss_progression_reference(row: dict[str, str]) -> None:
    result = mrss_progression(
        baseline=int(row["baseline"]),
        follow_up=int(row["follow_up"]),
        definition=row["definition"],
        threshold_percent=float(row["threshold_percent"]),
    )
    assert result.met is _MET[row["met"]]
    assert result.values["change_points"] == int(row["change_points"])
    assert result.values["relative_change_percent"] == pytest.approx(
        float(row["relative_change_percent"]), abs=1e-12
    )
    assert result.reason
    assert all(item.reason for item in result.items)


def test_mrss_progression_takes_scores() -> None:
    base = mrss(dict.fromkeys(MrssArea, 1))  # 17
    follow = mrss({**dict.fromkeys(MrssArea, 1), MrssArea.FACE: 3})  # 19: +11.8 %
    result = mrss_progression(baseline=base, follow_up=follow)
    assert result.met is True
    assert result.values["baseline"] == 17
    assert result.values["follow_up"] == 19
    eustar = mrss_progression(
        baseline=base, follow_up=follow, definition=MrssProgressionDefinition.EUSTAR
    )
    assert eustar.met is False
    assert [item.name for item in eustar.items] == [
        "increase_more_than_5_points",
        "increase_at_least_25_percent",
    ]


def test_mrss_progression_refuses_a_zero_baseline() -> None:
    with pytest.raises(InvalidInputError, match=r"'baseline' must be >= 1 .*undefined"):
        mrss_progression(baseline=0, follow_up=5)
    with pytest.raises(InvalidInputError, match="'baseline' must be >= 1"):
        mrss_progression(baseline=0, follow_up=10, definition="eustar")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"baseline": 52}, "'baseline' must be an integer from 0 to 51"),
        ({"baseline": -1}, "'baseline' must be an integer from 0 to 51"),
        ({"baseline": 20.0}, "'baseline' must be an integer"),
        ({"baseline": True}, "'baseline' must be an integer"),
        ({"follow_up": 60}, "'follow_up' must be an integer from 0 to 51"),
        ({"follow_up": "22"}, "'follow_up' must be an integer"),
        ({"follow_up": math.nan}, "'follow_up' must be an integer"),
        ({"definition": "acr"}, "'definition' must be one of 'protocol', 'eustar'"),
        ({"threshold_percent": 0}, "'threshold_percent' must be > 0 and <= 100 %"),
        ({"threshold_percent": 101}, "'threshold_percent' must be > 0 and <= 100 %"),
        ({"threshold_percent": math.inf}, "'threshold_percent' must be a finite number"),
        (
            {"definition": "eustar", "threshold_percent": 25},
            "'threshold_percent' applies to definition='protocol' only",
        ),
    ],
)
def test_mrss_progression_rejects_bad_input(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        mrss_progression(**{"baseline": 20, "follow_up": 22, **kwargs})


def test_mrss_progression_rejects_other_instruments() -> None:
    from activity_scores import cdai  # noqa: PLC0415

    other = cdai(
        tender_joints_28=1, swollen_joints_28=1, patient_global_cm=1, evaluator_global_cm=1
    )
    with pytest.raises(InvalidInputError, match="'baseline' must be an mRSS value or Score"):
        mrss_progression(baseline=other, follow_up=3)


@given(
    base=st.integers(1, 51),
    follow=st.integers(0, 51),
    more=st.integers(0, 51),
    eustar=st.booleans(),
)
def test_higher_follow_up_never_removes_skin_progression(
    base: int, follow: int, more: int, eustar: bool
) -> None:
    definition = "eustar" if eustar else "protocol"
    higher = min(51, follow + more)
    low = mrss_progression(baseline=base, follow_up=follow, definition=definition)
    high = mrss_progression(baseline=base, follow_up=higher, definition=definition)
    assert not (low.met and not high.met)
    # the protocol rule, checked independently in integers: (f - b) * 100 > 10 * b
    if not eustar:
        assert low.met is ((follow - base) * 100 > 10 * base)


# --- lung progression -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "row",
    LUNG_ROWS,
    ids=lambda r: f"{r['change']}-{r['fvc_baseline']}-{r['fvc_follow_up']}-{r['dlco_follow_up']}",
)
def test_lung_progression_reference(row: dict[str, str]) -> None:
    result = lung_progression(
        fvc_baseline_percent_predicted=_num(row["fvc_baseline"]),  # type: ignore[arg-type]
        fvc_follow_up_percent_predicted=_num(row["fvc_follow_up"]),  # type: ignore[arg-type]
        dlco_baseline_percent_predicted=_num(row["dlco_baseline"]),
        dlco_follow_up_percent_predicted=_num(row["dlco_follow_up"]),
        change=row["change"],
    )
    assert result.met is _MET[row["met"]], result.reason
    assert result.values["fvc_decline"] == pytest.approx(float(row["fvc_decline"]), abs=1e-9)
    if row["dlco_decline"]:
        assert result.values["dlco_decline"] == pytest.approx(float(row["dlco_decline"]), abs=1e-9)
    met_items = [item.name for item in result.items if item.met]
    assert met_items == ([row["branch"]] if row["branch"] else [])
    if result.met is None:
        assert set(result.missing) <= {
            "dlco_baseline_percent_predicted",
            "dlco_follow_up_percent_predicted",
        }
        assert result.missing
    else:
        assert result.missing == ()


def test_lung_progression_names_only_the_missing_dlco_input() -> None:
    result = lung_progression(
        fvc_baseline_percent_predicted=80,
        fvc_follow_up_percent_predicted=75,
        dlco_baseline_percent_predicted=60,
        change=LungChange.RELATIVE,
    )
    assert result.met is None
    assert result.missing == ("dlco_follow_up_percent_predicted",)
    assert "unknown" in result.reason


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        ("fvc_baseline_percent_predicted", 9.9, "must be >= 10 and <= 200 % predicted"),
        ("fvc_baseline_percent_predicted", 2.5, "must be >= 10"),  # litres entered
        ("fvc_follow_up_percent_predicted", 201, "must be >= 10 and <= 200"),
        ("fvc_follow_up_percent_predicted", None, "must be a number"),
        ("fvc_follow_up_percent_predicted", True, "must be a number"),
        ("fvc_baseline_percent_predicted", math.nan, "must be a finite number"),
        ("dlco_baseline_percent_predicted", 4, "must be >= 5 and <= 200 % predicted"),
        ("dlco_follow_up_percent_predicted", "50", "must be a number"),
        ("dlco_follow_up_percent_predicted", -math.inf, "must be a finite number"),
        ("change", "percent", "'change' must be one of 'relative', 'absolute'"),
    ],
)
def test_lung_progression_rejects_bad_input(field: str, bad: object, message: str) -> None:
    kwargs: dict[str, Any] = {
        "fvc_baseline_percent_predicted": 80,
        "fvc_follow_up_percent_predicted": 72,
        "dlco_baseline_percent_predicted": 60,
        "dlco_follow_up_percent_predicted": 50,
    }
    with pytest.raises(InvalidInputError, match=message) as info:
        lung_progression(**{**kwargs, field: bad})
    assert info.value.field == field


pct = st.decimals(min_value=40, max_value=120, places=1).map(float)
dlco_pct = st.decimals(min_value=20, max_value=120, places=1).map(float)


@given(
    fvc_b=pct,
    fvc_f=pct,
    extra=st.decimals(min_value=0, max_value=20, places=1).map(float),
    dlco_b=dlco_pct,
    dlco_f=dlco_pct,
    absolute=st.booleans(),
)
def test_more_decline_never_removes_lung_progression(
    fvc_b: float, fvc_f: float, extra: float, dlco_b: float, dlco_f: float, absolute: bool
) -> None:
    change = "absolute" if absolute else "relative"
    kwargs: dict[str, Any] = {
        "fvc_baseline_percent_predicted": fvc_b,
        "dlco_baseline_percent_predicted": dlco_b,
        "change": change,
    }
    less = lung_progression(
        fvc_follow_up_percent_predicted=fvc_f, dlco_follow_up_percent_predicted=dlco_f, **kwargs
    )
    more_fvc = lung_progression(
        fvc_follow_up_percent_predicted=max(10.0, fvc_f - extra),
        dlco_follow_up_percent_predicted=dlco_f,
        **kwargs,
    )
    more_dlco = lung_progression(
        fvc_follow_up_percent_predicted=fvc_f,
        dlco_follow_up_percent_predicted=max(5.0, dlco_f - extra),
        **kwargs,
    )
    if less.met:
        assert more_fvc.met
        assert more_dlco.met
    assert less.met is not None  # DLCO known: never unknown


@given(fvc_b=pct, fvc_f=pct, dlco_b=dlco_pct, dlco_f=dlco_pct)
def test_absolute_progression_implies_relative_below_100_percent(
    fvc_b: float, fvc_f: float, dlco_b: float, dlco_f: float
) -> None:
    kwargs: dict[str, Any] = {
        "fvc_baseline_percent_predicted": min(fvc_b, 100.0),
        "fvc_follow_up_percent_predicted": fvc_f,
        "dlco_baseline_percent_predicted": min(dlco_b, 100.0),
        "dlco_follow_up_percent_predicted": dlco_f,
    }
    if lung_progression(**kwargs, change="absolute").met:
        assert lung_progression(**kwargs, change="relative").met


# --- the protocol's SSc-ILD criterion -------------------------------------------------------


@pytest.mark.parametrize(
    ("fvc", "dlco", "ggo", "met", "missing"),
    [
        (69.9, 80, True, True, ()),
        (70, 69.9, True, True, ()),
        (70, 70, True, False, ()),  # exactly 70 % is not < 70 %
        (70.0, 70.0, True, False, ()),
        (69.99, None, True, True, ()),
        (60, 50, False, False, ()),  # no ground-glass
        (60, 50, None, None, ("ground_glass_on_hrct",)),
        (70, None, True, None, ("dlco_percent_predicted",)),
        (None, None, True, None, ("fvc_percent_predicted", "dlco_percent_predicted")),
        (None, 80, True, None, ("fvc_percent_predicted",)),
        (80, 80, None, False, ()),  # both >= 70: ground-glass cannot matter
        (None, None, False, False, ()),
        (
            None,
            None,
            None,
            None,
            ("ground_glass_on_hrct", "fvc_percent_predicted", "dlco_percent_predicted"),
        ),
    ],
)
def test_ssc_ild_criterion(
    fvc: float | None,
    dlco: float | None,
    ggo: bool | None,
    met: bool | None,
    missing: tuple[str, ...],
) -> None:
    result = ssc_ild_ground_glass_and_low_pft(
        fvc_percent_predicted=fvc, dlco_percent_predicted=dlco, ground_glass_on_hrct=ggo
    )
    assert result.met is met
    assert result.missing == missing
    assert [item.name for item in result.items] == ["ground_glass", "fvc_below_70", "dlco_below_70"]


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("fvc_percent_predicted", 5),
        ("fvc_percent_predicted", "65"),
        ("dlco_percent_predicted", 250),
        ("dlco_percent_predicted", math.nan),
        ("ground_glass_on_hrct", 1),
        ("ground_glass_on_hrct", "yes"),
    ],
)
def test_ssc_ild_criterion_rejects_bad_input(field: str, bad: object) -> None:
    kwargs: dict[str, Any] = {field: bad}
    with pytest.raises(InvalidInputError, match=repr(field)):
        ssc_ild_ground_glass_and_low_pft(**kwargs)


def test_keyword_only() -> None:
    with pytest.raises(TypeError):
        mrss_progression(20, 22)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        lung_progression(80, 72)  # type: ignore[call-arg]
