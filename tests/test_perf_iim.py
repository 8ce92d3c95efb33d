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

from activity_scores.results import Outcome
from activity_scores.rules import ProtocolReading, parse_record
from activity_scores.rules import indications as ind
from activity_scores.rules.common import Context
from activity_scores.rules.indications import _iim_classification, _iim_classification_general

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
    record = parse_record(data)
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
