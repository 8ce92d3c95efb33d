"""The issue-8 fast paths of the RA rules give what the general code gives (an equivalence).

Each RA rule that skips the public criterion call for the common case (its inputs checked
inline, then the criterion's private core) is compared with the rule's general path, which
calls the public function with its checks, over generated records: every field missing,
values at and around each checked range and cut-off, invalid courses, and values a record
built by hand could hold. Where the fast path declines (``None``) the rule takes the general
path, so it need only be right where it answers.
"""

from __future__ import annotations

import copy
import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from activity_scores import InvalidInputError, TreatmentCourse, eular_difficult_to_treat_ra
from activity_scores.results import Outcome
from activity_scores.rules import parse_record
from activity_scores.rules._base import ProtocolReading
from activity_scores.rules.common import Context
from activity_scores.rules.indications import (
    _d2t_common,
    _d2t_general,
    _ra,
    ra_difficult_to_treat,
)

_EXAMPLE = json.loads(
    (Path(__file__).parent.parent / "examples" / "ra-eligible.json").read_text(encoding="utf-8")
)
_ON = date(2026, 11, 20)
_READINGS = [
    ProtocolReading(),
    ProtocolReading(d2t_require_different_mechanisms=False),
    ProtocolReading(d2t_require_both_perceive_problematic=True),
]


def _same(fast: Outcome, general: Outcome) -> None:
    assert fast == general
    assert fast.to_dict() == general.to_dict()
    assert [o.to_dict() for o in fast.walk()] == [o.to_dict() for o in general.walk()]
    assert [type(o.values) for o in fast.walk()] == [type(o.values) for o in general.walk()]


def _general(func: Any, ctx: Context, ra: Any) -> Outcome | Exception:
    try:
        return func(ctx, ra)  # type: ignore[no-any-return]
    except (InvalidInputError, TypeError, ValueError) as error:
        return error


# --- ra.in.4: the EULAR definition of difficult-to-treat RA -------------------------------

_DRUGS = ["methotrexate", "adalimumab", "tocilizumab", " x ", "", "   ", "y" * 100, "y" * 101]
_CLASSES = ["csDMARD", "bDMARD", "tsDMARD"]
_MECHANISMS = [None, "tnf", "il6", "jak", "cd20", "other"]
_REASONS = [None, "inefficacy", "adverse_event", "other", "unknown"]
_STARTS = ["2019-06-01", "2020-07-01", "2021-08-01", "2020-07-01"]
_STOPS = [None, "2019-05-01", "2019-06-01", "2022-01-01"]
_FLAGS = [
    "csdmard_contraindicated",
    "access_restricted_by_socioeconomic_factors",
    "other_composite_at_least_moderate",
    "signs_or_symptoms_of_active_disease",
    "rapid_radiographic_progression",
    "well_controlled_but_reduced_quality_of_life",
    "problematic_for_rheumatologist",
    "problematic_for_patient",
]


def _course(rng: random.Random) -> dict[str, Any]:
    """A valid course mostly; one field broken or odd now and then."""
    drug_class = rng.choice(_CLASSES)
    course: dict[str, Any] = {
        "drug": rng.choice(_DRUGS[:3]),
        "drug_class": drug_class,
        "start_date": rng.choice(_STARTS),
    }
    if drug_class != "csDMARD":
        course["mechanism"] = rng.choice(_MECHANISMS[1:])
    if rng.random() < 0.8:
        course["stop_date"] = "2022-01-01"
        course["reason_stopped"] = rng.choice(_REASONS[1:])
    if rng.random() < 0.1:
        key, values = rng.choice(
            [
                ("drug", list[Any](_DRUGS)),
                ("mechanism", list[Any](_MECHANISMS)),
                ("reason_stopped", list[Any](_REASONS)),
                ("stop_date", list[Any](_STOPS)),
            ]
        )
        course[key] = rng.choice(values)
        if course[key] is None:
            del course[key]
    return course


def _d2t_record(rng: random.Random) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(_EXAMPLE)
    ra = data["ra"]
    if rng.random() < 0.1:
        del ra["dmard_courses"]
    else:
        ra["dmard_courses"] = [_course(rng) for _ in range(rng.choice([0, 1, 2, 3, 4, 6]))]
    if rng.random() < 0.1:
        del ra["difficult_to_treat"]
    else:
        ra["difficult_to_treat"] = {
            key: rng.choice([True, False, None]) for key in _FLAGS if rng.random() < 0.7
        }
        if rng.random() < 0.1:
            ra["difficult_to_treat"]["glucocorticoid_drug"] = "prednisone"
            ra["difficult_to_treat"]["lowest_glucocorticoid_dose_mg_per_day"] = rng.choice(
                [0, 5, 7.5, 10]
            )
    for key, values in (
        ("tender_joints_28", [None, 0, 1, 10, 27, 28]),
        ("swollen_joints_28", [None, 0, 8, 28]),
        ("patient_global_mm", [None, 0, 0.5, 20, 70, 99.9, 100]),
        ("evaluator_global_cm", [None, 0, 0.1, 6.5, 9.99, 10]),
    ):
        value = rng.choice(values)
        if value is None:
            ra.pop(key, None)
        else:
            ra[key] = value
    esr = rng.choice([None, 1, 1.5, 2, 28, 40, 199, 199.5, 200])
    if esr is None:
        del data["labs"]["esr"]
    else:
        data["labs"]["esr"]["value"] = esr
    return data


def test_d2t_fast_path_equals_the_public_call() -> None:
    rng = random.Random(20261126)  # noqa: S311 - reproducible test data
    answered = 0
    for _ in range(600):
        data = _d2t_record(rng)
        try:
            record = parse_record(data)
        except InvalidInputError:
            continue
        for reading in _READINGS:
            ctx = Context(record, _ON, reading)
            ra = _ra(ctx)
            general = _general(_d2t_general, ctx, ra)
            fast = _d2t_common(ctx, ra)
            if fast is None:
                continue
            answered += 1
            assert isinstance(general, Outcome), (data["ra"], general)
            _same(fast, general)
            _same(ra_difficult_to_treat(ctx), ra_difficult_to_treat(ctx))
    assert answered > 400


@pytest.mark.parametrize(
    "change",
    [
        {"tender_joints_28": 29},
        {"tender_joints_28": -1},
        {"tender_joints_28": True},
        {"tender_joints_28": 5.0},
        {"swollen_joints_28": "5"},
        {"patient_global_mm": float("nan")},
        {"patient_global_mm": 101},
        {"evaluator_global_cm": 10.5},
        {"difficult_to_treat": {"problematic_for_patient": 1}},
        {"difficult_to_treat": {"glucocorticoid_drug": "prednisone"}},
        {"difficult_to_treat": {"bogus": True}},
        {"difficult_to_treat": {"problematic_for_patient": True}},
        {"difficult_to_treat": None},
        {"dmard_courses": None},
        {"dmard_courses": ()},
    ],
)
def test_d2t_fast_path_on_hand_built_values(change: dict[str, Any]) -> None:
    """Values the reader would refuse (a record built by hand): declined or the same."""
    record = parse_record(_EXAMPLE)
    assert record.ra is not None
    ra = attrs.evolve(record.ra, **change)
    ctx = Context(attrs.evolve(record, ra=ra), _ON, ProtocolReading())
    fast = _d2t_common(ctx, ra)
    general = _general(_d2t_general, ctx, ra)
    if fast is not None:
        assert isinstance(general, Outcome)
        _same(fast, general)


def test_d2t_esr_at_the_range_ends() -> None:
    record = parse_record(_EXAMPLE)
    for value in (1, 1.0, 1.0000001, 199.999, 200, 200.0, 0.5, 201):
        assert record.labs is not None
        assert record.labs.esr is not None
        assert record.ra is not None
        labs = attrs.evolve(record.labs, esr=attrs.evolve(record.labs.esr, value=value))
        ctx = Context(attrs.evolve(record, labs=labs), _ON, ProtocolReading())
        fast = _d2t_common(ctx, record.ra)
        general = _general(_d2t_general, ctx, record.ra)
        if fast is not None:
            assert 1 < value < 200
            assert isinstance(general, Outcome)
            _same(fast, general)


def test_d2t_a_course_listed_twice_counts_once_by_drug() -> None:
    """Counting drugs, the same course object listed twice is one drug (as before issue 8)."""
    course = TreatmentCourse(
        drug="adalimumab",
        drug_class="bDMARD",
        mechanism="tnf",
        start_date=date(2020, 1, 1),
        stop_date=date(2021, 1, 1),
        reason_stopped="inefficacy",
    )
    outcome = eular_difficult_to_treat_ra(
        treatments=[course, course], require_different_mechanisms=False
    )
    item = outcome.item("treatment_failure")
    assert item.values["failed_b_ts_mechanisms"] == 1
    assert "adalimumab (tnf), adalimumab (tnf): 1 drugs" in item.reason
    twin = attrs.evolve(course)
    outcome = eular_difficult_to_treat_ra(
        treatments=[course, twin], require_different_mechanisms=False
    )
    assert outcome.item("treatment_failure").values["failed_b_ts_mechanisms"] == 2
