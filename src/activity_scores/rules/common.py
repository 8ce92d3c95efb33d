"""The common inclusion and exclusion criteria of CHEC2024-181 (every indication).

Each rule reads the record and returns an :class:`~activity_scores.results.Outcome` whose
``met`` is the protocol's statement: for an inclusion criterion, "the patient satisfies it";
for an exclusion criterion, "the excluding condition is present". The report turns that into
pass/fail. Thresholds are the protocol's (registry record CHEC2024-181, 2024-06-18).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from functools import cache
from operator import attrgetter
from typing import Any

import attrs

from activity_scores import units
from activity_scores._logic import all_of, any_of, negate
from activity_scores._rounding import _NOISE, _floor, units_of
from activity_scores.errors import InvalidInputError
from activity_scores.results import EMPTY, Outcome, lazy_outcome
from activity_scores.rules._base import (
    TRI,
    MalignancyReading,
    ProtocolReading,
    add_months,
    add_years,
    combine,
    completed_years,
    decided,
    flag_outcome,
    flag_outcomes,
    fmt,
    not_applicable,
    shared,
    unknown,
    with_missing,
)
from activity_scores.rules._spec import Lab, RecordError
from activity_scores.rules.record import (
    Conditions,
    Investigator,
    Patient,
    PatientRecord,
    Serology,
)
from activity_scores.scores.renal import cockcroft_gault

_NO_PATIENT = Patient()
_NO_CONDITIONS = Conditions()
_NO_INVESTIGATOR = Investigator()
_NO_SEROLOGY = Serology()

#: Common-criteria thresholds (protocol wording in the rule table below).
AGE_YEARS = (18, 65)
WBC_MIN = 3.0  # x 10^9/L
NEUTROPHILS_MIN = 1.0  # x 10^9/L
CSF_WINDOW_DAYS = 14  # "no colony-stimulating factor treatment within 2 weeks before examination"
HEMOGLOBIN_MIN_G_PER_L = 60.0
TRANSAMINASE_MAX_X_ULN = 3.0
BILIRUBIN_MAX_X_ULN = 1.5
BILIRUBIN_GILBERT_MAX_X_ULN = 3.0
CRCL_MIN_ML_PER_MIN = 60.0
COAGULATION_BELOW_X_ULN = 1.5
HCG_WINDOW_DAYS = 7
TRIAL_WINDOW_MONTHS = 3
DISEASE_FREE_YEARS = 5


@attrs.frozen
class Context:
    """What every rule reads: the record, the evaluation date and the protocol reading."""

    record: PatientRecord
    on: date
    reading: ProtocolReading
    cache: dict[str, Outcome] = attrs.field(factory=dict, eq=False)

    @property
    def patient(self) -> Patient:
        """The patient section (empty if absent)."""
        return self.record.patient or _NO_PATIENT

    @property
    def conditions(self) -> Conditions:
        """The conditions section (empty if absent)."""
        return self.record.conditions or _NO_CONDITIONS

    @property
    def investigator(self) -> Investigator:
        """The investigator's judgements (empty if absent)."""
        return self.record.investigator or _NO_INVESTIGATOR

    def lab(self, name: str) -> Lab | None:
        """A lab result by field name of :class:`Labs`."""
        labs = self.record.labs
        return None if labs is None else getattr(labs, name)

    def age(self) -> int | None:
        """Age in completed years at the evaluation date (``None`` if unknown).

        Computed once per context (inclusion 1 and 2.3 both read it: issue 8); an
        inconsistent record raises each time, as it is never remembered.
        """
        cache = self.cache
        if _AGE_KEY in cache:
            return cache[_AGE_KEY]  # type: ignore[return-value]
        years = self._age()
        cache[_AGE_KEY] = years  # type: ignore[assignment]
        return years

    def _age(self) -> int | None:
        patient = self.patient
        if patient.date_of_birth is not None:
            years = completed_years(patient.date_of_birth, self.on)
            if patient.age_years is not None and patient.age_years != years:
                raise RecordError(
                    "$.patient.age_years",
                    f"must agree with date_of_birth ({years} at {self.on.isoformat()})",
                    patient.age_years,
                )
            if years < 0:
                raise RecordError(
                    "$.patient.date_of_birth",
                    "must be before the evaluation date",
                    patient.date_of_birth,
                )
            return years
        return patient.age_years


_AGE_PATHS = ("$.patient.date_of_birth", "$.patient.age_years")
#: The key of the age in :attr:`Context.cache` (the rules' keys name criteria).
_AGE_KEY = "common.age_years"


def age(ctx: Context) -> Outcome:
    """Inclusion 1: age >= 18 and <= 65 years (completed years at the evaluation date)."""
    years = ctx.age()
    name = "age"
    lo, hi = AGE_YEARS
    if years is None:
        return unknown(name, "age not recorded (date of birth or age)", _AGE_PATHS)
    met = lo <= years <= hi
    return lazy_outcome(name, met, (_age_reason, years, met), None, {"age_years": years})


def _age_reason(state: tuple[Any, ...]) -> str:
    """The reason of a decided inclusion 1, built when first read (issue 8)."""
    _, years, met = state
    lo, hi = AGE_YEARS
    return f"age {years} years, {'within' if met else 'outside'} {lo}-{hi}"


def _lab_threshold(
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
    # at_least(value, threshold, 3), its arithmetic inline (issue 8)
    met = _floor(value * 1000.0 + 0.5 + _NOISE) >= _floor(threshold * 1000.0 + 0.5 + _NOISE)
    state = (_lab_threshold_reason, label, lab, value, met, threshold, unit_text, convert)
    return lazy_outcome(field, met, state, None, {field: value})  # as decided(), positionally


def _lab_threshold_reason(state: tuple[Any, ...]) -> str:
    """The reason of a decided :func:`_lab_threshold`, built when first read (issue 8)."""
    _, label, lab, value, met, threshold, unit_text, convert = state
    shown = f"{fmt(lab.value)} {lab.unit}"
    if convert is not None and lab.unit != unit_text:
        shown += f" = {fmt(value)} {unit_text}"
    limit = _THRESHOLD_TEXT.get(threshold) or fmt(threshold)
    return f"{label} {shown} {'>=' if met else '<'} {limit} {unit_text}"


#: The thresholds' texts, formatted once (each rule's threshold is a constant).
_THRESHOLD_TEXT = {t: fmt(t) for t in (WBC_MIN, NEUTROPHILS_MIN, HEMOGLOBIN_MIN_G_PER_L)}


def wbc(ctx: Context) -> Outcome:
    """Inclusion 2.1a: white blood cell count >= 3 x 10^9/L."""
    return _lab_threshold(ctx, "wbc", "WBC", WBC_MIN, "x10^9/L")


#: The two outcomes of the CSF item that depend on nothing but the field (shared: issue 8).
_CSF_NOT_RECORDED = shared(
    unknown(
        "no_csf_within_2_weeks",
        "colony-stimulating factor use not recorded",
        ("$.colony_stimulating_factor.received",),
    )
)
_NO_CSF = shared(
    decided(
        "no_csf_within_2_weeks",
        True,  # noqa: FBT003
        "no colony-stimulating factor before the count",
    )
)


def _csf(ctx: Context, count_date: date | None) -> Outcome:
    name = "no_csf_within_2_weeks"
    csf = ctx.record.colony_stimulating_factor
    path = "$.colony_stimulating_factor"
    if csf is None or csf.received is None:
        return _CSF_NOT_RECORDED
    if not csf.received:
        return _NO_CSF
    missing = []
    if csf.last_dose_date is None:
        missing.append(f"{path}.last_dose_date")
    if count_date is None:
        missing.append("$.labs.neutrophils.date")
    if missing or csf.last_dose_date is None or count_date is None:
        return unknown(
            name, "colony-stimulating factor given: dates needed for the window", missing
        )
    days = (count_date - csf.last_dose_date).days
    within = 0 <= days <= CSF_WINDOW_DAYS
    if within:
        reason = (
            f"colony-stimulating factor {days} days before the count (within {CSF_WINDOW_DAYS})"
        )
    elif days < 0:
        reason = f"colony-stimulating factor {-days} days after the count (not before it)"
    else:
        reason = (
            f"last colony-stimulating factor {days} days before the count (> {CSF_WINDOW_DAYS})"
        )
    return decided(name, not within, reason, days_before_count=days)


def neutrophils(ctx: Context) -> Outcome:
    """Inclusion 2.1b: neutrophils >= 1 x 10^9/L without colony-stimulating factor in the 2 weeks before."""
    count = _lab_threshold(ctx, "neutrophils", "neutrophils", NEUTROPHILS_MIN, "x10^9/L")
    lab = ctx.lab("neutrophils")
    csf = _csf(ctx, None if lab is None else lab.date)
    return combine("neutrophils", (count, csf), all_of)


def _hemoglobin_g_per_l(value: float, unit: str) -> float:
    if unit == "g/dL":
        return units.hemoglobin_g_per_dl_to_g_per_l(value)
    return value


def hemoglobin(ctx: Context) -> Outcome:
    """Inclusion 2.1c: haemoglobin >= 60 g/L (g/dL converted with ``units``)."""
    return _lab_threshold(
        ctx, "hemoglobin", "haemoglobin", HEMOGLOBIN_MIN_G_PER_L, "g/L", convert=_hemoglobin_g_per_l
    )


def _disease_exception(ctx: Context, failed: Outcome) -> Outcome:
    """'No requirements for conditions caused by the disease itself' (investigator's judgement)."""
    judged = ctx.investigator.liver_abnormality_due_to_disease
    path = "$.investigator.liver_abnormality_due_to_disease"
    if judged is None:
        return Outcome(
            failed.name,
            None,
            f"{failed.reason}; caused by the disease itself? not recorded",
            values=failed.values,
            missing=(path,),
        )
    if judged:
        return Outcome(
            failed.name,
            True,  # noqa: FBT003
            f"{failed.reason}, but caused by the disease itself (investigator): no requirement",
            values={**failed.values, path: True},
        )
    return Outcome(
        failed.name,
        False,  # noqa: FBT003
        f"{failed.reason}, not caused by the disease itself (investigator)",
        values={**failed.values, path: False},
    )


def _lab_with_uln(
    ctx: Context, field: str, label: str
) -> tuple[float, float, str | None] | Outcome:
    """The lab's (value, ULN, unit), or the unknown outcome naming what is missing."""
    labs = ctx.record.labs
    lab = None if labs is None else getattr(labs, field)
    if lab is not None and lab.value is not None and lab.uln is not None:
        return lab.value, lab.uln, lab.unit  # the common case first (issue 8)
    path = f"$.labs.{field}"
    missing = []
    if lab is None or lab.value is None:
        missing.append(f"{path}.value")
    if lab is None or lab.uln is None:
        missing.append(f"{path}.uln")
    if missing or lab is None or lab.value is None or lab.uln is None:
        return unknown(field, f"{label} or its ULN not recorded", missing)
    return lab.value, lab.uln, lab.unit


def _ratio_check(ctx: Context, field: str, label: str, limit_x_uln: float) -> Outcome:
    """``value <= limit x ULN`` without the disease exception."""
    labs = ctx.record.labs
    lab = None if labs is None else getattr(labs, field)
    if lab is None or lab.value is None or lab.uln is None:
        found = _lab_with_uln(ctx, field, label)  # the unknown outcome naming what is missing
        if isinstance(found, Outcome):
            return found
        value, uln, unit = found  # pragma: no cover - not reached: a value or ULN is missing
    else:
        value, uln, unit = lab.value, lab.uln, lab.unit  # the common case first (issue 8)
    limit = limit_x_uln * uln
    # at_most(value, limit, 4), its arithmetic inline (issue 8)
    met = _floor(value * 10000.0 + 0.5 + _NOISE) <= _floor(limit * 10000.0 + 0.5 + _NOISE)
    state = (_ratio_reason, label, value, unit, met, limit_x_uln, limit, uln)
    return lazy_outcome(field, met, state, None, {field: value, _ULN_KEY[field]: uln})


def _ratio_reason(state: tuple[Any, ...]) -> str:
    """The reason of a decided :func:`_ratio_check`, built when first read (issue 8)."""
    _, label, value, unit, met, limit_x_uln, limit, uln = state
    return (
        f"{label} {fmt(value)} {unit} {'<=' if met else '>'} {_TIMES_TEXT[limit_x_uln]} x ULN "
        f"({fmt(limit)} {unit}; ULN {fmt(uln)})"
    )


#: The multiples of the ULN as their reasons show them, and the ULN's key in ``values``.
_TIMES_TEXT = {
    x: fmt(x) for x in (TRANSAMINASE_MAX_X_ULN, BILIRUBIN_MAX_X_ULN, BILIRUBIN_GILBERT_MAX_X_ULN)
}
_ULN_KEY = {field: f"{field}_uln" for field in ("alt", "ast", "total_bilirubin", "inr", "pt")}


def _ratio_rule(ctx: Context, field: str, label: str, limit_x_uln: float) -> Outcome:
    outcome = _ratio_check(ctx, field, label, limit_x_uln)
    return _disease_exception(ctx, outcome) if outcome.met is False else outcome


def alt(ctx: Context) -> Outcome:
    """Inclusion 2.2a: ALT <= 3 x ULN (no requirement if caused by the disease itself)."""
    outcome = _ratio_check(ctx, "alt", "ALT", TRANSAMINASE_MAX_X_ULN)  # as _ratio_rule
    return _disease_exception(ctx, outcome) if outcome.met is False else outcome


def ast(ctx: Context) -> Outcome:
    """Inclusion 2.2b: AST <= 3 x ULN (no requirement if caused by the disease itself)."""
    outcome = _ratio_check(ctx, "ast", "AST", TRANSAMINASE_MAX_X_ULN)  # as _ratio_rule
    return _disease_exception(ctx, outcome) if outcome.met is False else outcome


def bilirubin(ctx: Context) -> Outcome:
    """Inclusion 2.2c: total bilirubin <= 1.5 x ULN (<= 3.0 x ULN with Gilbert syndrome)."""
    field, label = "total_bilirubin", "total bilirubin"
    gilbert = ctx.patient.gilbert_syndrome
    if gilbert is True:
        return _ratio_rule(ctx, field, f"{label} (Gilbert syndrome)", BILIRUBIN_GILBERT_MAX_X_ULN)
    strict = _ratio_check(ctx, field, label, BILIRUBIN_MAX_X_ULN)
    if gilbert is False or strict.met is not False:
        return _disease_exception(ctx, strict) if strict.met is False else strict
    # Above 1.5 x ULN, Gilbert syndrome not recorded: the 3.0 x ULN limit may apply.
    lenient = _ratio_check(ctx, field, label, BILIRUBIN_GILBERT_MAX_X_ULN)
    if lenient.met is False:
        return _disease_exception(ctx, lenient)
    undecided = Outcome(
        field,
        None,
        f"{strict.reason}; <= 3.0 x ULN if Gilbert syndrome (not recorded)",
        values=strict.values,
        missing=("$.patient.gilbert_syndrome",),
    )
    if ctx.investigator.liver_abnormality_due_to_disease is True:
        return _disease_exception(ctx, strict)
    return undecided


def creatinine_clearance(ctx: Context) -> Outcome:
    """Inclusion 2.3: creatinine clearance >= 60 mL/min by Cockcroft-Gault (actual weight)."""
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
    if years < AGE_YEARS[0]:
        return unknown(name, f"Cockcroft-Gault is for adults (age {years})", _AGE_PATHS)
    mg_per_dl = lab.unit == "mg/dL"
    try:
        score = cockcroft_gault(
            age_years=years,
            weight_kg=patient.weight_kg,
            sex=patient.sex,
            serum_creatinine_mg_per_dl=lab.value if mg_per_dl else None,
            serum_creatinine_umol_per_l=None if mg_per_dl else lab.value,
        )
    except InvalidInputError as error:  # pragma: no cover - record ranges match the formula's
        raise RecordError("$.labs.creatinine.value", error.rule, error.value) from None
    value = score.value
    # at_least(value, CRCL_MIN_ML_PER_MIN, 2), its arithmetic inline (issue 8)
    met = _floor(value * 100.0 + 0.5 + _NOISE) >= _CRCL_MIN_UNITS
    state = (_crcl_reason, value, met, years, patient, lab)
    return lazy_outcome(name, met, state, None, {"creatinine_clearance_ml_per_min": value})


def _crcl_reason(state: tuple[Any, ...]) -> str:
    """The reason of a decided inclusion 2.3, built when first read (issue 8)."""
    _, value, met, years, patient, lab = state
    return (
        f"CrCl {value:.1f} mL/min {'>=' if met else '<'} {_CRCL_MIN_TEXT} "
        f"(Cockcroft-Gault: age {years}, {fmt(patient.weight_kg)} kg, {patient.sex}, "
        f"creatinine {fmt(lab.value)} {lab.unit})"
    )


_CRCL_MIN_UNITS, _CRCL_MIN_TEXT = units_of(CRCL_MIN_ML_PER_MIN, 2), fmt(CRCL_MIN_ML_PER_MIN)


def _below_uln(ctx: Context, field: str, label: str) -> Outcome:
    labs = ctx.record.labs
    lab = None if labs is None else getattr(labs, field)
    if lab is None or lab.value is None or lab.uln is None:
        found = _lab_with_uln(ctx, field, label)  # the unknown outcome naming what is missing
        if isinstance(found, Outcome):
            return found
        value, uln, unit = found  # pragma: no cover - not reached: a value or ULN is missing
    else:
        value, uln, unit = lab.value, lab.uln, lab.unit  # the common case first (issue 8)
    limit = COAGULATION_BELOW_X_ULN * uln
    # below(value, limit, 4), its arithmetic inline (issue 8)
    met = _floor(value * 10000.0 + 0.5 + _NOISE) < _floor(limit * 10000.0 + 0.5 + _NOISE)
    state = (_below_uln_reason, label, value, met, limit, uln, unit)
    return lazy_outcome(field, met, state, None, {field: value, _ULN_KEY[field]: uln})


def _below_uln_reason(state: tuple[Any, ...]) -> str:
    """The reason of a decided :func:`_below_uln`, built when first read (issue 8)."""
    _, label, value, met, limit, uln, unit = state
    return (
        f"{label} {fmt(value)} {'<' if met else '>='} 1.5 x ULN "
        f"({fmt(limit)}; ULN {fmt(uln)} {unit})"
    )


def inr(ctx: Context) -> Outcome:
    """Inclusion 2.4a: INR < 1.5 x ULN."""
    return _below_uln(ctx, "inr", "INR")


def pt(ctx: Context) -> Outcome:
    """Inclusion 2.4b: prothrombin time < 1.5 x ULN."""
    return _below_uln(ctx, "pt", "PT")


_HEMODYNAMIC = (
    "hemodynamic_stability",
    "$.investigator.hemodynamically_stable",
    "haemodynamically stable (investigator)",
    "not haemodynamically stable (investigator)",
)
_HEMODYNAMIC_OUTCOMES = flag_outcomes(*_HEMODYNAMIC)


def hemodynamic_stability(ctx: Context) -> Outcome:
    """Inclusion 2.5: good haemodynamic stability (investigator)."""
    inv = ctx.record.investigator
    value = None if inv is None else inv.hemodynamically_stable
    outcome = _HEMODYNAMIC_OUTCOMES.get(value)
    if outcome is None:  # pragma: no cover - a read record holds true, false or null
        name, path, yes, no = _HEMODYNAMIC
        return flag_outcome(name, value, path, yes, no)
    return outcome


def _sex_is(ctx: Context, sex: str) -> bool | None:
    value = ctx.patient.sex
    return None if value is None else value == sex


def _wocbp(sex: str | None, potential: bool | None) -> tuple[bool | None, list[str]]:  # noqa: FBT001
    """Whether the patient is a woman of childbearing potential, and the fields that would say."""
    female = None if sex is None else sex == "female"
    applies = all_of((female, potential))
    missing = []
    if female is None:
        missing.append("$.patient.sex")
    if potential is None and female is not False:
        missing.append("$.patient.childbearing_potential")
    return applies, missing


def _woman_of_childbearing_potential(ctx: Context) -> tuple[bool | None, list[str]]:
    patient = ctx.patient
    return _wocbp(patient.sex, patient.childbearing_potential)


#: The values of ``patient.sex`` (null: unknown).
_SEXES = ("female", "male", None)


def _contraception(
    sex: str | None,
    potential: bool | None,  # noqa: FBT001
    partner: bool | None,  # noqa: FBT001
    agreed: bool | None,  # noqa: FBT001
) -> Outcome:
    """Inclusion 3a from its four fields (the general code)."""
    name = "contraception"
    woman, missing = _wocbp(sex, potential)
    male = None if sex is None else sex == "male"
    man = all_of((male, partner))
    if partner is None and male is not False:
        missing.append("$.patient.partner_childbearing_potential")
    applies = any_of((woman, man))
    if applies is False:
        return not_applicable(name, "neither the patient nor the partner can conceive")
    if agreed is True:
        return decided(
            name,
            True,  # noqa: FBT003 - met
            "agrees to contraception or abstinence",
            contraception_agreed=True,
        )
    if applies is True and agreed is False:
        return decided(
            name,
            False,  # noqa: FBT003 - not met
            "does not agree to contraception or abstinence",
            contraception_agreed=False,
        )
    if applies is True:
        return unknown(
            name, "contraception agreement not recorded", ("$.patient.contraception_agreed",)
        )
    return unknown(
        name,
        "whether contraception is needed is not recorded",
        [*missing, *(["$.patient.contraception_agreed"] if agreed is None else [])],
    )


#: Inclusion 3a for every combination of its four fields (81), built once at import and
#: shared with read-only values (issue 8): it depends on nothing else.
_CONTRACEPTION = {
    key: shared(_contraception(*key)) for key in itertools.product(_SEXES, TRI, TRI, TRI)
}


def contraception(ctx: Context) -> Outcome:
    """Inclusion 3a: contraception or abstinence where the patient or partner may conceive."""
    patient = ctx.record.patient or _NO_PATIENT
    key = (
        patient.sex,
        patient.childbearing_potential,
        patient.partner_childbearing_potential,
        patient.contraception_agreed,
    )
    outcome = _CONTRACEPTION.get(key)
    return _contraception(*key) if outcome is None else outcome


def hcg(ctx: Context) -> Outcome:
    """Inclusion 3b: a woman of childbearing potential has a negative serum HCG within 7 days."""
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
        ok = 0 <= days <= HCG_WINDOW_DAYS
        if applies is not None or ok:  # decided below: its reason built when first read
            state = (_hcg_reason, days, ok)
            return lazy_outcome(name, ok, state, None, {"hcg_result": result})  # as decided()
        reason = _hcg_reason((_hcg_reason, days, ok))
    if applies is None and ok is not True:
        return unknown(name, f"childbearing potential not recorded; {reason}", missing)
    if ok is None:
        return unknown(name, reason, missing)
    return decided(name, ok, reason, hcg_result=result)


def _hcg_reason(state: tuple[Any, ...]) -> str:
    """The reason of inclusion 3b from the test's age in days (negative: after the date)."""
    _, days, ok = state
    if days < 0:
        return f"serum HCG dated {-days} days after the evaluation date, not before it"
    return (
        f"serum HCG negative {days} days before enrolment "
        f"({'within' if ok else 'outside'} {HCG_WINDOW_DAYS} days)"
    )


def _not_lactating(sex: str | None, potential: bool | None, lactating: bool | None) -> Outcome:  # noqa: FBT001
    """Inclusion 3c from its three fields (the general code)."""
    name = "not_lactating"
    applies, missing = _wocbp(sex, potential)
    if applies is False:
        return not_applicable(name, "not a woman of childbearing potential")
    if lactating is False:
        return decided(name, True, "not lactating", lactating=False)  # noqa: FBT003
    if lactating is None:
        return unknown(name, "lactation not recorded", [*missing, "$.patient.lactating"])
    if applies is None:
        return unknown(name, "lactating; childbearing potential not recorded", missing)
    return decided(name, False, "lactating", lactating=True)  # noqa: FBT003


#: Inclusion 3c for every combination of its three fields (27), built once at import and
#: shared with read-only values (issue 8).
_NOT_LACTATING = {key: shared(_not_lactating(*key)) for key in itertools.product(_SEXES, TRI, TRI)}


def not_lactating(ctx: Context) -> Outcome:
    """Inclusion 3c: a woman of childbearing potential is not lactating."""
    patient = ctx.record.patient or _NO_PATIENT
    key = (patient.sex, patient.childbearing_potential, patient.lactating)
    outcome = _NOT_LACTATING.get(key)
    return _not_lactating(*key) if outcome is None else outcome


def _consent(signed: bool | None, compliance: bool | None) -> Outcome:  # noqa: FBT001
    """Inclusion 4 from its two fields (the general code)."""
    items = (
        flag_outcome(
            "consent_signed",
            signed,
            "$.investigator.consent_signed",
            "informed consent signed",
            "informed consent not signed",
        ),
        flag_outcome(
            "compliance_expected",
            compliance,
            "$.investigator.compliance_expected",
            "good compliance expected",
            "good compliance not expected",
        ),
    )
    return combine("consent_and_compliance", items, all_of)


#: Inclusion 4 for each pair of its two yes/no fields, built once at import (issue 8).
_CONSENT = {
    (signed, compliance): _consent(signed, compliance) for signed in TRI for compliance in TRI
}


def consent(ctx: Context) -> Outcome:
    """Inclusion 4: voluntary informed consent, good compliance and follow-up."""
    inv = ctx.record.investigator
    if inv is None:
        return _CONSENT[None, None]
    key = (inv.consent_signed, inv.compliance_expected)
    outcome = _CONSENT.get(key)
    return _consent(*key) if outcome is None else outcome


# --- exclusions (met = the excluding condition is present) ---------------------------------


def _condition_outcome(field: str, label: str, value: bool | None) -> Outcome:  # noqa: FBT001
    path, yes, no = _condition_texts(field, label)
    return flag_outcome(field, value, path, yes, no)


@cache
def _condition_texts(field: str, label: str) -> tuple[str, str, str]:
    """The JSON path and the two reasons of a condition rule (constants of the rule)."""
    return f"$.conditions.{field}", f"{label}: present", f"no {label}"


_ALLERGY_DRUG = (
    "trial_drug_allergy_or_contraindication",
    "allergy or contraindication to a trial drug",
)
_ALLERGY_HISTORY = ("severe_allergic_reaction_history", "history of severe allergic reactions")


def _allergy(drug: bool | None, history: bool | None) -> Outcome:  # noqa: FBT001
    """Exclusion 1 from its two fields (the general code)."""
    items = (
        _condition_outcome(*_ALLERGY_DRUG, drug),
        _condition_outcome(*_ALLERGY_HISTORY, history),
    )
    return combine("allergy", items, any_of)


#: Exclusion 1 for each pair of its two yes/no fields, built once at import (issue 8).
_ALLERGY = {(drug, history): _allergy(drug, history) for drug in TRI for history in TRI}


def allergy(ctx: Context) -> Outcome:
    """Exclusion 1: severe allergy/contraindication to a trial drug, or severe allergic history."""
    conditions = ctx.record.conditions
    if conditions is None:
        return _ALLERGY[None, None]
    key = (
        conditions.trial_drug_allergy_or_contraindication,
        conditions.severe_allergic_reaction_history,
    )
    outcome = _ALLERGY.get(key)
    return _allergy(*key) if outcome is None else outcome


def condition_rule(field: str, label: str) -> Callable[[Context], Outcome]:
    """An exclusion read from one field of ``conditions``."""
    path, yes, no = _condition_texts(field, label)
    table = flag_outcomes(field, path, yes, no)  # the three outcomes, built once (issue 8)
    read = attrgetter(field)

    def rule(ctx: Context) -> Outcome:
        conditions = ctx.record.conditions
        value = None if conditions is None else read(conditions)
        outcome = table.get(value)
        return flag_outcome(field, value, path, yes, no) if outcome is None else outcome

    rule.__doc__ = f"Exclusion: {label}."
    return rule


def _excepted(ctx: Context, index: int) -> Outcome:
    """Whether malignancy ``index`` falls under the protocol's exception."""
    entry = (ctx.record.malignancies or ())[index]
    path = f"$.malignancies[{index}]"
    name = f"malignancy_{index}"
    listed = None if entry.kind is None else entry.kind != "other"
    free: bool | None
    if entry.disease_free_since is None:
        free = None
        years = "disease-free since: not recorded"
    else:
        limit = add_years(entry.disease_free_since, DISEASE_FREE_YEARS)
        free = limit < ctx.on
        years = (
            f"disease-free since {entry.disease_free_since.isoformat()} "
            f"({'more' if free else 'not more'} than {DISEASE_FREE_YEARS} years)"
        )
    if ctx.reading.malignancy is MalignancyReading.LISTED_AND_DISEASE_FREE:
        excepted = all_of((listed, free))
    else:
        excepted = any_of((listed, free))
    kind = entry.kind or "type not recorded"
    excludes = negate(excepted)
    missing = []
    if excludes is None:
        if listed is None:
            missing.append(f"{path}.kind")
        if free is None:
            missing.append(f"{path}.disease_free_since")
    verdict = {True: "excludes", False: "excepted", None: "undecided"}[excludes]
    return Outcome(name, excludes, f"{kind}, {years}: {verdict}", missing=tuple(missing))


#: Exclusion 6 without a history and with an empty one (constants, shared: issue 8).
_MALIGNANCY_NOT_RECORDED = shared(
    unknown("malignancy", "malignancy history not recorded", ("$.malignancies",))
)
_NO_MALIGNANCY = shared(decided("malignancy", False, "no malignancy in the history"))  # noqa: FBT003


def malignancy(ctx: Context) -> Outcome:
    """Exclusion 6: malignant tumour, except the listed cancers disease-free for > 5 years."""
    entries = ctx.record.malignancies
    if entries is None:
        return _MALIGNANCY_NOT_RECORDED
    if not entries:
        return _NO_MALIGNANCY
    items = tuple(_excepted(ctx, i) for i in range(len(entries)))
    return combine("malignancy", items, any_of)


def _positive(value: str | None) -> bool | None:
    return None if value is None else value == "positive"


_VERDICT = {True: "active infection", False: "no", None: "undecided"}
_HBSAG, _HBCAB, _HBV_DNA = "$.serology.hbsag", "$.serology.hbcab", "$.serology.hbv_dna"
_HCV_AB, _HCV_RNA = "$.serology.hcv_antibody", "$.serology.hcv_rna"
_HIV, _SYPHILIS = "$.serology.hiv_antibody", "$.serology.syphilis"


def _shown(label: str, value: str | None) -> str:
    return f"{label} {value or 'not recorded'}"


def _hbv_item(hbsag: str | None, hbcab: str | None, dna: str | None) -> Outcome:
    """The hepatitis B item of exclusion 8 from its three tests (the general code)."""
    antigen = any_of((_positive(hbsag), _positive(hbcab)))
    hbv = all_of((antigen, _positive(dna)))
    hbv_missing: tuple[str, ...] = ()
    if hbv is None:
        hbv_missing = ((_HBV_DNA,) if dna is None else ()) + (
            tuple(p for p, v in ((_HBSAG, hbsag), (_HBCAB, hbcab)) if v is None)
            if antigen is None
            else ()
        )
    return Outcome(
        "hbv",
        hbv,
        f"hepatitis B: {_VERDICT[hbv]} ({_shown('HBsAg', hbsag)}, "
        f"{_shown('HBcAb', hbcab)}, {_shown('HBV DNA', dna)})",
        None,
        EMPTY,
        hbv_missing,
    )


def _hcv_item(hcv_ab: str | None, hcv_rna: str | None) -> Outcome:
    """The hepatitis C item of exclusion 8 from its two tests (the general code)."""
    hcv = all_of((_positive(hcv_ab), _positive(hcv_rna)))
    hcv_missing: tuple[str, ...] = ()
    if hcv is None:
        hcv_missing = tuple(p for p, v in ((_HCV_AB, hcv_ab), (_HCV_RNA, hcv_rna)) if v is None)
    return Outcome(
        "hcv",
        hcv,
        f"hepatitis C: {_VERDICT[hcv]} ({_shown('HCV antibody', hcv_ab)}, "
        f"{_shown('HCV RNA', hcv_rna)})",
        None,
        EMPTY,
        hcv_missing,
    )


def _hiv_item(hiv: str | None) -> Outcome:
    """The HIV item of exclusion 8 (the general code)."""
    hiv_met = _positive(hiv)
    return Outcome(
        "hiv",
        hiv_met,
        f"HIV: {_VERDICT[hiv_met]} ({_shown('HIV antibody', hiv)})",
        None,
        EMPTY,
        (_HIV,) if hiv_met is None else (),
    )


def _syphilis_item(syphilis: str | None) -> Outcome:
    """The syphilis item of exclusion 8 (the general code)."""
    syphilis_met = _positive(syphilis)
    return Outcome(
        "syphilis",
        syphilis_met,
        f"syphilis: {_VERDICT[syphilis_met]} ({_shown('syphilis', syphilis)})",
        None,
        EMPTY,
        (_SYPHILIS,) if syphilis_met is None else (),
    )


#: The values of a serology test (null: not recorded).
_RESULTS = ("positive", "negative", None)
#: Each item of exclusion 8 for every combination of its tests (27, 9, 3 and 3 outcomes),
#: built once at import and shared (issue 8): an item depends on nothing else, and its
#: ``values`` is the read-only EMPTY.
_HBV_ITEMS = {key: _hbv_item(*key) for key in itertools.product(_RESULTS, repeat=3)}
_HCV_ITEMS = {key: _hcv_item(*key) for key in itertools.product(_RESULTS, repeat=2)}
_HIV_ITEMS = {value: _hiv_item(value) for value in _RESULTS}
_SYPHILIS_ITEMS = {value: _syphilis_item(value) for value in _RESULTS}


def infection_serology(ctx: Context) -> Outcome:
    """Exclusion 8: HBV (HBsAg or HBcAb positive with HBV DNA above detection), HCV, HIV, syphilis.

    Truth table (Kleene logic): HBV = (HBsAg+ or HBcAb+) and HBV DNA+; HCV = HCV antibody+ and
    HCV RNA+; HIV = HIV antibody+; syphilis = syphilis test+. Excluded if any is present.
    An undecided item lists as missing only the tests that could still change it.
    """
    sero = ctx.record.serology or _NO_SEROLOGY
    hbv_key = (sero.hbsag, sero.hbcab, sero.hbv_dna)
    hcv_key = (sero.hcv_antibody, sero.hcv_rna)
    hiv, syphilis = sero.hiv_antibody, sero.syphilis
    hbv = _HBV_ITEMS.get(hbv_key)
    hcv = _HCV_ITEMS.get(hcv_key)
    hiv_item = _HIV_ITEMS.get(hiv)
    syphilis_item = _SYPHILIS_ITEMS.get(syphilis)
    items = (
        _hbv_item(*hbv_key) if hbv is None else hbv,
        _hcv_item(*hcv_key) if hcv is None else hcv,
        _hiv_item(hiv) if hiv_item is None else hiv_item,
        _syphilis_item(syphilis) if syphilis_item is None else syphilis_item,
    )
    return combine("infection_serology", items, any_of)


#: Exclusion 10 without a list and with an empty one (constants, shared: issue 8).
_TRIALS_NOT_RECORDED = shared(
    unknown(
        "other_trial_within_3_months", "other clinical trials not recorded", ("$.clinical_trials",)
    )
)
_NO_TRIAL = shared(
    decided("other_trial_within_3_months", False, "no treatment in another clinical trial")  # noqa: FBT003
)


def other_trial(ctx: Context) -> Outcome:
    """Exclusion 10: treatment in another clinical trial within 3 months."""
    name = "other_trial_within_3_months"
    trials = ctx.record.clinical_trials
    if trials is None:
        return _TRIALS_NOT_RECORDED
    if not trials:
        return _NO_TRIAL
    start = add_months(ctx.on, -TRIAL_WINDOW_MONTHS)
    items = []
    for index, trial in enumerate(trials):
        path = f"$.clinical_trials[{index}].last_treatment_date"
        when = trial.last_treatment_date
        if when is None:
            items.append(
                unknown(f"trial_{index}", "last trial treatment date not recorded", (path,))
            )
            continue
        within = when >= start
        items.append(
            decided(
                f"trial_{index}",
                within,
                f"last trial treatment {when.isoformat()} "
                f"({'within' if within else 'before'} the 3 months from {start.isoformat()})",
            )
        )
    return combine(name, items, any_of)


def _pregnancy(
    sex: str | None,
    pregnant: bool | None,  # noqa: FBT001
    planning: bool | None,  # noqa: FBT001
    hcg_positive: bool,  # noqa: FBT001
) -> Outcome:
    """Exclusion 11 from its fields (the general code)."""
    name = "pregnant_or_planning"
    female = None if sex is None else sex == "female"
    if female is False:
        return decided(name, False, "not applicable: male")  # noqa: FBT003
    items: tuple[Outcome, ...] = (
        flag_outcome("pregnant", pregnant, "$.patient.pregnant", "pregnant", "not pregnant"),
        flag_outcome(
            "planning_pregnancy",
            planning,
            "$.patient.planning_pregnancy",
            "intends to conceive",
            "does not intend to conceive",
        ),
    )
    if hcg_positive:
        items = (*items, decided("hcg_positive", True, "serum HCG positive"))  # noqa: FBT003
    outcome = combine(name, items, any_of)
    if female is None and outcome.met is not False:
        present = outcome.met
        if present is True:
            return outcome
        return with_missing(outcome, ("$.patient.sex", *outcome.missing))
    return outcome


#: Exclusion 11 for every combination of its fields (54), built once at import and shared
#: with read-only values (issue 8).
_PREGNANCY = {
    key: shared(_pregnancy(*key)) for key in itertools.product(_SEXES, TRI, TRI, (True, False))
}


def pregnancy(ctx: Context) -> Outcome:
    """Exclusion 11: pregnant or intending to conceive (women)."""
    patient = ctx.record.patient or _NO_PATIENT
    test = ctx.record.hcg
    key = (
        patient.sex,
        patient.pregnant,
        patient.planning_pregnancy,
        test is not None and test.result == "positive",
    )
    outcome = _PREGNANCY.get(key)
    return _pregnancy(*key) if outcome is None else outcome


_OTHER_REASONS = (
    "other_reasons",
    "$.investigator.other_reasons_to_exclude",
    "other reasons to exclude (investigator)",
    "no other reasons to exclude (investigator)",
)
_OTHER_REASONS_OUTCOMES = flag_outcomes(*_OTHER_REASONS)


def other_reasons(ctx: Context) -> Outcome:
    """Exclusion 12: other reasons, in the investigator's opinion."""
    inv = ctx.record.investigator
    value = None if inv is None else inv.other_reasons_to_exclude
    outcome = _OTHER_REASONS_OUTCOMES.get(value)
    if outcome is None:  # pragma: no cover - a read record holds true, false or null
        name, path, yes, no = _OTHER_REASONS
        return flag_outcome(name, value, path, yes, no)
    return outcome
