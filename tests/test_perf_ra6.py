"""Issue 8, round 6: the RA criteria and rules decide now and write their details on first read.

``acr_eular_2010_ra``, ``eular_difficult_to_treat_ra`` and the RA screening rules return an
outcome holding its decision (``met``, ``points``, ``missing``) and the state to build its
reason, values and items (``results.deferred_outcome`` / ``lazy_outcome``). These tests
check, for cases at the cut-offs and with missing data, that

* the deferred state is there before the first read, and the decision is exact;
* every read path (reason, values, items, ``to_dict``, ``==``, ``repr``, pickling, ...)
  makes the instance the eager ``Outcome(...)`` of the same fields, key for key;
* the fields are the hand-computed ones (each case says how).
"""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from activity_scores import (
    Outcome,
    TreatmentCourse,
    acr_eular_2010_ra,
    eular_difficult_to_treat_ra,
    screen,
)
from activity_scores.results import _DETAILS_STATE, _REASON_STATE
from activity_scores.rules import parse_record
from activity_scores.rules._base import ProtocolReading
from activity_scores.rules.common import Context
from activity_scores.rules.indications import (
    ra_activity,
    ra_acute_phase,
    ra_classification,
    ra_difficult_to_treat,
    ra_duration,
    ra_functional_class_4,
    ra_joint_counts,
)

_EXAMPLE = json.loads(
    (Path(__file__).parent.parent / "examples" / "ra-eligible.json").read_text(encoding="utf-8")
)
_ON = date(2026, 11, 20)
_FIELDS = ["name", "met", "reason", "points", "values", "missing", "items"]


def _copied(outcome: Outcome, copy_it: Callable[[Outcome], object]) -> object:
    """A copy, or the error of copying.

    An item's shared read-only ``values`` (a mappingproxy) cannot be pickled or deep-copied,
    before this round as now: the read builds the outcome all the same.
    """
    try:
        return copy_it(outcome)
    except TypeError as error:
        return str(error)


def _pickled(outcome: Outcome) -> object:
    return _copied(outcome, lambda o: pickle.loads(pickle.dumps(o)))  # noqa: S301 - our own object


_READS: list[Callable[[Outcome], object]] = [
    lambda o: o.reason,
    lambda o: o.values,
    lambda o: o.items,
    lambda o: o.to_dict(),
    lambda o: o == Outcome(o.name, o.met, "", o.points, {}, o.missing),
    repr,
    _pickled,
    lambda o: _copied(o, copy.deepcopy),
    copy.copy,
    lambda o: list(o.walk()),
]


def _eager(outcome: Outcome) -> Outcome:
    """The eager ``Outcome(...)`` of the outcome's fields (reading them builds them)."""
    return Outcome(
        outcome.name,
        outcome.met,
        outcome.reason,
        outcome.points,
        outcome.values,
        outcome.missing,
        outcome.items,
    )


def _deferred(outcome: Outcome) -> bool:
    fields = vars(outcome)
    return _DETAILS_STATE in fields or _REASON_STATE in fields


def _check(make: Callable[[], Outcome], expected: dict[str, Any]) -> Outcome:
    """Every read path of a fresh outcome gives the eager outcome; its fields as expected."""
    reference = make()
    assert _deferred(reference)  # the state is there before the first read
    decision = (reference.name, reference.met, reference.points, reference.missing)
    assert _deferred(reference)  # reading the decision does not build the rest
    eager = _eager(reference)
    assert list(vars(reference)) == _FIELDS
    assert list(vars(reference).items()) == list(vars(eager).items())
    assert decision == (eager.name, eager.met, eager.points, eager.missing)
    reason_only = _REASON_STATE in vars(make())  # lazy_outcome: only the reason deferred
    for read in _READS:
        outcome = make()
        assert _deferred(outcome)
        read(outcome)
        if reason_only:  # values and items are there already: a read of them builds nothing
            outcome.reason  # noqa: B018 - a read
        else:
            assert not _deferred(outcome)
        assert list(vars(outcome).items()) == list(vars(eager).items())
        assert outcome == eager
        assert repr(outcome) == repr(eager)
        assert outcome.to_dict() == eager.to_dict()
        assert _pickled(outcome) == _pickled(eager)
        for inner in outcome.walk():  # nested deferred items: each its eager self
            assert list(vars(inner)) == _FIELDS
            assert list(vars(inner).items()) == list(vars(_eager(inner)).items())
    for key, value in expected.items():
        assert getattr(eager, key) == value, key
    return eager


# --- acr_eular_2010_ra --------------------------------------------------------------------

_DOC: dict[str, Any] = {  # the docstring example
    "definite_synovitis": True,
    "synovitis_better_explained_by_other_disease": False,
    "large_joints": 1,
    "small_joints": 4,
    "rf_iu_per_ml": 45,
    "rf_uln_iu_per_ml": 14,
    "crp_mg_per_l": 12,
    "crp_uln_mg_per_l": 5,
    "symptom_duration_weeks": 8,
}


def test_acr_2010_docstring_example() -> None:
    # Hand: 4 small joints 3 (4-10 small); RF 45 > 3 x 14 = 42: 3; CRP 12 > 5: 1;
    # 8 weeks >= 6: 1; 8 points >= 6 with synovitis not better explained: met.
    eager = _check(
        lambda: acr_eular_2010_ra(**_DOC),
        {
            "met": True,
            "points": 8,
            "missing": (),
            "reason": "definite RA by the score route: 8 points (A 3, B 3, C 1, D 1)",
            "values": {"points": 8, "entry": True},
        },
    )
    assert [item.name for item in eager.items] == [
        "entry",
        "joints",
        "serology",
        "acute_phase",
        "duration",
        "score",
        "typical_erosions",
        "previously_fulfilled",
    ]
    assert eager.item("serology").reason == "RF 45.0 (ULN 14.0): 3 -> 3 points"
    assert eager.item("serology").values == {"rf": (45.0, 14.0), "acpa": None}
    assert eager.item("acute_phase").reason == "CRP 12.0 (ULN 5.0) abnormal -> 1 point"
    assert eager.item("duration").reason == "symptoms 56.0 days (>= 6 weeks) -> 1 point"
    assert eager.item("score").values == {"known_points": 8, "missing_points_max": 0}


@pytest.mark.parametrize(
    ("change", "serology", "duration", "points"),
    [
        # 3 x ULN 20 = 60 is low positive (<= 3 x ULN): 2; above it high positive: 3
        ({"rf_iu_per_ml": 60, "rf_uln_iu_per_ml": 20}, 2, 1, 7),
        ({"rf_iu_per_ml": 60.000001, "rf_uln_iu_per_ml": 20}, 3, 1, 8),
        # 3 x 3.3 is 9.9 exactly in decimal (9.899999999999999 in binary floating point)
        ({"rf_iu_per_ml": 9.9, "rf_uln_iu_per_ml": 3.3}, 2, 1, 7),
        ({"rf_iu_per_ml": 20, "rf_uln_iu_per_ml": 20}, 0, 1, 5),
        # 6 weeks is the cut-off (>= 6 weeks: 1 point), 42 days the same
        ({"symptom_duration_weeks": 6}, 3, 1, 8),
        ({"symptom_duration_weeks": 5.999999}, 3, 0, 7),
        ({"symptom_duration_weeks": None, "symptom_duration_days": 42}, 3, 1, 8),
        ({"symptom_duration_weeks": None, "symptom_duration_days": 41}, 3, 0, 7),
    ],
)
def test_acr_2010_cut_offs(
    change: dict[str, Any], serology: int, duration: int, points: int
) -> None:
    # ACPA negative (<= ULN), no erosions, not previously fulfilled: every domain decided
    inputs: dict[str, Any] = {**_DOC, "acpa_u_per_ml": 5, "acpa_uln_u_per_ml": 20, **change}
    inputs |= {"typical_erosions": False, "previously_fulfilled": False}
    eager = _check(
        lambda: acr_eular_2010_ra(**inputs),
        {"points": points, "met": points >= 6, "missing": ()},
    )
    assert eager.item("serology").points == serology
    assert eager.item("duration").points == duration


def test_acr_2010_unknown_names_exactly_the_missing_inputs() -> None:
    # Hand: no serology, duration missing: 3 + 0 + 1 known, up to 3 + 3 + 1 + 1 = 8.
    inputs: dict[str, Any] = {**_DOC, "rf_iu_per_ml": None, "rf_uln_iu_per_ml": None}
    inputs["symptom_duration_weeks"] = None
    eager = _check(
        lambda: acr_eular_2010_ra(**inputs),
        {
            "met": None,
            "points": 4,
            "missing": (
                "rf_iu_per_ml",
                "acpa_u_per_ml",
                "symptom_duration_weeks",
                "typical_erosions",
                "previously_fulfilled",
            ),
            "reason": "unknown: 4 known points, up to 8 with missing domains; missing "
            "rf_iu_per_ml, acpa_u_per_ml, symptom_duration_weeks, typical_erosions, "
            "previously_fulfilled",
        },
    )
    assert eager.item("score").missing == (
        "rf_iu_per_ml",
        "acpa_u_per_ml",
        "symptom_duration_weeks",
    )
    # Without any joint count: the joints domain is 0-5 points
    inputs = {
        **_DOC,
        "large_joints": None,
        "small_joints": None,
        "typical_erosions": False,
    }
    eager = _check(
        lambda: acr_eular_2010_ra(**inputs, previously_fulfilled=False),
        {"met": None, "points": 5, "missing": ("large_joints", "small_joints")},
    )
    assert eager.item("joints").reason == (
        "joint counts missing (large_joints, small_joints): 0-5 points"
    )


def test_acr_2010_not_met_and_other_routes() -> None:
    no_entry = {**_DOC, "definite_synovitis": False}
    _check(
        lambda: acr_eular_2010_ra(**no_entry, typical_erosions=False, previously_fulfilled=False),
        {
            "met": False,
            "reason": "not classified as RA: 8 points (A 3, B 3, C 1, D 1), entry False, "
            "no erosions or prior fulfilment",
        },
    )
    _check(
        lambda: acr_eular_2010_ra(**no_entry, typical_erosions=True),
        {
            "met": True,
            "reason": "definite RA by the typical erosions route: 8 points (A 3, B 3, C 1, D 1)",
        },
    )


# --- eular_difficult_to_treat_ra ----------------------------------------------------------

_HISTORY = [
    TreatmentCourse(
        drug="methotrexate",
        drug_class="csDMARD",
        start_date=date(2018, 1, 1),
        stop_date=date(2019, 1, 1),
        reason_stopped="inefficacy",
    ),
    TreatmentCourse(
        drug="adalimumab",
        drug_class="bDMARD",
        mechanism="tnf",
        start_date=date(2019, 2, 1),
        stop_date=date(2020, 2, 1),
        reason_stopped="inefficacy",
    ),
    TreatmentCourse(
        drug="tocilizumab",
        drug_class="bDMARD",
        mechanism="il6",
        start_date=date(2020, 3, 1),
        stop_date=date(2021, 3, 1),
        reason_stopped="adverse_event",
    ),
]
_D2T: dict[str, Any] = {
    "treatments": _HISTORY,
    "tender_joints_28": 6,
    "swollen_joints_28": 4,
    "esr_mm_per_h": 30,
    "patient_global_mm": 50,
    "problematic_for_rheumatologist": True,
}


def test_d2t_docstring_example() -> None:
    # Hand: methotrexate failed; TNF and IL-6 failed (2 mechanisms); DAS28-ESR
    # 0.56 sqrt 6 + 0.28 sqrt 4 + 0.70 ln 30 + 0.014 x 50 = 5.01 > 3.2; rheumatologist: met.
    eager = _check(
        lambda: eular_difficult_to_treat_ra(**_D2T),
        {
            "met": True,
            "missing": (),
            "values": {"criteria_met": 3},
            "reason": "all 3 criteria needed: treatment_failure met, active_or_progressive "
            "met, problematic_management met",
        },
    )
    failure = eager.item("treatment_failure")
    assert failure.values == {"csdmard_failed": True, "failed_b_ts_mechanisms": ["il6", "tnf"]}
    assert failure.reason == (
        "csDMARD failure True (methotrexate), contraindicated None; b/tsDMARD failures "
        "adalimumab (tnf), tocilizumab (il6): 2 mechanisms (>= 2 needed), access restricted None"
    )
    activity = eager.item("active_or_progressive")
    assert activity.reason == "1 of 5 signs of active/progressive disease met (>= 1 needed)"
    composite = activity.item("moderate_activity")
    assert composite.reason == (
        "at least moderate activity (DAS28-ESR > 3.2 or CDAI > 10): DAS28-ESR 5.01 (> 3.2)"
    )
    assert list(composite.values) == ["das28_esr"]


def test_d2t_counting_drugs_and_cdai() -> None:
    # Hand: CDAI 6 + 4 + 1 + 1 = 12 > 10; by drugs, the same two failures count 2.
    inputs: dict[str, Any] = {
        **_D2T,
        "esr_mm_per_h": None,
        "patient_global_mm": None,
        "patient_global_cm": 1,
        "evaluator_global_cm": 1,
        "require_different_mechanisms": False,
    }
    eager = _check(lambda: eular_difficult_to_treat_ra(**inputs), {"met": True})
    assert eager.item("treatment_failure").values == {
        "csdmard_failed": True,
        "failed_b_ts_mechanisms": 2,
    }
    composite = eager.item("active_or_progressive").item("moderate_activity")
    assert composite.reason.endswith("CDAI 12.0 (> 10)")
    assert composite.values == {"cdai": 12.0}


def test_d2t_unknown_names_exactly_the_missing_inputs() -> None:
    # Hand: no history (criterion 1 unknown); no composite input, no answers (criterion 2
    # unknown: every input of each composite, then each answer); criterion 3 unknown.
    eager = _check(
        lambda: eular_difficult_to_treat_ra(treatments=None),
        {
            "met": None,
            "missing": (
                "treatments",
                "tender_joints_28",
                "swollen_joints_28",
                "esr_mm_per_h",
                "patient_global_mm",
                "patient_global_cm",
                "evaluator_global_cm",
                "other_composite_at_least_moderate",
                "signs_or_symptoms_of_active_disease",
                "lowest_glucocorticoid_dose_mg_per_day",
                "rapid_radiographic_progression",
                "well_controlled_but_reduced_quality_of_life",
                "problematic_for_rheumatologist",
                "problematic_for_patient",
            ),
        },
    )
    assert eager.item("treatment_failure").reason == "no treatment history given"
    # One b/tsDMARD failed, access not restricted: criterion 1 not met, nothing missing
    inputs: dict[str, Any] = {
        **_D2T,
        "treatments": _HISTORY[:2],
        "access_restricted_by_socioeconomic_factors": False,
    }
    eager = _check(lambda: eular_difficult_to_treat_ra(**inputs), {"met": False, "missing": ()})
    assert eager.item("treatment_failure").values == {
        "csdmard_failed": True,
        "failed_b_ts_mechanisms": ["tnf"],
    }


# --- the screening rules ------------------------------------------------------------------


def _ctx(change: Callable[[dict[str, Any]], None] | None = None, **reading: Any) -> Context:
    data: dict[str, Any] = copy.deepcopy(_EXAMPLE)
    if change is not None:
        change(data)
    return Context(parse_record(data), _ON, ProtocolReading(**reading))


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """A change setting (or, for ``...``, removing) one value of the record by its path."""

    def change(data: dict[str, Any]) -> None:
        *parents, key = path.split(".")
        node = data
        for parent in parents:
            node = node[parent]
        if value is ...:
            del node[key]
        else:
            node[key] = value

    return change


def _both(*changes: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for one in changes:
            one(data)

    return change


def test_screening_leaves_the_ra_details_unbuilt() -> None:
    report = screen(copy.deepcopy(_EXAMPLE))
    for result in report.criteria:
        if result.id.startswith("ra."):
            assert _deferred(result.outcome), result.id
    assert report.overall == "eligible"


def test_classification_rule() -> None:
    # Hand: 4 large + 8 small = 12 > 10 joints: 5; RF 120 > 3 x 20: 3; CRP 24 > 5: 1;
    # 300 weeks: 1; 10 points.
    eager = _check(
        lambda: ra_classification(_ctx()),
        {
            "name": "classification",
            "met": True,
            "points": 10,
            "reason": "definite RA by the score route: 10 points (A 5, B 3, C 1, D 1)",
        },
    )
    assert [item.name for item in eager.items] == ["acr_eular_2010_ra"]
    # No RF or ACPA: 7 known points, but a serology result is required: unknown
    no_serology = _both(
        *(
            _set(f"ra.acr_eular_2010.{key}", ...)
            for key in ("rf_iu_per_ml", "rf_uln_iu_per_ml", "acpa_u_per_ml", "acpa_uln_u_per_ml")
        )
    )
    _check(
        lambda: ra_classification(_ctx(no_serology)),
        {
            "met": None,
            "points": 7,
            "missing": (
                "$.ra.acr_eular_2010.rf_iu_per_ml",
                "$.ra.acr_eular_2010.acpa_u_per_ml",
                "$.ra.acr_eular_2010.typical_erosions",
                "$.ra.acr_eular_2010.previously_fulfilled",
            ),
        },
    )


def test_difficult_to_treat_rule() -> None:
    eager = _check(
        lambda: ra_difficult_to_treat(_ctx()),
        {
            "name": "difficult_to_treat",
            "met": True,
            "reason": "all 3 criteria needed: treatment_failure met, active_or_progressive "
            "met, problematic_management met",
            "values": {"criteria_met": 3},
        },
    )
    assert [item.name for item in eager.items] == ["eular_difficult_to_treat_ra"]
    # Without the history: criterion 1 unknown, its input named by the record's path
    _check(
        lambda: ra_difficult_to_treat(_ctx(_set("ra.dmard_courses", ...))),
        {"met": None, "missing": ("$.ra.dmard_courses",)},
    )
    # Counting drugs, both must perceive it as problematic: still met (both answered yes)
    _check(
        lambda: ra_difficult_to_treat(
            _ctx(d2t_require_different_mechanisms=False, d2t_require_both_perceive_problematic=True)
        ),
        {"met": True},
    )


@pytest.mark.parametrize(
    ("diagnosed", "met", "reason"),
    [
        # 6 months after 2026-05-20 is 2026-11-20, the evaluation date itself: met
        ("2026-05-20", True, "at least"),
        ("2026-05-21", False, "less than"),
    ],
)
def test_duration_rule(diagnosed: str, met: bool, reason: str) -> None:
    six_months = "2026-11-20" if met else "2026-11-21"
    _check(
        lambda: ra_duration(_ctx(_set("ra.diagnosis_date", diagnosed))),
        {
            "met": met,
            "values": {},
            "reason": f"diagnosed {diagnosed}: {reason} 6 months before 2026-11-20 "
            f"(6 months on {six_months})",
        },
    )


def test_activity_rule() -> None:
    # Hand: CDAI 10 + 8 + 7 + 6.5 = 31.5 (high); DAS28-ESR 0.56 sqrt 10 + 0.28 sqrt 8
    # + 0.70 ln 40 + 0.014 x 70 = 6.13 (high).
    _check(
        lambda: ra_activity(_ctx()),
        {"met": True, "reason": "DAS28-ESR 6.13 (high); CDAI 31.5 (high)", "values": {}},
    )
    no_esr = _set("labs.esr", ...)
    _check(
        lambda: ra_activity(_ctx(no_esr)),
        {"met": True, "missing": (), "reason": "DAS28-ESR inputs not recorded; CDAI 31.5 (high)"},
    )
    _check(
        lambda: ra_activity(_ctx(_both(no_esr, _set("ra.evaluator_global_cm", ...)))),
        {
            "met": None,
            "missing": ("$.labs.esr.value", "$.ra.evaluator_global_cm"),
            "reason": "DAS28-ESR inputs not recorded; CDAI inputs not recorded",
        },
    )
    # CDAI 1 + 1 + 2 + 6 = 10 is low activity (moderate is > 10); with ESR missing: unknown
    low = _both(
        no_esr,
        _set("ra.tender_joints_28", 1),
        _set("ra.swollen_joints_28", 1),
        _set("ra.patient_global_mm", 20),
        _set("ra.evaluator_global_cm", 6),
    )
    _check(
        lambda: ra_activity(_ctx(low)),
        {"met": None, "missing": ("$.labs.esr.value",), "reason": "DAS28-ESR inputs not recorded"},
    )


@pytest.mark.parametrize(
    ("swollen", "tender", "met", "missing", "reason"),
    [
        (6, 6, True, (), "SJC66 6 >= 6; TJC68 6 >= 6"),
        (6, 5, False, (), "SJC66 6 >= 6; TJC68 5 < 6"),
        (..., 5, False, (), "SJC66 not recorded; TJC68 5 < 6"),
        (..., 6, None, ("$.ra.swollen_joints_66",), "SJC66 not recorded"),
        (
            ...,
            ...,
            None,
            ("$.ra.swollen_joints_66", "$.ra.tender_joints_68"),
            "SJC66 not recorded; TJC68 not recorded",
        ),
    ],
)
def test_joint_counts_rule(
    swollen: object, tender: object, met: bool | None, missing: tuple[str, ...], reason: str
) -> None:
    change = _both(_set("ra.swollen_joints_66", swollen), _set("ra.tender_joints_68", tender))
    eager = _check(
        lambda: ra_joint_counts(_ctx(change)),
        {"met": met, "missing": missing, "reason": reason, "values": {}},
    )
    assert [item.name for item in eager.items] == ["swollen_joints_66", "tender_joints_68"]


@pytest.mark.parametrize(
    ("crp", "esr", "met", "missing", "reason"),
    [
        # CRP 1.0 mg/dL = 10 mg/L, the cut-off (>= 10): met; ESR 28 the same
        ({"value": 1.0, "unit": "mg/dL"}, 27.999, True, (), "CRP 10 mg/L >= 10; ESR 28 mm/h < 28"),
        ({"value": 0.999, "unit": "mg/dL"}, 28, True, (), "CRP 9.99 mg/L < 10; ESR 28 mm/h >= 28"),
        ({"value": 9.999, "unit": "mg/L"}, 27, False, (), "CRP 9.999 mg/L < 10; ESR 27 mm/h < 28"),
        ({"value": 9.999, "unit": "mg/L"}, ..., None, ("$.labs.esr.value",), "ESR not recorded"),
        (..., 40, True, (), "CRP not recorded; ESR 40 mm/h >= 28"),
    ],
)
def test_acute_phase_rule(
    crp: Any, esr: object, met: bool | None, missing: tuple[str, ...], reason: str
) -> None:
    crp_change = (
        _set("labs.crp", ...) if crp is ... else _set("labs.crp", {**crp, "date": "2026-11-16"})
    )
    esr_change = _set("labs.esr", ...) if esr is ... else _set("labs.esr.value", esr)
    _check(
        lambda: ra_acute_phase(_ctx(_both(crp_change, esr_change))),
        {"met": met, "missing": missing, "reason": reason},
    )


def test_functional_class_rule() -> None:
    # Hand: self-care not limited, vocational and avocational limited: class III
    _check(
        lambda: ra_functional_class_4(_ctx()),
        {"met": False, "reason": "ACR functional class III", "values": {"functional_class": "III"}},
    )
    every = _set(
        "ra.functional_class",
        {"self_care_limited": True, "vocational_limited": True, "avocational_limited": True},
    )
    _check(
        lambda: ra_functional_class_4(_ctx(every)),
        {"met": True, "reason": "ACR functional class IV", "values": {"functional_class": "IV"}},
    )


@pytest.mark.parametrize(
    ("answers", "met", "reason", "missing"),
    [
        # One activity not limited: class IV is excluded whatever the unknown answers
        ((None, False, None), False, "class IV needs every activity limited; one is not", ()),
        (
            (None, True, None),
            None,
            "functional status not recorded",
            (
                "$.ra.functional_class.self_care_limited",
                "$.ra.functional_class.avocational_limited",
            ),
        ),
    ],
)
def test_functional_class_rule_with_answers_missing(
    answers: tuple[bool | None, ...], met: bool | None, reason: str, missing: tuple[str, ...]
) -> None:
    keys = ("self_care_limited", "vocational_limited", "avocational_limited")
    given = {key: value for key, value in zip(keys, answers, strict=True) if value is not None}
    outcome = ra_functional_class_4(_ctx(_set("ra.functional_class", given)))
    assert list(vars(outcome).items()) == list(
        vars(Outcome("functional_class_4", met, reason, None, {}, missing)).items()
    )
