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
import itertools
import json
import math
import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pytest

from activity_scores import (
    InvalidInputError,
    TreatmentCourse,
    acr_1991_functional_class,
    cdai,
    das28_esr,
    eular_difficult_to_treat_ra,
)
from activity_scores.results import Outcome
from activity_scores.rules import parse_record
from activity_scores.rules._base import ProtocolReading
from activity_scores.rules.common import Context
from activity_scores.rules.indications import (
    _classification_common,
    _classification_general,
    _d2t_common,
    _d2t_general,
    _ra,
    ra_activity,
    ra_acute_phase,
    ra_classification,
    ra_duration,
    ra_functional_class_4,
    ra_joint_counts,
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


# --- ra.in.1a: the 2010 ACR/EULAR classification criteria ---------------------------------

_PAIRS = [
    ("rf_iu_per_ml", "rf_uln_iu_per_ml"),
    ("acpa_u_per_ml", "acpa_uln_u_per_ml"),
    ("crp_mg_per_l", "crp_uln_mg_per_l"),
    ("esr_mm_per_h", "esr_uln_mm_per_h"),
]
#: (value, ULN) pairs: below, at and around the ULN and 3 x ULN, integral or not, range ends.
_LAB_PAIRS: list[tuple[Any, Any]] = [
    (120, 20),
    (60, 20),
    (61, 20),
    (20, 20),
    (19.5, 20),
    (0.3, 0.1),
    (0.30000000000000004, 0.1),
    (0.31, 0.1),
    (0.2, 0.1),
    (60.000000000001, 20),
    (59.99999999999, 20),
    (0, 20),
    (5, 0.5),
    (199.9, 199.9),
    (200, 20),
    (1000, 1000),
    (None, 20),
    (40, None),
    (None, None),
]


def _classification_record(rng: random.Random) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(_EXAMPLE)
    params: dict[str, Any] = {}
    for key in (
        "definite_synovitis",
        "synovitis_better_explained_by_other_disease",
        "typical_erosions",
        "previously_fulfilled",
    ):
        if rng.random() < 0.8:
            params[key] = rng.choice([True, False, None])
    for key, values in (
        ("large_joints", [None, 0, 1, 2, 4, 10, 11]),
        ("small_joints", [None, 0, 1, 3, 4, 8, 10, 30, 31]),
        ("other_joints", [None, None, 0, 1, 5, 20, 21]),
    ):
        params[key] = rng.choice(values)
    for value_key, uln_key in _PAIRS:
        value, uln = rng.choice(_LAB_PAIRS)
        params[value_key], params[uln_key] = value, uln
    duration = rng.choice(["weeks", "days", "none", "both"])
    if duration in {"weeks", "both"}:
        params["symptom_duration_weeks"] = rng.choice(
            [0, 0.5, 5.9, 5.999999999, 6, 6.0, 300, 5199.5, 5200, 5201]
        )
    if duration in {"days", "both"}:
        params["symptom_duration_days"] = rng.choice([0, 41, 42, 43, 36500, 36501])
    data["ra"]["acr_eular_2010"] = {k: v for k, v in params.items() if v is not None}
    if rng.random() < 0.05:
        del data["ra"]["acr_eular_2010"]
    return data


def test_classification_fast_path_equals_the_public_call() -> None:
    rng = random.Random(2010)  # noqa: S311 - reproducible test data
    answered = 0
    for _ in range(3000):
        data = _classification_record(rng)
        try:
            record = parse_record(data)
        except InvalidInputError:
            continue
        ctx = Context(record, _ON, ProtocolReading())
        fast = _classification_common(record.ra)
        general = _general(lambda c, _ra: _classification_general(c), ctx, record.ra)
        rule = _general(lambda c, _ra: ra_classification(c), ctx, record.ra)
        if isinstance(general, Outcome):
            assert isinstance(rule, Outcome)
            _same(rule, general)
        else:
            assert type(rule) is type(general)
            assert str(rule) == str(general)
        if fast is None:
            continue
        answered += 1
        assert isinstance(general, Outcome), (data["ra"], general)
        assert general.items == (fast,)
        _same(fast, general.items[0])
    assert answered > 300


@pytest.mark.parametrize(
    "params",
    [
        {"other_joints": None},
        {"large_joints": True},
        {"small_joints": 4.0},
        {"rf_iu_per_ml": float("nan"), "rf_uln_iu_per_ml": 20},
        {"rf_iu_per_ml": "120", "rf_uln_iu_per_ml": 20},
        {"definite_synovitis": 1},
        {"symptom_duration_weeks": float("inf")},
        {"bogus": 1},
        {"definite_synovitis": True, "large_joints": 4, "small_joints": 8},
    ],
)
def test_classification_fast_path_on_hand_built_values(params: dict[str, Any]) -> None:
    record = parse_record(_EXAMPLE)
    assert record.ra is not None
    ra = attrs.evolve(record.ra, acr_eular_2010=MappingProxyType(params))
    ctx = Context(attrs.evolve(record, ra=ra), _ON, ProtocolReading())
    fast = _classification_common(ra)
    general = _general(lambda c, _ra: _classification_general(c), ctx, ra)
    if fast is not None:
        assert isinstance(general, Outcome)
        _same(fast, general.items[0])


def test_classification_reasons_join_the_parts() -> None:
    """The serology and acute-phase reasons, as the parts joined by '; ' (written out here)."""
    record = parse_record(_EXAMPLE)
    assert record.ra is not None
    outcome = _classification_common(record.ra)
    assert outcome is not None
    assert outcome.item("serology").reason == (
        "RF 120.0 (ULN 20.0): 3; ACPA 300.0 (ULN 20.0): 3 -> 3 points"
    )
    assert outcome.item("acute_phase").reason == (
        "CRP 24.0 (ULN 5.0) abnormal; ESR 40.0 (ULN 20.0) abnormal -> 1 point"
    )
    only = dict(record.ra.acr_eular_2010 or {})
    for key in ("rf_iu_per_ml", "rf_uln_iu_per_ml", "crp_mg_per_l", "crp_uln_mg_per_l"):
        del only[key]
    only["esr_mm_per_h"] = 10
    outcome = _classification_common(attrs.evolve(record.ra, acr_eular_2010=MappingProxyType(only)))
    assert outcome is not None
    assert outcome.item("serology").reason == "ACPA 300.0 (ULN 20.0): 3 -> 3 points"
    assert outcome.item("acute_phase").reason == "ESR 10.0 (ULN 20.0) normal -> 0 points"
    assert outcome.item("acute_phase").missing == ("crp_mg_per_l",)


# --- ra.in.1c: DAS28-ESR or CDAI at least moderate -----------------------------------------


def test_activity_items_as_the_public_scores_give_them() -> None:
    """The activity items' reasons from the public scores, rounded half-up to 2 places here."""
    for tjc, sjc, esr, global_mm, evaluator in itertools.product(
        [None, 0, 3, 10, 28], [0, 8], [None, 1, 28, 40, 200], [0, 32, 70, 100], [None, 0.5, 10]
    ):
        data: dict[str, Any] = copy.deepcopy(_EXAMPLE)
        ra = data["ra"]
        ra["tender_joints_28"], ra["swollen_joints_28"] = tjc, sjc
        ra["patient_global_mm"], ra["evaluator_global_cm"] = global_mm, evaluator
        data["labs"]["esr"]["value"] = esr
        if esr is None:
            del data["labs"]["esr"]
        ra = {k: v for k, v in ra.items() if v is not None}
        data["ra"] = ra
        outcome = ra_activity(Context(parse_record(data), _ON, ProtocolReading()))
        das, cd = outcome.items
        if tjc is not None and esr is not None:
            score = das28_esr(
                tender_joints_28=tjc,
                swollen_joints_28=sjc,
                esr_mm_per_h=esr,
                patient_global_mm=global_mm,
            )
            half_up = math.floor(Decimal(repr(score.value)) * 100 + Decimal("0.5")) / 100
            assert score.category is not None
            assert das.reason == f"DAS28-ESR {half_up:.2f} ({score.category.value})"
            assert das.met is (score.category.value in {"moderate", "high"})
        if tjc is not None and evaluator is not None:
            score = cdai(
                tender_joints_28=tjc,
                swollen_joints_28=sjc,
                patient_global_cm=global_mm / 10,
                evaluator_global_cm=evaluator,
            )
            half_up = math.floor(Decimal(repr(score.value)) * 100 + Decimal("0.5")) / 100
            assert score.category is not None
            assert cd.reason == f"CDAI {float(half_up):g} ({score.category.value})"
            assert cd.met is (score.category.value in {"moderate", "high"})
        if das.met or cd.met:
            assert outcome.met is True
            assert outcome.reason == f"{das.reason}; {cd.reason}"
            assert outcome.missing == ()
            assert outcome.values == {}


# --- ra.in.2, ra.in.3, ra.in.1b, ra.ex.1: outcomes built directly ------------------------


def _ctx(change: Any) -> Context:
    data: dict[str, Any] = copy.deepcopy(_EXAMPLE)
    change(data)
    return Context(parse_record(data), _ON, ProtocolReading())


def test_joint_counts_both_recorded() -> None:
    for swollen, tender in itertools.product([0, 5, 6, 7, 66], [0, 5, 6, 68]):

        def change(data: dict[str, Any], s: int = swollen, t: int = tender) -> None:
            data["ra"]["swollen_joints_66"], data["ra"]["tender_joints_68"] = s, t

        outcome = ra_joint_counts(_ctx(change))
        first, second = outcome.items
        assert (first.name, first.met, first.values) == ("swollen_joints_66", swollen >= 6, {})
        assert first.reason == f"SJC66 {swollen} {'>=' if swollen >= 6 else '<'} 6"
        assert (second.name, second.met, second.values) == ("tender_joints_68", tender >= 6, {})
        assert second.reason == f"TJC68 {tender} {'>=' if tender >= 6 else '<'} 6"
        assert outcome.met is (swollen >= 6 and tender >= 6)
        assert outcome.reason == f"{first.reason}; {second.reason}"
        assert (outcome.name, outcome.missing, dict(outcome.values)) == ("joint_counts", (), {})
        assert type(first.values) is dict


_MILLI = Decimal("0.001")


def test_acute_phase_met_by_either() -> None:
    for crp, esr in itertools.product([0.5, 0.9999, 1.0, 2.4], [27.9995, 28, 40, 10]):

        def change(data: dict[str, Any], c: float = crp, e: float = esr) -> None:
            data["labs"]["crp"]["value"], data["labs"]["esr"]["value"] = c, e

        outcome = ra_acute_phase(_ctx(change))
        first, second = outcome.items
        # the rule's reading: rounded half-up to 3 decimals, then compared
        crp_met = (Decimal(repr(crp)) * 10).quantize(_MILLI, ROUND_HALF_UP) >= 10
        esr_met = Decimal(repr(esr)).quantize(_MILLI, ROUND_HALF_UP) >= 28
        assert (first.met, second.met) == (crp_met, esr_met)
        assert outcome.met is (crp_met or esr_met)
        if outcome.met:
            assert outcome.reason == f"{first.reason}; {second.reason}"
            assert (outcome.missing, outcome.items) == ((), (first, second))


def test_duration_and_functional_class() -> None:
    for diagnosed, met in (("2026-05-20", True), ("2026-05-21", False), ("2019-05-01", True)):

        def change(data: dict[str, Any], d: str = diagnosed) -> None:
            data["ra"]["diagnosis_date"] = d

        outcome = ra_duration(_ctx(change))
        assert outcome.met is met
        assert outcome.reason.startswith(f"diagnosed {diagnosed}: ")
        assert outcome.values == {}
        assert type(outcome.values) is dict
    keys = ("self_care_limited", "vocational_limited", "avocational_limited")
    for pattern in ((False, False, False), (False, False, True), (False, True, True), (True,) * 3):

        def set_class(data: dict[str, Any], p: tuple[bool, ...] = pattern) -> None:
            data["ra"]["functional_class"] = dict(zip(keys, p, strict=True))

        outcome = ra_functional_class_4(_ctx(set_class))
        category = acr_1991_functional_class(
            self_care_limited=pattern[0],
            vocational_limited=pattern[1],
            avocational_limited=pattern[2],
        ).category
        assert category is not None
        assert outcome.met is (category.value == "IV")
        assert outcome.reason == f"ACR functional class {category.value}"
        assert outcome.values == {"functional_class": category.value}
    not_nested = _ctx(
        lambda data: data["ra"].update(
            functional_class=dict(zip(keys, (True, True, False), strict=True))
        )
    )
    with pytest.raises(InvalidInputError, match=r"\$\.ra\.functional_class\.self_care_limited"):
        ra_functional_class_4(not_nested)
