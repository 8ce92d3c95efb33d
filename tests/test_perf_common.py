"""Issue 8, round 5: outcomes whose reason is built when first read change nothing observable.

The common criteria and the refractory rule now return outcomes whose ``reason`` is
formatted on first read (``results.lazy_outcome``). Each is compared here with the code
before the change, kept below verbatim as the reference (an equivalence, not a reference
value), over generated records: every field missing, values at and around the cut-offs.
"""

from __future__ import annotations

import copy
import itertools
import pickle
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

import attrs
import pytest

from activity_scores import Outcome
from activity_scores._logic import all_of, any_of
from activity_scores._rounding import _NOISE, _floor, units_of
from activity_scores.results import _REASON_STATE, EMPTY, lazy_outcome
from activity_scores.rules import PatientRecord, ProtocolReading, common, treatment
from activity_scores.rules._base import (
    add_months,
    combine,
    decided,
    fmt,
    not_applicable,
    unknown,
)
from activity_scores.rules.common import (
    _AGE_PATHS,
    _CRCL_MIN_TEXT,
    _CRCL_MIN_UNITS,
    _THRESHOLD_TEXT,
    _TIMES_TEXT,
    _ULN_KEY,
    Context,
    _hemoglobin_g_per_l,
    _lab_with_uln,
    _woman_of_childbearing_potential,
)
from activity_scores.rules.record import GLUCOCORTICOIDS, Treatment, parse_record
from activity_scores.rules.treatment import _EITHER, _cyclophosphamide, _prednisone_equivalent
from activity_scores.scores.renal import cockcroft_gault

# --- the lazy Outcome itself -------------------------------------------------------------------


def _reason(state: tuple[Any, ...]) -> str:
    return f"built {state[1]}"


def _lazy() -> Outcome:
    return lazy_outcome("x", True, (_reason, 7), 2.5, {"a": 1}, ("m",), ())


_EAGER = Outcome("x", True, "built 7", 2.5, {"a": 1}, ("m",), ())


def test_lazy_outcome_holds_its_state_until_read() -> None:
    lazy = _lazy()
    assert _REASON_STATE in vars(lazy)
    assert lazy.met is True
    assert lazy.name == "x"
    assert lazy.missing == ("m",)
    assert _REASON_STATE in vars(lazy)  # other fields do not build it
    assert lazy.reason == "built 7"
    assert list(vars(lazy).items()) == list(vars(_EAGER).items())


@pytest.mark.parametrize(
    "read",
    [
        lambda o: o.reason,
        lambda o: o == _EAGER,
        repr,
        lambda o: o.to_dict(),
        lambda o: pickle.loads(pickle.dumps(o)),  # noqa: S301 - our own object
        copy.copy,
        copy.deepcopy,
        lambda o: attrs.evolve(o, met=False),
        attrs.asdict,
        attrs.astuple,
    ],
)
def test_every_read_builds_the_eager_outcome(read: Callable[[Outcome], object]) -> None:
    lazy = _lazy()
    result = read(lazy)
    assert list(vars(lazy).items()) == list(vars(_EAGER).items())
    assert lazy == _EAGER
    assert repr(lazy) == repr(_EAGER)
    assert lazy.to_dict() == _EAGER.to_dict()
    if isinstance(result, Outcome) and result.met is True:
        assert list(vars(result).items()) == list(vars(_EAGER).items())


def test_copies_of_a_lazy_outcome_are_eager() -> None:
    for copied in (
        copy.copy(_lazy()),
        copy.deepcopy(_lazy()),
        pickle.loads(pickle.dumps(_lazy())),  # noqa: S301 - our own object
    ):
        assert list(vars(copied).items()) == list(vars(_EAGER).items())


def test_outcome_class_has_no_reason_attribute_and_stays_frozen() -> None:
    with pytest.raises(AttributeError, match="type object 'Outcome' has no attribute 'reason'"):
        _ = Outcome.reason
    lazy = _lazy()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        lazy.reason = "y"  # type: ignore[misc]
    assert _REASON_STATE in vars(lazy)
    assert [field.name for field in attrs.fields(Outcome)] == [
        "name",
        "met",
        "reason",
        "points",
        "values",
        "missing",
        "items",
    ]
    assert Outcome("a", None, "r").reason == "r"  # an eager outcome reads its own field


# --- the code before the change: the reference ------------------------------------------------


def ref_combine(
    name: str, items: Sequence[Outcome], decide: Callable[[list[bool | None]], bool | None]
) -> Outcome:
    met = decide([item.met for item in items])
    if met is not None:
        reason = "; ".join([i.reason for i in items])
        return Outcome(name, met, reason, None, EMPTY, (), tuple(items))
    missing: list[str] = []
    for item in items:
        if item.met is None:
            missing.extend(m for m in item.missing if m not in missing)
    reason = "; ".join([i.reason for i in items if i.met is None])
    return Outcome(name, met, reason, None, EMPTY, tuple(missing), tuple(items))


def ref_age(ctx: Context) -> Outcome:
    years = ctx.age()
    name = "age"
    lo, hi = common.AGE_YEARS
    if years is None:
        return unknown(name, "age not recorded (date of birth or age)", _AGE_PATHS)
    met = lo <= years <= hi
    sign = "within" if met else "outside"
    return Outcome(name, met, f"age {years} years, {sign} {lo}-{hi}", None, {"age_years": years})


def ref_lab_threshold(
    ctx: Context,
    field: str,
    label: str,
    threshold: float,
    unit_text: str,
    *,
    convert: Callable[[float, str], float] | None = None,
) -> Outcome:
    labs = ctx.record.labs
    lab = None if labs is None else getattr(labs, field)
    if lab is None or lab.value is None:
        return unknown(field, f"{label} not recorded", (f"$.labs.{field}.value",))
    value = lab.value if convert is None else convert(lab.value, lab.unit or "")
    met = _floor(value * 1000.0 + 0.5 + _NOISE) >= _floor(threshold * 1000.0 + 0.5 + _NOISE)
    shown = f"{fmt(lab.value)} {lab.unit}"
    if convert is not None and lab.unit != unit_text:
        shown += f" = {fmt(value)} {unit_text}"
    limit = _THRESHOLD_TEXT.get(threshold) or fmt(threshold)
    reason = f"{label} {shown} {'>=' if met else '<'} {limit} {unit_text}"
    return Outcome(field, met, reason, None, {field: value})


def ref_ratio_check(ctx: Context, field: str, label: str, limit_x_uln: float) -> Outcome:
    found = _lab_with_uln(ctx, field, label)
    if isinstance(found, Outcome):
        return found
    value, uln, unit = found
    limit = limit_x_uln * uln
    met = _floor(value * 10000.0 + 0.5 + _NOISE) <= _floor(limit * 10000.0 + 0.5 + _NOISE)
    reason = (
        f"{label} {fmt(value)} {unit} {'<=' if met else '>'} {_TIMES_TEXT[limit_x_uln]} x ULN "
        f"({fmt(limit)} {unit}; ULN {fmt(uln)})"
    )
    return Outcome(field, met, reason, None, {field: value, _ULN_KEY[field]: uln})


def ref_disease_exception(ctx: Context, failed: Outcome) -> Outcome:
    return common._disease_exception(ctx, failed)  # noqa: SLF001 - unchanged, the same code


def ref_ratio_rule(ctx: Context, field: str, label: str, limit_x_uln: float) -> Outcome:
    outcome = ref_ratio_check(ctx, field, label, limit_x_uln)
    return ref_disease_exception(ctx, outcome) if outcome.met is False else outcome


def ref_bilirubin(ctx: Context) -> Outcome:
    field, label = "total_bilirubin", "total bilirubin"
    gilbert = ctx.patient.gilbert_syndrome
    if gilbert is True:
        return ref_ratio_rule(
            ctx, field, f"{label} (Gilbert syndrome)", common.BILIRUBIN_GILBERT_MAX_X_ULN
        )
    strict = ref_ratio_check(ctx, field, label, common.BILIRUBIN_MAX_X_ULN)
    if gilbert is False or strict.met is not False:
        return ref_disease_exception(ctx, strict) if strict.met is False else strict
    lenient = ref_ratio_check(ctx, field, label, common.BILIRUBIN_GILBERT_MAX_X_ULN)
    if lenient.met is False:
        return ref_disease_exception(ctx, lenient)
    undecided = Outcome(
        field,
        None,
        f"{strict.reason}; <= 3.0 x ULN if Gilbert syndrome (not recorded)",
        values=strict.values,
        missing=("$.patient.gilbert_syndrome",),
    )
    if ctx.investigator.liver_abnormality_due_to_disease is True:
        return ref_disease_exception(ctx, strict)
    return undecided


def ref_creatinine_clearance(ctx: Context) -> Outcome:
    name = "creatinine_clearance"
    patient = ctx.patient
    lab = ctx.lab("creatinine")
    years = ctx.age()
    missing: list[str] = []
    if years is None:
        missing.extend(_AGE_PATHS)
    if patient.weight_kg is None:
        missing.append("$.patient.weight_kg")
    if patient.sex is None:
        missing.append("$.patient.sex")
    if lab is None or lab.value is None:
        missing.append("$.labs.creatinine.value")
    if (
        missing
        or years is None
        or patient.weight_kg is None
        or patient.sex is None
        or lab is None
        or lab.value is None
    ):
        return unknown(name, "Cockcroft-Gault inputs not recorded", missing)
    if years < common.AGE_YEARS[0]:
        return unknown(name, f"Cockcroft-Gault is for adults (age {years})", _AGE_PATHS)
    mg_per_dl = lab.unit == "mg/dL"
    score = cockcroft_gault(
        age_years=years,
        weight_kg=patient.weight_kg,
        sex=patient.sex,
        serum_creatinine_mg_per_dl=lab.value if mg_per_dl else None,
        serum_creatinine_umol_per_l=None if mg_per_dl else lab.value,
    )
    value = score.value
    met = _floor(value * 100.0 + 0.5 + _NOISE) >= _CRCL_MIN_UNITS
    reason = (
        f"CrCl {value:.1f} mL/min {'>=' if met else '<'} {_CRCL_MIN_TEXT} "
        f"(Cockcroft-Gault: age {years}, {fmt(patient.weight_kg)} kg, {patient.sex}, "
        f"creatinine {fmt(lab.value)} {lab.unit})"
    )
    return Outcome(name, met, reason, None, {"creatinine_clearance_ml_per_min": value})


def ref_below_uln(ctx: Context, field: str, label: str) -> Outcome:
    found = _lab_with_uln(ctx, field, label)
    if isinstance(found, Outcome):
        return found
    value, uln, unit = found
    limit = common.COAGULATION_BELOW_X_ULN * uln
    met = _floor(value * 10000.0 + 0.5 + _NOISE) < _floor(limit * 10000.0 + 0.5 + _NOISE)
    reason = (
        f"{label} {fmt(value)} {'<' if met else '>='} 1.5 x ULN "
        f"({fmt(limit)}; ULN {fmt(uln)} {unit})"
    )
    return Outcome(field, met, reason, None, {field: value, _ULN_KEY[field]: uln})


def ref_hcg(ctx: Context) -> Outcome:
    name = "negative_serum_hcg"
    applies, missing = _woman_of_childbearing_potential(ctx)
    if applies is False:
        return not_applicable(name, "not a woman of childbearing potential")
    test = ctx.record.hcg
    path = "$.hcg"
    result = None if test is None else test.result
    when = None if test is None else test.date
    ok: bool | None
    if result == "positive":
        ok, reason = False, "serum HCG positive"
    elif result is None or when is None:
        ok, reason = None, "serum HCG result or date not recorded"
        missing += [f"{path}.result"] if result is None else []
        missing += [f"{path}.date"] if when is None else []
    else:
        days = (ctx.on - when).days
        ok = 0 <= days <= common.HCG_WINDOW_DAYS
        if days < 0:
            reason = f"serum HCG dated {-days} days after the evaluation date, not before it"
        else:
            reason = (
                f"serum HCG negative {days} days before enrolment "
                f"({'within' if ok else 'outside'} {common.HCG_WINDOW_DAYS} days)"
            )
    if applies is None and ok is not True:
        return unknown(name, f"childbearing potential not recorded; {reason}", missing)
    if ok is None:
        return unknown(name, reason, missing)
    return decided(name, ok, reason, hcg_result=result)


def ref_glucocorticoid(
    treatments: Sequence[Treatment], weight_kg: float | None, reading: ProtocolReading
) -> Outcome:
    name = "glucocorticoid_high_dose"
    threshold = reading.glucocorticoid_mg_per_kg_per_day
    inclusive = reading.glucocorticoid_threshold_inclusive
    sign = ">=" if inclusive else ">"
    results: list[bool | None] = []
    missing: list[str] = []
    shown: list[str] = []
    for index, course in enumerate(treatments):
        path = f"$.treatments[{index}]"
        if course.drug is None:
            results.append(None)
            missing.append(f"{path}.drug")
            shown.append("a course whose drug is not recorded")
            continue
        if course.drug not in GLUCOCORTICOIDS:
            continue
        weight = course.weight_kg if course.weight_kg is not None else weight_kg
        if course.dose_mg_per_day is None or weight is None:
            results.append(None)
            if course.dose_mg_per_day is None:
                missing.append(f"{path}.dose_mg_per_day")
            if weight is None:
                missing.append("$.patient.weight_kg")
            shown.append(f"{course.drug} dose or weight not recorded")
            continue
        equivalent = _prednisone_equivalent(course.drug, course.dose_mg_per_day, index)
        per_kg = equivalent / weight
        dose_units, limit_units = units_of(per_kg, 3), units_of(threshold, 3)
        reached = dose_units >= limit_units if inclusive else dose_units > limit_units
        results.append(reached)
        shown.append(
            f"{course.drug} {fmt(course.dose_mg_per_day)} mg/day = {per_kg:.2f} mg/kg/day "
            f"prednisone equivalent ({'' if reached else 'not '}{sign} {fmt(threshold)})"
        )
    met = any_of(results)
    if not results:
        return decided(name, False, "no glucocorticoid in the treatment history")
    reason = "; ".join(shown)
    if met is None:
        return unknown(name, reason, missing)
    return decided(name, met, reason)


def ref_duration_ok(course: Treatment, on: date, months: int) -> tuple[bool | None, str]:
    end = on if course.ongoing else course.end_date
    if course.start_date is None or end is None:
        return None, "dates not recorded"
    limit = add_months(course.start_date, months)
    more = end > limit
    return more, (
        f"{course.start_date.isoformat()} to {end.isoformat()} "
        f"({'more' if more else 'not more'} than {months} months)"
    )


def ref_immunomodulator(
    treatments: Sequence[Treatment], on: date, reading: ProtocolReading
) -> Outcome:
    name = "immunomodulator_over_6_months"
    months = reading.immunomodulator_months
    results: list[bool | None] = []
    missing: list[str] = []
    shown: list[str] = []
    for index, course in enumerate(treatments):
        if course.drug is None:
            ok, text = ref_duration_ok(course, on, months)
            if ok is not False:
                results.append(None)
                missing.append(f"$.treatments[{index}].drug")
                shown.append(f"a course whose drug is not recorded, {text}")
            continue
        if course.drug not in reading.immunomodulators:
            continue
        ok, text = ref_duration_ok(course, on, months)
        results.append(ok)
        shown.append(f"{course.drug} {text}")
        if ok is None:
            path = f"$.treatments[{index}]"
            if course.start_date is None:
                missing.append(f"{path}.start_date")
            if course.end_date is None and not course.ongoing:
                missing.append(f"{path}.end_date")
    if not results:
        return decided(name, False, "no listed immunomodulator in the treatment history")
    met = any_of(results)
    reason = "; ".join(shown)
    return unknown(name, reason, missing) if met is None else decided(name, met, reason)


def ref_conventional_treatment(ctx: Context) -> Outcome:
    name = "conventional_treatment"
    treatments = ctx.record.treatments
    if treatments is None:
        return unknown(name, "treatment history not recorded", ("$.treatments",))
    weight = None if ctx.record.patient is None else ctx.record.patient.weight_kg
    items = [ref_glucocorticoid(treatments, weight, ctx.reading)]
    if ctx.reading.require_cyclophosphamide:
        items.append(_cyclophosphamide(treatments))
    items.append(ref_immunomodulator(treatments, ctx.on, ctx.reading))
    return ref_combine(name, items, all_of)


def ref_refractory(ctx: Context) -> Outcome:
    inv = ctx.investigator
    either = _EITHER[inv.conventional_treatment_ineffective, inv.relapse_after_remission]
    return ref_combine("refractory", (ref_conventional_treatment(ctx), either), all_of)


def _neutrophils(ctx: Context) -> Outcome:
    count = ref_lab_threshold(ctx, "neutrophils", "neutrophils", common.NEUTROPHILS_MIN, "x10^9/L")
    lab = ctx.lab("neutrophils")
    csf = common._csf(ctx, None if lab is None else lab.date)  # noqa: SLF001 - unchanged
    return ref_combine("neutrophils", (count, csf), all_of)


_PAIRS: dict[str, tuple[Callable[[Context], Outcome], Callable[[Context], Outcome]]] = {
    "age": (common.age, ref_age),
    "wbc": (
        common.wbc,
        lambda ctx: ref_lab_threshold(ctx, "wbc", "WBC", common.WBC_MIN, "x10^9/L"),
    ),
    "neutrophils": (common.neutrophils, _neutrophils),
    "hemoglobin": (
        common.hemoglobin,
        lambda ctx: ref_lab_threshold(
            ctx,
            "hemoglobin",
            "haemoglobin",
            common.HEMOGLOBIN_MIN_G_PER_L,
            "g/L",
            convert=_hemoglobin_g_per_l,
        ),
    ),
    "alt": (
        common.alt,
        lambda ctx: ref_ratio_rule(ctx, "alt", "ALT", common.TRANSAMINASE_MAX_X_ULN),
    ),
    "ast": (
        common.ast,
        lambda ctx: ref_ratio_rule(ctx, "ast", "AST", common.TRANSAMINASE_MAX_X_ULN),
    ),
    "bilirubin": (common.bilirubin, ref_bilirubin),
    "creatinine_clearance": (common.creatinine_clearance, ref_creatinine_clearance),
    "inr": (common.inr, lambda ctx: ref_below_uln(ctx, "inr", "INR")),
    "pt": (common.pt, lambda ctx: ref_below_uln(ctx, "pt", "PT")),
    "hcg": (common.hcg, ref_hcg),
    "refractory": (treatment.refractory, ref_refractory),
    "conventional_treatment": (treatment.conventional_treatment, ref_conventional_treatment),
}


# --- generated records ---------------------------------------------------------------------

_ON = date(2026, 11, 20)
_BASE: dict[str, Any] = {
    "patient": {
        "sex": "female",
        "date_of_birth": "1978-04-12",
        "weight_kg": 62,
        "gilbert_syndrome": False,
        "childbearing_potential": True,
    },
    "labs": {
        "wbc": {"value": 5.2, "unit": "10^9/L", "date": "2026-11-16"},
        "neutrophils": {"value": 3.1, "unit": "10^9/L", "date": "2026-11-16"},
        "hemoglobin": {"value": 11.8, "unit": "g/dL"},
        "alt": {"value": 28, "unit": "U/L", "uln": 40},
        "ast": {"value": 25.5, "unit": "U/L", "uln": 40},
        "total_bilirubin": {"value": 12, "unit": "umol/L", "uln": 21},
        "creatinine": {"value": 68, "unit": "umol/L"},
        "inr": {"value": 1.0, "unit": "ratio", "uln": 1.2},
        "pt": {"value": 12.1, "unit": "s", "uln": 13.5},
    },
    "hcg": {"result": "negative", "date": "2026-11-16"},
    "colony_stimulating_factor": {"received": False},
    "serology": {"hbsag": "negative", "hbcab": "positive", "hbv_dna": "negative"},
    "investigator": {"conventional_treatment_ineffective": True},
    "treatments": [
        {
            "drug": "methylprednisolone",
            "start_date": "2024-01-10",
            "end_date": "2024-03-10",
            "dose_mg_per_day": 60,
        },
        {"drug": "cyclophosphamide", "start_date": "2024-02-01", "end_date": "2024-08-01"},
        {"drug": "mycophenolate_mofetil", "start_date": "2024-03-01", "ongoing": True},
    ],
}

_LAB_VALUES: dict[str, tuple[float, ...]] = {
    "wbc": (0.1, 2.9994, 2.9995, 3, 3.0, 3.0004, 5.2),
    "neutrophils": (0.5, 0.9995, 1, 1.0004, 3.1),
    "hemoglobin": (1, 5.99, 6, 6.0, 6.01, 11.8, 25),
    "alt": (0, 119.9999, 120, 120.00005, 120.0001, 500, 20000),
    "ast": (0, 25.5, 120, 120.1),
    "total_bilirubin": (0, 31.5, 31.50004, 31.5001, 63, 63.0001, 200),
    "creatinine": (8.84, 60, 99.5, 100, 150, 2210),
    "inr": (0.5, 1.0, 1.7999, 1.79995, 1.8, 2.5),
    "pt": (5, 12.1, 20.2499, 20.25, 30),
}
_ULNS: dict[str, tuple[float, ...]] = {
    "alt": (40, 40.5, 1),
    "ast": (40, 33.3),
    "total_bilirubin": (21, 20.9, 1),
    "inr": (1.2, 1.1, 1),
    "pt": (13.5, 12.9),
}


def _set(data: dict[str, Any], path: Sequence[object], value: object) -> dict[str, Any]:
    out = copy.deepcopy(data)
    node: Any = out
    for key in path[:-1]:
        node = node[key]
    if value is _DROP:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value
    return out


_DROP = object()


def _variants() -> Iterator[dict[str, Any]]:  # noqa: C901 - a list of cases
    base = _BASE
    yield base
    for section in ("patient", "labs", "hcg", "serology", "investigator", "treatments"):
        yield _set(base, (section,), _DROP)
    for name, values in _LAB_VALUES.items():
        yield _set(base, ("labs", name), _DROP)
        yield _set(base, ("labs", name, "value"), _DROP)
        for value in values:
            yield _set(base, ("labs", name, "value"), value)
    for name, ulns in _ULNS.items():
        yield _set(base, ("labs", name, "uln"), _DROP)
        for uln in ulns:
            yield _set(base, ("labs", name, "uln"), uln)
    yield _set(base, ("labs", "hemoglobin"), {"value": 59.9, "unit": "g/L"})
    yield _set(base, ("labs", "hemoglobin"), {"value": 60, "unit": "g/L"})
    yield _set(base, ("labs", "creatinine"), {"value": 1.1, "unit": "mg/dL"})
    for liver, gilbert in itertools.product((True, False, None), (True, False, None)):
        record = _set(base, ("labs", "total_bilirubin", "value"), 50)
        record = _set(record, ("labs", "alt", "value"), 500)
        record = _set(record, ("investigator", "liver_abnormality_due_to_disease"), liver)
        yield _set(record, ("patient", "gilbert_syndrome"), gilbert)
    for born in ("1960-11-21", "1960-11-20", "2008-11-20", "2008-11-21", "2010-01-01"):
        yield _set(base, ("patient", "date_of_birth"), born)
    yield _set(_set(base, ("patient", "date_of_birth"), _DROP), ("patient", "age_years"), 40)
    patient_values: tuple[tuple[str, tuple[object, ...]], ...] = (
        ("sex", ("male", _DROP)),
        ("weight_kg", (20, 350, 61.5, _DROP)),
        ("childbearing_potential", (False, _DROP)),
    )
    for field, choices in patient_values:
        for choice in choices:
            yield _set(base, ("patient", field), choice)
    for sample, result, potential in itertools.product(
        ("2026-11-20", "2026-11-13", "2026-11-12", "2026-11-21", _DROP),
        ("negative", "positive", _DROP),
        (True, _DROP),
    ):
        record = _set(base, ("hcg", "date"), sample)
        record = _set(record, ("hcg", "result"), result)
        yield _set(record, ("patient", "childbearing_potential"), potential)
    yield from _treatment_variants(base)
    for ineffective, relapse in itertools.product((True, False, _DROP), repeat=2):
        record = _set(base, ("investigator", "conventional_treatment_ineffective"), ineffective)
        yield _set(record, ("investigator", "relapse_after_remission"), relapse)


def _treatment_variants(base: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield _set(base, ("treatments",), [])
    for index in range(3):
        for key in ("drug", "start_date", "end_date", "dose_mg_per_day", "ongoing"):
            yield _set(base, ("treatments", index, key), _DROP)
        for dose in (0, 1, 61.999, 62, 62.0004, 62.001, 30, 4999):
            yield _set(base, ("treatments", index, "dose_mg_per_day"), dose)
        for drug in ("prednisone", "dexamethasone", "methotrexate", "adalimumab"):
            yield _set(base, ("treatments", index, "drug"), drug)
        for start, end in (
            ("2024-01-31", "2024-07-31"),
            ("2024-01-31", "2024-08-01"),
            ("2023-08-31", "2024-02-29"),
            ("2023-08-31", "2024-03-01"),
            ("2026-06-20", None),
            ("2026-05-19", None),
        ):
            record = _set(base, ("treatments", index, "start_date"), start)
            if end is None:
                record = _set(record, ("treatments", index, "end_date"), _DROP)
                yield _set(record, ("treatments", index, "ongoing"), True)
            else:
                record = _set(record, ("treatments", index, "ongoing"), _DROP)
                yield _set(record, ("treatments", index, "end_date"), end)
        yield _set(base, ("treatments", index, "weight_kg"), 40)
    record = _set(base, ("treatments", 0, "drug"), _DROP)
    yield _set(record, ("treatments", 0, "start_date"), _DROP)
    yield _set(base, ("treatments", 1, "drug"), _DROP)


_READINGS = (
    ProtocolReading(),
    ProtocolReading(glucocorticoid_threshold_inclusive=False),
    ProtocolReading(
        glucocorticoid_mg_per_kg_per_day=0.5,
        require_cyclophosphamide=False,
        immunomodulator_months=3,
        immunomodulators=("methotrexate", "tetracycline"),
    ),
)


def _records() -> list[PatientRecord]:
    return [parse_record(data) for data in _variants()]


def _same(new: Outcome, old: Outcome) -> None:
    """Equal field for field, including the types of ``values`` and the items, recursively."""
    assert new.met is old.met
    assert new.missing == old.missing
    assert type(new.values) is type(old.values)
    assert list(new.values.items()) == list(old.values.items())
    assert new == old
    assert repr(new) == repr(old)
    assert new.to_dict() == old.to_dict()
    assert list(vars(new)) == list(vars(old))
    assert len(new.items) == len(old.items)
    for mine, theirs in zip(new.items, old.items, strict=True):
        _same(mine, theirs)


@pytest.mark.parametrize("rule", sorted(_PAIRS))
def test_rule_equals_the_code_before(rule: str) -> None:
    new_rule, old_rule = _PAIRS[rule]
    records = _records()
    assert len(records) > 150
    for record, reading in itertools.product(records, _READINGS):
        for on in (_ON, _ON + timedelta(days=1)):
            new, old = _run(new_rule, record, on, reading), _run(old_rule, record, on, reading)
            if isinstance(old, Outcome):
                assert isinstance(new, Outcome)
                _same(new, old)
            else:
                assert new == old  # the same error, word for word


def _run(
    rule: Callable[[Context], Outcome], record: PatientRecord, on: date, reading: ProtocolReading
) -> Outcome | tuple[type[Exception], str]:
    try:
        return rule(Context(record, on, reading))
    except Exception as error:  # noqa: BLE001 - compared with the other rule's
        return type(error), str(error)


def test_met_read_first_then_reason() -> None:
    """Reading ``met`` before the reason (what screening does) changes nothing after."""
    for record in _records():
        for new_rule, old_rule in _PAIRS.values():
            new = _run(new_rule, record, _ON, _READINGS[0])
            old = _run(old_rule, record, _ON, _READINGS[0])
            if not isinstance(old, Outcome) or not isinstance(new, Outcome):
                assert new == old
                continue
            assert [o.met for o in new.walk()] == [o.met for o in old.walk()]
            assert [o.reason for o in new.walk()] == [o.reason for o in old.walk()]


def test_combine_reasons_are_built_when_read() -> None:
    items = (
        Outcome("a", True, "first"),
        Outcome("b", None, "second", missing=("$.b",)),
        lazy_outcome("c", None, (_reason, 3), missing=("$.c", "$.b")),
    )
    for decide in (all_of, any_of):
        for chosen in (items[:1], items, items[1:]):
            new = combine("x", chosen, decide)
            old = ref_combine("x", chosen, decide)
            _same(new, old)
