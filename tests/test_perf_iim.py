"""The IIM criteria's fast paths of issue 8 (round 5) change nothing observable.

Each rule's common case (checks inline, then the criteria's or score's private core) is
compared with the general code it short-cuts, the rule through the public function, over
generated records: complete, partial, missing fields, values at and beside every cut-off,
and faulty values (the same error, type and message word for word). An equivalence, not a
reference value: the published values are tested in test_myositis_*.py.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from activity_scores._logic import all_of, any_of, negate
from activity_scores.errors import InvalidInputError
from activity_scores.results import Outcome
from activity_scores.rules import ProtocolReading, parse_record
from activity_scores.rules import indications as ind
from activity_scores.rules._base import combine, decided, not_applicable, unknown
from activity_scores.rules.common import Context
from activity_scores.rules.indications import (
    _core_set,
    _core_set_general,
    _iim_antibodies_general,
    _iim_classification,
    _iim_classification_general,
    _mmt8,
    _mmt8_general,
    iim_antibodies,
    iim_inclusion_body,
    iim_muscle_activity,
    iim_tumour_associated,
)

_EXAMPLE = json.loads((Path(__file__).parent.parent / "examples" / "iim-eligible.json").read_text())
_ON = dt.date(2026, 11, 20)
_READINGS = (
    ProtocolReading(),
    ProtocolReading(iim_cutoffs="probability", myositis_associated_antibodies=True),
)
_ITEMS = (
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
_FINDINGS = (
    "endomysial_infiltrate",
    "perimysial_or_perivascular_infiltrate",
    "perifascicular_atrophy",
    "rimmed_vacuoles",
)
#: Ages at onset at and beside every band edge and range end, and out of range.
_AGES = (0, 0.5, 1, 17, 17.9, 18, 18.0, 18.1, 39, 39.9, 40, 40.0, 40.1, 44, 119, 119.9, 120)
_BAD_AGES = (-1, -0.1, 120.1, 121, 1e300)


def _same(a: object, b: object, path: str = "outcome") -> None:
    """Equal, and of the same types all the way down (a dict is not a mappingproxy)."""
    assert type(a) is type(b), (path, type(a), type(b))
    if isinstance(a, Outcome):
        assert isinstance(b, Outcome)
        for name in ("name", "met", "reason", "points", "values", "missing", "items"):
            _same(getattr(a, name), getattr(b, name), f"{path}.{name}")
        assert a == b
        assert repr(a) == repr(b)
        assert a.to_dict() == b.to_dict()
    elif isinstance(a, (tuple, list)):
        assert isinstance(b, (tuple, list))
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{path}[{i}]")
    elif hasattr(a, "keys"):
        assert list(a.keys()) == list(b.keys()), path  # type: ignore[attr-defined]
        for key in a.keys():  # noqa: SIM118 - a Mapping
            _same(a[key], b[key], f"{path}[{key!r}]")  # type: ignore[index]
    else:
        assert a == b, (path, a, b)
        assert repr(a) == repr(b), (path, a, b)


def _result(rule: Callable[[Context], Outcome], ctx: Context) -> Outcome | tuple[type, str]:
    try:
        return rule(ctx)
    except Exception as error:  # noqa: BLE001 - compared below, type and message
        return type(error), str(error)


def _check(
    fast: Callable[[Context], Outcome], general: Callable[[Context], Outcome], data: Any
) -> None:
    """The rule's result equals the general code's on this record, under both readings."""
    try:
        record = parse_record(data)
    except InvalidInputError:
        return  # refused by the reader: no rule runs
    for reading in _READINGS:
        got = _result(fast, Context(record, _ON, reading))
        want = _result(general, Context(record, _ON, reading))
        if isinstance(want, tuple) or isinstance(got, tuple):
            assert got == want
        else:
            _same(got, want)


def _record(**iim: object) -> dict[str, Any]:
    """The complete example record with its ``iim`` section's fields replaced (None: removed)."""
    data: dict[str, Any] = copy.deepcopy(_EXAMPLE)
    for key, value in iim.items():
        if value is None:
            data["iim"].pop(key, None)
        else:
            data["iim"][key] = value
    return data


# --- iim.in.1 / iim.ex.2: the 2017 EULAR/ACR criteria ----------------------------------


def _classification_records() -> Iterator[dict[str, Any]]:
    yield _EXAMPLE
    yield _record(eular_acr_2017=None)
    yield _record(eular_acr_2017={})
    base = _EXAMPLE["iim"]["eular_acr_2017"]
    data = copy.deepcopy(_EXAMPLE)
    del data["iim"]
    yield data
    for age in (*_AGES, *_BAD_AGES, None):
        yield _record(eular_acr_2017={**base, "age_at_onset_years": age})
    # Every answer of each item, with the others as in the example.
    for item, value in itertools.product(_ITEMS, (True, False, None)):
        yield _record(eular_acr_2017={**base, item: value})
    # A biopsy: with and without findings; findings without a biopsy (an error).
    for biopsy, finding, value in itertools.product((True, False, None), _FINDINGS, (True, False)):
        yield _record(
            eular_acr_2017={**base, "muscle_biopsy": biopsy, finding: value},
        )
    yield from _random_classification_records()


def _random_classification_records() -> Iterator[dict[str, Any]]:
    rng = random.Random(20261126)  # noqa: S311 - test data, not cryptography
    for _ in range(400):
        params: dict[str, object] = {}
        for item in _ITEMS:
            if rng.random() < 0.85:
                params[item] = rng.choice((True, False, None))
        if rng.random() < 0.9:
            params["age_at_onset_years"] = rng.choice((*_AGES, None, rng.uniform(0, 120)))
        if rng.random() < 0.4:
            params["muscle_biopsy"] = rng.choice((True, True, False))
            for finding in _FINDINGS:
                if rng.random() < 0.7 and params["muscle_biopsy"]:
                    params[finding] = rng.choice((True, False, None))
        if rng.random() < 0.4:
            params["finger_flexor_weakness_unresponsive"] = rng.choice((True, False, None))
        yield _record(eular_acr_2017=params)


@pytest.mark.parametrize("data", list(_classification_records()))
def test_classification_equals_the_public_function(data: dict[str, Any]) -> None:
    _check(_iim_classification, _iim_classification_general, data)


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[object]:
    """Count the rules' calls of the public function ``name`` of the indications module."""
    calls: list[object] = []
    original = getattr(ind, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(ind, name, counted)
    return calls


def test_classification_fast_path_is_taken_for_the_example(monkeypatch: pytest.MonkeyPatch) -> None:
    """The example record goes through the core (no call of the public function)."""
    record = parse_record(_EXAMPLE)
    calls = _counting(monkeypatch, "eular_acr_2017_iim")
    _iim_classification(Context(record, _ON, ProtocolReading()))
    assert calls == []
    _iim_classification_general(Context(record, _ON, ProtocolReading()))
    assert len(calls) == 1


# --- iim.in.2: MMT-8 and the IMACS core set ------------------------------------------------

_MUSCLES = tuple(_EXAMPLE["iim"]["mmt8_grades"])


def _grades(total: int) -> dict[str, int]:
    """All 15 groups graded, adding up to ``total`` (0-150)."""
    grades = {}
    left = total
    for muscle in _MUSCLES:
        grades[muscle] = min(10, left)
        left -= grades[muscle]
    return grades


def _muscle_records() -> Iterator[dict[str, Any]]:
    yield _EXAMPLE
    yield _record(mmt8_grades={})
    data = copy.deepcopy(_EXAMPLE)
    del data["iim"]
    yield data
    for total in (0, 1, 80, 135, 140, 141, 142, 143, 149, 150):
        yield _record(mmt8_grades=_grades(total))
    partial = _grades(135)
    del partial["neck_flexors"]
    yield _record(mmt8_grades=partial)
    yield _record(mmt8_grades={m: g for m, g in _grades(150).items() if m.startswith("left_")})
    yield _record(mmt8_grades={**_grades(141), "neck_flexors": 9.0})  # read as the int 9
    for involvement in (True, False, None):
        yield _record(muscle_involvement=involvement)
        yield _record(muscle_involvement=involvement, mmt8_grades=_grades(150))
    cm_values = (0, 0.0, 1, 1.9, 1.99, 2, 2.0, 2.01, 5, 9.99, 10, 10.0)
    for field in ("physician_global_cm", "patient_global_cm", "extramuscular_global_cm"):
        for cm in cm_values:
            yield _record(**{field: cm})
        yield _record(**{field: None})
    for haq in (0, 0.0, 0.125, 0.24, 0.25, 0.250, 0.26, 1, 3, 3.0, None):
        yield _record(haq_di=haq)
    lab = _EXAMPLE["iim"]["muscle_enzyme"]
    for value, uln in itertools.product(
        (0, 0.5, 1, 299, 299.9, 300, 300.0, 300.1, 1200, 999999, 1000000, None),
        (200, 200.0, 199.9, 1, 0, 1000000, None),
    ):
        enzyme = {k: v for k, v in lab.items() if k not in {"value", "uln"}}
        if value is not None:
            enzyme["value"] = value
        if uln is not None:
            enzyme["uln"] = uln
        yield _record(muscle_enzyme=enzyme)
    yield _record(muscle_enzyme=None)
    yield from _random_muscle_records()


def _random_muscle_records() -> Iterator[dict[str, Any]]:
    rng = random.Random(8)  # noqa: S311 - test data, not cryptography
    fields = ("physician_global_cm", "patient_global_cm", "extramuscular_global_cm")
    for _ in range(150):
        changes: dict[str, object] = {
            field: rng.choice((None, 0, 1.5, 2, 2.0, 3.5, 10)) for field in fields
        }
        changes["haq_di"] = rng.choice((None, 0, 0.24, 0.25, 1.125))
        changes["muscle_involvement"] = rng.choice((True, True, None, False))
        changes["mmt8_grades"] = _grades(rng.choice((100, 141, 142, 150)))
        if rng.random() < 0.2:
            del changes["mmt8_grades"][rng.choice(_MUSCLES)]  # type: ignore[attr-defined]
        record = _record(**changes)
        for field, value in changes.items():
            if value is None:
                record["iim"].pop(field, None)
        yield record


def _muscle_activity_general(ctx: Context) -> Outcome:
    """iim_muscle_activity as before issue 8's round 5: the general parts, combined."""
    involvement = ind._iim(ctx).muscle_involvement  # noqa: SLF001 - the rule's own helper
    if involvement is False:
        return not_applicable("muscle_activity", "no muscle involvement")
    parts = (_mmt8_general(ctx), _core_set_general(ctx))
    active = combine("muscle_activity", parts, all_of)
    if involvement is True:
        return active
    asked = unknown(
        "muscle_involvement", "muscle involvement: not recorded", ("$.iim.muscle_involvement",)
    )
    return combine(
        "muscle_activity",
        (asked, *active.items),
        lambda v: any_of((negate(v[0]), all_of(v[1:]))),
    )


@pytest.mark.parametrize("data", list(_muscle_records()))
def test_muscle_activity_equals_the_public_functions(data: dict[str, Any]) -> None:
    _check(_mmt8, _mmt8_general, data)
    _check(_core_set, _core_set_general, data)
    _check(iim_muscle_activity, _muscle_activity_general, data)


def test_muscle_activity_fast_path_is_taken_for_the_example(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = parse_record(_EXAMPLE)
    scores = _counting(monkeypatch, "mmt8")
    core_sets = _counting(monkeypatch, "ImacsCoreSet")
    iim_muscle_activity(Context(record, _ON, ProtocolReading()))
    assert scores == core_sets == []
    _muscle_activity_general(Context(record, _ON, ProtocolReading()))
    assert len(scores) == len(core_sets) == 1


# --- iim.in.3: myositis antibodies ---------------------------------------------------------

_ANTIBODIES = (
    *("jo1", "pl7", "pl12", "ej", "oj", "ks", "zo", "ha", "mi2", "mda5", "tif1_gamma"),
    *("nxp2", "sae", "srp", "hmgcr", "ro52", "pm_scl", "ku", "u1_rnp"),
)


def _antibody_records() -> Iterator[dict[str, Any]]:
    yield _EXAMPLE
    yield _record(antibodies={})
    data = copy.deepcopy(_EXAMPLE)
    del data["iim"]
    yield data
    for name, value in itertools.product(_ANTIBODIES, (True, False)):
        yield _record(antibodies={name: value})
        yield _record(antibodies={**dict.fromkeys(_ANTIBODIES, False), name: value})
    yield _record(antibodies=dict.fromkeys(_ANTIBODIES, False))
    yield _record(antibodies=dict.fromkeys(_ANTIBODIES, True))
    yield _record(antibodies=dict.fromkeys(_ANTIBODIES[:15], False))  # specific only
    yield _record(antibodies={**dict.fromkeys(_ANTIBODIES, False), "mda5": None})
    rng = random.Random(3)  # noqa: S311 - test data, not cryptography
    for _ in range(150):
        yield _record(
            antibodies={
                name: rng.choice((True, False, False, None))
                for name in _ANTIBODIES
                if rng.random() < 0.6
            }
        )


@pytest.mark.parametrize("data", list(_antibody_records()))
def test_antibodies_equal_the_public_function(data: dict[str, Any]) -> None:
    _check(iim_antibodies, _iim_antibodies_general, data)


def test_antibodies_fast_path_is_taken_for_the_example(monkeypatch: pytest.MonkeyPatch) -> None:
    record = parse_record(_EXAMPLE)
    calls = _counting(monkeypatch, "myositis_antibodies_positive")
    iim_antibodies(Context(record, _ON, ProtocolReading()))
    assert calls == []
    _iim_antibodies_general(Context(record, _ON, ProtocolReading()))
    assert len(calls) == 1


# --- iim.ex.2 and iim.ex.3 -------------------------------------------------------------------


@pytest.mark.parametrize("recorded", [True, False, None])
def test_inclusion_body_flag_built_once_equals_a_new_one(recorded: bool | None) -> None:
    record = parse_record(_record(inclusion_body_myositis=recorded))
    ctx = Context(record, _ON, ProtocolReading())
    fresh = ind._flag("iim", "inclusion_body_myositis", "inclusion body myositis")  # noqa: SLF001
    want = fresh(ctx)
    got = iim_inclusion_body(ctx)
    _same(got, want)  # the example's 2017 answers give no IBM subgroup: the flag decides


def test_no_malignancy_equals_decided() -> None:
    got = iim_tumour_associated(Context(parse_record(_EXAMPLE), _ON, ProtocolReading()))
    _same(got, decided("tumour_associated", False, "no malignancy in the history"))
