"""The compiled fast paths (activity_scores._speedups, bound by activity_scores._fast) against
the Python functions they short-cut (issue 8).

Every accelerated function is called twice on the same generated arguments: through the
compiled object and through its Python function (``__wrapped__``, the definition). They
must agree exactly: the same exception type and message, or a result with the same value
(same type, same float bits), the same category member and equal materialised fields.
The inputs mix the common case with everything the compiled code hands back to Python:
values at and beside every cut-off and limit, bools, NaN, infinities, huge ints, int and
float subclasses, Decimal and Fraction, strings, None, Scores, unknown, missing and
positional arguments.
"""

from __future__ import annotations

import copy
import inspect
import json
import math
import os
import pickle
import re
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import activity_scores
from activity_scores import _fast, results
from activity_scores.results import _DEFERRED, Outcome, Score
from activity_scores.rules import screening
from activity_scores.rules.screening import CriterionResult
from activity_scores.scores import myositis, rheumatoid, sclerosis

ACCELERATED = (
    "cdai_category",
    "sdai_category",
    "essdai_category",
    "ideal_body_weight_kg",
    "adjusted_body_weight_kg",
    "das28_esr",
    "das28_crp",
    "cdai",
    "sdai",
    "das28_category",
    "eular_response",
    "esspri",
    "mrss",
    "mmt8",
    "cockcroft_gault",
    "prednisone_equivalent_mg",
    "acr_1991_functional_class",
)

needs_speedups = pytest.mark.skipif(not _fast.ENABLED, reason="compiled module not in use")


def test_the_compiled_module_is_built_where_required() -> None:
    # `make test` sets ACTIVITY_SCORES_REQUIRE_SPEEDUPS=1: there, a silently skipped build
    # (setup.py marks the extension optional) must fail the tests instead of hiding.
    if os.environ.get("ACTIVITY_SCORES_REQUIRE_SPEEDUPS") and not os.environ.get(
        "ACTIVITY_SCORES_PURE_PYTHON"
    ):
        assert _fast.ENABLED


@needs_speedups
def test_the_compiled_module_writes_the_lazy_state_where_results_reads_it() -> None:
    # _speedups.c names the state "_lazy_score_state"; results.py reads it as _DEFERRED
    score = activity_scores.esspri(dryness=1, fatigue=2, pain=3)
    assert type(activity_scores.esspri) is not type(inspect.unwrap(activity_scores.esspri))
    assert set(vars(score)) == {"value", "category", _DEFERRED}
    assert score.inputs == {"dryness": 1, "fatigue": 2, "pain": 3}  # built from that state


def test_pure_python_mode_binds_nothing() -> None:
    code = (
        "import inspect, activity_scores as a\n"
        f"names = {ACCELERATED!r}\n"
        "assert not a._fast.ENABLED\n"
        "assert all(inspect.isfunction(getattr(a, n)) for n in names)\n"
        "print(a.cdai(tender_joints_28=1, swollen_joints_28=1, patient_global_cm=0.5,"
        " evaluator_global_cm=0.3).value)\n"
    )
    env = {**os.environ, "ACTIVITY_SCORES_PURE_PYTHON": "1"}
    out = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "2.8"


# ------------------------------------------------------------------------ the callable


@needs_speedups
@pytest.mark.parametrize("name", ACCELERATED)
def test_the_compiled_object_presents_itself_as_the_function(name: str) -> None:
    fast = getattr(activity_scores, name)
    python = fast.__wrapped__
    assert inspect.isfunction(python)
    assert not inspect.isfunction(fast)
    assert inspect.unwrap(fast) is python
    for attribute in ("__doc__", "__name__", "__qualname__", "__module__", "__annotations__"):
        assert getattr(fast, attribute) == getattr(python, attribute), attribute
    assert fast.__kwdefaults__ == python.__kwdefaults__
    assert inspect.signature(fast) == inspect.signature(python)
    assert repr(fast) == repr(python)
    module = sys.modules[python.__module__]
    assert getattr(module, name) is fast  # the module's own name is the compiled one
    assert pickle.loads(pickle.dumps(fast)) is fast  # noqa: S301 - our own bytes
    assert copy.copy(fast) is fast
    assert copy.deepcopy(fast) is fast
    assert callable(fast)


@needs_speedups
def test_a_score_from_the_compiled_path_is_complete_and_frozen() -> None:
    fast = activity_scores.cdai(
        tender_joints_28=3, swollen_joints_28=2, patient_global_cm=4.5, evaluator_global_cm=3
    )
    python = inspect.unwrap(activity_scores.cdai)(
        tender_joints_28=3, swollen_joints_28=2, patient_global_cm=4.5, evaluator_global_cm=3
    )
    assert type(fast) is Score
    assert fast == python
    assert _outcome(hash, (fast,), {})[:2] == _outcome(hash, (python,), {})[:2]  # (inputs: dict)
    assert fast.to_dict() == python.to_dict()
    assert attrs.asdict(fast) == attrs.asdict(python)
    assert _outcome(pickle.dumps, (fast,), {})[:2] == _outcome(pickle.dumps, (python,), {})[:2]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fast.value = 1.0  # type: ignore[misc]


# ------------------------------------------------------------------------ comparison


def _outcome(function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    try:
        result = function(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - compared, type and message
        return ("raised", type(error), str(error))
    return ("returned", result)


def _same(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    fast = getattr(activity_scores, name)
    python = inspect.unwrap(fast)
    got = _outcome(fast, args, kwargs)
    want = _outcome(python, args, kwargs)
    assert got[0] == want[0], (got, want)
    if got[0] == "raised":
        assert got[1:] == want[1:]
        return
    result, expected = got[1], want[1]
    assert type(result) is type(expected)
    if isinstance(expected, Score):
        assert type(result.value) is type(expected.value)
        assert repr(result.value) == repr(expected.value)  # the same float, bit for bit
        assert result.category is expected.category
        lazy = vars(result).get(_DEFERRED)
        if lazy is not None and vars(expected).get(_DEFERRED) is not None:
            assert lazy == vars(expected)[_DEFERRED]
        assert result == expected
        assert repr(result) == repr(expected)
        assert result.to_dict() == expected.to_dict()
    elif isinstance(expected, float):
        assert repr(result) == repr(expected)  # the same float, bit for bit
    else:
        assert result is expected  # an enum member


class _Int(int):
    pass


class _Float(float):
    pass


_ODD: tuple[Any, ...] = (
    None,
    True,
    False,
    "1",
    math.nan,
    math.inf,
    -math.inf,
    2**70,
    -(2**70),
    2**53 + 1,
    _Int(1),
    _Float(1.0),
    Decimal("1.5"),
    Fraction(1, 3),
    -0.0,
    [],
)


def _numbers(lo: float, hi: float, *edges: float) -> st.SearchStrategy[Any]:
    """Numbers in and around [lo, hi], the floats beside each edge, and odd values."""
    near = []
    for edge in (lo, hi, *edges):
        near += [edge, math.nextafter(edge, -math.inf), math.nextafter(edge, math.inf)]
        if float(edge).is_integer():
            near.append(int(edge))
    return st.one_of(
        st.integers(math.floor(lo) - 2, math.ceil(hi) + 2),
        st.floats(lo - 1, hi + 1),
        st.decimals(Decimal(repr(lo)), Decimal(repr(hi)), places=2).map(float),
        st.sampled_from(near),
        st.sampled_from(_ODD),
    )


def _maybe_missing(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(strategy, st.just(_MISSING))


_MISSING = object()


def _kwargs(**strategies: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments, each sometimes left out; sometimes an unknown keyword too."""
    fixed = st.fixed_dictionaries({k: _maybe_missing(v) for k, v in strategies.items()})
    extra = st.sampled_from([{}, {}, {}, {"unknown": 1}])
    return st.builds(
        lambda given, more: {k: v for k, v in given.items() if v is not _MISSING} | more,
        fixed,
        extra,
    )


_CDAI_EDGES = (2.8, 10, 22, 2.805, 10.005, 22.005, 3.3, 11, 26, 3.305, 11.005, 26.005)
_JOINTS = _numbers(0, 28)
_VAS_CM = _numbers(0, 10, 0.05, 9.95)

#: The keys the graded-sum kernel reads (the modules' own tables).
_AREA_NAMES = sclerosis._AREA_NAMES  # noqa: SLF001
_MUSCLE_NAMES = myositis._MUSCLE_NAMES  # noqa: SLF001

_SEX = st.sampled_from(["female", "male", "Female", "other", None, 1, *activity_scores.Sex])

RUNS = settings(max_examples=300, deadline=None, derandomize=True, database=None)


@needs_speedups
@RUNS
@given(
    _kwargs(
        tender_joints_28=_JOINTS,
        swollen_joints_28=_JOINTS,
        patient_global_cm=_VAS_CM,
        evaluator_global_cm=_VAS_CM,
    )
)
def test_cdai(kwargs: dict[str, Any]) -> None:
    _same("cdai", (), kwargs)


@needs_speedups
@RUNS
@given(
    _kwargs(
        tender_joints_28=_JOINTS,
        swollen_joints_28=_JOINTS,
        patient_global_cm=_VAS_CM,
        evaluator_global_cm=_VAS_CM,
        crp_mg_per_dl=_numbers(0, 100, *_CDAI_EDGES),
    )
)
def test_sdai(kwargs: dict[str, Any]) -> None:
    _same("sdai", (), kwargs)


@needs_speedups
@pytest.mark.parametrize("name", ["cdai", "sdai"])
@pytest.mark.parametrize("total", [x / 100 for x in range(0, 3000, 5)])
def test_cdai_sdai_bands_on_a_grid_of_sums(name: str, total: float) -> None:
    # sums landing on and beside every cut-off, split over the four (five) inputs
    whole = math.floor(total)
    kwargs: dict[str, Any] = {
        "tender_joints_28": min(whole, 28),
        "swollen_joints_28": 0,
        "patient_global_cm": round(total - min(whole, 28), 2),
        "evaluator_global_cm": 0.0,
    }
    if kwargs["patient_global_cm"] > 10:
        return
    if name == "sdai":
        kwargs["crp_mg_per_dl"] = 0.1
    _same(name, (), kwargs)


@needs_speedups
@RUNS
@given(
    value=_numbers(0, 10, 2.6, 3.2, 5.1, 2.595, 3.205, 5.105),
    convention=st.sampled_from(
        [
            _MISSING,
            "eular",
            "acr_2012",
            rheumatoid.Das28Convention.EULAR,
            rheumatoid.Das28Convention.ACR_2012,
            None,
            1,
        ]
    ),
    by_keyword=st.booleans(),
)
def test_das28_category(value: Any, convention: Any, by_keyword: bool) -> None:
    kwargs = {} if convention is _MISSING else {"convention": convention}
    if by_keyword:
        _same("das28_category", (), {"value": value, **kwargs})
    else:
        _same("das28_category", (value,), kwargs)


_GLOBAL_MM = st.one_of(st.none(), _numbers(0, 100, 50))
_CONVENTION = st.sampled_from([_MISSING, "eular", "acr_2012", *rheumatoid.Das28Convention, 1])


@needs_speedups
@pytest.mark.parametrize(
    ("name", "laboratory"),
    [("das28_esr", ("esr_mm_per_h", 1, 200, 30)), ("das28_crp", ("crp_mg_per_l", 0, 1000, 12))],
)
@settings(max_examples=600, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_das28(name: str, laboratory: tuple[str, float, float, float], data: st.DataObject) -> None:
    field, lo, hi, typical = laboratory
    kwargs = data.draw(
        _kwargs(
            tender_joints_28=_JOINTS,
            swollen_joints_28=_JOINTS,
            patient_global_mm=_GLOBAL_MM,
            **{field: _numbers(lo, hi, typical)},
        )
    )
    convention = data.draw(_CONVENTION)
    if convention is not _MISSING:
        kwargs["convention"] = convention
    _same(name, (), kwargs)


@needs_speedups
@pytest.mark.parametrize("tender", range(29))
@pytest.mark.parametrize("swollen", [0, 1, 5, 28])
def test_das28_every_joint_count_and_common_laboratory_values(tender: int, swollen: int) -> None:
    for lab in (1, 2, 7, 13.5, 30, 55.5, 120, 200):
        for global_mm in (None, 0, 12, 37.5, 100):
            joints = {"tender_joints_28": tender, "swollen_joints_28": swollen}
            _same("das28_esr", (), joints | {"esr_mm_per_h": lab, "patient_global_mm": global_mm})
            _same(
                "das28_crp", (), joints | {"crp_mg_per_l": lab - 1, "patient_global_mm": global_mm}
            )


@needs_speedups
@RUNS
@given(
    value=st.one_of(
        _numbers(0, 76, *_CDAI_EDGES),
        _numbers(0, 176, *_CDAI_EDGES),
        _numbers(0, 123, 5, 13, 13.5, 14),
        st.builds(
            lambda t: activity_scores.cdai(
                tender_joints_28=t, swollen_joints_28=0, patient_global_cm=0, evaluator_global_cm=0
            ),
            st.integers(0, 28),
        ),
    ),
    name=st.sampled_from(["cdai_category", "sdai_category", "essdai_category"]),
    by_keyword=st.booleans(),
)
def test_categories(value: Any, name: str, by_keyword: bool) -> None:
    _same(name, (), {"value": value}) if by_keyword else _same(name, (value,), {})


@needs_speedups
@pytest.mark.parametrize("name", ["cdai_category", "sdai_category", "essdai_category"])
def test_categories_on_a_grid(name: str) -> None:
    for hundredths in range(-100, 18000):
        _same(name, (hundredths / 100,), {})
    for whole in range(-2, 180):
        _same(name, (whole,), {})


@needs_speedups
@RUNS
@given(
    kwargs=_kwargs(
        height_cm=_numbers(120, 250, 170),
        sex=_SEX,
        weight_kg=_numbers(20, 350, 72),
    )
)
def test_body_weights(kwargs: dict[str, Any]) -> None:
    _same("adjusted_body_weight_kg", (), kwargs)
    kwargs.pop("weight_kg", None)
    _same("ideal_body_weight_kg", (), kwargs)


def _das28_scores() -> st.SearchStrategy[Score]:
    return st.builds(
        lambda t, s, esr: rheumatoid.das28_esr(
            tender_joints_28=t, swollen_joints_28=s, esr_mm_per_h=esr
        ),
        st.integers(0, 28),
        st.integers(0, 28),
        st.integers(1, 150),
    )


_DAS28 = st.one_of(_numbers(0, 10, 2.6, 3.2, 5.1, 3.205, 5.105, 1.2, 0.6), _das28_scores())


@needs_speedups
@RUNS
@given(_kwargs(baseline=_DAS28, follow_up=_DAS28))
def test_eular_response(kwargs: dict[str, Any]) -> None:
    _same("eular_response", (), kwargs)


@needs_speedups
@pytest.mark.parametrize("before", [x / 100 for x in range(0, 1000, 7)])
@pytest.mark.parametrize("change", [0.59, 0.6, 0.61, 0.605, 1.19, 1.2, 1.21, 1.205, -0.5])
def test_eular_response_around_the_improvement_cut_offs(before: float, change: float) -> None:
    after = before - change
    if 0 <= after <= 10:
        _same("eular_response", (), {"baseline": before, "follow_up": after})


_ESSPRI_ITEM = _numbers(0, 10, 5)


@needs_speedups
@RUNS
@given(_kwargs(dryness=_ESSPRI_ITEM, fatigue=_ESSPRI_ITEM, pain=_ESSPRI_ITEM))
def test_esspri(kwargs: dict[str, Any]) -> None:
    _same("esspri", (), kwargs)


def _grades(names: tuple[str, ...], top: int) -> st.SearchStrategy[Any]:
    value = st.one_of(st.integers(-1, top + 1), st.sampled_from([*_ODD, float(top), 1.0]))
    complete = st.fixed_dictionaries(dict.fromkeys(names, value))
    return st.one_of(
        complete,
        complete.map(lambda d: dict(list(d.items())[1:])),  # one missing
        complete.map(lambda d: d | {"unknown": 1}),  # one unknown
        complete.map(lambda d: {k.upper(): v for k, v in d.items()}),  # wrong keys
        complete.map(lambda d: dict(reversed(d.items()))),  # another order
        st.sampled_from([None, [], "x", {}]),
    )


@needs_speedups
@RUNS
@given(grades=_grades(_AREA_NAMES, 3), by_keyword=st.booleans())
def test_mrss(grades: Any, by_keyword: bool) -> None:
    _same("mrss", (), {"areas": grades}) if by_keyword else _same("mrss", (grades,), {})


@needs_speedups
@RUNS
@given(grades=_grades(_MUSCLE_NAMES, 10), by_keyword=st.booleans())
def test_mmt8(grades: Any, by_keyword: bool) -> None:
    _same("mmt8", (), {"grades": grades}) if by_keyword else _same("mmt8", (grades,), {})


@needs_speedups
def test_mmt8_and_mrss_with_enum_keys_and_a_dict_subclass() -> None:
    grades = dict.fromkeys(activity_scores.Mmt8Muscle, 8)
    _same("mmt8", (grades,), {})
    areas = dict.fromkeys(activity_scores.MrssArea, 2)
    _same("mrss", (areas,), {})

    class Grades(dict[str, int]):
        pass

    _same("mmt8", (Grades({m.value: 9 for m in activity_scores.Mmt8Muscle}),), {})


_BASIS = st.sampled_from(
    [_MISSING, "actual", "ideal", "adjusted", "other", None, *activity_scores.BodyWeight]
)


@needs_speedups
@settings(max_examples=600, deadline=None, derandomize=True, database=None)
@given(
    kwargs=_kwargs(
        age_years=_numbers(18, 120, 65),
        weight_kg=_numbers(20, 350, 72),
        sex=_SEX,
        serum_creatinine_mg_per_dl=st.one_of(st.none(), _numbers(0.1, 25.0, 1.1)),
        serum_creatinine_umol_per_l=st.one_of(st.none(), _numbers(8.84, 2210.0, 97.2)),
        height_cm=st.one_of(st.none(), _numbers(120, 250, 170)),
    ),
    basis=_BASIS,
)
def test_cockcroft_gault(kwargs: dict[str, Any], basis: Any) -> None:
    if basis is not _MISSING:
        kwargs["body_weight"] = basis
    _same("cockcroft_gault", (), kwargs)


@needs_speedups
@pytest.mark.parametrize("basis", ["actual", "ideal", "adjusted"])
@pytest.mark.parametrize("sex", ["female", "male"])
@pytest.mark.parametrize("age", [18, 40, 65.5, 120])
@pytest.mark.parametrize("creatinine", [("mg", 1), ("mg", 1.1), ("umol", 97), ("umol", 97.2)])
def test_cockcroft_gault_int_and_float_mixes(
    basis: str, sex: str, age: float, creatinine: tuple[str, float]
) -> None:
    unit, scr = creatinine
    field = "serum_creatinine_mg_per_dl" if unit == "mg" else "serum_creatinine_umol_per_l"
    for weight in (70, 72.5):
        for height in (170, 182.5):
            kwargs = {"age_years": age, "weight_kg": weight, "sex": sex, field: scr}
            _same("cockcroft_gault", (), kwargs | {"height_cm": height, "body_weight": basis})


_DRUG = st.sampled_from(
    [
        *(m.value for m in activity_scores.Glucocorticoid),
        *activity_scores.Glucocorticoid,
        "Prednisone",
        "aspirin",
        None,
        1,
    ]
)
_DOSE = st.one_of(
    _numbers(0, 2000, 7.5, 1000),
    st.floats(1e-9, 1e-3),
    st.decimals(0, 2000, places=6).map(float),
    st.sampled_from([1e-05, 0.1, 0.3, 2.675, 123456.7, 1999.9999999999998, 5e-324]),
)
_TABLE = st.sampled_from([_MISSING, "bnf", *activity_scores.BetamethasoneEquivalence, "x"])


@needs_speedups
@settings(max_examples=600, deadline=None, derandomize=True, database=None)
@given(kwargs=_kwargs(drug=_DRUG, dose_mg=_DOSE), table=_TABLE)
def test_prednisone_equivalent_mg(kwargs: dict[str, Any], table: Any) -> None:
    if table is not _MISSING:
        kwargs["betamethasone"] = table
    _same("prednisone_equivalent_mg", (), kwargs)


_FLAG = st.sampled_from([True, False, True, False, 1, 0, None, "yes", _Int(1)])


@needs_speedups
@RUNS
@given(
    kwargs=_kwargs(self_care_limited=_FLAG, vocational_limited=_FLAG, avocational_limited=_FLAG),
    policy=st.sampled_from(
        [_MISSING, "reject", "most_limited", None, "x", *activity_scores.NonHierarchical]
    ),
)
def test_acr_1991_functional_class(kwargs: dict[str, Any], policy: Any) -> None:
    if policy is not _MISSING:
        kwargs["non_hierarchical"] = policy
    _same("acr_1991_functional_class", (), kwargs)


@needs_speedups
@pytest.mark.parametrize("name", ACCELERATED)
def test_positional_and_repeated_arguments_are_python_s_errors(name: str) -> None:
    _same(name, (1, 2, 3), {})
    _same(name, (), {})
    _same(name, ({},), {"grades": {}, "areas": {}, "value": 1})


@needs_speedups
def test_keywords_that_are_equal_but_not_the_same_string_object() -> None:
    # keyword names built at run time (as from a decoded JSON record) are not interned
    names = [json.loads('"tender_joints_28"'), json.loads('"swollen_joints_28"')]
    assert names[0] is not sys.intern(names[0])
    kwargs: dict[str, Any] = {
        names[0]: 4,
        names[1]: 3,
        "patient_global_cm": 4.5,
        "evaluator_global_cm": 3.0,
    }
    _same("cdai", (), kwargs)
    assert activity_scores.cdai(**kwargs).value == 14.5


def test_the_eular_builder_recovers_every_improvement_from_the_value() -> None:
    # _eular_score keeps only the follow-up hundredths and reads the improvement back from
    # the value (improvement / 100): exact for every improvement the DAS28 limits allow.
    for improvement in range(-1000, 1001):
        assert round((improvement / 100) * 100) == improvement


@pytest.mark.parametrize("before", [0, 0.01, 2.6, 3.2, 5.1, 5.4, 7.777, 10])
@pytest.mark.parametrize("after", [0, 0.004, 0.005, 3.1, 3.2, 3.205, 5.1, 9.99, 10])
def test_the_eular_inputs_are_the_hundredths_of_the_two_values(before: float, after: float) -> None:
    score = inspect.unwrap(activity_scores.eular_response)(baseline=before, follow_up=after)
    hundredths = [math.floor(x * 100 + 0.5 + 1e-9) for x in (before, after)]
    assert score.inputs == {"baseline": hundredths[0] / 100, "follow_up": hundredths[1] / 100}
    assert score.value == (hundredths[0] - hundredths[1]) / 100


def test_the_record_reader_s_python_fast_path_still_passes_its_tests() -> None:
    # With the extension, the record reader's fast check is compiled (rules/_spec.py
    # _fields_check); the tests of that reader (against the general reader, at every path
    # with every value) run here once more on the Python closure it replaces.
    env = {**os.environ, "ACTIVITY_SCORES_PURE_PYTHON": "1"}
    tests = ["tests/test_record_fast_paths.py", "tests/test_read_fast_paths.py"]
    out = subprocess.run(  # noqa: S603 - this interpreter, the project's own tests
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parent.parent,
    )
    assert out.returncode == 0, out.stdout[-3000:]


# ------------------------------------------------------------- the result constructors
# Outcome and CriterionResult get a compiled __init__ (_fast.bind_init), and the report its
# results through _fast.constructor: both store the same fields as the Python __init__.

_NEW_RESULT = getattr(screening, "_new_result")  # noqa: B009 - the report's own constructor
_OUTCOME_FIELDS = ("name", "met", "reason", "points", "values", "missing", "items")
_RESULT_FIELDS = ("id", "section", "kind", "wording", "outcome")


def _python_built(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> object:
    """``cls(*args, **kwargs)`` with the Python ``__init__`` (the definition)."""
    obj: object = object.__new__(cls)
    init = next(k.__dict__["__init__"] for k in cls.__mro__ if "__init__" in k.__dict__)
    inspect.unwrap(init)(obj, *args, **kwargs)
    return obj


def _outcome_calls() -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    item = Outcome("item", None, "why", missing=("$.a",))
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        (("n", True, "r"), {}),
        (("n", None, "r", 1.5, {"a": 1}, ("$.a",), (item,)), {}),
        (("n", False, "r"), {"items": (item,)}),
        ((), {"name": "n", "met": None, "reason": "r", "missing": ("$.b",)}),
        (("n",), {"reason": "r", "met": True, "values": {"x": 2}}),
    ]
    # what the compiled __init__ hands to Python: missing, unknown, repeated, too many
    calls += [
        ((), {}),
        (("n",), {}),
        (("n", True), {"points": 1}),
        (("n", True, "r"), {"unknown": 1}),
        (("n", True, "r"), {"met": False}),
        (("n", True, "r", None, {}, (), (), "extra"), {}),
    ]
    return calls


def _same_build(cls: type, build: Callable[..., object], args: Any, kwargs: Any) -> None:
    message: str | None = None
    try:
        expected = _python_built(cls, args, kwargs)
    except TypeError as error:
        message = str(error)
    if message is not None:
        with pytest.raises(TypeError) as raised:
            build(*args, **kwargs)
        assert str(raised.value) == message
        return
    built = build(*args, **kwargs)
    assert type(built) is cls
    assert vars(built) == vars(expected)
    assert list(vars(built)) == list(vars(expected))  # the same fields, in the same order
    assert built == expected
    assert hash(repr(built)) == hash(repr(expected))


@pytest.mark.parametrize(("args", "kwargs"), _outcome_calls())
def test_outcome_built_by_its_init_is_the_python_init_s(args: Any, kwargs: Any) -> None:
    _same_build(Outcome, Outcome, args, kwargs)


@pytest.mark.parametrize(("args", "kwargs"), _outcome_calls()[:5])
def test_an_outcome_re_initialised_and_a_subclass_are_the_python_init_s(
    args: Any, kwargs: Any
) -> None:
    outcome = Outcome("old", True, "old reason", 3.0, {"old": 1})
    outcome.__init__(*args, **kwargs)  # type: ignore[misc]
    assert vars(outcome) == vars(_python_built(Outcome, args, kwargs))

    class Sub(Outcome):  # a subclass's instance goes to the Python __init__
        pass

    _same_build(Sub, Sub, args, kwargs)
    assert Sub(*args, **kwargs) == _python_built(Sub, args, kwargs)


def _result_calls() -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    outcome = Outcome("n", True, "r")
    return [
        (("common.in.1", "common", "inclusion", "Age", outcome), {}),
        ((), dict(zip(_RESULT_FIELDS, ("a", "b", "c", "d", outcome), strict=True))),
        (("a", "b"), {"wording": "d", "kind": "c", "outcome": outcome}),
        ((), {}),
        (("a", "b", "c", "d"), {}),
        (("a", "b", "c", "d", outcome), {"id": "again"}),
        (("a", "b", "c", "d", outcome), {"other": 1}),
        (("a", "b", "c", "d", outcome, "extra"), {}),
    ]


@pytest.mark.parametrize(("args", "kwargs"), _result_calls())
def test_criterion_results_built_either_way_are_the_python_init_s(args: Any, kwargs: Any) -> None:
    _same_build(CriterionResult, CriterionResult, args, kwargs)
    _same_build(CriterionResult, _NEW_RESULT, args, kwargs)


def test_the_constructors_keep_the_classes_frozen_signed_and_picklable() -> None:
    for cls, fields in ((Outcome, _OUTCOME_FIELDS), (CriterionResult, _RESULT_FIELDS)):
        init = cls.__dict__["__init__"]
        python = inspect.unwrap(init)
        assert inspect.isfunction(python)
        assert list(inspect.signature(cls).parameters) == list(fields)
        assert inspect.signature(init) == inspect.signature(python)
        assert init.__doc__ == python.__doc__
        assert init.__qualname__ == f"{cls.__name__}.__init__"
        assert [f.name for f in attrs.fields(cls)] == list(fields)
    outcome = Outcome("n", None, "r", None, {"a": 1}, ("$.a",))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        outcome.met = True  # type: ignore[misc]
    assert attrs.evolve(outcome, met=True) == Outcome("n", True, "r", None, {"a": 1}, ("$.a",))
    assert pickle.loads(pickle.dumps(outcome)) == outcome  # noqa: S301 - our own bytes
    assert copy.deepcopy(outcome) == outcome
    result = _NEW_RESULT("a", "b", "inclusion", "d", outcome)
    assert pickle.loads(pickle.dumps(result)) == result  # noqa: S301 - our own bytes
    assert result.passes is None


@needs_speedups
def test_the_constructors_are_compiled_where_the_module_is_built() -> None:
    assert isinstance(Outcome.__dict__["__init__"], _fast_type())
    assert isinstance(CriterionResult.__dict__["__init__"], _fast_type())
    assert isinstance(_NEW_RESULT, _fast_type())

    holder = type("Holder", (), {"method": activity_scores.cdai})
    bound: Any = holder().method  # bound as a method, as a Python function is
    assert type(bound.__self__) is holder
    assert holder.method is activity_scores.cdai


def _fast_type() -> type:
    return type(activity_scores.cdai)


def _reason_of(state: tuple[Any, ...]) -> str:
    return f"reason {state[1]}"


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("n", True, (_reason_of, 1)), {}),
        (("n", None, (_reason_of, 2), 1.5, {"a": 1}, ("$.a",), ()), {}),
        (("n", False, (_reason_of, 3)), {"items": ()}),
        (("n", False), {"state": (_reason_of, 4)}),  # by keyword: the Python function
        (("n",), {}),
        (("n", True, (_reason_of, 5), None, {}, (), (), "extra"), {}),
    ],
)
def test_lazy_outcomes_built_either_way_are_the_python_function_s(args: Any, kwargs: Any) -> None:
    fast = results.lazy_outcome
    python = inspect.unwrap(fast)
    try:
        expected = python(*args, **kwargs)
    except TypeError as error:
        with pytest.raises(TypeError, match=re.escape(str(error))):
            fast(*args, **kwargs)
        return
    built = fast(*args, **kwargs)
    assert type(built) is Outcome
    assert set(vars(built)) == set(vars(expected))  # the reason still pending in both
    assert built.reason == expected.reason == f"reason {args[2][1] if len(args) > 2 else 4}"
    assert list(vars(built).items()) == list(vars(expected).items())  # then the same fields
    assert built == expected


def test_the_screening_context_built_by_slots_is_context_s() -> None:
    # screening._prepare builds Context(record, on, reading) through the compiled slot
    # builder where available: the same fields, in the order the builder stores them.
    from activity_scores.rules.common import Context  # noqa: PLC0415 - the rules, lazily

    assert [f.name for f in attrs.fields(Context)] == ["record", "on", "reading", "cache"]
    build = screening._new_context  # noqa: SLF001 - the screening's own builder
    if build is None:
        assert not _fast.ENABLED
        return
    record, on, reading = object(), object(), object()
    built = build(record, on, reading, {})
    expected = Context(record, on, reading)  # type: ignore[arg-type]
    assert type(built) is Context
    assert attrs.astuple(built, recurse=False) == attrs.astuple(expected, recurse=False)
    assert built.cache == {}
    assert built.cache is not build(record, on, reading, {}).cache
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.on = on  # type: ignore[misc, assignment]


def test_the_pending_report_built_either_way_is_the_python_function_s() -> None:
    fast = screening._pending_report  # noqa: SLF001 - the screening's own builder
    python = inspect.unwrap(fast)
    fields: tuple[Any, ...] = (screening.Indication.RA, "on", "record", "S-1", (), "reading")
    for extra in ((), ("9.9",), ("9.9", "P", "V")):
        built, expected = fast(*fields, *extra), python(*fields, *extra)
        assert type(built) is screening.ScreeningReport
        assert list(vars(built).items()) == list(vars(expected).items())
    with pytest.raises(TypeError, match="missing 1 required positional argument"):
        fast(*fields[:5])
    keyword: dict[str, Any] = {"protocol_id": "P"}  # by keyword: the Python function
    assert list(vars(fast(*fields, **keyword)).values())[7] == "P"
