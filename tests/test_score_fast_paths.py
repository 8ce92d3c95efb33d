"""The score fast paths of issue 8 change nothing observable.

Equivalence tests (a fast path against the general code it short-cuts, or a lazily built
Score against the same Score built by its constructor), not reference values: the values
themselves are checked against published examples in the per-indication test modules.

* Lazily built scores (``results.lazy_score``): every public behaviour of a Score, on a
  fresh (unmaterialised) instance and again once materialised.
* Category fast paths: the band decided on ``value * 100.0 + 0.5 + noise`` compared with
  integer-valued floats, against the general ``_*_band`` functions (which floor first), at
  and around every cut-off, with float noise, and as a Hypothesis property.
* Mapping fast paths (essdai, mrss, mmt8): a plain dict against a read-only view of the same
  dict (not a dict, so it takes the general path): same Score, or the same error.
"""

from __future__ import annotations

import copy
import math
import pickle
import threading
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from activity_scores import (
    BodyWeight,
    Das28Convention,
    DiseaseActivity,
    EssdaiDomain,
    EssdaiLevel,
    EsspriState,
    EularResponse,
    InvalidInputError,
    Mmt8Muscle,
    MrssArea,
    Score,
    Sex,
    cdai,
    cdai_category,
    cockcroft_gault,
    das28_category,
    das28_crp,
    das28_esr,
    essdai,
    essdai_category,
    esspri,
    eular_response,
    ideal_body_weight_kg,
    mmt8,
    mrss,
    sdai,
    sdai_category,
)
from activity_scores import _validation as _v
from activity_scores._rounding import hundredths
from activity_scores.results import EMPTY, lazy_score
from activity_scores.scores import renal, rheumatoid
from activity_scores.scores.rheumatoid import _cdai_band, _das28_band, _sdai_band
from activity_scores.scores.sjogren import _band as _essdai_band

_STATE_KEY = "_lazy_score_state"
_FIELDS = [field.name for field in attrs.fields(Score)]

# ---------------------------------------------------------------------------------------
# Lazily built scores: each public function's result against the same Score written out.
# ---------------------------------------------------------------------------------------

_ESSDAI_LEVELS = dict.fromkeys((d.value for d in EssdaiDomain), "no") | {
    "articular": "moderate",
    "glandular": "low",
    "biological": "moderate",
    "hematological": "low",
}
_ESSDAI_POINTS = dict.fromkeys((d.value for d in EssdaiDomain), 0) | {
    "articular": 4,
    "glandular": 2,
    "biological": 2,
    "hematological": 2,
}
_MRSS = {area.value: 1 for area in MrssArea} | {"face": 2, "abdomen": 0}
_MMT8 = {muscle.value: 9 for muscle in Mmt8Muscle} | {"neck_flexors": 7}


def _das28(value: float, variant: str, inputs: dict[str, object], name: str) -> Score:
    return Score(
        name, value, _das28_band(value, Das28Convention.EULAR), "", inputs, EMPTY, variant, 2
    )


def _cases() -> list[tuple[str, Callable[[], Score], Callable[[float], Score]]]:
    """(label, a call returning a lazily built Score, its eager twin given the value)."""
    das: dict[str, Any] = {"tender_joints_28": 6, "swollen_joints_28": 4}
    return [
        (
            "das28_esr 4-variable",
            lambda: das28_esr(**das, esr_mm_per_h=30, patient_global_mm=50),
            lambda v: _das28(
                v, "4-variable", {**das, "esr_mm_per_h": 30, "patient_global_mm": 50}, "DAS28-ESR"
            ),
        ),
        (
            "das28_esr 3-variable, ACR 2012",
            lambda: das28_esr(**das, esr_mm_per_h=30.0, convention="acr_2012"),
            lambda v: Score(
                "DAS28-ESR",
                v,
                _das28_band(v, Das28Convention.ACR_2012),
                "",
                {**das, "esr_mm_per_h": 30.0, "patient_global_mm": None},
                EMPTY,
                "3-variable",
                2,
            ),
        ),
        (
            "das28_crp 4-variable",
            lambda: das28_crp(**das, crp_mg_per_l=12.0, patient_global_mm=50),
            lambda v: _das28(
                v, "4-variable", {**das, "crp_mg_per_l": 12.0, "patient_global_mm": 50}, "DAS28-CRP"
            ),
        ),
        (
            "cdai",
            lambda: cdai(**das, patient_global_cm=4.5, evaluator_global_cm=3.0),
            lambda v: Score(
                "CDAI",
                v,
                DiseaseActivity.MODERATE,
                "",
                {**das, "patient_global_cm": 4.5, "evaluator_global_cm": 3.0},
                EMPTY,
                None,
                2,
            ),
        ),
        (
            "sdai",
            lambda: sdai(**das, patient_global_cm=4.5, evaluator_global_cm=3, crp_mg_per_dl=1.2),
            lambda v: Score(
                "SDAI",
                v,
                DiseaseActivity.MODERATE,
                "",
                {**das, "patient_global_cm": 4.5, "evaluator_global_cm": 3, "crp_mg_per_dl": 1.2},
                EMPTY,
                None,
                2,
            ),
        ),
        (
            "eular_response",
            lambda: eular_response(baseline=5.4, follow_up=3.1),
            lambda v: Score(
                "EULAR response",
                v,
                EularResponse.GOOD,
                "",
                {"baseline": 5.4, "follow_up": 3.1},
                EMPTY,
                None,
                2,
            ),
        ),
        (
            "cockcroft_gault actual",
            lambda: cockcroft_gault(
                age_years=40, weight_kg=72.0, sex="female", serum_creatinine_mg_per_dl=1.1
            ),
            lambda v: Score(
                "Cockcroft-Gault creatinine clearance",
                v,
                None,
                "mL/min",
                {
                    "age_years": 40,
                    "weight_kg": 72.0,
                    "sex": Sex.FEMALE,
                    "serum_creatinine_mg_per_dl": 1.1,
                    "height_cm": None,
                    "body_weight": BodyWeight.ACTUAL,
                },
                {"weight_used_kg": 72.0},
                "actual body weight",
                None,
            ),
        ),
        (
            "cockcroft_gault adjusted",
            lambda: cockcroft_gault(
                age_years=40,
                weight_kg=110.0,
                sex=Sex.MALE,
                serum_creatinine_umol_per_l=90.0,
                height_cm=175.0,
                body_weight="adjusted",
            ),
            lambda v: Score(
                "Cockcroft-Gault creatinine clearance",
                v,
                None,
                "mL/min",
                {
                    "age_years": 40,
                    "weight_kg": 110.0,
                    "sex": Sex.MALE,
                    "serum_creatinine_umol_per_l": 90.0,
                    "height_cm": 175.0,
                    "body_weight": BodyWeight.ADJUSTED,
                },
                {
                    # Devine: 50 + 2.3 * (175 / 2.54 - 60), then ideal + 0.4 * (actual - ideal)
                    "weight_used_kg": 50
                    + 2.3 * (175.0 / 2.54 - 60)
                    + 0.4 * (110.0 - (50 + 2.3 * (175.0 / 2.54 - 60))),
                    "ideal_body_weight_kg": 50 + 2.3 * (175.0 / 2.54 - 60),
                },
                "adjusted body weight",
                None,
            ),
        ),
        (
            "esspri",
            lambda: esspri(dryness=6, fatigue=7, pain=4),
            lambda v: Score(
                "ESSPRI",
                v,
                EsspriState.UNSATISFACTORY,
                "",
                MappingProxyType({"dryness": 6, "fatigue": 7, "pain": 4}),
                MappingProxyType({"dryness": 6 / 3, "fatigue": 7 / 3, "pain": 4 / 3}),
            ),
        ),
        (
            "essdai",
            lambda: essdai(dict(_ESSDAI_LEVELS)),
            lambda v: Score(
                "ESSDAI",
                v,
                DiseaseActivity.MODERATE,
                "",
                MappingProxyType({k: EssdaiLevel(level) for k, level in _ESSDAI_LEVELS.items()}),
                MappingProxyType(dict(_ESSDAI_POINTS)),
            ),
        ),
        (
            "mrss",
            lambda: mrss(dict(_MRSS)),
            lambda v: Score("mRSS", v, None, "", {"areas": dict(_MRSS)}, dict(_MRSS)),
        ),
        (
            "mmt8",
            lambda: mmt8(dict(_MMT8)),
            lambda v: Score(
                "MMT-8",
                v,
                None,
                "points",
                {"grades": dict(_MMT8)},
                dict(_MMT8),
                "bilateral (0-150)",
            ),
        ),
    ]


_CASES = _cases()
_IDS = [label for label, _, _ in _CASES]


def _outcome(action: Callable[[], object]) -> object:
    """The result of ``action``, or its exception's type and message."""
    try:
        return action()
    except Exception as error:  # noqa: BLE001 - compared, not handled
        return (type(error), str(error))


def _pickled(score: Score) -> object:
    return _outcome(lambda: pickle.dumps(score, protocol=pickle.HIGHEST_PROTOCOL))


def _field(name: str) -> Callable[[Score], object]:
    return lambda score: getattr(score, name)


#: Each public behaviour of a Score, as a function of the Score giving something comparable.
_BEHAVIOURS: dict[str, Callable[[Score], object]] = {
    **{f"field {name}": _field(name) for name in _FIELDS},
    "eq": lambda s: s == s.__class__(*(getattr(s, n) for n in _FIELDS)),
    "hash": lambda s: _outcome(lambda: hash(s)),
    "repr": repr,
    "str": str,
    "float": float,
    "rounded": lambda s: s.rounded(),
    "to_dict": lambda s: s.to_dict(),
    "pickle bytes": _pickled,
    "pickle round trip": lambda s: _outcome(lambda: pickle.loads(pickle.dumps(s)).to_dict()),  # noqa: S301 - our own object
    "copy": lambda s: _outcome(lambda: copy.copy(s).to_dict()),
    "deepcopy": lambda s: _outcome(lambda: copy.deepcopy(s).to_dict()),
    "evolve": lambda s: attrs.evolve(s, value=1.0).to_dict(),
    "asdict": lambda s: attrs.asdict(s, recurse=False),
    "asdict recurse": lambda s: _outcome(lambda: attrs.asdict(s)),
    "astuple": lambda s: attrs.astuple(s, recurse=False),
    "vars after a field read": lambda s: (s.instrument, list(vars(s).items()))[1],
}


@pytest.mark.parametrize(("label", "call", "eager"), _CASES, ids=_IDS)
@pytest.mark.parametrize("behaviour", list(_BEHAVIOURS))
def test_lazy_score_behaves_as_the_eager_one(
    label: str, call: Callable[[], Score], eager: Callable[[float], Score], behaviour: str
) -> None:
    check = _BEHAVIOURS[behaviour]
    lazy = call()
    assert _STATE_KEY in vars(lazy), label  # built lazily
    twin = eager(lazy.value)
    assert type(lazy) is Score
    assert check(lazy) == check(twin)  # on the fresh, unmaterialised instance
    assert lazy.instrument == twin.instrument  # (value and category alone do not build it)
    assert check(lazy) == check(twin)  # and again, materialised
    assert _STATE_KEY not in vars(lazy)
    assert list(vars(lazy).items()) == list(vars(twin).items())


@pytest.mark.parametrize(("label", "call", "eager"), _CASES, ids=_IDS)
def test_lazy_score_compares_both_ways_and_stays_frozen(
    label: str, call: Callable[[], Score], eager: Callable[[float], Score]
) -> None:
    lazy = call()
    twin = eager(lazy.value)
    assert twin == lazy, label  # the eager side first: materialises through its __eq__
    assert not twin != call()  # noqa: SIM202 - __ne__ is the test
    assert attrs.evolve(call(), value=-1.0) != twin
    fresh = call()
    for name in _FIELDS:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(fresh, name, None)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(fresh, name)
    assert _STATE_KEY in vars(fresh)  # the refused writes did not materialise it
    assert fresh == twin


def test_pickling_stays_refused_where_it_was() -> None:
    # EMPTY (a mappingproxy) cannot be pickled: a Score holding it never could be.
    eager = Score("X", 1.0, None)
    lazy = das28_esr(tender_joints_28=1, swollen_joints_28=1, esr_mm_per_h=10)
    for score in (eager, lazy):
        with pytest.raises(TypeError, match="cannot pickle 'mappingproxy' object"):
            pickle.dumps(score)


def test_lazy_score_unknown_and_class_attributes_raise_as_before() -> None:
    lazy = cdai(tender_joints_28=1, swollen_joints_28=1, patient_global_cm=1, evaluator_global_cm=1)
    with pytest.raises(AttributeError, match="'Score' object has no attribute 'nope'"):
        lazy.nope  # type: ignore[attr-defined]  # noqa: B018 - the read is the test
    assert _STATE_KEY in vars(lazy)  # an unknown name does not materialise it
    assert not hasattr(lazy, "__setstate__")
    for name in _FIELDS:
        assert not hasattr(Score, name), name  # no class attribute, as before
    with pytest.raises(AttributeError, match="type object 'Score' has no attribute 'unit'"):
        Score.unit  # noqa: B018 - the read is the test
    blank = object.__new__(Score)  # as pickle or copy create it, before its state is set
    with pytest.raises(AttributeError, match="'Score' object has no attribute 'inputs'"):
        blank.inputs  # noqa: B018 - the read is the test


def test_lazy_score_helper_builds_once_and_in_field_order() -> None:
    calls: list[tuple[object, ...]] = []

    def build(value: float, category: Any, state: tuple[Any, ...]) -> dict[str, Any]:
        (_, a) = state
        calls.append((value, category, a))
        return vars(Score("X", value, category, "u", {"a": a}, {"c": 1.0}, "v", 1))

    score = lazy_score(2.5, DiseaseActivity.LOW, (build, 7))
    assert score.value == 2.5
    assert score.category is DiseaseActivity.LOW
    assert calls == []  # value and category are held, not built
    assert score.inputs == {"a": 7}
    assert score.unit == "u"
    assert calls == [(2.5, DiseaseActivity.LOW, 7)]
    assert list(vars(score)) == _FIELDS


def test_lazy_score_materialised_from_several_threads_is_consistent() -> None:
    for _ in range(50):
        score = das28_crp(tender_joints_28=3, swollen_joints_28=2, crp_mg_per_l=5.0)
        seen: list[object] = []
        threads = [
            threading.Thread(target=lambda s=score, out=seen: out.append(s.inputs))
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert all(inputs == seen[0] for inputs in seen)
        assert len(seen) == 4


@pytest.mark.parametrize(
    ("function", "value", "mutate"),
    [
        (essdai, _ESSDAI_LEVELS, ("articular", "high")),
        (mrss, _MRSS, ("face", 3)),
        (mmt8, _MMT8, ("neck_flexors", 10)),
    ],
)
def test_a_later_change_to_the_callers_dict_does_not_change_the_score(
    function: Callable[[Any], Score],
    value: dict[str, object],
    mutate: tuple[str, object],
) -> None:
    given_map = dict(value)
    score = function(given_map)
    expected = function(MappingProxyType(dict(value)))  # the general path, eager
    given_map[mutate[0]] = mutate[1]
    assert score == expected
    assert score.to_dict() == expected.to_dict()


# ---------------------------------------------------------------------------------------
# Category fast paths: the inlined comparison against the band functions.
# ---------------------------------------------------------------------------------------

_DAS28_CUTS = (2.6, 3.2, 5.1)
_CDAI_CUTS = (2.8, 10.0, 22.0)
_SDAI_CUTS = (3.3, 11.0, 26.0)


def _first_reaching(units: int) -> float:
    """The smallest float >= 0 whose hundredths (``_rounding.hundredths``) reach ``units``.

    Found by bisection over the floats, independently of the constants in rheumatoid.py.
    """
    below, above = 0.0, 1000.0
    assert hundredths(below) < units <= hundredths(above)
    while math.nextafter(below, math.inf) < above:
        middle = (below + above) / 2
        if middle in {below, above}:
            middle = math.nextafter(below, math.inf)
        if hundredths(middle) >= units:
            above = middle
        else:
            below = middle
    return above


_BOUNDARIES = {
    "_DAS28_REMISSION_BELOW": 260,
    "_DAS28_LOW_BELOW": 321,
    "_DAS28_MODERATE_BELOW": 511,
    "_CDAI_REMISSION_BELOW": 281,
    "_CDAI_LOW_BELOW": 1001,
    "_CDAI_MODERATE_BELOW": 2201,
    "_SDAI_REMISSION_BELOW": 331,
    "_SDAI_LOW_BELOW": 1101,
    "_SDAI_MODERATE_BELOW": 2601,
}


@pytest.mark.parametrize(("name", "units"), list(_BOUNDARIES.items()))
def test_band_constants_are_the_rounding_boundaries(name: str, units: int) -> None:
    constant = getattr(rheumatoid, name)
    assert constant == _first_reaching(units)
    assert hundredths(constant) == units
    assert hundredths(math.nextafter(constant, 0)) == units - 1


def _around(cut: float, lo: float, hi: float) -> list[float]:
    """Values at and around a cut-off: ulps, the rounding half-way points, float noise."""
    values = {cut}
    for units in (round(cut * 100), round(cut * 100) + 1):  # the float boundaries and ulps
        edge = _first_reaching(units)
        values |= {edge, math.nextafter(edge, 0), math.nextafter(edge, math.inf)}
    up = down = cut
    for _ in range(6):
        up = math.nextafter(up, math.inf)
        down = math.nextafter(down, -math.inf)
        values |= {up, down}
    for delta in (1e-12, 1e-10, 1e-9, 4e-9, 6e-9, 1e-8, 1e-7, 0.001, 0.004, 0.0049999999, 0.005):
        values |= {cut + delta, cut - delta}
    for half in (cut - 0.005, cut + 0.005):  # the half-up rounding points and their neighbours
        values |= {half, math.nextafter(half, math.inf), math.nextafter(half, -math.inf)}
        values |= {half - 1e-9, half + 1e-9, half - 5e-10, half + 5e-10}
    values |= {2.5999999999, 3.2000000001, 3.2000000000000006, 5.1000000000000005}
    return sorted(v for v in values if lo <= v <= hi)


def _general_das28(value: float, convention: Das28Convention) -> DiseaseActivity:
    return _das28_band(_v.real("value", value, 0, 10), convention)


_DAS28_VALUES = sorted({v for cut in _DAS28_CUTS for v in _around(cut, 0, 10)} | {0, 10})
_CDAI_VALUES = sorted(
    {v for cut in _CDAI_CUTS for v in _around(cut, 0, 76)} | {0, 76, 2, 3, 10, 22}
)
_SDAI_VALUES = sorted({v for cut in _SDAI_CUTS for v in _around(cut, 0, 176)} | {0, 176, 3, 11, 26})


@pytest.mark.parametrize("value", _DAS28_VALUES)
def test_das28_category_fast_path_at_the_cut_offs(value: float) -> None:
    expected = _das28_band(value, Das28Convention.EULAR)
    assert das28_category(value) is expected
    assert das28_category(value, convention="eular") is expected
    assert das28_category(value, convention="acr_2012") is _das28_band(
        value, Das28Convention.ACR_2012
    )


def test_das28_category_fast_path_decides_the_published_edges() -> None:
    assert das28_category(2.5999999999).value == "low"  # rounds to 2.60
    assert das28_category(2.594999).value == "remission"
    assert das28_category(3.2000000001).value == "low"  # rounds to 3.20
    assert das28_category(3.2000000000000006).value == "low"
    assert das28_category(3.205).value == "moderate"  # 3.205 reads as 3.21
    assert das28_category(5.1).value == "moderate"
    assert das28_category(5.105).value == "high"


@pytest.mark.parametrize("value", _CDAI_VALUES)
def test_cdai_category_fast_path_at_the_cut_offs(value: float) -> None:
    assert cdai_category(value) is _cdai_band(value)


@pytest.mark.parametrize("value", _SDAI_VALUES)
def test_sdai_category_fast_path_at_the_cut_offs(value: float) -> None:
    assert sdai_category(value) is _sdai_band(value)


@given(st.floats(min_value=0, max_value=10))
def test_das28_category_fast_path_property(value: float) -> None:
    for convention in Das28Convention:
        assert das28_category(value, convention=convention) is _general_das28(value, convention)


@given(st.one_of(st.floats(min_value=0, max_value=76), st.integers(0, 76)))
def test_cdai_category_fast_path_property(value: float) -> None:
    assert cdai_category(value) is _cdai_band(value)


@given(st.one_of(st.floats(min_value=0, max_value=176), st.integers(0, 176)))
def test_sdai_category_fast_path_property(value: float) -> None:
    assert sdai_category(value) is _sdai_band(value)


@given(st.floats(min_value=0, max_value=1e4, allow_subnormal=True))
def test_comparing_the_scaled_float_is_comparing_its_floor(value: float) -> None:
    """floor(x) < n  <=>  x < n for an integer n: the identity every inlined band uses."""
    scaled = value * 100.0 + 0.5 + 1e-9
    for n in (260, 280, 281, 320, 321, 330, 331, 510, 511, 1000, 1001, 1100, 1101, 2200, 2600):
        assert (math.floor(scaled) < n) == (scaled < float(n))


@given(
    st.integers(0, 28),
    st.integers(0, 28),
    st.one_of(st.floats(1, 200), st.integers(1, 200)),
    st.one_of(st.none(), st.floats(0, 100), st.integers(0, 100)),
    st.sampled_from(["eular", "acr_2012", *Das28Convention]),
)
def test_das28_scores_band_as_das28_category(
    tjc: int, sjc: int, lab: float, gh: float | None, convention: Das28Convention | str
) -> None:
    esr = das28_esr(
        tender_joints_28=tjc,
        swollen_joints_28=sjc,
        esr_mm_per_h=lab,
        patient_global_mm=gh,
        convention=convention,
    )
    assert esr.category is _das28_band(esr.value, _v.choice("c", convention, Das28Convention))
    crp = das28_crp(
        tender_joints_28=tjc,
        swollen_joints_28=sjc,
        crp_mg_per_l=lab,
        patient_global_mm=gh,
        convention=convention,
    )
    assert crp.category is _das28_band(crp.value, _v.choice("c", convention, Das28Convention))


_VAS = st.one_of(st.floats(0, 10), st.integers(0, 10), st.sampled_from([0.3, 0.5, 0.6, 0.7]))


@given(st.integers(0, 28), st.integers(0, 28), _VAS, _VAS, st.one_of(st.floats(0, 100), _VAS))
def test_cdai_and_sdai_band_as_their_category_functions(
    tjc: int, sjc: int, pga: float, ega: float, crp: float
) -> None:
    c = cdai(
        tender_joints_28=tjc, swollen_joints_28=sjc, patient_global_cm=pga, evaluator_global_cm=ega
    )
    assert c.category is _cdai_band(c.value)
    s = sdai(
        tender_joints_28=tjc,
        swollen_joints_28=sjc,
        patient_global_cm=pga,
        evaluator_global_cm=ega,
        crp_mg_per_dl=crp,
    )
    assert s.category is _sdai_band(s.value)


def test_cdai_and_sdai_on_the_exact_cut_offs() -> None:
    # 1 + 1 + 0.5 + 0.3 = 2.8 (remission <= 2.8); 1 + 1 + 0.7 + 0.6 = 3.3000000000000003
    assert (
        cdai(
            tender_joints_28=1, swollen_joints_28=1, patient_global_cm=0.5, evaluator_global_cm=0.3
        ).category
        is DiseaseActivity.REMISSION
    )
    assert (
        cdai(
            tender_joints_28=1, swollen_joints_28=1, patient_global_cm=0.5, evaluator_global_cm=0.31
        ).category
        is DiseaseActivity.LOW
    )
    assert (
        sdai(
            tender_joints_28=1,
            swollen_joints_28=1,
            patient_global_cm=0.7,
            evaluator_global_cm=0.6,
            crp_mg_per_dl=0,
        ).category
        is DiseaseActivity.REMISSION
    )
    assert (
        sdai(
            tender_joints_28=1,
            swollen_joints_28=1,
            patient_global_cm=0.7,
            evaluator_global_cm=0.6,
            crp_mg_per_dl=0.01,
        ).category
        is DiseaseActivity.LOW
    )


@pytest.mark.parametrize("value", range(124))
def test_essdai_category_fast_path(value: int) -> None:
    assert essdai_category(value) is _essdai_band(value)


_BAD_NUMBERS: list[object] = [
    True,
    False,
    math.nan,
    math.inf,
    -math.inf,
    "3.2",
    None,
    -0.01,
    10.01,
    77,
    177,
    124,
    10**400,
    -(10**400),
    3.5,
    [1],
]


@pytest.mark.parametrize("value", _BAD_NUMBERS, ids=repr)
def test_category_errors_are_those_of_the_general_path(value: object) -> None:
    pairs: list[tuple[Callable[[], object], Callable[[], object]]] = [
        (lambda: das28_category(value), lambda: _v.real("value", value, 0, 10)),  # type: ignore[arg-type]
        (lambda: cdai_category(value), lambda: _v.real("value", value, 0, 76)),  # type: ignore[arg-type]
        (lambda: sdai_category(value), lambda: _v.real("value", value, 0, 176)),  # type: ignore[arg-type]
        (lambda: essdai_category(value), lambda: _v.count("value", value, 0, 123)),  # type: ignore[arg-type]
    ]
    for call, general in pairs:
        expected = _outcome(general)
        if isinstance(expected, tuple):
            assert _outcome(call) == expected
    with pytest.raises(
        InvalidInputError, match=r"^'convention' must be one of 'eular', 'acr_2012'"
    ):
        das28_category(3.0, convention="ACR")


# ---------------------------------------------------------------------------------------
# Mapping fast paths: a dict against a read-only view of it (the general path).
# ---------------------------------------------------------------------------------------


def _same(function: Callable[[Any], Score], given_map: dict[Any, Any]) -> None:
    def result(value: object) -> object:
        outcome = _outcome(lambda: function(value))
        return outcome.to_dict() if isinstance(outcome, Score) else outcome

    fast = function_outcome = _outcome(lambda: function(given_map))
    general = _outcome(lambda: function(MappingProxyType(given_map)))
    if isinstance(fast, Score) and isinstance(general, Score):
        assert fast == general
        assert list(vars(fast).items()) == list(vars(general).items())
    else:
        assert function_outcome == general
    assert result(given_map) == result(MappingProxyType(given_map))


_LEVEL_VALUES = st.sampled_from(
    [
        *EssdaiLevel,
        *(level.value for level in EssdaiLevel),
        "none",
        None,
        1,
        True,
        ["no"],
        DiseaseActivity.LOW,
    ]
)
_ESSDAI_KEYS = st.sampled_from([*EssdaiDomain, *(d.value for d in EssdaiDomain), "renal ", 3])


@given(
    st.dictionaries(st.sampled_from([d.value for d in EssdaiDomain]), _LEVEL_VALUES, min_size=12)
)
def test_essdai_fast_path_matches_the_general_path(given_map: dict[str, object]) -> None:
    _same(essdai, given_map)


@given(
    st.dictionaries(_ESSDAI_KEYS, st.sampled_from(["no", EssdaiLevel.LOW, "moderate"]), min_size=11)
)
def test_essdai_fast_path_matches_the_general_path_on_keys(given_map: dict[object, object]) -> None:
    _same(essdai, given_map)


_GRADES = st.one_of(
    st.integers(-1, 11),
    st.sampled_from([True, False, 1.0, 2.5, "1", None, math.nan, 10**30, [1]]),
)


@given(st.dictionaries(st.sampled_from([a.value for a in MrssArea]), _GRADES, min_size=17))
def test_mrss_fast_path_matches_the_general_path(given_map: dict[str, object]) -> None:
    _same(mrss, given_map)


@given(
    st.dictionaries(
        st.sampled_from([*MrssArea, *(a.value for a in MrssArea), "nose"]),
        st.integers(0, 3),
        min_size=16,
    )
)
def test_mrss_fast_path_matches_the_general_path_on_keys(given_map: dict[object, int]) -> None:
    _same(mrss, given_map)


@given(st.dictionaries(st.sampled_from([m.value for m in Mmt8Muscle]), _GRADES, min_size=14))
def test_mmt8_fast_path_matches_the_general_path(given_map: dict[str, object]) -> None:
    _same(mmt8, given_map)


@given(
    st.dictionaries(
        st.sampled_from([*Mmt8Muscle, *(m.value for m in Mmt8Muscle), "jaw"]),
        st.integers(0, 10),
        min_size=7,
    )
)
def test_mmt8_fast_path_matches_the_general_path_on_keys(given_map: dict[object, int]) -> None:
    _same(mmt8, given_map)


def test_mapping_scores_accept_members_and_strings_alike() -> None:
    by_member = essdai({EssdaiDomain(k): EssdaiLevel(v) for k, v in _ESSDAI_LEVELS.items()})
    assert by_member == essdai(dict(_ESSDAI_LEVELS))
    assert mrss({MrssArea(k): v for k, v in _MRSS.items()}) == mrss(dict(_MRSS))
    assert mmt8({Mmt8Muscle(k): v for k, v in _MMT8.items()}) == mmt8(dict(_MMT8))


# ---------------------------------------------------------------------------------------
# Renal: the inlined common cases against the helpers they short-cut.
# ---------------------------------------------------------------------------------------


def test_inlined_renal_limits_are_the_documented_ones() -> None:
    # ideal_body_weight_kg and cockcroft_gault test these limits inline, as literals.
    assert renal.HEIGHT_CM == (120, 250)
    assert renal.WEIGHT_KG == (20, 350)
    assert renal.AGE_YEARS == (18, 120)


_HEIGHTS: list[object] = [120, 120.0, 119.99, 175, 175.5, 250, 250.0, 250.01, True, math.nan]
_HEIGHTS += [math.inf, "175", None, 10**400, 3]
_SEXES: list[object] = ["female", "male", Sex.FEMALE, Sex.MALE, "F", "Male", 1, None, ["male"]]


@pytest.mark.parametrize("height", _HEIGHTS, ids=repr)
@pytest.mark.parametrize("sex", _SEXES, ids=repr)
def test_ideal_body_weight_matches_its_helpers(height: object, sex: object) -> None:
    fast = _outcome(lambda: ideal_body_weight_kg(height_cm=height, sex=sex))  # type: ignore[arg-type]
    general = _outcome(lambda: renal._devine(renal._height(height), renal._sex(sex)))  # noqa: SLF001
    assert fast == general


@pytest.mark.parametrize(
    "weight", [20, 20.0, 19.99, 72.0, 350, 350.01, True, math.nan, "72"], ids=repr
)
@pytest.mark.parametrize("sex", _SEXES, ids=repr)
def test_cockcroft_gault_weight_and_sex_match_their_helpers(weight: object, sex: object) -> None:
    def general() -> tuple[float, Sex]:
        return renal._weight(weight), renal._sex(sex)  # noqa: SLF001

    expected = _outcome(general)
    got = _outcome(
        lambda: cockcroft_gault(
            age_years=40,
            weight_kg=weight,  # type: ignore[arg-type]
            sex=sex,  # type: ignore[arg-type]
            serum_creatinine_mg_per_dl=1.0,
        )
    )
    if isinstance(expected, tuple) and isinstance(expected[0], type):
        assert got == expected  # the same error
    else:
        assert isinstance(got, Score)
        assert (got.inputs["weight_kg"], got.inputs["sex"]) == expected


def test_das28_joint_terms_are_the_formula_terms() -> None:
    # das28_esr/crp read 0.56*sqrt(TJC28) and 0.28*sqrt(SJC28) from tables: the same floats.
    for count in range(29):
        assert rheumatoid._TJC_TERM[count] == 0.56 * math.sqrt(count)  # noqa: SLF001
        assert rheumatoid._SJC_TERM[count] == 0.28 * math.sqrt(count)  # noqa: SLF001
    assert len(rheumatoid._TJC_TERM) == len(rheumatoid._SJC_TERM) == 29  # noqa: SLF001


@given(
    st.integers(0, 28),
    st.integers(0, 28),
    st.one_of(st.floats(1, 200), st.integers(1, 200)),
    st.one_of(st.floats(0, 1000), st.integers(0, 1000)),
    st.one_of(st.none(), st.floats(0, 100), st.integers(0, 100)),
)
def test_das28_values_are_the_published_formulas_bit_for_bit(
    tjc: int, sjc: int, esr: float, crp: float, gh: float | None
) -> None:
    # The formulas as written in the docstrings, evaluated left to right as the code does.
    esr_core = 0.56 * math.sqrt(tjc) + 0.28 * math.sqrt(sjc) + 0.70 * math.log(esr)
    crp_core = 0.56 * math.sqrt(tjc) + 0.28 * math.sqrt(sjc) + 0.36 * math.log(crp + 1)
    esr_value = esr_core * 1.08 + 0.16 if gh is None else esr_core + 0.014 * gh
    crp_value = crp_core * 1.10 + 1.15 if gh is None else crp_core + 0.014 * gh + 0.96
    das: dict[str, Any] = {
        "tender_joints_28": tjc,
        "swollen_joints_28": sjc,
        "patient_global_mm": gh,
    }
    assert das28_esr(**das, esr_mm_per_h=esr).value == esr_value
    assert das28_crp(**das, crp_mg_per_l=crp).value == crp_value


_BODY_WEIGHTS: list[object] = ["actual", "ideal", "adjusted", BodyWeight.IDEAL, "lean", "Ideal"]
_BODY_WEIGHTS += [1, None, ["ideal"], BodyWeight.ACTUAL, BodyWeight.ADJUSTED]
_OPTIONAL_HEIGHTS: list[object] = [None, 120, 119.9, 175.0, 250, 250.01, True, math.nan, "175"]


@pytest.mark.parametrize("body_weight", _BODY_WEIGHTS, ids=repr)
@pytest.mark.parametrize("height", _OPTIONAL_HEIGHTS, ids=repr)
@pytest.mark.parametrize("sex", ["male", Sex.FEMALE], ids=repr)
def test_cockcroft_gault_basis_and_height_match_their_helpers(
    body_weight: object, height: object, sex: object
) -> None:
    def general() -> tuple[BodyWeight, float | None, float | None]:
        basis = renal._body_weight(body_weight)  # noqa: SLF001
        checked = None if height is None else renal._height(height)  # noqa: SLF001
        if basis is not BodyWeight.ACTUAL and checked is None:
            msg = f"is required when body_weight is {basis.value!r}"
            raise InvalidInputError("height_cm", msg, None)
        ideal = None
        if basis is not BodyWeight.ACTUAL:
            ideal = renal._devine(checked, renal._sex(sex))  # type: ignore[arg-type]  # noqa: SLF001
        return basis, checked, ideal

    expected = _outcome(general)
    got = _outcome(
        lambda: cockcroft_gault(
            age_years=50,
            weight_kg=90.0,
            sex=sex,  # type: ignore[arg-type]
            serum_creatinine_umol_per_l=80.0,
            height_cm=height,  # type: ignore[arg-type]
            body_weight=body_weight,  # type: ignore[arg-type]
        )
    )
    if isinstance(expected, tuple) and isinstance(expected[0], type):
        assert got == expected  # the same error
    else:
        assert isinstance(got, Score)
        assert isinstance(expected, tuple)
        basis, checked, ideal = expected
        assert got.inputs["body_weight"] is basis
        assert got.inputs["height_cm"] == checked
        assert got.components.get("ideal_body_weight_kg") == ideal
